"""A composed Digest as Block Kit: the compact list a channel gets, grouped by source."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
)

from bot.slack.escape import link
from bot.slack.render.message import (
    Message,
    clip,
    date_token,
    fallback,
    first_fitting,
    fit,
    marked,
    sections,
)
from bot.slack.render.story import FULL_ACTION, FULL_ROOMS, SOURCE, Room, story_blocks
from digests.compose import Digest, DigestEntry

MORE_ACTION = "news_more"
# up to 50 stories in one message: headlines and addresses are cut shorter until they fit
DIGEST_ROOMS = (Room(200, 0), Room(120, 0, url=500), Room(80, 0, url=0))


def digest_title(digest: Digest, zone: str) -> str:
    """ "News digest · Tuesday 24 November", the date in the channel's zone."""
    day = digest.until.astimezone(ZoneInfo(zone))
    return f"News digest · {day:%A} {day.day} {day:%B}"


def entry_line(entry: DigestEntry, room: Room = DIGEST_ROOMS[0]) -> str:
    """One story: linked headline, and how many sources carry it."""
    story = entry.story
    label = fit(story.summary.headline or story.title, room.headline)
    line = f"• {link(story.url, label, max_url=room.url)}"
    return line + (f" · {entry.sources} sources" if entry.sources > 1 else "")


def digest_message(digest: Digest, *, zone: str, preview: bool = False) -> Message:
    """The digest's compact form: a header, then one line per story under its source."""
    title = digest_title(digest, zone)
    blocks: list[Block] = [HeaderBlock(text=title)]
    if digest.quiet:
        quiet = f"Nothing new since {date_token(digest.since)}."
        blocks += sections(quiet)
        return Message(text=f"{title}: nothing new", blocks=tuple(blocks))
    said = f"{len(digest.entries)} stories first seen since {date_token(digest.since)}"
    if preview:
        said += " · a preview: only you see it"
    headlines = (clip(e.story.summary.headline or e.story.title, 200) for e in digest.entries)
    text = fallback(f"{title}: {'; '.join(headlines)}")

    def listed(room: Room) -> Message:
        lines: list[str] = []
        group = None
        for entry in digest.entries:
            if entry.group != group:
                group = entry.group
                lines.append(f"*{clip(group, SOURCE)}*")
            lines.append(entry_line(entry, room))
        context = ContextBlock(elements=[marked(said)])
        return Message(text=text, blocks=(*blocks, *sections("\n".join(lines)), context))

    return first_fitting(listed, DIGEST_ROOMS)


def thread_messages(digest: Digest) -> list[Message]:
    """Each story's details for the digest's thread, as few messages as Slack's limits allow."""
    messages: list[Message] = []
    blocks: list[Block] = []
    texts: list[str] = []
    for entry in digest.entries:
        text = clip(entry.story.summary.headline or entry.story.title, 200)
        more = _fitted_details(entry)
        try:
            Message(text=fallback("; ".join([*texts, text])), blocks=(*blocks, *more))
        except ValueError:
            if blocks:
                messages.append(Message(text=fallback("; ".join(texts)), blocks=tuple(blocks)))
            blocks, texts = [], []
        blocks += more
        texts.append(text)
    if blocks:
        messages.append(Message(text=fallback("; ".join(texts)), blocks=tuple(blocks)))
    return messages


def _fitted_details(entry: DigestEntry) -> tuple[Block, ...]:
    """The story's details in the roomiest form that fits a message by itself."""

    def alone(room: Room) -> Message:
        return Message(text="details", blocks=_details(entry, room))

    return first_fitting(alone, FULL_ROOMS).blocks


def _details(entry: DigestEntry, room: Room) -> tuple[Block, ...]:
    """One story in full with its More like this and Full summary buttons, then a divider."""
    story_id = str(entry.story.id)
    buttons = [
        ButtonElement(text="More like this", action_id=MORE_ACTION, value=story_id),
        ButtonElement(text="Full summary", action_id=FULL_ACTION, value=story_id),
    ]
    return (
        *story_blocks(entry.story, buttons=False, room=room),
        ActionsBlock(elements=buttons),
        DividerBlock(),
    )
