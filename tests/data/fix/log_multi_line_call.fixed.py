import logging
from myapp.privacy import redact

log = logging.getLogger(__name__)


def login(user):
    log.info(
        "login %s from %s",  # what happened
        redact(user.email),
        # where it came from
        redact(user.phone),
    )
