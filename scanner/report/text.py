"""Text for people at a terminal: one ruff-like line per result, then a summary.

    app/forms.py:12:5: PS101 [warning] Collects user.contact.email, which ...
    app/api/chat.py:40:5: PS501 [error] user.content is written to a log under scope 'api', ...
        privacy-inventory.toml:30:1: note: scope 'api' declared here
    app/broken.py:3: error: could not analyse: syntax-error: invalid syntax

    Found 2 findings (1 error, 1 warning, 0 notes) in 14 files; 1 suppressed.

A finding compared with a line of the inventory has that line under it, indented (as mypy's
notes name a related place). Suppressed findings, and findings already in the baseline the run compared with, are not
listed, only counted; so are bare `# policyscan: ignore` comments (each also has its notice
line). Colour (ANSI) only when asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scanner.model import Finding, Kind, Level, Notice, NoticeLevel, Observation, RunResult, Skip
from scanner.report.paths import with_prefix
from scanner.report.wording import could_not, plural, unanalysed

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_RED = "\x1b[31m"
_YELLOW = "\x1b[33m"
_CYAN = "\x1b[36m"
_LEVEL_COLOUR = {"error": _RED, "warning": _YELLOW, "note": _CYAN}


def _printable(path: str) -> str:
    """A file's name (or a message naming files) as one line of text: a character a terminal would act on (a line break, an
    escape sequence's ESC, a tab) escaped as Python writes it, and a byte of a name that is not UTF-8
    as \\xNN. A line break in a name split a finding over two lines, and in a CI log a line of its
    own starting with '::' is a workflow command."""
    if path.isprintable():  # every ordinary name: one test at C speed
        return path
    return "".join(c if c.isprintable() else f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF
                   else repr(c)[1:-1] for c in path)


class _Painter:
    """Wraps text in ANSI codes, or leaves it alone when colour is off; and names files, each
    path relative to the root with `prefix` in front (absolute paths as they are)."""

    def __init__(self, enabled: bool, prefix: str = "") -> None:
        self.enabled = enabled
        self.prefix = prefix

    def path(self, path: str) -> str:
        return _printable(with_prefix(path, self.prefix))

    def __call__(self, text: str, *codes: str) -> str:
        if not self.enabled or not codes:
            return text
        return "".join(codes) + text + _RESET


def render_text(run: RunResult, *, color: bool = False, explain: bool = False, path_prefix: str = "") -> str:
    """Return the text report of `run`, ending with a newline.

    A "scan" run lists unsuppressed findings, an "observe" run its observations (with
    `explain`, each followed by why it was made: the patterns and models that matched and the
    steps the data took); both then list skipped files and notices, and end with a summary:
    counts by level (or kind), by rule and by category. `path_prefix` ("services/chat/", or
    "") goes in front of every path relative to the root, so that files are named from the
    current folder as a terminal or an editor opens them (see `paths.folder_prefix`). Raises nothing.
    """
    paint = _Painter(color, path_prefix)
    lines: list[str] = []
    if run.command == "observe":
        for observation in sorted(run.observations, key=lambda o: o.sort_key):
            lines.append(_observation_line(observation, paint))
            if explain:
                lines += (f"    because: {reason}" for reason in observation.reasons)
                lines += (f"    {paint.path(step.path)}:{step.span.start_line}: {step.message}" for step in observation.flow)
    else:
        findings = sorted(run.findings, key=lambda f: f.sort_key)
        for finding in findings:
            if _listed(finding):
                lines.append(_finding_line(finding, paint))
                lines += _declaration_lines(finding, paint)
    lines += (_skip_line(skip, paint) for skip in run.skips)
    lines += (_notice_line(notice, paint) for notice in run.notices)
    if lines:
        lines.append("")
    if run.command == "observe":
        lines += _observe_summary(run, paint)
    else:
        lines += _scan_summary(run, paint)
    return "\n".join(lines) + "\n"


def _where(path: str, line: int | None, column: int | None, paint: _Painter) -> str:
    place = paint(paint.path(path), _BOLD)
    if line is not None:
        place += f":{line}"
        if column is not None:
            place += f":{column}"
    return place + ":"


def _finding_line(finding: Finding, paint: _Painter) -> str:
    colour = _LEVEL_COLOUR[finding.level.value]
    where = _where(finding.path, finding.span.start_line, finding.span.start_column, paint)
    return (
        f"{where} {paint(finding.rule_id, _BOLD, colour)} "
        f"{paint(f'[{finding.level.value}]', colour)} {finding.message}"
    )


def _declaration_lines(finding: Finding, paint: _Painter) -> list[str]:
    """The indented note under a finding that names the inventory line it compared against
    (`    privacy-inventory.toml:30:1: note: scope 'api' declared here`), as mypy notes a related
    place: a path a terminal opens, indented so that a parser of `path:line:col:` result lines
    reads no second result. None when the finding points at no line (an undeclared recipient:
    nothing in the inventory to open) or is itself on the declaration's line."""
    declaration = finding.declaration
    if declaration is None or declaration.line is None:
        return []
    if declaration.path == finding.path and declaration.line == finding.span.start_line:
        return []
    place = f"{paint.path(declaration.path)}:{declaration.line}"
    if declaration.column is not None:
        place += f":{declaration.column}"
    return [f"    {place}: {paint('note', _CYAN)}: {declaration.text} declared here"]


