"""Shapes of a large Django association-management app with payment gateways (Tendenci's, the
sixteenth session): rows of Django's user model printed, a profile's relation inherited from an
abstract base, the submitted fields written whole into a text, a request attribute the module keeps
itself, an OAuth code exchanged by a view of any name, Salesforce queries."""

from __future__ import annotations

import pytest

from engine_support import observed
from scanner.engine import sinks

USERNAME = "user.account.username"


@pytest.mark.parametrize(("symbol", "rows"), [
    ("django.contrib.auth.models.User.objects.get()", "row"),
    ("django.contrib.auth.models.User.objects.filter().first()", "row"),
    ("django.contrib.auth.get_user_model()._default_manager.get()", "row"),
    ("django.contrib.auth.models.User.objects.filter().order_by()", "rows"),
    ("django.contrib.auth.get_user_model().objects.all()", "rows"),
    ("django.contrib.auth.models.User.objects.count()", None),
    ("django.contrib.auth.models.User.objects.values_list()", None),
    ("django.contrib.auth.models.User.objects.filter().values().first()", None),
    ("django.contrib.auth.models.User.objects.get().groups.all()", None),
    ("app.models.Group.objects.get()", None),
])
def test_what_a_value_of_djangos_user_model_is(symbol: str, rows: str | None) -> None:
    assert sinks.django_user_rows(symbol) == rows


def test_a_row_of_djangos_user_model_printed_whole_shows_its_username() -> None:
    assert observed("""
        from django.contrib.auth.models import User
        from django.contrib.auth import get_user_model

        def handle(email_domain):
            for u in User.objects.filter(email__iendswith=email_domain):
                print('Done downgrading user (%s).' % u)
                print(u.pk, u.is_active)
            for slacker in get_user_model().objects.exclude(is_staff=True):
                print('Integrity Error deleting', slacker)
            one = User.objects.get(pk=1)
            print(one)
            print(User.objects.count())
            for v in User.objects.values_list("pk", flat=True):
                print(v)
    """) == [
        (7, "log", (USERNAME,), "python.print.personal-data", False),
        (10, "log", (USERNAME,), "python.print.personal-data", False),
        (12, "log", (USERNAME,), "python.print.personal-data", False),
    ]


def test_a_row_of_another_model_printed_whole_shows_nothing_known() -> None:
    assert observed("""
        from app.models import Group

        def handle():
            for g in Group.objects.all():
                print(g)
    """) == []


LINK = "user.contact.social_url"


def test_a_profiles_one_to_one_relation_is_inherited_from_a_base_of_its_module() -> None:
    assert observed("""
        from django.db import models
        from django.contrib.auth.models import User
        from app.fields import UnsavedOneToOne

        class Person(models.Model):
            user = UnsavedOneToOne(User, related_name="profile", on_delete=models.CASCADE)
            url = models.CharField(max_length=100, blank=True)

            class Meta:
                abstract = True

        class Profile(Person):
            url2 = models.CharField(max_length=100, blank=True)
            linkedin = models.URLField(blank=True, default='')
            url_path = models.CharField(max_length=100, blank=True)
    """) == [
        (8, "collect", (LINK,), "python.django.model-field", True),
        (14, "collect", (LINK,), "python.django.model-field", True),
        (15, "collect", (LINK,), "python.django.model-field", True),
    ]


def test_a_base_of_many_rows_per_person_makes_no_profile() -> None:
    assert observed("""
        from django.db import models
        from django.contrib.auth.models import User

        class Event(models.Model):
            owner = models.ForeignKey(User, on_delete=models.CASCADE)
            url = models.CharField(max_length=100)

        class Page(Event):
            facebook = models.URLField(blank=True)
    """) == []


CONTENT = "user.content"
CREDENTIALS = "user.authorization.credentials"
DEVICE = "user.device"
EMAIL = "user.contact.email"
FINANCIAL = "user.financial"
IP = "user.device.ip_address"
PHONE = "user.contact.phone_number"


def test_a_payment_method_picked_among_the_sites_choices_is_no_financial_detail() -> None:
    assert observed("""
        from django import forms
        from django.db import models

        class DonationForm(forms.Form):
            payment_method = forms.CharField(widget=forms.RadioSelect(choices=(('check', 'Check'),)), initial='cc')
            billing = forms.CharField(max_length=20)

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields['payment_method'] = forms.ChoiceField(choices=kwargs.get('c', ()))

        class Donation(models.Model):
            payment_method = models.CharField(max_length=50, default='cc')
            method = models.CharField(max_length=50, default='cc')
    """) == [(7, "collect", (FINANCIAL,), "python.django.form-field", False)]


def test_a_generic_field_of_a_class_named_for_a_contact_detail_is_that_detail() -> None:
    assert observed("""
        from django.db import models

        class Phone(models.Model):
            number = models.CharField(max_length=50, blank=True)

        class Account(models.Model):
            number = models.CharField(max_length=50)

        class Member(models.Model):
            number = models.CharField(max_length=50)
    """) == [(5, "collect", (PHONE,), "python.django.model-field", True)]


