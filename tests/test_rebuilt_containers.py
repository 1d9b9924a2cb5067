"""A helper that gives back the mapping it is given, rebuilt (CKAN's `clean_dict(unflatten(tuplize_dict(
parse_params(request.form))))`): given the request's form, its result is still the request's fields, so
the keys read from it are collects, in the same module and in another."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
from engine_support import observed

from scanner.config import Config
from scanner.engine.sources import rebuilt_parameter
from scanner.runner import run


def _function(source: str) -> tuple[ast.FunctionDef, list[str]]:
    func = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(func, ast.FunctionDef)
    return func, [a.arg for a in [*func.args.posonlyargs, *func.args.args]]


@pytest.mark.parametrize(("source", "expected"), [
    # the parameter itself, after cleaning it in place
    ("def clean(d):\n    for v in d.values():\n        pass\n    return d\n", 0),
    ("def same(d):\n    return d\n", 0),
    # copied key by key in a loop over it, its items, its sorted keys
    (("def parse(params, ignore=None):\n    out = {}\n    for k in params:\n        out[k] = params.getlist(k)\n"
      "    out = drop_csrf(out)\n    return out\n"), 0),
    ("def tup(flag, d):\n    t = {}\n    for k, v in d.items():\n        t[tuple(k)] = v\n    return t\n", 1),
    # through a second container filled from the first, and through an alias it writes by
    (("def two(d):\n    a = {}\n    for k, v in d.items():\n        a[k] = v\n    b = {}\n"
      "    for k in sorted(a.keys()):\n        b[k] = a[k]\n    return b\n"), 0),
    (("def unflat(data):\n    out: dict = {}\n    for key in sorted(data.keys(), key=len):\n"
      "        pos: dict = out\n        pos[key[-1]] = data[key]\n    return out\n"), 0),
    # near misses: a value read out of it, a container filled from something else, a display returned,
    # a function that may also return a value of another kind, one with no loop that returns a local
    ("def first(params):\n    for k in params:\n        return params[k]\n    return None\n", None),
    ("def pick(params):\n    out = {}\n    for k in ALLOWED:\n        out[k] = params.get(k)\n    return out\n", None),
    ("def count(params):\n    n = 0\n    for k in params:\n        n += 1\n    return n\n", None),
    ("def rec(params):\n    for k in params:\n        pass\n    return {'a': 1}\n", None),
    ("def both(d):\n    if not d:\n        return None\n    for v in d.values():\n        pass\n    return d\n", None),
    ("def copy_of(d):\n    out = dict(d)\n    return out\n", None),
    ("def nothing():\n    x = {}\n    for k in ITEMS:\n        x[k] = 1\n    return x\n", None),
], ids=["cleaned", "identity", "parse_params", "second-param", "two-steps", "alias", "first-value",
        "other-source", "counter", "display", "none-too", "no-loop", "no-params"])
def test_which_parameter_a_function_returns_rebuilt(source: str, expected: int | None) -> None:
    func, names = _function(source)
    assert rebuilt_parameter(func, names) == expected


HELPERS = '''
def parse_params(params):
    parsed = {}
    for key in params:
        value = params.getlist(key)
        parsed[key] = value[0] if len(value) == 1 else value
    return parsed


def clean_dict(data_dict):
    for value in data_dict.values():
        if isinstance(value, list):
            value[:] = [item for item in value if item]
    return data_dict
'''

VIEW = '''
from flask import request


def edit():
    data_dict = clean_dict(
        parse_params(request.form))
    email = data_dict["email"]
    password = data_dict.get("password1")
    settings = clean_dict(load_settings())
    theme = settings["email"]
    return email, password, theme
'''


def test_keys_of_a_rebuilt_form_are_collects_in_the_same_module() -> None:
    # HELPERS is lines 1-15, the view from line 16 (its call at 20-21): the form is taken whole once,
    # at the innermost call, and the keys read from the rebuilt dict are collects; a rebuilt dict
    # that is not request data (`load_settings()`) gives nothing
    assert observed(HELPERS + VIEW) == [
        (21, "collect", ("user.content",), "python.request.body", False),
        (22, "collect", ("user.contact.email",), "python.request.field", False),
        (23, "collect", ("user.authorization.credentials",), "python.request.field", False),
    ]


def test_keys_of_a_rebuilt_form_are_collects_across_modules(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "logic.py").write_text(textwrap.dedent(HELPERS))
    (tmp_path / "app" / "views.py").write_text(
        "from app.logic import clean_dict, parse_params\n" + textwrap.dedent(VIEW))
    result = run(tmp_path, config=Config(), command="observe", jobs=1)
    assert sorted((o.path, o.span.start_line, o.kind.value, o.categories, o.rule) for o in result.observations) == [
        ("app/views.py", 8, "collect", ("user.content",), "python.request.body"),
        ("app/views.py", 9, "collect", ("user.contact.email",), "python.request.field"),
        ("app/views.py", 10, "collect", ("user.authorization.credentials",), "python.request.field"),
    ]
