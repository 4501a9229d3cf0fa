"""The Slack fake's Web API methods, and the Block Kit limits Slack refuses messages over."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.support.slack_fake import SlackFake

CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]+$")

# Slack refuses blocks of more than about 13,300 characters as JSON, a limit it does not document
# (slackapi/bolt-js#2509); the fake refuses from 13,000
MAX_BLOCKS_CHARACTERS = 13_000


def slack_error(name: str) -> dict[str, Any]:
    """Slack's answer to a refused call: ok false and the error's name."""
    return {"ok": False, "error": name}


def block_problem(message: dict[str, Any]) -> str | None:
    """Slack's error name for a message over Block Kit's limits, or None."""
    text = message.get("text") or ""
    if len(text) > 40_000:
        return "msg_too_long"
    blocks = message.get("blocks") or []
    if not isinstance(blocks, list) or len(blocks) > 50:
        return "invalid_blocks"
    for block in blocks:
        if not isinstance(block, dict) or "type" not in block:
            return "invalid_blocks"
        if len(block.get("block_id") or "") > 255:
            return "invalid_blocks"
        kind, body = block["type"], (block.get("text") or {}).get("text", "")
        fields = block.get("fields") or []
        elements = block.get("elements") or []
        if kind == "section" and (
            len(body) > 3000 or len(fields) > 10 or any(len(f["text"]) > 2000 for f in fields)
        ):
            return "invalid_blocks"
        if kind == "header" and len(body) > 150:
            return "invalid_blocks"
        if kind == "context" and len(elements) > 10:
            return "invalid_blocks"
        if kind == "actions" and len(elements) > 25:
            return "invalid_blocks"
        for element in elements:
            if element.get("type") == "button" and (
                len(element["text"]["text"]) > 75 or len(element.get("value") or "") > 2000
            ):
                return "invalid_blocks"
    if len(json.dumps(blocks, ensure_ascii=False)) > MAX_BLOCKS_CHARACTERS:
        return "msg_blocks_too_long"
    return None


def _post_message(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    channel = str(params.get("channel") or "")
    problem = _message_problem(slack, channel, params)
    if problem:
        return slack_error(problem)
    ts = slack.next_ts()
    message = {
        "type": "message",
        "ts": ts,
        "text": params.get("text") or "",
        "blocks": params.get("blocks") or [],
        "user": slack.bot_user_id,
        "bot_id": "B0BOT",
    }
    if params.get("thread_ts"):
        message["thread_ts"] = params["thread_ts"]
    if params.get("metadata"):
        message["metadata"] = params["metadata"]
    slack.messages.setdefault(channel, []).append(message)
    return {"ok": True, "channel": channel, "ts": ts, "message": message}


def _post_ephemeral(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    problem = _message_problem(slack, str(params.get("channel") or ""), params)
    return slack_error(problem) if problem else {"ok": True, "message_ts": slack.next_ts()}


def _message_problem(slack: SlackFake, channel: str, params: dict[str, Any]) -> str | None:
    if not CHANNEL_ID.match(channel):
        return "channel_not_found"
    if not slack.in_channel(channel):
        return "not_in_channel"
    if not params.get("text") and not params.get("blocks"):
        return "no_text"
    return block_problem(params)


def _update(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    channel = str(params.get("channel") or "")
    for message in slack.messages.get(channel, []):
        if message["ts"] == params.get("ts"):
            problem = block_problem(params)
            if problem:
                return slack_error(problem)
            message.update(text=params.get("text") or "", blocks=params.get("blocks") or [])
            return {"ok": True, "channel": channel, "ts": message["ts"]}
    return slack_error("message_not_found")


def _users_info(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    user = str(params.get("user") or "")
    if user not in slack.users:
        return slack_error("user_not_found")
    given = slack.users[user]
    return {
        "ok": True,
        "user": {
            "id": user,
            "name": given.get("name", user.lower()),
            "is_admin": bool(given.get("is_admin")),
            "is_owner": bool(given.get("is_owner")),
            "is_bot": False,
            **given,
        },
    }


def _history(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    channel = str(params.get("channel") or "")
    if not CHANNEL_ID.match(channel):
        return slack_error("channel_not_found")
    if not slack.in_channel(channel):
        return slack_error("not_in_channel")
    oldest = float(params.get("oldest") or 0)
    limit = int(params.get("limit") or 100)
    found = [
        m
        for m in reversed(slack.messages.get(channel, []))
        if float(m["ts"]) > oldest and m.get("thread_ts", m["ts"]) == m["ts"]  # no replies
    ]
    return {"ok": True, "messages": found[:limit], "has_more": len(found) > limit}


def _replies(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    """A thread, parent first, a page of `limit` at a time with a cursor, as Slack gives it."""
    channel = str(params.get("channel") or "")
    if not CHANNEL_ID.match(channel):
        return slack_error("channel_not_found")
    if not slack.in_channel(channel):
        return slack_error("not_in_channel")
    ts = str(params.get("ts") or "")
    thread = [m for m in slack.messages.get(channel, []) if m.get("thread_ts", m["ts"]) == ts]
    if not thread:
        return slack_error("thread_not_found")
    start = int(params.get("cursor") or 0)
    limit = int(params.get("limit") or 100)
    page = thread[start : start + limit]
    more = start + limit < len(thread)
    return {
        "ok": True,
        "messages": page,
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _conversation(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    channel = str(params.get("channel") or "")
    if not CHANNEL_ID.match(channel):
        return slack_error("channel_not_found")
    return {"ok": True, "channel": {"id": channel, "is_member": slack.in_channel(channel)}}


def _auth_test(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "ok": True,
        "url": "https://newsbot-test.slack.com/",
        "team": "Newsbot Test",
        "user": "newsbot",
        "team_id": params["_team"],
        "user_id": slack.bot_user_id,
        "bot_id": "B0BOT",
        "is_enterprise_install": False,
    }


METHODS: dict[str, Callable[[SlackFake, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "chat.update": _update,
    "users.info": _users_info,
    "conversations.history": _history,
    "conversations.replies": _replies,
    "conversations.info": _conversation,
}
