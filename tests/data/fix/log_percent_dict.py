import logging

log = logging.getLogger(__name__)


def login(user):
    log.info("login %(email)s" % {"email": user.email})
