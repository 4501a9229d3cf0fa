"""One summary for a person at a terminal: click's styles, outside text without controls.

Not rich: `newsbot summarize` starts 28 ms sooner without it (bench/speed.py).
"""

from __future__ import annotations

import click

from digests import Summary
from digests.printable import one_line


def names(summary: Summary, most: int | None = None) -> str:
    """Who, with roles, on one line."""
    found = [f"{e.name} ({e.role})" if e.role else e.name for e in summary.who[:most]]
    return one_line(", ".join(found))


def print_summary(summary: Summary) -> None:
    """The headline, gist, key points, who, numbers and setting of one article."""
    bold = {"bold": True}
    click.echo(click.style(one_line(summary.headline), **bold))
    setting = [summary.source]
    if summary.when_text:
        setting.append(summary.when.isoformat() if summary.when else summary.when_text)
    setting.extend(summary.where)
    click.echo(click.style(one_line(" · ".join(setting)), dim=True))
    click.echo(click.style("Gist: ", **bold) + one_line(summary.gist))
    click.echo(click.style("Key points:", **bold))
    for point in summary.key_points:
        click.echo("  • " + one_line(point))
    if summary.who:
        click.echo(click.style("Who: ", **bold) + names(summary))
    if summary.numbers:
        click.echo(click.style("Numbers:", **bold))
        for figure in summary.numbers:
            text = click.style(one_line(figure.text), fg="cyan")
            click.echo(f"  • {text} ({figure.kind}): {one_line(figure.context)}")
    click.echo()
