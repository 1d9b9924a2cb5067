"""Which files a run analyses: every Python file under the root, minus excluded folders and globs.

Paths are POSIX and relative to the root. The walk does not follow links to folders; a link
to a file is listed under the file's own path (each file once); a link whose file lies outside
the root or does not exist, and an entry that is not a regular file (a named pipe), are left
out with a notice, so the same tree always gives the same list, in the same order.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import Problem, UsageError
from scanner.fieldmethods import compared_by_fields
from scanner.kept import read_kept, write_kept

BUILTIN_EXCLUDES: tuple[str, ...] = (
    ".git", ".hg", ".svn", ".venv", "venv", "env", ".env", ".tox", ".nox", "node_modules", "__pycache__",
    "build", "dist", "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs", "*.egg-info",
    ".policyscan_cache",
)
"""Folder names never scanned, wherever they occur; `exclude` in [tool.policyscan] adds to them."""


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


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Discovery:
    """The files to analyse and anything about the walk the user must hear of."""

    files: tuple[str, ...]
    notes: tuple[Problem, ...] = ()
    # Python files whose names are not UTF-8 (as the file system gave them, with its escapes):
    # no report can name them, so they are not analysed, and the run says so (see `_misnamed`)
    misnamed: tuple[str, ...] = ()


# Each folder a walk listed: (its modification time, the files it holds that are analysed, the
# folders under it that are walked), by path relative to the root ("" for the root).
_Folders = dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]]
# A folder modified this recently before a walk may change again within the same tick of the
# file system's clock (which is coarse): it is listed again by the next walk, whatever its time says.
_RACY_NS = 2_000_000_000


def _walk(start: str, relstart: str, root: str, excluded: _Globs, included: _Globs, found: set[str],
          notes: list[Problem], known: _Folders, listed: _Folders | None) -> None:
    """Collect the files under one folder (os.scandir: no extra stat per entry, links not followed).

    A folder in `known` whose modification time is unchanged holds what it held (a file or
    folder created, removed or renamed in it changes its time): its entries are taken from there
    rather than listed. Every folder is recorded in `listed` (when given: nothing is kept
    otherwise, and no folder's time is read), unless it holds a link, could not be read or was
    modified just before the walk. Folders are visited in no particular order: the caller sorts
    what was found.
    """
    racy = time.time_ns() - _RACY_NS
    pending = [(start, relstart)]
    while pending:
        folder, relfolder = pending.pop()
        prefix = f"{relfolder}/" if relfolder else ""
        mtime: int | None = None
        if listed is not None:
            try:
                mtime = os.stat(folder).st_mtime_ns
            except OSError:
                pass
            held = known.get(relfolder)
            if held is not None and held[0] == mtime:
                listed[relfolder] = held
                # most folders hold only files, or only folders: no generator frame for nothing
                if held[1]:
                    found.update([prefix + name for name in held[1]])
                if held[2]:
                    base = folder if folder.endswith(os.sep) else folder + os.sep  # os.path.join, inlined
                    pending.extend([(base + name, prefix + name) for name in held[2]])
                continue
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            notes.append(Problem(relfolder or ".", None, f"left out: the folder cannot be read ({exc.strerror or exc})"))
            continue
        files: list[str] = []
        folders: list[str] = []
        linked = False
        for entry in entries:
            name = entry.name
            relpath = prefix + name
            if entry.is_dir(follow_symlinks=False):
                if not excluded.match_last(name, relpath):
                    pending.append((entry.path, relpath))
                    folders.append(name)
                continue
            if not included.match(relpath) or excluded.match_last(name, relpath):
                continue
            if entry.is_symlink():
                linked = True
                real = os.path.realpath(entry.path)
                if os.path.commonpath([real, root]) != root:
                    notes.append(Problem(relpath, None, "left out: a link to a file outside the scan root"))
                    continue
                if not os.path.isfile(real):
                    # a dangling link (to a file not generated yet, say) holds no code to analyse:
                    # said as a link out of the root is, not an incomplete scan
                    notes.append(Problem(relpath, None, f"left out: {_not_a_file_link(real)}"))
                    continue
                # each file once, under its own path (SARIF asks for resolved paths): a link to a
                # file of the tree adds nothing when the walk meets the file, and is the file when
                # an exclude leaves the file's own place out
                found.add(os.path.relpath(real, root).replace(os.sep, "/"))
                continue
            elif not entry.is_file():  # from the listing's file type, no stat
                # a named pipe, socket or device with a Python name: reading it would wait forever.
                # The folder is not kept (as for a link), so that every walk says so again.
                linked = True
                notes.append(Problem(relpath, None, "left out: not a regular file"))
                continue
            files.append(name)
            found.add(relpath)
        if listed is not None and mtime is not None and mtime < racy and not linked:
            listed[relfolder] = (mtime, tuple(files), tuple(folders))


def _not_a_file_link(real: str) -> str:
    """What a link whose target is no file leads to, as its note says it (asked only of such links)."""
    if os.path.isdir(real):
        # a link named like a module (`views.py -> views/`): the walk follows no link to a folder
        return "a link to a folder (links to folders are not followed)"
    try:
        os.stat(real)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # `a.py -> b.py -> a.py`: no file at the end of it
            return "a link that loops (it leads back to itself, never to a file)"
    return "a link to a file that does not exist"


class _Globs:
    """A set of globs compiled for the walk: plain names by set lookup, the rest by regex.

    Same meaning as `glob_match` for each pattern; `last_only` checks only the last path part
    against the patterns without `/` (the walk has already checked the folders above it).
    """

    def __init__(self, patterns: Sequence[str]) -> None:
        cleaned = [p.strip("/") if p not in ("/", "") else p for p in patterns]
        self.names = frozenset(p for p in cleaned if "/" not in p and not any(c in p for c in "*?["))
        self.parts = tuple(_glob_regex(p) for p in cleaned if "/" not in p and any(c in p for c in "*?["))
        self.paths = tuple(_glob_regex(p) for p in cleaned if "/" in p)
        self.suffixes = tuple(p[len("**/*"):] for p in cleaned if p.startswith("**/*") and not any(c in p[4:] for c in "*?[/"))
        self.exact_suffixes = len(self.suffixes) == len(cleaned)
        # the name patterns as one regex: one match per entry of the walk, however many there are
        self.part = re.compile("|".join(f"(?:{r.pattern})" for r in self.parts)) if self.parts else None

    def match(self, relpath: str, *, last_only: bool = False) -> bool:
        if self.exact_suffixes:
            return relpath.endswith(self.suffixes)
        if last_only:
            return self.match_last(relpath.rsplit("/", 1)[-1], relpath)
        components = relpath.split("/")
        if self.names and any(c in self.names for c in components):
            return True
        if any(regex.match(c) for regex in self.parts for c in components):
            return True
        return any(regex.match(relpath) for regex in self.paths)

    def match_last(self, name: str, relpath: str) -> bool:
        """`match(relpath, last_only=True)` for a path whose last part is `name` (the walk's hot path)."""
        if self.exact_suffixes:
            return relpath.endswith(self.suffixes)
        if name in self.names:
            return True
        if self.part is not None and self.part.match(name):
            return True
        return any(regex.match(relpath) for regex in self.paths)


_LISTING_FORMAT = 1


def _read_listing(file: Path, context: tuple[object, ...]) -> _Folders:
    """The folders `_write_listing` kept in `file` for a walk in `context`; {} when there are none."""
    stored = read_kept(file, context)
    return stored if isinstance(stored, dict) else {}


def _write_listing(file: Path, context: tuple[object, ...], folders: _Folders) -> None:
    """Keep `folders` in `file` (replaced whole, atomically); a failure only costs the next walk its shortcut."""
    write_kept(file, context, folders)


def _included(relpath: str, includes: Sequence[str]) -> bool:
    return _Globs(includes).match(relpath)


def _named_left_out(relpath: str, include: Sequence[str], exclude: Sequence[str], *, folder: bool) -> str | None:
    """Why a file or folder named on the command line is not analysed (None when it is)."""
    for pattern in BUILTIN_EXCLUDES:
        if glob_match(relpath, pattern):
            return f"left out: inside '{pattern}', a folder policyscan never scans"
    for pattern in exclude:
        if glob_match(relpath, pattern):
            return f"left out: excluded by '{pattern}' (exclude in [tool.policyscan])"
    if folder or relpath.endswith((".py", ".pyi")) or _included(relpath, include):
        return None
    return "left out: not a Python file (a .py or .pyi file, or one that include in [tool.policyscan] matches)"


def _named(
    root: Path, targets: Iterable[Path], include: Sequence[str], exclude: Sequence[str]
) -> tuple[set[str], list[Path], list[Problem]]:
    """The files named, the folders named (to walk) and why any named one is left out.

    Raises UsageError when a target does not exist or lies outside the root.
    """
    found: set[str] = set()
    starts: list[Path] = []
    notes: list[Problem] = []
    problems: list[Problem] = []
    for target in targets:
        absolute = (target if target.is_absolute() else Path.cwd() / target).absolute()
        if not absolute.exists():
            problems.append(Problem(str(target), None, "no such file or folder"))
            continue
        try:
            relative = absolute.resolve().relative_to(root)
        except ValueError:
            problems.append(Problem(str(target), None, f"is outside the scan root {root}"))
            continue
        relpath = relative.as_posix()
        folder = absolute.is_dir()
        # A file or folder named explicitly is analysed when it is Python, unless an exclude says
        # otherwise (as ruff's --force-exclude: pre-commit passes staged files one by one). Either
        # way out is said: a user who names a file or folder expects it analysed or told why not.
        why = None if relpath == "." else _named_left_out(relpath, include, exclude, folder=folder)
        if why is not None:
            notes.append(Problem(relpath, None, why))
        elif folder:
            starts.append(absolute.resolve())
        else:
            found.add(relpath)
    if problems:
        raise UsageError(problems)
    return found, starts, notes


def named_left_out(
    root: Path, targets: Iterable[Path], *, include: Sequence[str] = ("**/*.py",), exclude: Sequence[str] = ()
) -> tuple[Problem, ...]:
    """Why each file or folder named on the command line that is not analysed is left out, without
    walking any folder (a changed-files run reports on what git lists, but still says these).

    Raises UsageError when a target does not exist or lies outside the root.
    """
    return tuple(sorted(_named(root.resolve(), targets, include, exclude)[2], key=_note_order))


def _note_order(problem: Problem) -> tuple[list[str], str]:
    # in the order of a walk that visits each folder's entries by name
    return problem.path.split("/"), problem.message


def discover(
    root: Path,
    targets: Iterable[Path] | None = None,
    *,
    include: Sequence[str] = ("**/*.py",),
    exclude: Sequence[str] = (),
    remember: Path | None = None,
) -> Discovery:
    """List the files to analyse under `root` (or only `targets`, files or folders inside it).

    With `remember` (a file in the result cache's folder), a walk of the whole tree keeps what
    each folder held there, and the next one lists again only the folders modified since (a
    folder's time changes when an entry is added, removed or renamed in it): Django's 3,248
    folders cost 37 ms to list and 9 ms to check. A file that cannot be read or written is
    ignored (the walk lists everything).

    Raises UsageError when the root or a target does not exist or lies outside the root.
    """
    root = root.resolve()
    if not root.is_dir():
        raise UsageError([Problem(str(root), None, "the scan root does not exist or is not a folder")])
    excludes = (*BUILTIN_EXCLUDES, *exclude)
    found: set[str]
    starts: list[Path]
    notes: list[Problem]
    if targets is None:
        found, starts, notes = set(), [root], []
    else:
        found, starts, notes = _named(root, targets, include, exclude)
    excluded, included = _Globs(excludes), _Globs(include)
    root_text = os.fspath(root)
    # what the last walk of the whole tree with these patterns listed, when `remember` keeps it
    context = (_LISTING_FORMAT, root_text, tuple(include), excludes)
    remembering = remember is not None and targets is None
    known = _read_listing(remember, context) if remember is not None and remembering else {}
    listed: _Folders | None = {} if remembering else None
    for start in starts:
        relstart = start.relative_to(root).as_posix()
        relstart = "" if relstart == "." else relstart
        if relstart and excluded.match(relstart):
            continue
        _walk(os.fspath(start), relstart, root_text, excluded, included, found, notes, known, listed)
    if remember is not None and listed is not None and listed != known:
        _write_listing(remember, context, listed)
    files = tuple(sorted(found))
    misnamed: tuple[str, ...] = ()
    if not "".join(files).isascii():  # one test of every name at C speed; most trees stop here
        misnamed = tuple(path for path in files if not _utf8(path))
        if misnamed:
            files = tuple(path for path in files if _utf8(path))
    # a note names its entry as every report can (a link with a latin-1 name stopped the run too)
    notes = [note if _utf8(note.path) else Problem(shown_name(note.path), note.line, note.message) for note in notes]
    # in the order of a walk that visits each folder's entries by name
    return Discovery(files=files, notes=tuple(sorted(notes, key=_note_order)), misnamed=misnamed)


def _utf8(path: str) -> bool:
    """Whether a path the file system gave is UTF-8 text. A name in another encoding (latin-1 bytes
    from an old archive) comes with surrogate escapes, which every report, the findings' identities
    and the cache's text would fail to encode: the run stopped with an internal error."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(path: str) -> str:
    """A path that is not UTF-8, as text every report can hold: its bytes escaped (caf\\xe9.py)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
