import logging
from myapp.privacy import redact

log = logging.getLogger(__name__)


def complete(prompt, user):
    log.debug("prompt: %s", redact(prompt))
    log.debug(f"{redact(user.email)} asked: {redact(prompt)}")
