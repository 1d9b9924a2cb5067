"""Request data read by what the code does with it (a field given as a record's key or to a function
named for what it takes, a header's name bound to a local, a body kept as an item) or by the schema
that declares it; each test names its shape."""

from __future__ import annotations

import pytest

from engine_support import Seen, observed

FIELD = "python.request.field"
BODY = "python.request.body"
CONTENT = ("user.content",)
EMAIL = ("user.contact.email",)
USERNAME = ("user.account.username",)
CREDENTIALS = ("user.authorization.credentials",)
HEADER = "python.request.header"


@pytest.mark.parametrize(("source", "expected"), [
    # a field given as a record's key picks the record: no collect
    ("found = get_object_or_404(User, pk=data['user'])\n", []),
    ("found = Reason.objects.get(id=data['reason'])\n", []),
    ("found = Message.objects.filter(uuid=data.get('message')).first()\n", []),
    # the key given by another keyword, or read into a name first, is read as before
    ("found = User.objects.filter(email=data['email']).first()\n", [(7, "collect", EMAIL, FIELD, False)]),
    ("reason = data['reason']\n", [(7, "collect", CONTENT, FIELD, False)]),
    # a lookup's key computed from the field (not the field itself) is left as it was
    ("found = Reason.objects.get(id=int(data['reason']))\n", [(7, "collect", CONTENT, FIELD, False)]),
])
def test_field_given_as_a_records_key(source: str, expected: list[Seen]) -> None:
    seen = observed("import json\nfrom django.http import HttpRequest\n\n\ndef view(request: HttpRequest):\n"
                    f"    data = json.loads(request.body)\n    {source.replace(chr(10), '')}\n    return found\n")
    assert seen == expected
