"""`newsbot search` and `newsbot story`: find stored stories."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click

from bot.cli.common import open_store, settings_or_exit
from bot.cli.exits import EXIT_SOME_FAILED
from bot.cli.jsonout import echo_json
from bot.cli.summary_text import print_story
from bot.cli.terminal import print_story_line, text_console
from digests.export import story_detail_to_dict, story_to_dict


def _day(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--who", help="Only stories that name this person or organisation.")
@click.option("--source", help="Only stories from this source (feed title or host).")
@click.option("--since", metavar="YYYY-MM-DD", help="First seen on or after this day (UTC).")
@click.option("--until", metavar="YYYY-MM-DD", help="First seen before this day (UTC).")
@click.option(
    "--limit",
    type=click.IntRange(1, 200),
    default=20,
    show_default=True,
    metavar="N",
    help="At most N stories.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
def search_command(
    query: tuple[str, ...],
    who: str | None,
    source: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Stories matching words and "quoted phrases", best and newest first."""
    try:
        window = (_day(since), _day(until))
    except ValueError as exc:
        raise click.BadParameter(f"dates are YYYY-MM-DD ({exc})") from exc
    console = text_console()
    with open_store(settings_or_exit(), writes=False) as store:
        stories = store.search(
            " ".join(query), who=who, source=source, since=window[0], until=window[1], limit=limit
        )
        if not stories:
            empty = "" if store.count() else " (it is empty)"
            click.echo(f"No stories found in {store.where}{empty}.", err=True)
    for story in stories:
        if as_json:
            echo_json(story_to_dict(story))
        else:
            print_story_line(console, story)


@click.command("story")
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="The story as one JSON object.")
def story_command(story_id: int, as_json: bool) -> None:
    """One stored story with its summary."""
    with open_store(settings_or_exit(), writes=False, absent=EXIT_SOME_FAILED) as store:
        story = store.story(story_id)
    if story is None:
        click.echo(f"newsbot: no story {story_id}", err=True)
        sys.exit(EXIT_SOME_FAILED)
    if as_json:
        echo_json(story_detail_to_dict(story))
        return
    print_story(story)
