"""The worker pool that analyses a round's files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from scanner import settle
from scanner.classify import Classifier
from scanner.cli import main
from scanner.errors import ExitCode, WorkerLost
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


def _ended_abruptly(*args: object) -> object:
    os._exit(9)  # as the system's out-of-memory killer ends a worker


@pytest.mark.parametrize("step", ["settle", "round"])
def test_a_worker_that_ends_abruptly_stops_the_scan_naming_its_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], step: str) -> None:
    # The scan ended in a traceback of the pool's ('BrokenProcessPool: A process in the process pool
    # was terminated abruptly') and 'internal error': nothing said which files it was at.
    files = [f"m{i:02}.py" for i in range(2 * BATCH + 6)]
    for relpath in files:
        (tmp_path / relpath).write_text("x = 1\n")
    if step == "settle":  # the workers forked after this see it
        monkeypatch.setattr(settle, "_settle_batch", _ended_abruptly)
        with pytest.raises(SystemExit) as exit_info:
            main(["observe", str(tmp_path), "-j", "2", "--no-cache"])
        assert exit_info.value.code == 3
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("policyscan: error: a worker process ended abruptly (killed, or out of"
                                            " memory?) while analysing one of ")
        assert err.rstrip().endswith("more. Run again with -j 1 to analyse them in one process, or exclude a file too"
                                     " large to analyse")
        return
    monkeypatch.setattr(settle, "_analyze_batch", _ended_abruptly)
    engine = Settler(tmp_path, models=load_models(), classifier=Classifier.load(), max_size=1_000_000, workers=2)
    try:
        with pytest.raises(WorkerLost) as caught:
            engine.run(files, {})
    finally:
        engine.close()
    assert caught.value.exit_code == ExitCode.INCOMPLETE
    assert str(caught.value) == (f"a worker process ended abruptly (killed, or out of memory?) while analysing one of"
                                 f" {len(files)} files: {', '.join(files[:10])} and {len(files) - 10} more. Run again"
                                 " with -j 1 to analyse them in one process, or exclude a file too large to analyse")


def test_a_file_analysed_but_for_a_statement_too_deep_is_cached_by_what_its_imports_offered(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A partial skip (STATEMENT_TOO_DEEP) was stored as if its analysis had used nothing its imports
    # offer: once `audit` no longer logged its argument, a warm run still said main.py logged the email.
    logs = "import logging\n\n\ndef audit(value):\n    logging.info('%s', value)\n"
    (tmp_path / "helpers.py").write_text(logs)
    (tmp_path / "main.py").write_text("from helpers import audit\n\n\ndef f(email):\n    x = a" + ".b" * 1500
                                      + "\n    audit(email)\n    return x\n")

    def logged() -> list[str]:
        with pytest.raises(SystemExit):
            main(["observe", str(tmp_path), "--format", "json", "-j", "1"])
        return sorted(o["path"] for o in json.loads(capsys.readouterr().out)["observations"])

    assert logged() == ["helpers.py", "main.py"]
    (tmp_path / "helpers.py").write_text(logs.replace("'%s', value", "'audited'"))
    assert logged() == []
