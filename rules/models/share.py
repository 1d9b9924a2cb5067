"""Annotated examples for share.toml: personal data sent to third parties (`share`).

`# ruleid: RULE [CATEGORIES] [recipient=NAME]` says an observation of RULE (with exactly those
sorted categories, `-` for none, and that recipient, when given) must start on the next code
line; `# ok: RULE` says none may. `# todoruleid:` / `# todook:` record what the engine misses
or wrongly reports today. tests/test_rule_examples.py checks every annotation, and that every
observation in this file is annotated. The file is analysed, never run.
"""

from __future__ import annotations

import sys
import typing
import urllib.parse
import urllib.request

import aiohttp
import asyncio
import base64
import analytics
import anthropic
import boto3
import braintree
import bugsnag
import clearbit
import cohere
import deepl
import functools
import geoip2.webservice
import google.generativeai as genai
import googlemaps
import hashlib
import httpx
import ipdata
import ipinfo
import json
import keen
import litellm
import logging
import mailchimp_marketing
import newrelic.agent
import os
import ovh
import paypalrestsdk
import posthog
import pusher
import pymsteams
import replicate
import requests
import resend
import rollbar
import rudderstack.analytics as rudder_analytics
import sentry_sdk
import sib_api_v3_sdk
import stripe
import telebot
import voyageai
import websocket
import websockets
from e2b_code_interpreter import AsyncSandbox
from elevenlabs.client import ElevenLabs
from mailersend import EmailBuilder, MailerSendClient
from mailgun.client import Client as MailgunClient
from mailjet_rest import Client as MailjetClient
from langfuse import Langfuse, LangfuseSpan
from literalai import AsyncLiteralClient
from azure.ai.translation.text import TextTranslationClient
from google.cloud import translate_v3
from google.oauth2 import service_account
from pydantic import BaseModel, Field
from langsmith import Client as LangSmithClient
from langsmith.run_helpers import trace as langsmith_trace
from langsmith.run_trees import RunTree
from amplitude import Amplitude, BaseEvent
from closeio_api import Client as CloseClient
from brevo import Brevo
from customerio import CustomerIO
from ddtrace import tracer
from django.conf import settings
from discord_webhook import DiscordWebhook
from exponent_server_sdk import PushClient, PushMessage
from facebook_business.adobjects.serverside.event import Event
from fireworks import Fireworks
from geopy.geocoders import Nominatim
from facebook_business.adobjects.serverside.event_request import EventRequest
from facebook_business.adobjects.serverside.user_data import UserData
from google import genai as google_genai
from groq import AsyncGroq
from heapapp import HeapAPIClient
from honeybadger import honeybadger
from hubspot import HubSpot
from huggingface_hub import InferenceClient
from huggingface_hub.utils import send_telemetry
from hubspot.crm.contacts import SimplePublicObjectInputForCreate
from intercom.client import Client as IntercomClient
from june import analytics as june_analytics
from klaviyo_api import KlaviyoAPI
from langchain_anthropic import ChatAnthropic
from langchain_aws import ChatBedrockConverse
from langchain_cohere import ChatCohere
from langchain_google_genai import ChatGoogleGenerativeAI
from langchain_google_vertexai import ChatVertexAI
from langchain_groq import ChatGroq
from langchain_mistralai import ChatMistralAI
from langchain_openai import ChatOpenAI
from mistralai import Mistral
from tavily import TavilyClient
from unstructured_client import UnstructuredClient
from mixpanel import Mixpanel
from notion_client import Client as NotionClient
from openai import AsyncOpenAI, OpenAI
from opencage.geocoder import OpenCageGeocode
from opentelemetry import trace
from postmarker.core import PostmarkClient
from pyairtable import Api as AirtableApi
from pyhunter import PyHunter
from flask import request as incoming
from googleapiclient.discovery import build as google_build
from scholarly import scholarly
from segment import analytics as segment_analytics
from slack_bolt import App as SlackApp
from slack_sdk import WebClient, WebhookClient
from sentry_sdk.integrations.django import _set_user_info
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Mail
from simple_salesforce import Salesforce
from sparkpost import SparkPost
from snowplow_tracker import Emitter, Tracker
from stripe import StripeClient
from telegram import Bot as TelegramBot
from together import Together
from twilio.rest import Client as TwilioClient
from zenpy import Zenpy
from zenpy.lib.api_objects import Ticket, User
from vertexai.generative_models import GenerativeModel as VertexGenerativeModel

from .internal import analytics as internal_analytics

analytics.write_key = settings.SEGMENT_WRITE_KEY
openai_client = OpenAI()
mixpanel = Mixpanel(settings.MIXPANEL_TOKEN)
GA_ENDPOINT = "https://www.google-analytics.com/mp/collect"
VOICE_SETTINGS = {}


# --- analytics --------------------------------------------------------------------------------

def segment_signup(user):
    # ruleid: python.share.segment user.behavior,user.unique_id recipient=Segment
    analytics.track(user.id, "Signed Up", {"plan": user.plan})
    # ruleid: python.share.segment user.contact.email,user.name,user.unique_id recipient=Segment
    analytics.identify(user_id=str(user.id), traits={"email": user.email, "name": user.full_name})
    # ruleid: python.share.segment user.behavior,user.device.cookie_id recipient=Segment
    segment_analytics.page(anonymous_id=user.anonymous_id, name="Pricing")
    # ruleid: python.share.rudderstack user.behavior,user.unique_id recipient=RudderStack
    rudder_analytics.track(user.id, "Order Completed", {"total": 42})
    # ruleid: python.share.rudderstack user.contact.phone_number,user.unique_id recipient=RudderStack
    rudder_analytics.identify(user.id, {"phone": user.phone})


def track(event, **properties):
    """The project's own `track`: not an SDK."""
    return internal_analytics.track(event, properties)


def local_tracking(user):
    # ok: python.share.segment
    track("signed_up", email=user.email)
    # ok: python.share.segment
    internal_analytics.track("signed_up", {"email": user.email})


def mixpanel_checkout(user, cart):
    # ruleid: python.share.mixpanel user.behavior,user.unique_id recipient=Mixpanel
    mixpanel.track(user.id, "Checkout", {"items": len(cart.items)})
    # ruleid: python.share.mixpanel user.contact.email,user.contact.phone_number,user.unique_id recipient=Mixpanel
    mixpanel.people_set(user.id, {"$email": user.email, "$phone": user.phone})


class ProductAnalytics:
    """PostHog through a client made in __init__, and through the module."""

    def __init__(self):
        self.posthog = posthog.Posthog(settings.POSTHOG_API_KEY, host="https://eu.i.posthog.com")

    def signed_up(self, user):
        # posthog < 6: capture(distinct_id, event, properties)
        # ruleid: python.share.posthog user.behavior,user.unique_id recipient=PostHog
        posthog.capture(user.id, "signed_up", {"plan": user.plan})
        # posthog 6.x: capture(event, distinct_id=..., properties=...)
        # ruleid: python.share.posthog user.behavior,user.unique_id recipient=PostHog
        self.posthog.capture("signed_up", distinct_id=user.id, properties={"plan": user.plan})
        # ruleid: python.share.posthog user.contact.email,user.unique_id recipient=PostHog
        self.posthog.identify(user.id, {"email": user.email})


def amplitude_events(user):
    client = Amplitude(settings.AMPLITUDE_API_KEY)
    # ruleid: python.share.amplitude user.behavior,user.unique_id recipient=Amplitude
    # (wrong categories: the event is built by a class call, BaseEvent(...), whose arguments are
    # dropped, so only the implied user.behavior is reported)
    client.track(BaseEvent(event_type="Song Played", user_id=user.id, event_properties={"genre": "jazz"}))
    event = {"event_type": "Signed Up", "user_id": user.id}
    # ruleid: python.share.amplitude user.behavior,user.unique_id recipient=Amplitude
    client.track(event)


def snowplow_page_view(page_url, referrer_url):
    tracker = Tracker(namespace="web", emitters=Emitter("collector.example.com"))
    # ruleid: python.share.snowplow user.behavior,user.behavior.browsing_history recipient=Snowplow
    tracker.track_page_view(page_url, referrer_url)


def heap_and_klaviyo(user):
    heap = HeapAPIClient(settings.HEAP_APP_ID)
    # ruleid: python.share.heap user.behavior,user.contact.email recipient=Heap
    heap.track(identity=user.email, event="Signed Up")
    klaviyo = KlaviyoAPI(settings.KLAVIYO_API_KEY, max_delay=60)
    # ruleid: python.share.klaviyo user.contact.email,user.contact.phone_number recipient=Klaviyo
    klaviyo.Profiles.create_profile(
        {"data": {"type": "profile", "attributes": {"email": user.email, "phone_number": user.phone}}}
    )


def customerio_identify(user):
    cio = CustomerIO(settings.CUSTOMERIO_SITE_ID, settings.CUSTOMERIO_API_KEY)
    # ruleid: python.share.customerio user.contact.email,user.unique_id recipient=Customer.io
    cio.identify(id=user.id, email=user.email, plan=user.plan)


def facebook_conversion(user, client_ip, user_agent):
    # ruleid: python.share.facebook-capi user.contact.email,user.device,user.device.ip_address recipient="Facebook Conversions API"
    user_data = UserData(emails=[user.email], client_ip_address=client_ip, client_user_agent=user_agent)
    event = Event(event_name="Purchase", user_data=user_data)
    # todoruleid: python.share.facebook-capi user.contact.email,user.device,user.device.ip_address recipient="Facebook Conversions API"
    # (missed: the user data reaches execute() through Event(...) and EventRequest(...), class calls
    # whose arguments are dropped; the UserData line above is reported instead)
    EventRequest(events=[event], pixel_id=settings.FB_PIXEL_ID).execute()


# --- error reporting and telemetry --------------------------------------------------------------

def init_sentry():
    # ruleid: python.share.sentry-default-pii user.content,user.device.ip_address,user.unique_id recipient=Sentry
    sentry_sdk.init(dsn=settings.SENTRY_DSN, traces_sample_rate=0.1, send_default_pii=True)
    # ok: python.share.sentry-default-pii
    sentry_sdk.init(dsn=settings.SENTRY_DSN, send_default_pii=False)


def sentry_user_context(user, exc):
    # ruleid: python.share.sentry-user user.contact.email,user.unique_id recipient=Sentry
    sentry_sdk.set_user({"id": user.id, "email": user.email})
    # ruleid: python.share.sentry-user user.unique_id recipient=Sentry
    sentry_sdk.get_isolation_scope().set_user({"id": user.id})
    # ok: python.share.sentry-user
    sentry_sdk.set_user(None)
    # ruleid: python.share.sentry-event user.contact.email recipient=Sentry
    sentry_sdk.capture_message(f"payment failed for {user.email}", level="warning")
    # ruleid: python.share.sentry-event user.contact.phone_number recipient=Sentry
    sentry_sdk.set_context("customer", {"phone": user.phone})
    # an event sent where the project turns on send_default_pii (init_sentry above; another module's
    # init counts too): Sentry attaches the user and the request, whatever the call is given
    # ruleid: python.share.sentry-event user.contact.email,user.device.ip_address,user.unique_id recipient=Sentry
    sentry_sdk.capture_exception(exc)
    # given nothing, the capture still sends the current exception with the user and the request
    # ruleid: python.share.sentry-event user.contact.email,user.device.ip_address,user.unique_id recipient=Sentry
    sentry_sdk.capture_exception()
    # ok: python.share.sentry-event
    sentry_sdk.set_tag("plan", "pro")


# An event processor registered with Sentry edits every event before it is sent: a write of a
# person's data into the event is a share, located at the write (share.toml says why).
def _add_user_to_event(event, hint):
    user = get_current_user()
    if user is not None:
        # ruleid: python.share.sentry-event-processor user.contact.email,user.unique_id recipient=Sentry
        event["user"] = {"id": user.pk, "email": user.email}
    return event


def _scrub_event(event, hint):
    # ok: python.share.sentry-event-processor
    event.setdefault("user", {})["email"] = "[Filtered]"
    if "request" in event:
        # (a scrubber: deleting and filtering keys sends nothing more)
        event["request"].pop("cookies", None)
    return event


def _attach_request_body(request, event):
    # ruleid: python.share.sentry-event-processor user.content recipient=Sentry
    event.setdefault("request", {})["data"] = request.body
    # ruleid: python.share.sentry-event-processor user.contact.email recipient=Sentry
    event["user"]["email"] = request.user.email


def _add_account_to_event(event, hint):
    user_info = event.setdefault("user", {})
    # todoruleid: python.share.sentry-event-processor user.contact.email recipient=Sentry
    # (missed: the write goes through a name bound to part of the event, not through the event)
    user_info["email"] = get_current_user().email
    return event


def _make_event_processor(request):
    def event_processor(event, hint):
        # the helper is given the event: its writes are the processor's
        _attach_request_body(request, event)
        # ruleid: python.share.sentry-user-info user.account.username,user.contact.email,user.unique_id recipient=Sentry
        _set_user_info(request, event)
        return event

    return event_processor


def _fill_payload(payload, user):
    # ok: python.share.sentry-event-processor
    # (not registered with Sentry, nor given a processor's event: a dict of the application's)
    payload["user"] = {"id": user.pk, "email": user.email}


def register_sentry_processors(request):
    sentry_sdk.init(dsn=settings.SENTRY_DSN, before_send=_add_user_to_event, before_send_transaction=_scrub_event)
    sentry_sdk.add_event_processor(_add_account_to_event)
    with sentry_sdk.configure_scope() as scope:
        scope.add_event_processor(_make_event_processor(request))


def error_trackers(user, exc):
    # ruleid: python.share.rollbar user.contact.email recipient=Rollbar
    rollbar.report_message(f"signup failed for {user.email}", "warning")
    # ruleid: python.share.rollbar user.contact.email recipient=Rollbar
    rollbar.report_exc_info(sys.exc_info(), extra_data={"email": user.email})
    # ok: python.share.rollbar
    rollbar.report_exc_info(sys.exc_info())
    # ruleid: python.share.bugsnag user.contact.email,user.unique_id recipient=Bugsnag
    bugsnag.notify(exc, user={"id": user.id, "email": user.email})
    # ok: python.share.bugsnag
    bugsnag.notify(exc)
    # ruleid: python.share.honeybadger user.contact.email recipient=Honeybadger
    honeybadger.notify(exc, context={"user_email": user.email})


