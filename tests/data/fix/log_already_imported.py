import logging

from myapp.privacy import redact

log = logging.getLogger(__name__)


def login(user):
    log.info("login %s", redact(user.email))
    log.info("phone %s", user.phone)
