"""Changed-files scans (`--diff REF`, `--staged`) on real temporary git repositories.

The whole tree is analysed, so what unchanged files contribute (a helper's summary, the
cookies the project sets, the declarations other code exercises) still counts; only what
lies in changed files is reported.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cli_support import cli

from scanner.vcs import GitError, changed_since, staged

INVENTORY = """\
version = 1
policy = "Test policy"

[[collect]]
categories = ["user.contact.email"]
purposes = ["account"]
section = "2.1"

[[collect]]
categories = ["user.name"]
purposes = ["profile"]
section = "2.2"

[[cookies]]
name = "session"
purpose = "security"
section = "10.1 Cookies"
secure = true
httponly = true
samesite = "Lax"

[logging]
allow = ["user.unique_id"]
section = "2.1 Log Information"
"""

HELPERS = """\
from flask import request


def current_email():
    return request.form["email"]
"""

AUTH = """\
from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    response = make_response("ok")
    response.set_cookie("session", "abc", secure=True, httponly=True, samesite="Lax")
    return response
"""

LEGACY = """\
import logging

from app.helpers import current_email

log = logging.getLogger(__name__)


def old_signup():
    log.warning("legacy signup %s", current_email())
"""

VIEWS = """\
import logging

from app.auth import app
from app.helpers import current_email

log = logging.getLogger(__name__)


@app.post("/signup")
def signup():
    value = current_email()
    return "ok"
