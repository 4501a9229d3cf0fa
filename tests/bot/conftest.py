"""Fixtures for the Slack face: a fresh SQLite store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from digests.store import Store


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    """A migrated SQLite store of its own."""
    with Store(f"sqlite:///{tmp_path / 'newsbot.db'}") as opened:
        opened.migrate()
        yield opened
