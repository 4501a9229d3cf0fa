"""Slack's requests arriving over HTTP, signed, at a running app; answers at the Slack fake."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from bot.slack.render import FULL_ACTION, SHARE_ACTION
from digests.store import Store
from tests.support.live_app import SIGNING_SECRET, LiveApp, live_app
from tests.support.loopback import Loopback
from tests.support.settings import settings_for
from tests.support.slack_fake import SlackFake
from tests.support.stories import new_story


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test") as fake:
        yield fake


@pytest.fixture()
def app(slack: SlackFake, store: Store) -> Iterator[LiveApp]:
    settings = settings_for(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        admin_user_ids=("U0ADMIN",),
    )
    with live_app(settings, store) as live:
        yield live


@pytest.fixture()
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


def test_health_check_answers_when_ready(app: LiveApp, http: httpx.Client) -> None:
    answer = http.get(app.url.replace("/slack/events", "/healthz"))
    assert answer.status_code == 200


def test_search_is_acked_then_answered_ephemerally(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    store.save(new_story("Putin promises Belarus missiles", url="https://n.example/1"))
    acked = app.command(http, "search Belarus", slack.response_url("search"))
    assert acked.status_code == 200
    (response,) = slack.wait_for_responses(1)
    assert response.key == "search"
    assert response.body["response_type"] == "ephemeral"
    assert "Putin promises Belarus missiles" in str(response.body["blocks"])
    assert response.body["text"]  # the plain-text fallback


def test_bad_signature_is_refused_and_not_answered(
    app: LiveApp, slack: SlackFake, http: httpx.Client
) -> None:
    forged = app.signed("some other body")
    answer = app.command(http, "help", slack.response_url(), headers=forged)
    assert answer.status_code == 401
    time.sleep(0.3)
    assert slack.responses == []


def test_stale_timestamp_is_refused(app: LiveApp, slack: SlackFake, http: httpx.Client) -> None:
    import urllib.parse

    from tests.support.live_app import slash_command

    body = urllib.parse.urlencode(slash_command("help", slack.response_url(), "U0USER", "C0NEWS"))
    stale = app.signed(body, timestamp=int(time.time()) - 10 * 60)
    assert app.command(http, "help", slack.response_url(), headers=stale).status_code == 401


def test_feed_text_cannot_ping_the_channel(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    store.save(
        new_story(
            "Market <!channel> news <@U0BOSS> <https://evil.example|click>",
            url="https://n.example/evil",
        )
    )
    app.command(http, "search market", slack.response_url())
    (response,) = slack.wait_for_responses(1)
    posted = str(response.body)
    assert "<!channel>" not in posted and "<@U0BOSS>" not in posted
    assert "<https://evil.example|click>" not in posted
    assert "&lt;!channel&gt;" in posted


def test_share_button_posts_the_story_into_the_channel(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    saved = store.save(new_story("Bridge reopens", url="https://n.example/bridge"))
    app.interaction(http, _press(SHARE_ACTION, str(saved.id), slack.response_url()))
    (call,) = slack.wait_for_call("chat.postMessage")
    assert call.params["channel"] == "C0NEWS"
    assert "Bridge reopens" in str(call.params["blocks"])
    assert "<@U0USER>" in str(call.params["blocks"])


def test_share_where_the_bot_is_not_says_how_to_invite_it(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    slack.member_of = {"C0ELSEWHERE"}
    saved = store.save(new_story("Bridge reopens", url="https://n.example/bridge"))
    app.interaction(http, _press(SHARE_ACTION, str(saved.id), slack.response_url()))
    (response,) = slack.wait_for_responses(1)
    assert "/invite @newsbot" in str(response.body)


@pytest.mark.parametrize("value", ["99999999999999999999999", "²"])
def test_a_forged_share_button_says_the_story_is_gone(
    app: LiveApp, slack: SlackFake, http: httpx.Client, value: str
) -> None:
    app.interaction(http, _press(SHARE_ACTION, value, slack.response_url()))
    (response,) = slack.wait_for_responses(1)
    assert "That story is no longer stored." in str(response.body)
    assert slack.calls_to("chat.postMessage") == []


def test_full_summary_button_answers_with_the_story(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    saved = store.save(
        new_story("Bridge reopens", gist="The bridge reopened.", url="https://n.example/b")
    )
    app.interaction(http, _press(FULL_ACTION, str(saved.id), slack.response_url()))
    (response,) = slack.wait_for_responses(1)
    assert "The bridge reopened." in str(response.body)


def test_a_rate_limited_share_is_retried_after_retry_after(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    slack.rate_limit("chat.postMessage", times=1, retry_after=1)
    saved = store.save(new_story("Bridge reopens", url="https://n.example/bridge"))
    app.interaction(http, _press(SHARE_ACTION, str(saved.id), slack.response_url()))
    first, second = slack.wait_for_call("chat.postMessage", count=2)
    assert second.at - first.at >= 0.9
    assert len(slack.messages["C0NEWS"]) == 1


def test_non_admin_subscribe_is_refused_politely(
    app: LiveApp, slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    app.command(http, "subscribe https://feeds.example/rss", slack.response_url())
    (response,) = slack.wait_for_responses(1)
    assert "only newsbot's admins" in str(response.body)
    assert store.feeds() == []


@pytest.mark.slow  # over 3 s in a full run
def test_workspace_admin_is_asked_of_slack_when_no_list_is_set(
    slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    slack.users["U0OWNER"] = {"is_owner": True}
    settings = settings_for(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
    )
    store.add_feed("https://local.example/rss", "Local", channel="C0NEWS")
    with live_app(settings, store) as live:
        live.command(
            http, "unsubscribe https://local.example/rss", slack.response_url(), user="U0OWNER"
        )
        (response,) = slack.wait_for_responses(1)
    assert "Unsubscribed this channel" in str(response.body)
    assert [c.params["user"] for c in slack.calls_to("users.info")] == ["U0OWNER"]


def _press(action_id: str, value: str, response_url: str) -> dict[str, object]:
    """A block_actions payload as Slack sends it when a button is pressed."""
    return {
        "type": "block_actions",
        "team": {"id": "T0TEAM", "domain": "newsbot-test"},
        "user": {"id": "U0USER", "username": "reader", "team_id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": "1700000000.000100", "is_ephemeral": True},
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        "channel": {"id": "C0NEWS", "name": "news"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "story",
                "value": value,
                "action_ts": "1700000001.000200",
                "text": {"type": "plain_text", "text": "Go"},
            }
        ],
    }


@pytest.mark.slow  # over 3 s in a full run
def test_message_shortcut_summarizes_the_linked_article(
    slack: SlackFake, store: Store, http: httpx.Client, loopback: Loopback
) -> None:
    loopback.serve("/a/1", ARTICLE.encode(), content_type="text/html; charset=utf-8")
    settings = settings_for(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        allow_private_urls=True,  # the article is on loopback
    )
    with live_app(settings, store) as live:
        live.interaction(
            http,
            {
                "type": "message_action",
                "callback_id": "news_summarize",
                "team": {"id": "T0TEAM"},
                "user": {"id": "U0USER"},
                "channel": {"id": "C0NEWS"},
                "message": {"type": "message", "text": f"read <{loopback.url('/a/1')}>"},
                "response_url": slack.response_url("shortcut"),
                "trigger_id": "1.2.3",
                "message_ts": "1700000000.000100",
            },
        )
        (response,) = slack.wait_for_responses(1, timeout=20)
    assert "Reactor restarts after repairs" in str(response.body)
    assert "$40 million" in str(response.body)


ARTICLE = """<!doctype html><html><head><title>Reactor restarts after repairs</title></head>
<body><article><h1>Reactor restarts after repairs</h1>
<p>The reactor restarted on Monday after four months of repairs, its operator said.</p>
<p>Engineers replaced 120 valves and two pumps at a cost of $40 million, the operator added.</p>
</article></body></html>"""
