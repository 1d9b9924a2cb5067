"""One renderer per output format, each a pure function of a `RunResult`.

Renderers never see the engine: everything they show is in the run result, and equal
run results give identical text.
"""

from __future__ import annotations

import enum
import importlib
from typing import Any, assert_never

from scanner.model import Provenance, RunResult

__all__ = ["Format", "render", "render_github", "render_json", "render_markdown", "render_sarif", "render_text"]

SUPPRESSED_MODES = ("include", "omit")
"""How SARIF treats suppressed results: keep them (with `suppressions`) or leave them out."""

# Each renderer is imported when it is first used: the SARIF one brings in sarif-om and attrs,
# which a text report for pre-commit has no use for (start-up time matters there).
_RENDERERS = {
    "render_github": "scanner.report.github",
    "render_json": "scanner.report.json_report",
    "render_markdown": "scanner.report.markdown",
    "render_sarif": "scanner.report.sarif",
    "render_text": "scanner.report.text",
}


def __getattr__(name: str) -> Any:
    module = _RENDERERS.get(name)
    if module is None:
        raise AttributeError(f"module 'scanner.report' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


class Format(enum.StrEnum):
    """The output formats `--format` accepts."""

    SARIF = "sarif"
    JSON = "json"
    TEXT = "text"
    GITHUB = "github"
    MARKDOWN = "markdown"


def render(
    run: RunResult,
    fmt: Format,
    *,
    color: bool = False,
    sarif_suppressed: str = "include",
    path_prefix: str = "",
    link_base: str | None = None,
    provenance: Provenance | None = None,
) -> str:
    """Return `run` rendered in `fmt`.

    `color` applies to text only; `sarif_suppressed` ("include" or "omit") to SARIF only;
    `path_prefix` (the scan root's folder in the repository, "" at its root) to GitHub and
    Markdown, and to text (there the root's folder from the current one, `paths.folder_prefix`);
    `provenance` (where the tree comes from in git) to SARIF only; `link_base` (the URL that repository paths are links under) to Markdown.
    Raises ValueError for an unknown `sarif_suppressed` mode, whatever the format, so a
    wrong option fails the same way with every format.
    """
    if sarif_suppressed not in SUPPRESSED_MODES:
        raise ValueError(
            f"sarif_suppressed must be one of {', '.join(SUPPRESSED_MODES)}, got {sarif_suppressed!r}"
        )
    if fmt is Format.SARIF:
        from scanner.report.sarif import render_sarif

        return render_sarif(run, suppressed=sarif_suppressed, provenance=provenance)
    if fmt is Format.JSON:
        from scanner.report.json_report import render_json

        return render_json(run)
    if fmt is Format.TEXT:
        from scanner.report.text import render_text

        return render_text(run, color=color, path_prefix=path_prefix)
    if fmt is Format.GITHUB:
        from scanner.report.github import render_github

        return render_github(run, path_prefix=path_prefix)
    if fmt is Format.MARKDOWN:
        from scanner.report.markdown import render_markdown

        return render_markdown(run, path_prefix=path_prefix, link_base=link_base)
    assert_never(fmt)
