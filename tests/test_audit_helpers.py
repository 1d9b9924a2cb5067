"""Audit helpers called with the acting user (the eighteenth session): a function that logs a record
and writes it as a row of a log model too is a logging wrapper (`is_logging_wrapper`), and what it logs
of the attributes of a parameter (`user.email`) is a log at each call that gives a person's object
there (`g.current_user`, `request.user`), with those attributes' categories."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.engine.analyzer import is_logging_wrapper
from scanner.model import Kind
from scanner.runner import run

SERVICE = '''
from flask import current_app
from app import database
from app.models import AuditLog, Log


def create(user, type, certificate=None):
    """Creates logs a given action."""
    log_data = {
        "action": type,
        "user": user.email,
        "message": f"[audit] action: {type}, user: {user.email}, certificate: {certificate.name}.",
    }
    current_app.logger.info(log_data)
    view = Log(user_id=user.id, log_type=type, certificate_id=certificate.id)
    database.add(view)
    database.commit()


def record_id(user, action):
    current_app.logger.info("action %s by %s", action, user.id)
    database.add(AuditLog(user_id=user.id, action=action))
    database.commit()


def save(user, certificate):
    certificate.owner_id = user.id
    database.add(certificate)
    database.commit()
    notify(certificate)
    current_app.logger.debug("saved by %s", user.email)
'''

VIEWS = '''
from flask import g, request
from app.logs import service as log_service


def update(cert):
    log_service.create(g.current_user, "update_cert", certificate=cert)
    log_service.create(cert, "update_cert", certificate=cert)
    log_service.record_id(g.current_user, "update_cert")
    log_service.save(g.current_user, cert)


def export(cert, user):
    log_service.create(user, "key_view", certificate=cert)
    log_service.create(request.user, "key_view", certificate=cert)
'''

LOG = "python.logging.personal-data"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "app" / "logs").mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "logs" / "__init__.py").write_text("")
    (tmp_path / "app" / "logs" / "service.py").write_text(textwrap.dedent(SERVICE))
    (tmp_path / "app" / "views.py").write_text(textwrap.dedent(VIEWS))
    return tmp_path


def test_calls_giving_the_acting_user_are_logs_of_its_logged_attributes(tree: Path) -> None:
    result = run(tree, config=Config(), command="observe", jobs=1)
    logs = [(o.path, o.span.start_line, o.categories, o.rule, o.message)
            for o in result.observations if o.kind is Kind.LOG]
    assert logs == [
        # the helper's own log call, as before; `record_id` logs the user's key, `save` logs on the side
        ("app/logs/service.py", 14, ("user.contact.email",), LOG, "user.contact.email is written to a log by logging.info()"),
        ("app/logs/service.py", 21, ("user.unique_id",), LOG, "user.unique_id is written to a log by logging.info()"),
        ("app/logs/service.py", 31, ("user.contact.email",), LOG, "user.contact.email is written to a log by logging.debug()"),
        # the acting user given whole (`g.current_user`, a `user` of unknown value, `request.user`);
        # a certificate given there, the id-only helper and the save that logs besides stay silent
        ("app/views.py", 7, ("user.contact.email",), LOG, "user.contact.email is written to a log through create()"),
        ("app/views.py", 14, ("user.contact.email",), LOG, "user.contact.email is written to a log through create()"),
        ("app/views.py", 15, ("user.contact.email",), LOG, "user.contact.email is written to a log through create()"),
    ]


def test_the_same_with_two_workers_and_from_a_warm_cache(tree: Path) -> None:
    def logs(**options: object) -> list[tuple[str, int, tuple[str, ...]]]:
        result = run(tree, config=Config(), command="observe", **options)  # type: ignore[arg-type]
        return [(o.path, o.span.start_line, o.categories) for o in result.observations if o.kind is Kind.LOG]

    cold = logs(jobs=1, cache=True)
    assert logs(jobs=1, cache=True) == cold == logs(jobs=2)
    assert ("app/views.py", 7, ("user.contact.email",)) in cold


def test_a_helper_that_starts_logging_the_user_s_e_mail_is_seen_by_its_unchanged_callers(tree: Path) -> None:
    """The callers' results in the cache depend on the helper's logged attributes: a caller that gave
    the acting user to a helper that logged only its id is analysed again once the helper logs the
    user's e-mail (and the other way), as a scan without the cache sees it."""
    service = tree / "app" / "logs" / "service.py"
    views = tree / "app" / "views.py"
    views.write_text("from flask import g\nfrom app.logs import service as log_service\n\n\n"
                     "def update(cert):\n    log_service.record_id(g.current_user, 'update_cert')\n")

    def view_logs(cache: bool) -> list[tuple[int, tuple[str, ...]]]:
        result = run(tree, config=Config(), command="observe", jobs=1, cache=cache)
        return [(o.span.start_line, o.categories) for o in result.observations
                if o.kind is Kind.LOG and o.path == "app/views.py"]

    assert view_logs(cache=True) == [] == view_logs(cache=False)
    service.write_text(service.read_text().replace(
        'current_app.logger.info("action %s by %s", action, user.id)',
        'current_app.logger.info("action %s by %s", action, user.email)'))
    assert view_logs(cache=True) == [(6, ("user.contact.email",))] == view_logs(cache=False)
    service.write_text(service.read_text().replace("user.email)\n    database.add(AuditLog", "user.id)\n    database.add(AuditLog"))
    assert view_logs(cache=True) == [] == view_logs(cache=False)


def _function(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize(("source", "wrapper"), [
    (SERVICE.split("\n\n\n")[1], True),  # logs and writes a `Log` row
    (SERVICE.split("\n\n\n")[2], True),  # `database.add(AuditLog(...))`
    (SERVICE.split("\n\n\n")[3], False),  # a save that logs besides: no log row
    ('''
def keep(user, action):
    entry = AuditEntry.objects.create(user=user, action=action)
    logger.info("%s did %s", user.email, action)
    entry.save()
    send_mail(user.email, action)
    return entry
''', False),  # mails besides
    ('''
def store(user, blog):
    b = Blog(owner=user)
    db.session.add(b)
    db.session.commit()
    logger.info("blog by %s", user.email)
    return b
''', False),  # a row of no log model
])
def test_a_function_that_logs_and_writes_a_log_row_is_a_logging_wrapper(source: str, wrapper: bool) -> None:
    assert is_logging_wrapper(_function(source)) is wrapper
