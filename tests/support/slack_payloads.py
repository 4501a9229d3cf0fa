"""What Slack sends about the Home tab: it opened, a button on it pressed, a modal submitted."""

from __future__ import annotations

import time
from typing import Any


def home_opened(user: str) -> dict[str, Any]:
    """The app_home_opened event of `user` opening the Home tab."""
    return {
        "type": "app_home_opened",
        "user": user,
        "channel": "D0HOME",
        "tab": "home",
        "event_ts": f"{time.time():.6f}",
    }


def home_press(
    team: str,
    user: str,
    action_id: str,
    value: str | None = None,
    *,
    chosen: str | None = None,
) -> dict[str, Any]:
    """A block_actions payload: `user` pressed a button (or chose an option) on their Home."""
    action: dict[str, Any] = {"action_id": action_id, "block_id": "b", "action_ts": "1"}
    if chosen is not None:
        action |= {"type": "static_select", "selected_option": {"value": chosen}}
    else:
        action |= {"type": "button", "value": value} if value is not None else {"type": "button"}
    return {
        "type": "block_actions",
        "team": {"id": team, "domain": "t"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0APP",
        "trigger_id": f"{time.monotonic_ns()}.1.2",
        "container": {"type": "view", "view_id": f"VH{user}"},
        "view": {"id": f"VH{user}", "type": "home", "team_id": team},
        "actions": [action],
    }


def view_submission(
    team: str, user: str, view_id: str, callback_id: str, values: dict[str, Any]
) -> dict[str, Any]:
    """A view_submission payload: `user` submitted the modal `view_id` with `values`."""
    return {
        "type": "view_submission",
        "team": {"id": team, "domain": "t"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0APP",
        "trigger_id": f"{time.monotonic_ns()}.3.4",
        "view": {
            "id": view_id,
            "type": "modal",
            "team_id": team,
            "callback_id": callback_id,
            "private_metadata": "",
            "hash": "h",
            "state": {"values": values},
        },
    }


def chosen_channel(channel: str) -> dict[str, Any]:
    """A conversations_select's state."""
    return {"type": "conversations_select", "selected_conversation": channel}


def typed(text: str) -> dict[str, Any]:
    """A plain_text_input's state."""
    return {"type": "plain_text_input", "value": text}


def picked_time(hhmm: str) -> dict[str, Any]:
    """A timepicker's state."""
    return {"type": "timepicker", "selected_time": hhmm}


def ticked(*values: str) -> dict[str, Any]:
    """A checkboxes element's state."""
    return {"type": "checkboxes", "selected_options": [{"value": v} for v in values]}


def form(**fields: dict[str, Any]) -> dict[str, Any]:
    """A modal's state values: each input's block id and action id are its name."""
    return {name: {name: state} for name, state in fields.items()}
