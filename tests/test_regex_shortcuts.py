"""Regular expressions replaced by cheaper equivalents for speed: each gives what the pattern it
replaced gave (the old pattern is kept here, as the reference)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scanner import import_order
from scanner.engine import sources

# The pattern `_top_bindings` searched with before: `^` in an alternation, tried at every position.
_OLD_DEFINED = re.compile(rb"^(?:(?:async[ \t]+)?def|class)[ \t]+(\w+)|^(\w+)[ \t]*(?:[:=,]|$)", re.MULTILINE)


@pytest.mark.parametrize(("text", "expected"), [
    (b"", {}),
    (b"x = 1\n", {"x": ("o", "")}),
    (b"def f():\n    y = 2\nclass C:\n    pass\n", {"f": ("d", ""), "C": ("d", "")}),
    (b"import os\nasync def g(): pass\nZ: int\n", {"os": ("i", "os"), "g": ("d", ""), "Z": ("o", "")}),
    (b"a, b = 1, 2\nfrom .m import a\n", {"a": ("i", "pkg.m.a")}),
    (b"from .m import a\na = 3\n  b = 1\nc\n", {"a": ("o", ""), "c": ("o", "")}),
    (b"x = 1\r\nclass K(Base):\r\n    pass\r\n", {"x": ("o", ""), "K": ("d", "")}),
    (b"# comment\n\n\nlast", {"last": ("o", "")}),
])
def test_top_bindings(text: bytes, expected: dict[str, tuple[str, str]]) -> None:
    assert import_order._top_bindings(text, "pkg/mod.py", "pkg.mod") == expected


def _old_definitions(raw: bytes) -> list[tuple[int, bytes | None, bytes | None]]:
    return [(m.start(), m.group(1), m.group(2)) for m in _OLD_DEFINED.finditer(raw)]


def _new_definitions(raw: bytes) -> list[tuple[int, bytes | None, bytes | None]]:
    first = import_order._DEFINED.match(raw)
    found = [] if first is None else [(0, first.group(1), first.group(2))]
    found.extend((m.start() + 1, m.group(1), m.group(2)) for m in import_order._DEFINED_AFTER.finditer(raw))
    return found


def test_definitions_as_the_old_pattern_found_them() -> None:
    """Over this project's own modules (every shape of line a module starts with), the first line
    read alone and the others from their newline give the old pattern's matches, at its offsets."""
    paths = sorted((Path(__file__).parent.parent / "scanner").rglob("*.py"))
    assert len(paths) > 40
    compared = 0
    for path in paths:
        raw = path.read_bytes()
        old = _old_definitions(raw)
        assert _new_definitions(raw) == old, path
        compared += len(old)
    assert compared > 1000


def _texts() -> list[tuple[Path, str]]:
    """This project's modules and rule-pack example files (routes, event handlers, decoders, forms)."""
    top = Path(__file__).parent.parent
    paths = sorted([*(top / "scanner").rglob("*.py"), *(top / "rules").rglob("*.py")])
    return [(path, path.read_text(encoding="utf-8")) for path in paths]


@pytest.mark.parametrize(("text", "expected"), [
    ("", (False, False)),
    ("x = 'a@b'\n", (False, False)),
    ("@app.get('/items')\ndef f(): ...\n", (False, True)),
    ("@sio.on('message')\nasync def m(sid, data): ...\n", (True, False)),
    ("@socketio.event\ndef connect(): ...\n@router.post(\n    # the path\n    \"/users\")\ndef g(): ...\n",
     (True, True)),
    ("@property\ndef p(self): ...\n@app.route(path)\ndef h(): ...\n", (False, False)),
    ("email = 'me@example.com'\n@post(\"\")\ndef i(): ...\n", (False, True)),
])
def test_decorators_written(text: str, expected: tuple[bool, bool]) -> None:
    assert sources._decorators_written(text) == expected


def test_decorators_written_as_a_search_finds_them() -> None:
    found = [False, False]
    for path, text in _texts():
        expected = (sources._EVENT_DECORATOR.search(text) is not None, sources._ROUTE_DECORATOR.search(text) is not None)
        assert sources._decorators_written(text) == expected, path
        found = [a or b for a, b in zip(found, expected)]
    assert found == [True, True]


