"""semgrep rule packs as a source of observations.

policyscan's own engine is an `ast` analysis; semgrep packs let a team add detectors written
in semgrep syntax. A semgrep rule turns into observations through its metadata:

    metadata:
      policyscan:
        kind: share                   # collect | share | cookie | log
        categories: [user.device.ip_address]
        recipient: Sentry             # share only, and required there
        cookie: session               # cookie only, optional

All packs and all targets go to ONE semgrep subprocess (start-up costs a second or two).
Every target is passed explicitly, so semgrep's own file selection (.gitignore,
.semgrepignore, size limit) never drops a file that policyscan's discovery chose; a file
semgrep could not analyse becomes a `Skip`, a broken rule a `RulePackError`, and a semgrep
that is missing or crashed a `SemgrepError`.

Nothing here is imported unless semgrep packs are enabled, and the YAML library is imported
only when a pack is read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.errors import Problem, RulePackError, SemgrepError
from scanner.model import Cookie, Kind, Observation, Skip, SkipReason, Span
from scanner.taxonomy import Taxonomy, load_taxonomy

BUNDLED_PACKAGE = "policyscan_rules"
"""The installed name of the repository's rules/ folder (see pyproject.toml)."""

PACK_SUFFIX = ".yaml"

INSTALL_HINT = "pip install 'policyscan[semgrep]'"

POLICYSCAN_KEYS = ("categories", "cookie", "kind", "recipient")

# Fixed flags of every run. --no-git-ignore and explicit targets keep semgrep from dropping
# files policyscan's discovery chose (explicit targets bypass .semgrepignore);
# --max-target-bytes=0 leaves size limits to discovery; --disable-nosem because a
# `# nosemgrep` comment is about the team's security scans, and policyscan's own
# suppressions mark results instead of dropping them.
SEMGREP_FLAGS = (
    "scan",
    "--json",
    "--metrics=off",
    "--disable-version-check",
    "--no-rewrite-rule-ids",
    "--quiet",
    "--no-git-ignore",
    "--disable-nosem",
    "--max-target-bytes=0",
)

SEMGREP_ENV = {"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}

# semgrep's exit codes for broken configuration: invalid pattern, unparsable YAML, invalid
# config, unknown language (semgrep's documented exit codes).
_CONFIG_EXIT_CODES = frozenset({4, 5, 7, 8})

# Error types semgrep reports for a rule or a config file rather than for a target.
_RULE_ERROR_TYPES = frozenset(
    {
        "Rule parse error",
        "InvalidRuleSchemaError",
        "UnknownLanguageError",
        "Invalid YAML",
        "Pattern parse error",
        "InvalidPatternError",
        "Missing plugin",
        "MissingPlugin",
    }
)

_STDERR_TAIL = 20


@dataclass(frozen=True, slots=True)
class SemgrepOutcome:
    """What one semgrep run gave: observations, and the files it could not analyse (fully)."""

    observations: tuple[Observation, ...]
    skips: tuple[Skip, ...]


@dataclass(frozen=True, slots=True)
class _Rule:
    """One validated rule: its policyscan metadata and where it is written."""

    id: str
    kind: Kind
    categories: tuple[str, ...]
    recipient: str | None
    cookie: str | None
    pack: Path
    line: int


# --------------------------------------------------------------------------- packs


def validate_pack(path: Path, root: Path | None = None) -> list[Problem]:
    """Check one semgrep pack file for what policyscan needs of it.

    The file must exist and be YAML with a `rules` list; each rule needs an `id` (unique in
    the pack) and `metadata.policyscan` with a known `kind`, a `categories` list of known
    category keys (may be empty), a `recipient` exactly when the kind is `share`, and a
    `cookie` name only for the `cookie` kind. semgrep itself checks the rest (patterns,
    languages) when the pack runs.

    A folder is a pack made of every `*.yaml` and `*.yml` file under it, as semgrep reads it.

    Returns every problem found, each at the line (and column) of the offending key, or of
    the mapping that lacks a required key; an empty list when the pack is valid. With `root`,
    a file inside it is named relative to it, as run_semgrep's problems name it (one way for
    the same file); otherwise, and outside the root, by its absolute POSIX path.
    """
    def shown(file: Path) -> str:
        return file.as_posix() if root is None else _display(Path(os.path.abspath(file)), Path(os.path.abspath(root)))

    files = _pack_files(path)
    if not files:
        return [Problem(path=shown(path), line=None, message="no semgrep pack files (*.yaml, *.yml) in this folder")]
    problems: list[Problem] = []
    for file in files:
        problems.extend(_load_pack(file, shown(file))[1])
    return problems


def bundled_packs() -> dict[str, Path]:
    """Return the bundled semgrep packs by name ("sdk-settings"), sorted by name."""
    folder = _bundled_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob(f"*{PACK_SUFFIX}"))}