def test_a_salesforce_query_with_a_persons_data_is_a_share() -> None:
    found = observed("""
        from simple_salesforce import Salesforce

        def create_contact(profile, user):
            sf = Salesforce(username="u", password="p", security_token="t")
            sf.query("SELECT Id FROM Contact WHERE Id='%s'" % profile.sf_contact_id)
            sf.query("SELECT Id FROM Contact WHERE Email='%s'" % user.email.replace("'", "''"))
            sf.query_all("SELECT Id FROM Contact")
    """)
    assert [(line, kind, categories) for line, kind, categories, _, _ in found] == [(7, "share", (EMAIL,))]


def test_the_submitted_fields_written_whole_into_a_text_are_taken_whole() -> None:
    assert observed("""
        def ipn(request):
            data = 'cmd=_notify-validate&%s' % request.POST.urlencode()
            other = "a=1&" + request.POST.urlencode() + "&b=2"
            link = "/list/?" + request.GET.urlencode()
            return data, other, link
    """) == [
        (3, "collect", (CONTENT,), "python.request.body", False),
        (4, "collect", (CONTENT,), "python.request.body", False),
    ]


def test_a_request_attribute_the_module_fills_itself_is_its_own_copy() -> None:
    assert observed("""
        def user_agent(request):
            if 'HTTP_USER_AGENT' in request.META:
                return request.META['HTTP_USER_AGENT'].lower()
            return None

        def is_mobile_browser(request):
            if request.user_agent:
                return 'iphone' in request.user_agent
            return False

        class MobileMiddleware:
            def process_request(self, request):
                request.user_agent = user_agent(request)
                request.mobile = is_mobile_browser(request)
    """) == [(4, "collect", (DEVICE,), "python.request.header", False)]


def test_a_request_attribute_another_module_fills_is_read() -> None:
    assert observed("""
        def is_mobile_browser(request):
            return 'iphone' in request.user_agent
    """, "app/views.py") == [(3, "collect", (DEVICE,), "python.request.device", False)]


def test_a_view_that_exchanges_the_code_for_tokens_reads_an_oauth_code() -> None:
    assert observed("""
        import requests
        from django.views import View

        class FetchAccessToken(View):
            def get(self, request):
                code = request.GET.get('code')
                return requests.post(URL, data={'grant_type': 'authorization_code', 'code': code})

        class Redeem(View):
            def get(self, request):
                return request.GET.get('code')
    """) == [(7, "collect", (CREDENTIALS,), "python.request.field", False)]


def test_the_meta_of_an_unseen_request_holds_the_clients_headers() -> None:
    assert observed("""
        class EventLogManager:
            def log(self, **kwargs):
                request = kwargs['request']
                ip = request.META.get('HTTP_X_FORWARDED_FOR', request.META.get('REMOTE_ADDR', ''))
                agent = request.META['HTTP_USER_AGENT']
                method = request.META.get('REQUEST_METHOD', '')
                other = self.runner.META.get('HTTP_USER_AGENT')
                return ip, agent, method, other
    """) == [
        (5, "collect", (IP,), "python.request.client-ip", False),
        (6, "collect", (DEVICE,), "python.request.header", False),
    ]


def test_the_meta_of_a_request_a_test_builds_is_no_clients() -> None:
    assert observed("""
        from django.test import RequestFactory

        def test_env():
            request = RequestFactory().get("/path/")
            return request.META.get("REMOTE_ADDR"), request.META["HTTP_COOKIE"]
    """) == []


def test_a_tastypie_hooks_bundle_holds_the_posted_body() -> None:
    assert observed("""
        from tastypie.resources import ModelResource

        class UserResource(ModelResource):
            def obj_create(self, bundle, request=None, **kwargs):
                bundle = super().obj_create(bundle, request, **kwargs)
                bundle.obj.set_password(bundle.data.get('password'))
                return bundle

            def obj_update(self, bundle, **kwargs):
                password = bundle.data.get('password')
                return password

            def dehydrate(self, bundle):
                bundle.data['username'] = bundle.obj.username
                return bundle

        class Exporter:
            def obj_create(self, bundle, **kwargs):
                return bundle.data.get('password')
    """) == [
        (7, "collect", (CREDENTIALS,), "python.request.field", False),
        (11, "collect", (CREDENTIALS,), "python.request.field", False),
    ]


CARD = "user.financial.credit_card"


def test_a_stored_cards_type_and_expiry_beside_its_number_are_the_cards() -> None:
    assert observed("""
        from django.db import models

        class PaymentProfile(models.Model):
            payment_profile_id = models.CharField(max_length=100, unique=True)
            card_type = models.CharField(max_length=50, null=True)
            card_num = models.CharField(max_length=4, null=True)
            expiration_dt = models.DateTimeField(blank=True, null=True)
            create_dt = models.DateTimeField(auto_now_add=True)

        class Deck(models.Model):
            card_type = models.CharField(max_length=50)
            expiration_dt = models.DateTimeField(null=True)
    """) == [
        (6, "collect", (CARD,), "python.django.model-field", True),
        (7, "collect", (CARD,), "python.django.model-field", True),
        (8, "collect", (CARD,), "python.django.model-field", True),
    ]
