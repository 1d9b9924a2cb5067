"""Annotated examples for schemas.toml: schema fields that declare personal data (`collect`).

`# ruleid: RULE [CATEGORIES]` says an observation of RULE (with exactly those sorted
categories, when given) must start on the next code line; `# ok: RULE` says none may.
`# todoruleid:` / `# todook:` record what the engine misses or wrongly reports today.
tests/test_rule_examples.py checks every annotation, and that every observation in this file
is annotated. The file is analysed, never run.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal, Optional, TypedDict, cast

import attr as attrs_classic
import attrs
import beanie
import colander
import cattrs
import cerberus
import dacite
import httpx
import fastjsonschema
import jsonschema
import marshmallow
import mongoengine as me
import msgspec
import peewee
import scim2_models
import sqlalchemy as sa
import typing_extensions
import voluptuous
import webargs.flaskparser
import werkzeug.local
import whoosh.fields
from haystack import indexes as haystack_indexes
from mautrix.util.async_db import Database
from mailman.interfaces.action import Action
from mailman.rest.validator import GetterSetter, Validator, as_boolean, enum_validator, list_of_emails_validator, list_id_validator
from django import forms
from i18nfield.fields import I18nCharField, I18nTextField
from parler.models import TranslatedField
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.contrib.auth.models import AbstractUser
from alembic import op
from django.db import models
from django.contrib.postgres.fields import ArrayField
from django.utils.translation import gettext_lazy as _
from djblets.db.fields import RelationCounterField
from djblets.webapi.decorators import webapi_request_fields
from djblets.webapi.fields import BooleanFieldType, FileFieldType, ResourceFieldType, StringFieldType
from fastapi import APIRouter, Body, Depends, Form, Request, Security
from geoalchemy2 import Geometry, WKBElement
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import FlaskForm
from marshmallow import fields as mf
from myapp.util.marshmallow import LowercaseString
from myapp.web.args import use_kwargs
from myapp.schemas import AffiliationArgs, ChartQuerySchema, make_link_field
from myapp.uploads import UploadFileType
from webargs import fields as wfields
from myapp.lib.navl import validators as navl
from myapp.forms import NamePartsFormField
from myapp.payment import BasePaymentProvider
from myapp.logic.schema import default_create_dataset_schema, default_plugin_extras_schema, validator_args
from phonenumber_field.modelfields import PhoneNumberField
from pgvector.django import VectorField
from pydantic import BaseModel, EmailStr, Field, SecretStr, TypeAdapter, create_model
from pydantic_settings import BaseSettings
from rest_framework import serializers, viewsets
from rest_framework.response import Response as DRFResponse
from drf_spectacular.utils import extend_schema
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, types
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import INET
from sqlalchemy.orm import DeclarativeBase, Mapped, declarative_base, mapped_column, relationship
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel
from wtforms import BooleanField, EmailField, FieldList, HiddenField, PasswordField, StringField, SubmitField, TelField
from wtforms.validators import DataRequired, Email

router = APIRouter()
blp = Blueprint("accounts", __name__)
db = SQLAlchemy()


# --- Django models and forms --------------------------------------------------------------------

class Customer(models.Model):
    # ok: python.django.model-field
    id = models.BigAutoField(primary_key=True)
    # ok: python.django.model-field
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.contact.email
    email = models.EmailField(unique=True)
    # ruleid: python.django.model-field user.contact.phone_number
    phone = PhoneNumberField(blank=True)
    # ruleid: python.django.model-field user.name.first
    first_name = models.CharField(max_length=150)
    # ruleid: python.django.model-field user.demographic.date_of_birth
    date_of_birth = models.DateField(null=True, blank=True)
    # ruleid: python.django.model-field user.content.self_image
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    # ruleid: python.django.model-field user.device.ip_address
    signup_ip = models.GenericIPAddressField(null=True)
    # the field's type says what a neutral name holds
    # ruleid: python.django.model-field user.contact.email
    contact = models.EmailField(blank=True)
    # ok: python.django.model-field
    referred_by = models.ForeignKey("self", null=True, on_delete=models.SET_NULL)
    # ok: python.django.model-field
    plan = models.CharField(max_length=20, choices=[("free", "Free"), ("pro", "Pro")])
    # ok: python.django.model-field
    created_at = models.DateTimeField(auto_now_add=True)
    # ok: python.django.model-field
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]


class Queue(models.Model):
    """A help desk's mailbox settings: a machine's address is the application's configuration."""

    # ok: python.django.model-field
    socks_proxy_host = models.GenericIPAddressField(blank=True, null=True)
    # ok: python.django.model-field
    smtp_server = models.GenericIPAddressField(blank=True, null=True)
    # a queue is not a person: the address it receives mail at is the desk's (its type too)
    # ok: python.django.model-field
    email_address = models.EmailField(blank=True, null=True)
    # ok: python.django.model-field
    title = models.CharField(max_length=100)


class ArchivedEmail(models.Model):
    """A mail archive's message (HyperKitty's `Email`), tied to its sender: what the sender wrote."""

    # ok: python.django.model-field
    sender = models.ForeignKey(Customer, on_delete=models.CASCADE)
    # the subject beside a body read as the sender's own words is theirs too
    # ruleid: python.django.model-field user.content
    subject = models.CharField(max_length=512)
    # ruleid: python.django.model-field user.content
    content = models.TextField()


class MailingList(models.Model):
    """A mailing list (HyperKitty's archive of one): a group of subscribers, read as one word."""

    # the list's own names, not a person's
    # ok: python.django.model-field
    name = models.CharField(max_length=254, unique=True)
    # ok: python.django.model-field
    display_name = models.CharField(max_length=255)


class QueueSubscriber(models.Model):
    """A person subscribed to a queue's mail: the head word decides, and a subscriber is a person."""

    queue = models.ForeignKey(Queue, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.contact.email
    email_address = models.EmailField()


class FollowUp(models.Model):
    """A reply on a help-desk ticket (`FollowUp` reads as one word, a reply), and the addresses it was mailed to."""

    # ok: python.django.model-field
    date = models.DateTimeField(auto_now_add=True)
    # ruleid: python.django.model-field user.content
    title = models.CharField(max_length=200, blank=True, null=True)
    # ruleid: python.django.model-field user.content
    comment = models.TextField(blank=True, null=True)
    # ruleid: python.django.model-field user.contact.email
    email_recipients = models.JSONField(blank=True, null=True, default=None)


class Ticket(models.Model):
    # ruleid: python.django.model-field user.content
    resolution = models.TextField(blank=True, null=True)


class LinkedAccount(models.Model):
    """A person's account at an outside service, linked to theirs: the service's id of them is theirs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ok: python.django.model-field
    service_id = models.CharField(max_length=64)
    # ruleid: python.django.model-field user.unique_id
    service_user_id = models.CharField(max_length=254)


class DiffCommit(models.Model):
    """A commit uploaded for review: its author and committer are people."""

    # ruleid: python.django.model-field user.name
    author_name = models.CharField(max_length=256)
    # ruleid: python.django.model-field user.name
    committer_name = models.CharField(max_length=256, null=True)
    # ok: python.django.model-field
    commit_id = models.CharField(max_length=64)


class ReviewRequestDraft(models.Model):
    """A review request before it is published: its fields are the review request's."""

    # ruleid: python.django.model-field user.content
    summary = models.CharField(max_length=300)
    # ok: python.django.model-field
    last_updated = models.DateTimeField()


class FileAttachment(models.Model):
    """A file a person uploads: what they write about it, published and as a draft."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    caption = models.CharField(max_length=256)
    # ruleid: python.django.model-field user.content
    draft_caption = models.CharField(max_length=256)


class Screenshot(models.Model):
    """A screenshot a person uploads, with the caption they write under it."""

    # ruleid: python.django.model-field user.content
    caption = models.CharField(max_length=256, blank=True)
    # ruleid: python.django.model-field user.content
    draft_caption = models.CharField(max_length=256, blank=True)
    # ruleid: python.django.model-field user.content
    image = models.ImageField(upload_to="uploaded/images/%Y/%m/%d")


class FileAttachmentHistory(models.Model):
    """djblets' counter of a relation: a number, whatever relation its first argument names."""

    # ok: python.django.model-field
    latest_revision = RelationCounterField("file_attachments")
    # ok: python.django.model-field
    file_attachments_count = RelationCounterField("file_attachments", verbose_name=_("file attachments count"))


class Question(models.Model):
    """pretalx's question an organiser asks speakers (django-i18nfield): a text kept in each of the
    event's languages is written by those who run the service, not by the person who answers."""

    # ok: python.django.model-field
    question = I18nCharField(max_length=800, verbose_name=_("Label"))
    # ok: python.django.model-field
    help_text = I18nTextField(null=True, blank=True)


class Resource(models.Model):
    """pretalx's resource of a proposal: what its author writes about the file or link they attach."""

    submission = models.ForeignKey(to="submission.Submission", on_delete=models.PROTECT)
    # ruleid: python.django.model-field user.content
    description = models.CharField(null=True, blank=True, max_length=1000)
    # ok: python.django.model-field
    position = models.IntegerField(default=0)


class Attachment(models.Model):
    """A relation that names a pointer (`last_post`), not the one post it belongs to."""

    last_post = models.ForeignKey("Post", on_delete=models.SET_NULL, null=True)
    # ok: python.django.model-field
    description = models.CharField(max_length=200)


class SpeakerUser(models.Model):
    # a person's short handle
    # ruleid: python.django.model-field user.account.username
    nick = models.CharField(max_length=60, null=True, blank=True)


class SpeakerInformation(models.Model):
    """pretalx's notice to speakers: a record written in each of the event's languages is the
    service's, and so is the file attached to it."""

    # ok: python.django.model-field
    title = I18nCharField(max_length=200)
    # ok: python.django.model-field
    resource = models.FileField(null=True, blank=True)


class Answer(models.Model):
    """pretalx's answer to an organiser's question: its relations are given by `to=`."""

    question = models.ForeignKey(to=Question, on_delete=models.PROTECT)
    person = models.ForeignKey(to="person.User", on_delete=models.PROTECT, null=True)
    # the long text of a row tied to a person, named for what people write: theirs
    # ruleid: python.django.model-field user.content
    answer = models.TextField()


class Submission(models.Model):
    """A talk proposal: its summary is the speaker's text, as its description is."""

    # ruleid: python.django.model-field user.content
    abstract = models.TextField(null=True, blank=True)

    class Meta:
        # ok: python.django.model-field
        abstract = False


class SpeakerProfile(models.Model):
    user = models.ForeignKey(to="person.User", on_delete=models.CASCADE)
    # what organisers note about the speaker, kept on their record
    # ruleid: python.django.model-field user.content
    internal_notes = models.TextField(null=True, blank=True)


class Faq(models.Model):
    """django-parler's translated field: the site's own FAQ, one text per language."""

    # ok: python.django.model-field
    question = TranslatedField()


class TicketCustomFieldValue(models.Model):
    """The answer entered for a custom field an administrator defined."""

    # ok: python.django.model-field
    field = models.ForeignKey("CustomField", on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    value = models.TextField(blank=True, null=True)


class UserFieldValue(Base):
    """The answers to the fields an administrator adds to every user's profile (Fief), one typed
    column per kind of field: whatever the type, what a person answered."""

    __tablename__ = "user_field_values"
    # ruleid: python.sqlalchemy.column user.content
    value_string: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    # ruleid: python.sqlalchemy.column user.content
    value_integer: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    # a consent checkbox's answer: not a flag the service keeps
    # ruleid: python.sqlalchemy.column user.content
    value_boolean: Mapped[bool | None] = mapped_column(sa.Boolean, nullable=True)
    # ruleid: python.sqlalchemy.column user.content
    value_date: Mapped[date | None] = mapped_column(sa.Date, nullable=True)
    # ruleid: python.sqlalchemy.column user.content
    value_json: Mapped[Any | None] = mapped_column(sa.JSON, nullable=True)
    # ok: python.sqlalchemy.column
    user_field_id: Mapped[int] = mapped_column(sa.ForeignKey("user_fields.id"))


class DatasetQuestion(Base):
    """argilla-server's question of an annotation dataset: it says whether an answer is required, so it
    is the question an administrator defines for annotators (its title and description are theirs, not
    a person's post); the annotators' answers are stored elsewhere."""

    __tablename__ = "questions"
    # ok: python.sqlalchemy.column
    title: Mapped[str] = mapped_column(sa.Text)
    # ok: python.sqlalchemy.column
    description: Mapped[str] = mapped_column(sa.Text, nullable=True)
    # ok: python.sqlalchemy.column
    required: Mapped[bool] = mapped_column(default=False)


class ForumQuestion(Base):
    """A question a person posts on a Q&A forum: no answer is required of anyone, its title is theirs."""

    __tablename__ = "forum_questions"
    # ruleid: python.sqlalchemy.column user.content
    title: Mapped[str] = mapped_column(sa.Text)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))


class SurveyQuestionForm(forms.ModelForm):
    """ephios' questionnaire question edited by its organiser: the form takes its required flag."""

    class Meta:
        model = Question
        # ok: python.django.form-field
        fields = ["question_text", "description", "required", "type"]


class AskQuestionForm(forms.ModelForm):
    """The same model taken without a required flag: a question a person asks."""

    class Meta:
        model = Question
        # ruleid: python.django.form-field user.content
        fields = ["question_text", "description"]


class OAuthAccount(Base):
    """An account at an outside identity provider linked to a user (fastapi-users', Fief's)."""

    __tablename__ = "oauth_accounts"
    # ruleid: python.sqlalchemy.column user.authorization.credentials
    access_token: Mapped[str] = mapped_column(sa.Text, nullable=False)
    # the person's id at the provider, not a pointer at one of the service's rows
    # ruleid: python.sqlalchemy.column user.unique_id
    account_id: Mapped[str] = mapped_column(sa.String(length=512), index=True, nullable=False)
    # ruleid: python.sqlalchemy.column user.contact.email
    account_email: Mapped[str | None] = mapped_column(sa.String(length=512), nullable=True)
    # ok: python.sqlalchemy.column
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))


class LedgerEntry(Base):
    """Near-miss: an `account_id` of a row not named for an outside provider refers to an account."""

    __tablename__ = "ledger_entries"
    # ok: python.sqlalchemy.column
    account_id: Mapped[str] = mapped_column(sa.String(length=64))


class AdminSessionToken(Base):
    __tablename__ = "admin_session_tokens"
    # ruleid: python.sqlalchemy.column user.authorization.credentials
    token: Mapped[str] = mapped_column(sa.String(length=255), unique=True)
    # the tokens the sign-in was answered with (access, ID, refresh), kept as JSON
    # ruleid: python.sqlalchemy.column user.authorization.credentials
    raw_tokens: Mapped[str] = mapped_column(sa.Text, nullable=False)


class LoginSession(Base):
    """An OpenID Connect authorization request kept while the person signs in."""

    __tablename__ = "login_sessions"
    # OIDC's prompt parameter (login, consent, none): not a person's text
    # ok: python.sqlalchemy.column
    prompt: Mapped[str | None] = mapped_column(sa.String(length=255), nullable=True)
    # ok: python.sqlalchemy.column
    nonce: Mapped[str | None] = mapped_column(sa.String(length=255), nullable=True)


class SettingValue(Base):
    """Near-miss: a typed value of a record no person fills in (a setting's)."""

    __tablename__ = "setting_values"
    # ok: python.sqlalchemy.column
    value_integer: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    # ok: python.sqlalchemy.column
    value_string: Mapped[str | None] = mapped_column(sa.Text, nullable=True)


class CustomAddress(BaseModel):
    """A value class named in a map of field types beside scalar types: the type of a field a
    builder makes at run time for a request model (one per field an administrator defines)."""

    # ruleid: python.pydantic.field user.contact.address.street
    line1: str
    # ruleid: python.pydantic.field user.contact.address.city
    city: str


class CustomMoney(BaseModel):
    """Near-miss: named in a map of handlers, with no scalar type beside it."""

    # ok: python.pydantic.field
    city: str


class CustomRetry(BaseModel):
    """Near-miss: a scalar-typed map whose name does not say it holds fields' types."""

    # ok: python.pydantic.field
    city: str


USER_FIELD_TYPES = {"string": str, "integer": int, "boolean": bool, "address": CustomAddress}
EXPORTERS = {"csv": print, "json": repr, "money": CustomMoney}
RETRY_TYPES = {"count": int, "delay": float, "policy": CustomRetry}


class CustomFieldMixin:
    """A mixin that adds the fields of the forms extending it: they are those forms' fields."""

    def customfield_to_field(self, field, instanceargs):
        # ruleid: python.django.form-field user.content
        self.fields[f"custom_{field.name}"] = forms.CharField(**instanceargs)


class EditTicketForm(CustomFieldMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        # ruleid: python.django.form-field user.content
        fields = ("title", "comment", "date")


class ChoicesMixin:
    """Extended by no form: its `self.fields` is not a form's."""

    def add_choice(self, choice):
        # ok: python.django.form-field
        self.fields[f"custom_{choice.name}"] = forms.CharField()


class AbstractTicketForm(forms.Form):
    """Fields declared only when a setting is on are declared."""

    # ruleid: python.django.form-field user.content
    body = forms.CharField(widget=forms.Textarea(), label=_("Description of your issue"))

    if settings.HELPDESK_ENABLE_ATTACHMENTS:
        # ruleid: python.django.form-field user.content
        attachment = forms.FileField(required=False, label=_("Attach File"))
    else:
        # ok: python.django.form-field
        attachment_note = forms.CharField(disabled=True, required=False)


class PreSetReply(models.Model):
    """A canned reply staff pick from: the service's own text."""

    # ok: python.django.model-field
    body = models.TextField()


class Member(AbstractUser):
    # ok: python.django.model-field
    EMAIL_FIELD = "email"
    # ok: python.django.model-field
    PASSWORD_MIN_LENGTH = 12
    # ruleid: python.django.model-field user.demographic.gender
    gender = models.CharField(max_length=16, blank=True)


class AppUser(AbstractUser):
    # ruleid: python.django.model-field user.contact.phone_number
    phone_number = PhoneNumberField(null=True, default=None, blank=True)
    # a flag about the number or the address, not the number or the address
    # ok: python.django.model-field
    verified_phone_number = models.BooleanField(default=False)
    # ok: python.django.model-field
    verified_email = models.BooleanField(default=False)
    # ruleid: python.django.model-field user.contact.email
    verified_email_address = models.EmailField(null=True, blank=True)


class GoogleAccount(models.Model):
    # ok: python.django.model-field
    user = models.OneToOneField(AppUser, on_delete=models.CASCADE)
    # OpenID Connect's subject claim: the person's id at Google
    # ruleid: python.django.model-field user.unique_id
    sub = models.CharField(max_length=200)


class OIDCAccount(models.Model):
    # ok: python.django.model-field
    provider_id = models.CharField(max_length=64)
    # the subject the provider beside it issued (gramps-webapi): the person's id there
    # ruleid: python.django.model-field user.unique_id
    subject_id = models.CharField(max_length=255)


class Lesson(models.Model):
    # a course's subject, no person's: the owner says what the id is of
    # ok: python.django.model-field
    subject_id = models.CharField(max_length=32)


# A shop's records that name who wrote or owns them by the record's meaning: an anonymous
# review's writer, a stored payment card, a shipping address's notes, a kept search.
class AbstractProductReview(models.Model):
    # ruleid: python.django.model-field user.content
    title = models.CharField(_("Title"), max_length=255)
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, on_delete=models.CASCADE)
    # fields to be completed if the user is anonymous
    # ruleid: python.django.model-field user.name
    name = models.CharField(_("Name"), max_length=255, blank=True)
    # ruleid: python.django.model-field user.contact.email
    email = models.EmailField(_("Email"), blank=True)
    # ruleid: python.django.model-field user.contact.social_url
    homepage = models.URLField(_("URL"), blank=True)
    # ok: python.django.model-field
    code = models.CharField(_("Code"), max_length=255, blank=True, null=True, unique=True)

    class Meta:
        abstract = True


class AbstractBankcard(models.Model):
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bankcards")
    # ruleid: python.django.model-field user.financial.credit_card
    card_type = models.CharField(_("Card Type"), max_length=128)
    # ruleid: python.django.model-field user.name
    name = models.CharField(_("Name"), max_length=255, blank=True)
    # ruleid: python.django.model-field user.financial.credit_card
    number = models.CharField(_("Number"), max_length=32)
    # ruleid: python.django.model-field user.financial.credit_card
    expiry_date = models.DateField(_("Expiry Date"))

    class Meta:
        abstract = True


