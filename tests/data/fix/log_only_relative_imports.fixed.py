"""Sign-in views."""

from myapp.privacy import redact

from .logs import log


def login(user):
    log.info("login %s", redact(user.email))
