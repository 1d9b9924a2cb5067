"""Frozen values that cross module boundaries: observations, findings, skips, run results.

Everything here is immutable; stages build new values with `dataclasses.replace`.
Columns are 1-based and count Unicode code points (the SARIF renderer converts them to UTF-16
code units with `RunResult.astral_lines`); `end_column` is the column just after the last character.
"""

from __future__ import annotations

import enum
import operator
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar

from scanner.fieldmethods import compared_by_fields

if TYPE_CHECKING:
    from scanner.catalog import RuleInfo


class Kind(enum.StrEnum):
    """The four kinds of privacy-relevant behaviour (the detection contract)."""

    COLLECT = "collect"
    SHARE = "share"
    COOKIE = "cookie"
    LOG = "log"


class Level(enum.StrEnum):
    """Severity of a finding, as SARIF names it."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order for `--fail-on`: note < warning < error."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.NOTE: 0, Level.WARNING: 1, Level.ERROR: 2}

_T = TypeVar("_T")


def pickled_by_fields(cls: type[_T]) -> type[_T]:
    """Make a frozen slots dataclass pickle as a call of its class with its field values, in order.

    Unpickling one as dataclasses does (its `__setstate__` sets each field in turn, calling
    `fields()` every time) costs about three times as much, and a warm run unpickles thousands
    (observations and their spans from the result cache, pack entries from the compiled packs).
    The pickle holds the same values and builds an equal object; stored pickles of the old form
    still load (`__setstate__` is kept). Raises TypeError for a class some field of which the
    generated `__init__` does not take positionally.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    if not names or any(not f.init or f.kw_only for f in fields(cls)):  # type: ignore[arg-type]
        raise TypeError(f"{cls.__qualname__}: every field must be positional")
    values = operator.attrgetter(*names)
    if len(names) == 1:
        def reduce(self: Any) -> tuple[type[_T], tuple[Any, ...]]:
            return cls, (values(self),)
    else:
        def reduce(self: Any) -> tuple[type[_T], tuple[Any, ...]]:
            return cls, values(self)
    cls.__reduce__ = reduce  # type: ignore[method-assign]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A region of a file: 1-based lines and columns, `end_column` exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


@pickled_by_fields
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Cookie:
    """What a cookie-setting call says about the cookie.

    Attribute values are what the code writes: `None` means the argument is absent (the
    framework default applies). Arguments whose value is an expression the analysis cannot
    evaluate are listed in `dynamic` and left `None`, so they are never judged weaker.
    """

    name: str | None
    max_age: int | None = None
    expires: bool = False
    secure: bool | None = None
    httponly: bool | None = None
    samesite: str | None = None
    dynamic: tuple[str, ...] = ()


@pickled_by_fields
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FlowStep:
    """One step of the path data took from its source to a sink (for --explain and codeFlows)."""

    path: str
    span: Span
    message: str


