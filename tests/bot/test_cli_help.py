"""`newsbot … --help` tells a newcomer what every option does and what it is by default."""

from __future__ import annotations

import click
from click.testing import CliRunner

from bot.cli import main
from tests.support.cli_tree import every_command


def test_every_option_of_every_command_says_what_it_does() -> None:
    silent = [
        f"{name} {param.opts[0]}"
        for name, command in every_command()
        for param in command.params
        if isinstance(param, click.Option) and not param.help
    ]
    assert silent == []


def test_summarize_help_gives_the_default_number_of_points() -> None:
    shown = CliRunner().invoke(main, ["summarize", "--help"]).stdout
    assert "--points N  Exactly N key points (default: 3, or up to 5 for a long" in shown
