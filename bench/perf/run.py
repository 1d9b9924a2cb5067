#!/usr/bin/env python3
"""Performance benchmark: policyscan against the `ast.parse` floor, semgrep and bandit.

    python bench/perf/run.py [--repeat N] [--json OUT] [--corpus NAME] [--ref REF]

Downloads pinned corpora at run time into bench/perf/.cache/ (never committed), then, on the
same files and in the same run, measures the median (and min/max) wall time over N repeats
and the peak memory of: reading every file; `ast.parse` of every file in one process;
`policyscan observe` and `policyscan scan` with one worker and with all cores; semgrep running
the project's own semgrep pack, and a pack of policyscan's coverage generated from its models
(bench/perf/equivalent_pack.py); `bandit -r`; a pre-commit-sized scan of 5 files; and a second,
unchanged scan. It prints a table, the ratios and PASS/FAIL against the targets of issue 5,
and writes every figure to a JSON file (default bench/perf/results.json).

Every measurement runs in its own wrapper subprocess, which starts the measured command,
times it, and reports `getrusage(RUSAGE_CHILDREN).ru_maxrss`: the peak resident set of the
largest single process of that command (with worker processes, the largest worker or the
parent, not their sum). Asking RUSAGE_CHILDREN in this process instead would give the
largest child of the whole benchmark, not of one measurement.

Exit status: 0 when the benchmark ran (whatever the targets say), 2 on a usage error or when
a corpus cannot be fetched.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CACHE = HERE / ".cache"
DEFAULT_JSON = HERE / "results.json"
INVENTORY = HERE / "inventory.toml"
SEMGREP_PACK = Path("rules") / "semgrep" / "sdk-settings.yaml"
EQUIVALENT_PACK_SCRIPT = HERE / "equivalent_pack.py"
EQUIVALENT_PACK = CACHE / "out" / "equivalent-pack.yaml"
# A measurement whose first run takes longer than this is not repeated (semgrep with the equivalent
# pack takes minutes): its one run is the figure, and its note says so.
ONCE_AFTER_S = 60.0
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Corpus:
    """A pinned corpus: what to download, and the 5 files a pre-commit run scans."""

    name: str
    requirement: str
    sdist: bool
    precommit: tuple[str, ...]


CORPORA: dict[str, Corpus] = {
    corpus.name: corpus
    for corpus in (
        # The sdist, not the wheel: it holds the tests too (about 2,800 files, 490k lines).
        Corpus(
            name="django",
            requirement="Django==5.2.*",
            sdist=True,
            precommit=(
                "django/contrib/auth/forms.py",
                "django/contrib/auth/models.py",
                "django/contrib/sessions/middleware.py",
                "django/http/response.py",
                "django/views/csrf.py",
            ),
        ),
        # The wheel holds every Python source (and 100 MB of front-end assets, not unpacked).
        Corpus(
            name="superset",
            requirement="apache-superset==6.1.0",
            sdist=False,
            precommit=(
                "superset/views/base.py",
                "superset/models/core.py",
                "superset/utils/log.py",
                "superset/views/users/api.py",
                "superset/commands/dashboard/create.py",
            ),
        ),
    )
}

# --- the measured programs -------------------------------------------------------------------

# Runs one command, times it, and prints its peak RSS (see the module docstring).
MEASURE_SCRIPT = """\
import json, resource, subprocess, sys, time
cmd, cwd, err = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(err, "wb") as stderr:
    start = time.perf_counter()
    rc = subprocess.call(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
    wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "maxrss_kb": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime, "returncode": rc}))
"""

# The floor, part 1: read every file (argv[1] lists their absolute paths, one a line).
READ_SCRIPT = """\
import sys
total = 0
with open(sys.argv[1], encoding="utf-8") as listing:
    for path in listing.read().splitlines():
        with open(path, "rb") as f:
            total += len(f.read())
"""

# The floor, part 2: read and ast.parse every file in one process, keeping no tree.
AST_SCRIPT = """\
import ast, sys
failed = 0
with open(sys.argv[1], encoding="utf-8") as listing:
    for path in listing.read().splitlines():
        with open(path, "rb") as f:
            source = f.read()
        try:
            ast.parse(source, filename=path)
        except (SyntaxError, ValueError, RecursionError):
            failed += 1
