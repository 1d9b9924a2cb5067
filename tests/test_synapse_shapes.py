"""Shapes read from matrix-synapse's misses (the twenty-first session): a project's own request
helpers over `twisted.web` (`parse_json_object_from_request(request)` parsing the body with a
module-level `json.JSONDecoder`, `parse_string(request, "username")` reading a query argument
through two helpers that decode it, `assert_params_in_dict(body, required)`), headers named by bytes,
switches read with a boolean default, and a few names. Each test pins what one rule observes, and
its near-misses."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import observed, observed_tree

from scanner.classify import Classifier

BODY = ("user.content",)
EMAIL = ("user.contact.email",)
PASSWORD = ("user.authorization.credentials",)
USERNAME = ("user.account.username",)
FIELD = "python.request.field"
WHOLE = "python.request.body"


def test_a_json_decoder_instance_parses_a_body() -> None:
    source = '''
        import json
        from twisted.web import resource

        decoder = json.JSONDecoder()

        class Signup(resource.Resource):
            def render_POST(self, request):
                body = decoder.decode(request.content.read().decode("utf-8"))
                return self.register(body["email"])

            def render_PUT(self, request):
                return self.store(decoder.raw_decode(request.content.read().decode("utf-8")))
    '''
    # `decode` parses (line 9 reads no body whole; line 10 reads the e-mail); `raw_decode` returns a
    # pair and is not followed: the body handed to it is taken whole (line 13)
    assert observed(source) == [(10, "collect", EMAIL, FIELD, False), (13, "collect", BODY, WHOLE, False)]


SERVLET = '''
    import json
    from twisted.web.server import Request
    from app.util.json import json_decoder


    def parse_json_value_from_request(request: Request, allow_empty_body: bool = False):
        content_bytes = request.content.read()
        if not content_bytes and allow_empty_body:
            return None
        return json_decoder.decode(content_bytes.decode("utf-8"))


    def parse_json_object_from_request(request: Request, allow_empty_body: bool = False):
        content = parse_json_value_from_request(request, allow_empty_body=allow_empty_body)
        if allow_empty_body and content is None:
            return {}
        return content
'''


def test_a_module_level_decoder_imported_by_a_body_helper(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/util/__init__.py": "",
        "app/util/json.py": '''
            import json
            json_decoder = json.JSONDecoder(parse_constant=float)
        ''',
        "app/http/__init__.py": "",
        "app/http/servlet.py": SERVLET,
        "app/rest.py": '''
            from app.http.servlet import parse_json_object_from_request

            class RegisterServlet:
                async def on_POST(self, request):
                    body = parse_json_object_from_request(request)
                    password = body.get("password")
                    return await self.handler.register(body["email"], password)

                async def on_PUT(self, request, user_id):
                    content = parse_json_object_from_request(request)
                    return await self.handler.add_account_data(user_id, content)
        ''',
    }
    # the fields read at the call site are the collects (lines 7, 8), and a body passed on whole is
    # taken whole where it is bound (line 11). (The helper's own bound read, `content_bytes`, returned
    # parsed, stays a whole read of its own: a shape of bound bodies this rule does not change.)
    assert [o for o in observed_tree(tmp_path, files) if o[0] == "app/rest.py"] == [
        ("app/rest.py", 7, "collect", PASSWORD), ("app/rest.py", 8, "collect", EMAIL),
        ("app/rest.py", 11, "collect", BODY)]


ARGS = '''
    from twisted.web.server import Request


    def _parse_string_value(value, allowed_values, name, encoding):
        text = value.decode(encoding)
        if allowed_values is not None and text not in allowed_values:
            raise ValueError(name)
        return text


    def parse_strings_from_args(args, name, default=None, allowed_values=None, encoding="ascii"):
        name_bytes = name.encode("ascii")
        if name_bytes in args:
            values = args[name_bytes]
            return [_parse_string_value(value, allowed_values, name=name, encoding=encoding) for value in values]
        return default


    def parse_string_from_args(args, name, default=None, allowed_values=None, encoding="ascii"):
        strings = parse_strings_from_args(args, name, default=[default] if default is not None else None,
                                          allowed_values=allowed_values, encoding=encoding)
        if strings is None:
            return None
        return strings[0]


    def parse_string(request: Request, name, default=None, allowed_values=None, encoding="ascii"):
        args = request.args
        return parse_string_from_args(args, name, default, allowed_values=allowed_values, encoding=encoding)


    def first_lowered(args, name):
        return args[name][0].lower()
'''


def test_query_helpers_name_the_argument_their_callers_read(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/servlet.py": ARGS,
        "app/rest.py": '''
            from app.servlet import first_lowered, parse_string, parse_strings_from_args

            class UsernameAvailable:
                async def on_GET(self, request):
                    username = parse_string(request, "username")
                    emails = parse_strings_from_args(request.args, "email")
                    direction = parse_string(request, "dir", default="f", allowed_values=["f", "b"])
                    phone = first_lowered(request.args, "phone_number")
                    return username, emails, direction, phone
        ''',
    }
    # the argument each call names (lines 6, 7, 9): the helpers' decoding (`value.decode(...)`, a
    # checking helper returning it, `strings[0]`, `.lower()`) keeps the read the key's; an argument
    # named for nothing is no collect (line 8)
    assert observed_tree(tmp_path, files) == [
        ("app/rest.py", 6, "collect", USERNAME), ("app/rest.py", 7, "collect", EMAIL),
        ("app/rest.py", 9, "collect", ("user.contact.phone_number",))]


OVERLOADED = '''
    from typing import overload
    from twisted.web import resource


    class Username(resource.Resource):
        def render_GET(self, request):
            return self.check(query_string(request.args, "username"))


    @overload
    def query_string(args, name: str, default: str) -> str: ...


    @overload
    def query_string(args, name: str, default: None = None) -> str | None: ...


    def query_string(args, name, default=None):
        {body}
'''


def test_a_caller_before_an_overloaded_helper_sees_the_implementation() -> None:
    # the caller (line 8) is analysed before the helper's implementation is reached: the summary it
    # applies is the implementation's (a key read its caller names), not the first stub's
    assert observed(OVERLOADED.format(body="return args.get(name, default)")) == [
        (8, "collect", USERNAME, FIELD, False)]
    # the implementation decides: the arguments handed to one that reads no key of them are taken whole
    assert observed(OVERLOADED.format(body="return default")) == [(8, "collect", BODY, WHOLE, False)]


PARSED = '''
    import json
    from twisted.web import resource


    def parsed_body(request):
        return json.loads(request.content.read())


    def assert_params_in_dict(body, required):
        absent = []
        for k in required:
            if k not in body:
                absent.append(k)
        if len(absent) > 0:
            raise ValueError(absent)


    def required_or_logged(body, required):
        for k in required:
            if k not in body:
                raise ValueError(body)


    class Membership(resource.Resource):
        async def render_PUT(self, request):
            content = parsed_body(request)
            membership = content.get("membership", None)
            return await self.update_membership(action=membership, content=content)

        async def render_POST(self, request):
            body = parsed_body(request)
            assert_params_in_dict(body, ["email", "send_attempt"])
            return await self.request_token(body["email"], body["send_attempt"])

        async def render_PATCH(self, request):
            body = parsed_body(request)
            required_or_logged(body, ["email"])
            return await self.request_token(body["email"])
'''


def test_a_body_parsed_from_the_request_object_and_passed_on_is_taken_whole() -> None:
    # `content = parsed_body(request)` read by a key and passed on whole: taken whole where bound
    # (line 27), as `json.loads(request.content.read())` bound there would be; a checker that only tests
    # required keys' presence takes nothing (line 33), the key read after it is the collect (line 34);
    # a function that does anything else with the body (raises it) still takes it whole (line 37)
    assert observed(PARSED) == [
        (27, "collect", BODY, WHOLE, False), (34, "collect", EMAIL, FIELD, False),
        (37, "collect", BODY, WHOLE, False), (39, "collect", EMAIL, FIELD, False)]


HEADERS = '''
    {imports}


    def get_request_user_agent(request, default=""):
        h = request.getHeader(b"User-Agent")
        return h.decode("ascii", "replace") if h else default


    def forwarded_for(request):
        return request.requestHeaders.getRawHeaders(b"x-forwarded-for")
'''


def test_twisted_names_headers_by_bytes() -> None:
    twisted = HEADERS.format(imports="from twisted.web.server import Request")
    assert observed(twisted) == [(6, "collect", ("user.device",), "python.request.header", False),
                                 (11, "collect", ("user.device.ip_address",), "python.request.client-ip", False)]
    # `requestHeaders` is `twisted.web`'s only where Twisted is imported; `getHeader` is a request's anywhere
    assert observed(HEADERS.format(imports="import logging")) == [
        (6, "collect", ("user.device",), "python.request.header", False)]


def test_a_key_read_with_a_boolean_default_is_a_switch() -> None:
    source = '''
        from flask import request

        def register():
            body = request.get_json()
            should_issue_refresh_token = body.get("refresh_token", False)
            logout_devices = body.get("password", True)
            token = body.get("refresh_token")
            password = body.get("password", "")
            return should_issue_refresh_token, logout_devices, token, password
    '''
    credentials = ("user.authorization.credentials",)
    assert observed(source) == [(8, "collect", credentials, FIELD, False), (9, "collect", credentials, FIELD, False)]


@pytest.mark.parametrize(("name", "owner", "category"), [
    # a push gateway's key for a device (a Matrix pusher's APNs or FCM token)
    ("pushkey", None, "user.device.device_id"),
    ("appid_pushkey", None, "user.device.device_id"),
    # a table of pushers by it is no key
    ("pushers_by_app_id_and_pushkey", None, None),
    # the name a person gives their device
    ("device_display_name", "request", "user.device"),
    ("initial_device_display_name", None, "user.device"),
    # a status message a person sends to set their presence; elsewhere a status is a system's
    ("status_msg", "json", "user.content"),
    ("status_msg", None, None),
])
def test_synapse_names(name: str, owner: str | None, category: str | None) -> None:
    found = Classifier.load().name(name, owner=owner)
    assert (found.category if found is not None else None) == category


def test_a_key_dropped_from_a_request_container_is_no_read() -> None:
    source = '''
        from twisted.web import resource

        class ThirdParty(resource.Resource):
            async def render_GET(self, request, protocol):
                fields = request.args
                fields.pop(b"access_token", None)
                return await self.handler.query_3pe(protocol, fields)

            def render_POST(self, request):
                token = request.args.pop(b"access_token", None)
                return token
    '''
    # the statement drops the key (line 7 reads nothing); the container passed on is taken whole
    # (line 6); a pop whose value is kept reads the key (line 11)
    assert observed(source) == [(6, "collect", BODY, WHOLE, False),
                                (11, "collect", PASSWORD, FIELD, False)]


def test_a_bound_bodys_nested_fields_passed_on_are_the_body_taken_whole() -> None:
    source = '''
        import json
        from twisted.web import resource

        class Pusher(resource.Resource):
            async def render_POST(self, request):
                content = json.loads(request.content.read())
                return await self.add_pusher(kind=content["kind"], data=content["data"])

            async def render_PUT(self, request):
                return await self.add_pusher(data=json.loads(request.content.read())["data"])
    '''
    # reported where the body is bound (line 7), not at the call (line 8); a body never bound is
    # taken whole where it is passed (line 11)
    assert observed(source) == [(7, "collect", BODY, WHOLE, False), (11, "collect", BODY, WHOLE, False)]


# The twenty-second session: matrix-synapse's leftovers
SERVLET = '''
    import json
    from twisted.web.server import Request

    json_decoder = json.JSONDecoder()

    def parse_json_object_from_request(request, allow_empty_body=False):
        content = json_decoder.decode(request.content.read().decode("utf-8"))
        if not isinstance(content, dict):
            raise ValueError("not an object")
        return content

    def validate_json_object(content, model_type):
        try:
            instance = model_type.model_validate(content)
        except ValueError as e:
            raise ValueError(str(e))
        return instance

    def parse_and_validate_json_object_from_request(request, model_type):
        content = parse_json_object_from_request(request, allow_empty_body=False)
        return validate_json_object(content, model_type)

    def copy_settings(row, model_type):
        return validate_json_object(row, model_type)
'''


def test_a_class_a_validating_helper_is_given_with_a_request_body_receives_it(tmp_path: Path) -> None:
    found = observed_tree(tmp_path, {
        "app/__init__.py": "",
        "app/servlet.py": SERVLET,
        "app/models.py": '''
            from pydantic import BaseModel

            class EmailRequestTokenBody(BaseModel):
                email: str
                client_secret: str

            class StoredSettings(BaseModel):
                email: str
        ''',
        "app/account.py": '''
            from pydantic import BaseModel
            from twisted.web import resource

            from app.models import EmailRequestTokenBody, StoredSettings
            from app.servlet import copy_settings, parse_and_validate_json_object_from_request

            class PasswordRestServlet(resource.Resource):
                class PostBody(BaseModel):
                    new_password: str | None = None
                    logout_devices: bool = True

                def render_POST(self, request):
                    return parse_and_validate_json_object_from_request(request, self.PostBody)

            class EmailServlet(resource.Resource):
                def render_POST(self, request):
                    return parse_and_validate_json_object_from_request(request, EmailRequestTokenBody)

                def load(self, row):
                    return copy_settings(row, StoredSettings)
        ''',
    })
    fields = sorted((path, line, categories) for path, line, kind, categories in found if path != "app/servlet.py")
    # the nested model named through `self`, the imported one; not the class built from a stored row
    assert fields == [
        ("app/account.py", 10, ("user.authorization.credentials",)),
        ("app/models.py", 5, ("user.contact.email",)),
        ("app/models.py", 6, ("user.authorization.credentials",)),
    ]


def test_a_literal_choice_is_no_type_of_its_values() -> None:
    source = '''
        from typing import Literal
        from fastapi import FastAPI
        from pydantic import BaseModel

        app = FastAPI()

        class UnbindBody(BaseModel):
            medium: Literal["email", "msisdn"]
            primary: "EmailStr"
            email: str

        @app.post("/unbind")
        def unbind(body: UnbindBody):
            return body
    '''
    # `medium` names which kind of address `address` is; a quoted annotation stays a type
    assert [(line, categories) for line, kind, categories, rule, stored in observed(source)] == [
        (10, EMAIL), (11, EMAIL)]


def test_self_in_a_request_subclass_is_the_request_for_who_sent_it() -> None:
    source = '''
        import logging
        from twisted.web import resource
        from twisted.web.server import Request

        logger = logging.getLogger(__name__)

        class SynapseRequest(Request):
            def _validate_content_length(self):
                size = self.content.tell()
                logger.info("Rejecting request from %s: %d bytes", self.client, size)

        class XForwardedForRequest(SynapseRequest):
            def _process_forwarded_headers(self):
                return self.requestHeaders.getRawHeaders(b"x-forwarded-for")

        class Client(resource.Resource):
            def render_GET(self, request):
                logger.info("served %s", self.client)
                return request.client
    '''
    # the subclass's client address and headers are the request's; its body is its own machinery, and
    # `self` of another class is no request (a resource's `self.client`); a request's `client` is read
    found = [(line, kind, categories) for line, kind, categories, rule, stored in observed(source)]
    ip = ("user.device.ip_address",)
    assert found == [(11, "collect", ip), (11, "log", ip), (15, "collect", ip), (20, "collect", ip)]
