"""Module-level stand-ins that load a module on first use (a lazy-module proxy).

aider's `litellm = LazyLiteLLM()` defers a slow import: the class defines `__getattr__` and loads
`importlib.import_module("litellm")`, and every attribute of its instance is the module's. A call
through the instance (`litellm.completion(...)`) is that module's call, so the analyser binds the
instance's name to the module (`lazy_instances`).
"""

from __future__ import annotations

import ast

from scanner.engine.sources import callee_name
from scanner.engine.walk import walk


def lazy_module(tree: ast.Module, class_name: str) -> str | None:
    """The module a module-level class of `tree` stands in for, loading it on first use: it defines
    `__getattr__` and loads a module named by a literal with `importlib.import_module("litellm")`
    (aider's `LazyLiteLLM`, whose instance `litellm` defers a slow import and hands out the module's
    attributes). A call through its instance (`litellm.transcription(...)`) is that module's call.
    None for any other class."""
    cls = next((stmt for stmt in tree.body if isinstance(stmt, ast.ClassDef) and stmt.name == class_name), None)
    if cls is None or not any(isinstance(stmt, ast.FunctionDef) and stmt.name == "__getattr__" for stmt in cls.body):
        return None
    loaded = {node.args[0].value for node in walk(cls) if isinstance(node, ast.Call) and node.args
              and callee_name(node) == "import_module" and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)}
    return loaded.pop() if len(loaded) == 1 else None


def lazy_instances(tree: ast.Module) -> dict[str, str]:
    """The module-level names bound to an instance of a lazy-module class of `tree` (`lazy_module`),
    with the module each stands for (`{"litellm": "litellm"}`)."""
    found: dict[str, str] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name):
            loaded = lazy_module(tree, stmt.value.func.id)
            if loaded is not None:
                found[stmt.targets[0].id] = loaded
    return found
