"""One summary or stored story for a person at a terminal: click's styles, outside text without
controls.

Not rich: `newsbot summarize` starts 28 ms sooner without it (bench/speed.py). On a terminal
lines are wrapped at words to its width; piped into a file or `grep`, each goes out whole.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from datetime import UTC, datetime
from typing import Any

import click

from digests import Story, Summary
from digests.printable import one_line


def names(summary: Summary, most: int | None = None) -> str:
    """Who, with roles, on one line."""
    found = [f"{e.name} ({e.role})" if e.role else e.name for e in summary.who[:most]]
    return one_line(", ".join(found))


def print_summary(summary: Summary) -> None:
    """The headline, then the source, setting, gist, key points, who and numbers."""
    _show(one_line(summary.headline), bold=True)
    _print_details(summary, [summary.source])


def print_story(story: Story) -> None:
    """A stored story in full: its headline once, id, source, times and address, then its
    summary's details."""
    _show(one_line(story.title), bold=True)
    facts = [f"story {story.id}", one_line(story.source), f"seen {_utc(story.first_seen)}"]
    if story.published:
        facts.append(f"published {_utc(story.published)}")
    if story.sources > 1:
        facts.append(f"{story.sources} sources")
    _show(" · ".join(facts), dim=True)
    if story.url:
        _show(one_line(story.url), dim=True)
    _print_details(story.summary, [])


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _print_details(summary: Summary, setting: list[str]) -> None:
    """Where and when (after `setting`), then the gist, key points, who and numbers."""
    if summary.when_text:
        setting.append(summary.when.isoformat() if summary.when else summary.when_text)
    setting.extend(summary.where)
    if setting:
        _show(one_line(" · ".join(setting)), dim=True)
    _show("Gist: " + one_line(summary.gist), styled=(0, len("Gist:")), bold=True)
    _show("Key points:", bold=True)
    for point in summary.key_points:
        _show("  • " + one_line(point), indent="    ")
    if summary.who:
        _show("Who: " + names(summary), styled=(0, len("Who:")), bold=True)
    if summary.numbers:
        _show("Numbers:", bold=True)
        for figure in summary.numbers:
            text = one_line(figure.text)
            line = f"  • {text} ({figure.kind}): {one_line(figure.context)}"
            _show(line, styled=(4, 4 + len(text)), indent="    ", fg="cyan")
    click.echo()


def _show(
    line: str, *, styled: tuple[int, int] | None = None, indent: str = "", **style: Any
) -> None:
    """One line, word-wrapped to the terminal's width on a terminal; `style` applies to the
    whole line, or to the span `styled` of its first line."""
    lines = [line]
    if sys.stdout.isatty():
        width = shutil.get_terminal_size().columns
        lines = textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False)
        lines = lines or [""]
    start, end = (
        (0, len(line)) if styled is None else (0, styled) if isinstance(styled, int) else styled
    )
    first = lines[0]
    end = min(end, len(first))
    lines[0] = first[:start] + click.style(first[start:end], **style) + first[end:]
    if styled is None:
        lines[1:] = [click.style(rest, **style) for rest in lines[1:]]
    click.echo("\n".join(lines))
