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


@pytest.mark.parametrize(("source", "expected"), [
    # a function whose first word says it takes the datum the rest of its name names
    ("found = check_username(vals['value'])\n", [(5, "collect", USERNAME, FIELD, False)]),
    ("found = valid_email(vals['value']) if vals['value'] else ''\n", [(5, "collect", EMAIL, FIELD, False)]),
    ("found = users.check_password(name, vals['current'])\n", [(5, "collect", CREDENTIALS, FIELD, False)]),
    # a parameter named for a datum
    ("found = invite(name, email=vals['value'])\n", [(5, "collect", EMAIL, FIELD, False)]),
    # a function that finds, makes or sends by the value; a name alone, with no verb
    ("found = get_user(vals['value'])\n", []),
    ("found = send_email(vals['value'])\n", []),
    ("found = username(vals['value'])\n", []),
    # two fields that say nothing: which one the function takes is not said
    ("found = check_password(vals['old'], vals['new'])\n", []),
    # a parameter that refers to a user's record, or a key qualifying the parameter's own word
    ("found = update(user_id=vals['value'])\n", []),
    ("found = verify(token=vals['captcha_token'])\n", []),
    # a key that says something keeps its own reading
    ("found = check_username(vals['email'])\n", [(5, "collect", EMAIL, FIELD, False)]),
])
def test_field_given_to_what_names_it(source: str, expected: list[Seen]) -> None:
    seen = observed("from flask import request\n\ndef edit(name, users):\n    vals = request.form.to_dict()\n"
                    f"    {source}    return found\n")
    assert seen == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a person's record, or a record's key, given to a function named for a person (the body given
    # whole is taken where it was bound, as always)
    ("found = update_user(vals['id'], vals)\n", [(4, "collect", CONTENT, "python.request.body", False)]),
    ("found = update_user(vals['value'])\n", []),
    # a field read into a name first, then given: read where it was read (`read_into`), not here
    ("query_encoded = vals.get('query_encoded')\nfound = SavedSearch(query=query_encoded)\n", []),
])
def test_field_given_not_straight(source: str, expected: list[Seen]) -> None:
    body = "".join(f"    {line}\n" for line in source.splitlines())
    seen = observed(f"from flask import request\n\ndef edit(name, users):\n    vals = request.form.to_dict()\n{body}    return found\n")
    assert seen == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a local bound once to a setting that names whose header it is
    ("name = config.config_reverse_proxy_login_header_name\nfound = request.headers.get(name)\n",
     [(5, "collect", USERNAME, HEADER, False)]),
    ("header_name = settings.TRUSTED_EMAIL_HEADER\nfound = request.headers[header_name]\n",
     [(5, "collect", EMAIL, HEADER, False)]),
    # a setting that names nothing personal, a local bound twice or to a call's result
    ("name = config.cache_header_name\nfound = request.headers.get(name)\n", []),
    ("name = config.remote_user_header\nname = name.lower()\nfound = request.headers.get(name)\n", []),
    ("name = pick_header()\nfound = request.headers.get(name)\n", []),
])
def test_header_named_by_a_local(source: str, expected: list[Seen]) -> None:
    body = "".join(f"    {line}\n" for line in source.splitlines())
    seen = observed(f"from flask import request\n\ndef login(config, settings):\n{body}    return found\n")
    assert seen == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a body stored whole as an item of an object's attribute, as it is assigned to the attribute
    ("current_user.view_settings['table'] = json.loads(request.data)\n", [(6, "collect", CONTENT, BODY, False)]),
    ("request.session['form'] = request.form\n", [(6, "collect", CONTENT, BODY, False)]),
    ("data = request.get_json()\ncurrent_user.settings['table'] = data\n", [(6, "collect", CONTENT, BODY, False)]),
    # an item of the function's own dict: what becomes of the dict says; a key read is a field
    ("kept = {}\nkept['table'] = request.form\n", []),
    ("current_user.view_settings['table'] = request.form['table']\n", []),
])
def test_body_kept_as_an_item(source: str, expected: list[Seen]) -> None:
    body = "".join(f"    {line}\n" for line in source.splitlines())
    seen = observed("import json\nfrom flask import request\nfrom flask_login import current_user\n\n"
                    f"def update_table_settings():\n{body}    return 'ok'\n")
    assert seen == expected


@pytest.mark.parametrize(("owner", "field", "expected"), [
    # a webargs schema of a request's arguments is named for what it takes (`ChatBodyArgs`: a chat's)
    ("ChatBodyArgs", "history", [(5, "collect", CONTENT, "python.marshmallow.field", False)]),
    ("ChatArguments", "history", [(5, "collect", CONTENT, "python.marshmallow.field", False)]),
    ("TreeBodyArgs", "history", []),
])
def test_argument_schemas(owner: str, field: str, expected: list[Seen]) -> None:
    seen = observed(f"from marshmallow import Schema, fields\n\n\nclass {owner}(Schema):\n"
                    f"    {field} = fields.List(fields.Dict())\n\n\n@blp.arguments({owner})\ndef post(args):\n    return args\n")
    assert seen == expected


@pytest.mark.parametrize(("source", "expected"), [
    # the text of a query a person types, as a request's key: the query
    ("found = request.args.get('query_text', '').strip()\n", [(4, "collect", ("user.behavior",), FIELD, False)]),
    # not a query's type, nor a parameter of a function no request fills
    ("found = request.args.get('query_type')\n", []),
])
def test_query_text(source: str, expected: list[Seen]) -> None:
    seen = observed(f"from flask import request\n\ndef search():\n    {source}    return found\n")
    assert seen == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a header named by a parameter's literal default is read in the helper, for callers giving none
    ("def helper(request, header: str = 'Authorization'):\n    return request.headers.get(header)\n",
     [(5, "collect", CREDENTIALS, HEADER, False)]),
    ("def helper(request, *, header='Authorization'):\n    return request.headers.get(header)\n", []),
    ("def helper(request, header='X-Cache-Tag'):\n    return request.headers.get(header)\n", []),
    ("def helper(request, header=None):\n    return request.headers.get(header)\n", []),
    # a caller's literal is read at its call, as before
    ("def helper(request, header):\n    return request.headers.get(header)\n"
     "def view():\n    return helper(request, 'X-Api-Key')\n", [(7, "collect", CREDENTIALS, HEADER, False)]),
])
def test_header_named_by_a_default(source: str, expected: list[Seen]) -> None:
    seen = observed(f"from flask import request\n\n\n{source}")
    assert seen == expected
