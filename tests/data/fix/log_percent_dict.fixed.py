import logging
from myapp.privacy import redact

log = logging.getLogger(__name__)


def login(user):
    log.info("login %(email)s" % {"email": redact(user.email)})
