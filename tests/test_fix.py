"""policyscan fix: exact before/after sources for every fix kind, SARIF fixes, the command end to end.

The code-fix cases are pairs in tests/data/fix: `NAME.py` is scanned (as `app/NAME.py`, so
`llm/` falls under the inventory's `app/llm/**` scope) and `NAME.fixed.py` is the exact text
`policyscan fix` must leave. The suppression cases are in tests/data/fix/suppress.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import libcst as cst
import pytest
from cli_support import cli
from sarif_check import assert_valid_sarif

from scanner.config import load_config
from scanner.errors import UsageError
from scanner.fix import (
    FIXABLE_RULES,
    FileFix,
    attach_fixes,
    context_for,
    fix_source,
    require_libcst,
)
from scanner.cli import main
from scanner.fix.command import (
    FixPlan,
    plan_fixes,
    render_diff,
    render_report,
    write_fixes,
)
from scanner.fix.files import SourceFile
from scanner.fix.layout import append_args, keyword
from scanner.fix.text import Edit, LineIndex, apply_edits, overlaps, trimmed
from scanner.inventory import load_inventory
from scanner.model import Kind, RunResult, Span
from scanner.report.sarif import render_sarif
from scanner.runner import run

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "fix"
SUPPRESS = DATA / "suppress"
REDACT = "myapp.privacy.redact"
REASON = "reviewed in SEC-42"
CASES = sorted(
    p.relative_to(DATA).as_posix() for p in DATA.rglob("*.py")
    if not p.name.endswith(".fixed.py") and p.parent != SUPPRESS
)


def fixed_name(case: str) -> str:
    return case[: -len(".py")] + ".fixed.py"


def make_tree(root: Path, cases: Iterable[str], *, redact: str | None = REDACT) -> Path:
    """A project under `root`: the fix inventory, a pyproject naming `redact`, each case as app/CASE."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "privacy-inventory.toml", root / "privacy-inventory.toml")
    if redact is not None:
        (root / "pyproject.toml").write_text(f'[tool.policyscan]\nredact_function = "{redact}"\n', encoding="utf-8")
    for case in cases:
        target = root / "app" / case
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / case, target)
    return root


def scan(root: Path, *, fixes: bool = False) -> RunResult:
    return run(root, config=load_config(root), command="scan", fixes=fixes)


def plan_for(root: Path, result: RunResult, **kwargs: Any) -> FixPlan:
    config = load_config(root)
    return plan_fixes(result, context_for(config, load_inventory(root / "privacy-inventory.toml")), **kwargs)


@dataclass(frozen=True)
class Fixed:
    root: Path
    before: RunResult
    plan: FixPlan
    after: RunResult

    def result(self, case: str) -> FileFix:
        return next(result for source, result in self.plan.files if source.path == f"app/{case}")


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Fixed:
    """Every code-fix case scanned, planned, written and scanned again, once for the module."""
    root = make_tree(tmp_path_factory.mktemp("fix") / "project", CASES)
    before = scan(root)
    plan = plan_for(root, before)
    assert write_fixes(plan) == ()
    return Fixed(root, before, plan, scan(root))


# ---------------------------------------------------------------------------------- code fixes

def test_every_case_has_a_golden_that_differs() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        golden = DATA / fixed_name(case)
        assert golden.exists(), f"{golden} is missing"
        assert golden.read_text(encoding="utf-8") != (DATA / case).read_text(encoding="utf-8"), case


@pytest.mark.parametrize("case", CASES)
def test_fix_gives_the_exact_source(case: str, fixed: Fixed) -> None:
    result = fixed.result(case)
    assert result.problem is None
    assert result.unfixed == ()
    assert result.source == (DATA / fixed_name(case)).read_text(encoding="utf-8")
    assert (fixed.root / "app" / case).read_text(encoding="utf-8") == result.source


def test_every_fixable_finding_is_fixed(fixed: Fixed) -> None:
    fixable_before = [f for f in fixed.before.findings if f.rule_id in FIXABLE_RULES]
    assert len(fixable_before) == 34
    assert sorted(f.identity for _, result in fixed.plan.files for f, _ in result.fixes) == sorted(
        f.identity for f in fixable_before
    )
    assert fixed.plan.problems == ()


