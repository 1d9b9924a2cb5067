"""A progress bar on stderr for scans long enough to wonder about, and silence everywhere else.

The bar appears only after `delay` seconds (about a second), so quick scans print nothing,
and only when stderr is a terminal outside CI (`CI` unset): pre-commit and CI logs capture
stderr, where a bar redrawn with carriage returns would be noise. It redraws at most every
`interval` seconds and erases itself when the scan ends, so the report that follows starts
on a clean line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TextIO, TypeAlias

WIDTH = 30
_ERASE = "\r\x1b[K"

# What the runner calls as files are analysed: (done, total) files so far.
ProgressCallback: TypeAlias = Callable[[int, int], None]


def progress_enabled(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Return True when a bar may be drawn on `stream`: a terminal, `CI` unset (or empty), TERM not "dumb"."""
    isatty = getattr(stream, "isatty", None)
    return (
        callable(isatty)
        and bool(isatty())
        and not environ.get("CI")
        and environ.get("TERM") != "dumb"
    )


class ProgressBar:
    """Draws `[#####.....]  12/345 files` on `stream` once a scan has taken `delay` seconds.

    Call it with (done, total) as work progresses (a `ProgressCallback`), and `close()` at
    the end, which erases the bar if it was drawn. `clock` is injectable for tests.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float = 1.0,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
        label: str = "files",
    ) -> None:
        self._stream = stream
        self._delay = delay
        self._interval = interval
        self._clock = clock
        self._label = label
        self._start = clock()
        self._last_draw: float | None = None
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        if now - self._start < self._delay:
            return
        finished = done >= total
        if self._last_draw is not None and now - self._last_draw < self._interval and not finished:
            return
        self._last_draw = now
        self.shown = True
        self._stream.write("\r" + render_bar(done, total, self._label))
        self._stream.flush()

    def close(self) -> None:
        """Erase the bar if it was drawn; afterwards the stream is at the start of an empty line."""
        if self.shown:
            self._stream.write(_ERASE)
            self._stream.flush()
            self.shown = False


def render_bar(done: int, total: int, label: str = "files", width: int = WIDTH) -> str:
    """Return the bar text for `done` of `total` (clamped to 0..total), e.g. `[###.......]  3/10 files`."""
    total = max(total, 0)
    done = min(max(done, 0), total)
    filled = width * done // total if total else width
    count = f"{done:>{len(str(total))}}/{total}"
    return f"[{'#' * filled}{'.' * (width - filled)}] {count} {label}"
