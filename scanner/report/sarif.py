"""SARIF 2.1.0 for GitHub code scanning, the VS Code SARIF Viewer and any other consumer.

The log is built from `sarif_om` objects and serialised here: sarif_om's attrs classes
name their attributes in Python style and carry the SARIF name in the attrs metadata
(`schema_property_name`), and they have no serialiser of their own. The walk drops unset
values (None) and values equal to an attribute's schema default (a `ruleIndex` of -1, a
`kind` of "fail"), except `level`, which consumers read without applying the default.

What each consumer needs is in /work/shared/sarif/CHECKLIST.md: every enabled rule is
listed, every result has exactly one location with a full region, an explicit level,
GitHub's line hash and policyscan's own line-free identity, and `suppressions` on all
results or none (SARIF 3.27.23). A finding an inline comment suppresses carries an
`inSource` suppression with the comment's reason; when the run compared with a baseline,
every result has its `baselineState`, and those already in the baseline also carry an
`external` suppression located at the baseline file (CHECKLIST 5.2). Columns count UTF-16 code
units (`columnKind` "utf16CodeUnits"), as VS Code and GitHub read them whatever `columnKind` says:
the model's code-point columns moved on the lines `RunResult.astral_lines` names (`_Columns`).
"""

from __future__ import annotations

import enum
import re
from typing import TypeAlias
from urllib.parse import quote

import attr
import sarif_om  # type: ignore[import-untyped]  # sarif-om ships no type information

from scanner.catalog import RuleInfo
from scanner.columns import utf16_column
from scanner.model import Finding, Fix, FlowStep, InventoryRef, Level, Notice, Provenance, RunResult, Skip, Span
from scanner.report import SUPPRESSED_MODES
from scanner.report.jsontext import dumps
from scanner.report.paths import is_absolute
from scanner.report.wording import could_not

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "policyscan"
INFORMATION_URI = "https://github.com/policyscan/policyscan"
SRCROOT = "%SRCROOT%"
# "<category>/" with an empty run id: GitHub splits at the last "/" into the category.
AUTOMATION_ID = "policyscan/"
IDENTITY_KEY = "policyscan/v1"
LINE_HASH_KEY = "primaryLocationLineHash"
# Columns count UTF-16 code units, as the VS Code SARIF Viewer and GitHub read them (`_Columns`).
COLUMN_KIND = "utf16CodeUnits"
DECLARATION_LOCATION_ID = 1

JSONValue: TypeAlias = "dict[str, JSONValue] | list[JSONValue] | str | int | float | bool"

# GitHub's `problem.severity` for rules without a security severity.
_PROBLEM_SEVERITY = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "recommendation"}
# Attributes written even when they equal sarif_om's default: consumers treat a missing
# level differently (GitHub, VS Code), so the checklist asks for it explicitly.
_ALWAYS_WRITTEN = frozenset({"level"})
# An embedded link: `[text](1)`, unless its bracket is escaped.
_EMBEDDED_LINK = re.compile(r"(?<!\\)\[[^\]]*\]\(\d+\)")


def to_json(value: object) -> JSONValue:
    """Return `value` (sarif_om objects, dicts, lists, enums, scalars) as plain JSON data.

    sarif_om attributes are renamed to their SARIF names; None values and values equal to
    the attribute's default are left out (see the module docstring), and so are None
    values in dicts. Raises TypeError for a value JSON cannot hold.
    """
    cls = type(value)
    if cls is str or cls is int or cls is bool:  # the most common leaves, no attrs class
        return value  # type: ignore[return-value]
    fields = _FIELDS.get(cls)
    if fields is None and attr.has(cls):
        fields = _FIELDS[cls] = _fields_of(cls)
    if fields is not None:
        out: dict[str, JSONValue] = {}
        for name, key, default in fields:
            item = getattr(value, name)
            # `type` as well as equality: True == 1 and 0 == 0.0 must not drop a value.
            if item is None or (type(item) is type(default) and item == default):
                continue
            out[key] = to_json(item)
        return out
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, str | bool | int | float):
        return value
    raise TypeError(f"cannot write {type(value).__name__} to SARIF")


class _NoDefault:
    """The default of an attribute without one, or always written: equal to no value."""


# Each attrs class's (attribute, SARIF name, default) in order, worked out once per class:
# the walk asked attrs for them, and made each list default anew, for every object.
_FIELDS: dict[type, tuple[tuple[str, str, object], ...]] = {}


