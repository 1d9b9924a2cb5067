"""Where a route's path may be written: the text search that decides whether a module's functions
are walked for route decorators must find every one the walk would accept."""

from __future__ import annotations

import pytest

from scanner.engine.sources import _ROUTE_DECORATOR, _ROUTE_PATH_KEYWORD


def may_hold_a_route(source: str) -> bool:
    return bool(_ROUTE_DECORATOR.search(source) or _ROUTE_PATH_KEYWORD.search(source))


@pytest.mark.parametrize(
    "source",
    [
        '@router.get("/items")\ndef items(): ...\n',
        "@app.route('/x')\ndef x(): ...\n",
        '@router.get("")\ndef root(): ...\n',
        '@router.post(\n    "/items",\n)\ndef create(): ...\n',
        '@router.get(  # the list\n    "/x")\ndef x(): ...\n',
        '@router.api_route(response_model=Item, path="/x")\ndef x(): ...\n',
        "@r.get(r'/x')\ndef x(): ...\n",
        '@post(path = "/items")\nasync def create(): ...\n',
    ],
)
def test_a_route_decorator_with_a_path_is_found(source: str) -> None:
    assert may_hold_a_route(source)


@pytest.mark.parametrize(
    "source",
    ['@mock.patch("module.x")\ndef test(): ...\n', '@register.filter("name")\ndef f(): ...\n',
     "@property\ndef p(self): ...\n", 'URL = "/path"\n', '@router.get(f"/items")\ndef items(): ...\n'],
)
def test_text_without_a_route_path_is_not_walked(source: str) -> None:
    # an f-string is no constant path: the walk would not take it either
    assert not may_hold_a_route(source)
