"""Settling files in import order: each analysed once with what the files it imports offer, in
this process or in worker processes, or taken from the result cache where the cache has what
that analysis would give.

A file is offered the summaries of its imports that come before it in the order, whatever the
number of workers, so that a cache made by any run serves any other. The rounds that follow
(scanner.runner.analyze) see to import cycles, with the same choice of what a file is given
(`wanted_entries`).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.cache import Encoded, ResultCache, encode
from scanner.classify import Classifier
from scanner.engine.analyzer import analyze_path
from scanner.engine.imports import SourceRoots
from scanner.engine.summaries import (
    EMPTY,
    USE_PROPERTY,
    USE_PROPERTY_READ,
    USE_VARIABLE,
    Analyzed,
    ModuleSummary,
    is_reexport,
)
from scanner.errors import WorkerLost
from scanner.import_order import ReexportGuesser
from scanner.packs import Models, aliased_prefix

if TYPE_CHECKING:  # imported when a pool starts: a run that starts none is spared 18 ms
    from concurrent.futures import Future, ProcessPoolExecutor

# Below this many files one process is faster than starting workers.
PARALLEL_THRESHOLD = 64
BATCH = 32

_WORKER: tuple[Models, Classifier, SourceRoots] | None = None

def _init_worker(models: Models, classifier: Classifier, roots: SourceRoots) -> None:
    """A worker analyses with the run's compiled packs, classifier and source roots (a forked worker
    shares them; compiling the packs again took 70 ms a worker)."""
    global _WORKER
    _WORKER = (models, classifier, roots)


_SHOWN_LOST = 10  # files named when a worker is lost; the rest are counted


def _lost(files: Sequence[str]) -> WorkerLost:
    """The error of a pool whose worker ended abruptly while it had `files` to analyse (any of
    them may be the cause: the pool fails every batch it held)."""
    named = sorted(files)
    shown = ", ".join(named[:_SHOWN_LOST]) + (f" and {len(named) - _SHOWN_LOST} more" if len(named) > _SHOWN_LOST else "")
    return WorkerLost(f"a worker process ended abruptly (killed, or out of memory?) while analysing one of"
                      f" {len(named)} file{'s' if len(named) != 1 else ''}: {shown}. Run again with -j 1 to"
                      f" analyse them in one process, or exclude a file too large to analyse")


def _analyze_batch(root: str, relpaths: list[str], max_size: int, externals: dict[str, ModuleSummary]) -> list[Analyzed]:
    assert _WORKER is not None, "worker not initialised"
    models, classifier, roots = _WORKER
    return [analyze_path(Path(root), relpath, models, classifier, max_size=max_size,
                         external=externals.get(relpath, EMPTY), module=roots.module_of(relpath))
            for relpath in relpaths]


# A file's settled analysis: the digest of the summaries it used ("" for none), and its result.
Step = tuple[str, Analyzed]


class _Exports(Mapping[str, ModuleSummary]):
    """What settled files offer the files that import them (`_offer`: a summary, and for a package
    the entries its re-exports rename, from what its `deps` offer), read from their results only
    when asked for: a result taken from the cache decodes its summary then (most are never offered
    to a file analysed again)."""

    def __init__(self, deps: Mapping[str, Sequence[str]], roots: SourceRoots) -> None:
        self.results: dict[str, Analyzed] = {}
        self._deps = deps
        self._roots = roots
        self._offers: dict[str, tuple[Analyzed, ModuleSummary]] = {}

    def __getitem__(self, relpath: str) -> ModuleSummary:
        result = self.results[relpath]
        known = self._offers.get(relpath)
        if known is None or known[0] is not result:
            known = self._offers[relpath] = (result, _offer(relpath, result.summary, self._deps.get(relpath, ()),
                                                            self, self._roots))
        return known[1]

    def __contains__(self, relpath: object) -> bool:
        return relpath in self.results

    def __iter__(self) -> Iterator[str]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


def _offer(relpath: str, summary: ModuleSummary, deps: Sequence[str], offers: Mapping[str, ModuleSummary],
           roots: SourceRoots) -> ModuleSummary:
    """What a settled file offers the files that import it, given what the files it imports offer:
    a package's `__init__` (where a project re-exports names for others to import) offers with its
    summary the entries its re-exports rename (`ModuleSummary.offered`); another module, its summary
    (looking through every module's imports cost more than the few rounds it spared)."""
    if not relpath.endswith("__init__.py"):
        return summary
    return summary.offered((roots.module_of(d), offers[d]) for d in deps if d in offers)


def _offered(deps: Sequence[str], exports: Mapping[str, ModuleSummary], guess: ModuleSummary = EMPTY) -> ModuleSummary:
    """The summaries of the files a file imports, of those settled so far, after `guess` (what
    the files it imports later in the order are guessed to offer: `_Guesses`)."""
    if guess is EMPTY:
        return ModuleSummary.merge(exports[d] for d in deps if d in exports)
    return ModuleSummary.merge([guess, *(exports[d] for d in deps if d in exports)])


def wanted_entries(uses: frozenset[str], index: ModuleSummary, names: frozenset[str] | None) -> frozenset[str]:
    """The entries of `index` to analyse a file again with, after an analysis that used `uses`.

    What it used of `index`, plus, for each re-export it used, the entries of the original under
    the names it used of the alias. A re-export only renames: analysed with it, the file sees the
    original's name where it saw the alias (`django.test.TestCase` ->
    `django.test.testcases.TestCase`) and looks up under the original's name what it looked up
    under the alias; those entries are given at once, as that analysis would ask for them.
    `names` is `index.names()` where it is known already; None: looked up one by one.
    """
    used = uses & names if names is not None else index.named_by(uses)
    reads = [tagged for tagged in used if tagged[:2] == USE_PROPERTY_READ]
    if reads and not any(tagged[:2] == USE_PROPERTY for tagged in used):
        used = used.difference(reads)  # which keys it read of properties it was not given: nothing
    aliases = frozenset((tagged[2:], index.variables[tagged[2:]]) for tagged in used
                        if tagged.startswith(USE_VARIABLE) and is_reexport(tagged[2:], index.variables[tagged[2:]]))
    if not aliases:
        return used
    moved = _renamed(uses, aliases)
    return used.union(moved & names if names is not None else index.named_by(moved))


_RENAMED: dict[tuple[frozenset[str], frozenset[tuple[str, str]]], frozenset[str]] = {}


def _renamed(uses: frozenset[str], aliases: frozenset[tuple[str, str]]) -> frozenset[str]:
    """Each use under the alias of a re-export (alias, original), as a use under the original instead.

    One pass over the uses, remembered (a file is checked with the same uses in several rounds).
    """
    key = (uses, aliases)
    known = _RENAMED.get(key)
    if known is not None:
        return known
    renames = dict(aliases)
    moves: set[str] = set()
    for use in filter(operator.methodcaller("startswith", tuple(renames), 2), uses):  # in C
        for name, original in renames.items():
            end = 2 + len(name)
            if use.startswith(name, 2) and use[end:end + 1] in ("", ".", "("):
                moves.add(use[:2] + original + use[end:])
    if len(_RENAMED) > 50_000:  # a bound on what a long run keeps
        _RENAMED.clear()
    known = _RENAMED[key] = frozenset(moves)
    return known


def _settle(root: Path, relpath: str, models: Models, classifier: Classifier, max_size: int,
            index: ModuleSummary, module: str) -> Step:
    """Analyse a file with every entry `index` (what the files it imports offer) names, and
    return that analysis with the digest of the entries it used ("" for none).

    The engine reads `external` only by looking names up, and records each lookup in the uses:
    so this analysis is the one given only the entries it used (`wanted_entries`, what a round
    of `analyze` gives: every entry it looked up, and the original's entries of a re-export it
    looked through, which it would look up the same way), and a round that gives it those finds
    it settled. Every entry of a module's summary is named (export() leaves out functions that
    say nothing), so `index` is given as it is. Never raises: a failure is a skip, as in
    `analyze_path`.
    """
    analyzed = analyze_path(root, relpath, models, classifier, max_size=max_size, external=index, module=module)
    # a file analysed but for a statement too deep (a partial skip) used entries too: keyed by them,
    # as any analysis (a file skipped whole used none: "")
    return _used_digest(analyzed.uses, index, None), analyzed


def _used_digest(uses: frozenset[str], index: ModuleSummary, names: frozenset[str] | None) -> str:
    """The digest of the entries of `index` an analysis that used `uses` is keyed by ("" for none)."""
    used = wanted_entries(uses, index, names)
    return index.restricted(used).digest() if used else ""


def _summary_digest(summary: ModuleSummary) -> str:
    """What a file offers the files that import it, as a digest ("" when nothing)."""
    return "" if summary == EMPTY else summary.digest()


def _offer_print(imports: Iterable[str], digests: Mapping[str, str], guess: str = "") -> str:
    """A fingerprint of the summaries a file is offered: those of its imports settled so far, by
    `digests` (each one's `_summary_digest`; those that offer nothing merge into nothing), and the
    guess at what its later imports offer. A file offered summaries with the same fingerprint
    again would settle to the same analysis (`guess`: the guess's digest, "" when there is none)."""
    parts: list[str] = []  # each import offering something, then its digest (a loop: no generator, no f-string)
    for d in imports:
        digest = digests.get(d)
        if digest:
            parts += (d, digest)
    if guess:
        parts += ("guess", guess)
    return hashlib.sha256(("\0".join(parts) + "\0" if parts else "").encode()).hexdigest()


# A file settled in a worker: its step, the fingerprint of what it was offered, its summary's digest,
# and its result as the cache stores it (None when the run keeps no cache).
_Settled = tuple[Step, str, str, Encoded | None]


def _settle_batch(root: str, relpaths: list[str], max_size: int, deps: dict[str, tuple[str, ...]],
                  exports: dict[str, ModuleSummary], digests: dict[str, str],
                  guesses: dict[str, ModuleSummary], encoded: bool) -> list[_Settled]:
    """`_settle` for each file in a worker, in order, each file's summary offered to the later ones
    (`guesses`: what a file's later imports are guessed to offer, where something is); with `encoded`,
    each result is also encoded for the cache here, in parallel, rather than by the parent when it
    saves the cache."""
    assert _WORKER is not None, "worker not initialised"
    models, classifier, roots = _WORKER
    out: list[_Settled] = []
    for relpath in relpaths:
        imports = deps.get(relpath, ())
        guess = guesses.get(relpath, EMPTY)
        offer = _offer_print(imports, digests, "" if guess is EMPTY else guess.digest())
        step = _settle(Path(root), relpath, models, classifier, max_size, _offered(imports, exports, guess),
                       roots.module_of(relpath))
        exports[relpath] = summary = _offer(relpath, step[1].summary, imports, exports, roots)
        digests[relpath] = _summary_digest(summary)
        out.append((step, offer, digests[relpath], encode(relpath, step[1]) if encoded else None))
    return out


class _Names:
    """`ModuleSummary.merge(summaries).names()` of the summaries a file is offered, from each
    summary's names (computed once per summary): most summaries are offered to many files."""

    def __init__(self, roots: SourceRoots) -> None:
        self._roots = roots
        self._names: dict[str, tuple[ModuleSummary, frozenset[str]]] = {}
        self._keys: dict[str, tuple[ModuleSummary, list[str]]] = {}

    def _of(self, relpath: str, summary: ModuleSummary) -> frozenset[str]:
        known = self._names.get(relpath)
        if known is None or known[0] is not summary:
            known = self._names[relpath] = (summary, summary.names())
        return known[1]

    def _keyed_under(self, relpath: str, summary: ModuleSummary, module: str) -> bool:
        """True when `summary` has an entry keyed under `module` (`module.name`)."""
        known = self._keys.get(relpath)
        if known is None or known[0] is not summary:
            known = self._keys[relpath] = (summary, sorted({*summary.functions, *summary.rendered,
                                                            *summary.families, *summary.variables}))
        keys = known[1]
        at = bisect.bisect_left(keys, module + ".")
        return at < len(keys) and keys[at].startswith(module + ".")

    def of(self, offered: Sequence[tuple[str, ModuleSummary]]) -> frozenset[str]:
        """The names of the merged summaries of `offered` ((file, summary) pairs, in merge order).

        The union of each one's names, unless two of them may key an entry by one qualified name
        (a module and a package of one name, `a/b.py` and `a/b/__init__.py`; a class of a module
        named as a submodule), where the merge keeps the later entry: then merged, as merge does.
        """
        parts = [(relpath, summary) for relpath, summary in offered if summary != EMPTY]
        if len(parts) <= 1:
            return self._of(*parts[0]) if parts else frozenset()
        modules = {self._roots.module_of(relpath): (relpath, summary) for relpath, summary in parts}
        clash = len(modules) < len(parts) or any(
            self._keyed_under(*modules[outer], module)
            for module in modules for outer in _enclosing(module) if outer in modules)
        if clash:
            return ModuleSummary.merge(summary for _, summary in offered).names()
        return frozenset().union(*(self._of(relpath, summary) for relpath, summary in parts))


class _Guesses:
    """For each file, what the files it imports that come after it in the order (an import cycle)
    are guessed to offer it (`ReexportGuesser`: their re-exports, read from the text), as a summary
    merged before what it is offered (EMPTY for most files). A wrong guess costs the file a round,
    never a result: the rounds compare what it used with what those files finally offer.

    With a cache, a file's guess is taken from it while the files whose texts it was read from are
    unchanged (`ResultCache.guess`): reading and scanning those texts again cost a pre-commit run
    a sixth of its time.
    """

    def __init__(self, root: Path, order: Sequence[str], later: Mapping[str, Sequence[str]], models: Models,
                 roots: SourceRoots, cache: ResultCache | None = None) -> None:
        self._later = later
        self._cache = cache
        aliases, heads, objects, loggers = models.aliases, models.alias_heads, models.request.objects, models.logger_names

        def keep(local: str, qualified: str) -> bool:
            """False where the engine binds an imported name to something else than its qualified name."""
            return not (local in loggers or qualified in objects or aliased_prefix(aliases, qualified, heads) is not None)

        def guesser() -> ReexportGuesser:
            return ReexportGuesser(root, order, roots, keep, cache, cache.imports_context if cache is not None else "")

        # made when a guess is not in the cache: mapping every file to its module costs 7 ms on Django
        self._make = functools.cache(guesser)
        # each file's (guess, its digest or "" when EMPTY, the files of the originals it names)
        self._known: dict[str, tuple[ModuleSummary, str, tuple[str, ...]]] = {}

    def _entry(self, relpath: str) -> tuple[ModuleSummary, str, tuple[str, ...]]:
        known = self._known.get(relpath)
        if known is not None:
            return known
        later = tuple(self._later.get(relpath, ()))
        if not later:
            known = self._known[relpath] = (EMPTY, "", ())
            return known
        cache = self._cache
        context = cache.imports_context if cache is not None else ""
        stored = cache.guess(relpath, context, later) if cache is not None else None
        if stored is not None:
            _, _, variables, digest, originals = stored
        else:
            guesser = self._make()
            variables = {}
            read: set[str] = set()
            for d in later:
                entries, files = guesser.offer(d)
                variables.update(entries)
                read |= files
            digest = ModuleSummary(variables=variables).digest() if variables else ""
            originals = tuple(sorted({original for bound in variables.values()
                                      if (original := guesser.original_file(bound)) is not None}))
            if cache is not None:
                hashes = tuple((path, cache.content_hash(path) or "") for path in sorted(read))
                cache.remember_guess(relpath, context, (later, hashes, variables, digest, originals))
        known = self._known[relpath] = (ModuleSummary(variables=variables) if variables else EMPTY, digest, originals)
        return known

    def of(self, relpath: str) -> ModuleSummary:
        """What `relpath`'s later imports are guessed to offer it (EMPTY when nothing)."""
        return self._entry(relpath)[0]

    def digest(self, relpath: str) -> str:
        """The digest of `of(relpath)` ("" when EMPTY): what `_offer_print` takes."""
        return self._entry(relpath)[1]

    def originals(self, relpath: str) -> set[str]:
        """The files of the originals `of(relpath)` guesses (whose entries a file using the guess looks up next)."""
        return set(self._entry(relpath)[2])


def _enclosing(module: str) -> Iterator[str]:
    """The packages a dotted module name is inside (`a.b.c` -> `a.b`, `a`)."""
    while "." in module:
        module = module.rsplit(".", 1)[0]
        yield module


class Settler:
    """Runs the engine over files, in this process or in worker processes, batch by batch."""

    def __init__(self, root: Path, *, models: Models, classifier: Classifier, max_size: int, workers: int,
                 roots: SourceRoots = SourceRoots()) -> None:
        self.root = root
        self.roots = roots
        self.models = models
        self.classifier = classifier
        self.max_size = max_size
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def _start_pool(self, count: int) -> None:
        if self.workers > 1 and count >= BATCH:
            # started only when there is enough to analyse: an all-cached run starts no process
            self._workers()

    def _workers(self) -> ProcessPoolExecutor:
        """The pool of worker processes, started on first use (importing it costs a run that starts
        no worker 13 ms), each worker given the run's packs, classifier and source roots."""
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker,
                                            initargs=(self.models, self.classifier, self.roots))
        return self.pool

    def run(self, files: Sequence[str], externals: dict[str, ModuleSummary],
            progress: Callable[[int, int], None] | None = None) -> list[Analyzed]:
        """Each file analysed once, with its entry of `externals` (results in the order of `files`)."""
        results: list[Analyzed] = []
        if not files:  # a round whose files were all in the cache: a started pool would get batches of 0
            return results
        self._start_pool(len(files))
        if self.pool is None:
            for relpath in files:
                results.append(analyze_path(self.root, relpath, self.models, self.classifier, max_size=self.max_size,
                                            external=externals.get(relpath, EMPTY), module=self.roots.module_of(relpath)))
                if progress is not None:
                    progress(len(results), len(files))
            return results
        # a round's few files spread evenly over the workers: batches of BATCH would leave one idle
        size = min(BATCH, -(-len(files) // self.workers))
        batches = [list(files[i:i + size]) for i in range(0, len(files), size)]
        subs = [{f: externals[f] for f in batch if f in externals} for batch in batches]
        from concurrent.futures.process import BrokenProcessPool

        try:
            for batch in self.pool.map(_analyze_batch, [str(self.root)] * len(batches), batches,
                                       [self.max_size] * len(batches), subs):
                results.extend(batch)
                if progress is not None:
                    progress(len(results), len(files))
        except BrokenProcessPool:
            # a traceback of the pool's said nothing of the files: those not analysed yet are named
            raise _lost(files[len(results):]) from None
        return results

    def settle(self, order: Sequence[str], deps: dict[str, tuple[str, ...]], cache: ResultCache | None,
               done: Callable[[str, Step, bool], None], progress: Callable[[int, int], None] | None = None) -> None:
        """`_settle` every file of `order` (imports first), or take what that would give from the
        cache; calls `done` with each file's step as it is settled, and whether it is new (else
        from the cache).

        A file is offered the summaries of the files it imports that come before it in the order
        (those after it are in an import cycle with it: the rounds of `analyze` see to them),
        whatever the number of workers: with workers, a file is taken only once those are settled
        (or earlier in its batch), so the cache serves any run whatever made it.
        """
        position = {relpath: at for at, relpath in enumerate(order)}
        later: dict[str, tuple[str, ...]] = {}  # each file's imports after it in the order, when it has some
        before: dict[str, tuple[str, ...]] = {}  # and those before it (a loop of lists: no generator per file)
        beyond = len(order)
        for relpath, imports in deps.items():
            at = position.get(relpath)
            if at is None:
                continue
            found = tuple([d for d in imports if position.get(d, -1) > at])
            if found:
                later[relpath] = found
            before[relpath] = tuple([d for d in imports if position.get(d, beyond) < at])
        deps = before
        guesses = _Guesses(self.root, order, later, self.models, self.roots, cache)
        exports = _Exports(dict(deps), self.roots)  # what a package offers: by its own imports only
        # A file given a guess is given too what the originals it names offer, when they come before it
        # (settled first, whatever the number of workers): a use of the guess looks them up next.
        for relpath in later:
            extra = sorted(d for d in guesses.originals(relpath) - set(deps.get(relpath, ()))
                           if position.get(d, len(order)) < position[relpath])
            if extra:
                deps[relpath] = (*deps.get(relpath, ()), *extra)
        digests: dict[str, str] = {}  # each settled file's `_summary_digest`
        count = [0]
        # The fingerprint of the summaries each file being settled is offered (`_offer_print`).
        begun: dict[str, str] = {}

        def finish(relpath: str, step: Step, new: bool = True, digest: str | None = None) -> None:
            """Record a settled file (`digest`: its summary's, when known)."""
            exports.results[relpath] = step[1]
            if digest is not None:
                digests[relpath] = digest
            elif cache is not None:  # without a cache, no fingerprint of what a file is offered is kept
                digests[relpath] = _summary_digest(exports[relpath])
            count[0] += 1
            offer = begun.pop(relpath, "")
            if cache is not None and offer:
                cache.settled[relpath] = (cache.content_hash(relpath) or "", offer, step[0], digests[relpath])
            done(relpath, step, new)

        def fingerprint(relpath: str) -> str:
            """What settling `relpath` depends on besides its own content: what its imports settled so far offer."""
            return _offer_print(deps.get(relpath, ()), digests, guesses.digest(relpath))

        def offered_anew(relpath: str, offer: str) -> None:
            """Record that `relpath` is settled with the summaries fingerprinted `offer`, which may be
            more than when it was started (a worker offers its batch's earlier files too)."""
            if relpath in begun:
                begun[relpath] = offer

        names = _Names(self.roots)

        def start_of(relpath: str) -> bool:
            """True when a file is to be settled (with `_offered`: the summaries it is offered), False
            when the cache had what settling it would give (the file is then done). The summaries are
            merged where the file is settled: a worker merges them again from what it is sent."""
            if cache is None:
                return True
            print_ = fingerprint(relpath)
            last = cache.old_settled.get(relpath)
            if last is not None and last[1] == print_ and last[0] == cache.content_hash(relpath):
                # offered what it was when the cache settled it: settling again would give the same
                final = cache.get(relpath, last[2])
                if final is not None:
                    # `finish` inlined (most files of a warm run): what it records is `last` again
                    exports.results[relpath] = final
                    digests[relpath] = last[3]
                    count[0] += 1
                    cache.settled[relpath] = last
                    done(relpath, (last[2], final), False)
                    return False
            # Else the cache may have what `_settle` would reach at once, an analysis given every
            # entry offered: a result that used none of them (kept under ""), or the file's last
            # result, when all it looked up is answered by this offer as it was by the last.
            # Most cached files use nothing their imports offer: their names are enough to know,
            # and the summaries are merged only for the files that use some. A file the cache has
            # neither for (every file of a first run) is analysed without making the names.
            begun[relpath] = print_
            bare = cache.get(relpath, "") if cache.has(relpath, "") else None
            again = last is not None and bool(last[2]) and last[0] == cache.content_hash(relpath)
            if bare is None and not again:
                cache.misses += 1  # analysed: nothing the cache has will do
                return True
            offered = [(d, exports[d]) for d in deps.get(relpath, ()) if d in exports]
            known = names.of(offered)
            guess = guesses.of(relpath)
            if guess is not EMPTY:
                known = known | guess.names()
            if bare is not None and bare.uses.isdisjoint(known):
                finish(relpath, ("", bare), new=False)
                return False
            if last is not None and again:
                final = cache.get(relpath, last[2])
                index = ModuleSummary.merge([guess, *(s for _, s in offered)])
                if final is not None and _used_digest(final.uses, index, known) == last[2]:
                    finish(relpath, (last[2], final), new=False)
                    return False
            cache.misses += 1  # analysed: nothing the cache has will do
            return True

        if self.workers <= 1 or len(order) < BATCH:
            for relpath in order:
                if start_of(relpath):
                    finish(relpath, _settle(self.root, relpath, self.models, self.classifier, self.max_size,
                                            _offered(deps.get(relpath, ()), exports, guesses.of(relpath)),
                                            self.roots.module_of(relpath)))
                if progress is not None:
                    progress(count[0], len(order))
            return
        self._settle_in_workers(order, deps, exports, digests, offered_anew, fingerprint, start_of, finish, count,
                                cache, progress, guesses)

    def _settle_in_workers(self, order: Sequence[str], deps: dict[str, tuple[str, ...]],
                           exports: _Exports, digests: dict[str, str],
                           offered_anew: Callable[[str, str], None], fingerprint: Callable[[str], str],
                           start_of: Callable[[str], bool],
                           finish: Callable[[str, Step, bool, str | None], None], count: list[int],
                           cache: ResultCache | None, progress: Callable[[int, int], None] | None,
                           guesses: _Guesses) -> None:
        """Settle `order` in batches in worker processes, each file offered what one process would offer it.

        A file (whose `deps` are its imports earlier in the order) is taken when each of them is
        settled, or is in the batch being gathered, earlier, for a file the cache has nothing for
        (`start_of` must see their summaries to take a cached result): it is offered them in the worker, which
        settles its batch in order. Files are taken in order among those that can be; batches are
        handed on in the order they were sent (so progress is reported the same way every time).
        """
        import heapq
        from concurrent.futures.process import BrokenProcessPool

        position = {relpath: at for at, relpath in enumerate(order)}
        users: dict[str, list[str]] = {}
        waiting: dict[str, int] = {}  # how many of its imports each file waits for
        for relpath in order:
            imports = set(deps.get(relpath, ()))
            waiting[relpath] = len(imports)
            for d in imports:
                users.setdefault(d, []).append(relpath)
        taken: set[str] = set()
        ready = [position[f] for f in order if not waiting[f]]  # a heap of positions in the order
        heapq.heapify(ready)
        pending: dict[Future[list[_Settled]], list[str]] = {}
        sent: list[tuple[Future[list[_Settled]], list[str]]] = []
        reported = 0

        def settled(relpath: str) -> None:
            """`relpath`'s summary is known here: the files waiting only for it can be taken."""
            for user in users.get(relpath, ()):
                waiting[user] -= 1
                if not waiting[user] and user not in taken:
                    heapq.heappush(ready, position[user])

        def result_of(future: Future[list[_Settled]]) -> list[_Settled]:
            """A batch's results; a worker that ended abruptly fails every batch the pool held, so
            their files are named (any of them may be the cause), not a traceback of the pool's."""
            try:
                return future.result()
            except BrokenProcessPool:
                raise _lost([f for held in pending.values() for f in held]) from None

        def take(relpath: str) -> bool:
            """Take a file: True when it is to be settled, False when the cache settled it."""
            taken.add(relpath)
            if not start_of(relpath):
                settled(relpath)  # from the cache
                return False
            return True

        while len(taken) < len(order) or pending:
            batch: list[str] = []
            gathered: set[str] = set()
            # files whose imports are settled or gathered into this batch: their worker offers them
            joining: list[int] = []
            while len(batch) < BATCH and len(pending) <= self.workers and (ready or joining):
                heap = ready if not joining or (ready and ready[0] < joining[0]) else joining
                relpath = order[heapq.heappop(heap)]
                if relpath in taken:
                    continue
                if not take(relpath):
                    continue
                batch.append(relpath)
                gathered.add(relpath)
                for user in users.get(relpath, ()):
                    if user not in taken and all(d in exports or d in gathered for d in deps[user]) \
                            and not (cache is not None and (cache.has(user) or user in cache.old_settled)):
                        heapq.heappush(joining, position[user])
            if batch and self.pool is None and len(batch) < BATCH:
                # Fewer files to analyse than a batch (a pre-commit run on a warm cache): starting
                # workers would cost more than they save. Each is offered what a worker would offer.
                for relpath in batch:
                    # offered the batch's earlier files too: its fingerprint is taken again
                    offered_anew(relpath, fingerprint(relpath))
                    finish(relpath, _settle(self.root, relpath, self.models, self.classifier, self.max_size,
                                            _offered(deps.get(relpath, ()), exports, guesses.of(relpath)),
                                            self.roots.module_of(relpath)),
                           True, None)
                    settled(relpath)
            elif batch:
                needed = sorted({d for f in batch for d in deps.get(f, ()) if d in exports})
                future = self._workers().submit(_settle_batch, str(self.root), batch, self.max_size,
                                          {f: deps.get(f, ()) for f in batch},
                                          {d: exports[d] for d in needed},
                                          {d: digests.get(d, "") for d in needed},
                                          {f: guesses.of(f) for f in batch if guesses.of(f) is not EMPTY},
                                          cache is not None)
                pending[future] = batch
                sent.append((future, batch))
            if pending and (not ready or len(pending) > self.workers):
                from concurrent.futures import FIRST_COMPLETED, wait

                complete, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in complete:
                    done_batch = pending[future]
                    outcome = result_of(future)
                    del pending[future]
                    for relpath, (step, offer, digest, _) in zip(done_batch, outcome):
                        exports.results[relpath] = step[1]
                        digests[relpath] = digest
                        offered_anew(relpath, offer)  # what the worker offered it
                    for relpath in done_batch:
                        settled(relpath)
            while sent and sent[0][0].done():
                future, batch = sent.pop(0)
                for relpath, (step, _, digest, encoded) in zip(batch, result_of(future)):
                    if encoded is not None and cache is not None:
                        cache.encoded_elsewhere(relpath, step[1], encoded)
                    finish(relpath, step, True, digest)
                if progress is not None:  # each batch (with the cached files taken before it)
                    reported = count[0]
                    progress(reported, len(order))
            assert ready or pending or len(taken) == len(order), "a file waits for imports nobody settles"
        if progress is not None and count[0] != reported:  # cached files after the last batch
            progress(count[0], len(order))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
