"""Sinks: calls and assignments where data leaves the code's hands (`log`, `share`, `cookie`).

Which calls are sinks is rule-pack data (rules/models/logging.toml, share.toml,
cookies.toml); this module only knows how to read a call's arguments against a model.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import urllib.parse
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, NamedTuple

from scanner.engine.lazyre import LazyPattern
from scanner.engine.logkeys import known_keys_value
from scanner.engine.parameters import named_parameters, positional_parameters
from scanner.engine.sources import (CONTENT, COOKIE_ID, CREDENTIALS, DEVICE, IP, KWARGS, USERNAME, VARARGS,
                                    callee_name, inner_bodies, names_meta, requestless_module)
from scanner.engine.summaries import USE_SETTING, LogSite, RelayedLog
from scanner.engine.values import HOLE, NOTHING, REQUEST, UNKNOWN, Value, data_of, shape_of, union
from scanner.engine.walk import walk
from scanner.model import Cookie, FlowStep, Kind
from scanner.packs import CookieSetter, HostRecipient, LogSink, Models, ShareSink

if TYPE_CHECKING:
    from scanner.engine.analyzer import ClassInfo, FileAnalyzer, Scope
    from scanner.engine.summaries import FunctionSummary

# Arguments of HTTP calls that configure the request rather than carry data.
HTTP_CONFIG_KEYWORDS = frozenset({
    "url", "method", "headers", "auth", "timeout", "verify", "cert", "proxies", "proxy", "allow_redirects",
    "follow_redirects", "stream", "ssl", "raise_for_status", "context", "cafile", "capath", "retries",
})
# What names a vendor's telemetry endpoint in its host or path (`tele.labelstud.io`, `/.update_check/`).
_TELEMETRY = LazyPattern(r"tele|usage|stat|metric|analytic|event|track|ping|heartbeat|update|version|beacon|report",
                         re.IGNORECASE)
SHARE_CONFIG_KEYWORDS = frozenset({"model", "api_key", "timeout", "temperature", "max_tokens", "stream", "extra_headers"})
# What an HTTP client negotiates its answer with (Accept-Language, User-Agent): the device's settings.
_NEGOTIATED = frozenset({"user.device"})
# A URL path that names a user's record by an unknown value (`/v1/users/{user_id}/`,
# `/v2/entities/user/{quote(entity_id)}/profile/`): the REST convention puts the user's id there.
_USER_IN_PATH = LazyPattern(r"/users?/" + HOLE, re.IGNORECASE)


def describe(categories: Collection[str]) -> str:
    """How an observation message names categories: `user.contact.email, user.unique_id`."""
    return ", ".join(sorted(categories))


def is_are(categories: Collection[str]) -> str:
    """The verb that agrees with a list of categories."""
    return "is" if len(categories) == 1 else "are"


def _data(an: FileAnalyzer, args: list[Value], kwargs: list[tuple[str | None, Value]], *,
          params: tuple[str, ...] = (), ignore: frozenset[str] = frozenset()) -> Value:
    """The data flowing into a call: every argument's, and what non-constant arguments' names mean."""
    parts: list[Value] = []
    for index, value in enumerate(args):
        parts.append(data_of(value))
        if index < len(params) and not value.is_const and value.symbol is None:
            named = an.classify_name(params[index], None)
            if named is not None:
                parts.append(named)
    for name, value in kwargs:
        if name in ignore:
            continue
        parts.append(data_of(value))
        if name is not None and not value.is_const and (value.symbol is None or value.categories):
            named = an.classify_name(name, None)
            if named is not None:
                parts.append(named)
    return union(parts)


def _tainted(an: FileAnalyzer, node: ast.Call, args: list[Value], kwargs: list[tuple[str | None, Value]], *,
             params: tuple[str, ...] = (), ignore: frozenset[str] = frozenset()) -> list[ast.AST]:
    """The argument expressions of a call that carry personal data (what a redaction fix would wrap)."""
    nodes: list[ast.AST] = []
    for index, (arg_node, value) in enumerate(zip(node.args, args)):
        named = index < len(params) and not value.is_const and value.symbol is None and an.classify_name(params[index], None)
        if value.categories or named:
            nodes.append(arg_node)
    for keyword, (name, value) in zip(node.keywords, kwargs):
        if name in ignore:
            continue
        named = name is not None and not value.is_const and an.classify_name(name, None)
        if value.categories or named:
            nodes.append(keyword.value)
    return nodes


def check_call_sinks(an: FileAnalyzer, node: ast.Call, symbol: str, args: list[Value],
                     kwargs: list[tuple[str | None, Value]], scope: Scope) -> None:
    """Consult the log, share and HTTP models for a call of `symbol`."""
    models = an.models
    log_sink = models.log_calls.get(symbol)
    if log_sink is None and models.custom_levels:
        log_sink = models.custom_level_sink(symbol)  # a level the project added (`logger.security(...)`)
    if log_sink is not None:
        _log(an, node, log_sink, symbol, args, kwargs, scope)
        return
    share_sink = models.share_calls.get(symbol)
    if share_sink is not None:
        _share(an, node, share_sink, args, kwargs, scope)
        return
    http = models.http_calls.get(symbol)
    if http is not None and not http.sends:
        _http(an, node, http.url_position, args, kwargs, scope=scope)
        return
    setter = models.cookie_functions.get(symbol)
    if setter is not None:  # `set_access_cookies(response, token)`: a library sets it on the response
        _cookie_call(an, node, setter, args, kwargs)


def opened_url(an: FileAnalyzer, symbol: str, args: list[Value], kwargs: list[tuple[str | None, Value]]) -> str | None:
    """The shape of the URL a call of `symbol` opens a connection to (`websockets.connect(url)`), which
    the connection keeps so that what is sent on it can be traced there; None for other calls."""
    http = an.models.http_calls.get(symbol)
    if http is None or not http.sends:
        return None
    url = _url_argument(http.url_position, args, kwargs)
    if url is None or not (isinstance(url.const, str) or url.shape is not None):
        return None
    return shape_of(url)


def _connection_send(an: FileAnalyzer, node: ast.Call, connection: Value, args: list[Value],
                     kwargs: list[tuple[str | None, Value]]) -> None:
    """`await ws.send(json.dumps(event))` on a connection opened to a known host: a share there."""
    known = _known_host(an, connection)
    if known is None:
        return
    entry, host, _, _ = known
    if all(_literal(arg_node, value) for arg_node, value in zip(node.args, args)) and not node.keywords:
        return  # nothing, or a fixed message (`ws.send("ping")`): the protocol's, not the user's
    _share_with_host(an, node, entry, _data(an, args, kwargs), "python.share.websocket-known-host",
                     f"data is sent to {entry.recipient} ({host}) over a websocket",
                     f"websocket connection to known host {host}")


def _known_host(an: FileAnalyzer, url: Value) -> tuple[HostRecipient, str, str, bool] | None:
    """The known recipient a request to `url` goes to, its host and path (see `url_target`), and
    whether the query string holds unknown values; None when the host is not known or not one of
    a recipient's."""
    target = url_target(url)
    if target is None:
        return None
    host, path, dynamic_query = target
    entry = an.models.host_recipient(host, path) or _vendor_host(an, host)
    return None if entry is None else (entry, host, path, dynamic_query)


def known_url(an: FileAnalyzer, url: str) -> bool:
    """True when a request to the constant `url` would go to a known recipient or the vendor."""
    return _known_host(an, Value(const=url)) is not None


# Top-level package names too generic to name a vendor by.
_GENERIC_PACKAGES = frozenset({
    "app", "apps", "core", "main", "server", "api", "web", "src", "lib", "libs", "common", "utils", "util",
    "service", "services", "backend", "frontend", "project", "site", "website", "test", "tests", "example",
})


def _vendor_host(an: FileAnalyzer, host: str) -> HostRecipient | None:
    """The host of the application's own vendor, named like its top-level package (`pretix.eu` for
    pretix, `tele.labelstud.io` for label_studio): the contract's vendor telemetry endpoint, a share
    to that vendor. None for any other host."""
    package = re.sub(r"[^a-z0-9]", "", an.module.split(".", 1)[0].lower())
    if len(package) < 4 or package in _GENERIC_PACKAGES:
        return None
    labels = host.lower().split(".")
    if len(labels) < 2:
        return None
    for label in labels[:-1]:  # not the top-level domain
        name = re.sub(r"[^a-z0-9]", "", label)
        if len(name) >= 4 and (package.startswith(name) or name.startswith(package)):
            return HostRecipient(host=host, recipient=".".join(labels[-2:]), implies=(), vendor=True)
    return None


def _share_with_host(an: FileAnalyzer, node: ast.Call, entry: HostRecipient, data: Value, rule: str, message: str,
                     reason: str) -> None:
    """Emit a share to a known host's recipient, unless the entry wants personal data and none is seen."""
    if entry.require_data and not data.categories:
        return
    categories = set(data.categories) | set(entry.implies)
    an.emit(Kind.SHARE, node, categories, rule, message, recipient=entry.recipient, value=data, reasons=(reason,))


class SideLog(NamedTuple):
    """A log call a function's parameter reaches (in a logging wrapper: only to say where, `site`)."""

    node: ast.Call
    rule: str
    via: str  # how it logs: `logging.info()`
    program_id: bool = False
    """The parameter is named for a program's id (`bot_id`): a caller's user id given there is that program's."""
    site: LogSite | None = None
    """In a logging wrapper that passes the parameter to another wrapper (`node` is that call): the
    innermost real log call it reaches, from the other wrapper's summary."""


# A parameter named for the id of a program, not a person (`bot_id`, `service_id`, `app_id`): Slack's
# `_get_bot_profile(bot_id)` is called with the sender's id only when the sender is a bot.
_PROGRAM_ID = LazyPattern(r"(?:[a-z0-9]+_)*(?:bot|service|system|app|application|integration)_ids?")


# A parameter named for a configured value (`resolve_s3_batch_file_upload(configured)` warning that
# `configured` is no boolean): a function checking a setting logs the setting its callers read, whatever
# the setting's key says (`params.get("s3_batch_file_upload")` is no uploaded file).
_SETTING = LazyPattern(r"(?:[a-z0-9]+_)*(?:configured|setting)(?:_value)?")


# Names that hold a person using the application as an object (`user`, `current_user`, privacyIDEA's
# `tokenowner`): its string form is its login. Not flags and counts (`is_superuser`, `num_users`).
_PERSON_OBJECT = LazyPattern(r"(?!(?:is|has|can|should|num|n|count|max|min)_)[a-z_]*(?:user|owner)", re.IGNORECASE)
# Names that hold a person's record taken whole (`user_info`, `userinfo`, `user_data`, `user_model`,
# `user_list`, `ldap_user_entry`): a directory's entry, an identity provider's answer or a resolver's rows
# for that user, whose rendering shows at least the login. Not a part of it or something about it
# (`user_data_dir`, `user_info_url`, `user_model_class`): the record word ends the name.
_PERSON_RECORD = LazyPattern(r"(?:[a-z0-9]+_)*users?_?(?:info|data|model|record|entry|entries|details|dict|list|rows?"
                             r"|json|profile)", re.IGNORECASE)


def _names_a_class(symbol: str | None) -> bool:
    """Whether a value's symbol shows its class (`ckan.model.User.get()`, `app.models.Account()`,
    `builtins.str`), rather than an opaque function's result (`app.users.get_user()`) or a proxy
    (`flask_login.current_user`)."""
    if symbol is None:
        return False
    return symbol.startswith("builtins.") or any(part[:1].isupper() for part in symbol.replace("()", "").split("."))


