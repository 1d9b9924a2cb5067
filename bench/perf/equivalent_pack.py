#!/usr/bin/env python3
"""A semgrep pack of policyscan's coverage, generated from its own models, for the benchmark.

    python bench/perf/equivalent_pack.py [OUT]   (default bench/perf/.cache/out/equivalent-pack.yaml)

Issue 5 compares policyscan's speed with semgrep's. The project's own semgrep pack
(rules/semgrep/sdk-settings.yaml) is 8 pattern rules about SDK settings, a sliver of what
policyscan detects; this module writes the pack a user would need to get policyscan's detection
from semgrep, built at benchmark time from the same data policyscan runs on: the models of
rules/models/*.toml as `scanner.packs.load_models` compiles them, and the name classifier of
rules/classifier.toml as `scanner.classify.bundled_pack` compiles it. One rule per detector family:

- `policyscan-equivalent-log` (taint): sources are reads of personal names (see below) and the
  request objects of the frameworks pack; sinks are the logging pack's calls (functions, methods
  of the loggers its `[returns]` and aliases make, and loggers known by their name).
- `policyscan-equivalent-share` (taint): the same sources into the share pack's SDK calls and
  the HTTP client calls of `[[http]]`.
- `policyscan-equivalent-cookie` (search): the cookie pack's setter methods and functions.
- `policyscan-equivalent-collect` (search): schema fields whose name is personal, in classes
  deriving from a schema family's bases or carrying its decorators (field calls of the family,
  or annotations for the annotated families), and reads of request objects' members.

Personal names are regexes (`name_regexes`) built from the classifier's patterns: each pattern's
words, in their plural forms too, written together, with `_` or a camelCase hump between them,
after any words (not the classifier's excluded ones) and followed only by the classifier's
transparent words, any category's suffixes or digits. A pattern that needs an owner (`name
@person`) matches after one of its owner words (`customer_name`, `customer.name`); `@alone` ones
also on their own. It is matched against field names, and searched for in the source text for
variable and attribute reads and string keys (see name_regexes for why).

What it cannot cover, by semgrep's design or to keep one rule per family (so findings are not
comparable one to one with policyscan's observations; the benchmark compares cost):
no cross-module summaries (a function in another module that returns or logs personal data,
a schema base class defined in the project, a client made in another module or in `__init__`
as `self.client`); an SDK client is followed only through `$O = Client(...)` earlier in the
same scope; no inventory and no comparison; no categories, recipients or hosts (a request to a
third-party host is any HTTP call reached by personal data); the classifier's owner context from
class names, `unless` words, header and type tables beyond request headers, configuration
owners and all-caps constants are not modelled; schema families whose bases are instances
(`flask_sqlalchemy.SQLAlchemy().Model`) are matched only through their decorators or other
bases; received-only families (Pydantic, dataclasses, TypedDict) report every class, not only
those that receive data.

The output is deterministic (sorted) JSON, which is YAML: `semgrep --config` reads it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_OUT = HERE / ".cache" / "out" / "equivalent-pack.yaml"

# Run as a script from anywhere, or imported by the tests: this repository's scanner, unless one is
# on PYTHONPATH already (run.py generates the pack of the checkout it measures, as `--ref` exports it).
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

from scanner.classify import ALONE, RulePack, bundled_pack
from scanner.packs import Models, load_models

RULE_PREFIX = "policyscan-equivalent-"
# Request members that are not a collect (the application's own cookies) or whose keys are read
# through the header table instead of as names.
_NOT_COLLECTED = frozenset({"cookies"})
_HEADER_ROLES = frozenset({"headers", "header"})
# A separator between an owner or earlier words and a match: `_`, `.`.
_SEP = r"[._]"
# The longest regex the pack holds, in characters: semgrep (PCRE) refuses those compiling beyond 64 kB.
REGEX_BUDGET = 24_000


@dataclass(frozen=True, slots=True)
class SinkPatterns:
    """The semgrep patterns of a set of called names: plain calls, and methods of receivers.

    `functions` are qualified names semgrep resolves through imports (`analytics.track`);
    `methods` maps a receiver expression (`openai.OpenAI(...)`, `logging.getLogger(...)`) to the
    member paths called on it (`chat.completions.create`).
    """

    functions: tuple[str, ...]
    methods: Mapping[str, tuple[str, ...]]


# --- personal names ----------------------------------------------------------------------------


def _word(word: str, *, plural: bool) -> str:
    """A classifier word as a regex: its first letter in either case, and its plural when asked."""
    if not word:
        return ""
    head = f"[{word[0]}{word[0].upper()}]" if word[0].isalpha() else re.escape(word[0])
    body = head + re.escape(word[1:])
    if not plural or word.isdigit():
        return body
    if word.endswith("y") and len(word) > 2:
        return head + re.escape(word[1:-1]) + "(?:y|ies)"
    return body + "(?:e?s)?"


def _words(words: Sequence[str]) -> str:
    """A pattern's words as a regex: written together, with `_` or a camelCase hump between them."""
    return "_?".join(_word(w, plural=i == len(words) - 1) for i, w in enumerate(words))


