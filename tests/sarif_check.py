"""Test helper for every test that produces SARIF: both schemas and the consumer checklist.

Import it as `from sarif_check import assert_valid_sarif` (pytest puts `tests/` on the path).
The shared folder (schemas, `check_sarif.py`) sits beside the repository: in the working
checkout at /work/shared, in CI beside the clone, so it is found relative to this file.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs in the test environment

SHARED = Path(__file__).resolve().parents[2] / "shared"
SARIF_DIR = SHARED / "sarif"
SCHEMAS = ("sarif-schema-2.1.0.json", "github-sarif-schema-2.1.0.json")

Check = Callable[..., list[tuple[str, str, str]]]


@functools.cache
def _validators() -> tuple[tuple[str, Any], ...]:
    """Return (schema file name, validator) for both SARIF schemas, each built once."""
    validators = []
    for name in SCHEMAS:
        schema = json.loads((SARIF_DIR / name).read_text(encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        validators.append((name, cls(schema, format_checker=cls.FORMAT_CHECKER)))
    return tuple(validators)


@functools.cache
def _checker() -> Check:
    """Return `check()` of the shared check_sarif.py, imported by path."""
    spec = importlib.util.spec_from_file_location("shared_check_sarif", SARIF_DIR / "check_sarif.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {SARIF_DIR / 'check_sarif.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    check: Check = module.check
    return check


def assert_valid_sarif(text: str) -> dict[str, Any]:
    """Return the parsed SARIF log `text` after checking it.

    Raises AssertionError listing every problem when the log is not JSON, breaks either
    schema (the OASIS one and the copy GitHub validates uploads against), or when the
    shared checklist reports an ERROR or a WARN (INFO lines are allowed).
    """
    doc: dict[str, Any] = json.loads(text)
    problems: list[str] = []
    for name, validator in _validators():
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
            where = "/".join(map(str, error.absolute_path)) or "(root)"
            problems.append(f"{name}: {where}: {error.message}")
    for check_id, severity, message in _checker()(doc, text.encode("utf-8")):
        if severity in ("ERROR", "WARN"):
            problems.append(f"{severity} {check_id} {message}")
    assert not problems, "invalid SARIF:\n" + "\n".join(problems)
    return doc