def resolve_pack(name_or_path: str, root: Path) -> Path:
    """Return the pack (a file, or a folder of pack files) a configuration names.

    A bare name of a bundled pack ("sdk-settings") gives the bundled file; anything else is
    a path to a pack file or a folder of them, relative to `root` unless absolute.

    Raises RulePackError naming the pack and listing the bundled packs when it is neither.
    """
    bundled = bundled_packs()
    if name_or_path in bundled:
        return bundled[name_or_path]
    candidate = Path(name_or_path)
    if not candidate.is_absolute():
        candidate = root / candidate
    if candidate.is_file() or candidate.is_dir():
        return candidate
    names = ", ".join(bundled) or "none"
    raise RulePackError(
        f"unknown semgrep pack {name_or_path!r}: it is not a bundled pack ({names}) "
        f"and there is no file {candidate.as_posix()}"
    )


def _pack_files(path: Path) -> list[Path]:
    """The YAML files a pack consists of: the file itself, or those under a folder, sorted.

    Hidden files and folders are left out, as semgrep leaves them out of a config folder.
    """
    if not path.is_dir():
        return [path]
    found = [
        p
        for p in path.rglob("*")
        if p.suffix in (".yaml", ".yml")
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    ]
    return sorted(found)


def _bundled_dir() -> Path:
    """The folder of bundled semgrep packs: the installed package, else the checkout's rules/."""
    try:
        from importlib import resources

        installed = Path(str(resources.files(BUNDLED_PACKAGE).joinpath("semgrep")))
    except ModuleNotFoundError:  # running from a checkout without installing
        installed = None
    if installed is not None and installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules" / "semgrep"


def _load_pack(path: Path, display: str) -> tuple[list[_Rule], list[Problem]]:
    """Read and check one pack; return its valid rules and every problem (see validate_pack)."""
    # Imported here: start-up time matters, and only semgrep packs need a YAML parser.
    # ruamel.yaml is what semgrep itself depends on; its round-trip loader keeps line numbers
    # and never constructs arbitrary objects from tags.
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    def problem(line: int | None, message: str, column: int | None = None) -> Problem:
        return Problem(path=display, line=line, message=message, column=column)

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], [problem(None, "semgrep pack not found")]
    except UnicodeDecodeError as exc:
        return [], [problem(None, f"the pack is not UTF-8 text: {exc.reason} at byte {exc.start}")]
    except OSError as exc:
        return [], [problem(None, f"cannot read the pack: {exc.strerror or exc}")]

    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "unreadable YAML"
        if mark is None:
            return [], [problem(None, f"invalid YAML: {what}")]
        return [], [problem(mark.line + 1, f"invalid YAML: {what}", mark.column + 1)]
    except YAMLError as exc:
        return [], [problem(None, f"invalid YAML: {exc}")]

    if not isinstance(data, Mapping) or "rules" not in data:
        return [], [problem(1, "a semgrep pack must be a mapping with a `rules` list")]
    rules_node = data["rules"]
    if not isinstance(rules_node, list):
        line, column = _key_position(data, "rules")
        return [], [problem(line, "`rules` must be a list of rules", column)]

    taxonomy = load_taxonomy()
    problems: list[Problem] = []
    rules: list[_Rule] = []
    first_line: dict[str, int] = {}
    for index, node in enumerate(rules_node):
        item_line, item_column = _item_position(rules_node, index)
        if not isinstance(node, Mapping):
            problems.append(problem(item_line, f"rule {index + 1} must be a mapping", item_column))
            continue
        rule_id = node.get("id")
        if not isinstance(rule_id, str) or not rule_id:
            if "id" in node:
                line, column = _key_position(node, "id")
                problems.append(problem(line, f"rule {index + 1}: `id` must be a non-empty string", column))
            else:
                problems.append(problem(item_line, f"rule {index + 1} has no `id`", item_column))
            continue
        id_position = _key_position(node, "id")
        # The round-trip loader records every key's place; 1 only guards the types.
        id_line, id_column = id_position[0] or 1, id_position[1] or 1
        if rule_id in first_line:
            problems.append(
                problem(id_line, f"rule id {rule_id!r} is used twice (first at line {first_line[rule_id]})", id_column)
            )
            continue
        first_line[rule_id] = id_line
        rule, rule_problems = _check_metadata(node, rule_id, id_line, id_column, path, taxonomy)
        problems.extend(problem(line, message, column) for line, column, message in rule_problems)
        if rule is not None:
            rules.append(rule)
    return rules, problems


