"""Source fixes: rewrites that resolve findings and keep every other character of the file.

Three kinds (docs/fixes.md):

* PS302 cookie-attributes-weaker: the cookie call gets the attributes the inventory requires
  (`scanner.fix.cookies`).
* PS401 forbidden-category-logged, and PS501 on a log call: the personal values passed to
  the log call go through `[tool.policyscan] redact_function` (`scanner.fix.redact`).
* Suppression comments for the current findings (`scanner.fix.suppressions`), on request.

Each is a pure function from a file's text and its findings to edits of that text; this
module combines them per file (`fix_source`, `suppress_source`) into the new text and one
`scanner.model.Fix` per finding (what SARIF `fixes` show), and attaches those to a run's
findings (`attach_fixes`). libcst is imported by the code fixes only, when they run, never
by importing this package: a scan that needs no fix never pays for it.
"""

from __future__ import annotations

import ast
import bisect
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.errors import Problem, UsageError
from scanner.fix.outcome import Outcome, Planned, Refused
from scanner.fix.text import Edit, LineIndex, apply_edits, overlaps, replacements
from scanner.model import Finding, Fix, Kind, Notice, NoticeLevel

if TYPE_CHECKING:
    from scanner.classify import Classifier
    from scanner.config import Config
    from scanner.inventory import Inventory
    from scanner.packs import CookieSetter, Models
    from scanner.taxonomy import Taxonomy

COOKIE_RULE = "PS302"
LOG_RULES = ("PS401", "PS501")
FIXABLE_RULES = (COOKIE_RULE, *LOG_RULES)
"""The rules `policyscan fix` can fix (PS501 only where the broken scope rule is a log call)."""

LIBCST_MISSING = "libcst is not installed; install it with: pip install 'policyscan[fix]'"


@dataclass(frozen=True, slots=True)
class FixContext:
    """What code fixes need besides a file: the inventory, the classifier, the cookie setters
    of the rule packs, and the redaction function (None: log findings get no fix)."""

    inventory: Inventory
    classifier: Classifier
    taxonomy: Taxonomy
    cookie_setters: Mapping[str, CookieSetter]
    redact_function: str | None


def context_for(config: Config, inventory: Inventory, *, classifier: Classifier | None = None,
                models: Models | None = None) -> FixContext:
    """Return the FixContext of a run with `config` and `inventory`.

    The classifier and models are loaded as a scan loads them when not given. Raises
    RulePackError when a rule pack is broken.
    """
    from scanner.classify import Classifier as _Classifier
    from scanner.packs import load_models
    from scanner.runner import merged_overrides
    from scanner.taxonomy import load_taxonomy

    if classifier is None:
        classifier = _Classifier.load(merged_overrides(config, inventory))
    if models is None:
        models = load_models(enabled=config.packs)
    return FixContext(inventory, classifier, load_taxonomy(), models.cookie_setters, config.redact_function)


@dataclass(frozen=True, slots=True)
class FileFix:
    """What fixing one file gives.

    `source` is the text with every fix applied that does not overlap another; `fixes` holds
    each fixed finding's own fix on the original text (as SARIF shows it); `unfixed` the
    findings left as they are, each with the reason. `problem` is set when the file could not
    be parsed or the result would not parse: then `source` is the original text.
    """

    path: str
    original: str
    source: str
    fixes: tuple[tuple[Finding, Fix], ...] = ()
    unfixed: tuple[tuple[Finding, str], ...] = ()
    problem: Problem | None = None

    @property
    def changed(self) -> bool:
        """True when the fixed text differs from the original."""
        return self.source != self.original


def fixable(finding: Finding) -> bool:
    """True when the finding is of a kind `policyscan fix` rewrites code for."""
    if finding.rule_id == COOKIE_RULE:
        return True
    return finding.rule_id in LOG_RULES and finding.observation is not None and finding.observation.kind is Kind.LOG


def fix_source(path: str, source: str, findings: Sequence[Finding], context: FixContext) -> FileFix:
    """Return the code fixes of `findings` (all in the file at `path`) applied to `source`.

    Raises ImportError when libcst is not installed; everything else that can go wrong is
    in the result (`problem`, `unfixed`).
    """
    from scanner.fix.cookies import cookie_fix
    from scanner.fix.redact import Redactor, redact_fix, redactor
    from scanner.fix.tree import ParseFailure, Tree

    try:
        tree = Tree(source)
    except ParseFailure as exc:
        problem = Problem(path, exc.line, f"libcst cannot parse the file: {exc.message}", exc.column)
        return FileFix(path, source, source, unfixed=tuple((f, "the file cannot be parsed") for f in findings),
                       problem=problem)
    module_redactor: Redactor | Refused | None = None
    outcomes: list[tuple[Finding, Outcome]] = []
    for finding in findings:
        outcome: Outcome
        if finding.rule_id == COOKIE_RULE:
            outcome = cookie_fix(tree, finding, context.inventory, context.cookie_setters)
        elif fixable(finding):
            if context.redact_function is None:
                outcome = Refused(
                    "no redaction function is configured; name one with [tool.policyscan] "
                    'redact_function = "myapp.privacy.redact" to have log calls fixed'
                )
            else:
                if module_redactor is None:
                    module_redactor = redactor(tree, context.redact_function, path)
                outcome = (module_redactor if isinstance(module_redactor, Refused)
                           else redact_fix(tree, finding, module_redactor, context.classifier, context.taxonomy))
        else:
            outcome = Refused(f"policyscan has no automatic fix for {finding.rule_id}")
        outcomes.append((finding, outcome))
    return _combine(path, source, outcomes, python=True)


