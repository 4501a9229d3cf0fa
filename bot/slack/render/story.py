"""Stories as Block Kit: one in full, a page of results, and one shared into a channel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    PlainTextObject,
    SectionBlock,
    TextObject,
)

from bot.slack.escape import MAX_URL, link, user_mention, without_credentials
from bot.slack.render.message import (
    MAX_FALLBACK,
    Message,
    clip,
    date_token,
    fallback,
    first_fitting,
    fit,
    marked,
    sections,
    shorten,
)
from digests.model import Story

SHARE_ACTION = "news_share"
FULL_ACTION = "news_full"
PAGE_PREVIOUS_ACTION = "news_page_prev"
PAGE_NEXT_ACTION = "news_page_next"
PAGE_SIZE = 5  # stories on a page of results
MAX_WHO, MAX_NUMBERS, MAX_POINTS = 8, 6, 5
NAME, CLAUSE, SOURCE = 100, 200, 100  # characters kept of a name, a figure's clause, a source


@dataclass(frozen=True)
class Room:
    """Characters a story may take, escaped: its headline, gist and each key point, and the
    longest article address still linked (0: none). Messages try roomier forms first."""

    headline: int
    gist: int
    point: int = 0
    url: int = MAX_URL


FULL_ROOMS = (Room(300, 1500, 500), Room(200, 600, 250, 500), Room(100, 200, 100, 0))
LIST_ROOMS = (Room(300, 300), Room(150, 120, url=500), Room(100, 0, url=0))


def headline(story: Story, room: Room = FULL_ROOMS[0]) -> str:
    """The story's headline in bold, linked to the article."""
    label = fit(story.summary.headline or story.title, room.headline)
    return f"*{link(story.url, label, max_url=room.url)}*"


def context(story: Story) -> ContextBlock:
    """Source · time · N sources · #id; the source as plain text, shown exactly as written
    (no emoji made of :codes:), the rest mrkdwn for the time in each reader's zone."""
    source = shorten(without_credentials(story.source).strip(), SOURCE)
    parts = [date_token(story.published or story.first_seen)]
    if story.sources > 1:
        parts.append(f"{story.sources} sources")
    parts.append(f"#{story.id}")
    said = " · ".join(parts)
    if not source:
        return ContextBlock(elements=[marked(said)])
    elements: list[TextObject] = [PlainTextObject(text=source, emoji=False), marked(f"· {said}")]
    return ContextBlock(elements=elements)


def story_blocks(story: Story, *, buttons: bool = True, room: Room = FULL_ROOMS[0]) -> list[Block]:
    """One story in full: headline, gist, who, numbers, key points, context, Share button."""
    summary = story.summary
    lines = [headline(story, room), clip(summary.gist, room.gist)]
    if summary.who:
        names = [
            clip(e.name, NAME) + (f" ({clip(e.role, NAME)})" if e.role else "")
            for e in summary.who[:MAX_WHO]
        ]
        lines.append("*Who:* " + ", ".join(names))
    if summary.numbers:
        lines.append("*Numbers:*")
        lines.extend(
            f"• {clip(f.text, NAME)}: {clip(f.context, CLAUSE)}"
            for f in summary.numbers[:MAX_NUMBERS]
        )
    points = [p for p in summary.key_points if p != summary.gist][:MAX_POINTS]
    if points:
        lines.append("*Key points:*")
        lines.extend(f"• {clip(point, room.point)}" for point in points)
    blocks: list[Block] = list(sections("\n".join(lines)))
    blocks.append(context(story))
    if buttons:
        blocks.append(ActionsBlock(elements=[_button("Share in channel", SHARE_ACTION, story)]))
    return blocks


def story_message(story: Story, *, buttons: bool = True) -> Message:
    """One story in full, as an answer."""

    def build(room: Room) -> Message:
        return Message(
            text=_plain(story), blocks=tuple(story_blocks(story, buttons=buttons, room=room))
        )

    return first_fitting(build, FULL_ROOMS)


def shared_message(story: Story, *, user_id: str) -> Message:
    """A story posted into a channel by someone's Share button."""
    shared = ContextBlock(elements=[marked(f"Shared by {user_mention(user_id)}")])

    def build(room: Room) -> Message:
        blocks = (*story_blocks(story, buttons=False, room=room), shared)
        return Message(text=_plain(story), blocks=blocks)

    return first_fitting(build, FULL_ROOMS)


def results_message(
    heading: str,
    stories: Sequence[Story],
    *,
    next_page: str | None = None,
    previous_page: str | None = None,
    empty: str = "No stories found.",
) -> Message:
    """A page of stories: headline, short gist, context and buttons each; then page buttons.

    `heading` is trusted mrkdwn from our own code, at most 300 characters. A page holds at most
    PAGE_SIZE stories; when long headlines, gists or addresses would not fit one message, they
    are cut shorter.
    """
    if len(stories) > PAGE_SIZE:
        raise ValueError(f"a page holds at most {PAGE_SIZE} stories")
    pages = [
        ButtonElement(text=label, action_id=action, value=value)
        for label, action, value in (
            ("◀ Previous", PAGE_PREVIOUS_ACTION, previous_page),
            ("Next ▶", PAGE_NEXT_ACTION, next_page),
        )
        if value is not None
    ]
    titles = "; ".join(clip(s.summary.headline or s.title, 200) for s in stories)
    text = fallback(f"{_unmarked(heading)}: {titles or empty}")

    def page(room: Room) -> Message:
        blocks: list[Block] = [SectionBlock(text=marked(heading))]
        if not stories:
            blocks.append(SectionBlock(text=marked(empty)))
        for story in stories:
            gist = clip(story.summary.gist, room.gist)
            blocks += [
                DividerBlock(),
                SectionBlock(text=marked(f"{headline(story, room)}\n{gist}")),
                context(story),
                ActionsBlock(
                    elements=[
                        _button("Full summary", FULL_ACTION, story),
                        _button("Share", SHARE_ACTION, story),
                    ]
                ),
            ]
        if pages:
            blocks.append(ActionsBlock(elements=pages))
        return Message(text=text, blocks=tuple(blocks))

    return first_fitting(page, LIST_ROOMS)


def _button(label: str, action: str, story: Story) -> ButtonElement:
    return ButtonElement(text=label, action_id=action, value=str(story.id))


def _plain(story: Story) -> str:
    """The fallback text, which Slack reads as mrkdwn too: escaped like the blocks."""
    said = f"{story.summary.headline or story.title} — {story.summary.gist}"
    return fallback(clip(said, MAX_FALLBACK))


def _unmarked(text: str) -> str:
    return text.replace("*", "").replace("`", "")
