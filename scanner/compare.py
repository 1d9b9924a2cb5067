"""The comparison: observations x inventory -> findings. A pure function, no I/O.

Every difference between what the code does and what the inventory declares becomes one
`Finding`, located at the code (or, for a declaration nothing exercises, at the inventory
line) and related to the inventory line it concerns. A finding's identity leaves out line
numbers, so a baseline survives edits above it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace

from scanner import catalog
from scanner.catalog import RuleInfo
from scanner.discovery import glob_match
from scanner.inventory import CookieDecl, Inventory, ScopeDecl
from scanner.model import Cookie, Finding, InventoryRef, Kind, Level, Observation, Span
from scanner.taxonomy import Taxonomy
from scanner.tomlpos import closest

SAMESITE_STRENGTH = {"none": 0, "lax": 1, "strict": 2}


def _covered(taxonomy: Taxonomy, declared: Iterable[str], category: str) -> bool:
    return any(taxonomy.covers(d, category) for d in declared)


def _identity(rule: RuleInfo, *parts: object) -> str:
    text = "\x1f".join([rule.id, *(str(p) for p in parts)])
    # an inventory named in another encoding than UTF-8 comes with surrogate escapes (os.fsdecode):
    # its bytes are hashed (UTF-8 text gives the same bytes either way, so no identity changes)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def _detail(obs: Observation) -> str:
    """The observation's own message as a second sentence: what the code does, and where from."""
    text = obs.message.strip().rstrip(".")
    return f" Observed: {text}." if text else ""


def _listed(categories: Sequence[str]) -> str:
    """The categories as the subject of a sentence, with its verb: "a is", "a, b are"."""
    return f"{', '.join(categories)} {'is' if len(categories) == 1 else 'are'}"


def _is_glob(name: str) -> bool:
    return "*" in name or "?" in name or "[" in name


def _cookie_matches(decl: CookieDecl, name: str) -> bool:
    from fnmatch import fnmatchcase

    return decl.name == name or _is_glob(decl.name) and fnmatchcase(name, decl.name)


def _misspelt(name: str, unused: Sequence[tuple[str, int]], nothing: str) -> str:
    """The end of a message about an undeclared recipient or cookie `name` when a declaration that
    nothing in the code matches is spelt almost so (ignoring case): the inventory's typo
    ('Segmnet', 'SID' for 'sid'), which would otherwise be an error here and a note there with
    nothing between them. "" when no unused declaration is that close."""
    if not unused:
        return ""
    by_folded = {declared.casefold(): (declared, line) for declared, line in unused}
    close = closest(name.casefold(), by_folded, cutoff=_MISSPELT)
    if close is None:
        return ""
    declared, line = by_folded[close]
    return f" (it declares '{declared}' on line {line}, which {nothing}: a misspelling?)"


# difflib's ratio from which an unused declaration reads as a typo of a name: 'Segmnet' for
# 'Segment' (0.86) and 'sesion' for 'session' are; 'OpenAI' for 'Azure OpenAI' (0.67) is not.
_MISSPELT = 0.8


def cookie_declaration(inventory: Inventory, name: str) -> CookieDecl | None:
    """Return the first [[cookies]] declaration naming `name` (exactly or by glob), or None."""
    return next((c for c in inventory.cookies if _cookie_matches(c, name)), None)


def weaker_cookie_attributes(cookie: Cookie, decl: CookieDecl) -> tuple[tuple[str, bool | str], ...]:
    """Return the attributes `decl` requires that `cookie` does not give, with the required value.

    In the order secure, httponly, samesite: `("secure", True)`, `("samesite", "Lax")` (the
    declared spelling). An attribute the code sets with a computed value is never weaker.
    The PS302 message and the `policyscan fix` rewrite both come from this.
    """
    weaker: list[tuple[str, bool | str]] = []
    if decl.secure and cookie.secure is not True and "secure" not in cookie.dynamic:
        weaker.append(("secure", True))
    if decl.httponly and cookie.httponly is not True and "httponly" not in cookie.dynamic:
        weaker.append(("httponly", True))
    if decl.samesite is not None and "samesite" not in cookie.dynamic:
        required = SAMESITE_STRENGTH.get(decl.samesite.lower(), 0)
        given = SAMESITE_STRENGTH.get((cookie.samesite or "").lower(), -1)
        if given < required:
            weaker.append(("samesite", decl.samesite))
    return tuple(weaker)


