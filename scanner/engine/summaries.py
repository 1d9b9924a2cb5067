"""Summaries: what a module's functions and classes do with data, as seen from other modules.

A file's analysis exports a `ModuleSummary` (qualified names to function summaries, the
categories a class's string form shows, the schema family of its classes) and the set of
qualified names it used. The runner merges the summaries of every file into one
`ModuleSummary` and analyses again the files that use an entry of it, so a helper in
`app/utils.py` that returns a client IP, or wraps a logger, counts at its call sites in
`app/views.py`.
"""

from __future__ import annotations

import ast
import hashlib
import pickle
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from scanner.engine.answers import SchemaUses
from scanner.engine.values import NOTHING, Value, data_of, union
from scanner.fieldmethods import compared_by_fields
from scanner.model import FileResult, Observation, Span


# LogSite and RelayedLog are typed named tuples, not frozen dataclasses: as immutable, and made at import
# for a fifth of the cost (a dataclass's generated methods are compiled in every process at start-up: 3 ms,
# 0.6% of a warm pre-commit run on Django for these two).
class LogSite(NamedTuple):
    """A real log call a function's parameter reaches (its own, or, for a logging wrapper that calls
    another, the innermost one): where a caller's data given there is finally written to a log.

    `path` is the file's path as its results name it; `function` the name of the function the log
    call is in (`report_error`); `via` how it logs (`logging.info()`); `program_id` that the
    parameter is named for a program's id (`bot_id`: a caller's user id given there is a program's).
    """

    path: str
    span: Span
    rule: str
    via: str
    function: str
    program_id: bool = False


class RelayedLog(NamedTuple):
    """A call that passes personal data into a parameter of another module's function that reaches
    a log call there (`site`): the caller's part of a log at that call (scanner.relayed).

    `path` and `span` locate the call, `callee` is the name it is called by, `categories` (sorted)
    what it passes."""

    site: LogSite
    categories: tuple[str, ...]
    path: str
    span: Span
    callee: str


class Gated(NamedTuple):
    """The collects of a schema class's fields that hold only if no module of the project names the
    class (`unnamed`, its qualified name): a Pydantic model its own module names only where it is
    defined is read as received when no other module names it either (`sources.visit_schema_class`). Only the
    modules importing it can say so, and most come later in the import order: the answer is taken
    from every file's final summary once all are analysed (`held`), rather than by analysing the
    class's module again in a round once they have been."""

    unnamed: str
    observations: tuple[Observation, ...]


def held(gated: Iterable[Gated], named: Collection[str]) -> list[Observation]:
    """The observations of the groups of `gated` whose class no module names (`named`: the names
    every module of the project names, `ModuleSummary.named` of them all)."""
    return [o for group in gated if group.unnamed not in named for o in group.observations]