def _check_metadata(
    node: Mapping[str, Any], rule_id: str, id_line: int, id_column: int, pack: Path, taxonomy: Taxonomy
) -> tuple[_Rule | None, list[tuple[int | None, int | None, str]]]:
    """Check one rule's metadata.policyscan; return the rule (None if invalid) and its problems."""
    found: list[tuple[int | None, int | None, str]] = []

    def add(position: tuple[int | None, int | None], message: str) -> None:
        found.append((position[0], position[1], f"rule {rule_id}: {message}"))

    if "metadata" not in node:
        add((id_line, id_column), "no `metadata.policyscan` to turn its results into observations")
        return None, found
    metadata = node["metadata"]
    if not isinstance(metadata, Mapping) or "policyscan" not in metadata:
        add(_key_position(node, "metadata"), "no `metadata.policyscan` to turn its results into observations")
        return None, found
    meta = metadata["policyscan"]
    meta_position = _key_position(metadata, "policyscan")
    if not isinstance(meta, Mapping):
        add(meta_position, "`metadata.policyscan` must be a mapping (kind, categories, recipient, cookie)")
        return None, found

    for key in meta:
        if key not in POLICYSCAN_KEYS:
            add(_key_position(meta, key), f"unknown key `{key}` in `metadata.policyscan` (known: {', '.join(POLICYSCAN_KEYS)})")

    kinds = ", ".join(k.value for k in Kind)
    kind: Kind | None = None
    if "kind" not in meta:
        add(meta_position, f"`kind` is required (one of {kinds})")
    else:
        try:
            kind = Kind(meta["kind"])
        except ValueError:
            add(_key_position(meta, "kind"), f"unknown kind {meta['kind']!r} (one of {kinds})")

    categories: list[str] = []
    categories_ok = True
    if "categories" not in meta:
        add(meta_position, "`categories` is required (a list of category keys, may be empty)")
        categories_ok = False
    elif not isinstance(meta["categories"], list):
        add(_key_position(meta, "categories"), "`categories` must be a list of category keys")
        categories_ok = False
    else:
        seq = meta["categories"]
        for index, key in enumerate(seq):
            if not isinstance(key, str):
                add(_item_position(seq, index), f"category {key!r} must be a string")
                categories_ok = False
            elif key not in taxonomy:
                hint = taxonomy.suggest(key)
                add(_item_position(seq, index), f"unknown category {key!r}" + (f" (did you mean {hint!r}?)" if hint else ""))
                categories_ok = False
            else:
                categories.append(key)

    recipient = meta.get("recipient")
    recipient_ok = True
    if "recipient" in meta:
        if kind is not None and kind is not Kind.SHARE:
            add(_key_position(meta, "recipient"), "`recipient` is only for `share` rules")
            recipient_ok = False
        elif not isinstance(recipient, str) or not recipient.strip():
            add(_key_position(meta, "recipient"), "`recipient` must be a non-empty string (the service's name)")
            recipient_ok = False
    elif kind is Kind.SHARE:
        add(meta_position, "a `share` rule needs a `recipient` (the service's name)")
        recipient_ok = False

    cookie = meta.get("cookie")
    cookie_ok = True
    if "cookie" in meta:
        if kind is not None and kind is not Kind.COOKIE:
            add(_key_position(meta, "cookie"), "`cookie` is only for `cookie` rules")
            cookie_ok = False
        elif not isinstance(cookie, str) or not cookie:
            add(_key_position(meta, "cookie"), "`cookie` must be a non-empty string (the cookie's name)")
            cookie_ok = False

    if found or kind is None or not (categories_ok and recipient_ok and cookie_ok):
        return None, found
    rule = _Rule(
        id=rule_id,
        kind=kind,
        categories=tuple(sorted(set(categories))),
        recipient=str(recipient).strip() if kind is Kind.SHARE else None,
        cookie=str(cookie) if kind is Kind.COOKIE and cookie is not None else None,
        pack=pack,
        line=id_line,
    )
    return rule, found


