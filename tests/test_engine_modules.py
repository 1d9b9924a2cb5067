"""Across modules: a helper's summary (what it returns, which parameters it logs, which schema a
base class is, what an object's string form shows) applies at its call sites in other modules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
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
'''

VIEWS = '''
import logging

from app.utils import BaseSchema, Customer, audit, get_client_ip, llm, normalise, note

log = logging.getLogger(__name__)


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
        # a schema whose base class, in another module, is a Pydantic model
        ("app/views.py", 10, "collect", ("user.contact.email",), None),
        ("app/views.py", 11, "collect", ("user.name",), None),
        # the IP a helper of another module returns, logged
        ("app/views.py", 16, "log", ("user.device.ip_address",), None),
        # keyword arguments into another module's **fields wrapper
        ("app/views.py", 17, "log", ("user.contact.email",), None),
        # an object of another module whose repr shows an email, into a logging wrapper
        ("app/views.py", 18, "log", ("user.contact.email",), None),
        # a helper that returns (a transformation of) its argument
        ("app/views.py", 20, "log", ("user.contact.email",), None),
        # a client made by another module's factory, sent the user's nickname
        ("app/views.py", 21, "share", ("user.name",), "OpenAI"),
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

if TYPE_CHECKING:
    from app.models import Token


@dataclass
class ValidatorContext:
    email: str | None = None
    access_token: Token | None = None
    refresh_token: Optional[Token] = None
    api_key: str | None = None
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_field_typed_by_another_modules_schema_is_that_record_not_a_collect(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(textwrap.dedent(MODELS))
    (tmp_path / "app" / "context.py").write_text(textwrap.dedent(CONTEXT))
    assert observed(tmp_path, jobs) == [
        ("app/context.py", 13, "collect", ("user.contact.email",), None),
        # lines 14 and 15 hold a Token, whose own field is the collect
        ("app/context.py", 16, "collect", ("user.authorization.credentials",), None),
        ("app/models.py", 6, "collect", ("user.authorization.credentials",), None),
    ]
