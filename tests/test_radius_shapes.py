"""Shapes read from openwisp-radius's misses (the twenty-second session): a RADIUS backend's names
(Calling-Station-Id, a network access server's address), the user an object keeps (a model's foreign
key to the user model, a counter given the user) written whole to a log, and a lazy translation's
message formatted with a username. Each test pins what one rule observes, and its near-misses."""

from __future__ import annotations

import pytest
from engine_support import observed

from scanner.classify import Classifier

DEVICE_ID = ("user.device.device_id",)
IP = ("user.device.ip_address",)
USERNAME = ("user.account.username",)
LOG = "python.logging.personal-data"
MODEL = "python.django.model-field"


@pytest.mark.parametrize(("name", "owner", "category"), [
    # the MAC address of the device that connects, in every spelling RADIUS code writes it
    ("calling_station_id", None, "user.device.device_id"),
    ("callingstationid", None, "user.device.device_id"),
    ("Calling-Station-Id", None, "user.device.device_id"),
    ("calling_station_id", "RadiusAccounting", "user.device.device_id"),
    # the access point's MAC and SSID
    ("called_station_id", None, None),
    ("called_station_id", "RadiusAccounting", None),
    # the network access server's own address: the operator's equipment
    ("nas_ip_address", None, None),
    ("nas_ip", None, None),
    # the address given to the user's device stays one; `nas` in a longer word is no server
    ("framed_ip_address", None, "user.device.ip_address"),
    ("canvas_ip", None, "user.device.ip_address"),
])
def test_radius_names(name: str, owner: str | None, category: str | None) -> None:
    found = Classifier.load().name(name, owner=owner)
    assert (found.category if found is not None else None) == category


def test_a_network_access_servers_typed_address_is_no_persons() -> None:
    source = '''
        from django.db import models

        class RadiusAccounting(models.Model):
            calling_station_id = models.CharField(max_length=253)
            called_station_id = models.CharField(max_length=253)
            nas_ip_address = models.GenericIPAddressField()
            framed_ip_address = models.GenericIPAddressField(null=True)
    '''
    assert observed(source) == [(5, "collect", DEVICE_ID, MODEL, True), (8, "collect", IP, MODEL, True)]


def test_a_user_a_model_keeps_written_whole_is_its_login() -> None:
    source = '''
        import logging
        from django.conf import settings
        from django.db import models

        logger = logging.getLogger(__name__)

        class PhoneToken(models.Model):
            user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            attempts = models.IntegerField(default=0)

            def check(self):
                logger.warning(f"The user {self.user} has reached the maximum daily SMS limit.")
                logger.warning(f"User {self.user.pk} is already verified")
                logger.warning("token %s tried %s times", self.pk, self.attempts)
    '''
    # the user's row shows its username; its primary key is an id, the token's own fields nothing
    found = observed(source)
    assert (13, "log", USERNAME, LOG, False) in found
    assert [o for o in found if o[0] in (14, 15) and o[2] == USERNAME] == []


def test_a_string_form_that_shows_a_kept_user_shows_its_login() -> None:
    source = '''
        import logging

        class BaseCounter:
            def __init__(self, user, group):
                self.user = user
                self.group = group
                self.logger = logging.getLogger(self.__module__)

            def __repr__(self):
                return f"{self.counter_name}(user={self.user}, group={self.group})"

            def check(self, remaining):
                self.logger.debug(f"{self} result: remaining={remaining}")

        class GroupCounter:
            def __init__(self, group):
                self.group = group
                self.logger = logging.getLogger(self.__module__)

            def __repr__(self):
                return f"GroupCounter(group={self.group})"

            def check(self):
                self.logger.debug(f"{self} checked")
    '''
    assert observed(source) == [(14, "log", USERNAME, LOG, False)]


def test_a_kept_setting_or_a_property_named_for_a_user_is_no_person() -> None:
    source = '''
        import logging
        from flask import current_app

        log = logging.getLogger(__name__)

        class SecurityManager:
            @property
            def auth_ldap_bind_user(self):
                return current_app.config["AUTH_LDAP_BIND_USER"]

            def bind(self, con):
                log.debug("LDAP bind indirect TRY with username: '%s'", self.auth_ldap_bind_user)

        class Connection:
            def __init__(self):
                self.user = "postgres"

            def open(self):
                log.info("connecting as %s", self.user)
    '''
    assert observed(source) == []


@pytest.mark.parametrize("translation", [
    "from django.utils.translation import gettext_lazy as _",
    "from django.utils.translation import ugettext_lazy as _",
    "from flask_babel import lazy_gettext as _",
])
def test_a_lazy_translation_formats_as_its_text(translation: str) -> None:
    source = f'''
        import logging
        {translation}

        logger = logging.getLogger(__name__)

        def validate_membership(user, organization):
            message = _(
                "The user {{username}} is not member of organization {{organization}}."
            ).format(username=user.username, organization=organization.name)
            logger.info(message)
            logger.info(_("Organization {{name}} has no members").format(name=organization.name))
    '''
    assert observed(source) == [(11, "log", USERNAME, LOG, False)]



def test_a_string_form_reads_the_kept_user_whatever_the_order_of_the_methods() -> None:
    # `__repr__` was read where the class body reaches it: an `__init__` binding `self.user` to a
    # literal, or a property `user`, written after it was not known yet, and the literal or the
    # setting read as a kept person's login
    source = '''
        import logging
        from flask import current_app

        log = logging.getLogger(__name__)

        class Connection:
            def __repr__(self):
                return f"Connection(user={self.user})"

            def __init__(self):
                self.user = "postgres"

            def open(self):
                log.info(f"opening {self}")

        class Binder:
            def __repr__(self):
                return f"Binder(owner={self.owner})"

            @property
            def owner(self):
                return current_app.config["SERVICE_OWNER"]

            def bind(self):
                log.info(f"binding {self}")

        class Counter:
            def __repr__(self):
                return f"Counter(user={self.user})"

            def __init__(self, user):
                self.user = user

            def check(self):
                log.info(f"checking {self}")
    '''
    assert observed(source) == [(36, "log", USERNAME, LOG, False)]
