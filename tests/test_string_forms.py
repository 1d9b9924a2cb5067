"""String forms by duck typing: an object of unknown class written whole to a log shows what the string
forms of the classes its name designates show (`orm_token` -> `APIToken`), over the file's classes and
the string forms its imports offer among their properties (`token.__str__`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from engine_support import observed, observed_tree

from scanner.classify import Classifier
from scanner.config import Config
from scanner.engine.analyzer import analyze
from scanner.engine.summaries import USE_PROPERTY
from scanner.packs import load_models
from scanner.runner import run

NAME = ("user.name",)
EMAIL = ("user.contact.email",)
LOG = "python.logging.personal-data"

MODELS = """\
    class APIToken:
        def __repr__(self):
            return f"<APIToken {self.prefix}... user={self.user.name}>"


    class Member:
        def __str__(self):
            return self.email


    class Group:
        def __repr__(self):
            return f"<Group {self.slug}>"


    class OAuthCode:
        def __repr__(self):
            return f"<OAuthCode {self.id}>"


    class ShareCode:
        def __repr__(self):
            return f"<ShareCode {self.owner.email}>"
    """

VIEWS = """\
    import logging

    from . import models

    log = logging.getLogger(__name__)


    def check(db, token, code, group):
        orm_token = models.APIToken.find(db, token)
        log.warning(f"{orm_token} has no user")
        log.info("code %s group %s", code, group)
        return orm_token
    """


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a name, a repr() of it, a %-format of it and `self.x` of unknown class: each shows its class's string form
        ("""\
            import logging
            log = logging.getLogger(__name__)

            class Member:
                def __str__(self):
                    return f"{self.email}"

            class Invitation:
                def send(self):
                    log.info("inviting %s", self.member)

            def join(db, name):
                member = db.find_member(name)
                log.info("joined: %s", member)
                log.info("joined: " + repr(member))
                log.info("joined: %r" % (member,))
            """, [(10, "log", EMAIL, LOG, False), (14, "log", EMAIL, LOG, False),
                  (15, "log", EMAIL, LOG, False), (16, "log", EMAIL, LOG, False)]),
        # a repr that shows an attribute's attribute by its owner's name (`self.user.name`), and one that
        # shows another object's string form (`repr(self.orm_member)`, of a class named alike but for the
        # one being defined): `self` written whole shows them
        ("""\
            import logging
            log = logging.getLogger(__name__)

            class APIToken:
                def __repr__(self):
                    return f"<APIToken {self.prefix}... user={self.user.name}>"

            class Member:
                def __str__(self):
                    return self.email

            class HubMember:
                def __repr__(self):
                    return repr(self.orm_member)

                def stop(self):
                    log.error("could not stop %s", self)

            def purge(db, orm_token):
                log.debug("purging %s", orm_token)
            """, [(17, "log", EMAIL, LOG, False), (20, "log", NAME, LOG, False)]),
        # near-misses: a class named alike that shows nothing personal vetoes the word; a name no class
        # is named for; a constructed instance (its class's own string form is what it shows); an attribute
        # the classifier reads; a method called on the object, not the object. A user object shows its
        # class's string form (the file's `User` shows an email), not the login sinks' rule supposes
        ("""\
            import logging
            log = logging.getLogger(__name__)

            class Member:
                def __str__(self):
                    return self.email

            class GuestMember:
                def __str__(self):
                    return "guest"

            class Token:
                def __str__(self):
                    return self.user.email

            class Session:
                pass

            class User:
                def __str__(self):
                    return self.email

            def show(member, item, db, token, user):
                log.info("member %s", member)
                log.info("item %s", item)
                log.info("session %s", Session())
                session = Session()
                log.info("session %s", session)
                log.info("token %s", token.id)
                log.info("user %s", user)
                log.info("token %s", token.hex())
            """, [(30, "log", EMAIL, LOG, False)]),
        # near-misses: a string built here, named for a class (`error_message`); another object's attribute
        # (`r.status`); a class of that word imported from a library, whose string form is unknown
        ("""\
            import logging
            from langchain_core.messages.chat import ChatMessage
            log = logging.getLogger(__name__)

            class AgentMessage:
                def __str__(self):
                    return self.content

            class UserStatus:
                def __repr__(self):
                    return self.email

            def answer(messages, r, e):
                error_message = f"Error searching online: {e}"
                log.warning(error_message)
                log.warning(f"Token introspection returned {r.status}")
                for message in messages:
                    log.error(f"Drop message with empty content: {message}")
                return ChatMessage
            """, []),
        # near-misses: a variable named for a value that is one string by nature (a name, an id) holds it, not an object of the value class named alike (SCIM's `Name`, whose
        # fields are a name's parts): canaille's `resource_name`, lnbits' `ext_id`. An object named for an address or a
        # comment (oscar's `shipping_address`, indico's `comment`) is one of its class's
        ("""\
            import logging
            log = logging.getLogger(__name__)

            class Name:
                def __str__(self):
                    return f"{self.given_name} {self.family_name}"

                @property
                def formatted(self):
                    return f"{self.given_name} {self.family_name}"

            class AccountId:
                def __str__(self):
                    return self.email

            class ShippingAddress:
                def __str__(self):
                    return f"{self.line1}, {self.postcode}"

            class Comment:
                def __str__(self):
                    return self.email

            def created(model, resource, ext_id, shipping_address, comment):
                resource_name = model.__name__.lower()
                log.info(f"created {resource_name} {resource}")
                log.info("extension %s", ext_id)
                log.info("shipped to %s", shipping_address)
                log.info("comment %s", comment)
                log.info("%s", resource_name.formatted)
            """, [(28, "log", ("user.contact.address",), LOG, False), (29, "log", EMAIL, LOG, False)]),
    ],
    ids=["names", "reprs", "near-misses", "near-misses-texts", "value-names"],
)
def test_an_object_of_unknown_class_shows_the_string_form_its_name_designates(
        source: str, expected: list[tuple[object, ...]]) -> None:
    assert observed(source) == expected


def test_a_module_offers_the_string_forms_of_class_words_whose_every_class_shows_personal_data() -> None:
    models, classifier = load_models(), Classifier.load()
    summary = analyze("app/models.py", textwrap.dedent(MODELS), models, classifier, module="app.models").summary
    # `code`: ShareCode shows an email, OAuthCode nothing personal; `group`: nothing personal
    assert summary.properties == {"app.models": {"token.__str__": frozenset(NAME), "member.__str__": frozenset(EMAIL)}}
    views = analyze("app/views.py", textwrap.dedent(VIEWS), models, classifier, external=summary, module="app.views")
    # `from . import models` names the package and its module `app.models`
    assert {u for u in views.uses if u.startswith(USE_PROPERTY)} == {USE_PROPERTY + "app", USE_PROPERTY + "app.models"}
    assert [(o.span.start_line, o.categories) for o in views.result.observations] == [(10, NAME)]
    again = analyze("app/views.py", textwrap.dedent(VIEWS), models, classifier,
                    external=summary.restricted(views.uses & summary.names()), module="app.views")
    assert again.result == views.result and again.uses == views.uses


def test_another_module_s_string_form_is_shown_where_that_module_is_imported(tmp_path: Path) -> None:
    found = observed_tree(tmp_path, {"app/__init__.py": "", "app/models.py": MODELS, "app/views.py": VIEWS,
                                     # the same lines in a module that does not import app.models
                                     "app/other.py": VIEWS.replace("from . import models", "from . import errors"),
                                     "app/errors.py": "class APIToken:\n    pass\n"})
    assert [f for f in found if f[2] == "log"] == [("app/views.py", 10, "log", NAME)]


def test_a_changed_string_form_invalidates_the_cached_results_of_its_importers(tmp_path: Path) -> None:
    files = {"app/__init__.py": "", "app/models.py": MODELS, "app/views.py": VIEWS}
    for relpath, text in files.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(textwrap.dedent(text), encoding="utf-8")

    def logged() -> list[tuple[str, int, tuple[str, ...]]]:
        warm = run(tmp_path, config=Config(), command="observe", jobs=1)
        cold = run(tmp_path, config=Config(), command="observe", jobs=2, cache=False)
        assert warm.observations == cold.observations
        return [(o.path, o.span.start_line, o.categories) for o in warm.observations if o.kind.value == "log"]

    assert logged() == [("app/views.py", 10, NAME)]
    # the token's repr stops showing its user's name: views.py is unchanged, what it uses changed
    (tmp_path / "app/models.py").write_text(textwrap.dedent(MODELS).replace(" user={self.user.name}", ""), encoding="utf-8")
    assert logged() == []
    (tmp_path / "app/models.py").write_text(textwrap.dedent(MODELS).replace("self.user.name", "self.user.email"),
                                            encoding="utf-8")
    assert logged() == [("app/views.py", 10, EMAIL)]


@pytest.mark.parametrize(
    ("repr_body", "expected"),
    [
        # a helper given `self` and the names of the attributes it shows (indico's `format_repr`)
        ("return format_repr(self, 'id', 'email', is_deleted=False)", [(9, "log", EMAIL + ("user.unique_id",), LOG, False)]),
        ("return format_repr(self, 'email', _text=self.full_name)", [(9, "log", EMAIL + NAME, LOG, False)]),
        # near-misses: names of nothing personal; another object given first; a name that is no identifier
        ("return format_repr(self, 'capacity', 'slug')", []),
        ("return format_repr(self.room, 'email')", []),
        ("return format_repr(self, 'e-mail address')", []),
    ],
    ids=["names", "names-and-text", "nothing-personal", "not-self", "not-a-name"],
)
def test_a_repr_built_by_a_helper_shows_the_attributes_it_names(repr_body: str, expected: list[tuple[object, ...]]) -> None:
    source = f"""\
        import logging
        log = logging.getLogger(__name__)

        class Owner:
            def __repr__(self):
                {repr_body}

        def transfer(event):
            log.info("transferred from %s", event.owner)
        """
    assert observed(source) == expected


PACKAGE_MODELS = """\
    class User:
        def __repr__(self):
            return format_repr(self, 'id', 'email')


    class AccountId:
        def __str__(self):
            return self.id
    """

PACKAGE_VIEWS = """\
    import logging

    from app.users import User
    from app.views import WPUser

    log = logging.getLogger(__name__)


    def confirm(identity, checking_id):
        user = User.find(identity)
        log.info("reset for %s", identity.user)
        log.info("payment %s", checking_id)
        return user
    """


def test_a_class_a_package_re_exports_shows_its_module_s_string_form(tmp_path: Path) -> None:
    # `from app.users import User` of app.users.models' class: that module's `user.__str__`, and only it
    # (its AccountId's is not `checking_id`'s); an imported view class named alike (`WPUser`) is no user
    found = observed_tree(tmp_path, {"app/__init__.py": "", "app/users/__init__.py": "from .models import User\n",
                                     "app/users/models.py": PACKAGE_MODELS, "app/views.py": "class WPUser:\n    pass\n",
                                     "app/handlers.py": PACKAGE_VIEWS})
    assert [f for f in found if f[2] == "log"] == [("app/handlers.py", 11, "log", EMAIL + ("user.unique_id",))]


DECLARED = '''
import logging

from django.conf import settings
from django.db import models

logger = logging.getLogger(__name__)


class FileAttachment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    caption = models.CharField(max_length=256)
    {other}

    def load_failed(self, error):
        logger.error("Unable to load %s: %s", self, error)

    def __str__(self):
        return self.{shown}
'''


@pytest.mark.parametrize(("shown", "other", "expected"), [
    # a field read as content only on a person's row (its name alone says nothing): its string form shows it
    ("caption", "", [(12, "collect", ("user.content",)), (16, "log", ("user.content",))]),
    # a field no collect was found at shows nothing
    ("slug", "slug = models.SlugField()", [(12, "collect", ("user.content",))]),
])
def test_a_string_form_shows_what_the_class_s_declared_field_was_read_to_hold(
        shown: str, other: str, expected: list[tuple[object, ...]]) -> None:
    seen = observed(DECLARED.format(shown=shown, other=other), "app/attachments.py")
    assert [(line, kind, categories) for line, kind, categories, *_ in seen] == expected
