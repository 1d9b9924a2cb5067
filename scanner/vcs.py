"""What git says about the scanned tree: which files a change touches (`scan --diff REF`,
`scan --staged`), and where the tree comes from (SARIF's versionControlProvenance).

Every question is one `git` subprocess (NUL-separated output, so any file name survives);
every failure of --diff and --staged is a `GitError` (exit 2) that says what to do; the
provenance is optional, so there a failure only leaves it out. Paths come back as the run
names files: relative to the scan root with `/` separators, or absolute (POSIX) for files
of the repository outside the root (an inventory kept beside it).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote, urlsplit

from scanner.errors import PolicyscanError, Problem
from scanner.model import Provenance


class GitError(PolicyscanError):
    """git is missing, the root is not in a git repository, or a revision is unknown (exit 2)."""

    kind = "git error"


def _git(args: Sequence[str], cwd: Path, *, what: str) -> bytes:
    """Return the standard output of `git ARGS` run in `cwd`.

    Raises GitError naming `what` the command was for, with git's own message, when git is
    missing or exits non-zero.
    """
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError([Problem(str(cwd), None, f"{what} needs git, which is not installed or not on PATH")]) from None
    except OSError as exc:
        raise GitError([Problem(str(cwd), None, f"{what}: cannot run git: {exc.strerror or exc}")]) from None
    if proc.returncode != 0:
        message = os.fsdecode(proc.stderr).strip().splitlines()
        detail = message[-1] if message else f"git exited with {proc.returncode}"
        raise GitError([Problem(str(cwd), None, f"{what}: {detail}")])
    return proc.stdout


def repository_root(path: Path, *, what: str = "--diff or --staged") -> Path:
    """Return the top folder of the git work tree that holds `path`.

    Raises GitError when `path` is not inside a git work tree (or git is missing).
    """
    try:
        out = _git(["rev-parse", "--show-toplevel"], path, what=what)
    except GitError as exc:
        if "not a git repository" in str(exc):
            raise GitError([Problem(str(path), None, f"not inside a git repository ({what} asks git which files changed)")]) from None
        raise
    return Path(os.fsdecode(out).rstrip("\n")).resolve()


def resolve_commit(top: Path, ref: str) -> str:
    """Return the commit id `ref` names (a branch, a tag, a commit id, `HEAD~2`, ...).

    Raises GitError when git does not know it as a commit.
    """
    try:
        out = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top, what="--diff")
    except GitError:
        pass
    else:
        return os.fsdecode(out).strip()
    try:
        _git(["rev-parse", "--verify", "--quiet", "HEAD"], top, what="--diff")
    except GitError:  # before the first commit no revision exists: fetching would not help
        why = "the repository has no commit yet (every file is new: scan without --diff)"
    else:
        why = ("not a branch, tag or commit of this repository "
               "(in CI, fetch it first: a shallow clone holds only the checked-out commit)")
    raise GitError([Problem(str(top), None, f"--diff {ref}: unknown revision: {why}")])


def _names(out: bytes) -> list[str]:
    return [os.fsdecode(name) for name in out.split(b"\0") if name]


def _relative(names: Iterable[str], top: Path, root: Path) -> frozenset[str]:
    """Return repository-relative `names` as the run names files (see the module docstring)."""
    root = root.resolve()
    shown: set[str] = set()
    for name in names:
        full = (top / name).resolve()
        try:
            shown.add(full.relative_to(root).as_posix())
        except ValueError:
            shown.add(full.as_posix())
    return frozenset(shown)


def changed_since(root: Path, ref: str) -> frozenset[str]:
    """Return the files that differ between the commit `ref` and the work tree, plus untracked ones.

    Staged and unstaged changes both count; deleted files do not (there is nothing left to
    report in them); untracked files count unless git ignores them. Raises GitError.
    """
    root = root.resolve()
    top = repository_root(root, what="--diff")
    commit = resolve_commit(top, ref)
    changed = _names(_git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", commit, "--"], top, what="--diff"))
    untracked = _names(_git(["ls-files", "-z", "--others", "--exclude-standard"], top, what="--diff"))
    return _relative([*changed, *untracked], top, root)


def staged(root: Path) -> frozenset[str]:
    """Return the files whose staged content (the index) differs from HEAD; deleted ones left out.

    In a repository without any commit yet, every staged file. Raises GitError.
    """
    root = root.resolve()
    top = repository_root(root, what="--staged")
    names = _names(_git(["diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=d", "--"], top, what="--staged"))
    return _relative(names, top, root)


_SCP_LIKE = re.compile(r"(?:[^@/]+@)?(?P<host>[^:/]+):(?P<path>[^/].*)")
_URI_SCHEMES = frozenset({"http", "https", "ssh", "git"})
_PATH_SAFE = "/%~:@!$&'()*+,;=-._"  # RFC 3986 path characters: escapes kept, a space quoted


def repository_uri(remote: str) -> str | None:
    """The repository's URI from a git remote URL, or None for a local path or another scheme.

    Credentials go (a CI clone's https://ci-token:SECRET@host/... must never reach a report), and
    so does a trailing `.git` and `/`: `https://github.com/org/app.git` is the repository
    `https://github.com/org/app`, the form SARIF's examples, CodeQL and the VS Code SARIF viewer
    (which fetches `URI/REVISION/PATH` from raw.githubusercontent.com) use. An scp-like remote
    (`git@github.com:org/app.git`) is the ssh URI it stands for (`ssh://github.com/org/app`).
    """
    remote = remote.strip()
    if "://" in remote:
        parts = urlsplit(remote)
        if parts.scheme.lower() not in _URI_SCHEMES:
            return None
        host = parts.netloc.rpartition("@")[2]
        scheme, path = parts.scheme.lower(), parts.path
    else:
        match = _SCP_LIKE.fullmatch(remote)
        if match is None or "/" in match["host"]:
            return None
        scheme, host, path = "ssh", match["host"], "/" + match["path"]
    path = path.rstrip("/").removesuffix(".git").rstrip("/")
    if not host or not path.strip("/"):
        return None
    return f"{scheme}://{host}{quote(path, safe=_PATH_SAFE)}"


def _git_answer(args: Sequence[str], cwd: Path) -> str | None:
    """git's answer to a question it may have none for (a detached head's branch, an unset
    setting, a repository without commits): its output, stripped, or None when it exits non-zero.
    Raises OSError when git cannot be run."""
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    return os.fsdecode(proc.stdout).strip() if proc.returncode == 0 else None


def provenance(root: Path) -> Provenance | None:
    """Where the scan root `root` comes from, when it is the top of a git work tree with a remote.

    None when git is missing, `root` is not the top of a work tree (a sub-folder's SARIF names
    files from that folder, which are not the repository's paths), or the branch's remote (else
    `origin`) has no URI (a local path). Raises nothing: the provenance is optional.
    """
    what = "versionControlProvenance"
    try:
        top = repository_root(root, what=what)
        if top != root.resolve():
            return None
        branch = _git_answer(["symbolic-ref", "--quiet", "--short", "HEAD"], top)
        remote = "origin"
        if branch:
            configured = _git_answer(["config", "--get", f"branch.{branch}.remote"], top)
            remote = configured if configured is not None else remote
        uri = repository_uri(os.fsdecode(_git(["remote", "get-url", "--", remote], top, what=what)))
        if uri is None:
            return None
        revision = _git_answer(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], top)
        if revision is not None:
            # Untracked files are left out, as `git describe --dirty` leaves them: a report
            # written into the tree (results.sarif) must not change the next run's log.
            if _git(["--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=no"], top, what=what):
                revision = None
    except (GitError, OSError):
        return None
    return Provenance(repository_uri=uri, revision_id=revision, branch=branch or None)
