"""`newsbot digest --channel C [--team T] [--dry-run]`: a channel's digest now, posted or
printed."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click

from bot.cli.common import open_store, settings_or_exit
from bot.cli.exits import EXIT_SOME_FAILED, EXIT_USAGE
from bot.cli.jsonout import echo_json
from bot.cli.terminal import print_digest, text_console
from bot.config import ConfigError, require_slack
from bot.slack.poster import DigestNotPosted, DigestPoster
from bot.slack.workspaces import open_workspaces
from digests.channel_digest import window_start
from digests.printable import one_line


@click.command("digest")
@click.option("--channel", required=True, metavar="C0123ABCD", help="The channel's id.")
@click.option(
    "--team",
    metavar="T0123ABCD",
    help="The channel's workspace (its team id): needed with SLACK_CLIENT_ID.",
)
@click.option("--dry-run", is_flag=True, help="Print it here instead of posting it.")
@click.option("--blocks", is_flag=True, help="With --dry-run: Block Kit JSON, not text.")
def digest_command(channel: str, team: str | None, dry_run: bool, blocks: bool) -> None:
    """Compose a channel's digest now (the stories since its last scheduled digest, or of the
    last day) and post it, or print it with --dry-run; a scheduled digest still comes."""
    settings = settings_or_exit()
    if settings.many_workspaces and not team:
        click.echo(
            "newsbot: with SLACK_CLIENT_ID, say which workspace the channel is in: "
            "--team T0123ABCD (its team id)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    team = team if settings.many_workspaces and team else ""
    if not dry_run:
        try:
            require_slack(settings, serving=False)
        except ConfigError as exc:
            click.echo(str(exc), err=True)
            sys.exit(EXIT_USAGE)
    with open_store(settings, writes=not dry_run) as store:
        poster = DigestPoster(store, open_workspaces(settings, store), settings.digest_policy)
        if dry_run:
            now = datetime.now(UTC)
            composed = poster.compose(channel, window_start(store, channel, now, team), now, team)
            if blocks:
                thread = [m.to_dict() for m in composed.thread]
                echo_json({"parent": composed.parent.to_dict(), "thread": thread})
            else:
                print_digest(text_console(), composed.digest, composed.plan.zone)
            return
        try:
            ts = poster.post_now(channel, team)
        except DigestNotPosted as exc:
            said = f"newsbot: the digest for {channel} was not posted: {exc}"
            click.echo(one_line(said), err=True)
            sys.exit(EXIT_SOME_FAILED)
    click.echo(f"digest posted to {channel} (ts {ts})")
