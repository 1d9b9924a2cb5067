"""The progress bar: when it shows, what it draws, that it erases itself; the runner's callback; quiet CLI."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

import pytest

from scanner.cli import main
from scanner.config import load_config
from scanner.progress import ProgressBar, progress_enabled, render_bar
from scanner.runner import run


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("tty", "environ", "expected"),
    [
        (True, {}, True),
        (True, {"TERM": "xterm-256color"}, True),
        (True, {"CI": "true"}, False),
        (True, {"CI": "1"}, False),
        (True, {"CI": ""}, True),
        (True, {"TERM": "dumb"}, False),
        (False, {}, False),
    ],
)
def test_progress_enabled(tty: bool, environ: dict[str, str], expected: bool) -> None:
    stream = Tty() if tty else io.StringIO()
    assert progress_enabled(stream, environ) is expected


def test_progress_enabled_without_isatty() -> None:
    assert progress_enabled(object(), {}) is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("done", "total", "expected"),
    [
        (0, 10, "[..............................]  0/10 files"),
        (3, 10, "[#########.....................]  3/10 files"),
        (10, 10, "[##############################] 10/10 files"),
        (12, 10, "[##############################] 10/10 files"),
        (-1, 10, "[..............................]  0/10 files"),
        (0, 0, "[##############################] 0/0 files"),
    ],
)
def test_render_bar(done: int, total: int, expected: str) -> None:
    assert render_bar(done, total) == expected


def test_render_bar_width_and_label() -> None:
    assert render_bar(1, 2, "modules", width=4) == "[##..] 1/2 modules"


def test_nothing_is_drawn_before_the_delay() -> None:
    clock, stream = Clock(), io.StringIO()
    bar = ProgressBar(stream, delay=1.0, clock=clock)
    clock.now += 0.99
    bar(5, 10)
    bar(10, 10)
    bar.close()
    assert stream.getvalue() == ""
    assert not bar.shown


def test_drawn_after_the_delay_throttled_and_erased() -> None:
    clock, stream = Clock(), io.StringIO()
    bar = ProgressBar(stream, delay=1.0, interval=0.25, clock=clock)
    clock.now += 1.0
    bar(1, 4)
    clock.now += 0.125
    bar(2, 4)  # too soon after the last draw: skipped
    clock.now += 0.125
    bar(3, 4)
    clock.now += 0.0625
    bar(4, 4)  # the last one is always drawn
    assert bar.shown
    bar.close()
    assert stream.getvalue() == (
        "\r[#######.......................] 1/4 files"
        "\r[######################........] 3/4 files"
        "\r[##############################] 4/4 files"
        "\r\x1b[K"
    )
    assert not bar.shown
    bar.close()  # closing twice erases once
    assert stream.getvalue().count("\x1b[K") == 1


def test_runner_reports_each_file(tmp_path: Path) -> None:
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text("x = 1\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    run(tmp_path, config=load_config(tmp_path), command="observe", jobs=1, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_runner_reports_each_batch_with_workers(tmp_path: Path) -> None:
    for n in range(40):
        (tmp_path / f"m{n:02}.py").write_text("x = 1\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    run(tmp_path, config=load_config(tmp_path), command="observe", jobs=2, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(32, 40), (40, 40)]


INVENTORY = """\
version = 1
policy = "Test policy"

[logging]
deny = ["user.content"]
section = "2.1"
"""


def test_cli_stderr_is_quiet_off_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "privacy-inventory.toml").write_text(INVENTORY, encoding="utf-8")
    (tmp_path / "app.py").write_text(textwrap.dedent("""\
        import logging

        def answer(prompt):
            logging.info("prompt: %s", prompt)
    """), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", str(tmp_path)])
    out, err = capsys.readouterr()
    assert exit_info.value.code == 1
    assert err == ""
    assert out.startswith("app.py:4:5: PS401 [error] ")


def test_cli_draws_and_erases_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal outside CI a slow scan gets a bar on stderr, erased before the report."""
    import scanner.progress

    for n in range(3):
        (tmp_path / f"m{n}.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    # A scan "slower" than the delay: every clock reading is a second after the last.
    ticks = iter(range(1000))

    class SlowClockBar(scanner.progress.ProgressBar):
        def __init__(self, stream: Any) -> None:
            super().__init__(stream, clock=lambda: float(next(ticks)))

    monkeypatch.setattr(scanner.progress, "ProgressBar", SlowClockBar)
    with pytest.raises(SystemExit) as exit_info:
        main(["observe", str(tmp_path), "--jobs", "1"])
    assert exit_info.value.code == 0
    assert tty.getvalue() == (
        "\r[##########....................] 1/3 files"
        "\r[####################..........] 2/3 files"
        "\r[##############################] 3/3 files"
        "\r\x1b[K"
    )
