"""The result cache: reused only when nothing a result depends on changed, and never changes the output."""

from __future__ import annotations

import os
import pickle
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scanner import cache as cache_module
from scanner import import_order as import_order_module
from scanner import settle as settle_module
from scanner import suppress
from scanner.cache import CACHE_DIR_NAME, CACHE_FILE, ResultCache, _decode, encode
from scanner.classify import Classifier
from scanner.config import Config
from scanner.engine.summaries import EMPTY, Analyzed, Gated, LogSite, ModuleSummary, RelayedLog
from scanner.import_order import import_order
from scanner.inventory import ClassifierOverrides
from scanner.model import FileResult, Kind, Observation, Skip, SkipReason, Span
from scanner.packs import load_models
from scanner.report import Format, render
from scanner.runner import analyze, classifier_digest, run

INVENTORY = """\
version = 1
policy = "Test policy"

[[collect]]
categories = ["user.contact.email"]
purposes = ["account"]
section = "2.1"
"""

HELPER = '''
from flask import request


def client_ip():
    return request.remote_addr
'''

VIEW = '''
import logging

from app.helpers import client_ip

log = logging.getLogger(__name__)


def view(email):
    log.info("visit from %s", client_ip())
    log.info("signup %s", email)
'''


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "helpers.py").write_text(textwrap.dedent(HELPER))
    (root / "app" / "views.py").write_text(textwrap.dedent(VIEW))
    (root / "privacy-inventory.toml").write_text(INVENTORY)
    return root


def outputs(root: Path, **options: object) -> tuple[str, str]:
    result = run(root, config=Config(), command="scan", jobs=1, **options)  # type: ignore[arg-type]
    return render(result, Format.SARIF), render(result, Format.JSON)


def cached_analysis(root: Path, packs: tuple[str, ...] | None = None) -> ResultCache:
    models = load_models(enabled=packs)
    overrides = ClassifierOverrides()
    cache = ResultCache.open(root, (models.version, classifier_digest(overrides), "1000000"))
    files = ["app/__init__.py", "app/helpers.py", "app/views.py"]
    analyze(root, files, models=models, classifier=Classifier.load(overrides), max_size=1_000_000, jobs=1,
            cache=cache)
    assert cache.save() is None
    return cache


def test_a_warm_run_gives_byte_identical_output(tree: Path) -> None:
    cold = outputs(tree)
    assert (tree / CACHE_DIR_NAME / CACHE_FILE).is_file()
    assert (tree / CACHE_DIR_NAME / ".gitignore").read_text().endswith("*\n")
    warm = outputs(tree)
    uncached = outputs(tree, cache=False)
    assert cold == warm == uncached


def test_unchanged_files_are_reused_and_changed_ones_analysed_again(tree: Path) -> None:
    first = cached_analysis(tree)
    # three files looked up; views.py's analysis with the helper's summary follows its first at
    # once (a file that changed cannot have that one cached), and both are stored
    assert (first.hits, first.misses) == (0, 3)
    second = cached_analysis(tree)
    # views.py is offered what it was: its last analysis is looked up, its first only kept
    assert (second.hits, second.misses) == (3, 0)
    (tree / "app" / "views.py").write_text(textwrap.dedent(VIEW) + "\n# edited\n")
    third = cached_analysis(tree)
    assert (third.hits, third.misses) == (2, 1)


def test_a_file_offered_what_it_was_takes_its_settled_result_and_one_offered_otherwise_settles_again(
        tree: Path) -> None:
    first = cached_analysis(tree)
    views = first.settled["app/views.py"]
    # views.py was analysed once, given the helper's summary, and kept under the digest of what it used of it
    assert views[0] == first.content_hash("app/views.py") and views[2]
    second = cached_analysis(tree)
    assert second.old_settled == first.settled and second.settled == first.settled
    # the helper's content changed, not its summary: views.py is offered what it was, and takes
    # its last result at once
    (tree / "app" / "helpers.py").write_text(textwrap.dedent(HELPER) + "\n# edited\n")
    third = cached_analysis(tree)
    assert (third.hits, third.misses) == (2, 1)
    assert third.settled["app/views.py"] == views
    assert third.settled["app/helpers.py"][3] == first.settled["app/helpers.py"][3]
    # the helper now offers more (another function with data of its own): views.py is offered
    # other summaries, but what it looked up is answered as it was, so its last result is what
    # an analysis given the new offer would give: taken without one
    (tree / "app" / "helpers.py").write_text(textwrap.dedent(HELPER) + "\n\ndef email():\n    return request.form['email']\n")
    fourth = cached_analysis(tree)
    assert (fourth.hits, fourth.misses) == (2, 1)
    assert fourth.settled["app/helpers.py"][3] != first.settled["app/helpers.py"][3]
    assert fourth.settled["app/views.py"][1] != views[1]
    assert fourth.settled["app/views.py"][2] == views[2]
    # the helper now returns something else under the name views.py uses: analysed again
    (tree / "app" / "helpers.py").write_text("from flask import request\n\n\ndef client_ip():\n    return request.form['email']\n")
    fifth = cached_analysis(tree)
    assert (fifth.hits, fifth.misses) == (2, 2)  # views.py's last result is looked up, and will not do
    assert fifth.settled["app/views.py"][2] != views[2]


