"""Annotated examples for logging.toml: calls that write personal data to a log.

`# ruleid: RULE [CATEGORIES]` says an observation of RULE (with exactly those sorted
categories, when given) must start on the next code line; `# ok: RULE` says none may.
`# todoruleid:` / `# todook:` record what the engine misses or wrongly reports today.
tests/test_rule_examples.py checks every annotation, and that every observation in this file
is annotated. The file is analysed, never run.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
import functools
import hashlib
import ipaddress
import json
import ldap
import smtplib
from smtplib import SMTPSenderRefused
import jwt
import logging
import typing
import logging as stdlib_logging
import pprint
import sys
import warnings
from typing import Optional
from logging import LoggerAdapter, getLogger

from authlib.integrations.flask_client import OAuth
import braintree
from celery import Task
import click
import sentry_sdk
import stripe
from paypalcheckoutsdk.orders import OrdersGetRequest
from paypalcheckoutsdk.payments import CapturesRefundRequest
import structlog
from flufl.bounce import all_failures
from mailman.core.i18n import _
from ckan import model as ckan_model
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AbstractUser, User
from django.core.management.base import BaseCommand
from django.db import models
from django.utils.translation import gettext_lazy as lazy_translation
from flask import Blueprint, Flask, current_app, g, request, session as flask_session
from flask_login import current_user
from flask_security import UserMixin as SecurityUserMixin
from flask_sqlalchemy import SQLAlchemy as FlaskSQLAlchemy
from loguru import logger as loguru_logger
from netaddr import IPAddress
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from saml2 import BINDING_HTTP_POST
from saml2.client import Saml2Client
from sqlalchemy.orm import validates
from tornado.log import access_log, app_log
from telethon.tl.custom import Dialog
from telethon.tl.patched import Message as TelegramMessage
from telethon.tl.types import Channel, UpdatePhoneCall, UpdateUserStatus
from telethon.tl.types import User as TelegramUser
from mautrix.types import MessageEventContent, RoomID

from .adapters import ConversationAdapters, message_to_log
from .audit import log_action
from .paypal_client import PayPalHttpClient
from .serializers import UserSerializer
from .billing import stripe_lookup
from .types import TelegramID
from .bounces import ProbeVERP
from .observability import get_logger, log_calls

logger = logging.getLogger(__name__)
oauth = OAuth()
security_log = getLogger("security")
slog = structlog.get_logger(__name__)
app = Flask(__name__)
log = get_logger(__name__)

PASSWORD_MIN_LENGTH = 12
HIDDEN = "HIDDEN"
WEBHOOK_SECRET = "whsec_example"


# --- the logging module and logger methods ----------------------------------------------------

def login_succeeded(user, ip_address):
    # ruleid: python.logging.personal-data user.contact.email
    logger.info(f"login succeeded for {user.email}")
    # ruleid: python.logging.personal-data user.contact.email,user.device.ip_address
    logger.info("login for %s from %s", user.email, ip_address)
    # ruleid: python.logging.personal-data user.unique_id
    logger.debug("session started for user %s", user.id)
    # ruleid: python.logging.personal-data user.contact.email
    logger.log(logging.INFO, "login succeeded for %s", user.email)
    # ok: python.logging.personal-data
    logger.info("login succeeded")


def upload_telemetry(state, settings):
    # a product's telemetry queue holds its users' usage records: logged whole, their behaviour
    # ruleid: python.logging.personal-data user.behavior
    logger.debug(f"Telemetry state:\n{state.telemetry}")
    # its settings are not (another word after `telemetry`)
    # ok: python.logging.personal-data
    logger.info(f"Uploading telemetry to {settings.telemetry_server}, disabled: {state.telemetry_disabled}")


def login_failed(username, password):
    # ruleid: python.logging.personal-data user.account.username
    security_log.warning("failed login for {}".format(username))
    # ruleid: python.logging.personal-data user.authorization.credentials
    security_log.debug("rejected credentials %s:%s" % ("***", password))
    # ok: python.logging.personal-data
    security_log.warning("password must be at least %d characters", PASSWORD_MIN_LENGTH)
    # ok: python.logging.personal-data
    security_log.warning("password too short (%d characters)", len(password))


def delete_user(user_name_or_id, stack_name_or_id):
    # a value that is a person's username or their record's id (a CLI argument, a route's lookup
    # key): logged, what its name part says; another record's name or id is not a person's
    # ruleid: python.logging.personal-data user.account.username
    logger.info(f"Deleted user '{user_name_or_id}'.")
    # ok: python.logging.personal-data
    logger.info(f"Deleted stack '{stack_name_or_id}'.")


def module_level_functions(email, phone_number):
    # ruleid: python.logging.personal-data user.contact.email
    logging.info("sending welcome mail to %s", email)
    # ruleid: python.logging.personal-data user.contact.phone_number
    stdlib_logging.warning("SMS gateway rejected %s", phone_number)
    # ruleid: python.logging.personal-data user.contact.phone_number
    logging.log(logging.WARNING, "retrying SMS to %s", phone_number)
    # ok: python.logging.personal-data
    logging.info("email sent")


class CheckoutService:
    """A logger kept on the instance and used in methods."""

    def __init__(self, gateway):
        self.gateway = gateway
        self.log = logging.getLogger(f"{__name__}.checkout")
        self.audit = LoggerAdapter(logging.getLogger("audit"), {"component": "checkout"})

    def charge(self, customer, card_number, amount):
        try:
            return self.gateway.charge(card_number, amount)
        except Exception:
            # ruleid: python.logging.personal-data user.contact.email,user.financial.credit_card
            self.log.exception(
                "charge failed for %s with card %s",
                customer.email,
                card_number,
            )
            # ok: python.logging.personal-data
            self.log.error("charge of %s failed", amount, exc_info=True)
            raise

    def refund(self, customer, billing_address):
        # ruleid: python.logging.personal-data user.contact.address,user.name
        self.audit.info("refund issued", extra={"name": customer.full_name, "address": billing_address})
        # ok: python.logging.personal-data
        self.audit.info("refund issued", extra={"customer_count": 1, "content_type": "application/json"})


def child_logger(user):
    payments = logging.getLogger("payments").getChild("stripe")
    # ruleid: python.logging.personal-data user.contact.email
    payments.critical("webhook for unknown customer %s", user.email)


def revision_committed(versions, current_user):
    # the level method chosen at run time (modoboa's revision hook): a log call as `logger.log` is
    admin_logger = logging.getLogger("modoboa.admin")
    for version in versions:
        level = "info" if version.is_new else "warning"
        message = "%s modified by user %s" % (version.object_repr, current_user.username)
        # ruleid: python.logging.personal-data user.account.username
        getattr(admin_logger, level)(message)
        # ruleid: python.logging.personal-data user.account.username
        getattr(admin_logger, "info")("changed by %s", current_user.username)
        # the same shape on an object that is no logger: a method of the version, not a log
        # ok: python.logging.personal-data
        getattr(version, level)(current_user.username)


def add_logging_level(level_name, level_num, method_name):
    # the recipe many projects copy to add a level (canaille's `security`): a method set on the logger class
    def log_for_level(self, message, *args, **kwargs):
        if self.isEnabledFor(level_num):
            self._log(level_num, message, args, **kwargs)

    logging.addLevelName(level_num, level_name)
    setattr(logging.getLoggerClass(), method_name, log_for_level)


def security_events(user, audit_rows):
    security_logger = logging.getLogger("security")
    # a level the project added: any method of a logger that is none of its API logs as `info` does
    # ruleid: python.logging.personal-data user.contact.email
    security_logger.security("password reset requested for %s", user.email)
    # ruleid: python.logging.personal-data user.contact.email
    app.logger.security(f"login of {user.email}")
    # the Logger's own API is no level (its argument is a level or a logger's name)
    # ok: python.logging.personal-data
    security_logger.getChild(user.email)
    # a list named for a log, and a bound logger's context: no log call
    log_rows = []
    # ok: python.logging.personal-data
    log_rows.append(user.email)
    # ok: python.logging.personal-data
    audit_rows.append(user.email)


class SecurityRecorder:
    def record(self, user):
        # a logger known only by its name: a level of the project's logs too
        # ruleid: python.logging.personal-data user.contact.email
        self.logger.audit("account changed: %s", user.email)
        # a list known only by its name `log`: its methods are no levels
        # ok: python.logging.personal-data
        self.log.append(user.email)


def flask_app_logger():
    # ruleid: python.logging.personal-data user.device.ip_address
    # ruleid: python.request.client-ip user.device.ip_address
    app.logger.info("request from %s", request.remote_addr)
    # ruleid: python.logging.personal-data user.content
    # ruleid: python.request.body user.content
    app.logger.debug("payload %s", request.get_json())
    # ok: python.logging.personal-data
    app.logger.info("content type %s", request.content_type)
    # ruleid: python.logging.personal-data user.contact.email
    app.logger.info("profile viewed by %s", current_user.email)


def create_ticket_cc(ticket, cc_list, logger):
    """A logger the caller made and passed in (a mail importer's per-queue logger) logs as the
    module's does; a parameter named `log` that is a list is only appended to."""
    for cced_email in cc_list:
        # ruleid: python.logging.personal-data user.contact.email
        logger.warning(f"CC email address is not linked to an active user: {cced_email}")
    # ok: python.logging.personal-data
    logger.info(f"Processing CCs of ticket {ticket.id}")


def collect_errors(emails, log):
    for email in emails:
        # ok: python.logging.personal-data
        log.append(email)


class Customer:
    """A model whose string form renders personal fields."""

    def __init__(self, email, display_name):
        self.email = email
        self.display_name = display_name

    def __str__(self):
        return f"{self.display_name} <{self.email}>"


def log_objects(email, customer: Customer):
    created = Customer(email, "Ada")
    # an object whose __str__ renders personal fields logs them (email and display_name)
    # ruleid: python.logging.personal-data user.contact.email,user.name
    logger.info("created %s", created)
    # the parameter's annotation names a class of this file whose __str__ reads those fields
    # ruleid: python.logging.personal-data user.contact.email,user.name
    logger.info("updated %s", customer)


def log_tagged(tagged: typing.List[typing.Tuple[Customer, str, int]], batch: typing.Tuple[Customer, ...]):
    for customer, kind, count in tagged:
        # a tuple of different types is none of them: `kind` is the tuple's second item, no Customer
        # ok: python.logging.personal-data
        logger.debug("tagged %s (%d)", kind, count)
    for customer in batch:
        # `Tuple[Customer, ...]` holds customers
        # ruleid: python.logging.personal-data user.contact.email,user.name
        logger.debug("tagged %s", customer)


class Attachment(models.Model):
    """A file a person uploads: what they write about it (`caption`, content on their own row)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    caption = models.CharField(max_length=256)

    def load_failed(self, error):
        # its string form shows the caption, which the model declares as a person's content
        # ruleid: python.logging.personal-data user.content
        logger.error("Unable to load %s: %s", self, error)

    def __str__(self):
        return self.caption


# --- values that carry nothing personal --------------------------------------------------------

def near_misses(user, emails, response):
    # ok: python.logging.personal-data
    logger.info("sent %d emails", len(emails))
    # ok: python.logging.personal-data
    logger.info("email digest %s", hashlib.sha256(user.email.encode()).hexdigest())
    # ok: python.logging.personal-data
    logger.info("upstream answered with %s", response.content_type)
    # ok: python.logging.personal-data
    logger.info("email template %s rendered", "welcome.html")
    # ok: python.logging.personal-data
    logger.info("address validation is %s", "enabled" if user.is_active else "disabled")


def log_conversation(chat, memory, system_message, ip_address_record):
    # the owner says what a neutral-named field holds: what is written about a conversation,
    # what an assistant remembers of one
    # ruleid: python.logging.personal-data user.content
    logger.debug("chat summary %s", chat.summary)
    # ruleid: python.logging.personal-data user.content
    logger.debug("remembered %s", memory.content)
    # the system's message is the service's own text
    # ok: python.logging.personal-data
    logger.debug("system says %s", system_message.content)
    # a record named for its field holds that field
    # ruleid: python.logging.personal-data user.device.ip_address
    logger.debug("seen from %s", ip_address_record.address)


class HttpSmsGateway:
    """A dict built item by item holds what is stored in it: logging the dict logs those items."""

    def __init__(self, config):
        self.config = config

    def get_parameters(self, message, phone):
        urldata = {}
        phone_key = self.config.get("SMS_PHONENUMBER_KEY", "phone")
        urldata[phone_key] = phone
        urldata["sms"] = message
        # ruleid: python.logging.personal-data user.contact.phone_number
        logger.debug(f"[getParameters] urldata: {urldata!s}")
        return urldata

    def headers(self, token_count):
        headers = {}
        headers["Content-Type"] = "application/json"
        headers["X-Token-Count"] = str(token_count)
        # ok: python.logging.personal-data
        logger.debug("sending with headers %s", headers)
        return headers


def search_users(search_params):
    search_dict = {}
    search_dict["username"] = search_params.get("user")
    # a literal key names what an unknown value is, as in a dict literal
    # ruleid: python.logging.personal-data user.account.username
    logger.debug(f"With this search dictionary: {search_dict!r}")


def info(message):
    """A local function that happens to be called `info`: not a logger."""
    return message.strip()


def audit_trail(request, user):
    # ok: python.logging.personal-data
    info(user.email)
    # ok: python.logging.personal-data
    user.log("email changed", user.email)
    # ok: python.logging.personal-data
    log_action(request.user, "changed email", user.email)


# --- a project's own logging wrapper -------------------------------------------------------------

def log_event(event, detail):
    """The wrapper logs whatever it is given: its callers decide what reaches the log."""
    # named parameters are followed into each call of the wrapper; only *args/**kwargs passed on
    # whole make the wrapper's own call a log of its own rule. A parameter only logged is its callers'
    # text: a call of this module that gives personal data there makes it a log of what it is given
    # (`profile_updated` below), as a call in another module does
    # ok: python.logging.personal-data
    # ruleid: python.logging.given-by-callers user.contact.phone_number
    logger.info("event=%s detail=%s", event, detail)


def profile_updated(user):
    # ruleid: python.logging.personal-data user.contact.phone_number
    log_event("profile_updated", user.phone_number)
    # ok: python.logging.personal-data
    log_event("profile_updated", "no details")


def log_fields(message, **fields):
    """A wrapper that passes keyword arguments on as `extra`."""
    # the wrapper's own call logs whatever its callers pass in **fields: a log, its categories theirs
    # ruleid: python.logging.personal-data -
    logger.info(message, extra=fields)


class Loader:
    def __init__(self, debug):
        self.debug = debug

    def _debug_log(self, message, *args):
        """Formats the message only when debugging is on."""
        if self.debug:
            # ruleid: python.logging.personal-data -
            log.debug(message, *args)

    def load(self, path):
        # ok: python.logging.personal-data
        self._debug_log("loading %s", path)


def _emit_alert(log_fn, run_id, msg, *args):
    """Askbot's helper: the log method is its caller's (`logger.info`, `logger.error`), called here."""
    full_msg = "email-alert: " + msg
    if run_id:
        # a parameter the module's callers give a logger's method: a log call, its data its callers'
        # ruleid: python.logging.personal-data -
        log_fn(full_msg + ", run_id=%s", *args, run_id)
    else:
        # ruleid: python.logging.personal-data -
        log_fn(full_msg, *args)


def log_alert(run_id, msg, *args):
    _emit_alert(logger.info, run_id, msg, *args)


def log_alert_error(run_id, msg, *args):
    _emit_alert(logger.error, run_id, msg, *args)


def deliver_alert(user, run_id, count):
    # ruleid: python.logging.personal-data user.contact.email
    log_alert(run_id, "sent to %s", user.email)
    # ruleid: python.logging.personal-data user.contact.email
    log_alert_error(run_id, "failed to send to %s", user.email)
    # ok: python.logging.personal-data
    log_alert(run_id, "%d sent", count)
    # the helper called directly with the log method: a log at the call
    # ruleid: python.logging.personal-data user.contact.email
    _emit_alert(logger.warning, run_id, "bounced from %s", user.email)


def _show(out, text):
    """A helper that writes with what it is given: `print` from its one caller."""
    # a named parameter is followed into each call, as a wrapper's are; the helper's own call of the
    # log method it is given is the wrapper's log call (the contract's wrapper rule), its data its callers'
    # ruleid: python.print.personal-data -
    out(text)


def show_account(user):
    # ruleid: python.print.personal-data user.contact.email
    _show(print, user.email)


def _flash(notify, request, text):
    """A parameter given a method of no logger (Django's `messages.error`): a message shown, no log."""
    # ok: python.logging.personal-data
    notify(request, text)


def _later(callback, value):
    # ok: python.logging.personal-data
    callback(value)


def _attempt(action, *args):
    """Given a logger's method by one call of the module and a sender by another: a helper that calls
    what it is given, no logging one."""
    # ok: python.logging.personal-data
    action(*args)


def _send_mail(address):
    pass


def notify_account(user):
    # the e-mail is logged, but the helper is no logging one: left unseen rather than make every
    # call of a helper that calls what it is given a log
    # todoruleid: python.logging.personal-data user.contact.email
    _attempt(logger.info, "notifying %s", user.email)
    # ok: python.logging.personal-data
    _attempt(_send_mail, user.email)


def refuse_account(request, user):
    # ok: python.logging.personal-data
    _flash(messages.error, request, user.email)
    # a method of the instance given as a callback is no log method
    # ok: python.logging.personal-data
    _later(request.session.clear, user.email)


class AuditLogger:
    """A project's audit logger: `write` is a logging wrapper around loguru."""

    def __init__(self, logger):
        self.logger = logger.bind(auditable=True)

    def write(self, entry, *, log_level="INFO"):
        # ok: python.logging.personal-data
        # ruleid: python.logging.given-by-callers user.contact.email
        self.logger.log(log_level, "", **entry)


class AuditMiddleware:
    def __init__(self, app):
        self.app = app
        # named like a logger, it holds the project's AuditLogger: its `write` is the wrapper's
        self.audit_logger = AuditLogger(loguru_logger)

    def record(self, user, path):
        # ruleid: python.logging.personal-data user.contact.email
        self.audit_logger.write({"user": user.email, "path": path})


class LoggerMixin:
    """A mixin of models that log (weblate's): `log_info` is a logging wrapper of theirs."""

    def log_info(self, msg, *args):
        # ruleid: python.logging.personal-data -
        return logger.info(f"{self.full_slug}: {msg}", *args)


class Translation(models.Model, LoggerMixin):
    # ok: python.django.model-field
    filename = models.CharField(max_length=400)


class Change(models.Model):
    # a model's relation holds an instance of the related class: its methods are that class's,
    # those it inherits from a mixin too
    translation = models.ForeignKey("trans.Translation", null=True, on_delete=models.CASCADE)
    # ok: python.django.model-field
    user = models.ForeignKey(AbstractUser, null=True, on_delete=models.CASCADE)

    def log_event(self):
        message = f"changed ({self.user.username})"
        # ruleid: python.logging.personal-data user.account.username
        self.translation.log_info("%s", message)
        # ok: python.logging.personal-data
        self.translation.log_info("%s", "changed")


def translation_saved(user):
    # an instance of a class of the file calls the wrapper it inherits
    translation = Translation()
    # ruleid: python.logging.personal-data user.account.username
    translation.log_info("saved by %s", user.username)


# --- named for the record it keeps, not for logging: a log where it logs, not where it is called ------
# (khoj's `save_to_conversation_log`: the turn saved to the database is the contract's storage; the
# logging word of a name makes a wrapper only as its verb, `log_event`, `print_stdout`)


async def save_to_conversation_log(q, chat_response, user, user_message_time=None, conversation_id=None):
    user_message_time = user_message_time or datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    user_message_metadata = {"created": user_message_time}
    updated_conversation = message_to_log(user_message=q, chat_response=chat_response,
                                          user_message_metadata=user_message_metadata)
    if updated_conversation:
        await ConversationAdapters.save_conversation(user, updated_conversation, conversation_id=conversation_id)
    # ruleid: python.logging.personal-data user.account.username,user.content
    logger.info(f'Saved Conversation Turn\nYou ({user.username}): "{q}"\n\nKhoj: "{chat_response}"')


async def stream_chat(user, conversation, chat_history):
    # ok: python.logging.personal-data
    await save_to_conversation_log("", chat_history[-1].message, user, conversation_id=conversation.id)


class WorkoutRefreshService:
    def __init__(self, workout, logger=None):
        self.workout = workout
        self.logger = logger

    def _log_message(self, message):
        if self.logger:
            # ruleid: python.logging.given-by-callers user.account.username
            self.logger.info(message)

    def refresh(self):
        # ruleid: python.logging.personal-data user.account.username
        self._log_message(f"No file found (user: {self.workout.user.username}), workout deleted.")


# --- a short helper that logs its own text and does another job: a log where it logs ----------------
# (jupyterhub's `_backend_logout_cleanup(name)`: "Send a log message, clear some cookies"; the
# contract locates the log at the log call, with what the callers pass, not at each call)


class LogoutHandler:
    def _backend_logout_cleanup(self, name):
        """Default backend logout actions: send a log message, clear some cookies."""
        # ruleid: python.logging.personal-data user.name
        self.log.info("User logged out: %s", name)
        self.clear_login_cookie()

    def default_handle_logout(self):
        user = self.current_user
        if user:
            # ok: python.logging.personal-data
            self._backend_logout_cleanup(user.name)

    def _forget_session(self, session_key):
        # its own f-string, then the queue: a log on the side of queueing
        # ruleid: python.logging.personal-data user.authorization.credentials
        logger.debug(f"forgetting {session_key}")
        self.expired_sessions.put_nowait(session_key)

    def logout_everywhere(self, request):
        # ok: python.logging.personal-data
        self._forget_session(request.session.session_key)

    def _warn(self, message, *args):
        # the message is the caller's, around other work: still a wrapper, a log at its calls
        # ruleid: python.logging.personal-data
        logger.warning(message, *args)
        self.warnings_count.increment()

    def reject(self, user):
        # ruleid: python.logging.personal-data user.contact.email
        self._warn("rejected %s", user.email)

    def _note_login(self, username):
        # logging only (its other statement is no call): a wrapper, a log at its calls
        # ruleid: python.logging.personal-data user.account.username
        logger.info("login of %s", username)
        return True

    def login(self, user):
        # ruleid: python.logging.personal-data user.contact.email
        self._note_login(user.email)


def call_with_retry(func, *args, **kwargs):
    """Not a logging wrapper: it logs the arguments it is given only on the side of its real work."""
    for attempt in range(3):
        try:
            return func(*args, **kwargs)
        except ConnectionError:
            # ok: python.logging.personal-data
            logger.warning("attempt %d of %s failed with %s", attempt, func, args)
    raise ConnectionError


def charge_webhook(event_json, charge_id):
    """Not a logging wrapper, but it logs its parameter when the lookup fails: where a call in this
    file passes personal data there, the log call here writes it."""
    try:
        return stripe_lookup(charge_id)
    except LookupError:
        # ruleid: python.logging.personal-data user.content
        logger.exception("webhook for an unknown charge: %s", event_json)


def refund_report(refund_id, reason):
    try:
        return stripe_lookup(refund_id)
    except LookupError:
        # only given ids and a fixed reason below: nothing personal reaches it
        # ok: python.logging.personal-data
        logger.warning("refund %s failed: %s", refund_id, reason)


def stripe_webhook():
    # ruleid: python.request.body user.content
    charge_webhook(request.get_json(), "ch_1")
    refund_report("re_1", "duplicate")


def source_webhook(event_json, source_id):
    try:
        return stripe_lookup(source_id)
    except LookupError:
        # ruleid: python.logging.personal-data user.content
        logger.exception("webhook for an unknown source: %s", str(event_json))


def dispatching_webhook():
    """A dispatch through a name bound to functions of the file (pretix's Stripe webhook): the call
    may reach each of them, so what it passes reaches each one's log calls."""
    # passed on whole below, after keys were read from it: taken whole where it is bound
    # ruleid: python.request.body user.content
    event_json = json.loads(request.get_data())
    if event_json["data"]["object"]["object"] == "charge":
        func = charge_webhook
    elif event_json["data"]["object"]["object"] == "source":
        func = source_webhook
    else:
        return None
    func(event_json, event_json["data"]["object"]["id"])
    # ids and a fixed reason through another alias: nothing personal reaches its log call
    handler = refund_report
    handler("re_1", "duplicate")


def session_commit(success=None, db_session=None):
    """A commit helper that logs the message it is given once the commit succeeded (calibreweb's
    `ub.session_commit`): its other work is the commit, but `success` is only ever the log call's
    message (and tested), so the text is its caller's, as a logging wrapper's is: a log at each call
    that puts personal data into it, none at its own log call."""
    try:
        db_session.commit()
        if success:
            # ok: python.logging.personal-data
            logger.info(success)
    except ConnectionError as e:
        db_session.rollback()
        logger.warning("commit failed: %s", e)
    return ""


def archive_note(note, message=None):
    """Near-miss: the message is stored with the note as well as logged, so the function works with
    it: a log on the side of that work, at its own log call, where a caller gives it personal data."""
    note.comment = message
    note.save()
    if message is not None:
        # ruleid: python.logging.personal-data user.contact.email
        logger.info(message)


def rename_user(user, new_name, note):
    user.name = new_name
    # ruleid: python.logging.personal-data user.contact.email
    session_commit("User {} renamed".format(user.email))
    # ok: python.logging.personal-data
    # (a fixed text, and no message at all)
    session_commit("renamed")
    session_commit()
    # ok: python.logging.personal-data
    # (its message is also stored: the log is archive_note's own, above)
    archive_note(note, f"archived by {user.email}")


def print_user_info(user):
    """A serializer's `.data` is a dict the function fills further (label-studio's CLI): what it
    stores there is printed with it."""
    user_data = UserSerializer(user).data
    user_data["token"] = user.auth_token.key
    user_data["status"] = "ok"
    # ruleid: python.print.personal-data user.authorization.credentials
    print(user_data)
    status = UserSerializer(user).data
    status["status"] = "ok"
    # ok: python.print.personal-data
    # (only a constant was stored into it)
    print(status)


def process_reply(sender_email, reply_code, debug):
    """askbot's e-mail handlers: a module's writes to the console streams are prints."""
    if debug:
        msg = "Received reply from %s\n" % sender_email
        # ruleid: python.print.personal-data user.contact.email
        sys.stderr.write(msg.encode("utf-8"))
        # ruleid: python.print.personal-data user.contact.email
        sys.stdout.write(f"sender: {sender_email}\n")
    # ok: python.print.personal-data
    sys.stderr.write("BODY:\n")
    # a file the module opened is no console
    with open("replies.log", "a") as out:
        # ok: python.print.personal-data
        out.write(sender_email)
    return reply_code


def set_lock(task, user, ttl):
    """label-studio's task lock: `user` is the application's user object, whose string form is its
    login (Django's `AbstractBaseUser.__str__` returns the username field)."""
    # ruleid: python.logging.personal-data user.account.username
    logger.log(logging.DEBUG, f"User={user} acquires a lock for the task={task.id} ttl: {ttl}")
    # ruleid: python.logging.personal-data user.account.username
    logger.info("Denying %s for %r by policy." % (request.path, current_user))
    # ok: python.logging.personal-data
    # (the user is not rendered: only the number of its locks)
    logger.debug("locks: %d", len(user.locks))


def create_tags(tokenowner, is_superuser):
    """privacyIDEA's tags: `tokenowner` is the token's owner, a User whose repr holds the login."""
    try:
        return tokenowner.get_specific_info(["givenname", "surname"])
    except LookupError as e:
        # ruleid: python.logging.personal-data user.account.username
        logger.warning(f"Could not read the user information of {tokenowner!r}: {e!r}")
    # ok: python.logging.personal-data
    # (a flag named for a kind of user)
    logger.debug("superuser: %s", is_superuser)


def check_overlap(task, num):
    """label-studio's lock check: a queryset's `values_list` gives the values of the fields it
    names; a relation to a user gives the user's id."""
    if num > task.overlap:
        # ruleid: python.logging.personal-data user.unique_id
        logger.error(
            f"Num takes={num} > overlap={task.overlap} for task={task.id}",
            extra=dict(lock_ttl=task.locks.values_list("user", "expire_at"), num=num),
        )
    # ok: python.logging.personal-data
    # (the project's own fields)
    logger.info("projects: %s", task.projects.values_list("id", "title", flat=True))


def show_user(username):
    """CKAN's `ckan user show`: where the object's class is known, that class says what its string
    form shows (CKAN's `User` has no `__str__`; this file's `Account` renders its email)."""
    user = ckan_model.User.get(str(username))
    # ok: python.print.personal-data
    click.secho("User: %s" % user)
    account = Account.objects.get(email=username)
    # a query's result, of a class only its name tells: this file's `Account`
    # ruleid: python.print.personal-data user.contact.email
    click.secho("Account: %s" % account)
    user = "site_user"
    # ok: python.logging.personal-data
    logger.info("acting as %s", user)


def add_user(create_user, context, data_dict, package_dict):
    """CKAN's `ckan user add`: an action's result dict is named for the record it holds."""
    user_dict = create_user(context, data_dict)
    # ruleid: python.print.personal-data user.name
    click.secho("Successfully created user: %s" % user_dict["name"], fg="green", bold=True)
    # ok: python.print.personal-data
    # (a dataset's record: its name is the dataset's)
    click.secho("Created dataset: %s" % package_dict["name"], fg="green")


class Account(AbstractBaseUser):
    """A Django user's str is the field its USERNAME_FIELD names."""

    # ruleid: python.django.model-field user.contact.email
    email = models.EmailField(unique=True)
    USERNAME_FIELD = "email"


class StaffMember(AbstractUser):
    """...and the username, by default."""


def acquire_lock(account: Account, staff: StaffMember, task_id: int):
    # ruleid: python.logging.personal-data user.contact.email
    logger.info(f"User={account} acquires a lock for task {task_id}")
    # ruleid: python.logging.personal-data user.account.username
    logger.info("released by %s", staff)


class Memory:
    """A method's parameters are read in its class's context, like its attributes."""

    def add(self, text, memory_id):
        # a memory's text is what a person told the assistant
        # ruleid: python.logging.personal-data user.content
        logger.debug(f"adding memory {memory_id}: {text[:50]}")

    def add_many(self, memories):
        for memory in memories:
            # so are the names it binds
            text = memory.get("text") or ""
            # ruleid: python.logging.personal-data user.content
            logger.debug(f"adding memory: {text[:50]}")


class Exporter:
    def write(self, text, path):
        # the text of an exporter is its own output
        # ok: python.logging.personal-data
        logger.debug(f"writing {len(text)} characters of {text[:20]} to {path}")


def telemetry_payload(user):
    payload = {"user_email": user.email, "server_time": 0}
    # a module's serialiser called as an attribute keeps what it is given
    # ruleid: python.logging.personal-data user.contact.email
    logger.debug(json.dumps(payload, indent=2))


def project_logger(user):
    # keyword arguments that reach a wrapper's **fields are followed into its log call
    # ruleid: python.logging.personal-data user.contact.email
    log_fields("signup", email=user.email)
    # `log` comes from the project's own get_logger(): a logger by its name
    # ruleid: python.logging.personal-data user.contact.email
    log.info("signup by %s", user.email)


def import_messages(chat_id, chat_messages, message_ids, users_by_email):
    """A mapping's keys are not its values: the ids of imported messages, not what users wrote."""
    messages = {message["id"]: message for message in chat_messages}
    for message_id, message in messages.items():
        try:
            store_message(chat_id, message_id, message)
        except ValueError as error:
            # ok: python.logging.personal-data
            log.warning(f"Failed to write imported message {message_id} for chat {chat_id}: {error}")
            # ruleid: python.logging.personal-data user.content
            log.debug("the message was %s", message)
    for message_id in messages.keys():
        # ok: python.logging.personal-data
        log.info("imported message %s", message_id)
    for position, message in enumerate(messages.values()):
        # ok: python.logging.personal-data
        log.info("message %d of chat %s", position, chat_id)
    for message_id, prompt in zip(message_ids, messages.values()):
        # ok: python.logging.personal-data
        log.info("answering %s", message_id)
        # ruleid: python.logging.personal-data user.content
        log.debug("prompt %s: %s", message_id, prompt)
    # a key's own name still says what it holds
    for email, account in users_by_email.items():
        # ruleid: python.logging.personal-data user.contact.email
        log.info("merging accounts of %s", email)


# --- structlog ----------------------------------------------------------------------------------

def structlog_calls(user, request_id, search_query):
    # ruleid: python.structlog.personal-data user.contact.email,user.unique_id
    slog.info("user_signed_up", email=user.email, user_id=user.id)
    bound = slog.bind(request_id=request_id)
    # ruleid: python.structlog.personal-data user.behavior.search_history
    bound.info("search", query=search_query)
    # ok: python.structlog.personal-data
    bound.info("search_finished", results=12)


# --- loguru -------------------------------------------------------------------------------------

def loguru_calls(user, date_of_birth):
    # ruleid: python.loguru.personal-data user.demographic.date_of_birth
    loguru_logger.info("age check for birth date {}", date_of_birth)
    # ruleid: python.loguru.personal-data user.contact.email
    loguru_logger.bind(tenant="acme").warning("duplicate account {}", user.email)
    # ok: python.loguru.personal-data
    loguru_logger.success("migration finished")


# --- print, pprint, warnings --------------------------------------------------------------------

def debugging_leftovers(prompt, payload, user):
    # ruleid: python.print.personal-data user.content
    print(prompt)
    # ruleid: python.print.personal-data user.contact.email
    print(f"DEBUG user={user.email}", file=sys.stderr, flush=True)
    # ruleid: python.print.personal-data user.content
    pprint.pprint({"prompt": prompt})
    # ok: python.print.personal-data
    print("done", file=sys.stderr)


def deprecations(user):
    # ruleid: python.warnings.personal-data user.contact.email
    warnings.warn(f"legacy address format for {user.email}", DeprecationWarning, stacklevel=2)
    # ok: python.warnings.personal-data
    warnings.warn("email_address is deprecated, use email", DeprecationWarning)


# --- a payment provider's objects carry the payer's details ([[carries]]) ------------------------

def handle_stripe_webhook(payload, signature, payment):
    event = stripe.Webhook.construct_event(payload, signature, WEBHOOK_SECRET)
    # ruleid: python.logging.personal-data user.contact.email,user.financial,user.name
    logger.info("Stripe webhook %s", event)
    intent = stripe.PaymentIntent.retrieve(payment.info_data["id"])
    if intent.status != "succeeded":
        # ruleid: python.logging.personal-data user.contact.email,user.financial,user.name
        logger.warning("Payment intent not successful: %s", intent)
    # ok: python.logging.personal-data
    # (the provider's ids and states are not the payer's details)
    logger.info("intent %s is %s", intent.id, intent.status)
    refund = stripe.Refund.create(payment_intent=intent.id, amount=payment.amount)
    # ok: python.logging.personal-data
    # (a refund holds ids and an amount, not the payer's details)
    logger.info("refunded %s", refund)
    gateway = braintree.BraintreeGateway(braintree.Configuration.instantiate())
    try:
        result = gateway.transaction.sale({"amount": payment.amount, "payment_method_nonce": payment.nonce})
    except braintree.exceptions.BraintreeError:
        # ok: python.logging.personal-data
        logger.exception("Braintree sale failed")
        raise
    # ruleid: python.logging.personal-data user.contact.email,user.financial,user.name
    logger.debug("Braintree transaction %r", result)
    charge = event.data.object
    # ruleid: python.logging.personal-data user.contact.email,user.financial,user.name
    logger.error("Stripe error on webhook. Charge: %s" % str(charge.to_dict()))
    # ok: python.logging.personal-data
    # (the event's type and a key read from the object are Stripe's)
    logger.info("webhook %s for %s", event.type, intent.get("id"))


class PayPalProvider:
    """pretix's PayPal provider: the client's `execute(request)` returns the order (`[[carries]]
    requests`), whose `result` is the order with the payer's name and email."""

    def init_api(self):
        self.client = PayPalHttpClient(self.environment)

    def execute_payment(self, paypal_oid, payment):
        response = self.client.execute(OrdersGetRequest(paypal_oid))
        pp_captured_order = response.result
        if pp_captured_order.status != "COMPLETED":
            # ruleid: python.logging.personal-data user.contact.email,user.financial,user.name
            logger.error("Invalid state: %s" % repr(pp_captured_order.dict()))
        # ok: python.logging.personal-data
        # (the order's id and state are PayPal's)
        logger.info("PayPal order %s is %s", pp_captured_order.id, pp_captured_order.status)
        refund = self.client.execute(CapturesRefundRequest(pp_captured_order.id))
        # ok: python.logging.personal-data
        # (a refund holds ids and an amount, not the payer's details)
        logger.info("PayPal refund %s", refund.result.dict())


# --- Sentry breadcrumbs -------------------------------------------------------------------------

def breadcrumbs(user, ip_address):
    # ruleid: python.sentry.breadcrumb-personal-data user.contact.email,user.device.ip_address
    sentry_sdk.add_breadcrumb(
        category="auth",
        message=f"login by {user.email}",
        data={"ip": ip_address},
    )
    # ok: python.sentry.breadcrumb-personal-data
    sentry_sdk.add_breadcrumb(category="auth", message="login", level="info")


def add_breadcrumb(category, message, level="info", **data):
    # the project's own breadcrumb helper (weblate's): a logging wrapper, whose callers' data are
    # reported at their calls
    if not sentry_sdk.get_client().is_active():
        return
    # ruleid: python.sentry.breadcrumb-personal-data
    sentry_sdk.add_breadcrumb(category=category, message=message, level=level, data=data)


def invited(user, team):
    # ruleid: python.sentry.breadcrumb-personal-data user.contact.email
    add_breadcrumb("invite", "sent", recipient=user.email)
    # ok: python.sentry.breadcrumb-personal-data
    add_breadcrumb("invite", "sent", team=team.slug)


# --- a decorator given a logger logs the decorated function's arguments --------------------------

# ruleid: python.logging.decorator user.contact.email,user.unique_id
@log_calls(logger)
def change_email(account_id, new_email):
    return account_id, new_email


# ok: python.logging.decorator
@log_calls(logger)
def rotate_keys(key_version):
    return key_version


# the decorator logs the result too: what the function returns is written to the log
# ruleid: python.logging.decorator user.contact.phone_number
@log_calls(logger)
def get_phone(serial, resolver):
    return resolver.lookup(serial).phone_number


class log_calls_with:
    """A decorator factory (privacyIDEA's `log_with`): its wrapper logs the decorated function's
    arguments on entry and its result on exit, whatever function it decorates."""

    def __init__(self, logger, hide_args=()):
        self.logger = logger
        self.hide_args = hide_args

    def __call__(self, func):
        @functools.wraps(func)
        def log_wrapper(*args, **kwds):
            log_args = [HIDDEN if i in self.hide_args else arg for i, arg in enumerate(args)]
            # ruleid: python.logging.personal-data -
            self.logger.debug("Entering {} with arguments {} and keywords {}".format(
                func.__name__, log_args, kwds))
            f_result = func(*args, **kwds)
            # ruleid: python.logging.personal-data -
            self.logger.debug("Exiting {} with result {}".format(func.__name__, f_result))
            # ok: python.logging.personal-data
            self.logger.debug("Exiting {}".format(func.__name__))
            return f_result

        return log_wrapper


# --- a parameter typed as personal data ------------------------------------------------------------
# A parameter whose name says nothing holds what its declared type says (the classifier's
# [types]): the hops a request passed through (netaddr's IPAddress), a peer's address.

def mapped_client_index(path_to_client: "list[IPAddress]", proxy_settings: str) -> int:
    # ruleid: python.logging.personal-data user.device.ip_address
    log.debug(f"Determining the mapped IP from {path_to_client!r} given the proxy settings {proxy_settings!r}")
    # ok: python.logging.personal-data
    log.debug(f"Proxy settings: {proxy_settings!r}")
    return 0


def accept(peer: ipaddress.IPv4Address | None, attempts: int) -> None:
    # ruleid: python.logging.personal-data user.device.ip_address
    log.info("connection from %s", peer)
    # ok: python.logging.personal-data
    log.info("attempt %d", attempts)



# --- what is extracted from a text, and calls handed to a thread ------------------------------------
# Named entities, keywords or a summary taken from what a person wrote are still what they wrote,
# whatever the extractor does inside (a spaCy pipeline, a model); `asyncio.to_thread(f, x)` is the
# call `f(x)`, with what `f` returns and logs.

class MemoryStore:
    def _link_entities(self, memory_id, text):
        entities = extract_entities(text)
        seen = set()
        for entity_type, entity_text in entities:
            key = entity_text.strip().lower()
            if key in seen:
                continue
            seen.add(key)
            try:
                self.entity_store.upsert(key, entity_type, memory_id)
            except Exception as e:
                # ruleid: python.logging.personal-data user.content
                log.debug(f"Entity link failed for '{entity_text}': {e}")
        # an extractor given the service's own ids, and a function that only names an extractor
        # ok: python.logging.personal-data
        log.debug("entities: %s", extract_entities(memory_id))
        # ok: python.logging.personal-data
        log.debug("extractor: %s", extractor(text))

    async def _link_entities_async(self, memory_id, text):
        entities = await asyncio.to_thread(extract_entities, text)
        if not entities:
            return
        for entity_type, entity_text in entities:
            await asyncio.to_thread(self.entity_store.upsert, entity_text, entity_type, memory_id)
        # ruleid: python.logging.personal-data user.content
        log.debug("linked entities: %s", entities)
        count = await asyncio.to_thread(len, entities)
        # ok: python.logging.personal-data
        log.debug("%d entities", count)

    async def _update_memory(self, memory_id, data, metadata=None):
        existing = await asyncio.to_thread(self.vector_store.get, vector_id=memory_id)
        if existing is None:
            raise ValueError(f"Memory with id {memory_id} not found")
        if data is None:
            data = existing.payload.get("data")
        await asyncio.to_thread(self.vector_store.update, vector_id=memory_id, payload={"data": data, **(metadata or {})})
        # ruleid: python.logging.personal-data user.content
        log.info(f"Updating memory with ID {memory_id=} with {data=}")

    async def add(self, request):
        # ruleid: python.request.field user.content
        text = request.json["message"]
        self._link_entities("m1", text)
        await self._update_memory("m1", text)
        await self._link_entities_async("m1", text)


class Memory:
    # the text of a named entity found in a memory (a person's or a place's name), read back from the
    # entity store's row: the memory's content, by the name it is kept under in a memory's class
    def _remove_memory_from_entities(self, memory_id, filters):
        for row in self.entity_store.list(filters=filters):
            payload = getattr(row, "payload", None) or {}
            entity_text = payload.get("data")
            if not isinstance(entity_text, str) or not entity_text:
                # ok: python.logging.personal-data
                log.debug(f"Entity id={row.id} missing 'data'; skipping update during cleanup")
                continue
            try:
                self.embedding_model.embed(entity_text, "update")
            except Exception as e:
                # ruleid: python.logging.personal-data user.content
                log.debug(f"Entity re-embed failed for '{entity_text}': {e}")


class SchemaMigrator:
    # an ORM entity's text in a tool's own class: no one's content
    def rename(self, entity_text, table):
        # ok: python.logging.personal-data
        log.info("renaming %s in %s", entity_text, table)


# A helper whose parameter is named for a program's id (`bot_id`) logs that program's id, though a
# caller passes it the sender's id under a user's name (Slack's sender is a bot there).
def _get_bot_profile(bot_id):
    try:
        return slack_client.bots_info(bot=bot_id)
    except SlackApiError:
        # ok: python.logging.personal-data
        log.info("Could not fetch bot info for %s", bot_id)
        return {"real_name": bot_id}


def _get_member_profile(member):
    try:
        return slack_client.users_info(user=member)
    except SlackApiError:
        # also the login of this file's `StaffMember` (above), which an object named `member` of unknown
        # class may be: in one module with Slack's member ids, the name cannot tell them apart
        # ruleid: python.logging.personal-data user.account.username,user.unique_id
        log.info("Could not fetch user info for %s", member)
        return {}


def get_slack_user(slack_user_id, is_bot=False):
    if is_bot:
        return _get_bot_profile(slack_user_id)
    return _get_member_profile(slack_user_id)


class DynamoDataLayer:
    # a method named for the record it handles: its parameters are that record's fields
    async def get_user(self, identifier):
        # ruleid: python.logging.personal-data user.unique_id
        log.info("DynamoDB: get_user identifier=%s", identifier)
        response = self.client.get_item(TableName=self.table_name, Key={"PK": {"S": f"USER#{identifier}"}})
        if "Item" not in response:
            return None
        user = self._deserialize_item(response["Item"])
        return user

    async def get_thread(self, thread_id, identifier):
        # a thread's id and a thread's identifier are no person's
        # ok: python.logging.personal-data
        log.info("DynamoDB: get_thread thread=%s identifier=%s", thread_id, identifier)
        response = self.client.get_item(TableName=self.table_name, Key={"PK": {"S": f"THREAD#{thread_id}"}})
        if "Item" not in response:
            return None
        thread = self._deserialize_item(response["Item"])
        return thread

    async def user_exists(self, identifier):
        # not named verb_record: nothing says whose identifier it is
        # ok: python.logging.personal-data
        log.info("DynamoDB: user_exists identifier=%s", identifier)
        response = self.client.get_item(TableName=self.table_name, Key={"PK": {"S": f"USER#{identifier}"}})
        if "Item" not in response:
            return False
        found = self._deserialize_item(response["Item"])
        return bool(found)


# --- translated messages: `_` gives back its text; flufl.i18n fills `$name` from the caller's locals


def add_members(mlist, email, display_name, results):
    # ruleid: python.print.personal-data user.contact.email
    print(_("Already subscribed (skipping): ${email}"), file=sys.stderr)
    # ruleid: python.print.personal-data user.contact.email
    print(_("Email: {}").format(email))
    # the bare form of a placeholder
    # ruleid: python.print.personal-data user.contact.email
    print(_("Welcome, $email"))
    # a placeholder of no local: nothing personal
    # ok: python.print.personal-data
    print(_("${mlist_name}: no such list"))
    # a reply being composed (an email command's results), not a log
    # ok: python.print.personal-data
    print(_("No registered user for email address: ${email}"), file=results)
    # not a translated message: `$email` is text
    # ok: python.print.personal-data
    print("Price: $email")


# --- parameters whose docstring says they hold an email address ------------------------------------


def autorespond_to_sender(mlist, sender, language=None):
    """Should Mailman automatically respond to this sender?

    :param mlist: The mailing list.
    :param sender: The sender's email address.
    :type sender: string
    :param language: The language of the response.
    """
    if language is None:
        language = mlist.preferred_language
    todays_count = mlist.autoresponses_today(sender)
    if todays_count < mlist.max_autoresponses_per_day:
        return True
    # ruleid: python.logging.personal-data user.contact.email
    log.info("hold autoresponse limit hit: %s", sender)
    # a parameter documented otherwise
    # ok: python.logging.personal-data
    log.info("autoresponse limit of %s", mlist)
    return False


def send_templated_mail(template_name, context, recipients, sender=None, fail_silently=False):
    """
    send_templated_mail() is a wrapper around Django's e-mail routines.

    template_name is the slug of the template to use for this message

    recipients can be either a string, eg 'a@b.com', or a list of strings.

    fail_silently is passed to Django's mail routine.
    """
    if isinstance(recipients, str):
        recipients = recipients.split(",")
    msg = EmailMultiAlternatives(template_name, "", sender, recipients)
    # a prose paragraph that starts with the parameter's name, with an example address
    # ruleid: python.logging.personal-data user.contact.email
    logger.debug("Sending email to: {!r}".format(recipients))
    # ok: python.logging.personal-data
    logger.debug("Template: {!r}".format(template_name))
    return msg.send(fail_silently=fail_silently)


def bounce_address(mlist, postfix):
    """The list's bounce address, for the envelope of its posts.

    :param postfix: The suffix of the list's posting address.
    """
    local, domain = mlist.posting_address.split("@", 1)
    address = f"{local}-{postfix}@{domain}"
    # the list's own address, not a person's
    # ok: python.logging.personal-data
    log.debug("bounce suffix %s", postfix)
    mlist.bounce_address = address
    return address


# --- the author of an email message -----------------------------------------------------------------


def hold_post(mlist, msg, chat_message, reasons):
    """A post held for moderation: who sent it is logged."""
    mlist.hold(msg, reasons)
    mlist.notify_moderators(msg)
    # ruleid: python.logging.personal-data user.contact.email
    log.info("HOLD: %s post from %s held, message-id=%s", mlist.fqdn_listname, msg.sender, msg.get("message-id"))
    # a chat message's sender is an account, not an address (the classifier leaves it to its owner)
    # ok: python.logging.personal-data
    log.info("chat message from %s", chat_message.sender)
    # ok: python.logging.personal-data
    log.info("HOLD reasons for %s: %s", msg.get("message-id"), reasons)


# --- bounce parsers return the addresses that failed ------------------------------------------------


def register_bounces(mlist, msg, processor):
    temporary, addresses = all_failures(msg)
    if len(addresses) == 0 and len(temporary) > 0:
        return False
    for address in addresses:
        if isinstance(address, bytes):
            try:
                address = address.decode("utf-8")
            except UnicodeError:
                # ruleid: python.logging.personal-data user.contact.email
                log.exception("Ignoring non-UTF-8 encoded address: {}".format(address))
                continue
        processor.register(mlist, address, msg)
    # how many failed, not who
    # ok: python.logging.personal-data
    log.info("%d bounces for %s", len(addresses), mlist.list_id)
    return True


# --- a name bound in two branches holds what each gives it; an exception what its try body raised --
# (mailman's bounce runner: a project helper's addresses in one branch, a bounce parser's in the
# other; a lookup that raises with the address it could not find, logged by its handler). What the
# project's own function returns keeps the other branch's data; a library's object, a builtin's
# conversion or an instance stays what it is (keeping data in those cost precision elsewhere).


def dispose_bounce(mlist, msg, verp):
    if verp:
        addresses = ProbeVERP().get_verp(mlist, msg)
    else:
        temporary, addresses = all_failures(msg)
    for address in addresses:
        # ruleid: python.logging.personal-data user.contact.email
        log.info("bounce from {}".format(address))


class NotAMemberError(Exception):
    pass


def unsubscribe(mlist, email, members):
    try:
        if email not in members:
            raise NotAMemberError("Email {} is not a subscriber of {}".format(email, mlist.list_id))
        members.remove(email)
    except NotAMemberError as error:
        # ruleid: python.logging.personal-data user.contact.email
        log.info("Unsubscribe failed: {}".format(error))
    try:
        members.save()
    except OSError as error:
        # what the code does not raise itself holds nothing known
        # ok: python.logging.personal-data
        log.error("saving members of %s failed: %s", mlist.list_id, error)


# --- a library's exception caught by type holds what its message names, whatever raised it ----------
# (mailman's SMTP delivery: smtplib's `SMTPRecipientsRefused` keeps the refused addresses and its
# string form shows them; `SMTPSenderRefused` the sender's). Each handler's name holds its own
# type's: the next handler's `error` is another exception.


def deliver_bulk(connection, mlist, msg, sender, recipients):
    message_id = msg["message-id"]
    try:
        refused = connection.sendmail(sender, sorted(recipients), msg.as_string())
    except smtplib.SMTPRecipientsRefused as error:
        # ruleid: python.logging.personal-data user.contact.email
        log.error("%s recipients refused: %s", message_id, error)
        refused = error.recipients
    except (SMTPSenderRefused, smtplib.SMTPDataError) as error:
        # ruleid: python.logging.personal-data user.contact.email
        log.error("%s sender refused: %s", message_id, error)
        refused = {}
    except smtplib.SMTPResponseException as error:
        # the server's code and reply: no address
        # ok: python.logging.personal-data
        log.error("%s response exception: %s", message_id, error)
        refused = {}
    return refused


def notify_owner(connection, mlist, text):
    try:
        connection.sendmail(mlist.bounces_address, [mlist.owner_address], text)
    except smtplib.SMTPRecipientsRefused:
        # the exception is not logged: only the list's id is
        # ok: python.logging.personal-data
        log.error("could not notify the owner of %s", mlist.list_id)


# --- a helper that fills its own dict from a parameter returns that parameter's data ---------------
# A known miss: following `d.update(x)` / `xs.append(x)` lost precision elsewhere (redacted copies,
# lists of records whose one field is logged).


def expand_template(template, extras=None):
    substitutions = dict(site_email="postmaster@example.com")
    if extras is not None:
        substitutions.update(extras)
    return template.format(**substitutions)


def log_delivery(mlist, user, refused):
    substitutions = dict(listname=mlist.fqdn_listname, count=len(refused))
    # ok: python.logging.personal-data
    log.info("%s", expand_template("{listname}: {count} refused", substitutions))
    substitutions.update(recipient=user.email)
    # todoruleid: python.logging.personal-data user.contact.email
    log.info("%s", expand_template("delivery to {recipient} failed", substitutions))


# --- a key read with .get, as with [] -----------------------------------------------------------------


def anonymize(mlist, msg, msgdata):
    """Strip the author of a post to an anonymous list."""
    if not mlist.anonymous_list:
        return msgdata
    # ruleid: python.logging.personal-data user.contact.email
    log.info("post to %s from %s anonymized", mlist.fqdn_listname, msg.get("from").strip())
    # ok: python.logging.personal-data
    log.info("post to %s anonymized, message-id %s", mlist.fqdn_listname, msg.get("message-id"))
    del msg["from"]
    return msgdata


# --- a library's ready-made loggers; a secret's first characters ---------------------------------------


class TokenStore:
    """An OAuth provider's request validator (JupyterHub's, on oauthlib), logging through Tornado's loggers."""

    def revoke_token(self, token, token_type_hint):
        # a secret's first three characters name it without giving it away
        # ok: python.logging.personal-data
        app_log.debug("Revoking %s %s", token_type_hint, token[:3] + "...")

    def save_authorization_code(self, client_id, code, request):
        """Persist the authorization code.

        :param code: A dict of the authorization code grant and, optionally, state.
        """
        log_code = code.get("code", "undefined")[:3] + "..."
        # ok: python.logging.personal-data
        app_log.debug("Saving authorization code %s, %s", client_id, log_code)

    def save_bearer_token(self, token, client_id):
        # ruleid: python.logging.personal-data user.authorization.credentials
        app_log.debug("Saving bearer token %s for %s", token, client_id)
        # twenty characters are most of a short token: still the secret
        # ruleid: python.logging.personal-data user.authorization.credentials
        app_log.debug("Saving bearer token %s...", token[:20])


def log_access(status, username, uri):
    # ruleid: python.logging.personal-data user.account.username
    access_log.info("%s %s (%s)", status, uri, username)
    # ok: python.logging.personal-data
    access_log.info("%s %s", status, uri)


# --- a Tornado handler's signed-in user, rendered whole ------------------------------------------------


class OAuthAuthorizeHandler:
    """A Tornado handler: `self.current_user` is the signed-in user, whose string form is its login."""

    def get(self, client):
        # ruleid: python.logging.personal-data user.account.username
        app_log.error(f"User {self.current_user} not allowed to access {client.description}")
        # whether someone is signed in, not who
        # ok: python.logging.personal-data
        app_log.debug("Signed in: %s", self.current_user is not None)


# --- a logging method bound by functools.partial ----------------------------------------------------
# `partial(access_log.log, level)` is the logger's `log` with its level given (Tornado apps' access
# logs): each call of it is a log call.


def log_request(handler, level):
    request = handler.request
    log_method = functools.partial(access_log.log, level)
    # ruleid: python.request.client-ip user.device.ip_address
    ns = dict(status=handler.get_status(), user=handler.current_user.name, ip=request.remote_ip)
    # ruleid: python.logging.personal-data user.device.ip_address,user.name
    log_method("{status} ({user}@{ip})".format(**ns))
    # ok: python.logging.personal-data
    log_method("%s %s", request.method, handler.get_status())
    # the partial of a function that logs nothing is that function: dumping a profile is no log
    dump = functools.partial(json.dumps, indent=2)
    # ok: python.logging.personal-data
    text = dump({"email": handler.current_user.email})
    return text


# --- a class's literal default that its __init__ replaces ----------------------------------------------
# (`self.x` is the class body's literal only where no method sets it: privacyIDEA's User)


class ResolverUser:
    login = "nobody"

    def __init__(self, login):
        self.login = login

    def found(self, resolver):
        # ruleid: python.logging.personal-data user.account.username
        log.info(f"user {self.login!r} found in resolver {resolver!r}")


# --- a CLI's styled messages (click.style gives back its text) -----------------------------------------
# (Flask-AppBuilder's `flask fab create-user`)


def create_user(username, role):
    # ruleid: python.print.personal-data user.account.username
    click.echo(click.style(f"Error! User already exists {username}", fg="red"))
    # ruleid: python.print.personal-data user.account.username
    click.echo(click.style("User {0} created.".format(username), fg="green"))
    # ok: python.print.personal-data
    click.echo(click.style(f"Error! Role not found {role}", fg="red"))
    # ok: python.print.personal-data
    click.echo(click.style("Error! No user created", fg="red"))


# --- Flask's `g.user`: the signed-in user, rendered whole ---------------------------------------------


def oauth_login(provider):
    # ruleid: python.logging.personal-data user.account.username
    logger.debug("Already authenticated %s", g.user)
    # ok: python.logging.personal-data
    logger.debug("Provider: %s", provider)
    # ok: python.logging.personal-data
    logger.debug("Locale: %s", g.locale)


# --- a loop over the code's own literals: each value one of them, whatever the name says --------------
# (jupyterhub's single-user extension looks for known UI extensions by name)


class JupyterHubSingleUser:
    def _default_url(self, extension_points):
        for name in ["lab", "retro", "nbclassic"]:
            if name in extension_points:
                # ok: python.logging.personal-data
                self.log.info(f"Using default url from server extension {name}")
        for username in ("admin", "root"):
            # ok: python.logging.personal-data
            self.log.warning("reserved name %s", username)
        for email in [self.user.email, self.user.backup_email]:
            # the code's values, not literals
            # ruleid: python.logging.personal-data user.contact.email
            self.log.info("notifying %s", email)


# --- a session's `user`: the person signed in to it, rendered whole ------------------------------------
# (indico's Flask session class, chainlit's websocket session)


def authorize_application(application, form):
    if "confirm" in form:
        # ruleid: python.logging.personal-data user.account.username
        logger.info("User %s authorized %s", session.user, application)
        return True
    # ok: python.logging.personal-data
    logger.info("Application %s shown (language %s, permanent: %s)", application, session.lang, session.permanent)
    # a database session: no person
    # ok: python.logging.personal-data
    logger.info("Application %s updated in %s", application, db.session)
    return False


# --- a mapping logged whole, known by the keys the code reads of it -----------------------------------
# (Flask-AppBuilder's `get_oauth_user_info`: each provider's user info is logged, then read)


class SecurityManager:
    def get_oauth_user_info(self, provider, resp):
        if provider == "github":
            me = self.oauth_remotes[provider].get("user")
            data = me.json()
            # ruleid: python.logging.personal-data user.account.username
            logger.debug("User info from Github: %s", data)
            return {"username": "github_" + data.get("login")}
        if provider == "okta":
            data = self.oauth_remotes[provider].get("userinfo").json()
            # ruleid: python.logging.personal-data user.contact.email,user.name.first
            logger.debug("User info from Okta: %s", data)
            if "error" not in data:
                return {"username": f"okta_{data['sub']}", "email": data["email"], "first_name": data.get("given_name", "")}
            # ok: python.logging.personal-data
            logger.error(data.get("error_description"))
            return {}
        if provider == "status":
            # the keys read of a sibling branch's `data` say nothing of this one
            data = self.oauth_remotes[provider].get("status").json()
            # ok: python.logging.personal-data
            logger.debug("Status: %s", data)
            return {"up": data.get("status")}
        return {}

    def token_callback(self, http, code):
        """An OAuth token response logged whole, then its token read (khoj's Notion callback)."""
        final_response = http.post(self.token_url, data={"code": code}).json()
        # ruleid: python.logging.personal-data user.authorization.credentials
        logger.info(f"auth callback response: {final_response}")
        return final_response.get("access_token")

    def charge(self, payment, e):
        err = e.json_body["error"]
        # an error's message: a key of content says nothing of whose it is (pretix's Stripe errors)
        # ok: python.logging.personal-data
        logger.info("Stripe card error: %s" % str(err))
        payment.fail(info={"error": True, "message": err["message"]})


# --- SAML (python3-saml): what the identity provider asserts about the person ---------------------------


def saml_acs(req, settings, idp):
    auth = OneLogin_Saml2_Auth(req, settings)
    auth.process_response()
    saml_attributes = auth.get_attributes()
    # ruleid: python.logging.personal-data user.account.username,user.contact.email,user.name
    logger.debug("SAML attributes from IdP '%s': %s", idp, saml_attributes)
    # ok: python.logging.personal-data
    logger.error("SAML errors for IdP '%s': %s", idp, auth.get_errors())


class SamlSecurityManager:
    """The auth object made by a method of the project's own and returned to its caller."""

    def _get_saml_auth(self, idp):
        return OneLogin_Saml2_Auth(self._prepare_saml_request(), self.get_saml_settings(idp))

    def auth_user_saml(self, idp):
        auth = self._get_saml_auth(idp)
        auth.process_response()
        # ok: python.logging.personal-data
        logger.error("SAML ACS errors for IdP '%s': %s", idp, auth.get_errors())
        # ruleid: python.logging.personal-data user.account.username,user.contact.email,user.name
        logger.debug("SAML attributes from IdP '%s': %s, NameID: %s", idp, auth.get_attributes(), auth.get_nameid())


# What an identity provider or a directory returns about the person signing in: their profile.


def ldap_search(server_uri, search_base, filter_str, request_fields):
    con = ldap.initialize(server_uri)
    # ok: python.logging.personal-data
    logger.debug("LDAP search for '%s' with fields %s", search_base, request_fields)
    raw_search_result = con.search_s(search_base, ldap.SCOPE_SUBTREE, filter_str, request_fields)
    # ruleid: python.logging.personal-data user.account.username,user.contact.email,user.name
    logger.debug("LDAP search returned: %s", raw_search_result)
    # ok: python.logging.personal-data
    logger.debug("LDAP search returned %d entries", len(raw_search_result))


def oauth_authorized(provider):
    oauth.google.authorize_access_token()
    # ruleid: python.logging.personal-data user.account.username,user.contact.email,user.name
    logger.debug("User info from Google: %s", oauth.google.userinfo())
    client = oauth.create_client(provider)
    me = client.userinfo()
    # ruleid: python.logging.personal-data user.account.username,user.contact.email,user.name
    logger.debug("User info from %s: %s", provider, me)


def pysaml2_acs(sp_config, saml_response):
    saml_client = Saml2Client(config=sp_config)
    authn_response = saml_client.parse_authn_request_response(saml_response, BINDING_HTTP_POST)
    # ruleid: python.logging.personal-data user.account.username,user.contact.email,user.name
    logger.info("SAML identity: %s", authn_response.get_identity())
    # ok: python.logging.personal-data
    logger.info("SAML response from %s", authn_response.issuer())


# --- a property read where the object's class is unknown ------------------------------------------------
# (`spawner._log_name` of a spawner got from `user.get_or_create_spawner(...)`: JupyterHub's handlers.
# Classes of this module, or of the modules it imports, whose names end in the word the receiver's name
# ends in, define the property, and every getter returns personal data.)


class LocalProcessSpawner:
    def __init__(self, user, name):
        self.user = user
        self.name = name

    @property
    def _log_name(self):
        return f"{self.user.name}:{self.name}"

    @property
    def _state_path(self):
        return f"/var/run/spawners/{self.name}.json"

    def start(self):
        # ruleid: python.logging.personal-data user.name
        log.info("Starting server %s", self._log_name)


def stop_server(user, server_name, hub):
    spawner = user.get_or_create_spawner(server_name)
    # ruleid: python.logging.personal-data user.name
    log.info("Server %s is already running", spawner._log_name)
    # the property returns nothing personal
    # ok: python.logging.personal-data
    log.info("State kept in %s", spawner._state_path)
    # no class named for a hub defines it: a hub's `_log_name` is not a spawner's
    # ok: python.logging.personal-data
    log.info("Hub %s stopping", hub._log_name)


# --- an object written whole whose class is unknown ------------------------------------------------------
# (`f"{orm_token} has no user"` of a token got from `orm.APIToken.find(db, token)`: JupyterHub's handlers.
# Top-level classes of this module, or of the modules it imports, whose names end in the word the object's
# name ends in, show personal data in their string forms, every one of this module's.)


class APIToken:
    def __repr__(self):
        return f"<{self.__class__.__name__}('{self.prefix}...', user='{self.user.name}')>"


class OAuthGrant:
    def __repr__(self):
        return f"<{self.__class__.__name__}(id={self.id}, client_id={self.client_id!r})>"


class HubUser:
    def __repr__(self):
        return repr(self.orm_account)

    async def stop(self, spawner):
        try:
            await spawner.run_post_stop_hook()
        except Exception:
            # its repr is the repr of its `orm_account`, an Account by the name (above: its str is its email)
            # ruleid: python.logging.personal-data user.contact.email
            self.log.exception("Error in Spawner.post_stop_hook for %s", self)


def resolve_token(db, token):
    orm_token = APIToken.find(db, token)
    if orm_token.user is None:
        # ruleid: python.logging.personal-data user.name
        log.warning(f"{orm_token} has no user or service. Deleting...")
    grant = db.grant_for(orm_token)
    # a grant's repr shows ids only
    # ok: python.logging.personal-data
    log.info("Using grant %r", grant)
    # the token's own attribute, not the token
    # ok: python.logging.personal-data
    log.info("Token prefix %s", orm_token.prefix)


# --- a repr built by a helper given `self` and the names of the attributes it shows ----------------------
# (indico's `User.__repr__`: `return format_repr(self, 'id', 'email', is_deleted=False, _text=self.full_name)`;
# its users logged whole, by name or as another object's user: `logger.info('... for user %s', identity.user)`)


def format_repr(obj, *args, **kwargs):
    return f"<{type(obj).__name__}({', '.join(str(getattr(obj, arg)) for arg in args)})>"


class EventOwner:
    def __repr__(self):
        return format_repr(self, "id", "email", is_deleted=False)


class Venue:
    def __repr__(self):
        # names of nothing personal; a helper given another object, not `self`
        return format_repr(self, "capacity", "slug") + format_repr(self.room, "email")


def transfer_event(event, owner, booking):
    # an object named `owner` of unknown class: this file's EventOwner, whose repr shows its id and email
    # ruleid: python.logging.personal-data user.contact.email,user.unique_id
    log.info("Event %s transferred to %s", event.id, owner)
    # another object's owner is an object too, not a plain value
    # ruleid: python.logging.personal-data user.contact.email,user.unique_id
    log.info("Event %s transferred from %s", event.id, event.owner)
    # a venue's repr shows its capacity and slug; `booking.venue` is no person-named attribute
    # ok: python.logging.personal-data
    log.info("Booked %r", booking.venue)


# --- a request body logged whole in a route --------------------------------------------------------------
# (a FastAPI route given its body decoded into a Pydantic model logs it: the model's repr shows every
# field the person sent, as for the same model given to any other function)

from fastapi import APIRouter, Request
from pydantic import BaseModel

router = APIRouter()
verbose_proxy_logger = logging.getLogger("LiteLLM Proxy")


class UpdateCustomerRequest(BaseModel):
    user_id: str
    alias: str | None = None
    blocked: bool = False


class BudgetRequest(BaseModel):
    budget_id: str
    max_budget: float | None = None


@router.post("/customer/update")
async def update_end_user(data: UpdateCustomerRequest, budget: BudgetRequest):
    # ruleid: python.logging.personal-data user.unique_id
    verbose_proxy_logger.debug("/customer/update: Received data = %s", data)
    # a field the person sent that names nothing personal
    # ok: python.logging.personal-data
    verbose_proxy_logger.debug("blocked = %s", data.blocked)
    # a model whose fields name nothing personal
    # ok: python.logging.personal-data
    verbose_proxy_logger.debug("budget = %s", budget)


@router.post("/v1/messages")
async def relay_messages(request: Request):
    # a raw body bound to a name and logged in part: its first bytes are what the person wrote
    # ruleid: python.request.body user.content
    body = await request.body()
    # ruleid: python.logging.personal-data user.content
    verbose_proxy_logger.debug(f"Request body preview: {body[:200]}...")
    # its length is no part of it
    # ok: python.logging.personal-data
    verbose_proxy_logger.debug("Request body of %d bytes", len(body))
    return {"ok": True}


# A literal key read from a container whose category came from its name or from what it was
# derived from takes the key's category: the claims of a decoded token are not the token (`sub`
# is the user's id, `email` an address, `iss`/`aud`/`alg` nothing); a mail message handed in as
# `email` has a `subject`, not an address. A key whose meaning is its owner's (`name`, `id`)
# keeps what the container holds.

import base64


class DetailedJWTVerifier(JWTVerifier):
    async def load_access_token(self, token: str):
        header = self._decode_token_header(token)
        # ok: python.logging.personal-data
        logger.debug("Algorithm mismatch: token uses '%s'", header.get("alg"))
        claims = self.jwt.decode(token, self.public_key)
        # ok: python.logging.personal-data
        logger.debug("Issuer mismatch: token has '%s'", claims.get("iss"))
        # ok: python.logging.personal-data
        logger.debug("Audience mismatch: token has '%s'", claims["aud"])
        client_id = claims.get("client_id") or claims.get("sub") or "unknown"
        # ok: python.logging.personal-data
        logger.debug("Token expired for client '%s'", client_id)
        # a claim that names personal data is that data
        # ruleid: python.logging.personal-data user.contact.email
        logger.debug("Token for '%s'", claims.get("email"))
        # the token itself is still the token
        # ruleid: python.logging.personal-data user.authorization.credentials
        logger.debug("Token: %s", token)

    @staticmethod
    def _decode_token_header(token: str) -> dict:
        header_b64 = token.split(".")[0]
        return json.loads(base64.urlsafe_b64decode(header_b64))


def do_send_email(email, log_entry=None):
    # ok: python.logging.personal-data
    logger.info("Sending email: %s", email["subject"])
    # ok: python.logging.personal-data
    logger.info("Sending email: %s", email.get("subject"))
    # ruleid: python.logging.personal-data user.contact.email
    logger.info("Bounce from %s", email["from"])


def delete_users(user_id):
    to_delete = [{"type": "user", "name": user_id}]
    for entity in to_delete:
        # a key whose meaning is its owner's: the dict holds the user's id under it
        # ruleid: python.logging.personal-data user.unique_id
        logger.info("Deleting %s", entity["name"])


# Values that say nothing of the data: a digest of an address, the field names of a dict, an
# exception's message; and the attributes of things that are not people (a server's `ip`, a
# datasource's `full_name`). A method's parameters are what callers hand the thing: still data.


def log_import(i_datasource, form_data, server, ex, user_email):
    # ok: python.logging.personal-data
    logger.info("Importing dataset from %s", i_datasource.full_name)
    # ok: python.logging.personal-data
    logger.info("Chart preview for form_data keys: %s", list(form_data.keys()))
    # ruleid: python.logging.personal-data user.content
    logger.info("Chart preview for form_data: %s", form_data)
    # ok: python.logging.personal-data
    logger.debug("Proxying to %s", server.ip)
    # ok: python.logging.personal-data
    logger.error("Import failed: %s", ex.message)
    # ok: python.logging.personal-data
    logger.error("Import failed: %s", ex.message.get("message"))
    email_hash = hashlib.md5(user_email.encode()).hexdigest()
    # a digest of an address still singles the person out (Gravatar looks avatars up by it)
    # ruleid: python.logging.personal-data user.contact.email
    logger.info("Gravatar for %s", email_hash)
    payload_hash = hashlib.sha256(form_data["body"].encode()).hexdigest()
    # ok: python.logging.personal-data
    logger.info("Deduplicating payload %s", payload_hash)
    # ruleid: python.logging.personal-data user.contact.email
    logger.info("Gravatar for %s", user_email)


class MailQueue:
    def add(self, email_address, priority=0):
        # ok: python.logging.personal-data
        logger.info("Queue %s polled", self.email_address)
        # ruleid: python.logging.personal-data user.contact.email
        logger.info("Queued mail to %s", email_address)


# A parameter's annotation names what it holds, and so whose attributes are read of it: a celery
# signal handler's `sender: Task` is a task, whose `name` is the task's, whatever the parameter is
# called. An annotation naming a person, a builtin or nothing leaves the parameter's name to decide.


def log_task_failure(sender: Task | None = None, task_id=None, **kwargs):
    task_name = sender.name if sender else "Unknown"
    # ok: python.logging.personal-data
    logger.error("Task %s (id %s) failed", task_name, task_id)


def log_task_retry(sender: Optional["celery.Task"] = None, reason=None):
    # ok: python.logging.personal-data
    logger.warning("Retrying %s: %s", sender.name, reason)


def log_message_sent(sender: "User", recipient: str):
    # ruleid: python.logging.personal-data user.name
    logger.info("Message from %s", sender.name)


def log_sender(sender, kind: str):
    # ruleid: python.logging.personal-data user.name
    logger.info("%s sent by %s", kind, sender.name)


# A function checking a setting (litellm's `resolve_s3_batch_file_upload(configured)`) warns with the
# configured value: what its callers read under a setting's key (`s3_batch_file_upload`, read as an
# upload by its name) is a setting, not data logged on the side of its work.
def resolve_batch_file_upload(configured):
    try:
        return FLAG.validate_python(configured)
    except ValidationError:
        # ok: python.logging.personal-data
        log.warning("s3_batch_file_upload=%r is not a boolean", configured)
        return False


def init_uploads(params):
    return resolve_batch_file_upload(params.get("s3_batch_file_upload"))


# The near miss: a parameter of a neutral name, logged on the side of saving it, given an upload.
def store_upload(value):
    try:
        return storage.save(value)
    except OSError:
        # ruleid: python.logging.personal-data user.content
        log.warning("could not store %r", value)
        return None


def save_attachment(params):
    return store_upload(params.get("file_upload"))


class StudioPerson:
    """SQLAlchemy's attribute validators: the value is what the column named holds."""

    @validates("country")
    def validate_country(self, key, value):
        if len(value or "") != 2:
            # ruleid: python.logging.personal-data user.contact.address.country
            logger.warning(f"Discarded invalid country value for person: {value!r}")
            return None
        return value.upper()

    @validates("role")
    def validate_role(self, key, value):
        # ok: python.logging.personal-data
        logger.warning(f"Unknown role {value!r}, kept as user")
        return value

    def check_country(self, key, value):
        # not a validator: `value` says nothing of itself
        # ok: python.logging.personal-data
        logger.warning(f"Checked {key}: {value!r}")
        return value


class ArchiveSender(models.Model):
    """HyperKitty's `Sender`: a model's method reading `self.<field>` reads the row's value of the
    field the class declares (an address declared as an `EmailField`), not the field object."""

    # ruleid: python.django.model-field user.contact.email
    address = models.EmailField(max_length=255, primary_key=True)
    mailman_id = models.CharField(max_length=255, null=True)

    def set_mailman_id(self):
        # ruleid: python.logging.personal-data user.contact.email
        logger.warning("Invalid response when getting user %s from Mailman", self.address)
        # ok: python.logging.personal-data
        logger.warning("Mailman lookup failed for %s", self.mailman_id)


# --- A Django management command's output: `self.stdout.write` / `self.stderr.write` is its print ---------


class CreateSuperuserCommand(BaseCommand):
    """Misago's `createsuperuser` and Wagtail's `api_tokens`: `BaseCommand` gives `self.stdout` and
    `self.stderr`, wrappers of the console streams, and `self.style`, whose styles give back the text."""

    def handle(self, *args, **options):
        user = get_user_model().objects.create_superuser(options["username"], options["email"], options["password"])
        message = "Superuser #%s has been created successfully."
        # ruleid: python.print.personal-data user.unique_id
        self.stdout.write(message % user.pk)
        # ruleid: python.print.personal-data user.contact.email
        self.stdout.write(self.style.SUCCESS(f"Created {user.email}"))
        # ruleid: python.print.personal-data user.contact.email
        self.stderr.write("Could not notify %s" % user.email)
        # a count, and a literal styled: nothing personal
        # ok: python.print.personal-data
        self.stdout.write("%d users" % get_user_model().objects.count())
        # ok: python.print.personal-data
        self.stdout.write(self.style.SUCCESS("Done"))


class TokenCommandBase(BaseCommand):
    """A project's base command, in the same file: its subclasses inherit BaseCommand's streams."""


class CreateTokenCommand(TokenCommandBase):
    def create(self, *args, user, name, **options):
        api_token = make_api_token(user, name)
        # ruleid: python.print.personal-data user.authorization.credentials
        self.stdout.write(api_token)


class ReportWriter:
    """Not a management command: its own `stdout` (a file it was given) says nothing of a console."""

    def __init__(self, stdout):
        self.stdout = stdout

    def report(self, user):
        # ok: python.print.personal-data
        self.stdout.write(user.email)


# --- A console prompt: the program's question, not a prompt a person wrote --------------------------------


def prompt_nonempty(prompt):
    return input(prompt).strip()


class InitCommand(BaseCommand):
    """pretalx's `init` and Django's migration questioner: a function that reads the console shows its
    `prompt` first; a function that reads nothing shows a prompt of the model's (its text is content)."""

    def get_nonempty(self, prompt, env_varname=None):
        if not env_varname:
            return prompt_nonempty(prompt)
        # ok: python.print.personal-data
        self.stdout.write(f"{prompt}[used environment variable: {env_varname}]")
        return env_varname

    def ask_default(self, default=""):
        prompt = "[default: {}] >>> ".format(default) if default else ">>> "
        # ok: python.print.personal-data
        print(prompt, end="")
        return input() or default


def show_model_prompt(prompt):
    # ruleid: python.print.personal-data user.content
    print(prompt)


# --- A chat bridge's users: Matrix's and Telegram's ids, a parameter typed by a person's class ---------


class BridgeUser:
    """mautrix-telegram's `AbstractUser`: a Matrix user (`mxid`, `@alice:example.org`) with a Telegram
    account (`tgid`); its `log` a logger the framework's base class makes."""

    log = logging.getLogger("mau.user")

    @property
    def tgid(self) -> TelegramID:  # a project's `NewType` of an int, imported: says no more than the name
        return TelegramID(self.id)

    async def connect(self):
        # ruleid: python.logging.personal-data user.unique_id
        self.log.debug(f"{self.mxid} connected")
        # ruleid: python.logging.personal-data user.unique_id
        self.log.debug(f"Telegram account {self.tgid} connected")


class BridgePortal:
    """A bridged chat: its own `mxid` is a room's id and its `tgid` a chat's, no person's."""

    log = logging.getLogger("mau.portal")

    async def backfill(self, source: BridgeUser, deleter: "BridgeUser", count: int) -> None:
        # ruleid: python.logging.personal-data user.unique_id
        self.log.debug(f"Backfilling through {source.mxid}")
        # ruleid: python.logging.personal-data user.unique_id
        self.log.debug(f"Redaction by {deleter.tgid}")
        # ok: python.logging.personal-data
        self.log.debug(f"Backfilling {count} messages into {self.mxid} ({self.tgid})")

    async def kick(self, user, sender, msg, event, source_portal: "BridgePortal") -> None:
        # ruleid: python.logging.personal-data user.unique_id
        self.log.warning(f"Failed to kick {user.mxid} on behalf of {msg.sender_mxid}")
        # ruleid: python.logging.personal-data user.unique_id
        self.log.warning(f"Telegram user {sender.tgid} has no displayname")
        # ok: python.logging.personal-data
        self.log.debug(f"Sent {event.mxid} as a forward from {source_portal.mxid}")


# --- Telethon's objects: their string forms render every field ---------------------------------------


class TelegramUpdates:
    log = logging.getLogger("mau.user")

    async def update_status(self, update: UpdateUserStatus) -> None:
        # the whole update: whose status, and that they went on- or offline
        # ruleid: python.logging.personal-data user.behavior,user.unique_id
        self.log.warning(f"Unexpected user status update: {update}")

    async def update_phone_call(self, update: UpdatePhoneCall) -> None:
        # ruleid: python.logging.personal-data user.unique_id
        self.log.debug("Phone call update %s", update)
        # its attributes are what their names say: the call's id is the service's
        # ok: python.logging.personal-data
        self.log.debug("Phone call %s", update.phone_call.id)

    async def handle_message(self, evt: TelegramMessage, info: TelegramUser | Channel) -> None:
        # ruleid: python.logging.personal-data user.content,user.unique_id
        self.log.trace("Message content: %s", evt)
        # ruleid: python.logging.personal-data user.account.username,user.contact.phone_number,user.name,user.unique_id
        self.log.trace("Displayname source data: %s", info)
        # ok: python.logging.personal-data
        self.log.debug("Handling message %d", evt.id)

    async def sync_dialog(self, client, peer_dialog, entities, msg) -> None:
        dialog = Dialog(client, peer_dialog, entities, msg)
        # ruleid: python.logging.personal-data user.account.username,user.contact.phone_number,user.content,user.name,user.unique_id
        self.log.debug("Got dialog info for new portal: %s", dialog)


class MatrixPortal:
    log = logging.getLogger("mau.portal")

    async def handle_matrix_message(self, content: MessageEventContent, room_id: RoomID) -> None:
        # a room message's content renders its body, what the person wrote
        # ruleid: python.logging.personal-data user.content
        self.log.trace("Unhandled Matrix event content: %s", content)
        # ok: python.logging.personal-data
        self.log.debug("Unhandled msgtype %s in %s", content.msgtype, room_id)


# --- The id of a server-side session: the key to the stored session its cookie names -------------------
# (Flask-Session's and pgAdmin's `session.sid`: whoever has it is that signed-in person; a heartbeat
# that logs it on every beat logs a credential. Not an account's `sid`: Twilio's `account_sid` names
# the account, and a Socket.IO connection's `sid` is no session's)


def log_server_heartbeat(server_id):
    session_id = flask_session.sid
    # ruleid: python.logging.personal-data user.authorization.credentials
    current_app.logger.debug(f"Heartbeat logged for the session id: {session_id} and server id: {server_id}")
    # ruleid: python.logging.personal-data user.authorization.credentials
    current_app.logger.debug("Heartbeat stopped for {0}##{1}".format(flask_session.sid, server_id))


def release_connections(server_conn, sess_id, sid):
    # ruleid: python.logging.personal-data user.authorization.credentials
    current_app.logger.debug("Released connection for the session id##server id: {0}##{1}".format(sess_id, sid))


def send_sms(client, account_sid, to):
    # ok: python.logging.personal-data
    logger.info("sending through account %s", account_sid)


# --- A Flask-SQLAlchemy model of a person with no string form of its own -------------------------------
# (Flask-SQLAlchemy's `Model.__repr__` renders `<Borrower 42>`, the primary key: pgAdmin's LDAP source
# logs `"LDAP user {0} logged in.".format(user)`; a thing's row names no one)

fsa_db = FlaskSQLAlchemy()


class Borrower(fsa_db.Model, SecurityUserMixin):
    # ok: python.sqlalchemy.column
    id = fsa_db.Column(fsa_db.Integer, primary_key=True)


class Printer(fsa_db.Model):
    # ok: python.sqlalchemy.column
    id = fsa_db.Column(fsa_db.Integer, primary_key=True)


def ldap_login(login_name):
    borrower = Borrower.query.filter_by(username=login_name).first()
    # ruleid: python.logging.personal-data user.unique_id
    current_app.logger.info("LDAP user {0} logged in.".format(borrower))
    printer = Printer.query.first()
    # ok: python.logging.personal-data
    current_app.logger.info("printer {0} ready".format(printer))


# --- Rows of Django's user model, fetched by its manager: each renders its username -------------------------
# (Tendenci's `disable_user` and `delete_non_contributors` commands)


class DowngradeCommand(BaseCommand):
    def handle(self, *args, email_domain="", **options):
        users = User.objects.filter(email__iendswith="@%s" % email_domain)
        for u in users:
            # ruleid: python.print.personal-data user.account.username
            print("Done downgrading user (%s)." % u)
            # the row's id and flags are no string form of it
            # ok: python.print.personal-data
            print(u.pk, u.is_active)
        for slacker in get_user_model().objects.exclude(is_staff=True).order_by("date_joined"):
            # ruleid: python.print.personal-data user.account.username
            print("Integrity Error deleting", slacker)
        first = User.objects.filter(is_superuser=True).first()
        # ruleid: python.print.personal-data user.account.username
        print(first)
        # a count, and the rows' values, are no user's string form
        # ok: python.print.personal-data
        print(User.objects.filter(is_active=False).count())
        for row in User.objects.values_list("pk", flat=True):
            # ok: python.print.personal-data
            print(row)


# --- What a function that searches is handed as its query: what was searched ----------------------------
# (calibreweb's metadata providers' `search(self, query: str)`, open-webui's `search_exa(api_key, query,
# count)`, gramps-webapi's assistant tool's `_search_genealogy_database(ctx, query: str, ...)`)


class BookMetadataProvider:
    def search(self, query: str, generic_cover: str = "", locale: str = "en"):
        # ruleid: python.logging.personal-data user.behavior
        logger.debug(f"start searching {query} on the provider")
        # the locale it searches in is a setting, not what was searched
        # ok: python.logging.personal-data
        logger.debug("searching in %s", locale)


def search_web(api_key: str, query: str, count: int):
    # ruleid: python.logging.personal-data user.behavior
    logger.info("Searching the web for query: %s", query)


def _search_records(ctx, query: Optional[str] = None, term=None):
    # ruleid: python.logging.personal-data user.behavior
    logger.debug("records search: %r %r", query, term)


def search_by_query(session, query: "Query", value):
    # an ORM query a search narrows is typed so: no text a person searched
    # ok: python.logging.personal-data
    logger.debug("narrowing %s", query)


def searcher_stats(query: str):
    # not a function that searches: its first word only begins so
    # ok: python.logging.personal-data
    logger.debug("stats for %s", query)


def run_query(query: str):
    # a query run by a function that does not say it searches: a database's, not a person's search
    # ok: python.logging.personal-data
    logger.debug("running %s", query)


# --- A function that carries its caller's text to a log and elsewhere ----------------------------------------
# (gpt-researcher's `stream_output(type, content, output, websocket)`: `logger.info(f"{output}")` and the
# same text sent to the websocket): a logging wrapper for that parameter, a log at each call that puts
# personal data there and at its own log call; a parameter it works with otherwise stays a log on the side.


async def stream_output(type, content, output, websocket=None, output_log=True, metadata=None):
    if (not websocket or output_log) and type != "images":
        try:
            # ruleid: python.logging.personal-data user.contact.email
            logger.info(f"{output}")
        except UnicodeEncodeError:
            # ruleid: python.logging.personal-data user.contact.email
            logger.error(output.encode("cp1252", errors="replace").decode("cp1252"))
    if websocket:
        await websocket.send_json({"type": type, "content": content, "output": output, "metadata": metadata})


async def show_status(websocket, status):
    # near-miss: the text is cut and formatted into one of the function's own before it is logged
    # ruleid: python.logging.personal-data user.contact.email
    logger.info("status: %s", status[:80])
    await websocket.send_json({"status": status})


async def report_progress(user, websocket):
    # ruleid: python.logging.personal-data user.contact.email
    await stream_output("logs", "progress", f"Researching for {user.email}", websocket)
    # ok: python.logging.personal-data
    await stream_output("logs", "progress", "Researching...", websocket)
    # ok: python.logging.personal-data
    # (its log is show_status's own, above)
    await show_status(websocket, f"Researching for {user.email}")


# --- A person's record logged whole: names that say they hold one user's record ---------------------------
# (jupyterhub's `user_model` from the Hub, privacyIDEA's resolver `user_list`, calibreweb's LDAP `user_data`):
# a directory's entry, an identity provider's answer or a resolver's rows for a user show at least the login.


def import_ldap_user(user, user_data, user_data_dir):
    # ruleid: python.logging.personal-data user.account.username
    logger.warning("LDAP User %s Already in Database", user_data)
    # ruleid: python.logging.personal-data user.account.username
    logger.warning("LDAP Email Error: {}, {}".format(user_data, user))
    # a path named for users' data, not a record (the record word does not end the name)
    # ok: python.logging.personal-data
    logger.debug("storing under %s", user_data_dir)


def identify(hub_auth, token, resolver, search):
    user_model = hub_auth.user_for_token(token)
    # ruleid: python.logging.personal-data user.account.username
    logger.debug("User model %s", user_model)
    user_list = resolver.getUserList(search)
    # ruleid: python.logging.personal-data user.account.username
    logger.debug(f"Found this userlist: {user_list!r}")
    job_list = resolver.jobs()
    # a record of something else rendered whole
    # ok: python.logging.personal-data
    logger.debug(f"Found these jobs: {job_list!r}")
    user_model_class = resolver.model_class()
    # ok: python.logging.personal-data
    logger.debug("using %s", user_model_class)
    user_info = {"theme": "dark"}
    # what it holds is known here: a literal with no personal data
    # ok: python.logging.personal-data
    logger.debug("defaults %s", user_info)


# --- A list logged whole, known by the keys the code reads of its elements ---------------------------------
# (litellm's e-mail alerting: a team's `members_with_roles`, then each member's `user_id`; the rows of a
# query, then each row's `user_email`)


async def get_team_member_emails(team_row, fetch_rows):
    members = team_row.members_with_roles
    # ruleid: python.logging.personal-data user.unique_id
    logger.debug("Got team members: %s", members)
    ids = []
    for member in members:
        ids.append(member.get("user_id"))
    rows = await fetch_rows(ids)
    # ruleid: python.logging.personal-data user.contact.email
    logger.debug("Got all emails for the team, emails=%s", rows)
    return [row.get("user_email") for row in rows]


def pending_jobs(queue):
    pending = queue.pending()
    # the elements' keys read are a job's, not a person's
    # ok: python.logging.personal-data
    logger.debug("pending: %s", pending)
    return [job.get("status") for job in pending]


# --- Rows put into a list or a table, then rendered whole ---------------------------------------------------
# (pgAdmin's `setup.py set-prefs`: each saved preference row, with the user's id, appended to a list printed
# as JSON and added to a rich table printed at the end)

from rich.console import Console as RichConsole
from rich.table import Table as RichTable


def set_prefs(user_id, options):
    table = RichTable(title="Updated Pref Details")
    valid_prefs = []
    skipped = []
    for option in options:
        row = {"name": option, "user_id": user_id}
        if option:
            valid_prefs.append(row)
            table.add_row(json.dumps(row))
        else:
            skipped.append(option)
    # ruleid: python.print.personal-data user.unique_id
    print(table)
    # ruleid: python.print.personal-data user.unique_id
    print(json.dumps(valid_prefs, indent=2))
    # only the options' names were put in it
    # ok: python.print.personal-data
    print(json.dumps(skipped))


def display_user(users):
    console = RichConsole()
    for user_row in users:
        details = RichTable(title="User Details")
        details.add_row("Email", user_row["email"])
        # ruleid: python.print.personal-data user.contact.email
        console.print(details)
        servers = RichTable(title="Servers")
        servers.add_row("Server", user_row["server_name"])
        # a table of something else's rows
        # ok: python.print.personal-data
        console.print(servers)


# --- A directory search's entries logged whole ---------------------------------------------------------------
# (Flask-AppBuilder's `_search_ldap`: python-ldap's `search_s` result, each entry a DN holding the login and
# the name and e-mail attributes asked for)


def search_ldap(con, filter_str, request_fields, search_base):
    raw_search_result = con.search_s(search_base, ldap.SCOPE_SUBTREE, filter_str, request_fields)
    # ruleid: python.logging.personal-data user.account.username,user.contact.email,user.name
    logger.debug("LDAP search returned: %s", raw_search_result)
    found = con.search(search_base, ldap.SCOPE_SUBTREE, filter_str)
    # an asynchronous search's message id, not its entries
    # ok: python.logging.personal-data
    logger.debug("LDAP search started: %s", found)


def sign_in_with_jwt(token: str, secret: str):
    """A JWT auth provider (R2R's): the claims a decoded token carries, read by key."""
    claims = jwt.decode(token, secret, algorithms=["HS256"])
    # ruleid: python.logging.personal-data user.contact.email
    logger.debug(f"Creating new user: {claims.get('email')}")
    # the issuer of the token names no one
    # ok: python.logging.personal-data
    logger.debug(f"token issued by {claims.get('iss')}")
    return claims


# A blueprint whose URL prefix holds a person's data: every route of it is reached by a URL with the
# user's auth token in it (calibreweb's Kobo sync API, which e-readers call with the token in the path)
kobo = Blueprint("kobo", __name__, url_prefix="/kobo/<auth_token>")
# a prefix naming a thing: the URL holds a shelf's id, no one's data
shelf_pages = Blueprint("shelf_pages", __name__, url_prefix="/shelf/<int:shelf_id>")


@kobo.route("/v1/library/<dummy>", methods=["DELETE", "GET", "POST"])
def handle_unimplemented_request(dummy=None):
    # ruleid: python.logging.personal-data user.authorization.credentials
    logger.debug("Unimplemented Library Request received: %s", request.base_url)
    # the URL's root stops before the prefix
    # ok: python.logging.personal-data
    logger.debug("Forwarding to the store from %s", request.url_root)
    return ""


@shelf_pages.route("/books")
def shelf_books(shelf_id):
    # ok: python.logging.personal-data
    logger.debug("Shelf request: %s", request.path)
    return ""


def kobo_store_url():
    # not a route of the blueprint: the request may be any page's
    # ok: python.logging.personal-data
    logger.debug("Store proxy asked from %s", request.base_url)
    return ""


# --- Later defs of a name: a property's setter, the implementation after overload stubs (the eighteenth session)


class Subscription:
    """Every def of a name runs: the setter's body as the getter's, the implementation after its stubs."""

    @property
    def contact(self):
        return self._contact

    @contact.setter
    def contact(self, person):
        # ruleid: python.logging.personal-data user.contact.email
        logger.info("contact changed to %s", person.email)
        self._contact = person

    @typing.overload
    def notify(self, user: str) -> None: ...
    def notify(self, user):
        # ruleid: python.logging.personal-data user.contact.phone_number
        logger.info("texting %s", user.phone_number)
        # the subscription's own id names no one
        # ok: python.logging.personal-data
        logger.info("subscription %s notified", self.pk)


# --- Audit helpers called with the acting user (later in the eighteenth session)

from app_models import AuditLog, Log, db_session


def record_action(user, action, certificate=None):
    """Logs an action and keeps it as a row of the audit trail (Lemur's `log_service.create`)."""
    log_data = {"action": action, "user": user.email, "certificate": certificate.name}
    # ruleid: python.logging.personal-data user.contact.email
    current_app.logger.info(log_data)
    view = Log(user_id=user.id, log_type=action)
    db_session.add(view)
    db_session.commit()


def record_login(user, action):
    """Only the user's key: a caller's user gives no more than that id (logged here)."""
    # ruleid: python.logging.personal-data user.unique_id
    current_app.logger.info("action %s by user %s", action, user.id)
    db_session.add(AuditLog(user_id=user.id, action=action))
    db_session.commit()


def save_certificate(user, certificate):
    """A save that logs on the side of its work: no log row, so no audit helper."""
    certificate.owner_id = user.id
    db_session.add(certificate)
    db_session.commit()
    cache_certificate(certificate)
    # ruleid: python.logging.personal-data user.contact.email
    current_app.logger.debug("saved by %s", user.email)


def update_certificate(certificate):
    # the acting user given whole: what the helper logs of it is logged at the call
    # ruleid: python.logging.personal-data user.contact.email
    record_action(g.current_user, "update_cert", certificate=certificate)
    # ruleid: python.logging.personal-data user.contact.email
    record_action(g.user, "create_cert", certificate=certificate)
    # a certificate given where the user goes is no person
    # ok: python.logging.personal-data
    record_action(certificate, "update_cert", certificate=certificate)
    # the helper logs only the user's id
    # ok: python.logging.personal-data
    record_login(g.current_user, "login")
    # a function that logs on the side of its work: the log is where it logs
    # ok: python.logging.personal-data
    save_certificate(g.current_user, certificate)


class TestDatabaseCreation:
    """A helper given a whole dict that logs one key of it (Django's oracle backend logging
    `parameters["user"]` of a dict that also holds the password): a caller whose dict's keys are
    known logs what that key holds (scanner.engine.logkeys)."""

    def _test_db_params(self):
        return {"user": self._test_user(), "password": self._test_password()}

    def _test_user(self):
        return self.settings_dict["USER"]

    def _test_password(self):
        return self.settings_dict["PASSWORD"]

    def _report_existing_user(self, cursor, parameters):
        logger.info("The test user already exists.")
        if cursor is not None:
            logger.info("Test user %s already exists", parameters["user"])
            self._destroy_test_user(cursor, parameters)

    def _dump_parameters(self, cursor, parameters):
        logger.info("The test user already exists.")
        if cursor is not None:
            logger.info("Parameters: %s", parameters)
            self._destroy_test_user(cursor, parameters)

    def create_test_db(self, cursor, password, credentials):
        parameters = self._test_db_params()
        # the "user" key holds no personal data: the password beside it is not logged
        # ok: python.logging.personal-data
        self._report_existing_user(cursor, parameters)
        # ok: python.logging.personal-data
        self._report_existing_user(cursor, {"user": self._test_user(), "password": password})
        # a helper that logs the whole dict logs the password too
        # ruleid: python.logging.personal-data user.authorization.credentials
        self._dump_parameters(cursor, parameters)
        # a dict whose keys the caller does not know is logged whole, as before
        # ruleid: python.logging.personal-data user.authorization.credentials
        self._report_existing_user(cursor, credentials)


# A key read by `.get("k")` of what a library's function returned names what it holds, as the same
# key read by `["k"]` does (r2r's Clerk provider: `payload = self.verify_token(token, options)`, then
# `logger.debug(f"Creating new user: {payload.get('email')}")`). Not an HTTP client's `get(path)`,
# not the configuration, not a key that names nothing personal.
import os as _os
import httpx
import requests
from clerk_backend_api.jwks_helpers.verifytoken import verify_token


def clerk_claims(token, options):
    payload = verify_token(token, options)
    # ruleid: python.logging.personal-data user.contact.email
    logger.debug(f"Creating new user: {payload.get('email')}")
    # ok: python.logging.personal-data
    logger.debug("claims issued by %s", payload.get("iss"))


def fetched_profile(url):
    data = requests.get(url, timeout=5).json()
    # ruleid: python.logging.personal-data user.account.username
    logger.info("fetched the profile of %s", data.get("username"))
    client = httpx.Client()
    page = client.get("email")
    # ok: python.logging.personal-data
    logger.info("page %s", page)
    # ok: python.logging.personal-data
    logger.info("admin %s", _os.environ.get("ADMIN_EMAIL"))
    # ok: python.logging.personal-data
    logger.info("sender %s", current_app.config.get("MAIL_DEFAULT_SENDER"))


# A request's headers or WSGI environ written whole: the client's User-Agent, its cookies and the
# Authorization header (and, in the environ, `REMOTE_ADDR`): kinto's `logger.info("Error decoding
# QUERY_STRING: %s" % request.environ)`. A key read of them is that key's; an outgoing request a
# client builds is not the client's.
def decoding_error():
    # ruleid: python.logging.personal-data user.authorization.credentials,user.device,user.device.ip_address
    logger.info("Error decoding QUERY_STRING: %s" % request.environ)
    # ruleid: python.logging.personal-data user.authorization.credentials,user.device
    logger.debug(f"headers {request.headers}")
    # ok: python.logging.personal-data
    logger.debug("method %s", request.method)


def outgoing_headers(url):
    prepared = requests.Request("GET", url, headers={"Accept": "application/json"}).prepare()
    # ok: python.logging.personal-data
    logger.debug("sending %s", prepared.headers)


class GameCommand:
    """A game server's command (evennia's): the caller's session is the connection the command came
    in on, and its address is the client's IP, set when the client connected."""

    def func(self):
        caller = self.caller
        # ruleid: python.logging.personal-data user.device.ip_address
        logger.info(f"Password Changed: (Caller: {caller}, IP: {self.session.address}).")
        # ruleid: python.logging.personal-data user.device.ip_address
        logger.info("Channel Deleted: %s (IP: %s)." % (caller, self.session.session_address))
        # a handler of sessions is no session: its address is its own
        # ok: python.logging.personal-data
        logger.info("Listening on %s", self.session_handler.address)


# A logging wrapper of the module whose parameter is only its callers' text (logged whole or formatted,
# tested): its log call writes what each caller gives there (litellm's `print_verbose`, modoboa's
# `_dprint`), a log at the call and one there, as for a caller in another module. A wrapper that reads
# its parameter by key or attribute works with a record of its own (an event, a decoded token): a log
# at the call only.
def dprint(msg):
    # ruleid: python.logging.given-by-callers user.contact.email
    print(msg)


def log_realtime_event(event, direction):
    kind = event.get("type")
    # ok: python.logging.given-by-callers
    logger.debug("%s %s", direction, kind)
    if "error" in kind:
        # ok: python.logging.given-by-callers
        logger.debug(f"Error {event}")


def parse_line(user):
    # ruleid: python.print.personal-data user.contact.email
    dprint(f"[parser] inconsistent mail to {user.email}")
    # ruleid: python.logging.personal-data user.contact.email
    log_realtime_event({"type": "signup", "email": user.email}, "in")


# A report-and-stop helper (zou's CLI `fail`): it writes its caller's message and exits. An exit raises
# SystemExit, as a `raise` does, and is no work of its own: a logging wrapper, a log at each call that
# gives it personal data and at its own echo. One that does other work before it exits (a rollback)
# logs on the side of that work: a log at its own log call only.
def fail(message):
    # ruleid: python.logging.given-by-callers user.contact.email
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def abort_import(batch, reason):
    # ruleid: python.logging.personal-data user.contact.email
    logger.error(f"import stopped: {reason}")
    batch.rollback()
    sys.exit(1)


def create_admin(user, batch):
    # ruleid: python.print.personal-data user.contact.email
    fail(f"a user already exists for {user.email}")
    # ok: python.logging.personal-data
    abort_import(batch, f"bad row for {user.email}")


# A user an object keeps (openwisp-radius's `PhoneToken.user`, a foreign key to the user model, and
# its counters' `self.user = user`): written whole, it shows the login, as a logged `user` does. Not a
# property that reads a setting (Flask-AppBuilder's `auth_ldap_bind_user`) nor a user id.
class PhoneVerification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    attempts = models.IntegerField(default=0)

    def check_limit(self):
        if self.attempts > 3:
            # ruleid: python.logging.personal-data user.account.username
            logger.warning(f"The user {self.user} has reached the maximum daily SMS limit.")
        # ok: python.logging.personal-data
        logger.warning(f"Verification {self.pk} has expired")


class QuotaCounter:
    def __init__(self, user, group):
        self.user = user
        self.group = group
        self.logger = logging.getLogger(self.__module__)

    def __repr__(self):
        # the counter's string form shows the user it counts for
        return f"QuotaCounter(user={self.user}, group={self.group})"

    def check(self, remaining):
        # ruleid: python.logging.personal-data user.account.username
        self.logger.debug(f"{self} result: remaining={remaining}")


class DirectoryBinder:
    @property
    def bind_user(self):
        return current_app.config["AUTH_LDAP_BIND_USER"]

    def bind(self, con):
        # ok: python.logging.personal-data
        logger.debug("LDAP bind indirect TRY with username: '%s'", self.bind_user)


# A lazy translation formats as the text it will be (openwisp-radius's membership check:
# `_("The user {username} is not member of organization {organization}.").format(username=...)`,
# bound to a name and logged): the message carries the username.
def validate_membership(user, organization):
    message = lazy_translation(
        "The user {username} is not member of organization {organization}."
    ).format(username=user.username, organization=organization.name)
    # ruleid: python.logging.personal-data user.account.username
    logger.info(message)
    # ok: python.logging.personal-data
    logger.info(lazy_translation("Organization {name} has no members").format(name=organization.name))


# An exception whose constructor logs the message it is given (openwisp-radius's counters:
# `getattr(logger, level)(message)` in the base exception's `__init__`, a subclass passing its own
# `message` on through `super().__init__`): raising it with a person's data logs that data. A
# constructor that logs its parameter plainly is a logging wrapper (a log at the `raise` and one
# at its log call); one whose log method is chosen at run time logs on the side of its work (a log
# at its log call, naming the `raise`). Raised with the code's own text, or a class that only keeps
# its message, it logs nothing of a person.
class NoticedError(Exception):
    def __init__(self, message):
        # ruleid: python.logging.given-by-callers user.contact.email
        logger.warning(message)


class LevelledError(Exception):
    def __init__(self, message, level, logger):
        self.message = message
        # ruleid: python.logging.personal-data user.account.username
        getattr(logger, level)(message)


class QuotaExceeded(LevelledError):
    def __init__(self, message, level, logger, reply_message):
        super().__init__(message, level, logger)
        self.reply_message = reply_message


class KeptError(Exception):
    def __init__(self, message):
        self.message = message


def check_quota(user, counter, value):
    if counter >= value:
        # ok: python.logging.personal-data
        raise QuotaExceeded(message=f"Quota of {user.username} reached", level="info", logger=logger,
                            reply_message="Your maximum daily usage time has been reached")
    if counter < 0:
        # ok: python.logging.personal-data
        raise KeptError(f"Negative counter for {user.email}")
    if value == 0:
        # ok: python.logging.personal-data
        raise NoticedError("The quota is not set")
    # ruleid: python.logging.personal-data user.contact.email
    raise NoticedError(f"Quota of {user.email} not checked")