def _rendered_whole(expr: ast.expr) -> list[ast.expr]:
    """The names and attributes a log argument renders whole: itself, the values of an f-string,
    the operands of `%` and `+`, the items of a tuple or list, the arguments of `str()`, `repr()` and
    `.format()`, and what `json.dumps()` and `pprint.pformat()` serialise; not the base of an attribute,
    item or other call (`user.id`, `len(users)`)."""
    if type(expr) is ast.Name or type(expr) is ast.Attribute:
        return [expr]
    if type(expr) is ast.JoinedStr:
        return [n for v in expr.values if isinstance(v, ast.FormattedValue) for n in _rendered_whole(v.value)]
    if type(expr) is ast.BinOp and (type(expr.op) is ast.Mod or type(expr.op) is ast.Add):
        # a left-deep chain of hundreds of terms in a loop, not a frame a term: the leftmost operand's
        # names, then each right operand's, in the recursion's order
        rights: list[ast.expr] = []
        while type(expr) is ast.BinOp and (type(expr.op) is ast.Mod or type(expr.op) is ast.Add):
            rights.append(expr.right)
            expr = expr.left
        found = _rendered_whole(expr)
        for right in reversed(rights):
            found += _rendered_whole(right)
        return found
    if type(expr) is ast.Tuple or type(expr) is ast.List:
        return [n for e in expr.elts for n in _rendered_whole(e)]
    if type(expr) is ast.Call:
        func = expr.func
        if (isinstance(func, ast.Name) and func.id in ("str", "repr")) or (isinstance(func, ast.Attribute) and func.attr == "format"):
            return [n for e in [*expr.args, *(k.value for k in expr.keywords)] for n in _rendered_whole(e)]
        if expr.args and (isinstance(func, ast.Name) and func.id in _SERIALISERS
                          or isinstance(func, ast.Attribute) and func.attr in _SERIALISERS):
            return _rendered_whole(expr.args[0])  # `json.dumps(rows, indent=2)`: the object, not its options
    return []


# Functions that render the object they are given whole as text (`json.dumps`, `orjson.dumps`, `pformat`).
_SERIALISERS = frozenset({"dumps", "pformat"})


def _filled_rendered(node: ast.Call, scope: Scope) -> Value:
    """What the lists and tables a log call renders whole had put into them (`Scope.filled`: `print(table)`
    after `table.add_row("Email", row["email"])`, `json.dumps(valid)` after `valid.append(row)`): each row
    shows. NOTHING when it renders none of them."""
    found = [scope.filled[rendered.id] for arg in [*node.args, *(k.value for k in node.keywords)]
             for rendered in _rendered_whole(arg) if type(rendered) is ast.Name and rendered.id in scope.filled]
    return union(found) if found else NOTHING


# Django's user model as the analysis names it: the class itself, or what `get_user_model()` returns
# (`User = get_user_model()` at a module's top). Its managers (`objects`, `_default_manager`) give its rows.
_DJANGO_USER_MANAGERS = tuple(f"{model}.{manager}." for model in (
    "django.contrib.auth.models.User", "django.contrib.auth.get_user_model()")
    for manager in ("objects", "_default_manager"))
# The manager and queryset methods that give one row (a user), not a queryset, a count or values.
_ONE_ROW = frozenset({"get", "first", "last", "latest", "earliest", "get_by_natural_key", "create", "create_user",
                      "create_superuser"})
# Queryset methods that give a queryset of the same rows again (what `for u in ...` walks).
_SAME_ROWS = frozenset({"all", "filter", "exclude", "order_by", "distinct", "select_related", "prefetch_related",
                        "only", "defer", "using", "annotate", "reverse", "none", "iterator", "select_for_update"})


def django_user_rows(symbol: str) -> str | None:
    """What a value of Django's user model fetched through its manager is: "row" for one user
    (`User.objects.get(...)`, `...filter(...).first()`), "rows" for a queryset of users
    (`get_user_model().objects.filter(...)`), None for anything else (its `values()`, a count, an
    attribute, another model). Read from the value's symbol, a few string tests."""
    if not symbol.startswith(_DJANGO_USER_MANAGERS):
        return None
    chain = symbol.split("._default_manager.", 1)[-1].split(".objects.", 1)[-1]  # `filter().first()`
    if not chain.endswith("()"):
        return None
    calls = chain[:-2].split("().")
    if any(call not in _SAME_ROWS for call in calls[:-1]):
        return None
    return "row" if calls[-1] in _ONE_ROW else "rows" if calls[-1] in _SAME_ROWS else None


def django_user_row(symbol: str) -> bool:
    """Whether a value is one row of Django's user model (`django_user_rows`)."""
    return django_user_rows(symbol) == "row"


def django_user_element(symbol: str) -> str | None:
    """The symbol of one row of a queryset of Django's users (`for u in User.objects.filter(...)`
    gives `User.objects.get()`), or None where the symbol is no such queryset."""
    if django_user_rows(symbol) != "rows":
        return None
    manager = "._default_manager." if "._default_manager." in symbol else ".objects."
    return symbol.split(manager, 1)[0] + manager + "get()"


# Names of the objects whose `user` is the signed-in user: Django's `request.user`, Flask's
# application-context `g.user` (where Flask-AppBuilder and the Flask tutorial keep it), and a
# session's `session.user` (indico's Flask session class, chainlit's websocket session): the person
# the session belongs to.
_USER_HOLDERS = frozenset({"request", "g", "session"})
# Names of the object whose `current_user` is the signed-in user: a Tornado handler (`self` in it, or
# the `handler` a hook is given).
_HANDLER_OBJECTS = frozenset({"self", "handler"})


def _person_rendered(node: ast.Call, scope: Scope) -> Value:
    """`user.account.username` when a log call renders the application's user object whole
    (`f"User={user} acquires a lock"`, `"by %s" % request.user`, `self.current_user`) and nothing else says what that
    object holds: a user's string form is its login (Django's `AbstractBaseUser.__str__` returns the
    username field, flaskbb's and privacyIDEA's users render the login). So is a row of Django's user
    model fetched by its manager, whatever its name (`for u in User.objects.filter(...)`, `print(u)`), and
    a value named for one user's record taken whole (`user_info`, `user_model`, `user_list`: a directory's
    entry, an identity provider's answer, a resolver's rows), which shows at least the login.
    NOTHING otherwise."""
    for arg in [*node.args, *(k.value for k in node.keywords)]:
        for rendered in _rendered_whole(arg):
            if type(rendered) is ast.Name:
                held = scope.lookup(rendered.id)
                if held is not None and held.symbol is not None and django_user_row(held.symbol):
                    return Value(categories=frozenset({USERNAME}),
                                 reasons=("a row of Django's user model rendered whole shows its username",))
                if not (_PERSON_OBJECT.fullmatch(rendered.id) or _PERSON_RECORD.fullmatch(rendered.id)) \
                        or held is not None and (held.categories or held.is_const or _names_a_class(held.symbol)
                                                 or held.symbol is not None and held.symbol.endswith("get_user_model()")):
                    # a name not a person's, or what it holds is known: its categories are reported, or its
                    # class says what its string form shows (CKAN's `model.User.get(name)` has no `__str__`;
                    # Django's `get_user_model()` gives the user model's class, whose string form is its path)
                    continue
            elif not (isinstance(rendered, ast.Attribute) and isinstance(rendered.value, ast.Name)
                      and (rendered.attr == "user" and rendered.value.id in _USER_HOLDERS
                           or rendered.attr == "current_user" and rendered.value.id in _HANDLER_OBJECTS
                           or rendered.value.id == "self" and scope.cls is not None
                           and kept_person(rendered.attr, scope.cls))):
                # `request.user`; a Tornado handler's logged-in user (`self.current_user`); a user the
                # object keeps (`self.user` of a model's foreign key, of a counter given one)
                continue
            return Value(categories=frozenset({USERNAME}),
                         reasons=("a user object rendered whole shows its login",))
    return NOTHING


# The symbols of Django's relation fields: an attribute so declared holds the related row (`user =
# models.ForeignKey(settings.AUTH_USER_MODEL, ...)`), whose string form is that row's.
_DJANGO_RELATIONS = ("django.db.models.ForeignKey()", "django.db.models.OneToOneField()")


def kept_person(attr: str, cls: ClassInfo) -> bool:
    """Whether `self.<attr>` is a person's object an instance keeps, written whole: an attribute named
    for a user or an owner (`user`, `owner`, `created_user`, as a bare name is read) that the class
    declares as a relation of Django's (`user = models.ForeignKey(settings.AUTH_USER_MODEL, ...)`: the
    user's row, whose string form is its username) or binds to nothing the analysis knows otherwise
    (`self.user = user` from a parameter; set elsewhere). Not one that holds a literal, a value with
    categories of its own, or an object of a class the analysis names (`self.user = DBUser(...)`), nor
    a property of the class (Flask-AppBuilder's `auth_ldap_bind_user`, a setting read by a getter)."""
    if _PERSON_OBJECT.fullmatch(attr) is None or attr in cls.properties:
        return False
    held = cls.attributes.get(attr)
    if held is None:
        return True
    if held.symbol in _DJANGO_RELATIONS:
        return True
    return not (held.categories or held.is_const or _names_a_class(held.symbol))


# The attributes of a holder that are the signed-in user (`g.current_user`, Flask's `g` holding what
# the login hook put there; `request.user`; a Tornado handler's `self.current_user`).
_CURRENT_USER_ATTRIBUTES = frozenset({"user", "current_user"})
_CURRENT_USER_HOLDERS = _USER_HOLDERS | _HANDLER_OBJECTS


def person_object(expr: ast.expr, scope: Scope) -> bool:
    """Whether an argument is a person's object taken whole: the signed-in user (`g.current_user`,
    `request.user`, `self.current_user`), a row of Django's user model, or a name for a user or an
    owner whose value the analysis knows nothing else of (`user`, `current_user`; as `_person_rendered`
    reads a logged one). What an audit helper logs of the attributes of its parameter (`user.email`)
    is then that person's (`FunctionSummary.logged_attributes`)."""
    if isinstance(expr, ast.Attribute):
        base = expr.value
        return expr.attr in _CURRENT_USER_ATTRIBUTES and isinstance(base, ast.Name) and base.id in _CURRENT_USER_HOLDERS
    if not isinstance(expr, ast.Name):
        return False
    name = expr.id
    held = scope.lookup(name)
    if held is not None and held.symbol is not None and django_user_row(held.symbol):
        return True
    return _PERSON_OBJECT.fullmatch(name) is not None and not (
        held is not None and (held.categories or held.is_const or _names_a_class(held.symbol)
                              or held.symbol is not None and held.symbol.endswith("get_user_model()")))


def gives_person_object(node: ast.Call, scope: Scope) -> bool:
    """Whether a call passes a person's object (`person_object`), looked at by cheap tests first: most
    calls pass no attribute named `user` and no name holding "user" or "owner" (asked of every call
    of another module's function given no data: no list or generator made per call)."""
    for expr in node.args:
        if _may_be_person(expr) and person_object(expr, scope):
            return True
    for keyword in node.keywords:
        if _may_be_person(keyword.value) and person_object(keyword.value, scope):
            return True
    return False


def _may_be_person(expr: ast.expr) -> bool:
    """`person_object`'s first test by type and text: an attribute `user`/`current_user`, or a name
    with "user" or "owner" in it."""
    kind = type(expr)
    if kind is ast.Name:
        name = expr.id  # type: ignore[attr-defined]
        return "ser" in name or "wner" in name or "SER" in name or "WNER" in name
    return kind is ast.Attribute and expr.attr in _CURRENT_USER_ATTRIBUTES  # type: ignore[attr-defined]


