"""A logger's method that is none of its type's API is a level the project added (rules/models/logging.toml,
`custom_levels`): `Models.log_sink` finds the logger's sink for it, and no other."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.packs import load_models

MODELS = load_models()


@pytest.mark.parametrize(("symbol", "rule"), [
    ("logging.Logger.info", "python.logging.personal-data"),  # a modelled method
    ("logging.Logger.security", "python.logging.personal-data"),  # a level the project added
    ("logging.Logger.audit", "python.logging.personal-data"),
    ("logging.Logger.trace", "python.logging.personal-data"),
    ("logging.Logger.setLevel", None),  # the Logger's own API
    ("logging.Logger.getChild", None),
    ("logging.Logger.append", None),  # a list known only by a logger's name
    ("logging.Logger.bind", None),  # a bound logger's context
    ("logging.Logger._log", None),  # private
    ("structlog.BoundLogger.security", None),  # only the standard logger's entry has custom levels
    ("loguru.logger.security", None),
    ("app.models.User.security", None),  # no logger
])
def test_a_loggers_other_methods_are_levels(symbol: str, rule: str | None) -> None:
    sink = MODELS.log_sink(symbol)
    assert (sink.rule if sink is not None else None) == rule
    if rule is not None:  # the engine consults the tables for it (a call no table has is skipped)
        assert MODELS.models_call(symbol)


def test_a_pack_without_custom_levels_has_none(tmp_path: Path) -> None:
    pack = tmp_path / "mylogs.toml"
    pack.write_text('[pack]\nname = "mylogs"\ndescription = "d"\n\n[[log]]\nrule = "r.log"\nlibrary = "mylogs"\n'
                    'receivers = ["mylogs.Logger"]\nmethods = ["info"]\n', encoding="utf-8")
    models = load_models([pack])
    assert models.log_sink("mylogs.Logger.info") is not None
    assert models.log_sink("mylogs.Logger.security") is None
    assert models.custom_levels == {}
