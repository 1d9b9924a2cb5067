"""Shapes of a large Flask app (pgAdmin 4, read in the sixteenth session)."""

from __future__ import annotations

import pytest
from engine_support import observed

FIELD = "python.request.field"
FLASK = "import json\nfrom flask import Flask, request\napp = Flask(__name__)\n@app.post('/x')\ndef view():\n" \
        "    data = json.loads(request.data)\n"


def fields(body: str) -> list[tuple[int, tuple[str, ...]]]:
    return [(line, categories) for line, _, categories, rule, _ in observed(FLASK + body) if rule == FIELD]


@pytest.mark.parametrize(("body", "expected"), [
    # the nested key says what is read: a secret's region is none, its session token one
    ("    return data['secret']['region']\n", []),
    ("    return data['secret']['session_token']\n", [(7, ("user.authorization.credentials",))]),
    ("    return data.get('secret', {}).get('region')\n", []),
    ("    return data['user']['email']\n", [(7, ("user.contact.email",))]),
    ("    return data['a']['b']['email']\n", [(7, ("user.contact.email",))]),
    # a group that means what a person wrote is read by its own name (a message's parts are its text)
    ("    return data['message']['output']\n", [(7, ("user.content",))]),
    # a group tested for a key is not read
    ("    return 'session_token' in data['secret']\n", []),
    # the group read whole keeps its own name; a test of a value's characters reads the value
    ("    return store(data['secret'])\n", [(7, ("user.authorization.credentials",))]),
    ("    return '@' in data['email']\n", [(7, ("user.contact.email",))]),
])
def test_a_nested_key_of_a_body_says_what_is_read(body: str, expected: list[tuple[int, tuple[str, ...]]]) -> None:
    assert fields(body) == expected


MODELS = """
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
USER_ID = 'user.id'
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
class Server(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey(USER_ID), nullable=False)
    host = db.Column(db.String(128))
    username = db.Column(db.String(64), nullable=False)
    password = db.Column(db.LargeBinary())
    tunnel_prompt_password = db.Column(db.Integer(), nullable=False)
    comment = db.Column(db.String(1024))
class ProxyServer(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), nullable=False)
    password = db.Column(db.String(64))
"""


def test_a_thing_kept_for_a_person_holds_their_login_to_it() -> None:
    # Server.username and .password beside a foreign key to the user table (named by a module
    # constant); not its flag, host or comment; nothing of a server no person keeps
    seen = [(line, categories) for line, _, categories, _, _ in observed(MODELS)]
    assert seen == [(11, ("user.account.username",)), (12, ("user.authorization.credentials",))]


def test_a_flask_sqlalchemy_person_without_a_string_form_renders_its_primary_key(tmp_path) -> None:
    from engine_support import observed_tree
    seen = observed_tree(tmp_path, {
        "app/model.py": """
            from flask_sqlalchemy import SQLAlchemy
            db = SQLAlchemy()
            class User(db.Model):
                id = db.Column(db.Integer, primary_key=True)
            class Server(db.Model):
                id = db.Column(db.Integer, primary_key=True)
            class Admin(db.Model):
                id = db.Column(db.Integer, primary_key=True)
                def __repr__(self):
                    return "<admin>"
        """,
        "app/ldap.py": """
            import logging
            from app.model import User, Server
            def login(name):
                user = User.query.filter_by(username=name).first()
                logging.info("LDAP user {0} logged in.".format(user))
                server = Server.query.first()
                logging.info("server {0}".format(server))
        """,
    })
    assert [(path, line, kind, categories) for path, line, kind, categories in seen if kind == "log"] == [
        ("app/ldap.py", 6, "log", ("user.unique_id",))]