# A dict key that names a category (`{"email": ...}`) no longer names a redacted value
# (`redact(user.email)`, scanner/engine/analyzer.py's `_counts`): the fixed dicts are clean too.
@pytest.mark.parametrize("case", CASES)
def test_round_trip_leaves_no_finding_of_a_fixed_kind(case: str, fixed: Fixed) -> None:
    assert [f"line {f.span.start_line} {f.rule_id}" for f in fixed.after.findings
            if f.path == f"app/{case}" and f.rule_id in FIXABLE_RULES] == []


def test_round_trip_keeps_what_fix_does_not_touch(fixed: Fixed) -> None:
    assert {f.rule_id for f in fixed.after.findings} <= {*FIXABLE_RULES, "PS901"}
    assert fixed.after.skips == ()
    # The cookies are still set (with their attributes now); only allowed data is still logged.
    cookies = [(o.path, o.cookie) for o in fixed.after.observations if o.kind is Kind.COOKIE]
    assert len(cookies) == 7
    assert all(c is not None and c.secure is True for _, c in cookies)
    logged = {c for o in fixed.after.observations if o.kind is Kind.LOG for c in o.categories}
    assert logged == {"user.unique_id"}  # the ids


@pytest.mark.parametrize(
    ("case", "line", "rule", "description"),
    [
        ("cookie_one_line.py", 6, "PS302",
         "Pass secure=True, httponly=True, samesite=\"Lax\" to set_cookie() for cookie 'session', as the inventory requires"),
        ("cookie_hanging.py", 6, "PS302",
         "Pass secure=True, samesite='Lax' to set_cookie() for cookie 'session', as the inventory requires"),
        ("cookie_positional.py", 6, "PS302",
         "Pass secure=True, samesite=\"Strict\" to set_cookie() for cookie 'prefs', as the inventory requires"),
        ("log_multi_line_call.py", 7, "PS401", "Pass user.email, user.phone through myapp.privacy.redact() before logging"),
        ("log_fstring.py", 10, "PS401", "Pass user.phone_number through myapp.privacy.redact() before logging"),
        ("llm/log_scope.py", 8, "PS401", "Pass user.email through myapp.privacy.redact() before logging"),
        ("llm/log_scope.py", 8, "PS501", "Pass prompt through myapp.privacy.redact() before logging"),
    ],
)
def test_fix_descriptions(case: str, line: int, rule: str, description: str, fixed: Fixed) -> None:
    fixes = [fix for finding, fix in fixed.result(case).fixes
             if finding.span.start_line == line and finding.rule_id == rule]
    assert [fix.description for fix in fixes] == [description]


def test_a_fix_touches_only_what_changes(fixed: Fixed) -> None:
    """Replacements are minimal: an insertion, or the weaker value and what follows it."""
    [(_, cookie)] = fixed.result("cookie_one_line.py").fixes
    assert [(r.span, r.text) for r in cookie.replacements] == [
        (Span(6, 46, 6, 51), 'True, httponly=True, samesite="Lax"'),
    ]
    [(_, log)] = fixed.result("log_no_imports.py").fixes
    assert [(r.span, r.text) for r in log.replacements] == [
        (Span(3, 1, 3, 1), "\nfrom myapp.privacy import redact\n"),
        (Span(6, 11, 6, 11), "redact("),
        (Span(6, 21, 6, 21), ")"),
    ]


def test_report_lines(fixed: Fixed) -> None:
    plan = FixPlan(
        tuple(item for item in fixed.plan.files if item[0].path in ("app/cookie_one_line.py", "app/llm/log_scope.py")),
        fixed.plan.without_fix, (), None,
    )
    assert render_report(plan, applied=True) == (
        "app/cookie_one_line.py:6:5: PS302 fixed: Pass secure=True, httponly=True, samesite=\"Lax\" to set_cookie() "
        "for cookie 'session', as the inventory requires\n"
        "app/llm/log_scope.py:7:5: PS501 fixed: Pass prompt through myapp.privacy.redact() before logging\n"
        "app/llm/log_scope.py:8:5: PS401 fixed: Pass user.email through myapp.privacy.redact() before logging\n"
        "app/llm/log_scope.py:8:5: PS501 fixed: Pass prompt through myapp.privacy.redact() before logging\n"
        "Fixed 4 findings in 2 files.\n"
    )