# a payment card named in two words: the same card as a Bankcard
class CreditCard(models.Model):
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.name
    name = models.CharField(max_length=255)
    # ruleid: python.django.model-field user.financial.credit_card
    number = models.CharField(max_length=32)


# an AI model a service is configured with: its name and description are the service's, not a chat's
class ChatModel(models.Model):
    # ok: python.django.model-field
    name = models.CharField(max_length=200)
    # ok: python.django.model-field
    description = models.TextField(blank=True, null=True)
    # ok: python.django.model-field
    max_prompt_size = models.IntegerField(default=None, null=True, blank=True)


# a card of a board or a dashboard: its number and name are the card's own
class Card(models.Model):
    # ok: python.django.model-field
    name = models.CharField(max_length=255)
    # ok: python.django.model-field
    number = models.PositiveIntegerField()
    # ok: python.django.model-field
    card_type = models.CharField(max_length=32)


class AbstractShippingAddress(models.Model):
    # ruleid: python.django.model-field user.contact.address.street
    line1 = models.CharField(_("First line of address"), max_length=255)
    # a foreign key to a table of reference values stores the value chosen: the person's country
    # ruleid: python.django.model-field user.contact.address.country
    country = models.ForeignKey("address.Country", on_delete=models.CASCADE, verbose_name=_("Country"))
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ok: python.django.model-field
    partner = models.ForeignKey("partner.Partner", on_delete=models.CASCADE)
    # a reference value that is not personal data
    # ok: python.django.model-field
    currency = models.ForeignKey("Currency", on_delete=models.PROTECT)
    # ruleid: python.django.model-field user.content
    notes = models.TextField(blank=True, verbose_name=_("Instructions"))
    # the address's fields copied into one text for searching
    # ruleid: python.django.model-field user.contact.address
    search_text = models.TextField(_("Search text - used only for searching addresses"), editable=False)


class ProgressPhoto(models.Model):
    # one person's thing (a relation named for a person in one word): what they write about it is
    # theirs, in a text field of any length
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    description = models.CharField(max_length=200, blank=True)


class Forum(models.Model):
    # a person tied to a row in a role (the last poster) does not write its description
    # ok: python.django.model-field
    last_post_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    # ok: python.django.model-field
    description = models.TextField(blank=True)


class Gym(models.Model):
    # a place with an address of its own: its name is the place's, not an addressee's
    # ok: python.django.model-field
    name = models.CharField(max_length=60)
    # ruleid: python.django.model-field user.contact.address.street
    street = models.CharField(max_length=30, blank=True)
    # ruleid: python.django.model-field user.contact.address.city
    city = models.CharField(max_length=30, blank=True)


class Project(models.Model):
    # ok: python.django.model-field
    notes = models.TextField(blank=True)
    # the project's country, not a person's
    # ok: python.django.model-field
    country = models.ForeignKey("address.Country", on_delete=models.CASCADE)
    # ok: python.django.model-field
    homepage = models.URLField(blank=True)


class AbstractUserSearch(models.Model):
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.behavior
    query = models.CharField(_("Search term"), max_length=255, db_index=True)
    # ok: python.django.model-field
    date_created = models.DateTimeField(_("Date Created"), auto_now_add=True)


class Query(models.Model):
    """wagtail's record of the queries typed into the site's search (with their daily hits): a model
    whose head word is `query` holds what was searched, as a `search`'s does."""

    # ruleid: python.django.model-field user.behavior
    query_string = models.CharField(max_length=255, unique=True)
    # ok: python.django.model-field
    hits = models.IntegerField(default=0)


class DbCommentModel(models.Model):
    # ok: python.django.model-field
    name = models.CharField(max_length=15, db_comment="'Name' column comment")


