"""A parameter whose name says nothing holds what its declared type says (the classifier's [types])."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

from scanner.engine.sources import KWARGS, VARARGS, _index_params, _params_only
from scanner.engine.values import Value

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


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (_index_params(0), frozenset({0})),
        (_index_params(15), frozenset({15})),
        (_index_params(16), frozenset({16})),  # past the shared table: made on the call
        (_index_params(40), frozenset({40})),
    ],
)
def test_a_parameters_index_set_is_the_one_index(params: frozenset[int], expected: frozenset[int]) -> None:
    assert params == expected


@pytest.mark.parametrize("params", [frozenset({0}), frozenset({3}), frozenset({KWARGS}), frozenset({VARARGS})])
def test_a_parameter_known_only_by_its_index_has_one_shared_value(params: frozenset[int]) -> None:
    # equal to the Value the engine built for each such parameter before, and the same object each time
    assert _params_only(params) == Value(params=params)
    assert _params_only(frozenset(params)) is _params_only(params)


def test_a_wrappers_sixteenth_and_later_parameters_still_reach_its_log() -> None:
    # the seventeenth parameter (index 16, past the shared index sets) passed on to a log
    names = ", ".join(f"p{i}" for i in range(16))
    source = f"""\
        import logging

        def note({names}, detail):
            logging.getLogger(__name__).info("%s", detail)

        def handle(email):
            note({", ".join("0" for _ in range(16))}, email)
        """
    # a log at the call, and at the wrapper's own log call (its parameter is its callers' text)
    assert observed(source) == [(4, "log", ("user.contact.email",), "python.logging.given-by-callers", False),
                                (7, "log", ("user.contact.email",), LOG, False)]


@pytest.mark.parametrize(
    ("function", "parameter", "expected"),
    [
        # whom a function that sends mail is handed is an address, as a message's `to` is
        ("send_email", "recipient", [(4, "log", ("user.contact.email",), LOG, False)]),
        ("send_mail", "to", [(4, "log", ("user.contact.email",), LOG, False)]),
        ("email_user", "recipient", [(4, "log", ("user.contact.email",), LOG, False)]),
        # a function that sends no mail, or one whose mail word is not its job, and a part that is
        # no address
        ("send_report", "recipient", []),
        ("get_email_settings", "recipient", []),
        ("send_email", "subject", []),
    ],
)
def test_a_mail_sending_function_is_handed_addresses(function: str, parameter: str, expected: list[Seen]) -> None:
    source = f"""\
        import logging
        logger = logging.getLogger(__name__)
        def {function}({parameter}, text):
            logger.debug("Sending a mail to %s", {parameter})
    """
    assert observed(source) == expected
