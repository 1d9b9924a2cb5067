"""`[tool.policyscan]` in pyproject.toml, read once per run into a frozen `Config`.

Every key is documented in docs/configuration.md. Unknown keys and values of the wrong
type are errors that name the key and its line, so a typo never silently falls back to a
default. Command-line flags override the file through `with_overrides`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.errors import ConfigError, Problem
from scanner.fieldmethods import compared_by_fields
from scanner.inventory import ClassifierOverrides, read_classifier
from scanner.model import Level
from scanner.taxonomy import load_taxonomy
from scanner.tomlpos import KeyPath, TomlChecker, closest, did_you_mean, read_toml_document

if TYPE_CHECKING:
    from scanner.engine.imports import SourceRoots

# BUILTIN_EXCLUDES (from scanner.discovery) are the folders never scanned; `exclude` adds to them.


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Config:
    """The settings of one run: `[tool.policyscan]`, then command-line overrides.

    Globs and paths are relative to the scanned root, with `/` separators. `config_path`
    is the pyproject.toml the values came from (None for the defaults), for messages.
    """

    include: tuple[str, ...] = ("**/*.py",)
    exclude: tuple[str, ...] = ()
    inventory: str | None = None
    fail_on: Level = Level.WARNING
    packs: tuple[str, ...] | None = None
    semgrep_packs: tuple[str, ...] = ()
    jobs: int = 0
    max_file_size: int = 1_000_000
    require_suppression_reason: bool = True
    redact_function: str | None = None
    classifier: ClassifierOverrides = ClassifierOverrides()
    src: tuple[str, ...] | None = None
    """The folders holding the project's top-level packages (`source_roots`); None: the default."""
    config_path: str | None = None


CONFIG_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Config) if f.name != "config_path")
"""The keys `[tool.policyscan]` accepts: every `Config` field but `config_path`."""

_TABLE = ("tool", "policyscan")
_WHERE = " in [tool.policyscan]"
_LEVELS = {level.value: level for level in Level}


def load_config(root: Path) -> Config:
    """Read `[tool.policyscan]` from `root/pyproject.toml`.

    Returns the defaults when the file or the table is absent. Raises `ConfigError` listing
    every problem with its line: the file cannot be read, is not UTF-8 or not valid TOML
    (line and column), a key is unknown (with the closest known key), a value has the
    wrong type or range, or a classifier override names an unknown category key.
    """
    pyproject = root / "pyproject.toml"
    if not pyproject.exists():
        return Config()
    document = read_toml_document(pyproject)
    if isinstance(document, Problem):
        raise ConfigError([document])
    check = TomlChecker(document, columns=True)
    tool = check.table(document.data, (), "tool", "")
    table = None if tool is None else check.table(tool, ("tool",), "policyscan", " in [tool]")
    if table is None:
        if check.problems:
            raise ConfigError(check.sorted_problems())
        return Config()
    config = _read(check, table, root)
    if check.problems:
        raise ConfigError(check.sorted_problems())
    return config


def _read(check: TomlChecker, table: Mapping[str, Any], root: Path) -> Config:
    """Read every key of the table; values with problems keep their defaults."""
    check.unknown_keys(table, _TABLE, CONFIG_KEYS, _WHERE)
    default = Config()
    values: dict[str, Any] = {"config_path": check.document.path}

    include = _globs(check, table, "include")
    if include is not None:
        if not include:
            check.report(_TABLE + ("include",), f"'include'{_WHERE} must not be empty", value=True)
        values["include"] = include
    exclude = _globs(check, table, "exclude")
    if exclude is not None:
        values["exclude"] = exclude

    inventory = check.string(table, _TABLE, "inventory", _WHERE)
    if inventory is not None:
        values["inventory"] = inventory

    fail_on = check.string(table, _TABLE, "fail_on", _WHERE)
    if fail_on is not None:
        if fail_on in _LEVELS:
            values["fail_on"] = _LEVELS[fail_on]
        else:
            check.report(
                _TABLE + ("fail_on",), f"'fail_on'{_WHERE} must be 'note', 'warning' or 'error', not '{fail_on}'",
                value=True,
            )

    packs = check.strings(table, _TABLE, "packs", _WHERE)
    if packs is not None:
        _check_packs(check, packs)
        values["packs"] = tuple(name for name, _ in packs)
    semgrep_packs = check.strings(table, _TABLE, "semgrep_packs", _WHERE)
    if semgrep_packs is not None:
        _check_semgrep_packs(check, semgrep_packs, root)
        values["semgrep_packs"] = tuple(name for name, _ in semgrep_packs)

    jobs = check.integer(table, _TABLE, "jobs", _WHERE, minimum=0)
    if jobs is not None:
        values["jobs"] = jobs
    max_file_size = check.integer(table, _TABLE, "max_file_size", _WHERE, minimum=1)
    if max_file_size is not None:
        values["max_file_size"] = max_file_size
    require_reason = check.boolean(table, _TABLE, "require_suppression_reason", _WHERE)
    if require_reason is not None:
        values["require_suppression_reason"] = require_reason

    redact = check.string(table, _TABLE, "redact_function", _WHERE)
    if redact is not None:
        parts = redact.split(".")
        if len(parts) < 2 or not all(part.isidentifier() for part in parts):
            check.report(
                _TABLE + ("redact_function",),
                f"'redact_function'{_WHERE} must be a dotted name such as 'myapp.privacy.redact', not '{redact}'",
                value=True,
            )
        else:
            values["redact_function"] = redact

    folders = check.strings(table, _TABLE, "src", _WHERE)
    if folders is not None:
        for folder, at in folders:
            if folder.startswith("/") or "\\" in folder or ".." in folder.split("/"):
                check.report(at, f"folder '{folder}' in 'src' must be inside the project root, with '/' between parts")
            elif not (root / folder).is_dir():
                check.report(at, f"folder '{folder}' in 'src' is not a folder under the project root")
        values["src"] = tuple(folder for folder, _ in folders)

    classifier = check.table(table, _TABLE, "classifier", _WHERE)
    if classifier is not None:
        values["classifier"] = read_classifier(
            check, classifier, _TABLE + ("classifier",), "[tool.policyscan.classifier]", load_taxonomy()
        )
    return dataclasses.replace(default, **values)


