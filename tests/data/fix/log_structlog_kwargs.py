import structlog

log = structlog.get_logger()


def login(user, ok):
    log.info("login", email=user.email, user_id=user.id, ok=ok)
