"""The Home tab as Slack shows it, through signed requests to a running app and the Slack fake."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime, time
from typing import Any

import httpx
import pytest

from bot.slack.render.home import (
    ADD_FEED_ACTION,
    POST_NOW_ACTION,
    PREVIEW_ACTION,
    SCHEDULE_ACTION,
    STOP_ACTION,
    UNSUBSCRIBE_ACTION,
)
from bot.slack.render.home_modals import FEED_FORM, SCHEDULE_FORM
from digests.schedule import Schedule
from digests.store import Store
from tests.support.feed_samples import RSS2
from tests.support.live_app import SIGNING_SECRET, LiveApp, live_app
from tests.support.loopback import Loopback
from tests.support.settings import settings_for
from tests.support.slack_fake import SlackFake
from tests.support.slack_payloads import (
    chosen_channel,
    form,
    home_opened,
    home_press,
    picked_time,
    ticked,
    typed,
    view_submission,
)
from tests.support.stories import new_story

TEAM, ADMIN, MEMBER = "T0TEAM", "U0ADMIN", "U0USER"
NEWS, SECRET = "C0NEWS", "G0SECRET"
WAIT = 30.0  # seconds a test waits for newsbot's call to Slack: a hang guard, not a speed figure


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test") as fake:
        fake.add_channel(NEWS, "news", (ADMIN, MEMBER))
        fake.add_channel(SECRET, "secret", (ADMIN,), private=True)
        yield fake


@pytest.fixture()
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


def app_for(
    slack: SlackFake, store: Store, *, allow_private: bool = True
) -> AbstractContextManager[LiveApp]:
    settings = settings_for(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        admin_user_ids=(ADMIN,),
        digest_timezone="Europe/Berlin",
        allow_private_urls=allow_private,  # the feeds are served on loopback
    )
    return live_app(settings, store)


@pytest.fixture()
def app(slack: SlackFake, store: Store) -> Iterator[LiveApp]:
    with app_for(slack, store) as live:
        yield live


def home_of(app: LiveApp, http: httpx.Client, slack: SlackFake, user: str) -> str:
    """`user` opens the Home tab; the view published for them, as JSON."""
    return published_after(slack, lambda: app.event(http, TEAM, home_opened(user)), user)


def published_after(
    slack: SlackFake, doing: Callable[[], httpx.Response], user: str, count: int = 1
) -> str:
    """What `doing()` leads newsbot to publish on `user`'s Home (the `count`th view after it)."""
    before = len(slack.calls_to("views.publish"))
    assert doing().status_code == 200
    call = slack.wait_for_call("views.publish", before + count, timeout=WAIT)[-1]
    assert call.params["user_id"] == user
    assert ("T0TEAM", user) in slack.home_tabs  # the fake took it: within Slack's limits
    return json.dumps(call.params["view"], ensure_ascii=False)


def action_ids(view: str) -> set[str]:
    """Every action id a view's buttons and menus carry."""
    found = set()
    for block in json.loads(view)["blocks"]:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id"):
                found.add(element["action_id"])
    return found


def opened_modal(
    app: LiveApp, http: httpx.Client, slack: SlackFake, action: str, value: str = ""
) -> dict[str, Any]:
    """The admin presses `action` on their Home; the modal that opens."""
    before = len(slack.calls_to("views.open"))
    press = home_press(TEAM, ADMIN, action, value or None)
    assert app.interaction(http, press).status_code == 200
    call = slack.wait_for_call("views.open", before + 1, timeout=WAIT)[-1]
    opened = slack.views[max(v for v in slack.views if v.startswith("V0"))]
    assert opened.get("callback_id") == call.params["view"].get("callback_id")
    return opened


def submit(
    app: LiveApp,
    http: httpx.Client,
    modal: dict[str, Any],
    values: dict[str, Any],
    user: str = ADMIN,
) -> httpx.Response:
    payload = view_submission(TEAM, user, modal["id"], modal["callback_id"], values)
    return app.interaction(http, payload)


