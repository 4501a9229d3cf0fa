"""What an operator scraping /metrics sees: commands, feed polls, stories, digests, 429s and
lease takeovers counted, with no secret and no channel in them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import httpx
import pytest

from bot.slack.background import FeedPoller
from bot.slack.metrics import Metrics
from bot.slack.poster import DigestPoster
from bot.slack.workspaces import Workspaces, web_client
from digests.schedule import Schedule
from digests.store import Store
from tests.support.feed_samples import RSS2
from tests.support.live_app import SIGNING_SECRET, LiveApp, live_app
from tests.support.loopback import Loopback
from tests.support.metrics import exposed, scrape
from tests.support.settings import settings_for
from tests.support.slack_fake import SlackFake

COUNTERS = (
    "newsbot_feeds_polled_total",
    "newsbot_feeds_failed_total",
    "newsbot_stories_stored_total",
    "newsbot_digests_posted_total",
    "newsbot_digests_failed_total",
    "newsbot_digest_lease_takeovers_total",
    "newsbot_slack_rate_limited_total",
)
SCHEDULED = Schedule("C0NEWS", time(8, 0), "UTC", starts=datetime(2026, 11, 1, tzinfo=UTC))
DUE = datetime(2026, 11, 24, 8, 0, 5, tzinfo=UTC)


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test") as fake:
        yield fake


@pytest.fixture()
def metrics() -> Metrics:
    return Metrics()


@pytest.fixture()
def app(slack: SlackFake, store: Store, metrics: Metrics) -> Iterator[LiveApp]:
    settings = settings_for(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        admin_user_ids=("U0ADMIN",),
    )
    with live_app(settings, store, metrics) as live:
        yield live


@pytest.fixture()
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def poster_for(store: Store, slack: SlackFake, metrics: Metrics, clock: Clock) -> DigestPoster:
    settings = settings_for(slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
    client = web_client(settings, metrics)
    workspaces = Workspaces(client)
    return DigestPoster(store, workspaces, settings.digest_policy, now=clock, metrics=metrics)


def test_every_metric_is_there_at_zero_before_anything_happens(
    app: LiveApp, http: httpx.Client
) -> None:
    seen = scrape(http, app.metrics_url)
    assert {name: seen[name] for name in COUNTERS} == dict.fromkeys(COUNTERS, 0.0)
    assert seen["newsbot_command_seconds_count"] == 0
    assert "process_resident_memory_bytes" in seen


def test_a_command_a_feed_poll_and_a_digest_move_what_an_operator_scrapes(
    app: LiveApp,
    slack: SlackFake,
    store: Store,
    metrics: Metrics,
    http: httpx.Client,
    loopback: Loopback,
) -> None:
    loopback.serve("/rss", RSS2)
    store.add_feed(loopback.url("/rss"))
    poller = FeedPoller(store, settings_for(), metrics=metrics)
    try:
        stored = poller.tick()
    finally:
        poller.close()
    assert stored >= 1
    acked = app.command(http, "digest now", slack.response_url("now"), user="U0ADMIN")
    assert acked.status_code == 200
    assert "Posted this channel's digest" in str(slack.wait_for_response("now").body)
    seen = scrape(http, app.metrics_url)
    assert seen["newsbot_feeds_polled_total"] == 1
    assert seen["newsbot_feeds_failed_total"] == 0
    assert seen["newsbot_stories_stored_total"] == stored
    assert seen["newsbot_digests_posted_total"] == 1
    assert seen["newsbot_digests_failed_total"] == 0
    assert seen["newsbot_command_seconds_count"] == 1
    assert seen['newsbot_command_seconds_bucket{le="+Inf"}'] == 1
    assert seen["newsbot_command_seconds_sum"] > 0


def test_metrics_need_no_signature_and_name_no_secret_channel_or_feed(
    app: LiveApp, slack: SlackFake, http: httpx.Client, loopback: Loopback
) -> None:
    app.command(http, "digest now", slack.response_url("now"), user="U0ADMIN")
    slack.wait_for_response("now")
    answer = http.get(app.metrics_url)  # no X-Slack-Signature: Prometheus signs nothing
    assert answer.status_code == 200
    for private in ("xoxb-test", SIGNING_SECRET, "C0NEWS", "U0ADMIN", "T0TEAM", "127.0.0.1"):
        assert private not in answer.text
    assert http.post(app.url, content=b"command=%2Fnews").status_code == 401  # still gated


def test_each_429_slack_answers_is_counted_by_either_client(
    app: LiveApp, slack: SlackFake, http: httpx.Client
) -> None:
    slack.rate_limit("chat.postMessage", times=1, retry_after=0)  # the poster's client
    slack.rate_limit("conversations.info", times=1, retry_after=0)  # the app's client
    app.command(http, "digest now", slack.response_url("now"), user="U0ADMIN")
    assert "Posted" in str(slack.wait_for_response("now").body)
    app.command(http, "schedule 08:00 UTC", slack.response_url("schedule"), user="U0ADMIN")
    slack.wait_for_response("schedule")
    assert slack.throttled == 2
    seen = scrape(http, app.metrics_url)
    assert seen["newsbot_slack_rate_limited_total"] == 2
    assert seen["newsbot_digests_posted_total"] == 1


def test_a_failing_feed_is_counted_polled_and_failed(
    store: Store, metrics: Metrics, loopback: Loopback
) -> None:
    loopback.serve("/rss", b"<html>not a feed</html>", content_type="text/html")
    store.add_feed(loopback.url("/rss"))
    poller = FeedPoller(store, settings_for(), metrics=metrics)
    try:
        poller.tick()
    finally:
        poller.close()
    seen = exposed(metrics)
    assert seen["newsbot_feeds_polled_total"] == 1
    assert seen["newsbot_feeds_failed_total"] == 1
    assert seen["newsbot_stories_stored_total"] == 0


def test_a_digest_slack_refuses_counts_as_failed_and_its_retry_is_no_takeover(
    store: Store, slack: SlackFake, metrics: Metrics
) -> None:
    store.save_schedule(SCHEDULED)
    slack.member_of = set()  # not_in_channel
    clock = Clock(DUE)
    poster = poster_for(store, slack, metrics, clock)
    assert poster.tick() == []
    slack.member_of = None
    clock.at += timedelta(minutes=1)
    assert poster.tick() == ["C0NEWS@2026-11-24"]
    seen = exposed(metrics)
    assert seen["newsbot_digests_failed_total"] == 1
    assert seen["newsbot_digests_posted_total"] == 1
    assert seen["newsbot_digest_lease_takeovers_total"] == 0


def test_a_digest_whose_holder_died_is_counted_as_a_lease_takeover(
    store: Store, slack: SlackFake, metrics: Metrics
) -> None:
    store.save_schedule(SCHEDULED)
    clock = Clock(DUE)
    assert store.claim_digest(
        key="C0NEWS@2026-11-24",
        channel="C0NEWS",
        day=DUE.date(),
        kind="scheduled",
        owner="dead",
        now=DUE,
        lease_until=DUE + timedelta(minutes=10),
        since=DUE - timedelta(days=1),
    )
    poster = poster_for(store, slack, metrics, clock)
    assert poster.tick() == []  # its lease still runs
    assert exposed(metrics)["newsbot_digest_lease_takeovers_total"] == 0
    clock.at += timedelta(minutes=10)
    assert poster.tick() == ["C0NEWS@2026-11-24"]
    seen = exposed(metrics)
    assert seen["newsbot_digest_lease_takeovers_total"] == 1
    assert seen["newsbot_digests_posted_total"] == 1


def test_a_thread_whose_holder_died_is_counted_as_a_lease_takeover(
    store: Store, slack: SlackFake, metrics: Metrics
) -> None:
    dead = store.claim_digest(
        key="C0NEWS@2026-11-24",
        channel="C0NEWS",
        day=DUE.date(),
        kind="scheduled",
        owner="dead",
        now=DUE,
        lease_until=DUE + timedelta(minutes=10),
        since=DUE - timedelta(days=1),
    )
    assert dead is not None and store.mark_posted(dead, "1700000000.000100", DUE, thread=2)
    poster = poster_for(store, slack, metrics, Clock(DUE + timedelta(minutes=10)))
    assert poster.finish_threads() == 1
    assert exposed(metrics)["newsbot_digest_lease_takeovers_total"] == 1
