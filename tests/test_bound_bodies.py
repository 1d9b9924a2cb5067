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


@pytest.mark.parametrize(("body", "expected"), [
    # read by key, then passed on whole to a function whose result the name is bound to again: taken
    # whole where it was first bound
    ("    obj = request.json\n    if '_class' not in obj:\n        return 1\n"
     "    obj = fix_object(obj)\n    return build(obj)\n", [5]),
    # passed on whole, then the name bound to something else: taken whole where it was bound
    ("    payload = request.json\n    if not payload:\n        return 1\n"
     "    if undo:\n        payload = reverse(payload)\n    return run(payload=payload)\n", [5]),
    # gone through record by record: used whole
    ("    users = request.json\n    for user in users:\n        check(user)\n    return 1\n", [5]),
])
def test_a_bound_body_used_whole_before_it_is_bound_again_or_gone_through_is_taken_where_bound(
        body: str, expected: list[int]) -> None:
    assert body_lines(FLASK + body) == expected


def test_the_records_of_a_list_body_are_read_key_by_key() -> None:
    source = FLASK + ("    users = request.json\n    for user_dict in users:\n        if user_dict.get('tree'):\n"
                      "            pass\n    rows = [{'email': user_dict.get('email'), 'role': user_dict.get('role')}\n"
                      "            for user_dict in users]\n    return add_users(rows)\n")
    seen = [(line, categories, rule) for line, _, categories, rule, _ in observed(source)]
    assert seen == [(5, ("user.content",), BODY), (9, ("user.contact.email",), "python.request.field")]


def test_a_loop_over_the_keys_of_a_body_reads_no_record() -> None:
    # the keys of a body are strings: a loop that only compares them reads no record
    source = FLASK + "    data = request.json\n    for key in data:\n        if key == 'email':\n            return 1\n"
    assert [rule for _, _, _, rule, _ in observed(source)] == [BODY]


@pytest.mark.parametrize(("body", "expected"), [
    # the form, or else the raw JSON on the next line, used whole: each member taken at its own line
    ("    import json\n    data = request.form if request.form else json.loads(\n        request.data\n    )\n"
     "    save(data)\n", [6, 7]),
    # `or` alike
    ("    data = (request.args\n            or request.form)\n    save(data)\n", [5, 6]),
    # both on one line: one place
    ("    import json\n    data = request.form if request.form else json.loads(request.data)\n    save(data)\n", [6]),
    # one member read, over two lines: one place
    ("    data = (request.get_json(silent=True)\n            or {})\n    save(data)\n", [5]),
    # read by key only: none
    ("    import json\n    data = request.form if request.form else json.loads(\n        request.data)\n"
     "    return data['layout']\n", []),
])
def test_the_alternatives_of_a_bound_body_are_taken_each_at_its_own_line(body: str, expected: list[int]) -> None:
    assert body_lines(FLASK + body) == expected


def test_a_test_of_the_body_s_type_is_no_use_of_it() -> None:
    # `hasattr(request.data, "decode")`: whether the raw body is still bytes, like isinstance
    source = FLASK + ("    data = None\n    if hasattr(request.data, 'decode'):\n        data = request.data.decode('utf-8')\n"
                      "    return save(data)\n")
    assert body_lines(source) == [7]
