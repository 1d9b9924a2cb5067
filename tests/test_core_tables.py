"""SQLAlchemy Core tables (`[[table]]` in schemas.toml) and `typing.cast` (`[[passthrough]]`).

A table declared by a call, `Table("user", metadata, Column("email", ...))`, declares its fields
as a declarative model does: each personal column is a stored `collect` at the column call's
line. `typing.cast(T, value)` is `value` for the analysis, with what `value` is (a request, a
body read key by key).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from engine_support import Seen, models, pack_problems
from engine_support import observed as observed_in

from scanner.classify import Classifier
from scanner.engine.analyzer import analyze_source
from scanner.packs import Passthrough

COLUMN = "python.sqlalchemy.column"


def observed(source: str) -> list[Seen]:
    return observed_in(source, "app/tables.py")


CORE_USER = '''
from sqlalchemy import Column, MetaData, Table, types

metadata = MetaData()
user_table = Table(
    "user",
    metadata,
    Column("id", types.UnicodeText, primary_key=True),
    Column("name", types.UnicodeText, nullable=False, unique=True),
    Column("email", types.UnicodeText),
    Column("fullname", types.UnicodeText),
    Column("password", types.UnicodeText),
    Column("created", types.DateTime),
)
'''

DECLARATIVE_USER = '''
from sqlalchemy import Column, types
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class User(Base):
    __tablename__ = "user"
    id = Column(types.UnicodeText, primary_key=True)
    name = Column(types.UnicodeText, nullable=False, unique=True)
    email = Column(types.UnicodeText)
    fullname = Column(types.UnicodeText)
    password = Column(types.UnicodeText)
    created = Column(types.DateTime)
'''

NAME, EMAIL, CREDENTIALS = "user.name", "user.contact.email", "user.authorization.credentials"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(CORE_USER, [
            (9, "collect", (NAME,), COLUMN, True),
            (10, "collect", (EMAIL,), COLUMN, True),
            (11, "collect", (NAME,), COLUMN, True),
            (12, "collect", (CREDENTIALS,), COLUMN, True),
        ], id="core-table"),
        # the same table declared as a model: the same columns, each at its line
        pytest.param(DECLARATIVE_USER, [
            (11, "collect", (NAME,), COLUMN, True),
            (12, "collect", (EMAIL,), COLUMN, True),
            (13, "collect", (NAME,), COLUMN, True),
            (14, "collect", (CREDENTIALS,), COLUMN, True),
        ], id="declarative-model"),
        pytest.param('''
            import sqlalchemy as sa

            package = sa.Table(
                "package", sa.MetaData(),
                sa.Column("name", sa.types.UnicodeText),
                sa.Column("title", sa.types.UnicodeText),
                sa.Column("author_email", sa.types.UnicodeText),
                sa.Column("creator_user_id", sa.types.UnicodeText, sa.ForeignKey("user.id")),
                sa.Column(name="maintainer_phone", type_=sa.types.UnicodeText),
            )
        ''', [
            (8, "collect", (EMAIL,), COLUMN, True),
            (10, "collect", ("user.contact.phone_number",), COLUMN, True),
        ], id="sa-alias-other-owner-fk-and-name-keyword"),
        pytest.param('''
            from sqlalchemy.schema import Column, ForeignKeyConstraint, MetaData, PrimaryKeyConstraint, Table
            from sqlalchemy.types import Text

            member = Table(
                "member", MetaData(),
                Column("login", Text),
                Column("username", Text),
                Column("email", Text),
                ForeignKeyConstraint(["login"], ["account.login"]),
                PrimaryKeyConstraint("username"),
            )
        ''', [
            (9, "collect", (EMAIL,), COLUMN, True),
        ], id="schema-module-and-key-constraints"),
        pytest.param('''
            from flask_sqlalchemy import SQLAlchemy

            db = SQLAlchemy()
            followers = db.Table(
                "followers",
                db.Column("follower_id", db.Integer, db.ForeignKey("user.id")),
                db.Column("user_id", db.Integer),
                db.Column("ip_address", db.String(45)),
            )
        ''', [
            (9, "collect", ("user.device.ip_address",), COLUMN, True),
        ], id="flask-sqlalchemy-table"),
        pytest.param('''
            import sqlalchemy as sa
            from alembic import op


            def upgrade():
                op.create_table("subscriber", sa.Column("email", sa.String(320)))
                op.add_column("subscriber", sa.Column("phone", sa.String(32)))


            email = sa.Column("email", sa.String(320))
            columns = [sa.Column("phone", sa.String(32))]
        ''', [], id="migrations-and-columns-outside-a-table"),
    ],
)
def test_a_tables_personal_columns_are_stored_collects(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


def test_a_column_is_located_at_its_own_lines() -> None:
    result = analyze_source("app/tables.py", textwrap.dedent('''
        from sqlalchemy import Column, MetaData, Table, Unicode

        t = Table("user", MetaData(),
                  Column(
                      "email",
                      Unicode(320),
                  ))
    '''), models(), Classifier.load())
    [obs] = result.observations
    assert (obs.span.start_line, obs.span.end_line, obs.message) == (
        5, 8, "column 'email' of table 'user' declares user.contact.email (sqlalchemy-core column, stored)")


CAST = '''
import logging
import typing
from typing import Any, cast

import typing_extensions
from flask import Request, request

log = logging.getLogger(__name__)


def view():
    data = {wrap1}
    log.info("email %s", data["email"])
    req = {wrap2}
    log.info("ip %s", req.remote_addr)
    body = {wrap3}
    return body.get("phone")
'''
WRAPPED = {"wrap1": 'cast(dict, request.get_json())', "wrap2": "typing.cast(Request, request)",
           "wrap3": 'typing_extensions.cast(val=request.form, typ="dict[str, Any]")'}
PLAIN = {"wrap1": "request.get_json()", "wrap2": "request", "wrap3": "request.form"}


def test_a_cast_value_is_the_value_itself() -> None:
    expected = [
        (14, "collect", (EMAIL,), "python.request.field", False),
        (14, "log", (EMAIL,), "python.logging.personal-data", False),
        (16, "collect", ("user.device.ip_address",), "python.request.client-ip", False),
        (16, "log", ("user.device.ip_address",), "python.logging.personal-data", False),
        (18, "collect", ("user.contact.phone_number",), "python.request.field", False),
    ]
    assert observed(CAST.format(**PLAIN)) == expected
    assert observed(CAST.format(**WRAPPED)) == expected


def test_the_bundled_packs_declare_the_casts_and_tables() -> None:
    loaded = models()
    assert loaded.passthrough_calls.get("typing.cast") == Passthrough(1, "val")
    assert loaded.passthrough_calls.get("typing_extensions.cast") == Passthrough(1, "val")
    assert loaded.passthrough_calls.get("builtins.cast") is None
    assert loaded.passthrough_calls.get("werkzeug.local.LocalProxy") == Passthrough(0, "local", called=True)
    assert loaded.passthrough_calls.get("functools.partial") == Passthrough(0, "func")
    table = loaded.schema_tables.get("sqlalchemy.Table")
    assert table is not None and (table.family, table.rule, table.stored) == ("sqlalchemy-core", COLUMN, True)
    assert table.is_column_call("sqlalchemy.schema.Column") and not table.is_column_call("sqlalchemy.orm.mapped_column")
    assert loaded.schema_tables.get("alembic.op.create_table") is None


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ('[[passthrough]]\ncalls = ["x.cast"]\nposition = -1\n',
         ["'position' must be a non-negative integer"]),
        ('[[passthrough]]\ncalls = ["x.cast"]\nposition = 1\nkeyword = 3\n', ["'keyword' must be a string"]),
        ('[[passthrough]]\ncalls = ["x.Proxy"]\ncalled = "yes"\n', ["'called' must be true or false"]),
        ('[[passthrough]]\nposition = 1\n', ["'calls' is required and must be a non-empty list of strings"]),
        ('[[table]]\nfamily = "t"\nrule = "r"\ncalls = ["x.Table"]\n',
         ["'column_calls' is required and must be a non-empty list of strings"]),
        ('[[table]]\nfamily = "t"\nrule = "r"\ncalls = ["x.Table"]\ncolumn_calls = ["x.Column"]\ncolumns = 1\n',
         ["unknown key 'columns' in [table] of rule pack"]),
    ],
)
def test_a_broken_table_or_passthrough_entry_is_a_rule_pack_error(tmp_path: Path, text: str, problems: list[str]) -> None:
    assert pack_problems(tmp_path, text) == problems