class ApiUser(models.Model):
    """API tokens a user issues to their clients."""

    # ok: python.django.model-field
    user = models.ForeignKey(AppUser, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.authorization.credentials
    token = models.CharField(max_length=50, unique=True)
    # the label a person gives the key, not a person's name
    # ok: python.django.model-field
    name = models.CharField(max_length=50)


class GithubConfig(models.Model):
    # a configuration kept per person: its token is theirs
    # ruleid: python.django.model-field user.authorization.credentials
    pat_token = models.CharField(max_length=200)
    # ok: python.django.model-field
    user = models.ForeignKey(AppUser, on_delete=models.CASCADE)


class SmtpConfig(models.Model):
    # the service's own configuration, kept once: its password is the deployment's
    # ok: python.django.model-field
    password = models.CharField(max_length=200)
    # ok: python.django.model-field
    host = models.CharField(max_length=200)


class PublicConversation(models.Model):
    # ok: python.django.model-field
    source_owner = models.ForeignKey(AppUser, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    conversation_log = models.JSONField(default=dict)


class NoteChunk(models.Model):
    """A person's notes, cut into chunks and embedded for search: the long text is theirs."""

    # ok: python.django.model-field
    user = models.ForeignKey(AppUser, on_delete=models.CASCADE)
    # ok: python.django.model-field
    embeddings = VectorField(dimensions=None)
    # ruleid: python.django.model-field user.content
    raw = models.TextField()
    # ruleid: python.django.model-field user.content
    compiled = models.TextField()
    # ok: python.django.model-field
    file_type = models.CharField(max_length=30)


class HelpArticleChunk(models.Model):
    """The service's own help pages, embedded for search: rows of no person."""

    # ok: python.django.model-field
    embeddings = VectorField(dimensions=1536)
    # ok: python.django.model-field
    raw = models.TextField()


class ScheduledMessage(models.Model):
    """A mail a person schedules in a webmail (modoboa's): its body is theirs, its thread's ids not."""

    # ok: python.django.model-field
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    body = models.TextField()
    # the ids of the messages it answers (a mail's `References` header), however long: no text
    # ok: python.django.model-field
    references = models.TextField(blank=True, default="")


class ForumPost(models.Model):
    """A forum keeps the name of who wrote, edited or hid a post beside the key to their account
    (a Misago post): the name still shows when the account is gone. The names are the logins."""

    # ok: python.django.model-field
    poster = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    # ruleid: python.django.model-field user.account.username
    poster_name = models.CharField(max_length=255)
    # ok: python.django.model-field
    last_editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # ruleid: python.django.model-field user.account.username
    last_editor_slug = models.SlugField(max_length=255, null=True, blank=True)
    # ok: python.django.model-field
    hidden_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    # ruleid: python.django.model-field user.account.username
    hidden_by_name = models.CharField(max_length=255, null=True, blank=True)
    # ok: python.django.model-field
    category = models.ForeignKey("forum.Category", on_delete=models.CASCADE)
    # ok: python.django.model-field
    category_name = models.CharField(max_length=255)
    # ok: python.django.model-field
    last_editor_on = models.DateTimeField(null=True)
    # ok: python.django.model-field
    poster_url = models.URLField(null=True)
    # the post as written and its rendered copy: the poster's text, whatever the fields' names
    # ruleid: python.django.model-field user.content
    original = models.TextField()
    # ruleid: python.django.model-field user.content
    parsed = models.TextField()
    # ok: python.django.model-field
    checksum = models.CharField(max_length=64, default="-")
    # how many replies and comments it has, not their text
    # ok: python.django.model-field
    replies = models.PositiveIntegerField(default=0)
    # ok: python.django.model-field
    comments = models.BigIntegerField(default=0)


class ForumPostEdit(models.Model):
    """A record of an edit of a post: the text before and after it is the poster's."""

    # ok: python.django.model-field
    post = models.ForeignKey(ForumPost, on_delete=models.CASCADE)
    # ok: python.django.model-field
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    # ruleid: python.django.model-field user.content
    edited_from = models.TextField()
    # ruleid: python.django.model-field user.content
    edited_to = models.TextField()


class PageComment(models.Model):
    """A comment on a page (wagtail's `Comment`): its text is the commenter's; where it sits is not."""

    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    text = models.TextField()
    # the field and the block the comment is on ("body.block_id.heading"), and where within it
    # ok: python.django.model-field
    contentpath = models.TextField()
    # ok: python.django.model-field
    position = models.TextField(blank=True)
    # a copy of the text kept aside is still the commenter's, whatever its name
    # ruleid: python.django.model-field user.content
    rendered = models.TextField(blank=True)


class SchemaVersion(models.Model):
    """A version of the service's own schema, though a person applied it: not a post."""

    # ok: python.django.model-field
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    # ok: python.django.model-field
    definition = models.TextField()


class HelpPost(models.Model):
    """The service's own help posts, tied to no person: their text is the service's."""

    # ok: python.django.model-field
    original = models.TextField()


class ApiGrant(models.Model):
    """A grant a person holds: its long text is a list of scopes, not a post they wrote."""

    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ok: python.django.model-field
    scopes = models.TextField()
    # ok: python.django.model-field
    redirect_uris = models.TextField(blank=True)


class IndexedFile(models.Model):
    """A file a person uploaded, kept with its text for search (khoj's FileObject): the long text
    named for what people write is theirs, whatever the record."""

    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    raw_text = models.TextField()
    # the text Django's admin writes about a change, not a person's words
    # ok: python.django.model-field
    change_message = models.TextField(blank=True)


class WorkingHoursRequest(models.Model):
    """Hours a volunteer asks to be credited (ephios's WorkingHours): a string long enough for a
    paragraph, or a JSON value, named for what people write in their own words is theirs."""

    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    reason = models.CharField(max_length=1024, default="")
    # ruleid: python.django.model-field user.content
    answer = models.JSONField()
    # a short string so named is a code or a label as often as a sentence
    # ok: python.django.model-field
    remark = models.CharField(max_length=64)
    # a JSON value named for something else is a record of the service's
    # ok: python.django.model-field
    data = models.JSONField(default=dict)


class PlaceholderParticipation(models.Model):
    """Someone a planner adds to a shift without an account (ephios's): the participation stands for
    that person, and its display name is theirs."""

    # ruleid: python.django.model-field user.name
    display_name = models.CharField(max_length=254)
    # ok: python.django.model-field
    state = models.IntegerField(default=0)


class SignupAnswer(models.Model):
    """A participant's answer to an organiser's question: a row tied to one person's participation."""

    # ok: python.django.model-field
    participation = models.ForeignKey(PlaceholderParticipation, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    answer = models.JSONField()


class ForumSection(models.Model):
    """A forum section keeps a key to whoever posted last; its description is the admins'."""

    # ok: python.django.model-field
    last_poster = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    # ok: python.django.model-field
    description = models.TextField(blank=True)


class AppNotice(models.Model):
    """The service's own notices, tied to no person: their text is the service's."""

    # ok: python.django.model-field
    text = models.TextField()


class ForumUser(AbstractUser):
    """A user model that signs people in by a normalised copy of their username."""

    # ruleid: python.django.model-field user.account.username
    username = models.CharField(max_length=30)
    # ruleid: python.django.model-field user.account.username
    slug = models.CharField(max_length=30, unique=True)
    # ok: python.django.model-field
    rank_slug = models.CharField(max_length=30)
    # the staff's message on why the account is disabled: long text is no flag, whatever its name
    # begins with
    # ruleid: python.django.model-field user.content
    is_active_staff_message = models.TextField(null=True, blank=True)
    # ok: python.django.model-field
    is_active = models.BooleanField(default=True)
    # a short code beside a flag's word is still read as a flag
    # ok: python.django.model-field
    has_message = models.CharField(max_length=1, default="n")

    USERNAME_FIELD = "slug"


class Profile(models.Model):
    # one person's own record (weblate's profile): the links kept on it are theirs, whatever
    # service names them
    # ok: python.django.model-field
    user = models.OneToOneField(settings.AUTH_USER_MODEL, unique=True, editable=False, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.contact.social_url
    fediverse = models.URLField(verbose_name=_("Fediverse URL"), blank=True)
    # ruleid: python.django.model-field user.contact.social_url
    codesite = models.URLField(verbose_name=_("Code site URL"), blank=True)
    # the label a person's own record gives a text field says what it holds (their account elsewhere)
    # ruleid: python.django.model-field user.account.username
    github = models.SlugField(verbose_name=_("GitHub username"), blank=True, db_index=False)
    # ok: python.django.model-field
    theme = models.CharField(verbose_name=_("Colour scheme"), max_length=10)


class UnsavedOneToOne(models.OneToOneField):
    """A project's own one-to-one relation (Tendenci's, which may point to an unsaved user)."""


class Person(models.Model):
    # an abstract base that ties the record to one person, through the project's own one-to-one field
    # ok: python.django.model-field
    user = UnsavedOneToOne(settings.AUTH_USER_MODEL, related_name="profile", on_delete=models.CASCADE)
    # a text field named a link, on a person's own record: their site
    # ruleid: python.django.model-field user.contact.social_url
    url = models.CharField(_("url"), max_length=100, blank=True)

    class Meta:
        abstract = True


class MemberProfile(Person):
    # the relation is inherited from the base the module defines: still one person's own record
    # ruleid: python.django.model-field user.contact.social_url
    url2 = models.CharField(_("url2"), max_length=100, blank=True)
    # ruleid: python.django.model-field user.contact.social_url
    linkedin = models.URLField(_("LinkedIn"), blank=True, default="")
    # ruleid: python.django.model-field user.contact.social_url
    facebook = models.URLField(_("Facebook"), blank=True, default="")
    # ok: python.django.model-field
    url_slug = models.CharField(max_length=100, blank=True)


class Venue(models.Model):
    # many venues per person: its links are the venue's
    # ok: python.django.model-field
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ok: python.django.model-field
    url = models.CharField(max_length=100)


class VenuePage(Venue):
    # ok: python.django.model-field
    twitter = models.URLField(blank=True)


class FitnessProfile(models.Model):
    # a fitness app's profile (wger's): the body measures a person keeps of themselves are health
    # data; the unit they pick is not
    # ok: python.django.model-field
    user = models.OneToOneField(settings.AUTH_USER_MODEL, editable=False, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.health_and_medical
    height = models.IntegerField(null=True)
    # ok: python.django.model-field
    weight_unit = models.CharField(max_length=2, default="kg")


class WeightEntry(models.Model):
    # a row tied to a person and named for the one thing it records: that is the person's (their
    # body weight); a sort weight of a row is not
    # ruleid: python.django.model-field user.health_and_medical
    weight = models.DecimalField(max_digits=5, decimal_places=2)
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class TeamMembership(models.Model):
    # a foreign key that is unique ties the record to one person as a one-to-one field does
    # ok: python.django.model-field
    member = models.ForeignKey("accounts.User", unique=True, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.contact.social_url
    chat = models.URLField(blank=True)


class Bookmark(models.Model):
    # many rows per person: a link they keep is a page of anyone's, not one of theirs
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ok: python.django.model-field
    target = models.URLField()


class Webhook(models.Model):
    # ok: python.django.model-field
    project = models.OneToOneField("trans.Project", on_delete=models.CASCADE)
    # a record tied one-to-one to something that is no person
    # ok: python.django.model-field
    payload_url = models.URLField()
    # the labels of a record that is no person's own are not read: an application's settings are
    # named with a person's words ("Repository browser", "session key")
    # ok: python.django.model-field
    repoweb = models.CharField(verbose_name=_("Repository browser"), max_length=200)


class Change(models.Model):
    # a record of an edit whose relation names the person its author (weblate's change log): the text
    # after and before the edit is what they wrote, whatever the fields are named
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE)
    # ok: python.django.model-field
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, related_name="+", db_index=False,
                               on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    target = models.TextField(default="", blank=True)
    # ruleid: python.django.model-field user.content
    old = models.TextField(default="", blank=True)
    # a short code or a mapping is no text they wrote
    # ok: python.django.model-field
    action = models.CharField(max_length=20)
    # ok: python.django.model-field
    details = models.JSONField(default=dict)


class AccessGrant(models.Model):
    # a row a person owns, no author of: its long text is the service's (a grant's scopes)
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # ok: python.django.model-field
    scopes = models.TextField(blank=True)


class Suggestion(models.Model):
    # ok: python.django.model-field
    unit = models.ForeignKey("trans.Unit", on_delete=models.CASCADE)
    # a change a person proposes in their own words (weblate's suggested translation)
    # ruleid: python.django.model-field user.content
    target = models.TextField()
    # ok: python.django.model-field
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)


class ForumUserProfile(models.Model):
    # a person's signature and its copy rendered for display are what they wrote
    # ruleid: python.django.model-field user.content
    signature = models.TextField(blank=True)
    # ruleid: python.django.model-field user.content
    signature_parsed = models.TextField(blank=True)
    # ok: python.django.model-field
    signature_checksum = models.CharField(max_length=64)


class TimeStamped(models.Model):
    # ok: python.django.model-field
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Order(TimeStamped):
    # a model of this file's abstract base is a model too
    # ruleid: python.django.model-field user.contact.email
    billing_email = models.EmailField()
    # ruleid: python.django.model-field user.financial
    billing_details = models.JSONField(default=dict)
    # ok: python.django.model-field
    total = models.DecimalField(max_digits=10, decimal_places=2)


class ContactForm(forms.Form):
    # ruleid: python.django.form-field user.name
    name = forms.CharField(max_length=100)
    # ruleid: python.django.form-field user.contact.email
    email = forms.EmailField()
    # ruleid: python.django.form-field user.content
    message = forms.CharField(widget=forms.Textarea)
    # ok: python.django.form-field
    subscribe = forms.BooleanField(required=False)
    # ok: python.django.form-field
    plan = forms.ModelChoiceField(queryset=None)


class DonationForm(forms.Form):
    # how a donor pays, picked among the methods the site offers (a cheque, a card online): a choice,
    # not a card or an account (Tendenci's donations)
    # ok: python.django.form-field
    payment_method = forms.CharField(widget=forms.RadioSelect(choices=(("check", "Check"), ("cc", "Card"))), initial="cc")
    # ruleid: python.django.form-field user.financial
    payment_details = forms.CharField(max_length=200)

    def __init__(self, *args, methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        # ok: python.django.form-field
        self.fields["payment_method"] = forms.ChoiceField(choices=methods, widget=forms.RadioSelect())


class Donation(models.Model):
    # ok: python.django.model-field
    payment_method = models.CharField(max_length=50, default="cc")
    # ruleid: python.django.model-field user.contact.email
    email = models.EmailField()


class Phone(models.Model):
    # a contact's phone kept in a row of its own (Tendenci's contacts): its `number` is the phone's
    # ruleid: python.django.model-field user.contact.phone_number
    number = models.CharField(max_length=50, blank=True)


class Ledger(models.Model):
    # a ledger's number is no person's
    # ok: python.django.model-field
    number = models.CharField(max_length=50)


class Resume(models.Model):
    # what a job seeker writes on the résumé they post
    # ruleid: python.django.model-field user.content
    title = models.CharField(max_length=250)
    # ruleid: python.django.model-field user.content
    description = models.TextField()
    # ok: python.django.model-field
    list_type = models.CharField(max_length=50, default="regular")


class PaymentProfile(models.Model):
    # a recurring-payment profile that keeps the last digits of a card: its type and expiry are the
    # card's (Tendenci's), as a shop's `Bankcard.card_type` is
    # ok: python.django.model-field
    payment_profile_id = models.CharField(max_length=100, unique=True)
    # ruleid: python.django.model-field user.financial.credit_card
    card_type = models.CharField(max_length=50, null=True)
    # ruleid: python.django.model-field user.financial.credit_card
    card_num = models.CharField(max_length=4, null=True)
    # ruleid: python.django.model-field user.financial.credit_card
    expiration_dt = models.DateTimeField(blank=True, null=True)
    # ok: python.django.model-field
    create_dt = models.DateTimeField(auto_now_add=True)


class GameDeck(models.Model):
    # no card's number: a deck's card type and its expiry are a game's
    # ok: python.django.model-field
    card_type = models.CharField(max_length=50)
    # ok: python.django.model-field
    expiration_dt = models.DateTimeField(null=True)
    # ok: python.django.model-field
    card_count = models.IntegerField()


class SubmissionInvitationForm(forms.Form):
    """A message one person writes to another (pretalx's co-speaker invitation, a contact form):
    its subject line is theirs, as its text is."""

    # ruleid: python.django.form-field user.contact.email
    speaker = forms.EmailField()
    # ruleid: python.django.form-field user.content
    subject = forms.CharField()
    # ruleid: python.django.form-field user.content
    text = forms.CharField(widget=forms.Textarea())


class MailTemplateForm(forms.Form):
    """A template's subject and text are the service's, whoever edits them."""

    # ok: python.django.form-field
    subject = forms.CharField()
    # ok: python.django.form-field
    text = forms.CharField(widget=forms.Textarea())


class CertificateForm(forms.Form):
    """A subject without a message's body beside it (a certificate's, a lesson's) is no message's."""

    # ok: python.django.form-field
    subject = forms.CharField()


class SpeakerFilterForm(forms.Form):
    """pretalx's filters: a library's refinement of ModelChoiceField (django-scopes' scoped one),
    named after it, picks a record as ModelChoiceField does; the record's name (a question, a
    comment) says what it is, not what the person typed."""

    # ok: python.django.form-field
    question = SafeModelChoiceField(queryset=None, required=False)
    # ok: python.django.form-field
    comments = SafeModelMultipleChoiceField(queryset=None, required=False)
    # the filter typed as text is still read
    # ruleid: python.django.form-field user.content
    answer = forms.CharField(required=False)


class LoginForm(forms.Form):
    """Fields added in __init__: whatever is assigned to self.fields[...] is a field."""

    # ruleid: python.django.form-field user.contact.email
    email = forms.EmailField(required=False)

    def __init__(self, *args, adapter=None, by_phone=False, **kwargs):
        super().__init__(*args, **kwargs)
        if by_phone:
            # a field built by a project helper: the key says what it holds
            # ruleid: python.django.form-field user.contact.phone_number
            self.fields["phone"] = adapter.phone_form_field(required=True)
            self.fields["email"].required = False
        if adapter.login_by_username:
            login_field = forms.CharField(label="Username")
        else:
            login_field = forms.EmailField()
        # a field object chosen in branches, added once
        # ruleid: python.django.form-field user.account.username
        self.fields["login"] = login_field
        # ok: python.django.form-field
        self.fields["remember"] = forms.BooleanField(required=False)
        # a flag named for a datum, added at run time (an export's columns, pretalx's
        # SpeakerExportForm): whether to include it, not the datum
        # ok: python.django.form-field
        self.fields["biography"] = forms.BooleanField(required=False, label="Biography")
        # ok: python.django.form-field
        self.fields["avatar"] = forms.NullBooleanField(required=False)
        # relations refer to records by id
        # ok: python.django.form-field
        self.fields["account"] = forms.ModelChoiceField(queryset=None)


class EmailAuthenticationForm(AuthenticationForm):
    # the login the form extends takes only an email address here: it holds one
    # ruleid: python.django.form-field user.contact.email
    username = forms.EmailField(label=_("Email address"))
    # ok: python.django.form-field
    redirect_url = forms.CharField(widget=forms.HiddenInput, required=False)


class EmailWidgetAuthenticationForm(AuthenticationForm):
    # its widget takes only an email address: the login holds one
    # ruleid: python.django.form-field user.contact.email
    username = UsernameField(widget=forms.EmailInput(attrs={"autofocus": True}))


class UsernameAuthenticationForm(AuthenticationForm):
    # ruleid: python.django.form-field user.account.username
    username = forms.CharField(max_length=254)
    # near-miss: a text input's widget says nothing of what the login holds
    # ruleid: python.django.form-field user.account.username
    login = forms.CharField(widget=forms.TextInput(attrs={"autofocus": True}))


class LogoutForm(forms.Form):
    """OpenID Connect RP-initiated logout."""

    # an ID token previously issued, sent back as a hint
    # ruleid: python.django.form-field user.authorization.credentials
    id_token_hint = forms.CharField(required=False, widget=forms.HiddenInput)
    # ok: python.django.form-field
    post_logout_redirect_uri = forms.CharField(required=False)
    # ok: python.django.form-field
    state = forms.CharField(required=False)


class DirectoryLoginForm(forms.Form):
    # a field chosen by a setting: either is the field
    # ruleid: python.django.form-field user.contact.email
    email = forms.CharField(label="User") if settings.USE_USERNAME_FOR_LOGIN else forms.EmailField(label="Email")
    # ok: python.django.form-field
    persist_session = forms.BooleanField(required=False) if settings.PERSIST else None
    # the second branch says what the first does not
    # ruleid: python.django.form-field user.contact.email
    principal = forms.CharField(label="Your identity") if settings.LDAP else forms.EmailField(label="Email")


class PasswordChangeForm(forms.Form):
    """What the widgets, the HTML autocomplete tokens and the labels say a field holds."""

    # ruleid: python.django.form-field user.authorization.credentials
    current = forms.CharField(
        label=_("Your current password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    # ruleid: python.django.form-field user.contact.email
    recovery = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "email"}))
    # ruleid: python.django.form-field user.name
    holder = forms.CharField(label=_("Account holder name"))
    # a checkbox's label names what it is about, not what it holds
    # ok: python.django.form-field
    use_email = forms.BooleanField(label=_("Use my email address as username"), required=False)
    # ok: python.django.form-field
    kind = forms.ChoiceField(label=_("What is it for?"), widget=forms.RadioSelect)
    # ok: python.django.form-field
    remember = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "off"}))


class AttendeeProfile(models.Model):
    """A record with a street, a postal code or a city: its state and country are the address's."""

    # ruleid: python.django.model-field user.contact.address.street
    street = models.TextField()
    # ruleid: python.django.model-field user.contact.address.city
    city = models.CharField(max_length=255)
    # ruleid: python.django.model-field user.contact.address.state
    state = models.CharField(max_length=255)
    # ok: python.django.model-field
    position = models.IntegerField()


class Shipment(models.Model):
    # without an address beside it, a state is a status
    # ok: python.django.model-field
    state = models.CharField(max_length=32)


class ChangeInfoForm(forms.ModelForm):
    """Fields added in __init__ of a ModelForm belong to its model's record; keys built per
    question name the question."""

    class Meta:
        model = Customer
        # ruleid: python.django.form-field user.demographic.language
        fields = ("locale",)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # ruleid: python.django.form-field user.name
        self.fields["name_parts"] = NamePartsFormField(max_length=255, label=_("Name"))
        for q in questions:
            # ruleid: python.django.form-field user.content
            self.fields["question_%s" % q.id] = forms.CharField(label=q.question)
        # ok: python.django.form-field
        self.fields[f"item_{self.prefix}"] = forms.CharField()
        for field in CustomField.objects.filter(staff_only=False):
            # a field per custom field an administrator defined: the answer a person enters
            # ruleid: python.django.form-field user.content
            self.fields[f"custom_{field.name}"] = field.build_form_field()


class PersonNameField(forms.MultiValueField):
    """A field of the module's own, made of parts: the parts are observed where the field is used."""

    def __init__(self, scheme, **kwargs):
        fields = []
        for fname, label in scheme:
            if fname == "salutation":
                # ok: python.django.form-field
                field = forms.ChoiceField(label=label, choices=[("", "---")])
            else:
                # ok: python.django.form-field
                field = forms.CharField(label=label)
            fields.append(field)
        super().__init__(fields=fields, **kwargs)


class SepaDirectDebit(BasePaymentProvider):
    """Form fields built in code: named by their pair, dict key or the name compared."""

    @property
    def payment_form_fields(self):
        return OrderedDict([
            # ruleid: python.django.form-field user.name
            ("accountname", forms.CharField(label=_("Account Holder Name"))),
            # ruleid: python.django.form-field user.contact.address.street
            ("line1", forms.CharField(label=_("Account Holder Street"), required=False)),
            # ruleid: python.django.form-field user.contact.address.postal_code
            ("postal_code", forms.CharField(required=False)),
            # ok: python.django.form-field
            ("save_mandate", forms.BooleanField(label=_("Save the account holder's name"))),
        ])

    def extra_fields(self):
        # ruleid: python.django.form-field user.contact.phone_number
        return {"phone": forms.CharField(required=False), "note": "a constant"}

    def build_system_field(self, field_name, initial):
        if field_name == "attendee_email":
            # ruleid: python.django.form-field user.contact.email
            return forms.EmailField(initial=initial)
        if field_name == "company":
            # ok: python.django.form-field
            return forms.CharField(initial=initial)
        if field_name == "attendee_name_parts":
            # a field class of the module, built like the library's own
            # ruleid: python.django.form-field user.name
            return PersonNameField(scheme=[("given_name", "Given name")], initial=initial)
        if field_name == "state":
            # `state` alone may be a status; the HTML autocomplete token says it is the address's
            # ruleid: python.django.form-field user.contact.address.state
            field = forms.ChoiceField(choices=[], widget=forms.Select(attrs={"autocomplete": "address-level1"}))
            return field
        if field_name == "status":
            # ok: python.django.form-field
            return forms.ChoiceField(choices=[], widget=forms.Select(attrs={"autocomplete": "off"}))
        # a disabled field shows a value and ignores what is submitted
        # ok: python.django.form-field
        return forms.EmailField(initial=initial, disabled=True)

    @property
    def settings_form_fields(self):
        # the administrator's settings of the provider, not a person's data
        # ok: python.django.form-field
        return [("debug_buyer_country", forms.ChoiceField(label=_("Buyer country")))]


class AccessToken(models.Model):
    # the stored hash of an issued token is the credential at rest
    # ruleid: python.django.model-field user.authorization.credentials
    hash = models.CharField(max_length=255)
    # ok: python.django.model-field
    type = models.CharField(max_length=2)


class Release(models.Model):
    # ok: python.django.model-field
    hash = models.CharField(max_length=40)


class WebAuthnDevice(models.Model):
    # the id of a person's passkey at this relying party
    # ruleid: python.django.model-field user.authorization.credentials
    credential_id = models.CharField(max_length=255, null=True, blank=True)
    # ok: python.django.model-field
    sign_count = models.IntegerField(default=0)


class StaffUser(AbstractUser):
    # the person's id at an external authentication backend (LDAP, SSO)
    # ruleid: python.django.model-field user.unique_id
    auth_backend_identifier = models.CharField(max_length=190, null=True, blank=True)
    # ok: python.django.model-field
    auth_backend = models.CharField(max_length=255, default="native")


class BackupJob(models.Model):
    # the id of a stored credential record, not the credential
    # ok: python.django.model-field
    storage_credential_id = models.CharField(max_length=64)
    # ok: python.django.model-field
    backend_identifier = models.CharField(max_length=64)


class LabelTask(models.Model):
    # a field named for nothing, documented as what people upload (Label Studio's Task.data)
    # ruleid: python.django.model-field user.content
    data = models.JSONField(
        "data",
        help_text="User imported or uploaded data for a task. Data is formatted according to "
        "the project label config.",
    )
    # ruleid: python.django.model-field user.content
    meta = models.JSONField(help_text="Meta is user imported (uploaded) data and can be useful as input for an ML Backend")
    # documentation that names people without saying they supply the value
    # ok: python.django.model-field
    result = models.JSONField(help_text="Prediction result computed for the user")
    # ok: python.django.model-field
    config = models.TextField(help_text="Label config in XML format, written by the project's members")


class MemberAdminForm(forms.ModelForm):
    class Meta:
        model = Member
        # every field of the model: collected where the model declares them
        # ok: python.django.form-field
        fields = "__all__"


class CustomerForm(forms.ModelForm):
    class Meta:
        model = Customer
        # one observation at the statement, with the categories of the personal fields it names
        # ruleid: python.django.form-field user.contact.email,user.name.first
        fields = [
            "first_name",
            "email",
            # ok: python.django.form-field
            "plan",
        ]


class CustomerEmailForm(forms.ModelForm):
    # ruleid: python.django.form-field user.contact.email
    email = forms.EmailField(required=False)

    class Meta:
        model = Customer
        # ok: python.django.form-field
        fields = ("email",)


class CustomerNameForm(CustomerEmailForm):
    class Meta:
        model = Customer
        # a field a base form of this file declares is that declaration's, not the model's column
        # ruleid: python.django.form-field user.name.first
        fields = ("first_name", "email")


class FeedbackForm(forms.Form):
    # how to reach the person, in their own words ("some way of answering you: e-mail, etc.")
    # ruleid: python.django.form-field user.contact
    contact = forms.CharField(max_length=50, required=False)
    # ruleid: python.django.form-field user.content
    comment = forms.CharField(max_length=500, widget=forms.Textarea)


class PlanForm(forms.ModelForm):
    class Meta:
        model = Customer
        # ok: python.django.form-field
        fields = ["plan", "coupon_code"]


# --- Django REST framework ------------------------------------------------------------------------

class LegacySpeakerSerializer(serializers.ModelSerializer):
    """pretalx's legacy API: a model serializer with no create or update of its own renders a field
    of a dotted source (DRF's refuse to write one): a response's, not a collect."""

    # ok: python.drf.serializer-field
    name = serializers.CharField(source="user.name")

    class Meta:
        model = Profile
        fields = ("name",)


class LegacySpeakerOrgaSerializer(LegacySpeakerSerializer):
    # ok: python.drf.serializer-field
    email = serializers.CharField(source="user.email")


class SpeakerUpdateSerializer(serializers.ModelSerializer):
    """The same field where the serializer writes it itself is received."""

    # ruleid: python.drf.serializer-field user.name
    name = serializers.CharField(source="user.name")

    def update(self, instance, validated_data):
        instance.user.name = validated_data.get("user", {}).get("name", instance.user.name)
        return instance


class SignupSerializer(serializers.Serializer):
    # ok: python.drf.serializer-field
    id = serializers.IntegerField(read_only=True)
    # ruleid: python.drf.serializer-field user.contact.email
    email = serializers.EmailField()
    # ruleid: python.drf.serializer-field user.authorization.credentials
    password = serializers.CharField(write_only=True, min_length=12)
    # a field the service computes for responses takes nothing in
    # ok: python.drf.serializer-field
    full_name = serializers.SerializerMethodField()
    # ok: python.drf.serializer-field
    email_verified = serializers.BooleanField(read_only=True)
    # ok: python.drf.serializer-field
    referrer = serializers.PrimaryKeyRelatedField(queryset=None, required=False)
    # DRF's browsable API renders it as a password input
    # ruleid: python.drf.serializer-field user.authorization.credentials
    confirmation = serializers.CharField(write_only=True, style={"input_type": "password"})


class LanguageSerializer(serializers.ModelSerializer):
    """Reference data people pick from: a language's full name ("English") names no one."""

    class Meta:
        model = Language
        # ok: python.drf.serializer-field
        fields = ["id", "short_name", "full_name"]


class DRFEmailFieldUTF8(serializers.CharField):
    """A project's e-mail field (modoboa's), tagged after its `Field`: its type is an e-mail's."""


class AliasSerializer(serializers.ModelSerializer):
    """A mail alias a person creates: the field types say what the fields hold, whatever the names."""

    # ruleid: python.drf.serializer-field user.contact.email
    address = DRFEmailFieldUTF8()
    # a list's items are of the type of its child field
    # ruleid: python.drf.serializer-field user.contact.email
    recipients = serializers.ListField(child=DRFEmailFieldUTF8(), allow_empty=False)
    # ruleid: python.drf.serializer-field user.contact.email
    forwards = serializers.ListField(child=serializers.EmailField(), required=False)
    # ok: python.drf.serializer-field
    domains = serializers.ListField(child=serializers.CharField(), required=False)
    # a bare `address` typed as an IP address is one, not where a person lives
    # ruleid: python.drf.serializer-field user.device.ip_address
    last_address = serializers.IPAddressField(required=False)


class SendEmailSerializer(serializers.Serializer):
    """A webmail's compose form (modoboa's): an e-mail's recipients are addresses."""

    # ruleid: python.drf.serializer-field user.contact.email
    to = serializers.ListField(child=serializers.CharField(), required=False)
    # ruleid: python.drf.serializer-field user.contact.email
    bcc = serializers.ListField(child=serializers.CharField(), required=False)
    # ok: python.drf.serializer-field
    in_reply_to = serializers.CharField(required=False)


class ContactPhoneSerializer(serializers.Serializer):
    # ruleid: python.drf.serializer-field user.contact.phone_number
    phone = serializers.CharField()


class AddressBookContactSerializer(serializers.Serializer):
    """A contact with its lists of addresses and numbers (modoboa's): a nested serializer named for
    personal data declares that data, the nested serializer's fields are collects where declared."""

    # ruleid: python.drf.serializer-field user.contact.phone_number
    phone_numbers = ContactPhoneSerializer(many=True)
    # ok: python.drf.serializer-field
    emails = ContactPhoneSerializer(many=True, read_only=True)  # only sent back
    # ok: python.drf.serializer-field
    items = ContactPhoneSerializer(many=True)  # named for nothing personal

    def create(self, validated_data: dict[str, Any]) -> dict[str, Any]:
        # it writes its nested records itself: DRF's nested serializers are read-only otherwise
        return validated_data


class ShownMessageSerializer(serializers.Serializer):
    """A message shown (a webmail's): a serializer that never writes renders its nested records."""

    # ok: python.drf.serializer-field
    to = ContactPhoneSerializer(source="To", many=True)


class FidoRegistrationSerializer(serializers.Serializer):
    """The end of a WebAuthn key's registration (modoboa's): the protocol's fields are the key's."""

    # the kind of authenticator ("platform" or "cross-platform"), no file a person attaches
    # ok: python.drf.serializer-field
    authenticatorAttachment = serializers.CharField()
    # the label the person gives the key, not their name
    # ok: python.drf.serializer-field
    name = serializers.CharField()
    # the browser's signed answer (the new key's attestation): the owner's modifier `Fido` says the
    # `response` is an authenticator's, a credential
    # ruleid: python.drf.serializer-field user.authorization.credentials
    response = serializers.JSONField()
    # the credential's id under WebAuthn's own name
    # ruleid: python.drf.serializer-field user.authorization.credentials
    rawId = serializers.CharField()


class WebhookDeliverySerializer(serializers.Serializer):
    """A webhook's delivery: its `response` is the receiving server's HTTP reply, no authenticator's."""

    # ok: python.drf.serializer-field
    response = serializers.JSONField()


class FidoRegisterSchema(BaseModel):
    """Body for registering a FIDO device (zou's): its head word is the step, its modifier the
    authenticator, whose registration response is the new key's attestation."""

    # ruleid: python.pydantic.field user.authorization.credentials
    registration_response: dict
    # ok: python.pydantic.field
    response_format: str = "json"


class ThemeLogoUploadSerializer(serializers.Serializer):
    """A site's logo uploaded by its administrator: a brand's picture, not a person's content."""

    # ok: python.drf.serializer-field
    image = serializers.ImageField()


class SupportTicketSerializer(serializers.Serializer):
    """What a person attaches and uploads stays their content."""

    # ruleid: python.drf.serializer-field user.content
    attachment = serializers.FileField()
    # ruleid: python.drf.serializer-field user.content
    screenshot = serializers.ImageField(required=False)


class Company(models.Model):
    """A company's logo is the company's picture."""

    # ok: python.django.model-field
    logo = models.ImageField(upload_to="logos/", blank=True)
    # ok: python.django.model-field
    favicon = models.FileField(upload_to="icons/", blank=True)


class NotificationSerializer(serializers.Serializer):
    """A notification the service shows: its text is the service's, not a person's."""

    # ok: python.drf.serializer-field
    text = serializers.CharField()
    # ok: python.drf.serializer-field
    color = serializers.CharField()


class FeedbackSerializer(serializers.Serializer):
    """What a person sends stays their text."""

    # ruleid: python.drf.serializer-field user.content
    text = serializers.CharField()


class ChatMessageSerializer(serializers.Serializer):
    """A chat's message is no e-mail: its `to` is a room."""

    # ok: python.drf.serializer-field
    to = serializers.CharField()


class NotificationSettingsSerializer(serializers.Serializer):
    """The service's own settings: an address with a default written in the code is configured."""

    # ok: python.drf.serializer-field
    sender_address = DRFEmailFieldUTF8(default="noreply@example.com")
    # ok: python.drf.serializer-field
    reply_address = serializers.EmailField(initial="support@example.com")


class ReplySerializer(serializers.Serializer):
    """A reply posted to a thread (misago's posting API): its `post` is the message's text."""

    # ruleid: python.drf.serializer-field user.content
    post = serializers.CharField()


class CommentLikeSerializer(serializers.Serializer):
    """A like of a comment on a post: the post it names is a key to it, not text."""

    # ok: python.drf.serializer-field
    post = serializers.PrimaryKeyRelatedField(queryset=None)


class PostComment(models.Model):
    # ok: python.django.model-field
    post = models.ForeignKey(ForumPost, on_delete=models.CASCADE)


class Quota(models.Model):
    """A mailbox's quota, keyed by its address (modoboa's, for Dovecot): a key of a person's address
    or number is that value, not one the service generates."""

    # ruleid: python.django.model-field user.contact.email
    username = models.EmailField(primary_key=True, max_length=254)
    # ok: python.django.model-field
    bytes = models.BigIntegerField(default=0)


class MailAccount(models.Model):
    # a generated key, whatever its name
    # ok: python.django.model-field
    user_key = models.CharField(primary_key=True, max_length=40)
    # ruleid: python.django.model-field user.contact.email
    aliases = ArrayField(base_field=models.EmailField(), default=list)


class CustomerSerializer(serializers.ModelSerializer):
    # ruleid: python.drf.serializer-field user.contact.phone_number
    phone = serializers.CharField()

    class Meta:
        model = Customer
        # read-only `email` and redeclared `phone` are left out of the categories
        # ruleid: python.drf.serializer-field user.name.first
        fields = (
            # ok: python.drf.serializer-field
            "id",
            "first_name",
            # read-only below: sent out, never taken in
            # ok: python.drf.serializer-field
            "email",
            # declared above: the declaration is the collect
            # ok: python.drf.serializer-field
            "phone",
        )
        read_only_fields = ("id", "email")


# --- SQLAlchemy ------------------------------------------------------------------------------------

class Base(DeclarativeBase):
    pass


class ForumTopic(Base):
    """The same copy in SQLAlchemy: the key column names the person, without its `_id`."""

    __tablename__ = "topics"
    # ok: python.sqlalchemy.column
    id = Column(Integer, primary_key=True)
    # ok: python.sqlalchemy.column
    starter_id = Column(Integer, ForeignKey("users.id"))
    # ruleid: python.sqlalchemy.column user.account.username
    starter_name = Column(String(255))
    # ok: python.sqlalchemy.column
    forum_id = Column(Integer, ForeignKey("forums.id"))
    # ok: python.sqlalchemy.column
    forum_name = Column(String(255))


class ModerationAction(Base):
    """A moderator's action on a person's report (fittrackee's ReportAction): the reason, a string of
    no length, is the moderator's words; the action's type is a code."""

    __tablename__ = "moderation_actions"
    # ok: python.sqlalchemy.column
    id: Mapped[int] = mapped_column(primary_key=True)
    # ok: python.sqlalchemy.column
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # ok: python.sqlalchemy.column
    action_type: Mapped[str] = mapped_column(String(50))
    # ruleid: python.sqlalchemy.column user.content
    reason: Mapped[str] = mapped_column(sa.String(), nullable=True)
    # ok: python.sqlalchemy.column
    error_message: Mapped[str] = mapped_column(sa.Text, nullable=True)


class MemberFields:
    """A backend-neutral model (canaille's core.models.User): a plain class whose annotations declare
    the fields each storage backend's model (here a SQLAlchemy one) extends and stores."""

    # ruleid: python.model.annotated-field user.account.username
    user_name: str
    # ruleid: python.model.annotated-field user.contact.email
    emails: list[str] = []
    # ok: python.model.annotated-field
    lock_date: datetime | None = None
    # ok: python.model.annotated-field
    identifier_attribute: ClassVar[str] = "user_name"
    # ok: python.model.annotated-field
    teams: list["MemberTeamFields"] = []  # another record of the model: a relation


class MemberTeamFields:
    """A plain base no stored model extends here: plain annotated classes are as often settings."""

    # ok: python.model.annotated-field
    display_name: str | None = None
    # ok: python.model.annotated-field
    contact_email: str | None = None


class Member(MemberFields, Base):
    __tablename__ = "members"
    # ok: python.model.annotated-field
    id: Mapped[int] = mapped_column(primary_key=True)
    # ruleid: python.sqlalchemy.column user.account.username
    user_name: Mapped[str] = mapped_column(String(64))


class DirectoryEntry:
    """A storage backend's own base class (canaille's LDAPObject): no schema."""

    attribute_map: ClassVar[dict[str, str] | None] = None


class DirectoryMember(MemberFields, DirectoryEntry):
    """The LDAP backend's class of the neutral model: its attribute map is the LDAP schema of its fields."""

    attribute_map: ClassVar[dict[str, str] | None] = {
        # ok: python.model.attribute-map
        "id": "entryUUID",
        # ruleid: python.model.attribute-map user.account.username
        "user_name": "uid",
        # ruleid: python.model.attribute-map user.contact.email
        "emails": "mail",
        # ok: python.model.attribute-map
        "lock_date": "pwdEndTime",
    }
    # ok: python.model.attribute-map
    labels: ClassVar[dict[str, str]] = {"user_name": "User name", "emails": "E-mail addresses"}


class DirectoryTeam(DirectoryEntry):
    """An attribute map of a class that extends no neutral model: nothing says what it maps."""

    # ok: python.model.attribute-map
    attribute_map: ClassVar[dict[str, str] | None] = {"display_name": "cn", "contact_email": "mail"}


class Server(Base):
    """A spawned single-user server (JupyterHub's orm.Server): its address is the machine's."""

    __tablename__ = "servers"
    # ok: python.sqlalchemy.column
    ip = Column(String(255), default="")
    # ok: python.sqlalchemy.column
    port = Column(Integer, default=0)


class Service(Base):
    """A hub-managed service: the system `user` it runs as is an account of the machine."""

    __tablename__ = "services"
    # ok: python.sqlalchemy.column
    user = Column(sa.Unicode(255), nullable=True)


class User(Base):
    __tablename__ = "users"

    # ok: python.sqlalchemy.column
    id: Mapped[int] = mapped_column(primary_key=True)
    # ruleid: python.sqlalchemy.column user.contact.email
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    # ruleid: python.sqlalchemy.column user.contact.phone_number
    phone_number: Mapped[Optional[str]]
    # ruleid: python.sqlalchemy.column user.authorization.credentials
    password_hash: Mapped[str] = mapped_column(String(128))
    # the same hash in one word (gramps-webapi's `User.pwhash`)
    # ruleid: python.sqlalchemy.column user.authorization.credentials
    pwhash: Mapped[str] = mapped_column(String(128))
    # ruleid: python.sqlalchemy.column user.device.ip_address
    last_login_ip = Column(INET, nullable=True)
    # ok: python.sqlalchemy.column
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    # ok: python.sqlalchemy.column
    orders: Mapped[list["Order"]] = relationship(back_populates="user")
    # ok: python.sqlalchemy.column
    created_at: Mapped[datetime]
    # a status the person writes on their profile
    # ruleid: python.sqlalchemy.column user.content
    status_message = Column(sa.Text, nullable=True)
    # ok: python.sqlalchemy.column
    status_expires_at = Column(sa.BigInteger, nullable=True)
    # ruleid: python.sqlalchemy.column user.content
    profile_banner_image_url = Column(sa.Text, nullable=True)
    # ok: python.sqlalchemy.column
    verified_email = Column(sa.Boolean, default=False)
    # ok: python.sqlalchemy.column
    verified_phone: Mapped[bool] = mapped_column(default=False)
    # the new address kept until the person confirms it
    # ruleid: python.sqlalchemy.column user.contact.email
    email_to_confirm: Mapped[Optional[str]] = mapped_column(String(255), nullable=True)


class Chat(Base):
    """An LLM app's conversation table: the conversation kept whole, and what is written about it."""

    __tablename__ = "chat"
    # ok: python.sqlalchemy.column
    id = Column(String, primary_key=True)
    # ruleid: python.sqlalchemy.column user.content
    title = Column(sa.Text)
    # the whole conversation (messages and history) in one JSON column
    # ruleid: python.sqlalchemy.column user.content
    chat = Column(sa.JSON)
    # ruleid: python.sqlalchemy.column user.content
    summary = Column(sa.Text, nullable=True)
    # ok: python.sqlalchemy.column
    archived = Column(sa.Boolean, default=False)


class Workout(Base):
    """A fitness tracker's workout: what the person writes on it, their heart rate, their GPS track."""

    __tablename__ = "workouts"
    # ok: python.sqlalchemy.column
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True, nullable=False)
    # ruleid: python.sqlalchemy.column user.content
    title: Mapped[Optional[str]] = mapped_column(String(255), nullable=True)
    # ruleid: python.sqlalchemy.column user.content
    notes: Mapped[Optional[str]] = mapped_column(String(500), nullable=True)
    # ruleid: python.sqlalchemy.column user.content
    description: Mapped[Optional[str]] = mapped_column(String(10000), nullable=True)
    # ok: python.sqlalchemy.column
    distance: Mapped[Optional[float]] = mapped_column(sa.Numeric(6, 3), nullable=True)
    # ruleid: python.sqlalchemy.column user.health_and_medical
    max_hr: Mapped[Optional[int]] = mapped_column(nullable=True)  # bpm
    # ruleid: python.sqlalchemy.column user.health_and_medical
    ave_hr: Mapped[Optional[int]] = mapped_column(nullable=True)  # bpm
    # ok: python.sqlalchemy.column
    max_cadence: Mapped[Optional[int]] = mapped_column(nullable=True)  # rpm
    # ruleid: python.sqlalchemy.column user.location
    start_point_geom: Mapped[Optional["WKBElement"]] = mapped_column(
        Geometry(geometry_type="POINT", srid=4326, spatial_index=True),
        nullable=True,
    )
    # ruleid: python.sqlalchemy.column user.location
    geom: Mapped["WKBElement"] = mapped_column(Geometry(geometry_type="LINESTRING", srid=4326), nullable=True)
    # a bounding box of the track kept as plain floats: neither its name nor its type says where
    # todoruleid: python.sqlalchemy.column user.location
    bounds: Mapped[Optional[list[float]]] = mapped_column(postgresql.ARRAY(sa.Float), nullable=True)


