"""A log call whose data comes from callers in other modules (scanner.relayed): a logging wrapper's
own log call, and a function's log on the side of its work, are a `log` where some caller in the
scanned tree passes personal data into the parameter that reaches them, with their categories."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from engine_support import record_rounds

from scanner.classify import Classifier
from scanner.config import Config
from scanner.engine.analyzer import analyze
from scanner.engine.summaries import FunctionSummary, LogSite, ModuleSummary, RelayedLog
from scanner.model import FlowStep, Kind, Observation, Span
from scanner.packs import load_models
from scanner.relayed import RULE, relayed_logs
from scanner.runner import run

ERRORS = '''
import logging

logger = logging.getLogger(__name__)


def report_error(message):
    logger.error(message)


def save_profile(profile, detail):
    profile.save()
    logger.info("saved profile: %s", detail)


def log_event(message):
    report_error(message)


def audit(event, **fields):
    logger.info(event, extra=fields)


def warn(text):
    logger.warning("%s", text.email)


def resolve_flag(configured):
    try:
        return bool(int(configured))
    except ValueError:
        logger.warning("not a flag: %r", configured)
        return False
'''

VIEWS = '''
from app.errors import audit, report_error, resolve_flag, save_profile, warn


def register(request):
    email = request.POST["email"]
    report_error(email)
    save_profile(request.user, email)
    audit("register", email=email)
    warn(email)
    resolve_flag(email)  # a parameter named for a setting: no log of the caller's data there
'''

API = '''
from app.errors import log_event, report_error, save_profile


def ping(profile):
    report_error("ping")
    save_profile(profile, "pinged")


def hook(request):
    phone = request.POST["phone"]
    log_event(phone)
'''


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    for name, text in (("errors", ERRORS), ("views", VIEWS), ("api", API)):
        (tmp_path / "app" / f"{name}.py").write_text(textwrap.dedent(text))
    return tmp_path


Row = tuple[str, int, str, tuple[str, ...], str, str]


def observed(root: Path, *, jobs: int = 1, targets: list[Path] | None = None, cache: bool = False) -> list[Row]:
    result = run(root, config=Config(), command="observe", jobs=jobs, targets=targets, cache=cache)
    return [(o.path, o.span.start_line, o.kind.value, o.categories, o.rule, o.message)
            for o in result.observations if o.kind is Kind.LOG]


LOG = "python.logging.personal-data"
ERRORS_LOGS: list[Row] = [
    # the wrapper's own log call: an e-mail from views.py, a phone number through `log_event` (a wrapper
    # calling it, in its own module) from api.py; `ping`'s constant adds nothing
    ("app/errors.py", 8, "log", ("user.contact.email", "user.contact.phone_number"), RULE,
     ("user.contact.email, user.contact.phone_number are written to a log here: log_event() is given it at "
      "app/api.py:12; report_error() is given it at app/views.py:7")),
    # a log on the side of saving: the e-mail views.py passes (api.py's "pinged" is no personal data)
    ("app/errors.py", 13, "log", ("user.contact.email",), RULE,
     "user.contact.email is written to a log here: save_profile() is given it at app/views.py:8"),
    # `**fields` passed on: already a log of its callers' arguments, nothing merged into it or added
    ("app/errors.py", 21, "log", (), LOG, "a logging wrapper passes its callers' arguments to logging.info()"),
    # a log of its own data (the e-mail attribute): nothing merged into it or added
    ("app/errors.py", 25, "log", ("user.contact.email",), LOG,
     "user.contact.email is written to a log by logging.warning()"),
]
API_LOGS: list[Row] = [
    ("app/api.py", 12, "log", ("user.contact.phone_number",), LOG,
     "user.contact.phone_number is written to a log through log_event()"),
]
VIEWS_LOGS: list[Row] = [
    ("app/views.py", 7, "log", ("user.contact.email",), LOG, "user.contact.email is written to a log through report_error()"),
    ("app/views.py", 9, "log", ("user.contact.email",), LOG, "user.contact.email is written to a log through audit()"),
    ("app/views.py", 10, "log", ("user.contact.email",), LOG, "user.contact.email is written to a log through warn()"),
]


def test_callers_data_is_logged_at_the_log_call_of_another_module(tree: Path) -> None:
    assert observed(tree) == API_LOGS + ERRORS_LOGS + VIEWS_LOGS


def test_the_same_with_two_workers_and_from_a_warm_cache(tree: Path) -> None:
    cold = observed(tree, cache=True)
    assert observed(tree, cache=True) == cold  # warm: every result from the cache
    shutil.rmtree(tree / ".policyscan_cache")
    assert observed(tree, jobs=2) == cold == API_LOGS + ERRORS_LOGS + VIEWS_LOGS


@pytest.mark.parametrize(("files", "expected"), [
    (["errors.py"], ERRORS_LOGS),  # the wrapper's file alone: its callers still count
    (["views.py"], VIEWS_LOGS),  # a caller's file alone: the log calls it reaches are not its own
])
def test_a_run_on_some_files_reports_what_a_full_run_does_for_them(tree: Path, files: list[str],
                                                                   expected: list[Row]) -> None:
    for cache in (False, True, True):  # cold, then warm
        assert observed(tree, targets=[tree / "app" / f for f in files], cache=cache) == expected


def test_the_call_site_observation_ends_where_the_wrapper_logs(tree: Path) -> None:
    result = run(tree, config=Config(), command="observe", jobs=1, cache=False)
    call = next(o for o in result.observations if (o.path, o.span.start_line, o.kind) == ("app/views.py", 7, Kind.LOG))
    assert [(s.path, s.span.start_line, s.message) for s in call.flow] == [
        ("app/views.py", 6, "request field 'email' is read (user.contact.email)"),
        ("app/views.py", 7, "user.contact.email is written to a log through report_error()"),
        ("app/errors.py", 8, "written to a log by logging.error() in report_error()"),
    ]
    relayed = next(o for o in result.observations if o.rule == RULE and o.span.start_line == 8)
    assert [(s.path, s.span.start_line, s.message) for s in relayed.flow] == [
        ("app/api.py", 12, "user.contact.phone_number is passed to log_event() here"),
        ("app/views.py", 7, "user.contact.email is passed to report_error() here"),
        ("app/errors.py", 8, "written to a log by logging.error() in report_error()"),
    ]


SITE = LogSite("b.py", Span(7, 5, 7, 26), LOG, "logging.error()", "report_error")


def _record(categories: tuple[str, ...], path: str, line: int, callee: str = "report_error") -> RelayedLog:
    return RelayedLog(SITE, categories, path, Span(line, 5, line, 20), callee)


@pytest.mark.parametrize(("records", "existing", "expected"), [
    ([], [], []),
    # callers in any order: one observation, categories their union, callers sorted, the same call once
    ([_record(("user.name",), "c.py", 9), _record(("user.contact.email",), "a.py", 3),
      _record(("user.contact.email",), "a.py", 3)], [],
     [(("user.contact.email", "user.name"),
       "user.contact.email, user.name are written to a log here: report_error() is given them at a.py:3, c.py:9",
       ["a.py:3", "c.py:9", "b.py:7"])]),
    # more callers than a message names
    ([_record(("user.name",), f"a{i}.py", 1, "note") for i in range(5)], [],
     [(("user.name",), "user.name is written to a log here: note() is given it at a0.py:1, a1.py:1, a2.py:1 and 2 more",
       ["a0.py:1", "a1.py:1", "a2.py:1", "a3.py:1", "a4.py:1", "b.py:7"])]),
    # a log already observed on that line: nothing merged, nothing added
    ([_record(("user.name",), "a.py", 3)], [(Kind.LOG, 7)], []),
    # an observation of another kind there, or a log on another line, does not count
    ([_record(("user.name",), "a.py", 3)], [(Kind.SHARE, 7), (Kind.LOG, 8)],
     [(("user.name",), "user.name is written to a log here: report_error() is given it at a.py:3",
       ["a.py:3", "b.py:7"])]),
])
def test_relayed_logs(records: list[RelayedLog], existing: list[tuple[Kind, int]],
                      expected: list[tuple[tuple[str, ...], str, list[str]]]) -> None:
    observations = [Observation(kind, "b.py", Span(line, 1, line, 10), (), LOG, "there") for kind, line in existing]
    found = relayed_logs(records, observations)
    assert [(o.categories, o.message, [f"{s.path}:{s.span.start_line}" for s in o.flow]) for o in found] == expected
    assert all((o.kind, o.path, o.span, o.rule) == (Kind.LOG, "b.py", SITE.span, RULE) for o in found)
    assert relayed_logs(list(reversed(records)), observations) == found
    assert all(o.flow[-1] == FlowStep("b.py", SITE.span, "written to a log by logging.error() in report_error()")
               for o in found)


# An import cycle: views.py imports jobs.py only inside its functions, and jobs.py imports views.py at
# its top, so views.py is settled first, without jobs.py's summary; the rounds give it that summary.
JOBS = '''
import logging

from app import views

logger = logging.getLogger(__name__)


def save_profile(profile, detail):
    profile.save()
    logger.info("saved profile: %s", detail)
'''

GIVES_EMAIL = '''
from flask import request


def register(profile):
    from app.jobs import save_profile
    save_profile(profile, request.form["email"])
'''

GIVES_PARAMETERS = '''
def touch(profile, note):
    from app.jobs import save_profile
    save_profile(profile, note)
    return note
'''


def rounds_and_logs(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[list[str]], list[Row]]:
    """The files each round of an observe run of `root` analysed again, and its log observations."""
    analysed_again = record_rounds(monkeypatch)
    return analysed_again, observed(root)


@pytest.mark.parametrize(("views", "again", "logs"), [
    # personal data given where the function logs: the log sites it gains in a round make a log there
    (GIVES_EMAIL, [["app/views.py"]],
     [("app/jobs.py", 11, "log", ("user.contact.email",), RULE,
       "user.contact.email is written to a log here: save_profile() is given it at app/views.py:7")]),
    # only its own parameters given there: where the function logs does not concern the caller, which
    # is not analysed again when the round gives the function its log sites
    (GIVES_PARAMETERS, [], []),
])
def test_a_caller_is_analysed_again_for_log_sites_only_where_it_gives_personal_data(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, views: str, again: list[list[str]], logs: list[Row]) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "jobs.py").write_text(textwrap.dedent(JOBS))
    (tmp_path / "app" / "views.py").write_text(textwrap.dedent(views))
    assert rounds_and_logs(tmp_path, monkeypatch) == (again, logs)


SIDE_LOGGER = FunctionSummary(param_names=("owner", "detail"), log_sites={
    1: (LogSite("app/jobs.py", Span(11, 5, 11, 46), LOG, "logging.info()", "Profile"),)})

# `Profile(...)` named as a class: with no summary, its result holds what it is given
CALLER = '''
import logging

from flask import request

from app.jobs import Profile

log = logging.getLogger(__name__)


def register(owner):
    log.info("saved: %s", Profile(owner, request.form["email"]))
    log.info("saved: %s", Profile(owner, "ok"))
'''


def test_a_call_of_a_function_that_only_logs_its_parameters_returns_what_one_with_no_summary_does() -> None:
    # another module's function whose summary says only where it logs its parameters: its call is
    # evaluated as one of a function with nothing to say (whose summary is not exported), whether
    # the module offering it comes first or in a later round; what it is given personal data for is
    # recorded for the log there
    assert SIDE_LOGGER.only_logs and not SIDE_LOGGER.trivial
    models, classifier = load_models(), Classifier.load()
    offered = ModuleSummary(functions={"app.jobs.Profile": SIDE_LOGGER})
    given = analyze("app/views.py", textwrap.dedent(CALLER), models, classifier, external=offered)
    alone = analyze("app/views.py", textwrap.dedent(CALLER), models, classifier)
    assert [(o.span.start_line, o.kind.value, o.categories) for o in given.result.observations] == [
        (12, "log", ("user.contact.email",)), (12, "collect", ("user.contact.email",))]
    assert given.result == alone.result
    assert [(r.site.span.start_line, r.categories, r.span.start_line) for r in given.relayed] == [
        (11, ("user.contact.email",), 12)]
    assert alone.relayed == ()
    assert {"l:app.jobs.Profile", "p:app.jobs.Profile"} <= given.uses
    # the only use of such a function: its log sites, by a caller giving it personal data
    assert offered.names() == {"l:app.jobs.Profile"}


def test_where_a_function_logs_its_parameters_is_a_use_of_its_own() -> None:
    sites = {0: (LogSite("app/jobs.py", Span(3, 5, 3, 20), LOG, "logging.info()", "note"),)}
    index = ModuleSummary(functions={
        "app.jobs.note": FunctionSummary(param_names=("text",), log_sites=sites),
        "app.jobs.echo": FunctionSummary(param_names=("text",), return_params=frozenset({0}), log_sites=sites),
    })
    assert index.names() == {"l:app.jobs.note", "p:app.jobs.echo", "l:app.jobs.echo"}
    # a caller giving them data, none of it personal
    uses = frozenset({"f:app.jobs.note", "p:app.jobs.note", "f:app.jobs.echo", "p:app.jobs.echo"})
    assert index.named_by(uses) == uses & index.names() == {"p:app.jobs.echo"}
    # and one giving personal data
    assert index.named_by(uses | {"l:app.jobs.note"}) == {"p:app.jobs.echo", "l:app.jobs.note"}
    # what a function's log sites say is in the digest of the entries a caller used
    moved = {0: (sites[0][0]._replace(span=Span(4, 5, 4, 20)),)}
    assert ModuleSummary(functions={"app.jobs.note": FunctionSummary(param_names=("text",), log_sites=moved)}).digest() \
        != index.restricted({"l:app.jobs.note"}).digest()


INHERITED = '''
from flask import request

from app.jobs import Base


class View(Base):
    def post(self, note):
        self.save_profile(request.user, {given})
'''


@pytest.mark.parametrize(("given", "relayed"), [
    ('request.form["email"]', [(11, ("user.contact.email",), 9)]),
    ("note", []),  # a parameter of its own: no log of this file's data there
])
def test_a_method_inherited_from_another_module_s_class_is_relayed_and_its_log_sites_used(
        given: str, relayed: list[tuple[int, tuple[str, ...], int]]) -> None:
    offered = ModuleSummary(functions={"app.jobs.Base.save_profile": SIDE_LOGGER})
    analyzed = analyze("app/views.py", textwrap.dedent(INHERITED.format(given=given)), load_models(), Classifier.load(),
                       external=offered)
    assert [(r.site.span.start_line, r.categories, r.span.start_line) for r in analyzed.relayed] == relayed
    # whatever the call gives it: the module offers the method under its class's name as it found it,
    # log sites included, so a change to them is a change to what it offers
    assert analyzed.summary.functions["app.views.View.save_profile"] is SIDE_LOGGER
    assert "l:app.jobs.Base.save_profile" in analyzed.uses


COMMITS = '''
import logging

log = logging.getLogger(__name__)


def session_commit(success=None, _session=None):
    s = _session if _session else session
    try:
        s.commit()
        if success:
            log.info(success)
    except Exception as e:
        s.rollback()
        log.error("commit failed: %s", e)
    return ""


def keep_note(note, message=None):
    note.text = message
    note.save()
    if message is not None:
        log.info(message)
'''

EDITS = '''
from app.commits import keep_note, session_commit


def rename(request, user, note):
    email = request.form["email"]
    session_commit("User {} changed e-mail".format(email))
    session_commit()
    session_commit("nothing personal")
    keep_note(note, email)
'''


def test_a_parameter_only_ever_logged_is_the_callers_log_text(tmp_path: Path) -> None:
    """A helper's parameter that is only the message of its log call (and tested) makes each call that
    puts personal data there a log at the call, as a wrapper's would, even though the helper does
    other work (a commit); a parameter it also works with (`keep_note` stores it) stays a log on the
    side, at its own log call."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "commits.py").write_text(textwrap.dedent(COMMITS))
    (tmp_path / "app" / "edits.py").write_text(textwrap.dedent(EDITS))
    assert observed(tmp_path) == [
        ("app/commits.py", 23, "log", ("user.contact.email",), RULE,
         "user.contact.email is written to a log here: keep_note() is given it at app/edits.py:10"),
        ("app/edits.py", 7, "log", ("user.contact.email",), LOG,
         "user.contact.email is written to a log through session_commit()"),
    ]


