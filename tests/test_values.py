"""Abstract values: built as the dataclass would build them, whatever builds them faster."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from scanner.engine.values import NOTHING, UNKNOWN, Value, data_of, union
from scanner.model import FlowStep, Span


def test_a_value_is_built_as_its_dataclass_declares_and_stays_frozen() -> None:
    defaults = {f.name: f.default for f in dataclasses.fields(Value)}
    assert {f.name: getattr(NOTHING, f.name) for f in dataclasses.fields(Value)} == defaults
    assert NOTHING.const is UNKNOWN
    value = Value(frozenset({"user.contact.email"}), "flask.request", keyed=(0, 1, "fields"))
    assert (value.categories, value.symbol, value.role, value.keyed) == (
        frozenset({"user.contact.email"}), "flask.request", None, (0, 1, "fields"))
    assert value == Value(categories=frozenset({"user.contact.email"}), symbol="flask.request", keyed=(0, 1, "fields"))
    assert hash(value) == hash(dataclasses.replace(value))
    assert pickle.loads(pickle.dumps(value)) == value
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.symbol = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Value(unknown=1)  # type: ignore[call-arg]


def test_a_value_is_built_open_and_handed_back_frozen() -> None:
    # `_built_open`: stored into as an unguarded twin, then given its class back; nothing outside
    # __init__ ever sees the twin, and dataclasses.replace builds through the same __init__
    value = Value(symbol="flask.request", params=frozenset({0}))
    assert type(value) is Value
    changed = dataclasses.replace(value, role="fields")
    assert type(changed) is Value and (changed.symbol, changed.role, changed.params) == ("flask.request", "fields", frozenset({0}))
    with pytest.raises(dataclasses.FrozenInstanceError):
        changed.role = None  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del changed.role  # type: ignore[misc]
    assert type(pickle.loads(pickle.dumps(changed))) is Value


_STEP = FlowStep("app/views.py", Span(3, 5, 3, 20), "assigned to 'email'")
_JOINED = [
    Value(categories=frozenset({"user.contact.email"}), symbol="app.User()", steps=(_STEP,), reasons=("email",)),
    Value(const="https://api.example.com", shape="https://api.example.com"),
    Value(params=frozenset({1}), role="fields", symbol="@request.form"),
    Value(categories=frozenset({"user.name"}), reasons=("name", "email"), params=frozenset({0}), keyed=(0, 1, "")),
    NOTHING,
]


@pytest.mark.parametrize("values", [
    _JOINED, _JOINED[1:], _JOINED[1:2], [_JOINED[1], NOTHING], [_JOINED[3], _JOINED[0]], [],
])
def test_union_reads_only_the_data_of_what_it_joins(values: list[Value]) -> None:
    # the engine hands union values whole where it handed their data (data_of) before
    joined = union(values)
    assert joined == union([data_of(value) for value in values])
    assert data_of(joined) is joined  # data only: data_of of a union is the union itself


def test_union_of_data() -> None:
    joined = union(_JOINED)
    assert (joined.categories, joined.steps, joined.reasons, joined.params, joined.symbol, joined.const) == (
        frozenset({"user.contact.email", "user.name"}), (_STEP,), ("email", "name"), frozenset({0, 1}), None, UNKNOWN)
    assert union([_JOINED[1], NOTHING]) is NOTHING
