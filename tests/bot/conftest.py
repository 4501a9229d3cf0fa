"""Fixtures for the Slack face: a fresh SQLite store, settings, and the loopback web server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from digests.store import Store
from tests.ingest.conftest import loopback  # noqa: F401  (the loopback web server fixture)
from tests.store.conftest import postgres_server  # noqa: F401  (a real PostgreSQL, per session)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    """A migrated SQLite store of its own."""
    with Store(f"sqlite:///{tmp_path / 'newsbot.db'}") as opened:
        opened.migrate()
        yield opened


def settings_for(**values: Any) -> Settings:
    """Settings as a test wants them, on top of the defaults."""
    return Settings(**values)
