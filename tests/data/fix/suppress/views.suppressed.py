import logging

from flask import make_response, request

log = logging.getLogger(__name__)


def login(user):
    log.info("ip %s", request.remote_addr)  # policyscan: ignore[PS401, PS101] reviewed in SEC-42
    print(user.email)  # debugging  # policyscan: ignore[PS401] reviewed in SEC-42
    # policyscan: ignore[PS401] reviewed in SEC-42
    log.warning("this message is long enough to push the line over a hundred characters: %s", user.email)
    # policyscan: ignore[PS401] reviewed in SEC-42
    log.info("""payload:
    %s""", user.email)
    # policyscan: ignore[PS401] reviewed in SEC-42
    ok = log.info("%s", user.email) or \
        None
    resp = make_response("ok")
    # policyscan: ignore[PS302, PS303] reviewed in SEC-42
    resp.set_cookie("session", "token", max_age=3600)
    return resp


def logout(user):
    # policyscan: ignore[PS401] reviewed in SEC-42
    log.info("bye %s", user.email)  # policyscan: ignore[PS101] not collected here