def _keys_read_of_logged(an: FileAnalyzer, node: ast.Call, scope: Scope) -> Value:
    """What a mapping a log call renders whole holds, by the keys the code around the call reads of it
    (`data = me.json()`, `log.debug("User info: %s", data)`, then `data.get("email")`, `data["given_name"]`):
    an identity provider's user info, a payload decoded from elsewhere; of a list, the keys read of its
    elements by a loop or a comprehension over it (`for member in members: member.get("user_id")`): a
    team's member rows. Only the statements of the block holding the call are read (the branch for one
    provider, not its siblings), keys written as literals, classified as a payload's keys, from the
    statement that binds the name on; a key of content (`err["message"]`) says nothing of whose it is.
    A name bound there to a directory search's result (`con.search_s(...)`) holds persons' entries.
    NOTHING when no such key names personal data."""
    names = {rendered.id for arg in node.args for rendered in _rendered_whole(arg)
             if isinstance(rendered, ast.Name) and not _known_value(scope.lookup(rendered.id))}
    if not names:
        return NOTHING
    block = _enclosing_block(an.tree.body, node.lineno)
    # from the statement binding the name (`data = me.json()`) on: an earlier `data` is another value
    start = 0
    bound: ast.Assign | None = None
    for index, stmt in enumerate(block):
        if stmt.lineno > node.lineno:
            break
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id in names for t in stmt.targets):
            start, bound = index, stmt
    searched = _directory_search(an, bound) if bound is not None else None
    if searched:
        return Value(categories=searched, reasons=("a directory search's entries are persons' records",))
    if not _keyed_in_text(an, names, block[start:]):
        return NOTHING
    read: list[tuple[str, str]] = []
    elements: set[str] = set()  # `member` of `for member in members` and `[m.get("email") for m in members]`
    for stmt in block[start:]:
        for sub in walk(stmt):
            # by exact types: a failed isinstance reads the node's `__class__`, once per class
            if type(sub) is ast.Subscript:
                base, key = sub.value, sub.slice
            elif type(sub) is ast.Call and type(sub.func) is ast.Attribute and sub.func.attr == "get" and sub.args:
                base, key = sub.func.value, sub.args[0]
            else:
                if (type(sub) is ast.For or type(sub) is ast.AsyncFor or type(sub) is ast.comprehension) \
                        and type(sub.target) is ast.Name and type(sub.iter) is ast.Name and sub.iter.id in names:
                    elements.add(sub.target.id)
                continue
            if isinstance(base, ast.Name) and isinstance(key, ast.Constant) and isinstance(key.value, str):
                read.append((base.id, key.value))
    found: list[Value] = []
    for base_name, key_text in read:
        if base_name in names or base_name in elements:
            named = an.classify_name(key_text, "json")
            if named is not None and CONTENT not in named.categories:
                # not a content key: an error's or a status's `message`, `text` and `body` as often
                found.append(named)
    return union(found) if found else NOTHING


# What may stand after a name for a key read of it (`data["email"]`, `data.get(...)`): the `[` or
# `.get`, behind blanks, a line's continuation, the parenthesis closing `(data)`, or a comment
# (`data  # ...` then `.get(...)` on the next line). Possessive: what the gap takes it never gives
# back (a banner of `#`s could otherwise be split into comments in exponentially many ways).
_GAP = r"(?:[\s\\)]|#[^\r\n]*+)*+"
_KEY_READ_AFTER = LazyPattern(_GAP + r"(?:\[|\." + _GAP + r"get\b)")


# python-ldap's synchronous searches: their result is the list of entries found, each a (DN, attributes)
# pair. The methods' names are the library's own; what the entries hold is the pack's (`[[carries]]`, the
# searches of `ldap.initialize()`).
_DIRECTORY_SEARCHES = frozenset({"search_s", "search_st", "search_ext_s"})


def _directory_search(an: FileAnalyzer, stmt: ast.Assign) -> frozenset[str] | None:
    """What a name bound by `stmt` to a directory search's result holds, the connection's class unknown
    (`raw = con.search_s(base, ldap.SCOPE_SUBTREE, filter_str, fields)` of a `con` handed in): the entries
    python-ldap's search gives, a person's DN (`uid=jdoe,ou=people,...`) and the attributes asked for,
    as the pack says. None for any other value."""
    value = stmt.value
    if type(value) is not ast.Call or type(value.func) is not ast.Attribute or value.func.attr not in _DIRECTORY_SEARCHES:
        return None
    return an.models.carriers.get(f"ldap.initialize().{value.func.attr}")


def _keyed_in_text(an: FileAnalyzer, names: set[str], stmts: list[ast.stmt]) -> bool:
    """Whether the text of `stmts` may read a key of one of `names` (`data["email"]`, `data.get(...)`) or of
    their elements: False only when no name there is followed by a subscript or a `.get`, nor follows
    ` in ` (a loop over it), so that the statements' nodes need not be walked (a log call's rendered
    mapping is seldom read by key). True whenever
    the text cannot rule it out (text that is not ASCII: a name `ast` normalises may be spelt otherwise)."""
    first = stmts[0]
    line = min([first.lineno, *(d.lineno for d in getattr(first, "decorator_list", ()))])
    text = an.positions.lines_text(line, stmts[-1].end_lineno or stmts[-1].lineno)
    if not text.isascii():
        return True
    after = _KEY_READ_AFTER.match
    for name in names:
        at = text.find(name)
        while at >= 0:
            if after(text, at + len(name)) or text.endswith(" in ", 0, at):
                # a key read of it, or a loop over it (`for member in members`) whose elements' keys may be read
                return True
            at = text.find(name, at + 1)
    return False


def _known_value(held: Value | None) -> bool:
    """Whether a name holds something the analysis knows the data of: a literal, or a request's
    container (read key by key where it is read)."""
    return held is not None and (held.is_const or held.role is not None)


def _statement_at(body: list[ast.stmt], line: int) -> ast.stmt | None:
    """The first statement of `body` whose lines hold `line`, or None. Its end line is read first: a
    statement that ends before the line (most, as a block is searched from its start) costs one read of
    an AST node's field, each a generic attribute look-up, where testing its first line too cost two."""
    for stmt in body:
        end = stmt.end_lineno
        if end is not None and end < line:
            continue
        if stmt.lineno <= line <= (end or stmt.lineno):
            return stmt
    return None


def _enclosing_block(body: list[ast.stmt], line: int) -> list[ast.stmt]:
    """The innermost statement list among `body`'s (and their statements') that holds `line`: the
    branch or function body a statement at that line stands in. `body` itself when none is deeper."""
    while True:
        inner = _statement_at(body, line)
        if inner is None:
            return body
        deeper = next((block for block in inner_bodies(inner)
                       if block and block[0].lineno <= line <= (block[-1].end_lineno or block[-1].lineno)), None)
        if deeper is None:
            return body
        body = deeper


# Verbs a function that handles one record is named with (`get_user`, `update_thread`, `delete_note`).
_RECORD_VERBS = frozenset({"get", "fetch", "find", "load", "read", "create", "add", "insert", "save", "store", "update",
                           "upsert", "set", "delete", "remove"})


def _record_parameters(an: FileAnalyzer, node: ast.Call, params: frozenset[int]) -> Value:
    """What parameters `params` of the function around a log call hold, read as fields of the record
    the function is named for (`get_user(self, identifier)`: a user's identifier, the login), where
    nothing else says what they hold; NOTHING for a function named otherwise."""
    func, _ = _enclosing_function(an.tree.body, node.lineno)
    words = func.name.lstrip("_").split("_") if func is not None else []
    if func is None or len(words) < 2 or words[0] not in _RECORD_VERBS:
        return NOTHING
    ordered = named_parameters(func.args)
    parts = [an.classify_name(ordered[param].arg, words[1]) for param in sorted(params) if 0 <= param < len(ordered)]
    return union([part for part in parts if part is not None]) if any(parts) else NOTHING


