"""The command line end to end: exit codes and outputs on clean, violating, broken and mixed trees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_support import INVENTORY, VIEWS, cli
from sarif_check import assert_valid_sarif

from scanner.cli import main


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def test_violating_tree_exits_1_with_ruff_like_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    code, out, err = cli(["scan", str(tmp_path)], capsys)
    assert code == 1, err
    lines = out.splitlines()
    assert lines[0] == (
        "app/views.py:12:5: PS401 [error] user.contact.email is written to a log, which the policy inventory "
        "does not allow. Observed: user.contact.email is written to a log by logging.info()."
    )
    assert len([line for line in lines if line.startswith("app/")]) == 1


def test_a_finding_on_a_line_of_two_reads_quotes_the_read_of_its_category(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # two request fields read on one line are one collect (the contract's identity: line and kind);
    # the finding about the undeclared category must quote the password's read, not the e-mail's
    two_reads = VIEWS.replace('email = request.form["email"]',
                              'email, password = request.form["email"], request.form["password"]')
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": two_reads})
    code, out, err = cli(["scan", str(tmp_path)], capsys)
    assert code == 1, err
    assert out.splitlines()[0] == (
        "app/views.py:11:23: PS101 [warning] user.authorization.credentials is collected but the policy inventory "
        "does not declare it. Observed: request field 'email' is read (user.contact.email); request field "
        "'password' is read (user.authorization.credentials)."
    )


def test_clean_tree_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = VIEWS.replace('log.info("signup from %s", email)', 'log.info("signup")')
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": clean})
    code, out, _ = cli(["scan", str(tmp_path)], capsys)
    assert code == 0
    assert "Found 0 findings" in out or "No findings" in out or "0 findings" in out


def test_fail_on_error_ignores_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    undeclared = VIEWS.replace('log.info("signup from %s", email)', 'phone = request.form["phone"]')
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": undeclared})
    assert cli(["scan", str(tmp_path)], capsys)[0] == 1
    assert cli(["scan", str(tmp_path), "--fail-on", "error"], capsys)[0] == 0
    assert cli(["scan", str(tmp_path), "--exit-zero"], capsys)[0] == 0


def test_broken_and_mixed_tree_exits_3_and_keeps_good_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {
        "privacy-inventory.toml": INVENTORY,
        "app/views.py": VIEWS,
        "app/broken.py": "def f(:\n    pass\n",
        "app/latin.py": b"# no coding cookie\nname = '\xe9'\n",
        "app/nul.py": b"x = 1\x00\n",
    })
    sarif_path = tmp_path / "out.sarif"
    code, out, err = cli(["scan", str(tmp_path), "--sarif-output", str(sarif_path)], capsys)
    assert code == 3, err
    assert "app/views.py:12:5: PS401" in out
    doc = assert_valid_sarif(sarif_path.read_text(encoding="utf-8"))
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = sorted(n["message"]["text"] for n in invocation["toolExecutionNotifications"])
    assert [n.split(":")[0] for n in notes] == [
        "could not analyse app/broken.py", "could not analyse app/latin.py", "could not analyse app/nul.py",
    ]
    assert any("syntax-error" in n for n in notes)
    assert any("decode-error" in n for n in notes)
    assert any("null-bytes" in n for n in notes)


def test_a_file_with_a_statement_too_deep_is_reported_partly_analysed_and_exits_3(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The file was skipped whole. Its other findings are reported, and its suppression comments apply
    # (a file skipped whole has none read); the scan is incomplete: the statement left out may hold data.
    deep = VIEWS.replace('    return "ok"', "    return a" + ".b" * 1500).replace(
        'log.info("signup from %s", email)', 'log.info("signup from %s", email)  # policyscan: ignore[PS401] reviewed')
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS, "app/deep.py": deep})
    code, out, err = cli(["scan", str(tmp_path)], capsys)
    assert code == 3, err
    assert [line for line in out.splitlines() if line.startswith("app/")] == [
        "app/views.py:12:5: PS401 [error] user.contact.email is written to a log, which the policy inventory "
        "does not allow. Observed: user.contact.email is written to a log by logging.info().",
        "app/deep.py:13: error: could analyse only in part: statement-too-deeply-nested: a statement nested too deeply"
        " to analyse was left out; the rest of the file is analysed",
    ]


def test_a_suppression_of_a_statement_left_out_as_too_deep_is_not_said_to_be_unused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Its comments are read (the rest of the file's findings are there), and one above the statement
    # left out was said to be 'unused suppression: no PS401 finding on line 13': the statement was
    # not analysed, so its finding is unknown, not gone (as a baseline's entries there are not gone).
    deep = VIEWS.replace('log.info("signup from %s", email)', 'log.info("signup from %s %s", email, a' + ".b" * 1500 + ")")
    deep = deep.replace('    log.info("signup', '    # policyscan: ignore[PS401] reviewed\n    log.info("signup')
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/deep.py": deep})
    code, out, err = cli(["scan", str(tmp_path), "--no-cache"], capsys)
    assert code == 3, err
    assert [line for line in out.splitlines() if line.startswith("app/")] == [
        "app/deep.py:13: error: could analyse only in part: statement-too-deeply-nested: a statement nested too deeply"
        " to analyse was left out; the rest of the file is analysed",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_left_out_and_the_scan_ends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The scan used to wait forever, reading the pipe.
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    os.mkfifo(tmp_path / "app" / "pipe.py")
    code, out, _ = cli(["scan", str(tmp_path), "--no-cache"], capsys)
    assert code == 1  # the findings of app/views.py; a file left out does not make the scan incomplete
    assert "app/pipe.py: warning: left out: not a regular file" in out.splitlines()


def test_a_named_file_that_is_excluded_or_not_python_is_left_out_with_a_notice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Named on the command line, an excluded file and a text file gave 0 findings and no word.
    write(tmp_path, {"pyproject.toml": '[tool.policyscan]\nexclude = ["app/gen*.py"]\n',
                     "privacy-inventory.toml": INVENTORY, "app/generated.py": VIEWS, "app/notes.txt": "x\n"})
    code, out, _ = cli(["scan", str(tmp_path / "app" / "generated.py"), str(tmp_path / "app" / "notes.txt"),
                        "--root", str(tmp_path), "--no-cache"], capsys)
    assert code == 0  # left out as the configuration asks: a notice, not an incomplete scan
    assert out.splitlines()[:2] == [
        "app/generated.py: warning: left out: excluded by 'app/gen*.py' (exclude in [tool.policyscan])",
        "app/notes.txt: warning: left out: not a Python file (a .py or .pyi file, or one that include in"
        " [tool.policyscan] matches)",
    ]


def test_a_link_to_a_file_of_the_tree_is_scanned_once_under_the_files_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The file was scanned twice, and SARIF named the link (SARIF GH08 asks for resolved paths).
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    os.symlink("../app/views.py", tmp_path / "views_link.py")
    code, out, _ = cli(["scan", str(tmp_path), "--no-cache", "--format", "sarif"], capsys)
    assert code == 1
    results = json.loads(out)["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == ["app/views.py"]


def test_a_dangling_link_is_a_notice_not_an_incomplete_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # It made the scan incomplete (exit 3): a link to a file not generated yet holds no code to miss.
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    os.symlink("missing.py", tmp_path / "app" / "generated.py")
    code, out, _ = cli(["scan", str(tmp_path), "--no-cache"], capsys)
    assert code == 1  # the finding of app/views.py, and nothing else
    assert "app/generated.py: warning: left out: a link to a file that does not exist" in out.splitlines()


def test_a_mistyped_inventory_setting_is_reported_at_its_line_in_pyproject(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # It was reported against the missing inventory ('cannot read the file'), not at the line to edit.
    write(tmp_path, {"pyproject.toml": '[project]\nname = "shop"\n\n[tool.policyscan]\ninventory = "privacy-inventroy.toml"\n',
                     "privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    code, out, err = cli(["scan", str(tmp_path), "--no-cache"], capsys)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"policyscan: error: {tmp_path / 'pyproject.toml'}:5:1: inventory file 'privacy-inventroy.toml' in"
        f" [tool.policyscan] does not exist under the project root {tmp_path.resolve()}"
        " (did you mean 'privacy-inventory.toml'?)"
    ]
    # --inventory replaces the setting, and observe needs none: neither is stopped by it
    assert cli(["scan", str(tmp_path), "--no-cache", "--inventory", str(tmp_path / "privacy-inventory.toml")],
               capsys)[0] == 1
    assert cli(["observe", str(tmp_path), "--no-cache"], capsys)[0] == 0


def test_an_inventory_setting_naming_a_folder_says_it_is_a_folder_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # It said the folder 'does not exist under the project root', which it did, as a folder.
    write(tmp_path, {"pyproject.toml": '[tool.policyscan]\ninventory = "policy"\n',
                     "policy/privacy.toml": INVENTORY, "policy/pyproject.toml": "", "app/views.py": VIEWS})
    code, out, err = cli(["scan", str(tmp_path), "--no-cache"], capsys)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"policyscan: error: {tmp_path / 'pyproject.toml'}:2:1: inventory file 'policy' in [tool.policyscan] is a"
        f" folder under the project root {tmp_path.resolve()}, not a file: name the inventory file (it holds"
        " 'policy/privacy.toml')"
    ]
    (tmp_path / "policy" / "privacy.toml").unlink()
    code, _, err = cli(["scan", str(tmp_path), "--no-cache"], capsys)
    assert code == 2 and err.rstrip().endswith("not a file: name the inventory file")


@pytest.mark.parametrize("given", ["option", "environment"])
def test_a_file_as_the_cache_folder_is_a_usage_error_from_the_option_or_the_environment(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    # POLICYSCAN_CACHE_DIR naming a file was a warning at the end and a cache never used, while
    # --cache-dir with the same path was refused: the two now agree.
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS, "not-a-folder": "x"})
    args = ["scan", str(tmp_path)]
    if given == "option":
        args += ["--cache-dir", str(tmp_path / "not-a-folder")]
    else:
        monkeypatch.setenv("POLICYSCAN_CACHE_DIR", str(tmp_path / "not-a-folder"))
    code, out, err = cli(args, capsys)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == ("Error: Invalid value for '--cache-dir' (env var: 'POLICYSCAN_CACHE_DIR'):"
                                    f" Directory '{tmp_path / 'not-a-folder'}' is a file.")


@pytest.mark.parametrize(("fmt", "summary"), [
    ("text", "Found 1 finding (1 error, 0 warnings, 0 notes) in 1 file."),
    ("markdown", "**1 finding** (1 error, 0 warnings, 0 notes) in 1 file."),
    ("github", "policyscan: 1 finding (1 error, 0 warnings, 0 notes) in 1 file."),
])
def test_the_summary_counts_the_files_named_not_the_tree_analysed_behind_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, summary: str) -> None:
    # It said "in 3 files" for one file named: the whole tree is analysed for what it uses.
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS, "app/models.py": "x = 1\n",
                     "app/util.py": "y = 2\n"})
    code, out, _ = cli(["scan", str(tmp_path / "app" / "views.py"), "--root", str(tmp_path), "--no-cache",
                        "--format", fmt], capsys)
    assert code == 1
    assert any(line.startswith(summary) for line in out.splitlines()), out
    # the whole tree, named or not, counts every file
    assert "in 3 files." in cli(["scan", str(tmp_path), "--no-cache"], capsys)[1]


def test_a_file_over_max_file_size_says_how_to_scan_without_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A generated file over the limit makes the scan incomplete (exit 3): the message names the key
    # that sets the limit and the two ways out, not only the sizes.
    write(tmp_path, {"pyproject.toml": "[tool.policyscan]\nmax_file_size = 100\n", "privacy-inventory.toml": INVENTORY,
                     "app/generated.py": "x = 1\n" * 20})
    code, out, _ = cli(["scan", str(tmp_path), "--no-cache"], capsys)
    assert code == 3
    assert (
        "app/generated.py: error: could not analyse: too-large: 120 bytes is over the 100-byte limit"
        " (max_file_size in [tool.policyscan]): exclude the file or raise the limit"
    ) in out.splitlines()


@pytest.mark.parametrize(
    ("inventory", "message"),
    [
        ("version = 1\npolicy = 'p'\n[[collect]]\ncategories = ['user.contact.emial']\npurposes = ['x']\nsection = 's'\n",
         "privacy-inventory.toml:4:15: unknown data category 'user.contact.emial' (did you mean 'user.contact.email'?)"),
        ("version = 1\npolicy = 'p'\n[[collect\n", "privacy-inventory.toml:3"),
        ("version = 1\npolicy = 'p'\ncolour = 'red'\n", "privacy-inventory.toml:3:1: unknown key 'colour'"),
    ],
)
def test_bad_inventory_exits_2_naming_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    inventory: str, message: str) -> None:
    write(tmp_path, {"privacy-inventory.toml": inventory, "app/views.py": VIEWS})
    code, _, err = cli(["scan", str(tmp_path)], capsys)
    assert code == 2
    assert message in err


def test_inventory_check_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = "version = 2\npolicy = ''\n[[collect]]\ncategories = ['user.nope']\npurposes = ['x']\nsection = 's'\n"
    write(tmp_path, {"inv.toml": bad})
    code, _, err = cli(["inventory", "check", str(tmp_path / "inv.toml")], capsys)
    assert code == 2
    problem_lines = [line for line in err.splitlines() if "inv.toml:" in line]
    assert [line.split(":")[1] for line in problem_lines] == ["1", "2", "4"]
    code, out, _ = cli(["inventory", "check", str(Path(__file__).parents[1] / "fixtures/example_service/privacy-inventory.toml")], capsys)
    assert code == 0 and out.endswith("valid\n")


def test_inventory_check_warns_of_near_duplicates_without_failing(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # A category listed twice, or with its parent, in one array means nothing more and passed
    # silently: warned of with line and column, in line order among the problems; the exit code
    # stays what the problems make it.
    inventory = INVENTORY.replace('categories = ["user.contact.email"]',
                                  'categories = ["user.contact.email", "user.contact.email"]')
    write(tmp_path, {"inv.toml": inventory})
    path = tmp_path / "inv.toml"
    warning = f"{path}:5:37: warning: 'user.contact.email' is listed twice in categories (first on line 5, column 15)"
    assert cli(["inventory", "check", str(path)], capsys) == (0, f"{path}: valid (1 warning)\n", warning + "\n")
    write(tmp_path, {"inv.toml": inventory.replace("version = 1", "version = 2")})
    code, _, err = cli(["inventory", "check", str(path)], capsys)
    assert code == 2
    assert err.splitlines()[1:] == [warning, f"1 problem in {path} (1 warning)"]
    assert err.splitlines()[0].startswith(f"{path}:1:")


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["scan", str(tmp_path / "missing")], capsys)[0] == 2
    assert cli(["scan", "--no-such-option"], capsys)[0] == 2
    assert cli(["observe", str(tmp_path), "--format", "sarif"], capsys)[0] == 2
    write(tmp_path, {"app/views.py": VIEWS})
    code, _, err = cli(["scan", str(tmp_path)], capsys)  # no inventory anywhere
    assert code == 2 and "no policy inventory" in err


def test_no_inventory_in_a_sub_folder_names_the_project_above(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    # `policyscan scan app` makes app/ the root: the message said where to add an inventory, never
    # that the project's own one is right above, nor how to scan a part of the project.
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    assert cli(["scan", str(tmp_path / "app")], capsys) == (
        2,
        "",
        f"policyscan: error: {tmp_path / 'app'}: no policy inventory: pass --inventory FILE, set [tool.policyscan]"
        " inventory, or add privacy-inventory.toml to the root (the root is the one folder given as PATH, else"
        f" --root or the current folder; {tmp_path / 'privacy-inventory.toml'} is above it: pass --root"
        f" {tmp_path} to scan from there)\n",
    )
    assert cli(["scan", "--root", str(tmp_path), str(tmp_path / "app")], capsys)[0] == 1


def test_bad_config_key_exits_2_with_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.policyscan]\nfail_on = 'warning'\nexclud = ['x']\n",
                     "privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    code, _, err = cli(["scan", str(tmp_path)], capsys)
    assert code == 2
    assert "pyproject.toml:3:1: unknown key 'exclud'" in err


def test_unknown_pack_in_config_exits_2_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Reported by the configuration, at the line to edit; it used to come from loading the packs,
    # as "policyscan: error: policyscan: unknown rule pack 'sahre'", naming no file.
    write(tmp_path, {"pyproject.toml": "[tool.policyscan]\npacks = ['sahre']\n",
                     "privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    assert cli(["scan", str(tmp_path)], capsys) == (
        2,
        "",
        f"policyscan: error: {tmp_path / 'pyproject.toml'}:2:10: unknown rule pack 'sahre' in 'packs' (did you mean"
        " 'share'?): the built-in packs are cookies, frameworks, logging, schemas, share\n",
    )


def test_observe_a_file_under_a_root_given_with_root(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # `observe FILE` analysed the whole current folder (from a home folder: everything under it),
    # and unlike scan, baseline create and fix, observe had no --root to name the project instead.
    write(tmp_path, {"proj/app/views.py": VIEWS, "proj/app/other.py": "x = 1\n", "elsewhere/big.py": VIEWS})
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(["observe", "proj/app/views.py", "--root", "proj", "--format", "json"], capsys)
    assert code == 0
    observations = json.loads(out)["observations"]
    assert observations and {o["path"] for o in observations} == {"app/views.py"}
    code, out, _ = cli(["observe", "--root", "proj"], capsys)  # no PATH: the whole root
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("Found ")] == [
        "Found 2 observations (1 collect, 0 share, 0 cookie, 1 log) in 2 files."
    ]
    assert cli(["observe", "elsewhere/big.py", "--root", "proj"], capsys)[0] == 2  # outside the root


def test_text_names_files_from_the_current_folder_json_and_sarif_from_the_root(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # A monorepo's service scanned from the repository's top (as CI and pre-commit run it): the
    # text said app/views.py:12:5, which a terminal or editor opens from the top as no file (or
    # as another service's), where ruff, mypy and pytest say services/chat/app/views.py. The
    # fix's diff named a/app/views.py, so `fix --diff ... | git apply` failed there.
    write(tmp_path, {"services/chat/privacy-inventory.toml": INVENTORY, "services/chat/app/views.py": VIEWS,
                     "services/chat/app/broken.py": "def f(:\n",
                     "services/chat/pyproject.toml": '[tool.policyscan]\nredact_function = "app.privacy.redact"\n'})
    monkeypatch.chdir(tmp_path)
    finding = ("services/chat/app/views.py:12:5: PS401 [error] user.contact.email is written to a log, which the "
               "policy inventory does not allow. Observed: user.contact.email is written to a log by logging.info().")
    declared = "    services/chat/privacy-inventory.toml:9:1: note: [logging] declared here"  # named as the files
    skipped = "services/chat/app/broken.py:1:7: error: could not analyse: syntax-error: "
    for args in (["scan", "--root", "services/chat"], ["scan", "services/chat"],
                 ["scan", "--root", "services/chat", "services/chat/app/views.py", "services/chat/app/broken.py"]):
        code, out, _ = cli([*args, "--no-cache"], capsys)
        assert code == 3
        assert out.splitlines()[:2] == [finding, declared]
        assert out.splitlines()[2].startswith(skipped)
    code, out, _ = cli(["observe", "--root", "services/chat", "--no-cache"], capsys)
    assert out.splitlines()[0].startswith("services/chat/app/views.py:11:13: collect user.contact.email ")
    code, out, _ = cli(["scan", "services/chat", "--no-cache", "--format", "json"], capsys)
    assert {f["path"] for f in json.loads(out)["findings"]} == {"app/views.py"}
    code, out, _ = cli(["scan", "services/chat", "--no-cache", "--format", "sarif"], capsys)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out)["runs"][0]["results"]} == {"app/views.py"}
    code, out, err = cli(["fix", "--root", "services/chat", "--diff", "--no-cache"], capsys)
    assert out.startswith("--- a/services/chat/app/views.py\n+++ b/services/chat/app/views.py\n")
    assert err.splitlines()[0] == ("policyscan: note: services/chat/app/broken.py could not be analysed (syntax-error)"
                                   " and is left as it is")
    assert err.splitlines()[1].startswith("services/chat/app/views.py:12:5: PS401 would fix: ")
    # From the root itself, and from a folder the root is not under, paths stay the root's.
    monkeypatch.chdir(tmp_path / "services/chat")
    assert cli(["scan", "--no-cache"], capsys)[1].splitlines()[0] == finding.removeprefix("services/chat/")
    monkeypatch.chdir(tmp_path / "services/chat/app")
    assert cli(["scan", "..", "--no-cache"], capsys)[1].splitlines()[0] == finding.removeprefix("services/chat/")


def test_observe_json_is_the_contract_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"app/views.py": VIEWS})
    code, out, _ = cli(["observe", str(tmp_path), "--format", "json"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["observations"] == [
        {"kind": "collect", "path": "app/views.py", "start_line": 11, "end_line": 11,
         "categories": ["user.contact.email"], "recipient": None, "cookie": None, "cookie_attributes": None,
         "rule": "python.request.field", "message": "request field 'email' is read (user.contact.email)"},
        {"kind": "log", "path": "app/views.py", "start_line": 12, "end_line": 12,
         "categories": ["user.contact.email"], "recipient": None, "cookie": None, "cookie_attributes": None,
         "rule": "python.logging.personal-data",
         "message": "user.contact.email is written to a log by logging.info()"},
    ]


def test_observe_json_says_the_files_left_out_as_its_text_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The text said 'app/generated.py: warning: left out: ...'; the JSON had no word of it.
    write(tmp_path, {"app/views.py": VIEWS})
    code, out, _ = cli(["observe", str(tmp_path), "--format", "json", "--no-cache"], capsys)
    assert (code, sorted(json.loads(out))) == (0, ["observations", "skipped"])  # a clean walk: the contract's form
    os.symlink("generated.py", tmp_path / "app" / "generated.py")
    code, out, _ = cli(["observe", str(tmp_path), "--format", "json", "--no-cache"], capsys)
    assert code == 0
    assert json.loads(out)["notices"] == [
        {"code": "discovery", "level": "warning", "line": None, "path": "app/generated.py",
         "message": "left out: a link that loops (it leads back to itself, never to a file)"}]
    assert "app/generated.py: warning: left out: a link that loops" in cli(
        ["observe", str(tmp_path), "--no-cache"], capsys)[1]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "markdown"])
def test_a_file_whose_name_is_not_utf8_is_a_skip_in_every_format(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], fmt: str) -> None:
    # A latin-1 name (an old archive's) stopped every format with 'UnicodeEncodeError: surrogates not
    # allowed' and 'internal error': the finding identities, the reports and -o could not encode it.
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    with open(os.fsencode(tmp_path / "app") + b"/caf\xe9.py", "wb") as handle:
        handle.write(VIEWS.encode())
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", str(tmp_path), "--no-cache", "--format", fmt])
    out, err = capsysbinary.readouterr()
    assert (exit_info.value.code, err) == (3, b"")  # incomplete: code not analysed
    text = out.decode("utf-8")
    # named with its bytes escaped: caf\xe9.py (a JSON string escapes the backslash, a SARIF URI encodes it)
    assert "app/views.py" in text and any(form in text for form in ("caf\\xe9.py", "caf\\\\xe9.py", "caf%5Cxe9.py"))
    if fmt == "text":
        assert ("app/caf\\xe9.py: error: could not analyse: unreadable: its name is not UTF-8 (its bytes are shown"
                " escaped), which no report can hold: rename it to analyse it") in text.splitlines()


def test_a_root_and_an_inventory_whose_names_are_not_utf8_are_written_as_their_bytes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # SARIF (its file:// URIs) and every report written with -o stopped with 'surrogates not allowed'
    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/r\xe9"))
    write(root, {"app/views.py": VIEWS})
    inventory = Path(os.fsdecode(os.fsencode(root) + b"/inv\xe9.toml"))
    inventory.write_text(INVENTORY, encoding="utf-8")
    sarif, text = tmp_path / "out.sarif", tmp_path / "out.txt"
    args = ["scan", str(root), "--no-cache", "--inventory", str(inventory)]
    assert cli([*args, "--format", "sarif", "-o", str(sarif)], capsys)[0] == 1
    assert cli([*args, "-o", str(text)], capsys)[0] == 1
    run = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + str(tmp_path) + "/r%E9/"
    assert run["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "inv%E9.toml"
    # the text report names it with the byte escaped, as discovery names such a file
    assert b"    inv\\xe9.toml:9:1: note: [logging] declared here\n" in text.read_bytes()


def test_an_unused_declaration_of_an_inventory_whose_name_is_not_utf8_is_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A declaration's identity is made of the inventory's name (PS901): a latin-1 name stopped the
    # scan in every format with 'surrogates not allowed' and 'internal error', before any report
    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/r\xe9"))
    write(root, {"app/views.py": "x = 1\n"})
    inventory = Path(os.fsdecode(os.fsencode(root) + b"/inv\xe9.toml"))
    inventory.write_text(INVENTORY, encoding="utf-8")
    out = tmp_path / "out.json"
    code, _, err = cli(["scan", str(root), "--no-cache", "--inventory", str(inventory), "--format", "json",
                        "-o", str(out)], capsys)
    assert (code, err) == (0, "")
    findings = json.loads(out.read_bytes().decode("utf-8", "surrogateescape"))["findings"]
    assert findings and {f["rule_id"] for f in findings} == {"PS901"}
    # the identity of the name's bytes, as a UTF-8 name's is of its text
    assert len({f["identity"] for f in findings}) == len(findings)


def test_a_tree_where_no_file_matches_include_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 'Found 0 findings (...) in 0 files.' and exit 0, with no word: an include written for another
    # layout made a CI job pass having scanned nothing.
    write(tmp_path, {"pyproject.toml": '[tool.policyscan]\ninclude = ["src/**/*.py"]\n', "app/views.py": VIEWS,
                     "privacy-inventory.toml": INVENTORY})
    warning = ("warning: no file to analyse: no file under the root matches include ('src/**/*.py') once exclude and"
               " the built-in excludes are applied")
    code, out, _ = cli(["scan", str(tmp_path), "--no-cache"], capsys)
    assert code == 0 and warning in out.splitlines()  # a warning, as ruff's: the exit code is the findings'
    code, out, _ = cli(["observe", str(tmp_path), "--no-cache", "--format", "json"], capsys)
    assert (code, json.loads(out)["notices"][0]["message"]) == (0, warning.removeprefix("warning: "))
    (tmp_path / "pyproject.toml").unlink()
    assert "no file to analyse" not in cli(["scan", str(tmp_path), "--no-cache"], capsys)[1]


def test_a_named_file_is_analysed_whether_include_matches_it_or_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # docs/configuration.md: a file named is analysed when it is a .py or .pyi file or include
    # matches it. A stub (include's default is **/*.py) or a module outside include's folders was
    # left out of the analysis and of the report in silence: 'Found 0 findings (...) in 0 files.'
    write(tmp_path, {"pyproject.toml": '[tool.policyscan]\ninclude = ["src/**/*.py"]\n', "app/views.py": VIEWS,
                     "privacy-inventory.toml": INVENTORY})
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(["scan", "app/views.py", "--no-cache"], capsys)
    assert (code, out.splitlines()[0]) == (1, "app/views.py:12:5: PS401 [error] user.contact.email is written to a"
                                              " log, which the policy inventory does not allow. Observed:"
                                              " user.contact.email is written to a log by logging.info().")
    (tmp_path / "pyproject.toml").unlink()
    (tmp_path / "app" / "views.pyi").write_text(VIEWS, encoding="utf-8")
    code, out, _ = cli(["observe", "app/views.pyi", "--no-cache"], capsys)
    assert (code, out.splitlines()[-3]) == (0, "Found 2 observations (1 collect, 0 share, 0 cookie, 1 log) in 1 file.")


def test_observe_of_one_file_lists_only_that_files_observations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The rest of the tree is analysed for what it defines (the helper's return below), but a
    # file named on the command line is what is reported, as for `scan FILE`.
    write(tmp_path, {
        "app/views.py": VIEWS,
        "app/admin.py": VIEWS.replace('"/signup"', '"/admin/signup"'),
        "app/net.py": "def client_ip(request):\n    return request.remote_addr\n",
        "app/audit.py": """\
            import logging

            from flask import request

            from app.net import client_ip

            log = logging.getLogger(__name__)


            def record():
                log.info("seen %s", client_ip(request))
            """,
    })
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(["observe", "app/audit.py", "--format", "json"], capsys)
    assert code == 0
    # the IP is collected in app/net.py (not reported); its log in app/audit.py is
    assert [(o["kind"], o["path"], o["start_line"], o["categories"]) for o in json.loads(out)["observations"]] == [
        ("log", "app/audit.py", 11, ["user.device.ip_address"]),
    ]
    (tmp_path / "inventory.toml").write_text(INVENTORY, encoding="utf-8")
    code, out, _ = cli(["scan", "app/views.py", "--inventory", "inventory.toml", "--format", "json"], capsys)
    assert code == 1
    doc = json.loads(out)
    assert {o["path"] for o in doc["observations"]} == {"app/views.py"}
    assert {f["path"] for f in doc["findings"]} == {"app/views.py"}


def test_output_is_identical_whatever_the_workers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files: dict[str, str | bytes] = {"privacy-inventory.toml": INVENTORY}
    for i in range(80):  # above the threshold where workers start
        files[f"app/m{i:02d}.py"] = VIEWS
    files["app/broken.py"] = "def f(:\n"
    write(tmp_path, files)
    outputs = []
    for jobs in ("1", "2"):
        for fmt in ("sarif", "json"):
            target = tmp_path / f"out-{jobs}.{fmt}"
            code, _, _ = cli(["scan", str(tmp_path), "--jobs", jobs, "--format", fmt, "-o", str(target)], capsys)
            assert code == 3
            outputs.append(target.read_bytes())
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]
    assert_valid_sarif(outputs[0].decode("utf-8"))


def test_python_dash_m_and_console_script_agree(tmp_path: Path) -> None:
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    result = subprocess.run([sys.executable, "-m", "scanner", "scan", str(tmp_path), "--format", "json"],
                            capture_output=True, text=True, cwd=Path(__file__).parents[1], check=False)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["findings"] == 1


def test_the_process_ends_with_the_code_and_every_stream_written_whatever_the_workers(tmp_path: Path) -> None:
    # `python -m scanner` ends without the interpreter's finalisation (scanner.cli.entry): what it
    # wrote to a file, to stdout and to stderr must all be there, and the exit code be main's
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    here = Path(__file__).parents[1]
    for jobs in ("1", "2"):
        target = tmp_path / f"out-{jobs}.sarif"
        result = subprocess.run([sys.executable, "-m", "scanner", "scan", str(tmp_path), "--jobs", jobs, "--format",
                                 "sarif", "-o", str(target)], capture_output=True, text=True, cwd=here, check=False)
        assert result.returncode == 1, result.stderr
        assert_valid_sarif(target.read_text(encoding="utf-8"))
    missing = subprocess.run([sys.executable, "-m", "scanner", "scan", str(tmp_path / "nowhere")],
                             capture_output=True, text=True, cwd=here, check=False)
    assert missing.returncode == 2
    assert missing.stderr == f"policyscan: error: {tmp_path / 'nowhere'}: no such file or folder\n"


def test_semgrep_packs_without_semgrep_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.policyscan]\nsemgrep_packs = ['sdk-settings']\n",
                     "privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "nowhere" / "python"))
    # a problem in no file says the program's name once (it said "policyscan: error: policyscan: ...")
    assert cli(["scan", str(tmp_path)], capsys) == (
        2,
        "",
        "policyscan: error: semgrep is not installed; it is needed for the semgrep packs sdk-settings.yaml:"
        " pip install 'policyscan[semgrep]'\n",
    )


def test_broken_semgrep_pack_exits_2_with_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = "rules:\n  - id: x\n    languages: [python]\n    severity: INFO\n    message: m\n    pattern: f()\n"
    write(tmp_path, {"pyproject.toml": "[tool.policyscan]\nsemgrep_packs = ['mine.yaml']\n", "mine.yaml": pack,
                     "privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    code, _, err = cli(["scan", str(tmp_path)], capsys)
    assert code == 2
    # named relative to the root, as semgrep's own errors about a pack name it when it runs (it was absolute)
    assert err.splitlines()[0].startswith("policyscan: error: mine.yaml:2:")


def test_observe_explain_says_why_and_how_the_data_travelled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"app/views.py": VIEWS})
    code, out, _ = cli(["observe", str(tmp_path), "--explain"], capsys)
    assert code == 0
    assert out.splitlines()[:7] == [
        "app/views.py:11:13: collect user.contact.email (python.request.field) request field 'email' is read "
        "(user.contact.email)",
        "    because: key of request.form",
        "    because: name 'email' ~ email",
        "app/views.py:12:5: log user.contact.email (python.logging.personal-data) user.contact.email is written to "
        "a log by logging.info()",
        "    because: name 'email' ~ email",
        "    app/views.py:11: request field 'email' is read (user.contact.email)",
        "    app/views.py:12: user.contact.email is written to a log by logging.info()",
    ]


@pytest.mark.parametrize("command", [["observe", "--format", "json"], ["scan", "--format", "json"]])
def test_an_output_of_dash_is_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    write(tmp_path, {"privacy-inventory.toml": INVENTORY, "app/views.py": VIEWS})
    monkeypatch.chdir(tmp_path)
    code, to_stdout, _ = cli([*command, str(tmp_path), "--no-cache"], capsys)
    code_dash, dashed, _ = cli([*command, str(tmp_path), "--no-cache", "-o", "-"], capsys)
    assert (code_dash, dashed) == (code, to_stdout)
    assert json.loads(dashed)
    assert not (tmp_path / "-").exists()


class _Terminal:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("value", "colour"), [(None, True), ("1", False), ("0", False), ("", True)])
def test_no_color_set_to_a_value_turns_colours_off(monkeypatch: pytest.MonkeyPatch, value: str | None,
                                                   colour: bool) -> None:
    # https://no-color.org: NO_COLOR counts "when present and not an empty string"; an empty one did.
    from scanner.cli import _color

    monkeypatch.delenv("NO_COLOR", raising=False)
    if value is not None:
        monkeypatch.setenv("NO_COLOR", value)
    assert _color(_Terminal()) is colour


@pytest.mark.parametrize(("command", "formats"), [("scan", ["text", "json", "sarif", "github", "markdown"]),
                                                   ("observe", ["text", "json"])])
def test_help_says_what_each_format_is_for(capsys: pytest.CaptureFixture[str], command: str,
                                           formats: list[str]) -> None:
    # --format listed its choices and nothing about them (README and docs/ci.md say what each is for).
    code, out, _ = cli([command, "--help"], capsys)
    assert code == 0
    described = " ".join(out.split("--format", 1)[1].split("-o, --output", 1)[0].split())
    assert described.startswith(f"[{'|'.join(formats)}] Text for people;")
    for name in formats[1:]:
        assert f"; {name}" in described, name


def test_findings_at_the_inventory_carry_the_declarations_column(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # A declaration's line alone left a viewer at the start of `categories = [...]`: the unused
    # category's note starts at its string (to its closing quote), and a finding's link to the
    # declaration it breaks names the column where the declaration starts, in SARIF's region too.
    inventory = INVENTORY.replace('categories = ["user.contact.email"]', 'categories = ["user.contact.email", "user.name"]')
    inventory = inventory.replace("[logging]", "  [logging]")
    write(tmp_path, {"privacy-inventory.toml": inventory, "app/views.py": VIEWS})
    sarif_path = tmp_path / "out.sarif"
    code, out, _ = cli(["scan", str(tmp_path), "--no-cache", "--sarif-output", str(sarif_path)], capsys)
    assert code == 1
    assert out.splitlines()[:3] == [
        "app/views.py:12:5: PS401 [error] user.contact.email is written to a log, which the policy inventory does not"
        " allow. Observed: user.contact.email is written to a log by logging.info().",
        "    privacy-inventory.toml:9:3: note: [logging] declared here",  # the text says where, as SARIF does
        "privacy-inventory.toml:5:37: PS901 [note] Collected category user.name is declared but never observed in the"
        " scanned code.",
    ]
    doc = assert_valid_sarif(sarif_path.read_text(encoding="utf-8"))
    results = {r["ruleId"]: r for r in doc["runs"][0]["results"]}
    assert results["PS901"]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5, "startColumn": 37, "endLine": 5, "endColumn": 48}
    logged = results["PS401"]
    assert logged["message"]["text"].endswith("[declared in privacy-inventory.toml:9:3](1)")
    assert logged["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 3}
