"""Login events."""

import logging
from myapp.privacy import redact

log = logging.getLogger(__name__)


def login(user):
    log.info("login %s", redact(user.email))
    log.warning("failed login for %s (%s)", redact(user.email), user.id)
