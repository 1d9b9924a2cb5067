"""Star imports (`from app.base import *`): the importer binds the names the module offers
(`ModuleSummary.stars`: its `__all__`, else its public top-level names) as `from app.base import
name` binds them, so a helper's summary, a logging wrapper and a class reached that way count at
their uses; a name bound later shadows them, as in Python; a module outside the tree binds nothing."""

from __future__ import annotations

import gc
import textwrap
from pathlib import Path

import pytest

from scanner import settle as settle_module
from scanner.cache import ResultCache
from scanner.classify import Classifier
from scanner.config import Config
from scanner.engine.analyzer import FileAnalyzer, analyze_path
from scanner.engine.summaries import Analyzed
from scanner.inventory import ClassifierOverrides
from scanner.packs import load_models
from scanner.runner import analyze, classifier_digest, run

BASE = '''
import logging

from flask import request

logger = logging.getLogger(__name__)


def origin():
    return request.headers.get("X-Forwarded-For") or request.remote_addr


def audit(message):
    logger.info(message)


class Customer:
    def __init__(self, email):
        self.email = email

    def __repr__(self):
        return f"Customer({self.email!r})"


def _hidden():
    return request.remote_addr
'''

VIEWS = '''
import logging

from app.base import *

log = logging.getLogger(__name__)


def signup(email):
    where = origin()
    log.info("signup from %s", where)
    audit(f"signup {email}")
    log.info("customer %s", Customer(email))
    log.info("hidden %s", _hidden())
'''


def write(root: Path, files: dict[str, str]) -> Path:
    for relpath, text in files.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(textwrap.dedent(text))
    return root


def observed(root: Path, jobs: int = 1) -> list[tuple[str, int, str, tuple[str, ...]]]:
    result = run(root, config=Config(), command="observe", jobs=jobs)
    return [(o.path, o.span.start_line, o.kind.value, o.categories) for o in result.observations]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_star_import_binds_a_helper_a_logging_wrapper_and_a_class(tmp_path: Path, jobs: int) -> None:
    write(tmp_path, {"app/__init__.py": "", "app/base.py": BASE, "app/views.py": VIEWS})
    assert observed(tmp_path, jobs) == [
        ("app/base.py", 10, "collect", ("user.device.ip_address",)),
        # the wrapper's own log call, with what views.py passes it
        ("app/base.py", 14, "log", ("user.contact.email",)),
        ("app/base.py", 26, "collect", ("user.device.ip_address",)),
        # the helper's result, under a name that says nothing
        ("app/views.py", 11, "log", ("user.device.ip_address",)),
        # the wrapper's call
        ("app/views.py", 12, "log", ("user.contact.email",)),
        # the class's string form
        ("app/views.py", 13, "log", ("user.contact.email",)),
        # `_hidden` is not taken by the star import: no log of what it returns
    ]


def test_all_limits_what_a_star_import_binds(tmp_path: Path) -> None:
    # `__all__` lists the helper (and, by `+=`, the class), not the wrapper: `audit` stays unbound
    write(tmp_path, {"app/__init__.py": "", "app/base.py": BASE + '\n__all__ = ["origin"]\n__all__ += ("Customer",)\n',
                     "app/views.py": VIEWS})
    assert observed(tmp_path) == [
        ("app/base.py", 10, "collect", ("user.device.ip_address",)),
        ("app/base.py", 26, "collect", ("user.device.ip_address",)),
        ("app/views.py", 11, "log", ("user.device.ip_address",)),
        ("app/views.py", 13, "log", ("user.contact.email",)),
    ]


SHADOWING = '''
import logging

from app.base import *

log = logging.getLogger(__name__)


def origin():
    return "nowhere"


def signup(email):
    where = origin()
    log.info("signup from %s", where)
'''

SHADOWED = '''
import logging

log = logging.getLogger(__name__)


def origin():
    return "nowhere"


from app.base import *


def signup(email):
    where = origin()
    log.info("signup from %s", where)
'''


