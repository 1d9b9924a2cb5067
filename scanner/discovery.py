"""Which files a run analyses: every Python file under the root, minus excluded folders and globs.

Paths are POSIX and relative to the root. The walk does not follow links to folders, and a
file whose real path lies outside the root is left out with a notice, so the same tree
always gives the same list, in the same order.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import Problem, UsageError

BUILTIN_EXCLUDES = (
    ".git", ".hg", ".svn", ".venv", "venv", ".env", ".tox", ".nox", "node_modules", "__pycache__", "build",
    "dist", "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs", "*.egg-info",
    ".policyscan_cache",
)


@functools.lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Compile a path glob: `*` stays within a folder, `**` crosses folders, `?` is one character."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(path: str, pattern: str) -> bool:
    """True when a relative POSIX path matches a glob (a pattern without `/` matches any path component)."""
    pattern = pattern.strip("/") if pattern not in ("/", "") else pattern
    if "/" not in pattern:
        return any(_glob_regex(pattern).match(part) for part in path.split("/"))
    return bool(_glob_regex(pattern).match(path))


@dataclass(frozen=True, slots=True)
class Discovery:
    """The files to analyse and anything about the walk the user must hear of."""

    files: tuple[str, ...]
    notes: tuple[Problem, ...] = ()


def _excluded(relpath: str, excludes: Sequence[str]) -> bool:
    return any(glob_match(relpath, pattern) for pattern in excludes)


def _included(relpath: str, includes: Sequence[str]) -> bool:
    return any(glob_match(relpath, pattern) for pattern in includes)


def discover(
    root: Path,
    targets: Iterable[Path] | None = None,
    *,
    include: Sequence[str] = ("**/*.py",),
    exclude: Sequence[str] = (),
) -> Discovery:
    """List the files to analyse under `root` (or only `targets`, files or folders inside it).

    Raises UsageError when the root or a target does not exist or lies outside the root.
    """
    root = root.resolve()
    if not root.is_dir():
        raise UsageError([Problem(str(root), None, "the scan root does not exist or is not a folder")])
    excludes = (*BUILTIN_EXCLUDES, *exclude)
    found: set[str] = set()
    notes: list[Problem] = []
    starts: list[Path] = [root] if targets is None else []
    problems: list[Problem] = []
    for target in targets or ():
        absolute = (target if target.is_absolute() else Path.cwd() / target).absolute()
        if not absolute.exists():
            problems.append(Problem(str(target), None, "no such file or folder"))
            continue
        try:
            relative = absolute.resolve().relative_to(root)
        except ValueError:
            problems.append(Problem(str(target), None, f"is outside the scan root {root}"))
            continue
        if absolute.is_dir():
            starts.append(absolute.resolve())
        else:
            relpath = relative.as_posix()
            # A file named explicitly is analysed when it is Python, unless an exclude says otherwise
            # (as ruff's --force-exclude: pre-commit passes staged files one by one).
            if not _excluded(relpath, excludes) and (relpath.endswith((".py", ".pyi")) or _included(relpath, include)):
                found.add(relpath)
    if problems:
        raise UsageError(problems)
    for start in starts:
        for folder, dirnames, filenames in os.walk(start, followlinks=False):
            folder_path = Path(folder)
            relfolder = folder_path.relative_to(root).as_posix()
            relfolder = "" if relfolder == "." else relfolder
            dirnames[:] = sorted(
                d for d in dirnames
                if not _excluded(f"{relfolder}/{d}" if relfolder else d, excludes)
            )
            for filename in sorted(filenames):
                relpath = f"{relfolder}/{filename}" if relfolder else filename
                if not _included(relpath, include) or _excluded(relpath, excludes):
                    continue
                full = folder_path / filename
                if full.is_symlink():
                    try:
                        full.resolve().relative_to(root)
                    except (ValueError, OSError):
                        notes.append(Problem(relpath, None, "left out: a link to a file outside the scan root"))
                        continue
                found.add(relpath)
    return Discovery(files=tuple(sorted(found)), notes=tuple(notes))
