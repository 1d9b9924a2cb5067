"""Inline suppressions: `# policyscan: ignore[RULE-ID] reason` marks findings, never drops them.

A suppression comment applies to one line:

    logger.info("ip %s", request.remote_addr)  # policyscan: ignore[PS401] fraud review, SEC-42

    # policyscan: ignore[PS201, PS202] vendor DPA signed (LEGAL-88)
    analytics.track(user_id, "Order Completed", props)

At the end of a line it applies to that line; alone on its line it applies to the next line
that is not itself a comment (so it can sit in a block of comments above the statement). A
finding is suppressed when a comment that applies to its first line names its rule. The same
forms work in the policy inventory (TOML) for the notes located there (PS901).

Comments are read as comments, not found by a regular expression over raw lines: Python with
`tokenize`, TOML with a small scanner that skips strings, so a `#` inside a string literal is
never taken for one. Only files that contain the text "policyscan" are tokenized.

What can go wrong is reported as a notice (a warning, located at the comment), and a wrong
comment never suppresses anything it was not meant to: a bare `ignore` (no rule ids) and a
malformed one suppress nothing; one without a reason suppresses nothing while
`require_suppression_reason` is on; an unknown rule id is reported and ignored; a rule id
that matches no finding on its line is reported as unused (as ruff's RUF100).
"""

from __future__ import annotations

import enum
import io
import os
import re
import tokenize
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from scanner.engine.lazyre import LazyPattern
from scanner.fieldmethods import compared_by_fields
from scanner.model import Finding, Notice, NoticeLevel, Suppression
from scanner.tomlpos import closest, comments_and_strings

# Notice codes (SARIF notification descriptor ids, JSON `code`).
BARE = "bare-suppression"
MALFORMED = "malformed-suppression"
NO_REASON = "suppression-without-reason"
UNKNOWN_RULE = "unknown-rule-in-suppression"
UNUSED = "unused-suppression"

FORM = "# policyscan: ignore[RULE-ID] reason"

# A directive starts at a `#` (the comment's own, or one inside it: `# noqa  # policyscan: ...`).
# Compiled on first use (scanner.engine.lazyre): most runs read no directive, and compiling these
# four at import cost every run, a pre-commit one included, about 2 M instructions.
_DIRECTIVE = LazyPattern(r"#\s*policyscan\s*:\s*(?P<body>.*)", re.IGNORECASE | re.DOTALL)
_IGNORE = LazyPattern(r"ignore\b\s*(?P<rest>.*)", re.IGNORECASE | re.DOTALL)
# The reason ends where another tool's directive begins: `... reason  # noqa: E501`.
_OTHER_PRAGMA = LazyPattern(r"\s#\s*(?:noqa\b|nosec\b|type\s*:|pragma\s*:|pylint\s*:|nosemgrep\b|fmt\s*:)", re.IGNORECASE)
# Separators people put between the ids and the reason: `] -- reason`, `]: reason`, `] — reason`.
_REASON_LEAD = LazyPattern(r"^\s*(?:--?|—|–|:)?\s*")


class DirectiveKind(enum.StrEnum):
    """What a `# policyscan:` comment turned out to be."""

    IGNORE = "ignore"  # ignore[IDS] with at least one id
    BARE = "bare"  # ignore without ids
    MALFORMED = "malformed"  # ignore[ without its ], or a word other than ignore


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Directive:
    """One `# policyscan:` comment: where it is, which line it applies to, what it says.

    `line` and `column` (1-based) locate the comment; `target` is the line it applies to.
    `rule_ids` are the ids as written, upper-cased, without duplicates (known or not);
    `justification` is the reason after the ids ("" when none); `text` is the directive as
    written, from `policyscan`, for messages.
    """

    path: str
    line: int
    column: int
    target: int
    kind: DirectiveKind
    rule_ids: tuple[str, ...] = ()
    justification: str = ""
    text: str = ""


# Compared by identity (eq=False, repr=False): read field by field, never compared, hashed or
# printed, so dataclasses need not make those three methods at start-up (as runner.Analysis).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Applied:
    """Findings with `suppression` set where a directive applies, and notices about the directives."""

    findings: tuple[Finding, ...]
    notices: tuple[Notice, ...]


