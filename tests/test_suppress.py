"""Inline suppressions: every form, right and wrong, from the comment parser to the exit code."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from cli_support import INVENTORY, cli
from sarif_check import assert_valid_sarif

from scanner.model import Finding, Level, Notice, NoticeLevel, Span, Suppression
from scanner.suppress import (
    Directive,
    DirectiveKind,
    apply_suppressions,
    parse_comment,
    python_directives,
    read_directives,
    toml_directives,
)

IGNORE, BARE, MALFORMED = DirectiveKind.IGNORE, DirectiveKind.BARE, DirectiveKind.MALFORMED


# ---------------------------------------------------------------- the comment itself
@pytest.mark.parametrize(
    ("comment", "kind", "rule_ids", "reason", "column"),
    [
        ("# policyscan: ignore[PS401] fraud review, SEC-42", IGNORE, ("PS401",), "fraud review, SEC-42", 1),
        ("# policyscan: ignore[PS401, PS101] reviewed", IGNORE, ("PS401", "PS101"), "reviewed", 1),
        ("# policyscan: ignore[ps401,PS401 ,] reviewed", IGNORE, ("PS401",), "reviewed", 1),
        ("# policyscan: ignore[PS401] -- reviewed in SEC-42", IGNORE, ("PS401",), "reviewed in SEC-42", 1),
        ("# policyscan: ignore[PS401]: reviewed", IGNORE, ("PS401",), "reviewed", 1),
        ("# policyscan: ignore[PS401] \u2014 reviewed", IGNORE, ("PS401",), "reviewed", 1),
        ("# policyscan: ignore[PS401]", IGNORE, ("PS401",), "", 1),
        ("# policyscan: ignore[PS401]   ", IGNORE, ("PS401",), "", 1),
        ("# policyscan: ignore[PS401] reviewed  # noqa: E501", IGNORE, ("PS401",), "reviewed", 1),
        ("# policyscan: ignore[PS401] ticket #42", IGNORE, ("PS401",), "ticket #42", 1),
        ("# noqa: E501  # policyscan: ignore[PS401] reviewed", IGNORE, ("PS401",), "reviewed", 15),
        ("#policyscan:ignore[PS401] reviewed", IGNORE, ("PS401",), "reviewed", 1),
        ("# PolicyScan: IGNORE [PS999] reviewed", IGNORE, ("PS999",), "reviewed", 1),
        ("# policyscan: ignore", BARE, (), "", 1),
        ("# policyscan: ignore reviewed", BARE, (), "", 1),
        ("# policyscan: ignore PS401 reviewed", BARE, (), "", 1),
        ("# policyscan: ignore[] reviewed", BARE, (), "", 1),
        ("# policyscan: ignore[ , ] reviewed", BARE, (), "", 1),
        ("# policyscan: ignore[PS401 reviewed", MALFORMED, (), "", 1),
        ("# policyscan: disable[PS401] reviewed", MALFORMED, (), "", 1),
        ("# policyscan:", MALFORMED, (), "", 1),
    ],
)
def test_parse_comment(comment: str, kind: DirectiveKind, rule_ids: tuple[str, ...], reason: str, column: int) -> None:
    directive = parse_comment(comment, path="a.py", line=3, column=1, target=3)
    assert directive is not None
    assert (directive.kind, directive.rule_ids, directive.justification, directive.column) == (
        kind, rule_ids, reason, column
    )


@pytest.mark.parametrize(
    "comment",
    ["# a comment", "# run policyscan: it reads comments", "# policyscan ignore[PS401] no colon", "#"],
)
def test_comments_that_are_not_directives(comment: str) -> None:
    assert parse_comment(comment, path="a.py", line=1, column=1, target=1) is None


def test_directive_text_is_kept_for_messages() -> None:
    directive = parse_comment("#  policyscan: ignore  ", path="a.py", line=1, column=5, target=1)
    assert directive == Directive("a.py", 1, 5, 1, BARE, (), "", "policyscan: ignore")


# ---------------------------------------------------------------- where comments are, in Python
PYTHON = '''\
"""Module docstring.

