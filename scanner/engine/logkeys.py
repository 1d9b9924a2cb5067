"""The keys of a dict parameter a function logs, and what a caller's dict holds under them.

A helper given a whole dict that logs one key of it (Django's oracle backend:
`_handle_objects_preventing_db_destruction(cursor, parameters, ...)` logging `parameters["user"]`)
writes that key's value to the log, not the dict's: its summary records the constant keys
(`FunctionSummary.log_keys`), and a caller whose dict's keys it knows (a dict display, one built key
by key, or one a method of its class returns as a display) gives the log only what those keys hold.
Where either side is unknown the whole value is logged, as before.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from scanner.engine.sources import enclosing_function, str_key
from scanner.engine.values import NOTHING, UNKNOWN, Value, data_of, union
from scanner.engine.walk import walk

if TYPE_CHECKING:
    from scanner.engine.analyzer import FileAnalyzer, Scope
    from scanner.engine.summaries import FunctionSummary, LogSite

# Methods that change a dict in place: a dict they are called on may hold keys no display shows.
_CHANGING = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__"})


# A call a function's parameter reaches a log by: (the parameter, the call, None for a log call or
# the summary of a function that logs its parameter at the last position, whose own keys count when
# the parameter is passed bare, that position). Read for keys only when building the summary, for the
# parameters it keeps; a plain tuple, as one is recorded for each parameter each log call reaches.
LogRead = tuple[int, ast.Call, "FunctionSummary | None", int]


def summary_keys(reads: Sequence[LogRead], scope: Scope, shift: int, log_params: Mapping[int, str],
                 log_sites: Mapping[int, tuple[LogSite, ...]]) -> dict[int, frozenset[str]]:
    """`FunctionSummary.log_keys`: for each parameter the summary says is logged (indices as the
    summary's, after `shift`), the constant keys every call in `reads` reads it by, when each does."""
    found: dict[int, frozenset[str] | None] = {}
    for param, node, summary, position in reads:
        index = param - shift
        if param < shift or index not in log_params and index not in log_sites or found.get(index, ()) is None:
            continue
        name = scope.params[param] if param < len(scope.params) else ""
        if not name:
            keys = None
        elif summary is None:
            keys = read_keys(node.args + [k.value for k in node.keywords], name, param, scope)
        else:
            keys = passed_keys(summary.argument_node(position, node), name, param, summary.log_keys.get(position), scope)
        known = found.get(index)
        found[index] = None if keys is None else keys if known is None else known | keys
    return {index: keys for index, keys in found.items() if keys is not None}


def read_keys(exprs: Iterable[ast.expr], name: str, param: int, scope: Scope) -> frozenset[str] | None:
    """The constant keys the parameter `name` (index `param`) is read by in `exprs` (a log call's
    arguments): `name["user"]`, `name.get("user")`. None when it is read otherwise there (whole, by
    an attribute, by a key not constant), is not read there by name at all (it reaches the call
    through a local name), or a local name or `self` attribute read there holds it."""
    keys: set[str] = set()
    others: list[str] = []
    stack = list(exprs)
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is ast.Name:
            if node.id == name:  # type: ignore[attr-defined]
                return None
            others.append(node.id)  # type: ignore[attr-defined]
            continue
        if kind is ast.Subscript:
            base = node.value  # type: ignore[attr-defined]
            if type(base) is ast.Name and base.id == name:
                key = str_key(node.slice)  # type: ignore[attr-defined]
                if key is None:
                    return None
                keys.add(key)
                continue
        elif kind is ast.Call:
            func = node.func  # type: ignore[attr-defined]
            if type(func) is ast.Attribute and func.attr == "get" and type(func.value) is ast.Name \
                    and func.value.id == name:
                key = str_key(node.args[0]) if node.args else None  # type: ignore[attr-defined]
                if key is None:
                    return None
                keys.add(key)
                stack.extend(node.args[1:])  # type: ignore[attr-defined]
                continue
        elif isinstance(node, ast.Attribute) and type(node.value) is ast.Name and node.value.id == "self" \
                and scope.cls is not None:
            held = scope.cls.attributes.get(node.attr)  # `self.parameters = parameters` read back
            if held is not None and param in held.params:
                return None
            continue
        stack.extend(ast.iter_child_nodes(node))  # type: ignore[arg-type]
    if not keys:
        return None
    for other in others:
        held = scope.lookup(other)
        if held is not None and param in held.params:
            return None  # an alias of the parameter (`params = parameters`)
    return frozenset(keys)


def passed_keys(given: ast.expr | None, name: str, param: int, inner: frozenset[str] | None,
                scope: Scope) -> frozenset[str] | None:
    """The keys of parameter `name` a call that passes `given` to a function logging it reaches its
    log calls by: the callee's own keys (`inner`) when the parameter is passed bare, else the keys
    `given` reads of it."""
    if given is None:
        return None
    if type(given) is ast.Name and given.id == name:
        return inner
    return read_keys((given,), name, param, scope)


def known_keys_value(an: FileAnalyzer, given: ast.expr, keys: frozenset[str], scope: Scope) -> Value | None:
    """What the dict a call passes as `given` holds under `keys`, when the caller knows its keys (a
    dict display; a local name bound once to one, perhaps filled key by key; a local name bound once
    to the display a method of its class returns, whose items read nothing but `self`). None when not
    known: the caller then logs the whole value."""
    found = _dict_items(an, given, scope)
    if found is None:
        return None
    items, own = found
    values: list[Value] = []
    for key in sorted(keys):
        item = items.get(key)
        if item is None:
            continue  # a key the dict does not have gives nothing to log
        value = _item_value(an, item, own, scope)
        if value is None:
            return None
        values.append(data_of(value))
        if value.const is UNKNOWN:  # as a dict display's key names its value (`"password": ...`)
            named = an.classify_name(key, None)
            if named is not None:
                values.append(named)
    return union(values) if values else NOTHING


def _item_value(an: FileAnalyzer, item: ast.expr, own: bool, scope: Scope) -> Value | None:
    """An item's value at the call: a constant, a name's or an attribute chain's (in the caller's own
    display), or an expression that reads only `self` (a method's display: `self._test_database_user()`), evaluated
    in the caller's method of the same class. None for other items."""
    if type(item) is ast.Constant:
        return NOTHING
    if own and type(item) is ast.Name:
        held = scope.lookup(item.id)
        return held if held is not None else None
    if own and type(item) is ast.Attribute and all(type(n) in (ast.Attribute, ast.Name, ast.Load) for n in walk(item)):
        return an.eval(item, scope)  # `settings.TEST_USER`: an attribute read, as where the display is
    if all(type(n) is not ast.Name or n.id in ("self", "cls") for n in walk(item)) \
            and any(type(n) is ast.Name for n in walk(item)):
        return an.eval(item, scope)
    return None


def _dict_items(an: FileAnalyzer, given: ast.expr, scope: Scope) -> tuple[dict[str, ast.expr], bool] | None:
    """The items (key: value expression) of the dict `given` is, and whether they are the caller's own
    (not a method's display); None when its keys are not known."""
    if type(given) is ast.Dict:
        items = _display_items(given)
        return (items, True) if items is not None else None
    if type(given) is not ast.Name:
        return None
    enclosing = enclosing_function(scope)
    if enclosing is None:
        return None
    name = given.id
    bound: ast.expr | None = None
    filled: dict[str, ast.expr] = {}
    stores = 0
    for node in walk(enclosing[0]):
        kind = type(node)
        if kind is ast.Name:
            if node.id == name and type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                stores += 1  # more than the one assignment: a loop, a `with`, an unpacking, a `del`
            continue
        if kind is ast.Assign:
            targets = node.targets  # type: ignore[attr-defined]
            for target in targets:
                if type(target) is ast.Name and target.id == name:
                    if bound is not None or len(targets) != 1:
                        return None
                    bound = node.value  # type: ignore[attr-defined]
                elif type(target) is ast.Subscript and type(target.value) is ast.Name and target.value.id == name:
                    key = str_key(target.slice)
                    if key is None or len(targets) != 1:
                        return None
                    filled[key] = node.value  # type: ignore[attr-defined]
        elif kind is ast.AugAssign or kind is ast.AnnAssign:
            target = node.target  # type: ignore[attr-defined]
            if type(target) is ast.Name and target.id == name or type(target) is ast.Subscript \
                    and type(target.value) is ast.Name and target.value.id == name:
                return None
        elif kind is ast.Call:
            func = node.func  # type: ignore[attr-defined]
            if type(func) is ast.Attribute and func.attr in _CHANGING and type(func.value) is ast.Name \
                    and func.value.id == name:
                return None
        elif kind is ast.Delete and any(type(t) is ast.Subscript and type(t.value) is ast.Name
                                        and t.value.id == name for t in node.targets):  # type: ignore[attr-defined]
            return None
    if bound is None or stores != 1:
        return None
    if type(bound) is ast.Dict:
        items = _display_items(bound)
        if items is None:
            return None
        items.update(filled)
        return items, True
    if filled or type(bound) is not ast.Call or bound.args or bound.keywords:
        return None
    returned = _returned_display(an, bound, scope)
    return (returned, False) if returned is not None else None


def _display_items(node: ast.Dict) -> dict[str, ast.expr] | None:
    """A dict display's items by key, when every key is a constant string (no `**` spread)."""
    items: dict[str, ast.expr] = {}
    for key, value in zip(node.keys, node.values):
        text = str_key(key)
        if text is None:
            return None
        items[text] = value
    return items


def _returned_display(an: FileAnalyzer, call: ast.Call, scope: Scope) -> dict[str, ast.expr] | None:
    """The items of the dict display a method of the caller's class returns (`self._get_test_db_params()`
    of a method whose one statement is `return {...}`), when that is all it returns."""
    func = call.func
    cls = scope.cls
    if cls is None or type(func) is not ast.Attribute or type(func.value) is not ast.Name or func.value.id != "self":
        return None
    method = next((f for f, _ in an.class_methods.get(cls.name, ()) if f.name == func.attr), None)
    if method is None:
        return None
    body = method.body
    if body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant:
        body = body[1:]  # its docstring
    if len(body) != 1 or type(body[0]) is not ast.Return or type(body[0].value) is not ast.Dict:
        return None
    return _display_items(body[0].value)
