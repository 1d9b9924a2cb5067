"""Shapes where a name says more than the code holds, or the code says more than a name: the keys of a
query string iterated, a form class refreshed from the posted form, fields of ids, schemas named for
responses, styled CLI text, Flask's `g.user`, a mapping logged whole whose keys are read after."""

from __future__ import annotations

import pytest

from engine_support import Seen, observed
from scanner.engine.sources import refers_to_user

BODY = "python.request.body"
LOG = "python.logging.personal-data"
PRINT = "python.print.personal-data"
MARSHMALLOW = "python.marshmallow.field"
CONTENT = ("user.content",)
USERNAME = ("user.account.username",)


@pytest.mark.parametrize(("source", "expected"), [
    # every key of a query string: a page's options, none named
    ("for arg in request.args:\n    pages[arg] = int(request.args.get(arg))\n", []),
    # every key of a posted form: the form taken whole
    ("for arg in request.form:\n    data[arg] = request.form.get(arg)\n", [(4, "collect", CONTENT, BODY, False)]),
    # the keys alone
    ("names = set(request.args)\n", []),
    ("names = sorted(request.form)\n", []),
    # the values, not the keys
    ("values = list(request.form.values())\n", [(3, "collect", CONTENT, BODY, False)]),
    # a form class refreshed from the posted form: its fields are the collects
    ("form = self.form.refresh(request.form)\n", []),
    ("form = self.login_form.bind(request.form)\n", []),
    ("kept = self.remember(request.form)\n", [(3, "collect", CONTENT, BODY, False)]),
    # a form or serializer class picked at run time, held by a name that says so
    ("serializer = self.serializer_for(pages)\nbound = serializer(data=request.form)\n", []),
    ("form = FORMS[pages]\nbound = form(request.form)\n", []),
    ("kept = jsonserializer(request.form)\n", [(3, "collect", CONTENT, BODY, False)]),
    # the form and the files combined and handed together: judged as one body by what takes them
    ("self.form.process(CombinedMultiDict((request.files, request.form)) or None)\n", []),
    ("combined = CombinedMultiDict([request.files, request.form])\nself.form.process(combined)\n", []),
    ("kept = self.remember((request.files, request.form))\n", [(3, "collect", CONTENT, BODY, False)]),
    # a display that is not handed to a call, or holds more than the request's members, is taken as before
    ("both = (request.files, request.form)\n", [(3, "collect", CONTENT, BODY, False)]),
    ("kept = self.remember((request.form, pages))\n", [(3, "collect", CONTENT, BODY, False)]),
    # a key that says nothing read into a name that does: the name says what it holds, unless the
    # key qualifies the name's own head word (a captcha's token is no credential)
    ("user_name = request.form.get('name')\n", [(3, "collect", USERNAME, "python.request.field", False)]),
    ("old_token = request.form.get('captcha_token')\n", []),
    # a name of a reference to what the key names (its id, its digest) picks it: nothing taken
    ("credential_id = request.form.get('fido2-confirm-credential')\n", []),
    ("found = query.filter(message_id_hash=request.args['message'])\n", []),
    ("comment_pk = request.form['comment']\n", []),
    # a field given as a record's key (`pk=`, `id=`) picks the record, as a foreign key refers to it
    # (CONVENTIONS: ids posted to select records are not collects)
    ("found = query.filter(id=request.form['message'])\n", []),
    ("found = get_object_or_404(User, pk=request.form['user'])\n", []),
    # a name meaning personal data itself, one the key does not qualify, or the id word alone
    ("session_id = request.form['session']\n", [(3, "collect", ("user.authorization.credentials",), "python.request.field", False)]),
    ("request_id = request.form['message']\n", [(3, "collect", CONTENT, "python.request.field", False)]),
    ("found = query.filter(author=request.form['user'])\n", [(3, "collect", USERNAME, "python.request.field", False)]),
    ("message_ids, kept = request.form['message'], 1\n", [(3, "collect", CONTENT, "python.request.field", False)]),
    # a field read only to reach its id picks a record; another key of it is read
    ("same = found.id == request.json['message']['id']\n", []),
    ("same = found.id == request.json['message']['uuid']\n", []),
    ("text = request.json['message']['output']\n", [(3, "collect", CONTENT, "python.request.field", False)]),
    ("kept = request.json['message'][0]\n", [(3, "collect", CONTENT, "python.request.field", False)]),
    ("token = request.form.get('captcha_token')\n", []),
    # the WSGI environ key a setting names, for an authenticating front server's user
    ("user = request.environ.get(self.sm.auth_remote_user_env_var)\n",
     [(3, "collect", USERNAME, "python.request.header", False)]),
    ("script = request.environ.get(self.config.script_name_env_var)\n", []),
    # a query string carries no file: a key naming one is a reference to a file held already
    ("file_id = int(request.args['file'])\n", []),
    ("shown = request.args.get('attachment')\n", []),
    ("posted = request.form.get('attachment')\n", [(3, "collect", CONTENT, "python.request.field", False)]),
    ("comment = request.args.get('comment')\n", [(3, "collect", CONTENT, "python.request.field", False)]),
])
def test_request_keys(source: str, expected: list[Seen]) -> None:
    body = "".join(f"        {line}\n" for line in source.splitlines())
    seen = observed(f"from flask import request\nclass View:\n    def view(self, pages, data):\n{body}")
    assert [(line - 1, *rest) for line, *rest in seen] == expected


