"""Properties: `self.prop` of a class of the file, and `obj.prop` of an object whose class is unknown
(duck typing by the receiver's name over the file's classes and its imports' offered properties)."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest
from engine_support import observed, observed_tree

from scanner.classify import Classifier
from scanner.config import Config
from scanner.engine.analyzer import analyze, last_word
from scanner.engine.summaries import USE_PROPERTY, USE_PROPERTY_READ, ModuleSummary
from scanner.packs import load_models
from scanner.runner import run
from scanner.settle import wanted_entries

NAME = ("user.name",)
LOG = "python.logging.personal-data"

SPAWNER = """\
    class Spawner:
        def __init__(self, user, name):
            self.user = user
            self.name = name

        @property
        def _log_name(self):
            return f"{self.user.name}:{self.name}"

        @property
        def _state_path(self):
            return f"/srv/{self.name}.json"


    class SpawnException(Exception):
        pass
    """

HANDLER = """\
    import logging

    from app.spawner import SpawnException

    log = logging.getLogger(__name__)


    def start(user, hub):
        spawner = user.get_or_create_spawner("")
        log.info("Server %s is already running", spawner._log_name)
        log.info("State in %s", spawner._state_path)
        log.info("Hub %s", hub._log_name)
        raise SpawnException()
    """


@pytest.mark.parametrize(
    ("name", "word"),
    [("LocalProcessSpawner", "spawner"), ("orm_spawner", "spawner"), ("APIToken", "token"), ("obj", "obj"),
     ("_Share", "share"), ("Share", "share"), ("spawner2", "spawner2"), ("_", "_")],
)
def test_the_last_word_of_a_name_is_what_it_is(name: str, word: str) -> None:
    assert last_word(name) == word


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # the class's own property, read through self
        ("""\
            import logging
            log = logging.getLogger(__name__)

            class Spawner:
                @property
                def _log_name(self):
                    return self.user.name

                def start(self):
                    log.info("start %s", self._log_name)
            """, [(10, "log", NAME, LOG, False)]),
        # an object whose class is unknown, named for a class of the file that defines it
        ("""\
            import logging
            log = logging.getLogger(__name__)

            class LocalProcessSpawner:
                @property
                def _log_name(self):
                    return self.user.name

            def start(user):
                orm_spawner = user.spawner()
                log.info("start %s", orm_spawner._log_name)
            """, [(11, "log", NAME, LOG, False)]),
        # a mixin's self is its subclasses' (named with the same last word)
        ("""\
            import logging
            log = logging.getLogger(__name__)

            class _Share:
                def apply(self):
                    log.info("apply %s", self._log_name)

            class Share(_Share):
                @property
                def _log_name(self):
                    return self.user.name
            """, [(6, "log", NAME, LOG, False)]),
        # near-misses: a getter returning nothing personal; a receiver named for no class defining it;
        # one of two classes named alike returning nothing personal; a property called, not read
        ("""\
            import logging
            log = logging.getLogger(__name__)

            class Spawner:
                @property
                def _state_path(self):
                    return "/srv/state.json"

                @property
                def _log_name(self):
                    return self.user.name

            class KubeSpawner:
                @property
                def _log_name(self):
                    return "kube"

            def start(spawner, hub):
                log.info("state %s", spawner._state_path)
                log.info("hub %s", hub._log_name)
                log.info("spawner %s", spawner._log_name)
            """, []),
        # a plain method of that name is no property
        ("""\
            import logging
            log = logging.getLogger(__name__)

            class Spawner:
                def _log_name(self):
                    return self.user.name

            def start(spawner):
                log.info("spawner %s", spawner._log_name)
            """, []),
    ],
    ids=["self", "duck-local", "mixin", "near-misses", "method"],
)
def test_a_property_carries_what_its_getter_returns(source: str, expected: list[tuple[object, ...]]) -> None:
    assert observed(source) == expected


def test_another_module_s_property_is_read_where_that_module_is_imported(tmp_path: Path) -> None:
    found = observed_tree(tmp_path, {"app/__init__.py": "", "app/spawner.py": SPAWNER, "app/handlers.py": HANDLER,
                                     # the same lines in a module that does not import app.spawner
                                     "app/other.py": HANDLER.replace("from app.spawner import SpawnException",
                                                                     "from app.errors import SpawnException"),
                                     "app/errors.py": "class SpawnException(Exception):\n    pass\n"})
    assert [f for f in found if f[2] == "log"] == [("app/handlers.py", 10, "log", NAME)]


def test_an_imported_module_s_properties_are_its_offered_personal_ones() -> None:
    models, classifier = load_models(), Classifier.load()
    spawner = analyze("app/spawner.py", textwrap.dedent(SPAWNER), models, classifier).summary
    assert spawner.properties == {"app.spawner": {"spawner._log_name": frozenset(NAME)}}
    assert spawner.restricted(spawner.names()) == spawner
    handler = analyze("app/handlers.py", textwrap.dedent(HANDLER), models, classifier, external=spawner)
    # every module its top-level imports name is asked for, but the standard library's
    assert {u for u in handler.uses if u.startswith(USE_PROPERTY)} == {USE_PROPERTY + "app.spawner"}
    assert [o.span.start_line for o in handler.result.observations if o.kind.value == "log"] == [10]
    # given only what it used, the analysis takes the same course
    again = analyze("app/handlers.py", textwrap.dedent(HANDLER), models, classifier,
                    external=spawner.restricted(handler.uses & spawner.names()))
    assert again.result == handler.result and again.uses == handler.uses
    # offered no property at all, the file asks all the same: what its imports offer may change
    alone = analyze("app/handlers.py", textwrap.dedent(HANDLER), models, classifier)
    assert {u for u in alone.uses if u.startswith(USE_PROPERTY)} == {USE_PROPERTY + "app.spawner"}


PROPERTIES = ModuleSummary(properties={"app.spawner": {"spawner._log_name": frozenset(NAME)}},
                           rendered={"app.models.User": frozenset(NAME)})


@pytest.mark.parametrize(
    "changed",
    [
        {"app.spawner": {"spawner._log_name": frozenset({"user.name", "user.contact.email"})}},
        {"app.spawner": {"spawner._log_name": frozenset(NAME), "share._log_name": frozenset(NAME)}},
        {"app.spawner": {"share._log_name": frozenset(NAME)}},
        {"app.spawners": {"spawner._log_name": frozenset(NAME)}},
        {},
    ],
)
def test_a_digest_changes_with_the_properties_offered(changed: dict[str, dict[str, frozenset[str]]]) -> None:
    other = dataclasses.replace(PROPERTIES, properties=changed)
    assert other.digest() != PROPERTIES.digest()
    same = ModuleSummary(properties={k: dict(v) for k, v in PROPERTIES.properties.items()},
                         rendered=dict(PROPERTIES.rendered))
    assert same.digest() == PROPERTIES.digest()


def test_properties_are_named_restricted_merged_and_changed_by_module() -> None:
    assert PROPERTIES.names() == {USE_PROPERTY + "app.spawner", "r:app.models.User", USE_PROPERTY_READ + "_log_name"}
    assert PROPERTIES.named_by({USE_PROPERTY + "app.spawner", USE_PROPERTY + "logging", USE_PROPERTY_READ + "_log_name",
                                USE_PROPERTY_READ + "host"}) == {USE_PROPERTY + "app.spawner", USE_PROPERTY_READ + "_log_name"}
    # only by its tag: another kind's use of the same name does not give it
    assert PROPERTIES.restricted({"n:app.spawner", USE_PROPERTY_READ + "_log_name"}).properties == {}
    assert PROPERTIES.restricted({USE_PROPERTY + "app.spawner", USE_PROPERTY_READ + "_log_name"}).properties \
        == PROPERTIES.properties
    merged = ModuleSummary.merge([PROPERTIES, ModuleSummary(properties={"app.share": {"share._log_name": frozenset(NAME)}})])
    assert sorted(merged.properties) == ["app.share", "app.spawner"]
    assert merged.changed_since(PROPERTIES) == {"app.share"}
    assert PROPERTIES.under(("app.spawner",)).properties == PROPERTIES.properties


def test_a_changed_property_invalidates_the_cached_results_of_its_importers(tmp_path: Path) -> None:
    files = {"app/__init__.py": "", "app/spawner.py": SPAWNER, "app/handlers.py": HANDLER}
    for relpath, text in files.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(textwrap.dedent(text), encoding="utf-8")

    def logged() -> list[tuple[str, int]]:
        warm = run(tmp_path, config=Config(), command="observe", jobs=1)
        cold = run(tmp_path, config=Config(), command="observe", jobs=2, cache=False)
        assert warm.observations == cold.observations
        return [(o.path, o.span.start_line) for o in warm.observations if o.kind.value == "log"]

    assert logged() == [("app/handlers.py", 10)]
    # the getter stops returning the user's name: handlers.py is unchanged, what it uses changed
    (tmp_path / "app/spawner.py").write_text(textwrap.dedent(SPAWNER).replace("{self.user.name}:", ""), encoding="utf-8")
    assert logged() == []
    (tmp_path / "app/spawner.py").write_text(textwrap.dedent(SPAWNER), encoding="utf-8")
    assert logged() == [("app/handlers.py", 10)]


CYCLE = ModuleSummary(properties={"app.spawner": {"spawner._log_name": frozenset(NAME), "spawner.host": frozenset(NAME),
                                                  "user.__str__": frozenset(NAME)}})


@pytest.mark.parametrize(
    ("reads", "kept"),
    [
        ((), None),  # imported, nothing read: as if it offered nothing
        (("host",), {"spawner.host": frozenset(NAME)}),  # an attribute read: every class word's key of it
        (("user.__str__",), {"user.__str__": frozenset(NAME)}),  # a string form looked up: that word's
        (("spawner.__str__", "name"), None),  # a word and an attribute it defines nothing for
        (("_log_name", "host", "user.__str__"), CYCLE.properties["app.spawner"]),  # all: the entry itself
    ],
)
def test_a_restricted_properties_entry_holds_only_the_keys_the_file_read(
        reads: tuple[str, ...], kept: dict[str, frozenset[str]] | None) -> None:
    uses = frozenset({USE_PROPERTY + "app.spawner", *(USE_PROPERTY_READ + r for r in reads)})
    restricted = CYCLE.restricted(wanted_entries(uses, CYCLE, CYCLE.names()))
    assert restricted.properties == ({} if kept is None else {"app.spawner": kept})
    if kept == CYCLE.properties["app.spawner"]:
        assert restricted.properties["app.spawner"] is CYCLE.properties["app.spawner"]
    # a key the file never read changes: the digest it is analysed with is the same
    grown = ModuleSummary(properties={"app.spawner": {**CYCLE.properties["app.spawner"], "spawner.port": frozenset(NAME)}})
    assert grown.restricted(wanted_entries(uses, grown, None)).digest() == restricted.digest()


def test_reads_without_an_imported_module_are_no_use() -> None:
    # a file that read `x.host` but imports no module offering properties used nothing of them
    uses = frozenset({USE_PROPERTY + "app.other", USE_PROPERTY_READ + "host", USE_PROPERTY_READ + "user.__str__"})
    assert wanted_entries(uses, CYCLE, CYCLE.names()) == frozenset()
    assert wanted_entries(uses, CYCLE, None) == frozenset()


def test_a_file_records_the_attributes_and_string_forms_it_looks_up() -> None:
    source = """
        import app.spawner

        def handle(spawner, session, log):
            log.info("%s by %s", spawner.host, session.user)
            return spawner.start()
    """
    analyzed = analyze("app/handlers.py", textwrap.dedent(source), load_models(), Classifier.load(), external=CYCLE)
    reads = {u for u in analyzed.uses if u.startswith(USE_PROPERTY_READ)}
    # `spawner.start` and `log.info` are called (no property); `spawner.host` and `session.user` are read
    assert reads == {USE_PROPERTY_READ + "host", USE_PROPERTY_READ + "user"}
    shown = analyze("app/handlers.py", "import logging\nimport app.spawner\nlogger = logging.getLogger(__name__)\n\n"
                    "def show(orm_user):\n    logger.info('by %s', orm_user)\n",
                    load_models(), Classifier.load(), external=CYCLE)
    assert {u for u in shown.uses if u.startswith(USE_PROPERTY_READ)} == {USE_PROPERTY_READ + "user.__str__"}
