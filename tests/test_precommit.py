"""The pre-commit hooks, run by the real `pre-commit` tool on a temporary git repository.

The repository under test is this one: its HEAD commit, cloned into a temporary folder, is
the hook source (`repo:` that clone, `rev:` its sha), exactly as a user's
`.pre-commit-config.yaml` would name a release. pre-commit builds the hook's environment by
`pip install`ing that clone; the build happens once per test session (one PRE_COMMIT_HOME,
one repo and rev for every test), and each test checks that it was not built again.

What is tested is HEAD, not uncommitted changes: commit before running these tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

try:
    import pre_commit  # type: ignore[import-untyped]  # noqa: F401  # only to know it is installed
except ImportError:  # pragma: no cover - depends on the environment
    if os.environ.get("CI"):
        # CI installs the `test` extra, which has pre-commit: a missing one is a broken setup.
        pytest.fail("pre-commit is not installed, but CI must run the pre-commit hook tests", pytrace=False)
    pytest.skip(
        "pre-commit is not installed (pip install -e '.[test]' installs it); the hook tests need the real tool",
        allow_module_level=True,
    )

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 900  # seconds: building the hook environment installs policyscan and its dependencies

INVENTORY = """\
version = 1
policy = "Z chat privacy policy"

[logging]
deny = ["user.content"]
section = "7 Logs"
"""

CHAT_LOGS_PROMPT = """\
import logging

log = logging.getLogger(__name__)


def answer(prompt: str) -> str:
    log.info("prompt: %s", prompt)
    return prompt.upper()
"""

CHAT_FIXED = CHAT_LOGS_PROMPT.replace('log.info("prompt: %s", prompt)', 'log.info("prompt of %d characters", len(prompt))')

CHAT_SUPPRESSED = CHAT_LOGS_PROMPT.replace(
    'log.info("prompt: %s", prompt)',
    'log.info("prompt: %s", prompt)  # policyscan: ignore[PS401] debug logs stay on the developer machine',
)

FINDING_LINE = (
    "app/chat.py:7:5: PS401 [error] user.content is written to a log, which the policy inventory does not "
    "allow. Observed: user.content is written to a log by logging.info()."
)


@dataclass(frozen=True)
class HookSource:
    """The clone pre-commit takes the hooks from, its commit, and the environment to run git in."""

    path: Path
    rev: str
    env: dict[str, str]
    cache: Path


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT,
        check=False,
    )


def _check(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = _run(args, cwd, env)
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}"
    return done.stdout


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HookSource]:
    """This repository's HEAD as a hook source, with its pre-commit environment built once."""
    if shutil.which("git") is None:
        pytest.fail("git is needed to test the pre-commit hooks", pytrace=False)
    base = tmp_path_factory.mktemp("precommit")
    gitconfig = base / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n")
    # A clean environment: no GIT_* from an enclosing hook or checkout, our own git config,
    # our own pre-commit cache, no colour codes to match around.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(base / "cache"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    if _run(["git", "rev-parse", "--git-dir"], REPO, env).returncode != 0:
        pytest.fail(f"{REPO} is not a git checkout: the hook tests use its HEAD as the hook source", pytrace=False)
    source = base / "policyscan"
    _check(["git", "clone", "--quiet", str(REPO), str(source)], base, env)
    rev = _check(["git", "rev-parse", "HEAD"], source, env).strip()
    assert (source / ".pre-commit-hooks.yaml").is_file(), "HEAD has no .pre-commit-hooks.yaml"
    hook_source = HookSource(path=source, rev=rev, env=env, cache=base / "cache")
    seed = _project(base / "seed", hook_source, ["policyscan", "policyscan-all"])
    _check([sys.executable, "-m", "pre_commit", "install-hooks"], seed, env)
    yield hook_source


