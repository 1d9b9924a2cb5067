"""Running the command line inside a test: its exit code and what it printed."""

from __future__ import annotations

import pytest

from scanner.cli import main


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `policyscan ARGS` in this process; return (exit code, standard output, standard error)."""
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), out, err
