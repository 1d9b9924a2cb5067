"""Remote procedures of a JSON-RPC or XML-RPC server (kiwitcms's misses, the twenty-second session):
a function a registry names (`@rpc_method(name="Auth.login")`) is called with what a client sent,
each parameter a request field read by its name; one no name classifies holds a struct the client
sent, its keys fields where they are read."""

from __future__ import annotations

import pytest

from engine_support import observed
from scanner.classify import Classifier

RPC = "from modernrpc.core import REQUEST_KEY, rpc_method\n"
QUERY = "python.fastapi.query-parameter"
FIELD = "python.request.field"
CONTENT = "user.content"
CREDENTIALS = "user.authorization.credentials"
USERNAME = "user.account.username"


def test_a_procedure_s_parameters_are_request_fields() -> None:
    source = RPC + (
        "@rpc_method(name='Auth.login')\n"
        "def login(username, password, **kwargs):\n"
        "    return authenticate(kwargs.get(REQUEST_KEY), username=username, password=password)\n"
        "@rpc_method(name='Markdown.render')\n"
        "def render(text):\n"
        "    return markdown(text)\n"
    )
    # (one observation per statement: the login's two parameters share its line)
    assert observed(source) == [(3, "collect", (USERNAME, CREDENTIALS), QUERY, False),
                                (6, "collect", (CONTENT,), QUERY, False)]


def test_a_base64_content_and_a_cc_list_are_an_upload_and_addresses() -> None:
    source = RPC + (
        "@rpc_method(name='TestCase.add_attachment')\n"
        "def add_attachment(case_id, filename, b64content, **kwargs):\n"
        "    save(case_id, filename, b64content)\n"
        "@rpc_method(name='TestCase.add_notification_cc')\n"
        "def add_notification_cc(case_id, cc_list):\n"
        "    notify(case_id, cc_list)\n"
    )
    assert observed(source) == [(3, "collect", (CONTENT,), QUERY, False),
                                (6, "collect", ("user.contact.email",), QUERY, False)]


def test_a_parameter_no_name_classifies_is_a_struct_read_by_key() -> None:
    source = RPC + (
        "@rpc_method(name='User.update')\n"
        "def update(values, user_id=None, **kwargs):\n"
        "    user = kwargs.get(REQUEST_KEY).user\n"
        "    if user.check_password(values.get('old_password')):\n"
        "        user.set_password(values['password'])\n"
        "    user.save(update_fields=values.get('fields'))\n"
    )
    assert observed(source) == [(5, "collect", (CREDENTIALS,), FIELD, False),
                                (6, "collect", (CREDENTIALS,), FIELD, False)]


def test_lookups_spread_into_a_filter_and_an_account_a_call_names_are_not_received() -> None:
    source = RPC + (
        "@rpc_method(name='Build.filter')\n"
        "def filter(query=None):\n"
        "    return Build.objects.filter(**query)\n"
        "@rpc_method(name='User.join_group')\n"
        "def join_group(username, groupname):\n"
        "    User.objects.get(username=username).groups.add(groupname)\n"
        "@rpc_method(name='Build.search')\n"
        "def search(query):\n"
        "    return Build.objects.filter(name__icontains=query)\n"
    )
    # a query not spread into lookups keeps its reading: what was searched
    assert observed(source) == [(9, "collect", ("user.behavior",), QUERY, False)]


def test_a_function_no_registry_names_receives_nothing() -> None:
    source = RPC + (
        "def rpc_method_like(username, comment):\n"
        "    return username, comment\n"
        "@other.method('x')\n"
        "def handler(comment):\n"
        "    return comment\n"
    )
    assert observed(source) == []


@pytest.mark.parametrize(("name", "owner", "category"), [
    ("cc_list", "request", "user.contact.email"),
    ("cc_list", None, "user.contact.email"),
    # `cc` alone is a country's or a compiler's as often, but in a message's headers
    ("cc", "request", None),
    ("b64content", "request", CONTENT),
    ("base64_content", "request", CONTENT),
    ("b64content", None, None),
])
def test_names_of_what_a_call_sends(name: str, owner: str | None, category: str | None) -> None:
    match = Classifier.load().name(name, owner=owner)
    assert (match.category if match is not None else None) == category


def test_flask_jsonrpc_s_and_jsonrpcserver_s_registries_are_read_too() -> None:
    flask_jsonrpc = (
        "from flask import Flask\n"
        "from flask_jsonrpc import JSONRPC\n"
        "app = Flask(__name__)\n"
        "jsonrpc = JSONRPC(app, '/api')\n"
        "@jsonrpc.method('App.greet')\n"
        "def greet(name: str, comment: str) -> str:\n"
        "    return comment\n"
    )
    assert observed(flask_jsonrpc) == [(6, "collect", (CONTENT,), QUERY, False)]
    jsonrpcserver = (
        "from jsonrpcserver import method, Success\n"
        "@method\n"
        "def post_comment(comment):\n"
        "    return Success(comment)\n"
    )
    assert observed(jsonrpcserver) == [(3, "collect", (CONTENT,), QUERY, False)]
