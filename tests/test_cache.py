"""The result cache: reused only when nothing a result depends on changed, and never changes the output."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from scanner.cache import CACHE_DIR_NAME, ResultCache
from scanner.classify import Classifier
from scanner.config import Config
from scanner.inventory import ClassifierOverrides
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
    analyze(root, files, models=models, classifier=Classifier.load(overrides), packs=packs, overrides=overrides,
            max_size=1_000_000, jobs=1, cache=cache)
    assert cache.save() is None
    return cache


def test_a_warm_run_gives_byte_identical_output(tree: Path) -> None:
    cold = outputs(tree)
    assert (tree / CACHE_DIR_NAME / "results-v1.pickle").is_file()
    assert (tree / CACHE_DIR_NAME / ".gitignore").read_text().endswith("*\n")
    warm = outputs(tree)
    uncached = outputs(tree, cache=False)
    assert cold == warm == uncached


def test_unchanged_files_are_reused_and_changed_ones_analysed_again(tree: Path) -> None:
    first = cached_analysis(tree)
    assert (first.hits, first.misses) == (0, 4)  # three files, and views.py again with the helper's summary
    second = cached_analysis(tree)
    assert (second.hits, second.misses) == (4, 0)
    (tree / "app" / "views.py").write_text(textwrap.dedent(VIEW) + "\n# edited\n")
    third = cached_analysis(tree)
    assert (third.hits, third.misses) == (2, 2)


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


def test_a_changed_pack_selection_or_classifier_override_is_a_different_cache(tree: Path) -> None:
    cached_analysis(tree)
    without_logging = cached_analysis(tree, packs=("frameworks", "schemas", "share", "cookies"))
    assert without_logging.hits == 0
    overridden = run(tree, config=Config(classifier=ClassifierOverrides(not_personal=("email",))), command="observe",
                     jobs=1)
    assert all("user.contact.email" not in o.categories for o in overridden.observations)


def test_a_corrupt_cache_is_ignored(tree: Path) -> None:
    cold = outputs(tree)
    (tree / CACHE_DIR_NAME / "results-v1.pickle").write_bytes(b"not a pickle")
    assert outputs(tree) == cold


def test_an_unwritable_cache_is_reported_not_fatal(tree: Path) -> None:
    (tree / CACHE_DIR_NAME).write_text("a file where the cache folder should be")
    result = run(tree, config=Config(), command="scan", jobs=1)
    assert [n.code for n in result.notices] == ["cache"]
    assert "could not be written" in result.notices[0].message
    assert result.complete


def test_the_cache_folder_is_never_scanned(tree: Path) -> None:
    outputs(tree)
    (tree / CACHE_DIR_NAME / "stray.py").write_text("import logging\nlogging.info('%s', email)\n")
    result = run(tree, config=Config(), command="observe", jobs=1)
    assert all(not o.path.startswith(CACHE_DIR_NAME) for o in result.observations)


def test_cache_dir_can_be_moved(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("POLICYSCAN_CACHE_DIR", os.fspath(elsewhere))
    outputs(tree)
    assert (elsewhere / "results-v1.pickle").is_file()
    assert not (tree / CACHE_DIR_NAME).exists()
