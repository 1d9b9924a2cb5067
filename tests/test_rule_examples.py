"""The model rule packs' annotated example files, checked against the engine.

Each pack `rules/models/NAME.toml` has an example module `rules/models/NAME.py` beside it
(semgrep-rules style). Comments in it say what the engine must report on the next code line:

    # ruleid: RULE [CATEGORIES] [FIELD=VALUE ...]   an observation of RULE starts there
    # ok: RULE                                      no observation of RULE starts there
    # todoruleid: RULE [CATEGORIES] [FIELD=VALUE ...]  a known miss: RULE should start there
    # todook: RULE                                  a known false hit: RULE starts there, wrongly

CATEGORIES are the observation's exact categories, sorted and comma-separated (`-` for none). FIELDs pin
the recipient of a share (`recipient="Google Analytics"`) and what a cookie observation says
about the cookie (`cookie=session max_age=3600 expires=false secure=true httponly=none
samesite=Lax dynamic=max_age`); `none` is None. Annotations stack on consecutive comment lines
(other comment lines between them and the code are notes); they apply to the next line that
holds code, and may not be separated from it by a blank line.

The file is analysed as `policyscan observe` would analyse a tree holding only that file
(the engine, then the run's own-cookie filter), and the result must be exactly what the
annotations say: every `ruleid` met, no `ok` hit, every observation claimed by a `ruleid`,
`todoruleid` or `todook` of its rule on its line. A `todoruleid` that is met or a `todook`
that no longer hits fails too, so a fixed engine mistake is promoted to `ruleid` / `ok`.
"""

from __future__ import annotations

import io
import shlex
import tokenize
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from scanner.bundled import rules_dir
from scanner.classify import Classifier
from scanner.engine.analyzer import analyze_source
from scanner.model import Cookie, Kind, Observation, Span
from scanner.packs import load_models
from scanner.runner import without_own_cookie_reads
from scanner.taxonomy import load_taxonomy

MODELS_DIR = rules_dir() / "models"

# Rules the engine itself emits, not declared by a pack entry, and the example file that must
# exercise each of them with a `ruleid`.
ENGINE_RULES: Mapping[str, str] = {
    "python.request.field": "frameworks",
    "python.request.client-ip": "frameworks",
    "python.request.device": "frameworks",
    "python.request.header": "frameworks",
    "python.request.body": "frameworks",
    "python.request.upload": "frameworks",
    "python.request.cookie": "frameworks",
    "python.fastapi.query-parameter": "frameworks",
    "python.fastapi.form-field": "frameworks",
    "python.fastapi.header": "frameworks",
    "python.fastapi.upload": "frameworks",
    "python.fastapi.credential": "frameworks",
    "python.fastapi.form-class": "frameworks",
    "python.request.attribute": "frameworks",
    "python.request.inbound": "frameworks",
    "python.logging.decorator": "logging",
    "python.logging.given-by-callers": "logging",
    "python.share.http-known-host": "share",
    "python.share.http-fixed-host": "share",
    "python.share.websocket-known-host": "share",
    "python.share.sentry-event-processor": "share",
    "python.cookie.cookies-assignment": "cookies",
}


class Mark(StrEnum):
    """What an annotation says about its line."""

    RULEID = "ruleid"
    OK = "ok"
    TODO_RULEID = "todoruleid"
    TODO_OK = "todook"


_EXPECTING = (Mark.RULEID, Mark.TODO_RULEID)
_COOKIE_FIELDS = ("max_age", "expires", "secure", "httponly", "samesite", "dynamic")
FIELDS = ("recipient", "cookie", *_COOKIE_FIELDS)
_MISSING = object()


@dataclass(frozen=True)
class Annotation:
    """One `# mark: RULE ...` comment and the code line it applies to."""

    mark: Mark
    rule: str
    line: int
    target: int
    categories: tuple[str, ...] | None = None
    fields: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Parsed:
    """The annotations of a file, and every problem found reading them (with its line)."""

    annotations: tuple[Annotation, ...]
    problems: tuple[str, ...]


