"""Parameters a function reads only as options, by constant keys.

A paging helper (`Page.from_params(params, items)`) reads its parameter only by constant keys
(`params.get("page", 1, int)`, `"limit" in params`), none naming personal data: a query string given
there is the page's options, read where the helper reads them, not a body taken whole.
`option_parameters` finds those parameters (`FunctionSummary.options`); `given_query` and
`option_positions` tell, at a call, whether it is given a query string and at which arguments.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from scanner.engine.parameters import every_parameter
from scanner.engine.sources import _query_member
from scanner.engine.summaries import FunctionSummary
from scanner.engine.values import Value
from scanner.engine.walk import walk

if TYPE_CHECKING:
    from scanner.engine.analyzer import FileAnalyzer


# The methods an option is read by (`params.get("page", 1, int)`, werkzeug's `getlist`).
_OPTION_READS = frozenset({"get", "getlist"})


def option_parameters(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, names: Sequence[str],
                      candidates: Collection[int]) -> frozenset[int]:
    """The parameters among `candidates` (indices in `names`, the positional parameters; those read by a
    constant key somewhere, `Scope.key_read_params`) that the function reads only by constant keys
    (`params["q"]`, `params.get("page", 1, int)`, `"limit" in params`), none of which names personal
    data, and uses no other way (never passed on, iterated, returned or bound again): a paging helper's
    `Page.from_params(params, items)`. `FunctionSummary.options`: a query string given there is the
    page's options, read where the function reads them (the body convention's key-by-key reads, one
    call deeper). A parameter with a personal key (`User.parse(json)` reading `json["email"]`) is no
    such one: a body given there is taken whole, as the convention says of a body passed on."""
    # the text first (a search in C, where the walk below costs a visit per node): each mention of the
    # parameter's name in the body must be a key read of it (a docstring naming it, `obj.params` or
    # `params=` rule it out, wrongly at worst); the walk then reads the keys and checks the uses
    body = an.positions.lines_text(func.body[0].lineno, func.end_lineno or func.body[-1].lineno) if func.body else ""
    wanted = {names[i]: i for i in candidates if 0 <= i < len(names) and _only_keyed_text(body, names[i])}
    if not wanted:
        return frozenset()
    keys: dict[str, set[str]] = {name: set() for name in wanted}
    keyed: set[int] = set()  # the ids of the parameters' Name nodes read by a constant key
    # One walk: breadth first, a key read is met before the name it reads, so a name met that no key
    # read claimed is used another way (passed on, iterated, bound again) and drops its parameter.
    for node in walk(func):  # (isinstance, for the checker: few functions are walked here)
        if type(node) is ast.Name:
            if node.id in keys and id(node) not in keyed:
                del keys[node.id]
                if not keys:
                    return frozenset()
        elif isinstance(node, ast.Subscript):
            inner = node.value
            if isinstance(inner, ast.Name) and inner.id in keys and isinstance(node.slice, ast.Constant) \
                    and isinstance(node.slice.value, str) and isinstance(node.ctx, ast.Load):
                keys[inner.id].add(node.slice.value)
                keyed.add(id(inner))
        elif isinstance(node, ast.Call):
            called = node.func
            if isinstance(called, ast.Attribute) and called.attr in _OPTION_READS \
                    and isinstance(called.value, ast.Name) and called.value.id in keys and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                keys[called.value.id].add(node.args[0].value)
                keyed.add(id(called.value))
        elif isinstance(node, ast.Compare):
            right = node.comparators[0]
            if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) and isinstance(right, ast.Name) \
                    and right.id in keys and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                keys[right.id].add(node.left.value)
                keyed.add(id(right))
        elif type(node) in _NESTED_SCOPES and node is not func:
            # a nested function naming one as its own parameter shadows it: not followed
            shadowing = {a.arg for a in every_parameter(node.args)}  # type: ignore[attr-defined]
            keys = {n: k for n, k in keys.items() if n not in shadowing}
            if not keys:
                return frozenset()
    return frozenset(wanted[name] for name, read in keys.items()
                     if read and not any(an.classify_name(key, None) is not None for key in read))


_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _only_keyed_text(text: str, name: str) -> bool:
    """Whether `text` mentions `name` only where it reads it by a key (`name[`, `name.get(`,
    `name.getlist(`, `in name`), counted as substrings (`str.count`, a search in C: a mention inside
    a longer word counts on both sides, and the walk then tells them apart)."""
    mentions = text.count(name)
    return mentions > 0 and mentions == (text.count(name + "[") + text.count(name + ".get(")
                                         + text.count(name + ".getlist(") + text.count(" in " + name))


def given_query(args: list[Value], kwargs: list[tuple[str | None, Value]]) -> bool:
    """Whether a call is given a query string (`request.args`, a copy of it) among its arguments."""
    return any(v.role and _query_member(v) for v in args) or any(v.role and _query_member(v) for _, v in kwargs)


def option_positions(summary: FunctionSummary, node: ast.Call) -> frozenset[int]:
    """The positions, among `node`'s arguments and then its keywords, of those a call passes for the
    options parameters of the function `summary` describes (`FunctionSummary.options`)."""
    found = set()
    for index in summary.options:
        if index < len(node.args):
            if not any(type(a) is ast.Starred for a in node.args[:index + 1]):
                found.add(index)
        elif index < len(summary.param_names):
            name = summary.param_names[index]
            found.update(len(node.args) + j for j, k in enumerate(node.keywords) if k.arg == name)
    return frozenset(found)