# policyscan: ignore[PS401] inside the docstring: not a comment
"""
import logging

log = logging.getLogger(__name__)
TEXT = "# policyscan: ignore[PS401] inside a string: not a comment"
log.info("a %s", email)  # policyscan: ignore[PS401] trailing
# policyscan: ignore[PS101] own line
# an ordinary comment between it and the statement
email = request.form["email"]
log.info(  # policyscan: ignore[PS401] first line of a call
    "b %s",
    # policyscan: ignore[PS401] own line inside the call
    email,
)
x = f"{email} # policyscan: ignore[PS401] in an f-string"
# policyscan: ignore

y = 1
'''


def test_python_directives_are_read_from_comment_tokens() -> None:
    found = [(d.line, d.column, d.target, d.kind, d.rule_ids, d.justification) for d in python_directives("m.py", PYTHON)]
    assert found == [
        (9, 26, 9, IGNORE, ("PS401",), "trailing"),
        (10, 1, 12, IGNORE, ("PS101",), "own line"),
        (13, 12, 13, IGNORE, ("PS401",), "first line of a call"),
        (15, 5, 16, IGNORE, ("PS401",), "own line inside the call"),
        (19, 1, 20, BARE, (), ""),
    ]


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_directives_are_on_the_lines_python_counts_whatever_the_line_ends(end: str) -> None:
    # A file with lone \r line ends (as old Mac editors wrote) had every directive on "line 1":
    # its findings were not suppressed, and 'unused suppression: no PS401 finding on line 1' said.
    found = [(d.line, d.column, d.target, d.kind, d.rule_ids, d.justification)
             for d in python_directives("m.py", PYTHON.replace("\n", end))]
    assert found == [(d.line, d.column, d.target, d.kind, d.rule_ids, d.justification)
                     for d in python_directives("m.py", PYTHON)]


def test_untokenizable_python_keeps_the_directives_before_the_error() -> None:
    source = 'x = 1  # policyscan: ignore[PS401] kept\ny = (\n'
    assert [(d.line, d.rule_ids) for d in python_directives("m.py", source)] == [(1, ("PS401",))]


# ---------------------------------------------------------------- where comments are, in TOML
TOML = '''\
version = 1
[[cookies]]
# policyscan: ignore[PS901] set by gtag.js in the browser
name = "_ga*"
purpose = "analytics"  # policyscan: ignore[PS901] trailing
note = """
# policyscan: ignore[PS901] inside a multi-line string
"""
quoted = "a \\" # policyscan: ignore[PS901] inside a basic string"
literal = 'C:\\ # policyscan: ignore[PS901] inside a literal string'
raw = \'\'\'
# policyscan: ignore[PS901] inside a multi-line literal string
\'\'\'
[[recipients]]
# policyscan: ignore[PS901] first of a block
# why: the SDK is loaded by the front end
name = "Intercom"
'''


def test_toml_directives_skip_strings() -> None:
    found = [(d.line, d.column, d.target, d.rule_ids, d.justification) for d in toml_directives("inv.toml", TOML)]
    assert found == [
        (3, 1, 4, ("PS901",), "set by gtag.js in the browser"),
        (5, 24, 5, ("PS901",), "trailing"),
        (15, 1, 17, ("PS901",), "first of a block"),
    ]


def test_read_directives_tokenizes_only_files_that_may_hold_a_directive(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    tokenized: list[str] = []

    def recording(path: str, source: str) -> tuple[Directive, ...]:
        tokenized.append(path)
        return python_directives(path, source)

    monkeypatch.setattr("scanner.suppress.python_directives", recording)
    (tmp_path / "a.py").write_text("x = 1  # policyscan: ignore[PS401] why\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("y = 2  # an ordinary comment\n", encoding="utf-8")
    # A coding cookie: decoded as the interpreter would.
    (tmp_path / "c.py").write_bytes("# -*- coding: latin-1 -*-\nz = 'é'  # policyscan: ignore[PS101] é\n".encode("latin-1"))
    # Mentions of policyscan that are no directive: not tokenized.
    (tmp_path / "d.py").write_text("import policyscan  # scanned by policyscan in CI\nlog = 'policyscan: x'\n",
                                   encoding="utf-8")
    # Non-ASCII spaces, which a directive may hold: tokenized.
    (tmp_path / "e.py").write_text("w = 3  #\u00a0PolicyScan\u3000: ignore[PS201] nbsp\n", encoding="utf-8")
    (tmp_path / "inv.toml").write_text("# policyscan: ignore[PS901] why\nname = 'x'\n", encoding="utf-8")
    found = read_directives(tmp_path, ["a.py", "b.py", "c.py", "d.py", "e.py", "missing.py"],
                            ("inv.toml", tmp_path / "inv.toml"))
    assert [(d.path, d.line, d.target, d.justification) for d in found] == [
        ("a.py", 1, 1, "why"),
        ("c.py", 2, 2, "é"),
        ("e.py", 1, 1, "nbsp"),
        ("inv.toml", 1, 2, "why"),
    ]
    assert tokenized == ["a.py", "c.py", "e.py"]


# ---------------------------------------------------------------- applying them
KNOWN = ("PS101", "PS201", "PS401", "PS901")


def finding(rule_id: str, line: int, path: str = "app.py") -> Finding:
    return Finding(rule_id, Level.ERROR, f"{rule_id} here", path, Span(line, 5, line, 20), (), f"{rule_id}-{line}:1")


def directive(line: int, target: int, ids: tuple[str, ...], reason: str = "why", kind: DirectiveKind = IGNORE,
              path: str = "app.py") -> Directive:
    return Directive(path, line, 1, target, kind, ids, reason, "policyscan: ...")


def warning(line: int, code: str, message: str, path: str = "app.py") -> Notice:
    return Notice(NoticeLevel.WARNING, message, path=path, line=line, column=1, code=code)


def test_a_directive_suppresses_findings_of_its_rules_on_its_target_line() -> None:
    findings = [finding("PS401", 10), finding("PS101", 10), finding("PS401", 11), finding("PS401", 10, "other.py")]
    applied = apply_suppressions(findings, [directive(9, 10, ("PS401",), "fraud review")], require_reason=True,
                                 known_rules=KNOWN)
    assert [f.suppression for f in applied.findings] == [Suppression(9, ("PS401",), "fraud review"), None, None, None]
    assert applied.notices == ()


def test_the_trailing_comment_wins_over_the_one_above() -> None:
    directives = [directive(9, 10, ("PS401",), "above"), directive(10, 10, ("PS401", "PS101"), "on the line")]
    applied = apply_suppressions([finding("PS401", 10)], directives, require_reason=True, known_rules=KNOWN)
    assert applied.findings[0].suppression == Suppression(10, ("PS401", "PS101"), "on the line")
    assert applied.notices == (warning(10, "unused-suppression", "unused suppression: no PS101 finding on line 10"),)


def test_a_wrong_rule_notice_names_every_rule_found_on_the_line_that_the_comment_does_not() -> None:
    # ignore[PS201] over a line holding PS202 and PS101: the developer is told which ids to write.
    findings = [finding("PS202", 10), finding("PS101", 10), finding("PS201", 11)]
    applied = apply_suppressions(findings, [directive(10, 10, ("PS201",))], require_reason=True, known_rules=KNOWN)
    assert applied.notices == (
        warning(10, "unused-suppression", "unused suppression: no PS201 finding on line 10; "
                                          "the findings there are PS101, PS202"),
    )


@pytest.mark.parametrize(
    ("given", "require_reason", "suppressed", "notices"),
    [
        (directive(10, 10, ("PS401",), ""), True, False, [
            warning(10, "suppression-without-reason",
                    "suppression of PS401 gives no reason, so it suppresses nothing: write the reason after the "
                    "rule ids (require_suppression_reason is on)"),
        ]),
        (directive(10, 10, ("PS401",), ""), False, True, []),
        (directive(10, 10, (), "", BARE), True, False, [
            warning(10, "bare-suppression",
                    'bare "policyscan: ..." names no rule and suppresses nothing: write '
                    '"# policyscan: ignore[RULE-ID] reason"'),
        ]),
        (directive(10, 10, (), "", MALFORMED), False, False, [
            warning(10, "malformed-suppression",
                    'malformed suppression "policyscan: ..." suppresses nothing: write '
                    '"# policyscan: ignore[RULE-ID] reason"'),
        ]),
        (directive(10, 10, ("PS410", "PS401")), True, True, [
            warning(10, "unknown-rule-in-suppression", "unknown rule in suppression: PS410 (did you mean PS401?)"),
        ]),
        (directive(10, 10, ("XYZ", "PS999", "PS401")), True, True, [
            warning(10, "unknown-rule-in-suppression",
                    "unknown rules in suppression: XYZ, PS999 (did you mean PS901?)"),
        ]),
        (directive(10, 10, ("PS999",), ""), True, False, [
            warning(10, "unknown-rule-in-suppression", "unknown rule in suppression: PS999 (did you mean PS901?)"),
            warning(10, "suppression-without-reason",
                    "suppression of PS999 gives no reason, so it suppresses nothing: write the reason after the "
                    "rule ids (require_suppression_reason is on)"),
        ]),
        (directive(10, 10, ("PS101",)), True, False, [
            warning(10, "unused-suppression", "unused suppression: no PS101 finding on line 10; the finding there is PS401"),
        ]),
        (directive(8, 9, ("PS401",)), True, False, [
            warning(8, "unused-suppression", "unused suppression: no PS401 finding on line 9"),
        ]),
        (directive(10, 10, ("PS401", "PS201")), True, True, [
            warning(10, "unused-suppression", "unused suppression: no PS201 finding on line 10"),
        ]),
    ],
    ids=["no-reason", "no-reason-allowed", "bare", "malformed", "unknown-id", "unknown-ids", "unknown-no-reason",
         "wrong-rule", "wrong-line", "partly-unused"],
)
def test_wrong_directives_are_reported(given: Directive, require_reason: bool, suppressed: bool,
                                       notices: list[Notice]) -> None:
    applied = apply_suppressions([finding("PS401", 10)], [given], require_reason=require_reason, known_rules=KNOWN)
    assert (applied.findings[0].suppression is not None) == suppressed
    assert list(applied.notices) == notices


def test_one_directive_can_suppress_several_findings_of_its_line() -> None:
    findings = [finding("PS401", 10), finding("PS401", 10), finding("PS101", 10)]
    applied = apply_suppressions(findings, [directive(10, 10, ("PS401", "PS101"))], require_reason=True,
                                 known_rules=KNOWN)
    assert all(f.suppression is not None for f in applied.findings)
    assert applied.notices == ()


def test_findings_are_never_dropped_and_keep_their_order() -> None:
    findings = [finding("PS401", 12), finding("PS401", 10)]
    applied = apply_suppressions(findings, [directive(10, 10, ("PS401",))], require_reason=True, known_rules=KNOWN)
    assert [(f.span.start_line, f.suppression is not None) for f in applied.findings] == [(12, False), (10, True)]


# ---------------------------------------------------------------- end to end, through the CLI
VIEWS = """\
import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.post("/signup")
def signup():
    email = request.form["email"]
    {line}
    return "ok"