@dataclass(frozen=True, eq=False, repr=False)  # never compared, hashed or printed: see packs.py
class FunctionSummary:
    """What a function does with data, seen from its call sites.

    `returns` is the data (and object, and the shape of a URL it builds) it returns of its own;
    `return_params` the parameters whose data it returns; `log_params` the parameters that reach a
    log call, with that call's rule. Parameter indices count from the first explicit argument; -1 is **kwargs, -2 *args.
    `keyed` says the function returns one key of a container, the key being a parameter
    (`get_param(params, key)` returns `params[key]`, `get_request_param(request, name)` returns
    `request.POST.get(name)`): (the container's parameter, or REQUEST_CONTAINER; the key's
    parameter; the request container's role, or "").
    """

    returns: Value = NOTHING
    log_params: Mapping[int, str] = field(default_factory=dict)
    param_names: tuple[str, ...] = ()
    return_params: frozenset[int] = frozenset()
    keyed: tuple[int, int, str] | None = None
    cookie_params: tuple[tuple[str, int], ...] = ()
    """A cookie wrapper (`set_cookie_without_samesite(request, response, key, *args, **kwargs)`): which
    of its parameters it passes to its cookie setter as which attribute ("name", "value", ...); ("*", i)
    when its extra positional arguments go to the setter from position i, ("**", 0) when its extra
    keywords do. Each call of the wrapper sets a cookie."""
    cookie_rule: str = ""
    rebuilds: int | None = None
    """The parameter whose mapping the function returns rebuilt (`parse_params(params)` copying each
    key, `clean_dict(d)` returning `d`): a request's form given in gives the request's fields back,
    whose keys are read where the caller reads them. Other data given in is not passed on (a copy
    made key by key is as often a filtered one: `redacted(d)`)."""
    tests_keys: int | None = None
    """The parameter the function only tests keys' presence in (`assert_params_in_dict(body,
    required)`: `if k not in body` for each required key): a request body given there is neither read
    nor passed on, so it is not taken whole at the call."""
    parses: bool = False
    """The function returns its `rebuilds` parameter parsed, a body parser of its own (askbot's
    `decode_and_loads(input_str)` returning `json.loads(input_str.decode("utf-8"))`): a request body
    given there is parsed as `json.loads(request.body)` parses it, not taken whole at the call; the
    keys read from the result are the request's fields."""
    http_url: int | None = None
    """The parameter an HTTP client's method or a request helper passes on as the URL of an HTTP request
    (`HTTPHandler.post(self, url, data=None, json=None)` calling `self.client.post(url, json=json)`):
    each call of it is an HTTP request to the URL given there, sending its other arguments."""
    log_sites: Mapping[int, tuple[LogSite, ...]] = field(default_factory=dict)
    """The real log calls each parameter reaches (indices as `log_params`'s), for a logging wrapper
    and for a function that logs a parameter on the side of other work: a caller in another module
    that passes personal data there makes each of them a log (scanner.relayed)."""

    logged_attributes: Mapping[int, frozenset[str]] = field(default_factory=dict)
    """In a logging wrapper, the categories of the attributes of a parameter its log calls write
    (`audit(user, action)` logging `user.email`: {0: {"user.contact.email"}}): a caller that gives a
    person's object there (`g.current_user`) logs that person's data at the call. Attributes named for
    nothing personal (`user.id` is the record's key) add nothing."""
    log_keys: Mapping[int, frozenset[str]] = field(default_factory=dict)
    """The constant keys a parameter that reaches a log (`log_params`, `log_sites`) is read by on its
    way there, where every such read is one (`self.log("... %s" % parameters["user"])`): a caller
    whose dict's keys are known logs only what those keys hold. A parameter logged otherwise (whole,
    or through a local name) is not here."""
    decodes: frozenset[int] = frozenset()
    """The parameters the function builds a class from a request's decoded payload with (`def
    validate_request_body(SchemaClass): return SchemaClass.model_validate(request.get_json())`): the
    class a caller passes there receives data, as one named in a decoder's call does. Also a parameter
    handed, with a request body, to a function that validates one parameter with another
    (`validates`: `validate_json_object(content, model_type)` after `content =
    parse_json_object_from_request(request)`)."""
    validates: tuple[int, int] | None = None
    """The parameters (the class, the mapping) of a function that builds a class it is given from a
    mapping it is given (`def validate_json_object(content, model_type): return
    model_type.model_validate(content)`): a caller that passes a request body for the mapping decodes
    that body into the class (a parameter of the caller's own there is one it `decodes`)."""
    body_item: tuple[int, int, Value] | None = None
    """The request body the function returns as an item of a tuple (`return data, user, err`, `data`
    the decoded body): (its position, the tuple's length, the body). A caller that unpacks the call's
    result into as many targets (`data, user, err = await self.get_user_request_info(request)`) holds
    the body under the target at that position: its key reads are field reads there."""
    options: frozenset[int] = frozenset()
    """The parameters the function reads only by constant keys, none of which names personal data, and
    uses no other way (`Page.from_params(params, items)` reading `params.get("page", 1, int)` and
    `params.get("page-size", ...)`): a request's query string given there is the page's options, read
    where the function reads them, not the query string taken whole at the call."""
    descriptors: int | None = None
    """The parameter holding a list of request-field descriptors whose names the function reads from
    the request (`get_args(self, descriptors)` looping `for descriptor in descriptors`, taking each
    one's name, the string itself, its first item or its "name", and reading the request by it): each
    descriptor naming personal data that a caller's literal list holds is a field read there."""

    @property
    def trivial(self) -> bool:
        """True when the summary says nothing a caller could use."""
        return not (_gives(self) or _passes(self) or self.log_sites or self.options)

    @property
    def only_logs(self) -> bool:
        """True when all the summary says is where its parameters are logged (`log_sites`), or which
        options of one it reads (`options`): what a call of it returns is what a call of a function
        with a trivial summary returns."""
        return bool(self.log_sites or self.options) and not (_gives(self) or _passes(self))

    def argument(self, index: int, args: list[Value], kwargs: list[tuple[str | None, Value]]) -> Value | None:
        """The value a call passes for parameter `index` (by position or by name), or None."""
        if 0 <= index < len(args):
            return args[index]
        name = self.param_names[index] if 0 <= index < len(self.param_names) else None
        return next((v for k, v in kwargs if k is not None and k == name), None) if name is not None else None

    def argument_node(self, index: int, call: ast.Call) -> ast.expr | None:
        """The expression `call` passes for parameter `index` (by position or by name), or None."""
        if 0 <= index < len(call.args):
            given = call.args[index]
            return None if isinstance(given, ast.Starred) or any(isinstance(a, ast.Starred) for a in call.args[:index]) \
                else given
        name = self.param_names[index] if 0 <= index < len(self.param_names) else None
        return next((k.value for k in call.keywords if k.arg is not None and k.arg == name), None) if name else None

    def result(self, args: list[Value], kwargs: list[tuple[str | None, Value]]) -> Value:
        """What a call returns: the function's own data and that of the arguments it returns."""
        given = [args[i] for i in sorted(self.return_params) if 0 <= i < len(args)]
        given += [v for k, v in kwargs if k is not None and k in self.param_names
                  and self.param_names.index(k) in self.return_params]
        if not given:
            return self.returns
        data = union([data_of(self.returns), *(data_of(v) for v in given)])
        # a key read handed in and returned converted (`_parse_string_value(args[name], ...)` decoding
        # and checking a query argument) is still that key read: the helper's callers name the key
        reads = {v.keyed for v in given if v.keyed is not None}
        return Value(categories=data.categories, steps=data.steps, reasons=data.reasons, params=data.params,
                     symbol=self.returns.symbol, shape=self.returns.shape,
                     keyed=reads.pop() if len(reads) == 1 and self.returns.keyed is None else None)


