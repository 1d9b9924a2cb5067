"""Sentry captures where the project turns on `send_default_pii` (lemur's misses and false hits, the
eighteenth session): a capture given nothing still sends the user and the request of the view it runs
in; a capture in a command-line module (`click`, `typer`) or a task queue's worker module (`celery`, ...)
has neither to send."""

from __future__ import annotations

from pathlib import Path

from engine_support import observed_tree

FACTORY = """\
    import sentry_sdk
    from sentry_sdk.integrations.flask import FlaskIntegration

    def create_app(app):
        sentry_sdk.init(dsn=app.config["SENTRY_DSN"], integrations=[FlaskIntegration()], send_default_pii=True)
"""

VIEWS = """\
    from flask import request
    from sentry_sdk import capture_exception

    def stats():
        try:
            return compute(request.args)
        except Exception:
            capture_exception()
            return {"message": "failed"}, 500
"""

CLI = """\
    import click
    from flask.cli import with_appcontext
    from sentry_sdk import capture_exception

    @click.command("rotate")
    @with_appcontext
    def rotate(name):
        try:
            reissue(name)
        except Exception:
            capture_exception()
            capture_exception(extra={"certificate_name": str(name)})
"""

EVENT = ("user.contact.email", "user.device.ip_address", "user.unique_id")


def _shares(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, tuple[str, ...]]]:
    return [(path, line, categories) for path, line, kind, categories in observed_tree(tmp_path, files)
            if kind == "share" and path != "app/factory.py"]


def test_a_capture_given_nothing_sends_the_user_and_the_request(tmp_path: Path) -> None:
    shares = _shares(tmp_path, {"app/factory.py": FACTORY, "app/views.py": VIEWS})
    assert shares == [("app/views.py", 8, EVENT)]


def test_without_the_setting_a_capture_given_nothing_sends_nothing_seen(tmp_path: Path) -> None:
    assert _shares(tmp_path, {"app/views.py": VIEWS}) == []


def test_a_command_line_module_captures_no_request(tmp_path: Path) -> None:
    assert _shares(tmp_path, {"app/factory.py": FACTORY, "app/cli.py": CLI}) == []


def test_a_command_module_that_handles_requests_too_keeps_the_setting(tmp_path: Path) -> None:
    both = CLI.replace("import click\n", "import click\n    from flask import request\n")
    shares = _shares(tmp_path, {"app/factory.py": FACTORY, "app/cli.py": both})
    assert [line for _, line, _ in shares] == [12, 13]


TASKS = """\
    from celery import Celery
    from sentry_sdk import capture_exception

    celery = Celery("app")

    @celery.task()
    def fetch_acme_cert(id):
        try:
            reissue(id)
        except Exception:
            capture_exception()
"""


def test_a_task_queue_worker_module_captures_no_request(tmp_path: Path) -> None:
    assert _shares(tmp_path, {"app/factory.py": FACTORY, "app/tasks.py": TASKS}) == []


def test_a_module_naming_celery_without_importing_it_keeps_the_setting(tmp_path: Path) -> None:
    views = VIEWS.replace("def stats():", "# run by celery beat, not only by requests\n    def stats():")
    shares = _shares(tmp_path, {"app/factory.py": FACTORY, "app/views.py": views})
    assert shares == [("app/views.py", 9, EVENT)]
