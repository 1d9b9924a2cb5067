"""What a call returns of its arguments when the analysis cannot follow its body: an extractor's or a
summariser's result is part of what it was given, and a call handed to a thread is that call
(scanner/engine/analyzer.py `_extracts`, `DEFERRING_CALLS`)."""

from __future__ import annotations

import pytest
from engine_support import models

from scanner.classify import Classifier
from scanner.engine.analyzer import analyze_source
from scanner.model import Kind

SOURCE = """\
import asyncio
import logging

import anyio
from starlette.concurrency import run_in_threadpool
from textkit import extract_entities, extractor, summarize_text, summary

log = logging.getLogger(__name__)


async def view(request, memory_id):
    text = request.json["message"]
    found = {call}
    log.info("found: %s", found)
"""


@pytest.mark.parametrize(
    ("call", "categories"),
    [
        # another module's extractor or summariser: parts or a digest of the text
        ("extract_entities(text)", ("user.content",)),
        ("summarize_text(text, limit=3)", ("user.content",)),
        # a call handed to a thread is that call
        ("await asyncio.to_thread(extract_entities, text)", ("user.content",)),
        ("await anyio.to_thread.run_sync(summarize_text, text)", ("user.content",)),
        ("await run_in_threadpool(extract_entities, text)", ("user.content",)),
        # the service's own id, a name that is not the verb, a thread call of a function that drops its input
        ("extract_entities(memory_id)", None),
        ("extractor(text)", None),
        ("summary(text)", None),
        ("await asyncio.to_thread(len, text)", None),
    ],
)
def test_what_is_extracted_from_user_content_is_user_content(call: str, categories: tuple[str, ...] | None) -> None:
    result = analyze_source("app/views.py", SOURCE.replace("{call}", call), models(), Classifier.load())
    logs = [(o.span.start_line, o.categories) for o in result.observations if o.kind is Kind.LOG]
    assert logs == ([(14, categories)] if categories else [])


HANDED = """\
import asyncio
import logging

log = logging.getLogger(__name__)


class Memory:
    async def _update_memory(self, memory_id, data):
        existing = await asyncio.to_thread(self.vector_store.get, vector_id=memory_id)
        if data is None:
            data = existing.payload.get("data")
        await asyncio.to_thread(self.vector_store.update, vector_id=memory_id, payload={"data": data})
        self.history.append(memory_id)
        log.info(f"Updating memory with ID {memory_id=} with {data=}")

    async def update(self, request):
        await self._update_memory("m1", request.json["text"])
"""


def test_a_parameter_logged_after_a_call_handed_to_a_thread_is_the_callers_data() -> None:
    result = analyze_source("app/memory.py", HANDED, models(), Classifier.load())
    logs = [(o.span.start_line, o.categories) for o in result.observations if o.kind is Kind.LOG]
    assert logs == [(14, ("user.content",))]
