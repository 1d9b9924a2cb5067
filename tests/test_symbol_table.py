"""SymbolTable: exact names and `*` patterns, the patterns tried only for the last names they end in."""

from __future__ import annotations

import pytest

from scanner.packs import SymbolTable

TABLE = SymbolTable([
    ("ldap.initialize().search_s", "ldap"),
    ("authlib.integrations.*.OAuth().*.userinfo", "authlib"),
    ("authlib.integrations.*.OAuth2Session().parse_id_token", "session"),
])
OPEN = SymbolTable([("myapp.*", "any"), ("stripe.Charge.create", "charge")])


@pytest.mark.parametrize(("table", "symbol", "expected"), [
    (TABLE, "ldap.initialize().search_s", "ldap"),
    (TABLE, "authlib.integrations.flask_client.OAuth().google.userinfo", "authlib"),
    (TABLE, "authlib.integrations.starlette_client.OAuth().create_client().userinfo", "authlib"),
    (TABLE, "authlib.integrations.requests_client.OAuth2Session().parse_id_token", "session"),
    (TABLE, "authlib.integrations.flask_client.OAuth().google.authorize_access_token", None),
    (TABLE, "myapp.userinfo", None),
    (TABLE, "userinfo", None),
    (OPEN, "myapp.views.index", "any"),
    (OPEN, "stripe.Charge.create", "charge"),
    (OPEN, "stripe.Charge.retrieve", None),
])
def test_get(table: SymbolTable[str], symbol: str, expected: str | None) -> None:
    assert table.get(symbol) == expected
