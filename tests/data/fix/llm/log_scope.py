import logging

log = logging.getLogger(__name__)


def complete(prompt, user):
    log.debug("prompt: %s", prompt)
    log.debug(f"{user.email} asked: {prompt}")
