"""The JSON renderer: the detection contract's form for `observe`, findings and summary for `scan`."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest
from report_fixtures import COOKIE, F_LOG, F_SHARE, LOG, SHARE

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
from scanner.report.json_report import observation_dict, render_json

COLLECT = Observation(
    kind=Kind.COLLECT,
    path="app/forms.py",
    span=Span(8, 5, 8, 40),
    categories=("user.contact.email",),
    rule="python.flask.request-form",
    message='request.form["email"] reads user.contact.email',
)
DYNAMIC_COOKIE = Observation(
    kind=Kind.COOKIE,
    path="app/views.py",
    span=Span(34, 5, 34, 50),
    categories=(),
    rule="python.django.set-cookie",
    message="set_cookie sets a cookie whose name is computed",
    cookie=Cookie(name=None, expires=True, httponly=True),
)
SKIP = Skip("app/broken.py", SkipReason.SYNTAX_ERROR, "invalid syntax", line=3, column=7)
SKIP_NO_LINE = Skip("app/blob.py", SkipReason.NULL_BYTES, "file contains null bytes")


def observe_run(**changes: Any) -> RunResult:
    run = RunResult(
        root="/srv/repo",
        tool_version="0.3.1",
        command="observe",
        # Deliberately out of order: the report sorts by Observation.sort_key.
        observations=(LOG, COOKIE, COLLECT, SHARE, DYNAMIC_COOKIE),
        findings=(),
        skips=(SKIP, SKIP_NO_LINE),
        notices=(),
        rules=ALL_RULES,
        inventory_path=None,
        files_scanned=7,
    )
    return dataclasses.replace(run, **changes)


def test_observe_output_is_the_detection_contract_form() -> None:
    assert json.loads(render_json(observe_run())) == {
        "observations": [
            {
                "kind": "share",
                "path": "app/analytics.py",
                "start_line": 20,
                "end_line": 22,
                "categories": ["user.contact.email", "user.unique_id"],
                "recipient": "Segment",
                "cookie": None,
                "rule": "python.segment.track",
                "message": "analytics.track sends user data to Segment",
                "cookie_attributes": None,
            },
            {
                "kind": "log",
                "path": "app/chat.py",
                "start_line": 41,
                "end_line": 43,
                "categories": ["user.content"],
                "recipient": None,
                "cookie": None,
                "rule": "python.logging.personal-data",
                "message": "prompt text is written to a log",
                "cookie_attributes": None,
            },
            {
                "kind": "collect",
                "path": "app/forms.py",
                "start_line": 8,
                "end_line": 8,
                "categories": ["user.contact.email"],
                "recipient": None,
                "cookie": None,
                "rule": "python.flask.request-form",
                "message": 'request.form["email"] reads user.contact.email',
                "cookie_attributes": None,
            },
            {
                "kind": "cookie",
                "path": "app/views.py",
                "start_line": 30,
                "end_line": 30,
                "categories": ["user.device.cookie_id"],
                "recipient": None,
                "cookie": "tracking_id",
                "rule": "python.django.set-cookie",
                "message": "set_cookie sets tracking_id",
                "cookie_attributes": {
                    "max_age": 31536000,
                    "expires": False,
                    "secure": False,
                    "httponly": None,
                    "samesite": "Lax",
                    "dynamic": ["httponly"],
                },
            },
            {
                "kind": "cookie",
                "path": "app/views.py",
                "start_line": 34,
                "end_line": 34,
                "categories": [],
                "recipient": None,
                "cookie": None,
                "rule": "python.django.set-cookie",
                "message": "set_cookie sets a cookie whose name is computed",
                "cookie_attributes": {
                    "max_age": None,
                    "expires": True,
                    "secure": None,
                    "httponly": True,
                    "samesite": None,
                    "dynamic": [],
                },
            },
        ],
        "skipped": [
            {"path": "app/broken.py", "reason": "syntax-error", "message": "invalid syntax", "line": 3},
            {
                "path": "app/blob.py",
                "reason": "null-bytes",
                "message": "file contains null bytes",
                "line": None,
            },
        ],
    }


def test_observe_text_is_sorted_indented_and_ends_with_newline() -> None:
    text = render_json(observe_run())
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2) + "\n"
    assert render_json(observe_run(observations=tuple(reversed(observe_run().observations)))) == text


def test_empty_observe_run() -> None:
    assert (
        render_json(observe_run(observations=(), skips=()))
        == '{\n  "observations": [],\n  "skipped": []\n}\n'
    )


def test_observation_dict_with_explain_adds_reasons_and_flow() -> None:
    assert observation_dict(LOG, explain=True) == {
        "kind": "log",
        "path": "app/chat.py",
        "start_line": 41,
        "end_line": 43,
        "categories": ["user.content"],
        "recipient": None,
        "cookie": None,
        "rule": "python.logging.personal-data",
        "message": "prompt text is written to a log",
        "cookie_attributes": None,
        "reasons": ["classifier: prompt -> user.content", "model: logging.Logger.info"],
        "flow": [
            {"path": "app/chat.py", "start_line": 38, "message": "prompt read from the request body"},
            {"path": "app/chat.py", "start_line": 41, "message": "prompt passed to logger.info"},
        ],
    }
    assert "reasons" not in observation_dict(LOG)
    explained = json.loads(render_json(observe_run(), explain=True))["observations"]
    assert [o["flow"] for o in explained][1] == observation_dict(LOG, explain=True)["flow"]


F_COOKIE = Finding(
    rule_id="PS301",
    level=Level.WARNING,
    message="Cookie tracking_id is not declared.",
    path="app/views.py",
    span=Span(30, 5, 30, 71),
    categories=("user.device.cookie_id",),
    identity="PS301:app/views.py:cookie:tracking_id",
    cookie="tracking_id",
    observation=COOKIE,
    declaration=InventoryRef("privacy-inventory.toml", None, ""),
)
F_SHARE_SUPPRESSED = dataclasses.replace(
    F_SHARE, suppression=Suppression(20, ("PS201",), "vendor DPA signed, PRIV-12")
)


def scan_run(**changes: Any) -> RunResult:
    run = RunResult(
        root="/srv/repo",
        tool_version="0.3.1",
        command="scan",
        observations=(COLLECT,),
        findings=(F_LOG, F_COOKIE, F_SHARE_SUPPRESSED),
        skips=(SKIP,),
        notices=(
            Notice(
                NoticeLevel.WARNING,
                "unused suppression of PS101",
                "app/forms.py",
                9,
                code="unused-suppression",
            ),
        ),
        rules=ALL_RULES,
        inventory_path="privacy-inventory.toml",
        files_scanned=7,
    )
    return dataclasses.replace(run, **changes)


def test_scan_output() -> None:
    doc = json.loads(render_json(scan_run()))
    assert doc == {
        "findings": [
            {
                "rule_id": "PS201",
                "rule_name": "undeclared-recipient",
                "level": "error",
                "message": "Data is sent to Segment, which is not a declared recipient.",
                "path": "app/analytics.py",
                "start_line": 20,
                "start_column": 5,
                "end_line": 22,
                "end_column": 6,
                "categories": ["user.contact.email", "user.unique_id"],
                "recipient": "Segment",
                "cookie": None,
                "identity": "PS201:app/analytics.py:share:Segment",
                "line_hash": "54703d4cd895b18:1",
                "declaration": None,
                "suppressed": True,
                "justification": "vendor DPA signed, PRIV-12",
            },
            {
                "rule_id": "PS401",
                "rule_name": "forbidden-category-logged",
                "level": "error",
                "message": "user.content is written to a log.",
                "path": "app/chat.py",
                "start_line": 41,
                "start_column": 9,
                "end_line": 43,
                "end_column": 10,
                "categories": ["user.content"],
                "recipient": None,
                "cookie": None,
                "identity": "PS401:app/chat.py:log:user.content",
                "line_hash": "fb7c023a8b9ccb3f:1",
                "declaration": {"path": "privacy-inventory.toml", "line": 15, "column": 1},
                "suppressed": False,
                "justification": None,
            },
            {
                "rule_id": "PS301",
                "rule_name": "undeclared-cookie",
                "level": "warning",
                "message": "Cookie tracking_id is not declared.",
                "path": "app/views.py",
                "start_line": 30,
                "start_column": 5,
                "end_line": 30,
                "end_column": 71,
                "categories": ["user.device.cookie_id"],
                "recipient": None,
                "cookie": "tracking_id",
                "identity": "PS301:app/views.py:cookie:tracking_id",
                "line_hash": None,
                "declaration": {"path": "privacy-inventory.toml", "line": None, "column": None},
                "suppressed": False,
                "justification": None,
            },
        ],
        "observations": [observation_dict(COLLECT)],
        "skipped": [
            {"path": "app/broken.py", "reason": "syntax-error", "message": "invalid syntax", "line": 3}
        ],
        "notices": [
            {
                "level": "warning",
                "code": "unused-suppression",
                "message": "unused suppression of PS101",
                "path": "app/forms.py",
                "line": 9,
            }
        ],
        "summary": {
            "findings": 2,
            "suppressed": 1,
            "by_rule": {"PS401": 1, "PS301": 1},
            "by_level": {"error": 1, "warning": 1, "note": 0},
            "files_scanned": 7,
            "complete": False,
        },
    }


def test_empty_scan_summary() -> None:
    doc = json.loads(render_json(scan_run(observations=(), findings=(), skips=(), notices=())))
    assert doc == {
        "findings": [],
        "observations": [],
        "skipped": [],
        "notices": [],
        "summary": {
            "findings": 0,
            "suppressed": 0,
            "by_rule": {},
            "by_level": {"error": 0, "warning": 0, "note": 0},
            "files_scanned": 7,
            "complete": True,
        },
    }


def test_rule_name_of_a_rule_outside_the_run_comes_from_the_catalogue() -> None:
    doc = json.loads(render_json(scan_run(rules=())))
    assert [f["rule_name"] for f in doc["findings"]] == [
        "undeclared-recipient",
        "forbidden-category-logged",
        "undeclared-cookie",
    ]


def test_scan_output_is_byte_identical_for_equal_runs() -> None:
    text = render_json(scan_run())
    assert render_json(scan_run(findings=(F_SHARE_SUPPRESSED, F_COOKIE, F_LOG))) == text
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2) + "\n"


@pytest.mark.parametrize("make", [observe_run, scan_run], ids=["observe", "scan"])
def test_render_dispatches_to_json(make: Callable[[], RunResult]) -> None:
    assert render(make(), Format.JSON) == render_json(make())