"""

VIEWS_LOGGING = VIEWS.replace('    return "ok"\n', '    log.info("signup from %s", value)\n    return "ok"\n')

LOGGED = (
    "PS401 [error] user.contact.email is written to a log, which the policy inventory does not allow. "
    "Observed: user.contact.email is written to a log by logging.info()."
)
TABLES = ["By rule:", "  1  PS401 forbidden-category-logged", "By category:", "  1  user.contact.email"]
DECLARED = "    privacy-inventory.toml:22:1: note: [logging] declared here"  # the line PS401 compared with


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )
    return proc.stdout


def write(repo: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A committed tree: a helper, a cookie set at login, a legacy file that logs an email, clean views."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(root, {
        "privacy-inventory.toml": INVENTORY,
        "app/__init__.py": "",
        "app/helpers.py": HELPERS,
        "app/auth.py": AUTH,
        "app/legacy.py": LEGACY,
        "app/views.py": VIEWS,
    })
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root


def summary(findings: int, files: int, notes: int = 0) -> str:
    """The text summary: `files` counts the changed Python files reported on, not the tree analysed."""
    errors = findings - notes
    return (
        f"Found {findings} finding{'s' if findings != 1 else ''} ({errors} error{'s' if errors != 1 else ''}, "
        f"0 warnings, {notes} note{'s' if notes != 1 else ''}) in {files} file{'s' if files != 1 else ''}."
    )


def test_the_full_scan_sees_the_legacy_finding(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["scan", str(repo)], capsys)
    assert out.splitlines()[0] == f"app/legacy.py:9:5: {LOGGED.replace('logging.info', 'logging.warning')}"
    assert code == 1


def test_a_change_that_logs_an_unchanged_helpers_result_is_caught(repo: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"app/views.py": VIEWS_LOGGING})
    # Named on the command line (as pre-commit names staged files), the file is reported with what
    # the rest of the tree says: the helper's summary counts, app/legacy.py's finding is not reported...
    _, out, _ = cli(["scan", "--root", str(repo), str(repo / "app" / "views.py")], capsys)
    assert [line for line in out.splitlines() if line.startswith("app/")] == [f"app/views.py:12:5: {LOGGED}"]
    # ...and with --diff the helper (app/helpers.py, unchanged) is analysed too; app/legacy.py's own
    # finding is not reported.
    code, out, err = cli(["scan", str(repo), "--diff", "HEAD"], capsys)
    assert out.splitlines() == [f"app/views.py:12:5: {LOGGED}", DECLARED, "", summary(1, 1), *TABLES]
    assert code == 1, err


def test_nothing_changed_reports_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["scan", str(repo), "--diff", "HEAD"], capsys)
    assert (code, out) == (0, summary(0, 0) + "\n")


def test_staged_reports_only_what_is_in_the_index(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"app/views.py": VIEWS_LOGGING})
    code, out, _ = cli(["scan", str(repo), "--staged"], capsys)
    assert (code, out) == (0, summary(0, 0) + "\n")
    git(repo, "add", "app/views.py")
    code, out, _ = cli(["scan", str(repo), "--staged"], capsys)
    assert out.splitlines() == [f"app/views.py:12:5: {LOGGED}", DECLARED, "", summary(1, 1), *TABLES]
    assert code == 1


def test_untracked_files_count_for_diff_but_not_for_staged(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"app/new.py": VIEWS_LOGGING, "ignored/gen.py": VIEWS_LOGGING, ".gitignore": "ignored/\n"})
    code, out, _ = cli(["scan", str(repo), "--diff", "HEAD"], capsys)
    assert out.splitlines() == [f"app/new.py:12:5: {LOGGED}", DECLARED, "", summary(1, files=1), *TABLES]
    assert code == 1
    code, out, _ = cli(["scan", str(repo), "--staged"], capsys)
    assert (code, out) == (0, summary(0, files=0) + "\n")


def test_cookies_set_in_unchanged_files_still_count(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reads = VIEWS.replace('    value = current_email()\n', '    value = request.cookies.get("session")\n').replace(
        "from app.auth import app\n", "from flask import request\n\nfrom app.auth import app\n"
    )
    write(repo, {"app/views.py": reads})
    # Named alone on the command line, the file is still seen with the rest of the tree: the project
    # sets that cookie itself (app/auth.py, unchanged), so reading it collects nothing...
    code, out, _ = cli(["scan", "--root", str(repo), str(repo / "app" / "views.py")], capsys)
    assert "PS101" not in out and code == 0
    # ...and the same holds for a --diff run.
    code, out, _ = cli(["scan", str(repo), "--diff", "HEAD"], capsys)
    assert (code, out) == (0, summary(0, 1) + "\n")


def test_inventory_notes_only_when_the_inventory_changed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["scan", str(repo), "--diff", "HEAD", "--fail-on", "note"], capsys)
    assert (code, out) == (0, summary(0, 0) + "\n")
    write(repo, {"privacy-inventory.toml": INVENTORY.replace('section = "2.2"', 'section = "2.2 Profile"')})
    code, out, _ = cli(["scan", str(repo), "--diff", "HEAD", "--fail-on", "note"], capsys)
    # user.contact.email is collected only in app/helpers.py, unchanged: still no note for it.
    assert out.splitlines() == [
        "privacy-inventory.toml:10:15: PS901 [note] Collected category user.name is declared but never observed in "
        "the scanned code.",
        "",
        summary(1, 0, notes=1),
        "By rule:",
        "  1  PS901 unused-declaration",
        "By category:",
        "  1  user.name",
    ]
    assert code == 1


def test_paths_narrow_what_is_reported_not_what_is_analysed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"app/views.py": VIEWS_LOGGING, "tools/report.py": VIEWS_LOGGING})
    code, out, _ = cli(["scan", "--root", str(repo), str(repo / "app"), "--diff", "HEAD"], capsys)
    assert out.splitlines() == [f"app/views.py:12:5: {LOGGED}", DECLARED, "", summary(1, files=1), *TABLES]
    assert code == 1


def test_suppression_notices_of_unchanged_files_are_not_reported(repo: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"app/legacy.py": LEGACY + "x = 1  # policyscan: ignore[PS101] stale\n"})
    git(repo, "commit", "-q", "-am", "stale suppression")
    write(repo, {"app/views.py": VIEWS_LOGGING.replace(
        'value)\n', 'value)  # policyscan: ignore[PS401] reviewed in SEC-42\n')})
    code, out, _ = cli(["scan", str(repo), "--diff", "HEAD"], capsys)
    assert (code, out) == (0, summary(0, 1)[:-1] + "; 1 suppressed.\n")


def test_a_root_below_the_repository_top(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"app/views.py": VIEWS_LOGGING})
    assert changed_since(repo / "app", "HEAD") == {"views.py"}
    assert changed_since(repo, "HEAD~0") == {"app/views.py"}
    git(repo, "rm", "-q", "app/legacy.py")
    assert staged(repo) == frozenset()  # a deleted file holds nothing to report


def test_since_an_older_commit(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"app/views.py": VIEWS_LOGGING})
    git(repo, "commit", "-q", "-am", "log signups")
    assert changed_since(repo, "HEAD") == frozenset()
    assert changed_since(repo, "HEAD~1") == {"app/views.py"}


def test_not_a_git_repository_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    for flag, what in ((["--diff", "HEAD"], "--diff"), (["--staged"], "--staged")):
        code, out, err = cli(["scan", str(tmp_path), *flag], capsys)
        assert (code, out, err) == (
            2, "", f"policyscan: error: {tmp_path}: not inside a git repository ({what} asks git which files changed)\n"
        )


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=x", "HEAD~5"])
def test_unknown_ref_exits_2(repo: Path, capsys: pytest.CaptureFixture[str], ref: str) -> None:
    code, out, err = cli(["scan", str(repo), f"--diff={ref}"], capsys)
    assert (code, out, err) == (
        2, "",
        f"policyscan: error: {repo}: --diff {ref}: unknown revision: not a branch, tag or commit of this repository "
        "(in CI, fetch it first: a shallow clone holds only the checked-out commit)\n",
    )
    assert not (repo / "x").exists()


def test_diff_before_the_first_commit_says_there_is_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # It said "not a branch, tag or commit ... (in CI, fetch it first ...)", advice that cannot help.
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(root, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    assert cli(["scan", str(root), "--diff", "HEAD"], capsys) == (
        2, "",
        f"policyscan: error: {root}: --diff HEAD: unknown revision: the repository has no commit yet"
        " (every file is new: scan without --diff)\n",
    )


def test_diff_and_staged_together_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(["scan", str(repo), "--diff", "HEAD", "--staged"], capsys)
    assert code == 2 and err.endswith("Error: --diff and --staged cannot be used together\n")


def test_git_missing_is_a_clear_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    with pytest.raises(GitError) as error:
        staged(repo)
    assert [str(p) for p in error.value.problems] == [f"{repo}: --staged needs git, which is not installed or not on PATH"]


@pytest.mark.parametrize("which", [["--diff", "HEAD"], ["--staged"]])
def test_a_named_file_that_exclude_covers_is_said_with_diff_or_staged(
        repo: Path, capsys: pytest.CaptureFixture[str], which: list[str]) -> None:
    # Without --diff/--staged a named excluded file is left out with a warning; with them the
    # changed files decide what is reported and the warning was lost: the file gave no word.
    write(repo, {"pyproject.toml": '[tool.policyscan]\nexclude = ["app/gen*.py"]\n',
                 "app/generated.py": VIEWS_LOGGING, "app/views.py": VIEWS_LOGGING})
    git(repo, "add", "-A")
    code, out, _ = cli(["scan", "--root", str(repo), str(repo / "app" / "generated.py"), str(repo / "app" / "views.py"),
                        *which], capsys)
    assert out.splitlines() == [
        f"app/views.py:12:5: {LOGGED}",
        DECLARED,
        "app/generated.py: warning: left out: excluded by 'app/gen*.py' (exclude in [tool.policyscan])",
        "", summary(1, files=1), *TABLES]
    assert code == 1  # the warning does not change the exit code: the finding does


def test_a_named_folder_that_exclude_covers_is_said_with_diff(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"pyproject.toml": '[tool.policyscan]\nexclude = ["generated"]\n',
                 "generated/views.py": VIEWS_LOGGING, "app/views.py": VIEWS_LOGGING})
    code, out, _ = cli(["scan", "--root", str(repo), str(repo / "generated"), str(repo / "app"), "--diff", "HEAD"], capsys)
    assert out.splitlines() == [
        f"app/views.py:12:5: {LOGGED}",
        DECLARED,
        "generated: warning: left out: excluded by 'generated' (exclude in [tool.policyscan])",
        "", summary(1, files=1), *TABLES]
    assert code == 1
