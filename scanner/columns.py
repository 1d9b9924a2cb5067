"""Columns in UTF-16 code units, for the reports whose readers count that way (SARIF).

The model counts columns in code points. A character beyond the Basic Multilingual Plane
(an emoji, a mathematical letter, a CJK extension ideograph) is one code point but two UTF-16
code units, and the VS Code SARIF Viewer and GitHub, written in JavaScript, slice lines in
code units whatever `columnKind` says. Only lines that hold such a character differ, so a run
notes, for the lines its report places a column on, where those characters are
(`astral_offsets`), and the SARIF renderer moves each column by the count before it
(`utf16_column`) without reading any file.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Collection

# Every character beyond the BMP takes four bytes in UTF-8, whose first byte is F0 to F4: a UTF-8
# file without such a byte (nearly every file) is done after one scan of its bytes, never decoded.
_FOUR_BYTE_LEAD = re.compile(rb"[\xf0-\xf4]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# The lines Python's tokenizer counts (and so the engine's spans): not str.splitlines, which
# also ends a line at a form feed, a vertical tab or U+2028.
_LINE_END = re.compile(r"\r\n?|\n")


def astral_offsets(data: bytes, lines: Collection[int]) -> dict[int, tuple[int, ...]]:
    """Return, for each of `lines` (1-based) of the file `data` that holds a character beyond the
    BMP, the 0-based code-point offsets of those characters on it, in order.

    `data` is decoded as the engine decodes Python source (a coding cookie, a byte-order mark
    left out), with replacement; a line without such a character is left out, so an empty dict
    means every column is the same in code points and in UTF-16 code units.
    """
    if not lines or data.isascii():
        return {}
    text = _decoded(data)
    if text is None or _ASTRAL.search(text) is None:
        return {}
    wanted = set(lines)
    last = max(wanted)
    out: dict[int, tuple[int, ...]] = {}
    for number, line in enumerate(_LINE_END.split(text), start=1):
        if number > last:
            break
        if number in wanted and _ASTRAL.search(line) is not None:
            out[number] = tuple(match.start() for match in _ASTRAL.finditer(line))
    return out


def _decoded(data: bytes) -> str | None:
    """`data` decoded as the interpreter decodes source (scanner.engine.analyzer.decode_source), so
    that offsets are the engine's: a coding cookie's encoding (a GB18030 file has astral characters
    too), else UTF-8, and no byte-order mark; a TOML inventory has no cookie: UTF-8 it is. None for
    UTF-8 without a byte that starts a four-byte sequence: no astral character, nothing decoded."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except (SyntaxError, LookupError):  # an unknown codec, or a first line that is not UTF-8
        encoding = "utf-8"
    if encoding in ("utf-8", "utf-8-sig") and _FOUR_BYTE_LEAD.search(data) is None:
        return None
    text = data.decode(encoding, errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def utf16_column(column: int, offsets: tuple[int, ...]) -> int:
    """Return the 1-based code-point `column` of a line as a column in UTF-16 code units, given the
    offsets of the line's characters beyond the BMP: each one before the column adds one unit.

    Works for an exclusive end column too (the characters before it are those at offsets below
    `column - 1`).
    """
    return column + sum(1 for offset in offsets if offset < column - 1)
