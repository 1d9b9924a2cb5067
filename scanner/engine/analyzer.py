"""One file, one parse, one pass: the evaluator every detector runs inside.

The analyzer walks a module's statements in order, keeping for each scope what every name
holds (a `Value`), and evaluates each expression once. Detectors are consulted where they
apply: request reads and schema fields (sources, `collect`), and calls into logging, SDKs,
HTTP clients and cookie setters (sinks: `log`, `share`, `cookie`). Functions of the file are
analysed callees first, so a helper's summary (what it returns, which parameters reach a
log) is known at its call sites.
"""

from __future__ import annotations

import ast
import builtins
import collections
import dataclasses
import functools
import gc
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from scanner.classify import Classifier, Match
from scanner.coverage import UNMODELLED
from scanner.engine import answers, control, logfns, logkeys, sinks, sources
from scanner.engine.field_descriptors import descriptor_parameter, descriptor_reads
from scanner.engine.imports import import_bindings, module_name
from scanner.engine.keyed_options import given_query, option_parameters, option_positions
from scanner.engine.lazy_modules import lazy_instances
from scanner.engine.lazyre import LazyPattern
from scanner.engine.parameters import every_parameter, named_parameters, positional_parameters
from scanner.engine.positions import Positions
from scanner.engine.schema_calls import schema_factory
from scanner.engine.sources import CREDENTIALS, FOLDED_METHODS, FOLDED_SYMBOLS, HOOK_BUNDLE, USERNAME
from scanner.engine.summaries import (
    EMPTY,
    SECOND_HAND,
    STRING_FORM,
    USE_FUNCTION,
    USE_LOG_SITES,
    USE_OPTIONS,
    USE_PASSTHROUGH,
    USE_PROPERTY,
    USE_PROPERTY_READ,
    USE_BASE,
    USE_RENDERED,
    USE_REQUEST_ATTRIBUTE,
    USE_STAR,
    USE_VARIABLE,
    URL_CONSTANT,
    Analyzed,
    FunctionSummary,
    Gated,
    LogSite,
    ModuleSummary,
    RelayedLog,
    held,
)
from scanner.engine.values import (
    CARRIERS,
    CONFIGURED,
    CONFIGURED_VALUE,
    HOLE,
    NOTHING,
    REQUEST,
    REQUEST_CONTAINER,
    UNKNOWN,
    Value,
    const_value,
    data_of,
    default_shape,
    joined_shape,
    shape_of,
    symbol_value_of,
    union,
    with_data_of,
    with_step,
)
from scanner.engine.walk import walk
from scanner.model import Cookie, FileResult, FlowStep, Kind, Observation, Skip, SkipReason, Span
from scanner.packs import Models, aliased_prefix

_BUILTIN_NAMES = frozenset(vars(builtins))

# Calls whose result says nothing personal about their arguments.
SANITIZERS = frozenset({
    "builtins.len", "builtins.bool", "builtins.isinstance", "builtins.issubclass", "builtins.type",
    "builtins.id", "builtins.hash", "builtins.callable", "builtins.hasattr", "builtins.any", "builtins.all",
    "builtins.sum", "builtins.min", "builtins.max", "builtins.round", "builtins.abs", "builtins.range",
    "builtins.enumerate", "builtins.getattr",
})
SANITIZER_PREFIXES = ("hashlib.", "hmac.", "bcrypt.", "passlib.", "secrets.", "uuid.", "time.", "datetime.")
SANITIZER_WORDS = ("hash", "mask", "redact", "anonymi", "pseudonymi", "encrypt", "obfuscat", "scrub", "sanitiz",
                   "count", "exists", "validate", "verify", "check_password")
_SANITIZING = re.compile("|".join(SANITIZER_WORDS))
# Functions whose result holds their arguments' data (conversions and serialisers).
TRANSFORMS = frozenset({
    "builtins.str", "builtins.repr", "builtins.format", "builtins.bytes", "builtins.list", "builtins.dict",
    "builtins.tuple", "builtins.set", "builtins.frozenset", "builtins.sorted", "builtins.reversed", "builtins.vars",
    "builtins.ascii", "builtins.zip", "builtins.map", "builtins.filter", "builtins.iter", "builtins.next",
    "dataclasses.asdict", "dataclasses.astuple", "pprint.pformat", "functools.partial",
    # a decoded JSON Web Token: the claims the token carried (PyJWT, python-jose), read by key after
    "jwt.decode", "jose.jwt.decode",
})
TRANSFORM_PREFIXES = ("json.", "orjson.", "ujson.", "simplejson.", "base64.", "urllib.parse.", "html.", "textwrap.",
                      "copy.", "shlex.", "string.", "markupsafe.", "django.utils.html.", "django.utils.text.")
# Calls that run the function given as their first argument with the arguments that follow it.
DEFERRING_CALLS = frozenset({
    "asyncio.to_thread", "anyio.to_thread.run_sync", "starlette.concurrency.run_in_threadpool",
    "fastapi.concurrency.run_in_threadpool",
})
# Methods of strings and containers that keep the data they are called on. Not `keys`: a dict's keys
# are its field names, not its values (`list(form_data.keys())`).
KEEPING_METHODS = frozenset({
    "lower", "upper", "strip", "lstrip", "rstrip", "title", "capitalize", "casefold", "split", "rsplit",
    "splitlines", "replace", "encode", "decode", "format", "format_map", "join", "copy", "items", "values",
    "get", "pop", "partition", "rpartition", "ljust", "rjust", "center", "zfill", "removeprefix",
    "removesuffix", "dict", "model_dump", "model_dump_json", "dumps", "to_dict", "as_dict", "json",
    "dump", "serialize", "__str__", "__repr__", "read", "getvalue", "to_json", "asdict",
})
# The string methods of KEEPING_METHODS that give the same text converted (decoded, trimmed, case
# changed): a key read so converted is still that key read.
_TEXT_METHODS = frozenset({"decode", "encode", "strip", "lstrip", "rstrip", "lower", "upper", "casefold", "title"})
# Methods that put their arguments into the list, deque or table they are called on (a row appended).
_FILLING_METHODS = frozenset({"append", "appendleft", "extend", "insert", "add_row"})
# Django queryset methods that return the values of the fields they name.
_FIELD_QUERIES = frozenset({"values_list", "values"})
# How a client sends a request object and returns the service's answer (PayPal's `client.execute(request)`).
_EXECUTE_METHODS = frozenset({"execute"})
# The blocks at module level whose definitions `_walk_module_level` walks as top-level ones.
_MODULE_BLOCKS = (ast.If, ast.Try, ast.With, ast.AsyncWith)
# the summaries that say nothing but their parameters' names, one per names (FunctionSummary is compared by identity)
_TRIVIAL_SUMMARIES: dict[tuple[str, ...], FunctionSummary] = {}
# A web server's request classes, whose subclasses' `self` is the request (`_request_subclass`), and the
# roles of the request's members that say who sent it, which such a `self` reads as the request's.
_REQUEST_CLASSES = frozenset({"twisted.web.server.Request", "twisted.web.http.Request"})
_SENDER_ROLES = frozenset({"client_ip", "headers"})
# Methods that render an object whole: a service's object serialised so keeps the person's details it holds.
_SERIALISING_METHODS = frozenset({
    "dict", "to_dict", "as_dict", "asdict", "model_dump", "model_dump_json", "json", "to_json", "serialize",
    "__str__", "__repr__", "to_dict_recursive",
})
# The methods `FileAnalyzer._carried_call` and `_queried_fields` look at.
_CARRYING_METHODS = _FIELD_QUERIES | _EXECUTE_METHODS | _SERIALISING_METHODS
# Attributes of a service's answer that hold its body (PayPal's `response.result`, Stripe's `event.data.object`).
_BODY_ATTRIBUTES = CARRIERS | {"result", "object"}
# Methods that return nothing personal about the object they are called on.
DROPPING_METHODS = frozenset({
    "startswith", "endswith", "isdigit", "isalpha", "isalnum", "isspace", "count", "find", "index",
    "rfind", "rindex", "__len__", "exists", "is_valid", "is_authenticated", "has_perm", "has_usable_password",
    "check_password", "set_password", "save", "delete", "close", "commit", "flush", "total_seconds",
})


# The most leading characters of a secret a slice may keep and still only name it (`token[:8]`).
_PREFIX_LIMIT = 8


def _short_prefix(node: ast.Slice) -> bool:
    """True for `[:n]` with a constant n of at most _PREFIX_LIMIT characters."""
    upper = node.upper
    return node.lower is None and node.step is None and isinstance(upper, ast.Constant) \
        and type(upper.value) is int and 0 <= upper.value <= _PREFIX_LIMIT


@dataclass(slots=True, eq=False, repr=False)  # never compared or printed: two generated methods fewer
class ClassInfo:
    """A class of the file: its name and what `self.x` holds."""

    name: str
    attributes: dict[str, Value] = field(default_factory=dict)
    rendered: frozenset[str] = frozenset()
    """Categories its string form shows (its __str__/__repr__, or a generated repr of its fields)."""
    bases: tuple[str, ...] = ()
    """The qualified names of its base classes, where imports tell them."""
    properties: frozenset[str] = frozenset()
    """The names of its `@property` (and `cached_property`) getters."""
    inherited: tuple[tuple[str, str], ...] = ()
    """The attributes library base classes give it (`[inherited]`: `stdout`, an `OutputWrapper`), with
    the objects they hold, for its subclasses in the file."""


def _read_as_record(name: str, uses: Sequence[ast.AST]) -> bool:
    """Whether a loop's target is read as a mapping in `uses` (`name.get("email")`, `name["email"]`):
    what the loop goes through is a list of records, not a mapping's keys (which are strings)."""
    for use in uses:
        for node in walk(use):
            if type(node) is ast.Subscript and type(node.value) is ast.Name and node.value.id == name \
                    and type(node.ctx) is ast.Load:
                return True
            if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "get" \
                    and type(node.func.value) is ast.Name and node.func.value.id == name:
                return True
    return False


def _string_key(node: ast.expr) -> bool:
    """Whether `node` is a string written in the code (a key read by its name)."""
    return type(node) is ast.Constant and type(node.value) is str


def _keyed_access(node: ast.expr) -> bool:
    """Whether `node` reads one key by its name: `data["secret"]`, `data.get("secret", {})`."""
    if type(node) is ast.Subscript:
        return _string_key(node.slice)
    return type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "get" \
        and bool(node.args) and _string_key(node.args[0])


def _passes_back(node: ast.expr, name: str) -> bool:
    """Whether `node` is a call given the name it is bound back to, as an argument of its own
    (`data = self.update_data(data, instance_id)`, `body = clean(body)`)."""
    node = node.value if isinstance(node, ast.Await) else node
    return isinstance(node, ast.Call) and any(
        isinstance(arg, ast.Name) and arg.id == name for arg in (*node.args, *(k.value for k in node.keywords)))


@dataclass(slots=True, eq=False, repr=False)  # never compared or printed: two generated methods fewer
class PendingBody:
    """A request body bound to a name: user content, unless only keys are read from it."""

    node: ast.AST
    value: Value
    key_read: bool = False
    earlier: tuple[PendingBody, ...] = ()
    """Bodies bound to the same name before, in another branch or a fallback (`try: body =
    json.loads(request.body)` / `except: body = request.body.decode()`): each is reported where it
    was bound, unless the name's keys are read."""
    used_whole: bool = False
    """Also used as a whole (passed whole to a call that is no schema: `check_media_attachments(data)`,
    a log call; or walked, its keys or items): taken whole where bound, even though its keys are read too."""
    tried: bool = False
    """Bound in a `try` body whose handlers are running: a body one binds to the same name is its
    fallback (`try: body = request.json ...` / `except ...: body = request.body`), and what uses the
    name afterwards may hold either: both are kept, whatever keys were read from the first."""
    unpacked: bool = False
    """Unpacked from a helper's tuple with what the caller asked for (`data, user, err = await
    self.get_user_request_info(request)`, `FunctionSummary.body_item`): not taken by being bound (`_`,
    or a name never read), only by a use: its keys read, or it used whole (then taken where bound)."""
    parts: tuple[ast.expr, ...] = ()
    """The request members read by the alternatives of the bound value, each on its own line (`data =
    request.form if request.form else json.loads(` / `request.data)`): two reads of two members,
    each taken whole at its own line, as any read inside a longer statement is located."""

    def emit(self, an: FileAnalyzer) -> None:
        """Report this body taken whole where it was bound (at each alternative read, if several)."""
        for node in self.parts or (self.node,):
            sources.emit_whole_body(an, node, self.value)


# A scope's containers start as these shared empties (read-only, so a write that skips Scope's methods
# fails loudly rather than reaching every scope): most functions, and every comprehension, never write
# most of them, and making seven new containers per scope was measurable. Scope's methods put a real
# container in place on the first write. (A dataclass refuses an unhashable default, so Scope's
# __init__ is written out: it takes only what its callers give, which is cheaper too.)
_NO_PENDING: Mapping[str, PendingBody] = MappingProxyType({})
_NO_LOG_PARAMS: Mapping[int, str] = MappingProxyType({})
_NO_SIDE_LOGS: Mapping[int, list[sinks.SideLog]] = MappingProxyType({})
_NO_ALIASES: Mapping[str, set[str]] = MappingProxyType({})
_NO_FILLED: Mapping[str, Value] = MappingProxyType({})
_NO_INDEXES: frozenset[int] = frozenset()


@dataclass(slots=True, init=False, eq=False, repr=False)  # never compared or printed: two generated methods fewer
class Scope:
    """One function's (or the module's) names and what it has seen. Its containers are written
    through its methods only (they start as shared read-only empties)."""

    env: dict[str, Value]
    parent: Scope | None
    cls: ClassInfo | None
    params: tuple[str, ...]
    pending: Mapping[str, PendingBody]
    returns: list[Value] | tuple[Value, ...]
    log_params: Mapping[int, str]
    side_logs: Mapping[int, list[sinks.SideLog]]
    """The log calls its parameters reach, in a function that is not a logging wrapper (by index)."""
    log_reads: list[logkeys.LogRead] | tuple[()]
    """The log calls (and calls of functions that log) its parameters reach: read for the keys of each
    parameter logged only when the summary keeps the parameter (`FunctionSummary.log_keys`)."""
    content_params: frozenset[int]
    """Its parameters whose values it sends to an AI provider as the prompt or input (an SDK's
    `content` parameters): the user's content, wherever else the function logs them."""
    logging_wrapper: bool
    """The function's job is logging (`is_logging_wrapper`): what it passes on of its callers' arguments is theirs."""
    cookie_wrapper: bool
    """The function's job is setting a cookie (`sinks.is_cookie_wrapper`): its callers set the cookie."""
    cookie_params: tuple[tuple[str, int], ...]
    cookie_rule: str
    http_url: int | None
    """The parameter the function passes on as the URL of an HTTP request whose host it cannot know
    (`def post(self, url, json=None): return self.client.post(url, json=json)`): its callers make
    that request (`sinks.apply_summary`)."""
    sentry_event: str | None
    """The parameter holding a Sentry event, in a function registered as an event processor (or given its event)."""
    late: Sequence[tuple[ast.FunctionDef | ast.AsyncFunctionDef, frozenset[str]]]
    """Nested functions, each with the names this scope bound where it is defined: one that reads a
    name bound nowhere then, and bound here later, is analysed again at the end."""
    sign_in: str | None
    """The owner a sign-in step's request fields are read under too (`sources.sign_in_context`):
    the `code` an OAuth callback view is given is a credential. "" when the function is no such
    step; None until asked (`sources._sign_in`: few functions read a request key it decides)."""
    sign_in_of: tuple[ast.FunctionDef | ast.AsyncFunctionDef, ClassInfo | None, sources.RouteInfo | None] | None
    """The function (its class and route) whose `sign_in` this scope's is, worked out when asked."""
    raised: list[Value] | None
    """While a `try` body runs: the data of the exceptions it raises itself (`raise UserError(f"no user
    {email}")`), which its handlers' `except ... as e` names hold."""
    param_loops: list[ast.For | ast.AsyncFor] | tuple[()]
    """The loops over one of the function's parameters (`for descriptor in descriptors`), for
    `field_descriptors.descriptor_parameter` (few functions have one: it walks none other)."""
    decoding_params: frozenset[str]
    """Its parameters it hands, with a request body, to a function that validates the one with the other
    (`FunctionSummary.validates`): the classes its callers pass there receive data."""
    key_read_params: set[int] | frozenset[int]
    """Its parameters read by a constant key somewhere (`params.get("page", 1)`, `params["q"]`): the
    only ones `keyed_options.option_parameters` looks at (most functions read none so)."""
    function_aliases: Mapping[str, set[str]]
    """Names bound to functions of the file (`func = charge_webhook` in one branch, `func = source_webhook`
    in another): a call through the name may reach each of them."""
    body_items: list[tuple[int, int, Value]] | tuple[()]
    """The request bodies the function returns as an item of a tuple display (`return data, user, err`
    with `data` bound to the request's decoded body): (the item's position, the tuple's length, the body)."""
    filled: Mapping[str, Value]
    """Local names of lists and tables personal data was put into so far (`rows.append(row)`,
    `table.add_row("Email", data["email"])`), with that data: what the container shows rendered whole
    (`print(table)`, `json.dumps(rows)`), not what an element read of it holds (`rows[0]`, a loop's item)."""

    def __init__(self, env: dict[str, Value], parent: Scope | None = None, cls: ClassInfo | None = None) -> None:
        self.env = env
        self.parent = parent
        self.cls = cls
        self.params = ()
        self.pending = _NO_PENDING
        self.returns = ()
        self.log_params = _NO_LOG_PARAMS
        self.side_logs = _NO_SIDE_LOGS
        self.log_reads = ()
        self.content_params = _NO_INDEXES
        self.logging_wrapper = False
        self.cookie_wrapper = False
        self.cookie_params = ()
        self.cookie_rule = ""
        self.http_url = None
        self.sentry_event = None
        self.late = ()
        self.sign_in = None
        self.sign_in_of = None
        self.raised = None
        self.param_loops = ()
        self.key_read_params = _NO_INDEXES
        self.decoding_params = frozenset()
        self.function_aliases = _NO_ALIASES
        self.filled = _NO_FILLED
        self.body_items = ()

    def pend(self, name: str, body: PendingBody) -> None:
        """Record a request body bound to `name` (replacing one bound before)."""
        if type(self.pending) is dict:
            self.pending[name] = body
        else:
            self.pending = {name: body}

    def unpend(self, name: str) -> None:
        """Forget the request body bound to `name` (callers test `name in scope.pending` first: most
        assignments have none to forget, and the test is cheaper than the call)."""
        assert isinstance(self.pending, dict)  # only pend() puts a name there
        self.pending.pop(name, None)

    def add_return(self, value: Value) -> None:
        """Record the value of one `return` statement."""
        if type(self.returns) is list:  # (a failed isinstance reads the empty tuple's `__class__`)
            self.returns.append(value)
        else:
            self.returns = [value]

    def add_log_param(self, param: int, rule: str) -> None:
        """Record that parameter `param` reaches a log call of `rule` (the first rule seen stays)."""
        if type(self.log_params) is dict:
            self.log_params.setdefault(param, rule)
        else:
            self.log_params = {param: rule}

    def add_log_read(self, read: logkeys.LogRead) -> None:
        """Record a call a parameter reaches a log by (see `log_reads`)."""
        if type(self.log_reads) is list:
            self.log_reads.append(read)
        else:
            self.log_reads = [read]

    def add_side_log(self, param: int, log: sinks.SideLog) -> None:
        """Record a log call parameter `param` reaches."""
        if type(self.side_logs) is not dict:
            self.side_logs = {}
        self.side_logs.setdefault(param, []).append(log)

    def read_by_key(self, holder: ast.expr, base: Value, key: Value) -> None:
        """Record a read by the constant key `key` of `base`, held by the name `holder`, when `base`
        is one of the function's parameters as it was given (`params["page"]`, `params.get("page",
        1)`): perhaps an option read (see `key_read_params`)."""
        if type(key.const) is not str or type(holder) is not ast.Name or base.role is not None \
                or len(base.params) != 1:
            return
        param = next(iter(base.params))
        if type(self.key_read_params) is set:
            self.key_read_params.add(param)
        else:
            self.key_read_params = {param}

    def add_late(self, nested: ast.FunctionDef | ast.AsyncFunctionDef, bound: frozenset[str]) -> None:
        """Record a nested function and the names bound where it is defined (see `late`)."""
        if type(self.late) is list:
            self.late.append((nested, bound))
        else:
            self.late = [(nested, bound)]

    def add_function_alias(self, name: str, function: str) -> None:
        """Record that `name` may be bound to the file's function `function`."""
        if type(self.function_aliases) is not dict:
            self.function_aliases = {}
        self.function_aliases.setdefault(name, set()).add(function)

    def fill(self, name: str, data: Value) -> None:
        """Record that personal data `data` was put into the container local `name` holds (see `filled`)."""
        if type(self.filled) is not dict:
            self.filled = {}
        before = self.filled.get(name)
        self.filled[name] = data if before is None else union([before, data])

    def lookup(self, name: str) -> Value | None:
        scope: Scope | None = self
        while scope is not None:
            found = scope.env.get(name)
            if found is not None:
                return found
            scope = scope.parent
        return None