def parse_comment(comment: str, *, path: str, line: int, column: int, target: int) -> Directive | None:
    """Return the directive in one comment (the text from its `#`), or None when it holds none.

    `column` is the 1-based column of the comment's `#`; `target` the line it applies to.
    Raises nothing: a comment that starts like a directive but is not a valid one comes back
    as a BARE or MALFORMED directive, to be reported.
    """
    match = _DIRECTIVE.search(comment)
    if match is None:
        return None
    text = comment[match.start():].lstrip("#").strip()

    def directive(kind: DirectiveKind, rule_ids: tuple[str, ...] = (), justification: str = "") -> Directive:
        return Directive(path, line, column + match.start(), target, kind, rule_ids, justification, text)

    ignore = _IGNORE.match(match.group("body").strip())
    if ignore is None:
        return directive(DirectiveKind.MALFORMED)
    rest = ignore.group("rest")
    if not rest.startswith("["):
        return directive(DirectiveKind.BARE)
    close = rest.find("]")
    if close < 0:
        return directive(DirectiveKind.MALFORMED)
    ids: list[str] = []
    for item in rest[1:close].split(","):
        rule_id = item.strip().upper()
        if rule_id and rule_id not in ids:
            ids.append(rule_id)
    if not ids:
        return directive(DirectiveKind.BARE)
    reason = rest[close + 1:]
    other = _OTHER_PRAGMA.search(reason)
    if other is not None:
        reason = reason[: other.start()]
    return directive(DirectiveKind.IGNORE, tuple(ids), _REASON_LEAD.sub("", reason, count=1).strip())


def _with_targets(path: str, comments: Sequence[tuple[int, int, str, bool]]) -> tuple[Directive, ...]:
    """Return the directives among comments given as (line, column, text, alone on its line)."""
    comment_lines = {line for line, _, _, alone in comments if alone}
    directives: list[Directive] = []
    for line, column, text, alone in comments:
        target = line
        if alone:
            target = line + 1
            while target in comment_lines:
                target += 1
        directive = parse_comment(text, path=path, line=line, column=column, target=target)
        if directive is not None:
            directives.append(directive)
    return tuple(directives)


def python_directives(path: str, source: str) -> tuple[Directive, ...]:
    """Return the directives in Python source, read from its COMMENT tokens.

    Raises nothing: when the source cannot be tokenized to the end (it is then reported as
    skipped by the analysis), the directives before the error are returned.
    """
    comments: list[tuple[int, int, str, bool]] = []
    if "\r" in source:
        # Python ends lines at \r too (files from old Mac editors): StringIO's readline only at
        # \n, so a directive in such a file was on "line 1", and its finding not suppressed
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                line, col = token.start
                comments.append((line, col + 1, token.string, not token.line[:col].strip()))
    except (tokenize.TokenError, SyntaxError):
        pass
    return _with_targets(path, comments)


def toml_directives(path: str, text: str) -> tuple[Directive, ...]:
    """Return the directives in TOML text, from comments found outside every kind of string.

    Raises nothing; an unterminated string ends the scan (tomllib reports the error).
    """
    return _with_targets(path, _toml_comments(text))


def _toml_comments(text: str) -> list[tuple[int, int, str, bool]]:
    """Return (line, column, text, alone on its line) of every comment in TOML text."""
    return [(c.line, c.column, c.text, c.alone) for c in comments_and_strings(text)[0]]


def read_directives(root: Path, files: Iterable[str], inventory: tuple[str, Path] | None = None) -> tuple[Directive, ...]:
    """Return the directives in the Python files `files` (relative to `root`) and the inventory.

    `inventory` is (the path findings use for it, the file). A file is decoded as the
    interpreter would (coding cookie, BOM) and tokenized only when it contains the text
    "policyscan". Files that cannot be read or decoded are passed over: the analysis has
    already reported them as skipped. Raises nothing.
    """
    # Files without the mark (`DIRECTIVE_MARK`) hold no directive and are not tokenized: a file that
    # only mentions policyscan is not. The runner passes only the files whose analysis found it.
    from scanner.engine.analyzer import DIRECTIVE_MARK, decode_source

    directives: list[Directive] = []
    # os.path and open rather than pathlib: when given every file of the tree, building a Path for
    # each was 15% of this function's instructions on Django
    folder = os.fspath(root)
    for relpath in files:
        try:
            with open(os.path.join(folder, relpath), "rb") as file:
                raw = file.read()
        except OSError:
            continue
        if not DIRECTIVE_MARK.search(raw):
            continue
        source, _ = decode_source(raw, relpath)
        if source is not None:
            directives.extend(python_directives(relpath, source))
    if inventory is not None:
        shown, path = inventory
        try:
            raw = path.read_bytes()
        except OSError:
            raw = b""
        if DIRECTIVE_MARK.search(raw):
            directives.extend(toml_directives(shown, raw.decode("utf-8", errors="replace")))
    return tuple(directives)