# ----------------------------------------------------------------------------------- refusals

REFUSED = """\
import logging

from flask import make_response

log = logging.getLogger(__name__)


def login(user, token, options):
    resp = make_response("ok")
    resp.set_cookie("session", token, **options)
    resp.headers["Set-Cookie"] = "session=abc; Path=/"
    log.info("%s %s", *[user.email, user.phone])
    log.info("%s", user.email, **{"extra": {"email": user.email}})
    return resp
"""

CONFLICT = """\
import logging

log = logging.getLogger(__name__)


def redact(value):
    return "***"


def login(user):
    log.info("email %s", user.email)
"""


@pytest.mark.parametrize(
    ("source", "redact", "expected"),
    [
        (REFUSED, REDACT, [
            (10, "PS302", "the call unpacks *args or **kwargs, which may already pass these attributes"),
            (11, "PS302", "the cookie is not set by a set_cookie-style call (a Set-Cookie header or a cookie jar); "
                          "add the attributes by hand"),
            (12, "PS401", "the argument at 12:23 is unpacked with *, which cannot be wrapped"),
            (13, "PS401", "the argument at 13:34 is unpacked with **, which cannot be wrapped"),
        ]),
        (CONFLICT, REDACT, [
            (11, "PS401", "the name 'redact' is already bound in this module (line 6), so myapp.privacy.redact cannot "
                          "be imported under it; import it by hand and run policyscan fix again"),
        ]),
        (CONFLICT, "app.views.redact", []),  # the module that defines the function uses it as it is
        (CONFLICT, None, [
            (11, "PS401", 'no redaction function is configured; name one with [tool.policyscan] redact_function = '
                          '"myapp.privacy.redact" to have log calls fixed'),
        ]),
    ],
)
def test_findings_left_as_they_are_say_why(
    tmp_path: Path, source: str, redact: str | None, expected: list[tuple[int, str, str]]
) -> None:
    root = make_tree(tmp_path, [], redact=redact)
    (root / "app").mkdir()
    (root / "app" / "views.py").write_text(source, encoding="utf-8")
    [(_, result)] = plan_for(root, scan(root)).files
    assert [(f.span.start_line, f.rule_id, reason) for f, reason in result.unfixed] == expected
    if expected:
        assert result.source == source
    else:
        assert result.source == source.replace("log.info(\"email %s\", user.email)",
                                               "log.info(\"email %s\", redact(user.email))")


def test_a_file_libcst_cannot_parse_is_a_problem_and_unchanged(fixed: Fixed) -> None:
    config = load_config(fixed.root)
    context = context_for(config, load_inventory(fixed.root / "privacy-inventory.toml"))
    finding = fixed.before.findings[0]
    result = fix_source("app/broken.py", "def broken(:\n    pass\n", [finding], context)
    assert result.source == result.original
    assert result.fixes == ()
    assert result.unfixed == ((finding, "the file cannot be parsed"),)
    assert result.problem is not None and result.problem.path == "app/broken.py"
    assert (result.problem.line, result.problem.column) == (2, None)
    assert result.problem.message == "libcst cannot parse the file: parser error: error at 2:4: expected one of ), *, **, NAME"


TABS = (
    "from flask import make_response\n\n\nclass Views:\n\tdef login(self, token):\n\t\tresp = make_response('ok')\n"
    "\t\tif token:\n\t\t\tresp.set_cookie(\n\t\t\t\t'session',\n\t\t\t\ttoken,\n\t\t\t)\n\t\treturn resp\n"
)


