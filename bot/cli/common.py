"""What the store-backed commands share: the settings, the store and the polite client."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import click

from bot.cli.exits import EXIT_OK, EXIT_USAGE
from bot.config import ConfigError, Settings, load_settings
from digests.store import Store, StoreError

IN_MEMORY = (
    "DATABASE_URL={url} keeps stories in memory only, and they are lost when the command ends: "
    "give a file (sqlite:///path/newsbot.db) or a postgresql:// URL"
)


def settings_or_exit() -> Settings:
    """The settings, or one message naming every bad variable and exit code 2."""
    try:
        return load_settings()
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_USAGE)


@contextmanager
def open_store(
    settings: Settings, *, writes: bool, migrate: bool = True, absent: int = EXIT_OK
) -> Iterator[Store]:
    """The store at DATABASE_URL with its migrations applied; closed afterwards.

    A command that only reads never creates a database: when there is none yet (or it holds
    no newsbot tables) it says which one it looked at and exits with `absent`. A command that
    `writes` refuses an in-memory database, finds a read-only one out at once, and makes a
    SQLite file's folder if it is missing (the data directory, the first time); it says when
    it set up a new database. A database that fails (read-only, full, damaged) stops the
    command with one line, exit 2."""
    if settings.database_note:
        click.echo(settings.database_note, err=True)
    try:
        store = Store(settings.database_url)
    except StoreError as exc:
        _stop(exc)
    try:
        if writes and store.in_memory:
            _stop(IN_MEMORY.format(url=settings.database_url))
        if not writes:
            nothing = store.missing()
            if nothing:
                click.echo(f"newsbot: {nothing}", err=True)
                sys.exit(absent)
        elif store.file is not None:
            store.file.parent.mkdir(parents=True, exist_ok=True)
        if migrate:
            before, after = store.migrate()
            if before is None and writes:
                click.echo(f"newsbot: new database at {store.where} (schema {after})", err=True)
        if writes and migrate:
            store.check_writable()
        yield store
    except StoreError as exc:
        _stop(exc)
    except OSError as exc:  # the database's folder could not be made
        _stop(f"cannot make the folder for database {store.where}: {exc.strerror or exc}")
    finally:
        store.close()


def _stop(problem: object) -> NoReturn:
    click.echo(f"newsbot: {problem}", err=True)
    sys.exit(EXIT_USAGE)
