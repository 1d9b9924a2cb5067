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
