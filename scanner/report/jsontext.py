"""JSON text with sorted keys and a two-space indent, as `json.dumps(value, sort_keys=True, indent=2)`.

The standard library encodes in C only without an indent; with one it runs its pure-Python
encoder, a generator per container, which took most of the time of rendering a scan's SARIF
(Django: about 0.15 s of a scan's 0.2 s after its analysis). This encoder writes the same text
from the same data in a few direct recursive calls, with the standard library's C function
for strings. Data it does not expect (a key that is not a string, a float that is not
finite, a type JSON cannot hold) is handed to `json.dumps` whole, so the text and the errors
are always the standard library's.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring_ascii  # the C version where there is one

__all__ = ["dumps"]


class _Unexpected(Exception):
    """Raised inside the encoder for data it leaves to `json.dumps`."""


def dumps(value: object) -> str:
    """Return `json.dumps(value, sort_keys=True, indent=2)` (ASCII only, no final newline).

    Raises what `json.dumps` raises (TypeError for a value JSON cannot hold, ValueError for a
    circular reference).
    """
    try:
        return _encode(value, "\n")
    except (_Unexpected, TypeError, RecursionError):
        return json.dumps(value, sort_keys=True, indent=2)


def _encode(value: object, newline: str) -> str:
    """The text of `value` whose first line is already indented; `newline` starts its next lines."""
    # the order of json's own tests: str, None, True, False, int, float, list/tuple, dict
    if isinstance(value, str):
        return encode_basestring_ascii(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Unexpected
        return float.__repr__(value)
    inner = newline + "  "
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join([_encode(item, inner) for item in value]) + newline + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        for key, item in sorted(value.items()):
            if not isinstance(key, str):
                raise _Unexpected
            parts.append(encode_basestring_ascii(key) + ": " + _encode(item, inner))
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    raise _Unexpected
