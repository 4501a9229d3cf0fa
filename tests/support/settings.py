"""Settings as a test wants them, on top of the defaults."""

from __future__ import annotations

from typing import Any

from bot.config import Settings


def settings_for(**values: Any) -> Settings:
    """Settings as a test wants them, on top of the defaults."""
    return Settings(**values)
