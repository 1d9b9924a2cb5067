"""`policyscan inventory init`: a draft inventory that declares what the code does, valid and clean."""

from __future__ import annotations

import fnmatch
import json
import shutil
from pathlib import Path

import pytest
from cli_support import cli
from sarif_check import assert_valid_sarif

from scanner.inventory import check_inventory, load_inventory
from scanner.inventory_draft import cookie_glob

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

HEAD = """\
# A DRAFT policy inventory, written by `policyscan inventory init` from the code as it is.
# It describes what the code does today, not what the privacy policy promises: check every
# declaration against the real policy, remove what the policy does not allow (and change the
# code), and replace each TODO with the policy's words and the section that says it.
# Each declaration's comment names one or two places in the code that made it.
# The format: docs/inventory.md.

version = 1
policy = "TODO: the privacy policy's name"
"""

# fixtures/mismatch/clean: one collect, one share, one cookie, one log
CLEAN_DRAFT = HEAD + """
[[collect]]
categories = [
    "user.name",  # app.py:27
]
purposes = ["TODO: why, in the policy's words"]
section = "TODO: the policy section that discloses this"

[[recipients]]
name = "Sentry"  # app.py:20
categories = [
    "user.unique_id",  # app.py:20
]
purposes = ["TODO: why, in the policy's words"]
section = "TODO: the policy section that discloses this"

[[cookies]]
name = "theme"  # app.py:41
purpose = "TODO: why, in the policy's words"
section = "TODO: the policy section that discloses this"

[logging]
allow = [
    "user.unique_id",  # app.py:31
]
section = "TODO: the policy section that discloses this"
"""


def copy_fixture(name: str, to: Path) -> Path:
    """The fixture's code without its inventory (and without any result cache)."""
    root = to / "tree"
    shutil.copytree(FIXTURES / name, root, ignore=shutil.ignore_patterns(".policyscan_cache", "privacy-inventory.toml"))
    return root


def test_init_writes_the_exact_draft_for_a_small_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_fixture("mismatch/clean", tmp_path)
    code, out, err = cli(["inventory", "init", str(root), "--no-cache"], capsys)
    written = root / "privacy-inventory.toml"
    assert (code, err) == (0, "")
    assert out == f"Wrote a draft inventory to {written}: check it against the privacy policy and fill in every TODO\n"
    assert written.read_text(encoding="utf-8") == CLEAN_DRAFT


