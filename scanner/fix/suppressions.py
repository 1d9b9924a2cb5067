"""`policyscan fix --add-suppressions REASON`: a suppression comment for each finding.

The comment is the one scanner.suppress reads: `# policyscan: ignore[PS401] REASON`, or
`ignore[PS401, PS101]` for several findings that start on one line (rule ids in the order
the findings appear on the line). It goes at the end of the finding's first line, after two
spaces (and after a comment already there), unless the line would then be longer than
`MAX_LINE` characters, ends inside a multi-line string or with a backslash continuation, or
already holds a `# policyscan:` comment: then it goes alone on the line before, indented
like the line. A line that starts and ends inside strings cannot take a comment either way;
its findings are left as they are.

The same works in the policy inventory (TOML), where the PS901 notes are located. No libcst:
`tokenize` finds the strings of Python source, a small scanner those of TOML.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass

from scanner.fix.outcome import Outcome, Planned, Refused
from scanner.fix.text import Edit, LineIndex, newline_of
from scanner.model import Finding
from scanner.tomlpos import comments_and_strings

MAX_LINE = 100
_DIRECTIVE = re.compile(r"#\s*policyscan\s*:", re.IGNORECASE)


class TokenizeFailure(Exception):
    """The source cannot be tokenized, so where its strings are is unknown."""


@dataclass(frozen=True, slots=True)
class _Lines:
    """What each line allows: 1-based line numbers whose start or end lies inside a string,
    lines ending in a backslash continuation, and lines holding a comment (line -> comment)."""

    starts_in_string: frozenset[int]
    ends_in_string: frozenset[int]
    continued: frozenset[int]
    comments: dict[int, str]


def comment_text(rule_ids: Sequence[str], reason: str) -> str:
    """The suppression comment for `rule_ids` with `reason`: `# policyscan: ignore[PS401, PS101] reason`."""
    text = f"# policyscan: ignore[{', '.join(rule_ids)}]"
    return f"{text} {reason}" if reason else text


def suppression_fixes(source: str, findings: Sequence[Finding], reason: str, *, toml: bool = False) -> dict[int, Outcome]:
    """Return, for each finding (by its index in `findings`), the edit adding its suppression comment.

    Findings that start on one line share one edit (one comment naming all their rules).
    `toml` says the source is the policy inventory. Raises TokenizeFailure when the Python
    source cannot be tokenized.
    """
    lines = _toml_lines(source) if toml else _python_lines(source)
    index = LineIndex(source)
    newline = newline_of(source)
    by_line: dict[int, list[int]] = {}
    for position, finding in sorted(enumerate(findings), key=lambda item: item[1].sort_key):
        by_line.setdefault(finding.span.start_line, []).append(position)
    outcomes: dict[int, Outcome] = {}
    for line, positions in sorted(by_line.items()):
        rule_ids: list[str] = []
        for position in positions:
            if findings[position].rule_id not in rule_ids:
                rule_ids.append(findings[position].rule_id)
        comment = comment_text(rule_ids, reason)
        outcome = _place(index, lines, line, comment, newline)
        for position in positions:
            outcomes[position] = outcome
    return outcomes


def _place(index: LineIndex, lines: _Lines, line: int, comment: str, newline: str) -> Outcome:
    if not 1 <= line <= index.line_count:
        return Refused(f"line {line} is not in the file (has it changed since the scan?)")
    text = index.line_text(line)
    existing = lines.comments.get(line)
    at_end = (
        line not in lines.ends_in_string
        and line not in lines.continued
        and (existing is None or not _DIRECTIVE.search(existing))
        and len(text.rstrip()) + 2 + len(comment) <= MAX_LINE
    )
    if at_end:
        end = index.line_start(line) + len(text.rstrip())
        return Planned((Edit(end, index.line_end(line), "  " + comment),), f"Add `{comment}` at the end of line {line}")
    if line not in lines.starts_in_string and (line - 1) not in lines.continued:
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        start = index.line_start(line)
        return Planned((Edit(start, start, indent + comment + newline),), f"Add `{comment}` above line {line}")
    return Refused(f"line {line} starts and ends inside a string, so no comment can be placed for it")


def _python_lines(source: str) -> _Lines:
    starts: set[int] = set()
    ends: set[int] = set()
    comments: dict[int, str] = {}
    open_fstrings: list[int] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            (first, _), (last, _) = token.start, token.end
            kind = tokenize.tok_name[token.type]
            if kind == "FSTRING_START":  # Python 3.12+: an f-string is several tokens
                open_fstrings.append(first)
                continue
            if kind == "FSTRING_END" and open_fstrings:
                first = open_fstrings.pop()
            if token.type == tokenize.COMMENT:
                comments[first] = token.string
            if token.type == tokenize.STRING or kind == "FSTRING_END":
                ends.update(range(first, last))
                starts.update(range(first + 1, last + 1))
    except (tokenize.TokenError, SyntaxError) as exc:
        raise TokenizeFailure(str(exc)) from exc
    index = LineIndex(source)
    continued = {
        line for line in range(1, index.line_count + 1)
        if line not in ends and line not in comments and index.line_text(line).endswith("\\")
    }
    return _Lines(frozenset(starts), frozenset(ends), frozenset(continued), comments)


def _toml_lines(text: str) -> _Lines:
    """Where TOML strings span lines, and the comments (see `comments_and_strings`)."""
    comments, spans = comments_and_strings(text)
    starts = {line for first, last in spans for line in range(first + 1, last + 1)}
    ends = {line for first, last in spans for line in range(first, last)}
    return _Lines(frozenset(starts), frozenset(ends), frozenset(), {c.line: c.text for c in comments})