@compared_by_fields
@dataclass(frozen=True, eq=False, repr=False)
class ModuleSummary:
    """Qualified names to what other modules need to know of them."""

    functions: Mapping[str, FunctionSummary] = field(default_factory=dict)
    rendered: Mapping[str, frozenset[str]] = field(default_factory=dict)
    families: Mapping[str, str] = field(default_factory=dict)
    variables: Mapping[str, str] = field(default_factory=dict)
    """Module-level names bound to tracked objects: `app.extensions.db` -> `flask_sqlalchemy.SQLAlchemy()`;
    and to URL constants of known or vendor hosts, tagged URL_CONSTANT (`khoj.utils.constants.telemetry_server`
    -> `@url:https://khoj.beta.haletic.com/v1/telemetry`): a request another module makes to it is a share."""
    request_attributes: frozenset[str] = frozenset()
    """Attributes the project sets on the request object from request data (`request.all_data =
    get_all_params(request)` in a before-request hook): reading a key of one is reading the request."""
    responses: frozenset[str] = frozenset()
    """Classes this module names as `response_model=`: where another module defines one, its fields
    are what the service sends back, not what it collects."""
    received: frozenset[str] = frozenset()
    """Other modules' classes this module receives data into (a route parameter's type, a decoder's
    target): where one is a plain dataclass or TypedDict, its fields are collects."""
    stored_bases: frozenset[str] = frozenset()
    """Other modules' plain classes a stored model of this module extends (`class User(core.models.User,
    Base)` with Base declarative): their annotated class attributes declare that record's fields."""
    loaded: frozenset[str] = frozenset()
    """Other modules' classes this module builds from the rows a database query fetched
    (`User(email=row["email"], ...)` of `row = await conn.fetchrow(...)`): where one is a plain value
    class, it is the stored record's schema (a project that keeps its tables in SQL text)."""
    named: frozenset[str] = frozenset()
    """Other modules' names this module imports and uses: a Pydantic model no module names is one
    whose use cannot be seen (a library's export), read as receiving data."""
    settings: frozenset[str] = frozenset()
    """Rules of SDK settings this module turns on (`python.share.sentry-default-pii` for
    `sentry_sdk.init(send_default_pii=True)`): what an SDK call anywhere in the project sends
    depends on them (every Sentry event then carries the user and the request)."""
    properties: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    """A module's name to the `@property` attributes its top-level classes define, by the last word of
    the class's name and the attribute, each with the categories its getters return, where every one
    of them returns personal data: `jupyterhub.spawner` -> {`spawner._log_name`: {the user's name}}.
    A module that imports this one reads `spawner._log_name` of an object whose class it cannot know
    as that data (`FileAnalyzer.duck_property`)."""
    stars: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """The names a star import of the module binds (`from app.base import *`), under the module's name:
    each public name its top level binds (those its literal `__all__` lists, when it has one) to what
    it names there ("" for its own `app.base.helper`, `django.db.models` for a package's import, the
    original for a name it takes by a star import in turn): {`app.base`: {`helper`: ""}}
    (`FileAnalyzer._star_offer`).
    An importer asks for it by the module's name (USE_STAR), so a change to the names it offers
    analyses the importer again, and nothing else of the module does."""
    answers: SchemaUses | None = None
    """The module's uses of serializer and schema classes and the ones it defines (`scanner.engine.answers`):
    read once every module is analysed, never by another module's analysis (no round reads it, `merge`
    and `restricted` leave it out)."""

    def names(self) -> frozenset[str]:
        """Every entry, as the uses that would need it: a tag for how it is used, then its qualified name.

        A function that only passes its arguments through matters to a caller only when data
        flows into the call (USE_PASSTHROUGH); one with data of its own, to every caller; where
        its parameters are logged, only to a caller that gives it personal data (USE_LOG_SITES).
        """
        names = {USE_FUNCTION + k for k, f in self.functions.items() if _gives(f)}
        names.update(USE_PASSTHROUGH + k for k, f in self.functions.items() if _passes(f))
        names.update(USE_LOG_SITES + k for k, f in self.functions.items() if f.log_sites)
        names.update(USE_OPTIONS + k for k, f in self.functions.items() if f.options)
        for tag, entries in self._tagged_entries().items():
            names.update(tag + k for k in entries)
        names.update(_property_reads(self.properties))
        return frozenset(names)

    def _tagged_entries(self) -> dict[str, Collection[str]]:
        """The entries of every kind but functions, by the tag a use of one carries."""
        return {USE_RENDERED: self.rendered, USE_BASE: self.families, USE_VARIABLE: self.variables,
                USE_REQUEST_ATTRIBUTE: self.request_attributes, USE_RESPONSE: self.responses,
                USE_RECEIVED: self.received, USE_NAMED: self.named, USE_SETTING: self.settings,
                USE_PROPERTY: self.properties, USE_STORED_BASE: self.stored_bases, USE_LOADED: self.loaded,
                USE_STAR: self.stars}

    def named_by(self, uses: Iterable[str]) -> frozenset[str]:
        """`uses & names()`, without making every name: a file uses few of the entries it is offered."""
        entries = self._tagged_entries()
        functions = self.functions
        found: list[str] = []
        # the entries' tags looked up first (a use of a variable, a base, a received class... is most
        # of them): a use is a prefix of two characters and a key, and most are of no entry offered
        for tagged in uses:
            tag = tagged[:2]
            kind = entries.get(tag)
            if kind is not None:
                if tagged[2:] in kind:
                    found.append(tagged)
            elif tag in _FUNCTION_TAGS:
                f = functions.get(tagged[2:])
                if f is not None and (_gives(f) if tag == USE_FUNCTION else _passes(f) if tag == USE_PASSTHROUGH
                                      else f.log_sites if tag == USE_LOG_SITES else f.options):
                    found.append(tagged)
            elif tag == USE_PROPERTY_READ and self.properties and tagged in _property_reads(self.properties):
                found.append(tagged)
        return frozenset(found)

    def restricted(self, names: Iterable[str]) -> ModuleSummary:
        """Only the entries for `names` (what one file uses, tagged as `names()` gives them)."""
        tagged = frozenset(names)
        wanted = sorted({name.split(":", 1)[1] for name in tagged})
        return ModuleSummary(
            functions={k: self.functions[k] for k in wanted if k in self.functions},
            rendered={k: self.rendered[k] for k in wanted if k in self.rendered},
            families={k: self.families[k] for k in wanted if k in self.families},
            variables={k: self.variables[k] for k in wanted if k in self.variables},
            request_attributes=frozenset(k for k in wanted if k in self.request_attributes),
            # by tag: every module a file imports from names the functions it calls, which that
            # file's analysis does not ask for (a change to it would analyse the file again); a
            # class's `received` and `responses` entries come from the modules that use it, and
            # only its own module asks for them (litellm: 312 importers of a base class analysed
            # again for a `received` entry of it that a later module gave)
            responses=frozenset(k for k in wanted if k in self.responses and USE_RESPONSE + k in tagged),
            received=frozenset(k for k in wanted if k in self.received and USE_RECEIVED + k in tagged),
            stored_bases=frozenset(k for k in wanted if k in self.stored_bases and USE_STORED_BASE + k in tagged)
            if self.stored_bases else frozenset(),
            loaded=frozenset(k for k in wanted if k in self.loaded and USE_LOADED + k in tagged)
            if self.loaded else frozenset(),
            named=frozenset(k for k in wanted if k in self.named and USE_NAMED + k in tagged),
            settings=frozenset(k for k in wanted if k in self.settings and USE_SETTING + k in tagged)
            if self.settings else frozenset(),
            properties=_read_properties(self.properties, wanted, tagged) if self.properties else {},
            stars={k: self.stars[k] for k in wanted if k in self.stars and USE_STAR + k in tagged}
            if self.stars else {},
        )

    def changed_since(self, old: ModuleSummary) -> set[str]:
        """The qualified names whose entries differ from `old`'s, of any kind: one has it and the
        other not, or holds another object under it. A file's entries keep their objects from one
        round's index to the next unless it is analysed again (scanner.runner), so the digest of
        entries none of whose names is here is the same under this summary as under `old`."""
        changed: set[str] = set()
        kinds = zip((old.functions, *old._tagged_entries().values()), (self.functions, *self._tagged_entries().values()))
        for before, after in kinds:
            if isinstance(after, Mapping) and isinstance(before, Mapping):
                changed.update(key for key, value in after.items() if before.get(key, _ABSENT) is not value)
                changed.update(key for key in before if key not in after)
            else:
                changed.update(frozenset(before) ^ frozenset(after))
        return changed

    def digest(self) -> str:
        """A stable fingerprint of the entries (to know when a file must be analysed again).

        Made of each entry's part, in the order of their tagged names: a change to
        any entry named, or to which entries are named, changes it.
        """
        known = _DIGESTS.get(id(self))
        if known is not None and known[0] is self:
            return known[1]
        function_tags: list[str] = []
        for key, summary in self.functions.items():
            gives, passes, _ = _function_facts(summary)
            if gives:
                function_tags.append(USE_FUNCTION + key)
            if passes:
                function_tags.append(USE_PASSTHROUGH + key)
            if summary.log_sites:
                function_tags.append(USE_LOG_SITES + key)
            if summary.options:
                function_tags.append(USE_OPTIONS + key)
        tagged_names = [tag + key for tag, entries in self._tagged_entries().items() for key in entries]
        tagged_names.extend(function_tags)
        tagged_names.sort()
        # What each entry says, under its tagged name, as bytes no other entry's can be: what a
        # caller's result can take from it, not only that it is there (the digest keys cached
        # results, and a helper that now returns an email instead of a name must not reuse its
        # callers' results). Inlined: 30,000 entries on Superset.
        functions, rendered, families, variables = self.functions, self.rendered, self.families, self.variables
        properties = self.properties
        attributes, responses, received, named, settings = (self.request_attributes, self.responses, self.received,
                                                             self.named, self.settings)
        stored_bases, loaded, stars = self.stored_bases, self.loaded, self.stars
        parts: list[bytes] = []
        for tagged in tagged_names:
            key = tagged[2:]
            function = functions.get(key)
            shown = rendered.get(key)
            family = families.get(key)
            variable = variables.get(key)
            parts.append(_text_part(tagged))
            parts.append(_function_facts(function)[2] if function is not None else b"\x00")
            parts.append(_text_part(_rendered_text(shown)) if shown is not None else b"\x00")
            parts.append(_text_part(family) if family is not None else b"\x00")
            parts.append(_text_part(variable) if variable is not None else b"\x00")
            parts.append(bytes((key in attributes, key in responses, key in received, key in named, key in settings,
                                key in stored_bases, key in loaded)))
            if properties:
                defined = properties.get(key)
                parts.append(_text_part(_properties_text(defined)) if defined is not None else b"\x00")
            if stars:
                offered = stars.get(key)
                parts.append(_text_part(_stars_text(offered)) if offered is not None else b"\x00")
        digest = hashlib.sha256(b"".join(parts)).hexdigest()
        if len(_DIGESTS) > 50_000:  # a bound on what a long run keeps
            _DIGESTS.clear()
        _DIGESTS[id(self)] = (self, digest)
        return digest

    def offered(self, imported: Iterable[tuple[str, ModuleSummary]]) -> ModuleSummary:
        """What this module offers the modules that import it: its own entries, and those its
        re-exports rename, taken from `imported` (each module it imports, by name, with what it offers).

        `from .datetime import Now` in a package makes `pkg.Now` a name for `pkg.datetime.Now`: a
        module importing `pkg` looks up `pkg.datetime.Now` (and its members) when it meets `pkg.Now`.
        Offering those entries with the package spares analysing that module again once they are
        known (what a round of analysis would give it). A chain of re-exports is followed.
        """
        originals = [bound for name, bound in self.variables.items() if is_reexport(name, bound)]
        if not originals:
            return self
        picked: list[ModuleSummary] = []
        for module, summary in imported:
            # only the module an original is named in can hold it (or a re-export of it)
            wanted = tuple(o for o in originals if o.startswith(module) and o[len(module):len(module) + 1] == ".")
            if wanted and summary != EMPTY:
                found = summary.under(wanted)
                if found != EMPTY:
                    picked.append(found)
        return ModuleSummary.merge([self, *picked]) if picked else self

    def under(self, names: tuple[str, ...]) -> ModuleSummary:
        """The entries named one of `names` or a member of one (`X.method`, `X(...)`), and, for each
        of them that re-exports another name, the entries of that name here."""
        def is_under(key: str) -> bool:
            return any(_names_under(key, name) for name in names)

        # `key.startswith(names)` first, in C: most keys begin with none of the names
        found = ModuleSummary(
            functions={k: v for k, v in self.functions.items() if k.startswith(names) and is_under(k)},
            rendered={k: v for k, v in self.rendered.items() if k.startswith(names) and is_under(k)},
            families={k: v for k, v in self.families.items() if k.startswith(names) and is_under(k)},
            variables={k: v for k, v in self.variables.items() if k.startswith(names) and is_under(k)},
            request_attributes=frozenset(k for k in self.request_attributes if k.startswith(names) and is_under(k)),
            responses=frozenset(k for k in self.responses if k.startswith(names) and is_under(k)),
            received=frozenset(k for k in self.received if k.startswith(names) and is_under(k)),
            stored_bases=frozenset(k for k in self.stored_bases if k.startswith(names) and is_under(k))
            if self.stored_bases else frozenset(),
            loaded=frozenset(k for k in self.loaded if k.startswith(names) and is_under(k))
            if self.loaded else frozenset(),
            named=frozenset(k for k in self.named if k.startswith(names) and is_under(k)),
            settings=frozenset(k for k in self.settings if k.startswith(names) and is_under(k)) if self.settings
            else frozenset(),
            properties={k: v for k, v in self.properties.items() if k.startswith(names) and is_under(k)}
            if self.properties else {},
        )
        # a re-export of a re-export (`pkg.Now` -> `pkg.functions.Now` -> `pkg.functions.datetime.Now`)
        chained = tuple(bound for name, bound in found.variables.items()
                        if is_reexport(name, bound) and bound not in names)
        return ModuleSummary.merge([found, self.under(names + chained)]) if chained else found

    @staticmethod
    def merge(summaries: Iterable[ModuleSummary]) -> ModuleSummary:
        """All entries of several summaries (qualified names do not collide across modules)."""
        functions: dict[str, FunctionSummary] = {}
        rendered: dict[str, frozenset[str]] = {}
        families: dict[str, str] = {}
        variables: dict[str, str] = {}
        attributes: set[str] = set()
        responses: set[str] = set()
        received: set[str] = set()
        stored_bases: set[str] = set()
        loaded: set[str] = set()
        named: set[str] = set()
        settings: set[str] = set()
        properties: dict[str, Mapping[str, frozenset[str]]] = {}
        stars: dict[str, Mapping[str, str]] = {}
        for summary in summaries:
            functions.update(summary.functions)
            rendered.update(summary.rendered)
            families.update(summary.families)
            variables.update(summary.variables)
            attributes.update(summary.request_attributes)
            responses.update(summary.responses)
            received.update(summary.received)
            if summary.stored_bases:
                stored_bases.update(summary.stored_bases)
            if summary.loaded:
                loaded.update(summary.loaded)
            named.update(summary.named)
            if summary.settings:
                settings.update(summary.settings)
            if summary.properties:
                properties.update(summary.properties)
            if summary.stars:
                stars.update(summary.stars)
        return ModuleSummary(functions=functions, rendered=rendered, families=families, variables=variables,
                             request_attributes=frozenset(attributes), responses=frozenset(responses),
                             received=frozenset(received), stored_bases=frozenset(stored_bases),
                             loaded=frozenset(loaded), named=frozenset(named),
                             settings=frozenset(settings),
                             properties=properties, stars=stars)


