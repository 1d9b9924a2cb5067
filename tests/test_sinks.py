"""Where an HTTP request goes, as far as the code shows (scanner/engine/sinks.url_target), and the
shapes of strings built from parts that it reads (scanner/engine/values)."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import models, observed

from scanner.classify import Classifier
from scanner.config import Config
from scanner.engine.analyzer import analyze_source
from scanner.engine.sinks import registered_domain, url_target
from scanner.engine.values import HOLE, Value, default_shape, joined_shape
from scanner.errors import RulePackError
from scanner.model import Kind
from scanner.packs import load_models
from scanner.runner import run

H = HOLE


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (Value(const="https://api.deepgram.com/v1/listen"), ("api.deepgram.com", "/v1/listen", False)),
        (Value(const="https://kagi.com/api/v1/search?limit=5"), ("kagi.com", "/api/v1/search", False)),
        # an unknown part in the path: the path up to it
        (Value(shape=f"https://api.stripe.com/v1/payment_intents/{H}"), ("api.stripe.com", "/v1/payment_intents/", False)),
        (Value(shape=f"https://api.mistral.ai/v1/files/{H}/url"), ("api.mistral.ai", "/v1/files/", False)),
        # an unknown value in the query string is data the request sends
        (Value(shape=f"https://api.mixpanel.com/track?data={H}"), ("api.mixpanel.com", "/track", True)),
        # an unknown first label: a subdomain of the known rest
        (Value(shape=f"https://{H}.tts.speech.microsoft.com/cognitiveservices/v1"),
         ("tts.speech.microsoft.com", "/cognitiveservices/v1", False)),
        # an unknown part after the host's known start: the known start, as the leading text says
        (Value(shape=f"https://api.openai.com{H}"), ("api.openai.com", "/", False)),
        # nothing of the host is known
        (Value(shape=f"https://{H}/v1/track"), None),
        (Value(shape=f"https://{H}.com/v1"), None),
        (Value(shape=f"{H}/v1/track"), None),
        # only the scheme is unknown
        (Value(shape=f"{H}://api.serpstack.com/search"), ("api.serpstack.com", "/search", False)),
        (Value(const="/relative/path"), None),
        (Value(), None),
    ],
)
def test_url_target(url: Value, expected: tuple[str, str, bool] | None) -> None:
    assert url_target(url) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([Value(const="https://"), Value(), Value(const=".tts.example.com")], f"https://{H}.tts.example.com"),
        ([Value(), Value(const="/v1/"), Value(), Value()], f"{H}/v1/{H}"),
        ([Value(shape=f"https://{H}.example.com"), Value(const="/v1")], f"https://{H}.example.com/v1"),
        ([Value(), Value()], None),
    ],
)
def test_joined_shape(parts: list[Value], expected: str | None) -> None:
    assert joined_shape(parts) == expected


@pytest.mark.parametrize(
    ("alternatives", "expected"),
    [
        # `setting or "https://api.mistral.ai/v1"`: the code's default
        ([Value(), Value(const="https://api.mistral.ai/v1")], "https://api.mistral.ai/v1"),
        ([Value(), Value(shape=f"https://{H}.tts.example.com")], f"https://{H}.tts.example.com"),
        # two written alternatives: neither is the default
        ([Value(const="https://a.example.com"), Value(const="https://b.example.com")], None),
        ([Value(), Value()], None),
        ([Value(), Value(const=3)], None),
        # a default that is not a URL leaves the value unknown
        ([Value(), Value(const="anonymous")], None),
        ([Value(), Value(shape=f"{H}/v1")], None),
    ],
)
def test_default_shape(alternatives: list[Value], expected: str | None) -> None:
    assert default_shape(alternatives) == expected


def test_text_is_the_shapes_literal_start() -> None:
    assert Value(shape=f"https://api.example.com/{H}/x").text == "https://api.example.com/"
    assert Value(shape=f"{H}/x").text is None
    assert Value(const="session=1").text == "session=1"


@pytest.mark.parametrize(
    ("symbol", "sends"),
    [
        ("websockets.connect", {"send", "send_str", "send_json", "send_bytes", "send_text", "send_binary"}),
        ("aiohttp.ClientSession().ws_connect", {"send", "send_str", "send_json", "send_bytes", "send_text", "send_binary"}),
        # a client made with a base URL sends its requests there
        ("httpx.Client", {"get", "post", "put", "patch", "delete", "head", "options", "stream", "request"}),
        # an HTTP request sends its own arguments: it opens nothing
        ("requests.post", set()),
    ],
)
def test_connection_openers_name_their_sending_methods(symbol: str, sends: set[str]) -> None:
    found = load_models().http_calls.get(symbol)
    assert found is not None
    assert found.sends == frozenset(sends)


def test_sends_must_be_a_list_of_strings(tmp_path: Path) -> None:
    pack = tmp_path / "p.toml"
    pack.write_text('[pack]\nname = "p"\n\n[[http]]\ncalls = ["ws.connect"]\nsends = "send"\n', encoding="utf-8")
    with pytest.raises(RulePackError, match="'sends' must be a list of strings"):
        load_models([pack])


API = '''
SEARCH_API = "https://api.search.brave.com/res/v1"


def endpoint(path):
    return f"{SEARCH_API}/{path}"


def configured(settings, path):
    return f"{settings.SEARCH_URL}/{path}"
'''

SEARCH = '''
import requests

from app.api import configured, endpoint


def web_search(query, settings):
    requests.get(endpoint("web/search"), params={"q": query})
    requests.get(configured(settings, "web/search"), params={"q": query})
    requests.get(endpoint("usage"))
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_url_built_by_another_modules_helper_names_its_host(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "app" / "api.py").write_text(API, encoding="utf-8")
    (tmp_path / "app" / "search.py").write_text(SEARCH, encoding="utf-8")
    result = run(tmp_path, config=Config(), command="observe", jobs=jobs)
    shares = [(o.path, o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    # the configured URL and the request that sends nothing are not shares
    assert shares == [("app/search.py", 8, "Brave Search", ("user.behavior",))]


CONSTANTS = '''
telemetry_server = "https://telemetry.khoj.dev/v1/telemetry"
search_api = "https://api.search.brave.com/res/v1/web/search"
docs_url = "https://docs.example.com/setup"
settings_url = None
'''

UPLOAD = '''
import requests

from khoj.utils import constants
from khoj.utils.constants import search_api


def upload(queue, query, installation_id):
    requests.post(constants.telemetry_server, json=queue)
    requests.get(search_api, params={"q": query})
    requests.post(constants.docs_url, json={"id": installation_id})
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_url_constant_of_another_module_names_its_host(tmp_path: Path, jobs: int) -> None:
    """A constants module's URL of a known or the vendor's host: a request to it from another module
    is a share; a URL of another host is not."""
    (tmp_path / "khoj" / "utils").mkdir(parents=True)
    for init in ("khoj/__init__.py", "khoj/utils/__init__.py"):
        (tmp_path / init).write_text("", encoding="utf-8")
    (tmp_path / "khoj" / "utils" / "constants.py").write_text(CONSTANTS, encoding="utf-8")
    (tmp_path / "khoj" / "configure.py").write_text(UPLOAD, encoding="utf-8")
    result = run(tmp_path, config=Config(), command="observe", jobs=jobs)
    shares = [(o.path, o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == [("khoj/configure.py", 9, "khoj.dev", ()),
                      ("khoj/configure.py", 10, "Brave Search", ("user.behavior",))]


AI_INPUT_PRINTED = """\
import openai

