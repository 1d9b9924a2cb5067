"""An unannotated `websocket` parameter in a module that imports FastAPI or Starlette holds the
framework's WebSocket (gpt-researcher's `handle_websocket_communication(websocket, manager)`, the
eighteenth session): its `receive_text()` takes a message whole. Pins the rule's extent: the
parameter's name, its annotation, the module's imports; and a preview of a bound body logged
beside the body itself (`f"{data[:50]}..." if len(data) > 50 else data`) is the body used whole."""

from __future__ import annotations

import pytest
from engine_support import observed

BODY = "python.request.body"
LOG = "python.logging.personal-data"
CONTENT = ("user.content",)

SOURCE = '''
import logging
{imports}
log = logging.getLogger(__name__)

async def handle({params}):
    data = await {name}.receive_text()
    log.info(f"Received: {{data[:50]}}..." if len(data) > 50 else data)
'''

TAKEN = [(7, "collect", CONTENT, BODY, False), (8, "log", CONTENT, LOG, False)]


@pytest.mark.parametrize(("imports", "params", "name", "expected"), [
    ("from fastapi.responses import JSONResponse", "websocket, manager", "websocket", TAKEN),
    ("from starlette.websockets import WebSocketDisconnect", "websocket", "websocket", TAKEN),
    ("from fastapi import WebSocket", "websocket: WebSocket", "websocket", TAKEN),
    # a module that imports neither: a `websocket` is as often a client's connection
    ("import websockets", "websocket", "websocket", []),
    # another name, or a parameter typed as something else
    ("from fastapi.responses import JSONResponse", "ws", "ws", []),
    ("from fastapi.responses import JSONResponse", "websocket: ClientConnection", "websocket", []),
])
def test_an_unannotated_websocket_parameter(imports: str, params: str, name: str, expected: list[object]) -> None:
    assert observed(SOURCE.format(imports=imports, params=params, name=name)) == expected


def test_a_preview_beside_another_value_is_taken_at_the_log() -> None:
    """The alternative of a bound body that reads another name is no preview of the body alone: the
    body passed there is taken whole at that line, as before."""
    source = SOURCE.format(imports="from fastapi import WebSocket", params="websocket: WebSocket, other",
                           name="websocket").replace("{data[:50]}", "{other}")
    assert observed(source) == [(7, "collect", CONTENT, BODY, False), (8, "collect", CONTENT, BODY, False),
                                (8, "log", CONTENT, LOG, False)]
