"""Scheduled digests as a channel sees them: on time, once, caught up, never half-posted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from freezegun import freeze_time
from slack_sdk import WebClient

from bot.slack.answers import AnswerPolicy, Answers, Asker
from bot.slack.poster import METADATA_EVENT, DigestNotPosted, DigestPoster
from bot.slack.workspaces import Workspaces, web_client
from digests.ingest.http import PoliteClient
from digests.schedule import Schedule
from digests.store import Store
from tests.support.clocks import StoppedClock
from tests.support.settings import settings_for
from tests.support.slack_fake import SlackFake
from tests.support.stories import long_story_seen, new_story

SET = datetime(2026, 11, 1, tzinfo=UTC)  # when the tests' schedules were set: before their days
BERLIN = Schedule("C0NEWS", time(8, 0), "Europe/Berlin", starts=SET)


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test") as fake:
        yield fake


def poster_for(
    store: Store, slack: SlackFake, clock: StoppedClock, owner: str = "a"
) -> DigestPoster:
    settings = settings_for(slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
    return DigestPoster(
        store, Workspaces(web_client(settings)), settings.digest_policy, owner=owner, now=clock
    )


def parents(slack: SlackFake, channel: str = "C0NEWS") -> list[dict[str, Any]]:
    return [m for m in slack.messages.get(channel, []) if "thread_ts" not in m]


def story_seen(store: Store, title: str, at: datetime) -> None:
    saved = new_story(title, url=f"https://n.example/{abs(hash(title))}")
    store.save(type(saved)(**{**saved.__dict__, "seen": at, "fetched": at}))


def test_the_digest_comes_at_eight_in_berlin_once(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    clock = StoppedClock(datetime(2026, 11, 24, 6, 59, tzinfo=UTC))
    story_seen(store, "Parliament passes the budget", clock.at - timedelta(hours=2))
    poster = poster_for(store, slack, clock)
    assert poster.tick() == []
    clock.at = datetime(2026, 11, 24, 7, 0, 5, tzinfo=UTC)  # 08:00:05 in Berlin
    assert poster.tick() == ["C0NEWS@2026-11-24"]
    clock.at += timedelta(minutes=1)
    assert poster.tick() == []
    (parent,) = parents(slack)
    assert parent["metadata"] == {
        "event_type": METADATA_EVENT,
        "event_payload": {"id": "C0NEWS@2026-11-24"},
    }
    assert "Parliament passes the budget" in str(parent["blocks"])
    replies = [m for m in slack.messages["C0NEWS"] if m.get("thread_ts") == parent["ts"]]
    assert replies and "news_more" in str(replies[0]["blocks"])


@freeze_time("2026-11-24 13:00:30")  # 08:00:30 in New York
def test_new_york_gets_its_digest_at_its_eight(store: Store, slack: SlackFake) -> None:
    store.save_schedule(Schedule("C0NY", time(8, 0), "America/New_York", starts=SET))
    store.save_schedule(BERLIN)  # due at 07:00 UTC, and not yet posted: caught up now
    poster = poster_for(store, slack, StoppedClock(datetime.now(UTC)))
    assert sorted(poster.tick()) == ["C0NEWS@2026-11-24", "C0NY@2026-11-24"]


def test_a_schedule_set_after_its_time_posts_tomorrow_not_now(
    store: Store, slack: SlackFake
) -> None:
    clock = StoppedClock(datetime(2026, 12, 1, 9, 33, tzinfo=UTC))
    story_seen(store, "Parliament passes the budget", clock.at - timedelta(hours=1))
    store.save_schedule(Schedule("C0NEWS", time(9, 0), "UTC", starts=clock.at))
    poster = poster_for(store, slack, clock)
    clock.at += timedelta(seconds=15)
    assert poster.tick() == []
    clock.at = datetime(2026, 12, 2, 9, 0, 5, tzinfo=UTC)
    assert poster.tick() == ["C0NEWS@2026-12-02"]
    assert len(parents(slack)) == 1


def test_digest_now_then_a_new_schedule_puts_one_digest_in_the_channel(
    store: Store, slack: SlackFake
) -> None:
    clock = StoppedClock(datetime(2026, 12, 1, 9, 33, tzinfo=UTC))  # 10:33 in Berlin, a Tuesday
    story_seen(store, "Parliament passes the budget", clock.at - timedelta(hours=1))
    poster = poster_for(store, slack, clock)
    poster.post_now("C0NEWS")
    clock.at += timedelta(seconds=3)
    days = frozenset(range(1, 6))
    store.save_schedule(Schedule("C0NEWS", time(8, 0), "Europe/Berlin", days, starts=clock.at))
    clock.at += timedelta(seconds=10)
    assert poster.tick() == []
    assert len(parents(slack)) == 1


def test_the_same_time_set_again_still_catches_up_a_time_missed_while_down(
    store: Store, slack: SlackFake
) -> None:
    store.save_schedule(BERLIN)  # set weeks ago
    clock = StoppedClock(
        datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    )  # down at 08:00 Berlin, back at 10:00
    store.save_schedule(Schedule("C0NEWS", time(8, 0), "Europe/Berlin", starts=clock.at))
    assert poster_for(store, slack, clock).tick() == ["C0NEWS@2026-11-24"]


def test_a_quiet_day_says_nothing_new_or_nothing(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    store.save_schedule(Schedule("C0QUIET", time(8, 0), "Europe/Berlin", quiet="skip", starts=SET))
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    assert len(poster_for(store, slack, clock).tick()) == 2
    assert "Nothing new since" in str(parents(slack)[0]["blocks"])
    assert parents(slack, "C0QUIET") == []


def test_the_next_digest_starts_where_the_last_ended(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    poster = poster_for(store, slack, clock)
    story_seen(store, "Yesterday's news", clock.at - timedelta(hours=1))
    poster.tick()
    story_seen(store, "Today's news", clock.at + timedelta(hours=5))
    clock.at += timedelta(days=1)
    poster.tick()
    first, second = parents(slack)
    assert "Yesterday's news" in str(first["blocks"])
    assert "Today's news" in str(second["blocks"]) and "Yesterday's news" not in str(
        second["blocks"]
    )


def test_a_bot_not_in_the_channel_is_recorded_and_retried(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    slack.member_of = set()
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    poster = poster_for(store, slack, clock)
    assert poster.tick() == []
    (schedule,) = store.schedules("C0NEWS")
    assert schedule.last_error is not None and "not_in_channel" in schedule.last_error
    assert "/invite @newsbot" in schedule.last_error
    slack.member_of = None  # someone invited it
    clock.at += timedelta(seconds=30)
    assert poster.tick() == []  # the retry waits its delay
    clock.at += timedelta(minutes=1)
    assert poster.tick() == ["C0NEWS@2026-11-24"]
    assert store.schedules("C0NEWS")[0].last_error is None
    assert len(parents(slack)) == 1


def test_a_rate_limited_post_is_retried_and_posted_once(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    slack.rate_limit("chat.postMessage", times=1, retry_after=1)
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    assert poster_for(store, slack, clock).tick() == ["C0NEWS@2026-11-24"]
    assert len(parents(slack)) == 1


def test_a_crash_after_slack_took_the_post_posts_nothing_twice(
    store: Store, slack: SlackFake
) -> None:
    store.save_schedule(BERLIN)
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    crashed = poster_for(store, slack, clock, owner="crashed")
    # the first process claims, posts the parent, then dies before recording the ts
    original = store.mark_posted
    store.mark_posted = lambda *args, **kwargs: True  # type: ignore[method-assign]
    crashed.tick()
    store.mark_posted = original  # type: ignore[method-assign]
    posted_before = len(slack.calls_to("chat.postMessage"))
    clock.at += timedelta(minutes=11)  # its lease has run out
    survivor = poster_for(store, slack, clock, owner="survivor")
    assert survivor.tick() == ["C0NEWS@2026-11-24"]
    assert len(slack.calls_to("chat.postMessage")) == posted_before
    assert len(parents(slack)) == 1
    assert slack.calls_to("conversations.history")


def test_a_crash_before_posting_is_taken_over_and_posted(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    assert store.claim_digest(
        key="C0NEWS@2026-11-24",
        channel="C0NEWS",
        day=clock.at.date(),
        kind="scheduled",
        owner="dead",
        now=clock.at,
        lease_until=clock.at + timedelta(minutes=10),
        since=clock.at - timedelta(days=1),
    )
    poster = poster_for(store, slack, clock, owner="survivor")
    assert poster.tick() == []  # the dead process's lease still runs
    clock.at += timedelta(minutes=10)
    assert poster.tick() == ["C0NEWS@2026-11-24"]
    assert len(parents(slack)) == 1


def test_digest_now_is_extra_and_leaves_the_scheduled_one(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    clock = StoppedClock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    poster = poster_for(store, slack, clock)
    poster.post_now("C0NEWS")
    clock.at = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    assert poster.tick() == ["C0NEWS@2026-11-24"]
    assert len(parents(slack)) == 2


def test_digest_now_where_the_bot_is_not_says_why(store: Store, slack: SlackFake) -> None:
    slack.member_of = set()
    poster = poster_for(store, slack, StoppedClock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC)))
    with pytest.raises(DigestNotPosted, match="/invite @newsbot"):
        poster.post_now("C0NEWS")


def test_a_feeds_priority_lifts_its_stories_in_the_digest(store: Store, slack: SlackFake) -> None:
    store.save_schedule(Schedule("C0NEWS", time(8, 0), "UTC", starts=SET))
    plain = store.add_feed("https://plain.example/rss")
    favoured = store.add_feed("https://favoured.example/rss")
    store.set_priority(str(favoured.id), 5.0)
    clock = StoppedClock(datetime(2026, 11, 24, 8, 1, tzinfo=UTC))
    for feed, title in ((plain, "Plain report"), (favoured, "Favoured report")):
        made = new_story(title, url=f"https://n.example/{feed.id}", feed_id=feed.id)
        store.save(type(made)(**{**made.__dict__, "seen": clock.at - timedelta(hours=1)}))
    poster_for(store, slack, clock).tick()
    text = str(parents(slack)[0]["blocks"])
    assert text.index("Favoured report") < text.index("Plain report")


def test_the_preview_shows_what_the_channel_is_then_sent(store: Store, slack: SlackFake) -> None:
    store.save_schedule(Schedule("C0NEWS", time(8, 0), "UTC", exclude=("football",), starts=SET))
    plain = store.add_feed("https://plain.example/rss", channel="C0NEWS")
    favoured = store.add_feed("https://favoured.example/rss", channel="C0NEWS")
    store.set_priority(str(favoured.id), 5.0)
    clock = StoppedClock(datetime(2026, 11, 24, 8, 1, tzinfo=UTC))
    titles = ("Plain report", "Favoured report", "Football results")
    for n, (feed, title) in enumerate(zip((plain, favoured, plain), titles, strict=True)):
        made = new_story(title, url=f"https://n.example/{n}", feed_id=feed.id)
        store.save(type(made)(**{**made.__dict__, "seen": clock.at - timedelta(hours=1)}))
    policy = AnswerPolicy(settings_for().digest_policy)
    with PoliteClient() as offline:
        answers = Answers(store, policy, offline, is_admin=lambda user, team: False, now=clock)
        preview = answers.answer("digest preview", Asker("U0USER", "C0NEWS")).message
    poster_for(store, slack, clock).tick()

    def shown(blocks: object) -> list[str]:
        text = str(blocks)
        return sorted((t for t in titles if t in text), key=text.index)

    assert shown(preview.blocks) == shown(parents(slack)[0]["blocks"])
    assert shown(preview.blocks) == ["Favoured report", "Plain report"]


def test_a_failed_thread_reply_is_recorded_and_posted_later(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    story_seen(store, "Parliament passes the budget", clock.at - timedelta(hours=1))
    poster = poster_for(store, slack, clock)
    original = poster._send
    calls = []

    def flaky(client: WebClient, channel: str, message: Any, **kwargs: Any) -> str:
        calls.append(kwargs)
        if kwargs.get("thread_ts"):
            raise DigestNotPosted("Slack said internal_error")
        return original(client, channel, message, **kwargs)

    poster._send = flaky  # type: ignore[method-assign]
    assert poster.tick() == ["C0NEWS@2026-11-24"]
    assert "not all posted" in (store.schedules("C0NEWS")[0].last_error or "")
    (parent,) = parents(slack)
    assert [m for m in slack.messages["C0NEWS"] if m.get("thread_ts")] == []
    poster._send = original  # type: ignore[method-assign]
    clock.at += timedelta(minutes=2)
    poster.tick()
    replies = [m for m in slack.messages["C0NEWS"] if m.get("thread_ts") == parent["ts"]]
    assert len(replies) == 1 and "Parliament passes the budget" in str(replies[0]["blocks"])
    assert len(parents(slack)) == 1
    clock.at += timedelta(minutes=20)
    poster.tick()
    assert len([m for m in slack.messages["C0NEWS"] if m.get("thread_ts")]) == 1


def replies(slack: SlackFake, parent: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in slack.messages["C0NEWS"] if m.get("thread_ts") == parent["ts"]]


def impatient_poster(store: Store, slack: SlackFake, clock: StoppedClock) -> DigestPoster:
    """A poster whose Web API calls give up after one second (Slack's late answers are 1.5 s)."""
    settings = settings_for(slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
    client = WebClient(token="xoxb-test", base_url=slack.api_url, timeout=1)
    return DigestPoster(
        store, Workspaces(client), settings.digest_policy, owner="impatient", now=clock
    )


def test_a_reply_slack_answers_late_appears_once_and_the_thread_completes(
    store: Store, slack: SlackFake
) -> None:
    store.save_schedule(BERLIN)
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    for number in range(6):
        long_story_seen(store, number, clock.at - timedelta(hours=1))
    slack.slow("chat.postMessage", seconds=1.5, skip=2)  # the parent and the first reply are quick
    poster = impatient_poster(store, slack, clock)
    assert poster.tick() == ["C0NEWS@2026-11-24"]
    (parent,) = parents(slack)
    assert len(replies(slack, parent)) == 2  # the second reply took effect; no answer came
    assert "not all posted" in (store.schedules("C0NEWS")[0].last_error or "")
    clock.at += timedelta(minutes=2)
    poster.tick()
    numbers = [m["metadata"]["event_payload"]["reply"] for m in replies(slack, parent)]
    assert numbers == list(range(len(numbers))) and len(numbers) >= 3
    assert slack.calls_to("conversations.replies")
    assert store.schedules("C0NEWS")[0].last_error is None
    posted = len(slack.calls_to("chat.postMessage"))
    clock.at += timedelta(minutes=20)
    poster.tick()
    assert len(slack.calls_to("chat.postMessage")) == posted


def test_a_parent_slack_answers_late_gets_its_whole_thread(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    for number in range(4):
        long_story_seen(store, number, clock.at - timedelta(hours=1))
    slack.slow("chat.postMessage", seconds=1.5)  # the parent takes effect; its answer is late
    poster = impatient_poster(store, slack, clock)
    assert poster.tick() == []
    (parent,) = parents(slack)
    assert replies(slack, parent) == []
    clock.at += timedelta(minutes=2)
    assert poster.tick() == ["C0NEWS@2026-11-24"]
    assert len(parents(slack)) == 1
    numbers = [m["metadata"]["event_payload"]["reply"] for m in replies(slack, parent)]
    assert numbers == list(range(len(numbers))) and len(numbers) >= 2
    assert store.schedules("C0NEWS")[0].last_error is None


def test_a_crash_while_a_reply_is_in_flight_sends_it_once(store: Store, slack: SlackFake) -> None:
    store.save_schedule(BERLIN)
    clock = StoppedClock(datetime(2026, 11, 24, 7, 1, tzinfo=UTC))
    for number in range(6):
        long_story_seen(store, number, clock.at - timedelta(hours=1))
    crashed = poster_for(store, slack, clock, owner="crashed")
    # the process dies the moment Slack has taken the second reply, before anything is recorded
    original = crashed._send

    def dies_after_second_reply(
        client: WebClient, channel: str, message: Any, **kwargs: Any
    ) -> str:
        ts = original(client, channel, message, **kwargs)
        if (kwargs.get("metadata") or {}).get("event_payload", {}).get("reply") == 1:
            raise SystemExit("kill -9")
        return ts

    crashed._send = dies_after_second_reply  # type: ignore[method-assign]
    with pytest.raises(SystemExit):
        crashed.tick()
    (parent,) = parents(slack)
    assert len(replies(slack, parent)) == 2
    clock.at += timedelta(minutes=11)  # the dead process's lease has run out
    survivor = poster_for(store, slack, clock, owner="survivor")
    survivor.tick()
    numbers = [m["metadata"]["event_payload"]["reply"] for m in replies(slack, parent)]
    assert numbers == list(range(len(numbers))) and len(numbers) >= 3
    assert len(parents(slack)) == 1