def _gives(function: FunctionSummary) -> bool:
    """A function whose calls return something of its own, or log something of their own of what they
    are given (an audit helper's `logged_attributes`: the attributes it logs of a person's object, which
    the caller gives without giving data): every caller uses it (USE_FUNCTION), so a caller's result is
    redone when what the helper logs changes (a cached result, an import cycle's later round)."""
    return bool(function.returns.categories or function.returns.symbol or function.returns.shape
                or function.keyed or function.cookie_params or function.http_url is not None or function.decodes
                or function.validates is not None or function.descriptors is not None or function.body_item is not None or function.logged_attributes)


def _passes(function: FunctionSummary) -> bool:
    """A function that passes its arguments on (returned or logged by a logging wrapper): a caller
    that gives it data uses it (USE_PASSTHROUGH). Where its parameters reach log calls (`log_sites`)
    is another use (USE_LOG_SITES): most callers give those parameters no personal data, and a
    function of an import cycle often gains its log sites only in a later round."""
    return bool(function.return_params or function.log_params or function.rebuilds is not None
                or function.tests_keys is not None)


def is_reexport(name: str, bound: str) -> bool:
    """True for a variable entry that binds a name to another name of the same package tree (what
    a module imports from its own project: `app.api.get_optional` -> `app.lib.params.get_optional`),
    not to an object (`flask_sqlalchemy.SQLAlchemy()`, `@instance:...`)."""
    return (bound != name and "(" not in bound and not bound.startswith("@")
            and bound.split(".", 1)[0] == name.split(".", 1)[0])


