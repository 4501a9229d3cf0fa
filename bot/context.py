"""What the store-backed commands share: the settings, the store and the polite client."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from bot.config import ConfigError, Settings, load_settings
from digests import DigestError
from digests.store import Store

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def settings_or_exit() -> Settings:
    """The settings, or one message naming every bad variable and exit code 2."""
    try:
        return load_settings()
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_USAGE)


@contextmanager
def open_store(settings: Settings) -> Iterator[Store]:
    """The store at DATABASE_URL with its migrations applied; closed afterwards."""
    try:
        store = Store(settings.database_url)
        store.migrate()
    except DigestError as exc:
        click.echo(f"newsbot: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    try:
        yield store
    finally:
        store.close()
