import logging
from myapp.privacy import redact

log = logging.getLogger(__name__)


def login(user, form):
    # `{expr=}` prints its own source before the value: the label stays, the value is redacted
    print(f"user.email={redact(user.email)!r}")
    log.info(f"checking  user.email = {redact(user.email)!r} and user.phone_number={redact(user.phone_number)!s} at {user.id=}")
    log.info(f'form["email"]={redact(form["email"])!r} user.phone_number = {redact(user.phone_number)!r:>6} user.email={redact(user.email):>12}|')