def encode(entries, client: openai.OpenAI, settings):
    for index in range(len(entries)):
        try:
            client.embeddings.create(input=entries[index].replace("\\n", " "), model=settings.model)
        except Exception as e:
            print(f"failed {index}: {entries[index][:1000]} {e}")
            print(f"failed {index} with {settings.model}: {e}")
    print(f"encoded {entries}")

def before_any_send(entries):
    print(entries)
"""


def test_a_value_sent_to_an_ai_provider_as_input_is_content_where_the_function_logs_it() -> None:
    """The parameter the SDK call's `input` comes from is user content in the rest of the function;
    other values, and the same name in another function, are not."""
    result = analyze_source("app/encoder.py", AI_INPUT_PRINTED, models(), Classifier.load())
    found = [(o.kind, o.span.start_line, o.categories) for o in result.observations]
    assert found == [(Kind.SHARE, 6, ("user.content",)), (Kind.LOG, 8, ("user.content",)),
                     (Kind.LOG, 10, ("user.content",))]


AI_ARGS_SPREAD = """\
import logging
import anthropic

log = logging.getLogger(__name__)
client = anthropic.Anthropic()

def complete(args, settings):
    log.debug(f"request: {args}")
    log.debug(f"settings: {settings}")
    try:
        return client.messages.create(**args)
    except Exception:
        log.error("payload = ", args)
        raise

def with_messages(args, messages):
    log.debug(f"options: {args}")
    return client.messages.create(messages=messages, **args)

def seen_spread(limit):
    args = {"model": "claude", "max_tokens": limit}
    log.debug(f"request: {args}")
    return client.messages.create(**args)
"""


def test_a_dict_spread_into_an_ai_providers_call_carries_the_messages() -> None:
    """`messages.create(**args)` of a dict whose keys cannot be seen, given no payload by name, sends
    the messages: the share is content, and so are the function's logs of `args`, before the call (line
    8) and after it (13); not a log of another parameter, nor of a spread beside `messages=` (the
    settings), nor of a dict built in the function whose keys say it holds no payload (a share of nothing
    seen, as before)."""
    result = analyze_source("app/llm.py", AI_ARGS_SPREAD, models(), Classifier.load())
    found = sorted((o.span.start_line, o.kind, o.categories) for o in result.observations)
    assert found == [(8, Kind.LOG, ("user.content",)), (11, Kind.SHARE, ("user.content",)),
                     (13, Kind.LOG, ("user.content",)), (18, Kind.SHARE, ("user.content",)),
                     (23, Kind.SHARE, ())]


BLUEPRINT_PREFIX = """\
import logging
from flask import Blueprint, request

log = logging.getLogger(__name__)
kobo = Blueprint("kobo", __name__, url_prefix="/kobo/<auth_token>")
shelf = Blueprint("shelf", __name__, url_prefix="/shelf/<int:shelf_id>")


@kobo.route("/v1/library/<dummy>", methods=["GET"])
def unimplemented(dummy=None):
    log.debug("Unimplemented request: %s", request.base_url)
    log.debug("full: %s", request.full_path)
    log.debug("root: %s", request.url_root)
    return ""


@shelf.route("/books")
def books(shelf_id):
    log.debug("shelf request: %s", request.path)
    return ""


def helper():
    log.debug("outside a route: %s", request.base_url)
