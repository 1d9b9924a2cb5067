"""The performance benchmark's pure parts: statistics, ratios, targets, and the JSON it writes.

Nothing here downloads a corpus; the one test that starts a process times `python -c`.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

RUN_PY = Path(__file__).resolve().parents[1] / "bench" / "perf" / "run.py"
PACK_PY = RUN_PY.with_name("equivalent_pack.py")


def _load(path: Path = RUN_PY, name: str = "bench_perf_run") -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


perf = _load()
equivalent = _load(PACK_PY, "bench_perf_equivalent_pack")


def entry(median: float, rss_mb: float = 50.0, cpu: float | None = None) -> dict[str, Any]:
    """A measurement's JSON entry, as Measurement.result() writes it, with one run."""
    cpu_s = perf.summarize([median if cpu is None else cpu])
    return {"wall_s": perf.summarize([median]), "cpu_s": cpu_s, "max_rss_mb": rss_mb,
            "exit_codes": [0], "command": ["x"]}


# --- statistics ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("walls", "expected"),
    [
        ([2.0], {"median": 2.0, "min": 2.0, "max": 2.0, "runs": [2.0]}),
        ([3.0, 1.0, 2.0], {"median": 2.0, "min": 1.0, "max": 3.0, "runs": [3.0, 1.0, 2.0]}),
        ([1.0, 2.0, 3.0, 10.0], {"median": 2.5, "min": 1.0, "max": 10.0, "runs": [1.0, 2.0, 3.0, 10.0]}),
        ([0.12345, 0.1236], {"median": 0.124, "min": 0.123, "max": 0.124, "runs": [0.123, 0.124]}),
    ],
)
def test_summarize(walls: list[float], expected: dict[str, Any]) -> None:
    assert perf.summarize(walls) == expected


def test_summarize_without_runs_is_an_error() -> None:
    with pytest.raises(ValueError, match="no run to summarize"):
        perf.summarize([])


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (6.0, 2.0, 3.0),
        (1.0, 3.0, 0.33),
        (2.0, 3.0, 0.67),
        (None, 2.0, None),
        (2.0, None, None),
        (2.0, 0.0, None),
    ],
)
def test_ratio(numerator: float | None, denominator: float | None, expected: float | None) -> None:
    assert perf.ratio(numerator, denominator) == expected


# --- ratios and targets ----------------------------------------------------------------------------

MEASUREMENTS: dict[str, dict[str, Any]] = {
    "read_files": entry(0.5, 10.0),
    "ast_parse": entry(4.0, 20.0, cpu=2.0),
    "observe_1_worker": entry(10.0, 60.0),
    "observe_all_cores": entry(6.0, 55.0),
    "scan_all_cores": entry(8.0, 58.0),
    "scan_1_worker": entry(12.0, 61.5, cpu=9.0),
    "scan_second_run": entry(2.0, 40.0),
    "precommit": entry(0.25, 30.0),
    "semgrep": entry(40.0, 400.0),  # larger than any policyscan figure: must not count as policyscan's
    "semgrep_equivalent": entry(600.0, 900.0, cpu=1100.0),
    "bandit": entry(24.0, 90.0),
}


def test_compute_ratios_with_a_cache() -> None:
    assert perf.compute_ratios(MEASUREMENTS, cache=True) == {
        "scan_1_worker_over_ast": 3.0,
        "scan_all_cores_over_ast": 2.0,
        "observe_1_worker_over_ast": 2.5,
        "observe_all_cores_over_ast": 1.5,
        "scan_1_worker_over_ast_cpu": 4.5,
        "observe_1_worker_over_ast_cpu": 5.0,
        "ast_over_read": 8.0,
        "semgrep_over_scan": 5.0,
        "semgrep_over_scan_1_worker": 3.33,
        "semgrep_equivalent_over_scan": 75.0,
        "semgrep_equivalent_over_scan_cpu": 137.5,
        "bandit_over_scan": 3.0,
        "precommit_wall_s": 0.25,
        "policyscan_peak_rss_mb": 61.5,
        "second_run_speedup": 6.0,
    }


def test_without_a_cache_the_speedup_is_not_a_figure() -> None:
    assert perf.compute_ratios(MEASUREMENTS, cache=False)["second_run_speedup"] == "n/a: no cache yet"


