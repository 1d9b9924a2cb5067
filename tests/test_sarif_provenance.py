"""SARIF's versionControlProvenance: where the scanned tree comes from, when git can say it exactly."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_support import INVENTORY, VIEWS, cli
from sarif_check import assert_valid_sarif

from scanner.vcs import provenance, repository_uri


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )
    return proc.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A committed Flask app on branch 'main', cloned (as CI clones) with a token in its remote URL."""
    root = tmp_path / "app"
    (root / "app").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "privacy-inventory.toml").write_text(INVENTORY, encoding="utf-8")
    (root / "app/views.py").write_text(VIEWS, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    git(root, "remote", "add", "origin", "https://ci-token:SECRET@github.com/acme/app.git")
    return root


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("https://github.com/acme/app.git", "https://github.com/acme/app"),
        ("https://github.com/acme/app", "https://github.com/acme/app"),
        # a CI clone's credentials never reach the log
        ("https://x-access-token:SECRET@github.com/acme/app.git/", "https://github.com/acme/app"),
        ("HTTPS://gitlab-ci-token:SECRET@gitlab.example.com:8443/group/sub/app.git", "https://gitlab.example.com:8443/group/sub/app"),
        ("git@github.com:acme/app.git", "ssh://github.com/acme/app"),
        ("ssh://git@gitlab.com:2222/group/app.git", "ssh://gitlab.com:2222/group/app"),
        ("git://example.org/app", "git://example.org/app"),
        ("https://example.org/my repo.git", "https://example.org/my%20repo"),
        # a local path, another scheme or no repository path: no URI
        ("/srv/git/app.git", None),
        ("../app", None),
        ("C:/repos/app", None),
        ("file:///srv/git/app.git", None),
        ("https://github.com/", None),
    ],
)
def test_repository_uri_from_a_remote_url(remote: str, expected: str | None) -> None:
    assert repository_uri(remote) == expected


def sarif_provenance(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code, out, err = cli(["scan", str(root), "--no-cache", "--format", "sarif", *args], capsys)
    assert code == 1, err
    return assert_valid_sarif(out)["runs"][0].get("versionControlProvenance")


def test_a_checkout_root_carries_its_repository_commit_and_branch(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = git(repo, "rev-parse", "HEAD")
    expected = [{"repositoryUri": "https://github.com/acme/app", "revisionId": head, "branch": "main",
                 "mappedTo": {"uriBaseId": "%SRCROOT%"}}]
    first = cli(["scan", str(repo), "--no-cache", "--format", "sarif"], capsys)[1]
    assert "SECRET" not in first and "ci-token" not in first
    assert assert_valid_sarif(first)["runs"][0]["versionControlProvenance"] == expected
    # a report written into the tree (untracked) leaves the next log byte for byte the same
    (repo / "results.sarif").write_text(first, encoding="utf-8")
    assert cli(["scan", str(repo), "--no-cache", "--format", "sarif"], capsys)[1] == first
    # --sarif-output carries it too
    code, _, _ = cli(["scan", str(repo), "--no-cache", "--sarif-output", str(repo / "again.sarif")], capsys)
    assert code == 1 and (repo / "again.sarif").read_text(encoding="utf-8") == first


def test_a_changed_tracked_file_drops_the_revision_and_a_detached_head_the_branch(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The results are not the commit's once a tracked file differs from it.
    views = repo / "app/views.py"
    views.write_text(VIEWS + "\n# edited\n", encoding="utf-8")
    assert sarif_provenance(repo, capsys) == [
        {"repositoryUri": "https://github.com/acme/app", "branch": "main", "mappedTo": {"uriBaseId": "%SRCROOT%"}}
    ]
    views.write_text(VIEWS, encoding="utf-8")
    head = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "--detach")  # as CI checks out a pull request's merge commit
    assert sarif_provenance(repo, capsys) == [
        {"repositoryUri": "https://github.com/acme/app", "revisionId": head, "mappedTo": {"uriBaseId": "%SRCROOT%"}}
    ]


def test_the_branch_remote_is_preferred_to_origin(repo: Path) -> None:
    git(repo, "remote", "add", "upstream", "git@github.com:acme/app-upstream.git")
    git(repo, "config", "branch.main.remote", "upstream")
    found = provenance(repo)
    assert found is not None and found.repository_uri == "ssh://github.com/acme/app-upstream"


def test_no_provenance_without_an_exact_one(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A sub-folder's SARIF names files from that folder, not the repository's paths: a viewer
    # fetching REPOSITORY/REVISION/PATH would get the wrong file.
    sub = repo / "app"
    (sub / "privacy-inventory.toml").write_text(INVENTORY, encoding="utf-8")
    assert sarif_provenance(sub, capsys) is None
    git(repo, "remote", "set-url", "origin", "/srv/git/app.git")  # a local path is no repository URI
    assert sarif_provenance(repo, capsys) is None
    git(repo, "remote", "remove", "origin")
    assert sarif_provenance(repo, capsys) is None
    plain = tmp_path / "plain"  # not a git work tree at all
    plain.mkdir()
    (plain / "privacy-inventory.toml").write_text(INVENTORY, encoding="utf-8")
    (plain / "views.py").write_text(VIEWS, encoding="utf-8")
    assert sarif_provenance(plain, capsys) is None
    assert provenance(plain) is None


def test_other_formats_ask_git_nothing(repo: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import scanner.vcs

    def refuse(root: Path) -> None:
        raise AssertionError("provenance asked for a format without SARIF")

    monkeypatch.setattr(scanner.vcs, "provenance", refuse)
    for fmt in ("text", "json", "github", "markdown"):
        assert cli(["scan", str(repo), "--no-cache", "--format", fmt], capsys)[0] == 1
    assert "versionControlProvenance" not in json.dumps(
        json.loads(cli(["scan", str(repo), "--no-cache", "--format", "json"], capsys)[1]))
