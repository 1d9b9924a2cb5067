"""A request's headers or WSGI environ written whole to a log (the twentieth session's log census:
kinto's `logger.info("Error decoding QUERY_STRING: %s" % request.environ)`): the client's User-Agent,
cookies and Authorization header, and from the environ its address. Pins the extent: which holders and
attributes, rendered how, and what is not the client's."""

from __future__ import annotations

import pytest
from engine_support import observed

LOG = "python.logging.personal-data"
HEADERS = ("user.authorization.credentials", "user.device")
ENVIRON = ("user.authorization.credentials", "user.device", "user.device.ip_address")

DJANGO = '''
import logging
from django.http import HttpResponse

log = logging.getLogger(__name__)

def view(request, http_request, response):
    log.info({logged})
    return HttpResponse("ok")
'''


@pytest.mark.parametrize(("logged", "expected"), [
    ('"meta %s", request.META', [(8, "log", ENVIRON, LOG, False)]),
    ('"environ %s" % request.environ', [(8, "log", ENVIRON, LOG, False)]),
    ('f"headers {request.headers}"', [(8, "log", HEADERS, LOG, False)]),
    ('"headers %s", str(request.headers)', [(8, "log", HEADERS, LOG, False)]),
    # Django's environ of an object named a request the analysis does not know (`names_meta`)
    ('"meta %s", http_request.META', [(8, "log", ENVIRON, LOG, False)]),
    # not the headers whole, not the request's
    ('"method %s", request.method', []),
    ('"count %s", len(request.headers)', []),
    ('"headers %s", response.headers', []),
    ('"headers %s", http_request.headers', []),
])
def test_django_request(logged: str, expected: list[object]) -> None:
    assert observed(DJANGO.format(logged=logged)) == expected


def test_flask_request_environ() -> None:
    source = '''
        import logging
        from flask import request

        log = logging.getLogger(__name__)

        def before():
            log.debug("environ %s", request.environ)
    '''
    assert observed(source) == [(8, "log", ENVIRON, LOG, False)]


def test_outgoing_request_is_not_the_client() -> None:
    source = '''
        import logging
        import requests

        log = logging.getLogger(__name__)

        def send(url):
            request = requests.Request("GET", url, headers={"Accept": "application/json"})
            log.debug("sending %s", request.headers)
    '''
    assert observed(source) == []
