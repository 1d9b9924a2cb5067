"""Rule packs as data: which calls collect, share, set cookies and log.

The TOML files under rules/models/ are read once per run and compiled into one frozen
`Models` value the engine consults. Adding an SDK, a logging library or a framework's request
object means editing a pack, not the engine. Every pack problem is reported with its file
and line (`RulePackError`), all at once.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import itertools
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from scanner.bundled import rules_dir
from scanner.errors import Problem, RulePackError
from scanner.fieldmethods import compared_by_fields
from scanner.model import pickled_by_fields
from scanner.taxonomy import load_taxonomy
from scanner.tomlmirror import loads_mirrored

T = TypeVar("T")

# `asgi_scope`: the ASGI connection scope (Starlette's `request.scope`), whose "client" is the client's address
REQUEST_ROLES = frozenset({"client_ip", "device", "fields", "field", "files", "body", "headers", "header", "cookies",
                           "asgi_scope"})

# Most entries (and Models) are looked up by name and never compared, hashed or printed: `eq=False,
# repr=False` leaves them identity's `__eq__`/`__hash__` and object's `__repr__`, sparing each
# process (a pre-commit run, every worker) making three methods per class (about 20 M instructions
# in all). An entry compared or hashed by value (DictSchema, HostRecipient, Passthrough,
# SchemaFamily) keeps its methods.


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class LogSink:
    """A call that writes its arguments to a log."""

    rule: str
    library: str
    ignore_keywords: frozenset[str]


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ShareSink:
    """A third-party SDK call that sends data to `recipient`.

    `payload` names the parameters that carry what the call sends (a call that passes none of
    them, and no visible personal data elsewhere, sends nothing); `content` names those whose
    non-literal value is user content by the service's nature (a prompt, a traced run's inputs).
    """

    recipient: str
    rule: str
    params: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    require_data: bool = False
    when_keyword: tuple[tuple[str, Any], ...] = ()
    data_arguments: bool = True
    payload: frozenset[str] = frozenset()
    content: frozenset[str] = frozenset()
    when_setting: str | None = None
    """The rule of an SDK setting (`python.share.sentry-default-pii`) that, turned on anywhere in the
    project, makes a call that is given no visible personal data send `setting_implies` still."""
    setting_implies: tuple[str, ...] = ()
    models: tuple[tuple[str, str], ...] = ()
    """For a library that routes a call by its model's name (litellm): (name prefix, recipient) pairs,
    longest prefix first. The call is a share to the recipient of the prefix its literal `model` starts
    with; given a model named by configuration, or one of no listed provider, it names no recipient
    and is no share (`recipient` is then unused)."""


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class HttpCall:
    """An HTTP client call; the URL is its argument at `url_position` or the `url` keyword.

    With `sends`, the call makes an object bound to the URL (a websocket connection, an HTTP client
    with a base URL) and sends nothing itself: those methods of the object send what they are given
    there (a client's requests, to a URL relative to its base).
    """

    url_position: int
    sends: frozenset[str] = frozenset()


@pickled_by_fields
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class HostRecipient:
    """A third-party host (and its subdomains) and who receives what is sent there."""

    host: str
    recipient: str
    implies: tuple[str, ...]
    require_data: bool = False
    vendor: bool = False  # the application's own vendor's host, known by its name (scanner.engine.sinks)
    keyed_path: bool = False
    """The host's path names what `implies` says (Gravatar's `/avatar/<digest of the e-mail>`): a value
    the code computes there is that datum, even where its data cannot be seen."""


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class DeriveSource:
    """A call that derives personal data (a location from an IP address): a `collect`."""

    rule: str
    category: str
    message: str
    also: tuple[str, ...] = ()
    """Categories the call gives besides `category` (a Basic-auth reader's user name, beside the password)."""


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SchemaFactory:
    """A call whose keyword arguments declare the fields of a schema (`whoosh.fields.Schema(...)`)."""

    family: str
    rule: str
    stored: bool


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SchemaTable:
    """A call that declares a database table from column calls among its arguments (SQLAlchemy Core's
    `Table("user", metadata, Column("email", UnicodeText), ...)`): each column is a field."""

    family: str
    rule: str
    stored: bool
    column_calls: tuple[str, ...]
    exclude_argument_calls: frozenset[str] = frozenset()
    exclude_argument_keywords: frozenset[str] = frozenset()
    exclude_constraint_calls: tuple[str, ...] = ()
    """Table-level key constraints (`ForeignKeyConstraint(["owner_id"], ...)`): the columns they name are keys."""

    def is_column_call(self, symbol: str) -> bool:
        """True when a call of `symbol` declares a column of such a table."""
        return matches_any(symbol, self.column_calls)


# How a dict declares its fields (`[[dict_schema]] shape`): `validators`, field name to a list of
# validators (`{"email": [not_empty, email_validator]}`); `rules`, field name to a dict of rules
# (Cerberus: `{"email": {"type": "string"}}`); `markers`, keys that are names or marker calls
# (voluptuous: `{Required("email"): str}`); `json-schema`, the keys of `"properties"`.
DICT_SHAPES = frozenset({"validators", "rules", "markers", "json-schema"})


@pickled_by_fields
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class DictSchema:
    """A schema declared as a dict of field name to validators or rules (`[[dict_schema]]`).

    The dict is one given to a call among `calls` (the argument at `position`, or `keyword`), one
    returned by a function whose name matches `functions`, or one bound at module level to a name
    matching `names`; `shape` says how its fields look (one of DICT_SHAPES).
    """

    family: str
    rule: str
    shape: str
    position: int = 0
    keyword: str | None = None
    keywords: tuple[str, ...] = ()
    """Further keyword arguments of such a call that each give a dict of fields too (djblets'
    `webapi_request_fields(required={...}, optional={...})`)."""
    functions: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    key_calls: tuple[str, ...] = ()
    """Calls that mark a key and give its name as their first argument (voluptuous' `Required("email")`)."""
    lookup_validators: tuple[str, ...] = ()
    """Validators (name patterns) that check the value names an existing record (CKAN's
    `user_id_or_name_exists`): a field they check selects a record, like a foreign key, and
    declares no personal data received."""
    dropped_validators: tuple[str, ...] = ()
    """Validators (name patterns) that discard the value (CKAN's `ignore`): a field checked by
    these alone is never received."""

    def names_function(self, name: str) -> bool:
        """True when a function named `name` builds such a schema (patterns match case-insensitively)."""
        lowered = name.lower()
        return matches_any(lowered, self.functions)

    def names_variable(self, name: str) -> bool:
        """True when a module-level name `name` holds such a schema (patterns match as written)."""
        return matches_any(name, self.names)


@pickled_by_fields
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Passthrough:
    """A call whose result is, for the analysis, one of its arguments as given (`typing.cast(T, value)`):
    the argument at `position`, or the one passed as `keyword`."""

    position: int
    keyword: str | None = None
    called: bool = False
    """The argument is a function, and the call's value what it returns (werkzeug's `LocalProxy(get_request)`)."""


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CookieSetter:
    """A method (or a library function) that sets a cookie, with its parameter names."""

    rule: str
    positional: tuple[str, ...]
    keywords: Mapping[str, str]
    implies: frozenset[str] = frozenset()
    """What the cookie holds whatever its value shows: flask-jwt-extended's `set_access_cookies`
    writes a JWT (a credential)."""
    on_request: bool = False
    """Whether the method sets a cookie on a request object too (`twisted.web`'s request is its
    response: `request.addCookie(...)`); other setters on a request are not (its cookies are read)."""


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RequestModel:
    """How request objects are recognised and what their members give."""

    objects: frozenset[str]
    annotations: frozenset[str]
    parameter_names: frozenset[str]
    self_attributes: frozenset[str]
    context_names: frozenset[str]
    attributes: Mapping[str, str]
    methods: Mapping[str, str]
    key_methods: frozenset[str]
    events: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """A framework's events that carry the request being handled as their `request`, by the package
    a module imports (`pyramid` -> `pyramid.events.NewRequest`, ...): a subscriber's parameter named in
    `event_parameters` holds the first of them in a module importing that package, and one annotated
    with any of them holds that one (each `<type>.request` is in `objects`)."""
    event_parameters: frozenset[str] = frozenset()
    connections: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Names of an unannotated parameter that holds a framework's connection object (a Starlette or
    FastAPI `WebSocket`, itself a request: `receive_text()`, `headers`, `client`), by the package a
    module must import for the name to be read so (`fastapi` -> `websocket`)."""
    connection_names: frozenset[str] = frozenset()
    """Every name of `connections`, for the cheap first test."""
    connection_attributes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Attribute names that hold the connection a client came in on or its handshake (Twisted's
    `transport`: a protocol's `self.transport`, a request's; Autobahn's `http_headers`), by the package a
    module must import for the name to be read so (`twisted` -> `transport`): the request's member of
    that name, whose own members are read by `attributes` (`transport.client`, the connected client's
    address)."""
    package_attributes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Request attributes read so only in a module that imports the package (`twisted` ->
    `content`: `twisted.web`'s request body, where an httpx request's `content` is what a client
    sends), by package, each with its role as in `attributes`."""
    event_objects: frozenset[str] = frozenset()
    """Every type of `events`, for the annotation test."""
    framework_members: frozenset[str] = frozenset()
    """Members of a request that name no data but are the framework's own (a response, a session, a
    subrequest call): a body handed to one is not taken whole by it."""


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Inbound:
    """A message a chat platform delivers to a bot, by the type its handler declares (`[[inbound]]`)."""

    platform: str
    fields: Mapping[str, str]  # attribute path (`author.id`) -> category
    via: str = ""  # the attribute holding the message, for a type that holds one (`TurnContext.activity`)
    parameters: frozenset[str] = frozenset()
    """For a platform that hands its handlers the event as a plain dict (`decorators`): the handler
    parameters that hold it (Slack Bolt's `event`, `message`); `fields` are then its keys."""


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RouteModel:
    """FastAPI-style route functions whose parameters are request fields."""

    route_methods: frozenset[str]
    field_markers: frozenset[str]
    header_markers: frozenset[str]
    file_markers: frozenset[str]
    ignored_markers: frozenset[str]
    upload_types: frozenset[str]
    credential_schemes: tuple[str, ...] = ()
    form_classes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    event_decorators: frozenset[str] = frozenset()
    """Decorators of a real-time server's event handlers (`sio.on("message")`): their parameters
    are what a client sent, but for `connection_parameters` (`sid`; `environ` is the request's headers)."""
    connection_parameters: frozenset[str] = frozenset()
    rpc_decorators: frozenset[str] = frozenset()
    """Decorators that register a function as a remote procedure of a JSON-RPC or XML-RPC server
    (modernrpc's `rpc_method`): its parameters are what a client sent in the call, request fields."""
    rpc_decorator_names: frozenset[str] = frozenset()
    """The last names of `rpc_decorators` (`rpc_method`, `method`): the cheap test made for every decorator."""
    body_hooks: frozenset[str] = frozenset()
    """Methods a framework calls on a plugin's class with what a client posted, by the qualified name
    of the framework's base class and the method (OctoPrint's `SimpleApiPlugin.on_api_command(self,
    command, data)`): their last positional parameter is the request body, read as one."""
    body_hook_methods: frozenset[str] = frozenset()
    """The method names of `body_hooks` (`on_api_command`): the cheap test made for every method."""
    bundle_hooks: frozenset[str] = frozenset()
    """Methods a framework calls on a resource class with a bundle of the request, by the qualified name
    of the framework's base class and the method (Tastypie's `ModelResource.obj_create(self, bundle,
    **kwargs)`): their first parameter after `self` holds the request, its `data` the deserialized body."""
    bundle_hook_methods: frozenset[str] = frozenset()
    """The method names of `bundle_hooks` (`obj_create`): the cheap test made for every method."""


@pickled_by_fields
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SchemaFamily:
    """A kind of schema class (Django model, Pydantic model, ...) and how its fields look."""

    family: str
    rule: str
    stored: bool
    bases: frozenset[str]
    decorators: frozenset[str]
    field_calls: tuple[str, ...]
    exclude_calls: frozenset[str]
    exclude_argument_calls: frozenset[str]
    exclude_argument_keywords: frozenset[str]
    annotated: bool
    annotation_wrappers: frozenset[str]
    meta_fields: bool
    response_names: bool
    stored_when_keyword: str | None
    renders_fields: bool = False
    submitted: bool = False
    received_only: bool = False
    """Plain value classes (dataclasses, attrs, TypedDict): their fields are collects only in a class
    that receives data (a route's parameter type, or the target of a known decoder)."""
    unseen_received: bool = False
    """With `received_only`: a class no module of the project names (a library's export, a model
    used only by another package) is read as receiving data, its use being out of sight."""
    extended_by_stored: bool = False
    """A plain class (no framework base) that a stored model of the project extends: its class-level
    annotations declare that record's fields (`class User(core.models.User, Base)` over a
    backend-neutral `class User: emails: list[str] = []`). Found by that use, never by a base."""
    attribute_map: bool = False
    """A storage backend's class of a backend-neutral model (one that extends a class of an
    `extended_by_stored` family): a class-level dict of the model's field names to the names its
    storage keeps them under (`{"user_name": "uid", "emails": "mail"}`) declares those fields, each
    at its key. Found by that base, never by a base of its own."""
    nested_calls: frozenset[str] = frozenset()
    """Field calls that nest another schema (marshmallow's `fields.Nested(AddressSchema, many=True)`):
    the field is a container of that schema's records, a collect by its own name only."""
    value_tables: frozenset[str] = frozenset()
    """Models of reference values (`Country`, `Language`): a relation of `exclude_calls` to one
    (`country = ForeignKey("address.Country")`) stores the value chosen, and is a field."""
    answers_by_use: bool = False
    """A family whose classes serve requests and answers alike (DRF serializers, marshmallow schemas): a
    class of it every use of which in the project answers is no collect (`scanner.engine.answers`)."""
    part_containers: frozenset[str] = frozenset()
    """Names under which a schema nests the schema of a part of the request, not a person's field
    (Cornice's request schema: `body = UserSchema()`, `querystring = PageSchema()`): the nested
    schema's own fields are the collects."""

    def is_field_call(self, symbol: str) -> bool:
        """True when a call of `symbol` declares a field of this family."""
        if symbol in self.exclude_calls:
            return False
        return matches_any(symbol, self.field_calls)


@functools.lru_cache(maxsize=1 << 16)
def matches_any(name: str, patterns: tuple[str, ...]) -> bool:
    """Whether `name` matches one of the `fnmatch` patterns (case-sensitively); memoised, as the
    engine asks about the same names (every function's, every called symbol) file after file."""
    for pattern in patterns:
        if "?" in pattern or "[" in pattern:
            if fnmatch.fnmatchcase(name, pattern):
                return True
        elif _star_match(name, pattern):
            return True
    return False


def _star_match(name: str, pattern: str) -> bool:
    """`fnmatch.fnmatchcase(name, pattern)` for a pattern whose only wildcard is `*` (every pattern of
    the bundled packs: exact names, `module.*`, `module.*Field`, `*schema*`), without translating
    it into a regex: compiling them cost a warm run 38 regexes, about 4 ms, for a few hundred names.

    The parts between stars are found left to right, each at its first place after the one
    before: the first must start the name and the last end it.
    """
    if "*" not in pattern:
        return name == pattern
    parts = pattern.split("*")
    first, last = parts[0], parts[-1]
    at, end = len(first), len(name) - len(last)
    if end < at or not name.startswith(first) or not name.endswith(last):
        return False
    for middle in parts[1:-1]:
        found = name.find(middle, at, end)
        if found < 0:
            return False
        at = found + len(middle)
    return True


_MATCHED_LIMIT = 200_000  # entries of a memo of symbols, emptied when full


class SymbolTable(Generic[T]):
    """Qualified-name patterns to values: exact names in a dict, `*` patterns in a list."""

    __slots__ = ("_exact", "_wild", "_tails", "_regexes")

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._exact: dict[str, T] = {}
        wild: list[tuple[str, T]] = []
        tails: set[str] | None = set()
        for pattern, value in entries:
            if "*" in pattern:
                wild.append((pattern, value))
                tail = pattern[pattern.rfind(".") + 1:]
                if tails is not None and "*" not in tail and "(" not in tail:
                    tails.add(tail)
                else:
                    tails = None  # a pattern whose last name is open: every symbol is tried
            else:
                self._exact.setdefault(pattern, value)
        self._wild = tuple(wild)
        # the last names the patterns end in (`userinfo` of `authlib.integrations.*.OAuth().*.userinfo`),
        # when each ends in a literal one: a symbol ending in another is matched by none of them, and
        # is not tried against each (a table is asked about most calls the analysis sees)
        self._tails = frozenset(tails) if tails is not None else None
        # the patterns' regexes are compiled when a symbol first gets past the tails: most tables never
        # see one in a run (a Django scan compiled 17 and used 3), and every process compiles the packs
        self._regexes: tuple[tuple[re.Pattern[str], T], ...] | None = None

    def get(self, symbol: str) -> T | None:
        """The value for `symbol`, or None."""
        found = self._exact.get(symbol)
        if found is not None or not self._wild:
            return found
        # the last name: `rpartition` takes one argument, where `rfind`'s optional ones cost a parse
        if self._tails is not None and symbol.rpartition(".")[2] not in self._tails:
            return None
        regexes = self._regexes
        if regexes is None:
            regexes = self._regexes = tuple((re.compile(fnmatch.translate(p)), v) for p, v in self._wild)
        for regex, value in regexes:
            if regex.match(symbol):
                return value
        return None

    def __len__(self) -> int:
        return len(self._exact) + len(self._wild)

    def exact_names(self) -> tuple[str, ...]:
        """Every exact name (the patterns left out)."""
        return tuple(self._exact)

    def names(self) -> tuple[str, ...]:
        """Every exact name, and every pattern as the regex text it is matched with (fnmatch's translation)."""
        return (*self._exact, *(fnmatch.translate(pattern) for pattern, _ in self._wild))

    def values(self) -> tuple[T, ...]:
        """Every value, once per name or pattern."""
        return (*self._exact.values(), *(value for _, value in self._wild))


@dataclass(frozen=True, eq=False, repr=False)
class Models:
    """Everything the engine knows about libraries, compiled from the packs."""

    version: str
    packs: tuple[str, ...]
    returns: Mapping[str, str]
    aliases: Mapping[str, str]
    literal_factories: frozenset[str]
    log_calls: SymbolTable[LogSink]
    custom_levels: Mapping[str, tuple[LogSink, frozenset[str]]]
    """Logger types whose other methods log (a level the project added: `logger.security(...)`), with
    the methods that do not: receiver -> (its log sink, the methods that are not levels)."""
    logger_names: frozenset[str]
    logger_type: str
    share_calls: SymbolTable[ShareSink]
    http_calls: SymbolTable[HttpCall]
    hosts: tuple[HostRecipient, ...]
    cookie_setters: Mapping[str, CookieSetter]
    cookie_header_names: frozenset[str]
    cookie_header_methods: frozenset[str]
    cookie_header_rule: str
    cookie_jars: frozenset[str]
    cookie_jar_rule: str
    request: RequestModel
    routes: RouteModel
    schemas: tuple[SchemaFamily, ...]
    response_names: tuple[str, ...]
    response_only_keywords: frozenset[str]
    field_exclude_keywords: frozenset[str]
    derive_calls: SymbolTable[DeriveSource]
    schema_factories: SymbolTable[SchemaFactory]
    config_owners: frozenset[str]
    config_symbols: frozenset[str]
    recipients: frozenset[str] = field(default_factory=frozenset)
    carriers: SymbolTable[frozenset[str]] = field(default_factory=lambda: SymbolTable(()))
    """Calls whose result is a service's object that carries a person's data (`[[carries]]`)."""
    carrier_requests: SymbolTable[frozenset[str]] = field(default_factory=lambda: SymbolTable(()))
    """Request classes whose `client.execute(request)` returns such an object (`[[carries]] requests`:
    PayPal's `OrdersGetRequest`)."""
    response_only_annotations: frozenset[str] = frozenset()
    """Metadata of an `Annotated[...]` field type that says the field is never taken in
    (scim2-models' `Mutability.read_only`): such a field is what the service sends back."""
    received_by: frozenset[str] = frozenset()
    """Calls that decode received data into a class named among their arguments
    (`dacite.from_dict(Cls, data)`): that class's fields are collects."""
    schema_tables: SymbolTable[SchemaTable] = field(default_factory=lambda: SymbolTable(()))
    """Calls that declare a table whose column calls are its fields (`[[table]]`)."""
    passthrough_calls: SymbolTable[Passthrough] = field(default_factory=lambda: SymbolTable(()))
    """Calls that give back one of their arguments unchanged (`[[passthrough]]`: `typing.cast`)."""
    inherited: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Attributes a library's base class gives its subclasses' instances (`[inherited]`), by the base's
    qualified name: (attribute, the qualified name of the object it holds) pairs. Django's
    `BaseCommand` gives `self.stdout`, an `OutputWrapper` whose `write` prints."""
    inbound: Mapping[str, Inbound] = field(default_factory=dict)
    """Types of the messages chat platforms deliver to bots, by qualified name."""
    inbound_handlers: Mapping[str, Inbound] = field(default_factory=dict)
    """Decorators of the handlers chat platforms give their events as plain dicts
    (`slack_bolt.App().event`), by qualified name."""
    inbound_methods: Mapping[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    """Hook methods a server calls on a handler object with a message (aiosmtpd's
    `handle_DATA(self, server, session, envelope)`), by name: the message's type (a key of
    `inbound`) and the parameters that hold it."""
    dict_schemas: tuple[DictSchema, ...] = ()
    """Schemas declared as dicts (`[[dict_schema]]`), in pack order."""
    dict_schema_calls: SymbolTable[DictSchema] = field(default_factory=lambda: SymbolTable(()))
    """Calls given a dict schema (`cerberus.Validator`, `jsonschema.validate`), by qualified name."""
    cookie_functions: SymbolTable[CookieSetter] = field(default_factory=lambda: SymbolTable(()))
    """Library functions that set a cookie on the response they are given (`[[setter]] functions`:
    flask-jwt-extended's `set_access_cookies(response, token)`), by qualified name."""
    response_words: frozenset[str] = frozenset()
    """Words of a schema function's or variable's name that say it describes a response
    (`default_show_user_schema`): its fields are sent out, not collected."""

    @functools.cached_property
    def alias_heads(self) -> frozenset[str]:
        """The first words of the names `aliases` renames (up to a `.` or a `(`): a symbol whose first
        word is none of them has no aliased prefix (`aliased_prefix`)."""
        return frozenset(_first_word(name) for name in self.aliases)

    @functools.cached_property
    def families_by_name(self) -> Mapping[str, SchemaFamily]:
        """The schema families by their `family` name (the first of a name)."""
        found: dict[str, SchemaFamily] = {}
        for family in self.schemas:
            found.setdefault(family.family, family)
        return found

    @functools.cached_property
    def extended_families(self) -> frozenset[str]:
        """The names of the families found by a stored model's extending a class (`extended_by_stored`)."""
        return frozenset(family.family for family in self.schemas if family.extended_by_stored)

    @functools.cached_property
    def extended_family(self) -> SchemaFamily | None:
        """The first family found by a stored model's extending a class, or None."""
        return next((family for family in self.schemas if family.extended_by_stored), None)

    @functools.cached_property
    def attribute_map_family(self) -> SchemaFamily | None:
        """The first family of a backend-neutral model's attribute maps (`attribute_map`), or None."""
        return next((family for family in self.schemas if family.attribute_map), None)

    @functools.cached_property
    def _field_families(self) -> dict[str, SchemaFamily | None]:
        return {}

    def field_family(self, symbol: str) -> SchemaFamily | None:
        """The first schema family whose fields a call of `symbol` declares, or None (memoised:
        the same field classes are called in every model)."""
        known = self._field_families
        if symbol not in known:
            known[symbol] = next((f for f in self.schemas if f.field_calls and f.is_field_call(symbol)), None)
        return known[symbol]

    @functools.cached_property
    def _calls_modelled(self) -> dict[str, bool]:
        return {}

    def log_sink(self, symbol: str) -> LogSink | None:
        """The log sink a call of `symbol` is: a modelled log call, or a level the project added
        (`custom_level_sink`), or None."""
        sink = self.log_calls.get(symbol)
        return sink if sink is not None or not self.custom_levels else self.custom_level_sink(symbol)

    def custom_level_sink(self, symbol: str) -> LogSink | None:
        """The log sink of a logger's method that is none of its type's API (`logging.Logger.security`:
        a level the project added with `logging.addLevelName` and a method set on the logger class),
        or None. Asked only of symbols the table of log calls does not have."""
        receiver, _, method = symbol.rpartition(".")
        custom = self.custom_levels.get(receiver)  # one dict look-up for most symbols: no logger's
        if custom is None or method in custom[1] or not method.isidentifier() or method.startswith("_"):
            return None
        return custom[0]

    def models_call(self, symbol: str) -> bool:
        """Whether a table keyed by what a call calls has `symbol`: a log, share, HTTP, derive, schema,
        passthrough, carrier or configuration call, or a mapped return type. Most calls are none of
        them, and the engine then asks no table (memoised: the same symbols are called everywhere)."""
        known = self._calls_modelled
        found = known.get(symbol)
        if found is None:
            tables: tuple[SymbolTable[Any], ...] = (
                self.log_calls, self.share_calls, self.http_calls, self.derive_calls, self.schema_factories,
                self.schema_tables, self.dict_schema_calls, self.passthrough_calls, self.carriers,
                self.cookie_functions)
            found = symbol in self.returns or symbol in self.config_symbols \
                or any(table.get(symbol) is not None for table in tables) or self.log_sink(symbol) is not None \
                or self.is_credential_scheme(symbol)  # a security scheme called with the request reads it
            if len(known) >= _MATCHED_LIMIT:
                known.clear()
            known[symbol] = found
        return found

    @functools.cached_property
    def _roots(self) -> frozenset[str]:
        """The objects the models say something about: `openai.OpenAI()`, `flask_sqlalchemy.SQLAlchemy()`,
        and the objects whose calls return a person's details (`[[carries]]`: python3-saml's auth object,
        which a project's method makes and returns to the caller that reads its attributes)."""
        names: list[str] = [*self.share_calls.names(), *self.log_calls.names(), *self.http_calls.names(),
                            *self.derive_calls.names(), *self.returns, *self.returns.values(), *self.request.objects,
                            *(f"{jar}()" for jar in self.cookie_jars), *self.routes.event_decorators,
                            *self.routes.rpc_decorators,
                            *self.inbound_handlers, *self.carriers.names()]
        for family in self.schemas:
            names.extend(family.bases)
            names.extend(family.field_calls)
        for table in self.schema_tables.values():
            names.extend(table.column_calls)
        names.extend(self.schema_tables.names())
        roots = {name[: name.index("()") + 2] for name in names if "()" in name}
        roots.update(self.returns.values())
        return frozenset(roots)

    def is_credential_scheme(self, symbol: str) -> bool:
        """A security scheme instance (`APIKeyHeader(...)`), which FastAPI dependencies read credentials with."""
        return symbol.endswith(")") and matches_any(symbol, self.routes.credential_schemes)

    def relevant(self, symbol: str | None) -> bool:
        """True when a value of this symbol matters to some model (worth telling other modules about)."""
        if symbol is None or symbol.startswith("@"):
            return False
        if symbol in self._roots or self.is_credential_scheme(symbol):
            return True
        cut = symbol.find("()")
        return cut != -1 and symbol[: cut + 2] in self._roots

    def host_recipient(self, host: str, path: str = "/") -> HostRecipient | None:
        """The recipient of requests to `host` (a known host or one of its subdomains) and `path`.

        An entry may name a path prefix (`www.google.com/recaptcha`): only requests under it match.
        """
        host = host.lower().rstrip(".")
        for entry in self.hosts:
            entry_host, _, prefix = entry.host.partition("/")
            if (host == entry_host or host.endswith("." + entry_host)) and path.startswith("/" + prefix):
                return entry
        return None


def _first_word(name: str) -> str:
    """`name` up to its first `.` or `(` (all of it if it has neither): up to its first `.`, then up
    to the first `(` of that (two `partition`s, each one argument, cost half of two `find`s)."""
    return name.partition(".")[0].partition("(")[0]


def aliased_prefix(aliases: Mapping[str, str], symbol: str, heads: frozenset[str] | None = None) -> str | None:
    """The longest prefix of `symbol` (itself, or cut before a `.` or a `(`) that `aliases` renames,
    or None: what the engine's symbols are normalised by (`FileAnalyzer.normalize`). `heads`, if
    given, is `Models.alias_heads` of these aliases."""
    # Every prefix tried has the symbol's first word, so a symbol whose first word starts no alias
    # (every symbol of most apps: `django.db.models.Q`) is answered without cutting it word by word
    if heads is not None and _first_word(symbol) not in heads:
        return None
    head = symbol
    while True:
        if head in aliases:
            return head
        cut = max(head.rfind("."), head.rfind("("))
        if cut <= 0:
            return None
        head = head[:cut]


def expand(pattern: str) -> Iterator[str]:
    """Expand `{a,b}` alternatives: `x.{a,b}.y` gives `x.a.y` and `x.b.y`."""
    parts = re.split(r"(\{[^{}]*\})", pattern)
    choices = [p[1:-1].split(",") if p.startswith("{") else [p] for p in parts]
    for combo in itertools.product(*choices):
        yield "".join(combo)


_KNOWN_KEYS: dict[str, frozenset[str]] = {
    "": frozenset({"pack", "returns", "aliases", "log", "heuristics", "sdk", "http", "host", "setter", "header", "jar",
                   "request", "containers", "fastapi", "defaults", "schema", "derive", "configuration", "factory",
                   "carries", "table", "passthrough", "dict_schema", "inbound", "inherited"}),
    "pack": frozenset({"name", "description"}),
    "log": frozenset({"rule", "library", "functions", "receivers", "methods", "ignore_keywords", "custom_levels",
                      "not_levels"}),
    "heuristics": frozenset({"logger_names", "logger_type"}),
    "sdk": frozenset({"recipient", "rule", "calls", "params", "implies", "require_data", "when_keyword", "models", "data_arguments",
                     "when_setting", "setting_implies",
                        "payload", "content"}),
    "http": frozenset({"calls", "url_position", "sends"}),
    "host": frozenset({"recipient", "hosts", "implies", "require_data", "keyed_path"}),
    "setter": frozenset({"rule", "methods", "functions", "positional", "keywords", "implies", "on_request"}),
    "header": frozenset({"rule", "names", "methods"}),
    "jar": frozenset({"rule", "classes"}),
    "request": frozenset({"objects", "annotations", "parameter_names", "self_attributes", "context_names", "attributes",
                          "methods", "events", "event_parameters", "framework_members", "connections", "connection_attributes",
                          "package_attributes"}),
    "containers": frozenset({"key_methods"}),
    "fastapi": frozenset({"route_methods", "field_markers", "header_markers", "file_markers", "ignored_markers", "upload_types",
                          "credential_schemes", "form_classes", "event_decorators", "connection_parameters",
                          "body_hooks", "bundle_hooks", "rpc_decorators"}),
    "defaults": frozenset({"response_names", "response_only_keywords", "response_only_annotations", "exclude_keywords",
                           "received_by", "response_words"}),
    "derive": frozenset({"rule", "category", "also", "message", "calls"}),
    "factory": frozenset({"family", "rule", "stored", "calls"}),
    "table": frozenset({"family", "rule", "stored", "calls", "column_calls", "exclude_argument_calls",
                        "exclude_argument_keywords", "exclude_constraint_calls"}),
    "passthrough": frozenset({"calls", "position", "keyword", "called"}),
    "inbound": frozenset({"platform", "types", "fields", "via", "decorators", "parameters", "methods"}),
    "dict_schema": frozenset({"family", "rule", "shape", "calls", "position", "keyword", "keywords", "functions", "names", "key_calls",
                            "lookup_validators", "dropped_validators"}),
    "carries": frozenset({"calls", "requests", "categories"}),
    "configuration": frozenset({"owners", "symbols"}),
    "schema": frozenset({"family", "rule", "stored", "bases", "decorators", "field_calls", "exclude_calls",
                         "exclude_argument_calls", "exclude_argument_keywords", "annotated", "annotation_wrappers",
                         "meta_fields", "response_names", "stored_when_keyword", "renders_fields", "submitted",
                         "received_only", "unseen_received", "extended_by_stored", "attribute_map",
                         "value_tables", "nested_calls", "part_containers", "answers_by_use"}),
}


class _PackReader:
    """Reads one pack file, collecting problems with the line of the key they concern."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def line_of(self, key: str) -> int | None:
        """The first line that assigns `key` or opens a table named `key` (good enough for messages)."""
        assign = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(key)}\s*\]\]?")
        for number, line in enumerate(self.lines, start=1):
            if assign.match(line) or header.match(line):
                return number
        return None

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(str(self.path), self.line_of(key), message))

    def check_keys(self, table: Mapping[str, Any], kind: str) -> None:
        known = _KNOWN_KEYS[kind]
        for key in table:
            if key not in known:
                where = f"[{kind}]" if kind else "the top level"
                self.problem(key, f"unknown key '{key}' in {where} of rule pack")

    def strings(self, table: Mapping[str, Any], key: str, *, required: bool = False) -> tuple[str, ...]:
        value = table.get(key, [])
        if required and not value:
            self.problem(key, f"'{key}' is required and must be a non-empty list of strings")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"'{key}' must be a list of strings")
            return ()
        return tuple(value)

    def string(self, table: Mapping[str, Any], key: str, *, required: bool = True, default: str = "") -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or (required and not value):
            self.problem(key, f"'{key}' must be a non-empty string")
            return default
        return value

    def categories(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        taxonomy = load_taxonomy()
        values = self.strings(table, key)
        for value in values:
            if value not in taxonomy:
                self.problem(key, f"unknown data category '{value}' in '{key}'")
        return values


def default_pack_paths() -> tuple[Path, ...]:
    """The bundled model packs, in a stable order."""
    return tuple(sorted((rules_dir() / "models").glob("*.toml")))


def load_models(paths: Iterable[Path] | None = None, *, enabled: Iterable[str] | None = None) -> Models:
    """Read and compile rule packs (by default every bundled pack).

    `enabled` keeps only the packs with those `[pack] name`s. Raises RulePackError listing
    every problem in every pack.
    """
    bundled = default_pack_paths()
    paths = tuple(paths) if paths is not None else bundled
    mirrored = frozenset(bundled)  # only the bundled packs are parsed from a mirror (scanner.tomlmirror)
    wanted = set(enabled) if enabled is not None else None
    digest = hashlib.sha256()
    problems: list[Problem] = []
    data: list[tuple[_PackReader, dict[str, Any]]] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), None, f"cannot read rule pack: {exc}"))
            continue
        reader = _PackReader(path, text)
        try:
            doc = loads_mirrored(path, text) if path in mirrored else tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"at line (\d+), column (\d+)", str(exc))
            line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
            problems.append(Problem(str(path), line, f"invalid TOML: {exc}", column))
            continue
        name = doc.get("pack", {}).get("name")
        if not isinstance(name, str) or not name:
            reader.problem("pack", "a rule pack needs [pack] with a name")
            problems.extend(reader.problems)
            continue
        if wanted is not None and name not in wanted:
            continue
        digest.update(path.name.encode() + b"\0" + text.encode() + b"\0")
        data.append((reader, doc))
    if wanted is not None:
        found = {doc["pack"]["name"] for _, doc in data}
        for missing in sorted(wanted - found):
            problems.append(Problem("", None, f"unknown rule pack '{missing}'"))
    models = _compile(data, digest.hexdigest()[:16])
    for reader, _ in data:
        problems.extend(reader.problems)
    if problems:
        raise RulePackError(problems)
    return models


def _check_roles(reader: _PackReader, members: Mapping[str, str]) -> None:
    """Report each request member whose role is neither a request role nor a data category."""
    for member, role in members.items():
        if role not in REQUEST_ROLES and role not in load_taxonomy():
            reader.problem(member, f"unknown request role '{role}' (known: {', '.join(sorted(REQUEST_ROLES))})")


def _compile(data: list[tuple[_PackReader, dict[str, Any]]], version: str) -> Models:
    returns: dict[str, str] = {}
    aliases: dict[str, str] = {}
    inherited: dict[str, dict[str, str]] = {}
    log_entries: list[tuple[str, LogSink]] = []
    custom_levels: dict[str, tuple[LogSink, frozenset[str]]] = {}
    logger_names: set[str] = set()
    logger_type = "logging.Logger"
    share_entries: list[tuple[str, ShareSink]] = []
    http_entries: list[tuple[str, HttpCall]] = []
    hosts: list[HostRecipient] = []
    setters: dict[str, CookieSetter] = {}
    cookie_functions: list[tuple[str, CookieSetter]] = []
    header_names: set[str] = set()
    header_methods: set[str] = set()
    header_rule = "python.cookie.set-cookie-header"
    jars: set[str] = set()
    jar_rule = "python.cookie.simple-cookie"
    request: dict[str, Any] = {}
    key_methods: set[str] = set()
    routes: dict[str, Any] = {}
    form_classes: dict[str, tuple[str, ...]] = {}
    schemas: list[SchemaFamily] = []
    response_names: list[str] = []
    response_only: set[str] = set()
    response_only_annotations: set[str] = set()
    received_by: set[str] = set()
    field_excludes: set[str] = set()
    derive_entries: list[tuple[str, DeriveSource]] = []
    factory_entries: list[tuple[str, SchemaFactory]] = []
    table_entries: list[tuple[str, SchemaTable]] = []
    passthrough_entries: list[tuple[str, Passthrough]] = []
    inbound_entries: list[tuple[str, Inbound]] = []
    handler_entries: list[tuple[str, Inbound]] = []
    method_entries: list[tuple[str, tuple[str, frozenset[str]]]] = []
    dict_schemas: list[DictSchema] = []
    dict_schema_entries: list[tuple[str, DictSchema]] = []
    response_words: set[str] = set()
    config_owners: set[str] = set()
    config_symbols: set[str] = set()
    recipients: set[str] = set()
    carrier_entries: list[tuple[str, frozenset[str]]] = []
    carrier_request_entries: list[tuple[str, frozenset[str]]] = []

    for reader, doc in data:
        reader.check_keys(doc, "")
        for key, kind in (("pack", "pack"), ("heuristics", "heuristics"), ("containers", "containers"),
                          ("fastapi", "fastapi"), ("defaults", "defaults")):
            if isinstance(doc.get(key), dict):
                reader.check_keys(doc[key], kind)
        for table_name in ("returns", "aliases"):
            table = doc.get(table_name, {})
            target = returns if table_name == "returns" else aliases
            for key, value in table.items():
                if not isinstance(value, str):
                    reader.problem(key, f"[{table_name}] values must be qualified names (strings)")
                    continue
                for expanded in expand(key):
                    target[expanded] = value
        for key, value in doc.get("inherited", {}).items():
            if not isinstance(value, str) or "." not in key:
                reader.problem(key, "[inherited] keys are `Base.attribute` and values qualified names (strings)")
                continue
            for expanded in expand(key):
                base, _, attr = expanded.rpartition(".")
                inherited.setdefault(base, {})[attr] = value
        for entry in doc.get("log", []):
            reader.check_keys(entry, "log")
            sink = LogSink(
                rule=reader.string(entry, "rule"),
                library=reader.string(entry, "library", required=False),
                ignore_keywords=frozenset(reader.strings(entry, "ignore_keywords")),
            )
            for pattern in reader.strings(entry, "functions"):
                log_entries.extend((name, sink) for name in expand(pattern))
            methods = reader.strings(entry, "methods")
            not_levels = frozenset((*methods, *reader.strings(entry, "not_levels")))
            for receiver in reader.strings(entry, "receivers"):
                log_entries.extend((f"{receiver}.{m}", sink) for m in methods)
                if entry.get("custom_levels") is True:
                    custom_levels[receiver] = (sink, not_levels)
        heuristics = doc.get("heuristics", {})
        logger_names.update(reader.strings(heuristics, "logger_names"))
        logger_type = heuristics.get("logger_type", logger_type)
        for entry in doc.get("sdk", []):
            reader.check_keys(entry, "sdk")
            when = entry.get("when_keyword", {})
            if not isinstance(when, dict):
                reader.problem("when_keyword", "'when_keyword' must be a table of keyword = constant")
                when = {}
            models = entry.get("models", {})
            if not isinstance(models, dict) or not all(isinstance(v, str) and v for v in models.values()):
                reader.problem("models", "'models' must be a table of model-name prefix = recipient")
                models = {}
            share = ShareSink(
                recipient=reader.string(entry, "recipient", required=not models),
                rule=reader.string(entry, "rule"),
                params=reader.strings(entry, "params"),
                implies=reader.categories(entry, "implies"),
                require_data=bool(entry.get("require_data", False)),
                when_keyword=tuple(sorted(when.items())),
                data_arguments=bool(entry.get("data_arguments", True)),
                payload=frozenset(reader.strings(entry, "payload")),
                content=frozenset(reader.strings(entry, "content")),
                when_setting=reader.string(entry, "when_setting", required=False) or None,
                setting_implies=reader.categories(entry, "setting_implies"),
                models=tuple(sorted(models.items(), key=lambda item: (-len(item[0]), item[0]))),
            )
            if share.recipient:
                recipients.add(share.recipient)
            recipients.update(recipient for _, recipient in share.models)
            for pattern in reader.strings(entry, "calls", required=True):
                share_entries.extend((name, share) for name in expand(pattern))
        for entry in doc.get("http", []):
            reader.check_keys(entry, "http")
            position = entry.get("url_position", 0)
            if not isinstance(position, int) or position < 0:
                reader.problem("url_position", "'url_position' must be a non-negative integer")
                position = 0
            sends = frozenset(reader.strings(entry, "sends"))
            for pattern in reader.strings(entry, "calls", required=True):
                http_entries.extend((name, HttpCall(position, sends)) for name in expand(pattern))
        for entry in doc.get("host", []):
            reader.check_keys(entry, "host")
            recipient = reader.string(entry, "recipient")
            recipients.add(recipient)
            implies = reader.categories(entry, "implies")
            require = bool(entry.get("require_data", False))
            keyed = bool(entry.get("keyed_path", False))
            hosts.extend(HostRecipient(h.lower(), recipient, implies, require, keyed_path=keyed)
                         for h in reader.strings(entry, "hosts", required=True))
        for entry in doc.get("setter", []):
            reader.check_keys(entry, "setter")
            keywords = entry.get("keywords", {})
            setter = CookieSetter(
                rule=reader.string(entry, "rule"),
                positional=reader.strings(entry, "positional"),
                keywords=dict(keywords) if isinstance(keywords, dict) else {},
                implies=frozenset(reader.categories(entry, "implies")),
                on_request=entry.get("on_request") is True,
            )
            functions = reader.strings(entry, "functions")
            for method in reader.strings(entry, "methods", required=not functions):
                setters[method] = setter
            cookie_functions.extend((function, setter) for function in functions)
        for entry in doc.get("header", []):
            reader.check_keys(entry, "header")
            header_rule = reader.string(entry, "rule")
            header_names.update(n.lower() for n in reader.strings(entry, "names", required=True))
            header_methods.update(reader.strings(entry, "methods"))
        for entry in doc.get("jar", []):
            reader.check_keys(entry, "jar")
            jar_rule = reader.string(entry, "rule")
            jars.update(reader.strings(entry, "classes", required=True))
        if "request" in doc:
            table = doc["request"]
            reader.check_keys(table, "request")
            for key in ("objects", "annotations", "parameter_names", "self_attributes", "event_parameters",
                        "context_names", "framework_members"):
                request.setdefault(key, set()).update(reader.strings(table, key))
            for package in table.get("connections", {}):
                listed = reader.strings(table["connections"], package, required=True)
                request.setdefault("connections", {}).setdefault(package, set()).update(listed)
            for package in table.get("connection_attributes", {}):
                listed = reader.strings(table["connection_attributes"], package, required=True)
                request.setdefault("connection_attributes", {}).setdefault(package, set()).update(listed)
            for package, members in table.get("package_attributes", {}).items():
                _check_roles(reader, members)
                request.setdefault("package_attributes", {}).setdefault(package, {}).update(members)
            for package in table.get("events", {}):
                listed = reader.strings(table["events"], package, required=True)
                request.setdefault("events", {})[package] = tuple(listed)
                # the request an event carries (`event.request`) is a request object
                request.setdefault("objects", set()).update(f"{t}.request" for t in listed)
            for key in ("attributes", "methods"):
                members = table.get(key, {})
                _check_roles(reader, members)
                request.setdefault(key, {}).update(members)
        key_methods.update(reader.strings(doc.get("containers", {}), "key_methods"))
        if "fastapi" in doc:
            reader.check_keys(doc["fastapi"], "fastapi")
            for key in _KNOWN_KEYS["fastapi"] - {"form_classes"}:
                routes.setdefault(key, set()).update(reader.strings(doc["fastapi"], key))
            for cls_name, cats in doc["fastapi"].get("form_classes", {}).items():
                form_classes[cls_name] = reader.categories({"form_classes": cats}, "form_classes")
        defaults = doc.get("defaults", {})
        response_names.extend(reader.strings(defaults, "response_names"))
        response_only.update(reader.strings(defaults, "response_only_keywords"))
        response_only_annotations.update(reader.strings(defaults, "response_only_annotations"))
        field_excludes.update(reader.strings(defaults, "exclude_keywords"))
        received_by.update(reader.strings(defaults, "received_by"))
        response_words.update(word.lower() for word in reader.strings(defaults, "response_words"))
        for entry in doc.get("derive", []):
            reader.check_keys(entry, "derive")
            category = reader.string(entry, "category")
            if category and category not in load_taxonomy():
                reader.problem("category", f"unknown data category '{category}'")
            derive = DeriveSource(rule=reader.string(entry, "rule"), category=category,
                                  message=reader.string(entry, "message"), also=reader.categories(entry, "also"))
            for pattern in reader.strings(entry, "calls", required=True):
                derive_entries.extend((name, derive) for name in expand(pattern))
        for entry in doc.get("carries", []):
            reader.check_keys(entry, "carries")
            carried = frozenset(reader.categories(entry, "categories"))
            for pattern in reader.strings(entry, "calls"):
                carrier_entries.extend((name, carried) for name in expand(pattern))
            for pattern in reader.strings(entry, "requests"):
                carrier_request_entries.extend((name, carried) for name in expand(pattern))
            if not entry.get("calls") and not entry.get("requests"):
                reader.problem("calls", "a [[carries]] entry needs `calls` or `requests`")
        for entry in doc.get("factory", []):
            reader.check_keys(entry, "factory")
            factory = SchemaFactory(family=reader.string(entry, "family"), rule=reader.string(entry, "rule"),
                                    stored=bool(entry.get("stored", False)))
            for pattern in reader.strings(entry, "calls", required=True):
                factory_entries.extend((name, factory) for name in expand(pattern))
        for entry in doc.get("table", []):
            reader.check_keys(entry, "table")
            table = SchemaTable(
                family=reader.string(entry, "family"), rule=reader.string(entry, "rule"),
                stored=bool(entry.get("stored", False)),
                column_calls=tuple(name for pattern in reader.strings(entry, "column_calls", required=True)
                                   for name in expand(pattern)),
                exclude_argument_calls=frozenset(reader.strings(entry, "exclude_argument_calls")),
                exclude_argument_keywords=frozenset(reader.strings(entry, "exclude_argument_keywords")),
                exclude_constraint_calls=tuple(name for pattern in reader.strings(entry, "exclude_constraint_calls")
                                               for name in expand(pattern)),
            )
            for pattern in reader.strings(entry, "calls", required=True):
                table_entries.extend((name, table) for name in expand(pattern))
        for entry in doc.get("passthrough", []):
            reader.check_keys(entry, "passthrough")
            position, keyword = _argument(reader, entry)
            called = entry.get("called", False)
            if not isinstance(called, bool):
                reader.problem("called", "'called' must be true or false")
                called = False
            passthrough = Passthrough(position, keyword, called)
            for pattern in reader.strings(entry, "calls", required=True):
                passthrough_entries.extend((name, passthrough) for name in expand(pattern))
        for entry in doc.get("inbound", []):
            reader.check_keys(entry, "inbound")
            fields = entry.get("fields", {})
            if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
                reader.problem("fields", "'fields' must be a table of attribute paths to data categories")
                fields = {}
            reader.categories({"fields": list(fields.values())}, "fields")
            decorators = [name for pattern in reader.strings(entry, "decorators") for name in expand(pattern)]
            message = Inbound(platform=reader.string(entry, "platform"), fields=dict(fields),
                              via=reader.string(entry, "via", required=False),
                              parameters=frozenset(reader.strings(entry, "parameters", required=bool(decorators))))
            types = reader.strings(entry, "types", required=not decorators)
            inbound_entries.extend((name, message) for name in types)
            handler_entries.extend((name, message) for name in decorators)
            methods = reader.strings(entry, "methods")
            if methods:
                if types and message.parameters:
                    method_entries.extend((name, (types[0], message.parameters)) for name in methods)
                else:
                    reader.problem("methods", "an [[inbound]] entry with `methods` needs `types` and `parameters`")
        for entry in doc.get("dict_schema", []):
            reader.check_keys(entry, "dict_schema")
            dict_schema = _dict_schema(reader, entry)
            dict_schemas.append(dict_schema)
            for pattern in reader.strings(entry, "calls"):
                dict_schema_entries.extend((name, dict_schema) for name in expand(pattern))
        configuration = doc.get("configuration", {})
        if isinstance(configuration, dict):
            reader.check_keys(configuration, "configuration")
            config_owners.update(reader.strings(configuration, "owners"))
            config_symbols.update(reader.strings(configuration, "symbols"))
        for entry in doc.get("schema", []):
            reader.check_keys(entry, "schema")
            schemas.append(
                SchemaFamily(
                    family=reader.string(entry, "family"),
                    rule=reader.string(entry, "rule"),
                    stored=bool(entry.get("stored", False)),
                    bases=frozenset(reader.strings(entry, "bases")),
                    decorators=frozenset(reader.strings(entry, "decorators")),
                    field_calls=reader.strings(entry, "field_calls"),
                    exclude_calls=frozenset(reader.strings(entry, "exclude_calls")),
                    exclude_argument_calls=frozenset(reader.strings(entry, "exclude_argument_calls")),
                    exclude_argument_keywords=frozenset(reader.strings(entry, "exclude_argument_keywords")),
                    annotated=bool(entry.get("annotated", False)),
                    annotation_wrappers=frozenset(reader.strings(entry, "annotation_wrappers")),
                    meta_fields=bool(entry.get("meta_fields", False)),
                    response_names=bool(entry.get("response_names", False)),
                    stored_when_keyword=entry.get("stored_when_keyword"),
                    renders_fields=bool(entry.get("renders_fields", False)),
                    submitted=bool(entry.get("submitted", False)),
                    received_only=bool(entry.get("received_only", False)),
                    unseen_received=bool(entry.get("unseen_received", False)),
                    extended_by_stored=bool(entry.get("extended_by_stored", False)),
                    attribute_map=bool(entry.get("attribute_map", False)),
                    value_tables=frozenset(reader.strings(entry, "value_tables")),
                    nested_calls=frozenset(reader.strings(entry, "nested_calls")),
                    part_containers=frozenset(reader.strings(entry, "part_containers")),
                    answers_by_use=bool(entry.get("answers_by_use", False)),
                )
            )

    literal_factories = frozenset(
        match.group(1)
        for name, _ in share_entries
        for match in [re.match(r"^(.*?)\([A-Za-z0-9_.-]+\)", name)]
        if match
    )
    return Models(
        version=version,
        packs=tuple(sorted(doc["pack"]["name"] for _, doc in data)),
        returns=returns,
        aliases=aliases,
        literal_factories=literal_factories,
        log_calls=SymbolTable(log_entries),
        custom_levels=custom_levels,
        logger_names=frozenset(logger_names),
        logger_type=logger_type,
        share_calls=SymbolTable(share_entries),
        http_calls=SymbolTable(http_entries),
        hosts=tuple(sorted(hosts, key=lambda h: (-len(h.host), h.host))),
        cookie_setters=setters,
        cookie_header_names=frozenset(header_names),
        cookie_header_methods=frozenset(header_methods),
        cookie_header_rule=header_rule,
        cookie_jars=frozenset(jars),
        cookie_jar_rule=jar_rule,
        cookie_functions=SymbolTable(cookie_functions),
        request=RequestModel(
            objects=frozenset(request.get("objects", ())),
            annotations=frozenset(request.get("annotations", ())),
            parameter_names=frozenset(request.get("parameter_names", ())),
            self_attributes=frozenset(request.get("self_attributes", ())),
            context_names=frozenset(request.get("context_names", ())),
            attributes=dict(request.get("attributes", {})),
            methods=dict(request.get("methods", {})),
            key_methods=frozenset(key_methods),
            events=dict(request.get("events", {})),
            event_parameters=frozenset(request.get("event_parameters", ())),
            connections={package: frozenset(names) for package, names in request.get("connections", {}).items()},
            connection_names=frozenset(n for names in request.get("connections", {}).values() for n in names),
            connection_attributes={package: frozenset(names) for package, names in request.get("connection_attributes", {}).items()},
            package_attributes={package: dict(members) for package, members in request.get("package_attributes", {}).items()},
            event_objects=frozenset(t for types in request.get("events", {}).values() for t in types),
            framework_members=frozenset(request.get("framework_members", ())),
        ),
        routes=RouteModel(
            **{key: frozenset(routes.get(key, ())) for key in _KNOWN_KEYS["fastapi"] - {"form_classes", "credential_schemes"}},
            credential_schemes=tuple(sorted(routes.get("credential_schemes", ()))),
            form_classes=form_classes,
            body_hook_methods=frozenset(hook.rsplit(".", 1)[-1] for hook in routes.get("body_hooks", ())),
            bundle_hook_methods=frozenset(hook.rsplit(".", 1)[-1] for hook in routes.get("bundle_hooks", ())),
            rpc_decorator_names=frozenset(name.rsplit(".", 1)[-1] for name in routes.get("rpc_decorators", ())),
        ),
        schemas=tuple(schemas),
        response_names=tuple(response_names),
        response_only_keywords=frozenset(response_only),
        field_exclude_keywords=frozenset(field_excludes),
        derive_calls=SymbolTable(derive_entries),
        schema_factories=SymbolTable(factory_entries),
        config_owners=frozenset(config_owners),
        config_symbols=frozenset(config_symbols),
        recipients=frozenset(recipients),
        response_only_annotations=frozenset(response_only_annotations),
        received_by=frozenset(received_by),
        carriers=SymbolTable(carrier_entries),
        carrier_requests=SymbolTable(carrier_request_entries),
        schema_tables=SymbolTable(table_entries),
        passthrough_calls=SymbolTable(passthrough_entries),
        inherited={base: tuple(sorted(attrs.items())) for base, attrs in sorted(inherited.items())},
        inbound=dict(sorted(inbound_entries)),
        inbound_handlers=dict(sorted(handler_entries)),
        inbound_methods=dict(sorted(method_entries)),
        dict_schemas=tuple(dict_schemas),
        dict_schema_calls=SymbolTable(dict_schema_entries),
        response_words=frozenset(response_words),
    )


def _argument(reader: _PackReader, entry: Mapping[str, Any]) -> tuple[int, str | None]:
    """An entry's `position` (default 0) and `keyword` of the argument it names, each problem
    recorded on `reader` (a bad value is replaced by the default)."""
    position = entry.get("position", 0)
    if not isinstance(position, int) or isinstance(position, bool) or position < 0:
        reader.problem("position", "'position' must be a non-negative integer")
        position = 0
    keyword = entry.get("keyword")
    if keyword is not None and not isinstance(keyword, str):
        reader.problem("keyword", "'keyword' must be a string")
        keyword = None
    return position, keyword


def _dict_schema(reader: _PackReader, entry: Mapping[str, Any]) -> DictSchema:
    """One `[[dict_schema]]` entry, every problem recorded on `reader` (the entry is returned anyway).

    An entry needs a `shape` among DICT_SHAPES and at least one of `calls`, `functions`, `names`
    (else nothing would ever be found with it).
    """
    shape = reader.string(entry, "shape")
    if shape and shape not in DICT_SHAPES:
        reader.problem("shape", f"unknown dict schema shape '{shape}' (known: {', '.join(sorted(DICT_SHAPES))})")
    position, keyword = _argument(reader, entry)
    functions = tuple(p.lower() for p in reader.strings(entry, "functions"))
    names = reader.strings(entry, "names")
    if not (entry.get("calls") or functions or names):
        reader.problem("dict_schema", "a [[dict_schema]] needs 'calls', 'functions' or 'names'")
    return DictSchema(
        family=reader.string(entry, "family"), rule=reader.string(entry, "rule"), shape=shape,
        position=position, keyword=keyword, keywords=reader.strings(entry, "keywords"), functions=functions, names=names,
        key_calls=tuple(name for pattern in reader.strings(entry, "key_calls") for name in expand(pattern)),
        lookup_validators=reader.strings(entry, "lookup_validators"),
        dropped_validators=reader.strings(entry, "dropped_validators"),
    )
