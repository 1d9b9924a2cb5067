"""The engine never stops a scan: odd but valid code is analysed, and a bug on one file is a reported skip."""

from __future__ import annotations

import pickle

from scanner.classify import Classifier
from scanner.engine import analyzer
from scanner.engine.values import CONFIGURED, UNKNOWN, Value
from scanner.model import SkipReason
from scanner.packs import load_models


def test_markers_survive_pickling() -> None:
    # results travel through worker processes and the cache as pickles
    assert pickle.loads(pickle.dumps(UNKNOWN)) is UNKNOWN
    assert pickle.loads(pickle.dumps(CONFIGURED)) is CONFIGURED
    assert not pickle.loads(pickle.dumps(Value())).is_const


def test_empty_tuple_annotation() -> None:
    source = "def f(x: tuple[()] = ()) -> tuple[()]:\n    return x\n"
    result = analyzer.analyze_source("m.py", source, load_models(), Classifier.load())
    assert result.skip is None


def test_an_engine_bug_on_one_file_is_a_skip_with_its_line(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(self, node, scope, unused=False):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    monkeypatch.setattr(analyzer.FileAnalyzer, "eval_call", broken)
    source = "import logging\n\n\nlogging.info('x')\n"
    result = analyzer.analyze_source("m.py", source, load_models(), Classifier.load())
    assert result.skip is not None
    assert (result.skip.reason, result.skip.line) == (SkipReason.ANALYSIS_ERROR, 4)
    assert "ValueError: boom" in result.skip.message
