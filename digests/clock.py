"""The clock the engine and the service read, passed in where tests need another."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)