class FileAnalyzer:
    """Analyses one parsed module; `run()` returns its observations."""

    # Slots, not an instance dict: CPython 3.11 shares an instance dict's keys between instances (and
    # reads an attribute at a fixed index) only up to 29 attributes; a 30th made every attribute read
    # of the analyser slower (+1.5% instructions on the Django subset). Slots keep the reads fast
    # however many there are; an attribute added to __init__ must be named here too.
    __slots__ = (
        "_attribute_bindings",
        "_called_body_item",
        "prefix_data",
        "_given_log_methods",
        "group_reads",
        "declared_fields",
        "_bound",
        "_calls_modelled",
        "_classified",
        "_person_attributes",
        "_control_names",
        "_ducks",
        "_base_tags",
        "_inherited_elsewhere",
        "_method_names",
        "_module_functions",
        "_module_imports",
        "frameworks",
        "_normalized",
        "_passes_stars",
        "_property_names",
        "_return_types",
        "_sink_methods",
        "_walked",
        "answered_nesting",
        "parameters_read_by_name", "connection_attributes", "package_attributes",
        "answering_classes",
        "class_methods",
        "caller_text",
        "classes",
        "classifier",
        "external",
        "gated",
        "inbound_functions",
        "is_package",
        "models",
        "module",
        "module_scope",
        "observations",
        "path",
        "pending",
        "positions",
        "properties",
        "received_local",
        "loaded_local",
        "relayed",
        "request_attributes",
        "response_models",
        "schema_classes",
        "sentry_events",
        "settings",
        "stored_bases",
        "side_logs",
        "source",
        "summaries",
        "tree",
        "uses",
    )

    def __init__(self, path: str, source: str, tree: ast.Module, models: Models, classifier: Classifier,
                 external: ModuleSummary = EMPTY, module: str | None = None) -> None:
        self.path = path
        self.external = external
        self.uses: set[str] = set()
        self.settings: set[str] = set()  # rules of SDK settings this file turns on (ModuleSummary.settings)
        self.tree = tree
        self.models = models
        self.classifier = classifier
        self.positions = Positions(source)
        # functions registered as Sentry event processors, and the position of their event parameter
        self.sentry_events = sinks.sentry_processors(tree) if "before_send" in source or "event_processor" in source else {}
        self.source = source
        self.module = module_name(path) if module is None else module  # the run's source roots name it
        self.is_package = path.endswith("__init__.py")
        self.observations: list[Observation] = []
        # (class, field) -> the category a schema field of this module was declared with: a method
        # of the class reading `self.field` reads that value
        self.declared_fields: dict[tuple[str, str], str] = {}
        self.module_scope = Scope(env={})
        self.summaries: dict[str, FunctionSummary] = {}  # by local name: `helper`, `Class.method`
        # the log calls a function of this file (not a logging wrapper) makes with its parameters,
        # by local name and parameter index: calls in this file that pass personal data there are
        # reported at those log calls
        self.side_logs: dict[str, dict[int, list[sinks.SideLog]]] = {}
        self.relayed: list[RelayedLog] = []  # calls passing personal data to other modules' log calls
        # the log calls of a logging wrapper of this file that write a parameter which is only its
        # callers' text (`_caller_text_parameters`), by the summary's parameter index: a call in this
        # file that passes personal data there is relayed to them (`sinks._relay`), as another module's is
        self.caller_text: set[tuple[int, LogSite]] = set()
        # the collects held back until every module is analysed (`Gated`): (where they were in
        # `observations`, the class's qualified name, the collects)
        self.gated: list[tuple[int, str, list[Observation]]] = []
        self.pending: dict[str, tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope, ClassInfo | None]] = {}
        self._passes_stars = False  # a star import bound names another module offers: offered on (`export`)
        self.classes: dict[str, ClassInfo] = {}
        self.schema_classes: dict[str, str] = {}
        self.answering_classes: list[tuple[str, int, int, str]] = []
        """The module's classes of families that answer or take data by their uses (`answers.SchemaUses`)."""
        self.stored_bases: set[str] = set()
        """Other modules' plain classes a stored model of this module extends (ModuleSummary.stored_bases)."""
        self.response_models: set[str] = set()
        self.received_local: frozenset[str] | None = None
        """The module's classes that receive data (computed at its first plain value class)."""
        self.loaded_local: frozenset[str] | None = None
        """The module's classes built from fetched database rows (computed at its first plain value class)."""
        self.answered_nesting: frozenset[str] | None = None
        """The module's classes that are parts of its responses (computed at its first schema class that
        does not answer by itself: `sources._nested_in_answers`)."""
        self.inbound_functions: dict[str, dict[str, str]] | None = None
        """The top-level functions given a chat platform's event as a dict (`sources.inbound_parameters`)."""
        per_run = _PER_MODELS[0] if _PER_MODELS and _PER_MODELS[0][0] is models else _made_per_models(models)
        self._return_types = per_run[1]
        self._calls_modelled = models._calls_modelled
        """`Models.models_call`'s memo (one dict per run, emptied in place when full): `eval_call` reads it first."""
        self._sink_methods = per_run[2]
        """The method names `sinks.check_method_sinks` acts on (for a receiver that holds no URL)."""
        self.parameters_read_by_name = per_run[3]
        """The names `sources.parameter_value` reads an unannotated parameter by."""
        self.connection_attributes, self.package_attributes = sources.connection_attributes(models, tree, source)
        """The attribute names that hold the connection a client came in on in this module (`transport`
        where Twisted is imported; empty in most modules: `member` tests every attribute against it),
        and the request attributes read only where their package is imported (`content`), by role."""
        self._normalized = _NORMALIZED.setdefault(id(models.aliases), {})
        """`normalize`'s memo, shared by every analyser given the same aliases."""
        self._classified = _classified_by(classifier)
        self._person_attributes: dict[str, bool] = {}
        """`_persons_attribute`'s memo, by name."""
        self.request_attributes: set[str] = set()
        """Attributes this module sets on the request object from request data."""
        self._attribute_bindings = False
        # the last call evaluated of a function returning a request body as a tuple's item, with that
        # item (`FunctionSummary.body_item`): an assignment unpacking that call's result right after
        self._called_body_item: tuple[ast.Call, tuple[int, int, Value]] | None = None
        """True once some `name.attr = data` was bound (only then are attribute reads looked up)."""
        self.group_reads: set[ast.expr] = set()
        """Key reads being evaluated as the group of a nested key (`data["secret"]` in
        `data["secret"]["region"]`, or tested `"region" in data["secret"]`): `sources.request_key`
        reads the nested key, not the group's."""
        self.class_methods: dict[str, list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope]]] = {}
        """The methods of the module's top-level classes, with the scope they are analysed in."""
        self._method_names: dict[str, frozenset[str]] = {}
        """The names of the methods each top-level class defines itself (`defines`), as asked for."""
        self._bound: set[str] = set()
        """What other modules bound the names looked up in them to (`symbol_value`). Every read of
        `external` is such a recorded lookup: an analysis given only the entries it used (a
        round's) must take the same course as one given all its imports offer."""
        self.properties: dict[str, list[str]] = {}
        """The `@property` getters of the module's top-level classes, by the last word of the class's name
        and the attribute (`spawner._log_name`): `Class.attr` keys (`LocalProcessSpawner._log_name`)."""
        self._ducks: tuple[dict[str, frozenset[str]], set[str]] | None = None
        """The properties the modules this one imports define, by class word and attribute
        (`duck_property`), once read; with the attribute names of those and of this file's. None again
        when a top-level import is executed."""
        self._property_names: set[str] = set()
        """The attribute names of `properties`."""
        self._module_imports: list[tuple[ast.Import | ast.ImportFrom, list[tuple[str, str]]]] = []
        """The top-level import statements executed so far (under a top-level `if` or `try` too), with
        what each binds."""
        self.frameworks: dict[str, int] = {}
        """The packages of `coverage.UNMODELLED` the file imports (anywhere: in a function, under `try`),
        each with the line of its first import (`Analyzed.frameworks`)."""
        self._walked: set[ast.stmt] = set()
        self._inherited_elsewhere: dict[str, FunctionSummary] = {}
        """`Class.method` of this file's classes to the summary of the method it inherits from another
        module's base, as the analysis found them (`inherited_summary`): exported under the class's name."""
        # (base, method) to the method's qualified name and its use tags (`inherited_summary`)
        self._base_tags: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        self._module_functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] | None = None
        """The functions defined at the module's top level, by name, once a call of one is asked about."""
        self._given_log_methods: dict[ast.FunctionDef | ast.AsyncFunctionDef, dict[str, str]] | None = None
        """`logfns.given_log_methods` of the module, once a function calls one of its parameters."""
        self.prefix_data: dict[str, Value] | None = None
        """The module's blueprints whose URL prefix has a variable named for personal data
        (`Blueprint("kobo", __name__, url_prefix="/kobo/<auth_token>")`), with what it holds: worked
        out once a log asks (`sinks.blueprint_prefix_data`)."""
        self._control_names: dict[ast.FunctionDef | ast.AsyncFunctionDef, frozenset[str]] = {}
        """`control.control_names` of each function asked about."""
        """The definitions held by a module-level `if`/`try`/`with` block (`if TYPE_CHECKING:`), which
        `_walk_module_level` analyses apart: executing the block skips them, as it does at top level."""

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Observation]:
        """Analyse the module: its top-level statements, then its functions, callees first."""
        self.response_models = sources.response_model_names(self.tree, self.source)
        sources.visit_dict_schemas(self)  # dicts its schema functions return, and module-level ones
        deferred: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope, ClassInfo | None]] = []
        self._walk_module_level(self.tree.body, self.module_scope, deferred, None)
        sources.visit_built_fields(self)  # form fields built in code, once the imports are bound
        # Functions are analysed in file order, except that a call of a function of the file not
        # yet analysed analyses it first (so its summary is known at the call).
        early = [func for func, _, cls in deferred if cls is None and func.name not in self.pending]
        first: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        for func, scope, cls in deferred:
            key = f"{cls.name}.{func.name}" if cls is not None else func.name
            held = self.pending.setdefault(key, (func, scope, cls))
            if held[0] is not func and _is_overload(held[0]) and not _is_overload(func):
                # the implementation after `@overload` stubs (matrix-synapse's `parse_string_from_args`):
                # a caller analysed before it is reached must see its summary, not a stub's
                self.pending[key] = (func, scope, cls)
            first.setdefault(key, func)
        for func in early:  # called by a statement of the module: analysed again with all it binds
            self.pending.setdefault(func.name, (func, self.module_scope, None))
        for func, scope, cls in deferred:
            key = f"{cls.name}.{func.name}" if cls is not None else func.name
            if self.pending.get(key, (None,))[0] is func:
                del self.pending[key]
                self.analyze_function(func, scope, cls)
            elif first[key] is not func and not (_is_overload(first[key]) and _is_overload(func)):
                # (a later `@overload` stub has no body to analyse; the implementation is pending)
                # a later def of the name: the implementation after its `@overload` stubs (weblate's
                # `_download`), a property's `@x.setter`, a fallback defined again. Its body runs as the
                # first's does; the name's summary stays the first's (a getter's, not its setter's),
                # unless the first was only an overload's stub
                kept = self.summaries.get(key)
                self.analyze_function(func, scope, cls)
                if kept is not None and not _is_overload(first[key]):
                    self.summaries[key] = kept
        return self.observations

    def gated_observations(self) -> tuple[Gated, ...]:
        """The collects held back for their classes (`Gated`), once the module is analysed.

        A group sharing a line and kind with another observation of the file would be merged with
        it (`merge_observations`, in the order they were made): its class's answer is asked now of
        the modules analysed before (`sources.unseen_elsewhere`, recording the use, as before the
        groups were held back), and its collects put back where they were made when it holds."""
        if not self.gated:
            return ()
        keys = collections.Counter(_merge_key(o) for o in self.observations)
        for _, _, group in self.gated:
            keys.update({_merge_key(o) for o in group})
        held: list[Gated] = []
        for mark, unnamed, group in reversed(self.gated):  # put back last first: the marks stay true
            own = {_merge_key(o) for o in group}
            if all(keys[key] == 1 for key in own):
                held.append(Gated(unnamed, tuple(merge_observations(group))))
            elif sources.unseen_elsewhere(self, unnamed):
                self.observations[mark:mark] = group
        held.reverse()
        return tuple(held)

    def module_function(self, name: str, scope: Scope) -> bool:
        """Whether `name` names a function defined at the top level of this file (and no local
        value shadows it in `scope`)."""
        return "." not in name and (name in self.summaries or name in self.pending) and scope.lookup(name) is None

    def summary_of(self, key: str) -> FunctionSummary | None:
        """The summary of a function of the file, analysing it now if it has not been yet."""
        found = self.summaries.get(key)
        if found is not None:
            return found
        waiting = self.pending.pop(key, None)
        if waiting is None:
            return None
        func, scope, cls = waiting
        self.analyze_function(func, scope, cls)
        return self.summaries.get(key)

    def _walk_module_level(
        self,
        body: Sequence[ast.stmt],
        scope: Scope,
        deferred: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope, ClassInfo | None]],
        cls: ClassInfo | None,
    ) -> None:
        for stmt in body:
            # by exact type (see `owner_name`): an isinstance of a tuple of types that fails costs five of these
            if type(stmt) is ast.FunctionDef or type(stmt) is ast.AsyncFunctionDef:
                for decorator in stmt.decorator_list:
                    self.eval(decorator, scope)
                deferred.append((stmt, scope, cls))
                if cls is None:
                    # callable from the module's statements below it (`app = create_app()`): analysed
                    # then with what is bound so far, as Python runs it, and again at the end
                    self.pending.setdefault(stmt.name, (stmt, scope, cls))
            elif type(stmt) is ast.ClassDef:
                info = self.visit_class(stmt, scope)
                class_scope = Scope(env={}, parent=scope, cls=info)
                methods: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope, ClassInfo | None]] = []
                self._walk_module_level(stmt.body, class_scope, methods, info)
                for name, value in class_scope.env.items():
                    if value.symbol is not None or _url_text(value):  # an object, or `base_url = "https://..."`
                        info.attributes.setdefault(name, value)
                info.attributes.update(sources.related_instances(self, stmt))
                deferred.extend((func, scope, info) for func, _, _ in methods)
                self.class_methods[info.name] = [(func, scope) for func, _, _ in methods]
            elif type(stmt) in _MODULE_BLOCKS and self._holds_definitions(stmt):
                # `if TYPE_CHECKING:` / `try: import x except ImportError:` blocks at module level: the
                # definitions they hold directly are walked as top-level ones are (once, deferred),
                # after the block's other statements have run
                held = [[s for s in child if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
                        for child in sources.inner_bodies(stmt)]
                for definitions in held:
                    self._walked.update(definitions)
                self.exec_stmt(stmt, scope)
                for definitions in held:
                    self._walk_module_level(definitions, scope, deferred, cls)
            else:
                self.exec_stmt(stmt, scope)

    def _holds_definitions(self, stmt: ast.stmt) -> bool:
        return any(
            isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            for body in sources.inner_bodies(stmt)
            for s in body
        )

    # --------------------------------------------------------------- emitting
    def step(self, node: ast.AST, message: str) -> FlowStep:
        return FlowStep(self.path, self.positions.span(node), message)

    def emit(
        self,
        kind: Kind,
        node: ast.AST,
        categories: Iterable[str],
        rule: str,
        message: str,
        *,
        recipient: str | None = None,
        cookie: Cookie | None = None,
        stored: bool = False,
        value: Value | None = None,
        reasons: Iterable[str] = (),
        arguments: Iterable[ast.AST] = (),
    ) -> None:
        """Record one observation located at `node`."""
        span = self.positions.span(node)
        flow: tuple[FlowStep, ...] = ()
        all_reasons = list(reasons)
        if value is not None:
            if len(value.steps) >= 1 and kind in (Kind.LOG, Kind.SHARE, Kind.COOKIE):
                flow = value.steps + (FlowStep(self.path, span, message),)
            all_reasons.extend(r for r in value.reasons if r not in all_reasons)
        self.observations.append(
            Observation(
                kind=kind,
                path=self.path,
                span=span,
                categories=tuple(sorted(set(categories))),
                rule=rule,
                message=message,
                recipient=recipient,
                cookie=cookie,
                stored=stored,
                flow=flow,
                reasons=tuple(all_reasons),
                arguments=tuple(self.positions.span(a) for a in arguments),
            )
        )

    def retract_control_reads(self, mark: int, node: ast.AST) -> None:
        """Drop the collects emitted since `mark` located at `node`, a value the code only tests against
        options it names (`scanner.engine.control`), when what they collect is free text or an
        identifier (`control.controllable`): a protocol's or a page's switch, not the person's data."""
        span = self.positions.span(node)
        self.observations[mark:] = [o for o in self.observations[mark:]
                                    if o.kind is not Kind.COLLECT or o.span != span
                                    or not control.controllable(o.categories)]

    def retract_reads_at(self, mark: int, node: ast.AST) -> None:
        """Drop the collects emitted since `mark` located at `node`, whatever their category: a value the
        code only asks its type, an attribute or its emptiness of (`control.TYPE_TESTS`,
        `control.emptiness_tested`: `hasattr(request.user_agent, "browser")`), or a field read into a
        name of a reference to it (`sources.names_reference`: `credential_id = form.get("credential")`), or
        read only to reach its id (`sources.REFERENCE_KEYS`: `payload["message"]["id"]`)."""
        span = self.positions.span(node)
        self.observations[mark:] = [o for o in self.observations[mark:] if o.kind is not Kind.COLLECT or o.span != span]

    def control_names(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
        """`control.control_names(func)`, worked out once per function."""
        found = self._control_names.get(func)
        if found is None:
            found = self._control_names[func] = control.control_names(func)
        return found

    def _retract_control_arguments(self, node: ast.Call, name: str, scope: Scope, mark: int) -> None:
        """A call of a function of this module (`start_session(prompt=request.values.get("prompt"))`):
        the collects of arguments given to parameters it only tests against options it names
        (`prompt == "login"`) are dropped (`retract_control_reads`)."""
        current: Scope | None = scope
        while current is not None and current is not self.module_scope:
            if name in current.env:
                return  # a local name, not the module's function
            current = current.parent
        if self._module_functions is None:
            self._module_functions = {stmt.name: stmt for stmt in self.tree.body
                                      if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))}
        func = self._module_functions.get(name)
        tested = self.control_names(func) if func is not None else frozenset()
        if func is None or not tested:
            return
        positional = positional_parameters(func.args)
        for index, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred):
                break
            if index < len(positional) and positional[index].arg in tested:
                self.retract_control_reads(mark, arg)
        named = {a.arg for a in (*func.args.args, *func.args.kwonlyargs)}
        for keyword in node.keywords:
            if keyword.arg is not None and keyword.arg in tested and keyword.arg in named:
                self.retract_control_reads(mark, keyword.value)

    # ------------------------------------------------------------- classes
    def visit_class(self, node: ast.ClassDef, scope: Scope) -> ClassInfo:
        """Record the class, emit its schema fields, and note what `self.x` holds in its methods."""
        for decorator in node.decorator_list:
            self.eval(decorator, scope)
        info = ClassInfo(node.name)
        # a generic base is its class (`LocalProxy[Request]`, `Generic[T]`)
        info.bases = tuple(b for b in (self.static_symbol(base.value if type(base) is ast.Subscript else base, scope)
                                       for base in node.bases) if b is not None)
        self.classes[node.name] = info
        seen = len(self.observations)
        family = sources.visit_schema_class(self, node, scope)
        # the lines of the fields just declared, with what each holds: a string form that shows one
        # shows that (`FileAttachment.__str__` returns its caption, content of a person's row)
        declared = {o.span.start_line: o.categories for o in self.observations[seen:] if o.kind is Kind.COLLECT} \
            if len(self.observations) > seen else None
        info.rendered = sources.rendered_categories(self, node, family, scope, declared)
        scope.env[node.name] = symbol_value_of(f"@class:{node.name}")
        constants: dict[str, str] = {}
        for stmt in node.body:
            if type(stmt) is ast.Assign and type(stmt.value) in (ast.Constant, ast.JoinedStr):
                text = _class_text(stmt.value, constants)
                if text:
                    for target in stmt.targets:
                        if type(target) is ast.Name:
                            constants[target.id] = text
        for name, text in constants.items():
            # a name the class gives a literal (`auth_header_name = 'Authorization'`, `header =
            # "REMOTE_USER"`) is what `self.auth_header_name` is in its methods, unless the file sets
            # it on an instance (privacyIDEA's User: `login = "nobody"`, a default its __init__
            # replaces); a search of the file's text, as walking every method costs too much
            if not _sets_on_self(self.source, name):
                info.attributes.setdefault(name, const_value(text))
        client_names = _client_names(self.models)
        for stmt in node.body:
            if type(stmt) is ast.AnnAssign and stmt.value is None and type(stmt.target) is ast.Name \
                    and _annotation_name(stmt.annotation) in client_names:
                # `client: OpenAI` declared in a base class whose methods call `self.client.chat.completions
                # .create(...)` while subclasses make the client (weblate's machinery, the annotation's type
                # imported under TYPE_CHECKING): the declared SDK client is what `self.client` holds. Only a
                # client whose calls the packs model (a field `user: User` of a dataclass stays a name)
                annotated = self.annotation_symbol(stmt.annotation, scope)
                if annotated is not None:
                    instance = self.call_result_symbol(annotated, ast.Call(func=stmt.annotation, args=[], keywords=[]), scope)
                    if instance in _client_types(self.models):
                        info.attributes.setdefault(stmt.target.id, symbol_value_of(instance))
        properties: list[str] = []
        string_forms: list[ast.FunctionDef] = []
        for stmt in node.body:
            if type(stmt) is not ast.FunctionDef and type(stmt) is not ast.AsyncFunctionDef:  # see `owner_name`
                continue
            if stmt.decorator_list and _is_property(stmt):
                properties.append(stmt.name)
                if stmt.returns is not None and stmt.name not in info.attributes:
                    # `def client(self) -> httpx.AsyncClient:` of a project's HTTP client: the object
                    # `self.client` is in the methods (`self.client.build_request(...)`)
                    annotated = self.annotation_symbol(stmt.returns, scope)
                    if annotated is not None and not annotated.startswith("builtins.") and self.is_object_symbol(annotated):
                        info.attributes[stmt.name] = symbol_value_of(self.call_result_symbol(
                            annotated, ast.Call(func=stmt.returns, args=[], keywords=[]), scope))
                elif stmt.returns is None and stmt.name not in info.attributes:
                    made = self._property_client(stmt, scope)
                    if made is not None:
                        info.attributes[stmt.name] = symbol_value_of(made)
            elif stmt.name in ("__str__", "__repr__") and scope is self.module_scope and type(stmt) is ast.FunctionDef:
                string_forms.append(stmt)  # read once the class is known: what __init__ binds, its properties
            # What __init__ binds to self.x is known before any method runs; other methods' own
            # assignments are recorded as they are analysed (walking every method costs too much).
            if stmt.name in ("__init__", "setup", "setUp", "__post_init__"):
                for sub in _walk_statements(stmt):
                    if (type(sub) is ast.AnnAssign and type(sub.target) is ast.Attribute
                            and isinstance(sub.target.value, ast.Name) and sub.target.value.id == "self"):
                        # `self.span: LangfuseSpan | None = None`: the annotation says what it holds
                        held = self.mapping_items(sub.annotation, scope)
                        if held is not None:
                            # `self.spans: dict[str, LangfuseSpan] = {}`: what its values are
                            info.attributes.setdefault(sub.target.attr, symbol_value_of(ITEMS + held))
                            continue
                        annotated = self.annotation_symbol(sub.annotation, scope)
                        if annotated is not None and not annotated.startswith("builtins."):
                            info.attributes.setdefault(sub.target.attr, Value(symbol=self.call_result_symbol(annotated, ast.Call(func=sub.annotation, args=[], keywords=[]), scope)))
                    if type(sub) is ast.Assign and len(sub.targets) == 1:
                        target = sub.targets[0]
                        if (
                            isinstance(target, ast.Attribute)
                            and isinstance(target.value, ast.Name)
                            and target.value.id == "self"
                        ):
                            if type(sub.value) is ast.Constant and type(sub.value.value) is str:
                                if sinks._PERSON_OBJECT.fullmatch(target.attr):
                                    # `self.user = "postgres"`: a service's login, no person's object
                                    # (`sinks.kept_person`); other literals are left as they were
                                    info.attributes.setdefault(target.attr, const_value(sub.value.value))
                                continue
                            if isinstance(sub.value, ast.Name) and _is_parameter(stmt, sub.value.id):
                                # `self.openai_client = client` of `client: openai.OpenAI`: the
                                # parameter, not a global of that name
                                symbol = self.typed_parameter_instance(stmt, sub.value.id, scope)
                            else:
                                symbol = self.static_symbol(sub.value, scope)
                            if symbol is not None and self.is_object_symbol(symbol):
                                info.attributes.setdefault(target.attr, symbol_value_of(symbol))
        inherited = self.models.inherited
        if inherited:
            # what a library's base class gives its instances (Django's `BaseCommand`: `self.stdout`, an
            # `OutputWrapper` whose `write` prints), directly or through a base class of this file
            # (`class Command(ImportCommand)`), where the class does not bind it itself: a lookup per base,
            # once per class, inline (a function call per class cost more than the lookups)
            for base in info.bases:
                given = inherited.get(base)
                if given is None and base[:7] == "@class:":
                    local = self.classes.get(base[7:])
                    given = local.inherited if local is not None else None
                if given:
                    info.inherited += given
                    for attr, symbol in given:
                        info.attributes.setdefault(attr, symbol_value_of(symbol))
        if properties:
            info.properties = frozenset(properties)
            if scope is self.module_scope:
                word = last_word(node.name)
                for name in properties:
                    self.properties.setdefault(f"{word}.{name}", []).append(f"{node.name}.{name}")
                self._property_names.update(properties)
                if self._ducks is not None:
                    self._ducks[1].update(properties)
        for stmt in string_forms:
            # after the body's other methods and the properties: `kept_person` asks what `self.user` is
            # bound to and whether it is a property, wherever the class writes those
            info.rendered |= self._rendered_objects(stmt, node.name, info)
        return info

    def _request_subclass(self, cls: ClassInfo, depth: int = 0) -> bool:
        """Whether a class of the file subclasses a web server's request class (`_REQUEST_CLASSES`),
        directly or through classes of the file (`XForwardedForRequest(SynapseRequest)`)."""
        for base in cls.bases:
            if base in _REQUEST_CLASSES:
                return True
            if base[:7] == "@class:" and depth < 8:
                local = self.classes.get(base[7:])
                if local is not None and local is not cls and self._request_subclass(local, depth + 1):
                    return True
        return False

    def typed_parameter_instance(self, func: ast.FunctionDef | ast.AsyncFunctionDef, name: str,
                                 scope: Scope) -> str | None:
        """The SDK instance a parameter `name` of `func` holds by its annotation (`client: openai.OpenAI`
        gives `openai.OpenAI()`), or None: no such parameter, no annotation, or a class no pack models."""
        for arg in named_parameters(func.args):
            if arg.arg == name:
                annotated = self.annotation_symbol(arg.annotation, scope) if arg.annotation is not None else None
                if annotated is None or annotated.startswith("@"):
                    return None
                instance = self.normalize(f"{annotated}()")
                return instance if self.models.relevant(instance) else None
        return None

    def mapping_items(self, annotation: ast.expr, scope: Scope) -> str | None:
        """The object a `dict[K, V]` annotation's values are, when V is a class (None otherwise)."""
        if not (isinstance(annotation, ast.Subscript) and isinstance(annotation.slice, ast.Tuple)
                and len(annotation.slice.elts) == 2 and owner_name(annotation.value) in MAPPINGS):
            return None
        annotated = self.annotation_symbol(annotation.slice.elts[1], scope)
        if annotated is None or annotated.startswith("builtins.") or not (
                _looks_like_class(annotated) or annotated.startswith("@class:")):
            return None
        element = annotation.slice.elts[1]
        return self.call_result_symbol(annotated, ast.Call(func=element, args=[], keywords=[]), scope)

    def static_symbol(self, node: ast.expr, scope: Scope) -> str | None:
        """The qualified name an expression denotes, from imports and names alone (no evaluation)."""
        kind = type(node)  # by exact type (see `owner_name`)
        if kind is ast.Name:
            found = scope.lookup(node.id)  # type: ignore[attr-defined]
            return found.symbol if found is not None else None
        if kind is ast.Attribute:
            base = self.static_symbol(node.value, scope)  # type: ignore[attr-defined]
            return self.normalize(f"{base}.{node.attr}") if base else None  # type: ignore[attr-defined]
        if kind is ast.Call:
            func = self.static_symbol(node.func, scope)  # type: ignore[attr-defined]
            if func is None:
                return None
            return self.call_result_symbol(func, node, scope)  # type: ignore[arg-type]
        if kind is ast.Await:
            return self.static_symbol(node.value, scope)  # type: ignore[attr-defined]
        return None

    # ------------------------------------------------------------ functions
    def analyze_function(
        self, func: ast.FunctionDef | ast.AsyncFunctionDef, outer: Scope, cls: ClassInfo | None
    ) -> None:
        """Analyse one function body with its parameters bound, then record its summary."""
        signature = func.args  # read once (see `eval_call`)
        scope = Scope(env={}, parent=outer, cls=cls)
        params = positional_parameters(signature)
        names = [a.arg for a in params]
        all_args = [*params, *signature.kwonlyargs]
        defaults, kw_defaults = signature.defaults, signature.kw_defaults
        # (the named parameters and the defaults given as read here: see `route_info`)
        route = sources.route_info(self, func, outer, all_args, [*defaults, *kw_defaults] if kw_defaults else defaults)
        vararg, kwarg = signature.vararg, signature.kwarg
        if vararg:
            all_args.append(vararg)
        if kwarg:
            all_args.append(kwarg)
        urls = _default_urls(signature) if defaults or kw_defaults else None
        for index, arg in enumerate(all_args):
            value = sources.parameter_value(self, func, arg, index, cls, route, outer)
            if urls and arg.arg in urls and value.shape is None and value.symbol is None and value.role is None:
                # `def __init__(self, api_url="https://cloud.getliteral.ai")`: the code names where requests
                # go when the caller says nothing, as `os.getenv("API_URL", "https://...")` does
                value = dataclasses.replace(value, shape=urls[arg.arg])
            scope.env[arg.arg] = value
        scope.params = tuple(names)
        scope.sign_in_of = (func, cls, route)
        scope.logging_wrapper = is_logging_wrapper(func)
        scope.cookie_wrapper = sinks.is_cookie_wrapper(func)
        scope.sentry_event = sinks.sentry_event_parameter(self, func)
        logged = self.logging_decorators(func, scope, outer) if func.decorator_list else None
        if route is None:  # a route's defaults (`Form(...)`, `Depends(get_db)`) are read with its parameters
            for default in (*defaults, *kw_defaults):
                if default is not None:
                    self.eval(default, outer)
        self.exec_block(func.body, scope)
        for nested, bound in scope.late:
            # the names it reads that were bound nowhere when it was defined and are bound now: only
            # this function's own names change while its body runs (its enclosing scopes wait), so
            # they are among those it bound since; most functions bind none it reads
            added = [name for name in scope.env if name not in bound]
            if added and _reads_any(nested, added, scope.parent):
                # a closure sees what the function binds after defining it (`async with connect(url) as
                # ws:` below `async def writer(): await ws.send(...)`): analysed again, as it is called
                self.analyze_function(nested, scope, scope.cls)
        self.finish_scope(scope)
        returned = union(scope.returns) if scope.returns else NOTHING  # data only, as union makes it
        # `return None` on a failure path does not hide the client a factory returns otherwise
        # (no set built for a function that returns nothing: a third of them)
        returns = scope.returns
        if len(returns) == 1:  # one `return` (most functions that return): no set to build
            body_symbol = returns[0].symbol if returns[0].const is not None else None
        else:
            symbols = {r.symbol for r in returns if r.const is not None} if returns else set()
            body_symbol = symbols.pop() if len(symbols) == 1 else None
        known = body_symbol is not None and (self.models.relevant(body_symbol) or body_symbol.startswith(("@instance:", REQUEST)))
        if known and not returned.categories:
            returned = Value(symbol=body_symbol)
        elif known and body_symbol is not None and self.models.relevant(body_symbol):
            # `return ElevenLabs(api_key=key)`: an SDK client made with a secret is still the client
            returned = Value(symbol=body_symbol, categories=returned.categories, steps=returned.steps,
                             reasons=returned.reasons, params=returned.params)
        elif not known and func.returns is not None:
            # `def client() -> Langfuse:` says what it returns when the body does not show it
            annotated = self.annotation_symbol(func.returns, outer)
            if annotated is not None and (_looks_like_class(annotated) or annotated.startswith("@class:")) \
                    and not annotated.startswith("builtins."):
                returned = Value(symbol=self.call_result_symbol(annotated, ast.Call(func=func.returns, args=[], keywords=[]), outer),
                                 categories=returned.categories, steps=returned.steps, reasons=returned.reasons,
                                 params=returned.params)
        container = sources.returned_container(func, scope.returns, returned)
        if container is not None:
            returned = container
        if logged is not None:
            self.emit_logging_decorator(func, logged[0], union([logged[1], data_of(returned)]))
        # A method is called through an instance: its first parameter is not passed explicitly.
        shift = 1 if cls is not None and names and names[0] in ("self", "cls") else 0
        key = f"{cls.name}.{func.name}" if cls is not None else func.name
        keyed = _keyed_return(scope.returns)
        if keyed is not None:
            container_index, key_index, role = keyed
            keyed = None if key_index < shift or 0 <= container_index < shift else (
                container_index - shift if container_index >= 0 else container_index, key_index - shift, role)
        messages, relays = _message_parameters(func, scope) if scope.side_logs and not scope.logging_wrapper \
            else (None, None)
        if messages:
            # a parameter that is only ever the message of its log call (`session_commit(success=None)`:
            # `if success: log.info(success)` after the commit) is the caller's log text, as a wrapper's
            # is: a log at each call that gives it personal data, not at the log call of the function
            scope.side_logs = {i: logs for i, logs in scope.side_logs.items() if i not in messages}
        if relays:
            # a parameter logged whole and otherwise only passed on whole (`stream_output(type, content,
            # output, websocket)` logging `f"{output}"` and sending it to the websocket): the function's
            # job is to carry its caller's text to a log and elsewhere, a logging wrapper's for that
            # parameter: a log at each call that gives it personal data and at its own log call (its
            # side logs are kept for the latter)
            messages = messages | relays if messages else relays
        if not scope.logging_wrapper and scope.side_logs:
            self.side_logs[key] = {i - shift: logs for i, logs in scope.side_logs.items() if i >= shift}
        return_params = frozenset((i - shift if i >= 0 else i) for i in returned.params if i >= shift or i < 0) \
            if returned.params else frozenset()
        # a function that gives back the mapping it is given, rebuilt (a set test and a look at the
        # last statement first; the walk only then)
        rebuilt = sources.rebuilt_parameter(func, names) if returned.role is None and keyed is None else None
        # or parsed, a body parser of the project's own (`return json.loads(input_str.decode("utf-8"))`)
        parsed = sources.parsed_parameter(self, func, names, scope) \
            if rebuilt is None and returned.role is None and keyed is None else None
        if parsed is not None:
            rebuilt = parsed
        rebuilds = rebuilt - shift if rebuilt is not None and rebuilt >= shift else None
        shape = _returned_url(scope.returns)
        # a checker of required keys (`assert_params_in_dict(body, required)`): asked only of a function
        # that returns nothing of its parameters
        checked = sources.presence_parameter(func, names[shift:]) \
            if not returned.params and keyed is None and rebuilds is None and not scope.side_logs else None
        param_names = tuple(names[shift:])
        # most functions return nothing known: the shared NOTHING, not an equal new Value
        plain = shape is None and returned.symbol is None and returned.role is None and not returned.categories \
            and not returned.steps and not returned.reasons
        log_params = {(i - shift if i >= 0 else i): r for i, r in scope.log_params.items() if i >= shift or i < 0} \
            if scope.logging_wrapper else \
            {i - shift: r for i, r in scope.log_params.items() if i >= shift and i in messages} if messages else {}
        log_sites = self._log_sites(scope.side_logs, shift, func.name) if scope.side_logs else {}
        if log_params and log_sites and scope.logging_wrapper:
            for index in _caller_text_parameters(func, scope):
                self.caller_text.update((index - shift, site) for site in log_sites.get(index - shift, ()))
        log_keys = logkeys.summary_keys(scope.log_reads, scope, shift, log_params, log_sites) \
            if scope.log_reads and (log_params or log_sites) else _NO_KEYS
        logged_attributes = self._logged_attributes(func, scope, shift) \
            if scope.logging_wrapper and scope.log_params and scope.side_logs else _NO_LOGGED_ATTRIBUTES
        http_url = scope.http_url - shift if scope.http_url is not None and scope.http_url >= shift else None
        decoded = sources.decoding_parameters(self, func)
        looped = descriptor_parameter(self, func, scope.param_loops, outer) if scope.param_loops else None
        descriptors = names.index(looped) - shift if looped is not None and looped in names[shift:] else None
        if scope.decoding_params:
            decoded = decoded | scope.decoding_params
        decodes = frozenset(names.index(name) - shift for name in decoded if name in names[shift:]) \
            if decoded else frozenset()
        pair = sources.validating_pair(self, func)
        validates = (names.index(pair[0]) - shift, names.index(pair[1]) - shift) \
            if pair is not None and pair[0] in names[shift:] and pair[1] in names[shift:] else None
        body_item = _body_item(func.name, scope.body_items) if scope.body_items else None
        options = frozenset(i - shift for i in option_parameters(self, func, names, scope.key_read_params)
                            if i >= shift) if scope.key_read_params else frozenset()
        if plain and not log_params and not log_sites and not return_params and keyed is None and not scope.cookie_params \
                and not scope.cookie_rule and rebuilds is None and http_url is None and not decodes and validates is None and descriptors is None \
                and body_item is None and checked is None and not options:
            # a summary that says nothing but the parameters' names (most functions): one shared per
            # names, as the frozen class's generated __init__ costs more than the analysis of a short body
            trivial = _TRIVIAL_SUMMARIES.get(param_names)
            if trivial is None:
                trivial = _TRIVIAL_SUMMARIES[param_names] = FunctionSummary(param_names=param_names)
            self.summaries[key] = trivial
            return
        self.summaries[key] = FunctionSummary(
            returns=NOTHING if plain else
            Value(categories=returned.categories, steps=returned.steps, reasons=returned.reasons,
                  symbol=returned.symbol, role=returned.role, shape=shape),
            log_params=log_params,
            param_names=param_names,
            return_params=return_params,
            keyed=keyed,
            cookie_params=tuple((a, i - shift if a not in ("*", "**") else i) for a, i in scope.cookie_params
                                if a in ("*", "**") or i >= shift) if scope.cookie_params else (),
            cookie_rule=scope.cookie_rule,
            rebuilds=rebuilds,
            tests_keys=checked,
            parses=parsed is not None and rebuilds is not None,
            http_url=http_url,
            log_sites=log_sites,
            logged_attributes=logged_attributes,
            log_keys=log_keys,
            decodes=decodes,
            validates=validates,
            descriptors=descriptors,
            body_item=body_item,
            options=options,
        )

    def _log_sites(self, side_logs: Mapping[int, list[sinks.SideLog]], shift: int,
                   function: str) -> dict[int, tuple[LogSite, ...]]:
        """`FunctionSummary.log_sites` of a function whose parameters reach log calls (`side_logs`, by
        the scope's indices; `shift` explicit parameters first): each parameter's log calls, sorted."""
        sites: dict[int, tuple[LogSite, ...]] = {}
        for index, logs in side_logs.items():
            if 0 <= index < shift:
                continue
            found = {log.site or LogSite(self.path, self.positions.span(log.node), log.rule, log.via, function,
                                         log.program_id) for log in logs}
            sites[index - shift if index >= 0 else index] = tuple(sorted(found))  # by field, in order
        return sites

    def _logged_attributes(self, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope,
                           shift: int) -> Mapping[int, frozenset[str]]:
        """`FunctionSummary.logged_attributes` of a logging wrapper: for each parameter that reaches its
        log calls, the categories of the attributes of it those calls write, read in the log calls'
        arguments and in what the names they log were bound to in the function (Lemur's `log_data =
        {"user": user.email, ...}` then `current_app.logger.info(log_data)`), classified by name."""
        params = {scope.params[i]: i for i in scope.side_logs if shift <= i < len(scope.params)}
        if not params:
            return _NO_LOGGED_ATTRIBUTES
        logged: list[ast.expr] = []
        names: set[str] = set()
        for logs in scope.side_logs.values():
            for log in logs:
                for arg in [*log.node.args, *(k.value for k in log.node.keywords)]:
                    logged.append(arg)
                    names.update(n.id for n in walk(arg) if type(n) is ast.Name)
        if names:  # the values the logged names were bound to (a wrapper is a few statements)
            logged += [stmt.value for stmt in func.body if type(stmt) is ast.Assign
                       and any(type(t) is ast.Name and t.id in names for t in stmt.targets)]
        found: dict[int, set[str]] = {}
        for expr in logged:
            for node in walk(expr):
                if type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id in params:
                    named = self.classify_name(node.attr, None)
                    if named is not None and named.categories - {"user.unique_id"}:
                        found.setdefault(params[node.value.id] - shift, set()).update(named.categories - {"user.unique_id"})
        return {i: frozenset(c) for i, c in found.items()} if found else _NO_LOGGED_ATTRIBUTES

    def logging_decorators(self, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope,
                           outer: Scope) -> tuple[ast.expr, Value] | None:
        """The decorator given a logger (`@log_with(log)`), which logs the function's arguments and result,
        with the data of the arguments as they arrive; None when no decorator is given a logger."""
        for decorator in func.decorator_list:
            if type(decorator) is not ast.Call:
                continue
            given = [*decorator.args, *(k.value for k in decorator.keywords)]
            if not any(self._is_logger_symbol(self.static_symbol(arg, outer)) for arg in given):
                continue
            return decorator, union([data_of(scope.env[a.arg]) for a in named_parameters(func.args) if a.arg in scope.env])
        return None

    def emit_logging_decorator(self, func: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.expr,
                               data: Value) -> None:
        """A `log` at a logging decorator when the arguments or the result it logs carry personal data."""
        if data.categories:
            self.emit(Kind.LOG, decorator, data.categories, "python.logging.decorator",
                      f"{', '.join(sorted(data.categories))} may be written to a log by the decorator "
                      f"of {func.name}() (it is given a logger)", value=data,
                      reasons=("a decorator that receives a logger logs the arguments and the result",))

    def _is_logger_symbol(self, symbol: str | None) -> bool:
        return symbol is not None and (symbol == self.models.logger_type or symbol in self._return_types
                                       and self.models.log_calls.get(f"{symbol}.info") is not None)

    def finish_scope(self, scope: Scope) -> None:
        """Emit request bodies that were bound to a name and never read key by key."""
        if not scope.pending:
            return  # most scopes bind none
        for pending in scope.pending.values():
            if not (pending.key_read or pending.unpacked) or pending.used_whole and not self._taken_inside(pending.node):
                for body in (*pending.earlier, pending):
                    if body is pending or not body.key_read or body.used_whole or pending.used_whole:
                        # a fallback's `try` binding read key by key is taken only by a later whole use
                        body.emit(self)
        scope.pending = _NO_PENDING

    # ------------------------------------------------------------ statements
    def exec_block(self, body: Sequence[ast.stmt], scope: Scope) -> None:
        for stmt in body:
            # `exec_stmt`'s dispatch, inlined: one call per statement instead of two
            handler = _EXEC_BY_TYPE.get(type(stmt))
            if handler is not None:
                handler(self, stmt, scope)
            else:
                self.exec_stmt(stmt, scope)

    def exec_stmt(self, stmt: ast.stmt, scope: Scope) -> None:
        """Execute one statement abstractly: bind names, evaluate expressions once.

        Dispatched by the statement's exact type (`_EXEC_BY_TYPE`, cheaper than a chain of
        isinstance tests); a subclass of a statement type goes to the handler of the first type it
        is an instance of. A definition `_walk_module_level` analyses apart (`_walked`) is skipped."""
        handler = _EXEC_BY_TYPE.get(type(stmt))
        if handler is None:
            handler = next((h for kind, h in _EXEC_BY_TYPE.items() if isinstance(stmt, kind)), None)
            if handler is None:
                return
        handler(self, stmt, scope)

    def _exec_expr(self, stmt: ast.Expr, scope: Scope) -> None:
        node = stmt.value  # named so, an engine failure here is reported at its line (_innermost_line)
        if type(node) is ast.Call:
            fn = node.func
            if type(fn) is ast.Attribute and fn.attr == "pop" and type(fn.value) in (ast.Name, ast.Attribute) \
                    and self._dropped_request_key(fn, scope):
                return
            self.eval_call(node, scope, unused=True)  # `log.info(...)`: a third of all calls
        elif type(node) is not ast.Constant:
            # a docstring (most bare constants) is not evaluated: its value, one more entry of
            # `const_value`'s memo per distinct text, is read by nobody
            self.eval(node, scope)

    def _dropped_request_key(self, fn: ast.Attribute, scope: Scope) -> bool:
        """`fields.pop(b"access_token", None)` as a statement, `fields` a request container: the key is
        dropped before the rest is passed on, its value read by no one (the container is read key by
        key, not taken whole, for it). Asked only of a `pop` made as a statement (few are)."""
        base = self.eval(fn.value, scope)
        if base.role is None or base.symbol is None or not base.symbol.startswith(REQUEST):
            return False
        self.mark_key_read(fn.value, scope)
        return True

    def _exec_assign(self, stmt: ast.Assign, scope: Scope) -> None:
        targets, value_node = stmt.targets, stmt.value  # read once (see `eval_call`)
        mark = len(self.observations)
        value = self.eval(value_node, scope)
        if len(self.observations) != mark and len(targets) == 1 and type(targets[0]) is ast.Name \
                and value.categories:
            key = sources.read_key(value_node)
            if key is not None and sources.names_reference(self, key, targets[0].id):
                # `credential_id = request.form.get("fido2-confirm-credential")`: a reference picked
                self.retract_reads_at(mark, value_node)
                value = NOTHING
        for target in targets:
            self.assign(target, value, value_node, scope, stmt)
        if type(targets[0]) is ast.Tuple and scope.cls is not None and type(value_node) in (ast.Call, ast.Await):
            self.bind_picked_clients(targets[0], value_node, scope)
        if len(self.observations) != mark and len(targets) == 1 and type(targets[0]) is ast.Name:
            # `answer = request.form["answer"]`, the name then only tested (`if answer == "deny"`)
            func = _function_of(scope)
            if func is not None and targets[0].id in self.control_names(func):
                self.retract_control_reads(mark, value_node)

    def bind_picked_clients(self, target: ast.Tuple, value: ast.expr, scope: Scope) -> None:
        """`client, model = self._get_client_and_model(name)` where that method of the class returns
        `(self.openai_client, model[7:])`, `(self.deepseek_client, model)`, ... (r2r's providers): each name
        the tuple binds holds the SDK client the returns put at its place, when they name one only (the
        OpenAI client made with another provider's base URL is still OpenAI's client)."""
        call = value.value if type(value) is ast.Await else value
        if type(call) is not ast.Call or type(call.func) is not ast.Attribute or type(call.func.value) is not ast.Name \
                or call.func.value.id != "self" or scope.cls is None:
            return
        clients = _client_types(self.models)
        if not any(held.symbol in clients for held in scope.cls.attributes.values()):
            return  # most classes hold no SDK client: nothing to pick, no walk of the method
        method = next((func for func, _ in self.class_methods.get(scope.cls.name, ())
                       if func.name == call.func.attr), None)
        if method is None:
            return
        size = len(target.elts)
        picked: list[set[str]] = [set() for _ in target.elts]
        for node in walk(method):
            if type(node) is not ast.Return or type(node.value) is not ast.Tuple or len(node.value.elts) != size:
                continue
            for index, item in enumerate(node.value.elts):
                if type(item) is ast.Attribute and type(item.value) is ast.Name and item.value.id == "self":
                    held = scope.cls.attributes.get(item.attr)
                    if held is not None and held.symbol in clients:
                        picked[index].add(held.symbol)
        for element, symbols in zip(target.elts, picked):
            if len(symbols) == 1 and type(element) is ast.Name:
                scope.env[element.id] = symbol_value_of(next(iter(symbols)))

    def _exec_ann_assign(self, stmt: ast.AnnAssign, scope: Scope) -> None:
        if stmt.value is not None:
            value = self.eval(stmt.value, scope)
            self.assign(stmt.target, value, stmt.value, scope, stmt)
        elif isinstance(stmt.target, ast.Name):
            annotated = self.annotation_symbol(stmt.annotation, scope)
            if annotated is not None and annotated in self.models.request.annotations:
                scope.env[stmt.target.id] = symbol_value_of(REQUEST)
            elif annotated is not None and scope is self.module_scope and self.project_class(annotated):
                # `module_level_client: HTTPHandler` (a module-level singleton its package makes lazily):
                # the name holds an instance of the project's class, as `client = HTTPHandler()` would
                scope.env[stmt.target.id] = Value(symbol=self.call_result_symbol(
                    annotated, ast.Call(func=stmt.annotation, args=[], keywords=[]), scope))

    def _exec_aug_assign(self, stmt: ast.AugAssign, scope: Scope) -> None:
        held = self.eval(stmt.target, scope)
        if type(stmt.op) is ast.Add and isinstance(stmt.target, ast.Name) and _url_text(held):
            # `_url += "/api/v1/events"`: the longer URL, whose host is still known
            joined = ast.BinOp(left=ast.Name(id=stmt.target.id, ctx=ast.Load()), op=stmt.op, right=stmt.value)
            scope.env[stmt.target.id] = self._eval_bin_op(ast.copy_location(joined, stmt), scope)
            return
        value = union([self.eval(stmt.value, scope), held])
        if isinstance(stmt.target, ast.Name):
            scope.env[stmt.target.id] = value

    def _exec_return(self, stmt: ast.Return, scope: Scope) -> None:
        if stmt.value is not None:
            value = self.eval(stmt.value, scope)
            if value.role is not None and value.symbol is not None and value.symbol.startswith(REQUEST) \
                    and value.symbol != sources.PARSED_BODY and _reads_a_member(stmt.value):
                # `return await request.json()` in a helper (`get_data(request)`): the request's body
                # returned whole, a whole use by the body convention (its callers' binds are the helper
                # rule's); not a body decoded again from the raw body read before (`return json.loads(body)`),
                # nor what another function returns (`return _query_resources(...)`)
                sources.taken_whole(self, stmt.value, value)
            elif type(stmt.value) is ast.Tuple:
                self._returned_body_item(stmt.value, scope)
            scope.add_return(value)

    def _returned_body_item(self, returned: ast.Tuple, scope: Scope) -> None:
        """Record the request body a `return` gives as an item of a tuple (`return data, user, err`,
        `data = await self.get_data(request)` above): its callers that unpack the tuple hold the body
        under the name at that position (`FunctionSummary.body_item`). Only a name's item is looked at
        (read from the scope, not evaluated again): a body is bound to a name before it is returned
        with other things, and a name bound to something else from the request (a user looked up, an
        id validated) holds no body role."""
        for position, item in enumerate(returned.elts):
            if type(item) is ast.Name:
                value = self.eval(item, scope)
                if value.role in sources.BODY_ROLES and sources.is_request_container(value):
                    found = (position, len(returned.elts), value)
                    if isinstance(scope.body_items, list):
                        scope.body_items.append(found)
                    else:
                        scope.body_items = [found]

    def _exec_if(self, stmt: ast.If | ast.While, scope: Scope) -> None:
        mark = len(self.observations)
        self.eval(stmt.test, scope)
        if len(self.observations) != mark:
            # `if request.values.get("prompt") and ...`: whether a switch is set, not data taken
            for tested in control.truth_tested(stmt.test):
                self.retract_control_reads(mark, tested)
        self.exec_branches([stmt.body, stmt.orelse], scope)

    def _exec_for(self, stmt: ast.For | ast.AsyncFor, scope: Scope) -> None:
        if type(stmt.iter) is ast.Name and stmt.iter.id in scope.params and stmt not in scope.param_loops:
            scope.param_loops = [*scope.param_loops, stmt]
        self.bind_iteration(stmt.target, stmt.iter, scope, stmt, (*stmt.body, *stmt.orelse))
        self.exec_branches([stmt.body, stmt.orelse], scope)
        sources.fields_built_per_definition(self, stmt, scope)
        copy = sources.header_copy_target(stmt)  # syntax first: few loops copy a mapping item by item
        if copy is not None:
            copied = sources.headers_again(self.eval(stmt.iter.func.value, scope))  # type: ignore[attr-defined]
            if copied is not None:
                # `headers = {}; for k, v in request.headers.items(): headers[k] = v`: the request's
                # headers copied (some left out, maybe): its keys read later are header reads
                scope.env[copy] = copied

    def _exec_with(self, stmt: ast.With | ast.AsyncWith, scope: Scope) -> None:
        for item in stmt.items:
            value = self.eval(item.context_expr, scope)
            if item.optional_vars is not None:
                self.assign(item.optional_vars, value, item.context_expr, scope, stmt)
        self.exec_block(stmt.body, scope)

    def _exec_try(self, stmt: ast.Try | ast.TryStar, scope: Scope) -> None:
        outer, scope.raised = scope.raised, []
        pending_before = dict(scope.pending) if scope.pending else _NO_PENDING  # most functions bind no body
        self.exec_block(stmt.body, scope)
        raised, scope.raised = scope.raised, outer
        if raised and outer is not None:
            outer.extend(raised)  # a handler may re-raise it, or none catch it: the enclosing try's too
        # an exception object's attributes are unknown in general; what the body raised itself is known
        caught = union(raised) if raised else NOTHING
        # the bodies the `try` bound (few do): one a handler binds to the same name is a fallback
        tried = [p for name, p in scope.pending.items() if pending_before.get(name) is not p] \
            if stmt.handlers and scope.pending else []
        for pending in tried:
            pending.tried = True
        branches: list[list[ast.stmt]] = [h.body for h in stmt.handlers] + [stmt.orelse]
        for at, handler in enumerate(stmt.handlers):
            if handler.type is not None:
                self.eval(handler.type, scope)
            if handler.name:
                scope.env[handler.name] = caught
                carried = self._carried_exception(handler.type, scope) if handler.type is not None else None
                if carried is not None:
                    # its own body starts with its name bound to its own type's value, not the next handler's
                    branches[at] = [_Bound(handler, union([caught, carried])), *handler.body]
        self.exec_branches(branches, scope)
        for pending in tried:
            pending.tried = False  # a name bound again after the `try` statement replaces the body
        self.exec_block(stmt.finalbody, scope)

    def _carried_exception(self, caught: ast.expr, scope: Scope) -> Value | None:
        """What a library's exception caught by type holds, whatever raised it: an exception class made
        a `[[carries]]` call (`smtplib.SMTPRecipientsRefused`, whose string form is the refused
        recipients' addresses) holds what its instances carry. None for other types (the common case)."""
        kinds = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        parts = []
        for kind in kinds:
            symbol = self.static_symbol(kind, scope) if isinstance(kind, (ast.Name, ast.Attribute)) else None
            carried = self.models.carriers.get(symbol) if symbol is not None else None
            if carried is not None:
                parts.append(Value(symbol=f"{symbol}()", categories=carried,
                                   reasons=(f"a caught {symbol} holds the person's details its message names",)))
        return union(parts) if parts else None

    def _exec_bound(self, stmt: _Bound, scope: Scope) -> None:
        scope.env[stmt.name] = stmt.value

    def _exec_import(self, stmt: ast.Import | ast.ImportFrom, scope: Scope) -> None:
        bindings = import_bindings(stmt, self.module, self.is_package)
        # an absolute import of a web framework no pack models (`import cherrypy`, `from pecan import
        # expose`): recorded for the run's coverage notice. A `startswith` of the packages' names
        # first, in C and making no string (a third of the cost of cutting each name at its dot)
        if type(stmt) is ast.ImportFrom:
            if stmt.module is not None and stmt.module.startswith(_FRAMEWORK_NAMES) and not stmt.level:
                self._imports_framework(stmt.module, stmt.lineno)
        else:
            for alias in stmt.names:
                if alias.name.startswith(_FRAMEWORK_NAMES):
                    self._imports_framework(alias.name, stmt.lineno)
        if scope is self.module_scope:  # what `_imported_properties` reads
            self._module_imports.append((stmt, bindings))
            self._ducks = None
        for local, qualified in bindings:
            value = self.symbol_value(self.normalize(qualified))
            if local in self.models.logger_names and not self._tracked_logger(value):
                # `from app.log import logger`: a logger by its name, unless we know what it is
                value = symbol_value_of(self.models.logger_type)
            scope.env[local] = value
        if type(stmt) is ast.ImportFrom and stmt.names[0].name == "*" and scope is self.module_scope:
            self._bind_star_import(stmt, scope)

    def _imports_framework(self, module: str, line: int) -> None:
        """Record an absolute import of `module` at `line` when its package is an unmodelled framework's
        (`cherrypy.lib`, not `webob` for `web`), keeping the first line (functions are analysed callees
        first, some twice: not in file order)."""
        package = module.partition(".")[0]
        if package not in UNMODELLED:
            return
        known = self.frameworks.get(package)
        if known is None or line < known:
            self.frameworks[package] = line

    def _bind_star_import(self, stmt: ast.ImportFrom, scope: Scope) -> None:
        """`from app.base import *` of a module of the project: where that module's summary says which
        names it offers (`ModuleSummary.stars`), each is bound as `from app.base import name` would
        bind it, replacing an earlier binding (Python's order; a later one here replaces it in turn).
        A package's `__init__` binds them all (it re-exports them: `from .base import *`); another
        module, those it reads or lists in its `__all__` (a module star-importing a big one binds
        the few names it uses, not hundreds it would export again).

        Where the summary does not say (the module is analysed later, in an import cycle, or offers
        nothing), the class-like (CapWords) names this module uses and binds nowhere before are taken
        to be that module's (`data: UpdateCustomerRequest` in a route). Where several modules are
        star-imported, a name stays with the earlier one unless the later one's summary knows it as
        a class (a schema's family, a string form). Another package's star import (`from tkinter
        import *`) binds nothing: which names it exports is not known here."""
        star = _star_module(stmt, self.module, self.is_package)
        if not star:
            return
        self.uses.add(USE_STAR + star)  # what it offers, when it comes to say (the rounds, a changed module)
        offered = self.external.stars.get(star)
        if offered is not None:
            self._bind_offered(star, offered, scope)
            self._passes_stars = True
            return
        if star.split(".", 1)[0] != self.module.split(".", 1)[0]:
            return
        earlier = tuple(f"{m}." for m in (_star_module(s, self.module, self.is_package) for s, _ in self._module_imports
                                           if s is not stmt and type(s) is ast.ImportFrom and s.names[0].name == "*") if m)
        # a package's `__init__` that star-imports its modules and lists the names in `__all__` (`from
        # .abstractions import *`, `__all__ = ["Message", ...]`) re-exports them without using them
        listed = exported_names(self.tree)
        names = sorted(set(_capwords_names(self.tree)).union(listed)) if listed else _capwords_names(self.tree)
        for name in names:
            bound = scope.env.get(name)
            if bound is None:
                if name in _BUILTIN_NAMES:
                    continue
            elif not earlier or bound.symbol is None or not bound.symbol.startswith(earlier):
                continue  # bound by an import or a definition
            qualified = f"{star}.{name}"
            self.uses.add(USE_BASE + qualified)
            self.uses.add(USE_RENDERED + qualified)
            if bound is not None and qualified not in self.external.families and qualified not in self.external.rendered:
                continue  # an earlier star import's name, which this one does not know as a class
            scope.env[name] = self.symbol_value(self.normalize(qualified))

    def _bind_offered(self, star: str, offered: Mapping[str, str], scope: Scope) -> None:
        """Bind the names the module `star` offers a star import (`ModuleSummary.stars`: name -> what it
        names, "" for the module's own `star.name`) as `_exec_import` binds imported ones: a package's
        `__init__` all of them, another module those it reads or lists in `__all__` (`_bind_star_import`)."""
        if self.is_package:
            names: Iterable[str] = offered
        else:
            wanted = _read_names(self.tree) | exported_names(self.tree)
            names = [name for name in offered if name in wanted]
        for name in names:
            value = self.symbol_value(self.normalize(offered[name] or f"{star}.{name}"))
            if name in self.models.logger_names and not self._tracked_logger(value):
                value = symbol_value_of(self.models.logger_type)  # as `_exec_import` binds a logger's name
            scope.env[name] = value

    def _star_offer(self, summary: ModuleSummary) -> dict[str, str]:
        """The names a star import of this module binds, each to what it names here (`ModuleSummary.stars`;
        "" for the module's own: its def, class or assignment): those its literal `__all__` lists, else
        each name its top level binds that does not start with `_`, of them:
        - its own, those `summary` (this module's export) has entries under (`helper`, `Customer` for
          `app.base.Customer.__str__`): binding another would give the importer nothing to look up,
          and most modules' offers would grow by their constants (Django's cache by a tenth);
        - those it imports: all in a package's `__init__` (a package re-exports what it imports), in
          another module those with an entry (a re-export of a project name, the request): its
          `from django.db import models` is taken by Python's star import too, but is no export of it;
        - those it star-imports in turn, all.
        A module that is no package, lists no `__all__` and star-imports nothing offers its names with
        entries, read from its summary's keys alone (most modules: no statement is looked at; a name
        it imports with an entry, a re-export, is offered as its own, which names the same through
        its `variables` entry). Else read from the statements at module level (and the blocks among
        them: `if`, `try`, `with`, `for`), not from a walk of the whole tree. A name an `except` block
        binds again keeps what the `try` bound (`try: from ujson import dumps` / `except ImportError:
        dumps = None`)."""
        listed = exported_names(self.tree)
        entries: set[str] = set()
        if summary.functions or summary.rendered or summary.families or summary.variables:
            # the first word of each entry's key under the module (`Customer` of `app.base.Customer.__str__`)
            start = len(self.module) + 1
            entries = {key[start:].partition(".")[0].partition("(")[0]
                       for kind in (summary.functions, summary.rendered, summary.families, summary.variables)
                       for key in kind}
        if not (listed or self.is_package or self._passes_stars):
            return {name: "" for name in sorted(entries) if name[:1] != "_"}
        found: dict[str, str] = {}
        imported: set[str] = set()  # names last bound by a plain import

        def bind(name: str, bound: str, keep: bool, by_import: bool = False) -> None:
            if keep and name in found:
                return
            found[name] = bound
            if by_import:
                imported.add(name)
            elif imported:
                imported.discard(name)

        def bind_targets(target: ast.expr, keep: bool) -> None:
            kind = type(target)
            if kind is ast.Name:
                assert isinstance(target, ast.Name)
                bind(target.id, "", keep)
            elif kind is ast.Tuple or kind is ast.List:
                assert isinstance(target, (ast.Tuple, ast.List))
                for element in target.elts:
                    bind_targets(element, keep)
            elif kind is ast.Starred:
                assert isinstance(target, ast.Starred)
                bind_targets(target.value, keep)

        def visit(body: Sequence[ast.stmt], keep: bool) -> None:
            for stmt in body:
                kind = type(stmt)
                if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.ClassDef:
                    assert isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                    bind(stmt.name, "", keep)
                elif kind is ast.Assign:
                    assert isinstance(stmt, ast.Assign)
                    for target in stmt.targets:
                        bind_targets(target, keep)
                elif kind is ast.AnnAssign:
                    assert isinstance(stmt, ast.AnnAssign)
                    if stmt.value is not None:
                        bind_targets(stmt.target, keep)
                elif kind is ast.ImportFrom and stmt.names[0].name == "*":  # type: ignore[attr-defined]
                    assert isinstance(stmt, ast.ImportFrom)
                    star = _star_module(stmt, self.module, self.is_package)
                    for name, bound in self.external.stars.get(star, {}).items():
                        bind(name, bound or f"{star}.{name}", keep)
                elif kind is ast.Import or kind is ast.ImportFrom:
                    assert isinstance(stmt, (ast.Import, ast.ImportFrom))
                    for local, qualified in import_bindings(stmt, self.module, self.is_package):
                        bind(local, qualified, keep, by_import=True)
                elif kind is ast.If or kind is ast.While:
                    assert isinstance(stmt, (ast.If, ast.While))
                    visit(stmt.body, keep)
                    visit(stmt.orelse, keep)
                elif kind is ast.For or kind is ast.AsyncFor:
                    assert isinstance(stmt, (ast.For, ast.AsyncFor))
                    bind_targets(stmt.target, keep)
                    visit(stmt.body, keep)
                    visit(stmt.orelse, keep)
                elif kind is ast.With or kind is ast.AsyncWith:
                    assert isinstance(stmt, (ast.With, ast.AsyncWith))
                    visit(stmt.body, keep)
                elif isinstance(stmt, (ast.Try, ast.TryStar)):
                    visit(stmt.body, keep)
                    visit(stmt.orelse, keep)
                    for handler in stmt.handlers:
                        visit(handler.body, True)
                    visit(stmt.finalbody, keep)

        try:
            visit(self.tree.body, False)
        finally:
            # the two recursive closures each hold a cell of their own, a reference cycle that would
            # keep this analyser and its tree alive: the run disables the cyclic collector (cli.main),
            # so on Django such cycles held about 45 MB of trees at the peak
            del visit, bind_targets
        if listed:
            return {name: found.get(name, "") for name in sorted(listed)}
        return {name: bound for name, bound in found.items()
                if name[:1] != "_" and (name in entries if not bound else self.is_package or name not in imported)}

    def _exec_function_def(self, stmt: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> None:
        # A nested function: analysed in place, with the enclosing names visible.
        if stmt in self._walked:
            return
        for decorator in stmt.decorator_list:
            self.eval(decorator, scope)
        self.analyze_function(stmt, scope, scope.cls)
        if scope.parent is not None:
            scope.add_late(stmt, frozenset(scope.env))  # with the names bound here so far

    def _exec_class_def(self, stmt: ast.ClassDef, scope: Scope) -> None:
        if stmt in self._walked:
            return
        info = self.visit_class(stmt, scope)
        class_scope = Scope(env={}, parent=scope, cls=info)
        for sub in stmt.body:
            if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.analyze_function(sub, scope, info)
            else:
                self.exec_stmt(sub, class_scope)

    def _exec_match(self, stmt: ast.Match, scope: Scope) -> None:
        self.eval(stmt.subject, scope)
        self.exec_branches([case.body for case in stmt.cases], scope)

    def _exec_raise(self, stmt: ast.Raise, scope: Scope) -> None:
        if stmt.exc is not None:
            raised = self.eval(stmt.exc, scope)
            if scope.raised is not None and raised.categories:
                scope.raised.append(data_of(raised))

    def _exec_assert(self, stmt: ast.Assert, scope: Scope) -> None:
        self.eval(stmt.test, scope)
        if stmt.msg is not None:
            self.eval(stmt.msg, scope)

    def _exec_delete(self, stmt: ast.Delete, scope: Scope) -> None:
        for target in stmt.targets:
            if isinstance(target, ast.Name):
                scope.env.pop(target.id, None)

    def _exec_nothing(self, stmt: ast.stmt, scope: Scope) -> None:
        """Pass, Break, Continue, Global, Nonlocal: nothing flows."""

    def exec_branches(self, branches: list[list[ast.stmt]], scope: Scope) -> None:
        """Run alternative blocks from the same state; afterwards a name holds what any branch gave it."""
        # not copied: each branch runs on a copy of its own, so nothing writes to this one meanwhile
        before = scope.env
        results: list[dict[str, Value] | None] = []
        for body in branches:
            if not body:
                results.append(None)  # a missing `else`: every name as before, no copy made
                continue
            scope.env = dict(before)
            self.exec_block(body, scope)
            results.append(scope.env)
        merged = dict(before)
        # the names a branch gave another value than `before`'s: the only ones whose merged value can
        # differ from it, and so the only ones a branch that ran nothing has to be merged on
        changed: dict[str, None] = {}
        for env in results:
            if env is None:
                if not changed:
                    continue  # no branch before it gave a name another value: nothing to merge
                items: Iterable[tuple[str, Value]] = [(name, before[name]) for name in changed if name in before]
            else:
                items = env.items()
            for name, value in items:
                previous = merged.get(name)
                if previous is value:
                    continue  # most names: what it held before every branch (merged already holds it)
                changed[name] = None
                if previous is None:
                    merged[name] = value
                elif value.symbol is not None or value.role is not None:
                    # what a call gives in one branch, with the data another branch gives the name
                    merged[name] = with_data_of(value, previous) if (previous.categories or previous.params) \
                        and _takes_branch_data(value, self.module) else value
                elif previous.symbol is not None or previous.role is not None:
                    if (value.categories or value.params) and _takes_branch_data(previous, self.module):
                        merged[name] = with_data_of(previous, value)
                elif previous.categories or value.categories:
                    merged[name] = union([previous, value])
                elif (previous.const is UNKNOWN) != (value.const is UNKNOWN):
                    # `x = {}` then `if y: x = convert(y)`: afterwards x is not known to be the constant
                    merged[name] = previous if value.const is not UNKNOWN else value
                else:
                    merged[name] = value
        scope.env = merged

    def assign(self, target: ast.expr, value: Value, value_node: ast.expr, scope: Scope, stmt: ast.stmt) -> None:
        """Bind an assignment target; sinks that are assignments (cookies) are checked here."""
        if type(target) is ast.Name:  # by exact type (see `owner_name`), here and below
            name = target.id  # read once (see `eval_call`)
            bound = value
            if name in self.models.logger_names and not self._tracked(value) and not value.categories:
                # `logger = get_logger(__name__)` from the project's own logging module
                scope.env[name] = symbol_value_of(self.models.logger_type)
                return
            read = sources.read_into(self, target, value_node, value) if value.reasons and not value.categories else None
            if read is not None:
                bound = value = read
            elif (value.symbol is None or not self.is_object_symbol(value.symbol)) and value.role is None:
                # a constant keeps its value whatever the name means (`EMAIL_SUBJECT = "..."`)
                named = self.classify_name(name, scope.cls.name if scope.cls is not None else None) if value.const is UNKNOWN else None
                if named is not None:
                    bound = union([value, named]) if value.categories else named
                if bound.categories and bound is value:
                    bound = with_step(bound, self.step(target, f"assigned to '{name}'"))
            if type(value_node) is ast.Name and self.module_function(value_node.id, scope):
                scope.add_function_alias(name, value_node.id)
            if value.role in sources.BODY_ROLES and value.symbol is not None and value.symbol.startswith(REQUEST):
                before = scope.pending.get(name)
                # a body read by key but passed on whole is still taken where it was bound
                taken = before is not None and (not before.key_read or before.used_whole or before.tried)
                if taken and _passes_back(value_node, name):
                    # `data = self.update_data(data)`: the body bound before, handed back (its
                    # protected keys dropped): taken where it was first bound, not once more here
                    assert before is not None
                    scope.pend(name, PendingBody(before.node, value, earlier=before.earlier,
                                                      used_whole=before.used_whole, parts=before.parts))
                else:
                    # (a `try` binding read by key goes only with its fallback: a name bound again replaces both)
                    earlier = (*(b for b in before.earlier if not b.key_read or b.used_whole), before) \
                        if taken and before is not None else ()
                    scope.pend(name, PendingBody(value_node, value, earlier=earlier,
                                                      parts=self._alternative_reads(value_node, scope)))
            else:
                if name in scope.pending:
                    before = scope.pending[name]
                    if before.used_whole and not self._taken_inside(before.node):
                        # `payload = reverse_transaction(payload)`: the body was passed on whole before
                        # the name was bound to something else; it is reported where it was bound
                        for body in (*before.earlier, before):
                            body.emit(self)
                    scope.unpend(name)
            scope.env[name] = bound
        elif type(target) is ast.Tuple or type(target) is ast.List:
            if self._called_body_item is not None and self._unpacked_body(target, value_node, value, scope, stmt):
                return
            element = self.element_of(value)
            if value.shape is not None and isinstance(target, ast.Tuple) and "://" in value.shape.partition(HOLE)[0]:
                # unpacking a tuple that holds one URL the code names (`api_key, api_url = credentials()`):
                # which item it is is not kept, so each name may be it (a key is never a request's URL)
                element = dataclasses.replace(element, shape=value.shape)
            for elt in target.elts:
                inner = elt.value if type(elt) is ast.Starred else elt
                self.assign(inner, element, value_node, scope, stmt)
        elif type(target) is ast.Subscript:
            sources.dynamic_field(self, target, value_node, scope)
            sinks.check_subscript_assignment(self, target, value, value_node, scope, stmt)
            if value.role is not None and sources.kept_as_item(target, value):
                # `current_user.view_settings["table"] = json.loads(request.data)`: stored whole
                sources.taken_whole(self, value_node, value, scope=scope)
            self.store_item(target, value, scope)
        elif type(target) is ast.Attribute:
            base = self.eval(target.value, scope)
            if isinstance(target.value, ast.Name) and target.value.id == "self" and scope.cls is not None:
                if value.symbol is not None and self.is_object_symbol(value.symbol):
                    known = scope.cls.attributes.setdefault(target.attr, Value(symbol=value.symbol, shape=value.shape))
                    if value.shape is not None and known.shape is None and known.symbol == value.symbol:
                        # typed from __init__ before it ran; the client or socket made there keeps its URL
                        scope.cls.attributes[target.attr] = Value(symbol=value.symbol, shape=value.shape)
                elif _url_text(value):
                    # `self.base_url = base_url or "https://api.example.com/v1"`: where the methods send
                    scope.cls.attributes.setdefault(target.attr, Value(const=value.const, shape=value.shape))
            elif base.symbol == REQUEST:
                if sources.is_request_container(value):
                    # `request.all_data = get_all_params(request)`: request data kept on the request
                    self.request_attributes.add(target.attr)
            elif isinstance(target.value, ast.Name) and (value.categories or value.role is not None):
                # `g.request_data = get_all_params(request)`: later reads of `g.request_data` in this
                # function hold it (a body bound so is pending, like one bound to a name)
                key = f"{target.value.id}.{target.attr}"
                self._attribute_bindings = True
                scope.env[key] = value
                if value.role in sources.BODY_ROLES and sources.is_request_container(value):
                    scope.pend(key, PendingBody(value_node, value))
                else:
                    if key in scope.pending:
                        scope.unpend(key)

    def _unpacked_body(self, target: ast.Tuple | ast.List, value_node: ast.expr, value: Value, scope: Scope,
                       stmt: ast.stmt) -> bool:
        """Unpack the result of a call of a function that returns the request's body as a tuple's item
        (`data, user, err = await self.get_user_request_info(request)`): the target at the body's
        position is bound to the body, as a name bound to a helper's returned body is (its key reads
        are field reads, or it is taken whole), the others to the rest of the result's data. False
        (nothing bound) when `value_node` is not that call or the targets are not the tuple's items
        one by one."""
        assert self._called_body_item is not None  # the caller tests it first
        called, item = self._called_body_item
        call = value_node.value if type(value_node) is ast.Await else value_node
        if call is not called:
            return False
        self._called_body_item = None
        position, length, body = item
        if len(target.elts) != length or any(type(elt) is ast.Starred for elt in target.elts):
            return False
        element = self.element_of(value)
        for index, elt in enumerate(target.elts):
            self.assign(elt, body if index == position else element, value_node, scope, stmt)
        named = target.elts[position]
        pending = scope.pending.get(named.id) if type(named) is ast.Name else None
        if pending is not None and pending.value is body:
            pending.unpacked = True  # it came with what the caller asked for: taken only by a use
        return True

    def _alternative_reads(self, node: ast.expr, scope: Scope) -> tuple[ast.expr, ...]:
        """The request members the alternatives of a bound body read, when several read one on
        different lines (`request.form if request.form else json.loads(` / `request.data)`, `request.args
        or` / `request.form`); () otherwise (one line, one read: the binding is the one place)."""
        if type(node) is ast.IfExp:
            options = [node.body, node.orelse]
        elif type(node) is ast.BoolOp and type(node.op) is ast.Or:
            options = node.values
        else:
            return ()  # the common case: a body bound from one read
        reads = tuple(read for read in (self._request_member(option, scope) for option in options) if read is not None)
        return reads if len(reads) > 1 and len({read.lineno for read in reads}) == len(reads) else ()

    def _request_member(self, node: ast.expr, scope: Scope) -> ast.Attribute | None:
        """The first member of the request object `node` reads by its name (`request.data` in
        `json.loads(request.data)`, `req.get_json` in `req.get_json()`), where the read is located;
        None if it reads none. A look-up of names only: nothing else is evaluated."""
        return next((inner for inner in walk(node) if type(inner) is ast.Attribute and type(inner.value) is ast.Name
                     and self.eval(inner.value, scope).symbol == REQUEST), None)

    def store_item(self, target: ast.Subscript, value: Value, scope: Scope) -> None:
        """`urldata[phone_key] = phone`: a dict or list of the function's own holds the item's data from
        then on, as the literal `{"phone": phone}` would (a literal key's meaning included)."""
        if not isinstance(target.value, ast.Name) or target.value.id not in scope.env:
            return
        held = scope.env[target.value.id]
        if held.role is not None or (held.symbol is not None and not _instance_dict(held.symbol)):
            return  # a request, a client, a response: what their items hold is modelled where they are read
        parts = [data_of(value)]
        if isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str) and value.const is UNKNOWN:
            named = self.classify_name(target.slice.value, None)
            if named is not None:
                parts.append(named)
        added = union(parts)
        if added.categories or added.params:
            scope.env[target.value.id] = added if held.const is not UNKNOWN else union([data_of(held), added])

    def _bind_literal_table(self, target: ast.expr, parts: list[ast.expr] | None, iterated_node: ast.Call,
                            scope: Scope, stmt: ast.stmt) -> bool:
        """`for key, label in HEADERS.items()` (or `.keys()`) of a name bound to a dict of the code's own
        literals: the keys (and the values) are known as the literals together, as a loop over a
        literal list's are. Returns whether it bound the target."""
        func = iterated_node.func
        if not (type(func) is ast.Attribute and func.attr in ("items", "keys") and type(func.value) is ast.Name
                and not iterated_node.args):
            return False
        table = scope.lookup(func.value.id)
        if table is None or type(table.const) is not dict or not table.const \
                or not all(type(k) is str for k in table.const):
            return False
        keys = Value(const=tuple(table.const))
        if func.attr == "keys" and type(target) is ast.Name:
            self.assign(target, keys, iterated_node, scope, stmt)
            return True
        if func.attr == "items" and parts is not None and len(parts) == 2:
            self.assign(parts[0], keys, iterated_node, scope, stmt)
            self.assign(parts[1], Value(const=tuple(table.const.values())), iterated_node, scope, stmt)
            return True
        return False

    def bind_iteration(self, target: ast.expr, iterated_node: ast.expr, scope: Scope, stmt: ast.stmt,
                       uses: Sequence[ast.AST] = ()) -> None:
        """Bind a for-loop's (or a comprehension's) target to what one step of the iteration gives.
        `uses` are the nodes the target is used in (the loop's body, the comprehension).

        A mapping's keys do not carry its values' data: `for message_id, message in messages.items()`
        binds `message_id` to what its own name says and `message` to the values; `for key in
        d.keys()` likewise. `enumerate(xs)` counts, and `zip(a, b)` pairs each target with its own
        iterable. Everything else binds every target to an element of the whole iterable. Returns
        nothing; raises nothing.
        """
        if type(target) is ast.Name and type(iterated_node) in (ast.List, ast.Tuple, ast.Set) \
                and _literals(iterated_node.elts):  # type: ignore[attr-defined]
            # `for name in ["lab", "retro", "nbclassic"]`: each time one of the code's own literals,
            # whatever the name says (known as the literals together: which one is not)
            self.assign(target, Value(const=tuple(e.value for e in iterated_node.elts)),  # type: ignore[attr-defined]
                        iterated_node, scope, stmt)
            return
        parts = target.elts if type(target) is ast.Tuple or type(target) is ast.List else None
        if parts is not None and any(type(part) is ast.Starred for part in parts):
            parts = None
        if type(iterated_node) is ast.Call and self._bind_literal_table(target, parts, iterated_node, scope, stmt):
            return
        call = iterated_node if type(iterated_node) is ast.Call and (
            not iterated_node.keywords or _counted_from(iterated_node)) else None
        if (call is not None and type(call.func) is ast.Name and scope.lookup(call.func.id) is None
                and parts is not None and not any(isinstance(arg, ast.Starred) for arg in call.args)):
            # the builtins themselves detect nothing, so their arguments are evaluated one by one
            # (`enumerate(queries, 1)`: the count's start is a number)
            if call.func.id == "enumerate" and len(call.args) + len(call.keywords) in (1, 2) and call.args \
                    and len(parts) == 2:
                self.assign(parts[0], NOTHING, iterated_node, scope, stmt)
                self.assign(parts[1], self.element_of(self.eval(call.args[0], scope)), iterated_node, scope, stmt)
                return
            if call.func.id == "zip" and len(call.args) == len(parts):
                for part, arg in zip(parts, call.args):
                    self.assign(part, self.element_of(self.eval(arg, scope)), iterated_node, scope, stmt)
                return
        iterated = self.eval(iterated_node, scope)
        if type(target) is ast.Name and type(iterated.const) is tuple and iterated.const \
                and all(type(each) in (str, int, float) for each in iterated.const):
            # `editable_fields = ("first_name", "email")` then `for field in editable_fields`: the code's
            # own literals bound to a name first, read as the loop over them written in place is
            self.assign(target, Value(const=iterated.const), iterated_node, scope, stmt)
            return
        if iterated.role in sources.BODY_ROLES:
            walked = sources.iterated_name(iterated_node)
            records = type(iterated_node) is ast.Name and type(target) is ast.Name and _read_as_record(target.id, uses)
            if walked is not None and self.mark_used_whole(ast.Name(id=walked), scope) and not records:
                # `to_save = request.form.to_dict()` then `for key, value in to_save.items()` (or its
                # keys, each read back): the body is used whole, reported where it was bound; its
                # keys and values are then no new reads. A list of records gone through (`for
                # user_dict in users`, each read as a mapping) is used whole too, and each record's
                # keys are read below as the body's own would be.
                self.assign(target, NOTHING, iterated_node, scope, stmt)
                return
        if iterated.role == "fields" and call is not None and isinstance(call.func, ast.Attribute) \
                and call.func.attr == "items" and parts is not None and len(parts) == 2 \
                and type(parts[1]) is ast.Name and sources.is_request_container(iterated) \
                and sources.values_only_compared(parts[1].id, uses):
            # `for key, value in request.POST.items(): if key.startswith("s-") and value == "on"`: a
            # bulk action's ticks, whose values are only told apart from the code's literals (a
            # checkbox's "on", a decision's "accept"), read no value a person wrote; the keys are
            # read as a keys-only loop's are
            self.assign(parts[0], Value(reasons=(sources.EVERY_KEY,)), iterated_node, scope, stmt)
            self.assign(parts[1], NOTHING, iterated_node, scope, stmt)
            return
        if iterated.role == "files" and sources.is_request_container(iterated) or iterated.role == "fields" \
                and call is not None and isinstance(call.func, ast.Attribute) and call.func.attr in ("items", "values") \
                and not sources.collected_on_arrival(iterated) and sources.is_request_container(iterated):
            # `for name, upload in request.FILES.items()`: every uploaded file is read; `for key, value in
            # request.form.items()`: every submitted value is (a form copied whole: JupyterHub's spawn
            # options), where iterating the keys alone reads none; a message collected whole where it
            # arrived (a socket event's payload) is not collected again
            sources.emit_whole_body(self, iterated_node, iterated)
        elif iterated.role == "fields" and (call is None or isinstance(call.func, ast.Attribute) and call.func.attr == "keys") \
                and parts is None and not sources.collected_on_arrival(iterated) and sources.is_request_container(iterated):
            if call is None and type(target) is ast.Name and _read_as_record(target.id, uses):
                # `for user_dict in users` (`users = request.json`) then `user_dict.get("email")`: a
                # body that is a list of records, each read key by key as the body itself would be
                self.assign(target, iterated, iterated_node, scope, stmt)
                return
            # `for arg in self.request.body_arguments`: each key the person sent, whose value read by
            # it (`self.get_argument(arg)`) is every field in turn (sources.EVERY_KEY)
            self.assign(target, Value(reasons=(sources.EVERY_KEY,)), iterated_node, scope, stmt)
            return
        if (call is not None and isinstance(call.func, ast.Attribute) and not call.args
                and iterated.symbol is None and iterated.role is None):
            # a plain mapping's view, not a request container's or a known object's
            if call.func.attr == "keys":
                self.assign(target, NOTHING, iterated_node, scope, stmt)
                return
            if call.func.attr == "items" and parts is not None and len(parts) == 2:
                self.assign(parts[0], NOTHING, iterated_node, scope, stmt)
                self.assign(parts[1], self.element_of(iterated), iterated_node, scope, stmt)
                return
        self.assign(target, self.element_of(iterated), iterated_node, scope, stmt)

    def element_of(self, value: Value) -> Value:
        """What iterating over (or unpacking) a value gives."""
        if value.role == "files":
            return Value(categories=frozenset({"user.content"}), steps=value.steps, reasons=value.reasons)
        symbol = value.symbol
        if symbol is not None and symbol[-1:] == ")" and not value.categories:
            row = sinks.django_user_element(symbol)
            if row is not None:
                return Value(symbol=row)  # `for u in User.objects.filter(...)`: each a user, its str the login
        return data_of(value)

    # ----------------------------------------------------------- expressions
    def eval(self, node: ast.expr | None, scope: Scope) -> Value:
        """Evaluate an expression once: its value, with every detector consulted on the way."""
        # the four kinds that make most expressions, by exact type (cheaper than isinstance);
        # the other kinds by a table of their exact types; a subclass of a node type, or None,
        # goes through the isinstance chain of `_eval_other`
        kind = type(node)
        if kind is ast.Name:
            name = node.id  # type: ignore[union-attr]
            current: Scope | None = scope  # `eval_name`, its lookup inlined: a third of all expressions are names
            while current is not None:
                found = current.env.get(name)
                if found is not None:
                    return found
                current = current.parent
            return self._unbound_name(name)
        if kind is ast.Attribute:
            return self.member(node, self.eval(node.value, scope), scope)  # type: ignore[arg-type, union-attr]
        if kind is ast.Call:
            return self.eval_call(node, scope)  # type: ignore[arg-type]
        if kind is ast.Constant:
            return const_value(node.value)  # type: ignore[union-attr]
        handler = _EVAL_BY_TYPE.get(kind)
        if handler is not None:
            return handler(self, node, scope)
        return self._eval_other(node, scope)

    def _eval_other(self, node: ast.expr | None, scope: Scope) -> Value:
        """`eval` of a node whose exact type is not in `_EVAL_BY_TYPE` (None, or a subclass of a node type)."""
        if node is None:
            return NOTHING
        if isinstance(node, ast.Constant):
            return const_value(node.value)
        if isinstance(node, ast.Name):
            return self.eval_name(node, scope)
        if isinstance(node, ast.Attribute):
            return self.eval_attribute(node, scope)
        if isinstance(node, ast.Call):
            return self.eval_call(node, scope)
        for kind, handler in _EVAL_BY_TYPE.items():
            if isinstance(node, kind):
                return handler(self, node, scope)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.eval(child, scope)
        return NOTHING

    def _eval_joined_str(self, node: ast.JoinedStr, scope: Scope) -> Value:
        pieces = [self.eval(v, scope) for v in node.values]
        joined = union(pieces)
        if all(isinstance(p.const, str) for p in pieces):
            return Value(const="".join(p.const for p in pieces))
        return Value(
            categories=joined.categories, steps=joined.steps, reasons=joined.reasons,
            params=joined.params, shape=joined_shape(pieces),
        )

    def _eval_formatted_value(self, node: ast.FormattedValue, scope: Scope) -> Value:
        inner = self.eval(node.value, scope)
        sources.taken_whole(self, node.value, inner)
        if node.format_spec is not None:
            self.eval(node.format_spec, scope)
        if inner.const is not UNKNOWN and isinstance(inner.const, str):
            return inner
        return dataclasses.replace(data_of(inner), shape=inner.shape) if inner.shape is not None else data_of(inner)

    def _eval_bin_op(self, node: ast.BinOp, scope: Scope, left: Value | None = None) -> Value:
        """The value of `node`; `left`, when given, is its left operand's (a step of a chain)."""
        if left is None:
            if type(node.left) is ast.BinOp:
                # a left-deep chain (`"a" + b + "c" + ...`, hundreds of terms in generated code or a long
                # hand-built SQL text) in a loop: evaluated through `eval` it took two frames a term and
                # lost the whole file at about 490 terms; the order of evaluation is the recursion's
                chain = [node]
                inner: ast.expr = node.left
                while type(inner) is ast.BinOp:
                    chain.append(inner)
                    inner = inner.left
                value = self.eval(inner, scope)
                for link in reversed(chain):
                    value = self._eval_bin_op(link, scope, value)
                return value
            left = self.eval(node.left, scope)
        right = self.eval(node.right, scope)
        folded = sources.fold_binop(node.op, left, right)
        if folded is not UNKNOWN:
            return const_value(folded)
        if (left.role is not None or right.role is not None) and isinstance(node.op, (ast.Mod, ast.Add)):
            # `"cmd=_notify-validate&%s" % request.POST.urlencode()`: the submitted fields written
            # whole into a text (PayPal's IPN posted back) are taken whole, as passed on whole; a name
            # bound to them is no operand here (its binding answers for its whole uses)
            for operand, value in ((node.left, left), (node.right, right)):
                if value.role in sources.BODY_ROLES and type(operand) is not ast.Name \
                        and sources.is_request_container(value):
                    sources.emit_whole_body(self, operand, value)
        joined = union([left, right])
        shape = joined_shape([left, right]) if type(node.op) is ast.Add else None
        if isinstance(node.op, ast.Mod) and isinstance(left.const, str):
            shape = left.const.split("%", 1)[0] + HOLE
        return Value(categories=joined.categories, steps=joined.steps, reasons=joined.reasons,
                     params=joined.params, shape=shape)

    def _eval_unary_op(self, node: ast.UnaryOp, scope: Scope) -> Value:
        operand = self.eval(node.operand, scope)
        if type(node.op) is ast.USub and isinstance(operand.const, (int, float)):
            return Value(const=-operand.const)
        if isinstance(node.op, ast.Not):
            return NOTHING
        return data_of(operand)

    def _eval_bool_op(self, node: ast.BoolOp, scope: Scope) -> Value:
        operands = [self.eval(v, scope) for v in node.values]
        # `setting or "https://api.example.com/v1"`: the code names the URL used by default
        shape = default_shape(operands) if type(node.op) is ast.Or else None
        for operand in operands:
            if (operand.symbol is not None and (shape is None or self._tracked(operand) and operand.symbol[-6:] != ".get()")) \
                    or operand.role is not None:
                # (`params.get("api_url") or "https://..."`: what a typed mapping holds under a key is no
                # object that stands for the value; the URL the code names does)
                return operand
        joined = union(operands)
        # `request.POST.get(name) or request.GET.get(name)` in a helper: the key read survives
        keyed = next((o.keyed for o in operands if o.keyed is not None), None)
        return dataclasses.replace(joined, keyed=keyed, shape=shape) if keyed is not None or shape is not None else joined

    def _eval_compare(self, node: ast.Compare, scope: Scope) -> Value:
        mark = len(self.observations)
        self.eval(node.left, scope)
        if len(node.ops) == 1 and type(node.ops[0]) in (ast.In, ast.NotIn) and _string_key(node.left) \
                and node.left.value.isidentifier() and _keyed_access(node.comparators[0]):  # type: ignore[attr-defined]
            # `"region" in data["secret"]`: a nested key tested (not `"@" in data["email"]`, a test of the value)
            self._eval_group(node.comparators[0], scope)
        else:
            for comparator in node.comparators:
                self.eval(comparator, scope)
        if len(self.observations) != mark:
            # `request.values.get("prompt") == "none"`: a switch the code tests, not data it takes
            operand = control.control_operand(node)
            if operand is not None:
                self.retract_control_reads(mark, operand)
            emptied = control.emptiness_tested(node)
            if emptied is not None:
                # `len(request.arguments["apikey"].strip()) > 0`: whether it is empty, nothing taken
                self.retract_reads_at(mark, emptied)
        return NOTHING

    def _eval_if_exp(self, node: ast.IfExp, scope: Scope) -> Value:
        self.eval(node.test, scope)
        body, orelse = self.eval(node.body, scope), self.eval(node.orelse, scope)
        # `base_url.rstrip("/") if base_url else "https://api.example.com/v1"`: the default URL
        shape = default_shape([body, orelse])
        for branch in (body, orelse):
            if (branch.symbol is not None and (shape is None or self._tracked(branch))) or branch.role is not None:
                return branch
        if body.const is not UNKNOWN and not orelse.categories:
            return body if orelse.const is UNKNOWN else Value(const=UNKNOWN)
        if body.keyed is not None and orelse.const is not UNKNOWN:
            return body  # `strings[0] if strings else None` in a helper: the key read its callers name, or nothing
        joined = union([body, orelse])
        return dataclasses.replace(joined, shape=shape) if shape is not None else joined

    def _eval_dict(self, node: ast.Dict, scope: Scope) -> Value:
        constants = [(k.value, v.value) for k, v in zip(node.keys, node.values)
                     if type(k) is ast.Constant and type(v) is ast.Constant]
        if len(constants) == len(node.keys):
            return Value(const=dict(constants))
        values: list[Value] = []
        for key, item in zip(node.keys, node.values):
            item_value = self.eval(item, scope)
            sources.taken_whole(self, item, item_value, key, scope)
            if key is None:
                values.append(data_of(item_value))
                continue
            key_value = self.eval(key, scope)
            values.append(data_of(item_value))
            if isinstance(key_value.const, str) and item_value.const is UNKNOWN and not _counts(item):
                named = self.classify_name(key_value.const, None)
                if named is not None:
                    values.append(named)
        return union(values)

    def eval_argument(self, node: ast.expr, scope: Scope) -> Value:
        """`eval` of an argument of a call: a tuple or list display of request members is handed to
        the call as one (`_eval_display`)."""
        kind = type(node)
        if kind is ast.Tuple or kind is ast.List:
            return self._eval_display(node, scope, handed=True)  # type: ignore[arg-type]
        return self.eval(node, scope)

    def _eval_display(self, node: ast.List | ast.Tuple | ast.Set, scope: Scope, handed: bool = False) -> Value:
        elements = [self.eval(e, scope) for e in node.elts]
        if handed and elements and all(e.role in sources.BODY_ROLES and sources.is_request_container(e) for e in elements):
            # `CombinedMultiDict((request.files, request.form))`: the request's members handed together
            # to a call, which judges them as one body (bound by a form, or taken whole), as it would
            # judge `request.form` alone
            joined = union(elements)
            return Value(symbol=elements[0].symbol, role="files" if all(e.role == "files" for e in elements) else "fields",
                         categories=joined.categories, steps=joined.steps, reasons=joined.reasons)
        for element_node, element in zip(node.elts, elements):
            sources.taken_whole(self, element_node, element, scope=scope)
        if type(node) is ast.Tuple:  # by exact type (see `owner_name`)
            sinks.check_header_tuple(self, node, elements, scope)
        for element_node in node.elts:  # a loop, not `all` over a generator: most displays hold a name
            if type(element_node) is not ast.Constant:
                if type(node) is ast.Tuple:
                    for element in elements:  # a URL among the items: rare (no generator for the test)
                        if element.shape is not None or type(element.const) is str and "://" in element.const:
                            # `return api_key, api_url` where one item is a URL the code names (`setting or
                            # "https://..."`): what unpacks it keeps the URL (`_, url = self._credentials()`)
                            shape = default_shape(elements)
                            if shape is not None:
                                return dataclasses.replace(union(elements), shape=shape)
                            break
                return union(elements)  # their data: `union` reads no more of them
        if elements:
            return Value(const=tuple(e.const for e in elements))
        return union(elements)

    def _eval_inner(self, node: ast.Starred | ast.Await, scope: Scope) -> Value:
        return self.eval(node.value, scope)

    def _eval_comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp, scope: Scope) -> Value:
        comprehension = Scope(env={}, parent=scope, cls=scope.cls)
        self.bind_comprehension(node.generators, comprehension, node)
        return data_of(self.eval(node.elt, comprehension))

    def _eval_dict_comp(self, node: ast.DictComp, scope: Scope) -> Value:
        comprehension = Scope(env={}, parent=scope, cls=scope.cls)
        self.bind_comprehension(node.generators, comprehension, node)
        generator = node.generators[0]
        if len(node.generators) == 1 and type(generator.iter) is ast.Call and type(generator.iter.func) is ast.Attribute \
                and generator.iter.func.attr == "items" and sources.copies_pairs(generator.target, node.key, node.value):
            copied = sources.headers_again(self.eval(generator.iter.func.value, scope))
            if copied is not None:
                # `{k: v for k, v in request.headers.items() if k not in skip}`: the headers copied
                return copied
        return union([self.eval(node.key, comprehension), self.eval(node.value, comprehension)])

    def _eval_lambda(self, node: ast.Lambda, scope: Scope) -> Value:
        """A lambda's body reads what it reads wherever it is called (Flask-Limiter's `key_func=lambda:
        request.form.get("username")`): its request reads are reads at its line. Only a body that names
        the request is evaluated (its parameters unknown); what the lambda returns is not followed."""
        body = node.body
        if self._names_request(body, scope) or self._calls_held_object(body, scope):
            inner = Scope(env={a.arg: NOTHING for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)},
                          parent=scope, cls=scope.cls)
            self.eval(body, inner)
        return NOTHING

    def _calls_held_object(self, body: ast.expr, scope: Scope) -> bool:
        """Whether a lambda's body is a call of a method of an object the analysis tracks, held by a
        name of the enclosing scope (`lambda: tavily_client.search(query=query)` handed to
        `run_in_executor`, `asyncio.to_thread`): the call runs, with what it is given, where the lambda
        is called. Its arguments may name the lambda's parameters (unknown). Also a module's function that
        sends an HTTP request, its result read on (`lambda: requests.post(TEXT2IMG_URL, json=payload).json()`
        handed to `asyncio.to_thread`): the request is sent where the lambda is called."""
        while type(body) is ast.Call and type(body.func) is ast.Attribute and type(body.func.value) is ast.Call:
            body = body.func.value  # `requests.post(...).json()`: the call whose result is read on
        if type(body) is not ast.Call or type(body.func) is not ast.Attribute or type(body.func.value) is not ast.Name:
            return False
        held = scope.lookup(body.func.value.id)
        if held is not None and held.symbol is not None and "(" in held.symbol:
            return self._tracked(held)
        symbol = self.static_symbol(body.func, scope)
        return symbol is not None and self.models.http_calls.get(symbol) is not None

    @staticmethod
    def _names_request(expr: ast.expr, scope: Scope) -> bool:
        """Whether an expression names the request: an attribute `self.request`, or a name bound to it
        (`request`, `flask_request`)."""
        for node in walk(expr):
            if type(node) is ast.Attribute and node.attr == "request":
                return True
            if type(node) is ast.Name:
                held = scope.lookup(node.id)
                if held is not None and held.symbol is not None and held.symbol.startswith(REQUEST):
                    return True
        return False

    def _eval_named_expr(self, node: ast.NamedExpr, scope: Scope) -> Value:
        value = self.eval(node.value, scope)
        scope.env[node.target.id] = value
        return value

    def _eval_yield(self, node: ast.Yield | ast.YieldFrom, scope: Scope) -> Value:
        return self.eval(node.value, scope) if node.value is not None else NOTHING

    def _eval_slice(self, node: ast.Slice, scope: Scope) -> Value:
        for bound in (node.lower, node.upper, node.step):
            if bound is not None:
                self.eval(bound, scope)
        return NOTHING

    def bind_comprehension(self, generators: list[ast.comprehension], scope: Scope, node: ast.expr | None = None) -> None:
        for generator in generators:
            self.bind_iteration(generator.target, generator.iter, scope, generator.target,  # type: ignore[arg-type]
                                (node,) if node is not None else ())
            for condition in generator.ifs:
                self.eval(condition, scope)

    def eval_name(self, node: ast.Name, scope: Scope) -> Value:
        name = node.id
        current: Scope | None = scope  # `scope.lookup(name)`, inlined: a third of all expressions are names
        while current is not None:
            found = current.env.get(name)
            if found is not None:
                return found
            current = current.parent
        return self._unbound_name(name)

    def _unbound_name(self, name: str) -> Value:
        """The value of a name no scope binds: a builtin, a logger by its name, or what the name means."""
        if name in _BUILTIN_NAMES:
            return symbol_value_of(f"builtins.{name}")
        if name in self.models.logger_names:
            return symbol_value_of(self.models.logger_type)
        named = self.classify_name(name, None)
        return named if named is not None else NOTHING

    def eval_attribute(self, node: ast.Attribute, scope: Scope) -> Value:
        return self.member(node, self.eval(node.value, scope), scope)

    def member(self, node: ast.Attribute, base: Value, scope: Scope, called: bool = False) -> Value:
        """The value of `base.attr`: a longer qualified name, a request member, or classified data.

        `called` says the attribute is the function of a call (`obj.method(...)`), whose value is read
        only for its symbol and constant: what the method's name means as data is then not looked up
        (the classifier's misses were a tenth of the analysis, method names a fifth of them)."""
        receiver, attr = node.value, node.attr  # read once (see `eval_call`)
        if self._attribute_bindings and isinstance(receiver, ast.Name):
            held = scope.lookup(f"{receiver.id}.{attr}")
            if held is not None:
                return held
        if attr in self.connection_attributes and not called:
            # a Twisted protocol's `self.transport` (or `self.terminal.transport`): the connection the
            # client came in on, whose `client` is the client's address; an Autobahn websocket's
            # `self.http_headers`: its handshake's headers (`[request.connection_attributes]`). Read as
            # the request's member of that name
            return sources.request_member(self, node, symbol_value_of(REQUEST), scope)
        flags = _SYMBOL_FLAGS.get(base.symbol)  # `symbol_flags`, its memo read first
        if flags is None:
            flags = symbol_flags(base.symbol)
        if flags[_AT_REQUEST]:
            return sources.request_member(self, node, base, scope)
        if flags[_AT_SELF]:
            cls = scope.cls
            if self.package_attributes and not called and cls is not None and cls.bases \
                    and self.package_attributes.get(attr) in _SENDER_ROLES and self._request_subclass(cls):
                # `self.client`, `self.requestHeaders` in a method of a subclass of the server's request
                # class (matrix-synapse's `SynapseRequest(twisted.web.server.Request)`): the request's,
                # who sent it. Not its body: the class's own methods buffer and check it (`self.content.tell()`)
                return sources.request_member(self, node, symbol_value_of(REQUEST), scope)
            if cls is not None and attr in cls.attributes and (self._tracked(cls.attributes[attr])
                                                               or _url_text(cls.attributes[attr])
                                                               or cls.attributes[attr].shape is not None
                                                               or isinstance(cls.attributes[attr].const, str)):
                held = cls.attributes[attr]
                declared = self.declared_fields.get((cls.name, attr)) if self.declared_fields else None
                if declared is not None and not called:
                    # `self.address` in a method of a model that declares `address = EmailField()`:
                    # the row's value of that field, not the field object
                    return Value(categories=frozenset({declared}), reasons=(f"{cls.name}.{attr} field",))
                # a logger-named attribute is a logger, unless it holds one of the file's classes
                # (`self.audit_logger = AuditLogger(logger)`, whose `write` is a logging wrapper)
                if attr in self.models.logger_names and not self._modelled(held.symbol) \
                        and not (held.symbol or "").startswith("@instance:"):
                    return symbol_value_of(self.models.logger_type)
                if not called and not held.categories and held.symbol is not None and held.symbol[-2:] == "()":
                    # `self.tgid` of a property or attribute typed `TelegramID` (a project's NewType of an
                    # int): an instance of a class the models know nothing of says no more than its name
                    # (the name asked first: most such attributes mean nothing, `_modelled` costs more)
                    named = self.classify_name(attr, cls.name)
                    if named is not None and not self._modelled(held.symbol):
                        return Value(symbol=held.symbol, categories=named.categories, reasons=named.reasons)
                return held
            if attr in self.models.request.self_attributes and not called:
                # (a view's request object is never called: `self.request("get", url)` is a method, an
                # HTTP client's of the class or of a base class)
                return symbol_value_of(REQUEST)
            method_role = self.models.request.methods.get(attr)
            if (method_role in ("field", "header") or called and sources.client_attribute(method_role)) \
                    and not (cls is not None and self.defines(cls.name, attr)):
                # Tornado: a handler reads request arguments through its own methods, and summarises
                # its request with the client's address (`self._request_summary()`). Not a method the
                # class defines itself (evennia's SSH protocol's own `getClientAddress()`, which reads
                # its transport's peer): what that one gives is its own body's
                return symbol_value_of(f"{REQUEST}.{attr}")
            if attr in self.models.logger_names:
                return symbol_value_of(self.models.logger_type)
            if called:
                return NOTHING  # as a classified name would be, without its categories
            named = self.classify_name(attr, cls.name if cls else None)
            if named is None and cls is not None:
                if attr in cls.properties:
                    # `self._log_name` of a class whose getter returns `f"{self.user.name}:{self.name}"`
                    return self.property_value(cls.name, attr)
                # a mixin's `self` is its subclasses' (`_Share`'s methods read `Share._log_name`): those
                # of the file only (a look at the imports for every `self.x` would cost too much). In a
                # method, not here: a local variable more in this hot function costs every call of it.
                if self.properties and attr in self._property_names:
                    return self.duck_property(cls.name, attr, imported=False) or NOTHING
            return named if named is not None else NOTHING
        if flags[_AT_CLASS] and not called:
            # `Google.SEARCH_URL` of a class of the file: the URL its body binds there, as `self.SEARCH_URL`.
            # A URL only: another text's name may say more than the text (`request.META.get(
            # RemoteUserTest.email_header)` reads an e-mail, whatever header `"REMOTE_EMAIL"` is)
            info = self.classes.get(base.symbol[7:])  # type: ignore[index]  # a symbol by its flags
            held = info.attributes.get(attr) if info is not None else None
            if held is not None and isinstance(held.const, str) and "://" in held.const:
                return held
        if flags[_BUILTIN]:
            return NOTHING
        owner = owner_name(receiver)
        if base.const is CONFIGURED or owner in self.models.config_owners or base.symbol in self.models.config_symbols:
            return CONFIGURED_VALUE
        if base.symbol is None and called:
            # what follows gives a value without a symbol or a constant, but for a logger
            return symbol_value_of(self.models.logger_type) if attr in self.models.logger_names else NOTHING
        # a called method's value is read only for its symbol, which its name's meaning does not change
        named = self.classify_name(attr, owner) if not called else None
        if named is not None and base.params and isinstance(receiver, ast.Name):
            # `sender.name` of `def on_failure(sender: Task | None, ...)`: the parameter's annotation
            # names what it holds, and so whose attribute this is (looked up only for a personal
            # reading: the annotation can only decide between readings the name made)
            typed = _annotated_class(scope, receiver.id, base.params)
            if typed is not None:
                named = self.classify_name(attr, typed)
        elif named is None and base.params and not called and type(receiver) is ast.Name \
                and self._persons_attribute(attr):
            # `source.mxid` of `def backfill(self, source: User)`: a parameter named for its role holds
            # the person its annotation names (looked up only for a name a person's attribute would mean)
            typed = _annotated_class(scope, receiver.id, base.params)
            if typed is not None:
                named = self.classify_name(attr, typed)
        if base.symbol is not None:
            symbol = self.normalize(f"{base.symbol}.{attr}")
            if symbol in self.models.request.objects:
                return symbol_value_of(REQUEST)
            if "(" not in base.symbol and not flags[_AT]:
                bound = self.bound_elsewhere(symbol)
                if bound is not None and bound.startswith(URL_CONSTANT):
                    return Value(const=bound[len(URL_CONSTANT):])  # `constants.telemetry_server`
                if bound is not None:
                    return symbol_value_of(bound)
            if (attr in self.models.logger_names and symbol not in self.models.returns
                    and self.models.log_calls.get(symbol) is None):
                return symbol_value_of(self.models.logger_type)
            if named is not None:
                return Value(symbol=symbol, categories=named.categories, reasons=named.reasons)
            if base.categories and base.role is None and base.const is UNKNOWN and attr in _BODY_ATTRIBUTES \
                    and not called:
                # `event.data.object` of a service's object: its body, with the person's details
                return Value(symbol=symbol, categories=base.categories, steps=base.steps, reasons=base.reasons)
            return symbol_value_of(symbol)
        if attr in self.models.logger_names:
            return symbol_value_of(self.models.logger_type)
        if named is not None:
            return Value(categories=named.categories, steps=named.steps, reasons=named.reasons, params=base.params)
        if not called and type(receiver) is ast.Name and base.const is UNKNOWN:
            self.uses.add(USE_PROPERTY_READ + attr)  # found or not: a module may offer it later
            if attr in (self._ducks or self._imported_properties())[1] and not self.names_a_value(receiver.id):
                duck = self.duck_property(receiver.id, attr)
                if duck is not None:
                    return duck
        if base.categories and base.const is UNKNOWN and attr in CARRIERS:
            return data_of(base)
        return Value(params=base.params) if base.params else NOTHING

    def eval_subscript(self, node: ast.Subscript, scope: Scope) -> Value:
        mark = len(self.observations)
        if _string_key(node.slice) and _keyed_access(node.value):
            base = self._eval_group(node.value, scope)  # `data["secret"]["region"]`
        else:
            base = self.eval(node.value, scope)
        if len(self.observations) != mark and type(node.slice) is ast.Constant \
                and node.slice.value in sources.REFERENCE_KEYS and base.role is None:
            # `payload["message"]["id"]`: the field is only the way to its id, which picks a record
            self.retract_reads_at(mark, node.value)
            return NOTHING
        key = self.eval(node.slice, scope)
        if base.params:
            scope.read_by_key(node.value, base, key)  # `params["page"]`
        if base.role is not None and base.symbol is not None and base.symbol.startswith(REQUEST):
            if type(node.slice) is ast.Slice and base.role == "body" and isinstance(node.value, ast.Name) \
                    and self.mark_used_whole(node.value, scope):
                # `body[:200]` of a bound raw body: a preview of the whole body (what a person wrote),
                # not one of its keys
                return data_of(base)
            self.mark_key_read(node.value, scope)
            return sources.request_key(self, node, base, key, scope, node.slice)
        if key.const == "request" and owner_name(node.value) in self.models.request.context_names:
            # `context["request"]` of a template tag or `self.context["request"]` of a serializer: the
            # request itself, as the view's own parameter is
            return symbol_value_of(REQUEST)
        if base.symbol is not None and base.symbol.startswith("@self:"):
            return NOTHING
        if type(node.value) is ast.Attribute and node.value.attr == "META" and isinstance(key.const, str) \
                and base.symbol is None and sources.names_meta(node.value):
            read = sources.meta_header(self, node, key.const)  # `request.META["REMOTE_ADDR"]` of an unseen request
            if read is not None:
                return read
        if base.symbol is not None and base.symbol.startswith(ITEMS):
            return symbol_value_of(base.symbol[len(ITEMS):])
        owner = owner_name(node.value)
        if base.const is CONFIGURED or owner in self.models.config_owners or base.symbol in self.models.config_symbols:
            return CONFIGURED_VALUE
        keyed = parameter_key(base, key)
        if keyed is not None:
            return dataclasses.replace(data_of(base), keyed=keyed)
        if key.const is not UNKNOWN and isinstance(key.const, str):
            named = self.classify_name(key.const, owner)
            if named is not None:
                return Value(categories=named.categories, steps=named.steps, reasons=named.reasons, params=base.params)
            if self._meaningless_key(key.const):
                return NOTHING  # `email["subject"]` of a message, `claims["iss"]` of a decoded token
            if key.const not in CARRIERS:
                return Value(params=base.params) if base.params else NOTHING
        if base.role == "files":
            return self.element_of(base)
        if CREDENTIALS in base.categories and isinstance(node.slice, ast.Slice) and _short_prefix(node.slice):
            # `token[:3] + "..."`: a secret's first few characters name it in a log without giving it
            # away, whatever a caller passes for it (its parameters are dropped too)
            kept = data_of(base)
            return dataclasses.replace(kept, categories=kept.categories - {CREDENTIALS}, params=frozenset())
        return data_of(base) if (base.categories or base.params) and base.const is UNKNOWN else NOTHING

    def _eval_group(self, node: ast.expr, scope: Scope) -> Value:
        """Evaluate a key read whose result is read (or tested) by a key of its own: the group of a
        nested key (`data["secret"]` of `data["secret"]["region"]`). Read from a request body, it is
        the body one level down (`sources.request_key`): the nested key says what is read."""
        self.group_reads.add(node)
        try:
            return self.eval(node, scope)
        finally:
            self.group_reads.discard(node)

    def _taken_inside(self, node: ast.AST) -> bool:
        """Whether a body was already taken whole inside the expression `node` (`clean_dict(
        parse_params(request.form))`, the form taken whole where the call inside read it): bound to
        a name, it is that body, not a second one."""
        first, last = getattr(node, "lineno", 0), getattr(node, "end_lineno", 0) or 0
        return any(o.rule == "python.request.body" and first <= o.span.start_line <= last for o in self.observations)

    def mark_key_read(self, node: ast.expr, scope: Scope) -> None:
        """A body bound to `node` (a name, or `name.attr`) is read key by key, not taken whole."""
        pending = self._pending_body(node, scope)
        if pending is not None:
            pending.key_read = True  # and so the bodies bound to it before

    def mark_used_whole(self, node: ast.expr, scope: Scope) -> bool:
        """A body bound to `node` (a name, or `name.attr`) is used as a whole (passed on, iterated): taken
        whole where it was bound, whatever keys are read from it too. Returns whether one is bound there.
        Not one decoded from another name (`msg = json.loads(message_text)` of a websocket message
        already taken whole where it was received): the same body again, taken where it arrived."""
        pending = self._pending_body(node, scope)
        if pending is None:
            return False
        bound = pending.node.value if isinstance(pending.node, ast.Await) else pending.node
        if pending.unpacked or not (isinstance(bound, ast.Call) and bound.args and isinstance(bound.args[0], ast.Name)) \
                or self._request_object(bound.args[0].id, scope):
            # (a body a helper parses from the request object it is given, `content =
            # parse_json_object_from_request(request)`, arrives here: it was decoded from no body)
            pending.used_whole = True
        return True

    def _request_object(self, name: str, scope: Scope) -> bool:
        """Whether `name` holds the request object itself (not a part of it, nor a body read before)."""
        held = scope.lookup(name)
        return held is not None and held.symbol == REQUEST and held.role is None

    def _given_log_method(self, param: str, scope: Scope) -> Value | None:
        """The log method (its symbol's value) the module's calls of the function `scope` analyses give
        its parameter `param`, or None; the function is then a logging wrapper: what it logs is
        what its callers give it (`logfns`)."""
        if scope.sign_in_of is None:
            return None
        func = scope.sign_in_of[0]
        given = self._given_log_methods
        if given is None:
            if not logfns.may_be_given(self.source, func.name):  # the text first: most are given none
                return None
            given = self._given_log_methods = logfns.given_log_methods(self.tree, self.models)
        symbol = given.get(func, logfns.NONE_GIVEN).get(param)
        if symbol is None:
            return None
        scope.logging_wrapper = True
        return symbol_value_of(symbol)

    @staticmethod
    def _pending_body(node: ast.expr, scope: Scope) -> PendingBody | None:
        """The request body bound to `node` (a name, or `name.attr`) and not yet reported, if any."""
        if isinstance(node, ast.Name):
            key = node.id
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            key = f"{node.value.id}.{node.attr}"
        else:
            return None
        current: Scope | None = scope
        while current is not None:
            if key in current.pending:
                return current.pending[key]
            current = current.parent
        return None

    def eval_call(self, node: ast.Call, scope: Scope, unused: bool = False) -> Value:  # noqa: C901
        """Evaluate a call: consult every detector it concerns and record what it does, then work out
        what it returns. With `unused` (a call made as a statement: nobody reads its result), what it
        returns is not worked out: NOTHING, once the detectors have run and the records are made."""
        # the node's fields read once: a field of an AST node is read by the generic attribute look-up
        # (3.11 specialises no read of one), several times dearer than a local's
        fn, given, keywords = node.func, node.args, node.keywords
        base: Value | None = None
        method: str | None = None
        if type(fn) is ast.Attribute:  # by exact type (see `owner_name`)
            method = fn.attr
            if method == "get" and given and _keyed_access(fn.value) and _string_key(given[0]):
                base = self._eval_group(fn.value, scope)  # `data.get("secret", {}).get("region")`
            else:
                base = self.eval(fn.value, scope)
            func = self.member(fn, base, scope, True)  # only its symbol and constant are read
        else:
            func = self.eval(fn, scope)
            if func.symbol is None and func.params and type(fn) is ast.Name and fn.id in scope.params:
                # a parameter called (`log_fn(full_msg, *args)`; few functions call one): the log method
                # the module's callers give it, if any (`_emit(logger.info, ...)`)
                func = self._given_log_method(fn.id, scope) or func
        symbol = func.symbol  # read once: the call's path below asks it a dozen times
        flags = _SYMBOL_FLAGS.get(symbol)  # `symbol_flags`, its memo read first: what its prefixes say
        if flags is None:
            flags = symbol_flags(symbol)
        if symbol in DEFERRING_CALLS and given and not isinstance(given[0], ast.Starred):
            # `await asyncio.to_thread(extract_entities, text)`: the call of the function it is handed, with
            # the arguments that follow it (located at this call)
            deferred = ast.copy_location(ast.Call(func=given[0], args=given[1:], keywords=keywords), node)
            return self.eval_call(ast.fix_missing_locations(deferred), scope, unused)
        # most calls have no keywords, many no arguments: no comprehension is run for them
        # one argument (the most common call) is evaluated without a comprehension
        mark = len(self.observations)
        argument = self.eval_argument
        args = [argument(given[0], scope)] if len(given) == 1 else [argument(a, scope) for a in given] if given else []
        kwargs: list[tuple[str | None, Value]] = [(k.arg, argument(k.value, scope)) for k in keywords] \
            if keywords else []
        if len(self.observations) != mark:  # most calls' arguments observe nothing: one test for them
            if keywords:
                for position, keyword in enumerate(keywords):
                    key = sources.read_key(keyword.value) if keyword.arg is not None else None
                    if key is not None and kwargs[position][1].categories \
                            and (keyword.arg in sources.REFERENCE_KEYS
                                 or sources.names_reference(self, key, keyword.arg)):  # type: ignore[arg-type]
                        # `query.filter(message_id_hash=request.GET["message"])`: a reference picked;
                        # `get_object_or_404(User, pk=data["user"])`: the record's key itself, which refers
                        # to the record as a foreign key does (CONVENTIONS: posted ids select records)
                        self.retract_reads_at(mark, keyword.value)
                        kwargs[position] = (keyword.arg, NOTHING)
            if len(self.observations) != mark and type(fn) is ast.Name:  # (the above may retract them all)
                if symbol in control.TYPE_TESTS and given and not isinstance(given[0], ast.Starred):
                    # `isinstance(auth.get("token"), str)`: the value's type asked, nothing taken of it
                    self.retract_reads_at(mark, control.tested_value(given[0]))
                self._retract_control_arguments(node, fn.id, scope, mark)
        if symbol == "builtins.getattr" and len(args) == 2 and args[0].symbol is not None:
            # `getattr(logger, level)(message)`: a logger's method chosen at run time by its level is
            # a log call, as `logger.log(level, message)` is (`getattr(logger, "info")`, `logger.info`), a
            # level the project added included (`getattr(logger, "security")`)
            named = args[1].const
            chosen = f"{args[0].symbol}.{named if isinstance(named, str) else 'log'}"
            if self.models.log_sink(chosen) is not None:
                return symbol_value_of(chosen)
        # whether a pack's table of calls has it (one memoised test; most calls are in none of them):
        # a symbol of the file (`@class:...`) is looked up, as a class may derive from a modelled one
        if symbol is None:
            modelled = False
        elif flags[_AT]:
            modelled = True
        else:  # `Models.models_call`, its memo read first (the call cost more than its look-up)
            known = self._calls_modelled.get(symbol)
            modelled = known if known is not None else self.models.models_call(symbol)
        if modelled:
            passthrough = sources.passthrough_of(self, symbol)
            passed = sources.passed_through(self, passthrough, node, args, kwargs, scope) if passthrough else None
            if passed is not None:
                return passed  # `typing.cast(T, value)` is `value` itself, request object or body alike
        # what the arguments hold, looked at once: most calls are given no request body and no data
        given_body = given_data = given_personal = given_unnamed = False
        for value in args:
            if value.role:  # (a test, not `given_body or bool(value.role)`: no call of `bool` per argument)
                given_body = True
            if value.categories:
                given_personal = True
            elif value.params:
                given_data = True
            elif value.reasons:
                given_unnamed = True  # perhaps a request field read by a key that says nothing
        for _, value in kwargs:
            if value.role:
                given_body = True
            if value.categories:
                given_personal = True
            elif value.params:
                given_data = True
            elif value.reasons:
                given_unnamed = True
        if given_unnamed:
            # `check_username(vals["value"])`, `create_user(email=vals["value"])`: the parameter or the
            # function says what the field read by a key that says nothing is
            sources.given_into(self, node, given, args, keywords, kwargs)
        given_data = given_data or given_personal
        if unused and given_personal and method in _FILLING_METHODS:
            # `rows.append(row)`, `table.add_row(user["email"])`: the local list or table holds what is put in it
            receiver = fn.value  # type: ignore[attr-defined]  # a method's: an attribute's base
            if type(receiver) is ast.Name and receiver.id in scope.env:
                scope.fill(receiver.id, union(args))
        if method in ("get", "pop", "setdefault") and base is not None and base.symbol is not None \
                and base.symbol.startswith(ITEMS):
            return symbol_value_of(base.symbol[len(ITEMS):])
        if method == "get" and args and args[0].const == "request" and type(fn) is ast.Attribute \
                and owner_name(fn.value) in self.models.request.context_names:
            # `context.get("request")` of a template tag (`takes_context=True`) or of a serializer's
            # `self.context`: the request, as `context["request"]` is
            return symbol_value_of(REQUEST)
        if symbol in FOLDED_SYMBOLS or method in FOLDED_METHODS:  # two set tests first: most calls fold nothing
            folded = sources.fold_call(symbol, method, base, args, kwargs)
            if folded is not UNKNOWN:
                return const_value(folded)
        if given_body:
            # a helper that returns one key of the container it is given (`int_from_request(request.GET,
            # "start", 1)`) reads that key where it is called: the container is not taken whole
            reader = None if flags[_AT_REQUEST] else self.local_summary(node, func, scope, fn)
            keyed_at = reader.keyed[0] if reader is not None and reader.keyed is not None else \
                reader.rebuilds if reader is not None and reader.parses else \
                reader.tests_keys if reader is not None else None  # a parser's, a checker's: not taken whole
            rebuilt_at = reader.rebuilds if reader is not None else None
            if reader is None and symbol is not None and symbol.startswith("@class:"):
                # `Page.from_params(request.args, total)` of a class of this file: its static or class
                # method's summary, for the options it reads (only here: other uses of the summary
                # take the class's call as they always have)
                options_of = self._instance_method(symbol[len("@class:"):])
            else:
                options_of = reader
            options_at = option_positions(options_of, node) \
                if options_of is not None and options_of.options else ()
            if symbol is not None and not flags[_AT] and given_query(args, kwargs):
                # another module's helper given a query string: whether it reads only options of it
                self.uses.add(USE_OPTIONS + callable_key(symbol))
            sources.consume_bodies(self, node, symbol, args, kwargs, scope, keyed_at, rebuilt_at, options_at)

        # request methods and container reads
        if flags[_AT_REQUEST]:
            if method is not None and base is not None and base.role is not None and method in self.models.request.key_methods:
                self.mark_key_read(fn.value, scope)  # type: ignore[attr-defined]
                return sources.request_key(self, node, base, args[0] if args else NOTHING, scope,
                                           given[0] if given else None)
            if method in sources.WHOLE_METHODS and base is not None and base.role in sources.BODY_ROLES:
                return sources.reencoded_query(node, base) or base
            if method in sources.WHOLE_METHODS and base is not None and base.categories \
                    and sources.client_attribute(base.role):
                # `request.accept_languages.values()`: all of a client attribute read (collected where
                # read), the languages its browser sent
                return Value(categories=base.categories, steps=base.steps, reasons=base.reasons)
            if method is not None and method in self._sink_methods:
                setter = self.models.cookie_setters.get(method)
                if setter is not None and setter.on_request:
                    # `request.addCookie(...)`: `twisted.web`'s request is the response it writes (a
                    # setter the cookie pack marks `on_request`; no other is asked of a request)
                    sinks.check_method_sinks(self, node, method, base or NOTHING, args, kwargs, scope)
            return sources.request_call(self, node, func, args, scope)

        if symbol in sources.ARGUMENT_PARSERS and args and isinstance(args[0].const, str):
            return sources.parser_argument(self, node, args[0].const, kwargs, scope)

        if (modelled and symbol in self.models.config_symbols) or func.const is CONFIGURED:
            # `os.getenv("KEY")`, and a method of a configuration object (`os.environ.get("KEY")`,
            # `settings.get("api_key")`): the service's own settings, whatever key names them
            default = args[1] if len(args) == 2 else next((v for k, v in kwargs if k == "default"), None)
            if default is not None and _url_text(default):
                # `os.getenv("POSTHOG_API_URL", "https://us.i.posthog.com")`: the code itself names the
                # host used unless configured otherwise (the contract's literal fallback)
                return default
            return CONFIGURED_VALUE
        if modelled and symbol is not None:
            if args and symbol[-1] == ")":  # an instance called (few modelled calls): a security scheme's read
                read = sources.scheme_read(self, node, symbol, args)
                if read is not None:
                    return read
            derived = sources.derived(self, node, symbol)
            if derived is not None:
                # a lookup at a remote service (ipinfo's `getDetails(ip)`) also sends what it is given
                sinks.check_call_sinks(self, node, symbol, args, kwargs, scope)
                return derived
            schema_factory(self, node, symbol, scope)
            sinks.check_call_sinks(self, node, symbol, args, kwargs, scope)
        if method is not None:
            if method in self._sink_methods or (base is not None and base.shape is not None):
                # a set test first: on a receiver that holds no URL, only a cookie setter's or header
                # method's name concerns it
                sinks.check_method_sinks(self, node, method, base or NOTHING, args, kwargs, scope)
            if method in sources.MAILBOX_METHODS and symbol is None:
                fetched = sources.mailbox_message(self, node, method)  # `server.retr(num)` of a mail importer
                if fetched is not None:
                    return fetched
            # (each test below needs a method's name: a call of a plain name skips them all)
            if method == "get" and args and isinstance(args[0].const, str) and sources.names_headers(fn):
                forwarded = sources.forwarded_header(self, node, args[0].const)
                if forwarded is not None:
                    return forwarded
            if args and args[0] is HOOK_BUNDLE and method in self.models.routes.bundle_hook_methods:
                return args[0]  # `bundle = super().obj_create(bundle, **kwargs)`: Tastypie's hooks return the bundle given
            if method == "get" and args and isinstance(args[0].const, str) and (base is None or base.symbol is None):
                # `request.META.get("REMOTE_ADDR")` of a request of unknown value
                receiver = fn.value if type(fn) is ast.Attribute else None
                if type(receiver) is ast.Attribute and receiver.attr == "META" and sources.names_meta(receiver):
                    read = sources.meta_header(self, node, args[0].const)
                    if read is not None:
                        return read
            if method in self.models.request.key_methods and base is not None and args:
                if base.params and isinstance(fn, ast.Attribute):
                    scope.read_by_key(fn.value, base, args[0])  # `params.get("page", 1)`
                keyed = parameter_key(base, args[0])
                if keyed is not None:  # `params.get(key)` in a helper: its callers name the key
                    return dataclasses.replace(data_of(base), keyed=keyed)

        # a function of this file: apply its summary
        summary = self.local_summary(node, func, scope, fn)
        if summary is None and given_data and symbol is not None and (flags[_AT_CLASS] or flags[_CAPITAL]):
            # `raise QuotaReached(message=f"... {user}", level="info", logger=self.logger)` of a class
            # whose `__init__` logs what it is given: the construction logs it (only the log; the
            # call's value stays the instance)
            constructor = self.constructor_summary(symbol)
            if constructor is not None and (constructor.log_params or constructor.log_sites):
                sinks.apply_summary(self, node, FunctionSummary(
                    log_params=constructor.log_params, param_names=constructor.param_names,
                    log_sites=constructor.log_sites, logged_attributes=constructor.logged_attributes,
                    log_keys=constructor.log_keys), args, kwargs, scope)
            if self.side_logs and flags[_AT_CLASS]:
                self._constructor_side_logs(node, self.classes.get(symbol[7:]), args, kwargs, scope)
        if given_data and self.side_logs and type(fn) is ast.Attribute \
                and fn.attr == "__init__" and scope.cls is not None and scope.cls.bases and type(fn.value) is ast.Call \
                and type(fn.value.func) is ast.Name and fn.value.func.id == "super":
            # `super().__init__(message, level, logger)` in a subclass's `__init__`, the base's logging
            # `getattr(logger, level)(message)`: the subclass's parameters passed there are logged there
            parent = self._first_local_base(scope.cls)
            if parent is not None and parent is not scope.cls:
                self._constructor_side_logs(node, parent, args, kwargs, scope, chain=True)
        if given_data and self.side_logs:
            side_logs = self.side_logs.get(self._local_key(node, func, scope) or "")
            if side_logs:
                sinks.apply_side_logs(self, node, side_logs, args)
        if given_data and type(fn) is ast.Name and fn.id in scope.function_aliases:
            # a dispatch through a name bound to functions of the file: each may be the one called
            for name in sorted(scope.function_aliases[fn.id]):
                self.summary_of(name)  # analysed first, so what it logs of its parameters is known
                side_logs = self.side_logs.get(name)
                if side_logs:
                    sinks.apply_side_logs(self, node, side_logs, args, name)
        if symbol is not None and not flags[_AT] and (given_data or summary is not None and summary.logged_attributes
                                                      and sinks.gives_person_object(node, scope)):
            # only data flowing in makes another module's pass-through function matter here, or a
            # person's object given to a wrapper that logs its attributes (asked only of a summary that
            # has some: most calls give no data; every caller depends on what a helper logs of its
            # parameters' attributes through its `f:` entry, which `local_summary` records)
            tags = _CALLABLE_TAGS.get(symbol)  # `callable_tags`, its memo read first
            if tags is None:
                tags = callable_tags(symbol)
            self.uses.add(tags[2])
            if given_personal or scope.logging_wrapper:
                # and where it logs its parameters, only personal data given there (or a wrapper's own
                # parameters passed on: `sinks._relay`); its other callers are not analysed again when
                # an import cycle gives it log sites in a later round
                self.uses.add(tags[3])
        if summary is not None:
            sinks.apply_summary(self, node, summary, args, kwargs, scope)
            if (summary.log_sites or summary.options) and summary.only_logs and not self._own_summary(summary):
                # another module's function that only logs its parameters (or reads options of one,
                # read where the call's arguments were): its log calls are recorded,
                # and its call is evaluated as one of a function with a trivial summary (which is
                # not exported: no summary), whether the module offering it is analysed first or not
                summary = None
        if summary is not None:
            if summary.validates is not None and given_body:
                # `validate_json_object(content, model_type)` given the request's body: the class the
                # caller passes for `model_type` is what the body is decoded into
                sources.note_validated(self, node, summary, args, kwargs, scope)
            if summary.descriptors is not None:
                descriptor_reads(self, node, summary.argument_node(summary.descriptors, node), scope)
            if summary.keyed is not None:
                read = self.keyed_call(node, summary, args, kwargs, scope)
                if read is not None:
                    return read
            if summary.rebuilds is not None and given_body:
                # `parse_params(request.form)`: the request's fields, rebuilt; their keys are read here
                handed = summary.argument(summary.rebuilds, args, kwargs)
                rebuilt = sources.parsed_body("json.loads", [handed]) if summary.parses and handed is not None \
                    else sources.rebuilt_container(node, handed)
                if rebuilt is not None:
                    return rebuilt if not unused else NOTHING
            if unused:
                return NOTHING
            result = summary.result(args, kwargs)
            if summary.body_item is not None:
                self._called_body_item = (node, summary.body_item)
            if given_data and not (result.categories or result.params) and _extracts(node):
                # `extract_entities(text)` whose body the analysis cannot follow (a parser, a model)
                return self._propagate(node, None, None, None, args, kwargs)
            return result
        if method == "get" and not unused and not modelled and base is not None and base.symbol is not None \
                and given and type(given[0]) is ast.Constant and len(given) <= 2:
            read = self._result_key(fn, base, given[0].value)  # type: ignore[arg-type]
            if read is not None:
                return read
        carried_whole = (self._carried_call(method, base, args) or self._queried_fields(node, method)) \
            if method in _CARRYING_METHODS else None  # a set test first: most calls are none of these
        if carried_whole is not None:
            return carried_whole if not unused else NOTHING
        # `_propagate` gives NOTHING for a call given no data and no keywords, made on no receiver, on one
        # with a symbol (`User.objects.filter()`, `Form()`), or on one holding no data by a method whose
        # name reads none (not `get`, `get_*` or `format`): for most calls it is not asked
        inert = not given_data and not kwargs and (
            base is None or (base.symbol is not None and (base.const is UNKNOWN or not isinstance(base.const, str)))
            or (not base.categories and not base.params and method is not None and method not in ("get", "format")
                and not method.startswith("get_")))
        if given_body and not unused and (symbol is None or not flags[_CAPITAL]):
            callee = sources.callee_name(node)
            if callee[:1].isupper():
                # `Formset = get_formset_class(form)`, then `Formset(self.request.POST or None)`: a name
                # written as a class's and bound at run time to one; `consume_bodies` read the call as a
                # schema taking the body field by field, so it returns the bound schema, an object, not the
                # request's data a function returning it would hand its callers to take whole
                held = NOTHING if inert else self._propagate(node, symbol, method, base, args, kwargs)
                return Value(symbol=f"{callee}()", categories=held.categories, steps=held.steps,
                             reasons=held.reasons, params=held.params)
        if symbol is None:
            if method in ("rstrip", "strip", "removesuffix") and not given_data and not kwargs and base is not None \
                    and _url_text(base):
                return base  # `posthog_api_url.rstrip("/")`: still the URL the requests go to (with what it carries)
            return self._propagate(node, symbol, method, base, args, kwargs) if not (unused or inert) else NOTHING
        parsed = (sources.parsed_body(symbol, args) or sources.copied_headers(symbol, args)) if given_body else None
        if parsed is not None:
            return parsed  # a parsed request body, or a copy of the request's headers
        carried = self.models.carriers.get(symbol) if modelled else None
        made = carried is None and not (modelled and symbol in self.models.returns)
        local_class = made and flags[_AT_CLASS]  # a class of this file
        # `_looks_like_class(symbol)`, read from the flags (most calls that get here have a symbol)
        other_class = made and not local_class and flags[_CAPITAL]
        # what the call records, before its result is worked out (which records nothing)
        if local_class:
            self.bind_constructor(symbol[len("@class:"):], args, kwargs)
        elif other_class:
            self.uses.add(USE_RENDERED + symbol)
        if unused:
            return NOTHING
        result_symbol = self.call_result_symbol(symbol, node, scope)
        if carried is not None:
            # a payment provider's object (`stripe.PaymentIntent.retrieve(pid)`) holds the payer's
            # details, whatever the call was given; its attributes (`intent.id`) are the service's
            return Value(symbol=result_symbol, categories=carried,
                         reasons=(f"{symbol}() returns the service's object, with the person's details it holds",))
        if modelled and symbol in self.models.returns:
            return symbol_value_of(result_symbol)
        if local_class:
            held = NOTHING if inert else self._propagate(node, symbol, method, base, args, kwargs)
            return self.instance_value(symbol[len("@class:"):], held)
        if other_class:
            held = NOTHING if inert else self._propagate(node, symbol, method, base, args, kwargs)
            rendered = self.external.rendered.get(symbol, frozenset())
            # `httpx.AsyncClient(base_url="https://api.example.com")`: the client keeps its base URL
            shape = sinks.opened_url(self, symbol, args, kwargs) if modelled else None
            if held is NOTHING and not rendered and shape is None:
                return symbol_value_of(result_symbol)  # the common case: an object given no data
            return Value(symbol=result_symbol, categories=held.categories | rendered, steps=held.steps,
                         reasons=held.reasons, params=held.params, shape=shape)
        opened = sinks.opened_url(self, symbol, args, kwargs) if modelled else None
        if opened is not None:
            # `websockets.connect(url)`: the connection keeps where it goes, for what is sent on it
            return Value(symbol=result_symbol, shape=opened)
        if not inert:
            data = self._propagate(node, symbol, method, base, args, kwargs)
            if data.categories or data.params:
                return Value(categories=data.categories, steps=data.steps, reasons=data.reasons, params=data.params)
        return symbol_value_of(result_symbol)

    def bind_constructor(self, class_name: str, args: list[Value], kwargs: list[tuple[str | None, Value]]) -> None:
        """`SendQueues(openai_ws, ...)`, `SearchClient("https://api.example.com")`: a URL, or a connection
        opened to one, handed to the constructor of one of the module's classes whose `__init__` keeps
        it on self is where the methods' requests go. Methods analysed before are analysed again."""
        info = self.classes.get(class_name)
        methods = self.class_methods.get(class_name, [])
        init = next((func for func, _ in methods if func.name == "__init__"), None)
        if info is None or init is None:
            return
        names = [a.arg for a in positional_parameters(init.args)][1:]
        given = dict(zip(names, args))
        given.update((name, value) for name, value in kwargs if name is not None)
        urls = {name: value for name, value in given.items() if value.shape is not None or _url_text(value)}
        if not urls:
            return
        bound = False
        for node in walk(init):
            target, held = (node.targets[0], node.value) if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                else (node.target, node.value) if isinstance(node, ast.AnnAssign) else (None, None)
            if isinstance(held, ast.Call) and isinstance(held.func, ast.Attribute) and held.func.attr in ("rstrip", "strip"):
                held = held.func.value  # `self.base_url = base_url.rstrip("/")`
            if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self"
                    and isinstance(held, ast.Name) and held.id in urls):
                continue
            known = info.attributes.get(target.attr)
            if known is None or (known.shape is None and not _url_text(known)):
                value = urls[held.id]
                info.attributes[target.attr] = Value(symbol=value.symbol, const=value.const, shape=value.shape)
                bound = True
        if bound:
            for func, scope in methods:
                if func.name != "__init__" and f"{class_name}.{func.name}" in self.summaries:
                    self.analyze_function(func, scope, info)

    def keyed_call(self, node: ast.Call, summary: FunctionSummary, args: list[Value],
                   kwargs: list[tuple[str | None, Value]], scope: Scope) -> Value | None:
        """A call of a helper that returns one key of a container (`get_param(request.all_data, "user")`,
        `get_request_param(request, "code")`): a read of that request field here, when the key is a
        literal and the container request data. None when the call is not such a read."""
        assert summary.keyed is not None
        container_index, key_index, role = summary.keyed
        key = summary.argument(key_index, args, kwargs)
        if key is None:
            return None
        if container_index == REQUEST_CONTAINER:
            container = Value(symbol=f"{REQUEST}.{sources.callee_name(node)}()", role=role)
        else:
            found = summary.argument(container_index, args, kwargs)
            if found is None:
                return None
            if not sources.is_request_container(found):
                keyed = parameter_key(found, key)  # a helper calling a helper
                return dataclasses.replace(data_of(found), keyed=keyed) if keyed is not None else None
            container = found
            if container_index < len(node.args):
                self.mark_key_read(node.args[container_index], scope)
        if key.const is not UNKNOWN and isinstance(key.const, str):
            return sources.request_key(self, node, container, key, scope)
        if len(key.params) == 1 and key.const is UNKNOWN:
            # the key one of this function's parameters: its callers name it. Where the container is
            # the request's own (`parse_string_from_args(request.args, name)` in `parse_string(request,
            # name)`), this function is now a reader of that request container by a key it is given.
            if container_index != REQUEST_CONTAINER:
                role = container.role or ""
            return Value(params=key.params, keyed=(REQUEST_CONTAINER, next(iter(key.params)), role))
        return None

    def _queried_fields(self, node: ast.Call, method: str | None) -> Value | None:
        """What a Django queryset's `values_list("user", "expire_at")` or `values("owner__email")`
        returns: the named fields' data, a relation to a person by its id (`user` gives `user_id`); None for
        other calls, and for fields that mean nothing personal."""
        if method not in _FIELD_QUERIES or not node.args or node.keywords and any(k.arg != "flat" for k in node.keywords):
            return None
        parts: list[Value] = []
        for arg in node.args:
            if not isinstance(arg, ast.Constant) or not isinstance(arg.value, str):
                return None
            # `owner__email` is the related owner's email, `owner__id` its id, `user` the related user's id
            path = arg.value.split("__")
            related = "_".join(path[-2:]) if len(path) > 1 else f"{path[0]}_id"
            named = self.classify_name(path[-1], None) or self.classify_name(related, None)
            if named is not None:
                parts.append(named)
        return union(parts) if parts else None

    def _carried_call(self, method: str | None, base: Value | None, args: list[Value]) -> Value | None:
        """What a method call returns of a service's object that holds a person's details, or None
        for other calls: `client.execute(OrdersGetRequest(oid))` returns the order (`[[carries]]
        requests`), and serialising such an object whole (`order.dict()`, `intent.to_dict()`) keeps
        the details; other methods are the object's own (`intent.get("id")`)."""
        if method is None or base is None:
            return None
        if method in _EXECUTE_METHODS and args and args[0].symbol is not None and args[0].symbol.endswith("()"):
            carried = self.models.carrier_requests.get(args[0].symbol[:-2])
            if carried is not None:
                return Value(symbol=f"{args[0].symbol[:-2]}.{method}()", categories=carried,
                             reasons=(f"{method}() of {args[0].symbol} returns the service's object, with the person's "
                                      "details it holds",))
        if method in _SERIALISING_METHODS and base.categories and base.role is None and base.symbol is not None \
                and not base.symbol.startswith(REQUEST):
            return data_of(base)
        return None

    def _propagate(
        self,
        node: ast.Call,
        symbol: str | None,
        method: str | None,
        base: Value | None,
        args: list[Value],
        kwargs: list[tuple[str | None, Value]],
    ) -> Value:
        """The data a call's result carries, when the call is known to keep it.

        Formatting and string methods, serialisers and constructors keep their inputs; a lookup
        (`User.objects.get(email=email)`) or an unknown function does not: its result is other
        data, which its own name may classify.
        """
        # what goes in is only ever joined (`union` reads only the data of what it joins)
        arguments: list[Value] = [value for value in args if value.categories or value.params] if args else []
        for name, value in kwargs:
            if value.categories or value.params:
                arguments.append(value)
            if name is not None and value.const is UNKNOWN and value.symbol is None:
                named = self.classify_name(name, None)
                if named is not None:
                    arguments.append(named)
        base_data = base is not None and base.symbol is None and (base.categories or base.params)
        if not arguments and not base_data and not (method == "format" and base is not None and isinstance(base.const, str)) \
                and not (method is not None and base is not None and base.symbol is None and base.const is UNKNOWN):
            return NOTHING  # the common case: nothing personal goes in
        if symbol is not None and (symbol in SANITIZERS or symbol.startswith(SANITIZER_PREFIXES)):
            return NOTHING
        callee = sources.callee_name(node) or None
        if callee is not None and (method in DROPPING_METHODS or _sanitizing_name(callee)):
            return NOTHING
        if symbol is not None and (symbol in TRANSFORMS or symbol.startswith(TRANSFORM_PREFIXES)):
            return union(arguments)  # `json.dumps(payload)`: a module's function, called as an attribute
        if method is not None:
            if method == "format" and base is not None and isinstance(base.const, str):
                held = union(arguments)
                return Value(categories=held.categories, steps=held.steps, reasons=held.reasons, params=held.params,
                             shape=base.const.split("{", 1)[0] + HOLE)
            if method == "get" and base is not None and base.symbol is None and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                # `msg.get("from")` reads a key as `msg["from"]` does: the key names what it holds
                owner = owner_name(node.func.value)  # type: ignore[attr-defined]
                if base.const is not CONFIGURED and owner not in self.models.config_owners:
                    named = self.classify_name(node.args[0].value, owner)
                    if named is not None:
                        if self._member_of_thing(node.func.value):  # type: ignore[attr-defined]
                            return NOTHING  # `ex.message.get("message")`: the exception's, not a person's
                        return Value(categories=named.categories, steps=named.steps, reasons=named.reasons,
                                     params=base.params)
                    if self._meaningless_key(node.args[0].value):
                        # `claims.get("iss")` of a decoded token, `email.get("subject")` of a message
                        return NOTHING
                    if CREDENTIALS in base.categories:
                        # `claims.get("sub")`: a claim of a decoded token, not the token itself (nor
                        # what callers pass for it)
                        kept = data_of(base)
                        return dataclasses.replace(kept, categories=kept.categories - {CREDENTIALS},
                                                   params=frozenset())
            if base is not None and base.symbol is None and method in KEEPING_METHODS:
                if base.keyed is not None and method in _TEXT_METHODS:
                    # `args[name].decode(encoding)` in a helper: the key read, decoded, is still the
                    # key read its callers name
                    return dataclasses.replace(union([base, *arguments]), keyed=base.keyed)
                return union([base, *arguments])
            if base is not None and base.symbol is None and base.const is UNKNOWN:
                # `user.get_full_name()`: the method's name says what it returns
                stripped = method[4:] if method.startswith("get_") else method
                named = self.classify_name(stripped, owner_name(node.func.value)) if stripped != method else None  # type: ignore[attr-defined]
                return named or NOTHING
            return NOTHING
        if symbol is not None and (symbol in TRANSFORMS or symbol.startswith(TRANSFORM_PREFIXES)):
            return union(arguments)
        if callee is not None and callee[:1].isupper():
            return union(arguments)  # a constructor: the object holds what it is given
        if symbol is None and any(isinstance(a, ast.Starred) for a in node.args) and any(k.arg is None for k in node.keywords):
            # `func(*args, **kwargs)` in a decorator's wrapper: the wrapped function's result, from the caller's arguments
            return union(arguments)
        if _extracts(node):
            return union(arguments)  # `extract_entities(text)`, `summarize(messages)`: parts of what it is given
        return NOTHING

    def _local_key(self, node: ast.Call, func: Value, scope: Scope) -> str | None:
        """The local name of the function of this file a call reaches (`helper`, `Class.method`), or None."""
        if isinstance(node.func, ast.Name) and (func.symbol is None or not func.symbol.startswith("builtins.")):
            return node.func.id
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                and node.func.value.id in ("self", "cls") and scope.cls is not None:
            return f"{scope.cls.name}.{node.func.attr}"
        if func.symbol is not None and func.symbol.startswith("@instance:"):
            return func.symbol[len("@instance:"):]
        return None

    def local_summary(self, node: ast.Call, func: Value, scope: Scope,
                      callee: ast.expr | None = None) -> FunctionSummary | None:
        """The summary of the function a call reaches: one of this file's, or another module's. `callee`:
        `node.func`, when the caller has read it already (an AST node's field is read by the generic look-up)."""
        # `_local_key`, inlined: this runs for every call whose result is read
        if callee is None:
            callee = node.func
        symbol = func.symbol
        flags = _SYMBOL_FLAGS.get(symbol)  # `symbol_flags`, its memo read first
        if flags is None:
            flags = symbol_flags(symbol)
        kind = type(callee)  # by exact type (see `owner_name`)
        if kind is ast.Name:
            if not flags[_BUILTIN]:
                found = self.summary_of(callee.id)  # type: ignore[attr-defined]
                if found is not None:
                    return found
                # a name that is no function of the file: what it holds is called (an instance's class)
        elif kind is ast.Attribute:
            owner = callee.value  # type: ignore[attr-defined]
            if type(owner) is ast.Name and owner.id in ("self", "cls"):
                cls = scope.cls
                if cls is not None:
                    found = self.summary_of(f"{cls.name}.{callee.attr}")  # type: ignore[attr-defined]
                    if found is not None or not cls.bases or self.defines(cls.name, callee.attr):  # type: ignore[attr-defined]
                        return found  # the class's own method wins, even while it runs (recursion)
                    return self.inherited_summary(cls, callee.attr)  # type: ignore[attr-defined]
                if flags[_AT_INSTANCE]:
                    return self.summary_of(symbol[len("@instance:"):])  # type: ignore[index]
                return None  # a method called outside any class
            if type(owner) is ast.Call and scope.cls is not None and scope.cls.bases \
                    and type(owner.func) is ast.Name and owner.func.id == "super":
                return self.inherited_summary(scope.cls, callee.attr)  # type: ignore[attr-defined]  # `super().m()`
        if symbol is not None:
            if flags[_AT_INSTANCE]:
                return self._instance_method(symbol[len("@instance:"):])
            tags = _CALLABLE_TAGS.get(symbol)  # `callable_tags`, its memo read first
            if tags is None:
                tags = callable_tags(symbol)
            self.uses.add(tags[1])
            return self.external.functions.get(tags[0])
        return None

    def constructor_summary(self, symbol: str) -> FunctionSummary | None:
        """The summary of the `__init__` a call of the class `symbol` runs: its own or the one it
        inherits, for a class of this file (`@class:Name`); another module's class's own, by its
        qualified name (recorded as used, so the rounds give it). None for neither."""
        if symbol[:7] == "@class:":
            cls = self.classes.get(symbol[7:])
            if cls is None:
                return None
            if self.defines(cls.name, "__init__"):
                return self.summary_of(f"{cls.name}.__init__")
            return self.inherited_summary(cls, "__init__") if cls.bases else None
        tags = callable_tags(symbol + ".__init__")
        self.uses.add(tags[1])
        self.uses.add(tags[3])
        return self.external.functions.get(tags[0])

    def _constructor_side_logs(self, node: ast.Call, cls: ClassInfo | None, args: list[Value],
                               kwargs: list[tuple[str | None, Value]], scope: Scope, chain: bool = False) -> None:
        """A class of this file whose `__init__` (its own or a base's of this file) logs a parameter on
        the side (`getattr(logger, level)(message)`): what the construction passes there, by position
        or by keyword, is written to a log at that log call. `chain`: the call is a subclass's
        `super().__init__(...)`, whose own parameters passed there reach the same log calls."""
        class_name = cls.name if cls is not None else ""
        for _ in range(20):
            if cls is None:
                return
            if self.defines(cls.name, "__init__"):
                break
            cls = self._first_local_base(cls)
        else:
            return
        assert cls is not None
        key = f"{cls.name}.__init__"
        self.summary_of(key)  # analysed first, so what it logs of its parameters is known
        side_logs = self.side_logs.get(key)
        init = next((func for func, _ in self.class_methods.get(cls.name, []) if func.name == "__init__"), None)
        if not side_logs or init is None:
            return
        names = [a.arg for a in positional_parameters(init.args)][1:]
        given = list(args[:len(names)])
        for name, value in kwargs:
            if name in names:
                index = names.index(name)
                given.extend([NOTHING] * (index + 1 - len(given)))
                given[index] = value
        if chain:
            for index, logs in side_logs.items():
                if index < len(given):
                    for param in given[index].params:
                        for log in logs:
                            scope.add_side_log(param, log)
        sinks.apply_side_logs(self, node, side_logs, given, class_name)

    def _first_local_base(self, cls: ClassInfo) -> ClassInfo | None:
        """The class of this file that `cls`'s first base of this file names (`@class:Name`), None for
        none (or when that name is not a class the file defines): the base whose `__init__` a
        single-inheritance chain of the file's classes runs."""
        return next((self.classes.get(b[7:]) for b in cls.bases if b[:7] == "@class:"), None)

    def _own_summary(self, summary: FunctionSummary) -> bool:
        """True for the summary of a function of this file, False for another module's (`external`)."""
        return any(own is summary for own in self.summaries.values())

    def _instance_method(self, key: str) -> FunctionSummary | None:
        """The summary of the method `key` (`Translation.log_info`) of an instance of a class of this
        file: its own, else the one it inherits from its bases (`t = Translation(); t.log_info(...)`,
        `log_info` defined on a mixin), as `self.log_info(...)` finds it. None for neither."""
        found = self.summary_of(key)
        if found is not None:
            return found
        class_name, _, attr = key.rpartition(".")
        cls = self.classes.get(class_name)
        if cls is None or not cls.bases or self.defines(class_name, attr):
            return None
        return self.inherited_summary(cls, attr)

    def defines(self, class_name: str, attr: str) -> bool:
        """Whether the class of this file named `class_name` defines a method `attr` itself."""
        names = self._method_names.get(class_name)
        if names is None:
            names = self._method_names[class_name] = frozenset(
                [func.name for func, _ in self.class_methods.get(class_name, ())])
        return attr in names

    def inherited_summary(self, cls: ClassInfo, attr: str, depth: int = 0) -> FunctionSummary | None:
        """The summary of the method `attr` that `cls` inherits: searched through its bases in order,
        each base's own bases before the next base (the MRO's order for the single-inheritance chains
        and mixins projects write), a base of this file by its own methods, one of another module by
        that module's summary (`jupyterhub.apihandlers.base.APIHandler.get_json_body`, called as
        `self.get_json_body()` in a handler of `apihandlers/users.py`). None when no base the analysis
        knows defines it with something to say (a framework's base, a trivial method).

        The other modules' entries asked for are recorded as used, as a call of a module function's
        are: the rounds give them when their module is analysed after this one (an import cycle).
        Where they log their parameters too (USE_LOG_SITES), whatever the call is given: the file's
        export offers the method under its class's name as found (`_inherited_elsewhere`).
        """
        for base in cls.bases:
            if base[:7] == "@class:":
                local = self.classes.get(base[7:])
                if local is None or local is cls or depth > 20:
                    continue
                if self.defines(local.name, attr):
                    return self.summary_of(f"{local.name}.{attr}")
                found = self.inherited_summary(local, attr, depth + 1) if local.bases else None
            else:
                tags = self._base_tags.get((base, attr))
                if tags is None:  # made once per base and method: `self.assertEqual(...)` runs thousands of times
                    key = f"{base}.{attr}"
                    tags = self._base_tags[(base, attr)] = (key, USE_FUNCTION + key, USE_PASSTHROUGH + key,
                                                            USE_LOG_SITES + key)
                key = tags[0]
                self.uses.add(tags[1])
                self.uses.add(tags[2])
                self.uses.add(tags[3])
                found = self.external.functions.get(key)
                if found is not None and depth == 0 and cls.name in self.classes:
                    self._inherited_elsewhere[f"{cls.name}.{attr}"] = found
            if found is not None:
                return found
        return None

    def property_value(self, class_name: str, attr: str) -> Value:
        """The data a property of a class of this file returns (its getter's summary, analysed now if
        it has not been yet), NOTHING while the getter itself runs or when it returns none."""
        summary = self.summary_of(f"{class_name}.{attr}")
        if summary is None:
            return NOTHING
        if not summary.returns.categories:
            # a getter that builds where the methods send (`_api_url` of `f"{self._base_url}/chat/completions"`)
            shape = summary.returns.shape
            return Value(shape=shape) if shape is not None else NOTHING
        returned = summary.returns
        return Value(categories=returned.categories, steps=returned.steps, reasons=returned.reasons)

    def duck_property(self, receiver: str, attr: str, imported: bool = True) -> Value | None:
        """`receiver.attr` of an object whose class the analysis cannot know, where `attr` is a property
        that top-level classes of this module or of the modules it imports at its top define, whose
        names end in the word the receiver's name ends in (`spawner`, `orm_spawner` -> `Spawner`,
        `LocalProcessSpawner`), and every such getter returns personal data: that data, the
        categories united (None otherwise). `imported` False: only this module's classes.

        Duck typing, as a reader of the code resolves it: JupyterHub's handlers log `spawner._log_name`
        of a spawner they got from `user.get_or_create_spawner(...)`, and `Spawner._log_name` (another
        module's) is the spawner's. The name is what ties the object to a class: `hub.host` is not
        `Server.host`. Names the classifier reads never come here (`x.name` stays what the classifier
        says), nor do those a getter of this file defines with nothing personal (another module offers
        only the properties whose every getter returns personal data: `_exported_properties`).
        """
        key = f"{last_word(receiver)}.{attr}"
        # the read of `attr` is recorded by the caller (`member`), found or not
        offered = (self._ducks or self._imported_properties())[0].get(key) if imported else None
        local = self.properties.get(key)
        if offered is None and local is None:
            return None
        categories: set[str] = set(offered) if offered is not None else set()
        reasons: tuple[str, ...] = ()
        for getter in local or ():
            summary = self.summary_of(getter)
            if summary is None or not summary.returns.categories:
                return None  # a getter that returns nothing personal, or runs now
            categories.update(summary.returns.categories)
            reasons = summary.returns.reasons
        shown = ", ".join(sorted(categories))
        return Value(categories=frozenset(categories), reasons=(*reasons, f"`{attr}` is a property that returns {shown}"))

    def duck_string_form(self, receiver: str, defining: str | None = None) -> Value | None:
        """What an object whose class the analysis cannot know shows written whole (`log.info("login by
        %s", user)`, `f"{self.orm_user}"`, `repr(token)`): the string forms (`ClassInfo.rendered`) of the
        top-level classes of this module or of the modules it imports at its top whose names end in the
        word the receiver's name ends in (`user`, `orm_user` -> `User`; `orm_token` -> `APIToken`), when
        every such class of this module shows personal data, the categories united (None otherwise).

        The rule `duck_property`'s is, for the attribute every object has: the imported modules offer
        their string forms among their properties (`user.__str__`), only those of class words whose
        every class shows personal data (`_exported_properties`); a class of this file named alike that
        shows nothing personal (`AnonymousUser`) says the name may be it. `defining`: the class whose
        __str__ asks, which is not among them (JupyterHub's `User.__repr__` returns `repr(self.orm_user)`)."""
        if self.names_a_value(receiver):
            return None
        word = last_word(receiver)
        self.uses.add(USE_PROPERTY_READ + word + STRING_FORM)  # also what the two look-ups below read
        offered = (self._ducks or self._imported_properties())[0].get(word + STRING_FORM)
        if offered is None:
            offered = self._reexported_string_form(word)
        local = self._string_forms(defining).get(word)
        if offered is None and local is None:
            return None
        if self._imports_class_of(word):
            return None
        categories: set[str] = set(offered) if offered is not None else set()
        names: list[str] = []
        for info in local or ():
            if not info.rendered:
                return None
            categories.update(info.rendered)
            names.append(info.name)
        shown = ", ".join(sorted(categories))
        whose = f"{' and '.join(names)}'s" if names else f"an imported `{word}` class's"
        return Value(categories=frozenset(categories),
                     reasons=(f"`{receiver}` is named for a class whose string form shows {shown} ({whose})",))

    def names_a_value(self, receiver: str) -> bool:
        """Whether a variable's name says it holds a plain value, not an object of a class named with its
        last word (`duck_property`, `duck_string_form`): that word, read as a person's field, is a name,
        an identifier, an e-mail address or a phone number (`resource_name`, `display_name`, `ext_id`,
        `user_email`), values that are one string by nature. A project's class so named is a value
        object (SCIM's `Name`, whose fields are the name's parts) reached as another object's attribute
        (`user.name`), which names no variable: canaille's `resource_name = type(resource).__name__.lower()`
        is no `Name`. The words that also name objects in real code are not among them: a postal or
        e-mail address (oscar's `shipping_address`, allauth's `email_address`), a login (allauth's
        `sociallogin`), a comment or a token (indico's `comment`, JupyterHub's `orm_token`)."""
        named = self.classify_name(last_word(receiver), "person")
        return named is not None and any(category == scalar or category.startswith(scalar + ".")
                                         for category in named.categories for scalar in _SCALAR_CATEGORIES)

    def _reexported_string_form(self, word: str) -> frozenset[str] | None:
        """The string form (`user.__str__`) that the module defining a class the file imports from a
        package that re-exports it offers (`from indico.modules.users import User`, a class of
        indico.modules.users.models.users, which the file does not import): only that class's word,
        not the rest of that module's (lnbits' `from lnbits.core.models import Account` brings no
        `AccountId` for a `checking_id`). None when there is none. Looked up when a name asks, not
        per file: the re-exports of every imported class cost too much for what they find."""
        key = word + STRING_FORM
        offered = self.external.properties
        found: frozenset[str] | None = None
        for _, qualified in self._imported_classes_of(word):
            module = self._defining_module(qualified)
            if module != qualified.rpartition(".")[0] and module != self.module:
                self.uses.add(USE_PROPERTY + module)
                categories = offered.get(module, {}).get(key)
                if categories is not None:
                    found = categories if found is None else found | categories
        return found

    def _imports_class_of(self, word: str) -> bool:
        """Whether the file imports at its top, by name, a class named with `word` (`from
        langchain_core.messages.chat import ChatMessage` for `message`) from a module that does not
        offer a personal string form for it (a library's, or a module whose classes of that word show
        nothing personal): an object so named may be one of those. Those modules are recorded as used
        (`_imported_properties`)."""
        offered = self.external.properties
        key = word + STRING_FORM
        others = False
        for local, qualified in self._imported_classes_of(word):
            module = qualified.rpartition(".")[0]
            if key not in offered.get(module, ()):
                module = self._defining_module(qualified)  # a package's re-export (rare: not first)
            if key not in offered.get(module, ()):
                others = True
            elif local.lower() == word:
                # the file imports the class itself (`User`, whose module offers its string
                # form): a `user` is one, not a view class named alike (`WPAuthUser`)
                return False
        return others

    def _imported_classes_of(self, word: str) -> Iterator[tuple[str, str]]:
        """The classes the file imports by name at its top whose names end in `word` (`ChatMessage` for
        `message`): each as its local name and qualified name, in the order of the imports."""
        for _, bindings in self._module_imports:
            for local, qualified in bindings:
                if local[:1].isupper() and last_word(local) == word:
                    yield local, qualified

    def _defining_module(self, qualified: str) -> str:
        """The module that defines the class a file imports by `qualified` (`indico.modules.users.User`):
        the one a package's re-export names (`indico.modules.users.models.users`), else the module
        it is imported from. The look-up is recorded as a use (`bound_elsewhere`)."""
        bound = self.bound_elsewhere(qualified)
        if bound is not None and bound.startswith(qualified.rpartition(".")[0] + ".") \
                and bound.rpartition(".")[2] == qualified.rpartition(".")[2]:
            return bound.rpartition(".")[0]  # a submodule's class of the same name
        return qualified.rpartition(".")[0]

    def _string_forms(self, defining: str | None = None) -> dict[str, list[ClassInfo]]:
        """The module's top-level classes defined so far, by the last word of their names (`User`,
        `OrmUser` -> `user`): whose string forms (`ClassInfo.rendered`) an object of unknown class
        named with that word shows. Made when asked (once per file, and for the few log calls and
        __str__ methods that render such an object), not kept: a field more on the analyzer costs
        every file. `defining`: a class left out (the one being defined)."""
        found: dict[str, list[ClassInfo]] = {}
        env = self.module_scope.env
        for name, info in self.classes.items():
            held = env.get(name)
            if held is not None and held.symbol == "@class:" + name and name != defining:  # top-level, not nested
                found.setdefault(last_word(name), []).append(info)
        return found

    def _rendered_objects(self, method: ast.FunctionDef, class_name: str, info: ClassInfo) -> frozenset[str]:
        """What a top-level class's __str__/__repr__ shows of the objects of unknown class it returns
        rendered whole by their names (`return repr(self.orm_user)`, `f"{self.user} on {self.day}"`):
        their string forms (`duck_string_form`; the class's own is not among them yet), or the login of
        a user it keeps (`f"{self.name}(user={self.user})"`, `sinks.kept_person`; `info`: the class). The
        empty set for most. Only the method's own `return` statements are read, not those nested in a branch: a
        walk of every __str__ costs too much for what it finds."""
        found: set[str] = set()
        for sub in method.body:
            if type(sub) is not ast.Return or sub.value is None:
                continue
            for whole in sinks._rendered_whole(sub.value):
                if type(whole) is ast.Attribute and type(whole.value) is ast.Name and whole.value.id == "self" \
                        and self.classify_name(whole.attr, class_name) is None:
                    duck = self.duck_string_form(whole.attr, class_name)
                    if duck is not None:
                        found.update(duck.categories)
                    elif sinks.kept_person(whole.attr, info):
                        # `f"{self.counter_name}(user={self.user}, ...)"`: the user it keeps shows its
                        # login, as a logged one does (`sinks._person_rendered`)
                        found.add(USERNAME)
        return frozenset(found)

    def rendered_ducks(self, call: ast.Call, scope: Scope) -> Value:
        """What a log call's arguments render whole (`sinks._rendered_whole`) of objects whose class the
        analysis cannot know, named for classes with personal string forms (`duck_string_form`): a
        name (`orm_token`, a parameter or a function's result, not a string built here), an attribute of
        `self` (`self.token`) read as nothing else, or another object's user (`session.user`,
        `identity.user`). A user object shows its class's string form where one is known (indico's
        `User.__repr__` shows id, e-mail and name), else the login `sinks._person_rendered` supposes.
        NOTHING when there is none, which is most log calls."""
        found: list[Value] = []
        for arg in [*call.args, *(k.value for k in call.keywords)]:
            for whole in sinks._rendered_whole(arg):
                if isinstance(whole, ast.Name):
                    name = whole.id
                    held = scope.lookup(name)
                elif isinstance(whole, ast.Attribute) and isinstance(whole.value, ast.Name) and whole.value.id == "self":
                    # not another object's attribute: `r.status`, `exc.message` are mostly its plain values
                    name = whole.attr
                    if self.classify_name(name, None) is not None:
                        continue  # `member.email` is what the classifier says
                    cls = scope.cls
                    held = cls.attributes.get(name) if cls is not None else None
                elif isinstance(whole, ast.Attribute) and sinks._PERSON_OBJECT.fullmatch(whole.attr):
                    # another object's user (`session.user`, `identity.user`) is an object, not a plain value
                    name = whole.attr
                    held = None
                else:
                    continue
                if held is not None and (held.categories or held.is_const or held.shape is not None
                                         or _constructed(held.symbol)):
                    # what it holds is known (its categories are reported), or its class is, or it is a
                    # string built here (`error_message = f"Error searching online: {e}"`)
                    continue
                duck = self.duck_string_form(name)
                if duck is not None:
                    found.append(duck)
        return union(found) if found else NOTHING

    def _imported_properties(self) -> tuple[dict[str, frozenset[str]], set[str]]:
        """The personal properties the modules imported at the top of this file so far define, by
        class word and attribute (`spawner._log_name`), each with its getters' categories united,
        and the attribute names of those and of this file's properties (kept as `_ducks`).

        The modules are those named by `import a.b` and `from a.b import c` (`a.b`): a module
        imported from a package by name (`from jupyterhub import orm`) is not one of them, as
        telling it from a function so imported would cost a look-up per imported name. Each is
        recorded as used, offering properties or not (the engine reads `external` only through
        recorded look-ups): the rounds and the result cache give it again when what it offers
        changes."""
        found: dict[str, frozenset[str]] = {}
        imported = _imported_modules(self._module_imports)
        imported.discard(self.module)
        self.uses.update([USE_PROPERTY + module for module in imported])
        external = self.external.properties
        if external:
            # what an import passes on of its own imports' (SECOND_HAND), used where it is offered:
            # an import settled after this file (an import cycle) is not asked again in the rounds
            self.uses.update([USE_PROPERTY + module + SECOND_HAND for module in imported
                              if module + SECOND_HAND in external])
            for module, defined in external.items():  # what is offered: mostly the imports' own
                if (module[:-1] if module[-1:] == SECOND_HAND else module) in imported:
                    for key, categories in defined.items():
                        known = found.get(key)
                        found[key] = categories if known is None else known | categories
        names = {key.rpartition(".")[2] for key in found if not key.endswith(STRING_FORM)}
        names.update(self._property_names)
        self._ducks = (found, names)
        return self._ducks

    def _exported_properties(self, rendered: bool) -> dict[str, dict[str, frozenset[str]]]:
        """This module's `properties` entry (ModuleSummary.properties): the properties of its classes
        whose every getter returns personal data, and the string forms (`word.__str__`) of the class
        words whose every top-level class shows personal data, with the categories united; {} when
        there is none. `rendered`: whether some class of the module shows personal data.

        Only those are offered: the others would be given to every file that imports the module, and
        keyed by class word, a property of another module named the same is rare."""
        defined: dict[str, frozenset[str]] = {}
        if rendered:  # most modules' classes show nothing
            for word, infos in self._string_forms().items():  # `duck_string_form`'s
                if all(info.rendered for info in infos):
                    defined[word + STRING_FORM] = frozenset().union(*(info.rendered for info in infos))
        for attr, keys in self.properties.items():
            united: set[str] = set()
            for key in keys:
                summary = self.summaries.get(key)
                if summary is None or not summary.returns.categories:
                    break
                united.update(summary.returns.categories)
            else:
                defined[attr] = frozenset(united)
        return {self.module: defined} if defined else {}

    def _exported(self, summary: FunctionSummary, clients: frozenset[str]) -> FunctionSummary:
        """A summary as other modules see it: the object it returns only when a model cares about it
        (or when it is the request's data, `get_all_params(request)`), or when it is an instance of one
        of the module's HTTP client classes (`clients`, `_client_instance`)."""
        returned = summary.returns
        if returned.symbol is None or self.models.relevant(returned.symbol) or returned.role is not None:
            return summary
        if clients:
            instance = self._client_instance(returned.symbol, clients)
            if instance is not None:  # `def get_async_httpx_client(...) -> AsyncHTTPHandler`
                return dataclasses.replace(summary, returns=Value(symbol=instance))
        returns = Value(categories=returned.categories, steps=returned.steps, reasons=returned.reasons)
        return dataclasses.replace(summary, returns=returns)

    def _client_instance(self, symbol: str, clients: frozenset[str]) -> str | None:
        """The qualified instance (`app.http.HTTPHandler()`) an `@instance:` symbol of one of the
        module's HTTP client classes is, as other modules call its methods; None for other symbols."""
        if symbol[:10] == "@instance:" and symbol[10:] in clients:
            return f"{self.module}.{symbol[10:]}()" if self.module else symbol[10:] + "()"
        return None

    def export(self) -> ModuleSummary:
        """What other modules may use of this one: qualified names to summaries; and, for a module
        that offers entries under its names (functions, classes, variables, properties), is a package,
        lists an `__all__` or star-imports names in turn, the names a star import of it binds
        (`_star_offer`): a module with nothing of the kind stays as it was (a bare result, most often;
        a star import of it binds what the CapWords guess binds)."""
        summary = self._export()
        if self.module:
            offer = self._star_offer(summary)
            if offer:
                return dataclasses.replace(summary, stars={self.module: offer})
        return summary

    def _export(self) -> ModuleSummary:
        prefix = f"{self.module}." if self.module else ""
        rendered = {prefix + name: info.rendered for name, info in self.classes.items() if info.rendered}
        # the module's classes with a method that makes the HTTP request its caller asks for: their
        # instances, returned by a factory or bound to a module name, are worth telling others about
        clients = frozenset(key.partition(".")[0] for key, summary in self.summaries.items()
                            if summary.http_url is not None and "." in key)
        functions = {prefix + key: exported for key, exported in
                     ((key, self._exported(summary, clients)) for key, summary in self.summaries.items()
                      if not summary.trivial)
                     if not exported.trivial}
        if clients:
            functions.update(self._inherited_clients(prefix, clients))
        for key, summary in self._inherited_elsewhere.items():
            # a method a class of this file inherits from another module's base, found where this file
            # calls it (`self.log_info(...)` in Weblate's Translation, `log_info` on a mixin of
            # `trans/mixins.py`): other modules' instances of the class call it by the class's name
            exported = self._exported(summary, clients)
            if not exported.trivial:
                functions.setdefault(prefix + key, exported)
        return ModuleSummary(
            # a trivial summary stays trivial exported (which only drops an object it returns)
            functions=functions,
            rendered=rendered,
            families={prefix + name: family for name, family in self.schema_classes.items()},
            # the request object counts too: `from flask import request` in a project module its
            # views import it from (`from app.compat import request`) is the request there
            variables={**self._exported_variables(prefix, clients), **self._url_constants(prefix)},
            request_attributes=frozenset(self.request_attributes),
            responses=sources.response_model_symbols(self),
            received=sources.received_classes(self)[1],
            stored_bases=frozenset(self.stored_bases),
            loaded=sources.loaded_classes(self)[1],
            named=sources.named_imports(self),
            settings=frozenset(self.settings),
            properties={**self._exported_properties(bool(rendered)), **self._passed_on_properties()},
            answers=answers.module_uses(self.tree, self.source, self.answering_classes),
        )

    def _inherited_clients(self, prefix: str, clients: frozenset[str]) -> dict[str, FunctionSummary]:
        """The HTTP-request methods the module's classes inherit from a base class of this module,
        exported under the subclass's name too: Weblate's `MachineTranslation(BatchMachineTranslation)`
        is what its backends subclass in other modules, and `self.request("get", url, ...)` there is
        `BatchMachineTranslation.request` (another module's lookup knows only the class it names)."""
        inherited: dict[str, FunctionSummary] = {}
        for name, info in self.classes.items():
            if not info.bases or name in clients:
                continue
            for key, summary in self.summaries.items():
                owner, _, method = key.partition(".")
                if owner in clients and summary.http_url is not None and "." not in method \
                        and not self.defines(name, method) and self.inherited_summary(info, method) is summary:
                    inherited[f"{prefix}{name}.{method}"] = self._exported(summary, clients)
        return inherited

    def _passed_on_properties(self) -> dict[str, dict[str, frozenset[str]]]:
        """The properties of the classes this module imports by name at its top, as their modules
        offer them, passed on under this module's name + SECOND_HAND ({} when there is none; string
        forms are not: a class word such as `id` would carry lnbits' `AccountId` to every `*_id` of
        a module two imports away): JupyterHub's `jupyterhub/user.py` imports `LocalProcessSpawner`
        from `jupyterhub.spawner`, and hands its spawners to the handlers of `apihandlers/users.py`,
        which import `jupyterhub.user` and log `spawner._log_name` (`Spawner._log_name`). Only the entries of
        a class word the module imports a class of (`spawner`), and only an import's own entries: a
        look-up reaches one import further, not the whole import graph (whose cycles change what a
        module offers from round to round). Only the entries this module reads itself (`user.py` logs
        `spawner._log_name` too): objects of the class pass through it, and the rounds give those
        entries again, a change to them analysing the module again."""
        external = self.external.properties
        if not external:
            return {}
        passed: dict[str, frozenset[str]] = {}
        uses = self.uses
        for _, bindings in self._module_imports:
            for local, qualified in bindings:
                if not local[:1].isupper():
                    continue
                module = qualified.rpartition(".")[0]
                defined = external.get(module) if module != self.module else None
                if not defined:
                    continue
                prefix = last_word(local) + "."
                for key, categories in defined.items():
                    if key.startswith(prefix) and not key.endswith(STRING_FORM) \
                            and USE_PROPERTY_READ + key.rpartition(".")[2] in uses:
                        uses.add(USE_PROPERTY + module)
                        known = passed.get(key)
                        passed[key] = categories if known is None else known | categories
        return {self.module + SECOND_HAND: passed} if passed else {}

    def _exported_variables(self, prefix: str, clients: frozenset[str] = frozenset()) -> dict[str, str]:
        """This module's `variables` entry but URL constants: module-level names bound to an object a
        model cares about, or to the request, or re-exported, by qualified name. An instance of a
        class of this file that derives from a modelled one is that one's (`sources.exported_instance`:
        `db = AppSQLAlchemy()` is `flask_sqlalchemy.SQLAlchemy()`), asked for instances only."""
        relevant = self.models.relevant
        found: dict[str, str] = {}
        # `_reexported`'s commonest yes, tested first in line: a name bound to another name of the module's
        # package tree (most of a project module's imports), which no other test need then be asked about
        top = self.module.split(".", 1)[0]
        inside = top + "." if top else None
        # names bound to an instance of a class that loads a module lazily (`litellm = LazyLiteLLM()`,
        # `lazy_instances`): its importers call the module through it
        lazy = lazy_instances(self.tree) if "import_module" in self.source else None
        for name, value in self.module_scope.env.items():
            symbol = value.symbol
            if symbol is None:
                continue
            if lazy and name in lazy and symbol[:10] == "@instance:":
                found[prefix + name] = lazy[name]
                continue
            if symbol[:10] == "@instance:":
                instance = self._client_instance(symbol, clients) if clients else None
                if instance is not None:  # `shared_client = HTTPHandler()` of the module's HTTP client
                    found[prefix + name] = instance
                    continue
                symbol = sources.exported_instance(self, symbol)
            if inside is not None and symbol.startswith(inside) and "(" not in symbol and symbol[:1] != "@":
                qualified = prefix + name
                if symbol != qualified:
                    found[qualified] = symbol
                    continue
            if relevant(symbol) or symbol == REQUEST or self._reexported(prefix + name, symbol) \
                    or symbol[-2:] == "()" and self.project_class(symbol[:-2]) or symbol in sources.PATH_ONLY_ROUTERS \
                    or symbol in sources.JSON_DECODERS:
                # an instance of a class another module of the project defines (`module_level_client =
                # HTTPHandler()`): its importers call that class's methods, whose summaries they look up;
                # a Flask blueprint, whose views other modules define (`from . import bp`); a JSON
                # decoder (`json_decoder = json.JSONDecoder(...)`), whose `decode` parses a body there
                found[prefix + name] = symbol
        if "security" in self.source:  # (a search in C: a module naming no security scheme defines none)
            for name, info in self.classes.items():
                for attribute, value in info.attributes.items():
                    symbol = value.symbol
                    if symbol is not None and symbol[-1:] == ")" and self.models.is_credential_scheme(symbol):
                        # `scheme = APIKeyHeader(...)` of an authentication backend's class: another
                        # module's `Depends(APIKeyAuthenticationBackend.scheme)` reads the credential
                        found[f"{prefix}{name}.{attribute}"] = symbol
        return found

    def project_class(self, symbol: str) -> bool:
        """Whether `symbol` names a class another module of this project defines (by its qualified
        name: `app.http.handler.HTTPHandler` in `app/__init__.py`)."""
        top = self.module.split(".", 1)[0]
        return (bool(top) and symbol.startswith(top + ".") and "(" not in symbol
                and symbol.rpartition(".")[0] != self.module and _looks_like_class(symbol))

    def _url_constants(self, prefix: str) -> dict[str, str]:
        """Module-level URL constants whose host is a known recipient's or the vendor's
        (`telemetry_server = "https://khoj.beta.haletic.com/v1/telemetry"` in a constants module):
        qualified name -> URL_CONSTANT + the URL. A prefix test first: most constants are no URL."""
        return {prefix + name: URL_CONSTANT + value.const for name, value in self.module_scope.env.items()
                if value.const is not UNKNOWN and isinstance(value.const, str) and value.const.startswith(("https://", "http://"))
                and sinks.known_url(self, value.const)}

    def _reexported(self, qualified: str, symbol: str) -> bool:
        """True for a name this module imports from another module of the same package tree
        (`from app.lib.params import get_optional` in `app/api/utils.py`): importers of it from here
        reach the original, and its summary."""
        top = self.module.split(".", 1)[0]
        if not top or symbol == qualified or "(" in symbol or symbol.startswith("@"):
            return False
        # a name the module lists in `__all__` is exported on purpose, from any package of the project
        # (R2R's `core.base.abstractions` re-exports `shared.abstractions`' models)
        return symbol.startswith(top + ".") or "." in symbol and qualified.rpartition(".")[2] in exported_names(self.tree)

    def _property_client(self, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> str | None:
        """The object a property makes and returns, where its body ends with `return factory(...)`:
        weblate's `@cached_property def client(self): import boto3; return boto3.client("translate",
        ...)`, so `self.client.translate_text(...)` is the SDK's call (the statements before it import
        or work out the factory's settings). Only an object the analysis tracks (a client a factory
        makes for a literal, a mapped return type, an instance of a library's class); None for
        anything else, and for a body longer than a client's set-up."""
        body = func.body
        if len(body) > 8 or not isinstance(body[-1], ast.Return) or not isinstance(body[-1].value, ast.Call):
            return None
        inner = None
        for stmt in body[:-1]:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                inner = inner or Scope(env={}, parent=scope)
                self._exec_import(stmt, inner)
        call = body[-1].value
        symbol = self.static_symbol(call.func, inner or scope)
        if symbol is None or symbol.startswith("@"):
            return None
        made = self.call_result_symbol(symbol, call, inner or scope)
        return made if "(" in made and self.is_object_symbol(made) else None

    def call_result_symbol(self, symbol: str, node: ast.Call, scope: Scope) -> str:
        """The symbol a call of `symbol` returns: a mapped type, `Factory(literal)`, or an instance `X()`."""
        mapped = self.models.returns.get(symbol)
        if mapped is not None:
            return mapped
        flags = _SYMBOL_FLAGS.get(symbol)  # `symbol_flags`, its memo read first
        if (flags if flags is not None else symbol_flags(symbol))[_AT_CLASS]:
            return "@instance:" + symbol[len("@class:"):]
        if symbol in self.models.literal_factories and (node.args or node.keywords):
            # the literal is the first argument, or given by name (boto3's `client(service_name="ses")`)
            first = node.args[0] if node.args else next(
                (k.value for k in node.keywords if k.arg == _SERVICE_NAME_KEYWORD), None)
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                return f"{symbol}({first.value})"
        called = f"{symbol}()"
        return self._normalized.get(called) or self.normalize(called)  # the memo read first, as `normalize` does

    def annotation_symbol(self, node: ast.expr | None, scope: Scope) -> str | None:
        """The qualified name of an annotation (`Request`, `"Request"`, `Optional[Request]`)."""
        if node is None:
            return None
        # by exact types (see `owner_name`): most annotations are a name, which each failed isinstance
        # would ask its `__class__`
        if type(node) is ast.Constant and type(node.value) is str:
            try:
                parsed = ast.parse(node.value, mode="eval").body
            except SyntaxError:
                return None
            return self.annotation_symbol(parsed, scope)
        if type(node) is ast.Subscript:
            if type(node.slice) is ast.Tuple and _mixed_tuple(node):
                return None  # a `Tuple[TagSchema, ResourceType, Schema]` is none of them: its items differ
            inner = node.slice.elts[0] if type(node.slice) is ast.Tuple and node.slice.elts else node.slice
            if type(inner) is ast.Tuple:  # tuple[()]
                return None
            return self.annotation_symbol(inner, scope)
        if type(node) is ast.BinOp and type(node.op) is ast.BitOr:
            return self.annotation_symbol(node.left, scope) or self.annotation_symbol(node.right, scope)
        return self.static_symbol(node, scope)

    def normalize(self, symbol: str) -> str:
        """Apply the packs' aliases to the longest matching prefix of a symbol (memoised per process)."""
        cache = self._normalized
        found = cache.get(symbol)
        if found is None:
            found = cache[symbol] = self._normalize(symbol)
        return found

    def _normalize(self, symbol: str) -> str:
        aliases = self.models.aliases
        head = aliased_prefix(aliases, symbol, self.models.alias_heads) if aliases else None
        return symbol if head is None else aliases[head] + symbol[len(head):]

    def instance_value(self, class_name: str, held: Value = NOTHING) -> Value:
        """An instance of a class of this file: what it was given, and what its string form shows."""
        info = self.classes.get(class_name)
        rendered = info.rendered if info is not None else frozenset()
        categories = held.categories | rendered
        reasons = held.reasons + ((f"{class_name}'s string form shows {', '.join(sorted(rendered))}",) if rendered else ())
        return Value(symbol=f"@instance:{class_name}", categories=categories, steps=held.steps, reasons=reasons,
                     params=held.params)

    def _tracked_logger(self, value: Value) -> bool:
        """True when a value is an object the log models know (loguru's logger, a Logger)."""
        symbol = value.symbol
        if symbol is None:
            return False
        return self._modelled(symbol) or symbol != self.normalize(symbol) or symbol in self._bound

    def _modelled(self, symbol: str | None) -> bool:
        """True for a type a pack returns or a logger the log models know (`logging.Logger`, loguru's)."""
        return symbol in self._return_types or self.models.log_calls.get(f"{symbol}.info") is not None

    def _tracked(self, value: Value) -> bool:
        return value.symbol is not None and self.is_object_symbol(value.symbol)

    def is_object_symbol(self, symbol: str) -> bool:
        """True when a symbol names an object the analysis tracks (a module, a class, an instance, a
        modelled return type), False for the opaque result of a library function call."""
        flags = _SYMBOL_FLAGS.get(symbol)  # `symbol_flags`, its memo read first
        if (flags if flags is not None else symbol_flags(symbol))[_AT] or "(" not in symbol or symbol in self._return_types:
            return True
        head = symbol[: symbol.rindex("(")]
        return head.rsplit(".", 1)[-1][:1].isupper() or head in self.models.literal_factories

    def symbol_value(self, symbol: str) -> Value:
        """The value of a qualified name: the request object where a framework's request is meant,
        or what another module of the project bound that name to (`db = SQLAlchemy()`)."""
        if symbol in self.models.request.objects:
            return symbol_value_of(REQUEST)
        if "." in symbol:
            bound = self.bound_elsewhere(symbol)
            if bound is not None and bound.startswith(URL_CONSTANT):
                return Value(const=bound[len(URL_CONSTANT):])  # `constants.telemetry_server`
            if bound is not None:
                self._bound.add(bound)
                return symbol_value_of(bound)
        return symbol_value_of(symbol)

    def bound_elsewhere(self, symbol: str) -> str | None:
        """What another module of the project bound the qualified name `symbol` to (`app.db` ->
        `flask_sqlalchemy.SQLAlchemy()`), or None; the lookup is recorded as a use."""
        tag = _VARIABLE_TAGS.get(symbol)  # the use made once per symbol (its hash kept), not per look-up
        if tag is None:
            if len(_VARIABLE_TAGS) >= _TAGS_LIMIT:
                _VARIABLE_TAGS.clear()
            tag = _VARIABLE_TAGS[symbol] = USE_VARIABLE + symbol
        self.uses.add(tag)
        return self.external.variables.get(symbol)

    def request_attribute(self, name: str) -> bool:
        """True when the project sets `request.<name>` from request data (in this module or another)."""
        self.uses.add(USE_REQUEST_ATTRIBUTE + name)
        return name in self.request_attributes or name in self.external.request_attributes

    def _result_key(self, fn: ast.Attribute, base: Value, key: object) -> Value | None:
        """`payload.get("email")` of what a library's function returned (`payload = verify_token(token,
        options)`, `data = resp.json()`): the key names what it holds, as `payload["email"]` already
        says (`eval_subscript`), whatever the mapping came from. Only a call's result (its symbol ends
        in `()`) that is no request's, no file's own object (`@...`) and no configuration; a key that is
        an identifier (not a URL a client gets), named personal by the classifier. None otherwise."""
        symbol = base.symbol
        if not isinstance(key, str) or not key.isidentifier() or symbol is None or not symbol.endswith("()") \
                or symbol.startswith(("@", REQUEST)) or base.const is not UNKNOWN \
                or symbol in self.models.config_symbols:
            return None
        owner = owner_name(fn.value)
        if owner in self.models.config_owners or self._member_of_thing(fn.value):
            return None
        named = self.classify_name(key, owner)
        if named is None:
            return None
        return Value(categories=named.categories, steps=named.steps, reasons=named.reasons)

    def _member_of_thing(self, node: ast.expr) -> bool:
        """True when `node` is a member of a thing that is not a person (`ex.message`, `queue.settings`):
        the keys read from it are that thing's too. (A method, not inline: a local variable more in
        `_propagate` costs every call of it.)"""
        return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and self.classifier.not_a_person(node.value.id)

    def _meaningless_key(self, key: str) -> bool:
        """True when a literal key read from a container holds none of the container's data: a key
        that names nothing personal even of a person (`iss`, `alg`, `subject`, `status`), read from a
        container whose categories came from its name or from what it was derived from (the claims
        of a decoded token are not the token; a mail message's subject is not its address). Not a
        carrier of the container's data (`data`, `body`) and not a word whose meaning is its owner's
        (`name`, `id`: `entity["name"]` of a dict built from `user_id`), and not a person
        (`context["user"]`: the person's record)."""
        if key in CARRIERS or self.classify_name(key, "user") is not None:
            return False
        pack = self.classifier.pack
        words = pack.words(key)
        return not words or words[-1] not in pack.groups.get("person", ())

    def _persons_attribute(self, name: str) -> bool:
        """Whether `name` means personal data as a person's attribute (`mxid`, `email`, `name`): the
        test before a parameter's annotation is looked up (memoised by name alone, this is asked for
        most attributes read of parameters)."""
        known = self._person_attributes.get(name)
        if known is None:
            known = self._person_attributes[name] = self.classify_name(name, _PERSON_OWNER) is not None
        return known

    def classify_name(self, name: str, owner: str | None) -> Value | None:
        """A value holding the category a name means, or None when it means nothing personal."""
        key = (name, owner)
        classified = self._classified
        # a sentinel rather than `except KeyError`: a third of the look-ups miss, and raising costs more
        found: Value | None | _Missing = classified.get(key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        match = self.classifier.name(name, owner=owner)
        found = None
        if match is not None:
            found = _NAMED.get(match)
            if found is None:
                found = _NAMED[match] = Value(categories=frozenset({match.category}), reasons=(match.pattern,))
        classified[key] = found
        return found


_EVAL_BY_TYPE: dict[type, Callable[[FileAnalyzer, Any, Scope], Value]] = {
    ast.Subscript: FileAnalyzer.eval_subscript,
    ast.JoinedStr: FileAnalyzer._eval_joined_str,
    ast.FormattedValue: FileAnalyzer._eval_formatted_value,
    ast.BinOp: FileAnalyzer._eval_bin_op,
    ast.UnaryOp: FileAnalyzer._eval_unary_op,
    ast.BoolOp: FileAnalyzer._eval_bool_op,
    ast.Compare: FileAnalyzer._eval_compare,
    ast.IfExp: FileAnalyzer._eval_if_exp,
    ast.Dict: FileAnalyzer._eval_dict,
    ast.List: FileAnalyzer._eval_display,
    ast.Tuple: FileAnalyzer._eval_display,
    ast.Set: FileAnalyzer._eval_display,
    ast.Starred: FileAnalyzer._eval_inner,
    ast.Await: FileAnalyzer._eval_inner,
    ast.ListComp: FileAnalyzer._eval_comprehension,
    ast.SetComp: FileAnalyzer._eval_comprehension,
    ast.GeneratorExp: FileAnalyzer._eval_comprehension,
    ast.DictComp: FileAnalyzer._eval_dict_comp,
    ast.Lambda: FileAnalyzer._eval_lambda,
    ast.NamedExpr: FileAnalyzer._eval_named_expr,
    ast.Yield: FileAnalyzer._eval_yield,
    ast.YieldFrom: FileAnalyzer._eval_yield,
    ast.Slice: FileAnalyzer._eval_slice,
}
"""`FileAnalyzer.eval` of each other kind of expression, by its exact type (in the order of the
isinstance chain it replaces: `_eval_other` goes through it in this order for a subclass)."""


class _Bound(ast.stmt):
    """A name bound at the start of a block the analysis runs, made by the analysis, not parsed: an
    `except E as e` handler's name holding what its own type carries (`FileAnalyzer._exec_try`)."""

    _fields = ()

    def __init__(self, handler: ast.ExceptHandler, value: Value) -> None:
        super().__init__(lineno=handler.lineno, col_offset=handler.col_offset,
                         end_lineno=handler.end_lineno, end_col_offset=handler.end_col_offset)
        self.name = handler.name or ""
        self.value = value


_EXEC_BY_TYPE: dict[type, Callable[[FileAnalyzer, Any, Scope], None]] = {
    ast.Expr: FileAnalyzer._exec_expr,
    ast.Assign: FileAnalyzer._exec_assign,
    ast.AnnAssign: FileAnalyzer._exec_ann_assign,
    ast.AugAssign: FileAnalyzer._exec_aug_assign,
    ast.Return: FileAnalyzer._exec_return,
    ast.If: FileAnalyzer._exec_if,
    ast.While: FileAnalyzer._exec_if,
    ast.For: FileAnalyzer._exec_for,
    ast.AsyncFor: FileAnalyzer._exec_for,
    ast.With: FileAnalyzer._exec_with,
    ast.AsyncWith: FileAnalyzer._exec_with,
    ast.Try: FileAnalyzer._exec_try,
    ast.TryStar: FileAnalyzer._exec_try,
    _Bound: FileAnalyzer._exec_bound,
    ast.Import: FileAnalyzer._exec_import,
    ast.ImportFrom: FileAnalyzer._exec_import,
    ast.FunctionDef: FileAnalyzer._exec_function_def,
    ast.AsyncFunctionDef: FileAnalyzer._exec_function_def,
    ast.ClassDef: FileAnalyzer._exec_class_def,
    ast.Match: FileAnalyzer._exec_match,
    ast.Raise: FileAnalyzer._exec_raise,
    ast.Assert: FileAnalyzer._exec_assert,
    ast.Delete: FileAnalyzer._exec_delete,
    ast.Pass: FileAnalyzer._exec_nothing,
    ast.Break: FileAnalyzer._exec_nothing,
    ast.Continue: FileAnalyzer._exec_nothing,
    ast.Global: FileAnalyzer._exec_nothing,
    ast.Nonlocal: FileAnalyzer._exec_nothing,
}
"""`FileAnalyzer.exec_stmt` of each kind of statement, by its exact type (a statement executed in a
function body is dispatched here once, where a chain of isinstance tests took four on average)."""


# Words that name a function for logging (`log_event`, `audit`); `info`, `error` or `record` name
# too many other things (`get_plugin_info`, `cached_user_info`).
LOGGING_WORDS = frozenset({"log", "logs", "logger", "logging", "audit", "print", "echo"})


# An attribute of an instance the code made (`UserSerializer(user).data`, `form.cleaned_data` of
# `Form(...)`): a dict the object filled, which the function then fills further.
_INSTANCE_DICT = re.compile(r"\(\)\.[A-Za-z_]\w*$")


def _function_of(scope: Scope) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function whose body `scope` is, or is a block of; None at module level."""
    enclosing = sources.enclosing_function(scope)
    return enclosing[0] if enclosing is not None else None


def _sets_on_self(source: str, name: str) -> bool:
    """Return True if `source` holds `self.NAME =` or `self.NAME=` (a comparison `self.NAME ==` and
    `myself.NAME =` count too: it is a search of the text, not of the tree)."""
    # One search for `self.NAME`, then a look at what follows each (rarely more than a few): about a
    # seventh of the cost of searching for both texts, whose last character (" " or "=") is so common
    # in code that the string search can hardly skip ahead.
    key = f"self.{name}"
    at = source.find(key)
    while at >= 0:
        end = at + len(key)
        if source.startswith("=", end) or source.startswith(" =", end):
            return True
        # from the next character: a name ending in "sel" can overlap its next `self.NAME`
        at = source.find(key, at + 1)
    return False


def _instance_dict(symbol: str) -> bool:
    """Whether `symbol` names a plain attribute of a constructed instance (`pkg.UserSerializer().data`),
    not a request's member or a method's result: items stored into it are held by it from then on."""
    return not symbol.startswith(REQUEST) and _INSTANCE_DICT.search(symbol) is not None


def _takes_branch_data(value: Value, module: str) -> bool:
    """Whether a name bound to `value` in one branch and to data in another holds that data after them:
    when `value` is what a function or method of the project itself (`module`'s top package) returns,
    with no data the analysis sees (`addresses = ProbeVERP().get_verp(mlist, msg)` beside
    `_, addresses = all_failures(msg)`). A library's result (a client, a query's row, `json.dumps()`),
    a request part, a builtin's (`str(e)`, `set()`), an instance a class makes (`TokenClass(...)`) and
    an attribute stay what they are: what the analysis knows of them is what it follows."""
    symbol = value.symbol
    if symbol is None or value.role is not None or value.categories or not symbol.endswith("()"):
        return False
    package, _, _ = module.partition(".")
    if not (symbol.startswith(package) and symbol[len(package):len(package) + 1] == "."):
        return False
    return not _looks_like_class(symbol[:-2])


# The keyword a factory of a service's client names the service by, when not given first (boto3's
# `client(service_name="translate")`).
_SERVICE_NAME_KEYWORD = "service_name"


def is_logging_wrapper(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether logging is the function's job: its name starts with a logging verb (`log_event`,
    `audit_login`, `print_summary`), or it is a few statements around a log call, or its one
    statement is a log call behind a guard (`if self.debug: log.debug(message, *args)`).

    Only such a wrapper makes its callers' arguments a `log` at the call (through its summary's
    `log_params`: the parameters that reach a real log call in its body); a function that does other
    work and logs a parameter on the side is a log where it logs, not where it is called. A name
    whose logging word is not its verb names a record the function keeps or reads
    (`save_to_conversation_log`, `get_authentication_log`): the contract's storage, not a log.
    """
    if _names_logging(func.name):
        return True
    body = func.body
    if len(body) > 5:
        # more than a docstring and four statements (most functions): no copy, no generator
        return len(body) <= _AUDIT_STATEMENTS and _writes_log_row(body)
    if body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant:  # by exact type (see `owner_name`)
        body = body[1:]
    if len(body) > 4:
        return _writes_log_row(body)
    if len(body) == 1 and type(body[0]) is ast.If and not body[0].orelse:
        # its one statement a log call made only when logging is on (`if self.logger:`); a guard after
        # other work (`if session_ids: log.info(...)`) is a log on the side of that work
        return all(_is_log_call(inner) for inner in body[0].body)
    logs = False
    for stmt in body:  # a loop, not `any` over a generator: it runs for half the functions
        if _is_log_call(stmt):
            if not _own_text(stmt):
                return True  # it logs the message its caller gives (`log.warning(msg, *args)`)
            logs = True
    # Logging its own text around another job (`self.log.info("User logged out: %s", name)` and then
    # `self.clear_login_cookie()`; a payload logged and then queued) is a log on the side of that job:
    # the contract locates it at the log call, not at the calls of the function.
    return logs and not any(_does_other_work(stmt) for stmt in body) or logs and _writes_log_row(body)


# Shared by the summaries of functions that are no logging wrapper (never changed; a dict, as a
# summary is pickled for the worker processes)
_NO_LOGGED_ATTRIBUTES: Mapping[int, frozenset[str]] = {}
_NO_KEYS: Mapping[int, frozenset[str]] = {}

# An audit helper's statements at most (a docstring, the record built, logged, the row made, added and
# committed, with room for a guard or two).
_AUDIT_STATEMENTS = 9

# A model class of log records (`Log`, `AuditLog`, `ActivityLog`, `AuditEntry`, `LogEntry`): a row of
# one is the audit trail kept in the database beside the log line.
_LOG_ROW_CLASS = LazyPattern(r"(?:[A-Z][A-Za-z]*)?(?:Log|Audit)(?:Entry|Event|Record|Trail)?")

# Calls that store a row made (`database.add(view)`, `db.session.commit()`, `entry.save()`).
_STORING = frozenset({"add", "add_all", "commit", "flush", "save", "create", "insert", "merge"})


def _writes_log_row(body: list[ast.stmt]) -> bool:
    """Whether a function's statements log a record and write it as a row of a log model too, and do
    nothing else: Lemur's `create(user, type, certificate)` logging `[lemur-audit] ... user.email` and
    adding `Log(user_id=user.id, ...)`. Writing the audit trail to the database as well is still
    logging by purpose (a logging wrapper); a save that logs a line besides is not (no log row)."""
    for stmt in body:  # first, by exact types only: most functions have no log call at their top
        if type(stmt) is ast.Expr and type(stmt.value) is ast.Call and sources.callee_name(stmt.value) in LOG_METHODS:
            break
    else:
        return False
    logs = row = False
    for stmt in body:
        kind = type(stmt)
        if kind is ast.Expr:
            value = stmt.value  # type: ignore[attr-defined]
            if type(value) is ast.Constant:
                continue  # the docstring
            if type(value) is ast.Await:
                value = value.value
            if type(value) is not ast.Call:
                return False
            called = sources.callee_name(value)
            if called in LOG_METHODS:
                logs = True
            elif _makes_log_row(value):
                row = True
            elif called not in _STORING:
                return False  # other work (`database.add(view)`, `db.session.commit()` store the row)
        elif kind is ast.Assign or kind is ast.AnnAssign:
            value = stmt.value  # type: ignore[attr-defined]
            if type(value) is ast.Call and _makes_log_row(value):
                row = True
            elif isinstance(value, ast.Call) and sources.callee_name(value) not in LOG_METHODS:
                return False  # a result of other work
        else:
            return False
    return logs and row


def _makes_log_row(call: ast.Call) -> bool:
    """Whether a call makes a row of a log model (`Log(...)`, `AuditLog.objects.create(...)`), or
    stores one made inline (`session.add(AuditLog(...))`)."""
    func = call.func
    if type(func) is ast.Name:
        return _LOG_ROW_CLASS.fullmatch(func.id) is not None
    if type(func) is ast.Attribute:
        if func.attr in _STORING:
            base = func.value  # `AuditLog.objects.create(...)`, `AuditLog.create(...)`
            while type(base) is ast.Attribute:
                if _LOG_ROW_CLASS.fullmatch(base.attr) is not None:
                    return True
                base = base.value
            if type(base) is ast.Name and _LOG_ROW_CLASS.fullmatch(base.id) is not None:
                return True
            return any(type(a) is ast.Call and _makes_log_row(a) for a in call.args)
        return _LOG_ROW_CLASS.fullmatch(func.attr) is not None  # `models.AuditLog(...)`
    return False


# Statements that hold a block of their own: a function with one beside its log call does its work
# there (`with override(language): ... render the mails`), whatever few statements it has at its top.
_BLOCKS = (ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While, ast.Try)


def _mixed_tuple(node: ast.Subscript) -> bool:
    """True for a tuple annotation whose items are of different types (`Tuple[User, str]`): the value is
    not an instance of its first item's class, as an `Optional[User]` or a `List[User]` item is one of
    `User`. `Tuple[User, ...]` and `tuple[User, User]` hold users."""
    base = node.value
    name = base.id if type(base) is ast.Name else base.attr if type(base) is ast.Attribute else None
    if name not in ("Tuple", "tuple"):
        return False
    items = node.slice.elts  # type: ignore[attr-defined]
    if len(items) < 2 or type(items[1]) is ast.Constant and items[1].value is Ellipsis:
        return False
    first = ast.dump(items[0])
    return any(ast.dump(item) != first for item in items[1:])


def _literals(elements: list[ast.expr]) -> bool:
    """Whether a display's elements are all string or number literals (and there is one at least)."""
    return bool(elements) and all(type(e) is ast.Constant and type(e.value) in (str, int, float) for e in elements)


def _own_text(stmt: ast.stmt) -> bool:
    """Whether a log call statement writes the function's own text: its message is a literal
    (`"User logged out: %s"`) or an f-string (`f"Sending {payload['type']}"`), not a parameter."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    return (isinstance(call, ast.Call) and bool(call.args)
            and (isinstance(call.args[0], ast.JoinedStr)
                 or isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)))


def _does_other_work(stmt: ast.stmt) -> bool:
    """Whether a statement is a call, awaited or not, that is not a log call (`self.clear_login_cookie()`,
    `queue.put_nowait(payload)`), or a block (`_BLOCKS`): work of the function's own besides logging.
    An exit (`sys.exit(1)`, `ctx.exit()`, `os._exit(2)`) is no work: it raises `SystemExit`, as a `raise`
    statement (never work) does; a report-and-stop helper (`def fail(message): click.echo(f"error:
    {message}", err=True); sys.exit(1)`) is a logging wrapper."""
    if isinstance(stmt, _BLOCKS):
        return True
    value = stmt.value if isinstance(stmt, ast.Expr) else None
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return False
    callee = sources.callee_name(value)
    return callee not in LOG_METHODS and callee not in _EXITS


# The calls that end the program or command by raising `SystemExit` (`sys.exit`, the builtins `exit`
# and `quit`, `os._exit`, click's `ctx.exit`, argparse's `parser.exit`).
_EXITS = frozenset({"exit", "_exit", "quit"})


@functools.lru_cache(maxsize=8192)
def _sanitizing_name(callee: str) -> bool:
    """Whether a callee's name says its result is not the data it is given (`hash_email`, `mask`,
    `is_valid`, `count`): memoised, as the same names recur (the alternation of `_SANITIZING` is
    tried at every character of the name, about ten times the cost of the memo's look-up)."""
    lowered = callee.lower()
    return _SANITIZING.search(lowered) is not None or lowered.startswith(("is_", "has_"))


@functools.lru_cache(maxsize=4096)
def last_word(name: str) -> str:
    """The last word of an identifier, lower-cased: what a class or a variable is (`LocalProcessSpawner`
    -> `spawner`, `orm_spawner` -> `spawner`, `APIToken` -> `token`, `obj` -> `obj`)."""
    words = _WORDS.findall(name)
    return words[-1].lower() if words else name.lower()


_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")

# The categories of a person's values that are one string by nature (`FileAnalyzer.names_a_value`):
# a variable named for one holds it, never an object of a class named alike.
_SCALAR_CATEGORIES = ("user.name", "user.unique_id", "user.contact.email", "user.contact.phone_number")


_CLIENT_TYPES: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _client_tables(models: Models) -> tuple[frozenset[str], frozenset[str]]:
    """The SDK and HTTP client instances whose methods the packs model (`openai.OpenAI()` of
    `openai.OpenAI().chat.completions.create`), and the class names that may be written for them (their
    own last names and their aliases': `AsyncOpenAI`), memoised per models."""
    found = _CLIENT_TYPES.get(id(models))
    if found is None:
        instances: set[str] = set()
        for name in (*models.share_calls.exact_names(), *models.http_calls.exact_names()):
            cut = name.find("().")
            if cut > 0:
                instances.add(name[:cut + 2])
        names = {instance[:-2].rpartition(".")[2] for instance in instances}
        names |= {alias.rpartition(".")[2] for alias, target in models.aliases.items() if target + "()" in instances}
        found = _CLIENT_TYPES[id(models)] = (frozenset(instances), frozenset(names))
    return found


def _client_types(models: Models) -> frozenset[str]:
    """The client instances whose methods the packs model (`_client_tables`)."""
    return _client_tables(models)[0]


def _client_names(models: Models) -> frozenset[str]:
    """The class names written for those clients (`_client_tables`)."""
    return _client_tables(models)[1]


def _annotation_name(node: ast.expr) -> str | None:
    """The last name of the class an annotation names: `OpenAI` of `OpenAI`, `openai.OpenAI`, `"OpenAI"`,
    `OpenAI | None` and `Optional[OpenAI]` (a cheap look before the annotation is resolved)."""
    if type(node) is ast.Name:
        return node.id
    if type(node) is ast.Attribute:
        return node.attr
    if type(node) is ast.Constant and isinstance(node.value, str):
        return node.value.rpartition(".")[2].split("[")[-1].split("|")[0].strip(" ]")
    if type(node) is ast.BinOp:
        return _annotation_name(node.left)
    if type(node) is ast.Subscript:
        return _annotation_name(node.slice)
    return None


def _is_overload(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True for a stub decorated `@overload` or `@typing.overload`."""
    return any(type(d) is ast.Name and d.id == "overload" or type(d) is ast.Attribute and d.attr == "overload"
               for d in func.decorator_list)


def _is_property(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True for a getter decorated `@property`, `@cached_property` or `@functools.cached_property`."""
    for decorator in func.decorator_list:
        if type(decorator) is ast.Name and decorator.id in ("property", "cached_property"):  # (see `owner_name`)
            return True
        if type(decorator) is ast.Attribute and decorator.attr == "cached_property":
            return True
    return False


def _star_module(stmt: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The module a `from ... import *` names, relative imports resolved ("" for none)."""
    named = ast.ImportFrom(module=stmt.module, names=[ast.alias(name="_")], level=stmt.level)
    return import_bindings(named, module, is_package)[0][1][:-2]


# The tree attribute that keeps a module's CapWords names: every analysis of one parse shares them.
_CAPWORDS = "_policyscan_capwords_names"
# The tree attribute that keeps the names a module's `__all__` lists.
_ALL = "_policyscan_all_names"


def exported_names(tree: ast.Module) -> frozenset[str]:
    """The names a module lists in a module-level `__all__` (`__all__ = [...]`, a tuple, `+=` of
    either), literals only; empty for a module without one. Read once per parse: the statements at
    module level are looked at, not the whole tree."""
    found: frozenset[str] | None = getattr(tree, _ALL, None)
    if found is None:
        names: set[str] = set()
        for stmt in tree.body:
            if type(stmt) is ast.Assign and len(stmt.targets) == 1:
                target, value = stmt.targets[0], stmt.value
            elif type(stmt) is ast.AugAssign:
                target, value = stmt.target, stmt.value
            else:
                continue
            if type(target) is ast.Name and target.id == "__all__" and type(value) in (ast.List, ast.Tuple):
                assert isinstance(value, (ast.List, ast.Tuple))
                names.update(e.value for e in value.elts if type(e) is ast.Constant and type(e.value) is str)
        found = frozenset(names)
        setattr(tree, _ALL, found)
    return found


# The tree attribute that keeps the names a module reads.
_READ = "_policyscan_read_names"


def _read_names(tree: ast.Module) -> frozenset[str]:
    """The names a module reads (`ast.Name` loads): the ones a star import need bind outside a
    package. Walked once per parse, and only for a module with such an import."""
    found: frozenset[str] | None = getattr(tree, _READ, None)
    if found is None:
        found = frozenset({n.id for n in walk(tree) if type(n) is ast.Name and type(n.ctx) is ast.Load})
        setattr(tree, _READ, found)
    return found


def _capwords_names(tree: ast.Module) -> tuple[str, ...]:
    """The class-like names (`UpdateCustomerRequest`, not `MAX_SIZE`) a module reads, sorted: the
    names a star import of the project's may bind. Walked once per parse, and only for a module
    with such an import."""
    found: tuple[str, ...] | None = getattr(tree, _CAPWORDS, None)
    if found is None:
        found = tuple(sorted({n.id for n in walk(tree) if type(n) is ast.Name and type(n.ctx) is ast.Load
                              and n.id[:1].isupper() and not n.id.isupper()}))
        setattr(tree, _CAPWORDS, found)
    return found


def _imported_modules(imports: Sequence[tuple[ast.Import | ast.ImportFrom, list[tuple[str, str]]]]) -> set[str]:
    """The modules import statements (each with what it binds) name, but the standard library's
    (which no scanned project defines): `import a.b` names `a.b`, `from a.b import c` names `a.b`,
    `from .. import orm` names the package and `pkg.orm` (a relative import of bare names is how a
    package's modules import its other modules; a function so named costs a use that matches nothing)."""
    found: set[str] = set()
    for stmt, bindings in imports:
        if type(stmt) is ast.ImportFrom:
            if stmt.level:  # relative: the project's own
                if bindings:
                    found.add(bindings[0][1].rpartition(".")[0])
                    if stmt.module is None:
                        found.update(qualified for _, qualified in bindings)
            elif stmt.module and stmt.module.partition(".")[0] not in _STDLIB:
                found.add(stmt.module)
        elif type(stmt) is ast.Import:
            found.update(alias.name for alias in stmt.names if alias.name.partition(".")[0] not in _STDLIB)
    return found


_STDLIB = frozenset(sys.stdlib_module_names)
# The packages of the web frameworks no pack models, for `str.startswith` (`_exec_import`).
_FRAMEWORK_NAMES = tuple(sorted(UNMODELLED))


def _constructed(symbol: str | None) -> bool:
    """Whether a value's symbol says its class: an instance of a class (`@instance:Member`,
    `app.models.Member()`) or a builtin's; not a function's or a method's result (`orm.APIToken.find()`,
    `@instance:APIToken.find`, whose class only its name tells)."""
    if symbol is None:
        return False
    if symbol.startswith("@instance:"):
        return "." not in symbol
    if symbol.startswith("builtins."):
        return True
    return symbol.endswith("()") and _looks_like_class(symbol[:-2])


# Builtins whose result is a count or a flag of what they are given, never the data itself.
_COUNTING_BUILTINS = frozenset({"len", "bool"})


def _counts(node: ast.expr) -> bool:
    """Whether a dict display's value is a count, a flag or a redacted form of something
    (`len(self.visited_urls)`, `bool(email)`, `count_emails(...)`, `redact(user.email)`: the builtins
    above, or a callee the sanitising-name test knows): its key names what was counted or redacted,
    not what the value holds."""
    if type(node) is not ast.Call:
        return False
    callee = sources.callee_name(node)
    return callee in _COUNTING_BUILTINS and type(node.func) is ast.Name or _sanitizing_name(callee)


def _counted_from(call: ast.Call) -> bool:
    """Whether a call is `enumerate(...)` whose one keyword is its count's start (`start=1`)."""
    return type(call.func) is ast.Name and call.func.id == "enumerate" and len(call.keywords) == 1 \
        and call.keywords[0].arg == "start"


def _message_parameters(func: ast.FunctionDef | ast.AsyncFunctionDef,
                        scope: Scope) -> tuple[frozenset[int], frozenset[int]]:
    """The parameters (by the scope's indices) of a function that is no logging wrapper whose text is
    its caller's log text, in two sets.

    The first: each parameter whose one job is to be a log call's message: it reaches a log call as its
    first argument, the bare name (`log.info(success)`), and is read nowhere else but in a test (`if
    success:`, `if msg is not None`). The function does other work (a commit), but the text is its
    caller's: a log at the call.

    The second (relays): each parameter that is the whole message of a log call of the function's own
    (the bare name, `f"{output}"`, or the name's own method chain: `output.encode(...).decode(...)`)
    and is otherwise only tested or passed on whole (a call's argument, a dict display's value:
    `websocket.send_json({"output": output})`, another wrapper's call): the function carries its
    caller's text to a log and elsewhere (a websocket, a UI stream), a wrapper for that parameter.

    A parameter the function works with otherwise (stored in an attribute, `note.comment = message`;
    indexed, split, formatted into a text of its own; rebound) stays a log on the side, at the
    function's own log call. Only asked of functions whose parameters reach a log call."""
    candidates: dict[str, int] = {}
    relayed: dict[str, int] = {}
    for index, logs in scope.side_logs.items():
        if 0 <= index < len(scope.params):
            name = scope.params[index]
            if all(log.site is None and log.node.args and type(log.node.args[0]) is ast.Name
                   and log.node.args[0].id == name for log in logs):
                candidates[name] = index
            elif any(log.site is None and log.node.args and _whole_message(log.node.args[0], name) for log in logs) \
                    and all(log.site is not None or log.node.args and _whole_message(log.node.args[0], name)
                            for log in logs):
                relayed[name] = index
    if not candidates and not relayed:
        return frozenset(), frozenset()
    allowed: set[int] = set()  # the ids of the loads that are a message or a test
    passed: set[int] = set()  # the ids of the loads passed on whole (a relay's other reads)
    for node in walk(func):
        if type(node) is ast.Call and node.args and sources.callee_name(node) in LOG_METHODS:
            first = node.args[0]
            if type(first) is ast.Name and first.id in candidates:
                allowed.add(id(first))
            elif relayed:
                for name in relayed:
                    if _whole_message(first, name):
                        allowed.update(id(n) for n in walk(first) if type(n) is ast.Name and n.id == name)
        elif type(node) in (ast.If, ast.IfExp, ast.While):
            tested = _tested_name(node.test)  # type: ignore[attr-defined]
            if tested is not None:
                allowed.add(id(tested))
        if relayed:
            if type(node) is ast.Call:
                passed.update(id(a) for a in node.args if type(a) is ast.Name)
                passed.update(id(k.value) for k in node.keywords if type(k.value) is ast.Name)
            elif type(node) is ast.Dict:
                passed.update(id(v) for v in node.values if type(v) is ast.Name)
    for node in walk(func):
        if type(node) is not ast.Name:
            continue
        if node.id in candidates and (type(node.ctx) is ast.Store or id(node) not in allowed):
            # read for some work of the function's (a log on the side of it), or rebound (what is
            # logged is not the caller's text alone)
            del candidates[node.id]
        elif node.id in relayed and (type(node.ctx) is ast.Store or id(node) not in allowed and id(node) not in passed):
            del relayed[node.id]
    return frozenset(candidates.values()), frozenset(relayed.values())


def _tested_name(test: ast.expr) -> ast.Name | None:
    """The name a condition tests for truth or for None (`if msg:`, `if not msg:`, `while x is not
    None:`): a test that reads nothing of the value, so a parameter tested so is still only its
    callers' text, for both walks that ask; None for any other condition."""
    if type(test) is ast.UnaryOp and type(test.op) is ast.Not:
        test = test.operand
    if type(test) is ast.Compare and len(test.ops) == 1 and type(test.ops[0]) in (ast.Is, ast.IsNot) \
            and type(test.comparators[0]) is ast.Constant and test.comparators[0].value is None:
        test = test.left
    return test if type(test) is ast.Name else None


def _caller_text_parameters(func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> frozenset[int]:
    """The parameters (by the scope's indices) of a logging wrapper that are only its callers' text:
    each is read only in the arguments of the log calls it reaches (`scope.side_logs`), whole or
    formatted (`print(msg)`, `click.echo(f"error: {message}")`, `"%s" % text`, `str(text)`), and in
    tests (`if msg:`, `if msg is None`); never rebound, nor read by attribute or key (`event.get("type")`,
    `token.user_id`: the wrapper works with a record of its own, whose fields are not what its
    callers wrote). Its log calls write what each caller gives there. One walk of the wrapper (a
    few statements), asked only of a wrapper whose parameters reach a log call."""
    names = {scope.params[i]: i for i in scope.side_logs if 0 <= i < len(scope.params)}
    if not names:
        return frozenset()
    allowed: set[int] = set()  # the ids of the loads in a log call's arguments, used whole
    for logs in scope.side_logs.values():
        for log in logs:
            for arg in (*log.node.args, *(k.value for k in log.node.keywords)):
                read: set[int] = set()  # a name read by attribute or key
                for node in walk(arg):
                    kind = type(node)
                    if (kind is ast.Attribute or kind is ast.Subscript) and type(node.value) is ast.Name:  # type: ignore[attr-defined]
                        read.add(id(node.value))  # type: ignore[attr-defined]
                    elif kind is ast.Name and node.id in names and id(node) not in read:  # type: ignore[attr-defined]
                        allowed.add(id(node))
    for node in walk(func):
        kind = type(node)
        if kind is ast.If or kind is ast.IfExp or kind is ast.While:
            tested = _tested_name(node.test)  # type: ignore[attr-defined]
            if tested is not None:
                allowed.add(id(tested))
    found = dict(names)
    for node in walk(func):
        if type(node) is ast.Name and node.id in found and (type(node.ctx) is ast.Store or id(node) not in allowed):
            del found[node.id]
            if not found:
                break
    return frozenset(found.values())


def _whole_message(expr: ast.expr, name: str) -> bool:
    """Whether a log call's message is the parameter `name` whole: the bare name, an f-string of it
    alone (`f"{output}"`), or a chain of its own methods (`output.encode("cp1252").decode("cp1252")`)."""
    if type(expr) is ast.JoinedStr and len(expr.values) == 1:
        value = expr.values[0]
        return type(value) is ast.FormattedValue and value.format_spec is None and _whole_message(value.value, name)
    while type(expr) is ast.Call and type(expr.func) is ast.Attribute:
        expr = expr.func.value
    return type(expr) is ast.Name and expr.id == name


def _class_text(expr: ast.expr, constants: Mapping[str, str]) -> str | None:
    """The text a class body binds a name to: a string literal, or an f-string of literals and of the
    class's own texts bound above (`BASE_URL = f"https://comicvine.gamespot.com/api/search?api_key={API_KEY}"`);
    None for anything else."""
    if isinstance(expr, ast.Constant):
        return expr.value if isinstance(expr.value, str) else None
    if not isinstance(expr, ast.JoinedStr):
        return None
    parts: list[str] = []
    for value in expr.values:
        if type(value) is ast.Constant and isinstance(value.value, str):
            parts.append(value.value)
        elif type(value) is ast.FormattedValue and type(value.value) is ast.Name and value.value.id in constants \
                and value.conversion == -1 and value.format_spec is None:
            parts.append(constants[value.value.id])
        else:
            return None
    return "".join(parts)


def _is_log_call(stmt: ast.stmt) -> bool:
    """Whether `stmt` is a call of a logging method as a statement of its own (`logger.info(...)`)."""
    # by exact type (see `owner_name`): asked of the first statements of every function
    return type(stmt) is ast.Expr and type(stmt.value) is ast.Call and sources.callee_name(stmt.value) in LOG_METHODS


@functools.lru_cache(maxsize=65536)
def _names_logging(name: str) -> bool:
    """True when a function name starts with a logging word, its verb (`log_event`, `auditTrail`,
    `_print_values`); memoised, as the same names recur across a project's files and each function
    is analysed at least once."""
    lowered = name.lower()
    if not any(part in lowered for part in _LOGGING_PARTS):
        return False  # every logging word holds one of these: most names are settled without a split
    words = re.split(r"_+|(?<=[a-z])(?=[A-Z])", name.lstrip("_"), maxsplit=1)
    return words[0].lower() in LOGGING_WORDS


_LOGGING_PARTS = ("log", "audit", "print", "echo")


LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log", "msg",
                         "print", "echo", "secho", "trace", "success", "add_breadcrumb"})



class _Missing:
    """The type of `_MISSING`: no entry in a memo whose entries may be None."""

    __slots__ = ()


_MISSING = _Missing()

_NORMALIZED: dict[int, dict[str, str]] = {}

# What a symbol's text says of it (`symbol_flags`): the evaluator tests the same few prefixes of the
# same symbols over and over (`member`, `eval_call`, `local_summary`: about 1.2 million `startswith`
# calls on Django, each ~850 instructions for its argument parsing), where one look-up of a memo (the
# symbol's hash is kept by the string) answers them all. A tuple of booleans, read by these indices
# (a subscript of a tuple by a constant and a test of a bool cost a fifth of an `int &` and its test).
_AT = 0  # "@...": a symbol of the analysis' own (the request, a class, an instance of the file)
_AT_REQUEST = 1  # REQUEST ("@request" and what it holds)
_AT_SELF = 2  # "@self:"
_AT_CLASS = 3  # "@class:"
_AT_INSTANCE = 4  # "@instance:"
_BUILTIN = 5  # "builtins."
_CAPITAL = 6  # its last dotted part starts with a capital (`_looks_like_class`, as `eval_call` inlines it)
_NO_FLAGS = (False,) * 7
_SYMBOL_FLAGS: dict[str | None, tuple[bool, ...]] = {None: _NO_FLAGS}


def symbol_flags(symbol: str | None) -> tuple[bool, ...]:
    """The flags above of `symbol` (all False for None), memoised per process (emptied as `const_value`'s memo is)."""
    found = _SYMBOL_FLAGS.get(symbol)
    if found is not None:
        return found
    assert symbol is not None
    at = symbol[:1] == "@"  # the analysis' own prefixes all start so, and "builtins." does not
    flags = (at, at and symbol.startswith(REQUEST), at and symbol.startswith("@self:"), at and symbol.startswith("@class:"),
             at and symbol.startswith("@instance:"), not at and symbol.startswith("builtins."),
             symbol[symbol.rfind(".") + 1:][:1].isupper())
    if len(_SYMBOL_FLAGS) >= _SYMBOL_FLAGS_LIMIT:
        _SYMBOL_FLAGS.clear()
        _SYMBOL_FLAGS[None] = _NO_FLAGS
    _SYMBOL_FLAGS[symbol] = flags
    return flags


_SYMBOL_FLAGS_LIMIT = 200_000
_NAMED: dict[Match, Value] = {}
"""The value a classifier match gives (a name's category and why), made once per match."""
_CLASSIFIED: list[tuple[Classifier, dict[tuple[str, str | None], Value | None]]] = []


_PER_MODELS: list[tuple[Models, frozenset[str], frozenset[str], frozenset[str]]] = []
"""The sets every analyser of a run reads from its (frozen) models, made once per `Models` object rather
than once per file (`method_sink_names` alone iterates every cookie setter: 0.3% of a Django scan)."""


def _made_per_models(models: Models) -> tuple[Models, frozenset[str], frozenset[str], frozenset[str]]:
    """`_PER_MODELS`' entry for `models`, made afresh (a run is given one `Models`; a test may make others)."""
    _PER_MODELS[:] = [(models, frozenset(models.returns.values()), sinks.method_sink_names(models),
                       sources.parameters_read_by_name(models))]
    return _PER_MODELS[0]


def _classified_by(classifier: Classifier) -> dict[tuple[str, str | None], Value | None]:
    """`classify_name`'s memo for a classifier: shared by the analysers of a run (one classifier
    per process), started afresh when another classifier is given."""
    if not _CLASSIFIED or _CLASSIFIED[0][0] is not classifier:
        _CLASSIFIED[:] = [(classifier, {})]
    return _CLASSIFIED[0][1]


def _is_parameter(func: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """True when `name` is one of `func`'s named parameters."""
    return any(a.arg == name for a in named_parameters(func.args))


def parameter_key(container: Value, key: Value) -> tuple[int, int, str] | None:
    """`params[key]` / `params.get(key)` where both are parameters of the function: the key read
    its callers apply (`Value.keyed`), else None."""
    if container.symbol is not None or container.role is not None or len(container.params) != 1:
        return None
    if key.const is not UNKNOWN or len(key.params) != 1 or key.params == container.params:
        return None
    index, key_index = next(iter(container.params)), next(iter(key.params))
    return (index, key_index, "") if index >= 0 and key_index >= 0 else None


def _keyed_return(returns: Sequence[Value]) -> tuple[int, int, str] | None:
    """The key read a function returns, when every key read it returns is the same one."""
    if not returns:
        return None
    if len(returns) == 1:
        return returns[0].keyed  # one `return` (most functions that return): no set to build
    found = {value.keyed for value in returns if value.keyed is not None}
    return found.pop() if len(found) == 1 else None


def callable_key(symbol: str) -> str:
    """How a summary is looked up: `app.svc.Service().send` is the method `app.svc.Service.send`."""
    return symbol.replace("()", "")


# The key (`callable_key`) of a called symbol and its three uses (USE_FUNCTION, USE_PASSTHROUGH,
# USE_LOG_SITES), made once per symbol: the evaluator records them at every call of another module's
# function (100,000 on Django), and a string made anew is hashed anew when added to the uses.
_CALLABLE_TAGS: dict[str, tuple[str, str, str, str]] = {}
_VARIABLE_TAGS: dict[str, str] = {}  # USE_VARIABLE + symbol, by symbol (`FileAnalyzer.bound_elsewhere`)
_TAGS_LIMIT = 200_000


def callable_tags(symbol: str) -> tuple[str, str, str, str]:
    """`callable_key(symbol)` and its uses as a function, a pass-through and where it logs; memoised."""
    if len(_CALLABLE_TAGS) >= _TAGS_LIMIT:
        _CALLABLE_TAGS.clear()
    key = callable_key(symbol)
    tags = _CALLABLE_TAGS[symbol] = (key, USE_FUNCTION + key, USE_PASSTHROUGH + key, USE_LOG_SITES + key)
    return tags


_STATEMENT_PARTS = (ast.stmt, ast.excepthandler, ast.match_case)
# A function's or class's definition, by exact type (`free_names`; see `sources._DEFINITION_TYPES`).
_DEFINITION_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})


def _walk_statements(root: ast.AST) -> Iterator[ast.AST]:
    """The statements under `root` (and `root`), in the order `ast.walk` gives them, without
    visiting expressions (most of a function's nodes), which hold no statements.

    `ast.walk` goes breadth first, each node's children in field order; statements are reached only
    through statement bodies, exception handlers and match cases, so walking those alone, in the same
    field order, keeps the statements' relative order."""
    todo = deque([root])
    while todo:
        node = todo.popleft()
        for name in node._fields:
            value = getattr(node, name, None)
            if type(value) is list:
                todo.extend(item for item in value if isinstance(item, _STATEMENT_PARTS))
        yield node


ITEMS = "@items:"
"""The symbol prefix of a mapping whose values are known objects: `@items:langfuse.LangfuseSpan()`."""
MAPPINGS = frozenset({"dict", "Dict", "Mapping", "MutableMapping", "OrderedDict", "defaultdict", "DefaultDict"})


def _reads_any(func: ast.FunctionDef | ast.AsyncFunctionDef, names: list[str], outer: Scope | None) -> bool:
    """Whether `func` reads one of `names` without binding it itself, that no scope from `outer` out binds."""
    free = free_names(func)
    return any(name in free and (outer is None or outer.lookup(name) is None) for name in names)


def free_names(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names a function reads without binding them itself (its parameters, assignments, imports)."""
    bound = {a.arg for a in every_parameter(func.args)}
    read: set[str] = set()
    for node in walk(func):
        if node is func:
            continue
        # by exact types (see `owner_name`): a failed `isinstance` reads the node's `__class__`, once per class
        if type(node) is ast.Name:
            (read if type(node.ctx) is ast.Load else bound).add(node.id)
        elif type(node) in _DEFINITION_TYPES:
            bound.add(node.name)  # type: ignore[attr-defined]
        elif type(node) is ast.Import or type(node) is ast.ImportFrom:
            bound.update((alias.asname or alias.name).split(".", 1)[0] for alias in node.names)
    return read - bound - _BUILTIN_NAMES


def _body_item(function: str, items: Sequence[tuple[int, int, Value]]) -> tuple[int, int, Value] | None:
    """`FunctionSummary.body_item` of a function whose `return`s give a request body as a tuple's item
    (`Scope.body_items`): the position and length, when every such `return` agrees on them, and the
    body as the request's data the function returns (as `sources.returned_container` names one it
    returns alone: its callers read keys of it or take it whole). None when they disagree."""
    position, length = items[0][0], items[0][1]
    if any(item[0] != position or item[1] != length for item in items):
        return None
    data = union([item[2] for item in items])
    return position, length, Value(symbol=f"{REQUEST}.{function}()", role="fields", categories=data.categories,
                                   steps=data.steps, reasons=data.reasons)


def _returned_url(returns: Sequence[Value]) -> str | None:
    """The URL shape a function returns (`def _url(self, path): return f"{self.base_url}/{path}"`), when
    every return but `return None` and `return ""` (no URL: the caller's request fails, or is not
    made) gives the same one."""
    if not returns:
        return None
    if len(returns) == 1:  # one `return` (most functions that return): no set to build
        if returns[0].const is None:
            return None
        shape = shape_of(returns[0])
    else:
        shapes = {shape_of(r) for r in returns if r.const is not None and r.const != ""}
        if len(shapes) > 1:
            # `return f"{self._base_url}/responses"` in one branch, `.../chat/completions` in the other
            # (pgadmin's OpenAI provider): the same host either way, which is where the request goes
            return _common_host(shapes)
        if not shapes:
            return None
        shape = shapes.pop()
    return shape if "://" in shape.partition(HOLE)[0] else None


def _common_host(shapes: Collection[str]) -> str | None:
    """The scheme, host and the path's common start of URL shapes that all name one host written in
    the code (`https://api.openai.com/v1/` of `.../v1/responses` and `.../v1/chat/completions`)."""
    prefix = os.path.commonprefix(list(shapes))
    scheme = prefix.find("://")
    if scheme <= 0 or HOLE in prefix:
        return None
    cut = prefix.rfind("/")
    return prefix[:cut + 1] if cut > scheme + 2 else None


def _url_text(value: Value) -> bool:
    """True for a value whose known text is a URL's start (`https://api.example.com/...`)."""
    return value.symbol is None and value.text is not None and "://" in value.text


# Functions whose name says they return a part or a digest of what they are given: what is extracted
# from a text (named entities, keywords, facts) or a summary of it is still that text's data.
_EXTRACTING = re.compile(r"^_*(?:extract|summari[sz]e)(?:_|$)", re.IGNORECASE)


def _extracts(node: ast.Call) -> bool:
    """Whether the function a call reaches is named for extracting from or summarising its arguments
    (`extract_entities(text)`, `summarize_conversation(messages)`; not `extractor()` or `summary()`)."""
    callee = sources.callee_name(node)
    return bool(callee) and _EXTRACTING.match(callee) is not None


def _default_urls(args: ast.arguments) -> dict[str, str]:
    """The parameters whose default is a literal URL (`api_base: str = "https://api.openai.com/v1"`),
    to that URL; {} when none is (most functions': their defaults are looked at before being paired
    with their parameters)."""
    for default in (*args.defaults, *args.kw_defaults):  # None for a keyword-only parameter without one
        if _url_of(default) is not None:
            break
    else:
        return {}
    positional = positional_parameters(args)
    pairs = [*zip(positional[len(positional) - len(args.defaults):], args.defaults),
             *zip(args.kwonlyargs, args.kw_defaults)]
    return {arg.arg: url for arg, default in pairs if (url := _url_of(default)) is not None}


def _url_of(node: ast.expr | None) -> str | None:
    """The http(s) URL a string literal `node` holds; None for any other node."""
    if type(node) is ast.Constant and type(node.value) is str and node.value.startswith(("https://", "http://")):
        return node.value
    return None


def _looks_like_class(symbol: str) -> bool:
    last = symbol.rsplit(".", 1)[-1]
    return bool(last) and last[0].isupper()


# Annotations that say nothing of what a parameter holds: builtins, typing's generics, and the
# base classes every model of a framework shares
_UNTELLING_ANNOTATIONS = frozenset({
    "str", "int", "float", "bool", "bytes", "dict", "list", "set", "tuple", "frozenset", "object",
    "type", "Any", "Self", "Dict", "List", "Set", "Tuple", "Type", "Mapping", "MutableMapping",
    "Sequence", "Iterable", "Iterator", "Callable", "Model", "BaseModel", "Base", "Schema",
    "TypedDict", "NamedTuple", "Enum", "Request", "Response",
})


# The owner a person's attribute is classified under, to ask whether a name could mean personal data at all.
_PERSON_OWNER = "user"


def _annotated_class(scope: Scope, name: str, params: frozenset[int]) -> str | None:
    """The class a parameter `name` of the enclosing function is annotated with (`Task` for
    `sender: Task | None`, `Optional["celery.Task"]`), when the value read holds that parameter
    (`params`, its index) and the annotation names one class that says what it holds; else None."""
    enclosing = sources.enclosing_function(scope)  # a comprehension's scope: its function's
    if enclosing is None:
        return None
    args = enclosing[0].args
    for index, arg in enumerate(named_parameters(args)):
        if arg.arg == name:
            if arg.annotation is None or index not in params:
                return None
            named = _class_named(arg.annotation)
            return named if named != "None" else None
    return None


def _class_named(node: ast.expr) -> str | None:
    """The one class an annotation names, `None` and builtins aside: `Task` for `Task | None`,
    `Optional[Task]`, `celery.Task` or `"Task"`; None for several or for one that tells nothing."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _class_named(node.left), _class_named(node.right)
        return left if right is None or right == "None" else right if left is None or left == "None" else None
    if isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Name, ast.Attribute)):
        generic = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
        if generic == "Optional":
            return _class_named(node.slice)
        if generic == "Union" and isinstance(node.slice, ast.Tuple):
            named = {_class_named(e) for e in node.slice.elts} - {"None"}
            return named.pop() if len(named) == 1 else None
        return None
    if isinstance(node, ast.Constant):
        if node.value is None:
            return "None"
        if not isinstance(node.value, str) or not node.value.replace(".", "").isidentifier():
            return None
        word = node.value.rpartition(".")[2]
    elif isinstance(node, ast.Name):
        word = node.id
    elif isinstance(node, ast.Attribute):
        word = node.attr
    else:
        return None
    if word == "None":
        return word
    return None if word in _UNTELLING_ANNOTATIONS or len(word) < 2 else word


def _reads_a_member(node: ast.expr) -> bool:
    """Whether an expression reads a member of an object (`request.json`, `await request.json()`,
    `request.get_json()`), not what a function returns (`helper(request)`)."""
    if type(node) is ast.Await:
        node = node.value
    if type(node) is ast.Call:
        node = node.func
    return type(node) is ast.Attribute


def owner_name(node: ast.expr) -> str | None:
    """The name of the object an attribute or key belongs to: `user` in `user.email`."""
    # by exact type, as `eval_argument` tests displays: `ast.parse` makes no subclass of a node class,
    # and the engine makes none of an expression's (an `isinstance` that fails costs twice a `type() is`)
    if type(node) is ast.Name:
        return node.id
    if type(node) is ast.Attribute:
        return node.attr
    if type(node) is ast.Subscript:
        return owner_name(node.value)
    if type(node) is ast.Call:
        return owner_name(node.func)
    return None


# What the running Python's parser says of syntax a later Python accepts, by the version that
# accepts it: a valid 3.12 module (`def f[T](x: T)`, `f"{d["k"]}"`) read by 3.11 gave only
# "expected '('" or "f-string: unmatched '['", which reads as policyscan misreading good code.
# The hint is an "or": a real error can say the same.
_NEWER_SYNTAX: tuple[str, ...] = tuple(sorted({message for version, messages in (
    ((3, 12), ("invalid syntax", "expected '('", "f-string")),  # PEP 695 type parameters and aliases, PEP 701
    ((3, 14), ("invalid syntax", "multiple exception types must be parenthesized")),  # PEP 750 t-strings, PEP 758
) if sys.version_info < version for message in messages}))


def analyze_source(path: str, source: str, models: Models, classifier: Classifier) -> FileResult:
    """Analyse Python source text on its own; syntax errors and pathological nesting become skips."""
    return alone(analyze(path, source, models, classifier))


def analyze(path: str, source: str, models: Models, classifier: Classifier, external: ModuleSummary = EMPTY,
            module: str | None = None) -> Analyzed:
    """Analyse Python source text with what other modules' summaries say; never raises for bad input.
    `module` is the file's dotted name (by default, from its path relative to the scanned root)."""
    nul = source.find("\x00")
    if nul >= 0:
        line = source.count("\n", 0, nul) + 1
        column = nul - source.rfind("\n", 0, nul)
        return Analyzed(FileResult(path, skip=Skip(path, SkipReason.NULL_BYTES, "the file contains NUL bytes", line, column)))
    try:
        tree = ast.parse(source, filename=path, type_comments=False)
    except SyntaxError as exc:
        detail = exc.msg
        if exc.msg.startswith(_NEWER_SYNTAX):
            detail = f"{exc.msg} (or syntax newer than Python {sys.version_info.major}.{sys.version_info.minor})"
        return Analyzed(FileResult(path, skip=Skip(path, SkipReason.SYNTAX_ERROR, detail, exc.lineno, exc.offset)))
    except (RecursionError, MemoryError) as exc:
        return Analyzed(FileResult(path, skip=Skip(path, SkipReason.TOO_DEEP,
                                                   f"the file is nested too deeply to parse ({type(exc).__name__})",
                                                   _deepest_line(source))))
    except ValueError as exc:
        return Analyzed(FileResult(path, skip=Skip(path, SkipReason.NULL_BYTES, str(exc))))
    return _analyze_tree(path, source, tree, models, classifier, external, module)


def _deepest_line(source: str) -> int | None:
    """The first line of the statement where a module too deep for `ast.parse` nests deepest, from
    its tokens alone (the parser gives no line): each open bracket counts one, and each operator,
    `.` or `else` since the bracket opened or its last `,`, `:` or `=` one more (`a + b + ...` is a
    chain as deep as it is long; the items of a list are not). None when the text does not
    tokenize. Only after a failure."""
    import io
    import tokenize  # (here, as in `decode_source`: only a file that fails to parse needs it)

    layout = {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}  # a statement starts after them
    levels = [0]  # per open bracket (and the line itself): the operators since it opened or was separated
    depth = best = 1
    line: int | None = None
    start: int | None = None  # the first line of the statement the tokens are in (the line named)
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            kind, text = token.type, token.string
            if kind == tokenize.NEWLINE:
                levels, depth, start = [0], 1, None
                continue
            if start is None and kind not in layout:
                start = token.start[0]
            if kind == tokenize.NAME and text != "else" or kind != tokenize.OP and kind != tokenize.NAME:
                continue
            if text in ("(", "[", "{"):
                levels.append(0)
                depth += 1
            elif text in (")", "]", "}"):
                if len(levels) > 1:
                    depth -= levels.pop() + 1
            elif text in (",", ":", ";") or text[-1] == "=" and text not in ("==", "!=", "<=", ">="):
                depth -= levels[-1]
                levels[-1] = 0
            else:
                levels[-1] += 1
                depth += 1
            if depth > best:
                best, line = depth, start
    except (tokenize.TokenError, SyntaxError):
        pass
    return line


def _analyze_tree(path: str, source: str, tree: ast.Module, models: Models, classifier: Classifier,
                  external: ModuleSummary, module: str | None) -> Analyzed:
    """One analysis of a parsed module (FileAnalyzer only reads the tree); a failure is a skip. A
    statement too deeply nested for the engine is left out and the rest analysed again (a partial skip)."""
    left_out: list[int] = []
    while True:
        analyzer = FileAnalyzer(path, source, tree, models, classifier, external, module)
        try:
            observations = analyzer.run()
            break
        except RecursionError as exc:
            # the file is analysed again without the statement the engine was in (replaced by `pass`),
            # a few times at most: one deep expression must not lose a whole file
            line = _leave_out_deepest(exc, tree) if len(left_out) < _DEEP_STATEMENTS else None
            if line is None:
                # the line of the deepest node the engine had reached: where the nesting is, in a long module
                return Analyzed(FileResult(path, skip=Skip(path, SkipReason.TOO_DEEP, "the file is nested too deeply to analyse",
                                                           _innermost_line(exc, path))))
            left_out.append(line)
        except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the scan; it is reported
            where = _innermost_line(exc, path)
            detail = f"policyscan could not analyse this file ({type(exc).__name__}: {exc}); please report it"
            return Analyzed(FileResult(path, skip=Skip(path, SkipReason.ANALYSIS_ERROR, detail, where)))
    gated = analyzer.gated_observations()
    skip = _left_out_skip(path, left_out) if left_out else None
    return Analyzed(FileResult(path, observations=tuple(merge_observations(observations)), skip=skip),
                    summary=analyzer.export(), uses=frozenset(analyzer.uses), relayed=tuple(analyzer.relayed),
                    gated=gated, frameworks=tuple(sorted(analyzer.frameworks.items())) if analyzer.frameworks else ())


# How many statements too deep to analyse a file may lose before it is skipped whole (each costs
# one more analysis of the file)
_DEEP_STATEMENTS = 5


def _leave_out_deepest(exc: RecursionError, tree: ast.Module) -> int | None:
    """Replace by `pass` the statement of `tree` the engine was analysing when it ran out of
    recursion, found from the innermost frame that holds one of the tree's nodes; its line, or
    None when no frame does. Runs only after a failure: the tree is walked once for its parents."""
    parents: dict[int, ast.AST] = {}
    depth: dict[int, int] = {id(tree): 0}
    for parent in ast.walk(tree):  # (breadth first, in a loop: the tree is too deep for recursion)
        for child in ast.iter_child_nodes(parent):
            parents[id(child)] = parent
            depth[id(child)] = depth[id(parent)] + 1
    frames = []
    frame = exc.__traceback__
    while frame is not None:
        frames.append(frame.tb_frame)
        frame = frame.tb_next
    for held in reversed(frames):
        nodes = [v for v in held.f_locals.values() if isinstance(v, ast.AST) and id(v) in parents]
        if not nodes:
            continue
        node: ast.AST = max(nodes, key=lambda n: depth[id(n)])
        while not isinstance(node, ast.stmt):
            node = parents[id(node)]
        owner = parents[id(node)]
        for _, body in ast.iter_fields(owner):
            if isinstance(body, list) and any(s is node for s in body):
                body[[id(s) for s in body].index(id(node))] = ast.copy_location(ast.Pass(), node)
                return node.lineno
        return None
    return None


def _left_out_skip(path: str, lines: list[int]) -> Skip:
    """The partial skip of a file analysed without the statements at `lines`."""
    if len(lines) == 1:
        message = "a statement nested too deeply to analyse was left out; the rest of the file is analysed"
    else:
        at = ", ".join(str(n) for n in sorted(lines)[:-1]) + f" and {max(lines)}"
        message = (f"{len(lines)} statements nested too deeply to analyse were left out (lines {at});"
                   " the rest of the file is analysed")
    return Skip(path, SkipReason.STATEMENT_TOO_DEEP, message, min(lines))


def alone(analyzed: Analyzed) -> FileResult:
    """The result of a file analysed on its own: no other module names its classes, so every
    group of collects held back for that (`Analyzed.gated`) holds, and the log calls of its own
    logging wrappers that its calls give personal data to (`Analyzed.relayed`, `sinks._relay`) are
    logs, as a run over the file alone reports them."""
    own = [r for r in analyzed.relayed if r.site.path == analyzed.result.path] if analyzed.relayed else None
    if own:
        from scanner.relayed import relayed_logs  # (imported only here: `scanner.relayed` imports the engine)

        observations = list(analyzed.result.observations)
        relayed = relayed_logs(own, observations)
        analyzed = dataclasses.replace(analyzed, result=dataclasses.replace(analyzed.result, observations=tuple(
            sorted([*observations, *relayed], key=lambda o: o.sort_key))))
    uses = [(analyzed.result.path, analyzed.summary.answers)]
    if not analyzed.gated:
        if analyzed.summary.answers is None or not analyzed.summary.answers.classes:
            return analyzed.result
        return dataclasses.replace(analyzed.result, observations=tuple(
            answers.without_answer_only(list(analyzed.result.observations), uses)))
    observations = answers.without_answer_only([*analyzed.result.observations, *held(analyzed.gated, ())], uses)
    # no held collect shares a place and kind with another observation (`gated_observations`):
    # sorted, they are where merging them all would have put them
    return dataclasses.replace(analyzed.result, observations=tuple(sorted(observations, key=lambda o: o.sort_key)))


def _merge_key(obs: Observation) -> tuple[int, str, str | None, str | None]:
    """What `merge_observations` merges observations of one file by."""
    return (obs.span.start_line, obs.kind.value, obs.recipient, obs.cookie.name if obs.cookie else None)


def _merged_message(previous: Observation, obs: Observation) -> str:
    """The message of two observations merged into one: `previous`'s, then `obs`'s where it names a
    category `previous` lacks (two fields read on one line, `email, password = form["email"],
    form["password"]`: each says which field and category it is, and a finding about either category
    must quote the read that made it)."""
    if set(obs.categories) <= set(previous.categories) or obs.message in previous.message.split("; "):
        return previous.message
    return f"{previous.message}; {obs.message}"


def merge_observations(observations: list[Observation]) -> list[Observation]:
    """One observation per (line, kind, recipient, cookie): the contract identifies them so."""
    merged: dict[tuple[str, int, str, str | None, str | None], Observation] = {}
    for obs in observations:
        key = (obs.path, obs.span.start_line, obs.kind.value, obs.recipient, obs.cookie.name if obs.cookie else None)
        previous = merged.get(key)
        if previous is None:
            merged[key] = obs
            continue
        categories = tuple(sorted(set(previous.categories) | set(obs.categories)))
        end = max((previous.span.end_line, previous.span.end_column), (obs.span.end_line, obs.span.end_column))
        start = min((previous.span.start_line, previous.span.start_column), (obs.span.start_line, obs.span.start_column))
        reasons = previous.reasons + tuple(r for r in obs.reasons if r not in previous.reasons)
        merged[key] = Observation(
            kind=previous.kind,
            path=previous.path,
            span=Span(start[0], start[1], end[0], end[1]),
            categories=categories,
            rule=previous.rule,
            message=_merged_message(previous, obs),
            recipient=previous.recipient,
            cookie=previous.cookie,
            stored=previous.stored or obs.stored,
            flow=previous.flow if len(previous.flow) >= len(obs.flow) else obs.flow,
            reasons=reasons,
            arguments=tuple(sorted(set(previous.arguments) | set(obs.arguments))),
        )
    return sorted(merged.values(), key=lambda o: o.sort_key)


def _innermost_line(exc: BaseException, path: str) -> int | None:
    """The line of the analysed file the engine was at when it failed, when the traceback shows it."""
    del path
    frame = exc.__traceback__
    line: int | None = None
    while frame is not None:
        node = frame.tb_frame.f_locals.get("node")
        if isinstance(node, ast.AST) and hasattr(node, "lineno"):
            line = node.lineno
        frame = frame.tb_next
    return line


def analyze_file(root: Path, relpath: str, models: Models, classifier: Classifier, *, max_size: int = 1_000_000) -> FileResult:
    """Read, decode and analyse one file under `root` on its own; every failure is a Skip."""
    return alone(analyze_path(root, relpath, models, classifier, max_size=max_size))


def analyze_path(root: Path, relpath: str, models: Models, classifier: Classifier, *, max_size: int = 1_000_000,
                 external: ModuleSummary = EMPTY, module: str | None = None) -> Analyzed:
    """Read, decode and analyse one file under `root` (as module `module`, by default named by its
    path); every failure is a Skip, never an exception."""
    try:
        # one open, its size from the open file (pathlib's objects cost more than the reading)
        with open(os.path.join(root, relpath), "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_size:
                return Analyzed(FileResult(relpath, skip=Skip(relpath, SkipReason.TOO_LARGE,
                                                              f"{size} bytes is over the {max_size}-byte limit (max_file_size"
                                                              " in [tool.policyscan]): exclude the file or raise"
                                                              " the limit")))
            raw = handle.read()
    except OSError as exc:
        return Analyzed(FileResult(relpath, skip=Skip(relpath, SkipReason.UNREADABLE, exc.strerror or str(exc))))
    source, problem = decode_source(raw, relpath)
    if source is None:
        return Analyzed(FileResult(relpath, skip=problem))
    # A module's tree and the analysis make many objects and no reference cycles: the cyclic
    # collector running during them only rescans everything the run holds (measured: it can
    # triple the time of ast.parse). It runs again, between files, when it was on.
    enabled = gc.isenabled()
    gc.disable()
    try:
        analyzed = analyze(relpath, source, models, classifier, external, module)
    finally:
        if enabled:
            gc.enable()
    # the bytes are in hand now: a scan need not read every file again to find its suppression comments
    # (0.03 s of a Django scan, its second run's included, as the flag is cached with the result)
    if DIRECTIVE_MARK.search(raw) is not None:
        analyzed = dataclasses.replace(analyzed, directives=True)
    return analyzed


_CODING_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=]")
# What every suppression comment holds (scanner.suppress): `#`, "policyscan" (any case) and `:`, with
# only whitespace between them (a byte above 0x7f may be part of a non-ASCII space, which the
# directive's `\s` matches). Here, in the analysis code, because results cache what it finds
# (`Analyzed.directives`): a change of it must change the engine's digest.
DIRECTIVE_MARK = re.compile(rb"#(?:\s|[\x80-\xff])*policyscan(?:\s|[\x80-\xff])*:", re.IGNORECASE)


def _encoding_problem_line(raw: bytes) -> int:
    """Return the line (1 or 2) where detect_encoding gave up: its coding cookie, else the first
    line that is not UTF-8."""
    lines = raw.splitlines()[:2]
    for number, line in enumerate(lines, 1):
        if _CODING_COOKIE.match(line):
            return number
    for number, line in enumerate(lines, 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return 1


def decode_source(raw: bytes, relpath: str = "") -> tuple[str | None, Skip | None]:
    """Decode Python source as the interpreter would (PEP 263 coding cookie, BOM, UTF-8)."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        text = raw.decode(encoding)
    except (SyntaxError, LookupError) as exc:
        # detect_encoding reads only the first two lines: it fails on a coding cookie naming an
        # unknown codec, or on a line that is not UTF-8 when there is no cookie. Either way the
        # user needs the line, which its message does not give.
        message = str(exc)
        if raw.startswith(b"\xef\xbb\xbf") and message.startswith("encoding problem"):
            # its own words are "encoding problem: utf-8", which names neither the mark nor the cookie
            message = "the file starts with a UTF-8 byte-order mark, and its coding cookie names another encoding"
        return None, Skip(relpath, SkipReason.DECODE_ERROR, message, _encoding_problem_line(raw))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Skip(relpath, SkipReason.DECODE_ERROR, f"cannot decode as {exc.encoding}: {exc.reason} at byte {exc.start}", line)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None
