"""A question that says whether an answer is required (`required`, `question_required`, `mandatory`) is
the definition of a form's, a survey's or an annotation task's question: its title, text and description
are its organiser's, not a person's post (argilla-server's, ephios' and pretalx's `Question`, the
twentieth session). A question a person posts (a Q&A forum's) says no such thing and stays content."""

from __future__ import annotations

import pytest
from engine_support import observed

SQLALCHEMY = ("import sqlalchemy as sa\nfrom sqlalchemy import ForeignKey\n"
              "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n"
              "class Base(DeclarativeBase):\n    pass\n")
COLUMN = "python.sqlalchemy.column"
CONTENT = ("user.content",)


@pytest.mark.parametrize(("cls", "expected"), [
    # a question with a required flag, under any of its names: the organiser's
    ("class Question(Base):\n    __tablename__ = 'q'\n    title: Mapped[str] = mapped_column(sa.Text)\n"
     "    description: Mapped[str] = mapped_column(sa.Text)\n    required: Mapped[bool] = mapped_column(default=False)\n", []),
    ("class Question(Base):\n    __tablename__ = 'q'\n    question_required: Mapped[str] = mapped_column(sa.Text)\n"
     "    title: Mapped[str] = mapped_column(sa.Text)\n", []),
    ("class SurveyQuestion(Base):\n    __tablename__ = 'q'\n    text: Mapped[str] = mapped_column(sa.Text)\n"
     "    is_mandatory: Mapped[bool] = mapped_column(default=False)\n", []),
    # no required flag: a question a person asks
    ("class Question(Base):\n    __tablename__ = 'q'\n    title: Mapped[str] = mapped_column(sa.Text)\n"
     "    author_id: Mapped[int] = mapped_column(ForeignKey('users.id'))\n",
     [(8, "collect", CONTENT, COLUMN, True)]),
    # a required flag on a row that is no question: its content stays
    ("class Message(Base):\n    __tablename__ = 'm'\n    content: Mapped[str] = mapped_column(sa.Text)\n"
     "    required: Mapped[bool] = mapped_column(default=False)\n",
     [(8, "collect", CONTENT, COLUMN, True)]),
])
def test_a_question_that_requires_an_answer_is_its_organisers(cls: str, expected: list[object]) -> None:
    assert observed(SQLALCHEMY + cls) == expected


FORM = "from django import forms\nfrom app.models import Question\n"


@pytest.mark.parametrize(("fields", "expected"), [
    ('["question_text", "description", "required"]', []),
    ('["question_text", "description", "question_required"]', []),
    ('["question_text", "description"]', [(6, "collect", CONTENT, "python.django.form-field", False)]),
])
def test_a_model_form_taking_the_required_flag_takes_the_organisers_texts(fields: str, expected: list[object]) -> None:
    source = FORM + f"class QuestionForm(forms.ModelForm):\n    class Meta:\n        model = Question\n        fields = {fields}\n"
    assert observed(source) == expected

