"""Sign-in views."""

import logging

from myapp.models import Account
from myapp.privacy import redact
from myapp.utils import now

from .forms import LoginForm

log = logging.getLogger(__name__)


def login(user: Account, form: LoginForm):
    log.info("login %s at %s", redact(user.email), now())
