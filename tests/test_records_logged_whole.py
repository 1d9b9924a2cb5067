"""A person's record or an identity provider's answer logged whole (the sixteenth session's census of
the read apps' log misses, its second row: jupyterhub's Hub user model, privacyIDEA's resolver user
list, calibreweb's LDAP entry, litellm's team member rows). Pins each rule's extent: which names say
a value is one user's record, and which key reads of a logged list's elements say what it holds."""

from __future__ import annotations

import pytest
from engine_support import observed

LOG = "python.logging.personal-data"
LOGIN = ("user.account.username",)

RECORD = '''
import logging
log = logging.getLogger(__name__)

def handle(source, {name}):
    log.debug("got %s", {name})
'''


@pytest.mark.parametrize(("name", "expected"), [
    # one user's record taken whole: its rendering shows at least the login
    ("user_info", [(6, "log", LOGIN, LOG, False)]),
    ("userinfo", [(6, "log", LOGIN, LOG, False)]),
    ("user_data", [(6, "log", LOGIN, LOG, False)]),
    ("user_model", [(6, "log", LOGIN, LOG, False)]),
    ("user_list", [(6, "log", LOGIN, LOG, False)]),
    ("userlist", [(6, "log", LOGIN, LOG, False)]),
    ("ldap_user_entry", [(6, "log", LOGIN, LOG, False)]),
    ("user_details", [(6, "log", LOGIN, LOG, False)]),
    ("users_json", [(6, "log", LOGIN, LOG, False)]),
    # a part of it or something about it, and other records
    ("user_data_dir", []),
    ("user_info_url", []),
    ("user_model_class", []),
    ("job_data", []),
    ("user_count", []),
])
def test_a_name_of_a_users_record(name: str, expected: list[object]) -> None:
    assert observed(RECORD.format(name=name)) == expected


def test_a_record_name_holding_a_known_value_says_nothing_more() -> None:
    # a literal, or a class (Django's `get_user_model()` returns the user model's class)
    assert observed('''
        import logging
        from django.contrib.auth import get_user_model
        from app.models import User
        log = logging.getLogger(__name__)

        def handle():
            user_info = {"theme": "dark"}
            log.debug("defaults %s", user_info)
            user_model = User
            log.debug("model %s", user_model)
            user_model = get_user_model()
            log.debug("model %s", user_model)
    ''') == []


ELEMENTS = '''
import logging
log = logging.getLogger(__name__)

def handle(team):
    rows = team.rows()
    log.debug("rows: %s", rows)
    {use}
'''


@pytest.mark.parametrize(("use", "expected"), [
    # a loop or a comprehension over the logged list, reading personal keys of its elements
    ("for row in rows:\n        found = row.get('user_id')", [(7, "log", ("user.unique_id",), LOG, False)]),
    ("return [r['user_email'] for r in rows]", [(7, "log", ("user.contact.email",), LOG, False)]),
    ("return {r.get('email'): r for r in rows}", [(7, "log", ("user.contact.email",), LOG, False)]),
    # keys that are not a person's, or content keys (whose content is not known to be a person's)
    ("return [r.get('status') for r in rows]", []),
    ("return [r['message'] for r in rows]", []),
    # a loop over another list, and a key read of the loop's element of a nested list
    ("for row in team.others():\n        found = row.get('email')", []),
    ("for row in rows:\n        for x in row.parts:\n            found = x['email']", []),
])
def test_keys_read_of_a_logged_lists_elements(use: str, expected: list[object]) -> None:
    assert observed(ELEMENTS.format(use=use)) == expected


FILLED = '''
import json
import logging
from rich.table import Table
log = logging.getLogger(__name__)

def handle(user_id, options):
    {made}
    for option in options:
        if option:
            {fill}
    log.info("saved %s", json.dumps(kept))
'''


@pytest.mark.parametrize(("made", "fill", "expected"), [
    # a list or a table a row with personal data is put in, in a branch of a loop: it holds the row after them
    ("kept = []", "kept.append({'user_id': user_id})", [(12, "log", ("user.unique_id",), LOG, False)]),
    ("kept = []", "kept.extend([user_id])", [(12, "log", ("user.unique_id",), LOG, False)]),
    ("kept = []", "kept.insert(0, user_id)", [(12, "log", ("user.unique_id",), LOG, False)]),
    ("kept = Table(title='Saved')", "kept.add_row(json.dumps({'user_id': user_id}))",
     [(12, "log", ("user.unique_id",), LOG, False)]),
    # what is put in holds no personal data; a method that does not put its argument in; another name's list
    ("kept = []", "kept.append(option)", []),
    ("kept = []", "kept.count(user_id)", []),
    ("kept = []; other = []", "other.append(user_id)", []),
])
def test_rows_put_into_a_container(made: str, fill: str, expected: list[object]) -> None:
    assert observed(FILLED.format(made=made, fill=fill)) == expected



# what the pack says python-ldap's searches return
ENTRY = ("user.account.username", "user.contact.email", "user.name")

SEARCHED = '''
import logging
log = logging.getLogger(__name__)

def find(con, base, filter_str):
    found = con.{call}
    log.debug("returned: %s", found)
'''


@pytest.mark.parametrize(("call", "expected"), [
    # python-ldap's synchronous searches: the entries found
    ("search_s(base, 2, filter_str)", [(7, "log", ENTRY, LOG, False)]),
    ("search_st(base, 2, filter_str, timeout=5)", [(7, "log", ENTRY, LOG, False)]),
    ("search_ext_s(base, 2, filter_str)", [(7, "log", ENTRY, LOG, False)]),
    # an asynchronous search's message id, and other methods
    ("search(base, 2, filter_str)", []),
    ("search_ext(base, 2, filter_str)", []),
    ("whoami_s()", []),
])
def test_a_directory_searchs_entries(call: str, expected: list[object]) -> None:
    assert observed(SEARCHED.format(call=call)) == expected


def test_a_directory_search_bound_before_another_value() -> None:
    # the name bound again after the search holds the other value when logged
    assert observed('''
        import logging
        log = logging.getLogger(__name__)

        def find(con, base):
            found = con.search_s(base, 2)
            found = len(found)
            log.debug("returned: %s", found)
    ''') == []


def test_an_element_of_a_filled_list_is_not_every_row() -> None:
    # what was put in shows where the list is rendered whole, not in what one element read of it holds (mem0's
    # `records.append((memory_id, text, ...))` then `rec[0]`, the memory's id; mailman's digest lines)
    assert observed('''
        import logging
        log = logging.getLogger(__name__)

        def persist(memories, store, email):
            records = []
            for memory_id, text in memories:
                records.append((memory_id, text, email))
            for rec in records:
                log.error(f"Failed to insert memory {rec[0]}")
            lines = []
            lines.append(email)
            for line in lines:
                print(" ", line.strip(), file=store)
            log.info("stored %s", records)
    ''') == [(15, "log", ("user.contact.email",), LOG, False)]


def test_a_user_serialised_in_the_log_call() -> None:
    # `json.dumps()` and `pformat()` render what they are given whole, as `str()` does
    assert observed('''
        import json
        import logging
        from pprint import pformat
        log = logging.getLogger(__name__)

        def show(user, user_info, job):
            log.info("created %s", json.dumps(user, indent=2))
            log.info("info %s", pformat(user_info))
            log.info("job %s", json.dumps(job))
    ''') == [(8, "log", LOGIN, LOG, False), (9, "log", LOGIN, LOG, False)]
