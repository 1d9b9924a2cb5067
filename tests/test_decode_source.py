"""Python source is decoded as the interpreter decodes it, and a file that cannot be decoded is a
skip naming the line to look at, never an exception."""

from __future__ import annotations

import pytest

from scanner.engine.analyzer import analyze_source, decode_source
from scanner.model import Skip, SkipReason


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"x = 'caf\xc3\xa9'\n", "x = 'caf\u00e9'\n"),
        (b"\xef\xbb\xbfx = 1\n", "x = 1\n"),
        (b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", "# -*- coding: latin-1 -*-\nx = '\u00e9'\n"),
        (b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = '\x80'\n",
         "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = '\u20ac'\n"),
    ],
)
def test_source_is_decoded_as_the_interpreter_would(raw: bytes, text: str) -> None:
    assert decode_source(raw, "m.py") == (text, None)


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        # Not UTF-8 on the first line and no coding cookie: detect_encoding gives no position.
        (b"name = '\xe9'\n", 1, "invalid or missing encoding declaration"),
        (b"#!/usr/bin/env python\nname = '\xff'\n", 2, "invalid or missing encoding declaration"),
        # A cookie naming a codec Python does not have, on either of the two lines it may be on.
        (b"# coding: latin-9x\nx = 1\n", 1, "unknown encoding: latin-9x"),
        (b"#!/usr/bin/env python\n# -*- coding: klingon -*-\nx = 1\n", 2, "unknown encoding: klingon"),
        # A byte-order mark says UTF-8 and the cookie says otherwise: "encoding problem: utf-8" said neither.
        (b"\xef\xbb\xbf# -*- coding: latin-1 -*-\nx = 1\n", 1,
         "the file starts with a UTF-8 byte-order mark, and its coding cookie names another encoding"),
        (b"\xef\xbb\xbf#!/usr/bin/env python\n# coding: cp1252\nx = 1\n", 2,
         "the file starts with a UTF-8 byte-order mark, and its coding cookie names another encoding"),
        # A valid cookie, then bytes that codec cannot decode further down: the byte's own line.
        (b"x = 1\ny = 2\nz = '\xff'\n", 3, "cannot decode as utf-8: invalid start byte at byte 17"),
        (b"# coding: ascii\nx = 1\ny = '\xe9'\n", 3, "cannot decode as ascii: ordinal not in range(128) at byte 27"),
    ],
)
def test_an_undecodable_file_is_a_skip_naming_its_line(raw: bytes, line: int, message: str) -> None:
    text, skip = decode_source(raw, "m.py")
    assert text is None and skip is not None
    assert (skip.path, skip.reason, skip.line, skip.message) == ("m.py", SkipReason.DECODE_ERROR, line, message)


def test_a_nul_byte_is_a_skip_naming_its_line_and_column() -> None:
    from scanner.classify import Classifier
    from scanner.packs import load_models

    result = analyze_source("m.py", "x = 1\ny = 'a\x00b'\n", load_models(), Classifier.load())
    assert result.skip == Skip("m.py", SkipReason.NULL_BYTES, "the file contains NUL bytes", 2, 7)
    assert result.observations == ()
