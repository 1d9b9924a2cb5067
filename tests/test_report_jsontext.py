"""scanner.report.jsontext writes exactly what json.dumps(sort_keys=True, indent=2) writes."""

from __future__ import annotations

import enum
import json

import pytest

from scanner.report.jsontext import dumps


class _Kind(enum.StrEnum):
    SHARE = "share"


class _Count(enum.IntEnum):
    TWO = 2


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({}, "{}"),
        ([], "[]"),
        ((), "[]"),
        ({"b": 1, "a": [1, None, True, False, "x"], "c": {}},
         '{\n  "a": [\n    1,\n    null,\n    true,\n    false,\n    "x"\n  ],\n  "b": 1,\n  "c": {}\n}'),
        ([[], [{}], [[1]]], "[\n  [],\n  [\n    {}\n  ],\n  [\n    [\n      1\n    ]\n  ]\n]"),
        ("é\u2028\"\\\n\x00😀", '"\\u00e9\\u2028\\"\\\\\\n\\u0000\\ud83d\\ude00"'),
        ({"k": _Kind.SHARE, "n": _Count.TWO}, '{\n  "k": "share",\n  "n": 2\n}'),
        ((1.5, -0.0, 1e300, 10**30), "[\n  1.5,\n  -0.0,\n  1e+300,\n  1000000000000000000000000000000\n]"),
        # left to json.dumps: keys that are not strings, floats that are not finite
        ({2: "b", 1: "a"}, '{\n  "1": "a",\n  "2": "b"\n}'),
        ({"x": float("inf")}, '{\n  "x": Infinity\n}'),
        ([float("nan")], "[\n  NaN\n]"),
    ],
)
def test_text_is_json_dumps_with_sorted_keys_and_an_indent(value: object, text: str) -> None:
    assert dumps(value) == text
    assert dumps(value) == json.dumps(value, sort_keys=True, indent=2)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ({"a": object()}, TypeError, "Object of type object is not JSON serializable"),
        ({1: "a", "b": 2}, TypeError, "'<' not supported between instances of 'str' and 'int'"),
    ],
)
def test_errors_are_json_dumps_errors(value: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        dumps(value)


def test_a_circular_list_is_json_dumps_error() -> None:
    circular: list[object] = []
    circular.append(circular)
    with pytest.raises(ValueError, match="Circular reference detected"):
        dumps(circular)
