"""Phrases the summaries of several reports share (text, Markdown, GitHub), so that they say the same."""

from __future__ import annotations

from collections.abc import Sequence

from scanner.model import Skip, SkipReason


def plural(count: int, noun: str) -> str:
    """`1 file`, `2 files`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def could_not(skip: Skip) -> str:
    """What a skip says the scan could not do with its file: analyse it, or analyse all of it (a
    statement too deep was left out, the rest analysed)."""
    return "could analyse only in part" if skip.reason is SkipReason.STATEMENT_TOO_DEEP else "could not analyse"


def unanalysed(skips: Sequence[Skip]) -> str:
    """How many files a run could not analyse: whole, and (a statement too deep left out) in part,
    whose other statements were analysed. Empty for no skip."""
    partly = sum(1 for skip in skips if skip.reason is SkipReason.STATEMENT_TOO_DEEP)
    whole = len(skips) - partly
    if not partly:
        return f"{plural(whole, 'file')} could not be analysed" if whole else ""
    if not whole:
        return f"{plural(partly, 'file')} could be analysed only in part"
    return f"{plural(whole, 'file')} could not be analysed, {partly} more only in part"