def _project(path: Path, hooks: HookSource, hook_ids: list[str], inventory: str = INVENTORY) -> Path:
    """A new git repository with an inventory and a pre-commit config that uses `hook_ids`, committed."""
    path.mkdir()
    config = "repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n{hooks}".format(
        repo=hooks.path.as_posix(), rev=hooks.rev, hooks="".join(f"      - id: {hook}\n" for hook in hook_ids)
    )
    (path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (path / "privacy-inventory.toml").write_text(inventory, encoding="utf-8")
    _check(["git", "init", "--quiet"], path, hooks.env)
    _check(["git", "add", "."], path, hooks.env)
    _check(["git", "commit", "--quiet", "--no-verify", "-m", "Start"], path, hooks.env)
    return path


@pytest.fixture
def project(hooks: HookSource, tmp_path: Path) -> Path:
    """A repository using the `policyscan` hook (staged files), installed as its git pre-commit hook."""
    path = _project(tmp_path / "project", hooks, ["policyscan"])
    _check([sys.executable, "-m", "pre_commit", "install"], path, hooks.env)
    return path


def write(project: Path, name: str, text: str) -> None:
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).write_text(textwrap.dedent(text), encoding="utf-8")


def commit(project: Path, hooks: HookSource, *names: str) -> tuple[int, str]:
    """Stage `names` and `git commit`: return git's exit code and everything it and the hooks printed."""
    _check(["git", "add", *names], project, hooks.env)
    done = _run(["git", "commit", "-m", "Change"], project, hooks.env)
    # One pre-commit environment for the whole session: a second one would mean a rebuild.
    assert len([p for p in hooks.cache.glob("repo*") if p.is_dir()]) == 1, sorted(os.listdir(hooks.cache))
    return done.returncode, done.stdout


def commits(project: Path, hooks: HookSource) -> int:
    return int(_check(["git", "rev-list", "--count", "HEAD"], project, hooks.env))


def hook_status(output: str, name: str) -> str:
    """The status pre-commit printed for the hook named `name` (Passed, Failed, Skipped)."""
    match = re.search(rf"^{re.escape(name)}\.+(?:\(no files to check\))?(Passed|Failed|Skipped)$", output, re.M)
    assert match is not None, output
    return match.group(1)


def test_a_staged_file_that_logs_a_prompt_fails_the_commit(project: Path, hooks: HookSource) -> None:
    write(project, "app/chat.py", CHAT_LOGS_PROMPT)
    code, output = commit(project, hooks, "app/chat.py")
    assert code == 1, output
    assert hook_status(output, "policyscan (staged Python files)") == "Failed"
    assert "- hook id: policyscan\n- exit code: 1\n" in output
    assert FINDING_LINE in output.splitlines()
    assert "Found 1 finding (1 error, 0 warnings, 0 notes) in 1 file." in output.splitlines()
    assert commits(project, hooks) == 1


def test_after_a_fix_the_commit_passes(project: Path, hooks: HookSource) -> None:
    write(project, "app/chat.py", CHAT_LOGS_PROMPT)
    assert commit(project, hooks, "app/chat.py")[0] == 1
    write(project, "app/chat.py", CHAT_FIXED)
    code, output = commit(project, hooks, "app/chat.py")
    assert code == 0, output
    assert hook_status(output, "policyscan (staged Python files)") == "Passed"
    assert "PS401" not in output
    assert commits(project, hooks) == 2


def test_after_a_suppression_the_commit_passes(project: Path, hooks: HookSource) -> None:
    write(project, "app/chat.py", CHAT_LOGS_PROMPT)
    assert commit(project, hooks, "app/chat.py")[0] == 1
    write(project, "app/chat.py", CHAT_SUPPRESSED)
    code, output = commit(project, hooks, "app/chat.py")
    assert code == 0, output
    assert hook_status(output, "policyscan (staged Python files)") == "Passed"
    assert commits(project, hooks) == 2


def test_only_staged_python_files_are_scanned(project: Path, hooks: HookSource) -> None:
    # A violating file that is not staged does not fail the commit of another file...
    write(project, "app/chat.py", CHAT_LOGS_PROMPT)
    write(project, "app/util.py", "def double(x: int) -> int:\n    return 2 * x\n")
    code, output = commit(project, hooks, "app/util.py")
    assert code == 0, output
    # ...and a commit without Python files does not run the hook at all.
    write(project, "README.md", "# Z chat\n")
    code, output = commit(project, hooks, "README.md")
    assert code == 0, output
    assert hook_status(output, "policyscan (staged Python files)") == "Skipped"


