"""Login events."""

import logging

log = logging.getLogger(__name__)


def login(user):
    log.info("login %s", user.email)
    log.warning("failed login for %s (%s)", user.email, user.id)
