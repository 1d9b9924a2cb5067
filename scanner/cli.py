"""The `policyscan` command line: parses options, calls the library, maps errors to exit codes.

Exit codes (scanner.errors.ExitCode): 0 nothing at or above --fail-on, 1 findings, 2 usage,
configuration, inventory or rule-pack error, 3 the scan was incomplete (or an internal error).
Click's own errors and uncaught exceptions never exit 1.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

import click

from scanner import __version__
from scanner.errors import ExitCode, PolicyscanError, Problem, UsageError
from scanner.model import Level, NoticeLevel, RunResult

FORMATS_SCAN = ("text", "json", "sarif", "github", "markdown")
FORMATS_OBSERVE = ("text", "json")

# One instance of each parameter type, shared by every option that takes it (a type holds no
# state of a parse): a click.Path looks up the translation of its name when it is made, which
# searches the locale folders for every language in the environment; made once per option, the
# 17 of them cost every run, a pre-commit run included, about 2.6 M instructions (0.17%).
_ANY_PATH = click.Path(path_type=Path)
_FILE = click.Path(path_type=Path, dir_okay=False)
_FOLDER = click.Path(path_type=Path, file_okay=False)
_WORKERS = click.IntRange(min=0)


def _color(stream: object) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to a value (https://no-color.org:
    an empty NO_COLOR does not count, so `NO_COLOR= cmd` keeps the colours)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def _to_stdout(output: Path | None) -> bool:
    """Whether a report goes to standard output: no `-o`, or `-o -` (the usual name for it)."""
    return output is None or str(output) == "-"


def _shown(path: Path) -> str:
    """A file the command wrote, as the user can open it from here: relative to the current folder
    when it is under it (a default file of the root, which is the current folder's absolute path
    when no PATH is given), else as it is."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _text_prefix(root: Path) -> str:
    """The text report's path prefix: the root's folder from the current one ("services/chat/").

    Text is for a person at a terminal, who opens `services/chat/main.py:8` from where they ran
    the command, as ruff, mypy and pytest name files; JSON and SARIF keep paths relative to the
    root (SARIF's %SRCROOT%), which tools join with the root they are given.
    """
    from scanner.report.paths import folder_prefix

    return folder_prefix(root, Path.cwd())


