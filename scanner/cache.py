"""A cache of per-file analysis results, so an unchanged tree is not analysed twice.

A result is reused only when everything it depends on is unchanged: the file's bytes (its
content hash, computed again whenever its size or modification time changed), the engine
(policyscan's version and the source of its analysis code), the rule packs and classifier
with their overrides, the size limit, and, for a file analysed with other modules'
summaries, the digest of exactly the entries it used. The comparison with the inventory is
never cached: it is cheap and the inventory may change at any time.

A result keeps the file's calls that give other modules' log calls personal data (`Analyzed.relayed`,
scanner.relayed), which the runner turns into observations once every file's result is at hand, and
the collects that hold only if no module names their class (`Analyzed.gated`), which it answers then,
and whether the file holds a suppression comment's mark (`Analyzed.directives`), so that a scan reads
the comments of those files only, and the web frameworks no pack models that the file imports
(`Analyzed.frameworks`), which the run names in its notices (scanner.coverage).

The cache is one pickle file under `.policyscan_cache/` at the scanned root (or
POLICYSCAN_CACHE_DIR), replaced atomically at the end of a run and holding only the entries
that run used, so it never grows stale. (Discovery keeps what each folder held in a second
file there, `LISTING_FILE`.) A cache that cannot be read is ignored; one that
cannot be written is reported, never fatal.

Each entry is stored already encoded (its own pickle, with the qualified names it uses as
one string), and decoded only when a run asks for it: a run that changes a few files
re-encodes only their results and writes the others' bytes back as they were read.

The cache also keeps each file's project imports (what the runner orders the analysis by),
keyed by the file's content hash and by a digest of the file list they were resolved against,
and what the runner needs to know that a run's later rounds would repeat the last run's
(`Rounds`): each file's state after its first analyses, and where the rounds took it; and,
per file, where its settling ended (`Settled`), so that a file offered the same summaries as
last time is not settled again step by step; and, per file that imports modules later in the
import order, the guess at their re-exports (`Guess`, scanner.settle), with the content hashes of
the files whose texts it was read from, reused while those are unchanged; and the module-level
bindings a guess read from each file's text (`Bindings`, scanner.import_order), keyed as the
imports are, so that a guess made again reads only the texts that changed.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import os
import pickle
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from scanner import __version__
from scanner.engine.summaries import EMPTY, Analyzed, Gated, ModuleSummary, RelayedLog
from scanner.kept import UNREADABLE, prepare_cache_folder
from scanner.model import FileResult

CACHE_DIR_NAME = ".policyscan_cache"
FORMAT = 19
CACHE_FILE = f"results-v{FORMAT}.pickle"
"""The cache file's name in the cache folder (the format number changes with its layout)."""

_Key = tuple[str, str, str]  # (path, content sha256, digest of the external summaries used)
_Uses = bytes | frozenset[str] | None
Encoded = tuple[bytes, _Uses]  # (pickled result without its uses, or b"" for a bare one; the uses)
_Hashes = dict[str, tuple[int, int, str]]  # path -> (size, mtime_ns, sha256)
_T = TypeVar("_T")  # what a table kept per file content holds (`ResultCache._stored_for`)
_Imports = dict[tuple[str, str], tuple[str, ...]]  # (path, sha256) -> the project files it imports
# (a fingerprint of every file's state before the rounds; each analysis the rounds made, in order,
# as (path, sha256, digest of the summaries it was given, the state it left); those summaries by
# digest; {path: (sha256, digest, state)} before the rounds)
RoundStep = tuple[str, str, str, str]
Rounds = tuple[str, tuple[RoundStep, ...], dict[str, ModuleSummary], dict[str, tuple[str, str, str]]]
# path -> (content sha256, fingerprint of the summaries it was offered, the digest of the summaries
# its settled analysis used, the digest of that analysis's summary: what it offers its importers)
Settled = dict[str, tuple[str, str, str, str]]
# a file's guess at what the files it imports later in the order re-export: (those files; the files
# whose texts the guess read, each with its content sha256; the guessed variable entries; their
# summary's digest; the project files of the originals the entries name)
Guess = tuple[tuple[str, ...], tuple[tuple[str, str], ...], dict[str, str], str, tuple[str, ...]]
# the names a module binds at module level, read from its text: {name: (kind, qualified name)}
Bindings = dict[str, tuple[str, str]]
_BindingsTable = dict[tuple[str, str], Bindings]  # (path, sha256) -> its bindings
_SEPARATOR = "\0"
_COMPACT, _GENERIC = b"C", b"P"  # the first byte of a stored blob: which of the two forms follows


