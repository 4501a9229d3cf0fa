"""Many workspaces: "Add to Slack", each workspace kept to its own channels, uninstall, and a
token refreshed before a digest; against the Slack fake, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.config import Settings
from bot.slack.poster import DigestPoster
from bot.slack.render import FULL_ACTION, SHARE_ACTION
from bot.slack.render.home import POST_NOW_ACTION, STOP_ACTION, UNSUBSCRIBE_ACTION
from bot.slack.workspaces import open_workspaces
from digests.schedule import Schedule
from digests.store import Store
from tests.support.clocks import StoppedClock
from tests.support.feed_samples import RSS2
from tests.support.live_app import SIGNING_SECRET, LiveApp, live_app
from tests.support.loopback import Loopback
from tests.support.postgres import PostgresServer
from tests.support.settings import settings_for
from tests.support.slack_fake import SlackFake
from tests.support.slack_payloads import home_opened, home_press
from tests.support.slack_workspaces import CLIENT_ID, CLIENT_SECRET
from tests.support.stories import NOW, new_story

A, B = "T0AAAA", "T0BBBB"
A_NEWS, B_NEWS = "C0ANEWS", "C0BNEWS"
A_ADMIN, B_ADMIN = "U0AADMIN", "U0BADMIN"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated store of its own, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'newsbot.db'}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        url = server.url(server.database(server.migrated))
    with Store(url) as opened:
        opened.migrate()
        yield opened


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-unused") as fake:
        for channel, team in ((A_NEWS, A), (B_NEWS, B)):
            fake.own(channel, team)
        fake.users |= {A_ADMIN: {"is_admin": True}, B_ADMIN: {"is_admin": True}}
        yield fake


@pytest.fixture()
def settings(slack: SlackFake) -> Settings:
    return settings_for(
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        allow_private_urls=True,  # the feeds are served on loopback
    )


@pytest.fixture()
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.fixture()
def app(
    settings: Settings, store: Store, slack: SlackFake, http: httpx.Client
) -> Iterator[LiveApp]:
    """The app with workspaces A and B installed through Add to Slack."""
    with live_app(settings, store) as live:
        for team in (A, B):
            slack.grant(f"code-{team}", team, f"Team {team}")
            assert live.install(http, f"code-{team}").status_code == 200
        yield live


Ask = Callable[..., str]


@pytest.fixture()
def ask(app: LiveApp, slack: SlackFake, http: httpx.Client) -> Ask:
    """/news <text> from a workspace's member in its channel; the answer's text and blocks."""

    def asking(team: str, text: str, *, user: str = "U0READER", channel: str = "") -> str:
        key = f"{team}-{len(slack.responses)}"
        channel = channel or (A_NEWS if team == A else B_NEWS)
        assert (
            app.command(
                http, text, slack.response_url(key), user=user, channel=channel, team=team
            ).status_code
            == 200
        )
        return json.dumps(slack.wait_for_response(key).body, ensure_ascii=False)

    return asking


def test_add_to_slack_shows_what_happens_and_stores_the_workspaces_token(
    settings: Settings, store: Store, slack: SlackFake, http: httpx.Client
) -> None:
    slack.grant("code-1", A, "Harbour & Co")
    with live_app(settings, store) as live:
        page = http.get(live.base + "/slack/install")
        assert page.status_code == 200 and "Add to Slack" in page.text
        assert "oauth/v2/authorize?" in page.text and f"client_id={CLIENT_ID}" in page.text
        done = live.install(http, "code-1")
    assert done.status_code == 200
    assert "newsbot is now in <strong>Harbour &amp; Co</strong>" in done.text
    assert "/invite @newsbot" in done.text and "/news schedule" in done.text
    assert "Home tab" in done.text
    (call,) = slack.calls_to("oauth.v2.access")
    assert call.params["code"] == "code-1"
    installed = open_workspaces(settings, store).installations
    assert installed is not None
    found = installed.find_bot(enterprise_id=None, team_id=A)
    assert found is not None and found.bot_token == slack.token_of(A)


def test_a_redirect_this_browser_did_not_start_installs_nothing(
    settings: Settings, store: Store, slack: SlackFake, http: httpx.Client
) -> None:
    slack.grant("code-1", A)
    with live_app(settings, store) as live:
        answer = http.get(f"{live.base}/slack/oauth_redirect?code=code-1&state=forged")
    assert answer.status_code == 400 and "did not start the install" in answer.text
    assert slack.calls_to("oauth.v2.access") == []


def test_a_workspace_sees_and_changes_only_its_own_channels_feeds_and_stories(
    app: LiveApp, ask: Ask, store: Store
) -> None:
    theirs = store.add_feed("https://b.example/rss", "B's private feed", B_NEWS, team=B)
    story = store.save(new_story("Harbour plan for B only", feed_id=theirs.id, who=("Ann Lee",)))
    store.save_schedule(Schedule(B_NEWS, time(8), "Europe/Oslo", team=B))
    assert "B's private feed" in ask(B, "feeds")
    assert "Harbour plan for B only" in ask(B, "search harbour")
    for forged in (f"story {story.id}", "search harbour", "who Ann Lee", "latest"):
        assert "Harbour plan" not in ask(A, forged), forged
    assert "B's private feed" not in ask(A, "feeds")
    said = ask(A, f"unsubscribe {theirs.id}", user=A_ADMIN)
    assert f"No feed {theirs.id} here" in said and "b.example" not in said
    assert "gets no daily digest" in ask(A, "schedule", channel=B_NEWS)
    assert "Daily digest stopped" not in ask(A, "schedule off", user=A_ADMIN, channel=B_NEWS)
    assert [s.team for s in store.schedules(B_NEWS)] == [B]  # B's schedule untouched
    assert "Harbour plan" not in ask(A, "digest preview", channel=B_NEWS)


def test_a_feed_two_workspaces_subscribe_is_stored_once(
    app: LiveApp, ask: Ask, store: Store, loopback: Loopback
) -> None:
    loopback.serve("/rss", RSS2, content_type="application/rss+xml")
    url = loopback.url("/rss")
    assert "Subscribed this channel" in ask(A, f"subscribe {url}", user=A_ADMIN)
    assert "Subscribed this channel" in ask(B, f"subscribe {url}", user=B_ADMIN)
    (feed,) = store.feeds()
    assert feed.channels == (A_NEWS, B_NEWS)
    assert [f.channels for f in store.feeds(team=A)] == [(A_NEWS,)]


def test_forged_buttons_cannot_show_or_share_another_workspaces_story(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    theirs = store.add_feed("https://b.example/rss", channel=B_NEWS, team=B)
    story = store.save(new_story("Kept in B", feed_id=theirs.id))
    for action in (FULL_ACTION, SHARE_ACTION):
        app.interaction(http, _button(A, A_NEWS, action, str(story.id), slack.response_url(action)))
        said = str(slack.wait_for_response(action).body)
        assert "no longer stored" in said and "Kept in B" not in said
    assert slack.calls_to("chat.postMessage") == []


def test_each_workspaces_digest_goes_out_with_its_own_token(
    app: LiveApp, settings: Settings, store: Store, slack: SlackFake
) -> None:
    clock = StoppedClock(datetime(2026, 11, 24, 8, 1, tzinfo=UTC))
    for team, channel in ((A, A_NEWS), (B, B_NEWS)):
        feed = store.add_feed(f"https://{team}.example/rss", channel=channel, team=team)
        seen = clock.at - timedelta(hours=1)
        url = f"https://{team}.example/1"
        store.save(new_story(f"News for {team}", url=url, feed_id=feed.id, age=NOW - seen))
        store.save_schedule(
            Schedule(channel, time(8), "UTC", starts=clock.at - timedelta(days=1), team=team)
        )
    poster = _poster(settings, store, clock)
    assert sorted(poster.tick()) == [f"{A}:{A_NEWS}@2026-11-24", f"{B}:{B_NEWS}@2026-11-24"]
    for team, channel in ((A, A_NEWS), (B, B_NEWS)):
        (posted,) = [
            c
            for c in slack.calls_to("chat.postMessage")
            if c.params["channel"] == channel and not c.params.get("thread_ts")
        ]
        assert posted.token == slack.token_of(team)
        assert f"News for {team}" in str(posted.params["blocks"])
        other = B if team == A else A
        assert f"News for {other}" not in str(posted.params["blocks"])


@pytest.mark.parametrize(
    "order", [("app_uninstalled", "tokens_revoked"), ("tokens_revoked", "app_uninstalled")]
)
def test_uninstalling_removes_the_workspace_and_its_digests_stop_at_once(
    app: LiveApp,
    settings: Settings,
    store: Store,
    slack: SlackFake,
    http: httpx.Client,
    order: tuple[str, str],
) -> None:
    clock = StoppedClock(datetime(2026, 11, 24, 8, 1, tzinfo=UTC))
    for team, channel in ((A, A_NEWS), (B, B_NEWS)):
        store.add_feed(f"https://{team}.example/rss", channel=channel, team=team)
        store.save_schedule(
            Schedule(channel, time(8), "UTC", starts=clock.at - timedelta(days=1), team=team)
        )
    slack.revoke(A)
    for kind in order:
        event: dict[str, Any] = {"type": kind}
        if kind == "tokens_revoked":
            event["tokens"] = {"oauth": [], "bot": ["U0BOT"]}
        assert app.event(http, A, event).status_code == 200
    assert store.schedules(team=A) == [] and store.feeds(team=A) == []
    workspaces = open_workspaces(settings, store)
    assert workspaces.installations is not None
    assert workspaces.installations.find_installation(enterprise_id=None, team_id=A) is None
    assert workspaces.installations.find_installation(enterprise_id=None, team_id=B) is not None
    assert _poster(settings, store, clock).tick() == [f"{B}:{B_NEWS}@2026-11-24"]


def test_a_digest_is_posted_after_the_workspaces_old_token_expired(
    settings: Settings, store: Store, slack: SlackFake, http: httpx.Client
) -> None:
    slack.grant("code-r", A, rotating=True)
    with live_app(settings, store) as live:
        assert live.install(http, "code-r").status_code == 200
    old = slack.token_of(A)
    slack.expire(old)
    workspaces = open_workspaces(settings, store)
    assert workspaces.installations is not None
    bot = workspaces.installations.find_bot(enterprise_id=None, team_id=A)
    assert bot is not None and bot.bot_refresh_token is not None
    installation = workspaces.installations.find_installation(enterprise_id=None, team_id=A)
    assert installation is not None
    installation.bot_token_expires_at = int(datetime.now(UTC).timestamp()) - 60  # as Slack said
    workspaces.installations.save(installation)
    clock = StoppedClock(datetime(2026, 11, 24, 8, 1, tzinfo=UTC))
    store.save_schedule(
        Schedule(A_NEWS, time(8), "UTC", starts=clock.at - timedelta(days=1), team=A)
    )
    assert _poster(settings, store, clock).tick() == [f"{A}:{A_NEWS}@2026-11-24"]
    new = slack.token_of(A)
    assert new != old
    (posted,) = slack.calls_to("chat.postMessage")
    assert posted.token == new
    kept = workspaces.installations.find_bot(enterprise_id=None, team_id=A)
    assert kept is not None and kept.bot_token == new


def test_a_workspaces_home_tab_shows_and_changes_only_its_own_channels_and_feeds(
    app: LiveApp, store: Store, slack: SlackFake, http: httpx.Client
) -> None:
    ours = store.add_feed("https://a.example/rss", "A's own feed", A_NEWS, team=A)
    theirs = store.add_feed("https://b.example/rss", "B's private feed", B_NEWS, team=B)
    store.save_schedule(Schedule(A_NEWS, time(8), "Europe/Oslo", team=A))
    store.save_schedule(Schedule(B_NEWS, time(9), "Europe/Oslo", team=B))
    for channel, team in ((A_NEWS, A), (B_NEWS, B)):  # the admin is in both, as a guest of B
        slack.add_channel(channel, "news", (A_ADMIN,), team=team)

    def home(payload: dict[str, Any], event: bool = False) -> str:
        before = len(slack.calls_to("views.publish"))
        sent = app.event(http, A, payload) if event else app.interaction(http, payload)
        assert sent.status_code == 200
        (call,) = slack.wait_for_call("views.publish", before + 1, timeout=30)[before:]
        assert call.token == slack.token_of(A)
        return json.dumps(call.params["view"], ensure_ascii=False)

    shown = home(home_opened(A_ADMIN), event=True)
    assert A_NEWS in shown and "A's own feed" in shown and "08:00 Europe/Oslo" in shown
    assert B_NEWS not in shown and "B's private feed" not in shown and "09:00" not in shown
    for forged in (
        home_press(A, A_ADMIN, UNSUBSCRIBE_ACTION, f"{theirs.id} {B_NEWS}"),
        home_press(A, A_ADMIN, STOP_ACTION, B_NEWS),
        home_press(A, A_ADMIN, POST_NOW_ACTION, B_NEWS),
    ):
        assert "B's private feed" not in home(forged)
    assert [f.channels for f in store.feeds(team=B)] == [(B_NEWS,)]
    assert [s.channel for s in store.schedules(team=B)] == [B_NEWS]
    assert slack.calls_to("chat.postMessage") == []
    assert [f.id for f in store.feeds(team=A)] == [ours.id]


def _poster(settings: Settings, store: Store, clock: StoppedClock) -> DigestPoster:
    return DigestPoster(store, open_workspaces(settings, store), settings.digest_policy, now=clock)


def _button(team: str, channel: str, action: str, value: str, response_url: str) -> dict[str, Any]:
    """A block_actions payload as Slack sends it when a member presses a button."""
    return {
        "type": "block_actions",
        "team": {"id": team, "domain": "t"},
        "user": {"id": "U0READER", "team_id": team},
        "api_app_id": "A0APP",
        "channel": {"id": channel, "name": "news"},
        "response_url": response_url,
        "trigger_id": "1.2.3",
        "actions": [
            {
                "action_id": action,
                "block_id": "b",
                "type": "button",
                "value": value,
                "action_ts": "1",
            }
        ],
        "container": {"type": "message", "message_ts": "1.2", "channel_id": channel},
    }


def test_a_slash_command_is_acked_before_bolt_looks_up_the_workspace(
    app: LiveApp, slack: SlackFake, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    looked_up = threading.Event()
    let_go = threading.Event()
    original = SQLAlchemyInstallationStore.find_installation

    def slow(self: SQLAlchemyInstallationStore, **kwargs: Any) -> Any:
        looked_up.set()
        let_go.wait(10)
        return original(self, **kwargs)

    monkeypatch.setattr(SQLAlchemyInstallationStore, "find_installation", slow)
    acked = app.command(http, "help", slack.response_url("help"), channel=A_NEWS, team=A)
    assert acked.status_code == 200 and acked.text == ""
    assert looked_up.wait(5) and slack.responses == []  # acked while Bolt still looks
    let_go.set()
    assert "search" in str(slack.wait_for_response("help").body)
