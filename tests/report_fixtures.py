"""Literal run results the renderer tests share: skipped files, notices, and a scan run around findings."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from scanner.catalog import ALL_RULES
from scanner.model import (
    Cookie,
    Finding,
    FlowStep,
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
)

# Observations and findings the JSON and SARIF renderer tests both render; their exact expected
# outputs depend on these values.
SHARE = Observation(
    kind=Kind.SHARE,
    path="app/analytics.py",
    span=Span(20, 5, 22, 6),
    categories=("user.contact.email", "user.unique_id"),
    rule="python.segment.track",
    message="analytics.track sends user data to Segment",
    recipient="Segment",
)
COOKIE = Observation(
    kind=Kind.COOKIE,
    path="app/views.py",
    span=Span(30, 5, 30, 71),
    categories=("user.device.cookie_id",),
    rule="python.django.set-cookie",
    message="set_cookie sets tracking_id",
    cookie=Cookie(name="tracking_id", max_age=31536000, secure=False, samesite="Lax", dynamic=("httponly",)),
)
LOG = Observation(
    kind=Kind.LOG,
    path="app/chat.py",
    span=Span(41, 9, 43, 10),
    categories=("user.content",),
    rule="python.logging.personal-data",
    message="prompt text is written to a log",
    flow=(
        FlowStep("app/chat.py", Span(38, 5, 38, 36), "prompt read from the request body"),
        FlowStep("app/chat.py", Span(41, 9, 43, 10), "prompt passed to logger.info"),
    ),
    reasons=("classifier: prompt -> user.content", "model: logging.Logger.info"),
)
F_SHARE = Finding(
    rule_id="PS201",
    level=Level.ERROR,
    message="Data is sent to Segment, which is not a declared recipient.",
    path="app/analytics.py",
    span=Span(20, 5, 22, 6),
    categories=("user.contact.email", "user.unique_id"),
    identity="PS201:app/analytics.py:share:Segment",
    recipient="Segment",
    observation=SHARE,
    line_hash="54703d4cd895b18:1",
)
F_LOG = Finding(
    rule_id="PS401",
    level=Level.ERROR,
    message="user.content is written to a log.",
    path="app/chat.py",
    span=Span(41, 9, 43, 10),
    categories=("user.content",),
    identity="PS401:app/chat.py:log:user.content",
    observation=LOG,
    declaration=InventoryRef("privacy-inventory.toml", 15, "[logging]", 1),
    line_hash="fb7c023a8b9ccb3f:1",
)

SKIPS = (
    Skip("app/broken.py", SkipReason.SYNTAX_ERROR, "invalid syntax", line=3, column=7),
    Skip("app/blob.py", SkipReason.NULL_BYTES, "file contains null bytes"),
)
NOTICES = (
    Notice(NoticeLevel.WARNING, "unused suppression of PS101", "app/forms.py", 12, code="unused-suppression"),
    Notice(NoticeLevel.NOTE, "semgrep packs are disabled"),
)


def scan_run(findings: Sequence[Finding], **changes: Any) -> RunResult:
    """A scan of a 12-file tree with `findings`, the shared skips and notices; `changes` replace fields."""
    run = RunResult(
        root="/srv/repo",
        tool_version="0.1.0",
        command="scan",
        observations=(),
        findings=tuple(findings),
        skips=SKIPS,
        notices=NOTICES,
        rules=ALL_RULES,
        inventory_path="privacy-inventory.toml",
        files_scanned=12,
    )
    return dataclasses.replace(run, **changes)
