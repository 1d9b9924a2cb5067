"""Tests for scanner.inventory: loading the policy inventory and listing every problem."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from scanner.errors import ExitCode, InventoryError, Problem
from scanner.inventory import (
    CLASSIFIER_KEYS,
    COLLECT_KEYS,
    COOKIE_KEYS,
    LOGGING_KEYS,
    RECIPIENT_KEYS,
    SCOPE_KEYS,
    TOP_KEYS,
    ClassifierOverrides,
    CollectDecl,
    CookieDecl,
    Inventory,
    LoggingPolicy,
    RecipientDecl,
    ScopeDecl,
    check_inventory,
    inventory_warnings,
    load_inventory,
)

DATA = Path(__file__).parent / "data" / "inventory"
DOCS = Path(__file__).parent.parent / "docs" / "inventory.md"
HEAD = 'version = 1\npolicy = "P"\n'  # lines 1-2 of most cases below


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "inventory.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# (id, text, [(line, message), ...]) in the order check_inventory lists them.
BROKEN: list[tuple[str, str, list[tuple[int | None, str]]]] = [
    (
        "invalid-toml",
        "version = 1\npolicy = \n",
        [(2, "invalid TOML: Invalid value")],
    ),
    (
        "empty-file",
        "",
        [(None, "missing required key 'version'"), (None, "missing required key 'policy'")],
    ),
    (
        "unknown-top-level-key",
        HEAD + 'polcy_url = "https://x"\nzzz = 1\n',
        [(3, "unknown key 'polcy_url' (did you mean 'policy_url'?)"), (4, "unknown key 'zzz'")],
    ),
    (
        "unknown-table",
        HEAD + '[[cookie]]\nname = "a"\n',
        [(3, "unknown key 'cookie' (did you mean 'cookies'?)")],
    ),
    (
        "unknown-key-in-table",
        HEAD + '[[cookies]]\nname = "a"\npurpose = "p"\nsection = "s"\nmax_ag = 5\n',
        [(7, "unknown key 'max_ag' in [[cookies]] (did you mean 'max_age'?)")],
    ),
    (
        "unknown-keys-in-every-table",
        HEAD
        + '[[collect]]\ncategories = ["user"]\npurposes = ["p"]\nsection = "s"\npurpose = "x"\n'
        + '[[recipients]]\nname = "R"\npurposes = ["p"]\nsection = "s"\ncategory = []\n'
        + '[logging]\nallowed = []\n'
        + '[[scopes]]\nname = "S"\npaths = ["a/**"]\nsection = "s"\nno_stored = []\n'
        + "[classifier]\nfield = {}\n",
        [
            (7, "unknown key 'purpose' in [[collect]] (did you mean 'purposes'?)"),
            (12, "unknown key 'category' in [[recipients]] (did you mean 'categories'?)"),
            (14, "unknown key 'allowed' in [logging] (did you mean 'allow'?)"),
            (19, "unknown key 'no_stored' in [[scopes]] (did you mean 'no_store'?)"),
            (21, "unknown key 'field' in [classifier] (did you mean 'fields'?)"),
        ],
    ),
    (
        "version-wrong-type",
        'version = "1"\npolicy = "P"\n',
        [(1, "'version' must be an integer, not a string")],
    ),
    (
        "version-boolean",
        'version = true\npolicy = "P"\n',
        [(1, "'version' must be an integer, not a boolean")],
    ),
    (
        "unsupported-version",
        'version = 2\npolicy = "P"\n',
        [(1, "unsupported inventory version 2: this policyscan reads version 1")],
    ),
    (
        "policy-wrong-type-and-empty-url",
        'version = 1\npolicy = 3\npolicy_url = " "\n',
        [(2, "'policy' must be a string, not an integer"), (3, "'policy_url' must not be empty")],
    ),
    (
        "empty-policy",
        'version = 1\npolicy = ""\n',
        [(2, "'policy' must not be empty")],
    ),
    (
        "collect-missing-keys",
        HEAD + "\n[[collect]]\n",
        [
            (4, "missing required key 'categories' in [[collect]]"),
            (4, "missing required key 'purposes' in [[collect]]"),
            (4, "missing required key 'section' in [[collect]]"),
        ],
    ),
    (
        "collect-as-single-table",
        HEAD + '[collect]\ncategories = ["user"]\n',
        [(3, "'collect' must be an array of tables ([[collect]]), not a table")],
    ),
    (
        "collect-array-of-other-values",
        HEAD + "collect = [\n  1,\n]\n",
        [(4, "'collect' must be an array of tables ([[collect]]), not an array of integers")],
    ),
    (
        "collect-wrong-types",
        HEAD + '[[collect]]\ncategories = "user.contact.email"\npurposes = ["p", 2, ""]\nsection = ["s"]\n',
        [
            (4, "'categories' in [[collect]] must be an array of strings, not a string"),
            (5, "'purposes' in [[collect]] must contain only strings, not an integer"),
            (5, "'purposes' in [[collect]] must not contain an empty string"),
            (6, "'section' in [[collect]] must be a string, not an array"),
        ],
    ),
    (
        "collect-empty-lists",
        HEAD + '[[collect]]\ncategories = []\npurposes = []\nsection = "s"\n',
        [
            (4, "'categories' in [[collect]] must not be empty"),
            (5, "'purposes' in [[collect]] must not be empty"),
        ],
    ),
    (
        "unknown-categories",
        HEAD
        + '[[collect]]\ncategories = [\n  "user.contact.email",\n  "user.contact.emial",\n  "bogus",\n]\n'
        + 'purposes = ["p"]\nsection = "s"\n',
        [
            (6, "unknown data category 'user.contact.emial' (did you mean 'user.contact.email'?)"),
            (7, "unknown data category 'bogus'"),
        ],
    ),
    (
        "unknown-categories-everywhere",
        HEAD
        + '[[recipients]]\nname = "R"\ncategories = ["user.devise"]\npurposes = ["p"]\nsection = "s"\n'
        + '[logging]\nallow = ["user.unique_idd"]\ndeny = ["user.contnet"]\n'
        + '[[scopes]]\nname = "S"\npaths = ["a/**"]\nsection = "s"\n'
        + 'no_store = ["x.y"]\nno_log = ["user.content", "user.contents"]\nno_share = ["user.behaviour"]\n'
        + '[classifier]\nfields = { nick = "user.nam", ok = "user.name" }\n',
        [
            (5, "unknown data category 'user.devise' (did you mean 'user.device'?)"),
            (9, "unknown data category 'user.unique_idd' (did you mean 'user.unique_id'?)"),
            (10, "unknown data category 'user.contnet' (did you mean 'user.content'?)"),
            (15, "unknown data category 'x.y'"),
            (16, "unknown data category 'user.contents' (did you mean 'user.content'?)"),
            (17, "unknown data category 'user.behaviour' (did you mean 'user.behavior'?)"),
            (19, "unknown data category 'user.nam' (did you mean 'user.name'?)"),
        ],
    ),
    (
        "recipient-missing-keys",
        HEAD + "[[recipients]]\ncategories = []\n",
        [
            (3, "missing required key 'name' in [[recipients]]"),
            (3, "missing required key 'purposes' in [[recipients]]"),
            (3, "missing required key 'section' in [[recipients]]"),
        ],
    ),
    (
        "duplicate-recipients-case-insensitive",
        HEAD
        + '[[recipients]]\nname = "Google Analytics"\npurposes = ["p"]\nsection = "s"\n'
        + '[[recipients]]\nname = "Sentry"\npurposes = ["p"]\nsection = "s"\n'
        + '[[recipients]]\nname = "google analytics"\npurposes = ["p"]\nsection = "s"\n',
        [(12, "duplicate recipient 'google analytics' (first declared on line 4)")],
    ),
    (
        "cookie-missing-keys",
        HEAD + "[[cookies]]\nsecure = true\n",
        [
            (3, "missing required key 'name' in [[cookies]]"),
            (3, "missing required key 'purpose' in [[cookies]]"),
            (3, "missing required key 'section' in [[cookies]]"),
        ],
    ),
    (
        "cookie-max-age-with-session",
        HEAD + '[[cookies]]\nname = "a"\npurpose = "p"\nsection = "s"\nsession = true\nmax_age = 60\n',
        [
            (
                8,
                "'max_age' and 'session = true' in [[cookies]] exclude each other: "
                "a session cookie ends with the browser session",
            )
        ],
    ),
    (
        "cookie-bad-values",
        HEAD
        + '[[cookies]]\nname = "a"\npurpose = "p"\nsection = "s"\n'
        + 'max_age = -1\nsession = "no"\nsecure = 1\nhttponly = "true"\nsamesite = "Loose"\n',
        [
            (7, "'max_age' in [[cookies]] must be 0 or greater, not -1"),
            (8, "'session' in [[cookies]] must be a boolean (true or false), not a string"),
            (9, "'secure' in [[cookies]] must be a boolean (true or false), not an integer"),
            (10, "'httponly' in [[cookies]] must be a boolean (true or false), not a string"),
            (11, "'samesite' in [[cookies]] must be 'Strict', 'Lax' or 'None', not 'Loose'"),
        ],
    ),
    (
        "cookie-max-age-float",
        HEAD + '[[cookies]]\nname = "a"\npurpose = "p"\nsection = "s"\nmax_age = 1.5\n',
        [(7, "'max_age' in [[cookies]] must be an integer, not a float")],
    ),
    (
        "duplicate-cookies",
        HEAD
        + '[[cookies]]\nname = "ab_*"\npurpose = "p"\nsection = "s"\n'
        + '[[cookies]]\nname = "AB_*"\npurpose = "p"\nsection = "s"\n'
        + '[[cookies]]\nname = "ab_*"\npurpose = "p"\nsection = "s"\n',
        [(12, "duplicate cookie 'ab_*' (first declared on line 4)")],
    ),
    (
        "logging-wrong-type",
        HEAD + 'logging = ["user.content"]\n',
        [(3, "'logging' must be a table, not an array")],
    ),
    (
        "names-with-spaces-around",
        # "Segment " matches no recipient the code sends to: the call would be PS201 and the
        # declaration PS901, with nothing saying why. A space inside a name is the name.
        HEAD + '[[recipients]]\nname = "Segment "\npurposes = ["p"]\nsection = "s"\n'
        + '[[recipients]]\nname = "Google Analytics"\npurposes = ["p"]\nsection = "s"\n'
        + '[[cookies]]\nname = " sid"\npurpose = "p"\nsection = "s"\n',
        [
            (4, "recipient name 'Segment ' has spaces around it, which no recipient in the code has: write 'Segment'"),
            (12, "cookie name ' sid' has spaces around it, which no cookie in the code has: write 'sid'"),
        ],
    ),
    (
        "logging-allow-under-deny",
        # deny wins, so an allow entry a deny entry covers allows nothing: the person meant
        # "nothing of the user but their id", which the file does not say. An allow entry that
        # covers a deny entry (allow user, deny user.content) is the documented use, and valid.
        HEAD + '[logging]\nallow = ["user.unique_id", "user.contact.email", "user", "user.contct"]\n'
        + 'deny = ["user.content", "user.contact", "user.unique_id", "user.health_and_medical"]\n'
        + 'section = "7"\n[[collect]]\ncategories = ["user.health"]\npurposes = ["p"]\nsection = "s"\n',
        [
            (4, "unknown data category 'user.contct' (did you mean 'user.contact'?)"),
            (4, "'user.unique_id' in 'allow' of [logging] allows nothing: 'deny' lists it too on line 5, and deny wins "
                "(remove one of them)"),
            (4, "'user.contact.email' in 'allow' of [logging] allows nothing: 'deny' lists 'user.contact', which "
                "covers it, on line 5, and deny wins (remove one of them)"),
        ],
    ),
    (
        "scope-empty-paths",
        HEAD + '[[scopes]]\nname = "S"\npaths = []\nsection = "s"\n',
        [(5, "'paths' in [[scopes]] must not be empty")],
    ),
    (
        "scope-bad-paths",
        HEAD + '[[scopes]]\nname = "S"\npaths = [\n  "",\n  "/abs/**",\n  "app\\\\api",\n]\nsection = "s"\n',
        [
            (6, "'paths' in [[scopes]] must not contain an empty string"),
            (7, "scope path '/abs/**' must be relative to the scanned root, with '/' between parts"),
            (8, "scope path 'app\\api' must be relative to the scanned root, with '/' between parts"),
        ],
    ),
    (
        "scope-missing-keys-and-duplicates",
        HEAD
        + "[[scopes]]\nno_log = []\n"
        + '[[scopes]]\nname = "S"\npaths = ["a"]\nsection = "s"\n'
        + '[[scopes]]\nname = "S"\npaths = ["b"]\nsection = "s"\n',
        [
            (3, "missing required key 'name' in [[scopes]]"),
            (3, "missing required key 'paths' in [[scopes]]"),
            (3, "missing required key 'section' in [[scopes]]"),
            (10, "duplicate scope 'S' (first declared on line 6)"),
        ],
    ),
    (
        "classifier-wrong-types",
        HEAD + '[classifier]\nfields = ["user.name"]\nnot_personal = "content_type"\n',
        [
            (4, "'fields' in [classifier] must be a table, not an array"),
            (5, "'not_personal' in [classifier] must be an array of strings, not a string"),
        ],
    ),
    (
        "classifier-field-not-a-string",
        HEAD + "[classifier.fields]\nnick = 1\n",
        [(4, "'nick' in [classifier.fields] must be a data category key, not an integer")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_broken_inventories_list_every_problem(
    tmp_path: Path, text: str, expected: list[tuple[int | None, str]]
) -> None:
    path = write(tmp_path, text)
    problems = check_inventory(path)
    assert [(p.path, p.line, p.message) for p in problems] == [(str(path), line, msg) for line, msg in expected]
    with pytest.raises(InventoryError) as raised:
        load_inventory(path)
    assert raised.value.problems == problems
    assert raised.value.exit_code is ExitCode.USAGE


def test_invalid_toml_carries_the_column(tmp_path: Path) -> None:
    path = write(tmp_path, "version = 1\npolicy = \n")
    assert check_inventory(path) == [Problem(str(path), 2, "invalid TOML: Invalid value", column=10)]


def test_several_problems_are_all_listed_in_line_order() -> None:
    # each at the column its key, header or element starts (the misspelt category's string on line 7),
    # or where the value starts for a problem of the value (version, samesite, paths)
    path = DATA / "several_problems.toml"
    assert check_inventory(path) == [
        Problem(str(path), None, "missing required key 'policy'"),
        Problem(str(path), 2, "unsupported inventory version 3: this policyscan reads version 1", column=11),
        Problem(str(path), 3, "unknown key 'polciy' (did you mean 'policy'?)", column=1),
        Problem(str(path), 5, "missing required key 'section' in [[collect]]", column=1),
        Problem(str(path), 7, "unknown data category 'user.contact.emial' (did you mean 'user.contact.email'?)", column=5),
        Problem(str(path), 11, "missing required key 'purposes' in [[recipients]]", column=1),
        Problem(str(path), 16, "duplicate recipient 'SENTRY' (first declared on line 12)", column=1),
        Problem(str(path), 24, "'samesite' in [[cookies]] must be 'Strict', 'Lax' or 'None', not 'Relaxed'", column=12),
        Problem(
            str(path),
            25,
            "'max_age' and 'session = true' in [[cookies]] exclude each other: "
            "a session cookie ends with the browser session",
            column=1,
        ),
        Problem(str(path), 27, "unknown key 'secur' in [[cookies]] (did you mean 'secure'?)", column=1),
        Problem(str(path), 30, "duplicate cookie 'sid' (first declared on line 21)", column=1),
        Problem(str(path), 36, "'paths' in [[scopes]] must not be empty", column=9),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'version = 1\npolicy = "caf\xe9"\n', Problem("", 2, "the file is not UTF-8 text (byte 0xe9: invalid continuation byte)", column=14)),
    ],
)
def test_not_utf8(tmp_path: Path, content: bytes, expected: Problem) -> None:
    path = tmp_path / "inventory.toml"
    path.write_bytes(content)
    assert check_inventory(path) == [Problem(str(path), expected.line, expected.message, expected.column)]


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.toml"
    assert check_inventory(path) == [Problem(str(path), None, "cannot read the file: No such file or directory")]
    with pytest.raises(InventoryError) as raised:
        load_inventory(path)
    assert str(raised.value) == f"{path}: cannot read the file: No such file or directory"


def test_full_inventory_loads_with_every_line() -> None:
    path = DATA / "full.toml"
    assert check_inventory(path) == []
    assert load_inventory(path) == Inventory(
        path=str(path),
        version=1,
        policy="Example Privacy Policy",
        policy_url="https://example.com/privacy",
        collect=(
            # each at its string: two on line 7, one a line below
            CollectDecl("user.contact.email", ("provide the service", "account recovery"), "2.1 Account information", 7,
                        column=15),
            CollectDecl("user.account.username", ("provide the service", "account recovery"), "2.1 Account information", 7,
                        column=37),
            CollectDecl("user.device.ip_address", ("security",), "2.3 Information collected automatically", 13,
                        column=5),
            CollectDecl("user.content", ("security",), "2.3 Information collected automatically", 14, column=5),
        ),
        recipients=(
            RecipientDecl(
                name="Google Analytics",
                categories=("user.device", "user.behavior"),
                purposes=("analytics",),
                section="4 Vendors and Service Providers",
                line=20,
                category_lines=(("user.device", 21), ("user.behavior", 21)),
                column=1,
            ),
            RecipientDecl(
                name="Stripe",
                categories=(),
                purposes=("payment processing",),
                section="4.2 Payments",
                line=26,
                category_lines=(),
                column=1,
            ),
        ),
        cookies=(
            CookieDecl(
                name="session",
                purpose="security",
                section="10.1 Cookies",
                line=31,
                column=1,
                session=True,
                secure=True,
                httponly=True,
                samesite="Lax",
            ),
            CookieDecl(
                name="ab_*",
                purpose="experiments",
                section="10.2 Experiments",
                line=40,
                column=1,
                max_age=2592000,
                samesite="Strict",
            ),
        ),
        logging=LoggingPolicy(
            allow=("user.unique_id",),
            deny=("user.authorization.credentials", "user.content"),
            section="7 Security",
            line=46,
            column=1,
        ),
        scopes=(
            ScopeDecl(
                name="api-services",
                paths=("app/api/**", "app/llm/*.py"),
                section="DPA 4(b)",
                line=52,
                column=1,
                no_store=("user.content",),
                no_log=("user.content",),
                no_share=(),
            ),
        ),
        classifier=ClassifierOverrides(
            fields=(("nickname", "user.name"), ("handle_name", "user.account.username")),
            not_personal=("content_type", "email_template"),
        ),
    )


def test_minimal_inventory_has_empty_sections_and_no_logging_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD)
    assert load_inventory(path) == Inventory(
        path=str(path),
        version=1,
        policy="P",
        policy_url=None,
        collect=(),
        recipients=(),
        cookies=(),
        logging=LoggingPolicy(line=None),
        scopes=(),
        classifier=ClassifierOverrides(),
    )


def test_path_is_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, HEAD)
    monkeypatch.chdir(tmp_path)
    assert load_inventory(Path("inventory.toml")).path == "inventory.toml"


def test_inline_tables_and_deprecated_keys_are_accepted(tmp_path: Path) -> None:
    # An array of inline tables is the same TOML value as [[collect]] tables; the lines
    # are then those of the elements. Deprecated fideslang keys remain valid.
    path = write(
        tmp_path,
        HEAD
        + "collect = [\n"
        + '  { categories = ["user.health_and_medical"], purposes = ["care"], section = "3" },\n'
        + '  { categories = ["user.contact"], purposes = ["p"], section = "4" },\n'
        + "]\n"
        + 'logging = { deny = ["user.content"] }\n',
    )
    inventory = load_inventory(path)
    assert inventory.collect == (
        CollectDecl("user.health_and_medical", ("care",), "3", 4, column=19),
        CollectDecl("user.contact", ("p",), "4", 5, column=19),
    )
    assert inventory.logging == LoggingPolicy(deny=("user.content",), line=7, column=1)


@pytest.mark.parametrize(
    ("written", "expected"),
    [("Strict", "Strict"), ("lax", "Lax"), ("NONE", "None")],
)
def test_samesite_is_read_case_insensitively(tmp_path: Path, written: str, expected: str) -> None:
    path = write(tmp_path, HEAD + f'[[cookies]]\nname = "a"\npurpose = "p"\nsection = "s"\nsamesite = "{written}"\n')
    assert load_inventory(path).cookies[0].samesite == expected


def test_session_false_with_max_age_is_valid(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '[[cookies]]\nname = "a"\npurpose = "p"\nsection = "s"\nsession = false\nmax_age = 0\n')
    assert load_inventory(path).cookies == (
        CookieDecl(name="a", purpose="p", section="s", line=4, max_age=0, session=False, column=1),
    )


def _doc_toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)


def test_docs_complete_example_is_the_tested_full_inventory() -> None:
    assert _doc_toml_blocks()[0] == (DATA / "full.toml").read_text(encoding="utf-8")


def test_docs_name_every_key() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for key in TOP_KEYS + COLLECT_KEYS + RECIPIENT_KEYS + COOKIE_KEYS + LOGGING_KEYS + SCOPE_KEYS + CLASSIFIER_KEYS:
        assert any(form in text for form in (f"`{key}`", f"`[[{key}]]`", f"`[{key}]`")), key


def test_docs_examples_are_valid_inventories(tmp_path: Path) -> None:
    # Every ```toml block of the page is valid; the fragments are checked below a header.
    blocks = _doc_toml_blocks()
    assert len(blocks) > 1
    for text in blocks:
        if "\nversion = " not in "\n" + text:
            text = HEAD + text
        assert check_inventory(write(tmp_path, text)) == [], text


NEAR_DUPLICATES = """\
version = 1
policy = "P"