class _Comparison:
    """Builds the findings of one comparison; holds nothing but its inputs and outputs."""

    def __init__(self, inventory: Inventory, inventory_path: str, inventory_lines: Sequence[str], taxonomy: Taxonomy,
                 inventory_key: str | None = None) -> None:
        self.inventory = inventory
        self.inventory_path = inventory_path
        self.inventory_key = inventory_path if inventory_key is None else inventory_key
        self.inventory_lines = inventory_lines
        self.taxonomy = taxonomy
        self.findings: list[Finding] = []
        # What the code sends to and sets, to tell an undeclared name from a declaration's misspelling.
        self.recipients_seen: set[str] = set()
        self.cookies_seen: set[str] = set()

    def ref(self, line: int | None, text: str, column: int | None = None) -> InventoryRef:
        return InventoryRef(self.inventory_path, line, text, column)

    def add(self, rule: RuleInfo, obs: Observation, categories: Iterable[str], message: str,
            declaration: InventoryRef | None, *, level: Level | None = None) -> None:
        cats = tuple(sorted(set(categories)))
        cookie = obs.cookie.name if obs.cookie else None
        self.findings.append(
            Finding(
                rule_id=rule.id,
                level=level or rule.level,
                message=message,
                path=obs.path,
                span=obs.span,
                categories=cats,
                identity=_identity(rule, obs.path, obs.kind.value, obs.rule, ",".join(cats), obs.recipient, cookie),
                recipient=obs.recipient,
                cookie=cookie,
                observation=obs,
                declaration=declaration,
            )
        )

    def scopes_for(self, path: str) -> list[ScopeDecl]:
        return [s for s in self.inventory.scopes if any(glob_match(path, p) for p in s.paths)]

    def scope_rule(self, obs: Observation, categories: Iterable[str], attribute: str, verb: str) -> set[str]:
        """Report categories a scope forbids here; return those reported."""
        reported: set[str] = set()
        for scope in self.scopes_for(obs.path):
            forbidden = getattr(scope, attribute)
            hit = sorted(c for c in categories if _covered(self.taxonomy, forbidden, c) and c not in reported)
            if hit:
                reported.update(hit)
                self.add(
                    catalog.SCOPE_RULE, obs, hit,
                    f"{_listed(hit)} {verb} under scope '{scope.name}', which forbids {'it' if len(hit) == 1 else 'them'}"
                    f" ({scope.section})."
                    f"{_detail(obs)}",
                    self.ref(scope.line, f"scope '{scope.name}'", scope.column),
                )
        return reported

    # -------------------------------------------------------------- per kind
    def collect(self, obs: Observation) -> None:
        declared = [d.category for d in self.inventory.collect]
        missing = [c for c in obs.categories if not _covered(self.taxonomy, declared, c)]
        if missing:
            self.add(
                catalog.UNDECLARED_COLLECTION, obs, missing,
                f"{_listed(sorted(missing))} collected but the policy inventory does not declare"
                f" {'it' if len(missing) == 1 else 'them'}.{_detail(obs)}",
                self.ref(None, "no [[collect]] declaration covers it"),
            )
        if obs.stored:
            self.scope_rule(obs, obs.categories, "no_store", "stored")

    def share(self, obs: Observation) -> None:
        recipient = obs.recipient or ""
        decl = next((r for r in self.inventory.recipients if r.name.casefold() == recipient.casefold()), None)
        reported = self.scope_rule(obs, obs.categories, "no_share", "shared")
        if decl is None:
            what = f" ({', '.join(obs.categories)})" if obs.categories else ""
            unused = [(r.name, r.line) for r in self.inventory.recipients if r.name.casefold() not in self.recipients_seen]
            self.add(
                catalog.UNDECLARED_RECIPIENT, obs, obs.categories,
                f"Data{what} is sent to {recipient}, which the policy inventory does not declare as a "
                f"recipient{_misspelt(recipient, unused, 'receives nothing')}.",
                self.ref(None, "no [[recipients]] declaration names it"),
            )
            return
        extra = [c for c in obs.categories if c not in reported and not _covered(self.taxonomy, decl.categories, c)]
        if extra:
            self.add(
                catalog.RECIPIENT_CATEGORY, obs, extra,
                f"{recipient} receives {', '.join(sorted(extra))}, which its declaration does not allow.",
                self.ref(decl.line, f"recipient '{decl.name}'", decl.column),
            )

    def cookie(self, obs: Observation) -> None:
        if obs.cookie is None or obs.cookie.name is None:
            return  # a computed name cannot be matched to a declaration
        cookie = obs.cookie
        name = cookie.name
        assert name is not None
        decl = cookie_declaration(self.inventory, name)
        if decl is None:
            unused = [(c.name, c.line) for c in self.inventory.cookies
                      if not _is_glob(c.name) and c.name not in self.cookies_seen]
            self.add(
                catalog.UNDECLARED_COOKIE, obs, obs.categories,
                f"Cookie '{name}' is set but the policy inventory does not declare "
                f"it{_misspelt(name, unused, 'nothing sets')}.",
                self.ref(None, "no [[cookies]] declaration names it"),
            )
            return
        weaker = [f"{attribute}={value}" for attribute, value in weaker_cookie_attributes(cookie, decl)]
        if weaker:
            self.add(
                catalog.COOKIE_ATTRIBUTES, obs, obs.categories,
                f"Cookie '{name}' is set without {', '.join(weaker)}, which the inventory requires.",
                self.ref(decl.line, f"cookie '{decl.name}'", decl.column),
            )
        if decl.session and (cookie.max_age is not None or cookie.expires or "max_age" in cookie.dynamic):
            self.add(
                catalog.COOKIE_LIFETIME, obs, obs.categories,
                f"Cookie '{name}' is declared as a session cookie but is given a lifetime.",
                self.ref(decl.line, f"cookie '{decl.name}'", decl.column),
            )
        elif decl.max_age is not None and cookie.max_age is not None and cookie.max_age > decl.max_age:
            self.add(
                catalog.COOKIE_LIFETIME, obs, obs.categories,
                f"Cookie '{name}' lives {cookie.max_age} seconds, longer than the declared {decl.max_age} seconds.",
                self.ref(decl.line, f"cookie '{decl.name}'", decl.column),
            )

    def log(self, obs: Observation) -> None:
        reported = self.scope_rule(obs, obs.categories, "no_log", "written to a log")
        policy = self.inventory.logging
        forbidden = sorted(
            c for c in obs.categories
            if c not in reported
            and (_covered(self.taxonomy, policy.deny, c) or not _covered(self.taxonomy, policy.allow, c))
        )
        if not forbidden:
            return
        level = Level.NOTE if forbidden == ["user.unique_id"] else None
        self.add(
            catalog.FORBIDDEN_LOG, obs, forbidden,
            f"{_listed(forbidden)} written to a log, which the policy inventory does not allow.{_detail(obs)}",
            self.ref(policy.line, "[logging]", policy.column),
            level=level,
        )

    # ------------------------------------------------------------ declarations
    def unused(self, observations: Sequence[Observation]) -> None:
        collected = [c for o in observations if o.kind is Kind.COLLECT for c in o.categories]
        recipients = {(o.recipient or "").casefold() for o in observations if o.kind is Kind.SHARE}
        cookies = [o.cookie.name for o in observations if o.kind is Kind.COOKIE and o.cookie and o.cookie.name]
        seen: set[tuple[str, int]] = set()
        for decl in self.inventory.collect:
            if not any(self.taxonomy.covers(decl.category, c) for c in collected):
                self._unused(f"Collected category {decl.category}", decl.line, seen, decl.category, decl.column)
        for recipient in self.inventory.recipients:
            if recipient.name.casefold() not in recipients:
                self._unused(f"Recipient '{recipient.name}'", recipient.line, seen, recipient.name, recipient.column)
        for cookie in self.inventory.cookies:
            if not any(_cookie_matches(cookie, name) for name in cookies):
                self._unused(f"Cookie '{cookie.name}'", cookie.line, seen, cookie.name, cookie.column)

    def _unused(self, what: str, line: int, seen: set[tuple[str, int]], key: str, column: int | None) -> None:
        if (what, line) in seen:
            return
        seen.add((what, line))
        text = self.inventory_lines[line - 1] if 0 < line <= len(self.inventory_lines) else ""
        span = _declaration_span(text, line, column, key)
        rule = catalog.UNUSED_DECLARATION
        self.findings.append(
            Finding(
                rule_id=rule.id,
                level=rule.level,
                message=f"{what} is declared but never observed in the scanned code.",
                path=self.inventory_path,
                span=span,
                categories=(key,) if key in self.taxonomy else (),
                identity=_identity(rule, self.inventory_key, what),
            )
        )