# ----------------------------------------------------------------------------- parsing
def _field_value(key: str, text: str) -> Any:
    """The Python value a FIELD=VALUE annotation pins: None, a bool, an int, a tuple or a string."""
    if key == "dynamic":
        return tuple(part for part in text.split(",") if part)
    if text == "none":
        return None
    if key in ("expires", "secure", "httponly"):
        if text not in ("true", "false"):
            raise ValueError(f"{key} must be true, false or none, not {text!r}")
        return text == "true"
    if key == "max_age":
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"max_age must be an integer or none, not {text!r}") from None
    return text


_Read = tuple[Mark, str, tuple[str, ...] | None, tuple[tuple[str, Any], ...]]


def _parse_comment(text: str, line: int, known_rules: frozenset[str], categories: frozenset[str]) -> _Read | str | None:
    """One comment read: (mark, rule, categories, fields), None for no annotation, or a problem message."""
    body = text[1:].strip()
    head, colon, rest = body.partition(":")
    if not colon or head.strip() not in {m.value for m in Mark}:
        return None
    mark = Mark(head.strip())
    try:
        words = shlex.split(rest)
    except ValueError as exc:
        return f"line {line}: cannot read annotation ({exc})"
    if not words:
        return f"line {line}: '{mark}:' names no rule"
    rule, extra = words[0], words[1:]
    if rule not in known_rules:
        return f"line {line}: unknown rule '{rule}'"
    if extra and mark not in _EXPECTING:
        return f"line {line}: '{mark}: {rule}' takes no categories or fields, found {' '.join(extra)!r}"
    wanted: tuple[str, ...] | None = None
    if extra and "=" not in extra[0]:
        written = extra.pop(0)
        wanted = tuple(written.split(",")) if written != "-" else ()
        unknown = [c for c in wanted if c not in categories]
        if unknown:
            return f"line {line}: unknown categories {', '.join(unknown)}"
        if list(wanted) != sorted(set(wanted)):
            return f"line {line}: categories must be sorted and distinct: {','.join(sorted(set(wanted)))}"
    fields: list[tuple[str, Any]] = []
    for word in extra:
        key, equals, value = word.partition("=")
        if not equals or key not in FIELDS:
            return f"line {line}: expected FIELD=VALUE with FIELD one of {', '.join(FIELDS)}, found {word!r}"
        try:
            fields.append((key, _field_value(key, value)))
        except ValueError as exc:
            return f"line {line}: {exc}"
    return mark, rule, wanted, tuple(fields)


def parse_annotations(source: str, known_rules: Iterable[str], categories: Iterable[str]) -> Parsed:
    """The annotations in a module's comments (strings are never read), with every problem.

    Raises tokenize.TokenError or SyntaxError when the source cannot be tokenised.
    """
    rules, keys = frozenset(known_rules), frozenset(categories)
    comments: list[tuple[int, str, bool]] = []  # line, text, alone on its line
    code_lines: set[int] = set()
    layout = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            alone = not token.line[: token.start[1]].strip()
            comments.append((token.start[0], token.string, alone))
        elif token.type not in layout:
            code_lines.add(token.start[0])
    comment_lines = {line for line, _, alone in comments if alone}
    annotations: list[Annotation] = []
    problems: list[str] = []
    for line, text, alone in comments:
        read = _parse_comment(text, line, rules, keys)
        if read is None:
            continue
        if isinstance(read, str):
            problems.append(read)
            continue
        if not alone:
            problems.append(f"line {line}: an annotation must be on a line of its own")
            continue
        target = line + 1
        while target in comment_lines:
            target += 1
        if target not in code_lines:
            problems.append(f"line {line}: annotation is not followed by a line of code")
            continue
        mark, rule, wanted, fields = read
        annotations.append(Annotation(mark, rule, line, target, wanted, fields))
    seen: dict[tuple[int, str], Annotation] = {}
    for annotation in annotations:
        earlier = seen.setdefault((annotation.target, annotation.rule), annotation)
        if earlier is not annotation:
            problems.append(
                f"line {annotation.line}: {annotation.rule} is already annotated for line {annotation.target}"
                f" (line {earlier.line})"
            )
    return Parsed(tuple(annotations), tuple(problems))


# ---------------------------------------------------------------------------- checking
def _field(obs: Observation, key: str) -> Any:
    if key == "recipient":
        return obs.recipient
    if obs.cookie is None:
        return _MISSING
    return obs.cookie.name if key == "cookie" else getattr(obs.cookie, key)


def _meets(obs: Observation, annotation: Annotation) -> bool:
    if annotation.categories is not None and obs.categories != annotation.categories:
        return False
    return all(_field(obs, key) == value for key, value in annotation.fields)


