"""An exception whose `__init__` logs the message it is given (openwisp-radius's counters:
`getattr(logger, level)(message)` in the base exception, a subclass passing its `message` on through
`super().__init__`) logs what `raise Cls(message=...)` gives it: the constructor's summary is applied
at the class's call, in the class's module and in another module (the rounds give its summary)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.model import Kind
from scanner.runner import run

EXCEPTIONS = '''
import logging

logger = logging.getLogger(__name__)


class LevelledError(Exception):
    def __init__(self, message, level, logger):
        self.message = message
        getattr(logger, level)(message)


class QuotaExceeded(LevelledError):
    def __init__(self, message, level, logger, reply_message):
        super().__init__(message, level, logger)
        self.reply_message = reply_message


class NoticedError(Exception):
    def __init__(self, message):
        logger.warning(message)


class KeptError(Exception):
    def __init__(self, message):
        self.message = message
'''

COUNTERS = '''
import logging

from app.exceptions import KeptError, NoticedError, QuotaExceeded

logger = logging.getLogger(__name__)


def check(user, counter, value):
    if counter >= value:
        raise QuotaExceeded(message=f"Quota of {user.username} reached", level="info", logger=logger,
                            reply_message="Your maximum daily usage time has been reached")
    if value == 0:
        raise NoticedError("The quota is not set")
    if counter < 0:
        raise KeptError(f"Negative counter for {user.email}")
    raise NoticedError(f"Quota of {user.email} not checked")
'''

PERSONAL = "python.logging.personal-data"
RELAYED = "python.logging.given-by-callers"
EXPECTED = [
    # the base's log call chosen by level: a log there, of what each construction gives it
    # a constructor that logs its parameter plainly: a log at the `raise` and at its log call; one
    # whose log method is chosen by level (reached through the subclass's `super().__init__`) at its
    # log call; nothing for the code's own text (counters.py:14) or a class that only keeps it (:16)
    ("app/counters.py", 17, ("user.contact.email",), PERSONAL,
     "user.contact.email is written to a log through NoticedError()"),
    ("app/exceptions.py", 10, ("user.account.username",), RELAYED,
     "user.account.username is written to a log here: QuotaExceeded() is given it at app/counters.py:11"),
    ("app/exceptions.py", 21, ("user.contact.email",), RELAYED,
     "user.contact.email is written to a log here: NoticedError() is given it at app/counters.py:17"),
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "exceptions.py").write_text(textwrap.dedent(EXCEPTIONS))
    (tmp_path / "app" / "counters.py").write_text(textwrap.dedent(COUNTERS))
    return tmp_path


def observed(root: Path, *, cache: bool = False, jobs: int = 1) -> list[tuple[str, int, tuple[str, ...], str, str]]:
    result = run(root, config=Config(), command="observe", jobs=jobs, cache=cache)
    return sorted((o.path, o.span.start_line, o.categories, o.rule, o.message)
                  for o in result.observations if o.kind is Kind.LOG)


def test_a_constructor_that_logs_its_message_logs_what_raise_gives_it(tree: Path) -> None:
    assert observed(tree) == EXPECTED


def test_the_same_from_a_warm_cache_and_with_two_workers(tree: Path) -> None:
    assert observed(tree, cache=True) == EXPECTED
    assert observed(tree, cache=True) == EXPECTED
    shutil.rmtree(tree / ".policyscan_cache")
    assert observed(tree, jobs=2) == EXPECTED
