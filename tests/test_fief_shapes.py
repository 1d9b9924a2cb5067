"""Shapes of a FastAPI + SQLAlchemy user-management and OpenID Connect server (Fief's, the
seventeenth session): the typed answers to the fields administrators add to user profiles, forms
and models built at run time per field definition, the classes a map of field types names, the
OAuth code of a callback or a token request, OIDC's login hint and prompt, an account's id at an
outside provider, and the client address of an ASGI scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine_support import observed, observed_tree
from scanner.classify import Classifier

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


GENERICS = '''
from pydantic import BaseModel

class Address(BaseModel):
    line1: str
    city: str
'''


@pytest.mark.parametrize(("mapping", "expected"), [
    # a map of field types, scalar types beside the class: the class types a field a builder makes
    ('USER_FIELD_TYPE_MAP = {"string": str, "integer": int, "date": date, "address": Address}',
     [("app/generics.py", 5, "collect", ("user.contact.address.street",)),
      ("app/generics.py", 6, "collect", ("user.contact.address.city",))]),
    ('FIELD_TYPES: dict[str, type] = {"string": str, "integer": int, "address": generics.Address}',
     [("app/generics.py", 5, "collect", ("user.contact.address.street",)),
      ("app/generics.py", 6, "collect", ("user.contact.address.city",))]),
    # one scalar type only, a map not named for fields' types, a map of too few types
    ('USER_FIELD_TYPE_MAP = {"string": str, "address": Address, "other": Address}', []),
    ('RESPONSE_TYPES = {"string": str, "integer": int, "address": Address}', []),
    ('FIELD_TYPES = {"integer": int, "address": Address}', []),
])
def test_a_class_in_a_map_of_field_types(tmp_path: Path, mapping: str, expected: list[object]) -> None:
    assert observed_tree(tmp_path, {
        "app/__init__.py": "",
        "app/generics.py": GENERICS,
        "app/types.py": f"from datetime import date\nfrom app import generics\nfrom app.generics import Address\n{mapping}\n",
    }) == expected


CALLBACK = '''
from fastapi import APIRouter, Depends, Form, Query

router = APIRouter()

@router.get("/callback")
async def callback(code: str | None = Query(None), state: str | None = Query(None)):
    return code, state
'''

CREDENTIALS = ("user.authorization.credentials",)


@pytest.mark.parametrize(("path", "expected"), [
    # a route whose module says it signs people in (`routers/oauth.py`): its code is an OAuth code
    ("app/routers/oauth.py", [(7, "collect", CREDENTIALS, "python.fastapi.form-field", False)]),
    ("app/auth/views.py", [(7, "collect", CREDENTIALS, "python.fastapi.form-field", False)]),
    # elsewhere a `code` is a code (a voucher's, a country's)
    ("app/routers/discounts.py", []),
])
def test_the_code_of_a_callback_in_a_sign_in_module(path: str, expected: list[object]) -> None:
    assert observed(CALLBACK, path=path) == expected


TOKEN_REQUEST = '''
from fastapi import Depends, Form

async def validate_request(
    code: str | None = Form(None),
    redirect_uri: str | None = Form(None),
    {other}: str = Depends(get_it),
):
    return code
'''


@pytest.mark.parametrize(("other", "expected"), [
    # a function given the grant type reads an OAuth token request: its code is the authorization code
    ("grant_type", [(5, "collect", CREDENTIALS, "python.fastapi.form-field", False)]),
    ("kind", []),
])
def test_the_code_of_a_token_request(other: str, expected: list[object]) -> None:
    assert observed(TOKEN_REQUEST.format(other=other), path="app/dependencies/token.py") == expected


BUILT_FORM = '''
from wtforms import Form

def get_form_class(update_user_fields):
    class ProfileFormFields(Form):
        pass

    for field in {iterated}:
        setattr({cls}, {name}, get_form_field(field))
    return ProfileFormFields
'''


@pytest.mark.parametrize(("iterated", "cls", "name", "expected"), [
    # a form field per field definition, named by it: the person's answer
    ("update_user_fields", "ProfileFormFields", "field.slug", [(9, "collect", CONTENT, "python.wtforms.field", False)]),
    ("self.custom_fields", "ProfileFormFields", "field.name", [(9, "collect", CONTENT, "python.wtforms.field", False)]),
    # a loop over other things, a literal name, a class that is no form
    ("choices", "ProfileFormFields", "field.slug", []),
    ("update_user_fields", "ProfileFormFields", '"locale"', []),
    ("update_user_fields", "Settings", "field.slug", []),
])
def test_form_fields_built_per_definition(iterated: str, cls: str, name: str, expected: list[object]) -> None:
    assert observed(BUILT_FORM.format(iterated=iterated, cls=cls, name=name)) == expected


BUILT_MODEL = '''
from pydantic import create_model
from pydantic.fields import FieldInfo

def specification(user_fields):
    fields = {{}}
    for field in {iterated}:
        fields[{key}] = {value}
    return fields

def body_of(user_update_model, json):
    body_model = create_model("UserUpdateBody", {body}=(user_update_model, ...))
    return body_model(body=json).body
'''


@pytest.mark.parametrize(("iterated", "key", "value", "body", "expected"), [
    # a (type, default) pair per field definition, in a module that builds models at run time
    ("user_fields", "field.slug", "(str, FieldInfo(default=None))", "body", [(8, "collect", CONTENT, "python.pydantic.field", False)]),
    # a literal key, a value that is no pair, a loop over other things
    ("user_fields", '"name"', "(str, None)", "body", []),
    ("user_fields", "field.slug", "str", "body", []),
    ("rows", "field.slug", "(str, None)", "body", []),
    # a key holding a whole model the caller passes is no body taken whole; a key named for what it
    # holds is still read by its name
    ("rows", "field.slug", "(str, None)", "email", [(12, "collect", ("user.contact.email",), "python.pydantic.field", False)]),
])
def test_model_fields_built_per_definition(iterated: str, key: str, value: str, body: str, expected: list[object]) -> None:
    assert observed(BUILT_MODEL.format(iterated=iterated, key=key, value=value, body=body)) == expected


@pytest.mark.parametrize(("name", "owner", "category"), [
    # OpenID Connect's login hint: the e-mail a client pre-fills
    ("login_hint", "request", "user.contact.email"),
    ("login_hint", None, "user.contact.email"),
    ("login_hint_cookie_name", None, None),
    # the tokens a sign-in was answered with, on a token's record; elsewhere an LLM's or a parser's
    ("raw_tokens", "AdminSessionToken", "user.authorization.credentials"),
    ("tokens", "TokenUsage", None),
    ("tokens", "Message", None),
    ("tokens", None, None),
    # OIDC's prompt parameter on an authorization request or its sign-in session; a chat's prompt stays
    ("prompt", "LoginSession", None),
    ("prompt", "AuthorizationRequest", None),
    ("prompt", "ChatSession", "user.content"),
    ("prompt", None, "user.content"),
    # a custom field's typed answers
    ("value_integer", "UserFieldValue", "user.content"),
    ("value_json", "CustomFieldValue", "user.content"),
    ("value_integer", "SettingValue", None),
])
def test_names_of_sign_in_and_custom_field_records(name: str, owner: str | None, category: str | None) -> None:
    match = Classifier.load().name(name, owner=owner)
    assert (match.category if match is not None else None) == category


ASGI = '''
from starlette.types import Receive, Scope, Send

class Middleware:
    async def __call__(self, scope: {annotation}, receive: Receive, send: Send) -> None:
        value = scope.get({key})
        return value
'''
IP = ("user.device.ip_address",)


@pytest.mark.parametrize(("annotation", "key", "expected"), [
    # an ASGI middleware's connection scope: its "client" is the client's address
    ("Scope", '"client"', [(6, "collect", IP, "python.request.client-ip", False)]),
    # its other keys, and a dict that is no ASGI scope
    ("Scope", '"type"', []),
    ("Scope", "CSRF_ATTRIBUTE", []),
    ("dict", '"client"', []),
])
def test_the_client_of_an_asgi_scope(annotation: str, key: str, expected: list[object]) -> None:
    assert observed(ASGI.format(annotation=annotation, key=key)) == expected
