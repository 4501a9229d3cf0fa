"""Every `newsbot` command and subcommand, the lazily loaded ones too, for tests that walk them."""

from __future__ import annotations

from collections.abc import Iterator

import click

from bot.cli import main


def every_command(
    group: click.Group = main, prefix: str = "newsbot"
) -> Iterator[tuple[str, click.Command]]:
    """Each command and group below `group`, with its full name ("newsbot feeds list")."""
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None:
            continue
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from every_command(command, f"{prefix} {name}")
