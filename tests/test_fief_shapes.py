"""Shapes of a FastAPI + SQLAlchemy user-management and OpenID Connect server (Fief's, the
seventeenth session): the typed answers to the fields administrators add to user profiles."""

from __future__ import annotations

import pytest

from engine_support import observed

CONTENT = ("user.content",)
COLUMN = "python.sqlalchemy.column"

CUSTOM_ANSWERS = '''
from datetime import date
from typing import Any
from sqlalchemy import JSON, Boolean, Date, Integer, Text, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class {owner}(Base):
    __tablename__ = "answers"
    value_string: Mapped[str | None] = mapped_column(Text, nullable=True)
    value_integer: Mapped[int | None] = mapped_column(Integer, nullable=True)
    value_boolean: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    value_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    value_json: Mapped[Any | None] = mapped_column(JSON, nullable=True)
    user_field_id: Mapped[int] = mapped_column(ForeignKey("user_fields.id"))
'''


@pytest.mark.parametrize(("owner", "expected"), [
    # a row of answers to fields an administrator defines, one typed column per kind of field: each
    # is what a person answered, a number, a date and a checkbox too
    ("UserFieldValue", [(line, "collect", CONTENT, COLUMN, True) for line in (12, 13, 14, 15, 16)]),
    ("CustomFieldValue", [(line, "collect", CONTENT, COLUMN, True) for line in (12, 13, 14, 15, 16)]),
    # typed values of records no person fills in
    ("SettingValue", []),
    ("FieldValue", []),
    ("UserValue", []),
])
def test_typed_answers_to_custom_fields(owner: str, expected: list[object]) -> None:
    assert observed(CUSTOM_ANSWERS.format(owner=owner)) == expected
