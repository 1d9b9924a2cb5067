import logging
from myapp.privacy import redact

log = logging.getLogger(__name__)


def login(user):
    log.info("login", extra={"email": redact(user.email), "attempt": 1})
