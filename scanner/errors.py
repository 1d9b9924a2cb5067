"""The error hierarchy and the named exit codes.

Exit 1 means findings and nothing else: configuration, inventory, rule-pack and usage
problems exit 2, an incomplete scan exits 3, and an internal error exits 3 as well so
CI can always tell "findings" from "crash".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from scanner.fieldmethods import compared_by_fields


class ExitCode(enum.IntEnum):
    """What `policyscan` exits with."""

    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    INCOMPLETE = 3


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Problem:
    """One problem in an input file, located at its line (and column where known); `path` is empty
    for a problem of the run that no file holds (semgrep missing, say)."""

    path: str
    line: int | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        if not self.path:  # a problem of the run itself, in no file: the message alone
            return self.message
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class PolicyscanError(Exception):
    """Base of every error policyscan reports to the user; carries its exit code."""

    exit_code: ExitCode = ExitCode.USAGE
    # what went wrong, in a few words: the title of the annotation `--format github` gives it
    kind: str = "error"

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            # in no file: printed as "policyscan: error: MESSAGE", the program's name said once
            problems = [Problem(path="", line=None, message=problems)]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(PolicyscanError):
    """A command line that cannot be run: a missing path, conflicting options."""

    kind = "usage error"


class ConfigError(PolicyscanError):
    """`[tool.policyscan]` in pyproject.toml is invalid."""

    kind = "configuration error"


class InventoryError(PolicyscanError):
    """The policy inventory is invalid: every problem is listed with its line."""

    kind = "inventory error"


class RulePackError(PolicyscanError):
    """A rule pack (TOML model or semgrep YAML) is broken."""

    kind = "rule pack error"


class SemgrepError(PolicyscanError):
    """semgrep is needed for the enabled semgrep packs but is missing or failed."""

    kind = "semgrep error"


class WorkerLost(PolicyscanError):
    """A worker process ended abruptly (killed by the system, out of memory) while it analysed a
    batch of files: the scan cannot be completed, and the files it may have been at are named."""

    exit_code = ExitCode.INCOMPLETE
    kind = "incomplete scan"
