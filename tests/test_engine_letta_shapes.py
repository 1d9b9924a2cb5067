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

