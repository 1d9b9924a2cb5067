import logging

from flask import make_response, request

log = logging.getLogger(__name__)


def login(user):
    log.info("ip %s", request.remote_addr)
    print(user.email)  # debugging
    log.warning("this message is long enough to push the line over a hundred characters: %s", user.email)
    log.info("""payload:
    %s""", user.email)
    ok = log.info("%s", user.email) or \
        None
    resp = make_response("ok")
    resp.set_cookie("session", "token", max_age=3600)
    return resp


def logout(user):
    log.info("bye %s", user.email)  # policyscan: ignore[PS101] not collected here
