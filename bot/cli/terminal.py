"""Summaries rendered for a person at a terminal, with rich, outside text without controls.

Lines are wrapped to the terminal's width only on a terminal: piped into a file or `grep`, each
line goes out whole (a search prints one story a line)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from rich.console import Console
from rich.text import Text

from bot.cli.summary_text import names
from digests import Digest, Story
from digests.printable import one_line


def text_console(*, stderr: bool = False) -> Console:
    """A console for people: wrapped at the terminal's width, or not wrapped at all when the
    output is not a terminal."""
    console = Console(highlight=False, stderr=stderr)
    console.soft_wrap = not console.is_terminal
    return console


def print_story_line(console: Console, story: Story) -> None:
    """One line for a stored story: id, headline, source, when first seen, cluster size."""
    seen = story.first_seen.strftime("%Y-%m-%d %H:%M")
    more = f" · {story.sources} sources" if story.sources > 1 else ""
    console.print(
        Text.assemble(
            (f"{story.id:>6}  ", "dim"),
            (one_line(story.title), "bold"),
            f"  {one_line(story.source)} · {seen}{more}",
        )
    )


def print_digest(console: Console, digest: Digest, zone: str) -> None:
    """A digest as a channel would read it: the date, each story under its source, the details."""
    day = digest.until.astimezone(ZoneInfo(zone))
    console.print(Text(f"News digest · {day:%A} {day.day} {day:%B %Y}", style="bold reverse"))
    if digest.quiet:
        console.print(
            f"Nothing new since {digest.since.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}."
        )
        return
    console.print(
        Text(
            f"{len(digest.entries)} stories of {digest.considered} seen since "
            f"{digest.since.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} ({zone})",
            style="dim",
        )
    )
    group = None
    for entry in digest.entries:
        if entry.group != group:
            group = entry.group
            console.print(Text(f"\n{one_line(group)}", style="bold underline"))
        sources = f"  ({entry.sources} sources)" if entry.sources > 1 else ""
        summary = entry.story.summary
        console.print(Text.assemble("• ", (one_line(summary.headline), "bold"), (sources, "green")))
        console.print(Text("  " + one_line(summary.gist)))
        if summary.who:
            console.print(Text.assemble(("  Who: ", "dim"), names(summary, 5)))
        if summary.numbers:
            figures = [f.text for f in summary.numbers[:5]]
            console.print(Text.assemble(("  Numbers: ", "dim"), one_line(", ".join(figures))))
    console.print()
