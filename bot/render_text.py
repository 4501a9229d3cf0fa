"""Summaries rendered for a person at a terminal, with rich, outside text without controls.

Lines are wrapped to the terminal's width only on a terminal: piped into a file or `grep`, each
line goes out whole (a search prints one story a line)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.text import Text

from digests import Digest, Story, Summary
from digests.printable import one_line


def text_console(*, stderr: bool = False) -> Console:
    """A console for people: wrapped at the terminal's width, or not wrapped at all when the
    output is not a terminal."""
    console = Console(highlight=False, stderr=stderr)
    console.soft_wrap = not console.is_terminal
    return console


def print_summary(console: Console, summary: Summary) -> None:
    """The headline, gist, key points, who, numbers and setting of one article."""
    console.print(Text(one_line(summary.headline), style="bold"))
    _print_details(console, summary, [summary.source])


def print_story(console: Console, story: Story) -> None:
    """A stored story in full: its headline once, id, source, times and address, then its
    summary's details."""
    console.print(Text(one_line(story.title), style="bold"))
    facts = [f"story {story.id}", one_line(story.source), f"seen {_utc(story.first_seen)}"]
    if story.published:
        facts.append(f"published {_utc(story.published)}")
    if story.sources > 1:
        facts.append(f"{story.sources} sources")
    console.print(Text(" · ".join(facts), style="dim"))
    if story.url:
        console.print(Text(one_line(story.url), style="dim"))
    _print_details(console, story.summary, [])


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _print_details(console: Console, summary: Summary, setting: list[str]) -> None:
    """Where and when, then the gist, key points, who and numbers."""
    if summary.when_text:
        setting.append(summary.when.isoformat() if summary.when else summary.when_text)
    setting.extend(summary.where)
    if setting:
        console.print(Text(one_line(" · ".join(setting)), style="dim"))
    console.print(Text.assemble(("Gist: ", "bold"), one_line(summary.gist)))
    console.print(Text("Key points:", style="bold"))
    for point in summary.key_points:
        console.print(Text("  • ") + Text(one_line(point)))
    if summary.who:
        console.print(Text.assemble(("Who: ", "bold"), _names(summary)))
    if summary.numbers:
        console.print(Text("Numbers:", style="bold"))
        for figure in summary.numbers:
            console.print(
                Text.assemble(
                    "  • ",
                    (one_line(figure.text), "cyan"),
                    f" ({figure.kind}): ",
                    one_line(figure.context),
                )
            )
    console.print()


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
            console.print(Text.assemble(("  Who: ", "dim"), _names(summary, 5)))
        if summary.numbers:
            figures = [f.text for f in summary.numbers[:5]]
            console.print(Text.assemble(("  Numbers: ", "dim"), one_line(", ".join(figures))))
    console.print()


def _names(summary: Summary, most: int | None = None) -> str:
    """Who, with roles, on one line."""
    names = [f"{e.name} ({e.role})" if e.role else e.name for e in summary.who[:most]]
    return one_line(", ".join(names))
