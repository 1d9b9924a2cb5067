"""The policy inventory: a TOML file stating what the privacy policy allows.

`load_inventory(path)` turns it into a frozen `Inventory` whose every declaration keeps the
line it was written on, so findings can point at it. The format is documented in
docs/inventory.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CollectDecl:
    """One declared collected category: `[[collect]]`, one per listed category."""

    category: str
    purposes: tuple[str, ...]
    section: str
    line: int


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class LoggingPolicy:
    """`[logging]`: which categories may reach logs. `deny` wins over `allow`.

    A category that `allow` does not cover may not be logged either.
    """

    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    section: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ScopeDecl:
    """`[[scopes]]`: stricter rules for code under some path globs (relative to the root)."""

    name: str
    paths: tuple[str, ...]
    section: str
    line: int
    no_store: tuple[str, ...] = ()
    no_log: tuple[str, ...] = ()
    no_share: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClassifierOverrides:
    """`[classifier]`: per-project name classification.

    `fields` maps a name (field, key, variable) to a category; `not_personal` lists names
    that are never personal data in this project.
    """

    fields: tuple[tuple[str, str], ...] = ()
    not_personal: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
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
