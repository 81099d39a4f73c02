"""Progress for a person at a terminal; plain summary lines for a log (cron) either way."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Live counters on one line when `stream` is a terminal (at most ten redraws a second)."""

    def __init__(self, stream: TextIO | None = None, live: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self._last = 0.0
        self._shown = False

    def update(self, text: str, *, force: bool = False) -> None:
        if not self.live:
            return
        now = time.monotonic()
        if force or now - self._last >= 0.1:
            self._last = now
            self.stream.write(f"\r\x1b[2K{text}")
            self.stream.flush()
            self._shown = True

    def say(self, text: str) -> None:
        """A line that stays, in a log too."""
        if self._shown:
            self.stream.write("\r\x1b[2K")
            self._shown = False
        self.stream.write(text + "\n")
        self.stream.flush()


def megabytes(count: int) -> str:
    return f"{count / 1_000_000:,.1f} MB"
