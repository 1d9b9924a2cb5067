import logging
import time

log = logging.getLogger(__name__)


def login(user):
    now = time.time()
    log.info(f"login {user.email!r} at {now}")
    log.info(f"user {user.id} has phone {user.phone_number:>12}")
