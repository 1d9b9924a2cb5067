import structlog
from myapp.privacy import redact

log = structlog.get_logger()


def login(user, ok):
    log.info("login", email=redact(user.email), user_id=user.id, ok=ok)
