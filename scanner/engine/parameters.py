"""A function's parameters in the order a call binds them, as the analysis reads them."""

from __future__ import annotations

import ast


def positional_parameters(args: ast.arguments) -> list[ast.arg]:
    """The parameters a positional argument can bind: positional-only ones, then the others
    (`self` first in a method)."""
    return [*args.posonlyargs, *args.args]


def named_parameters(args: ast.arguments) -> list[ast.arg]:
    """Every parameter with a name of its own: positional ones, then keyword-only ones (not
    `*args` or `**kwargs`)."""
    return [*args.posonlyargs, *args.args, *args.kwonlyargs]


def every_parameter(args: ast.arguments) -> list[ast.arg]:
    """Every parameter the function binds: the named ones (`named_parameters`), then `*args` and
    `**kwargs` where it has them."""
    return [*named_parameters(args), *(a for a in (args.vararg, args.kwarg) if a is not None)]
