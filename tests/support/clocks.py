"""Time for tests: a fake monotonic clock that moves when slept on, and a zone where it is noon."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class FakeClock:
    """A monotonic clock that only moves when slept on; it records every sleep."""

    def __init__(self, advance: bool = True) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self._advance = advance
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            if self._advance:
                self.now += seconds


def noon_zone() -> tuple[str, datetime]:
    """A fixed-offset zone where it is around noon now (no midnight while the test runs)."""
    now = datetime.now(UTC)
    offset = 12 - now.hour
    zone = f"Etc/GMT{-offset:+d}" if offset else "UTC"  # Etc/GMT-3 is three hours ahead of UTC
    return zone, now + timedelta(hours=offset)


class StoppedClock:
    """A UTC clock that stands at `at` until a test moves it."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at
