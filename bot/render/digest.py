"""A composed Digest as Block Kit: the compact list a channel gets, its details in the thread."""

from __future__ import annotations

from typing import Any
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
from bot.render.message import (
    MAX_BLOCKS,
    MAX_MESSAGE_JSON,
    Message,
    date_token,
    fallback,
    json_size,
    message_size,
    sections,
)
from bot.render.story import FULL_ACTION, story_blocks, title
from bot.render.text import shorten
from digests.compose import Digest, DigestEntry

MORE_ACTION = "news_more"
GROUP, HEADLINE = 100, 200  # characters of a source's name and of a headline in the list


def digest_title(digest: Digest, zone: str) -> str:
    """ "News digest · Tuesday 24 November", the date in the channel's zone."""
    day = digest.until.astimezone(ZoneInfo(zone))
    return f"News digest · {day:%A} {day.day} {day:%B}"


def entry_line(entry: DigestEntry) -> str:
    """One story: linked headline, and how many sources carry it."""
    story = entry.story
    line = f"• {link(story.url, shorten(title(story), HEADLINE))}"
    return line + (f" · {entry.sources} sources" if entry.sources > 1 else "")


def digest_message(digest: Digest, *, zone: str, preview: bool = False) -> Message:
    """The digest's compact form: a header, then one line per story under its source.

    Should the lines not fit one message, the last stories are named only by count: all of
    them are in the thread.
    """
    title_text = digest_title(digest, zone)
    header = HeaderBlock(text=title_text)
    if digest.quiet:
        quiet = f"Nothing new since {date_token(digest.since)}."
        return Message(text=f"{title_text}: nothing new", blocks=(header, *sections(quiet)))
    said = f"{len(digest.entries)} stories first seen since {date_token(digest.since)}"
    if preview:
        said += " · a preview: only you see it"
    context = ContextBlock(elements=[MarkdownTextObject(text=said)])
    headlines = "; ".join(mrkdwn(shorten(title(e.story), HEADLINE)) for e in digest.entries)
    text = fallback(f"{title_text}: {headlines}")
    lines = _lines(digest.entries)
    room = MAX_MESSAGE_JSON - message_size(text, [header.to_dict(), context.to_dict()]) - 400
    shown, used = 0, 0
    while shown < len(lines) and used + json_size(lines[shown]) <= room:
        used += json_size(lines[shown])
        shown += 1
    while True:  # the estimate above is close; the message's own check decides
        body = "\n".join(lines[:shown])
        if shown < len(lines):
            body += f"\n…and {len(lines) - shown} more: every story is in the thread"
        try:
            return Message(text=text, blocks=(header, *sections(body), context))
        except ValueError:
            if shown == 0:
                raise
            shown -= 1


def _lines(entries: tuple[DigestEntry, ...]) -> list[str]:
    """A line for each story, the first of a source's stories with the source's name above."""
    lines: list[str] = []
    group = None
    for entry in entries:
        line = entry_line(entry)
        if entry.group != group:
            group = entry.group
            line = f"*{mrkdwn(shorten(group, GROUP))}*\n{line}"
        lines.append(line)
    return lines


def thread_messages(digest: Digest) -> list[Message]:
    """Each story's details for the digest's thread, as few messages as Slack's limits allow."""
    messages: list[Message] = []
    blocks: list[Block] = []
    dicts: list[dict[str, Any]] = []
    texts: list[str] = []
    for entry in digest.entries:
        story = entry.story
        more: list[Block] = [
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
        more_dicts = [block.to_dict() for block in more]
        text = mrkdwn(shorten(title(story), HEADLINE))
        together = fallback("; ".join([*texts, text]))
        if blocks and (
            len(blocks) + len(more) > MAX_BLOCKS
            or message_size(together, [*dicts, *more_dicts]) > MAX_MESSAGE_JSON
        ):
            messages.append(Message(text=fallback("; ".join(texts)), blocks=tuple(blocks)))
            blocks, dicts, texts = [], [], []
        blocks += more
        dicts += more_dicts
        texts.append(text)
    if blocks:
        messages.append(Message(text=fallback("; ".join(texts)), blocks=tuple(blocks)))
    return messages
