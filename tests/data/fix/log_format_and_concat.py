import logging

log = logging.getLogger(__name__)


def login(user):
    log.info("login {}".format(user.email))
    log.info("login " + user.email + " ok")
    print("phone:", user.phone)