def _names_under(key: str, original: str) -> bool:
    """True when `key` is `original` or one of its members (`X.method`, `X(...)`)."""
    return key.startswith(original) and key[len(original):len(original) + 1] in ("", ".", "(")


def _function_key(summary: FunctionSummary) -> tuple[object, ...]:
    returns = summary.returns
    # Everything a caller's result can take from the summary, in an order that does not depend on
    # string hashing: categories, object, URL shape, and the flow steps and reasons shown in reports.
    const = repr(returns.const) if isinstance(returns.const, (str, int, float, tuple, dict)) else type(returns.const).__name__
    return (tuple(sorted(returns.categories)), returns.symbol, returns.role, returns.shape, const, returns.steps,
            returns.reasons, tuple(sorted(returns.params)), returns.keyed, tuple(sorted(summary.log_params.items())),
            summary.param_names, tuple(sorted(summary.return_params)), summary.keyed, summary.cookie_params,
            summary.cookie_rule, summary.rebuilds, summary.tests_keys, summary.parses, _sites_key(summary.log_sites) if summary.log_sites else (),
            tuple(sorted(summary.decodes)), summary.validates, summary.descriptors, tuple(sorted(summary.options)),
            tuple((i, tuple(sorted(c))) for i, c in sorted(summary.logged_attributes.items())),
            tuple((i, tuple(sorted(k))) for i, k in sorted(summary.log_keys.items())) if summary.log_keys else (),
            _item_key(summary.body_item) if summary.body_item is not None else None)