# `$name` and `${name}` placeholders of a `string.Template` text.
_TEMPLATE_NAME = LazyPattern(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


def _translated_locals(node: ast.Call, scope: Scope) -> Value:
    """What the locals named in a translated message's `$name` / `${name}` placeholders hold, for a
    log argument `_("Already subscribed: ${email}")`: flufl.i18n's `_` (GNU Mailman's) fills them from
    its caller's locals, so those values are written too. NOTHING when no argument is such a call, or
    when the call writes to a stream other than `sys.stdout` / `sys.stderr`."""
    target = next((k.value for k in node.keywords if k.arg == "file"), None)
    if target is not None and not (isinstance(target, ast.Attribute) and target.attr in ("stdout", "stderr")):
        # `print(_("..."), file=results)`: a stream given to the call may be a reply being composed
        # (an email command's results), not a log; the placeholders are read for the console only
        return NOTHING
    held: list[Value] = []
    for arg in node.args:
        if not (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "_" and arg.args):
            continue
        text = arg.args[0]
        if not (isinstance(text, ast.Constant) and isinstance(text.value, str) and "$" in text.value):
            continue
        for braced, bare in _TEMPLATE_NAME.findall(text.value):
            value = scope.lookup(braced or bare)
            if value is not None and value.categories:
                held.append(value)
    return union(held) if held else NOTHING


# Calls that read what a person types at the console: what a function shows before one is its question.
_CONSOLE_READERS = frozenset({"input", "getpass"})
_CONTENT_ONLY = frozenset({CONTENT})


def _reads_console(func: ast.FunctionDef | ast.AsyncFunctionDef, functions: dict[str, ast.stmt]) -> bool:
    """Whether `func` calls `input()` or `getpass()`, itself or through a module function of its file
    that does (pretalx's `prompt_nonempty(prompt)`)."""
    for sub in walk(func):
        if type(sub) is ast.Call:
            name = callee_name(sub)
            if name in _CONSOLE_READERS:
                return True
            helper = functions.get(name) if type(sub.func) is ast.Name and name else None
            if helper is not None and any(type(inner) is ast.Call and callee_name(inner) in _CONSOLE_READERS
                                          for inner in walk(helper)):
                return True
    return False


def _console_prompt(an: FileAnalyzer, node: ast.Call) -> bool:
    """Whether a console print shows a `prompt` in a function that reads the console (Django's migration
    questioner, a setup command asking for a name): the program's question to whoever runs it, not a
    prompt a person wrote for a model, whatever the name says. Looked at only for a print whose data is
    content and nothing else, so the function is walked rarely."""
    if not any(type(r) is ast.Name and r.id == "prompt" or type(r) is ast.Attribute and r.attr == "prompt"
               for arg in node.args for r in _rendered_whole(arg)):
        return False
    func, _ = _enclosing_function(an.tree.body, node.lineno)
    if func is None:
        return False
    functions: dict[str, ast.stmt] = {stmt.name: stmt for stmt in an.tree.body
                                      if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return _reads_console(func, functions)


def _log(an: FileAnalyzer, node: ast.Call, sink: LogSink, symbol: str, args: list[Value],
         kwargs: list[tuple[str | None, Value]], scope: Scope) -> None:
    data = _data(an, args, kwargs, ignore=sink.ignore_keywords)
    translated = _translated_locals(node, scope) if node.args else NOTHING
    if translated.categories:
        data = union([data, translated])
    if not data.categories and data.params and not scope.logging_wrapper:
        data = union([data, _record_parameters(an, node, data.params)])
        if not data.categories:
            # `:param sender: The sender's email address.`: what the docstring says the parameters hold
            data = union([data, documented_parameters(an, node, data.params)])
    if not data.categories and node.args:
        data = union([data, _keys_read_of_logged(an, node, scope)])
    if not data.categories and node.args:
        # an object of unknown class named for classes whose string forms show personal data (`orm_token`)
        data = union([data, an.rendered_ducks(node, scope)])
    if not data.categories and node.args:
        prefixes = an.prefix_data if an.prefix_data is not None else blueprint_prefix_data(an)
        if prefixes:  # few modules route under a prefix that names a person's data
            data = union([data, _prefixed_url_logged(an, node, prefixes)])
    if not data.categories and node.args:
        data = union([data, _request_headers_rendered(an, node, scope)])
    person = _person_rendered(node, scope)
    if person.categories and not data.categories & {USERNAME, "user.contact.email"}:
        data = union([data, person])
    if scope.filled:  # few functions put personal data into a list or table
        data = union([data, _filled_rendered(node, scope)])
    callee = symbol.rsplit(".", 1)[-1]
    via = f"{callee}()" if callee == sink.library or not sink.library else f"{sink.library}.{callee}()"
    for param in data.params:
        scope.add_log_param(param, sink.rule)
        if param >= 0:
            name = scope.params[param] if param < len(scope.params) else ""
            # `self.log("... %s" % parameters["user"])`: which keys of it are logged (`FunctionSummary.log_keys`)
            scope.add_log_read((param, node, None, 0))
            if not scope.logging_wrapper and _SETTING.fullmatch(name) is not None:
                continue  # what a caller gives there is a setting, whatever name its key has
            program = _PROGRAM_ID.fullmatch(name) is not None and an.classify_name(name, None) is None
            scope.add_side_log(param, SideLog(node, sink.rule, via, program))
        elif scope.logging_wrapper:  # `*args`, `**kwargs` passed on by a wrapper: where they are logged
            scope.add_side_log(param, SideLog(node, sink.rule, via))
    if not data.categories and data.params & scope.content_params:
        # `print(entries[index])` of the entries the function sends an AI provider as its input
        data = union([data, Value(categories=frozenset({CONTENT}),
                                  reasons=("the function sends this value to an AI provider as the user's content",))])
    if data.categories == _CONTENT_ONLY and sink.library == "print" and _console_prompt(an, node):
        return
    if not data.categories:
        if scope.logging_wrapper and (data.params & {VARARGS, KWARGS} or data.params and _given_logger_called(node, scope)):
            # a logging wrapper that passes on `*args`/`**kwargs` (`_debug_log(msg, *args)`, a decorator's
            # `log_wrapper(*args, **kwds)`) logs whatever any caller gives it: a log here whose categories
            # are its callers' (they are reported at the calls, through the wrapper's summary). So does
            # one that calls the log method its callers hand it with a parameter of its own (evennia's
            # `_log(msg, logfunc)`: `for line in msg.splitlines(): logfunc("{line}", line=line)`)
            an.emit(Kind.LOG, node, (), sink.rule,
                    f"a logging wrapper passes its callers' arguments to {via}", value=data,
                    reasons=("the arguments of any call of the wrapper are written to a log",))
        return
    an.emit(Kind.LOG, node, data.categories, sink.rule,
            f"{describe(data.categories)} {is_are(data.categories)} written to a log by {via}", value=data,
            arguments=_tainted(an, node, args, kwargs, ignore=sink.ignore_keywords))


# What a request's headers hold, rendered whole: the browser's User-Agent (the device) and the cookies or
# the Authorization header that sign the person in. The WSGI environ (WebOb's and Werkzeug's
# `request.environ`, Django's `request.META`) holds them as `HTTP_*` keys and the client's address as
# `REMOTE_ADDR` besides.
_HEADERS_WHOLE: dict[str, frozenset[str]] = {
    "headers": frozenset({DEVICE, CREDENTIALS}),
    "environ": frozenset({IP, DEVICE, CREDENTIALS}),
    "META": frozenset({IP, DEVICE, CREDENTIALS}),
}


def _request_headers_rendered(an: FileAnalyzer, node: ast.Call, scope: Scope) -> Value:
    """What a log call writes of a request's headers or WSGI environ rendered whole (kinto's
    `logger.info("Error decoding QUERY_STRING: %s" % request.environ)`, `log.debug(request.headers)`):
    the client's device, credentials and, from the environ, address. A key read of them
    (`request.headers.get("User-Agent")`) is the key's, and is read as such elsewhere; a `request`
    the analysis does not know as the framework's is not the client's, except a `META` (`names_meta`)."""
    categories: set[str] = set()
    for arg in node.args:
        for sub in _rendered_whole(arg):
            if type(sub) is not ast.Attribute or sub.attr not in _HEADERS_WHOLE:
                continue
            held = an.eval(sub.value, scope).symbol
            if held is not None and held.startswith(REQUEST) or held is None and names_meta(sub):
                categories |= _HEADERS_WHOLE[sub.attr]
    if not categories:
        return NOTHING
    return Value(categories=frozenset(categories),
                 reasons=("a request's headers or WSGI environ, written whole, hold the client's User-Agent, "
                          "cookies and Authorization header",))


def _given_logger_called(node: ast.Call, scope: Scope) -> bool:
    """Whether a log call calls a parameter of its function by name (`logfunc(...)`): a log method the
    function's callers hand it (`logfns`), which only such a call can be among a wrapper's log calls."""
    func = node.func
    return type(func) is ast.Name and func.id in scope.params


# A URL rule's variable (`<auth_token>`, `<int:user_id>`): its name, after the converter.
_RULE_VARIABLE = LazyPattern(r"<(?:[^<>:]+:)?([A-Za-z_][A-Za-z0-9_]*)>")
# What a Flask (Werkzeug) request says of its URL with the path in it; not `host_url`/`url_root`.
_PATH_URLS = frozenset({"url", "base_url", "path", "full_path"})


def blueprint_prefix_data(an: FileAnalyzer) -> dict[str, Value]:
    """The module-level blueprints (`kobo = Blueprint("kobo", __name__, url_prefix="/kobo/<auth_token>")`,
    a subclass's alike) whose URL prefix has a variable named for personal data, with what it holds.
    Every route of such a blueprint is reached by a URL holding that value: calibreweb's Kobo routes
    carry the user's auth token. Worked out once per module (a text test first: few have a prefix)."""
    found: dict[str, Value] = {}
    if "url_prefix" in an.source:
        for stmt in an.tree.body:
            if type(stmt) is not ast.Assign or len(stmt.targets) != 1 or type(stmt.targets[0]) is not ast.Name \
                    or type(stmt.value) is not ast.Call or not (callee_name(stmt.value) or "").endswith("Blueprint"):
                continue
            prefix = next((k.value.value for k in stmt.value.keywords if k.arg == "url_prefix"
                           and type(k.value) is ast.Constant and isinstance(k.value.value, str)), "")
            named = [an.classify_name(variable, None) for variable in _RULE_VARIABLE.findall(prefix)]
            held = union([value for value in named if value is not None])
            if held.categories:
                found[stmt.targets[0].id] = Value(
                    categories=held.categories,
                    reasons=(f"the URL of a route of the blueprint '{stmt.targets[0].id}' holds its prefix {prefix}",))
    an.prefix_data = found
    return found


def _prefixed_url_logged(an: FileAnalyzer, node: ast.Call, prefixes: dict[str, Value]) -> Value:
    """What the request's URL (`request.base_url`, `url`, `path`, `full_path`) logged in a route of a
    blueprint of `prefixes` holds of the prefix's variables: calibreweb's `log.debug("... %s",
    request.base_url)` in a `@kobo.route(...)` view writes the user's auth token. Not in a function
    routed otherwise, nor the URL's root (`request.url_root`), which stops before the prefix."""
    urls = [sub for arg in node.args for sub in walk(arg)
            if type(sub) is ast.Attribute and sub.attr in _PATH_URLS and type(sub.value) is ast.Name
            and sub.value.id == "request"]
    if not urls:
        return NOTHING
    func, _ = _enclosing_function(an.tree.body, node.lineno)
    if func is None:
        return NOTHING
    routed = [prefixes[dec.func.value.id] for dec in func.decorator_list
              if type(dec) is ast.Call and type(dec.func) is ast.Attribute and type(dec.func.value) is ast.Name
              and dec.func.value.id in prefixes]
    return union(routed) if routed else NOTHING


def _share(an: FileAnalyzer, node: ast.Call, sink: ShareSink, args: list[Value], kwargs: list[tuple[str | None, Value]],
           scope: Scope) -> None:
    given = {name: value for name, value in kwargs if name is not None}
    for keyword, expected in sink.when_keyword:
        value = given.get(keyword)
        if value is None or not value.is_const or value.const != expected:
            return
    if sink.when_keyword:
        an.settings.add(sink.rule)  # `sentry_sdk.init(send_default_pii=True)`: on for the whole project
    recipient = sink.recipient
    if sink.models:
        # litellm: the provider its model's name routes the call to, where the code names the model
        routed = _routed_recipient(sink, args, kwargs)
        if routed is None:
            return
        recipient = routed
    if not node.args and not node.keywords and sink.when_setting is None:
        # `run.post()`, `span.end()`, `payment.create()`: what such a call sends was given to the
        # object by an earlier call (its constructor, `update(...)`), which is where the share is.
        # Not a capture under a setting (`capture_exception()` with `send_default_pii=True`): the
        # event it sends carries the user and the request, given nothing
        return
    data = _data(an, args, kwargs, params=sink.params, ignore=SHARE_CONFIG_KEYWORDS) if sink.data_arguments else NOTHING
    sent = _sent(node, sink, args, kwargs)
    if sink.content and any(name is None and keyword.arg is None for keyword, (name, _) in zip(node.keywords, kwargs)):
        keys = _spread_keys(an, node, kwargs)
        if not keys and not any(name is not None and name in sink.payload for name, _ in sent):
            keys = _unseen_spread(node, sink, kwargs)
        sent += keys
    if sink.payload and not data.categories and not any(name is None or name in sink.payload for name, _ in sent):
        # only names, ids and settings of the service's own objects: `trace(name=..., run_id=...)`
        return
    # a content parameter is user content unless what it is given is seen to be other data
    content = sorted(name for name, value in sent if name is not None and name in sink.content and not value.categories)
    if content:
        reason = f"'{content[0]}' of a {recipient} call carries what the user wrote or what the application answered"
        data = union([data, Value(categories=frozenset({CONTENT}), reasons=(reason,))])
        # the parameters those values come from are the user's content in the rest of the function too
        # (`embeddings.create(input=entries[i])`, then `print(entries[i])` when it fails)
        sent_params = frozenset(p for name, value in sent if name in content for p in value.params if p >= 0)
        if sent_params - scope.content_params:
            _content_logged_before(an, scope, sent_params - scope.content_params)
            scope.content_params |= sent_params
    if sink.require_data and not data.categories:
        if sink.when_setting is None:
            return
        # `capture_exception(exc)` where the project turned on `send_default_pii`: the event carries the
        # user and the request whatever the call is given (turned on above in this file, or in another
        # module: known in a later round)
        an.uses.add(USE_SETTING + sink.when_setting)
        if sink.when_setting not in an.settings and sink.when_setting not in an.external.settings:
            return
        if requestless_module(an):
            # a command of a command-line module (a `click` group's, Lemur's `certificates/cli.py`) or a
            # task-queue worker's job (Lemur's `common/celery.py`): no request and no signed-in user ride
            # along with its events, whatever the setting
            return
        data = Value(categories=frozenset(sink.setting_implies),
                     reasons=(f"the project turns on the setting {sink.when_setting} reports",))
    categories = set(data.categories) | set(sink.implies)
    message = f"data is sent to {recipient}"
    if categories:
        message += f" ({describe(categories)})"
    an.emit(Kind.SHARE, node, categories, sink.rule, message, recipient=recipient, value=data,
            reasons=(f"{recipient} SDK call",),
            arguments=_tainted(an, node, args, kwargs, params=sink.params, ignore=SHARE_CONFIG_KEYWORDS)
            if sink.data_arguments else ())


def _routed_recipient(sink: ShareSink, args: list[Value], kwargs: list[tuple[str | None, Value]]) -> str | None:
    """The recipient `sink.models` names for the literal model a routing library's call is given (its
    `model` keyword, or its first argument where the model names that parameter first), or None: a
    model from configuration or a variable, or one no listed prefix starts."""
    model = next((v for k, v in kwargs if k == "model"), None)
    if model is None and args and sink.params[:1] == ("model",):
        model = args[0]
    if model is None or not isinstance(model.const, str):
        return None
    name = model.const.lower()
    return next((recipient for prefix, recipient in sink.models if name.startswith(prefix)), None)


def _unseen_spread(node: ast.Call, sink: ShareSink, kwargs: list[tuple[str | None, Value]]) -> list[tuple[str | None, Value]]:
    """The content parameter an AI provider's call is given through a `**args` spread of a dict whose
    keys cannot be seen (a parameter, a dict a base class built: r2r's `messages.create(**args)`), when
    it is given no payload parameter by name: the call needs its messages or its input, so the spread
    holds them. A spread seen to hold other data (its categories) says what it holds instead."""
    first = min(sink.content)
    return [(first, value) for keyword, (_, value) in zip(node.keywords, kwargs)
            if keyword.arg is None and not isinstance(keyword.value, ast.Dict) and not value.is_const
            and not value.categories]


def _content_logged_before(an: FileAnalyzer, scope: Scope, params: frozenset[int]) -> None:
    """The logs earlier in the function of parameters it now sends an AI provider as content (r2r's
    `logger.debug(f"request: {args}")` before `messages.create(**args)`), that logged nothing of their
    own: they log the user's content too, as the later ones do (`Scope.content_params`)."""
    logs = [log for param in sorted(params) for log in scope.side_logs.get(param, ())]
    if not logs:
        return
    logged = {o.span for o in an.observations if o.kind is Kind.LOG}
    reason = "the function sends this value to an AI provider as the user's content"
    for log in logs:
        span = an.positions.span(log.node)
        if span in logged:
            continue  # reported already, with what it logs of its own
        logged.add(span)
        an.emit(Kind.LOG, log.node, (CONTENT,), log.rule, f"{describe(_CONTENT_ONLY)} is written to a log by {log.via}",
                reasons=(reason,))


def _sent(node: ast.Call, sink: ShareSink, args: list[Value],
          kwargs: list[tuple[str | None, Value]]) -> list[tuple[str | None, Value]]:
    """The parameters of an SDK call given something other than a literal, by name (None for a
    positional argument the model does not name, or `**spread` keywords), with their values."""
    sent: list[tuple[str | None, Value]] = []
    for index, (arg_node, value) in enumerate(zip(node.args, args)):
        if not _literal(arg_node, value):
            named = index < len(sink.params) and not isinstance(arg_node, ast.Starred)
            sent.append((sink.params[index] if named else None, value))
    for keyword, (name, value) in zip(node.keywords, kwargs):
        if not _literal(keyword.value, value):
            sent.append((name, value))
    return sent


def _spread_keys(an: FileAnalyzer, node: ast.Call, kwargs: list[tuple[str | None, Value]]) -> list[tuple[str | None, Value]]:
    """The parameters an SDK call is given through a `**params` spread of a dict its function built
    before the call (`params = {"Text": text, ...}`, `params["Text"] = text`: weblate's AWS Translate
    call), each with the spread's value. Empty where the dict is not built so in the function."""
    func, _ = _enclosing_function(an.tree.body, node.lineno)
    if func is None:
        return []
    spreads = {k.value.id: value for k, (_, value) in zip(node.keywords, kwargs)
               if k.arg is None and isinstance(k.value, ast.Name)}
    found: list[tuple[str | None, Value]] = []
    for stmt in walk(func):
        if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1 or stmt.lineno >= node.lineno:
            continue
        target = stmt.targets[0]
        if isinstance(target, ast.Name) and target.id in spreads and isinstance(stmt.value, ast.Dict):
            found += [(key.value, spreads[target.id]) for key, item in zip(stmt.value.keys, stmt.value.values)
                      if isinstance(key, ast.Constant) and isinstance(key.value, str) and not _literal(item, NOTHING)]
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id in spreads \
                and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str) \
                and not _literal(stmt.value, NOTHING):
            found.append((target.slice.value, spreads[target.value.id]))
    return found


def _literal(node: ast.expr, value: Value) -> bool:
    """True for an argument written as a constant: a literal, a display of literals, a known constant."""
    if value.is_const:
        return True
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_literal(e, NOTHING) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _literal(k, NOTHING) and _literal(v, NOTHING) for k, v in zip(node.keys, node.values))
    return False


