"""The finding rules: what each difference between code and inventory is called and means.

These are the rules a SARIF log lists in `tool.driver.rules`; every enabled rule is listed
whether it fired or not. Ids are stable (`PS101`), names readable (`undeclared-collection`).
Each rule's documentation page is `docs/rules.md`, anchored by its id.
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.fieldmethods import compared_by_fields
from scanner.model import Level

DOCS_URL = "https://github.com/policyscan/policyscan/blob/main/docs/rules.md"


@compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RuleInfo:
    """Metadata of one finding rule, as SARIF `reportingDescriptor` needs it."""

    id: str
    name: str
    short: str
    full: str
    help: str
    level: Level
    precision: str
    tags: tuple[str, ...]
    security_severity: str | None = None

    @property
    def help_uri(self) -> str:
        """The rule's documentation page."""
        return f"{DOCS_URL}#{self.id.lower()}-{self.name}"


UNDECLARED_COLLECTION = RuleInfo(
    id="PS101",
    name="undeclared-collection",
    short="Personal data is collected but the policy inventory does not declare it",
    full=(
        "The code collects a data category (a schema field, a request field, network or device "
        "metadata, or user content) that the policy inventory's [[collect]] declarations do not "
        "cover. Either the privacy policy must say so, or the code must stop collecting it."
    ),
    help=(
        "Declare the category in a [[collect]] table of the inventory, citing the policy section "
        "that discloses it, or remove the collection. A parent key (user.contact) covers its children."
    ),
    level=Level.WARNING,
    precision="high",
    tags=("privacy", "collect"),
)

UNDECLARED_RECIPIENT = RuleInfo(
    id="PS201",
    name="undeclared-recipient",
    short="Data is sent to a third party the policy inventory does not declare",
    full=(
        "The code sends data to a third-party service (analytics, telemetry, error reporting, "
        "marketing, email, payment or an AI provider) that no [[recipients]] declaration names."
    ),
    help=(
        "Declare the recipient in a [[recipients]] table with the categories it may receive and "
        "the policy section that discloses it, or stop sending it data."
    ),
    level=Level.ERROR,
    precision="high",
    tags=("privacy", "share"),
)

RECIPIENT_CATEGORY = RuleInfo(
    id="PS202",
    name="recipient-category-not-allowed",
    short="A declared recipient receives a data category it is not declared to receive",
    full=(
        "The recipient is declared, but the data flowing into the call includes a category that "
        "its [[recipients]] declaration does not list."
    ),
    help="Add the category to the recipient's `categories`, citing the policy, or stop sending it.",
    level=Level.ERROR,
    precision="medium",
    tags=("privacy", "share"),
)

UNDECLARED_COOKIE = RuleInfo(
    id="PS301",
    name="undeclared-cookie",
    short="A cookie is set that the policy inventory does not declare",
    full="The code sets a cookie whose name no [[cookies]] declaration lists.",
    help="Declare the cookie with its purpose, lifetime and attributes, or stop setting it.",
    level=Level.WARNING,
    precision="high",
    tags=("privacy", "cookie"),
)

COOKIE_ATTRIBUTES = RuleInfo(
    id="PS302",
    name="cookie-attributes-weaker",
    short="A cookie is set with weaker attributes than the inventory requires",
    full=(
        "The declared cookie requires `secure`, `httponly` or a `samesite` value that the "
        "cookie-setting call does not give it."
    ),
    help="Pass the attributes the inventory requires to the cookie-setting call.",
    level=Level.WARNING,
    precision="high",
    tags=("privacy", "cookie", "security"),
    security_severity="4.0",
)

COOKIE_LIFETIME = RuleInfo(
    id="PS303",
    name="cookie-lifetime-longer",
    short="A cookie lives longer than the inventory declares",
    full=(
        "The cookie's max_age is longer than the declared lifetime, or the cookie is declared "
        "as a session cookie but is given a lifetime."
    ),
    help="Shorten the cookie's lifetime to the declared one, or update the declaration and the policy.",
    level=Level.WARNING,
    precision="high",
    tags=("privacy", "cookie"),
)

FORBIDDEN_LOG = RuleInfo(
    id="PS401",
    name="forbidden-category-logged",
    short="Personal data the inventory keeps out of logs is written to a log",
    full=(
        "A value of a data category that the [logging] table does not allow reaches a logging "
        "call (logging, structlog, loguru, print, warnings, breadcrumbs). A user's internal id "
        "alone is reported as a note."
    ),
    help=(
        "Remove the value from the log call, redact it, or allow the category in the inventory's "
        "[logging] table if the policy discloses it."
    ),
    level=Level.ERROR,
    precision="medium",
    tags=("privacy", "log"),
)

SCOPE_RULE = RuleInfo(
    id="PS501",
    name="scope-rule-broken",
    short="Code inside a scope breaks the scope's stricter rule",
    full=(
        "A [[scopes]] declaration holds stricter rules for some paths (for example: user content "
        "is neither stored nor logged there); code under those paths stores, logs or shares a "
        "category the scope forbids."
    ),
    help="Keep the forbidden category out of the scope's code, or change the scope and the policy together.",
    level=Level.ERROR,
    precision="medium",
    tags=("privacy", "scope"),
)

UNUSED_DECLARATION = RuleInfo(
    id="PS901",
    name="unused-declaration",
    short="A declaration of the inventory is never observed in the code",
    full=(
        "The inventory declares a collected category, a recipient or a cookie that no code under "
        "the scanned root exercises. The policy may promise more than the code does, or the code "
        "may do it in a way policyscan cannot see."
    ),
    help="Remove the declaration if the product no longer does this; otherwise nothing needs to change.",
    level=Level.NOTE,
    precision="low",
    tags=("privacy", "inventory"),
)

ALL_RULES: tuple[RuleInfo, ...] = (
    UNDECLARED_COLLECTION,
    UNDECLARED_RECIPIENT,
    RECIPIENT_CATEGORY,
    UNDECLARED_COOKIE,
    COOKIE_ATTRIBUTES,
    COOKIE_LIFETIME,
    FORBIDDEN_LOG,
    SCOPE_RULE,
    UNUSED_DECLARATION,
)

RULES_BY_ID: dict[str, RuleInfo] = {rule.id: rule for rule in ALL_RULES}
