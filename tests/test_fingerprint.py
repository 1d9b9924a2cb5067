"""GitHub's primaryLocationLineHash, checked against GitHub's own test vectors."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from scanner.fingerprint import line_hash, line_hashes, line_hashes_at

VECTORS_FILE = Path(__file__).resolve().parents[2] / "shared" / "sarif" / "fingerprint-vectors.json"
VECTORS: list[dict[str, Any]] = json.loads(VECTORS_FILE.read_text(encoding="utf-8"))["vectors"]


@pytest.mark.parametrize("vector", VECTORS, ids=[repr(v["text"][:24]) for v in VECTORS])
def test_line_hashes_match_github_vectors(vector: dict[str, Any]) -> None:
    assert line_hashes(vector["text"]) == vector["line_hashes"]


@pytest.mark.parametrize("vector", VECTORS, ids=[repr(v["text"][:24]) for v in VECTORS])
def test_line_hash_of_each_line_matches_github_vectors(vector: dict[str, Any]) -> None:
    expected = vector["line_hashes"]
    assert [line_hash(vector["text"], n) for n in range(1, len(expected) + 1)] == expected


@pytest.mark.parametrize("vector", VECTORS, ids=[repr(v["text"][:24]) for v in VECTORS])
def test_the_hashes_of_chosen_lines_match_github_vectors(vector: dict[str, Any]) -> None:
    expected = vector["line_hashes"]
    everything = range(0, len(expected) + 3)  # 0 and the lines past the end are left out
    assert line_hashes_at(vector["text"], everything) == dict(enumerate(expected, start=1))
    assert line_hashes_at(vector["text"], [len(expected)]) == {len(expected): expected[-1]}


def test_the_hashes_of_chosen_lines_are_those_of_every_line() -> None:
    # repeated lines (occurrences), windows running past the end, CR, tabs, astral characters,
    # a lone surrogate, a character whose UTF-16 bytes hold a newline's byte at an odd offset
    # (U+0A00): random texts of such pieces, random lines of them
    pieces = ["a", "b", "\n", "\r\n", "\r", " ", "\t", "x = 1", "é", "😀", "\U0010ffff", "\ud800", "\n\n",
              "\u0a00", "\u0a00\u0a00", "def f():\n    pass\n", "#" * 150]
    rng = random.Random(5)
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        every = line_hashes(text)
        lines = rng.sample(range(1, len(every) + 3), min(len(every) + 2, rng.randint(1, 6)))
        assert line_hashes_at(text, lines) == {n: every[n - 1] for n in lines if n <= len(every)}, (text, lines)


@pytest.mark.parametrize(
    ("text", "lines", "counts"),
    [
        # line 2's window ("a" * 100) is all over line 1, but not at a line's start
        ("x" + "a" * 300 + "\n" + "a" * 300 + "\n" + "a" * 300, [2, 3], {2: ":1", 3: ":2"}),
        # the same units behind a character whose bytes end in a newline's byte (U+0A0A, U+000A)
        ("\u0a0a" + "b" * 120 + "\n" + "b" * 120, [2], {2: ":1"}),
        # astral characters before the line count two units each
        ("😀😀\n" * 3 + "😀😀", [1, 4], {1: ":1", 4: ":1"}),
        ("😀\n" * 200, [150, 201], {150: ":150", 201: ":1"}),
    ],
)
def test_occurrences_are_counted_at_line_starts_only(text: str, lines: list[int], counts: dict[int, str]) -> None:
    every = line_hashes(text)
    assert line_hashes_at(text, lines) == {n: every[n - 1] for n in lines}
    assert {n: every[n - 1][every[n - 1].index(":"):] for n in lines} == counts


def test_vectors_file_is_not_empty() -> None:
    # The parametrised tests above pass vacuously on an empty list.
    assert len(VECTORS) >= 6


@pytest.mark.parametrize(
    ("variant", "reference"),
    [
        # A lone CR is a line break too, like CRLF (the vectors cover LF and CRLF only).
        (
            " hello; \t\rworld!!!\r\r\r  \t\tGreetings\r End\r",
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
        ),
        # Spaces and tabs do not count, wherever they are.
        ("x=1\nprint( x )\n", "x = 1\nprint(x)\n"),
        ("\tx = 1\n", "x=1\n"),
        # A tab between CR and LF makes the LF a second line break.
        ("a\r\t\nb", "a\n\nb"),
    ],
)
def test_equivalent_texts_hash_alike(variant: str, reference: str) -> None:
    assert line_hashes(variant) == line_hashes(reference)


def _oracle(units: list[int]) -> str:
    """The hash of one line whose significant UTF-16 units are `units`, computed directly."""
    padded = (units + [0xFFFF] + [0] * 100)[:100]
    value = sum(unit * pow(37, 99 - k, 1 << 64) for k, unit in enumerate(padded)) % (1 << 64)
    return f"{value:x}:1"


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("a", [0x61]),
        ("é", [0xE9]),
        # Outside the BMP: two UTF-16 code units (a surrogate pair), not one code point.
        ("\U0001f600", [0xD83D, 0xDE00]),
        ("x\U00010348y", [0x78, 0xD800, 0xDF48, 0x79]),
    ],
)
def test_characters_count_as_utf16_code_units(text: str, units: list[int]) -> None:
    assert line_hashes(text) == [_oracle(units)]


def test_window_is_100_significant_characters() -> None:
    # Line 1 sees only the first 100 significant characters: what follows them does not
    # change its hash, but a change within them does.
    base = "a" * 99 + "\n"
    assert line_hash(base + "b", 1) == line_hash(base + "c", 1)
    assert line_hash("a" * 98 + "\nb", 1) != line_hash("a" * 98 + "\nc", 1)
    # Spaces do not use up the window.
    assert line_hash(" " * 50 + base + "b", 1) == line_hash(base + "c", 1)


def test_inserting_lines_above_keeps_a_lines_hash() -> None:
    original = "def f(email):\n    log.info(email)\n"
    moved = "import logging\n\n" + original
    assert line_hashes(moved)[2:] == line_hashes(original)


def test_repeated_lines_are_numbered_by_occurrence() -> None:
    assert [h.split(":")[1] for h in line_hashes("x\n" * 150)[:3]] == ["1", "2", "3"]


def test_hex_has_no_leading_zeros() -> None:
    # "54703d4cd895b18" in GitHub's vectors is 15 digits; never zero-padded.
    assert all(not h.startswith("0") for h in line_hashes("\n".join(map(str, range(500)))))


@pytest.mark.parametrize("line", [0, -1, 3])
def test_line_hash_rejects_lines_outside_the_text(line: int) -> None:
    with pytest.raises(ValueError, match="line"):
        line_hash("a\nb", line)


def test_empty_text_has_one_line() -> None:
    assert line_hash("", 1) == "c129715d7a2bc9a3:1"