def _declaration_span(text: str, line: int, column: int | None, key: str) -> Span:
    """Where a declaration is on its line `text`: from its column (a category's string, a `name`
    key) to the end of that string when it is the quoted `key`, else to the end of the line's
    text; the whole line when the column is unknown."""
    if column is None or not 0 < column <= len(text):
        return Span(line, 1, line, max(len(text), 1) + 1)
    start = column - 1
    for quote in ('"', "'"):
        if text.startswith(f"{quote}{key}{quote}", start):
            return Span(line, column, line, column + len(key) + 2)
    return Span(line, column, line, len(text.rstrip()) + 1)


def compare(
    observations: Sequence[Observation],
    inventory: Inventory,
    *,
    taxonomy: Taxonomy,
    inventory_path: str,
    inventory_lines: Sequence[str] = (),
    inventory_key: str | None = None,
) -> tuple[Finding, ...]:
    """Every difference between the observations and the inventory, sorted, with unique identities.

    `inventory_path` is how findings name the inventory (relative to the root when inside it);
    `inventory_lines` are its lines, to locate notes at declarations precisely; `inventory_key`
    is the inventory's path in the identities of notes located there (default `inventory_path`):
    one that does not depend on where the checkout is, so that a baseline holds on another machine.
    """
    comparison = _Comparison(inventory, inventory_path, inventory_lines, taxonomy, inventory_key)
    for obs in observations:
        if obs.kind is Kind.SHARE:
            comparison.recipients_seen.add((obs.recipient or "").casefold())
        elif obs.kind is Kind.COOKIE and obs.cookie is not None and obs.cookie.name is not None:
            comparison.cookies_seen.add(obs.cookie.name)
    handlers = {
        Kind.COLLECT: comparison.collect,
        Kind.SHARE: comparison.share,
        Kind.COOKIE: comparison.cookie,
        Kind.LOG: comparison.log,
    }
    for obs in observations:
        handlers[obs.kind](obs)
    comparison.unused(observations)
    return number_identities(sorted(comparison.findings, key=lambda f: f.sort_key))


def number_identities(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """Make identities unique: the n-th finding with the same identity gets `:n` (in file order)."""
    counts: dict[str, int] = {}
    numbered: list[Finding] = []
    for finding in findings:
        n = counts.get(finding.identity, 0) + 1
        counts[finding.identity] = n
        numbered.append(replace(finding, identity=f"{finding.identity}:{n}"))
    return tuple(numbered)