def _positional(cls: type, names: tuple[str, ...]) -> bool:
    """True when `cls` is a dataclass with exactly the fields `names`, built from them in order as given."""
    fields = dataclasses.fields(cls)
    return (tuple(f.name for f in fields) == names and all(f.init and not f.kw_only for f in fields)
            and not hasattr(cls, "__post_init__"))


_SUMMARY_FIELDS = tuple(f.name for f in dataclasses.fields(ModuleSummary))
# The compact form rebuilds a result from its parts' field values in order: only for the layout
# it knows (a changed layout also changes the engine digest, so no stored entry is read across).
_COMPACT_LAYOUT = (_positional(Analyzed, ("result", "summary", "uses", "relayed", "gated", "directives", "frameworks"))
                   and _positional(FileResult, ("path", "observations", "skip"))
                   and _positional(ModuleSummary, _SUMMARY_FIELDS))
_UNREADABLE = (*UNREADABLE, KeyError)


@functools.cache
def engine_digest() -> str:
    """A digest of the analysis code itself, so a changed engine never reuses old results."""
    digest = hashlib.sha256(__version__.encode())
    files_digest(digest, analysis_code())
    return digest.hexdigest()


def analysis_code() -> list[Path]:
    """The modules whose code decides a file's cached result: the engine, the classifier, the packs'
    compiler, the model, the list of unmodelled web frameworks (what files record importing, scanner.coverage),
    and the settling of import cycles (its guesses and fingerprints are kept in
    the cache too, so a developer's edit of them must not reuse what the old code stored)."""
    here = Path(__file__).resolve().parent
    return sorted([*here.glob("engine/*.py"), *(here / name for name in (
        "classify.py", "packs.py", "model.py", "settle.py", "import_order.py", "runner.py", "coverage.py",
        "data/unmodelled_frameworks.csv"))])


def files_digest(digest: Any, paths: Iterable[Path]) -> None:
    """Add each file's name and bytes to `digest` (a hashlib object; the name alone for a file that
    cannot be read)."""
    for path in paths:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(path.name.encode())


def encode(path: str, result: Analyzed) -> Encoded:
    """The stored form of a result: cheap to decode for the many files that export and observe nothing.

    The uses (often dozens of names per file) are one joined string rather than a pickled
    set of strings; a result equal to a bare one (no observations, skip or summary) is not
    pickled at all. The compact form keeps the summary's field values as bytes of their own
    (with their CRC-32), so that they are unpickled only when the summary is read (`_Stored`).
    """
    uses: _Uses = None
    if result.uses:
        uses = _packed_uses(result.uses)
    if result == Analyzed(FileResult(path), uses=result.uses):
        return b"", uses
    if (_COMPACT_LAYOUT and type(result) is Analyzed and type(result.result) is FileResult
            and type(result.summary) is ModuleSummary and result.result.path == path):
        # the parts' field values, not the objects: a quarter cheaper to unpickle
        summary = b"" if result.summary == EMPTY else pickle.dumps(
            tuple(getattr(result.summary, name) for name in _SUMMARY_FIELDS), protocol=pickle.HIGHEST_PROTOCOL)
        parts = (result.result.observations, result.result.skip, summary, zlib.crc32(summary), result.relayed,
                 result.gated, result.directives, result.frameworks)
        return _COMPACT + pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL), uses
    # every field but the uses, whatever fields a result has
    return _GENERIC + pickle.dumps(dataclasses.replace(result, uses=frozenset()), protocol=pickle.HIGHEST_PROTOCOL), uses


def _packed_uses(uses: frozenset[str]) -> _Uses:
    """The uses as one joined string, compressed: they are most of a stored result (the names a
    file looked up: 3.4 of Django's 4.8 MB), and are read only for the few files analysed again.
    Uses a name of which holds the separator are kept as they are (the joined string has then
    more separators than names but one: counted in C, not by a test of each name)."""
    joined = _SEPARATOR.join(sorted(uses))
    if joined.count(_SEPARATOR) != len(uses) - 1:
        return uses
    # zlib at level 1, the fastest: 32 ms of a first Django run's 80 ms of encoding, but without it
    # the file grows from 4.3 to 7.8 MB, which every warm run reads whole (+0.8 ms) and a pre-commit
    # run writes whole (+3-4 ms of its 0.22 s)
    return zlib.compress(joined.encode("utf-8", "surrogatepass"), 1)


