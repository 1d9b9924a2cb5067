import logging

log = logging.getLogger(__name__)


def login(user, attempts):
    log.info("login %s" % user.email)
    log.info("login %s after %d attempts" % (user.email, attempts))
