"""GitHub workflow commands: exact lines, escaping, levels, paths from the repository root, SARIF rebasing."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import report_fixtures
from report_fixtures import NOTICES, SKIPS
from sarif_check import assert_valid_sarif

from scanner.model import (
    Finding,
    InventoryRef,
    Level,
    Notice,
    NoticeLevel,
    RunResult,
    Span,
    Suppression,
)
from scanner.report import Format, render
from scanner.report.github import (
    categorise_sarif,
    command,
    escape_data,
    escape_property,
    path_prefix_for,
    prepare_sarif_file,
    rebase_sarif,
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
def scan_run(**changes: Any) -> RunResult:
    return report_fixtures.scan_run(changes.pop("findings", FINDINGS), **changes)


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


def test_summary_counts_findings_in_the_baseline_and_bare_suppressions() -> None:
    # The text summary counts both; so does this line (docs/baselines.md, docs/suppressions.md).
    old = finding("PS401", Level.ERROR, "app/chat.py", Span(4, 5, 4, 30), "user.content is logged.",
                  baseline_state="unchanged")
    bare = Notice(NoticeLevel.WARNING, "bare", "app/chat.py", 9, code="bare-suppression")
    run = scan_run(findings=(old,), skips=(), notices=(bare,), files_scanned=3)
    assert render_github(run).splitlines()[-1] == (
        "policyscan: 0 findings (0 errors, 0 warnings, 0 notes) in 3 files; 1 in the baseline; 1 bare suppression ignored."
    )


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


@pytest.mark.parametrize(("category", "expected"), [("policyscan/chat", "policyscan/chat/"), ("svc/", "svc/")])
def test_categorise_sarif_sets_the_automation_id(category: str, expected: str) -> None:
    # upload-sarif's `category` applies only to runs without automationDetails; policyscan writes one.
    text = render_sarif(sarif_run("/work/repo"))
    assert json.loads(text)["runs"][0]["automationDetails"] == {"id": "policyscan/"}
    categorised = categorise_sarif(text, category)
    assert_valid_sarif(categorised)
    assert json.loads(categorised)["runs"][0]["automationDetails"] == {"id": expected}


@pytest.mark.parametrize("category", ["", "/"])
def test_categorise_sarif_refuses_an_empty_category(category: str) -> None:
    with pytest.raises(ValueError, match="category must not be empty"):
        categorise_sarif(render_sarif(sarif_run("/work/repo")), category)


def test_prepare_sarif_file_rebases_and_categorises_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    sarif = tmp_path / "out.sarif"
    sarif.write_text(render_sarif(sarif_run((repo / "sub").as_posix())), encoding="utf-8")
    repo.mkdir()
    assert cli(["sarif-for-github", str(sarif), "--repository", str(repo), "--category", "policyscan/sub"], capsys)[0] == 0
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert "%SRCROOT%|sub/app/chat.py" in uris(log)
    assert log["runs"][0]["automationDetails"] == {"id": "policyscan/sub/"}


def test_prepare_sarif_file_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.sarif"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = cli(["sarif-for-github", str(broken), "--repository", str(tmp_path), "--category", "x"], capsys)
    assert code == 2
    assert err.startswith(f"policyscan: error: {broken}: Expecting property name")
    with pytest.raises(OSError):
        prepare_sarif_file(str(tmp_path / "missing.sarif"), repository=str(tmp_path), category="x")


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
        # nothing but, in GitHub's format, the annotation of the line to edit
        assert out == ("" if fmt != "github" else
                       f"::error file={tmp_path.resolve() / 'privacy-inventory.toml'},line=1,col=12,"
                       "title=policyscan inventory error::invalid TOML: Invalid value at end of file\n")
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


@pytest.mark.parametrize(("pyproject", "inventory", "expected"), [
    # the inventory's line and column, from the repository root, titled by what is broken
    ("", "version = 1\npolicy = 'p'\n[[collect]]\ncategories = ['user.contact.emial']\npurposes = ['x']\n"
     "section = 's'\n",
     "::error file=services/chat/privacy-inventory.toml,line=4,col=15,title=policyscan inventory error::"
     "unknown data category 'user.contact.emial' (did you mean 'user.contact.email'?)"),
    ("[tool.policyscan]\nexclud = ['x']\n", None,
     "::error file=services/chat/pyproject.toml,line=2,col=1,title=policyscan configuration error::"
     "unknown key 'exclud' in [tool.policyscan] (did you mean 'exclude'?)"),
])
def test_a_broken_inventory_or_configuration_is_annotated_at_its_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    pyproject: str, inventory: str | None, expected: str,
) -> None:
    # In CI a scan stopped by the inventory (exit 2) said so only in the step's log: the line to
    # edit was not annotated, on the run or on the pull request's diff, as findings are.
    service = tmp_path / "services" / "chat"
    (service / "app").mkdir(parents=True)
    (service / "privacy-inventory.toml").write_text(inventory or INVENTORY, encoding="utf-8")
    if pyproject:
        (service / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    (service / "app" / "chat.py").write_text(LOGS_PROMPT, encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    code, out, err = cli(["scan", str(service), "--format", "github"], capsys)
    assert code == 2
    assert out.splitlines() == [expected]
    assert err.startswith("policyscan: error: ")  # the message for the log, as in every format


def test_problems_outside_any_repository_or_in_no_file_keep_their_path_or_none(tmp_path: Path) -> None:
    from scanner.errors import Problem
    from scanner.report.github import render_problems

    (tmp_path / "inv.toml").write_text("", encoding="utf-8")
    problems = [Problem(str(tmp_path / "inv.toml"), 3, "bad", column=2), Problem("", None, "semgrep is missing"),
                Problem(str(tmp_path), None, "no policy inventory")]
    assert render_problems(problems, "policyscan error", {}) == (
        f"::error file={tmp_path / 'inv.toml'},line=3,col=2,title=policyscan error::bad\n"
        "::error title=policyscan error::semgrep is missing\n"
        f"::error title=policyscan error::{tmp_path}: no policy inventory\n"
    )


def test_sarif_for_github_prepares_a_sub_folder_scan_without_the_action(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only the action's own step could rebase a sub-folder scan's paths on the repository root and
    # set its category (python -c 'from scanner.report.github import main'); a workflow without
    # the action uploaded 'app/chat.py' for services/chat/app/chat.py. The command does it.
    (tmp_path / ".git").mkdir()
    service = tmp_path / "services" / "chat"
    (service / "app").mkdir(parents=True)
    (service / "privacy-inventory.toml").write_text(INVENTORY, encoding="utf-8")
    (service / "app" / "chat.py").write_text(LOGS_PROMPT, encoding="utf-8")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)
    sarif_file = tmp_path / "chat.sarif"
    assert cli(["scan", "services/chat", "--format", "sarif", "-o", str(sarif_file)], capsys)[0] == 1
    assert cli(["sarif-for-github", str(sarif_file), "--category", "policyscan/chat"], capsys) == (0, "", "")
    log = assert_valid_sarif(sarif_file.read_text(encoding="utf-8"))
    run = log["runs"][0]
    assert run["automationDetails"] == {"id": "policyscan/chat/"}
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]] == [
        "services/chat/app/chat.py"]
    monkeypatch.chdir(tmp_path.parent)  # outside the repository: it must be named
    code, _, err = cli(["sarif-for-github", str(sarif_file), "--category", "policyscan/chat"], capsys)
    assert (code, err) == (2, f"policyscan: error: {tmp_path.parent}: not inside a git repository: pass --repository DIR\n")


# The composite action and the example workflow.

REPO = Path(__file__).resolve().parents[1]
ACTION_INPUTS = {"path", "inventory", "category", "sarif-file", "fail-on", "python-version", "version", "extras"}


def load_yaml(name: str) -> dict[Any, Any]:
    import yaml  # type: ignore[import-untyped]  # PyYAML: the test extra has it through pre-commit and libcst

    data = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def action_steps() -> dict[str, dict[str, Any]]:
    return {step["name"]: step for step in load_yaml("action.yml")["runs"]["steps"]}


def test_action_is_a_composite_action_with_documented_inputs() -> None:
    action = load_yaml("action.yml")
    assert {"name", "description", "inputs", "outputs", "runs"} <= set(action)
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == ACTION_INPUTS
    for name, spec in action["inputs"].items():
        assert spec["description"].strip(), name
        assert isinstance(spec["default"], str), name
        assert spec["required"] is False, name
    assert action["inputs"]["path"]["default"] == "."
    assert set(action["outputs"]) == {"exit-code", "sarif-file", "policyscan"}
    assert list(action_steps()) == ["Set up Python for policyscan", "Install policyscan", "Scan", "Upload SARIF to code scanning"]


def test_action_steps() -> None:
    steps = action_steps()
    python = steps["Set up Python for policyscan"]
    assert python["uses"] == "actions/setup-python@v5"
    assert python["with"] == {"python-version": "${{ inputs.python-version }}", "update-environment": False}
    install = steps["Install policyscan"]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$venv/bin/python" -m pip install' in install["run"]
    # later steps of the job run the installed command through the action's output (not on PATH)
    assert install["id"] == "install"
    assert 'echo "policyscan=$venv/bin/policyscan" >> "$GITHUB_OUTPUT"' in install["run"]
    assert load_yaml("action.yml")["outputs"]["policyscan"]["value"] == "${{ steps.install.outputs.policyscan }}"
    scan = steps["Scan"]
    assert scan["id"] == "scan" and scan["shell"] == "bash"
    assert "--format github --sarif-output \"$SARIF_FILE\" --sarif-suppressed omit" in scan["run"]
    upload = steps["Upload SARIF to code scanning"]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    # Findings fail the scan step (exit 1): the upload must run all the same.
    assert upload["if"].startswith("always() && ")
    assert upload["with"] == {
        "sarif_file": "${{ steps.scan.outputs.sarif-file }}",
        "category": "${{ inputs.category }}",
    }


def test_action_expressions_name_real_inputs_and_steps() -> None:
    import re

    text = (REPO / "action.yml").read_text(encoding="utf-8")
    assert set(re.findall(r"\binputs\.([\w-]+)", text)) == ACTION_INPUTS
    ids = {step.get("id") for step in action_steps().values()}
    assert set(re.findall(r"\bsteps\.([\w-]+)\.outputs", text)) <= ids
    # Inputs reach the scripts through `env:` only, never pasted into the script (injection).
    for name, step in action_steps().items():
        assert "${{" not in step.get("run", ""), name


def test_example_workflow_uses_the_action_on_the_example() -> None:
    workflow = load_yaml(".github/workflows/policyscan.yml")
    triggers = workflow["on"] if "on" in workflow else workflow[True]  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"push", "pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    scan = workflow["jobs"]["scan"]
    assert scan["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}
    assert scan["steps"][0]["uses"] == "actions/checkout@v4"
    action = scan["steps"][1]
    assert action["uses"] == "./"
    assert set(action["with"]) <= ACTION_INPUTS
    assert action["with"]["category"] == "policyscan/example-service"
    assert (REPO / action["with"]["path"] / "privacy-inventory.toml").is_file()
    summary = workflow["jobs"]["summary"]
    assert summary["permissions"] == {"contents": "read"}
    assert "--format markdown" in summary["steps"][-1]["run"]


def fake_venv(tmp_path: Path) -> Path:
    """A folder laid out like the action's venv, running policyscan from this checkout."""
    import sys

    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    # Scripts, not links: a link to a venv's python would lose the venv.
    for name, module in (("python", ""), ("policyscan", " -m scanner")):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}"{module} "$@"\n', encoding="utf-8")
        script.chmod(0o755)
    return bin_dir.parent