def apm_attributes(user):
    span = tracer.current_span()
    # ruleid: python.share.datadog user.contact.email recipient=Datadog
    span.set_tag("usr.email", user.email)
    # ok: python.share.datadog
    span.set_tag("checkout.step", "payment")
    # ruleid: python.share.newrelic user.contact.email recipient="New Relic"
    newrelic.agent.add_custom_attribute("user_email", user.email)
    # ruleid: python.share.newrelic user.unique_id recipient="New Relic"
    newrelic.agent.set_user_id(user.id)
    current = trace.get_current_span()
    # ruleid: python.share.opentelemetry user.unique_id recipient="OpenTelemetry exporter"
    current.set_attribute("enduser.id", user.id)
    # ok: python.share.opentelemetry
    current.set_attribute("http.route", "/checkout")


# --- marketing, support, email and messaging ----------------------------------------------------

def crm_sync(user):
    intercom = IntercomClient(personal_access_token=settings.INTERCOM_TOKEN)
    # ruleid: python.share.intercom user.contact.email,user.name recipient=Intercom
    intercom.users.create(email=user.email, name=user.full_name)
    hubspot = HubSpot(access_token=settings.HUBSPOT_TOKEN)
    # ruleid: python.share.hubspot user.contact.email,user.name.first recipient=HubSpot
    # (wrong categories: the properties are wrapped in a class call, whose arguments are dropped)
    hubspot.crm.contacts.basic_api.create(
        simple_public_object_input_for_create=SimplePublicObjectInputForCreate(
            properties={"email": user.email, "firstname": user.first_name}
        )
    )
    # the generated client serialises plain dicts as well as its model classes
    # ruleid: python.share.hubspot user.contact.phone_number recipient=HubSpot
    hubspot.crm.contacts.basic_api.update(user.hubspot_id, simple_public_object_input={"properties": {"phone": user.phone}})
    mailchimp = mailchimp_marketing.Client()
    mailchimp.set_config({"api_key": settings.MAILCHIMP_KEY, "server": "us1"})
    # ruleid: python.share.mailchimp user.contact.email recipient=Mailchimp
    mailchimp.lists.add_list_member(settings.MAILCHIMP_LIST_ID, {"email_address": user.email, "status": "subscribed"})


def transactional_messages(user, code):
    message = Mail(from_email="no-reply@example.com", to_emails=user.email, subject="Welcome", html_content="<p>Hi</p>")
    sendgrid = SendGridAPIClient(settings.SENDGRID_API_KEY)
    # an email goes to an address, whatever the message object shows of it
    # ruleid: python.share.sendgrid user.contact.email recipient=SendGrid
    sendgrid.send(message)
    payload = {
        "personalizations": [{"to": [{"email": user.email}]}],
        "from": {"email": "no-reply@example.com"},
        "subject": "Your receipt",
        "content": [{"type": "text/plain", "value": "Thank you"}],
    }
    # send() takes the v3 payload as a dict as well as a Mail
    # ruleid: python.share.sendgrid user.contact.email recipient=SendGrid
    sendgrid.send(payload)
    # todoruleid: python.share.sendgrid user.contact.email recipient=SendGrid
    # (wrong categories: the keyword's name `request_body` is read as user.content, though it is
    # SendGrid's name for the whole payload, which holds only an address and constants)
    sendgrid.client.mail.send.post(request_body=payload)
    postmark = PostmarkClient(server_token=settings.POSTMARK_TOKEN)
    # ruleid: python.share.postmark user.contact.email recipient=Postmark
    postmark.emails.send(From="no-reply@example.com", To=user.email, Subject="Receipt", HtmlBody="<p>Thanks</p>")
    twilio = TwilioClient(settings.TWILIO_SID, settings.TWILIO_TOKEN)
    # ruleid: python.share.twilio user.contact.phone_number recipient=Twilio
    twilio.messages.create(to=user.phone_number, from_=settings.TWILIO_FROM, body=f"Your code is {code}")
    # ruleid: python.share.twilio user.contact.phone_number recipient=Twilio
    twilio.verify.v2.services(settings.TWILIO_VERIFY_SID).verifications.create(to=str(user.phone_number), channel="sms")
    # the check sends the code the person typed back, a credential whatever its variable is called
    # ruleid: python.share.twilio user.authorization.credentials,user.contact.phone_number recipient=Twilio
    check = twilio.verify.v2.services(settings.TWILIO_VERIFY_SID).verification_checks.create(
        to=str(user.phone_number), code=code
    )
    ses = boto3.client("ses", region_name="eu-west-1")
    # ruleid: python.share.aws-ses user.contact.email recipient="AWS SES"
    ses.send_email(
        Source="no-reply@example.com",
        Destination={"ToAddresses": [user.email]},
        Message={"Subject": {"Data": "Welcome"}, "Body": {"Text": {"Data": "Hello"}}},
    )


# Email APIs: a message or a contact goes to the provider with the person's address.

def send_magic_link(email, link):
    params: resend.Emails.SendParams = {
        "from": settings.DEFAULT_FROM_EMAIL,
        "to": [email],
        "subject": "Your sign-in link",
        "html": f"<a href='{link}'>Sign in</a>",
    }
    # ruleid: python.share.resend user.contact.email recipient=Resend
    resend.Emails.send(params)


async def resend_notifications(user, recipients):
    # the addresses are not visible here, but an email always goes to one
    # ruleid: python.share.resend user.contact.email recipient=Resend
    await resend.Emails.send_async({"from": "noreply@example.com", "to": recipients, "subject": "Digest", "html": "<p>New posts</p>"})
    # ruleid: python.share.resend user.contact.email,user.name.first recipient=Resend
    resend.Contacts.create({"audience_id": settings.RESEND_AUDIENCE, "email": user.email, "first_name": user.first_name})
    # a report to the team's own address, written in the code: nothing of a user's
    # ok: python.share.resend
    resend.Emails.send({"from": "noreply@example.com", "to": ["ops@example.com"], "subject": "Nightly export", "html": "<p>Done</p>"})
    # ruleid: python.share.resend user.contact.email recipient=Resend
    resend.Contacts.update({"email": user.email, "audience_id": settings.RESEND_AUDIENCE, "unsubscribed": True})
    # only Resend's own id of the contact and a flag
    # ok: python.share.resend
    resend.Contacts.update({"id": user.newsletter.resend_id, "audience_id": settings.RESEND_AUDIENCE, "unsubscribed": True})
    # ok: python.share.resend
    resend.Emails.get(user.last_email_id)


def _mailgun():
    return MailgunClient(auth=("api", settings.MAILGUN_API_KEY))


def mailgun_welcome(user):
    data = {"from": settings.DEFAULT_FROM_EMAIL, "to": user.email, "subject": "Welcome", "text": "Thanks for joining"}
    # ruleid: python.share.mailgun user.contact.email recipient=Mailgun
    _mailgun().messages.create(domain=settings.MAILGUN_DOMAIN, data=data)


def mailgun_http(to, subject, text):
    # the address is in a parameter whose name says nothing; the API is an email API
    # ruleid: python.share.http-known-host user.contact.email recipient=Mailgun
    return requests.post(
        f"https://api.eu.mailgun.net/v3/{settings.MAILGUN_DOMAIN}/messages",
        auth=("api", settings.MAILGUN_API_KEY),
        data={"from": settings.DEFAULT_FROM_EMAIL, "to": [to], "subject": subject, "text": text},
        timeout=10,
    )


def gravatar_image(user, size, lastmod=None):
    digest = hashlib.md5(user.email.lower().encode()).hexdigest()
    headers = {"If-Modified-Since": lastmod} if lastmod is not None else {}
    # the path is the hash of the address: Gravatar knows whose picture it serves
    # ruleid: python.share.http-known-host user.contact.email recipient=Gravatar
    return requests.get(f"https://www.gravatar.com/avatar/{digest}", params={"s": str(size)}, headers=headers)


def gravatar_url_for(member):
    # a digest named for the address it digests is still that address to Gravatar
    email_hash = hashlib.md5(member.email.strip().lower().encode("utf-8")).hexdigest()
    # ruleid: python.share.http-known-host user.contact.email recipient=Gravatar
    return requests.get(f"https://www.gravatar.com/avatar/{email_hash}?d=404", timeout=5)


def gravatar_cache(user):
    # pretalx's task: the digest is a property of the user model, computed in another module; the
    # path Gravatar keys by the address still holds it
    # ruleid: python.share.http-known-host user.contact.email recipient=Gravatar
    return requests.get(f"https://www.gravatar.com/avatar/{user.gravatar_parameter}?s=512", timeout=10)


def gravatar_default():
    # the default picture, named by no address
    # ok: python.share.http-known-host
    return requests.get("https://www.gravatar.com/avatar/?d=mp&f=y")


def gravatar_site_status():
    # ok: python.share.http-known-host
    return requests.get("https://en.gravatar.com/site/check/")


def mailgun_domains():
    # ok: python.share.http-known-host
    return requests.get("https://api.mailgun.net/v3/domains", auth=("api", settings.MAILGUN_API_KEY))


def brevo_transactional(user, code):
    configuration = sib_api_v3_sdk.Configuration()
    configuration.api_key["api-key"] = settings.BREVO_API_KEY
    api = sib_api_v3_sdk.TransactionalEmailsApi(sib_api_v3_sdk.ApiClient(configuration))
    message = sib_api_v3_sdk.SendSmtpEmail(to=[{"email": user.email}], template_id=3, params={"code": code})
    # ruleid: python.share.brevo user.contact.email recipient=Brevo
    api.send_transac_email(message)
    contacts = sib_api_v3_sdk.ContactsApi(sib_api_v3_sdk.ApiClient(configuration))
    # ruleid: python.share.brevo user.contact.email recipient=Brevo
    contacts.create_contact(sib_api_v3_sdk.CreateContact(email=user.email, list_ids=[2]))
    client = Brevo(api_key=settings.BREVO_API_KEY)
    # ruleid: python.share.brevo user.contact.email,user.name recipient=Brevo
    client.transactional_emails.send_transac_email(to=[{"email": user.email, "name": user.full_name}], template_id=3)
    # ruleid: python.share.http-known-host user.contact.email,user.name.first recipient=Brevo
    requests.post("https://api.brevo.com/v3/contacts", headers={"api-key": settings.BREVO_API_KEY},
                  json={"email": user.email, "attributes": {"FIRSTNAME": user.first_name}})


def mailjet_send(user, subject, html):
    mailjet = MailjetClient(auth=(settings.MAILJET_API_KEY, settings.MAILJET_API_SECRET), version="v3.1")
    data = {"Messages": [{"From": {"Email": "noreply@example.com"}, "To": [{"Email": user.email}], "Subject": subject, "HTMLPart": html}]}
    # ruleid: python.share.mailjet user.contact.email recipient=Mailjet
    result = mailjet.send.create(data=data)
    # ruleid: python.share.mailjet user.contact.email,user.name recipient=Mailjet
    mailjet.contact.create(data={"Email": user.email, "Name": user.full_name})
    return result.status_code


def other_email_apis(user, recipients):
    sparky = SparkPost(settings.SPARKPOST_API_KEY)
    # ruleid: python.share.sparkpost user.contact.email recipient=SparkPost
    sparky.transmissions.send(recipients=recipients, template="welcome", from_email="noreply@example.com")
    mailer = MailerSendClient(api_key=settings.MAILERSEND_API_KEY)
    email = EmailBuilder().from_email("noreply@example.com").to_many([{"email": user.email}]).subject("Hi").build()
    # ruleid: python.share.mailersend user.contact.email recipient=MailerSend
    mailer.emails.send(email)
    # ruleid: python.share.http-known-host user.contact.email recipient=Loops
    requests.post("https://app.loops.so/api/v1/contacts/create", headers={"Authorization": f"Bearer {settings.LOOPS_KEY}"},
                  json={"email": user.email, "source": "signup"})
    sesv2 = boto3.client("sesv2")
    # ruleid: python.share.aws-ses user.contact.email recipient="AWS SES"
    sesv2.create_contact(ContactListName="newsletter", EmailAddress=user.email)


# --- chat, messaging and push -------------------------------------------------------------------

def _slack() -> WebClient:
    return WebClient(token=settings.SLACK_BOT_TOKEN)