def test_rewrites_are_generated_in_place_not_from_the_whole_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regenerating the module for each fix would make fixing a file quadratic in its size."""
    root = make_tree(tmp_path, ["cookie_multi_line_no_trailing_comma.py", "cookie_multi_line.py"])
    (root / "app" / "tabs.py").write_text(TABS, encoding="utf-8")

    def whole_module(self: cst.CSTNode, old: cst.CSTNode, new: cst.CSTNode) -> cst.CSTNode:
        raise AssertionError("the whole module was regenerated")

    monkeypatch.setattr(cst.CSTNode, "deep_replace", whole_module)
    results = {source.path: result for source, result in plan_for(root, scan(root)).files}
    for case in ("cookie_multi_line_no_trailing_comma.py", "cookie_multi_line.py"):
        assert results[f"app/{case}"].source == (DATA / fixed_name(case)).read_text(encoding="utf-8")
    assert results["app/tabs.py"].source == TABS.replace(
        "\t\t\t\ttoken,\n", "\t\t\t\ttoken,\n\t\t\t\tsecure=True,\n\t\t\t\thttponly=True,\n\t\t\t\tsamesite='Lax',\n"
    )


def test_line_ends_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    root = make_tree(tmp_path, [])
    (root / "app").mkdir()
    before = (DATA / "cookie_multi_line.py").read_text(encoding="utf-8")
    after = (DATA / "cookie_multi_line.fixed.py").read_text(encoding="utf-8")
    (root / "app" / "views.py").write_bytes(b"\xef\xbb\xbf" + before.replace("\n", "\r\n").encode("utf-8"))
    plan = plan_for(root, scan(root))
    assert write_fixes(plan) == ()
    assert (root / "app" / "views.py").read_bytes() == b"\xef\xbb\xbf" + after.replace("\n", "\r\n").encode("utf-8")


# ---------------------------------------------------------------------------------- suppressions

def test_suppression_comments_exact_and_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    shutil.copy(SUPPRESS / "privacy-inventory.toml", root / "privacy-inventory.toml")
    shutil.copy(SUPPRESS / "views.py", root / "app" / "views.py")
    code, out, err = cli(["fix", str(root), "--add-suppressions", REASON], capsys)
    assert (code, err) == (0, "")
    assert (root / "app" / "views.py").read_text(encoding="utf-8") == (SUPPRESS / "views.suppressed.py").read_text(encoding="utf-8")
    assert (root / "privacy-inventory.toml").read_text(encoding="utf-8") == (
        SUPPRESS / "privacy-inventory.suppressed.toml").read_text(encoding="utf-8")
    assert out.splitlines()[:3] == [
        f"app/views.py:9:5: PS401 suppressed: Add `# policyscan: ignore[PS401, PS101] {REASON}` at the end of line 9",
        f"app/views.py:9:23: PS101 suppressed: Add `# policyscan: ignore[PS401, PS101] {REASON}` at the end of line 9",
        f"app/views.py:10:5: PS401 suppressed: Add `# policyscan: ignore[PS401] {REASON}` at the end of line 10",
    ]
    assert out.splitlines()[-1] == "Suppressed 11 findings in 2 files."
    after = scan(root)
    assert len(after.findings) == 11
    assert [(f.path, f.span.start_line, f.rule_id) for f in after.findings if f.suppression is None] == []
    assert {f.suppression.justification for f in after.findings if f.suppression} == {REASON}
    code, out, _ = cli(["scan", str(root)], capsys)
    assert code == 0


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "policyscan: error: --add-suppressions: a reason is required (require_suppression_reason)\n"),
        ("two\nlines", "policyscan: error: --add-suppressions: the reason must be one line\n"),
    ],
)
def test_suppression_reason_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str], reason: str, message: str) -> None:
    root = make_tree(tmp_path, ["log_positional.py"])
    code, out, err = cli(["fix", str(root), "--add-suppressions", reason], capsys)
    assert (code, out, err) == (2, "", message)


# ---------------------------------------------------------------------------------- text and layout

@pytest.mark.parametrize(
    ("text", "offset", "position"),
    [
        ("ab\r\ncd\n", 0, (1, 1)),
        ("ab\r\ncd\n", 2, (1, 3)),
        ("ab\r\ncd\n", 4, (2, 1)),
        ("ab\r\ncd\n", 7, (3, 1)),
        ("a\rb\x0cc\u2028d", 2, (2, 1)),  # form feeds and Unicode separators do not end a line
        ("a\rb\x0cc\u2028d", 6, (2, 5)),
    ],
)
def test_line_index_round_trips(text: str, offset: int, position: tuple[int, int]) -> None:
    index = LineIndex(text)
    assert index.position(offset) == position
    assert index.offset(*position) == offset


@pytest.mark.parametrize(("line", "column"), [(1, 4), (4, 1), (0, 1), (1, 0)])
def test_line_index_rejects_positions_outside_the_text(line: int, column: int) -> None:
    with pytest.raises(ValueError):
        LineIndex("ab\ncd\n").offset(line, column)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Edit(0, 2, "x"), Edit(2, 4, "y"), False),
        (Edit(0, 3, "x"), Edit(2, 4, "y"), True),
        (Edit(2, 2, "x"), Edit(2, 2, "y"), True),
        (Edit(2, 2, "x"), Edit(0, 2, "y"), False),
        (Edit(2, 2, "x"), Edit(1, 3, "y"), True),
    ],
)
def test_overlaps(a: Edit, b: Edit, expected: bool) -> None:
    assert overlaps(a, b) is expected
    assert overlaps(b, a) is expected


def test_apply_edits_and_trimmed() -> None:
    text = "f(a, secure=False)"
    edit = trimmed(text, 0, len(text), "f(a, secure=True)")
    assert edit == Edit(12, 17, "True")
    assert apply_edits(text, [Edit(2, 2, "r("), Edit(3, 3, ")"), edit]) == "f(r(a), secure=True)"
    with pytest.raises(ValueError, match="overlapping edits"):
        apply_edits(text, [Edit(0, 3, ""), Edit(2, 4, "")])


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("f()", "f(secure=True)"),
        ("f(a)", "f(a, secure=True)"),
        ("f(a,b)", "f(a,b,secure=True)"),
        ("f(a, b,)", "f(a, b, secure=True,)"),
        ("f(a, k = 1)", "f(a, k = 1, secure = True)"),
        ("f(\n    a,\n    b,  # c\n)", "f(\n    a,\n    b,  # c\n    secure=True,\n)"),
        ("f(\n    a,\n    b  # c\n)", "f(\n    a,\n    b,  # c\n    secure=True\n)"),
        ("f(\n    a,\n    # last\n)", "f(\n    a,\n    # last\n    secure=True,\n)"),
        ("f(a,\n  b)", "f(a,\n  b, secure=True)"),
        ("f(a,\n)", "f(a, secure=True,\n)"),
    ],
)
def test_append_args_keeps_the_call_layout(call: str, expected: str) -> None:
    node = cst.parse_expression(call)
    assert isinstance(node, cst.Call)
    new = append_args(node, [keyword(node, "secure", cst.Name("True"))])
    assert cst.Module([]).code_for_node(new) == expected


# ---------------------------------------------------------------------------------- SARIF

def apply_sarif_fixes(text: str, results: list[dict[str, Any]]) -> str:
    """Apply every (distinct) replacement of the results' fixes, read from SARIF regions."""
    index = LineIndex(text)
    edits = set()
    for result in results:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    start = index.offset(region["startLine"], region["startColumn"])
                    end = index.offset(region["endLine"], region["endColumn"])
                    edits.add(Edit(start, end, replacement.get("insertedContent", {}).get("text", "")))
    return apply_edits(text, edits)


