import logging

log = logging.getLogger(__name__)


def login(user):
    log.info(
        "login %s from %s",  # what happened
        user.email,
        # where it came from
        user.phone,
    )