class Memory(Base):
    """What an assistant remembers from a person's conversations."""

    __tablename__ = "memory"
    # ok: python.sqlalchemy.column
    id = Column(String, primary_key=True)
    # ruleid: python.sqlalchemy.column user.content
    content = Column(sa.Text)
    # the conversation the memory came from, not a login session
    # ok: python.sqlalchemy.column
    session_id = Column(String)


class ApiKey(Base):
    """A record named for its field: its `key` is an API key."""

    __tablename__ = "api_key"
    # ok: python.sqlalchemy.column
    id = Column(sa.Text, primary_key=True)
    # ruleid: python.sqlalchemy.column user.authorization.credentials
    key = Column(sa.Text, unique=True, nullable=False)
    # ok: python.sqlalchemy.column
    expires_at = Column(sa.BigInteger, nullable=True)


class Document(Base):
    """A document a person uploads to a knowledge base."""

    __tablename__ = "document"
    # ok: python.sqlalchemy.column
    id = Column(String, primary_key=True)
    # ruleid: python.sqlalchemy.column user.content
    content = Column(sa.Text)
    # ok: python.sqlalchemy.column
    content_type = Column(String(100))


class BasePassage(Base):
    """A passage of an uploaded document or of an assistant's archival memory, kept for retrieval."""

    __tablename__ = "passages"
    # ok: python.sqlalchemy.column
    id = Column(String, primary_key=True)
    # ruleid: python.sqlalchemy.column user.content
    text = Column(sa.Text)
    # ok: python.sqlalchemy.column
    file_name = Column(String)


class FileContent(Base):
    """The text extracted from an uploaded file."""

    __tablename__ = "file_contents"
    # ok: python.sqlalchemy.column
    file_id = Column(String, primary_key=True)
    # ruleid: python.sqlalchemy.column user.content
    text = Column(sa.Text)


class Identity(Base):
    """An end user of the developer's product, known by the key the developer gives them."""

    __tablename__ = "identities"
    # ok: python.sqlalchemy.column
    id = Column(String, primary_key=True)
    # ruleid: python.sqlalchemy.column user.unique_id
    identifier_key = Column(String, nullable=False)
    # ruleid: python.sqlalchemy.column user.name
    name = Column(String, nullable=False)
    # ok: python.sqlalchemy.column
    identity_type = Column(String, nullable=False)


class PhoneNumber(Base):
    """A record named for its field: its `number` is a phone number."""

    __tablename__ = "phone_number"
    # ok: python.sqlalchemy.column
    id = Column(Integer, primary_key=True)
    # ruleid: python.sqlalchemy.column user.contact.phone_number
    number = Column(String(32))
    # ok: python.sqlalchemy.column
    verified = Column(sa.Boolean, default=False)


class TokenInfo(Base):
    """A key-value table about a token: `Key` names an entry, it is no credential."""

    __tablename__ = "tokeninfo"
    # ok: python.sqlalchemy.column
    id = Column(Integer, primary_key=True)
    # ok: python.sqlalchemy.column
    Key = Column(sa.Unicode(255), nullable=False)
    # ok: python.sqlalchemy.column
    Type = Column(sa.Unicode(100), default="")


class APIToken(Base):
    """An issued API token (JupyterHub's): its hash is the credential at rest, its note what the
    person typed to label it; the prefix kept to find it and a commit's hash are neither."""

    __tablename__ = "api_tokens"
    # ok: python.sqlalchemy.column
    id = Column(Integer, primary_key=True)
    # ruleid: python.sqlalchemy.column user.authorization.credentials
    hashed = Column(sa.Unicode(255), unique=True)
    # ok: python.sqlalchemy.column
    prefix = Column(sa.Unicode(16), index=True)
    # ruleid: python.sqlalchemy.column user.content
    note = Column(sa.Unicode(1023))


class BuildCommit(Base):
    __tablename__ = "build_commits"
    # ok: python.sqlalchemy.column
    hashed = Column(sa.Unicode(64))
    # ok: python.sqlalchemy.column
    note = Column(sa.Unicode(1023))


LegacyBase = declarative_base()


class PostalAddress(LegacyBase):
    __tablename__ = "addresses"

    # ok: python.sqlalchemy.column
    id = Column(Integer, primary_key=True)
    # ok: python.sqlalchemy.column
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)
    # ruleid: python.sqlalchemy.column user.contact.address.street
    street = Column(String(200))
    # ruleid: python.sqlalchemy.column user.contact.address.city
    city = Column(String(100))
    # ruleid: python.sqlalchemy.column user.contact.address.postal_code
    postal_code = Column(String(16))
    # the column's own name, Column's first argument, says what the attribute holds
    # ruleid: python.sqlalchemy.column user.contact.phone_number
    contact = Column("phone_number", String(32))


class StudioMember(db.Model):
    """A studio's staff record (Kitsu's Person): the login a person uses on the studio's computers."""

    # ruleid: python.sqlalchemy.column user.account.username
    desktop_login = db.Column(db.String(80))
    # ok: python.sqlalchemy.column
    desktop_login_enabled = db.Column(db.Boolean(), default=True)
    # where a messenger reaches the person: their id there, not a reference to a record of ours
    # ruleid: python.sqlalchemy.column user.unique_id
    notifications_slack_userid = db.Column(db.String(60), default="")
    # ok: python.sqlalchemy.column
    notifications_slack_enabled = db.Column(db.Boolean(), default=False)
    # ok: python.sqlalchemy.column
    manager_user_id = db.Column(db.String(36))  # a record of ours, by id
    # the identity provider's id of the person (the subject of its assertions)
    # ruleid: python.sqlalchemy.column user.unique_id
    oidc_subject = db.Column(db.String(255), nullable=True)
    # ok: python.sqlalchemy.column
    oidc_issuer = db.Column(db.Text(), nullable=True)


class Patient(db.Model):
    # ok: python.sqlalchemy.column
    id = db.Column(db.Integer, primary_key=True)
    # ruleid: python.sqlalchemy.column user.health_and_medical
    diagnosis = db.Column(db.Text)
    # ok: python.sqlalchemy.column
    doctor_id = db.Column(db.Integer, db.ForeignKey("doctors.id"))


class Speaker(db.Model):
    """Large columns loaded only when read (`deferred`): the wrapped column is the field."""
    # ruleid: python.sqlalchemy.column user.content.self_image
    picture = db.deferred(db.Column(db.LargeBinary, nullable=True))
    # ruleid: python.sqlalchemy.column user.content
    biography = sa.orm.deferred(sa.Column(sa.Text), group="profile")
    # ok: python.sqlalchemy.column
    picture_source = db.deferred(db.Column(db.Integer, nullable=False, default=0))
    # ok: python.sqlalchemy.column
    owner_id = db.deferred(db.Column(db.Integer, db.ForeignKey("users.id")))


class Report(db.Model):
    # ok: python.sqlalchemy.column
    reporter_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    # why the user reports the post, in their words
    # ruleid: python.sqlalchemy.column user.content
    reason = db.Column(db.Text, nullable=True)


class EventRegistration(db.Model):
    # a manager's reason for rejecting the registration, in their words, mailed to the registrant
    # ruleid: python.sqlalchemy.column user.content
    rejection_reason = db.Column(db.String, nullable=False, default="")
    # a reason the service picks from its list
    # ok: python.sqlalchemy.column
    cancellation_reason = db.Column(db.String(40))


class Refund(db.Model):
    # a reason code picked by the service
    # ok: python.sqlalchemy.column
    reason = db.Column(db.String(40))


class AuditEntry(db.Model):
    """Text columns naming a person hold a login name; relations and keys only refer to one."""

    # ok: python.sqlalchemy.column
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # ruleid: python.sqlalchemy.column user.account.username
    user: Mapped[Optional[str]] = mapped_column(db.Unicode(320), default="", index=True)
    # ruleid: python.sqlalchemy.column user.account.username
    administrator: Mapped[Optional[str]] = mapped_column(db.Unicode(320), default="")
    # ruleid: python.sqlalchemy.column user.account.username
    used_login = db.Column(db.Unicode(64), default="")
    # ruleid: python.sqlalchemy.column user.account.username
    modified_by = db.Column(db.String(200), nullable=True)
    # ok: python.sqlalchemy.column
    created_by = db.Column(db.Integer, db.ForeignKey("users.id"))
    # ok: python.sqlalchemy.column
    owner = db.relationship("User")
    # ok: python.sqlalchemy.column
    sender = db.Column(db.String(30))
    # ok: python.sqlalchemy.column
    admin = db.Column(db.Boolean, default=False)
    # the addresses the request passed through
    # ruleid: python.sqlalchemy.column user.device.ip_address
    ip_chain = db.Column(db.JSON)
    # ok: python.sqlalchemy.column
    ip_chain_length = db.Column(db.Integer)


# SQLAlchemy Core and classic (imperative) mapping: a table's columns are its fields, declared
# by Column calls among Table's arguments, with the column's name as Column's first argument.
metadata = MetaData()

user_table = Table(
    "user",
    metadata,
    # ok: python.sqlalchemy.column
    Column("id", types.UnicodeText, primary_key=True),
    # the table's name says whose name the column holds
    # ruleid: python.sqlalchemy.column user.name
    Column("fullname", types.UnicodeText),
    # ruleid: python.sqlalchemy.column user.contact.email
    Column("email", types.UnicodeText),
    # ruleid: python.sqlalchemy.column user.authorization.credentials
    Column("password", types.UnicodeText, nullable=False),
    # ok: python.sqlalchemy.column
    Column("created", types.DateTime, default=datetime.utcnow),
    # ok: python.sqlalchemy.column
    Column("state", types.UnicodeText, nullable=False, default="active"),
)

package_table = sa.Table(
    "package",
    metadata,
    # ok: python.sqlalchemy.column
    sa.Column("id", sa.types.UnicodeText, primary_key=True),
    # a dataset's name and title, not a person's
    # ok: python.sqlalchemy.column
    sa.Column("name", sa.types.UnicodeText(100), nullable=False, unique=True),
    # ok: python.sqlalchemy.column
    sa.Column("title", sa.types.UnicodeText),
    # ruleid: python.sqlalchemy.column user.contact.email
    sa.Column("author_email", sa.types.UnicodeText),
    # a foreign key refers to the user, whose own table holds the data
    # ok: python.sqlalchemy.column
    sa.Column("creator_user_id", sa.types.UnicodeText, sa.ForeignKey("user.id")),
    # the column's name given by keyword
    # ruleid: python.sqlalchemy.column user.contact.phone_number
    sa.Column(name="maintainer_phone", type_=sa.types.UnicodeText),
)

# an association table of Flask-SQLAlchemy: keys only
groups_users = db.Table(
    "groups_users",
    # ok: python.sqlalchemy.column
    db.Column("user_id", db.Integer(), db.ForeignKey("users.id")),
    # ok: python.sqlalchemy.column
    db.Column("group_id", db.Integer(), db.ForeignKey("groups.id")),
)

member_table = Table(
    "member",
    metadata,
    # a key named by the table's foreign-key constraint
    # ok: python.sqlalchemy.column
    Column("owner_login", types.UnicodeText),
    # ruleid: python.sqlalchemy.column user.contact.address.mailing_address
    Column("mailing_address", types.UnicodeText),
    sa.ForeignKeyConstraint(["owner_login"], ["user.name"]),
)

