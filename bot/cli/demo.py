"""`newsbot demo`: the whole pipeline offline on the bundled sample corpus."""

from __future__ import annotations

import click

from bot.cli.jsonout import echo_json
from digests import summarize, summary_to_dict


@click.command("demo")
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

    from bot.cli.terminal import print_digest, text_console
    from bot.slack.render import digest_message, thread_messages
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
