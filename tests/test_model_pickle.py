"""`pickled_by_fields`: the frozen values a warm run unpickles by the thousand (observations from
the result cache, pack entries from the compiled packs) pickle as a call of their class."""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
from dataclasses import dataclass, field
from typing import Any

import pytest

from scanner.classify import _Category, _Pattern
from scanner.model import (
    Cookie,
    FlowStep,
    Kind,
    Observation,
    Skip,
    SkipReason,
    Span,
    pickled_by_fields,
)
from scanner.packs import HostRecipient

SPAN = Span(3, 5, 3, 20)
VALUES = [
    SPAN,
    Cookie("sid", max_age=60, secure=True, dynamic=("samesite",)),
    FlowStep("app/views.py", SPAN, "email read here"),
    Observation(Kind.COOKIE, "app/views.py", SPAN, ("user.contact.email",), "PS100", "a message",
                recipient="stripe", cookie=Cookie("sid"), stored=True, flow=(FlowStep("app/a.py", SPAN, "m"),),
                reasons=("email",), arguments=(Span(3, 9, 3, 14),)),
    Skip("app/broken.py", SkipReason.SYNTAX_ERROR, "invalid syntax", line=2, column=7),
    _Pattern("user.contact.email", ("email",), 1, frozenset({"user"}), frozenset({"server"}), "email", 4,
             frozenset({"admin"})),
    _Category(frozenset({"reply"}), frozenset({"address"})),
    HostRecipient("api.stripe.com", "stripe", ("user.contact.email",), require_data=True, vendor=True),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_a_value_pickles_as_a_call_with_its_fields_and_comes_back_equal(value: object) -> None:
    cls = type(value)
    assert value.__reduce_ex__(pickle.HIGHEST_PROTOCOL) == (
        cls, tuple(getattr(value, f.name) for f in dataclasses.fields(value)))  # type: ignore[arg-type]
    again = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(again) is cls
    assert again == value


class _OldForm(pickle.Pickler):
    """Pickles a frozen slots dataclass as dataclasses does: its class, then `__setstate__` with its values."""

    def reducer_override(self, obj: object) -> Any:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return copyreg.__newobj__, (type(obj),), type(obj).__getstate__(obj)  # type: ignore[attr-defined]
        return NotImplemented


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_a_pickle_of_the_dataclasses_form_still_loads(value: object) -> None:
    out = io.BytesIO()
    _OldForm(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    assert pickle.loads(out.getvalue()) == value


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Later:
    first: int
    added: tuple[str, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class One:
    only: str


def test_a_field_added_later_is_carried() -> None:
    value = Later(1, ("x",))
    assert pickle.loads(pickle.dumps(value)) == Later(1, ("x",))


def test_a_single_field_class_pickles_its_value_as_a_one_tuple() -> None:
    assert One("a").__reduce__() == (One, ("a",))
    assert pickle.loads(pickle.dumps(One("a"))) == One("a")


def test_a_class_with_a_field_not_taken_positionally_is_refused() -> None:
    with pytest.raises(TypeError, match="Keyed: every field must be positional"):
        @pickled_by_fields
        @dataclass(frozen=True, slots=True)
        class Keyed:
            first: int
            second: int = field(default=0, kw_only=True)
    with pytest.raises(TypeError, match="Uninit: every field must be positional"):
        @pickled_by_fields
        @dataclass(frozen=True, slots=True)
        class Uninit:
            first: int
            second: int = field(default=0, init=False)
