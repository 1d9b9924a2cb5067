"""Schema styles declared away from a framework's base class: scim2-models resources validated from a
request into a class the caller chooses."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.engine.sources import _decoded_into
from scanner.runner import run

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