"""


def test_a_blueprints_url_prefix_naming_personal_data_is_in_its_routes_urls() -> None:
    """`request.base_url` (or `full_path`) logged in a route of a blueprint whose prefix has an
    `<auth_token>` writes the token; not the URL's root, nor a prefix naming a thing's id, nor a function
    no route of the blueprint."""
    result = analyze_source("app/kobo.py", BLUEPRINT_PREFIX, models(), Classifier.load())
    found = [(o.kind, o.span.start_line, o.categories) for o in result.observations]
    assert found == [(Kind.LOG, 11, ("user.authorization.credentials",)),
                     (Kind.LOG, 12, ("user.authorization.credentials",))]


VENDOR_CHECK = """\
import requests

def check_for_updates(installation_id, plugins):
    payload = {"id": installation_id, "plugins": plugins}
    requests.post("{url}", json=payload, timeout=5)
"""


@pytest.mark.parametrize(
    ("path", "url", "recipient"),
    [
        # the application's own vendor, named like its top-level package: its telemetry endpoint
        ("pretix/base/services/update_check.py", "https://pretix.eu/.update_check/", "pretix.eu"),
        ("label_studio/core/utils/contextlog.py", "https://tele.labelstud.io", "labelstud.io"),
        ("khoj/utils/state.py", "https://telemetry.khoj.dev/v1/telemetry", "khoj.dev"),
        # digits are part of a name
        ("mem0/client/main.py", "https://api.mem0.ai/v1/telemetry/", "mem0.ai"),
        # another host, or a package named too generically to tell a vendor by
        ("pretix/base/services/update_check.py", "https://updates.example.com/check", None),
        ("app/services/check.py", "https://app.example.com/check", None),
        ("core/check.py", "https://core.io/check", None),
    ],
)
def test_a_request_to_the_vendors_own_host_is_a_share(path: str, url: str, recipient: str | None) -> None:
    result = analyze_source(path, VENDOR_CHECK.replace("{url}", url), models(), Classifier.load())
    shares = [(o.span.start_line, o.recipient) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == ([(5, recipient)] if recipient else [])


VENDOR_API = """\
import httpx

class Client:
    def __init__(self, host=None):
        self.client = httpx.Client(base_url=host or "https://api.mem0.ai")

    def create_webhook(self, project_id, url, name):
        return self.client.post(f"api/v1/webhooks/projects/{project_id}/", json={"url": url, "name": name})

    def delete_user(self, user_id):
        return self.client.delete(f"/v1/entities/user/{user_id}/")
"""


def test_the_vendors_own_api_is_a_share_where_what_it_is_sent_is_personal() -> None:
    """Not its telemetry: configuring a webhook sends nothing of a person's; a user's id does."""
    result = analyze_source("mem0/client/main.py", VENDOR_API, models(), Classifier.load())
    shares = [(o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == [(11, "mem0.ai", ("user.unique_id",))]


USER_PATH_API = """\
import httpx
from urllib.parse import quote

class Client:
    def __init__(self, host=None):
        self.client = httpx.Client(base_url=host or "https://api.mem0.ai")

    def call(self, entity_id):
        return self.client.get({path})
"""


@pytest.mark.parametrize(
    ("path", "categories"),
    [
        # an unknown value right after a `user`/`users` segment is the user's id, whatever it is called
        ('f"/v2/entities/user/{quote(entity_id)}/profile/"', ("user.unique_id",)),
        ('f"/v1/users/{entity_id}"', ("user.unique_id",)),
        ('f"/v1/Users/{entity_id}/"', ("user.unique_id",)),
        # another resource, a word that only starts with `user`, or a fixed user path
        ('f"/v1/projects/{entity_id}/"', None),
        ('f"/v1/user_groups/{entity_id}/"', None),
        ('f"/v1/users/me/{entity_id}/"', None),
        ('"/v1/users/me/"', None),
    ],
)
def test_a_user_segment_in_the_path_names_the_users_id(path: str, categories: tuple[str, ...] | None) -> None:
    result = analyze_source("mem0/client/main.py", USER_PATH_API.replace("{path}", path), models(), Classifier.load())
    shares = [(o.span.start_line, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == ([(9, categories)] if categories else [])


DOCUMENTED_API = '''\
import httpx

class Client:
    def __init__(self, host=None):
        self.client = httpx.Client(base_url=host or "https://api.mem0.ai")

    def _prepare_params(self, kwargs=None):
        return {k: v for k, v in (kwargs or {}).items() if v is not None}

    def call(self, entity_id, other=None, **kwargs):
        """Call the API.