def _url_argument(url_position: int, args: list[Value], kwargs: list[tuple[str | None, Value]],
                  url_name: str = "url") -> Value | None:
    """The URL argument of an HTTP call: positional at `url_position`, or the `url` keyword (`url_name`
    for a wrapper's own name of it)."""
    if len(args) > url_position:
        return args[url_position]
    return next((value for name, value in kwargs if name in ("url", "uri", "base_url") or name == url_name), None)


def _http(an: FileAnalyzer, node: ast.Call, url_position: int, args: list[Value], kwargs: list[tuple[str | None, Value]],
          base: Value | None = None, scope: Scope | None = None, url_name: str = "url", wrapped: bool = False) -> None:
    """An HTTP request: a share where it goes to a known host; where its URL is a parameter of the
    function making it, the function is a request helper whose callers make the request (`scope.http_url`).
    `wrapped`: the call is of such a helper of the project's (`_fixed_host`)."""
    url = _url_argument(url_position, args, kwargs, url_name)
    if base is not None:
        # a request of a client made with a base URL: a relative URL goes there (an absolute one was
        # judged as the call's own URL)
        if url is not None and url.text is not None and "://" in url.text:
            return
        base_shape, relative = shape_of(base), shape_of(url) if url is not None else ""
        if relative and not relative.startswith(("/", HOLE)) and not base_shape.endswith("/"):
            relative = "/" + relative  # `client.post("api/v1/...")` on `base_url="https://api.example.com"`
        url = Value(shape=base_shape + relative, categories=(url or NOTHING).categories,
                    steps=(url or NOTHING).steps, reasons=(url or NOTHING).reasons,
                    params=(url or NOTHING).params)
    if url is None:
        return
    known = _known_host(an, url)
    if known is None:
        if scope is not None and scope.http_url is None and len(url.params) == 1 and url.shape is None \
                and url.const is UNKNOWN and base is None:
            # `self.client.post(url, json=json)` in `HTTPHandler.post(self, url, json=None)`: the URL is
            # the caller's, and so is the request (its calls are HTTP calls, `apply_summary`)
            param = next(iter(url.params))
            if param >= 0:
                scope.http_url = param
            return
        if wrapped:
            _fixed_host(an, node, url, url_position, args, kwargs, url_name)
        return
    entry, host, path, dynamic_query = known
    rest = [value for index, value in enumerate(args) if index != url_position]
    ignore = HTTP_CONFIG_KEYWORDS if url_name in HTTP_CONFIG_KEYWORDS else HTTP_CONFIG_KEYWORDS | {url_name}
    data = union([_data(an, rest, kwargs, ignore=ignore), data_of(url), _user_in_path(url)])
    if data.params:
        data = union([data, documented_parameters(an, node, data.params)])
    if not data.categories and not dynamic_query and _sends_nothing(node, url_position, args, kwargs) \
            and not (entry.keyed_path and _path_holds_value(url)):
        # `requests.get(f"{base}/files/{file_id}/url")`, `session.delete(...)`: only the service's own
        # ids in the URL's path and fixed settings: nothing of the user's is sent. Not a path the
        # recipient keys by what it implies (Gravatar's `/avatar/{digest}`, the digest computed where
        # this module cannot see: pretalx's `user.gravatar_parameter`, a property of another module)
        return
    if data.categories == _NEGOTIATED and not entry.implies and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("get", "head") and not _sends_unknown_entry(node):
        # a lookup whose only data of the user's is the language or agent the answer is negotiated for
        # (`requests.get(f"{base}/lookup", params={"osm_ids": osm_id, "accept-language": lang})`): the
        # request's settings, as its `headers=` are, not what the user gives the service
        return
    if entry.vendor and not data.categories and not _TELEMETRY.search(host + path):
        # the vendor's own API (`client.post("/v1/webhooks/", json=config)`): a share when what it is sent
        # is visibly personal; its telemetry endpoint is one whatever it is sent (the contract's rule)
        return
    _share_with_host(an, node, entry, data, "python.share.http-known-host", f"data is sent to {entry.recipient} ({host})",
                     f"HTTP request to known host {host}")


# Hosts that name no third party: the machine itself, a private network's or documentation's names.
_PRIVATE_HOST = LazyPattern(r"(?:.*\.)?(?:localhost|local|internal|lan|home|test|invalid|example|localdomain)"
                            r"(?:\.[a-z]+)?|[0-9.]+|\[?[0-9a-f:]+\]?", re.IGNORECASE)


# Second-level labels under which a country's registry sells names (`api.deepl.co.uk`): the name the
# service bought is one label further left.
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "net", "or", "org"})


def registered_domain(labels: list[str]) -> str:
    """The name a service registered, from a host's labels: `translation.googleapis.com` ->
    `googleapis.com`, `api.example.co.uk` -> `example.co.uk` (a country's second level counted)."""
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _fixed_host(an: FileAnalyzer, node: ast.Call, url: Value, url_position: int, args: list[Value],
                kwargs: list[tuple[str | None, Value]], url_name: str) -> None:
    """A per-service subclass calling the HTTP helper it inherits from the project's base class (a
    method whose URL is its caller's: `self.request("get", "https://glosbe.com/gapi/translate",
    params=params)` of Weblate's machine-translation backends, one subclass per provider) with a host
    fixed in the code (a literal or a module constant, not configuration) that no rule pack knows: a
    share to the service at that host, named by its domain (`glosbe.com`). A base class of backends, each
    handing the shared helper its own fixed host, is an integration of outside services: the contract's
    vendor rule (a vendor's fixed host is a share to it), without a list of vendors. A direct
    `requests.post` to an unknown host, or a class's call of its own helper (Superset's
    `cls._do_post(session, "https://sheets.googleapis.com/...", body)`), stays unlabelled, as the
    contract says of unknown hosts. Only where the request's body or query carries what the function was given or
    personal data: a fixed URL fetched with settings and literals (`_sends_nothing`), or with the
    application's own API key, shares nothing of the user's."""
    if not isinstance(url.const, str):
        return  # a URL built around holes may be anyone's (`f"{base}/translate"`)
    target = url_target(url)
    if target is None or not url.const.startswith(("https://", "http://")):
        return
    host = target[0].lower()
    labels = host.split(".")
    if len(labels) < 2 or not labels[-1].isalpha() or _PRIVATE_HOST.fullmatch(host):
        return
    if _sends_nothing(node, url_position, args, kwargs):
        return
    rest = [value for index, value in enumerate(args) if index != url_position]
    ignore = HTTP_CONFIG_KEYWORDS if url_name in HTTP_CONFIG_KEYWORDS else HTTP_CONFIG_KEYWORDS | {url_name}
    data = _data(an, rest, kwargs, ignore=ignore)
    # a key or token sent to such a host is the application's own with that service (`params={"key":
    # self.settings["key"]}`), not a person's
    categories = data.categories - {CREDENTIALS}
    if not categories and not data.params:
        return  # what is sent is the code's own (a configuration's, a computed report's, its API key)
    recipient = registered_domain(labels)
    an.emit(Kind.SHARE, node, categories, "python.share.http-fixed-host",
            f"data is sent to {recipient} ({host})", recipient=recipient, value=data,
            reasons=(f"HTTP request to {host}, a host fixed in the code",))