def _fields_of(cls: type) -> tuple[tuple[str, str, object], ...]:
    """Return (attribute, SARIF name, default) of each attribute of the attrs class `cls`; the
    default is a `_NoDefault` where there is none or the attribute is always written."""
    fields = []
    for field in attr.fields(cls):
        default: object = field.default
        if default is attr.NOTHING or field.name in _ALWAYS_WRITTEN:
            default = _NoDefault()
        else:
            # sarif_om gives list defaults as attr.Factory; attrs' stubs hide that class from isinstance.
            factory = getattr(default, "factory", None)
            if callable(factory):
                default = factory()
        fields.append((field.name, field.metadata["schema_property_name"], default))
    return tuple(fields)


# sarif-om 1.0.4 follows the 2.1.0-rtm.4 draft, whose suppression had `state`; SARIF 2.1.0
# (and every consumer) reads `status`. This adds it, named for the serialiser like the rest.
_Suppression = attr.make_class(
    "Suppression",
    {"status": attr.ib(default=None, metadata={"schema_property_name": "status"})},
    bases=(sarif_om.Suppression,),
)


def render_sarif(run: RunResult, *, suppressed: str = "include", provenance: Provenance | None = None) -> str:
    """Return the SARIF 2.1.0 log of `run`: one run, sorted keys, two-space indent, final newline.

    `suppressed` is "include" (suppressed results carry `suppressions`) or "omit" (results
    suppressed by an inline comment are left out, which closes their alerts on GitHub).
    `provenance`, when given (the root is the top of a git work tree: `vcs.provenance`), is the
    run's `versionControlProvenance`, its repository mapped to %SRCROOT%.
    Results already in a baseline are kept either way: GitHub works out what is new from
    the full set of results (CHECKLIST 2.4), so filtering by baseline would close their
    alerts as if fixed. Equal inputs give identical text.
    Raises ValueError for another `suppressed` mode or when a finding's rule is not among
    `run.rules`.
    """
    if suppressed not in SUPPRESSED_MODES:
        raise ValueError(f"suppressed must be one of {', '.join(SUPPRESSED_MODES)}, got {suppressed!r}")
    rule_index = {rule.id: index for index, rule in enumerate(run.rules)}
    columns = _Columns(run)
    results = []
    for finding in sorted(run.findings, key=lambda f: f.sort_key):
        if finding.suppression is not None and suppressed == "omit":
            continue
        if finding.rule_id not in rule_index:
            raise ValueError(
                f"finding at {finding.path}:{finding.span.start_line} has rule {finding.rule_id}, "
                "which is not enabled"
            )
        results.append(_result(finding, rule_index[finding.rule_id], run.baseline_path, columns))
    sarif_run = sarif_om.Run(
        tool=sarif_om.Tool(
            driver=sarif_om.ToolComponent(
                name=TOOL_NAME,
                version=run.tool_version,
                semantic_version=run.tool_version,
                information_uri=INFORMATION_URI,
                rules=[_rule(rule) for rule in run.rules],
            )
        ),
        results=results,
        column_kind=COLUMN_KIND,
        automation_details=sarif_om.RunAutomationDetails(id=AUTOMATION_ID),
        original_uri_base_ids={SRCROOT: sarif_om.ArtifactLocation(uri=_directory_uri(run.root))},
        version_control_provenance=None if provenance is None else [_version_control(provenance)],
        invocations=[
            sarif_om.Invocation(
                execution_successful=run.complete,
                tool_execution_notifications=(
                    [_skip_notification(skip, columns) for skip in run.skips]
                    + [_notice_notification(notice, columns) for notice in run.notices]
                )
                or None,
            )
        ],
    )
    log = sarif_om.SarifLog(schema_uri=SCHEMA_URI, version=SARIF_VERSION, runs=[sarif_run])
    return dumps(to_json(log)) + "\n"


class _Columns:
    """The run's columns in UTF-16 code units: the model's code-point columns, moved on the lines
    `run.astral_lines` names by one unit per character beyond the BMP before them (scanner/columns.py).

    VS Code's SARIF Viewer ignores `columnKind` and slices lines as JavaScript strings (CHECKLIST §3);
    GitHub code scanning does not read `columnKind` (SP03) and its UI and line hash are JavaScript's
    UTF-16 too. SARIF allows these columns with `columnKind` "utf16CodeUnits" (3.14.17). On every
    other line the two counts are the same (docs/ci.md, "Columns in the SARIF").
    """

    __slots__ = ("_offsets",)

    def __init__(self, run: RunResult) -> None:
        self._offsets = {(astral.path, astral.line): astral.offsets for astral in run.astral_lines}

    def column(self, path: str, line: int, column: int | None) -> int | None:
        """The code-point `column` of `line` of `path` in UTF-16 code units (None stays None)."""
        offsets = self._offsets.get((path, line)) if self._offsets and column is not None else None
        return column if offsets is None or column is None else utf16_column(column, offsets)

    def region(self, path: str, span: Span) -> object:
        """The SARIF region of `span` of `path`, its columns in UTF-16 code units."""
        start, end = span.start_column, span.end_column
        if self._offsets:
            start = utf16_column(start, self._offsets.get((path, span.start_line), ()))
            end = utf16_column(end, self._offsets.get((path, span.end_line), ()))
        return sarif_om.Region(start_line=span.start_line, start_column=start, end_line=span.end_line, end_column=end)


