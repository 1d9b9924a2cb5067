import logging
from myapp.privacy import redact

log = logging.getLogger(__name__)


def login(user):
    log.info("login {}".format(redact(user.email)))
    log.info("login " + redact(user.email) + " ok")
    print("phone:", redact(user.phone))
