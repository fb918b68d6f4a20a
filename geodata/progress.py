"""Progress of long work on stderr: a bar on a terminal, plain lines otherwise.

On a terminal, tqdm draws one bar with the count, articles per second and the time left, and the
per-article lines print above it. Into a file or a pipe (a log, CI, a test) a bar would be a stream
of carriage returns, so plain lines come instead, at every tenth of the work and at least every
`every` seconds.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import IO, Any

from sortie.geodata.errors import one_line

# The bar: "parsing  40%|████      | 8/20 [00:12, 0.66 articles/s, ETA 00:18]". rate_noinv_fmt keeps
# "articles/s" when the rate is under one (tqdm's rate_fmt would turn it into "s/articles").
_BAR = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}, {rate_noinv_fmt}, ETA {remaining}]"


def duration(seconds: float) -> str:
    """ "45 s", "3 min 05 s", "2 h 07 min": how long, at the precision a person reads."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def say(message: str, stream: IO[str] | None = None) -> None:
    """ "sortie: message" on stderr, one line, printed above any progress bar showing (a plain print
    would land in the middle of the bar's line)."""
    stream = stream if stream is not None else sys.stderr
    line = f"sortie: {one_line(message)}"
    bars = sys.modules.get("tqdm")  # imported only once a bar was shown
    if bars is not None and getattr(bars.tqdm, "_instances", None):
        with bars.tqdm.external_write_mode(file=stream):
            print(line, file=stream, flush=True)
    else:
        print(line, file=stream, flush=True)


class Progress:
    """Count `total` units of work done (`advance`), and print messages (`say`) without breaking
    the bar. Use as a context manager; nothing is shown for fewer than `least` units."""

    def __init__(
        self,
        total: int,
        what: str = "parsing",
        unit: str = "articles",
        stream: IO[str] | None = None,
        *,
        every: float = 30.0,
        least: int = 2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.what = what
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.every = every
        self.clock = clock
        self.done = 0
        self._start = clock()
        self._last_line = self._start
        self._last_step = 0
        self._least = least
        self._tty = _is_tty(self.stream)
        self._bar: Any = None
        self._show()

    def _show(self) -> None:
        """Start showing progress once there is enough work for it (on a terminal, as a bar)."""
        if self._bar is not None or self.total < self._least or not self._tty:
            return
        from tqdm import tqdm

        self._bar = tqdm(
            total=self.total,
            initial=self.done,
            desc=self.what,
            unit=f" {self.unit}",  # tqdm writes the rate as "0.66" + unit + "/s"
            file=self.stream,
            bar_format=_BAR,
            dynamic_ncols=True,
        )

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def say(self, message: str) -> None:
        """One line for the user (above the bar when there is one)."""
        say(message, self.stream)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.total < self._least:
            return
        if self._bar is not None:
            self._bar.update(n)
            return
        now = self.clock()
        step = math.floor(10 * self.done / self.total) if self.total else 10
        if step > self._last_step or now - self._last_line >= self.every:
            self._last_step = step
            self._last_line = now
            print(f"sortie: {self.line(now)}", file=self.stream, flush=True)

    def grow(self, n: int) -> None:
        """More work found on the way (a feed's items)."""
        self.total += n
        if self._bar is not None:
            self._bar.total = self.total
            self._bar.refresh()
        self._show()

    def line(self, now: float | None = None) -> str:
        """ "parsing: 8/20 articles (40%), 0.67 articles/s, ETA 18 s" (the plain form)."""
        now = self.clock() if now is None else now
        elapsed = now - self._start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = self.total - self.done
        eta = duration(left / rate) if rate > 0 else "unknown"
        pct = 100 * self.done // self.total if self.total else 100
        return (
            f"{self.what}: {self.done}/{self.total} {self.unit} ({pct}%), {rate:.2f} {self.unit}/s, ETA {eta}"
        )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _is_tty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stand-in stream
        return False