@pytest.mark.parametrize("fixture", ["mismatch/clean", "example_service"])
def test_the_draft_is_valid_and_a_scan_against_it_is_clean(
    fixture: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_fixture(fixture, tmp_path)
    draft = tmp_path / "draft.toml"
    assert cli(["inventory", "init", str(root), "--no-cache", "-o", str(draft)], capsys)[0] == 0
    assert check_inventory(draft) == []
    code, out, err = cli(["inventory", "check", str(draft)], capsys)
    assert (code, err) == (0, "")
    assert out.startswith(f"{draft}: valid, but still a draft: ")
    code, out, _ = cli(["scan", str(root), "--no-cache", "--inventory", str(draft), "--fail-on", "note"], capsys)
    assert code == 0
    # no finding; one note (no exit code) that the inventory is still init's draft
    lines = out.splitlines()
    assert lines[0].startswith(f"{draft.as_posix()}:9: note: the inventory is still a draft: ")
    assert lines[2].startswith("Found 0 findings (0 errors, 0 warnings, 0 notes)")


def test_check_names_the_lines_left_to_write_in_a_draft_and_not_in_the_finished_inventory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The draft is valid and a scan against it is clean, so a team could commit it as it is:
    # inventory check says which lines still hold init's placeholders (exit 0 all the same).
    draft = tmp_path / "draft.toml"
    draft.write_text(CLEAN_DRAFT, encoding="utf-8")
    assert cli(["inventory", "check", str(draft)], capsys) == (
        0,
        f"{draft}: valid, but still a draft: 8 TODO placeholders left (lines 9, 15, 16, 23, 24, 28, 29, 35); "
        "replace each with the policy's words and section\n",
        "",
    )
    lines = CLEAN_DRAFT.splitlines()
    lines[8] = 'policy = "Example Privacy Policy"'
    lines[14] = 'purposes = ["provide the service"]'
    lines[15] = 'section = "  TODO 2.1"'  # a placeholder is found after spaces too
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli(["inventory", "check", str(draft)], capsys)[1] == (
        f"{draft}: valid, but still a draft: 6 TODO placeholders left (lines 16, 23, 24, 28, 29, 35); "
        "replace each with the policy's words and section\n"
    )
    finished = "\n".join(line.replace("TODO: ", "") for line in CLEAN_DRAFT.splitlines()) + "\n"
    draft.write_text(finished, encoding="utf-8")
    assert cli(["inventory", "check", str(draft)], capsys) == (0, f"{draft}: valid\n", "")


def test_a_scan_against_a_draft_says_so_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A draft committed as it is makes every scan clean: CI logs and code scanning say it is one.
    root = copy_fixture("mismatch/clean", tmp_path)
    (root / "privacy-inventory.toml").write_text(CLEAN_DRAFT, encoding="utf-8")
    note = ("the inventory is still a draft: 8 TODO placeholders left (lines 9, 15, 16, 23, 24, 28, 29, 35); "
            "replace each with the policy's words and section")
    code, out, _ = cli(["scan", str(root), "--no-cache"], capsys)
    assert (code, out.splitlines()[:2]) == (0, [f"privacy-inventory.toml:9: note: {note}", ""])
    doc = json.loads(cli(["scan", str(root), "--no-cache", "--format", "json"], capsys)[1])
    assert [(n["code"], n["level"], n["path"], n["line"], n["message"]) for n in doc["notices"]] == [
        ("draft-inventory", "note", "privacy-inventory.toml", 9, note)
    ]
    sarif = assert_valid_sarif(cli(["scan", str(root), "--no-cache", "--format", "sarif"], capsys)[1])
    [notification] = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert (notification["level"], notification["message"]["text"]) == ("note", note)
    # once the placeholders are replaced, nothing is said
    (root / "privacy-inventory.toml").write_text(CLEAN_DRAFT.replace("TODO: ", ""), encoding="utf-8")
    assert "draft" not in cli(["scan", str(root), "--no-cache"], capsys)[1]


def test_the_draft_is_the_same_with_one_worker_or_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_fixture("example_service", tmp_path)
    drafts = []
    for jobs in ("1", "2"):
        code, out, err = cli(["inventory", "init", str(root), "--no-cache", "-j", jobs, "-o", "-"], capsys)
        assert (code, err) == (0, "")
        drafts.append(out)
    assert drafts[0] == drafts[1]
    # each declaration's comment names at most two places and counts the rest
    assert '"user.content",  # app/api/schemas.py:11, app/api/schemas.py:18 (and 5 more)' in drafts[0]
    assert not (root / "privacy-inventory.toml").exists()  # `-o -` writes no file


def test_init_refuses_to_overwrite_a_file_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_fixture("mismatch/clean", tmp_path)
    existing = root / "privacy-inventory.toml"
    existing.write_text("# mine\n", encoding="utf-8")
    code, out, err = cli(["inventory", "init", str(root), "--no-cache"], capsys)
    assert (code, out) == (2, "")
    assert err == f"policyscan: error: {existing}: the file exists; give --force to overwrite it\n"
    assert existing.read_text(encoding="utf-8") == "# mine\n"
    assert cli(["inventory", "init", str(root), "--no-cache", "--force"], capsys)[0] == 0
    assert existing.read_text(encoding="utf-8") == CLEAN_DRAFT


def test_init_writes_the_inventory_pyproject_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A team that set [tool.policyscan] inventory first got privacy-inventory.toml beside it, a
    # draft the scan never reads (it then stopped: the configured file does not exist).
    root = copy_fixture("mismatch/clean", tmp_path)
    (root / "pyproject.toml").write_text('[tool.policyscan]\ninventory = "policy/inventory.toml"\n', encoding="utf-8")
    code, out, err = cli(["inventory", "init", str(root), "--no-cache"], capsys)
    written = root / "policy" / "inventory.toml"
    assert (code, err) == (0, "")
    assert out == f"Wrote a draft inventory to {written}: check it against the privacy policy and fill in every TODO\n"
    assert written.read_text(encoding="utf-8") == CLEAN_DRAFT
    assert not (root / "privacy-inventory.toml").exists()
    code, out, _ = cli(["scan", str(root), "--no-cache", "--fail-on", "note"], capsys)
    assert (code, out.splitlines()[-1]) == (0, "Found 0 findings (0 errors, 0 warnings, 0 notes) in 1 file.")
    assert out.startswith("policy/inventory.toml:9: note: the inventory is still a draft")
    code, _, err = cli(["inventory", "init", str(root), "--no-cache"], capsys)
    assert (code, err) == (2, f"policyscan: error: {written}: the file exists; give --force to overwrite it\n")
    assert cli(["inventory", "init", str(root), "--no-cache", "-o", str(tmp_path / "other.toml")], capsys)[0] == 0


def test_init_to_a_folder_is_refused_before_the_analysis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # [tool.policyscan] inventory naming a folder was 'the file exists; give --force', and with
    # --force the whole tree was analysed before 'cannot write the report: Is a directory'.
    root = copy_fixture("mismatch/clean", tmp_path)
    (root / "policy").mkdir()
    (root / "pyproject.toml").write_text('[tool.policyscan]\ninventory = "policy"\n', encoding="utf-8")
    for force in ([], ["--force"]):
        code, out, err = cli(["inventory", "init", str(root), *force], capsys)
        assert (code, out) == (2, "")
        assert err == (f"policyscan: error: {root / 'policy'}: is a folder, not a file: the draft needs a file's name"
                       " (-o, or inventory in [tool.policyscan])\n")
    assert not (root / ".policyscan_cache").exists()  # refused before any analysis
    assert list((root / "policy").iterdir()) == []


def test_a_tree_that_does_nothing_gets_a_valid_inventory_that_allows_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "app.py").write_text("print('hello')\n", encoding="utf-8")
    draft = tmp_path / "privacy-inventory.toml"
    assert cli(["inventory", "init", str(tmp_path), "--no-cache"], capsys)[0] == 0
    assert draft.read_text(encoding="utf-8") == HEAD + (
        '\n[logging]\nallow = []\nsection = "TODO: the policy section that discloses this"\n'
    )
    assert check_inventory(draft) == []


