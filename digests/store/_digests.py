"""Digest schedules, and the claims that make each digest post exactly once."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa

from digests.schedule import Schedule
from digests.store._base import StorageBase
from digests.store._schema import digest_posts, schedules
from digests.store._types import Claim, StoreConflict, UnfinishedThread


class DigestStorage(StorageBase):
    """Digest schedules in the Store, and the claims that make each digest post exactly once."""

    def save_schedule(self, schedule: Schedule, set_by: str | None = None) -> Schedule:
        """Create or replace a channel's digest schedule (its last error is cleared); it as
        stored, with when it starts. A new schedule, or one whose time, zone or days change,
        starts at `schedule.starts` (else now): no time that had passed by then is due, so
        there is no catch-up. The same time set again keeps its start, so a time missed while
        newsbot was down is still caught up after a restart that applies DIGEST_CHANNELS."""
        now = datetime.now(UTC)
        self._write_once_more(lambda conn: _save_schedule(conn, schedule, set_by, now))
        (saved,) = self.schedules(schedule.channel, schedule.team)
        return saved

    def schedules(self, channel: str | None = None, team: str | None = None) -> list[Schedule]:
        """The schedules of every channel of every workspace, narrowed to one workspace's
        and to one channel's when given (an empty list if it has none)."""
        with self._read() as conn:
            return _schedules(conn, channel, team)

    def remove_schedule(self, channel: str, team: str = "") -> bool:
        """Stop a channel's digests; False if it had no schedule."""
        with self._write() as conn:
            removed = conn.execute(
                sa.delete(schedules).where(schedules.c.channel == channel, schedules.c.team == team)
            )
            return bool(removed.rowcount)

    def schedule_failed(
        self, channel: str, error: str | None, at: datetime, team: str = ""
    ) -> None:
        """Record why the channel's digest could not be posted; None (it was) clears the
        record."""
        with self._write() as conn:
            conn.execute(
                sa.update(schedules)
                .where(schedules.c.channel == channel, schedules.c.team == team)
                .values(last_error=error, last_error_at=at if error else None)
            )

    def claim_digest(
        self,
        *,
        key: str,
        channel: str,
        day: date,
        kind: str,
        owner: str,
        now: datetime,
        lease_until: datetime,
        since: datetime,
        team: str = "",
    ) -> Claim | None:
        """The right to post digest `key` until `lease_until`: a new row, or a row whose last
        holder's lease ran out and that is not posted (nor waiting out a retry delay). None
        when it is posted or another process holds it."""
        try:
            with self._write() as conn:
                row = conn.execute(sa.select(digest_posts).where(digest_posts.c.key == key)).first()
                if row is None:
                    conn.execute(
                        sa.insert(digest_posts).values(
                            key=key,
                            team=team,
                            channel=channel,
                            day=day,
                            kind=kind,
                            owner=owner,
                            lease_until=lease_until,
                            since=since,
                            until=now,
                            attempts=1,
                            created=now,
                        )
                    )
                    return Claim(key, channel, day, kind, owner, since, now, 1, team)
                if row.posted_ts is not None or row.lease_until > now:
                    return None
                if row.retry_at is not None and row.retry_at > now:
                    return None
                unposted = digest_posts.c.posted_ts.is_(None)
                if not _take_over(conn, row, owner, now, lease_until, unposted):
                    return None
                return Claim(
                    key,
                    channel,
                    day,
                    kind,
                    owner,
                    row.since,
                    row.until,
                    row.attempts + 1,
                    team,
                    taken_over=row.retry_at is None,
                )
        except StoreConflict:
            return None  # another process inserted the same digest first

    def still_held(self, claim: Claim, now: datetime) -> bool:
        """Whether `claim` is still ours, with lease left."""
        with self._read() as conn:
            row = conn.execute(
                sa.select(
                    digest_posts.c.owner, digest_posts.c.lease_until, digest_posts.c.posted_ts
                ).where(digest_posts.c.key == claim.key)
            ).first()
        return bool(
            row and row.owner == claim.owner and row.posted_ts is None and row.lease_until > now
        )

    def mark_posted(self, claim: Claim, ts: str, now: datetime, thread: int = 0) -> bool:
        """Record the digest as posted with its message ts and the number of thread replies
        it needs; False if the claim was lost (no longer ours)."""
        with self._write() as conn:
            done = conn.execute(
                sa.update(digest_posts)
                .where(digest_posts.c.key == claim.key, digest_posts.c.owner == claim.owner)
                .values(
                    posted_ts=ts, posted_at=now, last_error=None, retry_at=None, thread_total=thread
                )
            )
            return bool(done.rowcount)

    def thread_sending(self, key: str, index: int) -> None:
        """Record that the digest's thread reply `index` is about to be sent."""
        with self._write() as conn:
            conn.execute(
                sa.update(digest_posts)
                .where(digest_posts.c.key == key)
                .values(thread_sending=index)
            )

    def thread_posted(self, key: str, done: int) -> None:
        """Record that the digest's first `done` thread replies are posted (none in flight)."""
        with self._write() as conn:
            conn.execute(
                sa.update(digest_posts)
                .where(digest_posts.c.key == key)
                .values(thread_done=done, thread_sending=None)
            )

    def claim_unfinished_thread(
        self, owner: str, now: datetime, lease_until: datetime
    ) -> UnfinishedThread | None:
        """A posted digest whose thread is incomplete, free and due for another try, claimed."""
        with self._write() as conn:
            row = conn.execute(
                sa.select(digest_posts)
                .where(
                    digest_posts.c.posted_ts.is_not(None),
                    digest_posts.c.thread_done < digest_posts.c.thread_total,
                    digest_posts.c.lease_until <= now,
                    sa.or_(digest_posts.c.retry_at.is_(None), digest_posts.c.retry_at <= now),
                )
                .order_by(digest_posts.c.id)
                .limit(1)
            ).first()
            if row is None:
                return None
            if not _take_over(conn, row, owner, now, lease_until):
                return None
        claim = Claim(
            row.key,
            row.channel,
            row.day,
            row.kind,
            owner,
            row.since,
            row.until,
            row.attempts + 1,
            row.team,
            taken_over=row.retry_at is None,
        )
        return UnfinishedThread(claim, row.posted_ts, row.thread_done, row.thread_sending)

    def release_digest(self, claim: Claim, error: str, now: datetime, retry_at: datetime) -> None:
        """Give a claim back after a failed try; the next try comes at `retry_at`."""
        with self._write() as conn:
            conn.execute(
                sa.update(digest_posts)
                .where(digest_posts.c.key == claim.key, digest_posts.c.owner == claim.owner)
                .values(lease_until=now, retry_at=retry_at, last_error=error)
            )

    def posted_digests(self, keys: list[str]) -> set[str]:
        """Which of these digest keys are posted."""
        with self._read() as conn:
            if not keys:
                return set()
            rows = conn.execute(
                sa.select(digest_posts.c.key).where(
                    digest_posts.c.key.in_(keys), digest_posts.c.posted_ts.is_not(None)
                )
            )
            return {row.key for row in rows}

    def last_digest_until(self, channel: str, team: str = "") -> datetime | None:
        """The end of the window of the channel's last posted scheduled digest (None if none
        was posted)."""
        with self._read() as conn:
            until: datetime | None = conn.scalar(
                sa.select(sa.func.max(digest_posts.c.until)).where(
                    digest_posts.c.team == team,
                    digest_posts.c.channel == channel,
                    digest_posts.c.kind == "scheduled",
                    digest_posts.c.posted_ts.is_not(None),
                )
            )
        return until


