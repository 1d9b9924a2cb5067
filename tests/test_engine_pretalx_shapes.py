"""Shapes read from pretalx's misses and false hits (the thirteenth session): each test pins what
one rule observes, and its near-misses."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

FORMS = "from django import forms\nfrom django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField\n"
FORM_FIELD = "python.django.form-field"


@pytest.mark.parametrize(("source", "expected"), [
    # a library's refinement of ModelChoiceField, named after it, picks a record
    (FORMS + "class F(forms.Form):\n    question = SafeModelChoiceField(queryset=None)\n", []),
    (FORMS + "class F(forms.Form):\n    questions = SafeModelMultipleChoiceField(queryset=None)\n", []),
    # a project's own, named the same way
    (FORMS + "class UserModelChoiceField(forms.ModelChoiceField):\n    pass\n"
     "class F(forms.Form):\n    comment = UserModelChoiceField(queryset=None)\n", []),
    # a field class that only contains the name elsewhere is still a field
    (FORMS + "class F(forms.Form):\n    comment = forms.CharField()\n",
     [(4, "collect", ("user.content",), FORM_FIELD, False)]),
])
def test_a_refinement_of_a_choice_of_records_picks_a_record(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a flag added at run time, named for a datum, is a tick: whether to export the biography
    (FORMS + "class F(forms.Form):\n    def __init__(self):\n"
     "        self.fields['biography'] = forms.BooleanField(required=False)\n", []),
    # the same datum added as text is collected
    (FORMS + "class F(forms.Form):\n    def __init__(self):\n"
     "        self.fields['biography'] = forms.CharField(required=False)\n",
     [(5, "collect", ("user.content",), FORM_FIELD, False)]),
])
def test_a_flag_added_at_run_time_is_a_flag(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


NEXT = ("from django.shortcuts import redirect\n"
        "def get_next_url(request):\n"
        "    params = request.GET.copy()\n"
        "    url = params.pop('next', [''])[0]\n"
        "    return f'{url}?{params.urlencode()}'\n")
BODY = "python.request.body"


@pytest.mark.parametrize(("source", "expected"), [
    # a link built on the re-encoded query string is the person's own query sent back
    (NEXT + "def view(request):\n    return redirect(get_next_url(request))\n", []),
    # a helper that returns the submitted body re-encoded: taken whole there, and its callers hold it
    (NEXT.replace("GET", "POST") + "def view(request):\n    return redirect(get_next_url(request))\n",
     [(5, "collect", ("user.content",), BODY, False), (7, "collect", ("user.content",), BODY, False)]),
    # a helper that returns the query string itself still returns the container (and takes it whole
    # at its `return`: the returned-body rule of the sixteenth session)
    ("from django.shortcuts import redirect\ndef query(request):\n    return request.GET.copy()\n"
     "def view(request):\n    return redirect(query(request))\n",
     [(3, "collect", ("user.content",), BODY, False), (5, "collect", ("user.content",), BODY, False)]),
])
def test_a_link_on_the_reencoded_query_is_no_container(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


MODELS = ("from django.db import models\nfrom i18nfield.fields import I18nCharField, I18nTextField\n"
          "from parler.models import TranslatedField\n")
MODEL_FIELD = "python.django.model-field"


@pytest.mark.parametrize(("source", "expected"), [
    # a text kept in each of the service's languages is the service's own
    (MODELS + "class Question(models.Model):\n    question = I18nCharField(max_length=800)\n", []),
    (MODELS + "class Review(models.Model):\n    text = I18nTextField()\n", []),
    (MODELS + "class Faq(models.Model):\n    question = TranslatedField()\n", []),
    # the same name as one text is a person's
    (MODELS + "class Question(models.Model):\n    question = models.CharField(max_length=800)\n",
     [(5, "collect", ("user.content",), MODEL_FIELD, True)]),
])
def test_a_text_kept_in_every_language_is_the_services(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a relation to a person given by `to=` ties the row to them, as a positional one does
    (MODELS + "class Answer(models.Model):\n    person = models.ForeignKey(to='person.User', on_delete=1)\n"
     "    answer = models.TextField()\n", [(6, "collect", ("user.content",), MODEL_FIELD, True)]),
    (MODELS + "class Answer(models.Model):\n    person = models.ForeignKey('person.User', on_delete=1)\n"
     "    answer = models.TextField()\n", [(6, "collect", ("user.content",), MODEL_FIELD, True)]),
    # a relation to something else ties it to no one
    (MODELS + "class Answer(models.Model):\n    question = models.ForeignKey(to='submission.Question', on_delete=1)\n"
     "    answer = models.TextField()\n", []),
])
def test_a_relation_given_by_to_ties_a_row_to_a_person(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


LOOP = "def view(request):\n    for key, value in request.POST.items():\n"


@pytest.mark.parametrize(("source", "expected"), [
    # values only told apart from literals: a bulk action's ticks and decisions
    (LOOP + "        if key.startswith('s-') and value == 'on':\n            print(key)\n", []),
    (LOOP + "        if value not in ('accept', 'reject'):\n            continue\n", []),
    (LOOP + "        if value is False:\n            pass\n", []),
    ("def view(request):\n    return [k for k, v in request.POST.items() if v == 'on']\n", []),
    # a value kept, logged or compared with another value is read
    (LOOP + "        print(value)\n", [(2, "collect", ("user.content",), BODY, False),
                                       (3, "log", ("user.content",), "python.print.personal-data", False)]),
    (LOOP + "        if value == key:\n            pass\n", [(2, "collect", ("user.content",), BODY, False)]),
    # a value never read: the loop still takes every field (as before)
    (LOOP + "        pass\n", [(2, "collect", ("user.content",), BODY, False)]),
])
def test_a_loop_whose_values_are_only_compared_with_literals(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a first statement that skips every value but the code's own literals narrows it to them
    (LOOP + "        if not key.startswith('s-') or value not in ('accept', 'reject'):\n            continue\n"
     "        print(value)\n", []),
    # a narrowing that is not the loop's first statement, or that keeps going, narrows nothing
    (LOOP + "        print(value)\n        if value not in ('accept', 'reject'):\n            continue\n",
     [(2, "collect", ("user.content",), BODY, False), (3, "log", ("user.content",), "python.print.personal-data", False)]),
    (LOOP + "        if value not in ('accept', 'reject'):\n            pass\n        print(value)\n",
     [(2, "collect", ("user.content",), BODY, False), (5, "log", ("user.content",), "python.print.personal-data", False)]),
])
def test_a_loop_whose_values_are_narrowed_to_literals(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


DRF = "from rest_framework import serializers\n"
SERIALIZER_FIELD = "python.drf.serializer-field"


@pytest.mark.parametrize(("source", "expected"), [
    # a source path that ends at a person: the field's name says what of theirs it holds
    (DRF + "class S(serializers.Serializer):\n    avatar = serializers.ImageField(source='speaker.user')\n",
     [(3, "collect", ("user.content.self_image",), SERIALIZER_FIELD, False)]),
    (DRF + "class S(serializers.Serializer):\n    email = serializers.CharField(source='profile.owner')\n",
     [(3, "collect", ("user.contact.email",), SERIALIZER_FIELD, False)]),
    # a path that ends at something else reads that thing
    (DRF + "class S(serializers.Serializer):\n    email = serializers.CharField(source='event.location')\n", []),
])
def test_a_source_path_that_ends_at_a_person(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a subject beside a person's message body is theirs
    (FORMS + "class ContactForm(forms.Form):\n    subject = forms.CharField()\n    message = forms.CharField()\n",
     [(4, "collect", ("user.content",), FORM_FIELD, False), (5, "collect", ("user.content",), FORM_FIELD, False)]),
    (MODELS + "class ScheduledMessage(models.Model):\n    subject = models.CharField(max_length=9)\n"
     "    body = models.TextField()\n",
     [(5, "collect", ("user.content",), MODEL_FIELD, True), (6, "collect", ("user.content",), MODEL_FIELD, True)]),
    # a template's, or one with no body beside it, is not
    (FORMS + "class MailTemplateForm(forms.Form):\n    subject = forms.CharField()\n    text = forms.CharField()\n", []),
    (FORMS + "class CourseForm(forms.Form):\n    subject = forms.CharField()\n", []),
    # a subject that holds no text (a choice of topic by number) stays out
    (FORMS + "class ContactForm(forms.Form):\n    subject = forms.IntegerField()\n    message = forms.CharField()\n",
     [(5, "collect", ("user.content",), FORM_FIELD, False)]),
])
def test_the_subject_of_a_persons_message(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


GRAVATAR = "import requests\ndef avatar(user):\n    return requests.get("
SHARE = "python.share.http-known-host"


@pytest.mark.parametrize(("source", "expected"), [
    # a value computed in a keyed path is the datum the host keys by, seen or not
    (GRAVATAR + "f'https://www.gravatar.com/avatar/{user.gravatar_parameter}?s=512')\n",
     [(3, "share", ("user.contact.email",), SHARE, False)]),
    # a fixed path (the default picture) names no one
    (GRAVATAR + "'https://www.gravatar.com/avatar/?d=mp')\n", []),
    # a host whose path is not keyed: the service's own id there sends nothing
    ("import requests\ndef drop(transcript_id):\n"
     "    return requests.delete(f'https://api.assemblyai.com/v2/transcript/{transcript_id}')\n", []),
])
def test_a_value_in_a_keyed_path_is_what_the_host_keys_by(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a record with a translated text is the service's: its file too
    (MODELS + "class SpeakerInformation(models.Model):\n    title = I18nCharField(max_length=9)\n"
     "    resource = models.FileField()\n", []),
    # without one, a speaker's record's file is theirs
    (MODELS + "class SpeakerInformation(models.Model):\n    title = models.CharField(max_length=9)\n"
     "    resource = models.FileField()\n", [(6, "collect", ("user.content",), MODEL_FIELD, True)]),
])
def test_a_translated_records_files_are_the_services(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    # a ModelSerializer with no create or update of its own renders a dotted source
    (DRF + "class SpeakerSerializer(serializers.ModelSerializer):\n    name = serializers.CharField(source='user.name')\n", []),
    (DRF + "class SpeakerSerializer(serializers.ModelSerializer):\n    pass\n"
     "class OrgaSerializer(SpeakerSerializer):\n    email = serializers.CharField(source='user.email')\n", []),
    # one that writes, or a plain Serializer, or a base of elsewhere, may take it in
    (DRF + "class SpeakerSerializer(serializers.ModelSerializer):\n    name = serializers.CharField(source='user.name')\n"
     "    def update(self, instance, data):\n        return instance\n",
     [(3, "collect", ("user.name",), SERIALIZER_FIELD, False)]),
    (DRF + "class SpeakerSerializer(serializers.Serializer):\n    name = serializers.CharField(source='user.name')\n",
     [(3, "collect", ("user.name",), SERIALIZER_FIELD, False)]),
    (DRF + "from app.api import PretalxSerializer\n"
     "class SpeakerSerializer(PretalxSerializer):\n    name = serializers.CharField(source='user.name')\n",
     [(4, "collect", ("user.name",), SERIALIZER_FIELD, False)]),
    # a plain source is the model's own field, written by DRF's create and update
    (DRF + "class SpeakerSerializer(serializers.ModelSerializer):\n    name = serializers.CharField(source='full_name')\n",
     [(3, "collect", ("user.name",), SERIALIZER_FIELD, False)]),
])
def test_a_dotted_source_a_model_serializer_cannot_write_is_output(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    # what a proposal's author writes about a thing attached to it
    (MODELS + "class Resource(models.Model):\n    submission = models.ForeignKey(to='Submission', on_delete=1)\n"
     "    description = models.CharField(max_length=9)\n", [(6, "collect", ("user.content",), MODEL_FIELD, True)]),
    # attached to a thing that is not what people write
    (MODELS + "class Resource(models.Model):\n    event = models.ForeignKey(to='Event', on_delete=1)\n"
     "    description = models.CharField(max_length=9)\n", []),
    # a number or a URL holds no words of theirs
    (MODELS + "class Resource(models.Model):\n    submission = models.ForeignKey(to='Submission', on_delete=1)\n"
     "    link = models.URLField()\n", []),
])
def test_what_a_posts_author_writes_about_its_attachment(source: str, expected: list[Seen]) -> None:
    assert observed(source) == expected
