"""A tuple annotation of different types names none of them: `List[Tuple[TagSchema, ResourceType,
Schema]]` unpacked in a loop gave every target the first item's class, and the resource type's value
logged was read as the tag's string form (zenml's `sql_zen_store.py`, a log false hit). A tuple of one
type (`Tuple[User, ...]`, `tuple[User, User]`) and the other subscripts (`Optional`, `List`) still name
their class."""

from __future__ import annotations

import pytest
from engine_support import observed

SOURCE = '''
import logging
from typing import List, Optional, Tuple
logger = logging.getLogger(__name__)

class Member:
    def __init__(self, email: str):
        self.email = email
    def __str__(self):
        return f"<Member {{self.email}}>"

def tag_all(pairs: {annotation}):
    for first, second in pairs:
        logger.debug("tagged %s", second)
'''
LOGGED = [(14, "log", ("user.contact.email",), "python.logging.personal-data", False)]


@pytest.mark.parametrize(("annotation", "expected"), [
    ("List[Tuple[Member, str]]", []),
    ("List[Tuple[Member, int, str]]", []),
    ('"list[tuple[Member, str]]"', []),
    ("List[Tuple[Member, ...]]", LOGGED),
    ("list[tuple[Member, Member]]", LOGGED),
    ("List[Member]", LOGGED),
    ("Optional[List[Member]]", LOGGED),
])
def test_a_tuple_of_different_types_names_none_of_them(annotation: str, expected: list[object]) -> None:
    assert observed(SOURCE.format(annotation=annotation)) == expected
