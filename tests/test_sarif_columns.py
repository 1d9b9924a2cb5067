"""SARIF columns in UTF-16 code units end to end: a finding after an emoji on its line is placed where
VS Code and GitHub (JavaScript strings) find it, while text and JSON keep ruff's code points."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import INVENTORY, VIEWS, cli
from sarif_check import assert_valid_sarif

from scanner.config import load_config
from scanner.fingerprint import line_hash
from scanner.model import AstralLine
from scanner.runner import run

LOG_LINE = '    log.info("signup from %s", email)'
# Two characters beyond the BMP (an emoji, a mathematical bold A) before the log call on its line.
ASTRAL_VIEWS = VIEWS.replace(LOG_LINE, '    tag = "🎉𝐀"; log.info("signup from %s", email)')


def write(root: Path, views: str, copies: int = 1) -> None:
    (root / "privacy-inventory.toml").write_text(INVENTORY, encoding="utf-8")
    (root / "app").mkdir()
    for i in range(copies):
        (root / "app" / f"m{i:02d}.py").write_text(views, encoding="utf-8")


def region(result: dict[str, Any]) -> dict[str, int]:
    region_: dict[str, int] = result["locations"][0]["physicalLocation"]["region"]
    return region_


def test_a_finding_after_an_emoji_has_its_utf16_column_in_sarif_only(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, ASTRAL_VIEWS)
    code, text, _ = cli(["scan", str(tmp_path), "--no-cache"], capsys)
    assert code == 1
    # code points: 4 spaces, `tag = "` (7), two characters, `"; ` (3): log is the 17th
    assert text.splitlines()[0].startswith("app/m00.py:12:17: PS401 ")
    _, out, _ = cli(["scan", str(tmp_path), "--no-cache", "--format", "json"], capsys)
    [finding] = json.loads(out)["findings"]
    assert (finding["start_column"], finding["end_column"]) == (17, 50)
    _, out, _ = cli(["scan", str(tmp_path), "--no-cache", "--format", "sarif"], capsys)
    doc = assert_valid_sarif(out)
    assert doc["runs"][0]["columnKind"] == "utf16CodeUnits"
    [result] = doc["runs"][0]["results"]
    assert region(result) == {"startLine": 12, "startColumn": 19, "endLine": 12, "endColumn": 52}
    line = ASTRAL_VIEWS.splitlines()[11].encode("utf-16-le")
    assert line[2 * (19 - 1):2 * (52 - 1)].decode("utf-16-le") == 'log.info("signup from %s", email)'
    steps = result["codeFlows"][0]["threadFlows"][0]["locations"]
    assert steps[-1]["location"]["physicalLocation"]["region"] == region(result)
    # the line hash is GitHub's of the line (UTF-16 code units too), as before: baselines keep it
    assert result["partialFingerprints"]["primaryLocationLineHash"] == line_hash(ASTRAL_VIEWS, 12)
    assert finding["line_hash"] == line_hash(ASTRAL_VIEWS, 12)


def test_a_run_notes_only_the_reported_lines_that_hold_astral_characters(tmp_path: Path) -> None:
    # an emoji on a line no finding is on is not noted; nor is anything in a file without one
    views = ASTRAL_VIEWS.replace("    return \"ok\"", '    return "ok 🎉"')
    write(tmp_path, views)
    (tmp_path / "app" / "plain.py").write_text(VIEWS, encoding="utf-8")
    result = run(tmp_path, config=load_config(tmp_path), command="scan", cache=False)
    assert len(result.findings) == 2
    assert result.astral_lines == (AstralLine("app/m00.py", 12, (11, 12)),)


def test_a_file_without_astral_characters_keeps_its_columns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, VIEWS.replace(LOG_LINE, '    tag = "é漢"; log.info("signup from %s", email)'))
    _, out, _ = cli(["scan", str(tmp_path), "--no-cache", "--format", "sarif"], capsys)
    [result] = assert_valid_sarif(out)["runs"][0]["results"]
    assert region(result) == {"startLine": 12, "startColumn": 17, "endLine": 12, "endColumn": 50}


def test_sarif_is_identical_whatever_the_workers_and_the_cache(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, ASTRAL_VIEWS, copies=80)  # above the threshold where workers start
    outputs = []
    for jobs in ("1", "2"):
        for _ in ("cold", "warm"):
            target = tmp_path / "out.sarif"
            code, _, _ = cli(["scan", str(tmp_path), "--jobs", jobs, "--format", "sarif", "-o", str(target)], capsys)
            assert code == 1
            outputs.append(target.read_bytes())
        for cache in tmp_path.glob(".policyscan_cache"):
            for path in sorted(cache.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
    assert all(output == outputs[0] for output in outputs)
    results = assert_valid_sarif(outputs[0].decode("utf-8"))["runs"][0]["results"]
    assert len(results) == 80
    assert {region(r)["startColumn"] for r in results} == {19}
