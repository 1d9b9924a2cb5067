"""SDK clients declared in a class body or picked from a method's tuples, a getter's URLs on one host,
spam-check and SMS provider APIs, and the later defs of a name (a setter, the implementation after
overload stubs), each analysed: the shapes the eighteenth session's share census read. Each test pins
what one rule observes, and its near-misses."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

OPENAI = "python.share.openai"
DECLARED = '''
from __future__ import annotations
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    {imports}

class BaseTranslation:
    client: {annotation}

    def translate(self, text):
        return self.client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
'''


@pytest.mark.parametrize(("imports", "annotation", "expected"), [
    # the base class declares the SDK client its methods call; subclasses make it (weblate's machinery)
    ("from openai import OpenAI", "OpenAI", [(11, "share", ("user.content",), OPENAI, False)]),
    ("from openai import AsyncAzureOpenAI", "AsyncAzureOpenAI", [(11, "share", ("user.content",), OPENAI, False)]),
    ("import openai", "openai.OpenAI", [(11, "share", ("user.content",), OPENAI, False)]),
    ("from openai import OpenAI", "OpenAI | None", [(11, "share", ("user.content",), OPENAI, False)]),
    ("from openai import OpenAI", '"OpenAI"', [(11, "share", ("user.content",), OPENAI, False)]),
    ("from typing import Optional; from openai import OpenAI", "Optional[OpenAI]",
     [(11, "share", ("user.content",), OPENAI, False)]),
    # a class of the project's, or of a library the packs do not model, says nothing of where it sends
    ("from app.clients import OpenAI", "OpenAI", []),
    ("from somelib import Client", "Client", []),
    # a name the check does not know (an alias of the import) is not resolved: a known limit
    ("from openai import OpenAI as LLM", "LLM", []),
])
def test_a_client_declared_in_the_class_body_is_what_self_holds(imports: str, annotation: str,
                                                                  expected: list[Seen]) -> None:
    assert observed(DECLARED.replace("{imports}", imports).replace("{annotation}", annotation)) == expected


def test_an_assignment_in_the_class_body_is_not_a_declaration() -> None:
    source = '''
    from openai import OpenAI

    class Base:
        client: OpenAI = None

        def translate(self, text):
            return self.client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
    '''
    # a class attribute with a value is the value's (None here), as before
    assert observed(source) == []


SFS = '''
import requests
SFS_API_URL = "http://api.stopforumspam.org/api?email=%(email)s&ip=%(ip)s&f=json"

def check(ip, email):
    return requests.get({url}, timeout=5)
'''
KNOWN = "python.share.http-known-host"


@pytest.mark.parametrize(("url", "expected"), [
    ('SFS_API_URL % {"email": email, "ip": ip}',
     [(6, "share", ("user.contact.email", "user.device.ip_address"), KNOWN, False)]),
    ('f"https://api.stopforumspam.org/api?username={username}&f=json"',
     [(6, "share", ("user.account.username",), KNOWN, False)]),
    ('"https://api.stopforumspam.org/api?f=json"', []),
    ('f"https://www.stopforumspam.com/add?email={email}&ip_addr={ip}"',
     [(6, "share", ("user.contact.email", "user.device.ip_address"), KNOWN, False)]),
    ('"https://www.stopforumspam.com/downloads/listed_ip_1.zip"', []),
])
def test_stop_forum_spam_receives_what_it_checks(url: str, expected: list[Seen]) -> None:
    assert observed(SFS.replace("{url}", url)) == expected


OVH = "python.share.ovh"
OVH_BACKEND = '''
from functools import cached_property
import ovh

class Backend:
    @cached_property
    def client(self):
        return ovh.Client(endpoint="ovh-eu")

    def send(self, text, recipients, user):
        {call}
'''


@pytest.mark.parametrize(("call", "expected"), [
    ('self.client.post("/sms/x/jobs", message=text, receivers=recipients)', [(11, "share", (), OVH, False)]),
    ('self.client.put("/me", email=user.email)', [(11, "share", ("user.contact.email",), OVH, False)]),
    ('self.client.post("/sms/x/jobs", message="hi", receivers=[user.phone_number])',
     [(11, "share", ("user.contact.phone_number",), OVH, False)]),
    # reads and deletes send OVH's own ids only
    ('self.client.get("/sms")', []),
    ('self.client.delete(f"/sms/x/jobs/{text}")', []),
])
def test_ovh_api_client_posts_are_shares(call: str, expected: list[Seen]) -> None:
    assert observed(OVH_BACKEND.replace("{call}", call)) == expected


PICKED = '''
from groq import Groq
from openai import OpenAI

class Provider:
    def __init__(self, config):
        self.openai_client = None
        self.deepseek_client = None
        if config.openai:
            self.openai_client = OpenAI()
        if config.deepseek:
            self.deepseek_client = OpenAI(base_url="https://api.deepseek.com")
        self.groq_client = Groq()
        self.other = Other()

    def _pick(self, model):
        if model.startswith("deepseek/"):
            return self.deepseek_client, model[9:]
        if model.startswith("other/"):
            return self.other, model[6:]
        return {first}, model

    async def run(self, messages, model):
        client, name = {call}
        return await client.chat.completions.create(model=name, messages=messages)
'''


@pytest.mark.parametrize(("first", "call", "expected"), [
    # every SDK client the returns name at the first place is OpenAI's (another provider's base URL or
    # not; an object of no modelled SDK left aside)
    ("self.openai_client", "self._pick(model)", [(25, "share", ("user.content",), OPENAI, False)]),
    ("self.openai_client", "await self._pick(model)", [(25, "share", ("user.content",), OPENAI, False)]),
    # two SDKs at that place (Groq's and OpenAI's): which one is known at run time only
    ("self.groq_client", "self._pick(model)", []),
    # a tuple another object's method returns is not this class's method
    ("self.openai_client", "other._pick(model)", []),
])
def test_a_client_picked_from_a_tuple_the_class_returns(first: str, call: str, expected: list[Seen]) -> None:
    assert observed(PICKED.replace("{first}", first).replace("{call}", call)) == expected


HTTP = "python.share.http-known-host"
PROPERTY_URL = '''
import json
import urllib.request

DEFAULT_API_BASE_URL = "https://api.openai.com/v1"

class Client:
    def __init__(self, api_url=None):
        self._base_url = (api_url or DEFAULT_API_BASE_URL).rstrip("/")
        self._use_responses_api = False

    @property
    def _api_url(self):
        if self._use_responses_api:
            return {first}
        return f"{self._base_url}/chat/completions"

    def chat(self, messages):
        request = urllib.request.Request(self._api_url, data=json.dumps({"messages": messages}).encode())
        return urllib.request.urlopen(request).read()
'''


@pytest.mark.parametrize(("first", "expected"), [
    # the getter's branches build URLs on one host: the requests to it go there (pgadmin's OpenAI provider)
    ('f"{self._base_url}/responses"', [(19, "share", ("user.content",), HTTP, False)]),
    ('f"{self._base_url}/chat/completions"', [(19, "share", ("user.content",), HTTP, False)]),
    ('"https://api.openai.com/v1/responses"', [(19, "share", ("user.content",), HTTP, False)]),
    # two hosts: which one is known at run time only
    ('"https://api.example-llm.com/v1/chat/completions"', []),
    # a URL taken from elsewhere: the host is not the code's
    ("self.custom_url", []),
])
def test_a_property_that_builds_the_url_on_one_host(first: str, expected: list[Seen]) -> None:
    assert observed(PROPERTY_URL.replace("{first}", first)) == expected


LOGGED = "python.logging.personal-data"


def test_the_implementation_after_overload_stubs_is_analysed() -> None:
    source = '''
    from typing import overload
    from openai import OpenAI

    class Translation:
        def __init__(self):
            self.client = OpenAI()

        @overload
        def _download(self, texts: list[str]): ...
        @overload
        def _download(self, texts: str): ...
        def _download(self, texts):
            content = "|".join(texts)
            return self.client.chat.completions.create(model="m", messages=[{"role": "user", "content": content}])

        def translate(self, texts):
            return self._download(texts)
    '''
    assert observed(source) == [(15, "share", ("user.content",), OPENAI, False)]


def test_a_property_setter_is_analysed_and_the_getter_stays_the_summary() -> None:
    source = '''
    import logging
    log = logging.getLogger(__name__)

    class Account:
        @property
        def contact(self):
            return self._user.email

        @contact.setter
        def contact(self, value):
            log.info("contact changed to %s", self.first_name)
            self._contact = value

        def show(self):
            log.info("contact %s", self.contact)
    '''
    assert observed(source) == [
        (12, "log", ("user.name.first",), LOGGED, False),
        (16, "log", ("user.contact.email",), LOGGED, False),
    ]


def test_a_function_defined_again_in_a_fallback_is_analysed_too() -> None:
    source = '''
    import logging
    log = logging.getLogger(__name__)

    def notify(user):
        log.info("notify %s", user.email)

    def notify(user):
        log.info("notify %s", user.phone)
    '''
    assert observed(source) == [
        (6, "log", ("user.contact.email",), LOGGED, False),
        (9, "log", ("user.contact.phone_number",), LOGGED, False),
    ]