def test_a_function_defined_after_a_star_import_shadows_its_name(tmp_path: Path) -> None:
    # the module's own `origin`, defined after the star import, is the one called: nothing logged.
    # A star import after a def of the name rebinds it in Python; the engine answers a call of a
    # name a function of the file defines with that function first, as it does after an explicit
    # `from app.base import origin` there: the same nothing (a known limit, not the star import's)
    write(tmp_path, {"app/__init__.py": "", "app/base.py": BASE, "app/later.py": SHADOWING,
                     "app/earlier.py": SHADOWED})
    assert observed(tmp_path) == [
        ("app/base.py", 10, "collect", ("user.device.ip_address",)),
        ("app/base.py", 26, "collect", ("user.device.ip_address",)),
    ]


SHADOWED_BY_ASSIGNMENT = '''
import logging

from app.base import *

log = logging.getLogger(__name__)
Customer = str


def signup():
    log.info("customer %s", Customer("support"))
'''

REBOUND_BY_STAR = '''
import logging

Customer = str

from app.base import *

log = logging.getLogger(__name__)


def signup():
    log.info("customer %s", Customer("support"))
'''


def test_an_assignment_after_a_star_import_shadows_its_name_and_a_star_import_after_one_rebinds_it(
        tmp_path: Path) -> None:
    write(tmp_path, {"app/__init__.py": "", "app/base.py": BASE, "app/after.py": SHADOWED_BY_ASSIGNMENT,
                     "app/before.py": REBOUND_BY_STAR})
    assert observed(tmp_path) == [
        ("app/base.py", 10, "collect", ("user.device.ip_address",)),
        ("app/base.py", 26, "collect", ("user.device.ip_address",)),
        # `Customer` is the star-imported class again: its string form shows the e-mail
        ("app/before.py", 12, "log", ("user.contact.email",)),
        # after.py's `Customer` is `str` again: nothing logged
    ]


OUTSIDE = '''
import logging

from tkinter import *
from vendor.helpers import *

log = logging.getLogger(__name__)


def signup(email):
    where = origin()
    log.info("signup from %s", where)
    log.info("customer %s", Customer("support"))
'''


def test_a_star_import_of_a_module_outside_the_tree_binds_nothing(tmp_path: Path) -> None:
    write(tmp_path, {"app/__init__.py": "", "app/views.py": OUTSIDE})
    assert observed(tmp_path) == []