"""

# The files policyscan analyses under a root, listed by the measured checkout's own discovery.
LIST_SCRIPT = """\
import sys
from pathlib import Path
from scanner.config import load_config
from scanner.discovery import discover
root = Path(sys.argv[1]).resolve()
config = load_config(root)
print("\\n".join(discover(root, include=config.include, exclude=config.exclude).files))
"""


@dataclass(frozen=True, slots=True)
class Target:
    """One target of issue 5: a figure compared with a limit."""

    key: str
    label: str
    op: str  # "<=", "<" or ">="
    limit: float
    unit: str = "x"


TARGETS: tuple[Target, ...] = (
    Target("scan_1_worker_over_ast", "full scan, 1 worker / ast floor", "<=", 3.0),
    Target("scan_all_cores_over_ast", "full scan, all cores / ast floor", "<=", 2.0),
    Target("semgrep_over_scan", "semgrep / full scan (all cores)", ">=", 5.0),
    Target("semgrep_equivalent_over_scan", "semgrep with an equivalent pack / full scan (all cores)", ">=", 5.0),
    Target("precommit_wall_s", "pre-commit run on 5 files, wall", "<", 0.3, "s"),
    Target("policyscan_peak_rss_mb", "policyscan peak memory", "<", 300.0, "MB"),
    Target("second_run_speedup", "unchanged second run speed-up", ">=", 5.0),
)

NO_CACHE_YET = "n/a: no cache yet"


# --- pure parts (unit-tested in tests/test_bench_perf.py) --------------------------------------


def summarize(walls: Sequence[float]) -> dict[str, Any]:
    """Return {"median", "min", "max", "runs"} of wall times in seconds (rounded to the ms).

    Raises ValueError when there is no run.
    """
    if not walls:
        raise ValueError("no run to summarize")
    return {
        "median": round(statistics.median(walls), 3),
        "min": round(min(walls), 3),
        "max": round(max(walls), 3),
        "runs": [round(w, 3) for w in walls],
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """Return numerator / denominator rounded to 2 places, or None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return round(numerator / denominator, 2)


def median_of(measurements: Mapping[str, Mapping[str, Any]], name: str, figure: str = "wall_s") -> float | None:
    """Return the median wall time (or `figure`, such as "cpu_s") of a measurement, or None when it did not run or failed."""
    entry = measurements.get(name)
    if entry is None or "error" in entry or "unavailable" in entry:
        return None
    median = entry[figure]["median"]
    assert isinstance(median, float | int)
    return float(median)


def peak_rss_mb(measurements: Mapping[str, Mapping[str, Any]], names: Sequence[str]) -> float | None:
    """Return the largest peak RSS (MB) among the named measurements that ran, or None when none did."""
    values = [
        float(measurements[n]["max_rss_mb"])
        for n in names
        if n in measurements and "max_rss_mb" in measurements[n] and "error" not in measurements[n]
    ]
    return max(values) if values else None


POLICYSCAN_MEASUREMENTS = (
    "observe_1_worker", "observe_all_cores", "scan_1_worker", "scan_all_cores", "precommit", "scan_second_run",
    "precommit_no_cache",
)


def compute_ratios(measurements: Mapping[str, Mapping[str, Any]], *, cache: bool) -> dict[str, float | str | None]:
    """Return the figures the targets are checked against, from the measurements' medians.

    Without a cache the speed-up of the second run is the string NO_CACHE_YET; any figure
    whose measurements are missing is None.
    """
    ast_floor = median_of(measurements, "ast_parse")
    ast_cpu = median_of(measurements, "ast_parse", "cpu_s")
    scan_1 = median_of(measurements, "scan_1_worker")
    scan_all = median_of(measurements, "scan_all_cores")
    return {
        "scan_1_worker_over_ast": ratio(scan_1, ast_floor),
        "scan_all_cores_over_ast": ratio(scan_all, ast_floor),
        "observe_1_worker_over_ast": ratio(median_of(measurements, "observe_1_worker"), ast_floor),
        "observe_all_cores_over_ast": ratio(median_of(measurements, "observe_all_cores"), ast_floor),
        # CPU time, unlike wall time, does not grow when other work shares the machine.
        "scan_1_worker_over_ast_cpu": ratio(median_of(measurements, "scan_1_worker", "cpu_s"), ast_cpu),
        "observe_1_worker_over_ast_cpu": ratio(median_of(measurements, "observe_1_worker", "cpu_s"), ast_cpu),
        "ast_over_read": ratio(ast_floor, median_of(measurements, "read_files")),
        "semgrep_over_scan": ratio(median_of(measurements, "semgrep"), scan_all),
        "semgrep_over_scan_1_worker": ratio(median_of(measurements, "semgrep"), scan_1),
        # semgrep doing policyscan's job: the pack bench/perf/equivalent_pack.py generates from its models
        "semgrep_equivalent_over_scan": ratio(median_of(measurements, "semgrep_equivalent"), scan_all),
        "semgrep_equivalent_over_scan_cpu": ratio(median_of(measurements, "semgrep_equivalent", "cpu_s"),
                                                  median_of(measurements, "scan_all_cores", "cpu_s")),
        "bandit_over_scan": ratio(median_of(measurements, "bandit"), scan_all),
        "precommit_wall_s": median_of(measurements, "precommit"),
        "policyscan_peak_rss_mb": peak_rss_mb(measurements, POLICYSCAN_MEASUREMENTS),
        "second_run_speedup": ratio(scan_1, median_of(measurements, "scan_second_run")) if cache else NO_CACHE_YET,
    }


def check_target(target: Target, value: float | str | None) -> str:
    """Return "PASS", "FAIL" or "n/a" (the figure is missing, or a string such as NO_CACHE_YET)."""
    if value is None or isinstance(value, str):
        return "n/a"
    if target.op == "<=":
        ok = value <= target.limit
    elif target.op == "<":
        ok = value < target.limit
    elif target.op == ">=":
        ok = value >= target.limit
    else:
        raise ValueError(f"unknown comparison {target.op!r}")
    return "PASS" if ok else "FAIL"


