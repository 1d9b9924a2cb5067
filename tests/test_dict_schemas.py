"""Schemas declared as dicts (`[[dict_schema]]` in schemas.toml), with exact observations.

A dict of field name to validators returned by a function named as a schema builder
(`default_user_schema()`), a Cerberus rules dict, a voluptuous schema and a JSON Schema's
`properties` declare their fields as a schema class does: each personal key is a received
`collect` at the key's line, and a key a derived schema adds (`schema["password1"] = [...]`) is
one at that statement. Response and configuration schemas, dicts of strings or of literal lists,
and dicts no validator is given collect nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import Seen, models, pack_problems
from engine_support import observed as observed_in

from scanner.packs import DictSchema

DICT = "python.dict-schema.field"
CERBERUS = "python.cerberus.field"
VOLUPTUOUS = "python.voluptuous.field"
JSON = "python.jsonschema.property"
EMAIL = ("user.contact.email",)
PASSWORD = ("user.authorization.credentials",)
NAME = ("user.name",)
PHONE = ("user.contact.phone_number",)


def observed(source: str) -> list[Seen]:
    return observed_in(source, "app/schema.py")


def collect(line: int, categories: tuple[str, ...], rule: str = DICT) -> Seen:
    return (line, "collect", categories, rule, False)


USER_SCHEMA = '''
from app.lib.navl import validator_args


@validator_args
def {name}(ignore_missing, not_empty, unicode_safe, email_validator, user_password_validator):
    return {{
        "id": [ignore_missing, unicode_safe],
        "name": [not_empty, unicode_safe],
        "fullname": [ignore_missing, unicode_safe],
        "email": [not_empty, email_validator],
        "password": [user_password_validator, unicode_safe],
        "state": [ignore_missing],
        "address": {{"city": [ignore_missing], "postcode": [ignore_missing]}},
        "extras": default_extras_schema(),
    }}
'''
# the nested dict's keys share a line: one observation there, with both categories
ADDRESS = collect(14, ("user.contact.address.city", "user.contact.address.postal_code"))
USER_FIELDS = [collect(9, NAME), collect(10, NAME), collect(11, EMAIL), collect(12, PASSWORD), ADDRESS]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("default_user_schema", USER_FIELDS),
        ("user_schema", USER_FIELDS),
        ("userRegistrationSchema", USER_FIELDS),
        # the person named before a qualifier still owns the keys (`user_new_form` -> user)
        ("user_new_form_schema", USER_FIELDS),
        ("get_schema_for_user", USER_FIELDS),
        ("public_user_signup_schema", USER_FIELDS),
        # a schema named for a group, not a person: `name` is the group's; the email is anyone's
        ("default_group_schema", [collect(10, NAME), collect(11, EMAIL), collect(12, PASSWORD), ADDRESS]),
        # responses and configuration collect nothing
        ("default_show_user_schema", []),
        ("user_response_schema", []),
        ("user_dump_schema", []),
        ("user_output_schema", []),
        ("user_settings_schema", []),
        ("mail_config_schema", []),
        # CKAN's `default_update_configuration_schema` (site title, logo upload, ...)
        ("default_update_configuration_schema", []),
        # not a schema builder by its name
        ("default_user_fields", []),
    ],
)
def test_a_schema_functions_validator_dict_declares_fields(name: str, expected: list[Seen]) -> None:
    assert observed(USER_SCHEMA.format(name=name)) == expected


def test_a_nested_key_is_owned_by_its_parent_key_then_the_schema() -> None:
    # `fullname` alone says a name, `name` only with a person for owner
    assert observed(USER_SCHEMA.format(name="default_group_schema").replace('"fullname"', '"title"')) == [
        collect(11, EMAIL), collect(12, PASSWORD), ADDRESS]


DERIVED = '''
def default_user_schema():
    return {"email": [not_empty, email_validator]}


def user_new_form_schema():
    schema = default_user_schema()
    schema["__before"] = [user_both_passwords_entered]
    schema["password1"] = [unicode_safe, user_password_validator]
    schema["password2"] = [unicode_safe]
    schema["phone"] = "not a validator list"
    schema["email"] = []
    schema.update({"phone": [ignore_missing], "state": [ignore_missing]})
    other = {}
    other["password3"] = [unicode_safe]
    schema["address"] = {"city": [ignore_missing], "verified": [ignore_missing]}
    schema["contact"] = {"type": "string"}
    return schema


def default_show_user_schema():
    schema = default_user_schema()
    schema["password"] = [ignore_missing]
    return schema


class DatasetPlugin:
    def create_dataset_schema(self):
        schema = base_dataset_schema()
        schema.update({"maintainer_email": [ignore_missing, email_validator]})
        return schema
'''


def test_keys_a_derived_schema_adds_are_collects_at_the_statement() -> None:
    # an empty list redeclares nothing; a name the function does not return is not the schema
    # a nested dict added whole declares its own keys; one of another shape (a rules dict) none
    assert observed(DERIVED) == [
        collect(3, EMAIL), collect(9, PASSWORD), collect(10, PASSWORD), collect(13, PHONE),
        collect(16, ("user.contact.address.city",)), collect(30, EMAIL)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('{"email": [not_empty, email_validator], "phone": (ignore_missing, str)}', [collect(2, EMAIL + PHONE)]),
        ('{"email": [v.not_empty, v.email(strict=True)], **base}', [collect(2, EMAIL)]),
        # `dict(...)` with keywords is a dict display
        ('dict(email=[not_empty], phone=[ignore_missing], **base)', [collect(2, EMAIL + PHONE)]),
        ('dict(email="Email address")', []),
        # strings: labels; lists of literals: settings; no list at all: not a validator dict
        ('{"email": "Email address", "phone": "Phone"}', []),
        ('{"email": ["noreply@example.com"], "phone": [not_empty]}', []),
        ('{"email": email_field, "phone": phone_field}', []),
        ('{"email": [], "phone": []}', []),
        ('{}', []),
    ],
)
def test_only_dicts_of_validator_lists_are_validator_schemas(body: str, expected: list[Seen]) -> None:
    assert observed(f"def registration_schema():\n    return {body}\n") == expected


CERBERUS_SOURCE = '''
import cerberus
from cerberus import Validator

contact_schema = {
    "name": {"type": "string", "required": True},
    "email": {"type": "string", "regex": "^.+@.+$"},
    "address": {"type": "dict", "schema": {
        "city": {"type": "string"},
    }},
    "newsletter": {"type": "boolean"},
}
v = cerberus.Validator(contact_schema)
untyped_schema = {"phone": {"required": True}}
LABEL_SCHEMA = {"email": "Email"}


def check(document):
    rules = {"phone": {"required": True}, "page": {"min": 1}}
    return Validator(rules).validate(document) and Validator(schema={"password": {"type": "string"}})
'''


def test_cerberus_rules_dicts_declare_fields() -> None:
    # a module-level name needs a `type` rule to be a Cerberus schema; given to Validator it needs none
    assert observed(CERBERUS_SOURCE) == [
        collect(6, NAME, CERBERUS), collect(7, EMAIL, CERBERUS), collect(9, ("user.contact.address.city",), CERBERUS),
        collect(19, PHONE, CERBERUS), collect(20, PASSWORD, CERBERUS)]


WEBAPI = "python.djblets.webapi-field"
WEBAPI_SOURCE = '''
from djblets.webapi.decorators import webapi_request_fields
from djblets.webapi.fields import FileFieldType, StringFieldType


class ReviewRequestResource(WebAPIResource):
    fields = {"summary": {"type": StringFieldType}}
    CREATE_OPTIONAL_FIELDS = {
        "description": {"type": StringFieldType},
        "commit_id": {"type": StringFieldType},
    }
    UNUSED_FIELDS = {"email": {"type": StringFieldType}}

    @webapi_request_fields(
        required={"username": {"type": StringFieldType}, "path": {"type": FileFieldType}},
        optional={"first_name": {"type": StringFieldType}, "caption": {"type": StringFieldType}},
        allow_unknown=True,
    )
    def create(self, request, *args, **kwargs):
        pass

    @webapi_request_fields({"email": {"type": StringFieldType}}, optional=CREATE_OPTIONAL_FIELDS)
    def update(self, request, *args, **kwargs):
        pass


def unrelated(**kwargs):
    return webapi_request_fields
'''


def test_djblets_webapi_request_fields_declare_fields() -> None:
    # `required` (also positional) and `optional`, written in the decorator or bound in the class
    # body; the class owns the texts (`description` of a review request); an uploaded file by its
    # type; the response's `fields` and a dict no decorator is given are not request fields
    assert observed(WEBAPI_SOURCE) == [
        collect(9, ("user.content",), WEBAPI),
        # two keys on one line: one observation there, with both categories
        collect(15, ("user.account.username", "user.content"), WEBAPI),
        collect(16, ("user.content", "user.name.first"), WEBAPI),
        collect(22, EMAIL, WEBAPI)]


VOLUPTUOUS_SOURCE = '''
import voluptuous as vol
from voluptuous import Any, Optional, Required, Schema

signup = Schema({
    Required("email"): vol.Email(),
    Optional("phone"): str,
    "username": vol.All(str, vol.Length(min=3)),
    vol.Optional("remember_me", default=False): bool,
    Any("first_name", "nickname"): str,
    "profile": {Required("birthday"): str},
})
'''


def test_voluptuous_schemas_declare_plain_and_marked_keys() -> None:
    # `Any(...)` is not a key marker: its arguments are alternatives, not the field's name
    assert observed(VOLUPTUOUS_SOURCE) == [
        collect(6, EMAIL, VOLUPTUOUS), collect(7, PHONE, VOLUPTUOUS), collect(8, ("user.account.username",), VOLUPTUOUS),
        collect(11, ("user.demographic.date_of_birth",), VOLUPTUOUS)]


JSON_SOURCE = '''
import fastjsonschema
import jsonschema
from jsonschema import Draft7Validator, validate

PROFILE_UPDATE_SCHEMA = {
    "type": "object",
    "properties": {
        "display_name": {"type": "string"},
        "theme": {"enum": ["light", "dark"]},
        "attendees": {"type": "array", "items": {"type": "object", "properties": {
            "phone": {"type": "string"},
        }}},
    },
}
PROFILE_RESPONSE_SCHEMA = {"type": "object", "properties": {"email": {"type": "string"}}}
STORAGE_CONFIG_SCHEMA = {"type": "object", "properties": {"password": {"type": "string"}}}
TOOL_SCHEMA = {"type": "string", "properties": {"email": {}}}
PROFILE = {"type": "object", "properties": {"email": {"type": "string"}}}


def update(payload):
    validate(payload, {"properties": {"email": {"type": "string"}}})
    jsonschema.validate(instance=payload, schema=PROFILE)
    schema = {"properties": {"password": {"type": "string"}}}
    Draft7Validator(schema).validate(payload)
    fastjsonschema.compile({"properties": {"message": {}}})


class Checker:
    schema = {"properties": {"first_name": {}}}

    def check(self, payload):
        jsonschema.validate(payload, self.schema)
'''


def test_json_schema_properties_declare_fields() -> None:
    # named `_SCHEMA` it needs `"type": "object"`; a response's or a configuration's is not a collect;
    # `PROFILE` is a schema only once something validates against it
    assert observed(JSON_SOURCE) == [
        collect(9, ("user.name",), JSON), collect(12, PHONE, JSON), collect(19, EMAIL, JSON), collect(23, EMAIL, JSON),
        collect(25, PASSWORD, JSON), collect(27, ("user.content",), JSON), collect(31, ("user.name.first",), JSON)]


COMBINED_SOURCE = '''
import jsonschema

SIGNUP_SCHEMA = {
    "type": "object",
    "allOf": [
        {"properties": {"email": {"type": "string"}}},
        {"properties": {"plan": {"type": "string"}}},
    ],
    "definitions": {
        "address": {"type": "object", "properties": {"city": {"type": "string"}}},
    },
}


def check(data):
    jsonschema.validate(data, dict(type="object", properties={"password": {"type": "string"}}))
'''


def test_json_schema_combinators_definitions_and_dict_calls_declare_fields() -> None:
    assert observed(COMBINED_SOURCE) == [
        collect(7, EMAIL, JSON), collect(11, ("user.contact.address.city",), JSON), collect(17, PASSWORD, JSON)]


DICT_CALLS = '''
def registration_schema():
    schema = dict(
        email=[not_empty, email_validator],
        state=[ignore_missing],
    )
    schema.update(phone=[ignore_missing], **extra)
    schema.update(dict(password=[not_empty]))
    return schema
'''


def test_a_schema_built_with_dict_calls_declares_its_keywords() -> None:
    assert observed(DICT_CALLS) == [collect(4, EMAIL), collect(7, PHONE), collect(8, PASSWORD)]


def test_the_bundled_packs_declare_the_dict_schemas() -> None:
    loaded = models()
    assert [(d.family, d.shape) for d in loaded.dict_schemas] == [
        ("validator-dict", "validators"), ("cerberus", "rules"), ("voluptuous", "markers"),
        ("json-schema", "json-schema"), ("json-schema", "json-schema"), ("json-schema", "json-schema"),
        ("webargs", "markers"), ("djblets-webapi", "rules")]
    webapi = loaded.dict_schema_calls.get("djblets.webapi.decorators.webapi_request_fields")
    assert webapi is not None and (webapi.position, webapi.keyword, webapi.keywords) == (0, "required", ("optional",))
    # a webargs argmap: webargs' decorators and a project's wrappers of the same names, a parser's parse
    argmaps = [loaded.dict_schema_calls.get(s) for s in (
        "webargs.flaskparser.use_kwargs", "indico.web.args.use_args", "webargs.flaskparser.parser.parse",
        "app.views.use_kwargs_later", "webargs.flaskparser.FlaskParser().load_json", "app.args.parse")]
    assert [a.family if a is not None else None for a in argmaps] == ["webargs", "webargs", "webargs", None, None, None]
    validate = loaded.dict_schema_calls.get("jsonschema.validate")
    assert validate == DictSchema("json-schema", JSON, "json-schema", position=1, keyword="schema")
    draft = loaded.dict_schema_calls.get("jsonschema.validators.Draft202012Validator")
    assert draft is not None and (draft.position, draft.keyword) == (0, "schema")
    assert loaded.dict_schema_calls.get("jsonschema.Draft5Validator") is None
    builder = loaded.dict_schemas[0]
    assert builder.names_function("default_User_Schema") and not builder.names_function("default_user_form")
    assert builder.names_variable("USER_SCHEMA") and not builder.names_variable("SCHEMA")
    assert {"show", "response", "dump", "output"} <= loaded.response_words


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ('[[dict_schema]]\nfamily = "d"\nrule = "r"\nshape = "list"\ncalls = ["x.V"]\n',
         ["unknown dict schema shape 'list' (known: json-schema, markers, rules, validators)"]),
        ('[[dict_schema]]\nfamily = "d"\nrule = "r"\nshape = "rules"\n',
         ["a [[dict_schema]] needs 'calls', 'functions' or 'names'"]),
        ('[[dict_schema]]\nfamily = "d"\nrule = "r"\nshape = "rules"\ncalls = ["x.V"]\nposition = -1\n',
         ["'position' must be a non-negative integer"]),
        ('[[dict_schema]]\nfamily = "d"\nrule = "r"\nshape = "rules"\ncalls = ["x.V"]\nkeyword = 2\n',
         ["'keyword' must be a string"]),
        ('[[dict_schema]]\nfamily = "d"\nshape = "rules"\ncalls = ["x.V"]\n', ["'rule' must be a non-empty string"]),
        ('[[dict_schema]]\nfamily = "d"\nrule = "r"\nshape = "rules"\nnames = ["*_schema"]\nfields = 1\n',
         ["unknown key 'fields' in [dict_schema] of rule pack"]),
        ('[defaults]\nresponse_words = "show"\n', ["'response_words' must be a list of strings"]),
    ],
)
def test_a_broken_dict_schema_entry_is_a_rule_pack_error(tmp_path: Path, text: str, problems: list[str]) -> None:
    assert pack_problems(tmp_path, text) == problems
