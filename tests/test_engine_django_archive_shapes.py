"""Shapes read from hyperkitty's and wagtail's misses and false hits (the fifteenth session): each
test pins what one rule observes, and its near-misses."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

HEADER = "python.request.header"
CLIENT_IP = "python.request.client-ip"
FIELD = "python.request.field"
INDEX = "python.haystack.field"
MODEL = "python.django.model-field"


@pytest.mark.parametrize(("source", "expected"), [
    # a template tag's context (`takes_context=True`) carries the request under "request"
    ("def tag(context):\n    request = context.get('request')\n    return request.headers.get('User-Agent')\n",
     [(3, "collect", ("user.device",), HEADER, False)]),
    ("def tag(context):\n    request = context['request']\n"
     "    return request.headers.get('User-Agent', '') if request else ''\n",
     [(3, "collect", ("user.device",), HEADER, False)]),
    # a DRF serializer's `self.context`
    ("class S:\n    def validate(self, attrs):\n        return self.context['request'].META['REMOTE_ADDR']\n",
     [(3, "collect", ("user.device.ip_address",), CLIENT_IP, False)]),
    # another key of the context, or another name holding a "request" key, is no request
    ("def tag(context):\n    request = context.get('query')\n    return request.headers.get('User-Agent')\n", []),
    ("def tag(ctx):\n    request = ctx.get('request')\n    return request.headers.get('User-Agent')\n", []),
    ("def tag(options):\n    return options['request'].META['REMOTE_ADDR']\n", []),
])
def test_a_context_carries_the_request_under_its_key(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    # jQuery UI's and select2's autocompletion parameter
    ("def suggest(request):\n    return request.GET.get('term')\n",
     [(2, "collect", ("user.behavior",), FIELD, False)]),
    ("def suggest(request):\n    return request.GET.get('limit')\n", []),
])
def test_an_autocompletion_term_is_what_the_person_typed(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


MODELS = "from django.db import models\n"


@pytest.mark.parametrize(("source", "expected"), [
    # a mailing list is a group of subscribers: its names are its own
    (MODELS + "class MailingList(models.Model):\n    name = models.CharField(max_length=254)\n"
     "    display_name = models.CharField(max_length=255)\n", []),
    # a subscriber of one is a person
    (MODELS + "class MailingListSubscriber(models.Model):\n    display_name = models.CharField(max_length=255)\n",
     [(3, "collect", ("user.name",), MODEL, True)]),
])
def test_a_mailing_lists_name_is_the_lists(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


INDEXES = "from haystack import indexes\nfrom app.models import Email\n"


@pytest.mark.parametrize(("source", "expected"), [
    # `model_attr` names the model attribute the field copies: the sender's name, not an address
    (INDEXES + "class EmailIndex(indexes.SearchIndex, indexes.Indexable):\n"
     "    sender = indexes.CharField(model_attr='sender_name', null=True)\n"
     "    def get_model(self):\n        return Email\n",
     [(4, "collect", ("user.name",), INDEX, True)]),
    # a related object's attribute is another model's: not read
    (INDEXES + "class EmailIndex(indexes.SearchIndex, indexes.Indexable):\n"
     "    mailinglist = indexes.CharField(model_attr='mailinglist__name')\n"
     "    def get_model(self):\n        return Email\n", []),
    # without `model_attr`, the field's name in the model's context: a mail's sender is an address
    (INDEXES + "class EmailIndex(indexes.SearchIndex, indexes.Indexable):\n"
     "    sender = indexes.CharField()\n"
     "    def get_model(self):\n        return Email\n",
     [(4, "collect", ("user.contact.email",), INDEX, True)]),
])
def test_a_search_index_field_holds_what_it_copies(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


SUBJECTS = ("from django.db import models\n"
            "class Sender(models.Model):\n    address = models.EmailField(primary_key=True)\n")


@pytest.mark.parametrize(("source", "expected"), [
    # an archived mail tied to its sender: its subject is the sender's, beside the body they wrote
    (SUBJECTS + "class Email(models.Model):\n"
     "    sender = models.ForeignKey('Sender', on_delete=models.CASCADE)\n"
     "    subject = models.CharField(max_length=512)\n    content = models.TextField()\n",
     [(3, "collect", ("user.contact.email",), MODEL, True), (6, "collect", ("user.content",), MODEL, True),
      (7, "collect", ("user.content",), MODEL, True)]),
    # the service's own outgoing mail, tied to no person: its subject and body are the service's
    (SUBJECTS + "class OutgoingEmail(models.Model):\n"
     "    subject = models.CharField(max_length=512)\n    content = models.TextField()\n",
     [(3, "collect", ("user.contact.email",), MODEL, True)]),
])
def test_the_subject_of_a_mail_tied_to_its_sender_is_theirs(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


LOGGED = ("import logging\nfrom django.db import models\nlogger = logging.getLogger(__name__)\n"
          "class Sender(models.Model):\n    address = models.EmailField(primary_key=True)\n"
          "    mailman_id = models.CharField(max_length=255)\n")
LOG = "python.logging.personal-data"


@pytest.mark.parametrize(("source", "expected"), [
    # a model's method logging `self.address` logs the row's address, as its field declares
    (LOGGED + "    def warn(self):\n        logger.warning('bad %s', self.address)\n",
     [(5, "collect", ("user.contact.email",), MODEL, True), (8, "log", ("user.contact.email",), LOG, False)]),
    # a field the class declares with no personal meaning stays silent
    (LOGGED + "    def warn(self):\n        logger.warning('bad %s', self.mailman_id)\n",
     [(5, "collect", ("user.contact.email",), MODEL, True)]),
])
def test_a_models_own_field_read_in_its_method_holds_what_it_declares(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected
