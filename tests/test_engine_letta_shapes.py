"""Shapes read from letta's misses and false hits (the fifteenth session): each test pins what one
rule observes, and its near-misses."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

HEADER = "python.fastapi.header"
DEPENDENCY = '''
from fastapi import Header

def get_headers(
    value: str | None = Header(None, alias="{alias}"),
):
    return value
'''


@pytest.mark.parametrize(("alias", "expected"), [
    # a custom header the table does not list is read by its name, without the `X-` prefix too
    ("user_id", [(5, "collect", ("user.unique_id",), HEADER, False)]),
    ("anthropic-api-key", [(5, "collect", ("user.authorization.credentials",), HEADER, False)]),
    # the table and `X-` names as before
    ("User-Agent", [(5, "collect", ("user.device",), HEADER, False)]),
    ("X-User-Email", [(5, "collect", ("user.contact.email",), HEADER, False)]),
    # names of no personal data
    ("X-Project-Id", []),
    ("X-Stainless-Package-Version", []),
    ("Content-Type", []),
    ("If-Modified-Since", []),
])
def test_a_fastapi_header_parameter_is_read_by_its_alias(alias: str, expected: list[Seen]) -> None:
    assert observed(DEPENDENCY.replace("{alias}", alias)) == expected


BODY = "python.request.body"
LOGGED = "python.logging.personal-data"
RELAY = '''
import logging
from fastapi import APIRouter, Request
logger = logging.getLogger(__name__)
router = APIRouter()

@router.post("/v1/messages")
async def relay(request: Request):
    body = await request.body()
    {use}
    return {"ok": True}
'''


@pytest.mark.parametrize(("use", "expected"), [
    # a slice of a bound raw body is a preview of it: the body taken whole, and logged
    ('logger.debug(f"preview: {body[:200]}")',
     [(9, "collect", ("user.content",), BODY, False), (10, "log", ("user.content",), LOGGED, False)]),
    ("logger.debug('preview: %s', body[:200])",
     [(9, "collect", ("user.content",), BODY, False), (10, "log", ("user.content",), LOGGED, False)]),
    # passed on as the one name among constants: taken where bound, not again where passed
    ("send(content=body if body else None)", [(9, "collect", ("user.content",), BODY, False)]),
    ("send(content=body or None)", [(9, "collect", ("user.content",), BODY, False)]),
    # its length only: the body is still taken whole where bound (as before), and its length is no log of it
    ("logger.debug('%s', len(body))", [(9, "collect", ("user.content",), BODY, False)]),
])
def test_a_bound_raw_body_sliced_or_passed_on_as_an_alternative(use: str, expected: list[Seen]) -> None:
    assert observed(RELAY.replace("{use}", use)) == expected


LOOPED = '''
from fastapi import Request

async def trace(request: Request, span):
    {table}
    for {target} in {iterated}:
        span.set_attribute("h", request.headers.get({key}))
'''


@pytest.mark.parametrize(("table", "target", "iterated", "key", "expected"), [
    # a literal dict's keys, through `.items()` or `.keys()`
    ('table = {"user_id": "user.id", "user-agent": "client"}', "key, attribute", "table.items()", "key",
     [(7, "collect", ("user.device", "user.unique_id"), "python.request.header", False)]),
    ('table = {"user_id": "user.id", "user-agent": "client"}', "key", "table.keys()", "key",
     [(7, "collect", ("user.device", "user.unique_id"), "python.request.header", False)]),
    # a literal tuple's items; the client IP alone is the client-ip rule's
    ("pass", "key", '("x-real-ip", "x-forwarded-for")', "key",
     [(7, "collect", ("user.device.ip_address",), "python.request.client-ip", False)]),
    # the values of the table, read as headers, are the ones read
    ('table = {"x-project-id": "x-real-ip"}', "key, attribute", "table.items()", "attribute",
     [(7, "collect", ("user.device.ip_address",), "python.request.client-ip", False)]),
    # names of nothing personal; a table of another's making
    ('table = {"x-project-id": "project.id"}', "key, attribute", "table.items()", "key", []),
    ("table = settings.HEADERS", "key, attribute", "table.items()", "key", []),
])
def test_headers_listed_in_a_loop_are_read(table: str, target: str, iterated: str, key: str,
                                            expected: list[Seen]) -> None:
    source = LOOPED.replace("{table}", table).replace("{target}", target).replace("{iterated}", iterated)
    assert observed(source.replace("{key}", key)) == expected