IDENTITY_CHECKS: dict[str, str] = {
    "observe_identical_across_workers": "observe output, --jobs 1 vs --jobs 0",
    "scan_identical_across_workers": "scan SARIF, --jobs 1 vs --jobs 0",
    "scan_identical_with_cache": "scan SARIF, first run vs cached second run",
    "precommit_identical_with_cache": "pre-commit report, warm cache vs --no-cache",
}


def evaluate_targets(ratios: Mapping[str, float | str | None], identities: Mapping[str, bool | None]) -> list[dict[str, Any]]:
    """Return one {"key", "label", "target", "value", "status"} per target, then one per IDENTITY_CHECKS entry."""
    rows = [
        {
            "key": t.key,
            "label": t.label,
            "target": f"{t.op} {t.limit:g}{'' if t.unit == 'x' else ' '}{t.unit}",
            "value": ratios.get(t.key),
            "status": check_target(t, ratios.get(t.key)),
        }
        for t in TARGETS
    ]
    for key, label in IDENTITY_CHECKS.items():
        identical = identities.get(key)
        rows.append({
            "key": key,
            "label": label,
            "target": "byte-identical",
            "value": identical,
            "status": "n/a" if identical is None else ("PASS" if identical else "FAIL"),
        })
    return rows


def has_cache_flag(help_text: str) -> bool:
    """True when a command's --help lists a --no-cache option (the result cache exists)."""
    return re.search(r"(?<![\w-])--no-cache(?![\w-])", help_text) is not None


def cache_mode(help_text: str) -> str | None:
    """How the benchmark controls policyscan's result cache, from `scan --help`.

    None: there is no cache. "cache-dir": each measurement gets its own cache folder (emptied
    before a first run). "no-cache": first runs pass --no-cache, the others use the default cache.
    """
    if not has_cache_flag(help_text):
        return None
    return "cache-dir" if re.search(r"(?<![\w-])--cache-dir(?![\w-])", help_text) else "no-cache"


def cache_args(mode: str | None, *, cold: bool, directory: Path) -> list[str]:
    """Return the cache options of one policyscan measurement (see cache_mode)."""
    if mode == "cache-dir":
        return ["--cache-dir", str(directory)]
    if mode == "no-cache" and cold:
        return ["--no-cache"]
    return []


EDIT_MARK = b"\n# policyscan benchmark: a pre-commit edit "


def edited(source: bytes, n: int) -> bytes:
    """Return a file's source with the benchmark's n-th edit appended (a comment: the code means the same)."""
    return source + EDIT_MARK + str(n).encode() + b"\n"


def unedited(source: bytes) -> bytes:
    """Return a file's source without an edit of the benchmark (left behind when a run was interrupted)."""
    return source.split(EDIT_MARK, 1)[0]


def precommit_files(corpus: Corpus, files: Sequence[str]) -> list[str]:
    """Return the corpus's 5 pre-commit files, or, where one is missing, 5 files evenly spaced in the sorted list.

    Raises ValueError when the corpus has fewer than 5 files.
    """
    if len(files) < 5:
        raise ValueError(f"{corpus.name}: {len(files)} files, a pre-commit run needs 5")
    present = set(files)
    if all(f in present for f in corpus.precommit):
        return list(corpus.precommit)
    ordered = sorted(files)
    step = len(ordered) / 5
    return [ordered[int(step * i + step / 2)] for i in range(5)]


def artifact_version(filename: str) -> str | None:
    """Return the version in a downloaded sdist or wheel file name, or None when it has none."""
    match = re.match(r"^[A-Za-z0-9_.]+?-(\d[^-]*?)(?:\.tar\.gz|\.zip|-[^-]+-[^-]+-[^-]+\.whl)$", filename)
    return match.group(1) if match else None


def identical_outputs(digests: Sequence[str]) -> bool | None:
    """True when every digest is the same, None when there are fewer than two to compare."""
    return None if len(digests) < 2 else len(set(digests)) == 1


