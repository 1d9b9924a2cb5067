import logging

import myapp.privacy as privacy

log = logging.getLogger(__name__)


def login(user):
    log.info("phone %s", privacy.redact(user.phone))
