"""SARIF 2.1.0 for GitHub code scanning, the VS Code SARIF Viewer and any other consumer.

The log is built as plain JSON data (dicts with SARIF's own property names) and serialised
with sorted keys. An unset value (None) is left out, in objects and in property bags alike;
`level` is always written, even where it equals SARIF's default "warning", because consumers
read it without applying the default. (The log was built from `sarif_om` objects until
importing sarif-om and attrs took a quarter of a billion instructions, more than everything
else `scan` does after its analysis on Django; the output is the same.)

What each consumer needs is in /work/shared/sarif/CHECKLIST.md: every enabled rule is
listed, every result has exactly one location with a full region, an explicit level,
GitHub's line hash and policyscan's own line-free identity, and `suppressions` on all
results or none (SARIF 3.27.23). A finding an inline comment suppresses carries an
`inSource` suppression with the comment's reason; when the run compared with a baseline,
every result has its `baselineState`, and those already in the baseline also carry an
`external` suppression located at the baseline file (CHECKLIST 5.2).
"""

from __future__ import annotations

import json
import re
from typing import TypeAlias
from urllib.parse import quote

from scanner.catalog import RuleInfo
from scanner.model import Finding, Fix, FlowStep, InventoryRef, Level, Notice, RunResult, Skip, Span
from scanner.report import SUPPRESSED_MODES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "policyscan"
INFORMATION_URI = "https://github.com/policyscan/policyscan"
SRCROOT = "%SRCROOT%"
# "<category>/" with an empty run id: GitHub splits at the last "/" into the category.
AUTOMATION_ID = "policyscan/"
IDENTITY_KEY = "policyscan/v1"
LINE_HASH_KEY = "primaryLocationLineHash"
DECLARATION_LOCATION_ID = 1

JSONValue: TypeAlias = "dict[str, JSONValue] | list[JSONValue] | str | int | float | bool"
JSONObject: TypeAlias = "dict[str, JSONValue]"

# GitHub's `problem.severity` for rules without a security severity.
_PROBLEM_SEVERITY = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "recommendation"}
# An embedded link: `[text](1)`, unless its bracket is escaped.
_EMBEDDED_LINK = re.compile(r"(?<!\\)\[[^\]]*\]\(\d+\)")


def _object(**properties: JSONValue | None) -> JSONObject:
    """Return a SARIF object (or property bag) of `properties` without the unset (None) ones."""
    return {name: value for name, value in properties.items() if value is not None}


def render_sarif(run: RunResult, *, suppressed: str = "include") -> str:
    """Return the SARIF 2.1.0 log of `run`: one run, sorted keys, two-space indent, final newline.

    `suppressed` is "include" (suppressed results carry `suppressions`) or "omit" (results
    suppressed by an inline comment are left out, which closes their alerts on GitHub).
    Results already in a baseline are kept either way: GitHub works out what is new from
    the full set of results (CHECKLIST 2.4), so filtering by baseline would close their
    alerts as if fixed. Equal inputs give identical text.
    Raises ValueError for another `suppressed` mode or when a finding's rule is not among
    `run.rules`.
    """
    return json.dumps(sarif_log(run, suppressed=suppressed), sort_keys=True, indent=2) + "\n"


