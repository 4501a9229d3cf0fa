"""The Store: stories and feeds in SQLite or PostgreSQL, behind one small API."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.util import CommandError

from digests.schedule import Schedule
from digests.store import _digests
from digests.store._digests import Claim, UnfinishedThread
from digests.store._engine import in_memory
from digests.store._feeds import FeedStorage
from digests.store._save import SaveStorage
from digests.store._schema import feeds
from digests.store._stories import StoryStorage
from digests.store._types import StoreConflict, StoreError

MIGRATIONS = "digests.store:migrations"
MIGRATION_LOCK = 7_311_954_224  # any constant: one PostgreSQL advisory lock for migrate()


class Store(StoryStorage, SaveStorage, FeedStorage):
    """Stories and feeds in the database at `url` ("sqlite:///file.db", "postgresql://…")."""

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def migrate(self) -> tuple[str | None, str | None]:
        """Bring the schema up to date (Alembic upgrade to head); stored data is kept. The
        schema's revision before (None: the database was blank) and after."""
        config = Config()
        config.set_main_option("script_location", MIGRATIONS)
        with self._write() as conn:
            if self.dialect == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(MIGRATION_LOCK)))
            config.attributes["connection"] = conn
            before = MigrationContext.configure(conn).get_current_revision()
            try:
                command.upgrade(config, "head")
            except CommandError as error:  # e.g. a revision from a newer newsbot
                raise StoreError(
                    f"database {self.url} cannot be migrated by this newsbot: {error}"
                ) from error
            return before, MigrationContext.configure(conn).get_current_revision()

    @property
    def where(self) -> str:
        """The database for messages: a SQLite file's path, else the URL without password."""
        path = self.file
        return str(path) if path is not None else self.url

    @property
    def file(self) -> Path | None:
        """A SQLite database's file (it may not exist yet); None for PostgreSQL or memory."""
        name = self._engine.url.database
        if self.dialect != "sqlite" or self.in_memory or not name:
            return None
        return Path(name).resolve()

    def missing(self) -> str | None:
        """Why the database holds nothing of newsbot's yet, found out without creating it: no
        such file, in memory only, or no newsbot tables. None when it has newsbot's tables."""
        if self.in_memory:
            return f"database {self.url} is in memory only: nothing is stored there"
        path = self.file
        if path is not None and not path.exists():
            return f"no database at {path}: nothing is stored yet"
        with self._read() as conn:
            if sa.inspect(conn).has_table("alembic_version"):
                return None
        return f"database {self.where} holds no newsbot tables: nothing is stored yet"

    @property
    def in_memory(self) -> bool:
        """Whether the database lives in memory only (sqlite://): all of it is lost at close()."""
        return in_memory(self._engine.url)

    def check_writable(self) -> None:
        """StoreError now, not at the first save, if the database takes no writes (a read-only
        file, a read-only PostgreSQL server); nothing is changed."""
        with self._write() as conn:
            conn.execute(sa.update(feeds).where(sa.false()).values(failures=feeds.c.failures))

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    # digests

    def save_schedule(self, schedule: Schedule, set_by: str | None = None) -> Schedule:
        """Create or replace a channel's digest schedule; it as stored, with when it starts
        (a new or changed time starts at its next occurrence: no catch-up)."""
        now = datetime.now(UTC)
        self._write_once_more(lambda conn: _digests.save_schedule(conn, schedule, set_by, now))
        (saved,) = self.schedules(schedule.channel)
        return saved

    def schedules(self, channel: str | None = None) -> list[Schedule]:
        """Every channel's schedule, or one channel's (an empty list if it has none)."""
        with self._read() as conn:
            return _digests.list_schedules(conn, channel)

    def remove_schedule(self, channel: str) -> bool:
        """Stop a channel's digests; False if it had no schedule."""
        with self._write() as conn:
            return _digests.remove_schedule(conn, channel)

    def schedule_failed(self, channel: str, error: str | None, at: datetime) -> None:
        """Record why the channel's digest failed; None clears the record."""
        with self._write() as conn:
            _digests.schedule_failed(conn, channel, error, at)

    def claim_digest(
        self,
        *,
        key: str,
        channel: str,
        day: date,
        kind: str,
        owner: str,
        now: datetime,
        lease_until: datetime,
        since: datetime,
    ) -> Claim | None:
        """The right to post digest `key` until `lease_until`, or None if it is posted or
        another process holds it (see digests.store._digests.claim)."""
        try:
            with self._write() as conn:
                return _digests.claim(
                    conn,
                    key=key,
                    channel=channel,
                    day=day,
                    kind=kind,
                    owner=owner,
                    now=now,
                    lease_until=lease_until,
                    since=since,
                )
        except StoreConflict:
            return None  # another process inserted the same digest first

    def still_held(self, claim: Claim, now: datetime) -> bool:
        """Whether `claim` is still ours, with lease left."""
        with self._read() as conn:
            return _digests.still_held(conn, claim, now)

    def mark_posted(self, claim: Claim, ts: str, now: datetime, thread: int = 0) -> bool:
        """Record the digest as posted with its message ts and the number of thread replies
        it needs; False if the claim was lost."""
        with self._write() as conn:
            return _digests.mark_posted(conn, claim, ts, now, thread)

    def thread_sending(self, key: str, index: int) -> None:
        """Record that the digest's thread reply `index` is about to be sent."""
        with self._write() as conn:
            _digests.thread_sending(conn, key, index)

    def thread_posted(self, key: str, done: int) -> None:
        """Record that the digest's first `done` thread replies are posted."""
        with self._write() as conn:
            _digests.thread_posted(conn, key, done)

    def claim_unfinished_thread(
        self, owner: str, now: datetime, lease_until: datetime
    ) -> UnfinishedThread | None:
        """A posted digest whose thread is incomplete and due for another try, claimed."""
        with self._write() as conn:
            return _digests.claim_unfinished_thread(conn, owner, now, lease_until)

    def release_digest(self, claim: Claim, error: str, now: datetime, retry_at: datetime) -> None:
        """Give a claim back after a failed try; the next try comes at `retry_at`."""
        with self._write() as conn:
            _digests.release(conn, claim, error, now, retry_at)

    def posted_digests(self, keys: list[str]) -> set[str]:
        """Which of these digest keys are posted."""
        with self._read() as conn:
            return _digests.posted_keys(conn, keys)

    def last_digest_until(self, channel: str) -> datetime | None:
        """The end of the window of the channel's last posted scheduled digest."""
        with self._read() as conn:
            return _digests.last_until(conn, channel)
