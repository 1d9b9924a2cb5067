import logging
import time
from myapp.privacy import redact

log = logging.getLogger(__name__)


def login(user):
    now = time.time()
    log.info(f"login {redact(user.email)!r} at {now}")
    log.info(f"user {user.id} has phone {redact(user.phone_number):>12}")
