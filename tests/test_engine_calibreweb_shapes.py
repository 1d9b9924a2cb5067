"""Shapes read from calibreweb's misses and false hits (the fourteenth session): each test pins what
one rule observes, and its near-misses."""

from __future__ import annotations

import ast

import pytest
from engine_support import Seen, observed

from scanner.engine.analyzer import _class_text, _returned_url
from scanner.engine.values import Value

HOST = "python.share.http-known-host"
PROVIDER = '''
import requests

class Provider:
    KEY = "k"
    SEARCH_URL = "https://api.search.brave.com/res/v1/web/search?q="
    BASE_URL = f"https://api.serpstack.com/search?access_key={KEY}&query="

    def search(self, query):
        return requests.get({url})
'''


@pytest.mark.parametrize(("url", "expected"), [
    # a text of the file's class read through the class's name, as through `self`
    ("Provider.SEARCH_URL + query", [(10, "share", ("user.behavior",), HOST, False)]),
    ("self.SEARCH_URL + query", [(10, "share", ("user.behavior",), HOST, False)]),
    # an f-string of the class's own texts is a text of the class
    ('f"{Provider.BASE_URL}{query}"', [(10, "share", ("user.behavior",), HOST, False)]),
    # a name the class does not bind is unknown
    ("Provider.OTHER_URL + query", []),
])
def test_a_class_text_read_through_the_class_name(url: str, expected: list[Seen]) -> None:
    assert observed(PROVIDER.replace("{url}", url)) == expected


def test_a_class_text_that_is_no_url_keeps_its_name() -> None:
    """Only a URL is read through the class's name: the name of another text may say more than the
    text (Django's `request.META.get(RemoteUserTest.email_header)`: `"REMOTE_EMAIL"` names no header
    the classifier knows, `email_header` an e-mail)."""
    source = (
        "class RemoteUserTest:\n    email_header = 'REMOTE_EMAIL'\n"
        "def configure_user(request, user):\n"
        "    user.email = request.META.get(RemoteUserTest.email_header, '')\n")
    assert observed(source) == [(4, "collect", ("user.contact.email",), "python.request.header", False)]


def _expr(text: str) -> ast.expr:
    statement = ast.parse(text).body[0]
    assert isinstance(statement, ast.Expr)
    return statement.value


@pytest.mark.parametrize(("text", "expected"), [
    ('"https://a.example/x"', "https://a.example/x"),
    ('f"https://a.example/{KEY}/x"', "https://a.example/k/x"),
    ('f"{BASE}?q="', "https://b.example?q="),
    ('f"{UNKNOWN}/x"', None),  # not a text of the class bound above
    ('f"{KEY!r}"', None),  # a conversion changes the text
    ('f"{KEY:>10}"', None),  # so does a format
    ('f"{settings.URL}/x"', None),
    ("3", None),
])
def test_class_text(text: str, expected: str | None) -> None:
    assert _class_text(_expr(text), {"KEY": "k", "BASE": "https://b.example"}) == expected


@pytest.mark.parametrize(("returns", "expected"), [
    # `return ""` beside the URL is no URL, as `return None` is
    ([Value(const=""), Value(const="https://a.example/search")], "https://a.example/search"),
    ([Value(const=None), Value(const="https://a.example/search")], "https://a.example/search"),
    # two different URLs: none
    ([Value(const="https://a.example/x"), Value(const="https://b.example/y")], None),
    # a text that is no URL is what the function returns otherwise
    ([Value(const="none"), Value(const="https://a.example/search")], None),
])
def test_returned_url_leaves_out_empty_texts(returns: list[Value], expected: str | None) -> None:
    assert _returned_url(returns) == expected


IP = "python.request.client-ip"


@pytest.mark.parametrize(("signature", "expected"), [
    # PEP 3333's callable, a function or a middleware's method: the environ is the request's
    ("def app(environ, start_response):", [(2, "collect", ("user.device.ip_address",), IP, False)]),
    ("class M:\n    def __call__(self, environ, start_response):", [(3, "collect", ("user.device.ip_address",), IP, False)]),
    # the same name in another signature is no request
    ("def app(environ, template):", []),
    ("def app(start_response, environ):", []),
    ("def app(environ):", []),
])
def test_a_wsgi_callables_environ_is_the_requests(signature: str, expected: list[Seen]) -> None:
    indent = "        " if signature.startswith("class") else "    "
    assert observed(f"{signature}\n{indent}return environ.get('REMOTE_ADDR')\n") == expected


BODY = "python.request.body"
WHOLE = (3, "collect", ("user.content",), BODY, False)


@pytest.mark.parametrize(("use", "expected"), [
    # walked: its keys, its items, in a loop or a comprehension, keys read back by the loop's name
    ("for key in data:\n        print(key, data[key])", [WHOLE]),
    ("for key, value in data.items():\n        pass", [WHOLE]),
    ("total = [key for key, _ in data.items() if key.startswith('show_')]", [WHOLE]),
    ("for key in sorted(data.keys()):\n        pass", [WHOLE]),
    # read key by key only: no observation at the binding (the keys are none of a person's)
    ("x = data.get('view')\n    y = data['mode']", []),
])
def test_a_bound_body_walked_is_taken_where_bound(use: str, expected: list[Seen]) -> None:
    source = f"from flask import request\ndef view():\n    data = request.form.to_dict()\n    {use}\n"
    assert observed(source) == expected


FIELD = "python.request.field"


@pytest.mark.parametrize(("lambda_", "expected"), [
    # a lambda reading the request reads it where it is written (Flask-Limiter's key_func)
    ("lambda: request.form.get('username', '')", [(3, "collect", ("user.account.username",), FIELD, False)]),
    ("lambda r=None: request.args['email']", [(3, "collect", ("user.contact.email",), FIELD, False)]),
    # its parameters are unknown: a dict's key is no request field
    ("lambda row: row.get('username')", []),
])
def test_a_lambda_reads_the_request_at_its_line(lambda_: str, expected: list[Seen]) -> None:
    assert observed(f"from flask import request\n\nkey_func = {lambda_}\n") == expected
