"""What a function that searches is handed as its query is what was searched (the sixteenth
session's census of the read apps' log misses: calibreweb's metadata providers, open-webui's web
search, gramps-webapi's assistant tool): logging it logs a person's search. Pins the rule's
extent: the function's first word, the parameter's name and its annotation."""

from __future__ import annotations

import pytest
from engine_support import observed

from scanner.classify import Classifier

LOG = "python.logging.personal-data"
BEHAVIOR = ("user.behavior",)

SOURCE = '''
import logging
log = logging.getLogger(__name__)

def {name}({params}):
    log.info("searching for %s", {arg})
'''


@pytest.mark.parametrize(("name", "params", "arg", "expected"), [
    # a function that searches, handed a text query, term, keyword or phrase
    ("search", "query: str", "query", [(6, "log", BEHAVIOR, LOG, False)]),
    ("search", "query", "query", [(6, "log", BEHAVIOR, LOG, False)]),
    ("search_exa", "api_key: str, query: str, count: int", "query", [(6, "log", BEHAVIOR, LOG, False)]),
    ("search_people", "term: Optional[str] = None", "term", [(6, "log", BEHAVIOR, LOG, False)]),
    ("_search_index", "ctx, query: str, semantic: bool", "query", [(6, "log", BEHAVIOR, LOG, False)]),
    ("search_people", "keyword: str | None = None", "keyword", [(6, "log", BEHAVIOR, LOG, False)]),
    # its other parameters, a query typed as something else, names that only begin with the word,
    # and a query of a function that does not say it searches
    ("search", "query: str, locale: str", "locale", []),
    ("search", "query: Query", "query", []),
    ("search", "query: 'QuerySet'", "query", []),
    ("searcher_stats", "query: str", "query", []),
    ("searchable", "query: str", "query", []),
    ("run_query", "query: str", "query", []),
    ("apply_search", "query", "query", []),
])
def test_a_search_function_query(name: str, params: str, arg: str, expected: list[object]) -> None:
    assert observed(SOURCE.format(name=name, params=params, arg=arg)) == expected


@pytest.mark.parametrize(("name", "owner", "expected"), [
    # a record or a value class whose head word is `query` holds what was searched, as a search's does
    # (wagtail's `Query.query_string`, argilla-server's `TextQuery.q`, the twentieth session)
    ("query_string", "Query", "user.behavior"),
    ("q", "TextQuery", "user.behavior"),
    ("q", "SavedSearch", "user.behavior"),
    ("term", "query", "user.behavior"),
    # what is not a searched text, of such an owner
    ("sql", "Query", None),
    ("text", "Query", None),
    ("limit", "query", None),
    # a bare `q` without such an owner stays nothing
    ("q", "Settings", None),
    ("q", None, None),
])
def test_a_query_owner_holds_what_was_searched(name: str, owner: str | None, expected: str | None) -> None:
    match = Classifier.load().name(name, owner=owner)
    assert (match.category if match is not None else None) == expected
