"""A query string handed to a project function that reads only options of it (alerta-server's
`Page.from_params(request.args, total)` reading `page`, `limit` and `page-size`): the page's options,
read where the function reads them, not the query string taken whole at the call. A function that
reads a key naming personal data, passes its parameter on, or is given a body keeps the call a body
taken whole (the body convention)."""

from __future__ import annotations

from pathlib import Path

from engine_support import observed, observed_tree

PAGING = '''
class Page:
    def __init__(self, page, size, items):
        self.page, self.size, self.items = page, size, items

    @staticmethod
    def from_params(params, items):
        page = params.get("page", 1, int)
        limit = params.get("limit", 0, int)
        size = params["page-size"] if "page-size" in params else limit
        return Page(page, size, items)
'''

VIEWS = '''
from flask import Flask, request
from app.paging import Page

app = Flask(__name__)


@app.route("/alerts")
def alerts():
    paging = Page.from_params(request.args, 10)
    args = request.args
    again = Page.from_params(args, items=3)
    posted = Page.from_params(request.json, 3)
    return ""
'''


def test_a_query_string_given_to_an_options_reader_of_another_module_is_not_taken_whole(tmp_path: Path) -> None:
    # lines 10 and 12 (the query string, given and bound) are not taken whole; a body given there is (13)
    assert observed_tree(tmp_path, {"app/__init__.py": "", "app/paging.py": PAGING, "app/views.py": VIEWS}) == [
        ("app/views.py", 13, "collect", ("user.content",)),
    ]


def test_an_options_reader_of_the_same_module() -> None:
    source = PAGING + '''
from flask import request


def parse_owner(params):
    return {"owner": params.get("email"), "page": params.get("page")}


def filtered(params):
    return {"page": params.get("page"), "all": dict(params)}


def view():
    paging = Page.from_params(request.args, 10)
    owner = parse_owner(request.args)
    rest = filtered(request.args)
    return paging, owner, rest
'''
    # the paging helper (25) reads options only; the owner's reads an e-mail (26), the other passes
    # its parameter on whole (27): both take the query string whole
    assert observed(source) == [
        (26, "collect", ("user.content",), "python.request.body", False),
        (27, "collect", ("user.content",), "python.request.body", False),
    ]

