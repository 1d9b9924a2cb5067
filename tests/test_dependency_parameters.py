"""A FastAPI route's parameter that a security dependency fills (`Security(authorize)`) holds what the
service built for the request (the signed-in principal, the session's token), not a body decoded
into its type: its class's fields, and those of the classes it nests, are not collects. A plain
`Depends(...)` keeps its reading (its function may decode the body into the class, or load the
stored record), and a dependency naming the annotated class itself (`Security()`, `Security(Cls)`)
builds that class from the request (zenml's `AuthContext`, the nineteenth session)."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import observed, observed_tree

FASTAPI = ("from typing import Annotated\nfrom fastapi import APIRouter, Body, Depends, Security\n"
           "from pydantic import BaseModel\nrouter = APIRouter()\n")
MODEL = "class Ctx(BaseModel):\n    email: str\n"
FIELD = "python.pydantic.field"
RECEIVED = [(6, "collect", ("user.contact.email",), FIELD, False)]  # the field, after 4 lines of imports


@pytest.mark.parametrize(("route", "expected"), [
    # filled by a security dependency's result: the default or `Annotated` metadata
    ("async def r(ctx: Ctx = Security(authorize)):\n", []),
    ("async def r(ctx: Ctx = Security(dependency=authorize)):\n", []),
    ("async def r(ctx: Annotated[Ctx, Security(authorize, scopes=['me'])]):\n", []),
    ("async def r(ctx: Optional[Ctx] = Security(deps.authorize)):\n", []),
    # the class itself is the dependency: FastAPI builds it from the request
    ("async def r(ctx: Ctx = Security()):\n", RECEIVED),
    ("async def r(ctx: Ctx = Security(Ctx)):\n", RECEIVED),
    ("async def r(ctx: Annotated[Ctx, Security(make(Ctx))]):\n", RECEIVED),
    # a plain dependency may decode the body into the class: kept
    ("async def r(ctx: Ctx = Depends(parse_ctx)):\n", RECEIVED),
    ("async def r(ctx: Annotated[Ctx, Depends(parse_ctx)]):\n", RECEIVED),
    # a body
    ("async def r(ctx: Ctx):\n", RECEIVED),
    ("async def r(ctx: Ctx = Body(...)):\n", RECEIVED),
    ("async def r(ctx: Annotated[Ctx, Body()]):\n", RECEIVED),
])
def test_a_parameter_a_security_dependency_fills_receives_nothing(route: str, expected: list[object]) -> None:
    source = FASTAPI + MODEL + "@router.get('/r')\n" + route + "    return 1\n"
    assert observed(source) == expected


def test_a_security_parameter_beside_a_body_keeps_the_body() -> None:
    source = FASTAPI + MODEL + "class Payload(BaseModel):\n    phone: str\n" \
        "@router.post('/r')\nasync def r(body: Payload, ctx: Ctx = Security(authorize)):\n    return 1\n"
    assert observed(source) == [(8, "collect", ("user.contact.phone_number",), FIELD, False)]


def test_the_classes_a_security_context_nests_are_not_received_in_other_modules(tmp_path: Path) -> None:
    # the session context of zenml's shape: its module defines it and the dependency, routers of
    # other modules take it from `Security(authorize)`; the token it nests is not received either
    auth = """\
        from pydantic import BaseModel

        class Token(BaseModel):
            session_id: str
            device_id: str

        class AuthContext(BaseModel):
            access_token: Token
            encoded_access_token: str

        def authorize() -> AuthContext:
            return AuthContext(access_token=Token(session_id="", device_id=""), encoded_access_token="")
        """
    router = """\
        from fastapi import APIRouter, Security
        from app.auth import AuthContext, authorize

        router = APIRouter()

        @router.get("/pipelines")
        async def pipelines(auth_context: AuthContext = Security(authorize)):
            return []
        """
    assert observed_tree(tmp_path, {"app/__init__.py": "", "app/auth.py": auth, "app/routers.py": router}) == []
    # the same context decoded from a body is received, with what it nests
    body = router.replace(" = Security(authorize)", "")
    found = observed_tree(tmp_path / "body", {"app/__init__.py": "", "app/auth.py": auth, "app/routers.py": body})
    assert {(path, line) for path, line, _, _ in found} == {("app/auth.py", 4), ("app/auth.py", 5),
                                                          ("app/auth.py", 8), ("app/auth.py", 9)}