# a column built outside a table (a helper's column list) declares nothing by itself
# ok: python.sqlalchemy.column
email_column = Column("email", types.UnicodeText)


def upgrade() -> None:
    """An Alembic migration repeats a table's declaration, as Django's migrations do: not a collect."""
    op.create_table(
        "subscriber",
        # ok: python.sqlalchemy.column
        sa.Column("id", sa.Integer(), primary_key=True),
        # ok: python.sqlalchemy.column
        sa.Column("email", sa.String(320), nullable=False),
    )
    # ok: python.sqlalchemy.column
    op.add_column("subscriber", sa.Column("phone", sa.String(32)))


# --- SQLModel -------------------------------------------------------------------------------------

class AccountCreate(SQLModel):
    # ruleid: python.sqlmodel.field user.contact.email
    email: str
    # ruleid: python.sqlmodel.field user.authorization.credentials
    password: str


class Account(SQLModel, table=True):
    # ok: python.sqlmodel.field
    id: int | None = SQLField(default=None, primary_key=True)
    # ruleid: python.sqlmodel.field user.contact.email
    email: str = SQLField(index=True, unique=True)
    # ruleid: python.sqlmodel.field user.authorization.credentials
    hashed_password: str
    # ok: python.sqlmodel.field
    team_id: int | None = SQLField(default=None, foreign_key="team.id")
    # the key to the app's component store, a stored field: no function that stores a key
    # ruleid: python.sqlmodel.field user.authorization.credentials
    store_api_key: str | None = SQLField(default=None, nullable=True)
    # ok: python.sqlmodel.field
    send_updates: bool = SQLField(default=False)


class LoginDeviceSchema(SQLModel, table=True):
    """A person's login device of the OAuth device flow (zenml's `OAuthDeviceSchema`): the machine's
    name, the place its IP was looked up in, and the code the person typed to approve it."""

    # ok: python.sqlmodel.field
    id: int | None = SQLField(default=None, primary_key=True)
    # ruleid: python.sqlmodel.field user.authorization.credentials
    user_code: str
    # ruleid: python.sqlmodel.field user.device
    hostname: str | None = None
    # ruleid: python.sqlmodel.field user.location.coarse
    city: str | None = None
    # ruleid: python.sqlmodel.field user.location.coarse
    region: str | None = None
    # ruleid: python.sqlmodel.field user.location.coarse
    country: str | None = None


class ServerSchema(SQLModel, table=True):
    """A server's host and region, a speaker's public code: no device of a person."""

    # ok: python.sqlmodel.field
    id: int | None = SQLField(default=None, primary_key=True)
    # ok: python.sqlmodel.field
    hostname: str
    # ok: python.sqlmodel.field
    region: str
    # ok: python.sqlmodel.field
    user_code: str


class AccountPublic(SQLModel):
    # a response model: sent out, never taken in
    # ok: python.sqlmodel.field
    email: str


# --- Pydantic ---------------------------------------------------------------------------------------

class SignupIn(BaseModel):
    # ruleid: python.pydantic.field user.contact.email
    email: EmailStr
    # ruleid: python.pydantic.field user.authorization.credentials
    password: SecretStr
    # ruleid: python.pydantic.field user.demographic.date_of_birth
    birth_date: date | None = None
    # the annotation's type says what a neutral name holds
    # ruleid: python.pydantic.field user.contact.email
    contact: Optional[EmailStr] = None
    # the alias is the key the request sends; the attribute name alone says nothing
    # ruleid: python.pydantic.field user.contact.email
    recovery: str | None = Field(default=None, alias="recoveryEmail")
    # ok: python.pydantic.field
    referral_code: str | None = None
    # ok: python.pydantic.field
    accept_terms: bool = Field(default=False)
    # a flag: whether the phone number is verified
    # ok: python.pydantic.field
    verified_phone: Optional[bool] = None


class NewUserRequest(BaseModel):
    # the person's id at the identity provider, taken in to link the account
    # ruleid: python.pydantic.field user.unique_id
    sso_user_id: str | None = None
    # ruleid: python.pydantic.field user.unique_id
    external_user_id: str | None = None
    # the inviting user's id points at a record of the service's own, like a foreign key
    # ok: python.pydantic.field
    invited_by_user_id: str | None = None
    # so does a guest's (a person without an account, as a shared page's reviewer)
    # ok: python.pydantic.field
    guest_id: str | None = None


class ChatRequest(BaseModel):
    # ruleid: python.pydantic.field user.content
    message: str
    # ruleid: python.pydantic.field user.contact.address.city
    city: Optional[str] = None
    # beside a city, where the person is: the region, country and timezone it is sent with
    # ruleid: python.pydantic.field user.contact.address.state
    region: Optional[str] = None
    # ruleid: python.pydantic.field user.contact.address.country
    country: Optional[str] = None
    # ruleid: python.pydantic.field user.location.coarse
    timezone: Optional[str] = None
    # ok: python.pydantic.field
    model: str = "gpt-4o-mini"
    # ok: python.pydantic.field
    temperature: float = 0.2


class FlowRunRequest(BaseModel):
    """A request model: its fields are keys of the body, whatever the name's head word."""

    # ruleid: python.pydantic.field user.content
    input_value: Optional[str] = Field(default=None, description="The input value")
    # ok: python.pydantic.field
    output_type: str = "chat"
    # the name of an MCP client application, not the request's client address
    # ok: python.pydantic.field
    client: str


class ChatMessageCreate(BaseModel):
    # ruleid: python.pydantic.field user.content
    text: str
    # the conversation the message belongs to, not a login session
    # ok: python.pydantic.field
    session_id: str


class BrowserSession(BaseModel):
    # ruleid: python.pydantic.field user.authorization.credentials
    session_id: str


class ChatForm(BaseModel):
    """A form's fields are keys of the body a person submits."""

    # ruleid: python.pydantic.field user.content
    chat: dict
    # ok: python.pydantic.field
    folder_id: str | None = None


class ChatTitleForm(BaseModel):
    """Named for its field: the title of a chat."""

    # ruleid: python.pydantic.field user.content
    title: str


class RenameChatRequest(BaseModel):
    """Renaming a conversation: its name is often its first message."""

    # ok: python.pydantic.field
    chat_id: str
    # ruleid: python.pydantic.field user.content
    name: str


class RenameThreadRequest(BaseModel):
    """A thread is as often an OS thread's: its name is not read as a conversation's."""

    # todoruleid: python.pydantic.field user.content
    name: str


class ThreadFilter(BaseModel):
    """A filter of a conversation list: a thumbs value is a choice, the search text is typed."""

    # ok: python.pydantic.field
    feedback: Literal[0, 1] | None = None
    # ok: python.pydantic.field
    has_feedback: Optional[bool] = None
    # ruleid: python.pydantic.field user.content
    comment: str | None = None


class EventTitleForm(BaseModel):
    """The title of an event is the organiser's, not a person's writing."""

    # ok: python.pydantic.field
    title: str


class ContentForm(BaseModel):
    """A file's text as the person edits it."""

    # ruleid: python.pydantic.field user.content
    content: str


class DeploymentCreatePayload(BaseModel):
    """A payload is as often what a service sends out: its fields are read by their names alone."""

    # ok: python.pydantic.field
    display_name: str
    # ok: python.pydantic.field
    content: str


class UserStatus(BaseModel):
    # ruleid: python.pydantic.field user.content
    status_message: str | None = None
    # ok: python.pydantic.field
    status_expires_at: int | None = None


class UpdateTimezoneForm(BaseModel):
    """Named for a verb and one field: it sets the signed-in person's own timezone."""

    # ruleid: python.pydantic.field user.location.coarse
    timezone: str


class UpdateEventTimezoneForm(BaseModel):
    """An event's timezone: the organiser's setting, not where a person is."""

    # ok: python.pydantic.field
    timezone: str


class HumanMessage(BaseModel):
    # ruleid: python.pydantic.field user.content
    content: str


class AssistantMessage(BaseModel):
    """What the model answered: the owner's modifier says whose the content is."""

    # ok: python.pydantic.field
    content: str


class PromptTemplate(BaseModel):
    """The service's own prompt text, filled in with a person's input elsewhere."""

    # ok: python.pydantic.field
    prompt: str


class LdapForm(BaseModel):
    """A directory sign-in: the user typed is the login name."""

    # ruleid: python.pydantic.field user.account.username
    user: str
    # ruleid: python.pydantic.field user.authorization.credentials
    password: str


class UserResponse(BaseModel):
    # ok: python.pydantic.field
    email: EmailStr


class ProfileView(BaseModel):
    # used only as response_model= below
    # ok: python.pydantic.field
    phone: str


@router.get("/me", response_model=ProfileView)
async def me():
    return {"phone": "+441234567890"}


class DirectoryUser(BaseModel):
    # the answer of the create endpoint below, and the body it decodes: what the directory sends in
    # ruleid: python.pydantic.field user.account.username
    userName: str | None = None
    # ruleid: python.pydantic.field user.name
    displayName: str | None = None


@router.post("/scim/v2/Users", response_model=DirectoryUser, status_code=201)
# the whole body decoded into the model, not a field named `user`: its fields are the collects
# ok: python.fastapi.form-field
async def create_directory_user(user: DirectoryUser = Body(...)):
    return user


class DirectoryGroup(BaseModel):
    # a group's display name names the group, not a person
    # ok: python.pydantic.field
    displayName: str
    # ok: python.pydantic.field
    members: list[str] = []


@router.post("/scim/v2/Groups", status_code=201)
async def create_directory_group(group: DirectoryGroup = Body(...)):
    return group


class ChatFieldValue(BaseModel):
    """A message of a chat a record holds (argilla-server): received through the type alias below."""

    # ok: python.pydantic.field
    role: str
    # ruleid: python.pydantic.field user.content
    content: str


class TableCell(BaseModel):
    """Near-miss: a class the alias below names, but the alias types no received field."""

    # ok: python.pydantic.field
    text: str


FieldValue = ChatFieldValue | list[ChatFieldValue] | str | None
CellValue = list[TableCell] | None


class RecordCreate(BaseModel):
    # a dict named for nothing personal: its values' class (through the alias) is what is received
    # ok: python.pydantic.field
    fields: dict[str, FieldValue]


@router.post("/records", status_code=201)
async def create_record(record: RecordCreate):
    return record


QuestionName = Annotated[str, Field(min_length=1, max_length=200)]


class SuggestionFilterScope(BaseModel):
    """argilla-server's filter of a records search: the question it filters on, named by its name."""

    # a field typed by its own name's identifier type refers to that record: not a question asked
    # ok: python.pydantic.field
    question: QuestionName
    # ok: python.pydantic.field
    property: str | None = "value"


class AskRequest(BaseModel):
    """Near-miss: a question a person sends, typed as text."""

    # ruleid: python.pydantic.field user.content
    question: str


@router.post("/records/search")
async def search_records(scope: SuggestionFilterScope, ask: AskRequest):
    return scope, ask


@router.get("/scim/v2/Users/{user_id}", response_model=DirectoryUser)
async def get_directory_user(user_id: str):
    return {"id": user_id}


class AccountView(BaseModel):
    # the signed-in account a route answers with, handed to it by a dependency: sent, not taken in
    # ok: python.pydantic.field
    email: EmailStr


def get_current_account():
    return None


@router.get("/account", response_model=AccountView)
async def show_account(account: AccountView = Depends(get_current_account)):
    return account


class SessionToken(BaseModel):
    # the decoded access token of the request's session: the service builds it, no body is decoded into it
    # ok: python.pydantic.field
    session_id: str
    # ok: python.pydantic.field
    device_id: str | None = None


class SessionContext(BaseModel):
    """What an authorizing dependency builds for each request (zenml's `AuthContext`): the routes take
    it from `Security(authorize)` (FastAPI's dependency of authentication), never from a body."""

    # ok: python.pydantic.field
    access_token: SessionToken | None = None
    # ok: python.pydantic.field
    encoded_access_token: str | None = None


def authorize() -> SessionContext:
    return SessionContext()


@router.get("/pipelines")
async def list_pipelines(auth_context: SessionContext = Security(authorize)):
    return []


@router.delete("/pipelines/{pipeline_id}")
async def delete_pipeline(pipeline_id: str, auth_context: Annotated[SessionContext, Security(authorize, scopes=["write"])]):
    return None


class MemberCreate(BaseModel):
    """A plain dependency may build its class from the request (Fief's `Depends(get_user_create_admin)`
    validates the request's JSON into it, a query's parameters here): still received."""

    # ruleid: python.pydantic.field user.contact.email
    email: str


def member_create(email: str) -> MemberCreate:
    return MemberCreate(email=email)


@router.post("/members")
async def create_member(member: MemberCreate = Depends(member_create),
                        auth_context: SessionContext = Security(authorize)):
    return member


class LoginDeviceInternalRequest(BaseModel):
    """What a route builds from the request it read (zenml's `OAuthDeviceInternalRequest`): a form
    field, the client's address and what was looked up from it. Its model's `Internal` is the
    service's variant of a device's record: read as the device's."""

    # ruleid: python.pydantic.field user.device.device_id
    device_id: str
    # ruleid: python.pydantic.field user.device.ip_address
    ip_address: str | None = None
    # ruleid: python.pydantic.field user.location.coarse
    country: str | None = None
    # ok: python.pydantic.field
    expires_in: int = 600


class DeviceAudit(BaseModel):
    """Built in the same route from the service's own values only: nothing received."""

    # ok: python.pydantic.field
    ip_address: str | None = None


SERVER_IP = "10.0.0.1"


def lookup_country(ip_address: str) -> str:
    return ""


def keep(*records: BaseModel) -> None:
    return None


@router.post("/device/authorize")
# ruleid: python.fastapi.form-field user.device.device_id
async def authorize_device(request: Request, device_id: str = Form(...)):
    # ruleid: python.request.client-ip user.device.ip_address
    ip_address = request.client.host if request.client else ""
    country = lookup_country(ip_address)
    keep(LoginDeviceInternalRequest(device_id=device_id, ip_address=ip_address, country=country),
         DeviceAudit(ip_address=SERVER_IP))


class DeviceVerificationRequest(BaseModel):
    # the code a person types to approve a login device (RFC 8628's user code), taken by a step of signing in
    # ruleid: python.pydantic.field user.authorization.credentials
    user_code: str


@router.put("/devices/{device_id}/verify")
async def verify_device(device_id: str, verification: DeviceVerificationRequest):
    return None


ACTIVATE = "/activate"


class ActivationRequest(BaseModel):
    """The body of a route whose path is a module constant (zenml's `@router.put(ACTIVATE)`): received."""

    # ruleid: python.pydantic.field user.account.username
    admin_username: str | None = None
    # ruleid: python.pydantic.field user.authorization.credentials
    admin_password: str | None = None


@router.put(ACTIVATE)
async def activate_server(activation: ActivationRequest):
    return None


class CachedProfile(BaseModel):
    """A parameter of a function a cache's `get` decorates with a variable: no route, nothing received."""

    # ok: python.pydantic.field
    email: str


cache: Any = None
cache_key = "profile"


@cache.get(cache_key)
def cached_profile(profile: CachedProfile) -> None:
    return None


# A Pydantic model is read as received data only when its use shows it: a route's parameter, a
# model decoded from a payload, a field of, or a base of, such a model. One no code names is read
# as received too (a library's export, a form another package uses: the sign-up model above).

class ChatProfileOption(BaseModel):
    """An option the app's author configures: named in the settings model below, never received."""

    # ok: python.pydantic.field
    display_name: str
    # ok: python.pydantic.field
    description: str = ""


class UISettings(BaseModel):
    chat_profiles: list[ChatProfileOption] = []


class PersistedRecordFields(BaseModel):
    """The service's own values, built from its own database row."""

    # ok: python.pydantic.field
    user_id: str
    # ok: python.pydantic.field
    email: str


def load_persisted(row: dict[str, Any]) -> PersistedRecordFields:
    # validating the service's own record is no collect: the row is not a decoded payload
    return PersistedRecordFields.model_validate(row)


class ProfileCard(BaseModel):
    """Only a return annotation: what the service sends back."""

    # ok: python.pydantic.field
    display_name: str


def profile_card(name: str) -> ProfileCard:
    return ProfileCard(display_name=name)


class FeedbackIn(BaseModel):
    # ruleid: python.pydantic.field user.content
    comment: str


class ContactIn(BaseModel):
    # ruleid: python.pydantic.field user.contact.email
    email: str


@router.post("/feedback")
async def send_feedback(request: Request) -> dict[str, str]:
    # decoded from the request's body, with no parameter typed by it
    feedback = FeedbackIn.model_validate(await request.json())
    body = await request.json()
    contact = ContactIn(**body)
    return {"status": "ok", "comment": feedback.comment, "email": contact.email}


class GuestSignIn(BaseModel):
    """Validated by a helper that decodes the body into the class its caller chooses (zou's
    `validate_request_body(Schema)`; called from another module, its summary says so)."""

    # ruleid: python.pydantic.field user.name.first
    first_name: str = "Guest"
    # ok: python.pydantic.field
    guest_id: str | None = None  # refers to a guest's record by id, as `user_id` does
    # ruleid: python.pydantic.field user.authorization.credentials
    recovery_code: str | None = None


class SecondFactor(BaseModel):
    # what the browser posts back to a WebAuthn challenge: the signed assertion
    # ruleid: python.pydantic.field user.authorization.credentials
    fido_authentication_response: dict | None = None
    # ok: python.pydantic.field
    authentication_response_format: str = "json"  # how it is sent, not what


class BatchNote(BaseModel):
    # ruleid: python.pydantic.field user.content
    comment: str


def validate_request_body(schema_class: Any) -> Any:
    # Flask's `get_json(silent=True)` still decodes the body; the keyword says how a bad one fails
    payload = request.get_json(silent=True)
    return schema_class.model_validate(payload)


def validate_request_list(schema_class: Any) -> Any:
    payload = request.get_json(silent=True)
    return TypeAdapter(list[schema_class]).validate_python(payload)


class SignInPage(BaseModel):
    """Named where the helper is called, but not as the class it decodes into."""

    # ok: python.pydantic.field
    first_name: str


def guest_sign_in() -> Any:
    body = validate_request_body(GuestSignIn)
    notes = validate_request_list(BatchNote)
    validate_request_body(SecondFactor)
    return body.first_name, notes, SignInPage(first_name=body.first_name)


class OAuthIdentity(BaseModel):
    # ruleid: python.pydantic.field user.account.username
    username: str
    # ruleid: python.pydantic.field user.name
    display_name: str | None = None


async def github_identity(token: str) -> OAuthIdentity:
    async with httpx.AsyncClient() as client:
        response = await client.get("https://api.github.com/user", headers={"Authorization": f"token {token}"})
        github_user = response.json()
    # built from keys of a sign-in provider's account record: the person's own details
    return OAuthIdentity(username=github_user["login"], display_name=github_user["name"])


class InboundEvent(BaseModel):
    # ruleid: python.pydantic.field user.contact.email
    sender_email: str


def parse_event(raw: bytes) -> InboundEvent:
    # JSON text decoded into the model: what another party sent
    return InboundEvent.model_validate_json(raw)


class ScimPersonName(scim2_models.ComplexAttribute):
    """scim2-models' complex attributes and resources are Pydantic models."""

    # ruleid: python.pydantic.field user.name
    formatted: str | None = None  # a value object's value, kept by `ScimUser.name`: the name whole
    # ruleid: python.pydantic.field user.name.last
    family_name: str | None = None


class ScimGroupMember(scim2_models.ComplexAttribute):
    # ok: python.pydantic.field
    value: str | None = None  # a class named for no person's value: its value says nothing


class ScimUser(scim2_models.Resource[Any]):
    # ruleid: python.pydantic.field user.account.username
    user_name: str | None = None
    # a nested model: its own fields are collects, and the container, named for a person's name,
    # declares that name too
    # ruleid: python.pydantic.field user.name
    name: ScimPersonName | None = None
    # ok: python.pydantic.field
    meta: ScimGroupMember | None = None  # a container named for nothing personal
    # ok: python.pydantic.field
    external_id: Annotated[str | None, scim2_models.Mutability.read_only] = None  # set by the service only
    # ruleid: python.pydantic.field user.contact.phone_number
    phone_number: Annotated[str | None, scim2_models.Required.true] = None


