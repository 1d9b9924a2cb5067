"""Sign-in views."""

from .logs import log


def login(user):
    log.info("login %s", user.email)