def _alternatives(parts: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted(set(parts))) + ")"


def name_regexes(pack: RulePack, *, within_text: bool = False, budget: int = REGEX_BUDGET) -> tuple[str, ...]:
    """Return the regexes of personal names, from the classifier's patterns (see the module docstring):
    a name is personal when one of them matches it.

    By default each matches a whole name (a field's); the name may be dotted (`self.user.email`):
    the match is its last words. `within_text` gives regexes that find such names in source text
    instead (`pattern-regex`: `user.email`, `data["email"]`, not `get_email(`): semgrep's
    `metavariable-regex` compiles its regex again for every candidate, which on every expression
    of a file takes longer than its 5-second timeout, where a `pattern-regex` is compiled once per
    file. Patterns that need the same owners share one alternation of the owners' words, and every
    pattern takes the trailing words of every category. semgrep cannot compile one regex of them
    all (its PCRE limit is near 64 kB compiled), so the patterns are split into regexes of at most
    about `budget` characters, in sorted order.
    """
    bare: set[str] = set()
    owned: dict[tuple[str, ...], set[str]] = {}
    trailing_words = set(pack.transparent)
    for category in pack.categories.values():
        trailing_words |= category.suffixes
    for patterns in pack.by_first_word.values():
        for pattern in patterns:
            words = _words(pattern.words)
            owners = tuple(sorted({w for group in pattern.groups if group != ALONE for w in pack.groups.get(group, ())}))
            if not pattern.groups or ALONE in pattern.groups:
                bare.add(words)
            if owners:
                owned.setdefault(owners, set()).add(words)
    trailing = _alternatives(_word(w, plural=True) for w in trailing_words)
    excluded = _alternatives(_word(w, plural=False) for w in pack.exclude)
    # a prefix of whole words, up to a separator or a camelCase hump, none of them an excluded word;
    # a whole name is tried only when it is one (semgrep tries field regexes on whole assignments' targets)
    start, end = (r"(?<![\w.])", r"(?![\w(])") if within_text else (r"^(?=[\w.]+$)", "$")
    head = rf"{start}(?![\w.]*?(?<![A-Za-z0-9]){excluded}{_SEP})(?:[\w.]*?(?:{_SEP}|[a-z0-9](?=[A-Z])))?"
    tail = rf"(?:{_SEP}?{trailing}|{_SEP}?[0-9]+)*{end}"
    room = max(budget - len(head) - len(tail), 1)
    forms: list[str] = []
    for owners, matched in sorted(owned.items()):
        for chunk in _chunks(sorted(matched), room // 2):
            forms.append(_alternatives(_word(o, plural=True) for o in owners) + f"{_SEP}?" + _alternatives(chunk))
    forms.extend(_alternatives(chunk) for chunk in _chunks(sorted(bare), room))
    return tuple(head + _alternatives(chunk) + tail for chunk in _chunks(forms, room))


def _chunks(parts: Sequence[str], room: int) -> list[list[str]]:
    """`parts` in order, in runs whose joined length stays within `room` (a longer part stands alone)."""
    runs: list[list[str]] = []
    size = room + 1
    for part in parts:
        if size + len(part) + 1 > room:
            runs.append([])
            size = 0
        runs[-1].append(part)
        size += len(part) + 1
    return runs


def header_regex(pack: RulePack) -> str:
    """Return the regex of a string literal naming a personal header (`"X-Forwarded-For"`,
    `'HTTP_USER_AGENT'`): the classifier's header keys, any case, `_` or `-` between words."""
    def key(text: str) -> str:
        return "[-_]".join(re.escape(part) for part in text.split("-"))

    exact = [key(k) for k in pack.headers]
    prefixes = [key(p.rstrip("-")) + r"[-_]?[\w-]*" for p, _ in pack.header_prefixes]
    return rf"(?i)^[\"'](?:HTTP_)?{_alternatives(exact + prefixes)}[\"']$"


# --- calls -------------------------------------------------------------------------------------


def _call_form(name: str) -> str:
    """A qualified name as a semgrep expression: `X()` (an instance of X) written `X(...)`."""
    return name.replace("()", "(...)")


def sink_patterns(names: Iterable[str], models: Models) -> SinkPatterns:
    """Return how semgrep finds calls of the table names `names` (see SinkPatterns).

    A name `T.m` whose `T` is a type some call returns (`logging.Logger`, from `[returns]`) or
    that an alias names (`tornado.log.app_log`) is a method of what those make; a name holding
    `X()` is a method of an instance of X (or of a class aliased to X); others are functions.
    """
    produced: dict[str, set[str]] = {}
    for call, made in models.returns.items():
        produced.setdefault(made, set())
    for call, made in models.returns.items():
        if call.rpartition(".")[0] not in produced:  # not a method of such an object (`Logger.getChild`)
            produced[made].add(_call_form(call) + "(...)")
    class_aliases: dict[str, set[str]] = {}
    for alias, target in models.aliases.items():
        if target.startswith("@"):
            continue
        if target in produced:
            produced[target].add(alias)  # an object of that type (`tornado.log.app_log`)
        else:
            class_aliases.setdefault(target, set()).add(alias)
    functions: set[str] = set()
    methods: dict[str, set[str]] = {}
    for name in names:
        if "()" in name:
            owner, rest = name.split("().", 1) if "()." in name else (name[:-2], "")
            if not rest:  # an instance itself: its construction is the call
                functions.add(_call_form(owner))
                continue
            for cls in sorted({owner, *class_aliases.get(owner, ())}):
                methods.setdefault(f"{_call_form(cls)}(...)", set()).add(rest)
            for receiver in produced.get(owner + "()", ()):
                methods.setdefault(receiver, set()).add(rest)
            continue
        owner, _, method = name.rpartition(".")
        if owner in produced:
            for receiver in produced[owner]:
                methods.setdefault(receiver, set()).add(method)
            continue
        functions.add(name)
        for alias in class_aliases.get(owner, ()):  # a module known by another name (`segment.analytics`)
            functions.add(f"{alias}.{method}")
    return SinkPatterns(tuple(sorted(functions)), {r: tuple(sorted(m)) for r, m in sorted(methods.items())})


def call_patterns(sinks: SinkPatterns) -> list[dict[str, Any]]:
    """Return the pattern-either entries of `sinks`: each function called, each method called on
    its receiver directly, and on a variable assigned the receiver earlier in the scope."""
    entries: list[dict[str, Any]] = [{"pattern": f"{function}(...)"} for function in sinks.functions]
    for receiver, members in sinks.methods.items():
        entries.extend({"pattern": f"{receiver}.{member}(...)"} for member in members)
        entries.append({"patterns": [
            {"pattern-inside": f"$O = {receiver}\n...\n"},
            {"pattern-either": [{"pattern": f"$O.{member}(...)"} for member in members]},
        ]})
    return entries


def _names_regex(names: Iterable[str]) -> str:
    return "^" + _alternatives(re.escape(n) for n in names) + "$"


def logger_patterns(models: Models) -> list[dict[str, Any]]:
    """Return the patterns of loggers known by their name (`[heuristics]`): `logger.info(...)`,
    `self.log.warning(...)`, with the methods the logging pack gives the heuristic logger type."""
    prefix = models.logger_type + "."
    methods = sorted({n[len(prefix):] for n in models.log_calls.names() if n.startswith(prefix)})
    if not models.logger_names or not methods:
        return []
    return [{"patterns": [
        {"pattern": "$LOGGER.$METHOD(...)"},
        {"metavariable-regex": {"metavariable": "$LOGGER",
                                "regex": r"^(?:(?:self|cls)\.)?" + _alternatives(re.escape(n) for n in models.logger_names) + "$"}},
        {"metavariable-regex": {"metavariable": "$METHOD", "regex": _names_regex(methods)}},
    ]}]


# --- request objects ---------------------------------------------------------------------------


def request_patterns(models: Models, headers: str) -> list[dict[str, Any]]:
    """Return the patterns of reads of request objects' members (`request.form`, `req.get_json()`,
    `request.headers["User-Agent"]`), the request being a framework's global, a parameter or
    `self` attribute with a request's name, or a parameter annotated with a request class."""
    request = models.request
    attributes = sorted(a for a, role in request.attributes.items() if role not in _NOT_COLLECTED | _HEADER_ROLES)
    header_attributes = sorted(a for a, role in request.attributes.items() if role in _HEADER_ROLES)
    methods = sorted(m for m, role in request.methods.items() if role not in _NOT_COLLECTED | _HEADER_ROLES)
    header_methods = sorted(m for m, role in request.methods.items() if role in _HEADER_ROLES)

    def reads(req: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = [{"pattern": f"{req}.{a}"} for a in attributes]
        found += [{"pattern": f"{req}.{m}(...)"} for m in methods]
        keyed: list[dict[str, Any]] = []
        for attribute in header_attributes:
            keyed.append({"pattern": f"{req}.{attribute}[$KEY]"})
            keyed += [{"pattern": f"{req}.{attribute}.{m}($KEY, ...)"} for m in sorted(request.key_methods - {"__getitem__"})]
        keyed += [{"pattern": f"{req}.{m}($KEY, ...)"} for m in header_methods]
        if keyed:
            found.append({"patterns": [{"pattern-either": keyed},
                                       {"metavariable-regex": {"metavariable": "$KEY", "regex": headers}}]})
        return found

    named = "^" + r"(?:self\.)?" * bool(request.self_attributes) + _alternatives(
        re.escape(n) for n in request.parameter_names | request.self_attributes) + "$"
    blocks: list[dict[str, Any]] = [entry for obj in sorted(request.objects) for entry in reads(obj)]
    blocks.append({"patterns": [{"pattern-either": reads("$REQ")},
                                {"metavariable-regex": {"metavariable": "$REQ", "regex": named}}]})
    if request.annotations:
        blocks.append({"patterns": [
            {"pattern-either": [{"pattern-inside": f"def $FUNC(..., $REQ: {a}, ...):\n  ...\n"}
                                for a in sorted(request.annotations)]},
            {"pattern-either": reads("$REQ")},
        ]})
    return blocks


# --- schemas -----------------------------------------------------------------------------------


def _last_name_regex(patterns: Iterable[str]) -> str:
    """The regex of a called name whose last dotted part matches one of the `fnmatch` patterns' last parts."""
    lasts = {p.rsplit(".", 1)[-1].replace("()", "") for p in patterns}
    return r"^(?:[\w.()]*\.)?" + _alternatives(re.escape(last).replace(r"\*", r"\w*") for last in lasts) + "$"


def schema_patterns(models: Models, names: Sequence[str]) -> list[dict[str, Any]]:
    """Return the patterns of schema fields with a personal name, one block per family that can be
    recognised without following the project's own classes (see the module docstring)."""
    blocks: list[dict[str, Any]] = []
    for family in sorted(models.schemas, key=lambda f: f.family):
        insides = [{"pattern-inside": f"class $CLASS(..., {base}, ...):\n  ...\n"}
                   for base in sorted(family.bases) if "()" not in base]
        for decorator in sorted(family.decorators):
            insides.append({"pattern-inside": f"@{decorator}\nclass $CLASS(...):\n  ...\n"})
            insides.append({"pattern-inside": f"@{decorator}(...)\nclass $CLASS(...):\n  ...\n"})
        fields: list[dict[str, Any]] = []
        if family.field_calls:
            fields.append({"patterns": [
                {"pattern": "$FIELD = $CALL(...)"},
                {"metavariable-regex": {"metavariable": "$CALL", "regex": _last_name_regex(family.field_calls)}},
            ]})
        if family.annotated:
            fields += [{"pattern": "$FIELD: $TYPE"}, {"pattern": "$FIELD: $TYPE = $VALUE"}]
        if insides and fields:
            blocks.append({"patterns": [{"pattern-either": insides}, {"pattern-either": fields}]})
    if not blocks:
        return []
    # one check of the name for every family: the regexes are the pack's largest part
    return [{"patterns": [{"pattern-either": blocks}, {"metavariable-regex": {"metavariable": "$FIELD", "regex": regex}}]}
            for regex in names]


# --- the pack ----------------------------------------------------------------------------------


def personal_reads(texts: Sequence[str]) -> list[dict[str, Any]]:
    """Return the patterns of reads of personal names: a variable, attribute or string key
    (`email`, `user.email`, `data["email"]`) one of `texts` (name_regexes within text) finds."""
    return [{"pattern-regex": regex} for regex in texts]


def _rule(family: str, message: str, body: Mapping[str, Any], covers: str) -> dict[str, Any]:
    return {
        "id": RULE_PREFIX + family,
        "languages": ["python"],
        "severity": "INFO",
        "message": message,
        "metadata": {"generated-from": "rules/models/*.toml, rules/classifier.toml (bench/perf/equivalent_pack.py)",
                     "covers": covers},
        **body,
    }


def build_pack(models: Models, classifier: RulePack) -> dict[str, Any]:
    """Return the semgrep pack (as a dict, rules sorted by id) equivalent to policyscan's detectors.

    Raises nothing; a family with nothing to match is left out.
    """
    names = name_regexes(classifier)
    requests = request_patterns(models, header_regex(classifier))
    sources = [*personal_reads(name_regexes(classifier, within_text=True)), *requests]
    log_sinks = [*call_patterns(sink_patterns(models.log_calls.names(), models)), *logger_patterns(models)]
    share_sinks = call_patterns(sink_patterns([*models.share_calls.names(), *models.http_calls.names()], models))
    cookie_calls = [*({"pattern": f"$RESPONSE.{m}(...)"} for m in sorted(models.cookie_setters)),
                    *call_patterns(sink_patterns(models.cookie_functions.names(), models))]
    rules = []
    if log_sinks:
        rules.append(_rule("log", "personal data reaches a log", {
            "mode": "taint", "pattern-sources": sources, "pattern-sinks": [{"pattern-either": log_sinks}]},
            "logging pack's calls reached by personal names or request reads"))
    if share_sinks:
        rules.append(_rule("share", "personal data is sent to a third party", {
            "mode": "taint", "pattern-sources": sources, "pattern-sinks": [{"pattern-either": share_sinks}]},
            "share pack's SDK calls and HTTP client calls reached by personal names or request reads"))
    if cookie_calls:
        rules.append(_rule("cookie", "a cookie is set", {"pattern-either": cookie_calls},
                           "cookie pack's setter methods and functions"))
    collects = [*schema_patterns(models, names), *requests]
    if collects:
        rules.append(_rule("collect", "personal data is collected", {"pattern-either": collects},
                           "schema fields with personal names, request reads"))
    return {"rules": sorted(rules, key=lambda r: str(r["id"]))}


def render(pack: Mapping[str, Any]) -> str:
    """Return the pack as deterministic text: JSON with sorted keys, which is YAML."""
    return json.dumps(pack, indent=1, sort_keys=True) + "\n"


def write_pack(out: Path = DEFAULT_OUT, models: Models | None = None, classifier: RulePack | None = None) -> tuple[Path, int]:
    """Build the pack from the bundled models and classifier (or those given), write it to `out`;
    return the path and the number of rules.

    Raises scanner.errors.RulePackError when a bundled pack is broken, OSError when `out` cannot be written.
    """
    pack = build_pack(models if models is not None else load_models(),
                      classifier if classifier is not None else bundled_pack())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(pack), encoding="utf-8")
    return out, len(pack["rules"])


def main(argv: Sequence[str] | None = None) -> int:
    """Write the pack; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    out, count = write_pack(Path(args[0]) if args else DEFAULT_OUT)
    print(f"{count} rules written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
