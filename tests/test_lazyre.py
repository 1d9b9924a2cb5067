"""scanner.engine.lazyre: a pattern compiled on first use answers as the compiled pattern does."""

from __future__ import annotations

import re
from typing import Any

import pytest

from scanner.engine.lazyre import LazyPattern

PATTERN = r"(\w+)@(\w+)\.com"
TEXT = "ann@example.com, Bob@Example.COM and carl@test.com"

CALLS: list[tuple[str, tuple[Any, ...], int, Any]] = [
    ("search", (TEXT,), 0, ("ann", "example")),
    ("search", (TEXT, 1), 0, ("nn", "example")),
    ("search", (TEXT, 0, 10), 0, None),
    ("match", (TEXT,), 0, ("ann", "example")),
    ("match", (TEXT, 17), 0, None),
    ("match", (TEXT, 17), re.IGNORECASE, ("Bob", "Example")),
    ("fullmatch", ("ann@example.com",), 0, ("ann", "example")),
    ("fullmatch", (TEXT,), 0, None),
    ("fullmatch", (TEXT, 0, 15), 0, ("ann", "example")),
    ("findall", (TEXT,), 0, [("ann", "example"), ("carl", "test")]),
    ("findall", (TEXT,), re.IGNORECASE, [("ann", "example"), ("Bob", "Example"), ("carl", "test")]),
    ("findall", (TEXT, 1, 40), 0, [("nn", "example")]),
    ("finditer", (TEXT,), 0, [("ann", "example"), ("carl", "test")]),
    ("split", (TEXT,), 0, ["", "ann", "example", ", Bob@Example.COM and ", "carl", "test", ""]),
    ("split", (TEXT, 1), 0, ["", "ann", "example", ", Bob@Example.COM and carl@test.com"]),
    ("sub", (r"\1", TEXT), 0, "ann, Bob@Example.COM and carl"),
    ("sub", (lambda m: m.group(2), TEXT, 1), 0, "example, Bob@Example.COM and carl@test.com"),
]


def _plain(result: Any) -> Any:
    """Matches as their groups, so results compare by value."""
    if isinstance(result, re.Match):
        return result.groups()
    if hasattr(result, "__next__"):
        return [m.groups() for m in result]
    return result


@pytest.mark.parametrize(("method", "args", "flags", "expected"), CALLS)
def test_lazy_pattern_answers_as_the_compiled_one(method: str, args: tuple[Any, ...], flags: int,
                                                  expected: Any) -> None:
    lazy = LazyPattern(PATTERN, flags)
    compiled = re.compile(PATTERN, flags)
    first = _plain(getattr(lazy, method)(*args))
    again = _plain(getattr(lazy, method)(*args))  # the compiled pattern's own method, kept on the instance
    assert first == again == _plain(getattr(compiled, method)(*args)) == expected


def test_lazy_pattern_compiles_on_first_use_only() -> None:
    lazy = LazyPattern(r"a+", re.IGNORECASE)
    assert vars(lazy) == {"source": "a+", "source_flags": re.IGNORECASE}
    assert lazy.match("AAb") is not None
    kept = vars(lazy)
    assert sorted(kept) == ["findall", "finditer", "fullmatch", "match", "search", "source", "source_flags",
                            "split", "sub"]
    owner = kept["search"].__self__
    assert owner is re.compile(r"a+", re.IGNORECASE)  # re's own cache: the very pattern re.compile gives
    assert {kept[name].__self__ for name in ("findall", "finditer", "fullmatch", "match", "split", "sub")} == {owner}
    assert lazy.search is kept["search"]