class ScimGroupRecord(scim2_models.Resource[Any]):
    # ok: python.pydantic.field
    display_name: str | None = None
    # ok: python.pydantic.field
    members: list[ScimGroupMember] = []
    # ok: python.pydantic.field
    owner_email: str | None = None


def create_scim_resource(resource_type: Any) -> Any:
    # Flask's decoded body, validated into the class the caller chooses
    return resource_type.model_validate(request.json)


def copy_scim_resource(resource_type: Any, row: dict[str, Any]) -> Any:
    # the service's own record, validated into the class the caller chooses: nothing received
    return resource_type.model_validate(row)


def create_scim_user() -> Any:
    return create_scim_resource(ScimUser)


def copy_scim_group(row: dict[str, Any]) -> Any:
    return copy_scim_resource(ScimGroupRecord, row)


class AccountDocument(beanie.Document):
    """A Beanie document: stored, whoever fills it in."""

    # ruleid: python.pydantic.field user.contact.email
    email: str
    # ok: python.pydantic.field
    plan: str = "free"


class MailSettings(BaseSettings):
    # the service's configuration, not a person's
    # ok: python.pydantic.field
    smtp_password: SecretStr
    # ok: python.pydantic.field
    support_email: str = "support@example.com"


# --- dataclasses, attrs, TypedDict ------------------------------------------------------------------
# Plain value classes are collects only when they receive data: the type of a route's parameter
# (FastAPI reads a request body into a dataclass), a field of such a class, or a decoder's target.

@dataclass
class ShippingAddress:
    # a field of a route's body (CheckoutRequest.address below): received with it
    # ruleid: python.dataclass.field user.name
    recipient_name: str
    # ruleid: python.dataclass.field user.contact.address.street
    street: str
    # ruleid: python.dataclass.field user.contact.address.postal_code
    postal_code: str
    # what the buyer tells the courier
    # ruleid: python.dataclass.field user.content
    instructions: list[str] = field(default_factory=list)


@dataclass
class CheckoutRequest:
    # ruleid: python.dataclass.field user.contact.email
    email: str
    # a nested record named for what it is: the buyer's address
    # ruleid: python.dataclass.field user.contact.address
    address: ShippingAddress
    # received, its fields are what the buyer submits: a comment is what they wrote
    # ruleid: python.dataclass.field user.content
    comment: str = ""


@router.post("/checkout")
async def checkout(order: CheckoutRequest) -> dict[str, str]:
    return {"status": "accepted"}


class ThreadFilter(BaseModel):
    """Decoded from a request body: its fields are read as what a person submits."""

    # the text a person types to search their threads
    # ruleid: python.pydantic.field user.behavior
    search: str | None = None
    # ok: python.pydantic.field
    page: int = 1


class MessageUpdate(BaseModel):
    # ruleid: python.pydantic.field user.content
    text: str
    # a chat message's session is the conversation, whoever submits it
    # ok: python.pydantic.field
    session_id: str


@router.post("/threads")
async def list_threads(thread_filter: ThreadFilter, update: MessageUpdate) -> dict[str, str]:
    return {"status": "ok"}


# A record class of a project-made database layer (mautrix's attrs `@dataclass` over asyncpg): its
# methods write its table with SQL, so its fields are the table's columns, stored, whoever fills
# them in. Its own key and the columns that refer to a person by a chat network's id are not.

@attrs_classic.dataclass
class PuppetRecord:
    db: ClassVar[Database] = Database.create("")

    # the record's own key (a Telegram id): the row, not data taken in
    # ok: python.dataclass.field
    tgid: int
    # ruleid: python.dataclass.field user.name
    displayname: str | None
    # ruleid: python.dataclass.field user.account.username
    username: str | None
    # ruleid: python.dataclass.field user.contact.phone_number
    phone: str | None
    # ruleid: python.dataclass.field user.authorization.credentials
    access_token: str | None
    # the Matrix user the row belongs to, by id: a reference
    # ok: python.dataclass.field
    user_mxid: str
    # ok: python.dataclass.field
    is_bot: bool

    async def insert(self) -> None:
        q = """
        INSERT INTO puppet (tgid, displayname, username, phone, access_token, user_mxid, is_bot)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """
        await self.db.execute(q, self.tgid, self.displayname, self.username, self.phone, self.access_token,
                              self.user_mxid, self.is_bot)


@attrs_classic.dataclass
class ContactCard:
    # only read by SQL (`SELECT`), never written: a value class as any other, received nowhere
    # ok: python.dataclass.field
    phone: str
    # ok: python.dataclass.field
    displayname: str

    @classmethod
    async def find(cls, db: Database, phone: str) -> ContactCard:
        return cls(**await db.fetchrow("SELECT phone, displayname FROM contact WHERE phone=$1", phone))


# A project that keeps its tables in SQL text (R2R's users handler over asyncpg): the class a row
# an `INSERT ... RETURNING` or `UPDATE ... SET ... RETURNING` gave back is built from is the record
# written, its fields the table's columns (here in the same module; another module's building it
# counts the same). A class only loaded from a `SELECT` stays a value class (ContactCard above).

@dataclass
class AccountRow:
    # ok: python.dataclass.field
    id: int
    # ruleid: python.dataclass.field user.contact.email
    email: str
    # ruleid: python.dataclass.field user.name
    name: str | None = None
    # ruleid: python.dataclass.field user.authorization.credentials
    hashed_password: str | None = None


async def rename_account(db: Database, account_id: int, name: str) -> AccountRow:
    row = await db.fetchrow(
        f"UPDATE {ACCOUNTS_TABLE} SET name = $1 WHERE id = $2 RETURNING id, email, name, hashed_password",
        name, account_id)
    return AccountRow(id=row["id"], email=row["email"], name=row["name"], hashed_password=row["hashed_password"])


@dataclass
class AccountSummary:
    # built from a SELECT's rows only: not a record the code writes
    # ok: python.dataclass.field
    email: str
    # ok: python.dataclass.field
    name: str | None = None


async def list_accounts(db: Database) -> list[AccountSummary]:
    rows = await db.fetch(f"SELECT email, name FROM {ACCOUNTS_TABLE}")
    return [AccountSummary(email=row["email"], name=row["name"]) for row in rows]


ACCOUNTS_TABLE = "accounts"


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    # ok: python.dataclass.field
    max_attempts: int = 3
    # ok: python.dataclass.field
    backoff_seconds: float = 0.5


@dataclass
class AuditLogEntry:
    # an entry the service writes about a request it served: its own record, not received data
    # ok: python.dataclass.field
    user_agent: str
    # ok: python.dataclass.field
    source_ip: str


@dataclass(frozen=True)
class ClientIpHop:
    # one hop of a proxy chain the service works out itself
    # ok: python.dataclass.field
    ip_address: str
    # ok: python.dataclass.field
    trusted: bool = False


@attrs.define
class Lead:
    # decoded from a webhook's payload (dacite.from_dict below)
    # ruleid: python.dataclass.field user.contact.email
    email: str
    # ruleid: python.dataclass.field user.contact.phone_number
    mobile: str | None = None
    # ok: python.dataclass.field
    source: str = "web"


@router.post("/webhooks/leads")
async def lead_webhook(payload: dict[str, object]) -> None:
    dacite.from_dict(data_class=Lead, data=payload)


class TrackedEvent(TypedDict):
    # decoded from the body by msgspec (below)
    # a field holding a user's id only refers to the user, as a foreign key does
    # ok: python.typeddict.field
    user_id: str
    # ruleid: python.typeddict.field user.device.ip_address
    ip_address: str
    # ok: python.typeddict.field
    name: str


def decode_event(body: bytes) -> TrackedEvent:
    return msgspec.json.decode(body, type=TrackedEvent)


class ValidatorContext(TypedDict):
    # passed between the service's own functions, never decoded from a request
    # ok: python.typeddict.field
    email: str
    # ok: python.typeddict.field
    username: str


@dataclass
class SignupOut:
    # a response (by its name): sent out, never taken in
    # ok: python.dataclass.field
    email: str


@router.post("/signup")
async def signup(body: SignupOut) -> None:
    # even received, a class named as a response is not a collect
    pass


class TrackResult(TypedDict):
    # ok: python.typeddict.field
    user_id: str


class Subscription(msgspec.Struct):
    # a msgspec struct validates what it decodes by design: a schema of received data, as Pydantic's
    # ruleid: python.dataclass.field user.contact.email
    email: str


# --- colander (Cornice, deform) -----------------------------------------------------------------------

class AccountSchema(colander.MappingSchema):
    # ruleid: python.colander.field user.authorization.credentials
    password = colander.SchemaNode(colander.String())
    # ruleid: python.colander.field user.contact.email
    email = colander.SchemaNode(colander.String(), validator=colander.Email())
    # ok: python.colander.field
    created = colander.SchemaNode(colander.DateTime(), missing=colander.drop)


class BatchRequestSchema(colander.MappingSchema):
    """Kinto's batch: each subrequest's body kept whole (`unknown="preserve"`), whatever it holds."""

    # ok: python.colander.field
    path = colander.SchemaNode(colander.String(), validator=colander.Regex("^/"))
    # ruleid: python.colander.field user.content
    body = colander.SchemaNode(colander.Mapping(unknown="preserve"), missing=colander.drop)


class PageQuerySchema(colander.MappingSchema):
    """A listing's paging controls: the bare `token` beside `limit` is the next page's cursor."""

    # ok: python.colander.field
    _limit = colander.SchemaNode(colander.Integer(), missing=colander.drop)
    # ok: python.colander.field
    _token = colander.SchemaNode(colander.String(), missing=colander.drop)


class ResetQuerystringSchema(colander.MappingSchema):
    """A token with nothing of a listing beside it is the credential it looks like."""

    # ruleid: python.colander.field user.authorization.credentials
    token = colander.SchemaNode(colander.String())


class LoginQuerystringSchema(colander.MappingSchema):
    """An OpenID Connect login's querystring: beside `scope`, `prompt` is the protocol's parameter."""

    # ok: python.colander.field
    scope = colander.SchemaNode(colander.String())
    # ok: python.colander.field
    prompt = colander.SchemaNode(colander.String(), validator=colander.Regex("none"), missing=colander.drop)


class TokenQuerystringSchema(colander.MappingSchema):
    """The token endpoint's query parameters: `code` is the OAuth authorization code."""

    # ruleid: python.colander.field user.authorization.credentials
    code = colander.SchemaNode(colander.String(), missing=colander.drop)
    # ok: python.colander.field
    state = colander.SchemaNode(colander.String())


class SignupRequestSchema(colander.MappingSchema):
    """Cornice's schema of a request nests each part's schema under the part's name: `body` is the
    request's body, declared by AccountSchema's fields, not a person's field named `body`."""

    # ok: python.colander.field
    body = AccountSchema()
    # ok: python.colander.field
    querystring = PageQuerySchema()


# --- marshmallow and WTForms --------------------------------------------------------------------------

class UserSchema(marshmallow.Schema):
    # ruleid: python.marshmallow.field user.contact.email
    email = mf.Email(required=True)
    # ruleid: python.marshmallow.field user.name
    name = mf.Str()
    # ruleid: python.marshmallow.field user.authorization.credentials
    password = mf.Str(load_only=True)
    # ok: python.marshmallow.field
    created = mf.DateTime(dump_only=True)
    # ok: python.marshmallow.field
    orders = mf.Nested("OrderSchema", many=True)


class PostalAddressSchema(marshmallow.Schema):
    # ruleid: python.marshmallow.field user.contact.address.street
    street = mf.Str()


class ContactPersonSchema(marshmallow.Schema):
    """Containers of another schema's records are collects by their own names: the nested schema's
    fields are collects where it declares them, the container says whose data it holds."""

    # ruleid: python.marshmallow.field user.contact.address
    addresses = mf.Nested(PostalAddressSchema, many=True)
    # ruleid: python.marshmallow.field user.contact.phone_number
    phone_numbers = mf.List(mf.Nested(PostalAddressSchema))
    # ok: python.marshmallow.field
    settings = mf.Nested(PostalAddressSchema)  # named for nothing personal
    # ok: python.marshmallow.field
    emails = mf.Nested(PostalAddressSchema, many=True, dump_only=True)  # only sent back


class ChatBodyArgs(marshmallow.Schema):
    """webargs' name for a schema of a request's arguments (gramps-webapi's chat endpoint): `Args` is
    dropped as `Param` is, and the owner is the chat its fields are about."""

    # ruleid: python.marshmallow.field user.content
    history = mf.List(mf.Dict())
    # ok: python.marshmallow.field
    model = mf.Str()


class TreeBodyArgs(marshmallow.Schema):
    # a history of something that is no conversation is no one's content
    # ok: python.marshmallow.field
    history = mf.List(mf.Dict())


class ContactSchema(marshmallow.Schema):
    class Meta:
        fields = (
            # ruleid: python.marshmallow.field user.contact.phone_number
            "phone",
            # ok: python.marshmallow.field
            "created",
        )


class GroupPostSchema(marshmallow.Schema):
    """Flask-AppBuilder's group API: the users and roles a group holds, given by their ids. Named for
    the HTTP method, as its sibling `GroupPutSchema` is: a group's schema, not a forum post's."""

    # ok: python.marshmallow.field
    description = mf.String(required=False, allow_none=True)
    # ok: python.marshmallow.field
    users = mf.List(mf.Integer, required=False)
    # a single number may be a login (an employee number)
    # ruleid: python.marshmallow.field user.account.username
    username = mf.Integer()
    # a list of the members' logins, written in letters
    # ruleid: python.marshmallow.field user.account.username
    usernames = mf.List(mf.String())


class GroupPutSchema(marshmallow.Schema):
    # ok: python.marshmallow.field
    description = mf.String(required=False, allow_none=True)


class ForumPostSchema(marshmallow.Schema):
    """A post people write (no schema of the same name for another method): its text is theirs."""

    # ruleid: python.marshmallow.field user.content
    description = mf.String()


class ApiKeyCreateResponseSchema(marshmallow.Schema):
    """Named for a response: what the service sends back once, never what it is given."""

    # ok: python.marshmallow.field
    key = mf.String(metadata={"description": "The plaintext API key (only shown once at creation)"})
    # ok: python.marshmallow.field
    email = mf.String()


class ApiKeyCreateSchema(marshmallow.Schema):
    # ruleid: python.marshmallow.field user.contact.email
    email = mf.String()


class DatabaseParametersSchema(marshmallow.Schema):
    """A field's type says what it holds: a connection URL's query string as a dict is its
    parameters, not a search; a list of nested records is theirs to declare."""

    # ok: python.marshmallow.field
    query = mf.Dict(keys=mf.Str(), values=mf.Raw(), metadata={"description": "Additional parameters"})
    # ok: python.marshmallow.field
    queries = mf.List(mf.Nested(ChartQuerySchema))


class SavedSearchSchema(marshmallow.Schema):
    # ruleid: python.marshmallow.field user.behavior
    query = mf.String(required=True)
    # a URL holds no text a person wrote, but the page they came from is still their browsing
    # ruleid: python.marshmallow.field user.behavior.browsing_history
    referrer = mf.URL()


class UploadFilePostSchema(marshmallow.Schema):
    """A choice among an enum's members or a URL: no text a person wrote, whatever the enum's name."""

    # ok: python.marshmallow.field
    type = mf.Enum(UploadFileType, required=True, by_value=True)
    # ok: python.marshmallow.field
    data = mf.URL()
    # ruleid: python.marshmallow.field user.content
    file = mf.Raw(required=True, metadata={"type": "string", "format": "binary"})


# flask-smorest views declare what they answer with and what they read (gramps-webapi): a schema a
# response decorator names only shows records the service holds; one the module also reads a request
# with is what a person sends, whatever else it is used for
class ResearcherSchema(marshmallow.Schema):
    # ok: python.marshmallow.field
    email = mf.String()
    # ok: python.marshmallow.field
    phone = mf.String()


class TokenPairSchema(marshmallow.Schema):
    # ok: python.marshmallow.field
    access_token = mf.String()


class AccountSchema(marshmallow.Schema):
    # ruleid: python.marshmallow.field user.contact.email
    email = mf.String()


# the parts of an answer: a schema nested only in schemas that answer, or in a field that is only ever
# sent (`dump_only`), is part of what the service sends back; two that nest each other too
class PersonProfileSchema(marshmallow.Schema):
    # ok: python.marshmallow.field
    surname = mf.String()
    # ok: python.marshmallow.field
    families = mf.List(mf.Nested(lambda: FamilyProfileSchema()))


class FamilyProfileSchema(marshmallow.Schema):
    # ok: python.marshmallow.field
    family_surname = mf.String()
    # ok: python.marshmallow.field
    children = mf.List(mf.Nested(PersonProfileSchema))


class MatchSchema(marshmallow.Schema):
    # ok: python.marshmallow.field
    person = mf.Nested(PersonProfileSchema)


class PersonSchema(marshmallow.Schema):
    # ok: python.marshmallow.field
    profile = mf.Nested(PersonProfileSchema, dump_only=True)
    # nested where a person sends it, an address is taken in: a container named for personal data
    # (the nested-container convention), and its parts are fields of their own
    # ruleid: python.marshmallow.field user.contact.address
    address = mf.Nested(AddressPartsSchema)


class AddressPartsSchema(marshmallow.Schema):
    # ruleid: python.marshmallow.field user.contact.address.street
    street = mf.String()


@blp.route("/researcher")
class Researcher(MethodView):
    @blp.response(200, ResearcherSchema())
    def get(self):
        return get_researcher()

    @blp.response(200, MatchSchema(many=True))
    def matches(self):
        return get_matches()

    @blp.arguments(PersonSchema)
    def put(self, args):
        return update_person(args)

    @blp.alt_response(201, schema=TokenPairSchema)
    def post(self):
        return issue_tokens()


@blp.route("/account")
class Account(MethodView):
    @blp.arguments(AccountSchema, location="json")
    @blp.response(200, AccountSchema)
    def put(self, args):
        return update_account(args)


# fields kept by name in a `dict(...)` for a form class built from them (canaille's profile form)
PROFILE_FORM_FIELDS = dict(
    # ruleid: python.wtforms.field user.account.username
    user_name=StringField("Username", validators=[DataRequired()]),
    # ruleid: python.wtforms.field user.contact.email
    emails=EmailField("Email address"),
    # ok: python.wtforms.field
    accept_tos=BooleanField("I accept the terms"),
    # the variable names what the fields are of: a profile's formatted name is the person's name
    # ruleid: python.wtforms.field user.name
    formatted_name=StringField("Name"),
    # a list of entries of the field it repeats
    # ruleid: python.wtforms.field user.contact.phone_number
    phone_numbers=FieldList(TelField("Phone numbers"), min_entries=1),
)
# the same names of a service's settings are its own
SERVICE_FORM_FIELDS = dict(
    # ok: python.wtforms.field
    formatted_name=StringField("Name shown in the footer"),
)
# keywords of any other call, and a `dict(...)` of settings, are no fields
# ok: python.wtforms.field
PROFILE_FIELD_OPTIONS = dict(username_label="Username", email_required=True)


class RegistrationForm(FlaskForm):
    # ruleid: python.wtforms.field user.account.username
    username = StringField("Username", validators=[DataRequired()])
    # ruleid: python.wtforms.field user.contact.email
    email = EmailField("Email", validators=[DataRequired(), Email()])
    # ruleid: python.wtforms.field user.authorization.credentials
    password = PasswordField("Password")
    # ok: python.wtforms.field
    accept_tos = BooleanField("I accept the terms")
    # ruleid: python.wtforms.field user.content
    reason = StringField("Why do you want to join?")
    # ruleid: python.wtforms.field user.contact.phone_number
    mobile_or_landline = StringField(render_kw={"autocomplete": "tel", "placeholder": "+44"})
    # ok: python.wtforms.field
    csrf_token = HiddenField()
    # ok: python.wtforms.field
    submit = SubmitField("Sign up")
    # ruleid: python.wtforms.field user.contact.email
    backup_emails = FieldList(EmailField("Backup address"))


# --- MongoEngine and Peewee ---------------------------------------------------------------------------

class Profile(me.Document):
    # ruleid: python.mongoengine.field user.contact.email
    email = me.EmailField(required=True, unique=True)
    # ruleid: python.mongoengine.field user.content
    bio = me.StringField(max_length=500)
    # ok: python.mongoengine.field
    owner = me.ReferenceField("Member")


class Subscriber(peewee.Model):
    # ruleid: python.peewee.field user.contact.email
    email = peewee.CharField(unique=True)
    # ok: python.peewee.field
    mailing_list = peewee.ForeignKeyField(peewee.Model, backref="subscribers")
    # ok: python.peewee.field
    subscribed_at = peewee.DateTimeField()