def sarif_log(run: RunResult, *, suppressed: str = "include") -> JSONObject:
    """Return the SARIF 2.1.0 log of `run` as JSON data (what `render_sarif` serialises).

    Raises ValueError as `render_sarif` does.
    """
    if suppressed not in SUPPRESSED_MODES:
        raise ValueError(f"suppressed must be one of {', '.join(SUPPRESSED_MODES)}, got {suppressed!r}")
    rule_index = {rule.id: index for index, rule in enumerate(run.rules)}
    results: list[JSONValue] = []
    for finding in sorted(run.findings, key=lambda f: f.sort_key):
        if finding.suppression is not None and suppressed == "omit":
            continue
        if finding.rule_id not in rule_index:
            raise ValueError(
                f"finding at {finding.path}:{finding.span.start_line} has rule {finding.rule_id}, "
                "which is not enabled"
            )
        results.append(_result(finding, rule_index[finding.rule_id], run.baseline_path))
    notifications: list[JSONValue] = [_skip_notification(skip) for skip in run.skips]
    notifications += [_notice_notification(notice) for notice in run.notices]
    sarif_run = _object(
        tool={"driver": _object(
            name=TOOL_NAME,
            version=run.tool_version,
            semanticVersion=run.tool_version,
            informationUri=INFORMATION_URI,
            rules=[_rule(rule) for rule in run.rules],
        )},
        results=results,
        columnKind="unicodeCodePoints",
        automationDetails={"id": AUTOMATION_ID},
        originalUriBaseIds={SRCROOT: {"uri": _directory_uri(run.root)}},
        invocations=[_object(executionSuccessful=run.complete, toolExecutionNotifications=notifications or None)],
    )
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [sarif_run]}


def _rule(rule: RuleInfo) -> JSONObject:
    """Return the reportingDescriptor of `rule`."""
    properties: JSONObject = {"precision": rule.precision}
    tags: list[JSONValue] = list(rule.tags)
    if rule.security_severity is not None:
        # GitHub shows a security severity only for rules tagged "security".
        properties["security-severity"] = rule.security_severity
        if "security" not in tags:
            tags.append("security")
    else:
        properties["problem.severity"] = _PROBLEM_SEVERITY[rule.level]
    properties["tags"] = tags
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": rule.full, "markdown": rule.full},
        "help": {
            "text": f"{rule.help} See {rule.help_uri}",
            "markdown": f"{rule.help}\n\n[{rule.id} {rule.name}]({rule.help_uri})",
        },
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": rule.level.value},
        "properties": properties,
    }


def _result(finding: Finding, rule_index: int, baseline_path: str | None = None) -> JSONObject:
    """Return the SARIF result of `finding`, whose rule is `rule_index` in the driver's rules.

    `baseline_path` is the baseline the run compared with (None: no `baselineState`).
    """
    properties = _object(categories=list(finding.categories), recipient=finding.recipient, cookie=finding.cookie)
    code_flows: list[JSONValue] | None = None
    observation = finding.observation
    if observation is not None:
        properties["kind"] = observation.kind.value
        properties["observationRule"] = observation.rule
        if observation.flow:
            code_flows = [{"threadFlows": [{"locations": [_flow_step(step) for step in observation.flow]}]}]
    fingerprints: JSONObject = {IDENTITY_KEY: finding.identity}
    if finding.line_hash is not None:
        fingerprints[LINE_HASH_KEY] = finding.line_hash
    suppressions: list[JSONValue] = []
    if finding.suppression is not None:
        suppressions.append(
            _object(kind="inSource", status="accepted", justification=finding.suppression.justification or None)
        )
    if baseline_path is not None and finding.baseline_state == "unchanged":
        suppressions.append({
            "kind": "external",
            "status": "accepted",
            "justification": f"accepted in the baseline {baseline_path}",
            "location": {"physicalLocation": {"artifactLocation": _artifact_location(baseline_path)}},
        })
    declaration = finding.declaration
    return _object(
        ruleId=finding.rule_id,
        ruleIndex=rule_index,
        level=finding.level.value,
        message={"text": _message_text(finding.message, declaration)},
        locations=[{"physicalLocation": _physical_location(finding.path, finding.span)}],
        relatedLocations=None if declaration is None else [_declaration_location(declaration)],
        partialFingerprints=fingerprints,
        codeFlows=code_flows,
        properties=properties,
        suppressions=suppressions,
        baselineState=finding.baseline_state if baseline_path is not None else None,
        fixes=[_fix(fix) for fix in finding.fixes] or None,
    )


