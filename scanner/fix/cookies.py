"""PS302: give a cookie-setting call the attributes the inventory requires.

The attributes come from `scanner.compare.weaker_cookie_attributes` (what the comparison
reported): `secure=True`, `httponly=True`, `samesite="<declared value>"`. An attribute the
call already passes, by keyword or by position, gets the required value in place (`secure=False`
becomes `secure=True`); a missing one is added as a keyword in the call's own layout (see
`scanner.fix.layout`), spelled like the call's other keywords (`http_only`, `same_site` in a
call that already uses that spelling). Calls that unpack `*args` or `**kwargs` are left alone:
the attribute may be in there, and passing it twice fails at run time.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from scanner.compare import cookie_declaration, weaker_cookie_attributes
from scanner.fix.layout import append_args, keyword
from scanner.fix.outcome import Outcome, Planned, Refused
from scanner.fix.tree import Tree
from scanner.inventory import Inventory
from scanner.model import Finding
from scanner.packs import CookieSetter


def cookie_fix(tree: Tree, finding: Finding, inventory: Inventory, setters: Mapping[str, CookieSetter]) -> Outcome:
    """Return the edit that gives the finding's cookie call the required attributes, or why there is none."""
    obs = finding.observation
    cookie = obs.cookie if obs is not None else None
    if obs is None or cookie is None or cookie.name is None:
        return Refused("the cookie's name is not known, so its declaration cannot be found")
    decl = cookie_declaration(inventory, cookie.name)
    if decl is None:
        return Refused(f"no [[cookies]] declaration names '{cookie.name}'")
    missing = weaker_cookie_attributes(cookie, decl)
    if not missing:
        return Refused(f"the call already gives cookie '{cookie.name}' every attribute its declaration requires")
    call = tree.find(obs.span, cst.Call)
    if not isinstance(call, cst.Call):
        return Refused(
            "the cookie is not set by a set_cookie-style call (a Set-Cookie header or a cookie jar); "
            "add the attributes by hand"
        )
    method = call.func.attr.value if isinstance(call.func, cst.Attribute) else getattr(call.func, "value", "")
    setter = setters.get(method) if isinstance(method, str) else None
    if setter is None:
        return Refused(f"{method}() is not a cookie setter the cookies rule pack describes")
    if any(arg.star for arg in call.args):
        return Refused("the call unpacks *args or **kwargs, which may already pass these attributes")

    given: dict[str, int] = {}  # attribute -> index of the argument that passes it
    positional = 0
    for index, arg in enumerate(call.args):
        if arg.keyword is None:
            if positional < len(setter.positional):
                given.setdefault(setter.positional[positional], index)
            positional += 1
        elif arg.keyword.value in setter.keywords:
            given.setdefault(setter.keywords[arg.keyword.value], index)

    quote = _quote(call)
    args = list(call.args)
    added: list[cst.Arg] = []
    shown: list[str] = []
    for attribute, value in missing:
        expression = _literal(value, quote)
        shown.append(f"{attribute}={tree.code(expression)}")
        if attribute in given:
            index = given[attribute]
            args[index] = args[index].with_changes(value=expression)
        else:
            added.append(keyword(call, _spelling(call, setter, attribute), expression))
    new_call = append_args(call.with_changes(args=args), added)
    try:
        edit = tree.replace(call, new_call)
    except ValueError as exc:
        return Refused(f"the call's text could not be rewritten safely ({exc})")
    return Planned((edit,), f"Pass {', '.join(shown)} to {method}() for cookie '{cookie.name}', as the inventory requires")


def _spelling(call: cst.Call, setter: CookieSetter, attribute: str) -> str:
    """The keyword for `attribute`: its plain name, or its snake_case spelling when the call uses those."""
    spellings = [k for k, a in setter.keywords.items() if a == attribute]
    snake = [k for k in spellings if "_" in k and k.replace("_", "") == attribute]
    uses_snake = any(
        arg.keyword is not None and "_" in arg.keyword.value
        and setter.keywords.get(arg.keyword.value, "") == arg.keyword.value.replace("_", "")
        for arg in call.args
    )
    if uses_snake and snake:
        return snake[0]
    return attribute if attribute in spellings else spellings[0] if spellings else attribute


def _quote(call: cst.Call) -> str:
    """The quote character of the call's first string argument (double quotes if it has none)."""
    for arg in call.args:
        if isinstance(arg.value, cst.SimpleString):
            return arg.value.quote[0]
    return '"'


def _literal(value: bool | str, quote: str) -> cst.BaseExpression:
    if isinstance(value, bool):
        return cst.Name("True" if value else "False")
    escaped = value.replace("\\", "\\\\").replace(quote, "\\" + quote)
    return cst.SimpleString(f"{quote}{escaped}{quote}")