def _unpacked_uses(stored: _Uses) -> frozenset[str]:
    """The uses `_packed_uses` stored (or as stored when they were not packed)."""
    if isinstance(stored, bytes):
        return frozenset(zlib.decompress(stored).decode("utf-8", "surrogatepass").split(_SEPARATOR))
    return stored or frozenset()


def _decode(path: str, encoded: Encoded) -> Analyzed:
    """The result `encode` stored; raises what unpickling raises, or ValueError, when the bytes are damaged."""
    blob, stored = encoded
    if not blob:
        return _Stored.lazily(FileResult(path), b"", stored)
    body = pickle.loads(memoryview(blob)[1:])
    if blob[:1] == _COMPACT and _COMPACT_LAYOUT:
        observations, skip, summary, check, relayed, gated, directives, frameworks = body
        if zlib.crc32(summary) != check:  # checked now: read later, a damaged summary could not be a miss
            raise ValueError("a damaged summary")
        return _Stored.lazily(FileResult(path, observations, skip), summary, stored, relayed, gated, directives,
                              frameworks)
    if blob[:1] != _GENERIC or not isinstance(body, Analyzed):
        raise TypeError("not an analysis result")
    return dataclasses.replace(body, uses=_unpacked_uses(stored))


class _Stored(Analyzed):
    """A result read from the cache file, whose summary and uses are decoded when first read.

    A warm run takes most files' results as the cache has them and reads only their
    observations (the runner keeps each settled file's summary digest): decoding every summary
    and set of uses cost a pre-commit run on Django 30 ms. Equal to the `Analyzed` it was
    stored from, and pickled as one.
    """

    def __init__(self, result: FileResult, summary: ModuleSummary = EMPTY, uses: frozenset[str] = frozenset(),
                 relayed: tuple[RelayedLog, ...] = (), gated: tuple[Gated, ...] = (), directives: bool = False,
                 frameworks: tuple[tuple[str, int], ...] = ()) -> None:
        self._hold(result, summary, uses, relayed, gated, directives, frameworks)

    @classmethod
    def lazily(cls, result: FileResult, summary: bytes, uses: _Uses, relayed: tuple[RelayedLog, ...] = (),
               gated: tuple[Gated, ...] = (), directives: bool = False,
               frameworks: tuple[tuple[str, int], ...] = ()) -> _Stored:
        """A result whose summary is `summary`'s field values pickled (b"" for none), whose uses are
        stored as `uses`, whose calls gave `relayed` to other modules' log calls, whose collects
        `gated` hold only if no module names their class, and whose file holds a suppression
        comment's mark when `directives`, and which imports the unmodelled web `frameworks`."""
        stored = cls.__new__(cls)
        stored._hold(result, summary, uses, relayed, gated, directives, frameworks)
        return stored

    def _hold(self, result: FileResult, summary: ModuleSummary | bytes, uses: _Uses,
              relayed: tuple[RelayedLog, ...], gated: tuple[Gated, ...], directives: bool,
              frameworks: tuple[tuple[str, int], ...] = ()) -> None:
        """Keep the fields, the summary and uses as given (decoded or not): the dataclass is frozen."""
        object.__setattr__(self, "result", result)
        if relayed:  # most files give none: the class's default
            object.__setattr__(self, "relayed", relayed)
        if gated:  # as for relayed
            object.__setattr__(self, "gated", gated)
        if directives:  # as for relayed
            object.__setattr__(self, "directives", directives)
        if frameworks:  # as for relayed
            object.__setattr__(self, "frameworks", frameworks)
        self.__dict__.update(_summary=summary, _uses=uses)

    @property
    def summary(self) -> ModuleSummary:
        held = self.__dict__["_summary"]
        if isinstance(held, bytes):
            held = self.__dict__["_summary"] = ModuleSummary(*pickle.loads(held)) if held else EMPTY
        return held  # type: ignore[no-any-return]

    @property
    def uses(self) -> frozenset[str]:
        held: _Uses = self.__dict__["_uses"]
        if not isinstance(held, frozenset):
            held = self.__dict__["_uses"] = _unpacked_uses(held)
        return held

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Analyzed) or type(other) not in (Analyzed, _Stored):
            return NotImplemented
        return ((self.result, self.summary, self.uses, self.relayed, self.gated, self.directives, self.frameworks)
                == (other.result, other.summary, other.uses, other.relayed, other.gated, other.directives,
                    other.frameworks))

    __hash__ = Analyzed.__hash__

    def __reduce__(self) -> tuple[type[Analyzed], tuple[FileResult, ModuleSummary, frozenset[str],
                                                        tuple[RelayedLog, ...], tuple[Gated, ...], bool,
                                                        tuple[tuple[str, int], ...]]]:
        return Analyzed, (self.result, self.summary, self.uses, self.relayed, self.gated, self.directives,
                          self.frameworks)


