"""A schema field whose name and type say nothing, documented (`help_text`, `comment`, `doc`,
`description`) as holding what people upload, import, write or submit, is a user-content collect
(Label Studio's `Task.data = JSONField(help_text="User imported or uploaded data for a task")`)."""

from __future__ import annotations

import pytest
from engine_support import observed

MODEL = '''
from django.db import models


class Task(models.Model):
    data = models.JSONField({keyword}={text!r})
'''

FIELD = "python.django.model-field"


@pytest.mark.parametrize(("keyword", "text", "expected"), [
    ("help_text", "User imported or uploaded data for a task.", [(6, "collect", ("user.content",), FIELD, True)]),
    ("help_text", "The text a customer submitted with the order", [(6, "collect", ("user.content",), FIELD, True)]),
    ("help_text", "What members wrote in the survey", [(6, "collect", ("user.content",), FIELD, True)]),
    # present forms are nouns as often (flaskbb's "Allows a user to hide posts and topics")
    ("help_text", "Files that users upload", []),
    ("help_text", "Allows a user to hide posts and topics", []),
    ("comment", "People posted these notes", [(6, "collect", ("user.content",), FIELD, True)]),
    # people named, but not as the ones who supply it; a supply verb without people
    ("help_text", "Prediction result computed for the user", []),
    ("help_text", "Data imported from the upstream catalogue", []),
    ("help_text", "User preferences that were never submitted anywhere", []),
    # not a documentation argument
    ("verbose_name", "User imported or uploaded data", []),
])
def test_documented_content_fields(keyword: str, text: str, expected: list[tuple[int, str, tuple[str, ...], str, bool]]) -> None:
    assert observed(MODEL.format(keyword=keyword, text=text)) == expected
