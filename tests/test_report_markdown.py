"""The Markdown summary: exact text, the row cap, escaping, links from the repository root."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import report_fixtures
from report_fixtures import SKIPS

from scanner.model import (
    Finding,
    Level,
    Notice,
    NoticeLevel,
    RunResult,
    Span,
    Suppression,
)
from scanner.report import Format, render
from scanner.report.markdown import MAX_ROWS, escape, link_base_for, render_markdown


def finding(rule_id: str, level: Level, path: str, line: int, message: str, **kw: Any) -> Finding:
    return Finding(
        rule_id=rule_id,
        level=level,
        message=message,
        path=path,
        span=Span(line, 5, line, 30),
        categories=("user.content",),
        identity=f"{rule_id}:{path}:{line}",
        **kw,
    )


FINDINGS = (
    finding("PS101", Level.WARNING, "app/forms.py", 8, "user.contact.email is collected but not declared."),
    finding("PS401", Level.ERROR, "app/chat.py", 41, "user.content is written to a log."),
    finding("PS901", Level.NOTE, "privacy-inventory.toml", 7, "Cookie '_ga*' is declared but never observed."),
    finding("PS201", Level.ERROR, "app/analytics.py", 20, "Data is sent to Segment | Twilio <ok>."),
    finding(
        "PS201", Level.ERROR, "app/analytics.py", 30, "Data is sent to Segment.",
        suppression=Suppression(30, ("PS201",), "DPA signed"),
    ),
)
def scan_run(**changes: Any) -> RunResult:
    return report_fixtures.scan_run(changes.pop("findings", FINDINGS), **changes)


def test_full_summary() -> None:
    assert render_markdown(scan_run()).splitlines() == [
        "<!-- policyscan -->",
        "## policyscan: 4 findings, incomplete scan",
        "",
        "**4 findings** (2 errors, 1 warning, 1 note) in 12 files; 1 suppressed; 2 files could not be analysed.",
        "Inventory: `privacy-inventory.toml`.",
        "",
        "| Rule | Name | Findings |",
        "| --- | --- | ---: |",
        "| PS101 | undeclared-collection | 1 |",
        "| PS201 | undeclared-recipient | 1 |",
        "| PS401 | forbidden-category-logged | 1 |",
        "| PS901 | unused-declaration | 1 |",
        "",
        "### Findings",
        "",
        "| Level | Rule | Location | Message |",
        "| --- | --- | --- | --- |",
        # Most severe first, then by place.
        r"| error | PS201 | [app/analytics.py:20](app/analytics.py#L20) | Data is sent to Segment \| Twilio \<ok\>. |",
        "| error | PS401 | [app/chat.py:41](app/chat.py#L41) | user.content is written to a log. |",
        "| warning | PS101 | [app/forms.py:8](app/forms.py#L8) | user.contact.email is collected but not declared. |",
        r"| note | PS901 | [privacy-inventory.toml:7](privacy-inventory.toml#L7) | "
        r"Cookie '\_ga\*' is declared but never observed. |",
        "",
        "### Files that could not be analysed",
        "",
        "- [app/broken.py:3](app/broken.py#L3): syntax-error: invalid syntax",
        "- [app/blob.py](app/blob.py): null-bytes: file contains null bytes",
        "",
        "### Notices",
        "",
        "- [app/forms.py:12](app/forms.py#L12): warning: unused suppression of PS101",
        "- note: semgrep packs are disabled",
    ]


def test_clean_run() -> None:
    run = scan_run(findings=(FINDINGS[4],), skips=(), notices=(), files_scanned=1)
    assert render_markdown(run) == (
        "<!-- policyscan -->\n"
        "## policyscan: no findings\n"
        "\n"
        "**0 findings** (0 errors, 0 warnings, 0 notes) in 1 file; 1 suppressed.\n"
        "Inventory: `privacy-inventory.toml`.\n"
    )


def test_counts_findings_in_the_baseline_and_bare_suppressions() -> None:
    # "; 3 in the baseline", as the text and GitHub summaries say (docs/baselines.md); it was left out.
    old = dataclasses.replace(FINDINGS[1], baseline_state="unchanged")
    bare = Notice(NoticeLevel.WARNING, "bare", "app/chat.py", 9, code="bare-suppression")
    run = scan_run(findings=(FINDINGS[0], old), skips=(), notices=(bare,), files_scanned=3)
    assert render_markdown(run).splitlines()[3] == (
        "**1 finding** (0 errors, 1 warning, 0 notes) in 3 files; 1 in the baseline; 1 bare suppression ignored."
    )


def test_only_skips_is_an_incomplete_scan() -> None:
    run = scan_run(findings=(), skips=SKIPS[:1], notices=())
    assert render_markdown(run).splitlines()[1] == "## policyscan: incomplete scan"


def test_links_from_the_repository_root_under_a_base() -> None:
    run = scan_run(findings=FINDINGS[1:2], skips=(), notices=(), inventory_path="privacy inventory.toml")
    text = render_markdown(
        run, path_prefix="services/api/", link_base="https://github.com/o/r/blob/0123abc/"
    )
    assert "Inventory: `services/api/privacy inventory.toml`." in text.splitlines()
    assert (
        "| error | PS401 | [services/api/app/chat.py:41](https://github.com/o/r/blob/0123abc/services/api/app/chat.py#L41)"
        " | user.content is written to a log. |"
    ) in text.splitlines()


def test_paths_are_quoted_in_links_and_escaped_in_text() -> None:
    odd = dataclasses.replace(FINDINGS[1], path="app/my [x]_chat.py")
    lines = render_markdown(scan_run(findings=(odd,), skips=(), notices=())).splitlines()
    assert r"| error | PS401 | [app/my \[x\]\_chat.py:41](app/my%20%5Bx%5D_chat.py#L41) | " \
        "user.content is written to a log. |" in lines


def test_an_inventory_outside_the_repository_is_not_linked() -> None:
    outside = dataclasses.replace(FINDINGS[2], path="/etc/policy.toml")
    lines = render_markdown(scan_run(findings=(outside,), skips=(), notices=()), path_prefix="svc/").splitlines()
    assert r"| note | PS901 | /etc/policy.toml:7 | Cookie '\_ga\*' is declared but never observed. |" in lines


def test_rows_are_capped_with_an_and_more_line() -> None:
    many = tuple(
        finding("PS101", Level.WARNING, "app/forms.py", n, f"finding {n}") for n in range(1, MAX_ROWS + 8)
    )
    lines = render_markdown(scan_run(findings=many, skips=(), notices=())).splitlines()
    rows = [line for line in lines if line.startswith("| warning | PS101 |")]
    assert len(rows) == MAX_ROWS == 50
    assert rows[-1] == "| warning | PS101 | [app/forms.py:50](app/forms.py#L50) | finding 50 |"
    assert lines[-1] == "_… and 7 more findings._"
    assert lines[2:4] == ["", "**57 findings** (0 errors, 57 warnings, 0 notes) in 12 files."]


def test_one_more_is_singular() -> None:
    many = tuple(finding("PS101", Level.WARNING, "a.py", n, "x") for n in range(1, MAX_ROWS + 2))
    assert render_markdown(scan_run(findings=many, skips=(), notices=())).splitlines()[-1] == "_… and 1 more finding._"


def test_output_does_not_depend_on_input_order() -> None:
    shuffled = scan_run(findings=tuple(reversed(FINDINGS)))
    assert render_markdown(shuffled) == render_markdown(scan_run())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text.", "plain text."),
        ("a|b", r"a\|b"),
        ("<script>&", r"\<script\>\&"),
        ("*bold* _it_ `code` [l](x) ~s~", r"\*bold\* \_it\_ \`code\` \[l\](x) \~s\~"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\nthree", "two lines three"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        (
            {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"},
            "https://github.com/o/r/blob/abc/",
        ),
        (
            {"GITHUB_SERVER_URL": "https://ghe.example/", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"},
            "https://ghe.example/o/r/blob/abc/",
        ),
        ({"GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"}, None),
        ({}, None),
    ],
)
def test_link_base_for(environ: dict[str, str], expected: str | None) -> None:
    assert link_base_for(environ) == expected


def test_render_dispatches_markdown() -> None:
    kw: dict[str, Any] = {"path_prefix": "svc/", "link_base": "https://x/blob/1/"}
    assert render(scan_run(), Format.MARKDOWN, **kw) == render_markdown(scan_run(), **kw)
    assert Format("markdown") is Format.MARKDOWN
