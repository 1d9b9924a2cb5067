"""The rule packs' compiled form kept in the cache folder (scanner.compiled)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scanner import classify, compiled
from scanner.bundled import rules_dir
from scanner.classify import Classifier, RulePack, bundled_pack
from scanner.compiled import COMPILED_FILE, compiled_packs
from scanner.engine.analyzer import analyze_source
from scanner.errors import RulePackError
from scanner.packs import Models, default_pack_paths, load_models

EXAMPLES = [rules_dir() / "models" / name for name in ("logging.py", "schemas.py", "share.py")]


def same(first: tuple[Models, RulePack], second: tuple[Models, RulePack]) -> bool:
    """Compiled packs that observe the same in the rule packs' example files (their symbol tables
    compare by identity and their sets iterate in any order, so they are compared by what they do)."""
    def observed(packs: tuple[Models, RulePack]) -> list[object]:
        models, pack = packs
        return [analyze_source(path.name, path.read_text(encoding="utf-8"), models, Classifier(pack))
                for path in EXAMPLES]
    return first[0].version == second[0].version and observed(first) == observed(second)


@pytest.fixture(autouse=True)
def folder_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No copy beside the bundled packs (as in an install that cannot be written), unless a test
    sets one: the cache folder's copy is what most tests here are about."""
    monkeypatch.setattr(compiled, "beside_packs", lambda: None)


def _copied_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled packs, in a folder of its own, that the packs' loading reads instead: a
    test may edit it."""
    packs = tmp_path / "packs"
    packs.mkdir()
    copies = tuple(Path(shutil.copy(path, packs / path.name)) for path in default_pack_paths())
    monkeypatch.setattr(compiled, "default_pack_paths", lambda: copies)
    monkeypatch.setattr(compiled, "load_models", lambda enabled=None: load_models(copies, enabled=enabled))
    return packs


def test_a_second_run_reads_the_kept_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = compiled_packs(tmp_path, None)
    assert (tmp_path / COMPILED_FILE).is_file()
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").endswith("*\n")

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(compiled, "load_models", no_compiling)
    models, pack = compiled_packs(tmp_path, None)
    assert same((models, pack), first) and same((models, pack), (load_models(), bundled_pack()))


def test_the_packs_enabled_are_part_of_the_key(tmp_path: Path) -> None:
    everything, _ = compiled_packs(tmp_path, None)
    some, _ = compiled_packs(tmp_path, ("logging",))
    assert some.packs == ("logging",)
    assert everything.packs != some.packs
    assert compiled_packs(tmp_path, ("logging",))[0].packs == ("logging",)


@pytest.mark.parametrize("where", ["cache folder", "beside the packs"])
def test_an_edited_pack_is_compiled_again(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept in the cache folder, or beside the bundled packs (--no-cache): an edited pack is compiled
    again, and a broken one reported, never read from what was kept."""
    packs = _copied_packs(tmp_path, monkeypatch)
    cache: Path | None = tmp_path / "cache"
    if where == "beside the packs":
        cache = None
        monkeypatch.setattr(compiled, "beside_packs", lambda: packs / "__pycache__" / "compiled-packs.pickle")
    before, _ = compiled_packs(cache, None)
    logging_pack = packs / "logging.toml"
    logging_pack.write_text(logging_pack.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after, _ = compiled_packs(cache, None)
    assert after.version != before.version
    logging_pack.write_text("[pack]\nname = 'logging'\nbroken = ", encoding="utf-8")
    with pytest.raises(RulePackError):
        compiled_packs(cache, None)


def test_a_damaged_file_is_compiled_again(tmp_path: Path) -> None:
    (tmp_path / COMPILED_FILE).write_bytes(b"not a pickle")
    assert same(compiled_packs(tmp_path, None), (load_models(), bundled_pack()))


def test_without_a_folder_nothing_is_kept(tmp_path: Path) -> None:
    assert same(compiled_packs(None, None), (load_models(), bundled_pack()))
    assert list(tmp_path.iterdir()) == []


def test_without_a_folder_the_packs_are_kept_beside_the_bundled_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--no-cache (no folder) and a new cache folder read the compiled packs kept beside the packs."""
    beside = tmp_path / "rules" / "__pycache__" / "compiled-packs.pickle"
    monkeypatch.setattr(compiled, "beside_packs", lambda: beside)
    first = compiled_packs(None, None)
    assert beside.is_file()
    assert not (beside.parent / ".gitignore").exists()  # a __pycache__ folder is ignored already

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(compiled, "load_models", no_compiling)
    monkeypatch.setattr(compiled, "bundled_pack", no_compiling)
    assert same(compiled_packs(None, None), first)
    cache = tmp_path / "cache"
    assert same(compiled_packs(cache, None), first)
    assert not (cache / COMPILED_FILE).exists()  # found beside the packs: not copied


def test_an_unwritable_place_beside_the_packs_costs_only_the_shortcut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "__pycache__").write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setattr(compiled, "beside_packs", lambda: tmp_path / "__pycache__" / "compiled-packs.pickle")
    assert same(compiled_packs(None, None), (load_models(), bundled_pack()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["__pycache__"]


def _copied_classifier_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled classifier pack that compiling it and keying it read instead."""
    rules = tmp_path / "rules"
    rules.mkdir()
    copy = Path(shutil.copy(rules_dir() / "classifier.toml", rules / "classifier.toml"))
    monkeypatch.setattr(classify, "rules_dir", lambda: rules)
    monkeypatch.setattr(compiled, "rules_dir", lambda: rules)
    return copy


def test_an_edited_classifier_pack_is_compiled_again_in_the_same_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The process compiled the classifier pack once and kept that (bundled_pack was cached once per
    process): after an edit it was kept again under the edited file's key, and a broken pack was
    never reported (a test session that outlived an edit of rules/classifier.toml)."""
    pack = _copied_classifier_pack(tmp_path, monkeypatch)
    compiled_packs(tmp_path / "cache", None)
    pack.write_text("[pack]\nbroken = ", encoding="utf-8")
    with pytest.raises(RulePackError):
        compiled_packs(tmp_path / "cache", None)


def test_packs_edited_while_they_are_compiled_are_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit between the key's reading and the compiling's: what was compiled may be either text,
    so nothing is kept under either key; the next run compiles the edited packs."""
    packs = _copied_packs(tmp_path, monkeypatch)
    logging_pack = packs / "logging.toml"
    loading = compiled.load_models

    def edited_meanwhile(enabled: tuple[str, ...] | None = None) -> Models:
        logging_pack.write_text(logging_pack.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        return loading(enabled=enabled)

    monkeypatch.setattr(compiled, "load_models", edited_meanwhile)
    compiled_packs(tmp_path / "cache", None)
    assert not (tmp_path / "cache" / COMPILED_FILE).exists()
    monkeypatch.setattr(compiled, "load_models", loading)
    compiled_packs(tmp_path / "cache", None)
    assert (tmp_path / "cache" / COMPILED_FILE).is_file()