def format_table(measurements: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Return the lines of the table of one corpus's measurements."""
    lines = [f"  {'measurement':<20} {'median s':>9} {'min s':>8} {'max s':>8} {'cpu s':>8} {'peak MB':>8} {'load':>5}  note"]
    for name, entry in measurements.items():
        if "wall_s" not in entry:
            lines.append(f"  {name:<20} {'-':>9} {'-':>8} {'-':>8} {'-':>8} {'-':>8} {'-':>5}  "
                         f"{entry.get('unavailable') or entry.get('error')}")
            continue
        wall = entry["wall_s"]
        lines.append(
            f"  {name:<20} {wall['median']:>9.3f} {wall['min']:>8.3f} {wall['max']:>8.3f} "
            f"{entry['cpu_s']['median']:>8.3f} {entry['max_rss_mb']:>8.1f} {format_value(entry.get('max_load_average')):>5}  "
            f"{entry.get('note', '')}".rstrip()
        )
    return lines


def document(
    *,
    generated: str,
    duration_s: float,
    repeat: int,
    machine: Mapping[str, Any],
    checkout: Mapping[str, Any],
    tools: Mapping[str, Any],
    corpora: Mapping[str, Any],
) -> dict[str, Any]:
    """Return the JSON document of a run (what --json writes and report() prints)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": generated,
        "duration_s": round(duration_s, 1),
        "repeat": repeat,
        "machine": dict(machine),
        "checkout": dict(checkout),
        "tools": dict(tools),
        "corpora": dict(corpora),
    }


def format_value(value: Any) -> str:
    """Return a figure as the report prints it."""
    if isinstance(value, float):
        return f"{value:g}"
    return "-" if value is None else str(value)


# --- corpora ------------------------------------------------------------------------------------


def _run_checked(cmd: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), check=True, text=True, capture_output=True, **kwargs)


def fetch(corpus: Corpus) -> tuple[Path, str]:
    """Download and unpack a corpus (once; later runs reuse the cache). Return its root and artifact file name.

    Raises subprocess.CalledProcessError when pip cannot download it.
    """
    downloads = CACHE / "downloads" / corpus.name
    downloads.mkdir(parents=True, exist_ok=True)
    suffixes = (".tar.gz", ".zip") if corpus.sdist else (".whl",)
    artifacts = sorted(p for p in downloads.iterdir() if p.name.endswith(suffixes))
    if not artifacts:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-d", str(downloads)]
        if corpus.sdist:
            cmd += ["--no-binary", ":all:"]
        else:
            cmd += ["--only-binary", ":all:"]
        print(f"downloading {corpus.requirement} ...", flush=True)
        _run_checked([*cmd, corpus.requirement])
        artifacts = sorted(p for p in downloads.iterdir() if p.name.endswith(suffixes))
    artifact = artifacts[-1]
    unpacked = CACHE / corpus.name / artifact.name
    done = unpacked.with_name(artifact.name + ".complete")
    if not done.exists():
        if unpacked.exists():
            shutil.rmtree(unpacked)
        unpacked.mkdir(parents=True)
        if artifact.name.endswith(".whl"):
            with zipfile.ZipFile(artifact) as wheel:
                wheel.extractall(unpacked, members=[n for n in wheel.namelist() if n.endswith(".py")])
        elif artifact.name.endswith(".zip"):
            with zipfile.ZipFile(artifact) as archive:
                archive.extractall(unpacked)
        else:
            with tarfile.open(artifact) as archive:
                archive.extractall(unpacked, filter="data")
        done.touch()
    entries = [p for p in unpacked.iterdir() if not p.name.startswith(".")]
    # An sdist holds one top folder (Django-5.2.x/); a wheel's files are the root itself.
    root = entries[0] if len(entries) == 1 and entries[0].is_dir() and not artifact.name.endswith(".whl") else unpacked
    # semgrep's default ignore list leaves out tests/ folders; an empty .semgrepignore at its
    # project root makes it scan the same files as the others.
    (root / ".semgrepignore").write_text("# empty: scan every file, as the other tools do\n", encoding="utf-8")
    return root, artifact.name


def list_files(root: Path, checkout: Path) -> tuple[list[str], str]:
    """Return the files policyscan analyses under root (relative POSIX paths) and how they were listed."""
    try:
        listed = _run_checked([sys.executable, "-c", LIST_SCRIPT, str(root)], cwd=checkout, env=child_env())
        return [line for line in listed.stdout.splitlines() if line], "scanner.discovery"
    except subprocess.CalledProcessError:
        # The checkout's discovery API changed: fall back to every .py file.
        files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py") if p.is_file())
        return files, "every *.py (scanner.discovery failed)"


# --- measuring ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Measurement:
    """A command to time, the exit codes that mean it ran, and where it writes its report."""

    name: str
    cmd: list[str]
    cwd: Path
    ok_codes: frozenset[int]
    output: Path | None = None
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)  # the 1-minute load average before each run
    error: str | None = None
    unavailable: str | None = None
    note: str = ""
    before: Callable[[], None] | None = None  # untimed, before each run
    after: Callable[[], None] | None = None  # untimed, after each run, even a failed one
    once_after_s: float | None = None  # not repeated when the first run took longer (ONCE_AFTER_S)

    def repeats(self) -> bool:
        """True unless this measurement's first run took longer than `once_after_s` (then it runs once)."""
        return self.once_after_s is None or not self.walls or self.walls[0] <= self.once_after_s

    def run_once(self, errfile: Path) -> None:
        """Run the command once in a wrapper process; on an unexpected exit code, record the error."""
        if self.output is not None and self.output.exists():
            self.output.unlink()
        load = _loadavg()
        try:
            if self.before is not None:
                self.before()
            wrapper = subprocess.run(
                [sys.executable, "-c", MEASURE_SCRIPT, json.dumps(self.cmd), str(self.cwd), str(errfile)],
                capture_output=True, text=True, env=child_env(),
            )
        finally:
            if self.after is not None:
                self.after()
        if wrapper.returncode != 0:  # the command could not even start
            self.error = "cannot run: " + " | ".join(wrapper.stderr.strip().splitlines()[-2:])
            return
        figures = json.loads(wrapper.stdout.strip().splitlines()[-1])
        code = int(figures["returncode"])
        # policyscan exits 3 both when a file could not be analysed (a report is written) and on
        # an internal error (none is): an accepted exit code without its report is an error too.
        if code not in self.ok_codes or (self.output is not None and not self.output.exists()):
            tail = errfile.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
            self.error = f"exit {code}{'' if code not in self.ok_codes else ', no report written'}: " + " | ".join(tail)
            return
        self.walls.append(float(figures["wall"]))
        self.cpus.append(float(figures["cpu"]))
        self.rss_kb.append(int(figures["maxrss_kb"]))
        self.codes.append(code)
        if load is not None:
            self.loads.append(load)
        if self.output is not None and self.output.exists():
            self.digests.append(hashlib.sha256(self.output.read_bytes()).hexdigest())

    def result(self) -> dict[str, Any]:
        """Return the JSON figures of this measurement."""
        entry: dict[str, Any] = {"command": [str(c) for c in self.cmd]}
        if self.unavailable is not None:
            entry["unavailable"] = self.unavailable
            return entry
        if self.error is not None and not self.walls:
            entry["error"] = self.error
            return entry
        entry["wall_s"] = summarize(self.walls)
        entry["cpu_s"] = summarize(self.cpus)
        entry["max_rss_mb"] = round(max(self.rss_kb) / 1024, 1)
        entry["exit_codes"] = sorted(set(self.codes))
        if self.loads:
            # Other work on the machine slows wall time, and all-cores runs most: say how much there was.
            entry["max_load_average"] = max(self.loads)
        if self.error is not None:
            entry["error"] = self.error
        if self.note:
            entry["note"] = self.note
        return entry


def child_env() -> dict[str, str]:
    """Return the environment of measured commands: this one, with .pyc files allowed.

    Users run policyscan with compiled .pyc files; PYTHONDONTWRITEBYTECODE (set in some
    sandboxes) would make every start compile the whole package again.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return env


def _help(checkout: Path, command: str) -> str:
    done = subprocess.run([sys.executable, "-m", "scanner", command, "--help"], cwd=checkout,
                          capture_output=True, text=True, env=child_env())
    return done.stdout


def _version(cmd: Sequence[str]) -> str | None:
    try:
        done = subprocess.run(list(cmd), capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if done.returncode == 0 and text else None


def ensure_bandit(install: bool) -> tuple[str | None, str | None]:
    """Return (bandit's version, None) or (None, why it is unavailable); pip-installs it when missing and allowed."""
    if importlib.util.find_spec("bandit") is None:
        if not install:
            return None, "bandit is not installed (--no-install)"
        print("bandit is missing: pip install bandit ...", flush=True)
        done = subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q", "bandit"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return None, "bandit is not installed and pip could not install it"
        importlib.invalidate_caches()
    if _version([sys.executable, "-m", "bandit", "--version"]) is None:
        return None, "bandit does not run"
    from importlib.metadata import version

    return version("bandit"), None


def semgrep_command() -> str | None:
    """Return the semgrep executable beside this Python, or on PATH, or None."""
    beside = Path(sys.executable).parent / "semgrep"
    return str(beside) if beside.exists() else shutil.which("semgrep")


def semgrep_version(semgrep: str) -> str | None:
    """Return semgrep's version, or None when it does not run.

    Without --disable-version-check, `semgrep --version` asks semgrep.dev for the latest
    release, which hangs until the timeout where only package registries are reachable.
    """
    return _version([semgrep, "--version", "--disable-version-check"])


def git_state(checkout: Path) -> dict[str, Any]:
    """Return the measured commit and whether the engine's files differ from it."""
    try:
        commit = _run_checked(["git", "-C", str(checkout), "rev-parse", "HEAD"]).stdout.strip()
        status = _run_checked(["git", "-C", str(checkout), "status", "--porcelain", "--", "scanner", "rules"]).stdout
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "modified": None}
    return {"commit": commit, "modified": sorted(line[3:] for line in status.splitlines())}


def export_ref(ref: str) -> tuple[Path, str]:
    """Export a commit of this repository (git archive) into the cache; return its folder and full hash.

    Raises subprocess.CalledProcessError when the ref does not exist.
    """
    commit = _run_checked(["git", "-C", str(REPO), "rev-parse", "--verify", f"{ref}^{{commit}}"]).stdout.strip()
    target = CACHE / "checkouts" / commit
    if not (target / "scanner").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit],
                                 check=True, capture_output=True)
        tar = target.with_suffix(".tar")
        tar.write_bytes(archive.stdout)
        with tarfile.open(tar) as handle:
            handle.extractall(target, filter="data")
        tar.unlink()
    return target, commit