def test_sarif_fixes_are_valid_and_reproduce_the_fixed_sources(tmp_path: Path) -> None:
    root = make_tree(tmp_path, CASES)
    log = assert_valid_sarif(render_sarif(scan(root, fixes=True)))
    results = log["runs"][0]["results"]
    with_fixes = [r for r in results if "fixes" in r]
    assert len(with_fixes) == 34
    assert {r["ruleId"] for r in with_fixes} == set(FIXABLE_RULES)
    for case in CASES:
        uri = f"app/{case}"
        mine = [r for r in with_fixes if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri]
        original = (DATA / case).read_text(encoding="utf-8")
        assert apply_sarif_fixes(original, mine) == (DATA / fixed_name(case)).read_text(encoding="utf-8"), case
    [cookie] = [r for r in with_fixes if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "app/cookie_one_line.py"]
    assert cookie["fixes"] == [{
        "artifactChanges": [{
            "artifactLocation": {"uri": "app/cookie_one_line.py", "uriBaseId": "%SRCROOT%"},
            "replacements": [{
                "deletedRegion": {"startLine": 6, "startColumn": 46, "endLine": 6, "endColumn": 51},
                "insertedContent": {"text": 'True, httponly=True, samesite="Lax"'},
            }],
        }],
        "description": {"text": "Pass secure=True, httponly=True, samesite=\"Lax\" to set_cookie() for cookie "
                                "'session', as the inventory requires"},
    }]


