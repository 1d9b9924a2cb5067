"""Control values: request fields the code only tests against options it names are switches
(an OpenID Connect `prompt`, a consent form's `answer`), not collected data."""

from __future__ import annotations

import ast

import pytest
from engine_support import observed

from scanner.engine.control import control_names, control_operand, controllable, emptiness_tested

FIELD = (5, "collect", ("user.content",), "python.request.field", False)


@pytest.mark.parametrize(
    "test",
    [
        'request.values.get("prompt") == "none"',
        '"none" != request.values.get("prompt")',
        'request.form["answer"] in ("accept", "deny")',
        'request.form["answer"] not in {"accept", "deny"}',
        'request.form["answer"].strip().lower() == "accept"',
    ],
)
def test_a_field_only_tested_against_literal_options_is_not_collected(test: str) -> None:
    source = f"""\
        from flask import request


        def respond():
            if {test}:
                return None
    """
    assert observed(source) == []


@pytest.mark.parametrize(
    "test",
    [
        # an empty string tests presence; a value compared with another value or a number is read
        'request.values.get("prompt") == ""',
        'request.values.get("prompt") == stored_prompt',
        'len(request.values.get("prompt")) > 3',
        # `"a" in x` asks whether the text holds "a": it reads the text
        '"login" in request.values.get("prompt")',
        # a chain, and `is`, are not tests against options
        '"a" < request.values.get("prompt") < "z"',
        'request.values.get("prompt") is None',
    ],
)
def test_other_comparisons_still_collect(test: str) -> None:
    source = f"""\
        from flask import request


        def respond(stored_prompt):
            if {test}:
                return None
    """
    assert observed(source) == [FIELD]


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        # whether it is set: a presence test, alone, in `and`/`or`, negated, in a `while`
        ('if request.values.get("prompt"):', []),
        ('if request.values.get("prompt") and request.values["prompt"] == "none":', []),
        ('if not request.values.get("prompt") or ready:', []),
        ('while request.values.get("prompt"):', []),
        # a value the test computes from it, or an `if` expression's test, is no presence test
        ('if len(request.values.get("prompt")) > 3:', [FIELD]),
        ('if check(request.values.get("prompt")):', [FIELD]),
    ],
)
def test_a_field_an_if_only_asks_is_set_is_not_collected(test: str, expected: list[object]) -> None:
    source = f"""\
        from flask import request


        def respond(ready):
            {test}
                return None
    """
    assert observed(source) == expected


def test_a_local_tested_for_presence_is_kept() -> None:
    source = """\
        from flask import request


        def protected():
            auth_header = request.headers.get("Authorization")
            if not auth_header:
                return None
    """
    assert observed(source) == [(5, "collect", ("user.authorization.credentials",), "python.request.header", False)]


def test_a_field_whose_values_are_options_is_read_by_a_test_against_one() -> None:
    source = """\
        from flask import request


        def signup():
            if request.form.get("gender") == "female":
                return None
    """
    assert observed(source) == [(5, "collect", ("user.demographic.gender",), "python.request.field", False)]


def test_a_local_only_tested_is_a_switch_one_kept_is_data() -> None:
    source = """\
        from flask import request


        def consent():
            answer = request.form["answer"]
            if answer == "deny":
                return None
            prompt = request.form["prompt"]
            if prompt != "none":
                store(prompt)
    """
    assert observed(source) == [(8, "collect", ("user.content",), "python.request.field", False)]


def test_a_local_bound_twice_or_read_by_a_nested_function_is_not_only_tested() -> None:
    source = """\
        from flask import request


        def consent(default):
            answer = request.form["answer"]
            if answer == "deny":
                answer = default
            prompt = request.form["prompt"]
            check = lambda: prompt
            if prompt == "none":
                return check
    """
    assert observed(source) == [(5, "collect", ("user.content",), "python.request.field", False),
                                (8, "collect", ("user.content",), "python.request.field", False)]


def test_an_argument_given_to_a_parameter_the_module_function_only_tests_is_a_switch() -> None:
    source = """\
        from flask import request


        def start_session(client_id, prompt=None, note=None):
            return {"client_id": client_id, "login": prompt == "login", "note": note}


        def respond():
            start_session(request.values.get("client_id"), prompt=request.values.get("prompt"))
            start_session("c", request.values.get("prompt"))
            start_session("c", note=request.values.get("prompt"))
    """
    assert observed(source) == [(11, "collect", ("user.content",), "python.request.field", False)]


