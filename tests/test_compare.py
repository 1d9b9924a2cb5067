"""The comparison is a pure function: literal observations and inventories in, exact findings out."""

from __future__ import annotations

import pytest

from scanner.compare import compare
from scanner.inventory import (
    CollectDecl,
    CookieDecl,
    Inventory,
    LoggingPolicy,
    RecipientDecl,
    ScopeDecl,
)
from scanner.model import Cookie, Kind, Level, Observation, Span
from scanner.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
INV = "privacy-inventory.toml"


def inventory(**changes: object) -> Inventory:
    base = dict(
        path=INV,
        version=1,
        policy="Test policy",
        policy_url=None,
        collect=(
            CollectDecl("user.contact", ("account",), "2.1", 5),
            CollectDecl("user.device.ip_address", ("security",), "2.1", 6),
        ),
        recipients=(RecipientDecl("Google Analytics", ("user.device", "user.behavior"), ("analytics",), "4", 10),),
        cookies=(
            CookieDecl("session", "security", "10.1", 20, max_age=3600, secure=True, httponly=True, samesite="Lax"),
            CookieDecl("ab_*", "experiments", "10.1", 28, session=True),
        ),
        logging=LoggingPolicy(allow=("user.unique_id",), deny=("user.content",), section="2.1", line=40),
        scopes=(ScopeDecl("api", ("app/api/**",), "DPA 4(b)", 50, no_store=("user.content",), no_log=("user.content",),
                          no_share=("user.content",)),),
    )
    base.update(changes)
    return Inventory(**base)  # type: ignore[arg-type]


def obs(kind: Kind, line: int, categories: tuple[str, ...] = (), *, path: str = "app/web/views.py",
        recipient: str | None = None, cookie: Cookie | None = None, stored: bool = False,
        rule: str = "python.test") -> Observation:
    return Observation(kind=kind, path=path, span=Span(line, 5, line, 30), categories=categories, rule=rule,
                       message="something happens", recipient=recipient, cookie=cookie, stored=stored)


def run(observations: list[Observation], inv: Inventory | None = None) -> list[tuple[str, str, int, tuple[str, ...], str, int | None]]:
    findings = compare(observations, inv or inventory(), taxonomy=TAXONOMY, inventory_path=INV,
                       inventory_lines=["x = 1"] * 60)
    return [(f.rule_id, f.path, f.span.start_line, f.categories, f.level.value,
             f.declaration.line if f.declaration else -1) for f in findings]


# Observations that exercise every declaration, so no PS901 note appears unless a test wants one.
EXERCISED = [
    obs(Kind.COLLECT, 100, ("user.contact.email",)),
    obs(Kind.COLLECT, 101, ("user.device.ip_address",)),
    obs(Kind.SHARE, 102, ("user.device",), recipient="Google Analytics"),
    obs(Kind.COOKIE, 103, cookie=Cookie("session", max_age=3600, secure=True, httponly=True, samesite="Lax")),
    obs(Kind.COOKIE, 104, cookie=Cookie("ab_test")),
]


def test_clean_when_code_and_inventory_agree() -> None:
    assert run(EXERCISED) == []


@pytest.mark.parametrize(
    ("observation", "expected"),
    [
        # a category not declared; a parent declaration covers a child
        (obs(Kind.COLLECT, 7, ("user.demographic.date_of_birth",)),
         [("PS101", "app/web/views.py", 7, ("user.demographic.date_of_birth",), "warning", None)]),
        (obs(Kind.COLLECT, 7, ("user.contact.phone_number",)), []),
        # only the undeclared part of a mixed observation is reported
        (obs(Kind.COLLECT, 7, ("user.contact.email", "user.location")),
         [("PS101", "app/web/views.py", 7, ("user.location",), "warning", None)]),
        # an undeclared recipient; a declared one receiving a category it may not
        (obs(Kind.SHARE, 8, ("user.content",), recipient="OpenAI"),
         [("PS201", "app/web/views.py", 8, ("user.content",), "error", None)]),
        (obs(Kind.SHARE, 8, ("user.behavior", "user.contact.email"), recipient="google analytics"),
         [("PS202", "app/web/views.py", 8, ("user.contact.email",), "error", 10)]),
        # cookies: undeclared, weaker attributes, longer lifetime, a session cookie with a lifetime, a glob
        (obs(Kind.COOKIE, 9, cookie=Cookie("tracking")),
         [("PS301", "app/web/views.py", 9, (), "warning", None)]),
        (obs(Kind.COOKIE, 9, cookie=Cookie("session", max_age=3600, secure=True, httponly=False, samesite="Lax")),
         [("PS302", "app/web/views.py", 9, (), "warning", 20)]),
        (obs(Kind.COOKIE, 9, cookie=Cookie("session", max_age=3600, secure=True, httponly=True, samesite="Strict")), []),
        (obs(Kind.COOKIE, 9, cookie=Cookie("session", max_age=3600, secure=True, httponly=True, samesite="None")),
         [("PS302", "app/web/views.py", 9, (), "warning", 20)]),
        (obs(Kind.COOKIE, 9, cookie=Cookie("session", secure=True, httponly=True, dynamic=("samesite",))), []),
        (obs(Kind.COOKIE, 9, cookie=Cookie("session", max_age=7200, secure=True, httponly=True, samesite="Lax")),
         [("PS303", "app/web/views.py", 9, (), "warning", 20)]),
        (obs(Kind.COOKIE, 9, cookie=Cookie("ab_home", max_age=60)),
         [("PS303", "app/web/views.py", 9, (), "warning", 28)]),
        (obs(Kind.COOKIE, 9, cookie=Cookie(None)), []),
        # logs: denied, not allowed, allowed, a user id alone is a note
        (obs(Kind.LOG, 11, ("user.content",)),
         [("PS401", "app/web/views.py", 11, ("user.content",), "error", 40)]),
        (obs(Kind.LOG, 11, ("user.contact.email", "user.unique_id")),
         [("PS401", "app/web/views.py", 11, ("user.contact.email",), "error", 40)]),
        (obs(Kind.LOG, 11, ("user.unique_id",)), []),
    ],
)
def test_each_difference_is_one_finding(observation: Observation, expected: list[tuple[object, ...]]) -> None:
    assert run([*EXERCISED, observation]) == expected


