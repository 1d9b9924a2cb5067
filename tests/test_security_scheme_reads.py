"""A FastAPI security scheme instance (`APIKeyHeader(...)`, `HTTPBearer(...)`) reads the credential it
names from a request: called with the request (`await self.scheme(request)`, an authentication
backend's own read) and as a dependency (`Depends(Backend.scheme)`, a class attribute of this module
or another), it is a credentials collect (argilla-server's backends and provider, the twentieth
session)."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import observed, observed_tree

IMPORTS = ("from fastapi import Depends, Request\n"
           "from fastapi.security import APIKeyHeader, HTTPBearer\n")
RULE = "python.fastapi.credential"
CREDENTIALS = ("user.authorization.credentials",)


@pytest.mark.parametrize(("body", "expected"), [
    # a module-level scheme and a class attribute, called with the request
    ("bearer = HTTPBearer()\nasync def f(request: Request):\n    return await bearer(request)\n",
     [(5, "collect", CREDENTIALS, RULE, False)]),
    ("class B:\n    scheme = APIKeyHeader(name='X-Key')\n"
     "    async def authenticate(self, request: Request):\n        key = await self.scheme(request)\n"
     "        return key\n",
     [(6, "collect", CREDENTIALS, RULE, False)]),
    # called with something else than the request: nothing read
    ("bearer = HTTPBearer()\nasync def f(request: Request, other):\n    return await bearer(other)\n", []),
    # a class of the project's own called with the request: not a scheme
    ("class Checker:\n    async def __call__(self, request):\n        return 1\n"
     "check = Checker()\nasync def f(request: Request):\n    return await check(request)\n", []),
    # the scheme of a class of the same module as a dependency
    ("class B:\n    scheme = APIKeyHeader(name='X-Key')\n    other = 'X-Key'\n"
     "async def user(key: str = Depends(B.scheme), db=Depends(B.other)):\n    return key\n",
     [(6, "collect", CREDENTIALS, RULE, False)]),
])
def test_a_security_scheme_reads_the_request_it_is_given(body: str, expected: list[object]) -> None:
    assert observed(IMPORTS + body) == expected


def test_the_scheme_of_another_modules_backend_is_a_credential_dependency(tmp_path: Path) -> None:
    # argilla-server's shape: the backends hold their schemes, a package re-exports the backends, and
    # the provider's dependency names each scheme so that OpenAPI documents it
    backend = """\
        from fastapi import Request
        from fastapi.security import APIKeyHeader

        class APIKeyBackend:
            scheme = APIKeyHeader(name="X-Api-Key", auto_error=False)
            name = "api-key"

            async def authenticate(self, request: Request):
                return await self.scheme(request)
        """
    provider = """\
        from typing import Optional
        from fastapi import Depends, Request
        from app.auth import APIKeyBackend

        class Provider:
            async def get_current_user(
                self,
                request: Request,
                _api_key: Optional[str] = Depends(APIKeyBackend.scheme),
                _name: Optional[str] = Depends(APIKeyBackend.name),
            ):
                return request
        """
    found = observed_tree(tmp_path, {"app/__init__.py": "", "app/auth/__init__.py": "from .backend import APIKeyBackend\n",
                                     "app/auth/backend.py": backend, "app/provider.py": provider})
    assert found == [("app/auth/backend.py", 9, "collect", CREDENTIALS), ("app/provider.py", 9, "collect", CREDENTIALS)]
