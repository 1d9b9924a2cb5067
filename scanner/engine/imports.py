"""Names bound by imports, resolved to qualified names.

`from flask import request as r` binds `r` to `flask.request`; `import openai` binds
`openai`; relative imports are resolved against the module's own package, so a helper
imported from the project keeps a stable qualified name.
"""

from __future__ import annotations

import ast


def module_name(path: str) -> str:
    """The dotted module name of a POSIX path relative to the scanned root."""
    parts = path[:-3].split("/") if path.endswith(".py") else path.split("/")
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(p for p in parts if p)


def import_bindings(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[tuple[str, str]]:
    """The (local name, qualified name) pairs an import statement binds."""
    bindings: list[tuple[str, str]] = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                bindings.append((alias.asname, alias.name))
            else:
                first = alias.name.split(".", 1)[0]
                bindings.append((first, first))
        return bindings
    base = node.module or ""
    if node.level:
        package = module.split(".") if module else []
        if not is_package:
            package = package[:-1]
        up = node.level - 1
        if up > len(package):
            package = []
        elif up:
            package = package[:-up]
        base = ".".join([*package, base] if base else package)
    for alias in node.names:
        if alias.name == "*":
            continue
        local = alias.asname or alias.name
        bindings.append((local, f"{base}.{alias.name}" if base else alias.name))
    return bindings