def _item_key(item: tuple[int, int, Value]) -> tuple[object, ...]:
    """`body_item` as plain values (the body's categories sorted, its steps and reasons shown in reports)."""
    position, length, body = item
    return position, length, body.symbol, tuple(sorted(body.categories)), body.steps, body.reasons


def _sites_key(log_sites: Mapping[int, tuple[LogSite, ...]]) -> tuple[object, ...]:
    """`log_sites` as plain values, in order (pickled for a digest: a dataclass pickles at several times the cost)."""
    return tuple((index, tuple((s.path, s.span.start_line, s.span.start_column, s.span.end_line, s.span.end_column, s.rule, s.via, s.function, s.program_id)
                               for s in sites)) for index, sites in sorted(log_sites.items()))


# Each summary's digest, by identity (the summary is kept, so the identity is not reused): a file's
# summary is digested as what it offers its importers and again as part of its state.
_DIGESTS: dict[int, tuple[ModuleSummary, str]] = {}

# Each function summary's facts a digest reads, by identity (the summary is kept, so the identity is
# not reused): a function's entry is digested again for each file that uses it and in each round.
_FACTS: dict[int, tuple[FunctionSummary, bool, bool, bytes]] = {}


def _function_facts(function: FunctionSummary) -> tuple[bool, bool, bytes]:
    """(_gives, _passes, the function's part of a digest) of a function summary, computed once per object."""
    known = _FACTS.get(id(function))
    if known is None or known[0] is not function:
        if len(_FACTS) > 200_000:  # a bound on what a long run keeps
            _FACTS.clear()
        part = pickle.dumps(_function_key(function), protocol=4)
        known = _FACTS[id(function)] = (function, _gives(function), _passes(function),
                                        b"\x01" + len(part).to_bytes(4, "little") + part)
    return known[1], known[2], known[3]


