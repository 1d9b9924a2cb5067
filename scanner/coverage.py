"""Web frameworks policyscan does not model: a run says which the code imports, never nothing.

A project on a web framework no rule pack models (CherryPy, Pecan, web.py...) would get no
observation of the data its requests bring, and no word why. The frameworks are listed as data
(scanner/data/unmodelled_frameworks.csv, each row saying why and where its documentation is);
the engine records, per file, the line of the first import of each listed package the file
imports (`Analyzed.frameworks`, kept in the result cache with the rest of the file's result);
the runner makes one note per framework from every file's record (`framework_notices`).
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import NamedTuple

from scanner.model import Notice, NoticeLevel

DATA_FILE = Path(__file__).parent / "data" / "unmodelled_frameworks.csv"
CODE = "unmodelled-framework"
"""The notices' code (SARIF's notification descriptor), stable across versions."""
SHOWN = 3
"""How many of a framework's importing files a notice names (the rest are counted)."""


class Framework(NamedTuple):  # not a dataclass: generating its methods would cost every run's start-up
    """A web framework policyscan does not model: the top-level package it is imported by, its name,
    what its handlers read that is not observed (`cherrypy.request`), its docs."""

    package: str
    name: str
    unread: str
    docs: str


@functools.cache
def _rows() -> tuple[str, ...]:
    """The data file's lines but its comments and blank lines, the header first; read once per process."""
    try:  # beside this module, as installed or checked out (as scanner.taxonomy reads its data)
        text = DATA_FILE.read_text(encoding="utf-8")
    except OSError:  # a package loaded some other way (from a zip file)
        from importlib import resources

        text = resources.files("scanner.data").joinpath(DATA_FILE.name).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


@functools.cache
def unmodelled_frameworks() -> dict[str, Framework]:
    """The listed frameworks by package (read with `csv` only when a run has a note to make)."""
    import csv

    return {row["package"]: Framework(row["package"], row["name"], row["unread"], row["docs"])
            for row in csv.DictReader(_rows())}


UNMODELLED: frozenset[str] = frozenset(row.partition(",")[0] for row in _rows()[1:])
"""The listed packages (the first field of each row: a package name holds no comma): what the engine
tests each absolute import's top-level name against. Read without `csv`, whose import every run
would pay (a pre-commit run's start-up is most of it)."""


def own_names(files: Iterable[str]) -> frozenset[str]:
    """Every folder name and module name of the scanned files (`app/web/views.py` gives app, web and
    views; `web.pyi` gives web): a package so named may be the project's own, imported absolutely from a folder that a
    script puts on `sys.path` (`import web` beside `web.py`), not the framework of that name."""
    names: set[str] = set()
    for path in files:
        parts = path.split("/")
        names.update(parts[:-1])
        names.add(parts[-1].removesuffix(".pyi").removesuffix(".py"))  # a stub names its module too
    return frozenset(names)


def framework_notices(imports: Iterable[tuple[str, tuple[tuple[str, int], ...]]],
                      own: Collection[str] = ()) -> list[Notice]:
    """One note per listed framework some file imports, in the order of the packages' names.

    `imports` gives each file's path with what its analysis recorded: (package, line of the first
    import) for each listed package it imports. A package in `own` (`own_names`) is left out. A
    notice names how many files import the framework and the first `SHOWN` of them in sorted
    order, and is located at the first one's first import of it: a framework spans files, and that
    line is where one of them brings it in, a place a SARIF viewer or a GitHub annotation can
    show (the message names the others). Equal inputs give equal notices whatever their order.
    """
    known = unmodelled_frameworks()
    by_package: dict[str, list[tuple[str, int]]] = {}
    for path, found in imports:
        for package, line in found:
            if package in known and package not in own:
                by_package.setdefault(package, []).append((path, line))
    notices: list[Notice] = []
    for package in sorted(by_package):
        places = sorted(by_package[package])
        framework = known[package]
        shown = ", ".join(path for path, _ in places[:SHOWN])
        if len(places) > SHOWN:
            shown += f" and {len(places) - SHOWN} more"
        title = package if framework.name == package else f"{package} ({framework.name})"
        files = "1 file" if len(places) == 1 else f"{len(places)} files"
        message = (f"{title} is imported by {files} ({shown}): policyscan does not model this web framework,"
                   f" so request data read through {framework.unread} is not observed")
        notices.append(Notice(NoticeLevel.NOTE, message, path=places[0][0], line=places[0][1], code=CODE))
    return notices
