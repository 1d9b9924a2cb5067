"""Parameters a module's own calls give a logger's method to: a call of one is a log call.

A logging helper may take the log function as a parameter and call it (askbot's
`_emit(log_fn, run_id, msg, *args)` calling `log_fn(full_msg, *args)`, given `logger.info` by
`log_instant_email` and `logger.error` by `log_instant_email_error`). The helper's body alone does not
say that the parameter logs: its callers in the module do. `given_log_methods` reads the module's
calls once (only when a function calls one of its parameters, which few do) and maps each function
to its parameters given a log method by some call of it, with the method's symbol; the analysis
then takes a call of such a parameter as a call of that method, and the function as a logging
wrapper (what it logs is its callers'). Only calls in the same module are read: a helper's result
depends on its own file alone, so the cache stays exact.

A log method is `print`, `logging.<method>` or `<logger>.<method>` with `<logger>` named as the packs
name loggers (`logger`, `log`, `self.logger`), its method one of `LOG_METHODS` the packs model for the
logger type: `messages.error` or `callback=self.on_done` is none.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from scanner.engine.lazyre import LazyPattern
from scanner.engine.parameters import positional_parameters
from scanner.engine.walk import walk
from scanner.packs import Models

Function = ast.FunctionDef | ast.AsyncFunctionDef

# A function that nothing in its module gives a log method (most): one shared empty mapping.
NONE_GIVEN: Mapping[str, str] = {}


# A log method given as an argument, in a module's text (`_emit(logger.info, ...)`, `_show(print, x)`,
# `out=print`): looked for in the text of a call of the function only (`may_be_given`). The
# analyser's LOG_METHODS (not imported: it imports this module), the logging pack's method names.
_GIVEN_IN_TEXT = LazyPattern(
    r"[(,=]\s*(?:print|[A-Za-z_][\w.]*\.(?:debug|info|warning|warn|error|exception|critical|fatal|log|msg"
    r"|print|echo|secho|trace|success))\s*[,)]")


# How far after `name(` a call's arguments are looked at in the text (a guard: a call whose log method
# comes later than this is not followed).
_CALL_TEXT = 400


def may_be_given(source: str, name: str) -> bool:
    """Whether the text of some call of the function `name` (`name(`, `self.name(`) in `source` shows a
    log method as an argument: the module's calls are walked (`given_log_methods`) only then. A scan
    of the text for the name, and a search of a few hundred characters after each: a search of the
    whole text cost +0.6% of Superset's instructions for the few modules whose functions call a
    parameter, none of them given a log method."""
    called = name + "("
    at = source.find(called)
    while at >= 0:
        start = at + len(called)
        if _GIVEN_IN_TEXT.search(source, start - 1, start + _CALL_TEXT) is not None:
            return True
        at = source.find(called, start)
    return False


def given_log_methods(tree: ast.Module, models: Models) -> dict[Function, dict[str, str]]:
    """Each function of `tree` (top-level, or a method called as `self.name(...)`/`cls.name(...)`) that
    some call of the module gives a log method as an argument, and none anything else: its parameter's
    name to that method's symbol (the first in sorted order when calls give different ones)."""
    functions: dict[str, Function] = {}
    methods: dict[str, list[Function]] = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions[stmt.name] = stmt
        elif isinstance(stmt, ast.ClassDef):
            for member in stmt.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    methods.setdefault(member.name, []).append(member)
    found: dict[Function, dict[str, str]] = {}
    # what a call gives a parameter that is no log method (`_retry(send_mail, ...)` beside
    # `_retry(logger.info, ...)`): a helper that calls whatever it is given, no logging one
    other: set[tuple[Function, str | None]] = set()
    for node in walk(tree):  # the engine's walk: `ast.walk`'s nodes and order, cheaper (walk.py)
        if type(node) is not ast.Call or not (node.args or node.keywords):
            continue
        fn = node.func
        if type(fn) is ast.Name:
            target = functions.get(fn.id)
            targets = [(target, 0)] if target is not None else []
        elif type(fn) is ast.Attribute and type(fn.value) is ast.Name and fn.value.id in ("self", "cls"):
            targets = [(method, 1) for method in methods.get(fn.attr, ())]
        else:
            continue
        if not targets:
            continue
        for position, arg in enumerate(node.args):
            if type(arg) is ast.Starred:
                break
            symbol = _log_method(arg, models)
            for target, shift in targets:
                param = _positional(target, position + shift)
                if symbol is not None:
                    _give(found, target, param, symbol)
                else:
                    other.add((target, param))
        for keyword in node.keywords:
            symbol = _log_method(keyword.value, models) if keyword.arg is not None else None
            for target, _ in targets:
                if symbol is not None:
                    _give(found, target, keyword.arg, symbol)
                else:
                    other.add((target, keyword.arg))
    for func, given in found.items():
        for param in [param for param in given if (func, param) in other]:
            del given[param]
    return {func: given for func, given in found.items() if given}


def _positional(func: Function, position: int) -> str | None:
    """The name of `func`'s parameter at `position` (its positional parameters only), or None."""
    params = positional_parameters(func.args)
    return params[position].arg if position < len(params) else None


def _give(found: dict[Function, dict[str, str]], func: Function, param: str | None, symbol: str) -> None:
    if param is None:
        return
    given = found.setdefault(func, {})
    if param not in given or symbol < given[param]:
        given[param] = symbol


def _log_method(arg: ast.expr, models: Models) -> str | None:
    """The symbol of the log method `arg` names (`print`, `logging.info`, `logger.debug`,
    `self.log.error`), or None."""
    if type(arg) is ast.Name:
        return "builtins.print" if arg.id == "print" and models.log_sink("builtins.print") is not None else None
    if type(arg) is not ast.Attribute:
        return None
    receiver = arg.value
    if type(receiver) is ast.Name:
        name = receiver.id
        if name == "logging":
            symbol = f"logging.{arg.attr}"
            return symbol if models.log_sink(symbol) is not None else None
    elif type(receiver) is ast.Attribute:
        name = receiver.attr
    else:
        return None
    if name not in models.logger_names:
        return None
    symbol = f"{models.logger_type}.{arg.attr}"
    return symbol if models.log_sink(symbol) is not None else None
