"""The `newsbot` command: a thin click face over the digests engine."""

from __future__ import annotations

import importlib

import click

from bot.cli.demo import demo_command
from bot.cli.summarize import summarize_command
from digests import VERSION

__all__ = ["main"]


# Commands that need the Slack, SQL or HTTP stacks are imported only when they run, so that
# `newsbot summarize` starts in a fraction of the time.
_LAZY = {
    "run": "bot.cli.run:run_command",
    "digest": "bot.cli.digest:digest_command",
    "migrate": "bot.cli.ingest:migrate_command",
    "ingest": "bot.cli.ingest:ingest_command",
    "feeds": "bot.cli.feeds:feeds_group",
    "search": "bot.cli.search:search_command",
    "story": "bot.cli.search:story_command",
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


main.add_command(summarize_command)
main.add_command(demo_command)
