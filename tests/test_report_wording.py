"""The summaries' shared phrases: how many files a run could not analyse, whole or in part."""

from __future__ import annotations

from scanner.model import Skip, SkipReason
from scanner.report.wording import could_not, plural, unanalysed


def _skip(path: str, reason: SkipReason) -> Skip:
    return Skip(path, reason, "detail")


def test_plural_counts_one_and_many() -> None:
    assert (plural(1, "file"), plural(0, "file"), plural(2, "file")) == ("1 file", "0 files", "2 files")


def test_files_left_out_whole_and_in_part_are_told_apart() -> None:
    whole = _skip("a.py", SkipReason.SYNTAX_ERROR)
    partly = _skip("b.py", SkipReason.STATEMENT_TOO_DEEP)
    assert unanalysed(()) == ""
    assert unanalysed((whole,)) == "1 file could not be analysed"
    assert unanalysed((partly,)) == "1 file could be analysed only in part"
    assert unanalysed((partly, _skip("c.py", SkipReason.STATEMENT_TOO_DEEP))) == "2 files could be analysed only in part"
    assert unanalysed((whole, partly)) == "1 file could not be analysed, 1 more only in part"
    assert unanalysed((whole, _skip("d.py", SkipReason.TOO_DEEP), partly)) == (
        "2 files could not be analysed, 1 more only in part")


def test_a_skip_says_whether_its_file_was_analysed_in_part() -> None:
    assert could_not(_skip("a.py", SkipReason.SYNTAX_ERROR)) == "could not analyse"
    assert could_not(_skip("b.py", SkipReason.STATEMENT_TOO_DEEP)) == "could analyse only in part"
