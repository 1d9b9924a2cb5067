"""A call that derives personal data from what it is given (a GeoIP lookup, frameworks.toml's
[[derive]]) is a collect at the call; one made at a remote service (ipinfo, MaxMind's web service)
sends the address there too, so the call sinks are checked as well. ipinfo's handler is the
`ipinfo.Handler()` its `getHandler()` returns (share.toml's [returns]). A lookup given nothing looks
up the server's own address (the nineteenth session, zenml's `get_ip_location`)."""

from __future__ import annotations

import pytest
from engine_support import observed

GEOIP = "python.geoip.lookup"
IPINFO = "python.share.ip-geolocation"


@pytest.mark.parametrize(("body", "expected"), [
    ("    import ipinfo\n    handler = ipinfo.getHandler()\n    details = handler.getDetails(ip_address)\n",
     [(4, "collect", ("user.location",), GEOIP, False), (4, "share", ("user.device.ip_address",), IPINFO, False)]),
    ("    import ipinfo\n    details = ipinfo.getHandlerAsync('t').getBatchDetails([ip_address])\n",
     [(3, "collect", ("user.location",), GEOIP, False), (3, "share", ("user.device.ip_address",), IPINFO, False)]),
    # the server's own address
    ("    import ipinfo\n    details = ipinfo.getHandler().getDetails()\n", []),
])
def test_an_ipinfo_lookup_is_a_collect_and_a_share(body: str, expected: list[object]) -> None:
    found = observed("def locate(ip_address):\n" + body + "    return details.city\n")
    assert [(line, kind, categories, rule, stored) for line, kind, categories, rule, stored in found] == expected


def test_the_derived_location_reaches_a_log() -> None:
    source = ("import logging\nimport ipinfo\nlogger = logging.getLogger(__name__)\n"
              "def locate(ip_address):\n    details = ipinfo.getHandler().getDetails(ip_address)\n"
              "    logger.info('visitor from %s', details)\n")
    assert [(line, kind, categories) for line, kind, categories, _, _ in observed(source)] == [
        (5, "collect", ("user.location",)), (5, "share", ("user.device.ip_address",)), (6, "log", ("user.location",))]