def notify_signup(user, plan):
    # ruleid: python.share.slack user.contact.email recipient=Slack
    _slack().chat_postMessage(channel=settings.SLACK_CHANNEL, text=f"New signup: {user.email} ({plan})")
    # a message with nothing of a person's in it
    # ok: python.share.slack
    _slack().chat_postMessage(channel=settings.SLACK_CHANNEL, text=f"Nightly export finished: {plan}")
    # ruleid: python.share.slack user.contact.email recipient=Slack
    member = _slack().users_lookupByEmail(email=user.email)
    webhook = WebhookClient(settings.SLACK_WEBHOOK_URL)
    # ruleid: python.share.slack user.contact.phone_number recipient=Slack
    webhook.send(text="Callback requested", blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": user.phone}}])
    return member


app = SlackApp(token=settings.SLACK_BOT_TOKEN, signing_secret=settings.SLACK_SIGNING_SECRET)


def escalate(ticket):
    # a Bolt app's client is Slack's WebClient
    # ruleid: python.share.slack user.contact.email recipient=Slack
    app.client.chat_postMessage(channel=settings.SLACK_SUPPORT_CHANNEL, text=f"Escalated: {ticket.customer_email}")


def report_abuse(report):
    payload = {"text": f"Report from {report.reporter.email}: {report.reason}"}
    # ruleid: python.share.http-known-host user.contact.email,user.content recipient=Slack
    requests.post("https://slack.com/api/chat.postMessage", headers={"Authorization": f"Bearer {settings.SLACK_BOT_TOKEN}"},
                  json={"channel": settings.SLACK_CHANNEL, **payload})
    # the webhook's URL is configuration
    # ok: python.share.http-known-host
    requests.post(settings.SLACK_WEBHOOK_URL, json=payload)


def discord_and_teams(user, stats):
    # ruleid: python.share.discord user.account.username recipient=Discord
    hook = DiscordWebhook(url=settings.DISCORD_WEBHOOK_URL, content=f"{user.username} just subscribed")
    hook.execute()
    # ok: python.share.discord
    DiscordWebhook(url=settings.DISCORD_WEBHOOK_URL, content=f"{stats.count} new orders today").execute()
    card = pymsteams.connectorcard(settings.TEAMS_WEBHOOK_URL)
    # ruleid: python.share.teams user.contact.email recipient="Microsoft Teams"
    card.text(f"Refund requested by {user.email}")
    card.send()


TELEGRAM_API = f"https://api.telegram.org/bot{os.environ['TELEGRAM_BOT_TOKEN']}"


def telegram_alert(chat_id, user):
    # ruleid: python.share.http-known-host user.contact.phone_number recipient=Telegram
    requests.post(f"{TELEGRAM_API}/sendMessage", json={"chat_id": chat_id, "text": f"Call back {user.phone}"})
    # ok: python.share.http-known-host
    requests.get(f"{TELEGRAM_API}/getMe", timeout=5)


def telegram_check(bot_token):
    # todook: python.share.http-known-host
    # (the bot's own token, in the URL's path as Telegram wants it, is read as a user's credential)
    requests.get(f"https://api.telegram.org/bot{bot_token}/getMe", timeout=5)


bot = telebot.TeleBot(settings.TELEGRAM_TOKEN)


async def telegram_bots(update_chat_id, user):
    application_bot = TelegramBot(settings.TELEGRAM_TOKEN)
    # ruleid: python.share.telegram user.contact.email recipient=Telegram
    await application_bot.send_message(chat_id=update_chat_id, text=f"Your receipt was sent to {user.email}")
    # ruleid: python.share.telegram user.location.precise recipient=Telegram
    bot.send_location(update_chat_id, latitude=user.latitude, longitude=user.longitude)
    # ok: python.share.telegram
    bot.send_message(update_chat_id, "Welcome! Type /help to begin.")


def push_notifications(user, tokens, order):
    # ruleid: python.share.expo-push user.device.device_id recipient=Expo
    PushClient().publish(PushMessage(to=user.expo_push_token, title="Order shipped", body=f"Order {order.id} is on its way"))
    # ruleid: python.share.http-known-host user.device.device_id recipient=Expo
    requests.post("https://exp.host/--/api/v2/push/send", json=[{"to": push_token, "body": "Your order shipped"} for push_token in tokens])
    # ruleid: python.share.http-known-host user.unique_id recipient=OneSignal
    requests.post("https://api.onesignal.com/notifications", headers={"Authorization": f"Key {settings.ONESIGNAL_KEY}"},
                  json={"app_id": settings.ONESIGNAL_APP_ID, "include_aliases": {"external_id": [str(user.id)]}, "contents": {"en": "Shipped"}})
    pusher_client = pusher.Pusher(app_id=settings.PUSHER_APP_ID, key=settings.PUSHER_KEY, secret=settings.PUSHER_SECRET, cluster="eu")
    # ruleid: python.share.pusher user.contact.email,user.unique_id recipient=Pusher
    pusher_client.trigger(f"private-user-{user.id}", "profile-updated", {"email": user.email})
    # ok: python.share.pusher
    pusher_client.trigger("orders", "count", {"count": order.count})


# --- IP geolocation, enrichment and geocoding -------------------------------------------------------

def _client_ip(request):
    # ruleid: python.request.client-ip user.device.ip_address
    return request.headers.get("X-Forwarded-For", request.remote_addr).split(",")[0].strip()


def geolocate_visitor(request):
    ip = _client_ip(request)
    handler = ipinfo.getHandler(settings.IPINFO_TOKEN)
    # the lookup sends the address to IPinfo and derives a location from its answer
    # ruleid: python.share.ip-geolocation user.device.ip_address recipient=IPinfo
    # ruleid: python.geoip.lookup user.location
    details = handler.getDetails(ip)
    # the server's own address: nothing of a visitor's is sent
    # ok: python.share.ip-geolocation
    handler.getDetails()
    # ruleid: python.share.http-known-host user.device.ip_address recipient=ip-api
    geo = requests.get(f"http://ip-api.com/json/{ip}?fields=country,city", timeout=3).json()
    # ruleid: python.share.http-known-host user.device.ip_address recipient=ipapi
    requests.get(f"https://ipapi.co/{ip}/json/", timeout=3)
    # ruleid: python.share.http-known-host user.device.ip_address recipient=ipgeolocation.io
    requests.get("https://api.ipgeolocation.io/ipgeo", params={"apiKey": settings.IPGEO_KEY, "ip": ip})
    # ok: python.share.http-known-host
    requests.get("https://ipinfo.io/json", timeout=3)
    return details.city, geo


def maxmind_and_ipdata(client_ip):
    client = geoip2.webservice.Client(settings.MAXMIND_ACCOUNT_ID, settings.MAXMIND_LICENSE_KEY)
    # a lookup that sends the address to MaxMind and derives a location from its answer
    # ruleid: python.share.ip-geolocation user.device.ip_address recipient=MaxMind
    # ruleid: python.geoip.lookup user.location
    response = client.city(client_ip)
    # ruleid: python.share.ip-geolocation user.device.ip_address recipient=ipdata
    ipdata.lookup(client_ip, fields=["country_name", "threat"])
    return response.country.iso_code


def enrich_signup(user):
    # ruleid: python.share.clearbit user.contact.email recipient=Clearbit
    person = clearbit.Enrichment.find(email=user.email, stream=True)
    hunter = PyHunter(settings.HUNTER_API_KEY)
    # ruleid: python.share.hunter user.contact.email recipient=Hunter
    verdict = hunter.email_verifier(user.email)
    # ruleid: python.share.hunter user.name.first,user.name.last recipient=Hunter
    hunter.email_finder(domain=user.company_domain, first_name=user.first_name, last_name=user.last_name)
    # a company's domain alone is not a person
    # ok: python.share.hunter
    hunter.email_finder(domain=user.company_domain)
    # ruleid: python.share.http-known-host user.contact.email recipient="Abstract API"
    requests.get("https://emailvalidation.abstractapi.com/v1/", params={"api_key": settings.ABSTRACT_KEY, "email": user.email})
    return person, verdict


def geocode_shipping(order, address):
    gmaps = googlemaps.Client(key=settings.GOOGLE_MAPS_KEY)
    # an address whose name says nothing is still what the geocoder is sent
    # ruleid: python.share.google-maps - recipient="Google Maps"
    result = gmaps.geocode(address)
    # ruleid: python.share.google-maps user.location.precise recipient="Google Maps"
    gmaps.reverse_geocode((order.latitude, order.longitude))
    # a fixed place written in the code
    # ok: python.share.google-maps
    gmaps.geocode("1600 Amphitheatre Parkway, Mountain View, CA")
    # ruleid: python.share.http-known-host user.contact.address.postal_code recipient="Google Maps"
    requests.get("https://maps.googleapis.com/maps/api/geocode/json", params={"address": address, "components": f"postal_code:{order.zip_code}", "key": settings.GOOGLE_MAPS_KEY})
    # a static map image of the warehouse: not a geocoding request
    # ok: python.share.http-known-host
    requests.get(f"https://maps.googleapis.com/maps/api/staticmap?center={settings.WAREHOUSE}&zoom=13&key={settings.GOOGLE_MAPS_KEY}")
    return result


def geocode_with_geopy(address_line, position):
    geolocator = Nominatim(user_agent="shop-backend")
    # ruleid: python.share.geocoder user.contact.address.street recipient="OpenStreetMap Nominatim"
    location = geolocator.geocode(address_line)
    geocoder = OpenCageGeocode(settings.OPENCAGE_KEY)
    # ruleid: python.share.geocoder user.location.precise recipient=OpenCage
    geocoder.reverse_geocode(position.lat, position.lng)
    # ruleid: python.share.http-known-host user.contact.address.street recipient=Mapbox
    requests.get(f"https://api.mapbox.com/geocoding/v5/mapbox.places/{address_line}.json", params={"access_token": settings.MAPBOX_TOKEN})
    return location


class WorkoutWeather:
    """A weather client given the place of a person's workout: its coordinates are what it sends."""

    def __init__(self, api_key):
        self.api_key = api_key
        self.base_url = "https://weather.visualcrossing.com/VisualCrossingWebServices/rest/services"
        self.params = {"key": api_key, "unitGroup": "metric", "include": "current"}

    def at_point(self, latitude, longitude, timestamp):
        url = f"{self.base_url}/timeline/{latitude},{longitude}/{timestamp}"
        # ruleid: python.share.http-known-host user.location.precise recipient="Visual Crossing"
        r = requests.get(url, params=self.params, timeout=10)
        return r.json()["currentConditions"]

    def head_office(self):
        # a forecast for a fixed city written in the code: nothing of a person's is sent
        # ok: python.share.http-known-host
        r = requests.get(f"{self.base_url}/timeline/London", params=self.params, timeout=10)
        return r.json()


def owm_current(point):
    # ruleid: python.share.http-known-host user.location.precise recipient=OpenWeatherMap
    return httpx.get("https://api.openweathermap.org/data/2.5/weather", params={"lat": point.latitude, "lon": point.longitude, "appid": settings.OWM_KEY})


# --- spam checks ------------------------------------------------------------------------------------

def text_is_spam(text, request):
    from akismet import Akismet

    ak = Akismet(blog_url=f"http://{settings.SITE_DOMAIN}/", key=settings.AKISMET_API_KEY)
    # ok: python.share.akismet
    if ak.verify_key():
        ak_data = {
            # ruleid: python.request.client-ip user.device.ip_address
            "user_ip": request.META.get("REMOTE_ADDR", "127.0.0.1"),
            # ruleid: python.request.header user.device
            "user_agent": request.headers.get("User-Agent", ""),
            "comment_type": "comment",
        }
        # ruleid: python.share.akismet user.content,user.device,user.device.ip_address recipient=Akismet
        return ak.comment_check(smart_str(text), data=ak_data)
    return False


def report_ham(comment):
    import akismet

    client = akismet.SyncClient.validated_client()
    # ruleid: python.share.akismet user.content,user.device.ip_address recipient=Akismet
    client.submit_ham(comment.ip_address, comment_content=comment.body, comment_type="comment")


# --- support, CRM and product tools ---------------------------------------------------------------

def open_support_ticket(user, subject, message):
    zendesk = Zenpy(subdomain=settings.ZENDESK_SUBDOMAIN, email=settings.ZENDESK_EMAIL, token=settings.ZENDESK_TOKEN)
    # ruleid: python.share.zendesk user.contact.email,user.name recipient=Zendesk
    zendesk.tickets.create(Ticket(subject=subject, description=message, requester=User(email=user.email, name=user.full_name)))
    # ruleid: python.share.http-known-host user.contact.email recipient=Zendesk
    requests.post(f"https://{settings.ZENDESK_SUBDOMAIN}.zendesk.com/api/v2/requests.json", auth=(f"{user.email}/token", settings.ZENDESK_TOKEN),
                  json={"request": {"subject": subject, "comment": {"body": message}, "requester": {"email": user.email}}})
    # ruleid: python.share.http-known-host user.contact.email recipient=Freshdesk
    requests.post(f"https://{settings.FRESHDESK_DOMAIN}.freshdesk.com/api/v2/tickets", auth=(settings.FRESHDESK_KEY, "X"),
                  json={"email": user.email, "subject": subject, "priority": 1, "status": 2})


def sync_lead(user, lead):
    sf = Salesforce(username=settings.SF_USER, password=settings.SF_PASSWORD, security_token=settings.SF_TOKEN)
    # ruleid: python.share.salesforce user.contact.email,user.name.last recipient=Salesforce
    sf.Lead.create({"LastName": user.last_name, "Email": user.email, "Company": "Unknown"})
    # ruleid: python.share.salesforce user.contact.phone_number recipient=Salesforce
    sf.Contact.update(user.salesforce_id, {"Phone": user.phone})
    # only Salesforce's own record id and a fixed status
    # ok: python.share.salesforce
    sf.Lead.update(lead.salesforce_id, {"Status": "Closed - Converted"})
    # a SOQL query runs at Salesforce with the values written into it (Tendenci's duplicate look-up)
    # ruleid: python.share.salesforce user.contact.email recipient=Salesforce
    sf.query("SELECT Id FROM Contact WHERE Email='%s'" % user.email.replace("'", "''"))
    # a query by Salesforce's own contact id sends nothing of the person's
    # ok: python.share.salesforce
    sf.query("SELECT FirstName FROM Contact WHERE Id='%s'" % user.sf_contact_id)
    # ok: python.share.salesforce
    sf.query_all("SELECT Id, Email FROM Contact")
    close = CloseClient(settings.CLOSE_API_KEY)
    # ruleid: python.share.close user.contact.email,user.name,user.professional_information.workplace recipient=Close
    close.post("lead", data={"name": user.company, "contacts": [{"name": user.full_name, "emails": [{"email": user.email}]}]})


def record_feedback(user, feedback_text):
    notion = NotionClient(auth=settings.NOTION_TOKEN)
    # ruleid: python.share.notion user.contact.email,user.content recipient=Notion
    notion.pages.create(
        parent={"database_id": settings.NOTION_DB},
        properties={"Email": {"email": user.email}, "Feedback": {"rich_text": [{"text": {"content": feedback_text}}]}},
    )
    # ok: python.share.notion
    notion.pages.update(settings.NOTION_STATUS_PAGE, archived=False)
    table = AirtableApi(settings.AIRTABLE_TOKEN).table(settings.AIRTABLE_BASE, "Signups")
    # ruleid: python.share.airtable user.contact.email,user.name recipient=Airtable
    table.create({"Name": user.full_name, "Email": user.email})
    # ruleid: python.share.http-known-host user.contact.email recipient=Atlassian
    requests.post(f"https://{settings.JIRA_SITE}.atlassian.net/rest/api/3/issue", auth=(settings.JIRA_USER, settings.JIRA_TOKEN),
                  json={"fields": {"project": {"key": "SUP"}, "summary": f"Feedback from {user.email}", "issuetype": {"name": "Task"}}})
    # a self-hosted Jira: its URL is configuration
    # ok: python.share.http-known-host
    requests.post(f"{settings.JIRA_URL}/rest/api/2/issue", json={"fields": {"summary": f"Feedback from {user.email}"}})


def product_analytics(user, page_url, user_agent, client_ip):
    # ruleid: python.share.http-known-host user.behavior recipient=Plausible
    # (the visitor's address and browser go in the request's headers, which are read as its settings)
    requests.post("https://plausible.io/api/event", headers={"User-Agent": user_agent, "X-Forwarded-For": client_ip},
                  json={"name": "pageview", "url": page_url, "domain": "example.com"})
    # the stats API of the same host is read, not sent to
    # ok: python.share.http-known-host
    requests.get("https://plausible.io/api/v1/stats/aggregate", params={"site_id": "example.com", "period": "30d"})
    # ruleid: python.share.june user.behavior,user.unique_id recipient=June
    june_analytics.track(user_id=str(user.id), event="Report Exported", properties={"format": "csv"})
    # ruleid: python.share.keen user.account.username,user.behavior recipient=Keen
    keen.add_event("sign_ups", {"username": user.username, "referred_by": "harry"})
    # ruleid: python.share.http-known-host user.behavior,user.contact.email,user.unique_id recipient=FullStory
    requests.post("https://api.fullstory.com/v2/users", headers={"Authorization": f"Basic {settings.FULLSTORY_KEY}"},
                  json={"uid": str(user.id), "email": user.email})


# --- payment ------------------------------------------------------------------------------------------

def stripe_billing(request, user, account, amount, event):
    stripe.api_key = settings.STRIPE_SECRET_KEY
    # ruleid: python.share.stripe user.contact.email,user.name,user.unique_id recipient=Stripe
    stripe.Customer.create(email=user.email, name=user.full_name, metadata={"user_id": user.id})
    # only the amount and Stripe's own customer object id are sent
    # ok: python.share.stripe
    # (`stripe_customer_id` is Stripe's id of its customer object, not the user's id)
    stripe.PaymentIntent.create(amount=amount, currency="eur", customer=account.stripe_customer_id)
    # ok: python.share.stripe
    # (the keyword `automatic_payment_methods` configures the payment: its value is a constant dict)
    stripe.PaymentIntent.create(amount=amount, currency="eur", automatic_payment_methods={"enabled": True})
    # ok: python.share.stripe
    stripe.PaymentIntent.retrieve(account.last_payment_intent)
    # ok: python.share.stripe
    # (a refund, a confirm or a retrieve by Stripe's own ids sends nothing of the payer's)
    stripe.Refund.create(payment_intent=account.last_payment_intent, amount=amount)
    # ok: python.share.stripe
    stripe.PaymentIntent.confirm(account.last_payment_intent)
    # a listing filtered by the signed-in user's email sends the email to find its customer
    # ruleid: python.share.stripe user.contact.email recipient=Stripe
    customers = stripe.Customer.list(email=request.user.email).auto_paging_iter()
    # a listing of recent customers, or of subscriptions by Stripe's own customer id (the webhook's
    # `customer_id`), sends nothing of the payer's
    # ok: python.share.stripe
    stripe.Customer.list(limit=10)
    customer_id = event["data"]["object"]["customer"]
    # ok: python.share.stripe
    subscription = stripe.Subscription.list(customer=customer_id).data[0]
    client = StripeClient(settings.STRIPE_SECRET_KEY)
    # ruleid: python.share.stripe user.contact.email recipient=Stripe
    client.customers.create(params={"email": user.email})


class StripeCardMethod:
    """A payment provider whose intent is built from a helper's keyword arguments."""

    def _payment_intent_kwargs(self, request, payment):
        # the SEPA mandate carries the payer's IP address and browser, the receipt their email
        return {
            "receipt_email": payment.order.email,
            "mandate_data": {
                "customer_acceptance": {
                    "type": "online",
                    "online": {
                        # ruleid: python.request.client-ip user.device.ip_address
                        "ip_address": request.META.get("REMOTE_ADDR"),
                        # ruleid: python.request.header user.device
                        "user_agent": request.META["HTTP_USER_AGENT"],
                    },
                },
            },
        }

    def execute_payment(self, request, payment):
        # ruleid: python.share.stripe user.contact.email,user.device,user.device.ip_address,user.financial recipient=Stripe
        intent = stripe.PaymentIntent.create(
            amount=payment.amount,
            currency="eur",
            payment_method=payment.info_data["payment_method"],
            confirm=True,
            **self._payment_intent_kwargs(request, payment)
        )
        return intent.id


def other_payments(user, nonce):
    gateway = braintree.BraintreeGateway(braintree.Configuration.instantiate())
    # ruleid: python.share.braintree user.contact.email,user.name.first recipient=Braintree
    gateway.customer.create({"first_name": user.first_name, "email": user.email})
    # ok: python.share.braintree
    gateway.transaction.sale({"amount": "10.00", "payment_method_nonce": nonce, "options": {"submit_for_settlement": True}})
    # ruleid: python.share.paypal user.contact.email recipient=PayPal
    payment = paypalrestsdk.Payment({"intent": "sale", "payer": {"payment_method": "paypal", "payer_info": {"email": user.email}}})
    # ok: python.share.paypal
    payment.create()


# --- AI providers -------------------------------------------------------------------------------------

class Assistant:
    """Clients made in __init__ and used in methods."""

    def __init__(self):
        self.openai = AsyncOpenAI(api_key=settings.OPENAI_API_KEY)
        self.claude = anthropic.Anthropic()

    async def reply(self, prompt, history):
        # ruleid: python.share.openai user.content recipient=OpenAI
        return await self.openai.chat.completions.create(
            model="gpt-4o-mini",
            messages=[*history, {"role": "user", "content": prompt}],
        )

    def summarise(self, user_message):
        # ruleid: python.share.anthropic user.content recipient=Anthropic
        return self.claude.messages.create(
            model="claude-sonnet-4-5",
            max_tokens=1024,
            messages=[{"role": "user", "content": user_message}],
        )


def transcribe(audio_file, history, language):
    """aider's voice input through litellm: the model named in the code routes the call to OpenAI."""
    # ruleid: python.share.litellm user.content recipient=OpenAI
    return litellm.transcription(model="whisper-1", file=audio_file, prompt=history, language=language)


async def answer_with_litellm(messages, settings):
    # a provider prefix routes the call: Anthropic
    # ruleid: python.share.litellm user.content recipient=Anthropic
    fixed = await litellm.acompletion(model="anthropic/claude-3-5-sonnet-20241022", messages=messages)
    # near-miss: a model from configuration names no recipient the code shows (mem0's rule)
    # ok: python.share.litellm
    configured = litellm.completion(model=settings.LLM_MODEL, messages=messages)
    # near-miss: a model of no listed provider (a local server's)
    # ok: python.share.litellm
    local = litellm.completion(model="ollama/llama3", messages=messages)
    return fixed, configured, local


class EmbeddingEncoder:
    """A client the caller makes and hands in, typed by its class (`client: openai.OpenAI`)."""

    def __init__(self, model_name, client: OpenAI, device=None):
        self.model_name = model_name
        self.openai_client = client

    def encode(self, entries):
        vectors = []
        for index in range(len(entries)):
            processed_entry = entries[index].replace("\n", " ")
            try:
                # ruleid: python.share.openai user.content recipient=OpenAI
                response = self.openai_client.embeddings.create(input=processed_entry, model=self.model_name)
            except Exception as e:
                # what the function sends OpenAI as the user's input is user content when printed too
                # ruleid: python.print.personal-data user.content
                print(f"Failed to encode entry {index}:\n{entries[index][:1000]}...\n{e}")
                # ok: python.print.personal-data
                print(f"Failed to encode entry {index} with {self.model_name}: {e}")
                continue
            vectors.append(response.data[0].embedding)
        return vectors


class AnthropicCompletion:
    """A provider whose entry point builds the request's `args` (the messages of a task a base class
    made) and hands it to a method that spreads it into the SDK call: the spread holds the messages,
    so what the method logs of `args`, before the call or after it, is the conversation."""

    def __init__(self):
        self.async_client = anthropic.AsyncAnthropic()
        self.log = logging.getLogger(__name__)

    async def _execute_nonstreaming(self, args: dict, settings):
        # ruleid: python.logging.personal-data user.content
        self.log.debug(f"Anthropic API request: {args}")
        # ok: python.logging.personal-data
        self.log.debug(f"Anthropic API settings: {settings}")
        try:
            # ruleid: python.share.anthropic user.content recipient=Anthropic
            response = await self.async_client.messages.create(**args)
        except Exception as e:
            # ok: python.logging.personal-data
            self.log.error(f"Anthropic call failed: {e}")
            # ruleid: python.logging.personal-data user.content
            self.log.error("message payload = ", args)
            raise
        return response

    async def _execute_with_messages(self, args: dict, messages):
        # the messages are given by name: the spread holds the other settings
        # ok: python.logging.personal-data
        self.log.debug(f"Anthropic API options: {args}")
        # ruleid: python.share.anthropic user.content recipient=Anthropic
        return await self.async_client.messages.create(messages=messages, **args)


def embed_chunks(chunks, client: AsyncOpenAI, settings: dict):
    # ruleid: python.share.openai user.content recipient=OpenAI
    return client.embeddings.create(input=chunks, model="text-embedding-3-small")


def untyped_client(chunks, client):
    # a parameter with no annotation is no known client (a global of that name is not it)
    # ok: python.share.openai
    return client.embeddings.create(input=chunks, model="text-embedding-3-small")


def module_level_openai(chat_history, voice_note):
    # ruleid: python.share.openai user.content recipient=OpenAI
    openai_client.responses.create(model="gpt-4o-mini", input=chat_history)
    # ruleid: python.share.openai user.content recipient=OpenAI
    openai_client.audio.transcriptions.create(model="whisper-1", file=voice_note)
    # a text written in the code is the application's own: nothing of the user's is sent
    # ok: python.share.openai
    openai_client.embeddings.create(model="text-embedding-3-small", input=["refund policy"])


def other_providers(prompt):
    model = genai.GenerativeModel("gemini-1.5-flash")
    # ruleid: python.share.gemini user.content recipient="Google Gemini"
    model.generate_content(prompt)
    gclient = google_genai.Client()
    # ruleid: python.share.gemini user.content recipient="Google Gemini"
    gclient.models.generate_content(model="gemini-2.0-flash", contents=prompt)
    mistral = Mistral(api_key=settings.MISTRAL_API_KEY)
    # ruleid: python.share.mistral user.content recipient=Mistral
    mistral.chat.complete(model="mistral-small-latest", messages=[{"role": "user", "content": prompt}])
    co = cohere.ClientV2(settings.COHERE_API_KEY)
    # ruleid: python.share.cohere user.content recipient=Cohere
    co.chat(model="command-r", messages=[{"role": "user", "content": prompt}])


async def langchain_chains(prompt):
    # ruleid: python.share.langchain-openai user.content recipient=OpenAI
    ChatOpenAI(model="gpt-4o-mini").invoke(prompt)
    claude = ChatAnthropic(model="claude-3-5-haiku-latest")
    # ruleid: python.share.langchain-anthropic user.content recipient=Anthropic
    await claude.ainvoke(prompt)
    gemini = ChatGoogleGenerativeAI(model="gemini-1.5-pro")
    # ruleid: python.share.langchain-google user.content recipient="Google Gemini"
    gemini.invoke(prompt)
    mistral = ChatMistralAI(model="mistral-large-latest")
    # ruleid: python.share.langchain-mistral user.content recipient=Mistral
    mistral.invoke(prompt)
    command = ChatCohere(model="command-r-plus")
    # ruleid: python.share.langchain-cohere user.content recipient=Cohere
    command.invoke(prompt)


def track_endpoint(user, user_agent, system_info):
    """argilla-server's telemetry: huggingface_hub posts the `user_agent` dict to Hugging Face's own
    telemetry endpoint (a fixed host of the vendor)."""
    data = {"request.user-agent": user_agent, "user.id": user.id, **system_info}
    # ruleid: python.share.huggingface-telemetry user.device,user.unique_id recipient="Hugging Face"
    send_telemetry(topic="server/endpoints", library_name="server", library_version="2.8.0", user_agent=data)
    # a topic and a library alone (no payload): nothing of a person is sent
    # ok: python.share.huggingface-telemetry
    send_telemetry("server/startup", library_name="server", library_version="2.8.0")


class InferenceProviders:
    """Clients of the other inference providers, made once and used per request."""

    def __init__(self):
        self.groq = AsyncGroq(api_key=settings.GROQ_API_KEY)
        self.together = Together()
        self.fireworks = Fireworks(api_key=settings.FIREWORKS_API_KEY)
        self.hf = InferenceClient(provider="hf-inference", api_key=settings.HF_TOKEN)
        self.voyage = voyageai.Client()

    async def chat(self, history, question):
        messages = [{"role": "system", "content": "You are a helpful assistant."}, *history, {"role": "user", "content": question}]
        # ruleid: python.share.groq user.content recipient=Groq
        return await self.groq.chat.completions.create(model="llama-3.3-70b-versatile", messages=messages)

    def transcribe(self, recording):
        # ruleid: python.share.groq user.content recipient=Groq
        return self.groq.audio.transcriptions.create(file=("note.m4a", recording), model="whisper-large-v3")

    def complete(self, messages, prompt):
        # ruleid: python.share.together user.content recipient="Together AI"
        self.together.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=messages)
        # ruleid: python.share.fireworks user.content recipient="Fireworks AI"
        self.fireworks.chat.completions.create(model="accounts/fireworks/models/llama-v3p1-8b-instruct", messages=messages)
        # ruleid: python.share.huggingface-inference user.content recipient="Hugging Face"
        return self.hf.text_generation(prompt, model="mistralai/Mistral-7B-Instruct-v0.3", max_new_tokens=200)

    def embed(self, chunks, query):
        # ruleid: python.share.voyage user.content recipient="Voyage AI"
        vectors = self.voyage.embed(chunks, model="voyage-3", input_type="document").embeddings
        # ruleid: python.share.voyage user.content recipient="Voyage AI"
        ranked = self.voyage.rerank(query, chunks, model="rerank-2", top_k=3)
        # a fixed text written in the code: the developer's, not the user's
        # ok: python.share.voyage
        self.voyage.embed(["health check"], model="voyage-3")
        return vectors, ranked