PACKAGE_VIEWS = '''
import logging

from app.lib import *
from app.lib import audit as record

log = logging.getLogger(__name__)


def signup(email):
    where = origin()
    log.info("signup from %s", where)
    record(f"signup {email}")
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_package_re_exports_by_a_star_import_of_a_star_import(tmp_path: Path, jobs: int) -> None:
    # app/lib/__init__.py star-imports app/lib/core.py, which star-imports app/base.py: a star
    # import of the package, and a plain import from it, reach the helper and the wrapper
    write(tmp_path, {"app/__init__.py": "", "app/base.py": BASE, "app/lib/__init__.py": "from .core import *\n",
                     "app/lib/core.py": "from app.base import *\n", "app/views.py": PACKAGE_VIEWS})
    assert observed(tmp_path, jobs) == [
        ("app/base.py", 10, "collect", ("user.device.ip_address",)),
        ("app/base.py", 14, "log", ("user.contact.email",)),
        ("app/base.py", 26, "collect", ("user.device.ip_address",)),
        ("app/views.py", 12, "log", ("user.device.ip_address",)),
        ("app/views.py", 13, "log", ("user.contact.email",)),
    ]


def test_an_importers_cached_result_is_reused_until_the_names_offered_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"app/__init__.py": "", "app/base.py": BASE, "app/views.py": VIEWS})
    files = ["app/__init__.py", "app/base.py", "app/views.py"]
    analysed: list[str] = []
    original = settle_module.analyze_path

    def counting(root: Path, relpath: str, *args: object, **kwargs: object) -> Analyzed:
        analysed.append(relpath)
        return original(root, relpath, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(settle_module, "analyze_path", counting)

    def analysis() -> tuple[list[str], list[tuple[str, int]]]:
        analysed.clear()
        models = load_models()
        overrides = ClassifierOverrides()
        cache = ResultCache.open(tmp_path, (models.version, classifier_digest(overrides), "1000000"))
        results = analyze(tmp_path, files, models=models, classifier=Classifier.load(overrides),
                          max_size=1_000_000, jobs=1, cache=cache)
        assert cache.save() is None
        logs = sorted((o.path, o.span.start_line) for o in results.observations if o.kind.value == "log")
        return sorted(analysed), logs

    assert analysis() == (files, [("app/base.py", 14), ("app/views.py", 11), ("app/views.py", 12),
                                  ("app/views.py", 13)])
    assert analysis() == ([], [("app/base.py", 14), ("app/views.py", 11), ("app/views.py", 12),
                               ("app/views.py", 13)])
    # a private helper changed: what views.py reads of base.py (the names it offers, the entries of
    # the ones views.py uses) is what it was, and views.py's result is reused
    base = tmp_path / "app" / "base.py"
    base.write_text(base.read_text().replace("return request.remote_addr", "return request.form['email']"))
    assert analysis()[0] == ["app/base.py"]
    # a function added that says nothing: the names offered (those with entries) are what they were
    base.write_text(base.read_text() + "\n\ndef unrelated():\n    return 1\n")
    assert analysis()[0] == ["app/base.py"]
    # one added that returns data of its own: the names offered changed, and views.py is analysed
    # again (to the same result: it does not read it)
    base.write_text(base.read_text() + "\n\ndef posted():\n    return request.form['email']\n")
    assert analysis() == (["app/base.py", "app/views.py"],
                          [("app/base.py", 14), ("app/views.py", 11), ("app/views.py", 12), ("app/views.py", 13)])
    # the wrapper renamed: views.py's `audit` is no longer bound, its call logs nothing, and the
    # wrapper's own log call is given nothing personal by any caller
    base.write_text(base.read_text().replace("def audit(", "def record("))
    assert analysis() == (["app/base.py", "app/views.py"], [("app/views.py", 11), ("app/views.py", 13)])


OFFERING = '''
import os
from flask import request

from app.base import origin


def client():
    return request.remote_addr


def _own():
    return request.remote_addr


LIMIT = 10
'''


@pytest.mark.parametrize(("relpath", "offer"), [
    # a module offers its names with entries (a function's; an import the engine exports: the request,
    # a re-export of a project helper), not its constants, private names or other imports
    ("app/offering.py", {"client": "", "origin": "", "request": ""}),
    # a package's `__init__` offers its own names with entries too, and every public name it imports,
    # as what it names (a package re-exports its imports)
    ("app/offering/__init__.py", {"client": "", "origin": "app.base.origin", "os": "os", "request": "flask.request"}),
])
def test_what_a_module_offers_a_star_import(tmp_path: Path, relpath: str, offer: dict[str, str]) -> None:
    write(tmp_path, {"app/__init__.py": "", "app/base.py": BASE, relpath: OFFERING})
    models = load_models()
    analyzed = analyze_path(tmp_path, relpath, models, Classifier.load(ClassifierOverrides()), max_size=1_000_000,
                            module="app.offering")
    assert analyzed.summary.stars == {"app.offering": offer}


def test_working_out_an_offer_leaves_no_analyser_alive_in_a_reference_cycle(tmp_path: Path) -> None:
    # a run disables the cyclic collector (cli.main): an analyser kept by a cycle (a recursive closure
    # holding `self`) would keep its tree too, for the whole run (45 MB of Django's peak when it did)
    write(tmp_path, {"app/__init__.py": "", "app/base.py": BASE, "app/offering/__init__.py": OFFERING})
    models, classifier = load_models(), Classifier.load(ClassifierOverrides())
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        analyzed = analyze_path(tmp_path, "app/offering/__init__.py", models, classifier, module="app.offering")
        assert analyzed.summary.stars["app.offering"]["origin"] == "app.base.origin"  # the slow path ran
        del analyzed
        assert not [o for o in gc.get_objects() if type(o) is FileAnalyzer]
    finally:
        if enabled:
            gc.enable()