def machine() -> dict[str, Any]:
    """Return the machine the figures come from: cores, CPU model, Python, platform."""
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor() or None,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def bench_corpus(corpus: Corpus, *, checkout: Path, repeat: int, tools: Mapping[str, Any]) -> dict[str, Any]:
    """Fetch one corpus, run every measurement `repeat` times (interleaved), and return its figures."""
    root, artifact = fetch(corpus)
    files, listed_by = list_files(root, checkout)
    out = CACHE / "out" / corpus.name
    out.mkdir(parents=True, exist_ok=True)
    listing = out / "files.txt"
    listing.write_text("".join(f"{root / f}\n" for f in files), encoding="utf-8")
    chosen = precommit_files(corpus, files)
    originals = {f: unedited((root / f).read_bytes()) for f in chosen}
    for f, source in originals.items():
        if (root / f).read_bytes() != source:  # an interrupted run left its edit behind
            (root / f).write_bytes(source)
    stats = {f: (root / f).stat() for f in chosen}
    sizes = [(root / f).stat().st_size for f in files]
    lines = 0
    for f in files:
        with open(root / f, "rb") as handle:
            lines += sum(1 for _ in handle)

    py = sys.executable
    mode = cache_mode(_help(checkout, "scan"))
    caches = out / "policyscan-cache"
    inventory = ["--inventory", str(INVENTORY)]
    # observe exits 3 and scan 3 when some file could not be analysed (Django ships a file
    # with a deliberate syntax error); scan exits 1 on findings. 2 is an error.
    observe_ok = frozenset({0, 3})
    scan_ok = frozenset({0, 1, 3})

    def emptied(directory: Path) -> Callable[[], None] | None:
        # A first run starts from an empty cache (and writes it, as a user's first run does).
        return (lambda: shutil.rmtree(directory, ignore_errors=True)) if mode == "cache-dir" else None

    def observe(name: str, jobs: str) -> Measurement:
        output, cache = out / f"{name}.json", caches / name
        return Measurement(name, [py, "-m", "scanner", "observe", str(root), "--format", "json", "-o", str(output),
                                  "--jobs", jobs, *cache_args(mode, cold=True, directory=cache)],
                           checkout, observe_ok, output, before=emptied(cache))

    def scan(name: str, jobs: str, cache: Path, *, cold: bool) -> Measurement:
        output = out / f"{name}.sarif"
        return Measurement(name, [py, "-m", "scanner", "scan", str(root), *inventory, "--format", "sarif",
                                  "-o", str(output), "--jobs", jobs, *cache_args(mode, cold=cold, directory=cache)],
                           checkout, scan_ok, output, before=emptied(cache) if cold else None)

    # The pre-commit run: 5 files changed since the last full scan (a comment appended to each,
    # a new one every run, undone after it), the cache otherwise warm from that scan.
    last_edit = [0]

    def edit(again: bool = False) -> None:
        if not again:
            last_edit[0] += 1
        for f, source in originals.items():
            (root / f).write_bytes(edited(source, last_edit[0]))

    def restore() -> None:
        for f, source in originals.items():
            (root / f).write_bytes(source)
            os.utime(root / f, ns=(stats[f].st_atime_ns, stats[f].st_mtime_ns))

    precommit_out = out / "precommit.txt"
    precommit_cache = cache_args(mode, cold=False, directory=caches / "precommit")

    def precommit(output: Path, cache: list[str]) -> list[str]:
        # --format text, as the pre-commit hook of .pre-commit-hooks.yaml runs it.
        return [py, "-m", "scanner", "scan", *[str(root / f) for f in chosen], "--root", str(root), *inventory,
                "--format", "text", "-o", str(output), *cache]
    semgrep_out, bandit_out = out / "semgrep.json", out / "bandit.json"
    equivalent_out = out / "semgrep-equivalent.json"
    semgrep = tools["semgrep"]

    def semgrep_with(pack: Path, output: Path) -> list[str]:
        # --project-root: the corpus sits in this git repository, whose .gitignore leaves out
        # bench/perf/.cache/; semgrep would then scan nothing (or, outside git, skip tests/).
        return [str(semgrep), "scan", "--metrics=off", "--disable-version-check", "--config", str(pack),
                "--project-root", str(root), str(root), "--json", "-o", str(output)]
    measurements = {m.name: m for m in (
        Measurement("read_files", [py, "-c", READ_SCRIPT, str(listing)], checkout, frozenset({0})),
        Measurement("ast_parse", [py, "-c", AST_SCRIPT, str(listing)], checkout, frozenset({0})),
        observe("observe_1_worker", "1"),
        observe("observe_all_cores", "0"),
        scan("scan_all_cores", "0", caches / "scan_all_cores", cold=True),
        scan("scan_1_worker", "1", caches / "scan", cold=True),
        # Right after scan_1_worker, on the same unchanged tree, with the cache it wrote.
        scan("scan_second_run", "1", caches / "scan", cold=False),
        Measurement("precommit", precommit(precommit_out, precommit_cache), checkout, scan_ok, precommit_out,
                    before=edit, after=restore),
        Measurement("semgrep", semgrep_with(checkout / SEMGREP_PACK, semgrep_out), checkout, frozenset({0, 1}), semgrep_out),
        # The same command with the pack of policyscan's coverage (generated once per run, in main).
        Measurement("semgrep_equivalent", semgrep_with(EQUIVALENT_PACK, equivalent_out), checkout, frozenset({0, 1}),
                    equivalent_out, once_after_s=ONCE_AFTER_S),
        Measurement("bandit", [py, "-m", "bandit", "-r", str(root), "-f", "json", "-o", str(bandit_out), "-q"],
                    checkout, frozenset({0, 1}), bandit_out),
    )}
    if semgrep is None:
        measurements["semgrep"].unavailable = "semgrep is not installed (pip install -e '.[semgrep]')"
    elif not (checkout / SEMGREP_PACK).exists():
        measurements["semgrep"].unavailable = f"{SEMGREP_PACK} is not in the checkout"
    if semgrep is None:
        measurements["semgrep_equivalent"].unavailable = measurements["semgrep"].unavailable
    elif tools["equivalent_pack_error"]:
        measurements["semgrep_equivalent"].unavailable = tools["equivalent_pack_error"]
    if tools["bandit_unavailable"]:
        measurements["bandit"].unavailable = tools["bandit_unavailable"]
    if mode is None:
        measurements["scan_second_run"].note = NO_CACHE_YET
    newlines = sum(source.count(b"\n") for source in originals.values())
    measurements["precommit"].note = f"5 changed files, {newlines} lines" + (", cache warm" if mode else "")

    # Warm up, untimed: compile the checkout's .pyc files, and give the pre-commit run the cache
    # of a full scan, so that no repeat pays for what a user pays once.
    warm_up = [py, "-m", "scanner", "scan", str(root), *inventory, "--format", "text", "-o", str(precommit_out),
               *precommit_cache] if mode else measurements["precommit"].cmd
    subprocess.run(warm_up, cwd=checkout, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=child_env())
    errfile = out / "stderr.txt"
    load_before = _loadavg()
    for i in range(repeat):
        for m in measurements.values():
            if m.unavailable is None and m.error is None and m.repeats():
                print(f"  [{corpus.name} {i + 1}/{repeat}] {m.name} ...", end="", flush=True)
                m.run_once(errfile)
                print(f" {m.walls[-1]:.2f} s" if m.error is None else f" failed: {m.error}", flush=True)

    if mode and measurements["precommit"].digests:
        # Once: the last pre-commit run again (same edit) without the cache, which must say the same.
        cold_out = out / "precommit-no-cache.txt"
        cold = Measurement("precommit_no_cache", precommit(cold_out, ["--no-cache"]), checkout, scan_ok, cold_out,
                           note="once: the last pre-commit run again, without a cache",
                           before=lambda: edit(again=True), after=restore)
        print(f"  [{corpus.name}] {cold.name} ...", end="", flush=True)
        cold.run_once(errfile)
        print(f" {cold.walls[-1]:.2f} s" if cold.error is None else f" failed: {cold.error}", flush=True)
        measurements[cold.name] = cold
    once = measurements["semgrep_equivalent"]
    if repeat > 1 and not once.repeats():
        once.note = f"once: its first run took over {ONCE_AFTER_S:g} s"
    results = {name: m.result() for name, m in measurements.items()}
    load_after = _loadavg()
    identities = {
        "observe_identical_across_workers": identical_outputs(
            measurements["observe_1_worker"].digests + measurements["observe_all_cores"].digests),
        "scan_identical_across_workers": identical_outputs(
            measurements["scan_1_worker"].digests + measurements["scan_all_cores"].digests),
        "scan_identical_with_cache": identical_outputs(
            measurements["scan_1_worker"].digests + measurements["scan_second_run"].digests) if mode else None,
        "precommit_identical_with_cache": identical_outputs(
            measurements["precommit"].digests[-1:] + measurements["precommit_no_cache"].digests)
        if "precommit_no_cache" in measurements else None,
    }
    checks: dict[str, Any] = {
        **identities,
        "policyscan_skipped_files": _skipped(out / "observe_1_worker.json"),
        "semgrep_files_scanned": _semgrep_files(semgrep_out),
        # A pack that matches nothing measures nothing: what semgrep found with the equivalent pack
        # (by rule), and the files or rules it gave up on (timeouts, parse errors).
        "semgrep_equivalent_rules": tools["equivalent_pack_rules"],
        "semgrep_equivalent_findings": semgrep_findings(_load_json(equivalent_out)),
        "semgrep_equivalent_errors": semgrep_errors(_load_json(equivalent_out)),
        "bandit_files_scanned": _bandit_files(bandit_out),
        "cache_mode": mode,
    }
    ratios = compute_ratios(results, cache=mode is not None)
    return {
        "requirement": corpus.requirement,
        "artifact": artifact,
        "version": artifact_version(artifact),
        "root": str(root),
        "files": len(files),
        "files_listed_by": listed_by,
        "lines": lines,
        "bytes": sum(sizes),
        "precommit_files": chosen,
        # Other work on the machine inflates wall times (not CPU times): the 1-minute load
        # average before and after the measurements says whether there was any.
        "load_average": {"before": load_before, "after": load_after},
        "measurements": results,
        "checks": checks,
        "ratios": ratios,
        "targets": evaluate_targets(ratios, identities),
    }