def replicate_image(prompt, photo):
    # ruleid: python.share.replicate user.content recipient=Replicate
    output = replicate.run("black-forest-labs/flux-schnell", input={"prompt": prompt, "image": photo})
    # ruleid: python.share.replicate user.content recipient=Replicate
    replicate.predictions.create(model="openai/whisper", input={"audio": photo})
    return output


def bedrock_chat(messages, question):
    bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
    body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 512, "messages": messages})
    # ruleid: python.share.aws-bedrock user.content recipient="AWS Bedrock"
    bedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=body)
    session = boto3.Session(profile_name=settings.AWS_PROFILE)
    runtime = session.client("bedrock-runtime")
    # ruleid: python.share.aws-bedrock user.content recipient="AWS Bedrock"
    runtime.converse(modelId=settings.BEDROCK_MODEL, messages=[{"role": "user", "content": [{"text": question}]}])
    # another service of the same SDK is not Bedrock
    # ok: python.share.aws-bedrock
    boto3.client("s3").put_object(Bucket=settings.BUCKET, Key="chat.json", Body=body)


def vertex_and_langchain(prompt):
    model = VertexGenerativeModel("gemini-1.5-pro")
    # ruleid: python.share.vertex-ai user.content recipient="Google Vertex AI"
    model.generate_content(prompt)
    # ruleid: python.share.langchain-groq user.content recipient=Groq
    ChatGroq(model="llama-3.1-8b-instant").invoke(prompt)
    bedrock_llm = ChatBedrockConverse(model="anthropic.claude-3-haiku-20240307-v1:0")
    # ruleid: python.share.langchain-aws user.content recipient="AWS Bedrock"
    bedrock_llm.invoke(prompt)
    vertex_chat = ChatVertexAI(model="gemini-1.5-flash", project=settings.GCP_PROJECT)
    # ruleid: python.share.langchain-vertexai user.content recipient="Google Vertex AI"
    return vertex_chat.stream(prompt)