STREAMS = '''
import logging

logger = logging.getLogger(__name__)


async def stream_output(type, content, output, websocket=None, metadata=None):
    if not websocket or type != "images":
        try:
            logger.info(f"{output}")
        except UnicodeEncodeError:
            logger.error(output.encode("cp1252", errors="replace").decode("cp1252"))
    if websocket:
        await websocket.send_json({"type": type, "content": content, "output": output, "metadata": metadata})


async def show_status(websocket, status):
    logger.info("status: %s", status[:80])
    await websocket.send_json({"status": status})
'''

PROGRESS = '''
from app.streams import show_status, stream_output


async def progress(request, websocket):
    email = request.form["email"]
    await stream_output("logs", "progress", f"Researching for {email}", websocket)
    await stream_output("logs", "progress", "Researching...", websocket)
    await show_status(websocket, email)
'''


def test_a_parameter_logged_whole_and_passed_on_is_a_wrappers(tmp_path: Path) -> None:
    """A function whose parameter is the whole message of its log call (`f"{output}"`, or the text's
    own method chain) and is otherwise only passed on whole (sent to a websocket) carries its caller's
    text to a log: a log at each call that puts personal data there, and at its own log calls (a
    logging wrapper's both); a parameter cut and formatted into the function's own text stays a log on
    the side, at its own log call only."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "streams.py").write_text(textwrap.dedent(STREAMS))
    (tmp_path / "app" / "progress.py").write_text(textwrap.dedent(PROGRESS))
    assert observed(tmp_path) == [
        ("app/progress.py", 7, "log", ("user.contact.email",), LOG,
         "user.contact.email is written to a log through stream_output()"),
        ("app/streams.py", 10, "log", ("user.contact.email",), RULE,
         "user.contact.email is written to a log here: stream_output() is given it at app/progress.py:7"),
        ("app/streams.py", 12, "log", ("user.contact.email",), RULE,
         "user.contact.email is written to a log here: stream_output() is given it at app/progress.py:7"),
        ("app/streams.py", 18, "log", ("user.contact.email",), RULE,
         "user.contact.email is written to a log here: show_status() is given it at app/progress.py:9"),
    ]


CONSOLE = '''
import logging

log = logging.getLogger(__name__)


def debug_print(message):
    print(message)


def note(text):
    if text:
        log.info(f"note: {text}")


def log_event(event, direction):
    kind = event.get("type")
    log.debug("%s %s", direction, kind)
    if "error" in kind:
        log.debug(f"Error {event}")


def save(profile, detail):
    profile.save()
    log.info("saved %s", detail)


def register(request):
    email = request.POST["email"]
    debug_print(f"registering {email}")
    note(email)
    log_event(request.POST, "in")
    save(request.user, email)
'''


def test_a_logging_wrapper_of_the_same_module_logs_its_callers_text_at_its_own_log_call(tmp_path: Path) -> None:
    """A logging wrapper whose parameter is only its callers' text (logged whole or formatted, and
    tested) writes what a caller of its own module gives there at its own log call, as it does for a
    caller in another module: a log at the call and one there. A wrapper that reads its parameter by
    key (`event.get("type")`: a record it works with) is a log at the call only; a function that logs
    a parameter on the side of its work is reported at its log call by the file's own walk, once."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "console.py").write_text(textwrap.dedent(CONSOLE))
    assert observed(tmp_path) == [
        ("app/console.py", 8, "log", ("user.contact.email",), RULE,
         "user.contact.email is written to a log here: debug_print() is given it at app/console.py:30"),
        ("app/console.py", 13, "log", ("user.contact.email",), RULE,
         "user.contact.email is written to a log here: note() is given it at app/console.py:31"),
        ("app/console.py", 25, "log", ("user.contact.email",), LOG,
         "user.contact.email is written to a log by logging.info() in save(), which is given it at line 33"),
        ("app/console.py", 30, "log", ("user.contact.email",), "python.print.personal-data",
         "user.contact.email is written to a log through debug_print()"),
        ("app/console.py", 31, "log", ("user.contact.email",), LOG,
         "user.contact.email is written to a log through note()"),
        ("app/console.py", 32, "log", ("user.content",), LOG, "user.content is written to a log through log_event()"),
    ]


COMMANDS = '''
import sys

import click


@click.command()
@click.argument("email")
def create_admin(email):
    def fail(message):
        click.echo(f"error: {message}", err=True)
        sys.exit(1)

    if "@" not in email:
        fail(f"not an address: {email}")
    fail("the database is not reachable")
'''


def test_a_report_and_exit_helper_is_a_logging_wrapper(tmp_path: Path) -> None:
    """A helper that writes its caller's message and exits (zou's CLI `fail`) is a logging wrapper (an
    exit raises SystemExit, as a `raise` does): a log at each call that gives it personal data, and at
    its own echo, for a caller of its own module."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "commands.py").write_text(textwrap.dedent(COMMANDS))
    assert observed(tmp_path) == [
        ("app/commands.py", 11, "log", ("user.contact.email",), RULE,
         "user.contact.email is written to a log here: fail() is given it at app/commands.py:15"),
        ("app/commands.py", 15, "log", ("user.contact.email",), "python.print.personal-data",
         "user.contact.email is written to a log through fail()"),
    ]
