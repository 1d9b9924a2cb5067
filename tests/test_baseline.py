"""Baselines: the file format, what survives edits, and how a baseline scan reports and exits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import INVENTORY, cli
from cli_support import VIEWS as SIGNUP
from sarif_check import assert_valid_sarif

from scanner.baseline import (
    Baseline,
    BaselineEntry,
    BaselineError,
    baseline_from_findings,
    load_baseline,
    mark_baseline,
    render_baseline,
)
from scanner.model import Finding, Level, Span, Suppression

# cli_support's signup view, and a route that holds no personal data
VIEWS = SIGNUP + """

@app.get("/health")
def health():
    status = "ok"
    return status
"""
MESSAGE = (
    "user.contact.email is written to a log, which the policy inventory does not allow. "
    "Observed: user.contact.email is written to a log by logging.info()."
)
BASELINE = ".policyscan-baseline.json"


def tree(root: Path, views: str = VIEWS) -> Path:
    (root / "app").mkdir(parents=True, exist_ok=True)
    (root / "privacy-inventory.toml").write_text(INVENTORY, encoding="utf-8")
    (root / "app" / "views.py").write_text(views, encoding="utf-8")
    return root


def identities(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    _, out, _ = cli(["scan", str(root), "--format", "json"], capsys)
    return [f["identity"] for f in json.loads(out)["findings"]]


# ---------------------------------------------------------------- the file
def test_create_writes_a_sorted_versioned_file_in_the_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree(tmp_path)
    (identity,) = identities(tmp_path, capsys)
    code, out, err = cli(["baseline", "create", str(tmp_path)], capsys)
    assert (code, out, err) == (0, f"Wrote 1 finding to {tmp_path / BASELINE}\n", "")
    text = (tmp_path / BASELINE).read_text(encoding="utf-8")
    assert json.loads(text) == {
        "version": 1,
        "tool": "policyscan",
        "findings": [
            {
                "identity": identity,
                "rule_id": "PS401",
                "path": "app/views.py",
                "message": MESSAGE,
                "categories": ["user.contact.email"],
            }
        ],
    }
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2) + "\n"
    assert ":12" not in text  # nothing in it depends on lines


def test_create_takes_the_cache_options_of_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # README's --no-cache and --cache-dir were refused by `baseline create` (and `fix`): "No such option".
    tree(tmp_path / "repo")
    repo = tmp_path / "repo"
    assert cli(["baseline", "create", str(repo), "--no-cache"], capsys)[0] == 0
    assert not (repo / ".policyscan_cache").exists()
    first = (repo / BASELINE).read_bytes()
    assert cli(["baseline", "create", str(repo), "--cache-dir", str(tmp_path / "cache")], capsys)[0] == 0
    assert (tmp_path / "cache").is_dir() and not (repo / ".policyscan_cache").exists()
    assert (repo / BASELINE).read_bytes() == first


def test_create_twice_gives_the_same_bytes_and_o_chooses_the_file(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    tree(tmp_path / "repo")
    out_file = tmp_path / "elsewhere" / "base.json"
    assert cli(["baseline", "create", str(tmp_path / "repo"), "-o", str(out_file)], capsys)[0] == 0
    first = out_file.read_bytes()
    assert cli(["baseline", "create", str(tmp_path / "repo"), "--output", str(out_file)], capsys)[0] == 0
    assert out_file.read_bytes() == first
    assert not (tmp_path / "repo" / BASELINE).exists()


def test_render_sorts_by_path_rule_and_identity() -> None:
    entries = (
        BaselineEntry("b:1", "PS401", "app/z.py", "z"),
        BaselineEntry("a:2", "PS101", "app/a.py", "a2", ("user.name",)),
        BaselineEntry("a:1", "PS101", "app/a.py", "a1"),
        BaselineEntry("c:1", "PS901", "privacy-inventory.toml", "note"),
    )
    doc = json.loads(render_baseline(Baseline(entries)))
    assert [(f["path"], f["rule_id"], f["identity"]) for f in doc["findings"]] == [
        ("app/a.py", "PS101", "a:1"),
        ("app/a.py", "PS101", "a:2"),
        ("app/z.py", "PS401", "b:1"),
        ("privacy-inventory.toml", "PS901", "c:1"),
    ]


def test_round_trip(tmp_path: Path) -> None:
    baseline = Baseline((BaselineEntry("a:1", "PS101", "app/a.py", "a1", ("user.name",)),
                         BaselineEntry("b:1", "PS401", "app/b.py", "é")))
    path = tmp_path / "b.json"
    path.write_text(render_baseline(baseline), encoding="utf-8")
    assert load_baseline(path) == baseline


def finding(identity: str, suppressed: bool = False) -> Finding:
    return Finding("PS401", Level.ERROR, "m", "app.py", Span(1, 1, 1, 2), (), identity,
                   suppression=Suppression(1, ("PS401",), "why") if suppressed else None)


def test_suppressed_findings_stay_out_of_the_baseline() -> None:
    assert baseline_from_findings([finding("a:1"), finding("b:1", suppressed=True)]).identities == {"a:1"}


def test_mark_baseline() -> None:
    marked = mark_baseline([finding("a:1"), finding("a:2")], Baseline((BaselineEntry("a:1", "PS401", "app.py", "m"),)))
    assert [f.baseline_state for f in marked] == ["unchanged", "new"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "{path}: no such baseline file (create one with `policyscan baseline create`)"),
        ('{"version": 1,\n  "tool": "policyscan", findings: []}',
         "{path}:2:25: the baseline is not valid JSON: Expecting property name enclosed in double quotes"),
        (b"\xff\xfe", "{path}: cannot read the baseline: 'utf-8' codec can't decode byte 0xff in position 0: "
                      "invalid start byte"),
        ("[]", "{path}: not a policyscan baseline (create one with `policyscan baseline create`)"),
        ('{"version": 1, "results": []}',
         "{path}: not a policyscan baseline (create one with `policyscan baseline create`)"),
        ('{"version": 2, "tool": "policyscan", "findings": []}',
         "{path}: baseline version 2 is not supported: this policyscan reads version 1; create the baseline again "
         "with `policyscan baseline create`"),
        ('{"version": "1", "tool": "policyscan", "findings": []}',
         '{path}: baseline version "1" is not supported: this policyscan reads version 1; create the baseline again '
         "with `policyscan baseline create`"),
        ('{"version": true, "tool": "policyscan", "findings": []}',
         "{path}: baseline version true is not supported: this policyscan reads version 1; create the baseline "
         "again with `policyscan baseline create`"),
        ('{"version": 1, "tool": "policyscan", "findings": {}}', '{path}: the baseline has no "findings" list'),
    ],
    ids=["missing", "invalid-json", "not-utf8", "a-list", "no-tool", "version-2", "version-string", "version-bool",
         "findings-not-a-list"],
)
def test_unreadable_or_wrong_baseline_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             content: str | bytes | None, message: str) -> None:
    tree(tmp_path)
    path = tmp_path / "base.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = cli(["scan", str(tmp_path), "--baseline", str(path)], capsys)
    assert (code, out, err) == (2, "", f"policyscan: error: {message.format(path=path)}\n")


def test_every_bad_entry_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "base.json"
    path.write_text('{"version": 1, "tool": "policyscan", "findings": [{"identity": "a:1"}, {}, 3, {"identity": 4}]}',
                    encoding="utf-8")
    with pytest.raises(BaselineError) as error:
        load_baseline(path)
    assert [str(p) for p in error.value.problems] == [
        f'{path}: finding 2 of the baseline has no string "identity"',
        f'{path}: finding 3 of the baseline has no string "identity"',
        f'{path}: finding 4 of the baseline has no string "identity"',
    ]


# ---------------------------------------------------------------- what survives edits
LINES_ABOVE = VIEWS.replace("import logging\n", "import logging\nimport os\nimport sys\n\nDEBUG = os.environ.get('DEBUG')\n")
MOVED = VIEWS.replace(
    '''@app.post("/signup")
def signup():
    email = request.form["email"]
    log.info("signup from %s", email)
    return "ok"


@app.get("/health")
def health():
    status = "ok"
    return status
''',
    '''@app.get("/health")
def health():
    status = "ok"
    return status


@app.post("/signup")
def signup():
    email = request.form["email"]
    log.info("signup from %s", email)
    return "ok"
''',
)
REFORMATTED = VIEWS.replace(
    '    log.info("signup from %s", email)\n',
    '    log.info(\n        "signup from %s",\n        email,\n    )\n',
)
RENAMED = VIEWS.replace("status", "health_status")
SECOND = VIEWS.replace(
    '    log.info("signup from %s", email)\n',
    '    log.info("signup from %s", email)\n    log.info("signup from %s", email)\n',
)


@pytest.mark.parametrize(
    "edited", [LINES_ABOVE, MOVED, REFORMATTED, RENAMED], ids=["lines-above", "moved", "reformatted", "renamed"]
)
def test_edits_leave_a_baselined_finding_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  edited: str) -> None:
    assert edited != VIEWS
    tree(tmp_path)
    assert cli(["baseline", "create", str(tmp_path)], capsys)[0] == 0
    before = identities(tmp_path, capsys)
    (tmp_path / "app" / "views.py").write_text(edited, encoding="utf-8")
    assert identities(tmp_path, capsys) == before
    code, out, err = cli(["scan", str(tmp_path), "--baseline", str(tmp_path / BASELINE)], capsys)
    assert (code, out) == (0, "Found 0 findings (0 errors, 0 warnings, 0 notes) in 1 file; 1 in the baseline.\n"), err
    _, out, _ = cli(["scan", str(tmp_path), "--baseline", str(tmp_path / BASELINE), "--format", "json"], capsys)
    doc = json.loads(out)
    assert [f["baseline_state"] for f in doc["findings"]] == ["unchanged"]
    assert (doc["summary"]["findings"], doc["summary"]["in_baseline"]) == (0, 1)


def test_a_second_identical_finding_is_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree(tmp_path)
    assert cli(["baseline", "create", str(tmp_path)], capsys)[0] == 0
    (tmp_path / "app" / "views.py").write_text(SECOND, encoding="utf-8")
    code, out, _ = cli(["scan", str(tmp_path), "--baseline", str(tmp_path / BASELINE)], capsys)
    assert out.splitlines() == [
        f"app/views.py:13:5: PS401 [error] {MESSAGE}",
        "    privacy-inventory.toml:9:1: note: [logging] declared here",
        "",
        "Found 1 finding (1 error, 0 warnings, 0 notes) in 1 file; 1 in the baseline.",
        "By rule:",
        "  1  PS401 forbidden-category-logged",
        "By category:",
        "  1  user.contact.email",
    ]
    assert code == 1
    _, out, _ = cli(["scan", str(tmp_path), "--baseline", str(tmp_path / BASELINE), "--format", "json"], capsys)
    assert [(f["start_line"], f["baseline_state"]) for f in json.loads(out)["findings"]] == [
        (12, "unchanged"), (13, "new")
    ]


def test_a_finding_fixed_or_changed_since_the_baseline_is_said_once_as_a_note(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The team works the baseline off: a fixed finding's entry was dropped in silence, so the
    # file kept it (and could hide a new finding that happened to get the same identity).
    tree(tmp_path, SECOND)
    assert cli(["baseline", "create", str(tmp_path)], capsys)[0] == 0
    baseline = str(tmp_path / BASELINE)
    (tmp_path / "app" / "views.py").write_text(VIEWS.replace('    log.info("signup from %s", email)\n', ""),
                                               encoding="utf-8")
    code, out, _ = cli(["scan", str(tmp_path), "--baseline", baseline], capsys)
    assert (code, out.splitlines()) == (0, [
        f"{BASELINE}: note: 2 findings of the baseline are no longer found (PS401 in app/views.py, PS401 in "
        "app/views.py): fixed, or changed since; `policyscan baseline create` drops them",
        "",
        "Found 0 findings (0 errors, 0 warnings, 0 notes) in 1 file.",
    ])
    _, out, _ = cli(["scan", str(tmp_path), "--baseline", baseline, "--format", "json"], capsys)
    assert [(n["code"], n["level"]) for n in json.loads(out)["notices"]] == [("baseline-gone", "note")]
    # A run reporting on other files only (named ones, --diff, --staged) says nothing of these.
    (tmp_path / "app" / "other.py").write_text("x = 1\n", encoding="utf-8")
    assert cli(["scan", "--root", str(tmp_path), str(tmp_path / "app" / "other.py"), "--baseline", baseline],
               capsys)[1] == "Found 0 findings (0 errors, 0 warnings, 0 notes) in 1 file.\n"
    _, out, _ = cli(["scan", str(tmp_path), "--baseline", baseline, "--format", "sarif"], capsys)
    [note] = assert_valid_sarif(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "note" and note["message"]["text"].startswith("2 findings of the baseline")
    # A changed finding (a new category reaches the log) is new, and its old entry is gone.
    (tmp_path / "app" / "views.py").write_text(
        SECOND.replace('log.info("signup from %s", email)\n    return', 'log.info("signup from %s %s", email, '
                       'request.remote_addr)\n    return'), encoding="utf-8")
    out = cli(["scan", str(tmp_path), "--baseline", baseline], capsys)[1]
    assert f"{BASELINE}: note: 1 finding of the baseline is no longer found (PS401 in app/views.py): fixed, or " \
           "changed since; `policyscan baseline create` drops it" in out.splitlines()
    # Suppressed since, or unchanged: found, nothing said.
    (tmp_path / "app" / "views.py").write_text(SECOND.replace(
        'log.info("signup from %s", email)\n    return',
        'log.info("signup from %s", email)  # policyscan: ignore[PS401] reviewed in SEC-42\n    return'),
        encoding="utf-8")
    assert "no longer found" not in cli(["scan", str(tmp_path), "--baseline", baseline], capsys)[1]


def test_a_file_that_could_not_be_analysed_keeps_its_baseline_entries(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree(tmp_path)
    assert cli(["baseline", "create", str(tmp_path)], capsys)[0] == 0
    (tmp_path / "app" / "views.py").write_text(VIEWS + "def broken(:\n", encoding="utf-8")
    code, out, _ = cli(["scan", str(tmp_path), "--baseline", str(tmp_path / BASELINE)], capsys)
    assert code == 3 and "no longer found" not in out


def test_a_baseline_of_an_inventory_outside_the_root_holds_in_another_checkout(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A notes' identity held the inventory's absolute path when it lies outside the root (a
    # monorepo's shared policy folder), so a baseline made on a laptop called every PS901 new in
    # CI, whose checkout is elsewhere. Identities now name it from the root: ../policy/inventory.toml.
    unused_cookie = INVENTORY + '\n[[cookies]]\nname = "unused"\npurpose = "p"\nsection = "s"\n'
    checkouts = []
    for where in ("laptop", "ci"):
        checkout = tmp_path / where / "repo"
        tree(checkout / "svc")
        (checkout / "svc" / "privacy-inventory.toml").unlink()
        (checkout / "policy").mkdir()
        (checkout / "policy" / "inventory.toml").write_text(unused_cookie, encoding="utf-8")
        checkouts.append(checkout)
    laptop, ci = checkouts
    baseline = tmp_path / "baseline.json"
    args = ["--inventory", str(laptop / "policy" / "inventory.toml")]
    assert cli(["baseline", "create", str(laptop / "svc"), *args, "-o", str(baseline)], capsys)[0] == 0
    assert [e["rule_id"] for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"]] == ["PS901", "PS401"]
    code, out, _ = cli(["scan", str(ci / "svc"), "--inventory", str(ci / "policy" / "inventory.toml"),
                        "--baseline", str(baseline)], capsys)
    assert (code, out) == (0, "Found 0 findings (0 errors, 0 warnings, 0 notes) in 1 file; 2 in the baseline.\n")


def test_github_annotations_show_only_new_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree(tmp_path)
    assert cli(["baseline", "create", str(tmp_path)], capsys)[0] == 0
    (tmp_path / "app" / "views.py").write_text(SECOND, encoding="utf-8")
    code, out, _ = cli(["scan", str(tmp_path), "--baseline", str(tmp_path / BASELINE), "--format", "github"], capsys)
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert code == 1
    assert len(annotations) == 1 and "line=13," in annotations[0]
    assert out.splitlines()[-1] == (
        "policyscan: 1 finding (1 error, 0 warnings, 0 notes) in 1 file; 1 in the baseline."
    )


def test_exit_code_counts_only_new_unsuppressed_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree(tmp_path)
    assert cli(["baseline", "create", str(tmp_path)], capsys)[0] == 0
    suppressed_second = SECOND.replace(
        '    log.info("signup from %s", email)\n    return',
        '    log.info("signup from %s", email)  # policyscan: ignore[PS401] reviewed in SEC-42\n    return',
    )
    (tmp_path / "app" / "views.py").write_text(suppressed_second, encoding="utf-8")
    code, out, _ = cli(["scan", str(tmp_path), "--baseline", str(tmp_path / BASELINE)], capsys)
    assert (code, out) == (
        0, "Found 0 findings (0 errors, 0 warnings, 0 notes) in 1 file; 1 suppressed; 1 in the baseline.\n"
    )


# ---------------------------------------------------------------- SARIF
EXTERNAL = {
    "kind": "external",
    "status": "accepted",
    "justification": f"accepted in the baseline {BASELINE}",
    "location": {"physicalLocation": {"artifactLocation": {"uri": BASELINE, "uriBaseId": "%SRCROOT%"}}},
}


@pytest.mark.parametrize("mode", ["include", "omit"])
def test_sarif_keeps_both_with_baseline_state(tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: str) -> None:
    tree(tmp_path)
    assert cli(["baseline", "create", str(tmp_path)], capsys)[0] == 0
    (tmp_path / "app" / "views.py").write_text(SECOND, encoding="utf-8")
    code, out, _ = cli(["scan", str(tmp_path), "--baseline", str(tmp_path / BASELINE), "--format", "sarif",
                        "--sarif-suppressed", mode], capsys)
    results = assert_valid_sarif(out)["runs"][0]["results"]
    assert code == 1
    assert [
        (r["locations"][0]["physicalLocation"]["region"]["startLine"], r["baselineState"], r["suppressions"])
        for r in results
    ] == [(12, "unchanged", [EXTERNAL]), (13, "new", [])]


def test_sarif_names_a_baseline_outside_the_root_by_file_uri(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    tree(tmp_path / "repo")
    baseline = tmp_path / "baselines" / "repo.json"
    assert cli(["baseline", "create", str(tmp_path / "repo"), "-o", str(baseline)], capsys)[0] == 0
    code, out, _ = cli(["scan", str(tmp_path / "repo"), "--baseline", str(baseline), "--format", "sarif"], capsys)
    (result,) = assert_valid_sarif(out)["runs"][0]["results"]
    (suppression,) = result["suppressions"]
    assert code == 0
    assert suppression["location"] == {
        "physicalLocation": {"artifactLocation": {"uri": baseline.resolve().as_uri()}}
    }
    assert suppression["justification"] == f"accepted in the baseline {baseline.resolve().as_posix()}"


def test_without_a_baseline_sarif_has_no_baseline_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree(tmp_path)
    _, out, _ = cli(["scan", str(tmp_path), "--format", "sarif"], capsys)
    (result,) = assert_valid_sarif(out)["runs"][0]["results"]
    assert "baselineState" not in result and result["suppressions"] == []


def test_create_to_standard_output_writes_only_the_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `-o -` printed 'Wrote 1 finding to -' after the JSON: `baseline create -o - > b.json` wrote a
    # file no `scan --baseline` could read
    tree(tmp_path)
    code, out, err = cli(["baseline", "create", str(tmp_path), "-o", "-"], capsys)
    assert (code, err) == (0, "")
    assert [f["rule_id"] for f in json.loads(out)["findings"]] == ["PS401"]


def test_create_names_the_file_it_wrote_from_the_current_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # with no PATH the root is the current folder: the message named the file by its absolute path
    tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli(["baseline", "create"], capsys)[1] == f"Wrote 1 finding to {BASELINE}\n"
    assert cli(["baseline", "create", ".", "-o", "sub/b.json"], capsys)[1] == "Wrote 1 finding to sub/b.json\n"


def test_create_says_which_named_file_it_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 'baseline create app/generated.py' with the file excluded wrote an empty baseline and said
    # only 'Wrote 0 findings': the scan warns of a named file left out, and so does create now.
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "generated.py").write_text(VIEWS, encoding="utf-8")
    (tmp_path / "privacy-inventory.toml").write_text(INVENTORY, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.policyscan]\nexclude = ["app/gen*.py"]\n', encoding="utf-8")
    out_file = tmp_path / "b.json"
    code, out, err = cli(["baseline", "create", str(tmp_path / "app" / "generated.py"), "--root", str(tmp_path),
                          "-o", str(out_file), "--no-cache"], capsys)
    assert (code, out) == (0, f"Wrote 0 findings to {out_file}\n")
    assert err == "app/generated.py: warning: left out: excluded by 'app/gen*.py' (exclude in [tool.policyscan])\n"
