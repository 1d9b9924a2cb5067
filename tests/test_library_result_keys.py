"""A key read by `.get("k")` of what a library's function returned (the twentieth session's log census:
r2r's Clerk provider logs `payload.get('email')` of `payload = self.verify_token(token, options)`).
`payload["email"]` was read by its key's name whatever the mapping came from; `.get` was read so only
of a value with no symbol. Pins the extent: which receivers and keys are read, and which are not."""

from __future__ import annotations

import pytest
from engine_support import observed

LOG = "python.logging.personal-data"
EMAIL = ("user.contact.email",)

SOURCE = '''
import logging
import os

import httpx
import requests
from flask import current_app
from clerk_backend_api.jwks_helpers.verifytoken import verify_token

log = logging.getLogger(__name__)

class Provider:
    def __init__(self):
        self.verify_token = verify_token

    def decode(self, token, options):
        {bind}
        log.debug("user %s", {read})
'''


@pytest.mark.parametrize(("bind", "read", "expected"), [
    # a library function's result, read by a key that names personal data
    ("payload = verify_token(token, options)", "payload.get('email')", [(18, "log", EMAIL, LOG, False)]),
    ("payload = self.verify_token(token, options)", "payload.get('email')", [(18, "log", EMAIL, LOG, False)]),
    ("payload = verify_token(token, options)", "payload.get('email', '')", [(18, "log", EMAIL, LOG, False)]),
    ("data = requests.get(token, timeout=5).json()", "data.get('email')", [(18, "log", EMAIL, LOG, False)]),
    # as the subscript already was
    ("payload = verify_token(token, options)", "payload['email']", [(18, "log", EMAIL, LOG, False)]),
    # a key that names nothing personal, a key that is no identifier, a key not constant
    ("payload = verify_token(token, options)", "payload.get('iss')", []),
    ("payload = verify_token(token, options)", "payload.get('user email')", []),
    ("payload = verify_token(token, options)", "payload.get(options)", []),
    # an HTTP client's get is a request of a path, not a key read
    ("client = httpx.Client()", "client.get('email')", []),
    # the configuration and the environment
    ("payload = None", "os.environ.get('ADMIN_EMAIL')", []),
    ("payload = None", "current_app.config.get('email')", []),
])
def test_key_of_a_library_result(bind: str, read: str, expected: list[object]) -> None:
    assert observed(SOURCE.format(bind=bind, read=read)) == expected
