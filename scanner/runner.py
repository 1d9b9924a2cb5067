"""One run, end to end: files -> observations -> comparison -> findings -> a frozen RunResult.

This is the library entry point the CLI calls. Packs, the classifier and the inventory are
loaded once per run (once per worker process); per-file failures come back as skips, never
as exceptions; the result is the same whatever the number of workers.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import operator
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from scanner import __version__
from scanner import settle as settle_module
from scanner.bundled import rules_dir
from scanner.cache import LISTING_FILE, ResultCache, RoundStep, cache_directory
from scanner.catalog import ALL_RULES
from scanner.classify import Classifier
from scanner.compare import compare
from scanner.compiled import compiled_packs
from scanner.config import Config, check_configured_inventory, source_roots
from scanner.discovery import discover, named_left_out, shown_name
from scanner.errors import Problem
from scanner.engine.analyzer import merge_observations
from scanner.engine.imports import SourceRoots
from scanner.engine.sources import OWN_COOKIE_RULE
from scanner.engine import answers
from scanner.engine.summaries import EMPTY, Analyzed, ModuleSummary, held
from scanner.columns import astral_offsets
from scanner.fingerprint import line_hashes_at
from scanner.import_order import import_order, reader_digest
from scanner.inventory import ClassifierOverrides, Inventory, load_inventory
from scanner.model import (
    AstralLine,
    Finding,
    Kind,
    Notice,
    NoticeLevel,
    Observation,
    RunResult,
    Skip,
    SkipReason,
    Span,
)
from scanner.packs import Models
from scanner.settle import (
    PARALLEL_THRESHOLD,
    Settler,
    Step,
    wanted_entries,
)
from scanner.taxonomy import load_taxonomy

if TYPE_CHECKING:  # imported when a run has a baseline
    from scanner.baseline import BaselineEntry

# How many times files are analysed again with other modules' summaries: a helper that calls a
# helper needs two rounds; more is rare, and each round only redoes the files whose inputs changed.
MAX_ROUNDS = 3


# Compared by identity (eq=False, repr=False): read field by field, never compared, hashed or
# printed (over the test suite and full scans), so dataclasses need not make those three methods
# in every process at start-up (as for the packs' entries, 0f10704).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Analysis:
    """Observations and skips of a set of files, sorted, the files that hold a suppression comment's mark,
    and the files that import web frameworks no pack models (`Analyzed.frameworks`), by path."""

    observations: tuple[Observation, ...]
    skips: tuple[Skip, ...]
    files: int
    marked: frozenset[str] = frozenset()
    frameworks: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()


def merged_overrides(config: Config, inventory: Inventory | None) -> ClassifierOverrides:
    """Classifier overrides of the inventory and of the config together (the config's win)."""
    fields = dict(inventory.classifier.fields) if inventory else {}
    fields.update(dict(config.classifier.fields))
    not_personal = set(inventory.classifier.not_personal) if inventory else set()
    not_personal.update(config.classifier.not_personal)
    return ClassifierOverrides(fields=tuple(sorted(fields.items())), not_personal=tuple(sorted(not_personal)))


@functools.cache
def _code_digest() -> bytes:
    """A digest of this module's source, the settling's (scanner.settle) and how imports are read:
    the rounds of `analyze` that a later run repeats from the cache must be those this code would run."""
    digest = hashlib.sha256(reader_digest())
    for module in (__file__, settle_module.__file__):
        try:
            digest.update(Path(module).read_bytes())
        except OSError:  # no source to read: the version alone
            digest.update(__version__.encode())
    return digest.digest()


def _state(digest: str, analyzed: Analyzed) -> str:
    """A fingerprint of all the rounds of `analyze` read of a file's state: the digest of the
    summaries its result was analysed with, the result's uses and its summary."""
    return hashlib.sha256(repr((digest, sorted(analyzed.uses), analyzed.summary.digest())).encode()).hexdigest()


def _states(files: Sequence[str], results: Mapping[str, Analyzed], consumed: Mapping[str, str],
            cache: ResultCache) -> tuple[str, dict[str, tuple[str, str, str]]]:
    """A fingerprint of every file's state before the rounds of `analyze`, and each file's
    (sha256, digest of the summaries its result was analysed with, `_state`).

    A file whose content and digest are those of the last run has the result the cache held for
    them then, so its state is taken from the last run rather than computed again.
    """
    old = cache.old_rounds[3]
    whole = hashlib.sha256(_code_digest())  # how the rounds go is this code's
    states: dict[str, tuple[str, str, str]] = {}
    for relpath in files:
        sha, digest = cache.content_hash(relpath) or "", consumed[relpath]
        before = old.get(relpath)
        state = (before[2] if before is not None and sha and before[:2] == (sha, digest)
                 else _state(digest, results[relpath]))
        states[relpath] = (sha, digest, state)
        whole.update(f"{relpath}\0{state}\0".encode())
    return whole.hexdigest(), states


def _repeated_rounds(whole: str, cache: ResultCache,
                     analyse: Callable[[str, str, ModuleSummary], Analyzed]) -> tuple[dict[str, tuple[str, Analyzed]], tuple[RoundStep, ...]] | None:
    """What the rounds of `analyze` reach, when the last run's rounds started from the same
    states (`whole`, from `_states`): {file: (digest, result)} for the files they analysed
    again, and their analyses as the cache is to keep them; None when they must be run.

    The rounds read only the files' states: from the same states they analyse the same files
    with the same summaries. So their analyses are taken again in order: a file whose content
    is unchanged gets the same result (from the cache), and one edited since is analysed with
    the summaries it was given then (`analyse`), which holds while it leaves the state it left
    (an edit in an import cycle that changes nothing the rounds read, as most do).
    """
    old_whole, steps, externals, _ = cache.old_rounds
    if not whole or whole != old_whole:
        return None
    repeated: dict[str, tuple[str, Analyzed]] = {}
    kept: list[RoundStep] = []
    for relpath, sha, digest, state in steps:
        now = cache.content_hash(relpath) or ""
        if now == sha:
            hit = cache.get(relpath, digest)
        else:
            given = externals.get(digest)
            hit = analyse(relpath, digest, given) if given is not None and now else None
            if hit is not None and _state(digest, hit) != state:
                return None
        if hit is None:
            return None
        repeated[relpath] = (digest, hit)
        kept.append((relpath, now, digest, state))
    return repeated, tuple(kept)


def analyze(
    root: Path,
    files: Sequence[str],
    *,
    models: Models,
    classifier: Classifier,
    max_size: int,
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
    cache: ResultCache | None = None,
    roots: SourceRoots = SourceRoots(),
) -> Analysis:
    """Analyse files with the ast engine, in one process or `jobs` worker processes.

    A file's result depends on the summaries of other modules it uses (a helper that returns
    personal data, a logging wrapper, a schema base class). Files are analysed in import order
    (`import_order`), each once with what the files it imports offer (scanner.settle). Then, in
    rounds, the files whose used summaries changed since (an import cycle, an import the order
    could not see) are analysed again with them, until nothing they use changes. `progress`, when
    given, is called with (files done, files in all) during the first pass.
    """
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if jobs <= 0 and len(files) < PARALLEL_THRESHOLD:
        workers = 1
    engine = Settler(root, models=models, classifier=classifier, max_size=max_size, workers=workers, roots=roots)

    def analysed(todo: Sequence[str], externals: dict[str, ModuleSummary], digests: dict[str, str],
                 report: Callable[[int, int], None] | None = None) -> list[tuple[str, Analyzed]]:
        """Results for `todo`, from the cache where it has them, else from the engine (then cached)."""
        found: dict[str, Analyzed] = {}
        missing: list[str] = []
        for relpath in todo:
            hit = cache.get(relpath, digests.get(relpath, "")) if cache is not None else None
            if hit is not None:
                found[relpath] = hit
            else:
                missing.append(relpath)
        for relpath, result in zip(missing, engine.run(missing, externals, report)):
            found[relpath] = result
            if cache is not None:
                cache.put(relpath, result, digests.get(relpath, ""))
        return [(relpath, found[relpath]) for relpath in todo]

    results: dict[str, Analyzed] = {}
    consumed: dict[str, str] = {}  # the digest of the summaries each result was analysed with ("" for none)

    def done(relpath: str, step: Step, new: bool) -> None:
        if cache is not None and new:
            cache.put(relpath, step[1], step[0])
        consumed[relpath], results[relpath] = step

    try:
        order, deps = import_order(root, files, cache, roots)
        engine.settle(order, deps, cache, done, progress)
        states = _states(files, results, consumed, cache) if cache is not None else ("", {})

        def again_with(relpath: str, digest: str, external: ModuleSummary) -> Analyzed:
            return analysed([relpath], {relpath: external}, {relpath: digest})[0][1]

        repeated = _repeated_rounds(states[0], cache, again_with) if cache is not None else None
        if repeated is not None:  # the rounds would redo what the last run's did: their outcome
            for relpath, (digest, result) in repeated[0].items():
                consumed[relpath], results[relpath] = digest, result
        rounds = MAX_ROUNDS if repeated is None else 0
        steps: list[RoundStep] = []  # the analyses the rounds make, in order
        given: dict[str, ModuleSummary] = {}  # the summaries they were given, by digest
        index = ModuleSummary.merge(results[f].summary for f in files) if rounds else EMPTY
        # each file's entries used in a round and their digest, kept while none of them changes
        used_digests: dict[str, tuple[frozenset[str], str]] = {}
        changed: set[str] | None = None  # the names whose entries changed since the last round (None: the first)
        for _ in range(rounds):
            names = index.names()
            externals: dict[str, ModuleSummary] = {}
            for relpath in files:
                used = wanted_entries(results[relpath].uses, index, names)
                if not used:
                    continue
                known = used_digests.get(relpath)
                sub: ModuleSummary | None = None
                if known is not None and changed is not None and known[0] == used \
                        and not any(tagged[2:] in changed for tagged in used):
                    digest = known[1]  # the same entries as when it was made
                else:
                    sub = index.restricted(used)
                    digest = sub.digest()
                    used_digests[relpath] = (used, digest)
                if consumed.get(relpath) != digest:
                    consumed[relpath] = digest
                    externals[relpath] = sub if sub is not None else index.restricted(used)
            if not externals:
                break
            again = [f for f in files if f in externals]
            results.update(analysed(again, externals, {f: consumed[f] for f in again}))
            if cache is not None:
                steps.extend((f, cache.content_hash(f) or "", consumed[f], _state(consumed[f], results[f])) for f in again)
                given.update((consumed[f], externals[f]) for f in again)
            merged = ModuleSummary.merge(results[f].summary for f in files)
            changed, index = merged.changed_since(index), merged
        if cache is not None:
            cache.rounds = ((states[0], tuple(steps), given, states[1]) if repeated is None
                            else (states[0], repeated[1], cache.old_rounds[2], states[1]))
    finally:
        engine.close()
    observations = [o for a in results.values() for o in a.result.observations]
    # the collects whose class no module may name (`Gated`): every module's names are known only now;
    # at the rounds' fixed point each file was given these entries of them all, which this answers alike
    gated = [g for a in results.values() for g in a.gated]
    if gated:
        named: set[str] = set()
        for a in results.values():
            named.update(a.summary.named)
        observations += held(gated, named)
    # the collects of serializers and schemas every use of which answers: known only once every module's
    # uses are at hand (each module's depend on its own text: the same whatever the order or the cache)
    observations = answers.without_answer_only(observations, [(f, a.summary.answers) for f, a in results.items()])
    # the logs other modules' callers give their data to: known only once every file's result is at hand
    relayed = [r for a in results.values() for r in a.relayed]
    if relayed:  # imported only then: a tree whose calls give no other module's log call personal data has none
        from scanner.relayed import relayed_logs

        observations += relayed_logs(relayed, observations)
    skips = [a.result.skip for a in results.values() if a.result.skip is not None]
    return Analysis(
        observations=tuple(sorted(observations, key=lambda o: o.sort_key)),
        skips=tuple(sorted(skips, key=lambda s: (s.path, s.line or 0))),
        files=len(files),
        # in C: a warm run takes every file's result from the cache, and few hold the mark
        marked=frozenset(itertools.compress(results, map(operator.attrgetter("directives"), results.values()))),
        frameworks=tuple(sorted((path, a.frameworks) for path, a in results.items() if a.frameworks)),
    )


def classifier_digest(overrides: ClassifierOverrides) -> str:
    """What the classification depends on: the bundled classifier pack and the overrides."""
    digest = hashlib.sha256(repr(overrides).encode())
    try:
        digest.update((rules_dir() / "classifier.toml").read_bytes())
    except OSError:
        pass
    return digest.hexdigest()


def without_own_cookie_reads(observations: Sequence[Observation]) -> list[Observation]:
    """Drop reads of cookies the project sets itself (not a collect); keep reads of others' cookies.

    Which cookies the project sets is known only once every file is analysed, so the engine
    reports every cookie read and this whole-run step decides.
    """
    own = {o.cookie.name for o in observations if o.kind is Kind.COOKIE and o.cookie is not None and o.cookie.name}
    kept: list[Observation] = []
    for obs in observations:
        if obs.rule == OWN_COOKIE_RULE and obs.cookie is not None:
            if obs.cookie.name in own:
                continue
            obs = replace(obs, cookie=None)
        kept.append(obs)
    return kept


def display_path(path: Path, root: Path) -> str:
    """A path relative to the root when inside it (POSIX), else absolute."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def identity_path(path: Path, root: Path) -> str:
    """A file's path for finding identities: relative to the root, with `..` for one outside it
    (`../policy/inventory.toml`), so that the same layout checked out elsewhere (CI, another
    machine) gives the same identities; absolute only where no relative path exists (another
    drive)."""
    try:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def resolve_inventory(root: Path, config: Config, given: Path | None) -> Path | None:
    """The inventory a scan uses: --inventory, else [tool.policyscan] inventory, else privacy-inventory.toml."""
    if given is not None:
        return given
    if config.inventory:
        check_configured_inventory(root, config)
        return root / config.inventory
    default = root / "privacy-inventory.toml"
    return default if default.exists() else None


def _project_above(root: Path) -> str:
    """A hint for a root without an inventory inside a project that has one: a folder given as the
    one PATH is the root, so `policyscan scan app` from a project's root looks for the inventory
    (and pyproject.toml) in app/. Empty when no folder above holds an inventory or a pyproject.toml."""
    for folder in root.parents:
        for name in ("privacy-inventory.toml", "pyproject.toml"):
            if (folder / name).is_file():
                return (
                    f" (the root is the one folder given as PATH, else --root or the current folder;"
                    f" {folder / name} is above it: pass --root {folder} to scan from there)"
                )
    return ""


def _with_line_hashes(findings: Iterable[Finding], root: Path) -> tuple[Finding, ...]:
    """Each finding with GitHub's line hash of its start line (hashing only the lines findings start on)."""
    findings = tuple(findings)
    lines: dict[str, set[int]] = {}
    for finding in findings:
        lines.setdefault(finding.path, set()).add(finding.span.start_line)
    hashes: dict[str, dict[int, str]] = {}
    for path, starts in lines.items():
        full = Path(path) if Path(path).is_absolute() else root / path
        try:
            text = full.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        hashes[path] = line_hashes_at(text, starts)
    out: list[Finding] = []
    for finding in findings:
        known = hashes.get(finding.path, {}).get(finding.span.start_line)
        out.append(replace(finding, line_hash=known) if known is not None else finding)
    return tuple(out)


def _astral_lines(findings: Iterable[Finding], skips: Iterable[Skip], notices: Iterable[Notice],
                  root: Path) -> tuple[AstralLine, ...]:
    """The lines SARIF places a column on (of findings, their declarations, flow steps and fixes,
    of skips and notices) that hold characters beyond the BMP, with where those are on them.

    Only the SARIF renderer needs them (it counts UTF-16 code units, scanner/columns.py). A file
    is read once and, unless it has a byte that starts a four-byte UTF-8 sequence, only scanned.
    """
    places: dict[str, set[int]] = {}

    def add(path: str, span: Span) -> None:
        places.setdefault(path, set()).update((span.start_line, span.end_line))

    for finding in findings:
        add(finding.path, finding.span)
        if finding.declaration is not None and finding.declaration.line is not None:
            places.setdefault(finding.declaration.path, set()).add(finding.declaration.line)
        if finding.observation is not None:
            for step in finding.observation.flow:
                add(step.path, step.span)
        for fix in finding.fixes:
            for replacement in fix.replacements:
                add(replacement.path, replacement.span)
    located = [(s.path, s.line, s.column) for s in skips] + [(n.path, n.line, n.column) for n in notices]
    for where, line, column in located:
        if where is not None and line is not None and column is not None:
            places.setdefault(where, set()).add(line)
    out: list[AstralLine] = []
    for path, lines in sorted(places.items()):
        full = Path(path) if Path(path).is_absolute() else root / path
        try:
            data = full.read_bytes()
        except (OSError, ValueError):  # ValueError: a name with surrogate escapes on some systems
            continue
        out.extend(AstralLine(path, line, offsets) for line, offsets in sorted(astral_offsets(data, lines).items()))
    return tuple(out)


def reported_paths(root: Path, changed: Collection[str], targets: Sequence[Path] | None,
                   inventory: str | None) -> frozenset[str]:
    """The files a changed-files run reports on: the changed ones under `targets` (all without).

    The inventory counts when it changed, whatever the targets: its notes (PS901) are about
    the declarations, not about code.
    """
    if not targets:
        return frozenset(changed)
    prefixes = [display_path(target, root) for target in targets]
    return frozenset(
        path for path in changed
        if path == inventory or any(p in ("", ".") or path == p or path.startswith(p + "/") for p in prefixes)
    )


def run(
    root: Path,
    *,
    config: Config,
    command: str,
    targets: Sequence[Path] | None = None,
    inventory_file: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    baseline_file: Path | None = None,
    changed: Collection[str] | None = None,
    fixes: bool = False,
    cache: bool = True,
    cache_dir: Path | None = None,
) -> RunResult:
    """Observe (and for `scan`, compare with the inventory) every file under `root`.

    `progress` is called with (files analysed, files in all) as the analysis goes. A scan
    marks findings that inline `# policyscan: ignore[...]` comments suppress (scanner.suppress)
    and, with `baseline_file`, each finding's `baseline_state` (scanner.baseline). With
    `changed` (paths as findings name them, from scanner.vcs), the whole tree is analysed,
    so what unchanged files contribute still counts, but only findings, skips and notices
    located in changed files (under `targets`, when given) are reported, and so are only their
    observations (`observe FILE` lists that file's). With `fixes`, each
    reported finding that a source rewrite resolves gets it in `Finding.fixes` (scanner.fix,
    which imports libcst: only SARIF output asks for this). With `cache` (the default), per-file
    results are reused from the root's result cache (scanner.cache) when nothing they depend on
    changed; the output is the same either way.

    Raises InventoryError, ConfigError, RulePackError, SemgrepError, UsageError or
    BaselineError (exit 2) before any file is analysed when an input is invalid.
    """
    root = root.resolve()
    inventory: Inventory | None = None
    inventory_source: Path | None = None
    inventory_display: str | None = None
    inventory_lines: list[str] = []
    if command == "scan":
        inventory_path = resolve_inventory(root, config, inventory_file)
        if inventory_path is None:
            from scanner.errors import UsageError

            raise UsageError([Problem(str(root), None, "no policy inventory: pass --inventory FILE, set "
                                      "[tool.policyscan] inventory, or add privacy-inventory.toml to the root"
                                      + _project_above(root))])
        inventory = load_inventory(inventory_path)
        inventory_source = inventory_path
        inventory_display = display_path(inventory_path, root)
        inventory_lines = inventory_path.read_text(encoding="utf-8").splitlines()
    baseline = None
    if baseline_file is not None and command == "scan":
        from scanner.baseline import load_baseline

        baseline = load_baseline(baseline_file)
    # with the cache, the packs' compiled form is kept beside the results (a fifth of a pre-commit run)
    models, classifier_pack = compiled_packs(cache_directory(root, cache_dir) if cache else None, config.packs)
    overrides = merged_overrides(config, inventory)
    classifier = Classifier(classifier_pack, overrides)
    semgrep_packs = []
    if config.semgrep_packs:
        from scanner.semgrep import find_semgrep, resolve_pack, validate_pack

        semgrep_packs = [resolve_pack(p, root) for p in config.semgrep_packs]
        find_semgrep(None, semgrep_packs)  # a missing semgrep is the first thing to say
        problems = [problem for pack in semgrep_packs for problem in validate_pack(pack, root)]
        if problems:
            from scanner.errors import RulePackError

            raise RulePackError(problems)
    # what the walk of the named files and folders says of them (a named file left out, and why)
    named_notes: tuple[Problem, ...] = ()
    named_files: tuple[str, ...] = ()
    if changed is None and targets:
        # Files named on the command line (pre-commit passes the staged ones) are reported like a
        # changed-files run: the rest of the tree is analysed too (from the cache when it can be),
        # so what other modules define still counts, and declarations are not all "unused".
        named = discover(root, targets, include=config.include, exclude=config.exclude)
        changed = frozenset(named.files) | frozenset(named.misnamed)
        named_notes, named_files = named.notes, named.files
    elif targets:
        # --diff/--staged with named files or folders: the changes decide what is reported, but a
        # named one left out (excluded, not Python) is said as without them (no folder is walked).
        named_notes = named_left_out(root, targets, include=config.include, exclude=config.exclude)
    # Changed-files runs analyse everything: the changed code may use what the rest defines.
    found = discover(root, None if changed is not None else targets, include=config.include, exclude=config.exclude,
                     remember=cache_directory(root, cache_dir) / LISTING_FILE if cache else None)
    if named_files and not set(named_files) <= set(found.files):
        # a file named is analysed when it is a .py or .pyi file, whether include matches it or not
        # (docs/configuration.md): the walk of the tree, which include governs, left out a named
        # stub or a module outside include's folders, which was then neither analysed nor said
        found = replace(found, files=tuple(sorted({*found.files, *named_files})))
    roots = source_roots(root, config)
    # what a file's analysis depends on besides its content: the packs, the classifier, the size
    # limit and the module names the source roots give
    results = ResultCache.open(root, (models.version, classifier_digest(overrides), str(config.max_file_size),
                                      "\0".join(roots.folders)), cache_dir) if cache else None
    analysis = analyze(
        root, found.files, models=models, classifier=classifier,
        max_size=config.max_file_size, jobs=config.jobs if jobs is None else jobs, progress=progress,
        cache=results, roots=roots,
    )
    cache_problem = results.save() if results is not None else None
    observations = list(analysis.observations)
    skips = list(analysis.skips)
    if found.misnamed:
        # not analysed, as a file that cannot be read: code the scan does not cover (exit 3)
        skips.extend(Skip(shown_name(path), SkipReason.UNREADABLE, "its name is not UTF-8 (its bytes are shown escaped),"
                          " which no report can hold: rename it to analyse it") for path in found.misnamed)
    if semgrep_packs and found.files:
        from scanner.semgrep import run_semgrep

        skipped = {s.path for s in skips if s.reason is not SkipReason.STATEMENT_TOO_DEEP}  # (a partial file is code)
        outcome = run_semgrep(semgrep_packs, [root / f for f in found.files if f not in skipped], root)
        observations.extend(outcome.observations)
        skips.extend(outcome.skips)
    observations = without_own_cookie_reads(merge_observations(observations))
    notices = [Notice(NoticeLevel.WARNING, p.message, path=p.path, code="discovery") for p in found.notes]
    if not found.files and not found.misnamed and changed is None:
        # 'Found 0 findings in 0 files' and exit 0 for a tree where nothing matched (an include
        # written for another layout): a CI job passed having scanned nothing (ruff warns likewise)
        patterns = ", ".join(f"'{pattern}'" for pattern in config.include)
        notices.append(Notice(NoticeLevel.WARNING, f"no file to analyse: no file under the root matches include"
                              f" ({patterns}) once exclude and the built-in excludes are applied", code="discovery"))
    if cache_problem is not None:
        notices.append(Notice(NoticeLevel.WARNING, cache_problem, code="cache"))
    if inventory_source is not None and any("TODO" in line for line in inventory_lines):
        # inventory init's draft is valid and agrees with the code, so a scan against it is clean:
        # say it is not yet the policy's, where CI logs and code scanning show it
        from scanner.inventory import draft_message, draft_placeholders

        todo = draft_placeholders(inventory_source)
        if todo:
            notices.append(Notice(NoticeLevel.NOTE, f"the inventory is {draft_message(todo)}", path=inventory_display,
                                  line=todo[0], code="draft-inventory"))
    findings: tuple[Finding, ...] = ()
    gone: tuple[BaselineEntry, ...] = ()  # the baseline's findings this run no longer has
    if inventory is not None and inventory_display is not None:
        findings = compare(observations, inventory, taxonomy=load_taxonomy(), inventory_path=inventory_display,
                           inventory_key=identity_path(inventory_source, root) if inventory_source else None,
                           inventory_lines=inventory_lines)
        from scanner.suppress import UNUSED, apply_suppressions, read_directives

        unreadable = {skip.path for skip in skips}
        # only the files whose analysis found a suppression comment's mark are read again for their comments
        # (a file analysed but for a statement too deep is read: its findings are there)
        marked = analysis.marked
        uncommented = {skip.path for skip in skips if skip.reason is not SkipReason.STATEMENT_TOO_DEEP}
        commented = [f for f in found.files
                     if f in marked and f not in uncommented and (changed is None or f in changed)] if marked else []
        directives = read_directives(root, commented, (inventory_display, inventory_source) if inventory_source else None)
        applied = apply_suppressions(findings, directives, require_reason=config.require_suppression_reason,
                                     known_rules={rule.id for rule in ALL_RULES})
        findings = applied.findings
        partial = {skip.path for skip in skips if skip.reason is SkipReason.STATEMENT_TOO_DEEP}
        # a suppression whose finding would be in a statement the analysis left out is not said to be
        # unused (its finding is not known to be gone), as a baseline's entries in such a file are not
        notices.extend(n for n in applied.notices if n.code != UNUSED or n.path not in partial)
        if baseline is not None:
            from scanner.baseline import entries_not_found, mark_baseline

            findings = mark_baseline(findings, baseline)
            gone = entries_not_found(baseline, findings, unreadable)
    # the summary's "in N files": the files the run reports on (those named, or changed), not the
    # whole tree analysed behind them for what they use
    files_reported = analysis.files + len(found.misnamed)
    if changed is not None:
        reported = reported_paths(root, changed, targets, inventory_display)
        files_reported = sum(1 for path in found.files if path in reported)
        # a file named or changed whose name is not UTF-8 is said under its escaped name
        shown = {shown_name(path) for path in found.misnamed if path in reported} if found.misnamed else set()
        files_reported += len(shown)
        observations = [o for o in observations if o.path in reported]
        findings = tuple(f for f in findings if f.path in reported)
        gone = tuple(e for e in gone if e.path in reported)
        skips = [s for s in skips if s.path in reported or s.path in shown]
        notices = [n for n in notices if n.path is None or n.path in reported]
        # a file named but left out is said whatever the filter (the walk of the tree leaves it
        # out in silence, and a changed file's notes are already there)
        said = {(n.path, n.message) for n in notices}
        notices[:0] = [Notice(NoticeLevel.WARNING, p.message, path=p.path, code="discovery")
                       for p in named_notes if (p.path, p.message) not in said]
    if analysis.frameworks:
        # the web frameworks no pack models, one note each: over the files the run reports on (a
        # pre-commit run touching a CherryPy controller is told its requests are not read)
        from scanner.coverage import framework_notices, own_names

        imports = (analysis.frameworks if changed is None
                   else [(path, packages) for path, packages in analysis.frameworks if path in reported])
        notices.extend(framework_notices(imports, own_names(found.files)))
    baseline_display = None if baseline is None or baseline_file is None else display_path(baseline_file, root)
    if gone:
        # As an unused suppression is said, so that a worked-off baseline does not hide new findings
        # that happen to share an old identity, and the team sees its progress.
        from scanner.baseline import gone_message

        notices.append(Notice(NoticeLevel.NOTE, gone_message(gone), path=baseline_display, code="baseline-gone"))
    # GitHub's line hashes only for what is reported: hashing a file costs a pass over its text.
    findings = _with_line_hashes(findings, root)
    if fixes and inventory is not None:
        from scanner.fix import attach_fixes, context_for

        findings, fix_notices = attach_fixes(
            findings, root, context_for(config, inventory, classifier=classifier, models=models)
        )
        notices.extend(fix_notices)
    astral_lines = _astral_lines(findings, skips, notices, root)
    return RunResult(
        root=root.as_posix(),
        tool_version=__version__,
        command=command,
        observations=tuple(observations),
        findings=findings,
        skips=tuple(sorted(skips, key=lambda s: (s.path, s.line or 0, s.reason.value))),
        notices=tuple(notices),
        rules=ALL_RULES,
        inventory_path=inventory_display,
        files_scanned=files_reported,
        baseline_path=baseline_display,
        astral_lines=astral_lines,
    )