def test_scan_sarif_has_fixes_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(tmp_path, ["cookie_one_line.py"])
    code, out, _ = cli(["scan", str(root), "--format", "sarif", "--sarif-fixes"], capsys)
    assert code == 1
    assert "fixes" in assert_valid_sarif(out)["runs"][0]["results"][0]
    code, out, _ = cli(["scan", str(root), "--format", "sarif"], capsys)
    assert code == 1
    assert "fixes" not in assert_valid_sarif(out)["runs"][0]["results"][0]
    code, out, _ = cli(["scan", str(root), "--sarif-output", str(tmp_path / "out.sarif"), "--sarif-fixes"], capsys)
    assert "fixes" in assert_valid_sarif((tmp_path / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"][0]


def test_text_and_json_runs_compute_no_fixes(tmp_path: Path) -> None:
    root = make_tree(tmp_path, ["cookie_one_line.py"])
    assert all(f.fixes == () for f in scan(root).findings)
    assert any(f.fixes for f in scan(root, fixes=True).findings)


LIBCST_PROBE = """\
import sys
import scanner.cli, scanner.fix, scanner.runner
loaded = "libcst" in sys.modules
from scanner.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(loaded, "libcst" in sys.modules)
"""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["scan", "--format", "text"], "False False"),
        (["scan", "--format", "json"], "False False"),
        (["scan", "--format", "sarif"], "False False"),
        (["scan", "--format", "sarif", "--sarif-fixes"], "False True"),
        (["fix", "--diff"], "False True"),
    ],
)
def test_libcst_is_imported_only_when_fixes_are_needed(tmp_path: Path, args: list[str], expected: str) -> None:
    root = make_tree(tmp_path, ["cookie_one_line.py"])
    done = subprocess.run(
        [sys.executable, "-c", LIBCST_PROBE, *args, str(root)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.stdout.splitlines()[-1] == expected, done.stderr


def test_without_libcst_sarif_says_so_and_fix_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree(tmp_path, ["cookie_one_line.py"])
    findings = scan(root).findings
    monkeypatch.setitem(sys.modules, "libcst", None)  # makes `import libcst` raise ImportError
    config = load_config(root)
    context = context_for(config, load_inventory(root / "privacy-inventory.toml"))
    attached, notices = attach_fixes(findings, root, context)
    assert attached == findings
    assert [n.message for n in notices] == [
        "fixes are left out: libcst is not installed; install it with: pip install 'policyscan[fix]'"
    ]
    with pytest.raises(UsageError):
        require_libcst()
    code, out, err = cli(["fix", str(root)], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "policyscan: error: policyscan fix: libcst is not installed; install it with: pip install 'policyscan[fix]'\n"
    )


# ---------------------------------------------------------------------------------- the command

def test_fix_command_applies_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(tmp_path, ["cookie_one_line.py", "log_positional.py"])
    code, out, err = cli(["fix", str(root)], capsys)
    assert (code, err) == (0, "")
    assert out == (
        "app/cookie_one_line.py:6:5: PS302 fixed: Pass secure=True, httponly=True, samesite=\"Lax\" to set_cookie() "
        "for cookie 'session', as the inventory requires\n"
        "app/log_positional.py:9:5: PS401 fixed: Pass user.email through myapp.privacy.redact() before logging\n"
        "app/log_positional.py:10:5: PS401 fixed: Pass user.email through myapp.privacy.redact() before logging\n"
        "Fixed 3 findings in 2 files; 2 findings without an automatic fix (PS901 x2).\n"
    )
    for case in ("cookie_one_line.py", "log_positional.py"):
        assert (root / "app" / case).read_text(encoding="utf-8") == (DATA / fixed_name(case)).read_text(encoding="utf-8")
    code, out, err = cli(["fix", str(root)], capsys)
    assert (code, out, err) == (0, "Fixed 0 findings in 0 files; 2 findings without an automatic fix (PS901 x2).\n", "")


def test_fix_takes_the_cache_options_of_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(tmp_path, ["cookie_one_line.py"])
    code, out, _ = cli(["fix", str(root), "--diff", "--no-cache"], capsys)
    assert code == 0 and out.startswith("--- a/app/cookie_one_line.py\n")
    assert not (root / ".policyscan_cache").exists()
    assert cli(["fix", str(root), "--cache-dir", str(tmp_path / "cache")], capsys)[0] == 0
    assert (tmp_path / "cache").is_dir() and not (root / ".policyscan_cache").exists()


def test_fix_diff_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(tmp_path, ["cookie_hanging.py"])
    code, out, err = cli(["fix", str(root), "--diff"], capsys)
    assert code == 0
    assert out == (
        "--- a/app/cookie_hanging.py\n"
        "+++ b/app/cookie_hanging.py\n"
        "@@ -4,5 +4,5 @@\n"
        " def login(token):\n"
        "     resp = make_response('ok')\n"
        "     resp.set_cookie('session', token,\n"
        "-                    httponly=True)\n"
        "+                    httponly=True, secure=True, samesite='Lax')\n"
        "     return resp\n"
    )
    assert err == (
        "app/cookie_hanging.py:6:5: PS302 would fix: Pass secure=True, samesite='Lax' to set_cookie() for cookie "
        "'session', as the inventory requires\n"
        "Would fix 1 finding in 1 file; 2 findings without an automatic fix (PS901 x2).\n"
    )
    assert (root / "app" / "cookie_hanging.py").read_text(encoding="utf-8") == (DATA / "cookie_hanging.py").read_text(encoding="utf-8")


def test_fix_rule_filter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(tmp_path, ["cookie_one_line.py", "log_positional.py"])
    code, out, _ = cli(["fix", str(root), "--rule", "ps302"], capsys)
    assert code == 0
    assert out.splitlines()[-1] == "Fixed 1 finding in 1 file."
    assert (root / "app" / "log_positional.py").read_text(encoding="utf-8") == (DATA / "log_positional.py").read_text(encoding="utf-8")
    code, out, err = cli(["fix", str(root), "--rule", "PS999"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("policyscan: error: --rule: unknown rule id 'PS999'; known: PS101, ")


def test_fix_without_redact_function_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(tmp_path, ["log_structlog_kwargs.py"], redact=None)
    code, out, _ = cli(["fix", str(root)], capsys)
    assert code == 0
    assert out == (
        "app/log_structlog_kwargs.py:7:5: PS401 not fixed: no redaction function is configured; name one with "
        "[tool.policyscan] redact_function = \"myapp.privacy.redact\" to have log calls fixed\n"
        "Fixed 0 findings in 0 files; 1 left as they are (see above); 3 findings without an automatic fix (PS901 x3).\n"
    )


def test_fix_never_touches_a_file_it_cannot_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from scanner.fix import tree

    def refuse(self: object, source: str) -> None:
        raise tree.ParseFailure("unexpected token", 6)

    root = make_tree(tmp_path, ["cookie_one_line.py", "log_positional.py"])
    monkeypatch.setattr(tree.Tree, "__init__", refuse)
    code, out, err = cli(["fix", str(root)], capsys)
    assert code == 2
    assert err == (
        "policyscan: error: app/cookie_one_line.py:6: libcst cannot parse the file: unexpected token\n"
        "policyscan: error: app/log_positional.py:6: libcst cannot parse the file: unexpected token\n"
    )
    assert out.splitlines()[-1] == (
        "Fixed 0 findings in 0 files; 3 left as they are (see above); 2 findings without an automatic fix (PS901 x2); "
        "2 files could not be fixed (see the errors)."
    )
    for case in ("cookie_one_line.py", "log_positional.py"):
        assert (root / "app" / case).read_text(encoding="utf-8") == (DATA / case).read_text(encoding="utf-8")


def test_render_diff_marks_a_missing_final_newline() -> None:
    source = SourceFile("app/a.py", Path("app/a.py"), "x = 1", "utf-8")
    result = FileFix("app/a.py", "x = 1", "x = 2")
    plan = FixPlan(((source, result),), (), (), None)
    assert render_diff(plan) == (
        b"--- a/app/a.py\n+++ b/app/a.py\n@@ -1 +1 @@\n-x = 1\n\\ No newline at end of file\n+x = 2\n"
        b"\\ No newline at end of file\n"
    )


def test_json_of_sarif_fixes_is_deterministic(tmp_path: Path) -> None:
    root = make_tree(tmp_path, ["log_multi_line_call.py", "cookie_multi_line.py"])
    first = render_sarif(scan(root, fixes=True))
    second = render_sarif(scan(root, fixes=True))
    assert first == second
    assert json.loads(first)["runs"][0]["results"][0]["fixes"]


def test_fix_diff_applies_with_git_to_files_in_other_encodings_and_with_form_feeds(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    # `fix --diff | git apply` failed on three kinds of real files: a UTF-8 file with a byte-order
    # mark (the diff's first line had none), a latin-1 module (its lines were written as UTF-8) and
    # a module with a form feed (^L) or U+2028 in a line (str.splitlines cut the line there, and
    # the diff had a line with no end). The diff is now the files' bytes: it applies and gives
    # exactly what `fix` writes.
    body = "import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef login(user):\n    log.info('login %s', user.email)\n"
    files = {
        "app/bom.py": b"\xef\xbb\xbf" + body.encode(),
        "app/latin.py": ("# -*- coding: latin-1 -*-\n# caf\u00e9\n" + body).encode("latin-1"),
        "app/paged.py": ("\x0c\nSEP = 'a\u2028b'\n" + body).encode(),
        "app/windows.py": body.replace("\n", "\r\n").encode(),
    }
    fixed = make_tree(tmp_path / "fixed", [])
    for name, data in files.items():
        (fixed / name).parent.mkdir(parents=True, exist_ok=True)
        (fixed / name).write_bytes(data)
    patched = tmp_path / "patched"
    shutil.copytree(fixed, patched)
    with pytest.raises(SystemExit) as exit_info:
        main(["fix", str(patched), "--diff", "--no-cache"])
    diff = capsysbinary.readouterr().out
    assert exit_info.value.code == 0 and diff.count(b"--- a/") == len(files)
    subprocess.run(["git", "apply", "-"], cwd=patched, input=diff, check=True)
    with pytest.raises(SystemExit) as exit_info:
        main(["fix", str(fixed), "--no-cache"])
    assert exit_info.value.code == 0
    for name, data in files.items():
        assert (patched / name).read_bytes() == (fixed / name).read_bytes() != data


@pytest.mark.parametrize("show_diff", [True, False])
def test_a_fix_its_file_encoding_cannot_hold_is_said_and_neither_written_nor_shown(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], show_diff: bool) -> None:
    # `fix --diff --add-suppressions "checked \u2014 fine"` on a latin-1 module ended in an internal
    # error (the diff's lines are the file's bytes: latin-1 has no em dash); `fix` said the problem
    # but reported the file among those it fixed.
    body = "import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef login(user):\n    log.info('login %s', user.email)\n"
    root = make_tree(tmp_path, [])
    data = ("# -*- coding: latin-1 -*-\n# caf\u00e9\n" + body).encode("latin-1")
    (root / "app").mkdir(exist_ok=True)
    (root / "app" / "latin.py").write_bytes(data)
    with pytest.raises(SystemExit) as exit_info:
        main(["fix", str(root), "--no-cache", "--add-suppressions", "checked \u2014 fine", *(["--diff"] if show_diff else [])])
    out, err = capsysbinary.readouterr()
    assert exit_info.value.code == 2
    assert err.endswith(b"policyscan: error: app/latin.py: the fixed text cannot be written as iso-8859-1: ordinal not"
                        b" in range(256)\n")
    assert b"latin.py" not in out and b"latin.py" not in err[:err.index(b"policyscan: error:")]
    assert (root / "app" / "latin.py").read_bytes() == data


def test_a_file_with_lone_cr_line_ends_is_not_fixed_and_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # It said 'libcst does not reproduce the file exactly', which told the user nothing to do.
    root = make_tree(tmp_path, [])
    source = "import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef login(user):\n    log.info('login %s', user.email)\n"
    (root / "app").mkdir()
    (root / "app" / "mac.py").write_bytes(source.replace("\n", "\r").encode())
    code, _, err = cli(["fix", str(root), "--no-cache"], capsys)
    assert (code, err) == (2, "policyscan: error: app/mac.py: libcst cannot parse the file: its lines end with a lone"
                              " CR (\\r), which libcst does not keep: convert them to \\n or \\r\\n to fix this file\n")
    assert (root / "app" / "mac.py").read_bytes() == source.replace("\n", "\r").encode()
