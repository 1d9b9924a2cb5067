"""One run, end to end: files -> observations -> comparison -> findings -> a frozen RunResult.

This is the library entry point the CLI calls. Packs, the classifier and the inventory are
loaded once per run (once per worker process); per-file failures come back as skips, never
as exceptions; the result is the same whatever the number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from scanner import __version__
from scanner.catalog import ALL_RULES
from scanner.classify import Classifier
from scanner.compare import compare
from scanner.config import Config
from scanner.discovery import discover
from scanner.engine.analyzer import analyze_file, merge_observations
from scanner.engine.sources import OWN_COOKIE_RULE
from scanner.fingerprint import line_hashes
from scanner.inventory import ClassifierOverrides, Inventory, load_inventory
from scanner.model import FileResult, Finding, Kind, Notice, NoticeLevel, Observation, RunResult, Skip
from scanner.packs import Models, load_models
from scanner.taxonomy import load_taxonomy

# Below this many files one process is faster than starting workers.
PARALLEL_THRESHOLD = 64
BATCH = 32


@dataclass(frozen=True, slots=True)
class Analysis:
    """Observations and skips of a set of files, sorted."""

    observations: tuple[Observation, ...]
    skips: tuple[Skip, ...]
    files: int


def merged_overrides(config: Config, inventory: Inventory | None) -> ClassifierOverrides:
    """Classifier overrides of the inventory and of the config together (the config's win)."""
    fields = dict(inventory.classifier.fields) if inventory else {}
    fields.update(dict(config.classifier.fields))
    not_personal = set(inventory.classifier.not_personal) if inventory else set()
    not_personal.update(config.classifier.not_personal)
    return ClassifierOverrides(fields=tuple(sorted(fields.items())), not_personal=tuple(sorted(not_personal)))


_WORKER: tuple[Models, Classifier] | None = None


def _init_worker(packs: tuple[str, ...] | None, overrides: ClassifierOverrides) -> None:
    global _WORKER
    _WORKER = (load_models(enabled=packs), Classifier.load(overrides))


def _analyze_batch(root: str, relpaths: list[str], max_size: int) -> list[FileResult]:
    assert _WORKER is not None, "worker not initialised"
    models, classifier = _WORKER
    return [analyze_file(Path(root), relpath, models, classifier, max_size=max_size) for relpath in relpaths]


def analyze(
    root: Path,
    files: Sequence[str],
    *,
    models: Models,
    classifier: Classifier,
    packs: tuple[str, ...] | None,
    overrides: ClassifierOverrides,
    max_size: int,
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> Analysis:
    """Analyse files with the ast engine, in one process or `jobs` worker processes.

    `progress`, when given, is called with (files done, files in all) after each file (each
    batch with workers).
    """
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    results: list[FileResult] = []
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD and jobs <= 0:
        for f in files:
            results.append(analyze_file(root, f, models, classifier, max_size=max_size))
            if progress is not None:
                progress(len(results), len(files))
    else:
        batches = [list(files[i:i + BATCH]) for i in range(0, len(files), BATCH)]
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(packs, overrides)) as pool:
            for batch in pool.map(_analyze_batch, [str(root)] * len(batches), batches, [max_size] * len(batches)):
                results.extend(batch)
                if progress is not None:
                    progress(len(results), len(files))
    observations = [o for r in results for o in r.observations]
    skips = [r.skip for r in results if r.skip is not None]
    return Analysis(
        observations=tuple(sorted(observations, key=lambda o: o.sort_key)),
        skips=tuple(sorted(skips, key=lambda s: (s.path, s.line or 0))),
        files=len(files),
    )


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


def resolve_inventory(root: Path, config: Config, given: Path | None) -> Path | None:
    """The inventory a scan uses: --inventory, else [tool.policyscan] inventory, else privacy-inventory.toml."""
    if given is not None:
        return given
    if config.inventory:
        return root / config.inventory
    default = root / "privacy-inventory.toml"
    return default if default.exists() else None


def _with_line_hashes(findings: Iterable[Finding], root: Path) -> tuple[Finding, ...]:
    cache: dict[str, list[str] | None] = {}
    out: list[Finding] = []
    for finding in findings:
        if finding.path not in cache:
            full = Path(finding.path) if Path(finding.path).is_absolute() else root / finding.path
            try:
                cache[finding.path] = line_hashes(full.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                cache[finding.path] = None
        hashes = cache[finding.path]
        line = finding.span.start_line
        out.append(replace(finding, line_hash=hashes[line - 1]) if hashes and 0 < line <= len(hashes) else finding)
    return tuple(out)


def run(
    root: Path,
    *,
    config: Config,
    command: str,
    targets: Sequence[Path] | None = None,
    inventory_file: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Observe (and for `scan`, compare with the inventory) every file under `root`.

    `progress` is called with (files analysed, files in all) as the analysis goes.

    Raises InventoryError, ConfigError, RulePackError, SemgrepError or UsageError (exit 2)
    before any file is analysed when an input is invalid.
    """
    root = root.resolve()
    inventory: Inventory | None = None
    inventory_display: str | None = None
    inventory_lines: list[str] = []
    if command == "scan":
        inventory_path = resolve_inventory(root, config, inventory_file)
        if inventory_path is None:
            from scanner.errors import Problem, UsageError

            raise UsageError([Problem(str(root), None, "no policy inventory: pass --inventory FILE, set "
                                      "[tool.policyscan] inventory, or add privacy-inventory.toml to the root")])
        inventory = load_inventory(inventory_path)
        inventory_display = display_path(inventory_path, root)
        inventory_lines = inventory_path.read_text(encoding="utf-8").splitlines()
    models = load_models(enabled=config.packs)
    overrides = merged_overrides(config, inventory)
    classifier = Classifier.load(overrides)
    semgrep_packs = []
    if config.semgrep_packs:
        from scanner.semgrep import find_semgrep, resolve_pack, validate_pack

        semgrep_packs = [resolve_pack(p, root) for p in config.semgrep_packs]
        find_semgrep(None, semgrep_packs)  # a missing semgrep is the first thing to say
        problems = [problem for pack in semgrep_packs for problem in validate_pack(pack)]
        if problems:
            from scanner.errors import RulePackError

            raise RulePackError(problems)
    found = discover(root, targets, include=config.include, exclude=config.exclude)
    analysis = analyze(
        root, found.files, models=models, classifier=classifier, packs=config.packs, overrides=overrides,
        max_size=config.max_file_size, jobs=config.jobs if jobs is None else jobs, progress=progress,
    )
    observations = list(analysis.observations)
    skips = list(analysis.skips)
    if semgrep_packs and found.files:
        from scanner.semgrep import run_semgrep

        skipped = {s.path for s in skips}
        outcome = run_semgrep(semgrep_packs, [root / f for f in found.files if f not in skipped], root)
        observations.extend(outcome.observations)
        skips.extend(outcome.skips)
    observations = without_own_cookie_reads(merge_observations(observations))
    notices = [Notice(NoticeLevel.WARNING, p.message, path=p.path, code="discovery") for p in found.notes]
    findings: tuple[Finding, ...] = ()
    if inventory is not None and inventory_display is not None:
        findings = compare(observations, inventory, taxonomy=load_taxonomy(), inventory_path=inventory_display,
                           inventory_lines=inventory_lines)
        findings = _with_line_hashes(findings, root)
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
        files_scanned=analysis.files,
    )