def _loadavg() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _skipped(path: Path) -> int | None:
    data = _load_json(path)
    return len(data.get("skipped", [])) if isinstance(data, dict) else None


def _semgrep_files(path: Path) -> int | None:
    data = _load_json(path)
    return len(data["paths"]["scanned"]) if isinstance(data, dict) and "scanned" in data.get("paths", {}) else None


def semgrep_findings(report: Any) -> dict[str, int] | None:
    """Return the number of results of each rule (by its id, without the config path semgrep puts
    before it) in a semgrep JSON report, or None when there is no report."""
    return _counted(report, "results", lambda result: str(result.get("check_id", "?")).rsplit(".", 1)[-1])


def semgrep_errors(report: Any) -> dict[str, int] | None:
    """Return the number of errors of each type (`Timeout`, `Syntax error`, ...) in a semgrep JSON
    report, or None when there is no report."""
    def type_of(error: dict[str, Any]) -> str:
        kind = error.get("type")
        return kind if isinstance(kind, str) else str(kind[0]) if isinstance(kind, list) and kind else "?"

    return _counted(report, "errors", type_of)


def _counted(report: Any, field: str, name_of: Callable[[dict[str, Any]], str]) -> dict[str, int] | None:
    """The items of a semgrep JSON report's list `field`, counted by `name_of`, in name order; None
    when the report has no such list."""
    if not isinstance(report, dict) or not isinstance(report.get(field), list):
        return None
    return dict(sorted(collections.Counter(name_of(item) for item in report[field]).items()))


