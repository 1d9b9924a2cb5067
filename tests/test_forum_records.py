"""Records of a forum and a tracker that people write (django-machina's and kiwitcms's misses, the
twenty-second session): a topic's subject with no body beside it, a post's update reason, a poll
and its options, an attached file's comment, a bug report's summary."""

from __future__ import annotations

import pytest

from engine_support import observed
from scanner.classify import Classifier

MODELS = "from django.conf import settings\nfrom django.db import models\n"
FIELD = "python.django.model-field"
CONTENT = "user.content"


def test_a_topic_s_subject_is_its_poster_s_without_a_body_beside() -> None:
    source = MODELS + (
        "class Topic(models.Model):\n"
        "    poster = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
        "    subject = models.CharField(max_length=255)\n"
        "class LessonTopic(models.Model):\n"
        "    subject = models.CharField(max_length=255)\n"
        "class Course(models.Model):\n"
        "    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
        "    subject = models.CharField(max_length=255)\n"
    )
    # a topic tied to no one, and a record that is no post, keep their subject the service's
    assert observed(source) == [(5, "collect", (CONTENT,), FIELD, True)]


def test_a_comment_on_a_file_attached_to_a_post_is_the_poster_s() -> None:
    source = MODELS + (
        "class Post(models.Model):\n"
        "    poster = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
        "class Attachment(models.Model):\n"
        "    post = models.ForeignKey(Post, on_delete=models.CASCADE)\n"
        "    comment = models.CharField(max_length=255)\n"
        "class Release(models.Model):\n"
        "    comment = models.CharField(max_length=255)\n"
    )
    assert observed(source) == [(7, "collect", (CONTENT,), FIELD, True)]


@pytest.mark.parametrize(("name", "owner", "category"), [
    ("update_reason", "AbstractPost", CONTENT),
    ("edit_reason", "Comment", CONTENT),
    ("update_reason", "Deployment", None),
    ("question", "AbstractTopicPoll", CONTENT),
    ("poll_question", "TopicForm", CONTENT),
    ("text", "AbstractTopicPollOption", CONTENT),
    # `option` alone is a setting's, and so is an option of anything but a poll
    ("text", "SiteOption", None),
    ("text", "MenuOption", None),
    ("summary", "Bug", CONTENT),
    # the name a forum shows a poster by (a search index's, a search form's)
    ("poster_name", "PostIndex", "user.account.username"),
    ("search_poster_name", "SearchForm", "user.account.username"),
    ("poster", "Film", None),
])
def test_names_of_what_people_write(name: str, owner: str | None, category: str | None) -> None:
    match = Classifier.load().name(name, owner=owner)
    assert (match.category if match is not None else None) == category
