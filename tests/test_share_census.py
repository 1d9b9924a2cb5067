"""Shapes read from the share misses of every read app (the eighteenth session's census): each test
pins what one rule observes, and its near-misses."""

from __future__ import annotations

import pytest
from engine_support import Seen, observed

OPENAI = "python.share.openai"

LOGGED = "python.logging.personal-data"


def test_the_implementation_after_overload_stubs_is_analysed() -> None:
    source = '''
    from typing import overload
    from openai import OpenAI

    class Translation:
        def __init__(self):
            self.client = OpenAI()

        @overload
        def _download(self, texts: list[str]): ...
        @overload
        def _download(self, texts: str): ...
        def _download(self, texts):
            content = "|".join(texts)
            return self.client.chat.completions.create(model="m", messages=[{"role": "user", "content": content}])

        def translate(self, texts):
            return self._download(texts)
    '''
    assert observed(source) == [(15, "share", ("user.content",), OPENAI, False)]


def test_a_property_setter_is_analysed_and_the_getter_stays_the_summary() -> None:
    source = '''
    import logging
    log = logging.getLogger(__name__)

    class Account:
        @property
        def contact(self):
            return self._user.email

        @contact.setter
        def contact(self, value):
            log.info("contact changed to %s", self.first_name)
            self._contact = value

        def show(self):
            log.info("contact %s", self.contact)
    '''
    assert observed(source) == [
        (12, "log", ("user.name.first",), LOGGED, False),
        (16, "log", ("user.contact.email",), LOGGED, False),
    ]


def test_a_function_defined_again_in_a_fallback_is_analysed_too() -> None:
    source = '''
    import logging
    log = logging.getLogger(__name__)

    def notify(user):
        log.info("notify %s", user.email)

    def notify(user):
        log.info("notify %s", user.phone)
    '''
    assert observed(source) == [
        (6, "log", ("user.contact.email",), LOGGED, False),
        (9, "log", ("user.contact.phone_number",), LOGGED, False),
    ]
