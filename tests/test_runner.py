"""The runner's order of analysis: imports read from the text, each file after the files it imports,
analysed once with what they offer, and rounds only for what the order could not see. Whatever the
order and the number of workers, the results are those of the rounds."""

from __future__ import annotations

import dataclasses
import pickle
import textwrap
from pathlib import Path
from typing import Any

import pytest
from engine_support import record_rounds

from scanner import import_order as import_order_module
from scanner import settle
from scanner.cache import CACHE_DIR_NAME, CACHE_FILE
from scanner.classify import Classifier
from scanner.config import Config
from scanner.engine.analyzer import analyze
from scanner.engine.imports import SourceRoots
from scanner.engine.summaries import Analyzed, FunctionSummary, ModuleSummary
from scanner.engine.values import Value
from scanner.import_order import ReexportGuesser, import_order
from scanner.packs import load_models
from scanner.runner import run
from scanner.settle import wanted_entries


def write(root: Path, files: dict[str, str]) -> list[str]:
    for relpath, text in files.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(textwrap.dedent(text), encoding="utf-8")
    return sorted(files)


PACKAGE = {"app/__init__.py": "", "app/utils.py": "", "app/models.py": "", "app/sub/__init__.py": "",
           "app/sub/forms.py": ""}


@pytest.mark.parametrize(
    ("path", "text", "imports"),
    [
        ("app/views.py", "from app.utils import helper\n", ("app/utils.py",)),
        ("app/views.py", "import app.utils as u\nimport app\n", ("app/__init__.py", "app/utils.py")),
        ("app/views.py", "import os, app.models\n", ("app/models.py",)),
        # a name of a package that is a module of its own, and one that is not
        ("app/views.py", "from app import models, settings\n", ("app/__init__.py", "app/models.py")),
        ("app/views.py", "from . import models\nfrom .utils import helper\n", ("app/__init__.py", "app/models.py", "app/utils.py")),
        # relative to a package's own __init__, and two levels up
        ("app/sub/__init__.py", "from .forms import Form\n", ("app/sub/forms.py",)),
        ("app/sub/views.py", "from ..utils import helper\n", ("app/utils.py",)),
        # inside a function, and in parentheses over several lines
        ("app/views.py", "def view():\n    from app.utils import helper\n", ("app/utils.py",)),
        ("app/views.py", "from app.sub.forms import (\n    Form,\n    Other,\n)\n", ("app/sub/forms.py",)),
        # a module among names in parentheses over several lines, past a comment
        ("app/views.py", "from app import (\n    helper,  # the first\n    models,\n)\n", ("app/__init__.py", "app/models.py")),
        # star imports: relative and absolute, of a module and of a package
        ("app/sub/views.py", "from ..utils import *\nfrom .forms import *\n", ("app/sub/forms.py", "app/utils.py")),
        ("app/views.py", "from app.sub import *  # noqa\n", ("app/sub/__init__.py",)),
        # libraries, itself, text that only looks like an import
        ("app/views.py", "from django.db import models\nimport requests\n", ()),
        ("app/utils.py", "from app.utils import helper\n", ()),
        ("app/views.py", "x = 'import app.utils'\nimports = 1\n", ()),
    ],
)
def test_imports_are_read_from_the_text(tmp_path: Path, path: str, text: str, imports: tuple[str, ...]) -> None:
    files = write(tmp_path, {**PACKAGE, path: text})
    _, deps = import_order(tmp_path, files)
    assert deps[path] == imports


def test_one_statement_in_several_files_is_read_for_each(tmp_path: Path) -> None:
    # statements are read once and remembered: a relative one by the package it is written in, and
    # a file never imports itself, whoever wrote the statement first
    statement = "from .forms import Form\nfrom app.utils import helper\nimport app.sub.forms\n"
    files = write(tmp_path, {**PACKAGE, "app/forms.py": "", "app/views.py": statement, "app/sub/views.py": statement,
                             "app/sub/forms.py": statement, "app/utils.py": statement})
    _, deps = import_order(tmp_path, files)
    assert deps["app/views.py"] == ("app/forms.py", "app/sub/forms.py", "app/utils.py")
    assert deps["app/sub/views.py"] == ("app/sub/forms.py", "app/utils.py")
    assert deps["app/sub/forms.py"] == ("app/utils.py",)
    assert deps["app/utils.py"] == ("app/forms.py", "app/sub/forms.py")