def _save_schedule(
    conn: sa.Connection, schedule: Schedule, set_by: str | None, now: datetime
) -> None:
    """The write of DigestStorage.save_schedule."""
    found = _schedules(conn, schedule.channel, schedule.team)
    kept = found[0].starts if found and _timing(found[0]) == _timing(schedule) else None
    values: dict[str, Any] = {
        "at": schedule.at.strftime("%H:%M"),
        "zone": schedule.zone,
        "weekdays": ",".join(str(d) for d in sorted(schedule.weekdays)),
        "quiet": schedule.quiet,
        "include": ",".join(schedule.include),
        "exclude": ",".join(schedule.exclude),
        "origin": schedule.origin,
        "set_by": set_by,
        "updated": now,
        "last_error": None,
        "last_error_at": None,
        "starts": kept or schedule.starts or now,
    }
    this = sa.and_(schedules.c.channel == schedule.channel, schedules.c.team == schedule.team)
    changed = conn.execute(sa.update(schedules).where(this).values(**values))
    if not changed.rowcount:
        conn.execute(
            sa.insert(schedules).values(channel=schedule.channel, team=schedule.team, **values)
        )


def _timing(schedule: Schedule) -> tuple[object, ...]:
    return schedule.at, schedule.zone, schedule.weekdays


def _schedules(conn: sa.Connection, channel: str | None, team: str | None) -> list[Schedule]:
    select = sa.select(schedules).order_by(schedules.c.team, schedules.c.channel)
    if channel is not None:
        select = select.where(schedules.c.channel == channel)
    if team is not None:
        select = select.where(schedules.c.team == team)
    return [_schedule(row) for row in conn.execute(select)]


def _schedule(row: Any) -> Schedule:
    hour, minute = (int(part) for part in row.at.split(":"))
    return Schedule(
        channel=row.channel,
        at=time(hour, minute),
        zone=row.zone,
        weekdays=frozenset(int(d) for d in row.weekdays.split(",") if d),
        quiet=row.quiet,
        origin=row.origin,
        include=tuple(word for word in row.include.split(",") if word),
        exclude=tuple(word for word in row.exclude.split(",") if word),
        last_error=row.last_error,
        last_error_at=row.last_error_at,
        starts=row.starts,
        team=row.team,
    )


def _take_over(
    conn: sa.Connection,
    row: Any,
    owner: str,
    now: datetime,
    lease_until: datetime,
    *still: sa.ColumnElement[bool],
) -> bool:
    """Take the digest `row` from its last holder, whose lease ran out (and where `still`
    holds); False if another process took it between our read and this write. Its retry time
    is cleared: a retry time set again means this holder gave it back."""
    taken = conn.execute(
        sa.update(digest_posts)
        .where(
            digest_posts.c.key == row.key,
            digest_posts.c.lease_until <= now,
            digest_posts.c.attempts == row.attempts,
            *still,
        )
        .values(owner=owner, lease_until=lease_until, attempts=row.attempts + 1, retry_at=None)
    )
    return bool(taken.rowcount)