{doc}
        """
        return self.client.post("/v1/exports/", json={"entity": entity_id, **self._prepare_params(kwargs)})
'''


@pytest.mark.parametrize(
    ("doc", "categories"),
    [
        # Google style: `**kwargs` and a parameter whose name says nothing, with continuation lines
        ("        Args:\n            **kwargs: Optional filters like user_id, run_id, etc.", ("user.unique_id",)),
        ("        Args:\n            entity_id (str): The user's id, as you supplied it on ``add``.", ("user.unique_id",)),
        ("        Args:\n            entity_id: The entity to export, for the\n                person's contact_email.",
         ("user.contact.email",)),
        ("        Keyword Args:\n            kwargs: Filters such as end-user's identifier.", ("user.unique_id",)),
        # reST fields
        ("        :param entity_id: The user ID.", ("user.unique_id",)),
        ("        :param str entity_id: The user id.", ("user.unique_id",)),
        # the entry of a parameter that is not sent, a credential, settings, another section, no entry
        ("        Args:\n            other: The user_id of who asked (not sent).", None),
        ("        Args:\n            **kwargs: Options such as page_size and the api_key to use.", None),
        ("        Args:\n            entity_id: The export's id.\n\n        Returns:\n            The user_id's export.", None),
        ("        Returns:\n            entity_id: The user_id.", None),
        ("        Export everything of a user_id.", None),
        # prose paragraphs that start with the parameter's name (older docstrings), an example address
        ("        entity_id can be either a string, eg 'a@b.com', or a list of strings.", ("user.contact.email",)),
        ("        entity_id is the user_id the export is\n        made for.", ("user.unique_id",)),
        ("        :param entity_id: a string, eg 'ada@example.org'", ("user.contact.email",)),
        ("        other can be the user_id of who asked (not sent).", None),
        ("        The entity_id is the user_id.", None),
        ("        entity_id: the user_id.", None),
    ],
)
def test_a_parameter_documented_as_personal_data_is_that_data_when_sent(doc: str, categories: tuple[str, ...] | None) -> None:
    """The vendor's own API is a share only where what it is sent is personal: here by its documentation."""
    source = DOCUMENTED_API.replace("{doc}", doc)
    line = source.splitlines().index('        return self.client.post("/v1/exports/", json={"entity": entity_id, '
                                     '**self._prepare_params(kwargs)})') + 1
    result = analyze_source("mem0/client/main.py", source, models(), Classifier.load())
    shares = [(o.span.start_line, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == ([(line, categories)] if categories else [])


@pytest.mark.parametrize(
    ("owner", "doc", "categories"),
    [
        # keys listed in prose, read as fields of the records the client's class handles
        ("MemoryClient", ("        Args:\n            **kwargs: Alternatively pass text, metadata, timestamp, or\n"
                          "                expiration_date as keyword args."), ("user.content",)),
        ("MemoryClient", ("        Args:\n            entity_id: Typed options with text, metadata, and/or"
                          " expiration_date fields."), ("user.content",)),
        ("NoteClient", "        :param entity_id: The new body, title, and tags.", ("user.content",)),
        # two keys are not a list; settings of a request; a class that says nothing of its records
        ("MemoryClient", "        Args:\n            **kwargs: Alternatively pass text or metadata.", None),
        ("MemoryClient", "        Args:\n            **kwargs: Paging options (page, page_size, order).", None),
        ("Client", "        Args:\n            **kwargs: Alternatively pass text, metadata, timestamp.", None),
    ],
)
def test_keys_a_docstring_lists_are_fields_of_the_clients_records(owner: str, doc: str,
                                                                   categories: tuple[str, ...] | None) -> None:
    """`**kwargs: Alternatively pass text, metadata, ...` of `MemoryClient.update`: a memory's text is sent."""
    source = DOCUMENTED_API.replace("{doc}", doc).replace("class Client:", f"class {owner}:")
    line = len(source.splitlines())  # the request is the last line
    result = analyze_source("mem0/client/main.py", source, models(), Classifier.load())
    shares = [(o.span.start_line, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == ([(line, categories)] if categories else [])


def test_a_documented_parameter_in_a_relative_path_of_a_base_url_client_is_sent() -> None:
    """The URL joined to the client's base URL keeps which parameters it derives from."""
    source = DOCUMENTED_API.replace("{doc}", "        Args:\n            entity_id: Optional user ID to delete.").replace(
        'self.client.post("/v1/exports/", json={"entity": entity_id, **self._prepare_params(kwargs)})',
        'self.client.delete(f"/v2/entities/{entity_id}/")')
    result = analyze_source("mem0/client/main.py", source, models(), Classifier.load())
    shares = [(o.span.start_line, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == [(16, ("user.unique_id",))]


SENTRY_INIT = """
import sentry_sdk


def init_sentry(dsn):
    sentry_sdk.init(dsn=dsn, send_default_pii={pii})
"""

SENTRY_CAPTURE = """
from sentry_sdk import capture_exception, set_tag


def exception_handler(exc, exception_id):
    set_tag("exception_id", exception_id)
    capture_exception(exc)
"""


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    ("pii", "captures"),
    [
        # another module turns send_default_pii on: every event carries the user and the request
        ("True", [("app/handlers.py", 7, "share",
                   ("user.contact.email", "user.device.ip_address", "user.unique_id"), "Sentry")]),
        # off, or not a constant: an exception given nothing personal shares nothing
        ("False", []),
        ("settings.SEND_PII", []),
    ],
)
def test_a_sentry_capture_shares_the_user_where_the_project_sends_default_pii(
        tmp_path: Path, jobs: int, pii: str, captures: list[tuple[str, int, str, tuple[str, ...], str]]) -> None:
    """label-studio's DRF exception handler calls `capture_exception(exc)`; its `sentry.py` initialises
    Sentry with `send_default_pii=True`: the capture is a share, known in a later round."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "sentry.py").write_text(SENTRY_INIT.replace("{pii}", pii))
    (tmp_path / "app" / "handlers.py").write_text(SENTRY_CAPTURE)
    result = run(tmp_path, config=Config(), command="observe", jobs=jobs, cache=False)
    shares = [(o.path, o.span.start_line, o.kind.value, o.categories, o.recipient)
              for o in result.observations if o.kind is Kind.SHARE]
    init = [("app/sentry.py", 6, "share", ("user.content", "user.device.ip_address", "user.unique_id"), "Sentry")]
    assert shares == captures + (init if pii == "True" else [])


PROGRAM_ID_HELPER = """
import logging

log = logging.getLogger(__name__)


def _profile({param}):
    try:
        return slack_app.client.bots_info(bot={param})
    except SlackApiError:
        log.info("Could not fetch info for %s", {param})
        return {"real_name": {param}}


def get_user(slack_user_id, email, is_bot=False):
    return _profile({given})
"""


@pytest.mark.parametrize(
    ("param", "given", "logged"),
    [
        # a parameter named for a program's id: the sender's id given there is the bot's
        ("bot_id", "slack_user_id", None),
        ("service_id", "slack_user_id", None),
        ("app_ids", "slack_user_id", None),
        # a person's data other than an id is still logged; so is an id under any other name
        ("bot_id", "email", ("user.contact.email",)),
        ("member", "slack_user_id", ("user.unique_id",)),
        ("bot_user_id", "slack_user_id", ("user.unique_id",)),
        ("robot_ids_map", "slack_user_id", ("user.unique_id",)),
    ],
)
def test_a_user_id_given_to_a_parameter_named_for_a_programs_id_is_not_logged_as_a_persons(
        param: str, given: str, logged: tuple[str, ...] | None) -> None:
    """chainlit's `_get_bot_profile(bot_id)` logs its parameter; `get_user` passes the sender's id when it is a bot."""
    source = PROGRAM_ID_HELPER.replace("{param}", param).replace("{given}", given)
    logs = [(line, categories) for line, kind, categories, _, _ in observed(source, "app/slack.py") if kind == "log"]
    assert logs == ([(11, logged)] if logged else [])


RECORD_METHOD = """
import logging

log = logging.getLogger(__name__)


class DataLayer:
    async def {method}(self, {param}):
        log.info("{method} %s", {param})
        response = self.client.get_item(TableName=self.table_name, Key={"PK": {"S": f"USER#{{param}}"}})
        if "Item" not in response:
            return None
        item = self._deserialize_item(response["Item"])
        return item
"""


@pytest.mark.parametrize(
    ("method", "param", "logged"),
    [
        # a method named for the record it handles: its parameter is a field of that record
        ("get_user", "identifier", ("user.unique_id",)),
        ("_update_customer", "phone", ("user.contact.phone_number",)),
        ("delete_user", "name", ("user.name",)),
        # another record, another verb, one word: nothing says whose it is
        ("get_thread", "identifier", None),
        ("user_exists", "identifier", None),
        ("get", "identifier", None),
    ],
)
def test_a_logged_parameter_is_a_field_of_the_record_its_method_is_named_for(
        method: str, param: str, logged: tuple[str, ...] | None) -> None:
    """chainlit's DynamoDB `get_user(self, identifier)` logs the user's login."""
    source = RECORD_METHOD.replace("{method}", method).replace("{param}", param)
    logs = [(line, categories) for line, kind, categories, _, _ in observed(source, "app/data.py") if kind == "log"]
    assert logs == ([(9, logged)] if logged else [])


@pytest.mark.parametrize(
    ("symbol", "found"),
    [
        ("flask_jwt_extended.set_access_cookies", ("response", "value", "max_age", "domain")),
        ("flask_jwt_extended.set_refresh_cookies", ("response", "value", "max_age", "domain")),
        # a deletion, not a set
        ("flask_jwt_extended.unset_jwt_cookies", None),
    ],
)
def test_cookie_setting_functions_are_modelled_by_qualified_name(symbol: str, found: tuple[str, ...] | None) -> None:
    setter = load_models().cookie_functions.get(symbol)
    assert (setter.positional if setter is not None else None) == found
    if setter is not None:
        assert setter.implies == frozenset({"user.authorization.credentials"})
        assert setter.keywords["encoded_access_token"] == "value"


def test_a_setter_names_methods_or_functions(tmp_path: Path) -> None:
    pack = tmp_path / "p.toml"
    pack.write_text('[pack]\nname = "p"\n\n[[setter]]\nrule = "r"\npositional = ["name"]\n', encoding="utf-8")
    with pytest.raises(RulePackError, match="'methods' is required"):
        load_models([pack])
    pack.write_text('[pack]\nname = "p"\n\n[[setter]]\nrule = "r"\nfunctions = ["lib.set_it"]\n'
                    'positional = ["response", "value"]\nimplies = ["user.nonsense"]\n', encoding="utf-8")
    with pytest.raises(RulePackError, match="unknown data category 'user.nonsense' in 'implies'"):
        load_models([pack])


SETTING_WITH_FALLBACK = """\
import os
import requests

class Exporter:
    def __init__(self):
        host = {setting}
        self.host = host{strip}

    def export(self, user_id):
        requests.post(f"{{self.host}}/batch/", json={{"distinct_id": user_id}}, timeout=5)
"""


@pytest.mark.parametrize(
    ("setting", "strip", "recipient"),
    [
        # the code names the host used unless a setting says otherwise: that host
        ('os.getenv("POSTHOG_API_URL", "https://us.i.posthog.com")', "", "PostHog"),
        ('os.getenv("POSTHOG_API_URL", "https://us.i.posthog.com")', '.rstrip("/")', "PostHog"),
        ('os.environ.get("POSTHOG_API_URL", default="https://us.i.posthog.com")', ".strip()", "PostHog"),
        ('os.getenv("POSTHOG_API_URL") or "https://us.i.posthog.com"', '.removesuffix("/")', "PostHog"),
        # no fallback, or one that is not a URL: the host is the configuration's
        ('os.getenv("POSTHOG_API_URL")', '.rstrip("/")', None),
        ('os.getenv("POSTHOG_API_URL", "us")', "", None),
        # another string method makes another string, not the URL
        ('os.getenv("POSTHOG_API_URL", "https://us.i.posthog.com")', '.split("/")', None),
    ],
)
def test_a_setting_with_a_literal_url_fallback_is_that_url(setting: str, strip: str, recipient: str | None) -> None:
    source = SETTING_WITH_FALLBACK.format(setting=setting, strip=strip)
    result = analyze_source("app/exporter.py", source, models(), Classifier.load())
    shares = [(o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == ([(10, recipient, ("user.behavior", "user.unique_id"))] if recipient else [])


HTTP_HANDLER = '''
import httpx


class AsyncHTTPHandler:
    def __init__(self, timeout=None):
        self._client = httpx.AsyncClient(timeout=timeout)

    @property
    def client(self) -> httpx.AsyncClient:
        return self._client

    async def post(self, url, data=None, json=None, headers=None):
        request = self.client.build_request("POST", url, data=data, json=json, headers=headers)
        return await self.client.send(request)

    async def get(self, url, params=None):
        return await self.client.get(url, params=params)


def get_async_httpx_client(provider) -> AsyncHTTPHandler:
    return AsyncHTTPHandler(timeout=30)


shared_client = AsyncHTTPHandler()


def send_json(endpoint, payload):
    return httpx.post(endpoint, json=payload)
'''

INTEGRATION = '''
import os

from app.http_handler import AsyncHTTPHandler, get_async_httpx_client, send_json, shared_client


class PostHogLogger:
    def __init__(self):
        self.async_httpx_client = get_async_httpx_client("logging")
        self.host = os.getenv("POSTHOG_API_URL", "https://us.i.posthog.com").rstrip("/")

    async def log_event(self, user_id, email):
        await self.async_httpx_client.post(url=f"{self.host}/batch/", json={"distinct_id": user_id})
        await self.async_httpx_client.get(f"{self.host}/decide/", params={"v": 3})
        await shared_client.post("https://api.segment.io/v1/identify", json={"email": email})
        await AsyncHTTPHandler().post(os.getenv("COLLECTOR_URL"), json={"email": email})
        send_json("https://api.segment.io/v1/track", {"userId": user_id})
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_projects_http_client_class_makes_the_requests_its_callers_ask_for(tmp_path: Path, jobs: int) -> None:
    """Methods and functions that pass their URL argument on to httpx are HTTP calls wherever they are
    called: through an instance a factory returns, a module's instance, a constructor call. A fixed
    query and a configured URL share nothing."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "app" / "http_handler.py").write_text(HTTP_HANDLER, encoding="utf-8")
    (tmp_path / "app" / "integration.py").write_text(INTEGRATION, encoding="utf-8")
    result = run(tmp_path, config=Config(), command="observe", jobs=jobs, cache=False)
    shares = [(o.path, o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == [("app/integration.py", 13, "PostHog", ("user.behavior", "user.unique_id")),
                      ("app/integration.py", 15, "Segment", ("user.behavior", "user.contact.email")),
                      ("app/integration.py", 17, "Segment", ("user.behavior", "user.unique_id"))]


EXTENDED_URL = """\
import os
import requests

def meter(user_id, path):
    url = os.getenv("OPENMETER_API_ENDPOINT", "https://openmeter.cloud")
    url += {suffix}
    requests.post(url, json={{"subject": user_id}}, timeout=5)
"""


@pytest.mark.parametrize(
    ("suffix", "recipient"),
    [
        ('"/api/v1/events"', "OpenMeter"),
        # a path from elsewhere: still the host's
        ("path", "OpenMeter"),
    ],
)
def test_a_url_extended_in_place_keeps_its_host(suffix: str, recipient: str) -> None:
    result = analyze_source("app/meter.py", EXTENDED_URL.format(suffix=suffix), models(), Classifier.load())
    shares = [(o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == [(7, recipient, ("user.unique_id",))]


NEGOTIATED = """\
import requests

def lookup(osm_id, language, email):
    requests.{method}("https://nominatim.openstreetmap.org/lookup", params={{"osm_ids": osm_id, {params}}}, timeout=30)
"""


@pytest.mark.parametrize(
    ("method", "params", "categories"),
    [
        # a read whose only data of the user's is the language its answer is negotiated in: settings
        ("get", '"accept-language": language', None),
        ("head", '"user-agent": language', None),
        # with other personal data, or a write: a share, the device data with it
        ("get", '"accept-language": language, "email": email', ("user.contact.email", "user.device")),
        # a value of unknown meaning beside the language: what the caller searches for is sent
        ("get", '"q": osm_id, "accept-language": language', ("user.device",)),
        ("get", '"place_id": osm_id, "format": "json", "accept-language": language', None),
        ("post", '"accept-language": language', ("user.device",)),
    ],
)
def test_a_lookup_sending_only_negotiation_settings_is_no_share(method: str, params: str,
                                                                 categories: tuple[str, ...] | None) -> None:
    source = NEGOTIATED.format(method=method, params=params)
    result = analyze_source("app/geo.py", source, models(), Classifier.load())
    shares = [(o.span.start_line, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == ([(4, categories)] if categories is not None else [])


PACKAGE_CLIENT = '''
import httpx


class HTTPHandler:
    def __init__(self):
        self.client = httpx.Client()

    def post(self, url, data=None, json=None, headers=None):
        return self.client.post(url, data=data, json=json, headers=headers)
'''

CALLBACK = '''
import os

import app


class LoggingCallback:
    def __init__(self):
        self.url = os.getenv("ATHINA_BASE_URL", "https://log.athina.ai") + "/api/v1/log/inference"

    def log_event(self, messages, user_id):
        app.module_level_client.post(self.url, json={"prompt": messages, "customer_user_id": user_id})
        app.module_level_client.post(os.getenv("COLLECTOR_URL"), json={"prompt": messages})
'''


@pytest.mark.parametrize(
    ("binding", "found"),
    [
        # a singleton the package makes lazily, declared for type checkers only
        ("if TYPE_CHECKING:\n    from app.http_handler import HTTPHandler\n\n    module_level_client: HTTPHandler\n", True),
        ("from app.http_handler import HTTPHandler\n\nmodule_level_client: HTTPHandler\n", True),
        ("from app.http_handler import HTTPHandler\n\nmodule_level_client = HTTPHandler()\n", True),
        # a class of no module of the project: nothing is known of its methods
        ("import niquests\n\nmodule_level_client: niquests.Session\n", False),
    ],
)
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_package_level_instance_of_an_imported_http_client_class_makes_requests(
        tmp_path: Path, binding: str, found: bool, jobs: int) -> None:
    """A module-level instance (or annotated singleton) of an HTTP client class another module of the
    project defines is that client in the modules that import it: a request to a vendor's host through
    it is a share; one to a configured host is not."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("from typing import TYPE_CHECKING\n\n" + binding, encoding="utf-8")
    (tmp_path / "app" / "http_handler.py").write_text(PACKAGE_CLIENT, encoding="utf-8")
    (tmp_path / "app" / "callback.py").write_text(CALLBACK, encoding="utf-8")
    result = run(tmp_path, config=Config(), command="observe", jobs=jobs, cache=False)
    shares = [(o.path, o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == ([("app/callback.py", 12, "Athina", ("user.content", "user.unique_id"))] if found else [])


DEFAULT_HOST = """\
import os
import httpx


class Logger:
    def __init__(self, api_key=None, {signature}):
        self.api_url = os.getenv("LITERAL_API_URL") or api_url
        self.client = httpx.Client()

    def send(self, user_id):
        self.client.post(f"{{self.api_url}}/api/graphql", json={{"user_id": user_id}})
"""


@pytest.mark.parametrize(
    ("signature", "recipient", "categories"),
    [
        ('api_url="https://cloud.getliteral.ai"', "Literal AI", ("user.unique_id",)),
        # PostHog's requests are events: behaviour by the service's nature
        ('*, api_url: str = "https://us.i.posthog.com"', "PostHog", ("user.behavior", "user.unique_id")),
        # no URL the code names: the host is the caller's or the configuration's
        ("api_url=None", None, ()),
        ('api_url="cloud.getliteral.ai"', None, ()),
    ],
)
def test_a_parameters_literal_url_default_is_where_requests_go_by_default(
        signature: str, recipient: str | None, categories: tuple[str, ...]) -> None:
    """A parameter whose default is a literal URL names the host its requests reach when no caller
    and no setting says otherwise, as a setting's literal fallback does."""
    result = analyze_source("app/tracing.py", DEFAULT_HOST.format(signature=signature), models(), Classifier.load())
    shares = [(o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == ([(11, recipient, categories)] if recipient else [])


PAIR = """\
import os
import httpx


class Params(dict):
    pass


def credentials(params):
    return {returned}


def export(params, user_id):
    {targets} = credentials(params)
    httpx.post(f"{{url.rstrip('/')}}/batch/", json={{"distinct_id": user_id}})
"""


@pytest.mark.parametrize(
    ("returned", "targets", "shared"),
    [
        ('os.getenv("KEY"), os.getenv("URL", "https://us.i.posthog.com")', "key, url", True),
        ('os.getenv("KEY"), params.get("url") or "https://us.i.posthog.com"', "key, url", True),
        # a typed mapping's item is no object that stands for the URL: the default does
        ('os.getenv("KEY"), Params(params).get("url") or "https://us.i.posthog.com"', "key, url", True),
        # two URLs the code names: which one a name holds is not known
        ('"https://eu.i.posthog.com", "https://us.i.posthog.com"', "first, url", False),
        # no URL written in the code
        ('os.getenv("KEY"), os.getenv("URL")', "key, url", False),
    ],
)
def test_a_url_returned_in_a_tuple_is_kept_by_the_names_unpacking_it(returned: str, targets: str, shared: bool) -> None:
    """A helper returning a pair of which one item is a URL the code names (a setting's literal fallback)
    gives that URL to the names that unpack its result, through `.rstrip("/")`."""
    result = analyze_source("app/export.py", PAIR.format(returned=returned, targets=targets), models(), Classifier.load())
    shares = [(o.span.start_line, o.recipient, o.categories) for o in result.observations if o.kind is Kind.SHARE]
    assert shares == ([(15, "PostHog", ("user.behavior", "user.unique_id"))] if shared else [])


@pytest.mark.parametrize(("rendered", "categories"), [
    # the user of a request, of Flask's `g` and of a session: the signed-in person, whose string form is the login
    ("request.user", ("user.account.username",)),
    ("g.user", ("user.account.username",)),
    ("session.user", ("user.account.username",)),
    # a session's other attributes, a database session, an attribute of a session's user
    ("session.permanent", None),
    ("db.session", None),
    ("session.user.id", ("user.unique_id",)),
    ("session.users_count", None),
])
def test_the_user_of_a_session_is_the_signed_in_person(rendered: str, categories: tuple[str, ...] | None) -> None:
    source = f"""
    import logging
    logger = logging.getLogger(__name__)

    def authorize(application):
        logger.info("User %s authorized %s", {rendered}, application)
    """
    logs = [found for line, kind, found, _, _ in observed(source) if kind == "log"]
    assert logs == ([] if categories is None else [categories])


@pytest.mark.parametrize(("loop", "categories"), [
    # one of the code's own literals each time
    ('for username in ("admin", "root"):', []),
    ('for username in ["lab", "retro", "nbclassic"]:', []),
    ('for username in {"admin", 0}:', []),
    # values of the code, or a literal among them: what the name says
    ('for username in (user.username, "root"):', [("user.account.username",)]),
    ('for username in usernames:', [("user.account.username",)]),
    ('for username, n in (("admin", 1),):', [("user.account.username",)]),
])
def test_a_loop_over_literals_gives_no_personal_data(loop: str, categories: list[tuple[str, ...]]) -> None:
    source = f"""
    import logging
    logger = logging.getLogger(__name__)

    def reserve(user, usernames):
        {loop}
            logger.info("reserved %s", username)
    """
    assert [found for _, kind, found, _, _ in observed(source) if kind == "log"] == categories


MACHINERY_BASE = '''
import requests


def request(method, url, *, headers=None, timeout=5, **kwargs):
    return requests.request(method, url, headers=headers, timeout=timeout, **kwargs)


class BatchMachineTranslation:
    def request(self, method, url, skip_auth=False, **kwargs):
        return request(method, url, headers={"Accept": "application/json"}, timeout=5, **kwargs)


class MachineTranslation(BatchMachineTranslation):
    def download(self, text):
        return []


class OwnRequest(MachineTranslation):
    def request(self, method, url, **kwargs):
        return None
'''

MACHINERY_BACKENDS = '''
from app.machinery.base import MachineTranslation, OwnRequest

API_ROOT = "https://translation.googleapis.com/language/translate/v2/"


class GlosbeTranslation(MachineTranslation):
    def download(self, text):
        return self.request("get", "https://glosbe.com/gapi/translate", params={"phrase": text})


class SegmentTracker(MachineTranslation):
    def track(self, event):
        return self.request("post", "https://api.segment.io/v1/track", json={"event": event})


class GoogleTranslation(MachineTranslation):
    def languages(self):
        return self.request("get", API_ROOT + "languages", params={"key": self.settings["key"]})

    def download(self, text):
        return self.request("get", API_ROOT, params={"key": self.settings["key"], "q": text})


class Quiet(OwnRequest):
    def download(self, text):
        return self.request("get", "https://glosbe.com/gapi/translate", params={"phrase": text})
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_base_class_http_helper_of_another_module_sends_to_the_fixed_host_it_is_given(tmp_path: Path,
                                                                                     jobs: int) -> None:
    """Weblate's shape: backends subclass `MachineTranslation` of another module, which inherits its
    `request` helper from a base of its own module. `self.request(...)` is that helper (a view's request
    object is never called), and a fixed host handed to it is a share to that host (a known host to
    its recipient). The application's own key alone, and a subclass with its own `request`, are not."""
    (tmp_path / "app" / "machinery").mkdir(parents=True)
    for init in ("app/__init__.py", "app/machinery/__init__.py"):
        (tmp_path / init).write_text("", encoding="utf-8")
    (tmp_path / "app" / "machinery" / "base.py").write_text(MACHINERY_BASE, encoding="utf-8")
    (tmp_path / "app" / "machinery" / "backends.py").write_text(MACHINERY_BACKENDS, encoding="utf-8")
    result = run(tmp_path, config=Config(), command="observe", jobs=jobs)
    shares = [(o.path, o.span.start_line, o.rule, o.recipient, o.categories)
              for o in result.observations if o.kind is Kind.SHARE]
    assert shares == [
        ("app/machinery/backends.py", 9, "python.share.http-fixed-host", "glosbe.com", ()),
        ("app/machinery/backends.py", 14, "python.share.http-known-host", "Segment", ("user.behavior",)),
        ("app/machinery/backends.py", 22, "python.share.http-fixed-host", "googleapis.com", ()),
    ]


VIEW_REQUEST = '''
from django.views.generic import View


class ContactView(View):
    def post(self, *args, **kwargs):
        return self.request.POST["email"]
'''


def test_a_views_request_object_is_still_the_request_where_it_is_not_called() -> None:
    result = analyze_source("app/views.py", VIEW_REQUEST, models(), Classifier.load())
    assert [(o.span.start_line, o.kind, o.categories) for o in result.observations] == [
        (7, Kind.COLLECT, ("user.contact.email",))]


@pytest.mark.parametrize(("host", "domain"), [
    ("translation.googleapis.com", "googleapis.com"),
    ("glosbe.com", "glosbe.com"),
    ("api.example.co.uk", "example.co.uk"),
    ("www.service.com.au", "service.com.au"),
    ("api.service.io", "service.io"),
    ("mt.service.de", "service.de"),
])
def test_a_fixed_host_is_named_by_the_domain_its_service_registered(host: str, domain: str) -> None:
    assert registered_domain(host.split(".")) == domain
