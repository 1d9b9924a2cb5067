import logging

log = logging.getLogger(__name__)


def login(user):
    log.info("login", extra={"email": user.email, "attempt": 1})