def _key_position(mapping: Any, key: str) -> tuple[int | None, int | None]:
    """1-based (line, column) of `key` in a round-trip mapping; (None, None) if unknown."""
    try:
        line, column = mapping.lc.key(key)
    except (AttributeError, KeyError, TypeError):
        return None, None
    return int(line) + 1, int(column) + 1


def _item_position(seq: Any, index: int) -> tuple[int | None, int | None]:
    """1-based (line, column) of item `index` in a round-trip sequence; (None, None) if unknown."""
    try:
        line, column = seq.lc.item(index)
    except (AttributeError, KeyError, IndexError, TypeError):
        return None, None
    return int(line) + 1, int(column) + 1


# --------------------------------------------------------------------------- running


def run_semgrep(
    packs: Sequence[Path],
    targets: Sequence[Path],
    root: Path,
    *,
    semgrep: str | None = None,
    timeout: float = 600,
) -> SemgrepOutcome:
    """Run every pack over every target in one semgrep subprocess; return what it observed.

    `targets` are files (relative to `root` or absolute); paths in the outcome are relative
    to `root` with `/` separators. `semgrep` names the executable; by default the one on
    PATH, else the one beside the running Python. `timeout` bounds the whole run in seconds.
    The targets are split over several runs only if one command line would exceed the
    operating system's limit.

    Returns the observations (sorted by `Observation.sort_key`) and a Skip for each file
    semgrep reported it could not analyse (fully).

    Raises RulePackError listing every problem of every pack (checked before semgrep runs,
    and the rule errors semgrep reports); SemgrepError when semgrep is missing, times out,
    or fails without usable output.
    """
    root = Path(os.path.abspath(root))
    rules = _validated_rules(packs, root)
    # Folders are expanded here so that semgrep runs exactly the files that were validated.
    packs = [file for pack in packs for file in _pack_files(Path(os.path.abspath(root / pack)))]
    if not packs or not targets:
        return SemgrepOutcome(observations=(), skips=())
    executable = find_semgrep(semgrep, packs)

    targets_map = _Targets(targets, root)
    args = sorted(targets_map.by_arg)
    configs = [arg for pack in packs for arg in ("--config", os.path.abspath(pack))]
    env = {**os.environ, **SEMGREP_ENV}

    deadline = time.monotonic() + timeout
    outputs: list[tuple[dict[str, Any], int]] = []
    for chunk in _chunks(args, [executable, *SEMGREP_FLAGS, *configs, "--"], env):
        outputs.append(_invoke([executable, *SEMGREP_FLAGS, *configs, "--", *chunk], root, env, deadline, timeout))

    pack_by_file = {Path(os.path.abspath(pack)): pack for pack in packs}
    columns = _ColumnMap(root)
    observations: set[Observation] = set()
    file_errors: dict[str, list[tuple[int | None, int | None, str]]] = {}
    rule_problems: list[Problem] = []
    fatal: list[str] = []
    for output, returncode in outputs:
        for error in output.get("errors") or []:
            if not isinstance(error, Mapping):
                continue
            _classify_error(
                error, returncode, root, targets_map, rules, pack_by_file, packs, columns,
                file_errors, rule_problems, fatal,
            )
        for entry in output.get("skipped_rules") or []:
            if isinstance(entry, Mapping) and isinstance(entry.get("rule_id"), str):
                rule_problems.append(_rule_problem(entry["rule_id"], _message(entry), rules, packs, root))
        if returncode not in (0, 1) and not (output.get("errors") or output.get("skipped_rules")):
            raise SemgrepError(f"semgrep exited with code {returncode} without saying why")
        for result in output.get("results") or []:
            observations.add(_observation(result, rules, root, targets_map, columns))

    if rule_problems:
        raise RulePackError(sorted(set(rule_problems), key=_problem_key))
    if fatal:
        raise SemgrepError("semgrep failed: " + "; ".join(dict.fromkeys(fatal)))

    skips = []
    for path, errors in file_errors.items():
        # The first error with a place in the file, then those without one.
        errors.sort(key=lambda e: (e[0] is None, e[0] or 0, e[1] or 0, e[2]))
        line, column, message = errors[0]
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more semgrep error{'s' if len(errors) > 2 else ''} in this file)"
        skips.append(Skip(path=path, reason=SkipReason.SEMGREP_ERROR, message=message, line=line, column=column))
    return SemgrepOutcome(
        observations=tuple(sorted(observations, key=lambda o: (o.sort_key, o.span, o.message))),
        skips=tuple(sorted(skips, key=lambda s: s.path)),
    )


