"""Request fields read by a list of descriptors.

A helper given a list of field descriptors (zou's `self.get_args([("email", None, True),
{"name": "comments"}])`) loops over them and reads the request by each one's name.
`descriptor_parameter` finds the parameter such a helper takes them in (`FunctionSummary.descriptors`);
`descriptor_reads` reads, at a call of it, each field a literal list names. Kept apart from
`sources`, which reads the request itself, key by key.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scanner.engine.positions import lines_at
from scanner.engine.sources import callee_name, request_key
from scanner.engine.values import REQUEST, Value
from scanner.engine.walk import walk

if TYPE_CHECKING:
    from scanner.engine.analyzer import FileAnalyzer, Scope


# A descriptor's key holding the field's name (`{"name": "email", "required": True}`), and the
# methods a container is read by a key with (`source.get(name)`, werkzeug's `getlist`).
_DESCRIPTOR_NAME_KEY = "name"
_KEY_READS = frozenset({"get", "getlist", "pop"})
# Builtins given an object and a name that read (or test) the object's attribute of that name
# (`getattr(request, location)`: the request's `values` member, not a field named so).
_ATTRIBUTE_BUILTINS = frozenset({"getattr", "hasattr", "setattr", "delattr"})


def descriptor_parameter(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef,
                         loops: Sequence[ast.For | ast.AsyncFor], outer: Scope) -> str | None:
    """The parameter a function takes a list of request-field descriptors in (zou's `get_args(self,
    [("email", None, True), ...])`), given its loops over a parameter (`Scope.param_loops`): it loops
    over the parameter, takes each descriptor's name (the descriptor itself, its first item, or its
    "name"), and reads by that name the request or a container it built from the request
    (`sources.append(getattr(request, location))`, then `self._parse_arg(sources, name)`).
    `FunctionSummary.descriptors`; None for most functions (a module that never names "request"
    is not walked)."""
    if "request" not in an.source or not _mentions_request(an, func):
        return None
    for loop in dict.fromkeys(loops):  # a loop run again (a branch's fixpoint) is recorded again
        if isinstance(loop.iter, ast.Name) and isinstance(loop.target, ast.Name) \
                and _reads_by_descriptor(an, func, loop, outer):
            return loop.iter.id
    return None


def _descriptor_names(loop: ast.For | ast.AsyncFor) -> set[str]:
    """The names a loop over descriptors binds a descriptor's name to: the loop's target (a
    descriptor that is its name), `name = d[0]`, `name, default, *rest = d`, `name = d["name"]`,
    `name = d.get("name")`."""
    assert isinstance(loop.target, ast.Name)
    item = loop.target.id
    found = {item}
    for node in walk(loop):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, ast.Name) and value.id == item \
                and target.elts and isinstance(target.elts[0], ast.Name):
            found.add(target.elts[0].id)
        elif isinstance(target, ast.Name) and _names_descriptor(value, item):
            found.add(target.id)
    return found


def _names_descriptor(value: ast.expr, item: str) -> bool:
    """True for `d[0]`, `d["name"]` and `d.get("name")`, `d` being `item`."""
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and value.value.id == item:
        return isinstance(value.slice, ast.Constant) and value.slice.value in (0, _DESCRIPTOR_NAME_KEY)
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get" \
        and isinstance(value.func.value, ast.Name) and value.func.value.id == item and len(value.args) >= 1 \
        and isinstance(value.args[0], ast.Constant) and value.args[0].value == _DESCRIPTOR_NAME_KEY


def _reads_by_descriptor(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef,
                         loop: ast.For | ast.AsyncFor, outer: Scope) -> bool:
    """True when, in `loop`, a descriptor's name is the key of a read of the request or of a name
    `func` binds to the request's data (or to a list it appends the request's data to): `X[name]`,
    `X.get(name)`, or a call given both (`self._parse_arg(sources, name)`). The reads by a name come
    first: only a loop holding one has the function walked for what it binds to the request."""
    keys = _descriptor_names(loop)
    containers: list[ast.expr] = []
    for node in walk(loop):
        if isinstance(node, ast.Subscript):
            if isinstance(node.ctx, ast.Load) and _is_name_in(node.slice, keys):
                containers.append(node.value)
        elif isinstance(node, ast.Call):
            given = [*node.args, *(k.value for k in node.keywords)]
            if not any(_is_name_in(arg, keys) for arg in given):
                continue
            func_node = node.func
            if isinstance(func_node, ast.Attribute) and func_node.attr in _KEY_READS:
                containers.append(func_node.value)
            if not (isinstance(func_node, ast.Name) and func_node.id in _ATTRIBUTE_BUILTINS):
                containers.extend(arg for arg in given if not _is_name_in(arg, keys))
    if not containers:
        return False
    held = _request_names(an, func, outer)
    return any(_holds_request(an, container, held, outer) for container in containers)


# The tree attribute keeping the lines of a module where the text "request" stands (found in C once).
_REQUEST_LINES = "_policyscan_request_lines"


def _mentions_request(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when the text "request" stands on a line of `func` (`request`, `flask_request`, ...):
    a function without it reads no request, and its loops are not walked."""
    lines: list[int] | None = getattr(an.tree, _REQUEST_LINES, None)
    if lines is None:
        source, offsets, at = an.source, [], an.source.find("request")
        while at >= 0:
            offsets.append(at)
            at = source.find("request", at + 7)
        lines = lines_at(source, offsets)
        setattr(an.tree, _REQUEST_LINES, lines)
    first = bisect.bisect_left(lines, func.lineno)
    return first < len(lines) and lines[first] <= (func.end_lineno or func.lineno)


def _is_name_in(node: ast.expr, names: set[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in names


def _request_names(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, outer: Scope) -> set[str]:
    """The names `func` binds to the request's data (`body = request.get_json()`) or to a list it
    appends such data to (`sources.append(getattr(request, name))`)."""
    held: set[str] = set()
    for node in walk(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and _holds_request(an, node.value, held, outer):
            held.add(node.targets[0].id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append" \
                and isinstance(node.func.value, ast.Name) and node.args and _holds_request(an, node.args[0], held, outer):
            held.add(node.func.value.id)
    return held


def _holds_request(an: FileAnalyzer, node: ast.expr, held: set[str], outer: Scope) -> bool:
    """True when `node` is the request's data (`request.values`, `getattr(request, name)`,
    `request.get_json()`, either branch of a conditional) or a name in `held`; a test of the request
    (`["values", "json"] if request.is_json else ["values"]`) is not its data."""
    if isinstance(node, ast.Name):
        if node.id in held:
            return True
        symbol = an.static_symbol(node, outer)
        return symbol is not None and symbol.startswith(REQUEST)
    if isinstance(node, (ast.Attribute, ast.Subscript)):
        return _holds_request(an, node.value, held, outer)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id == "getattr" and node.args:
            return _holds_request(an, node.args[0], held, outer)
        return _holds_request(an, node.func, held, outer)
    if isinstance(node, ast.IfExp):
        return _holds_request(an, node.body, held, outer) or _holds_request(an, node.orelse, held, outer)
    if isinstance(node, ast.BoolOp):
        return any(_holds_request(an, value, held, outer) for value in node.values)
    if isinstance(node, ast.Await):
        return _holds_request(an, node.value, held, outer)
    return False


def descriptor_reads(an: FileAnalyzer, node: ast.Call, given: ast.expr | None, scope: Scope) -> None:
    """The fields a call of a helper reading the request by a list of descriptors reads
    (`self.get_args([("email", None, True), {"name": "comments"}])`): each descriptor of a literal
    list whose name is a literal is a key read of the request, at the descriptor's line."""
    if not isinstance(given, (ast.List, ast.Tuple)):
        return
    container = Value(symbol=f"{REQUEST}.{callee_name(node)}()", role="fields")
    for descriptor in given.elts:
        name = _descriptor_name(descriptor)
        if name is not None:
            request_key(an, descriptor, container, Value(const=name), scope)


def _descriptor_name(descriptor: ast.expr) -> str | None:
    """The field a descriptor names: `"email"`, `("email", None, True)`, `{"name": "email", ...}`."""
    if isinstance(descriptor, (ast.Tuple, ast.List)) and descriptor.elts:
        descriptor = descriptor.elts[0]
    elif isinstance(descriptor, ast.Dict):
        descriptor = next((v for k, v in zip(descriptor.keys, descriptor.values)
                           if isinstance(k, ast.Constant) and k.value == _DESCRIPTOR_NAME_KEY), descriptor)
    return descriptor.value if isinstance(descriptor, ast.Constant) and isinstance(descriptor.value, str) else None
