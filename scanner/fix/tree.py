"""One file parsed with libcst, with the positions fixes need to find nodes and edit them.

The engine locates observations with `ast` spans; libcst's `PositionProvider` gives the
same ranges (parentheses around an expression left out, columns in code points, from 0),
so a node is found by comparing ranges. An edit replaces a node's extent
(`WhitespaceInclusivePositionProvider`) with what libcst generates for the new node in place,
checked to change nothing outside it.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import (
    CodeRange,
    MetadataWrapper,
    PositionProvider,
    WhitespaceInclusivePositionProvider,
)

from scanner.fix.text import Edit, LineIndex, trimmed

try:  # libcst's code generator state: not public API, so everything works without it (slower)
    from libcst._nodes.internal import CodegenState as _CodegenState
except ImportError:  # pragma: no cover - depends on the libcst version
    _CodegenState = None  # type: ignore[assignment,misc]
from scanner.model import Span

# a line end libcst does not keep (it writes it back as \n): old Mac editors' files
_LONE_CR = re.compile(r"\r(?!\n)")


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
            if _LONE_CR.search(source):
                # the one kind of file seen to fail it: libcst writes a lone \r line end back as \n
                raise ParseFailure("its lines end with a lone CR (\\r), which libcst does not keep:"
                                   " convert them to \\n or \\r\\n to fix this file")
            raise ParseFailure("libcst does not reproduce the file exactly")
        self.source = source
        self.module = module
        self.index = LineIndex(source)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        self._positions = wrapper.resolve(PositionProvider)
        self._extents = wrapper.resolve(WhitespaceInclusivePositionProvider)
        self._parents: dict[cst.CSTNode, cst.CSTNode] | None = None
        self._by_span: dict[Span, list[cst.CSTNode]] | None = None

    def _walk(self) -> None:
        """Index every node by its span, and remember its parent: one walk, on first use."""
        by_span: dict[Span, list[cst.CSTNode]] = {}
        parents: dict[cst.CSTNode, cst.CSTNode] = {}
        stack: list[cst.CSTNode] = [self.module]
        while stack:  # parents before children, in source order: outermost first per span
            node = stack.pop()
            if node in self._positions:
                by_span.setdefault(self.span(node), []).append(node)
            children = node.children
            for child in children:
                parents[child] = node
            stack.extend(reversed(children))
        self._by_span, self._parents = by_span, parents

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

    def at(self, span: Span) -> list[cst.CSTNode]:
        """Every node whose span is exactly `span`, outermost first."""
        if self._by_span is None:
            self._walk()
        assert self._by_span is not None
        return self._by_span.get(span, [])

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The node's parent (None for the module)."""
        if self._parents is None:
            self._walk()
        assert self._parents is not None
        return self._parents.get(node)

    def find(self, span: Span, kind: type[cst.CSTNode]) -> cst.CSTNode | None:
        """The outermost node of type `kind` whose span is exactly `span`, or None."""
        return next((node for node in self.at(span) if isinstance(node, kind)), None)

    def replace(self, old: cst.CSTNode, new: cst.CSTNode) -> Edit:
        """The edit that turns `old`'s text into `new`'s, trimmed to the characters that change.

        Both texts are generated in place (with the indentation of the blocks around `old`),
        and `old`'s must be the source text at its extent. When it is not, the new text is
        taken from the whole module with `new` in `old`'s place, which is slower but needs
        no assumption; then it must differ from the source only within `old`'s extent.
        Raises ValueError when it does not (which would make the edit unsafe).
        """
        start, end = self.extent(old)
        tokens = self._indent_tokens(old)
        if tokens is not None and self._generate(old, tokens) == self.source[start:end]:
            return trimmed(self.source, start, end, self._generate(new, tokens))
        replaced = self.module.deep_replace(old, new)
        assert isinstance(replaced, cst.Module)
        text = replaced.code
        tail = len(self.source) - end
        if text[:start] != self.source[:start] or text[len(text) - tail:] != self.source[end:]:
            raise ValueError("the rewritten node changes text outside its own")
        return trimmed(self.source, start, end, text[start:len(text) - tail])

    def _indent_tokens(self, node: cst.CSTNode) -> list[str] | None:
        """The indentation of the blocks around `node`, outermost first, as libcst generates it;
        None when libcst's code generator cannot be given it (see `_generate`)."""
        if _CodegenState is None:
            return None
        tokens: list[str] = []
        current = self.parent(node)
        while current is not None:
            if isinstance(current, cst.IndentedBlock):
                tokens.append(current.indent if current.indent is not None else self.module.default_indent)
            current = self.parent(current)
        return tokens[::-1]

    def _generate(self, node: cst.CSTNode, indent_tokens: list[str]) -> str:
        """The code of `node` as it reads inside blocks indented by `indent_tokens`.

        `Module.code_for_node` generates a node as if at the top level; generating the
        module for every fix instead would make fixing a file quadratic in its size.
        """
        assert _CodegenState is not None
        state = _CodegenState(
            default_indent=self.module.default_indent,
            default_newline=self.module.default_newline,
            indent_tokens=list(indent_tokens),
        )
        node._codegen(state)
        return "".join(state.tokens)

    def code(self, node: cst.CSTNode) -> str:
        """The source text libcst generates for `node` (with its parentheses)."""
        return self.module.code_for_node(node)


def _span(rng: CodeRange) -> Span:
    return Span(rng.start.line, rng.start.column + 1, rng.end.line, rng.end.column + 1)