def test_unique_id_alone_is_a_note_when_not_allowed() -> None:
    inv = inventory(logging=LoggingPolicy(line=40))
    assert run([*EXERCISED, obs(Kind.LOG, 11, ("user.unique_id",))], inv) == [
        ("PS401", "app/web/views.py", 11, ("user.unique_id",), "note", 40),
    ]


@pytest.mark.parametrize(
    ("observation", "expected"),
    [
        (obs(Kind.LOG, 12, ("user.content",), path="app/api/chat.py"),
         [("PS501", "app/api/chat.py", 12, ("user.content",), "error", 50)]),
        (obs(Kind.COLLECT, 12, ("user.content",), path="app/api/models.py", stored=True),
         [("PS101", "app/api/models.py", 12, ("user.content",), "warning", None),
          ("PS501", "app/api/models.py", 12, ("user.content",), "error", 50)]),
        # received, not stored: the scope's no_store does not apply
        (obs(Kind.COLLECT, 12, ("user.contact.email",), path="app/api/models.py"), []),
        (obs(Kind.SHARE, 12, ("user.behavior", "user.content"), path="app/api/x.py", recipient="Google Analytics"),
         [("PS501", "app/api/x.py", 12, ("user.content",), "error", 50)]),
    ],
)
def test_scope_rules(observation: Observation, expected: list[tuple[object, ...]]) -> None:
    assert run([*EXERCISED, observation]) == expected


def test_declarations_never_observed_are_notes_at_their_lines() -> None:
    findings = compare([], inventory(), taxonomy=TAXONOMY, inventory_path=INV, inventory_lines=["x"] * 60)
    assert [(f.rule_id, f.path, f.span.start_line, f.level, f.message) for f in findings] == [
        ("PS901", INV, 5, Level.NOTE, "Collected category user.contact is declared but never observed in the scanned code."),
        ("PS901", INV, 6, Level.NOTE,
         "Collected category user.device.ip_address is declared but never observed in the scanned code."),
        ("PS901", INV, 10, Level.NOTE, "Recipient 'Google Analytics' is declared but never observed in the scanned code."),
        ("PS901", INV, 20, Level.NOTE, "Cookie 'session' is declared but never observed in the scanned code."),
        ("PS901", INV, 28, Level.NOTE, "Cookie 'ab_*' is declared but never observed in the scanned code."),
    ]


def test_identities_leave_out_lines_and_number_repeats() -> None:
    first = compare([*EXERCISED, obs(Kind.LOG, 11, ("user.content",)), obs(Kind.LOG, 30, ("user.content",))],
                    inventory(), taxonomy=TAXONOMY, inventory_path=INV)
    moved = compare([*EXERCISED, obs(Kind.LOG, 51, ("user.content",)), obs(Kind.LOG, 90, ("user.content",))],
                    inventory(), taxonomy=TAXONOMY, inventory_path=INV)
    assert [f.identity for f in first] == [f.identity for f in moved]
    assert len({f.identity for f in first}) == len(first) == 2
    assert first[0].identity.endswith(":1") and first[1].identity.endswith(":2")


