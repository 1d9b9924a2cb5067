"""What an `except ... as e` name holds (scanner/engine/analyzer.py): the data of the exceptions
the `try` body raises itself, and nothing known otherwise."""

from __future__ import annotations

import pytest

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
