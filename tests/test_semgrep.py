"""scanner.semgrep: pack validation, pack lookup, and one semgrep run turned into observations.

semgrep takes a second or two to start, so the real runs are shared: one module-scoped run of
both test packs over the annotated example file and the tree under tests/data/semgrep/, and
one run with a broken pattern. Everything else uses a fake semgrep or no semgrep at all.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scanner import semgrep as sg
from scanner.errors import Problem, RulePackError, SemgrepError
from scanner.model import Cookie, Kind, Observation, Skip, SkipReason, Span

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "semgrep"
SDK_PACK = REPO / "rules" / "semgrep" / "sdk-settings.yaml"
SDK_EXAMPLE = REPO / "rules" / "semgrep" / "sdk-settings.py"
EXTRA_PACK = DATA / "extra-pack.yaml"
VIEWS = "tests/data/semgrep/tree/app/views.py"
BROKEN = "tests/data/semgrep/tree/app/broken.py"
IGNORED = "tests/data/semgrep/tree/tests/ignored_here.py"
EXAMPLE = "rules/semgrep/sdk-settings.py"

SENTRY_PII_MESSAGE = (
    "Sentry is initialised with send_default_pii=True: client IP addresses, the logged-in "
    "user's identifiers, cookies and all request headers (and, with AI integrations, prompts "
    "and responses) are sent to Sentry with its events"
)


# --------------------------------------------------------------------------- the shared run


@dataclass(frozen=True)
class Run:
    outcome: sg.SemgrepOutcome
    calls: list[dict[str, Any]]


@pytest.fixture(scope="module")
def run() -> Iterator[Run]:
    """Both packs over the example file and the test tree, counting subprocess.run calls."""
    calls: list[dict[str, Any]] = []
    real_run = subprocess.run

    def spy(argv: list[str], **kwargs: Any) -> Any:
        calls.append({"argv": list(argv), **kwargs})
        return real_run(argv, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(subprocess, "run", spy)
        outcome = sg.run_semgrep(
            [SDK_PACK, EXTRA_PACK],
            [Path(VIEWS), REPO / BROKEN, Path(IGNORED), Path(EXAMPLE)],
            REPO,
        )
    yield Run(outcome=outcome, calls=calls)


def in_file(run: Run, path: str) -> list[Observation]:
    return [o for o in run.outcome.observations if o.path == path]


# --------------------------------------------------------------------------- annotations

# A comment line of its own, marking the line after it.
ANNOTATION = re.compile(r"^\s*#\s*(ruleid|ok|todoruleid|todook):\s*([\w.-]+(?:\s*,\s*[\w.-]+)*)\s*$")


def annotated_lines(path: Path) -> dict[str, set[tuple[str, int]]]:
    """semgrep-rules annotations: {marker: {(rule id, line of the code it marks)}}."""
    marks: dict[str, set[tuple[str, int]]] = {m: set() for m in ("ruleid", "ok", "todoruleid", "todook")}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = ANNOTATION.match(line)
        if match:
            for rule_id in match.group(2).split(","):
                marks[match.group(1)].add((rule_id.strip(), number + 1))
    return marks


def test_the_annotation_parser_reads_lists_and_markers(tmp_path: Path) -> None:
    example = tmp_path / "x.py"
    example.write_text('"""`# ruleid: ID` in prose"""\n# ruleid: a, b\nf()\n# ok: a\ng()\n    # todook: c\n    h()  # ok: d\n')
    assert annotated_lines(example) == {
        "ruleid": {("a", 3), ("b", 3)},
        "ok": {("a", 5)},
        "todoruleid": set(),
        "todook": {("c", 7)},
    }


def test_sdk_pack_matches_exactly_the_annotated_lines(run: Run) -> None:
    marks = annotated_lines(SDK_EXAMPLE)
    known = marks["todoruleid"] | marks["todook"]
    hits = {(o.rule.removeprefix("semgrep."), o.span.start_line) for o in in_file(run, EXAMPLE)}
    assert hits - known == marks["ruleid"]
    assert not hits & marks["ok"]


def test_every_sdk_rule_has_examples_both_ways() -> None:
    rule_ids = {rule.id for rule in sg._load_pack(SDK_PACK, "sdk-settings.yaml")[0]}
    marks = annotated_lines(SDK_EXAMPLE)
    annotated = {rule_id for pairs in marks.values() for rule_id, _line in pairs}
    assert annotated <= rule_ids, "annotations name rules the pack does not have"
    assert {rule_id for rule_id, _ in marks["ruleid"]} == rule_ids
    assert {rule_id for rule_id, _ in marks["ok"]} == rule_ids


def test_every_sdk_rule_is_a_share_with_a_message_naming_its_recipient() -> None:
    rules = sg._load_pack(SDK_PACK, "sdk-settings.yaml")[0]
    assert len(rules) == 8
    from ruamel.yaml import YAML

    messages = {r["id"]: r["message"] for r in YAML(typ="safe").load(SDK_PACK.read_text())["rules"]}
    for rule in rules:
        assert rule.kind is Kind.SHARE
        assert rule.categories, rule.id
        assert rule.recipient is not None and rule.recipient in messages[rule.id], rule.id


# --------------------------------------------------------------------------- observations


def test_a_result_becomes_an_observation_with_every_field(run: Run) -> None:
    [observation] = [o for o in in_file(run, VIEWS) if o.rule == "semgrep.sentry-send-default-pii"]
    assert observation == Observation(
        kind=Kind.SHARE,
        path=VIEWS,
        span=Span(11, 1, 11, 39),
        categories=("user.content", "user.device.ip_address", "user.unique_id"),
        rule="semgrep.sentry-send-default-pii",
        message=SENTRY_PII_MESSAGE,
        recipient="Sentry",
        reasons=("semgrep rule sentry-send-default-pii in sdk-settings.yaml",),
    )


def test_cookie_and_log_rules_and_byte_columns_counted_as_characters(run: Run) -> None:
    assert [o for o in in_file(run, VIEWS) if o.rule != "semgrep.sentry-send-default-pii"] == [
        # semgrep says columns 35..62: it counts bytes, and "Grüße, 世界" is 9 characters in 15 bytes.
        Observation(
            kind=Kind.LOG,
            path=VIEWS,
            span=Span(5, 29, 5, 56),
            categories=("user.contact.email",),
            rule="semgrep.test-print-email",
            message="user.email is printed",
            reasons=("semgrep rule test-print-email in extra-pack.yaml",),
        ),
        Observation(
            kind=Kind.COOKIE,
            path=VIEWS,
            span=Span(6, 5, 6, 67),
            categories=("user.device.cookie_id",),
            rule="semgrep.test-session-cookie",
            message="a session cookie is set on response",
            cookie=Cookie(name="session"),
            reasons=("semgrep rule test-session-cookie in extra-pack.yaml",),
        ),
        # `# nosemgrep` does not hide a result: policyscan's own suppressions mark, never drop.
        Observation(
            kind=Kind.LOG,
            path=VIEWS,
            span=Span(7, 5, 7, 22),
            categories=("user.contact.email",),
            rule="semgrep.test-print-email",
            message="user.email is printed",
            reasons=("semgrep rule test-print-email in extra-pack.yaml",),
        ),
    ]


def test_a_file_semgrep_cannot_parse_fully_is_a_skip_and_keeps_its_results(run: Run) -> None:
    [skip] = run.outcome.skips
    assert (skip.path, skip.reason, skip.line, skip.column) == (BROKEN, SkipReason.SEMGREP_ERROR, 5, 20)
    assert skip.message.startswith("semgrep PartialParsing: Syntax error at line ")
    assert [o.span.start_line for o in in_file(run, BROKEN)] == [3, 5]


def test_explicit_targets_are_scanned_despite_semgrepignore_and_the_default_tests_exclusion(run: Run) -> None:
    assert [(o.rule, o.span.start_line) for o in in_file(run, IGNORED)] == [("semgrep.sentry-send-default-pii", 3)]


def test_observations_are_sorted_and_paths_relative(run: Run) -> None:
    observations = run.outcome.observations
    assert list(observations) == sorted(observations, key=lambda o: o.sort_key)
    assert {o.path for o in observations} == {VIEWS, BROKEN, IGNORED, EXAMPLE}


def test_one_subprocess_for_all_packs_and_targets(run: Run) -> None:
    [call] = run.calls
    argv = call["argv"]
    assert argv[1:11] == [
        "scan",
        "--json",
        "--metrics=off",
        "--disable-version-check",
        "--no-rewrite-rule-ids",
        "--quiet",
        "--no-git-ignore",
        "--disable-nosem",
        "--max-target-bytes=0",
        "--config",
    ]
    assert argv[11:] == [str(SDK_PACK), "--config", str(EXTRA_PACK), "--", EXAMPLE, BROKEN, VIEWS, IGNORED]
    assert call["cwd"] == REPO
    assert call["env"]["SEMGREP_ENABLE_VERSION_CHECK"] == "0"
    assert call["env"]["SEMGREP_SEND_METRICS"] == "off"
    assert call["timeout"] <= 600


# --------------------------------------------------------------------------- semgrep's rule errors


def test_a_pattern_semgrep_rejects_is_a_rule_pack_error_at_the_rule(tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        textwrap.dedent(
            """\
            rules:
              - id: fine
                languages: [python]
                severity: INFO
                message: m
                pattern: print(...)
                metadata: {policyscan: {kind: log, categories: []}}
              - id: unclosed
                languages: [python]
                severity: INFO
                message: m
                pattern: sentry_sdk.init(send_default_pii=True
                metadata: {policyscan: {kind: log, categories: []}}
            """
        )
    )
    target = tmp_path / "app.py"
    target.write_text("print(1)\n")
    with pytest.raises(RulePackError) as caught:
        sg.run_semgrep([pack], [target], tmp_path)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("bad.yaml", 8)
    assert problem.message.startswith("Rule parse error in rule unclosed: Invalid pattern for Python")


# --------------------------------------------------------------------------- validate_pack

VALID_RULE = """\
rules:
  - id: r
    languages: [python]
    severity: INFO
    message: m
    pattern: f()
    metadata:
      policyscan:
{meta}
"""


def meta(text: str) -> str:
    return VALID_RULE.format(meta=textwrap.indent(textwrap.dedent(text).rstrip("\n"), " " * 8))


VALIDATION_CASES = [
    pytest.param(meta("kind: share\ncategories: [user.device.ip_address]\nrecipient: Sentry"), [], id="valid-share"),
    pytest.param(meta("kind: cookie\ncategories: []\ncookie: session"), [], id="valid-cookie"),
    pytest.param(
        "rules:\n  - id: r\n    pattern: [f(\n",
        [Problem("p.yaml", 4, "invalid YAML: expected ',' or ']', but got '<stream end>'", column=1)],
        id="bad-yaml",
    ),
    pytest.param(
        "rules:\n  - id: r\n    id: s\n",
        [Problem("p.yaml", 3, 'invalid YAML: found duplicate key "id" with value "s" (original value: "r")', column=5)],
        id="duplicate-key",
    ),
    pytest.param("", [Problem("p.yaml", 1, "a semgrep pack must be a mapping with a `rules` list")], id="empty"),
    pytest.param("rules: {}\n", [Problem("p.yaml", 1, "`rules` must be a list of rules", column=1)], id="rules-not-list"),
    pytest.param(
        "rules:\n  - just a string\n  - languages: [python]\n",
        [
            Problem("p.yaml", 2, "rule 1 must be a mapping", column=5),
            Problem("p.yaml", 3, "rule 2 has no `id`", column=5),
        ],
        id="not-a-rule",
    ),
    pytest.param(
        "rules:\n  - id: r\n    pattern: f()\n",
        [Problem("p.yaml", 2, "rule r: no `metadata.policyscan` to turn its results into observations", column=5)],
        id="no-metadata",
    ),
    pytest.param(
        "rules:\n  - id: r\n    metadata:\n      cwe: x\n",
        [Problem("p.yaml", 3, "rule r: no `metadata.policyscan` to turn its results into observations", column=5)],
        id="no-policyscan",
    ),
    pytest.param(
        meta("kind: share\ncategories: [user.contact.emial, user.content]\nrecipient: Sentry"),
        [
            Problem(
                "p.yaml", 10, "rule r: unknown category 'user.contact.emial' (did you mean 'user.contact.email'?)", column=22
            )
        ],
        id="unknown-category",
    ),
    pytest.param(
        meta("kind: share\ncategories: []"),
        [Problem("p.yaml", 8, "rule r: a `share` rule needs a `recipient` (the service's name)", column=7)],
        id="share-without-recipient",
    ),
    pytest.param(
        meta("kind: log\ncategories: []\nrecipient: Sentry\ncookie: sid"),
        [
            Problem("p.yaml", 11, "rule r: `recipient` is only for `share` rules", column=9),
            Problem("p.yaml", 12, "rule r: `cookie` is only for `cookie` rules", column=9),
        ],
        id="recipient-and-cookie-out-of-place",
    ),
    pytest.param(
        meta("kind: send\nsink: x"),
        [
            Problem("p.yaml", 10, "rule r: unknown key `sink` in `metadata.policyscan` (known: categories, cookie, kind, recipient)", column=9),
            Problem("p.yaml", 9, "rule r: unknown kind 'send' (one of collect, share, cookie, log)", column=9),
            Problem("p.yaml", 8, "rule r: `categories` is required (a list of category keys, may be empty)", column=7),
        ],
        id="unknown-kind-and-key",
    ),
    pytest.param(
        "rules:\n  - id: r\n    metadata: {policyscan: {categories: x}}\n",
        [
            Problem("p.yaml", 3, "rule r: `kind` is required (one of collect, share, cookie, log)", column=16),
            Problem("p.yaml", 3, "rule r: `categories` must be a list of category keys", column=29),
        ],
        id="no-kind-categories-not-list",
    ),
    pytest.param(
        meta("kind: log\ncategories: []") + "  - id: r\n    metadata: {policyscan: {kind: log, categories: []}}\n",
        [Problem("p.yaml", 11, "rule id 'r' is used twice (first at line 2)", column=5)],
        id="duplicate-id",
    ),
]


@pytest.mark.parametrize(("text", "expected"), VALIDATION_CASES)
def test_validate_pack_reports_every_problem_at_its_line(tmp_path: Path, text: str, expected: list[Problem]) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(text, encoding="utf-8")
    problems = sg.validate_pack(pack)
    assert [Problem("p.yaml", p.line, p.message, p.column) for p in problems] == expected
    assert all(p.path == pack.as_posix() for p in problems)


def test_validate_pack_on_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert sg.validate_pack(missing) == [Problem(missing.as_posix(), None, "semgrep pack not found")]


def test_validate_pack_names_a_file_under_the_root_relative_to_it(tmp_path: Path) -> None:
    # as run_semgrep's problems name it: the same file was 'rules/bad.yaml' there and absolute here
    (tmp_path / "rules").mkdir()
    missing = tmp_path / "rules" / "missing.yaml"
    assert sg.validate_pack(missing, tmp_path) == [Problem("rules/missing.yaml", None, "semgrep pack not found")]
    assert sg.validate_pack(missing, tmp_path / "rules" / "sub") == [
        Problem(missing.as_posix(), None, "semgrep pack not found")  # outside the root: absolute
    ]


def test_validate_pack_on_a_folder_checks_each_yaml_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(meta("kind: log\ncategories: []"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("rules: 1\n")
    (tmp_path / ".hidden.yaml").write_text("not: [valid\n")
    assert sg.validate_pack(tmp_path) == [
        Problem((tmp_path / "sub" / "b.yml").as_posix(), 1, "`rules` must be a list of rules", column=1)
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert sg.validate_pack(empty) == [
        Problem(empty.as_posix(), None, "no semgrep pack files (*.yaml, *.yml) in this folder")
    ]


def test_the_bundled_and_test_packs_are_valid() -> None:
    assert sg.validate_pack(SDK_PACK) == []
    assert sg.validate_pack(EXTRA_PACK) == []


# --------------------------------------------------------------------------- resolve_pack


def test_resolve_pack_finds_bundled_packs_and_paths(tmp_path: Path) -> None:
    assert sg.resolve_pack("sdk-settings", tmp_path) == SDK_PACK
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "privacy.yaml").write_text("rules: []\n")
    assert sg.resolve_pack("ci/privacy.yaml", tmp_path) == tmp_path / "ci" / "privacy.yaml"
    assert sg.resolve_pack("ci", tmp_path) == tmp_path / "ci"
    assert sg.resolve_pack(str(SDK_PACK), tmp_path) == SDK_PACK


def test_resolve_pack_names_an_unknown_pack_and_lists_the_bundled_ones(tmp_path: Path) -> None:
    with pytest.raises(RulePackError) as caught:
        sg.resolve_pack("sdk-setings", tmp_path)
    bundled = ", ".join(sg.bundled_packs())
    assert "sdk-settings" in bundled
    assert str(caught.value) == (
        f"unknown semgrep pack 'sdk-setings': it is not a bundled pack ({bundled}) "
        f"and there is no file {tmp_path.as_posix()}/sdk-setings"
    )


def test_bundled_packs_are_the_yaml_files_beside_their_examples() -> None:
    packs = sg.bundled_packs()
    assert packs["sdk-settings"] == SDK_PACK
    assert list(packs) == sorted(packs)
    for name, path in packs.items():
        assert path == SDK_PACK.parent / f"{name}.yaml"
        assert path.with_suffix(".py").is_file(), f"{name} has no annotated example file"
        assert sg.validate_pack(path) == []


# --------------------------------------------------------------------------- run_semgrep without semgrep


def test_missing_semgrep_is_a_semgrep_error(tmp_path: Path) -> None:
    target = tmp_path / "a.py"
    target.write_text("x = 1\n")
    with pytest.raises(SemgrepError) as caught:
        sg.run_semgrep([SDK_PACK], [target], tmp_path, semgrep="/nonexistent")
    assert str(caught.value) == (
        "semgrep is not installed (looked for /nonexistent); it is needed for the "
        "semgrep packs sdk-settings.yaml: pip install 'policyscan[semgrep]'"
    )


def test_packs_are_validated_before_semgrep_is_looked_for(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: r\n")
    with pytest.raises(RulePackError) as caught:
        sg.run_semgrep([bad, SDK_PACK], [tmp_path / "a.py"], tmp_path, semgrep="/nonexistent")
    assert caught.value.problems == [
        Problem("bad.yaml", 2, "rule r: no `metadata.policyscan` to turn its results into observations", column=5)
    ]


def test_rule_ids_must_be_unique_across_packs(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text(SDK_PACK.read_text(encoding="utf-8").split("\n  - id: sentry-request-bodies-always")[0])
    with pytest.raises(RulePackError) as caught:
        sg.run_semgrep([SDK_PACK, copy], [], tmp_path, semgrep="/nonexistent")
    [problem] = caught.value.problems
    assert problem == Problem(
        "copy.yaml",
        8,
        f"rule id 'sentry-send-default-pii' is also used in {SDK_PACK.as_posix()}:8; "
        "rule ids must be unique across the enabled semgrep packs",
    )


def test_nothing_to_scan_runs_nothing(tmp_path: Path) -> None:
    assert sg.run_semgrep([SDK_PACK], [], tmp_path, semgrep="/nonexistent") == sg.SemgrepOutcome((), ())
    assert sg.run_semgrep([], [tmp_path / "a.py"], tmp_path, semgrep="/nonexistent") == sg.SemgrepOutcome((), ())


# --------------------------------------------------------------------------- a fake semgrep

FAKE = """\
#!{python}
import json, os, sys, time
args = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(json.dumps(args) + "\\n")
mode = os.environ["FAKE_MODE"]
if mode == "crash":
    sys.stderr.write("line 1\\nTraceback: boom\\n")
    sys.exit(2)
if mode == "sleep":
    time.sleep(10)
if mode == "fatal":
    print(json.dumps({{"results": [], "errors": [
        {{"code": 2, "level": "error", "type": "SemgrepError", "message": "Invalid scanning root: x.py"}}]}}))
    sys.exit(2)
targets = args[args.index("--") + 1:]
if mode == "file-errors":
    # semgrep's columns count bytes: column 13 is after "x = 'é'; y" (11 characters, 12 bytes)
    errors = [
        {{"code": 3, "level": "warn", "type": "Timeout", "rule_id": "fake", "path": targets[0],
          "message": "Timeout when running fake on " + targets[0]}},
        {{"code": 3, "level": "error", "type": "Syntax error", "path": targets[0],
          "message": "unexpected (", "spans": [{{"file": targets[0], "start": {{"line": 1, "col": 13}}}}]}},
    ]
    print(json.dumps({{"results": [], "errors": errors}}))
    sys.exit(0)
if mode == "missing-plugin":
    errors = [{{"code": 0, "level": "info", "type": "Missing plugin", "rule_id": "fake", "path": "/tmp/rules.json",
               "message": "Missing plugin for rule fake:\\n Missing Semgrep extension needed for parsing Apex target."}}]
    print(json.dumps({{"results": [], "errors": errors}}))
    sys.exit(0)
results = [
    {{"check_id": "fake", "path": t, "start": {{"line": 1, "col": 1, "offset": 0}},
      "end": {{"line": 1, "col": 4, "offset": 3}}, "extra": {{"message": "found in " + t}}}}
    for t in targets
]
print(json.dumps({{"results": results, "errors": [], "paths": {{"scanned": targets}}}}))
"""

FAKE_PACK = meta("kind: collect\ncategories: [user.content]").replace("id: r", "id: fake")


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "fake-semgrep"
    script.write_text(FAKE.format(python=sys.executable))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.log"))
    monkeypatch.setenv("FAKE_MODE", "results")
    (tmp_path / "pack.yaml").write_text(FAKE_PACK)
    return script


def fake_calls(tmp_path: Path) -> list[list[str]]:
    return [json.loads(line) for line in (tmp_path / "calls.log").read_text().splitlines()]


def test_targets_are_split_only_when_the_command_line_would_be_too_long(
    tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = []
    for index in range(5):
        target = tmp_path / "src" / f"m{index}.py"
        target.parent.mkdir(exist_ok=True)
        target.write_text("abc\n")
        targets.append(target)
    fixed = sum(sg._argv_cost(a) for a in [str(fake), *sg.SEMGREP_FLAGS, "--config", str(tmp_path / "pack.yaml"), "--"])
    env = sum(sg._argv_cost(f"{k}={v}") for k, v in {**os.environ, **sg.SEMGREP_ENV}.items())
    # room for two targets per command line
    monkeypatch.setattr(sg, "_argv_limit", lambda: fixed + env + 2 * sg._argv_cost("src/m0.py"))
    outcome = sg.run_semgrep([tmp_path / "pack.yaml"], targets, tmp_path, semgrep=str(fake))
    assert [call[call.index("--") + 1 :] for call in fake_calls(tmp_path)] == [
        ["src/m0.py", "src/m1.py"],
        ["src/m2.py", "src/m3.py"],
        ["src/m4.py"],
    ]
    assert [(o.path, o.kind, o.message) for o in outcome.observations] == [
        (f"src/m{i}.py", Kind.COLLECT, f"found in src/m{i}.py") for i in range(5)
    ]


def test_one_call_when_the_command_line_fits(tmp_path: Path, fake: Path) -> None:
    targets = [tmp_path / f"m{i}.py" for i in range(50)]
    for target in targets:
        target.write_text("abc\n")
    outcome = sg.run_semgrep([tmp_path / "pack.yaml"], targets, tmp_path, semgrep=str(fake))
    assert len(fake_calls(tmp_path)) == 1
    assert len(outcome.observations) == 50


@pytest.mark.parametrize(
    ("mode", "timeout", "message"),
    [
        ("crash", 600, "semgrep exited with code 2 and no usable JSON output:\nline 1\nTraceback: boom"),
        ("sleep", 0.5, "semgrep did not finish within 0.5 s"),
        ("fatal", 600, "semgrep failed: Invalid scanning root: x.py"),
    ],
)
def test_semgrep_failures_are_semgrep_errors(
    tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch, mode: str, timeout: float, message: str
) -> None:
    monkeypatch.setenv("FAKE_MODE", mode)
    (tmp_path / "a.py").write_text("abc\n")
    with pytest.raises(SemgrepError) as caught:
        sg.run_semgrep([tmp_path / "pack.yaml"], [tmp_path / "a.py"], tmp_path, semgrep=str(fake), timeout=timeout)
    assert str(caught.value) == message


def test_several_errors_in_one_file_make_one_skip(tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_MODE", "file-errors")
    (tmp_path / "a.py").write_text("x = 'é'; y(\n")
    outcome = sg.run_semgrep([tmp_path / "pack.yaml"], [tmp_path / "a.py"], tmp_path, semgrep=str(fake))
    assert outcome == sg.SemgrepOutcome(
        observations=(),
        skips=(
            Skip(
                path="a.py",
                reason=SkipReason.SEMGREP_ERROR,
                message="semgrep Syntax error: unexpected ( (and 1 more semgrep error in this file)",
                line=1,
                column=12,
            ),
        ),
    )


def test_a_rule_semgrep_cannot_run_is_a_rule_pack_error(tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_MODE", "missing-plugin")
    (tmp_path / "a.py").write_text("x\n")
    with pytest.raises(RulePackError) as caught:
        sg.run_semgrep([tmp_path / "pack.yaml"], [tmp_path / "a.py"], tmp_path, semgrep=str(fake))
    assert caught.value.problems == [
        Problem("pack.yaml", 2, "Missing plugin for rule fake: Missing Semgrep extension needed for parsing Apex target.")
    ]
