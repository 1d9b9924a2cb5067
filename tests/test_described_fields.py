"""What a description says a sent value holds (issue 3: mem0's missed shares).

A Pydantic field whose description quotes the keys it holds (`Field(description="Filters (e.g.
{'user_id': '...'})")`): the model's dump and string form hold them (scanner/engine/sources.py
`_described_keys`; mem0's typed options of `get_all` and `search`). A parameter whose docstring lists
the keys of its items with their types (`- text (str): New text`): the request holds those fields
(scanner/engine/sinks.py `documented_parameters`; mem0's `batch_update`)."""

from __future__ import annotations

import pytest
from engine_support import observed

SHARE = "python.share.http-known-host"

SOURCE = """\
    import httpx
    from pydantic import BaseModel, Field


    class Options(BaseModel):
        filters: dict | None = Field(default=None, description={description!r})
        page: int | None = None


    class Client:
        def __init__(self, api_key):
            self.client = httpx.Client(base_url="https://api.intercom.io", headers={{"Authorization": api_key}})

        def list(self, options: Options | None = None):
            params = options.model_dump(exclude_unset=True) if options else {{}}
            return self.client.post("/contacts/search", json=params).json()
"""


@pytest.mark.parametrize(
    ("description", "categories"),
    [
        ("Filters for retrieval (e.g. {'user_id': '...'})", ("user.unique_id",)),
        ('Filters, such as {"email": "..."}', ("user.contact.email",)),
        ("Filter by `user_id` or `email`", ("user.contact.email", "user.unique_id")),
        # a quoted key that is not personal data
        ("Filters (e.g. {'project': '...'})", ()),
        # prose names what the field is for; only a quoted key says what it holds
        ("Whether to filter by the user's email", ()),
        ("Filter by user_id", ()),
    ],
)
def test_a_quoted_key_in_a_field_description_is_held_by_the_dump(description: str, categories: tuple[str, ...]) -> None:
    assert observed(SOURCE.format(description=description)) == [(16, "share", categories, SHARE, False)]


def test_the_description_is_read_only_from_a_field_call() -> None:
    # a plain default that happens to be such a text is not a description
    source = SOURCE.format(description="x").replace("Field(default=None, description='x')",
                                                    "\"{'user_id': '...'}\"")
    assert observed(source) == [(16, "share", (), SHARE, False)]


BATCH = """\
    import requests


    def update(items):
        \"\"\"Update in one request.

        Args:
            items: {doc}
        \"\"\"
        return requests.put("https://api.intercom.io/batch", json={{"items": items}}, timeout=10)
"""


@pytest.mark.parametrize(
    ("param", "doc", "categories"),
    [
        # a bulleted key with its type: a field of what the parameter is named for
        ("notes", "List of notes. Each must contain:\n                - id (str): ID\n                - text (str, optional): New text",
         ("user.content",)),
        ("contacts", "List of contacts.\n                * email (str): New address", ("user.contact.email",)),
        # a key that is not personal data, or not one of the parameter's fields
        ("tags", "List of tags.\n                - id (str): ID\n                - name (str): New name", ()),
        ("settings", "Settings.\n                - text (str): Banner text", ()),
        # a key named in prose, not listed with its type
        ("notes", "List of notes - text is optional", ()),
    ],
)
def test_a_bulleted_key_of_a_documented_parameter_is_sent(param: str, doc: str, categories: tuple[str, ...]) -> None:
    source = BATCH.format(doc=doc).replace("items", param)
    assert observed(source) == [(_call_line(source), "share", categories, SHARE, False)]


def _call_line(source: str) -> int:
    """The line of the request in `source` (the docstring's length varies with the case)."""
    return next(i for i, line in enumerate(source.splitlines(), 1) if "requests.put" in line)
