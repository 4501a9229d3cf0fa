"""What the store-backed commands share: the settings, the store and the polite client."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import click

from bot.config import ConfigError, Settings, load_settings
from digests.store import Store, StoreError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
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
def open_store(settings: Settings, *, writes: bool) -> Iterator[Store]:
    """The store at DATABASE_URL with its migrations applied; closed afterwards. For a command
    that `writes`, an in-memory database is refused and a read-only one found out at once. A
    database that fails (read-only, full, damaged) stops the command with one line, exit 2."""
    try:
        store = Store(settings.database_url)
    except StoreError as exc:
        _stop(exc)
    try:
        if writes and store.in_memory:
            _stop(IN_MEMORY.format(url=settings.database_url))
        store.migrate()
        if writes:
            store.check_writable()
        yield store
    except StoreError as exc:
        _stop(exc)
    finally:
        store.close()


def _stop(problem: object) -> NoReturn:
    click.echo(f"newsbot: {problem}", err=True)
    sys.exit(EXIT_USAGE)
