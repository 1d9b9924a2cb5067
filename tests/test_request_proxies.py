"""The request object where a project hands it on: re-exported from a module of its own, behind a
context-local proxy, or made by a call at module level."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import observed_tree as observed
from engine_support import pack_problems

VIEW = """\
    from app.common import request


    def register():
        return request.form["email"]
    """


@pytest.mark.parametrize(
    ("common", "expected"),
    [
        # a module of the project re-exports Flask's request, under its name or another
        ("from flask import request\n", [("app/views.py", 5, "collect", ("user.contact.email",))]),
        ("from flask import request as flask_request\n\nrequest = flask_request\n",
         [("app/views.py", 5, "collect", ("user.contact.email",))]),
        # a context-local proxy of it, by a function, a subclass or a lambda, cast or not
        ("import flask\nfrom werkzeug.local import LocalProxy\n\n\ndef _get():\n    return flask.request\n\n\n"
         "request = LocalProxy(_get)\n", [("app/views.py", 5, "collect", ("user.contact.email",))]),
        ("from typing import cast\nimport flask\nfrom werkzeug.local import LocalProxy\n\n\n"
         "class AppRequest(LocalProxy):\n    pass\n\n\ndef _get():\n    return flask.request\n\n\n"
         "request = cast(flask.Request, AppRequest(_get))\n", [("app/views.py", 5, "collect", ("user.contact.email",))]),
        # a generic subclass of the proxy
        ("from typing import cast\nimport flask\nfrom werkzeug.local import LocalProxy\n\n\n"
         "class AppRequest(LocalProxy[flask.Request]):\n    pass\n\n\ndef _get():\n    return flask.request\n\n\n"
         "request = cast(AppRequest, AppRequest(_get))\n", [("app/views.py", 5, "collect", ("user.contact.email",))]),
        ("import flask\nimport werkzeug\n\nrequest = werkzeug.LocalProxy(lambda: flask.request)\n",
         [("app/views.py", 5, "collect", ("user.contact.email",))]),
        # near misses: a proxy of something else, an object that is not the request
        ("from werkzeug.local import LocalProxy\n\nrequest = LocalProxy(lambda: {})\n", []),
        ("request = object()\n", []),
    ],
)
def test_the_request_a_project_module_hands_on_is_the_request(tmp_path: Path, common: str,
                                                               expected: list[tuple[str, int, str, tuple[str, ...]]]) -> None:
    assert observed(tmp_path, {"app/__init__.py": "", "app/common.py": common, "app/views.py": VIEW}) == expected


def test_a_function_called_by_the_module_is_analysed_with_what_is_bound_then_and_again_at_the_end(
        tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/web.py": """\
            import logging

            import flask


            def _current():
                return flask.request


            request = _current()


            def view():
                log.info("signup %s", request.form["email"])


            log = logging.getLogger(__name__)
            """,
    }
    # `request` is the request (from the call above it); `log`, bound below the call, is a logger
    # when view() is analysed at the end
    assert sorted(observed(tmp_path, files)) == [
        ("app/web.py", 14, "collect", ("user.contact.email",)),
        ("app/web.py", 14, "log", ("user.contact.email",)),
    ]


SOCKET_HANDLERS = """\
    from app.server import sio
    from app.types import MessagePayload


    @sio.on("client_message")
    async def message(sid, payload: MessagePayload):
        return payload["message"]


    def helper(sid, payload):
        return payload["message"]
    """


@pytest.mark.parametrize(
    ("server", "expected"),
    [
        # a real-time server's event handler, the server bound in another module of the project:
        # the message arrives whole, its keys are fields, its declared type receives data
        ("import socketio\n\nsio = socketio.AsyncServer()\n",
         [("app/socket.py", 6, "collect", ("user.content",)), ("app/socket.py", 7, "collect", ("user.content",)),
          ("app/types.py", 5, "collect", ("user.content",))]),
        ("from flask_socketio import SocketIO\n\nsio = SocketIO()\n",
         [("app/socket.py", 6, "collect", ("user.content",)), ("app/socket.py", 7, "collect", ("user.content",)),
          ("app/types.py", 5, "collect", ("user.content",))]),
        # another object's `on`: not a server's event
        ("class Emitter:\n    def on(self, name):\n        return lambda f: f\n\n\nsio = Emitter()\n", []),
    ],
)
def test_event_handlers_of_a_server_bound_elsewhere_receive_messages(
        tmp_path: Path, server: str, expected: list[tuple[str, int, str, tuple[str, ...]]]) -> None:
    types = "from typing import TypedDict\n\n\nclass MessagePayload(TypedDict):\n    message: str\n"
    files = {"app/__init__.py": "", "app/server.py": server, "app/types.py": types, "app/socket.py": SOCKET_HANDLERS}
    assert observed(tmp_path, files) == expected


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ('[[inbound]]\nplatform = "Chat"\ntypes = ["chat.Message"]\nfields = { text = "user.words" }\n',
         ["unknown data category 'user.words' in 'fields'"]),
        ('[[inbound]]\nplatform = "Chat"\ntypes = ["chat.Message"]\nfields = ["text"]\n',
         ["'fields' must be a table of attribute paths to data categories"]),
        ('[[inbound]]\nplatform = "Chat"\nfields = { text = "user.content" }\n',
         ["'types' is required and must be a non-empty list of strings"]),
        ('[[inbound]]\ntypes = ["chat.Message"]\nfields = { text = "user.content" }\n',
         ["'platform' must be a non-empty string"]),
        ('[[inbound]]\nplatform = "Chat"\ntypes = ["chat.Message"]\nfields = {}\nvia = 1\n',
         ["'via' must be a non-empty string"]),
    ],
)
def test_a_broken_inbound_entry_is_a_rule_pack_error(tmp_path: Path, text: str, problems: list[str]) -> None:
    assert pack_problems(tmp_path, text) == problems
