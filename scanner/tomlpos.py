"""Where things are in a TOML file, so that problems in it can point at lines.

`tomllib` gives values without positions. `TomlPositions.index(text)` is a small scanner
over the same text (not a parser: tomllib still decides what is valid) that records the
line of every table header, every key and every array element, addressed by the path
tomllib's value would be reached by: `("collect", 2, "categories", 0)` is the first
category of the third `[[collect]]` table.

`read_toml_document` reads, decodes and parses a file and indexes it; `TomlChecker` reads
typed values out of the parsed document and collects every problem with its line, so
that the inventory and the configuration loaders list all problems, not the first.
"""

from __future__ import annotations

import bisect
import codecs
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from scanner.errors import Problem

KeyPath = tuple[str | int, ...]
"""The path to a value: table and key names, and 0-based indices into arrays."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# A date-time may contain one space ("1979-05-27 07:32:00Z"); match it whole so the time
# part is not taken for a second value.
_SCALAR = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?"
    r"|[A-Za-z0-9_+.:-]+"
)
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}
_WHITESPACE = " \t"
_BLANK = " \t\r\n"


@dataclass(frozen=True, eq=False, repr=False)  # never compared, hashed or printed: see packs.py
class TomlPositions:
    """The 1-based lines of table headers, keys and array elements in one TOML text.

    `tables` maps a header's path to its line (`[a.b]` -> `("a", "b")`, the third `[[a]]`
    -> `("a", 2)`); `keys` maps the path of every key, including each prefix of a dotted
    key and keys inside inline tables, to the line it is written on; `elements` maps
    (path of the array, index) to the line the element starts on. Where a path occurs
    twice (only in TOML that tomllib rejects) the first line is kept. `columns` gives the
    1-based column (in characters) where each of them starts, under the same path (an
    element's under `(path of the array, index)`): `[` of a header, a key's first character,
    an element's first character. `value_columns` gives the column a key's value starts at (on
    the key's line, as TOML requires), for problems about the value rather than the key.
    """

    tables: Mapping[KeyPath, int] = field(default_factory=dict)
    keys: Mapping[KeyPath, int] = field(default_factory=dict)
    elements: Mapping[tuple[KeyPath, int], int] = field(default_factory=dict)
    columns: Mapping[object, int] = field(default_factory=dict)
    value_columns: Mapping[KeyPath, int] = field(default_factory=dict)

    @classmethod
    def index(cls, text: str) -> TomlPositions:
        """Index `text`. Never raises: on text that is not valid TOML the index is partial."""
        indexer = _Indexer(text)
        indexer.run()
        return cls(tables=indexer.tables, keys=indexer.keys, elements=indexer.elements, columns=indexer.columns,
                   value_columns=indexer.value_columns)

    def table_line(self, path: KeyPath) -> int | None:
        """The line of the header `[path]` or `[[path]]` (path ending in its index), if any."""
        return self.tables.get(tuple(path))

    def key_line(self, path: KeyPath) -> int | None:
        """The line the key at `path` is written on, if any."""
        return self.keys.get(tuple(path))

    def element_line(self, path: KeyPath, index: int) -> int | None:
        """The line element `index` (0-based) of the array at `path` starts on, if any."""
        return self.elements.get((tuple(path), index))

    def line_of(self, path: KeyPath) -> int | None:
        """The best line for the value at `path`, for an error message (see `position_of`)."""
        position = self.position_of(path)
        return None if position is None else position[0]

    def position_of(self, path: KeyPath) -> tuple[int, int | None] | None:
        """The best (line, column) for the value at `path`, for an error message.

        Tries the key, then a table header, then an array element. A table only implied
        by headers inside it (`[[a]]` for `a`, `[a.b]` for `a`) gets the first of those.
        When `path` itself was not written (a missing key), the nearest enclosing path
        that was. None when nothing on the way was written (a key missing at the top level).
        The column is where that key, header or element starts (None if not indexed).
        """
        target = tuple(path)
        if not target:
            return None
        position = self._written_at(target)
        if position is not None:
            return position
        inner = [(line, table) for table, line in self.tables.items() if table[: len(target)] == target]
        if inner:
            line, table = min(inner)
            return line, self.columns.get(table)
        current = target[:-1]
        while current:
            position = self._written_at(current)
            if position is not None:
                return position
            current = current[:-1]
        return None

    def _written_at(self, path: KeyPath) -> tuple[int, int | None] | None:
        line = self.keys.get(path)
        if line is not None:
            return line, self.columns.get(path)
        line = self.tables.get(path)
        if line is not None:
            return line, self.columns.get(path)
        last = path[-1]
        if isinstance(last, int):
            element = (path[:-1], last)
            line = self.elements.get(element)
            if line is not None:
                return line, self.columns.get(element)
        return None


class _Indexer:
    """One forward pass over the text. Every step consumes at least one character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        self.tables: dict[KeyPath, int] = {}
        self.keys: dict[KeyPath, int] = {}
        self.elements: dict[tuple[KeyPath, int], int] = {}
        # keys, tables and elements alike (their paths never collide: a key's and a table's are
        # the same value, written once, and an element's is a (path, index) pair)
        self.columns: dict[object, int] = {}
        self.value_columns: dict[KeyPath, int] = {}
        # How many [[a]] tables have been seen per resolved path, so `[[a.b]]` and `[a.c]`
        # attach to the latest `[[a]]`.
        self.array_tables: dict[KeyPath, int] = {}

    def line(self) -> int:
        return bisect.bisect_left(self.newlines, self.pos) + 1

    def column(self, line: int) -> int:
        """The 1-based column of the current position, on `line` (which holds it)."""
        return self.pos - (self.newlines[line - 2] + 1 if line > 1 else 0) + 1

    def peek(self, offset: int = 0) -> str:
        i = self.pos + offset
        return self.text[i] if i < len(self.text) else ""

    def skip_whitespace(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
            self.pos += 1

    def skip_blank(self) -> None:
        """Skip whitespace, newlines and comments."""
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch in _BLANK:
                self.pos += 1
            elif ch == "#":
                self.skip_to_end_of_line()
            else:
                return

    def skip_to_end_of_line(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end

    def run(self) -> None:
        table: KeyPath = ()
        while True:
            self.skip_blank()
            if self.pos >= len(self.text):
                return
            start = self.pos
            if self.peek() == "[":
                table = self.header(table)
            else:
                self.key_value(table)
            # What remains of the line can only be a comment in valid TOML.
            self.skip_to_end_of_line()
            if self.pos == start:
                self.pos += 1

    def header(self, table: KeyPath) -> KeyPath:
        line = self.line()
        column = self.column(line)
        self.pos += 1
        is_array = self.peek() == "["
        if is_array:
            self.pos += 1
        parts = self.key()
        if not parts:
            return table
        path = self.resolve(parts[:-1]) + (parts[-1],)
        if is_array:
            count = self.array_tables.get(path, 0)
            self.array_tables[path] = count + 1
            path += (count,)
        self.tables.setdefault(path, line)
        self.columns.setdefault(path, column)
        return path

    def resolve(self, parts: Sequence[str]) -> KeyPath:
        """The path of a header's parent tables, each array of tables at its latest element."""
        path: KeyPath = ()
        for part in parts:
            path += (part,)
            count = self.array_tables.get(path)
            if count:
                path += (count - 1,)
        return path

    def key(self) -> list[str]:
        """Read a (dotted, possibly quoted) key; an empty list when there is none here."""
        parts: list[str] = []
        while True:
            self.skip_whitespace()
            ch = self.peek()
            if ch == '"':
                parts.append(_unescape(self.string()))
            elif ch == "'":
                parts.append(self.string())
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                if match is None:
                    return parts
                parts.append(match.group())
                self.pos = match.end()
            self.skip_whitespace()
            if self.peek() != ".":
                return parts
            self.pos += 1

    def key_value(self, table: KeyPath) -> None:
        line = self.line()
        column = self.column(line)
        parts = self.key()
        if not parts:
            return
        for n in range(1, len(parts) + 1):
            self.keys.setdefault(table + tuple(parts[:n]), line)
            self.columns.setdefault(table + tuple(parts[:n]), column)
        self.skip_whitespace()
        if self.peek() != "=":
            return
        self.pos += 1
        self.skip_whitespace()
        self.value_columns.setdefault(table + tuple(parts), self.column(line))
        self.value(table + tuple(parts))

    def value(self, path: KeyPath) -> None:
        ch = self.peek()
        if ch in ('"', "'"):
            self.string()
        elif ch == "[":
            self.array(path)
        elif ch == "{":
            self.inline_table(path)
        else:
            match = _SCALAR.match(self.text, self.pos)
            if match is not None:
                self.pos = match.end()

    def array(self, path: KeyPath) -> None:
        self.pos += 1
        index = 0
        while True:
            self.skip_blank()
            ch = self.peek()
            if ch in ("", "]"):
                self.pos += 1
                return
            if ch == ",":
                self.pos += 1
                continue
            start = self.pos
            line = self.line()
            self.elements.setdefault((path, index), line)
            self.columns.setdefault((path, index), self.column(line))
            self.value(path + (index,))
            index += 1
            if self.pos == start:
                self.pos += 1

    def inline_table(self, path: KeyPath) -> None:
        self.pos += 1
        while True:
            # Newlines are not allowed in inline tables before TOML 1.1; skipping them
            # here costs nothing and keeps the index right for 1.1 texts.
            self.skip_blank()
            ch = self.peek()
            if ch in ("", "}"):
                self.pos += 1
                return
            if ch == ",":
                self.pos += 1
                continue
            start = self.pos
            self.key_value(path)  # a key = value inside the table, as at a table's top level
            if self.pos == start:
                self.pos += 1

    def string(self) -> str:
        """Consume a string of any of the four kinds; return its raw (unescaped) content."""
        opening = 3 if self.text.startswith(self.peek() * 3, self.pos) else 1
        start = self.pos + opening
        content_end, self.pos = _string_bounds(self.text, self.pos)
        return self.text[start:content_end]


def _unescape(raw: str) -> str:
    """Decode the escapes of a basic string (for quoted keys)."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uU" and len(code) > 1:
            try:
                return chr(int(code[1:], 16))
            except ValueError:  # beyond U+10FFFF: tomllib rejects it anyway
                return match.group(0)
        return _SIMPLE_ESCAPES.get(code, match.group(0))

    return _ESCAPE.sub(replace, raw)


_DECODE_LOCATION = re.compile(
    r"^(?P<message>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$",
    re.DOTALL,
)


def decode_error_location(error: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, int | None, str]:
    """Locate a tomllib error in the `text` it came from.

    Returns (line, column, message), 1-based, with the "(at line L, column C)" suffix taken
    out of the message. tomllib reports some errors "at end of document": those are placed
    just after the last non-blank character, and the message says "at end of file".
    An error message in an unknown shape gives (None, None, the whole message).
    """
    text_message = str(error)
    match = _DECODE_LOCATION.match(text_message)
    if match is None:
        return None, None, text_message
    if match.group("line") is not None:
        return int(match.group("line")), int(match.group("column")), match.group("message")
    end = len(text.rstrip())
    line = text.count("\n", 0, end) + 1
    column = end - (text.rfind("\n", 0, end) + 1) + 1
    return line, column, f"{match.group('message')} at end of file"


@dataclass(frozen=True, eq=False, repr=False)  # never compared, hashed or printed: see packs.py
class TomlDocument:
    """A parsed TOML file: its values (as tomllib gives them) and where they are."""

    path: str
    data: Mapping[str, Any]
    positions: TomlPositions


def read_toml_document(path: Path) -> TomlDocument | Problem:
    """Read, decode and parse the TOML file at `path`.

    Returns the document, or the one problem that stops reading it: the file cannot be
    read, is not UTF-8 (a leading byte-order mark is accepted), or is not valid TOML. The
    problem's path is `str(path)` and it carries the line and column where known.
    """
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Problem(shown, None, f"cannot read the file: {error.strerror or error}")
    # A byte-order mark is not TOML, but editors on Windows write one; accept it.
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = body.rfind(b"\n", 0, error.start) + 1
        return Problem(
            shown,
            body.count(b"\n", 0, error.start) + 1,
            f"the file is not UTF-8 text (byte 0x{body[error.start]:02x}: {error.reason})",
            column=len(body[line_start : error.start].decode("utf-8", "replace")) + 1,
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        error_line, error_column, message = decode_error_location(error, text)
        return Problem(shown, error_line, f"invalid TOML: {message}", column=error_column)
    return TomlDocument(path=shown, data=data, positions=TomlPositions.index(text))


def toml_type(value: object) -> str:
    """The TOML name of a parsed value's type, with its article: "a string", "an integer"."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time"
    return f"a {type(value).__name__}"


def closest(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name closest to a misspelt one (difflib's ratio at least `cutoff`), or None when none is close."""
    import difflib  # only a run with a misspelt name asks: start-up is spared it

    matches = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(suggestion: str | None) -> str:
    """The end of a message about a misspelt name: ` (did you mean 'x'?)`, or "" without a suggestion."""
    return f" (did you mean '{suggestion}'?)" if suggestion else ""


class TomlChecker:
    """Reads typed values out of a `TomlDocument`, collecting every problem with its line.

    Each reader takes the table (a dict), its path, the key, and `where`: the phrase that
    names the table in messages (" in [[collect]]", or "" at the top level). A value of the
    wrong type is reported and read as absent, so one pass finds every problem. With
    `columns`, a problem carries the column its key, header or element starts at too (the
    files a user edits to run a scan: the inventory and pyproject.toml).
    """

    def __init__(self, document: TomlDocument, *, columns: bool = False) -> None:
        self.document = document
        self.columns = columns
        self.problems: list[Problem] = []

    def line(self, path: KeyPath) -> int | None:
        """The best line for `path` (see `TomlPositions.line_of`)."""
        return self.document.positions.line_of(path)

    def report(self, path: KeyPath, message: str, *, value: bool = False) -> None:
        """Record a problem located at the value at `path` (or what encloses it): its line and
        the column its key, header or element starts at, or with `value` (a problem of what the
        key holds: a wrong type, an empty or unknown value) the column its value starts at."""
        position = self.document.positions.position_of(path)
        line, column = (None, None) if position is None else position
        if value and line is not None:
            column = self.document.positions.value_columns.get(tuple(path), column)
        self.problems.append(Problem(self.document.path, line, message, column=column if self.columns else None))

    def sorted_problems(self) -> list[Problem]:
        """Every problem found so far, in line order (file-wide problems first)."""
        return sorted(self.problems, key=lambda p: (p.line is not None, p.line or 0))

    def unknown_keys(self, table: Mapping[str, Any], at: KeyPath, known: Sequence[str], where: str) -> None:
        """Report each key of `table` not in `known`, suggesting the closest known key."""
        for key in table:
            if key in known:
                continue
            self.report(at + (key,), f"unknown key '{key}'{where}{did_you_mean(closest(key, known))}")

    def _get(self, table: Mapping[str, Any], at: KeyPath, key: str, where: str, required: bool) -> Any:
        if key not in table:
            if required:
                self.report(at, f"missing required key '{key}'{where}")
            return None
        return table[key]

    def _wrong_type(self, at: KeyPath, key: str, where: str, expected: str, value: object) -> None:
        self.report(at + (key,), f"'{key}'{where} must be {expected}, not {toml_type(value)}", value=True)

    def string(
        self, table: Mapping[str, Any], at: KeyPath, key: str, where: str, *, required: bool = False
    ) -> str | None:
        """The non-empty string at `key`, or None when it is absent or invalid (reported)."""
        value = self._get(table, at, key, where, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self._wrong_type(at, key, where, "a string", value)
            return None
        if not value.strip():
            self.report(at + (key,), f"'{key}'{where} must not be empty", value=True)
            return None
        return value

    def integer(
        self, table: Mapping[str, Any], at: KeyPath, key: str, where: str, *, required: bool = False, minimum: int | None = None
    ) -> int | None:
        """The integer at `key` (not a boolean), at least `minimum`; None when absent or invalid."""
        value = self._get(table, at, key, where, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong_type(at, key, where, "an integer", value)
            return None
        if minimum is not None and value < minimum:
            self.report(at + (key,), f"'{key}'{where} must be {minimum} or greater, not {value}", value=True)
            return None
        return value

    def boolean(self, table: Mapping[str, Any], at: KeyPath, key: str, where: str) -> bool | None:
        """The boolean at `key`; None when absent or invalid (reported)."""
        value = self._get(table, at, key, where, False)
        if value is None:
            return None
        if not isinstance(value, bool):
            self._wrong_type(at, key, where, "a boolean (true or false)", value)
            return None
        return value

    def strings(
        self,
        table: Mapping[str, Any],
        at: KeyPath,
        key: str,
        where: str,
        *,
        required: bool = False,
        nonempty: bool = False,
    ) -> list[tuple[str, KeyPath]] | None:
        """The array of strings at `key` as (string, path of the element) pairs.

        None when the key is absent or not an array (reported if required or wrong).
        Elements that are not strings, or are empty, are reported and left out; an
        empty array is reported when `nonempty`.
        """
        value = self._get(table, at, key, where, required)
        if value is None:
            return None
        if not isinstance(value, list):
            self._wrong_type(at, key, where, "an array of strings", value)
            return None
        if nonempty and not value:
            self.report(at + (key,), f"'{key}'{where} must not be empty", value=True)
        items: list[tuple[str, KeyPath]] = []
        for index, item in enumerate(value):
            element = at + (key, index)
            if not isinstance(item, str):
                self.report(element, f"'{key}'{where} must contain only strings, not {toml_type(item)}")
            elif not item.strip():
                self.report(element, f"'{key}'{where} must not contain an empty string")
            else:
                items.append((item, element))
        return items

    def table(self, table: Mapping[str, Any], at: KeyPath, key: str, where: str) -> dict[str, Any] | None:
        """The table at `key`; None when absent or not a table (reported)."""
        value = self._get(table, at, key, where, False)
        if value is None:
            return None
        if not isinstance(value, dict):
            self._wrong_type(at, key, where, "a table", value)
            return None
        return value

    def array_of_tables(
        self, table: Mapping[str, Any], at: KeyPath, key: str, where: str
    ) -> list[tuple[KeyPath, dict[str, Any]]]:
        """The tables of the array of tables at `key`, each with its path; [] when absent.

        A single table (`[key]` written for `[[key]]`) or an array holding other values is
        reported; the tables that are there are still returned.
        """
        value = self._get(table, at, key, where, False)
        if value is None:
            return []
        expected = f"an array of tables ([[{key}]])"
        if not isinstance(value, list):
            self._wrong_type(at, key, where, expected, value)
            return []
        tables: list[tuple[KeyPath, dict[str, Any]]] = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                tables.append((at + (key, index), item))
            else:
                self.report(at + (key, index), f"'{key}'{where} must be {expected}, not an array of {_plural(item)}")
        return tables


def _plural(value: object) -> str:
    name = toml_type(value).split(" ", 1)[1]
    return name + "s"


@dataclass(frozen=True, eq=False, repr=False)  # never compared, hashed or printed: see packs.py
class TomlComment:
    """A comment of TOML text: its line, its column (1-based), its text from '#', and whether
    nothing but white space precedes it on its line."""

    line: int
    column: int
    text: str
    alone: bool


def comments_and_strings(text: str) -> tuple[list[TomlComment], list[tuple[int, int]]]:
    """The comments of TOML text, and the (first, last) lines of each string that spans lines.

    Strings are skipped whole (a '#' inside one is not a comment). Raises nothing; an
    unterminated string ends at the end of its line or of the text, as `string_end` says.
    """
    comments: list[TomlComment] = []
    spans: list[tuple[int, int]] = []
    line = 1
    line_start = 0
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char == "\n":
            line += 1
            line_start = i + 1
            i += 1
        elif char == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            comments.append(TomlComment(line, i - line_start + 1, text[i:end].rstrip("\r"), not text[line_start:i].strip()))
            i = end
        elif char in "\"'":
            end = string_end(text, i)
            newlines = text.count("\n", i, end)
            if newlines:
                spans.append((line, line + newlines))
                line += newlines
                line_start = text.rfind("\n", i, end) + 1
            i = end
        else:
            i += 1
    return comments, spans


def string_end(text: str, start: int) -> int:
    """Return the index just after the TOML string that opens at `start` (or the end of the text).

    Basic strings (") have backslash escapes, literal strings (') none; tripled quotes open
    a multi-line string, whose closing quotes may be followed by up to two more that belong
    to the content. A one-line string that meets the end of its line ends there (tomllib
    reports it).
    """
    return _string_bounds(text, start)[1]


def _string_bounds(text: str, start: int) -> tuple[int, int]:
    """Return where the content of the string opening at `start` ends, and the index just after it."""
    quote_char = text[start]
    triple = text.startswith(quote_char * 3, start)
    j = start + (3 if triple else 1)
    n = len(text)
    while j < n:
        char = text[j]
        if char == "\\" and quote_char == '"':
            j += 2
        elif char == "\n" and not triple:
            return j, j
        elif char == quote_char and (not triple or text.startswith(quote_char * 3, j)):
            if not triple:
                return j, j + 1
            j += 3
            extra = 0
            while extra < 2 and j < n and text[j] == quote_char:
                j += 1
                extra += 1
            return j - 3, j
        else:
            j += 1
    return n, n
