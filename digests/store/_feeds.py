"""Feeds, their health, and which channels subscribe to them ("*": every channel)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from digests.model import EVERY_CHANNEL, Feed
from digests.store._base import StorageBase
from digests.store._schema import feeds, subscriptions


class FeedStorage(StorageBase):
    """Feeds in the Store: subscriptions per channel, health, and polls held by one process."""

    def add_feed(self, url: str, title: str | None = None, channel: str | None = None) -> Feed:
        """Subscribe `channel` (every channel when None) to the feed at `url` (created when
        new; a title only fills a missing one); the feed with its subscriptions."""
        return self._write_once_more(lambda conn: _add_feed(conn, url, title, channel))

    def feeds(self, channel: str | None = None) -> list[Feed]:
        """The feeds a channel gets (its own and the global ones); every feed when None."""
        select = sa.select(feeds).order_by(feeds.c.id)
        if channel is not None:
            select = select.where(
                feeds.c.id.in_(
                    sa.select(subscriptions.c.feed_id).where(
                        subscriptions.c.channel.in_([channel, EVERY_CHANNEL])
                    )
                )
            )
        with self._read() as conn:
            return _feeds(conn, select)

    def feed(self, url_or_id: str) -> Feed | None:
        """The feed with this URL, or with this id when given digits; or None."""
        with self._read() as conn:
            return _find_feed(conn, url_or_id)

    def remove_feed(self, url_or_id: str, channel: str | None = None) -> bool:
        """Drop a channel's subscription (the global one when None), and the feed once nobody
        has it; False if there was none."""
        with self._write() as conn:
            feed = _find_feed(conn, url_or_id)
            if feed is None:
                return False
            removed = conn.execute(
                sa.delete(subscriptions).where(
                    subscriptions.c.feed_id == feed.id,
                    subscriptions.c.channel == (channel or EVERY_CHANNEL),
                )
            )
            remaining = conn.scalar(
                sa.select(sa.func.count())
                .select_from(subscriptions)
                .where(subscriptions.c.feed_id == feed.id)
            )
            if not remaining:
                conn.execute(sa.delete(feeds).where(feeds.c.id == feed.id))
            return bool(removed.rowcount)

    def record_success(
        self,
        feed_id: int,
        at: datetime,
        *,
        title: str | None,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        """A fetch of the feed went well at `at`: failures back to 0, caching validators and
        title kept."""
        values: dict[str, Any] = {
            "last_success": at,
            "failures": 0,
            "last_error": None,
            "etag": etag,
            "last_modified": last_modified,
        }
        if title is not None:
            values["title"] = title
        with self._write() as conn:
            conn.execute(sa.update(feeds).where(feeds.c.id == feed_id).values(**values))

    def record_failure(self, feed_id: int, at: datetime, error: str) -> None:
        """A fetch of the feed failed at `at` with `error`: one more consecutive failure."""
        with self._write() as conn:
            conn.execute(
                sa.update(feeds)
                .where(feeds.c.id == feed_id)
                .values(failures=feeds.c.failures + 1, last_error=error, last_failure=at)
            )

    def set_priority(self, url_or_id: str, priority: float) -> Feed | None:
        """How much the feed's stories weigh in digests (1.0 is normal); None if not found."""
        with self._write() as conn:
            feed = _find_feed(conn, url_or_id)
            if feed is None:
                return None
            conn.execute(sa.update(feeds).where(feeds.c.id == feed.id).values(priority=priority))
            return _find_feed(conn, str(feed.id))

    def claim_due_feeds(self, now: datetime, hold_until: datetime) -> list[Feed]:
        """The feeds due for a poll (never polled, or next_poll passed), each held by this
        process until `hold_until` so that another process polling the same database skips
        it."""
        due = sa.or_(feeds.c.next_poll.is_(None), feeds.c.next_poll <= now)
        with self._write() as conn:
            ids = list(conn.scalars(sa.select(feeds.c.id).where(due).order_by(feeds.c.id)))
            held = []
            for feed_id in ids:
                taken = conn.execute(
                    sa.update(feeds).where(feeds.c.id == feed_id, due).values(next_poll=hold_until)
                )
                if taken.rowcount:
                    held.append(feed_id)
            if not held:
                return []
            return _feeds(conn, sa.select(feeds).where(feeds.c.id.in_(held)).order_by(feeds.c.id))

    def set_next_poll(self, feed_id: int, at: datetime) -> None:
        """When the feed is next due for a poll."""
        with self._write() as conn:
            conn.execute(sa.update(feeds).where(feeds.c.id == feed_id).values(next_poll=at))


def _add_feed(conn: sa.Connection, url: str, title: str | None, channel: str | None) -> Feed:
    """The feed at `url` (created when new) with `channel`'s subscription to it."""
    feed_id = conn.scalar(sa.select(feeds.c.id).where(feeds.c.url == url))
    if feed_id is None:
        feed_id = conn.execute(
            sa.insert(feeds)
            .values(url=url, title=title, failures=0, created=datetime.now(UTC))
            .returning(feeds.c.id)
        ).scalar_one()
    elif title is not None:
        conn.execute(
            sa.update(feeds)
            .where(feeds.c.id == feed_id, feeds.c.title.is_(None))
            .values(title=title)
        )
    wanted = channel or EVERY_CHANNEL
    subscribed = conn.scalar(
        sa.select(sa.func.count())
        .select_from(subscriptions)
        .where(subscriptions.c.feed_id == feed_id, subscriptions.c.channel == wanted)
    )
    if not subscribed:
        conn.execute(sa.insert(subscriptions).values(feed_id=feed_id, channel=wanted))
    found = _feeds(conn, sa.select(feeds).where(feeds.c.id == feed_id))
    return found[0]


def _find_feed(conn: sa.Connection, url_or_id: str) -> Feed | None:
    """The feed with this URL, or with this id when given digits."""
    condition = feeds.c.url == url_or_id
    if re.fullmatch(r"[0-9]{1,18}", url_or_id.strip()):  # ASCII digits that fit a row id
        condition = sa.or_(condition, feeds.c.id == int(url_or_id))
    found = _feeds(conn, sa.select(feeds).where(condition).order_by(feeds.c.id).limit(1))
    return found[0] if found else None


def _feeds(conn: sa.Connection, select: sa.Select[Any]) -> list[Feed]:
    rows = conn.execute(select).all()
    channels: dict[int, list[str]] = defaultdict(list)
    if rows:
        pairs = conn.execute(
            sa.select(subscriptions.c.feed_id, subscriptions.c.channel)
            .where(subscriptions.c.feed_id.in_([row.id for row in rows]))
            .order_by(subscriptions.c.feed_id, subscriptions.c.channel)
        )
        for feed_id, channel in pairs:
            channels[feed_id].append(channel)
    return [
        Feed(
            id=row.id,
            url=row.url,
            title=row.title,
            last_success=row.last_success,
            failures=row.failures,
            last_error=row.last_error,
            etag=row.etag,
            last_modified=row.last_modified,
            channels=tuple(channels[row.id]),
            priority=row.priority,
        )
        for row in rows
    ]
