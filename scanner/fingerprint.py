"""GitHub's `primaryLocationLineHash`: a line's fingerprint that survives pure line moves.

GitHub code scanning matches alerts across analyses by this value (SARIF
`partialFingerprints.primaryLocationLineHash`). The upload action computes it from the
source when a log leaves it out, but a log uploaded through the API without it gets
duplicate alerts, so policyscan computes it itself, exactly as the action does:

- the text is read as UTF-16 code units (JavaScript's `charCodeAt`), so a character
  outside the Basic Multilingual Plane counts as two units;
- `\\r\\n` and a lone `\\r` become `\\n`; spaces and tabs are ignored everywhere;
- a line's hash is a polynomial hash, base 37 modulo 2**64, of the 100 significant units
  that start at the line, running on across line breaks; the unit 65535 marks the end of
  the file and zeros pad the text beyond it, so a final newline makes one more, empty line;
- the value is the hash in lower-case hex without leading zeros, a colon and how many
  times that hash has occurred so far in the file (1 for the first), which tells repeated
  lines apart.

Because the value depends on the following ~100 characters, it changes when the line or
its successors change, and not when lines above are inserted or removed (unless they
repeat it).
"""

from __future__ import annotations

import array
import itertools
import operator
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator

_BASE = 37
_WINDOW = 100
_MASK = (1 << 64) - 1
# Subtracting the unit that leaves the window: it has been multiplied by the base once per
# unit since it entered.
_LEAVING_FACTOR = pow(_BASE, _WINDOW, 1 << 64)
_END_OF_FILE = 0xFFFF
_NEWLINE = ord("\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# the factor of each unit of a window in its hash, the first unit's first
_POWERS = tuple(pow(_BASE, _WINDOW - 1 - index, 1 << 64) for index in range(_WINDOW))


def _significant_units(text: str) -> array.array[int]:
    """Return the UTF-16 code units that count for the hash, ending with the end-of-file mark."""
    normalised = _normalised(text)
    units = array.array("H")
    # surrogatepass keeps a lone surrogate (undecodable bytes read with surrogateescape)
    # as the single code unit JavaScript would see, instead of failing.
    units.frombytes(normalised.encode("utf-16-le", "surrogatepass"))
    if sys.byteorder == "big":
        units.byteswap()
    units.append(_END_OF_FILE)
    return units


def line_hashes_at(text: str, lines: Iterable[int]) -> dict[int, str]:
    """The fingerprints of the 1-based `lines` that `text` has (others are left out), as
    `iter_line_hashes` gives them, without hashing every line before them.

    A line's hash is a function of the 100 significant units that start it, so two lines hash
    alike exactly when those units are alike (short of a 64-bit collision, which the counts of
    GitHub's own computation would not tell apart either): the occurrences are counted by
    finding those units again earlier in the text, at a line's start, and only the lines asked
    for are hashed. Django's findings' lines took 0.45 s unit by unit, and a few milliseconds
    this way.
    """
    wanted = sorted({line for line in lines if line >= 1})
    if not wanted:
        return {}
    # one character a UTF-16 unit: each character outside the BMP as its two surrogates
    units = _normalised(text)
    if not units.isascii() and len(units.encode("utf-16-le", "surrogatepass")) != 2 * len(units):
        units = _ASTRAL.sub(_surrogates, units)
    # a line starts after the lines before it and their newlines
    ends = list(itertools.accumulate(map(len, units.split("\n", wanted[-1] - 1))))
    # the end-of-file mark, then zeros: what is read beyond the end
    padded = units + chr(_END_OF_FILE) + "\0" * _WINDOW
    found: dict[int, str] = {}
    for line in wanted:
        if line > len(ends):  # the text has fewer lines
            break
        start = 0 if line == 1 else ends[line - 2] + line - 1
        window = padded[start:start + _WINDOW]
        found[line] = f"{_window_hash(window):x}:{_occurrences(padded, window, start)}"
    return found


def _normalised(text: str) -> str:
    """`text` with `\\r\\n` and a lone `\\r` as `\\n`, and without spaces and tabs."""
    # most files have no `\r` and no tab: finding none (a scan for one character) costs less than a
    # replace, which searches for its text (`\r\n`: two characters) and builds a new string if found
    # (a quarter of the normalising of a Django scan's line hashes)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace(" ", "")
    return text.replace("\t", "") if "\t" in text else text


def _occurrences(padded: str, window: str, start: int) -> int:
    """How many lines starting at or before `start` start with `window`: at the start of the
    text, or behind a newline (found one by one: they may overlap, as blank lines do)."""
    count = int(padded.startswith(window))
    behind_newline = "\n" + window
    end = start + len(window)
    at = padded.find(behind_newline, 0, end)
    while at != -1:
        count += 1
        at = padded.find(behind_newline, at + 1, end)
    return count


def _surrogates(match: re.Match[str]) -> str:
    """The two UTF-16 surrogates of the character outside the BMP that `match` holds, as characters."""
    code = ord(match.group()) - 0x10000
    return chr(0xD800 + (code >> 10)) + chr(0xDC00 + (code & 0x3FF))


def _window_hash(window: str) -> int:
    """The polynomial hash (base 37, modulo 2**64) of `window`'s 100 characters (UTF-16 units):
    the sum of each unit times the power of the base it is multiplied by on the way."""
    total: int = sum(map(operator.mul, map(ord, window), _POWERS))
    return total & _MASK


def iter_line_hashes(text: str) -> Iterator[str]:
    """Yield the fingerprint of every line of `text`, line 1 first."""
    units = _significant_units(text)
    # A line starts at the first significant unit and after every newline; the
    # end-of-file mark guarantees that a unit follows every newline.
    starts = iter([0] + [i + 1 for i, unit in enumerate(units) if unit == _NEWLINE])
    next_start = next(starts, None)
    occurrences: Counter[str] = Counter()
    window_hash = 0
    # After reading `position` units, window_hash covers units[position - 100:position];
    # that is the window of the line starting at position - 100. Beyond the end of the
    # units, zeros are read.
    position = 0
    while next_start is not None:
        if position == next_start + _WINDOW:
            value = format(window_hash, "x")
            occurrences[value] += 1
            yield f"{value}:{occurrences[value]}"
            next_start = next(starts, None)
            continue
        incoming = units[position] if position < len(units) else 0
        leaving = units[position - _WINDOW] if _WINDOW <= position < len(units) + _WINDOW else 0
        window_hash = (window_hash * _BASE + incoming - leaving * _LEAVING_FACTOR) & _MASK
        position += 1


def line_hashes(text: str) -> list[str]:
    """Return GitHub's primaryLocationLineHash of every line of `text`, line 1 first.

    `text` is the file's content as decoded (keep a byte-order mark: GitHub keeps it).
    A text ending with a newline has one more line than it has newlines; the empty text
    has one line. Each value looks like `"a7f2ff13bc495cf2:2"`. Raises nothing.
    """
    return list(iter_line_hashes(text))


def line_hash(text: str, line: int) -> str:
    """Return GitHub's primaryLocationLineHash of the 1-based `line` of `text`.

    Only the lines up to `line` (and the 100 significant characters after it) are hashed.
    Raises ValueError when `text` has no such line.
    """
    if line < 1:
        raise ValueError(f"line numbers start at 1, got {line}")
    for number, value in enumerate(iter_line_hashes(text), start=1):
        if number == line:
            return value
    raise ValueError(f"line {line} is beyond the end of the text")
