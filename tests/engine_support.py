"""What the engine observes in one module's source, for the tests of its detectors."""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path

import pytest

from scanner.classify import Classifier
from scanner.config import Config
from scanner.engine.analyzer import analyze_source
from scanner.errors import RulePackError
from scanner.packs import Models, default_pack_paths, load_models
from scanner.settle import Settler
from scanner.runner import run

# (line, kind, categories, rule, stored) of each observation, in order
Seen = tuple[int, str, tuple[str, ...], str, bool]


@cache
def models() -> Models:
    """The bundled rule packs, loaded once for the session."""
    return load_models()


def observed(source: str, path: str = "app/module.py") -> list[Seen]:
    """The observations of `source` (dedented) analysed as the module at `path`, in order."""
    result = analyze_source(path, textwrap.dedent(source), models(), Classifier.load())
    assert result.skip is None
    return sorted((o.span.start_line, o.kind.value, o.categories, o.rule, o.stored) for o in result.observations)


def observed_tree(root: Path, files: dict[str, str]) -> list[tuple[str, int, str, tuple[str, ...]]]:
    """(path, line, kind, categories) of each observation of a one-worker, uncached observe run
    over `files` (relative path to dedented text), written under `root`."""
    for relpath, text in files.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(textwrap.dedent(text), encoding="utf-8")
    result = run(root, config=Config(), command="observe", jobs=1, cache=False)
    return [(o.path, o.span.start_line, o.kind.value, o.categories) for o in result.observations]


def pack_problems(tmp_path: Path, text: str) -> list[str]:
    """The messages of the RulePackError a pack of `text`, loaded after the bundled ones, raises."""
    pack = tmp_path / "mine.toml"
    pack.write_text('[pack]\nname = "mine"\n\n' + text, encoding="utf-8")
    with pytest.raises(RulePackError) as raised:
        load_models([*default_pack_paths(), pack])
    return [p.message for p in raised.value.problems]


def record_rounds(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The list into which every settling round of the runs that follow appends the files it analysed
    again (`Settler.run` is wrapped for the test)."""
    analysed_again: list[list[str]] = []
    original = Settler.run

    def recording(self: Settler, todo: list[str], *args: object, **kwargs: object) -> object:
        analysed_again.append(list(todo))
        return original(self, todo, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Settler, "run", recording)
    return analysed_again