def test_missing_and_failed_measurements_give_no_ratio() -> None:
    measurements = dict(MEASUREMENTS)
    measurements["semgrep"] = {"command": ["semgrep"], "unavailable": "semgrep is not installed"}
    measurements["semgrep_equivalent"] = {"command": ["semgrep"], "unavailable": "semgrep is not installed"}
    measurements["bandit"] = {"command": ["bandit"], "error": "exit 2: boom"}
    del measurements["ast_parse"]
    ratios = perf.compute_ratios(measurements, cache=False)
    assert {k: ratios[k] for k in ("scan_1_worker_over_ast", "ast_over_read", "semgrep_over_scan", "bandit_over_scan",
                                   "semgrep_equivalent_over_scan", "semgrep_equivalent_over_scan_cpu")} == {
        "scan_1_worker_over_ast": None, "ast_over_read": None, "semgrep_over_scan": None, "bandit_over_scan": None,
        "semgrep_equivalent_over_scan": None, "semgrep_equivalent_over_scan_cpu": None,
    }
    assert ratios["precommit_wall_s"] == 0.25


def test_peak_memory_is_the_largest_policyscan_process() -> None:
    assert perf.peak_rss_mb(MEASUREMENTS, perf.POLICYSCAN_MEASUREMENTS) == 61.5
    assert perf.peak_rss_mb(MEASUREMENTS, ["semgrep", "bandit"]) == 400.0
    assert perf.peak_rss_mb(MEASUREMENTS, ["semgrep_equivalent"]) == 900.0
    assert perf.peak_rss_mb({"scan_1_worker": {"error": "exit 2"}}, perf.POLICYSCAN_MEASUREMENTS) is None


TARGETS = {t.key: t for t in perf.TARGETS}


@pytest.mark.parametrize(
    ("key", "value", "status"),
    [
        ("scan_1_worker_over_ast", 3.0, "PASS"),  # "at most 3x": the limit itself passes
        ("scan_1_worker_over_ast", 3.01, "FAIL"),
        ("scan_all_cores_over_ast", 2.0, "PASS"),
        ("scan_all_cores_over_ast", 2.5, "FAIL"),
        ("semgrep_over_scan", 5.0, "PASS"),  # "at least 5x faster"
        ("semgrep_over_scan", 4.99, "FAIL"),
        ("semgrep_equivalent_over_scan", 5.0, "PASS"),
        ("semgrep_equivalent_over_scan", 4.99, "FAIL"),
        ("semgrep_equivalent_over_scan", None, "n/a"),
        ("precommit_wall_s", 0.299, "PASS"),  # "under 0.3 s": the limit itself fails
        ("precommit_wall_s", 0.3, "FAIL"),
        ("policyscan_peak_rss_mb", 299.9, "PASS"),
        ("policyscan_peak_rss_mb", 300.0, "FAIL"),
        ("second_run_speedup", 5.0, "PASS"),
        ("second_run_speedup", "n/a: no cache yet", "n/a"),
        ("second_run_speedup", None, "n/a"),
    ],
)
def test_check_target(key: str, value: float | str | None, status: str) -> None:
    assert perf.check_target(TARGETS[key], value) == status


def test_evaluate_targets_rows() -> None:
    identities = {"observe_identical_across_workers": False, "scan_identical_across_workers": True}
    rows = perf.evaluate_targets(perf.compute_ratios(MEASUREMENTS, cache=False), identities)
    assert [(r["key"], r["target"], r["value"], r["status"]) for r in rows] == [
        ("scan_1_worker_over_ast", "<= 3x", 3.0, "PASS"),
        ("scan_all_cores_over_ast", "<= 2x", 2.0, "PASS"),
        ("semgrep_over_scan", ">= 5x", 5.0, "PASS"),
        ("semgrep_equivalent_over_scan", ">= 5x", 75.0, "PASS"),
        ("precommit_wall_s", "< 0.3 s", 0.25, "PASS"),
        ("policyscan_peak_rss_mb", "< 300 MB", 61.5, "PASS"),
        ("second_run_speedup", ">= 5x", "n/a: no cache yet", "n/a"),
        ("observe_identical_across_workers", "byte-identical", False, "FAIL"),
        ("scan_identical_across_workers", "byte-identical", True, "PASS"),
        ("scan_identical_with_cache", "byte-identical", None, "n/a"),
        ("precommit_identical_with_cache", "byte-identical", None, "n/a"),
    ]
    assert all(set(r) == {"key", "label", "target", "value", "status"} for r in rows)
    assert [r["label"] for r in rows[2:4]] == [
        "semgrep / full scan (all cores)", "semgrep with an equivalent pack / full scan (all cores)"]


