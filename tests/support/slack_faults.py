"""What the Slack fake does when told to misbehave: 429s, 5xx, late answers, a rate limit."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Any


@dataclass
class _Bucket:
    per_second: float
    tokens: float
    last: float


@dataclass
class _Delay:
    seconds: float
    times: int
    skip: int


@dataclass
class _Failure:
    status: int
    error: str
    times: int
    retry_after: int | None = None


class SlackFaults:
    """The failures queued per Web API method, and the count of 429s answered (`throttled`).

    The Slack fake is one; its condition `_changed` guards this state and its recorded calls.
    """

    def __init__(self) -> None:
        self.throttled = 0
        self._failures: dict[str, list[_Failure]] = {}
        self._delays: dict[str, _Delay] = {}
        self._buckets: dict[str, _Bucket] = {}
        self._changed = threading.Condition()

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """The next `times` calls of `method` answer 429 with Retry-After."""
        with self._changed:
            self._failures.setdefault(method, []).append(
                _Failure(429, "ratelimited", times, retry_after)
            )

    def fail(self, method: str, times: int = 1, status: int = 500) -> None:
        """The next `times` calls of `method` answer `status` with internal_error."""
        with self._changed:
            self._failures.setdefault(method, []).append(_Failure(status, "internal_error", times))

    def slow(self, method: str, seconds: float, times: int = 1, skip: int = 0) -> None:
        """After `skip` calls of `method` answered at once, the next `times` take effect at once
        but are answered only `seconds` later (a client with a shorter timeout gives up)."""
        with self._changed:
            self._delays[method] = _Delay(seconds, times, skip)

    def limit_rate(self, method: str, per_second: float) -> None:
        """Calls of `method` beyond `per_second` (a burst of one second's worth) get 429."""
        with self._changed:
            self._buckets[method] = _Bucket(per_second, per_second, time.monotonic())

    def delay(self, method: str) -> float:
        """How long to hold the answer to this call of `method`."""
        with self._changed:
            due = self._delays.get(method)
            if due is None or due.times <= 0:
                return 0.0
            if due.skip > 0:
                due.skip -= 1
                return 0.0
            due.times -= 1
            return due.seconds

    def throttle(self, method: str) -> tuple[int, dict[str, Any], dict[str, str]] | None:
        """A 429 or 5xx answer when one is due for `method`."""
        with self._changed:
            queued = self._failures.get(method)
            if queued:
                failure = queued[0]
                failure.times -= 1
                if failure.times <= 0:
                    queued.pop(0)
                headers = {}
                if failure.retry_after is not None:
                    headers["Retry-After"] = str(failure.retry_after)
                    self.throttled += 1
                return failure.status, {"ok": False, "error": failure.error}, headers
            bucket = self._buckets.get(method)
            if bucket is None:
                return None
            now = time.monotonic()
            bucket.tokens = min(
                bucket.per_second, bucket.tokens + (now - bucket.last) * bucket.per_second
            )
            bucket.last = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return None
            self.throttled += 1
            wait = max(1, math.ceil((1 - bucket.tokens) / bucket.per_second))
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(wait)}
