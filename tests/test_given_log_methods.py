"""A parameter the module's callers give a logger's method (or `print`) is a log function where the
function calls it (askbot's `_emit(log_fn, run_id, msg, *args)`, given `logger.info`): the function is
a logging wrapper, its callers' data logged at their calls (scanner/engine/logfns.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from engine_support import observed

from scanner.config import Config
from scanner.runner import run

LOG = "python.logging.personal-data"
EMAIL = ("user.contact.email",)

HELPER = """\
import logging
logger = logging.getLogger(__name__)

def _emit(log_fn, run_id, msg, *args):
    full_msg = 'email-alert: ' + msg
    if run_id:
        log_fn(full_msg + ', run_id=%s', *args, run_id)
    else:
        log_fn(full_msg, *args)

def log_instant_email(logger, run_id, msg, *args):
    _emit(logger.info, run_id, msg, *args)

def log_instant_email_error(logger, run_id, msg, *args):
    _emit(logger.error, run_id, msg, *args)
"""


def test_a_parameter_given_a_log_method_is_a_log_call_of_a_wrapper() -> None:
    source = HELPER + (
        "def send(user, run_id):\n"  # 16
        "    log_instant_email(logger, run_id, 'sent to %s', user.email)\n"
        "    log_instant_email_error(logger, run_id, 'failed %s', user.email)\n"
        "    log_instant_email(logger, run_id, '%d sent', 3)\n"
        "    _emit(logger.warning, run_id, 'to %s', user.email)\n"
    )
    # the helper's two calls of the parameter: a wrapper's log calls (its callers' data); each call
    # of a wrapper that passes an e-mail
    assert observed(source) == [(7, "log", (), LOG, False), (9, "log", (), LOG, False),
                                (17, "log", EMAIL, LOG, False), (18, "log", EMAIL, LOG, False),
                                (20, "log", EMAIL, LOG, False)]


def test_print_given_is_a_print() -> None:
    source = (
        "def _show(out, text):\n"
        "    out(text)\n"
        "def show(user):\n"
        "    _show(print, user.email)\n"
        "    _show(out=print, text=user.email)\n"
    )
    # the helper's own call of what it is given: a wrapper's log call, whose data are its callers'
    # (the contract: "A log call inside a project's own logging wrapper is a `log` at that call")
    assert observed(source) == [(2, "log", (), "python.print.personal-data", False),
                                (4, "log", EMAIL, "python.print.personal-data", False),
                                (5, "log", EMAIL, "python.print.personal-data", False)]


def test_a_wrapper_logging_each_line_of_its_message() -> None:
    # evennia's `_log(msg, logfunc)`: a named parameter, split into lines, each given to the log
    # method its callers hand it (Twisted's logger, by its name `log`): the wrapper's own log calls
    source = (
        "from twisted import logger as twisted_logger\n"
        "log = twisted_logger.Logger()\n"
        "def _log(msg, logfunc, prefix=''):\n"
        "    for line in str(msg).splitlines():\n"
        "        logfunc('{line}', prefix=prefix, line=line)\n"
        "def log_sec(msg):\n"
        "    _log(msg, log.info, prefix='SS')\n"
        "def login(user):\n"
        "    log_sec(f'Logged in: {user.email}')\n"
    )
    assert observed(source) == [(5, "log", (), LOG, False), (9, "log", EMAIL, LOG, False)]


def test_a_method_given_to_a_method_of_the_class() -> None:
    source = (
        "import logging\n"
        "class Mailer:\n"
        "    def __init__(self):\n"
        "        self.log = logging.getLogger('mail')\n"
        "    def _say(self, write, message, *args):\n"
        "        write(message, *args)\n"
        "    def send(self, user):\n"
        "        self._say(self.log.info, 'sending to %s', user.email)\n"
    )
    assert observed(source) == [(6, "log", (), LOG, False), (8, "log", EMAIL, LOG, False)]


def test_no_log_method_given_no_log() -> None:
    # a method of no logger (Django's `messages.error`), a callback of the instance, a function given
    # by nobody in the module, or a logger's method handed to a library's call: none makes a log
    source = (
        "import logging\n"
        "from django.contrib import messages\n"
        "logger = logging.getLogger(__name__)\n"
        "def _flash(notify, request, text, *args):\n"
        "    notify(request, text, *args)\n"
        "def _later(callback, *args):\n"
        "    callback(*args)\n"
        "def _alone(log_fn, *args):\n"
        "    log_fn(*args)\n"
        "def refuse(request, user, scheduler):\n"
        "    _flash(messages.error, request, user.email)\n"
        "    _later(request.session.clear, user.email)\n"
        "    scheduler.run(user.email, callback=logger.info)\n"
        "def _pick(first, second, *args):\n"  # a call of an expression of parameters: no name looked up
        "    (first or second)(*args)\n"
        "    first[0](*args)\n"
        "def pick(user):\n"
        "    _pick(logger.info, logger.error, user.email)\n"
        # given a log method by one call and a sender by another: a helper that calls what it is
        # given, no logging one (neither call is a log; the first one's log is left unseen)
        "def _retry(action, *args):\n"
        "    action(*args)\n"
        "def notify(user, send_mail):\n"
        "    _retry(logger.info, 'notifying %s', user.email)\n"
        "    _retry(send_mail, user.email)\n"
    )
    assert observed(source) == []


def test_a_helper_changed_reaches_its_callers_through_the_cache(tmp_path: Path) -> None:
    # the wrapper's callers in another module read its summary: a change of the helper's module (its
    # callers there no longer give a log method) reaches them from a warm cache as without one
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    helper = tmp_path / "app" / "debug_logging.py"
    helper.write_text(HELPER)
    (tmp_path / "app" / "tasks.py").write_text(textwrap.dedent("""\
        import logging
        from app.debug_logging import log_instant_email
        logger = logging.getLogger(__name__)

        def send(user, run_id):
            log_instant_email(logger, run_id, 'sent to %s', user.email)
    """))

    def seen(cache: bool) -> list[tuple[str, int, tuple[str, ...]]]:
        result = run(tmp_path, config=Config(), command="observe", jobs=1, cache=cache)
        return [(o.path, o.span.start_line, o.categories) for o in result.observations]

    given = [("app/debug_logging.py", 7, ()), ("app/debug_logging.py", 9, ()), ("app/tasks.py", 6, EMAIL)]
    assert seen(False) == seen(True) == seen(True) == given
    helper.write_text(HELPER.replace("_emit(logger.info,", "_emit(logger_info_of(logger),")
                      .replace("_emit(logger.error,", "_emit(logger_error_of(logger),"))
    assert seen(True) == seen(False) == []