@pytest.mark.parametrize(("identical", "status"), [(True, "PASS"), (False, "FAIL"), (None, "n/a")])
def test_identity_check_status(identical: bool | None, status: str) -> None:
    rows = perf.evaluate_targets({}, {"scan_identical_with_cache": identical})
    assert {r["key"]: r["status"] for r in rows}["scan_identical_with_cache"] == status


@pytest.mark.parametrize(
    ("digests", "expected"),
    [(["a", "a", "a"], True), (["a", "b"], False), (["a"], None), ([], None)],
)
def test_identical_outputs(digests: list[str], expected: bool | None) -> None:
    assert perf.identical_outputs(digests) is expected


# --- detecting the cache, choosing files, naming versions -------------------------------------------


@pytest.mark.parametrize(
    ("help_text", "expected"),
    [
        ("  --no-cache   Analyse every file again.\n", True),
        ("  --cache / --no-cache  Use the result cache.\n", True),
        ("  --no-cache-dir  Something else.\n", False),
        ("  --no-caches\n", False),
        ("  --jobs INTEGER\n  --exit-zero\n", False),
        ("", False),
    ],
)
def test_has_cache_flag(help_text: str, expected: bool) -> None:
    assert perf.has_cache_flag(help_text) is expected


@pytest.mark.parametrize(
    ("help_text", "mode"),
    [
        ("  --no-cache  Analyse every file again.\n  --cache-dir DIRECTORY  Where to keep it.\n", "cache-dir"),
        ("  --no-cache  Analyse every file again.\n", "no-cache"),
        ("  --cache-dir DIRECTORY\n", None),  # no way to turn it off: not the cache the benchmark knows
        ("  --jobs INTEGER\n", None),
    ],
)
def test_cache_mode(help_text: str, mode: str | None) -> None:
    assert perf.cache_mode(help_text) == mode


@pytest.mark.parametrize(
    ("mode", "cold", "args"),
    [
        ("cache-dir", True, ["--cache-dir", "/c/scan"]),
        ("cache-dir", False, ["--cache-dir", "/c/scan"]),
        ("no-cache", True, ["--no-cache"]),
        ("no-cache", False, []),
        (None, True, []),
        (None, False, []),
    ],
)
def test_cache_args(mode: str | None, cold: bool, args: list[str]) -> None:
    assert perf.cache_args(mode, cold=cold, directory=Path("/c/scan")) == args


@pytest.mark.parametrize("source", [b"x = 1\n", b"x = 1", b""])
def test_a_precommit_edit_is_a_comment_that_can_be_undone(source: bytes) -> None:
    first, second = perf.edited(source, 1), perf.edited(source, 2)
    assert first == source + b"\n# policyscan benchmark: a pre-commit edit 1\n"
    assert first != second  # each run changes the files again: never a cache hit
    assert perf.unedited(first) == perf.unedited(second) == perf.unedited(source) == source


CORPUS = perf.Corpus(name="demo", requirement="demo==1", sdist=True, precommit=("a.py", "b.py", "c.py", "d.py", "e.py"))


def test_precommit_files_are_the_corpus_choice_when_present() -> None:
    files = ["z.py", "e.py", "d.py", "c.py", "b.py", "a.py", "y.py"]
    assert perf.precommit_files(CORPUS, files) == ["a.py", "b.py", "c.py", "d.py", "e.py"]


def test_precommit_files_fall_back_to_evenly_spaced_files() -> None:
    files = [f"f{i:02d}.py" for i in range(20)]
    assert perf.precommit_files(CORPUS, list(reversed(files))) == ["f02.py", "f06.py", "f10.py", "f14.py", "f18.py"]


def test_precommit_needs_five_files() -> None:
    with pytest.raises(ValueError, match="demo: 4 files, a pre-commit run needs 5"):
        perf.precommit_files(CORPUS, ["a.py", "b.py", "c.py", "d.py"])


