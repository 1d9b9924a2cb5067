"""A draft policy inventory written from what the code does today (`policyscan inventory init`).

The draft declares every category collected, every recipient shared with (and what it
receives), every cookie set by name, and every category written to logs, so that a scan of
the same code against it reports nothing. It says what the code does, not what the policy
promises: purposes and sections are placeholders the user fills in from the real policy,
and each declaration names one or two places in the code that made it, to check it by.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from scanner.model import Kind, Observation

# What each placeholder is replaced with; plain text, so that `inventory check` accepts the
# draft as it is (a required string must only be non-empty) and a reader sees what is missing.
PLACEHOLDER_POLICY = "TODO: the privacy policy's name"
PLACEHOLDER_PURPOSE = "TODO: why, in the policy's words"
PLACEHOLDER_SECTION = "TODO: the policy section that discloses this"

HEAD = """\
# A DRAFT policy inventory, written by `policyscan inventory init` from the code as it is.
# It describes what the code does today, not what the privacy policy promises: check every
# declaration against the real policy, remove what the policy does not allow (and change the
# code), and replace each TODO with the policy's words and the section that says it.
# Each declaration's comment names one or two places in the code that made it.
# The format: docs/inventory.md.
"""

# Places named in a declaration's comment; more are counted, not listed.
_PLACES_SHOWN = 2


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes (\\", \\\\, \\n, \\uXXXX) are all valid TOML ones;
    JSON leaves DEL as it is, which TOML does not allow in a string."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _comment(places: Iterable[tuple[str, int]]) -> str:
    """`# a.py:3, b.py:9 (and 2 more)`: the first places in path and line order."""
    ordered = sorted(set(places))
    shown = ", ".join(f"{path}:{line}" for path, line in ordered[:_PLACES_SHOWN])
    more = len(ordered) - _PLACES_SHOWN
    # a path could hold a line break, which would end the comment and break the TOML
    text = shown + (f" (and {more} more)" if more > 0 else "")
    return "# " + text.replace("\r", " ").replace("\n", " ")


def cookie_glob(name: str) -> str:
    """A cookie's name as a declaration that matches exactly it: a declared name is a glob
    (fnmatchcase), so `*`, `?` and `[` in a real name are each written as a one-character set."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in name)


def _by_key(pairs: Iterable[tuple[str, Observation]]) -> dict[str, list[tuple[str, int]]]:
    found: dict[str, list[tuple[str, int]]] = {}
    for key, obs in pairs:
        found.setdefault(key, []).append((obs.path, obs.span.start_line))
    return dict(sorted(found.items()))


def _array(key: str, values: dict[str, list[tuple[str, int]]]) -> list[str]:
    """`key = [...]` over several lines, each element with its places as a comment."""
    lines = [f"{key} = ["]
    lines.extend(f"    {toml_string(value)},  {_comment(places)}" for value, places in values.items())
    lines.append("]")
    return lines


def draft_inventory(observations: Sequence[Observation]) -> str:
    """The draft inventory's TOML text for these observations; the same text for the same set."""
    collected = _by_key((c, o) for o in observations if o.kind is Kind.COLLECT for c in o.categories)
    logged = _by_key((c, o) for o in observations if o.kind is Kind.LOG for c in o.categories)
    cookies = _by_key((o.cookie.name, o) for o in observations
                      if o.kind is Kind.COOKIE and o.cookie is not None and o.cookie.name)
    # Recipients are compared case-insensitively: one declaration per name, as the packs spell it
    shares = [o for o in observations if o.kind is Kind.SHARE and o.recipient]
    recipients: dict[str, str] = {}
    for obs in sorted(shares, key=lambda o: o.sort_key):
        recipients.setdefault((obs.recipient or "").casefold(), obs.recipient or "")

    lines = [HEAD, "version = 1", f"policy = {toml_string(PLACEHOLDER_POLICY)}"]
    if collected:
        lines += ["", "[[collect]]", *_array("categories", collected),
                  f"purposes = [{toml_string(PLACEHOLDER_PURPOSE)}]", f"section = {toml_string(PLACEHOLDER_SECTION)}"]
    for key, name in sorted(recipients.items()):
        mine = [o for o in shares if (o.recipient or "").casefold() == key]
        received = _by_key((c, o) for o in mine for c in o.categories)
        lines += ["", "[[recipients]]", f"name = {toml_string(name)}  {_comment((o.path, o.span.start_line) for o in mine)}"]
        lines += _array("categories", received) if received else ["categories = []"]
        lines += [f"purposes = [{toml_string(PLACEHOLDER_PURPOSE)}]", f"section = {toml_string(PLACEHOLDER_SECTION)}"]
    for name, places in cookies.items():
        lines += ["", "[[cookies]]", f"name = {toml_string(cookie_glob(name))}  {_comment(places)}",
                  f"purpose = {toml_string(PLACEHOLDER_PURPOSE)}", f"section = {toml_string(PLACEHOLDER_SECTION)}"]
    # An absent [logging] table allows nothing in logs; the draft allows what is logged today.
    lines += ["", "[logging]"]
    if logged:
        lines += _array("allow", logged)
    else:
        lines.append("allow = []")
    lines.append(f"section = {toml_string(PLACEHOLDER_SECTION)}")
    return "\n".join(lines) + "\n"