# --- not schemas ------------------------------------------------------------------------------------

class EmailTemplates:
    # a plain class: its attributes declare no fields
    # ok: python.django.model-field
    # ok: python.pydantic.field
    email = "welcome.html"
    # ok: python.dataclass.field
    phone: str = "+441234567890"


# --- schemas built by a call ----------------------------------------------------------------------


class PostIndex:
    """A search index that stores copies of the posts' personal data."""

    schema = whoosh.fields.Schema(
        # ok: python.whoosh.field
        post_id=whoosh.fields.NUMERIC(stored=True, unique=True),
        # ruleid: python.whoosh.field user.account.username
        username=whoosh.fields.TEXT(),
        # a text field naming the last editor holds their login name
        # ruleid: python.whoosh.field user.account.username
        modified_by=whoosh.fields.TEXT(),
        # ok: python.whoosh.field
        modified_at=whoosh.fields.DATETIME(),
        # ruleid: python.whoosh.field user.content
        content=whoosh.fields.TEXT(),
    )


class UserIndex(haystack_indexes.SearchIndex, haystack_indexes.Indexable):
    """A django-haystack search index: each field a copy of the model's value, kept in the engine."""

    model = Customer

    # ok: python.haystack.field
    text = haystack_indexes.CharField(document=True, use_template=True)
    # ruleid: python.haystack.field user.account.username
    username = haystack_indexes.CharField(model_attr="username")
    # ruleid: python.haystack.field user.contact.email
    email = haystack_indexes.CharField()
    # ok: python.haystack.field
    last_login = haystack_indexes.DateTimeField(model_attr="last_login")


class PostSearchIndex(haystack_indexes.SearchIndex):
    """The index's `model` owns its fields, as a ModelForm's `Meta.model` does: a post's description."""

    model = Post

    # ruleid: python.haystack.field user.content
    description = haystack_indexes.CharField(model_attr="description")
    # ok: python.haystack.field
    url = haystack_indexes.CharField(model_attr="get_absolute_url")


class MessageIndex(haystack_indexes.SearchIndex, haystack_indexes.Indexable):
    """HyperKitty's shape: the model named by `get_model()` (haystack's Indexable API), and fields
    that copy a model attribute of another name (`model_attr`)."""

    # the sender's name copied from `sender_name`, not the address a bare `sender` of a mail is
    # ruleid: python.haystack.field user.name
    sender = haystack_indexes.CharField(model_attr="sender_name", null=True)
    # a related object's attribute is another model's field: the list's name
    # ok: python.haystack.field
    mailinglist = haystack_indexes.CharField(model_attr="mailinglist__name")
    # ok: python.haystack.field
    date = haystack_indexes.DateTimeField(model_attr="date")

    def get_model(self):
        return Post


class TopicWhoosheer:
    """flask-whooshee's index of topics: the class name without `Whoosheer` is the owner."""

    schema = whoosh.fields.Schema(
        # ok: python.whoosh.field
        topic_id=whoosh.fields.NUMERIC(stored=True, unique=True),
        # ruleid: python.whoosh.field user.content
        title=whoosh.fields.TEXT(),
    )


class ProductWhoosheer:
    schema = whoosh.fields.Schema(
        # ok: python.whoosh.field
        title=whoosh.fields.TEXT(),
    )


# ruleid: python.pydantic.field user.contact.email
ContactRequest = create_model("ContactRequest", email=(str, ...), topic=(str, "general"))


def user_update_body(user_update_model: type[BaseModel], payload: dict):
    # a key holding a whole model the caller chose: that model's fields declare what it holds
    # ok: python.pydantic.field
    body_model = create_model("UserUpdateBody", body=(user_update_model, ...))
    return body_model(body=payload).body


def custom_fields_model(user_fields):
    """Fields built per field an administrator defines (Fief's custom user fields): one per item, named
    by it; what a person enters there is their answer."""
    fields = {}
    for field in user_fields:
        # ruleid: python.pydantic.field user.content
        fields[field.slug] = (str, Field(None))
    return create_model("UserFields", **fields)


def choices_model(choices):
    """Near-miss: a loop over choices, not over field definitions."""
    values = {}
    for choice in choices:
        # ok: python.pydantic.field
        values[choice.slug] = (str, None)
    return create_model("Choices", **values)


def get_profile_form_class(update_user_fields):
    class ProfileFormFields(FlaskForm):
        pass

    for field in update_user_fields:
        # ruleid: python.wtforms.field user.content
        setattr(ProfileFormFields, field.slug, make_form_field(field))
    for field in update_user_fields:
        # a literal name is a field like any declared one, read by its name elsewhere
        # ok: python.wtforms.field
        setattr(ProfileFormFields, "locale", make_form_field(field))
    return ProfileFormFields


def get_settings_class(update_user_fields):
    class Settings:
        pass

    for field in update_user_fields:
        # near-miss: a class that is no form
        setattr(Settings, field.slug, make_form_field(field))
    return Settings


@attrs_classic.s
class RegistrationInfo:
    """attrs' classic API: fields are attr.ib() assignments."""

    # ruleid: python.dataclass.field user.account.username
    username = attrs_classic.ib()
    # ruleid: python.dataclass.field user.contact.email
    email = attrs_classic.ib()
    # ok: python.dataclass.field
    accepted_terms = attrs_classic.ib(default=False)


@attrs_classic.s(frozen=True)
class UserRegistrationInfo:
    """Built from a submitted form's fields (register_view below): it carries what the person typed."""

    # ruleid: python.dataclass.field user.account.username
    username = attrs_classic.ib()
    # ok: python.dataclass.field
    group = attrs_classic.ib()


def register_view(form: RegistrationForm) -> UserRegistrationInfo:
    return UserRegistrationInfo(username=form.username.data, group=4)


def register(data: dict[str, object]) -> RegistrationInfo:
    return cattrs.structure(data, RegistrationInfo)


@attrs_classic.s
class SessionInfo:
    """attrs' classic API, never received: the service's own record."""

    # ok: python.dataclass.field
    username = attrs_classic.ib()


# --- typing.cast -------------------------------------------------------------------------------------
# `cast(T, value)` is `value` for the analysis: a cast body is still the request's, read key by key.

def signup_view() -> str:
    data = cast(dict[str, Any], request.get_json())
    # ruleid: python.request.field user.contact.email
    email = data["email"]
    form = typing_extensions.cast("dict[str, str]", request.form)
    # ruleid: python.request.field user.contact.phone_number
    phone = form.get("phone")
    return f"{email} {phone}"


# --- werkzeug's LocalProxy ------------------------------------------------------------------------
# A context-local proxy is what its function returns: the project's own request proxy (a subclass,
# as frameworks built on Flask define one) is the request; a proxy of something else is not.

def _current_request() -> object:
    return request


class AppRequest(werkzeug.local.LocalProxy):
    """The request with the project's helpers."""


app_request = AppRequest(_current_request)
current_locale = werkzeug.local.LocalProxy(lambda: "en")


def profile_view() -> str:
    # ruleid: python.request.field user.contact.email
    email = app_request.form["email"]
    # ok: python.request.field
    locale = current_locale.form["email"]
    return f"{email} {locale}"


# --- schemas declared as dicts ----------------------------------------------------------------------
# Validation schemas written as plain dicts of field name to a list of validators (the navl-style
# schemas of many Pylons and Flask apps, built by functions named `*_schema` and derived from one
# another), and the dicts Cerberus, voluptuous and JSON Schema validate with: each personal key is a
# collect at its key's line, and a key a derived schema adds or redeclares is one at that statement.


@validator_args
def default_user_schema(ignore_missing: Any, not_empty: Any, unicode_safe: Any, email_validator: Any,
                        user_password_validator: Any, name_validator: Any) -> dict[str, Any]:
    return {
        # the record's own id picks the user to change: not a collect
        # ok: python.dict-schema.field
        'id': [ignore_missing, unicode_safe],
        # ruleid: python.dict-schema.field user.name
        'name': [not_empty, name_validator, unicode_safe],
        # ruleid: python.dict-schema.field user.name
        'fullname': [ignore_missing, unicode_safe],
        # ruleid: python.dict-schema.field user.contact.email
        'email': [not_empty, email_validator, unicode_safe],
        # ruleid: python.dict-schema.field user.authorization.credentials
        'password': [user_password_validator, unicode_safe],
        # ok: python.dict-schema.field
        'state': [ignore_missing],
        # a nested dict of the same shape declares fields too
        'address': {
            # ruleid: python.dict-schema.field user.contact.address.city
            'city': [ignore_missing, unicode_safe],
            # ruleid: python.dict-schema.field user.contact.address.postal_code
            'postcode': [ignore_missing, unicode_safe],
        },
        # a nested schema built elsewhere: its own keys are the collects
        # ok: python.dict-schema.field
        'plugin_extras': default_plugin_extras_schema(),
    }


@validator_args
def user_new_form_schema(unicode_safe: Any, user_both_passwords_entered: Any, user_password_validator: Any,
                         user_passwords_match: Any, ignore_missing: Any) -> dict[str, Any]:
    """A derived schema: the keys it adds to the one it starts from are declared where they are added."""
    schema = default_user_schema()
    # ok: python.dict-schema.field
    schema['__before'] = [user_both_passwords_entered]
    # ruleid: python.dict-schema.field user.authorization.credentials
    schema['password1'] = [unicode_safe, user_password_validator, user_passwords_match]
    # ruleid: python.dict-schema.field user.authorization.credentials
    schema['password2'] = [unicode_safe]
    # a nested dict added whole: its keys are the fields
    schema['address'] = {
        # ruleid: python.dict-schema.field user.contact.address.city
        'city': [unicode_safe],
        # ok: python.dict-schema.field
        'verified': [ignore_missing],
    }
    return schema


@validator_args
def default_show_user_schema(ignore_missing: Any, unicode_safe: Any) -> dict[str, Any]:
    """A `show` schema describes what an action returns: a response, not a collect."""
    schema = default_user_schema()
    # ok: python.dict-schema.field
    schema['email'] = [ignore_missing, unicode_safe]
    # ok: python.dict-schema.field
    schema['created'] = [ignore_missing]
    return schema


@validator_args
def default_group_schema(not_empty: Any, unicode_safe: Any, ignore_missing: Any) -> dict[str, Any]:
    """A group's `name` and `title` are not a person's."""
    return {
        # ok: python.dict-schema.field
        'name': [not_empty, unicode_safe],
        # ok: python.dict-schema.field
        'title': [ignore_missing, unicode_safe],
    }


@validator_args
def member_schema(not_missing: Any, group_id_or_name_exists: Any, unicode_safe: Any,
                  user_id_or_name_exists: Any, role_exists: Any) -> dict[str, Any]:
    """A field checked to name an existing record selects that record, like a foreign key."""
    return {
        # ok: python.dict-schema.field
        'id': [not_missing, group_id_or_name_exists, unicode_safe],
        # ok: python.dict-schema.field
        'username': [not_missing, user_id_or_name_exists, unicode_safe],
        # ok: python.dict-schema.field
        'role': [not_missing, role_exists, unicode_safe],
    }


@validator_args
def default_follow_user_schema(not_empty: Any, unicode_safe: Any, convert_user_name_or_id_to_id: Any) -> dict[str, Any]:
    return {
        # ok: python.dict-schema.field
        'user': [not_empty, unicode_safe, convert_user_name_or_id_to_id],
    }


@validator_args
def default_tags_schema(ignore: Any, ignore_missing: Any, unicode_safe: Any, name_validator: Any) -> dict[str, Any]:
    """A field whose validators all discard the value is never received; `ignore_missing` keeps it."""
    return {
        # ok: python.dict-schema.field
        'display_name': [ignore],
        # ruleid: python.dict-schema.field user.name
        'fullname': [ignore_missing, unicode_safe],
        # a name validator checks the shape of a new name, it looks nothing up
        # ruleid: python.dict-schema.field user.account.username
        'username': [not_empty, name_validator, unicode_safe],
    }


class DatasetFormPlugin:
    """A plugin's schema method: the keys it adds with `update` are declared there."""

    def create_dataset_schema(self) -> dict[str, Any]:
        schema = default_create_dataset_schema()
        schema.update({
            # ruleid: python.dict-schema.field user.contact.email
            'maintainer_email': [navl.ignore_missing, navl.email_validator],
            # ok: python.dict-schema.field
            'license_id': [navl.ignore_missing],
        })
        return schema


def registration_schema() -> dict[str, Any]:
    return {
        # ruleid: python.dict-schema.field user.contact.email
        "email": [navl.not_empty, navl.email_validator],
        # ruleid: python.dict-schema.field user.contact.phone_number
        "phone": (navl.ignore_missing, str),
    }


def newsletter_schema() -> dict[str, Any]:
    """Built with `dict(...)`: its keywords are the keys."""
    schema = dict(
        # ruleid: python.dict-schema.field user.contact.email
        email=[navl.not_empty, navl.email_validator],
        # ok: python.dict-schema.field
        frequency=[navl.ignore_missing],
    )
    # ruleid: python.dict-schema.field user.name.first
    schema.update(first_name=[navl.ignore_missing])
    return schema


def signup_schema_labels() -> dict[str, str]:
    """Labels shown beside the fields: strings, not validators."""
    return {
        # ok: python.dict-schema.field
        "email": "Email address",
        # ok: python.dict-schema.field
        "phone": "Phone number",
    }


def contact_schema_defaults() -> dict[str, list[str]]:
    """Lists of literals are settings, not validators."""
    return {
        # ok: python.dict-schema.field
        "email": ["noreply@example.com"],
    }


def mail_settings_schema() -> dict[str, Any]:
    """A schema of the service's own settings: configuration, whoever's address it holds."""
    return {
        # ok: python.dict-schema.field
        "admin_email": [navl.email_validator],
    }


def default_update_configuration_schema(unicode_safe: Any, ignore_missing: Any) -> dict[str, Any]:
    """CKAN's shape: the site's configuration an administrator edits; its upload is the site logo."""
    return {
        "ckan.site_title": [ignore_missing, unicode_safe],
        # ok: python.dict-schema.field
        "logo_upload": [ignore_missing, unicode_safe],
    }


def update_profile_schema(unicode_safe: Any, ignore_missing: Any) -> dict[str, Any]:
    """The near miss: a person's own profile, whose upload is theirs."""
    return {
        # ruleid: python.dict-schema.field user.content
        "image_upload": [ignore_missing, unicode_safe],
    }


# Cerberus: field name to a dict of rules; a `dict` field's own `schema` nests fields.
contact_schema = {
    # ruleid: python.cerberus.field user.name
    "name": {"type": "string", "required": True},
    # ruleid: python.cerberus.field user.contact.email
    "email": {"type": "string", "regex": r"^[^@]+@[^@]+$"},
    "address": {"type": "dict", "schema": {
        # ruleid: python.cerberus.field user.contact.address.city
        "city": {"type": "string"},
    }},
    # ok: python.cerberus.field
    "newsletter": {"type": "boolean", "default": False},
}
contact_validator = cerberus.Validator(contact_schema)


def search_form_valid(params: dict[str, Any]) -> bool:
    # ok: python.cerberus.field
    return bool(cerberus.Validator({"page": {"type": "integer", "min": 1}}).validate(params))


# voluptuous: plain keys and Required/Optional markers.
signup_payload = voluptuous.Schema({
    # ruleid: python.voluptuous.field user.contact.email
    voluptuous.Required("email"): voluptuous.Email(),
    # ruleid: python.voluptuous.field user.contact.phone_number
    voluptuous.Optional("phone"): str,
    # ruleid: python.voluptuous.field user.account.username
    "username": voluptuous.All(str, voluptuous.Length(min=3)),
    # ok: python.voluptuous.field
    voluptuous.Optional("remember_me", default=False): bool,
})


# webargs: an argmap given to use_kwargs / use_args (webargs' own or a project's wrapper of the same
# name) or to a parser's parse; its fields are webargs' re-exported marshmallow fields.
class RegistrationEmailCheck:
    @use_kwargs({
        # ruleid: python.webargs.field user.contact.email
        "email": LowercaseString(required=True),
        # ok: python.webargs.field
        "update": wfields.UUID(load_default=None),
        # ok: python.webargs.field
        "management": wfields.Bool(load_default=False),
    }, location="query")
    def _process_args(self, email: str, update: str, management: bool) -> None:
        self.email = email


@webargs.flaskparser.use_args({
    # ruleid: python.webargs.field user.name.first
    "first_name": wfields.Str(required=True),
    # ruleid: python.webargs.field user.contact.phone_number
    "phone": wfields.Str(load_default=""),
})
def update_profile(args: dict[str, str]) -> None:
    pass


def search_users() -> None:
    # ruleid: python.webargs.field user.contact.email
    args = webargs.flaskparser.parser.parse({"email": wfields.Email(), "page": wfields.Int()}, location="query")
    # a schema class, not a dict: the marshmallow family reads its fields where it is declared
    # ok: python.webargs.field
    use_kwargs(UserSchema, location="json")
    del args


class SignupArgs(marshmallow.Schema):
    # webargs' re-exported fields are marshmallow's
    # ruleid: python.marshmallow.field user.contact.email
    email = wfields.String(required=True)
    # ok: python.marshmallow.field
    affiliation_link = wfields.Nested(AffiliationArgs, load_default=None)


class LocalSignupArgs(SignupArgs):
    # the project's own String (lower-cased on load), named for the field it refines
    # ruleid: python.marshmallow.field user.account.username
    username = LowercaseString(required=True)
    # ruleid: python.marshmallow.field user.authorization.credentials
    password = wfields.String(required=True)
    # ok: python.marshmallow.field
    theme = LowercaseString(load_default="light")
    # a helper's result, not a field class
    # ok: python.marshmallow.field
    affiliation_link = make_link_field("affiliation")


class FavoriteEventArgs(marshmallow.Schema):
    # the attribute path says what the field reads: an event's venue, not a person's location
    # ok: python.marshmallow.field
    location = wfields.String(attribute="event.location.venue_name")
    # ruleid: python.marshmallow.field user.contact.email
    email = wfields.String(attribute="event.creator.email")
    # a plain attribute name is the same object's
    # ruleid: python.marshmallow.field user.contact.phone_number
    phone = wfields.String(attribute="phone_number")
    # a path that ends at a person: the field's own name says what of theirs it holds (pretalx's
    # `avatar = UploadedFileField(source="speaker.user")`)
    # ruleid: python.marshmallow.field user.content.self_image
    avatar = wfields.Raw(attribute="speaker.user")
    # ok: python.marshmallow.field
    venue = wfields.String(attribute="event.location")


# JSON Schema: the keys of `properties`, where the schema is validated against or named so.
PROFILE_UPDATE_SCHEMA = {
    "type": "object",
    "properties": {
        # ruleid: python.jsonschema.property user.name
        "display_name": {"type": "string", "maxLength": 64},
        # ruleid: python.jsonschema.property user.contact.phone_number
        "phone": {"type": "string"},
        # ok: python.jsonschema.property
        "theme": {"enum": ["light", "dark"]},
    },
    "required": ["display_name"],
}

PROFILE_RESPONSE_SCHEMA = {
    "type": "object",
    # a response's schema: what the service sends out
    # ok: python.jsonschema.property
    "properties": {"email": {"type": "string"}},
}

ORDER_SCHEMA = {
    "type": "object",
    "allOf": [{"$ref": "#/definitions/customer"}, {"properties": {"coupon": {"type": "string"}}}],
    "definitions": {
        "customer": {"type": "object", "properties": {
            # ruleid: python.jsonschema.property user.contact.email
            "email": {"type": "string"},
            # ruleid: python.jsonschema.property user.contact.address.street
            "street": {"type": "string"},
        }},
    },
}

STORAGE_CONFIG_SCHEMA = {
    "type": "object",
    # the service's own configuration
    # ok: python.jsonschema.property
    "properties": {"access_key": {"type": "string"}},
}


def update_profile(payload: dict[str, Any]) -> None:
    jsonschema.validate(instance=payload, schema=PROFILE_UPDATE_SCHEMA)


def submit_feedback(data: dict[str, Any]) -> None:
    schema = {
        "type": "object",
        "properties": {
            # ruleid: python.jsonschema.property user.contact.email
            "email": {"type": "string", "format": "email"},
            # ruleid: python.jsonschema.property user.content
            "message": {"type": "string"},
            "attendees": {"type": "array", "items": {"type": "object", "properties": {
                # ruleid: python.jsonschema.property user.name.first
                "first_name": {"type": "string"},
            }}},
        },
    }
    jsonschema.Draft7Validator(schema).validate(data)