def test_each_corpus_names_five_precommit_files() -> None:
    assert {name: len(c.precommit) for name, c in perf.CORPORA.items()} == {"django": 5, "superset": 5}


@pytest.mark.parametrize(
    ("filename", "version"),
    [
        ("django-5.2.19.tar.gz", "5.2.19"),
        ("Django-5.2.tar.gz", "5.2"),
        ("apache_superset-6.1.0-py3-none-any.whl", "6.1.0"),
        ("pkg-1.0rc1.zip", "1.0rc1"),
        ("README.txt", None),
    ],
)
def test_artifact_version(filename: str, version: str | None) -> None:
    assert perf.artifact_version(filename) == version


# --- measuring and the JSON output ------------------------------------------------------------------


def test_measurement_result_shape() -> None:
    m = perf.Measurement("scan_1_worker", ["python", "-m", "scanner"], Path("."), frozenset({0, 1}))
    m.walls, m.cpus, m.rss_kb, m.codes = [2.0, 1.0, 3.0], [1.5, 1.0, 2.0], [51200, 40960, 45000], [1, 1, 0]
    m.loads = [0.5, 1.5, 1.0]
    m.note = "n/a: no cache yet"
    assert m.result() == {
        "command": ["python", "-m", "scanner"],
        "wall_s": {"median": 2.0, "min": 1.0, "max": 3.0, "runs": [2.0, 1.0, 3.0]},
        "cpu_s": {"median": 1.5, "min": 1.0, "max": 2.0, "runs": [1.5, 1.0, 2.0]},
        "max_rss_mb": 50.0,
        "exit_codes": [0, 1],
        "max_load_average": 1.5,
        "note": "n/a: no cache yet",
    }


def test_unavailable_and_failed_measurements_have_no_figures() -> None:
    gone = perf.Measurement("bandit", ["bandit"], Path("."), frozenset({0}), unavailable="bandit is not installed")
    failed = perf.Measurement("semgrep", ["semgrep"], Path("."), frozenset({0}), error="exit 2: bad rule")
    assert gone.result() == {"command": ["bandit"], "unavailable": "bandit is not installed"}
    assert failed.result() == {"command": ["semgrep"], "error": "exit 2: bad rule"}