def test_each_file_comes_after_what_it_imports(tmp_path: Path) -> None:
    files = write(tmp_path, {
        "a.py": "import c\n",
        "b.py": "",
        "c.py": "import d\nimport b\n",
        "d.py": "",
        # a cycle at module level: the first met comes after the other
        "x.py": "import y\n",
        "y.py": "import x\n",
        # a cycle broken by an import in a function: the module-level import decides
        "m.py": "def f():\n    import n\n",
        "n.py": "import m\n",
    })
    order, deps = import_order(tmp_path, files)
    assert order == ["b.py", "d.py", "c.py", "a.py", "m.py", "n.py", "y.py", "x.py"]
    assert deps == {"a.py": ("c.py",), "b.py": (), "c.py": ("b.py", "d.py"), "d.py": (), "m.py": ("n.py",),
                    "n.py": ("m.py",), "x.py": ("y.py",), "y.py": ("x.py",)}


CHAIN = {
    "app/__init__.py": "",
    # written so that their names sort against the import order
    "app/a_views.py": """
        import logging

        from app.b_helpers import ip

        log = logging.getLogger(__name__)


        def view():
            log.info("from %s", ip())
    """,
    "app/b_helpers.py": """
        from app.c_low import client_ip


        def ip():
            return client_ip()
    """,
    "app/c_low.py": """
        from flask import request


        def client_ip():
            return request.remote_addr
    """,
}

CYCLE = {
    "app/__init__.py": "",
    "app/a.py": """
        import logging

        from flask import request

        log = logging.getLogger(__name__)


        def client_ip():
            return request.remote_addr


        def view():
            from app.b import ip
            log.info("from %s", ip())
    """,
    "app/b.py": """
        from app.a import client_ip


        def ip():
            return client_ip()
    """,
}

PADDING = {f"app/pad{n:02}.py": "x = 1\n" for n in range(40)}


def logs_and_rounds(root: Path, monkeypatch: pytest.MonkeyPatch,
                    jobs: int) -> tuple[list[tuple[str, int, tuple[str, ...]]], list[list[str]]]:
    """The log observations of an observe run of `root` (path, line, categories), and the files each
    round of the run analysed again."""
    analysed_again = record_rounds(monkeypatch)
    result = run(root, config=Config(), command="observe", jobs=jobs, cache=False)
    logs = [(o.path, o.span.start_line, o.categories) for o in result.observations if o.kind.value == "log"]
    return logs, analysed_again


@pytest.mark.parametrize(
    ("files", "jobs", "rounds"),
    [
        (CHAIN, 1, []),
        # a worker offers each file the summaries of the files before it in its batch
        ({**CHAIN, **PADDING}, 2, []),
        # an import cycle: a.py imports b.py only in a function, so b.py, which imports a.py at
        # module level, comes after it; a.py sees b.py's helper in a round
        (CYCLE, 1, [["app/a.py"]]),
        ({**CYCLE, **PADDING}, 2, [["app/a.py"]]),
    ],
)
def test_summaries_are_settled_in_import_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                files: dict[str, str], jobs: int, rounds: list[list[str]]) -> None:
    write(tmp_path, files)
    logs, analysed_again = logs_and_rounds(tmp_path, monkeypatch, jobs)
    view = "app/a_views.py" if "app/a_views.py" in files else "app/a.py"
    assert logs == [(view, 10 if view == "app/a_views.py" else 15, ("user.device.ip_address",))]
    assert analysed_again == rounds


# A package that imports its submodules for what they do when imported (registering themselves),
# while they import names from it (django.core.checks): a cycle at module level.
REGISTRY = {
    "app/__init__.py": "",
    "app/checks/__init__.py": """
        from app.checks.ip import client_ip

        import app.checks.a_views  # registers its checks
    """,
    "app/checks/ip.py": """
        from flask import request


        def client_ip():
            return request.remote_addr
    """,
    "app/checks/a_views.py": """
        import logging

        from app.checks import client_ip

        log = logging.getLogger(__name__)


        def view():
            log.info("from %s", client_ip())
    """,
}