def _show_value(value: Any) -> str:
    if value is _MISSING:
        return "(no cookie)"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return ",".join(value)
    return shlex.quote(str(value))


def describe(obs: Observation) -> str:
    """An observation as an annotation would write it: `RULE CATEGORIES FIELD=VALUE...`."""
    parts = [obs.rule, ",".join(obs.categories) or "-"]
    if obs.recipient is not None:
        parts.append(f"recipient={_show_value(obs.recipient)}")
    if obs.cookie is not None:
        parts.append(f"cookie={_show_value(obs.cookie.name)}")
        parts.extend(f"{key}={_show_value(getattr(obs.cookie, key))}" for key in _COOKIE_FIELDS)
    return " ".join(parts)


def _expected(annotation: Annotation) -> str:
    parts = [annotation.rule]
    if annotation.categories is not None:
        parts.append(",".join(annotation.categories) or "-")
    parts.extend(f"{key}={_show_value(value)}" for key, value in annotation.fields)
    return " ".join(parts)


def check(annotations: Sequence[Annotation], observations: Sequence[Observation]) -> list[str]:
    """Every disagreement between the annotations and the observations, by line; empty when they agree."""
    by_line: dict[int, list[Observation]] = {}
    for obs in observations:
        by_line.setdefault(obs.span.start_line, []).append(obs)
    claimed: set[tuple[int, str]] = set()
    problems: list[tuple[int, str]] = []
    for annotation in annotations:
        line = annotation.target
        here = by_line.get(line, [])
        same = [obs for obs in here if obs.rule == annotation.rule]
        met = any(_meets(obs, annotation) for obs in same)
        found = "; ".join(describe(obs) for obs in here) or "nothing"
        if annotation.mark in (Mark.RULEID, Mark.TODO_RULEID, Mark.TODO_OK):
            claimed.add((line, annotation.rule))
        if annotation.mark is Mark.RULEID and not met:
            problems.append((line, f"line {line}: expected {_expected(annotation)}, found {found}"))
        elif annotation.mark is Mark.OK and same:
            problems.append((line, f"line {line}: expected no {annotation.rule}, found {found}"))
        elif annotation.mark is Mark.TODO_RULEID and met:
            problems.append((line, f"line {line}: todoruleid {_expected(annotation)} is now found: make it ruleid"))
        elif annotation.mark is Mark.TODO_OK and not same:
            problems.append((line, f"line {line}: todook {annotation.rule} no longer matches: make it ok"))
    for obs in observations:
        line = obs.span.start_line
        if (line, obs.rule) not in claimed:
            problems.append((line, f"line {line}: unannotated observation {describe(obs)} ({obs.message})"))
    return [message for _, message in sorted(problems, key=lambda item: item[0])]


# ------------------------------------------------------------------------ the packs
@cache
def pack_rules(toml: Path) -> frozenset[str]:
    """The rule ids a pack's entries declare: every `rule` of an [[array]] table entry."""
    doc = tomllib.loads(toml.read_text(encoding="utf-8"))
    return frozenset(
        entry["rule"]
        for value in doc.values()
        if isinstance(value, list)
        for entry in value
        if isinstance(entry, dict) and isinstance(entry.get("rule"), str)
    )


def pack_files() -> list[Path]:
    return sorted(MODELS_DIR.glob("*.toml"))


def example_files() -> list[Path]:
    return sorted(p for p in MODELS_DIR.glob("*.py") if p.with_suffix(".toml").is_file())


@cache
def known_rules() -> frozenset[str]:
    return frozenset(ENGINE_RULES).union(*(pack_rules(p) for p in pack_files()))


@cache
def parsed_example(path: Path) -> Parsed:
    return parse_annotations(path.read_text(encoding="utf-8"), known_rules(), load_taxonomy().names)


def observe(path: Path) -> list[Observation]:
    """What `policyscan observe` reports for a tree holding only this file."""
    relpath = f"rules/models/{path.name}"
    result = analyze_source(relpath, path.read_text(encoding="utf-8"), load_models(), Classifier.load())
    assert result.skip is None, f"{relpath} was not analysed: {result.skip}"
    return without_own_cookie_reads(result.observations)


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_example_file_is_an_exact_specification(path: Path) -> None:
    parsed = parsed_example(path)
    assert not parsed.problems, f"{path.name}: bad annotations:\n" + "\n".join(parsed.problems)
    mismatches = check(parsed.annotations, observe(path))
    assert not mismatches, f"{path.name} disagrees with the engine:\n" + "\n".join(mismatches)


