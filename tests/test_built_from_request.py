"""A value class a route builds with a keyword it took from the request (a `Form`/`Body`/`Query`/
`Header`/`Cookie` parameter, `request.client`/`request.headers`, or a name the route bound from one)
receives what the request carried: its fields are collects (zenml's `OAuthDeviceInternalRequest`,
the nineteenth session). An owner's trailing `Internal` (the service's variant of a record's model)
is dropped as `Request` is."""

from __future__ import annotations

import pytest
from engine_support import observed

from scanner.classify import Classifier

FASTAPI = ("from fastapi import APIRouter, Form, Header, Request\nfrom pydantic import BaseModel\n"
           "router = APIRouter()\nclass Device(BaseModel):\n    ip_address: str\n    country: str = ''\n"
           "DEVICES: list[Device] = []\n")  # named again: not a model no code names (read as received)
FIELD = "python.pydantic.field"
# a received class's fields are all read as received: both, whichever keyword carried the request
BOTH = [(5, "collect", ("user.device.ip_address",), FIELD, False), (6, "collect", ("user.location.coarse",), FIELD, False)]


def _collects(found: list[tuple[int, str, tuple[str, ...], str, bool]]) -> list[tuple[int, str, tuple[str, ...], str, bool]]:
    return [seen for seen in found if seen[3] == FIELD]


@pytest.mark.parametrize(("route", "expected"), [
    # a form field, a header, the client's address: directly or through names the route binds
    ("async def r(ip: str = Form(...)):\n    keep(Device(ip_address=ip))\n", BOTH),
    ("async def r(agent: str = Header(None)):\n    keep(Device(ip_address=agent))\n", BOTH),
    ("async def r(request: Request):\n    ip = request.client.host\n    keep(Device(ip_address=ip))\n", BOTH),
    ("async def r(request: Request):\n    ip = request.client.host if request.client else ''\n"
     "    country = lookup(ip)\n    keep(Device(ip_address=ip, country=country))\n", BOTH),
    ("async def r(request: Request):\n    ip, port = request.client\n    keep(Device(ip_address=ip))\n", BOTH),
    # the service's own values, a path parameter, a call not of a class, a keyword never taken
    ("async def r(request: Request):\n    keep(Device(ip_address=SERVER_IP))\n", []),
    ("async def r(device_id: str):\n    keep(Device(ip_address=device_id))\n", []),
    ("async def r(ip: str = Form(...)):\n    keep(make_device(ip_address=ip))\n", []),
    ("async def r(request: Request, ip: str = Form(...)):\n    other = compute()\n    keep(Device(ip_address=other))\n", []),
])
def test_a_class_a_route_builds_from_the_request_receives_it(route: str, expected: list[object]) -> None:
    source = FASTAPI + "@router.post('/devices')\n" + route
    assert _collects(observed(source)) == expected


def test_outside_a_route_nothing_is_received() -> None:
    source = FASTAPI + "def r(request, ip=None):\n    ip = request.client.host\n    keep(Device(ip_address=ip))\n"
    assert _collects(observed(source)) == []


@pytest.mark.parametrize(("identifier", "owner", "expected"), [
    ("os", "OAuthDeviceInternalRequest", "user.device"),
    ("hostname", "OAuthDeviceInternalUpdate", "user.device"),
    ("country", "DeviceInternal", "user.location.coarse"),
    ("os", "InternalRequest", None),
])
def test_internal_is_an_owner_suffix(identifier: str, owner: str, expected: str | None) -> None:
    found = Classifier.load().name(identifier, owner=owner)
    assert (found.category if found else None) == expected
