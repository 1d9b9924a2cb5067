"""Discovery: which files a run analyses, in a stable order, whatever order the folders list them in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scanner.discovery import _Globs, discover, glob_match, named_left_out
from scanner.errors import Problem, UsageError

TREE = (
    "app/__init__.py",
    "app/views.py",
    "app/models.py",
    "app/README.md",
    "app/migrations/0001_initial.py",
    "app/tests/test_views.py",
    "app/build/generated.py",  # a built-in exclude, wherever it is
    "pkg.egg-info/setup.py",  # a built-in name pattern (*.egg-info)
    ".venv/lib/site.py",
    "node_modules/x/y.py",
    "scripts/tool.py",
    "scripts/tool.pyi",
    "z/a/b/c/deep.py",
    "a-b/x.py",
    "a/b.py",
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    base = tmp_path / "project"
    for relpath in TREE:
        (base / relpath).parent.mkdir(parents=True, exist_ok=True)
        (base / relpath).write_text("x = 1\n")
    return base


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        (("**/*.py",), (), ("a-b/x.py", "a/b.py", "app/__init__.py", "app/migrations/0001_initial.py", "app/models.py",
                            "app/tests/test_views.py", "app/views.py", "scripts/tool.py", "z/a/b/c/deep.py")),
        (("**/*.py",), ("tests", "migrations/*.py", "z/**"),  # a pattern with a folder is anchored at the root
         ("a-b/x.py", "a/b.py", "app/__init__.py", "app/migrations/0001_initial.py", "app/models.py", "app/views.py",
          "scripts/tool.py")),
        (("**/*.py",), ("app/*.py", "*-b"), ("a/b.py", "app/migrations/0001_initial.py", "app/tests/test_views.py",
                                             "scripts/tool.py", "z/a/b/c/deep.py")),
        (("scripts/*", "**/deep.py"), ("*.py",), ("scripts/tool.pyi",)),
        (("*.md", "**/*.pyi"), (), ("app/README.md", "scripts/tool.pyi")),
        (("**/*.py",), ("**/test_*.py", "a?b"), ("a/b.py", "app/__init__.py", "app/migrations/0001_initial.py",
                                               "app/models.py", "app/views.py", "scripts/tool.py", "z/a/b/c/deep.py")),
    ],
)
def test_discovery_lists_included_files_minus_excluded_ones(root: Path, include: tuple[str, ...],
                                                            exclude: tuple[str, ...], expected: tuple[str, ...]) -> None:
    found = discover(root, include=include, exclude=exclude)
    assert found.files == expected
    assert found.notes == ()


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        (["app"], ("app/__init__.py", "app/migrations/0001_initial.py", "app/models.py", "app/tests/test_views.py",
                   "app/views.py")),
        (["app/views.py", "scripts"], ("app/views.py", "scripts/tool.py")),
        (["app/build/generated.py"], ()),  # named, but excluded
        (["scripts/tool.pyi", "app/README.md"], ("scripts/tool.pyi",)),
        (["app/build"], ()),
    ],
)
def test_targets_limit_the_walk(root: Path, targets: list[str], expected: tuple[str, ...]) -> None:
    assert discover(root, [root / t for t in targets]).files == expected


def test_a_link_to_a_file_of_the_tree_lists_the_file_once_under_its_own_path(root: Path) -> None:
    # The file was analysed twice, once under the link's path (and SARIF named the link).
    os.symlink(root / "app" / "views.py", root / "a" / "views.py")
    os.symlink("../app/build/generated.py", root / "a" / "gen.py")  # relative, to a file an exclude leaves out
    found = discover(root)
    assert "a/views.py" not in found.files and "a/gen.py" not in found.files
    assert found.files.count("app/views.py") == 1 and "app/build/generated.py" in found.files
    assert found.notes == ()


def test_a_dangling_link_is_left_out_with_a_note(root: Path) -> None:
    # It made the scan incomplete (exit 3, 'could not analyse'): there is no code in it to analyse.
    os.symlink(root / "app" / "not_generated_yet.py", root / "app" / "generated.py")
    found = discover(root)
    assert "app/generated.py" not in found.files and "app/not_generated_yet.py" not in found.files
    assert found.notes == (Problem("app/generated.py", None, "left out: a link to a file that does not exist"),)


def test_a_named_file_left_out_is_a_note_saying_why(root: Path) -> None:
    # A file named on the command line used to give no finding and no word when an exclude
    # covered it or it was not Python: the user who named it is told, and it stays out (as
    # ruff's --force-exclude: pre-commit names every staged file, excluded ones too).
    found = discover(root, [root / t for t in ("app/build/generated.py", "app/views.py", "app/README.md",
                                              "app/tests/test_views.py")], exclude=("tests",))
    assert found.files == ("app/views.py",)
    assert found.notes == (
        Problem("app/README.md", None, "left out: not a Python file (a .py or .pyi file, or one that include in"
                " [tool.policyscan] matches)"),
        Problem("app/build/generated.py", None, "left out: inside 'build', a folder policyscan never scans"),
        Problem("app/tests/test_views.py", None, "left out: excluded by 'tests' (exclude in [tool.policyscan])"),
    )


def test_a_named_folder_left_out_is_a_note_saying_why(root: Path) -> None:
    # A folder named on the command line that exclude (or a built-in exclude) covers gave no file
    # and no word ('Found 0 findings in 0 files'), as named files did before: it says why now.
    targets = [root / t for t in ("app/tests", "app/build", "z/a", "app/migrations")]
    found = discover(root, targets, exclude=("tests", "z/**"))
    assert found.files == ("app/migrations/0001_initial.py",)
    expected = (
        Problem("app/build", None, "left out: inside 'build', a folder policyscan never scans"),
        Problem("app/tests", None, "left out: excluded by 'tests' (exclude in [tool.policyscan])"),
        Problem("z/a", None, "left out: excluded by 'z/**' (exclude in [tool.policyscan])"),
    )
    assert found.notes == expected
    # the same without walking anything, for a changed-files run; the root itself is never left out
    assert named_left_out(root, [*targets, root, root / "app/views.py"], exclude=("tests", "z/**")) == expected


def test_a_missing_or_outside_target_is_a_usage_error(root: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.py").write_text("")
    with pytest.raises(UsageError) as caught:
        discover(root, [root / "missing.py", tmp_path / "outside.py"])
    assert [p.message for p in caught.value.problems] == ["no such file or folder", f"is outside the scan root {root}"]


def test_links_to_files_outside_the_root_are_left_out_with_notes_in_walk_order(root: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.py").write_text("")
    for link in ("z/link.py", "a-b/link.py", "a/link.py", "app/migrations/link.py"):
        os.symlink(tmp_path / "secret.py", root / link)
    os.symlink(root / "app" / "views.py", root / "app" / "inside.py")
    found = discover(root)
    assert "app/views.py" in found.files and "app/inside.py" not in found.files  # the file, once
    assert [n.path for n in found.notes] == ["a/link.py", "a-b/link.py", "app/migrations/link.py", "z/link.py"]
    assert {n.message for n in found.notes} == {"left out: a link to a file outside the scan root"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("remember", [False, True])
def test_a_named_pipe_is_left_out_with_a_note(root: Path, tmp_path: Path, remember: bool) -> None:
    # Reading a pipe named like a Python file would wait for a writer forever: the scan hung.
    os.mkfifo(root / "app" / "pipe.py")
    hour_ago = (root / "app").stat().st_mtime_ns - 3_600_000_000_000
    os.utime(root / "app", ns=(hour_ago, hour_ago))  # old enough for a walk to keep its listing
    keep = tmp_path / "kept"
    for _ in range(2 if remember else 1):  # a second walk, from what the first kept, says it again
        found = discover(root, remember=keep) if remember else discover(root)
        assert "app/pipe.py" not in found.files and "app/views.py" in found.files
        assert found.notes == (Problem("app/pipe.py", None, "left out: not a regular file"),)


def test_an_unreadable_folder_is_a_note(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 0 would not stop root (CI runs as root), so the listing itself is refused
    unreadable = root / "app" / "migrations"
    scandir = os.scandir

    def refusing(path: str) -> object:
        if Path(path) == unreadable:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    found = discover(root)
    assert found.notes == (Problem("app/migrations", None, "left out: the folder cannot be read (Permission denied)"),)
    assert not any(f.startswith("app/migrations/") for f in found.files)


@pytest.mark.parametrize(
    ("pattern", "matching", "not_matching"),
    [
        ("build", ["build", "a/build", "a/build/x.py"], ["builds", "a/rebuild"]),
        ("*.egg-info", ["x.egg-info", "a/x.egg-info/y.py"], ["x.egg-infos", "egg-info.py"]),
        ("a?b", ["a-b", "x/a_b/y"], ["ab", "a/b"]),
        ("migrations/*.py", ["migrations/x.py"], ["app/migrations/x.py", "migrations/a/x.py"]),
        ("**/migrations/*.py", ["migrations/x.py", "app/migrations/x.py"], ["app/migrations/a/x.py"]),
        ("**/*.py", ["x.py", "a/b/x.py"], ["x.pyi", "x.py/y"]),
        ("z/**", ["z/a", "z/a/b.py"], ["y/z/a"]),
    ],
)
def test_compiled_globs_mean_what_glob_match_means(pattern: str, matching: list[str], not_matching: list[str]) -> None:
    globs = _Globs([pattern, "unrelated-name"])
    for path in matching:
        assert glob_match(path, pattern) and globs.match(path), path
    for path in not_matching:
        assert not glob_match(path, pattern) and not globs.match(path), path
    # the walk's check of a path's last part, the folders above it having been checked already
    for path in matching + not_matching:
        name = path.rsplit("/", 1)[-1]
        assert globs.match_last(name, path) == globs.match(path, last_only=True), path


def _age(base: Path, seconds: int = 3600) -> None:
    """Make every folder under `base` look last modified `seconds` ago (older than a racy walk)."""
    then = int(os.stat(base).st_mtime) - seconds
    for folder in [base, *(p for p in base.rglob("*") if p.is_dir())]:
        os.utime(folder, (then, then))


def _listing_count(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    listed: list[str] = []
    real = os.scandir

    def counting(path: str) -> object:
        listed.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr("scanner.discovery.os.scandir", counting)
    return listed


def test_a_remembered_walk_lists_again_only_the_folders_modified_since(
        root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memo = tmp_path / "cache" / "listing.pickle"
    _age(root)
    first = discover(root, remember=memo)
    assert first == discover(root)
    listed = _listing_count(monkeypatch)
    assert discover(root, remember=memo) == first and listed == []
    # a file added to one folder changes that folder's time: only it is listed again
    (root / "app" / "forms.py").write_text("x = 1\n")
    again = discover(root, remember=memo)
    assert listed == ["app"] and again.files == tuple(sorted((*first.files, "app/forms.py")))
    # the folder just modified is not remembered (its time may not change again within a tick)
    listed.clear()
    assert discover(root, remember=memo) == again and listed == ["app"]
    # other patterns do not use what the walk remembered
    listed.clear()
    assert discover(root, remember=memo, exclude=("tests",)).files == tuple(
        f for f in again.files if "/tests/" not in f) and listed[0] == "project"


def test_a_remembered_walk_is_not_used_for_targets_or_an_unreadable_file(
        root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memo = tmp_path / "listing.pickle"
    _age(root)
    discover(root, remember=memo)
    listed = _listing_count(monkeypatch)
    assert discover(root, [root / "app"], remember=memo).files == (
        "app/__init__.py", "app/migrations/0001_initial.py", "app/models.py", "app/tests/test_views.py", "app/views.py")
    assert sorted(listed) == ["app", "migrations", "tests"]
    memo.write_bytes(b"\x80\x05not a pickle")
    listed.clear()
    assert discover(root, remember=memo) == discover(root) and "app" in listed


def test_a_walk_that_remembers_nothing_reads_no_folder_times(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stated: list[str] = []
    real = os.stat

    def counting(path: object, *args: object, **kwargs: object) -> os.stat_result:
        stated.append(os.fspath(path))  # type: ignore[arg-type]
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("scanner.discovery.os.stat", counting)
    assert discover(root).files
    assert set(stated) <= {os.fspath(root)}  # the root is checked to exist; no folder's time is read


def test_a_link_that_loops_or_leads_to_a_folder_is_said_as_what_it_is(root: Path) -> None:
    # Both were 'left out: a link to a file that does not exist', which sent the user looking for
    # a missing file: one loops (a.py -> b.py -> a.py), the other is a folder with a module's name.
    os.symlink("loop_b.py", root / "app" / "loop_a.py")
    os.symlink("loop_a.py", root / "app" / "loop_b.py")
    os.symlink("migrations", root / "app" / "helpers.py")
    found = discover(root)
    assert not {"app/loop_a.py", "app/loop_b.py", "app/helpers.py"} & set(found.files)
    loops = "left out: a link that loops (it leads back to itself, never to a file)"
    assert found.notes == (
        Problem("app/helpers.py", None, "left out: a link to a folder (links to folders are not followed)"),
        Problem("app/loop_a.py", None, loops),
        Problem("app/loop_b.py", None, loops),
    )


def test_a_python_file_whose_name_is_not_utf8_is_set_apart(root: Path) -> None:
    # Its name came with surrogate escapes, which every report failed to encode (an internal error).
    with open(os.fsencode(root / "app") + b"/caf\xe9.py", "wb") as handle:
        handle.write(b"x = 1\n")
    os.symlink("nowhere.py", os.fsencode(root / "app") + b"/l\xe9nk.py")
    found = discover(root)
    assert found.misnamed == (os.fsdecode(b"app/caf\xe9.py"),) and all(f.isascii() for f in found.files)
    assert found.notes == (Problem("app/l\\xe9nk.py", None, "left out: a link to a file that does not exist"),)
    assert discover(root, [root / "app" / os.fsdecode(b"caf\xe9.py")]).misnamed == found.misnamed
