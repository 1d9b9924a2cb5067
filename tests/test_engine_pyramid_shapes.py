"""Shapes read from kinto's misses and false hits (the fifteenth session): Pyramid's (WebOb's) request,
its event subscribers, Cornice's request extraction. Each test pins what one rule observes, and its
near-misses."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import observed, pack_problems

BODY = "python.request.body"
FIELD = "python.request.field"
HEADER = "python.request.header"
IP = "python.request.client-ip"
CONTENT = ("user.content",)


@pytest.mark.parametrize(("read", "expected"), [
    # WebOb's parsed JSON body: a key is a field, the mapping kept and passed on is the body whole
    ('request.json_body["email"]', [(3, "collect", ("user.contact.email",), FIELD, False)]),
    ("request.json_body", [(3, "collect", CONTENT, BODY, False)]),
    # WebOb's MultiDict as a dict is the form whole, as `request.form.to_dict()` is
    ("request.POST.mixed()", [(3, "collect", CONTENT, BODY, False)]),
    ("request.GET.dict_of_lists()", [(3, "collect", CONTENT, BODY, False)]),
    # the client's address as WebOb gives it (X-Forwarded-For where a proxy set it)
    ("request.client_addr", [(3, "collect", ("user.device.ip_address",), IP, False)]),
    # a URL path variable picks a record
    ('request.matchdict["user_id"]', []),
])
def test_webob_request_members(read: str, expected: list[tuple[object, ...]]) -> None:
    source = f"def view(request):\n    data = None\n    data = {read}\n    store(data)\n"
    assert observed(source) == expected


@pytest.mark.parametrize(("annotation", "expected"), [
    # `Any` says nothing of what the parameter holds: it is read by its name
    ("Any", [(4, "collect", ("user.contact.email",), FIELD, False)]),
    # a type that is no request (a schema, a project's class not named for a request) is not read so
    ("Profile", []),
])
def test_a_loosely_typed_request_parameter_is_read_by_its_name(annotation: str, expected: list[tuple[object, ...]]) -> None:
    source = (
        "from typing import Any\nfrom .models import Profile\n"
        f"def view(request: {annotation}):\n    return request.params.get('email')\n")
    assert observed(source) == expected


SUBSCRIBER = '''
{imports}

def on_new_request(event{annotation}):
    request = event.request
    agent = request.headers.get("User-Agent")
    return agent, event.request.remote_addr
'''
SEEN = [(6, "collect", ("user.device",), HEADER, False), (7, "collect", ("user.device.ip_address",), IP, False)]


@pytest.mark.parametrize(("imports", "annotation", "expected"), [
    # an unannotated `event` in a module that imports Pyramid: a subscriber's event, whose `request`
    # is the request being handled
    ("from pyramid.events import NewRequest", "", SEEN),
    ("import pyramid.config", "", SEEN),
    # annotated with one of Pyramid's request events, wherever it is
    ("from pyramid.events import NewResponse", ": NewResponse", SEEN),
    # no Pyramid in sight: an event of something else
    ("import blinker", "", []),
    # a word in a string is not an import
    ("PYRAMID = 'pyramid'", "", []),
])
def test_a_pyramid_subscriber_event_carries_the_request(imports: str, annotation: str,
                                                        expected: list[tuple[object, ...]]) -> None:
    assert observed(SUBSCRIBER.format(imports=imports, annotation=annotation)) == expected


@pytest.mark.parametrize(("call", "expected"), [
    # a method the project adds to its request (`config.add_request_method`) is a call like any
    # other: the body given to it whole is taken whole
    ("request.log_context(body=request.body)", [(2, "collect", CONTENT, BODY, False)]),
    # the framework's own members keep what they are given: a container's method, a response's, a session's
    ("request.response.headers.update(request.POST)", []),
    ("request.session.update(request.POST)", []),
    ("request.POST.update(request.GET)", []),
])
def test_a_body_given_to_a_method_of_the_request(call: str, expected: list[tuple[object, ...]]) -> None:
    assert observed(f"def on_request(request):\n    {call}\n") == expected


def test_request_events_must_list_types(tmp_path: Path) -> None:
    assert pack_problems(tmp_path, "[request.events]\npyramid = []\n") == [
        "'pyramid' is required and must be a non-empty list of strings"]
