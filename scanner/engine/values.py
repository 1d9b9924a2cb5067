"""Abstract values: what the analysis knows about an expression.

A `Value` carries the data categories that flow in it (with the steps that brought them
there), the qualified name of the object it is when known (`logging.Logger`,
`openai.OpenAI()`, the request), a constant when the expression has one, and which
parameters of the enclosing function it derives from (for function summaries).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from scanner.fieldmethods import compared_by_fields
from scanner.model import FlowStep

MAX_STEPS = 12

REQUEST = "@request"
"""The symbol of a web framework's request object, whatever the framework."""


class _Unknown:
    """Marker: the expression has no constant value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"  # unpickled (cache, worker processes) as the one module-level marker


UNKNOWN: Any = _Unknown()


class _Configured:
    """Marker constant: a value read from the service's configuration (settings, environment)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "CONFIGURED"

    def __reduce__(self) -> str:
        return "CONFIGURED"


CONFIGURED: Any = _Configured()

HOLE = "\x00"
"""Stands for an unknown part of a string in `Value.shape` (`f"https://{region}.example.com"`)."""

# Attribute and key names that hold the data of the object they belong to, whatever it is.
CARRIERS = frozenset({
    "data", "value", "values", "body", "text", "content", "payload", "json", "args", "kwargs", "params",
    "fields", "cleaned_data", "validated_data", "initial_data", "raw", "message", "msg", "detail", "details",
    "info", "attributes", "attrs", "props", "properties", "extra", "context", "input", "inputs", "form",
})


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Value:
    """What is known about one expression's value."""

    categories: frozenset[str] = frozenset()
    symbol: str | None = None
    role: str | None = None
    const: Any = UNKNOWN
    shape: str | None = None
    """The literal text of a string built from parts, each unknown part written as HOLE
    (`f"https://{region}.tts.example.com/v1"`); for `setting or "https://api.example.com"` the
    text the code itself gives as the default. None when no part of it is literal."""
    steps: tuple[FlowStep, ...] = ()
    reasons: tuple[str, ...] = ()
    params: frozenset[int] = frozenset()
    keyed: tuple[int, int, str] | None = None
    """A key read whose container or key is a parameter of the enclosing function, so its
    callers apply it: (container parameter, or REQUEST_CONTAINER for a request container the
    function reads itself; key parameter; the request container's role or "")."""

    @property
    def is_const(self) -> bool:
        """True when the expression is a known constant."""
        return self.const is not UNKNOWN

    @property
    def text(self) -> str | None:
        """The known leading text of a string value: the whole constant or its shape's literal start."""
        if self.const is not UNKNOWN and isinstance(self.const, str):  # (the marker first: see `shape_of`)
            return self.const
        if self.shape is None:
            return None
        return self.shape.partition(HOLE)[0] or None


def _built_open(cls: type) -> None:
    """Give a frozen, slotted dataclass whose fields all have plain defaults an `__init__` that
    builds the instance as an unguarded twin of its class (`_Open`, the same slots without the
    frozen `__setattr__`), stores each field into its slot, and gives it its class back. Same
    parameters, defaults and result, and the instance is frozen from then on, as every one is:
    the values the engine memoises and shares (`NOTHING`, `CONFIGURED_VALUE`, `const_value`'s
    and `symbol_value_of`'s) rely on it. A slot store of the unguarded twin is specialised by the
    interpreter; each of the frozen class's stores is a call of the slot descriptor's `__set__` (or,
    in the generated `__init__`, of `object.__setattr__`): with the two class changes, about 4,900
    instructions a construction against 8,700 (cachegrind). A Value is built for most expressions
    the engine evaluates (186 k of them on Django): the twin saves 1.5% of a scan's counted
    instructions, but about no time, since the class changes' cold C code costs about as much in
    instruction-cache misses (bench/perf/README.md, the twenty-second session's section). The
    instance is given `cls` back, so a subclass of it would need an `__init__` of its own."""
    fields = dataclasses.fields(cls)
    assert all(f.default is not dataclasses.MISSING and f.init for f in fields), "plain defaults only"
    # the twin: a subclass adding no slot (so an instance may change between the two classes) whose
    # attribute stores are object's own (so they are specialised)
    twin = type(f"_Open{cls.__name__}", (cls,), {"__slots__": (), "__setattr__": object.__setattr__,
                                                  "__delattr__": object.__delattr__})
    names = [f.name for f in fields]
    scope: dict[str, Any] = {"_set_class": object.__dict__["__class__"].__set__, "_open": twin, "_frozen": cls}
    scope.update((f"_default_{f.name}", f.default) for f in fields)
    source = (f"def __init__(self, {', '.join(f'{n}=_default_{n}' for n in names)}):\n"
              "    _set_class(self, _open)\n"
              + "".join(f"    self.{n} = {n}\n" for n in names)
              + "    self.__class__ = _frozen\n")
    exec(source, scope)  # noqa: S102 - built from the field names alone, as dataclasses does
    cls.__init__ = scope["__init__"]  # type: ignore[misc]


_built_open(Value)

NOTHING = Value()