def test_a_local_name_that_shadows_the_module_function_is_not_it() -> None:
    source = """\
        from flask import request


        def start_session(prompt=None):
            return prompt == "login"


        def respond(start_session):
            start_session(prompt=request.values.get("prompt"))
    """
    assert observed(source) == [(9, "collect", ("user.content",), "python.request.field", False)]


def _compare(text: str) -> ast.Compare:
    node = ast.parse(text, mode="eval").body
    assert isinstance(node, ast.Compare)
    return node


def test_control_operand_is_the_tested_value() -> None:
    operand = control_operand(_compare('x.lower() == "a"'))
    assert isinstance(operand, ast.Name) and operand.id == "x"
    assert control_operand(_compare('"a" == "b"')) is None
    assert control_operand(_compare('x in ("a", 1)')) is None
    assert control_operand(_compare('x in ()')) is None


def test_control_names_are_bound_once_and_only_tested() -> None:
    func = ast.parse(
        "def f(a, b, c, *args):\n"
        "    d = g()\n"
        "    e = g()\n"
        "    if a == 'x' or b != 'y' or d in ('p', 'q'):\n"
        "        return b, e\n"
        "    return c == 'z' and e == 'w' and args == 'v'\n"
    ).body[0]
    assert isinstance(func, ast.FunctionDef)
    # `args` is no named parameter: bound by the signature, it is not counted as bound here
    assert control_names(func) == {"a", "c", "d"}


def test_controllable_categories_are_free_text_and_identifiers() -> None:
    assert controllable(("user.content",))
    assert controllable(("user.authorization.credentials", "user.account.username"))
    assert not controllable(("user.content", "user.demographic.gender"))
    assert not controllable(())


@pytest.mark.parametrize(
    ("function", "path", "expected"),
    [
        # a step of signing in, by its module (allauth's `idp/oidc/views.py`, canaille's
        # `oidc/endpoints/oauth.py`) or its own name: OpenID Connect's prompt, kept or echoed
        ("view", "app/oidc/views.py", []),
        ("view", "app/endpoints/oauth.py", []),
        ("authorize", "app/module.py", []),
        # elsewhere a prompt kept is what a person wrote
        ("view", "app/chat/views.py", [(5, "collect", ("user.content",), "python.request.field", False)]),
    ],
)
def test_a_prompt_read_in_a_step_of_signing_in_is_the_protocols(function: str, path: str,
                                                                 expected: list[object]) -> None:
    source = f"""\
        from flask import request


        def {function}():
            prompts = request.args.get("prompt", "").split()
            return prompts
    """
    assert observed(source, path) == expected


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        # its type, an attribute, whether it is empty: nothing taken, whatever the category
        ('isinstance(request.json.get("token"), str)', []),
        ('hasattr(request.user_agent, "browser")', []),
        ('len(request.form["apikey"].strip()) > 0', []),
        ('len(request.form["apikey"]) != 0', []),
        ('0 < len(request.form["apikey"])', []),
        ('len(request.form["apikey"]) >= 1', []),
        # a length measured against another number reads the value; so does a length kept
        ('len(request.form["apikey"]) > 3', [(5, "collect", ("user.authorization.credentials",), "python.request.field", False)]),
        ('len(request.form["apikey"])', [(5, "collect", ("user.authorization.credentials",), "python.request.field", False)]),
        # a value tested and also handed on is read
        ('isinstance(check(request.form["apikey"]), str)', [(5, "collect", ("user.authorization.credentials",), "python.request.field", False)]),
    ],
)
def test_a_type_attribute_or_emptiness_test_takes_nothing(test: str, expected: list[object]) -> None:
    source = f"""\
        from flask import request


        def respond():
            ok = {test}
            return ok
    """
    assert observed(source) == expected


def test_emptiness_tested_is_the_measured_value() -> None:
    def tested(text: str) -> str | None:
        node = ast.parse(text, mode="eval").body
        found = emptiness_tested(node)
        return None if found is None else ast.unparse(found)

    assert tested("len(x.strip()) > 0") == "x"
    assert tested("0 < len(x)") == "x"
    assert tested("len(x) < 1") == "x"
    assert tested("len(x) > 1") is None
    assert tested("len(x, y) > 0") is None
    assert tested("size(x) > 0") is None
