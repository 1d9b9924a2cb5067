"""compared_by_fields makes the __eq__, __hash__ and __repr__ dataclass would generate (scanner.fieldmethods)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest

from scanner.bundled import rules_dir
from scanner.classify import Classifier, bundled_pack
from scanner.engine.analyzer import analyze_source
from scanner.fieldmethods import compared_by_fields
from scanner.packs import load_models


def both(body: dict[str, Any]) -> tuple[type, type]:
    """The same class declared twice: with dataclass's generated methods and with compared_by_fields."""
    def declare() -> type:
        return type("Sample", (), dict(body))
    generated = dataclass(frozen=True)(declare())
    ours = compared_by_fields(dataclass(frozen=True, eq=False, repr=False)(declare()))
    return generated, ours


SHAPES: list[tuple[dict[str, Any], tuple[Any, ...]]] = [
    ({"__annotations__": {}}, ()),
    ({"__annotations__": {"a": "int"}}, (1,)),
    ({"__annotations__": {"a": "str", "b": "tuple[int, ...]", "c": "object"}}, ("x", (1, 2), None)),
    ({"__annotations__": {"a": "int", "b": "int"}, "b": field(default=2, compare=False)}, (1, 5)),
    ({"__annotations__": {"a": "int", "b": "int"}, "b": field(default=2, repr=False)}, (1, 5)),
    ({"__annotations__": {"a": "int", "b": "int"}, "b": field(default=2, compare=False, hash=True)}, (1, 5)),
    ({"__annotations__": {"a": "int", "b": "int"}, "a": field(hash=False)}, (1, 5)),
    ({"__annotations__": {"a": "frozenset[str]", "b": "float"}}, (frozenset({"q"}), -0.0)),
]


@pytest.mark.parametrize(("body", "values"), SHAPES)
def test_the_methods_are_dataclasses_own(body: dict[str, Any], values: tuple[Any, ...]) -> None:
    generated, ours = both(body)
    g, o = generated(*values), ours(*values)
    assert repr(o) == repr(g)
    assert hash(o) == hash(g)
    assert o == ours(*values) and not (o != ours(*values))
    assert (o == g) is False and o.__eq__(g) is NotImplemented  # another class: never equal, as generated
    if values:
        changed = (values[0] + 1 if isinstance(values[0], int) else values[0], *values[1:])
        assert (ours(*changed) == o) == (generated(*changed) == g)
        assert (hash(ours(*changed)) == hash(o)) == (hash(generated(*changed)) == hash(g))
    with pytest.raises(dataclasses.FrozenInstanceError):
        o.a = 3  # still frozen


def test_methods_the_class_defines_are_kept() -> None:
    @compared_by_fields
    @dataclass(frozen=True, eq=False, repr=False)
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

    assert repr(Own(1)) == "own" and Own(1) == Own(2)
    assert hash(Own(1)) == hash((1,))  # its __hash__ was None (an __eq__ of its own): made, as dataclass does


def test_only_a_frozen_class_without_generated_methods_is_accepted() -> None:
    with pytest.raises(TypeError):
        compared_by_fields(dataclass(frozen=True)(type("Generated", (), {"__annotations__": {"a": "int"}})))
    with pytest.raises(TypeError):
        compared_by_fields(dataclass(eq=False, repr=False)(type("Thawed", (), {"__annotations__": {"a": "int"}})))


def test_real_observations_compare_hash_and_print_as_generated() -> None:
    """Observations of the rule examples (Observation, Span, FlowStep, Cookie values) against twins
    of their classes that dataclass generates the methods of."""
    models, classifier = load_models(), Classifier(bundled_pack())
    seen: list[Any] = []
    for path in sorted((rules_dir() / "models").glob("*.py")):
        result = analyze_source(path.name, path.read_text(encoding="utf-8"), models, classifier)
        seen.extend(result.observations)
    assert seen
    twins: dict[type, type] = {}

    def twin(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(twin(item) for item in value)
        cls = type(value)
        if not dataclasses.is_dataclass(cls):
            return value
        if cls not in twins:
            made = dataclasses.make_dataclass(cls.__name__, [(f.name, Any, field(compare=f.compare, repr=f.repr, hash=f.hash))
                                                              for f in dataclasses.fields(cls)], frozen=True)
            made.__qualname__ = cls.__qualname__
            twins[cls] = made
        return twins[cls](*(twin(getattr(value, f.name)) for f in dataclasses.fields(cls)))

    for observation in seen:
        assert repr(observation) == repr(twin(observation))
        assert hash(observation) == hash(twin(observation))
        assert observation == dataclasses.replace(observation)
    assert len(twins) >= 2
