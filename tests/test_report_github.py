"""GitHub workflow commands: exact lines, escaping, levels, paths from the repository root, SARIF rebasing."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from sarif_check import assert_valid_sarif

from scanner.catalog import ALL_RULES
from scanner.model import (
    Finding,
    InventoryRef,
    Level,
    Notice,
    NoticeLevel,
    RunResult,
    Skip,
    SkipReason,
    Span,
    Suppression,
)
from scanner.report import Format, render
from scanner.report.github import (
    command,
    escape_data,
    escape_property,
    path_prefix_for,
    rebase_sarif,
    rebase_sarif_file,
    render_github,
    repository_root,
)
from scanner.report.sarif import render_sarif


def finding(rule_id: str, level: Level, path: str, span: Span, message: str, **kw: Any) -> Finding:
    return Finding(
        rule_id=rule_id,
        level=level,
        message=message,
        path=path,
        span=span,
        categories=("user.content",),
        identity=f"{rule_id}:{path}:{span.start_line}",
        line_hash=f"{span.start_line:016x}:1",
        **kw,
    )


FINDINGS = (
    finding("PS401", Level.ERROR, "app/chat.py", Span(7, 5, 7, 30), "user.content is written to a log."),
    finding("PS101", Level.WARNING, "app/forms.py", Span(8, 5, 8, 20), "user.contact.email is collected."),
    finding(
        "PS201", Level.ERROR, "app/llm.py", Span(48, 22, 53, 6), "Data (user.content) is sent to OpenAI, 100% of it.",
    ),
    finding(
        "PS901", Level.NOTE, "privacy-inventory.toml", Span(3, 1, 3, 40), "user.name is declared but never collected.",
        declaration=InventoryRef("privacy-inventory.toml", 3, "[[collect]]"),
    ),
    finding(
        "PS401", Level.ERROR, "app/chat.py", Span(9, 5, 9, 30), "user.content is written to a log.",
        suppression=Suppression(9, ("PS401",), "reviewed in SEC-42"),
    ),
)
SKIPS = (
    Skip("app/broken.py", SkipReason.SYNTAX_ERROR, "invalid syntax", line=3, column=7),
    Skip("app/blob.py", SkipReason.NULL_BYTES, "file contains null bytes"),
)
NOTICES = (
    Notice(NoticeLevel.WARNING, "unused suppression of PS101", "app/forms.py", 12, code="unused-suppression"),
    Notice(NoticeLevel.NOTE, "semgrep packs are disabled"),
)


def scan_run(**changes: Any) -> RunResult:
    run = RunResult(
        root="/srv/repo",
        tool_version="0.1.0",
        command="scan",
        observations=(),
        findings=FINDINGS,
        skips=SKIPS,
        notices=NOTICES,
        rules=ALL_RULES,
        inventory_path="privacy-inventory.toml",
        files_scanned=12,
    )
    return dataclasses.replace(run, **changes)


def test_every_unsuppressed_finding_skip_and_notice_is_one_command() -> None:
    assert render_github(scan_run()).splitlines() == [
        "::error file=app/chat.py,line=7,col=5,endLine=7,endColumn=30,title=PS401 forbidden-category-logged"
        "::user.content is written to a log.",
        "::warning file=app/forms.py,line=8,col=5,endLine=8,endColumn=20,title=PS101 undeclared-collection"
        "::user.contact.email is collected.",
        # Several lines: GitHub takes no columns then.
        "::error file=app/llm.py,line=48,endLine=53,title=PS201 undeclared-recipient"
        "::Data (user.content) is sent to OpenAI, 100%25 of it.",
        "::notice file=privacy-inventory.toml,line=3,col=1,endLine=3,endColumn=40,title=PS901 unused-declaration"
        "::user.name is declared but never collected.",
        "::error file=app/broken.py,line=3,col=7,title=policyscan could not analyse (syntax-error)::invalid syntax",
        "::error file=app/blob.py,title=policyscan could not analyse (null-bytes)::file contains null bytes",
        "::warning file=app/forms.py,line=12,title=policyscan unused-suppression::unused suppression of PS101",
        "::notice title=policyscan::semgrep packs are disabled",
        "policyscan: 4 findings (2 errors, 1 warning, 1 note) in 12 files; 1 suppressed; "
        "2 files could not be analysed.",
    ]


def test_clean_run_is_one_summary_line() -> None:
    run = scan_run(findings=(), skips=(), notices=(), files_scanned=1)
    assert render_github(run) == "policyscan: 0 findings (0 errors, 0 warnings, 0 notes) in 1 file.\n"


def test_paths_are_from_the_repository_root() -> None:
    lines = render_github(scan_run(findings=FINDINGS[:1], notices=NOTICES[1:]), path_prefix="services/api/")
    assert lines.splitlines()[:3] == [
        "::error file=services/api/app/chat.py,line=7,col=5,endLine=7,endColumn=30,"
        "title=PS401 forbidden-category-logged::user.content is written to a log.",
        "::error file=services/api/app/broken.py,line=3,col=7,title=policyscan could not analyse (syntax-error)"
        "::invalid syntax",
        "::error file=services/api/app/blob.py,title=policyscan could not analyse (null-bytes)"
        "::file contains null bytes",
    ]


def test_an_inventory_outside_the_root_keeps_its_absolute_path() -> None:
    outside = dataclasses.replace(FINDINGS[3], path="/etc/policy/inventory.toml")
    text = render_github(scan_run(findings=(outside,), skips=(), notices=()), path_prefix="svc/")
    assert text.splitlines()[0].startswith("::notice file=/etc/policy/inventory.toml,line=3,")


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),  # an escape in the text stays literal
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_properties_and_message_are_escaped_in_commands() -> None:
    weird = dataclasses.replace(
        FINDINGS[0], path="app/a,b:c%.py", message="first line\nsecond: 5%, done", rule_id="PS401"
    )
    assert render_github(scan_run(findings=(weird,), skips=(), notices=())).splitlines()[0] == (
        "::error file=app/a%2Cb%3Ac%25.py,line=7,col=5,endLine=7,endColumn=30,title=PS401 forbidden-category-logged"
        "::first line%0Asecond: 5%25, done"
    )


def test_command_without_properties() -> None:
    assert command("notice", "hello", ()) == "::notice::hello"
    assert command("warning", "x", (("file", None), ("line", 3))) == "::warning line=3::x"


def test_render_dispatches_github() -> None:
    assert render(scan_run(), Format.GITHUB, path_prefix="svc/") == render_github(scan_run(), path_prefix="svc/")
    assert Format("github") is Format.GITHUB


@pytest.mark.parametrize(
    ("layout", "workspace", "root", "expected"),
    [
        ("git", None, "", ""),
        ("git", None, "services/api", "services/api/"),
        ("none", None, "services/api", ""),
        # $GITHUB_WORKSPACE wins over a nested .git when it holds the root.
        ("git", "", "services/api", "services/api/"),
        ("nested-git", "", "services/api", "services/api/"),
        ("nested-git", None, "services/api", ""),
        # A workspace that does not hold the root is ignored.
        ("git", "/nonexistent/elsewhere", "services/api", "services/api/"),
    ],
)
def test_path_prefix_for(tmp_path: Path, layout: str, workspace: str | None, root: str, expected: str) -> None:
    repo = tmp_path / "repo"
    scan_root = repo / root if root else repo
    scan_root.mkdir(parents=True)
    if layout == "git":
        (repo / ".git").mkdir()
    elif layout == "nested-git":
        (scan_root / ".git").mkdir(exist_ok=True)
    environ = {} if workspace is None else {"GITHUB_WORKSPACE": workspace or str(repo)}
    assert path_prefix_for(scan_root, environ) == expected


def test_repository_root_finds_a_git_file_too(tmp_path: Path) -> None:
    # A worktree or submodule has a `.git` file, not a folder.
    (tmp_path / "repo" / "pkg").mkdir(parents=True)
    (tmp_path / "repo" / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    assert repository_root(tmp_path / "repo" / "pkg", {}) == (tmp_path / "repo").resolve()


def sarif_run(root: str) -> RunResult:
    return scan_run(root=root, findings=FINDINGS, skips=SKIPS[:1], notices=NOTICES[:1])


def uris(log: dict[str, Any]) -> list[str]:
    """Every artifact URI of the log with its base, in document order."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if "uri" in value:
                found.append(f"{value.get('uriBaseId', '')}|{value['uri']}")
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(log["runs"][0]["results"])
    walk(log["runs"][0]["invocations"])
    return found


