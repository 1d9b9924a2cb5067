"""Three limits of the evaluator that lost logged data (scanner/engine/analyzer.py, values.py):
what an `except ... as e` name holds, what a name bound in two branches holds afterwards, and
what a dict, list or set of a function's own holds once filled by a method call."""

from __future__ import annotations

import pytest

from scanner.engine.values import NOTHING, Value, with_data_of
from tests.engine_support import observed

LOG = "python.logging.personal-data"
EMAIL = ("user.contact.email",)

HEADER = """
import logging
from flufl.bounce import all_failures
log = logging.getLogger(__name__)
class UserError(Exception):
    pass
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the exception the try body raises with an email in its message, logged by its handler
        ('def find(email):\n'
         '    try:\n'
         '        raise UserError(f"no user {email}")\n'
         '    except UserError as e:\n'
         '        log.error("%s", e)\n', [(11, "log", EMAIL, LOG, False)]),
        ('def find(email, known):\n'
         '    try:\n'
         '        if email not in known:\n'
         '            raise UserError("no user " + email)\n'
         '    except UserError as e:\n'
         '        log.exception(e)\n', [(12, "log", EMAIL, LOG, False)]),
        # raised by a nested try's handler: the outer handler catches it
        ('def find(email):\n'
         '    try:\n'
         '        try:\n'
         '            pass\n'
         '        except KeyError:\n'
         '            raise UserError(f"no user {email}")\n'
         '    except UserError as e:\n'
         '        log.error("%s", e)\n', [(14, "log", EMAIL, LOG, False)]),
        # raised with no personal data, or raised nowhere in the body: nothing is known of it
        ('def find(name_id):\n'
         '    try:\n'
         '        raise UserError("not found")\n'
         '    except UserError as e:\n'
         '        log.error("%s", e)\n', []),
        ('def send(conn, email):\n'
         '    try:\n'
         '        conn.connect()\n'
         '    except OSError as e:\n'
         '        log.error("%s for %s", e, conn)\n', []),
        # raised after the try, in the handler: not what the handler's name holds
        ('def find(email):\n'
         '    try:\n'
         '        pass\n'
         '    except KeyError as e:\n'
         '        log.error("%s", e)\n'
         '        raise UserError(email)\n', []),
    ],
)
def test_an_exception_holds_what_the_try_body_raised(body: str, expected: list[object]) -> None:
    assert observed(HEADER + body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # one branch binds a set (an object), the other a bounce parser's addresses: both are kept
        ('def dispose(mlist, msg):\n'
         '    if mlist:\n'
         '        addresses = set()\n'
         '    else:\n'
         '        temporary, addresses = all_failures(msg)\n'
         '    for address in addresses:\n'
         '        log.exception("Ignoring address: {}".format(address))\n', [(13, "log", EMAIL, LOG, False)]),
        ('def dispose(mlist, msg):\n'
         '    addresses = set()\n'
         '    if mlist:\n'
         '        temporary, addresses = all_failures(msg)\n'
         '    log.info("bounced: %s", addresses)\n', [(11, "log", EMAIL, LOG, False)]),
        ('def dispose(mlist, msg):\n'
         '    if mlist:\n'
         '        temporary, addresses = all_failures(msg)\n'
         '    else:\n'
         '        addresses = dict()\n'
         '    log.info("bounced: %s", addresses)\n', [(12, "log", EMAIL, LOG, False)]),
        # neither branch gives data
        ('def dispose(mlist, msg):\n'
         '    if mlist:\n'
         '        addresses = set()\n'
         '    else:\n'
         '        addresses = list(mlist)\n'
         '    log.info("bounced: %s", addresses)\n', []),
    ],
)
def test_a_name_bound_in_two_branches_keeps_the_data_of_each(body: str, expected: list[object]) -> None:
    assert observed(HEADER + body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a helper that fills its own dict from a parameter and returns a string made from it
        ('def expand(template, extras=None):\n'
         '    substitutions = dict(site="x")\n'
         '    if extras is not None:\n'
         '        substitutions.update(extras)\n'
         '    return template.format(**substitutions)\n'
         'def deliver(msg, user):\n'
         '    log.info("%s", expand("post from {sender}", {"sender": user.email}))\n',
         [(13, "log", EMAIL, LOG, False)]),
        ('def deliver(user):\n'
         '    found = []\n'
         '    found.append(user.email)\n'
         '    log.info("%s", found)\n', [(10, "log", EMAIL, LOG, False)]),
        ('def deliver(user):\n'
         '    found = set()\n'
         '    found.add(user.email)\n'
         '    log.info("%s", found)\n', [(10, "log", EMAIL, LOG, False)]),
        # what is put into the dict carries nothing
        ('def deliver(user):\n'
         '    found = {}\n'
         '    found.update(count=3)\n'
         '    log.info("%s", found)\n', []),
    ],
)
def test_a_container_holds_what_its_methods_put_in(body: str, expected: list[object]) -> None:
    assert observed(HEADER + body) == expected


EMAIL_VALUE = Value(categories=frozenset(EMAIL), params=frozenset({1}))


@pytest.mark.parametrize(
    ("kept", "other", "expected"),
    [
        (Value(symbol="builtins.set()"), EMAIL_VALUE,
         Value(symbol="builtins.set()", categories=frozenset(EMAIL), params=frozenset({1}))),
        (Value(symbol="builtins.set()"), NOTHING, Value(symbol="builtins.set()")),
        (Value(symbol="builtins.set()"), Value(params=frozenset({0})),
         Value(symbol="builtins.set()", params=frozenset({0}))),
        # a request part keeps what it is: its reads collect by its role
        (Value(symbol="@request", role="form"), EMAIL_VALUE, Value(symbol="@request", role="form")),
    ],
)
def test_with_data_of(kept: Value, other: Value, expected: Value) -> None:
    assert with_data_of(kept, other) == expected
