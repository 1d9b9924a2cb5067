"""Text edits on one file's source: offsets, spans, and applying edits. No libcst here.

Fixes are computed as `Edit`s on the original text (character offsets), because offsets
compose and compare exactly; they become `scanner.model.Replacement`s (1-based lines and
code-point columns, as every `Span`) only at the boundary. Lines end at "\\r\\n", "\\r" or
"\\n", as Python's tokenizer, `ast` and libcst count them (not `str.splitlines`, which also
breaks at form feeds and Unicode line separators).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scanner.model import Replacement, Span

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace `text[start:end]` of the original text with `text` (`start == end` inserts)."""

    start: int
    end: int
    text: str


class LineIndex:
    """Converts between character offsets and 1-based (line, column) positions of one text."""

    __slots__ = ("_starts", "_length", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
        self._length = len(text)

    @property
    def line_count(self) -> int:
        """The number of lines; a final line end starts one more, empty, line."""
        return len(self._starts)

    def offset(self, line: int, column: int) -> int:
        """The offset of 1-based `line` and `column`.

        Raises ValueError when the position is not in the text (a column past the line's
        end, line end excluded, or a line that does not exist).
        """
        if not 1 <= line <= len(self._starts) or column < 1:
            raise ValueError(f"no line {line} column {column} in the text")
        start = self._starts[line - 1]
        offset = start + column - 1
        if offset > self.line_end(line):
            raise ValueError(f"no column {column} on line {line}")
        return offset

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of `offset` (0 <= offset <= len(text))."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} is outside the text")
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        """The offset where 1-based `line` begins."""
        return self._starts[line - 1]

    def line_end(self, line: int) -> int:
        """The offset where 1-based `line`'s text ends (before its line end)."""
        if line < len(self._starts):
            end = self._starts[line]
            while end > self._starts[line - 1] and self._text[end - 1] in "\r\n":
                end -= 1
            return end
        return self._length

    def line_text(self, line: int) -> str:
        """The text of 1-based `line`, without its line end."""
        return self._text[self.line_start(line):self.line_end(line)]

    def span_offsets(self, span: Span) -> tuple[int, int]:
        """The (start, end) offsets of `span`. Raises ValueError when it is not in the text."""
        return self.offset(span.start_line, span.start_column), self.offset(span.end_line, span.end_column)

    def span(self, start: int, end: int) -> Span:
        """The `Span` of offsets `start`..`end`."""
        start_line, start_column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(start_line, start_column, end_line, end_column)


def newline_of(text: str) -> str:
    """The line end the text uses first ("\\n" for a text without any)."""
    found = _LINE_END.search(text)
    return found.group() if found else "\n"


def trimmed(original: str, start: int, end: int, text: str) -> Edit:
    """The edit replacing `original[start:end]` with `text`, without their common prefix and suffix.

    A fix that rewrites a whole call then touches only the characters that change, which
    is what an editor shows and what keeps independent fixes from overlapping.
    """
    old = original[start:end]
    prefix = 0
    limit = min(len(old), len(text))
    while prefix < limit and old[prefix] == text[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == text[len(text) - 1 - suffix]:
        suffix += 1
    # Never split a word: `False` -> `True` is one replacement, not `Fals` -> `Tru`.
    while prefix > 0 and _word(old, prefix - 1) and (_word(old, prefix) or _word(text, prefix)):
        prefix -= 1
    while suffix > 0 and _word(old, len(old) - suffix) and (
        _word(old, len(old) - suffix - 1) or _word(text, len(text) - suffix - 1)
    ):
        suffix -= 1
    return Edit(start + prefix, end - suffix, text[prefix:len(text) - suffix])


def _word(text: str, index: int) -> bool:
    """True when `text[index]` exists and is part of an identifier or number."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def overlaps(a: Edit, b: Edit) -> bool:
    """True when two edits cannot both be applied: they share characters, or insert at one place.

    Touching edits (one ends where the other starts) are independent unless both are
    insertions at the same offset, whose order would be undefined.
    """
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Return `text` with every edit applied (edits are on the original text).

    Edits are applied in offset order; an insertion at the start of a replaced range goes
    before the replacement. Raises ValueError when two edits overlap.
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for first, second in zip(ordered, ordered[1:]):
        if overlaps(first, second):
            raise ValueError(f"overlapping edits at offsets {first.start}..{first.end} and {second.start}..{second.end}")
    parts: list[str] = []
    position = 0
    for edit in ordered:
        parts.append(text[position:edit.start])
        parts.append(edit.text)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def replacements(path: str, index: LineIndex, edits: Sequence[Edit]) -> tuple[Replacement, ...]:
    """The edits as `Replacement`s of `path`, in offset order."""
    return tuple(Replacement(path, index.span(e.start, e.end), e.text) for e in sorted(edits))
