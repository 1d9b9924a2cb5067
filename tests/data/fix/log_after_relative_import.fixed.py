import logging

import requests

from myapp.privacy import redact

from .models import Account

log = logging.getLogger(__name__)


def login(user: Account):
    requests.get("https://example.com/ping")
    log.info("login %s", redact(user.email))