async def openai_compatible(messages, session_key, text):
    # an OpenAI-compatible API at the provider's own fixed host
    # ruleid: python.share.http-known-host user.content recipient=OpenRouter
    r = requests.post("https://openrouter.ai/api/v1/chat/completions", headers={"Authorization": f"Bearer {settings.OPENROUTER_KEY}"},
                      json={"model": "deepseek/deepseek-chat", "messages": messages})
    async with httpx.AsyncClient(base_url="https://api.deepseek.com") as deepseek:
        # ruleid: python.share.http-known-host user.content recipient=DeepSeek
        await deepseek.post("/chat/completions", json={"model": "deepseek-chat", "messages": messages})
        # ok: python.share.http-known-host
        await deepseek.get("/models")
    # ruleid: python.share.http-known-host user.content recipient="Jina AI"
    requests.post("https://api.jina.ai/v1/embeddings", headers={"Authorization": f"Bearer {settings.JINA_KEY}"},
                  json={"model": "jina-embeddings-v3", "input": [text]})
    endpoint = f"https://{settings.AZURE_OPENAI_RESOURCE}.openai.azure.com/openai/deployments/{settings.AZURE_DEPLOYMENT}/chat/completions"
    # ruleid: python.share.http-known-host user.content recipient="Azure OpenAI"
    requests.post(endpoint, params={"api-version": "2024-10-21"}, headers={"api-key": settings.AZURE_OPENAI_KEY}, json={"messages": messages})
    return r.json()


# --- tracing and voice providers of LLM apps ----------------------------------------------------

class LiteralDataLayer:
    """A chat app keeping its users, threads and feedback on Literal AI (chainlit's data layer)."""

    def __init__(self, api_key, server):
        self.client = AsyncLiteralClient(api_key=api_key, url=server)

    async def get_user(self, identifier: str):
        # the user's login or email goes with the lookup
        # ruleid: python.share.literalai - recipient="Literal AI"
        return await self.client.api.get_user(identifier=identifier)

    async def create_user(self, user):
        # ruleid: python.share.literalai user.unique_id recipient="Literal AI"
        return await self.client.api.create_user(identifier=user.identifier, metadata=user.metadata)

    async def upsert_feedback(self, feedback):
        # ruleid: python.share.literalai user.content recipient="Literal AI"
        return await self.client.api.create_score(step_id=feedback.forId, value=feedback.value, comment=feedback.comment)

    async def send(self, steps):
        # ruleid: python.share.literalai user.content recipient="Literal AI"
        await self.client.api.send_steps(steps)

    async def debug_url(self):
        # ok: python.share.literalai
        project_id = await self.client.api.get_my_project_id()
        return f"{self.client.api.url}/projects/{project_id}"


class LunaryCallback:
    """An LLM gateway's logging callback sending each model call to Lunary, the SDK imported where
    it is set up (an optional dependency) and kept on the instance."""

    def __init__(self):
        try:
            import lunary

            self.lunary_client = lunary
        except ImportError:
            raise Exception("Lunary not installed. Please install it using 'pip install lunary'")

    def log_event(self, run_id, model, messages, user_id, output, usage):
        # the prompt and the end user's id open the run
        # ruleid: python.share.lunary user.content,user.unique_id recipient="Lunary"
        self.lunary_client.track_event("llm", "start", run_id, user_id=user_id, name=model, input=messages)
        # the answer closes it
        # ruleid: python.share.lunary user.content recipient="Lunary"
        self.lunary_client.track_event("llm", "end", run_id, output=output, token_usage=usage)
        # only the run's own name and figures: nothing of the user's
        # ok: python.share.lunary
        self.lunary_client.track_event("llm", "end", run_id, name=model, token_usage=usage)


def lunary_feedback(run_id, comment):
    import lunary

    # ruleid: python.share.lunary user.content recipient="Lunary"
    lunary.track_feedback(run_id, {"comment": comment})
    # a fixed rating the app sends itself
    # ok: python.share.lunary
    lunary.track_feedback(run_id, {"thumbs": "up"})


class FlowTracer:
    """Traces of a chat flow: what the user typed goes to the tracing provider with the run."""

    def __init__(self, flow_id):
        self.flow_id = flow_id
        self.langfuse = Langfuse()
        self.langsmith = LangSmithClient()
        self.root_span: LangfuseSpan | None = None

    def trace_run(self, user_id, prompt, answer):
        # ruleid: python.share.langfuse user.content,user.unique_id recipient=Langfuse
        trace = self.langfuse.trace(name="chat", user_id=user_id, input=prompt)
        # a traced run's inputs and outputs are the conversation: the model's answer is user content too
        # ruleid: python.share.langfuse user.content recipient=Langfuse
        trace.generation(name="llm", output=answer)
        # ok: python.share.langfuse
        self.langfuse.flush()

    def start(self, trace_context, flow_name):
        # only the span's name, its place in the trace and the flow's own id: nothing of the user's
        # ok: python.share.langfuse
        self.root_span = self.langfuse.start_span(
            name=flow_name,
            trace_context=trace_context,
            metadata={"flow_id": self.flow_id},
        )

    def finish(self, inputs, outputs):
        # ruleid: python.share.langfuse user.content recipient=Langfuse
        self.root_span.update(input=inputs, output=outputs)
        # ok: python.share.langfuse
        self.root_span.update(metadata={"status": "done"})
        # ending the span sends what it was given before
        # ok: python.share.langfuse
        self.root_span.end()

    def langsmith_run(self, prompt, answer, run_id, parent):
        # ruleid: python.share.langsmith user.content recipient=LangSmith
        root = RunTree(name="chat", run_type="chain", inputs={"prompt": prompt})
        # ruleid: python.share.langsmith user.content recipient=LangSmith
        root.end(outputs={"answer": answer})
        # ok: python.share.langsmith
        root.patch()
        # ok: python.share.langsmith
        child = langsmith_trace(name="flow", run_type="chain", run_id=run_id, parent=parent)
        # ok: python.share.langsmith
        child.post()
        # ruleid: python.share.langsmith - recipient=LangSmith
        child.add_metadata({"answer": answer})
        # ok: python.share.langsmith
        child.end(outputs={})
        # ok: python.share.langsmith
        self.langsmith.list_runs(project_name="chat")


def speak(answer_text):
    voice = ElevenLabs()
    # a text to speak is what the conversation said
    # ruleid: python.share.elevenlabs user.content recipient=ElevenLabs
    return voice.text_to_speech.convert(voice_id="Rachel", text=answer_text)


async def make_voice_client(api_key):
    """A client factory that gives None when the key is missing."""
    if not api_key:
        return None
    return ElevenLabs(api_key=api_key)


async def speak_with_the_users_key(api_key, answer_text):
    voice = await make_voice_client(api_key)
    if voice is None:
        return None
    # ruleid: python.share.elevenlabs user.content recipient=ElevenLabs
    return voice.generate(text=answer_text, voice="Rachel", stream=True)


class VoiceSettings:
    def __init__(self, api_key):
        self.client = OpenAI(api_key=api_key)

    def openai_client(self):
        return self.client


def voice_settings(api_key) -> VoiceSettings:
    return VOICE_SETTINGS[api_key]


def read_aloud(api_key, result):
    client = voice_settings(api_key).openai_client()
    # ruleid: python.share.openai user.content recipient=OpenAI
    return client.audio.speech.create(model="gpt-4o-mini-tts", voice="echo", input=result)


class ComponentTracer:
    """Open spans kept by id until their component ends."""

    def __init__(self, root: LangfuseSpan):
        self.root = root
        self.spans: dict[str, LangfuseSpan] = {}

    def end_component(self, component_id, outputs):
        span = self.spans.pop(component_id, None)
        if span:
            # ruleid: python.share.langfuse user.content recipient=Langfuse
            span.update(output=outputs)
            # ok: python.share.langfuse
            span.end()

    def log_component(self, component_id, logs):
        # ruleid: python.share.langfuse user.content recipient=Langfuse
        self.spans[component_id].update(output={"logs": logs})


def ask(messages, model):
    # the messages are not visible here, but they are what an AI provider is sent
    # ruleid: python.share.openai user.content recipient=OpenAI
    openai_client.chat.completions.create(model=model, messages=messages)
    # ruleid: python.share.openai user.content recipient=OpenAI
    openai_client.audio.speech.create(model="gpt-4o-mini-tts", voice="echo", input=messages[-1]["content"])


# --- HTTP requests to known hosts -----------------------------------------------------------------

def measurement_protocol(client_id, page_path):
    # ruleid: python.share.http-known-host user.behavior recipient="Google Analytics"
    requests.post(
        GA_ENDPOINT,
        params={"measurement_id": settings.GA_MEASUREMENT_ID, "api_secret": settings.GA_API_SECRET},
        json={"client_id": client_id, "events": [{"name": "page_view", "params": {"page_location": page_path}}]},
        timeout=5,
    )


def measurement_protocol_get(client_id, page_path):
    # the data is in the query string
    # ruleid: python.share.http-known-host user.behavior recipient="Google Analytics"
    urllib.request.urlopen(f"https://www.google-analytics.com/collect?v=1&tid=UA-1&cid={client_id}&dp={page_path}")
    # a fixed URL, fixed query: nothing of the user's is sent
    # ok: python.share.http-known-host
    requests.get("https://www.google-analytics.com/collect?v=1&tid=UA-1&t=event&ec=health", timeout=5)


def matomo_page_view(visitor_id, page_url):
    # ruleid: python.share.http-known-host user.behavior,user.device.cookie_id recipient=Matomo
    requests.get("https://example.matomo.cloud/matomo.php", params={"idsite": 1, "rec": 1, "_id": visitor_id, "url": page_url}, timeout=5)
    # a self-hosted Matomo: its URL is configuration
    # ok: python.share.http-known-host
    requests.get(f"{settings.MATOMO_URL}/matomo.php", params={"idsite": 1, "rec": 1, "_id": visitor_id, "url": page_url})


class SegmentHttp:
    """A session made in __init__ and used in a method."""

    def __init__(self):
        self.http = requests.Session()

    def track(self, user, event):
        # ruleid: python.share.http-known-host user.behavior,user.unique_id recipient=Segment
        self.http.post("https://api.segment.io/v1/track", json={"userId": user.id, "event": event})


async def async_clients(user):
    async with httpx.AsyncClient() as client:
        # ruleid: python.share.http-known-host user.behavior,user.contact.email,user.unique_id recipient=Mixpanel
        await client.post("https://api.mixpanel.com/engage", json={"$distinct_id": user.email})
    async with aiohttp.ClientSession() as session:
        # ruleid: python.share.http-known-host user.behavior,user.unique_id recipient=Amplitude
        async with session.post("https://api2.amplitude.com/2/httpapi", json={"events": [{"user_id": user.id}]}) as response:
            return response.status


def raw_urllib(user):
    # ruleid: python.share.http-known-host user.contact.email recipient=HubSpot
    urllib.request.Request("https://api.hubapi.com/crm/v3/objects/contacts", data=user.email.encode(), method="POST")


_session: aiohttp.ClientSession | None = None


async def get_session() -> aiohttp.ClientSession:
    """A shared session made on first use (the pool helper many async apps keep)."""
    global _session
    if _session is None:
        _session = aiohttp.ClientSession()
    return _session


async def search_brave(api_key, query, count):
    # a web-search API learns what the user looks for: the query an assistant derived from the chat
    url = "https://api.search.brave.com/res/v1/web/search"
    headers = {"Accept": "application/json", "X-Subscription-Token": api_key}
    session = await get_session()
    # ruleid: python.share.http-known-host user.behavior recipient="Brave Search"
    async with session.get(url, headers=headers, params={"q": query, "count": count}) as response:
        return await response.json()


def search_kagi(api_key, query, count):
    # ruleid: python.share.http-known-host user.behavior recipient=Kagi
    response = requests.post("https://kagi.com/api/v1/search", headers={"Authorization": f"Bot {api_key}"}, json={"query": query, "limit": count})
    # the rest of the site is not the search API
    # ok: python.share.http-known-host
    requests.get("https://kagi.com/pricing")
    return response.json()


async def search_serpstack(api_key, query, https_enabled=False):
    scheme = "https" if https_enabled else "http"
    url = f"{scheme}://api.serpstack.com/search"
    session = await get_session()
    # ruleid: python.share.http-known-host user.behavior recipient=Serpstack
    async with session.get(url, params={"access_key": settings.SERPSTACK_KEY, "query": query}) as response:
        return await response.json()


def search_serpapi(query):
    # the service's own key read from the environment is configuration, not a user's credential
    # ruleid: python.share.http-known-host user.behavior recipient=SerpApi
    response = requests.get("https://serpapi.com/search", params={"q": query, "api_key": os.environ.get("SERPAPI_KEY")})
    return response.json()


class ExaClient:
    base_url = "https://api.exa.ai"

    def __init__(self, api_key):
        self.session = requests.Session()
        self.session.headers["x-api-key"] = api_key

    def _url(self, path):
        return f"{self.base_url}/{path.lstrip('/')}"

    def search(self, query, num_results=5):
        # the URL comes from a helper that builds it on the client's base URL
        # ruleid: python.share.http-known-host user.behavior recipient=Exa
        return self.session.post(self._url("/search"), json={"query": query, "numResults": num_results}).json()

    def usage(self):
        # ok: python.share.http-known-host
        return self.session.get(self._url("/usage")).json()


