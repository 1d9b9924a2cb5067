"""Sources: where personal data enters the system (kind `collect`).

Request objects of every modelled framework, the parameters of FastAPI-style routes, and
the fields of schema classes. What a request member gives is rule-pack data
(rules/models/frameworks.toml); which classes are schemas is rules/models/schemas.toml.
"""

from __future__ import annotations

import ast
import bisect
import fnmatch
import functools
import operator
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple, TypeGuard

from scanner.classify import DESCRIBING_GROUP, OWN_WORDS_GROUP, Match, tagged_field
from scanner.engine.answers import ANSWERING_WORDS
from scanner.engine.imports import import_bindings
from scanner.engine.lazyre import LazyPattern
from scanner.engine.parameters import named_parameters, positional_parameters
from scanner.engine.positions import lines_at
from scanner.engine.summaries import (
    FunctionSummary,
    USE_BASE,
    USE_LOADED,
    USE_NAMED,
    USE_RECEIVED,
    USE_STORED_BASE,
    USE_RENDERED,
    USE_RESPONSE,
)
from scanner.engine.values import NOTHING, REQUEST, REQUEST_CONTAINER, UNKNOWN, Value, const_value, symbol_value_of, union
from scanner.engine.walk import push_children, walk
from scanner.model import Cookie, Kind
from scanner.packs import DictSchema, Models, Passthrough, SchemaFamily, matches_any

if TYPE_CHECKING:
    from scanner.classify import Classifier, RulePack
    from scanner.engine.analyzer import ClassInfo, FileAnalyzer, Scope

BODY_ROLES = frozenset({"fields", "files", "body"})
# Request data the project keeps on the request object (`request.all_data = get_all_params(request)`):
# its keys are request fields; taken whole it was collected where it was read.
KEPT = "kept"
CONTAINER_ROLES = BODY_ROLES | {KEPT}
# What a loop over the keys of a request's fields binds its variable to (`for arg in
# self.request.body_arguments`): a value read from the request by it is every field, taken whole.
EVERY_KEY = "a key of the request's fields, each in turn"
# A schema field named for a user's (or an owner's, an author's) id only refers to that record,
# like a foreign key: not a collect. An id from elsewhere (`uid` at a provider) is one. A chat
# network's user id names it as `id` does (`sender_mxid`, `user_tgid`: Matrix's and Telegram's).
_REFERENCE = LazyPattern(r"(?:^|_)(?:user|owner|author|customer|member|account|creator|reporter|sender|recipient|"
                         r"person|profile|client|parent|actor|editor|admin|guest)_?(?:id|pk|uuid|guid|mxid|tgid)s?$",
                         re.IGNORECASE)
# ... and so is a user id named for the identity provider that issued it (`sso_user_id`,
# `external_user_id`, `oidc_user_id`): the person's id in a directory outside the service, taken in
# to link their account, not a pointer at one of the service's own records (an account linked at an
# outside service or provider: `LinkedAccount.service_user_id`, `provider_user_id`); or for the messenger
# that reaches the person by it (`notifications_slack_userid`, `telegram_user_id`), a word anywhere
# before the id.
_OUTSIDE_ISSUER = LazyPattern(r"^(?:sso|external|idp|oauth2?|oidc|saml|ldap|scim|federated)_|^(?:service|provider)_user_?id$"
                              r"|(?:^|_)(?:slack|discord|mattermost|telegram|rocketchat)_", re.IGNORECASE)


NAME = "user.name"
NOT_PERSON = "notperson"
_ESTABLISHMENT = "establishment"  # places and businesses with an address of their own
COLLECTIVE = "collective"
# A request key that lists existing users by name (`users`, `usernames`, `members`): posted to a
# group, a team or an organisation it selects its members, as ids do (`refers_to_user`).
_USER_LIST = LazyPattern(r"^(?:users|usernames|user_names|members|member_names)$", re.IGNORECASE)
# Trailing words of a handler's class name that say it is a handler, not what it handles
# (`UserServerAPIHandler` handles a server).
_HANDLER_WORDS = frozenset({"handler", "api", "view", "viewset", "apiview", "endpoint", "controller",
                            "resource", "page", "mixin", "route", "router"})
# The suffixes of a route parameter that names the record a handler addresses (`server_name`, `group_id`).
_ADDRESS_SUFFIXES = frozenset({"name", "id", "pk", "slug", "uuid"})


def enclosing_function(scope: Scope) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, ClassInfo | None,
                                              RouteInfo | None] | None:
    """The innermost function around `scope` (`Scope.sign_in_of`: its node, its class and its route,
    a comprehension's scope giving its function's), or None at module level."""
    current: Scope | None = scope
    while current is not None:
        if current.sign_in_of is not None:
            return current.sign_in_of
        current = current.parent
    return None


def addressed_groups(an: FileAnalyzer, scope: Scope) -> frozenset[str]:
    """The owner groups of what the innermost function around `scope` addresses: the head word of
    its class's name without the words that say it is a handler (`UserServerAPIHandler` -> server),
    and the owner of its last parameter that names a record (`put(self, user_name, server_name)` ->
    server; `post(self, group_name)` -> group). Empty outside a function or when neither says."""
    enclosing = enclosing_function(scope)
    if enclosing is None:
        return frozenset()
    func, cls, _ = enclosing
    pack = an.classifier.pack
    heads: list[str] = []
    if cls is not None:
        words = list(pack.words(cls.name))
        while len(words) > 1 and words[-1] in _HANDLER_WORDS:
            words.pop()
        if words and words[-1] not in _HANDLER_WORDS:
            heads.append(words[-1])
    params = positional_parameters(func.args)
    if params:
        words = list(pack.words(params[-1].arg))
        if len(words) > 1 and words[-1] in _ADDRESS_SUFFIXES:
            heads.append(words[-2])
    groups: frozenset[str] = frozenset()
    for head in heads:
        groups |= pack.word_groups.get(head, frozenset())
    return groups


def refers_to_user(name: str, category: str) -> bool:
    """True for a field that only points at a user record (`user_id`, `author_pk`); False for an id
    an outside identity provider issued (`sso_user_id`) and for every other field."""
    return category == UNIQUE_ID and bool(_REFERENCE.search(name)) and not _OUTSIDE_ISSUER.search(name)
# Parameter indices of a function's **kwargs and *args in its summary.
KWARGS = -1
VARARGS = -2
COOKIE_ID = "user.device.cookie_id"
OWN_COOKIE_RULE = "python.request.cookie"
CONTENT = "user.content"
CREDENTIALS = "user.authorization.credentials"
IP = "user.device.ip_address"
DEVICE = "user.device"
UNIQUE_ID = "user.unique_id"
USERNAME = "user.account.username"

# Calls that parse (or copy) a request body into a mapping whose keys are then read.
BODY_PARSERS = frozenset({"json.loads", "orjson.loads", "ujson.loads", "simplejson.loads", "builtins.dict",
                          "urllib.parse.parse_qs", "urllib.parse.parse_qsl", "copy.copy", "copy.deepcopy"})
# Calls that take a body without consuming it (reading keys of the result is the collect).
BODY_PASSTHROUGH = BODY_PARSERS | frozenset({"builtins.isinstance", "builtins.len", "builtins.bool", "builtins.type"})
# Calls that take only the keys of a mapping they iterate (`set(request.args)`, `sorted(request.form)`):
# the names of the fields sent, not what was written in them.
KEY_VIEWS = frozenset({"builtins.set", "builtins.frozenset", "builtins.sorted", "builtins.list", "builtins.tuple"})
# Set methods that take any iterable, and so only the keys of a mapping (`FILTERS.intersection(request.GET)`).
_SET_KEY_METHODS = frozenset({"intersection", "difference", "union", "symmetric_difference", "issubset",
                              "issuperset", "isdisjoint"})
# Function names that parse JSON text when called on a module or a class, not on an instance
# (`JSONCodec.loads(body)`, `rapidjson.loads`); on an instance (`UserSchema().loads(body)`) they
# validate against a declared schema.
CODEC_FUNCTIONS = frozenset({"loads"})
# The standard library's decoder object and simplejson's copy of it: `decoder.decode(text)` of an
# instance (`json_decoder = json.JSONDecoder(parse_constant=reject)`, a project's strict decoder kept
# at module level and imported where bodies are parsed) is `json.loads(text)` with the options fixed.
JSON_DECODERS = frozenset({"json.JSONDecoder()", "simplejson.JSONDecoder()"})
_DECODER_PARSES = frozenset(f"{decoder}.decode" for decoder in JSON_DECODERS)


def is_body_parser(symbol: str | None) -> bool:
    """True for a call that parses a request body into a mapping: a known parser, or a `loads` of a
    module or a class (a project's JSON codec), whose parsed keys are the collects."""
    if symbol is None:
        return False
    if symbol in BODY_PARSERS or symbol in _DECODER_PARSES:
        return True
    owner, _, name = symbol.rpartition(".")
    return name in CODEC_FUNCTIONS and bool(owner) and not owner.startswith("@") and "(" not in owner

_BINOPS: dict[type[ast.operator], Any] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv,
    ast.Div: operator.truediv, ast.Mod: operator.mod, ast.Pow: operator.pow,
}
_SECONDS = {"weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1, "milliseconds": 0.001}


def fold_binop(op: ast.operator, left: Value, right: Value) -> Any:
    """The constant result of `left op right`, or UNKNOWN (used for cookie lifetimes and URLs)."""
    fn = _BINOPS.get(type(op))
    if fn is None or not left.is_const or not right.is_const:
        return UNKNOWN
    a, b = left.const, right.const
    numeric = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return UNKNOWN
    if isinstance(a, numeric) and isinstance(b, numeric):
        if isinstance(op, ast.Pow) and (abs(b) > 64 or abs(a) > 1_000_000):
            return UNKNOWN
        try:
            return fn(a, b)
        except (ArithmeticError, ValueError):
            return UNKNOWN
    if isinstance(op, ast.Add) and isinstance(a, str) and isinstance(b, str):
        return a + b
    return UNKNOWN


# The calls `fold_call` folds, by symbol and by method name: the evaluator asks it about no other
# call (nearly every call is none of these, and two set tests cost less than a call of it).
FOLDED_SYMBOLS = frozenset({"datetime.timedelta", "builtins.int"})
FOLDED_METHODS = frozenset({"total_seconds"})


def fold_call(
    symbol: str | None, method: str | None, base: Value | None, args: list[Value], kwargs: list[tuple[str | None, Value]]
) -> Any:
    """Constant results of the few calls cookie lifetimes are written with: timedelta, total_seconds, int
    (`FOLDED_SYMBOLS`, `FOLDED_METHODS`); UNKNOWN for any other call, or arguments not all numbers."""
    if symbol == "datetime.timedelta":
        total = 0.0
        positional = ("days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks")
        items = list(zip(positional, args)) + [(k, v) for k, v in kwargs if k is not None]
        for unit, value in items:
            if not isinstance(value.const, (int, float)) or isinstance(value.const, bool):
                return UNKNOWN
            if unit == "microseconds":
                total += value.const / 1_000_000
            elif unit in _SECONDS:
                total += value.const * _SECONDS[unit]
            else:
                return UNKNOWN
        return total
    if method == "total_seconds" and base is not None and isinstance(base.const, (int, float)):
        return base.const
    if symbol == "builtins.int" and len(args) == 1 and isinstance(args[0].const, (int, float)):
        return int(args[0].const)
    return UNKNOWN


# ------------------------------------------------------------------------------ requests
def request_member(an: FileAnalyzer, node: ast.Attribute, base: Value, scope: Scope) -> Value:
    """`request.<attr>`: a source (client IP, device data), a container, or a method."""
    assert base.symbol is not None
    path = base.symbol[len(REQUEST):].lstrip(".")
    path = f"{path}.{node.attr}" if path else node.attr
    symbol = f"{REQUEST}.{path}"
    if base.role in ("fields", "files", "body", "headers", "cookies", "field", KEPT, INBOUND_KEYS):
        if base.role == INBOUND_KEYS and type(node.value) is ast.Name:
            # a field of a message handed over as an object, read as an attribute (Lamson's
            # `message.From`), as its key is (`message["From"]`); any other is a method (`event.get`)
            read = _inbound_key(an, node, base, const_value(node.attr))
            if read is not NOTHING:
                return read
        # a method of a container (`request.form.get`): the call decides
        return Value(symbol=symbol)
    if base.role == INBOUND:
        return _inbound_member(an, node, base, symbol)
    model = an.models.request
    role = model.attributes.get(path)
    if role is None and an.package_attributes:
        role = an.package_attributes.get(path)  # `request.content` where `twisted` is imported
    if client_attribute(role):
        assert role is not None
        category, what, rule = client_datum(role)
        if type(node.value) is ast.Name and client_attribute(base.role):
            # `auth = request.authorization` then `auth.username`: a part of a datum taken where it was
            # read from the request and bound (CONVENTIONS: a value bound to a name is kept), no new read
            return Value(symbol=symbol, role=role, categories=frozenset({category}), steps=base.steps,
                         reasons=(f"request attribute '{path}'",))
        if "." not in path and _kept_by_module(an, path):
            # `request.user_agent = user_agent(request)` in this module's middleware, read back by its
            # helpers (`if ma in request.user_agent`): the module's own copy of what it read where it
            # assigned it (that read is the collect), as a value bound to a name is kept
            return Value(symbol=symbol, categories=frozenset({category}),
                         reasons=(f"request.{path}, set by this module from what it read",))
        an.emit(Kind.COLLECT, node, [category], rule,
                f"{what} is read from the request ({path})", reasons=(f"request attribute '{path}'",))
        return Value(symbol=symbol, role=role, categories=frozenset({category}),
                     steps=(an.step(node, f"{what} read from request.{path}"),), reasons=(f"request attribute '{path}'",))
    if role is not None:
        return request_container(an, node, symbol, role, path)
    if path in model.methods:
        return Value(symbol=symbol)
    if "." not in path and an.request_attribute(path):
        return Value(symbol=symbol, role=KEPT, categories=frozenset({CONTENT}),
                     steps=(an.step(node, f"request data kept as request.{path} is read"),),
                     reasons=(f"request data kept as request.{path}",))
    # another member (request.user, request.path): not request data, but its attributes may name some
    owner = path.rsplit(".", 2)[-2] if "." in path else None
    named = an.classify_name(node.attr, owner) if owner is not None else None
    if named is not None:
        return Value(symbol=symbol, categories=named.categories, reasons=named.reasons)
    return Value(symbol=symbol)


# The role of a message a chat platform delivered to a bot (`[[inbound]]`), and of its parts: its
# symbol is the request's, then `<type>` and the attributes read (`<discord.Message>.author`).
INBOUND = "inbound"


def _inbound_member(an: FileAnalyzer, node: ast.Attribute, base: Value, symbol: str) -> Value:
    """An attribute of a message delivered to a bot: a collect when its path is one of the platform's
    `fields` (`message.content`, `message.author.id`), else a part of it whose attributes may be."""
    kind, _, path = symbol[len(REQUEST) + 2:].partition(">")
    entry = an.models.inbound.get(kind)
    path = path.lstrip(".")
    if entry is None:
        return Value(symbol=symbol)
    if entry.via:
        if path == entry.via:
            return Value(symbol=symbol, role=INBOUND)  # `turn_context.activity`: the message itself
        if not path.startswith(entry.via + "."):
            return Value(symbol=symbol)  # another member of the holder (`turn_context.send_activity`)
        path = path[len(entry.via) + 1:]
    category = entry.fields.get(path)
    if category is None:
        return Value(symbol=symbol, role=INBOUND)
    message = f"the {entry.platform} message's {path} is read ({category})"
    an.emit(Kind.COLLECT, node, [category], "python.request.inbound", message, reasons=(f"{kind}.{path}",))
    return Value(symbol=symbol, role=INBOUND, categories=frozenset({category}), steps=(an.step(node, message),),
                 reasons=(f"{kind}.{path}",))


# Methods that take an e-mail in whole from a mailbox the application reads (a help desk's or a
# mailing list's importer): POP3's `retr(which)` (poplib: no other common API names a method so), and
# IMAP's `fetch(num, "(RFC822)")` or `uid("fetch", uid, "(BODY.PEEK[])")` asking for the whole message.
MAILBOX_METHODS = frozenset({"retr", "fetch", "uid"})
# The IMAP message parts that are the whole message (not `RFC822.HEADER`, `BODY[HEADER]`, `FLAGS`).
_WHOLE_MESSAGE = LazyPattern(r"\b(?:RFC822(?![.\w])|BODY(?:\.PEEK)?\[\])", re.IGNORECASE)


def mailbox_message(an: FileAnalyzer, node: ast.Call, method: str) -> Value | None:
    """An e-mail taken in whole from a mailbox (`server.retr(num)`, `server.fetch(num, "(RFC822)")`):
    what a person wrote and sent, user content collected at the call and carried by its result. None
    for any other call of those names (`cursor.fetch(n)`, `imap.fetch(num, "(FLAGS)")`)."""
    if method == "retr":
        whole = len(node.args) == 1 and not node.keywords
        what = "POP3 retr"
    else:
        parts = node.args[1:] if method == "fetch" else node.args[2:]
        if method == "uid" and not (node.args and isinstance(node.args[0], ast.Constant)
                                    and isinstance(node.args[0].value, str) and node.args[0].value.lower() == "fetch"):
            return None
        whole = any(isinstance(p, ast.Constant) and isinstance(p.value, str) and _WHOLE_MESSAGE.search(p.value)
                    for p in parts)
        what = "IMAP fetch"
    if not whole:
        return None
    message = f"an e-mail is taken in whole from a mailbox ({what})"
    an.emit(Kind.COLLECT, node, [CONTENT], "python.request.inbound", message, reasons=(f"mailbox {what}",))
    return Value(categories=frozenset({CONTENT}), steps=(an.step(node, message),), reasons=(f"mailbox {what}",))


# The role of an event a chat platform handed a handler as a plain dict (Slack Bolt's `event`): its
# symbol is the request's, then `<decorator>` (the key of its `[[inbound]]` entry); its keys are read.
INBOUND_KEYS = "inbound-keys"


def _inbound_key(an: FileAnalyzer, node: ast.expr, base: Value, key: Value) -> Value:
    """A key of an event handed over as a dict (`event.get("text")`): a collect of its category when
    the platform's `fields` list the key, else NOTHING (the platform's own ids: `channel`, `ts`)."""
    handler = (base.symbol or "")[len(REQUEST) + 2:].partition(">")[0]
    entry = an.models.inbound_handlers.get(handler)
    category = entry.fields.get(key.const) if entry is not None and isinstance(key.const, str) else None
    if entry is None or category is None:
        return NOTHING
    message = f"the {entry.platform} event's '{key.const}' is read ({category})"
    an.emit(Kind.COLLECT, node, [category], "python.request.inbound", message,
            reasons=(f"{entry.platform} event key '{key.const}'",))
    return Value(categories=frozenset({category}), steps=(an.step(node, message),),
                 reasons=(f"{entry.platform} event key '{key.const}'",))


def inbound_parameters(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> dict[str, str]:
    """The parameters of `func` that hold an event a chat platform handed over as a plain dict, each
    to the handler decorator that says which platform's: those of a handler (`@app.event("message")`
    `async def handle(event, say)`), and those of a top-level function of the module a handler (or
    such a function) passes the event to (`process_message(event, say)`). Raises nothing."""
    if scope is not an.module_scope or not an.models.inbound_handlers:
        return {}
    return _inbound_functions(an).get(func.name, {})


def _inbound_handler(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> str | None:
    """The decorator symbol registering `func` as a handler of a platform's dict events, or None."""
    for symbol in _decorator_symbols(an, func, scope, functions=True):
        if symbol in an.models.inbound_handlers:
            return symbol
    return None


def _inbound_functions(an: FileAnalyzer) -> dict[str, dict[str, str]]:
    """The module's top-level functions that hold a platform's dict event, by name: their parameters
    that hold it, to the handler's decorator (see `inbound_parameters`); computed once per module."""
    if an.inbound_functions is not None:
        return an.inbound_functions
    found: dict[str, dict[str, str]] = {}
    defs = {f.name: f for f in an.tree.body if type(f) is ast.FunctionDef or type(f) is ast.AsyncFunctionDef}
    work: list[str] = []
    for name, func in defs.items():
        handler = _inbound_handler(an, func, an.module_scope) if func.decorator_list else None
        if handler is None:
            continue
        held = {a.arg: handler for a in named_parameters(func.args)
                if a.arg in an.models.inbound_handlers[handler].parameters}
        if held:
            found[name] = held
            work.append(name)
    # the helpers the event is passed to, and theirs
    _follow_passed(found, defs, work, lambda call: call.func.id if isinstance(call.func, ast.Name) else None,
                   lambda name: name, skip=0)
    an.inbound_functions = found
    return found


def _follow_passed(found: dict[str, dict[str, str]], defs: Mapping[str, ast.FunctionDef | ast.AsyncFunctionDef],
                   work: list[str], callee: Callable[[ast.Call], str | None], key: Callable[[str], str],
                   skip: int) -> None:
    """Add to `found` (parameters that hold a message, by `key(function name)`) those of the functions
    of `defs` that the functions named in `work` (found already) pass the message to by name, and
    theirs in turn. `callee(call)` names the function of `defs` a call calls, if any; the first
    `skip` positional parameters of a callee are given no argument (a method's `self`)."""
    while work:
        caller = work.pop()
        held = found[key(caller)]
        for call in (n for n in walk(defs[caller]) if isinstance(n, ast.Call)):
            name = callee(call)
            target = defs.get(name) if name is not None else None
            if target is None or target.name == caller:
                continue
            positional = positional_parameters(target.args)[skip:]
            passed = [(positional[i].arg, a.id) for i, a in enumerate(call.args[:len(positional)]) if isinstance(a, ast.Name)]
            passed += [(k.arg, k.value.id) for k in call.keywords if k.arg is not None and isinstance(k.value, ast.Name)]
            given = found.setdefault(key(target.name), {})
            new = {param: held[name] for param, name in passed if name in held and param not in given}
            if new:
                given.update(new)
                work.append(target.name)
            elif not given:
                del found[key(target.name)]


def inbound_hooks(an: FileAnalyzer, node: ast.ClassDef) -> None:
    """Note, when the class defines a hook method of a server's handler object (`[[inbound]]`
    `methods`), which of its methods' parameters hold the message (`_inbound_methods`): at the class,
    before its methods are analysed, so that `parameter_value` asks a dict only in such modules."""
    hooks = an.models.inbound_methods
    if hooks and any(type(stmt) in _FUNCTIONS and stmt.name in hooks  # type: ignore[attr-defined]
                     for stmt in node.body):
        _inbound_methods(an, node, _inbound_functions(an))


def _inbound_methods(an: FileAnalyzer, node: ast.ClassDef, found: dict[str, dict[str, str]]) -> None:
    """Add to `found`, under `Class.method`, the parameters of the class's methods that hold a message
    a server hands its handler object (`[[inbound]]` `methods`: aiosmtpd's `handle_DATA(self, server,
    session, envelope)`), each to the message's type; and those of the methods the hook passes the
    message to (`self._handle_DATA(server, session, envelope)`), and theirs. Raises nothing."""
    methods = {f.name: f for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    work: list[str] = []
    for name, func in methods.items():
        hook = an.models.inbound_methods.get(name)
        if hook is None:
            continue
        kind, parameters = hook
        held = {a.arg: kind for a in named_parameters(func.args)[1:]
                if a.arg in parameters}
        if held:
            found[f"{node.name}.{name}"] = held
            work.append(name)
    _follow_passed(found, methods, work, _self_method_called, lambda name: f"{node.name}.{name}", skip=1)


def _self_method_called(call: ast.Call) -> str | None:
    """The method name of a call of a method on `self` (`self._handle_DATA(...)`), or None."""
    target = call.func
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
        return target.attr
    return None


# The reason a request container's data carries: data with it is the request's data taken whole.
WHOLE_REASON = "request member '"


def request_container(an: FileAnalyzer, node: ast.AST, symbol: str, role: str, path: str) -> Value:
    """A request member holding many values. Bodies, fields and files taken whole are user content."""
    if role not in BODY_ROLES:
        return Value(symbol=symbol, role=role)
    return Value(symbol=symbol, role=role, categories=frozenset({CONTENT}),
                 steps=(an.step(node, f"the request's {path} is read"),), reasons=(f"{WHOLE_REASON}{path}'",))


def _sign_in(an: FileAnalyzer, scope: Scope) -> str | None:
    """The sign-in context (`Scope.sign_in`) of the innermost function around `scope`, if any;
    each function's is worked out the first time it is asked for."""
    current: Scope | None = scope
    while current is not None:
        if current.sign_in is None and current.sign_in_of is not None:
            current.sign_in = sign_in_context(an, *current.sign_in_of) or ""
        if current.sign_in:
            return current.sign_in
        current = current.parent
    return None


# Keys under which a request body nests its fields (a webhook's `event["data"]["object"]`, a
# JSON:API document's `"attributes"`): reading one is reading the body's fields, not a field.
NESTED_BODY_KEYS = frozenset({"data", "json", "form", "payload", "params", "attributes", "object"})


# Request members that hold the query string (Flask `args`, Django `GET`, Starlette `query_params`,
# Tornado `query_arguments`): their keys are filters and options as often as data.
QUERY_PATHS = frozenset({"args", "GET", "query_params", "query", "query_string", "query_arguments"})
# The head words of a key naming an upload: in a query string it names a file already held (its id
# or path: `request.GET["file"]`), since a file is only ever sent in a body.
_UPLOAD_WORDS = frozenset({"file", "attachment", "upload", "image", "photo", "picture", "video", "audio", "screenshot"})


def _names_upload(an: FileAnalyzer, key: str) -> bool:
    """Whether a request key's last word names an uploaded file (`file`, `attachment`, `image`)."""
    words = an.classifier.pack.words(key)
    return bool(words) and words[-1] in _UPLOAD_WORDS


def request_key(an: FileAnalyzer, node: ast.expr, base: Value, key: Value, scope: Scope,
                key_node: ast.expr | None = None) -> Value:
    """A key read from a request container: `request.form["email"]`, `request.META.get("REMOTE_ADDR")`.

    A key that is a parameter of the enclosing function (`request.POST.get(name)` in a helper)
    is read where the helper is called with a literal: the value says so (`Value.keyed`).
    """
    role = base.role
    path = (base.symbol or REQUEST)[len(REQUEST):].lstrip(".")
    if not key.is_const and len(key.params) == 1 and role is not None:
        param = next(iter(key.params))
        if role in ("headers", "header"):
            # `def get_user_for_authorization_header(request, header="Authorization")`: the header its
            # callers name, read at their calls (`keyed`), and the default one, read here for those
            # that name none
            _default_header(an, node, scope, param)
        return Value(params=key.params, keyed=(REQUEST_CONTAINER, param, role))
    if role in ("fields", "field") and EVERY_KEY in key.reasons and path in QUERY_PATHS:
        # `for arg in request.args: ... int(request.args.get(arg))`: a query string's keys are the
        # page's options (pages, page sizes, sort orders) as often as data; none is named here
        return NOTHING
    if role in ("fields", "field") and EVERY_KEY in key.reasons and not collected_on_arrival(base):
        # `for arg in self.request.body_arguments: data[arg] = self.get_argument(arg)`: every field sent
        emit_whole_body(an, node, Value(symbol=base.symbol, role="fields"))
        return Value(categories=frozenset({CONTENT}), reasons=(EVERY_KEY,))
    if role == INBOUND_KEYS:
        return _inbound_key(an, node, base, key)
    if role in ("fields", "body", "field", KEPT):
        if isinstance(key.const, bytes) and key.const.isascii():
            # `request.args[b"browserstr"]`: `twisted.web` keys a request's arguments by bytes
            key = Value(const=key.const.decode("ascii"), reasons=key.reasons)
        if type(key.const) is tuple:
            # `for field in ("first_name", "last_name", "email"): values[field]`: each of the code's
            # own literal keys, read in turn (one collect, of what they name together)
            read = [request_key(an, node, base, Value(const=each, reasons=key.reasons), scope, key_node)
                    for each in key.const if type(each) is str]
            return union(read) if read else NOTHING
        if not isinstance(key.const, str):
            return NOTHING
        if key.const in NESTED_BODY_KEYS and role != "field":
            return base  # `event["data"]["object"]`: the fields are one level down
        if type(node) is ast.Call and len(node.args) == 2 and type(node.args[1]) is ast.Constant \
                and type(node.args[1].value) is bool and type(node.func) is ast.Attribute and node.func.attr == "get":
            # `body.get("refresh_token", False)`: a switch the client turns on, named for what it asks the
            # service to do (issue a refresh token, log out devices), not the datum its name names
            return NOTHING
        named = an.classifier.name(key.const, owner="request")
        if named is None and path not in QUERY_PATHS:
            # a key of a body the person submits, not of a query string: some keys mean personal
            # data only there (a sign-up's or a preferences form's `timezone`, where a query's
            # `timezone` is a filter): the classifier's `@body` owner group
            named = an.classifier.name(key.const, owner="json")
        if node in an.group_reads and role != "field" and (named is None or named.category != CONTENT):
            # `data["secret"]["region"]`, `"session_token" in data["secret"]`: a group of fields, read
            # for one of them; the nested key says what is read (a region, not a secret). Not a
            # message's or a post's parts (`payload["message"]["output"]`): what it holds is its text
            return base
        sign_in = _sign_in(an, scope)
        if named is None and sign_in is not None:
            named = an.classifier.name(key.const, owner=sign_in)
        if named is None:
            # a key that says nothing (`incomplete`): the name the value is read into may
            return Value(reasons=(f"{UNNAMED_KEY}{key.const}'",))
        if refers_to_user(key.const, named.category):
            # an id submitted to pick a user record (`userid`) refers to it, like a foreign key
            return NOTHING
        if key.const in OIDC_PARAMETERS and (sign_in is not None or _reads_scope(scope)):
            # `request.GET.get("prompt")` beside `request.GET["scope"]`, or in a step of signing in
            # (allauth's `idp/oidc/views.py`, canaille's `oidc/endpoints/oauth.py`): an OpenID Connect
            # authorization request's `prompt` (none, login, consent), not a person's text
            return NOTHING
        if named.category == CONTENT and path in QUERY_PATHS and _names_upload(an, key.const):
            # `int(request.GET["file"])`: a query string carries no file, only a reference to one
            return NOTHING
        if named.category.startswith(NAME) and NOT_PERSON in addressed_groups(an, scope):
            # `body["display_name"]` in `UserServerAPIHandler.put(self, user_name, server_name)`:
            # the name of the server the request addresses, not a person's
            return NOTHING
        if _USER_LIST.search(key.const) and COLLECTIVE in addressed_groups(an, scope):
            # `data['users']` posted to `GroupUsersAPIHandler.post(self, group_name)`: the names of
            # existing users put in (or taken out of) the group select them; what they are, logged,
            # is still their names
            return Value(categories=frozenset({named.category}), reasons=(named.pattern,))
        message = f"request field '{key.const}' is read ({named.category})"
        an.emit(Kind.COLLECT, node, [named.category], "python.request.field", message,
                reasons=(f"key of request.{path}", named.pattern))
        return Value(categories=frozenset({named.category}), steps=(an.step(node, message),),
                     reasons=(named.pattern,))
    if role == "files":
        name = key.const if isinstance(key.const, str) else "a file"
        message = f"an uploaded file ({name}) is read from the request"
        an.emit(Kind.COLLECT, node, [CONTENT], "python.request.upload", message, reasons=(f"key of request.{path}",))
        return Value(categories=frozenset({CONTENT}), steps=(an.step(node, message),))
    if role in ("headers", "header"):
        if type(key.const) is tuple:
            return _listed_headers(an, node, key.const)
        if type(key.const) is bytes and key.const.isascii():
            # `request.getHeader(b"User-Agent")`: `twisted.web` names headers by bytes, as it keys arguments
            key = Value(const=key.const.decode("ascii"), reasons=key.reasons)
        if not isinstance(key.const, str):
            return _configured_header(an, node, key_node, scope)
        if key.const in WSGI_BODY_KEYS and path in WSGI_ENVIRONS:
            # `request.environ["wsgi.input"].read()`: the raw body, read past the framework
            return request_container(an, node, f"{REQUEST}.{path}[{key.const}]", "body", f"{path}['{key.const}']")
        # a header the table does not list (`headers.get("api_key")`) is read as a name, as custom
        # `X-` headers are
        match = an.classifier.header(key.const) or an.classifier.name(key.const, owner=None)
        return NOTHING if match is None else _header_read(an, node, key.const, match)
    if role in ("client_ip", "device"):
        return Value(categories=base.categories, steps=base.steps, reasons=base.reasons)
    if role == ASGI_SCOPE:
        if key.const != "client":
            return NOTHING  # its type, path, headers and the app's own state are read elsewhere or are no one's
        category, what, rule = client_datum("client_ip")
        an.emit(Kind.COLLECT, node, [category], rule, f"{what} is read from the ASGI scope ('client')",
                reasons=("ASGI scope key 'client'",))
        return Value(categories=frozenset({category}), steps=(an.step(node, f"{what} read from scope['client']"),),
                     reasons=("ASGI scope key 'client'",))
    if role == "cookies" and isinstance(key.const, str):
        if _NOT_AN_IDENTIFIER.search(key.const):
            return NOTHING
        # Reading a cookie is a collect unless the application sets that cookie itself; the runner
        # drops the reads of cookies the project sets (it sees every file's cookie observations).
        message = f"cookie '{key.const}' is read from the request"
        an.emit(Kind.COLLECT, node, [COOKIE_ID], OWN_COOKIE_RULE, message, cookie=Cookie(name=key.const),
                reasons=(f"request cookie '{key.const}'",))
        return Value(categories=frozenset({COOKIE_ID}), steps=(an.step(node, message),))
    return NOTHING


# A request parser's declaration of an argument (Flask-RESTful's and flask-restx's `reqparse`:
# `parser.add_argument("password", location="json")`, then `args = parser.parse_args()`): the field is
# read from the request by that name, where it is declared, as a schema's field is.
ARGUMENT_PARSERS = frozenset({"flask_restful.reqparse.RequestParser().add_argument",
                              "flask_restx.reqparse.RequestParser().add_argument"})
# `location=` values of such an argument that name a part of the request other than its fields.
_PARSER_LOCATIONS = {"args": "args", "json": "json", "form": "form", "values": "values", "headers": "headers",
                     "cookies": "cookies", "files": "files"}


def parser_argument(an: FileAnalyzer, node: ast.Call, name: str, kwargs: list[tuple[str | None, Value]],
                    scope: Scope) -> Value:
    """`parser.add_argument("email", location="json")`: a read of the request field `email` at the
    declaration, from the part `location=` names (by default the form or the query: Flask-RESTful's
    `values`), with the rules of any key read (a query's filter, a sign-in's `code`). An argument of
    several locations (a list) or of a computed one is read as a field of the body."""
    location = next((value.const for key, value in kwargs if key == "location"), None)
    path = _PARSER_LOCATIONS.get(location, "values") if isinstance(location, str) else "values"
    role = {"headers": "headers", "cookies": "cookies", "files": "files"}.get(path, "fields")
    return request_key(an, node, Value(symbol=f"{REQUEST}.{path}", role=role), const_value(name), scope)


# Parameters of an OAuth 2.0 / OpenID Connect authorization request whose names mean personal data
# elsewhere: beside the request's `scope` they hold the protocol's own values (`prompt=consent`,
# `display=popup`). A function that reads a `scope` key, a schema that declares a `scope` field, or
# a step of signing in (`sign_in_context`: an `oidc` or `oauth` module, a `login` view) takes such a
# request.
OIDC_PARAMETERS = frozenset({"prompt", "display"})


def _reads_scope(scope: Scope) -> bool:
    """Whether the function around `scope` (the innermost one) names a `"scope"` key: the request
    it reads is an authorization request. Walked only for a key of OIDC_PARAMETERS (few reads)."""
    enclosing = enclosing_function(scope)
    return enclosing is not None and any(isinstance(node, ast.Constant) and node.value == "scope"
                                         for node in walk(enclosing[0]))


# The WSGI environ's key for the request body's input stream (PEP 3333), and the request members
# that hold the environ (Flask/werkzeug's `environ`, Django's `META`).
WSGI_BODY_KEYS = frozenset({"wsgi.input"})
WSGI_ENVIRONS = frozenset({"environ", "META"})


# The reason a request field read by a key that names no personal data carries (its key follows).
UNNAMED_KEY = "request field read by a key that says nothing: '"


def read_into(an: FileAnalyzer, target: ast.Name, node: ast.expr, value: Value) -> Value | None:
    """A request field read by a key that says nothing, straight into a name that does
    (`q = request.args.get("incomplete")`, `username = request.form.get("name")`): a collect of the
    name's category at the read, and the value read. None when `value` is no such read or the name
    means nothing personal, or only refers to a user's record (`user_id = request.GET.get("id")`)."""
    return _named_read(an, target.id, target.id, "read into", node, value)


def _named_read(an: FileAnalyzer, name: str, said: str, how: str, node: ast.expr, value: Value) -> Value | None:
    """`read_into`'s reading, by `name` (`said` in the message: the name, or the function it names)."""
    if value.categories or not value.reasons or not value.reasons[0].startswith(UNNAMED_KEY):
        return None
    named = an.classifier.name(name, owner="request")
    if named is None or refers_to_user(name, named.category):
        return None
    key = value.reasons[0][len(UNNAMED_KEY):-1]
    if _qualified_by_key(an, key, name):
        return None
    message = f"request field '{key}' is {how} '{said}' ({named.category})"
    an.emit(Kind.COLLECT, node, [named.category], "python.request.field", message,
            reasons=(f"request field '{key}' {how} '{said}'", named.pattern))
    return Value(categories=frozenset({named.category}), steps=(an.step(node, message),), reasons=(named.pattern,))


# The first words of a function's name that say it takes the datum the rest of its name names, as it
# is (`check_username(value)`, `valid_email(value)`, `set_password(value)`), not a key to find or make
# one by (`get_user(value)`, `send_email(value)`, `create_token(value)`).
_TAKING_VERBS = frozenset({"check", "validate", "valid", "verify", "normalize", "normalise", "clean",
                           "sanitize", "sanitise", "hash", "set", "change", "update", "store", "save"})


def given_into(an: FileAnalyzer, node: ast.Call, given: list[ast.expr], args: list[Value],
               keywords: list[ast.keyword], kwargs: list[tuple[str | None, Value]]) -> None:
    """A request field read by a key that says nothing, given straight to a parameter whose name says
    what it takes (`create_user(email=vals["value"])`), or the one such argument of a function whose
    name says it takes a datum as it is (`check_username(vals["value"])`, calibreweb's user table
    edited one cell at a time; `check_password(username, data["current"])`, octoprint's current
    password): a collect of that category at the read, as `read_into` reads a name it is read into."""
    for keyword, (name, value) in zip(keywords, kwargs):
        if name is not None and _read_straight(keyword.value):
            _named_read(an, name, name, "given as", keyword.value, value)
    unnamed = [i for i, value in enumerate(args) if not value.categories and value.reasons
               and value.reasons[0].startswith(UNNAMED_KEY)]
    if len(unnamed) != 1 or not _read_straight(given[unnamed[0]]):
        return
    callee = callee_name(node)
    words = an.classifier.pack.words(callee)
    if len(words) > 1 and words[0] in _TAKING_VERBS and not an.classifier.owner_in(words[-1], "person"):
        # (`update_user(data["id"], data)`: a function given a person's record, or its key, takes no datum)
        _named_read(an, "_".join(words[1:]), callee, "given to", given[unnamed[0]], args[unnamed[0]])


def _read_straight(node: ast.expr) -> bool:
    """Whether `node` reads a field by a literal key that is not a record's key (`vals["value"]`, not
    `data["id"]`, nor a name the field was read into before, which `read_into` has read)."""
    key = read_key(node)
    return key is not None and key not in REFERENCE_KEYS


def _qualified_by_key(an: FileAnalyzer, key: str, name: str) -> bool:
    """Whether the key names the same thing as the name it is read into, qualified by a word of its
    own (`old_token = request.form.get("captcha_token")`): the key says what kind of that thing it
    is, and was found to name nothing personal; the name (`old_token`) does not know better. Not a
    key that is the bare head word (`user_name = request.form.get("name")`): the name says more."""
    key_words, name_words = an.classifier.pack.words(key), an.classifier.pack.words(name)
    return len(key_words) > 1 and bool(name_words) and key_words[-1] == name_words[-1] \
        and not set(key_words[:-1]) <= set(name_words)


# Head words of a name that make it a reference to the thing its other words name, not that thing's
# data: its identifier or its digest (`credential_id`, `message_id_hash`).
_REFERENCE_HEADS = frozenset({"id", "pk", "uuid", "hash", "digest", "slug"})
# Keys of a record that are its identifier: a request field read only to reach one of them
# (`payload["message"]["id"]`) picks that record, as a foreign key does, and takes none of its data.
REFERENCE_KEYS = frozenset({"id", "pk", "uuid", "_id"})
# Request-container methods that read one key (`request.form.get("message")`, `getlist`).
_KEY_GETTERS = frozenset({"get", "getlist", "getone", "get_all"})


def read_key(node: ast.expr) -> str | None:
    """The literal key `node` reads from a mapping (`form["message"]`, `form.get("message", "")`), else None."""
    if isinstance(node, ast.Subscript):
        key = node.slice
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _KEY_GETTERS \
            and node.args:
        key = node.args[0]
    else:
        return None
    return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None


def names_reference(an: FileAnalyzer, key: str, name: str) -> bool:
    """Whether `name`, which a request field read by `key` is bound or passed to, names a reference to
    what the key names: the key's head word followed by an identifier's or a digest's word, the name
    meaning nothing personal itself (`credential_id = request.form.get("fido2-confirm-credential")`,
    canaille's WebAuthn key picked for deletion; `filter(message_id_hash=request.GET["message"])`,
    hyperkitty's message picked by its hash). The name says what the value is; the key, only of what.
    Not a name that means personal data (`session_id`, `user_email_hash`), nor one the key's head word
    does not qualify (`request_id = request.form["message"]`)."""
    name_words = an.classifier.pack.words(name)
    if len(name_words) < 2 or name_words[-1] not in _REFERENCE_HEADS:
        return False
    key_words = an.classifier.pack.words(key)
    return bool(key_words) and key_words[-1] in name_words[:-1] and an.classifier.name(name, owner="request") is None


# The ending of a setting's name that holds a header's name (`TRUSTED_EMAIL_HEADER`), or a WSGI
# environ key's (`request.environ.get(sm.auth_remote_user_env_var)`, Flask-AppBuilder's REMOTE_USER).
_HEADER_WORDS = LazyPattern(r"(?:^|_)(?:(?:http_)?headers?(?:_names?|_keys?)?|env_var(?:iable)?s?)$", re.IGNORECASE)
# Words of a configured header's name that say an authenticating proxy sends it about the user it
# signed in (`WEBUI_AUTH_TRUSTED_NAME_HEADER`, `REMOTE_USER_HEADER`, `SSO_EMAIL_HEADER`).
_PROXY_WORDS = frozenset({"trusted", "remote", "auth", "sso", "proxy", "forwarded", "forward"})


def _default_header(an: FileAnalyzer, node: ast.expr, scope: Scope, param: object) -> None:
    """A header read by a positional parameter (`param`, its index) of the function around `scope`
    whose default is a literal (octoprint's `header: str = "Authorization"`): that header is read
    here, for the callers that give none, with the rules of a header read by its literal name (a
    collect, or nothing)."""
    enclosing = enclosing_function(scope)
    if enclosing is None or type(param) is not int:
        return
    args = enclosing[0].args
    positional = positional_parameters(args)
    first_default = len(positional) - len(args.defaults)
    if not first_default <= param < len(positional):
        return
    default = args.defaults[param - first_default]
    if not (isinstance(default, ast.Constant) and isinstance(default.value, str)):
        return
    match = an.classifier.header(default.value) or an.classifier.name(default.value, owner=None)
    if match is not None:
        _header_read(an, node, default.value, match)


def _listed_headers(an: FileAnalyzer, node: ast.expr, names: tuple[object, ...]) -> Value:
    """`request.headers.get(key)` in a loop over the code's own literals (`for key in ("user-agent",
    "x-real-ip")`, `for key, attribute in HEADER_ATTRIBUTES.items()` of a literal dict): each listed
    header is read there. Returns what they carry, emitting one collect, or NOTHING when none names
    personal data; raises nothing."""
    matches = [match for name in names if type(name) is str
               for match in (an.classifier.header(name) or an.classifier.name(name, owner=None),) if match is not None]
    if not matches:
        return NOTHING
    categories = sorted({m.category for m in matches})
    reasons = tuple(dict.fromkeys(m.pattern for m in matches))
    rule = "python.request.client-ip" if categories == [IP] else "python.request.header"
    message = f"the request headers listed in a loop are read ({', '.join(categories)})"
    an.emit(Kind.COLLECT, node, categories, rule, message, reasons=reasons)
    return Value(categories=frozenset(categories), steps=(an.step(node, message),), reasons=reasons)


def _setting_key(node: ast.expr | None) -> str:
    """The last key of a setting looked up by name (`settings().get(["accessControl",
    "remoteUserHeader"])`, `app.config["AUTH_HEADER"]`, `config.get("auth.remote_user_header")`), in
    snake case (`remote_user_header`); "" for anything else."""
    if isinstance(node, ast.Subscript):
        keys = [node.slice]
    elif isinstance(node, ast.Call):
        keys = [e for a in node.args for e in (a.elts if isinstance(a, (ast.List, ast.Tuple)) else [a])]
    else:
        return ""
    last = keys[-1] if keys else None
    if not (isinstance(last, ast.Constant) and isinstance(last.value, str)):
        return ""
    return _CAMEL_HUMP.sub("_", last.value.rsplit(".", 1)[-1])


# Where a camelCase setting's words meet (`remoteUserHeader`).
_CAMEL_HUMP = LazyPattern(r"(?<=[a-z0-9])(?=[A-Z])")


def _bound_once(scope: Scope, name: str) -> ast.expr | None:
    """The value the function around `scope` binds `name` to, when it binds it once, by a plain
    assignment (`name = value`); else None. Walked only for a header read by a local's value."""
    enclosing = enclosing_function(scope)
    if enclosing is None:
        return None
    bound = [node.value for node in walk(enclosing[0]) if isinstance(node, ast.Assign) and len(node.targets) == 1
             and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name]
    return bound[0] if len(bound) == 1 else None


def _configured_header(an: FileAnalyzer, node: ast.expr, key_node: ast.expr | None, scope: Scope) -> Value:
    """`_header_named_by`'s reading of the header's name, or, where that says nothing of a local
    (`rp_header_name = config.config_reverse_proxy_login_header_name` then
    `req.headers.get(rp_header_name)`, calibreweb), of the setting the function binds it to once."""
    read = _header_named_by(an, node, key_node)
    if read is NOTHING and isinstance(key_node, ast.Name):
        bound = _bound_once(scope, key_node.id)
        if bound is not None and not isinstance(bound, ast.Name):
            return _header_named_by(an, node, bound)
    return read


def _header_named_by(an: FileAnalyzer, node: ast.expr, key_node: ast.expr | None) -> Value:
    """`request.headers.get(settings.TRUSTED_CLIENT_IP_HEADER)`: a header whose name is configured
    under a name that says what it carries (the client IP behind a proxy, a remote user's email).

    The name is the constant's or setting's own (`WEBUI_AUTH_TRUSTED_EMAIL_HEADER`), read when its
    value is not a known literal. Where that name says an authenticating proxy sends the header, its
    words are read as a user's (`TRUSTED_NAME_HEADER`: the user's name). Returns the header's value,
    emitting a collect, or NOTHING when the name says nothing; raises nothing.
    """
    name = key_node.id if isinstance(key_node, ast.Name) else key_node.attr if isinstance(key_node, ast.Attribute) \
        else _setting_key(key_node)
    stripped = _HEADER_WORDS.sub("", name)
    if not stripped or stripped == name:
        return NOTHING
    words = stripped.lower().split("_")
    owners: tuple[str, ...] = ("request", "user") if _PROXY_WORDS.intersection(words) else ("request",)
    # `TRUSTED_CLIENT_IP_HEADER`: the words that say what it carries end the name
    match = next((m for owner in owners for m in (an.classifier.name("_".join(words[i:]), owner=owner)
                                                  for i in range(len(words)))
                  if m is not None), None)
    if match is None:
        return NOTHING
    rule = "python.request.client-ip" if match.category == IP else "python.request.header"
    message = f"the request header named by '{name}' is read ({match.category})"
    an.emit(Kind.COLLECT, node, [match.category], rule, message, reasons=(f"configured header '{name}'", match.pattern))
    return Value(categories=frozenset({match.category}), steps=(an.step(node, message),), reasons=(match.pattern,))


def names_headers(func: ast.expr) -> bool:
    """Whether a method call's receiver is named `headers` (`headers.get(...)`, `info.headers.get(...)`):
    a mapping of the HTTP headers of a request the analysis does not see as one (Tornado's
    `HTTPHeaders` given to a patched method, a websocket library's connection info)."""
    receiver = func.value if type(func) is ast.Attribute else None  # (by exact types: see `owner_name`)
    return (type(receiver) is ast.Name and receiver.id == "headers") \
        or (type(receiver) is ast.Attribute and receiver.attr == "headers")


def names_meta(receiver: ast.expr) -> bool:
    """Whether `receiver` is the `META` of an object named a request (`request.META`, `self.request.META`,
    `http_request.META`) that the analysis does not see as one (Tendenci's event log: `request =
    kwargs['request']`, or taken from the caller's frame): Django's request environ, whose WSGI keys
    (`REMOTE_ADDR`, `HTTP_X_FORWARDED_FOR`, `HTTP_USER_AGENT`) are the client's headers whoever holds it.
    The caller asks only where the object is one the analysis knows nothing of: a request a test builds
    (`RequestFactory().get("/")`) is no client's."""
    if type(receiver) is not ast.Attribute or receiver.attr != "META":
        return False
    holder = receiver.value
    name = holder.id if type(holder) is ast.Name else holder.attr if type(holder) is ast.Attribute else ""
    return name.lower().endswith("request")


def meta_header(an: FileAnalyzer, node: ast.expr, key: str) -> Value | None:
    """`request.META.get("REMOTE_ADDR")` of a request the analysis does not see as one (`names_meta`): a
    collect of what the header table says the key carries. None for a key it does not list."""
    match = an.classifier.header(key)
    return None if match is None else _header_read(an, node, key, match)


def _header_read(an: FileAnalyzer, node: ast.expr, key: str, match: Match) -> Value:
    """The collect of a request header `key` that the classifier gave a category, and its value."""
    rule = "python.request.client-ip" if match.category == IP else "python.request.header"
    message = f"request header '{key}' is read ({match.category})"
    an.emit(Kind.COLLECT, node, [match.category], rule, message, reasons=(match.pattern,))
    return Value(categories=frozenset({match.category}), steps=(an.step(node, message),), reasons=(match.pattern,))


def forwarded_header(an: FileAnalyzer, node: ast.expr, key: str) -> Value | None:
    """`headers.get("X-Forwarded-For")` of headers that are not a known request's: a header that
    carries only the client's address (the proxies' `X-Forwarded-For`, `X-Real-IP`) says whose headers
    they are, a request's; it is a collect of the address. None for any other header, which says
    nothing of whose headers they are (`headers.get("Authorization")` is as often a request the code
    sends)."""
    match = an.classifier.header(key)
    if match is None or match.category != IP:
        return None
    message = f"the client's IP address is read from the '{key}' header"
    an.emit(Kind.COLLECT, node, [IP], "python.request.client-ip", message, reasons=(match.pattern,))
    return Value(categories=frozenset({IP}), steps=(an.step(node, message),), reasons=(match.pattern,))


# Cookies a front end sets for the page's own use, identifying no one: a CSRF token (Google
# Sign-In's `g_csrf_token`, Django's `csrftoken`), a language or theme choice (`pi_ui_locale`).
_NOT_AN_IDENTIFIER = LazyPattern(r"csrf|xsrf|locale|lang|theme", re.IGNORECASE)


def derived(an: FileAnalyzer, node: ast.Call, symbol: str) -> Value | None:
    """A call that derives personal data (a GeoIP lookup): collected at the call, carried by its result."""
    source = an.models.derive_calls.get(symbol)
    if source is None or not node.args and not node.keywords:
        return None  # a lookup given nothing looks up the server's own address (ipinfo's `getDetails()`)
    categories = [source.category, *source.also]
    an.emit(Kind.COLLECT, node, categories, source.rule, source.message, reasons=(f"call of {symbol}",))
    return Value(categories=frozenset(categories), steps=(an.step(node, source.message),))


# ------------------------------------------------------------------------- dict schemas
# A dict schema's key that names the record itself (`"id": [ignore_missing]`): it picks the
# record to change, as a primary key does, and collects nothing.
_OWN_KEYS = frozenset({"id", "pk", "uuid", "guid", "_id"})
_SCHEMA_WORDS = frozenset({"schema"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_FUNCTIONS_AND_CLASSES = (*_FUNCTIONS, ast.ClassDef)
# The same, as a set of exact types: `type(node) in _DEFINITION_TYPES` (a failed `isinstance` of a node reads
# its `__class__` by the generic attribute look-up, once per class of the tuple; `ast.parse` makes no subclass)
_DEFINITION_TYPES = frozenset(_FUNCTIONS_AND_CLASSES)


def visit_dict_schemas(an: FileAnalyzer) -> None:
    """Emit a `collect` for each personal key of the dict schemas a module declares itself: those
    returned by its functions (top level, and methods of its top-level classes) whose names say they
    build one (`[[dict_schema]] functions`), and those bound at module level to a name that says it
    holds one (`names`). Dicts given to a validator call are `dict_schema_call`'s. Returns nothing;
    raises nothing.
    """
    entries = an.models.dict_schemas
    if not entries:
        return
    builders, named, builder_of = _schema_entries(entries)
    for stmt in an.tree.body:
        if type(stmt) in _FUNCTIONS_AND_CLASSES:  # by exact type (see `analyzer.owner_name`)
            for func in stmt.body if type(stmt) is ast.ClassDef else (stmt,):
                if type(func) is ast.FunctionDef or type(func) is ast.AsyncFunctionDef:
                    entry = builder_of.get(func.name, _NO_BUILDER)  # the memo read inline: every function
                    if entry is _NO_BUILDER:
                        entry = _builder_named(builders, builder_of, func.name)
                    if entry is not None:
                        _schema_function(an, func, entry)
        elif named and (type(stmt) is ast.Assign or type(stmt) is ast.AnnAssign):
            display = _as_dict(stmt.value)
            target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else \
                stmt.target if isinstance(stmt, ast.AnnAssign) else None
            if display is None or not isinstance(target, ast.Name):
                continue
            matching = [entry for entry in named if entry.names_variable(target.id)]
            owners = schema_owners(an, target.id) if matching else None
            if owners is None:
                continue
            # the first entry whose shape the dict has: a name like `user_schema` fits several
            entry = next((e for e in matching if _has_shape(e, display, strict=True)), None)
            if entry is not None:
                _dict_fields(an, entry, display, owners, None)


def _as_dict(node: ast.expr | None) -> ast.Dict | None:
    """A dict display, or a `dict(email=[...], ...)` call read as one: its keywords are the keys,
    located where they are written (`**more` is a spread). None for anything else."""
    if type(node) is ast.Dict:
        return node
    if type(node) is ast.Call and type(node.func) is ast.Name and node.func.id == "dict" and not node.args:
        return _keywords_dict(node)
    return None


def _keywords_dict(call: ast.Call) -> ast.Dict | None:
    """The keyword arguments of a call as a dict display (`schema.update(email=[...])`), or None without any."""
    if not call.keywords:
        return None
    keys: list[ast.expr | None] = [None if k.arg is None else ast.copy_location(ast.Constant(k.arg), k) for k in call.keywords]
    return ast.copy_location(ast.Dict(keys=keys, values=[k.value for k in call.keywords]), call)


def schema_owners(an: FileAnalyzer, name: str) -> tuple[str, ...] | None:
    """The owners that decide a dict schema's ambiguous keys, from its function's or variable's
    name without `schema`: the whole rest, then shorter prefixes of it (`user_new_form_schema` ->
    `user_new_form`, `user_new`, `user`), so a person named anywhere before a qualifier counts.
    None when the name says the schema describes a response (a `response_words` word) or
    configuration (the classifier's configuration words): such a schema collects nothing.
    """
    pack = an.classifier.pack
    words = [word for word in pack.words(name) if word not in _SCHEMA_WORDS]
    if any(word in an.models.response_words for word in words) or any(word in pack.configuration for word in words):
        return None
    return tuple("_".join(words[:end]) for end in range(len(words), 0, -1))


def own_nodes(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of a function's body, without those of the functions, lambdas and classes it defines."""
    stack: list[ast.AST] = list(reversed(func.body))
    while stack:
        node = stack.pop()
        yield node
        if type(node) in _NOT_OWN:  # by exact type: a failed `isinstance` reads the node's `__class__`, once per class
            continue
        # `ast.iter_child_nodes`' children without its two generators a node (they cost more than the walk)
        push_children(node, stack)


# The nodes `own_nodes` does not enter: definitions of their own.
_OWN_ENDS = (*_FUNCTIONS, ast.Lambda, ast.ClassDef)


# The fields of a statement that hold statements (or handlers and cases, which hold them), in the
# order of the statement's `_fields`, so that statements come in the order `own_nodes` gives them.
_STATEMENT_LISTS = ("body", "handlers", "orelse", "finalbody", "cases")


def _own_statements(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.stmt]:
    """The statements of a function's body at every depth, in `own_nodes`' order, without those of
    the functions and classes it defines: expressions hold no statements, so they are not walked (a
    walk of every node costs about half of parsing the file)."""
    stack: list[ast.AST] = list(reversed(func.body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.stmt):
            yield node
            if type(node) in _DEFINITION_TYPES:  # by exact type (see `own_nodes`)
                continue
        for field in reversed(_STATEMENT_LISTS):
            held = getattr(node, field, None)
            if held:
                stack.extend(reversed(held))


# The dict schema entries of a pack by their use in `visit_dict_schemas`: those naming builder functions,
# those naming module-level variables, and for each function name asked about the first builder entry
# naming it (None for none). Asked for every top-level function and method of every module, and names
# recur from file to file: one look-up instead of a pattern match per entry. Kept per tuple of entries
# (the run's packs), the tuple held so that its id is not another's.
_SCHEMA_ENTRIES: dict[int, tuple[tuple[DictSchema, ...], list[DictSchema], list[DictSchema], dict[str, DictSchema | None]]] = {}
_NO_BUILDER: Any = object()
_BUILDER_MEMO_LIMIT = 200_000


def _schema_entries(entries: tuple[DictSchema, ...]) -> tuple[list[DictSchema], list[DictSchema], dict[str, DictSchema | None]]:
    """`entries`' builders, named-variable entries and the memo of builders by function name."""
    kept = _SCHEMA_ENTRIES.get(id(entries))
    if kept is None or kept[0] is not entries:
        kept = _SCHEMA_ENTRIES[id(entries)] = (entries, [entry for entry in entries if entry.functions],
                                               [entry for entry in entries if entry.names], {})
    return kept[1], kept[2], kept[3]


def _builder_named(builders: list[DictSchema], builder_of: dict[str, DictSchema | None], name: str) -> DictSchema | None:
    """The first of `builders` whose function patterns match `name`, or None; remembered in `builder_of`."""
    if len(builder_of) >= _BUILDER_MEMO_LIMIT:
        builder_of.clear()
    found = builder_of[name] = next((b for b in builders if b.names_function(name)), None)
    return found


def _schema_function(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, entry: DictSchema) -> None:
    """A function named as a schema builder (`default_user_schema`) by `entry`: the dicts of its entry's shape
    it returns are schemas, and so is a name it returns, with each key that statements of the
    function bind in it (`schema["password1"] = [...]`, `schema.update({...})`), located there."""
    owners = schema_owners(an, func.name)
    if owners is None:
        return
    returned: set[str] = set()
    dicts: list[ast.Dict] = []
    for stmt in _own_statements(func):
        if isinstance(stmt, ast.Return) and stmt.value is not None:
            display = _as_dict(stmt.value)
            if display is not None:
                dicts.append(display)
            elif isinstance(stmt.value, ast.Name):
                returned.add(stmt.value.id)
    added: list[tuple[ast.stmt, str, ast.expr]] = []
    if returned:
        for node in own_nodes(func):  # every node: `schema.update(...)` calls too
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                display = _as_dict(node.value)
                if isinstance(target, ast.Name) and target.id in returned and display is not None:
                    dicts.append(display)
                elif (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                      and target.value.id in returned and isinstance(target.slice, ast.Constant)
                      and isinstance(target.slice.value, str)):
                    added.append((node, target.slice.value, node.value))
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
                  and isinstance(node.func.value, ast.Name) and node.func.value.id in returned):
                # `schema.update({...})`, `schema.update(dict(...))`, `schema.update(email=[...])`
                display = _as_dict(node.args[0]) if len(node.args) == 1 else _keywords_dict(node) if not node.args else None
                if display is not None:
                    dicts.append(display)
    for found in dicts:
        if _has_shape(entry, found, strict=True):
            _dict_fields(an, entry, found, owners, None)
    for stmt, key, value in added:
        if isinstance(value, ast.Dict) and _field_value(entry, value):
            _dict_fields(an, entry, value, (key, *owners), None)  # `schema["address"] = {"city": [...]}`
        elif _field_value(entry, value):
            _dict_field(an, entry, stmt, key, owners)


def dict_schema_call(an: FileAnalyzer, node: ast.Call, entry: DictSchema, scope: Scope) -> None:
    """`cerberus.Validator({...})`, `voluptuous.Schema({...})`, `jsonschema.validate(data, schema)`:
    the dict given as the schema (written there, or bound to the name given, in the enclosing
    function or at module level, or to the class attribute `self.<name>` names) declares fields.
    Returns nothing; raises nothing.
    """
    given = node.args[entry.position] if entry.position < len(node.args) else \
        next((k.value for k in node.keywords if entry.keyword is not None and k.arg == entry.keyword), None)
    arguments = [given]
    if entry.keywords:  # `required={...}, optional={...}`: each gives fields
        arguments.extend(k.value for k in node.keywords if k.arg is not None and k.arg in entry.keywords)
    for argument in arguments:
        name = _class_named(argument) if argument is not None else None
        owners = schema_owners(an, name) if name is not None else ()
        if owners is None:
            continue
        if scope.cls is not None:
            # a method's decorator (`@use_kwargs({...})`, `@webapi_request_fields(...)`): the class
            # says whose fields they are, as a form's class does (`ReviewReplyResource`'s `text`)
            owners = (*owners, scope.cls.name)
        for found in _given_dicts(an, node, argument, scope):
            if _has_shape(entry, found, strict=False):
                _dict_fields(an, entry, found, owners, scope)


def _given_dicts(an: FileAnalyzer, call: ast.Call, given: ast.expr | None, scope: Scope) -> list[ast.Dict]:
    """The dict displays an argument is: itself, or those bound to its name in the innermost function
    holding the call (else at module level), or to `self.<attr>` / `cls.<attr>` in the class body."""
    display = _as_dict(given)
    if display is not None:
        return [display]
    if isinstance(given, ast.Attribute) and isinstance(given.value, ast.Name) and given.value.id in ("self", "cls") \
            and scope.cls is not None:
        body = next((s.body for s in an.tree.body if isinstance(s, ast.ClassDef) and s.name == scope.cls.name), [])
        return _bound_dicts(body, given.attr)
    if not isinstance(given, ast.Name):
        return []
    holder: ast.FunctionDef | ast.AsyncFunctionDef | None = None
    for node in walk(an.tree):
        # the innermost: functions nest, so the last to start is inside the others
        if isinstance(node, _FUNCTIONS) and node.lineno <= call.lineno <= (node.end_lineno or node.lineno) \
                and (holder is None or node.lineno >= holder.lineno):
            holder = node
    found = _bound_dicts(list(_own_statements(holder)), given.id) if holder is not None else []
    if not found and scope.cls is not None:
        # a decorator of a method is evaluated in the class body: its names are the class's
        # (`@webapi_request_fields(optional=CREATE_UPDATE_OPTIONAL_FIELDS)`)
        body = next((s.body for s in an.tree.body if isinstance(s, ast.ClassDef) and s.name == scope.cls.name), [])
        found = _bound_dicts(body, given.id)
    return found or _bound_dicts(an.tree.body, given.id)


def _bound_dicts(nodes: list[ast.stmt] | list[ast.AST], name: str) -> list[ast.Dict]:
    """The dict displays assigned to `name` among `nodes` (statements, or every node of a function)."""
    found: list[ast.Dict] = []
    for node in nodes:
        value: ast.expr | None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        else:
            continue
        display = _as_dict(value)
        if display is not None and any(isinstance(t, ast.Name) and t.id == name for t in targets):
            found.append(display)
    return found


def str_key(key: ast.expr | None) -> str | None:
    """A dict key (or a subscript's slice) that is a constant string: the string; None otherwise."""
    return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None


def _validators(value: ast.expr) -> bool:
    """A list or tuple of validators: names, attributes, calls (no literal: a list of settings)."""
    return isinstance(value, (ast.List, ast.Tuple)) and all(
        isinstance(e, (ast.Name, ast.Attribute, ast.Call, ast.Lambda)) for e in value.elts)


def _rules(value: ast.expr) -> bool:
    """A Cerberus rules dict: string keys (`type`, `required`, `regex`)."""
    return isinstance(value, ast.Dict) and all(str_key(k) is not None for k in value.keys)


def _field_value(entry: DictSchema, value: ast.expr) -> bool:
    """Whether `value` declares one field of `entry`'s shape (`schema["password1"] = [...]`)."""
    if entry.shape == "validators":
        return (_validators(value) and bool(value.elts)) if isinstance(value, (ast.List, ast.Tuple)) else \
            isinstance(value, ast.Dict) and _has_shape(entry, value, strict=True)
    return isinstance(value, ast.Dict) if entry.shape in ("rules", "json-schema") else True


def _has_shape(entry: DictSchema, node: ast.Dict, *, strict: bool) -> bool:
    """Whether a dict display declares fields the way `entry.shape` says. `strict` (a dict found by
    its name or its function's, not by the call it is given to) also asks for the shape's mark: a
    list of validators, a `type` rule, a JSON Schema object."""
    keys = [str_key(k) for k in node.keys if k is not None]
    if entry.shape == "validators":
        if not keys or any(k is None for k in keys):
            return False
        listed = False
        for key, value in zip(node.keys, node.values):
            if key is None:
                continue  # `**base_schema`
            if isinstance(value, (ast.List, ast.Tuple)):
                if not _validators(value):
                    return False
                listed = listed or bool(value.elts)
            elif isinstance(value, ast.Dict):
                if not _has_shape(entry, value, strict=True):
                    return False
                listed = True
            elif not isinstance(value, (ast.Name, ast.Attribute, ast.Call)):
                return False  # a string, a number: a dict of settings or of labels
        return listed
    if entry.shape == "rules":
        if not keys or any(k is None for k in keys) or not all(_rules(v) for v in node.values):
            return False
        return not strict or any(_rule(v, "type") is not None for v in node.values)
    if entry.shape == "json-schema":
        if not _json_object(node):
            return False
        kind = _rule(node, "type")
        return not strict or kind is None or (isinstance(kind, ast.Constant) and kind.value == "object")
    return bool(node.keys)  # markers: any dict; its keys say


def _rule(node: ast.expr | None, name: str) -> ast.expr | None:
    """The value of the string key `name` in a dict display, or None."""
    if not isinstance(node, ast.Dict):
        return None
    return next((v for k, v in zip(node.keys, node.values) if str_key(k) == name), None)


def _dict_fields(an: FileAnalyzer, entry: DictSchema, node: ast.Dict, owners: tuple[str, ...], scope: Scope | None) -> None:
    """Emit a `collect` at each key of a dict schema that declares personal data; nested field
    dicts are walked with their key as the first owner (`"address": {"city": ...}`)."""
    if entry.shape == "json-schema":
        _json_schema_fields(an, entry, node, owners)
        return
    for key, value in zip(node.keys, node.values):
        if key is None:
            continue
        name = str_key(key)
        if name is None and entry.shape == "markers" and isinstance(key, ast.Call) and key.args:
            name = str_key(key.args[0]) if _is_key_call(an, entry, key, scope) else None
        if name is None:
            continue
        if entry.shape == "rules":
            nested = _rule(value, "schema")
            if isinstance(nested, ast.Dict) and _has_shape(entry, nested, strict=False):
                _dict_fields(an, entry, nested, (name, *owners), scope)
                continue
        elif isinstance(value, ast.Dict) and (entry.shape == "markers" or _has_shape(entry, value, strict=True)):
            _dict_fields(an, entry, value, (name, *owners), scope)
            continue
        if entry.shape == "validators" and not isinstance(value, (ast.List, ast.Tuple)):
            continue  # a nested schema built elsewhere (`"resources": default_resource_schema()`)
        if entry.shape == "validators" and not _receives(entry, value):
            continue
        _dict_field(an, entry, key, name, owners, _rule_type(value) if entry.shape == "rules" else None)


def _receives(entry: DictSchema, validators: ast.expr) -> bool:
    """False when a field's validators say it receives no personal data: one of them looks up an
    existing record (`user_id_or_name_exists`: the value selects a user, like a foreign key), or
    all of them discard the value (`[ignore]`). True otherwise, and for anything but a list."""
    if not isinstance(validators, (ast.List, ast.Tuple)) or not validators.elts:
        return True
    names = [callee_name(e) if isinstance(e, ast.Call) else
             e.id if isinstance(e, ast.Name) else e.attr if isinstance(e, ast.Attribute) else "" for e in validators.elts]
    if any(fnmatch.fnmatchcase(n, p) for n in names for p in entry.lookup_validators):
        return False
    return not (entry.dropped_validators
                and all(any(fnmatch.fnmatchcase(n, p) for p in entry.dropped_validators) for n in names))


_COMBINATORS = ("allOf", "anyOf", "oneOf")
_DEFINITIONS = ("definitions", "$defs")


def _json_object(node: ast.expr | None) -> bool:
    """A JSON Schema that declares properties: its own, or through allOf/anyOf/oneOf or definitions."""
    return isinstance(node, ast.Dict) and (
        isinstance(_rule(node, "properties"), ast.Dict)
        or any(isinstance(_rule(node, word), (ast.List, ast.Tuple)) for word in _COMBINATORS)
        or any(isinstance(_rule(node, word), ast.Dict) for word in _DEFINITIONS))


def _json_schema_fields(an: FileAnalyzer, entry: DictSchema, node: ast.Dict, owners: tuple[str, ...]) -> None:
    """The keys of a JSON Schema's `properties` are its fields; an object property's own (or the
    objects its array holds) are walked with the property's name as the first owner, as are the
    schemas of `definitions`/`$defs` with theirs, and those combined by allOf/anyOf/oneOf."""
    properties = _rule(node, "properties")
    if isinstance(properties, ast.Dict):
        for key, value in zip(properties.keys, properties.values):
            name = str_key(key)
            if name is None or key is None:
                continue
            nested = value if _json_object(value) else _rule(value, "items")
            if isinstance(nested, ast.Dict) and _json_object(nested):
                _json_schema_fields(an, entry, nested, (name, *owners))
            else:
                _dict_field(an, entry, key, name, owners)
    for word in _COMBINATORS:
        options = _rule(node, word)
        if isinstance(options, (ast.List, ast.Tuple)):
            for option in options.elts:
                if isinstance(option, ast.Dict):
                    _json_schema_fields(an, entry, option, owners)
    for word in _DEFINITIONS:
        definitions = _rule(node, word)
        if isinstance(definitions, ast.Dict):
            for key, value in zip(definitions.keys, definitions.values):
                name = str_key(key)
                if name is not None and isinstance(value, ast.Dict):
                    _json_schema_fields(an, entry, value, (name, *owners))


def _is_key_call(an: FileAnalyzer, entry: DictSchema, call: ast.Call, scope: Scope | None) -> bool:
    """A call that marks a key (`Required("email")`): by its qualified name, or its own name."""
    symbol = an.static_symbol(call.func, scope) if scope is not None else None
    if symbol is not None and symbol in entry.key_calls:
        return True
    return callee_name(call) in {name.rsplit(".", 1)[-1] for name in entry.key_calls}


def _rule_type(rules: ast.expr) -> str | None:
    """The name of the type a rules dict gives its field (`{"type": FileFieldType}` -> FileFieldType;
    Cerberus' `{"type": "string"}` -> string), or None."""
    given = _rule(rules, "type")
    if given is None:
        return None
    return given.value if isinstance(given, ast.Constant) and isinstance(given.value, str) else _class_named(given)


def _dict_field(an: FileAnalyzer, entry: DictSchema, node: ast.AST, name: str, owners: tuple[str, ...],
                type_name: str | None = None) -> None:
    """Emit a `collect` at `node` when the key `name` declares personal data (classified under the
    first owner that gives it a meaning, else as what a person submits, else by the type its rules
    give it: an uploaded file, djblets' `FileFieldType`)."""
    match = next((m for m in (an.classifier.name(name, owner=owner) for owner in (*owners, "request")) if m is not None), None)
    if match is None and type_name is not None:
        match = an.classifier.type_name(type_name)
    if match is None or refers_to_user(name, match.category):
        return
    if match.category == UNIQUE_ID and name.lower() in _OWN_KEYS:
        return
    an.emit(Kind.COLLECT, node, [match.category], entry.rule,
            f"the {entry.family} schema field '{name}' declares {match.category} (received)",
            reasons=(f"{entry.family} field", match.pattern))


def passthrough_of(an: FileAnalyzer, symbol: str | None) -> Passthrough | None:
    """What a call of `symbol` gives back of its arguments (`[[passthrough]]`), when it is one of
    those calls or a class of the module derived from one (`class AppRequest(LocalProxy)`)."""
    if symbol is None:
        return None
    found = an.models.passthrough_calls.get(symbol)
    if found is None and symbol.startswith("@class:"):
        info = an.classes.get(symbol[len("@class:"):])
        found = next((p for p in (an.models.passthrough_calls.get(b) for b in info.bases) if p is not None), None) \
            if info is not None else None
    return found


def passed_through(an: FileAnalyzer, passthrough: Passthrough, node: ast.Call, args: list[Value],
                   kwargs: list[tuple[str | None, Value]], scope: Scope) -> Value | None:
    """The value of a call that gives back one of its arguments as it is (`typing.cast(T, value)` is
    `value`, with its data, symbol and role), or what that argument returns when called
    (`LocalProxy(get_request)` is the request); None when the argument is missing."""
    if passthrough.position < len(args):
        value, given = args[passthrough.position], node.args[passthrough.position]
    else:
        keyword = next((k for k in node.keywords if k.arg is not None and k.arg == passthrough.keyword), None)
        if keyword is None:
            return None
        value, given = next(v for name, v in kwargs if name == passthrough.keyword), keyword.value
    if not passthrough.called:
        return value
    if isinstance(given, ast.Lambda):
        return an.eval(given.body, scope) if not given.args.args else NOTHING
    if isinstance(given, (ast.Name, ast.Attribute)):
        return an.eval_call(ast.copy_location(ast.Call(func=given, args=[], keywords=[]), node), scope)
    return NOTHING


def request_call(an: FileAnalyzer, node: ast.Call, func: Value, args: list[Value], scope: Scope) -> Value:
    """A method of the request: `request.get_json()`, `await request.form()`, `request.get_header(...)`."""
    assert func.symbol is not None
    path = func.symbol[len(REQUEST):].lstrip(".")
    role = an.models.request.methods.get(path)
    if role in ("fields", "body"):
        return request_container(an, node, f"{REQUEST}.{path}()", role, f"{path}()")
    if role in ("field", "header"):
        container = Value(symbol=func.symbol, role="fields" if role == "field" else "headers")
        return request_key(an, node, container, args[0] if args else NOTHING, scope,
                           node.args[0] if node.args else None)
    if client_attribute(role):
        # a method that gives the client's own data (Tornado's `_request_summary()`, which shows the
        # client's address): read as the attribute of that role is
        assert role is not None
        category, what, rule = client_datum(role)
        an.emit(Kind.COLLECT, node, [category], rule, f"{what} is read from the request ({path}())",
                reasons=(f"request method '{path}'",))
        return Value(categories=frozenset({category}), steps=(an.step(node, f"{what} read by {path}()"),),
                     reasons=(f"request method '{path}'",))
    return NOTHING


# The symbol of a body parsed from the raw body (`json.loads(request.body)`), taken where that was read.
PARSED_BODY = f"{REQUEST}.parsed"


def parsed_body(symbol: str, args: list[Value]) -> Value | None:
    """`json.loads(request.body)`: the parsed mapping is still the request's fields."""
    # the argument first: it is request data at few calls, and the parser test is a string's split
    if args and args[0].role in BODY_ROLES and args[0].symbol and args[0].symbol.startswith(REQUEST) and is_body_parser(symbol):
        return Value(symbol=PARSED_BODY, role="fields", categories=args[0].categories, steps=args[0].steps,
                     reasons=args[0].reasons)
    return None


# A copy of the request's headers is still the request's headers (`headers = dict(request.headers)`,
# then `headers.get("user-agent")` reads the User-Agent): the calls that copy a mapping whole. A copy
# made key by key is `header_copy_target`'s and `copies_pairs`'. (A container's own `.copy()` is left
# out: allauth's labels read `request.META.copy()` handed to oauthlib as the environ kept whole, not
# the Authorization key read from it; see the accuracy README, letta's "Three small rules".)
HEADER_COPIES = frozenset({"builtins.dict", "copy.copy", "copy.deepcopy"})
# String methods that only change a header name's case (header names are matched case-blind)
_CASE_METHODS = frozenset({"lower", "upper", "casefold", "title"})


def copied_headers(symbol: str | None, args: list[Value]) -> Value | None:
    """`dict(request.headers)`, `copy.copy(request.META)`: the request's headers again, or None."""
    return headers_again(args[0]) if len(args) == 1 and symbol in HEADER_COPIES else None


def headers_again(copied: Value) -> Value | None:
    """What a copy of `copied` holds when `copied` is the request's headers (a copy made whole or item
    by item): the request's headers again; None for anything else."""
    if copied.role == "headers" and copied.symbol is not None and copied.symbol.startswith(REQUEST):
        return Value(symbol=copied.symbol, role="headers")
    return None


def copies_pairs(target: ast.expr, key: ast.expr, value: ast.expr) -> bool:
    """Whether `key` and `value` are the two names a `for name, value in mapping.items()` target binds,
    in that order (the key maybe case-changed: `name.lower()`): an item copied as it is."""
    if not (type(target) is ast.Tuple and len(target.elts) == 2 and type(value) is ast.Name):
        return False
    first, second = target.elts
    if type(key) is ast.Call and type(key.func) is ast.Attribute and key.func.attr in _CASE_METHODS \
            and not key.args and not key.keywords:
        key = key.func.value
    return type(first) is ast.Name and type(second) is ast.Name and type(key) is ast.Name \
        and key.id == first.id and value.id == second.id


def header_copy_target(stmt: ast.For | ast.AsyncFor) -> str | None:
    """`for key, value in request.headers.items(): [if key.lower() not in skip:] headers[key] = value`:
    the name of the dict a loop over a mapping's items copies each item into (the loop's own
    statements and the `if`s among them, no deeper), or None. Syntax alone: the caller asks whose
    mapping it is."""
    iterated = stmt.iter
    if not (type(iterated) is ast.Call and type(iterated.func) is ast.Attribute and iterated.func.attr == "items"
            and not iterated.args and type(stmt.target) is ast.Tuple):
        return None
    pending: list[ast.stmt] = list(stmt.body)
    while pending:
        inner = pending.pop()
        if type(inner) is ast.If:
            pending.extend(inner.body)
            pending.extend(inner.orelse)
        elif type(inner) is ast.Assign and len(inner.targets) == 1 and type(inner.targets[0]) is ast.Subscript:
            item = inner.targets[0]
            if type(item.value) is ast.Name and copies_pairs(stmt.target, item.slice, inner.value):
                return item.value.id
    return None


def _kept_by_module(an: FileAnalyzer, attr: str) -> bool:
    """Whether the module assigns `request.<attr>` itself (`request.user_agent = ...`): a request
    attribute a framework also names, which this module's code fills with what it read. A text test,
    asked only at a client attribute's read."""
    at = an.source.find(f"request.{attr}")
    while at >= 0:
        after = an.source[at + len("request.") + len(attr):at + len("request.") + len(attr) + 4].lstrip(" ")
        if after[:1] == "=" and after[1:2] != "=" and (at == 0 or not _word_char(an.source[at - 1])):
            return True
        at = an.source.find(f"request.{attr}", at + 1)
    return False


def client_attribute(role: str | None) -> bool:
    """Whether a request attribute's role says it is itself a person's data: the client's address,
    device data, or a category's key (`accept_languages`, `remote_user`), not a container."""
    return role is not None and (role in ("client_ip", "device") or "." in role)


def client_datum(role: str) -> tuple[str, str, str]:
    """The category, the words and the rule of a request attribute's or method's `client_attribute`
    role (`client_ip`: the client's IP address)."""
    if role == "client_ip":
        return IP, "the client's IP address", "python.request.client-ip"
    if role == "device":
        return DEVICE, "the client's device data", "python.request.device"
    return role, f"{role} of the client", "python.request.attribute"


# Methods of a request container that give all of it (`request.POST.urlencode()`, `.copy()`,
# `request.body.decode()`, a stream's `.read()`, WebOb's MultiDict as a dict: Pyramid's
# `request.POST.mixed()`, `request.GET.dict_of_lists()`).
WHOLE_METHODS = frozenset({"copy", "dict", "to_dict", "items", "values", "urlencode", "lists", "model_dump", "decode", "read", "strip",
                           "mixed", "dict_of_lists"})
# Methods that validate a body against a declared schema (whose fields are the collects).
VALIDATING_METHODS = frozenset({
    "model_validate", "model_validate_json", "parse_obj", "parse_raw", "validate", "validate_python", "load",
    "loads", "deserialize", "from_dict", "structure", "validate_json", "model_construct",
})


# Methods of a class-based view that build its form or serializer around the data they are given.
SCHEMA_GETTERS = frozenset({"get_serializer", "get_form"})
# Endings of a name that holds a form or serializer class chosen at run time
# (`login_form = load_func(settings.USER_LOGIN_FORM)`, then `login_form(request.POST)`).
SCHEMA_NAME_ENDINGS = ("_form", "_serializer")


def is_request_container(value: Value) -> bool:
    """True for the request's data as a container: `request.POST`, a parsed body, kept request data."""
    return value.role in CONTAINER_ROLES and value.symbol is not None and value.symbol.startswith(REQUEST)


# The keywords a Django form is bound by (`Form(data=..., files=...)`) and the request member each
# takes: a dict display giving them the submitted fields and files (`kwargs.update({"data":
# self.request.POST, "files": self.request.FILES})`, Django's `get_form_kwargs`) builds a form's
# arguments, whose declared fields are what is collected, as `Form(request.POST)` is.
_FORM_BINDING = {"data": "fields", "files": "files"}


def taken_whole(an: FileAnalyzer, node: ast.expr, value: Value, key: ast.expr | None = None,
                scope: Scope | None = None) -> None:
    """A request body put into a display or an f-string (`f"?{request.POST.urlencode()}"`,
    `{"POST": request.POST.urlencode()}`) is taken whole; a name bound to one is reported where
    it was bound, unless its keys are read. Put into a dict, list, tuple or set display (`scope`
    given: `build_request(request, {"body": body})`), a bound body is copied into another structure,
    a whole use by the body convention (CONVENTIONS.md, "A body bound to a name"), as passing it on
    directly is: reported where it was bound, whatever keys are read from it too. Not the value of a
    form-binding `key` of a dict display (`{"data": request.POST}`, see `_FORM_BINDING`): a form's
    arguments."""
    if value.role in BODY_ROLES and is_request_container(value):
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and _FORM_BINDING.get(key.value) == value.role:
            return
        if isinstance(node, ast.Name):
            if scope is not None:
                an.mark_used_whole(node, scope)
            return
        if _query_reencoded(node, value):
            return
        emit_whole_body(an, node, value)


def kept_as_item(target: ast.Subscript, value: Value) -> bool:
    """Whether a request body assigned to `target` is kept whole as an item of an object's attribute
    (`current_user.view_settings["table"] = json.loads(request.data)`: calibreweb's table settings
    saved on the user's record, `request.session["form"] = request.POST`), stored as it would be
    assigned to the attribute itself. Not an item of a name (the function's own dict, whose later
    uses say what becomes of it: `store_item`)."""
    if value.role not in BODY_ROLES or not is_request_container(value):
        return False
    holder = target.value
    while type(holder) is ast.Subscript:
        holder = holder.value
    return type(holder) is ast.Attribute


def _query_reencoded(node: ast.expr, value: Value) -> bool:
    """Whether `node` re-encodes the query string (`request.GET.urlencode()`, also of a copy with the
    page number popped): Django's idiom for carrying a listing's filters into its page links, which
    sends the person's own query back to them. A body re-encoded (`request.POST.urlencode()`) is
    taken whole."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "urlencode"):
        return False
    member = (value.symbol or "")[len(REQUEST) + 1:].split(".", 1)[0]
    return member in QUERY_PATHS


# The reason a query string re-encoded into text carries (see `reencoded_query`).
REENCODED_QUERY = "the query string re-encoded"


def reencoded_query(node: ast.Call, base: Value) -> Value | None:
    """The text of the query string re-encoded (`request.GET.urlencode()`, also of a copy with the
    `next` or page parameter popped): a link's query, sent back to the person who typed it
    (`_query_reencoded`), not the request's fields. A helper that returns a URL built on it
    (pretalx's `get_next_url(request)`, `f"{url}?{params.urlencode()}"`) gives its callers that
    link, not a container to take whole at each `redirect(...)`. It keeps the query's
    categories (a log of the link still logs it). None for any other whole-container method."""
    if not _query_reencoded(node, base):
        return None
    return Value(categories=base.categories, steps=base.steps, reasons=(REENCODED_QUERY,))


def values_only_compared(name: str, uses: Sequence[ast.AST]) -> bool:
    """Whether the name `name` is read in `uses` and only ever as a comparison's operand whose other
    operands are literals (`value == "on"`, `value not in ("accept", "reject")`, `value is False`):
    a value only told apart from the code's own choices. False where it is never read, or read
    anywhere else (kept, passed, formatted). Also where the loop's first statement narrows it to
    literals (`if not key.startswith("s-") or value not in ("accept", "reject"): continue`): every
    later use is then one of them. Walked only for a loop over a request's items."""
    if uses and _narrowed_to_literals(name, uses[0]):
        return True
    compared: set[int] = set()
    loaded: list[ast.Name] = []
    for root in uses:
        for node in walk(root):
            if type(node) is ast.Name and node.id == name and type(node.ctx) is ast.Load:
                loaded.append(node)
            elif type(node) is ast.Compare:
                operands = [node.left, *node.comparators]
                named = [o for o in operands if type(o) is ast.Name and o.id == name]
                if named and all(o in named or _literal_operand(o) for o in operands):
                    compared.update(id(o) for o in named)
    return bool(loaded) and all(id(node) in compared for node in loaded)


def _narrowed_to_literals(name: str, stmt: ast.AST) -> bool:
    """Whether `stmt` is `if ... value not in (literals) ...: continue` (the test, or one operand of
    an `or`), skipping the rest of a loop's step unless `name` is one of the literals."""
    if not (type(stmt) is ast.If and len(stmt.body) == 1 and type(stmt.body[0]) is ast.Continue):
        return False
    test = stmt.test
    tests = test.values if type(test) is ast.BoolOp and type(test.op) is ast.Or else [test]
    return any(type(t) is ast.Compare and type(t.left) is ast.Name and t.left.id == name and len(t.ops) == 1
               and type(t.ops[0]) is ast.NotIn and type(t.comparators[0]) is not ast.Constant
               and _literal_operand(t.comparators[0]) for t in tests)


def _literal_operand(node: ast.expr) -> bool:
    """A constant, or a tuple, list or set display of constants."""
    if type(node) is ast.Constant:
        return True
    return type(node) in (ast.Tuple, ast.List, ast.Set) and all(type(e) is ast.Constant for e in node.elts)  # type: ignore[attr-defined]


def returned_container(func: ast.FunctionDef | ast.AsyncFunctionDef, returns: Sequence[Value], data: Value) -> Value | None:
    """The request's data, when a function returns it as a container (`return request.values`, or a
    dict built from the request's fields taken whole, privacyIDEA's `get_all_params(request)`):
    its callers hold the request's data, to read keys of or take whole. None otherwise."""
    for value in returns:
        if value.role in BODY_ROLES and is_request_container(value):
            return Value(symbol=f"{REQUEST}.{func.name}()", role="fields", categories=value.categories,
                         steps=value.steps, reasons=value.reasons)
    if CONTENT not in data.categories or any(v.symbol is not None or v.role is not None for v in returns if v.categories):
        return None
    if not any(reason.startswith(WHOLE_REASON) for reason in data.reasons):
        return None
    if _returns_record(func):
        return None
    return Value(symbol=f"{REQUEST}.{func.name}()", role="fields", categories=data.categories, steps=data.steps,
                 reasons=data.reasons)


def _returns_record(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when every `return` gives a record the function builds as a dict display of literal keys
    (`return {"url": url, "values": values, ...}`, or a name bound only to one): request data is an
    entry of it, read where it is read, not the request's data its callers hold."""
    displays: dict[str, bool] = {}
    returned: list[ast.expr] = []
    for node in _own_statements(func):
        if isinstance(node, ast.Return) and node.value is not None:
            returned.append(node.value)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    displays[target.id] = displays.get(target.id, True) and _record_display(node.value)
    return bool(returned) and all(
        _record_display(value) or (isinstance(value, ast.Name) and displays.get(value.id, False)) for value in returned)


def _record_display(node: ast.expr) -> bool:
    """A dict display whose keys are all literal strings, at least two of them."""
    return isinstance(node, ast.Dict) and len(node.keys) >= 2 and all(str_key(k) is not None for k in node.keys)


# Calls that only order or copy what they iterate (`for key in sorted(data.keys())`).
_ORDERING = frozenset({"sorted", "list", "reversed", "tuple"})
# Mapping views iterated to copy a mapping key by key.
_VIEWS = frozenset({"items", "keys", "values"})


def presence_parameter(func: ast.FunctionDef | ast.AsyncFunctionDef, names: list[str]) -> int | None:
    """The index (in `names`) of the parameter a function only tests keys' presence in (`if k not in
    body` for each required key: matrix-synapse's `assert_params_in_dict(body, required)`), a checker
    of required fields: a request body handed there is neither read nor passed on, so it is not taken
    whole at the call (its keys are read where the caller reads them). None for any other function.
    The statements are looked at first (a test at the top level, in a top-level loop's `if`, or in a
    list comprehension's condition); the function is walked only when one tests a parameter so."""
    body = func.body
    if len(body) > 10 or len(names) < 2:
        return None
    tests: list[ast.expr] = []
    for stmt in body:
        if isinstance(stmt, ast.If):
            tests.append(stmt.test)
        elif isinstance(stmt, ast.For):
            tests.extend(inner.test for inner in stmt.body if isinstance(inner, ast.If))
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.ListComp):
            tests.extend(test for generator in stmt.value.generators for test in generator.ifs)
    candidates: set[str] = set()
    for test in tests:
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in (ast.In, ast.NotIn):
            container = test.comparators[0]
            if isinstance(container, ast.Name) and container.id in names:
                candidates.add(container.id)
    if not candidates:
        return None  # (most functions)
    tested: set[int] = set()  # the ids of the names that are the container of an `in` test
    uses: dict[str, list[int]] = {}
    for node in own_nodes(func):
        if type(node) is ast.Compare and len(node.ops) == 1 and type(node.ops[0]) in (ast.In, ast.NotIn) \
                and type(node.comparators[0]) is ast.Name:
            tested.add(id(node.comparators[0]))
        elif type(node) is ast.Name and node.id in candidates:
            uses.setdefault(node.id, []).append(id(node))
    found = [name for name, ids in uses.items() if all(i in tested for i in ids)]
    return names.index(found[0]) if len(found) == 1 else None


def rebuilt_parameter(func: ast.FunctionDef | ast.AsyncFunctionDef, names: list[str]) -> int | None:
    """The index (in `names`, the positional parameters) of the mapping parameter a function returns
    rebuilt: every `return` gives a name that is that parameter, or a container the function fills
    item by item (`out[key] = value`) in a loop over the parameter (`for key in params`, `for k, v in
    data.items()`, `for key in sorted(data.keys())`), or over a container so filled, or a name bound
    to one of these (`current = out`). Its callers then hold the same mapping: a request's form given
    in gives the request's fields back (`parse_params(request.form)`), and the keys read from the
    result are request fields. None for any other function, and for one that returns a value it
    reads out of the parameter (`return params["email"]`).
    """
    body = func.body
    last = body[-1] if body else None
    # the cheap test first: such a function ends by returning a name, and loops at its top level (by
    # exact types, see `_DEFINITION_TYPES`: this runs for nearly every function)
    if not (type(last) is ast.Return and type(last.value) is ast.Name and names):
        return None
    if last.value.id not in names and not any(type(stmt) is ast.For for stmt in body):
        return None
    returned: set[str] = set()
    edges: dict[str, set[str]] = {}  # what a name's items are copied into, and its aliases both ways
    # the bodies of the loops over a name: what they fill is walked for only when that name is reached
    # from a parameter (most loops walk something else, and a loop body's walk is a walk of every node)
    loops: dict[str, list[list[ast.stmt]]] = {}
    for node in _own_statements(func):
        if type(node) is ast.Return:  # by exact types (see `_DEFINITION_TYPES`)
            if node.value is None or not isinstance(node.value, ast.Name):
                return None
            returned.add(node.value.id)
        elif (type(node) is ast.Assign or type(node) is ast.AnnAssign) and isinstance(node.value, ast.Name):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Name):
                    edges.setdefault(node.value.id, set()).add(target.id)
                    edges.setdefault(target.id, set()).add(node.value.id)
        elif type(node) is ast.For or type(node) is ast.AsyncFor:
            source = iterated_name(node.iter)
            if source is not None:
                loops.setdefault(source, []).append(node.body)
    for index, name in enumerate(names):
        reached, stack = {name}, [name]
        while stack:
            current = stack.pop()
            bodies = loops.pop(current, None)
            if bodies is not None:
                edges.setdefault(current, set()).update(_filled_names(bodies))
            for following in edges.get(current, ()):
                if following not in reached:
                    reached.add(following)
                    stack.append(following)
        if returned <= reached:
            return index
    return None


# Methods of a text that only decode or trim it before it is parsed (`input_str.decode("utf-8")`).
_DECODING_METHODS = frozenset({"decode", "strip"})


def parsed_parameter(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, names: list[str],
                     scope: Scope) -> int | None:
    """The index (in `names`) of the parameter a function returns parsed by a body parser, when that
    is all it returns: askbot's `decode_and_loads(input_str)` is `return json.loads(input_str.decode(
    "utf-8"))`, a parser of the project's own, called as `decode_and_loads(request.body)` where
    `json.loads(request.body)` would be. None for any other function (most: a set test on the last
    statement first)."""
    last = func.body[-1] if func.body else None
    if not (type(last) is ast.Return and type(last.value) is ast.Call and names and len(last.value.args) == 1) \
            or _parsed_name(last.value, names) is None:
        return None  # the cheap tests on the last statement first: most functions end otherwise
    found: int | None = None
    for node in _own_statements(func):
        if not isinstance(node, ast.Return):
            continue
        call = node.value
        if type(call) is not ast.Call or len(call.args) != 1 or call.keywords and any(k.arg is None for k in call.keywords):
            return None
        name = _parsed_name(call, names)
        if name is None:
            return None
        index = names.index(name)
        if found is not None and found != index or not is_body_parser(an.static_symbol(call.func, scope)):
            return None
        found = index
    return found


def _filled_names(bodies: list[list[ast.stmt]]) -> set[str]:
    """The names whose items statements of `bodies` assign, at any depth (`out[key] = value`)."""
    found: set[str] = set()
    stack: list[ast.AST] = [stmt for body in bodies for stmt in body]
    while stack:
        node = stack.pop()
        if type(node) is ast.Name or type(node) is ast.Constant:
            continue  # the commonest nodes, holding no subscript
        if type(node) is ast.Subscript and type(node.ctx) is ast.Store and type(node.value) is ast.Name:
            found.add(node.value.id)
        stack.extend(ast.iter_child_nodes(node))
    return found


def iterated_name(node: ast.expr) -> str | None:
    """The mapping a loop walks: `d` in `for k in d`, `d.items()`, `sorted(d.keys(), key=...)`; else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _ORDERING and node.args:
        node = node.args[0]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _VIEWS and not node.args:
        node = node.func.value
    return node.id if isinstance(node, ast.Name) else None


def rebuilt_container(node: ast.Call, argument: Value | None) -> Value | None:
    """What a call of a function that returns its mapping parameter rebuilt (`rebuilt_parameter`) gives
    when that argument is the request's data: the request's fields, whose keys are read as request
    fields (`parse_params(request.form)["email"]`). None when the argument is not request data."""
    if argument is None or argument.role not in BODY_ROLES or not is_request_container(argument):
        return None
    return Value(symbol=f"{REQUEST}.{callee_name(node)}()", role="fields", categories=argument.categories,
                 steps=argument.steps, reasons=argument.reasons)


def consume_bodies(an: FileAnalyzer, node: ast.Call, symbol: str | None, args: list[Value],
                   kwargs: list[tuple[str | None, Value]], scope: Scope, keyed_at: int | None = None,
                   rebuilt_at: int | None = None, options_at: Collection[int] = ()) -> None:
    """A request body passed whole into a call is user content taken whole.

    Passed to a schema (a form, a serializer, a Pydantic model: a class, or a validating
    method), it is not: the schema's declared fields are what is collected. Nor is the argument
    at position `keyed_at`, the container a helper reads one key of (`int_from_request(request.GET,
    "start", 1)`): that key is the read, judged where the helper's summary is applied. Nor is a
    call's result at position `rebuilt_at`, given to a helper that returns it rebuilt
    (`clean_dict(parse_params(request.form))`): it was taken whole where the call inside read it.
    Nor is a query string at a position of `options_at` (among the arguments, then the keywords),
    given to a helper that reads only options of it (`Page.from_params(request.args, total)`,
    `keyed_options.option_parameters`): the page's options, none of them personal.
    """
    if not any(v.role for v in args) and not any(v.role for _, v in kwargs):
        return  # the common case: no request body among the arguments
    if symbol is not None and (symbol in BODY_PASSTHROUGH or is_body_parser(symbol)
                               or symbol.startswith(REQUEST) and _framework_member(an, symbol)):
        return
    if symbol == "builtins.hasattr" and node.args and not isinstance(node.args[0], ast.Name):
        # `hasattr(request.data, "decode")`: whether the request's raw body is still bytes, a test of
        # its type. (A bound body tested so stays a whole use, as before: kinto's validator binds its
        # body in three branches and copies it whole into the dict it returns, a use the analysis does
        # not carry past the branches; its `hasattr(body, "items")` is the one it sees.)
        return
    callee = callee_name(node)
    if (symbol in KEY_VIEWS or (callee in _SET_KEY_METHODS and isinstance(node.func, ast.Attribute)
                                and not node.keywords)) \
            and not any(isinstance(arg, ast.Call) for arg in node.args) \
            and all(v.role in ("fields", "files") for v in args if v.role):
        # `set(request.args)`, `FILTERS.intersection(request.GET)`: the keys sent, each a field's
        # name (not `list(request.form.values())`)
        return
    # `self.form_class(request.GET)`, `self.get_form_class()(data)`, `self.get_serializer(data=...)`
    validated = (callee[:1].isupper() or callee in VALIDATING_METHODS or callee.endswith("_class")
                 or callee in SCHEMA_GETTERS or _holds_schema(callee) or isinstance(node.func, ast.Call)
                 or _schema_receiver(node) or _own_schema_class(an, node, scope))
    outside = validated and callee in VALIDATING_METHODS and _outside_validator(an, node, symbol)
    if outside:
        validated = False  # `Activity().deserialize(body)`: no field of it is seen, so the body is taken whole
    arg_nodes: list[ast.expr] = [*node.args, *(k.value for k in node.keywords)]
    values = [*args, *(v for _, v in kwargs)]
    for position, (arg_node, value) in enumerate(zip(arg_nodes, values)):
        if value.role in BODY_ROLES and value.symbol is not None and value.symbol.startswith(REQUEST):
            inner = arg_node.value if isinstance(arg_node, ast.Starred) else arg_node
            if isinstance(inner, ast.IfExp | ast.BoolOp):
                # `content=body if body else None`, `body or None`: the bound body itself, passed on
                inner = _bound_alternative(inner)
            elif type(inner) is ast.Subscript and type(inner.value) is ast.Name and read_key(inner) in NESTED_BODY_KEYS:
                # `data=content["data"]`: the bound body's nested fields, passed on whole, are the body's
                # (taken whole where it was bound, not again here)
                inner = inner.value
            if position == keyed_at and position < len(node.args) and not isinstance(arg_node, ast.Starred):
                continue  # (also a checker's: only the keys' presence is tested there, `presence_parameter`)
            if position == rebuilt_at and isinstance(arg_node, ast.Call):
                continue
            if position in options_at and _query_member(value):
                an.mark_key_read(inner, scope)  # a bound query string read by key, in the helper
                continue
            if validated or outside and _query_member(value):
                # the schema reads it field by field; a query string parsed by a library's model
                # (`ResponseParameters.model_validate(request.args.to_dict())`) is the page's options
                # as often as data (QUERY_PATHS), and none of them is named here
                an.mark_key_read(inner, scope)
                continue
            if isinstance(inner, ast.Name):
                # a bound body: reported where it was bound, unless only read key by key (the
                # fourteenth session's body convention: passed on whole too, it is taken whole)
                an.mark_used_whole(inner, scope)
                continue
            emit_whole_body(an, arg_node, value)


def _bound_alternative(node: ast.IfExp | ast.BoolOp) -> ast.expr:
    """The one name among the alternatives of `node` (`body if body else None`, `body or b""`), the
    rest being constants or texts built on that name alone (`f"{data[:50]}..." if len(data) > 50 else
    data`: a preview of the same body); else `node` itself."""
    options = [node.body, node.orelse] if isinstance(node, ast.IfExp) else node.values
    names = [o for o in options if isinstance(o, ast.Name)]
    if len(names) == 1 and all(o is names[0] or isinstance(o, ast.Constant) or _preview_of(o, names[0].id)
                               for o in options):
        return names[0]
    return node


def _preview_of(node: ast.expr, name: str) -> bool:
    """Whether `node` is an f-string whose every name read is `name` (`f"{data[:50]}..."`)."""
    return type(node) is ast.JoinedStr and all(n.id == name for n in walk(node) if type(n) is ast.Name)


def _framework_member(an: FileAnalyzer, symbol: str) -> bool:
    """Whether a request method is the framework's (`request.form.get`, `request.get_json`): what it
    is given stays in the request. A method a project adds to its request (Pyramid's
    `config.add_request_method`: `request.log_context(body=request.body)`) is a call like any other."""
    member = symbol[len(REQUEST) + 1:]
    model = an.models.request
    # a member's member (`request.form.update`, `data.update` of a body rebuilt) is the container's
    return not member.isidentifier() or member in model.attributes or member in model.methods \
        or member in model.framework_members


def _query_member(value: Value) -> bool:
    """Whether a request container is the query string (`request.args`, `request.GET`, a copy of it)."""
    member = (value.symbol or "")[len(REQUEST) + 1:].split(".", 1)[0].split("(", 1)[0]
    return member in QUERY_PATHS


# Names of an object that is a form or serializer class (`self.form`, `view.serializer_class`).
_SCHEMA_RECEIVERS = frozenset({"form", "serializer", "schema"})


def _holds_schema(name: str) -> bool:
    """Whether a name holds a form, serializer or schema class chosen at run time: ending in
    `_form` or `_serializer` (`login_form = load_func(...)`), or that word alone (misago's `serializer
    = ThreadSerializer if starting else ReplySerializer`, then `serializer(data=request.data)`)."""
    lowered = name.lower()
    return lowered in _SCHEMA_RECEIVERS or lowered.endswith(SCHEMA_NAME_ENDINGS)


def _schema_receiver(node: ast.Call) -> bool:
    """Whether a call is a method of an object named as a form, serializer or schema
    (`self.form.refresh(request.form)` of Flask-AppBuilder's DynamicForm, `self.login_form.bind(data)`):
    the object's declared fields read the data, field by field."""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    name = receiver.attr if isinstance(receiver, ast.Attribute) else receiver.id if isinstance(receiver, ast.Name) else ""
    return _holds_schema(name)


def _own_schema_class(an: FileAnalyzer, node: ast.Call, scope: Scope) -> bool:
    """Whether a call builds the schema class whose method it is in, through the classmethod's first
    parameter (`cls(request.POST, instance=...)` in a form's `from_request`): the form's declared
    fields read the data, as `ProfileForm(request.POST)` would. False for a class that is no schema
    (its `__init__` takes the body whole) and for any other call."""
    func = node.func
    return isinstance(func, ast.Name) and scope.params[:1] == (func.id,) and scope.cls is not None \
        and scope.cls.name in an.schema_classes


def _outside_validator(an: FileAnalyzer, node: ast.Call, symbol: str | None) -> bool:
    """A validating method of a class from outside the project (`Activity().deserialize(body)` of
    botbuilder, `jsonschema.validate(body, schema)`): the fields it reads are declared nowhere the
    analysis sees. Not a known decoder (`TypeAdapter(Cls).validate_python(body)`), whose target
    class is the project's, nor a class of the project (local, or of its top-level package)."""
    if symbol is None or symbol.startswith("@") or not isinstance(node.func, ast.Attribute):
        return False
    top = symbol.split(".", 1)[0]
    return top != an.module.split(".", 1)[0] and top not in _packages(an.models.received_by)


def emit_whole_body(an: FileAnalyzer, node: ast.AST, value: Value) -> None:
    """Record a request body (or all its fields, or its files) taken whole: user content."""
    what = {"files": "the uploaded files", "fields": "the submitted fields", "body": "the request body"}.get(value.role or "", "the request body")
    an.emit(Kind.COLLECT, node, [CONTENT], "python.request.body", f"{what} are taken whole (user content)"
            if value.role != "body" else f"{what} is taken whole (user content)",
            reasons=(f"request member '{(value.symbol or '')[len(REQUEST) + 1:]}' used whole",))


# -------------------------------------------------------------------------------- routes
@dataclass(frozen=True, slots=True, eq=False, repr=False)  # never compared, hashed or printed: see packs.py
class RouteInfo:
    """A route function: its path's parameters are path segments, not collected fields."""

    path_params: frozenset[str]
    dependency: bool = False
    event: bool = False  # a real-time server's event handler (`@sio.on("message")`)
    rpc: bool = False
    """A remote procedure of a JSON-RPC or XML-RPC server (`@rpc_method(name="Auth.login")`): its
    parameters are the call's, request fields; one no name classifies holds a struct the client sent."""
    context: str | None = None
    """A word of authentication in the route's path or name (`/auth/oauth/{provider}/callback`): its
    parameters are read in that context too (the `code` an OAuth callback is given is a credential)."""
    topic: str | None = None
    """A conversation the route's path or name is about (`set_conversation_title`, `/chat/rename`):
    its parameters are read as that conversation's too (its `title` is what the person names it)."""
    person: str | None = None
    """The person a route that writes (POST, PUT, PATCH) creates or updates, where its path ends with
    them (`/users`, `/users/{id}`: "user"; not `/users/{id}/api-keys`): its fields are read as that
    person's too (a `name` posted there is the user's name)."""
    deletes: bool = False
    """A DELETE route: its query and body fields select the records to remove, they collect nothing
    (but a password it asks for to confirm, `password: str = Body(...)`, which is received)."""
    path_only: bool = False
    """A Flask-style route (`@bp.route("/users")` of a `flask.Blueprint`): its view is called with its
    URL rule's variables only, so any other parameter is one a decorator passes (`@user_needed()`
    giving `user`), never a query or form field."""


# The routers whose views receive only their URL rule's variables as parameters (Werkzeug routing:
# Flask, Quart; Sanic's views likewise), unlike FastAPI/Litestar, where a parameter that is not a path
# segment is a query field. The symbols are what `static_symbol` gives an instance (`bp = Blueprint(...)`);
# a module exports its instances (`FileAnalyzer._exported_variables`), so views in another module that
# import its blueprint (`from . import bp`) are told apart too.
PATH_ONLY_ROUTERS = frozenset({"flask.Flask()", "flask.Blueprint()", "quart.Quart()", "quart.Blueprint()",
                                "sanic.Sanic()", "sanic.Blueprint()"})


_PATH_PARAM = LazyPattern(r"[{<](?:[^:>}]+:)?([A-Za-z_][A-Za-z0-9_]*)[}>]")


def route_info(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope,
               named: Sequence[ast.arg], defaults: Sequence[ast.expr | None]) -> RouteInfo | None:
    """Route details when `func` is decorated as a FastAPI-style route (`@router.post("/chat")`), or
    as a real-time server's event handler (`@sio.on("client_message")`). `named`: its named
    parameters (`named_parameters`), `defaults`: its defaults, positional then keyword-only (None for a
    keyword-only parameter without one), as its caller has read them (`analyze_function`: an AST node's
    field is read by the generic look-up, and most functions are no route: those reads were most of
    this test's cost)."""
    decorators = func.decorator_list
    if decorators and _event_decorated(an, func, scope):
        return RouteInfo(frozenset(), event=True)
    if decorators and _rpc_decorated(an, func, scope):
        return RouteInfo(frozenset(), rpc=True, context=_auth_word(an, func.name) or _sign_in_module(an))
    for at, decorator in enumerate(decorators):
        path = _route_path(decorator, an.models.routes.route_methods, bare=False)
        if path is not None:
            words = an.classifier.pack.words(f"{path} {func.name}")
            conversation = an.classifier.pack.groups.get("conversation", frozenset())
            deletes = isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute) \
                and decorator.func.attr == "delete"
            # stacked rules (`@bp.route("/login")` over `@bp.route("/login/<username>")`) each give
            # the view their variables
            params = set(_PATH_PARAM.findall(path))
            for other in decorators[at + 1:]:
                more = _route_path(other, an.models.routes.route_methods, bare=False)
                if more is not None:
                    params.update(_PATH_PARAM.findall(more))
            assert isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)  # _route_path's
            path_only = an.static_symbol(decorator.func.value, scope) in PATH_ONLY_ROUTERS
            person = _person_written(an, decorator.func.attr, path)
            return RouteInfo(frozenset(params), context=_sign_in_owner(words) or _sign_in_module(an) or _token_request(func),
                             topic=next((w for w in words if w in conversation), None), deletes=deletes,
                             path_only=path_only, person=person)
    # A dependency (`def require_key(authorization: str = Header(...))`) reads the request too.
    candidates: list[ast.expr | None] = list(defaults)
    for arg in named:
        # `x: Annotated[str, Security(api_key_header)]` (most parameters: no annotation, or a plain name)
        annotation = arg.annotation
        if type(annotation) is ast.Subscript and type(annotation.slice) is ast.Tuple \
                and _annotation_name(annotation.value) == "Annotated":
            candidates.extend(annotation.slice.elts[1:])
    for candidate in candidates:  # a loop, not `any` over a generator: most functions have no candidate
        if type(candidate) is ast.Call:
            break
    else:
        return None  # most functions: the markers' union is not worth building
    routes = an.models.routes
    markers = routes.field_markers | routes.header_markers | routes.file_markers
    for candidate in candidates:
        if isinstance(candidate, ast.Call) and (an.static_symbol(candidate.func, scope) in markers
                                                or _credential_scheme(an, candidate, scope)):
            return RouteInfo(frozenset(), dependency=True, context=_auth_word(an, func.name) or _sign_in_module(an)
                             or _token_request(func))
    return None


def _token_request(func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """"oauth" when `func` takes a `grant_type` parameter: it reads an OAuth token request (RFC 6749,
    4.1.3: `grant_type`, `code`, `code_verifier`, `redirect_uri`), whatever its name (Fief's
    `validate_grant_request`), so the `code` beside it is an authorization code. None otherwise."""
    return "oauth" if any(arg.arg == "grant_type" for arg in named_parameters(func.args)) else None


# Words of a route's path or name that make it a step of signing in (`/auth/oauth/{provider}/callback`,
# `verify_mobile_otp`: a one-time password is a second step of it).
_SIGN_IN_WORDS = frozenset({"auth", "oauth", "oauth2", "oidc", "sso", "saml", "login", "signin", "authorize", "authorization",
                            "otp", "totp", "mfa"})


def _auth_word(an: FileAnalyzer, text: str) -> str | None:
    """"oauth" when `text` (a route's path and its function's name) names a step of signing in: the
    owner its parameters are then read under (an owner of the classifier's group `auth`), else None."""
    return _sign_in_owner(an.classifier.pack.words(text))


def _person_written(an: FileAnalyzer, method: str, path: str) -> str | None:
    """The person a writing route's path ends with (`RouteInfo.person`), or None."""
    if method not in _WRITING_METHODS or not path:
        return None
    literal = [segment for segment in path.split("/") if segment and "{" not in segment and "<" not in segment]
    words = an.classifier.pack.words(literal[-1]) if literal else ()
    people = an.classifier.pack.groups.get("person", frozenset())
    return words[-1] if words and words[-1] in people else None


_WRITING_METHODS = frozenset({"post", "put", "patch"})
# A password or passphrase: what a person types to confirm who they are.
_PASSWORD_WORD = LazyPattern(r"pass(?:word|wd|phrase)", re.IGNORECASE)


def _confirming(name: str, category: str) -> bool:
    """Whether a DELETE route's field is the password the person confirms the removal with (R2R's
    `delete_user(password=Body(...))`): received, where a token or an id names the record removed."""
    return category == CREDENTIALS and _PASSWORD_WORD.search(name) is not None


def _sign_in_owner(words: Collection[str]) -> str | None:
    """"oauth" when `words` (of a route's path and its function's name) name a step of signing in, else None."""
    return "oauth" if any(word in _SIGN_IN_WORDS for word in words) else None


def sign_in_context(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, cls: ClassInfo | None,
                    route: RouteInfo | None) -> str | None:
    """The owner `func`'s request fields are read under too when it is a step of signing in, else None.

    A route's path or name says so (`RouteInfo.context`); a view without a route in the code says
    so by its own name or its class's (Django's `def oauth_return(request)`, `class
    SSOLoginReturnView(View)`, routed from a separate urls module). A nested function reads under
    its enclosing function's context (`_sign_in`). Under that owner the `code` an OAuth callback is
    given is a credential.
    """
    if route is not None and route.context is not None:
        return route.context
    return _auth_word(an, func.name if cls is None else f"{cls.name} {func.name}") or _sign_in_module(an) \
        or _exchanges_code(an, func)


# The OAuth 2 grant type by which a client exchanges the `code` it was given for tokens (RFC 6749, 4.1.3).
_CODE_GRANT = "authorization_code"


def _exchanges_code(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """"oauth" when `func` itself posts `grant_type=authorization_code` (Tendenci's Stripe Connect
    `FetchAccessToken.get`, which reads `code` from the query and exchanges it for the account's
    tokens): whatever its name, it is an OAuth callback. None otherwise; the function is walked only
    where its module's text names the grant."""
    named: bool | None = getattr(an.tree, _NAMES_GRANT, None)  # the module's text searched once
    if named is None:
        named = _CODE_GRANT in an.source
        setattr(an.tree, _NAMES_GRANT, named)
    if not named:
        return None
    return "oauth" if any(type(node) is ast.Constant and node.value == _CODE_GRANT for node in walk(func)) else None


_NAMES_GRANT = "_policyscan_names_code_grant"


def _sign_in_module(an: FileAnalyzer) -> str | None:
    """"oauth" when the module's own name or its package's names a step of signing in (misago's
    `oauth2/client.py`, whose `get_code_grant(request)` reads the callback's `code`), else None."""
    return _sign_in_owner(an.classifier.pack.words(" ".join(an.module.split(".")[-2:])))


def _credential_scheme(an: FileAnalyzer, call: ast.Call, scope: Scope) -> bool:
    """`Security(api_key_header)` / `Depends(oauth2_scheme)`: the argument is a security scheme instance."""
    if not call.args:
        return False
    symbol = an.static_symbol(call.args[0], scope)
    if symbol is not None and symbol.startswith("@instance:"):
        # `oauth2_login = OAuth2PasswordBearerCookie(...)`, a subclass of a scheme of the project's own
        info = an.classes.get(symbol[len("@instance:"):])
        return info is not None and any(an.models.is_credential_scheme(f"{base}()") for base in info.bases)
    if symbol is None:
        return False
    if an.models.is_credential_scheme(symbol):
        return True
    if type(call.args[0]) is not ast.Attribute:
        return False
    # `Depends(APIKeyAuthenticationBackend.scheme)`: a scheme a class holds as its attribute (`scheme =
    # APIKeyHeader(...)`), of this module or another (exported under the class's name)
    if symbol.startswith("@class:"):
        name, _, attribute = symbol[len("@class:"):].partition(".")
        held = an.classes[name].attributes.get(attribute) if name in an.classes else None
        bound = held.symbol if held is not None else None
    else:
        bound = an.bound_elsewhere(symbol) if symbol[:1] != "@" else None
    return bound is not None and an.models.is_credential_scheme(bound)



def _parsed_name(call: ast.Call, names: list[str]) -> str | None:
    """The parameter (one of `names`) a call of one argument is given, as it is or decoded first
    (`json.loads(input_str.decode("utf-8"))`); None for any other argument."""
    given = call.args[0]
    if type(given) is ast.Call and type(given.func) is ast.Attribute and given.func.attr in _DECODING_METHODS:
        given = given.func.value
    return given.id if type(given) is ast.Name and given.id in names else None


def scheme_read(an: FileAnalyzer, node: ast.Call, symbol: str, args: list[Value]) -> Value | None:
    """`await self.scheme(request)`: a FastAPI security scheme instance (`APIKeyHeader(...)`,
    `HTTPBearer(...)`) called with the request reads the credential it names from the request's
    headers (an authentication backend's own read, as `Depends(scheme)` is a route's): a credentials
    collect at the call. None when `symbol` is no scheme instance or no request is given."""
    if not any(value.symbol is not None and value.symbol.startswith(REQUEST) for value in args) \
            or not an.models.is_credential_scheme(symbol):
        return None
    message = "a credential (API key, token) is read from the request by a security scheme"
    an.emit(Kind.COLLECT, node, [CREDENTIALS], "python.fastapi.credential", message, reasons=("FastAPI security scheme",))
    return Value(categories=frozenset({CREDENTIALS}), steps=(an.step(node, message),))

# A Tornado RequestHandler handed to a function: the frameworks pack makes its `request` the request
# object and its argument methods the request's (`handler.get_argument("token")`).
TORNADO_HANDLER = "tornado.web.RequestHandler"
TORNADO_HANDLERS = frozenset({TORNADO_HANDLER, "tornado.websocket.WebSocketHandler"})
# The unannotated parameter name a Tornado app's hooks give the handler, in a module naming tornado.
TORNADO_HANDLER_PARAMETERS = frozenset({"handler"})


_SCALARS = frozenset({"builtins.str", "builtins.int", "builtins.float", "builtins.bool", "pydantic.EmailStr",
                      "pydantic.networks.EmailStr", "datetime.date", "datetime.datetime", "uuid.UUID"})


# The `params` of the first parameters' values, made once: a frozenset for each of a scan's parameters otherwise.
_INDEX_PARAMS = tuple(frozenset({i}) for i in range(16))
# The value of a parameter nothing is known about but which parameter it is (its `params`): most
# parameters' (frozen, so one is shared by every function's parameter at that index).
_KWARGS_PARAMS = frozenset({KWARGS})
_VARARGS_PARAMS = frozenset({VARARGS})
_PARAMS_ONLY: dict[frozenset[int], Value] = {}


def _index_params(index: int) -> frozenset[int]:
    """`frozenset({index})`, shared for the first sixteen indexes."""
    return _INDEX_PARAMS[index] if index < len(_INDEX_PARAMS) else frozenset({index})


def _params_only(params: frozenset[int]) -> Value:
    """`Value(params=params)`, one shared instance for each `params` (a handful: one index, *args, **kwargs)."""
    value = _PARAMS_ONLY.get(params)
    if value is None:
        value = _PARAMS_ONLY[params] = Value(params=params)
    return value


def parameter_value(
    an: FileAnalyzer,
    func: ast.FunctionDef | ast.AsyncFunctionDef,
    arg: ast.arg,
    index: int,
    cls: ClassInfo | None,
    route: RouteInfo | None,
    scope: Scope,
) -> Value:
    """What a parameter holds on entry; route parameters that are request fields are collected here."""
    # the nodes' fields read once: a field of an AST node is read by the generic attribute look-up (the
    # interpreter specialises no read of one in 3.11), several times dearer than a local's
    signature, name, annotated = func.args, arg.arg, arg.annotation
    # the positional parameters' count and first, without building their list (called for every parameter)
    positional = len(signature.posonlyargs) + len(signature.args)
    if cls is not None and index == 0 and name in ("self", "cls") and positional \
            and (signature.posonlyargs or signature.args)[0] is arg:
        rendered = cls.rendered if name == "self" else frozenset()
        return Value(symbol=f"@self:{cls.name}", categories=rendered,
                     reasons=(f"{cls.name}'s string form shows {', '.join(sorted(rendered))}",) if rendered else ())
    if route is not None and route.event and arg is not signature.vararg and arg is not signature.kwarg:
        return _event_parameter(an, arg)
    handler = inbound_parameters(an, func, scope).get(name) if cls is None else None
    if handler is not None:
        return Value(symbol=f"{REQUEST}.<{handler}>", role=INBOUND_KEYS)
    if cls is not None and an.inbound_functions:
        # a hook method of a server's handler object (aiosmtpd's `handle_DATA`), or a method it hands
        # the message to: the message (`inbound_hooks` noted them at the class)
        kind = an.inbound_functions.get(f"{cls.name}.{func.name}", {}).get(name)
        if kind is not None:
            return Value(symbol=f"{REQUEST}.<{kind}>", role=INBOUND)
    if cls is not None and func.name in an.models.routes.body_hook_methods and signature.args \
            and signature.args[-1] is arg and _body_hook(an, func, cls):
        return _HOOK_BODY
    if index == 1 and cls is not None and len(signature.args) > 1 and signature.args[1] is arg \
            and func.name in an.models.routes.bundle_hook_methods and _body_hook(an, func, cls, an.models.routes.bundle_hooks):
        return HOOK_BUNDLE
    # which parameter of the summary a value from this argument is (the last ones: *args, **kwargs)
    # (`_index_params` inlined, and `annotation_symbol` and `_typed_parameter` not called for an
    # unannotated parameter: this runs for every parameter, and most have no annotation)
    params = (_INDEX_PARAMS[index] if index < len(_INDEX_PARAMS) else frozenset({index})) \
        if index < positional or arg in signature.kwonlyargs else frozenset()
    annotation = an.annotation_symbol(annotated, scope) if annotated is not None else None
    model = an.models.request
    if annotation is not None and annotation in model.annotations:
        return Value(symbol=REQUEST)
    if annotation is not None and annotation in an.models.inbound:
        return Value(symbol=f"{REQUEST}.<{annotation}>", role=INBOUND)
    if annotation is not None and annotation.startswith("@class:") and route is None:
        held = an.instance_value(annotation[len("@class:"):])
        return Value(symbol=held.symbol, categories=held.categories, reasons=held.reasons, params=params)
    if annotation is not None and route is None and not annotation.startswith("@"):
        an.uses.add(USE_RENDERED + annotation)
        known = an.external.rendered.get(annotation)
        if known:
            return Value(symbol=f"{annotation}()", categories=known, params=params,
                         reasons=(f"{annotation}'s string form shows {', '.join(sorted(known))}",))
        carried = an.models.carriers.get(annotation)
        if carried is not None:
            # `update: UpdateUserStatus` (Telethon): an object of a class a `[[carries]]` call makes holds
            # the person's details its string form shows, as one made or caught by that class does
            return Value(symbol=f"{annotation}()", categories=carried, params=params,
                         reasons=(f"a {annotation} holds the person's details its string form shows",))
        # `client: openai.OpenAI`: a client the caller made, typed by its class; its calls are the
        # SDK's (a dict lookup: only a class some pack models is taken)
        instance = an.normalize(f"{annotation}()")
        if an.models.relevant(instance):
            return Value(symbol=instance, params=params)
    if annotated is not None or name in an.parameters_read_by_name:
        if name in model.parameter_names and (annotated is None or annotation in _UNTYPED
                                              or annotation is None and _annotation_name(annotated).endswith(("HttpRequest", "WSGIRequest"))):
            # `request: Any` says nothing of what it is (a Pyramid view's, typed loosely): read by its name
            return Value(symbol=REQUEST)
        if annotated is None and name in model.connection_names and _connection_module(an, name):
            # `handle_websocket_communication(websocket, manager)` in a FastAPI module: the framework's
            # websocket connection, a request (its `receive_text()` is the message taken whole)
            return Value(symbol=REQUEST)
        if model.events and (annotation in model.event_objects or annotated is None and name in model.event_parameters):
            event = annotation if annotation is not None else _request_event(an)
            if event is not None:
                # a subscriber of a framework's request events (`def on_new_request(event)` registered for
                # Pyramid's NewRequest): `event.request` is the request being handled
                return Value(symbol=event, params=params)
        if name == "environ" and "start_response" in an.source and _wsgi_environ(an, func, cls):
            # a WSGI app or middleware (PEP 3333): `__call__(self, environ, start_response)` is given the
            # request's environ, and so is the middleware's method it hands it to (`write_log(self,
            # environ, ...)` of an access logger): read as the request's headers, as `request.environ` (its
            # keys are the request's headers and the client's address)
            return Value(symbol=f"{REQUEST}.environ", role="headers", params=params)
        if annotation in TORNADO_HANDLERS or name in TORNADO_HANDLER_PARAMETERS and annotated is None \
                and "tornado" in an.source:
            # a hook of a Tornado app handed the RequestHandler (JupyterHub's `authenticate(self, handler,
            # data)`, Tornado's `log_function(handler)`): its `request` and `get_argument` are the request's
            return Value(symbol=TORNADO_HANDLER, params=params)
        if name in model.parameter_names and annotation is not None and annotated is not None \
                and _annotation_name(annotated).endswith("Request") \
                and not _names_schema(an, annotation):
            # `request: CKANRequest`: a project's own request class (a LocalProxy or Request subclass),
            # unless it is a schema (`request: ChatRequest`, a request body model)
            return Value(symbol=REQUEST)
        # a Flask view's parameter that no URL rule gives is one a decorator passes (path_only): it is
        # read like a path segment's, as what the code holds, not as a query field
        if route is not None and not route.path_only and name not in route.path_params \
                and not (route.rpc and (arg is signature.vararg or arg is signature.kwarg)):
            collected = _route_parameter(an, func, arg, annotation, scope, route)
            if collected is not None:
                return collected
            if route.rpc and _rpc_struct(an, func, name):
                return _RPC_STRUCT
            if annotation is not None:
                # a body decoded into a model (`data: UpdateCustomerRequest`): its string form (a Pydantic
                # or dataclass repr) shows what the person sent, so logging it whole logs those fields, as
                # for the same model given to a function that is not a route. Its fields are collected
                # where the model is declared; this value carries no symbol and emits nothing.
                shown = _rendered_by(an, annotation)
                if shown:
                    return Value(categories=shown, params=params,
                                 reasons=(f"{annotation.removeprefix('@class:')}'s string form shows {', '.join(sorted(shown))}",))
        if annotation in ASGI_SCOPES:
            # an ASGI app's or middleware's connection scope (`async def __call__(self, scope: Scope, receive,
            # send)`): the request's own dict, whose "client" is the client's address
            return Value(symbol=f"{REQUEST}.scope", role=ASGI_SCOPE, params=params)
        if annotated is not None and _annotation_name(annotated) in ASGI_RECEIVE_EVENTS:
            # an ASGI middleware's message from `receive()`: its "body" is a chunk of the request body
            return Value(symbol=f"{REQUEST}.receive()", role="fields", params=params)
        if name in an.models.logger_names and annotated is None and arg is not signature.vararg \
                and arg is not signature.kwarg:
            # `def create_ticket_cc(ticket, cc_list, logger)`: a logger the caller made (a mail importer's
            # per-queue logger), known by its name as an unbound `logger` is: its calls write to a log
            return Value(symbol=an.models.logger_type)
    elif route is not None and not route.path_only and name not in route.path_params \
            and not (route.rpc and (arg is signature.vararg or arg is signature.kwarg)):
        # an unannotated parameter whose name no test above reads (most parameters: each of those tests
        # needs an annotation or one of these names), of a route: only the route's own reading is left
        collected = _route_parameter(an, func, arg, annotation, scope, route)
        if collected is not None:
            return collected
        if route.rpc and _rpc_struct(an, func, name):
            return _RPC_STRUCT
    named = an.classify_name(name, cls.name if cls is not None else None)
    if cls is not None and func.decorator_list and index == positional - 1 and index >= 2:
        # `@validates("country") def validate_country(self, key, value)`: the value set for the columns
        # named (SQLAlchemy's attribute validator), what those columns hold whatever it is called
        columns = [found for column in _validated_columns(an, func, scope)
                   if (found := an.classify_name(column, cls.name)) is not None]
        if columns:
            named = union([named, *columns] if named is not None else columns)
    if named is None and cls is not None and an.classifier.not_a_person(cls.name):
        # a method's parameter is what its callers hand the object, not the object's own field:
        # `MailQueue.add(self, email)`, `CheckoutService.charge(self, card_number)`
        named = an.classify_name(name, None)
    if named is None and _sends_mail(func.name, an.classifier):
        # `def send_email(subject, recipient, text, html)`: whom a function that sends mail is handed
        # is an address, as a message's `to` and `recipient` are
        named = an.classify_name(name, _MAIL_OWNER)
    if named is None and _SEARCH_VERB in func.name and _text_annotation(annotated) \
            and _searches(func.name, an.classifier):
        # `def search(self, query: str)`, `def search_exa(api_key, query, count)`: what a function that
        # searches is handed as its query is what was searched, as `SearchClient.search(query)`'s is
        # (not an ORM query: `query: Query` is typed otherwise)
        named = an.classify_name(name, _SEARCH_OWNER)
    named = named or (_typed_parameter(an, annotated) if annotated is not None else None)
    if arg is signature.kwarg:
        params = _KWARGS_PARAMS
    elif arg is signature.vararg:
        params = _VARARGS_PARAMS
    if named is None:
        # most parameters: no data, only which parameter it is (one shared Value for each)
        if not params:
            return NOTHING
        shared = _PARAMS_ONLY.get(params)  # `_params_only`, its memo read first
        return shared if shared is not None else _params_only(params)
    return Value(categories=named.categories, reasons=named.reasons, params=params,
                 steps=(an.step(arg, f"parameter '{name}'"),))


def parameters_read_by_name(models: Models) -> frozenset[str]:
    """The names that make an unannotated parameter something of its own in `parameter_value` (a request,
    a framework's connection, a request event, a WSGI environ, a Tornado handler, a logger): a parameter
    with no annotation and none of these names skips those tests (`FileAnalyzer.parameters_read_by_name`,
    made once per file: `parameter_value` runs for every parameter, and most have neither)."""
    request = models.request
    return request.parameter_names | request.connection_names | request.event_parameters \
        | TORNADO_HANDLER_PARAMETERS | models.logger_names | {"environ"}


# Annotations that say nothing of what a parameter holds: a `request: Any` is read by its name.
_UNTYPED = frozenset({"typing.Any", "typing_extensions.Any"})


def _request_event(an: FileAnalyzer) -> str | None:
    """The event type an unannotated subscriber parameter (`event`) holds in this module: the first
    type of a package's request events (`[request.events]`) when the module imports that package
    (Pyramid's `NewRequest`), else None. A text test first: most modules name no such package."""
    for package, types in an.models.request.events.items():
        if package in an.source and any(qualified == package or qualified.startswith(f"{package}.")
                                        for _, qualified in _module_imports(an)):
            return types[0]
    return None


def connection_attributes(models: Models, tree: ast.Module, source: str) -> tuple[frozenset[str], Mapping[str, str]]:
    """The attribute names that hold the connection a client came in on in this module, and the request
    attributes read only where a package is imported, with their roles: those
    `[request.connection_attributes]` and `[request.package_attributes]` list for a package the module
    imports at its top (`transport` and `content` where `twisted` is imported). A text test first: most
    modules name no such package."""
    request = models.request
    packages = [package for package in {*request.connection_attributes, *request.package_attributes}
                if package in source]
    if not packages:
        return _NO_CONNECTION_ATTRIBUTES, _NO_PACKAGE_ATTRIBUTES
    imported = [qualified for stmt in tree.body if type(stmt) is ast.Import or type(stmt) is ast.ImportFrom
                for qualified in _imported_names(stmt)]
    names: set[str] = set()
    members: dict[str, str] = {}
    for package in sorted(packages):
        if any(qualified == package or qualified.startswith(f"{package}.") for qualified in imported):
            names.update(request.connection_attributes.get(package, ()))
            members.update(request.package_attributes.get(package, {}))
    return (frozenset(names) if names else _NO_CONNECTION_ATTRIBUTES), (members or _NO_PACKAGE_ATTRIBUTES)


_NO_PACKAGE_ATTRIBUTES: Mapping[str, str] = {}
_NO_CONNECTION_ATTRIBUTES: frozenset[str] = frozenset()


def _imported_names(stmt: ast.Import | ast.ImportFrom) -> list[str]:
    """The qualified names an absolute top-level import names (`twisted.internet.protocol`,
    `autobahn.twisted.websocket.WebSocketServerProtocol`); none for a relative one."""
    if isinstance(stmt, ast.Import):
        return [alias.name for alias in stmt.names]
    if stmt.level or stmt.module is None:
        return []
    return [f"{stmt.module}.{alias.name}" for alias in stmt.names]


def _connection_module(an: FileAnalyzer, name: str) -> bool:
    """Whether this module imports a package whose connection objects an unannotated parameter named
    `name` holds (`[request.connections]`: `websocket` where `fastapi` or `starlette` is imported). A
    text test first: most modules name no such package."""
    for package, names in an.models.request.connections.items():
        if name in names and package in an.source and any(
                qualified == package or qualified.startswith(f"{package}.") for _, qualified in _module_imports(an)):
            return True
    return False


# SQLAlchemy's attribute validator decorator (`@validates("email")`), as imports name it.
_VALIDATES = frozenset({"sqlalchemy.orm.validates", "sqlalchemy.orm.util.validates"})


def _validated_columns(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> list[str]:
    """The column names a method's `@validates("country", ...)` decorator names; empty for any other."""
    for decorator in func.decorator_list:
        if isinstance(decorator, ast.Call) and callee_name(decorator) == "validates" \
                and an.static_symbol(decorator.func, scope) in _VALIDATES:
            return [a.value for a in decorator.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return []


# The owner a mail's parts are read under (the classifier's `mail` owners): `recipient @mail`, `to @mail`.
_MAIL_OWNER = "mail"
# Verbs of a function that sends what it is given (`send_email`, `deliver_mail`).
_SENDING_VERBS = frozenset({"send", "deliver", "dispatch", "queue", "enqueue", "notify", "post"})


@functools.lru_cache(maxsize=1 << 12)
def _sends_mail(name: str, classifier: Classifier) -> bool:
    """Whether a function's name says it sends mail (`send_email`, `send_mail`, `mail_user`): its first
    word a verb of sending or a mail word, and a mail word among its words.

    Asked for each parameter of every function left unclassified: memoised by name (the classifier
    is hashed by identity), and a name whose text holds no mail word's stem is not split into words."""
    pack = classifier.pack
    lowered = name.lower()
    if not any(stem in lowered for stem in _mail_stems(pack)):
        return False
    mail = pack.groups.get(_MAIL_OWNER, frozenset())
    words = pack.words(name)
    return bool(words) and (words[0] in _SENDING_VERBS or words[0] in mail) and any(word in mail for word in words)


@functools.lru_cache(maxsize=4)
def _mail_stems(pack: RulePack) -> tuple[str, ...]:
    """The text each mail word shows in a name it was split from (`pack.words` singularises: a word is
    in the lower-cased text it came from, but for the `y` an `-ies` plural loses)."""
    return tuple(word[:-1] if word.endswith("y") else word for word in pack.groups.get(_MAIL_OWNER, frozenset()))


# The owner what was searched is read under (the classifier's `search` owners: `query @search`), and the
# word a function that searches begins its name with (`search`, `search_exa`, `_search_people`).
_SEARCH_OWNER = "search"
_SEARCH_VERB = "search"
# Annotations of a text: a parameter typed otherwise (`query: Query`, `query: QuerySet`) is not a search's text.
_TEXT_ANNOTATIONS = frozenset({"str", "Optional[str]", "str | None", "None | str"})


def _text_annotation(annotation: ast.expr | None) -> bool:
    """Whether a parameter's annotation leaves it a text: none, or `str` (optionally None)."""
    return annotation is None or ast.unparse(annotation) in _TEXT_ANNOTATIONS


@functools.lru_cache(maxsize=1 << 10)
def _searches(name: str, classifier: Classifier) -> bool:
    """Whether a function's name says it searches: its first word `search` (`search`, `search_exa`,
    `searchUsers`), not a word that only begins so (`searcher`, `searchable`). Memoised by name."""
    words = classifier.pack.words(name)
    return bool(words) and words[0] == _SEARCH_VERB


# The connection scope an ASGI app is called with (the ASGI spec's `scope` dict, typed by Starlette and
# asgiref): a request's, whose key "client" holds the client's (host, port).
ASGI_SCOPES = frozenset({"starlette.types.Scope", "asgiref.typing.Scope", "asgiref.typing.HTTPScope",
                         "asgiref.typing.WWWScope", "asgiref.typing.WebSocketScope"})
ASGI_SCOPE = "asgi_scope"
# Types of the events an ASGI app receives from the server (asgiref.typing): the request's messages.
ASGI_RECEIVE_EVENTS = frozenset({"ASGIReceiveEvent", "HTTPRequestEvent", "WebSocketReceiveEvent"})


def _rendered_by(an: FileAnalyzer, annotation: str) -> frozenset[str]:
    """The categories the string form of the class a resolved annotation names shows: a class of
    this file, or of another module of the project (a use, since that module's analysis tells).
    The empty set for other annotations."""
    if annotation.startswith("@class:"):
        info = an.classes.get(annotation[len("@class:"):])
        return info.rendered if info is not None else frozenset()
    if annotation.startswith("@"):
        return frozenset()
    an.uses.add(USE_RENDERED + annotation)
    return an.external.rendered.get(annotation, frozenset())


def _names_schema(an: FileAnalyzer, annotation: str) -> bool:
    """Whether a resolved annotation names a schema class: of this file, or of another module of the
    project (a use, since that module's analysis tells)."""
    if annotation.startswith("@class:"):
        return annotation[len("@class:"):] in an.schema_classes
    if annotation.startswith("@") or "." not in annotation:
        return False
    an.uses.add(USE_BASE + annotation)
    return annotation in an.external.families


def _typed_parameter(an: FileAnalyzer, annotation: ast.expr | None) -> Value | None:
    """What a parameter holds by its declared type, when its name says nothing: an IP address
    type (`hops: "list[IPAddress]"`, `ip: ipaddress.IPv4Address`), an email type (the
    classifier's `[types]`, as for schema fields)."""
    if annotation is None:
        return None
    if type(annotation) is ast.Constant and isinstance(annotation.value, str):  # (by exact type: see `owner_name`)
        texts = [annotation.value]  # a quoted annotation: the classifier searches its text
    else:
        texts = [n.id if isinstance(n, ast.Name) else n.attr
                 for n in _type_names(annotation) if isinstance(n, (ast.Name, ast.Attribute))]
    for text in texts:
        match = an.classifier.type_name(text)
        if match is not None:
            return Value(categories=frozenset({match.category}), reasons=(match.pattern,))
    return None


def _annotation_name(node: ast.expr) -> str:
    if type(node) is ast.Name:  # (by exact types: see `owner_name`)
        return node.id
    if type(node) is ast.Attribute:
        return node.attr
    if type(node) is ast.Constant and isinstance(node.value, str):
        return node.value
    return ""


def _default_of(func: ast.FunctionDef | ast.AsyncFunctionDef, arg: ast.arg) -> ast.expr | None:
    positional = positional_parameters(func.args)
    if arg in positional:
        offset = len(positional) - len(func.args.defaults)
        index = positional.index(arg)
        return func.args.defaults[index - offset] if index >= offset else None
    if arg in func.args.kwonlyargs:
        return func.args.kw_defaults[func.args.kwonlyargs.index(arg)]
    return None


def _route_parameter(
    an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, arg: ast.arg, annotation: str | None, scope: Scope,
    route: RouteInfo,
) -> Value | None:
    routes = an.models.routes
    markers: list[tuple[str, ast.Call]] = []
    default = _default_of(func, arg)
    if isinstance(default, ast.Call):
        symbol = an.static_symbol(default.func, scope)
        if symbol is not None:
            markers.append((symbol, default))
    if isinstance(arg.annotation, ast.Subscript) and _annotation_name(arg.annotation.value) == "Annotated":
        extra = arg.annotation.slice.elts[1:] if isinstance(arg.annotation.slice, ast.Tuple) else []
        for item in extra:
            if isinstance(item, ast.Call):
                symbol = an.static_symbol(item.func, scope)
                if symbol is not None:
                    markers.append((symbol, item))
    alias = arg.arg
    for _, call in markers:
        for keyword in call.keywords:
            if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                alias = keyword.value.value
    kinds = {symbol for symbol, _ in markers}
    if any(_credential_scheme(an, call, scope) for _, call in markers):
        category = CREDENTIALS
        message = f"a credential (API key, token) is received as parameter '{arg.arg}'"
        an.emit(Kind.COLLECT, arg, [category], "python.fastapi.credential", message, reasons=("FastAPI security scheme",))
        return Value(categories=frozenset({category}), steps=(an.step(arg, message),))
    form_categories = routes.form_classes.get(annotation or "")
    if form_categories:
        message = f"request form fields are received as parameter '{arg.arg}' ({annotation})"
        an.emit(Kind.COLLECT, arg, form_categories, "python.fastapi.form-class", message, reasons=(f"{annotation} reads form fields",))
        return Value(categories=frozenset(form_categories), steps=(an.step(arg, message),))
    if kinds & routes.ignored_markers:
        return NOTHING
    if annotation in routes.upload_types or kinds & routes.file_markers or _mentions(arg.annotation, routes.upload_types, an, scope):
        message = f"an uploaded file is received as parameter '{arg.arg}'"
        an.emit(Kind.COLLECT, arg, [CONTENT], "python.fastapi.upload", message, reasons=("FastAPI upload parameter",))
        return Value(categories=frozenset({CONTENT}), steps=(an.step(arg, message),))
    if kinds & routes.header_markers:
        # a header the table does not list (`Header(alias="user_id")`) is read as a name, as a
        # `request.headers.get("user_id")` is (`request_key`)
        match = an.classifier.header(alias.replace("_", "-")) or an.classifier.name(alias, owner=None)
        if match is None:
            return NOTHING
        message = f"request header '{alias.replace('_', '-')}' is received as parameter '{arg.arg}'"
        an.emit(Kind.COLLECT, arg, [match.category], "python.fastapi.header", message, reasons=(match.pattern,))
        return Value(categories=frozenset({match.category}), steps=(an.step(arg, message),))
    field_marker = kinds & routes.field_markers
    if field_marker and annotation is not None and _names_schema(an, annotation):
        # `user: SCIMUser = Body(...)`: the body decoded into a model, not a field named `user`; the
        # model's fields are collected where it is declared
        return None
    if route.rpc and _splatted(func, arg.arg):
        return None  # `Build.filter(query)` spread into `filter(**query)`: field lookups, a struct (`_rpc_struct`)
    plain = not markers and not route.dependency and (annotation is None and arg.annotation is None or annotation in _SCALARS or _scalar_annotation(arg.annotation))
    if field_marker or plain:
        named = an.classifier.name(alias, owner="request")
        if named is None and arg.arg != alias:
            named = an.classifier.name(arg.arg, owner="request")
        if named is None and route.context is not None:
            named = an.classifier.name(alias, owner=route.context)
        if named is None and route.topic is not None:
            named = an.classifier.name(alias, owner=route.topic)
        if named is None and route.person is not None:
            named = an.classifier.name(alias, owner=route.person)
            if named is not None and named.category == UNIQUE_ID:
                named = None  # the person's id picks the record written, as a path segment does
        if named is None and _beside_address(an, func):
            named = an.classifier.name(alias, owner="address")  # `region`, `timezone` sent with a `city`
        # a user's id in a route's query or form picks the record to act on, as a path segment or
        # `request.args.get("user_id")` does (`/end_user/info?end_user_id=...`): nothing is received
        if named is None or route.deletes and not _confirming(alias, named.category) \
                or refers_to_user(alias, named.category):
            return None
        if route.rpc and route.context is None and named.category in (USERNAME, UNIQUE_ID):
            # a remote procedure has no path: the account a call names (`TestRun.add_cc(run_id, username)`,
            # `User.join_group(username, groupname)`) is the one it acts on, as a path segment picks a
            # record; only a procedure that signs in (`Auth.login(username, password)`) receives one
            return None
        if named.category.startswith(CONTENT) and arg.annotation is not None and _annotation_name(arg.annotation) in ("bool", "int"):
            return None  # `content: bool = Query(True)`: a flag or a count never carries what a user wrote
        rule = "python.fastapi.form-field" if field_marker else "python.fastapi.query-parameter"
        message = f"request field '{alias}' is received as parameter '{arg.arg}' ({named.category})"
        an.emit(Kind.COLLECT, arg, [named.category], rule, message, reasons=(named.pattern,))
        return Value(categories=frozenset({named.category}), steps=(an.step(arg, message),), reasons=(named.pattern,))
    return None


# The tree attribute that keeps whether a route function takes part of an address.
_ADDRESS_PARAMS = "_policyscan_address_params"


def _beside_address(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a route function takes a street, postal code or city among its parameters (worked out
    once per function): then its ambiguous ones (`region`, `country`, `timezone`) are parts of that
    address or whereabouts, as a schema's are (`_has_address_fields`)."""
    found: bool | None = getattr(func, _ADDRESS_PARAMS, None)
    if found is None:
        found = False
        for arg in named_parameters(func.args):
            if _address_word(arg.arg):
                match = an.classifier.name(arg.arg, owner="request")
                if match is not None and match.category in _ADDRESS_ANCHORS:
                    found = True
                    break
        setattr(func, _ADDRESS_PARAMS, found)
    return found


def _scalar_annotation(node: ast.expr | None) -> bool:
    if node is None:
        return False
    if isinstance(node, ast.Name):
        return node.id in ("str", "int", "float", "bool", "EmailStr", "date", "datetime", "UUID")
    if isinstance(node, ast.Subscript) and _annotation_name(node.value) in ("Optional", "Union", "list", "List"):
        inner = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return all(_scalar_annotation(i) or isinstance(i, ast.Constant) and i.value is None for i in inner)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return all(_scalar_annotation(n) or isinstance(n, ast.Constant) and n.value is None for n in (node.left, node.right))
    return False


def _mentions(node: ast.expr | None, symbols: frozenset[str], an: FileAnalyzer, scope: Scope) -> bool:
    if node is None:
        return False
    for sub in walk(node):
        if isinstance(sub, (ast.Name, ast.Attribute)) and an.static_symbol(sub, scope) in symbols:
            return True
    return False


# ------------------------------------------------------------------------------- schemas
def response_model_names(tree: ast.Module, source: str) -> set[str]:
    """Names of classes used as `response_model=` anywhere in the module, but those a route of the
    module also takes as a parameter (see `_route_parameter_types`), and of the schemas a view's
    response decorator names, but those the module also reads a request with (`_answered_schemas`)."""
    names: set[str] = set()
    if "response_model" in source:  # most modules: no walk at all
        for node in walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "response_model":
                _add_last_names(node.value, names)
        if names:
            names -= _route_parameter_types(tree)
    if _answers_written(source):
        for answered, _ in _answered_schemas(tree):
            if isinstance(answered, ast.Name):
                names.add(answered.id)
            elif isinstance(answered, ast.Attribute):
                names.add(answered.attr)
    return names


# A view's response declared by a decorator that names the schema the view answers with: flask-smorest's
# `@blp.response(200, UserSchema(many=True))` and `@blp.alt_response(404, schema=ErrorSchema)` (also
# apiflask's `@app.output(UserSchema)`, the same idea). The schema only documents and serialises what the
# view sends back: a person's data it shows is held already, not taken in (the contract's response rule).
# The decorators that read a request with a schema say the opposite, and win in the module that names
# a schema both ways (an endpoint that takes a record and answers with it): flask-smorest's
# `@blp.arguments(Schema)`, apiflask's `@app.input(Schema)`, webargs' `use_args` / `use_kwargs`.
_RESPONSE_DECORATOR = LazyPattern(r"@[\w.]+\.(?:alt_response|response|output)\(")
_RESPONSE_METHODS = frozenset({"response", "alt_response", "output"})
_REQUEST_METHODS = frozenset({"arguments", "input", "use_args", "use_kwargs"})


def _answers_written(source: str) -> bool:
    """Whether a response decorator may be written in `source`: its method's name found in C first
    (most modules hold none), then the decorator's pattern."""
    return ("response(" in source or ".output(" in source) and _RESPONSE_DECORATOR.search(source) is not None


def _answered_schemas(tree: ast.Module) -> list[tuple[ast.expr, ast.expr]]:
    """The schema classes the module's views answer with (see `_RESPONSE_DECORATOR`), each with the
    decorator's argument naming it (`UserSchema` with `UserSchema(many=True)`), but those a view of the
    module also reads a request with. Only called where the source holds such a decorator."""
    answered: list[tuple[ast.expr, ast.expr]] = []
    requested: set[str] = set()
    for node in walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            if not isinstance(decorator, ast.Call):
                continue
            func = decorator.func
            method = callee_name(decorator)
            if method in _REQUEST_METHODS:
                if decorator.args:
                    requested.add(ast.dump(_schema_class(decorator.args[0])))
            elif method in _RESPONSE_METHODS and isinstance(func, ast.Attribute):
                given = _response_schema(method, decorator)
                if given is not None:
                    answered.append((_schema_class(given), given))
    return [(cls, given) for cls, given in answered if ast.dump(cls) not in requested]


def _response_schema(method: str, decorator: ast.Call) -> ast.expr | None:
    """The schema argument of a response decorator: `schema=`, else flask-smorest's `response`'s second
    positional argument after a status code (`alt_response`'s second is a component's name), apiflask's
    `output`'s first."""
    for keyword in decorator.keywords:
        if keyword.arg == "schema":
            return keyword.value
    if method == "output":
        return decorator.args[0] if decorator.args else None
    if method == "response" and len(decorator.args) >= 2 and _status_code(decorator.args[0]):
        return decorator.args[1]
    return None


def _status_code(node: ast.expr) -> bool:
    """An HTTP status as a decorator gives it: `200`, `"201"`, `HTTPStatus.OK`."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int) and not isinstance(node.value, bool) or (
            isinstance(node.value, str) and node.value.isdigit())
    return isinstance(node, ast.Attribute)


def _schema_class(node: ast.expr) -> ast.expr:
    """The class a schema argument names: `UserSchema` of `UserSchema`, `UserSchema()` and
    `UserSchema(many=True)`."""
    return node.func if isinstance(node, ast.Call) else node


def _add_last_names(node: ast.expr, names: set[str]) -> None:
    """Add to `names` the last name of every name and dotted name `node` mentions (`list[api.User]`
    -> list, User, api)."""
    for sub in walk(node):
        if isinstance(sub, ast.Name):
            names.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            names.add(sub.attr)


_DEPENDENCY_MARKERS = ("Depends", "Security")


def _given_by_dependency(func: ast.FunctionDef | ast.AsyncFunctionDef, arg: ast.arg) -> bool:
    """Whether FastAPI fills a route's parameter with what a security dependency returns (`auth:
    AuthContext = Security(authorize)`, `Annotated[AuthContext, Security(authorize, scopes=[...])]`)
    rather than by decoding the request into its type: `Security` is `Depends` with OAuth scopes, the
    authentication of the request, and hands the route the signed-in principal or the session the
    service built, whose class takes no body. A plain `Depends(...)` is not read so: its function
    may decode the body into the class (Fief's `Depends(get_user_create_admin)`) or load the stored
    record (lnbits' `Depends(check_account_exists)`). `Security()` or one naming the annotated class
    (`Security(Scopes)`) builds that class from the request: received."""
    calls: list[ast.Call] = []
    annotation = arg.annotation
    default = _default_of(func, arg)
    if type(default) is ast.Call and _annotation_name(default.func) == _SECURITY_MARKER:
        calls.append(default)
    if type(annotation) is ast.Subscript and _annotation_name(annotation.value) == "Annotated" \
            and type(annotation.slice) is ast.Tuple and annotation.slice.elts:
        calls.extend(m for m in annotation.slice.elts[1:]
                     if type(m) is ast.Call and _annotation_name(m.func) == _SECURITY_MARKER)
        annotation = annotation.slice.elts[0]
    if not calls or annotation is None:
        return False
    types: set[str] = set()
    _add_last_names(annotation, types)
    for call in calls:
        given = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "dependency"), None)
        if given is None:
            return False  # `Security()`: the annotated class itself, built from the request
        names: set[str] = set()
        _add_last_names(given, names)
        if names & types:
            return False
    return True


_SECURITY_MARKER = "Security"


def _route_parameter_types(tree: ast.Module) -> frozenset[str]:
    """The last names of the types of the parameters of the module's routes answering with a
    `response_model=`: a model a create endpoint decodes a body into and answers with
    (`@router.post("/Users", response_model=SCIMUser)` taking `user: SCIMUser = Body(...)`) is what
    the person sends too, not only what the service sends back."""
    names: set[str] = set()
    for node in walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not any(
                isinstance(d, ast.Call) and any(k.arg == "response_model" for k in d.keywords) for d in node.decorator_list):
            continue
        for arg in named_parameters(node.args):
            default = _default_of(node, arg)
            if isinstance(default, ast.Call) and _annotation_name(default.func) in _DEPENDENCY_MARKERS:
                continue  # `user: UserModel = Depends(get_current_user)`: the signed-in user, not a body
            if arg.annotation is not None and not any(
                    isinstance(c, ast.Call) and _annotation_name(c.func) in _DEPENDENCY_MARKERS for c in walk(arg.annotation)):
                _add_last_names(arg.annotation, names)
    return frozenset(names)


def response_model_symbols(an: FileAnalyzer) -> frozenset[str]:
    """Qualified names of the classes of other modules this module names as `response_model=`
    (`@router.post("/login", response_model=Token)` with Token imported), or as the schema a view's
    response decorator answers with (`@blp.response(200, UserSchema)`, see `_answered_schemas`)."""
    symbols: set[str] = set()
    if "response_model" in an.source:
        for node in walk(an.tree):
            if isinstance(node, ast.keyword) and node.arg == "response_model":
                for sub in walk(node.value):
                    if isinstance(sub, (ast.Name, ast.Attribute)):
                        _add_symbol(an, sub, symbols)
        if symbols:
            taken = _route_parameter_types(an.tree)
            symbols = {s for s in symbols if s.rsplit(".", 1)[-1] not in taken}
    if _answers_written(an.source):
        for answered, _ in _answered_schemas(an.tree):
            if isinstance(answered, (ast.Name, ast.Attribute)):
                _add_symbol(an, answered, symbols)
    return frozenset(symbols)


def _add_symbol(an: FileAnalyzer, node: ast.Name | ast.Attribute, symbols: set[str]) -> None:
    """Add to `symbols` the qualified name of a class of another module that `node` names."""
    symbol = an.static_symbol(node, an.module_scope)
    if symbol is not None and "." in symbol and not symbol.startswith("@"):
        symbols.add(symbol)


def _response_model(an: FileAnalyzer, node: ast.ClassDef) -> bool:
    """A class named like a response, or used as `response_model=` in its module or another."""
    if node.name in an.response_models or matches_any(node.name, an.models.response_names):
        return True
    qualified = f"{an.module}.{node.name}" if an.module else node.name
    an.uses.add(USE_RESPONSE + qualified)  # known once the module naming it has been analysed
    return qualified in an.external.responses


def _nested_in_answers(an: FileAnalyzer, node: ast.ClassDef) -> bool:
    """Whether a top-level class is named only inside the schemas of its module that answer (`_response_model`)
    or inside fields that are only ever sent (`dump_only=True`), directly or through other such classes,
    and by no other module: a part of a response (gramps-webapi's `PersonProfileSchema`, nested in
    `DnaMatchSchema`, which `@blp.response` names, and in `PersonSchema.profile`, a `dump_only` field)."""
    if an.answered_nesting is None:
        an.answered_nesting = _answered_nesting(an) if _may_nest_answers(an) else frozenset()
    if node.name not in an.answered_nesting:
        return False
    qualified = f"{an.module}.{node.name}" if an.module else node.name
    an.uses.add(USE_NAMED + qualified)  # known once the modules importing it have been analysed
    return qualified not in an.external.named


def _may_nest_answers(an: FileAnalyzer) -> bool:
    """Whether some class of the module answers, or some field of it is only ever sent: without
    either, no class is a part of an answer (most schema modules: no search of their text)."""
    if an.response_models or an.external.responses:
        return True
    if any(keyword in an.source for keyword in an.models.response_only_keywords):
        return True
    return any(isinstance(n, ast.ClassDef) and matches_any(n.name, an.models.response_names) for n in an.tree.body)


def _answered_nesting(an: FileAnalyzer) -> frozenset[str]:
    """The module's top-level classes named only where `_nested_in_answers` says: at least once, never
    outside a class's body (a module-level registration, a function, a comment), never in a string (a
    lazy `Nested("Name")` that could be anywhere), and, in other classes, only in a field that is never
    taken in or in a class that is part of a response itself.

    A greatest fixed point (two profiles that nest each other, each nested in an answer, are parts of
    it), kept to the classes an answer or a response-only field reaches (two classes naming only each
    other are parts of nothing seen). The names are found in the text, by one search, and placed by
    their lines in the classes' and the fields' line ranges: walking the module's trees cost 3% of a
    run over Superset, whose schema modules hold hundreds of classes."""
    classes = {n.name: n for n in an.tree.body if type(n) is ast.ClassDef}
    if len(classes) < 2:
        return frozenset()
    source = an.source
    matches = list(re.finditer(r"\b(?:" + "|".join(sorted(classes, key=len, reverse=True)) + r")\b", source))
    lines = lines_at(source, [m.start() for m in matches])
    ordered = sorted(classes.values(), key=operator.attrgetter("lineno"))
    starts = [c.lineno - len(c.decorator_list) for c in ordered]
    users: dict[str, set[str]] = {}  # a class's name -> the classes naming it, "" for a response-only field
    outside: set[str] = set()
    sent_lines: dict[str, list[tuple[int, int]]] = {}  # a class -> the line ranges of its response-only fields
    for match, line in zip(matches, lines):
        name = match.group()
        at = bisect.bisect_right(starts, line) - 1
        owner = ordered[at] if at >= 0 and line <= (ordered[at].end_lineno or 0) else None
        if owner is None:
            outside.add(name)
        elif owner.name != name:
            ranges = sent_lines.get(owner.name)
            if ranges is None:
                ranges = sent_lines[owner.name] = [
                    (stmt.lineno, stmt.end_lineno or stmt.lineno) for stmt in owner.body
                    if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(stmt.value, ast.Call)
                    and _response_only(an, stmt.value)]
            sent = any(first <= line <= last for first, last in ranges)
            users.setdefault(name, set()).add("" if sent else owner.name)
    candidates = {name for name in users if name not in outside and f'"{name}"' not in source
                  and f"'{name}'" not in source}
    if not candidates:
        return frozenset()
    answering = {name for name in {u for c in candidates for u in users[c]} - {""}
                 if _response_model(an, classes[name])}
    parts = set(candidates)
    changed = True
    while changed:  # drop each class some class outside the answers and their parts names
        changed = False
        for name in list(parts):
            if any(u and u not in answering and u not in parts for u in users[name]):
                parts.discard(name)
                changed = True
    reached: set[str] = set()
    frontier = [name for name in parts if any(u == "" or u in answering for u in users[name])]
    while frontier:
        name = frontier.pop()
        if name not in reached:
            reached.add(name)
            frontier.extend(p for p in parts if name in users[p] and p not in reached)
    return frozenset(reached)


def _event_decorated(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> bool:
    """Whether `func` handles a real-time server's event (`@sio.on("message")`, `@sio.event`), the
    server bound in this module or in another one it imports it from."""
    decorators = an.models.routes.event_decorators
    return any(symbol in decorators for symbol in _decorator_symbols(an, func, scope))


def _decorator_symbols(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope,
                       functions: bool = False) -> Iterator[str]:
    """The qualified names of the methods decorating `func` (`@sio.on(...)` ->
    `socketio.AsyncServer().on`), the object bound in this module or in another it imports it from;
    with `functions`, of the imported functions too (Lamson's `@route("(address)@(host)")`: a name
    resolved only for the handlers of `[[inbound]]`, as most named decorators are `property`,
    `staticmethod` and the like, of every method)."""
    for decorator in func.decorator_list:
        target = decorator.func if type(decorator) is ast.Call else decorator
        if type(target) is ast.Name:
            named = an.static_symbol(target, scope) if functions else None
            if named is not None:
                yield named
            continue
        if type(target) is not ast.Attribute:
            continue
        symbol = an.static_symbol(target, scope)
        if symbol is not None and "(" not in symbol and "." in symbol:
            # `from app.server import sio`: what that module bound `sio` to
            bound = an.bound_elsewhere(symbol.rsplit(".", 1)[0])
            symbol = f"{bound}.{target.attr}" if bound is not None else symbol
        if symbol is not None:
            yield symbol


def _wsgi_environ(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, cls: ClassInfo | None) -> bool:
    """Whether `func`'s `environ` is a WSGI environ: `func` is a WSGI callable (`(environ,
    start_response)` its parameters after `self`), or a method of a class whose `__call__` is one."""
    if _wsgi_callable(func):
        return True
    if cls is None:
        return False
    return any(method.name == "__call__" and _wsgi_callable(method) for method, _ in an.class_methods.get(cls.name, ()))


def _wsgi_callable(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether `func`'s parameters (after `self`) begin `(environ, start_response)`: a WSGI callable."""
    names = [a.arg for a in func.args.args if a.arg not in ("self", "cls")]
    return names[:2] == ["environ", "start_response"]


def _event_parameter(an: FileAnalyzer, arg: ast.arg) -> Value:
    """A parameter of an event handler: a message a client sent (user content, taken whole where it
    arrives; its keys are fields), the connecting request's headers (`environ`), or the connection's own."""
    connection = an.models.routes.connection_parameters
    # python-socketio's connect handler is given (sid, environ, auth): the connecting request's
    # WSGI environ, read as its headers, and the client's credentials, read key by key
    if arg.arg == "environ":
        return Value(symbol=f"{REQUEST}.environ", role="headers")
    if arg.arg == "auth":
        return Value(symbol=f"{REQUEST}.auth", role="fields")
    if arg.arg in connection:
        return NOTHING
    message = f"a message a client sent is received as parameter '{arg.arg}' (user content)"
    an.emit(Kind.COLLECT, arg, [CONTENT], "python.request.body", message,
            reasons=(f"{WHOLE_REASON}event message'",))
    return Value(symbol=f"{REQUEST}.{arg.arg}", role="fields", categories=frozenset({CONTENT}),
                 steps=(an.step(arg, message),), reasons=(EVENT_MESSAGE,))


def _body_hook(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, cls: ClassInfo,
               hooks: frozenset[str] | None = None) -> bool:
    """Whether `func` overrides a framework's hook that is handed the request body (`[fastapi]`
    `body_hooks`: OctoPrint's `SimpleApiPlugin.on_api_command`; or `hooks`, Tastypie's `bundle_hooks`),
    `cls` deriving from that base."""
    if hooks is None:
        hooks = an.models.routes.body_hooks
    return any(f"{base}.{func.name}" in hooks for base in cls.bases)


# The bundle a framework hands a resource's hook (Tastypie's `obj_create(self, bundle, **kwargs)`): it
# holds the request, its `data` the deserialized body (read as the request's `data`, whose keys are
# fields), its `obj` the model instance being saved.
HOOK_BUNDLE = Value(symbol=REQUEST)


# The body a framework hands a plugin's hook (`on_api_command(self, command, data)`): the request
# body bound to a name, as `data = request.get_json()` is in a view; its keys are the fields collected
# where they are read, and it is not collected where it arrives (a key read is the observation, the
# body convention's). Whole it carries no category: it is a command and its parameters (`{"command":
# "install", "url": ...}`), logged whole as the command (`Queuing install of {data}`), where a view's
# body bound whole is what a person sent.
_HOOK_BODY = Value(symbol=f"{REQUEST}.json", role="fields")


# A parameter of a remote procedure that no name classifies (`values`, `case_id`, `query`): what the
# client sent under it, read as a request body bound to a name is, its keys the fields collected where
# they are read (`values.get("old_password")`, `values["password"]`); whole it carries no category
# (most are ids and lookups: `TestCase.objects.get(pk=case_id)`), as a plugin hook's body does.
_RPC_STRUCT = Value(symbol=f"{REQUEST}.json", role="fields")


def _rpc_struct(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether a remote procedure's parameter `name`, not collected where it arrives, holds a struct the
    client sent (`_RPC_STRUCT`): no name classifies it (`values`), or the procedure spreads it into a
    call's keywords (`Build.objects.filter(**query)`: field lookups, not a search text). A parameter
    whose name says what it is (an account's `username` the call acts on) keeps that reading."""
    return an.classifier.name(name, owner="request") is None or _splatted(func, name)


def _splatted(func: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether `func` spreads its parameter `name` into a call's keywords (`filter(**query)`): a mapping."""
    return any(type(node) is ast.keyword and node.arg is None and type(node.value) is ast.Name
               and node.value.id == name for node in walk(func))


def _rpc_decorated(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> bool:
    """Whether a JSON-RPC or XML-RPC server's registry marks `func` as a remote procedure
    (`@rpc_method(name="Auth.login")`, `@jsonrpc.method("App.index")`: `[fastapi]` `rpc_decorators`).
    A decorator's last name is tested first (most are `property`, `staticmethod`, a route's method):
    only one named like a registry is resolved."""
    names = an.models.routes.rpc_decorator_names
    for decorator in func.decorator_list:
        target = decorator.func if type(decorator) is ast.Call else decorator
        last = target.id if type(target) is ast.Name else target.attr if type(target) is ast.Attribute else None
        if last in names:
            decorators = an.models.routes.rpc_decorators
            return any(symbol in decorators for symbol in _decorator_symbols(an, func, scope, functions=True))
    return False


# The reason an event handler's message carries: collected whole where it arrived.
EVENT_MESSAGE = f"{WHOLE_REASON}event message'"


def collected_on_arrival(value: Value) -> bool:
    """True for request data collected whole where it arrived (a socket event's message): reading
    all of it again (`for key, value in settings.items()`) is no new collect."""
    return EVENT_MESSAGE in value.reasons


# What an event handler's decorator looks like in the source: `@sio.on("message")`, `@socketio.event`.
_EVENT_DECORATOR = LazyPattern(r"@[\w.]+\.(?:on\(|event\b)")


def _route_decorated(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a route decorator with a path marks `func` (`@router.post("/items")`, Litestar's `@post("/items")`)."""
    methods = an.models.routes.route_methods
    return any(_route_path(decorator, methods, bare=True) is not None for decorator in func.decorator_list)


def _route_path(decorator: ast.expr, methods: Collection[str], *, bare: bool) -> str | None:
    """The path a route decorator gives (`@router.post("/items")`, `@app.get(path="")`; with `bare`,
    Litestar's `@post("/items")` too), or None for any other decorator."""
    if type(decorator) is not ast.Call:  # (by exact types: see `owner_name`)
        return None
    func = decorator.func
    name = func.attr if type(func) is ast.Attribute else func.id if bare and type(func) is ast.Name else ""
    if name not in methods:
        return None
    path = decorator.args[0] if decorator.args else next((k.value for k in decorator.keywords if k.arg == "path"), None)
    if isinstance(path, ast.Constant) and isinstance(path.value, str) and (path.value.startswith("/") or path.value == ""):
        return path.value
    if path is not None and type(func) is ast.Attribute:
        return _constant_path(path)
    return None


def _constant_path(node: ast.expr) -> str | None:
    """The path of a route whose decorator names it by a module constant, alone or joined to literals
    (zenml's `@router.put(ACTIVATE)`, `@router.get("/{service_account_id}" + API_KEYS)`, litellm's
    `@app.get(HEALTH_PATH)`): its literal parts in order, which hold its path parameters (a constant's
    own text is not known here; a path's constants are its fixed segments). None unless a name in
    capitals is part of it: a router's method called with a variable (`@cache.get(key)`) is no route."""
    parts: list[str] = []
    todo = [node]
    constant = False
    while todo:
        part = todo.pop()
        if type(part) is ast.BinOp and type(part.op) is ast.Add:
            todo.extend((part.right, part.left))  # the left first: popped last in, first out
        elif type(part) is ast.Constant and isinstance(part.value, str):
            parts.append(part.value)
        elif type(part) is ast.Name and part.id.isupper() or type(part) is ast.Attribute and part.attr.isupper():
            constant = True
        else:
            return None
    return "".join(parts) if constant else None


def _type_names(node: ast.expr | None) -> list[ast.expr]:
    """The names and dotted names a type expression mentions (`list[Item] | None` -> list, Item, None)."""
    found: list[ast.expr] = []
    if node is None:
        return found
    if type(node) is ast.Name:
        return [node]  # most annotations (what ast.walk would give, without its generic walk)
    # ast.walk's breadth-first order, with the nodes type expressions are made of stepped into by
    # hand (its generic walk of every field cost more than the classifier's look-ups); contexts and
    # operators are left out: they hold nothing and name nothing
    todo: list[ast.AST] = [node]
    for sub in todo:  # a list grown while it is iterated: first in, first out
        if type(sub) is ast.Name:  # (by exact types: see `owner_name`)
            found.append(sub)
        elif type(sub) is ast.Attribute:
            found.append(sub)
            todo.append(sub.value)
        elif type(sub) is ast.Subscript:
            todo.append(sub.value)
            todo.append(sub.slice)
        elif type(sub) is ast.Constant:
            if isinstance(sub.value, str) and sub.value.isidentifier():
                found.append(ast.Name(id=sub.value, ctx=ast.Load()))  # a quoted forward reference: `"Item"`
        elif type(sub) is ast.BinOp:
            todo.append(sub.left)
            todo.append(sub.right)
        elif isinstance(sub, (ast.Tuple, ast.List)):
            todo.extend(sub.elts)
        else:
            todo.extend(ast.iter_child_nodes(sub))
    return found


def exported_instance(an: FileAnalyzer, symbol: str) -> str:
    """What another module sees a module-level instance as: an instance of a class of this file that
    derives from a class a pack models (`db = IndicoSQLAlchemy(...)` where `class
    IndicoSQLAlchemy(SQLAlchemy)`) is that class's instance (`flask_sqlalchemy.SQLAlchemy()`), so
    the models declared on `db.Model` and `db.Column` elsewhere are seen; any other symbol is itself.

    A project wraps the framework's extension to add a few methods; what the packs know of the
    framework's object (its Model, Column, session) is what its importers use. Only the first such
    base counts, and only a direct one (a class of this file named as a base is followed no further)."""
    if not symbol.startswith("@instance:"):
        return symbol
    info = an.classes.get(symbol[len("@instance:"):])
    if info is None:
        return symbol
    for base in info.bases:
        made = f"{base}()"
        if an.models.relevant(made):
            return made
    return symbol


def received_classes(an: FileAnalyzer) -> tuple[frozenset[str], frozenset[str]]:
    """The classes this module says receive data: the local names, and the qualified names of
    other modules' classes.

    A class receives data when it types a parameter of a route (a body FastAPI or Litestar decodes
    into it), when a call of a known decoder names it (`dacite.from_dict(Cls, payload)`), when it
    is built from a submitted form's fields (`Info(username=form.username.data)`), or when it
    types a field of, or is a base of, a local class that receives data (the whole payload is
    decoded into it). Local classes other modules name as received count as received here too.
    """
    seeds = [*_received_seeds(an), *_decoding_call_seeds(an)]
    classes = {n.name: n for n in an.tree.body if type(n) is ast.ClassDef}
    nested: dict[str, ast.ClassDef] | None = None
    prefix = f"{an.module}." if an.module else ""
    an.uses.update(USE_RECEIVED + prefix + name for name in classes)  # known once the module receiving it has been analysed
    seeds.extend(ast.Name(id=name, ctx=ast.Load()) for name in classes
                 if prefix + name in an.external.received)
    local: set[str] = set()
    external: set[str] = set()
    aliases: dict[str, ast.expr] | None = None
    while seeds:
        node = seeds.pop()
        if type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id in ("self", "cls") \
                and node.attr not in classes:
            # `parse_and_validate_json_object_from_request(request, self.PostBody)`: a class nested in the
            # servlet's, named through the instance; its own fields' nested classes are then found by name
            if nested is None:
                nested = _nested_classes(an.tree)
            found = nested.get(node.attr)
            if found is None:
                continue
            classes.update(nested)
            node = ast.Name(id=node.attr, ctx=ast.Load())
        if isinstance(node, ast.Name) and node.id in classes:
            if node.id in local:
                continue
            local.add(node.id)
            cls = classes[node.id]
            seeds.extend(b for base in cls.bases for b in _type_names(base))
            for stmt in cls.body:
                if isinstance(stmt, ast.AnnAssign):
                    seeds.extend(_type_names(stmt.annotation))
            continue
        if isinstance(node, ast.Name) and local:  # a name of a received class's field type, not a class
            if aliases is None:
                aliases = _type_aliases(an.tree)
            alias = aliases.pop(node.id, None)  # (popped: each alias stepped into once)
            if alias is not None:
                # `fields: Dict[str, FieldValueCreate]` beside `FieldValueCreate = Union[StrictStr,
                # List[ChatFieldValue], None]`: the classes a module-level type alias names are typed fields too
                seeds.extend(_type_names(alias))
                continue
        symbol = an.static_symbol(node, an.module_scope)
        if symbol is not None and "." in symbol and not symbol.startswith(("@", "builtins.", "typing.")):
            external.add(symbol)
    return frozenset(local), frozenset(external)


def _nested_classes(tree: ast.Module) -> dict[str, ast.ClassDef]:
    """The classes defined in the bodies of the module's top-level classes, at any depth, by name (the
    first of a name; a top-level class of that name is not among them): what `self.PostBody` names in a
    servlet's method, and `DeviceKeys` in a field of a nested body model beside it."""
    top = {stmt.name for stmt in tree.body if type(stmt) is ast.ClassDef}
    found: dict[str, ast.ClassDef] = {}
    todo = [stmt for stmt in tree.body if type(stmt) is ast.ClassDef]
    for cls in todo:  # grown while it is iterated
        for stmt in cls.body:
            if type(stmt) is ast.ClassDef:
                if stmt.name not in top:
                    found.setdefault(stmt.name, stmt)
                todo.append(stmt)
    return found


def _type_aliases(tree: ast.Module) -> dict[str, ast.expr]:
    """The module's type aliases: a name bound at module level to a subscripted type (`FieldValue =
    Union[StrictStr, List[ChatFieldValue], None]`, `Items = list[Item] | None`), by name."""
    found: dict[str, ast.expr] = {}
    for stmt in tree.body:
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name \
                and type(stmt.value) in (ast.Subscript, ast.BinOp):
            found[stmt.targets[0].id] = stmt.value
    return found


# What a route decorator's path looks like in the source (`_route_decorated`): a string starting with
# "/" (or empty) as a decorator call's first argument, or as a `path=` argument. Two patterns, each
# starting with a literal, which the regex engine finds fast (one with an alternation at its start
# scanned every position: 0.45 s over Django's files, against 0.02 s).
_ROUTE_DECORATOR = LazyPattern(r"""@[\w.]+\((?:\s|#[^\n]*)*[rRuU]?["'](?:/|["'])""")
_ROUTE_PATH_KEYWORD = LazyPattern(r"""path\s*=\s*[rRuU]?["'](?:/|["'])""")
# A route decorator naming its path by a module constant (`@router.put(ACTIVATE, ...)`,
# `@app.get(constants.HEALTH_PATH)`): a name in capitals as its first argument.
_ROUTE_CONSTANT = LazyPattern(r"""@[\w.]+\.\w+\((?:\s|#[^\n]*)*(?:[A-Za-z_]\w*\.)*[A-Z][A-Z0-9_]*\b""")


def _decorators_written(source: str) -> tuple[bool, bool]:
    """(whether `_EVENT_DECORATOR` matches somewhere in `source`, whether `_ROUTE_DECORATOR` or
    `_ROUTE_CONSTANT` does).

    The patterns start with "@", so they are matched only at the "@"s, which `str.find` finds in
    C: a search of each over the whole text cost several times as many instructions.
    """
    events = routes = False
    at = source.find("@")
    while at >= 0 and not (events and routes):
        events = events or _EVENT_DECORATOR.match(source, at) is not None
        routes = routes or _ROUTE_DECORATOR.match(source, at) is not None or _ROUTE_CONSTANT.match(source, at) is not None
        at = source.find("@", at + 1)
    return events, routes


@functools.lru_cache(maxsize=16)
def _packages(names: frozenset[str]) -> frozenset[str]:
    """The top-level packages of qualified names (`msgspec.json.decode` -> `msgspec`)."""
    return frozenset(name.split(".", 1)[0] for name in names)


# Where a WTForms field's data is read (`form.username.data`): the files worth searching for calls built from it.
# (The pattern starts with a literal, which the regex engine finds fast: the other two are plain text.)
_FORM_FIELD_DATA = re.compile(r"form\w*\.\w+\.data\b")
_SUBMITTED_DATA = ("cleaned_data", "validated_data")
# The tree attribute that keeps a module's seeds: every analysis of one parse shares them.
_SEEDS = "_policyscan_received_seeds"


def _received_seeds(an: FileAnalyzer) -> tuple[ast.expr, ...]:
    """The expressions in this module that name a class receiving data (see `received_classes`):
    route parameters' annotations, a decoder's arguments, a call built from a submitted form's fields.

    Computed once per parse: the statements are walked for routes, and the whole tree for calls only
    when the source mentions a decoder or a submitted form's fields (a full walk of every file cost
    a third of the analysis time).
    """
    cached: tuple[ast.expr, ...] | None = getattr(an.tree, _SEEDS, None)
    if cached is not None:
        return cached
    seeds: list[ast.expr] = []
    # the functions are walked only where a route's path may be written
    events, routes = _decorators_written(an.source)
    if routes or _ROUTE_PATH_KEYWORD.search(an.source) or events:
        for func in _functions(an.tree.body):
            if func.decorator_list and (_route_decorated(an, func)
                                        or events and _event_decorated(an, func, an.module_scope)):
                for arg in named_parameters(func.args):
                    if not _given_by_dependency(func, arg):
                        seeds.extend(_type_names(arg.annotation))
                seeds.extend(_built_from_request(func))
    seeds.extend(_field_type_map_classes(an.tree))
    decoders = an.models.received_by
    # a decoder is reached through a module-level import of its package (one inside a function is
    # not resolved at module level, so its calls would name no class here anyway)
    packages = _packages(decoders)
    with_decoders = any(qualified.split(".", 1)[0] in packages for _, qualified in _module_imports(an))
    if with_decoders or any(text in an.source for text in _SUBMITTED_DATA) \
            or ".data" in an.source and _FORM_FIELD_DATA.search(an.source):
        for node in _calls_on(an.tree, _seed_lines(an, decoders if with_decoders else frozenset())):
            if with_decoders and an.static_symbol(node.func, an.module_scope) in decoders:
                for value in [*node.args, *(k.value for k in node.keywords)]:
                    seeds.extend(_type_names(value))
            elif isinstance(node.func, (ast.Name, ast.Attribute)) \
                    and any(_submitted_field(v) for v in [*node.args, *(k.value for k in node.keywords)]):
                seeds.append(node.func)
    # each decoding call has "json(" or "raw(" in it, Flask's decoded body "request.json": three finds
    # in C rule out most modules for half a search. Two searches, each led by its own literal (the
    # calls' "." and "request.json"), not one: a pattern that may start with either character is
    # tried character by character against the set of both, at twice the cost
    source = an.source
    decoded_at = [m.start() for m in _DECODED_CALL.finditer(source)] if "json(" in source or "raw(" in source else []
    if "request.json" in source:
        decoded_at.extend(m.start() for m in _DECODED_BODY.finditer(source))
    decoding = lines_at(source, decoded_at) if decoded_at else []
    decoders_of: dict[ast.AST, frozenset[str]] = {}
    if decoding:
        # only the functions holding a decoding call can build a class from what it decodes
        decoding.sort()
        passed: dict[str, list[int]] = {}
        for func in _functions_around(an.tree.body, decoding):
            params = [arg.arg for arg in named_parameters(func.args)]
            for built in _decoded_into(func):
                seeds.append(built)
                # `scim_type.model_validate(request.json)`: the class is the caller's to choose
                chosen = [n.id for n in _type_names(built) if isinstance(n, ast.Name) and n.id in params]
                if chosen:
                    passed.setdefault(func.name, []).extend(params.index(name) for name in chosen)
                    decoders_of[func] = decoders_of.get(func, frozenset()) | frozenset(chosen)
        if any(passed.values()):
            seeds.extend(_passed_classes(an, passed))
    found = tuple(seeds)
    setattr(an.tree, _SEEDS, found)
    setattr(an.tree, _DECODERS, decoders_of)
    return found


# What a route's parameter defaults to when FastAPI reads it from the request's form, body, query or
# headers (`client_id: UUID = Form(...)`), by the marker's last name.
_REQUEST_FIELD_MARKERS = frozenset({"Form", "Body", "Query", "Header", "Cookie"})


def _built_from_request(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    """The classes a route builds with a keyword whose value it took from the request: one of its
    `Form(...)`/`Body(...)`/`Query(...)`/`Header(...)` parameters, the client's address or headers
    (`request.client.host`, `request.headers.get(...)`), or a name it bound from one before (zenml's
    `OAuthDeviceInternalRequest(client_id=client_id, ip_address=ip_address, city=city, ...)`, the IP
    read from the request and the place looked up from it): its fields hold what the person's request
    carried, as a form's fields read into a class do (`_submitted_field`). Only names bound in the
    route itself are followed, in the order of its statements."""
    taken: set[str] = set()
    request = False
    for arg in named_parameters(func.args):
        default = _default_of(func, arg)
        if type(default) is ast.Call and _annotation_name(default.func) in _REQUEST_FIELD_MARKERS:
            taken.add(arg.arg)
        request = request or arg.arg == "request"
    if not taken and not request:
        return []  # nothing read from the request by name: most routes take a body model, or nothing
    found: list[ast.expr] = []
    for node in own_nodes(func):
        if type(node) is ast.Assign and _from_request(node.value, taken):
            for target in node.targets:
                for name in walk(target):
                    if type(name) is ast.Name:
                        taken.add(name.id)
        elif type(node) is ast.Call and node.keywords and type(node.func) in (ast.Name, ast.Attribute) \
                and _annotation_name(node.func)[:1].isupper() \
                and any(k.arg is not None and type(k.value) is ast.Name and k.value.id in taken for k in node.keywords):
            found.append(node.func)
    return found


# The members of a request that say who sends it: the client's address, the headers (its User-Agent).
_REQUEST_CLIENT_MEMBERS = frozenset({"client", "headers"})


def _from_request(value: ast.expr, taken: set[str]) -> bool:
    """Whether an assigned value holds what the request carried: a name taken from it, or a read of the
    request's client or headers, anywhere in the expression (`request.client.host`, `lookup(ip)`)."""
    for node in walk(value):
        if type(node) is ast.Name and node.id in taken:
            return True
        if type(node) is ast.Attribute and node.attr in _REQUEST_CLIENT_MEMBERS and type(node.value) is ast.Name \
                and node.value.id == "request":
            return True
    return False


# The scalar types a map of field types names beside its classes (`int`, `bool`, `date`).
_SCALAR_TYPES = frozenset({"str", "int", "float", "bool", "bytes", "date", "datetime", "time", "Decimal", "UUID",
                           "EmailStr", "HttpUrl", "AnyUrl"})


def _field_type_map_classes(tree: ast.Module) -> list[ast.expr]:
    """The classes a module-level map of field types names beside scalar types (Fief's
    `USER_FIELD_TYPE_MAP = {UserFieldType.STRING: NonEmptyString, UserFieldType.INTEGER: int, ...,
    UserFieldType.ADDRESS: Address}`): the types of the fields a builder makes at run time for a form
    or a request model (one per field an administrator defines), so a class among them is filled in
    by a person as a route's body type is. The map's name says it holds fields' types (a word
    `field`), and at least two of its values are scalar types: a map of handlers or of response
    classes names none. Only the module's top-level statements are read."""
    found: list[ast.expr] = []
    for stmt in tree.body:
        if type(stmt) is ast.AnnAssign and type(stmt.value) is ast.Dict:  # by exact types (see `own_nodes`)
            target: ast.expr = stmt.target
        elif type(stmt) is ast.Assign and type(stmt.value) is ast.Dict and len(stmt.targets) == 1:
            target = stmt.targets[0]
        else:
            continue
        if not (isinstance(target, ast.Name) and "FIELD" in target.id.upper()) or len(stmt.value.values) < 3:
            continue
        values = stmt.value.values
        if sum(isinstance(v, ast.Name) and v.id in _SCALAR_TYPES for v in values) >= 2:
            found.extend(v for v in values if isinstance(v, (ast.Name, ast.Attribute))
                         and not (isinstance(v, ast.Name) and v.id in _SCALAR_TYPES))
    return found


# The tree attribute that keeps, for each function of a module that builds a class its caller chooses
# from a decoded payload, those parameters' names (`_received_seeds` finds them).
_DECODERS = "_policyscan_decoding_parameters"


def decoding_parameters(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """The parameters `func` builds a class from a request's decoded payload with (`def
    validate_request_body(SchemaClass): ... SchemaClass.model_validate(payload)`, the payload being
    `request.get_json()`): a caller in another module that passes a class there has it receive data
    (`FunctionSummary.decodes`). Empty for most functions."""
    found: dict[ast.AST, frozenset[str]] | None = getattr(an.tree, _DECODERS, None)
    if found is None:
        _received_seeds(an)
        found = getattr(an.tree, _DECODERS, {})
    return found.get(func, frozenset()) if found else frozenset()


# The tree attribute that keeps, for each function of a module that builds a class it is given from a
# mapping it is given (`model_type.model_validate(content)`), those two parameters' names.
_VALIDATORS = "_policyscan_validating_parameters"
# Where a class may be built from a mapping in the source: the files whose functions `validating_pair` reads.
_VALIDATE_CALL = LazyPattern(r"\.(?:model_validate|parse_obj)\(")


def validating_pair(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, str] | None:
    """The parameters (the class, the mapping) of a function that builds a class it is given from a
    mapping it is given, in its own body (`def validate_json_object(content, model_type): instance =
    model_type.model_validate(content)`): a project's validating helper, which decodes a request body
    into the caller's class where a caller gives it one (`FunctionSummary.validates`). None for most
    functions: the module's text is searched once, and only the functions around a match are read."""
    found: dict[ast.AST, tuple[str, str]] | None = getattr(an.tree, _VALIDATORS, None)
    if found is None:
        found = {}
        source = an.source
        if "model_validate(" in source or "parse_obj(" in source:
            lines = sorted(set(lines_at(source, [m.start() for m in _VALIDATE_CALL.finditer(source)])))
            for around in _functions_around(an.tree.body, lines) if lines else ():
                params = {arg.arg for arg in named_parameters(around.args)}
                for node in own_nodes(around):
                    if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in _DECODES_MAPPING \
                            and len(node.args) == 1 and not node.keywords and type(node.func.value) is ast.Name \
                            and node.func.value.id in params and type(node.args[0]) is ast.Name \
                            and node.args[0].id in params and node.args[0].id != node.func.value.id:
                        found[around] = (node.func.value.id, node.args[0].id)
                        break
        setattr(an.tree, _VALIDATORS, found)
    return found.get(func) if found else None


def note_validated(an: FileAnalyzer, node: ast.Call, summary: FunctionSummary, args: list[Value],
                   kwargs: list[tuple[str | None, Value]], scope: Scope) -> None:
    """At a call of a validating helper (`FunctionSummary.validates`): where the mapping it is given is
    the request's body (`content = parse_json_object_from_request(request)`) and the class is a
    parameter of the calling function, that parameter is one the caller decodes the body into
    (`Scope.decoding_params`, then `FunctionSummary.decodes`)."""
    assert summary.validates is not None
    model, mapping = summary.validates
    given = summary.argument(mapping, args, kwargs)
    if given is None or given.role not in BODY_ROLES or not is_request_container(given):
        return
    chosen = summary.argument_node(model, node)
    if type(chosen) is ast.Name and chosen.id in scope.params:
        scope.decoding_params = scope.decoding_params | {chosen.id}


def _decoding_call_seeds(an: FileAnalyzer) -> list[ast.expr]:
    """The classes this module passes to another module's function that decodes a request's payload
    into the class it is given (`validation.validate_request_body(LoginSchema)`, whose summary's
    `decodes` says so): known only once that module's summary is, so not kept with the parse's seeds.
    Only the lines naming such a function are walked."""
    decoding = {key: summary for key, summary in an.external.functions.items() if summary.decodes}
    if not decoding:
        return []
    source = an.source
    offsets = [start for name in {key.rpartition(".")[2] for key in decoding} for start in _word_starts(source, name)]
    seeds: list[ast.expr] = []
    for node in _calls_on(an.tree, sorted(set(lines_at(source, offsets)))):
        symbol = an.static_symbol(node.func, an.module_scope)
        summary = decoding.get(symbol.replace("()", "")) if symbol is not None else None
        if summary is None:
            continue
        for index in summary.decodes:
            given = summary.argument_node(index, node)
            if given is not None:
                seeds.extend(_type_names(given))
    return seeds


# Where a payload may be decoded in the source (`await request.json()`, `request.get_json()`,
# `Model.model_validate_json(raw)`, Flask's `request.json`): the files whose functions `_decoded_into` reads.
_DECODED_CALL = LazyPattern(r"\.(?:json\(\)|get_json\(|(?:model_validate_json|parse_raw)\()")
_DECODED_BODY = LazyPattern(r"request\.json\b(?!\s*\()")
# Class methods that decode a payload into their class: JSON text always comes from outside; a
# mapping only when it is a decoded payload (`model_validate(user_row)` copies the service's own record).
_DECODES_TEXT = frozenset({"model_validate_json", "parse_raw"})
_DECODES_MAPPING = frozenset({"model_validate", "parse_obj"})
_PAYLOAD_METHODS = frozenset({"json", "get_json"})
# The keywords Flask's `request.get_json(silent=True)` takes: they say how a bad body fails, not what is read.
_PAYLOAD_OPTIONS = frozenset({"silent", "force", "cache"})
# A pydantic `TypeAdapter(list[Item])`'s methods that decode a payload into its type (text, a mapping).
_ADAPTER_DECODES = frozenset({"validate_json", "validate_python"})
# Flask's (and Quart's, werkzeug's) request object decodes its JSON body as a property: `request.json`.
_PAYLOAD_PROPERTY = "json"


def _decoded_into(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.expr]:
    """The class expressions `func` builds from a decoded payload: `Cls.model_validate_json(text)`,
    `Cls.model_validate(payload)`, `Cls.parse_obj(payload)`, `Cls(**payload)` or
    `Cls(login=payload["login"])`, the payload being `await request.json()`, `request.get_json()`,
    Flask's `request.json`, a provider's `response.json()`, or a name `func` binds to one before."""
    payloads: set[str] = set()

    def decoded(node: ast.expr) -> bool:
        node = node.value if isinstance(node, ast.Await) else node
        if isinstance(node, ast.Name):
            return node.id in payloads
        if isinstance(node, ast.Attribute) and node.attr == _PAYLOAD_PROPERTY:
            held = node.value  # `request.json`, `self.request.json`: the request's decoded body
            return isinstance(held, ast.Name) and held.id == "request" \
                or isinstance(held, ast.Attribute) and held.attr == "request"
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _PAYLOAD_METHODS and not node.args
                and all(k.arg in _PAYLOAD_OPTIONS for k in node.keywords))

    for node in own_nodes(func):
        if type(node) is ast.Assign and decoded(node.value):  # (by exact types: see `owner_name`)
            payloads.update(t.id for t in node.targets if isinstance(t, ast.Name))
        if type(node) is not ast.Call:
            continue
        target = node.func
        if isinstance(target, ast.Attribute) and (
                target.attr in _DECODES_TEXT or target.attr in _DECODES_MAPPING and node.args and decoded(node.args[0])):
            yield target.value
        elif isinstance(target, ast.Attribute) and target.attr in _ADAPTER_DECODES and node.args \
                and decoded(node.args[0]) and _adapter(target.value):
            yield target.value.args[0]  # `TypeAdapter(list[Item]).validate_python(payload)`: the adapter's type
        elif isinstance(target, (ast.Name, ast.Attribute)) and any(
                decoded(k.value) if k.arg is None else isinstance(k.value, ast.Subscript) and decoded(k.value.value)
                for k in node.keywords):
            yield target


def _adapter(node: ast.expr) -> TypeGuard[ast.Call]:
    """True for a pydantic type adapter made in place, `TypeAdapter(list[Item])` (or `pydantic.TypeAdapter(...)`)."""
    return isinstance(node, ast.Call) and bool(node.args) and callee_name(node) == "TypeAdapter"


def _passed_classes(an: FileAnalyzer, passed: dict[str, list[int]]) -> Iterator[ast.expr]:
    """What the module's calls of a function pass for the parameters it decodes a payload into
    (`passed`: a function's name to those parameters' indexes): `_create_resource(User, ...)` of
    `def _create_resource(scim_type, ...): scim_type.model_validate(request.json)`. The function is
    called by its name, in this module, by position or keyword."""
    names: dict[str, list[str]] = {}
    for func in _functions(an.tree.body):
        if passed.get(func.name):
            params = [arg.arg for arg in named_parameters(func.args)]
            names[func.name] = [params[i] for i in passed[func.name]]
    for node in walk(an.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
            wanted = names[node.func.id]
            for index in passed[node.func.id]:
                if index < len(node.args) and not isinstance(node.args[index], ast.Starred):
                    yield from _type_names(node.args[index])  # `User[EnterpriseUser]`: both
            for keyword in node.keywords:
                if keyword.arg in wanted:
                    yield from _type_names(keyword.value)


def _seed_lines(an: FileAnalyzer, decoders: frozenset[str]) -> list[int]:
    """The lines (ascending) where a call `_received_seeds` looks for may be: those naming a submitted
    form's data, and those naming what the module imports of a decoder's package (`from pydantic
    import TypeAdapter`: the lines with `TypeAdapter`)."""
    packages = _packages(decoders)
    names = {local for local, qualified in _module_imports(an) if qualified.split(".", 1)[0] in packages}
    source = an.source
    # each pattern starts with a literal, which the regex engine finds fast (an alternation at the
    # start would be tried at every position); so would `\bName\b`: an ASCII name is found whole with
    # `str.find` (`_word_starts`; a regex cost 4 ms a module)
    patterns = [*_SUBMITTED_DATA_TEXT, *(re.compile(rf"\b{re.escape(name)}\b") for name in sorted(names) if not name.isascii())]
    offsets = [m.start() for pattern in patterns for m in pattern.finditer(source)]
    offsets.extend(start for name in names if name.isascii() for start in _word_starts(source, name))
    return sorted(set(lines_at(source, offsets)))


def _word_starts(source: str, name: str) -> Iterator[int]:
    """Where the ASCII identifier `name` stands as a whole word in `source` (where `\bname\b` matches):
    a match found inside a longer word is skipped whole, since no whole word starts within one."""
    start = source.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not _word_char(source[start - 1])) and (end == len(source) or not _word_char(source[end])):
            yield start
        start = source.find(name, end)


# The patterns `_seed_lines` finds a submitted form's data with.
_SUBMITTED_DATA_TEXT = (*(re.compile(re.escape(text)) for text in _SUBMITTED_DATA), _FORM_FIELD_DATA)


# The tree attribute that keeps a module's top-level import bindings: every analysis of one parse shares them.
_IMPORTS = "_policyscan_module_imports"


def _module_imports(an: FileAnalyzer) -> tuple[tuple[str, str], ...]:
    """The (local name, qualified name) pairs the module's top-level imports bind, in order."""
    found: tuple[tuple[str, str], ...] | None = getattr(an.tree, _IMPORTS, None)
    if found is None:
        found = tuple(binding for stmt in an.tree.body if type(stmt) is ast.Import or type(stmt) is ast.ImportFrom
                      for binding in import_bindings(stmt, an.module, an.is_package))
        setattr(an.tree, _IMPORTS, found)
    return found


# Packages whose import makes a module run outside any request: a command-line program's
# (`@click.command()`, a Typer app) or a task queue's worker (`@celery.task`, `@shared_task`, RQ's,
# Dramatiq's and Huey's jobs, run by a worker process with no request or signed-in user of its own).
_REQUESTLESS_PACKAGES = ("click", "typer", "celery", "rq", "dramatiq", "huey")
# Local names a module binds the request object it handles to (`from flask import request`, Django's and
# Starlette's `Request` class for annotations).
_REQUEST_NAMES = frozenset({"request", "Request", "HttpRequest"})


def requestless_module(an: FileAnalyzer) -> bool:
    """Whether the module runs outside any request: it imports a command-line or task-queue package
    (`_REQUESTLESS_PACKAGES`) at its top and binds no request object (a module that handles requests
    as well stays unknown). Text tests first: most modules name none of those packages."""
    if not any(package in an.source for package in _REQUESTLESS_PACKAGES):
        return False
    imports = _module_imports(an)
    return any(qualified.split(".", 1)[0] in _REQUESTLESS_PACKAGES for _, qualified in imports) \
        and not any(local in _REQUEST_NAMES for local, _ in imports)


def _calls_on(node: ast.AST, lines: list[int]) -> Iterator[ast.Call]:
    """The calls under `node` on or around `lines` (ascending): the parts of the tree spanning none of
    them are not walked. Depth first, each node before the nodes under it and after its elder siblings' (a
    recursion of generators in that order passed each call up through every level): by a stack of the
    nodes to test, a node's children, as `ast.iter_child_nodes` gives them, pushed last first."""
    count = len(lines)
    stack: list[ast.AST] = [node]
    tested = False  # `node` itself is not tested, only what is under it
    while stack:
        child = stack.pop()
        if tested:
            start = getattr(child, "lineno", None)
            if start is not None:
                first = bisect.bisect_left(lines, start)
                if first == count or lines[first] > (getattr(child, "end_lineno", None) or start):
                    continue
            if type(child) is ast.Call:
                yield child
        tested = True
        push_children(child, stack)


def _functions(body: list[ast.stmt]) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Every function defined in `body`, in classes, nested functions and compound statements too."""
    for stmt in body:
        if type(stmt) is ast.FunctionDef or type(stmt) is ast.AsyncFunctionDef:  # by exact types (see `own_nodes`)
            yield stmt
            yield from _functions(stmt.body)
        elif type(stmt) is ast.ClassDef:
            yield from _functions(stmt.body)
        elif type(stmt) not in _SIMPLE_STATEMENT_TYPES:  # most statements hold no statements
            for inner in inner_bodies(stmt):
                yield from _functions(inner)


def _functions_around(body: list[ast.stmt], lines: list[int]) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """`_functions(body)`'s functions whose lines hold one of `lines` (ascending), in the same order:
    only the statements spanning one of them are looked into (a module's few decoding calls sit in
    few of its functions: every function of jinja_context.py was visited for one `get_json(cache=True)`)."""
    for stmt in body:
        at = bisect.bisect_left(lines, stmt.lineno)
        if at == len(lines) or lines[at] > (stmt.end_lineno or stmt.lineno):
            continue
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield stmt
            yield from _functions_around(stmt.body, lines)
        elif isinstance(stmt, ast.ClassDef):
            yield from _functions_around(stmt.body, lines)
        elif not isinstance(stmt, _SIMPLE_STATEMENTS):  # most statements hold no statements
            for inner in inner_bodies(stmt):
                yield from _functions_around(inner, lines)


# Statements that hold no statements (the most common ones): `_functions` does not look inside them.
_SIMPLE_STATEMENTS = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return, ast.Import, ast.ImportFrom,
                      ast.Pass, ast.Raise, ast.Delete, ast.Assert, ast.Global, ast.Nonlocal, ast.Break, ast.Continue)
_SIMPLE_STATEMENT_TYPES = frozenset(_SIMPLE_STATEMENTS)  # by exact type (see `_DEFINITION_TYPES`)


def _submitted_field(node: ast.expr) -> bool:
    """A read of a submitted form's field: `form.username.data` (WTForms), `form.cleaned_data["email"]`
    (Django), `serializer.validated_data["email"]` (DRF)."""
    if type(node) is ast.Attribute and node.attr == "data":
        return isinstance(node.value, ast.Attribute) and isinstance(node.value.value, ast.Name) and "form" in node.value.value.id
    if type(node) is ast.Subscript or type(node) is ast.Call:  # (by exact types: see `owner_name`)
        target = node.value if isinstance(node, ast.Subscript) else node.func
        if isinstance(target, ast.Attribute) and target.attr == "get" and isinstance(node, ast.Call):
            target = target.value
        return isinstance(target, ast.Attribute) and target.attr in ("cleaned_data", "validated_data")
    return False


def _received(an: FileAnalyzer, node: ast.ClassDef) -> bool:
    """Whether a plain value class receives data (see `received_classes`), in this module or another."""
    if an.received_local is None:
        an.received_local = received_classes(an)[0]
    return _here_or_offered(an, node, an.received_local, USE_RECEIVED, an.external.received)


def _loaded(an: FileAnalyzer, node: ast.ClassDef) -> bool:
    """Whether a plain value class is built from rows a database query fetched (see `loaded_classes`),
    in this module or another."""
    if an.loaded_local is None:
        an.loaded_local = loaded_classes(an)[0]
    return _here_or_offered(an, node, an.loaded_local, USE_LOADED, an.external.loaded)


def _here_or_offered(an: FileAnalyzer, node: ast.ClassDef, local: frozenset[str], use: str,
                     offered: frozenset[str]) -> bool:
    """Whether the class `node` is among `local` (this module's own finding) or among what other modules
    `offered` under its qualified name; asking records the use `use`, so that the class is looked up again
    once the module that decides it has been analysed."""
    if node.name in local:
        return True
    qualified = f"{an.module}.{node.name}" if an.module else node.name
    an.uses.add(use + qualified)
    return qualified in offered


# The tree attribute that keeps a module's classes built from fetched rows: every analysis of one parse shares them.
_LOADED = "_policyscan_loaded_classes"


def loaded_classes(an: FileAnalyzer) -> tuple[frozenset[str], frozenset[str]]:
    """The classes this module builds from the rows a database query fetched: the local names, and
    the qualified names of other modules' classes.

    A row is what a driver's `fetch...` method gives (`await conn.fetchrow(query)`, asyncpg's
    `fetch`/`fetchval`, a DB-API cursor's `fetchone()`/`fetchall()`, a project's own
    `fetchrow_query(...)`), or an item of such rows in a loop or a comprehension; a class built with
    a keyword taken from a row by key (`User(email=row["email"], ...)`) or from a row spread whole
    (`User(**row)`, `User(**dict(row))`), in a function whose SQL writes a table (`UPDATE users SET
    ... RETURNING ...`, `INSERT INTO ...`, a query builder's `.returning(...)`), holds the record it wrote: its fields are the table's
    columns, stored (as a record class whose methods write its table, `_writes_its_table`). A class
    only loaded from a `SELECT` is a value class as any other. Only modules whose text calls a
    `.fetch` method are walked, and there only the functions that do and whose text holds a word of
    written SQL (`_WRITE_WORDS`: a walk of every fetching function, 8,700 nodes on Superset, cost it
    0.4% of its instructions).
    """
    found: tuple[frozenset[str], frozenset[str]] | None = getattr(an.tree, _LOADED, None)
    if found is not None:
        return found
    local: set[str] = set()
    external: set[str] = set()
    source = an.source
    offsets = _fetch_calls(source)
    if offsets:
        lines = lines_at(source, offsets)  # ascending, as the offsets
        classes = {n.name for n in an.tree.body if isinstance(n, ast.ClassDef)}
        for func in _functions_around(an.tree.body, sorted(set(lines))):
            at = bisect.bisect_left(lines, func.lineno)  # a fetching call on the function's lines
            text = _lines_text(source, offsets[at], lines[at], func.lineno, func.end_lineno or func.lineno)
            if not any(word in text for word in _WRITE_WORDS):
                continue  # no string of its can be written SQL, and it calls no `.returning(...)`
            for built in _built_from_rows(func):
                if isinstance(built, ast.Name) and built.id in classes:
                    local.add(built.id)
                    continue
                symbol = an.static_symbol(built, an.module_scope)
                if symbol is not None and "." in symbol and not symbol.startswith(("@", "builtins.", "typing.")):
                    external.add(symbol)
    found = frozenset(local), frozenset(external)
    setattr(an.tree, _LOADED, found)
    return found


# What follows `.fetch` in a call of a driver's fetching method: `.fetchrow(`, `.fetchone(`,
# `.fetch_query(`, `.fetchall(`.
_FETCH_CALL_REST = LazyPattern(r"\w*\(")
# The words one of which a function that writes rows (`_writes_rows`) holds in its text: its SQL's
# `INSERT`/`UPDATE` (as `_sql_write` asks first) or `RETURNING`, or a query builder's `.returning(`.
# A string spelling the word with escapes, or splitting it across two literals, is not seen.
_WRITE_WORDS = ("INSERT", "UPDATE", "RETURNING", "insert", "update", "returning")


def _fetch_calls(source: str) -> list[int]:
    """The offsets (ascending) of the fetching calls in `source` (`.fetch\\w*(`): `.fetch` found with
    `str.find` (one search in C for the modules without one, most), the rest matched where it stands."""
    offsets: list[int] = []
    at = source.find(".fetch")
    while at >= 0:
        if _FETCH_CALL_REST.match(source, at + 6) is not None:
            offsets.append(at)
        at = source.find(".fetch", at + 6)
    return offsets


def _lines_text(source: str, offset: int, line: int, first: int, last: int) -> str:
    """The text of the lines `first` to `last` of `source`, given an `offset` on line `line` between
    them: the newlines around it found from there, in C (not every line of a large module)."""
    start = offset
    for _ in range(line - first + 1):  # back to the newline ending the line before `first`
        start = source.rfind("\n", 0, start)
        if start < 0:
            break
    end = offset - 1
    for _ in range(last - line + 1):  # on to the newline ending `last`
        end = source.find("\n", end + 1)
        if end < 0:
            end = len(source)
            break
    return source[start + 1:end]


def _built_from_rows(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.expr]:
    """The class expressions (CapWords callees) `func` calls with a keyword taken from a fetched row
    by key, or with a fetched row spread whole (see `loaded_classes`)."""
    if not _writes_rows(func):
        return
    rows: set[str] = set()

    def fetched(node: ast.expr) -> bool:
        node = node.value if isinstance(node, ast.Await) else node
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr.startswith("fetch")

    def row(node: ast.expr) -> bool:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict" \
                and len(node.args) == 1:
            node = node.args[0]  # `**dict(row)`
        return isinstance(node, ast.Name) and node.id in rows

    for node in own_nodes(func):
        if isinstance(node, ast.Assign) and fetched(node.value):
            rows.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)) and isinstance(node.target, ast.Name) \
                and (row(node.iter) or fetched(node.iter)):
            rows.add(node.target.id)
        elif isinstance(node, ast.Call) and node.keywords and isinstance(node.func, (ast.Name, ast.Attribute)) \
                and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)[:1].isupper() and any(
                    (row(k.value) or fetched(k.value)) if k.arg is None
                    else isinstance(k.value, ast.Subscript) and row(k.value.value)
                    and isinstance(k.value.slice, ast.Constant) and isinstance(k.value.slice.value, str)
                    for k in node.keywords):
            yield node.func


def unseen_elsewhere(an: FileAnalyzer, qualified: str) -> bool:
    """Whether no other module names the class `qualified`, one its own module mentions only where
    it is defined, as far as the modules analysed before this analysis say (a library's export, a
    form kept for another package). Asked only where the answer cannot wait for every module's
    (`FileAnalyzer.gated_observations`); `visit_schema_class` otherwise leaves it to the runner."""
    an.uses.add(USE_NAMED + qualified)  # known once the modules importing it have been analysed
    return qualified not in an.external.named


def named_imports(an: FileAnalyzer) -> frozenset[str]:
    """The qualified names this module imports and names again after the import (`from app.forms
    import SignupForm`, then `form: SignupForm`): what `visit_schema_class` asks of other modules (`Gated`)."""
    names: set[str] = set()
    for local, qualified in _module_imports(an):
        # classes only, by their CapWords names: what `visit_schema_class` asks about
        if "." in qualified and local[:1].isupper() and _named_twice(an.source, local):
            names.add(qualified)
    return frozenset(names)


def _named_twice(source: str, name: str) -> bool:
    """Whether `name` stands as a whole word at least twice in `source` (where it is defined or
    imported, and once more). Found with `str.find`: a regex starting with a word boundary is tried at every
    position, and this runs for each import of every module."""
    seen, start = 0, source.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not _word_char(source[start - 1])) and (end == len(source) or not _word_char(source[end])):
            seen += 1
            if seen == 2:
                return True
        start = source.find(name, end)
    return False


def _word_char(char: str) -> bool:
    """Whether `char` may be part of an identifier."""
    return char.isalnum() or char == "_"


def schema_family(an: FileAnalyzer, node: ast.ClassDef, scope: Scope) -> SchemaFamily | None:
    """The schema family of a class: by base, decorator, local ancestry, or the fields it assigns."""
    families = an.models.schemas
    by_name = an.models.families_by_name
    for base in node.bases:
        target = base.value if type(base) is ast.Subscript else base  # by exact type (see `analyzer.owner_name`)
        if type(target) is ast.Name and target.id in an.schema_classes:
            if an.schema_classes[target.id] in an.models.extended_families:
                continue  # a stored model's plain base: the model has its own family (a further base's)
            return by_name.get(an.schema_classes[target.id])
        symbol = an.static_symbol(target, scope)
        if symbol is None:
            continue
        for family in families:
            if symbol in family.bases:
                return family
        an.uses.add(USE_BASE + symbol)  # a class of another module of the project may be a schema
        inherited = an.external.families.get(symbol)
        if inherited is not None and inherited in an.models.extended_families:
            continue  # a stored model's plain base: the model has its own family (a further base's)
        if inherited is not None and inherited in by_name:
            return by_name[inherited]
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        symbol = an.static_symbol(target, scope)
        for family in families:
            if symbol is not None and symbol in family.decorators:
                return family
    for stmt in node.body:
        value = stmt.value if type(stmt) is ast.Assign or type(stmt) is ast.AnnAssign else None
        if type(value) is ast.Call:  # (by exact type: a failed isinstance of None reads its `__class__`)
            symbol = an.static_symbol(value.func, scope)
            if symbol is not None:
                found = an.models.field_family(symbol)
                if found is not None:
                    return found
    extended = an.models.extended_family
    if extended is not None and scope is an.module_scope and _extended_by_stored(an, node):
        return extended
    return None


def _extended_by_stored(an: FileAnalyzer, node: ast.ClassDef) -> bool:
    """Whether a stored model of another module of the project extends this top-level class
    (`class User(canaille.core.models.User, Base)` with Base declarative), which declares fields
    with class-level annotations (`emails: list[str] = []`): a backend-neutral model the backends'
    tables are built from, its annotations that record's fields."""
    if not any(type(stmt) is ast.AnnAssign for stmt in node.body):
        return False
    for sub in _top_subclasses(an, node.name):  # a stored model of this module (defined further down)
        family = schema_family(an, sub, an.module_scope)
        if family is not None and not family.extended_by_stored and (
                family.stored or family.stored_when_keyword is not None and any(
                    k.arg == family.stored_when_keyword and isinstance(k.value, ast.Constant) and k.value.value is True
                    for k in sub.keywords)):
            return True
    qualified = f"{an.module}.{node.name}" if an.module else node.name
    an.uses.add(USE_STORED_BASE + qualified)  # known once the module extending it has been analysed
    return qualified in an.external.stored_bases


def _attribute_maps(an: FileAnalyzer, node: ast.ClassDef, family: SchemaFamily, scope: Scope) -> None:
    """Emit a `collect` at each personal key of an attribute map of a backend-neutral model's
    storage class (see SchemaFamily.attribute_map): `class User(core.models.User, LDAPObject):
    attribute_map = {"user_name": "uid", "emails": "mail"}` says the LDAP backend stores the
    user name as `uid` and the e-mails as `mail`, the LDAP schema's declaration of those fields."""
    if not any(_neutral_model(an, base, scope) for base in node.bases):
        return
    for stmt in node.body:
        value = stmt.value if type(stmt) is ast.Assign or type(stmt) is ast.AnnAssign else None
        if not isinstance(value, ast.Dict) or not _names_map(value):
            continue
        keys = [(key, key.value) for key in value.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)]
        address = any(_address_word(name) and (match := an.classifier.name(name, owner=node.name)) is not None
                      and match.category in _ADDRESS_ANCHORS for _, name in keys)
        declaring = _Declaring(node.name, family, True, None, address)
        for key, name in keys:
            _emit_field(an, declaring, key, name, [], _NO_HINTS)  # located at the key


def _neutral_model(an: FileAnalyzer, base: ast.expr, scope: Scope) -> bool:
    """Whether a base class is a backend-neutral model (of an `extended_by_stored` family), of this
    module or another of the project."""
    if isinstance(base, ast.Name) and base.id in an.schema_classes:
        return an.schema_classes[base.id] in an.models.extended_families
    symbol = an.static_symbol(base, scope) if isinstance(base, (ast.Name, ast.Attribute)) else None
    if symbol is None or "." not in symbol or symbol.startswith("@"):
        return False
    an.uses.add(USE_BASE + symbol)  # known once the other module has been analysed
    return an.external.families.get(symbol) in an.models.extended_families


# A storage's name for a field: an LDAP attribute (`telephoneNumber`, `x-custom-attr`), a column.
_STORAGE_NAME = LazyPattern(r"[A-Za-z][A-Za-z0-9_.-]*")


def _names_map(value: ast.Dict) -> bool:
    """Whether a dict display maps names to names (`{"user_name": "uid", "emails": "mail"}`): at least
    two entries, each key an identifier and each value a name with no spaces (not a label or a
    sentence: `{"emails": "E-mail addresses"}` says how a field is shown)."""
    if len(value.keys) < 2:
        return False
    for key, item in zip(value.keys, value.values):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.isidentifier()):
            return False
        if not (isinstance(item, ast.Constant) and isinstance(item.value, str) and _STORAGE_NAME.fullmatch(item.value)):
            return False
    return True


def _top_subclasses(an: FileAnalyzer, name: str) -> Iterator[ast.ClassDef]:
    """The module's top-level classes that name `name` among their bases (`class User(UserFields, Base)`)."""
    for stmt in an.tree.body:
        if type(stmt) is ast.ClassDef and any(
                isinstance(base, ast.Name) and base.id == name for base in stmt.bases):
            yield stmt


def _note_stored_bases(an: FileAnalyzer, node: ast.ClassDef, family: SchemaFamily, scope: Scope) -> None:
    """Record the plain classes of other modules of the project that a stored model extends beside
    its family's base (see `_extended_by_stored`): a class of the same top-level package, no schema
    of its own."""
    top = an.module.split(".", 1)[0]
    for base in node.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        if not isinstance(target, ast.Attribute) and not (isinstance(target, ast.Name) and target.id not in an.classes):
            continue  # a local class is this module's own to read
        symbol = an.static_symbol(target, scope)
        if symbol is None or symbol in family.bases or symbol.split(".", 1)[0] != top or "(" in symbol \
                or symbol.startswith("@") or symbol in an.external.families:
            continue
        an.stored_bases.add(symbol)


def rendered_categories(an: FileAnalyzer, node: ast.ClassDef, family: SchemaFamily | None, scope: Scope,
                        declared: dict[int, tuple[str, ...]] | None = None) -> frozenset[str]:
    """The categories a class's string form shows: the `self.x` its __str__/__repr__ read, the
    `self.x.y` read by the name of `x` (`self.user.name`), or, for families with a generated repr (dataclasses, Pydantic), every field's.
    `declared`: the lines of the schema fields the class was just found to declare, with their
    categories, so that `self.caption` shows what the field `caption` was read to hold even where its
    name alone says nothing (a describing field of a person's row)."""
    categories: set[str] = set()
    custom = False
    for stmt in node.body:
        if (type(stmt) is ast.FunctionDef or type(stmt) is ast.AsyncFunctionDef) and stmt.name in ("__str__", "__repr__"):
            custom = True
            for sub in walk(stmt):
                if type(sub) is ast.Call:
                    categories.update(_named_in_repr(an, sub, node.name))
                    continue
                if type(sub) is not ast.Attribute:
                    continue
                held = sub.value
                if isinstance(held, ast.Name) and held.id == "self":
                    match = an.classifier.name(sub.attr, owner=node.name)
                    if match is None and declared:
                        categories.update(_declared_field(node, sub.attr, declared))
                elif isinstance(held, ast.Attribute) and isinstance(held.value, ast.Name) and held.value.id == "self":
                    match = an.classifier.name(sub.attr, owner=held.attr)  # `self.user.name`: the user's
                else:
                    continue
                if match is not None:
                    categories.add(match.category)
    if not custom and family is not None and family.renders_fields:
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                match = an.classifier.name(stmt.target.id, owner=node.name)
                if match is not None:
                    categories.add(match.category)
                if isinstance(stmt.value, ast.Call) and stmt.value.keywords:
                    categories.update(_described_keys(an, stmt.value))
    if not custom:
        categories.update(_django_user_rendered(an, node, scope))
        categories.update(_flask_sqlalchemy_rendered(an, node, scope))
    return frozenset(categories)


# The model base class of a Flask-SQLAlchemy `db = SQLAlchemy()`, as the analysis names it.
_FLASK_SQLALCHEMY_MODEL = "flask_sqlalchemy.SQLAlchemy().Model"


def _flask_sqlalchemy_rendered(an: FileAnalyzer, node: ast.ClassDef, scope: Scope) -> frozenset[str]:
    """What the string form of a Flask-SQLAlchemy model of a person shows when neither it nor a base
    of the project's defines one: Flask-SQLAlchemy's own `Model.__repr__`, `<User 42>`, its primary
    key (`"LDAP user {0} logged in.".format(user)` logs the user's id). Nothing for other classes:
    a thing's row (`<Server 3>`) names no one, and a base of the project's may render otherwise."""
    if not any(type(base) is ast.Attribute and base.attr == "Model" for base in node.bases):
        return frozenset()  # the common case: no `db.Model` among the bases
    symbols = [an.static_symbol(base, scope) for base in node.bases]
    if _FLASK_SQLALCHEMY_MODEL not in symbols:
        return frozenset()
    top = an.module.split(".", 1)[0]
    if any(symbol is None or symbol.startswith("@") or symbol.split(".", 1)[0] == top
           for symbol in symbols if symbol != _FLASK_SQLALCHEMY_MODEL):
        return frozenset()  # a base of the project's (a mixin) may define the string form
    words = an.classifier.pack.words(node.name)
    person = an.classifier.pack.groups.get("person", frozenset())
    return frozenset({UNIQUE_ID}) if words and words[-1] in person else frozenset()


def _declared_field(node: ast.ClassDef, name: str, declared: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    """The categories of the field `name` the class body declares, where a collect was found at its
    statement; empty otherwise."""
    for stmt in node.body:
        if stmt.lineno in declared and _assigned_name(stmt) == name:
            return declared[stmt.lineno]
    return ()


def _named_in_repr(an: FileAnalyzer, call: ast.Call, owner: str) -> set[str]:
    """The categories of the attributes a helper given `self` and their names renders (indico's
    `format_repr(self, 'id', 'email', is_deleted=False)`, a `__repr__` built from `getattr(self, name)`
    for each name): each string literal given after `self` is classified as an attribute of `owner`.
    The empty set for a call not given `self` first, and for `getattr(self, 'x', None)`, whose
    `self.x` is read as an attribute is (the name is the same; a default adds nothing)."""
    if not call.args or type(call.args[0]) is not ast.Name or call.args[0].id != "self":
        return set()
    found: set[str] = set()
    for arg in call.args[1:]:
        if type(arg) is ast.Constant and type(arg.value) is str and arg.value.isidentifier():
            match = an.classifier.name(arg.value, owner=owner)
            if match is not None:
                found.add(match.category)
    return found


# A key quoted in a field's description: `Field(description="Filters (e.g. {'user_id': '...'})")`.
_QUOTED_KEY = LazyPattern(r"""[`'"]([A-Za-z_][A-Za-z0-9_]*)[`'"]""")


def _described_keys(an: FileAnalyzer, field: ast.Call) -> set[str]:
    """The categories of the keys a field's `description=` quotes as what the field holds
    (`filters: dict = Field(description="Filters for retrieval (e.g. {'user_id': '...'})")`: the
    dict holds a user id, and the model's dump or string form shows it). Only a quoted name counts:
    prose (`"Whether to email the user"`) says what the field is for, not what it holds. The empty
    set for other calls and descriptions."""
    for keyword in field.keywords:
        if keyword.arg == "description" and isinstance(keyword.value, ast.Constant) \
                and isinstance(keyword.value.value, str):
            text = keyword.value.value
            if "'" not in text and '"' not in text and "`" not in text:
                return set()  # most descriptions quote nothing: no pattern is run for them
            found = set()
            for name in _QUOTED_KEY.findall(text):
                match = an.classifier.name(name)
                if match is not None:
                    found.add(match.category)
            return found
    return set()


# Django's user base classes: a user's str is its USERNAME_FIELD's value (`username` by default).
DJANGO_USER_BASES = frozenset({
    "django.contrib.auth.models.AbstractUser", "django.contrib.auth.models.AbstractBaseUser",
    "django.contrib.auth.base_user.AbstractBaseUser", "django.contrib.auth.models.User",
})


def _django_user_rendered(an: FileAnalyzer, node: ast.ClassDef, scope: Scope) -> frozenset[str]:
    """What the str of a Django user model shows: the field its USERNAME_FIELD names (`email`), or the
    username. Nothing for other classes."""
    if not any(an.static_symbol(base, scope) in DJANGO_USER_BASES for base in node.bases):
        return frozenset()
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "USERNAME_FIELD" for t in stmt.targets) \
                and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            match = an.classifier.name(stmt.value.value, owner=node.name)
            return frozenset({match.category}) if match is not None else frozenset()
    return frozenset({"user.account.username"})


# Calls that wrap a column to change how it is loaded, not what it holds: SQLAlchemy's
# `deferred(Column(...))` (also `db.deferred` of Flask-SQLAlchemy), used for large columns (a
# picture, a document) read only when asked for. The wrapped call is the field.
_COLUMN_WRAPPERS = frozenset({"deferred"})


def visit_schema_class(an: FileAnalyzer, node: ast.ClassDef, scope: Scope) -> SchemaFamily | None:
    """Emit a `collect` for each personal-data field a schema class declares; return its family."""
    inbound_hooks(an, node)
    family = schema_family(an, node, scope)
    if family is None:
        if node.bases and an.models.attribute_map_family is not None:
            _attribute_maps(an, node, an.models.attribute_map_family, scope)
        return None
    an.schema_classes[node.name] = family.family
    if family.answers_by_use and node.name.endswith(ANSWERING_WORDS):
        # its collects are dropped at the end if every use of it in the project answers (scanner.engine.answers)
        first = node.lineno - len(node.decorator_list)
        an.answering_classes.append((node.name, first, node.end_lineno or node.lineno, family.rule))
    # a plain value class nested in an answer may be received too (a route's body type): it has its own test
    if family.response_names and (_response_model(an, node)
                                  or not family.received_only and _nested_in_answers(an, node)):
        return family
    unnamed = ""  # the class's qualified name when its fields hold only if no other module names it
    writes_table = family.received_only and (_writes_its_table(node) or _loaded(an, node))
    if family.received_only and not writes_table and not _received(an, node):
        if not family.unseen_received or _named_twice(an.source, node.name):
            return family  # a value object of the service's own (a config, an audit entry), not received data
        # named nowhere in its module: whether another module names it is asked of them all once
        # every file is analysed (`Gated`), not of the modules analysed before this one
        unnamed = f"{an.module}.{node.name}" if an.module else node.name
    mark = len(an.observations)
    stored = family.stored or writes_table
    if family.stored_when_keyword:
        stored = any(k.arg == family.stored_when_keyword and isinstance(k.value, ast.Constant) and k.value.value is True
                     for k in node.keywords)
    if stored and len(node.bases) > 1 and an.module and not family.extended_by_stored:
        _note_stored_bases(an, node, family, scope)
    # a value class a request body is decoded into (a route's parameter type, or a field of one) is
    # filled in by a person as a form is: its fields are read as what they submit
    received = not family.submitted and not stored and _received(an, node)
    people = _person_relations(an, node, scope) if stored else frozenset()
    declaring = _Declaring(node.name, replace(family, submitted=True) if received else family, stored,
                           _model_of(node), _has_address_fields(an, node),
                           "" if stored and _persons_configuration(an, node, scope) else _verb_named(an, node),
                           stored and _embeds_persons_text(an, node, scope),
                           people,
                           _login_field(node) if stored else None,
                           bool(people) and _one_to_one_with_person(an, node, scope),
                           stored and _has_card_number(an, node))
    for stmt in _class_statements(node.body):
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            value = stmt.value
            # `email = forms.CharField() if settings.USE_USERNAME else forms.EmailField()`: either is the
            # field, the first that says what it holds
            choices = [value.body, value.orelse] if type(value) is ast.IfExp else [value]
            seen = len(an.observations)
            for choice in choices:
                if isinstance(choice, ast.Call) and choice.args and isinstance(choice.args[0], ast.Call) \
                        and callee_name(choice) in _COLUMN_WRAPPERS:
                    choice = choice.args[0]  # `picture = db.deferred(db.Column(db.LargeBinary))`: the column
                if isinstance(choice, ast.Call) and family.submitted:
                    choice = _listed_field(choice)  # `emails = FieldList(EmailField(...))`: the field listed
                if isinstance(choice, ast.Call) and len(an.observations) == seen:
                    _field(an, declaring, stmt, stmt.targets[0].id, choice, None, scope)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            call = stmt.value if isinstance(stmt.value, ast.Call) else None
            if call is not None and family.field_calls and _is_call_of(an, call, scope, family):
                _field(an, declaring, stmt, stmt.target.id, call, stmt.annotation, scope)
            elif family.annotated:
                _annotated_field(an, declaring, stmt, scope)
        elif isinstance(stmt, ast.ClassDef) and stmt.name == "Meta" and family.meta_fields:
            _meta_fields(an, family, node, stmt, stored)
    if unnamed and len(an.observations) > mark:
        an.gated.append((mark, unnamed, an.observations[mark:]))
        del an.observations[mark:]
    return family


# SQL that writes a table's rows: `INSERT INTO puppet (...)`, `UPDATE puppet SET ...` (also `"user"`
# quoted), the statement a project's own database layer runs with its record's values.
_SQL_WRITE = LazyPattern(r"\b(?:INSERT\s+INTO|UPDATE\s+\S+\s+SET)\s", re.IGNORECASE)


def _writes_its_table(node: ast.ClassDef) -> bool:
    """Whether a plain value class (a dataclass, an attrs class) is a record of a project-made database
    layer: one of its methods runs SQL that writes a table (`q = "INSERT INTO puppet (...)"` then
    `await self.db.execute(q, *self._values)`, asyncpg or any DB-API driver), so its fields are the
    table's columns, stored, whoever fills them in. Only the strings of its methods are read, each
    asked with `in` before the pattern: the module's text asked for SQL cost Superset's scan (its
    TypedDicts and dataclasses) half a percent of its instructions, scanned or matched whole."""
    for stmt in node.body:
        if type(stmt) is not ast.FunctionDef and type(stmt) is not ast.AsyncFunctionDef:
            continue
        for sub in walk(stmt):
            if type(sub) is ast.Constant and type(sub.value) is str and _sql_write(sub.value):
                return True
    return False


def _writes_rows(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether `func` runs SQL that writes a table: a string (an f-string read with its holes filled,
    `f"UPDATE {table} SET ..."`) that `_SQL_WRITE` matches or holds `RETURNING` (the rows an `INSERT`
    or `UPDATE` returns), or a query builder's `.returning(...)`. The nodes `own_nodes` gives, in
    another order (whether one holds is all that is asked): their fields read in place, without
    `own_nodes`' generators (the walk was most of the rule's cost on Superset)."""
    stack: list[Any] = list(func.body)
    while stack:
        sub = stack.pop()
        kind = type(sub)
        if kind is ast.Constant:
            if type(sub.value) is str and ("RETURNING" in sub.value or _sql_write(sub.value)):
                return True
            continue  # a constant holds no node
        if kind is ast.JoinedStr:
            text = "".join(v.value if type(v) is ast.Constant and type(v.value) is str else "x" for v in sub.values)
            if "RETURNING" in text or _sql_write(text):
                return True
        elif kind is ast.Call and type(sub.func) is ast.Attribute and sub.func.attr == "returning":
            return True
        elif kind in _NOT_OWN:
            continue  # a function, lambda or class it defines: its body is its own
        for field in getattr(sub, "_fields", ()):  # a list's item may be a name (`global x`) or None (`{**d}`)
            value = getattr(sub, field, None)
            if type(value) is list:
                stack.extend(value)
            elif isinstance(value, ast.AST):
                stack.append(value)
    return False


# The nodes under a function that `own_nodes` gives but does not enter.
_NOT_OWN = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef})


def _sql_write(text: str) -> bool:
    """Whether a string is SQL that writes a table's rows (`_SQL_WRITE`), asked with `in` first."""
    return ("INSERT" in text or "UPDATE" in text or "insert" in text or "update" in text) \
        and _SQL_WRITE.search(text) is not None


def _class_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a class body, also those under an `if` (`if settings.ENABLE_ATTACHMENTS:
    attachment = forms.FileField(...)`): a field declared when a setting is on is declared."""
    for stmt in body:
        if type(stmt) is ast.If:
            yield from _class_statements(stmt.body)
            yield from _class_statements(stmt.orelse)
        else:
            yield stmt


def callee_name(call: ast.Call) -> str:
    """The name a call is made by: `f` in `f(x)`, `method` in `obj.method(x)`, "" otherwise."""
    func = call.func  # by exact type (see `analyzer.owner_name`)
    return func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else ""


def _declares_field(family: SchemaFamily, symbol: str | None, call: ast.Call) -> bool:
    """A field call of the family, or, in a class known to be of the family, a call of a field
    class of the project's own (`PasswordField(...)`, a subclass of forms.CharField;
    `LowercaseString(...)`, a subclass of marshmallow's String, named for the field it refines;
    `DRFEmailFieldUTF8(...)`, tagged after its `Field`). Not a refinement of an excluded field
    named after it (django-scopes' `SafeModelChoiceField`, a project's `UserModelChoiceField`): it
    picks a record, as the `ModelChoiceField` it ends with does."""
    if symbol is not None and family.is_field_call(symbol):
        return True
    if not family.field_calls:
        return False
    name = (symbol or callee_name(call)).rsplit(".", 1)[-1].rsplit(":", 1)[-1]
    return (name.endswith(("Field", "String")) or tagged_field(name)) \
        and not name.endswith(_excluded_names(family.exclude_calls)) \
        and not name.endswith(("ForeignKeyField", "RelatedField"))


@functools.lru_cache(maxsize=64)
def _excluded_names(exclude_calls: frozenset[str]) -> tuple[str, ...]:
    """The last names of a family's excluded calls (`ModelChoiceField`), memoised per family."""
    return tuple(sorted({e.rsplit(".", 1)[-1] for e in exclude_calls}))


def _to_value_table(family: SchemaFamily, symbol: str | None, call: ast.Call) -> bool:
    """Whether a relation of the family's `exclude_calls` points at a model of reference values
    (`country = models.ForeignKey("address.Country", ...)`, `ForeignKey(Language, ...)`): it stores
    the value a person chose, where a relation to a user or another record only refers to it. False
    for every other call."""
    if symbol is None or symbol not in family.exclude_calls:
        return False
    target = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "to"), None)
    if isinstance(target, ast.Constant) and isinstance(target.value, str):
        name = target.value.rsplit(".", 1)[-1]  # "app_label.Model"
    elif isinstance(target, (ast.Name, ast.Attribute)):
        name = target.id if isinstance(target, ast.Name) else target.attr
    else:
        return False
    return name in family.value_tables


def dynamic_field(an: FileAnalyzer, target: ast.Subscript, value_node: ast.expr, scope: Scope) -> None:
    """`self.fields["email"] = forms.EmailField(...)` in a form or serializer: a field added at run time.

    Whatever is assigned there is a field, also a field object built by a helper
    (`adapter.phone_form_field(...)`) or in branches before (`self.fields["login"] = login_field`);
    only the family's excluded calls (relations) are not.
    """
    cls = scope.cls
    if cls is None:
        return
    holder = target.value
    if not (isinstance(holder, ast.Attribute) and holder.attr == "fields" and isinstance(holder.value, ast.Name)
            and holder.value.id == "self"):
        return
    schema = cls.name if cls.name in an.schema_classes else _schema_extending(an, cls.name)
    if schema is None:
        return
    name = _key_text(target.slice)
    if name is None:
        return
    family = next((f for f in an.models.schemas if f.family == an.schema_classes[schema]), None)
    if family is None or not family.field_calls:
        return
    type_names: list[str] = []
    hints = _NO_HINTS
    if isinstance(value_node, ast.Call):
        symbol = an.static_symbol(value_node.func, scope)
        if symbol is not None and symbol in family.exclude_calls:
            return
        type_names.append(_own_field_type(an, callee_name(value_node)))
        hints = _hints(an, value_node, scope)
    # a field added at run time is filled in like the others: read its name as submitted
    node = _class_nodes(an).get(schema)
    if node is None:
        return
    declaring = _Declaring(schema, replace(family, submitted=True), family.stored, _model_of(node), False)
    match = _field_meaning(an, declaring, name.rstrip("_"), type_names + hints.types, hints)
    if match is None and not isinstance(target.slice, ast.Constant) and name.endswith("_"):
        # a field added per item under a prefix (`f"custom_{field.name}"`, one per custom field an
        # administrator defined) is a field of that kind: read as `custom_field`
        match = _field_meaning(an, declaring, name + "field", type_names + hints.types, hints)
    # a flag added at run time (`self.fields["biography"] = forms.BooleanField(...)`, an export's
    # column picked by a tick) says whether, as a declared flag does: not the datum it names
    if match is None or refers_to_user(name, match.category) or _holds_flag(target, type_names):
        return
    if (match.category.startswith(CONTENT) or match.category == _BEHAVIOR) and _declared_type(type_names) in _NO_TEXT_FIELDS:
        # `self.fields["reason"] = forms.ChoiceField(choices=close_choices)`: picked from what the code
        # offers, not written, as a declared field of that type is (`_emit_field`)
        return
    if match.category == _FINANCIAL and isinstance(value_node, ast.Call) \
            and _chosen_method(an, name, value_node, type_names + hints.types):
        return
    an.emit(Kind.COLLECT, target, [match.category], family.rule,
            f"{schema}.{name} declares {match.category} ({family.family} field added at run time)",
            stored=family.stored, reasons=(f"{family.family} field", match.pattern))


# Field names that say what they hold only with their class's name before them (`Phone.number`).
_NAMED_BY_OWNER = frozenset({"number"})


def _detail_record(an: FileAnalyzer, owner: str, name: str) -> Match | None:
    """What a generic field of a class named for a contact detail holds (`Phone.number` as
    `phone_number`, Tendenci's contacts keep each phone in a row of its own): the class's last word
    and the field's name read together, kept only where they name a contact detail (a phone or fax
    number, a street number): an `Account.number` or a `Member.number` is a ledger's or a
    register's, not read so. None otherwise."""
    words = an.classifier.pack.words(owner)
    if not words:
        return None
    match = an.classifier.name(f"{words[-1]}_{name}", owner=None)
    return match if match is not None and match.category.startswith("user.contact.") else None


_FINANCIAL = "user.financial"
# Field and widget types whose value is picked from the choices the code offers.
_CHOICE_TYPES = frozenset({"ChoiceField", "TypedChoiceField", "RadioSelect", "Select"})


def _chosen_method(an: FileAnalyzer, name: str, call: ast.Call, types: list[str]) -> bool:
    """Whether a field named for a method of paying (`payment_method`) is picked from the methods the
    service offers: given choices (`choices=`, a choice field, a radio or select widget that lists
    them: `RadioSelect(choices=(("check-paid", ...), ("cc", ...)))`) or a default the code writes
    (`default="cc"`). A cheque or a card chosen is how a person pays, not their card or account: no
    financial detail, unlike a provider's payment-method object sent to it (`payment_method=pm_id`)."""
    words = an.classifier.pack.words(name)
    if not words or words[-1] != "method":
        return False
    if any(t in _CHOICE_TYPES for t in types):
        return True
    for keyword in call.keywords:
        if keyword.arg == "choices" or keyword.arg in ("default", "initial") and isinstance(keyword.value, ast.Constant) \
                and isinstance(keyword.value.value, str):
            return True
    return False


def fields_built_per_definition(an: FileAnalyzer, stmt: ast.For | ast.AsyncFor, scope: Scope) -> None:
    """Emit a `collect` of `user.content` for each field a loop over field definitions adds to a form
    or a request model at run time, named by the definition (pretix's builder rule, Fief's custom user
    fields): `setattr(ProfileFormFields, field.slug, get_form_field(field))` of a form class, or
    `fields[field.slug] = (field_type, field_info)` in a module that builds a Pydantic model from such
    a dict (`create_model(..., **fields)`). One field per item an administrator defined: what a person
    enters there is their answer, whatever the definition asks. Only loops whose iterable's name says
    it holds fields (`for field in update_user_fields`) are read, and only their own statements."""
    iterated = stmt.iter.id if type(stmt.iter) is ast.Name else stmt.iter.attr if type(stmt.iter) is ast.Attribute else ""
    if "field" not in iterated.lower():
        return
    for inner in stmt.body:
        if isinstance(inner, ast.Expr) and isinstance(inner.value, ast.Call):
            call = inner.value
            if not (isinstance(call.func, ast.Name) and call.func.id == "setattr" and len(call.args) == 3
                    and isinstance(call.args[0], ast.Name) and isinstance(call.args[2], ast.Call)
                    and _key_text(call.args[1]) is None):
                continue
            schema = call.args[0].id
            family = next((f for f in an.models.schemas if f.family == an.schema_classes.get(schema)), None)
            if family is None or not family.submitted:
                continue
            symbol = an.static_symbol(call.args[2].func, scope)
            if symbol is not None and symbol in family.exclude_calls:
                continue
            an.emit(Kind.COLLECT, inner, [CONTENT], family.rule,
                    f"a field per field definition is added to {schema} at run time ({family.family} field): "
                    f"what a person enters there is theirs", reasons=(f"{family.family} field built per definition",))
        elif isinstance(inner, ast.Assign) and len(inner.targets) == 1 and isinstance(inner.targets[0], ast.Subscript) \
                and isinstance(inner.value, ast.Tuple) and len(inner.value.elts) == 2 \
                and _key_text(inner.targets[0].slice) is None and "create_model" in an.source:
            an.emit(Kind.COLLECT, inner, [CONTENT], _PYDANTIC_RULE,
                    "a Pydantic field per field definition is built at run time (create_model's (type, default) "
                    "pair): what a person enters there is theirs", reasons=("pydantic field built per definition",))


_PYDANTIC_RULE = "python.pydantic.field"


def _schema_extending(an: FileAnalyzer, mixin: str) -> str | None:
    """The first schema class of the module that extends class `mixin` by name (`class
    EditTicketForm(CustomFieldMixin, forms.ModelForm)`): a mixin's `self.fields[...]` are that form's.
    None when no schema class of the module extends it."""
    for name, node in _class_nodes(an).items():
        if name in an.schema_classes and any(isinstance(base, ast.Name) and base.id == mixin for base in node.bases):
            return name
    return None


def visit_built_fields(an: FileAnalyzer) -> None:
    """Emit a `collect` for each form field a module builds in code rather than declares in a class
    body, named by what it is built for: a `("name", forms.CharField(...))` pair (a payment
    provider's `OrderedDict` of form fields), a `{"name": forms.CharField(...)}` entry, or a field
    returned or bound under `if field_name == "email":` (a method building fields per name).

    Fields assigned to `self.fields[...]` are `dynamic_field`'s. Only the families whose fields a
    person fills in (`submitted`) are read, through the module's top-level imports. Returns nothing.
    """
    source = an.source
    if "Field(" not in source:
        return  # most modules: a find in C costs half the search below
    calls = [m.start() for m in re.finditer(r"Field\(", source)]
    if not any(_built_field_before(source, at) for at in calls):
        return  # no field is built in a pair, a dict or after a comparison: most modules
    families = tuple(f for f in an.models.schemas if f.submitted and f.field_calls)
    modules = _field_modules(families)
    imported = dict(_module_imports(an))
    if any(qualified.startswith(modules) for qualified in imported.values()):
        building = _Building(families, imported, lines_at(source, calls), {})
        building.local.update(_local_field_classes(an, building))
        _built_fields_in(an, building, an.tree.body, None, None)


def _local_field_classes(an: FileAnalyzer, building: _Building) -> dict[str, SchemaFamily]:
    """The module's own field classes (`class NamePartsFormField(forms.MultiValueField)`) by name,
    with the family of the field class they extend."""
    found: dict[str, SchemaFamily] = {}
    for name, node in _class_nodes(an).items():
        for base in node.bases:
            family = _built_field_family(ast.Call(func=base, args=[], keywords=[]), building)
            if family is not None:
                found[name] = family
                break
    return found


class _Building(NamedTuple):
    """What `visit_built_fields` reads a module with."""
    families: tuple[SchemaFamily, ...]  # those whose fields a person fills in
    imported: dict[str, str]  # the module's top-level imports: local name -> qualified name
    lines: list[int]  # the lines where a `...Field(` call starts, ascending: no other statement is read
    local: dict[str, SchemaFamily]  # the module's own field classes, with the family they extend


@functools.lru_cache(maxsize=8)
def _field_modules(families: tuple[SchemaFamily, ...]) -> tuple[str, ...]:
    """The modules the families' field classes live in (`django.forms`, `wtforms`): a module that
    imports none of them builds no such field."""
    return tuple(sorted({pattern.rsplit(".", 1)[0] if "." in pattern else pattern
                         for family in families for pattern in family.field_calls}))


# What `visit_built_fields` reads, as the text before a `Field(`: `("email", forms.EmailField(`,
# `"email": CharField(`, `== "email":` then `return forms.EmailField(` or `field = forms.EmailField(`,
# and a keyword of a call (`dict(email=wtforms.EmailField(`), each maybe in a field list
# (`dict(emails=wtforms.FieldList(wtforms.EmailField(`).
# Read backwards: the text must end at the `Field(`, so it is matched once, from the `Field(` back
# (the window reversed, the pattern reversed part by part), not searched for at each of the window's
# 160 positions; tests/test_regex_shortcuts.py keeps the pattern as written forwards:
#   (?:['"]\w+['"]\s*[,:]|==\s*['"]\w+['"]\s*:\s*(?:\w+\s*=|return)|[(,]\s*\w+\s*=)\s*
#   (?:(?:\w+\.)*FieldList\(\s*)?(?:\w+\.)*\w*$
_BUILT_FIELD_TEXT = LazyPattern(r"""\w*(?:\.\w+)*(?:\s*\(tsiLdleiF(?:\.\w+)*)?\s*"""
                                r"""(?:[,:]\s*['"]\w+['"]|(?:=\s*\w+|nruter)\s*:\s*['"]\w+['"]\s*==|=\s*\w+\s*[(,])""")


def _built_field_before(source: str, at: int) -> bool:
    """Whether the 160 characters before the `Field(` at `at` end in what `visit_built_fields` reads
    (`_BUILT_FIELD_TEXT`): the forward pattern's search between `at - 160` and `at`, whose `$` also
    matches before a last newline, hence the second try without it."""
    window = source[max(0, at - 160):at][::-1]
    return _BUILT_FIELD_TEXT.match(window) is not None \
        or window[:1] == "\n" and _BUILT_FIELD_TEXT.match(window, 1) is not None


def _built_fields_in(an: FileAnalyzer, building: _Building, body: list[ast.stmt], owner: str | None,
                     compared: str | None) -> None:
    """Walk statements for `visit_built_fields`: `owner` is the enclosing class's name, `compared`
    the literal the enclosing `if` compares a name with. Statements without a field call are skipped."""
    lines = building.lines
    for stmt in body:
        first = bisect.bisect_left(lines, stmt.lineno)
        if first == len(lines) or lines[first] > (stmt.end_lineno or stmt.lineno):
            continue
        if isinstance(stmt, ast.ClassDef):
            # a field class's own fields (a `MultiValueField`'s parts) are parts of one field,
            # observed where the field is used
            if stmt.name not in building.local:
                _built_fields_in(an, building, stmt.body, stmt.name, None)
        elif isinstance(stmt, _FUNCTIONS):
            if not _CONFIGURATION_FUNCTION.search(stmt.name):
                _built_fields_in(an, building, stmt.body, owner, None)
        elif isinstance(stmt, ast.If):
            _built_fields_in(an, building, stmt.body, owner, _compared_literal(stmt.test) or compared)
            _built_fields_in(an, building, stmt.orelse, owner, None)
        elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try)):
            for inner in inner_bodies(stmt):
                _built_fields_in(an, building, inner, owner, compared)
        else:
            value = stmt.value if isinstance(stmt, (ast.Return, ast.Assign)) else None
            if compared is not None and isinstance(value, ast.Call) and not _assigns_fields(stmt):
                family = _built_field_family(value, building)
                if family is not None:
                    _emit_built_field(an, family, stmt, compared, value, owner)
                    continue
            # fields kept by name in a module's or a function's variable (`PROFILE_FORM_FIELDS =
            # dict(formatted_name=StringField(...))`) are read as fields of what it names, as a dict
            # schema's keys are: `formatted_name` of a profile is the person's name
            holder = owner if owner is not None else _assigned_name(stmt)
            for node in walk(stmt):
                for name, call, where in _named_calls(node):
                    call = _listed_field(call)
                    family = _built_field_family(call, building)
                    if family is not None:
                        _emit_built_field(an, family, where, name, call, holder)


# Functions building the fields of the service's own settings (a payment provider's
# `settings_form_fields`): an administrator configures them, no person's data is typed there.
_CONFIGURATION_FUNCTION = LazyPattern(r"setting|config|preference", re.IGNORECASE)


def _assigned_name(stmt: ast.stmt) -> str | None:
    """`NAME` of `NAME = ...` or `NAME: T = ...`; None for any other statement."""
    # by exact type (see `analyzer.owner_name`): asked of every statement of every class body
    target = stmt.targets[0] if type(stmt) is ast.Assign and len(stmt.targets) == 1 else \
        stmt.target if type(stmt) is ast.AnnAssign else None
    return target.id if type(target) is ast.Name else None


# WTForms' `FieldList(EmailField(...), min_entries=1)`: a list of entries of the field it is given,
# which says what each holds (a person's e-mail addresses).
_FIELD_LISTS = frozenset({"FieldList"})


def _listed_field(call: ast.Call) -> ast.Call:
    """The field a field list repeats (`FieldList(EmailField(...))` -> `EmailField(...)`), or `call`."""
    if call.args and isinstance(call.args[0], ast.Call) and callee_name(call) in _FIELD_LISTS:
        return call.args[0]
    return call


def inner_bodies(stmt: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists a statement holds, in order: its body, `else`, `finally`, each `except`'s
    body and each `case`'s body (a function's or a class's body too)."""
    bodies: list[list[ast.stmt]] = [getattr(stmt, attr, []) for attr in ("body", "orelse", "finalbody")]
    bodies.extend(handler.body for handler in getattr(stmt, "handlers", []))
    bodies.extend(case.body for case in getattr(stmt, "cases", []))
    return bodies


def _compared_literal(test: ast.expr) -> str | None:
    """`"email"` of `if field_name == "email":`; None for any other test."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) \
            and isinstance(test.left, (ast.Name, ast.Attribute)):
        right = test.comparators[0]
        if isinstance(right, ast.Constant) and isinstance(right.value, str) and right.value.isidentifier():
            return right.value
    return None


def _assigns_fields(stmt: ast.stmt) -> bool:
    """`self.fields[...] = ...`: `dynamic_field` reads it."""
    return isinstance(stmt, ast.Assign) and any(
        isinstance(t, ast.Subscript) and isinstance(t.value, ast.Attribute) and t.value.attr == "fields"
        for t in stmt.targets)


def _named_calls(node: ast.AST) -> Iterator[tuple[str, ast.Call, ast.AST]]:
    """The calls a tuple, a dict display or a `dict(...)` call names by a literal: `("email", call)`,
    `{"email": call}` and `dict(email=call)`, with the node to locate each at (the pair, the key, or
    the keyword)."""
    if isinstance(node, ast.Tuple) and len(node.elts) == 2:
        key, value = node.elts
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.Call):
            yield key.value, value, node
    elif isinstance(node, ast.Dict):
        for key_node, value in zip(node.keys, node.values):
            if isinstance(key_node, ast.Constant) and isinstance(key_node.value, str) and isinstance(value, ast.Call):
                yield key_node.value, value, key_node
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        # `PROFILE_FORM_FIELDS = dict(user_name=wtforms.StringField(...), ...)`: fields kept by name
        # for a form class built from them
        for keyword in node.keywords:
            if keyword.arg is not None and isinstance(keyword.value, ast.Call):
                yield keyword.arg, keyword.value, keyword


def _built_field_family(call: ast.Call, building: _Building) -> SchemaFamily | None:
    """The family whose field `call` constructs (`forms.CharField(...)` with `from django import
    forms`, or a field class of the module that extends one), or None."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in building.local:
        return building.local[func.id]
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name) or not (parts[0] if parts else func.id).endswith("Field"):
        return None
    base = building.imported.get(func.id)
    if base is None:
        return None
    symbol = ".".join([base, *reversed(parts)])
    return next((family for family in building.families if family.is_field_call(symbol)), None)


def _emit_built_field(an: FileAnalyzer, family: SchemaFamily, where: ast.AST, name: str, call: ast.Call,
                      owner: str | None) -> None:
    if _disabled(call):
        return
    hints = _hints(an, call, an.module_scope)
    declaring = _Declaring(owner or "", family, family.stored, None, False)
    type_names = [callee_name(call), *hints.types]
    match = _field_meaning(an, declaring, name, type_names, hints)
    if match is None or refers_to_user(name, match.category) or _holds_flag(where, type_names):
        return
    an.emit(Kind.COLLECT, where, [match.category], family.rule,
            f"a {family.family} field '{name}' is built{f' by {owner}' if owner else ''} ({match.category})",
            stored=family.stored, reasons=(f"{family.family} field built in code", match.pattern))


# The tree attribute that keeps a module's classes by name: every analysis of one parse shares them.
_CLASSES = "_policyscan_classes"


def _class_nodes(an: FileAnalyzer) -> dict[str, ast.ClassDef]:
    """The module's classes by name (the outermost, first of a name), found once per parse."""
    found: dict[str, ast.ClassDef] | None = getattr(an.tree, _CLASSES, None)
    if found is None:
        found = {}
        # breadth first, as `ast.walk`, but through the statement lists only (a class is a statement;
        # the expressions, most of a tree's nodes, hold none): the same classes in the same order
        queue: list[ast.AST] = [an.tree]
        for node in queue:  # the loop reaches what it appends: a queue
            if type(node) is ast.ClassDef:
                found.setdefault(node.name, node)
            for attr in _STATEMENT_LISTS:
                held = getattr(node, attr, None)
                if held:
                    queue.extend(held)
        setattr(an.tree, _CLASSES, found)
    return found


def _key_text(key: ast.expr) -> str | None:
    """The name of a field added under `key`: a literal (`"email"`), or the literal part of a
    key built per item (`"question_%s" % q.id`, `f"question_{q.id}"`, `"question_" + str(q.id)`:
    "question_"). None for a key with no literal part."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    if isinstance(key, ast.BinOp) and isinstance(key.left, ast.Constant) and isinstance(key.left.value, str):
        if isinstance(key.op, ast.Mod):
            return key.left.value.split("%", 1)[0] or None
        if isinstance(key.op, ast.Add):
            return key.left.value or None
    if isinstance(key, ast.JoinedStr) and key.values and isinstance(key.values[0], ast.Constant):
        first = key.values[0].value
        return first if isinstance(first, str) and first else None
    return None


def _is_call_of(an: FileAnalyzer, call: ast.Call, scope: Scope, family: SchemaFamily) -> bool:
    symbol = an.static_symbol(call.func, scope)
    return symbol is not None and (family.is_field_call(symbol) or symbol in family.exclude_calls)


# A schema named for the HTTP method it serves (`GroupPostSchema`), and the verbs such names use.
_VERB_NAMED = LazyPattern(r"([A-Z]\w*?)(Post|Put|Patch|Get|Delete)(Schema|Serializer|Body|Request|Input)")
_VERBS = ("Post", "Put", "Patch", "Get", "Delete")


def _verb_named(an: FileAnalyzer, node: ast.ClassDef) -> str | None:
    """The name a schema named for an HTTP method is read under without the verb (`GroupPostSchema`
    -> `GroupSchema`), where the module declares the same schema for another method too
    (`GroupPutSchema`): a REST API's schemas by verb (Flask-AppBuilder, Superset), whose `Post` is
    not a forum's post. None for any other class (`ForumPostSchema` alone)."""
    named = _VERB_NAMED.fullmatch(node.name)
    if named is None:
        return None
    prefix, verb, suffix = named.groups()
    siblings = {f"{prefix}{other}{suffix}" for other in _VERBS if other != verb}
    if any(isinstance(stmt, ast.ClassDef) and stmt.name in siblings for stmt in an.tree.body):
        return prefix + suffix
    return None


class _Declaring(NamedTuple):
    """A schema class (or another class building form fields) whose fields are being read."""
    owner: str  # the class's name
    family: SchemaFamily
    stored: bool
    model: str | None  # the model a ModelForm or ModelSerializer edits (its Meta.model)
    address: bool  # it declares parts of an address: its `state` and `country` are the address's
    # the owner its fields' names are read under, where not the class's name: none ("") for a
    # configuration a person keeps (`NotionConfig` with a foreign key to the user)
    reading: str | None = None
    # it keeps an embedding of its text in a person's rows: its long text fields are their text
    embedded: bool = False
    # its relations to a person (`poster = ForeignKey(settings.AUTH_USER_MODEL)`, `poster_id =
    # Column(ForeignKey("users.id"))` as `poster`): `poster_name` and `poster_slug` copy their name
    people: frozenset[str] = frozenset()
    # the field a Django user model names as its login (`USERNAME_FIELD = "slug"`)
    login: str | None = None
    # it is one person's own record, tied one-to-one to them (`user = OneToOneField(User)`): a profile
    profile: bool = False
    # it stores a payment card's (masked) number: its card type and expiry are that card's
    card: bool = False


class _Hints(NamedTuple):
    """What a form field's arguments say about the value typed into it."""
    types: list[str]  # the widget's type (`PasswordInput`, `EmailInput`)
    tokens: list[str]  # HTML autocomplete tokens and input types (`current-password`, `email`)
    label: str | None  # the label shown next to it (`"Account holder name"`)


_NO_HINTS = _Hints([], [], None)
# Keyword arguments of form fields whose dict carries HTML input attributes: Django widgets'
# `attrs`, DRF's `style`, WTForms' `render_kw`.
_INPUT_ATTRIBUTE_KEYWORDS = frozenset({"attrs", "style", "render_kw"})
# Keys of those dicts that say what the input holds: HTML `autocomplete` tokens (`email`,
# `current-password`, `given-name`) and input types (`password`, `email`, `tel`).
_INPUT_MEANING_KEYS = frozenset({"autocomplete", "input_type", "type"})
# Keywords of form fields that give the label shown next to the input (Django's and WTForms' `label`,
# Django models' `verbose_name`, which the model's forms take as their label).
_LABEL_KEYWORDS = frozenset({"label", "verbose_name"})
# Translation functions a label is wrapped in.
_GETTEXT = frozenset({"_", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy", "lazy_gettext", "_l", "N_"})
# Words of field types whose label may say what they hold: text typed or chosen. A checkbox
# labelled "Use my email address as username" holds a yes or a no.
_TEXT_FIELD_WORDS = ("char", "text", "string", "choice", "area", "slug")


def _hints(an: FileAnalyzer, call: ast.Call, scope: Scope) -> _Hints:
    """The widget, input attributes and label of a form field call."""
    hints = _Hints([], [], None)
    for keyword in call.keywords:
        value = keyword.value
        if keyword.arg == "widget" and isinstance(value, (ast.Call, ast.Name, ast.Attribute)):
            widget = value.func if isinstance(value, ast.Call) else value
            symbol = an.static_symbol(widget, scope)
            hints.types.append((symbol or "").rsplit(".", 1)[-1])
            if isinstance(value, ast.Call):
                hints.tokens.extend(_hints(an, value, scope).tokens)
        elif keyword.arg in _INPUT_ATTRIBUTE_KEYWORDS and isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values):
                if isinstance(key, ast.Constant) and key.value in _INPUT_MEANING_KEYS \
                        and isinstance(item, ast.Constant) and isinstance(item.value, str):
                    hints.tokens.append(item.value)
        elif keyword.arg in _LABEL_KEYWORDS:
            hints = hints._replace(label=_text_of(value))
    return hints


# Keywords of search-index fields that name the model attribute the field copies (django-haystack's
# `model_attr`).
_COPIED_ATTRIBUTE_KEYWORDS = frozenset({"model_attr"})


def _copied_attribute(call: ast.Call) -> str | None:
    """The model's own attribute a search index's field copies (`model_attr="sender_name"`), or None.
    A related object's (`model_attr="mailinglist__name"`) is another model's field: not read."""
    for keyword in call.keywords:
        if keyword.arg in _COPIED_ATTRIBUTE_KEYWORDS and isinstance(keyword.value, ast.Constant) \
                and isinstance(keyword.value.value, str) and "__" not in keyword.value.value:
            return keyword.value.value
    return None


def _stored_label(call: ast.Call) -> _Hints:
    """What a stored field's human-readable name says (`SlugField(verbose_name=_("GitHub username"))`):
    a model's fields have no widget or input attributes, only the label its forms and admin show."""
    label = next((_text_of(k.value) for k in call.keywords if k.arg == "verbose_name"), None) if call.keywords else None
    return _Hints([], [], label) if label is not None else _NO_HINTS


def _disabled(call: ast.Call) -> bool:
    """`forms.EmailField(disabled=True)`: the form shows the value and ignores what is submitted."""
    return any(k.arg == "disabled" and isinstance(k.value, ast.Constant) and k.value.value is True for k in call.keywords)


def _text_of(node: ast.expr) -> str | None:
    """A literal string, also inside a translation call (`_("Your email")`); None otherwise."""
    if isinstance(node, ast.Call) and callee_name(node) in _GETTEXT and node.args:
        node = node.args[0]
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _model_of(cls: ast.ClassDef) -> str | None:
    """The model a ModelForm or ModelSerializer edits (its `Meta.model`), or the one a search index
    copies (django-haystack's class attribute `model = ReviewRequest`, or its `get_model()`'s return)."""
    for stmt in cls.body:
        if type(stmt) is ast.ClassDef and stmt.name == "Meta":
            for inner in stmt.body:
                if isinstance(inner, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "model" for t in inner.targets):
                    model = _class_named(inner.value)
                    if model is not None:
                        return model
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and stmt.targets[0].id == "model":
            model = _class_named(stmt.value)
            if model is not None:
                return model
        elif type(stmt) is ast.FunctionDef and stmt.name == "get_model" and len(stmt.body) >= 1 \
                and isinstance(stmt.body[-1], ast.Return) and stmt.body[-1].value is not None:
            # django-haystack's `Indexable.get_model(self): return Email`, the index's model named by
            # the method its API asks for
            model = _class_named(stmt.body[-1].value)
            if model is not None:
                return model
    return None


def _class_named(value: ast.expr) -> str | None:
    """The class a name or a dotted name refers to (`ReviewRequest`, `models.ReviewRequest`), or None."""
    return value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else None


def _persons_configuration(an: FileAnalyzer, cls: ast.ClassDef, scope: Scope) -> bool:
    """Whether a stored class named as a configuration (`NotionConfig`, `GithubSettings`) is kept per
    person: it has a foreign key or one-to-one field named for a person (`user = ForeignKey(User)`).
    Its fields are then that person's (the token of their integration), not the service's settings.
    Only classes with a configuration word in their name are looked into."""
    pack = an.classifier.pack
    return any(word in pack.configuration for word in pack.words(cls.name)) and _refers_to_person(an, cls, scope)


def _field_calls(cls: ast.ClassDef) -> Iterator[tuple[str, ast.Call]]:
    """A class body's fields made by a call, with their names: `user = models.ForeignKey(User)`,
    `user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))`. The relation walks below read them."""
    for stmt in cls.body:
        name = _assigned_name(stmt)
        if name is not None and (type(stmt) is ast.Assign or type(stmt) is ast.AnnAssign) and type(stmt.value) is ast.Call:
            yield name, stmt.value


# The endings of the names of Django's relation fields and of a project's own subclasses of them,
# named for what they are (Tendenci's `UnsavedOneToOne(models.OneToOneField)`).
_ONE_TO_ONE_SUFFIXES = ("OneToOneField", "OneToOne")
_RELATION_SUFFIXES = ("ForeignKey", *_ONE_TO_ONE_SUFFIXES)


def _inherited_field_calls(an: FileAnalyzer, cls: ast.ClassDef) -> Iterator[tuple[str, ast.Call]]:
    """A class body's fields made by a call (`_field_calls`), then the relations among the fields of
    the bases its module defines at its top, nearest first (`class Profile(Person)` beside the
    abstract `Person` that holds `user = OneToOneField(User)`): a model's relations include those it
    inherits. A base's field is a relation by its call's name (`ForeignKey`, `OneToOneField`, a
    project's `UnsavedOneToOne`) or a column's `_id` name: told by syntax, as most bases' fields are
    none. Bases of other modules are not read."""
    yield from _field_calls(cls)
    if not any(type(base) is ast.Name for base in cls.bases):
        return  # `models.Model`, `db.Model`: no base of this module (the common case)
    seen = {cls.name}
    bases = [b.id for b in cls.bases if type(b) is ast.Name]
    for name in bases:  # the loop reaches what it appends: each base's own bases after it
        if name in seen:
            continue
        seen.add(name)
        base = next((stmt for stmt in an.tree.body if type(stmt) is ast.ClassDef and stmt.name == name), None)
        if base is None:
            continue
        for field, call in _field_calls(base):
            if field.endswith("_id") or callee_name(call).endswith(_RELATION_SUFFIXES):
                yield field, call
        bases.extend(b.id for b in base.bases if type(b) is ast.Name)


def _refers_to_person(an: FileAnalyzer, cls: ast.ClassDef, scope: Scope) -> bool:
    """Whether a class has a foreign key or one-to-one field named for a person (`user =
    models.ForeignKey(User, ...)`, `owner = OneToOneField(...)`): its rows are that person's."""
    person = an.classifier.pack.groups.get("person", frozenset())
    return any(name in person and (an.static_symbol(call.func, scope) or callee_name(call)).endswith(
        ("ForeignKey", "OneToOneField")) for name, call in _field_calls(cls))


def _person_relations(an: FileAnalyzer, cls: ast.ClassDef, scope: Scope) -> frozenset[str]:
    """The names of a stored class's relations to a person: Django foreign keys and one-to-one
    fields to the user model (`settings.AUTH_USER_MODEL`, `get_user_model()`) or to a class or
    table named for a person (`"auth.User"`, `Customer`), and SQLAlchemy columns `X_id` with a
    `ForeignKey("users.id")`, named without their `_id`. Empty for a class with none."""
    found: set[str] = set()
    for name, call in _inherited_field_calls(an, cls):
        symbol = an.static_symbol(call.func, scope) or callee_name(call)
        if symbol.endswith(_RELATION_SUFFIXES):
            target = relation_target(call)
            if target is not None and _names_person(an, target):
                found.add(name)
        elif name.endswith("_id"):
            # `poster_id = Column(Integer, ForeignKey("users.id"))`, `mapped_column(ForeignKey(...))`
            if any(isinstance(arg, ast.Call) and callee_name(arg).endswith("ForeignKey") and arg.args
                   and _names_person(an, arg.args[0]) for arg in call.args):
                found.add(name.removesuffix("_id"))
    return frozenset(found)


# Calls of ORM relations whose first argument is the related class (Django's, SQLAlchemy's).
_RELATION_CALLS = frozenset({"ForeignKey", "OneToOneField", "relationship"})
# The keywords a relation's target may be given by instead: Django's `to`, SQLAlchemy's `argument`.
_TARGET_KEYWORDS = frozenset({"to", "argument"})


def relation_target(call: ast.Call) -> ast.expr | None:
    """The class or table a relation call refers to: its first argument, or its `to=` keyword
    (`models.ForeignKey(to="person.User", ...)`, pretalx's style) or `argument=` (SQLAlchemy's).
    None for a call given neither."""
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg in _TARGET_KEYWORDS), None)


def related_instances(an: FileAnalyzer, cls: ast.ClassDef) -> dict[str, Value]:
    """What a model's relations hold: `translation = models.ForeignKey(Translation, ...)`,
    `ForeignKey("trans.Translation")` and SQLAlchemy's `relationship("Translation")` give an instance
    of that class of this file (`self.translation.log_info(...)` calls its methods), or of the class
    of another module of the project the file imports under that name. Empty for a class with none,
    and for a related class the file neither defines nor imports."""
    found: dict[str, Value] = {}
    for name, call in _field_calls(cls):
        related = relation_target(call) if callee_name(call) in _RELATION_CALLS else None
        if related is None:
            continue
        if isinstance(related, ast.Name):
            class_name = related.id
        elif isinstance(related, ast.Constant) and isinstance(related.value, str):
            class_name = related.value.rpartition(".")[2]  # a model's label, `app_label.Model`
        else:
            continue
        if class_name == cls.name:
            continue
        if class_name in an.classes:
            found[name] = symbol_value_of(f"@instance:{class_name}")
            continue
        # a class of another module of the project the file imports (under `TYPE_CHECKING` too, as
        # a label's class often is): an instance of it, whose methods that module's summary gives
        imported = an.module_scope.env.get(class_name)
        symbol = imported.symbol if imported is not None else None
        if symbol is not None and an.project_class(symbol):
            found[name] = symbol_value_of(f"{symbol}()")
    return found


def _one_to_one_with_person(an: FileAnalyzer, cls: ast.ClassDef, scope: Scope) -> bool:
    """Whether a stored class is one person's own record: a Django `OneToOneField` to the user model
    or a class named for a person (`user = OneToOneField(User)` of a profile), or a foreign key to one
    that is unique or the primary key (`ForeignKey(User, unique=True)`, `user_id =
    Column(ForeignKey("users.id"), primary_key=True)`). False for a plain foreign key: many rows of
    it (posts, grants, tokens) belong to one person."""
    for _, call in _inherited_field_calls(an, cls):
        symbol = an.static_symbol(call.func, scope) or callee_name(call)
        # a Django relation is the field's call; a SQLAlchemy one is a `ForeignKey(...)` of the column's
        relation: ast.Call | None = call if symbol.endswith(_RELATION_SUFFIXES) else next(
            (arg for arg in call.args if isinstance(arg, ast.Call) and callee_name(arg).endswith("ForeignKey")), None)
        target = relation_target(relation) if relation is not None else None
        if target is None or not _names_person(an, target):
            continue
        if relation is call and symbol.endswith(_ONE_TO_ONE_SUFFIXES):
            return True
        if any(k.arg in ("unique", "primary_key") and isinstance(k.value, ast.Constant) and k.value.value is True
               for k in call.keywords):
            return True
    return False


def _login_field(cls: ast.ClassDef) -> str | None:
    """The field a Django user model signs people in by (`USERNAME_FIELD = "slug"`: Misago's
    normalised username), or None where the class names none."""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and stmt.targets[0].id == "USERNAME_FIELD" and isinstance(stmt.value, ast.Constant) \
                and isinstance(stmt.value.value, str):
            return stmt.value.value
    return None


def _names_person(an: FileAnalyzer, target: ast.expr) -> bool:
    """Whether a relation's target is the user model or a class or table named for a person:
    `settings.AUTH_USER_MODEL`, `get_user_model()`, `User`, `"misago_users.User"`, `"users.id"`."""
    if isinstance(target, ast.Attribute) and target.attr == "AUTH_USER_MODEL":
        return True
    if isinstance(target, ast.Call):
        return callee_name(target) == "get_user_model"
    if isinstance(target, ast.Constant) and isinstance(target.value, str):
        text = target.value
        # a table's column (`"users.id"`, `"auth.users.id"`) names its table; a model label
        # (`"auth.User"`) its class
        name = text.rsplit(".", 2)[-2] if text.endswith(".id") and "." in text else text.rpartition(".")[2]
    elif isinstance(target, (ast.Name, ast.Attribute)):
        name = target.id if isinstance(target, ast.Name) else target.attr
        held = an.module_scope.env.get(name) if isinstance(target, ast.Name) and name.isupper() else None
        if held is not None and isinstance(held.const, str):
            # `ForeignKey(USER_ID)` beside `USER_ID = "user.id"`: the module's constant names the table
            return _names_person(an, ast.Constant(held.const))
    else:
        return False
    words = an.classifier.pack.words(name)
    return bool(words) and words[-1] in an.classifier.pack.groups.get("person", frozenset())


# The last words of a text field that copies the name of the person a relation of its class
# refers to (`poster_name`, `last_editor_slug`, `hidden_by_username` beside `poster`, `last_editor`,
# `hidden_by`): forums and trackers keep the name next to the key so a post still shows who wrote
# it when the account is gone. A Django user has no `name` field: the name copied is the login.
_COPIED_NAME_WORDS = frozenset({"name", "slug", "username"})


def _owned_by_one_person(an: FileAnalyzer, declaring: _Declaring) -> bool:
    """Whether a stored row is one person's thing: a relation to a person named in one word for one
    (`user`, `owner`, `author`), not a relation that names a role (`last_post_user`), and a row
    that is no group's (a group's or a team's `owner` manages it for its members)."""
    pack = an.classifier.pack
    person = pack.groups.get("person", frozenset())
    return not an.classifier.owner_in(declaring.owner, COLLECTIVE) and any(
        len(words) == 1 and words[0] in person for words in map(pack.words, declaring.people))


def _describes(an: FileAnalyzer, name: str) -> bool:
    """Whether a field's name ends with a describing word (`description`, `caption`): a set test on
    its last word first, as the rules that read such fields are asked about few names."""
    words = an.classifier.pack.words(name)
    return bool(words) and words[-1] in an.classifier.pack.groups.get(DESCRIBING_GROUP, frozenset())


def _in_own_words(an: FileAnalyzer, name: str) -> bool:
    """Whether a field's name ends with a word of what a person writes in their own words (`comment`,
    `text`, `note`: the classifier's `ownwords`), a set test on its last word."""
    words = an.classifier.pack.words(name)
    return bool(words) and words[-1] in an.classifier.pack.groups.get(OWN_WORDS_GROUP, frozenset())


def _attached_to_content(an: FileAnalyzer, owner: str) -> bool:
    """Whether the stored class `owner` of this module is attached to one post or proposal: a
    relation named in one word for what people write (`submission = ForeignKey(...)`, `post =
    ForeignKey(Post)`: the classifier's content owners). Not a relation that names a role or a
    pointer (`last_post`), nor a class of another module."""
    return _class_fact(an, owner, _ATTACHED, _has_content_relation)


def _has_content_relation(an: FileAnalyzer, cls: ast.ClassDef) -> bool:
    content = an.classifier.pack.groups.get("content", frozenset())
    return any(callee_name(call) in ("ForeignKey", "OneToOneField") and name in content
               for name, call in _field_calls(cls))


def _attached_to_post(an: FileAnalyzer, owner: str) -> bool:
    """Whether the stored class `owner` of this module is attached to one post (`_attached_to_content`)
    by a relation that names no question asked of people (the classifier's `asked` group: a
    questionnaire's `question`, whose answers are tied to no one by their row)."""
    return _class_fact(an, owner, _ATTACHED_TO_POST, _has_post_relation)


def _has_post_relation(an: FileAnalyzer, cls: ast.ClassDef) -> bool:
    groups = an.classifier.pack.groups
    posts = groups.get("content", frozenset()) - groups.get(_ASKED_GROUP, frozenset())
    return any(callee_name(call) in ("ForeignKey", "OneToOneField") and name in posts
               for name, call in _field_calls(cls))


def _class_fact(an: FileAnalyzer, owner: str, marker: str,
                test: Callable[[FileAnalyzer, ast.ClassDef], bool]) -> bool:
    """What `test` says of the class `owner` of this module, asked once per class (kept on its node
    under `marker`), not once per field; False for a class of another module."""
    cls = _class_nodes(an).get(owner)
    if cls is None:
        return False
    known: bool | None = getattr(cls, marker, None)
    if known is None:
        known = test(an, cls)
        setattr(cls, marker, known)
    return known


_ATTACHED = "_policyscan_attached_to_content"
_ATTACHED_TO_POST = "_policyscan_attached_to_post"


def _copied_name(declaring: _Declaring, name: str) -> Match | None:
    """A text field that copies the login of a person the class relates to (`poster_name` beside
    `poster = ForeignKey(settings.AUTH_USER_MODEL)`): the username. None for any other field."""
    relation, _, last = name.rpartition("_")
    if relation in declaring.people and last in _COPIED_NAME_WORDS:
        return Match(USERNAME, f"a copy of the name of the person `{relation}` refers to")
    return None


# Field types of embedding vectors (pgvector's Django `VectorField`, SQLAlchemy `Vector`, and their
# half-precision and sparse kinds), by the name they are called by.
_VECTOR_FIELDS = frozenset({"VectorField", "HalfVectorField", "SparseVectorField", "Vector", "HALFVEC", "SPARSEVEC"})
# Field types of long text: what is embedded is kept in one of these.
_LONG_TEXT_FIELDS = frozenset({"TextField", "Text", "UnicodeText"})
# Fields and column types of JSON values: a text, a list or a record, of any length.
_JSON_FIELDS = frozenset({"JSONField", "JSON", "JSONB"})


def _embeds_persons_text(an: FileAnalyzer, cls: ast.ClassDef, scope: Scope) -> bool:
    """Whether a stored class keeps an embedding vector of its text in rows tied to a person (a RAG
    store of a person's notes or documents: `embeddings = VectorField()` beside `user =
    ForeignKey(User)`). Its long text fields are then the person's text that was embedded. The
    field calls' names are looked at first; the person's key only in a class with a vector."""
    return any(isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and callee_name(stmt.value) in _VECTOR_FIELDS
               for stmt in cls.body) and _refers_to_person(an, cls, scope)


def _has_address_fields(an: FileAnalyzer, cls: ast.ClassDef) -> bool:
    """Whether a class declares a street, postal code or city by name: then its ambiguous fields
    (`state`, `country`, `line1`) are parts of that address."""
    # the classifier is asked only about names with a word of those patterns in them (or about
    # every name of a class whose own name has one: a field named after its class)
    every = _address_word(cls.name)
    for stmt in cls.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else \
            stmt.target if isinstance(stmt, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and (every or _address_word(target.id)):
            match = an.classifier.name(target.id, owner=cls.name)
            if match is not None and match.category in _ADDRESS_ANCHORS:
                return True
    return False


def _has_card_number(an: FileAnalyzer, cls: ast.ClassDef) -> bool:
    """Whether a stored class declares a payment card's number by name (`card_num`, `card_number`,
    `last4` of a card): then its ambiguous fields (`card_type`, `expiration_dt`) are that card's. The
    classifier is asked only about names with `card` in them."""
    for stmt in cls.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else \
            stmt.target if isinstance(stmt, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and "card" in target.id.lower() \
                and not _CARD_NUMBER_WORDS.isdisjoint(an.classifier.pack.words(target.id)):
            match = an.classifier.name(target.id, owner=cls.name)
            if match is not None and match.category == _CARD:
                return True
    return False


# The words of a card's number, whole or its last digits (`card_num`, `card_number`, `card_last4`).
_CARD_NUMBER_WORDS = frozenset({"number", "num", "no", "last"})


# The owner a stored card's fields are read under (a `@paymentcard` word), and the card's category.
_PAYMENT_CARD = "creditcard"
_CARD = "user.financial.credit_card"


_ADDRESS_ANCHORS = frozenset({"user.contact.address.street", "user.contact.address.postal_code", "user.contact.address.city"})
# The words the classifier's street, postal code and city patterns are made of, as text.
_ADDRESS_WORDS = LazyPattern(r"street|addr|line|house|apartment|apt|suite|unit|post|zip|pin|city|cities|town|locality",
                             re.IGNORECASE)


@functools.lru_cache(maxsize=8192)
def _address_word(name: str) -> bool:
    """Whether a name holds one of `_ADDRESS_WORDS` (any case): memoised, as field, class and parameter
    names recur across a project's modules and the alternation is tried at each of a name's characters."""
    return _ADDRESS_WORDS.search(name) is not None


def _field(
    an: FileAnalyzer, declaring: _Declaring, stmt: ast.stmt, name: str, call: ast.Call,
    annotation: ast.expr | None, scope: Scope,
) -> None:
    family, owner = declaring.family, declaring.owner
    symbol = an.static_symbol(call.func, scope)
    if not _declares_field(family, symbol, call) and not (family.value_tables and _to_value_table(family, symbol, call)):
        if symbol is not None and symbol in family.nested_calls or _nested_family(an, call.func, scope, owner) is not None \
                and (family.family != _DRF or _writes_itself(an, owner)):
            # `addresses = fields.Nested(AddressSchema, many=True)`, DRF's `emails =
            # EmailSerializer(many=True)`: a container of another schema's records
            _nested_container(an, declaring, stmt, name, call)
        return
    if _refers_by_id(an, family, call, scope) or _response_only(an, call):
        return
    if family.family == _DRF and call.keywords and _dotted_source(call) and _writes_nothing_nested(an, owner, scope):
        return
    symbol = symbol or callee_name(call)
    type_names = [_own_field_type(an, symbol.rsplit(".", 1)[-1])]
    if type_names[0].endswith(_COUNTER_FIELDS):
        # djblets' `RelationCounterField("file_attachments")`, a `CounterField`: a number kept of a
        # relation or of events, whatever its argument names
        return
    column_name = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str) else None
    # a column's name is an identifier; a form field's first argument is a label (`StringField("Why?")`)
    if column_name and column_name.isidentifier() and an.classifier.name(name, owner=owner) is None:
        name = column_name  # Column("phone_number", String): the column's own name says what it holds
    # a list's item field, positional (marshmallow's `fields.List(fields.Email())`) or by its keyword
    # (DRF's `ListField(child=EmailField())`, Django's `ArrayField(base_field=EmailField())`): the
    # items' type says what the list holds
    items = [k.value for k in call.keywords if k.arg in _ITEM_KEYWORDS] if call.keywords else []
    for arg in (*call.args, *items) if items else call.args:
        if isinstance(arg, (ast.Name, ast.Attribute, ast.Call)):
            inner = an.static_symbol(arg.func if isinstance(arg, ast.Call) else arg, scope)
            if inner is not None and isinstance(arg, ast.Call) and inner in family.exclude_calls:
                # `fields.List(fields.Nested(ChartDataQueryObjectSchema))`: a list of nested records,
                # whose own schema's fields are the collects, as a nested field's are; the list is a
                # container named for what they hold, or for nothing
                if inner in family.nested_calls:
                    _nested_container(an, declaring, stmt, name, call)
                return
            if inner is not None:
                type_names.append(inner.rsplit(".", 1)[-1])
    if annotation is not None:
        type_names.extend(_names_in(annotation))
    if family.submitted and _disabled(call):
        return
    if call.keywords and (_reads_other_object(an, call) or _default_address(call)):
        return
    # a stored field's label is read on a person's own record only (`Profile.github =
    # SlugField(verbose_name="GitHub username")`): an application's settings and records label
    # their fields with words a person's data is named by ("Repository browser", "Cart ID (e.g.
    # session key)")
    hints = _hints(an, call, scope) if family.submitted else _stored_label(call) if declaring.profile else _NO_HINTS
    _emit_field(an, declaring, stmt, name, type_names + hints.types, hints, call)


# Field classes named for a count they keep (`RelationCounterField`, `CounterField`, `CountField`).
_COUNTER_FIELDS = ("CounterField", "CountField")


def _default_address(call: ast.Call) -> bool:
    """Whether a field's default is an e-mail address written in the code (`sender_address =
    EmailField(default="noreply@example.com")`): the service's own configured address, a setting,
    where no person's address has a default."""
    return any(k.arg in ("default", "initial") and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)
               and "@" in k.value.value for k in call.keywords)


# The keywords by which a list field names the field of its items (DRF's `child=`, Django's
# `ArrayField(base_field=...)`).
_ITEM_KEYWORDS = frozenset({"child", "base_field"})


# The keywords by which a serializer's field names the attribute path it reads (marshmallow's
# `attribute=`, DRF's `source=`).
_PATH_KEYWORDS = ("attribute", "source")


_DRF = "drf-serializer"
# DRF's model serializers, whose own `create` and `update` refuse to write a field with a dotted source
# (`raise_errors_on_nested_writes`): such a field is output unless the serializer writes it itself.
_MODEL_SERIALIZERS = frozenset({"rest_framework.serializers.ModelSerializer",
                                "rest_framework.serializers.HyperlinkedModelSerializer"})
_WRITE_METHODS = frozenset({"create", "update"})


def _dotted_source(call: ast.Call) -> bool:
    """A DRF field given a dotted `source` (`CharField(source="user.name")`): another object's attribute."""
    return any(k.arg == "source" and type(k.value) is ast.Constant and isinstance(k.value.value, str)
               and "." in k.value.value for k in call.keywords)


def _writes_nothing_nested(an: FileAnalyzer, owner: str, scope: Scope) -> bool:
    """Whether the serializer class `owner` is a DRF ModelSerializer (directly, or through bases of
    this module) that neither it nor those bases give a `create` or `update` of their own: DRF's
    refuse a dotted-source field, so the class only renders such a field (pretalx's
    `LegacySpeakerSerializer.name = CharField(source="user.name")`, a list's and detail's output).
    False where a base of another module or unknown might write it."""
    classes = _class_nodes(an)
    start = classes.get(owner)
    if start is None:
        return False
    model = False
    for node in _local_lineage(an, start):
        if _gives_writes(node):
            return False
        for base in node.bases:
            if type(base) is ast.Name and base.id in classes:
                continue  # walked by the lineage
            if an.static_symbol(base, an.module_scope) in _MODEL_SERIALIZERS:
                model = True
            else:
                return False  # a base of another module (a mixin, the project's serializer) may write
    return model


def _writes_itself(an: FileAnalyzer, owner: str) -> bool:
    """Whether the serializer class `owner`, or a base of it in this module, gives a `create` or
    `update` of its own: DRF's nested serializers are read-only unless the serializer writes them
    itself (modoboa's `ContactSerializer.emails`, saved by its `create`); one that never writes
    renders them (a webmail's `EmailSerializer.to`, the addresses of a message shown)."""
    start = _class_nodes(an).get(owner)
    return start is not None and any(_gives_writes(node) for node in _local_lineage(an, start))


def _gives_writes(cls: ast.ClassDef) -> bool:
    """Whether a serializer class's own body defines `create` or `update`."""
    return any(isinstance(stmt, _FUNCTIONS) and stmt.name in _WRITE_METHODS for stmt in cls.body)


def _local_lineage(an: FileAnalyzer, start: ast.ClassDef) -> Iterator[ast.ClassDef]:
    """`start` and its bases of this module, each base's own bases too, each once (a base of another
    module is not followed: its body is not known here)."""
    classes = _class_nodes(an)
    pending, seen = [start], {start.name}
    while pending:
        node = pending.pop()
        yield node
        for base in node.bases:
            local = classes.get(base.id) if type(base) is ast.Name else None
            if local is not None and local.name not in seen:
                seen.add(local.name)
                pending.append(local)


def _reads_other_object(an: FileAnalyzer, call: ast.Call) -> bool:
    """Whether a field reads, by a dotted path, an attribute of another object that is nothing
    personal (`location = fields.String(attribute="event.location.venue_name")`: an event's venue,
    not a person's location): the path's last name, owned by the name before it, says what the
    field holds. False for a plain name (`attribute="email_address"`), for no such keyword, and for
    a path that ends at a person (`avatar = UploadedFileField(source="speaker.user")`, pretalx's
    profile picture kept on the speaker's user): the field's own name says what of theirs it holds."""
    for keyword in call.keywords:
        if keyword.arg in _PATH_KEYWORDS and isinstance(keyword.value, ast.Constant) \
                and isinstance(keyword.value.value, str) and "." in keyword.value.value:
            owner, _, attr = keyword.value.value.rpartition(".")
            words = an.classifier.pack.words(attr)
            if words and words[-1] in an.classifier.pack.groups.get("person", frozenset()):
                return False
            return an.classifier.name(attr, owner=owner.rpartition(".")[2]) is None
    return False


def _annotated_field(an: FileAnalyzer, declaring: _Declaring, stmt: ast.AnnAssign, scope: Scope) -> None:
    family, owner = declaring.family, declaring.owner
    assert isinstance(stmt.target, ast.Name)
    name = stmt.target.id
    if name.startswith("_") or name in ("model_config", "Config", "Meta", "__tablename__"):
        return
    names = _names_in(stmt.annotation)
    if "ClassVar" in names or "InitVar" in names:
        return
    nested = next((an.schema_classes[n] for n in names if n in an.schema_classes and n != owner), None)
    if nested is not None or _imported_schema(an, stmt.annotation, scope):
        # a nested model (`name: Name`, `emails: list[Email]` of a SCIM user): its own fields are the
        # collects; the field is a container named for what they hold (or for nothing), not a
        # relation to another stored record
        nested = nested or _nested_family(an, stmt.annotation, scope, owner)
        if nested is not None and _holds_nested_records(an, nested) and not _relation_call(stmt.value):
            _nested_container(an, declaring, stmt, name, stmt.value if isinstance(stmt.value, ast.Call) else None)
        return
    if an.models.response_only_annotations and _annotated_response_only(an, stmt.annotation, scope):
        return
    if family.extended_by_stored and any(n != owner and n in _top_classes(an) for n in names):
        return  # another record of the backend-neutral model (`groups: list["Group"]`): a relation
    if family.annotation_wrappers:
        wrapper = stmt.annotation.value if isinstance(stmt.annotation, ast.Subscript) else None
        symbol = an.static_symbol(wrapper, scope) if wrapper is not None else None
        if symbol not in family.annotation_wrappers and _annotation_name(wrapper or stmt.annotation) != "Mapped":
            return
    if isinstance(stmt.value, ast.Call):
        if _refers_by_id(an, family, stmt.value, scope) or _response_only(an, stmt.value):
            return
        for keyword in stmt.value.keywords:
            # Field(alias="recoveryEmail"): the key the request sends says what the field holds
            if keyword.arg in ("alias", "validation_alias") and isinstance(keyword.value, ast.Constant) \
                    and isinstance(keyword.value.value, str) and an.classifier.name(name, owner=owner) is None:
                name = keyword.value.value
        callee = an.static_symbol(stmt.value.func, scope)
        if callee is not None and callee in family.exclude_calls:
            return
        if callee is not None and callee.endswith(("relationship", "Relationship")):
            return
    if _typed_as_its_reference(an, name, names):
        return
    _emit_field(an, declaring, stmt, name, names, _NO_HINTS)


# The last word of a type that names a record by what identifies it (`QuestionName`, `DatasetId`).
_REFERENCE_TYPE_WORDS = frozenset({"name", "id", "uuid", "slug"})
# The wrappers that make a type optional (`Optional[QuestionName]`, `QuestionName | None`).
_OPTIONAL_WRAPPERS = frozenset({"Optional", "Union", "None"})


def _typed_as_its_reference(an: FileAnalyzer, name: str, types: list[str]) -> bool:
    """Whether a field is typed by a type named for its own name and what identifies such a record
    (`question: QuestionName`, argilla-server's filter scope naming a question; `dataset: DatasetId`):
    it refers to that record by its name or id, and holds none of its text. Not a person's (`user:
    UserName` is a username)."""
    named = [t for t in types if t not in _OPTIONAL_WRAPPERS] if len(types) > 1 else types
    if len(named) != 1:
        return False  # (most fields: `str`; a type alias of the project's is one name, maybe optional)
    pack = an.classifier.pack
    words, typed = pack.words(name), pack.words(named[0])
    return bool(words) and len(typed) == len(words) + 1 and typed[-1] in _REFERENCE_TYPE_WORDS \
        and typed[:-1] == words and "person" not in pack.word_groups.get(words[-1], ())


def _top_classes(an: FileAnalyzer) -> frozenset[str]:
    """The names of the module's top-level classes, also those defined further down (a forward
    reference names one as a string)."""
    return frozenset(stmt.name for stmt in an.tree.body if isinstance(stmt, ast.ClassDef))


def _imported_schema(an: FileAnalyzer, annotation: ast.expr, scope: Scope) -> bool:
    """Whether an annotation names a schema class of another module of the project
    (`access_token: Token | None` with Token a Django model): the field holds or refers to
    that record, whose own fields are the collects."""
    for sub in walk(annotation):
        if isinstance(sub, (ast.Name, ast.Attribute)) and isinstance(getattr(sub, "ctx", None), ast.Load):
            symbol = an.static_symbol(sub, scope)
            if symbol is None or "." not in symbol or symbol.startswith("@"):
                continue
            an.uses.add(USE_BASE + symbol)  # known once the other module has been analysed
            if symbol in an.external.families:
                return True
    return False


def _nested_family(an: FileAnalyzer, node: ast.expr, scope: Scope, owner: str) -> str | None:
    """The family of the schema class of the project that `node` (an annotation, or a call's callee)
    names, other than `owner`: of this module (defined above it) or of another one; None for none."""
    for sub in walk(node):
        if isinstance(sub, ast.Name) and sub.id != owner and sub.id in an.schema_classes:
            return an.schema_classes[sub.id]
        if isinstance(sub, (ast.Name, ast.Attribute)) and isinstance(getattr(sub, "ctx", None), ast.Load):
            symbol = an.static_symbol(sub, scope)
            if symbol is None or "." not in symbol or symbol.startswith("@"):
                continue
            an.uses.add(USE_BASE + symbol)  # known once the other module has been analysed
            family = an.external.families.get(symbol)
            if family is not None:
                return family
    return None


def _holds_nested_records(an: FileAnalyzer, family: str) -> bool:
    """Whether a field typed by a schema class of `family` holds that schema's records nested in it
    (a Pydantic or dataclass model, a serializer, a form): not a relation to a stored record (a
    Django or SQLAlchemy model, a SQLModel table), which refers to it as a foreign key does."""
    for known in an.models.schemas:
        if known.family == family:
            return not known.stored and known.stored_when_keyword is None and not known.extended_by_stored
    return False


def _relation_call(value: ast.expr | None) -> bool:
    """Whether a field's value declares a relation (`Relationship(...)`, `relationship(...)`)."""
    return isinstance(value, ast.Call) and callee_name(value).endswith(("relationship", "Relationship"))


def _nested_container(an: FileAnalyzer, declaring: _Declaring, stmt: ast.AST, name: str, call: ast.Call | None) -> None:
    """A `collect` at a field that holds another schema's records (`emails: list[Email]`,
    `addresses = fields.Nested(AddressSchema, many=True)`) when its own name says what personal data
    they are, with that category: the container declares that data, as a leaf field named so would.
    Read by its name alone (no type, no form heuristics): a container named for nothing (`meta`,
    `settings`, `items`) is none; one only sent back (`dump_only=True`) takes nothing in."""
    if call is not None and call.keywords and _response_only(an, call):
        return
    if name in declaring.family.part_containers:
        return  # Cornice's `body = UserSchema()`: the request's body, declared by that schema's fields
    match = an.classifier.name(name, owner=declaring.owner)
    if match is None or refers_to_user(name, match.category):
        return
    family = declaring.family
    an.emit(Kind.COLLECT, stmt, [match.category], family.rule,
            f"{declaring.owner}.{name} declares {match.category} (a container of nested records, "
            f"{family.family} field, {'stored' if declaring.stored else 'received'})",
            stored=declaring.stored, reasons=(f"{family.family} nested field", match.pattern))


def _emit_field(an: FileAnalyzer, declaring: _Declaring, stmt: ast.AST, name: str, type_names: list[str],
                hints: _Hints, call: ast.Call | None = None) -> None:
    if type_names and type_names[0].startswith(_TRANSLATED_PREFIXES):
        return  # `Question.question = I18nCharField()`: text the service writes in each of its languages
    # `sender = indexes.CharField(model_attr="sender_name")`: a search index's field copies the model's
    # attribute it names, and holds what that attribute does (the sender's name, not an address)
    copied = _copied_attribute(call) if call is not None and call.keywords else None
    match = _field_meaning(an, declaring, copied, type_names, hints) if copied is not None else None
    if match is None:
        match = _field_meaning(an, declaring, name, type_names, hints)
    if match is None and call is not None and call.keywords:
        match = _documented_content(call)
    if match is None and declaring.embedded and _long_text(type_names):
        match = Match(CONTENT, "long text embedded for search in a person's rows")
    if match is None and name == declaring.login:
        match = Match(USERNAME, "the field the user model signs people in by (USERNAME_FIELD)")
    if match is None and declaring.people and _declared_type(type_names) not in _NO_TEXT_FIELDS:
        match = _copied_name(declaring, name)
    if match is None and declaring.people and _long_text(type_names) and name.lower() not in _MESSAGE_ID_FIELDS \
            and not _locates(an, name) and (an.classifier.owner_in(declaring.owner, "content")
                 or an.classifier.owner_in(declaring.owner, "revision", of="content")
                 or an.classifier.owner_in(declaring.owner, "proposal")):
        # `Post.original = TextField()` beside `poster = ForeignKey(User)`: the long text of a post,
        # a comment or a message someone wrote is their text, whatever the field's name (its
        # source, its rendered copy, a copy kept for search), and so is that of a record of its
        # edits (`PostEdit.edited_from`, `NoteRevision.source`)
        match = Match(CONTENT, "long text of a post or message a person wrote")
    if match is None and declaring.people and _long_text(type_names) and not _locates(an, name) \
            and any("authorship" in an.classifier.pack.word_groups.get(relation, ()) for relation in declaring.people):
        # `Change.target = TextField()` beside `author = ForeignKey(User)`: a row whose relation names
        # a person its author holds what they wrote in its long text, whatever the field's name (the
        # relation's whole name: a forum section's `last_poster` wrote elsewhere)
        match = Match(CONTENT, "long text of a row a person authored")
    if match is None and declaring.people and (_long_text(type_names) or _unbounded_string(stmt)
                                               or _declared_type(type_names) in _JSON_FIELDS or _long_string(stmt)):
        # `FileObject.raw_text = TextField()` beside `user = ForeignKey(User)`: the long text of a
        # row tied to a person, named for what people write in their own words, is theirs,
        # whatever the row (a grant's `scopes`, a forum's `description`, a log entry's
        # `change_message` stay out); a JSON column so named holds it too, as a text or a list of
        # choices (`SavedAnswer.answer = JSONField()`, ephios's questionnaire), and so does a string
        # long enough for a paragraph (`WorkingHours.reason = CharField(max_length=1024)`)
        written = an.classifier.written_name(name, declaring.owner)
        if written is not None and written.category.startswith(CONTENT):
            match = written
    if match is None and _declared_type(type_names) not in _NO_TEXT_FIELDS and (
            declaring.people and _owned_by_one_person(an, declaring)
            or declaring.stored and _describes(an, name) and _attached_to_content(an, declaring.owner)):
        # `Image.description` beside `user = ForeignKey(User)`: what a person writes about a thing of
        # their own (their photo, their plan) is theirs, in a text field of any length; so is what the
        # author of a post or a proposal writes about a thing attached to it (`Resource.description`
        # beside `submission = ForeignKey(Submission)`: a file, a link)
        written = an.classifier.written_name(name, declaring.owner, DESCRIBING_GROUP)
        if written is not None and written.category.startswith(CONTENT):
            match = written
    if match is None and declaring.stored and _in_own_words(an, name) and _declared_type(type_names) not in _NO_TEXT_FIELDS \
            and _attached_to_post(an, declaring.owner):
        # `Attachment.comment` beside `post = ForeignKey(Post)`: what the author of a post writes in
        # their own words about a thing attached to it (a file), in a text field of any length, as
        # its description is (the rule above); not a row tied to a person alone (a badge award's
        # `comment` is the service's note), nor an answer to a questionnaire's `question` (pretalx's
        # `Answer.answer`, tied to no one by its row)
        written = an.classifier.written_name(name, declaring.owner)
        if written is not None and written.category.startswith(CONTENT):
            match = written
    if match is None and name.lower() in _SUBJECT_NAMES and _declared_type(type_names) not in _NO_TEXT_FIELDS:
        # (no describing word is a subject's name: the rule above and this one never meet)
        match = _subject_of_message(an, declaring.owner, bool(declaring.people))
    if match is None and name.lower() in _NAMED_BY_OWNER and _declared_type(type_names) not in _NO_TEXT_FIELDS:
        match = _detail_record(an, declaring.owner, name)
    if match is None and declaring.profile and (_declared_type(type_names) in _URL_FIELDS
                                                or name.rstrip("_0123456789").lower() in _LINK_NAMES):
        # `Profile.fediverse = URLField()` beside `user = OneToOneField(User)`: a link kept on a
        # person's own record is one of theirs (their site, their profile elsewhere), whatever
        # service names it; so is a text field named a link (`url = CharField()`, `url2`)
        match = Match(_PERSONS_LINK, "a link on a person's own record (one-to-one with them)")
    if match is None or refers_to_user(name, match.category) and not _account_at_provider(an, declaring, name):
        return
    # an answer to a custom field is what the person answered whatever its type: a number, a date, a
    # consent checkbox (`UserFieldValue.value_boolean`), which the type tests below would read as a
    # flag or a number the service keeps
    answer = match.category == CONTENT and _custom_field_answer(an, declaring.owner)
    if not answer and _holds_flag(stmt, type_names):
        return  # `verified_email = BooleanField()`: whether the address was verified, not the address
    if match.category == _FINANCIAL and call is not None and _chosen_method(an, name, call, type_names + hints.types):
        return
    if match.category.startswith(CONTENT) and _translated_record(an, declaring.owner):
        # `SpeakerInformation.resource = FileField()` beside its translated `title` and `text`: a
        # notice the service's managers write for everyone, in each language, with its attachment
        return
    if match.category.startswith(CONTENT) and _asks_people(an, declaring.owner):
        # `Question.title` beside `required = mapped_column(...)`: a question a form, a survey or an
        # annotation task asks people, written by whoever builds it; what people answer is elsewhere
        return
    if match.category.startswith(_WRITTEN_IDENTIFIERS) and _lists_numbers(type_names):
        return  # `users = fields.List(fields.Integer)`: the users' ids, referring to their records
    if match.category.startswith(CONTENT) and not answer and isinstance(stmt, ast.AnnAssign) and _no_text(stmt.annotation):
        return  # `feedback: Literal[0, 1] | None`: a choice or a number, not what a person wrote
    if type_names and (match.category.startswith(CONTENT) and not answer or match.category == _BEHAVIOR) \
            and _declared_type(type_names) in _NO_TEXT_FIELDS:
        # `type = fields.Enum(UploadFileType)`, `data = fields.URL()`: a choice, a number, a flag or a
        # URL holds no text a person wrote, nor a search they typed, whatever the field's name or
        # its enum's name say
        return
    if match.category == _BEHAVIOR and type_names and type_names[0] in _MAPPING_FIELDS:
        return  # `query = fields.Dict(...)`: a connection URL's parameters, not a search typed
    family, stored = declaring.family, declaring.stored
    where = "stored" if stored else "received"
    an.declared_fields[(declaring.owner, name)] = match.category
    an.emit(Kind.COLLECT, stmt, [match.category], family.rule,
            f"{declaring.owner}.{name} declares {match.category} ({family.family} field, {where})",
            stored=stored, reasons=(f"{family.family} field", match.pattern))


def _account_at_provider(an: FileAnalyzer, declaring: _Declaring, name: str) -> bool:
    """Whether a stored `account_id` belongs to a row named for an account at an outside identity
    provider (fastapi-users' and Fief's `OAuthAccount.account_id`, a `SocialAccount`'s): the person's
    id at that provider, taken in to link them, not a pointer at one of the service's own rows (a
    foreign key to those is excluded before this, by its `ForeignKey`)."""
    if not declaring.stored or not name.lower().startswith("account"):
        return False
    words = an.classifier.pack.words(declaring.owner)
    # `OAuthAccount` splits as o, auth, account: a word and the one after it are read joined too
    return any(word in _PROVIDER_ACCOUNT_WORDS for word in (*words, *(a + b for a, b in zip(words, words[1:]))))


# Words of a class's name that say its accounts are held at an outside provider.
_PROVIDER_ACCOUNT_WORDS = frozenset({"oauth", "oauth2", "oidc", "sso", "saml", "social", "federated", "ldap", "external"})


def _custom_field_answer(an: FileAnalyzer, owner: str) -> bool:
    """Whether the schema class `owner` keeps the answers to fields an administrator defines (the
    classifier's `customfield` owners): `CustomField`, or a row of answers named for it
    (`TicketCustomFieldValue`, `UserFieldValue`)."""
    pack = an.classifier.pack
    words = pack.words(owner)
    if len(words) > 1 and words[-1] == "value":  # the classifier reads such an owner without it
        words = words[:-1]
    # the classifier reads a head written in two words as the one word a group lists (`customfield`)
    heads = (words[-2] + words[-1], words[-1]) if len(words) > 1 else words
    return any("customfield" in pack.word_groups.get(head, ()) for head in heads)


def _translated_record(an: FileAnalyzer, owner: str) -> bool:
    """Whether the schema class `owner` of this module declares a field of a translated type
    (`title = I18nCharField(...)`): a record the service writes in each of its languages (a notice,
    a page, a question), whose other texts and files are its own too. False for a class of another
    module or with none."""
    if not any(prefix in an.source for prefix in _TRANSLATED_PREFIXES):
        # the field's class is named in the module's text (`callee_name` is syntax): without it,
        # no class's walk (`_class_nodes` walks every statement of a module it was not asked of)
        return False
    return _class_fact(an, owner, _TRANSLATED, _declares_translated_field)


def _declares_translated_field(an: FileAnalyzer, cls: ast.ClassDef) -> bool:
    del an
    return any(type(value) is ast.Call and callee_name(value).startswith(_TRANSLATED_PREFIXES)
               for value in (stmt.value for stmt in cls.body if isinstance(stmt, (ast.Assign, ast.AnnAssign))))


_TRANSLATED = "_policyscan_translated"


def _asks_people(an: FileAnalyzer, owner: str) -> bool:
    """Whether the schema class `owner` of this module is a question asked of people (its head word in
    the classifier's group `asked`: `Question`, `QuestionCreate`) that says whether an answer is
    required (a field `required`, `question_required`, `mandatory`): the definition of a form's or a
    survey's question (argilla-server's, ephios' and pretalx's `Question`), whose title, text and
    description its organiser writes, not a question a person posts (a Q&A forum's, which no answer is
    required of). False for a class of another module or with no such field."""
    if not an.classifier.owner_in(owner, _ASKED_GROUP):
        return False
    return _class_fact(an, owner, _ASKS, _declares_required_flag)


def _declares_required_flag(an: FileAnalyzer, cls: ast.ClassDef) -> bool:
    del an
    return any(type(target) is ast.Name and target.id.lower().endswith(_REQUIRED_FLAGS)
               for stmt in cls.body if isinstance(stmt, (ast.Assign, ast.AnnAssign))
               for target in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]))


_ASKED_GROUP = "asked"
# The field names that say whether a question must be answered (`required`, `question_required`).
_REQUIRED_FLAGS = ("required", "mandatory")
_ASKS = "_policyscan_asks"


# A message's subject line, and the fields that hold the message's own text beside it.
_SUBJECT_NAMES = frozenset({"subject"})
_MESSAGE_BODIES = frozenset({"body", "content", "text", "message"})


def _subject_of_message(an: FileAnalyzer, owner: str, tied: bool = False) -> Match | None:
    """The subject line of a message a person writes: a schema class that declares a `subject`
    beside a body that is a person's text (`SubmissionInvitationForm.subject` beside its `text`, a
    contact form's beside its `message`, a scheduled mail's beside its `body`) holds theirs too. A
    template's or a notification's body is the service's (the classifier's boilerplate owners), and
    so is its subject. With `tied` (the class has a relation to a person: an archived `Email`'s
    `sender = ForeignKey(Sender)`), a body read as what a person writes in their own words counts too,
    as the long-text rule reads it, and a post's, a topic's or a ticket's subject is theirs with no
    body beside it (`Topic.subject` beside `poster = ForeignKey(User)`: the text is on its first post).
    None for a class with no such body, or not of this module."""
    cls = _class_nodes(an).get(owner)
    if cls is None:
        return None
    if tied and an.classifier.owner_in(owner, "content"):
        # `Topic.subject` beside `poster = ForeignKey(User)`: the title of a topic, a thread or a
        # ticket a person opened is theirs, where its body is kept on another row (the topic's first post)
        return Match(CONTENT, "the subject of a post, a topic or a ticket a person wrote")
    for stmt in cls.body:
        name = _assigned_name(stmt)
        if name is not None and name in _MESSAGE_BODIES:
            body = an.classifier.name(name, owner=owner)
            if body is None and tied:
                body = an.classifier.written_name(name, owner)
            if body is not None and body.category.startswith(CONTENT):
                return Match(CONTENT, f"the subject of a message beside its {name} ({body.pattern})")
    return None


# The first words of field types that hold one text in each language the service speaks
# (django-i18nfield's `I18nCharField`, `I18nTextField` and their form and DRF fields; django-parler's
# and django-translated-fields' `TranslatedField`): the service's managers write them for every
# visitor (a question asked, an event's name, a mail template), where a person writes their own text
# once, in their language.
_TRANSLATED_PREFIXES = ("I18n", "Translated")


# The documentation arguments of a field (Django's `help_text`, SQLAlchemy's `comment` and `doc`,
# Pydantic's `description`), and what one says when people put the field's content there: "User
# imported or uploaded data for a task", "the text a customer submitted". Past forms only: "uploads"
# and "posts" are nouns as often ("Allows a user to hide posts").
_DOC_KEYWORDS = frozenset({"help_text", "comment", "doc", "description"})
_PEOPLE_SUPPLY = LazyPattern(
    r"\b(?:users?|people|persons?|customers?|members?|visitors?)\b(?:\W+\w+){0,2}?\W+"
    r"(?:uploaded|imported|submitted|wrote|written|entered|typed|posted)\b",
    re.IGNORECASE)


def _documented_content(call: ast.Call) -> Match | None:
    """`data = JSONField(help_text="User imported or uploaded data ...")`: a field whose name and type
    say nothing, documented as holding what people upload, import, write or submit, holds user
    content. None for other fields (most documentation says nothing of the kind)."""
    for keyword in call.keywords:
        if keyword.arg in _DOC_KEYWORDS:
            text = _text_of(keyword.value)
            found = _PEOPLE_SUPPLY.search(text) if text else None
            if found is not None:
                return Match(CONTENT, f"{keyword.arg}: {found.group(0)!r}")
    return None


# Field and annotation types of a yes or a no (Django's, SQLAlchemy's, WTForms', Python's and
# pydantic's): a field of one holds a flag about what its name says, never that data itself.
_FLAG_TYPES = frozenset({"BooleanField", "NullBooleanField", "Boolean", "BooleanType", "bool", "StrictBool"})
# Wrappers of an annotation that leave its type as it is: `Optional[bool]`, `Mapped[bool]`.
_TRANSPARENT_ANNOTATIONS = frozenset({"Optional", "Mapped", "Union", "None"})
# Column calls whose first argument is the column's type.
_COLUMN_CALLS = frozenset({"Column", "mapped_column"})


def _holds_flag(node: ast.AST, type_names: list[str]) -> bool:
    """Whether a schema field is declared as a flag: a field call of a boolean type
    (`models.BooleanField(default=False)`, `Column(Boolean)`, `BooleanField("Remember me")`) or an
    annotation that admits only a bool (`verified_email: bool`, `Optional[bool]`,
    `Mapped[bool | None]`). False for every other field, and for a field without types."""
    if not type_names:
        return False
    if type_names[0] in _COLUMN_CALLS:
        # `Column(Boolean, default=False)`, `Mapped[bool] = mapped_column(default=False)`: the type follows
        kept = [n for n in type_names[1:] if n not in _TRANSPARENT_ANNOTATIONS]
        return bool(kept) and kept[0] in _FLAG_TYPES
    if isinstance(node, ast.AnnAssign):
        kept = [n for n in type_names if n not in _TRANSPARENT_ANNOTATIONS]
        return bool(kept) and all(n in _FLAG_TYPES for n in kept)
    return type_names[0] in _FLAG_TYPES


# Categories of what is written in letters (a login, a name, an address): a list of numbers never
# holds them, whatever its name says.
_WRITTEN_IDENTIFIERS = ("user.account.username", "user.name", "user.contact.email")
# Field and column types of whole numbers, of lists, and of the types that only wrap another.
_NUMBER_TYPES = frozenset({"Integer", "Int", "IntegerField", "BigInteger", "BigIntegerField", "SmallInteger",
                           "SmallIntegerField", "PositiveIntegerField", "int"})
_LIST_TYPES = frozenset({"List", "ListField", "ARRAY", "list", "set"})
_WRAPPING_TYPES = _LIST_TYPES | {"Column", "mapped_column", "Mapped", "Optional"}


def _lists_numbers(type_names: list[str]) -> bool:
    """Whether a schema field is declared as a list of whole numbers (`fields.List(fields.Integer)`,
    `Column(ARRAY(Integer))`): the ids of the records its name names (a group's `users`). False for
    anything else, a single number too: a login may be one (Django's tests' `username = IntegerField()`)."""
    kept = [n for n in type_names if n not in _WRAPPING_TYPES]
    return bool(kept) and len(kept) < len(type_names) and any(n in _LIST_TYPES for n in type_names) \
        and all(n in _NUMBER_TYPES for n in kept)


def _long_text(type_names: list[str]) -> bool:
    """Whether a field is declared as long text: `models.TextField()`, `Column(Text)`,
    `mapped_column(UnicodeText)`. False for other fields (names, paths and choices are short)."""
    if not type_names:
        return False
    if type_names[0] in _COLUMN_CALLS:
        return len(type_names) > 1 and type_names[1] in _LONG_TEXT_FIELDS
    return type_names[0] in _LONG_TEXT_FIELDS


_STRING_TYPES = frozenset({"String", "Unicode"})
# The length from which a string field holds a paragraph rather than a name, a code or a path (those are
# declared up to 255, URLs up to 2048 but named for what they locate).
_PARAGRAPH_LENGTH = 500


def _long_string(stmt: ast.AST) -> bool:
    """Whether a field is a string declared at least a paragraph long: Django's `CharField(max_length=1024)`,
    SQLAlchemy's `Column(String(1000))`. False for shorter or unsized strings and anything else."""
    call = getattr(stmt, "value", None)
    if not isinstance(call, ast.Call):
        return False
    if callee_name(call) in _COLUMN_CALLS and call.args and isinstance(call.args[0], ast.Call) \
            and callee_name(call.args[0]) in _STRING_TYPES:
        sized = call.args[0].args[0] if call.args[0].args else None
    elif callee_name(call) == "CharField":
        sized = next((k.value for k in call.keywords if k.arg == "max_length"), None)
    else:
        return False
    return isinstance(sized, ast.Constant) and isinstance(sized.value, int) and sized.value >= _PARAGRAPH_LENGTH


def _unbounded_string(stmt: ast.AST) -> bool:
    """Whether a column is declared as a string of no length (`Column(String())`,
    `mapped_column(db.String(), nullable=True)`): unbounded text, as long as a `Text` column. False
    for a string with a length (`String(255)`) and for anything else."""
    call = getattr(stmt, "value", None)
    if not (isinstance(call, ast.Call) and callee_name(call) in _COLUMN_CALLS and call.args):
        return False
    column_type = call.args[0]
    return isinstance(column_type, ast.Call) and callee_name(column_type) in _STRING_TYPES \
        and not column_type.args and not column_type.keywords


# Annotations of values that cannot hold text a person wrote: flags and numbers.
_NOT_TEXT = frozenset({"bool", "int", "float", "Decimal", "StrictBool", "StrictInt", "StrictFloat", "PositiveInt",
                       "NonNegativeInt"})


def _no_text(annotation: ast.expr) -> bool:
    """Whether a field's annotation only admits flags, numbers or fixed choices (`bool`,
    `Literal[0, 1] | None`, `Optional[Literal["up", "down"]]`): such a field holds no text a person
    wrote, whatever its name (`feedback`). False for anything else, `Any` and `str` included."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _no_text(annotation.left) and _no_text(annotation.right)
    if isinstance(annotation, ast.Constant):
        return annotation.value is None
    if isinstance(annotation, ast.Subscript):
        head = _annotation_name(annotation.value).rsplit(".", 1)[-1]
        if head == "Literal":
            return True
        if head in ("Optional", "Union"):
            parts = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
            return all(_no_text(part) for part in parts)
        return False
    return isinstance(annotation, (ast.Name, ast.Attribute)) and _annotation_name(annotation).rsplit(".", 1)[-1] in _NOT_TEXT


_PERSONS_LINK = "user.contact.social_url"
# Field types of a URL (Django's, DRF's, WTForms', SQLAlchemy-Utils')
_URL_FIELDS = frozenset({"URLField", "URLType"})
# The names of a field that is a link whatever its type, with a digit after them (`url2`).
_LINK_NAMES = frozenset({"url"})
# What a received query or search is (`query @request @body`): text a person typed.
_BEHAVIOR = "user.behavior"
# Field types that hold a choice, a number, a flag, a date, an id or a URL: no text a person wrote
# (marshmallow's, WTForms', Django's, Pydantic's URL types). The first type of a field is its own.
_NO_TEXT_FIELDS = frozenset({
    "Enum", "EnumField", "Boolean", "Bool", "BooleanField", "Integer", "Int", "IntegerField", "Float",
    "FloatField", "Decimal", "DecimalField", "Number", "UUID", "UUIDField", "URL", "Url", "URLField",
    "HttpUrl", "AnyUrl", "AnyHttpUrl", "Date", "DateTime", "AwareDateTime", "NaiveDateTime", "Time",
    "TimeDelta", "DateField", "DateTimeField", "TimeField",
    # the sized and unsigned integers of Django and SQLAlchemy (`replies = PositiveIntegerField()`
    # of a thread counts its replies), and a duration
    "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField", "SmallIntegerField",
    "BigIntegerField", "DurationField", "NullBooleanField", "BigInteger", "SmallInteger", "Numeric",
    # Django's and WTForms' choice fields: a value picked from the choices the code offers
    # (`reason = ChoiceField(choices=CLOSE_REASONS)`), not written
    "ChoiceField", "TypedChoiceField", "MultipleChoiceField", "TypedMultipleChoiceField", "SelectField",
    "SelectMultipleField", "RadioField",
})


def _own_field_type(an: FileAnalyzer, type_name: str) -> str:
    """The field type a field class of this module derives from, when that type holds no data of its
    own (a flag, a choice, a number: `_NO_TEXT_FIELDS`): `BooleanField` for askbot's `class
    SuppressEmailField(forms.BooleanField)`, a tick whose name says what it is about (an e-mail alert
    not sent), as a declared `BooleanField` is. `type_name` itself for any other type (a project's
    `TitleField(forms.CharField)` keeps its own name, which may say what it holds) and for a class
    of another module, whose bases are not seen here. Read from the classes the module has defined
    so far (`FileAnalyzer.classes`, with their bases' symbols): a dict look-up for most fields."""
    info = an.classes.get(type_name.removeprefix("@class:"))
    for _ in range(4):  # a short chain of the module's own field classes, never a cycle
        if info is None or not info.bases:
            return type_name
        name = info.bases[0].rsplit(".", 1)[-1].removeprefix("@class:")
        if name in _NO_TEXT_FIELDS:
            return name
        info = an.classes.get(name)
    return type_name


def _declared_type(type_names: list[str]) -> str:
    """The type a field declares: its field call's name (`PositiveIntegerField`), or the type a
    SQLAlchemy column is given (`SmallInteger` of `Column(sa.SmallInteger)`); "" for none."""
    if not type_names:
        return ""
    if type_names[0] in _COLUMN_CALLS and len(type_names) > 1:
        return type_names[1]
    return type_names[0]


# Field types of a mapping: named parameters, not a search text.
_MAPPING_FIELDS = frozenset({"Dict", "Mapping", "DictField", "dict"})
# What a login field's declared type may restrict it to: the address or number people sign in with.
_LOGIN_FORMATS = frozenset({"user.contact.email", "user.contact.phone_number"})
# What a field named a bare `address` may be, by its declared type: an e-mail or an IP address.
_POSTAL_ADDRESS = "user.contact.address"
_ADDRESS_FORMATS = frozenset({"user.contact.email", "user.device.ip_address"})
# A schema's own `id` or `pk` is its record's key, as a primary key is (`User.id`, `AccountId.id`,
# a new user's `CreateUser.id`): only its class makes it a person's id, and it collects nothing. A
# label may still say that it holds an id from elsewhere (`id = IntegerField(label="Account ID")`).
# A chat bridge's record keys its rows by the chat networks' ids as others do by `id` (`User.mxid`,
# `User.tgid`, `Portal.tgid`: the Matrix and Telegram ids the classifier reads as a person's).
_RECORD_KEYS = frozenset({"id", "pk", "_id", "mxid", "tgid"})


# Words that make a field name a machine the application talks to (`socks_proxy_host`,
# `smtp_server_ip`, `gateway_address`): its type (`GenericIPAddressField`, `EmailField`) is the
# format of the application's configuration, not a person's address. A RADIUS network access server
# (`nas_ip_address = GenericIPAddressField()` of an accounting row) is the operator's access point.
_MACHINE_WORDS = frozenset({"host", "server", "proxy", "gateway", "backend", "smtp", "imap", "relay", "dns", "nas"})
# Words that make an uploaded picture or file a brand's (`logo = ImageField()` of a company or a
# site, `ThemeLogoUploadSerializer.image`, a `favicon`): its upload type is the service's or an
# organisation's picture, not a person's content.
_BRAND_WORDS = frozenset({"logo", "favicon"})
# A message's fields named for the mail headers that hold message ids (`References`,
# `In-Reply-To`, `Message-ID`): the thread it belongs to, however long, is no text of its writer.
_MESSAGE_ID_FIELDS = frozenset({"references", "in_reply_to", "message_id"})
# Head words of a field's name that say where in a text or a page something is, not what is written:
# a comment's `contentpath` ("field.block_id.field") and `position` within that field (wagtail's
# `Comment`), an annotation's `offset` or `selector`.
_LOCATOR_WORDS = frozenset({"path", "contentpath", "position", "pos", "offset", "anchor", "selector", "xpath"})


def _locates(an: FileAnalyzer, name: str) -> bool:
    """Whether a field's name says where something is (`_LOCATOR_WORDS`, its last word), not what."""
    words = an.classifier.pack.words(name)
    return bool(words) and words[-1] in _LOCATOR_WORDS


def _field_meaning(an: FileAnalyzer, declaring: _Declaring, name: str, type_names: list[str], hints: _Hints) -> Match | None:
    """What a schema field holds, from the first that says: its name in its class (or in the model
    a form edits, or as a part of the address its class declares), as submitted by a person (forms),
    with its declared type, its type or widget alone, its HTML autocomplete token or input type
    (the person's), or the label of a text field. The record's own key (`_RECORD_KEYS`) is not read
    by its name."""
    classifier = an.classifier
    by_name = name.lower() not in _RECORD_KEYS
    owner = declaring.owner if declaring.reading is None else declaring.reading
    match = classifier.name(name, owner=owner) if by_name else None
    if match is None and owner is not None and classifier.not_a_person(owner):
        # a field of a thing that is not a person (a help desk's `Queue.email_address =
        # EmailField()`, a `Server.ip`): its type is the format of the thing's own setting
        return _kept_login(an, declaring, name, type_names) if by_name and declaring.people else None
    if match is not None and match.category == USERNAME and type_names:
        # `username = forms.EmailField(...)`, `username = UsernameField(widget=forms.EmailInput)`: a login
        # that takes only an email address (or a phone number) holds one, whatever the name it keeps
        # from the login form it extends; its type or its widget says so
        for type_name in type_names:
            typed = classifier.type_name(type_name)
            if typed is not None and typed.category in _LOGIN_FORMATS:
                match = typed
                break
    elif match is not None and match.category == _POSTAL_ADDRESS and type_names:
        # `address = EmailField()`, `address = GenericIPAddressField()`: a bare address whose type is
        # an e-mail or an IP address is one, not where a person lives
        typed = classifier.type_name(type_names[0])
        if typed is not None and typed.category in _ADDRESS_FORMATS:
            match = typed
    if match is None and by_name and declaring.model is not None:
        match = classifier.name(name, owner=declaring.model)
    if match is None and by_name and declaring.people and _names_its_row(an, name, declaring.owner):
        # `WeightEntry.weight` beside `user = ForeignKey(User)`: a row tied to a person and named for
        # the one thing it records holds a measure of that person (their body weight)
        match = classifier.measured_name(name)
    if match is None and by_name and declaring.address:
        match = classifier.name(name, owner="address")
        if match is not None and match.category.startswith(NAME) and classifier.owner_in(declaring.owner, _ESTABLISHMENT):
            # `Gym.name` beside its street and city: a place's own name, not an addressee's
            match = None
    if match is None and by_name and declaring.card:
        # `PaymentProfile.card_type` and `expiration_dt` beside `card_num` (the last four digits kept
        # by a recurring-payment profile): read as a payment card's, as `Bankcard.card_type` is
        match = classifier.name(name, owner=_PAYMENT_CARD)
        if match is not None and not match.category.startswith(_FINANCIAL):
            match = None
    if match is None and by_name and declaring.family.submitted:
        # what a form receives is what the person filling it in submits: read it as such
        match = classifier.submitted_name(name, declaring.reading or declaring.owner)
    if match is None:
        match = classifier.typed_name(name, type_names)
    if match is None and not any(word in _MACHINE_WORDS for word in classifier.pack.words(name)):
        match = next((m for m in map(classifier.type_name, type_names) if m is not None), None)
        if match is not None and match.category == CONTENT and not _BRAND_WORDS.isdisjoint(
                classifier.pack.words(name) + classifier.pack.words(declaring.owner)):
            match = None
    if match is None:
        match = next((m for m in (classifier.name(t, owner="person") for t in hints.tokens) if m is not None), None)
    if match is None and hints.label is not None and type_names \
            and any(word in type_names[0].lower() for word in _TEXT_FIELD_WORDS):
        match = classifier.name(hints.label, owner=declaring.owner)
    if match is None and by_name and (_long_text(type_names) or _TEXTAREA in type_names):
        # `is_active_staff_message = TextField()` (misago: the staff's message on why the account is
        # disabled): no flag, so the name is read without its flag's word
        match = _without_first_word(an, name, owner, _FLAG_WORDS)
    if match is None and by_name and declaring.stored:
        # langflow's `User.store_api_key` (the key to its component store): a field is no function
        match = _without_first_word(an, name, owner, _VERB_WORDS)
    if match is None and name in _VALUE_FIELDS and owner:
        match = _value_object_meaning(an, owner)
    if match is not None and match.category == CREDENTIALS and _paging_token(an, declaring, name):
        return None
    if match is not None and name in OIDC_PARAMETERS and _declares(an, declaring, "scope"):
        return None  # OpenID Connect's `prompt` beside the `scope` of a login's querystring schema
    return match


# What a person signs in to a thing of theirs with: the login and the password it keeps for them.
_LOGIN_CATEGORIES = frozenset({USERNAME, CREDENTIALS})


def _kept_login(an: FileAnalyzer, declaring: _Declaring, name: str, type_names: list[str]) -> Match | None:
    """The login name or the secret a thing kept for a person holds (`Server.username` and
    `Server.password` beside `user_id = Column(ForeignKey("user.id"))`: pgAdmin's registered database
    servers, a person's mail account, their SSH tunnel): their login to it, read by the field's name
    alone. Only those: its other fields (a host, a port, a name) are the thing's own settings, as
    any thing's are. None for any other field, and for a flag or a number (`tunnel_prompt_password =
    Column(Integer)`: whether to ask for it)."""
    match = an.classifier.name(name)
    if match is None or match.category not in _LOGIN_CATEGORIES or _declared_type(type_names) in _NO_TEXT_FIELDS:
        return None
    return Match(match.category, f"{match.pattern} (kept for a person: {', '.join(sorted(declaring.people))})")


def _declares(an: FileAnalyzer, declaring: _Declaring, field: str) -> bool:
    """Whether the class being read (or one of its bases of this module) declares `field`."""
    return field in _names_declared_by(an, declaring)


def _names_declared_by(an: FileAnalyzer, declaring: _Declaring) -> Collection[str]:
    """The names the class being read declares, itself or through its bases of this module
    (`_declared_names`); none for a class not of this module."""
    cls = _class_nodes(an).get(declaring.owner)
    return _declared_names(an, cls) if cls is not None else ()


# The words of a listing's paging controls: a bare `token` beside one is the page's cursor.
_PAGING_WORDS = frozenset({"limit", "offset", "page", "sort", "since", "cursor", "per", "size"})


def _paging_token(an: FileAnalyzer, declaring: _Declaring, name: str) -> bool:
    """Whether a field named `token` alone is a listing's continuation token: its class declares
    paging controls beside it (Kinto's querystring schema: `_limit`, `_sort`, `_since`, `_token`; an
    API's `limit` and `token` of the next page), so it names the next page, not a person's
    credential. A `reset_token` or an `access_token` says what it is by its name."""
    if an.classifier.pack.words(name) != ("token",):
        return False
    return any(not _PAGING_WORDS.isdisjoint(an.classifier.pack.words(other))
               for other in _names_declared_by(an, declaring) if other != name)


def _names_its_row(an: FileAnalyzer, name: str, owner: str) -> bool:
    """Whether a field's words are the words its class is named for, before the class's own head
    (`WeightEntry.weight`, `BloodPressureReading.blood_pressure`): the row records that one thing.
    False for a class named after the field's words last (`ChatTitle.title`: the classifier reads
    those), and for a field named for its class's head (`Entry.entry`)."""
    pack = an.classifier.pack
    words, owner_words = pack.words(name), pack.words(owner)
    size = len(words)
    return 0 < size < len(owner_words) and any(
        owner_words[start:start + size] == words for start in range(len(owner_words) - size))


# Names of a value object's field that holds its value itself (SCIM's `PhoneNumber.value`, the
# `formatted` name or address of SCIM and of OpenID Connect's address claim): they say nothing of
# what the value is, which the class's name and the field that keeps the object say.
_VALUE_FIELDS = frozenset({"value", "formatted"})


def _value_object_meaning(an: FileAnalyzer, owner: str) -> Match | None:
    """What the field of a value object that holds its value itself (`_VALUE_FIELDS`) holds: the meaning of
    the field that keeps such objects in another class of the module (`name: Name`, `phone_numbers:
    list[PhoneNumber]` of SCIM's `User`), read as that class's field, when the object's class is named for
    a person's value as well (`Name`, `PhoneNumber`, `Address`). None otherwise: a class named for no
    personal value (`Setting.value`, `Tag.value`), or one that no class keeps as its personal data
    (`Group.members: list[GroupMember]`; a `Name` of a DNS zone's record). Asked only for a field so named
    that nothing else read, which is rare: the walk over the module's classes is not kept."""
    classifier = an.classifier
    if classifier.name(owner, owner="person") is None:
        return None
    for stmt in an.tree.body:
        if type(stmt) is not ast.ClassDef or stmt.name == owner:
            continue
        for field in stmt.body:
            if type(field) is ast.AnnAssign and type(field.target) is ast.Name \
                    and owner in _names_in(field.annotation):
                match = classifier.name(field.target.id, owner=stmt.name)
                if match is not None:
                    return match
    return None


# Words that begin a flag's name (`is_active`, `has_avatar`): the rule pack's exclusions read a
# name so begun as a flag about what follows, never as what follows.
_FLAG_WORDS = frozenset({"is", "has", "should", "can", "must"})
_TEXTAREA = "Textarea"


# Words that begin a function's name (`store_api_key(...)`, `send_email(...)`): the rule pack's
# exclusions read a name so begun as an action on what follows. A stored field is no function.
_VERB_WORDS = frozenset({"send", "check", "use", "add", "remove", "delete", "clear", "set", "build", "make",
                         "generate", "render", "handle", "process", "receive", "save", "store", "read", "write"})


def _without_first_word(an: FileAnalyzer, name: str, owner: str | None, words: frozenset[str]) -> Match | None:
    """What a field holds whose name begins with one of `words` (a flag's or a verb's, which the rule
    pack's exclusions read as a flag or an action on what follows), read without that word. None for
    other names."""
    first, _, rest = name.partition("_")
    if first.lower() not in words or not rest:
        return None
    return an.classifier.name(rest, owner=owner)


def _declared_names(an: FileAnalyzer, cls: ast.ClassDef) -> set[str]:
    """The names a class declares as fields itself or through its bases of this file, each base's
    own bases too (`UserPersonalInformationForm(UserEmailForm)`, whose base declares `email`): a form
    takes a field so declared, not the model's column of that name, and the declaration is the
    collect. A base of another module adds nothing (its fields are not known here)."""
    declared: set[str] = set()
    for node in _local_lineage(an, cls):
        declared.update(s.targets[0].id for s in node.body
                        if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name))
    return declared


def _meta_fields(an: FileAnalyzer, family: SchemaFamily, cls: ast.ClassDef, meta: ast.ClassDef, stored: bool) -> None:
    owner = cls.name
    for stmt in meta.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            if stmt.targets[0].id == "model":
                owner = _class_named(stmt.value) or owner
    read_only: set[str] = set()
    for stmt in meta.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            if stmt.targets[0].id == "read_only_fields" and isinstance(stmt.value, (ast.List, ast.Tuple)):
                read_only.update(e.value for e in stmt.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
    declared = _declared_names(an, cls)
    for stmt in meta.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            continue
        if stmt.targets[0].id != "fields" or not isinstance(stmt.value, (ast.List, ast.Tuple)):
            continue
        # With a model named, one observation at the `fields` statement, with the categories of every
        # personal field it pulls from the model: the model's field is the schema, the list only names
        # what this form or serializer takes of it. Without one (marshmallow), each name is a field.
        taken: list[tuple[str, ast.Constant, Match]] = []
        # a question's definition (`_asks_people`) taken with its required flag (`fields = ["question",
        # "question_required", ...]`): the organiser's texts, not a person's
        asks = an.classifier.owner_in(owner, _ASKED_GROUP) and any(
            type(element) is ast.Constant and isinstance(element.value, str) and element.value.lower().endswith(_REQUIRED_FLAGS)
            for element in stmt.value.elts)
        for element in stmt.value.elts:
            if not (isinstance(element, ast.Constant) and isinstance(element.value, str)):
                continue
            if element.value in read_only or element.value in declared:
                continue
            match = an.classifier.name(element.value, owner=owner)
            if match is None or refers_to_user(element.value, match.category) or asks and match.category.startswith(CONTENT):
                continue
            taken.append((element.value, element, match))
        if owner == cls.name:
            for name, element, match in taken:
                an.emit(Kind.COLLECT, element, [match.category], family.rule,
                        f"{cls.name} takes {owner}.{name} ({match.category}) through Meta.fields",
                        stored=stored, reasons=(f"{family.family} Meta.fields", match.pattern))
        elif taken:
            named = ", ".join(f"{owner}.{name} ({match.category})" for name, _, match in taken)
            an.emit(Kind.COLLECT, stmt, [match.category for _, _, match in taken], family.rule,
                    f"{cls.name} takes {named} through Meta.fields", stored=stored,
                    reasons=(f"{family.family} Meta.fields", *dict.fromkeys(match.pattern for _, _, match in taken)))


def _refers_by_id(an: FileAnalyzer, family: SchemaFamily, call: ast.Call, scope: Scope) -> bool:
    """A foreign key refers to a user by id, a primary key is generated: neither collects anything."""
    return _refers_by_id_with(an, family.exclude_argument_calls, family.exclude_argument_keywords, call, scope)


def _refers_by_id_with(an: FileAnalyzer, exclude_argument_calls: frozenset[str], exclude_argument_keywords: frozenset[str],
                       call: ast.Call, scope: Scope) -> bool:
    """True for a field or column call that declares a primary key (a keyword of the packs'
    `exclude_keywords` set to True), is given a foreign key (a call among `exclude_argument_calls`,
    or any `*ForeignKey`), or has a keyword of `exclude_argument_keywords` (`foreign_key=`)."""
    if any(k.arg in an.models.field_exclude_keywords and isinstance(k.value, ast.Constant) and k.value.value is True
           for k in call.keywords):
        return not _natural_key(an, call)
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        if type(arg) is ast.Call:
            symbol = an.static_symbol(arg.func, scope)
            if symbol in exclude_argument_calls or (symbol or "").endswith("ForeignKey"):
                return True
    return any(k.arg in exclude_argument_keywords for k in call.keywords)


# What a primary key's type may say it holds that no service generates: a person's address or
# number used as the key (`username = models.EmailField(primary_key=True)`).
_NATURAL_KEYS = frozenset({"user.contact.email", "user.contact.phone_number", "user.device.ip_address"})


def _natural_key(an: FileAnalyzer, call: ast.Call) -> bool:
    """Whether a primary key's declared type (the field's, or a column's type argument) is an e-mail
    address, a phone number or an IP address: a natural key, a person's value, not a generated id."""
    for node in (call.func, *call.args):
        name = callee_name(node) if isinstance(node, ast.Call) else \
            node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        typed = an.classifier.type_name(name) if name else None
        if typed is not None and typed.category in _NATURAL_KEYS:
            return True
    return False


def _annotated_response_only(an: FileAnalyzer, annotation: ast.expr, scope: Scope) -> bool:
    """Whether an `Annotated[T, ...]` field type carries metadata saying the field is only sent
    back (`Annotated[str | None, Mutability.read_only]`), outside `T` or inside it (`Annotated[...] | None`)."""
    for sub in walk(annotation):
        if isinstance(sub, ast.Subscript) and isinstance(sub.slice, ast.Tuple) and len(sub.slice.elts) > 1 \
                and _annotation_name(sub.value) == "Annotated":
            if any(isinstance(meta, ast.Attribute) and an.static_symbol(meta, scope) in an.models.response_only_annotations
                   for meta in sub.slice.elts[1:]):
                return True
    return False


def _response_only(an: FileAnalyzer, call: ast.Call) -> bool:
    return any(
        k.arg in an.models.response_only_keywords and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in call.keywords
    )


def _names_in(node: ast.expr) -> list[str]:
    """The names an annotation mentions, quoted forward references included (`list["Group"]`); not the
    values a `Literal[...]` admits (`medium: Literal["email", "msisdn"]` is a choice of two words, not
    a field typed `email`)."""
    names = _mentioned(node)
    if "Literal" in names:  # rare: walked again, without the literals' values
        values = {id(value) for sub in walk(node) if type(sub) is ast.Subscript and _annotation_name(sub.value) == "Literal"
                  for value in walk(sub.slice)}
        names = _mentioned(node, values)
    return names


def _mentioned(node: ast.expr, left_out: Collection[int] = ()) -> list[str]:
    """The names, attributes and string constants under `node`, in walk order, but the string
    constants whose `id` is in `left_out`."""
    names: list[str] = []
    for sub in walk(node):
        if isinstance(sub, ast.Name):
            names.append(sub.id)
        elif isinstance(sub, ast.Attribute):
            names.append(sub.attr)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str) and id(sub) not in left_out:
            names.append(sub.value)
    return names
