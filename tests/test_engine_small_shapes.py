"""Three small shapes the fifteenth session's readers of letta, octoprint and kinto left: a copy of
the request's headers, werkzeug's and WebOb's parsed Authorization header, and a bound body put
into a dict handed on or bound again in an `except` (each pins what the rule observes, and its
near-misses)."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

HEADER = "python.request.header"
ATTRIBUTE = "python.request.attribute"
BODY = "python.request.body"
FIELD = "python.request.field"
CONTENT = ("user.content",)
CREDENTIALS = ("user.authorization.credentials",)
DEVICE = ("user.device",)

COPIED = '''
from fastapi import Request

async def relay(request: Request, skip: set[str], defaults: dict[str, str]):
    {copy}
    return headers.get("user-agent")
'''


@pytest.mark.parametrize(("copy", "expected"), [
    # the request's headers copied whole, item by item (some left out) or in a comprehension
    ("headers = dict(request.headers)", [(6, "collect", DEVICE, HEADER, False)]),
    ("import copy; headers = copy.copy(request.headers)", [(6, "collect", DEVICE, HEADER, False)]),
    ("headers = {}\n    for k, v in request.headers.items():\n        if k.lower() not in skip:\n"
     "            headers[k] = v", [(9, "collect", DEVICE, HEADER, False)]),
    ("headers = {k.lower(): v for k, v in request.headers.items() if k not in skip}",
     [(6, "collect", DEVICE, HEADER, False)]),
    # the code's own mapping copied, values made from the request's, keys and values swapped
    ("headers = {}\n    for k, v in defaults.items():\n        headers[k] = v", []),
    ("headers = {}\n    for k, v in request.headers.items():\n        headers[k] = len(v)", []),
    ("headers = {v: k for k, v in request.headers.items()}", []),
    ("headers = dict(defaults)", []),
    # a container's own copy method is left out (allauth's labels: the accuracy README, letta's section)
    ("headers = request.headers.copy()", []),
])
def test_a_copy_of_the_request_headers_is_its_headers(copy: str, expected: list[Seen]) -> None:
    assert observed(COPIED.replace("{copy}", copy)) == expected


AUTHORIZATION = '''
{imports}

def view({parameter}):
    {read}
'''
FLASK = ("from flask import request", "")
PYRAMID = ("from pyramid.view import view_config", "request")


@pytest.mark.parametrize(("framework", "read", "expected"), [
    # reading the parsed header takes its credentials; its login name read from it directly is a username
    (FLASK, "auth = request.authorization", [(5, "collect", CREDENTIALS, ATTRIBUTE, False)]),
    (FLASK, "return request.authorization.username",
     [(5, "collect", ("user.account.username", *CREDENTIALS), ATTRIBUTE, False)]),
    (PYRAMID, "scheme, params = request.authorization", [(5, "collect", CREDENTIALS, ATTRIBUTE, False)]),
    # parts of a header bound to a name are the header taken where it was bound
    (FLASK, "auth = request.authorization\n    return auth.username, auth.password, auth.token",
     [(5, "collect", CREDENTIALS, ATTRIBUTE, False)]),
    # a truth test reads nothing; a comparison with None is read as `request.headers.get("Authorization")
    # is None` is (a presence test: doubtful at most, CONVENTIONS)
    (FLASK, "if not request.authorization:\n        return None", []),
    (FLASK, "if request.authorization is None:\n        return None", [(5, "collect", CREDENTIALS, ATTRIBUTE, False)]),
])
def test_the_parsed_authorization_header(framework: tuple[str, str], read: str, expected: list[Seen]) -> None:
    imports, parameter = framework
    assert observed(AUTHORIZATION.replace("{imports}", imports).replace("{parameter}", parameter)
                    .replace("{read}", read)) == expected


def test_a_bound_user_agent_read_again_is_no_second_read() -> None:
    """`agent = request.user_agent` then `agent.browser`: the device data taken where bound."""
    assert observed('''
        from flask import request

        def view():
            agent = request.user_agent
            return agent.browser, agent.platform, request.user_agent.string
    ''') == [(5, "collect", DEVICE, "python.request.device", False),
             (6, "collect", DEVICE, "python.request.device", False)]


RELAYED = '''
from flask import request

def relay(build_request):
    body = request.get_json()
    email = body.get("email")
    return build_request(request, {use})
'''
EMAIL = (6, "collect", ("user.contact.email",), FIELD, False)


@pytest.mark.parametrize(("use", "expected"), [
    # copied into another structure: used whole (the body convention), reported where bound
    ('{"method": "PUT", "body": body}', [(5, "collect", CONTENT, BODY, False), EMAIL]),
    ('{"items": [body]}', [(5, "collect", CONTENT, BODY, False), EMAIL]),
    ("body", [(5, "collect", CONTENT, BODY, False), EMAIL]),
    # only its size or one of its keys: read key by key
    ('{"size": len(body)}', [EMAIL]),
    ('{"email": body["email"]}', [EMAIL, (7, "collect", ("user.contact.email",), FIELD, False)]),
    # a form's arguments keep the form-binding rule
    ('{"data": body}', [EMAIL]),
])
def test_a_bound_body_put_into_a_display(use: str, expected: list[Seen]) -> None:
    assert observed(RELAYED.replace("{use}", use)) == expected


FALLBACK = '''
from flask import request

def relay(build_request):
    try:
        body = request.json
        body["data"]["id"] = body["data"]["id"].replace("default", "x")
    except ValueError:
        body = request.data or b"{}"
    {use}
'''


@pytest.mark.parametrize(("use", "expected"), [
    # a whole use after the statement may take either binding: both, where each was bound
    ('return build_request(request, {"body": body})',
     [(6, "collect", CONTENT, BODY, False), (9, "collect", CONTENT, BODY, False)]),
    # read by key afterwards: neither taken whole
    ('return body.get("note")', []),
    # bound again after the statement: the `try`'s binding read by key is replaced (the fallback, never
    # read, is taken where bound, as any body bound and never read is)
    ("body = request.form\n    return build_request(request, body)",
     [(9, "collect", CONTENT, BODY, False), (10, "collect", CONTENT, BODY, False)]),
])
def test_a_body_bound_in_try_and_in_its_except(use: str, expected: list[Seen]) -> None:
    assert observed(FALLBACK.replace("{use}", use)) == expected