def test_rebase_sarif_puts_the_scan_root_folder_in_front() -> None:
    text = render_sarif(sarif_run("/work/repo/services/my api"))
    rebased = rebase_sarif(text, "/work/repo")
    assert_valid_sarif(rebased)
    log = json.loads(rebased)
    assert log["runs"][0]["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///work/repo/"}}
    before = uris(json.loads(text))
    after = uris(log)
    assert before and len(before) == len(after)
    assert after == [
        uri.replace("%SRCROOT%|", "%SRCROOT%|services/my%20api/") if uri.startswith("%SRCROOT%|") else uri
        for uri in before
    ]
    assert "%SRCROOT%|services/my%20api/app/chat.py" in after
    # Fingerprints are of content, not paths: unchanged.
    fingerprints = [r["partialFingerprints"] for r in log["runs"][0]["results"]]
    assert fingerprints == [r["partialFingerprints"] for r in json.loads(text)["runs"][0]["results"]]


@pytest.mark.parametrize("root", ["/work/repo", "/elsewhere/repo"])
def test_rebase_sarif_leaves_a_root_scan_or_an_outside_root_alone(root: str) -> None:
    text = render_sarif(sarif_run(root))
    assert rebase_sarif(text, "/work/repo") is text


def test_rebase_sarif_file_rewrites_in_place(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    sarif = tmp_path / "out.sarif"
    sarif.write_text(render_sarif(sarif_run((repo / "sub").as_posix())), encoding="utf-8")
    rebase_sarif_file(str(sarif), str(repo))
    assert "%SRCROOT%|sub/app/chat.py" in uris(json.loads(sarif.read_text(encoding="utf-8")))


INVENTORY = """\
version = 1
policy = "Test policy"

[logging]
deny = ["user.content"]
section = "2.1"
"""
LOGS_PROMPT = """\
import logging


def answer(prompt):
    logging.info("prompt: %s", prompt)
"""
CLEAN = """\
import logging


def answer(prompt):
    logging.info("answering")
"""
TREES = {
    "violating": ({"app/chat.py": LOGS_PROMPT}, 1),
    "clean": ({"app/chat.py": CLEAN}, 0),
    "broken": ({"app/chat.py": CLEAN, "app/broken.py": "def (:\n"}, 3),
    "bad-inventory": ({"app/chat.py": LOGS_PROMPT, "privacy-inventory.toml": "version = [\n"}, 2),
}


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from scanner.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), out, err


