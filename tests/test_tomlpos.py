"""Tests for scanner.tomlpos: the line index over TOML text, decode errors, reading files."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest

from scanner.errors import Problem
from scanner.tomlpos import (
    KeyPath,
    TomlChecker,
    TomlDocument,
    TomlPositions,
    closest,
    decode_error_location,
    read_toml_document,
    toml_type,
)

# One text holding every construct the index must see through. Line numbers are written
# next to what they locate, so the table below can be checked by eye.
SAMPLE = """\
# a comment with "quotes" and [brackets] and key = value
version = 1 # trailing comment
"quoted.key" = "a # not a comment [x] = y"
'literal key' = 'c:\\path # [x]'
a.b . c = 'dotted'
"esc\\u00e9" = 1
ml = \"\"\"
line [x]
= y \\\"\"\" # still inside
\"\"\"\"
lit = '''
# not a comment
[not.a.table]
'''
arr = [
  "x", # c ]
  'y',
  [1, "two"],
  { k = 1, "q k".z = 2 },
]
dt = [1979-05-27 07:32:00Z, 2]
inline = { nickname = "user.name", nested = { deep = ["a", "b"] } }

[[collect]]
categories = ["a"]
[[collect]]
categories = [
  "b",
  "c"]
[collect.sub]
x = 1
[[collect.items]]
y = 1
[[collect.items]]
y = 2
[ classifier . "fi.elds" ]
nick = "user.name"
[[collect]]
categories = [ "d" ,
               "e" ]