# Query or body keys whose value is the service's own id of a record (`osm_ids`, `place_id`) or what the
# answer is negotiated in (`accept-language`, `lang`): a lookup's settings, not what a person gives it.
_SETTING_KEY = LazyPattern(r"(?:.*[_-])?ids?|accept-language|user-agent|lang|language|locale|format|limit",
                           re.IGNORECASE)


def _sends_unknown_entry(node: ast.Call) -> bool:
    """True when a dict written in an HTTP call's data arguments gives a key that is no id nor setting a
    value that is no literal (`params={"city": city, **languages}`): a value the caller was given, which
    the lookup sends beside the language its answer is wanted in."""
    for keyword in node.keywords:
        if keyword.arg in HTTP_CONFIG_KEYWORDS or type(keyword.value) is not ast.Dict:
            continue
        for key, value in zip(keyword.value.keys, keyword.value.values):
            if type(key) is ast.Constant and type(key.value) is str and not _SETTING_KEY.fullmatch(key.value) \
                    and not _literal(value, NOTHING):
                return True
    return False


def _user_in_path(url: Value) -> Value:
    """`user.unique_id` for a URL whose path holds an unknown value right after a `user`/`users`
    segment (`f"/v2/entities/user/{quote(entity_id)}/profile/"`: whatever the value is called, it is
    the user's id); NOTHING for any other URL, or one whose value there is already seen to be personal."""
    shape = shape_of(url)
    scheme_end = shape.find("://")
    path_start = shape.find("/", scheme_end + 3) if scheme_end >= 0 else 0
    if path_start < 0 or url.categories or not _USER_IN_PATH.search(shape, path_start):
        return NOTHING
    return Value(categories=frozenset({"user.unique_id"}),
                 reasons=("the URL's path names a user's record by an unknown value: the user's id",))


# A docstring's section that documents parameters (Google and NumPy-free styles), and one entry of it:
# `user_id: ...`, `**kwargs: Optional filters like user_id`, `entity_id (str): The user's id`.
_PARAMETER_SECTION = LazyPattern(r"^\s*(?:args|arguments|parameters|params|keyword args|keyword arguments|kwargs)\s*:\s*$",
                                 re.IGNORECASE)
_PARAMETER_ENTRY = LazyPattern(r"^(\s*)\*{0,2}(\w+)\s*(?:\([^)]*\))?\s*:(.*)$")
_REST_PARAMETER = LazyPattern(r"^\s*:param\s+(?:[^:]*\s)?\*{0,2}(\w+)\s*:(.*)$")
# Names of personal data that a description writes as identifiers (`user_id`, `email_address`).
_DOCUMENTED_NAME = LazyPattern(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")
# A key listed as a bullet with its type in a parameter's description (`- text (str, optional): ...`).
_DOCUMENTED_KEY = LazyPattern(r"(?:^|\s)[-*]\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(")
# Keys a description lists in prose (`with text, metadata, timestamp, and/or expiration_date fields`,
# `pass text, metadata or timestamp as keyword args`): three or more plain names separated by commas.
_ENUMERATED_KEYS = LazyPattern(r"\b[a-z][a-z0-9_]*(?:\s*,\s*(?:and/or\s+|or\s+|and\s+)?[a-z][a-z0-9_]*){2,}")
_ENUMERATION_SEPARATOR = LazyPattern(r"\s*,\s*(?:and/or\s+|or\s+|and\s+)?")
# A description that says, in words, that the value is an email address (`:param sender: The
# sender's email address.`).
_EMAIL_ADDRESS = LazyPattern(r"\be-?mail address(?:es)?\b", re.IGNORECASE)
# An email address given as an example of the value (`recipients can be a string, eg 'a@b.com'`).
_EMAIL_EXAMPLE = LazyPattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A prose paragraph that describes a parameter by starting with its name (`recipients can be either
# a string, eg 'a@b.com', or a list of strings.`), the style of docstrings older than reST and Google's.
_PROSE_PARAMETER = LazyPattern(r"^(\s*)(\w+) (?:is|are|can|could|may|must|should|will|contains?|holds?)\b(.*)$")
# A description that says, in words, that the value is a user's id.
_USERS_ID = LazyPattern(r"\b(?:user|user's|users'|end[- ]user's)\s+(?:id|ids|identifier|identifiers)\b", re.IGNORECASE)


def documented_parameters(an: FileAnalyzer, node: ast.AST, params: frozenset[int]) -> Value:
    """The personal data the enclosing function's docstring says its parameters `params` (indices as in
    `Value.params`) hold: `**kwargs: Optional filters like user_id, run_id` or `entity_id: The user's id`
    hold `user.unique_id`, though neither name shows it. Only the parameter's own entry is read, and
    only names of personal data (not credentials, which configure a request); NOTHING when it says none."""
    func, cls = _enclosing_function(an.tree.body, getattr(node, "lineno", 0))
    doc = ast.get_docstring(func) if func is not None else None
    if func is None or not doc:
        return NOTHING
    ordered = named_parameters(func.args)
    parts: list[Value] = []
    for param in sorted(params):
        arg = func.args.kwarg if param == KWARGS else func.args.vararg if param == VARARGS else (
            ordered[param] if 0 <= param < len(ordered) else None)
        description = _parameter_doc(doc, arg.arg) if arg is not None else None
        if arg is None or not description:
            continue
        categories: set[str] = set()
        for name in _DOCUMENTED_NAME.findall(description):
            named = an.classify_name(name, None)
            if named is not None:
                categories |= {c for c in named.categories if not c.startswith("user.authorization")}
        if _USERS_ID.search(description):
            categories.add("user.unique_id")
        if _EMAIL_ADDRESS.search(description) or _EMAIL_EXAMPLE.search(description):
            categories.add("user.contact.email")
        if "- " in description or "* " in description:
            # `memories: ... Each dictionary must contain: - text (str): New text`: the keys its items
            # hold, read as fields of what the parameter is named for (`text` of `memories`)
            for key in _DOCUMENTED_KEY.findall(description):
                keyed = an.classify_name(key, arg.arg)
                if keyed is not None:
                    categories |= {c for c in keyed.categories if not c.startswith("user.authorization")}
        if cls is not None and description.count(",") >= 2:
            # `options: Typed options with text, metadata, and/or timestamp fields`, `**kwargs: Alternatively
            # pass text, metadata or timestamp`: the keys a method of a client sends, read as fields of the
            # records its class handles (`MemoryClient`: a memory's `text`)
            for listed in _ENUMERATED_KEYS.findall(description):
                for key in _ENUMERATION_SEPARATOR.split(listed):
                    keyed = an.classify_name(key, cls.name)
                    if keyed is not None:
                        categories |= {c for c in keyed.categories if not c.startswith("user.authorization")}
        if categories:
            parts.append(Value(categories=frozenset(categories),
                               reasons=(f"'{arg.arg}' is documented as holding {describe(categories)}",)))
    return union(parts) if parts else NOTHING


def _enclosing_function(body: list[ast.stmt], line: int) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef | None,
                                                                   ast.ClassDef | None]:
    """The innermost function among `body`'s statements (and theirs) whose lines hold `line`, and the
    class that function is a method of (None for a function outside a class, or a nested one)."""
    found: ast.FunctionDef | ast.AsyncFunctionDef | None = None
    cls: ast.ClassDef | None = None
    outer: ast.ClassDef | None = None
    while True:
        inner = _statement_at(body, line)
        if inner is None:
            return found, cls
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found, cls, outer = inner, outer, None
        elif isinstance(inner, ast.ClassDef):
            outer = inner
        body = [stmt for inner_body in inner_bodies(inner) for stmt in inner_body]


def _parameter_doc(doc: str, name: str) -> str | None:
    """The description a docstring gives parameter `name`, with its continuation lines: a Google-style
    `Args:` entry or a reST `:param name:` field, else a prose paragraph that starts with its name
    (`recipients can be either a string, eg 'a@b.com', or a list of strings.`); None when it documents
    no such parameter."""
    lines = doc.splitlines()
    prose: str | None = None
    in_section = False
    for index, line in enumerate(lines):
        rest = _REST_PARAMETER.match(line)
        if rest is not None and rest.group(1) == name:
            return " ".join([rest.group(2), *_continuation(lines[index + 1:], len(line) - len(line.lstrip()))])
        if _PARAMETER_SECTION.match(line):
            in_section = True
            continue
        entry = _PARAMETER_ENTRY.match(line) if in_section else None
        if entry is not None and entry.group(2) == name:
            return " ".join([entry.group(3), *_continuation(lines[index + 1:], len(entry.group(1)))])
        if in_section and line.strip() and not line[:1].isspace():
            in_section = False  # the next section (`Returns:`) starts at the left margin
        if prose is None and not in_section and line.lstrip().startswith(name):
            paragraph = _PROSE_PARAMETER.match(line)
            if paragraph is not None and paragraph.group(2) == name:
                prose = " ".join([paragraph.group(3), *_continuation(lines[index + 1:], len(paragraph.group(1)) - 1)])
    return prose


def _continuation(lines: list[str], indent: int) -> list[str]:
    """The lines that continue an entry indented by `indent`: those indented further, up to a blank line."""
    taken: list[str] = []
    for line in lines:
        if not line.strip() or len(line) - len(line.lstrip()) <= indent:
            break
        taken.append(line.strip())
    return taken


def url_target(url: Value) -> tuple[str, str, bool] | None:
    """Where a request to `url` goes, as far as the code shows: (host, path, whether its query string
    holds unknown values). A host written with an unknown first label (`https://{region}.tts.example.com`)
    is the known rest of it, a subdomain of which is requested; None when the scheme or host is not known.
    """
    shape = url.const if isinstance(url.const, str) else url.shape
    if shape is not None and shape.startswith(HOLE + "://"):
        shape = "https" + shape[1:]  # `f"{scheme}://api.example.com/search"`: the host is known
    if not shape or "://" not in shape.partition(HOLE)[0]:
        return None
    try:
        parts = urllib.parse.urlsplit(shape)
        host = parts.hostname
    except ValueError:
        return None
    if not host:
        return None
    if HOLE in host:
        rest = host[2:] if host.startswith(HOLE + ".") else ""
        host = rest if rest and HOLE not in rest and "." in rest else host.partition(HOLE)[0]
    if not host:
        return None
    return host, parts.path.partition(HOLE)[0] or "/", HOLE in parts.query


def _path_holds_value(url: Value) -> bool:
    """Whether a URL's path holds a value the code computes (`/avatar/{digest}`), not only text."""
    shape = url.const if isinstance(url.const, str) else url.shape
    if not shape or HOLE not in shape:
        return False
    path = shape.partition("://")[2].partition("/")[2]  # after the host
    return HOLE in path.partition("?")[0].partition("#")[0]


def _sends_nothing(node: ast.Call, url_position: int, args: list[Value], kwargs: list[tuple[str | None, Value]]) -> bool:
    """True when every argument of an HTTP call but its URL is a setting of the request or a literal."""
    for index, (arg_node, value) in enumerate(zip(node.args, args)):
        if index != url_position and not _literal(arg_node, value):
            return False
    return all(name in HTTP_CONFIG_KEYWORDS or (name is not None and _literal(keyword.value, value))
               for keyword, (name, value) in zip(node.keywords, kwargs))


def method_sink_names(models: Models) -> frozenset[str]:
    """The method names `check_method_sinks` acts on when the receiver holds no URL (`Value.shape`):
    the cookie setters' and the raw-header methods'. It does nothing for a call of another method
    on such a receiver, so the evaluator asks it only about these (one set test per method call)."""
    return frozenset(models.cookie_setters) | models.cookie_header_methods


