"""A service's objects that hold a person's details, logged whole; and logs reached through a
dispatch name (issue 3: the held-out apps' missed logs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import Seen, models, observed, pack_problems

LOG = "python.logging.personal-data"
PAYER = ("user.contact.email", "user.financial", "user.name")

PAYPAL = """\
    import logging
    from paypalcheckoutsdk.orders import OrdersGetRequest
    from paypalcheckoutsdk.payments import CapturesRefundRequest
    from .client import PayPalHttpClient
    logger = logging.getLogger(__name__)

    class PayPal:
        def init_api(self):
            self.client = PayPalHttpClient(self.environment)

        def execute_payment(self, oid):
            response = self.client.execute(OrdersGetRequest(oid))
            order = response.result
            logger.error("Invalid state: %s" % repr(order.dict()))
            logger.info("order %s is %s", order.id, order.status)
            refund = self.client.execute(CapturesRefundRequest(oid))
            logger.info("refund %s", refund.result.dict())
"""

STRIPE = """\
    import logging
    import stripe
    logger = logging.getLogger(__name__)

    def check(payment_id):
        intent = stripe.PaymentIntent.retrieve(payment_id)
        logger.error("intent: %s" % str(intent.to_dict()))
        logger.info("intent %s", intent.get("id"))

    def webhook(payload, signature, secret):
        event = stripe.Webhook.construct_event(payload, signature, secret)
        charge = event.data.object
        logger.warning("charge %s", charge)
        logger.info("event type %s", event.type)
"""

DISPATCH = """\
    import json
    import logging
    from flask import request
    logger = logging.getLogger(__name__)

    def charge_webhook(event_json, charge_id):
        try:
            return lookup(charge_id)
        except LookupError:
            logger.exception("unknown charge: %s", event_json)

    def refund_webhook(event_json, refund_id):
        try:
            return lookup(refund_id)
        except LookupError:
            logger.exception("unknown refund: %s", refund_id)

    def webhook():
        event_json = json.loads(request.get_data())
        if event_json["type"] == "charge":
            func = charge_webhook
        else:
            func = refund_webhook
        return func(event_json, event_json["id"])

    def replay(ids):
        handler = charge_webhook
        return handler("evt_1", ids[0])
"""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # the order the client's execute() returns, serialised whole; its id and status are PayPal's;
        # a refund request is not a carrier
        (PAYPAL, [(14, "log", PAYER, LOG, False)]),
        # to_dict() of a Stripe object keeps the payer's details, get("id") does not; an event's
        # data.object is its body, its type is Stripe's
        (STRIPE, [(7, "log", PAYER, LOG, False), (13, "log", PAYER, LOG, False)]),
        # func(...) may be either handler: each one's log of its parameter is reached with the body; the
        # refund handler logs only its id parameter, given a key read from the body; a constant reaches
        # the handler through the other alias
        (DISPATCH, [(10, "log", ("user.content",), LOG, False)]),
    ],
    ids=["paypal-execute", "stripe-serialised", "dispatch-alias"],
)
def test_logged_objects(source: str, expected: list[Seen]) -> None:
    assert [seen for seen in observed(source) if seen[1] == "log"] == expected


def test_carrier_requests_are_loaded_from_the_pack() -> None:
    loaded = models()
    assert loaded.carrier_requests.get("paypalcheckoutsdk.orders.OrdersCaptureRequest") == frozenset(PAYER)
    assert loaded.carrier_requests.get("paypalcheckoutsdk.payments.CapturesRefundRequest") is None


def test_a_carries_entry_without_calls_or_requests_is_a_rule_pack_error(tmp_path: Path) -> None:
    assert pack_problems(tmp_path, '[[carries]]\ncategories = ["user.name"]\n') == [
        "a [[carries]] entry needs `calls` or `requests`"]


USERNAME = ("user.account.username",)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('logger.log(10, f"User={user} acquires a lock")', [USERNAME]),
        ('logger.info("by %s" % (user,))', [USERNAME]),
        ('logger.info("by {}".format(user))', [USERNAME]),
        ('logger.info("by " + str(user))', [USERNAME]),
        ('logger.info("by %s", request.user)', [USERNAME]),
        ('logger.info("by %r", current_user)', [USERNAME]),
        # not rendered whole: an attribute that means nothing, a count
        ('logger.info("by %s", user.is_active)', []),
        ('logger.info("%d locks", len(user.locks))', []),
        ('logger.warning(f"Could not read the user information of {tokenowner!r}")', [USERNAME]),
        ('logger.info("for %s", logged_in_user)', [USERNAME]),
        # flags and counts named for users; another name; another object's user
        ('logger.info("superuser: %s", is_superuser)', []),
        ('logger.info("%d users", num_users)', []),
        ('logger.info("by %s", author)', []),
        ('logger.info("by %s", task.user)', []),
    ],
)
def test_a_user_object_rendered_whole_logs_its_login(line: str, expected: list[tuple[str, ...]]) -> None:
    source = f"""\
        import logging
        from flask import request
        from flask_login import current_user
        logger = logging.getLogger(__name__)

        def set_lock(task, user, author, tokenowner, logged_in_user, is_superuser, num_users):
            {line}
    """
    assert [seen[2] for seen in observed(source) if seen[1] == "log"] == expected


@pytest.mark.parametrize(
    ("binding", "expected"),
    [
        ("user = model.User.get(name)", []),  # its class says what its string form shows
        ('user = "site_user"', []),  # a constant
        ("user = get_user(name)", [USERNAME]),  # nothing says what it is
    ],
)
def test_a_user_whose_value_is_known_is_not_guessed(binding: str, expected: list[tuple[str, ...]]) -> None:
    source = f"""\
        import logging
        from ckan import model
        from .users import get_user
        logger = logging.getLogger(__name__)

        def show(name):
            {binding}
            logger.info("User: %s" % user)
    """
    assert [seen[2] for seen in observed(source) if seen[1] == "log"] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('task.locks.values_list("user", "expire_at")', [("user.unique_id",)]),
        ('User.objects.values("email")', [("user.contact.email",)]),
        ('Task.objects.values_list("owner__email", flat=True)', [("user.contact.email",)]),
        ('Task.objects.values_list("owner__id", flat=True)', [("user.unique_id",)]),
        ('task.projects.values_list("id", "title", flat=True)', []),
        ('task.projects.values_list(field)', []),  # a field the code does not name
        ('mapping.values()', []),
    ],
)
def test_queried_fields(query: str, expected: list[tuple[str, ...]]) -> None:
    source = f"""\
        import logging
        logger = logging.getLogger(__name__)

        def check(task, mapping, field, User):
            logger.info("values: %s", {query})
    """
    assert [seen[2] for seen in observed(source) if seen[1] == "log"] == expected
