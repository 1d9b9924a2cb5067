"""Schema styles declared away from a framework's base class: a backend-neutral annotated model that
the storage backends' models extend in other modules, and scim2-models resources validated from a
request into a class the caller chooses."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
from engine_support import Seen
from engine_support import observed as observed_source

from scanner.config import Config
from scanner.engine.sources import _decoded_into
from scanner.engine.summaries import USE_RECEIVED, USE_STORED_BASE, ModuleSummary
from scanner.runner import run

CORE_MODELS = '''
import datetime
from typing import ClassVar


class Model:
    id: str | None = None
    created: datetime.datetime | None = None


class User(Model):
    identifier_attribute: ClassVar[str] = "user_name"

    user_name: str
    emails: list[str] = []
    phone_numbers: list[str] = []
    lock_date: datetime.datetime | None = None
    groups: list["Group"] = []
    _permissions: set[str] | None = None


class Group(Model):
    display_name: str
    members: list["User"] = []


class Settings:
    admin_email: str | None = None
'''

SQL_MODELS = '''
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

import app.core.models


class Base(DeclarativeBase):
    pass


class SqlModel:
    def save(self): ...


class User(app.core.models.User, Base, SqlModel):
    __tablename__ = "user"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    user_name: Mapped[str] = mapped_column(String, unique=True)
    emails: Mapped[list[str]] = mapped_column(String)


class Group(app.core.models.Group, Base, SqlModel):
    __tablename__ = "group"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    display_name: Mapped[str] = mapped_column(String)
'''

# a subclass that is no stored model (an LDAP object of the project): says nothing of its base
LDAP_MODELS = '''
import app.core.models


class LDAPObject:
    attribute_map = None


class Settings(app.core.models.Settings, LDAPObject):
    attribute_map = {"admin_email": "mail", "id": "entryUUID"}
'''

# the LDAP backend's class of the neutral model: its attribute map is the LDAP schema
LDAP_USER = '''
from typing import ClassVar

from app.backends.ldap import LDAPObject
from app.core import models


class User(models.User, LDAPObject):
    attribute_map: ClassVar[dict[str, str] | None] = {
        "id": "entryUUID",
        "user_name": "uid",
        "emails": "mail",
        "phone_numbers": "telephoneNumber",
        "lock_date": "pwdEndTime",
    }
    help_texts = {"user_name": "The name you sign in with", "emails": "Your addresses"}
'''


def observed(root: Path, jobs: int) -> list[tuple[str, int, str, tuple[str, ...], str]]:
    result = run(root, config=Config(), command="observe", jobs=jobs)
    return [(o.path, o.span.start_line, o.kind.value, o.categories, o.rule) for o in result.observations]


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(tmp_path).parents:
            if parent != Path("."):
                init = tmp_path / parent / "__init__.py"
                if not init.exists():
                    init.write_text("")
        path.write_text(textwrap.dedent(text))
    return tmp_path


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_plain_annotated_class_a_stored_model_extends_declares_that_records_fields(tmp_path: Path, jobs: int) -> None:
    root = project(tmp_path, {"app/core/models.py": CORE_MODELS, "app/backends/sql.py": SQL_MODELS,
                              "app/backends/ldap.py": LDAP_MODELS})
    assert observed(root, jobs) == [
        # the SQLAlchemy model keeps its own family: its columns are found as before
        ("app/backends/sql.py", 19, "collect", ("user.account.username",), "python.sqlalchemy.column"),
        ("app/backends/sql.py", 20, "collect", ("user.contact.email",), "python.sqlalchemy.column"),
        # the neutral model's annotations; not its ClassVar, private names, dates or relations to
        # another record of the model (`groups: list["Group"]`), nor a group's name; `Settings`,
        # extended only by a class that stores nothing, declares no record
        ("app/core/models.py", 14, "collect", ("user.account.username",), "python.model.annotated-field"),
        ("app/core/models.py", 15, "collect", ("user.contact.email",), "python.model.annotated-field"),
        ("app/core/models.py", 16, "collect", ("user.contact.phone_number",), "python.model.annotated-field"),
    ]


def test_an_attribute_map_of_a_neutral_models_backend_class_declares_its_storages_fields(tmp_path: Path) -> None:
    root = project(tmp_path, {"app/core/models.py": CORE_MODELS, "app/backends/sql.py": SQL_MODELS,
                              "app/backends/ldap.py": LDAP_MODELS, "app/backends/ldap_user.py": LDAP_USER})
    # each personal key, at its line, not the record's id or a date; not a dict of help texts; not
    # the map of `Settings`, which no stored model extends
    assert [o for o in observed(root, 1) if o[0] == "app/backends/ldap_user.py"] == [
        ("app/backends/ldap_user.py", 11, "collect", ("user.account.username",), "python.model.attribute-map"),
        ("app/backends/ldap_user.py", 12, "collect", ("user.contact.email",), "python.model.attribute-map"),
        ("app/backends/ldap_user.py", 13, "collect", ("user.contact.phone_number",), "python.model.attribute-map"),
    ]


def test_without_a_stored_model_extending_it_an_annotated_class_declares_nothing(tmp_path: Path) -> None:
    root = project(tmp_path, {"app/core/models.py": CORE_MODELS, "app/backends/ldap.py": LDAP_MODELS})
    assert observed(root, 1) == []


def test_the_stored_bases_entry_is_given_only_to_the_module_that_asks_for_it() -> None:
    summary = ModuleSummary(stored_bases=frozenset({"app.core.models.User"}),
                            received=frozenset({"app.core.models.User"}))
    assert USE_STORED_BASE + "app.core.models.User" in summary.names()
    assert summary.restricted([USE_RECEIVED + "app.core.models.User"]).stored_bases == frozenset()
    assert summary.restricted([USE_STORED_BASE + "app.core.models.User"]).stored_bases == frozenset({"app.core.models.User"})
    assert summary.under(("app.core",)).stored_bases == frozenset({"app.core.models.User"})
    assert ModuleSummary.merge([summary, ModuleSummary()]).stored_bases == summary.stored_bases
    assert summary.digest() != ModuleSummary(received=summary.received).digest()


SCIM_MODELS = '''
from typing import Annotated, Any

from pydantic import EmailStr
from scim2_models import ComplexAttribute, Extension, Mutability, Required, Resource


class Email(ComplexAttribute):
    value: Annotated[EmailStr | None, Required.true] = None


class Address(ComplexAttribute):
    street_address: str | None = None
    country: Annotated[str | None, Mutability.read_only] = None


class User(Resource[Any]):
    user_name: str | None = None
    external_id: Annotated[str | None, Mutability.read_only] = None
    emails: list[Email] | None = None
    addresses: list[Address] | None = None


class EnterpriseUser(Extension):
    employee_number: str | None = None


class Group(Resource[Any]):
    display_name: str | None = None
    owner_email: str | None = None
'''

SCIM_ENDPOINTS = '''
from flask import Blueprint, request

from .casting import to_canaille
from .models import EnterpriseUser, Group, User

bp = Blueprint("scim", __name__)


def _create_resource(scim_type, from_scim):
    resource = scim_type.model_validate(request.json)
    return from_scim(resource)


def _list_resources(scim_type, rows):
    return [scim_type.model_validate(row) for row in rows]


@bp.route("/Users", methods=["POST"])
def create_user():
    return _create_resource(User[EnterpriseUser], from_scim=to_canaille)


@bp.route("/Groups", methods=["GET"])
def list_groups():
    return _list_resources(Group, [])
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_scim_resources_validated_from_the_request_into_a_class_the_caller_passes(tmp_path: Path, jobs: int) -> None:
    root = project(tmp_path, {"app/scim/models.py": SCIM_MODELS, "app/scim/endpoints.py": SCIM_ENDPOINTS,
                              "app/scim/casting.py": "def to_canaille(resource):\n    return resource\n"})
    # the User resource (with its extension and the complex attributes it holds) is what a client
    # sends; read-only attributes are set by the service; the Group, validated from the service's
    # own rows, receives nothing
    assert [o for o in observed(root, jobs) if o[0] == "app/scim/models.py"] == [
        ("app/scim/models.py", 9, "collect", ("user.contact.email",), "python.pydantic.field"),
        ("app/scim/models.py", 13, "collect", ("user.contact.address.street",), "python.pydantic.field"),
        ("app/scim/models.py", 18, "collect", ("user.account.username",), "python.pydantic.field"),
        # the containers of the complex attributes, named for what they hold
        ("app/scim/models.py", 20, "collect", ("user.contact.email",), "python.pydantic.field"),
        ("app/scim/models.py", 21, "collect", ("user.contact.address",), "python.pydantic.field"),
        ("app/scim/models.py", 25, "collect", ("user.unique_id",), "python.pydantic.field"),
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Flask's request object decodes its JSON body as a property
        ("def f():\n    return Item.model_validate(request.json)\n", ["Item"]),
        ("def f(self):\n    return Item.model_validate(self.request.json)\n", ["Item"]),
        ("def f(scim_type):\n    return scim_type.model_validate(request.json, strict=True)\n", ["scim_type"]),
        # another object's `json` attribute is no request body
        ("def f(job):\n    return Item.model_validate(job.json)\n", []),
    ],
)
def test_flasks_request_json_is_a_decoded_payload(source: str, expected: list[str]) -> None:
    func = ast.parse(source).body[0]
    assert isinstance(func, ast.FunctionDef)
    assert [ast.unparse(node) for node in _decoded_into(func)] == expected


WTFORMS = "import wtforms\n"
WTF_FIELD = "python.wtforms.field"


@pytest.mark.parametrize(("source", "expected"), [
    # the variable keeping fields by name says whose they are: a profile's formatted name is the person's
    (WTFORMS + "PROFILE_FORM_FIELDS = dict(\n    formatted_name=wtforms.StringField('Name'),\n)\n",
     [(3, "collect", ("user.name",), WTF_FIELD, False)]),
    (WTFORMS + "SERVICE_FORM_FIELDS = dict(\n    formatted_name=wtforms.StringField('Name'),\n)\n", []),
    # a FieldList repeats the field it is given, which says what each entry holds
    (WTFORMS + "PROFILE_FORM_FIELDS = dict(\n    emails=wtforms.FieldList(wtforms.EmailField('Email'), min_entries=1),\n)\n",
     [(3, "collect", ("user.contact.email",), WTF_FIELD, False)]),
    (WTFORMS + "class ProfileForm(wtforms.Form):\n    phone_numbers = wtforms.FieldList(wtforms.TelField('Phone'))\n",
     [(3, "collect", ("user.contact.phone_number",), WTF_FIELD, False)]),
    # a list of flags is no address
    (WTFORMS + "class ProfileForm(wtforms.Form):\n    email_flags = wtforms.FieldList(wtforms.BooleanField('On'))\n", []),
])
def test_wtforms_fields_kept_in_a_variable_or_repeated_in_a_field_list(source: str, expected: list[Seen]) -> None:
    assert observed_source(source) == expected


def test_a_cached_run_drops_the_neutral_models_fields_once_no_stored_model_extends_it(tmp_path: Path) -> None:
    root = project(tmp_path, {"app/core/models.py": CORE_MODELS, "app/backends/sql.py": SQL_MODELS})

    def collected() -> list[tuple[str, int]]:
        result = run(root, config=Config(), command="observe", jobs=1, cache=True)
        return [(o.path, o.span.start_line) for o in result.observations if o.path == "app/core/models.py"]

    assert collected() == [("app/core/models.py", 14), ("app/core/models.py", 15), ("app/core/models.py", 16)]
    sql = root / "app" / "backends" / "sql.py"
    sql.write_text(sql.read_text().replace("class User(app.core.models.User, Base, SqlModel):",
                                           "class User(Base, SqlModel):"))
    # only the other module changed: the cached result of the neutral model's is not reused
    assert collected() == []


VALUE_OBJECTS = '''\
from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class Name(BaseModel):
    formatted: str | None = None
    family_name: str | None = None


class PhoneNumber(BaseModel):
    value: str | None = None
    type: str | None = None


class Address(BaseModel):
    formatted: str | None = None


class Setting(BaseModel):
    value: str | None = None


class GroupMember(BaseModel):
    value: str | None = None


class User(BaseModel):
    name: Name | None = None
    phone_numbers: list[PhoneNumber] | None = None
    settings: list[Setting] = []


class Group(BaseModel):
    members: list[GroupMember] = []
    homes: list[Address] = []


@router.post("/users")
async def create(user: User, group: Group) -> None:
    pass
'''


def test_a_value_object_s_value_field_holds_what_the_field_keeping_it_holds() -> None:
    # SCIM's `Name.formatted` and `PhoneNumber.value`: a field named for nothing in a class named for a
    # person's value that a person's record keeps. Near-misses: a class named for no personal value
    # (`Setting`, `GroupMember`), and one no class keeps as its personal data (a group's `homes`)
    assert observed_source(VALUE_OBJECTS) == [
        (8, "collect", ("user.name",), "python.pydantic.field", False),
        (9, "collect", ("user.name.last",), "python.pydantic.field", False),
        (13, "collect", ("user.contact.phone_number",), "python.pydantic.field", False),
        # the person's containers of them, named for a name and phone numbers (`settings`,
        # `members` and a group's `homes` name none of a person's data)
        (30, "collect", ("user.name",), "python.pydantic.field", False),
        (31, "collect", ("user.contact.phone_number",), "python.pydantic.field", False),
    ]
