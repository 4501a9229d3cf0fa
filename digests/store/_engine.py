"""The SQLAlchemy engine behind a Store, and database errors turned into StoreErrors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc

from digests.store._types import StoreError

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA synchronous=NORMAL",
    # reads through the OS page cache, shared by every connection, instead of each
    # connection's own small cache: searches from many threads stay warm
    "PRAGMA mmap_size=268435456",
)
# Connections kept open, and opened beyond those under a burst (closed after). SQLite keeps
# enough for the service's answering threads, so that none is opened (and its cache warmed) per
# request; PostgreSQL keeps fewer, so that two processes stay well inside max_connections (100).
POOLS = {"sqlite": (32, 32), "postgresql": (8, 24)}
UNDEFINED_TABLE = "42P01"  # PostgreSQL's SQLSTATE for a missing relation


def normalize_url(url: str) -> str:
    """The URL with postgres:// and postgresql:// pointed at psycopg 3."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


def make_engine(url: str) -> sa.Engine:
    """An engine for a SQLite (WAL, foreign keys on) or PostgreSQL database URL."""
    try:
        parsed = sa.make_url(normalize_url(url))
        pool = POOLS.get(parsed.get_backend_name())
        if pool is None or parsed.database in (None, "", ":memory:"):  # one connection only
            engine = sa.create_engine(parsed)
        else:
            engine = sa.create_engine(parsed, pool_size=pool[0], max_overflow=pool[1])
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
        raise StoreError(f"cannot use database URL {url!r}: {error}") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name != "postgresql":
        raise StoreError(
            f"unsupported database {engine.dialect.name!r} in DATABASE_URL: "
            "use sqlite:///path/to/file.db or postgresql://user:password@host/dbname"
        )
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    # Transactions are begun by _sqlite_begin, not by the driver (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _sqlite_begin(connection: sa.Connection) -> None:
    # Writers take the lock up front: a deferred reader that later writes can fail under WAL.
    immediate = connection.get_execution_options().get("write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def problem(error: BaseException) -> str:
    """The first line of the driver's own message."""
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def describe(error: BaseException, where: str) -> str:
    """One line that says what went wrong with the database and what to do."""
    said = problem(error)
    original = getattr(error, "orig", None) or error
    if "no such table" in said or getattr(original, "sqlstate", None) == UNDEFINED_TABLE:
        return f"database {where} is not migrated: run `newsbot migrate` ({said})"
    if "unable to open database file" in said:
        return f"cannot open database {where}: {said}"
    if "database is locked" in said:
        return f"database {where} is locked by another process: try again ({said})"
    return f"database {where}: {said}"


@contextmanager
def connection(engine: sa.Engine, where: str, *, write: bool) -> Iterator[sa.Connection]:
    """A connection in a transaction (committed at the end), errors raised as StoreErrors."""
    try:
        opened = engine.connect()
    except (exc.SQLAlchemyError, sqlite3.Error) as error:
        raise StoreError(f"cannot open database {where}: {problem(error)}") from error
    try:
        with opened:
            opened.execution_options(write=write)
            with opened.begin():
                yield opened
    except StoreError:
        raise
    except (exc.SQLAlchemyError, sqlite3.Error) as error:
        raise StoreError(describe(error, where)) from error
