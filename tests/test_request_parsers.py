"""Flask-RESTful's and flask-restx's request parsers (lemur's misses, the eighteenth session): each
`add_argument` is a read of the request field it names, located at the declaration."""

from __future__ import annotations

from engine_support import observed

FIELD = "python.request.field"


def _reads(source: str) -> list[tuple[int, tuple[str, ...]]]:
    return [(line, categories) for line, kind, categories, rule, _ in observed(source)
            if kind == "collect" and rule == FIELD]


def test_each_declared_argument_is_read_where_declared() -> None:
    source = """\
        from flask_restful import Resource, reqparse

        class Login(Resource):
            def __init__(self):
                self.reqparse = reqparse.RequestParser()

            def post(self):
                self.reqparse.add_argument("username", type=str, required=True, location="json")
                self.reqparse.add_argument("password", type=str, required=True, location="json")
                self.reqparse.add_argument("remember", type=bool, location="json")
                args = self.reqparse.parse_args()
                return login(args["username"], args["password"])
    """
    assert _reads(source) == [(8, ("user.account.username",)), (9, ("user.authorization.credentials",))]


def test_flask_restx_and_a_local_parser_without_a_location() -> None:
    source = """\
        from flask_restx import reqparse

        def post():
            parser = reqparse.RequestParser()
            parser.add_argument("email")
            return parser.parse_args()
    """
    assert _reads(source) == [(5, ("user.contact.email",))]


def test_argparse_arguments_are_no_request_fields() -> None:
    source = """\
        import argparse

        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("--email")
            parser.add_argument("password")
            return parser.parse_args()
    """
    assert _reads(source) == []


def test_a_header_argument_is_read_as_a_header() -> None:
    source = """\
        from flask_restful import reqparse

        def get():
            parser = reqparse.RequestParser()
            parser.add_argument("User-Agent", location="headers")
            return parser.parse_args()
    """
    assert [(line, kind, categories) for line, kind, categories, _, _ in observed(source)] == \
        [(5, "collect", ("user.device",))]
