"""One story in full: as an answer, and as shared into a channel by someone's Share button."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
)

from bot.escape import link, mrkdwn, user_mention
from bot.render.message import Message, date_token, fallback, json_size, sections
from bot.render.text import shorten
from digests.model import Story

SHARE_ACTION = "news_share"
FULL_ACTION = "news_full"
MAX_WHO, MAX_NUMBERS, MAX_POINTS = 8, 6, 5
# JSON characters one story's blocks take at most: with a button row, a "Shared by" line and
# the fallback text, a story always fits one message
STORY_JSON = 8000


@dataclass(frozen=True)
class Room:
    """How much of a story to show: characters of each text, and how many names, figures and
    key points (0: none)."""

    headline: int
    source: int
    gist: int = 0
    name: int = 0
    clause: int = 0
    point: int = 0
    who: int = 0
    numbers: int = 0
    points: int = 0


# From a story in full down to its headline alone; the first that fits is shown.
ROOMS = (
    Room(300, 100, gist=1500, name=100, clause=200, point=500, who=8, numbers=6, points=5),
    Room(200, 60, gist=600, name=60, clause=100, point=200, who=8, numbers=6, points=5),
    Room(150, 40, gist=300, name=40, clause=60, point=100, who=4, numbers=3, points=3),
    Room(100, 30, gist=150),
    Room(60, 20),
)


def title(story: Story) -> str:
    """The story's headline as the article gave it."""
    return story.summary.headline or story.title or "(untitled)"


def headline(story: Story, room: Room = ROOMS[0]) -> str:
    """The story's headline in bold, linked to the article."""
    return f"*{link(story.url, shorten(title(story), room.headline))}*"


def context_line(story: Story, room: Room = ROOMS[0]) -> str:
    """Source · time · N sources · #id, for a context block."""
    parts = [mrkdwn(shorten(story.source, room.source)) or "unknown source"]
    parts.append(date_token(story.published or story.first_seen))
    if story.sources > 1:
        parts.append(f"{story.sources} sources")
    parts.append(f"#{story.id}")
    return " · ".join(parts)


def details(story: Story, room: Room) -> str:
    """Headline, gist, who, numbers and key points as mrkdwn, as much as `room` allows."""
    summary = story.summary
    lines = [headline(story, room)]
    if room.gist and summary.gist:
        lines.append(mrkdwn(shorten(summary.gist, room.gist)))
    if summary.who[: room.who]:
        names = [
            mrkdwn(shorten(e.name, room.name))
            + (f" ({mrkdwn(shorten(e.role, room.name))})" if e.role else "")
            for e in summary.who[: min(room.who, MAX_WHO)]
        ]
        lines.append("*Who:* " + ", ".join(names))
    if summary.numbers[: room.numbers]:
        lines.append("*Numbers:*")
        lines.extend(
            f"• {mrkdwn(shorten(f.text, room.name))}: {mrkdwn(shorten(f.context, room.clause))}"
            for f in summary.numbers[: min(room.numbers, MAX_NUMBERS)]
        )
    points = [p for p in summary.key_points if p != summary.gist][: min(room.points, MAX_POINTS)]
    if points:
        lines.append("*Key points:*")
        lines.extend(f"• {mrkdwn(shorten(point, room.point))}" for point in points)
    return "\n".join(lines)


def story_blocks(story: Story, *, buttons: bool = True) -> list[Block]:
    """One story in full: headline, gist, who, numbers, key points, context, Share button.

    A story too big for one message is shown shorter (see ROOMS): its blocks never take more
    than STORY_JSON characters of JSON.
    """
    for room in ROOMS:
        blocks: list[Block] = list(sections(details(story, room)))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=context_line(story, room))]))
        if buttons:
            blocks.append(ActionsBlock(elements=[button("Share in channel", SHARE_ACTION, story)]))
        if json_size([block.to_dict() for block in blocks]) <= STORY_JSON:
            break
    return blocks


def story_message(story: Story, *, buttons: bool = True) -> Message:
    """One story in full, as an answer."""
    return Message(text=story_fallback(story), blocks=tuple(story_blocks(story, buttons=buttons)))


def shared_message(story: Story, *, user_id: str) -> Message:
    """A story posted into a channel by someone's Share button: no buttons, and who shared it."""
    blocks = story_blocks(story, buttons=False)
    shared = f"Shared by {user_mention(user_id)}"
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=shared)]))
    return Message(text=story_fallback(story), blocks=tuple(blocks))


def button(label: str, action: str, story: Story) -> ButtonElement:
    """A button that acts on `story`: its value is the story's id."""
    return ButtonElement(text=label, action_id=action, value=str(story.id))


def story_fallback(story: Story) -> str:
    """ "headline — gist": Slack reads the fallback as mrkdwn too, so it is escaped like the
    blocks."""
    room = ROOMS[0]
    said = shorten(title(story), room.headline)
    if story.summary.gist:
        said += " — " + shorten(story.summary.gist, room.gist)
    return fallback(mrkdwn(said))
