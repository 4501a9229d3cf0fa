"""A page of stories found by a command: a compact line each, buttons, and page buttons."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.escape import mrkdwn
from bot.render.message import MAX_BLOCKS, MAX_VALUE, Message, fallback
from bot.render.story import (
    FULL_ACTION,
    SHARE_ACTION,
    Room,
    button,
    context_line,
    headline,
    title,
)
from bot.render.text import clip, plain, shorten
from digests.model import Story

PAGE_PREVIOUS_ACTION = "news_page_prev"
PAGE_NEXT_ACTION = "news_page_next"
MAX_PAGE = 10  # stories a page shows at most
HEADING = 500  # characters of the heading shown
# From the usual page down to headlines alone; the first that fits is shown.
LIST_ROOMS = (
    Room(300, 100, gist=300),
    Room(200, 80, gist=200),
    Room(150, 60, gist=150),
    Room(100, 30),
)


def results_message(
    heading: str,
    stories: Sequence[Story],
    *,
    next_page: str | None = None,
    previous_page: str | None = None,
    empty: str = "No stories found.",
) -> Message:
    """A page of stories: headline, short gist, context and buttons each; then page buttons.

    `heading` and `empty` are trusted mrkdwn from our own code; `next_page` and
    `previous_page` are the values of the Next and Previous buttons (1 to 2,000 characters).
    A page holds at most ten stories. Stories too long for one message are shown shorter;
    should they still not fit, the last ones are left out and the page says so.
    """
    if len(stories) > MAX_PAGE:
        raise ValueError(f"a page holds at most {MAX_PAGE} stories, not {len(stories)}")
    for value in (next_page, previous_page):
        if value is not None and not 0 < len(value) <= MAX_VALUE:
            raise ValueError(f"a page button's value holds 1 to {MAX_VALUE} characters")
    top = SectionBlock(text=MarkdownTextObject(text=clip(heading, HEADING) or "*Results*"))
    pages = _page_buttons(previous_page, next_page)
    titles = "; ".join(mrkdwn(shorten(title(s), 200)) for s in stories)
    said = fallback(f"{plain(heading)}: {titles or plain(empty)}")
    attempts = [(len(stories), room) for room in LIST_ROOMS]
    attempts += [(shown, LIST_ROOMS[-1]) for shown in range(len(stories) - 1, -1, -1)]
    for shown, room in attempts:
        blocks: list[Block] = [top]
        if not stories:
            blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(empty, HEADING))))
        for story in stories[:shown]:
            blocks += _entry(story, room)
        if shown < len(stories):
            left = "(more on the next page)" if next_page else f"({len(stories) - shown} more)"
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=left)]))
        blocks += pages
        assert len(blocks) <= MAX_BLOCKS  # 2 + 4 a story + 2
        try:
            return Message(text=said, blocks=tuple(blocks))
        except ValueError:
            if shown == 0:
                raise
    raise AssertionError("unreachable: the last attempt returns or raises")


def _entry(story: Story, room: Room) -> list[Block]:
    """One story of a page: a divider, headline and gist, its context line and its buttons."""
    text = headline(story, room)
    if room.gist and story.summary.gist:
        text += "\n" + mrkdwn(shorten(story.summary.gist, room.gist))
    return [
        DividerBlock(),
        SectionBlock(text=MarkdownTextObject(text=text)),
        ContextBlock(elements=[MarkdownTextObject(text=context_line(story, room))]),
        ActionsBlock(
            elements=[
                button("Full summary", FULL_ACTION, story),
                button("Share", SHARE_ACTION, story),
            ]
        ),
    ]


def _page_buttons(previous_page: str | None, next_page: str | None) -> list[Block]:
    """The ◀ Previous and Next ▶ buttons, those that have somewhere to go."""
    buttons = [
        ButtonElement(text=label, action_id=action, value=value)
        for label, action, value in (
            ("◀ Previous", PAGE_PREVIOUS_ACTION, previous_page),
            ("Next ▶", PAGE_NEXT_ACTION, next_page),
        )
        if value is not None
    ]
    return [ActionsBlock(elements=buttons)] if buttons else []