@pytest.mark.parametrize(
    ("tree", "fail_on", "expected", "uploaded"),
    [
        ("violating", "", 1, True),
        ("violating", "error", 1, True),
        ("violating", "never", 0, True),
        ("clean", "", 0, True),
        ("broken", "never", 3, True),
        ("bad-inventory", "", 2, False),
    ],
)
def test_action_scan_step(tmp_path: Path, tree: str, fail_on: str, expected: int, uploaded: bool) -> None:
    """The Scan step's script, run as the runner would: exit code, outputs, the SARIF it leaves."""
    import subprocess

    workspace = tmp_path / "workspace"
    files, _ = TREES[tree]
    for name, content in {"privacy-inventory.toml": INVENTORY, **files}.items():
        (workspace / "svc" / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / "svc" / name).write_text(content, encoding="utf-8")
    (workspace / "policyscan.sarif").write_text("left from an earlier step", encoding="utf-8")
    outputs = tmp_path / "github_output"
    outputs.write_text("", encoding="utf-8")
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_WORKSPACE": str(workspace),
        "SCAN_PATH": "svc",
        "INVENTORY": "",
        "SARIF_FILE": "policyscan.sarif",
        "FAIL_ON": fail_on,
        "CATEGORY": "policyscan/svc",
        "POLICYSCAN_VENV": str(fake_venv(tmp_path)),
    }
    script = tmp_path / "scan.sh"
    script.write_text(action_steps()["Scan"]["run"], encoding="utf-8")
    # As GitHub runs a `shell: bash` step.
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == expected, done.stdout + done.stderr
    written = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    assert written["exit-code"] == str(expected)
    sarif = workspace / "policyscan.sarif"
    if not uploaded:
        assert "sarif-file" not in written
        assert not sarif.exists()
        return
    assert written["sarif-file"] == "policyscan.sarif"
    log = assert_valid_sarif(sarif.read_text(encoding="utf-8"))
    assert log["runs"][0]["automationDetails"] == {"id": "policyscan/svc/"}
    result_uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    if tree == "violating":
        assert result_uris == ["svc/app/chat.py"]
        assert done.stdout.startswith("::error file=svc/app/chat.py,line=5,col=5,")
    else:
        assert result_uris == []


def test_ci_docs_fail_on_new_findings_with_the_command_the_action_installed() -> None:
    # docs/ci.md's "fail only on findings a pull request introduces" ran `policyscan scan --diff`
    # after the action: the action puts nothing on PATH (command not found), and with the default
    # fail-on its own step failed on the base branch's findings first, so the job stopped there.
    import re

    import yaml

    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if "--diff" in b]
    steps = yaml.safe_load(block)["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    action, diff = steps[1], steps[2]
    assert action["id"] == "policyscan" and action["with"] == {"fail-on": "never"}
    assert diff["run"] == '"$POLICYSCAN" scan --diff "origin/$BASE"'
    output = re.fullmatch(r"\$\{\{ steps\.policyscan\.outputs\.([\w-]+) \}\}", diff["env"]["POLICYSCAN"])
    assert output is not None and output.group(1) in load_yaml("action.yml")["outputs"]
