"""Shapes read from evennia's misses (the twentieth session): Twisted's server transports and
`twisted.web` requests as a framework's request, and a connection's session address. Each test pins
what one rule observes, and its near-misses."""

from __future__ import annotations

import pytest
from engine_support import models, observed

from scanner.classify import Classifier
from scanner.engine.analyzer import analyze_source

IP = "python.request.client-ip"
FIELD = "python.request.field"
LOG = "python.logging.personal-data"
IP_ADDRESS = ("user.device.ip_address",)

PROTOCOL = '''
{imports}

class Telnet(Base):
    def connectionMade(self):
        client_address = self.transport.client
        return client_address
'''


@pytest.mark.parametrize(("imports", "expected"), [
    # a Twisted server protocol's transport: its `client` is the connected client's address
    ("from twisted.internet.protocol import Protocol as Base", [(6, "collect", IP_ADDRESS, IP, False)]),
    ("from twisted.conch.telnet import Telnet as Base", [(6, "collect", IP_ADDRESS, IP, False)]),
    # Autobahn's websocket protocols run on Twisted
    ("from autobahn.twisted.websocket import WebSocketServerProtocol as Base",
     [(6, "collect", IP_ADDRESS, IP, False)]),
    # elsewhere a `transport.client` is no client's address (an HTTP client library's transport
    # holding its client session, litellm's `self.transport.client`)
    ("from httpx import AsyncBaseTransport as Base", []),
    # a module that only names Twisted in its text imports nothing of it
    ("Base = object  # twisted", []),
])
def test_a_twisted_transport_client_is_the_client_address(imports: str, expected: list[tuple[object, ...]]) -> None:
    assert observed(PROTOCOL.format(imports=imports)) == expected


def test_twisted_transport_reads_and_near_misses() -> None:
    source = '''
        from twisted.internet import protocol

        class SshProtocol(protocol.Protocol):
            def getClientAddress(self):
                return self.terminal.transport.client

            def connectionMade(self):
                address = self.getClientAddress()
                peer = self.transport.getPeer()
                self.transport.write(b"hello")
                return address, peer
    '''
    # the conch terminal's transport is read (line 6); the class's own `getClientAddress()` is its
    # body's (line 9), and `getPeer()` (line 10) names a client protocol's server as often
    assert observed(source) == [(6, "collect", IP_ADDRESS, IP, False)]


def test_autobahn_handshake_headers() -> None:
    source = '''
        from autobahn.twisted.websocket import WebSocketServerProtocol

        class WebSocketClient(WebSocketServerProtocol):
            def onOpen(self):
                if "x-forwarded-for" in self.http_headers:
                    return self.http_headers["x-forwarded-for"].split(",")
                return self.http_headers.get("user-agent")
    '''
    assert observed(source) == [(7, "collect", IP_ADDRESS, IP, False),
                                (8, "collect", ("user.device",), "python.request.header", False)]


@pytest.mark.parametrize(("read", "expected"), [
    # `twisted.web` keys a request's arguments by bytes
    ('request.args[b"email"][0]', [(5, "collect", ("user.contact.email",), FIELD, False)]),
    ('request.args.get(b"email")[0]', [(5, "collect", ("user.contact.email",), FIELD, False)]),
    ('request.args[b"page"][0]', []),
    ("request.getClientIP()", [(5, "collect", IP_ADDRESS, IP, False)]),
    ("request.getClientAddress().host", [(5, "collect", IP_ADDRESS, IP, False)]),
    ('request.getHeader("x-forwarded-for")', [(5, "collect", IP_ADDRESS, IP, False)]),
    ('request.getHeader("content-type")', []),
])
def test_twisted_web_request_members(read: str, expected: list[tuple[object, ...]]) -> None:
    source = ("from twisted.web import resource\n\nclass Page(resource.Resource):\n"
              f"    def render_POST(self, request):\n        value = {read}\n        return value\n")
    assert observed(source) == expected


@pytest.mark.parametrize(("expression", "expected"), [
    # a connection's session names its other end: its address is the client's
    ("self.session.address", [(5, "collect", IP_ADDRESS, LOG, False)]),
    ("session.session_address", [(5, "collect", IP_ADDRESS, LOG, False)]),
    # a handler of sessions is no session
    ("self.session_handler.address", []),
])
def test_a_session_address_is_the_client_ip(expression: str, expected: list[tuple[object, ...]]) -> None:
    source = ("import logging\nlogger = logging.getLogger(__name__)\n\ndef func(self, session):\n"
              f"    logger.info(f\"Password changed (IP: {{{expression}}}).\")\n")
    assert observed(source) == [(line, "log", cats, rule, stored) for line, _, cats, rule, stored in expected]


@pytest.mark.parametrize(("call", "expected"), [
    # `twisted.web`'s request is the response it writes: its `addCookie` sets a cookie
    ('request.addCookie(b"csessid", key, httpOnly=True)', [(5, "cookie", "python.cookie.set-cookie", "csessid")]),
    ('request.addCookie("theme", "dark")', [(5, "cookie", "python.cookie.set-cookie", "theme")]),
    # reading a cookie, or another framework's setter asked of a request (whose cookies are read): none
    ('request.getCookie(b"csessid")', []),
    ('request.set_cookie("theme", "dark")', []),
])
def test_twisted_web_request_sets_cookies(call: str, expected: list[tuple[object, ...]]) -> None:
    source = ("from twisted.web import resource\n\nclass Page(resource.Resource):\n"
              f"    def render_GET(self, request, key=None):\n        {call}\n        return b''\n")
    result = analyze_source("app/module.py", source, models(), Classifier.load())
    assert [(o.span.start_line, o.kind.value, o.rule, o.cookie.name if o.cookie else None)
            for o in result.observations] == expected


@pytest.mark.parametrize(("imports", "expected"), [
    # `twisted.web`'s request body (a file), read where Twisted is imported
    ("from twisted.web import resource", [(5, "collect", ("user.content",), "python.request.body", False)]),
    # elsewhere a request's `content` is what a client sends (an httpx event hook's request)
    ("import httpx", []),
])
def test_a_twisted_request_content_is_its_body(imports: str, expected: list[tuple[object, ...]]) -> None:
    source = f"{imports}\n\n\ndef render(request):\n    body = request.content.read()\n    forward(body)\n"
    assert observed(source) == expected
