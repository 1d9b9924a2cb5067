"""Source positions: the text of a range of lines, numbered as `ast` numbers them."""

from __future__ import annotations

import ast

import pytest

from scanner.engine.positions import Positions


@pytest.mark.parametrize("source", [
    "a = 1\nb = 2\nc = 3\n",
    "a = 1\r\nb = 2\r\nc = 3",
    "a = 1\rb = 2\rc = 3\r",
    # a form feed is blank space to `ast`, not a line's end (`str.splitlines` splits there)
    "a = 1\n\x0cb = 2\nc = 3\n",
])
def test_lines_text_gives_the_lines_ast_numbers(source: str) -> None:
    positions = Positions(source)
    for stmt in ast.parse(source).body:
        assert positions.lines_text(stmt.lineno, stmt.lineno).strip("\r\n\x0c") == ast.unparse(stmt)
    assert positions.lines_text(2, 3).lstrip("\x0c").startswith("b = 2")
    assert positions.lines_text(1, 99) == source.replace("\r\n", "\n").replace("\r", "\n")


def test_lines_text_past_the_end_is_empty() -> None:
    assert Positions("a = 1\n").lines_text(5, 6) == ""


@pytest.mark.parametrize("source", [
    "name = user.email\nprint(name)\n",
    "a = 1\r\nname = user.email\r\nprint(name)",
    "a = 'é'\nname = user.email\nprint( 'ü', name)\n",
    "a = 1\r\nname = 'ü'; user = name.email\r\nprint('ü', name, user)",
])
def test_spans_count_characters_from_one(source: str) -> None:
    # an ASCII text's columns are its byte offsets plus one, its lines never split; any other's count
    # the characters before the offset on the line (`ast` gives UTF-8 bytes)
    positions = Positions(source)
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            span = positions.span(node)
            text = lines[node.lineno - 1]
            chars = len(text.encode("utf-8")[:node.col_offset].decode("utf-8")) + 1
            assert (span.start_line, span.start_column) == (node.lineno, chars)
            assert text[span.start_column - 1:span.end_column - 1] == node.id
