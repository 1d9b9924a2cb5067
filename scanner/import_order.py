"""The order in which a run analyses files: each after the project files it imports.

Imports are read from the text with a pattern, not parsed (reading is a small part of a run
that the cache can skip); import cycles are found with Tarjan's algorithm and ordered by
their module-level imports.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from scanner.cache import ResultCache
from scanner.engine.imports import SourceRoots

# An import statement at the start of a line (its indentation first). Lines are found by the word
# first: searching for a pattern anchored at every line start is eight times slower.
_IMPORT = re.compile(rb"([ \t]*)(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\(?)([\w., \t]*)|import[ \t]+([\w., \t]+))")
_IMPORT_WORD = re.compile(rb"import[ \t]")
_COMMENT = re.compile(rb"#[^\n]*")


def _import_statements(raw: bytes) -> Iterator[tuple[bytes | None, bytes | None, bytes | None, bytes | None]]:
    """(indentation, from-module, imported names, plain import) for each line of `raw` that starts
    with an import statement. The names of a parenthesised from-import are read to its closing
    parenthesis, over its lines (`from django.db import (\n    connection,\n    models,\n)`: a
    name may be a module, here `django.db.models`), comments left out."""
    line = -1
    for word in _IMPORT_WORD.finditer(raw):
        start = raw.rfind(b"\n", 0, word.start()) + 1
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
            yield indent, base, names, plain


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
    base = base_raw.decode("ascii", "replace")
    names = names_raw.decode("ascii", "replace") if names_raw is not None else ""
    level = len(base) - len(base.lstrip("."))
    name = base[level:]
    if level:
        up = package[:len(package) - (level - 1)] if level - 1 <= len(package) else []
        name = ".".join([*up, name] if name else up)
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
    package = own.split(".") if own else []
    below = ""  # the folder of a package's submodules
    if relpath.endswith("__init__.py"):
        below = relpath[:-len("__init__.py")]
    else:
        package = package[:-1]
    top: set[str] = set()
    nested: set[str] = set()
    context = ".".join(package)
    for indent, base, names, plain in _import_statements(raw):
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
    modules = {roots.module_of(f): f for f in files}
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
