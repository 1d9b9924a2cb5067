"""What an `except ... as e` name holds (scanner/engine/analyzer.py): the data of the exceptions
the `try` body raises itself, and nothing known otherwise; and what a name bound in two branches
holds after them."""

from __future__ import annotations

import pytest

from scanner.engine.analyzer import _takes_branch_data
from scanner.engine.values import Value
from tests.engine_support import observed

LOG = "python.logging.personal-data"
EMAIL = ("user.contact.email",)

HEADER = """
import logging
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
         '        log.error("%s", e)\n', [(10, "log", EMAIL, LOG, False)]),
        ('def find(email, known):\n'
         '    try:\n'
         '        if email not in known:\n'
         '            raise UserError("no user " + email)\n'
         '    except UserError as e:\n'
         '        log.exception(e)\n', [(11, "log", EMAIL, LOG, False)]),
        # raised by a nested try's handler: the outer handler catches it
        ('def find(email):\n'
         '    try:\n'
         '        try:\n'
         '            pass\n'
         '        except KeyError:\n'
         '            raise UserError(f"no user {email}")\n'
         '    except UserError as e:\n'
         '        log.error("%s", e)\n', [(13, "log", EMAIL, LOG, False)]),
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


SMTP_HEADER = """
import logging
import smtplib
from smtplib import SMTPSenderRefused
log = logging.getLogger(__name__)
"""


@pytest.mark.parametrize(
    ("handlers", "expected"),
    [
        # smtplib's refusals name the addresses in their string forms ([[carries]] in logging.toml)
        ("    except smtplib.SMTPRecipientsRefused as e:\n        log.error('refused: %s', e)\n",
         [(10, "log", EMAIL, LOG, False)]),
        ("    except (OSError, SMTPSenderRefused) as e:\n        log.error('refused: %s', e)\n",
         [(10, "log", EMAIL, LOG, False)]),
        # each handler's name holds its own type's: the other handler's exception names no address
        ("    except smtplib.SMTPResponseException as e:\n        log.error('code: %s', e)\n"
         "    except smtplib.SMTPRecipientsRefused as e:\n        log.error('refused: %s', e)\n",
         [(12, "log", EMAIL, LOG, False)]),
        ("    except smtplib.SMTPRecipientsRefused as e:\n        log.error('refused: %s', e)\n"
         "    except smtplib.SMTPResponseException as e:\n        log.error('code: %s', e)\n",
         [(10, "log", EMAIL, LOG, False)]),
        # another library's exception, or the refusal not logged
        ("    except smtplib.SMTPResponseException as e:\n        log.error('code: %s', e)\n", []),
        ("    except smtplib.SMTPRecipientsRefused:\n        log.error('refused for %s', conn)\n", []),
    ],
)
def test_a_caught_library_exception_holds_what_its_message_names(handlers: str, expected: list[object]) -> None:
    body = "def deliver(conn, msg):\n    try:\n        conn.sendmail(msg)\n" + handlers
    assert observed(SMTP_HEADER + body) == expected


MERGE_HEADER = """
import logging
from flufl.bounce import all_failures
from app.bounces import ProbeVERP, VERPMessage
log = logging.getLogger(__name__)
"""


@pytest.mark.parametrize(
    ("binding", "expected"),
    [
        # what a function of the project returns, with no data seen: the parser's addresses stay
        ("ProbeVERP().get_verp(mlist, msg)", [(12, "log", EMAIL, LOG, False)]),
        # an empty builtin container, an instance a class makes: as before
        ("set()", []),
        ("frozenset()", []),
        ("VERPMessage(mlist)", []),
    ],
)
def test_a_name_bound_in_two_branches_keeps_the_data_beside_a_project_result(binding: str,
                                                                             expected: list[object]) -> None:
    for first, second in ((f"addresses = {binding}", "temporary, addresses = all_failures(msg)"),
                          ("temporary, addresses = all_failures(msg)", f"addresses = {binding}")):
        body = (f"def dispose(mlist, msg, verp):\n    if verp:\n        {first}\n    else:\n        {second}\n"
                "    for address in addresses:\n        log.info('bounce from {}'.format(address))\n")
        assert observed(MERGE_HEADER + body, path="app/runners/bounce.py") == expected


@pytest.mark.parametrize(
    ("value", "takes"),
    [
        (Value(symbol="app.bounces.ProbeVERP().get_verp()"), True),
        (Value(symbol="app.helpers.parse_addresses()"), True),
        # already holding data, or a request part: what the analysis knows of it is kept
        (Value(symbol="app.helpers.parse_addresses()", categories=frozenset(EMAIL)), False),
        (Value(symbol="app.helpers.parse_addresses()", role="form"), False),
        # a library's result, a builtin's, an instance, an attribute, the project's own class
        (Value(symbol="json.dumps()"), False),
        (Value(symbol="builtins.set()"), False),
        (Value(symbol="app.tokens.TokenClass()"), False),
        (Value(symbol="app.models.User.email"), False),
        (Value(symbol="@instance:Form"), False),
    ],
)
def test_takes_branch_data(value: Value, takes: bool) -> None:
    assert _takes_branch_data(value, "app.runners.bounce") is takes