"""


@pytest.fixture(scope="module")
def sample() -> TomlPositions:
    tomllib.loads(SAMPLE)  # the sample itself must be valid TOML
    return TomlPositions.index(SAMPLE)


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("collect", 0), 24),
        (("collect", 1), 26),
        (("collect", 1, "sub"), 30),
        (("collect", 1, "items", 0), 32),
        (("collect", 1, "items", 1), 34),
        (("classifier", "fi.elds"), 36),
        (("collect", 2), 38),
        (("collect",), None),
        (("classifier",), None),
        (("collect", 3), None),
    ],
)
def test_table_lines(sample: TomlPositions, path: KeyPath, line: int | None) -> None:
    assert sample.table_line(path) == line


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("version",), 2),
        (("quoted.key",), 3),
        (("literal key",), 4),
        (("a",), 5),
        (("a", "b"), 5),
        (("a", "b", "c"), 5),
        (("escé",), 6),
        (("ml",), 7),
        (("lit",), 11),
        (("arr",), 15),
        (("arr", 3, "k"), 19),
        (("arr", 3, "q k", "z"), 19),
        (("dt",), 21),
        (("inline",), 22),
        (("inline", "nickname"), 22),
        (("inline", "nested", "deep"), 22),
        (("collect", 0, "categories"), 25),
        (("collect", 1, "categories"), 27),
        (("collect", 1, "sub", "x"), 31),
        (("collect", 1, "items", 0, "y"), 33),
        (("collect", 1, "items", 1, "y"), 35),
        (("classifier", "fi.elds", "nick"), 37),
        (("collect", 2, "categories"), 39),
        # Text inside strings and comments is never taken for keys or tables.
        (("not",), None),
        (("line",), None),
        (("key",), None),
    ],
)
def test_key_lines(sample: TomlPositions, path: KeyPath, line: int | None) -> None:
    assert sample.key_line(path) == line


@pytest.mark.parametrize(
    ("path", "index", "line"),
    [
        (("arr",), 0, 16),
        (("arr",), 1, 17),
        (("arr",), 2, 18),
        (("arr", 2), 1, 18),
        (("arr",), 3, 19),
        (("arr",), 4, None),
        (("dt",), 0, 21),
        (("dt",), 1, 21),
        (("inline", "nested", "deep"), 1, 22),
        (("collect", 0, "categories"), 0, 25),
        (("collect", 1, "categories"), 0, 28),
        (("collect", 1, "categories"), 1, 29),
        (("collect", 2, "categories"), 0, 39),
        (("collect", 2, "categories"), 1, 40),
    ],
)
def test_element_lines(sample: TomlPositions, path: KeyPath, index: int, line: int | None) -> None:
    assert sample.element_line(path, index) == line


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("collect", 1, "categories", 1), 29),  # an element
        (("collect", 1, "categories"), 27),  # a key
        (("collect", 1), 26),  # a header
        (("collect", 1, "section"), 26),  # missing: the enclosing table
        (("arr", 3, "missing"), 19),  # missing in an inline table: the element
        (("collect",), 24),  # implied by its [[collect]] headers: the first of them
        (("classifier",), 36),  # implied by [classifier."fi.elds"]
        (("missing", "deeper"), None),  # nothing on the way was written
        ((), None),
    ],
)
def test_line_of_falls_back_to_what_encloses_the_path(sample: TomlPositions, path: KeyPath, line: int | None) -> None:
    assert sample.line_of(path) == line


def test_crlf_line_endings() -> None:
    text = 'a = 1\r\n[t]\r\nb = [\r\n  "x",\r\n  "y",\r\n]\r\n'
    tomllib.loads(text)
    positions = TomlPositions.index(text)
    assert (positions.key_line(("a",)), positions.table_line(("t",)), positions.key_line(("t", "b"))) == (1, 2, 3)
    assert (positions.element_line(("t", "b"), 0), positions.element_line(("t", "b"), 1)) == (4, 5)


def test_multiline_string_closed_by_five_quotes() -> None:
    # Of a run of five quotes, the last three close the string: the two before are content.
    text = 'a = ["""x""""", \'\'\'y\'\'\'\'\', "z"]\nb = 1\n'
    assert tomllib.loads(text) == {"a": ['x""', "y''", "z"], "b": 1}
    positions = TomlPositions.index(text)
    assert [positions.element_line(("a",), i) for i in range(4)] == [1, 1, 1, None]
    assert positions.key_line(("b",)) == 2


# --- generated documents -----------------------------------------------------------------


class _Writer:
    """Builds a TOML text and the lines the index must report for it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.line = 1
        self.keys: dict[KeyPath, int] = {}
        self.tables: dict[KeyPath, int] = {}
        self.elements: dict[tuple[KeyPath, int], int] = {}

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.line += text.count("\n")

    def filler(self) -> None:
        for _ in range(self.rng.randrange(3)):
            self.write(self.rng.choice(["\n", "# comment = [x] 'q\n", "   \n", '\t# "x" #\n']))

    def key(self, name: str) -> tuple[str, str]:
        """(written form, the key tomllib sees)."""
        return self.rng.choice(
            [
                (name, name),
                (f'"{name}"', name),
                (f"'{name} x'", f"{name} x"),
                (f'"{name}.#[=]"', f"{name}.#[=]"),
                (f'"{name}\\t\\u00e9"', f"{name}\té"),
            ]
        )

    def value(self, path: KeyPath, depth: int) -> None:
        choice = self.rng.randrange(9 if depth < 2 else 5)
        if choice == 0:
            self.write(str(self.rng.randrange(-5, 100)))
        elif choice == 1:
            self.write(self.rng.choice(['"a # b"', "'[x] = y'", '"q\\"uote"', "true", "1979-05-27 07:32:00Z", "1.5e3"]))
        elif choice == 2:
            self.write('"""\nmulti [x]\n# no\nk = v\n"""')
        elif choice == 3:
            self.write("'''\nliteral \\ \" [y]\n'''")
        elif choice == 4:
            self.write('"""a\\\n   continued"""')
        elif choice in (5, 6):
            self.array(path, depth)
        else:
            self.inline_table(path, depth)

    def array(self, path: KeyPath, depth: int) -> None:
        multiline = self.rng.random() < 0.6
        self.write("[")
        for index in range(self.rng.randrange(4)):
            if multiline:
                self.write("\n")
                if self.rng.random() < 0.3:
                    self.write("  # between elements ]\n")
                self.write("  ")
            elif index:
                self.write(" ")
            self.elements[(path, index)] = self.line
            self.value(path + (index,), depth + 1)
            self.write(",")
        self.write("\n]" if multiline else "]")

    def inline_table(self, path: KeyPath, depth: int) -> None:
        self.write("{ ")
        for index in range(self.rng.randrange(3)):
            written, actual = self.key(f"i{index}")
            if index:
                self.write(", ")
            self.keys[path + (actual,)] = self.line
            self.write(f"{written} = ")
            self.value(path + (actual,), depth + 1)
        self.write(" }")

    def key_values(self, table: KeyPath) -> None:
        for index in range(self.rng.randrange(4)):
            self.filler()
            written, actual = self.key(f"k{index}")
            path = table + (actual,)
            self.keys[path] = self.line
            if self.rng.random() < 0.25:
                written += " . sub"
                path += ("sub",)
                self.keys[path] = self.line
            self.write(f"{written} = ")
            self.value(path, 0)
            self.write(self.rng.choice(["\n", "  # trailing ] = x\n"]))

    def document(self) -> str:
        self.key_values(())
        counts: dict[str, int] = {}
        for index in range(self.rng.randrange(5)):
            self.filler()
            name = self.rng.choice(["t", "u", f"s{index}"])
            is_array = name != f"s{index}"
            written, actual = self.key(name)
            if is_array:
                n = counts.get(actual, 0)
                counts[actual] = n + 1
                path: KeyPath = (actual, n)
                self.tables[path] = self.line
                self.write(f"[[ {written} ]]\n")
                self.key_values(path)
                if self.rng.random() < 0.5:
                    self.tables[path + ("sub",)] = self.line
                    self.write(f"[{written}.sub]\n")
                    self.key_values(path + ("sub",))
            else:
                self.tables[(actual,)] = self.line
                self.write(f"[{written}]\n")
                self.key_values((actual,))
        return "".join(self.parts)


