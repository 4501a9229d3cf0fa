"""The Slack fake answers as Slack does where newsbot depends on it (checked with slack_sdk)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.slack.render import digest_message, thread_messages
from tests.support.slack_fake import SlackFake
from tests.support.stories import digest_of, story


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test") as fake:
        yield fake


def client(slack: SlackFake, token: str = "xoxb-test") -> WebClient:
    return WebClient(
        token=token,
        base_url=slack.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )


def test_auth_test_names_the_bot(slack: SlackFake) -> None:
    assert client(slack).auth_test()["user_id"] == "U0BOT"


@pytest.mark.parametrize(
    ("token", "method", "error"),
    [("xoxb-wrong", "auth.test", "invalid_auth"), ("xoxb-test", "chat.fly", "unknown_method")],
)
def test_refusals_carry_slacks_error_names(
    slack: SlackFake, token: str, method: str, error: str
) -> None:
    with pytest.raises(SlackApiError) as refused:
        client(slack, token).api_call(method)
    assert refused.value.response["error"] == error


def test_fifty_one_blocks_are_invalid(slack: SlackFake) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}] * 51
    with pytest.raises(SlackApiError) as refused:
        client(slack).chat_postMessage(channel="C0NEWS", text="x", blocks=blocks)
    assert refused.value.response["error"] == "invalid_blocks"
    assert slack.messages == {}


def test_blocks_over_slacks_total_are_refused(slack: SlackFake) -> None:
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "ж" * 2900}}
    with pytest.raises(SlackApiError) as refused:
        client(slack).chat_postMessage(channel="C0NEWS", text="x", blocks=[section] * 5)
    assert refused.value.response["error"] == "msg_blocks_too_long"
    assert slack.messages == {}


def test_a_long_digest_in_any_script_is_posted_whole(slack: SlackFake) -> None:
    entries = [
        (story(i, headline="Заголовок & " * 40, gist="слово " * 400, who=12, numbers=8), 2, "Лента")
        for i in range(1, 51)
    ]
    digest = digest_of(*entries)
    web = client(slack)
    parent = web.chat_postMessage(channel="C0NEWS", **digest_message(digest, zone="UTC").to_dict())
    for message in thread_messages(digest):
        web.chat_postMessage(channel="C0NEWS", thread_ts=parent["ts"], **message.to_dict())
    posted = [m for thread in slack.messages.values() for m in thread]
    assert sum(json.dumps(m).count('"news_more"') for m in posted) == 50


def test_a_429_is_retried_after_retry_after_and_posts_once(slack: SlackFake) -> None:
    slack.rate_limit("chat.postMessage", retry_after=1)
    client(slack).chat_postMessage(channel="C0NEWS", text="hello")
    first, second = slack.calls_to("chat.postMessage")
    assert second.at - first.at >= 0.9
    assert [m["text"] for m in slack.messages["C0NEWS"]] == ["hello"]
    assert slack.throttled == 1


def test_history_returns_the_metadata_a_message_carried(slack: SlackFake) -> None:
    metadata = {"event_type": "newsbot_digest", "event_payload": {"id": "C0NEWS:2026-11-24"}}
    web = client(slack)
    web.chat_postMessage(channel="C0NEWS", text="digest", metadata=metadata)
    (message,) = web.conversations_history(channel="C0NEWS", include_all_metadata=True)["messages"]
    assert message["metadata"] == metadata


def test_a_channel_without_the_bot_refuses_posts(slack: SlackFake) -> None:
    slack.member_of = set()
    with pytest.raises(SlackApiError) as refused:
        client(slack).chat_postMessage(channel="C0NEWS", text="x")
    assert refused.value.response["error"] == "not_in_channel"


def test_a_home_tab_holds_at_most_a_hundred_blocks(slack: SlackFake) -> None:
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "x"}}
    web = client(slack)
    with pytest.raises(SlackApiError) as refused:
        web.views_publish(user_id="U0USER", view={"type": "home", "blocks": [section] * 101})
    assert refused.value.response["error"] == "invalid_arguments"
    assert slack.home_tabs == {}
    web.views_publish(user_id="U0USER", view={"type": "home", "blocks": [section] * 100})
    assert len(slack.home_tabs[("T0TEAM", "U0USER")]["blocks"]) == 100


@pytest.mark.parametrize(
    "change",
    [
        {"title": {"type": "plain_text", "text": "t" * 25}},
        {"submit": {"type": "plain_text", "text": "s" * 25}},
        {"private_metadata": "m" * 3001},
        {"submit": None},  # an input block needs a submit button
    ],
)
def test_a_modal_over_slacks_limits_is_refused(slack: SlackFake, change: dict[str, object]) -> None:
    modal = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Add a feed"},
        "submit": {"type": "plain_text", "text": "Subscribe"},
        "blocks": [
            {
                "type": "input",
                "block_id": "url",
                "label": {"type": "plain_text", "text": "Feed"},
                "element": {"type": "plain_text_input", "action_id": "url"},
            }
        ],
    }
    web = client(slack)
    opened = web.views_open(trigger_id="1.2.3", view=modal)["view"]
    with pytest.raises(SlackApiError) as refused:
        web.views_update(view_id=opened["id"], view={**modal, **change})
    assert refused.value.response["error"] == "invalid_arguments"
    assert slack.views[opened["id"]]["submit"]["text"] == "Subscribe"


def test_users_conversations_lists_the_members_channels_of_the_tokens_team_a_page_at_a_time(
    slack: SlackFake,
) -> None:
    slack.add_channel("C0NEWS", "news", ("U0USER",))
    slack.add_channel("G0SECRET", "secret", ("U0USER",), private=True)
    slack.add_channel("C0OLD", "old", ("U0USER",), archived=True)
    slack.add_channel("C0ELSE", "else", ("U0OTHER",))
    slack.add_channel("C0THEIRS", "theirs", ("U0USER",), team="T0OTHER")
    slack.page_limit = 1
    web = client(slack)
    seen, cursor = [], None
    for _ in range(5):
        page = web.users_conversations(
            user="U0USER",
            types="public_channel,private_channel",
            exclude_archived=True,
            cursor=cursor,
        )
        seen += [c["id"] for c in page["channels"]]
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            break
    assert seen == ["C0NEWS", "G0SECRET"]
