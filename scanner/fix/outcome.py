"""What a fixer says about one finding: the edits that resolve it, or why it offers none."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.fix.text import Edit


@dataclass(frozen=True, slots=True)
class Planned:
    """Edits of the original text that resolve a finding, and what they do in one sentence."""

    edits: tuple[Edit, ...]
    description: str


@dataclass(frozen=True, slots=True)
class Refused:
    """No fix for a finding, and why (shown to the user, so a full sentence)."""

    reason: str


Outcome = Planned | Refused
