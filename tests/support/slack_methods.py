"""The Slack fake's Web API methods."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.support.block_kit import block_problem, view_problem

if TYPE_CHECKING:
    from tests.support.slack_fake import SlackFake

CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]+$")


def slack_error(name: str) -> dict[str, Any]:
    """Slack's answer to a refused call: ok false and the error's name."""
    return {"ok": False, "error": name}


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


def _users_conversations(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    """The channels of the token's workspace `user` is in, of `types`, a page at a time."""
    user = str(params.get("user") or slack.bot_user_id)
    types = str(params.get("types") or "public_channel").split(",")
    live = str(params.get("exclude_archived") or "").lower() in ("true", "1")
    found = [
        {"id": c.id, "name": c.name, "is_private": c.private, "is_archived": c.archived}
        for c in slack.conversations.values()
        if slack.channel_teams.get(c.id, slack.team_id) == params["_team"]
        and user in c.members
        and ("private_channel" if c.private else "public_channel") in types
        and not (live and c.archived)
    ]
    start = int(params.get("cursor") or 0)
    limit = min(int(params.get("limit") or 100), slack.page_limit)
    more = start + limit < len(found)
    return {
        "ok": True,
        "channels": found[start : start + limit],
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _view(slack: SlackFake, params: dict[str, Any], view_id: str) -> dict[str, Any]:
    """The view of a views.* call, checked as Slack checks it and kept; or Slack's refusal."""
    view = params.get("view")
    if isinstance(view, str):
        view = json.loads(view)
    problem = view_problem(view)
    if problem is not None or not isinstance(view, dict):
        return slack_error("invalid_arguments") | {"response_metadata": {"messages": [problem]}}
    number = next(slack.view_numbers)
    kept = view | {"id": view_id, "hash": f"h{number}", "team_id": params["_team"]}
    slack.views[view_id] = kept
    return {"ok": True, "view": kept}


def _views_open(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    """A modal opened for a trigger_id (which Slack gives each button press and submission)."""
    if not params.get("trigger_id"):
        return slack_error("invalid_arguments")
    return _view(slack, params, f"V{next(slack.view_numbers):08d}")


def _views_update(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    """A modal of the token's workspace shown anew."""
    view_id = str(params.get("view_id") or "")
    known = slack.views.get(view_id)
    if known is None or known["team_id"] != params["_team"]:
        return slack_error("not_found")
    return _view(slack, params, view_id)


def _views_publish(slack: SlackFake, params: dict[str, Any]) -> dict[str, Any]:
    """A member's Home tab, kept per workspace and member."""
    user = str(params.get("user_id") or "")
    if not user:
        return slack_error("invalid_arguments")
    view = params.get("view")
    if isinstance(view, dict) and view.get("type") != "home":
        return slack_error("invalid_arguments")
    answer = _view(slack, params, f"VH{user}")
    if answer["ok"]:
        slack.home_tabs[(str(params["_team"]), user)] = answer["view"]
    return answer


METHODS: dict[str, Callable[[SlackFake, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "chat.update": _update,
    "users.info": _users_info,
    "conversations.history": _history,
    "conversations.replies": _replies,
    "conversations.info": _conversation,
    "users.conversations": _users_conversations,
    "views.open": _views_open,
    "views.update": _views_update,
    "views.publish": _views_publish,
}