@pytest.mark.parametrize("tree", sorted(TREES))
@pytest.mark.parametrize("fmt", [fmt.value for fmt in Format])
def test_exit_code_does_not_depend_on_the_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tree: str, fmt: str
) -> None:
    files, expected = TREES[tree]
    for name, content in {"privacy-inventory.toml": INVENTORY, **files}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    code, out, err = cli(["scan", str(tmp_path), "--format", fmt], capsys)
    assert code == expected, err
    if expected == 2:
        assert out == ""
        assert "privacy-inventory.toml:1" in err


def test_cli_github_format_names_files_from_the_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    service = tmp_path / "services" / "chat"
    (service / "app").mkdir(parents=True)
    (service / "privacy-inventory.toml").write_text(INVENTORY, encoding="utf-8")
    (service / "app" / "chat.py").write_text(LOGS_PROMPT, encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    code, out, err = cli(["scan", str(service), "--format", "github"], capsys)
    assert code == 1, err
    assert out.splitlines() == [
        "::error file=services/chat/app/chat.py,line=5,col=5,endLine=5,endColumn=39,"
        "title=PS401 forbidden-category-logged::user.content is written to a log, which the policy inventory "
        "does not allow. Observed: user.content is written to a log by logging.info().",
        "policyscan: 1 finding (1 error, 0 warnings, 0 notes) in 1 file.",
    ]
