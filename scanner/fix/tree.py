"""One file parsed with libcst, with the positions fixes need to find nodes and edit them.

The engine locates observations with `ast` spans; libcst's `PositionProvider` gives the
same ranges (parentheses around an expression left out, columns in code points, from 0),
so a node is found by comparing ranges. An edit replaces a node's extent
(`WhitespaceInclusivePositionProvider`) with what libcst generates for the new node in place,
checked to change nothing outside it.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider, WhitespaceInclusivePositionProvider

from scanner.fix.text import Edit, LineIndex, trimmed
from scanner.model import Span


class ParseFailure(Exception):
    """libcst cannot parse the file; carries the 1-based line and column where known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class Tree:
    """A parsed module, its node positions, and the original text they refer to."""

    def __init__(self, source: str) -> None:
        """Parse `source`. Raises ParseFailure when libcst cannot parse it."""
        try:
            module = cst.parse_module(source)
        except cst.ParserSyntaxError as exc:
            # libcst's message says where ("error at 2:4"); its raw column is not reliable
            raise ParseFailure(exc.message, exc.raw_line) from exc
        except (RecursionError, ValueError) as exc:  # too deep, or text libcst refuses
            raise ParseFailure(str(exc) or type(exc).__name__) from exc
        if module.code != source:  # libcst round-trips every file it accepts; guard anyway
            raise ParseFailure("libcst does not reproduce the file exactly")
        self.source = source
        self.module = module
        self.index = LineIndex(source)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        self._positions = wrapper.resolve(PositionProvider)
        self._extents = wrapper.resolve(WhitespaceInclusivePositionProvider)

    def nodes(self) -> Iterator[cst.CSTNode]:
        """Every node of the module, parents before children, in source order."""
        stack: list[cst.CSTNode] = [self.module]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def span(self, node: cst.CSTNode) -> Span:
        """The node's span as the engine writes it (1-based columns, parentheses left out)."""
        return _span(self._positions[node])

    def offsets(self, node: cst.CSTNode) -> tuple[int, int]:
        """The offsets of the node's span (parentheses and owned whitespace left out)."""
        rng = self._positions[node]
        return (self.index.offset(rng.start.line, rng.start.column + 1),
                self.index.offset(rng.end.line, rng.end.column + 1))

    def extent(self, node: cst.CSTNode) -> tuple[int, int]:
        """The offsets of all the text libcst generates for `node` (with its comments and line end)."""
        rng = self._extents[node]
        return (self.index.offset(rng.start.line, rng.start.column + 1),
                self.index.offset(rng.end.line, rng.end.column + 1))

    def find(self, span: Span, kind: type[cst.CSTNode]) -> cst.CSTNode | None:
        """The outermost node of type `kind` whose span is exactly `span`, or None."""
        for node in self.nodes():
            if isinstance(node, kind) and node in self._positions and self.span(node) == span:
                return node
        return None

    def replace(self, old: cst.CSTNode, new: cst.CSTNode) -> Edit:
        """The edit that turns `old`'s text into `new`'s, trimmed to the characters that change.

        The new text is generated in place (in the module, so indentation inside blocks is
        right) and must differ from the source only within `old`'s extent. Raises ValueError
        when it does not (which would make the edit unsafe).
        """
        start, end = self.extent(old)
        replaced = self.module.deep_replace(old, new)
        assert isinstance(replaced, cst.Module)
        text = replaced.code
        tail = len(self.source) - end
        if text[:start] != self.source[:start] or text[len(text) - tail:] != self.source[end:]:
            raise ValueError("the rewritten node changes text outside its own")
        return trimmed(self.source, start, end, text[start:len(text) - tail])

    def code(self, node: cst.CSTNode) -> str:
        """The source text libcst generates for `node` (with its parentheses)."""
        return self.module.code_for_node(node)


def _span(rng: CodeRange) -> Span:
    return Span(rng.start.line, rng.start.column + 1, rng.end.line, rng.end.column + 1)
