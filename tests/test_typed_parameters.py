"""A parameter whose name says nothing holds what its declared type says (the classifier's [types])."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

LOG = "python.logging.personal-data"


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        ('path_to_client: "list[IPAddress]"', [(7, "log", ("user.device.ip_address",), LOG, False)]),
        ("peer: ipaddress.IPv4Address | None", [(7, "log", ("user.device.ip_address",), LOG, False)]),
        ("peer: Optional[IPv6Address]", [(7, "log", ("user.device.ip_address",), LOG, False)]),
        ("recipient: EmailStr", [(7, "log", ("user.contact.email",), LOG, False)]),
        # the name decides first; a type that says nothing, or none, leaves the parameter as it is
        ("ip: int", [(7, "log", ("user.device.ip_address",), LOG, False)]),
        ("peer: str", []),
        ("peer", []),
        ("count: int", []),
    ],
)
def test_a_parameter_holds_what_its_type_says(signature: str, expected: list[Seen]) -> None:
    source = f"""\
        import ipaddress
        import logging
        from typing import Optional

        def handle({signature}) -> None:
            log = logging.getLogger(__name__)
            log.info("from %s", {signature.split(":")[0]})
        """
    assert observed(source) == expected