def test_a_changed_dependency_invalidates_its_users(tree: Path) -> None:
    before = run(tree, config=Config(), command="observe", jobs=1)
    assert [o.categories for o in before.observations if o.path == "app/views.py" and o.span.start_line == 10] == [
        ("user.device.ip_address",)
    ]
    # the helper stops returning the IP: views.py is unchanged, but what it uses changed
    (tree / "app" / "helpers.py").write_text("def client_ip():\n    return '127.0.0.1'\n")
    after = run(tree, config=Config(), command="observe", jobs=1)
    assert [o for o in after.observations if o.path == "app/views.py" and o.span.start_line == 10] == []
    assert after.observations == run(tree, config=Config(), command="observe", jobs=1, cache=False).observations


@pytest.mark.parametrize(
    ("helper", "categories"),
    [
        # the same function, now returning other data: what the entry says changed, not its name
        ("from flask import request\n\n\ndef client_ip():\n    return request.form['email']\n",
         ("user.contact.email",)),
        # the same data from other lines: the flow shown in --explain and SARIF codeFlows moved
        ("from flask import request\n\n\n# moved down\n\ndef client_ip():\n    return request.remote_addr\n",
         ("user.device.ip_address",)),
    ],
    ids=["other-categories", "moved-lines"],
)
def test_a_dependency_that_says_something_else_invalidates_its_users(tree: Path, helper: str,
                                                                       categories: tuple[str, ...]) -> None:
    run(tree, config=Config(), command="observe", jobs=1)
    (tree / "app" / "helpers.py").write_text(helper)
    warm = run(tree, config=Config(), command="observe", jobs=1)
    cold = run(tree, config=Config(), command="observe", jobs=1, cache=False)
    logged = [o for o in warm.observations if o.path == "app/views.py" and o.span.start_line == 10]
    assert [o.categories for o in logged] == [categories]
    assert warm.observations == cold.observations


def test_a_changed_pack_selection_or_classifier_override_is_a_different_cache(tree: Path) -> None:
    cached_analysis(tree)
    without_logging = cached_analysis(tree, packs=("frameworks", "schemas", "share", "cookies"))
    assert without_logging.hits == 0
    overridden = run(tree, config=Config(classifier=ClassifierOverrides(not_personal=("email",))), command="observe",
                     jobs=1)
    assert all("user.contact.email" not in o.categories for o in overridden.observations)


def test_a_corrupt_cache_is_ignored(tree: Path) -> None:
    cold = outputs(tree)
    (tree / CACHE_DIR_NAME / CACHE_FILE).write_bytes(b"not a pickle")
    assert outputs(tree) == cold


def test_an_unwritable_cache_is_reported_not_fatal(tree: Path) -> None:
    (tree / CACHE_DIR_NAME).write_text("a file where the cache folder should be")
    result = run(tree, config=Config(), command="scan", jobs=1)
    assert [n.code for n in result.notices] == ["cache"]
    # it said 'File exists', as if the cache were there
    assert result.notices[0].message == (f"the result cache could not be written to {tree / CACHE_DIR_NAME}: a file,"
                                         " not a folder, has that name")
    assert result.complete


