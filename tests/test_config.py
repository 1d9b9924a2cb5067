"""Tests for scanner.config: [tool.policyscan] in pyproject.toml, and command-line overrides."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from scanner.config import CONFIG_KEYS, Config, load_config, with_overrides
from scanner.discovery import BUILTIN_EXCLUDES
from scanner.errors import ConfigError, ExitCode, Problem
from scanner.inventory import ClassifierOverrides
from scanner.model import Level
from scanner.packs import default_pack_paths

DATA = Path(__file__).parent / "data" / "config"
DOCS = Path(__file__).parent.parent / "docs" / "configuration.md"
HEADER = '[project]\nname = "x"\n\n[tool.policyscan]\n'  # the table's keys start on line 5


def project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "pkg").mkdir(exist_ok=True)  # a folder `src` may name
    return tmp_path


def problems(tmp_path: Path, text: str) -> list[tuple[int | None, str]]:
    root = project(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    assert raised.value.exit_code is ExitCode.USAGE
    assert all(p.path == str(root / "pyproject.toml") for p in raised.value.problems)
    return [(p.line, p.message) for p in raised.value.problems]


def test_defaults() -> None:
    assert Config() == Config(
        include=("**/*.py",),
        exclude=(),
        inventory=None,
        fail_on=Level.WARNING,
        packs=None,
        semgrep_packs=(),
        jobs=0,
        max_file_size=1_000_000,
        require_suppression_reason=True,
        redact_function=None,
        classifier=ClassifierOverrides(),
        config_path=None,
    )
    assert BUILTIN_EXCLUDES == (
        ".git", ".hg", ".svn", ".venv", "venv", "env", ".env", ".tox", ".nox", "node_modules",
        "__pycache__", "build", "dist", "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache",
        ".eggs", "*.egg-info", ".policyscan_cache",
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        None,  # no pyproject.toml
        '[project]\nname = "x"\n',  # no [tool] table
        "[tool.black]\nline-length = 100\n",  # [tool] without policyscan
    ],
)
def test_absent_file_or_table_gives_defaults(tmp_path: Path, text: str | None) -> None:
    if text is not None:
        project(tmp_path, text)
    assert load_config(tmp_path) == Config()


def test_empty_table_gives_defaults_with_its_path(tmp_path: Path) -> None:
    root = project(tmp_path, HEADER)
    assert load_config(root) == Config(config_path=str(root / "pyproject.toml"))


def test_every_key() -> None:
    root = DATA / "full"
    assert load_config(root) == Config(
        include=("app/**/*.py", "scripts/*.py"),
        exclude=("app/migrations/**", "**/test_*.py"),
        inventory="privacy-inventory.toml",
        fail_on=Level.ERROR,
        packs=("frameworks", "schemas", "share", "logging"),
        semgrep_packs=("semgrep/internal.yaml",),
        jobs=4,
        max_file_size=250000,
        require_suppression_reason=False,
        redact_function="app.privacy.redact",
        src=("src",),
        classifier=ClassifierOverrides(fields=(("nickname", "user.name"),), not_personal=("content_type",)),
        config_path=str(root / "pyproject.toml"),
    )


# (key = value as written, the Config field's expected value)
VALID: list[tuple[str, str, Any]] = [
    ("include", 'include = ["src/**/*.py"]', ("src/**/*.py",)),
    ("exclude", 'exclude = ["**/migrations/**"]', ("**/migrations/**",)),
    ("exclude", "exclude = []", ()),
    ("inventory", 'inventory = "docs/privacy.toml"', "docs/privacy.toml"),
    ("fail_on", 'fail_on = "note"', Level.NOTE),
    ("fail_on", 'fail_on = "warning"', Level.WARNING),
    ("fail_on", 'fail_on = "error"', Level.ERROR),
    ("packs", 'packs = ["logging"]', ("logging",)),
    ("packs", "packs = []", ()),
    ("semgrep_packs", 'semgrep_packs = ["sdk-settings"]', ("sdk-settings",)),
    ("jobs", "jobs = 0", 0),
    ("jobs", "jobs = 8", 8),
    ("max_file_size", "max_file_size = 1", 1),
    ("require_suppression_reason", "require_suppression_reason = false", False),
    ("redact_function", 'redact_function = "a.b"', "a.b"),
    ("redact_function", 'redact_function = "my_app.privacy._redact"', "my_app.privacy._redact"),
    ("src", 'src = [".", "pkg"]', (".", "pkg")),
    ("src", "src = []", ()),
    (
        "classifier",
        'classifier = { fields = { handle = "user.account.username" }, not_personal = ["email_template"] }',
        ClassifierOverrides(fields=(("handle", "user.account.username"),), not_personal=("email_template",)),
    ),
]


@pytest.mark.parametrize(("key", "line", "expected"), VALID, ids=[f"{v[0]}-{i}" for i, v in enumerate(VALID)])
def test_valid_values(tmp_path: Path, key: str, line: str, expected: Any) -> None:
    config = load_config(project(tmp_path, HEADER + line + "\n"))
    assert getattr(config, key) == expected
    # Nothing else changes.
    others = {f.name: getattr(config, f.name) for f in dataclasses.fields(Config) if f.name not in (key, "config_path")}
    assert others == {name: getattr(Config(), name) for name in others}


def test_every_key_has_a_valid_case() -> None:
    assert {key for key, _, _ in VALID} == set(CONFIG_KEYS)


# (key, text after the header, [(line, message), ...])
INVALID: list[tuple[str, str, list[tuple[int | None, str]]]] = [
    ("include", 'include = "**/*.py"', [(5, "'include' in [tool.policyscan] must be an array of strings, not a string")]),
    ("include", "include = []", [(5, "'include' in [tool.policyscan] must not be empty")]),
    (
        "include",
        'include = [\n  "ok/*.py",\n  3,\n  "",\n  "/abs/*.py",\n]',
        [
            (7, "'include' in [tool.policyscan] must contain only strings, not an integer"),
            (8, "'include' in [tool.policyscan] must not contain an empty string"),
            (9, "glob '/abs/*.py' in 'include' must be relative to the project root, with '/' between parts"),
        ],
    ),
    (
        "exclude",
        'exclude = ["a\\\\b"]',
        [(5, "glob 'a\\b' in 'exclude' must be relative to the project root, with '/' between parts")],
    ),
    ("exclude", "exclude = 1", [(5, "'exclude' in [tool.policyscan] must be an array of strings, not an integer")]),
    ("inventory", "inventory = true", [(5, "'inventory' in [tool.policyscan] must be a string, not a boolean")]),
    ("inventory", 'inventory = ""', [(5, "'inventory' in [tool.policyscan] must not be empty")]),
    ("fail_on", 'fail_on = "fatal"', [(5, "'fail_on' in [tool.policyscan] must be 'note', 'warning' or 'error', not 'fatal'")]),
    ("fail_on", 'fail_on = "Error"', [(5, "'fail_on' in [tool.policyscan] must be 'note', 'warning' or 'error', not 'Error'")]),
    ("fail_on", "fail_on = 2", [(5, "'fail_on' in [tool.policyscan] must be a string, not an integer")]),
    ("packs", 'packs = "logging"', [(5, "'packs' in [tool.policyscan] must be an array of strings, not a string")]),
    ("semgrep_packs", "semgrep_packs = [1]", [(5, "'semgrep_packs' in [tool.policyscan] must contain only strings, not an integer")]),
    ("jobs", "jobs = -1", [(5, "'jobs' in [tool.policyscan] must be 0 or greater, not -1")]),
    ("jobs", 'jobs = "4"', [(5, "'jobs' in [tool.policyscan] must be an integer, not a string")]),
    ("jobs", "jobs = true", [(5, "'jobs' in [tool.policyscan] must be an integer, not a boolean")]),
    ("max_file_size", "max_file_size = 0", [(5, "'max_file_size' in [tool.policyscan] must be 1 or greater, not 0")]),
    ("max_file_size", "max_file_size = 1e6", [(5, "'max_file_size' in [tool.policyscan] must be an integer, not a float")]),
    (
        "require_suppression_reason",
        'require_suppression_reason = "yes"',
        [(5, "'require_suppression_reason' in [tool.policyscan] must be a boolean (true or false), not a string")],
    ),
    (
        "redact_function",
        'redact_function = "redact"',
        [(5, "'redact_function' in [tool.policyscan] must be a dotted name such as 'myapp.privacy.redact', not 'redact'")],
    ),
    (
        "redact_function",
        'redact_function = "app.privacy.redact()"',
        [
            (
                5,
                "'redact_function' in [tool.policyscan] must be a dotted name such as 'myapp.privacy.redact', "
                "not 'app.privacy.redact()'",
            )
        ],
    ),
    (
        "src",
        'src = ["lib", "../other", "/abs", "a\\\\b", 3]',
        [
            (5, "'src' in [tool.policyscan] must contain only strings, not an integer"),
            (5, "folder 'lib' in 'src' is not a folder under the project root"),
            (5, "folder '../other' in 'src' must be inside the project root, with '/' between parts"),
            (5, "folder '/abs' in 'src' must be inside the project root, with '/' between parts"),
            (5, "folder 'a\\b' in 'src' must be inside the project root, with '/' between parts"),
        ],
    ),
    ("classifier", 'classifier = ["x"]', [(5, "'classifier' in [tool.policyscan] must be a table, not an array")]),
    (
        "classifier",
        '[tool.policyscan.classifier]\nfields = { nick = "user.nam", n = 1 }\nnot_personal = [1]\nfeilds = {}',
        [
            (6, "unknown data category 'user.nam' (did you mean 'user.name'?)"),
            (6, "'n' in [tool.policyscan.classifier.fields] must be a data category key, not an integer"),
            (7, "'not_personal' in [tool.policyscan.classifier] must contain only strings, not an integer"),
            (8, "unknown key 'feilds' in [tool.policyscan.classifier] (did you mean 'fields'?)"),
        ],
    ),
]


@pytest.mark.parametrize(("key", "text", "expected"), INVALID, ids=[f"{v[0]}-{i}" for i, v in enumerate(INVALID)])
def test_invalid_values(tmp_path: Path, key: str, text: str, expected: list[tuple[int | None, str]]) -> None:
    assert problems(tmp_path, HEADER + text + "\n") == expected


def test_every_key_has_an_invalid_case() -> None:
    assert {key for key, _, _ in INVALID} == set(CONFIG_KEYS)


def test_unknown_keys_name_their_line_and_the_closest_key(tmp_path: Path) -> None:
    text = HEADER + 'fail-on = "error"\njobs = 2\nmax_filesize = 10\ncolour = true\n'
    assert problems(tmp_path, text) == [
        (5, "unknown key 'fail-on' in [tool.policyscan] (did you mean 'fail_on'?)"),
        (7, "unknown key 'max_filesize' in [tool.policyscan] (did you mean 'max_file_size'?)"),
        (8, "unknown key 'colour' in [tool.policyscan]"),
    ]


def test_unknown_packs_name_their_line_and_the_packs_there_are(tmp_path: Path) -> None:
    text = HEADER + 'packs = ["frameworks",\n  "sahre", "nope"]\nsemgrep_packs = ["sdk-settings", "missing.yaml"]\n'
    builtin = "cookies, frameworks, logging, schemas, share"
    assert problems(tmp_path, text) == [
        (6, f"unknown rule pack 'sahre' in 'packs' (did you mean 'share'?): the built-in packs are {builtin}"),
        (6, f"unknown rule pack 'nope' in 'packs': the built-in packs are {builtin}"),
        (
            7,
            "unknown semgrep pack 'missing.yaml' in 'semgrep_packs': it is not a bundled pack (sdk-settings) "
            "and there is no file or folder missing.yaml under the project root",
        ),
    ]


def test_semgrep_packs_name_a_file_or_a_folder_under_the_root(tmp_path: Path) -> None:
    root = project(tmp_path, HEADER + 'semgrep_packs = ["ci/privacy.yaml", "more"]\n')
    (root / "ci").mkdir()
    (root / "ci" / "privacy.yaml").write_text("rules: []\n", encoding="utf-8")
    (root / "more").mkdir()
    assert load_config(root).semgrep_packs == ("ci/privacy.yaml", "more")


def test_bundled_pack_names_are_their_file_names() -> None:
    # config._check_packs knows the built-in packs' names from the file names alone.
    for path in default_pack_paths():
        assert tomllib.loads(path.read_text(encoding="utf-8"))["pack"]["name"] == path.stem


def test_unknown_key_as_a_subtable_and_as_a_dotted_key(tmp_path: Path) -> None:
    text = '[tool]\npolicyscan.jobz = 1\n\n[tool.policyscan.packz]\nx = 1\n'
    assert problems(tmp_path, text) == [
        (2, "unknown key 'jobz' in [tool.policyscan] (did you mean 'jobs'?)"),
        (4, "unknown key 'packz' in [tool.policyscan] (did you mean 'packs'?)"),
    ]


def test_all_problems_are_listed_in_line_order(tmp_path: Path) -> None:
    text = HEADER + 'jobs = "x"\nincludes = []\nfail_on = "loud"\n'
    assert problems(tmp_path, text) == [
        (5, "'jobs' in [tool.policyscan] must be an integer, not a string"),
        (6, "unknown key 'includes' in [tool.policyscan] (did you mean 'include'?)"),
        (7, "'fail_on' in [tool.policyscan] must be 'note', 'warning' or 'error', not 'loud'"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[tool.policyscan]\njobs = \n", [(2, "invalid TOML: Invalid value")]),
        ('tool = "x"\n', [(1, "'tool' must be a table, not a string")]),
        ("tool.policyscan = 1\n", [(1, "'policyscan' in [tool] must be a table, not an integer")]),
    ],
)
def test_broken_pyproject(tmp_path: Path, text: str, expected: list[tuple[int | None, str]]) -> None:
    assert problems(tmp_path, text) == expected


def test_invalid_toml_has_line_and_column(tmp_path: Path) -> None:
    root = project(tmp_path, '[project]\nname = "x"\n[tool.policyscan]\njobs = \n')
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    assert raised.value.problems == [
        Problem(str(root / "pyproject.toml"), 4, "invalid TOML: Invalid value", column=8)
    ]
    assert str(raised.value) == f"{root / 'pyproject.toml'}:4:8: invalid TOML: Invalid value"


def test_pyproject_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.policyscan]\ninventory = "\xff.toml"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert raised.value.problems == [
        Problem(
            str(tmp_path / "pyproject.toml"),
            2,
            "the file is not UTF-8 text (byte 0xff: invalid start byte)",
            column=14,
        )
    ]


# --- command-line overrides ---------------------------------------------------------------


def test_overrides_replace_only_values_given() -> None:
    base = Config(include=("app/**/*.py",), jobs=4, inventory="inv.toml", config_path="pyproject.toml")
    assert with_overrides(base, jobs=None, inventory=None, fail_on=None, packs=None) == base
    assert with_overrides(base, jobs=1, inventory="other.toml") == dataclasses.replace(
        base, jobs=1, inventory="other.toml"
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"fail_on": "error"}, {"fail_on": Level.ERROR}),
        ({"fail_on": Level.NOTE}, {"fail_on": Level.NOTE}),
        ({"exclude": ["a/**", "b"]}, {"exclude": ("a/**", "b")}),
        ({"packs": []}, {"packs": ()}),
        ({"require_suppression_reason": False}, {"require_suppression_reason": False}),
        ({"max_file_size": 10, "redact_function": "a.b"}, {"max_file_size": 10, "redact_function": "a.b"}),
    ],
)
def test_overrides_normalise_values(values: dict[str, Any], expected: dict[str, Any]) -> None:
    assert with_overrides(Config(), **values) == dataclasses.replace(Config(), **expected)


def test_override_of_an_unknown_field_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="not Config fields: colour, jobz"):
        with_overrides(Config(), jobz=1, colour=True)


def test_override_of_fail_on_with_a_bad_level() -> None:
    with pytest.raises(ValueError):
        with_overrides(Config(), fail_on="loud")


# --- the documentation --------------------------------------------------------------------


def test_docs_document_every_key_and_builtin_exclude() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for key in CONFIG_KEYS:
        assert f"| `{key}` |" in text, key
    for name in BUILTIN_EXCLUDES:
        assert f"`{name}`" in text, name


def test_docs_example_is_the_tested_full_configuration() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    full = (DATA / "full" / "pyproject.toml").read_text(encoding="utf-8")
    assert blocks[0] == full[full.index("[tool.policyscan]") :]
