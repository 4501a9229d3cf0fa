"""Shared fixtures: the bundled seed page and the dev data beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def dev_data() -> Path:
    """../shared/data, or a skip that says why when this clone has none beside it."""
    if not (SHARED_DATA / "dev").is_dir():
        pytest.skip(f"dev data not found at {SHARED_DATA} (CI always has it)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    from importlib.resources import files

    return files("digests.sample").joinpath("putin-belarus-iskander.txt").read_text("utf-8")
