"""The order in which a run analyses files: each after the project files it imports.

Imports are read from the text with a pattern, not parsed (reading is a small part of a run
that the cache can skip); import cycles are found with Tarjan's algorithm and ordered by
their module-level imports.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from scanner.cache import ResultCache
from scanner.engine.imports import SourceRoots
from scanner.engine.summaries import is_reexport

# An import statement at the start of a line (its indentation first). Lines are found by the word
# first: searching for a pattern anchored at every line start is eight times slower.
_IMPORT = re.compile(rb"([ \t]*)(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\(?)([\w., \t]*)|import[ \t]+([\w., \t]+))")
_COMMENT = re.compile(rb"#[^\n]*")


def _import_statements(raw: bytes) -> Iterator[tuple[bytes | None, bytes | None, bytes | None, bytes | None, int]]:
    """(indentation, from-module, imported names, plain import, where its line starts) for each line of `raw` that starts
    with an import statement. The names of a parenthesised from-import are read to its closing
    parenthesis, over its lines (`from django.db import (\n    connection,\n    models,\n)`: a
    name may be a module, here `django.db.models`), comments left out."""
    line = -1
    for word in _import_words(raw):
        start = raw.rfind(b"\n", 0, word) + 1
        if start != line:
            line = start
            match = _IMPORT.match(raw, start)
            if match is None:
                continue
            indent, base, paren, names, plain = match.groups()
            if paren:
                close = raw.find(b")", match.end())
                if close != -1:
                    names = _COMMENT.sub(b"", raw[match.start(4):close]).replace(b"\n", b" ").replace(b"\r", b" ")
            yield indent, base, names, plain, start


def _import_words(raw: bytes) -> list[int]:
    """Where the word `import` followed by a space or a tab starts in `raw`, in order: found with
    `bytes.find` in C, which costs about half the regex engine's scan for the same literal."""
    found: list[int] = []
    at = raw.find(b"import")
    while at >= 0:
        if raw[at + 6:at + 7] in (b" ", b"\t"):
            found.append(at)
        at = raw.find(b"import", at + 6)
    return found