class MistralHttp:
    """A client made once with the provider's base URL; its requests name only paths."""

    def __init__(self, api_key):
        self.client = httpx.AsyncClient(base_url="https://api.mistral.ai/v1", headers={"Authorization": f"Bearer {api_key}"})

    async def transcribe(self, audio, model):
        # ruleid: python.share.http-known-host user.content recipient=Mistral
        r = await self.client.post("/audio/transcriptions", data={"model": model}, files={"file": audio})
        return r.json()

    async def models(self):
        # ok: python.share.http-known-host
        return (await self.client.get("/models")).json()


async def relative_requests(text, base_url):
    async with httpx.AsyncClient(base_url="https://api.tavily.com") as client:
        # ruleid: python.share.http-known-host user.behavior recipient=Tavily
        await client.post("/search", json={"query": text})
        # an absolute URL is the request's own: one observation, for the host it names
        # ruleid: python.share.http-known-host user.behavior recipient="Brave Search"
        await client.get("https://api.search.brave.com/res/v1/web/search", params={"q": text})
    async with httpx.AsyncClient(base_url=base_url) as configured:
        # ok: python.share.http-known-host
        await configured.post("/search", json={"query": text})


class SerpstackProvider:
    """A search provider whose URLs are texts of its class (calibreweb's metadata providers): read
    through the class's name as through `self`, an f-string of the class's own texts included."""

    API_KEY = "0000"
    BASE_URL = (
        f"https://api.serpstack.com/search?access_key={API_KEY}"
        f"&query="
    )
    SEARCH_URL = "https://api.search.brave.com/res/v1/web/search?q="
    PAGE_URL = f"{SEARCH_URL}{settings.SEARCH_PAGE}"  # a name not of the class: no text known

    def search(self, query):
        # ruleid: python.share.http-known-host user.behavior recipient="Brave Search"
        first = requests.get(SerpstackProvider.SEARCH_URL + query)
        # ruleid: python.share.http-known-host user.behavior recipient=Serpstack
        second = requests.get(f"{SerpstackProvider.BASE_URL}{query}&sort=name")
        # ok: python.share.http-known-host
        third = requests.get(SerpstackProvider.PAGE_URL + query)
        # ruleid: python.share.http-known-host user.behavior recipient=Serpstack
        fourth = requests.get(self._prepare_query(title=query))
        return first, second, third, fourth

    def _prepare_query(self, title):
        # an empty text when nothing is left to search for: no URL, as `return None` is
        if not title.strip():
            return ""
        return f"{SerpstackProvider.BASE_URL}{title}"


def search_searxng(query):
    # a self-hosted search engine: its URL is configuration
    # ok: python.share.http-known-host
    return requests.get(f"{settings.SEARXNG_QUERY_URL}/search", params={"q": query, "format": "json"})


async def transcribe_deepgram(api_key, audio_bytes, content_type):
    session = await get_session()
    # a speech-to-text API receives the recording: what the user said
    # ruleid: python.share.http-known-host user.content recipient=Deepgram
    r = await session.post(
        "https://api.deepgram.com/v1/listen",
        headers={"Authorization": f"Token {api_key}", "Content-Type": content_type},
        data=audio_bytes,
    )
    return await r.json()


async def tts_azure(text, config):
    region = config.get("speech_region") or "eastus"
    session = await get_session()
    # the region is configuration, the service is not; a configured base URL replaces it, but the
    # code names Azure's host as what is used when none is set
    # ruleid: python.share.http-known-host user.content recipient="Azure AI Speech"
    async with session.post(
        (config.get("speech_base_url") or f"https://{region}.tts.speech.microsoft.com") + "/cognitiveservices/v1",
        headers={"Content-Type": "application/ssml+xml"},
        data=f"<speak><voice>{text}</voice></speak>",
    ) as r:
        return await r.read()


async def tts_mistral(payload, config):
    api_base_url = await config.get("audio.tts.mistral.api_base_url") or "https://api.mistral.ai/v1"
    session = await get_session()
    # ruleid: python.share.http-known-host user.content recipient=Mistral
    r = await session.post(url=f"{api_base_url}/audio/speech", json={"input": payload.get("input", ""), "text": payload["text"]})
    # a setting without a default in the code: its host is not known here
    # ok: python.share.http-known-host
    await session.post(url=f"{config.TTS_BASE_URL}/audio/speech", json={"input": payload["text"]})
    return await r.json()


class MistralFiles:
    def __init__(self, base_url, api_key):
        self.base_url = base_url.rstrip("/") if base_url else "https://api.mistral.ai/v1"
        self.headers = {"Authorization": f"Bearer {api_key}"}

    def upload(self, file_path, file_name):
        # the base URL set in __init__ names Mistral's API unless one is configured
        with open(file_path, "rb") as f:
            # ruleid: python.share.http-known-host user.content recipient=Mistral
            response = requests.post(f"{self.base_url}/files", headers=self.headers, files={"file": (file_name, f)}, data={"purpose": "ocr"})
        return response.json()["id"]

    def signed_url(self, file_id):
        # only the service's own file id, in the URL's path, and fixed parameters: nothing is shared
        url = f"{self.base_url}/files/{file_id}/url"
        params = {"expiry": 1}
        # ok: python.share.http-known-host
        return requests.get(url, headers=self.headers, params=params, timeout=30)


def list_voices(api_key, transcript_id):
    # ok: python.share.http-known-host
    requests.get("https://api.deepgram.com/v1/models", headers={"Authorization": f"Token {api_key}"})
    # ok: python.share.http-known-host
    return requests.delete(f"https://api.assemblyai.com/v2/transcript/{transcript_id}", headers={"authorization": api_key})


REALTIME_URL = "wss://api.openai.com/v1/realtime?model=gpt-4o-mini-realtime-preview"


async def realtime_session(client_websocket, openai_key, instructions):
    headers = {"Authorization": f"Bearer {openai_key}", "OpenAI-Beta": "realtime=v1"}
    # opening the connection sends only its settings
    async with websockets.connect(REALTIME_URL, additional_headers=headers) as openai_ws:
        # ok: python.share.websocket-known-host
        await openai_ws.send('{"type": "session.update"}')
        while True:
            event = json.loads(await client_websocket.receive_text())
            # what the user says and types, relayed to the Realtime API
            # ruleid: python.share.websocket-known-host user.content recipient=OpenAI
            await openai_ws.send(json.dumps({"type": "conversation.item.create", "item": event}))


def transcribe_stream(chunks, url):
    ws = websocket.create_connection("wss://api.deepgram.com/v1/listen?encoding=linear16", header=["Authorization: Token x"])
    for chunk in chunks:
        # ruleid: python.share.websocket-known-host user.content recipient=Deepgram
        ws.send_binary(chunk)
    # a socket to a configured URL: its host is not known
    relay = websocket.create_connection(url)
    # ok: python.share.websocket-known-host
    relay.send_binary(chunks[0])


async def aiohttp_socket(text):
    session = await get_session()
    async with session.ws_connect(f"wss://{settings.REGION}.tts.speech.microsoft.com/cognitiveservices/websocket/v1") as ws:
        # ruleid: python.share.websocket-known-host user.content recipient="Azure AI Speech"
        await ws.send_str(text)


async def realtime_relay(openai_key, queue):
    # a nested writer defined before the socket it uses is bound: it runs once the socket is open
    async def writer():
        while True:
            msg = await queue.get()
            # ruleid: python.share.websocket-known-host user.content recipient=OpenAI
            await openai_ws.send(json.dumps(msg))

    async with websockets.connect(REALTIME_URL) as openai_ws:
        await writer()


class SendQueue:
    def __init__(self, openai_ws):
        self.openai_ws = openai_ws

    async def write(self, msg):
        # a socket handed to the constructor: where it goes is known at the call that makes the queue
        # ruleid: python.share.websocket-known-host user.content recipient=OpenAI
        await self.openai_ws.send(json.dumps(msg))


async def realtime_with_queue(event):
    async with websockets.connect(REALTIME_URL) as openai_ws:
        queue = SendQueue(openai_ws)
        await queue.write(event)


class SearchClient:
    def __init__(self, base_url, api_key):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key

    def search(self, query):
        # ruleid: python.share.http-known-host user.behavior recipient=Tavily
        return requests.post(f"{self.base_url}/search", json={"query": query, "api_key": settings.TAVILY_KEY})


def make_search_clients(query):
    SearchClient("https://api.tavily.com", settings.TAVILY_KEY).search(query)
    # a configured URL gives the attribute nothing to know
    SearchClient(settings.SEARCH_URL, settings.TAVILY_KEY).search(query)


class PostHogLogger:
    def __init__(self):
        # a setting whose fallback, written here, is the provider's host: the host used by default
        posthog_api_url = os.getenv("POSTHOG_API_URL", "https://us.i.posthog.com")
        self.posthog_host = posthog_api_url.rstrip("/")
        self.openmeter_url = os.environ.get("OPENMETER_API_ENDPOINT", default="https://openmeter.cloud")
        self.braintrust_base = (os.getenv("BRAINTRUST_API_BASE") or "https://api.braintrustdata.com/v1").removesuffix("/")
        self.collector_url = os.getenv("COLLECTOR_URL")
        self.region = os.getenv("POSTHOG_REGION", "us")

    def log_success_event(self, kwargs):
        payload = {"distinct_id": kwargs["user_id"], "properties": {"$ai_input": kwargs["messages"]}}
        # ruleid: python.share.http-known-host user.behavior,user.unique_id recipient=PostHog
        requests.post(f"{self.posthog_host}/batch/", json=payload, timeout=10)
        # ruleid: python.share.http-known-host user.unique_id recipient=OpenMeter
        requests.post(f"{self.openmeter_url}/api/v1/events", json={"subject": kwargs["user_id"]}, timeout=10)
        # a project registered by name: nothing of a person's goes to the LLM logging API
        # ok: python.share.http-known-host
        requests.post(f"{self.braintrust_base}/project", json={"name": kwargs["project_name"]}, timeout=10)
        # a setting without a fallback in the code, and a fallback that is not a URL: no host known
        # ok: python.share.http-known-host
        requests.post(f"{self.collector_url}/batch/", json=payload, timeout=10)
        # ok: python.share.http-known-host
        requests.post(f"https://{self.region}.example.org/batch/", json=payload, timeout=10)


class HTTPHandler:
    """The project's own HTTP client: its methods pass the URL and the body on to httpx."""

    def __init__(self, timeout=None):
        self._client = httpx.Client(timeout=timeout)

    @property
    def client(self) -> httpx.Client:
        return self._client

    def post(self, url, data=None, json=None, headers=None, timeout=None):
        # the URL is the caller's: not a request to a known host here, one at each call of the method
        request = self.client.build_request("POST", url, data=data, json=json, headers=headers, timeout=timeout)
        return self.client.send(request)

    def get(self, url, params=None, headers=None):
        return self.client.get(url, params=params, headers=headers)


def get_http_client() -> HTTPHandler:
    return HTTPHandler(timeout=10)


_default_http = HTTPHandler()


class LangSmithExporter:
    def __init__(self):
        self.http = get_http_client()
        self.base_url = os.getenv("LANGSMITH_BASE_URL", "https://api.smith.langchain.com")

    def log_run(self, run_inputs, end_user_email):
        # a method of the project's client is an HTTP call to the URL it is given
        # ruleid: python.share.http-known-host user.contact.email recipient=LangSmith
        self.http.post(url=f"{self.base_url}/runs/batch", json={"inputs": run_inputs, "email": end_user_email})
        # only fixed settings: nothing of a person's
        # ok: python.share.http-known-host
        self.http.get(f"{self.base_url}/sessions", params={"limit": 10})
        # a configured host: not known
        # ok: python.share.http-known-host
        self.http.post(url=settings.TRACE_URL, json={"email": end_user_email})


def preferred_languages(language):
    return {"accept-language": language if language == "en" else f"{language},en"} if language else {}


class NominatimService:
    def __init__(self):
        self.base_url = os.environ.get("NOMINATIM_URL", "https://nominatim.openstreetmap.org")
        self.headers = {"User-Agent": "app/1.0"}

    def locations_from_address(self, postal_code, language=None):
        # ruleid: python.share.http-known-host user.contact.address.postal_code,user.device recipient="OpenStreetMap Nominatim"
        return requests.get(f"{self.base_url}/search", params={"postalcode": postal_code, "accept-language": language}, headers=self.headers, timeout=30)

    def locations_from_city(self, city, language=None):
        # the place searched for goes with the language the answer is wanted in
        # ruleid: python.share.http-known-host user.device recipient="OpenStreetMap Nominatim"
        return requests.get(f"{self.base_url}/search", params={"format": "jsonv2", "city": city, **preferred_languages(language)}, timeout=30)

    def location_from_id(self, osm_id, language=None):
        # the service's own place id, and the language the answer is wanted in: the lookup's settings
        # ok: python.share.http-known-host
        return requests.get(f"{self.base_url}/lookup", params={"osm_ids": osm_id, "accept-language": language}, timeout=30)


class StepsLogger:
    """A tracing callback whose host is a constructor parameter: its default names the vendor."""

    def __init__(self, api_key=None, api_url="https://cloud.getliteral.ai", env=None):
        self.api_url = os.getenv("LITERAL_API_URL") or api_url
        self.headers = {"x-api-key": api_key or os.getenv("LITERAL_API_KEY")}

    def send_steps(self, steps, user_id):
        # ruleid: python.share.http-known-host user.unique_id recipient="Literal AI"
        requests.post(f"{self.api_url}/api/graphql", json={"steps": steps, "user_id": user_id}, headers=self.headers)


class ExportParams(typing.TypedDict, total=False):
    api_key: str
    api_url: str


class EventsExporter:
    """Credentials chosen per request by a helper that returns them as a pair, the URL the vendor's by default."""

    def __init__(self):
        self.host = os.getenv("POSTHOG_API_URL", "https://us.i.posthog.com").rstrip("/")
        self.client = httpx.Client()

    def _credentials(self, params: ExportParams | None):
        if params is not None:
            return params.get("api_key"), params.get("api_url") or self.host
        return os.getenv("POSTHOG_API_KEY"), self.host

    def _forward(self):
        return os.getenv("FORWARD_KEY"), os.getenv("FORWARD_URL")

    def export(self, params, user_id):
        api_key, api_url = self._credentials(params)
        # ruleid: python.share.http-known-host user.behavior,user.unique_id recipient=PostHog
        self.client.post(f"{api_url.rstrip('/')}/batch/", json={"batch": [{"distinct_id": user_id}]})
        key, url = self._forward()
        # a pair of settings, neither of them a URL the code names
        # ok: python.share.http-known-host
        self.client.post(url, json={"distinct_id": user_id})