validate_newsletter = fastjsonschema.compile({
    "type": "object",
    # ruleid: python.jsonschema.property user.contact.email
    "properties": {"email": {"type": "string"}},
})


# --- a validator built from keywords, applied to a request (GNU Mailman's Falcon resources) -------

# ruleid: python.validator.field user.authorization.credentials
ATTRIBUTES = dict(cleartext_password=GetterSetter(str),
                  # ruleid: python.validator.field user.name
                  display_name=GetterSetter(str),
                  # ok: python.validator.field
                  is_server_owner=GetterSetter(as_boolean))

CREATION_FIELDS = dict(
    # ruleid: python.validator.field user.name
    display_name=str,
    # ruleid: python.validator.field user.contact.email
    email=str,
    # ok: python.validator.field
    is_server_owner=as_boolean,
    # ok: python.validator.field
    _optional=("display_name", "is_server_owner"),
    )

# a dict no validator is given: not a schema
PAGE_DEFAULTS = dict(
    # ok: python.validator.field
    email=str,
)


class AllUsers:
    def on_post(self, request, response):
        validator = Validator(**CREATION_FIELDS)
        return validator(request)

    def on_patch(self, request, response):
        return Validator(**ATTRIBUTES)(request)


class UserAddresses:
    def on_post(self, request, response):
        # ruleid: python.validator.field user.contact.email
        validator = Validator(email=str,
                              # ruleid: python.validator.field user.name
                              display_name=str,
                              # ok: python.validator.field
                              absorb_existing=bool,
                              # a literal is an option of the validator, not a field
                              # ok: python.validator.field
                              phone=None,
                              # ok: python.validator.field
                              _optional=("display_name", "absorb_existing"))
        return validator(request)


class SubscriptionRequest:
    def on_post(self, request, response):
        # a moderator's reason, sent to the person
        # ruleid: python.validator.field user.content
        validator = Validator(action=str, comment=str, _optional=("comment",))
        return validator(request)


class HeldMessage:
    def on_post(self, request, response):
        validator = Validator(
            # ok: python.validator.field
            action=enum_validator(Action),
            # a converter named for what it accepts: the addresses to forward the message to
            # ruleid: python.validator.field user.contact.email
            forward=list_of_emails_validator,
            # a converter named for a record it looks up says nothing of a person
            # ok: python.validator.field
            list_id=list_id_validator,
            _optional=("forward",))
        return validator(request)


# djblets' Web API (Review Board): a resource method's request fields, each a dict of rules, given
# to `@webapi_request_fields` as `required=` and `optional=`, written there or bound in the class
# body. The resource's own `fields` dict is its response.
class ReviewReplyResource:
    # ok: python.djblets.webapi-field
    fields = {"text": {"type": StringFieldType, "description": "The reply text."}}

    CREATE_UPDATE_OPTIONAL_FIELDS = {
        # the class says whose text it is (a reply's)
        # ruleid: python.djblets.webapi-field user.content
        "text": {
            "type": StringFieldType,
            "description": "The reply text.",
        },
        # ok: python.djblets.webapi-field
        "public": {"type": BooleanFieldType},
    }

    @webapi_request_fields(
        required={
            # ruleid: python.djblets.webapi-field user.contact.email
            "author_email": {"type": StringFieldType, "description": "The author's e-mail address."},
            # an uploaded file, by its type
            # ruleid: python.djblets.webapi-field user.content
            "path": {"type": FileFieldType, "description": "The file to upload."},
        },
        optional={
            # ruleid: python.djblets.webapi-field user.authorization.credentials
            "password": {"type": StringFieldType},
            # a user named by a reference to the record
            # ok: python.djblets.webapi-field
            "user_id": {"type": ResourceFieldType},
            # ok: python.djblets.webapi-field
            "render_avatars_at": {"type": str},
        },
    )
    def create(self, request, *args, **kwargs):
        pass

    @webapi_request_fields(optional=CREATE_UPDATE_OPTIONAL_FIELDS, allow_unknown=True)
    def update(self, request, *args, **kwargs):
        pass


# --- a thing a person keeps, with their login to it (sixteenth session) ------------------------------
# (pgAdmin's registered database servers: `Server.username` and `Server.password` beside
# `user_id = Column(ForeignKey(USER_ID))` are the person's login to their server, where the fields of
# a thing alone are its own settings)

PERSON_ID = "user.id"


class KeptServer(db.Model):
    __tablename__ = "kept_server"
    # ok: python.sqlalchemy.column
    id = db.Column(db.Integer, primary_key=True)
    # ok: python.sqlalchemy.column
    user_id = db.Column(db.Integer, db.ForeignKey(PERSON_ID), nullable=False)
    # ok: python.sqlalchemy.column
    host = db.Column(db.String(128), nullable=True)
    # ruleid: python.sqlalchemy.column user.account.username
    username = db.Column(db.String(64), nullable=False)
    # ruleid: python.sqlalchemy.column user.authorization.credentials
    password = db.Column(db.LargeBinary())
    # ruleid: python.sqlalchemy.column user.account.username
    tunnel_username = db.Column(db.String(64), nullable=True)
    # whether to ask for the password: a flag kept as a number
    # ok: python.sqlalchemy.column
    tunnel_prompt_password = db.Column(db.Integer(), nullable=False)
    # the thing's other fields stay its own
    # ok: python.sqlalchemy.column
    tunnel_identity_file = db.Column(db.String(64), nullable=True)
    # ok: python.sqlalchemy.column
    email = db.Column(db.String(64), nullable=True)


class RelayServer(db.Model):
    """Near-miss: a server no person keeps; its login is the deployment's."""

    __tablename__ = "relay_server"
    # ok: python.sqlalchemy.column
    id = db.Column(db.Integer, primary_key=True)
    # ok: python.sqlalchemy.column
    username = db.Column(db.String(64), nullable=False)
    # ok: python.sqlalchemy.column
    password = db.Column(db.String(64))


# --- Schemas that only answer (scanner/engine/answers.py) ---------------------------------------------
# A DRF serializer or a marshmallow schema every use of which in the project renders or documents an
# answer declares what the service shows, not what it takes in (the contract's response rule). The uses
# are read in every module of the tree (here, one file is the tree); a class with any other use (data
# given to it, a name bound to it, a string naming it) or with no use seen stays a collect.

class ShareCandidateSerializer(serializers.Serializer):
    """Picked by `get_serializer_class` for an action whose method only renders records (modoboa's)."""

    # ok: python.drf.serializer-field
    address = serializers.CharField(source="full_address")
    # ok: python.drf.serializer-field
    name = serializers.CharField(source="user.fullname")


class MailboxShareInputSerializer(serializers.Serializer):
    """Near-miss: picked for an action whose method validates what the request sends."""

    # ruleid: python.drf.serializer-field user.contact.email
    email = serializers.EmailField()


class ComposeDefaultSerializer(serializers.Serializer):
    """Near-miss: the fallback of `get_serializer_class`, picked for every other action (a create too)."""

    # ruleid: python.drf.serializer-field user.contact.email
    sender = serializers.EmailField()


class MailboxViewSet(viewsets.GenericViewSet):
    def get_serializer_class(self):
        if self.action == "share_candidates":
            return ShareCandidateSerializer
        if self.action == "share":
            return MailboxShareInputSerializer
        return ComposeDefaultSerializer

    def share_candidates(self, request):
        serializer = self.get_serializer(find_candidates(request.user), many=True)
        return DRFResponse(serializer.data)

    def share(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return DRFResponse(status=204)


class ApiTokenShownSerializer(serializers.Serializer):
    """Rendered from an instance (`Serializer(obj).data`) and documented as a response only."""

    # ok: python.drf.serializer-field
    token = serializers.CharField()


class PasswordCheckSerializer(serializers.Serializer):
    """Near-miss: rendered once, and given the request's data elsewhere."""

    # ruleid: python.drf.serializer-field user.authorization.credentials
    password = serializers.CharField()


@extend_schema(responses={200: ApiTokenShownSerializer})
def show_api_token(request):
    serializer = ApiTokenShownSerializer({"token": current_token(request)})
    return DRFResponse(serializer.data)


def check_password(request):
    shown = PasswordCheckSerializer(request.user).data
    serializer = PasswordCheckSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return DRFResponse(shown)


class ListedProfileSerializer(serializers.ModelSerializer):
    """Nested read-only in a serializer of a view that only lists and shows records (tendenci's)."""

    # ok: python.drf.serializer-field
    phone = serializers.CharField()


class ListedMemberSerializer(serializers.ModelSerializer):
    # ok: python.drf.serializer-field
    email = serializers.EmailField()
    profile = ListedProfileSerializer(read_only=True)


class MemberViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ListedMemberSerializer


class ConfidentialMemberSerializer(ListedMemberSerializer):
    """The serializer of a subclass of that read-only view, in the same module (ephios's narrowed viewsets)."""

    # ok: python.drf.serializer-field
    birth_date = serializers.DateField()


class ConfidentialMemberViewSet(MemberViewSet):
    serializer_class = ConfidentialMemberSerializer


class ExtendedMemberSerializer(serializers.ModelSerializer):
    """Near-miss: the serializer of a subclass of that read-only view that takes records in."""

    # ruleid: python.drf.serializer-field user.contact.email
    email = serializers.EmailField()


class ExtendedMemberViewSet(MemberViewSet):
    serializer_class = ExtendedMemberSerializer

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


class EditedMemberSerializer(serializers.ModelSerializer):
    """Near-miss: the serializer of a view that writes (a full `ModelViewSet`)."""

    # ruleid: python.drf.serializer-field user.contact.email
    email = serializers.EmailField()


class EditedMemberViewSet(viewsets.ModelViewSet):
    serializer_class = EditedMemberSerializer


class UnseenUseSerializer(serializers.Serializer):
    """Near-miss: used by no code of the tree (a library's export, a lookup by name): stays a collect."""

    # ruleid: python.drf.serializer-field user.contact.email
    email = serializers.EmailField()


class DumpedContactSchema(marshmallow.Schema):
    """Dumped and declared as a response only (flask-smorest), and registered as an OpenAPI component."""

    # ok: python.marshmallow.field
    phone = mf.String()


class LoadedContactSchema(marshmallow.Schema):
    """Near-miss: dumped in one place and loaded from a request in another."""

    # ruleid: python.marshmallow.field user.contact.phone_number
    phone = mf.String()


@blp.route("/contacts")
class Contacts(MethodView):
    @blp.response(200, DumpedContactSchema(many=True))
    def get(self):
        return DumpedContactSchema(many=True).dump(list_contacts())

    def post(self):
        shown = LoadedContactSchema().dump(list_contacts())
        taken = LoadedContactSchema().load(self.payload)
        return save_contact(taken) or shown


for component_name, component_schema in [("Contact", DumpedContactSchema)]:
    blp_api.spec.components.schema(component_name, schema=component_schema())


class IssuedCertificate(Base):
    """A TLS certificate a certificate manager keeps (Lemur's `Certificate`), tied to the user who
    requested it: its PEM body, its private key and its description are the organisation's certificate
    and key, not what that person wrote or signs in with. The owner's e-mail stays an e-mail."""

    __tablename__ = "certificates"
    # ok: python.sqlalchemy.column
    id = Column(Integer, primary_key=True)
    # ok: python.sqlalchemy.column
    user_id = Column(Integer, ForeignKey("users.id"))
    # ok: python.sqlalchemy.column
    description = Column(String(1024))
    # ok: python.sqlalchemy.column
    body = Column(sa.Text(), nullable=False)
    # ok: python.sqlalchemy.column
    private_key = Column(sa.Text())
    # ok: python.sqlalchemy.column
    chain = Column(sa.Text())


class CertificateAuthority(Base):
    """A certificate authority (Lemur's `Authority`): its body and description are the CA's."""

    __tablename__ = "authorities"
    # ok: python.sqlalchemy.column
    id = Column(Integer, primary_key=True)
    # ok: python.sqlalchemy.column
    user_id = Column(Integer, ForeignKey("users.id"))
    # ok: python.sqlalchemy.column
    body = Column(sa.Text())
    # ok: python.sqlalchemy.column
    description = Column(sa.Text)


class CertificateUploadInputSchema(marshmallow.Schema):
    """A certificate a person uploads (Lemur's): the head word is the upload, the modifier says whose
    body and key these are (a certificate's). The owner's e-mail and the subject's fields stay as
    their names and types read."""

    # ruleid: python.marshmallow.field user.contact.email
    owner = mf.Email(required=True)
    # ok: python.marshmallow.field
    private_key = mf.String()
    # ok: python.marshmallow.field
    body = mf.String(required=True)
    # the subject's locality (the `L=` of its distinguished name), not where a person is
    # ok: python.marshmallow.field
    location = mf.String()


class ServerKeyUploadSchema(marshmallow.Schema):
    """Near-miss: a person's own key and message uploaded without a certificate: read by their names."""

    # ruleid: python.marshmallow.field user.authorization.credentials
    private_key = mf.String()
    # ruleid: python.marshmallow.field user.content
    body = mf.String(required=True)
    # ruleid: python.marshmallow.field user.location
    location = mf.String()


def upload_certificate():
    return CertificateUploadInputSchema().load(request.json), ServerKeyUploadSchema().load(request.json)


class Endpoint(Base):
    """A record whose owner is named in a text column (Lemur's `Endpoint.owner`, an address to
    notify): the owner's login, name or address. A relation or a key to the owner refers to a record."""

    __tablename__ = "endpoints"
    # ok: python.sqlalchemy.column
    id = Column(Integer, primary_key=True)
    # ruleid: python.sqlalchemy.column user.account.username
    owner = Column(String(128))
    # ok: python.sqlalchemy.column
    owner_id = Column(Integer, ForeignKey("users.id"))
    # ok: python.sqlalchemy.column
    name = Column(String(128))


class EndpointEditInputSchema(marshmallow.Schema):
    # ruleid: python.marshmallow.field user.account.username
    owner = mf.String()
    # an owner typed as an address is one
    # ruleid: python.marshmallow.field user.contact.email
    owner_email = mf.Email()


def edit_endpoint():
    return EndpointEditInputSchema().load(request.json)


# A question-and-answer forum's forms (askbot): field classes of the module's own, built on Django's.
class SuppressEmailField(forms.BooleanField):
    """A tick: post the edit without sending the e-mail alerts."""

    def __init__(self):
        super().__init__(required=False, label="minor edit (don't send alerts)")


class NotifyChoiceField(SuppressEmailField):
    pass


class SummaryField(forms.CharField):
    """A line of text the editor writes about the edit."""


class EditCommentForm(forms.Form):
    # ruleid: python.django.form-field user.content
    comment = forms.CharField()
    # a field class of this module derived from a flag field is a flag, whatever its name says
    # ok: python.django.form-field
    suppress_email = SuppressEmailField()
    # ... also through another class of the module
    # ok: python.django.form-field
    notify_email = NotifyChoiceField()


class CloseForm(forms.Form):
    def __init__(self, *args, reasons=(), **kwargs):
        super().__init__(*args, **kwargs)
        # a reason picked from the choices the code offers, not written (a choice field is no text)
        # ok: python.django.form-field
        self.fields["reason"] = forms.ChoiceField(choices=tuple((r, r) for r in reasons))
        # a reason the person writes is
        # ruleid: python.django.form-field user.content
        self.fields["comment"] = forms.CharField(required=False)


class ReportPostForm(forms.Form):
    # ok: python.django.form-field
    reason = forms.TypedChoiceField(choices=(("spam", "Spam"), ("rude", "Rude")))
    # ruleid: python.django.form-field user.content
    message = forms.CharField()


# A question-and-answer forum's sign-in and posting forms (askbot): an OpenID identifier is the
# person's id at their provider; the title of the question a person asks is what they wrote.
class OpenidSigninForm(forms.Form):
    # ruleid: python.django.form-field user.unique_id
    openid_url = forms.CharField(max_length=255)
    # ok: python.django.form-field
    openid_provider_endpoint = forms.URLField()


class AskForm(forms.Form):
    # ruleid: python.django.form-field user.unique_id
    openid = forms.CharField(required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ruleid: python.django.form-field user.content
        self.fields["title"] = forms.CharField()


class EditAnswerForm(forms.Form):
    # an answer's revision summary: "answer" is no owner of content (a survey's answer to a question
    # is tied to no one by its row), so the summary is read by its name alone, which says nothing
    # todoruleid: python.django.form-field user.content
    summary = SummaryField()


class TaskForm(forms.Form):
    # a task's title is no one's post
    # ok: python.django.form-field
    title = forms.CharField()


class ImportedUser(models.Model):
    """An importer's staging copy of another site's users (askbot's StackExchange importer)."""

    # ruleid: python.django.model-field user.contact.social_url
    website_url = models.URLField(max_length=200)
    # ruleid: python.django.model-field user.name
    display_name = models.CharField(max_length=40)


class Company(models.Model):
    # a company's site is its own
    # ok: python.django.model-field
    website_url = models.URLField(max_length=200)


class RadiusAccountingRow(models.Model):
    """A FreeRADIUS accounting row (openwisp-radius's `RadiusAccounting`)."""

    # ruleid: python.django.model-field user.account.username
    username = models.CharField(max_length=64)
    # the MAC address of the device that connects (RADIUS's Calling-Station-Id)
    # ruleid: python.django.model-field user.device.device_id
    calling_station_id = models.CharField(max_length=253, db_column="callingstationid")
    # the access point's MAC and SSID (Called-Station-Id)
    # ok: python.django.model-field
    called_station_id = models.CharField(max_length=253, db_column="calledstationid")
    # the network access server's own address: the operator's equipment
    # ok: python.django.model-field
    nas_ip_address = models.GenericIPAddressField(db_column="nasipaddress")
    # ruleid: python.django.model-field user.device.ip_address
    framed_ip_address = models.GenericIPAddressField(null=True, blank=True)


class ThreepidUnbindBody(BaseModel):
    """A request model whose `medium` says which kind of address `address` is (matrix-synapse's
    3PID unbind body): a `Literal[...]`'s values are choices, not forward references to types."""

    # ok: python.pydantic.field
    medium: Literal["email", "msisdn"]
    # ruleid: python.pydantic.field user.contact.email
    email: str


# --- a forum's topics, polls and attachments, a tracker's bugs (django-machina, Kiwi TCMS) ----------


class ForumTopic(models.Model):
    """A topic a member opens: its title is theirs, though its text is kept on its first post."""

    # ok: python.django.model-field
    poster = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    subject = models.CharField(max_length=255)
    # ok: python.django.model-field
    slug = models.SlugField(max_length=255)


class LessonTopic(models.Model):
    """Near-miss: a topic tied to no person (a course's syllabus) holds no one's words."""

    # ok: python.django.model-field
    subject = models.CharField(max_length=255)


class ForumPost(models.Model):
    # ok: python.django.model-field
    poster = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE)
    # why a post was edited, in the editor's words
    # ruleid: python.django.model-field user.content
    update_reason = models.CharField(max_length=255, blank=True, null=True)


class TopicPoll(models.Model):
    """A poll a member attaches to their topic, and its options: their words."""

    # ok: python.django.model-field
    topic = models.OneToOneField(ForumTopic, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    question = models.CharField(max_length=255)


class TopicPollOption(models.Model):
    # ok: python.django.model-field
    poll = models.ForeignKey(TopicPoll, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    text = models.CharField(max_length=255)


class SiteOption(models.Model):
    """Near-miss: an option alone is a setting's, its text the service's."""

    # ok: python.django.model-field
    text = models.CharField(max_length=255)


class PostAttachment(models.Model):
    # ok: python.django.model-field
    post = models.ForeignKey(ForumPost, on_delete=models.CASCADE)
    # ruleid: python.django.model-field user.content
    file = models.FileField(upload_to="attachments")
    # what the poster writes about the file they attach
    # ruleid: python.django.model-field user.content
    comment = models.CharField(max_length=255, blank=True, null=True)


class ForumPostIndex(haystack_indexes.SearchIndex, haystack_indexes.Indexable):
    """A forum's search index: the name it shows a post's poster by is their username."""

    # ruleid: python.haystack.field user.account.username
    poster_name = haystack_indexes.CharField()
    # ok: python.haystack.field
    forum_slug = haystack_indexes.CharField()


class Bug(models.Model):
    """A bug report a tester files: its summary is what they wrote."""

    # ruleid: python.django.model-field user.content
    summary = models.CharField(max_length=255)
    # ok: python.django.model-field
    status = models.BooleanField(default=True)