def _version_control(provenance: Provenance) -> object:
    # mappedTo: the repository's top is the scan root, which %SRCROOT% holds (SARIF 3.23.8).
    return sarif_om.VersionControlDetails(
        repository_uri=provenance.repository_uri,
        revision_id=provenance.revision_id,
        branch=provenance.branch,
        mapped_to=sarif_om.ArtifactLocation(uri_base_id=SRCROOT),
    )


def _rule(rule: RuleInfo) -> object:
    """Return the reportingDescriptor of `rule`."""
    properties: dict[str, object] = {"precision": rule.precision}
    tags = list(rule.tags)
    if rule.security_severity is not None:
        # GitHub shows a security severity only for rules tagged "security".
        properties["security-severity"] = rule.security_severity
        if "security" not in tags:
            tags.append("security")
    else:
        properties["problem.severity"] = _PROBLEM_SEVERITY[rule.level]
    properties["tags"] = tags
    return sarif_om.ReportingDescriptor(
        id=rule.id,
        name=rule.name,
        short_description=sarif_om.MultiformatMessageString(text=rule.short),
        full_description=sarif_om.MultiformatMessageString(text=rule.full, markdown=rule.full),
        help=sarif_om.MultiformatMessageString(
            text=f"{rule.help} See {rule.help_uri}",
            markdown=f"{rule.help}\n\n[{rule.id} {rule.name}]({rule.help_uri})",
        ),
        help_uri=rule.help_uri,
        default_configuration=sarif_om.ReportingConfiguration(level=rule.level.value),
        properties=properties,
    )


def _result(finding: Finding, rule_index: int, baseline_path: str | None, columns: _Columns) -> object:
    """Return the SARIF result of `finding`, whose rule is `rule_index` in the driver's rules.

    `baseline_path` is the baseline the run compared with (None: no `baselineState`).
    """
    properties: dict[str, object] = {
        "categories": list(finding.categories),
        "recipient": finding.recipient,
        "cookie": finding.cookie,
    }
    code_flows = None
    observation = finding.observation
    if observation is not None:
        properties["kind"] = observation.kind.value
        properties["observationRule"] = observation.rule
        if observation.flow:
            code_flows = [
                sarif_om.CodeFlow(
                    thread_flows=[
                        sarif_om.ThreadFlow(locations=[_flow_step(step, columns) for step in observation.flow])
                    ]
                )
            ]
    fingerprints = {IDENTITY_KEY: finding.identity}
    if finding.line_hash is not None:
        fingerprints[LINE_HASH_KEY] = finding.line_hash
    suppressions = []
    if finding.suppression is not None:
        suppressions.append(
            _Suppression(
                kind="inSource",
                status="accepted",
                justification=finding.suppression.justification or None,
            )
        )
    if baseline_path is not None and finding.baseline_state == "unchanged":
        suppressions.append(
            _Suppression(
                kind="external",
                status="accepted",
                justification=f"accepted in the baseline {baseline_path}",
                location=sarif_om.Location(
                    physical_location=sarif_om.PhysicalLocation(artifact_location=_artifact_location(baseline_path))
                ),
            )
        )
    declaration = finding.declaration
    return sarif_om.Result(
        rule_id=finding.rule_id,
        rule_index=rule_index,
        level=finding.level.value,
        message=sarif_om.Message(text=_message_text(finding.message, declaration)),
        locations=[sarif_om.Location(physical_location=_physical_location(finding.path, finding.span, columns))],
        related_locations=None if declaration is None else [_declaration_location(declaration, columns)],
        partial_fingerprints=fingerprints,
        code_flows=code_flows,
        properties=properties,
        suppressions=suppressions,
        baseline_state=finding.baseline_state if baseline_path is not None else None,
        fixes=[_fix(fix, columns) for fix in finding.fixes] or None,
    )


def _fix(fix: Fix, columns: _Columns) -> object:
    """Return the SARIF fix: one artifactChange per file, each edit a deletedRegion (empty for an
    insertion) and the insertedContent that replaces it (absent for a pure deletion)."""
    changes: dict[str, list[object]] = {}
    for replacement in fix.replacements:
        span = replacement.span
        changes.setdefault(replacement.path, []).append(
            sarif_om.Replacement(
                deleted_region=columns.region(replacement.path, span),
                inserted_content=sarif_om.ArtifactContent(text=replacement.text) if replacement.text else None,
            )
        )
    return sarif_om.Fix(
        description=sarif_om.Message(text=fix.description),
        artifact_changes=[
            sarif_om.ArtifactChange(artifact_location=_artifact_location(path), replacements=replacements)
            for path, replacements in sorted(changes.items())
        ],
    )


