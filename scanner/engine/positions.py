"""Source positions: `ast` counts columns in UTF-8 bytes from 0; SARIF wants characters from 1."""

from __future__ import annotations

import ast
import re

from scanner.model import Span

# A line ends as `ast` counts lines: "\r\n", "\r" or "\n" (not the form feeds and other separators
# `str.splitlines` also splits at).
_LINE_END = re.compile(r"\r\n?|\n")



def lines_at(source: str, offsets: list[int]) -> list[int]:
    """The 1-based line of each offset into `source`, in the order given: the newlines between
    consecutive offsets counted in C (a list of every newline of a large module costs more than the
    text searches whose hits this numbers)."""
    lines = [0] * len(offsets)
    line, counted = 1, 0
    for at in sorted(range(len(offsets)), key=offsets.__getitem__):
        line += source.count("\n", counted, offsets[at])
        counted = offsets[at]
        lines[at] = line
    return lines

class Positions:
    """Converts `ast` node positions of one file to 1-based character spans."""

    __slots__ = ("_source", "_split", "_ast_lines", "_ascii")

    def __init__(self, source: str) -> None:
        self._source = source
        self._split: list[str] | None = None
        self._ast_lines: list[str] | None = None
        # an ASCII text (a flag `str` keeps: no scan) has a character per byte on every line, so its
        # columns need no line: most files are ASCII, and their lines are then never split
        self._ascii = source.isascii()

    @property
    def _lines(self) -> list[str]:
        """The source's lines, split when a position is first asked for (most files have none to give)."""
        if self._split is None:
            self._split = self._source.splitlines()
        return self._split

    def column(self, line: int, byte_offset: int) -> int:
        """The 1-based character column of a 0-based UTF-8 byte offset on a 1-based line."""
        if self._ascii:
            return byte_offset + 1
        if 1 <= line <= len(self._lines):
            text = self._lines[line - 1]
            if not text.isascii():
                return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore")) + 1
        return byte_offset + 1

    def span(self, node: ast.AST) -> Span:
        """The span of a node (an expression, statement or argument)."""
        line = getattr(node, "lineno", 1)
        end_line = getattr(node, "end_lineno", None) or line
        start = self.column(line, getattr(node, "col_offset", 0))
        end_offset = getattr(node, "end_col_offset", None)
        end = self.column(end_line, end_offset) if end_offset is not None else start + 1
        if end_line == line and end < start:
            end = start
        return Span(line, start, end_line, end)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, or "" past the end."""
        return self._lines[line - 1] if 1 <= line <= len(self._lines) else ""

    def lines_text(self, first: int, last: int) -> str:
        """The source text of the 1-based lines `first` to `last`, numbered as `ast` numbers them and
        joined by "\n" whatever their ends were ("" past the end). The lines are split when first asked for."""
        if self._ast_lines is None:
            source = self._source
            self._ast_lines = _LINE_END.split(source) if "\r" in source else source.split("\n")
        return "\n".join(self._ast_lines[max(first, 1) - 1:last])
