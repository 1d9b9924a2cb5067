"""Shapes of a Django + DRF volunteer-planning app (ephios's, the seventeenth session): a formset class
bound at run time to a name written as a class's, serializers nested only where a response is
built, fields of a record of someone's participation."""

from __future__ import annotations

from engine_support import observed

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