[[collect]]
categories = ["user.device", "user.contact.email", "user.device.ip_address", "user.contact.email"]
purposes = ["support", "support"]
section = "2"

[[recipients]]
name = "Sentry"
categories = ["user.device.ip_address", "user.device"]
purposes = ["errors"]
section = "4"

[logging]
deny = ["user.content", "user", "user.contact.email"]

[[scopes]]
name = "admin"
paths = ["admin/**", "admin/**"]
no_log = ["user.device", "user.device.cookie_id"]
section = "5"
"""


def test_near_duplicates_in_one_array_are_warnings(tmp_path: Path) -> None:
    # Passed silently before: a string listed twice in one array, or a category listed with
    # its parent in an array that forbids (deny, no_log, ...). Not a child with its parent in
    # arrays that describe (collect's and a recipient's categories, allow): there it mirrors
    # the policy's words, as the example inventory does on purpose, and inventory init's draft
    # lists every category observed.
    path = tmp_path / "inv.toml"
    path.write_text(NEAR_DUPLICATES, encoding="utf-8")
    assert check_inventory(path) == []  # harmless: the inventory is valid
    where = str(path)
    assert inventory_warnings(path) == [
        Problem(where, 5, "warning: 'user.contact.email' is listed twice in categories (first on line 5, column 30)", 78),
        Problem(where, 6, "warning: 'support' is listed twice in purposes (first on line 6, column 13)", 24),
        Problem(where, 16, "warning: 'user.content' in deny is forbidden already by its parent 'user', listed too "
                "(line 16, column 25): one of them is enough", 9),
        Problem(where, 16, "warning: 'user.contact.email' in deny is forbidden already by its parent 'user', listed "
                "too (line 16, column 25): one of them is enough", 33),
        Problem(where, 20, "warning: 'admin/**' is listed twice in paths (first on line 20, column 10)", 22),
        Problem(where, 21, "warning: 'user.device.cookie_id' in no_log is forbidden already by its parent "
                "'user.device', listed too (line 21, column 11): one of them is enough", 26),
    ]
    assert inventory_warnings(Path(__file__).parents[1] / "fixtures/example_service/privacy-inventory.toml") == []
    assert inventory_warnings(tmp_path / "missing.toml") == []  # its one problem says why
