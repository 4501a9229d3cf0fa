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
    MarkdownTextObject,
)

from bot.escape import link, mrkdwn
from bot.render.message import Message, date_token, fallback, sections, shorten
from bot.render.story import FULL_ACTION, story_blocks
from digests.compose import Digest, DigestEntry

MORE_ACTION = "news_more"


def digest_title(digest: Digest, zone: str) -> str:
    """ "News digest · Tuesday 24 November", the date in the channel's zone."""
    day = digest.until.astimezone(ZoneInfo(zone))
    return f"News digest · {day:%A} {day.day} {day:%B}"


def entry_line(entry: DigestEntry) -> str:
    """One story: linked headline, and how many sources carry it."""
    story = entry.story
    line = f"• {link(story.url, shorten(story.summary.headline or story.title, 200))}"
    return line + (f" · {entry.sources} sources" if entry.sources > 1 else "")


def digest_message(digest: Digest, *, zone: str, preview: bool = False) -> Message:
    """The digest's compact form: a header, then one line per story under its source."""
    title = digest_title(digest, zone)
    blocks: list[Block] = [HeaderBlock(text=title)]
    if digest.quiet:
        quiet = f"Nothing new since {date_token(digest.since)}."
        blocks += sections(quiet)
        return Message(text=f"{title}: nothing new", blocks=tuple(blocks))
    lines: list[str] = []
    group = None
    for entry in digest.entries:
        if entry.group != group:
            group = entry.group
            lines.append(f"*{mrkdwn(group)}*")
        lines.append(entry_line(entry))
    blocks += sections("\n".join(lines))
    said = f"{len(digest.entries)} stories first seen since {date_token(digest.since)}"
    if preview:
        said += " · a preview: only you see it"
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=said)]))
    headlines = "; ".join(mrkdwn(e.story.summary.headline or e.story.title) for e in digest.entries)
    return Message(text=fallback(f"{title}: {headlines}"), blocks=tuple(blocks))


def thread_messages(digest: Digest) -> list[Message]:
    """Each story's details for the digest's thread, as few messages as Slack's limits allow."""
    messages: list[Message] = []
    blocks: list[Block] = []
    texts: list[str] = []
    for entry in digest.entries:
        story = entry.story
        more = [
            *story_blocks(story, buttons=False),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text="More like this", action_id=MORE_ACTION, value=str(story.id)
                    ),
                    ButtonElement(text="Full summary", action_id=FULL_ACTION, value=str(story.id)),
                ]
            ),
            DividerBlock(),
        ]
        text = mrkdwn(shorten(story.summary.headline or story.title, 200))
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