_MEMO_LIMIT = 200_000
_CONSTANTS: dict[tuple[type, object], Value] = {}
_SYMBOLS: dict[str, Value] = {}
_MEMOISED_CONSTANTS = frozenset({str, int, bool, bytes, type(None)})


def const_value(const: Any) -> Value:
    """`Value(const=const)`, the one Value per string, int, bool, bytes or None constant (made
    once per process, as building a frozen Value costs more than finding it). Keyed by type too,
    so `True` and `1` stay apart; other constants (`-0.0`, NaN, tuples) get a Value of their own."""
    kind = type(const)
    if kind not in _MEMOISED_CONSTANTS:
        return Value(const=const)
    found = _CONSTANTS.get((kind, const))
    return found if found is not None else _remember(_CONSTANTS, (kind, const), Value(const=const))


def symbol_value_of(symbol: str) -> Value:
    """`Value(symbol=symbol)`, made once per symbol per process (see `const_value`)."""
    found = _SYMBOLS.get(symbol)
    return found if found is not None else _remember(_SYMBOLS, symbol, Value(symbol=symbol))


def _remember(table: dict[Any, Value], key: Any, value: Value) -> Value:
    """Keep `value` in `table` under `key` (emptying the table when it is full); return it."""
    if len(table) >= _MEMO_LIMIT:
        table.clear()
    table[key] = value
    return value


CONFIGURED_VALUE = Value(const=CONFIGURED)
"""The value of a configuration read."""

REQUEST_CONTAINER = -3
"""`Value.keyed`'s container index when the function reads a key of the request itself."""


def shape_of(value: Value) -> str:
    """The shape a value gives to a string it is part of: its text, or a hole."""
    # the marker first: a failed isinstance reads the object's `__class__` by the generic look-up
    if value.const is not UNKNOWN and isinstance(value.const, str):
        return value.const
    if value.shape is not None:
        return value.shape
    return HOLE


def joined_shape(values: list[Value] | tuple[Value, ...]) -> str | None:
    """The shape of a string made by joining values (an f-string, `a + b`); None when no part
    of it is known."""
    joined = re.sub(f"{HOLE}+", HOLE, "".join(shape_of(value) for value in values))
    return None if joined == HOLE else joined


def default_shape(values: list[Value] | tuple[Value, ...]) -> str | None:
    """The shape of `setting or "https://api.example.com"` (and of `a if c else "..."`): the one
    alternative the code writes out, when exactly one has a shape and it is a URL. The code then names
    where requests go when nothing is configured; None when several alternatives (or none) are known,
    or the one written is not a URL (`name or "anonymous"` stays an unknown value)."""
    shaped = [shape_of(value) for value in values
              if value.const is not UNKNOWN and isinstance(value.const, str) or value.shape is not None]
    if len(shaped) != 1 or "://" not in shaped[0].partition(HOLE)[0]:
        return None
    return shaped[0]


def union(values: list[Value] | tuple[Value, ...]) -> Value:
    """The data of several values together (no symbol, no constant); NOTHING when none has any."""
    for value in values:
        if value.categories or value.params:
            break
    else:
        return NOTHING  # most unions: of constants and objects only (no set or list is built for them)
    categories: set[str] = set()
    steps: tuple[FlowStep, ...] = ()
    reasons: list[str] = []
    params: set[int] = set()
    for value in values:
        if value.categories:
            categories.update(value.categories)
            if not steps or len(value.steps) > len(steps):
                steps = value.steps
            for reason in value.reasons:
                if reason not in reasons:
                    reasons.append(reason)
        if value.params:  # most values derive from no parameter: no call for them
            params.update(value.params)
    if not categories and not params:
        return NOTHING
    return Value(
        categories=frozenset(categories),
        steps=steps,
        reasons=tuple(reasons),
        params=frozenset(params),
    )


def with_data_of(kept: Value, other: Value) -> Value:
    """`kept` (an object, a client, a set it names) holding the data of `other` too: what a name
    holds after branches that bind it to each (`x = helper(msg)` in one, `_, x = all_failures(msg)`
    in the other). `kept` itself when `other` carries no data (nor a parameter's), or when either is a request part (a
    role: what reading one collects depends on the role alone)."""
    if not (other.categories or other.params) or kept.role is not None or other.role is not None:
        return kept
    data = union([kept, other])
    return Value(categories=data.categories, symbol=kept.symbol, shape=kept.shape, steps=data.steps,
                 reasons=data.reasons, params=data.params, keyed=kept.keyed)


def data_of(value: Value) -> Value:
    """Only the data of a value: categories, steps, reasons and parameters."""
    if value.symbol is None and value.role is None and value.const is UNKNOWN and value.shape is None:
        return value
    return Value(categories=value.categories, steps=value.steps, reasons=value.reasons, params=value.params)


def with_step(value: Value, step: FlowStep) -> Value:
    """The value with one more flow step, when it carries data."""
    if not value.categories or len(value.steps) >= MAX_STEPS:
        return value
    if value.steps and value.steps[-1].span.start_line == step.span.start_line:
        return value
    return Value(
        categories=value.categories,
        symbol=value.symbol,
        role=value.role,
        const=value.const,
        shape=value.shape,
        steps=value.steps + (step,),
        reasons=value.reasons,
        params=value.params,
        keyed=value.keyed,
    )
