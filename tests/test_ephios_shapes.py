"""Shapes of a Django + DRF volunteer-planning app (ephios's, the seventeenth session): a formset class
bound at run time to a name written as a class's, serializers nested only where a response is
built, fields of a record of someone's participation."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from engine_support import observed, observed_tree
from scanner.engine import sources

BODY = "python.request.body"

VIEW = """
    from django import forms
    from django.shortcuts import redirect
    from django.views import View

    def get_formset_class(form):
        return forms.modelformset_factory(model=Participation, form=form, extra=0)

    class DispositionView(View):
        def get_formset(self):
            {bind}
            formset = {call}(self.request.POST or None, prefix="participations")
            return formset

        def post(self, request, *args, **kwargs):
            formset = self.get_formset()
            formset.save()
            return redirect("/")
"""


def body_lines(source: str) -> list[int]:
    return [line for line, _, _, rule, _ in observed(source) if rule == BODY]


def test_a_formset_class_bound_at_run_time_returns_the_bound_formset_not_the_fields() -> None:
    source = VIEW.format(bind="Formset = get_formset_class(self.form_class)", call="Formset")
    assert body_lines(source) == []


def test_a_lower_case_name_bound_at_run_time_is_no_class_and_takes_the_fields_whole() -> None:
    source = VIEW.format(bind="handler = get_formset_class(self.form_class)", call="handler")
    # the call that hands it the fields is no schema: taken whole there, once
    assert body_lines(source) == [12]


SERIALIZERS = """
    from rest_framework import serializers

    class PublicParticipantSerializer(serializers.Serializer):
        display_name = serializers.CharField()

    class ConfidentialParticipantSerializer(PublicParticipantSerializer):
        email = serializers.EmailField(allow_null=True)

    class ParticipationSerializer(serializers.ModelSerializer):
        participant = ConfidentialParticipantSerializer(read_only=True)
        others = PublicParticipantSerializer(many=True, {others})
"""


def test_a_serializer_nested_only_in_read_only_fields_is_part_of_a_response(tmp_path: Path) -> None:
    found = observed_tree(tmp_path, {"app/__init__.py": "", "app/serializers.py": SERIALIZERS.format(others="read_only=True")})
    assert found == []


def test_nested_once_where_a_client_may_send_it_it_takes_data_in(tmp_path: Path) -> None:
    found = observed_tree(tmp_path, {"app/__init__.py": "", "app/serializers.py": SERIALIZERS.format(others="required=False")})
    # the public one is taken in; the confidential one that extends it is still nested only where sent
    assert found == [("app/serializers.py", 5, "collect", ("user.name",))]


def test_a_serializer_another_module_names_is_not_known_to_only_render(tmp_path: Path) -> None:
    found = observed_tree(tmp_path, {
        "app/__init__.py": "",
        "app/serializers.py": SERIALIZERS.format(others="read_only=True"),
        "app/views.py": """
            from rest_framework import generics
            from app.serializers import PublicParticipantSerializer

            class SignupView(generics.CreateAPIView):
                serializer_class = PublicParticipantSerializer
        """,
    })
    assert ("app/serializers.py", 5, "collect", ("user.name",)) in found


PROFILE_SERIALIZER = """
    from rest_framework.serializers import ModelSerializer
    from app.models import UserProfile

    class UserProfileSerializer(ModelSerializer):
        class Meta:
            model = UserProfile
            fields = ["id", "display_name", "email"]
"""

READ_ONLY_VIEWS = """
    from rest_framework import viewsets
    from rest_framework.generics import RetrieveAPIView
    from app.serializers import UserProfileSerializer

    class UserProfileMeView(RetrieveAPIView):
        serializer_class = UserProfileSerializer

    class UserViewSet(viewsets.ReadOnlyModelViewSet):
        serializer_class = UserProfileSerializer
"""


def test_a_serializer_other_modules_read_only_views_answer_with_renders(tmp_path: Path) -> None:
    found = observed_tree(tmp_path, {"app/__init__.py": "", "app/serializers.py": PROFILE_SERIALIZER,
                                     "app/views.py": READ_ONLY_VIEWS})
    assert found == []


def test_one_module_taking_data_in_with_it_keeps_it_received(tmp_path: Path) -> None:
    found = observed_tree(tmp_path, {
        "app/__init__.py": "", "app/serializers.py": PROFILE_SERIALIZER, "app/views.py": READ_ONLY_VIEWS,
        "app/signup.py": """
            from rest_framework.decorators import api_view
            from app.serializers import UserProfileSerializer

            @api_view(["POST"])
            def signup(request):
                serializer = UserProfileSerializer(data=request.data)
                serializer.is_valid(raise_exception=True)
                return serializer.save()
        """,
    })
    assert [(path, line) for path, line, kind, _ in found if kind == "collect"] == [("app/serializers.py", 8)]


def test_a_view_that_writes_is_no_read_only_view(tmp_path: Path) -> None:
    views = READ_ONLY_VIEWS.replace(
        "class UserViewSet(viewsets.ReadOnlyModelViewSet):", "class UserViewSet(viewsets.ModelViewSet):")
    found = observed_tree(tmp_path, {"app/__init__.py": "", "app/serializers.py": PROFILE_SERIALIZER,
                                     "app/views.py": views})
    assert [(path, line) for path, line, kind, _ in found if kind == "collect"] == [("app/serializers.py", 8)]


@pytest.mark.parametrize(("field", "long"), [
    ("reason = models.CharField(max_length=1024)", True),
    ("reason = models.CharField(max_length=500)", True),
    ("reason = models.CharField(max_length=255)", False),
    ("reason = models.CharField()", False),
    ("reason = Column(String(1000))", True),
    ("reason = Column(String(40))", False),
    ("reason = Column(String())", False),
    ("reason = models.TextField(max_length=1024)", False),
])
def test_a_string_declared_a_paragraph_long(field: str, long: bool) -> None:
    assert sources._long_string(ast.parse(field).body[0]) is long


def test_a_persons_rows_json_and_long_strings_named_for_their_words_are_content() -> None:
    found = observed("""
        from django.conf import settings
        from django.db import models

        class SavedAnswer(models.Model):
            user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            answer = models.JSONField()
            reason = models.CharField(max_length=1024)
            choices = models.JSONField(default=list)

        class Closure(models.Model):
            reason = models.CharField(max_length=1024)
    """)
    assert [(line, categories) for line, _, categories, _, _ in found] == [
        (7, ("user.content",)), (8, ("user.content",))]