def test_a_folder_in_the_cache_file_s_place_is_named_in_the_warning(tree: Path) -> None:
    # 'could not be written to .policyscan_cache: Is a directory' named the folder that is one
    (tree / CACHE_DIR_NAME / CACHE_FILE).mkdir(parents=True)
    result = run(tree, config=Config(), command="scan", jobs=1)
    assert [n.message for n in result.notices] == [
        f"the result cache could not be written to {tree / CACHE_DIR_NAME / CACHE_FILE}: Is a directory"]
    assert result.complete and not [p for p in (tree / CACHE_DIR_NAME).iterdir() if p.name.endswith(".tmp")]


def test_the_cache_folder_is_never_scanned(tree: Path) -> None:
    outputs(tree)
    (tree / CACHE_DIR_NAME / "stray.py").write_text("import logging\nlogging.info('%s', email)\n")
    result = run(tree, config=Config(), command="observe", jobs=1)
    assert all(not o.path.startswith(CACHE_DIR_NAME) for o in result.observations)


def test_cache_dir_can_be_moved(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("POLICYSCAN_CACHE_DIR", os.fspath(elsewhere))
    outputs(tree)
    assert (elsewhere / CACHE_FILE).is_file()
    assert not (tree / CACHE_DIR_NAME).exists()


def _bare(path: str, uses: frozenset[str] = frozenset()) -> Analyzed:
    return Analyzed(FileResult(path), uses=uses)


@dataclass(frozen=True)
class _Extended(Analyzed):
    """A result with one more field, as a later engine might give: kept whole in the cache."""

    extra: str = ""


@pytest.mark.parametrize(
    ("result", "form"),
    [
        (_bare("a.py"), b""),
        (_bare("a.py", frozenset({"f:app.helpers.client_ip", "b:django.db.models.Model"})), b""),
        (_bare("a.py", frozenset({""})), b""),  # one empty name is not "no uses"
        (_bare("a.py", frozenset({"f:odd\0name", "f:other"})), b""),  # a name holding the separator
        (_bare("a.py", frozenset({"f:app.héllo", "v:app.\udcff"})), b""),  # non-ASCII, a lone surrogate
        (Analyzed(FileResult("a.py", skip=Skip("a.py", SkipReason.SYNTAX_ERROR, "invalid syntax", 3, 1))), b"C"),
        (Analyzed(FileResult("a.py"), ModuleSummary(families={"app.models.Base": "django.db.models.Model"}),
                  frozenset({"v:app.db"})), b"C"),
        # a call's data given to another module's log call (scanner.relayed) is kept
        (Analyzed(FileResult("a.py"), relayed=(RelayedLog(
            LogSite("b.py", Span(7, 5, 7, 26), "python.logging.personal-data", "logging.error()", "report_error"),
            ("user.contact.email",), "a.py", Span(6, 5, 6, 24), "report_error"),)), b"C"),
        # collects that hold only if no module names their class are kept, apart from the observations
        (Analyzed(FileResult("a.py"), gated=(Gated("app.schemas.Note", (Observation(
            Kind.COLLECT, "a.py", Span(10, 5, 10, 15), ("user.contact.phone_number",), "python.pydantic.field",
            "Note.phone declares user.contact.phone_number (pydantic field, received)"),)),)), b"C"),
        # a file holding a suppression comment's mark, with nothing else to say, is not a bare entry
        (Analyzed(FileResult("a.py"), directives=True), b"C"),
        (Analyzed(FileResult("a.py"), ModuleSummary(families={"app.models.Base": "django.db.models.Model"}),
                  frozenset({"v:app.db"}), directives=True), b"C"),
        # a file importing web frameworks no pack models (scanner.coverage), with nothing else to say
        (Analyzed(FileResult("a.py"), frameworks=(("cherrypy", 3), ("pecan", 1))), b"C"),
        (_bare("b.py"), b"P"),  # stored under another path: the path must come from the pickle
        (_Extended(FileResult("a.py"), uses=frozenset({"f:x"}), extra="kept"), b"P"),  # a field the codec does not know
    ],
)
def test_an_entry_decodes_to_an_equal_result(result: Analyzed, form: bytes) -> None:
    blob, uses = encode("a.py", result)
    assert blob[:1] == form
    assert _decode("a.py", (blob, uses)) == result


def test_a_stored_summary_is_decoded_when_first_read_and_the_result_pickles_as_computed() -> None:
    result = Analyzed(FileResult("a.py"), ModuleSummary(families={"app.models.Base": "django.db.models.Model"}),
                      frozenset({"v:app.db", "b:app.models.Base"}))
    decoded = _decode("a.py", encode("a.py", result))
    assert isinstance(decoded.__dict__["_summary"], bytes) and isinstance(decoded.__dict__["_uses"], bytes)
    assert decoded.summary == result.summary and decoded.uses == result.uses
    assert result == decoded and decoded == result
    again = pickle.loads(pickle.dumps(decoded))
    assert type(again) is Analyzed and again == result


def test_an_entry_whose_summary_bytes_are_damaged_is_unreadable() -> None:
    blob, uses = encode("a.py", Analyzed(FileResult("a.py"), ModuleSummary(families={"a.B": "c.D"})))
    observations, skip, summary, check, relayed, gated, directives, frameworks = pickle.loads(blob[1:])
    damaged = blob[:1] + pickle.dumps((observations, skip, summary[:-2] + b"\x00.", check, relayed, gated, directives,
                                       frameworks))
    with pytest.raises(ValueError, match="damaged"):
        _decode("a.py", (damaged, uses))


def test_an_entry_of_an_unknown_form_is_unreadable() -> None:
    blob, uses = encode("a.py", Analyzed(FileResult("a.py"), ModuleSummary(families={"a.B": "c.D"})))
    with pytest.raises(TypeError):
        _decode("a.py", (b"X" + blob[1:], uses))


def test_a_bare_entry_decodes_to_the_shared_empty_summary() -> None:
    assert _decode("a.py", encode("a.py", _bare("a.py"))).summary is EMPTY


def test_only_new_results_are_encoded_when_the_cache_is_written(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached_analysis(tree)
    encoded: list[str] = []
    real = cache_module.encode

    def counting(path: str, result: Analyzed) -> tuple[bytes, object]:
        encoded.append(path)
        return real(path, result)

    monkeypatch.setattr(cache_module, "encode", counting)
    (tree / "app" / "helpers.py").write_text(textwrap.dedent(HELPER) + "\n# edited\n")
    again = cached_analysis(tree)
    # views.py uses the helper, whose summary is unchanged: only its last analysis is looked up
    assert (again.hits, again.misses) == (2, 1)
    assert encoded == ["app/helpers.py"]
    assert (cached_analysis(tree).hits, encoded) == (3, ["app/helpers.py"])


def test_an_unchanged_run_does_not_write_the_cache(tree: Path) -> None:
    cached_analysis(tree)
    written = (tree / CACHE_DIR_NAME / CACHE_FILE).stat().st_mtime_ns
    os.utime(tree / CACHE_DIR_NAME / CACHE_FILE, ns=(written - 10**9, written - 10**9))
    cached_analysis(tree)
    assert (tree / CACHE_DIR_NAME / CACHE_FILE).stat().st_mtime_ns == written - 10**9


def test_a_damaged_entry_is_a_miss_and_is_replaced(tree: Path) -> None:
    cold = outputs(tree)
    file = tree / CACHE_DIR_NAME / CACHE_FILE
    form, key, hashes, entries, *rest = pickle.loads(file.read_bytes())
    damaged = next(k for k, (blob, _) in entries.items() if blob)
    entries[damaged] = (b"\x80\x05not a pickle", entries[damaged][1])
    file.write_bytes(pickle.dumps((form, key, hashes, entries, *rest)))
    assert outputs(tree) == cold
    assert pickle.loads(file.read_bytes())[3][damaged][0] not in (b"", b"\x80\x05not a pickle")


def test_a_cache_of_another_format_is_ignored(tree: Path) -> None:
    cold = outputs(tree)
    file = tree / CACHE_DIR_NAME / CACHE_FILE
    form, key, hashes, entries, *rest = pickle.loads(file.read_bytes())
    file.write_bytes(pickle.dumps((form - 1, key, hashes, {k: (b"", None) for k in entries}, *rest)))
    assert outputs(tree) == cold


def test_imports_are_read_again_only_for_changed_files(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = ["app/__init__.py", "app/helpers.py", "app/views.py"]
    deps = {"app/__init__.py": (), "app/helpers.py": (), "app/views.py": ("app/helpers.py",)}

    def ordered(cache: ResultCache) -> tuple[list[str], dict[str, tuple[str, ...]]]:
        order, deps = import_order(tree, files, cache)
        assert cache.save() is None
        return order, deps

    def reopened() -> ResultCache:
        return ResultCache.open(tree, ("imports",))

    assert ordered(reopened()) == import_order(tree, files) == (files, deps)
    read: list[str] = []  # the files whose imports are read (from the bytes the cache hashed, or read again)
    real = import_order_module._file_imports

    def recording(raw: bytes, relpath: str, *args: Any) -> tuple[str, ...]:
        read.append(relpath)
        return real(raw, relpath, *args)

    monkeypatch.setattr(import_order_module, "_file_imports", recording)
    assert ordered(reopened()) == (files, deps)
    assert read == []
    (tree / "app" / "helpers.py").write_text("from app import views\n")
    assert ordered(reopened())[1] == {**deps, "app/helpers.py": ("app/__init__.py", "app/views.py")}
    assert read == ["app/helpers.py"]
    read.clear()
    # another file list: every file's imports are resolved again (a new module may be what they import)
    (tree / "app" / "extra.py").write_text("")
    assert import_order(tree, [*files, "app/extra.py"], reopened())[1]["app/extra.py"] == ()
    assert sorted(read) == ["app/__init__.py", "app/extra.py", "app/helpers.py", "app/views.py"]


def test_a_file_is_hashed_once_per_lookup_run_and_again_when_its_result_is_stored(tree: Path) -> None:
    cache = ResultCache.open(tree, ("hashes",))
    before = cache.content_hash("app/views.py")
    (tree / "app" / "views.py").write_text("changed = True\n")
    assert cache.content_hash("app/views.py") == before  # the run's view of the tree
    assert cache.content_hash("app/views.py", fresh=True) != before
    result = Analyzed(FileResult("app/views.py"))
    (tree / "app" / "views.py").write_text("changed = 'again'\n")
    cache.put("app/views.py", result)
    assert cache.save() is None
    assert ResultCache.open(tree, ("hashes",)).get("app/views.py") == result


def test_a_failed_write_leaves_no_temporary_file(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ResultCache.open(tree, ("write",))
    cache.put("app/views.py", Analyzed(FileResult("app/views.py")))

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_module.pickle, "dump", full_disk)
    assert cache.save() == f"the result cache could not be written to {tree / CACHE_DIR_NAME}: No space left on device"
    assert sorted(p.name for p in (tree / CACHE_DIR_NAME).iterdir()) == [".gitignore"]


def test_a_warm_run_with_few_changed_files_starts_no_workers(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(40):  # more files than a batch of work, so that workers are considered
        (tree / "app" / f"mod{i}.py").write_text(f"from app.helpers import client_ip\n\n\ndef f{i}():\n"
                                                 f"    return client_ip()\n")
    files = sorted(p.relative_to(tree).as_posix() for p in (tree / "app").glob("*.py"))
    models = load_models()
    overrides = ClassifierOverrides()

    def analysed(jobs: int, cache: ResultCache | None) -> tuple[object, ...]:
        analysis = analyze(tree, files, models=models, classifier=Classifier.load(overrides), max_size=1_000_000,
                           jobs=jobs, cache=cache)
        if cache is not None:
            assert cache.save() is None
        return analysis.observations

    def opened() -> ResultCache:
        return ResultCache.open(tree, (models.version, classifier_digest(overrides), "1000000"))

    analysed(2, opened())
    (tree / "app" / "views.py").write_text(textwrap.dedent(VIEW) + "\n# edited\n")
    (tree / "app" / "mod3.py").write_text("import logging\n\n\ndef g(email):\n    logging.info(email)\n")

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    warm = opened()
    observations = analysed(2, warm)
    assert warm.misses == 2
    assert observations == analysed(1, None)
    assert [(o.path, o.span.start_line) for o in observations if o.path in ("app/mod3.py", "app/views.py")] == [
        ("app/mod3.py", 5), ("app/views.py", 10), ("app/views.py", 11)]


def test_the_import_order_reads_a_file_the_cache_hashes_from_the_bytes_it_hashed(tree: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    files = ["app/__init__.py", "app/helpers.py", "app/views.py"]
    opened: list[str] = []
    real = import_order_module._read
    monkeypatch.setattr(import_order_module, "_read",
                        lambda folder, relpath: opened.append(relpath) or real(folder, relpath))
    cache = ResultCache.open(tree, ("imports",))
    assert import_order(tree, files, cache) == import_order(tree, files)
    assert opened == files  # only by the run without a cache
    assert sorted(cache.hashes) == files and cache.last_read("app/views.py") is None  # handed on once


def test_imports_stored_by_another_version_of_the_reader_are_read_again(tree: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    files = ["app/__init__.py", "app/helpers.py", "app/views.py"]
    cache = ResultCache.open(tree, ("imports",))
    import_order(tree, files, cache)
    assert cache.save() is None
    monkeypatch.setattr(import_order_module, "reader_digest", lambda: b"another reader")
    reopened = ResultCache.open(tree, ("imports",))
    read: list[str] = []
    real = import_order_module._file_imports
    monkeypatch.setattr(import_order_module, "_file_imports",
                        lambda raw, relpath, *args: read.append(relpath.rsplit("/", 1)[-1]) or real(raw, relpath, *args))
    assert import_order(tree, files, reopened) == import_order(tree, files)
    # each file read twice: by the run with the cache (its stored imports not trusted) and without
    assert sorted(read) == ["__init__.py", "__init__.py", "helpers.py", "helpers.py", "views.py", "views.py"]


def test_a_comment_in_a_dependency_repeats_the_last_runs_rounds_from_the_cache(tree: Path) -> None:
    cached_analysis(tree)
    (tree / "app" / "helpers.py").write_text(textwrap.dedent(HELPER) + "\n# edited\n")
    cache = cached_analysis(tree)
    # the helper's summary and uses are unchanged: every file starts the rounds as it did last run
    assert cache.rounds[0] == cache.old_rounds[0]
    assert cache.rounds[1] == cache.old_rounds[1]
    assert outputs(tree) == outputs(tree, cache=False)


def test_a_dependency_that_changes_after_repeated_rounds_still_resettles_its_users(tree: Path) -> None:
    run(tree, config=Config(), command="observe", jobs=1)
    (tree / "app" / "helpers.py").write_text(textwrap.dedent(HELPER) + "\n# edited\n")
    run(tree, config=Config(), command="observe", jobs=1)  # repeats the rounds
    (tree / "app" / "helpers.py").write_text("def client_ip():\n    return '127.0.0.1'\n")
    cache = cached_analysis(tree)
    assert cache.rounds[0] != cache.old_rounds[0]
    after = run(tree, config=Config(), command="observe", jobs=1)
    assert [o for o in after.observations if o.path == "app/views.py" and o.span.start_line == 10] == []
    assert after.observations == run(tree, config=Config(), command="observe", jobs=1, cache=False).observations


def chain(root: Path, length: int = 80) -> list[str]:
    """A package of `length` modules, each a helper calling the one before it (the first returns
    the client's IP), and a view logging the last: more files than two workers' first batches."""
    files = {"app/__init__.py": "", "app/m00.py": "from flask import request\n\n\ndef ip():\n    return request.remote_addr\n"}
    for n in range(1, length):
        files[f"app/m{n:02}.py"] = f"from app.m{n - 1:02} import ip as before\n\n\ndef ip():\n    return before()\n"
    files["app/views.py"] = (f"import logging\n\nfrom app.m{length - 1:02} import ip\n\n\n"
                             "def view():\n    logging.info('from %s', ip())\n")
    for relpath, text in files.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(text)
    return sorted(files)


def test_a_cache_made_by_workers_serves_a_one_process_run_as_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = chain(tmp_path)
    models, overrides = load_models(), ClassifierOverrides()
    parts = (models.version, classifier_digest(overrides), "1000000")

    def analysed(jobs: int, directory: Path) -> tuple[ResultCache, list[tuple[str, int]]]:
        cache = ResultCache.open(tmp_path, parts, directory)
        result = analyze(tmp_path, files, models=models, classifier=Classifier.load(overrides), max_size=1_000_000,
                         jobs=jobs, cache=cache)
        assert cache.save() is None
        return cache, [(o.path, o.span.start_line) for o in result.observations if o.kind.value == "log"]

    parallel, parallel_logs = analysed(2, tmp_path / "parallel")
    alone, alone_logs = analysed(1, tmp_path / "alone")
    # each file was offered what one process offers it: the same steps, offers and summaries,
    # and no rounds (there is no import cycle), so the log of the IP is found on the first pass
    assert parallel.settled == alone.settled
    assert parallel.rounds[1] == alone.rounds[1] == ()
    assert parallel_logs == alone_logs == [("app/views.py", 7)]
    # a one-process run on the workers' cache, after an edit that leaves a summary as it was,
    # analyses the edited file only and takes every other file's settled result
    analysed_paths: list[str] = []
    original = settle_module.analyze_path

    def counting(root: Path, relpath: str, *args: object, **kwargs: object) -> Analyzed:
        analysed_paths.append(relpath)
        return original(root, relpath, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(settle_module, "analyze_path", counting)
    (tmp_path / "app" / "m40.py").write_text((tmp_path / "app" / "m40.py").read_text() + "# edited\n")
    warm, warm_logs = analysed(1, tmp_path / "parallel")
    assert analysed_paths == ["app/m40.py"]
    assert (warm.hits, warm.misses) == (len(files) - 1, 1)
    assert warm_logs == [("app/views.py", 7)]
    # the same with workers: m41.py, which imports the edited file, waits for its summary rather
    # than being analysed with it in one batch, and takes its settled result
    analysed_paths.clear()
    (tmp_path / "app" / "m40.py").write_text((tmp_path / "app" / "m40.py").read_text() + "# again\n")
    parallel_warm, _ = analysed(2, tmp_path / "parallel")
    assert analysed_paths == ["app/m40.py"]
    assert (parallel_warm.hits, parallel_warm.misses) == (len(files) - 1, 1)


def _same(one: Analyzed, other: Analyzed) -> bool:
    """Equal results, their summaries by digest (a FunctionSummary is compared by identity)."""
    return ((one.result, one.uses, one.relayed, one.gated, one.directives, one.frameworks, one.summary.digest())
            == (other.result, other.uses, other.relayed, other.gated, other.directives, other.frameworks,
                other.summary.digest()))


def test_results_settled_in_workers_are_encoded_there_and_stored_as_the_parent_would_store_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = chain(tmp_path)
    models, overrides = load_models(), ClassifierOverrides()
    parts = (models.version, classifier_digest(overrides), "1000000")
    in_parent: list[str] = []
    real = cache_module.encode

    def counting(path: str, result: Analyzed) -> tuple[bytes, object]:
        in_parent.append(path)
        return real(path, result)

    monkeypatch.setattr(cache_module, "encode", counting)  # the parent's saving; a worker encodes with settle's

    def analysed(jobs: int, directory: Path) -> ResultCache:
        cache = ResultCache.open(tmp_path, parts, directory)
        analyze(tmp_path, files, models=models, classifier=Classifier.load(overrides), max_size=1_000_000,
                jobs=jobs, cache=cache)
        assert cache.save() is None
        return cache

    parallel = analysed(2, tmp_path / "parallel")
    by_workers = {key[0] for key in parallel.encoded}
    assert len(by_workers) > len(files) // 2  # the first batches are settled in this process
    assert sorted(in_parent) == sorted(key[0] for key in parallel.results if key[0] not in by_workers)
    for key, encoded in parallel.encoded.items():
        assert _same(_decode(key[0], encoded), parallel.results[key])
    # what they stored serves a one-process run as what it would have stored itself
    in_parent.clear()
    alone = analysed(1, tmp_path / "alone")
    assert alone.encoded == {} and sorted(in_parent) == sorted(key[0] for key in alone.results)
    warm = ResultCache.open(tmp_path, parts, tmp_path / "parallel")
    assert warm.stored.keys() == alone.results.keys()
    assert all(_same(_decode(key[0], warm.stored[key]), alone.results[key]) for key in alone.results)


CYCLE = {
    "app/__init__.py": "",
    # a.py imports b.py only in a function, b.py imports a.py at module level: b.py comes after
    # a.py, which sees b.py's helper in a round
    "app/a.py": "import logging\n\nfrom flask import request\n\nlog = logging.getLogger(__name__)\n\n\n"
                "def client_ip():\n    return request.remote_addr\n\n\n"
                "def view():\n    from app.b import ip\n    log.info('from %s', ip())\n",
    "app/b.py": "from app.a import client_ip\n\n\ndef ip():\n    return client_ip()\n",
}


def test_an_edit_to_a_file_the_rounds_analyse_repeats_them_with_one_analysis(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for relpath, text in CYCLE.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(text)
    first = run(tmp_path, config=Config(), command="observe", jobs=1)
    assert [(o.path, o.span.start_line, o.kind.value) for o in first.observations] == [
        ("app/a.py", 9, "collect"), ("app/a.py", 14, "log")]
    (tmp_path / "app" / "a.py").write_text(CYCLE["app/a.py"] + "# edited\n")
    analyses: list[str] = []
    merges: list[int] = []
    real_analyze, real_merge = settle_module.analyze_path, ModuleSummary.merge

    def counting(root: Path, relpath: str, *args: object, **kwargs: object) -> Analyzed:
        analyses.append(relpath)
        return real_analyze(root, relpath, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(settle_module, "analyze_path", counting)
    monkeypatch.setattr(ModuleSummary, "merge", staticmethod(lambda summaries: merges.append(1) or real_merge(summaries)))
    again = run(tmp_path, config=Config(), command="observe", jobs=1)
    # a.py settled again (it changed), then analysed once more with what its round was given;
    # its state is what it was, so the rounds are not run (no index of every summary is merged)
    assert analyses == ["app/a.py", "app/a.py"]
    assert len(merges) == 1  # the summaries a.py is offered when settled; none of the rounds
    assert again.observations == first.observations
    monkeypatch.undo()
    assert again.observations == run(tmp_path, config=Config(), command="observe", jobs=1, cache=False).observations


def test_the_names_offered_are_made_only_for_a_file_the_cache_may_have(tree: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    real = settle_module._Names.of

    def counting(self: settle_module._Names, offered: list[tuple[str, ModuleSummary]]) -> frozenset[str]:
        made.append(len(offered))
        return real(self, offered)

    monkeypatch.setattr(settle_module._Names, "of", counting)
    first = cached_analysis(tree)
    assert (first.misses, made) == (3, [])  # a first run: nothing in the cache, no names made
    # the helper edited: its result is new, and the views, offered another summary, is looked up
    # under what it used last time (the names of what it is offered)
    (tree / "app" / "helpers.py").write_text(textwrap.dedent(HELPER) + "\n\ndef agent():\n    return request.user_agent\n")
    cached_analysis(tree)
    assert made == [1]


def test_the_engine_digest_covers_every_module_whose_code_decides_a_cached_result() -> None:
    package = Path(cache_module.__file__).resolve().parent
    covered = {path.relative_to(package).as_posix() for path in cache_module.analysis_code()}
    engine = {f"engine/{path.name}" for path in (package / "engine").glob("*.py")}
    assert covered == engine | {"classify.py", "packs.py", "model.py", "settle.py", "import_order.py", "runner.py",
                                "coverage.py", "data/unmodelled_frameworks.csv"}


# The modules split from scanner/engine/sources.py: each one's code decides what a file observes.
SPLIT_FROM_SOURCES = ["engine/field_descriptors.py", "engine/keyed_options.py", "engine/schema_calls.py", "engine/lazy_modules.py"]


@pytest.mark.parametrize("module", SPLIT_FROM_SOURCES)
def test_a_change_in_a_module_split_from_sources_changes_the_engine_digest(module: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = Path(cache_module.__file__).resolve().parent / module
    assert target.is_file()
    before = cache_module.engine_digest.__wrapped__()  # past the per-process cache
    real = Path.read_bytes

    def edited(self: Path) -> bytes:
        return real(self) + (b"\n# edited\n" if self == target else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert cache_module.engine_digest.__wrapped__() != before


SUPPRESSED_VIEW = '''
import logging

log = logging.getLogger(__name__)


def view(email):
    log.info("signup %s", email)  # policyscan: ignore[PS401] reviewed, SEC-1
'''


def test_suppression_comments_are_read_only_from_files_whose_analysis_found_their_mark_cached_or_not(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "app" / "views.py").write_text(textwrap.dedent(SUPPRESSED_VIEW))
    read: list[list[str]] = []
    original = suppress.read_directives

    def recording(root: Path, files: Iterable[str], inventory: tuple[str, Path] | None = None) -> object:
        read.append(list(files))
        return original(root, read[-1], inventory)

    monkeypatch.setattr(suppress, "read_directives", recording)
    cold = outputs(tree)
    warm = outputs(tree)  # every result from the cache, its mark with it
    uncached = outputs(tree, cache=False)
    assert cold == warm == uncached
    assert '"justification": "reviewed, SEC-1"' in cold[0]
    assert read == [["app/views.py"]] * 3
    # the comment removed: the cached mark goes with the content it was found in
    (tree / "app" / "views.py").write_text(textwrap.dedent(SUPPRESSED_VIEW).replace("  # policyscan:", "  #"))
    edited = outputs(tree)
    assert read[-1] == [] and "justification" not in edited[0]