def _text_part(text: str) -> bytes:
    """A string as a part of a digest: marked present, with its length."""
    data = text.encode()
    return b"\x01" + len(data).to_bytes(4, "little") + data


# The categories a class's string form shows, sorted and joined once per set (sets are shared).
_SORTED: dict[frozenset[str], str] = {}


def _rendered_text(rendered: frozenset[str]) -> str:
    """A `rendered` entry's categories as one string, in sorted order (a part of a digest)."""
    known = _SORTED.get(rendered)
    if known is None:
        if len(_SORTED) > 50_000:  # a bound on what a long run keeps
            _SORTED.clear()
        known = _SORTED[rendered] = "\x1f".join(sorted(rendered))
    return known


def _properties_text(defined: Mapping[str, frozenset[str]]) -> str:
    """A `properties` entry as one string (a part of a digest): each attribute, sorted, with its
    categories in sorted order; made once per entry object (a module's entry is given to every
    file that imports it, in each round)."""
    known = _PROPERTIES.get(id(defined))
    if known is not None and known[0] is defined:
        return known[1]
    if len(_PROPERTIES) > 50_000:  # a bound on what a long run keeps
        _PROPERTIES.clear()
    text = "\x1e".join(f"{attr}\x1d{_rendered_text(categories)}" for attr, categories in sorted(defined.items()))
    _PROPERTIES[id(defined)] = (defined, text)
    return text


def _stars_text(offered: Mapping[str, str]) -> str:
    """A `stars` entry as one string (a part of a digest): each name, sorted, with what it names."""
    return "\x1e".join(f"{name}\x1d{bound}" for name, bound in sorted(offered.items()))


def _property_reads(properties: Mapping[str, Mapping[str, frozenset[str]]]) -> frozenset[str]:
    """The uses that would read the `properties` entries (USE_PROPERTY_READ): each key's attribute
    (`a:_log_name` for `spawner._log_name`) and each string form's key (`a:user.__str__`)."""
    known = _READS.get(id(properties))
    if known is not None and known[0] is properties:
        return known[1]
    reads = {_read_of(key) for defined in properties.values() for key in defined}
    if len(_READS) > 50_000:  # a bound on what a long run keeps
        _READS.clear()
    found = _READS[id(properties)] = (properties, frozenset(reads))
    return found[1]


