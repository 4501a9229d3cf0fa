"""What a connection that failed says: the host refused it, its name was not found, or why not."""

from __future__ import annotations

import socket

import httpx


def connect_problem(exc: httpx.ConnectError, target: httpx.URL) -> str:
    """One line that blames the right thing: the host that refused, the name that was not
    found (no network, or no such host), or the network error as the system said it."""
    cause = _os_error(exc)
    port = target.port or (443 if target.scheme == "https" else 80)
    if isinstance(cause, ConnectionRefusedError):
        return f"{target.host} refused the connection on port {port} (nothing is listening there)"
    if isinstance(cause, socket.gaierror):
        return (
            f"the name {target.host} could not be looked up ({cause.strerror or cause}): "
            "no network, or no such host"
        )
    said = (cause.strerror if cause else None) or str(exc) or type(exc).__name__
    return f"could not connect to {target.host} on port {port} ({said})"


def _os_error(exc: BaseException) -> OSError | None:
    """The operating system's error behind `exc`, following its causes."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
