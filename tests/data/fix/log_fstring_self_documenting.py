import logging

log = logging.getLogger(__name__)


def login(user, form):
    # `{expr=}` prints its own source before the value: the label stays, the value is redacted
    print(f"{user.email=}")
    log.info(f"checking { user.email = } and {user.phone_number=!s} at {user.id=}")
    log.info(f'{form["email"]=} {user.phone_number = !r:>6} {user.email=:>12}|')
