"""Names bound by imports, resolved to qualified names.

`from flask import request as r` binds `r` to `flask.request`; `import openai` binds
`openai`; relative imports are resolved against the module's own package, so a helper
imported from the project keeps a stable qualified name.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


def module_name(path: str) -> str:
    """The dotted module name of a POSIX path relative to the scanned root."""
    parts = path[:-3].split("/") if path.endswith(".py") else path.split("/")
    if parts[-1] == "__init__":
        del parts[-1]
    # every file of a run is named (twice on a warm one): the filter only when a part is empty
    return ".".join(parts) if "" not in parts else ".".join([p for p in parts if p])


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # never compared, hashed or printed: see packs.py
class SourceRoots:
    """The folders whose contents are top-level modules, as POSIX paths relative to the scanned
    root ("" for the root itself), deepest first: in a src layout `src/shop/util.py` is the module
    `shop.util`, which is how the project imports it (what `sys.path` holds when it runs)."""

    folders: tuple[str, ...] = ("",)

    @staticmethod
    def of(folders: tuple[str, ...]) -> SourceRoots:
        """The roots `folders` name (POSIX, relative, "" or "." for the root), the root always among them."""
        cleaned = {"" if f.strip("/") in ("", ".") else f.strip("/") for f in folders} | {""}
        return SourceRoots(tuple(sorted(cleaned, key=lambda f: (-f.count("/") - bool(f), f))))

    def module_of(self, relpath: str) -> str:
        """The dotted module name of a file (a POSIX path relative to the scanned root): its path
        from the deepest root that holds it."""
        for folder in self.folders:
            if not folder:
                return module_name(relpath)
            if relpath.startswith(folder) and relpath[len(folder):len(folder) + 1] == "/":
                return module_name(relpath[len(folder) + 1:])
        return module_name(relpath)


def import_bindings(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[tuple[str, str]]:
    """The (local name, qualified name) pairs an import statement binds."""
    bindings: list[tuple[str, str]] = []
    if type(node) is ast.Import:  # by exact type: a failed isinstance reads the node's `__class__`
        for alias in node.names:
            name, asname = alias.name, alias.asname  # each read once (an AST node's field: a generic look-up)
            if asname:
                bindings.append((asname, name))
            else:
                first = name.split(".", 1)[0]
                bindings.append((first, first))
        return bindings
    assert isinstance(node, ast.ImportFrom)  # (true of its exact type: no `__class__` read)
    base = node.module or ""
    level = node.level
    if level:
        package = module.split(".") if module else []
        if not is_package:
            package = package[:-1]
        up = level - 1
        if up > len(package):
            package = []
        elif up:
            package = package[:-up]
        base = ".".join([*package, base] if base else package)
    for alias in node.names:
        name = alias.name
        if name == "*":
            continue
        local = alias.asname or name
        bindings.append((local, f"{base}.{name}" if base else name))
    return bindings
