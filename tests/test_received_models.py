"""Which Pydantic models receive data: the classes a function builds from a decoded payload, the
whole-word mentions that say a class is named, and the summary entry that carries other modules' names."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
from engine_support import record_rounds

from scanner.classify import Classifier
from scanner.config import Config
from scanner.engine.analyzer import alone, analyze
from scanner.engine.sources import _decoded_into, _functions, _functions_around, _named_twice
from scanner.engine.summaries import (
    USE_FUNCTION,
    USE_NAMED,
    FunctionSummary,
    ModuleSummary,
    held,
)
from scanner.engine.values import Value
from scanner.packs import load_models
from scanner.runner import run


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


def write(root: Path, files: dict[str, str]) -> None:
    for relpath, text in files.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(textwrap.dedent(text), encoding="utf-8")


PADDING = {f"app/pad{n:02}.py": "x = 1\n" for n in range(40)}  # enough files for workers


# A Pydantic model no module of the project names is read as received (its use is out of sight):
# `Note`, named only where it is defined. `Signup` is named by views.py, which imports it and so
# comes after schemas.py in the import order.
NAMED_ELSEWHERE = {
    "app/__init__.py": "",
    "app/schemas.py": """
        from pydantic import BaseModel


        class Signup(BaseModel):
            email: str


        class Note(BaseModel):
            phone: str
        """,
    "app/views.py": """
        from app.schemas import Signup


        def handle(form: Signup):
            return form
        """,
}


def collects_and_rounds(root: Path, monkeypatch: pytest.MonkeyPatch, jobs: int,
                        cache: bool) -> tuple[list[tuple[str, int, tuple[str, ...]]], list[list[str]]]:
    """The collects of an observe run of `root`, and the files each round of the run analysed again."""
    analysed_again = record_rounds(monkeypatch)
    result = run(root, config=Config(), command="observe", jobs=jobs, cache=cache)
    return [(o.path, o.span.start_line, o.categories) for o in result.observations], analysed_again


@pytest.mark.parametrize(("jobs", "cache"), [(1, False), (2, False), (1, True), (2, True)])
def test_whether_another_module_names_a_model_is_answered_once_every_module_is_analysed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, cache: bool) -> None:
    write(tmp_path, {**NAMED_ELSEWHERE, **(PADDING if jobs > 1 else {})})
    expected = [("app/schemas.py", 10, ("user.contact.phone_number",))]
    # schemas.py is analysed once, before views.py says it names Signup: no round analyses it again
    # (each one did while the answer was asked during its analysis)
    assert collects_and_rounds(tmp_path, monkeypatch, jobs, cache) == (expected, [])
    if cache:  # a warm run: the held-back collects come from the cache and are answered alike
        assert collects_and_rounds(tmp_path, monkeypatch, jobs, cache) == (expected, [])


def test_a_models_collects_are_held_back_without_asking_other_modules() -> None:
    source = textwrap.dedent(NAMED_ELSEWHERE["app/schemas.py"])
    analyzed = analyze("app/schemas.py", source, load_models(), Classifier.load(),
                       module="app.schemas")
    assert analyzed.result.observations == ()
    assert [(g.unnamed, [o.span.start_line for o in g.observations]) for g in analyzed.gated] == [
        ("app.schemas.Signup", [6]), ("app.schemas.Note", [10])]
    assert not any(use.startswith(USE_NAMED) for use in analyzed.uses)  # no other module's answer read
    # analysed on its own, no other module names either class: both hold
    alone_result = alone(analyzed)
    assert [o.span.start_line for o in alone_result.observations] == [6, 10]
    assert held(analyzed.gated, {"app.schemas.Signup"}) == list(analyzed.gated[1].observations)


def test_held_back_collects_sharing_a_line_with_another_are_answered_during_the_analysis(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Note's fields share line 10 with the request's reads: merged with them in the order they were
    # made, so Note's answer is asked during the analysis, as before, and a round gives views.py's
    files = {**NAMED_ELSEWHERE, "app/schemas.py": """
        from flask import request
        from pydantic import BaseModel


        class Signup(BaseModel):
            email: str


        class Note(BaseModel):
            phone: str = request.form["phone"]; email: str = request.form["email"]
        """, "app/views.py": "from app.schemas import Note\n\n\ndef handle(form: Note):\n    return form\n"}
    write(tmp_path, files)
    collects, rounds = collects_and_rounds(tmp_path, monkeypatch, 1, False)
    assert collects == [("app/schemas.py", 7, ("user.contact.email",)),
                        ("app/schemas.py", 11, ("user.contact.email", "user.contact.phone_number"))]
    assert rounds == [["app/schemas.py"]]