def test_messages_name_what_differs() -> None:
    findings = compare([*EXERCISED, obs(Kind.SHARE, 8, ("user.content",), recipient="OpenAI")], inventory(),
                       taxonomy=TAXONOMY, inventory_path=INV)
    assert findings[0].message == (
        "Data (user.content) is sent to OpenAI, which the policy inventory does not declare as a recipient."
    )
    assert findings[0].declaration is not None and findings[0].declaration.path == INV


def test_an_undeclared_name_close_to_a_declaration_nothing_matches_is_said_to_be_a_misspelling() -> None:
    # A typo in the inventory ('Segmnet', 'SID' for the code's 'sid') gave an error at the call
    # and a note at the declaration, with nothing between them.
    inv = inventory(
        recipients=(RecipientDecl("Google Analytics", ("user.device",), ("analytics",), "4", 10),
                    RecipientDecl("Segmnet", (), ("analytics",), "4", 12),
                    RecipientDecl("Azure OpenAI", (), ("chat",), "4", 14)),
        cookies=(CookieDecl("session", "security", "10.1", 20), CookieDecl("SID", "security", "10.1", 22),
                 CookieDecl("prefs_*", "preferences", "10.1", 24), CookieDecl("cart", "shop", "10.1", 26)),
    )
    observations = [
        obs(Kind.SHARE, 102, ("user.device",), recipient="Google Analytics"),
        obs(Kind.SHARE, 7, ("user.behavior",), recipient="Segment"),
        obs(Kind.SHARE, 8, ("user.content",), recipient="OpenAI"),  # not close enough to 'Azure OpenAI'
        obs(Kind.COOKIE, 9, cookie=Cookie("sid")),
        obs(Kind.COOKIE, 10, cookie=Cookie("prefs")),  # a glob is no misspelling
        obs(Kind.COOKIE, 11, cookie=Cookie("carts")),
        obs(Kind.COOKIE, 12, cookie=Cookie("cart")),  # 'cart' is set: 'carts' is another cookie
        obs(Kind.COOKIE, 13, cookie=Cookie("session")),
    ]
    findings = compare(observations, inv, taxonomy=TAXONOMY, inventory_path=INV)
    assert [(f.span.start_line, f.message) for f in findings if f.rule_id in ("PS201", "PS301")] == [
        (7, "Data (user.behavior) is sent to Segment, which the policy inventory does not declare as a recipient (it "
            "declares 'Segmnet' on line 12, which receives nothing: a misspelling?)."),
        (8, "Data (user.content) is sent to OpenAI, which the policy inventory does not declare as a recipient."),
        (9, "Cookie 'sid' is set but the policy inventory does not declare it (it declares 'SID' on line 22, which "
            "nothing sets: a misspelling?)."),
        (10, "Cookie 'prefs' is set but the policy inventory does not declare it."),
        (11, "Cookie 'carts' is set but the policy inventory does not declare it."),
    ]


def test_collect_and_log_messages_add_what_the_code_does() -> None:
    findings = compare([*EXERCISED, obs(Kind.LOG, 11, ("user.content",))], inventory(), taxonomy=TAXONOMY,
                       inventory_path=INV)
    assert findings[0].message == (
        "user.content is written to a log, which the policy inventory does not allow. Observed: something happens."
    )


def test_messages_about_several_categories_agree_in_number() -> None:
    # "a, b is written to a log" was printed for every finding about two categories or more.
    findings = compare(
        [
            *EXERCISED,
            obs(Kind.COLLECT, 11, ("user.name", "user.financial")),
            obs(Kind.LOG, 12, ("user.content", "user.contact.email")),
            obs(Kind.LOG, 13, ("user.content", "user.name"), path="app/api/chat.py"),
        ],
        inventory(), taxonomy=TAXONOMY, inventory_path=INV,
    )
    assert [(f.rule_id, f.span.start_line, f.message) for f in findings] == [
        ("PS401", 13, "user.name is written to a log, which the policy inventory does not allow."
                      " Observed: something happens."),
        ("PS501", 13, "user.content is written to a log under scope 'api', which forbids it (DPA 4(b))."
                      " Observed: something happens."),
        ("PS101", 11, "user.financial, user.name are collected but the policy inventory does not declare them."
                      " Observed: something happens."),
        ("PS401", 12, "user.contact.email, user.content are written to a log, which the policy inventory does not"
                      " allow. Observed: something happens."),
    ]
    inv = inventory(scopes=(ScopeDecl("api", ("app/api/**",), "DPA 4(b)", 50, no_log=("user.content", "user.name")),))
    scoped = compare([*EXERCISED, obs(Kind.LOG, 13, ("user.content", "user.name"), path="app/api/chat.py")], inv,
                     taxonomy=TAXONOMY, inventory_path=INV)
    assert [f.message for f in scoped] == [
        "user.content, user.name are written to a log under scope 'api', which forbids them (DPA 4(b))."
        " Observed: something happens."
    ]
