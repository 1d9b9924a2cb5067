"""Annotated examples for sdk-settings.yaml, in the shape of semgrep-rules test files.

`# ruleid: ID` says rule ID must match the next line, `# ok: ID` that it must not;
`# todoruleid: ID` and `# todook: ID` record known misses and known false positives.
tests/test_semgrep.py runs the pack over this file and checks every annotation. The file is
analysed, never run.
"""

import os

import bugsnag
import logfire
import rollbar
import sentry_sdk
import sentry_sdk as sentry
from sentry_sdk import init as sentry_init
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.openai import OpenAIIntegration

SENTRY_DSN = os.environ.get("SENTRY_DSN")
ROLLBAR_TOKEN = os.environ.get("ROLLBAR_ACCESS_TOKEN")
BUGSNAG_KEY = os.environ.get("BUGSNAG_API_KEY")
SEND_PII = True


# --- Sentry: send_default_pii ---------------------------------------------------------------

def init_sentry_for_django():
    # ruleid: sentry-send-default-pii
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        traces_sample_rate=0.2,
        send_default_pii=True,
    )


def init_sentry_from_constant():
    # ruleid: sentry-send-default-pii
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=SEND_PII)


def init_sentry_aliased():
    # ruleid: sentry-send-default-pii
    sentry.init(SENTRY_DSN, send_default_pii=True)
    # ruleid: sentry-send-default-pii
    sentry_init(dsn=SENTRY_DSN, integrations=[OpenAIIntegration(include_prompts=True)], send_default_pii=True)


def init_sentry_without_pii():
    # ok: sentry-send-default-pii
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False)
    # ok: sentry-send-default-pii
    sentry_sdk.init(dsn=SENTRY_DSN, before_send=None, traces_sample_rate=1.0)
    # ok: sentry-send-default-pii
    sentry_sdk.init(dsn=SENTRY_DSN, include_local_variables=True)


def init_sentry_from_settings(settings):
    # ok: sentry-send-default-pii
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=settings.SENTRY_SEND_PII)


def init_sentry_from_options():
    options = {"dsn": SENTRY_DSN, "send_default_pii": True}
    # todoruleid: sentry-send-default-pii
    sentry_sdk.init(**options)


def init(**options):
    """The project's own init function, not Sentry's."""
    return options


# ok: sentry-send-default-pii
init(send_default_pii=True)
# ok: sentry-send-default-pii
send_default_pii = True


# --- Sentry: request bodies ----------------------------------------------------------------

def init_sentry_with_bodies():
    # ruleid: sentry-request-bodies-always
    sentry_sdk.init(dsn=SENTRY_DSN, max_request_body_size="always")
    # ruleid: sentry-send-default-pii, sentry-request-bodies-always
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=True, max_request_body_size="always")
    # ruleid: sentry-request-bodies-always
    sentry_sdk.init(dsn=SENTRY_DSN, request_bodies="always")
    # ok: sentry-request-bodies-always
    sentry_sdk.init(dsn=SENTRY_DSN, max_request_body_size="small")
    # ok: sentry-request-bodies-always
    sentry_sdk.init(dsn=SENTRY_DSN, max_request_body_size="never", environment="always")


# --- Rollbar -------------------------------------------------------------------------------

def init_rollbar():
    # ruleid: rollbar-capture-email, rollbar-capture-username
    rollbar.init(ROLLBAR_TOKEN, environment="production", capture_email=True, capture_username=True)
    # ruleid: rollbar-capture-ip
    rollbar.init(ROLLBAR_TOKEN, "staging", capture_ip=True)
    # ok: rollbar-capture-ip
    rollbar.init(ROLLBAR_TOKEN, "production", capture_ip=rollbar.ANONYMIZE)
    # ok: rollbar-capture-email, rollbar-capture-username, rollbar-capture-ip
    rollbar.init(ROLLBAR_TOKEN, "production", capture_email=False, capture_ip=False)
    # Reporting is switched off, so nothing is sent; the rule does not look at `enabled`.
    # todook: rollbar-capture-email
    rollbar.init(ROLLBAR_TOKEN, "test", enabled=False, capture_email=True)
    # ok: rollbar-capture-email
    rollbar.report_message("capture_email=True is set in production", "info")


# Django settings
# ruleid: rollbar-capture-email, rollbar-capture-ip
ROLLBAR = {
    "access_token": ROLLBAR_TOKEN,
    "environment": "production",
    "capture_email": True,
    "capture_ip": True,
}

# ok: rollbar-capture-email
ROLLBAR_DOCS_EXAMPLE = {"capture_email": True}


# --- Bugsnag -------------------------------------------------------------------------------

def init_bugsnag():
    # ruleid: bugsnag-send-environment
    bugsnag.configure(api_key=BUGSNAG_KEY, project_root="/srv/app", send_environment=True)
    # ok: bugsnag-send-environment
    bugsnag.configure(api_key=BUGSNAG_KEY, send_environment=False)
    # ok: bugsnag-send-environment
    bugsnag.configure(api_key=BUGSNAG_KEY, send_code=True)


# ruleid: bugsnag-send-environment
worker_client = bugsnag.Client(api_key=BUGSNAG_KEY, send_environment=True, install_sys_hook=False)

# Django settings
# ruleid: bugsnag-send-environment
BUGSNAG = {"api_key": BUGSNAG_KEY, "send_environment": True}


# --- Logfire -------------------------------------------------------------------------------

def init_logfire():
    # ruleid: logfire-scrubbing-disabled
    logfire.configure(service_name="api", scrubbing=False)
    # ok: logfire-scrubbing-disabled
    logfire.configure(send_to_logfire=False, scrubbing=False)
    # ok: logfire-scrubbing-disabled
    logfire.configure(scrubbing=logfire.ScrubbingOptions(extra_patterns=["iban"]))


# --- Datadog -------------------------------------------------------------------------------

# ruleid: datadog-client-ip-enabled
os.environ["DD_TRACE_CLIENT_IP_ENABLED"] = "true"
# ruleid: datadog-client-ip-enabled
os.environ.setdefault("DD_TRACE_CLIENT_IP_ENABLED", "True")
# ok: datadog-client-ip-enabled
os.environ["DD_TRACE_CLIENT_IP_ENABLED"] = "false"
# ok: datadog-client-ip-enabled
client_ip_enabled = os.environ.get("DD_TRACE_CLIENT_IP_ENABLED", "true")
