"""Which Pydantic models receive data: the classes a function builds from a decoded payload, the
whole-word mentions that say a class is named, and the summary entry that carries other modules' names."""

from __future__ import annotations

import ast
import textwrap

import pytest

from scanner.engine.sources import _decoded_into, _functions, _functions_around, _named_twice
from scanner.engine.summaries import (
    USE_FUNCTION,
    USE_NAMED,
    FunctionSummary,
    ModuleSummary,
)
from scanner.engine.values import Value


def decoded(source: str) -> list[str]:
    func = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef))
    return [ast.unparse(node) for node in _decoded_into(func)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a request's body decoded into the model, directly or through a name
        ("async def f(request):\n    return Item.model_validate(await request.json())\n", ["Item"]),
        ("def f():\n    data = request.get_json()\n    return schemas.Item.parse_obj(data)\n", ["schemas.Item"]),
        ("async def f(request):\n    body = await request.json()\n    return Item(**body)\n", ["Item"]),
        # keys of a provider's account record
        ("def f(resp):\n    user = resp.json()\n    return User(login=user['login'], name=user.get('name'))\n", ["User"]),
        # JSON text comes from outside, whatever its name
        ("def f(raw):\n    return Event.model_validate_json(raw)\n", ["Event"]),
        ("def f(raw):\n    return Event.parse_raw(raw)\n", ["Event"]),
        # Flask's `get_json(silent=True)`: how a bad body fails, the body still decoded
        ("def f(Schema):\n    payload = request.get_json(silent=True)\n    return Schema.model_validate(payload)\n",
         ["Schema"]),
        # a pydantic type adapter made for the body: its type is built
        ("def f():\n    return TypeAdapter(list[Item]).validate_python(request.get_json())\n", ["list[Item]"]),
        ("def f():\n    return pydantic.TypeAdapter(Item).validate_json(request.get_json(force=True))\n", ["Item"]),
        # an adapter's validation of the service's own value, or another object's method of that name
        ("def f(rows):\n    return TypeAdapter(list[Item]).validate_python(rows)\n", []),
        ("def f():\n    return make(Item).validate_python(request.get_json())\n", []),
        # a call of `get_json` given what to read is no body's decoding
        ("def f(resp):\n    return Item(**resp.get_json(key='x'))\n", []),
        # the service's own record, copied
        ("def f(row):\n    return UserModel.model_validate(row)\n", []),
        ("def f(user):\n    return UserModel(**user.model_dump())\n", []),
        # a payload's value that is not read by key, or a call given arguments (not a body's decoding)
        ("def f(resp):\n    user = resp.json()\n    return User(login=user)\n", []),
        ("def f(resp):\n    return Item(**resp.json(indent=2))\n", []),
        # a payload bound in a nested function is that function's
        ("def f(resp):\n    def g():\n        data = resp.json()\n    return Item(**data)\n", []),
    ],
)
def test_the_classes_a_function_builds_from_a_decoded_payload(source: str, expected: list[str]) -> None:
    assert decoded(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("class Item(BaseModel): ...\nitems: list[Item] = []\n", True),
        ("from app.models import Item\n\ndef f(x: Item): ...\n", True),
        ("class Item(BaseModel): ...\n", False),
        # another identifier that contains the name is not the name
        ("class Item(BaseModel): ...\nclass ItemList(BaseModel): ...\nMyItem = 1\nItem_ = 2\n", False),
        ("Item", False),
        ("Item Item", True),
    ],
)
def test_a_name_is_named_again_only_as_a_whole_word(source: str, expected: bool) -> None:
    assert _named_twice(source, "Item") is expected


def test_the_names_a_module_imports_are_given_only_to_a_file_that_asks_for_them() -> None:
    client_ip = FunctionSummary(returns=Value(categories=frozenset({"user.device.ip_address"})))
    summary = ModuleSummary(functions={"app.helpers.client_ip": client_ip},
                            named=frozenset({"app.helpers.client_ip", "app.models.Item"}))
    assert summary.names() == frozenset({USE_FUNCTION + "app.helpers.client_ip",
                                         USE_NAMED + "app.helpers.client_ip", USE_NAMED + "app.models.Item"})
    # a caller of the helper asks for the function, not whether some module names it
    assert summary.restricted([USE_FUNCTION + "app.helpers.client_ip"]).named == frozenset()
    assert summary.restricted([USE_NAMED + "app.models.Item"]).named == frozenset({"app.models.Item"})


def test_a_function_that_decodes_into_the_class_it_is_given_is_used_by_every_caller() -> None:
    # its summary says nothing of what it returns, yet each caller passes a class that receives data
    validate = FunctionSummary(param_names=("schema_class",), decodes=frozenset({0}))
    assert not validate.trivial
    summary = ModuleSummary(functions={"app.validation.validate": validate})
    assert summary.names() == frozenset({USE_FUNCTION + "app.validation.validate"})
    # a summary that decodes another parameter is another summary (a caller's result may change)
    other = ModuleSummary(functions={"app.validation.validate": FunctionSummary(param_names=("schema_class",))})
    assert summary.digest() != other.digest()


_AROUND = """\
import flask

def outside():
    return 1

@app.route("/a")
def view():
    def inner():
        return flask.request.get_json(silent=True)
    return inner()

class Api:
    def post(self):
        if flask.request.is_json:
            try:
                body = flask.request.get_json()
            except ValueError:
                def fallback():
                    return {}
                body = fallback()
        return body

    def get(self):
        return 2
"""


@pytest.mark.parametrize("lines", [[], [6], [9], [16], [9, 16], [19], [1, 3, 24], [8, 9, 16, 24]])
def test_the_functions_around_lines_are_those_of_the_module_that_hold_one_in_the_same_order(lines: list[int]) -> None:
    # only the statements spanning a line are looked into: the same functions as a filter of every one
    body = ast.parse(_AROUND).body
    expected = [f.name for f in _functions(body)
                if any(f.lineno <= line <= (f.end_lineno or f.lineno) for line in lines)]
    assert [f.name for f in _functions_around(body, lines)] == expected
    if lines == [9, 16]:
        assert expected == ["view", "inner", "post"]
    if lines == [19]:
        assert expected == ["post", "fallback"]
    if lines == [6]:
        assert expected == []  # a decorator's line is not the function's