@pytest.mark.parametrize(("base", "field", "call", "expected"), [
    # a form class building itself from the posted data: its declared fields are the collects
    ("forms.ModelForm", "theme = forms.CharField()", "cls(request.POST, instance=request.user)", []),
    ("forms.Form", "theme = forms.CharField()", "cls(data=request.POST)", []),
    # a class that is no schema takes the fields whole in its constructor
    ("object", "theme = 'dark'", "cls(request.POST)", [(7, "collect", CONTENT, BODY, False)]),
    # another name than the classmethod's own class
    ("forms.Form", "theme = forms.CharField()", "klass(request.POST)", [(7, "collect", CONTENT, BODY, False)]),
])
def test_a_form_classmethod_building_its_own_class(base: str, field: str, call: str, expected: list[Seen]) -> None:
    source = (f"from django import forms\nclass ProfileForm({base}):\n    {field}\n"
              f"    @classmethod\n    def from_request(cls, request, klass):\n        if request.method == 'POST':\n"
              f"            return {call}\n")
    assert observed(source) == expected


@pytest.mark.parametrize(("fields", "expected"), [
    ("users = fields.List(fields.Integer)", []),
    ("user_names = fields.List(fields.Integer())", []),
    # a single number may be a login (Django's tests' IntegerUsernameUser)
    ("username = fields.Integer()", [(4, "collect", USERNAME, MARSHMALLOW, False)]),
    ("usernames = fields.List(fields.String())", [(4, "collect", USERNAME, MARSHMALLOW, False)]),
    ("username = fields.String()", [(4, "collect", USERNAME, MARSHMALLOW, False)]),
])
def test_a_list_of_whole_numbers_refers_to_records(fields: str, expected: list[Seen]) -> None:
    source = f"from marshmallow import Schema, fields\nclass GroupSchema(Schema):\n    name_x = 1\n    {fields}\n"
    assert observed(source) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("ApiKeyCreateResponseSchema", []),
    ("UserOutputSchema", []),
    ("ApiKeyCreateSchema", [(3, "collect", ("user.contact.email",), MARSHMALLOW, False)]),
])
def test_a_marshmallow_schema_named_for_a_response_collects_nothing(name: str, expected: list[Seen]) -> None:
    assert observed(f"from marshmallow import Schema, fields\nclass {name}(Schema):\n    email = fields.String()\n") == expected


@pytest.mark.parametrize(("call", "expected"), [
    ('click.echo(click.style(f"User {username} created", fg="green"))', [(3, "log", USERNAME, PRINT, False)]),
    ('click.echo(click.style("User {0} created".format(username)))', [(3, "log", USERNAME, PRINT, False)]),
    ('click.echo(click.style(f"Role {role} not found", fg="red"))', []),
    ('logging.debug("Already authenticated %s", g.user)', [(3, "log", USERNAME, LOG, False)]),
    ('logging.debug("Locale %s", g.locale)', []),
])
def test_styled_text_and_the_signed_in_user(call: str, expected: list[Seen]) -> None:
    source = f"import click, logging\nfrom flask import g\ndef command(username, role):\n    {call}\n"
    assert [(line - 1, *rest) for line, *rest in observed(source)] == expected