"""
LOG = 'log.info("signup from %s", email)'
FINDING = (
    "app/views.py:12:5: PS401 [error] user.contact.email is written to a log, which the policy inventory does not "
    "allow. Observed: user.contact.email is written to a log by logging.info()."
)
DECLARED = "    privacy-inventory.toml:9:1: note: [logging] declared here"  # the line PS401 compared with
FORM = '"# policyscan: ignore[RULE-ID] reason"'


def write_tree(root: Path, line: str, *, pyproject: str | None = None, inventory: str = INVENTORY) -> Path:
    (root / "app").mkdir(parents=True, exist_ok=True)
    (root / "privacy-inventory.toml").write_text(inventory, encoding="utf-8")
    (root / "app" / "views.py").write_text(VIEWS.replace("{line}", textwrap.indent(line, "    ").lstrip()),
                                           encoding="utf-8")
    if pyproject is not None:
        (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return root


SUMMARY_1 = "Found 1 finding (1 error, 0 warnings, 0 notes) in 1 file"
TABLES = ["By rule:", "  1  PS401 forbidden-category-logged", "By category:", "  1  user.contact.email"]
SUMMARY_0 = "Found 0 findings (0 errors, 0 warnings, 0 notes) in 1 file"


@pytest.mark.parametrize(
    ("line", "code", "expected"),
    [
        (f"{LOG}  # policyscan: ignore[PS401] mail-delivery log, SEC-42", 0, [f"{SUMMARY_0}; 1 suppressed."]),
        (f"# policyscan: ignore[PS401] mail-delivery log, SEC-42\n{LOG}", 0, [f"{SUMMARY_0}; 1 suppressed."]),
        (f"# policyscan: ignore[PS401] mail-delivery log\n# kept for 7 days\n{LOG}", 0,
         [f"{SUMMARY_0}; 1 suppressed."]),
        (f"{LOG}  # policyscan: ignore[PS101, PS401] reviewed", 0, [
            "app/views.py:12:40: warning: unused suppression: no PS101 finding on line 12",
            "",
            f"{SUMMARY_0}; 1 suppressed.",
        ]),
        (f"{LOG}  # policyscan: ignore[PS401]", 1, [
            FINDING,
            DECLARED,
            "app/views.py:12:40: warning: suppression of PS401 gives no reason, so it suppresses nothing: write the "
            "reason after the rule ids (require_suppression_reason is on)",
            "",
            f"{SUMMARY_1}.",
            *TABLES,
        ]),
        (f"{LOG}  # policyscan: ignore", 1, [
            FINDING,
            DECLARED,
            f'app/views.py:12:40: warning: bare "policyscan: ignore" names no rule and suppresses nothing: write {FORM}',
            "",
            f"{SUMMARY_1}; 1 bare suppression ignored.",
            *TABLES,
        ]),
        (f"{LOG}  # policyscan: ignore[PS401 reviewed", 1, [
            FINDING,
            DECLARED,
            'app/views.py:12:40: warning: malformed suppression "policyscan: ignore[PS401 reviewed" suppresses '
            f"nothing: write {FORM}",
            "",
            f"{SUMMARY_1}.",
            *TABLES,
        ]),
        (f"{LOG}  # policyscan: ignore[PS104] reviewed", 1, [
            FINDING,
            DECLARED,
            "app/views.py:12:40: warning: unknown rule in suppression: PS104 (did you mean PS101?)",
            "",
            f"{SUMMARY_1}.",
            *TABLES,
        ]),
        (f"{LOG}  # policyscan: ignore[PS101] reviewed", 1, [
            FINDING,
            DECLARED,
            "app/views.py:12:40: warning: unused suppression: no PS101 finding on line 12; "
            "the finding there is PS401",
            "",
            f"{SUMMARY_1}.",
            *TABLES,
        ]),
        (f"# policyscan: ignore[PS401] reviewed\n\n{LOG}", 1, [
            FINDING.replace(":12:5:", ":14:5:"),
            DECLARED,
            "app/views.py:12:5: warning: unused suppression: no PS401 finding on line 13",
            "",
            f"{SUMMARY_1}.",
            *TABLES,
        ]),
        (f'{LOG}; note = "# policyscan: ignore[PS401] in a string"', 1, [FINDING, DECLARED, "", f"{SUMMARY_1}.", *TABLES]),
    ],
    ids=["trailing", "line-above", "above-a-comment-block", "partly-unused", "no-reason", "bare", "malformed",
         "unknown-id", "wrong-rule", "blank-line-between", "in-a-string"],
)
def test_suppression_forms_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, code: int,
                                           expected: list[str]) -> None:
    write_tree(tmp_path, line)
    exit_code, out, err = cli(["scan", str(tmp_path)], capsys)
    assert out.splitlines() == expected
    assert exit_code == code, err


def test_reason_can_be_made_optional(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, f"{LOG}  # policyscan: ignore[PS401]",
               pyproject="[tool.policyscan]\nrequire_suppression_reason = false\n")
    code, out, err = cli(["scan", str(tmp_path)], capsys)
    assert (code, out) == (0, f"{SUMMARY_0}; 1 suppressed.\n"), err


def test_suppressed_findings_stay_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, f"{LOG}  # policyscan: ignore[PS401] mail-delivery log, SEC-42")
    code, out, _ = cli(["scan", str(tmp_path), "--format", "json"], capsys)
    doc = json.loads(out)
    (found,) = doc["findings"]
    assert (code, found["rule_id"], found["suppressed"], found["justification"]) == (
        0, "PS401", True, "mail-delivery log, SEC-42"
    )
    assert (doc["summary"]["findings"], doc["summary"]["suppressed"]) == (0, 1)
    assert "baseline_state" not in found and "in_baseline" not in doc["summary"]


LOGS = f"""{LOG}  # policyscan: ignore[PS401] mail-delivery log, SEC-42
log.warning("retry for %s", email)  # policyscan: ignore[PS201] wrong rule"""


