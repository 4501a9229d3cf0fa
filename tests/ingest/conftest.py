"""Ingest fixtures: a fake clock for the polite client's waits."""

from __future__ import annotations

import pytest

from tests.support.clocks import FakeClock


@pytest.fixture()
def clock() -> FakeClock:
    """A monotonic clock that moves only when slept on."""
    return FakeClock()
