import logging
from myapp.privacy import redact

log = logging.getLogger(__name__)


def login(user, attempts):
    log.info("login %s" % redact(user.email))
    log.info("login %s after %d attempts" % (redact(user.email), attempts))
