"""JSON for scripts and benchmarks: the detection contract's form for `observe`, findings for `scan`.

`observe` prints exactly the machine-readable form of /work/shared/spec/observations.md
(`{"observations": [...]}`, each with kind, path, start_line, end_line, categories,
recipient, cookie, rule and message), plus each cookie's attributes and the files that
could not be analysed, so a benchmark can tell a miss from a skip, and any notice of the run
(a file left out of the walk).
"""

from __future__ import annotations

from collections import Counter

from scanner.catalog import RULES_BY_ID
from scanner.model import Cookie, Finding, Level, Notice, Observation, RunResult, Skip
from scanner.report.jsontext import dumps


def render_json(run: RunResult, *, explain: bool = False) -> str:
    """Return the JSON report of `run`: sorted keys, two-space indent, final newline.

    An "observe" run gives `{"observations": [...], "skipped": [...]}` (and `"notices"` when it has
    any); any other run gives
    findings, observations, skipped files, notices and a summary (see `scan_dict`).
    `explain` adds each observation's reasons and data flow. Raises nothing.
    """
    if run.command == "observe":
        doc = observe_dict(run, explain=explain)
    else:
        doc = scan_dict(run, explain=explain)
    return dumps(doc) + "\n"


def observe_dict(run: RunResult, *, explain: bool = False) -> dict[str, object]:
    """Return the detection contract's form of `run`'s observations, with the skipped files, and
    the notices (files left out of the walk, a cache that could not be written) when there are any.

    The text report said those notices and this form dropped them, so a script reading it never
    heard of a link that loops or a folder that could not be listed. `notices` is absent when
    there are none: the contract's form of a clean run stays exactly what it was.
    """
    doc: dict[str, object] = {
        "observations": [
            observation_dict(o, explain=explain) for o in sorted(run.observations, key=lambda o: o.sort_key)
        ],
        "skipped": [skip_dict(skip) for skip in run.skips],
    }
    if run.notices:
        doc["notices"] = [notice_dict(notice) for notice in run.notices]
    return doc


def scan_dict(run: RunResult, *, explain: bool = False) -> dict[str, object]:
    """Return findings, observations, skipped files, notices and a summary of `run`.

    The summary counts only unsuppressed findings in `findings`, `by_rule` (rules that
    fired) and `by_level` (all three levels); suppressed ones are counted in `suppressed`.
    When the run compared with a baseline, each finding has its `baseline_state`, the
    summary leaves findings already in the baseline out of those counts and gives their
    number in `in_baseline`.
    """
    findings = sorted(run.findings, key=lambda f: f.sort_key)
    unsuppressed = [f for f in findings if f.suppression is None]
    active = [f for f in unsuppressed if f.baseline_state != "unchanged"]
    by_level = {level.value: 0 for level in Level}
    by_level.update(Counter(f.level.value for f in active))
    summary: dict[str, object] = {
        "findings": len(active),
        "suppressed": len(findings) - len(unsuppressed),
        "by_rule": dict(Counter(f.rule_id for f in active)),
        "by_level": by_level,
        "files_scanned": run.files_scanned,
        "complete": run.complete,
    }
    if run.baseline_path is not None:
        summary["in_baseline"] = len(unsuppressed) - len(active)
    return {
        "findings": [finding_dict(f, run) for f in findings],
        "observations": [
            observation_dict(o, explain=explain) for o in sorted(run.observations, key=lambda o: o.sort_key)
        ],
        "skipped": [skip_dict(skip) for skip in run.skips],
        "notices": [notice_dict(notice) for notice in run.notices],
        "summary": summary,
    }


def observation_dict(o: Observation, *, explain: bool = False) -> dict[str, object]:
    """Return one observation in the detection contract's form, with `cookie_attributes`.

    `cookie` is the cookie's name (None when it is not a literal, or not a cookie);
    `cookie_attributes` is None unless the observation sets a cookie. With `explain`,
    "reasons" and "flow" (steps of {path, start_line, message}) are added.
    """
    out: dict[str, object] = {
        "kind": o.kind.value,
        "path": o.path,
        "start_line": o.span.start_line,
        "end_line": o.span.end_line,
        "categories": list(o.categories),
        "recipient": o.recipient,
        "cookie": o.cookie.name if o.cookie is not None else None,
        "rule": o.rule,
        "message": o.message,
        "cookie_attributes": None if o.cookie is None else cookie_attributes(o.cookie),
    }
    if explain:
        out["reasons"] = list(o.reasons)
        out["flow"] = [
            {"path": step.path, "start_line": step.span.start_line, "message": step.message}
            for step in o.flow
        ]
    return out


def cookie_attributes(cookie: Cookie) -> dict[str, object]:
    """Return the attributes a cookie-setting call gives, as written (None when absent)."""
    return {
        "max_age": cookie.max_age,
        "expires": cookie.expires,
        "secure": cookie.secure,
        "httponly": cookie.httponly,
        "samesite": cookie.samesite,
        "dynamic": list(cookie.dynamic),
    }


def finding_dict(finding: Finding, run: RunResult) -> dict[str, object]:
    """Return one finding; `rule_name` comes from `run.rules` (else the catalogue, else "").

    `baseline_state` ("new" or "unchanged") is there only when the run compared with a baseline.
    """
    rule = next((r for r in run.rules if r.id == finding.rule_id), None) or RULES_BY_ID.get(finding.rule_id)
    declaration = finding.declaration
    out: dict[str, object] = {
        "rule_id": finding.rule_id,
        "rule_name": rule.name if rule is not None else "",
        "level": finding.level.value,
        "message": finding.message,
        "path": finding.path,
        "start_line": finding.span.start_line,
        "start_column": finding.span.start_column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "categories": list(finding.categories),
        "recipient": finding.recipient,
        "cookie": finding.cookie,
        "identity": finding.identity,
        "line_hash": finding.line_hash,
        "declaration": None if declaration is None else {"path": declaration.path, "line": declaration.line,
                                                             "column": declaration.column},
        "suppressed": finding.suppression is not None,
        "justification": finding.suppression.justification if finding.suppression is not None else None,
    }
    if run.baseline_path is not None:
        out["baseline_state"] = finding.baseline_state
    return out


def skip_dict(skip: Skip) -> dict[str, object]:
    """Return a file the scan could not analyse: path, reason, message, line (or None)."""
    return {"path": skip.path, "reason": skip.reason.value, "message": skip.message, "line": skip.line}


def notice_dict(notice: Notice) -> dict[str, object]:
    """Return a notice about the run: level, code, message, path and line (None when unknown)."""
    return {
        "level": notice.level.value,
        "code": notice.code,
        "message": notice.message,
        "path": notice.path,
        "line": notice.line,
    }
