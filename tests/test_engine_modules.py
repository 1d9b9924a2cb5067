"""Across modules: a helper's summary (what it returns, which parameters it logs, which schema a
base class is, what an object's string form shows) applies at its call sites in other modules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scanner.config import Config, load_config
from scanner.runner import run

UTILS = '''
import logging

from flask import request
from openai import OpenAI
from pydantic import BaseModel

logger = logging.getLogger(__name__)


def get_client_ip():
    return request.headers.get("X-Forwarded-For") or request.remote_addr


def audit(event, **fields):
    logger.info(event, extra=fields)


def note(message):
    logger.warning(message)


def llm():
    return OpenAI()


def normalise(value):
    return value.strip().lower()


class BaseSchema(BaseModel):
    model_config = {"extra": "forbid"}


class Customer:
    def __init__(self, email):
        self.email = email

    def __repr__(self):
        return f"Customer({self.email!r})"


class InviteRequest(BaseSchema):
    email: str
'''

VIEWS = '''
import logging

from app.utils import BaseSchema, Customer, InviteRequest, audit, get_client_ip, llm, normalise, note
from fastapi import APIRouter

log = logging.getLogger(__name__)
router = APIRouter()


class SignupRequest(BaseSchema):
    email: str
    nickname: str


def signup(body: SignupRequest, customer: Customer):
    ip = get_client_ip()
    log.info("signup from %s", ip)
    audit("signup", email=body.email)
    note(f"new customer {customer}")
    cleaned = normalise(body.email)
    log.debug("normalised %s", cleaned)
    llm().chat.completions.create(model="x", messages=[{"role": "user", "content": body.nickname}])
    note("nothing personal here")


@router.post("/signup")
def signup_route(body: SignupRequest):
    signup(body, Customer(body.email))


@router.post("/invite")
def invite_route(invite: InviteRequest, body: SignupRequest):
    log.info("invite %s", invite)
    log.info("signup %s", body)
'''


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "utils.py").write_text(textwrap.dedent(UTILS))
    (tmp_path / "app" / "views.py").write_text(textwrap.dedent(VIEWS))
    return tmp_path


def observed(root: Path, jobs: int) -> list[tuple[str, int, str, tuple[str, ...], str | None]]:
    result = run(root, config=Config(), command="observe", jobs=jobs)
    return [(o.path, o.span.start_line, o.kind.value, o.categories, o.recipient) for o in result.observations]


@pytest.mark.parametrize("jobs", [1, 2])
def test_summaries_apply_across_modules(tree: Path, jobs: int) -> None:
    assert observed(tree, jobs) == [
        # the helper's own read is a collect where it happens
        ("app/utils.py", 12, "collect", ("user.device.ip_address",), None),
        # the logging wrapper's own call passes on its callers' **fields: a log whose categories are theirs
        ("app/utils.py", 16, "log", (), None),
        # the wrapper `note`'s own log call: a log with what its callers in views.py pass (the
        # customer, whose repr shows the e-mail; "nothing personal here" adds nothing)
        ("app/utils.py", 20, "log", ("user.contact.email",), None),
        # another module's model a route receives a body into
        ("app/utils.py", 44, "collect", ("user.contact.email",), None),
        # a schema whose base class, in another module, is a Pydantic model
        ("app/views.py", 12, "collect", ("user.contact.email",), None),
        ("app/views.py", 13, "collect", ("user.name",), None),
        # the IP a helper of another module returns, logged
        ("app/views.py", 18, "log", ("user.device.ip_address",), None),
        # keyword arguments into another module's **fields wrapper
        ("app/views.py", 19, "log", ("user.contact.email",), None),
        # an object of another module whose repr shows an email, into a logging wrapper
        ("app/views.py", 20, "log", ("user.contact.email",), None),
        # a helper that returns (a transformation of) its argument
        ("app/views.py", 22, "log", ("user.contact.email",), None),
        # a client made by another module's factory, sent the user's nickname
        ("app/views.py", 23, "share", ("user.name",), "OpenAI"),
        # a route's body logged whole: the model's repr shows its fields (another module's, and this one's)
        ("app/views.py", 34, "log", ("user.contact.email",), None),
        ("app/views.py", 35, "log", ("user.contact.email", "user.name"), None),
    ]


MODELS = '''
from pydantic import BaseModel


class Token(BaseModel):
    access_token: str
'''

CONTEXT = '''
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional
from fastapi import APIRouter
if TYPE_CHECKING:
    from app.models import Token
router = APIRouter()

@dataclass
class ValidatorContext:
    email: str | None = None
    access_token: Token | None = None
    refresh_token: Optional[Token] = None
    api_key: str | None = None


@router.post("/validate")
def validate(context: ValidatorContext) -> None:  # a body: the dataclass receives data
    pass
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_field_typed_by_another_modules_schema_is_a_container_by_its_own_name(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(textwrap.dedent(MODELS))
    (tmp_path / "app" / "context.py").write_text(textwrap.dedent(CONTEXT))
    assert observed(tmp_path, jobs) == [
        ("app/context.py", 13, "collect", ("user.contact.email",), None),
        # lines 14 and 15 hold a nested Token (a Pydantic model): its own field is a collect, and the
        # containers, named for a token, declare credentials (the nested-container convention)
        ("app/context.py", 14, "collect", ("user.authorization.credentials",), None),
        ("app/context.py", 15, "collect", ("user.authorization.credentials",), None),
        ("app/context.py", 16, "collect", ("user.authorization.credentials",), None),
        ("app/models.py", 6, "collect", ("user.authorization.credentials",), None),
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_field_typed_by_another_modules_stored_model_is_that_record_not_a_collect(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    stored = ("from sqlalchemy import Column, String\nfrom sqlalchemy.orm import declarative_base\n"
              "Base = declarative_base()\n\n\nclass Token(Base):\n    __tablename__ = 'token'\n"
              "    access_token = Column(String, primary_key=False)\n")
    (tmp_path / "app" / "models.py").write_text(stored)
    (tmp_path / "app" / "context.py").write_text(textwrap.dedent(CONTEXT))
    assert observed(tmp_path, jobs) == [
        ("app/context.py", 13, "collect", ("user.contact.email",), None),
        # lines 14 and 15 refer to a stored Token row, as a foreign key does
        ("app/context.py", 16, "collect", ("user.authorization.credentials",), None),
        ("app/models.py", 8, "collect", ("user.authorization.credentials",), None),
    ]


STAR_TYPES = '''
from pydantic import BaseModel


class UserName(BaseModel):
    givenName: str | None = None


class DirectoryUser(BaseModel):
    name: UserName | None = None


class UpdateCustomerRequest(BaseModel):
    user_id: str
    blocked: bool = False
'''

STAR_ROUTES = '''
import logging

from fastapi import APIRouter, Body
from tkinter import *

from app.types import *

logger = logging.getLogger(__name__)
router = APIRouter()


@router.post("/Users")
async def create_user(user: DirectoryUser = Body(...)):
    return user


@router.post("/customer/update")
async def update_end_user(data: UpdateCustomerRequest):
    logger.debug("Received data = %s", data)
    logger.debug("blocked = %s", data.blocked)
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_star_import_of_a_project_module_binds_the_classes_used(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "types.py").write_text(textwrap.dedent(STAR_TYPES))
    (tmp_path / "app" / "routes.py").write_text(textwrap.dedent(STAR_ROUTES))
    assert observed(tmp_path, jobs) == [
        # the body logged whole: the star-imported model's repr shows the customer's id
        ("app/routes.py", 20, "log", ("user.unique_id",), None),
        # a field of a model a route receives (DirectoryUser, named twice in its module, is not unseen)
        ("app/types.py", 6, "collect", ("user.name.first",), None),
        # the received model's nested name: a container named for a person's name
        ("app/types.py", 10, "collect", ("user.name",), None),
    ]


# A package that re-exports by star imports and `__all__` (R2R's `core.base`), over a package of
# another top-level name of the same project that lists what it imports in its own `__all__`.
REEXPORT_MODELS = '''
from pydantic import BaseModel


class Message(BaseModel):
    role: str
    content: str | None = None


class Note(BaseModel):
    content: str | None = None


def blank() -> Note:
    return Note()
'''

REEXPORT_ROUTES = '''
from fastapi import APIRouter, Body

from core.base import Message, Note

router = APIRouter()


@router.post("/agent")
async def agent(message: Message = Body(...)):
    return message


@router.post("/notes")
async def add_note(note: Note = Body(...)):
    return note
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_names_a_package_lists_in_all_are_re_exported_through_star_imports_and_across_packages(
        tmp_path: Path, jobs: int) -> None:
    for package in ("shared", "shared/abstractions", "core", "core/base", "core/base/abstractions", "core/api"):
        (tmp_path / package).mkdir()
    (tmp_path / "shared" / "__init__.py").write_text("")
    (tmp_path / "shared" / "abstractions" / "__init__.py").write_text("")
    (tmp_path / "shared" / "abstractions" / "llm.py").write_text(textwrap.dedent(REEXPORT_MODELS))
    (tmp_path / "core" / "__init__.py").write_text("")
    # `Message` is listed in `__all__`; `Note` is imported from the other package but not listed
    (tmp_path / "core" / "base" / "abstractions" / "__init__.py").write_text(
        "from shared.abstractions.llm import Message, Note\n\n__all__ = [\"Message\"]\n")
    (tmp_path / "core" / "base" / "__init__.py").write_text(
        "from .abstractions import *\n\n__all__ = [\n    \"Message\",\n    \"Note\",\n]\n")
    (tmp_path / "core" / "api" / "__init__.py").write_text("")
    (tmp_path / "core" / "api" / "routes.py").write_text(textwrap.dedent(REEXPORT_ROUTES))
    assert observed(tmp_path, jobs) == [
        # the route's `message` is the model, found through both re-exports: its field is the collect.
        # `Note` is not re-exported across the packages (the first `__all__` does not list it): the
        # route's type is not known to be it, and its field, named again in its module, is no collect
        ("shared/abstractions/llm.py", 7, "collect", ("user.content",), None),
    ]


ROW_MODELS = '''
from pydantic import BaseModel


class User(BaseModel):
    id: str
    email: str
    name: str | None = None


class Profile(BaseModel):
    email: str
    bio: str | None = None
'''

ROW_HANDLER = '''
from app.models import Profile, User


class UserHandler:
    async def update_user(self, user: User) -> User:
        row = await self.connection.fetchrow(
            f"UPDATE {self.table} SET email = $1, name = $2 WHERE id = $3 RETURNING id, email, name",
            user.email, user.name, user.id)
        return User(id=row["id"], email=row["email"], name=row["name"])

    async def create_user(self, email: str) -> User:
        query = QueryBuilder(self.table).insert({"email": email}).returning(["id", "email", "name"]).build()
        return User(**await self.connection.fetchrow(query))

    async def profiles(self) -> list[Profile]:
        rows = await self.connection.fetch(f"SELECT email, bio FROM {self.table}")
        return [Profile(email=row["email"], bio=row["bio"]) for row in rows]
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_model_another_module_builds_from_the_rows_its_sql_writes_is_a_stored_record(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(textwrap.dedent(ROW_MODELS))
    (tmp_path / "app" / "handler.py").write_text(textwrap.dedent(ROW_HANDLER))
    assert observed(tmp_path, jobs) == [
        # User: built from the row an UPDATE ... RETURNING gave back; its key is not data taken in.
        # Profile, built from a SELECT's rows only, is a value class as any other: nothing
        ("app/models.py", 7, "collect", ("user.contact.email",), None),
        ("app/models.py", 8, "collect", ("user.name",), None),
    ]



def test_the_fetching_calls_and_the_lines_around_them_are_found_in_the_text() -> None:
    from scanner.engine.sources import _fetch_calls, _lines_text
    source = "a = 1\nrow = cur.fetchone()\nrows = cur.fetchall ()\nx = self.fetch_query(q)\ny = obj.fetch\n"
    # `.fetchall (` is no call of the pattern (`.fetch\\w*\\(`), nor a bare `.fetch` attribute
    assert _fetch_calls(source) == [source.index(".fetchone"), source.index(".fetch_query")]
    at = source.index(".fetchone")
    assert _lines_text(source, at, 2, 2, 2) == "row = cur.fetchone()"
    assert _lines_text(source, at, 2, 1, 3) == "a = 1\nrow = cur.fetchone()\nrows = cur.fetchall ()"
    assert _lines_text(source, at, 2, 1, 5) == source[:-1]
    assert _lines_text(source, at, 2, 1, 6) == source  # the empty line after the last newline


ROW_CONSTANT_SQL = '''
from app.models import User

UPDATE_USER = "UPDATE users SET email = $1 WHERE id = $2 RETURNING id, email, name"


class UserHandler:
    async def update_user(self, user: User) -> User:
        row = await self.connection.fetchrow(UPDATE_USER, user.email, user.id)
        return User(id=row["id"], email=row["email"], name=row["name"])

    async def user(self, user_id: str) -> User:
        row = await self.connection.fetchrow("SELECT id, email, name FROM users WHERE id = $1", user_id)
        return User(**row)
'''


def test_only_sql_written_in_the_fetching_function_makes_its_rows_a_stored_record(tmp_path: Path) -> None:
    # the text of each fetching function is searched for a word of written SQL before it is walked:
    # the module's UPDATE, held by a name, is no string of update_user's, and user's SQL only reads
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(textwrap.dedent(ROW_MODELS.split("\n\n\nclass Profile")[0]))
    (tmp_path / "app" / "handler.py").write_text(textwrap.dedent(ROW_CONSTANT_SQL))
    assert observed(tmp_path, 1) == []
    # the same SQL written in the function: User is the record it writes
    inline = ROW_CONSTANT_SQL.replace("fetchrow(UPDATE_USER,", "fetchrow(\n            " + "f\"UPDATE users SET email = $1 WHERE id = $2 RETURNING id, email, name\",")
    (tmp_path / "app" / "handler.py").write_text(textwrap.dedent(inline))
    assert observed(tmp_path, 1) == [
        ("app/models.py", 7, "collect", ("user.contact.email",), None),
        ("app/models.py", 8, "collect", ("user.name",), None),
    ]


PARAMS = '''
def _get_param(dictionary, key, default=None):
    if dictionary and key in dictionary:
        return dictionary[key]
    return default


def get_optional(param, key, default=None, allowed_values=None):
    value = _get_param(param, key, default)
    if allowed_values is not None and value not in allowed_values:
        return default
    return value
'''

REQUEST_UTILS = '''
from flask import request

from app.params import get_optional


def get_all_params():
    params = dict(request.values)
    if request.is_json:
        params.update(request.json)
    return params
'''

HOOKS = '''
import copy

from flask import g, request

from app.utils import get_all_params


def before_request():
    g.request_data = get_all_params()
    request.all_data = copy.deepcopy(g.request_data)
'''

API = '''
from flask import request

from app.utils import get_optional


def login():
    username = get_optional(request.all_data, "username")
    password = request.all_data.get("password")
    realm = get_optional(request.all_data, "realm")
    return username, password, realm
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_request_data_kept_on_the_request_and_read_through_a_helper(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    for name, source in (("params", PARAMS), ("utils", REQUEST_UTILS), ("hooks", HOOKS), ("api", API)):
        (tmp_path / "app" / f"{name}.py").write_text(textwrap.dedent(source))
    assert observed(tmp_path, jobs) == [
        # the attribute set in hooks.py is request data where api.py reads it; the key is the
        # literal the helper of params.py (reached through utils.py's import) is called with
        ("app/api.py", 8, "collect", ("user.account.username",), None),
        ("app/api.py", 9, "collect", ("user.authorization.credentials",), None),
        # get_all_params() returns the request's fields: taken whole where they are kept
        ("app/hooks.py", 10, "collect", ("user.content",), None),
        # the fields copied whole (the JSON merged into them on line 10 is not told apart)
        ("app/utils.py", 8, "collect", ("user.content",), None),
    ]


SCHEMAS = '''
from pydantic import BaseModel


class Token(BaseModel):
    access_token: str
    refresh_token: str


class Credentials(BaseModel):
    username: str
    password: str
'''

ROUTES = '''
from fastapi import APIRouter

from app.schemas import Credentials, Token

router = APIRouter()


@router.post("/login", response_model=Token)
async def login(body: Credentials):
    return issue(body)
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_model_another_module_names_as_response_model_collects_nothing(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "schemas.py").write_text(textwrap.dedent(SCHEMAS))
    (tmp_path / "app" / "routes.py").write_text(textwrap.dedent(ROUTES))
    assert observed(tmp_path, jobs) == [
        # Token (lines 6-7) is what /login sends back; Credentials is what it takes in
        ("app/schemas.py", 11, "collect", ("user.account.username",), None),
        ("app/schemas.py", 12, "collect", ("user.authorization.credentials",), None),
    ]


SMOREST_SCHEMAS = '''
from marshmallow import Schema, fields


class UserSchema(Schema):
    name = fields.Str()
    email = fields.Str()


class UserPostSchema(Schema):
    email = fields.Str()


class ProfileSchema(Schema):
    email = fields.Str()
'''

SMOREST_VIEWS = '''
from flask.views import MethodView
from flask_smorest import Blueprint

from app.schemas import ProfileSchema, UserPostSchema, UserSchema

blp = Blueprint("users", __name__)


@blp.route("/users")
class Users(MethodView):
    @blp.response(200, UserSchema(many=True))
    def get(self):
        return list_users()

    @blp.arguments(UserPostSchema, location="json")
    @blp.response(201, UserSchema)
    def post(self, args):
        return add_user(args)


@blp.route("/profile")
class Profile(MethodView):
    @blp.arguments(ProfileSchema)
    @blp.response(200, ProfileSchema)
    def put(self, args):
        return update_profile(args)
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_schema_another_module_answers_with_collects_nothing(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "schemas.py").write_text(textwrap.dedent(SMOREST_SCHEMAS))
    (tmp_path / "app" / "views.py").write_text(textwrap.dedent(SMOREST_VIEWS))
    assert observed(tmp_path, jobs) == [
        # UserSchema (lines 6-7) only answers; UserPostSchema is read from the request, and
        # ProfileSchema is read and answered with by the same view
        ("app/schemas.py", 11, "collect", ("user.contact.email",), None),
        ("app/schemas.py", 15, "collect", ("user.contact.email",), None),
    ]


NESTED_SCHEMAS = '''
from marshmallow import Schema, fields


class ProfileSchema(Schema):
    email = fields.Str()


class AddressSchema(Schema):
    street = fields.Str()


class MatchSchema(Schema):
    person = fields.Nested(ProfileSchema)
    address = fields.Nested(AddressSchema)


class LonelySchema(Schema):
    email = fields.Str()


class OtherSchema(Schema):
    lonely = fields.Nested(LonelySchema)
'''

NESTED_VIEWS = '''
from flask_smorest import Blueprint

from app.schemas import AddressSchema, MatchSchema

blp = Blueprint("matches", __name__)


@blp.response(200, MatchSchema(many=True))
def matches():
    return find_matches()


def check(data):
    return AddressSchema().load(data)
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_schema_nested_only_in_answers_is_part_of_them(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "schemas.py").write_text(textwrap.dedent(NESTED_SCHEMAS))
    (tmp_path / "app" / "views.py").write_text(textwrap.dedent(NESTED_VIEWS))
    assert observed(tmp_path, jobs) == [
        # ProfileSchema is nested in MatchSchema only, which another module answers with; AddressSchema
        # is nested there too, but another module loads it; LonelySchema is nested in a schema nothing
        # answers with
        ("app/schemas.py", 10, "collect", ("user.contact.address.street",), None),
        ("app/schemas.py", 19, "collect", ("user.contact.email",), None),
    ]


VALIDATION = '''
from flask import request


def validate_request_body(SchemaClass, *, data=None):
    if data is not None:
        payload = data
    else:
        payload = request.get_json(silent=True)
    return SchemaClass.model_validate(payload)


def dump(SchemaClass, record):
    return SchemaClass.model_validate(record)
'''

REQUEST_SCHEMAS = '''
from pydantic import BaseModel


class LoginSchema(BaseModel):
    email: str
    password: str


class GuestSchema(BaseModel):
    guest_id: str
    first_name: str


class PersonOut(BaseModel):
    email: str
'''

RESOURCES = '''
from app import validation
from app.request_schemas import GuestSchema, LoginSchema, PersonOut


def login():
    body = validation.validate_request_body(LoginSchema)
    return body.email


def guest():
    body = validation.validate_request_body(SchemaClass=GuestSchema)
    return validation.dump(PersonOut, body)
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_class_passed_to_another_modules_decoding_helper_receives_data(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    for name, source in (("validation", VALIDATION), ("request_schemas", REQUEST_SCHEMAS), ("resources", RESOURCES)):
        (tmp_path / "app" / f"{name}.py").write_text(textwrap.dedent(source))
    assert observed(tmp_path, jobs) == [
        # the helper decodes the request's body into the class each caller names (by position or
        # keyword); `guest_id` refers to a guest's record; PersonOut is given to a helper that
        # validates the service's own record
        ("app/request_schemas.py", 6, "collect", ("user.contact.email",), None),
        ("app/request_schemas.py", 7, "collect", ("user.authorization.credentials",), None),
        ("app/request_schemas.py", 12, "collect", ("user.name.first",), None),
    ]


RECEIVED_BODIES = '''
from dataclasses import dataclass


@dataclass
class SignupBody:
    email: str
    display_name: str


@dataclass
class AuditEntry:
    source_ip: str
'''

RECEIVING_ROUTES = '''
from fastapi import APIRouter

from app.bodies import SignupBody

router = APIRouter()


@router.post("/signup")
async def signup(body: SignupBody) -> None:
    pass
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_dataclass_is_a_collect_only_where_a_route_of_another_module_receives_it(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "bodies.py").write_text(textwrap.dedent(RECEIVED_BODIES))
    (tmp_path / "app" / "routes.py").write_text(textwrap.dedent(RECEIVING_ROUTES))
    # AuditEntry is the service's own record: no route or decoder receives it
    assert observed(tmp_path, jobs) == [
        ("app/bodies.py", 7, "collect", ("user.contact.email",), None),
        ("app/bodies.py", 8, "collect", ("user.name",), None),
    ]


PYDANTIC_MODELS = '''
from pydantic import BaseModel


class SignupForm(BaseModel):
    email: str


class ChatProfile(BaseModel):
    display_name: str


class ProfileUpdate(BaseModel):
    phone: str


class FeedbackForm(BaseModel):
    comment: str
'''

PYDANTIC_USES = '''
from fastapi import APIRouter, Request

from app.models import ChatProfile, FeedbackForm, SignupForm

router = APIRouter()
PROFILES = [ChatProfile(display_name="Assistant")]


@router.post("/signup")
async def signup(form: SignupForm) -> None:
    pass


@router.post("/feedback")
async def feedback(request: Request) -> None:
    FeedbackForm.model_validate(await request.json())
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_pydantic_model_is_a_collect_where_another_module_receives_it_or_none_names_it(
        tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(textwrap.dedent(PYDANTIC_MODELS))
    (tmp_path / "app" / "routes.py").write_text(textwrap.dedent(PYDANTIC_USES))
    # SignupForm types a route's parameter and FeedbackForm is decoded from a body: received.
    # ChatProfile is named, as a value the service makes: not received. ProfileUpdate is named by
    # no module: its use is out of sight, read as received.
    assert observed(tmp_path, jobs) == [
        ("app/models.py", 6, "collect", ("user.contact.email",), None),
        ("app/models.py", 14, "collect", ("user.contact.phone_number",), None),
        ("app/models.py", 18, "collect", ("user.content",), None),
    ]


SRC_UTIL = '''
import logging

log = logging.getLogger(__name__)


def audit(message, *args):
    log.info(message, *args)
'''

SRC_VIEWS = '''
from flask import request

from shop.util import audit


def signup():
    email = request.form["email"]
    audit("signup %s", email)
'''


def source_tree(root: Path, folder: str, *, package: bool = False, fillers: int = 0) -> None:
    """A shop package under `folder` whose views log through a helper imported as `shop.util`,
    with `fillers` modules of nothing (enough of them make a run of two workers use both)."""
    base = root / folder if folder else root
    (base / "shop").mkdir(parents=True)
    if package:
        (base / "__init__.py").write_text("")
    (base / "shop" / "__init__.py").write_text("")
    (base / "shop" / "util.py").write_text(textwrap.dedent(SRC_UTIL))
    (base / "shop" / "views.py").write_text(textwrap.dedent(SRC_VIEWS))
    for index in range(fillers):
        (base / "shop" / f"filler_{index}.py").write_text(f"VALUE = {index}\n")


def logs(root: Path, jobs: int, cache: bool = False) -> list[tuple[str, int, tuple[str, ...]]]:
    result = run(root, config=load_config(root), command="observe", jobs=jobs, cache=cache)
    return [(o.path, o.span.start_line, o.categories) for o in result.observations if o.kind.value == "log"]


@pytest.mark.parametrize(("jobs", "fillers"), [(1, 0), (2, 40)])
def test_in_a_src_layout_a_module_is_named_from_src_and_its_helpers_are_followed(tmp_path: Path, jobs: int,
                                                                                    fillers: int) -> None:
    source_tree(tmp_path, "src", fillers=fillers)
    assert logs(tmp_path, jobs) == [
        ("src/shop/util.py", 8, ()),  # the wrapper's own call
        # views.py imports `shop.util`, the module src/shop/util.py is (src is on the path)
        ("src/shop/views.py", 9, ("user.contact.email",)),
    ]


def test_a_src_folder_that_is_a_package_is_no_source_root(tmp_path: Path) -> None:
    # src/__init__.py: the project imports `src.shop.util`; `shop.util` names nothing of it
    source_tree(tmp_path, "src", package=True)
    assert logs(tmp_path, 1) == [("src/shop/util.py", 8, ())]
    (tmp_path / "src" / "shop" / "views.py").write_text(textwrap.dedent(SRC_VIEWS).replace("from shop.", "from src.shop."))
    assert logs(tmp_path, 1) == [("src/shop/util.py", 8, ()), ("src/shop/views.py", 9, ("user.contact.email",))]


def test_the_configured_source_roots_name_modules_and_key_the_cache(tmp_path: Path) -> None:
    # a Django project run from its folder: `backend/` is on the path, so `shop.util` is backend/shop/util.py
    source_tree(tmp_path, "backend")
    assert logs(tmp_path, 1, cache=True) == [("backend/shop/util.py", 8, ())]
    (tmp_path / "pyproject.toml").write_text('[tool.policyscan]\nsrc = [".", "backend"]\n')
    # the cached results, made with other module names, are not reused
    assert logs(tmp_path, 1, cache=True) == [("backend/shop/util.py", 8, ()),
                                             ("backend/shop/views.py", 9, ("user.contact.email",))]


DESCRIPTOR_MIXIN = '''
from flask import request


class ArgsMixin:
    def get_args(self, descriptors, location=None):
        location = ["values", "json"] if request.is_json else [location or "values"]
        sources = []
        for source_name in location:
            sources.append(getattr(request, source_name))
        args = {}
        for descriptor in descriptors:
            if isinstance(descriptor, (list, tuple)):
                name, default, *_ = descriptor
            elif isinstance(descriptor, dict):
                name = descriptor.get("name")
            else:
                name = descriptor
            args[name] = self._parse_arg(sources, name)
        return args

    @staticmethod
    def _parse_arg(sources, name):
        source = next((s for s in sources if name in s), None)
        return source.get(name) if source is not None else None


def column_labels(columns):
    labels = {}
    for column in columns:
        name = column[0]
        labels[name] = request.args.get("lang", "en") + name
    return labels
'''

DESCRIPTOR_VIEWS = '''
from app.mixin import ArgsMixin, column_labels


class OTPResource(ArgsMixin):
    def get(self):
        args = self.get_args(
            [
                ("email", None, True),
                "project_id",
                {"name": "comments", "required": True},
                "phone",
            ],
            location="values",
        )
        more = self.get_args(descriptors=["full_name"])
        labels = column_labels([("email", "E-mail")])
        return args, more, labels
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_helper_reading_the_request_by_a_list_of_descriptors_reads_each_named_field(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "mixin.py").write_text(textwrap.dedent(DESCRIPTOR_MIXIN))
    (tmp_path / "app" / "views.py").write_text(textwrap.dedent(DESCRIPTOR_VIEWS))
    assert observed(tmp_path, jobs) == [
        # each descriptor naming personal data, at its own line; `project_id` names none, and the
        # column titles `column_labels` is given are not keys it reads the request by
        ("app/views.py", 9, "collect", ("user.contact.email",), None),
        ("app/views.py", 11, "collect", ("user.content",), None),
        ("app/views.py", 12, "collect", ("user.contact.phone_number",), None),
        # the list passed by the parameter's name
        ("app/views.py", 16, "collect", ("user.name",), None),
    ]