def feed_values(url: str, channel: str = NEWS) -> dict[str, Any]:
    return form(channel=chosen_channel(channel), url=typed(url))


def schedule_values(
    zone: str = "Europe/Berlin", days: tuple[str, ...] = ("1", "2", "3", "4", "5")
) -> dict[str, Any]:
    return form(
        channel=chosen_channel(NEWS),
        time=picked_time("08:00"),
        zone=typed(zone),
        days=ticked(*days),
    )


def test_a_member_sees_their_channels_and_feeds_with_health_and_no_admin_buttons(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    feed = store.add_feed("https://loop.example/rss", "Loop News", NEWS)
    store.record_failure(
        feed.id, datetime(2026, 11, 24, 7, tzinfo=UTC), "HTTP 503 from loop.example"
    )
    store.record_failure(
        feed.id, datetime(2026, 11, 24, 8, tzinfo=UTC), "HTTP 503 from loop.example"
    )
    store.save_schedule(Schedule(NEWS, time(8), "Europe/Berlin", frozenset(range(1, 6))))
    view = home_of(app, http, slack, MEMBER)
    assert f"<#{NEWS}>" in view and "08:00 Europe/Berlin, Mon–Fri" in view
    assert "Next digest:" in view
    assert "Loop News" in view and "2 failures in a row: HTTP 503 from loop.example" in view
    assert action_ids(view) == set()
    (asked,) = slack.calls_to("users.conversations")
    assert asked.params["user"] == MEMBER
    assert asked.params["types"] == "public_channel,private_channel"


def test_a_feeds_last_success_is_a_slack_date(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    feed = store.add_feed("https://loop.example/rss", "Loop News", NEWS)
    at = datetime(2026, 11, 24, 7, tzinfo=UTC)
    store.record_success(feed.id, at, title=None, etag=None, last_modified=None)
    view = home_of(app, http, slack, MEMBER)
    assert "last read <!date^1795503600^" in view and "No daily digest." in view


def test_a_private_channel_the_member_is_not_in_is_not_shown(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    store.add_feed("https://secret.example/rss", "Secret Feed", SECRET)
    store.save_schedule(Schedule(SECRET, time(7), "UTC"))
    store.add_feed("https://loop.example/rss", "Loop News", NEWS)
    view = home_of(app, http, slack, MEMBER)
    assert SECRET not in view and "Secret Feed" not in view and "secret.example" not in view
    assert "Loop News" in view
    assert SECRET in home_of(app, http, slack, ADMIN)


def test_an_admin_sees_the_buttons(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    store.add_feed("https://loop.example/rss", "Loop News", NEWS)
    store.save_schedule(Schedule(NEWS, time(8), "UTC"))
    view = home_of(app, http, slack, ADMIN)
    assert action_ids(view) == {
        ADD_FEED_ACTION,
        SCHEDULE_ACTION,
        PREVIEW_ACTION,
        POST_NOW_ACTION,
        STOP_ACTION,
        UNSUBSCRIBE_ACTION,
    }


def test_add_a_feed_subscribes_the_channel_as_news_subscribe_does_and_shows_it(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client, loopback: Loopback
) -> None:
    loopback.serve("/rss", RSS2, content_type="application/rss+xml")
    modal = opened_modal(app, http, slack, ADD_FEED_ACTION)
    assert modal["callback_id"] == FEED_FORM
    url = loopback.url("/rss")
    home = published_after(slack, lambda: submit(app, http, modal, feed_values(url)), ADMIN, 2)
    (feed,) = store.feeds(NEWS)
    assert (feed.url, feed.title, feed.channels) == (url, "City Desk & Friends", (NEWS,))
    assert "Subscribed <#C0NEWS> to" in home and "new stories stored" in home
    assert "City Desk &amp; Friends" in home
    assert store.latest(limit=5)  # read at once, as /news subscribe does
    assert "Reading them now" in json.dumps(slack.views[modal["id"]])


def test_a_bad_feed_address_is_answered_with_errors_naming_the_field(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    modal = opened_modal(app, http, slack, ADD_FEED_ACTION)
    answer = submit(app, http, modal, feed_values("feeds.example/rss"))
    assert answer.json()["response_action"] == "errors"
    assert set(answer.json()["errors"]) == {"url"}
    assert store.feeds() == []


def test_a_private_feed_address_is_refused_without_allow_private_urls(
    slack: SlackFake, store: Store, loopback: Loopback
) -> None:
    loopback.serve("/rss", RSS2, content_type="application/rss+xml")
    url = loopback.url("/rss")
    with app_for(slack, store, allow_private=False) as app, httpx.Client(timeout=10) as http:
        modal = opened_modal(app, http, slack, ADD_FEED_ACTION)
        assert submit(app, http, modal, feed_values(url)).json()["response_action"] == "update"
        (updated,) = slack.wait_for_call("views.update", timeout=WAIT)
    shown = updated.params["view"]
    assert "I could not subscribe to" in json.dumps(shown) and shown["callback_id"] == FEED_FORM
    assert url in json.dumps(shown)  # the form again, the address as it was typed
    assert store.feeds() == [] and loopback.paths() == []


def test_set_schedule_stores_what_news_schedule_would(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    modal = opened_modal(app, http, slack, SCHEDULE_ACTION)
    assert modal["callback_id"] == SCHEDULE_FORM
    home = published_after(slack, lambda: submit(app, http, modal, schedule_values()), ADMIN)
    assert "The daily digest comes in <#C0NEWS> at 08:00 Europe/Berlin, Mon–Fri" in home
    (from_home,) = store.schedules(NEWS)
    answer = app.command(
        http,
        "schedule 08:00 Europe/Berlin mon-fri",
        slack.response_url("s"),
        user=ADMIN,
        channel="C0OTHER",
    )
    assert answer.status_code == 200
    slack.wait_for_response("s", timeout=WAIT)
    (typed_in,) = store.schedules("C0OTHER")
    assert dataclasses.replace(from_home, channel="C0OTHER", starts=None) == dataclasses.replace(
        typed_in, starts=None
    )


def test_a_bad_time_zone_is_answered_with_errors_naming_the_field(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    modal = opened_modal(app, http, slack, SCHEDULE_ACTION)
    answer = submit(app, http, modal, schedule_values(zone="Mars/Olympus"))
    assert answer.json() == {
        "response_action": "errors",
        "errors": {"zone": "No time zone I know: use an IANA name such as Europe/Berlin, or UTC."},
    }
    assert store.schedules() == []


def test_preview_shows_the_digest_news_digest_preview_shows(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    feed = store.add_feed("https://loop.example/rss", "Loop News", NEWS)
    for n, title in enumerate(("Harbour reopens after storm", "Council passes the budget")):
        store.save(new_story(title, url=f"https://loop.example/{n}", feed_id=feed.id))
    app.command(http, "digest preview", slack.response_url("p"), user=ADMIN, channel=NEWS)
    typed_blocks = slack.wait_for_response("p", timeout=WAIT).body["blocks"]
    waiting = opened_modal(app, http, slack, PREVIEW_ACTION, NEWS)
    (updated,) = slack.wait_for_call("views.update", timeout=WAIT)
    assert updated.params["view_id"] == waiting["id"]
    shown = updated.params["view"]["blocks"][1:]

    def lasting(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [b for b in blocks if b["type"] != "context"]  # its window opens "now" - 24 h

    assert lasting(shown) == lasting(typed_blocks)
    assert "Harbour reopens after storm" in json.dumps(shown)


def test_a_forged_submission_or_press_from_a_member_changes_nothing(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client, loopback: Loopback
) -> None:
    loopback.serve("/rss", RSS2, content_type="application/rss+xml")
    feed = store.add_feed("https://loop.example/rss", "Loop News", NEWS)
    store.save_schedule(Schedule(NEWS, time(7), "UTC"))
    forged = {"id": "V0FORGED", "callback_id": FEED_FORM}
    submit(app, http, forged, feed_values(loopback.url("/rss")), user=MEMBER)
    forged["callback_id"] = SCHEDULE_FORM
    submit(app, http, forged, schedule_values(), user=MEMBER)
    presses = [
        (STOP_ACTION, NEWS),
        (POST_NOW_ACTION, NEWS),
        (UNSUBSCRIBE_ACTION, f"{feed.id} {NEWS}"),
    ]
    for action, value in presses:
        app.interaction(http, home_press(TEAM, MEMBER, action, value))
    said = slack.wait_for_call("views.publish", len(presses), timeout=WAIT)
    assert all("only newsbot's admins" in json.dumps(c.params["view"]) for c in said)
    refused = slack.wait_for_call("views.update", 2, timeout=WAIT)  # V0FORGED: not_found
    assert all("only newsbot's admins" in json.dumps(c.params["view"]) for c in refused)
    assert [f.channels for f in store.feeds()] == [(NEWS,)]
    assert [(s.at, s.zone) for s in store.schedules()] == [(time(7), "UTC")]
    assert loopback.paths() == [] and slack.calls_to("chat.postMessage") == []


def test_post_stop_and_unsubscribe_from_the_home_tab(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    feed = store.add_feed("https://loop.example/rss", "Loop News", NEWS)
    store.save(new_story("Harbour reopens", url="https://loop.example/h", feed_id=feed.id))
    store.save_schedule(Schedule(NEWS, time(7), "UTC"))

    def pressed(action: str, value: str) -> str:
        press = home_press(TEAM, ADMIN, action, value)
        return published_after(slack, lambda: app.interaction(http, press), ADMIN)

    assert "Posted <#C0NEWS>'s digest" in pressed(POST_NOW_ACTION, NEWS)
    (posted, *_) = slack.calls_to("chat.postMessage")
    assert posted.params["channel"] == NEWS and "Harbour reopens" in json.dumps(posted.params)
    assert "Daily digest of <#C0NEWS> stopped by <@U0ADMIN>" in pressed(STOP_ACTION, NEWS)
    assert store.schedules() == []
    home = pressed(UNSUBSCRIBE_ACTION, f"{feed.id} {NEWS}")
    assert "Unsubscribed <#C0NEWS> from" in home and store.feeds() == []


def test_a_channel_not_on_the_admins_home_is_not_acted_on(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    slack.add_channel("C0ELSE", "else", (MEMBER,))
    store.save_schedule(Schedule("C0ELSE", time(7), "UTC"))
    press = home_press(TEAM, ADMIN, STOP_ACTION, "C0ELSE")
    home = published_after(slack, lambda: app.interaction(http, press), ADMIN)
    assert "not on your Home tab" in home and len(store.schedules()) == 1


def test_a_home_with_150_feeds_stays_within_100_blocks(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    for n in range(150):
        store.add_feed(f"https://feeds.example/{n}", f"Feed number {n}", NEWS)
    for user in (MEMBER, ADMIN):
        view = json.loads(home_of(app, http, slack, user))
        assert len(view["blocks"]) <= 100
        assert "Feed number 0" in json.dumps(view) and "more feeds" in json.dumps(view)


def test_a_feed_title_cannot_ping_the_channel(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    store.add_feed("https://loop.example/rss", "<!channel> *Breaking* <@U0BOSS>", NEWS)
    for user in (MEMBER, ADMIN):
        view = home_of(app, http, slack, user)
        assert "<!channel>" not in view and "<@U0BOSS>" not in view
        assert "&lt;!channel&gt;" in view
