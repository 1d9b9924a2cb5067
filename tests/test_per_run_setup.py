"""The sets every file's analyser reads from the run's models are made once per `Models` object
(`analyzer._PER_MODELS`), not once per file, and are what each file's analyser made before."""

from __future__ import annotations

import ast
import dataclasses

from scanner.classify import Classifier
from scanner.engine import sinks, sources
from scanner.engine.analyzer import FileAnalyzer
from tests.engine_support import models


def _analyser(source: str, run_models: object) -> FileAnalyzer:
    return FileAnalyzer("a.py", source, ast.parse(source), run_models, Classifier.load())  # type: ignore[arg-type]


def test_the_analysers_of_one_models_share_its_sets() -> None:
    run_models = models()
    first, second = _analyser("x = 1\n", run_models), _analyser("y = 2\n", run_models)
    assert first._return_types is second._return_types
    assert first._sink_methods is second._sink_methods
    assert first.parameters_read_by_name is second.parameters_read_by_name
    assert first._return_types == frozenset(run_models.returns.values())
    assert first._sink_methods == sinks.method_sink_names(run_models)
    assert first.parameters_read_by_name == sources.parameters_read_by_name(run_models)


def test_another_models_gets_its_own_sets() -> None:
    run_models = models()
    other = dataclasses.replace(run_models, returns={"acme.make": "acme.Client"})
    assert _analyser("x = 1\n", other)._return_types == frozenset({"acme.Client"})
    assert _analyser("x = 1\n", run_models)._return_types == frozenset(run_models.returns.values())
