"""`__eq__`, `__hash__` and `__repr__` of a frozen dataclass, made without `exec`.

`dataclass` writes each method it generates as source text and compiles it with `exec` when the
class is defined; on Python 3.11 that is one compilation per method and class, and every process
pays it at import (a pre-commit run, every worker): the 35 value classes' `__eq__`, `__hash__` and
`__repr__` cost about 55 M instructions, a tenth of a one-file run. `compared_by_fields` makes the
same three methods as closures over one `operator.attrgetter`: nothing is compiled.

They behave as dataclass's own (tests/test_fieldmethods.py compares them with it): `__eq__`
compares the tuples of the fields with `compare=True` when both objects are of the very same
class (else NotImplemented); `__hash__` hashes that tuple (the same value as the generated
`hash((self.a, self.b,))`, so sets of these objects iterate in the same order); `__repr__` is
`Class(a=..., b=...)` over the fields with `repr=True` (without the generated one's guard
against a value holding itself: these are frozen values of strings, numbers and tuples).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

_T = TypeVar("_T", bound=type)


def _tuple_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the values of `names` of an object, always as a tuple."""
    if not names:
        return lambda self: ()
    if len(names) == 1:
        single = operator.attrgetter(names[0])
        return lambda self: (single(self),)
    many: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*names)
    return many


def compared_by_fields(cls: _T) -> _T:
    """Give a dataclass declared `frozen=True, eq=False, repr=False` the `__eq__`, `__hash__` and
    `__repr__` that `frozen=True` (with eq and repr) would generate. Methods the class defines
    itself are kept, as dataclass keeps them. Raises TypeError for a class that is not frozen.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or params.eq or params.repr:
        raise TypeError(f"{cls.__qualname__}: declare it @dataclass(frozen=True, eq=False, repr=False)")
    own = cls.__dict__
    every = fields(cls)
    compared = _tuple_of(tuple(f.name for f in every if f.compare))
    hashed = _tuple_of(tuple(f.name for f in every if (f.compare if f.hash is None else f.hash)))
    shown = tuple(f.name for f in every if f.repr)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __repr__(self: Any) -> str:
        return type(self).__qualname__ + "(" + ", ".join(
            [f"{name}={getattr(self, name)!r}" for name in shown]) + ")"

    defines_eq, defines_repr = "__eq__" in own, "__repr__" in own
    # a class that defines its own __eq__ and no __hash__ has __hash__ None: dataclass replaces it
    defines_hash = "__hash__" in own and not (own["__hash__"] is None and defines_eq)
    if not defines_eq:
        cls.__eq__ = __eq__  # type: ignore[assignment]
    if not defines_hash:
        cls.__hash__ = __hash__  # type: ignore[assignment]
    if not defines_repr:
        cls.__repr__ = __repr__  # type: ignore[assignment]
    for method in (__eq__, __hash__, __repr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
    return cls
