"""Nested functions that read names their enclosing function binds after defining them
(scanner/engine/analyzer: free_names and the second analysis of such closures)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from scanner.classify import Classifier
from scanner.engine.analyzer import analyze_source, free_names
from scanner.packs import load_models


def _function(source: str) -> ast.FunctionDef | ast.AsyncFunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    return node


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("async def writer():\n    msg = await queue.get()\n    await ws.send(msg)\n", {"queue", "ws"}),
        # parameters, assignments, imports, nested definitions and builtins are not free
        ("def f(a, *args, b=1, **kw):\n    import json\n    c = a\n    def g(): pass\n    return len(json.dumps([c, b, args, kw, g]))\n",
         set()),
        ("def f():\n    for item in items:\n        yield item\n", {"items"}),
        ("def f():\n    return [x for x in xs]\n", {"xs"}),
    ],
)
def test_free_names(source: str, expected: set[str]) -> None:
    assert free_names(_function(source)) == expected


def _observed(source: str) -> list[tuple[int, str, str | None, tuple[str, ...]]]:
    result = analyze_source("app.py", textwrap.dedent(source), load_models(), Classifier.load())
    return [(o.span.start_line, o.kind.value, o.recipient, o.categories) for o in result.observations]


def test_a_closure_sees_what_is_bound_after_it() -> None:
    source = """\
        import json
        import logging

        import websockets

        log = logging.getLogger(__name__)


        async def relay(queue, user):
            async def writer():
                msg = await queue.get()
                log.info("relaying for %s", email)
                await ws.send(json.dumps(msg))

            email = user.email
            async with websockets.connect("wss://api.openai.com/v1/realtime") as ws:
                await writer()
        """
    assert _observed(source) == [
        (12, "log", None, ("user.contact.email",)),
        (13, "share", "OpenAI", ("user.content",)),
    ]


def test_a_socket_never_bound_goes_nowhere_known() -> None:
    source = """\
        import websockets


        async def relay(queue):
            async def writer():
                await ws.send(await queue.get())

            return writer
        """
    assert _observed(source) == []
