"""What every part of the Store stands on: its engine, and connections in and out of a batch."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy import exc

from digests.store._engine import connection, failed, make_engine
from digests.store._fulltext import full_text_for
from digests.store._types import StoreConflict

T = TypeVar("T")
# Stories saved (or pruned) in one write transaction: on SQLite a write holds the whole database,
# and 50 stories take well under a second (with their full-text entries), so a big feed never
# keeps another process's write waiting for long.
SAVE_CHUNK = 50


class StorageBase:
    """The engine of the database at `url`, and the reads and writes the storage mixins
    (StoryStorage, SaveStorage, FeedStorage, DigestStorage) run their statements in."""

    def __init__(self, url: str) -> None:
        self._engine = make_engine(url)
        self.url = self._engine.url.render_as_string(hide_password=True)
        self.dialect = self._engine.dialect.name
        self._fulltext = full_text_for(self.dialect)
        self._batch = threading.local()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Saves in one transaction, committed together at the end: many times faster than
        one commit each. Each save is a savepoint, so one failed save loses only itself."""
        if getattr(self._batch, "conn", None) is not None:
            yield
            return
        with connection(self._engine, self.url, write=True) as conn:
            self._batch.conn = conn
            try:
                yield
            finally:
                self._batch.conn = None

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        batch = getattr(self._batch, "conn", None)
        if batch is not None:  # see the batch's own writes
            yield batch
            return
        with connection(self._engine, self.url, write=False) as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        batch: sa.Connection | None = getattr(self._batch, "conn", None)
        if batch is None:
            with connection(self._engine, self.url, write=True) as conn:
                yield conn
            return
        try:
            with batch.begin_nested():
                yield batch
        except exc.SQLAlchemyError as error:
            raise failed(error, self.url) from error

    def _write_once_more(self, work: Callable[[sa.Connection], T]) -> T:
        """`work` in a write; run once more if another process inserted the same row first
        (it looks again and finds that row)."""
        try:
            with self._write() as conn:
                return work(conn)
        except StoreConflict:
            pass
        with self._write() as conn:
            return work(conn)
