"""Columns in UTF-16 code units: where a line's characters beyond the BMP are, and how a column moves."""

from __future__ import annotations

import pytest

from scanner.columns import astral_offsets, utf16_column


def test_ascii_and_bmp_only_files_have_no_astral_lines() -> None:
    assert astral_offsets(b"x = 1\ny = 2\n", {1, 2}) == {}
    # two- and three-byte characters (é, a CJK ideograph, U+FFFD) are one UTF-16 code unit each
    assert astral_offsets("é = '漢字\ufffd'\n".encode(), {1}) == {}


def test_offsets_are_code_points_on_the_wanted_lines_only() -> None:
    data = "a = '🎉'\nb = 'x🎉𝐀'\nc = '🎉'\n".encode()
    assert astral_offsets(data, {2, 3}) == {2: (6, 7), 3: (5,)}
    assert astral_offsets(data, set()) == {}
    assert astral_offsets(data, {9}) == {}


@pytest.mark.parametrize("end", ["\r\n", "\r", "\n"])
def test_lines_are_counted_as_python_counts_them(end: str) -> None:
    data = f"x = 1{end}y = '🎉'{end}".encode()
    assert astral_offsets(data, {2}) == {2: (5,)}


def test_a_form_feed_or_line_separator_does_not_end_a_line() -> None:
    # str.splitlines would end line 1 at the form feed and at U+2028; Python's tokenizer does not
    data = "\x0cx = '\u2028'; y = '🎉'\nz = 1\n".encode()
    assert astral_offsets(data, {1, 2}) == {1: (15,)}


def test_invalid_utf8_is_replaced_as_when_hashing_lines() -> None:
    # a lone F0 byte decodes to U+FFFD (one unit); the emoji after it is still found at its code point
    data = b"s = '\xf0' + '\xf0\x9f\x8e\x89'\n"
    assert astral_offsets(data, {1}) == {1: (11,)}
    assert astral_offsets(b"s = '\xf0'\n", {1}) == {}


def test_a_byte_order_mark_is_not_counted_as_the_engine_leaves_it_out() -> None:
    assert astral_offsets(b"\xef\xbb\xbf" + "x = '🎉'\n".encode(), {1}) == {1: (5,)}


def test_a_coding_cookie_decodes_as_the_interpreter_does() -> None:
    # latin-1 bytes F0 9F 8E 89 are four characters of the BMP; in GB18030 an astral one is four bytes too
    cookie = b"# -*- coding: latin-1 -*-\n"
    assert astral_offsets(cookie + b"x = '\xf0\x9f\x8e\x89'\n", {2}) == {}
    gb = b"# -*- coding: gb18030 -*-\n" + "x = '🎉'\n".encode("gb18030")
    assert astral_offsets(gb, {2}) == {2: (5,)}


@pytest.mark.parametrize(
    ("column", "offsets", "expected"),
    [
        (5, (), 5),
        (1, (0,), 1),  # the astral character itself starts at its own column
        (2, (0,), 3),  # the column after it (an exclusive end) moves by one
        (17, (11, 12), 19),
        (12, (11, 12), 12),
        (13, (11, 12), 14),
    ],
)
def test_each_astral_character_before_a_column_adds_one_unit(
        column: int, offsets: tuple[int, ...], expected: int) -> None:
    assert utf16_column(column, offsets) == expected


def test_columns_match_javascript_string_indexes() -> None:
    line = "tag = '🎉𝐀'; log.info(email)"
    [offsets] = astral_offsets(line.encode(), {1}).values()
    start = line.index("log") + 1
    units = line.encode("utf-16-le")
    # the UTF-16 column indexes the same text in a UTF-16 string (as JavaScript's slice does)
    moved = utf16_column(start, offsets)
    assert units[2 * (moved - 1):].decode("utf-16-le") == line[start - 1:]