def test_run_once_times_a_process_and_rejects_unexpected_exit_codes(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    ok = perf.Measurement("ok", [sys.executable, "-c", f"open({str(out)!r}, 'w').write('x')"], tmp_path,
                          frozenset({0}), output=out)
    ok.run_once(tmp_path / "err.txt")
    assert ok.error is None and ok.codes == [0] and len(ok.walls) == 1 and ok.walls[0] > 0
    assert ok.rss_kb[0] > 1000  # a Python process takes megabytes
    assert ok.digests == ["2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"]  # sha256 of "x"

    bad = perf.Measurement("bad", [sys.executable, "-c", "import sys; print('broken', file=sys.stderr); sys.exit(2)"],
                           tmp_path, frozenset({0, 1}))
    bad.run_once(tmp_path / "err.txt")
    assert bad.error == "exit 2: broken"
    assert bad.walls == [] and bad.result() == {"command": bad.cmd, "error": "exit 2: broken"}


def test_document_shape_and_report() -> None:
    ratios = perf.compute_ratios(MEASUREMENTS, cache=False)
    corpus = {
        "requirement": "demo==1", "artifact": "demo-1.tar.gz", "version": "1", "root": "/tmp/demo", "files": 3,
        "files_listed_by": "scanner.discovery", "lines": 30, "bytes": 300, "precommit_files": ["a.py"],
        "load_average": {"before": 0.5, "after": 0.7},
        "measurements": {"ast_parse": MEASUREMENTS["ast_parse"],
                         "bandit": {"command": ["bandit"], "unavailable": "bandit is not installed"}},
        "checks": {"observe_identical_across_workers": True},
        "ratios": {"precommit_wall_s": ratios["precommit_wall_s"], "second_run_speedup": ratios["second_run_speedup"]},
        "targets": perf.evaluate_targets(ratios, {})[4:5],
    }
    doc = perf.document(
        generated="2025-01-01T00:00:00Z", duration_s=61.26, repeat=3,
        machine={"nproc": 2, "cpu": "AMD EPYC", "python": "3.11.7", "platform": "Linux"},
        checkout={"path": "/repo", "commit": "abc123", "modified": [], "exported": True},
        tools={"semgrep": "1.185.0", "bandit": None, "bandit_unavailable": "bandit is not installed"},
        corpora={"demo": corpus},
    )
    assert list(doc) == ["schema_version", "generated", "duration_s", "repeat", "machine", "checkout", "tools", "corpora"]
    assert doc["schema_version"] == 1 and doc["duration_s"] == 61.3
    assert json.loads(json.dumps(doc, sort_keys=True)) == doc  # plain JSON values only
    assert perf.report(doc).splitlines() == [
        "policyscan performance benchmark: commit abc123, 2 cores (AMD EPYC), Python 3.11.7, 3 repeats, 61 s",
        "",
        "demo 1: 3 files, 30 lines (load average 0.5 before, 0.7 after)",
        "  measurement           median s    min s    max s    cpu s  peak MB  load  note",
        "  ast_parse                4.000    4.000    4.000    2.000     20.0     -",
        "  bandit                       -        -        -        -        -     -  bandit is not installed",
        "  checks: observe_identical_across_workers=True",
        "  ratios: precommit_wall_s=0.25, second_run_speedup=n/a: no cache yet",
        "  PASS  pre-commit run on 5 files, wall: 0.25 (target < 0.3 s)",
    ]


def test_run_once_runs_the_hooks_around_the_command_even_when_it_fails(tmp_path: Path) -> None:
    calls: list[str] = []
    flag = tmp_path / "edited"
    m = perf.Measurement(
        "hooked", [sys.executable, "-c", f"import os, sys; sys.exit(0 if os.path.exists({str(flag)!r}) else 5)"],
        tmp_path, frozenset({0}),
        before=lambda: (calls.append("before"), flag.touch()) and None,
        after=lambda: (calls.append("after"), flag.unlink()) and None,
    )
    m.run_once(tmp_path / "err.txt")  # the command sees what `before` did
    assert (m.codes, m.error, calls, flag.exists()) == ([0], None, ["before", "after"], False)

    m.before = lambda: calls.append("before")
    m.after = lambda: calls.append("after")
    m.run_once(tmp_path / "err.txt")
    assert (m.error, calls[2:]) == ("exit 5: ", ["before", "after"])


def test_an_accepted_exit_code_without_the_report_is_an_error(tmp_path: Path) -> None:
    # policyscan's internal errors exit 3, like an incomplete scan, but write no report.
    m = perf.Measurement("crash", [sys.executable, "-c", "import sys; print('IndexError: boom', file=sys.stderr); sys.exit(3)"],
                         tmp_path, frozenset({0, 3}), output=tmp_path / "report.json")
    m.run_once(tmp_path / "err.txt")
    assert (m.error, m.walls) == ("exit 3, no report written: IndexError: boom", [])


def test_semgreps_version_is_asked_without_a_version_check(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[list[str]] = []

    class Done:
        returncode = 0
        stdout = "1.185.0\n"
        stderr = ""

    def run(cmd: list[str], **kwargs: Any) -> Done:
        asked.append(cmd)
        return Done()

    monkeypatch.setattr(perf.subprocess, "run", run)
    assert perf.semgrep_version("/opt/semgrep") == "1.185.0"
    assert asked == [["/opt/semgrep", "--version", "--disable-version-check"]]


# --- semgrep with a pack of policyscan's coverage ----------------------------------------------------


@pytest.mark.parametrize(("walls", "again"), [([], True), ([59.0], True), ([60.0], True), ([60.5], False)])
def test_a_measurement_over_a_minute_is_not_repeated(walls: list[float], again: bool) -> None:
    m = perf.Measurement("semgrep_equivalent", ["semgrep"], Path("."), frozenset({0}), once_after_s=perf.ONCE_AFTER_S)
    m.walls.extend(walls)
    assert m.repeats() is again
    assert perf.Measurement("semgrep", ["semgrep"], Path("."), frozenset({0}), walls=[999.0]).repeats() is True


def test_semgrep_findings_and_errors_are_counted_by_rule_and_type() -> None:
    report = {
        "results": [{"check_id": "tmp.out.policyscan-equivalent-log"}, {"check_id": "policyscan-equivalent-share"},
                    {"check_id": "tmp.out.policyscan-equivalent-log"}],
        "errors": [{"type": "Timeout"}, {"type": ["PartialParsing", [{"line": 1}]]}, {"type": "Timeout"}],
    }
    assert perf.semgrep_findings(report) == {"policyscan-equivalent-log": 2, "policyscan-equivalent-share": 1}
    assert perf.semgrep_errors(report) == {"PartialParsing": 1, "Timeout": 2}
    assert (perf.semgrep_findings(None), perf.semgrep_errors({"results": []})) == (None, None)
    assert (perf.semgrep_findings({"results": []}), perf.semgrep_errors({"errors": []})) == ({}, {})


def test_the_equivalent_pack_is_generated_from_the_checkout(tmp_path: Path) -> None:
    out = tmp_path / "pack.yaml"
    assert perf.generate_equivalent_pack(RUN_PY.parents[2], out) == (4, None)
    assert [rule["id"] for rule in json.loads(out.read_text(encoding="utf-8"))["rules"]] == [
        "policyscan-equivalent-collect", "policyscan-equivalent-cookie", "policyscan-equivalent-log",
        "policyscan-equivalent-share"]


TINY_MODELS = """\
[pack]
name = "tiny"

[returns]
"logging.getLogger" = "logging.Logger"
"logging.Logger.getChild" = "logging.Logger"

[aliases]
"segment.analytics" = "analytics"
"openai.AsyncOpenAI" = "openai.OpenAI"
"tornado.log.app_log" = "logging.Logger"

[[log]]
rule = "python.logging.personal-data"
library = "logging"
functions = ["builtins.print"]
receivers = ["logging.Logger"]
methods = ["info", "warning"]

[heuristics]
logger_names = ["logger", "log"]

[[sdk]]
recipient = "Segment"
rule = "python.share.segment"
calls = ["analytics.track", "openai.OpenAI().chat.completions.create"]

[[setter]]
rule = "python.cookie.set-cookie"
methods = ["set_cookie"]
positional = ["name", "value"]

[request]
objects = ["flask.request"]
annotations = ["fastapi.Request"]
parameter_names = ["request"]
self_attributes = []

[request.attributes]
form = "fields"
headers = "headers"
cookies = "cookies"

[request.methods]
get_json = "fields"

[[schema]]
family = "pydantic"
rule = "python.pydantic.field"
bases = ["pydantic.BaseModel"]
annotated = true
"""

TINY_CLASSIFIER = """\
[words]
transparent = ["list"]
exclude = ["is"]

[owners]
person = ["customer"]

[categories."user.contact.email"]
patterns = ["email"]

[categories."user.name"]
patterns = ["name @person", "first name"]
suffixes = ["initial"]

[headers]
"user-agent" = "user.device"
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    from scanner.classify import compile_pack
    from scanner.packs import load_models

    path = tmp_path_factory.mktemp("tiny") / "tiny.toml"
    path.write_text(TINY_MODELS, encoding="utf-8")
    return load_models([path]), compile_pack(TINY_CLASSIFIER, "classifier.toml")


def test_sink_patterns_tell_functions_from_methods_of_made_objects(tiny: tuple[Any, Any]) -> None:
    models, _ = tiny
    assert equivalent.sink_patterns(models.log_calls.names(), models) == equivalent.SinkPatterns(
        functions=("builtins.print",),
        # Logger.getChild is a method of a logger, not a way to make one from nothing
        methods={"logging.getLogger(...)": ("info", "warning"), "tornado.log.app_log": ("info", "warning")},
    )
    assert equivalent.sink_patterns(models.share_calls.names(), models) == equivalent.SinkPatterns(
        functions=("analytics.track", "segment.analytics.track"),
        methods={"openai.AsyncOpenAI(...)": ("chat.completions.create",), "openai.OpenAI(...)": ("chat.completions.create",)},
    )


def test_call_patterns_call_a_receiver_directly_or_through_a_variable() -> None:
    sinks = equivalent.SinkPatterns(functions=("analytics.track",), methods={"openai.OpenAI(...)": ("chat.completions.create", "embeddings.create")})
    assert equivalent.call_patterns(sinks) == [
        {"pattern": "analytics.track(...)"},
        {"pattern": "openai.OpenAI(...).chat.completions.create(...)"},
        {"pattern": "openai.OpenAI(...).embeddings.create(...)"},
        {"patterns": [
            {"pattern-inside": "$O = openai.OpenAI(...)\n...\n"},
            {"pattern-either": [{"pattern": "$O.chat.completions.create(...)"}, {"pattern": "$O.embeddings.create(...)"}]},
        ]},
    ]


@pytest.mark.parametrize(
    ("name", "personal"),
    [
        ("email", True),
        ("emails", True),
        ("user_email", True),
        ("userEmail", True),
        ("self.user.email", True),
        ("email_list", True),  # a transparent word after the match
        ("email2", True),
        ("first_name", True),
        ("firstName", True),
        ("firstname", True),
        ("first_name_initial", True),  # the category's suffix
        ("customer_name", True),  # an owner word before a pattern that needs one
        ("customer.name", True),
        ("name", False),  # ... and not without it
        ("product_name", False),
        ("is_email", False),  # an excluded word before the match
        ("email_template", False),  # a word after the match that is not transparent
        ("bemail", False),  # a match starts a word
        ("EMAIL", False),
        ("get_email()", False),
    ],
)
def test_name_regex_reads_names_as_the_classifier_does(tiny: tuple[Any, Any], name: str, personal: bool) -> None:
    import re

    (regex,) = equivalent.name_regexes(tiny[1])
    assert bool(re.match(regex, name)) is personal


def test_within_text_the_regex_finds_reads_not_calls(tiny: tuple[Any, Any]) -> None:
    import re

    (regex,) = equivalent.name_regexes(tiny[1], within_text=True)
    line = 'send(user.email, data["first_name"], get_email(), is_email, customer.name, product.name)'
    assert [m.group(0) for m in re.finditer(regex, line)] == ["user.email", "first_name", "customer.name"]


def test_long_pattern_lists_are_split_into_regexes_within_the_budget(tiny: tuple[Any, Any]) -> None:
    import re

    whole = equivalent.name_regexes(tiny[1])
    split = equivalent.name_regexes(tiny[1], budget=len(whole[0]) - 20)
    assert len(whole) == 1 and len(split) == 2
    for name in ("email", "customer_name", "first_name"):
        assert sum(bool(re.match(r, name)) for r in split) == 1


def test_the_pack_has_one_rule_per_family_and_is_deterministic(tiny: tuple[Any, Any]) -> None:
    models, classifier = tiny
    pack = equivalent.build_pack(models, classifier)
    assert [(r["id"], r.get("mode", "search")) for r in pack["rules"]] == [
        ("policyscan-equivalent-collect", "search"), ("policyscan-equivalent-cookie", "search"),
        ("policyscan-equivalent-log", "taint"), ("policyscan-equivalent-share", "taint"),
    ]
    rules = {r["id"].removeprefix("policyscan-equivalent-"): r for r in pack["rules"]}
    assert rules["cookie"]["pattern-either"] == [{"pattern": "$RESPONSE.set_cookie(...)"}]
    assert rules["log"]["pattern-sinks"] == [{"pattern-either": [
        {"pattern": "builtins.print(...)"},
        {"pattern": "logging.getLogger(...).info(...)"},
        {"pattern": "logging.getLogger(...).warning(...)"},
        {"patterns": [{"pattern-inside": "$O = logging.getLogger(...)\n...\n"},
                      {"pattern-either": [{"pattern": "$O.info(...)"}, {"pattern": "$O.warning(...)"}]}]},
        {"pattern": "tornado.log.app_log.info(...)"},
        {"pattern": "tornado.log.app_log.warning(...)"},
        {"patterns": [{"pattern-inside": "$O = tornado.log.app_log\n...\n"},
                      {"pattern-either": [{"pattern": "$O.info(...)"}, {"pattern": "$O.warning(...)"}]}]},
        {"patterns": [{"pattern": "$LOGGER.$METHOD(...)"},
                      {"metavariable-regex": {"metavariable": "$LOGGER", "regex": r"^(?:(?:self|cls)\.)?(?:log|logger)$"}},
                      {"metavariable-regex": {"metavariable": "$METHOD", "regex": "^(?:info|warning)$"}}]},
    ]}]
    # the same sources for both taint rules: personal names in the text, then request reads
    assert rules["log"]["pattern-sources"] == rules["share"]["pattern-sources"]
    sources = rules["log"]["pattern-sources"]
    assert sources[0] == {"pattern-regex": equivalent.name_regexes(classifier, within_text=True)[0]}
    assert sources[1:4] == [{"pattern": "flask.request.form"}, {"pattern": "flask.request.get_json(...)"}, {"patterns": [
        {"pattern-either": [{"pattern": "flask.request.headers[$KEY]"}]},
        {"metavariable-regex": {"metavariable": "$KEY", "regex": r"""(?i)^[\"'](?:HTTP_)?(?:user[-_]agent)[\"']$"""}},
    ]}]
    assert "cookies" not in json.dumps(sources)  # the application's own cookies are not a collect
    assert equivalent.render(pack) == equivalent.render(equivalent.build_pack(models, classifier))
    assert json.loads(equivalent.render(pack)) == pack


