from __future__ import annotations

import logging

from myapp.privacy import mask

log = logging.getLogger(__name__)


def login(user):
    log.info("phone %s", mask(user.phone), user.email)
