"""Shapes of an agent's code that the engine reads (gpt-researcher's misses and false hit, the
eighteenth session): a loop over `enumerate(items, 1)`, a count under a key that names data, and a
lambda that sends an HTTP request handed to a thread."""

from __future__ import annotations

import pytest
from engine_support import observed

LOG = "python.logging.personal-data"
EMAIL = ("user.contact.email",)


@pytest.mark.parametrize("loop", [
    "for i, email in enumerate(emails):",
    "for i, email in enumerate(emails, 1):",
    "for i, email in enumerate(emails, start=1):",
])
def test_an_enumerated_loop_keeps_its_items(loop: str) -> None:
    """The count's start (`enumerate(queries, 1)`) changes nothing of the items the loop binds."""
    source = f'''
import logging
log = logging.getLogger(__name__)

def notify(emails: list):
    {loop}
        log.info("%s: %s", i, email)
'''
    assert observed(source) == [(7, "log", EMAIL, LOG, False)]


@pytest.mark.parametrize(("value", "expected"), [
    # a count or a flag of what the key names: nothing of it
    ("len(self.visited_urls)", []),
    ("bool(self.visited_urls)", []),
    ("count_urls(self.visited_urls)", []),
    # a value the key names, unknown otherwise: what the key says
    ("self.visited_urls", [(6, "log", ("user.behavior.browsing_history",), LOG, False)]),
    ("total", [(6, "log", ("user.behavior.browsing_history",), LOG, False)]),
])
def test_a_dict_key_names_no_count(value: str, expected: list[object]) -> None:
    source = f'''
import logging
log = logging.getLogger(__name__)

def done(self, total):
    log.info("done: %s", {{"visited_urls": {value}}})
'''
    assert observed(source) == expected


def test_a_lambda_sending_a_request_is_the_request() -> None:
    """`asyncio.to_thread(lambda: requests.post(URL, json=payload).json())`: the request is sent where
    the lambda is called, with what it is given; a lambda that sends nothing is nothing."""
    source = '''
import asyncio
import requests

URL = "https://api.tavily.com/search"

async def search(query: str):
    payload = {"query": query}
    body = await asyncio.to_thread(lambda: requests.post(URL, json=payload, timeout=30).json())
    return await asyncio.to_thread(lambda: sorted(body["results"]))
'''
    assert [(line, kind) for line, kind, *_ in observed(source)] == [(9, "share")]