LISTING_FILE = "listing.pickle"
"""The file in the cache folder where discovery keeps what each folder held (scanner.discovery)."""


def cache_directory(root: Path, directory: Path | None = None) -> Path:
    """The cache folder of a run: `directory` when given, else POLICYSCAN_CACHE_DIR, else .policyscan_cache at the root."""
    return directory or Path(os.environ.get("POLICYSCAN_CACHE_DIR") or root / CACHE_DIR_NAME)


class ResultCache:
    """Per-file results keyed by content and by everything the analysis depended on."""

    def __init__(self, root: Path, directory: Path, key: str) -> None:
        self.root = root
        root_text = os.fspath(root)
        self._root_prefix = root_text if root_text.endswith(os.sep) else root_text + os.sep
        self.file = directory / CACHE_FILE
        self.directory = directory
        self.key = key
        self.old_hashes: _Hashes = {}
        self.stored: dict[_Key, Encoded] = {}
        self.old_imports: tuple[str, _Imports] = ("", {})  # (the file list's digest, imports)
        self.old_rounds: Rounds = ("", (), {}, {})
        self.old_settled: Settled = {}
        self.old_guesses: tuple[str, dict[str, Guess]] = ("", {})  # (the file list's digest, guesses)
        self.old_bindings: tuple[str, _BindingsTable] = ("", {})  # (the file list's digest, bindings)
        self._load()
        self.settled: Settled = {}
        self.rounds: Rounds = ("", (), {}, {})
        self.hashes: _Hashes = {}
        self.imports_context = ""
        self.new_imports: _Imports = {}
        self.guesses: tuple[str, dict[str, Guess]] = ("", {})
        self.new_bindings: tuple[str, _BindingsTable] = ("", {})
        self.results: dict[_Key, Analyzed] = {}  # what this run used or computed, to be saved
        self.unchanged: dict[_Key, Encoded] = {}  # of those, the ones read from the file, still encoded
        self.encoded: dict[_Key, Encoded] = {}  # of those, new ones a worker encoded (`encoded_elsewhere`)
        self._elsewhere: dict[str, tuple[Analyzed, Encoded]] = {}  # by path, until `put`
        self.hits = 0
        self.misses = 0
        self._last_read: tuple[str, bytes] | None = None  # (path, bytes) of the file `content_hash` last read

    @classmethod
    def open(cls, root: Path, parts: tuple[str, ...], directory: Path | None = None) -> ResultCache:
        """The cache for a run whose analysis depends on `parts` (pack and classifier digests, settings)."""
        key = hashlib.sha256("\0".join((engine_digest(), *parts)).encode()).hexdigest()
        return cls(root, cache_directory(root, directory), key)

    def _load(self) -> None:
        enabled = gc.isenabled()
        gc.disable()  # unpickling makes many objects and no cycles: the collector would only slow it
        try:
            with self.file.open("rb") as handle:
                stored = pickle.load(handle)
        except _UNREADABLE:
            return
        finally:
            if enabled:
                gc.enable()
        if not (isinstance(stored, tuple) and len(stored) == 9 and stored[:2] == (FORMAT, self.key)
                and isinstance(stored[2], dict) and isinstance(stored[3], dict) and isinstance(stored[4], tuple)
                and isinstance(stored[5], tuple) and isinstance(stored[6], dict) and isinstance(stored[7], tuple)
                and isinstance(stored[8], tuple)):
            return
        self.old_hashes, self.stored, self.old_imports, self.old_rounds = stored[2], stored[3], stored[4], stored[5]
        self.old_settled, self.old_guesses, self.old_bindings = stored[6], stored[7], stored[8]

    def content_hash(self, relpath: str, *, fresh: bool = False) -> str | None:
        """The file's content hash, from the cache when its size and modification time are unchanged.

        A file is looked at once per run (the run's view of the tree), unless `fresh`: a result
        is stored under the hash of the file as it is when the analysis is over.
        """
        if not fresh:
            seen = self.hashes.get(relpath)
            if seen is not None:
                return seen[2]
        path = self._root_prefix + relpath  # os.path.join, inlined: 2,823 calls a warm run
        try:
            stat = os.stat(path)
        except OSError:
            return None
        # this run's hash first: a file that changed is read and hashed once, not at get() and again at put()
        known = self.hashes.get(relpath) or self.old_hashes.get(relpath)
        if known is not None and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            self.hashes[relpath] = known
            return known[2]
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError:
            return None
        digest = hashlib.sha256(raw).hexdigest()
        self.hashes[relpath] = (stat.st_size, stat.st_mtime_ns, digest)
        self._last_read = (relpath, raw)
        return digest

    def last_read(self, relpath: str) -> bytes | None:
        """The bytes `content_hash` hashed when it last read a file, if that file was `relpath`
        (forgotten then): the import order reads the imports of a file the cache has none for from
        them rather than opening the file again (25 ms of a first Django run)."""
        last, self._last_read = self._last_read, None
        return last[1] if last is not None and last[0] == relpath else None

    def get(self, relpath: str, external: str = "") -> Analyzed | None:
        """A stored result for the file as it is now, analysed with `external` (a summary digest)."""
        digest = self.content_hash(relpath)
        if digest is None:
            return None
        key = (relpath, digest, external)
        found = self.results.get(key)
        if found is None:
            encoded = self.stored.get(key)
            if encoded is not None:
                try:
                    found = _decode(relpath, encoded)
                except _UNREADABLE:  # a damaged entry is a miss, and is not written back
                    del self.stored[key]
                else:
                    self.unchanged[key] = encoded
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self.results[key] = found
        return found

    def has(self, relpath: str, external: str = "") -> bool:
        """Whether a result is stored for the file as it is now, analysed with `external` (not decoded)."""
        digest = self.content_hash(relpath)
        key = (relpath, digest or "", external)
        return digest is not None and (key in self.results or key in self.stored)

    def encoded_elsewhere(self, relpath: str, result: Analyzed, encoded: Encoded) -> None:
        """`encoded` is `encode(relpath, result)`, made where `result` was (a worker process): when this
        very result is `put`, it is stored so, without being encoded again here (in the parent, after
        the analysis, while the workers wait: 80 ms of an all-cores Django run)."""
        self._elsewhere[relpath] = (result, encoded)

    def put(self, relpath: str, result: Analyzed, external: str = "") -> None:
        """Remember a result; a file that could not be read (a passing condition) is not remembered."""
        elsewhere = self._elsewhere.pop(relpath, None) if self._elsewhere else None
        skip = result.result.skip
        if skip is not None and skip.reason.value == "unreadable":
            return
        digest = self.content_hash(relpath, fresh=True)
        if digest is not None:
            key = (relpath, digest, external)
            self.results[key] = result
            self.unchanged.pop(key, None)
            if elsewhere is not None and elsewhere[0] is result:
                self.encoded[key] = elsewhere[1]
            elif self.encoded:
                self.encoded.pop(key, None)

    def _stored_for(self, table: tuple[str, dict[tuple[str, str], _T]], relpath: str, context: str) -> _T | None:
        """What `table` (a file list's digest, and values by path and content sha256) holds for
        `relpath`'s current content under the file list whose digest is `context`; None when nothing."""
        digest = self.content_hash(relpath)
        if digest is None or context != table[0]:
            return None
        return table[1].get((relpath, digest))

    def _storing(self, table: tuple[str, dict[tuple[str, str], _T]], relpath: str, context: str,
                 value: _T) -> tuple[str, dict[tuple[str, str], _T]]:
        """`table` with `value` kept for `relpath`'s current content under the file list `context`
        (one file list per run: a new one replaces what the table held)."""
        digest = self.content_hash(relpath)
        if digest is None:
            return table
        if context != table[0]:
            table = (context, {})
        table[1][(relpath, digest)] = value
        return table

    def imports(self, relpath: str, context: str) -> tuple[str, ...] | None:
        """The project files `relpath` imports as stored for its current content, resolved against
        the file list whose digest is `context`; None when not stored."""
        # `_stored_for` and `remember_imports` inlined: once per file of every run
        digest = self.content_hash(relpath)
        if digest is None or context != self.old_imports[0]:
            return None
        key = (relpath, digest)
        found = self.old_imports[1].get(key)
        if found is not None:
            if context != self.imports_context:  # one file list per run, as `_storing`
                self.imports_context, self.new_imports = context, {}
            self.new_imports[key] = found
        return found

    def remember_imports(self, relpath: str, context: str, imports: tuple[str, ...]) -> None:
        """Store the project files `relpath` imports (resolved against the file list `context`)."""
        self.imports_context, self.new_imports = self._storing((self.imports_context, self.new_imports),
                                                               relpath, context, imports)

    def guess(self, relpath: str, context: str, later: tuple[str, ...]) -> Guess | None:
        """The guess stored for `relpath` at the re-exports of `later` (the files it imports later in
        the order), made against the file list whose digest is `context`, when every file it was read
        from is unchanged; None otherwise."""
        if context != self.old_guesses[0]:
            return None
        found = self.old_guesses[1].get(relpath)
        if found is None or found[0] != later:
            return None
        for path, digest in found[1]:
            if (self.content_hash(path) or "") != digest:
                return None
        self.remember_guess(relpath, context, found)
        return found

    def remember_guess(self, relpath: str, context: str, guess: Guess) -> None:
        """Store `relpath`'s guess (made against the file list `context`; its `Guess` read hashes as this run sees them)."""
        if context != self.guesses[0]:  # one file list per run: a new one replaces what was stored
            self.guesses = (context, {})
        self.guesses[1][relpath] = guess

    def bindings(self, relpath: str, context: str) -> Bindings | None:
        """The module-level bindings stored for `relpath`'s current content, read under the file list
        whose digest is `context` (what names the file's module); None when not stored."""
        return self._stored_for(self.old_bindings, relpath, context)

    def remember_bindings(self, relpath: str, context: str, bindings: Bindings) -> None:
        """Store the module-level bindings read from `relpath`'s text under the file list `context`."""
        self.new_bindings = self._storing(self.new_bindings, relpath, context, bindings)

    def _kept_bindings(self) -> tuple[str, _BindingsTable]:
        """The bindings to store: those read this run, and the stored ones of files this run saw with
        the same content under the same file list (a run reads only the few its guesses need, and
        must not forget the others'); a changed or vanished file's are dropped."""
        context = self.imports_context
        table: _BindingsTable = {}
        if self.old_bindings[0] == context:
            hashes = self.hashes
            table = {key: found for key, found in self.old_bindings[1].items()
                     if (seen := hashes.get(key[0])) is not None and seen[2] == key[1]}
        if self.new_bindings[0] == context:
            table.update(self.new_bindings[1])
        return context, table

    def save(self) -> str | None:
        """Write the entries this run used; return a message when that failed (never raises).

        Nothing is written when the run used exactly what the cache held. Entries read from the
        file and reused as they were are written back without being encoded again, and those a
        worker encoded (`encoded_elsewhere`) as it made them.
        """
        bindings = self._kept_bindings()
        if (self.hashes == self.old_hashes and self.results.keys() == self.stored.keys()
                and len(self.unchanged) == len(self.results)
                and (self.imports_context, self.new_imports) == self.old_imports and self.rounds == self.old_rounds
                and self.settled == self.old_settled and self.guesses == self.old_guesses
                and bindings == self.old_bindings):
            return None
        entries = {key: self.unchanged.get(key) or self.encoded.get(key) or encode(key[0], result)
                   for key, result in self.results.items()}
        # a name of this process's own (O_EXCL: never another's file), renamed over the cache when
        # complete; not tempfile.mkstemp, whose import costs a pre-commit run 4 ms
        temp = self.directory / f".results-{os.getpid()}-{time.monotonic_ns()}.tmp"
        try:
            prepare_cache_folder(self.directory)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump((FORMAT, self.key, self.hashes, entries, (self.imports_context, self.new_imports),
                                 self.rounds, self.settled, self.guesses, bindings),
                                handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temp, self.file)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
        except OSError as exc:
            where, why = self.directory, exc.strerror or str(exc)
            if isinstance(exc, FileExistsError) and not self.directory.is_dir():
                # mkdir's own words ("File exists") read as if the cache were already there
                why = "a file, not a folder, has that name"
            elif exc.filename2 is not None:  # os.replace onto the cache file (a folder of its name, say): name it
                where = self.file
            return f"the result cache could not be written to {where}: {why}"
        return None
