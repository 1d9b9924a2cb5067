"""Start-up: what a run imports. A pre-commit run's budget is a few tenths of a second, a third
of it imports, so modules a run does not use are imported only by the runs that use them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

# Imported only when used: worker pools, libcst fixes, semgrep, git, baselines, the traceback
# of an internal error, package resources, temporary files.
LAZY = ("concurrent.futures", "multiprocessing", "libcst", "scanner.fix", "scanner.semgrep", "scanner.vcs",
        "scanner.baseline", "traceback", "importlib.resources", "tempfile")

PROBE = """
import json, sys
from scanner.cli import main
try:
    main(sys.argv[2:])
except SystemExit as exc:
    json.dump({"code": exc.code, "modules": sorted(sys.modules)}, open(sys.argv[1], "w"))
"""


def _run(args: list[str], out: Path) -> tuple[int, list[str]]:
    """The exit code of the command line `args` and the lazy modules it imported."""
    repository = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", PROBE, str(out), *args], cwd=repository, env={**os.environ, "NO_COLOR": "1"},
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found = json.loads(out.read_text())
    return found["code"], [m for m in found["modules"] if any(m == n or m.startswith(n + ".") for n in LAZY)]


def test_a_scan_without_workers_imports_none_of_the_lazy_modules(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "app" / "views.py").write_text(textwrap.dedent("""
        import logging

        def view(email):
            logging.info("signup %s", email)
    """))
    (root / "privacy-inventory.toml").write_text('version = 1\npolicy = "Test"\n')
    args = ["scan", str(root / "app" / "views.py"), "--root", str(root), "--format", "text",
            "-o", str(tmp_path / "report.txt")]
    assert _run(args, tmp_path / "first.json") == (1, [])  # a finding: email logged, not declared
    assert _run(args, tmp_path / "second.json") == (1, [])  # from the cache, as a pre-commit run
    assert (root / ".policyscan_cache").is_dir()
