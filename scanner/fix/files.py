"""Reading and writing the files fixes change, byte for byte apart from the edits.

Python source is decoded as the interpreter does (PEP 263 coding cookie, BOM) and written
back in the same encoding, with the BOM if it had one and its own line ends untouched.
The inventory is UTF-8 TOML.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import Problem


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file's text as fixes see it: `path` as findings name it, `file` where it is on disk."""

    path: str
    file: Path
    text: str
    encoding: str


def read_source(path: str, file: Path, *, python: bool = True) -> SourceFile | Problem:
    """Return the decoded file, or a Problem when it cannot be read or decoded."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return Problem(path, None, f"cannot read the file: {exc.strerror or exc}")
    encoding = "utf-8"
    try:
        if python:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        elif raw.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-sig"
        text = raw.decode(encoding)
    except (SyntaxError, LookupError) as exc:
        return Problem(path, None, f"cannot decode the file: {exc}")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(path, line, f"cannot decode the file as {exc.encoding}: {exc.reason}")
    return SourceFile(path, file, text, encoding)


def encoded(source: SourceFile, text: str) -> bytes | Problem:
    """`text`, the file's fixed text, in the file's encoding; a Problem when the encoding cannot
    hold it (a suppression's reason with an em dash, in a latin-1 module)."""
    try:
        return text.encode(source.encoding)
    except UnicodeEncodeError as exc:
        return Problem(source.path, None, f"the fixed text cannot be written as {source.encoding}: {exc.reason}")


def write_source(source: SourceFile, text: str) -> Problem | None:
    """Replace the file's content with `text` in its encoding; return a Problem when that fails.

    The new content is written beside the file and moved over it, so a failure never leaves
    a half-written file; the file's permissions are kept, and a symbolic link keeps pointing
    at the file it pointed at.
    """
    data = encoded(source, text)
    if isinstance(data, Problem):
        return data
    target = source.file.resolve()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".policyscan", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            shutil.copymode(target, temporary)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return Problem(source.path, None, f"cannot write the file: {exc.strerror or exc}")
    return None
