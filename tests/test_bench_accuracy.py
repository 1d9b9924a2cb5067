"""Tests for the accuracy benchmark (bench/accuracy/run.py): matching, figures, label files.

Nothing here downloads or scans: the matching and the loaders run on small literal inputs,
and the committed labels files are checked for well-formedness.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from scanner.taxonomy import load_taxonomy

BENCH = Path(__file__).resolve().parent.parent / "bench" / "accuracy"


def _load_run() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_accuracy_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


run = _load_run()
Label = run.Label
Found = run.Found


def label(line: int, end: int | None = None, kind: str = "collect", cats: tuple[str, ...] = ("user.contact.email",),
          path: str = "app/a.py", doubtful: bool = False, note: str = "") -> object:
    return Label(path=path, line=line, end_line=line if end is None else end, kind=kind,
                 categories=frozenset(cats), doubtful=doubtful, note=note)


def found(start: int, end: int | None = None, kind: str = "collect", cats: tuple[str, ...] = ("user.contact.email",),
          path: str = "app/a.py", rule: str = "r") -> object:
    return Found(path=path, start_line=start, end_line=start if end is None else end, kind=kind,
                 categories=frozenset(cats), rule=rule, message="m")


def identity(key: str) -> str:
    return key


# --- overlap ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label_lines", "found_lines", "path", "kind", "expected"),
    [
        ((10, 10), (10, 10), "app/a.py", "collect", True),  # same line
        ((10, 14), (12, 12), "app/a.py", "collect", True),  # finding inside the statement
        ((12, 12), (10, 14), "app/a.py", "collect", True),  # statement inside the finding
        ((10, 14), (14, 20), "app/a.py", "collect", True),  # sharing the last line
        ((10, 14), (5, 10), "app/a.py", "collect", True),  # sharing the first line
        ((10, 14), (15, 15), "app/a.py", "collect", False),  # just after
        ((10, 14), (8, 9), "app/a.py", "collect", False),  # just before
        ((10, 10), (10, 10), "app/b.py", "collect", False),  # another file
        ((10, 10), (10, 10), "app/a.py", "log", False),  # another kind
    ],
)
def test_overlap(label_lines: tuple[int, int], found_lines: tuple[int, int], path: str, kind: str,
                 expected: bool) -> None:
    assert run.overlaps(label(*label_lines), found(*found_lines, kind=kind, path=path)) is expected


# --- matching -----------------------------------------------------------------------------


def test_a_label_is_matched_once_and_the_second_finding_is_a_false_hit() -> None:
    result = run.match([label(10, 12)], [found(10), found(12, rule="second")])
    assert [(p.label.line, p.found.start_line) for p in result.matched] == [(10, 10)]
    assert result.false_hits == (found(12, rule="second"),)
    assert result.misses == ()


def test_a_finding_is_matched_once_and_the_second_label_is_a_miss() -> None:
    result = run.match([label(10), label(11)], [found(10, 11)])
    assert [(p.label.line, p.found.start_line) for p in result.matched] == [(10, 10)]
    assert result.misses == (label(11),)
    assert result.false_hits == ()


def test_the_matching_is_maximal_not_greedy() -> None:
    # The first finding overlaps both labels, the second only the first label: a greedy
    # pairing of the first finding with the nearest label would leave the second unmatched.
    result = run.match([label(10), label(12)], [found(10, 12), found(10)])
    assert sorted((p.label.line, p.found.end_line) for p in result.matched) == [(10, 10), (12, 12)]
    assert result.false_hits == () and result.misses == ()


def test_the_nearest_label_is_preferred() -> None:
    result = run.match([label(10, 12), label(12)], [found(12)])
    assert [(p.label.line, p.found.start_line) for p in result.matched] == [(12, 12)]
    assert result.misses == (label(10, 12),)


def test_a_kind_mismatch_is_a_miss_and_a_false_hit() -> None:
    result = run.match([label(10, kind="collect")], [found(10, kind="log")])
    assert result.matched == ()
    assert result.misses == (label(10, kind="collect"),)
    assert result.false_hits == (found(10, kind="log"),)


def test_a_path_mismatch_is_a_miss_and_a_false_hit() -> None:
    result = run.match([label(10, path="app/a.py")], [found(10, path="app/b.py")])
    assert (len(result.matched), len(result.misses), len(result.false_hits)) == (0, 1, 1)


def test_a_doubtful_label_is_neither_a_miss_nor_makes_its_finding_a_false_hit() -> None:
    doubtful_found = label(20, doubtful=True, note="open")
    doubtful_missed = label(30, doubtful=True, note="open")
    result = run.match([doubtful_found, doubtful_missed], [found(20)])
    assert result.matched == () and result.misses == () and result.false_hits == ()
    assert [(p.label.line, p.found.start_line) for p in result.doubtful_matched] == [(20, 20)]
    assert result.doubtful_unmatched == (doubtful_missed,)


def test_a_finding_goes_to_the_solid_label_before_the_doubtful_one() -> None:
    result = run.match([label(10), label(10, 11, doubtful=True, note="open")], [found(10, 11)])
    assert [p.label.doubtful for p in result.matched] == [False]
    assert result.doubtful_matched == ()
    assert [x.line for x in result.doubtful_unmatched] == [10]


def test_true_positives_come_first_then_as_few_false_hits_as_possible() -> None:
    # F1 overlaps the solid label A and the doubtful label D; F2 overlaps only A. The best
    # pairing gives A to F2 and D to F1: one true positive, no false hit.
    solid = label(12)
    doubtful = label(10, doubtful=True, note="open")
    result = run.match([solid, doubtful], [found(10, 12, rule="F1"), found(12, rule="F2")])
    assert [(p.label, p.found.rule) for p in result.matched] == [(solid, "F2")]
    assert [(p.label, p.found.rule) for p in result.doubtful_matched] == [(doubtful, "F1")]
    assert result.false_hits == () and result.misses == ()


def test_nothing_to_match() -> None:
    assert run.match([], []) == run.MatchResult((), (), (), (), ())


# --- figures ------------------------------------------------------------------------------


def scenario() -> object:
    labels = [
        label(1, cats=("user.contact.email",)),  # found with the same categories
        label(2, cats=("user.contact.email", "user.name", "user.account.username")),  # found with one of three
        label(3),  # missed
        label(4, kind="log", cats=("user.content",)),  # missed
        label(5, doubtful=True, note="open"),  # found
    ]
    findings = [
        found(1, cats=("user.contact.email",)),
        found(2, cats=("user.name",)),
        found(5),
        found(9, kind="log", cats=("user.content",)),  # false hit
    ]
    return run.match(labels, findings)


def test_figures_are_computed_exactly() -> None:
    f = run.figures(scenario(), identity)
    assert f == run.Figures(
        labels=4, doubtful=1, found=4, true_positives=2, false_hits=1, misses=2, doubtful_matched=1,
        precision=2 / 3, recall=0.5, categories_equal=0.5, jaccard=(1 + 1 / 3) / 2,
    )


def test_figures_by_kind() -> None:
    table = run.figures_by_kind(scenario(), identity)
    assert list(table) == ["collect", "share", "cookie", "log", "all"]
    assert table["collect"] == run.Figures(
        labels=3, doubtful=1, found=3, true_positives=2, false_hits=0, misses=1, doubtful_matched=1,
        precision=1.0, recall=2 / 3, categories_equal=0.5, jaccard=(1 + 1 / 3) / 2,
    )
    assert table["log"] == run.Figures(
        labels=1, doubtful=0, found=1, true_positives=0, false_hits=1, misses=1, doubtful_matched=0,
        precision=0.0, recall=0.0, categories_equal=None, jaccard=None,
    )
    assert table["share"] == run.Figures(
        labels=0, doubtful=0, found=0, true_positives=0, false_hits=0, misses=0, doubtful_matched=0,
        precision=None, recall=None, categories_equal=None, jaccard=None,
    )


def test_categories_are_compared_after_canonical_keys_and_empty_sets_agree() -> None:
    result = run.match(
        [label(1, cats=("user.old",)), label(2, kind="log", cats=())],
        [found(1, cats=("user.new",)), found(2, kind="log", cats=())],
    )
    f = run.figures(result, lambda key: {"user.old": "user.new"}.get(key, key))
    assert (f.categories_equal, f.jaccard) == (1.0, 1.0)
    assert run.figures(result, identity).categories_equal == 0.5


def test_the_taxonomy_decides_canonical_keys_by_default() -> None:
    result = run.match([label(1, cats=("user.health_and_medical",))], [found(1, cats=("user.health",))])
    assert run.figures(result).categories_equal == 1.0


def test_combine_sums_apps() -> None:
    combined = run.combine([scenario(), scenario()])
    assert run.figures(combined, identity).true_positives == 4
    assert run.figures(combined, identity).labels == 8


def test_score_keeps_findings_in_labelled_files_only() -> None:
    labels = run.AppLabels("app", (
        run.LabelledFile("app/a.py", "exhaustive", (label(10),)),
        run.LabelledFile("app/none.py", "none", ()),
    ))
    findings = [found(10), found(3, path="app/none.py"), found(7, path="app/unlabelled.py")]
    result = run.score(labels, findings)
    assert len(result.matched) == 1
    assert result.false_hits == (found(3, path="app/none.py"),)


def test_listing_names_misses_false_hits_and_category_disagreements() -> None:
    assert run.listing(scenario(), identity) == [
        "misses (2):",
        "  app/a.py:3  collect  [user.contact.email]  ",
        "  app/a.py:4  log  [user.content]  ",
        "false hits (1):",
        "  app/a.py:9  log  [user.content]  r: m",
        "category disagreements among the true positives (1):",
        "  app/a.py:2  collect  labelled [user.account.username, user.contact.email, user.name]  found [user.name]",
    ]


def test_figures_table_rows() -> None:
    rows = run.figures_table({"all": run.figures(scenario(), identity)})
    assert rows == [
        "kind     labels  found    TP    FP    FN   doubt precision  recall    cat= jaccard",
        "all           4      4     2     1     2     1/1     66.7%   50.0%   50.0%    0.67",
    ]


# --- scan output --------------------------------------------------------------------------


def test_parse_observations_reads_the_contract_form() -> None:
    document = {"observations": [{
        "kind": "share", "path": "app/x.py", "start_line": 4, "end_line": 6, "categories": ["user.device.ip_address"],
        "recipient": "Sentry", "cookie": None, "rule": "python.share", "message": "sent",
    }], "skipped": []}
    assert run.parse_observations(document) == (
        Found(path="app/x.py", start_line=4, end_line=6, kind="share", categories=frozenset({"user.device.ip_address"}),
              recipient="Sentry", cookie=None, rule="python.share", message="sent"),
    )


@pytest.mark.parametrize(
    "document",
    [{}, {"observations": {}}, {"observations": [{"kind": "log"}]}],
)
def test_parse_observations_rejects_other_shapes(document: dict[str, object]) -> None:
    with pytest.raises(run.BenchmarkError) as raised:
        run.parse_observations(document)
    assert raised.value.exit_code == 1


# --- unpacking ----------------------------------------------------------------------------


def test_a_wheel_is_its_own_scan_root_holding_only_its_python_files(tmp_path: Path) -> None:
    archive = tmp_path / "pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(archive, "w") as wheel:
        wheel.writestr("pkg/__init__.py", "")
        wheel.writestr("pkg/routers/chats.py", "x = 1\n")
        wheel.writestr("pkg/frontend/app.js", "let x = 1;\n")
        wheel.writestr("pkg/static/logo.png", b"\x89PNG")
        wheel.writestr("pkg-1.0.dist-info/METADATA", "Name: pkg\n")
    root = run.unpack(archive, tmp_path / "out")
    assert root == tmp_path / "out"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        "pkg/__init__.py", "pkg/routers/chats.py",
    ]


def test_a_wheel_without_python_files_unpacks_to_an_empty_root(tmp_path: Path) -> None:
    archive = tmp_path / "meta-1.0-py3-none-any.whl"
    with zipfile.ZipFile(archive, "w") as wheel:
        wheel.writestr("meta-1.0.dist-info/METADATA", "Name: meta\n")
    root = run.unpack(archive, tmp_path / "out")
    assert root.is_dir() and list(root.iterdir()) == []


def _sdist(path: Path, files: dict[str, str]) -> Path:
    with tarfile.open(path, "w:gz") as sdist:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            sdist.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"pkg-1.0/pkg/__init__.py": "", "pkg-1.0/setup.py": ""}, "pkg-1.0"),
        ({"pkg-1.0/src/pkg/__init__.py": "", "pkg-1.0/pyproject.toml": ""}, "pkg-1.0/src"),
    ],
)
def test_an_sdist_root_is_the_folder_holding_the_package(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    root = run.unpack(_sdist(tmp_path / "pkg-1.0.tar.gz", files), tmp_path / "out")
    assert root == tmp_path / "out" / expected


def test_unpack_refuses_other_files(tmp_path: Path) -> None:
    (tmp_path / "pkg.exe").write_bytes(b"")
    with pytest.raises(run.BenchmarkError) as raised:
        run.unpack(tmp_path / "pkg.exe", tmp_path / "out")
    assert (raised.value.exit_code, raised.value.problems) == (1, ["cannot unpack pkg.exe: neither a wheel nor an sdist"])


def test_fetch_keeps_what_is_there(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "x.py").write_text("", encoding="utf-8")
    assert run.fetch(run.App("app", "app==1", "Flask"), tmp_path) == tmp_path / "app"


# --- the corpus file ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("held_out_line", "expected"),
    [("", False), ("held_out = false\n", False), ("held_out = true\n", True)],
)
def test_the_corpus_marks_held_out_apps(tmp_path: Path, held_out_line: str, expected: bool) -> None:
    path = tmp_path / "corpus.toml"
    path.write_text(f'[[app]]\nname = "demo"\nrequirement = "demo==1"\nframework = "Flask"\n{held_out_line}',
                    encoding="utf-8")
    assert run.load_corpus(path) == (run.App("demo", "demo==1", "Flask", expected),)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('held_out = "yes"', "'held_out' in [[app]] must be a boolean (true or false), not a string"),
        ("blind = true", "a blind app must also be held out (held_out = true)"),
    ],
    ids=["held-out-not-a-boolean", "blind-not-held-out"],
)
def test_a_bad_held_out_or_blind_flag_is_reported_with_its_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "corpus.toml"
    path.write_text(f'[[app]]\nname = "demo"\nrequirement = "demo==1"\nframework = "Flask"\n{line}\n', encoding="utf-8")
    with pytest.raises(run.BenchmarkError) as raised:
        run.load_corpus(path)
    assert raised.value.exit_code == 2
    assert [str(p) for p in raised.value.problems] == [f"{path}:5: {problem}"]


# --- label files --------------------------------------------------------------------------

GOOD = """\
app = "demo"

