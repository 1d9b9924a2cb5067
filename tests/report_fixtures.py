"""Literal run results the renderer tests share: skipped files, notices, and a scan run around findings."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from scanner.catalog import ALL_RULES
from scanner.model import Finding, Notice, NoticeLevel, RunResult, Skip, SkipReason

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