def _validated_rules(packs: Sequence[Path], root: Path) -> dict[str, _Rule]:
    """Load every pack (folders file by file); return the rules by id.

    Raises RulePackError with every problem of every pack.
    """
    problems: list[Problem] = []
    rules: dict[str, _Rule] = {}
    for pack in packs:
        absolute = Path(os.path.abspath(root / pack))
        files = _pack_files(absolute)
        if not files:
            problems.append(
                Problem(
                    path=_display(absolute, root),
                    line=None,
                    message="no semgrep pack files (*.yaml, *.yml) in this folder",
                )
            )
        for file in files:
            display = _display(file, root)
            loaded, found = _load_pack(file, display)
            problems.extend(found)
            for rule in loaded:
                other = rules.get(rule.id)
                if other is None:
                    rules[rule.id] = rule
                    continue
                # semgrep reports only the id, so the id must say which pack a result came from.
                problems.append(
                    Problem(
                        path=display,
                        line=rule.line,
                        message=(
                            f"rule id {rule.id!r} is also used in {_display(other.pack, root)}:{other.line}; "
                            "rule ids must be unique across the enabled semgrep packs"
                        ),
                    )
                )
    if problems:
        raise RulePackError(problems)
    return rules


def find_semgrep(semgrep: str | None, packs: Sequence[Path]) -> str:
    """Return the semgrep executable to run. Raises SemgrepError when there is none."""
    if semgrep is not None:
        found = shutil.which(semgrep)
    else:
        found = shutil.which("semgrep")
        if found is None:
            beside = Path(sys.executable).parent / ("semgrep.exe" if os.name == "nt" else "semgrep")
            found = str(beside) if beside.is_file() else None
    if found is None:
        names = ", ".join(sorted({Path(p).name for p in packs}))
        where = f" (looked for {semgrep})" if semgrep is not None else ""
        raise SemgrepError(
            f"semgrep is not installed{where}; it is needed for the semgrep packs {names}: {INSTALL_HINT}"
        )
    return found


def _argv_limit() -> int:
    """Bytes one command line may take (arguments and environment), with a safety margin."""
    if os.name == "nt":
        return 32_000  # CreateProcess's limit is 32,767 characters for the whole command line
    try:
        limit = int(os.sysconf("SC_ARG_MAX"))
    except (AttributeError, ValueError, OSError):
        limit = 131_072
    return limit - 4096 if limit > 0 else 131_072


def _argv_cost(arg: str) -> int:
    """What one argument costs against the limit: its bytes, the terminator, the pointer."""
    return len(os.fsencode(arg)) + 1 + 8


def _chunks(args: list[str], fixed: list[str], env: Mapping[str, str]) -> Iterator[list[str]]:
    """Split the target arguments so each command line fits; one chunk unless it would not."""
    budget = _argv_limit() - sum(_argv_cost(a) for a in fixed)
    budget -= sum(_argv_cost(f"{k}={v}") for k, v in env.items())
    chunk: list[str] = []
    used = 0
    for arg in args:
        cost = _argv_cost(arg)
        if chunk and used + cost > budget:
            yield chunk
            chunk, used = [], 0
        chunk.append(arg)
        used += cost
    if chunk:
        yield chunk