@pytest.mark.parametrize("seed", range(300))
def test_generated_documents_are_indexed_exactly(seed: int) -> None:
    writer = _Writer(random.Random(seed))
    text = writer.document()
    tomllib.loads(text)  # the generator writes valid TOML only
    positions = TomlPositions.index(text)
    assert dict(positions.keys) == writer.keys
    assert dict(positions.tables) == writer.tables
    assert dict(positions.elements) == writer.elements


@pytest.mark.parametrize("seed", range(50))
def test_index_never_raises_on_broken_text(seed: int) -> None:
    rng = random.Random(seed)
    text = _Writer(rng).document() or 'a = ["x", { b = """\n'
    # Every prefix, and the text with random characters cut out.
    for end in range(len(text) + 1):
        TomlPositions.index(text[:end])
    chars = list(text)
    for _ in range(20):
        if chars:
            del chars[rng.randrange(len(chars))]
        TomlPositions.index("".join(chars))
    TomlPositions.index("[[[\"\\'{{=]]#\n'''\"\"\"[")


# --- decode errors and reading files -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = 1\nb = \n", (2, 5, "Invalid value")),
        ("[a]\nx = 1\n[a]\n", (3, 3, "Cannot declare ('a',) twice")),
        ('a = "x\n', (1, 7, "Illegal character '\\n'")),
        ("a = 1\nb = ", (2, 4, "Invalid value at end of file")),
        ("a = 1\na = 2\n\n", (2, 6, "Cannot overwrite a value")),
        ("a = 1\na = 2", (2, 6, "Cannot overwrite a value at end of file")),
        ("a = [\n  1,\n\n\n", (2, 5, "Invalid value at end of file")),
        ("", None),
    ],
)
def test_decode_error_location(text: str, expected: tuple[int, int, str] | None) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        assert decode_error_location(error, text) == expected
    else:
        assert expected is None


def test_decode_error_in_an_unknown_shape() -> None:
    assert decode_error_location(tomllib.TOMLDecodeError("odd"), "") == (None, None, "odd")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"a = 1\nb = \xff\n", Problem("F", 2, "the file is not UTF-8 text (byte 0xff: invalid start byte)", column=5)),
        (
            b'a = "\xc3\xa9\xc3',
            Problem("F", 1, "the file is not UTF-8 text (byte 0xc3: unexpected end of data)", column=7),
        ),
        (b"\xef\xbb\xbfa = 1\n\xfe", Problem("F", 2, "the file is not UTF-8 text (byte 0xfe: invalid start byte)", column=1)),
        (b"a = 1\nb = [\n", Problem("F", 2, "invalid TOML: Invalid value at end of file", column=6)),
        (b"x = 1\n[[t]]\ny == 2\n", Problem("F", 3, "invalid TOML: Invalid value", column=4)),
    ],
)
def test_read_toml_document_problems(tmp_path: Path, content: bytes, expected: Problem) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(content)
    problem = read_toml_document(path)
    assert problem == Problem(str(path), expected.line, expected.message, expected.column)


def test_read_toml_document_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\n[t]\nb = 2\n")
    document = read_toml_document(path)
    assert isinstance(document, TomlDocument)
    assert document.data == {"a": 1, "t": {"b": 2}}
    assert (document.path, document.positions.key_line(("t", "b"))) == (str(path), 3)


@pytest.mark.parametrize("make", ["missing", "directory"])
def test_read_toml_document_unreadable(tmp_path: Path, make: str) -> None:
    path = tmp_path / "f.toml"
    if make == "directory":
        path.mkdir()
    expected = "No such file or directory" if make == "missing" else "Is a directory"
    assert read_toml_document(path) == Problem(str(path), None, f"cannot read the file: {expected}")


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (True, "a boolean"),
        (1, "an integer"),
        (1.5, "a float"),
        ("x", "a string"),
        ([1], "an array"),
        ({}, "a table"),
        (tomllib.loads("d = 1979-05-27T07:32:00")["d"], "a date-time"),
        (tomllib.loads("d = 1979-05-27")["d"], "a date"),
        (tomllib.loads("d = 07:32:00")["d"], "a time"),
    ],
)
def test_toml_type(value: object, name: str) -> None:
    assert toml_type(value) == name


