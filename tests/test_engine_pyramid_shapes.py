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


COLANDER = "python.colander.field"


@pytest.mark.parametrize(("body", "expected"), [
    # a node of a colander schema is a field, by its name, whatever its type
    ("password = colander.SchemaNode(colander.String())",
     [(4, "collect", ("user.authorization.credentials",), COLANDER, False)]),
    ("email = colander.SchemaNode(colander.String(), validator=colander.Email())",
     [(4, "collect", ("user.contact.email",), COLANDER, False)]),
    ("created = colander.SchemaNode(colander.DateTime())", []),
    # the node imported by its name is the same call
    ("phone = SchemaNode(colander.String())", [(4, "collect", ("user.contact.phone_number",), COLANDER, False)]),
])
def test_colander_schema_nodes_are_fields(body: str, expected: list[tuple[object, ...]]) -> None:
    source = f"import colander\nfrom colander import SchemaNode\nclass ProfileSchema(colander.MappingSchema):\n    {body}\n"
    assert observed(source) == expected


NESTED = '''
import colander

class AccountSchema(colander.MappingSchema):
    password = colander.SchemaNode(colander.String())

class AccountRequestSchema(colander.MappingSchema):
    {field} = AccountSchema()
'''


@pytest.mark.parametrize(("field", "expected"), [
    # Cornice's request schema nests each part's schema under the part's name: not a person's field
    ("body", []),
    ("querystring", []),
    ("headers", []),
    # a container named for personal data is one (the nested-container convention)
    ("account", []),
    ("contact", [(8, "collect", ("user.contact",), COLANDER, False)]),
])
def test_a_request_part_nested_in_a_colander_schema_is_no_field(field: str, expected: list[tuple[object, ...]]) -> None:
    seen = observed(NESTED.format(field=field))
    assert seen[0] == (5, "collect", ("user.authorization.credentials",), COLANDER, False)
    assert seen[1:] == expected


PAGING = '''
import colander

class ListingSchema(colander.MappingSchema):
    {other} = colander.SchemaNode(colander.Integer())
    {token} = colander.SchemaNode(colander.String())
'''


@pytest.mark.parametrize(("other", "token", "expected"), [
    # a bare token beside a listing's paging controls is the next page's cursor
    ("_limit", "_token", []),
    ("per_page", "token", []),
    ("_since", "token", []),
    # alone, or beside anything else, it is the credential its name says
    ("count", "token", [(6, "collect", ("user.authorization.credentials",), COLANDER, False)]),
    # a token named for what it is is one, whatever is beside it
    ("limit", "reset_token", [(6, "collect", ("user.authorization.credentials",), COLANDER, False)]),
])
def test_a_paging_token_is_no_credential(other: str, token: str, expected: list[tuple[object, ...]]) -> None:
    assert observed(PAGING.format(other=other, token=token)) == expected


@pytest.mark.parametrize(("reads", "expected"), [
    # beside the request's `scope`, `prompt` is OpenID Connect's (none, login, consent)
    ('scope = request.GET["scope"]', []),
    ('scope = request.params.get("scope", "openid")', []),
    # without it, a prompt is what a person wrote
    ('model = request.GET["model"]', [(4, "collect", CONTENT, FIELD, False)]),
])
def test_an_authorization_requests_prompt_is_no_persons_text(reads: str, expected: list[tuple[object, ...]]) -> None:
    source = f"def view(request):\n    {reads}\n    other = 1\n    prompt = request.GET.get('prompt')\n    return prompt\n"
    assert observed(source) == expected


def test_the_scope_read_in_another_function_says_nothing_of_this_one() -> None:
    source = (
        "def login(request):\n    return request.GET['scope']\n"
        "def generate(request):\n    return request.GET.get('prompt')\n")
    assert observed(source) == [(4, "collect", CONTENT, FIELD, False)]


@pytest.mark.parametrize(("fields", "expected"), [
    # a querystring schema's `prompt` beside `scope`
    (("scope", "prompt"), []),
    (("model", "prompt"), [(6, "collect", CONTENT, COLANDER, False)]),
])
def test_a_schema_prompt_beside_scope_is_the_protocols(fields: tuple[str, str], expected: list[tuple[object, ...]]) -> None:
    source = (
        "import colander\n\nclass LoginQuerystringSchema(colander.MappingSchema):\n"
        f"    {fields[0]} = colander.SchemaNode(colander.String())\n\n"
        f"    {fields[1]} = colander.SchemaNode(colander.String())\n")
    assert observed(source) == expected


@pytest.mark.parametrize(("owner", "expected"), [
    # a querystring schema is read by what it is the querystring of, as a `...Params` class is
    ("TokenQuerystringSchema", [(4, "collect", ("user.authorization.credentials",), COLANDER, False)]),
    ("SearchQuerystringSchema", []),
])
def test_a_querystring_schema_is_read_by_its_head(owner: str, expected: list[tuple[object, ...]]) -> None:
    source = f"import colander\n\nclass {owner}(colander.MappingSchema):\n    code = colander.SchemaNode(colander.String())\n"
    assert observed(source) == expected


def test_pyramids_basic_auth_reader_collects_the_credentials() -> None:
    source = (
        "from pyramid.authentication import extract_http_basic_credentials\n"
        "def userid(request):\n    creds = extract_http_basic_credentials(request)\n    return creds.username\n")
    assert observed(source) == [(3, "collect", ("user.account.username", "user.authorization.credentials"),
                                 "python.request.credentials", False)]


def test_a_derive_entry_checks_its_other_categories(tmp_path: Path) -> None:
    assert pack_problems(tmp_path, '[[derive]]\nrule = "r"\ncategory = "user.location"\nalso = ["user.nope"]\n'
                                   'message = "m"\ncalls = ["a.b"]\n') == ["unknown data category 'user.nope' in 'also'"]
