"""The name classifier: which identifiers, header names and type names mean personal data.

`Classifier.load()` reads the bundled rule pack (rules/classifier.toml, whose top comment
documents the format) once per process and answers four questions, each with the most
specific fideslang category that fits or None:

- `name("userEmail")`: a variable, attribute, parameter, field, keyword or string key,
  with its `owner` (class or variable name) deciding ambiguous words (`name` of `User` is a
  person's name, of `Product` it is not);
- `header("X-Forwarded-For")`: an HTTP header name or WSGI/ASGI environ key;
- `type_name("EmailStr")`: a field or annotation type;
- `typed_name("user", ["String"])`: a schema field's name read with its declared text type
  (a `user` text column holds a login name).

Classification is by meaning: the last word of a name is what it is (`email_template` is a
template), words before it can make it a flag, a setting or a function (`is_email`,
`max_age`, `validate_email`), and all-upper-case names are configuration constants.
The engine calls `name` on every identifier it evaluates, so answers are cached per
(identifier, owner).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.bundled import rules_dir
from scanner.errors import Problem, RulePackError
from scanner.fieldmethods import compared_by_fields
from scanner.inventory import ClassifierOverrides
from scanner.model import pickled_by_fields
from scanner.taxonomy import load_taxonomy
from scanner.tomlmirror import loads_mirrored
from scanner.tomlpos import KeyPath, TomlChecker, TomlDocument, TomlPositions, decode_error_location, did_you_mean

PACK_FILE = "classifier.toml"

# `IPv4`/`IPv6` stay one word; otherwise split at camelCase humps ("HTTPHeader" -> HTTP
# Header) and between letters and digits ("line1" -> line 1). Anything else separates.
_WORD = re.compile(r"[Ii][Pp][Vv][46]|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_PATTERN_WORD = re.compile(r"[a-z0-9]+")
_HEADER_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:-?\*)?")
_TYPE_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")

# No entry in a memo whose entries may be None (compared with `is`).
_UNSEEN = object()

_TOP_KEYS = ("words", "owners", "categories", "headers", "types")
_WORD_LISTS = ("transparent", "exclude", "neutral", "owner_suffixes", "configuration", "invariant")
_CATEGORY_KEYS = ("patterns", "exclude", "suffixes")
_PATTERN_TABLE_KEYS = ("pattern", "unless", "unless_owners")
_TYPE_KEYS = ("suffixes", "names")
ALONE = "alone"  # the built-in owner marker: the match may stand with nothing before it
TEXT_GROUP = "string"  # the owner group of text types, for `typed_name`
REQUEST_GROUP = "request"  # the owner group of request objects; also a suffix of request models' names
BODY_GROUP = "body"  # the owner group of request bodies, whose keys are what a person sends
SUBMITTED_GROUP = "submitted"  # suffixes of the names of models a person fills in (`ContentForm`)
# the owner group of things that are not people (a queue, a server, an exception): their fields
# and attributes mean nothing personal, as a configuration object's do
NOT_PERSON_GROUP = "notperson"
OWN_WORDS_GROUP = "ownwords"  # head words of what a person writes in their own words, for `written_name`
DESCRIBING_GROUP = "describing"  # head words of what a person writes about a thing of their own
CONTENT_GROUP = "content"
PHYSIQUE_GROUP = "physique"  # what measures a person's body, for `measured_name`
PERSON_OWNER = "person"  # an owner in the group `person`, for `measured_name`
# the owner group of authenticators a person signs in with by a signed challenge (FIDO, WebAuthn):
# lent by an owner's modifier as well as its head word, see `_owner_groups`
AUTHENTICATOR_GROUP = "authenticator"
# the owner group of X.509 certificates and their authorities: lent by a modifier as well (see above)
CERTIFICATE_GROUP = "certificate"


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Match:
    """What a name means: one fideslang key, and which pattern said so (for --explain)."""

    category: str
    pattern: str


@pickled_by_fields  # the compiled packs unpickle about a thousand
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Pattern:
    """One compiled pattern: its words, the owner groups it needs, the words that cancel it."""

    category: str
    words: tuple[str, ...]
    literal: int  # words as written; the joined form ("firstname") keeps the count of "first name"
    groups: frozenset[str]  # owner groups, any of which satisfies it; empty: no owner needed
    unless: frozenset[str]
    text: str  # as written in the rule pack
    order: int
    unless_owners: frozenset[str] = frozenset()  # owner groups whose context cancels it


@pickled_by_fields
@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Category:
    """What a category adds to the global word lists: its own leading exclusions and trailing words."""

    exclude: frozenset[str]
    suffixes: frozenset[str]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # never compared, hashed or printed: see packs.py
class RulePack:
    """The compiled classifier rule pack (see rules/classifier.toml for the meaning of each part)."""

    path: str
    invariant: frozenset[str]
    transparent: frozenset[str]
    exclude: frozenset[str]
    neutral: frozenset[str]
    owner_suffixes: frozenset[str]
    configuration: frozenset[str]
    groups: Mapping[str, frozenset[str]]
    word_groups: Mapping[str, frozenset[str]]  # word -> the owner groups holding it
    categories: Mapping[str, _Category]
    by_first_word: Mapping[str, tuple[_Pattern, ...]]
    headers: Mapping[str, str]
    header_prefixes: tuple[tuple[str, str], ...]  # longest prefix first
    types: Mapping[str, tuple[str, str]]  # lower-case name -> (name as written, category)
    type_suffixes: tuple[str, ...]

    def words(self, text: str) -> tuple[str, ...]:
        """Split `text` into lower-case, singularised words (see the rule pack's top comment)."""
        return _split(text, self.invariant)


@functools.lru_cache(maxsize=1 << 16)
def _split(text: str, invariant: frozenset[str]) -> tuple[str, ...]:
    # memoised: the same identifiers are classified under many owners, and owners recur
    return tuple([_singular(w.lower(), invariant) for w in _WORD.findall(text)])


def _singular(word: str, invariant: frozenset[str]) -> str:
    """`word` without a simple English plural ending; short and invariant words unchanged."""
    # `word[-1]`: three characters at least by then, and a subscript costs less than `endswith`'s parse
    if len(word) <= 2 or word in invariant or word[-1] != "s" or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


class Classifier:
    """Classifies names, headers and type names; answers are cached per instance.

    Build one per run with `Classifier.load(overrides)`; it is not thread-safe (the caches
    are plain dicts), which suits one classifier per process.
    """

    __slots__ = ("_pack", "_fields", "_not_personal", "_not_personal_headers", "_names", "_identifiers", "_owners",
                 "_owner_words", "_headers", "_types", "_not_person", "_excluding", "_modifiers", "_bests")

    def __init__(self, pack: RulePack, overrides: ClassifierOverrides = ClassifierOverrides()) -> None:
        self._pack = pack
        self._fields = {_key(pack, name): category for name, category in overrides.fields}
        self._not_personal = frozenset(_key(pack, name) for name in overrides.not_personal)
        self._not_personal_headers = frozenset(_key(pack, _header_form(name)) for name in overrides.not_personal)
        self._names: dict[tuple[str, str | None], Match | None] = {}
        self._identifiers: dict[str, tuple[tuple[str, ...], bool | None, Match | None]] = {}
        self._owners: dict[str, frozenset[str] | None] = {}
        self._owner_words: dict[str, tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]] = {}
        self._headers: dict[str, Match | None] = {}
        self._types: dict[str, Match | None] = {}
        self._not_person: dict[str, bool] = {}
        self._excluding = frozenset().union(*(category.exclude for category in pack.categories.values()))
        """Every word a category excludes: an owner's other modifiers change no match (`_best`)."""
        self._modifiers: dict[str, tuple[str, ...]] = {}
        self._bests: dict[tuple[tuple[str, ...], frozenset[str], tuple[str, ...]], tuple[_Pattern, str | None] | None] = {}

    @classmethod
    def load(cls, overrides: ClassifierOverrides = ClassifierOverrides()) -> Classifier:
        """Return a classifier over the bundled rule pack with the inventory's overrides.

        `overrides.fields` (name -> category) win over the rule pack; names in
        `overrides.not_personal` never match. The pack is read and compiled once per process.
        Raises RulePackError when the bundled pack is missing or broken.
        """
        return cls(bundled_pack(), overrides)

    @classmethod
    def from_toml(
        cls, text: str, *, path: str = PACK_FILE, overrides: ClassifierOverrides = ClassifierOverrides()
    ) -> Classifier:
        """Return a classifier over the rule pack `text` (read from `path`, for messages).

        Raises RulePackError listing every problem in the text, each with its line.
        """
        return cls(compile_pack(text, path), overrides)

    @property
    def pack(self) -> RulePack:
        """The compiled rule pack this classifier uses."""
        return self._pack

    def name(self, identifier: str, *, owner: str | None = None) -> Match | None:
        """Return what the identifier means, or None when it is not personal data.

        `owner` is the class or variable the identifier belongs to (`User`, `customer`,
        `request.user`); it decides ambiguous words such as `name`, `city`, `id`, `message`.
        """
        read = self._identifiers.get(identifier)
        if read is not None and read[1] is not True:
            # what `_classify_name` answers before it looks at the owner's groups, without the pair's
            # memo: a name no owner changes the meaning of (never personal, an override, a constant),
            # or one no pattern can start with and that its owner is not named for (two names in three
            # the engine asks, each under many owners: a method's locals under its class's name)
            if read[1] is None:
                return read[2]
            if not owner or read[0][0] not in self._split_owner(owner)[2]:
                return None
        cache_key = (identifier, owner)
        # a sentinel rather than `except KeyError`: the engine memoises names per file and asks only
        # what that memo misses, which this one misses too nine times in ten, and raising costs more
        cached: Match | None | object = self._names.get(cache_key, _UNSEEN)
        if cached is not _UNSEEN:
            return cached  # type: ignore[return-value]
        found = self._classify_name(identifier, owner)
        self._names[cache_key] = found
        return found

    def submitted_name(self, identifier: str, owner: str) -> Match | None:
        """Return what a field of `owner` means as what a person submits (a form's, a request body
        model's), or None: read in the context of a request and of its class at once, so that its
        class still cancels what it cancels (a `session_id` of a `MessageUpdate` is the chat's).
        """
        cache_key = (identifier, f"{owner}\0submitted")
        try:
            return self._names[cache_key]
        except KeyError:
            pass
        found = self._classify_name(identifier, owner, also=self._owner_groups("request") or frozenset())
        self._names[cache_key] = found
        return found

    def written_name(self, identifier: str, owner: str, group: str = OWN_WORDS_GROUP) -> Match | None:
        """Return what a long text field of `owner`, a row tied to a person, means when the head
        word of its name is one of what a person writes in their own words (the [owners] group
        `ownwords`: `FileObject.raw_text`, `ReportAction.reason`; or `group`, another such group):
        the name read as a field of that person's post would be, so the exclusions of a post's
        fields still apply (`change_message`, `error_message`). None for any other name (`scopes`,
        `description`, `redirect_uris`) and for an owner that is not a person's (`Server`, a
        configuration)."""
        words = self._split_owner(identifier)[0]
        if not words or group not in self._pack.word_groups.get(words[-1], ()):
            return None
        return self._classify_name(identifier, owner, also=frozenset({CONTENT_GROUP}))

    def measured_name(self, identifier: str) -> Match | None:
        """Return what a field means as the one measure a row tied to a person records of them over
        time (`WeightEntry.weight` beside `user = ForeignKey(User)`): the name read as a person's and
        as a measure of their body (the [owners] group `physique`), so a body weight is one there."""
        cache_key = (identifier, "\0measured")
        try:
            return self._names[cache_key]
        except KeyError:
            pass
        found = self._classify_name(identifier, PERSON_OWNER, also=frozenset({PHYSIQUE_GROUP}))
        self._names[cache_key] = found
        return found

    def typed_name(self, identifier: str, type_names: Iterable[str]) -> Match | None:
        """Return what a field means through its declared type, or None.

        Some names mean personal data only when the field holds text: a `user` or
        `modified_by` column of type String holds a login name, where a relationship or a
        foreign key only refers to a record. The first of `type_names` (`Unicode`,
        `CharField`, Whoosh `TEXT`) whose head word is in the [owners] group `string` is taken
        as the owner; a name that means something without an owner is left to `name`.
        """
        for type_name in type_names:
            groups = self._owner_groups(type_name) if type_name else None
            if groups is not None and TEXT_GROUP in groups:
                if self.name(identifier) is not None:
                    return None
                return self.name(identifier, owner=type_name)
        return None

    def header(self, key: str) -> Match | None:
        """Return what an HTTP header or WSGI/ASGI environ key carries, or None.

        Any spelling: `X-Forwarded-For`, `x_forwarded_for`, `HTTP_X_FORWARDED_FOR`. Custom
        `X-` headers that the rule pack does not list are read as names.
        """
        if key in self._headers:
            return self._headers[key]
        found = self._classify_header(key)
        self._headers[key] = found
        return found

    def type_name(self, name: str) -> Match | None:
        """Return what a field or annotation type means (`EmailStr`, `models.EmailField`), or None.

        An annotation written as text (`Optional[EmailStr]`) is searched for the first type
        that means something.
        """
        if name in self._types:
            return self._types[name]
        found = self._classify_type(name)
        self._types[name] = found
        return found

    # -- names --------------------------------------------------------------------------------

    def _read_identifier(self, identifier: str) -> tuple[tuple[str, ...], bool | None, Match | None]:
        """The words of an identifier, whether a pattern starts with one of them, and, for a name
        no owner changes the meaning of (never personal, an override, a constant), None instead
        with what it means."""
        pack = self._pack
        words = pack.words(identifier)
        key = "_".join(words)
        # dunder names (`__name__`, `__init__`) belong to Python, not to the data
        if not key or key in self._not_personal or (identifier.startswith("__") and identifier.endswith("__")):
            return words, None, None
        if key in self._fields:
            return words, None, Match(self._fields[key], f"name {identifier!r} ~ [classifier] fields")
        if _is_constant(identifier):
            return words, None, self.header(identifier)
        # a pattern matches from one of its words: a name with none of them can mean something only
        # as the field of a class named for it (`ApiKeyValue.value`: api key value)
        return words, not pack.by_first_word.keys().isdisjoint(words), None

    def _classify_name(self, identifier: str, owner: str | None, also: frozenset[str] = frozenset()) -> Match | None:
        pack = self._pack
        read = self._identifiers.get(identifier)
        if read is None:  # the same identifiers recur under many owners: read once
            read = self._identifiers[identifier] = self._read_identifier(identifier)
        words, can_match, fixed = read
        if can_match is None:
            return fixed
        if not can_match and (not owner or words[0] not in self._split_owner(owner)[2]):
            # nothing can match it but its owner's name, and the owner is not named for it: most
            # names classified under an owner (`field.model`, `connection.ops`) end here
            return None
        owner_groups: frozenset[str] | None = frozenset()
        modifiers: tuple[str, ...] = ()
        named_after: tuple[str, ...] = ()
        if owner:
            read_as, named_after = self._field_owner(owner, words)
            if not can_match and not named_after:
                return None
            owner_groups = self._owner_groups(read_as)
            read_modifiers = self._modifiers.get(read_as)  # `_owner_modifiers` that `_best` may read, memoised
            if read_modifiers is None:
                read_modifiers = self._modifiers[read_as] = tuple(
                    [word for word in self._owner_modifiers(read_as) if word in self._excluding])
            modifiers = read_modifiers
        if owner_groups is None:
            return None
        owner_groups |= also
        if named_after:
            # a class named for its field holds that field: `IPAddress.address` is an IP address
            joined = _best(pack, named_after + words, frozenset())
            if joined is not None:
                return Match(joined[0].category, f"name {identifier!r} ~ {joined[0].text} (owner {owner!r} named for it)")
        # memoised by what it reads: the same identifiers are asked under many owners of the same
        # groups (most under none), and the modifiers it reads are only those a category excludes
        best_key = (words, owner_groups, modifiers)
        cached: tuple[_Pattern, str | None] | None | object = self._bests.get(best_key, _UNSEEN)
        if cached is _UNSEEN:
            best = self._bests[best_key] = _best(pack, words, owner_groups, modifiers)
        else:
            best = cached  # type: ignore[assignment]
        alternative = ""
        if best is None and len(words) > 2 and words[-2] == "or" and words[-1] in _LOOKUP_KEYS:
            # a value that is either a person's name or their record's id (`user_name_or_id`, a CLI
            # argument or a route's lookup key quoted in a log): what its name part says
            best, alternative = _best(pack, words[:-2], owner_groups, modifiers), f" or {words[-1]}"
        if best is None:
            return None
        pattern, via = best
        explain = f"name {identifier!r} ~ {pattern.text}{alternative}"
        if via is not None:
            explain += f" (word {via!r})"
        elif pattern.groups and owner is not None:
            explain += f" (owner {owner!r})"
        return Match(pattern.category, explain)

    def _field_owner(self, owner: str, words: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
        """Return the owner to read a field of `words` under, and the owner's words before the
        field's name when it is named for the field (else no words).

        The owner is `owner` itself, or, when the owner is named for the field (its head words
        are the field's first words), what it is named after that, with its dropped suffixes:
        `ChatTitleForm.title` -> (chat form, chat), `UserStatus.status_message` -> (user,
        user), `ApiKey.key` -> (api, api). Such a class holds one thing of what comes before.
        """
        pack = self._pack
        owner_words, dropped, _ = self._split_owner(owner)
        for size in range(min(len(owner_words) - 1, len(words)), 0, -1):
            if owner_words[-size:] == words[:size]:
                before = list(owner_words[:-size])
                read_as = "_".join((*before, *dropped))
                while len(before) > 1 and before[-1] in pack.owner_suffixes:
                    before.pop()  # `MemoryBaseSession` is named after a memory base: a memory
                return read_as, tuple(before)
        return owner, ()

    def _split_owner(self, owner: str) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
        """The words of `owner`'s last part without the suffixes it drops (`ChatTitleForm` -> chat,
        title), those suffixes (form), and the words a field's name may start with for the owner to
        be named for it (all but the first: title). Memoised: owners recur."""
        found = self._owner_words.get(owner)
        if found is None:
            pack = self._pack
            words = list(pack.words(owner.rsplit(".", 1)[-1]))
            dropped: list[str] = []
            while len(words) > 1 and words[-1] in pack.owner_suffixes:
                dropped.insert(0, words.pop())
            found = self._owner_words[owner] = (tuple(words), tuple(dropped), frozenset(words[1:]))
        return found

    def _owner_modifiers(self, owner: str) -> tuple[str, ...]:
        """Return the words of `owner` before its head word (`SystemMessage` -> system,
        `AIMessageSchema` -> ai), which say whose the owner is, and each two of them next to each
        other also joined (`PreSetReply` -> pre, set, preset), as patterns match words written as one."""
        before = self._split_owner(owner)[0][:-1]
        if len(before) < 2:
            return before
        return before + tuple(a + b for a, b in zip(before, before[1:]))

    def not_a_person(self, owner: str) -> bool:
        """True when `owner`'s head word names a thing that is not a person (the group `notperson`:
        `Queue`, `ProxyServer`, `ex`), whose own fields and attributes mean nothing personal."""
        found = self._not_person.get(owner)
        if found is None:
            words = self._split_owner(owner)[0]
            found = self._not_person[owner] = bool(words) and NOT_PERSON_GROUP in self._pack.word_groups.get(words[-1], ())
        return found

    def owner_in(self, owner: str, group: str, *, of: str | None = None) -> bool:
        """True when `owner`'s head word is in the [owners] group `group` (`ForumPost` and
        `PostSerializer` in `content`, read as `post`) and, with `of`, the word before it is in the
        group `of` (`PostEdit`: an `edit` of a `post`); False otherwise."""
        words = self._split_owner(owner)[0]
        if not words or group not in self._pack.word_groups.get(words[-1], ()):
            return False
        return of is None or (len(words) > 1 and of in self._pack.word_groups.get(words[-2], ()))

    def _owner_groups(self, owner: str) -> frozenset[str] | None:
        """The owner groups of `owner`'s head word; None for a configuration object or a thing that
        is not a person (its head word in the group `notperson`: `Queue`, `server`, `ex`).

        A dropped suffix that names a request or a form (`SimplifiedAPIRequest`,
        `ContentForm`: the groups `request` and `submitted`) adds the `body` group: the fields
        of a request model or a form are keys of the body a person sends, whatever its head
        word (and not the request object's own members, such as `request.client`).
        """
        if owner in self._owners:
            return self._owners[owner]
        pack = self._pack
        words = list(pack.words(owner.rsplit(".", 1)[-1]))
        groups: frozenset[str] | None = frozenset()
        if words:
            configuration = any(w in pack.configuration for w in words)
            dropped: set[str] = set()
            while len(words) > 1:
                suffix = words[-1] in pack.owner_suffixes
                if (suffix or words[-1] in pack.word_groups or words[-1] in pack.configuration) \
                        and words[-2] + words[-1] in pack.word_groups:
                    # a head that a group lists as one word with the word before it reads as that
                    # word: `CreditCard` is a creditcard (not any card), `ChatModel` a chatmodel (an
                    # AI model, not a chat). A head no group knows keeps its reading (`ApiKey`). A
                    # configuration word so joined names no setting (`TopicPollOption`: a polloption)
                    words[-2:] = [words[-2] + words[-1]]
                    configuration = any(w in pack.configuration for w in (*words, *dropped))
                    break
                if not suffix:
                    break
                dropped.add(words.pop())
            groups = pack.word_groups.get(words[-1], frozenset())
            if len(words) > 1 and any(AUTHENTICATOR_GROUP in pack.word_groups.get(w, ())
                                      for w in (*words[:-1], *(a + b for a, b in zip(words, words[1:-1])))):
                # a step or a record of an authenticator's protocol (`FidoRegisterSchema`,
                # `FidoAuthenticationSerializer`, `WebAuthnLoginForm`: a modifier, or two written as
                # one) is about that authenticator whatever its head word: its `response` is the
                # browser's signed answer
                groups |= {AUTHENTICATOR_GROUP}
            if CERTIFICATE_GROUP not in groups and any(CERTIFICATE_GROUP in pack.word_groups.get(w, ()) for w in words[:-1]):
                # an upload, an edit or a revocation of a certificate (`CertificateUploadInputSchema`,
                # `PendingCertificateCancelSchema`): its `body` and `private_key` are the certificate's
                groups |= {CERTIFICATE_GROUP}
            if dropped & (pack.groups.get(REQUEST_GROUP, frozenset()) | pack.groups.get(SUBMITTED_GROUP, frozenset())):
                groups |= {BODY_GROUP}
            if (configuration or NOT_PERSON_GROUP in groups) and "person" not in groups:
                groups = None
        self._owners[owner] = groups
        return groups

    # -- headers and types --------------------------------------------------------------------

    def _classify_header(self, key: str) -> Match | None:
        pack = self._pack
        norm = _header_form(key)
        if not norm or _key(pack, norm) in self._not_personal_headers:
            return None
        category = pack.headers.get(norm)
        if category is not None:
            return Match(category, f"header {key!r} ~ {norm}")
        for prefix, category in pack.header_prefixes:
            if norm.startswith(prefix):
                return Match(category, f"header {key!r} ~ {prefix}*")
        if norm.startswith("x-"):
            best = _best(pack, pack.words(norm[2:]), frozenset())
            if best is not None:
                return Match(best[0].category, f"header {key!r} ~ name {best[0].text}")
        return None

    def _classify_type(self, name: str) -> Match | None:
        pack = self._pack
        for token in _TYPE_TOKEN.findall(name):
            last = token.rsplit(".", 1)[-1]
            if _key(pack, last) in self._not_personal:
                continue
            known = pack.types.get(last.lower())
            if known is not None:
                return Match(known[1], f"type {name!r} ~ {known[0]}")
            for suffix in pack.type_suffixes:
                stem = last[: -len(suffix)]
                if last.endswith(suffix) and stem:
                    best = _best(pack, pack.words(stem), frozenset())
                    if best is not None:
                        return Match(best[0].category, f"type {name!r} ~ name {best[0].text} + {suffix}")
                    break
            else:
                tagged = _TAGGED_FIELD.fullmatch(last)
                if tagged is not None:
                    # a project's variant of a field type, tagged after its `Field` (modoboa's
                    # `DRFEmailFieldUTF8`, an `EmailFieldV2`): the type before the tag
                    untagged = self._classify_type(tagged[1])
                    if untagged is not None:
                        return Match(untagged.category, f"type {name!r} ~ {tagged[1]} + a tag")
        return None


# A field type's name with a tag after its `Field` (`DRFEmailFieldUTF8`, `EmailFieldV2`): the tag
# begins with a digit or an acronym, so a `Fieldset` has none, nor a class named for a field that it
# is not (`CustomEmailFieldUserManager`, Django's tests' manager of a user model).
_TAGGED_FIELD = re.compile(r"(\w+Field)(?:[0-9]|[A-Z][A-Z0-9])\w*")


def tagged_field(name: str) -> bool:
    """Whether `name` is a field type's with a tag after its `Field` (`DRFEmailFieldUTF8`)."""
    return _TAGGED_FIELD.fullmatch(name) is not None


def _key(pack: RulePack, name: str) -> str:
    """The spelling-free form of a name, for overrides: `userEmails` -> `user_email`."""
    return "_".join(pack.words(name))


def _header_form(key: str) -> str:
    """`HTTP_X_FORWARDED_FOR`, `X-Forwarded-For` -> `x-forwarded-for`."""
    norm = key.strip().lower().replace("_", "-")
    if norm.startswith("http-") and len(norm) > 5:
        norm = norm[5:]
    return norm


def _is_constant(identifier: str) -> bool:
    """An all-upper-case name (`EMAIL_HOST`): a configuration constant or an environ key."""
    return identifier.isupper() and any(c.isalpha() for c in identifier)


# The last word of a name read as its part before "or" (`user_name_or_id`): a record's key, which
# the value is when it is not the named one.
_LOOKUP_KEYS = frozenset({"id", "uuid", "pk"})


def _best(
    pack: RulePack, words: tuple[str, ...], owner_groups: frozenset[str], owner_modifiers: tuple[str, ...] = ()
) -> tuple[_Pattern, str | None] | None:
    """The winning pattern for `words` and the word before it that met its owner need, if any.

    Among the patterns that match (see the rule pack's top comment) the one ending last wins,
    then the one with more words as written, then the one written first. A match that only
    the owner makes is cancelled by the owner's modifiers (`owner_modifiers`) that the
    category excludes, as the identifier's own words would: the `content` of a
    `SystemMessage` or an `AIMessage` is not what a person wrote.
    """
    best: tuple[_Pattern, str | None] | None = None
    best_rank: tuple[int, int, int] | None = None
    for start, word in enumerate(words):
        for pattern in pack.by_first_word.get(word, ()):
            end = start + len(pattern.words)
            if words[start:end] != pattern.words:
                continue
            rank = (end, pattern.literal, -pattern.order)
            if best_rank is not None and rank <= best_rank:
                continue
            category = pack.categories[pattern.category]
            # (no generator made for the empty tail or head of most matches)
            if end < len(words) and not all(w.isdigit() or w in pack.transparent or w in category.suffixes
                                            for w in words[end:]):
                continue
            before = words[:start]
            if start and any(w in pack.exclude or w in category.exclude or w in pattern.unless for w in before):
                continue
            if pattern.unless_owners and _context(pack, before, pattern.unless_owners, owner_groups)[0]:
                continue
            via: str | None = None
            if pattern.groups:
                fits, via = _context(pack, before, pattern.groups, owner_groups)
                if not fits:
                    continue
                if via is None and ALONE not in pattern.groups and any(w in category.exclude for w in owner_modifiers):
                    continue
            best, best_rank = (pattern, via), rank
    return best


def _context(
    pack: RulePack, before: tuple[str, ...], needed: frozenset[str], owner_groups: frozenset[str]
) -> tuple[bool, str | None]:
    """Whether an owner-dependent match is in a fitting context, and the word that made it so.

    Walks back from the match over neutral modifiers: a word of a needed group satisfies it;
    any other word means the name is about something else; reaching the start leaves it to
    the owner (no word is returned then).
    """
    for word in reversed(before):
        if pack.word_groups.get(word, frozenset()) & needed:
            return True, word
        if word not in pack.neutral:
            return False, None
    return ALONE in needed or bool(owner_groups & needed), None


# -- loading ----------------------------------------------------------------------------------


def bundled_pack() -> RulePack:
    """Read the bundled rules/classifier.toml and compile it, once per process for each text it holds.

    Read on every call: a process that lives on (a test session, the Python API) sees an edit of
    the pack, as the compiled packs kept on disk, keyed by its bytes, do (scanner.compiled: a pack
    compiled from the old text must never be kept under the new text's key). Raises RulePackError
    when it is missing or broken.
    """
    path = rules_dir() / PACK_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RulePackError([Problem(str(path), None, f"cannot read the classifier rule pack: {error.strerror or error}")]) from error
    return _compiled_bundled(text, str(path))


@functools.lru_cache(maxsize=2)
def _compiled_bundled(text: str, path: str) -> RulePack:
    """The bundled pack compiled from `text` (a broken one raises, and is not remembered)."""
    return compile_pack(text, path, mirrored=Path(path))


def compile_pack(text: str, path: str, *, mirrored: Path | None = None) -> RulePack:
    """Parse, check and compile a classifier rule pack.

    Returns the compiled pack. Raises RulePackError listing every problem, each located at
    its line: invalid TOML, unknown tables or keys, values of the wrong type, category keys
    that are not fideslang keys, malformed patterns, header keys or owner markers. `mirrored`,
    the bundled pack's file `text` was read from, has its parse kept (scanner.tomlmirror).
    """
    try:
        data = loads_mirrored(mirrored, text) if mirrored is not None else tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column, message = decode_error_location(error, text)
        raise RulePackError([Problem(path, line, f"invalid TOML: {message}", column=column)]) from error
    # Lines are only for problems: a valid pack (every run's case) is compiled without indexing
    # the text, and a broken one is compiled again (the same, deterministically) with the index.
    check = TomlChecker(TomlDocument(path=path, data=data, positions=TomlPositions()))
    pack = _Compiler(check).compile(data)
    if check.problems:
        check = TomlChecker(TomlDocument(path=path, data=data, positions=TomlPositions.index(text)))
        _Compiler(check).compile(data)
        raise RulePackError(check.sorted_problems())
    return pack


class _Compiler:
    """Turns the parsed TOML into a RulePack, reporting problems to the checker."""

    def __init__(self, check: TomlChecker) -> None:
        self.check = check
        self.taxonomy = load_taxonomy()
        self.invariant: frozenset[str] = frozenset()

    def words(self, text: str) -> tuple[str, ...]:
        return _split(text, self.invariant)

    def word_set(self, table: Mapping[str, Any], at: KeyPath, key: str, where: str) -> frozenset[str]:
        items = self.check.strings(table, at, key, where) or []
        out: set[str] = set()
        for item, element in items:
            if not _PATTERN_WORD.fullmatch(item):
                self.check.report(element, f"{item!r}{where}: a word is lower-case letters and digits")
                continue
            out.update(self.words(item))
        return frozenset(out)

    def category_key(self, key: str, at: KeyPath) -> bool:
        if key in self.taxonomy:
            return True
        self.check.report(at, f"unknown category {key!r}: not a fideslang key{did_you_mean(self.taxonomy.suggest(key))}")
        return False

    def compile(self, data: Mapping[str, Any]) -> RulePack:
        check = self.check
        check.unknown_keys(data, (), _TOP_KEYS, "")
        words = check.table(data, (), "words", "") or {}
        check.unknown_keys(words, ("words",), _WORD_LISTS, " in [words]")
        # The singulariser's exceptions come first: every other word list goes through it.
        raw_invariant = check.strings(words, ("words",), "invariant", " in [words]") or []
        self.invariant = frozenset(item.lower() for item, _ in raw_invariant)
        lists = {name: self.word_set(words, ("words",), name, " in [words]") for name in _WORD_LISTS if name != "invariant"}

        owners = check.table(data, (), "owners", "") or {}
        groups: dict[str, frozenset[str]] = {}
        for group in owners:
            if group == ALONE:
                check.report(("owners", group), f"[owners] cannot define '{ALONE}': it is the built-in marker @{ALONE}")
                continue
            groups[group] = self.word_set(owners, ("owners",), group, " in [owners]")
        word_groups: dict[str, set[str]] = {}
        for group, members in groups.items():
            for member in members:
                word_groups.setdefault(member, set()).add(group)

        category_table = check.table(data, (), "categories", "") or {}
        if not category_table:
            check.report(("categories",), 'the classifier rule pack has no [categories."<key>"] tables')
        categories, patterns = self.categories(category_table, groups)
        by_first: dict[str, list[_Pattern]] = {}
        for pattern in patterns:
            by_first.setdefault(pattern.words[0], []).append(pattern)

        headers, prefixes = self.headers(check.table(data, (), "headers", "") or {})
        types, suffixes = self.types(check.table(data, (), "types", "") or {})
        return RulePack(
            path=check.document.path,
            invariant=self.invariant,
            transparent=lists["transparent"],
            exclude=lists["exclude"],
            neutral=lists["neutral"],
            owner_suffixes=lists["owner_suffixes"],
            configuration=lists["configuration"],
            groups=groups,
            word_groups={word: frozenset(found) for word, found in word_groups.items()},
            categories=categories,
            by_first_word={word: tuple(found) for word, found in by_first.items()},
            headers=headers,
            header_prefixes=tuple(sorted(prefixes, key=lambda p: -len(p[0]))),
            types=types,
            type_suffixes=suffixes,
        )

    def categories(
        self, table: Mapping[str, Any], groups: Mapping[str, frozenset[str]]
    ) -> tuple[dict[str, _Category], list[_Pattern]]:
        check = self.check
        categories: dict[str, _Category] = {}
        patterns: list[_Pattern] = []
        # the joined form of a pattern ("pass word") can repeat another's ("password"): the first
        # written wins; the same words with other owners ("user @request", "user @string") are
        # other patterns
        seen: set[tuple[str, tuple[str, ...], frozenset[str]]] = set()
        for key, body in table.items():
            at: KeyPath = ("categories", key)
            where = f' in [categories."{key}"]'
            if not self.category_key(key, at):
                continue
            if not isinstance(body, dict):
                check.report(at, f"[categories.\"{key}\"] must be a table, not {type(body).__name__}")
                continue
            check.unknown_keys(body, at, _CATEGORY_KEYS, where)
            categories[key] = _Category(
                exclude=self.word_set(body, at, "exclude", where),
                suffixes=self.word_set(body, at, "suffixes", where),
            )
            entries = body.get("patterns")
            if not isinstance(entries, list) or not entries:
                check.report(at + ("patterns",) if "patterns" in body else at, f"'patterns'{where} must be a non-empty array")
                continue
            for index, entry in enumerate(entries):
                for pattern in self.pattern(key, entry, at + ("patterns", index), where, groups):
                    identity = (key, pattern.words, pattern.groups)
                    if identity not in seen:
                        seen.add(identity)
                        # numbered as kept (by the constructor: `dataclasses.replace` costs twice as much)
                        patterns.append(_Pattern(pattern.category, pattern.words, pattern.literal, pattern.groups, pattern.unless,
                                                 pattern.text, len(patterns), pattern.unless_owners))
        return categories, patterns

    def pattern(
        self, category: str, entry: object, at: KeyPath, where: str, groups: Mapping[str, frozenset[str]]
    ) -> list[_Pattern]:
        check = self.check
        unless: frozenset[str] = frozenset()
        unless_owners: set[str] = set()
        if isinstance(entry, dict):
            check.unknown_keys(entry, at, _PATTERN_TABLE_KEYS, where)
            text = check.string(entry, at, "pattern", where, required=True)
            unless = self.word_set(entry, at, "unless", where)
            for group, element in check.strings(entry, at, "unless_owners", where) or []:
                if group in groups:
                    unless_owners.add(group)
                else:
                    known = ", ".join(sorted(groups)) or "none"
                    check.report(element, f"unless_owners{where}: unknown owner group {group!r} (groups: {known})")
        elif isinstance(entry, str):
            text = entry
        else:
            check.report(at, f"a pattern{where} is a string or {{ pattern = ..., unless = [...] }}, not {type(entry).__name__}")
            return []
        if text is None:
            return []
        written: list[str] = []
        needed: set[str] = set()
        for token in text.split():
            if token.startswith("@"):
                if token[1:] not in groups and token[1:] != ALONE:
                    known = ", ".join(sorted(groups)) or "none"
                    check.report(at, f"pattern {text!r}{where}: unknown owner group {token!r} (groups: {known})")
                    return []
                needed.add(token[1:])
            elif needed:
                check.report(at, f"pattern {text!r}{where}: owner markers come after the words")
                return []
            elif not _PATTERN_WORD.fullmatch(token):
                check.report(at, f"pattern {text!r}{where}: a word is lower-case letters and digits, not {token!r}")
                return []
            else:
                written.append(token)
        if not written:
            check.report(at, f"pattern {text!r}{where} has no words")
            return []
        words = self.words(" ".join(written))
        made = [_Pattern(category, words, len(written), frozenset(needed), unless, text, 0, frozenset(unless_owners))]
        if len(written) > 1 and all(w.isalpha() for w in written):
            joined = _singular("".join(words), self.invariant)
            made.append(_Pattern(category, (joined,), len(written), frozenset(needed), unless, text, 0,
                                 frozenset(unless_owners)))
        return made

    def headers(self, table: Mapping[str, Any]) -> tuple[dict[str, str], list[tuple[str, str]]]:
        exact: dict[str, str] = {}
        prefixes: list[tuple[str, str]] = []
        for key, category in table.items():
            at: KeyPath = ("headers", key)
            if not _HEADER_KEY.fullmatch(key):
                self.check.report(at, f"header {key!r} in [headers]: write it lower-case with '-' between words (a final '*' matches any ending)")
                continue
            if not isinstance(category, str):
                self.check.report(at, f"header {key!r} in [headers] must map to a category key, not {type(category).__name__}")
                continue
            if not self.category_key(category, at):
                continue
            if key.endswith("*"):
                prefixes.append((key[:-1], category))
            else:
                exact[key] = category
        return exact, prefixes

    def types(self, table: Mapping[str, Any]) -> tuple[dict[str, tuple[str, str]], tuple[str, ...]]:
        self.check.unknown_keys(table, ("types",), _TYPE_KEYS, " in [types]")
        suffixes = tuple(item for item, _ in self.check.strings(table, ("types",), "suffixes", " in [types]") or [])
        names = self.check.table(table, ("types",), "names", " in [types]") or {}
        out: dict[str, tuple[str, str]] = {}
        for name, category in names.items():
            at: KeyPath = ("types", "names", name)
            if not isinstance(category, str):
                self.check.report(at, f"type {name!r} in [types.names] must map to a category key, not {type(category).__name__}")
            elif self.category_key(category, at):
                out[name.lower()] = (name, category)
        return out, suffixes
