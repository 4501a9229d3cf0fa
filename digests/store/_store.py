"""The Store: stories and feeds in SQLite or PostgreSQL, behind one small API."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.util import CommandError

from digests.store._digests import DigestStorage
from digests.store._engine import in_memory
from digests.store._feeds import FeedStorage
from digests.store._save import SaveStorage
from digests.store._schema import feeds
from digests.store._stories import StoryStorage
from digests.store._types import StoreError
from digests.store._workspaces import WorkspaceStorage

MIGRATIONS = "digests.store:migrations"
MIGRATION_LOCK = 7_311_954_224  # any constant: one PostgreSQL advisory lock for migrate()


class Store(StoryStorage, SaveStorage, FeedStorage, DigestStorage, WorkspaceStorage):
    """Stories and feeds in the database at `url` ("sqlite:///file.db", "postgresql://…").

    Its parts, each in its own module over the engine and connections of StorageBase:
    StoryStorage (stories out), SaveStorage (stories in), FeedStorage, DigestStorage,
    WorkspaceStorage (what belongs to one Slack workspace).
    """

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