@pytest.mark.parametrize("toml", pack_files(), ids=lambda p: p.name)
def test_every_pack_rule_has_a_positive_example(toml: Path) -> None:
    example = toml.with_suffix(".py")
    assert example.is_file(), f"{toml.name} has no example file {example.name}"
    exercised = {a.rule for a in parsed_example(example).annotations if a.mark is Mark.RULEID}
    missing = sorted(pack_rules(toml) - exercised)
    assert not missing, f"{example.name} has no '# ruleid:' for {', '.join(missing)}"


# Engine rules made from several files (an example file is analysed alone), each with the test that
# shows it: a log call given its data by callers in other modules (scanner.relayed; a logging wrapper's
# log call given its callers' text in its own module is one too, and has examples in logging.py).
CROSS_MODULE_RULES: Mapping[str, str] = {"python.logging.given-by-callers": "tests/test_relayed.py"}


@pytest.mark.parametrize(("rule", "pack"), sorted((r, p) for r, p in ENGINE_RULES.items() if r not in CROSS_MODULE_RULES))
def test_every_engine_rule_has_a_positive_example(rule: str, pack: str) -> None:
    exercised = {a.rule for a in parsed_example(MODELS_DIR / f"{pack}.py").annotations if a.mark is Mark.RULEID}
    assert rule in exercised, f"{pack}.py has no '# ruleid: {rule}'"


def test_the_packs_are_the_ones_with_examples() -> None:
    assert [p.stem for p in example_files()] == [p.stem for p in pack_files()]
    assert [p.stem for p in pack_files()] == ["cookies", "frameworks", "logging", "schemas", "share"]


# ------------------------------------------------------- the harness, on literal values
RULES = ("python.logging.personal-data", "python.cookie.set-cookie", "python.share.http-known-host")
KEYS = ("user.contact.email", "user.device.ip_address", "user.behavior")


def _parse(source: str) -> Parsed:
    return parse_annotations(source, RULES, KEYS)


