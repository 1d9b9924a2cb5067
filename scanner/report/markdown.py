"""A Markdown summary for pull-request comments and job summaries.

    <!-- policyscan -->
    ## policyscan: 2 findings

    **2 findings** (1 error, 1 warning, 0 notes) in 14 files; 1 suppressed.
    Inventory: `privacy-inventory.toml`.

    | Rule | Name | Findings |
    | --- | --- | ---: |
    | PS101 | undeclared-collection | 1 |
    ...

    ### Findings

    | Level | Rule | Location | Message |
    | --- | --- | --- | --- |
    | error | PS401 | [app/chat.py:7](app/chat.py#L7) | user.content is written to a log ... |

The first line is an HTML comment a bot can look for to update its comment instead of adding
a new one. Findings are listed most severe first, then by place, at most `MAX_ROWS` of them
followed by an "and N more" line; suppressed findings are only counted. Links point at
`link_base` + the path from the repository root (`path_prefix` + the path from the scan
root) + `#L<line>`; without `link_base` they are relative. Paths are shown from the
repository root too. Equal inputs give identical text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from urllib.parse import quote

from scanner.model import Finding, Level, Notice, RunResult, Skip
from scanner.report.paths import with_prefix
from scanner.report.wording import plural, unanalysed

MARKER = "<!-- policyscan -->"
MAX_ROWS = 50

# Characters that Markdown (or a table) would read as syntax; a backslash makes any ASCII
# punctuation literal in CommonMark, so escaping them keeps messages and paths verbatim.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LEVELS = (Level.ERROR, Level.WARNING, Level.NOTE)


def escape(text: str) -> str:
    """Return `text` as literal Markdown inline text: syntax characters escaped, line breaks as spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def link_base_for(environ: Mapping[str, str]) -> str | None:
    """Return the blob URL of the commit GitHub Actions is building ("https://github.com/o/r/blob/SHA/"),
    or None outside GitHub Actions (any of GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA unset).
    """
    server = environ.get("GITHUB_SERVER_URL")
    repository = environ.get("GITHUB_REPOSITORY")
    sha = environ.get("GITHUB_SHA")
    if not (server and repository and sha):
        return None
    return f"{server.rstrip('/')}/{repository}/blob/{sha}/"


def render_markdown(run: RunResult, *, path_prefix: str = "", link_base: str | None = None) -> str:
    """Return the Markdown summary of `run`, ending with a newline.

    `path_prefix` is the scan root's folder in the repository ("" at its root); `link_base`
    is put in front of every repository path in a link (see `link_base_for`). Raises nothing.
    """
    # Findings already in the baseline the run compared with are not new: not listed.
    active = [f for f in run.findings if f.suppression is None and f.baseline_state != "unchanged"]
    suppressed = sum(1 for f in run.findings if f.suppression is not None)
    lines = [MARKER, f"## policyscan: {_headline(len(active), run)}", ""]
    lines.append(_counts(active, run, suppressed))
    if run.inventory_path is not None:
        lines.append(f"Inventory: {_code(with_prefix(run.inventory_path, path_prefix))}.")
    lines.append("")
    if active:
        lines += _rule_table(active, run)
        lines += _findings_table(active, path_prefix, link_base)
    if run.skips:
        lines += _skips(run.skips, path_prefix, link_base)
    if run.notices:
        lines += _notices(run.notices, path_prefix, link_base)
    while lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"



def _headline(active: int, run: RunResult) -> str:
    if run.skips:
        return f"{plural(active, 'finding')}, incomplete scan" if active else "incomplete scan"
    return plural(active, "finding") if active else "no findings"


def _counts(active: list[Finding], run: RunResult, suppressed: int) -> str:
    levels = Counter(f.level for f in active)
    by_level = ", ".join(plural(levels[level], level.value) for level in _LEVELS)
    text = f"**{plural(len(active), 'finding')}** ({by_level}) in {plural(run.files_scanned, 'file')}"
    if suppressed:
        text += f"; {suppressed} suppressed"
    # as the text summary counts them (docs/baselines.md, docs/suppressions.md)
    in_baseline = len(run.findings) - len(active) - suppressed
    if in_baseline:
        text += f"; {in_baseline} in the baseline"
    bare = sum(1 for n in run.notices if n.code == "bare-suppression")
    if bare:
        text += f"; {plural(bare, 'bare suppression')} ignored"
    if run.skips:
        text += "; " + unanalysed(run.skips)
    return text + "."


def _code(text: str) -> str:
    """Inline code for a path: backticks cannot be escaped inside a code span, so use a longer fence."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _rule_table(active: list[Finding], run: RunResult) -> list[str]:
    names = {rule.id: rule.name for rule in run.rules}
    counts = Counter(f.rule_id for f in active)
    rows = [f"| {escape(rule_id)} | {escape(names.get(rule_id, ''))} | {n} |" for rule_id, n in sorted(counts.items())]
    return ["| Rule | Name | Findings |", "| --- | --- | ---: |", *rows, ""]


def _link(path: str, line: int | None, path_prefix: str, link_base: str | None) -> str:
    """A link to `path` (at `line`), its text `path:line` from the repository root."""
    target_path = with_prefix(path, path_prefix)
    text = f"{target_path}:{line}" if line is not None else target_path
    if target_path.startswith("/"):  # outside the repository (an inventory elsewhere): no link
        return escape(text)
    target = quote(target_path, errors="surrogateescape") + (f"#L{line}" if line is not None else "")
    return f"[{escape(text)}]({link_base or ''}{target})"


def _findings_table(active: list[Finding], path_prefix: str, link_base: str | None) -> list[str]:
    ordered = sorted(active, key=lambda f: (-f.level.rank, f.sort_key))
    lines = ["### Findings", "", "| Level | Rule | Location | Message |", "| --- | --- | --- | --- |"]
    for finding in ordered[:MAX_ROWS]:
        where = _link(finding.path, finding.span.start_line, path_prefix, link_base)
        lines.append(f"| {finding.level.value} | {finding.rule_id} | {where} | {escape(finding.message)} |")
    if len(ordered) > MAX_ROWS:
        lines += ["", f"_… and {plural(len(ordered) - MAX_ROWS, 'more finding')}._"]
    return lines + [""]


def _skips(skips: tuple[Skip, ...], path_prefix: str, link_base: str | None) -> list[str]:
    lines = ["### Files that could not be analysed", ""]
    for skip in skips:
        where = _link(skip.path, skip.line, path_prefix, link_base)
        lines.append(f"- {where}: {skip.reason.value}: {escape(skip.message)}")
    return lines + [""]


def _notices(notices: tuple[Notice, ...], path_prefix: str, link_base: str | None) -> list[str]:
    lines = ["### Notices", ""]
    for notice in notices:
        text = f"{notice.level.value}: {escape(notice.message)}"
        if notice.path is not None:
            text = f"{_link(notice.path, notice.line, path_prefix, link_base)}: {text}"
        lines.append(f"- {text}")
    return lines + [""]
