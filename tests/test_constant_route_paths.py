"""A route decorator that names its path by a module constant, alone or joined to literals (zenml's
`@router.put(ACTIVATE)`, `@router.get("/{id}" + API_KEYS)`, litellm's `@app.get(HEALTH_PATH)`), marks a
route as a literal path does: its body type receives data, its query parameters are read, and the
literal parts give its path parameters (the nineteenth session)."""

from __future__ import annotations

import ast

import pytest
from engine_support import observed

from scanner.engine.sources import _constant_path

FASTAPI = "from fastapi import APIRouter\nfrom pydantic import BaseModel\nrouter = APIRouter()\nACTIVATE = '/activate'\n"
BODY = "class Activation(BaseModel):\n    admin_username: str\n"
FIELD = "python.pydantic.field"
QUERY = "python.fastapi.query-parameter"


@pytest.mark.parametrize(("path", "expected"), [
    ("ACTIVATE", ""),
    ("constants.ACTIVATE", ""),
    ("'/{user_id}' + API_KEYS", "/{user_id}"),
    ("API_KEYS + '/{key_id}' + ROTATE", "/{key_id}"),
    ("'/a' + '/b' + C", "/a/b"),
    # no constant in capitals: a variable, a call, an f-string
    ("key", None),
    ("'/a' + key", None),
    ("make_path(USERS)", None),
    ("f'{USERS}/x'", None),
    ("'/a' + '/b'", None),
])
def test_the_literal_parts_of_a_constant_path(path: str, expected: str | None) -> None:
    node = ast.parse(path, mode="eval").body
    assert _constant_path(node) == expected


@pytest.mark.parametrize(("decorator", "expected"), [
    ("@router.put(ACTIVATE)", [(6, "collect", ("user.account.username",), FIELD, False)]),
    ("@router.put(constants.ACTIVATE, responses={401: {}})", [(6, "collect", ("user.account.username",), FIELD, False)]),
    ("@router.put('/x' + ACTIVATE)", [(6, "collect", ("user.account.username",), FIELD, False)]),
    # a method of another object called with a variable, a bare call with a constant: no route
    ("@cache.put(key)", []),
    ("@put(ACTIVATE)", []),
])
def test_a_body_of_a_route_with_a_constant_path_is_received(decorator: str, expected: list[object]) -> None:
    source = FASTAPI + BODY + decorator + "\nasync def activate(activation: Activation):\n    return 1\n"
    assert observed(source) == expected


def test_a_route_with_a_constant_path_reads_its_query_and_not_its_path_parameters() -> None:
    source = FASTAPI + "@router.get('/users/{user_email}' + ACTIVATE)\nasync def r(user_email: str, email: str):\n" \
        "    return 1\n"
    assert observed(source) == [(6, "collect", ("user.contact.email",), QUERY, False)]
