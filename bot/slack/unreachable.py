"""Why Slack could not be reached, in one line: no network, a refused connection, a timeout."""

from __future__ import annotations

import socket
from urllib.error import URLError


def unreachable(api_url: str, exc: URLError | OSError) -> str:
    """One line saying that Slack at `api_url` could not be reached, why, and what to check
    (the token was never looked at)."""
    reason = exc.reason if isinstance(exc, URLError) else exc
    if isinstance(reason, socket.gaierror):
        why = f"its name could not be looked up: {reason.strerror or reason}; is there a network?"
    elif isinstance(reason, ConnectionRefusedError):
        why = "the connection was refused"
    elif isinstance(reason, TimeoutError):
        why = "it did not answer in time"
    else:
        why = str(getattr(reason, "strerror", None) or reason)
    return (
        f"Slack could not be reached at {api_url} ({why}): check the network, a proxy or "
        "firewall, and SLACK_API_URL"
    )
