import logging

import requests

from .models import Account

log = logging.getLogger(__name__)


def login(user: Account):
    requests.get("https://example.com/ping")
    log.info("login %s", user.email)
