"""A received model's field typed through a module-level type alias (`fields: Dict[str, FieldValue]`
beside `FieldValue = Union[StrictStr, List[ChatFieldValue], None]`) receives the classes the alias
names, as a field typed by them directly does (argilla-server's record fields, the twentieth
session); a value class's trailing `Value` is dropped from its owner name (`ChatFieldValue` reads as
a chat)."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import observed, observed_tree

HEAD = ("from typing import Dict, List, Union\nfrom fastapi import APIRouter\nfrom pydantic import BaseModel\n"
        "router = APIRouter()\n"
        "class ChatFieldValue(BaseModel):\n    role: str\n    content: str\n")
ROUTE = "@router.post('/records')\nasync def create(record: RecordCreate):\n    return record\n"
FOUND = [(7, "collect", ("user.content",), "python.pydantic.field", False)]


@pytest.mark.parametrize(("alias", "expected"), [
    ("FieldValue = Union[str, List[ChatFieldValue], None]\n", FOUND),
    ("FieldValue = str | list[ChatFieldValue] | None\n", FOUND),
    # an alias of an alias
    ("Chat = List[ChatFieldValue]\nFieldValue = Union[str, Chat]\n", FOUND),
    # the field's alias names no class of the module (another alias does)
    ("FieldValue = Union[str, int, None]\nOther = List[ChatFieldValue]\n", []),
])
def test_a_type_alias_of_a_received_field_receives_its_classes(alias: str, expected: list[object]) -> None:
    source = HEAD + alias + "class RecordCreate(BaseModel):\n    fields: Dict[str, FieldValue]\n" + ROUTE
    assert observed(source) == expected


def test_an_alias_no_received_field_names_receives_nothing() -> None:
    source = HEAD + "FieldValue = Union[str, List[ChatFieldValue], None]\n" \
        "class RecordCreate(BaseModel):\n    fields: Dict[str, str]\n" + ROUTE
    assert observed(source) == []


def test_an_alias_names_a_class_of_another_module(tmp_path: Path) -> None:
    chat = """\
        from pydantic import BaseModel

        class ChatFieldValue(BaseModel):
            role: str
            content: str
        """
    records = """\
        from typing import Dict, List, Union
        from fastapi import APIRouter
        from pydantic import BaseModel
        from app.chat import ChatFieldValue

        router = APIRouter()
        FieldValueCreate = Union[str, List[ChatFieldValue], None]

        class RecordCreate(BaseModel):
            fields: Dict[str, FieldValueCreate]

        @router.post("/records")
        async def create(record: RecordCreate):
            return record
        """
    found = observed_tree(tmp_path, {"app/__init__.py": "", "app/chat.py": chat, "app/records.py": records})
    assert found == [("app/chat.py", 5, "collect", ("user.content",))]


@pytest.mark.parametrize(("field", "expected"), [
    # typed by its own name's identifier type: a reference to that record (argilla-server's filter scope)
    ("question: QuestionName", []),
    ("question: Optional[QuestionName] = None", []),
    ("question: QuestionName | None = None", []),
    # typed as text, or by another name's type: what it says
    ("question: str", [(6, "collect", ("user.content",), "python.pydantic.field", False)]),
    ("question: PromptText", [(6, "collect", ("user.content",), "python.pydantic.field", False)]),
    # a person's name type is their name
    ("user: UserName", [(6, "collect", ("user.account.username",), "python.pydantic.field", False)]),
])
def test_a_field_typed_by_its_records_identifier_refers_to_it(field: str, expected: list[object]) -> None:
    source = ("from typing import Optional\nfrom fastapi import APIRouter\nfrom pydantic import BaseModel\n"
              "router = APIRouter()\nclass Scope(BaseModel):\n    " + field + "\n"
              "@router.post('/search')\nasync def search(scope: Scope):\n    return scope\n")
    assert observed(source) == expected