def _module_of(name: str, modules: dict[str, str]) -> str | None:
    """The file of the longest leading part of a dotted name that is a module of the project."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        found = modules.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def _resolved(candidate: str, modules: dict[str, str], resolved: dict[str, str | None]) -> str | None:
    """`_module_of` a dotted name, remembered in `resolved` (the same imports recur in many files)."""
    if candidate not in resolved:
        resolved[candidate] = _module_of(candidate, modules)
    return resolved[candidate]


def _package_parts(relpath: str, own: str) -> list[str]:
    """The parts of the package a file (of module name `own`) is in: what its relative imports start from."""
    package = own.split(".") if own else []
    return package if relpath.endswith("__init__.py") else package[:-1]


def _from_module(base: str, package: list[str]) -> str:
    """The module a from-import names (`base`, its leading dots included), a relative one resolved
    against `package` (`_package_parts`)."""
    level = len(base) - len(base.lstrip("."))
    name = base[level:]
    if level:
        up = package[:len(package) - (level - 1)] if level - 1 <= len(package) else []
        name = ".".join([*up, name] if name else up)
    return name


def _candidates(base_raw: bytes | None, names_raw: bytes | None, plain_raw: bytes | None,
                package: list[str]) -> list[str]:
    """The dotted names an import statement may import a module by (from `_import_statements`):
    each plain import's, or a from-import's module and each of its names under it (a name may be a
    submodule), a relative one resolved against `package` (the parts of the importing file's package)."""
    if plain_raw is not None:
        plain = plain_raw.decode("ascii", "replace")
        return [part.split()[0] for part in plain.split(",") if part.split()]
    if base_raw is None:
        return []
    names = names_raw.decode("ascii", "replace") if names_raw is not None else ""
    name = _from_module(base_raw.decode("ascii", "replace"), package)
    return [name] + [f"{name}.{part.split()[0]}" if name else part.split()[0]
                     for part in names.split(",") if part.split()]


def _file_imports(raw: bytes, relpath: str, own: str, modules: dict[str, str],
                  resolved: dict[str, str | None],
                  resolved_statements: dict[tuple[bytes | None, bytes | None, bytes | None, str], tuple[str, ...]],
                  ) -> tuple[str, ...]:
    """The project files a file (of module name `own`) imports: those imported at module level, "",
    those imported only in a block (a function, `if TYPE_CHECKING:`, `try:`), each part sorted.

    A package's plain imports of its own submodules (`import django.core.checks.urls` in
    django/core/checks/__init__.py) are counted with the block imports: they are run for what
    the submodule does when imported (registering itself), while the submodules import names
    from the package; inside that import cycle the package is then ordered first, and its
    submodules find what it offers them settled (rather than all of them being analysed again)."""
    package = _package_parts(relpath, own)
    below = relpath[:-len("__init__.py")] if relpath.endswith("__init__.py") else ""  # a package's submodules' folder
    top: set[str] = set()
    nested: set[str] = set()
    context = ".".join(package)
    for indent, base, names, plain, _ in _import_statements(raw):
        # the same statements recur in many files (`from django.db import models`): each is read
        # once per package it is written in (a relative one depends on it), or once (an absolute one)
        key = (base, names, plain, context if base is not None and base.startswith(b".") else "")
        targets = resolved_statements.get(key)
        if targets is None:
            targets = resolved_statements[key] = tuple(
                target for target in (_resolved(candidate, modules, resolved)
                                      for candidate in _candidates(base, names, plain, package))
                if target is not None)
        for target in targets:
            if target != relpath:
                side_effect = plain is not None and bool(below) and target.startswith(below)
                (nested if indent or side_effect else top).add(target)
    return (*sorted(top), "", *sorted(nested - top))


def _cycles_first(files: Sequence[str], deps: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """The import cycles (strongly connected components) of `deps`, each after those it imports
    (Tarjan's algorithm, without recursion: import chains can be long)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in files:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(deps[root]))]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(deps[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while not component or component[-1] != node:
                    component.append(stack.pop())
                    on_stack.discard(component[-1])
                components.append(component)
    return components


def _depth_first(files: Sequence[str], deps: dict[str, tuple[str, ...]]) -> list[str]:
    """`files`, each after the ones of them it imports by `deps`, where no cycle prevents it."""
    members = set(files)
    order: list[str] = []
    placed: set[str] = set()
    for first in sorted(files):
        if first in placed:
            continue
        placed.add(first)
        stack = [(first, iter(deps[first]))]
        while stack:
            relpath, children = stack[-1]
            child = next((c for c in children if c in members and c not in placed), None)
            if child is None:
                stack.pop()
                order.append(relpath)
            else:
                placed.add(child)
                stack.append((child, iter(deps[child])))
    return order


# A module-level definition or assignment at the start of a line: what binds a name other than an import.
# `_DEFINED` reads the first line, `_DEFINED_AFTER` every other one from the newline before it: a
# pattern starting with a literal is searched for that literal, where one starting with `^` in an
# alternation was tried at every position (three times the cost over the files the guesses read).
# The lookahead fails an indented or empty line before the alternation is set up, and `async[ \t]+def|def`
# needs no repeat context where `(?:async[ \t]+)?def` did (together half the cost of each line's attempt).
_DEFINED_LINE = rb"(?:async[ \t]+def|def|class)[ \t]+(\w+)|(\w+)[ \t]*(?:[:=,]|$)"
_DEFINED = re.compile(_DEFINED_LINE, re.MULTILINE)
_DEFINED_AFTER = re.compile(rb"\n(?=\w)(?:" + _DEFINED_LINE + rb")", re.MULTILINE)
_IMPORTED = "i"  # a name bound by an import (its qualified name follows)
_OWN = "d"  # a name bound by `def` or `class`: no variable entry of its own
_OTHER = "o"  # a name bound otherwise (an assignment): what it holds is not read here
_UNBOUND = "u"  # a name no module-level statement of the text binds (`_top_bindings` gives no such entry)
_STAR = "s"  # a star import, under "*:" + the module it names (that module follows)
_LISTED = "l"  # the names a literal `__all__` lists, under "*", joined by spaces
# A module-level `__all__` given as a literal list or tuple (`+=` too), and the strings in it.
_ALL = re.compile(rb"^__all__[ \t]*\+?=[ \t]*[\[(]([^\])]*)[\])]", re.MULTILINE)
_ALL_NAME = re.compile(rb"[\"'](\w+)[\"']")


def _top_bindings(raw: bytes, relpath: str, own: str) -> dict[str, tuple[str, str]]:
    """The names a module (of module name `own`) binds at module level, by the last unindented
    statement binding each: {name: (_IMPORTED, qualified name) | (_OWN, "") | (_OTHER, "")}; and each
    star import's module under "*:" + it (_STAR), and the names a literal `__all__` lists under "*".

    Read from the text with patterns, as the imports are: a misread (a docstring line that looks
    like a statement) only gives a wrong first guess (`ReexportGuesser`), which the rounds correct.
    """
    package = _package_parts(relpath, own)
    found: list[tuple[int, str, tuple[str, str]]] = []
    first_line = _DEFINED.match(raw)
    matches = [] if first_line is None else [(0, first_line)]
    # each match of _DEFINED_AFTER starts at the newline before its line
    matches.extend((found_at.start() + 1, found_at) for found_at in _DEFINED_AFTER.finditer(raw))
    for at, definition in matches:
        defined, assigned = definition.group(1), definition.group(2)
        if defined is not None:
            found.append((at, defined.decode("ascii", "replace"), (_OWN, "")))
        elif assigned is not None:
            found.append((at, assigned.decode("ascii", "replace"), (_OTHER, "")))
    for indent, base, names, plain, at in _import_statements(raw):
        if indent:
            continue
        if plain is not None:
            for part in plain.decode("ascii", "replace").split(","):
                words = part.split()
                if len(words) == 3 and words[1] == "as":
                    found.append((at, words[2], (_IMPORTED, words[0])))
                elif words:
                    first = words[0].split(".", 1)[0]
                    found.append((at, first, (_IMPORTED, first)))
            continue
        if base is None:
            continue
        name = _from_module(base.decode("ascii", "replace"), package)
        if not (names or b"").strip():  # `from .base import *` (the pattern stops at the star)
            end = raw.find(b"\n", at)
            if name and raw[at:end if end != -1 else len(raw)].partition(b"#")[0].rstrip().endswith(b"*"):
                found.append((at, "*:" + name, (_STAR, name)))
            continue
        for part in (names or b"").decode("ascii", "replace").split(","):
            words = part.split()
            if not words or words[0] == "*":
                continue
            local = words[2] if len(words) == 3 and words[1] == "as" else words[0]
            found.append((at, local, (_IMPORTED, f"{name}.{words[0]}" if name else words[0])))
    found.sort(key=operator.itemgetter(0))
    bindings = {name: binding for _, name, binding in found}
    if b"__all__" in raw:
        listed = [name.decode("ascii", "replace") for body in _ALL.findall(raw) for name in _ALL_NAME.findall(body)]
        if listed:
            bindings["*"] = (_LISTED, " ".join(listed))
    return bindings


class ReexportGuesser:
    """A first guess, read from the text, at the re-exports a module offers before it is analysed.

    A module's `from .query_utils import Q` makes its summary bind `pkg.Q` to what
    `pkg.query_utils` binds `Q` to: `pkg.query_utils.Q` when that module defines `Q` with `def` or
    `class`, or, when it imports `Q` in turn, what that import binds (a chain is followed). A file
    that imports such a module through an import cycle, and so is analysed before it, can be
    given those entries at once rather than in a round. The guess is only a guess: a name bound
    again by an assignment or in a block, a star import, a misread line, leave it out or make it
    wrong, and the rounds (scanner.runner.analyze), which compare each file's used entries with
    what the modules finally offer, analyse the file again. It reads only file texts, so it is
    the same whatever the number of workers and whatever the cache holds.
    """

    def __init__(self, root: Path, files: Sequence[str], roots: SourceRoots, keep: Callable[[str, str], bool],
                 cache: ResultCache | None = None, context: str = "") -> None:
        """`keep(local, qualified)`: False where the engine binds an imported name to something else
        than its qualified name (a logger's name, a symbol the packs alias, the request object).
        With a `cache`, a file's module-level bindings are kept under its content hash and `context`
        (the digest of the file list and source roots that name its module: `import_order`'s), and
        read from its text only when not stored."""
        self._cache = cache
        self._context = context
        self._folder = os.fspath(root)
        self._roots = roots
        self._modules = {roots.module_of(f): f for f in files}
        self._keep = keep
        self._bindings: dict[str, dict[str, tuple[str, str]]] = {}
        # each qualified name's symbol, with the files whose texts said so (what it depends on)
        self._resolved: dict[str, tuple[str | None, frozenset[str]]] = {}
        self._offers: dict[str, tuple[dict[str, str], frozenset[str]]] = {}

    def _bindings_of(self, relpath: str) -> dict[str, tuple[str, str]]:
        known = self._bindings.get(relpath)
        if known is None:
            cache = self._cache
            # a warm run's guesses follow chains through many unchanged files: reading and scanning
            # their texts again was most of what a guess made again cost
            known = cache.bindings(relpath, self._context) if cache is not None else None
            if known is None:
                known = _top_bindings(_read(self._folder, relpath), relpath, self._roots.module_of(relpath))
                if cache is not None:
                    cache.remember_bindings(relpath, self._context, known)
            self._bindings[relpath] = known
        return known

    def _bound(self, qualified: str, seen: frozenset[str] = frozenset()) -> tuple[str | None, frozenset[str]]:
        """The symbol a module binds an imported `qualified` (`module.name`) to, by the text (None
        when the text does not say: a star import, a name bound in a block, a chain that loops;
        an assigned name is taken to be bound to itself), and the
        files whose texts were read to know it."""
        known = self._resolved.get(qualified)
        if known is not None:
            return known
        if "." not in qualified or qualified in self._modules or qualified in seen:
            return None, frozenset()  # a module (its parent package may bind the name), or a loop
        module, name = qualified.rsplit(".", 1)
        relpath = self._modules.get(module)
        found: str | None = qualified  # not a project module's: nothing binds it otherwise
        read: frozenset[str] = frozenset()
        if relpath is not None:
            read = frozenset((relpath,))
            bindings = self._bindings_of(relpath)
            kind, target = bindings.get(name, (_UNBOUND, ""))
            if kind == _UNBOUND:
                found = None  # bound where the text does not say (a block), or by a star import:
                for star in reversed([t for k, t in bindings.values() if k == _STAR]):
                    starred = self._modules.get(star)
                    if starred is not None and name in self._star_names(starred):
                        if self._keep(name, f"{star}.{name}"):
                            via, further = self._bound(f"{star}.{name}", seen | {qualified})
                            read |= further | {starred}
                            found = via if via is not None and is_reexport(qualified, via) else None
                        break
            elif kind == _OTHER:
                # an assignment (`db = SQLAlchemy()`): the engine binds an importer's name to this
                # qualified name, unless the module offers a tracked object under it, which a file
                # given the guess is also offered when the module comes before it (`original_file`)
                found = qualified
            elif kind == _IMPORTED:
                bound: str | None = None
                if self._keep(name, target):
                    bound, further = self._bound(target, seen | {qualified})
                    read |= further
                # the module offers the name only as a re-export within its package tree
                found = None if bound is None else (bound if is_reexport(qualified, bound) else None)
        self._resolved[qualified] = found, read
        return found, read

    def _star_names(self, relpath: str) -> frozenset[str]:
        """The names a star import of the module at `relpath` is guessed to bind (what
        `FileAnalyzer._star_offer` offers, as far as the text says): those its `__all__` lists, else
        its public `def`s and `class`es and imports of project names, and a package's public imports too.
        A wrong guess (a function that says nothing, which the engine does not offer) costs a round,
        as any wrong guess."""
        bindings = self._bindings_of(relpath)
        listed = bindings.get("*")
        if listed is not None:
            return frozenset(listed[1].split())
        package = relpath.endswith("__init__.py")
        inside = self._roots.module_of(relpath).split(".", 1)[0] + "."
        # a plain module's import of a project name is offered too: its re-export is an entry
        return frozenset(name for name, (kind, target) in bindings.items() if name[:1] not in ("_", "*")
                         and (kind == _OWN or kind == _IMPORTED and (package or target.startswith(inside))))

    def offer(self, relpath: str) -> tuple[dict[str, str], frozenset[str]]:
        """The variable entries the module at `relpath` is guessed to offer for the names it imports
        at module level (`pkg.Q` -> `pkg.query_utils.Q`): re-exports only, what `ModuleSummary.variables`
        would hold for them; and the files whose texts the guess read (so it holds while they are unchanged)."""
        known = self._offers.get(relpath)
        if known is None:
            module = self._roots.module_of(relpath)
            entries: dict[str, str] = {}
            read: frozenset[str] = frozenset()
            if module:
                read = frozenset((relpath,))
                bindings = self._bindings_of(relpath)
                # each name it imports, by the name it imports
                wanted = [(name, target) for name, (kind, target) in bindings.items()
                          if kind == _IMPORTED and self._keep(name, target)]
                if relpath.endswith("__init__.py"):
                    # a package binds every name its star imports offer (`_bind_offered`), and re-exports
                    # them: each by its own name here, which `_bound` follows through the star import
                    for star in [t for k, t in bindings.values() if k == _STAR]:
                        starred = self._modules.get(star)
                        if starred is not None:
                            wanted += [(name, f"{module}.{name}") for name in sorted(self._star_names(starred))
                                       if name not in bindings]
                for name, target in wanted:
                    bound, further = self._bound(target)
                    read |= further
                    if bound is not None and is_reexport(f"{module}.{name}", bound):
                        entries[f"{module}.{name}"] = bound
            known = self._offers[relpath] = entries, read
        return known

    def original_file(self, bound: str) -> str | None:
        """The file of the module a guessed entry's original (`pkg.query_utils.Q`) is defined in, if the project's."""
        return self._modules.get(bound.rsplit(".", 1)[0])


def _read(folder: str, relpath: str) -> bytes:
    """A file's bytes (b"" when it cannot be read), by its path under `folder` as text: making a
    Path of each file cost a tenth of reading every file's imports."""
    try:
        with open(os.path.join(folder, relpath), "rb") as handle:
            return handle.read()
    except OSError:
        return b""


@functools.cache
def reader_digest() -> bytes:
    """A digest of this module's source: imports stored by another version of how they are read
    (or of what is stored) are read again, not misread."""
    try:
        return hashlib.sha256(Path(__file__).read_bytes()).digest()
    except OSError:  # no source to read: the pattern alone
        return hashlib.sha256(_IMPORT.pattern).digest()


def import_order(root: Path, files: Sequence[str], cache: ResultCache | None = None,
                 roots: SourceRoots = SourceRoots()) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """The files, each after the project files it imports (as far as import cycles allow), and those imports.

    Imports are read from the text with a pattern, not parsed: an import it misreads (in a
    string, continued over lines) only costs a round of analysis, never a result. Inside an
    import cycle, the imports at module level decide the order (Python must run those first;
    the ones in a function usually break the cycle). With a `cache`, a file's imports are read
    again only when its content or the file list changed.
    """
    modules: dict[str, str] = {}  # made at the first file whose imports are not in the cache (8 ms on Django)
    resolved: dict[str, str | None] = {}  # the same imports recur in many files
    statements: dict[tuple[bytes | None, bytes | None, bytes | None, str], tuple[str, ...]] = {}
    found: dict[str, tuple[str, ...]] = {}
    folder = os.fspath(root)
    context = ""
    if cache is not None:
        context = hashlib.sha256(b"\0".join([reader_digest(), *(f.encode() for f in roots.folders), b"",
                                              *(f.encode() for f in files)])).hexdigest()
    for relpath in files:
        known = cache.imports(relpath, context) if cache is not None else None
        if known is not None:
            found[relpath] = known
            continue
        if not modules:
            modules = {roots.module_of(f): f for f in files}
        # the bytes the cache just hashed, when it did: the imports stored under that hash are read from them
        raw = cache.last_read(relpath) if cache is not None else None
        if raw is None:
            raw = _read(folder, relpath)
        found[relpath] = _file_imports(raw, relpath, roots.module_of(relpath), modules, resolved, statements)
        if cache is not None:
            cache.remember_imports(relpath, context, found[relpath])
    top = {f: imports[:imports.index("")] for f, imports in found.items()}
    deps = {f: tuple(sorted(i for i in imports if i)) for f, imports in found.items()}
    order: list[str] = []
    for component in _cycles_first(files, deps):
        order.extend(component if len(component) == 1 else _depth_first(component, top))
    return order, deps
