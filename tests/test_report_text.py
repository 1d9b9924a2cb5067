"""The text renderer: exact lines for findings, observations, skips, notices and the summary."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import report_fixtures
from report_fixtures import SKIPS

from scanner.catalog import ALL_RULES
from scanner.model import (
    Cookie,
    Finding,
    InventoryRef,
    Kind,
    Level,
    Notice,
    NoticeLevel,
    Observation,
    RunResult,
    Skip,
    SkipReason,
    Span,
    Suppression,
)
from scanner.report import Format, render
from scanner.report.text import render_text


def finding(
    rule_id: str, level: Level, path: str, line: int, column: int, message: str, *categories: str, **kw: Any
) -> Finding:
    return Finding(
        rule_id=rule_id,
        level=level,
        message=message,
        path=path,
        span=Span(line, column, line, column + 10),
        categories=categories,
        identity=f"{rule_id}:{path}:{line}",
        **kw,
    )


FINDINGS = (
    finding("PS401", Level.ERROR, "app/chat.py", 41, 9, "user.content is written to a log.", "user.content"),
    finding(
        "PS101",
        Level.WARNING,
        "app/forms.py",
        8,
        5,
        "user.contact.email is collected but not declared.",
        "user.contact.email",
    ),
    finding(
        "PS101",
        Level.WARNING,
        "app/forms.py",
        9,
        5,
        "user.contact.phone_number is collected but not declared.",
        "user.contact.phone_number",
    ),
    finding(
        "PS201",
        Level.ERROR,
        "app/analytics.py",
        20,
        5,
        "Data is sent to Segment, which is not declared.",
        "user.contact.email",
        "user.unique_id",
        recipient="Segment",
        suppression=Suppression(20, ("PS201",), "DPA signed"),
    ),
    finding(
        "PS901",
        Level.NOTE,
        "privacy-inventory.toml",
        7,
        1,
        "user.name is declared but never collected.",
        "user.name",
        declaration=InventoryRef("privacy-inventory.toml", 7, "[[collect]] user.name"),
    ),
)
def scan_run(**changes: Any) -> RunResult:
    return report_fixtures.scan_run(changes.pop("findings", FINDINGS), **changes)


def test_scan_report() -> None:
    assert render_text(scan_run()).splitlines() == [
        "app/chat.py:41:9: PS401 [error] user.content is written to a log.",
        "app/forms.py:8:5: PS101 [warning] user.contact.email is collected but not declared.",
        "app/forms.py:9:5: PS101 [warning] user.contact.phone_number is collected but not declared.",
        "privacy-inventory.toml:7:1: PS901 [note] user.name is declared but never collected.",
        "app/broken.py:3:7: error: could not analyse: syntax-error: invalid syntax",
        "app/blob.py: error: could not analyse: null-bytes: file contains null bytes",
        "app/forms.py:12: warning: unused suppression of PS101",
        "note: semgrep packs are disabled",
        "",
        "Found 4 findings (1 error, 2 warnings, 1 note) in 12 files; 1 suppressed.",
        "By rule:",
        "  2  PS101 undeclared-collection",
        "  1  PS401 forbidden-category-logged",
        "  1  PS901 unused-declaration",
        "By category:",
        "  1  user.contact.email",
        "  1  user.contact.phone_number",
        "  1  user.content",
        "  1  user.name",
        "Incomplete scan: 2 files could not be analysed.",
    ]


def test_report_ends_with_one_newline() -> None:
    text = render_text(scan_run())
    assert text.endswith(".\n") and not text.endswith("\n\n")


def test_a_name_with_a_line_break_or_an_escape_is_one_line_of_text() -> None:
    # 'new\nline.py:5:5: PS401 ...' split the finding over two lines (and in a CI log a name's line
    # starting with '::' is a workflow command); an ESC in a name reached the terminal as it was.
    names = ("new\n::error::x.py", "esc\x1b[2J.py", "tab\tname.py", "caf\udce9.py")
    run = scan_run(findings=tuple(finding("PS401", Level.ERROR, n, 5, 5, "logged.", "user.content") for n in names),
                   skips=(), notices=(Notice(NoticeLevel.WARNING, "left out: a link", path="l\rink.py"),),
                   files_scanned=4)
    lines = render_text(run).splitlines()
    assert lines[:5] == [  # in the order of the paths
        "caf\\xe9.py:5:5: PS401 [error] logged.",
        "esc\\x1b[2J.py:5:5: PS401 [error] logged.",
        "new\\n::error::x.py:5:5: PS401 [error] logged.",
        "tab\\tname.py:5:5: PS401 [error] logged.",
        "l\\rink.py: warning: left out: a link",
    ]


def test_a_message_naming_a_file_with_a_line_break_is_one_line_of_text() -> None:
    # An unmodelled framework's note names its importing files in its message: a name with a line
    # break split the note and put '::error::x.py)...' at the start of a line of its own (a CI log's
    # workflow command); a skip's message likewise.
    name = "a\n::error::x.py"
    run = scan_run(findings=(), files_scanned=1,
                   skips=(Skip(name, SkipReason.ANALYSIS_ERROR, f"could not read {name}", 2),),
                   notices=(Notice(NoticeLevel.NOTE, f"cherrypy is imported by 1 file ({name})", path=name, line=1),))
    assert render_text(run).splitlines()[:2] == [
        "a\\n::error::x.py:2: error: could not analyse: analysis-error: could not read a\\n::error::x.py",
        "a\\n::error::x.py:1: note: cherrypy is imported by 1 file (a\\n::error::x.py)",
    ]


def test_clean_run() -> None:
    run = scan_run(findings=(), skips=(), notices=(), files_scanned=1)
    assert render_text(run) == "Found 0 findings (0 errors, 0 warnings, 0 notes) in 1 file.\n"


def test_only_suppressed_findings() -> None:
    run = scan_run(findings=(FINDINGS[3],), skips=(), notices=())
    assert render_text(run) == "Found 0 findings (0 errors, 0 warnings, 0 notes) in 12 files; 1 suppressed.\n"


def test_error_notice_makes_the_scan_incomplete() -> None:
    run = scan_run(findings=(), skips=(), notices=(Notice(NoticeLevel.ERROR, "semgrep failed: exit 7"),))
    assert render_text(run).splitlines() == [
        "error: semgrep failed: exit 7",
        "",
        "Found 0 findings (0 errors, 0 warnings, 0 notes) in 12 files.",
        "Incomplete scan: 1 error reported.",
    ]


def test_counts_are_right_aligned() -> None:
    many = tuple(
        dataclasses.replace(FINDINGS[1], span=Span(n, 1, n, 5), identity=f"PS101:{n}") for n in range(1, 11)
    )
    lines = render_text(scan_run(findings=(*many, FINDINGS[0]), skips=(), notices=())).splitlines()
    assert lines[-6:] == [
        "By rule:",
        "  10  PS101 undeclared-collection",
        "   1  PS401 forbidden-category-logged",
        "By category:",
        "  10  user.contact.email",
        "   1  user.content",
    ]


def test_colour_only_when_asked() -> None:
    run = scan_run(findings=(FINDINGS[0],), skips=(SKIPS[0],), notices=())
    assert "\x1b" not in render_text(run)
    assert render_text(run, color=True).splitlines() == [
        "\x1b[1mapp/chat.py\x1b[0m:41:9: \x1b[1m\x1b[31mPS401\x1b[0m \x1b[31m[error]\x1b[0m user.content is written to a log.",
        "\x1b[1mapp/broken.py\x1b[0m:3:7: \x1b[31merror\x1b[0m: could not analyse: syntax-error: invalid syntax",
        "",
        "\x1b[1mFound 1 finding (1 error, 0 warnings, 0 notes) in 12 files.\x1b[0m",
        "By rule:",
        "  1  PS401 forbidden-category-logged",
        "By category:",
        "  1  user.content",
        "\x1b[31mIncomplete scan: 1 file could not be analysed.\x1b[0m",
    ]


def test_a_finding_names_the_inventory_line_it_compared_with() -> None:
    # SARIF links the declaration and JSON carries it, but the text line of a broken scope rule
    # said "under scope 'incognito'" and nowhere where that scope is: the inventory line goes
    # under the finding, indented (no second `path:line:col:` result for a parser), named as
    # the files are; a finding about what the inventory does not declare, or one on the
    # declaration's own line, has none.
    scope = InventoryRef("privacy-inventory.toml", 30, "scope 'incognito'", 1)
    broken = finding("PS501", Level.ERROR, "app/chat.py", 41, 9, "user.content is logged under scope 'incognito'.",
                     "user.content", declaration=scope)
    undeclared = finding("PS201", Level.ERROR, "app/chat.py", 50, 5, "Data is sent to Sentry.", "user.content",
                         declaration=InventoryRef("privacy-inventory.toml", None, "no [[recipients]] declaration"))
    on_itself = finding("PS303", Level.WARNING, "privacy-inventory.toml", 30, 1, "Scope 'incognito'.",
                        declaration=scope)
    run = scan_run(findings=(broken, undeclared, on_itself), skips=(), notices=())
    assert render_text(run, path_prefix="services/chat/").splitlines()[:4] == [
        "services/chat/app/chat.py:41:9: PS501 [error] user.content is logged under scope 'incognito'.",
        "    services/chat/privacy-inventory.toml:30:1: note: scope 'incognito' declared here",
        "services/chat/app/chat.py:50:5: PS201 [error] Data is sent to Sentry.",
        "services/chat/privacy-inventory.toml:30:1: PS303 [warning] Scope 'incognito'.",
    ]
    assert render_text(run, color=True).splitlines()[1] == (
        "    privacy-inventory.toml:30:1: \x1b[36mnote\x1b[0m: scope 'incognito' declared here")
    no_column = dataclasses.replace(broken, declaration=dataclasses.replace(scope, column=None))
    assert render_text(scan_run(findings=(no_column,), skips=(), notices=())).splitlines()[1] == (
        "    privacy-inventory.toml:30: note: scope 'incognito' declared here")


OBSERVATIONS = (
    Observation(
        kind=Kind.LOG,
        path="app/chat.py",
        span=Span(41, 9, 43, 10),
        categories=("user.content",),
        rule="python.logging.personal-data",
        message="prompt text is written to a log",
    ),
    Observation(
        kind=Kind.COLLECT,
        path="app/forms.py",
        span=Span(8, 5, 8, 40),
        categories=("user.contact.email",),
        rule="python.flask.request-form",
        message="request.form reads the email",
    ),
    Observation(
        kind=Kind.SHARE,
        path="app/analytics.py",
        span=Span(20, 5, 22, 6),
        categories=("user.contact.email", "user.unique_id"),
        rule="python.segment.track",
        message="analytics.track sends user data",
        recipient="Segment",
    ),
    Observation(
        kind=Kind.COOKIE,
        path="app/views.py",
        span=Span(30, 5, 30, 71),
        categories=("user.device.cookie_id",),
        rule="python.django.set-cookie",
        message="set_cookie sets a cookie",
        cookie=Cookie(name="tracking_id", max_age=3600),
    ),
    Observation(
        kind=Kind.COOKIE,
        path="app/views.py",
        span=Span(34, 5, 34, 50),
        categories=(),
        rule="python.django.set-cookie",
        message="set_cookie sets a cookie",
        cookie=Cookie(name=None),
    ),
)


def observe_run(**changes: Any) -> RunResult:
    run = RunResult(
        root="/srv/repo",
        tool_version="0.3.1",
        command="observe",
        observations=OBSERVATIONS,
        findings=(),
        skips=(SKIPS[0],),
        notices=(),
        rules=ALL_RULES,
        inventory_path=None,
        files_scanned=9,
    )
    return dataclasses.replace(run, **changes)


def test_observe_report() -> None:
    assert render_text(observe_run()).splitlines() == [
        "app/analytics.py:20:5: share user.contact.email,user.unique_id to Segment (python.segment.track) analytics.track sends user data",
        "app/chat.py:41:9: log user.content (python.logging.personal-data) prompt text is written to a log",
        "app/forms.py:8:5: collect user.contact.email (python.flask.request-form) request.form reads the email",
        "app/views.py:30:5: cookie tracking_id user.device.cookie_id (python.django.set-cookie) set_cookie sets a cookie",
        "app/views.py:34:5: cookie (name not a literal) (python.django.set-cookie) set_cookie sets a cookie",
        "app/broken.py:3:7: error: could not analyse: syntax-error: invalid syntax",
        "",
        "Found 5 observations (1 collect, 1 share, 2 cookie, 1 log) in 9 files.",
        "By category:",
        "  2  user.contact.email",
        "  1  user.content",
        "  1  user.device.cookie_id",
        "  1  user.unique_id",
        "Incomplete scan: 1 file could not be analysed.",
    ]


def test_empty_observe_run() -> None:
    run = observe_run(observations=(), skips=(), files_scanned=0)
    assert render_text(run) == "Found 0 observations (0 collect, 0 share, 0 cookie, 0 log) in 0 files.\n"


@pytest.mark.parametrize("color", [False, True])
def test_render_dispatches_to_text(color: bool) -> None:
    assert render(scan_run(), Format.TEXT, color=color) == render_text(scan_run(), color=color)
    assert render(observe_run(), Format.TEXT, color=color) == render_text(observe_run(), color=color)


def test_output_does_not_depend_on_input_order() -> None:
    assert render_text(scan_run(findings=tuple(reversed(FINDINGS)))) == render_text(scan_run())
    assert render_text(observe_run(observations=tuple(reversed(OBSERVATIONS)))) == render_text(observe_run())