def _fix(fix: Fix) -> JSONObject:
    """Return the SARIF fix: one artifactChange per file, each edit a deletedRegion (empty for an
    insertion) and the insertedContent that replaces it (absent for a pure deletion)."""
    changes: dict[str, list[JSONValue]] = {}
    for replacement in fix.replacements:
        span = replacement.span
        changes.setdefault(replacement.path, []).append(_object(
            deletedRegion=_region(span),
            insertedContent={"text": replacement.text} if replacement.text else None,
        ))
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {"artifactLocation": _artifact_location(path), "replacements": replacements}
            for path, replacements in sorted(changes.items())
        ],
    }


def _message_text(message: str, declaration: InventoryRef | None) -> str:
    """Return the result message: the finding's own sentence, then the link to the declaration.

    Literal brackets are escaped (SARIF 3.11.6) wherever they could be read as a link.
    """
    if declaration is None:
        return _escape_brackets(message) if _EMBEDDED_LINK.search(message) else message
    if declaration.line is None:
        label = f"see {declaration.path}"
    else:
        label = f"declared in {declaration.path}:{declaration.line}"
    return f"{_escape_brackets(message)} [{_escape_brackets(label)}]({DECLARATION_LOCATION_ID})"


def _escape_brackets(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def _declaration_location(declaration: InventoryRef) -> JSONObject:
    """Return the related location (id 1) of the inventory declaration the message links to."""
    region: JSONObject | None = None if declaration.line is None else {"startLine": declaration.line}
    return {
        "id": DECLARATION_LOCATION_ID,
        "physicalLocation": _object(artifactLocation=_artifact_location(declaration.path), region=region),
        "message": {"text": declaration.text or "the policy inventory"},
    }


def _flow_step(step: FlowStep) -> JSONObject:
    """Return one thread-flow location: where the data went, and what happened there."""
    return {
        "location": {
            "physicalLocation": _physical_location(step.path, step.span),
            "message": {"text": step.message},
        },
        "nestingLevel": 1,
    }


def _region(span: Span) -> JSONObject:
    return {
        "startLine": span.start_line,
        "startColumn": span.start_column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _physical_location(path: str, span: Span) -> JSONObject:
    return {"artifactLocation": _artifact_location(path), "region": _region(span)}


def _artifact_location(path: str) -> JSONObject:
    """Return where `path` is: relative to %SRCROOT%, or a file:// URI when it is absolute.

    An absolute path here is an inventory outside the scanned root.
    """
    if _is_absolute(path):
        return {"uri": _file_uri(path)}
    # quote() also encodes ":", so a first segment like "a:b.py" cannot pass for a scheme.
    return {"uri": quote(path), "uriBaseId": SRCROOT}


def _is_absolute(path: str) -> bool:
    return path.startswith("/") or re.match(r"[A-Za-z]:/", path) is not None


def _file_uri(path: str) -> str:
    return "file://" + ("" if path.startswith("/") else "/") + quote(path, safe="/:")


def _directory_uri(root: str) -> str:
    """Return the file:// URI of the directory `root`, ending with "/" as SARIF requires."""
    return _file_uri(root.rstrip("/") + "/")


def _notification_location(path: str, line: int | None, column: int | None) -> JSONObject:
    region = None
    if line is not None:
        region = _object(startLine=line, startColumn=column)
    return {"physicalLocation": _object(artifactLocation=_artifact_location(path), region=region)}


def _skip_notification(skip: Skip) -> JSONObject:
    """Return the error notification for a file the scan could not analyse."""
    return {
        "level": "error",
        "message": {"text": f"could not analyse {skip.path}: {skip.reason.value}: {skip.message}"},
        "descriptor": {"id": skip.reason.value},
        "locations": [_notification_location(skip.path, skip.line, skip.column)],
    }


def _notice_notification(notice: Notice) -> JSONObject:
    """Return the notification of a notice about the run (an unused suppression, ...)."""
    return _object(
        level=notice.level.value,
        message={"text": notice.message},
        descriptor={"id": notice.code} if notice.code else None,
        locations=None if notice.path is None else [_notification_location(notice.path, notice.line, notice.column)],
    )