@pytest.mark.parametrize(("call", "expected"), [
    # a logger's method chosen at run time by its level, or named by a literal
    ("getattr(logger, level)(f'changed by {user.username}')", [(4, "log", USERNAME, LOG, False)]),
    ("getattr(logger, 'warning')('changed by %s', user.username)", [(4, "log", USERNAME, LOG, False)]),
    ("getattr(logging.getLogger('audit'), level)(user.username)", [(4, "log", USERNAME, LOG, False)]),
    # a level the project added to the logger class, named by a literal; the logger's own API is none
    ("getattr(logger, 'security')('changed by %s', user.username)", [(4, "log", USERNAME, LOG, False)]),
    ("getattr(logger, 'setLevel')(user.username)", []),
    # the same shape on an object that is no logger, and a logger's attribute that is not called
    ("getattr(user, level)(user.username)", []),
    ("handler = getattr(logger, 'handlers')", []),
])
def test_a_loggers_method_chosen_by_getattr_logs(call: str, expected: list[Seen]) -> None:
    source = f"import logging\nlogger = logging.getLogger(__name__)\ndef changed(user, level):\n    {call}\n"
    assert observed(source) == expected


def test_a_mapping_logged_whole_holds_what_the_keys_read_of_it_in_its_block_name() -> None:
    source = '''
        import logging
        log = logging.getLogger(__name__)
        def user_info(remotes, provider):
            if provider == "github":
                data = remotes[provider].get("user").json()
                log.debug("User info: %s", data)
                return {"username": data.get("login")}
            if provider == "okta":
                data = remotes[provider].get("userinfo").json()
                log.debug("User info: %s", data)
                return {"email": data["email"], "first_name": data.get("given_name"), "sub": data["sub"]}
            data = remotes[provider].get("status").json()
            log.debug("Status: %s", data)
            return data.get("status")
    '''
    assert observed(source) == [
        (7, "log", USERNAME, LOG, False),
        (11, "log", ("user.contact.email", "user.name.first"), LOG, False),
    ]


@pytest.mark.parametrize(("read", "expected"), [
    # the key read however it is spelt: behind a comment, a line's continuation, in parentheses
    ('data  # the profile\n        .get("email")', [(6, "log", ("user.contact.email",), LOG, False)]),
    ('data \\\n        ["email"]', [(6, "log", ("user.contact.email",), LOG, False)]),
    ('(data)["email"]', [(6, "log", ("user.contact.email",), LOG, False)]),
    ('( data ).get ("email")', [(6, "log", ("user.contact.email",), LOG, False)]),
    # no key read of it: another name's, a method other than `get`, the name written alone
    ('other["email"]', []),
    ('data.get_email()', []),
    ('len(data) or "email"', []),
    # a banner of comment marks after the name is one comment, read once (not split every way)
    ('len(data)  # ' + "#" * 60 + '\n        or "email"', []),
])
def test_a_key_read_of_a_mapping_logged_whole_is_found_in_any_spelling(read: str, expected: list[Seen]) -> None:
    source = f'''
        import logging
        log = logging.getLogger(__name__)
        def user_info(remotes, other):
            data = remotes.get("user").json()
            log.debug("User info: %s", data)
            return ({read})
    '''
    assert observed(source) == expected


def test_a_key_read_in_the_decorator_of_the_blocks_first_function_is_found() -> None:
    source = '''
        import logging
        log = logging.getLogger(__name__)
        def user_info(data, hooks):
            @hooks.register(data["email"])
            def changed():
                pass
            log.debug("User info: %s", data)
    '''
    assert observed(source) == [(8, "log", ("user.contact.email",), LOG, False)]


@pytest.mark.parametrize(("classes", "expected"), [
    # a REST API's schemas by method: the verb is not what the schema holds
    (["GroupPostSchema", "GroupPutSchema"], []),
    # alone, a post is what a person wrote
    (["ForumPostSchema"], [(3, "collect", CONTENT, MARSHMALLOW, False)]),
    (["ForumPostSchema", "ForumSchema"], [(3, "collect", CONTENT, MARSHMALLOW, False)]),
])
def test_a_schema_named_for_an_http_method_is_read_without_the_verb(classes: list[str], expected: list[Seen]) -> None:
    source = "from marshmallow import Schema, fields\n" + "".join(
        f"class {name}(Schema):\n    description = fields.String()\n" for name in classes)
    assert observed(source)[:1] == expected