def _observation_line(o: Observation, paint: _Painter) -> str:
    what = paint(o.kind.value, _BOLD)
    if o.cookie is not None:
        what += f" {o.cookie.name if o.cookie.name is not None else '(name not a literal)'}"
    if o.categories:
        what += " " + ",".join(o.categories)
    if o.recipient is not None:
        what += f" to {o.recipient}"
    where = _where(o.path, o.span.start_line, o.span.start_column, paint)
    return f"{where} {what} ({o.rule}) {o.message}"


def skip_line(skip: Skip, path_prefix: str = "") -> str:
    """One skipped file as the text report prints it, without colour (`path:line:col: error: ...`)."""
    return _skip_line(skip, _Painter(False, path_prefix))


def _skip_line(skip: Skip, paint: _Painter) -> str:
    where = _where(skip.path, skip.line, skip.column, paint)
    return f"{where} {paint('error', _RED)}: {could_not(skip)}: {skip.reason.value}: {_printable(skip.message)}"


def notice_line(notice: Notice, path_prefix: str = "") -> str:
    """One notice as the text report prints it, without colour (`path:line: warning: message`)."""
    return _notice_line(notice, _Painter(False, path_prefix))


def _notice_line(notice: Notice, paint: _Painter) -> str:
    level = paint(notice.level.value, _LEVEL_COLOUR[notice.level.value])
    # a message names files too (an unmodelled framework's importers): one line, as a path is
    message = _printable(notice.message)
    if notice.path is None:
        return f"{level}: {message}"
    return f"{_where(notice.path, notice.line, notice.column, paint)} {level}: {message}"



def _table(title: str, counts: Iterable[tuple[str, int]]) -> list[str]:
    """Return a titled list of `count  label` lines, counts right-aligned; none when empty."""
    rows = list(counts)
    if not rows:
        return []
    width = max(len(str(count)) for _, count in rows)
    return [f"{title}:"] + [f"  {count:>{width}}  {label}" for label, count in rows]


def _category_table(category_lists: Iterable[tuple[str, ...]]) -> list[str]:
    counts = Counter(category for categories in category_lists for category in categories)
    return _table("By category", sorted(counts.items()))


def _listed(finding: Finding) -> bool:
    """True for a finding the report lists: not suppressed, and not already in the baseline."""
    return finding.suppression is None and finding.baseline_state != "unchanged"


def _scan_summary(run: RunResult, paint: _Painter) -> list[str]:
    active = [f for f in run.findings if _listed(f)]
    suppressed = sum(1 for f in run.findings if f.suppression is not None)
    in_baseline = len(run.findings) - len(active) - suppressed
    bare = sum(1 for n in run.notices if n.code == "bare-suppression")
    levels = Counter(f.level for f in active)
    headline = (
        f"Found {plural(len(active), 'finding')} ({plural(levels[Level.ERROR], 'error')}, "
        f"{plural(levels[Level.WARNING], 'warning')}, {plural(levels[Level.NOTE], 'note')}) "
        f"in {plural(run.files_scanned, 'file')}"
    )
    if suppressed:
        headline += f"; {suppressed} suppressed"
    if in_baseline:
        headline += f"; {in_baseline} in the baseline"
    if bare:
        headline += f"; {plural(bare, 'bare suppression')} ignored"
    lines = [paint(headline + ".", _BOLD)]
    names = {rule.id: rule.name for rule in run.rules}
    by_rule = Counter(f.rule_id for f in active)
    rule_rows = (
        (f"{rule_id} {names.get(rule_id, '')}".rstrip(), n) for rule_id, n in sorted(by_rule.items())
    )
    lines += _table("By rule", rule_rows)
    lines += _category_table(f.categories for f in active)
    lines += _incomplete(run, paint)
    return lines


def _observe_summary(run: RunResult, paint: _Painter) -> list[str]:
    kinds = Counter(o.kind.value for o in run.observations)
    by_kind = ", ".join(f"{kinds[kind.value]} {kind.value}" for kind in Kind)
    headline = (
        f"Found {plural(len(run.observations), 'observation')} ({by_kind}) "
        f"in {plural(run.files_scanned, 'file')}."
    )
    lines = [paint(headline, _BOLD)]
    lines += _category_table(o.categories for o in run.observations)
    lines += _incomplete(run, paint)
    return lines


def _incomplete(run: RunResult, paint: _Painter) -> list[str]:
    if run.complete:
        return []
    errors = sum(1 for n in run.notices if n.level is NoticeLevel.ERROR)
    parts = []
    if run.skips:
        parts.append(unanalysed(run.skips))
    if errors:
        parts.append(f"{plural(errors, 'error')} reported")
    return [paint("Incomplete scan: " + ", ".join(parts) + ".", _RED)]
