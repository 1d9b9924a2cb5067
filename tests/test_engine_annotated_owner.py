"""Which class a parameter's annotation names, for the owner of the attributes read of it."""

from __future__ import annotations

import ast

import pytest

from scanner.engine.analyzer import _class_named


@pytest.mark.parametrize(("annotation", "expected"), [
    ("Task", "Task"),
    ("celery.Task", "Task"),
    ("Task | None", "Task"),
    ("None | Task", "Task"),
    ("Optional[Task]", "Task"),
    ("typing.Optional['celery.Task']", "Task"),
    ("Union[Task, None]", "Task"),
    ("'User'", "User"),
    ("Task | User", None),
    ("Union[Task, User]", None),
    ("str", None),
    ("dict[str, Any]", None),
    ("Optional[str]", None),
    ("Any", None),
    ("BaseModel", None),
    ("T", None),
    ("'not a name'", None),
    ("list[Task]", None),
])
def test_class_named(annotation: str, expected: str | None) -> None:
    found = _class_named(ast.parse(annotation, mode="eval").body)
    assert (None if found == "None" else found) == expected
