"""Shapes read from openwisp-radius's misses (the twenty-second session): a RADIUS backend's names
(Calling-Station-Id, a network access server's address). Each test pins what one rule observes, and
its near-misses."""

from __future__ import annotations

import pytest
from engine_support import observed

from scanner.classify import Classifier

DEVICE_ID = ("user.device.device_id",)
IP = ("user.device.ip_address",)
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