def complete(prompt, api_base: str = "https://api.openai.com/v1", proxy_url=None):
    # ruleid: python.share.http-known-host user.content recipient=OpenAI
    requests.post(f"{api_base}/chat/completions", json={"messages": [{"role": "user", "content": prompt}]})
    # no URL written as the default: the caller's or the configuration's host
    # ok: python.share.http-known-host
    requests.post(proxy_url, json={"messages": [{"role": "user", "content": prompt}]})


def meter_usage(end_user_id):
    events_url = os.getenv("OPENMETER_API_ENDPOINT", "https://openmeter.cloud")
    events_url += "/api/v1/events"
    # ruleid: python.share.http-known-host user.unique_id recipient=OpenMeter
    _default_http.post(url=events_url, data=json.dumps({"subject": end_user_id, "type": "tokens"}))


def track_signup(email):
    # the module's own instance of the client
    # ruleid: python.share.http-known-host user.behavior,user.contact.email recipient=Segment
    _default_http.post("https://api.segment.io/v1/track", json={"event": "signup", "email": email})


def intercom_user_requests(external_ref, team_id):
    # a `users/` segment followed by an unknown value: the user's id, whatever the variable is called
    # ruleid: python.share.http-known-host user.unique_id recipient=Intercom
    requests.get(f"https://api.intercom.io/users/{urllib.parse.quote(external_ref)}", timeout=10)
    # ruleid: python.share.http-known-host user.unique_id recipient=Intercom
    requests.delete(f"https://api.intercom.io/v2/entities/user/{external_ref}/profile", timeout=10)
    # the same shape under another resource, or a fixed user path: nothing of a person's
    # ok: python.share.http-known-host
    requests.get(f"https://api.intercom.io/teams/{team_id}", timeout=10)
    # ok: python.share.http-known-host
    requests.get(f"https://api.intercom.io/user_groups/{team_id}", timeout=10)
    # ok: python.share.http-known-host
    requests.get("https://api.intercom.io/users/me", timeout=10)


class CrmClient:
    """A project's client of a CRM: what its methods send is what their docstrings say they take."""

    def _clean(self, params):
        return {key: value for key, value in params.items() if value is not None}

    def find_contacts(self, **kwargs):
        """Find contacts.

        Args:
            **kwargs: Optional filters like external_user_id, page and
                per_page.
        """
        # ruleid: python.share.http-known-host user.unique_id recipient=Intercom
        return requests.get("https://api.intercom.io/contacts", params=self._clean(kwargs), timeout=10)

    def update_notes(self, notes):
        """Update notes in one request.

        Args:
            notes: List of note dictionaries to update. Each dictionary must contain:
                - id (str): ID of the note to update
                - body (str, optional): New text of the note
        """
        # the keys its items hold, listed with their types, are the note's fields
        # ruleid: python.share.http-known-host user.content recipient=Intercom
        return requests.put("https://api.intercom.io/notes/batch", json={"notes": notes}, timeout=10)

    def rename_tags(self, tags):
        """Rename tags in one request.

        Args:
            tags: List of tag dictionaries. Each must contain:
                - id (str): ID of the tag
                - name (str): The tag's new name
        """
        # a tag's name is not a person's
        # ruleid: python.share.http-known-host - recipient=Intercom
        return requests.put("https://api.intercom.io/tags/batch", json={"tags": tags}, timeout=10)

    def tag_contact(self, ref, tag):
        """Tag a contact.

        :param ref: The user's id in the application.
        :param tag: The tag's name.
        """
        # ruleid: python.share.http-known-host user.unique_id recipient=Intercom
        return requests.post("https://api.intercom.io/tags", json={"ref": ref, "tag": tag}, timeout=10)

    def list_tags(self, **kwargs):
        """List tags.

        Args:
            **kwargs: Paging options (page, per_page) and the api_key to use.
        """
        # settings and a credential are not a person's data (still sent to a known host: a share without them)
        # ruleid: python.share.http-known-host - recipient=Intercom
        return requests.get("https://api.intercom.io/tags", params=self._clean(kwargs), timeout=10)

    def rename_tag(self, tag, name, renamed_by=None):
        """Rename a tag.

        Args:
            tag: The tag's id.
            name: The new name.
            renamed_by: The user_id of who renamed it, for the audit log.
        """
        # only a sent parameter's own entry counts: `renamed_by` is not sent
        # ruleid: python.share.http-known-host - recipient=Intercom
        return requests.put("https://api.intercom.io/tags", json={"id": tag, "label": name}, timeout=10)


class NoteClient:
    """A client of a notes service: the keys its methods take, listed in prose in their docstrings,
    are fields of the notes its class handles."""

    def update(self, note_id, options=None, **kwargs):
        """Update a note.

        Args:
            note_id: The ID of the note to update.
            options: Typed options (UpdateNoteOptions) with text, metadata,
                     and/or expiration_date fields.
            **kwargs: Alternatively pass text, metadata, or expiration_date
                      as keyword args.
        """
        payload = {**(options.model_dump(exclude_unset=True) if options else {}), **kwargs}
        # ruleid: python.share.http-known-host user.content recipient=Intercom
        return requests.put(f"https://api.intercom.io/notes/{note_id}", json=payload, timeout=10)

    def list(self, **kwargs):
        """List notes.

        Args:
            **kwargs: Paging options (page, page_size, order).
        """
        # the listed keys are settings of a listing, not a note's fields
        # ruleid: python.share.http-known-host - recipient=Intercom
        return requests.get("https://api.intercom.io/notes", params=kwargs, timeout=10)


def update_note(note_id, **kwargs):
    """Update a note.

    Args:
        **kwargs: Alternatively pass text, metadata, or expiration_date.
    """
    # a function of no client class: the listed keys are not read as anyone's fields
    # ruleid: python.share.http-known-host - recipient=Intercom
    return requests.put(f"https://api.intercom.io/notes/{note_id}", json=kwargs, timeout=10)


def not_shares(user, payment_intent_id, base_url):
    # a host from configuration is never labelled, even for a known service
    # ok: python.share.http-known-host
    requests.post(settings.ANALYTICS_URL, json={"email": user.email})
    # ok: python.share.http-known-host
    httpx.post(base_url + "/v1/track", json={"userId": user.id})
    # ok: python.share.http-known-host
    requests.post("https://hooks.internal.example.com/signup", json={"email": user.email})
    # ok: python.share.http-known-host
    requests.get("http://localhost:8000/health")
    # only the service's own object id is sent
    # ok: python.share.http-known-host
    # (a request to a payment host that sends none of the user's data shares nothing)
    requests.get(f"https://api.stripe.com/v1/payment_intents/{payment_intent_id}", auth=(settings.STRIPE_SECRET_KEY, ""))


# --- typed options of a client library, dumped into the request ------------------------------------
# A Pydantic model's dump (`options.model_dump()`) holds what its fields hold. A field whose
# description quotes the keys it holds (`{'user_id': '...'}`) holds them, whatever the field is
# called; prose that mentions no quoted key, or quotes a key that is not personal, adds nothing.

class ContactListOptions(BaseModel):
    filters: dict | None = Field(default=None, description="Filters for the listing (e.g. {'user_id': '...'})")
    per_page: int | None = Field(default=None, description="Number of contacts per page")


class TagListOptions(BaseModel):
    filters: dict | None = Field(default=None, description="Filters for the listing (e.g. {'workspace': '...'})")
    order: str | None = Field(default=None, description="Whether to order by the user's id")


class IntercomHttp:
    def __init__(self, api_key):
        self.client = httpx.Client(base_url="https://api.intercom.io", headers={"Authorization": f"Bearer {api_key}"})

    def list_contacts(self, options: ContactListOptions | None = None, **kwargs):
        params = {**(options.model_dump(exclude_unset=True) if options else {}), **kwargs}
        # ruleid: python.share.http-known-host user.unique_id recipient=Intercom
        return self.client.post("/contacts/search", json=params).json()

    def list_tags(self, options: TagListOptions | None = None, **kwargs):
        # a quoted key that is not personal, and prose that names a person's id without quoting it
        params = {**(options.model_dump(exclude_unset=True) if options else {}), **kwargs}
        # ruleid: python.share.http-known-host - recipient=Intercom
        return self.client.post("/tags/search", json=params).json()


# --- a base class's HTTP helper, handed a fixed host by a per-service subclass ---------------------
# A project's base class whose request helper takes its caller's URL, and subclasses that each call it
# with a host fixed in the code (a literal or a module constant): the project integrates those outside
# services, and what a call sends goes to one, whatever the service (Weblate's machine-translation
# backends, one subclass per provider). Named by the host's domain. Not for a configured URL, a private
# host, or a request that sends only the application's own API key; a direct `requests` call to an
# unknown host, a module function's helper and a class's call of its own helper stay unlabelled, as
# the contract says of unknown hosts.

BAIDU_API = "http://api.fanyi.baidu.com/api/trans/vip/translate"
LOOKUP_ROOT = "https://translation.lookup-service.com/language/translate/v2/"


def fetch(method, url, *, headers=None, timeout=5, **kwargs):
    return requests.request(method, url, headers=headers, timeout=timeout, **kwargs)


class TranslationBackend:
    def __init__(self, settings):
        self.settings = settings

    def request(self, method, url, skip_auth=False, **kwargs):
        headers = {"Accept": "application/json; charset=utf-8"}
        response = fetch(method, url, headers=headers, timeout=5, **kwargs)
        response.raise_for_status()
        return response

    def get_api_url(self, *parts):
        return "/".join([self.settings["url"], *parts])


class GlosbeTranslation(TranslationBackend):
    def download_translations(self, source_language, target_language, text, unit, user):
        params = {"from": source_language, "dest": target_language, "format": "json", "phrase": text}
        # ruleid: python.share.http-fixed-host - recipient=glosbe.com
        response = self.request("get", "https://glosbe.com/gapi/translate", params=params)
        return response.json()


class LookupTranslation(TranslationBackend):
    def download_languages(self):
        # only the application's own key with the service: nothing of a person's
        # ok: python.share.http-fixed-host
        response = self.request("get", LOOKUP_ROOT + "languages", params={"key": self.settings["key"]})
        return response.json()

    def download_translations(self, source, language, text, unit, user):
        # ruleid: python.share.http-fixed-host - recipient=lookup-service.com
        response = self.request(
            "get",
            LOOKUP_ROOT,
            params={"key": self.settings["key"], "q": text, "source": source, "target": language},
        )
        return response.json()


class ConfiguredTranslation(TranslationBackend):
    def download_translations(self, source, language, text, unit, user):
        # the host is the administrator's choice: not labelled
        # ok: python.share.http-fixed-host
        return self.request("post", self.get_api_url("translate"), json={"q": text}).json()


class LocalTranslation(TranslationBackend):
    def download_translations(self, source, language, text, unit, user):
        # a service on the same machine
        # ok: python.share.http-fixed-host
        return self.request("post", "http://localhost:5000/translate", json={"q": text}).json()


class BaiduTranslation(TranslationBackend):
    def download_translations(self, source, language, text, unit, user):
        args = {"q": text, "from": source, "to": language, "appid": self.settings["key"]}
        # the host in a module constant
        # ruleid: python.share.http-fixed-host - recipient=baidu.com
        return self.request("get", BAIDU_API, params=args).json()


def baidu_translate(text, source, target):
    # a module function's helper: no per-service class of a shared base
    # ok: python.share.http-fixed-host
    return fetch("get", BAIDU_API, params={"q": text, "from": source, "to": target}).json()


class EngineSpec:
    engine = "base"


class SheetsEngine(EngineSpec):
    @staticmethod
    def _do_post(url, body, **kwargs):
        return requests.post(url, json=body, timeout=10, **kwargs).json()

    @classmethod
    def df_to_sql(cls, table):
        # the class's own helper (what it sends is a table's name)
        # ok: python.share.http-fixed-host
        return cls._do_post("https://sheets.googleapis.com/v4/spreadsheets", {"properties": {"title": table.table}})


def direct_translate(text):
    # no helper of the project's: an unknown host, unlabelled (the contract)
    # ok: python.share.http-fixed-host
    return requests.post("https://api.translate-anything.com/v1/translate", json={"text": text}).json()


# --- machine translation: the strings people wrote, sent to the vendor's service ------------------

class AWSTranslation:
    # a client a property makes (weblate's machinery): `self.client` is the SDK's client
    @functools.cached_property
    def client(self):
        import boto3 as aws

        return aws.client(service_name="translate", region_name=self.settings["region"])

    def download(self, text, source, target):
        # ruleid: python.share.aws-translate user.content recipient="AWS Translate"
        response = self.client.translate_text(Text=text, SourceLanguageCode=source, TargetLanguageCode=target)
        # ok: python.share.aws-translate
        self.client.list_languages()
        return response["TranslatedText"]

    def download_with_glossary(self, text, source, target, glossary):
        # the parameters spread from a dict the function builds: its `Text` is the content
        params = {"Text": text, "SourceLanguageCode": source, "TargetLanguageCode": target}
        if glossary:
            params["TerminologyNames"] = [glossary]
        # ruleid: python.share.aws-translate user.content recipient="AWS Translate"
        return self.client.translate_text(**params)


class GoogleV3Translation:
    @functools.cached_property
    def client(self):
        credentials = service_account.Credentials.from_service_account_info(json.loads(self.settings["credentials"]))
        return translate_v3.TranslationServiceClient(credentials=credentials)

    def download(self, text, parent):
        request = {"parent": parent, "contents": [text], "target_language_code": "de"}
        # ruleid: python.share.google-translate user.content recipient="Google Cloud Translation"
        return self.client.translate_text(request)


def deepl_translation(text, auth_key):
    translator = deepl.Translator(auth_key)
    # ruleid: python.share.deepl user.content recipient=DeepL
    return translator.translate_text(text, target_lang="DE").text


def azure_translation(client: TextTranslationClient, text):
    # ruleid: python.share.azure-translator user.content recipient="Azure AI Translator"
    return client.translate(body=[text], to_language=["de"])

# --- book catalogue searches, Google Scholar, Gmail, Kobo's store (calibreweb's shapes) -------------

