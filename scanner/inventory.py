"""The policy inventory: a TOML file stating what the privacy policy allows.

`load_inventory(path)` turns it into a frozen `Inventory` whose every declaration keeps the
line and column it was written at (a category's string, a `name` key, a `[logging]` header),
so findings can point at it. The format is documented in
docs/inventory.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.errors import InventoryError, Problem
from scanner.fieldmethods import compared_by_fields
from scanner.taxonomy import Taxonomy, load_taxonomy
from scanner.tomlpos import KeyPath, TomlChecker, did_you_mean, read_toml_document, toml_type


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CollectDecl:
    """One declared collected category: `[[collect]]`, one per listed category."""

    category: str
    purposes: tuple[str, ...]
    section: str
    line: int
    column: int | None = None


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RecipientDecl:
    """A declared third-party recipient (`[[recipients]]`) and what it may receive.

    `name` is the canonical service name the rule packs use ("Google Analytics", "Sentry").
    `category_lines` gives, for each category, the line it is listed on.
    """

    name: str
    categories: tuple[str, ...]
    purposes: tuple[str, ...]
    section: str
    line: int
    category_lines: tuple[tuple[str, int], ...] = ()
    column: int | None = None


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CookieDecl:
    """A declared cookie (`[[cookies]]`) with its lifetime and required attributes.

    `name` may be a glob (`ab_*`). `max_age` is the longest allowed lifetime in seconds;
    `session` means the cookie must not outlive the browser session. `secure`, `httponly`
    and `samesite` are requirements: None means no requirement.
    """

    name: str
    purpose: str
    section: str
    line: int
    max_age: int | None = None
    session: bool = False
    secure: bool | None = None
    httponly: bool | None = None
    samesite: str | None = None
    column: int | None = None


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class LoggingPolicy:
    """`[logging]`: which categories may reach logs. `deny` wins over `allow`.

    A category that `allow` does not cover may not be logged either.
    """

    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    section: str = ""
    line: int | None = None
    column: int | None = None


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ScopeDecl:
    """`[[scopes]]`: stricter rules for code under some path globs (relative to the root)."""

    name: str
    paths: tuple[str, ...]
    section: str
    line: int
    no_store: tuple[str, ...] = ()
    no_log: tuple[str, ...] = ()
    no_share: tuple[str, ...] = ()
    column: int | None = None


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ClassifierOverrides:
    """`[classifier]`: per-project name classification.

    `fields` maps a name (field, key, variable) to a category; `not_personal` lists names
    that are never personal data in this project.
    """

    fields: tuple[tuple[str, str], ...] = ()
    not_personal: tuple[str, ...] = ()


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Inventory:
    """A whole, validated policy inventory."""

    path: str
    version: int
    policy: str
    policy_url: str | None
    collect: tuple[CollectDecl, ...]
    recipients: tuple[RecipientDecl, ...]
    cookies: tuple[CookieDecl, ...]
    logging: LoggingPolicy
    scopes: tuple[ScopeDecl, ...]
    classifier: ClassifierOverrides = ClassifierOverrides()


# ---------------------------------------------------------------------------------------
# Loading and checking
# ---------------------------------------------------------------------------------------

TOP_KEYS = ("version", "policy", "policy_url", "collect", "recipients", "cookies", "logging", "scopes", "classifier")
COLLECT_KEYS = ("categories", "purposes", "section")
RECIPIENT_KEYS = ("name", "categories", "purposes", "section")
COOKIE_KEYS = ("name", "purpose", "section", "max_age", "session", "secure", "httponly", "samesite")
LOGGING_KEYS = ("allow", "deny", "section")
SCOPE_KEYS = ("name", "paths", "no_store", "no_log", "no_share", "section")
CLASSIFIER_KEYS = ("fields", "not_personal")
SUPPORTED_VERSION = 1
# Browsers read SameSite case-insensitively; the inventory keeps the spelling RFC 6265bis uses.
_SAMESITE = {"strict": "Strict", "lax": "Lax", "none": "None"}


def load_inventory(path: Path) -> Inventory:
    """Read and validate the inventory at `path`.

    Returns the `Inventory` (its `path` is `str(path)`). Raises `InventoryError` listing
    every problem, in line order, when the file cannot be read, is not UTF-8, is not valid
    TOML, or breaks the format in docs/inventory.md.
    """
    inventory, problems = _read(path)
    if problems or inventory is None:
        raise InventoryError(problems)
    return inventory


def check_inventory(path: Path) -> list[Problem]:
    """Every problem of the inventory at `path`, in line order; an empty list when it is valid.

    Never raises for a bad inventory (an unreadable file is one problem too).
    """
    return _read(path)[1]


# The keys `inventory init` fills with a "TODO: ..." placeholder for a person to replace.
_PLACEHOLDER_KEYS = frozenset({"policy", "purposes", "purpose", "section"})


def draft_placeholders(path: Path) -> tuple[int, ...]:
    """The lines of a valid inventory where a `policy`, `purposes`, `purpose` or `section` value
    still starts with "TODO" (as `inventory init` writes them), in order; () when there is none.

    A draft is a valid inventory that states what the code does, not what the policy promises,
    so `inventory check` says which lines are left to write rather than calling it an error.
    """
    document = read_toml_document(path)
    if isinstance(document, Problem):
        return ()
    lines: set[int] = set()

    def visit(value: object, at: KeyPath, key: str | None) -> None:
        if isinstance(value, Mapping):
            for name, item in value.items():
                visit(item, at + (name,), name)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, at + (index,), key)
        elif key in _PLACEHOLDER_KEYS and isinstance(value, str) and value.lstrip().startswith("TODO"):
            position = document.positions.position_of(at)
            if position is not None:
                lines.add(position[0])

    visit(document.data, (), None)
    return tuple(sorted(lines))


def draft_message(lines: Sequence[int]) -> str:
    """What `inventory check` and `scan` say of an inventory whose `lines` hold placeholders."""
    shown = ", ".join(map(str, lines[:8])) + (f" and {len(lines) - 8} more" if len(lines) > 8 else "")
    plural = "s" if len(lines) != 1 else ""
    return (f"still a draft: {len(lines)} TODO placeholder{plural} left (line{plural} {shown}); "
            "replace each with the policy's words and section")


# The arrays that forbid categories, where a child listed with its parent (which forbids it
# already) adds nothing. Not the arrays that describe what the code may do ([[collect]] and
# recipients' categories, logging's allow): there a child under its parent mirrors the words of
# the policy (the example inventory does so on purpose), inventory init's draft lists every
# category observed, and [[collect]] checks each listed category for use on its own (PS901).
_FORBIDDING_ARRAYS = frozenset({"deny", "no_store", "no_log", "no_share"})


def inventory_warnings(path: Path) -> list[Problem]:
    """Near-duplicates inside one array of the inventory at `path`, in line order: a string listed
    twice, or in an array that forbids categories (`deny`, a scope's `no_*`) a category listed
    with its parent, which forbids it already.

    Each is harmless (the inventory means the same without it) but a sign of a slip, such as a
    child written where another category was meant, so `inventory check` warns without failing.
    [] when the file cannot be read (its one problem says why).
    """
    document = read_toml_document(path)
    if isinstance(document, Problem):
        return []
    warnings: list[Problem] = []

    def place(at: KeyPath) -> tuple[int | None, int | None]:
        position = document.positions.position_of(at)
        return (None, None) if position is None else position

    def check_array(items: list[Any], at: KeyPath, key: str) -> None:
        first: dict[str, KeyPath] = {}
        for index, item in enumerate(items):
            if isinstance(item, str):
                first.setdefault(item, at + (index,))
        for index, item in enumerate(items):
            if not isinstance(item, str):
                continue
            line, column = place(at + (index,))
            earlier = first[item]
            if earlier != at + (index,):
                message = f"'{item}' is listed twice in {key} (first on {_line_column(place(earlier))})"
            else:
                forbidding = key in _FORBIDDING_ARRAYS
                parent = next((p for p in _parents(item) if p in first), None) if forbidding else None
                if parent is None:
                    continue
                message = (f"'{item}' in {key} is forbidden already by its parent '{parent}', listed too "
                           f"({_line_column(place(first[parent]))}): one of them is enough")
            warnings.append(Problem(str(path), line, f"warning: {message}", column))

    def visit(value: object, at: KeyPath, key: str | None) -> None:
        if isinstance(value, Mapping):
            for name, item in value.items():
                visit(item, at + (name,), name)
        elif isinstance(value, list):
            if key is not None and any(isinstance(item, str) for item in value):
                check_array(value, at, key)
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    visit(item, at + (index,), key)

    visit(document.data, (), None)
    return sorted(warnings, key=lambda w: (w.line or 0, w.column or 0))


def _parents(category: str) -> list[str]:
    """'user.device.ip_address' -> ['user.device', 'user'] (fideslang keys are dotted paths)."""
    parts = category.split(".")
    return [".".join(parts[:end]) for end in range(len(parts) - 1, 0, -1)]


def _line_column(position: tuple[int | None, int | None]) -> str:
    line, column = position
    return f"line {line}, column {column}" if column is not None else f"line {line}"


def _read(path: Path) -> tuple[Inventory | None, list[Problem]]:
    document = read_toml_document(path)
    if isinstance(document, Problem):
        return None, [document]
    checker = TomlChecker(document, columns=True)
    inventory = _InventoryReader(checker, load_taxonomy()).read()
    problems = checker.sorted_problems()
    return (None if problems else inventory), problems


def check_categories(checker: TomlChecker, items: list[tuple[str, KeyPath]] | None, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Report each unknown category key (with the closest known key); return all the keys."""
    for key, at in items or ():
        if key not in taxonomy:
            checker.report(at, f"unknown data category '{key}'{did_you_mean(taxonomy.suggest(key))}")
    return tuple(key for key, _ in items or ())


def read_classifier(
    checker: TomlChecker, table: Mapping[str, Any], at: KeyPath, header: str, taxonomy: Taxonomy
) -> ClassifierOverrides:
    """Read a classifier table (`[classifier]`, `[tool.policyscan.classifier]`), reporting problems.

    `header` names the table in messages ("[classifier]"). `fields` maps names to category
    keys, which must be known; `not_personal` is an array of names.
    """
    where = f" in {header}"
    checker.unknown_keys(table, at, CLASSIFIER_KEYS, where)
    fields: list[tuple[str, str]] = []
    field_table = checker.table(table, at, "fields", where)
    if field_table is not None:
        fields_at = at + ("fields",)
        fields_where = f" in {header[:-1]}.fields]"
        for name, value in field_table.items():
            if not isinstance(value, str):
                checker.report(fields_at + (name,), f"'{name}'{fields_where} must be a data category key, not {toml_type(value)}",
                               value=True)
                continue
            check_categories(checker, [(value, fields_at + (name,))], taxonomy)
            fields.append((name, value))
    not_personal = checker.strings(table, at, "not_personal", where) or []
    return ClassifierOverrides(fields=tuple(fields), not_personal=tuple(name for name, _ in not_personal))


class _InventoryReader:
    """Reads every part of an inventory document; problems go to the checker."""

    def __init__(self, checker: TomlChecker, taxonomy: Taxonomy) -> None:
        self.checker = checker
        self.taxonomy = taxonomy

    def line(self, at: KeyPath) -> int:
        # Every path read here comes from the parsed document, so the index has its line;
        # the fallback only guards against an indexer bug turning into a crash.
        return self.checker.line(at) or 1

    def column(self, at: KeyPath) -> int | None:
        """The column the key, header or element at `at` starts on (findings point at it)."""
        position = self.checker.document.positions.position_of(at)
        return None if position is None else position[1]

    def unique(self, first_line: dict[str, int], key: str, at: KeyPath, what: str) -> None:
        """Report the table at `at` when `key` was declared before; else remember its line in `first_line`."""
        if key in first_line:
            self.checker.report(at + ("name",), f"duplicate {what} (first declared on line {first_line[key]})")
        else:
            first_line[key] = self.line(at + ("name",))

    def name(self, table: dict[str, Any], at: KeyPath, where: str, what: str) -> str | None:
        """The required `name` of a recipient or cookie; spaces around it are a problem.

        The code never names a service or cookie with them, so `name = "Segment "` would declare
        nothing the scan matches: the call is reported undeclared and the declaration unused.
        """
        name = self.checker.string(table, at, "name", where, required=True)
        if name is not None and name != name.strip():
            self.checker.report(at + ("name",), f"{what} name '{name}' has spaces around it, which no {what} in the "
                                f"code has: write '{name.strip()}'", value=True)
        return name

    def categories(self, items: list[tuple[str, KeyPath]] | None) -> tuple[str, ...]:
        return check_categories(self.checker, items, self.taxonomy)

    def read(self) -> Inventory:
        check = self.checker
        data = check.document.data
        check.unknown_keys(data, (), TOP_KEYS, "")
        version = check.integer(data, (), "version", "", required=True)
        if version is not None and version != SUPPORTED_VERSION:
            check.report(
                ("version",),
                f"unsupported inventory version {version}: this policyscan reads version {SUPPORTED_VERSION}",
                value=True,
            )
        policy = check.string(data, (), "policy", "", required=True)
        policy_url = check.string(data, (), "policy_url", "")
        collect = [decl for at, table in check.array_of_tables(data, (), "collect", "") for decl in self.collect(at, table)]
        recipients = self.recipients(check.array_of_tables(data, (), "recipients", ""))
        cookies = self.cookies(check.array_of_tables(data, (), "cookies", ""))
        logging_table = check.table(data, (), "logging", "")
        logging = LoggingPolicy() if logging_table is None else self.logging(logging_table)
        scopes = self.scopes(check.array_of_tables(data, (), "scopes", ""))
        classifier_table = check.table(data, (), "classifier", "")
        classifier = (
            ClassifierOverrides()
            if classifier_table is None
            else read_classifier(check, classifier_table, ("classifier",), "[classifier]", self.taxonomy)
        )
        return Inventory(
            path=check.document.path,
            version=version or SUPPORTED_VERSION,
            policy=policy or "",
            policy_url=policy_url,
            collect=tuple(collect),
            recipients=recipients,
            cookies=cookies,
            logging=logging,
            scopes=scopes,
            classifier=classifier,
        )

    def collect(self, at: KeyPath, table: dict[str, Any]) -> list[CollectDecl]:
        check, where = self.checker, " in [[collect]]"
        check.unknown_keys(table, at, COLLECT_KEYS, where)
        categories = check.strings(table, at, "categories", where, required=True, nonempty=True)
        self.categories(categories)
        purposes = check.strings(table, at, "purposes", where, required=True, nonempty=True) or []
        section = check.string(table, at, "section", where, required=True) or ""
        return [
            CollectDecl(category=key, purposes=tuple(p for p, _ in purposes), section=section, line=self.line(element),
                        column=self.column(element))
            for key, element in categories or ()
        ]

    def recipients(self, tables: list[tuple[KeyPath, dict[str, Any]]]) -> tuple[RecipientDecl, ...]:
        check, where = self.checker, " in [[recipients]]"
        declared: list[RecipientDecl] = []
        first_line: dict[str, int] = {}
        for at, table in tables:
            check.unknown_keys(table, at, RECIPIENT_KEYS, where)
            name = self.name(table, at, where, "recipient")
            categories = check.strings(table, at, "categories", where) or []
            self.categories(categories)
            purposes = check.strings(table, at, "purposes", where, required=True, nonempty=True) or []
            section = check.string(table, at, "section", where, required=True) or ""
            line = self.line(at + ("name",))
            if name is not None:
                self.unique(first_line, name.casefold(), at, f"recipient '{name}'")
            declared.append(
                RecipientDecl(
                    name=name or "",
                    categories=tuple(key for key, _ in categories),
                    purposes=tuple(p for p, _ in purposes),
                    section=section,
                    line=line,
                    category_lines=tuple((key, self.line(element)) for key, element in categories),
                    column=self.column(at + ("name",)),
                )
            )
        return tuple(declared)

    def cookies(self, tables: list[tuple[KeyPath, dict[str, Any]]]) -> tuple[CookieDecl, ...]:
        check, where = self.checker, " in [[cookies]]"
        declared: list[CookieDecl] = []
        first_line: dict[str, int] = {}
        for at, table in tables:
            check.unknown_keys(table, at, COOKIE_KEYS, where)
            name = self.name(table, at, where, "cookie")
            purpose = check.string(table, at, "purpose", where, required=True) or ""
            section = check.string(table, at, "section", where, required=True) or ""
            max_age = check.integer(table, at, "max_age", where, minimum=0)
            session = check.boolean(table, at, "session", where)
            if max_age is not None and session:
                check.report(
                    at + ("max_age",),
                    "'max_age' and 'session = true' in [[cookies]] exclude each other: "
                    "a session cookie ends with the browser session",
                )
            secure = check.boolean(table, at, "secure", where)
            httponly = check.boolean(table, at, "httponly", where)
            samesite = check.string(table, at, "samesite", where)
            if samesite is not None:
                canonical = _SAMESITE.get(samesite.lower())
                if canonical is None:
                    check.report(
                        at + ("samesite",),
                        f"'samesite' in [[cookies]] must be 'Strict', 'Lax' or 'None', not '{samesite}'",
                        value=True,
                    )
                samesite = canonical
            line = self.line(at + ("name",))
            if name is not None:
                self.unique(first_line, name, at, f"cookie '{name}'")
            declared.append(
                CookieDecl(
                    name=name or "",
                    purpose=purpose,
                    section=section,
                    line=line,
                    max_age=max_age,
                    session=bool(session),
                    secure=secure,
                    httponly=httponly,
                    samesite=samesite,
                    column=self.column(at + ("name",)),
                )
            )
        return tuple(declared)

    def logging(self, table: dict[str, Any]) -> LoggingPolicy:
        check, at, where = self.checker, ("logging",), " in [logging]"
        check.unknown_keys(table, at, LOGGING_KEYS, where)
        allowed = check.strings(table, at, "allow", where)
        denied = check.strings(table, at, "deny", where)
        allow = self.categories(allowed)
        deny = self.categories(denied)
        self.allowed_in_vain(allowed or [], denied or [])
        section = check.string(table, at, "section", where) or ""
        return LoggingPolicy(allow=allow, deny=deny, section=section, line=self.line(at),
                             column=self.column(at))

    def allowed_in_vain(self, allowed: list[tuple[str, KeyPath]], denied: list[tuple[str, KeyPath]]) -> None:
        """Report each `allow` entry that a `deny` entry covers: deny wins, so it allows nothing.

        `allow = ["user.unique_id"]` beside `deny = ["user"]` reads as "nothing of the user but
        their id", yet logs no id at all; the person meant something the file does not say.
        """
        known = [(key, at) for key, at in denied if key in self.taxonomy]
        for key, at in allowed:
            if key not in self.taxonomy:
                continue
            cover = next(((d, d_at) for d, d_at in known if self.taxonomy.covers(d, key)), None)
            if cover is not None:
                denied_key, denied_at = cover
                same = "" if denied_key == key else f" '{denied_key}', which covers it,"
                self.checker.report(
                    at,
                    f"'{key}' in 'allow' of [logging] allows nothing: 'deny' lists{same or ' it too'} on line "
                    f"{self.line(denied_at)}, and deny wins (remove one of them)",
                )

    def scopes(self, tables: list[tuple[KeyPath, dict[str, Any]]]) -> tuple[ScopeDecl, ...]:
        check, where = self.checker, " in [[scopes]]"
        declared: list[ScopeDecl] = []
        first_line: dict[str, int] = {}
        for at, table in tables:
            check.unknown_keys(table, at, SCOPE_KEYS, where)
            name = check.string(table, at, "name", where, required=True)
            paths = check.strings(table, at, "paths", where, required=True, nonempty=True) or []
            for glob, element in paths:
                if glob.startswith("/") or "\\" in glob:
                    check.report(
                        element,
                        f"scope path '{glob}' must be relative to the scanned root, with '/' between parts",
                    )
            no_store = self.categories(check.strings(table, at, "no_store", where))
            no_log = self.categories(check.strings(table, at, "no_log", where))
            no_share = self.categories(check.strings(table, at, "no_share", where))
            section = check.string(table, at, "section", where, required=True) or ""
            line = self.line(at + ("name",))
            if name is not None:
                self.unique(first_line, name, at, f"scope '{name}'")
            declared.append(
                ScopeDecl(
                    name=name or "",
                    paths=tuple(glob for glob, _ in paths),
                    section=section,
                    line=line,
                    no_store=no_store,
                    no_log=no_log,
                    no_share=no_share,
                    column=self.column(at + ("name",)),
                )
            )
        return tuple(declared)