def test_files_that_cannot_be_analysed_are_named_and_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_fixture("broken", tmp_path)
    code, _, err = cli(["inventory", "init", str(root), "--no-cache"], capsys)
    assert code == 3
    assert "syntax_error.py" in err and "could not analyse" in err
    # what the good file does is still declared
    assert check_inventory(root / "privacy-inventory.toml") == []


def test_a_cookie_name_with_glob_characters_is_declared_as_exactly_itself() -> None:
    for name in ("ab[1]", "pref*", "q?", "plain"):
        glob = cookie_glob(name)
        assert fnmatch.fnmatchcase(name, glob)
        assert not fnmatch.fnmatchcase(name + "x", glob)
    assert cookie_glob("ab[1]") == "ab[[]1]"
    assert cookie_glob("plain") == "plain"


def test_the_written_draft_loads_as_an_inventory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_fixture("mismatch/clean", tmp_path)
    assert cli(["inventory", "init", str(root), "--no-cache"], capsys)[0] == 0
    inventory = load_inventory(root / "privacy-inventory.toml")
    assert [d.category for d in inventory.collect] == ["user.name"]
    assert [(r.name, r.categories) for r in inventory.recipients] == [("Sentry", ("user.unique_id",))]
    assert [c.name for c in inventory.cookies] == ["theme"]
    assert inventory.logging.allow == ("user.unique_id",)


def test_names_are_written_as_toml_strings_that_read_back_the_same() -> None:
    import tomllib

    from scanner.inventory_draft import toml_string

    for text in ('a"b', "back\\slash", "line\nbreak", "del\x7f", "ctl\x01", "é"):
        assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def test_init_says_which_named_file_it_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A draft of a named file that exclude covers was empty, with no word of why.
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "generated.py").write_text("from flask import request\n\nemail = request.form['email']\n",
                                                   encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.policyscan]\nexclude = ["app/gen*.py"]\n', encoding="utf-8")
    code, out, err = cli(["inventory", "init", str(tmp_path / "app" / "generated.py"), "--root", str(tmp_path),
                          "--no-cache", "-o", "-"], capsys)
    assert code == 0
    assert "[[collect]]" not in out
    assert err == "app/generated.py: warning: left out: excluded by 'app/gen*.py' (exclude in [tool.policyscan])\n"
