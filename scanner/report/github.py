"""GitHub Actions workflow commands: one annotation per unsuppressed finding, skipped file and notice.

    ::error file=app/chat.py,line=7,col=5,endLine=7,endColumn=30,title=PS401 forbidden-category-logged::user.content is ...
    ::error file=app/broken.py,line=3,title=policyscan could not analyse (syntax-error)::invalid syntax
    policyscan: 1 finding (1 error, 0 warnings, 0 notes) in 14 files; 1 file could not be analysed.

GitHub turns each `::level ...::message` line of a step's log into an annotation on the file
and line (on the pull request's diff when the line is in it). Levels map error -> error,
warning -> warning, note -> notice. Suppressed findings are left out, as GitHub has no notion
of suppression. Paths are relative to the repository root: `path_prefix` is where the scan
root lies in the repository ("" at the root, else "sub/dir/").

Escaping follows GitHub's runner (actions/toolkit `core/src/command.ts`): in the message
`%`, `\\r` and `\\n` become `%25`, `%0D` and `%0A`; in property values `:` and `,` are also
escaped, as `%3A` and `%2C`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from scanner.errors import Problem
from scanner.model import Finding, Level, Notice, NoticeLevel, RunResult, Skip
from scanner.report.paths import folder_prefix, with_prefix
from scanner.report.wording import could_not, plural, unanalysed

SRCROOT = "%SRCROOT%"

# GitHub's annotation commands; a note is a "notice".
_COMMAND = {
    Level.ERROR: "error",
    Level.WARNING: "warning",
    Level.NOTE: "notice",
    NoticeLevel.ERROR: "error",
    NoticeLevel.WARNING: "warning",
    NoticeLevel.NOTE: "notice",
}


def escape_data(text: str) -> str:
    """Return `text` escaped as a workflow command's message (`%`, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Return `text` escaped as a workflow command's property value (`%`, CR, LF, `:`, `,`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, properties: Iterable[tuple[str, str | int | None]]) -> str:
    """Return one workflow command line `::name k=v,...::message`, leaving out properties that are None."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties if value is not None)
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def repository_root(start: Path, environ: Mapping[str, str]) -> Path | None:
    """Return the repository that holds `start`: $GITHUB_WORKSPACE when it does, else the
    nearest folder upwards with a `.git` entry, else None. Reads the file system, raises nothing.
    """
    start = start.resolve()
    workspace = environ.get("GITHUB_WORKSPACE")
    if workspace:
        candidate = Path(workspace).resolve()
        if start == candidate or candidate in start.parents:
            return candidate
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def path_prefix_for(root: Path, environ: Mapping[str, str]) -> str:
    """Return where the scan root `root` lies in its repository: "" at the repository root (or
    outside any repository), else the relative folder with a trailing "/" ("services/api/").
    """
    repository = repository_root(root, environ)
    return "" if repository is None else folder_prefix(root, repository)


def rebase_sarif(text: str, repository: str) -> str:
    """Return the SARIF log `text` with its %SRCROOT%-relative URIs made relative to `repository`.

    GitHub reads a relative `artifactLocation.uri` as relative to the repository root and
    ignores `uriBaseId`; a scan of a sub-folder must therefore name its files from the
    repository root. Every URI based on %SRCROOT% gets the scan root's folder in front, and
    %SRCROOT% itself becomes the repository's URI, so other consumers resolve the same files.
    `repository` is an absolute POSIX path. The log is returned unchanged when it has no
    %SRCROOT% base, when the scan root is the repository or lies outside it. Serialised with
    sorted keys, two-space indent and a final newline; raises ValueError for text that is
    not JSON.
    """
    log = json.loads(text)
    changed = False
    for run in log.get("runs", []):
        base = run.get("originalUriBaseIds", {}).get(SRCROOT)
        if not isinstance(base, dict) or not isinstance(base.get("uri"), str):
            continue
        scan_root = PurePosixPath(unquote(urlsplit(base["uri"]).path))
        repo = PurePosixPath(repository)
        if scan_root == repo or repo not in scan_root.parents:
            continue
        prefix = quote(scan_root.relative_to(repo).as_posix()) + "/"
        _prefix_uris(run, prefix)
        base["uri"] = "file://" + quote(repo.as_posix().rstrip("/") + "/", safe="/:")
        changed = True
    return json.dumps(log, sort_keys=True, indent=2) + "\n" if changed else text


def _prefix_uris(value: object, prefix: str) -> None:
    """Prefix, in place, the `uri` of every artifact location based on %SRCROOT% under `value`."""
    if isinstance(value, dict):
        if value.get("uriBaseId") == SRCROOT and isinstance(value.get("uri"), str):
            value["uri"] = prefix + value["uri"]
        for key, item in value.items():
            if key != "originalUriBaseIds":
                _prefix_uris(item, prefix)
    elif isinstance(value, list):
        for item in value:
            _prefix_uris(item, prefix)


def categorise_sarif(text: str, category: str) -> str:
    """Return the SARIF log `text` with every run's `automationDetails.id` set to `category` + "/".

    GitHub tells analyses of one commit apart by tool and category, and reads the category
    from `automationDetails.id` (up to its last "/"). upload-sarif's `category` input is used
    only when the log has no `automationDetails`, and policyscan always writes one
    ("policyscan/"), so the action sets it here. Serialised with sorted keys, two-space indent
    and a final newline; raises ValueError for text that is not JSON or an empty category.
    """
    if not category.strip("/"):
        raise ValueError("the code scanning category must not be empty")
    log = json.loads(text)
    automation_id = category if category.endswith("/") else category + "/"
    for run in log.get("runs", []):
        run["automationDetails"] = {**run.get("automationDetails", {}), "id": automation_id}
    return json.dumps(log, sort_keys=True, indent=2) + "\n"


def prepare_sarif_file(sarif_file: str, *, repository: str, category: str) -> None:
    """Rewrite `sarif_file` in place for upload to GitHub: paths from `repository` (see
    `rebase_sarif`) and the run's category (see `categorise_sarif`). The composite action's step.

    Raises OSError when the file cannot be read or written, ValueError when it is not JSON or
    the category is empty.
    """
    path = Path(sarif_file)
    text = path.read_text(encoding="utf-8")
    prepared = categorise_sarif(rebase_sarif(text, Path(repository).resolve().as_posix()), category)
    if prepared != text:
        path.write_text(prepared, encoding="utf-8")


def render_problems(problems: Iterable[Problem], title: str, environ: Mapping[str, str]) -> str:
    """Return one `::error` command per problem of a run that stopped before analysing (exit 2),
    at its file, line and column, so that a broken inventory or configuration is annotated on
    the line to edit as findings are. A problem's path is as the error names it (absolute, or
    relative to the current folder); it is given relative to its repository when inside one.
    A problem of a folder (no inventory in the root) or of no file is annotated on the run only,
    its path (if any) in front of its message.
    Raises nothing.
    """
    lines = []
    for problem in problems:
        file = None
        if problem.path and Path(problem.path).is_file():
            resolved = Path(problem.path).resolve()
            repository = repository_root(resolved.parent, environ)
            file = resolved.relative_to(repository).as_posix() if repository is not None else problem.path
        lines.append(command("error", problem.message if file is not None else str(problem), (
            ("file", file),
            ("line", problem.line if file is not None else None),
            ("col", problem.column if file is not None and problem.line is not None else None),
            ("title", title),
        )))
    return "".join(line + "\n" for line in lines)


def render_github(run: RunResult, *, path_prefix: str = "") -> str:
    """Return the workflow commands for `run`, one per line, then a plain summary line; final newline.

    Unsuppressed findings come first (sorted by place; those already in a baseline left out),
    then skipped files (as errors), then notices. `path_prefix` is the scan root's folder
    relative to the repository root ("" when they are the same). Equal inputs give identical
    text. Raises nothing.
    """
    names = {rule.id: rule.name for rule in run.rules}
    # Findings already in the baseline the run compared with are not new: not annotated.
    active = sorted(
        (f for f in run.findings if f.suppression is None and f.baseline_state != "unchanged"), key=lambda f: f.sort_key
    )
    lines = [_finding(f, names.get(f.rule_id, ""), path_prefix) for f in active]
    lines += (_skip(skip, path_prefix) for skip in run.skips)
    lines += (_notice(notice, path_prefix) for notice in run.notices)
    lines.append(_summary(run, active))
    return "\n".join(lines) + "\n"


def _finding(finding: Finding, rule_name: str, path_prefix: str) -> str:
    span = finding.span
    # GitHub rejects columns on an annotation that spans several lines (toolkit's
    # AnnotationProperties: "cannot be sent when startLine and endLine are different").
    one_line = span.start_line == span.end_line
    return command(
        _COMMAND[finding.level],
        finding.message,
        (
            ("file", with_prefix(finding.path, path_prefix)),
            ("line", span.start_line),
            ("col", span.start_column if one_line else None),
            ("endLine", span.end_line),
            ("endColumn", span.end_column if one_line else None),
            ("title", f"{finding.rule_id} {rule_name}".rstrip()),
        ),
    )


def _skip(skip: Skip, path_prefix: str) -> str:
    return command(
        "error",
        skip.message,
        (
            ("file", with_prefix(skip.path, path_prefix)),
            ("line", skip.line),
            ("col", skip.column if skip.line is not None else None),
            ("title", f"policyscan {could_not(skip)} ({skip.reason.value})"),
        ),
    )


def _notice(notice: Notice, path_prefix: str) -> str:
    title = f"policyscan {notice.code}" if notice.code else "policyscan"
    return command(
        _COMMAND[notice.level],
        notice.message,
        (
            ("file", with_prefix(notice.path, path_prefix) if notice.path is not None else None),
            ("line", notice.line if notice.path is not None else None),
            ("col", notice.column if notice.path is not None and notice.line is not None else None),
            ("title", title),
        ),
    )



def _summary(run: RunResult, active: list[Finding]) -> str:
    """A plain log line (not a command): what the annotations add up to."""
    levels = Counter(f.level for f in active)
    text = (
        f"policyscan: {plural(len(active), 'finding')} ({plural(levels[Level.ERROR], 'error')}, "
        f"{plural(levels[Level.WARNING], 'warning')}, {plural(levels[Level.NOTE], 'note')}) "
        f"in {plural(run.files_scanned, 'file')}"
    )
    suppressed = sum(1 for f in run.findings if f.suppression is not None)
    if suppressed:
        text += f"; {suppressed} suppressed"
    in_baseline = len(run.findings) - len(active) - suppressed
    if in_baseline:
        text += f"; {in_baseline} in the baseline"
    bare = sum(1 for n in run.notices if n.code == "bare-suppression")  # as the text summary counts them
    if bare:
        text += f"; {plural(bare, 'bare suppression')} ignored"
    if run.skips:
        text += "; " + unanalysed(run.skips)
    return text + "."
