"""`matches_any`: a pack's `fnmatch` patterns matched without regexes where they use only `*`,
exactly as `fnmatch.fnmatchcase` matches them."""

from __future__ import annotations

import fnmatch
import itertools

import pytest

from scanner.packs import _star_match, matches_any

CASES = [
    ("django.db.models.CharField", "django.db.models.*Field", True),
    ("django.db.models.Field", "django.db.models.*Field", True),
    ("django.db.models.fields.CharField", "django.db.models.*Field", True),  # `*` crosses dots, as fnmatch's
    ("django.db.models.CharFieldX", "django.db.models.*Field", False),
    ("django.db.modelsField", "django.db.models.*Field", False),
    ("app.UserSchema", "*schema*", False),  # case-sensitive
    ("app.user_schema_in", "*schema*", True),
    ("sqlalchemy.Column", "sqlalchemy.Column", True),
    ("sqlalchemy.Columns", "sqlalchemy.Column", False),
    ("marshmallow.fields.Str", "marshmallow.fields.*", True),
    ("marshmallow.fields", "marshmallow.fields.*", False),
    ("aba", "a*a", True),
    ("a", "a*a", False),  # the two ends may not overlap
    ("", "*", True),
    ("ab", "a**b", True),
    ("a\nb", "a*b", True),  # fnmatch's `*` matches a newline too
    ("axbyc", "a*b*c", True),
    ("axcyb", "a*b*c", False),
]


@pytest.mark.parametrize(("name", "pattern", "expected"), CASES)
def test_a_star_pattern_matches_as_fnmatch_does(name: str, pattern: str, expected: bool) -> None:
    assert fnmatch.fnmatchcase(name, pattern) is expected
    assert _star_match(name, pattern) is expected


def test_every_short_star_pattern_agrees_with_fnmatch() -> None:
    words = ["".join(w) for n in range(5) for w in itertools.product("ab.", repeat=n)]
    patterns = ["".join(p) for n in range(5) for p in itertools.product("ab*", repeat=n)]
    disagree = [(w, p) for w in words for p in patterns if _star_match(w, p) != fnmatch.fnmatchcase(w, p)]
    assert disagree == []


@pytest.mark.parametrize(("name", "patterns", "expected"), [
    ("wtforms.fields.StringField", ("peewee.*Field", "wtforms.fields.*Field"), True),
    ("app.forms.x1", ("app.forms.x?",), True),  # `?` and classes go to fnmatch
    ("app.forms.x12", ("app.forms.x?",), False),
    ("app.forms.b", ("app.forms.[ab]",), True),
    ("app.forms.c", ("app.forms.[ab]", "app.*.d"), False),
    ("anything", (), False),
])
def test_matches_any_is_true_when_one_pattern_matches(name: str, patterns: tuple[str, ...], expected: bool) -> None:
    assert matches_any(name, patterns) is expected
