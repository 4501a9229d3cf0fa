"""Politeness and safety checks: one request a second per host, public addresses, Retry-After."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class HostGate:
    """At most one request per `interval` seconds to one host, shared by all threads."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        """Return when a request to `host` may be sent (each caller gets its own slot)."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self._interval
            if len(self._next) > 1000:  # forget hosts whose slot has passed
                self._next = {h: t for h, t in self._next.items() if t > now}
        if start > now:
            self._sleep(start - now)


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the system resolver)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def private_kind(address: str) -> str | None:
    """Why an IP address is not a public one ("loopback", "private", …), or None if it is."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = [
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not globally routable", not ip.is_global),
    ]
    return next((name for name, hit in checks if hit), None)


def refusal(address: str, kind: str) -> str:
    return f"its address {address} is {kind}, not public; ALLOW_PRIVATE_URLS=true allows it"


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), else None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # not "²", which isdigit() takes and float() not
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