def equivalent_pack_for(checkout: Path, semgrep: str | None, *, skip: bool) -> tuple[int | None, str | None]:
    """The equivalent pack's (rule count, None), or (None, why it is not measured); (None, None)
    without semgrep, whose own row says so. Generated only when it will be measured."""
    if skip:
        return None, "not measured (--no-equivalent)"
    return generate_equivalent_pack(checkout) if semgrep else (None, None)


def generate_equivalent_pack(checkout: Path, out: Path = EQUIVALENT_PACK) -> tuple[int | None, str | None]:
    """Write the semgrep pack of policyscan's coverage from the checkout's models (equivalent_pack.py,
    run with the checkout first on PYTHONPATH); return (its number of rules, None) or (None, why not)."""
    env = child_env()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(checkout), env.get("PYTHONPATH", "")) if p)
    done = subprocess.run([sys.executable, str(EQUIVALENT_PACK_SCRIPT), str(out)], cwd=checkout,
                          check=False, capture_output=True, text=True, env=env)
    pack = _load_json(out) if done.returncode == 0 else None
    if not isinstance(pack, dict) or not isinstance(pack.get("rules"), list):
        tail = " | ".join(done.stderr.strip().splitlines()[-2:])
        return None, f"the equivalent pack could not be generated from this checkout's models: {tail}"
    return len(pack["rules"]), None