def test_a_broken_inventory_fails_the_commit_with_exit_2(hooks: HookSource, tmp_path: Path) -> None:
    project = _project(tmp_path / "project", hooks, ["policyscan"], inventory='version = 1\npolicy = "x"\n[logging\n')
    _check([sys.executable, "-m", "pre_commit", "install"], project, hooks.env)
    write(project, "app/chat.py", CHAT_FIXED)
    code, output = commit(project, hooks, "app/chat.py")
    assert code == 1, output  # git's own exit code: the hook failed
    assert "- hook id: policyscan\n- exit code: 2\n" in output
    assert re.search(r"^policyscan: error: .*privacy-inventory\.toml:3", output, re.M), output


def test_the_whole_tree_hook_scans_files_that_are_not_staged(hooks: HookSource, tmp_path: Path) -> None:
    project = _project(tmp_path / "project", hooks, ["policyscan-all"])
    _check([sys.executable, "-m", "pre_commit", "install"], project, hooks.env)
    write(project, "app/chat.py", CHAT_LOGS_PROMPT)
    _check(["git", "add", "app/chat.py"], project, hooks.env)
    _check(["git", "commit", "--quiet", "--no-verify", "-m", "Old code"], project, hooks.env)
    write(project, "README.md", "# Z chat\n")
    code, output = commit(project, hooks, "README.md")
    assert code == 1, output
    assert hook_status(output, "policyscan (whole tree)") == "Failed"
    assert FINDING_LINE in output.splitlines()
    write(project, "app/chat.py", CHAT_FIXED)
    code, output = commit(project, hooks, "app/chat.py")
    assert code == 0, output
    assert hook_status(output, "policyscan (whole tree)") == "Passed"


HELPERS = """\
from flask import request


def current_email():
    return request.form["email"]
"""

VIEWS_LOGGING_A_HELPERS_EMAIL = """\
import logging

from flask import Flask

from app.helpers import current_email

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.post("/signup")
def signup():
    log.info("signup from %s", current_email())
    return "ok"
"""


def test_a_project_in_a_sub_folder_is_its_own_root_as_documented(hooks: HookSource, tmp_path: Path) -> None:
    # docs/pre-commit.md said a sub-folder project needs only --inventory: from the repository
    # root its modules are named services.chat.app.*, so `from app.helpers import ...` resolved
    # to nothing and the commit of a view logging a helper's e-mail address passed. As documented
    # now (--root and files:), that commit fails, and a file outside the folder is not given.
    project = tmp_path / "project"
    write(project, "services/chat/privacy-inventory.toml", INVENTORY.replace(
        '[logging]', '[[collect]]\ncategories = ["user.contact.email"]\npurposes = ["account"]\nsection = "2"\n\n[logging]'))
    write(project, "services/chat/app/__init__.py", "")
    write(project, "services/chat/app/helpers.py", HELPERS)
    write(project, ".pre-commit-config.yaml", f"""\
        repos:
          - repo: {hooks.path.as_posix()}
            rev: {hooks.rev}
            hooks:
              - id: policyscan
                args: [--root, services/chat]
                files: ^services/chat/
        """)
    _check(["git", "init", "--quiet"], project, hooks.env)
    _check(["git", "add", "."], project, hooks.env)
    _check(["git", "commit", "--quiet", "--no-verify", "-m", "Start"], project, hooks.env)
    _check([sys.executable, "-m", "pre_commit", "install"], project, hooks.env)
    write(project, "services/chat/app/views.py", VIEWS_LOGGING_A_HELPERS_EMAIL)
    write(project, "tools/other.py", "print('not the chat service')\n")
    code, output = commit(project, hooks, "services/chat/app/views.py", "tools/other.py")
    assert code == 1, output
    assert "- hook id: policyscan\n- exit code: 1\n" in output
    # named from the repository root, where pre-commit runs the hook and names the staged file
    assert (
        "services/chat/app/views.py:13:5: PS401 [error] user.contact.email is written to a log, which the policy "
        "inventory does not allow. Observed: user.contact.email is written to a log by logging.info()."
    ) in output.splitlines()
    assert "outside the scan root" not in output
