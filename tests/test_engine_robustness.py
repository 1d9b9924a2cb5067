"""The engine never stops a scan: odd but valid code is analysed, and a bug on one file is a reported skip."""

from __future__ import annotations

import pickle
import sys

import pytest

from scanner.classify import Classifier
from scanner.engine import analyzer
from scanner.engine.values import CONFIGURED, UNKNOWN, Value
from scanner.model import Skip, SkipReason
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


NEWER_SYNTAX = [
    ((3, 12), "def f[T](x: T) -> T:\n    return x\n"),  # PEP 695: "expected '('" before 3.12
    ((3, 12), "type Pair = tuple[int, int]\n"),  # "invalid syntax"
    ((3, 12), 'd = {"k": 1}\ns = f"{d["k"]}"\n'),  # PEP 701: "f-string: unmatched '['"
    ((3, 12), 'a = "x"\ns = f"{a + f"{a}"}"\n'),  # "f-string: expecting '}'"
    ((3, 14), "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n"),  # PEP 758
]


@pytest.mark.parametrize(("since", "source"), NEWER_SYNTAX)
def test_syntax_of_a_later_python_is_a_skip_that_says_it_may_be_newer(since: tuple[int, int], source: str) -> None:
    # Only "invalid syntax" had the hint: a valid 3.12 module under 3.11 was "expected '('" alone.
    result = analyzer.analyze_source("m.py", source, load_models(), Classifier.load())
    if sys.version_info >= since:
        assert result.skip is None
        return
    assert result.skip is not None and result.skip.reason == SkipReason.SYNTAX_ERROR
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert result.skip.message.endswith(f" (or syntax newer than Python {running})")


def test_an_error_no_later_python_accepts_has_no_hint() -> None:
    result = analyzer.analyze_source("m.py", 'print "x"\n', load_models(), Classifier.load())
    assert result.skip is not None
    assert result.skip.message == "Missing parentheses in call to 'print'. Did you mean print(...)?"


def _observed(result: object) -> list[tuple[int, int, str, tuple[str, ...]]]:
    return [(o.span.start_line, o.span.start_column, o.kind.value, o.categories)
            for o in result.observations]  # type: ignore[attr-defined]


def test_a_long_left_deep_chain_of_plus_is_analysed_whole() -> None:
    # 2,000 terms (generated code, a long hand-built SQL text): the engine took two frames a term and
    # lost the whole file at about 490; the file is analysed, the chain and what follows it
    chain = " + ".join(f"'part {i} '" for i in range(2000))
    source = ("import logging\nfrom flask import request\n\nQUERY = " + chain + "\n\n\ndef view():\n"
              "    email = request.form['email']\n    logging.info('%s ' + " + " + ".join(["email"] * 2000) + ")\n"
              "    return QUERY\n")
    result = analyzer.analyze_source("m.py", source, load_models(), Classifier.load())
    assert result.skip is None
    assert _observed(result) == [(8, 13, "collect", ("user.contact.email",)), (9, 5, "log", ("user.contact.email",))]


def test_a_long_chain_of_percent_is_analysed_whole() -> None:
    chain = " % ".join(["email"] * 2000)
    source = "import logging\n\n\ndef f(email):\n    logging.info(" + chain + ")\n"
    result = analyzer.analyze_source("m.py", source, load_models(), Classifier.load())
    assert result.skip is None
    assert _observed(result) == [(5, 5, "log", ("user.contact.email",))]


DEEP = "a" + ".b" * 1500  # an attribute chain: one engine frame a level, parsed by ast, too deep to analyse


def test_a_statement_too_deep_to_analyse_is_left_out_and_the_rest_of_the_file_analysed() -> None:
    # The whole file was skipped ("nested too deeply to analyse"): its request read and log were lost.
    source = ("import logging\nfrom flask import request\n\n\ndef view():\n    email = request.form['email']\n"
              "    x = " + DEEP + "\n    logging.info('%s', email)\n    return x\n")
    result = analyzer.analyze_source("m.py", source, load_models(), Classifier.load())
    assert result.skip == Skip("m.py", SkipReason.STATEMENT_TOO_DEEP,
                               "a statement nested too deeply to analyse was left out; the rest of the file is analysed", 7)
    assert _observed(result) == [(6, 13, "collect", ("user.contact.email",)), (8, 5, "log", ("user.contact.email",))]


def test_every_statement_too_deep_is_named() -> None:
    source = ("import logging\n\nX = " + DEEP + "\n\n\ndef f(email):\n    y = " + DEEP + "\n"
              "    logging.info('%s', email)\n    z = [" + DEEP + "]\n    return y, z\n")
    result = analyzer.analyze_source("m.py", source, load_models(), Classifier.load())
    assert result.skip == Skip("m.py", SkipReason.STATEMENT_TOO_DEEP, "3 statements nested too deeply to analyse"
                               " were left out (lines 3, 7 and 9); the rest of the file is analysed", 3)
    assert _observed(result) == [(8, 5, "log", ("user.contact.email",))]


def test_a_file_with_too_many_statements_too_deep_is_skipped_whole() -> None:
    # each statement left out costs one more analysis of the file: past five, the file is skipped
    source = "\n".join(f"x{i} = {DEEP}" for i in range(6)) + "\n"
    result = analyzer.analyze_source("m.py", source, load_models(), Classifier.load())
    assert result.skip == Skip("m.py", SkipReason.TOO_DEEP, "the file is nested too deeply to analyse", 6)
    assert result.observations == ()


@pytest.mark.parametrize(("source", "line"), [
    # a 4,000-term chain (ast.parse's own recursion gives out near 3,000 at the default limit)
    ("import os\nX = {'a': [1, 2, (3, 4)]}\n\n\ndef f(a):\n    return g(" + " + ".join(["a"] * 4000) + ")\n\nY = [[[[1]]]]\n", 6),
    # a query built over 2,000 lines: the statement's first line is named
    ("import os\nX = [[[1]]]\n\nq = (db\n" + "    .filter(x=1)\n" * 2000 + ")\nY = [[[[1]]]]\n", 4),
])
def test_a_module_too_deep_to_parse_is_a_skip_at_the_line_of_its_deepest_statement(source: str, line: int) -> None:
    # It named no line: the user had to find the expression by hand.
    result = analyzer.analyze_source("m.py", source, load_models(), Classifier.load())
    assert result.skip == Skip("m.py", SkipReason.TOO_DEEP, "the file is nested too deeply to parse (RecursionError)", line)
