"""The SQLAlchemy engine behind a Store, and database errors turned into StoreErrors."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.pool import SingletonThreadPool

from digests.store._types import StoreConflict, StoreError

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
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")  # user:password@ in a URL that did not parse
# PostgreSQL's SQLSTATEs for a missing relation, a read-only transaction and a full disk
UNDEFINED_TABLE, READ_ONLY, DISK_FULL = "42P01", "25006", "53100"


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
        if in_memory(parsed):  # one connection only, or each would see its own database
            engine = sa.create_engine(parsed, poolclass=SingletonThreadPool)
        elif pool is None or not parsed.database:
            engine = sa.create_engine(parsed)
        else:
            engine = sa.create_engine(parsed, pool_size=pool[0], max_overflow=pool[1])
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError, ValueError) as error:
        shown = _PASSWORD.sub(r"\1***@", url)
        raise StoreError(f"cannot use database URL {shown!r}: {error}") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name != "postgresql":
        raise StoreError(
            f"unsupported database {engine.dialect.name!r} in DATABASE_URL: "
            "use sqlite:///path/to/file.db or postgresql://user:password@host/dbname"
        )
    return engine


def in_memory(url: sa.URL) -> bool:
    """Whether the URL is a SQLite database in memory only, lost when its connection closes."""
    return url.get_backend_name() == "sqlite" and (
        url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"
    )


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


def describe(error: BaseException, where: str, *, opening: bool = False) -> str:
    """One line that says what went wrong with the database and what to do."""
    said = problem(error)
    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlite_errorcode", 0) & 0xFF  # the primary SQLite result code
    state = getattr(original, "sqlstate", None)  # PostgreSQL's SQLSTATE
    if "no such table" in said or state == UNDEFINED_TABLE:
        return f"database {where} is not migrated: run `newsbot migrate` ({said})"
    if code == sqlite3.SQLITE_READONLY or state == READ_ONLY:
        return (
            f"database {where} is read-only: let newsbot's user write to it (a SQLite file and "
            f"its folder), or point DATABASE_URL at one it may write ({said})"
        )
    if code == sqlite3.SQLITE_FULL or state == DISK_FULL:
        return f"database {where}: the disk is full: free some space, then run it again ({said})"
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return (
            f"database {where} is damaged or is not newsbot's: restore it from a backup, or "
            f"point DATABASE_URL at another file ({said})"
        )
    if code == sqlite3.SQLITE_IOERR:
        return f"database {where}: the disk could not be read or written: check it ({said})"
    if "database is locked" in said:
        return f"database {where} is locked by another process: try again ({said})"
    if opening or code == sqlite3.SQLITE_CANTOPEN:
        return f"cannot open database {where}: {said}"
    return f"database {where}: {said}"


def failed(error: exc.SQLAlchemyError | sqlite3.Error, where: str) -> StoreError:
    """The StoreError for a database error: a StoreConflict when a unique key was taken."""
    kind = StoreConflict if isinstance(error, exc.IntegrityError) else StoreError
    return kind(describe(error, where))


@contextmanager
def connection(engine: sa.Engine, where: str, *, write: bool) -> Iterator[sa.Connection]:
    """A connection in a transaction (committed at the end), errors raised as StoreErrors."""
    try:
        opened = engine.connect()
    except (exc.SQLAlchemyError, sqlite3.Error) as error:
        raise StoreError(describe(error, where, opening=True)) from error
    try:
        with opened:
            opened.execution_options(write=write)
            with opened.begin():
                yield opened
    except StoreError:
        raise
    except (exc.SQLAlchemyError, sqlite3.Error) as error:
        raise failed(error, where) from error
