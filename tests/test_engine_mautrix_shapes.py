"""Shapes read from mautrix-telegram's misses and false hits (the sixteenth session): each test pins
what one rule observes, and its near-misses."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

LOGGED = "python.logging.personal-data"
ID = ("user.unique_id",)

TYPED_PARAMETER = '''
import logging
from .user import User
from .portal import Portal
log = logging.getLogger(__name__)

def backfill(source: {annotation}, count: int):
    log.debug(f"Backfilling {count} messages through {source.{attribute}}")
'''


@pytest.mark.parametrize(("annotation", "attribute", "expected"), [
    # a parameter named for its role holds the person its annotation names
    ("User", "mxid", [(8, "log", ID, LOGGED, False)]),
    ("User | None", "tgid", [(8, "log", ID, LOGGED, False)]),
    ('"User"', "email", [(8, "log", ("user.contact.email",), LOGGED, False)]),
    ("Optional[User]", "display_name", [(8, "log", ("user.name",), LOGGED, False)]),
    # a thing's class, or no single class, says nothing of a person
    ("Portal", "mxid", []),
    ("Portal", "display_name", []),
    ("User | Portal", "mxid", []),
    ("int", "mxid", []),
    # a name no person's attribute means is not looked up
    ("User", "count", []),
])
def test_an_attribute_of_a_parameter_typed_by_a_persons_class_is_theirs(
        annotation: str, attribute: str, expected: list[Seen]) -> None:
    source = TYPED_PARAMETER.replace("{annotation}", annotation).replace("{attribute}", attribute)
    assert observed(source) == expected


def test_an_unannotated_parameter_is_read_by_its_own_name() -> None:
    assert observed('''
    import logging
    log = logging.getLogger(__name__)

    def backfill(source, user):
        log.debug(f"through {source.mxid}")
        log.debug(f"for {user.mxid}")
    ''') == [(7, "log", ID, LOGGED, False)]


TYPED_ATTRIBUTE = '''
import logging
from .types import TelegramID

class {cls}:
    log = logging.getLogger("mau.user")

    @property
    def {name}(self) -> TelegramID:
        return TelegramID(self.id)

    def connect(self):
        self.log.debug(f"{self.{name}} connected")
'''


@pytest.mark.parametrize(("cls", "name", "expected"), [
    # a property typed by a class the models know nothing of says what its name says
    ("Puppet", "tgid", [(13, "log", ID, LOGGED, False)]),
    ("AbstractUser", "tgid", [(13, "log", ID, LOGGED, False)]),
    ("Customer", "email", [(13, "log", ("user.contact.email",), LOGGED, False)]),
    # ... in its own class: a chat's id is no person's
    ("Portal", "tgid", []),
    ("Puppet", "tg_space", []),
])
def test_a_self_attribute_typed_by_an_unknown_class_keeps_its_names_meaning(
        cls: str, name: str, expected: list[Seen]) -> None:
    assert observed(TYPED_ATTRIBUTE.replace("{cls}", cls).replace("{name}", name)) == expected


def test_a_self_attribute_holding_a_modelled_object_keeps_it() -> None:
    # a logger-named attribute holding a modelled logger is still the logger: nothing is classified
    assert observed('''
    import logging

    class Puppet:
        def __init__(self):
            self.log = logging.getLogger("mau.puppet")

        def sync(self):
            self.log.debug("synced")
    ''') == []


FIELD = "python.dataclass.field"
RECORD = '''
from attr import dataclass

@dataclass
class Puppet:
    id: int
    displayname: str | None
    phone: str | None
    sender_mxid: str
    mxid: str

    async def save(self) -> None:
        q = {sql!r}
        await self.db.execute(q, self.id, self.displayname, self.phone)
'''


@pytest.mark.parametrize(("sql", "expected"), [
    # a method writes the class's table: its fields are stored columns (not the key, not references)
    ("INSERT INTO puppet (id, displayname, phone) VALUES ($1, $2, $3)",
     [(7, "collect", ("user.name",), FIELD, True), (8, "collect", ("user.contact.phone_number",), FIELD, True)]),
    ("UPDATE puppet SET displayname=$2, phone=$3 WHERE id=$1",
     [(7, "collect", ("user.name",), FIELD, True), (8, "collect", ("user.contact.phone_number",), FIELD, True)]),
    ('update "puppet"\n  set displayname=$2 where id=$1',
     [(7, "collect", ("user.name",), FIELD, True), (8, "collect", ("user.contact.phone_number",), FIELD, True)]),
    # SQL that only reads, or text that is no SQL: a value class received nowhere, as before
    ("SELECT id, displayname, phone FROM puppet WHERE id=$1", []),
    ("please update the settings", []),
    ("DELETE FROM puppet WHERE id=$1", []),
])
def test_a_value_class_that_writes_its_table_with_sql_is_a_stored_record(sql: str, expected: list[Seen]) -> None:
    assert observed(RECORD.replace("{sql!r}", repr(sql))) == expected


def test_sql_outside_the_class_does_not_make_it_a_record() -> None:
    assert observed('''
    from dataclasses import dataclass

    @dataclass
    class Contact:
        phone: str

    async def save(db, contact: Contact) -> None:
        await db.execute("INSERT INTO contact (phone) VALUES ($1)", contact.phone)
    ''') == []


BODY = "python.request.body"
FIELD_READ = "python.request.field"
RETURNED = '''
import json
from aiohttp import web
from flask import request as flask_request

async def helper(request: web.Request):
    {statement}
'''


@pytest.mark.parametrize(("statement", "expected"), [
    # the request's body returned whole from a helper is taken whole there
    ("return await request.json()", [(7, "collect", ("user.content",), BODY, False)]),
    ("return await request.post()", [(7, "collect", ("user.content",), BODY, False)]),
    ("return flask_request.get_json()", [(7, "collect", ("user.content",), BODY, False)]),
    ("return flask_request.json", [(7, "collect", ("user.content",), BODY, False)]),
    # one field returned is that field's read
    ('return request.query["email"]', [(7, "collect", ("user.contact.email",), FIELD_READ, False)]),
    # what is no body
    ("return request.content_type", []),
    ("return request.method", []),
])
def test_a_body_returned_whole_from_a_helper_is_taken_there(statement: str, expected: list[Seen]) -> None:
    assert observed(RETURNED.replace("{statement}", statement)) == expected


def test_a_raw_body_decoded_on_return_is_taken_once_where_it_was_read() -> None:
    assert observed('''
    import json

    class Handler:
        def get_json_body(self):
            body = self.request.body.strip().decode("utf-8")
            return json.loads(body)
    ''') == [(6, "collect", ("user.content",), BODY, False)]


CARRIED = '''
import logging
from telethon.tl.types import UpdateUserStatus, UpdateChannel, User
log = logging.getLogger(__name__)

def handle(update: {annotation}):
    log.debug("update %s", {logged})
'''


@pytest.mark.parametrize(("annotation", "logged", "expected"), [
    # a parameter typed by a class a `[[carries]]` call makes holds what its objects carry
    ("UpdateUserStatus", "update", [(7, "log", ("user.behavior", "user.unique_id"), LOGGED, False)]),
    ("User | None", "update", [(7, "log", ("user.account.username", "user.contact.phone_number", "user.name",
                                           "user.unique_id"), LOGGED, False)]),
    # its attributes are only what their names say
    ("UpdateUserStatus", "update.status", []),
    ("UpdateUserStatus", "update.user_id", [(7, "log", ID, LOGGED, False)]),
    # a class no entry names holds nothing known
    ("UpdateChannel", "update", []),
    ("dict", "update", []),
])
def test_a_parameter_typed_by_a_carried_class_holds_what_it_carries(
        annotation: str, logged: str, expected: list[Seen]) -> None:
    assert observed(CARRIED.replace("{annotation}", annotation).replace("{logged}", logged)) == expected


def test_what_another_function_returns_is_not_taken_at_the_return() -> None:
    # `_query_resources(...)` reads the request's arguments itself: the helper's return is its own
    assert observed('''
    from flask import request

    def _query_resources(model):
        req = parse_search_request(request)
        return dump(model, attributes=req.attributes)

    def query_users():
        return _query_resources("User")
    ''') == []
