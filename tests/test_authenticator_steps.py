"""A WebAuthn/FIDO step's fields under the protocol's own names (the seventeenth session's census of
the read apps' collect misses: modoboa's `FidoRegistrationSerializer.response`, zou's
`FidoRegisterSchema.registration_response`, canaille's `credential_data["rawId"]`): an owner named
for an authenticator anywhere in its name, not only in its head word, makes its `response` the
browser's signed answer, a credential; `rawId` posted in a body is the credential's id. Pins the
rule's extent: which owners lend the authenticator, which names take it, and where."""

from __future__ import annotations

import pytest
from engine_support import observed

from scanner.classify import Classifier

CREDENTIALS = "user.authorization.credentials"


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


@pytest.mark.parametrize(("identifier", "owner", "expected"), [
    # an authenticator named before the head word (the step or the record) lends its group
    ("response", "FidoRegistrationSerializer", CREDENTIALS),
    ("response", "FidoAuthenticationSerializer", CREDENTIALS),
    ("response", "WebAuthnLoginForm", CREDENTIALS),
    ("response", "PasskeyChallenge", CREDENTIALS),
    ("registration_response", "FidoRegisterSchema", CREDENTIALS),
    ("rawId", "FidoRegistrationSerializer", CREDENTIALS),
    # a `response` of anything else is a reply; the head word alone lent the group before
    ("response", "WebhookDelivery", None),
    ("response", "User", None),
    ("response", None, None),
    ("registration_response", "UserRegisterSchema", None),
    ("response_format", "FidoRegisterSchema", None),
    # the step's other fields keep their reading: the key's label, the kind of authenticator
    ("name", "FidoRegistrationSerializer", None),
    ("authenticatorAttachment", "FidoRegistrationSerializer", None),
    # `raw_id` outside a body or an authenticator's owner is nothing
    ("raw_id", None, None),
    ("raw_id", "ModelAdmin", None),
])
def test_an_authenticators_fields(classifier: Classifier, identifier: str, owner: str | None, expected: str | None) -> None:
    found = classifier.name(identifier, owner=owner)
    assert (found.category if found else None) == expected


def test_raw_id_posted_in_a_body_is_the_credentials_id() -> None:
    source = '''
    from flask import request

    def verify():
        data = request.get_json()
        return check(data["rawId"], data["type"])
    '''
    # the body is only read by key: collected at the keys (the bodies-bound-to-a-name convention)
    assert observed(source) == [(6, "collect", (CREDENTIALS,), "python.request.field", False)]


def test_a_fido_schemas_fields() -> None:
    source = '''
    from pydantic import BaseModel

    class FidoRegisterSchema(BaseModel):
        registration_response: dict
        device_label: str

    class WebhookDeliverySchema(BaseModel):
        response: dict
    '''
    assert observed(source) == [(5, "collect", (CREDENTIALS,), "python.pydantic.field", False)]