def suppress_source(path: str, source: str, findings: Sequence[Finding], reason: str, *, toml: bool = False) -> FileFix:
    """Return `source` with a suppression comment for each of `findings` (see scanner.fix.suppressions).

    `toml` says the file is the policy inventory. Raises nothing: a file that cannot be
    tokenized comes back with `problem` set and unchanged.
    """
    from scanner.fix.suppressions import TokenizeFailure, suppression_fixes

    try:
        by_position = suppression_fixes(source, findings, reason, toml=toml)
    except TokenizeFailure as exc:
        return FileFix(path, source, source, unfixed=tuple((f, "the file cannot be tokenized") for f in findings),
                       problem=Problem(path, None, f"cannot tokenize the file: {exc}"))
    outcomes = [(finding, by_position[position]) for position, finding in enumerate(findings)]
    return _combine(path, source, outcomes, python=not toml)


def _combine(path: str, source: str, outcomes: Iterable[tuple[Finding, Outcome]], *, python: bool) -> FileFix:
    """Apply the planned edits that do not overlap earlier ones (identical edits count once)."""
    index = LineIndex(source)
    accepted = _EditSet()
    fixes: list[tuple[Finding, Fix]] = []
    unfixed: list[tuple[Finding, str]] = []
    for finding, outcome in sorted(outcomes, key=lambda item: item[0].sort_key):
        if isinstance(outcome, Refused):
            unfixed.append((finding, outcome.reason))
            continue
        new = [edit for edit in dict.fromkeys(outcome.edits) if edit not in accepted]
        if any(accepted.overlaps(edit) for edit in new):
            unfixed.append((finding, "its fix overlaps the fix of another finding; run policyscan fix again"))
            continue
        accepted.add(new)
        fixes.append((finding, Fix(outcome.description, replacements(path, index, outcome.edits))))
    fixed = apply_edits(source, accepted.edits)
    problem = _check(path, fixed, python=python) if fixed != source else None
    if problem is not None:  # never hand back a file that no longer parses
        return FileFix(path, source, source, unfixed=tuple(unfixed) + tuple((f, problem.message) for f, _ in fixes),
                       problem=problem)
    return FileFix(path, source, fixed, tuple(fixes), tuple(unfixed))


class _EditSet:
    """Non-overlapping edits, kept sorted so that a new edit is checked against its neighbours only."""

    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self._members: set[Edit] = set()

    def __contains__(self, edit: Edit) -> bool:
        return edit in self._members

    def overlaps(self, edit: Edit) -> bool:
        """True when `edit` overlaps an edit of the set (an edit overlaps only sorted neighbours)."""
        position = bisect.bisect_left(self.edits, edit)
        return any(overlaps(edit, other) for other in self.edits[max(0, position - 1):position + 1])

    def add(self, edits: Iterable[Edit]) -> None:
        for edit in edits:
            bisect.insort(self.edits, edit)
            self._members.add(edit)


def _check(path: str, text: str, *, python: bool) -> Problem | None:
    """A Problem when the fixed text would not parse (a bug in a fixer, reported, never written)."""
    try:
        if python:
            ast.parse(text)
        else:
            tomllib.loads(text)
    except (SyntaxError, ValueError, tomllib.TOMLDecodeError) as exc:
        return Problem(path, getattr(exc, "lineno", None), f"internal error: the fixed file would not parse ({exc}); "
                       "nothing was changed, please report this")
    return None


def attach_fixes(findings: Sequence[Finding], root: Path, context: FixContext) -> tuple[tuple[Finding, ...], tuple[Notice, ...]]:
    """Return `findings` with `fixes` set on those a code fix resolves, and notices about files
    whose fixes could not be computed.

    Fixes are computed per file, each finding's on the original text. When libcst is not
    installed, the findings come back unchanged with one warning notice.
    """
    wanted: dict[str, list[Finding]] = {}
    for finding in findings:
        if fixable(finding) and finding.observation is not None:
            wanted.setdefault(finding.path, []).append(finding)
    if not wanted:
        return tuple(findings), ()
    try:
        import libcst  # noqa: F401  # only to say clearly that it is missing
    except ImportError:
        return tuple(findings), (Notice(NoticeLevel.WARNING, f"fixes are left out: {LIBCST_MISSING}", code="fixes"),)
    from scanner.fix.files import read_source

    fixes: dict[str, Fix] = {}
    notices: list[Notice] = []
    for path, file_findings in sorted(wanted.items()):
        source = read_source(path, _on_disk(root, path))
        if isinstance(source, Problem):
            notices.append(Notice(NoticeLevel.WARNING, f"no fixes for {path}: {source.message}", path=path, code="fixes"))
            continue
        result = fix_source(path, source.text, file_findings, context)
        if result.problem is not None:
            notices.append(Notice(NoticeLevel.WARNING, f"no fixes for {path}: {result.problem.message}", path=path,
                                  line=result.problem.line, column=result.problem.column, code="fixes"))
        for finding, fix in result.fixes:
            fixes[finding.identity] = fix
    attached = tuple(
        replace(f, fixes=(fixes[f.identity],)) if f.identity in fixes else f for f in findings
    )
    return attached, tuple(notices)


def _on_disk(root: Path, path: str) -> Path:
    candidate = Path(path)
    return candidate if candidate.is_absolute() else root / path


def require_libcst() -> None:
    """Raise UsageError (exit 2) when libcst, which code fixes need, is not installed."""
    try:
        import libcst  # noqa: F401
    except ImportError as exc:
        raise UsageError([Problem("policyscan fix", None, LIBCST_MISSING)]) from exc


__all__ = [
    "FIXABLE_RULES",
    "FileFix",
    "FixContext",
    "Planned",
    "Refused",
    "attach_fixes",
    "context_for",
    "fix_source",
    "fixable",
    "require_libcst",
    "suppress_source",
]
