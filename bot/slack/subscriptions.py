"""A channel subscribed to a feed or unsubscribed, by `/news subscribe` or the Home tab."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from bot.slack.escape import link, mrkdwn
from bot.slack.place import HERE, Place
from digests import DigestError
from digests.ingest import FetchError, Ingestor, PoliteClient, parse_feed
from digests.model import Feed
from digests.store import Store


@dataclass(frozen=True)
class Subscribed:
    """What to say, and the feed to read at once when the channel was subscribed to it."""

    said: str  # mrkdwn, outside text escaped
    feed: Feed | None = None  # None: nothing changed (subscribed already, or no feed there)


def subscribe(
    store: Store, client: PoliteClient, url: str, channel: str, team: str, place: Place = HERE
) -> Subscribed:
    """Subscribe workspace `team`'s `channel` to the feed at `url` once it was fetched (never
    from a private address unless ALLOW_PRIVATE_URLS) and read as a feed (the caller checked
    the user is an admin)."""
    known = store.feed(url, team)
    if known is not None and (known.is_global or channel in known.channels):
        return Subscribed(f"{place.opening} gets {feed_name(known)} already.")
    try:
        fetched = client.get(url)
        parsed = parse_feed(fetched.body, url, fetched.content_type)
    except DigestError as exc:
        return Subscribed(f"I could not subscribe to {mrkdwn(url)}: {problem_text(exc)}")
    feed = store.add_feed(url, parsed.title, channel, team)
    said = f"Subscribed {place.name} to {feed_name(feed)}: {len(parsed.items)} items in the feed."
    return Subscribed(said, feed)


def first_poll(store: Store, client: PoliteClient, feed: Feed, now: Callable[[], datetime]) -> str:
    """Read a newly subscribed feed at once; what came of it."""
    outcomes = list(Ingestor(store, client, now=now).feed(feed))
    new = sum(1 for o in outcomes if o.status == "new")
    failed = sum(1 for o in outcomes if o.status == "failed")
    line = f"Read {feed_name(feed)}: {new} new stories stored"
    return line + (f", {failed} items could not be read." if failed else ".")


def unsubscribe(
    store: Store,
    wanted: str,
    channel: str,
    team: str,
    env_feeds: Collection[str],
    place: Place = HERE,
) -> str:
    """Drop workspace `team`'s `channel`'s subscription to the feed `wanted` (a URL or an id;
    the caller checked the user is an admin); what came of it."""
    feed = store.feed(wanted, team)
    if feed is None:
        return f"No feed {mrkdwn(wanted)} here; `/news feeds` lists them."
    if feed.url in env_feeds or (feed.is_global and channel not in feed.channels):
        return (
            f"{feed_name(feed)} comes from NEWS_FEEDS in newsbot's .env and feeds every "
            "channel: an admin removes it there, and it stops at the next start."
        )
    if not store.remove_feed(str(feed.id), channel, team):
        return f"{place.opening} is not subscribed to {feed_name(feed)}."
    return f"Unsubscribed {place.name} from {feed_name(feed)}."


def feed_name(feed: Feed) -> str:
    """The feed's title (or address) linked to its address, escaped."""
    return link(feed.url, feed.title or feed.url)


def problem_text(exc: DigestError) -> str:
    """What went wrong, escaped, with the HTTP status when there was one."""
    if isinstance(exc, FetchError) and exc.status is not None:
        return mrkdwn(f"{exc.problem} (HTTP {exc.status})")
    return mrkdwn(exc.problem)