# An OAuth callback's `code`, read by a helper whose module says it is a step of signing in
# (misago's `oauth2/client.py`: `get_code_grant(request)`), is the authorisation code; the same read
# in a module of anything else (a voucher's code) is not.
_CODE_GRANT = ("def get_code_grant(request):\n"
               "    state = request.GET.get('state')\n"
               "    return request.GET.get('code')\n")


@pytest.mark.parametrize(("path", "expected"), [
    ("forum/oauth2/client.py", [(3, "collect", ("user.authorization.credentials",), "python.request.field", False)]),
    ("forum/sso.py", [(3, "collect", ("user.authorization.credentials",), "python.request.field", False)]),
    ("forum/auth/views.py", [(3, "collect", ("user.authorization.credentials",), "python.request.field", False)]),
    ("shop/vouchers/views.py", []),
    ("shop/client.py", []),
])
def test_the_code_read_in_a_sign_in_module_is_a_credential(path: str, expected: list[Seen]) -> None:
    assert observed(_CODE_GRANT, path=path) == expected


@pytest.mark.parametrize(("argument", "expected"), [
    # a query string parsed by a library's model: the page's options, none named here
    ("request.args.to_dict()", []),
    ("request.args", []),
    # a body parsed by it: no field of it is seen, so the body is taken whole
    ("request.form.to_dict()", [(6, "collect", CONTENT, BODY, False)]),
    ("request.get_json()", [(6, "collect", CONTENT, BODY, False)]),
])
def test_a_query_string_parsed_by_a_librarys_model_is_not_taken_whole(argument: str, expected: list[Seen]) -> None:
    source = ("from flask import request\nfrom scim2_models import ResponseParameters\n\n\n"
              f"def query():\n    return ResponseParameters.model_validate({argument})\n")
    assert observed(source) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("user_id", True),
    ("invited_by_user_id", True),
    ("guest_id", True),
    # an id another party issued: an identity provider's, or a messenger's that reaches the person
    ("sso_user_id", False),
    ("oidc_user_id", False),
    ("notifications_slack_userid", False),
    ("telegram_user_id", False),
    ("discord_user_id", False),
    # the id of an account linked at an outside service or provider (reviewboard's LinkedAccount)
    ("service_user_id", False),
    ("provider_user_id", False),
    ("service_id", False),
    ("service_account_id", True),
    # a word that only contains a messenger's name is none
    ("slacker_user_id", True),
])
def test_a_user_id_refers_to_a_record_unless_another_party_issued_it(name: str, expected: bool) -> None:
    assert refers_to_user(name, "user.unique_id") is expected


HANDED_BACK = '''
from flask import request


def clean(data, drop=()):
    for key in drop:
        data.pop(key, None)
    return data


def create():
    data = request.json
    data = clean(data, drop=("id",))
    return data


def create_twice():
    data = request.json
    data = clean(request.form)
    return data


def fallback():
    try:
        body = request.get_json()
    except ValueError:
        body = request.get_data(as_text=True)
    body = clean(body)
    return body
'''


def test_a_body_handed_back_to_its_name_is_taken_where_it_was_first_bound() -> None:
    assert [(line, kind) for line, kind, *_ in observed(HANDED_BACK) if kind == "collect"] == [
        # `create`: once, where bound; `create_twice`: two bodies; `fallback`: each of the two bindings
        (12, "collect"),
        (18, "collect"), (19, "collect"),
        (25, "collect"), (27, "collect"),
    ]


VALIDATORS = '''
import logging
from sqlalchemy import orm
from sqlalchemy.orm import validates

log = logging.getLogger(__name__)


class Person:
    @validates("email", "phone")
    def check_contact(self, key, value):
        log.warning("bad %s: %s", key, value)
        return value

    @orm.validates("country")
    def check_country(self, key, country_code):
        log.warning("bad country %s", country_code)
        return country_code

    @validates("role")
    def check_role(self, key, value):
        log.warning("bad role %s", value)
        return value


def validates_nothing(key, value):
    log.warning("%s: %s", key, value)
'''


def test_a_sqlalchemy_validators_value_holds_what_its_columns_hold() -> None:
    assert [(line, kind, categories) for line, kind, categories, *_ in observed(VALIDATORS)] == [
        (12, "log", ("user.contact.email", "user.contact.phone_number")),
        (17, "log", ("user.contact.address.country",)),
    ]
