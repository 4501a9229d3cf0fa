"""`newsbot ingest` and `newsbot migrate`: read the news into the store."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from bot.cli.common import open_store, settings_or_exit
from bot.cli.exits import EXIT_OK, EXIT_SOME_FAILED
from bot.cli.terminal import text_console
from digests.ingest import Ingestor, Outcome, PoliteClient
from digests.model import Feed
from digests.printable import one_line
from digests.read import MAX_ARTICLE_BYTES
from digests.store import Store


@click.command("migrate")
def migrate_command() -> None:
    """Apply pending database migrations (stored stories are kept)."""
    with open_store(settings_or_exit(), writes=True, migrate=False) as store:
        before, after = store.migrate()
        if before is None:
            said = f"new database at {store.where} (schema {after})"
        elif before != after:
            said = f"migrated {store.where} from schema {before} to {after}"
        else:
            said = f"the database {store.where} is up to date (schema {after})"
    click.echo(f"newsbot: {said}")


@click.command("ingest")
@click.option("--feeds", "use_feeds", is_flag=True, help="Every subscribed feed (the default).")
@click.argument("sources", nargs=-1, metavar="[URL | PATH | - ...]")
def ingest_command(use_feeds: bool, sources: tuple[str, ...]) -> None:
    """Store articles: every subscribed feed, or article URLs, files, folders and - (stdin)."""
    settings = settings_or_exit()
    err = text_console(stderr=True)
    with (
        open_store(settings, writes=True) as store,
        PoliteClient(
            allow_private=True  # URLs from .env and the command line are the admin's own
        ) as client,
    ):
        ingestor = Ingestor(store, client)
        if use_feeds or not sources:
            outcomes = ingestor.feeds(_all_feeds(store, settings.news_feeds))
        else:
            urls = [s for s in sources if s.startswith(("http://", "https://"))]
            paths = [Path(s) for s in sources if s not in urls and s != "-"]
            stdin = iter([ingestor.data(_stdin(), "-")] if "-" in sources else [])
            outcomes = chain(stdin, ingestor.urls(urls), ingestor.paths(paths))
        counts = _run(outcomes, err)
    line = ", ".join(f"{n} {status}" for status, n in counts.items()) or "nothing to do"
    click.echo(f"ingest: {line}")
    sys.exit(EXIT_SOME_FAILED if counts["failed"] else EXIT_OK)


def _all_feeds(store: Store, news_feeds: tuple[str, ...]) -> list[Feed]:
    for url in news_feeds:
        store.add_feed(url)  # NEWS_FEEDS are global: every channel's
    return store.feeds()


def _stdin() -> bytes:
    return sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)


def _run(outcomes: Iterator[Outcome], err: Console) -> Counter[str]:
    """Drive the outcomes with a progress count on stderr; failures are printed as they come."""
    counts: Counter[str] = Counter()
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingesting", total=None)
        for outcome in outcomes:
            counts[outcome.status] += 1
            progress.advance(task)
            if outcome.error:
                progress.console.print(
                    one_line(f"newsbot: {outcome.error}"), markup=False, emoji=False
                )
    return counts