def _invoke(argv: list[str], root: Path, env: Mapping[str, str], deadline: float, timeout: float) -> tuple[dict[str, Any], int]:
    """Run semgrep once; return its parsed JSON output and exit code. Raises SemgrepError."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise SemgrepError(f"semgrep did not finish within {timeout:g} s")
    try:
        completed = subprocess.run(
            argv, cwd=root, env=dict(env), capture_output=True, timeout=remaining, check=False
        )
    except subprocess.TimeoutExpired:
        raise SemgrepError(f"semgrep did not finish within {timeout:g} s") from None
    except OSError as exc:
        raise SemgrepError(f"semgrep could not be started ({argv[0]}): {exc.strerror or exc}") from None
    stdout = completed.stdout.decode("utf-8", errors="replace")
    stderr = completed.stderr.decode("utf-8", errors="replace")
    try:
        output = json.loads(stdout)
    except ValueError:
        output = None
    if not isinstance(output, dict) or not isinstance(output.get("results"), list):
        tail = "\n".join(stderr.strip().splitlines()[-_STDERR_TAIL:])
        raise SemgrepError(
            f"semgrep exited with code {completed.returncode} and no usable JSON output"
            + (f":\n{tail}" if tail else " (and printed nothing on stderr)")
        )
    return output, completed.returncode


def _classify_error(
    error: Mapping[str, Any],
    returncode: int,
    root: Path,
    targets_map: _Targets,
    rules: Mapping[str, _Rule],
    pack_by_file: Mapping[Path, Path],
    packs: Sequence[Path],
    columns: _ColumnMap,
    file_errors: dict[str, list[tuple[int | None, int | None, str]]],
    rule_problems: list[Problem],
    fatal: list[str],
) -> None:
    """Sort one entry of semgrep's "errors": a file it could not analyse, a broken rule, or a failure."""
    kind = error.get("type")
    type_name = kind[0] if isinstance(kind, list) and kind and isinstance(kind[0], str) else str(kind or "error")
    message = _message(error)

    path = error.get("path")
    target = targets_map.display(path) if isinstance(path, str) else None
    if target is not None:
        line, column = _error_position(error, columns, target)
        file_errors.setdefault(target, []).append((line, column, f"semgrep {type_name}: {message}"))
        return

    rule_id = error.get("rule_id")
    if isinstance(rule_id, str):
        rule_problems.append(_rule_problem(rule_id, message, rules, packs, root))
        return
    for span in error.get("spans") or []:
        file = span.get("file") if isinstance(span, Mapping) else None
        if isinstance(file, str):
            pack = pack_by_file.get(Path(os.path.abspath(root / file)))
            if pack is not None:
                start = span.get("start") or {}
                line = start.get("line") if isinstance(start.get("line"), int) else None
                rule_problems.append(
                    Problem(path=_display(Path(os.path.abspath(pack)), root), line=line, message=message)
                )
                return
    if error.get("level") == "error":
        if type_name in _RULE_ERROR_TYPES or returncode in _CONFIG_EXIT_CODES:
            where = _display(Path(os.path.abspath(packs[0])), root) if len(packs) == 1 else "semgrep packs"
            rule_problems.append(Problem(path=where, line=None, message=message))
        else:
            fatal.append(message)


def _rule_problem(rule_id: str, message: str, rules: Mapping[str, _Rule], packs: Sequence[Path], root: Path) -> Problem:
    """A Problem at the rule's id line in its pack, for an error semgrep reported about a rule."""
    rule = rules.get(rule_id)
    if rule is None:
        return Problem(path="semgrep packs", line=None, message=f"rule {rule_id}: {message}")
    return Problem(path=_display(Path(os.path.abspath(rule.pack)), root), line=rule.line, message=message)


