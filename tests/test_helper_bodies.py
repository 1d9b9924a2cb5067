"""A request body a helper returns as one item of a tuple (mautrix-telegram's `data, user, err = await
self.get_user_request_info(request)`): the caller that unpacks the call holds the body under the name at
that position, so its key reads are field reads there, in the same class and from another module; a body
bound to `_` or never read is not taken, one used whole is taken where it is unpacked."""

from __future__ import annotations

from pathlib import Path

from engine_support import observed, observed_tree

HELPER = '''
from aiohttp import web


class Provisioning:
    async def get_data(self, request: web.Request):
        return await request.json()

    async def get_user_request_info(self, request: web.Request, want_data: bool = True):
        if not self.authorized(request):
            return None, None, web.json_response({}, status=401)
        data = None
        if want_data:
            data = await self.get_data(request)
        user = await self.lookup(request.match_info["mxid"])
        return data, user, None
'''

CALLERS = '''
    async def send_phone(self, request: web.Request) -> web.Response:
        data, user, err = await self.get_user_request_info(request)
        return await user.request_code(data.get("phone"), data.get("value"))

    async def logout(self, request: web.Request) -> web.Response:
        _, user, err = await self.get_user_request_info(request, want_data=False)
        data, user, err = await self.get_user_request_info(request)
        return await user.log_out()

    async def forward(self, request: web.Request) -> web.Response:
        data, user, err = await self.get_user_request_info(request)
        return await user.relay(data)

    async def counted(self, request: web.Request) -> web.Response:
        data, *rest = await self.get_user_request_info(request)
        return data.get("email")
'''


def test_keys_of_a_body_unpacked_from_a_method_tuple_are_field_reads() -> None:
    # HELPER's lines 1-16: the body taken whole where `get_data` returns it (7) and where the helper binds
    # it to hand it back (14, the helper rule); CALLERS from line 17: the phone read (20; `value` stays
    # unclassified), nothing for `_` nor a `data` never read (23, 24), the body passed whole taken where
    # unpacked (28); a starred unpacking is not followed (32: `data` holds no body)
    assert observed(HELPER + CALLERS) == [
        (7, "collect", ("user.content",), "python.request.body", False),
        (14, "collect", ("user.content",), "python.request.body", False),
        (20, "collect", ("user.contact.phone_number",), "python.request.field", False),
        (28, "collect", ("user.content",), "python.request.body", False),
    ]


def test_only_a_request_body_is_an_item_the_caller_reads_keys_of() -> None:
    # a tuple holding something else taken from the request (a record looked up by a path variable), or
    # a body at another position in another `return`, gives its callers no body
    source = '''
    from aiohttp import web


    async def lookup(request: web.Request):
        record = await db.get(request.match_info["key"])
        return record, None


    async def either(request: web.Request, flag: bool):
        data = await request.json()
        if flag:
            return data, None
        return None, data


    async def view(request: web.Request):
        record, err = await lookup(request)
        first, second = await either(request, True)
        return record.get("phone"), first.get("email"), second.get("email")
    '''
    assert observed(source) == [
        (11, "collect", ("user.content",), "python.request.body", False),
    ]


def test_keys_of_a_body_unpacked_from_another_modules_function(tmp_path: Path) -> None:
    helpers = '''
    from flask import request


    def request_info():
        payload = request.get_json()
        return current_user(), payload
    '''
    views = '''
    from app.helpers import request_info


    def update():
        user, payload = request_info()
        user.email = payload["email"]
        user.motto = payload.get("title")
    '''
    assert observed_tree(tmp_path, {"app/__init__.py": "", "app/helpers.py": helpers, "app/views.py": views}) == [
        ("app/helpers.py", 6, "collect", ("user.content",)),
        ("app/views.py", 7, "collect", ("user.contact.email",)),
    ]