def _write(text: str, output: Path | None) -> None:
    if output is None or _to_stdout(output):
        click.echo(text, nl=False)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        # a path that is not UTF-8 (a root or inventory in latin-1) is written as the bytes it is
        output.write_text(text, encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise UsageError([Problem(str(output), None, f"cannot write the report: {exc.strerror or exc}")]) from exc


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for the scan (erased at the end), or None off a terminal or in CI."""
    from scanner.progress import ProgressBar, progress_enabled

    if not progress_enabled(sys.stderr, os.environ):
        yield None
        return
    bar = ProgressBar(sys.stderr)
    try:
        yield bar
    finally:
        bar.close()


def _root_and_targets(paths: Sequence[Path], root: Path | None) -> tuple[Path, list[Path] | None]:
    """The scan root and the targets under it: one folder is the root; files are targets under --root (or .)."""
    for path in paths:
        if not path.exists():
            raise UsageError([Problem(str(path), None, "no such file or folder")])
    if root is not None:
        if not root.is_dir():
            raise UsageError([Problem(str(root), None, "--root is not a folder")])
        return root, list(paths) or None
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0], None
    if not paths:
        return Path.cwd(), None
    return Path.cwd(), list(paths)


def _root_and_target(path: Path | None, root: Path | None) -> tuple[Path, list[Path] | None]:
    """`_root_and_targets` for a command of one optional PATH: without it, the --root, or the
    current folder as the root."""
    return _root_and_targets([path] if path is not None else [] if root is not None else [Path(".")], root)


def _exit_code(run: RunResult, fail_on: Level, exit_zero: bool) -> int:
    if not run.complete:
        return ExitCode.INCOMPLETE
    # Suppressed findings and those already in the baseline never fail the scan.
    failing = [
        f for f in run.findings
        if f.suppression is None and f.baseline_state != "unchanged" and f.level.rank >= fail_on.rank
    ]
    if failing and not exit_zero:
        return ExitCode.FINDINGS
    return ExitCode.CLEAN


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policyscan")
def cli() -> None:
    """policyscan: compare what Python code does with personal data to a privacy-policy inventory."""


def _cache_options(command: Callable[..., int]) -> Callable[..., int]:
    """--no-cache and --cache-dir, for the commands that analyse code."""
    # POLICYSCAN_CACHE_DIR is read as the option's value, so a file given there is the same usage
    # error as with --cache-dir (it was a warning at the end of the run, the cache quietly unused)
    command = click.option("--cache-dir", type=_FOLDER, default=None, envvar="POLICYSCAN_CACHE_DIR", show_envvar=True,
                           help="Where to keep the result cache (default: .policyscan_cache at the root).")(command)
    return click.option("--no-cache", is_flag=True, help="Analyse every file again; neither read nor write the result cache.")(command)


@cli.command()
@click.argument("path", type=_ANY_PATH, required=False)
@click.option("--root", type=_FOLDER, help="The project root (default: PATH when it is a folder, else the current folder).")
@click.option("--format", "fmt", type=click.Choice(FORMATS_OBSERVE), default="text", show_default=True,
              help="Text for people; json: the detection contract's form, for tools.")
@click.option("-o", "--output", type=_FILE, help="Write the report to a file (`-`: standard output).")
@click.option("--explain", is_flag=True, help="Say why each observation was made (the pattern and the flow).")
@click.option("--jobs", "-j", type=_WORKERS, default=None, help="Worker processes (0: automatic).")
@_cache_options
def observe(path: Path | None, root: Path | None, fmt: str, output: Path | None, explain: bool, jobs: int | None,
            no_cache: bool, cache_dir: Path | None) -> int:
    """List every observation under PATH (collect, share, cookie, log), before any comparison.

    A file as PATH lists that file's observations; the whole root is analysed for what the file
    uses of other modules, so give the project's folder as --root when it is not the current one.
    """
    from scanner.config import load_config, with_overrides
    from scanner.report.json_report import render_json
    from scanner.report.text import render_text
    from scanner.runner import run

    root, targets = _root_and_target(path, root)
    config = with_overrides(load_config(root.resolve()), jobs=jobs)
    with _progress() as progress:
        result = run(root, config=config, command="observe", targets=targets, progress=progress,
                     cache=not no_cache, cache_dir=cache_dir)
    if fmt == "json":
        _write(render_json(result, explain=explain), output)
    else:
        _write(render_text(result, color=_to_stdout(output) and _color(sys.stdout), explain=explain,
                           path_prefix=_text_prefix(root)), output)
    return ExitCode.CLEAN if result.complete else ExitCode.INCOMPLETE


@cli.command()
@click.argument("paths", nargs=-1, type=_ANY_PATH)
@click.option("--root", type=_FOLDER, help="The project root (default: PATH when it is one folder, else the current folder).")
@click.option("--inventory", "inventory_file", type=_FILE, help="The policy inventory (TOML).")
@click.option("--format", "fmt", type=click.Choice(FORMATS_SCAN), default="text", show_default=True,
              help="Text for people; json for tools; sarif (2.1.0) for code scanning and editors; github: "
                   "workflow commands that annotate a GitHub Actions run; markdown: a summary for a "
                   "pull-request comment.")
@click.option("-o", "--output", type=_FILE, help="Write the report to a file instead of standard output (`-`: standard output still).")
@click.option("--sarif-output", type=_FILE, help="Also write SARIF to this file.")
@click.option("--sarif-suppressed", type=click.Choice(("include", "omit")), default="include", show_default=True,
              help="Keep suppressed results in SARIF (with `suppressions`) or drop them (GitHub ignores suppressions).")
@click.option("--fail-on", type=click.Choice([level.value for level in Level]), default=None,
              help="Exit 1 when a finding is at or above this level (default: warning, or [tool.policyscan] fail_on).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (errors still exit 2 or 3).")
@click.option("--jobs", "-j", type=_WORKERS, default=None, help="Worker processes (0: automatic).")
@click.option("--baseline", "baseline_file", type=_FILE,
              help="Report and fail only on findings that are not in this baseline (see `policyscan baseline create`).")
@click.option("--diff", "diff_ref", metavar="REF",
              help="Report only findings in files changed since the git revision REF, or untracked (the whole tree is still analysed).")
@click.option("--staged", is_flag=True,
              help="Report only findings in the files staged for commit (the whole tree is still analysed).")
@click.option("--sarif-fixes/--no-sarif-fixes", default=False, show_default=True,
              help="Give SARIF results the source fixes `policyscan fix` would apply, for editors to offer "
                   "(computed with libcst; off by default: it costs a parse of every file with a fixable finding).")
@_cache_options
def scan(
    paths: tuple[Path, ...],
    root: Path | None,
    inventory_file: Path | None,
    fmt: str,
    output: Path | None,
    sarif_output: Path | None,
    sarif_suppressed: str,
    fail_on: str | None,
    exit_zero: bool,
    jobs: int | None,
    baseline_file: Path | None,
    diff_ref: str | None,
    staged: bool,
    sarif_fixes: bool,
    no_cache: bool,
    cache_dir: Path | None,
) -> int:
    """Observe the code under PATHS, compare it with the policy inventory, and report the differences."""
    from scanner.config import load_config, with_overrides
    from scanner.report import Format, render
    from scanner.runner import run

    if diff_ref is not None and staged:
        raise click.UsageError("--diff and --staged cannot be used together")
    try:
        scan_root, targets = _root_and_targets(list(paths), root)
        config = with_overrides(load_config(scan_root.resolve()), fail_on=fail_on, jobs=jobs)
        changed = None
        if diff_ref is not None or staged:
            from scanner import vcs

            changed = vcs.staged(scan_root) if staged else vcs.changed_since(scan_root, diff_ref or "")
        with _progress() as progress:
            result = run(scan_root, config=config, command="scan", targets=targets, inventory_file=inventory_file,
                         progress=progress, baseline_file=baseline_file, changed=changed,
                         fixes=sarif_fixes and (fmt == "sarif" or sarif_output is not None),
                         cache=not no_cache, cache_dir=cache_dir)
    except PolicyscanError as error:
        if fmt == "github":
            # A run stopped by a broken inventory or configuration annotates the line to edit, as
            # findings are (the messages still go to stderr, and the exit code stays 2).
            from scanner.report.github import render_problems

            click.echo(render_problems(error.problems, f"policyscan {error.kind}", os.environ), nl=False)
        raise
    color = fmt == "text" and _to_stdout(output) and _color(sys.stdout)
    path_prefix, link_base = (_text_prefix(scan_root) if fmt == "text" else ""), None
    if fmt in ("github", "markdown"):  # paths and links from the repository root, as GitHub shows them
        from scanner.report.github import path_prefix_for
        from scanner.report.markdown import link_base_for

        path_prefix, link_base = path_prefix_for(scan_root, os.environ), link_base_for(os.environ)
    provenance = None
    if fmt == "sarif" or sarif_output is not None:  # a few git questions, asked only for SARIF
        from scanner.vcs import provenance as git_provenance

        provenance = git_provenance(scan_root)
    _write(render(result, Format(fmt), color=color, sarif_suppressed=sarif_suppressed, path_prefix=path_prefix,
                  link_base=link_base, provenance=provenance), output)
    if sarif_output is not None:
        _write(render(result, Format.SARIF, sarif_suppressed=sarif_suppressed, provenance=provenance), sarif_output)
    return _exit_code(result, config.fail_on, exit_zero)


@cli.command("fix")
@click.argument("paths", nargs=-1, type=_ANY_PATH)
@click.option("--root", type=_FOLDER, help="The project root (default: PATH when it is one folder, else the current folder).")
@click.option("--inventory", "inventory_file", type=_FILE, help="The policy inventory (TOML).")
@click.option("--rule", "rules", multiple=True, metavar="ID", help="Fix only findings of this rule (repeat for several).")
@click.option("--add-suppressions", "reason", metavar="REASON",
              help="Instead of fixing code, add `# policyscan: ignore[RULE] REASON` for each current finding.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the changes and change no file.")
@click.option("--jobs", "-j", type=_WORKERS, default=None, help="Worker processes (0: automatic).")
@_cache_options
def fix(
    paths: tuple[Path, ...],
    root: Path | None,
    inventory_file: Path | None,
    rules: tuple[str, ...],
    reason: str | None,
    show_diff: bool,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
) -> int:
    """Rewrite the code under PATHS so that findings go away, keeping formatting and comments.

    Cookie calls get the attributes the inventory requires (PS302); personal values passed to
    log calls go through [tool.policyscan] redact_function (PS401, PS501). Reports each change
    by file and line. Exits 0 when it fixed or had nothing to fix, 2 when a file could not be
    read, parsed or written (such a file is never changed) or on a usage error.
    """
    from scanner.catalog import RULES_BY_ID
    from scanner.config import load_config, with_overrides
    from scanner.fix.command import plan_fixes, problems_text, render_diff, render_report, write_fixes
    from scanner.report.paths import with_prefix
    from scanner.runner import run

    wanted = tuple(dict.fromkeys(rule.strip().upper() for rule in rules))
    unknown = [rule for rule in wanted if rule not in RULES_BY_ID]
    if unknown:
        raise UsageError([Problem("--rule", None, f"unknown rule id '{rule}'; known: {', '.join(RULES_BY_ID)}")
                          for rule in unknown])
    scan_root, targets = _root_and_targets(list(paths), root)
    config = with_overrides(load_config(scan_root.resolve()), jobs=jobs)
    if reason is not None:
        reason = reason.strip()
        if "\n" in reason or "\r" in reason:
            raise UsageError([Problem("--add-suppressions", None, "the reason must be one line")])
        if not reason and config.require_suppression_reason:
            raise UsageError([Problem("--add-suppressions", None, "a reason is required (require_suppression_reason)")])
    context = None
    if reason is None:
        from scanner.fix import context_for, require_libcst
        from scanner.inventory import load_inventory
        from scanner.runner import resolve_inventory

        require_libcst()
        inventory_path = resolve_inventory(scan_root.resolve(), config, inventory_file)
        if inventory_path is not None:
            context = context_for(config, load_inventory(inventory_path))
    with _progress() as progress:
        result = run(scan_root, config=config, command="scan", targets=targets, inventory_file=inventory_file,
                     progress=progress, cache=not no_cache, cache_dir=cache_dir)
    prefix = _text_prefix(scan_root)
    for skip in result.skips:
        click.echo(f"policyscan: note: {with_prefix(skip.path, prefix)} could not be analysed ({skip.reason.value}) "
                   "and is left as it is", err=True)
    plan = plan_fixes(result, context, rules=wanted or None, suppress=reason)
    problems = list(plan.problems)
    if show_diff:
        # bytes: each file's lines in its own encoding, as `git apply` matches them
        stdout = click.get_binary_stream("stdout")
        stdout.write(render_diff(plan, path_prefix=prefix))
        stdout.flush()
        click.echo(render_report(plan, applied=False, path_prefix=prefix), nl=False, err=True)
    else:
        problems.extend(write_fixes(plan))
        click.echo(render_report(plan, applied=True, path_prefix=prefix), nl=False)
    click.echo(problems_text(problems), nl=False, err=True)
    return ExitCode.USAGE if problems else ExitCode.CLEAN


@cli.command("sarif-for-github")
@click.argument("sarif_file", type=_FILE)
@click.option("--category", required=True, help="The code scanning category of this analysis (one per scanned project).")
@click.option("--repository", type=_FOLDER, default=None,
              help="The repository's root folder (default: $GITHUB_WORKSPACE when it holds the current folder, "
                   "else the git repository that does).")
def sarif_for_github(sarif_file: Path, category: str, repository: Path | None) -> int:
    """Rewrite a SARIF log of `scan` in place for upload to GitHub code scanning without the action.

    GitHub reads SARIF paths from the repository root and ignores uriBaseId, so a scan of a
    sub-folder must name its files from there; and upload-sarif's category is ignored when the
    log has an automationDetails.id, which policyscan writes. This sets both, as the composite
    action does before its upload.
    """
    from scanner.report.github import prepare_sarif_file, repository_root

    folder = repository if repository is not None else repository_root(Path.cwd(), os.environ)
    if folder is None:
        raise UsageError([Problem(str(Path.cwd()), None, "not inside a git repository: pass --repository DIR")])
    try:
        prepare_sarif_file(str(sarif_file), repository=str(folder), category=category)
    except (OSError, ValueError) as error:
        raise UsageError([Problem(str(sarif_file), None, str(error))]) from error
    return ExitCode.CLEAN


@cli.group("baseline")
def baseline_group() -> None:
    """Record today's findings so that `scan --baseline FILE` reports only new ones."""


@baseline_group.command("create")
@click.argument("paths", nargs=-1, type=_ANY_PATH)
@click.option("--root", type=_FOLDER, help="The project root (default: PATH when it is one folder, else the current folder).")
@click.option("--inventory", "inventory_file", type=_FILE, help="The policy inventory (TOML).")
@click.option("-o", "--output", type=_FILE,
              help="The baseline file to write (default: .policyscan-baseline.json in the project root; `-`: standard output).")
@click.option("--jobs", "-j", type=_WORKERS, default=None, help="Worker processes (0: automatic).")
@_cache_options
def baseline_create(
    paths: tuple[Path, ...], root: Path | None, inventory_file: Path | None, output: Path | None, jobs: int | None,
    no_cache: bool, cache_dir: Path | None,
) -> int:
    """Scan PATHS and write every unsuppressed finding to a baseline file.

    Exits 0 when the baseline is written, 3 when it is written but some files could not be
    analysed (their findings are missing from it), 2 on a usage, configuration or inventory error.
    """
    from scanner.baseline import DEFAULT_BASELINE, baseline_from_findings, render_baseline
    from scanner.config import load_config, with_overrides
    from scanner.runner import run

    scan_root, targets = _root_and_targets(list(paths), root)
    config = with_overrides(load_config(scan_root.resolve()), jobs=jobs)
    with _progress() as progress:
        result = run(scan_root, config=config, command="scan", targets=targets, inventory_file=inventory_file,
                     progress=progress, cache=not no_cache, cache_dir=cache_dir)
    baseline = baseline_from_findings(result.findings)
    destination = output if output is not None else scan_root / DEFAULT_BASELINE
    _write(render_baseline(baseline), destination)
    _echo_what_is_missing(result)
    if not _to_stdout(destination):  # standard output holds the baseline itself
        count = len(baseline.entries)
        click.echo(f"Wrote {count} finding{'s' if count != 1 else ''} to {_shown(destination)}")
    return ExitCode.CLEAN if result.complete else ExitCode.INCOMPLETE


def _echo_what_is_missing(result: RunResult) -> None:
    """Say on stderr what a written baseline or draft inventory may be missing: files that could
    not be analysed, errors of the run, files discovery left out (a named file that exclude
    covers gave an empty baseline or draft and no word), and web frameworks the code imports that
    policyscan does not model (what their requests bring is in neither)."""
    from scanner.coverage import CODE as UNMODELLED_FRAMEWORK
    from scanner.report.text import notice_line, skip_line

    prefix = _text_prefix(Path(result.root))
    for skip in result.skips:
        click.echo(skip_line(skip, prefix), err=True)
    for notice in result.notices:
        if notice.level is NoticeLevel.ERROR or notice.code in ("discovery", UNMODELLED_FRAMEWORK):
            click.echo(notice_line(notice, prefix), err=True)


@cli.group()
def inventory() -> None:
    """Work with policy inventories."""


@inventory.command("check")
@click.argument("file", type=_FILE)
def inventory_check(file: Path) -> int:
    """Validate an inventory and list every problem with its line."""
    from scanner.inventory import check_inventory, draft_message, draft_placeholders, inventory_warnings

    problems = check_inventory(file)
    # Near-duplicates change nothing the inventory means: listed with the problems, in line
    # order, but never a reason to fail.
    warnings = inventory_warnings(file)
    for line in sorted(problems + warnings, key=lambda p: (p.line or 0, p.column or 0)):
        click.echo(str(line), err=True)
    warned = f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''})" if warnings else ""
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {file}{warned}", err=True)
        return ExitCode.USAGE
    todo = draft_placeholders(file)
    if todo:
        # Valid, and a scan against it passes, but it still describes the code, not the policy.
        click.echo(f"{file}: valid{warned}, but {draft_message(todo)}")
        return ExitCode.CLEAN
    click.echo(f"{file}: valid{warned}")
    return ExitCode.CLEAN


