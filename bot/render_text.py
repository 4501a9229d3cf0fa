"""Summaries rendered for a person at a terminal, with rich."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from digests import Story, Summary


def print_summary(console: Console, summary: Summary) -> None:
    """The headline, gist, key points, who, numbers and setting of one article."""
    console.print(Text(summary.headline, style="bold"))
    setting = [summary.source]
    if summary.when_text:
        setting.append(summary.when.isoformat() if summary.when else summary.when_text)
    setting.extend(summary.where)
    console.print(Text(" · ".join(setting), style="dim"))
    console.print(Text.assemble(("Gist: ", "bold"), summary.gist))
    console.print(Text("Key points:", style="bold"))
    for point in summary.key_points:
        console.print(Text("  • ") + Text(point))
    if summary.who:
        names = [f"{e.name} ({e.role})" if e.role else e.name for e in summary.who]
        console.print(Text.assemble(("Who: ", "bold"), ", ".join(names)))
    if summary.numbers:
        console.print(Text("Numbers:", style="bold"))
        for figure in summary.numbers:
            console.print(
                Text.assemble("  • ", (figure.text, "cyan"), f" ({figure.kind}): ", figure.context)
            )
    console.print()


def print_story_line(console: Console, story: Story) -> None:
    """One line for a stored story: id, headline, source, when first seen, cluster size."""
    seen = story.first_seen.strftime("%Y-%m-%d %H:%M")
    more = f" · {story.sources} sources" if story.sources > 1 else ""
    console.print(
        Text.assemble(
            (f"{story.id:>6}  ", "dim"), (story.title, "bold"), f"  {story.source} · {seen}{more}"
        )
    )