LOG = "python.logging.personal-data"
COOKIE = "python.cookie.set-cookie"
HTTP = "python.share.http-known-host"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "# ruleid: python.logging.personal-data\nlog.info(email)\n",
            [Annotation(Mark.RULEID, LOG, 1, 2)],
            id="next-line",
        ),
        pytest.param(
            "# ruleid: python.logging.personal-data user.contact.email,user.device.ip_address\nlog.info(email, ip)\n",
            [Annotation(Mark.RULEID, LOG, 1, 2, ("user.contact.email", "user.device.ip_address"))],
            id="categories",
        ),
        pytest.param(
            "def f():\n    # ruleid: python.logging.personal-data\n    # (a note)\n    # ok: python.cookie.set-cookie\n"
            "    log.info(\n        email)\n",
            [Annotation(Mark.RULEID, LOG, 2, 5), Annotation(Mark.OK, COOKIE, 4, 5)],
            id="stacked-with-note",
        ),
        pytest.param(
            '# ruleid: python.share.http-known-host user.behavior recipient="Google Analytics"\nrequests.post(URL)\n',
            [Annotation(Mark.RULEID, HTTP, 1, 2, ("user.behavior",), (("recipient", "Google Analytics"),))],
            id="quoted-field",
        ),
        pytest.param(
            "# todoruleid: python.cookie.set-cookie cookie=sid max_age=60 secure=true httponly=none dynamic=samesite,expires"
            " samesite=Lax expires=false\nr.set_cookie(NAME)\n",
            [Annotation(Mark.TODO_RULEID, COOKIE, 1, 2, None, (
                ("cookie", "sid"), ("max_age", 60), ("secure", True), ("httponly", None),
                ("dynamic", ("samesite", "expires")), ("samesite", "Lax"), ("expires", False),
            ))],
            id="cookie-fields",
        ),
        pytest.param(
            "# ruleid: python.cookie.set-cookie - cookie=sid\nr.set_cookie('sid', v)\n",
            [Annotation(Mark.RULEID, COOKIE, 1, 2, (), (("cookie", "sid"),))],
            id="no-categories",
        ),
        pytest.param(
            'x = "# ruleid: python.logging.personal-data"\ny = 1\n',
            [],
            id="not-in-strings",
        ),
        pytest.param("# ok, nothing to see\n# okay: fine\nx = 1\n", [], id="prose-is-not-an-annotation"),
    ],
)
def test_parse_annotations(source: str, expected: list[Annotation]) -> None:
    parsed = _parse(source)
    assert parsed.problems == ()
    assert list(parsed.annotations) == expected


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("# ruleid: python.logging.personal-dat\nx = 1\n", "line 1: unknown rule 'python.logging.personal-dat'"),
        ("# ruleid:\nx = 1\n", "line 1: 'ruleid:' names no rule"),
        ("# ruleid: python.logging.personal-data user.email\nx = 1\n", "line 1: unknown categories user.email"),
        (
            "# ruleid: python.logging.personal-data user.device.ip_address,user.contact.email\nx = 1\n",
            "line 1: categories must be sorted and distinct: user.contact.email,user.device.ip_address",
        ),
        (
            "# ok: python.logging.personal-data user.contact.email\nx = 1\n",
            "line 1: 'ok: python.logging.personal-data' takes no categories or fields, found 'user.contact.email'",
        ),
        (
            "# ruleid: python.cookie.set-cookie colour=blue\nx = 1\n",
            "line 1: expected FIELD=VALUE with FIELD one of recipient, cookie, max_age, expires, secure, httponly,"
            " samesite, dynamic, found 'colour=blue'",
        ),
        ("# ruleid: python.cookie.set-cookie secure=yes\nx = 1\n", "line 1: secure must be true, false or none, not 'yes'"),
        ("# ruleid: python.cookie.set-cookie max_age=1h\nx = 1\n", "line 1: max_age must be an integer or none, not '1h'"),
        ("x = 1  # ruleid: python.logging.personal-data\n", "line 1: an annotation must be on a line of its own"),
        (
            "# ruleid: python.logging.personal-data\n\nx = 1\n",
            "line 1: annotation is not followed by a line of code",
        ),
        ("x = 1\n# ok: python.logging.personal-data\n", "line 2: annotation is not followed by a line of code"),
        (
            "# ruleid: python.logging.personal-data\n# ok: python.logging.personal-data\nx = 1\n",
            "line 2: python.logging.personal-data is already annotated for line 3 (line 1)",
        ),
    ],
)
def test_parse_annotations_reports_problems(source: str, problem: str) -> None:
    assert _parse(source).problems == (problem,)


def _obs(line: int, rule: str, categories: tuple[str, ...] = (), *, recipient: str | None = None,
         cookie: Cookie | None = None) -> Observation:
    kind = Kind.COOKIE if cookie is not None else Kind.SHARE if recipient is not None else Kind.LOG
    return Observation(kind=kind, path="x.py", span=Span(line, 1, line, 10), categories=categories, rule=rule,
                       message="msg", recipient=recipient, cookie=cookie)


EMAIL = ("user.contact.email",)


