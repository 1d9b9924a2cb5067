"""Regular expressions compiled on first use, so that importing a module compiles none.

The engine's modules define a few dozen module-level patterns, most of which a given run never
uses (those that read docstrings, SDK routes, templates): compiling the 33 of sources.py and
sinks.py at import cost every process (a pre-commit run, each worker of a full scan) about
25 M instructions (3 ms), most of them for nothing.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """A pattern with the methods of `re.Pattern[str]` the engine calls, compiled on the first call.

    That first call puts the compiled pattern's own bound methods on the instance, where they
    shadow the class's: every later call is the compiled pattern's, with no extra frame.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.source_flags = flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled again on each call: use the methods, which keep it)."""
        pattern = re.compile(self.source, self.source_flags)
        self.__dict__.update(search=pattern.search, match=pattern.match, fullmatch=pattern.fullmatch,
                             findall=pattern.findall, finditer=pattern.finditer, split=pattern.split,
                             sub=pattern.sub)
        return pattern

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`re.Pattern.search`."""
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`re.Pattern.match`."""
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`re.Pattern.fullmatch`."""
        return self.compiled().fullmatch(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        """`re.Pattern.findall`."""
        return self.compiled().findall(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """`re.Pattern.finditer`."""
        return self.compiled().finditer(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        """`re.Pattern.split`."""
        return self.compiled().split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        """`re.Pattern.sub`."""
        return self.compiled().sub(repl, string, count)