def _message_text(message: str, declaration: InventoryRef | None) -> str:
    """Return the result message: the finding's own sentence, then the link to the declaration.

    Literal brackets are escaped (SARIF 3.11.6) wherever they could be read as a link.
    """
    if declaration is None:
        return _escape_brackets(message) if _EMBEDDED_LINK.search(message) else message
    if declaration.line is None:
        label = f"see {declaration.path}"
    else:
        where = f"{declaration.line}" if declaration.column is None else f"{declaration.line}:{declaration.column}"
        label = f"declared in {declaration.path}:{where}"
    return f"{_escape_brackets(message)} [{_escape_brackets(label)}]({DECLARATION_LOCATION_ID})"


def _escape_brackets(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def _declaration_location(declaration: InventoryRef, columns: _Columns) -> object:
    """Return the related location (id 1) of the inventory declaration the message links to."""
    region = None
    if declaration.line is not None:
        region = sarif_om.Region(start_line=declaration.line,
                                 start_column=columns.column(declaration.path, declaration.line, declaration.column))
    return sarif_om.Location(
        id=DECLARATION_LOCATION_ID,
        physical_location=sarif_om.PhysicalLocation(
            artifact_location=_artifact_location(declaration.path), region=region
        ),
        message=sarif_om.Message(text=declaration.text or "the policy inventory"),
    )


def _flow_step(step: FlowStep, columns: _Columns) -> object:
    """Return one thread-flow location: where the data went, and what happened there."""
    return sarif_om.ThreadFlowLocation(
        location=sarif_om.Location(
            physical_location=_physical_location(step.path, step.span, columns),
            message=sarif_om.Message(text=step.message),
        ),
        nesting_level=1,
    )


def _physical_location(path: str, span: Span, columns: _Columns) -> object:
    return sarif_om.PhysicalLocation(artifact_location=_artifact_location(path), region=columns.region(path, span))


def _artifact_location(path: str) -> object:
    """Return where `path` is: relative to %SRCROOT%, or a file:// URI when it is absolute.

    An absolute path here is an inventory outside the scanned root.
    """
    if is_absolute(path):
        return sarif_om.ArtifactLocation(uri=_file_uri(path))
    # quote() also encodes ":", so a first segment like "a:b.py" cannot pass for a scheme.
    return sarif_om.ArtifactLocation(uri=quote(path, errors=_NAME_BYTES), uri_base_id=SRCROOT)


# A folder or inventory whose name is not UTF-8 comes with surrogate escapes (os.fsdecode): its
# bytes are what a URI percent-encodes (r\xe9 is r%E9), where strict encoding stopped the run
_NAME_BYTES = "surrogateescape"


def _file_uri(path: str) -> str:
    return "file://" + ("" if path.startswith("/") else "/") + quote(path, safe="/:", errors=_NAME_BYTES)


def _directory_uri(root: str) -> str:
    """Return the file:// URI of the directory `root`, ending with "/" as SARIF requires."""
    return _file_uri(root.rstrip("/") + "/")


def _notification_location(path: str, line: int | None, column: int | None, columns: _Columns) -> object:
    region = None
    if line is not None:
        region = sarif_om.Region(start_line=line, start_column=columns.column(path, line, column))
    return sarif_om.Location(
        physical_location=sarif_om.PhysicalLocation(artifact_location=_artifact_location(path), region=region)
    )


def _skip_notification(skip: Skip, columns: _Columns) -> object:
    """Return the error notification for a file the scan could not analyse (fully)."""
    return sarif_om.Notification(
        level="error",
        message=sarif_om.Message(text=f"{could_not(skip)} {skip.path}: {skip.reason.value}: {skip.message}"),
        descriptor=sarif_om.ReportingDescriptorReference(id=skip.reason.value),
        locations=[_notification_location(skip.path, skip.line, skip.column, columns)],
    )


def _notice_notification(notice: Notice, columns: _Columns) -> object:
    """Return the notification of a notice about the run (an unused suppression, ...)."""
    return sarif_om.Notification(
        level=notice.level.value,
        message=sarif_om.Message(text=notice.message),
        descriptor=sarif_om.ReportingDescriptorReference(id=notice.code) if notice.code else None,
        locations=(
            None if notice.path is None else [_notification_location(notice.path, notice.line, notice.column, columns)]
        ),
    )