class DoubanProvider:
    SEARCH_URL = "https://www.douban.com/search"
    BOOK_URL = "https://book.douban.com/subject/"
    session = requests.Session()

    def search(self, query):
        # the catalogue's search learns what the user looks for
        # ruleid: python.share.http-known-host user.behavior recipient=Douban
        r = self.session.get(self.SEARCH_URL, params={"cat": 1001, "q": query})
        # ruleid: python.share.http-known-host user.behavior recipient="Google Books"
        google = requests.get("https://www.googleapis.com/books/v1/volumes?q=" + query)
        # ruleid: python.share.http-known-host user.behavior recipient="Open Library"
        library = requests.get("https://openlibrary.org/search.json", params={"title": query})
        return r, google, library

    def fetch(self, book_id):
        # a book fetched by the catalogue's own id: not the search
        # ok: python.share.http-known-host
        return self.session.get(self.BOOK_URL + book_id)


def scholar_search(query):
    # ruleid: python.share.google-scholar user.behavior recipient="Google Scholar"
    return scholarly.search_pubs(query)


def send_gmail(creds, raw):
    service = google_build("gmail", "v1", credentials=creds)
    # ruleid: python.share.gmail user.contact.email recipient=Gmail
    service.users().messages().send(userId="me", body={"raw": raw}).execute()
    # another API of the same client library: the signed-in account's own profile
    # ok: python.share.gmail
    google_build(serviceName="oauth2", version="v2", credentials=creds).userinfo().get().execute()


KOBO_STOREAPI_URL = "https://storeapi.kobo.com"


def proxy_to_kobo(path):
    # the device's request forwarded to Kobo's store: its body, and its headers with the account's token
    # ruleid: python.share.http-known-host user.content recipient=Kobo
    # ruleid: python.request.body user.content
    forwarded = requests.request(method=incoming.method, url=KOBO_STOREAPI_URL + "/" + path, data=incoming.get_data())
    # a lookup by Kobo's own ids sends nothing of the user's
    # ok: python.share.http-known-host
    catalogue = requests.get(KOBO_STOREAPI_URL + "/v1/initialization")
    return forwarded, catalogue


# --- shapes read from letta (the fifteenth session) ----------------------------------------------

ZAI_API_BASE = "https://api.z.ai/api/anthropic"


async def relay_to_zai(modified_body, relayed_headers):
    # httpx's `stream` takes the method first: the URL is its second argument
    async with httpx.AsyncClient(timeout=300.0) as client:
        # ruleid: python.share.http-known-host user.content recipient=Z.ai
        async with client.stream("POST", f"{ZAI_API_BASE}/v1/messages", headers=relayed_headers, content=modified_body) as response:
            async for chunk in response.aiter_bytes():
                yield chunk
    # ruleid: python.share.http-known-host user.content recipient=Anthropic
    with httpx.stream("POST", "https://api.anthropic.com/v1/messages", content=modified_body) as response:
        yield response.read()
    async with httpx.AsyncClient() as client:
        # a fixed host's listing that sends nothing
        # ok: python.share.http-known-host
        async with client.stream("GET", "https://api.z.ai/api/paas/v4/models") as response:
            yield await response.aread()


async def count_and_batch(claude: anthropic.AsyncAnthropic, gclient: google_genai.Client, messages, requests_by_agent):
    # ruleid: python.share.anthropic user.content recipient=Anthropic
    await claude.beta.messages.count_tokens(model="claude-sonnet-4-5", messages=messages, betas=["context-management-2025-06-27"])
    # ruleid: python.share.anthropic user.content recipient=Anthropic
    await claude.messages.batches.create(requests=[{"custom_id": k, "params": v} for k, v in requests_by_agent.items()])
    # cancelling a batch sends only Anthropic's id
    # ok: python.share.anthropic
    await claude.messages.batches.cancel("msgbatch_01")
    # ruleid: python.share.gemini user.content recipient="Google Gemini"
    await gclient.aio.models.count_tokens(model="gemini-2.0-flash", contents=messages)


async def ocr_upload(content: bytes, mime_type: str):
    document_url = f"data:{mime_type};base64,{base64.b64encode(content).decode()}"
    async with Mistral(api_key=settings.MISTRAL_API_KEY) as mistral:
        # ruleid: python.share.mistral user.content recipient=Mistral
        return await mistral.ocr.process_async(model="mistral-ocr-latest", document={"type": "document_url", "document_url": document_url})


class ToolSandbox:
    """An agent's tool run in E2B's cloud: the sandbox made in a helper that names its class."""

    async def make_sandbox(self, template) -> "AsyncSandbox":
        return await AsyncSandbox.create(template, metadata={"config": "hash"})

    async def run(self, tool_args: dict, secrets: dict):
        sandbox = await self.make_sandbox("base")
        code = f"result = tool(**{tool_args!r})"
        # the secrets the tool is given are sent with it
        # ruleid: python.share.e2b user.authorization.credentials recipient=E2B
        execution = await sandbox.run_code(code, envs=secrets)
        # a literal script sends nothing of the user's
        # ok: python.share.e2b
        await sandbox.run_code("import sys; print(sys.version)")
        return execution


async def agent_web_search(query: str, urls: list[str]):
    """An agent's web-search tool (R2R's): Tavily's SDK, the call run in an executor by a lambda."""
    tavily_client = TavilyClient(api_key=os.environ.get("TAVILY_API_KEY"))
    raw_results = await asyncio.get_event_loop().run_in_executor(
        None,
        # ruleid: python.share.tavily user.behavior recipient=Tavily
        lambda: tavily_client.search(query=query, search_depth="advanced", max_results=10),
    )
    # pages fetched at URLs the agent chose: not modelled
    # ok: python.share.tavily
    pages = tavily_client.extract(urls=urls)
    # a lambda that only sorts calls nothing
    # ok: python.share.tavily
    ranked = sorted(raw_results["results"], key=lambda result: result["score"])
    return ranked, pages


async def upload_for_ocr(mistral: Mistral, file_name: str, file_content: bytes):
    # the uploaded document's name and bytes, processed later by the file's id
    # ruleid: python.share.mistral user.content recipient=Mistral
    return await mistral.files.upload_async(file={"file_name": file_name, "content": file_content}, purpose="ocr")


async def partition_upload(file_content: bytes, file_name: str, req):
    client = UnstructuredClient(api_key_auth=settings.UNSTRUCTURED_API_KEY)
    # the partition request carries the uploaded file to parse
    # ruleid: python.share.unstructured user.content recipient=Unstructured
    return await client.general.partition_async(request=req)


# --- clients declared in one place, made in another (the eighteenth session) -----------------------

if typing.TYPE_CHECKING:
    from groq import AsyncGroq


class MachineTranslation:
    """weblate's machinery: the base class declares the client its methods call (the type imported for
    checking only); each subclass makes its own (`self.client = AsyncGroq(base_url=...)`)."""

    client: AsyncGroq
    model: str

    @typing.overload
    async def translate(self, text: str): ...
    @typing.overload
    async def translate(self, text: list[str]): ...
    async def translate(self, text):
        # the implementation after its overload stubs (analysed as every later def of a name is)
        # ruleid: python.share.groq user.content recipient=Groq
        return await self.client.chat.completions.create(model=self.model, messages=[{"role": "user", "content": text}])


class RemoteTranslator:
    """A project's own client class: what it does with the text is its own code's, read where it is."""

    def create(self, **kwargs):
        return kwargs


class ProjectTranslation:
    client: RemoteTranslator
    model: str

    def translate(self, text: str):
        # ok: python.share.groq
        return self.client.create(model=self.model, messages=[{"role": "user", "content": text}])


# --- spam checks and SMS through a provider's API client -------------------------------------------

SFS_API_URL = "http://api.stopforumspam.org/api?email=%(email)s&ip=%(ip)s&f=json"


def stop_forum_spam_check(ip, email):
    """misago's sign-up check: the address and IP of the person signing up, in the query."""
    # ruleid: python.share.http-known-host user.contact.email,user.device.ip_address recipient=StopForumSpam
    return requests.get(SFS_API_URL % {"email": email, "ip": ip}, timeout=5).json()


def stop_forum_spam_status():
    # nothing of anyone's in the request
    # ok: python.share.http-known-host
    return requests.get("https://api.stopforumspam.org/api?f=json", timeout=5).json()


class OvhSmsBackend:
    """modoboa's SMS backend: OVH's API client, made by a cached property."""

    @functools.cached_property
    def client(self):
        return ovh.Client(endpoint="ovh-eu", application_key=settings.OVH_KEY, application_secret=settings.OVH_SECRET)

    def send(self, text, recipients):
        # a read of OVH's own service names
        # ok: python.share.ovh
        services = self.client.get("/sms")
        # the text and the numbers the callers give
        # ruleid: python.share.ovh - recipient=OVHcloud
        return self.client.post(f"/sms/{services[0]}/jobs", message=text, receivers=recipients, priority="high")

    def send_code(self, user, code):
        # ruleid: python.share.ovh user.contact.phone_number recipient=OVHcloud
        return self.client.post("/sms/default/jobs", message=f"Your code: {code}", receivers=[user.phone_number])


# --- a client picked from the providers a method returns (the eighteenth session) ----------------

class ChatProviders:
    """r2r's LLM provider: one OpenAI client per provider (DeepSeek's through OpenAI's SDK with its own
    base URL), picked by the model's prefix along with the model's name."""

    def __init__(self, config):
        self.openai_client = None
        self.deepseek_client = None
        if config.openai:
            self.openai_client = OpenAI()
        if config.deepseek:
            self.deepseek_client = OpenAI(base_url="https://api.deepseek.com")

    def _get_client_and_model(self, model: str):
        if model.startswith("deepseek/"):
            return self.deepseek_client, model[9:]
        return self.openai_client, model

    def complete(self, messages, model):
        client, model_name = self._get_client_and_model(model)
        # ruleid: python.share.openai user.content recipient=OpenAI
        return client.chat.completions.create(model=model_name, messages=messages)


class MixedProviders:
    """Two SDKs behind one pick: which one receives the chat is known at run time only."""

    def __init__(self, config):
        self.openai_client = OpenAI()
        self.groq_client = AsyncGroq()

    def _pick(self, model: str):
        if model.startswith("groq/"):
            return self.groq_client, model[5:]
        return self.openai_client, model

    def complete(self, messages, model):
        client, model_name = self._pick(model)
        # ok: python.share.openai
        return client.chat.completions.create(model=model_name, messages=messages)


# --- a URL built by a getter's branches on one host (the eighteenth session) ------------------------

OPENAI_DEFAULT_BASE = "https://api.openai.com/v1"


class RawOpenAIClient:
    """pgadmin's OpenAI provider: the base URL a setting with OpenAI's host as the fallback in the code,
    the endpoint chosen by a getter."""

    def __init__(self, api_url=None):
        self._base_url = (api_url or OPENAI_DEFAULT_BASE).rstrip("/")
        self._use_responses_api = False

    @property
    def _api_url(self):
        if self._use_responses_api:
            return f"{self._base_url}/responses"
        return f"{self._base_url}/chat/completions"

    @property
    def _mirror_url(self):
        if self._use_responses_api:
            return "https://api.example-mirror.com/v1/responses"
        return f"{self._base_url}/chat/completions"

    def chat(self, messages):
        # ruleid: python.share.http-known-host user.content recipient=OpenAI
        request = urllib.request.Request(self._api_url, data=json.dumps({"messages": messages}).encode(), method="POST")
        return urllib.request.urlopen(request).read()

    def mirrored(self, messages):
        # two hosts: which one receives the chat is known at run time only
        # ok: python.share.http-known-host
        request = urllib.request.Request(self._mirror_url, data=json.dumps({"messages": messages}).encode(), method="POST")
        return urllib.request.urlopen(request).read()


# --- A research agent's retrievers and image generators (gpt-researcher's) ---------------------------------


class BochaSearch:
    def __init__(self, query):
        self.query = query

    def search(self, max_results=5):
        data = {"query": self.query, "count": max_results}
        # ruleid: python.share.http-known-host user.behavior recipient=Bocha
        return requests.post("https://api.bochaai.com/v1/web-search", json=data, timeout=10).json()


class PubMedCentralSearch:
    def __init__(self, query):
        self.query = query
        self.base_search_url = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi"
        self.base_fetch_url = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi"

    def search(self, max_results=5):
        # ruleid: python.share.http-known-host user.behavior recipient=NCBI
        found = requests.get(self.base_search_url, params={"db": "pmc", "term": self.query}, timeout=10).json()
        ids = found["esearchresult"]["idlist"]
        # the articles' ids esearch returned: NCBI's own
        # ok: python.share.http-known-host
        return requests.get(self.base_fetch_url, params={"db": "pmc", "id": ",".join(ids)}, timeout=10)


def arxiv_search(query):
    import arxiv

    # ruleid: python.share.arxiv user.behavior recipient=arXiv
    return list(arxiv.Client().results(arxiv.Search(query=query, max_results=5)))


def exa_search(query):
    from exa_py import Exa

    client = Exa(api_key=os.environ["EXA_API_KEY"])
    # ruleid: python.share.exa user.behavior recipient=Exa
    return client.search(query, num_results=5)


def imagen(prompt: str):
    from google import genai

    client = genai.Client(api_key=os.environ["GOOGLE_API_KEY"])
    # ruleid: python.share.gemini user.content recipient="Google Gemini"
    return client.models.generate_images(model="imagen-4.0-generate-001", prompt=prompt)


TEXT2IMG_URL = "https://modelslab.com/api/v6/images/text2img"
FETCH_BASE_URL = "https://modelslab.com/api/v6/images/fetch"


def modelslab_images(prompt: str, key: str):
    # ruleid: python.share.http-known-host user.content recipient=ModelsLab
    started = requests.post(TEXT2IMG_URL, json={"key": key, "prompt": prompt}, timeout=30).json()
    # polling by the job's id: ModelsLab's own
    # ok: python.share.http-known-host
    return requests.post(f"{FETCH_BASE_URL}/{started['id']}", json={"key": key}, timeout=30)


async def modelslab_fallback(prompt: str, key: str):
    payload = {"key": key, "prompt": prompt}
    # a request sent by a lambda handed to a thread, its result read on
    # ruleid: python.share.http-known-host user.content recipient=ModelsLab
    body = await asyncio.to_thread(lambda: requests.post(TEXT2IMG_URL, json=payload, timeout=30).json())
    # a lambda that only reads a result sends nothing
    # ok: python.share.http-known-host
    ids = await asyncio.to_thread(lambda: sorted(body["output"]))
    return ids
