"""A loop over the code's own literal keys reading each from a request (kiwitcms's `User.update`,
the twenty-second session): `for field in ("first_name", "email"): values[field]` reads each key,
whether the literals are written in the loop or bound to a name first."""

from __future__ import annotations

from engine_support import observed

FLASK = "from flask import request\n"
FIELD = "python.request.field"


def test_each_literal_key_of_a_loop_is_read() -> None:
    source = FLASK + (
        "def view():\n"
        "    for key in ('email', 'phone'):\n"
        "        store(key, request.form[key])\n"
    )
    assert observed(source) == [(4, "collect", ("user.contact.email", "user.contact.phone_number"), FIELD, False)]


def test_literal_keys_bound_to_a_name_first_are_read_too() -> None:
    source = FLASK + (
        "def view(user):\n"
        "    editable = ('first_name', 'last_name')\n"
        "    for field in editable:\n"
        "        setattr(user, field, request.form.get(field))\n"
    )
    assert observed(source) == [(5, "collect", ("user.name.first", "user.name.last"), FIELD, False)]


def test_keys_that_name_nothing_read_nothing() -> None:
    source = FLASK + (
        "def view():\n"
        "    options = ('page', 'sort')\n"
        "    for option in options:\n"
        "        keep(request.args.get(option))\n"
        "    for option in options:\n"
        "        log(option)\n"
    )
    assert observed(source) == []