def check_method_sinks(an: FileAnalyzer, node: ast.Call, method: str, base: Value, args: list[Value],
                       kwargs: list[tuple[str | None, Value]], scope: Scope) -> None:
    """Cookie setters (`response.set_cookie`) and raw `Set-Cookie` headers, by method name."""
    models = an.models
    if base.symbol is not None and base.symbol.startswith(REQUEST) and base.role != "headers":
        setter = models.cookie_setters.get(method)
        if setter is not None and setter.on_request and base.symbol == REQUEST:
            # `request.addCookie(...)`: `twisted.web`'s request is the response it writes
            _cookie_call(an, node, setter, args, kwargs, scope)
        return
    if base.shape is not None:
        opener = models.http_calls.get(base.symbol[:-2]) if base.symbol is not None and base.symbol.endswith("()") else None
        if opener is not None and method in opener.sends:
            request = models.http_calls.get(f"{base.symbol}.{method}")
            if request is not None:  # `client.post("/v1/chat/completions", ...)` on a client with a base URL
                _http(an, node, request.url_position, args, kwargs, base=base)
            else:
                _connection_send(an, node, base, args, kwargs)
            return
    setter = models.cookie_setters.get(method)
    if setter is not None:
        _cookie_call(an, node, setter, args, kwargs, scope)
        return
    if method in models.cookie_header_methods and args and args[0].const is not UNKNOWN and isinstance(args[0].const, str):
        if args[0].const.lower() in models.cookie_header_names and len(args) > 1:
            _cookie_header(an, node, args[1])


def _cookie_call(an: FileAnalyzer, node: ast.Call, setter: CookieSetter, args: list[Value],
                 kwargs: list[tuple[str | None, Value]], scope: Scope | None = None) -> None:
    given: dict[str, Value] = {}
    for index, value in enumerate(args):
        if index < len(setter.positional):
            given[setter.positional[index]] = value
    for name, value in kwargs:
        if name is not None and name in setter.keywords:
            given[setter.keywords[name]] = value
    forwarded = _cookie_forwarding(node, setter, args, kwargs) if scope is not None and scope.cookie_wrapper else ()
    if forwarded and any(attribute in ("name", "*") for attribute, _ in forwarded):
        # a cookie wrapper's own setter: what it sets is its callers' (reported at each call)
        scope.cookie_params = forwarded  # type: ignore[union-attr]
        scope.cookie_rule = setter.rule  # type: ignore[union-attr]
        _emit_cookie(an, node, setter.rule, given, wrapper=True)
        return
    _emit_cookie(an, node, setter.rule, given, implies=setter.implies)


def _cookie_forwarding(node: ast.Call, setter: CookieSetter, args: list[Value],
                       kwargs: list[tuple[str | None, Value]]) -> tuple[tuple[str, int], ...]:
    """Which parameters of the enclosing function a setter call passes on, as `FunctionSummary.cookie_params`
    says: a parameter passed as itself (`key`), `*args` from a position, `**kwargs`."""
    forwarded: list[tuple[str, int]] = []
    for index, (arg_node, value) in enumerate(zip(node.args, args)):
        if isinstance(arg_node, ast.Starred):
            if value.params == {VARARGS}:
                forwarded.append(("*", index))
            break
        if isinstance(arg_node, ast.Name) and len(value.params) == 1 and index < len(setter.positional):
            param = next(iter(value.params))
            if param >= 0:
                forwarded.append((setter.positional[index], param))
    for keyword, (name, value) in zip(node.keywords, kwargs):
        if name is None:
            if value.params == {KWARGS}:
                forwarded.append(("**", 0))
        elif name in setter.keywords and isinstance(keyword.value, ast.Name) and len(value.params) == 1:
            param = next(iter(value.params))
            if param >= 0:
                forwarded.append((setter.keywords[name], param))
    return tuple(forwarded)


