"""Baselines: record today's findings so that later scans report only new ones.

A baseline is a committed JSON file keyed by each finding's line-independent identity
(`Finding.identity`, "<hash>:<n>"), so adding lines above a finding, moving it within its
file or reformatting its call does not make it new (detect-secrets' idea: "new" is the
observed identities minus the baseline's). The file also stores each finding's rule, path,
message and categories, for the people who review it; nothing in it depends on line
numbers, so it changes only when findings do.

    {
      "findings": [
        {"categories": ["user.contact.email"], "identity": "3f0c...:1", "message": "...",
         "path": "app/views.py", "rule_id": "PS401"}
      ],
      "tool": "policyscan",
      "version": 1
    }

Entries are sorted by path, rule and identity; keys are sorted; the file ends with a
newline, so creating it twice from the same tree gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from scanner.errors import PolicyscanError, Problem
from scanner.model import Finding

BASELINE_VERSION = 1
DEFAULT_BASELINE = ".policyscan-baseline.json"
TOOL = "policyscan"
NEW = "new"
UNCHANGED = "unchanged"


class BaselineError(PolicyscanError):
    """The baseline file cannot be read, is not JSON, or is not a baseline this version reads (exit 2)."""

    kind = "baseline error"


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One accepted finding: its identity, and what a reviewer reads to know which it is."""

    identity: str
    rule_id: str
    path: str
    message: str
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Baseline:
    """The findings accepted when the baseline was created, sorted by path, rule and identity."""

    entries: tuple[BaselineEntry, ...]

    @property
    def identities(self) -> frozenset[str]:
        """The identities of the accepted findings."""
        return frozenset(entry.identity for entry in self.entries)


def _sorted(entries: Iterable[BaselineEntry]) -> tuple[BaselineEntry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.path, e.rule_id, e.identity)))


def baseline_from_findings(findings: Iterable[Finding]) -> Baseline:
    """Return the baseline of `findings`, leaving out suppressed ones (they carry their own reason)."""
    return Baseline(
        _sorted(
            BaselineEntry(f.identity, f.rule_id, f.path, f.message, f.categories)
            for f in findings
            if f.suppression is None
        )
    )


def render_baseline(baseline: Baseline) -> str:
    """Return the baseline file's text: JSON with sorted keys, two-space indent, final newline."""
    doc = {
        "version": BASELINE_VERSION,
        "tool": TOOL,
        "findings": [
            {
                "identity": entry.identity,
                "rule_id": entry.rule_id,
                "path": entry.path,
                "message": entry.message,
                "categories": list(entry.categories),
            }
            for entry in _sorted(baseline.entries)
        ],
    }
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file.

    Raises BaselineError (exit 2) naming the file, and the line where JSON is invalid, when
    the file cannot be read, is not UTF-8 JSON, is not a policyscan baseline, has a version
    other than BASELINE_VERSION, or has an entry without a string identity. Every problem
    with the entries is listed, not only the first.
    """
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError([Problem(shown, None, "no such baseline file (create one with `policyscan baseline create`)")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BaselineError([Problem(shown, None, f"cannot read the baseline: {reason}")]) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError([Problem(shown, exc.lineno, f"the baseline is not valid JSON: {exc.msg}", exc.colno)]) from None
    if not isinstance(doc, dict) or doc.get("tool") != TOOL or "version" not in doc:
        raise BaselineError([Problem(shown, None, "not a policyscan baseline (create one with `policyscan baseline create`)")])
    version = doc["version"]
    if version != BASELINE_VERSION or isinstance(version, bool):
        raise BaselineError([Problem(
            shown, None,
            f"baseline version {json.dumps(version)} is not supported: this policyscan reads version "
            f"{BASELINE_VERSION}; create the baseline again with `policyscan baseline create`",
        )])
    items = doc.get("findings")
    if not isinstance(items, list):
        raise BaselineError([Problem(shown, None, "the baseline has no \"findings\" list")])
    entries: list[BaselineEntry] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        entry = _entry(item)
        if entry is None:
            problems.append(Problem(shown, None, f"finding {index + 1} of the baseline has no string \"identity\""))
        else:
            entries.append(entry)
    if problems:
        raise BaselineError(problems)
    return Baseline(_sorted(entries))


def _entry(item: object) -> BaselineEntry | None:
    """Return the entry an item of "findings" describes; None without a string identity.

    Only the identity matters to the comparison; the other fields are for people, so a
    missing or odd one reads as empty rather than failing the scan.
    """
    if not isinstance(item, dict) or not isinstance(item.get("identity"), str):
        return None
    categories = item.get("categories")
    return BaselineEntry(
        identity=item["identity"],
        rule_id=str(item.get("rule_id", "")),
        path=str(item.get("path", "")),
        message=str(item.get("message", "")),
        categories=tuple(str(c) for c in categories) if isinstance(categories, list) else (),
    )


def entries_not_found(baseline: Baseline, findings: Iterable[Finding], unanalysed: Collection[str]) -> tuple[BaselineEntry, ...]:
    """The baseline's entries that no finding of this run has (suppressed ones count as found):
    fixed, or changed since (a finding whose data changed is new, and its old entry goes).

    Entries of files in `unanalysed` (that could not be analysed) are left out: their findings
    are unknown, not gone.
    """
    found = {f.identity for f in findings}
    return tuple(e for e in baseline.entries if e.identity not in found and e.path not in unanalysed)


def gone_message(entries: Sequence[BaselineEntry]) -> str:
    """What a scan says of baseline entries no longer found, naming the first three."""
    shown = ", ".join(f"{e.rule_id} in {e.path}" for e in entries[:3]) + (", ..." if len(entries) > 3 else "")
    if len(entries) == 1:
        return (f"1 finding of the baseline is no longer found ({shown}): fixed, or changed since; "
                "`policyscan baseline create` drops it")
    return (f"{len(entries)} findings of the baseline are no longer found ({shown}): fixed, or changed since; "
            "`policyscan baseline create` drops them")


def mark_baseline(findings: Sequence[Finding], baseline: Baseline) -> tuple[Finding, ...]:
    """Return `findings` with `baseline_state` "unchanged" when the baseline holds their identity, else "new"."""
    known = baseline.identities
    return tuple(replace(f, baseline_state=UNCHANGED if f.identity in known else NEW) for f in findings)
