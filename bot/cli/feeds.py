"""`newsbot feeds add|list|remove|import|export`: manage the feed list."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli.common import open_store, settings_or_exit
from bot.cli.exits import EXIT_SOME_FAILED
from bot.cli.jsonout import echo_json
from digests.export import feed_to_dict
from digests.ingest import OpmlError, read_opml, write_opml
from digests.printable import one_line


@click.group("feeds")
def feeds_group() -> None:
    """Manage the feeds newsbot polls (global ones; channels subscribe from Slack)."""


@feeds_group.command("add")
@click.argument("urls", nargs=-1, required=True)
@click.option(
    "--priority",
    type=click.FloatRange(0.1, 10.0),
    help="How much these feeds' stories weigh in digests (1 is normal; 2 counts double).",
)
def add_command(urls: tuple[str, ...], priority: float | None) -> None:
    """Subscribe every channel to these feed URLs (again with --priority: set their weight)."""
    with open_store(settings_or_exit(), writes=True) as store:
        for url in urls:
            feed = store.add_feed(url)
            if priority is not None:
                feed = store.set_priority(str(feed.id), priority) or feed
            weight = f" (priority {feed.priority:g})" if feed.priority != 1.0 else ""
            click.echo(f"feed {feed.id}: {one_line(feed.url)}{weight}")


@feeds_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
def list_command(as_json: bool) -> None:
    """Every feed with its health: last success, failures in a row, last error."""
    with open_store(settings_or_exit(), writes=False) as store:
        found = store.feeds()
        if not found:
            click.echo(f"No feeds in {store.where}: add one with newsbot feeds add URL.", err=True)
        for feed in found:
            if as_json:
                echo_json(feed_to_dict(feed))
                continue
            health = "ok" if not feed.failures else f"{feed.failures} failures: {feed.last_error}"
            last = feed.last_success.isoformat(timespec="minutes") if feed.last_success else "never"
            said = f"{feed.id:>4}  {feed.url}  ({feed.title or 'untitled'}; priority "
            said += f"{feed.priority:g}; last {last}; {health})"
            click.echo(one_line(said))  # a feed's title and error never drive the terminal


@feeds_group.command("remove")
@click.argument("feeds", nargs=-1, required=True, metavar="URL|ID ...")
def remove_command(feeds: tuple[str, ...]) -> None:
    """Unsubscribe feeds, by URL or id."""
    missing = False
    with open_store(settings_or_exit(), writes=True) as store:
        for ref in feeds:
            if store.remove_feed(ref):
                click.echo(f"removed {ref}")
            else:
                click.echo(f"newsbot: {ref}: no such feed", err=True)
                missing = True
    sys.exit(EXIT_SOME_FAILED if missing else 0)


@feeds_group.command("import")
@click.argument("opml", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(opml: Path) -> None:
    """Add every feed of an OPML file (none when the file is refused: exit 1)."""
    try:
        entries = read_opml(opml.read_bytes(), str(opml))
    except OpmlError as exc:
        click.echo(f"newsbot: {exc}", err=True)
        sys.exit(EXIT_SOME_FAILED)
    except OSError as exc:
        click.echo(f"newsbot: {opml}: cannot be read ({exc.strerror or exc})", err=True)
        sys.exit(EXIT_SOME_FAILED)
    with open_store(settings_or_exit(), writes=True) as store:
        for url, title in entries:
            store.add_feed(url, title)
    feeds = "feed" if len(entries) == 1 else "feeds"
    click.echo(f"imported {len(entries)} {feeds} from {opml}")


@feeds_group.command("export")
def export_command() -> None:
    """Print the feed list as OPML."""
    with open_store(settings_or_exit(), writes=False) as store:
        click.echo(write_opml(store.feeds()), nl=False)
