"""A channel's feeds and their health."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.escape import link, mrkdwn
from bot.render.message import (
    MAX_MESSAGE_JSON,
    Message,
    date_token,
    json_size,
    message_size,
    notice,
    sections,
)
from bot.render.text import shorten
from digests.model import Feed

NO_FEEDS = "No feeds yet. An admin can add one with `/news subscribe <feed url>`."
TITLE, ERROR = 200, 300  # characters of a feed's title and of its last error shown


def feed_line(feed: Feed, *, is_global: bool) -> str:
    """One feed: its name linked, its id, who gets it, and its health."""
    name = link(feed.url, shorten(feed.title or "", TITLE) or shorten(feed.url, TITLE))
    scope = " · for every channel (NEWS_FEEDS)" if is_global else ""
    if feed.failures:
        error = mrkdwn(shorten(feed.last_error or "unknown", ERROR))
        times = f"{feed.failures} time" + ("s" if feed.failures != 1 else "")
        health = f":warning: failing: {times}, last error: {error}"
    elif feed.last_success is not None:
        health = f"ok, last fetched {date_token(feed.last_success)}"
    else:
        health = "not fetched yet"
    return f"• {name} `#{feed.id}`{scope}\n      {health}"


def feeds_message(feeds: Sequence[Feed], *, global_ids: Collection[int]) -> Message:
    """The feeds as a list; an empty list says how to add one. A list too long for one
    message ends "…and N more"."""
    if not feeds:
        return notice(NO_FEEDS)
    text = f"This channel's feeds: {len(feeds)}"
    heading = f"*This channel's feeds ({len(feeds)})*"
    lines = [feed_line(feed, is_global=feed.id in global_ids) for feed in feeds]
    room = MAX_MESSAGE_JSON - message_size(text, []) - json_size(heading) - 600
    shown, used = 0, 0
    while shown < len(lines) and used + json_size(lines[shown]) <= room:
        used += json_size(lines[shown])
        shown += 1
    while True:  # the estimate above is close; the message's own check decides
        body = "\n".join([heading, *lines[:shown]])
        if shown < len(lines):
            body += f"\n…and {len(lines) - shown} more (`newsbot feeds list` shows them all)"
        try:
            return Message(text=text, blocks=tuple(sections(body)))
        except ValueError:
            if shown == 0:
                raise
            shown -= 1
