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
