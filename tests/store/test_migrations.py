"""Opening and migrating databases: upgrades keep stories, errors say what to do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from digests.store import Store, StoreError
from digests.store._engine import normalize_url
from digests.store._schema import metadata
from digests.store._store import MIGRATIONS
from tests.support.stories import new_story


def test_migrating_again_keeps_stored_stories(blank_url: str) -> None:
    with Store(blank_url) as store:
        store.migrate()
        saved = store.save(new_story("Kept across upgrades", who=("Someone",)))
        store.add_feed("https://a.example/rss", channel="C1")
        store.migrate()
        store.migrate()
    with Store(blank_url) as reopened:
        reopened.migrate()
        assert reopened.count() == 1
        assert reopened.story(saved.id) is not None
        assert [s.id for s in reopened.search("upgrades")] == [saved.id]
        assert [f.channels for f in reopened.feeds()] == [("C1",)]


def test_migrate_reaches_the_newest_revision(blank_url: str) -> None:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    head = ScriptDirectory.from_config(config).get_current_head()
    with Store(blank_url) as store:
        store.migrate()
        engine = sa.create_engine(normalize_url(blank_url))
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head == "0007"
        engine.dispose()


# SQLAlchemy cannot reflect SQLite's expression index on lower(source); the rest is compared.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_the_migrations_build_the_tables_the_code_uses(blank_url: str) -> None:
    with Store(blank_url) as store:
        store.migrate()
    engine = sa.create_engine(normalize_url(blank_url))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _ours})
        differences = compare_metadata(context, metadata)
    engine.dispose()
    assert differences == []


def _ours(item: object, name: str | None, kind: str, reflected: bool, other: object) -> bool:
    """Leave out what only raw SQL uses: the FTS5 tables, the tsvectors and their indexes."""
    return not (
        (kind == "table" and (name or "").startswith(("stories_fts", "alembic_version")))
        or (kind == "column" and name in {"search", "names"})
        or (kind == "index" and name in {"ix_stories_search", "ix_stories_names"})
    )


def test_a_schema_from_a_newer_newsbot_is_a_store_error(blank_url: str) -> None:
    with Store(blank_url) as store:
        store.migrate()
        with store._write() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
        with pytest.raises(StoreError, match="cannot be migrated by this newsbot"):
            store.migrate()


def test_an_unmigrated_database_says_to_run_migrate(blank_url: str) -> None:
    with Store(blank_url) as store, pytest.raises(StoreError, match="newsbot migrate"):
        store.count()


def test_a_database_that_cannot_be_opened_says_so(tmp_path: Path) -> None:
    with (
        Store(f"sqlite:///{tmp_path}/missing/folder/news.db") as store,
        pytest.raises(StoreError, match="cannot open database"),
    ):
        store.count()


def test_an_unreachable_server_says_so() -> None:
    with (
        Store("postgresql://newsbot:secret@127.0.0.1:1/news") as store,
        pytest.raises(StoreError, match="cannot open database") as raised,
    ):
        store.count()
    assert "secret" not in str(raised.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///news.db", "sqlite:///news.db"),
    ],
)
def test_postgres_urls_use_psycopg_3(url: str, expected: str) -> None:
    assert normalize_url(url) == expected
    assert Store(url).dialect in {"postgresql", "sqlite"}


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url", "", "oracle+nope://x"])
def test_an_unsupported_database_url_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError, match="database"):
        Store(url)


@pytest.mark.parametrize(
    "url", ["postgresql://news:s3cret@db.example:abc/news", "mysql://news:s3cret@h/db"]
)
def test_a_database_url_that_cannot_be_used_is_named_without_its_password(url: str) -> None:
    with pytest.raises(StoreError, match="cannot use database URL") as raised:
        Store(url)
    assert "s3cret" not in str(raised.value) and "news:***@" in str(raised.value)


def test_the_migrations_ship_inside_the_package() -> None:
    folder = files("digests.store.migrations")
    assert folder.joinpath("env.py").is_file()
    assert folder.joinpath("versions/0001_initial.py").is_file()
    assert MIGRATIONS == "digests.store:migrations"


def test_a_relative_sqlite_path_is_opened_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with Store("sqlite:///relative.db") as store:
        store.migrate()
        assert store.count() == 0
    assert (tmp_path / "relative.db").is_file()


def test_upgrading_from_the_first_schema_counts_who_and_numbers(blank_url: str) -> None:
    engine = sa.create_engine(normalize_url(blank_url))
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            sa.text(
                "INSERT INTO stories (id, source, title, fetched, first_seen, text, summary_json, "
                "fingerprint, signature, cluster) VALUES (1, 'Wire', 'Old story', :now, :now, "
                "'Text.', :summary, 'f1', :sig, 1)"
            ),
            {
                "now": now,
                "summary": '{"source": "Wire", "headline": "Old story", "gist": "g"}',
                "sig": b"s",
            },
        )
        for position, (name, kind) in enumerate([("Ann Lee", "person"), ("Oslo", "place")]):
            conn.execute(
                sa.text(
                    "INSERT INTO story_names (story_id, position, name, kind, key) "
                    "VALUES (1, :p, :n, :k, :key)"
                ),
                {"p": position, "n": name, "k": kind, "key": name.casefold()},
            )
    engine.dispose()
    with Store(blank_url) as store:
        store.migrate()
        (candidate,) = store.window_candidates(now - timedelta(hours=1), now + timedelta(hours=1))
    assert (candidate.named, candidate.figures) == (1, 0)


def test_a_read_only_database_is_found_out_before_anything_is_written(
    database_url: Callable[[bool], str],
) -> None:
    url = database_url(True)
    if url.startswith("sqlite:///"):
        url = f"sqlite:///file:{url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    else:
        with psycopg.connect(url, autocommit=True) as admin:
            name = url.rsplit("/", 1)[1]
            admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    with Store(url) as store:
        store.migrate()  # up to date: nothing to write
        assert store.count() == 0
        with pytest.raises(StoreError, match=r"is read-only: let newsbot's user write to it"):
            store.check_writable()


@pytest.mark.parametrize(
    ("url", "in_memory"),
    [
        ("sqlite://", True),
        ("sqlite:///:memory:", True),
        ("sqlite:///file:news?mode=memory&uri=true", True),
        ("sqlite:///news.db", False),
        ("postgresql://u@h/news", False),
    ],
)
def test_a_database_in_memory_is_known_as_one(url: str, in_memory: bool) -> None:
    assert Store(url).in_memory is in_memory


def test_a_schedule_kept_before_upgrading_starts_when_it_was_last_set(blank_url: str) -> None:
    engine = sa.create_engine(normalize_url(blank_url))
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    set_at = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
        conn.execute(
            sa.text(
                "INSERT INTO schedules (channel, at, zone, weekdays, quiet, include, exclude, "
                "origin, updated) VALUES ('C1', '09:00', 'UTC', '', 'line', '', '', 'slack', :at)"
            ),
            {"at": set_at if engine.dialect.name == "postgresql" else set_at.replace(tzinfo=None)},
        )
    engine.dispose()
    with Store(blank_url) as store:
        store.migrate()
        (schedule,) = store.schedules()
    assert schedule.starts == set_at


def test_stories_stored_from_files_before_upgrading_lose_their_server_paths(
    blank_url: str,
) -> None:
    engine = sa.create_engine(normalize_url(blank_url))
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    now = datetime.now(UTC)
    with engine.begin() as conn:  # stored as newsbot did then: the 0004 schema's columns
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        for n, source in enumerate(["/srv/clips/sport-023.txt", "C:\\clips\\b.txt", "Town News"]):
            conn.execute(
                sa.text(
                    "INSERT INTO stories (id, url, source, title, fetched, first_seen, text, "
                    "summary_json, fingerprint, signature, cluster) VALUES (:n, :url, :source, "
                    ":title, :now, :now, 'Text.', :summary, :f, :sig, :n)"
                ),
                {
                    "n": n + 1,
                    "url": f"https://n.example/{n}",
                    "source": source,
                    "title": f"Story {n}",
                    "now": now,
                    "summary": f'{{"source": "x", "headline": "Story {n}", "gist": "g"}}',
                    "f": f"f{n}",
                    "sig": b"s",
                },
            )
    engine.dispose()
    with Store(blank_url) as store:
        store.migrate()
        sources = [s.source for s in sorted(store.latest(), key=lambda s: s.id)]
    assert sources == ["file sport-023.txt", "file b.txt", "Town News"]


def test_upgrading_to_workspaces_keeps_subscriptions_and_schedules_as_the_env_workspaces(
    blank_url: str,
) -> None:
    engine = sa.create_engine(normalize_url(blank_url))
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
        conn.execute(
            sa.text("INSERT INTO feeds (id, url, failures, created) VALUES (1, :u, 0, :now)"),
            {"u": "https://a.example/rss", "now": now},
        )
        conn.execute(sa.text("INSERT INTO subscriptions (feed_id, channel) VALUES (1, 'C1')"))
        conn.execute(
            sa.text(
                "INSERT INTO schedules (channel, at, zone, weekdays, quiet, include, exclude, "
                "origin, updated, starts) VALUES ('C1', '08:00', 'UTC', '', 'line', '', '', "
                "'slack', :now, :now)"
            ),
            {"now": now},
        )
    engine.dispose()
    with Store(blank_url) as store:
        store.migrate()
        assert [(f.url, f.channels) for f in store.feeds("C1")] == [
            ("https://a.example/rss", ("C1",))
        ]
        assert [(s.channel, s.team) for s in store.schedules("C1", "")] == [("C1", "")]
        assert store.schedules("C1", "T0OTHER") == []
    with engine.begin() as conn:  # and back: the .env workspace's rows stay
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
        assert conn.execute(sa.text("SELECT channel FROM subscriptions")).scalars().all() == ["C1"]
        assert conn.execute(sa.text("SELECT channel FROM schedules")).scalars().all() == ["C1"]
    engine.dispose()


def test_the_migrations_build_slack_sdks_installation_and_state_tables(blank_url: str) -> None:
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    theirs = sa.MetaData()
    SQLAlchemyInstallationStore.build_installations_table(theirs, "slack_installations")
    SQLAlchemyInstallationStore.build_bots_table(theirs, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(theirs, "slack_oauth_states")
    with Store(blank_url) as store:
        store.migrate()
    engine = sa.create_engine(normalize_url(blank_url))
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": lambda name, kind, parent: _slacks(name, kind, parent)}
        )
        differences = compare_metadata(context, theirs)
    engine.dispose()
    assert differences == []


def _slacks(name: str | None, kind: str, parent: object) -> bool:
    """Only slack_sdk's tables (and what is in them)."""
    return kind != "table" or (name or "").startswith("slack_")


def test_downgrading_to_the_schema_before_keeps_stories_found(blank_url: str) -> None:
    with Store(blank_url) as store:
        store.migrate()
        saved = [
            store.save(new_story(f"Kiwi harvest {n}", url=f"https://k.example/{n}"))
            for n in range(3)
        ]
    engine = sa.create_engine(normalize_url(blank_url))
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
        assert MigrationContext.configure(conn).get_current_revision() == "0006"
    engine.dispose()
    with Store(blank_url) as store:
        assert {s.id for s in store.search("kiwi")} == {s.id for s in saved}
        store.migrate()
        assert {s.id for s in store.search("kiwi harvest")} == {s.id for s in saved}
