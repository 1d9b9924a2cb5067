"""A cache of per-file analysis results, so an unchanged tree is not analysed twice.

A result is reused only when everything it depends on is unchanged: the file's bytes (its
content hash, computed again whenever its size or modification time changed), the engine
(policyscan's version and the source of its analysis code), the rule packs and classifier
with their overrides, the size limit, and, for a file analysed with other modules'
summaries, the digest of exactly the entries it used. The comparison with the inventory is
never cached: it is cheap and the inventory may change at any time.

The cache is one pickle file under `.policyscan_cache/` at the scanned root (or
POLICYSCAN_CACHE_DIR), replaced atomically at the end of a run and holding only the entries
that run used, so it never grows stale. A cache that cannot be read is ignored; one that
cannot be written is reported, never fatal.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scanner import __version__
from scanner.engine.summaries import Analyzed

CACHE_DIR_NAME = ".policyscan_cache"
FORMAT = 1


@functools.cache
def engine_digest() -> str:
    """A digest of the analysis code itself, so a changed engine never reuses old results."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parent
    for path in sorted([*here.glob("engine/*.py"), here / "classify.py", here / "packs.py", here / "model.py"]):
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(path.name.encode())
    return digest.hexdigest()


@dataclass
class _Store:
    key: str
    hashes: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # path -> (size, mtime_ns, sha256)
    results: dict[tuple[str, str, str], Analyzed] = field(default_factory=dict)  # (path, sha256, external) -> result


class ResultCache:
    """Per-file results keyed by content and by everything the analysis depended on."""

    def __init__(self, root: Path, directory: Path, key: str) -> None:
        self.root = root
        self.file = directory / f"results-v{FORMAT}.pickle"
        self.directory = directory
        self.key = key
        self.old = self._load()
        self.new = _Store(key)
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, root: Path, parts: tuple[str, ...], directory: Path | None = None) -> ResultCache:
        """The cache for a run whose analysis depends on `parts` (pack and classifier digests, settings)."""
        key = hashlib.sha256("\0".join((engine_digest(), *parts)).encode()).hexdigest()
        where = directory or Path(os.environ.get("POLICYSCAN_CACHE_DIR") or root / CACHE_DIR_NAME)
        return cls(root, where, key)

    def _load(self) -> _Store:
        enabled = gc.isenabled()
        gc.disable()  # unpickling makes many objects and no cycles: the collector would only slow it
        try:
            with self.file.open("rb") as handle:
                store = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return _Store(self.key)
        finally:
            if enabled:
                gc.enable()
        if not isinstance(store, _Store) or store.key != self.key:
            return _Store(self.key)
        return store

    def content_hash(self, relpath: str) -> str | None:
        """The file's content hash, from the cache when its size and modification time are unchanged."""
        try:
            stat = (self.root / relpath).stat()
        except OSError:
            return None
        # this run's hash first: a file that changed is read and hashed once, not at get() and again at put()
        known = self.new.hashes.get(relpath) or self.old.hashes.get(relpath)
        if known is not None and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            self.new.hashes[relpath] = known
            return known[2]
        try:
            digest = hashlib.sha256((self.root / relpath).read_bytes()).hexdigest()
        except OSError:
            return None
        self.new.hashes[relpath] = (stat.st_size, stat.st_mtime_ns, digest)
        return digest

    def get(self, relpath: str, external: str = "") -> Analyzed | None:
        """A stored result for the file as it is now, analysed with `external` (a summary digest)."""
        digest = self.content_hash(relpath)
        if digest is None:
            return None
        found = self.old.results.get((relpath, digest, external)) or self.new.results.get((relpath, digest, external))
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self.new.results[(relpath, digest, external)] = found
        return found

    def put(self, relpath: str, result: Analyzed, external: str = "") -> None:
        """Remember a result; a file that could not be read (a passing condition) is not remembered."""
        skip = result.result.skip
        if skip is not None and skip.reason.value == "unreadable":
            return
        digest = self.content_hash(relpath)
        if digest is not None:
            self.new.results[(relpath, digest, external)] = result

    def save(self) -> str | None:
        """Write the entries this run used; return a message when that failed (never raises).

        Nothing is written when the run used exactly what the cache held.
        """
        if self.new.hashes == self.old.hashes and self.new.results.keys() == self.old.results.keys():
            return None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# policyscan's result cache: never commit it\n*\n", encoding="utf-8")
            fd, temp = tempfile.mkstemp(dir=self.directory, prefix=".results-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(self.new, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.file)
        except OSError as exc:
            return f"the result cache could not be written to {self.directory}: {exc.strerror or exc}"
        return None