def test_text_tests_rule_out_only_modules_without_a_match() -> None:
    """The literal each pattern's matches hold, tested with `in` before the search."""
    matched = {"decoded": 0, "form": 0}
    for path, text in _texts():
        if sources._DECODED_CALL.search(text):
            matched["decoded"] += 1
            assert "json(" in text or "raw(" in text, path
        if sources._DECODED_BODY.search(text):
            assert "request.json" in text, path
        if sources._FORM_FIELD_DATA.search(text):
            matched["form"] += 1
            assert ".data" in text, path
    assert matched["decoded"] > 0 and matched["form"] > 0


@pytest.mark.parametrize(("raw", "expected"), [
    (b"", []),
    (b"import os\n", [0]),
    (b"from a import\tb\nimportlib.x\n# imports\nreimport y", [7, 40]),
    (b"import", []),
])
def test_import_words(raw: bytes, expected: list[int]) -> None:
    assert import_order._import_words(raw) == expected


def test_import_words_as_the_old_pattern_found_them() -> None:
    old = re.compile(rb"import[ \t]")
    counted = 0
    for path, text in _texts():
        raw = text.encode()
        expected = [m.start() for m in old.finditer(raw)]
        assert import_order._import_words(raw) == expected, path
        counted += len(expected)
    assert counted > 500


# The pattern `visit_built_fields` searched the 160 characters before each `Field(` with, forwards: its
# alternation tried at each of the window's positions. `_built_field_before` matches it reversed, once.
_FORWARD_BUILT_FIELD = re.compile(r"""(?:['"]\w+['"]\s*[,:]|==\s*['"]\w+['"]\s*:\s*(?:\w+\s*=|return)|[(,]\s*\w+\s*=)\s*"""
                                  r"""(?:(?:\w+\.)*FieldList\(\s*)?(?:\w+\.)*\w*$""")


def _forward_built_field(source: str, at: int) -> bool:
    return _FORWARD_BUILT_FIELD.search(source, max(0, at - 160), at) is not None


@pytest.mark.parametrize(("before", "expected"), [
    ('fields = [("email", forms.Email', True),
    ('{"email": Char', True),
    ('if name == "email":\n    return forms.Email', True),
    ('if name == "email":\n    field = Email', True),
    ("dict(emails=wtforms.FieldList(wtforms.Email", True),
    ("dict(email=\n    forms.Email", True),
    ("x = forms.\n", False),  # the forward `$` matched before a last newline: the reversed match too
    ("dict(a=forms.\n", True),
    ("email = forms.Char", False),  # a class body's field: `visit_schema_class`'s
    ('"email" forms.Char', False),
    ("", False),
    ("x" * 200 + '("email", forms.Char', True),
    ('("email", ' + "x" * 170, False),  # the text that would match starts before the window
])
def test_built_field_before(before: str, expected: bool) -> None:
    source = before + "Field(required=True)"
    assert sources._built_field_before(source, len(before)) is expected
    assert _forward_built_field(source, len(before)) is expected


def test_built_field_before_as_the_forward_search_found_it() -> None:
    """Every `Field(` of this project's modules and rule examples, and of texts made of the pattern's
    pieces at random (quotes, separators, names, newlines, `FieldList(`), windows cut short included."""
    import random

    compared = matched = 0
    for path, text in _texts():
        for found in re.finditer(r"Field\(", text):
            expected = _forward_built_field(text, found.start())
            assert sources._built_field_before(text, found.start()) is expected, (path, found.start())
            compared += 1
            matched += expected
    pieces = ["'", '"', ",", ":", "=", "==", "(", ".", " ", "\n", "\t", "\r", "a", "b_1", "é", "return", "FieldList(",
              "forms."]
    chosen = random.Random(17)
    for _ in range(20_000):
        source = "".join(chosen.choice(pieces) for _ in range(chosen.randint(0, 90))) + "Field("
        at = len(source) - len("Field(")
        expected = _forward_built_field(source, at)
        assert sources._built_field_before(source, at) is expected, source
        matched += expected
    assert compared > 50 and matched > 100


@pytest.mark.parametrize(("name", "expected"), [
    ("street", True), ("billing_address", True), ("AddressForm", True), ("postcode", True), ("ZIP", True),
    ("line1", True), ("email", False), ("name", False), ("", False), ("Cities", True),
])
def test_address_word(name: str, expected: bool) -> None:
    """The memoised test is the pattern's search (any case)."""
    assert sources._address_word(name) is expected
    assert (sources._ADDRESS_WORDS.search(name) is not None) is expected