DEFAULT_INVENTORY = "privacy-inventory.toml"


@inventory.command("init")
@click.argument("path", type=_ANY_PATH, required=False)
@click.option("--root", type=_FOLDER, help="The project root (default: PATH when it is a folder, else the current folder).")
@click.option("-o", "--output", type=_FILE,
              help=f"The inventory to write (default: [tool.policyscan] inventory, else {DEFAULT_INVENTORY} in the "
                   "project root; `-`: standard output).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--jobs", "-j", type=_WORKERS, default=None, help="Worker processes (0: automatic).")
@_cache_options
def inventory_init(path: Path | None, root: Path | None, output: Path | None, force: bool, jobs: int | None,
                   no_cache: bool, cache_dir: Path | None) -> int:
    """Write a draft inventory that declares what the code under PATH does today.

    The draft declares the categories collected, the recipients and what they receive, the
    cookies set and the categories logged, each with the places in the code that made it; its
    purposes and sections are TODO placeholders to fill in from the real privacy policy.
    Exits 0 when it is written, 3 when it is written but some files could not be analysed
    (what they do is missing from it), 2 on a usage error or when the file exists (no --force).
    """
    from scanner.config import load_config, with_overrides
    from scanner.inventory_draft import draft_inventory
    from scanner.runner import run

    root, targets = _root_and_target(path, root)
    config = with_overrides(load_config(root.resolve()), jobs=jobs)
    # where scan will look for it: [tool.policyscan] inventory when set (a draft written beside it
    # under the default name would be one the scan never reads), else the default name
    destination = output if output is not None else root / (config.inventory or DEFAULT_INVENTORY)
    # checked before the analysis, so that a refusal costs nothing
    if not _to_stdout(destination) and destination.is_dir():
        # [tool.policyscan] inventory naming a folder: --force analysed everything, then failed to write
        raise UsageError([Problem(str(destination), None, "is a folder, not a file: the draft needs a file's name"
                                  " (-o, or inventory in [tool.policyscan])")])
    if not force and not _to_stdout(destination) and (destination.exists() or destination.is_symlink()):
        raise UsageError([Problem(str(destination), None, "the file exists; give --force to overwrite it")])
    with _progress() as progress:
        result = run(root, config=config, command="observe", targets=targets, progress=progress,
                     cache=not no_cache, cache_dir=cache_dir)
    _write(draft_inventory(result.observations), destination)
    _echo_what_is_missing(result)
    if not _to_stdout(destination):
        click.echo(f"Wrote a draft inventory to {_shown(destination)}: check it against the privacy policy and fill in every TODO")
    return ExitCode.CLEAN if result.complete else ExitCode.INCOMPLETE


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line and exit with a code from scanner.errors.ExitCode."""
    # One run of a command line makes many objects and next to no reference cycles; the cyclic
    # collector would rescan the run's results again and again (it costs a third of a warm run).
    gc.disable()
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="policyscan", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.exceptions.Abort:
        click.echo("policyscan: interrupted", err=True)
        code = 130
    except click.ClickException as exc:  # click's usage errors, bad parameters, missing files
        exc.show()
        code = ExitCode.USAGE
    except PolicyscanError as exc:
        for problem in exc.problems:
            click.echo(f"policyscan: error: {problem}", err=True)
        code = exc.exit_code
    except KeyboardInterrupt:
        click.echo("policyscan: interrupted", err=True)
        code = 130
    except Exception:  # an internal error must not look like "findings" (exit 1)
        import traceback  # only now: a run without an internal error does not pay its import

        traceback.print_exc()
        click.echo("policyscan: internal error; please report it with the traceback above", err=True)
        code = ExitCode.INCOMPLETE
    sys.exit(int(code or 0))


def entry() -> NoReturn:
    """The `policyscan` command and `python -m scanner`: `main`, then the process ends without the
    interpreter's finalisation.

    Freeing a run's objects one by one at exit (its results and summaries, the memos of names and
    symbols) took half a second after a one-worker scan of Django, 6% of the run. By then every
    file the run wrote is closed, the cache is saved and the workers are joined (`main` returns
    only then), so the standard streams are flushed and the process exits with `main`'s code.
    Tests call `main`, which raises SystemExit as usual.
    """
    code = 0
    try:
        main()
    except SystemExit as exc:
        if isinstance(exc.code, str):
            click.echo(exc.code, err=True)
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing more to say
            stream.flush()
    os._exit(code)
