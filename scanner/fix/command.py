"""`policyscan fix`: from a scan's findings to changed files, a unified diff, and a report.

The CLI scans, then calls `plan_fixes` (which reads the files and computes every change
without writing anything), then either `write_fixes` or `render_diff`, and prints
`render_report`. A file that cannot be read, decoded or parsed is never written; it is a
problem (exit 2).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import Problem
from scanner.fix import FileFix, FixContext, fix_source, fixable, suppress_source
from scanner.fix.files import SourceFile, encoded, read_source, write_source
from scanner.model import Finding, RunResult
from scanner.report.paths import with_prefix


@dataclass(frozen=True, slots=True)
class FixPlan:
    """Every change `policyscan fix` would make, computed without writing anything.

    `files` pairs each file that has findings to fix with the result; `without_fix` are the
    findings no automatic fix exists for (their rules have no fixer, in code-fix mode);
    `problems` are files that could not be read, decoded or parsed, or whose fixed text their
    encoding cannot hold (left out of `files`: neither written nor shown); `suppress` is the reason
    given with --add-suppressions (None for code fixes).
    """

    files: tuple[tuple[SourceFile, FileFix], ...]
    without_fix: tuple[Finding, ...]
    problems: tuple[Problem, ...]
    suppress: str | None

    @property
    def changed(self) -> tuple[tuple[SourceFile, FileFix], ...]:
        """The files whose text changes."""
        return tuple((source, result) for source, result in self.files if result.changed)


def plan_fixes(run: RunResult, context: FixContext | None, *, rules: Collection[str] | None = None,
               suppress: str | None = None) -> FixPlan:
    """Return what fixing the unsuppressed findings of `run` changes, file by file.

    `rules` keeps only findings of those rule ids. With `suppress` (a reason), every such
    finding gets a suppression comment instead of a code fix, and `context` may be None.
    Raises ImportError for code fixes when libcst is not installed.
    """
    root = Path(run.root)
    chosen = [f for f in run.findings if f.suppression is None and (rules is None or f.rule_id in rules)]
    if suppress is None:
        without_fix = tuple(f for f in chosen if not fixable(f))
        chosen = [f for f in chosen if fixable(f)]
    else:
        without_fix = ()
    by_path: dict[str, list[Finding]] = {}
    for finding in chosen:
        by_path.setdefault(finding.path, []).append(finding)
    files: list[tuple[SourceFile, FileFix]] = []
    problems: list[Problem] = []
    for path, findings in sorted(by_path.items()):
        toml = path == run.inventory_path
        file = Path(path) if Path(path).is_absolute() else root / path
        source = read_source(path, file, python=not toml)
        if isinstance(source, Problem):
            problems.append(source)
            continue
        if suppress is not None:
            result = suppress_source(path, source.text, findings, suppress, toml=toml)
        else:
            assert context is not None, "code fixes need a FixContext"
            result = fix_source(path, source.text, findings, context)
        if result.problem is not None:
            problems.append(result.problem)
        elif result.changed:
            fixed = encoded(source, result.source)
            if isinstance(fixed, Problem):
                # said before either way of showing it: `--diff`, whose lines are the file's bytes,
                # failed on it with an internal error, and a file not written is not "fixed"
                problems.append(fixed)
                continue
        files.append((source, result))
    return FixPlan(tuple(files), without_fix, tuple(problems), suppress)


def write_fixes(plan: FixPlan) -> tuple[Problem, ...]:
    """Write every changed file of the plan; return the problems of those that could not be written."""
    problems: list[Problem] = []
    for source, result in plan.changed:
        problem = write_source(source, result.source)
        if problem is not None:
            problems.append(problem)
    return tuple(problems)


def render_diff(plan: FixPlan, *, path_prefix: str = "") -> bytes:
    """Return the unified diff of every changed file (paths as `a/PATH` and `b/PATH`, as git shows them),
    as the bytes `git apply` matches against the files: each file's lines in its own encoding (a
    latin-1 module's in latin-1), with its byte-order mark at the start of its first line, and
    lines ended only where Python ends them (a form feed or U+2028 inside a line is no line end
    to `git apply`, as it is to str.splitlines).

    `path_prefix` goes in front of each path (relative to the root): the root's folder from the
    current one, so that `git apply` and `patch -p1` run there find the files.
    """
    chunks: list[bytes] = []
    for source, result in plan.changed:
        encoding = "utf-8" if source.encoding == "utf-8-sig" else source.encoding
        mark = "\ufeff" if source.encoding == "utf-8-sig" else ""  # decoding removed it; the file has it
        before = _source_lines(mark + result.original)
        after = _source_lines(mark + result.source)
        shown = with_prefix(source.path, path_prefix)
        for number, line in enumerate(difflib.unified_diff(before, after, f"a/{shown}", f"b/{shown}")):
            if not line.endswith(("\n", "\r")):
                line += "\n\\ No newline at end of file\n"
            # the two header lines name the file as the file system does; the rest is the file's text
            chunks.append(line.encode("utf-8", "surrogateescape") if number < 2 else line.encode(encoding))
    return b"".join(chunks)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _source_lines(text: str) -> list[str]:
    """The lines of Python source with their ends, split only at \\n, \\r\\n and \\r."""
    return _LINE.findall(text)


def render_report(plan: FixPlan, *, applied: bool, path_prefix: str = "") -> str:
    """Return what was (or, with `applied` False, would be) changed: one line per finding, then a summary.

    Lines are `path:line:column: RULE fixed: what` (or `would fix`, `suppressed`, `would
    suppress`) and `path:line:column: RULE not fixed: why`, each path with `path_prefix` in
    front when it is relative to the root (as the scan's text report names files).
    """
    lines: list[str] = []
    done = "suppressed" if plan.suppress is not None else "fixed"
    verb = done if applied else ("would suppress" if plan.suppress is not None else "would fix")
    entries: list[tuple[tuple[str, int, int, str, str], str]] = []
    for _, result in plan.files:
        for finding, fix in result.fixes:
            entries.append((finding.sort_key, f"{_where(finding, path_prefix)}: {finding.rule_id} {verb}: "
                                                  f"{fix.description}"))
        for finding, reason in result.unfixed:
            entries.append((finding.sort_key, f"{_where(finding, path_prefix)}: {finding.rule_id} not {done}: {reason}"))
    lines.extend(text for _, text in sorted(entries))
    lines.append(_summary(plan, applied=applied))
    return "\n".join(lines) + "\n"


def _where(finding: Finding, path_prefix: str) -> str:
    return f"{with_prefix(finding.path, path_prefix)}:{finding.span.start_line}:{finding.span.start_column}"


def _summary(plan: FixPlan, *, applied: bool) -> str:
    fixed = sum(len(result.fixes) for _, result in plan.files)
    left = sum(len(result.unfixed) for _, result in plan.files)
    files = len(plan.changed)
    if plan.suppress is not None:
        action = "Suppressed" if applied else "Would suppress"
    else:
        action = "Fixed" if applied else "Would fix"
    text = f"{action} {_count(fixed, 'finding')} in {_count(files, 'file')}"
    if left:
        text += f"; {left} left as they are (see above)"
    if plan.without_fix:
        by_rule = Counter(f.rule_id for f in plan.without_fix)
        rules = ", ".join(f"{rule} x{count}" for rule, count in sorted(by_rule.items()))
        text += f"; {_count(len(plan.without_fix), 'finding')} without an automatic fix ({rules})"
    if plan.problems:
        text += f"; {_count(len(plan.problems), 'file')} could not be fixed (see the errors)"
    return text + "."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def problems_text(problems: Sequence[Problem]) -> str:
    """The problems as `policyscan: error: ...` lines."""
    return "".join(f"policyscan: error: {problem}\n" for problem in problems)
