"""Pack entries and Models are compared by identity: nothing compares or hashes them, and their
generated __eq__, __hash__ and __repr__ were a third of the cost of making each class at start-up."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from scanner.packs import (
    CookieSetter,
    DeriveSource,
    DictSchema,
    HostRecipient,
    HttpCall,
    Inbound,
    LogSink,
    Models,
    Passthrough,
    RequestModel,
    RouteModel,
    SchemaFactory,
    SchemaFamily,
    SchemaTable,
    ShareSink,
)

BY_IDENTITY = [CookieSetter, DeriveSource, HttpCall, Inbound, LogSink, Models, RequestModel, RouteModel,
               SchemaFactory, SchemaTable, ShareSink]
# compared or hashed by value (HostRecipient and Passthrough by tests, SchemaFamily as a dict key)
BY_VALUE = [DictSchema, HostRecipient, Passthrough, SchemaFamily]


@pytest.mark.parametrize("cls", BY_IDENTITY, ids=lambda c: c.__name__)
def test_an_entry_compared_by_identity_is_still_frozen(cls: type) -> None:
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert (params.frozen, params.eq, params.repr) == (True, False, False)
    assert (cls.__eq__, cls.__hash__, cls.__repr__) == (object.__eq__, object.__hash__, object.__repr__)


@pytest.mark.parametrize("cls", BY_VALUE, ids=lambda c: c.__name__)
def test_an_entry_compared_by_value_keeps_its_methods(cls: type) -> None:
    # made by compared_by_fields (scanner.fieldmethods), not compiled by dataclass
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert (params.frozen, params.eq, params.repr) == (True, False, False)
    assert cls.__eq__ is not object.__eq__ and cls.__hash__ is not object.__hash__ and cls.__repr__ is not object.__repr__
    assert cls.__eq__.__qualname__ == f"{cls.__qualname__}.__eq__"


def test_an_entry_compared_by_identity_pickles_with_its_fields() -> None:
    sink = LogSink("python.log.stdlib", "logging", frozenset({"exc_info"}))
    again = pickle.loads(pickle.dumps(sink, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(again) is LogSink and again is not sink and again != sink
    assert dataclasses.astuple(again) == ("python.log.stdlib", "logging", frozenset({"exc_info"}))
    with pytest.raises(dataclasses.FrozenInstanceError):
        sink.rule = "other"  # type: ignore[misc]