def is_cookie_wrapper(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function whose name says its job is setting a cookie (`set_cookie_without_samesite`,
    `_set_auth_cookie`): where it passes its parameters to a cookie setter, its callers set the cookie."""
    lowered = func.name.lower()
    if "cookie" not in lowered:
        return False  # nearly every function: no need to split its name into words
    words = set(re.split(r"_+|(?<=[a-z])(?=[A-Z])", lowered))
    return bool(words & {"cookie", "cookies"}) and bool(words & {"set", "add", "put", "write", "store", "save"})


def _emit_cookie(an: FileAnalyzer, node: ast.AST, rule: str, given: dict[str, Value], *, wrapper: bool = False,
                 through: str | None = None, implies: frozenset[str] = frozenset()) -> None:
    """Emit a cookie set with the attributes `given` (setter attribute to value); `implies` adds what
    the setter's cookie always holds (a JWT: credentials)."""
    name_value = given.get("name")
    name = name_value.const if name_value is not None and isinstance(name_value.const, str) else None
    if name is None and name_value is not None and isinstance(name_value.const, bytes) and name_value.const.isascii():
        name = name_value.const.decode("ascii")  # `twisted.web` takes a cookie's name as bytes too
    dynamic: list[str] = []

    def flag(attribute: str) -> bool | None:
        value = given.get(attribute)
        if value is None or (value.is_const and value.const is None):
            return None
        if isinstance(value.const, bool):
            return value.const
        dynamic.append(attribute)
        return None

    max_age: int | None = None
    age = given.get("max_age")
    if age is not None and not (age.is_const and age.const is None):
        if isinstance(age.const, (int, float)) and not isinstance(age.const, bool):
            max_age = int(age.const)
        else:
            dynamic.append("max_age")
    days = given.get("expires_days")
    if days is not None and isinstance(days.const, (int, float)) and not isinstance(days.const, bool):
        max_age = int(days.const * 86400)
    expires_value = given.get("expires")
    expires = expires_value is not None and not (expires_value.is_const and expires_value.const is None)
    samesite_value = given.get("samesite")
    samesite: str | None = None
    if samesite_value is not None and not (samesite_value.is_const and samesite_value.const is None):
        if isinstance(samesite_value.const, str):
            samesite = samesite_value.const
        else:
            dynamic.append("samesite")
    cookie = Cookie(
        name=name,
        max_age=max_age,
        expires=expires,
        secure=flag("secure"),
        httponly=flag("httponly"),
        samesite=samesite,
        dynamic=tuple(sorted(dynamic)),
    )
    value = given.get("value", NOTHING)
    data = data_of(value)
    message = f"cookie '{name}' is set" if name else "a cookie is set (its name is not a literal)"
    if wrapper:
        message = "a cookie wrapper sets the cookie its callers name, with the value they pass"
        an.emit(Kind.COOKIE, node, data.categories, rule, message, cookie=cookie, value=data,
                reasons=("each call of the wrapper sets a cookie",))
        return
    if through is not None:
        message += f" through {through}()"
    an.emit(Kind.COOKIE, node, cookie_categories(value) | implies, rule, message, cookie=cookie, value=data)


_ATTRIBUTE = LazyPattern(r";\s*([A-Za-z-]+)\s*(?:=\s*([^;]*))?")


def parse_set_cookie(text: str | None) -> Cookie:
    """A Cookie from the literal text of a Set-Cookie header (as much of it as is known)."""
    if not text or "=" not in text.split(";", 1)[0]:
        return Cookie(name=None)
    name = text.split("=", 1)[0].strip() or None
    attributes: dict[str, Any] = {}
    for key, value in _ATTRIBUTE.findall(text):
        attributes[key.lower()] = value.strip() if value else True
    max_age: int | None = None
    if isinstance(attributes.get("max-age"), str) and attributes["max-age"].lstrip("-").isdigit():
        max_age = int(attributes["max-age"])
    samesite = attributes.get("samesite")
    return Cookie(
        name=name,
        max_age=max_age,
        expires="expires" in attributes,
        secure=True if "secure" in attributes else None,
        httponly=True if "httponly" in attributes else None,
        samesite=samesite if isinstance(samesite, str) else None,
    )


def cookie_categories(value: Value) -> frozenset[str]:
    """What a cookie holds: the data of its value and, unless the value is a constant, an
    identifier written to the browser (the contract's user.device.cookie_id)."""
    if value.is_const or value is NOTHING:
        return value.categories
    return value.categories | {COOKIE_ID}


def _cookie_header(an: FileAnalyzer, node: ast.AST, value: Value) -> None:
    cookie = parse_set_cookie(value.text)
    message = f"cookie '{cookie.name}' is set through a Set-Cookie header" if cookie.name else "a cookie is set through a Set-Cookie header"
    an.emit(Kind.COOKIE, node, cookie_categories(value), an.models.cookie_header_rule, message, cookie=cookie,
            value=data_of(value))


def check_subscript_assignment(an: FileAnalyzer, target: ast.Subscript, value: Value, value_node: ast.expr,
                               scope: Scope, stmt: ast.stmt) -> None:
    """`response.cookies[name] = v`, `headers["Set-Cookie"] = v`, `jar[name] = v`; in a Sentry event
    processor, `event["user"] = {...}`."""
    container = an.eval(target.value, scope)
    key = an.eval(target.slice, scope)
    if scope.sentry_event is not None and _event_write(target, scope.sentry_event):
        _sentry_event_write(an, target, key, value, stmt)
        return
    if container.symbol is not None and container.symbol.startswith(REQUEST):
        return
    if type(target.value) is ast.Attribute and target.value.attr == "cookies":
        name = key.const if isinstance(key.const, str) else None
        message = f"cookie '{name}' is set" if name else "a cookie is set (its name is not a literal)"
        an.emit(Kind.COOKIE, stmt, cookie_categories(value), "python.cookie.cookies-assignment", message,
                cookie=Cookie(name=name), value=data_of(value))
        return
    if isinstance(key.const, str) and key.const.lower() in an.models.cookie_header_names:
        _cookie_header(an, stmt, value)
        return
    if container.symbol is not None and any(container.symbol == f"{jar}()" for jar in an.models.cookie_jars):
        name = key.const if isinstance(key.const, str) else None
        message = f"cookie '{name}' is set in a cookie jar" if name else "a cookie is set in a cookie jar"
        an.emit(Kind.COOKIE, stmt, cookie_categories(value), an.models.cookie_jar_rule, message,
                cookie=Cookie(name=name), value=data_of(value))


# Sentry's ways of registering a function that edits each event before it is sent: the event
# processor registrations (a scope's, the global one, as a call or a decorator) and the init hooks.
SENTRY_REGISTRARS = frozenset({"add_event_processor", "add_global_event_processor"})
SENTRY_HOOKS = frozenset({"before_send", "before_send_transaction"})
SENTRY_PROCESSOR_RULE = "python.share.sentry-event-processor"


def sentry_processors(tree: ast.Module) -> dict[str, int]:
    """The module's functions that edit a Sentry event before it is sent, by name, with the position
    of their event parameter (counting from the first parameter after `self`/`cls`).

    A processor is a function named where Sentry is given one (`scope.add_event_processor(fn)`,
    `@add_global_event_processor`, `sentry_sdk.init(before_send=fn)`), or the function a factory
    given there returns (`add_event_processor(_make_processor(request))`); a module function a
    processor passes its event to (`_set_user_info(request, event)`) edits the event too."""
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    registered: set[str] = set()
    for node in walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.setdefault(node.name, node)
            if any(_callee_name(d) in SENTRY_REGISTRARS for d in node.decorator_list):
                registered.add(node.name)
        elif isinstance(node, ast.Call):
            given: list[ast.expr] = []
            if _callee_name(node.func) in SENTRY_REGISTRARS and node.args:
                given.append(node.args[0])
            given.extend(k.value for k in node.keywords if k.arg in SENTRY_HOOKS)
            for expr in given:
                if isinstance(expr, ast.Name):
                    registered.add(expr.id)
                elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
                    registered.update(_returned_functions(expr.func.id, functions, tree))
    found: dict[str, int] = {name: 0 for name in registered if name in functions}
    pending = list(found)
    while pending:  # the module functions a processor hands its event to
        func = functions[pending.pop()]
        event = _parameters(func)[found[func.name]] if found[func.name] < len(_parameters(func)) else None
        if event is None:
            continue
        for node in walk(func):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions \
                    and node.func.id not in found:
                for index, arg in enumerate(node.args):
                    if isinstance(arg, ast.Name) and arg.id == event:
                        found[node.func.id] = index
                        pending.append(node.func.id)
                        break
    return found


def _callee_name(node: ast.expr) -> str | None:
    """The last name of a callee or decorator: `add_event_processor` of `scope.add_event_processor`."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else None


def _returned_functions(factory: str, functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef],
                        tree: ast.Module) -> set[str]:
    """The names of the nested functions that the module function `factory` returns."""
    func = functions.get(factory)
    if func is None:
        return set()
    nested = {n.name for n in walk(func) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not func}
    return {n.value.id for n in walk(func)
            if isinstance(n, ast.Return) and isinstance(n.value, ast.Name) and n.value.id in nested}


def _parameters(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    names = [a.arg for a in positional_parameters(func.args)]
    return names[1:] if names and names[0] in ("self", "cls") else names


def sentry_event_parameter(an: FileAnalyzer, func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The name of the parameter holding the Sentry event when `func` is one of the module's event
    processors (`sentry_processors`), else None."""
    index = an.sentry_events.get(func.name)
    if index is None:
        return None
    params = _parameters(func)
    return params[index] if index < len(params) else None


def _event_write(target: ast.Subscript, event: str) -> bool:
    """True when an assignment target is inside the event: `event["user"]`, `event["user"]["email"]`,
    `event.setdefault("user", {})["email"]`, `event.get("request", {})["data"]`."""
    node: ast.expr = target
    while True:
        if isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("setdefault", "get"):
            node = node.func.value
        else:
            return isinstance(node, ast.Name) and node.id == event


def _sentry_event_write(an: FileAnalyzer, target: ast.Subscript, key: Value, value: Value, stmt: ast.stmt) -> None:
    """A processor writing personal data into the Sentry event: a share to Sentry at the write, where
    the data can be seen going into what Sentry is sent. Scrubbing (`= "[Filtered]"`) writes a constant."""
    data = data_of(value)
    if isinstance(key.const, str) and not value.is_const:
        named = an.classify_name(key.const, None)
        if named is not None:
            data = union([data, named])
    if not data.categories:
        return
    an.emit(Kind.SHARE, stmt, data.categories, SENTRY_PROCESSOR_RULE,
            f"data is sent to Sentry ({describe(data.categories)}): an event processor adds it to every event",
            recipient="Sentry", value=data, reasons=("written into the event of a Sentry event processor",))


def check_header_tuple(an: FileAnalyzer, node: ast.Tuple, values: list[Value], scope: Scope) -> None:
    """A ("Set-Cookie", value) pair in a WSGI header list."""
    if len(values) == 2 and values[0].const is not UNKNOWN and isinstance(values[0].const, str) \
            and values[0].const.lower() in an.models.cookie_header_names:
        _cookie_header(an, node, values[1])


def _inherited_call(an: FileAnalyzer, node: ast.Call, scope: Scope) -> bool:
    """True for `self.m(...)` or `cls.m(...)` of a method the class inherits from a base class (it does
    not define `m` itself): a per-service subclass calling its base's helper."""
    func = node.func
    cls = scope.cls
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls") \
        and cls is not None and bool(cls.bases) and not an.defines(cls.name, func.attr)


def apply_summary(an: FileAnalyzer, node: ast.Call, summary: FunctionSummary, args: list[Value],
                  kwargs: list[tuple[str | None, Value]], scope: Scope) -> None:
    """A call of a function that logs some of its parameters logs what is passed there; a call of a
    cookie wrapper sets a cookie with what is passed there."""
    if summary.cookie_params:
        _wrapped_cookie(an, node, summary, args, kwargs)
    if summary.http_url is not None:
        # `self.async_httpx_client.post(url=f"{self.host}/batch/", json=payload)` of a project's HTTP
        # client: a request to the URL given, sending the other arguments
        names = summary.param_names
        _http(an, node, summary.http_url, args, kwargs, scope=scope,
              url_name=names[summary.http_url] if summary.http_url < len(names) else "url",
              wrapped=_inherited_call(an, node, scope))
    if not summary.log_params and not summary.log_sites:
        return
    passed: dict[int, Value] = dict(enumerate(args))
    extra_args = args[len(summary.param_names):]
    if extra_args:
        passed[VARARGS] = union([data_of(v) for v in extra_args])
    extra_kwargs: list[Value] = []
    for name, value in kwargs:
        if name is not None and name in summary.param_names:
            passed[summary.param_names.index(name)] = value
        elif not value.is_const:
            extra_kwargs.append(data_of(value))
            named = an.classify_name(name, None) if name is not None else None
            if named is not None:
                extra_kwargs.append(named)
    if extra_kwargs:
        passed[KWARGS] = union(extra_kwargs)
    if summary.log_keys:
        # a helper that logs one key of the dict it is given (`parameters["user"]`): a dict whose keys
        # the caller knows gives the log only what those keys hold
        for index, keys in summary.log_keys.items():
            given_node = summary.argument_node(index, node) if index in passed else None
            known = known_keys_value(an, given_node, keys, scope) if given_node is not None else None
            if known is not None:
                passed[index] = known
    reached = _relay(an, node, summary, passed, scope) if summary.log_sites else ()
    rules: dict[str, list[Value]] = {}
    for index, rule in summary.log_params.items():
        given = passed.get(index)
        if given is None:
            continue
        value = given
        for param in value.params:
            scope.add_log_param(param, rule)
            _passed_keys(scope, param, summary, index, node)
        if value.categories:
            rules.setdefault(rule, []).append(data_of(value))
    for index, categories in summary.logged_attributes.items():
        # `log_service.create(g.current_user, "update_cert", ...)` of an audit helper that logs
        # `user.email`: the person given there is logged by those attributes, at the call
        logged_by = summary.log_params.get(index)
        given_node = summary.argument_node(index, node) if logged_by is not None else None
        if logged_by is not None and given_node is not None and person_object(given_node, scope):
            name = summary.param_names[index] if index < len(summary.param_names) else "its argument"
            rules.setdefault(logged_by, []).append(Value(
                categories=categories, reasons=(f"{callee_name(node) or 'a wrapper'}() logs attributes of {name}, "
                                                f"given a person's object",)))
    for rule, values in sorted(rules.items()):
        data = union(values)
        callee = callee_name(node) or "a wrapper"
        an.emit(Kind.LOG, node, data.categories, rule,
                f"{describe(data.categories)} {is_are(data.categories)} written to a log through {callee}()", value=data,
                reasons=(f"{callee}() passes its argument to a log call",))
        if reached:
            # the last steps of the flow: where the wrapper of another module finally logs it
            emitted = an.observations[-1]
            first = emitted.flow or (FlowStep(an.path, emitted.span, emitted.message),)
            an.observations[-1] = dataclasses.replace(emitted, flow=first + tuple(
                FlowStep(site.path, site.span, f"written to a log by {site.via} in {site.function}()") for site in reached))


def _passed_keys(scope: Scope, param: int, summary: FunctionSummary, index: int, node: ast.Call) -> None:
    """Record the keys by which the function's parameter `param`, passed to a function that logs its
    parameter `index`, reaches that function's log calls (`Scope.log_keys`)."""
    if 0 <= param < len(scope.params):
        scope.add_log_read((param, node, summary, index))


def _relay(an: FileAnalyzer, node: ast.Call, summary: FunctionSummary, passed: dict[int, Value],
           scope: Scope) -> tuple[LogSite, ...]:
    """Record what a call passes to the log calls of another module's function (`summary.log_sites`),
    or to those of a logging wrapper of this file where its parameter is its callers' text: each
    parameter given personal data there makes those log calls a log (scanner.relayed, once every
    file is analysed). In a logging wrapper, its own parameters passed there reach them too (a wrapper
    calling a wrapper: the innermost log call is where its callers' data is logged). Returns the log
    calls this call gives personal data to, sorted, without repeats."""
    reached: set[LogSite] = set()
    callee = callee_name(node) or "a function"
    for index, sites in sorted(summary.log_sites.items()):
        given = passed.get(index)
        if given is None:
            continue
        if scope.logging_wrapper:
            for param in given.params:
                _passed_keys(scope, param, summary, index, node)
                for site in sites:
                    scope.add_side_log(param, SideLog(node, site.rule, site.via, site.program_id, site))
        if not given.categories:
            continue
        data = data_of(given)
        categories = tuple(sorted(data.categories))
        for site in sites:
            if site.path == an.path and (index, site) not in an.caller_text:
                # the file's own function that logs on the side of its work: `apply_side_logs`, in the
                # file's own walk; only a logging wrapper's parameter that is its callers' text
                # (`FileAnalyzer.caller_text`) is reached here, as another module's wrapper's is
                continue
            if site.program_id and categories == ("user.unique_id",):
                continue  # a bot's id (`SideLog.program_id`)
            reached.add(site)
            an.relayed.append(RelayedLog(site, categories, an.path, an.positions.span(node), callee))
    return tuple(sorted(reached))


def apply_side_logs(an: FileAnalyzer, node: ast.Call, side_logs: dict[int, list[SideLog]], args: list[Value],
                    callee: str | None = None) -> None:
    """A call of a function of the file that logs some of its parameters on the side of its work
    (`charge_webhook(event, event_json)` with `logger.exception("... %s", event_json)` inside): what
    the call passes there is written to a log at those log calls, where the contract locates a log.
    `callee` names the function where the call reaches it through another name (`func(...)`)."""
    callee = callee or callee_name(node) or "a function"
    for index, logs in sorted(side_logs.items()):
        if index >= len(args) or not args[index].categories:
            continue
        data = data_of(args[index])
        for log in logs:
            if log.program_id and data.categories == {"user.unique_id"}:
                continue  # `_get_bot_profile(slack_user_id)` of a sender that is a bot: the bot's id
            an.emit(Kind.LOG, log.node, data.categories, log.rule,
                    f"{describe(data.categories)} {is_are(data.categories)} written to a log by {log.via} in "
                    f"{callee}(), which is given {'them' if len(data.categories) > 1 else 'it'} at line {node.lineno}",
                    value=data, reasons=(f"{callee}() logs its argument {index + 1}",))


def _wrapped_cookie(an: FileAnalyzer, node: ast.Call, summary: FunctionSummary, args: list[Value],
                    kwargs: list[tuple[str | None, Value]]) -> None:
    """A call of a cookie wrapper: a cookie set with the attributes the call passes where the wrapper
    forwards them to its setter (`summary.cookie_params`)."""
    setter = next((s for s in an.models.cookie_setters.values() if s.rule == summary.cookie_rule), None)
    if setter is None:
        return
    given: dict[str, Value] = {}
    named = len(summary.param_names)
    for attribute, index in summary.cookie_params:
        if attribute == "*":
            for offset, value in enumerate(args[named:]):
                if index + offset < len(setter.positional):
                    given[setter.positional[index + offset]] = value
        elif attribute == "**":
            for name, value in kwargs:
                if name is not None and name not in summary.param_names and name in setter.keywords:
                    given[setter.keywords[name]] = value
        else:
            passed = summary.argument(index, args, kwargs)
            if passed is not None:
                given[attribute] = passed
    callee = callee_name(node) or "a wrapper"
    _emit_cookie(an, node, summary.cookie_rule, given, through=callee)