@pytest.mark.parametrize(
    ("name", "expected"),
    [("polcy", "policy"), ("max_ag", "max_age"), ("zzz", None)],
)
def test_closest(name: str, expected: str | None) -> None:
    assert closest(name, ["policy", "max_age", "version"]) == expected


def test_checker_reports_in_line_order_with_file_wide_problems_first(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text('b = "x"\n[t]\nc = 1\n', encoding="utf-8")
    document = read_toml_document(path)
    assert isinstance(document, TomlDocument)
    check = TomlChecker(document)
    assert check.integer(document.data["t"], ("t",), "c", " in [t]", minimum=2) is None
    assert check.integer(document.data, (), "b", "") is None
    assert check.string(document.data, (), "a", "", required=True) is None
    assert check.sorted_problems() == [
        Problem(str(path), None, "missing required key 'a'"),
        Problem(str(path), 1, "'b' must be an integer, not a string"),
        Problem(str(path), 3, "'c' in [t] must be 2 or greater, not 1"),
    ]


@pytest.mark.parametrize(
    ("path", "position"),
    [
        (("version",), (2, 1)),  # a key at the line's start
        (("a", "b", "c"), (5, 1)),  # a dotted key: where the whole key starts
        (("collect", 1), (26, 1)),  # a header: its '['
        (("collect", 1, "categories", 1), (29, 3)),  # an element: its opening quote
        (("collect", 2, "categories", 1), (40, 16)),  # an element after spaces
        (("inline", "nested", "deep", 1), (22, 60)),  # in nested inline tables
        (("arr", 3, "q k", "z"), (19, 12)),  # a quoted dotted key inside an inline table
        (("collect", 1, "section"), (26, 1)),  # missing: the enclosing table's header
        (("classifier",), (36, 1)),  # implied by [classifier."fi.elds"]: that header
        (("missing",), None),
    ],
)
def test_position_of_gives_the_column_where_it_starts(sample: TomlPositions, path: KeyPath,
                                                      position: tuple[int, int] | None) -> None:
    # Inventory and configuration problems say the column too (path:line:column), and findings
    # at a declaration start at it, so an editor or a SARIF viewer lands on the value.
    assert sample.position_of(path) == position
    assert sample.line_of(path) == (None if position is None else position[0])


def test_columns_count_characters_after_crlf_and_non_ascii_text() -> None:
    text = 'a = "é"\r\nb = ["x", "ü", "y"]\r\n'
    assert tomllib.loads(text)
    positions = TomlPositions.index(text)
    assert [positions.position_of(("b", i)) for i in range(3)] == [(2, 6), (2, 11), (2, 16)]


def test_the_checker_gives_columns_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text('name = "x"\nlist = [1, "two"]\n', encoding="utf-8")
    document = read_toml_document(path)
    assert isinstance(document, TomlDocument)
    for columns, expected in ((True, 12), (False, None)):
        checker = TomlChecker(document, columns=columns)
        checker.strings(document.data, (), "list", "")
        assert checker.problems == [Problem(str(path), 2, "'list' must contain only strings, not an integer",
                                            column=expected - 3 if expected else None)]


def test_a_problem_of_a_value_points_at_the_value(tmp_path: Path) -> None:
    # 'samesite = "Relaxed"' is wrong in its value, not its key: the column is where the value
    # starts (in inline tables too); a key's problem (unknown, missing) stays at the key.
    path = tmp_path / "f.toml"
    path.write_text('jobs =   "two"\nt = { size = -1, extra = 1 }\n', encoding="utf-8")
    document = read_toml_document(path)
    assert isinstance(document, TomlDocument)
    assert document.positions.value_columns == {("jobs",): 10, ("t",): 5, ("t", "size"): 14, ("t", "extra"): 26}
    checker = TomlChecker(document, columns=True)
    checker.integer(document.data, (), "jobs", "")
    table = checker.table(document.data, (), "t", "")
    assert table is not None
    checker.integer(table, ("t",), "size", " in t", minimum=0)
    checker.unknown_keys(table, ("t",), ("size",), " in t")
    assert checker.problems == [
        Problem(str(path), 1, "'jobs' must be an integer, not a string", column=10),
        Problem(str(path), 2, "'size' in t must be 0 or greater, not -1", column=14),
        Problem(str(path), 2, "unknown key 'extra' in t", column=18),
    ]
