"""The service's own work: each feed polled when due (failing ones less often), old stories
pruned, and DIGEST_CHANNELS applied at start."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.config import EnvSchedule
from bot.slack.background import FeedPoller, apply_digest_channels, next_poll
from digests.schedule import Schedule
from digests.store import Store
from tests.support.loopback import Loopback
from tests.support.settings import settings_for
from tests.support.stories import new_story

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Loop News</title>
<item><title>Harbour bridge reopens after repairs</title><link>https://loop.example/1</link>
<description>{text}</description></item></channel></rss>"""
TEXT = (
    "The harbour bridge reopened on Monday after four months of repairs costing $12 million. " * 8
)


class Clock:
    def __init__(self) -> None:
        self.at = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.at


def test_a_due_feed_is_polled_once_until_its_next_time(store: Store, loopback: Loopback) -> None:
    loopback.serve("/rss", FEED.format(text=TEXT).encode())
    store.add_feed(loopback.url("/rss"))
    clock = Clock()
    poller = FeedPoller(store, settings_for(feed_poll_minutes=15), now=clock)
    try:
        assert poller.tick() == 1
        assert poller.tick() == 0
        assert loopback.paths().count("/rss") == 1  # not due again yet
        clock.at += timedelta(minutes=15)
        poller.tick()
        assert loopback.paths().count("/rss") == 2
    finally:
        poller.close()


def test_a_failing_feed_backs_off(store: Store, loopback: Loopback) -> None:
    loopback.serve("/rss", b"<html>not a feed</html>", content_type="text/html")
    store.add_feed(loopback.url("/rss"))
    clock = Clock()
    poller = FeedPoller(store, settings_for(feed_poll_minutes=15), now=clock)
    try:
        poller.tick()
        clock.at += timedelta(minutes=15)
        poller.tick()
        assert loopback.paths().count("/rss") == 1  # the failure doubled its wait
        clock.at += timedelta(minutes=15)
        poller.tick()
        assert loopback.paths().count("/rss") == 2
        assert store.feeds()[0].failures == 2
    finally:
        poller.close()


def test_backoff_doubles_up_to_a_day() -> None:
    now = datetime(2026, 11, 24, tzinfo=UTC)
    every = timedelta(minutes=15)
    assert next_poll(now, 0, every) == now + every
    assert next_poll(now, 1, every) == now + 2 * every
    assert next_poll(now, 3, every) == now + 8 * every
    assert next_poll(now, 40, every) == now + timedelta(hours=24)


def test_a_server_asking_for_forever_is_polled_again_after_a_day() -> None:
    now = datetime(2026, 11, 24, tzinfo=UTC)
    every = timedelta(minutes=15)
    forever = float("1" + "0" * 400)  # max-age=1000…0 (400 zeros) reads as infinity
    assert next_poll(now, 0, every, forever) == now + timedelta(hours=24)
    assert next_poll(now, 0, every, 10.0**12) == now + timedelta(hours=24)


def test_old_stories_are_pruned(store: Store) -> None:
    store.save(new_story("Ancient", age=timedelta(days=100)))
    store.save(new_story("Fresh"))
    poller = FeedPoller(store, settings_for(story_retention_days=90))
    try:
        poller.tick()
    finally:
        poller.close()
    assert [s.title for s in store.latest()] == ["Fresh"]


def test_digest_channels_win_and_leave_slack_schedules_alone(store: Store) -> None:
    store.save_schedule(Schedule("C0SLACK", time(9, 0), "UTC"))
    store.save_schedule(Schedule("C0GONE", time(6, 0), "UTC", origin="env"))
    store.save_schedule(Schedule("C0ENV", time(5, 0), "UTC"))
    settings = settings_for(digest_channels=(EnvSchedule("C0ENV", time(8, 0), "Europe/Berlin"),))
    apply_digest_channels(store, settings)
    kept = {s.channel: (s.at, s.zone, s.origin) for s in store.schedules()}
    assert kept == {
        "C0ENV": (time(8, 0), "Europe/Berlin", "env"),
        "C0SLACK": (time(9, 0), "UTC", "slack"),
    }


@pytest.mark.slow  # over 3 s in a full run
def test_a_feed_is_not_polled_before_its_server_says(store: Store, loopback: Loopback) -> None:
    cached = {"Cache-Control": "public, max-age=3600"}
    loopback.serve("/rss", FEED.format(text=TEXT).encode(), headers=cached)
    loopback.serve("/busy", b"slow down", status=429, headers={"Retry-After": "7200"})
    store.add_feed(loopback.url("/rss"))
    store.add_feed(loopback.url("/busy"))
    clock = Clock()
    poller = FeedPoller(store, settings_for(feed_poll_minutes=15), now=clock)
    try:
        poller.tick()
        clock.at += timedelta(minutes=59)
        poller.tick()
        assert loopback.paths().count("/rss") == 1  # max-age: an hour, not 15 minutes
        clock.at += timedelta(minutes=1)
        poller.tick()
        assert loopback.paths().count("/rss") == 2
        clock.at += timedelta(minutes=59)
        poller.tick()
        assert loopback.paths().count("/busy") == 1  # Retry-After: two hours, not tried again
        clock.at += timedelta(minutes=1)
        poller.tick()
        assert loopback.paths().count("/busy") == 2
    finally:
        poller.close()


def test_a_server_cannot_ask_for_more_than_a_day() -> None:
    now, every = datetime(2026, 11, 24, tzinfo=UTC), timedelta(minutes=15)
    assert next_poll(now, 0, every, asked=10**9) == now + timedelta(hours=24)
    assert next_poll(now, 0, every, asked=60) == now + every


def test_a_restart_with_the_same_digest_channels_keeps_their_start(store: Store) -> None:
    settings = settings_for(digest_channels=(EnvSchedule("C0ENV", time(8, 0), "UTC"),))
    apply_digest_channels(store, settings)
    (first,) = store.schedules()
    apply_digest_channels(store, settings)  # newsbot run started again, .env unchanged
    assert store.schedules()[0].starts == first.starts
    moved = settings_for(digest_channels=(EnvSchedule("C0ENV", time(9, 0), "UTC"),))
    apply_digest_channels(store, moved)
    (changed,) = store.schedules()
    assert changed.starts is not None and first.starts is not None
    assert changed.starts > first.starts