def _message(entry: Mapping[str, Any]) -> str:
    """semgrep's message for an error, on one line."""
    raw = entry.get("message") or entry.get("long_msg") or entry.get("short_msg") or entry.get("details")
    text = str(raw) if raw is not None else str(entry.get("type") or "unknown error")
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _error_position(error: Mapping[str, Any], columns: _ColumnMap, path: str) -> tuple[int | None, int | None]:
    """Where in the target an error is: the first span's start, in code points (None if unknown)."""
    spans: list[Any] = list(error.get("spans") or [])
    kind = error.get("type")
    if isinstance(kind, list) and len(kind) > 1 and isinstance(kind[1], list):
        spans.extend(kind[1])
    for span in spans:
        start = span.get("start") if isinstance(span, Mapping) else None
        if isinstance(start, Mapping) and isinstance(start.get("line"), int) and isinstance(start.get("col"), int):
            return start["line"], columns.column(path, start["line"], start["col"])
    return None, None


def _observation(
    result: Mapping[str, Any],
    rules: Mapping[str, _Rule],
    root: Path,
    targets_map: _Targets,
    columns: _ColumnMap,
) -> Observation:
    """Turn one semgrep result into an Observation. Raises SemgrepError on a result it cannot place."""
    rule_id = result.get("check_id")
    rule = rules.get(rule_id) if isinstance(rule_id, str) else None
    if rule is None:
        raise SemgrepError(f"semgrep reported a result for rule {rule_id!r}, which no enabled pack defines")
    raw_path = result.get("path")
    path = targets_map.display(raw_path) if isinstance(raw_path, str) else None
    if path is None:
        raise SemgrepError(f"semgrep reported a result in {raw_path!r}, which is not a target")
    start, end = result["start"], result["end"]
    # semgrep's lines and columns are 1-based with an exclusive end column, but its columns
    # count bytes; the model counts code points, as SARIF's unicodeCodePoints.
    span = Span(
        start_line=start["line"],
        start_column=columns.column(path, start["line"], start["col"]),
        end_line=end["line"],
        end_column=columns.column(path, end["line"], end["col"]),
    )
    extra = result.get("extra") or {}
    message = str(extra.get("message") or "").strip()
    return Observation(
        kind=rule.kind,
        path=path,
        span=span,
        categories=rule.categories,
        rule=f"semgrep.{rule.id}",
        message=message,
        recipient=rule.recipient,
        cookie=Cookie(name=rule.cookie) if rule.kind is Kind.COOKIE else None,
        reasons=(f"semgrep rule {rule.id} in {rule.pack.name}",),
    )


class _ColumnMap:
    """Converts semgrep's byte columns to code-point columns, reading each file once."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._lines: dict[str, list[bytes] | None] = {}

    def column(self, path: str, line: int, byte_column: int) -> int:
        """The 1-based code-point column of 1-based `byte_column` on `line` of `path`."""
        if path not in self._lines:
            try:
                self._lines[path] = (self._root / path).read_bytes().split(b"\n")
            except OSError:
                self._lines[path] = None
        lines = self._lines[path]
        if lines is None or not 1 <= line <= len(lines) or byte_column < 1:
            return byte_column
        return len(lines[line - 1][: byte_column - 1].decode("utf-8", errors="replace")) + 1


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _display(path: Path, root: Path) -> str:
    """`path` relative to `root` with `/` separators, or absolute POSIX when outside it."""
    return path.relative_to(root).as_posix() if _inside(path, root) else path.as_posix()


class _Targets:
    """The targets as passed to semgrep (relative to the root where inside it) and as reported."""

    def __init__(self, targets: Sequence[Path], root: Path) -> None:
        self.root = root
        self.by_arg: dict[str, str] = {}
        for target in targets:
            absolute = Path(os.path.abspath(root / target))
            display = _display(absolute, root)
            # Inside the root the argument is the display path itself (semgrep runs in the root).
            self.by_arg[display] = display
        self.displays = frozenset(self.by_arg.values())

    def display(self, path: str) -> str | None:
        """The display path of the target semgrep names `path`, or None if it is not a target."""
        if path in self.by_arg:
            return self.by_arg[path]
        display = _display(Path(os.path.abspath(self.root / path)), self.root)
        return display if display in self.displays else None


def _problem_key(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)
