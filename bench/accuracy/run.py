#!/usr/bin/env python3
"""The accuracy benchmark: score `policyscan observe` against hand-labelled open-source apps.

    python bench/accuracy/run.py [--app NAME] [--json OUT]

For each app of corpus.toml that has a labels file (labels/<name>.toml), the app is
downloaded with pip (`pip download --no-deps`) and unpacked into .cache/<name>/ unless it
is there already, the checkout's scanner is run once over it
(`python -m scanner observe ROOT --format json`, from this repository), and the
observations in labelled files are matched against the labels:

- a finding matches a label when path and kind agree and their line ranges overlap;
- each label is matched at most once and each finding at most once; among the possible
  pairings, the one with the most true positives is taken, then the one that leaves the
  fewest findings unmatched;
- a doubtful label counts neither as a miss when nothing matches it nor makes the finding
  that matches it a false hit.

The figures (labels, found, true positives, precision, recall and category agreement, per
kind and overall, per app and across apps) are printed, then every miss and every false
hit. Apps marked `held_out = true` in corpus.toml are never tuned against: they are combined
in a block of their own, "held out (never tuned against)", and left out of "overall". `--json OUT` writes all of it as JSON. Exit codes: 0 the benchmark ran (the figures are
the result, whatever they are); 1 a download or a scan failed; 2 the command line, the
corpus or a labels file is invalid.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = HERE / "corpus.toml"
LABELS = HERE / "labels"
CACHE = HERE / ".cache"

# Run as a script, this file's folder is first on sys.path; the checkout's scanner package
# (taxonomy, TOML positions) must be importable, and must be the checkout's, not an
# installed copy, because the benchmark measures this checkout.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scanner.errors import Problem  # noqa: E402
from scanner.tomlpos import KeyPath, TomlChecker, read_toml_document  # noqa: E402

KINDS = ("collect", "share", "cookie", "log")
REVIEWED = ("exhaustive", "none")
FILE_KEYS = ("path", "reviewed", "observation")
OBSERVATION_KEYS = ("line", "end_line", "kind", "categories", "recipient", "cookie", "doubtful", "note")
CORPUS_KEYS = ("name", "requirement", "framework", "held_out", "blind")

EXIT_RAN = 0
EXIT_FAILED = 1
EXIT_INVALID = 2


class BenchmarkError(Exception):
    """The benchmark cannot run: every problem is listed, with its exit code."""

    def __init__(self, problems: Sequence[Problem | str], exit_code: int) -> None:
        self.problems = [str(p) for p in problems]
        self.exit_code = exit_code
        super().__init__("\n".join(self.problems))


# --- inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class App:
    """One app of the corpus: its name (also its labels file's name) and pip requirement.

    A held-out app is one nobody tunes the scanner against: its figures are reported in a
    block of their own and never enter the tuning corpus's overall figures.
    """

    name: str
    requirement: str
    framework: str
    held_out: bool = False
    # A blind app's misses and false hits are not printed (nor written to the JSON) unless asked:
    # seeing them would invite tuning against them, and it would no longer measure unseen code.
    blind: bool = False


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled observation: where it is, its kind and categories, and why."""

    path: str
    line: int
    end_line: int
    kind: str
    categories: frozenset[str]
    recipient: str | None = None
    cookie: str | None = None
    doubtful: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class LabelledFile:
    """A file of an app that was reviewed: exhaustively labelled, or verified to hold none."""

    path: str
    reviewed: str
    labels: tuple[Label, ...]


@dataclass(frozen=True, slots=True)
class AppLabels:
    """The labels file of one app."""

    app: str
    files: tuple[LabelledFile, ...]

    @property
    def paths(self) -> frozenset[str]:
        """The paths of every reviewed file."""
        return frozenset(f.path for f in self.files)

    @property
    def labels(self) -> tuple[Label, ...]:
        """Every label of every file, in file order."""
        return tuple(label for f in self.files for label in f.labels)


@dataclass(frozen=True, slots=True)
class Found:
    """One observation policyscan reported (the detection contract's JSON form)."""

    path: str
    start_line: int
    end_line: int
    kind: str
    categories: frozenset[str]
    recipient: str | None = None
    cookie: str | None = None
    rule: str = ""
    message: str = ""


def load_corpus(path: Path = CORPUS) -> tuple[App, ...]:
    """Read corpus.toml: one `[[app]]` table per app, with name, requirement and framework,
    `held_out = true` for an app kept out of tuning and `blind = true` for a held-out app
    whose misses and false hits are not shown (both false when absent).

    Returns the apps in file order. Raises BenchmarkError (exit 2) listing every problem.
    """
    document = read_toml_document(path)
    if isinstance(document, Problem):
        raise BenchmarkError([document], EXIT_INVALID)
    check = TomlChecker(document)
    check.unknown_keys(document.data, (), ("app",), "")
    apps: list[App] = []
    seen: set[str] = set()
    for at, table in check.array_of_tables(document.data, (), "app", ""):
        check.unknown_keys(table, at, CORPUS_KEYS, " in [[app]]")
        name = check.string(table, at, "name", " in [[app]]", required=True)
        requirement = check.string(table, at, "requirement", " in [[app]]", required=True)
        framework = check.string(table, at, "framework", " in [[app]]", required=True)
        held_out = bool(check.boolean(table, at, "held_out", " in [[app]]"))
        blind = bool(check.boolean(table, at, "blind", " in [[app]]"))
        if blind and not held_out:
            check.report(at + ("blind",), "a blind app must also be held out (held_out = true)")
        if name is not None and name in seen:
            check.report(at + ("name",), f"app '{name}' is listed twice")
        if name is not None and requirement is not None and framework is not None:
            seen.add(name)
            apps.append(App(name, requirement, framework, held_out, blind))
    if not apps and not check.problems:
        check.report((), "no [[app]] is listed")
    if check.problems:
        raise BenchmarkError(check.sorted_problems(), EXIT_INVALID)
    return tuple(apps)


def load_labels(path: Path, known_categories: Container[str] | None = None) -> AppLabels:
    """Read and check one labels file (the format is described in README.md).

    Every problem is collected with its line: unknown keys, kinds or `reviewed` values,
    category keys unknown to `known_categories` (the taxonomy's keys when None), lines out
    of order, `recipient` off a share or `cookie` off a cookie, a doubtful label without a
    note, observations in a file reviewed as "none", a file listed twice, and two labels
    with the same (path, line, kind). Returns the labels; raises BenchmarkError (exit 2).
    """
    if known_categories is None:
        from scanner.taxonomy import load_taxonomy

        known_categories = load_taxonomy()
    document = read_toml_document(path)
    if isinstance(document, Problem):
        raise BenchmarkError([document], EXIT_INVALID)
    check = TomlChecker(document)
    data = document.data
    check.unknown_keys(data, (), ("app", "file"), "")
    app = check.string(data, (), "app", "", required=True) or ""
    files: list[LabelledFile] = []
    seen_paths: set[str] = set()
    seen_labels: set[tuple[str, int, str]] = set()
    for at, table in check.array_of_tables(data, (), "file", ""):
        check.unknown_keys(table, at, FILE_KEYS, " in [[file]]")
        file_path = check.string(table, at, "path", " in [[file]]", required=True)
        if file_path is not None:
            _check_relative_path(check, at + ("path",), file_path)
            if file_path in seen_paths:
                check.report(at + ("path",), f"file '{file_path}' is listed twice")
            seen_paths.add(file_path)
        reviewed = check.string(table, at, "reviewed", " in [[file]]", required=True)
        if reviewed is not None and reviewed not in REVIEWED:
            check.report(at + ("reviewed",), f"'reviewed' must be one of {', '.join(REVIEWED)}, not '{reviewed}'")
        labels: list[Label] = []
        observations = check.array_of_tables(table, at, "observation", " in [[file]]")
        if reviewed == "none" and observations:
            check.report(at + ("observation",), f"file '{file_path}' is reviewed as \"none\" but has observations")
        for obs_at, obs in observations:
            label = _read_label(check, obs_at, obs, file_path or "", known_categories)
            if label is None or file_path is None:
                continue
            identity = (label.path, label.line, label.kind)
            if identity in seen_labels:
                check.report(obs_at, f"two labels at {label.path}:{label.line} with kind {label.kind}")
            seen_labels.add(identity)
            labels.append(label)
        if file_path is not None and reviewed in REVIEWED:
            files.append(LabelledFile(file_path, reviewed, tuple(labels)))
    expected = path.stem
    if app and app != expected:
        check.report(("app",), f"'app' is '{app}' but the file is named {path.name} (expected '{expected}')")
    if check.problems:
        raise BenchmarkError(check.sorted_problems(), EXIT_INVALID)
    return AppLabels(app, tuple(files))


def _check_relative_path(check: TomlChecker, at: KeyPath, path: str) -> None:
    if path.startswith("/") or "\\" in path or any(part in ("", ".", "..") for part in path.split("/")):
        check.report(at, f"'path' must be relative to the scan root with / separators, not '{path}'")


def _read_label(
    check: TomlChecker, at: KeyPath, obs: Mapping[str, Any], path: str, known: Container[str]
) -> Label | None:
    where = " in [[file.observation]]"
    count = len(check.problems)
    check.unknown_keys(obs, at, OBSERVATION_KEYS, where)
    line = check.integer(obs, at, "line", where, required=True, minimum=1)
    end_line = check.integer(obs, at, "end_line", where, required=True, minimum=1)
    if line is not None and end_line is not None and end_line < line:
        check.report(at + ("end_line",), f"'end_line' ({end_line}) is before 'line' ({line})")
    kind = check.string(obs, at, "kind", where, required=True)
    if kind is not None and kind not in KINDS:
        check.report(at + ("kind",), f"unknown kind '{kind}' (known: {', '.join(KINDS)})")
    categories = check.strings(obs, at, "categories", where, required=True) or []
    for category, category_at in categories:
        if category not in known:
            check.report(category_at, f"unknown category key '{category}'")
    recipient = check.string(obs, at, "recipient", where)
    if recipient is not None and kind != "share":
        check.report(at + ("recipient",), "'recipient' is only for a share")
    cookie = check.string(obs, at, "cookie", where)
    if cookie is not None and kind != "cookie":
        check.report(at + ("cookie",), "'cookie' is only for a cookie")
    doubtful = bool(check.boolean(obs, at, "doubtful", where))
    note = check.string(obs, at, "note", where)
    if doubtful and note is None and "note" not in obs:
        check.report(at, "a doubtful label needs a 'note' saying why")
    if len(check.problems) > count or line is None or end_line is None or kind is None:
        return None
    return Label(
        path=path,
        line=line,
        end_line=end_line,
        kind=kind,
        categories=frozenset(c for c, _ in categories),
        recipient=recipient,
        cookie=cookie,
        doubtful=doubtful,
        note=note or "",
    )


def parse_observations(document: Mapping[str, Any]) -> tuple[Found, ...]:
    """The observations of `policyscan observe --format json` output (already parsed).

    Raises BenchmarkError (exit 1) when the document is not in the contract's form.
    """
    raw = document.get("observations")
    if not isinstance(raw, list):
        raise BenchmarkError(["the scan output has no 'observations' array"], EXIT_FAILED)
    found: list[Found] = []
    for index, item in enumerate(raw):
        try:
            found.append(
                Found(
                    path=str(item["path"]),
                    start_line=int(item["start_line"]),
                    end_line=int(item["end_line"]),
                    kind=str(item["kind"]),
                    categories=frozenset(str(c) for c in item["categories"]),
                    recipient=item.get("recipient"),
                    cookie=item.get("cookie"),
                    rule=str(item.get("rule") or ""),
                    message=str(item.get("message") or ""),
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BenchmarkError([f"observation {index} of the scan output is malformed: {error!r}"], EXIT_FAILED)
    return tuple(found)


# --- matching -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    """A label and the finding matched to it."""

    label: Label
    found: Found


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The outcome of matching findings to labels.

    `matched` pairs non-doubtful labels (true positives); `doubtful_matched` pairs doubtful
    labels (not scored); `misses` are non-doubtful labels nothing matched; `false_hits` are
    findings that matched no label; `doubtful_unmatched` are doubtful labels nothing matched.
    """

    matched: tuple[Pair, ...]
    doubtful_matched: tuple[Pair, ...]
    misses: tuple[Label, ...]
    false_hits: tuple[Found, ...]
    doubtful_unmatched: tuple[Label, ...]

    def of_kind(self, kind: str) -> MatchResult:
        """The part of this result that concerns one kind (matching never crosses kinds)."""
        return MatchResult(
            matched=tuple(p for p in self.matched if p.label.kind == kind),
            doubtful_matched=tuple(p for p in self.doubtful_matched if p.label.kind == kind),
            misses=tuple(label for label in self.misses if label.kind == kind),
            false_hits=tuple(f for f in self.false_hits if f.kind == kind),
            doubtful_unmatched=tuple(label for label in self.doubtful_unmatched if label.kind == kind),
        )


def overlaps(label: Label, found: Found) -> bool:
    """True when `found` can match `label`: same path and kind, and overlapping lines."""
    return (
        label.path == found.path
        and label.kind == found.kind
        and found.start_line <= label.end_line
        and label.line <= found.end_line
    )


def match(labels: Sequence[Label], found: Sequence[Found]) -> MatchResult:
    """Pair findings with labels; see the module docstring for the rule.

    A maximum matching is built on the non-doubtful labels first, so the number of true
    positives is as large as it can be; it is then extended (augmenting paths never unmatch
    a label) with the doubtful labels, so as few findings as possible are left as false
    hits. Candidates are tried nearest first, which makes the pairing deterministic and
    pairs a finding with the label it most plausibly means. Returns every list sorted by
    path and line.
    """
    findings = sorted(found, key=_found_key)
    solid = sorted((label for label in labels if not label.doubtful), key=_label_key)
    everything = solid + sorted((label for label in labels if label.doubtful), key=_label_key)

    def candidates(index: int, pool: range) -> list[int]:
        finding = findings[index]
        options = [i for i in pool if overlaps(everything[i], finding)]
        return sorted(options, key=lambda i: (abs(everything[i].line - finding.start_line), everything[i].line, i))

    label_of: dict[int, int] = {}  # finding index -> label index (into `everything`)
    finding_of: dict[int, int] = {}  # label index -> finding index

    def augment(index: int, edges: Mapping[int, list[int]], visited: set[int]) -> bool:
        for label_index in edges[index]:
            if label_index in visited:
                continue
            visited.add(label_index)
            holder = finding_of.get(label_index)
            if holder is None or augment(holder, edges, visited):
                label_of[index] = label_index
                finding_of[label_index] = index
                return True
        return False

    # Phase one: non-doubtful labels only. Phase two: all labels, starting from phase one's
    # matching; an augmenting path only ever adds a label, so no true positive is lost.
    for pool in (range(len(solid)), range(len(everything))):
        edges = {i: candidates(i, pool) for i in range(len(findings))}
        for index in range(len(findings)):
            if index not in label_of:
                augment(index, edges, set())

    pairs = [Pair(everything[label_of[i]], findings[i]) for i in sorted(label_of)]
    return MatchResult(
        matched=tuple(sorted((p for p in pairs if not p.label.doubtful), key=lambda p: _label_key(p.label))),
        doubtful_matched=tuple(sorted((p for p in pairs if p.label.doubtful), key=lambda p: _label_key(p.label))),
        misses=tuple(label for i, label in enumerate(everything) if not label.doubtful and i not in finding_of),
        false_hits=tuple(findings[i] for i in range(len(findings)) if i not in label_of),
        doubtful_unmatched=tuple(label for i, label in enumerate(everything) if label.doubtful and i not in finding_of),
    )


def _label_key(label: Label) -> tuple[str, int, int, str]:
    return (label.path, label.line, label.end_line, label.kind)


def _found_key(found: Found) -> tuple[str, int, int, str, tuple[str, ...], str]:
    return (found.path, found.start_line, found.end_line, found.kind, tuple(sorted(found.categories)), found.rule)


def combine(results: Iterable[MatchResult]) -> MatchResult:
    """One result holding the pairs, misses and false hits of several (for overall figures)."""
    results = list(results)
    return MatchResult(
        matched=tuple(p for r in results for p in r.matched),
        doubtful_matched=tuple(p for r in results for p in r.doubtful_matched),
        misses=tuple(label for r in results for label in r.misses),
        false_hits=tuple(f for r in results for f in r.false_hits),
        doubtful_unmatched=tuple(label for r in results for label in r.doubtful_unmatched),
    )


# --- figures --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    """The scores of one match result.

    `labels` counts non-doubtful labels and `doubtful` the doubtful ones; `found` counts
    every finding in the labelled files (true positives, false hits and findings matched to
    doubtful labels). Precision is TP / (TP + false hits) and recall TP / labels, None when
    the denominator is 0. `categories_equal` is the share of true-positive pairs whose
    category sets are equal (after replacing deprecated keys by their successors) and
    `jaccard` their mean Jaccard index (two empty sets count 1.0); None without pairs.
    """

    labels: int
    doubtful: int
    found: int
    true_positives: int
    false_hits: int
    misses: int
    doubtful_matched: int
    precision: float | None
    recall: float | None
    categories_equal: float | None
    jaccard: float | None

    def as_dict(self) -> dict[str, int | float | None]:
        """The figures as a JSON-ready dict."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def figures(result: MatchResult, canonical: Callable[[str], str] | None = None) -> Figures:
    """Compute the figures of `result`; `canonical` maps a category key to its current key.

    Without `canonical`, the taxonomy's `canonical` is used. Returns exact values.
    """
    if canonical is None:
        from scanner.taxonomy import load_taxonomy

        canonical = load_taxonomy().canonical
    tp = len(result.matched)
    fp = len(result.false_hits)
    labels = tp + len(result.misses)
    equal = 0
    jaccard_sum = 0.0
    for pair in result.matched:
        a = {canonical(c) for c in pair.label.categories}
        b = {canonical(c) for c in pair.found.categories}
        union = a | b
        equal += a == b
        jaccard_sum += len(a & b) / len(union) if union else 1.0
    return Figures(
        labels=labels,
        doubtful=len(result.doubtful_matched) + len(result.doubtful_unmatched),
        found=tp + fp + len(result.doubtful_matched),
        true_positives=tp,
        false_hits=fp,
        misses=len(result.misses),
        doubtful_matched=len(result.doubtful_matched),
        precision=tp / (tp + fp) if tp + fp else None,
        recall=tp / labels if labels else None,
        categories_equal=equal / tp if tp else None,
        jaccard=jaccard_sum / tp if tp else None,
    )


def figures_by_kind(result: MatchResult, canonical: Callable[[str], str] | None = None) -> dict[str, Figures]:
    """The figures of each kind, then of all kinds together under "all"."""
    table = {kind: figures(result.of_kind(kind), canonical) for kind in KINDS}
    table["all"] = figures(result, canonical)
    return table


# --- one app --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AppScore:
    """The outcome for one app: its labels, the matching, and files the scan skipped."""

    app: App
    labels: AppLabels
    result: MatchResult
    skipped: tuple[tuple[str, str], ...]  # (path, reason) of labelled files the scan could not analyse
    seconds: float


def score(labels: AppLabels, found: Sequence[Found]) -> MatchResult:
    """Match the findings in the labelled files of `labels` (others are ignored)."""
    paths = labels.paths
    return match(labels.labels, [f for f in found if f.path in paths])


def check_against_code(labels: AppLabels, root: Path) -> list[str]:
    """The labels of `labels` that cannot be right about the code under `root` ([] when none).

    A reviewed file missing from the scan root, or a label past the end of its file, would be
    counted as a miss whatever policyscan does: a labelling slip (a line copied from another
    file) or a stale label after a version change, to mend before the figures mean anything.
    """
    problems: list[str] = []
    for labelled in labels.files:
        path = root / labelled.path
        if not path.is_file():
            problems.append(f"labels/{labels.app}.toml: {labelled.path}: reviewed file not found in the scan root")
            continue
        lines = len(path.read_bytes().splitlines())
        for label in labelled.labels:
            if label.end_line > lines:
                problems.append(f"labels/{labels.app}.toml: {labelled.path}:{label.line}: {label.kind} label past "
                                f"the end of the file ({lines} lines)")
    return problems


def fetch(app: App, cache: Path = CACHE) -> Path:
    """The scan root of `app` under `cache`, downloading and unpacking it unless it is there.

    The scan root is .cache/<name>/: a wheel's root, or an sdist's top folder (its src/
    folder for a src layout). Unpacking happens in a temporary folder that is renamed into
    place, so a folder that is there is complete. Raises BenchmarkError (exit 1) when pip
    fails or the download is not a wheel or an sdist.
    """
    root = cache / app.name
    if root.is_dir() and any(root.iterdir()):
        return root
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=f".{app.name}-") as tmp:
        download = Path(tmp) / "download"
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":none:",
                   "--disable-pip-version-check", "--quiet", "--dest", str(download), app.requirement]
        print(f"{app.name}: downloading {app.requirement}", file=sys.stderr)
        completed = subprocess.run(command, capture_output=True, text=True)
        if completed.returncode != 0:
            raise BenchmarkError([f"{app.name}: pip download {app.requirement} failed:\n{_tail(completed.stderr)}"],
                                 EXIT_FAILED)
        archives = sorted(download.iterdir())
        if len(archives) != 1:
            raise BenchmarkError([f"{app.name}: expected one file from pip download, got {[a.name for a in archives]}"],
                                 EXIT_FAILED)
        unpacked = unpack(archives[0], Path(tmp) / "unpacked")
        if root.exists():
            shutil.rmtree(root)
        os.replace(unpacked, root)
    return root


def unpack(archive: Path, destination: Path) -> Path:
    """Unpack a wheel or an sdist into `destination`; return the scan root inside it.

    Only a wheel's Python files are extracted: the scanner reads nothing else, and some
    wheels are mostly front-end assets (open-webui's is 106 MB). Raises BenchmarkError
    (exit 1) for another kind of file.
    """
    name = archive.name
    if name.endswith(".whl"):
        with zipfile.ZipFile(archive) as wheel:
            wheel.extractall(destination, [member for member in wheel.namelist() if member.endswith(".py")])
        destination.mkdir(parents=True, exist_ok=True)
        return destination
    if name.endswith((".tar.gz", ".tgz", ".tar.bz2", ".tar")):
        with tarfile.open(archive) as sdist:
            sdist.extractall(destination, filter="data")
    elif name.endswith(".zip"):
        with zipfile.ZipFile(archive) as sdist:
            sdist.extractall(destination)
    else:
        raise BenchmarkError([f"cannot unpack {name}: neither a wheel nor an sdist"], EXIT_FAILED)
    entries = [entry for entry in destination.iterdir() if not entry.name.startswith(".")]
    top = entries[0] if len(entries) == 1 and entries[0].is_dir() else destination
    src = top / "src"
    return src if src.is_dir() and any((child / "__init__.py").is_file() for child in src.iterdir()) else top


def observe(root: Path) -> tuple[tuple[Found, ...], tuple[tuple[str, str], ...]]:
    """Run the checkout's `policyscan observe ROOT --format json`; return observations and skips.

    Exit 0 (complete) and 3 (some files could not be analysed) both give a report; any
    other exit, or output that is not the contract's JSON, raises BenchmarkError (exit 1).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "scanner", "observe", str(root), "--format", "json"]
    completed = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if completed.returncode not in (0, 3):
        raise BenchmarkError([f"policyscan observe {root} exited {completed.returncode}:\n{_tail(completed.stderr)}"],
                             EXIT_FAILED)
    try:
        document = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise BenchmarkError([f"policyscan observe {root} did not print JSON: {error}"], EXIT_FAILED)
    skipped = tuple((str(s.get("path")), str(s.get("reason"))) for s in document.get("skipped", []))
    return parse_observations(document), skipped


def _tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --- report ---------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def _ratio(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


HEADER = (f"{'kind':<8} {'labels':>6} {'found':>6} {'TP':>5} {'FP':>5} {'FN':>5} {'doubt':>7}"
          f" {'precision':>9} {'recall':>7} {'cat=':>7} {'jaccard':>7}")


def figures_table(table: Mapping[str, Figures]) -> list[str]:
    """Lines of a plain-text table: one row per kind and one for all kinds.

    `doubt` is the number of doubtful labels, with how many of them a finding matched.
    """
    rows = [HEADER]
    for kind, f in table.items():
        doubt = f"{f.doubtful_matched}/{f.doubtful}"
        rows.append(
            f"{kind:<8} {f.labels:>6} {f.found:>6} {f.true_positives:>5} {f.false_hits:>5} {f.misses:>5} {doubt:>7}"
            f" {_percent(f.precision):>9} {_percent(f.recall):>7} {_percent(f.categories_equal):>7}"
            f" {_ratio(f.jaccard):>7}"
        )
    return rows


def _categories(categories: Iterable[str]) -> str:
    return "[" + ", ".join(sorted(categories)) + "]"


def listing(result: MatchResult, canonical: Callable[[str], str] | None = None) -> list[str]:
    """Lines listing every miss, every false hit and every category disagreement.

    A disagreement is a true-positive pair whose category sets differ after `canonical`
    (the taxonomy's, when None), as `figures` counts them.
    """
    if canonical is None:
        from scanner.taxonomy import load_taxonomy

        canonical = load_taxonomy().canonical
    lines: list[str] = []
    if result.misses:
        lines.append(f"misses ({len(result.misses)}):")
        for label in result.misses:
            lines.append(f"  {label.path}:{label.line}  {label.kind}  {_categories(label.categories)}  {label.note}")
    if result.false_hits:
        lines.append(f"false hits ({len(result.false_hits)}):")
        for f in result.false_hits:
            lines.append(f"  {f.path}:{f.start_line}  {f.kind}  {_categories(f.categories)}  {f.rule}: {f.message}")
    disagreements = [p for p in result.matched
                     if {canonical(c) for c in p.label.categories} != {canonical(c) for c in p.found.categories}]
    if disagreements:
        lines.append(f"category disagreements among the true positives ({len(disagreements)}):")
        for p in disagreements:
            lines.append(f"  {p.label.path}:{p.label.line}  {p.label.kind}  labelled {_categories(p.label.categories)}"
                         f"  found {_categories(p.found.categories)}")
    return lines


def _label_dict(label: Label) -> dict[str, object]:
    return {"path": label.path, "line": label.line, "end_line": label.end_line, "kind": label.kind,
            "categories": sorted(label.categories), "recipient": label.recipient, "cookie": label.cookie,
            "doubtful": label.doubtful, "note": label.note}


def _found_dict(found: Found) -> dict[str, object]:
    return {"path": found.path, "start_line": found.start_line, "end_line": found.end_line, "kind": found.kind,
            "categories": sorted(found.categories), "recipient": found.recipient, "cookie": found.cookie,
            "rule": found.rule, "message": found.message}


def result_dict(result: MatchResult) -> dict[str, object]:
    """Every pair, miss and false hit of `result`, JSON-ready."""
    return {
        "true_positives": [{"label": _label_dict(p.label), "found": _found_dict(p.found)} for p in result.matched],
        "doubtful_matched": [{"label": _label_dict(p.label), "found": _found_dict(p.found)}
                             for p in result.doubtful_matched],
        "misses": [_label_dict(label) for label in result.misses],
        "false_hits": [_found_dict(f) for f in result.false_hits],
        "doubtful_unmatched": [_label_dict(label) for label in result.doubtful_unmatched],
    }


def commit_of(repo: Path = REPO) -> tuple[str | None, bool | None]:
    """The checked-out commit of `repo` and whether the scanner's files differ from it.

    Returns (None, None) where git is unavailable or `repo` is not a clone.
    """
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True)
        status = subprocess.run(["git", "status", "--porcelain", "--", "scanner", "rules"], cwd=repo,
                                capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None, None
    return head.stdout.strip(), bool(status.stdout.strip())


# --- command line ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit code (0 ran, 1 download or scan failed, 2 invalid input)."""
    parser = argparse.ArgumentParser(description="Score policyscan observe against the labelled apps.")
    parser.add_argument("--app", action="append", metavar="NAME", help="only this app (repeatable)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure and list as JSON to OUT")
    parser.add_argument("--reveal-blind", action="store_true",
                        help="also list the misses and false hits of blind held-out apps (ends their blindness)")
    args = parser.parse_args(argv)
    try:
        return run(args.app, args.json, reveal_blind=args.reveal_blind)
    except BenchmarkError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return error.exit_code


def run(only: Sequence[str] | None, json_out: Path | None, *, reveal_blind: bool = False) -> int:
    """Fetch, scan, score and report the corpus (or the apps named in `only`); return 0.

    Raises BenchmarkError for invalid input (exit 2) and failed downloads or scans (exit 1).
    """
    apps = load_corpus()
    names = [app.name for app in apps]
    unknown = [name for name in only or () if name not in names]
    if unknown:
        raise BenchmarkError([f"unknown app {name!r} (corpus.toml lists {', '.join(names)})" for name in unknown],
                             EXIT_INVALID)
    selected = [app for app in apps if not only or app.name in only]
    labelled: list[tuple[App, AppLabels]] = []
    notes: list[str] = []
    problems: list[str] = []
    for app in selected:
        path = LABELS / f"{app.name}.toml"
        if not path.is_file():
            notes.append(f"{app.name}: no labels file ({path.relative_to(REPO)}); not scored")
            continue
        try:
            labelled.append((app, load_labels(path)))
        except BenchmarkError as error:
            problems += error.problems
    if problems:
        raise BenchmarkError(problems, EXIT_INVALID)
    commit, dirty = commit_of()
    roots = {app: fetch(app) for app in selected}
    for app, app_labels in labelled:
        problems += check_against_code(app_labels, roots[app])
    if problems:
        raise BenchmarkError(problems, EXIT_INVALID)
    scores: list[AppScore] = []
    for app in selected:
        root = roots[app]
        labels = next((labels for a, labels in labelled if a == app), None)
        if labels is None:
            continue
        started = time.monotonic()
        found, skipped = observe(root)
        seconds = time.monotonic() - started
        skipped_labelled = tuple(s for s in skipped if s[0] in labels.paths)
        scores.append(AppScore(app, labels, score(labels, found), skipped_labelled, seconds))
    report(scores, notes, commit, dirty, json_out, reveal_blind=reveal_blind)
    return EXIT_RAN


def report(scores: Sequence[AppScore], notes: Sequence[str], commit: str | None, dirty: bool | None,
           json_out: Path | None, *, reveal_blind: bool = False) -> None:
    """Print the figures and lists of every app and overall; write them as JSON to `json_out`.

    "overall" combines the apps that are not held out; the held-out apps are combined in a
    block of their own, "held out (never tuned against)" (`held_out` in the JSON). A blind
    app's lists are left out, of the JSON too, unless `reveal_blind`.
    """
    today = datetime.date.today().isoformat()
    state = "" if not dirty else " (with uncommitted changes to scanner/ or rules/)"
    print(f"policyscan accuracy benchmark, {today}, commit {commit or 'unknown'}{state}")
    for note in notes:
        print(f"note: {note}")
    apps_json: dict[str, object] = {}
    for s in scores:
        table = figures_by_kind(s.result)
        print()
        held = ", held out" if s.app.held_out else ""
        print(f"== {s.app.name} ({s.app.requirement}, {s.app.framework}{held}): {len(s.labels.files)} files, "
              f"scanned in {s.seconds:.1f}s")
        for path, reason in s.skipped:
            print(f"note: the scan could not analyse labelled file {path} ({reason})")
        print("\n".join(figures_table(table)))
        apps_json[s.app.name] = {
            "requirement": s.app.requirement,
            "framework": s.app.framework,
            "held_out": s.app.held_out,
            "files": len(s.labels.files),
            "figures": {kind: f.as_dict() for kind, f in table.items()},
            "skipped_labelled_files": [{"path": p, "reason": r} for p, r in s.skipped],
            "seconds": round(s.seconds, 1),
            "blind": s.app.blind,
            **(result_dict(s.result) if reveal_blind or not s.app.blind else {}),
        }
    # Held-out apps are scored apart: the tuning figures show what was tuned against, the
    # held-out block how the scanner does on code nobody tuned it against.
    tuned = [s for s in scores if not s.app.held_out]
    held_out = [s for s in scores if s.app.held_out]
    overall = figures_by_kind(combine(s.result for s in tuned))
    held_out_overall = figures_by_kind(combine(s.result for s in held_out))
    if tuned:
        print()
        print(f"== overall ({', '.join(s.app.name for s in tuned)})")
        print("\n".join(figures_table(overall)))
    if held_out:
        print()
        print(f"== held out (never tuned against) ({', '.join(s.app.name for s in held_out)})")
        print("\n".join(figures_table(held_out_overall)))
    for s in scores:
        if s.app.blind and not reveal_blind:
            print()
            print(f"-- {s.app.name}: blind; its misses and false hits are not listed (--reveal-blind lists them)")
            continue
        lines = listing(s.result)
        if lines:
            print()
            print(f"-- {s.app.name}")
            print("\n".join(lines))
    if json_out is not None:
        document = {
            "date": today,
            "commit": commit,
            "dirty": dirty,
            "notes": list(notes),
            "apps": apps_json,
            "overall": {kind: f.as_dict() for kind, f in overall.items()},
            "held_out": {kind: f.as_dict() for kind, f in held_out_overall.items()},
        }
        json_out.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
