"""A helper that logs one key of the dict it is given (Django's oracle backend logging
`parameters["user"]` of a dict that also holds the password) logs what that key holds at a call
whose dict the caller knows, not the whole dict (scanner.engine.logkeys)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.engine.summaries import FunctionSummary, _function_facts
from scanner.model import Kind
from scanner.runner import run

BASE = '''
import os
import sys


class BaseCreation:
    def log(self, msg):
        sys.stderr.write(msg + os.linesep)
'''

CREATION = '''
from app.base import BaseCreation


class TestDatabase(BaseCreation):
    def _params(self):
        return {
            "user": self._user(),
            "password": self._password(),
        }

    def _user(self):
        return self.settings["USER"]

    def _password(self):
        return self.settings["PASSWORD"]

    def _report_existing(self, cursor, parameters, verbosity):
        self.log("The test user already exists.")
        if verbosity >= 1:
            self.log("Test user %s already exists" % parameters["user"])
            self._drop(cursor, parameters)

    def _dump(self, cursor, parameters):
        self.log("The test user already exists.")
        if cursor is not None:
            self.log("Parameters: %s" % parameters)
            self._drop(cursor, parameters)

    def _notify(self, cursor, contact):
        self.log("Notifying the owner.")
        if cursor is not None:
            self.log("Owner: %s" % contact.get("email"))
            self._drop(cursor, contact)

    def create(self, cursor, credentials, address, secret):
        parameters = self._params()
        self._report_existing(cursor, parameters, 1)
        self._dump(cursor, parameters)
        built = {}
        built["user"] = self._user()
        built["password"] = self._password()
        self._report_existing(cursor, built, 1)
        self._report_existing(cursor, {"user": self._user(), "password": self._password()}, 1)
        self._report_existing(cursor, credentials, 1)
        self._notify(cursor, {"email": address, "password": secret})
'''

PRINT = "python.print.personal-data"
RELAYED = "python.logging.given-by-callers"
CREDENTIALS = ("user.authorization.credentials",)
EMAIL = ("user.contact.email",)
EXPECTED = [
    ("app/base.py", 8, CREDENTIALS + EMAIL, RELAYED,
     "user.authorization.credentials, user.contact.email are written to a log here: _dump() is given it at "
     "app/creation.py:39; _notify() is given it at app/creation.py:46; _report_existing() is given it at "
     "app/creation.py:45; log() is given it at app/creation.py:33"),
    # the helper's own key read named for an e-mail address
    ("app/creation.py", 33, EMAIL, PRINT, "user.contact.email is written to a log through log()"),
    # lines 38, 43 and 44 give `_report_existing` a dict whose "user" holds no personal data: no log there
    # the near-miss: `_dump` logs the whole dict, password and all
    ("app/creation.py", 39, CREDENTIALS, PRINT,
     "user.authorization.credentials is written to a log through _dump()"),
    # a dict whose keys the caller does not know: its whole value, as before
    ("app/creation.py", 45, CREDENTIALS, PRINT,
     "user.authorization.credentials is written to a log through _report_existing()"),
    # the e-mail key of a display, without the password beside it
    ("app/creation.py", 46, EMAIL, PRINT, "user.contact.email is written to a log through _notify()"),
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "base.py").write_text(textwrap.dedent(BASE))
    (tmp_path / "app" / "creation.py").write_text(textwrap.dedent(CREATION))
    return tmp_path


def observed(root: Path, *, cache: bool = False, jobs: int = 1) -> list[tuple[str, int, tuple[str, ...], str, str]]:
    result = run(root, config=Config(), command="observe", jobs=jobs, cache=cache)
    return [(o.path, o.span.start_line, o.categories, o.rule, o.message)
            for o in result.observations if o.kind is Kind.LOG]


def test_a_helper_logging_one_key_logs_that_key_of_a_known_dict(tree: Path) -> None:
    assert observed(tree) == EXPECTED


def test_the_same_from_a_warm_cache_and_with_two_workers(tree: Path) -> None:
    assert observed(tree, cache=True) == EXPECTED
    assert observed(tree, cache=True) == EXPECTED
    shutil.rmtree(tree / ".policyscan_cache")
    assert observed(tree, jobs=2) == EXPECTED


def test_the_summary_digest_tells_the_keys_apart() -> None:
    user = FunctionSummary(param_names=("cursor", "parameters"), log_params={1: PRINT}, log_keys={1: frozenset({"user"})})
    password = FunctionSummary(param_names=("cursor", "parameters"), log_params={1: PRINT},
                               log_keys={1: frozenset({"password"})})
    whole = FunctionSummary(param_names=("cursor", "parameters"), log_params={1: PRINT})
    assert len({_function_facts(s)[2] for s in (user, password, whole)}) == 3