[[file]]
path = "demo/views.py"
reviewed = "exhaustive"

[[file.observation]]
line = 4
end_line = 6
kind = "share"
categories = ["user.contact.email"]
recipient = "Segment"
note = "analytics.identify"

[[file.observation]]
line = 9
end_line = 9
kind = "cookie"
categories = []
cookie = "session"
doubtful = true
note = "maybe"

[[file]]
path = "demo/empty.py"
reviewed = "none"
"""


def write(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_labels_file(tmp_path: Path) -> None:
    labels = run.load_labels(write(tmp_path, GOOD))
    assert labels == run.AppLabels("demo", (
        run.LabelledFile("demo/views.py", "exhaustive", (
            Label("demo/views.py", 4, 6, "share", frozenset({"user.contact.email"}), recipient="Segment",
                  note="analytics.identify"),
            Label("demo/views.py", 9, 9, "cookie", frozenset(), cookie="session", doubtful=True, note="maybe"),
        )),
        run.LabelledFile("demo/empty.py", "none", ()),
    ))
    assert labels.paths == frozenset({"demo/views.py", "demo/empty.py"})


def test_labels_are_checked_against_the_code(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "views.py").write_text("\n" * 8 + "x = 1\n", encoding="utf-8")  # 9 lines
    labels = run.load_labels(write(tmp_path, GOOD))
    assert run.check_against_code(labels, tmp_path) == [
        "labels/demo.toml: demo/empty.py: reviewed file not found in the scan root",
    ]
    (tmp_path / "demo" / "empty.py").write_text("", encoding="utf-8")
    assert run.check_against_code(labels, tmp_path) == []
    (tmp_path / "demo" / "views.py").write_text("x = 1\n" * 8, encoding="utf-8")  # 8 lines: line 9 is gone
    assert run.check_against_code(labels, tmp_path) == [
        "labels/demo.toml: demo/views.py:9: cookie label past the end of the file (8 lines)",
    ]


# After an `app` line, OBS puts the [[file.observation]] header on line 6 and its keys from line 7.
OBS = '[[file]]\npath = "demo/a.py"\nreviewed = "exhaustive"\n\n[[file.observation]]\n'


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            'app = "demo"\n' + OBS + 'line = 3\nend_line = 2\nkind = "collect"\ncategories = []\n',
            ["8: 'end_line' (2) is before 'line' (3)"],
        ),
        (
            'app = "demo"\n' + OBS + 'line = 3\nend_line = 3\nkind = "colect"\ncategories = []\n',
            ["9: unknown kind 'colect' (known: collect, share, cookie, log)"],
        ),
        (
            'app = "demo"\n' + OBS + 'line = 3\nend_line = 3\nkind = "collect"\ncategories = ["user.emial"]\n',
            ["10: unknown category key 'user.emial'"],
        ),
        (
            'app = "demo"\n' + OBS + 'line = 3\nend_line = 3\nkind = "log"\ncategories = []\nrecipient = "Sentry"\n',
            ["11: 'recipient' is only for a share"],
        ),
        (
            'app = "demo"\n' + OBS + 'line = 3\nend_line = 3\nkind = "log"\ncategories = []\ncookie = "sid"\n',
            ["11: 'cookie' is only for a cookie"],
        ),
        (
            'app = "demo"\n' + OBS + 'line = 3\nend_line = 3\nkind = "log"\ncategories = []\ndoubtful = true\n',
            ["6: a doubtful label needs a 'note' saying why"],
        ),
        (
            'app = "demo"\n' + OBS + 'line = 0\nend_line = 3\nkind = "log"\ncategories = []\nseverity = 2\n',
            ["7: 'line' in [[file.observation]] must be 1 or greater, not 0",
             "11: unknown key 'severity' in [[file.observation]]"],
        ),
        (
            'app = "demo"\n' + OBS + 'line = 3\nend_line = 3\nkind = "log"\ncategories = []\n\n'
            '[[file.observation]]\nline = 3\nend_line = 4\nkind = "log"\ncategories = []\n',
            ["12: two labels at demo/a.py:3 with kind log"],
        ),
        (
            'app = "demo"\n[[file]]\npath = "demo/a.py"\nreviewed = "partly"\n',
            ["4: 'reviewed' must be one of exhaustive, none, not 'partly'"],
        ),
        (
            'app = "demo"\n[[file]]\npath = "demo/a.py"\nreviewed = "none"\n\n[[file.observation]]\n'
            'line = 3\nend_line = 3\nkind = "log"\ncategories = []\n',
            ["6: file 'demo/a.py' is reviewed as \"none\" but has observations"],
        ),
        (
            'app = "demo"\n[[file]]\npath = "demo/a.py"\nreviewed = "none"\n[[file]]\npath = "demo/a.py"\n'
            'reviewed = "none"\n',
            ["6: file 'demo/a.py' is listed twice"],
        ),
        (
            'app = "demo"\n[[file]]\npath = "/abs/a.py"\nreviewed = "none"\n',
            ["3: 'path' must be relative to the scan root with / separators, not '/abs/a.py'"],
        ),
        (
            'app = "other"\n',
            ["1: 'app' is 'other' but the file is named demo.toml (expected 'demo')"],
        ),
        (
            'app = "demo"\n[[file]]\npath = "demo/a.py"\nreviewed = "none"\n\n[[file.observation]]\n'
            'line = 3\nend_line = 3\nkind = "log"\ncategories = []\n\n[[file]]\npath = "demo/a.py"\nreviewed = "none"\n'
            'extra = 1\n',
            ["6: file 'demo/a.py' is reviewed as \"none\" but has observations",
             "13: file 'demo/a.py' is listed twice",
             "15: unknown key 'extra' in [[file]]"],
        ),
    ],
)
def test_label_file_problems_are_all_listed_with_lines(tmp_path: Path, text: str, problems: list[str]) -> None:
    path = write(tmp_path, text)
    with pytest.raises(run.BenchmarkError) as raised:
        run.load_labels(path)
    assert raised.value.exit_code == 2
    assert raised.value.problems == [f"{path}:{problem}" for problem in problems]


def test_invalid_toml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'app = "demo"\n[[file]\n')
    with pytest.raises(run.BenchmarkError) as raised:
        run.load_labels(path)
    assert raised.value.problems[0].startswith(f"{path}:2:")


# --- the committed corpus and labels ------------------------------------------------------


def label_files() -> Iterator[Path]:
    yield from sorted((BENCH / "labels").glob("*.toml"))


def test_the_corpus_lists_its_apps_with_their_held_out_and_blind_flags() -> None:
    apps = run.load_corpus()
    assert [(a.name, a.requirement, a.framework, a.held_out, a.blind) for a in apps] == [
        ("flaskbb", "flaskbb==2.0.2", "Flask", False, False),
        ("allauth", "django-allauth==65.21.1", "Django", False, False),
        ("langflow", "langflow-base==1.13.0", "FastAPI", False, False),
        ("privacyidea", "privacyidea==3.14", "Flask", False, False),
        ("chainlit", "chainlit==2.12.0", "FastAPI", False, False),
        ("mem0", "mem0ai==2.2.1", "library (LLM memory layer)", False, False),
        ("lnbits", "lnbits==1.6.2", "FastAPI", False, False),
        ("open-webui", "open-webui==0.12.4", "FastAPI", True, False),
        ("pretix", "pretix==2026.8.0", "Django", True, False),
        ("ckan", "ckan==2.12.0", "Flask", True, False),
        ("label-studio", "label-studio==1.23.2", "Django", True, False),
        ("khoj", "khoj==1.42.10", "FastAPI", True, False),
        ("oscar", "django-oscar==4.2.1", "Django", True, False),
        ("fittrackee", "fittrackee==1.3.6", "Flask", True, False),
        ("mailman", "mailman==3.3.10", "Falcon", True, False),
        ("jupyterhub", "jupyterhub==6.1.1", "Tornado", True, False),
        ("helpdesk", "django-helpdesk==2.6.1", "Django", True, False),
        ("appbuilder", "flask-appbuilder==5.3.0", "Flask", True, False),
        ("ihatemoney", "ihatemoney==7.2.1", "Flask", True, True),
        ("indico", "indico==3.2.9", "Flask", True, False),
        ("wger", "wger==2.1", "Django", True, False),
        ("litellm", "litellm==1.110.2", "FastAPI", True, False),
        ("misago", "misago==0.39.6", "Django", True, False),
        ("modoboa", "modoboa==2.12.0", "Django", True, False),
        ("weblate", "weblate==5.14.3", "Django", True, False),
        ("fief", "fief-server==0.27.0", "FastAPI", True, False),
        ("canaille", "canaille==0.3.6", "Flask", True, False),
        ("zou", "zou==1.0.97", "Flask", True, False),
        ("pretalx", "pretalx==2025.2.2", "Django", True, False),
        ("calibreweb", "calibreweb==0.6.27", "Flask", True, False),
        ("gramps-webapi", "gramps-webapi==3.24.0", "Flask", True, False),
        ("reviewboard", "reviewboard==8.1", "Django", True, False),
        ("kinto", "kinto==26.5.0", "Pyramid", True, False),
        ("hyperkitty", "HyperKitty==1.3.12", "Django", True, False),
        ("octoprint", "OctoPrint==1.11.8", "Flask", True, False),
        ("wagtail", "wagtail==8.0.1", "Django", True, False),
        ("letta", "letta==0.16.8", "FastAPI", True, False),
        ("r2r", "r2r==3.6.6", "FastAPI", True, False),
        ("pgadmin4", "pgadmin4==9.18", "Flask", True, False),
        ("ephios", "ephios==0.27.1", "Django", True, False),
        ("tendenci", "tendenci==16.30", "Django", True, False),
        ("mautrix-telegram", "mautrix-telegram==0.15.3", "aiohttp", True, False),
        ("gpt-researcher", "gpt-researcher==0.15.1", "FastAPI", True, False),
        ("openwisp-radius", "openwisp-radius==1.3.3", "Django", True, False),
        ("lemur", "lemur==1.9.3", "Flask", True, False),
        ("django-machina", "django-machina==1.3.1", "Django", True, False),
        ("maubot", "maubot==0.6.0", "aiohttp", True, True),
        ("autogenstudio", "autogenstudio==0.4.2.2", "FastAPI", True, True),
        ("kiwitcms", "kiwitcms==12.4", "Django", True, False),
        ("askbot", "askbot==0.13.0", "Django", True, False),
        ("zenml", "zenml==0.98.0", "FastAPI", True, False),
        ("argilla-server", "argilla-server==2.8.0", "FastAPI", True, False),
        ("evennia", "evennia==5.0.1", "Django", True, False),
        ("alerta-server", "alerta-server==9.1.0", "Flask", True, False),
        ("isso", "isso==0.14.0", "Werkzeug", True, True),
        ("matrix-synapse", "matrix-synapse==1.163.2", "Twisted", True, False),
        ("aider-chat", "aider-chat==0.86.2", "CLI (litellm, Streamlit GUI)", True, False),
        ("rdiffweb", "rdiffweb==7.2.0", "CherryPy", True, True),
        ("crewai", "crewai==1.15.30", "library (LLM SDKs, litellm, OpenTelemetry)", True, True),
        ("arize-phoenix", "arize-phoenix==20.26.1", "FastAPI", True, True),
        ("keystone", "keystone==30.0.0", "Flask", True, True),
        ("shuup", "shuup==3.1.0", "Django", True, True),
    ]


@pytest.mark.parametrize("path", list(label_files()), ids=lambda p: p.name)
def test_every_labels_file_is_well_formed(path: Path) -> None:
    labels = run.load_labels(path)  # raises, listing every problem, when it is not
    taxonomy = load_taxonomy()
    assert labels.app == path.stem
    assert labels.app in {a.name for a in run.load_corpus()}
    seen: set[tuple[str, int, str]] = set()
    for f in labels.files:
        # A file reviewed exhaustively holds observations; one verified to hold none holds none.
        assert (f.reviewed, bool(f.labels)) in {("exhaustive", True), ("none", False)}
        for item in f.labels:
            assert item.path == f.path
            assert item.kind in ("collect", "share", "cookie", "log")
            assert all(c in taxonomy for c in item.categories)
            assert 1 <= item.line <= item.end_line
            assert item.recipient is None or item.kind == "share"
            assert item.cookie is None or item.kind == "cookie"
            assert item.note or not item.doubtful
            assert (item.path, item.line, item.kind) not in seen
            seen.add((item.path, item.line, item.kind))


@pytest.mark.parametrize("path", list(label_files()), ids=lambda p: p.name)
def test_every_labels_file_has_files_verified_to_hold_none(path: Path) -> None:
    labels = run.load_labels(path)
    assert sum(f.reviewed == "none" for f in labels.files) >= 2


# --- command line -------------------------------------------------------------------------


def test_an_unknown_app_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run.main(["--app", "nope"]) == 2
    # the list is the corpus's, in its order (the corpus's own test pins which apps it holds)
    names = ", ".join(app.name for app in run.load_corpus())
    assert names.startswith("flaskbb, allauth, langflow, privacyidea, ")
    assert capsys.readouterr().err == f"error: unknown app 'nope' (corpus.toml lists {names})\n"


def test_report_writes_every_figure_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = run.AppLabels("demo", (run.LabelledFile("app/a.py", "exhaustive", (label(1),)),))
    score = run.AppScore(run.App("demo", "demo==1", "Flask"), labels, run.match([label(1)], [found(1)]), (), 0.5)
    out = tmp_path / "figures.json"
    run.report([score], ["langflow: no labels file"], "abc123", False, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["commit"] == "abc123" and document["dirty"] is False
    assert document["notes"] == ["langflow: no labels file"]
    assert document["apps"]["demo"]["figures"]["all"] == {
        "labels": 1, "doubtful": 0, "found": 1, "true_positives": 1, "false_hits": 0, "misses": 0,
        "doubtful_matched": 0, "precision": 1.0, "recall": 1.0, "categories_equal": 1.0, "jaccard": 1.0,
    }
    assert document["overall"]["collect"]["true_positives"] == 1
    assert len(document["apps"]["demo"]["true_positives"]) == 1
    printed = capsys.readouterr().out
    assert "note: langflow: no labels file" in printed
    assert "== demo (demo==1, Flask): 1 files, scanned in 0.5s" in printed


def test_a_held_out_app_is_scored_in_its_own_block_and_left_out_of_overall(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tuned_labels = run.AppLabels("tuned", (run.LabelledFile("app/a.py", "exhaustive", (label(1), label(5))),))
    tuned = run.AppScore(run.App("tuned", "tuned==1", "Flask"), tuned_labels,
                         run.match(tuned_labels.labels, [found(1)]), (), 0.5)
    held_labels = run.AppLabels("held", (run.LabelledFile("app/a.py", "exhaustive", (label(1, kind="log"),)),))
    held = run.AppScore(run.App("held", "held==2", "FastAPI", held_out=True), held_labels,
                        run.match(held_labels.labels, [found(1, kind="log"), found(9, kind="log")]), (), 1.0)
    out = tmp_path / "figures.json"
    run.report([tuned, held], [], "abc123", False, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    # overall: the tuned app only (2 collect labels, 1 found); held out: the held-out app only.
    assert {k: document["overall"]["all"][k] for k in ("labels", "true_positives", "false_hits", "misses")} == {
        "labels": 2, "true_positives": 1, "false_hits": 0, "misses": 1}
    assert {k: document["held_out"]["all"][k] for k in ("labels", "true_positives", "false_hits", "misses")} == {
        "labels": 1, "true_positives": 1, "false_hits": 1, "misses": 0}
    assert document["held_out"]["log"]["precision"] == 0.5
    assert document["held_out"]["collect"]["labels"] == 0
    assert (document["apps"]["tuned"]["held_out"], document["apps"]["held"]["held_out"]) == (False, True)
    printed = capsys.readouterr().out
    assert "== held (held==2, FastAPI, held out): 1 files, scanned in 1.0s" in printed
    assert "== tuned (tuned==1, Flask): 1 files, scanned in 0.5s" in printed
    overall_at = printed.index("== overall (tuned)\n")
    held_at = printed.index("== held out (never tuned against) (held)\n")
    assert overall_at < held_at
    held_block = printed[held_at:].split("\n\n")[0].splitlines()
    assert held_block[5].split()[:6] == ["log", "1", "2", "1", "1", "0"]


def test_without_held_out_apps_there_is_no_held_out_block(capsys: pytest.CaptureFixture[str]) -> None:
    labels = run.AppLabels("demo", (run.LabelledFile("app/a.py", "exhaustive", (label(1),)),))
    score = run.AppScore(run.App("demo", "demo==1", "Flask"), labels, run.match([label(1)], [found(1)]), (), 0.5)
    run.report([score], [], "abc123", False, None)
    printed = capsys.readouterr().out
    assert "== overall (demo)" in printed and "held out" not in printed


@pytest.mark.parametrize("reveal", [False, True])
def test_a_blind_app_shows_its_figures_but_lists_its_misses_only_when_revealed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reveal: bool
) -> None:
    labels = run.AppLabels("blind", (run.LabelledFile("app/a.py", "exhaustive", (label(1), label(5))),))
    score = run.AppScore(run.App("blind", "blind==1", "Django", held_out=True, blind=True), labels,
                         run.match(labels.labels, [found(1), found(9)]), (), 0.5)
    out = tmp_path / "figures.json"
    run.report([score], [], "abc123", False, out, reveal_blind=reveal)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert {k: document["held_out"]["all"][k] for k in ("labels", "true_positives", "false_hits", "misses")} == {
        "labels": 2, "true_positives": 1, "false_hits": 1, "misses": 1}
    assert ("misses" in document["apps"]["blind"], "false_hits" in document["apps"]["blind"]) == (reveal, reveal)
    printed = capsys.readouterr().out
    assert ("app/a.py:5" in printed) is reveal
    assert ("-- blind: blind; its misses and false hits are not listed (--reveal-blind lists them)" in printed) is (
        not reveal)