SEMGREP = perf.semgrep_command()
needs_semgrep = pytest.mark.skipif(SEMGREP is None, reason="semgrep is not installed (pip install -e '.[semgrep]')")


def _semgrep(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert SEMGREP is not None
    return subprocess.run([SEMGREP, *args, "--metrics=off", "--disable-version-check"], cwd=cwd, check=False,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def real_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out, count = equivalent.write_pack(tmp_path_factory.mktemp("pack") / "equivalent.yaml")
    assert count == 4
    return out


@needs_semgrep
def test_the_real_pack_is_valid_for_semgrep(real_pack: Path, tmp_path: Path) -> None:
    # `semgrep --validate` also runs the lint pack p/semgrep-rule-lints, which it downloads from
    # semgrep.dev (unreachable here): its own check of the rules is semgrep-core's -check_rules,
    # run here with no lint rules, and a --strict scan, which fails on any rule error.
    core = Path(str(importlib.util.find_spec("semgrep").origin)).parent / "bin" / "semgrep-core"  # type: ignore[union-attr]
    if core.exists():
        (tmp_path / "no-lints.yaml").write_text("rules: []\n", encoding="utf-8")
        checked = subprocess.run([str(core), "-json", "-check_rules", str(tmp_path / "no-lints.yaml"), str(real_pack)],
                                 check=False, capture_output=True, text=True, timeout=600)
        assert checked.returncode == 0, checked.stderr[-2000:]
        assert json.loads(checked.stdout[checked.stdout.index("{"):])["errors"] == []
    (tmp_path / "empty.py").write_text("", encoding="utf-8")
    scanned = _semgrep("scan", "--strict", "--config", str(real_pack), "--json", "empty.py", cwd=tmp_path)
    assert (scanned.returncode, json.loads(scanned.stdout)["errors"]) == (0, [])


TEN_LINES = """\
import logging
import analytics
logger = logging.getLogger(__name__)
def signup(user, response):
    logger.info("new user %s", user.email)
    analytics.track(user.id, "Signed up", {"plan": user.plan, "email": user.email})
    logger.info("signed up")
    response.set_cookie("session", "abc")
    log_size = len(response.content)
    return response
"""


@needs_semgrep
def test_the_real_pack_finds_a_log_a_share_and_a_cookie(real_pack: Path, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(TEN_LINES, encoding="utf-8")
    scanned = _semgrep("scan", "--config", str(real_pack), "--json", "app.py", cwd=tmp_path)
    assert scanned.returncode == 0, scanned.stderr[-2000:]
    report = json.loads(scanned.stdout)
    assert report["errors"] == []
    assert sorted((r["check_id"].rsplit(".", 1)[-1], r["start"]["line"]) for r in report["results"]) == [
        ("policyscan-equivalent-cookie", 8),
        ("policyscan-equivalent-log", 5),
        ("policyscan-equivalent-share", 6),
    ]


def test_the_equivalent_pack_can_be_left_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    generated: list[Path] = []
    monkeypatch.setattr(perf, "generate_equivalent_pack", lambda checkout: (generated.append(checkout), (4, None))[1])
    assert perf.equivalent_pack_for(tmp_path, "/opt/semgrep", skip=True) == (None, "not measured (--no-equivalent)")
    assert generated == []
    assert perf.equivalent_pack_for(tmp_path, None, skip=False) == (None, None)
    assert perf.equivalent_pack_for(tmp_path, "/opt/semgrep", skip=False) == (4, None)
    assert generated == [tmp_path]
