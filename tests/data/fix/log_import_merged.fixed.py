from __future__ import annotations

import logging

from myapp.privacy import mask, redact

log = logging.getLogger(__name__)


def login(user):
    log.info("phone %s", mask(user.phone), redact(user.email))
