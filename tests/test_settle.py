"""The worker pool that analyses a round's files."""

from __future__ import annotations

from pathlib import Path

from scanner.classify import Classifier
from scanner.packs import load_models
from scanner.settle import BATCH, Settler


def test_a_round_with_nothing_to_analyse_after_the_pool_started_gives_nothing(tmp_path: Path) -> None:
    files = [f"m{i}.py" for i in range(BATCH)]  # enough for the pool to start
    for relpath in files:
        (tmp_path / relpath).write_text("x = 1\n")
    engine = Settler(tmp_path, models=load_models(), classifier=Classifier.load(), max_size=1_000_000, workers=2)
    try:
        assert [a.result.path for a in engine.run(files, {})] == files
        assert engine.pool is not None
        # every file of a later round found in the cache: the started pool is given no batch of none
        assert engine.run([], {}) == []
    finally:
        engine.close()
