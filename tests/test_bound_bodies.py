"""A request body bound to a name (the fourteenth session's body convention): read only key by key,
its keys are the collects and the bind is none; passed on whole as well, it is taken whole where it
is bound. A schema it is handed to reads it field by field; a body decoded again from a name is the
same body, taken where it arrived."""

from __future__ import annotations

import pytest
from engine_support import observed

BODY = "python.request.body"
FLASK = "from flask import Flask, request\napp = Flask(__name__)\n@app.post('/x')\ndef view():\n"


def body_lines(source: str) -> list[int]:
    return [line for line, _, _, rule, _ in observed(source) if rule == BODY]


@pytest.mark.parametrize(("body", "expected"), [
    # read only key by key: no body taken whole
    ("    data = request.get_json()\n    if not data or 'sport' not in data:\n        return 1\n"
     "    return data.get('sport')\n", []),
    # read by key and passed on whole to a function that is no schema: taken whole where bound
    ("    data = request.get_json()\n    if data.get('sport') is None:\n        return 1\n"
     "    check_media(data)\n    return 2\n", [5]),
    # read by key and logged whole
    ("    import logging\n    params = request.form.to_dict()\n    kind = params['grant_type']\n"
     "    logging.debug('token request %s', params)\n    return kind\n", [6]),
    # read by key and handed to a form, which reads it field by field: no body taken whole
    ("    data = request.get_json()\n    if data.get('sport') is None:\n        return 1\n"
     "    form = SportForm(data)\n    return form\n", []),
    # never read by key, passed on: taken whole, as before
    ("    data = request.get_json()\n    check_media(data)\n    return 2\n", [5]),
])
def test_a_bound_body_read_by_key_is_taken_whole_only_where_it_is_also_passed_on(body: str, expected: list[int]) -> None:
    assert body_lines(FLASK + body) == expected


def test_a_message_decoded_again_is_taken_where_it_arrived() -> None:
    source = ("import json\nfrom fastapi import APIRouter, WebSocket\nrouter = APIRouter()\n"
              "@router.websocket('/ws')\nasync def ws(websocket: WebSocket):\n"
              "    message_text = await websocket.receive_text()\n    msg = json.loads(message_text)\n"
              "    if msg.get('type') == 'ping':\n        return\n    forward(msg)\n")
    assert body_lines(source) == [6]