def source_roots(root: Path, config: Config) -> SourceRoots:
    """The folders whose contents the project imports as top-level modules: `src` as configured,
    else the root and, in a src layout, `src/` (a folder of that name that is not itself a package),
    as ruff's `src` setting defaults to `[".", "src"]`."""
    from scanner.engine.imports import SourceRoots  # the engine package is imported only by runs that analyse

    if config.src is not None:
        return SourceRoots.of(config.src)
    layout = root / "src"
    return SourceRoots.of(("src",) if layout.is_dir() and not (layout / "__init__.py").exists() else ())


def check_configured_inventory(root: Path, config: Config) -> None:
    """Raise ConfigError at the line of `inventory` in pyproject.toml when the file it names is missing
    (or is a folder).

    Checked when a scan is about to use it (observe needs no inventory, and --inventory replaces
    it): a mistyped name was reported against the missing file, not at the line to edit.
    """
    if config.inventory is None or config.config_path is None or (root / config.inventory).is_file():
        return
    document = read_toml_document(Path(config.config_path))
    position = None if isinstance(document, Problem) else document.positions.position_of(_TABLE + ("inventory",))
    line, column = (None, None) if position is None else position
    if (root / config.inventory).is_dir():
        # said as missing, it sent the user looking for a file that is there, as a folder: the
        # setting names the inventory file itself, and the folder's TOML files are the likely ones
        inside = sorted(path.relative_to(root).as_posix() for path in (root / config.inventory).glob("*.toml")
                        if path.name != "pyproject.toml")
        hint = f" (it holds {', '.join(repr(name) for name in inside)})" if inside else ""
        raise ConfigError([Problem(config.config_path, line, f"inventory file '{config.inventory}'{_WHERE} is a folder"
                                   f" under the project root {root}, not a file: name the inventory file{hint}",
                                   column=column)])
    # the TOML files beside where it should be, as the setting names them (relative to the root)
    folder = (root / config.inventory).parent
    near = sorted(path.relative_to(root).as_posix() for path in folder.glob("*.toml")
                  if path.name != "pyproject.toml") if folder.is_dir() else []
    hint = did_you_mean(closest(config.inventory, near))
    raise ConfigError([Problem(config.config_path, line, f"inventory file '{config.inventory}'{_WHERE} does not exist"
                               f" under the project root {root}{hint}", column=column)])


def _check_packs(check: TomlChecker, packs: list[tuple[str, KeyPath]]) -> None:
    """Report each name in `packs` that no bundled model pack has, at its line in pyproject.toml.

    Loading the packs would report it too, but without the file and line the user must edit.
    A bundled pack's name is its file's name (tests/test_config.py pins it), so a listing of the
    folder suffices: no pack is read.
    """
    from scanner.packs import default_pack_paths

    known = [path.stem for path in default_pack_paths()]
    for name, at in packs:
        if name not in known:
            check.report(at, f"unknown rule pack '{name}' in 'packs'{did_you_mean(closest(name, known))}: "
                             f"the built-in packs are {', '.join(known)}")


def _check_semgrep_packs(check: TomlChecker, packs: list[tuple[str, KeyPath]], root: Path) -> None:
    """Report each entry of `semgrep_packs` that is neither a bundled semgrep pack nor a file or
    folder under the root, at its line (as scanner.semgrep.resolve_pack would refuse it, lineless)."""
    from scanner.semgrep import bundled_packs

    bundled = bundled_packs()
    for name, at in packs:
        if name not in bundled and not (root / name).exists():
            names = ", ".join(bundled) or "none"
            check.report(
                at,
                f"unknown semgrep pack '{name}' in 'semgrep_packs': it is not a bundled pack ({names}) "
                f"and there is no file or folder {name} under the project root",
            )


def _globs(check: TomlChecker, table: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
    """An array of globs relative to the root; absolute or backslashed globs are reported."""
    items = check.strings(table, _TABLE, key, _WHERE)
    if items is None:
        return None
    for glob, at in items:
        if glob.startswith("/") or "\\" in glob:
            check.report(at, f"glob '{glob}' in '{key}' must be relative to the project root, with '/' between parts")
    return tuple(glob for glob, _ in items)


def with_overrides(config: Config, **cli_values: Any) -> Config:
    """Return `config` with every command-line value that is not None put in its place.

    Keys are `Config` field names. None means "not given on the command line"; a list is
    stored as a tuple and a string `fail_on` as a `Level`. A caller whose option yields
    `()` when absent (click's `multiple=True`) must pass None instead, or it empties the
    configured value. Raises TypeError for a name that is not a `Config` field (a bug in
    the caller, not a user error) and ValueError for a `fail_on` that is not a level.
    """
    known = {f.name for f in dataclasses.fields(Config)}
    unknown = sorted(set(cli_values) - known)
    if unknown:
        raise TypeError(f"not Config fields: {', '.join(unknown)}")
    changes: dict[str, Any] = {}
    for name, value in cli_values.items():
        if value is None:
            continue
        if isinstance(value, list):
            value = tuple(value)
        if name == "fail_on" and not isinstance(value, Level):
            value = Level(value)
        changes[name] = value
    return dataclasses.replace(config, **changes)

