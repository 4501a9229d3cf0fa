"""The service's own work beside Slack: scheduled digests, feed polling, pruning old stories."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.config import Settings
from bot.slack.metrics import Metrics
from bot.slack.poster import DigestPoster
from digests.clock import utcnow
from digests.errors import DigestError
from digests.ingest import Ingestor, PoliteClient
from digests.schedule import Schedule
from digests.store import Store

log = logging.getLogger(__name__)
DIGEST_TICK = 10.0  # seconds between looks for due digests: each goes out within 30 s
POLL_TICK = 30.0  # seconds between looks for due feeds
POLL_HOLD = timedelta(minutes=30)  # a feed being polled is skipped by other processes this long
MAX_BACKOFF = timedelta(hours=24)
PRUNE_EVERY = timedelta(hours=24)


def apply_digest_channels(store: Store, settings: Settings) -> None:
    """DIGEST_CHANNELS as stored schedules: they win over Slack's; entries gone from .env go."""
    wanted = {entry.channel for entry in settings.digest_channels}
    for entry in settings.digest_channels:
        store.save_schedule(Schedule(entry.channel, entry.at, entry.zone, origin="env"))
    for schedule in store.schedules():
        if schedule.origin == "env" and schedule.channel not in wanted:
            store.remove_schedule(schedule.channel)


def next_poll(
    now: datetime, failures: int, every: timedelta, asked: float | None = None
) -> datetime:
    """A healthy feed again after `every`; a failing one backs off, doubling, up to a day; and
    never before the server asked (`asked` seconds: max-age, Retry-After), up to a day."""
    doubled: int = 2 ** min(failures, 10) if failures > 0 else 1
    wait = min(every * doubled, MAX_BACKOFF)
    if asked is not None and asked > 0:  # a server may ask for 10**400 seconds
        wait = max(wait, timedelta(seconds=min(asked, MAX_BACKOFF.total_seconds())))
    return now + wait


class FeedPoller:
    """Polls every feed when it is due; global feeds (NEWS_FEEDS, the CLI's) as the admin's own,
    channel feeds (from Slack users) never from private addresses unless allowed."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        now: Callable[[], datetime] = utcnow,
        metrics: Metrics | None = None,
    ) -> None:
        self.store = store
        self.metrics = metrics or Metrics()
        self.every = timedelta(minutes=settings.feed_poll_minutes)
        self.retention = timedelta(days=settings.story_retention_days)
        self.now = now
        self._own = PoliteClient(allow_private=True)
        self._users = PoliteClient(allow_private=settings.allow_private_urls)
        self._pruned: datetime | None = None
        self.stopping = threading.Event()  # set: a feed being read stops between item groups

    def close(self) -> None:
        self._own.close()
        self._users.close()

    def tick(self) -> int:
        """Poll the feeds that are due; how many stories were new. Prune once a day. When
        stopping, the feed being read is left due again at once (what it stored stays)."""
        now = self.now()
        new = 0
        for feed in self.store.claim_due_feeds(now, now + POLL_HOLD):
            client = self._own if feed.is_global else self._users
            ingestor = Ingestor(self.store, client, now=self.now, stop=self.stopping)
            fresh = 0
            if not self.stopping.is_set():
                fresh = sum(1 for o in ingestor.feed(feed) if o.status == "new")
                new += fresh
                self.metrics.stories_stored.inc(fresh)
            if self.stopping.is_set():  # before or while reading it: due again at once
                self.store.set_next_poll(feed.id, now)
                continue
            polled = self.store.feed(str(feed.id))
            failures = polled.failures if polled else 0
            self.metrics.feeds_polled.inc()
            if polled and failures:
                self.metrics.feeds_failed.inc()
                said = polled.last_error or "no reason given"
                log.warning(
                    "feed %d not read (%d failures in a row): %s",
                    feed.id,
                    failures,
                    said,
                    extra={"feed": feed.id, "error": said},
                )
            else:  # a quiet poll is said at DEBUG only: every feed is polled every few minutes
                level = logging.INFO if fresh else logging.DEBUG
                log.log(
                    level, "feed %d read: %d new stories", feed.id, fresh, extra={"feed": feed.id}
                )
            at = next_poll(self.now(), failures, self.every, ingestor.asked_wait)
            self.store.set_next_poll(feed.id, at)
        if not self.stopping.is_set() and (
            self._pruned is None or now - self._pruned >= PRUNE_EVERY
        ):
            gone = self.store.prune(now - self.retention)
            self._pruned = now
            if gone:
                log.info("pruned %d stories older than %d days", gone, self.retention.days)
        return new


class Background:
    """Two threads beside Slack: one posts due digests, one polls due feeds."""

    def __init__(self, poster: DigestPoster, poller: FeedPoller) -> None:
        self.poster = poster
        self.poller = poller
        self.stopped = threading.Event()
        self._threads = [
            threading.Thread(target=self._loop, args=(poster.tick, DIGEST_TICK), name="digests"),
            threading.Thread(target=self._loop, args=(poller.tick, POLL_TICK), name="feeds"),
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.poller.stopping.set()
        for thread in self._threads:
            thread.join(60)
        self.poller.close()

    def _loop(self, tick: Callable[[], object], every: float) -> None:
        while not self.stopped.is_set():
            try:
                tick()
            except DigestError as exc:
                log.error("%s: %s", threading.current_thread().name, exc)
            except Exception:  # the service keeps going; the next tick tries again
                log.exception("%s: unexpected error", threading.current_thread().name)
            self.stopped.wait(every)