def test_sarif_carries_in_source_suppressions_and_omit_drops_them(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, LOGS)
    code, out, _ = cli(["scan", str(tmp_path), "--format", "sarif"], capsys)
    doc = assert_valid_sarif(out)
    run = doc["runs"][0]
    assert code == 1
    assert [(r["locations"][0]["physicalLocation"]["region"]["startLine"], r["suppressions"]) for r in run["results"]] == [
        (12, [{"kind": "inSource", "status": "accepted", "justification": "mail-delivery log, SEC-42"}]),
        (13, []),
    ]
    assert "baselineState" not in run["results"][0]
    assert [(n["descriptor"]["id"], n["message"]["text"]) for n in run["invocations"][0]["toolExecutionNotifications"]] == [
        ("unused-suppression", "unused suppression: no PS201 finding on line 13; the finding there is PS401"),
    ]
    code, out, _ = cli(["scan", str(tmp_path), "--format", "sarif", "--sarif-suppressed", "omit"], capsys)
    results = assert_valid_sarif(out)["runs"][0]["results"]
    assert [(r["locations"][0]["physicalLocation"]["region"]["startLine"], r["suppressions"]) for r in results] == [
        (13, []),
    ]


UNUSED_INVENTORY = INVENTORY + """
[[collect]]
# policyscan: ignore[PS901] collected by the mobile app, which this repository does not hold
categories = ["user.name"]
purposes = ["account"]
section = "2.1"

[[cookies]]
name = "_ga*"  # policyscan: ignore[PS901] set by gtag.js in the browser
purpose = "analytics"
section = "10.1 Cookies"

[[recipients]]
# policyscan: ignore[PS901]
name = "Intercom"
categories = ["user.contact.email"]
purposes = ["support"]
section = "4"

[[recipients]]
# policyscan: ignore[PS101] wrong rule
name = "Zendesk"
categories = ["user.contact.email"]
purposes = ["support"]
section = "4"
"""


def test_notes_in_the_inventory_are_suppressed_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, 'log.info("signup")', inventory=UNUSED_INVENTORY)
    code, out, err = cli(["scan", str(tmp_path), "--fail-on", "note"], capsys)
    assert out.splitlines() == [
        "privacy-inventory.toml:26:1: PS901 [note] Recipient 'Intercom' is declared but never observed in the "
        "scanned code.",
        "privacy-inventory.toml:33:1: PS901 [note] Recipient 'Zendesk' is declared but never observed in the "
        "scanned code.",
        "privacy-inventory.toml:25:1: warning: suppression of PS901 gives no reason, so it suppresses nothing: "
        "write the reason after the rule ids (require_suppression_reason is on)",
        "privacy-inventory.toml:32:1: warning: unused suppression: no PS101 finding on line 33; the finding there is PS901",
        "",
        "Found 2 findings (0 errors, 0 warnings, 2 notes) in 1 file; 2 suppressed.",
        "By rule:",
        "  2  PS901 unused-declaration",
    ]
    assert code == 1, err