@pytest.mark.parametrize(
    ("annotations", "observations", "expected"),
    [
        pytest.param([Annotation(Mark.RULEID, LOG, 1, 2, EMAIL)], [_obs(2, LOG, EMAIL)], [], id="met"),
        pytest.param([Annotation(Mark.RULEID, LOG, 1, 2)], [_obs(2, LOG, EMAIL)], [], id="met-any-categories"),
        pytest.param(
            [Annotation(Mark.RULEID, LOG, 1, 2, EMAIL)], [],
            ["line 2: expected python.logging.personal-data user.contact.email, found nothing"], id="missed",
        ),
        pytest.param(
            [Annotation(Mark.RULEID, LOG, 1, 2, EMAIL)], [_obs(2, LOG, ("user.behavior",))],
            ["line 2: expected python.logging.personal-data user.contact.email,"
             " found python.logging.personal-data user.behavior"],
            id="wrong-categories",
        ),
        pytest.param(
            [Annotation(Mark.RULEID, LOG, 1, 2)], [_obs(3, LOG, EMAIL)],
            ["line 2: expected python.logging.personal-data, found nothing",
             "line 3: unannotated observation python.logging.personal-data user.contact.email (msg)"],
            id="wrong-line",
        ),
        pytest.param(
            [Annotation(Mark.OK, LOG, 1, 2)], [_obs(2, LOG, EMAIL)],
            ["line 2: expected no python.logging.personal-data, found python.logging.personal-data user.contact.email",
             "line 2: unannotated observation python.logging.personal-data user.contact.email (msg)"],
            id="ok-hit",
        ),
        pytest.param([Annotation(Mark.OK, COOKIE, 1, 2)], [], [], id="ok-quiet"),
        pytest.param(
            [Annotation(Mark.RULEID, LOG, 1, 2, ())], [_obs(2, LOG, EMAIL)],
            ["line 2: expected python.logging.personal-data -, found python.logging.personal-data user.contact.email"],
            id="expected-no-categories",
        ),
        pytest.param([Annotation(Mark.TODO_RULEID, LOG, 1, 2, EMAIL)], [], [], id="todoruleid-still-missed"),
        pytest.param(
            [Annotation(Mark.TODO_RULEID, LOG, 1, 2, EMAIL)], [_obs(2, LOG, ("user.behavior",))], [],
            id="todoruleid-claims-wrong-categories",
        ),
        pytest.param(
            [Annotation(Mark.TODO_RULEID, LOG, 1, 2, EMAIL)], [_obs(2, LOG, EMAIL)],
            ["line 2: todoruleid python.logging.personal-data user.contact.email is now found: make it ruleid"],
            id="todoruleid-fixed",
        ),
        pytest.param([Annotation(Mark.TODO_OK, LOG, 1, 2)], [_obs(2, LOG, EMAIL)], [], id="todook-still-hit"),
        pytest.param(
            [Annotation(Mark.TODO_OK, LOG, 1, 2)], [],
            ["line 2: todook python.logging.personal-data no longer matches: make it ok"], id="todook-fixed",
        ),
        pytest.param(
            [Annotation(Mark.RULEID, HTTP, 1, 2, None, (("recipient", "Segment"),))],
            [_obs(2, HTTP, ("user.behavior",), recipient="Mixpanel")],
            ["line 2: expected python.share.http-known-host recipient=Segment,"
             " found python.share.http-known-host user.behavior recipient=Mixpanel"],
            id="wrong-recipient",
        ),
        pytest.param(
            [Annotation(Mark.RULEID, COOKIE, 1, 2, None, (("cookie", "sid"), ("max_age", 60), ("secure", True)))],
            [_obs(2, COOKIE, cookie=Cookie("sid", max_age=60, secure=True))], [], id="cookie-fields-met",
        ),
        pytest.param(
            [Annotation(Mark.RULEID, COOKIE, 1, 2, None, (("httponly", True),))],
            [_obs(2, COOKIE, cookie=Cookie(None, dynamic=("httponly",)))],
            ["line 2: expected python.cookie.set-cookie httponly=true, found python.cookie.set-cookie -"
             " cookie=none max_age=none expires=false secure=none httponly=none samesite=none dynamic=httponly"],
            id="cookie-field-differs",
        ),
        pytest.param(
            [Annotation(Mark.RULEID, LOG, 1, 2, None, (("cookie", "sid"),))], [_obs(2, LOG, EMAIL)],
            ["line 2: expected python.logging.personal-data cookie=sid,"
             " found python.logging.personal-data user.contact.email"],
            id="cookie-field-on-other-kind",
        ),
        pytest.param(
            [], [_obs(5, HTTP, recipient="Stripe"), _obs(1, LOG, EMAIL)],
            ["line 1: unannotated observation python.logging.personal-data user.contact.email (msg)",
             "line 5: unannotated observation python.share.http-known-host - recipient=Stripe (msg)"],
            id="unannotated-sorted-by-line",
        ),
    ],
)
def test_check(annotations: list[Annotation], observations: list[Observation], expected: list[str]) -> None:
    assert check(annotations, observations) == expected


def test_the_cross_module_rules_are_the_engines_and_tested_where_they_say() -> None:
    from scanner.relayed import RULE

    assert dict(CROSS_MODULE_RULES) == {RULE: "tests/test_relayed.py"}
    assert set(CROSS_MODULE_RULES) <= set(ENGINE_RULES)
    for test in CROSS_MODULE_RULES.values():
        assert "RULE" in (MODELS_DIR.parent.parent / test).read_text(encoding="utf-8")