def _bandit_files(path: Path) -> int | None:
    data = _load_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        return None
    return len([k for k in data["metrics"] if k != "_totals"])


def report(doc: Mapping[str, Any]) -> str:
    """Return the printed report: per corpus, the table, the checks, and the targets with PASS/FAIL."""
    lines = [
        f"policyscan performance benchmark: commit {doc['checkout']['commit'] or '?'}, "
        f"{doc['machine']['nproc']} cores ({doc['machine']['cpu']}), Python {doc['machine']['python']}, "
        f"{doc['repeat']} repeats, {doc['duration_s']:.0f} s",
    ]
    for name, corpus in doc["corpora"].items():
        lines += [
            "",
            f"{name} {corpus['version']}: {corpus['files']} files, {corpus['lines']} lines "
            f"(load average {corpus['load_average']['before']} before, {corpus['load_average']['after']} after)",
            *format_table(corpus["measurements"]),
            "  checks: " + ", ".join(f"{k}={format_value(v)}" for k, v in corpus["checks"].items()),
            "  ratios: " + ", ".join(f"{k}={format_value(v)}" for k, v in corpus["ratios"].items()),
        ]
        for row in corpus["targets"]:
            lines.append(f"  {row['status']:<5} {row['label']}: {format_value(row['value'])} (target {row['target']})")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (default 3)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"where to write the figures (default {DEFAULT_JSON.relative_to(REPO)})")
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="only this corpus (repeatable; default all)")
    parser.add_argument("--ref", help="measure this commit (exported with git archive) instead of the working tree")
    parser.add_argument("--no-install", action="store_true", help="do not pip-install bandit when it is missing")
    parser.add_argument("--no-equivalent", action="store_true",
                        help="do not measure semgrep with the equivalent pack (it takes most of an hour)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    started = time.perf_counter()
    if args.ref:
        try:
            checkout, commit = export_ref(args.ref)
        except subprocess.CalledProcessError:
            parser.error(f"--ref {args.ref}: no such commit")
        state: dict[str, Any] = {"path": str(checkout), "commit": commit, "modified": [], "exported": True}
    else:
        checkout = REPO
        state = {"path": str(checkout), **git_state(checkout), "exported": False}
    bandit_version, bandit_unavailable = ensure_bandit(not args.no_install)
    semgrep = semgrep_command()
    rules, pack_error = equivalent_pack_for(checkout, semgrep, skip=args.no_equivalent)
    tools = {
        "semgrep": semgrep,
        "semgrep_version": semgrep_version(semgrep) if semgrep else None,
        "equivalent_pack_rules": rules,
        "equivalent_pack_error": pack_error,
        "bandit_version": bandit_version,
        "bandit_unavailable": bandit_unavailable,
    }
    corpora: dict[str, Any] = {}
    for name in args.corpus or list(CORPORA):
        try:
            corpora[name] = bench_corpus(CORPORA[name], checkout=checkout, repeat=args.repeat, tools=tools)
        except subprocess.CalledProcessError as exc:
            print(f"{name}: cannot fetch or list the corpus: {exc}\n{exc.stderr}", file=sys.stderr)
            return 2
    doc = document(
        generated=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        duration_s=time.perf_counter() - started,
        repeat=args.repeat,
        machine=machine(),
        checkout=state,
        tools={"semgrep": tools["semgrep_version"], "bandit": bandit_version, "bandit_unavailable": bandit_unavailable},
        corpora=corpora,
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    sys.stdout.write(report(doc))
    print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