@pickled_by_fields
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Observation:
    """One privacy-relevant behaviour found in code, before any comparison.

    Identified by (path, span.start_line, kind) as the detection contract says.
    `stored` marks a `collect` from a persistent model (a database table or document),
    as opposed to a request schema or a request read. `reasons` say why the observation
    was made (the classifier pattern that matched, the model that applied). `arguments`
    are, for a log or share call, the spans of the arguments that carry personal data (what
    a fix would redact).
    """

    kind: Kind
    path: str
    span: Span
    categories: tuple[str, ...]
    rule: str
    message: str
    recipient: str | None = None
    cookie: Cookie | None = None
    stored: bool = False
    flow: tuple[FlowStep, ...] = ()
    reasons: tuple[str, ...] = ()
    arguments: tuple[Span, ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        """The order observations are reported in: by place, then kind, then rule."""
        return (
            self.path,
            self.span.start_line,
            self.span.start_column,
            self.kind.value,
            self.rule,
            self.recipient or (self.cookie.name if self.cookie and self.cookie.name else ""),
        )


class SkipReason(enum.StrEnum):
    """Why a file could not be analysed (fully)."""

    SYNTAX_ERROR = "syntax-error"
    DECODE_ERROR = "decode-error"
    NULL_BYTES = "null-bytes"
    TOO_DEEP = "too-deeply-nested"
    # the file was analysed but for a statement (or function) nested too deeply for the engine,
    # left out: its observations are there, so its suppression comments and semgrep still apply
    STATEMENT_TOO_DEEP = "statement-too-deeply-nested"
    TOO_LARGE = "too-large"
    UNREADABLE = "unreadable"
    SEMGREP_ERROR = "semgrep-error"
    ANALYSIS_ERROR = "analysis-error"


@pickled_by_fields
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Skip:
    """A file the scan could not analyse: reported, never dropped silently."""

    path: str
    reason: SkipReason
    message: str
    line: int | None = None
    column: int | None = None


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FileResult:
    """What analysing one file gave: its observations, or a skip, or both (partial)."""

    path: str
    observations: tuple[Observation, ...] = ()
    skip: Skip | None = None


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class InventoryRef:
    """A place in the inventory file: the declaration a finding relates to.

    `line` is None when the finding is about something the inventory does not declare:
    the reference then points at the inventory file as a whole. `column` is where the
    declaration starts on its line (None when unknown).
    """

    path: str
    line: int | None
    text: str
    column: int | None = None


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Suppression:
    """An inline `# policyscan: ignore[RULE] reason` comment that applies to a result."""

    line: int
    rule_ids: tuple[str, ...]
    justification: str


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Replacement:
    """One edit of a fix: the text in `span` of `path` is replaced by `text` (an empty span inserts)."""

    path: str
    span: Span
    text: str


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Fix:
    """A source rewrite that resolves a finding (SARIF `fixes`, `policyscan fix`)."""

    description: str
    replacements: tuple[Replacement, ...]


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Finding:
    """A difference between what the code does and what the inventory declares.

    `path` and `span` locate it in code, or in the inventory for a declaration that no
    code exercises. `identity` leaves out line numbers so baselines survive edits;
    `line_hash` is GitHub's primaryLocationLineHash of the start line. `fixes` are source
    rewrites that resolve it; `baseline_state` is "new" or "unchanged" when the run compares
    with a baseline, else None.
    """

    rule_id: str
    level: Level
    message: str
    path: str
    span: Span
    categories: tuple[str, ...]
    identity: str
    recipient: str | None = None
    cookie: str | None = None
    observation: Observation | None = None
    declaration: InventoryRef | None = None
    line_hash: str | None = None
    suppression: Suppression | None = None
    fixes: tuple[Fix, ...] = ()
    baseline_state: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """The order findings are reported in."""
        return (self.path, self.span.start_line, self.span.start_column, self.rule_id, self.identity)


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AstralLine:
    """A line a report places a column on that holds characters beyond the BMP (two UTF-16 code
    units each): their 0-based code-point `offsets`, so that the SARIF renderer can give the line's
    columns in UTF-16 code units without reading the file (scanner/columns.py)."""

    path: str
    line: int
    offsets: tuple[int, ...]


class NoticeLevel(enum.StrEnum):
    """Level of a tool notification (SARIF toolExecutionNotifications)."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Notice:
    """Something the user must know about the run itself: a skipped file, an unused suppression."""

    level: NoticeLevel
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    code: str = ""


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RunResult:
    """Everything one run produced; the only thing renderers see.

    `root` is the absolute POSIX path of the scanned root; every other path is relative to
    it with `/` separators. `inventory_path` is relative to the root when the inventory lies
    inside it, else absolute. `rules` are the enabled finding rules (all listed in SARIF).
    `command` is "scan" or "observe"; an observe run has no findings and no inventory.
    `baseline_path` is the baseline file the findings were compared with (named like the
    inventory), or None when the run used none. `files_scanned` counts the files the run
    reports on: every file analysed, or, when files are named on the command line or a run
    reports on changed files, those of them analysed (the rest of the tree analysed for what
    they use does not count). `astral_lines` are the lines the findings, their flows and fixes,
    the skips and the notices are placed on that hold characters beyond the BMP (empty for
    nearly every run): only the SARIF renderer reads them, to count columns in UTF-16 code units.
    """

    root: str
    tool_version: str
    command: str
    observations: tuple[Observation, ...]
    findings: tuple[Finding, ...]
    skips: tuple[Skip, ...]
    notices: tuple[Notice, ...]
    rules: tuple[RuleInfo, ...]
    inventory_path: str | None
    files_scanned: int
    baseline_path: str | None = None
    astral_lines: tuple[AstralLine, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every file was analysed: no skips, no error notices."""
        return not self.skips and not any(n.level is NoticeLevel.ERROR for n in self.notices)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a scanned tree comes from: SARIF's versionControlDetails (§3.23).

    `repository_uri` is the remote's URI without credentials; `revision_id` the commit the
    work tree is at, None when a tracked file differs from it (the results are then not that
    commit's) or there is no commit; `branch` the checked-out branch, None when detached.
    """

    repository_uri: str
    revision_id: str | None
    branch: str | None
