"""A project's own subclass of a framework class: what the packs know of the framework's object
is what the project's code using the subclass's instance gets (indico's `IndicoSQLAlchemy`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine_support import observed_tree

USER_MODEL = """\
    from app.core.db import db


    class User(db.Model):
        id = db.Column(db.Integer, primary_key=True)
        email = db.Column(db.String, nullable=False)
        last_name = db.Column(db.String)
    """


@pytest.mark.parametrize(
    ("extension", "found"),
    [
        # the framework's extension subclassed, the instance re-exported by the package
        ("from flask_sqlalchemy import SQLAlchemy\n\n\nclass AppSQLAlchemy(SQLAlchemy):\n"
         "    def enforce_constraints(self):\n        pass\n\n\ndb = AppSQLAlchemy(session_options={})\n",
         [("app/models.py", 6, "collect", ("user.contact.email",)), ("app/models.py", 7, "collect", ("user.name.last",))]),
        # the extension itself, as before
        ("from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n",
         [("app/models.py", 6, "collect", ("user.contact.email",)), ("app/models.py", 7, "collect", ("user.name.last",))]),
        # a subclass of a class no pack models: its instance is the project's own object
        ("from app.lib import Registry\n\n\nclass AppRegistry(Registry):\n    pass\n\n\ndb = AppRegistry()\n", []),
        # a class of its own, deriving from nothing modelled
        ("class Registry:\n    Model = object\n\n\ndb = Registry()\n", []),
    ],
    ids=["subclassed-extension", "extension", "subclass-of-unmodelled", "own-class"],
)
def test_an_instance_of_a_subclass_of_a_modelled_class_is_that_class_s_to_importers(
        tmp_path: Path, extension: str, found: list[tuple[str, int, str, tuple[str, ...]]]) -> None:
    observations = observed_tree(tmp_path, {
        "app/__init__.py": "", "app/lib.py": "class Registry:\n    pass\n",
        "app/core/__init__.py": "", "app/core/db/__init__.py": "from .base import db\n",
        "app/core/db/base.py": extension, "app/models.py": USER_MODEL,
    })
    assert observations == found
