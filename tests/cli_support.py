"""Running the command line inside a test: its exit code and what it printed."""

from __future__ import annotations

import pytest

from scanner.cli import main

# A small policy inventory: email addresses may be collected, only user ids may be logged.
INVENTORY = """\
version = 1
policy = "Test policy"

[[collect]]
categories = ["user.contact.email"]
purposes = ["account"]
section = "2.1"

[logging]
allow = ["user.unique_id"]
section = "2.1 Log Information"
"""


# A Flask view that reads an e-mail address from a form and logs it (a PS401 under INVENTORY).
VIEWS = """\
import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.post("/signup")
def signup():
    email = request.form["email"]
    log.info("signup from %s", email)
    return "ok"
"""


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `policyscan ARGS` in this process; return (exit code, standard output, standard error)."""
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), out, err
