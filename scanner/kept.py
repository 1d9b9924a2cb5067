"""A value kept between runs in a file of the cache folder, with the key it is valid for.

Discovery keeps its folder listing so, and the rule packs their compiled form: each file holds
(key, value) pickled, is replaced whole and atomically, and a file that is missing, damaged or
kept for another key reads as nothing, so the caller does the work again. Nothing here raises.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

# What unpickling a missing, truncated or foreign file raises.
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError)


def read_kept(file: Path, key: object) -> object | None:
    """The value `write_kept` kept in `file` for `key`, or None."""
    try:
        with file.open("rb") as handle:
            stored = pickle.load(handle)
    except UNREADABLE:
        return None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        value: object = stored[1]
        return value
    return None


def write_kept(file: Path, key: object, value: object, *, ignore: bool = True) -> None:
    """Keep `value` for `key` in `file`; a failure only costs the next run its shortcut.

    The folder is made as a cache folder (with its .gitignore) unless `ignore` is False (a
    `__pycache__` folder, which version control ignores already).
    """
    replace_quietly(file, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL), ignore=ignore)


def replace_quietly(file: Path, content: bytes, *, ignore: bool = True) -> None:
    """Replace `file` with `content`, whole and atomically (workers may race); a folder that cannot be
    made or written only costs the next run its shortcut. `ignore` as for `write_kept`."""
    # a name of this process's own, renamed over the file when complete
    temp = file.with_name(f".{file.name}-{os.getpid()}-{time.monotonic_ns()}.tmp")
    try:
        if ignore:
            prepare_cache_folder(file.parent)
        else:
            file.parent.mkdir(parents=True, exist_ok=True)
        with temp.open("xb") as handle:
            handle.write(content)
        os.replace(temp, file)
    except OSError:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass  # the folder itself is unusable: nothing was written


def prepare_cache_folder(directory: Path) -> None:
    """Make the cache folder, with a .gitignore that keeps all of it out of version control.

    Raises OSError when the folder cannot be made or written.
    """
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# policyscan's result cache: never commit it\n*\n", encoding="utf-8")
