"""Abstract values: built as the dataclass would build them, whatever builds them faster."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from scanner.engine.values import NOTHING, UNKNOWN, Value


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
