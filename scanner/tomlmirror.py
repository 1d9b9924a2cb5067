"""The bundled TOML packs parsed once and kept as `marshal` data, as Python keeps bytecode.

`tomllib` is written in Python and reads a string one character at a time: parsing the bundled
packs costs about 220 M instructions, a quarter of every run's start-up, and the per-run cache
(scanner.compiled) does not help a run with a new or empty cache folder, nor `--no-cache`.
`marshal.loads` rebuilds the same dicts, lists and strings in C in about 1% of that.

The mirror of a pack is `__pycache__/NAME.TAG.marshal` beside it (TAG the interpreter's
`sys.implementation.cache_tag`, since marshal's format is the interpreter's), holding the
SHA-256 of the pack's text and tomllib's value of it: it is used only for that very text, so
an edited pack is parsed again (and its mirror replaced), never served stale. Like a `.pyc` it
is not the result cache: it holds nothing but the parse of the bytes it is keyed by, so
`--no-cache` uses it too. It is written even when Python is told not to write bytecode (`-B`,
PYTHONDONTWRITEBYTECODE, which CI images and this project's machines often set): it is
policyscan's data, not bytecode, and the `__pycache__` folders are ignored by version control
as Python's are. A folder that cannot be written (a read-only install) only costs the shortcut.
Only the bundled packs have mirrors: a user's pack is parsed with tomllib every run, as before
(no files are written beside a user's own). Nothing here raises but tomllib's TOMLDecodeError.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import tomllib
from pathlib import Path
from typing import Any

from scanner.kept import replace_quietly

# What reading a missing, truncated or foreign mirror raises.
_UNREADABLE = (OSError, EOFError, ValueError, TypeError)


def mirror_path(pack: Path) -> Path | None:
    """Where the mirror of `pack` is kept, or None (an interpreter without a cache tag)."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    return pack.parent / "__pycache__" / f"{pack.name}.{tag}.marshal"


def loads_mirrored(pack: Path, text: str) -> dict[str, Any]:
    """tomllib's value of `text`, the content of the bundled pack `pack`, from its mirror when kept.

    Raises tomllib.TOMLDecodeError for invalid TOML, as tomllib.loads does.
    """
    mirror = mirror_path(pack)
    if mirror is None:
        return tomllib.loads(text)
    key = hashlib.sha256(text.encode("utf-8")).digest()
    try:
        kept = marshal.loads(mirror.read_bytes())
    except _UNREADABLE:
        kept = None
    if type(kept) is tuple and len(kept) == 2 and kept[0] == key and type(kept[1]) is dict:
        data: dict[str, Any] = kept[1]
        return data
    data = tomllib.loads(text)
    _write(mirror, key, data)
    return data


def _write(mirror: Path, key: bytes, data: dict[str, Any]) -> None:
    try:
        # ValueError: a value marshal cannot hold (a TOML date or time): such a pack is not mirrored
        content = marshal.dumps((key, data))
    except ValueError:
        return
    replace_quietly(mirror, content, ignore=False)  # a folder that cannot be written: parsed again next run
