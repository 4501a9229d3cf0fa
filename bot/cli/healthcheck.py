"""The container's health check: `newsbot run`'s /healthz on PORT answers 200 (HTTP mode)."""

from __future__ import annotations

import sys
import urllib.request

from bot.config import ConfigError, load_settings

TIMEOUT = 4.0  # seconds: under the Dockerfile's HEALTHCHECK --timeout


def main() -> int:
    """0 when the service says it is healthy, else 1 with why on stderr. Socket Mode serves
    no HTTP, so there it is 0 (Docker already knows whether the process runs)."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    if settings.slack_app_token:
        return 0
    url = f"http://127.0.0.1:{settings.port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
            healthy = answer.status == 200
    except OSError as exc:  # refused, timed out, or an HTTP error status
        print(f"newsbot is not healthy: {url}: {exc}", file=sys.stderr)
        return 1
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
