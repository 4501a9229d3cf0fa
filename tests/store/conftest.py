"""Store fixtures: every store test on SQLite and on PostgreSQL, with a fresh database each."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digests.store import Store
from tests.support.postgres import PostgresServer

# the PostgreSQL run of each store test is marked slow: a quick loop (-m "not slow") runs SQLite
BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.slow)]


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[bool], str]]:
    """Makes a fresh database URL of the test's backend: migrated, or blank."""
    made: list[str] = []

    def make(migrated: bool) -> str:
        if request.param == "sqlite":
            path = tmp_path / f"store-{len(made)}.db"
            made.append(str(path))
            url = f"sqlite:///{path}"
            if migrated:
                with Store(url) as fresh:
                    fresh.migrate()
            return url
        server: PostgresServer = request.getfixturevalue("postgres_server")
        name = server.database(server.migrated if migrated else "template1")
        made.append(name)
        return server.url(name)

    yield make
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")
        for name in made:
            server.drop(name)


@pytest.fixture
def blank_url(database_url: Callable[[bool], str]) -> str:
    """The URL of an empty, never migrated database."""
    return database_url(False)


@pytest.fixture
def store(database_url: Callable[[bool], str]) -> Iterator[Store]:
    """A migrated, empty store on the test's backend."""
    opened = Store(database_url(True))
    yield opened
    opened.close()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses a store runs on SQLite and on PostgreSQL."""
    chosen = any(
        "database_url" in mark.args[0] for mark in metafunc.definition.iter_markers("parametrize")
    )
    if "database_url" in metafunc.fixturenames and not chosen:
        metafunc.parametrize("database_url", BACKENDS, indirect=True)
