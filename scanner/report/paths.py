"""How reports name files.

A `RunResult` names each file relative to the scan root, with `/` separators, or by its absolute
path when it lies outside the root (an inventory kept elsewhere). A report read from another
folder (a terminal's current one, the repository's top) puts that folder's way to the root in
front of the relative paths.
"""

from __future__ import annotations

import re
from pathlib import Path

_ABSOLUTE = re.compile(r"/|[A-Za-z]:/")  # a POSIX path, or a Windows one as RunResult writes it


def is_absolute(path: str) -> bool:
    """True for a path a `RunResult` gives absolute (`/srv/policy/inventory.toml`, `C:/policy/...`)."""
    return _ABSOLUTE.match(path) is not None


def with_prefix(path: str, prefix: str) -> str:
    """`path` named from another folder: `prefix` ("services/chat/", or "") in front of a path
    relative to the root; an absolute path as it is."""
    if not prefix or is_absolute(path):
        return path
    return prefix + path


def folder_prefix(folder: Path, base: Path) -> str:
    """Where `folder` lies under `base`, as a `with_prefix` prefix ("services/chat/"): "" when it is
    `base` itself or lies outside it. Both are compared resolved."""
    try:
        relative = folder.resolve().relative_to(base.resolve())
    except ValueError:
        return ""
    posix = relative.as_posix()
    return "" if posix == "." else posix + "/"
