"""A channel's feeds and their health."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.slack.escape import link
from bot.slack.render.message import Message, clip, date_token, fit, sections
from digests.model import Feed

NAME = 200  # characters of a feed's title shown
TEXT_BUDGET = 8000  # characters of feed lines in one message; a longer list ends "…and N more"
NO_FEEDS = "No feeds yet. An admin can add one with `/news subscribe <feed url>`."


def feed_line(feed: Feed, *, is_global: bool) -> str:
    """One feed: its name linked, its id, who gets it, and its health."""
    name = link(feed.url, fit(feed.title or feed.url, NAME))
    scope = " · every channel (NEWS_FEEDS)" if is_global else ""
    if feed.failures:
        error = clip(feed.last_error or "unknown error", 200)
        health = f":warning: failing, {feed.failures} times in a row: {error}"
    elif feed.last_success is not None:
        health = f"ok, last read {date_token(feed.last_success)}"
    else:
        health = "not read yet"
    return f"• {name} `#{feed.id}`{scope}\n      {health}"


def feeds_message(feeds: Sequence[Feed], *, global_ids: Collection[int]) -> Message:
    """The feeds as a list; an empty list says how to add one."""
    if not feeds:
        return Message(text=NO_FEEDS, blocks=tuple(sections(NO_FEEDS)))
    lines = [f"*This channel's feeds ({len(feeds)})*"]
    used = 0
    for shown, feed in enumerate(feeds):
        line = feed_line(feed, is_global=feed.id in global_ids)
        used += len(line)
        if used > TEXT_BUDGET:
            lines.append(f"…and {len(feeds) - shown} more (`newsbot feeds list` shows them all)")
            break
        lines.append(line)
    blocks = sections("\n".join(lines))
    return Message(text=f"This channel's feeds: {len(feeds)}", blocks=tuple(blocks))
