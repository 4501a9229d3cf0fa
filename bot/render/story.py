"""Stories as Block Kit: one in full, a page of results, and one shared into a channel."""

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

from bot.escape import link, mrkdwn, user_mention
from bot.render.message import Message, date_token, fallback, sections, shorten
from digests.model import Story

SHARE_ACTION = "news_share"
FULL_ACTION = "news_full"
PAGE_PREVIOUS_ACTION = "news_page_prev"
PAGE_NEXT_ACTION = "news_page_next"
MAX_WHO, MAX_NUMBERS, MAX_POINTS = 8, 6, 5
# characters kept of one sentence, name or clause, so that a story always fits one message
GIST, POINT, NAME, CLAUSE = 1500, 500, 100, 200
LIST_GIST = 300  # characters of gist in a list of results


def headline(story: Story) -> str:
    """The story's headline in bold, linked to the article."""
    return f"*{link(story.url, shorten(story.summary.headline or story.title, 300))}*"


def context_line(story: Story) -> str:
    """Source · time · N sources · #id, for a context block."""
    parts = [mrkdwn(story.source), date_token(story.published or story.first_seen)]
    if story.sources > 1:
        parts.append(f"{story.sources} sources")
    parts.append(f"#{story.id}")
    return " · ".join(parts)


def story_blocks(story: Story, *, buttons: bool = True) -> list[Block]:
    """One story in full: headline, gist, who, numbers, key points, context, Share button."""
    summary = story.summary
    lines = [headline(story), mrkdwn(shorten(summary.gist, GIST))]
    if summary.who:
        names = [
            mrkdwn(shorten(e.name, NAME))
            + (f" ({mrkdwn(shorten(e.role, NAME))})" if e.role else "")
            for e in summary.who[:MAX_WHO]
        ]
        lines.append("*Who:* " + ", ".join(names))
    if summary.numbers:
        lines.append("*Numbers:*")
        lines.extend(
            f"• {mrkdwn(shorten(f.text, NAME))}: {mrkdwn(shorten(f.context, CLAUSE))}"
            for f in summary.numbers[:MAX_NUMBERS]
        )
    points = [p for p in summary.key_points if p != summary.gist][:MAX_POINTS]
    if points:
        lines.append("*Key points:*")
        lines.extend(f"• {mrkdwn(shorten(point, POINT))}" for point in points)
    blocks: list[Block] = list(sections("\n".join(lines)))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=context_line(story))]))
    if buttons:
        blocks.append(ActionsBlock(elements=[_button("Share in channel", SHARE_ACTION, story)]))
    return blocks


def story_message(story: Story, *, buttons: bool = True) -> Message:
    """One story in full, as an answer."""
    return Message(text=_plain(story), blocks=tuple(story_blocks(story, buttons=buttons)))


def shared_message(story: Story, *, user_id: str) -> Message:
    """A story posted into a channel by someone's Share button."""
    blocks = story_blocks(story, buttons=False)
    shared = f"Shared by {user_mention(user_id)}"
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=shared)]))
    return Message(text=_plain(story), blocks=tuple(blocks))


def results_message(
    heading: str,
    stories: Sequence[Story],
    *,
    next_page: str | None = None,
    previous_page: str | None = None,
    empty: str = "No stories found.",
) -> Message:
    """A page of stories: headline, short gist, context and buttons each; then page buttons.

    `heading` is trusted mrkdwn from our own code. A page holds at most ten stories.
    """
    if len(stories) > 10:
        raise ValueError("a page holds at most 10 stories")
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=heading))]
    if not stories:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=empty)))
    for story in stories:
        gist = mrkdwn(shorten(story.summary.gist, LIST_GIST))
        blocks += [
            DividerBlock(),
            SectionBlock(text=MarkdownTextObject(text=f"{headline(story)}\n{gist}")),
            ContextBlock(elements=[MarkdownTextObject(text=context_line(story))]),
            ActionsBlock(
                elements=[
                    _button("Full summary", FULL_ACTION, story),
                    _button("Share", SHARE_ACTION, story),
                ]
            ),
        ]
    pages = [
        ButtonElement(text=label, action_id=action, value=value)
        for label, action, value in (
            ("◀ Previous", PAGE_PREVIOUS_ACTION, previous_page),
            ("Next ▶", PAGE_NEXT_ACTION, next_page),
        )
        if value is not None
    ]
    if pages:
        blocks.append(ActionsBlock(elements=pages))
    titles = "; ".join(mrkdwn(shorten(s.summary.headline or s.title, 200)) for s in stories)
    return Message(text=fallback(f"{_unmarked(heading)}: {titles or empty}"), blocks=tuple(blocks))


def _button(label: str, action: str, story: Story) -> ButtonElement:
    return ButtonElement(text=label, action_id=action, value=str(story.id))


def _plain(story: Story) -> str:
    """The fallback text, which Slack reads as mrkdwn too: escaped like the blocks."""
    return fallback(mrkdwn(f"{story.summary.headline or story.title} — {story.summary.gist}"))


def _unmarked(text: str) -> str:
    return text.replace("*", "").replace("`", "")
