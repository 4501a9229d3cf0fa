"""Shared fixtures: the bundled seed page, the dev data beside the project, a data directory of
each test's own, a loopback web server, and a PostgreSQL server for the session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support.ci import missing
from tests.support.loopback import Loopback, serving_loopback
from tests.support.postgres import PostgresServer, running_postgres

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE (or pytest's --hypothesis-profile): "default"
# for a developer's loop, "ci" (.ci/run) tries more examples, "thorough" many more. No test
# depends on wall-clock speed (speed lives in bench/): Hypothesis's per-example deadline would
# fail a property test on a busy machine, so it is off in each. Tests set no example counts of
# their own, so a profile reaches every property.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, max_examples=300, print_blob=True)
settings.register_profile("thorough", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(autouse=True)
def data_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data directory (XDG_DATA_HOME) as a fresh folder, for this process and the
    commands it starts: a command without DATABASE_URL never touches the real one."""
    folder = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture(scope="session")
def dev_data() -> Path:
    """../shared/data: a skip that says why when this clone has none beside it; under CI, which
    always has it, a failure."""
    if not (SHARED_DATA / "dev").is_dir():
        missing(
            f"dev data not found at {SHARED_DATA}",
            "CI runs in a clone with shared/ beside it; is the clone somewhere else?",
        )
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    from importlib.resources import files

    return files("digests.sample").joinpath("putin-belarus-iskander.txt").read_text("utf-8")


@pytest.fixture()
def loopback() -> Iterator[Loopback]:
    """A fresh loopback HTTP server (127.0.0.1, a free port) with no routes yet."""
    with serving_loopback() as site:
        yield site


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server from the machine's binaries, started once (as `postgres` if root)."""
    with running_postgres() as server:
        yield server
