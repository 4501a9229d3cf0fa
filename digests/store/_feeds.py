"""Feeds, their health, and which channels subscribe to them ("*": every channel)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from digests.model import EVERY_CHANNEL, Feed
from digests.store._base import StorageBase
from digests.store._schema import feeds, stories, subscriptions


class FeedStorage(StorageBase):
    """Feeds in the Store: subscriptions per channel, health, and polls held by one process."""

    def add_feed(
        self, url: str, title: str | None = None, channel: str | None = None, team: str = ""
    ) -> Feed:
        """Subscribe workspace `team`'s `channel` (every channel of every workspace when None)
        to the feed at `url` (created when new; a title only fills a missing one); the feed with
        that workspace's subscriptions."""
        return self._write_once_more(lambda conn: _add_feed(conn, url, title, channel, team))

    def feeds(self, channel: str | None = None, team: str | None = None) -> list[Feed]:
        """The feeds a channel of workspace `team` gets (its own and the global ones); with no
        channel, every feed one of the workspace's channels gets; with neither, every feed.
        A feed's channels are the workspace's only ("*" when it is global)."""
        select = sa.select(feeds).order_by(feeds.c.id)
        if channel is not None or team is not None:
            mine = subscriptions.c.team == (team or "")
            if channel is not None:
                mine = sa.and_(mine, subscriptions.c.channel == channel)
            select = select.where(
                feeds.c.id.in_(
                    sa.select(subscriptions.c.feed_id).where(
                        sa.or_(mine, subscriptions.c.channel == EVERY_CHANNEL)
                    )
                )
            )
        with self._read() as conn:
            return _feeds(conn, select, None if team is None and channel is None else team or "")

    def feed(self, url_or_id: str, team: str | None = None) -> Feed | None:
        """The feed with this URL, or with this id when given digits; or None. With a `team`,
        only a feed that workspace gets (global, or one of its channels'), with its channels."""
        with self._read() as conn:
            found = _find_feed(conn, url_or_id, team)
        if found is None or team is None or found.channels:
            return found
        return None

    def remove_feed(self, url_or_id: str, channel: str | None = None, team: str = "") -> bool:
        """Drop workspace `team`'s subscription of `channel` (the global one when None), and the
        feed once nobody has it (its stories stay, then for that workspace only); False if there
        was none."""
        with self._write() as conn:
            feed = _find_feed(conn, url_or_id)
            if feed is None:
                return False
            whose = team if channel is not None else ""
            removed = conn.execute(
                sa.delete(subscriptions).where(
                    subscriptions.c.feed_id == feed.id,
                    subscriptions.c.team == whose,
                    subscriptions.c.channel == (channel or EVERY_CHANNEL),
                )
            )
            if removed.rowcount:
                drop_if_unsubscribed(conn, feed.id, whose)
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


def _add_feed(
    conn: sa.Connection, url: str, title: str | None, channel: str | None, team: str
) -> Feed:
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
    wanted, whose = (channel, team) if channel is not None else (EVERY_CHANNEL, "")
    subscribed = conn.scalar(
        sa.select(sa.func.count())
        .select_from(subscriptions)
        .where(
            subscriptions.c.feed_id == feed_id,
            subscriptions.c.team == whose,
            subscriptions.c.channel == wanted,
        )
    )
    if not subscribed:
        conn.execute(sa.insert(subscriptions).values(feed_id=feed_id, team=whose, channel=wanted))
    found = _feeds(conn, sa.select(feeds).where(feeds.c.id == feed_id), team)
    return found[0]


def drop_if_unsubscribed(conn: sa.Connection, feed_id: int, team: str) -> None:
    """Delete the feed when no subscription is left; its stories, kept, are then workspace
    `team`'s only (no one else's, when that was a workspace's feed)."""
    remaining = conn.scalar(
        sa.select(sa.func.count())
        .select_from(subscriptions)
        .where(subscriptions.c.feed_id == feed_id)
    )
    if remaining:
        return
    if team:
        conn.execute(
            sa.update(stories)
            .where(stories.c.feed_id == feed_id, stories.c.team.is_(None))
            .values(team=team)
        )
    conn.execute(sa.delete(feeds).where(feeds.c.id == feed_id))


def _find_feed(conn: sa.Connection, url_or_id: str, team: str | None = None) -> Feed | None:
    """The feed with this URL, or with this id when given digits (with `team`'s channels)."""
    condition = feeds.c.url == url_or_id
    if re.fullmatch(r"[0-9]{1,18}", url_or_id.strip()):  # ASCII digits that fit a row id
        condition = sa.or_(condition, feeds.c.id == int(url_or_id))
    found = _feeds(conn, sa.select(feeds).where(condition).order_by(feeds.c.id).limit(1), team)
    return found[0] if found else None


def _feeds(conn: sa.Connection, select: sa.Select[Any], team: str | None = None) -> list[Feed]:
    """The feeds `select` finds, with workspace `team`'s subscriptions and the global ones (every
    workspace's when None)."""
    rows = conn.execute(select).all()
    channels: dict[int, list[str]] = defaultdict(list)
    if rows:
        which: sa.ColumnElement[bool] = subscriptions.c.feed_id.in_([row.id for row in rows])
        if team is not None:
            which = sa.and_(
                which,
                sa.or_(subscriptions.c.team == team, subscriptions.c.channel == EVERY_CHANNEL),
            )
        pairs = conn.execute(
            sa.select(subscriptions.c.feed_id, subscriptions.c.channel)
            .where(which)
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
