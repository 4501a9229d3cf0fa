"""The `newsbot` command: a thin click face over the digests engine."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from bot.jsonout import echo_json
from bot.summary_text import print_summary
from digests import (
    VERSION,
    Article,
    ArticleError,
    article_from_bytes,
    expand_paths,
    read_file,
    summarize,
    summary_to_dict,
)
from digests.printable import one_line
from digests.read import MAX_ARTICLE_BYTES

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


# Commands that need the Slack, SQL or HTTP stacks are imported only when they run, so that
# `newsbot summarize` starts in a fraction of the time.
_LAZY = {
    "run": "bot.cli_run:run_command",
    "digest": "bot.cli_digest:digest_command",
    "migrate": "bot.cli_ingest:migrate_command",
    "ingest": "bot.cli_ingest:ingest_command",
    "feeds": "bot.cli_feeds:feeds_group",
    "search": "bot.cli_search:search_command",
    "story": "bot.cli_search:story_command",
}


class _LazyGroup(click.Group):
    """A click group whose heavier commands are imported when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *_LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LAZY:
            module, name = _LAZY[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module), name)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="newsbot")
def main() -> None:
    """newsbot: news articles condensed into key points, and a daily digest in Slack."""


def _articles(sources: tuple[str, ...]) -> Iterator[Article | ArticleError]:
    """Each source as an Article, or the error that says why it could not be read."""
    for source in sources:
        try:
            if source == "-":
                yield article_from_bytes(sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1), "-")
            elif source.startswith(("http://", "https://")):
                from digests.ingest import fetch_article

                yield fetch_article(source)
            else:
                path = Path(source)
                if not path.exists():
                    raise ArticleError(source, "no such file or folder")
                for file in expand_paths(path):
                    try:
                        yield read_file(file)
                    except ArticleError as exc:
                        yield exc
        except ArticleError as exc:
            yield exc


@main.command("summarize")
@click.argument("sources", nargs=-1, required=True, metavar="PATH|URL|- ...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.option(
    "--points",
    type=click.IntRange(1, 20),
    default=None,
    metavar="N",
    help="Exactly N key points (default: 3, or up to 5 for a long article).",
)
def summarize_command(sources: tuple[str, ...], as_json: bool, points: int | None) -> None:
    """Summarize articles: files, folders (every file in them), URLs, or - for stdin."""
    failed = False
    for item in _articles(sources):
        if isinstance(item, Article):
            try:
                summary = summarize(item, points)
            except ArticleError as exc:
                item = exc
            else:
                if as_json:
                    echo_json(summary_to_dict(summary))
                else:
                    print_summary(summary)
                continue
        failed = True
        if as_json:
            echo_json({"source": item.source, "error": item.problem})
        click.echo(one_line(f"newsbot: {item.source}: {item.problem}"), err=True)
    sys.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@main.command("demo")
@click.option("--blocks", is_flag=True, help="The digest as Slack's Block Kit JSON.")
@click.option("--json", "as_json", is_flag=True, help="Only the sample page's summary, as JSON.")
def demo_command(blocks: bool, as_json: bool) -> None:
    """The whole pipeline, offline and with no Slack account: the bundled sample corpus (two
    feeds, three pages) summarized, stored in a SQLite file, and today's digest printed."""
    from digests import sample_article

    if as_json:
        echo_json(summary_to_dict(summarize(sample_article())))
        return
    import tempfile
    from datetime import UTC, datetime, timedelta

    from rich.text import Text

    from bot.render import digest_message, thread_messages
    from bot.render_text import print_digest, text_console
    from digests.channel_digest import compose_window
    from digests.ingest import Ingestor, PoliteClient
    from digests.sample.corpus import ingest_sample_corpus
    from digests.store import Store

    with tempfile.TemporaryDirectory() as folder, Store(f"sqlite:///{folder}/demo.db") as store:
        store.migrate()
        with PoliteClient() as offline:  # nothing is fetched: the corpus is in the package
            outcomes = ingest_sample_corpus(Ingestor(store, offline))
        until = datetime.now(UTC)
        since = until - timedelta(days=1)
        digest = compose_window(store, since=since, until=until, channel=None)
        zone = "UTC"
        if blocks:
            parent = digest_message(digest, zone=zone)
            echo_json(
                {
                    "parent": parent.to_dict(),
                    "thread": [m.to_dict() for m in thread_messages(digest)],
                }
            )
            return
        console = text_console()
        stored = sum(1 for o in outcomes if o.status == "new")
        console.print(Text(f"Stored {stored} stories from the bundled sample corpus.", style="dim"))
        print_digest(console, digest, zone)