def apply_suppressions(
    findings: Sequence[Finding],
    directives: Iterable[Directive],
    *,
    require_reason: bool,
    known_rules: Collection[str],
) -> Applied:
    """Return `findings` with `suppression` set where a directive applies, and the notices.

    A directive applies to a finding when it is in the finding's file, targets the finding's
    first line, names its rule, and (with `require_reason`) gives a reason. A comment at the
    end of the line wins over one above it when both apply. Notices, sorted by place: bare
    and malformed directives, directives without a reason (with `require_reason`), unknown
    rule ids, and rule ids that no finding on their target line has (unused). Raises nothing.
    """
    notices: list[Notice] = []
    active: dict[tuple[str, int], list[Directive]] = {}
    for directive in sorted(directives, key=lambda d: (d.path, d.line, d.column)):
        notices.extend(_problems(directive, require_reason, known_rules))
        if directive.kind is DirectiveKind.IGNORE and (directive.justification or not require_reason):
            active.setdefault((directive.path, directive.target), []).append(directive)
    used: set[tuple[Directive, str]] = set()
    marked: list[Finding] = []
    # The rules found on each targeted line, so that a comment naming the wrong rule says which one is there.
    found_on: dict[tuple[str, int], set[str]] = {}
    for finding in findings:
        place = (finding.path, finding.span.start_line)
        if place in active:
            found_on.setdefault(place, set()).add(finding.rule_id)
        candidates = [d for d in active.get(place, ()) if finding.rule_id in d.rule_ids]
        for directive in candidates:
            used.add((directive, finding.rule_id))
        if candidates:
            # The comment on the line itself is the more specific one.
            chosen = min(candidates, key=lambda d: (d.line != d.target, d.line, d.column))
            known = tuple(r for r in chosen.rule_ids if r in known_rules)
            finding = replace(finding, suppression=Suppression(chosen.line, known, chosen.justification))
        marked.append(finding)
    for place, directives_here in active.items():
        for directive in directives_here:
            others = sorted(found_on.get(place, set()).difference(directive.rule_ids))
            there = "" if not others else (
                f"; the finding there is {others[0]}" if len(others) == 1
                else f"; the findings there are {', '.join(others)}"
            )
            for rule_id in directive.rule_ids:
                if rule_id in known_rules and (directive, rule_id) not in used:
                    notices.append(_notice(
                        directive, UNUSED, f"unused suppression: no {rule_id} finding on line {directive.target}{there}"
                    ))
    # Stable: at one place, a directive's own problems come in the order they were found.
    notices.sort(key=lambda n: (n.path or "", n.line or 0, n.column or 0))
    return Applied(findings=tuple(marked), notices=tuple(notices))


def _problems(directive: Directive, require_reason: bool, known_rules: Collection[str]) -> list[Notice]:
    """Return the notices a directive deserves on its own (before any finding is looked at)."""
    if directive.kind is DirectiveKind.BARE:
        return [_notice(
            directive, BARE, f'bare "{directive.text}" names no rule and suppresses nothing: write "{FORM}"'
        )]
    if directive.kind is DirectiveKind.MALFORMED:
        return [_notice(
            directive, MALFORMED, f'malformed suppression "{directive.text}" suppresses nothing: write "{FORM}"'
        )]
    notices = []
    unknown = [r for r in directive.rule_ids if r not in known_rules]
    if unknown:
        parts = []
        for rule_id in unknown:
            close = closest(rule_id, sorted(known_rules))
            parts.append(rule_id + (f" (did you mean {close}?)" if close else ""))
        noun = "rule" if len(unknown) == 1 else "rules"
        notices.append(_notice(directive, UNKNOWN_RULE, f"unknown {noun} in suppression: {', '.join(parts)}"))
    if require_reason and not directive.justification:
        ids = ", ".join(directive.rule_ids)
        notices.append(_notice(
            directive,
            NO_REASON,
            f"suppression of {ids} gives no reason, so it suppresses nothing: write the reason after "
            "the rule ids (require_suppression_reason is on)",
        ))
    return notices


def _notice(directive: Directive, code: str, message: str) -> Notice:
    return Notice(NoticeLevel.WARNING, message, path=directive.path, line=directive.line,
                  column=directive.column, code=code)
