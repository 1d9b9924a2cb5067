"""`self.m()`, `cls.m()` and `super().m()` of a method a class inherits from a project base class
in another module: the base method's summary (what it returns, which parameters it logs) applies
at the call, as a module function's does (JupyterHub's handlers call `self.get_json_body()`, defined
by their base `APIHandler` in `apihandlers/base.py`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.runner import run

BASE = '''import json
import logging

from tornado import web

log = logging.getLogger(__name__)


class APIHandler(web.RequestHandler):
    def get_json_body(self):
        return json.loads(self.request.body)

    def audit(self, who):
        log.info("changed by %s", who)

    @classmethod
    def body_of(cls, handler):
        return json.loads(handler.request.body)
'''

USERS = '''from tornado import web

from .base import APIHandler


class _UserAPIHandler(APIHandler):
    pass


class UserAPIHandler(_UserAPIHandler):
    def post(self):
        data = self.get_json_body()
        self.audit(data["phone"])
        return data["email"]

    @classmethod
    def email_of(cls, handler):
        return cls.body_of(handler)["email"]


class OwnBody(APIHandler):
    def get_json_body(self):
        body = super().get_json_body()
        return body.get("username")


class Overridden(APIHandler):
    def get_json_body(self):
        return {}

    def post(self):
        return self.get_json_body()["email"]


class Framework(web.RequestHandler):
    def post(self):
        return self.get_json_body()["email"]
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_method_inherited_from_another_modules_class_is_summarised_at_its_calls(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "base.py").write_text(textwrap.dedent(BASE))
    (tmp_path / "app" / "users.py").write_text(textwrap.dedent(USERS))
    result = run(tmp_path, config=Config(), command="observe", jobs=jobs)
    assert [(o.path, o.span.start_line, o.kind.value, o.categories, o.rule)
            for o in result.observations if o.path == "app/users.py"] == [
        # through a base of this file to the base of the other module
        ("app/users.py", 13, "log", ("user.contact.phone_number",), "python.logging.personal-data"),
        ("app/users.py", 13, "collect", ("user.contact.phone_number",), "python.request.field"),
        ("app/users.py", 14, "collect", ("user.contact.email",), "python.request.field"),
        # `cls.m()` of a classmethod the base defines
        ("app/users.py", 18, "collect", ("user.contact.email",), "python.request.field"),
        # `super().m()` in an override
        ("app/users.py", 24, "collect", ("user.account.username",), "python.request.field"),
        # the override wins (line 32: it returns no request data); a framework's base is none the
        # project defines (line 37)
    ]


GROUPS = '''import logging

from .base import APIHandler

log = logging.getLogger(__name__)


class GroupUsersAPIHandler(APIHandler):
    def post(self, group_name):
        data = self.get_json_body()
        log.debug("Adding: %s", data["users"])
        return self.add_members(group_name, data["users"])


class UserListAPIHandler(APIHandler):
    def post(self):
        data = self.get_json_body()
        return data["usernames"]


class UserServerAPIHandler(APIHandler):
    def put(self, user_name, server_name=""):
        body = self.get_json_body()
        log.info("Renaming %s to %s", server_name, body["display_name"])
        return body.get("username")


class UserAPIHandler(APIHandler):
    def patch(self, user_name):
        return self.get_json_body()["display_name"]
'''


def test_what_a_handler_addresses_decides_names_and_user_lists_posted_to_it(tmp_path: Path) -> None:
    """Usernames posted to a group's handler select its members (not collected; logged, they are
    still names); a display name posted to a server's handler names the server; the same keys posted
    to a handler of users are collects."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "base.py").write_text(textwrap.dedent(BASE))
    (tmp_path / "app" / "groups.py").write_text(GROUPS)
    result = run(tmp_path, config=Config(), command="observe", jobs=1)
    assert [(o.span.start_line, o.kind.value, o.categories, o.rule)
            for o in result.observations if o.path == "app/groups.py"] == [
        (11, "log", ("user.account.username",), "python.logging.personal-data"),
        (18, "collect", ("user.account.username",), "python.request.field"),
        (25, "collect", ("user.account.username",), "python.request.field"),
        (30, "collect", ("user.name",), "python.request.field"),
    ]