def test_a_package_comes_before_the_submodules_it_imports_for_their_side_effects(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = write(tmp_path, REGISTRY)
    order, deps = import_order(tmp_path, files)
    # the edge is kept (the package imports it), but inside the cycle the package is first
    assert deps["app/checks/__init__.py"] == ("app/checks/a_views.py", "app/checks/ip.py")
    assert order.index("app/checks/__init__.py") < order.index("app/checks/a_views.py")
    logs, analysed_again = logs_and_rounds(tmp_path, monkeypatch, 1)
    assert logs == [("app/checks/a_views.py", 10, ("user.device.ip_address",))]
    assert analysed_again == []  # the views found the package's re-export settled


# A package's __init__ re-exports a helper and a class of its own modules.
INDEX = ModuleSummary(
    functions={"app.lib.params.get_email": FunctionSummary(returns=Value(categories=frozenset({"user.contact.email"})))},
    families={"app.lib.forms.SignupForm": "django_forms"},
    variables={"app.get_email": "app.lib.params.get_email", "app.SignupForm": "app.lib.forms.SignupForm",
               "app.TestCase": "app.lib.testing.TestCase", "app.logger": "app.lib.log.logger",
               "app.db": "flask_sqlalchemy.SQLAlchemy()", "app.Field": "django.db.models.CharField"},
)


@pytest.mark.parametrize(
    ("uses", "wanted"),
    [
        # the original has an entry where the file looked under the alias: it is given at once
        ({"v:app.get_email", "f:app.get_email"}, {"v:app.get_email", "f:app.lib.params.get_email"}),
        ({"v:app.SignupForm", "b:app.SignupForm"}, {"v:app.SignupForm", "b:app.lib.forms.SignupForm"}),
        # the original's entry under another use (a base, not a call) would not be looked up
        ({"v:app.SignupForm", "f:app.SignupForm"}, {"v:app.SignupForm"}),
        # nothing under the original: the re-export alone (the file looked through it)
        ({"v:app.TestCase", "f:app.TestCase.setUpClass", "b:app.TestCase"}, {"v:app.TestCase"}),
        ({"v:app.TestCase", "f:app.lib.testing.TestCase.setUpClass"}, {"v:app.TestCase"}),
        # an import of a logger by its name, a name a model knows (Django's fields), a binding to an object
        ({"v:app.logger"}, {"v:app.logger"}),
        ({"v:app.Field"}, {"v:app.Field"}),
        ({"v:app.db"}, {"v:app.db"}),
        # names the index does not have
        ({"f:app.views.helper", "v:flask.request"}, set()),
    ],
)
def test_a_reexport_is_given_with_the_entries_of_its_original_the_file_would_ask_for(
        uses: set[str], wanted: set[str]) -> None:
    assert wanted_entries(frozenset(uses), INDEX, INDEX.names()) == wanted


EMAIL = FunctionSummary(returns=Value(categories=frozenset({"user.contact.email"})))


def test_the_uses_an_index_names_are_found_without_making_every_name() -> None:
    index = ModuleSummary.merge([INDEX, ModuleSummary(
        functions={"app.views.log_it": FunctionSummary(log_params={0: "python.logging.personal-data"}),
                   "app.views.plain": FunctionSummary(param_names=("x",))},
        rendered={"app.models.User": frozenset({"user.name"})}, request_attributes=frozenset({"app.all_data"}),
        responses=frozenset({"app.schemas.Token"}), received=frozenset({"app.schemas.Body"}),
        named=frozenset({"app.schemas.Body"}))])
    uses = frozenset({
        "f:app.lib.params.get_email", "p:app.lib.params.get_email", "p:app.views.log_it", "f:app.views.log_it",
        "f:app.views.plain", "p:app.views.plain", "r:app.models.User", "b:app.lib.forms.SignupForm",
        "b:app.lib.forms.Other", "v:app.get_email", "v:app.nothing", "q:app.all_data", "o:app.schemas.Token",
        "i:app.schemas.Body", "n:app.schemas.Body", "n:app.schemas.Token", "x:app.get_email", "flask.request",
    })
    assert index.named_by(uses) == uses & index.names() == {
        "f:app.lib.params.get_email", "p:app.views.log_it", "r:app.models.User", "b:app.lib.forms.SignupForm",
        "v:app.get_email", "q:app.all_data", "o:app.schemas.Token", "i:app.schemas.Body", "n:app.schemas.Body"}



def test_a_package_offers_the_entries_its_reexports_rename_and_only_those() -> None:
    package = ModuleSummary(variables={"app.lib.get_email": "app.lib.params.get_email",
                                       "app.lib.Form": "app.lib.forms.Form", "app.lib.db": "flask_sqlalchemy.SQLAlchemy()"})
    params = ModuleSummary(functions={"app.lib.params.get_email": EMAIL, "app.lib.params.get_email_twice": EMAIL})
    forms = ModuleSummary(families={"app.lib.forms.Form": "django_forms"},
                          functions={"app.lib.forms.Form.clean": EMAIL, "app.lib.forms.Formatter": EMAIL})
    offered = package.offered([("app.lib.params", params), ("app.lib.forms", forms)])
    # the originals and their members; not a name that only begins like one (`get_email_twice`, `Formatter`)
    assert offered == ModuleSummary(
        functions={"app.lib.params.get_email": EMAIL, "app.lib.forms.Form.clean": EMAIL},
        families={"app.lib.forms.Form": "django_forms"}, variables=package.variables)


# A base class other modules derive from, which a later module receives data into and names as a
# response model: those two facts are for the class's own module, not for its subclasses' modules.
BASE_CLASS = ModuleSummary(families={"app.base.Base": "pydantic"}, received=frozenset({"app.base.Base"}),
                           responses=frozenset({"app.base.Base"}))


@pytest.mark.parametrize(
    ("uses", "expected"),
    [
        # a subclass's module asks only whether it is a schema: a `received` entry that another
        # module adds later would analyse it again for nothing (litellm's LiteLLMBaseModel)
        ({"b:app.base.Base"}, ModuleSummary(families={"app.base.Base": "pydantic"})),
        # the class's own module asks whether some module receives data into it, or responds with it
        ({"b:app.base.Base", "i:app.base.Base"},
         ModuleSummary(families={"app.base.Base": "pydantic"}, received=frozenset({"app.base.Base"}))),
        # (the other kinds of entries go by the name used, whatever its tag)
        ({"o:app.base.Base"}, ModuleSummary(families={"app.base.Base": "pydantic"},
                                            responses=frozenset({"app.base.Base"}))),
        ({"i:app.base.Base", "o:app.base.Base"}, BASE_CLASS),
    ],
)
def test_received_and_response_entries_are_given_only_to_a_file_that_asks_for_them(
        uses: set[str], expected: ModuleSummary) -> None:
    assert BASE_CLASS.restricted(wanted_entries(frozenset(uses), BASE_CLASS, BASE_CLASS.names())) == expected


def test_a_chain_of_reexports_is_followed_and_a_module_without_one_offers_itself() -> None:
    top = ModuleSummary(variables={"app.get_email": "app.lib.get_email"})
    package = ModuleSummary(variables={"app.lib.get_email": "app.lib.params.get_email"},
                            functions={"app.lib.params.get_email": EMAIL})
    assert top.offered([("app.lib", package)]) == ModuleSummary(variables={**top.variables, **package.variables},
                                                   functions={"app.lib.params.get_email": EMAIL})
    assert package.offered([("app", top)]) is package  # its original is not among what it imports: itself
    plain = ModuleSummary(functions={"app.views.helper": EMAIL})
    assert plain.offered([("app.lib", package)]) is plain


REEXPORTS = {
    "app/__init__.py": "",
    "app/lib/__init__.py": """\
        from app.lib.params import get_email
        from app.lib.testing import TestCase
        """,
    "app/lib/params.py": """\
        def get_email(request):
            return request.POST["email"]
        """,
    "app/lib/testing.py": """\
        class TestCase:
            def setUp(self):
                self.client = None
        """,
    "app/views.py": """\
        import logging

        from app.lib import get_email

        log = logging.getLogger(__name__)


        def view(request):
            log.info("signup %s", get_email(request))
        """,
    "app/tests.py": """\
        from app.lib import TestCase


        class ViewTests(TestCase):
            def test_view(self):
                self.setUp()
        """,
}


def counted_analyses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The list each analysis of a file appends its path to, from now on (in this process: jobs=1)."""
    analyses: list[str] = []
    original = settle.analyze_path

    def counting(root: Path, relpath: str, *args: Any, **kwargs: Any) -> Analyzed:
        analyses.append(relpath)
        return original(root, relpath, *args, **kwargs)

    monkeypatch.setattr(settle, "analyze_path", counting)
    return analyses


def test_a_reexport_costs_no_analysis_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, REEXPORTS)
    analyses = counted_analyses(monkeypatch)
    result = run(tmp_path, config=Config(), command="observe", jobs=1, cache=False)
    logs = [(o.path, o.span.start_line, o.categories) for o in result.observations if o.kind.value == "log"]
    assert logs == [("app/views.py", 9, ("user.contact.email",))]
    # each file once: app/lib/__init__.py offers views.py the helper's summary under its own name
    # (app.lib.params.get_email) with the re-export, so no round analyses views.py again; tests.py's
    # TestCase, of which nothing is known, costs no second analysis either
    assert sorted(analyses) == ["app/__init__.py", "app/lib/__init__.py", "app/lib/params.py",
                                "app/lib/testing.py", "app/tests.py", "app/views.py"]


PASSTHROUGH = FunctionSummary(return_params=frozenset({0}))


@pytest.mark.parametrize(
    "offered",
    [
        [("a/x.py", ModuleSummary(functions={"a.x.f": EMAIL})), ("a/y.py", ModuleSummary(functions={"a.y.g": PASSTHROUGH}))],
        # a module and a package of one name: the merge keeps the later entry of `a.b.f`
        [("a/b.py", ModuleSummary(functions={"a.b.f": EMAIL})), ("a/b/__init__.py", ModuleSummary(functions={"a.b.f": PASSTHROUGH}))],
        # a class `b` of package `a` with a method `f`, and a submodule `a.b` with a function `f`
        [("a/__init__.py", ModuleSummary(functions={"a.b.f": EMAIL})), ("a/b.py", ModuleSummary(functions={"a.b.f": PASSTHROUGH}))],
        [("a/__init__.py", ModuleSummary(variables={"a.db": "flask_sqlalchemy.SQLAlchemy()"})),
         ("a/b.py", ModuleSummary(functions={"a.b.f": PASSTHROUGH})), ("a/c.py", ModuleSummary())],
    ],
)
def test_the_names_offered_are_those_of_the_merged_summaries(offered: list[tuple[str, ModuleSummary]]) -> None:
    names = settle._Names(SourceRoots())
    expected = ModuleSummary.merge(summary for _, summary in offered).names()
    assert names.of(offered) == expected
    assert names.of(offered) == expected  # again, from what it remembers of each summary


def test_every_entry_of_a_module_summary_is_named(tmp_path: Path) -> None:
    # _settle gives a file the summaries its imports offer as they are, as what they name
    write(tmp_path, {**CHAIN, "app/d.py": "import logging\n\n\ndef quiet(x):\n    return 1\n\n\n"
                                             "def loud(x):\n    logging.info(x)\n"})
    models, classifier = load_models(), Classifier.load()
    for relpath in sorted(CHAIN) + ["app/d.py"]:
        summary = analyze(relpath, (tmp_path / relpath).read_text(), models, classifier).summary
        assert summary.restricted(summary.names()) == summary
    quiet = analyze("app/d.py", (tmp_path / "app/d.py").read_text(), models, classifier).summary
    assert "app.d.quiet" not in quiet.functions  # says nothing a caller could use



DIGESTED = ModuleSummary(
    functions={"app.lib.get_email": EMAIL, "app.lib.echo": PASSTHROUGH},
    rendered={"app.models.User": frozenset({"user.contact.email", "user.name"})},
    families={"app.forms.Signup": "django_forms"},
    variables={"app.db": "flask_sqlalchemy.SQLAlchemy()"},
    request_attributes=frozenset({"all_data"}),
    named=frozenset({"app.schemas.Login"}),
)


@pytest.mark.parametrize(
    "changed",
    [
        # what an entry says, for each kind of entry
        {"functions": {"app.lib.get_email": FunctionSummary(returns=Value(categories=frozenset({"user.name"}))),
                       "app.lib.echo": PASSTHROUGH}},
        {"functions": {"app.lib.get_email": EMAIL, "app.lib.echo": FunctionSummary(return_params=frozenset({1}))}},
        {"rendered": {"app.models.User": frozenset({"user.contact.email"})}},
        {"families": {"app.forms.Signup": "wtforms"}},
        {"variables": {"app.db": "flask_sqlalchemy.SQLAlchemy(app)"}},
        # which entries there are
        {"functions": {"app.lib.get_email": EMAIL}},
        {"request_attributes": frozenset({"all_data", "json_data"})},
        {"named": frozenset()},
        {"settings": frozenset({"python.share.sentry-default-pii"})},
        # one name under another kind
        {"variables": {}, "families": {"app.forms.Signup": "django_forms", "app.db": "django_forms"}},
    ],
)
def test_a_digest_changes_with_what_any_entry_says(changed: dict[str, Any]) -> None:
    other = dataclasses.replace(DIGESTED, **changed)
    assert other.digest() != DIGESTED.digest()
    # an equal summary made anew (its digest not remembered) digests alike, whatever the order of its entries
    same = ModuleSummary(**{f.name: (dict(reversed(list(v.items()))) if isinstance(v, dict) else v)
                            for f in dataclasses.fields(other) for v in [getattr(other, f.name)]})
    assert same is not other and same.digest() == other.digest()


def test_a_function_that_says_nothing_leaves_the_digest_as_it_was() -> None:
    # not an entry a caller could use (not named): no analysis is keyed by it
    quiet = dataclasses.replace(DIGESTED, functions={**DIGESTED.functions, "app.lib.quiet": FunctionSummary()})
    assert quiet.digest() == DIGESTED.digest()
    assert ModuleSummary().digest() == ModuleSummary.merge([]).digest()


@pytest.mark.parametrize(
    ("new", "changed"),
    [
        (DIGESTED, set()),
        # the same entries, in a summary merged anew: unchanged
        (ModuleSummary.merge([DIGESTED, ModuleSummary()]), set()),
        # an entry given another object (a file analysed again), even an equal one
        (dataclasses.replace(DIGESTED, functions={**DIGESTED.functions, "app.lib.echo": FunctionSummary(
            return_params=frozenset({0}))}), {"app.lib.echo"}),
        (dataclasses.replace(DIGESTED, families={}), {"app.forms.Signup"}),
        (dataclasses.replace(DIGESTED, variables={**DIGESTED.variables, "app.cache": "redis.Redis()"}), {"app.cache"}),
        (dataclasses.replace(DIGESTED, named=frozenset({"app.schemas.Signup"})), {"app.schemas.Login", "app.schemas.Signup"}),
        (dataclasses.replace(DIGESTED, settings=frozenset({"python.share.sentry-default-pii"})),
         {"python.share.sentry-default-pii"}),
    ],
)
def test_the_entries_changed_between_two_rounds_are_found_by_identity(new: ModuleSummary, changed: set[str]) -> None:
    assert new.changed_since(DIGESTED) == changed


GUESSED = {
    "app/__init__.py": "from app.views import view\nfrom app.lib import get_email\n",
    "app/lib.py": "def get_email(request):\n    return request.POST['email']\n",
    "app/other.py": "def get_email(request):\n    return request.args['phone']\n",
    "app/views.py": """\
        import logging

        log = logging.getLogger(__name__)


        def view(request):
            from app import get_email

            log.info("signup %s", get_email(request))
        """,
}
# the package binds `get_email` again in a block, which the guess does not read: the guess is wrong
WRONG = "from app.views import view\nfrom app.lib import get_email\n\ntry:\n    from app.other import get_email\n" \
        "except ImportError:\n    pass\n"


@pytest.mark.parametrize(
    ("package", "analyses"),
    [
        # views.py imports the package in a function, and the package imports views.py: views.py comes
        # first, given the package's re-export as guessed (and get_email's summary): no round
        (GUESSED["app/__init__.py"], ["app/__init__.py", "app/lib.py", "app/other.py", "app/views.py"]),
        # a wrong guess costs rounds, never a result
        (WRONG, ["app/__init__.py", "app/lib.py", "app/other.py", "app/views.py", "app/views.py", "app/views.py"]),
    ],
)
def test_a_later_module_s_reexports_are_guessed_and_the_rounds_confirm_the_guess(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, package: str, analyses: list[str]) -> None:
    write(tmp_path, {**GUESSED, "app/__init__.py": package})
    done = counted_analyses(monkeypatch)

    def logs() -> list[tuple[str, int, tuple[str, ...]]]:
        result = run(tmp_path, config=Config(), command="observe", jobs=1, cache=False)
        return [(o.path, o.span.start_line, o.categories) for o in result.observations if o.kind.value == "log"]

    guessed = logs()
    assert sorted(done) == analyses
    monkeypatch.setattr(settle._Guesses, "of", lambda self, relpath: settle.EMPTY)
    assert guessed == logs() == [("app/views.py", 9, ("user.contact.email",) if package != WRONG
                                  else ("user.contact.phone_number",))]


ASSIGNED = {
    "app/__init__.py": "from app.views import view\nfrom app.ext import session\n",
    "app/views.py": """\
        def view(request):
            from app import session

            session.post("https://api.stripe.com/v1/customers", json={"email": request.POST["email"]})
        """,
}


@pytest.mark.parametrize(
    ("ext", "analyses", "shares"),
    [
        # the package re-exports a name app/ext.py assigns an object nobody tracks: guessed
        # `app.session` -> `app.ext.session` (what the package's summary says), so no round
        ("session = make_session()\n", ["app/__init__.py", "app/ext.py", "app/views.py"], []),
        # an object the packs track: the package offers that object instead, views.py is analysed again
        ("import requests\n\nsession = requests.Session()\n",
         ["app/__init__.py", "app/ext.py", "app/views.py", "app/views.py"], [("app/views.py", 4)]),
    ],
)
def test_a_later_module_s_reexport_of_an_assigned_name_is_guessed_and_the_rounds_confirm_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ext: str, analyses: list[str],
        shares: list[tuple[str, int]]) -> None:
    write(tmp_path, {**ASSIGNED, "app/ext.py": ext})
    done = counted_analyses(monkeypatch)

    def observed() -> list[tuple[str, int, str, tuple[str, ...]]]:
        result = run(tmp_path, config=Config(), command="observe", jobs=1, cache=False)
        return [(o.path, o.span.start_line, o.kind.value, o.categories) for o in result.observations]

    guessed = observed()
    assert sorted(done) == analyses
    assert [(path, line) for path, line, kind, _ in guessed if kind == "share"] == shares
    monkeypatch.setattr(settle._Guesses, "of", lambda self, relpath: settle.EMPTY)
    assert observed() == guessed


def test_a_guess_of_an_assigned_name_kept_in_the_cache_holds_while_the_assigning_module_is_unchanged(
        tmp_path: Path) -> None:
    write(tmp_path, {**ASSIGNED, "app/ext.py": "session = make_session()\n"})

    def shares(cache: bool) -> list[tuple[str, int]]:
        result = run(tmp_path, config=Config(), command="observe", jobs=1, cache=cache)
        return [(o.path, o.span.start_line) for o in result.observations if o.kind.value == "share"]

    assert shares(True) == shares(True) == shares(False) == []  # cold, warm
    assert stored_guesses(tmp_path) == {"app/views.py": {"app.view": "app.views.view", "app.session": "app.ext.session"}}
    # app/ext.py now assigns a tracked object: the package and views.py are unchanged, the guess is made again
    (tmp_path / "app/ext.py").write_text("import requests\n\nsession = requests.Session()\n")
    assert shares(True) == shares(False) == [("app/views.py", 4)]
    # it now imports the name from a library: the guess, read again, follows the import (no re-export)
    (tmp_path / "app/ext.py").write_text("from requests import session\n")
    assert stored_guesses(tmp_path) == {"app/views.py": {"app.view": "app.views.view", "app.session": "app.ext.session"}}
    assert shares(True) == shares(False)
    assert stored_guesses(tmp_path) == {"app/views.py": {"app.view": "app.views.view"}}


def test_a_guess_taken_from_the_cache_is_that_of_the_package_as_it_is_now(tmp_path: Path) -> None:
    write(tmp_path, GUESSED)

    def logs(cache: bool) -> list[tuple[str, int, tuple[str, ...]]]:
        result = run(tmp_path, config=Config(), command="observe", jobs=1, cache=cache)
        return [(o.path, o.span.start_line, o.categories) for o in result.observations if o.kind.value == "log"]

    email = [("app/views.py", 9, ("user.contact.email",))]
    assert logs(True) == logs(True) == logs(False) == email  # cold, warm
    # the package now re-exports another helper: views.py, unchanged, is not taken as cached
    (tmp_path / "app/__init__.py").write_text("from app.views import view\nfrom app.other import get_email\n")
    assert logs(True) == logs(False) == [("app/views.py", 9, ("user.contact.phone_number",))]
    (tmp_path / "app/__init__.py").write_text(WRONG)
    assert logs(True) == logs(False) == [("app/views.py", 9, ("user.contact.phone_number",))]


def stored_guesses(root: Path) -> dict[str, dict[str, str]]:
    """The guessed entries the result cache at `root` keeps, by file."""
    with (root / CACHE_DIR_NAME / CACHE_FILE).open("rb") as handle:
        stored = pickle.load(handle)
    return {relpath: guess[2] for relpath, guess in stored[7][1].items()}


def test_a_guess_kept_in_the_cache_is_read_again_when_a_file_of_its_chain_changes(tmp_path: Path) -> None:
    # the package re-exports what app.sub imports: the guess reads both texts, and is kept with both hashes
    write(tmp_path, {**GUESSED, "app/__init__.py": "from app.views import view\nfrom app.sub import get_email\n",
                     "app/sub.py": "from app.lib import get_email\n"})

    def logs(cache: bool) -> list[tuple[str, int, tuple[str, ...]]]:
        result = run(tmp_path, config=Config(), command="observe", jobs=1, cache=cache)
        return [(o.path, o.span.start_line, o.categories) for o in result.observations if o.kind.value == "log"]

    assert logs(True) == logs(True) == logs(False) == [("app/views.py", 9, ("user.contact.email",))]
    assert stored_guesses(tmp_path) == {"app/views.py": {"app.view": "app.views.view", "app.get_email": "app.lib.get_email"}}
    # only app/sub.py's import line changes: the package and views.py are unchanged
    (tmp_path / "app/sub.py").write_text("from app.other import get_email\n")
    assert logs(True) == logs(False) == [("app/views.py", 9, ("user.contact.phone_number",))]
    assert stored_guesses(tmp_path) == {"app/views.py": {"app.view": "app.views.view", "app.get_email": "app.other.get_email"}}


def test_a_guess_made_again_reads_only_the_texts_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the guess follows app/__init__.py -> app/sub.py -> app/lib.py; each file's bindings are kept by its content hash
    write(tmp_path, {**GUESSED, "app/__init__.py": "from app.views import view\nfrom app.sub import get_email\n",
                     "app/sub.py": "from app.lib import get_email\n"})
    read: list[str] = []
    top_bindings = import_order_module._top_bindings

    def recording(raw: bytes, relpath: str, own: str) -> dict[str, tuple[str, str]]:
        read.append(relpath)
        return top_bindings(raw, relpath, own)

    monkeypatch.setattr(import_order_module, "_top_bindings", recording)

    def logs(cache: bool) -> list[tuple[str, int, tuple[str, ...]]]:
        read.clear()
        result = run(tmp_path, config=Config(), command="observe", jobs=1, cache=cache)
        return [(o.path, o.span.start_line, o.categories) for o in result.observations if o.kind.value == "log"]

    assert logs(True) == [("app/views.py", 9, ("user.contact.email",))]
    assert sorted(read) == ["app/__init__.py", "app/lib.py", "app/sub.py", "app/views.py"]
    assert logs(True) == [("app/views.py", 9, ("user.contact.email",))]
    assert read == []  # the guess itself is kept
    # an edited file's bindings are read again; the unchanged package's come from the cache
    (tmp_path / "app/sub.py").write_text("from app.other import get_email\n")
    assert logs(True) == [("app/views.py", 9, ("user.contact.phone_number",))]
    assert sorted(read) == ["app/other.py", "app/sub.py"]
    assert logs(False) == [("app/views.py", 9, ("user.contact.phone_number",))]
    assert sorted(read) == ["app/__init__.py", "app/other.py", "app/sub.py", "app/views.py"]
    # the package edited back: its bindings are read again, app/sub.py's are still kept
    (tmp_path / "app/__init__.py").write_text("from app.views import view\nfrom app.lib import get_email\n")
    assert logs(True) == [("app/views.py", 9, ("user.contact.email",))]
    assert read == ["app/__init__.py"]


@pytest.mark.parametrize(
    ("text", "offer", "read"),
    [
        ("from .lib import get_email\nfrom app.lib import Form as F\n",
         {"app.get_email": "app.lib.get_email", "app.F": "app.lib.Form"}, {"app/lib.py"}),
        # a chain: app.sub binds Form to app.lib.Form
        ("from app.sub import Form\n", {"app.Form": "app.lib.Form"}, {"app/sub.py", "app/lib.py"}),
        # the last binding counts; the package's own assignment is no re-export; a library's name is none
        ("from .lib import get_email\nget_email = wrap(get_email)\n", {}, set()),
        ("get_email = None\nfrom .lib import get_email\n", {"app.get_email": "app.lib.get_email"}, {"app/lib.py"}),
        # a name the original module assigns is taken to be bound to itself (the engine's binding
        # when what it holds is no tracked object); a star import binds the module's public defs and
        # classes (not its assignments, imports or private names: what the engine offers, as far as
        # the text says), or what its `__all__` lists
        ("from .lib import db\nfrom requests import Session\nfrom .lib import *  # noqa\n",
         {"app.db": "app.lib.db", "app.Form": "app.lib.Form", "app.get_email": "app.lib.get_email"}, {"app/lib.py"}),
        ("from .sub import *\n", {"app.Form": "app.lib.Form"}, {"app/sub.py", "app/lib.py"}),
        ("from .listed import *\n", {"app.Form": "app.lib.Form", "app.LIMIT": "app.listed.LIMIT"},
         {"app/listed.py", "app/lib.py"}),
        ("from .lib import session\n", {}, {"app/lib.py"}),
        ("from .sub import db\n", {}, {"app/sub.py"}),
        # indented imports, a logger's name, a module imported by name
        ("try:\n    from .lib import get_email\nexcept ImportError:\n    pass\n", {}, set()),
        ("from .lib import logger\nfrom . import lib\n", {}, set()),
    ],
)
def test_a_module_s_reexports_are_guessed_from_its_text(tmp_path: Path, text: str, offer: dict[str, str],
                                                        read: set[str]) -> None:
    files = write(tmp_path, {"app/__init__.py": text, "app/sub.py": "from .lib import Form\n",
                             "app/lib.py": "import logging\n\nlogger = logging.getLogger()\ndb = make()\n\n\n"
                                           "class Form:\n    pass\n\n\ndef get_email(request):\n    pass\n",
                             "app/listed.py": "from .lib import Form, get_email\n\nLIMIT = 3\n\n"
                                              "__all__ = [\"Form\"]\n__all__ += (\"LIMIT\",)\n"})
    guesser = ReexportGuesser(tmp_path, files, SourceRoots(), lambda local, qualified: local != "logger")
    # with the files whose texts the guess read (its own first): it holds while they are unchanged
    assert guesser.offer("app/__init__.py") == (offer, frozenset({"app/__init__.py", *read}))