def _read_of(key: str) -> str:
    """The use that reads a `properties` key: its attribute for a property (`a:_log_name` for
    `spawner._log_name`), the whole key for a string form (`a:user.__str__`)."""
    return USE_PROPERTY_READ + (key if key.endswith(STRING_FORM) else key.rpartition(".")[2])


def _read_properties(properties: Mapping[str, Mapping[str, frozenset[str]]], wanted: Iterable[str],
                     tagged: frozenset[str]) -> dict[str, Mapping[str, frozenset[str]]]:
    """The `properties` entries of the modules a file used (`y:` + module), each cut to the keys it
    read (`a:` + attribute, `a:` + string form's key): what its analysis could have taken from them.
    A module of an import cycle offers its properties only in the rounds; an importer that never
    reads a matching attribute has the same entries then, and is not analysed again. An entry
    read whole is the same object (its digest text is made once)."""
    found: dict[str, Mapping[str, frozenset[str]]] = {}
    for module in wanted:
        defined = properties.get(module)
        if defined is None or USE_PROPERTY + module not in tagged:
            continue
        kept = {key: categories for key, categories in defined.items() if _read_of(key) in tagged}
        if len(kept) == len(defined):
            found[module] = defined
        elif kept:
            found[module] = kept
    return found


# Each `properties` mapping's reads (`_property_reads`), by identity (the mapping is kept).
_READS: dict[int, tuple[Mapping[str, Mapping[str, frozenset[str]]], frozenset[str]]] = {}


# Each `properties` entry's digest text, by identity (the entry is kept, so the identity is not reused).
_PROPERTIES: dict[int, tuple[Mapping[str, frozenset[str]], str]] = {}


EMPTY = ModuleSummary()

_ABSENT = object()  # no entry under a name (an entry may be None-like, never this)

# How a file uses another module's entry (the tags of Analyzed.uses and ModuleSummary.names()).
# A variables entry holding a URL constant rather than an object's symbol.
URL_CONSTANT = "@url:"

USE_FUNCTION = "f:"
USE_PASSTHROUGH = "p:"
# A call that gives a function of another module personal data (or passes a logging wrapper's own
# parameters to it): where that function logs its parameters (`FunctionSummary.log_sites`) matters.
USE_LOG_SITES = "l:"
# A call that hands a function of another module a query string: whether that function reads only
# options of it (`FunctionSummary.options`) matters, to no other caller.
USE_OPTIONS = "k:"
USE_RENDERED = "r:"
USE_BASE = "b:"
USE_VARIABLE = "v:"
USE_REQUEST_ATTRIBUTE = "q:"
USE_RESPONSE = "o:"
USE_RECEIVED = "i:"
USE_NAMED = "n:"
USE_SETTING = "s:"
USE_PROPERTY = "y:"
USE_STORED_BASE = "t:"
USE_LOADED = "d:"
# An attribute read of an object whose class is unknown (`a:_log_name`), or a string form looked up
# (`a:user.__str__`): which keys of the `y:` modules' properties entries the file could have read.
USE_PROPERTY_READ = "a:"
# A star import of a module (`x:app.base`): the names it binds (`ModuleSummary.stars`).
USE_STAR = "x:"
# The tags of the uses of a function entry, each with its own test of the function (`named_by`).
_FUNCTION_TAGS = frozenset((USE_FUNCTION, USE_PASSTHROUGH, USE_LOG_SITES, USE_OPTIONS))
# The attribute under which a module offers its classes' string forms among their properties
# (`user.__str__`: what an object named `user` shows written whole).
STRING_FORM = ".__str__"
# The suffix of the `properties` key under which a module passes on the properties (not the string
# forms) of the classes it imports at its top by name and reads itself (`jupyterhub.user>` holds
# `jupyterhub.spawner`'s `spawner._log_name`): a module importing it reads them one import further,
# and no further.
SECOND_HAND = ">"


@compared_by_fields
@dataclass(frozen=True, eq=False, repr=False)
class Analyzed:
    """One file's analysis: its result, what it exports, and the qualified names it used."""

    result: FileResult
    summary: ModuleSummary = EMPTY
    uses: frozenset[str] = frozenset()
    relayed: tuple[RelayedLog, ...] = ()
    """The file's calls that pass personal data to other modules' log calls (scanner.relayed)."""
    gated: tuple[Gated, ...] = ()
    """Collects that hold only if no module names their class (`Gated`), not in `result`."""
    directives: bool = False
    """The file's bytes hold the mark of a `# policyscan:` comment (`analyzer.DIRECTIVE_MARK`): a scan
    reads suppression comments (scanner.suppress) from these files only, rather than every file again."""
    frameworks: tuple[tuple[str, int], ...] = ()
    """The web frameworks policyscan does not model that the file imports (scanner.coverage), each as
    (top-level package, line of the file's first import of it), by package: the run says them once."""
