"""A rendered Message as the arguments of Bolt's respond(): ephemeral unless said otherwise."""

from __future__ import annotations

from typing import Any

from bot.slack.render import Message


def ephemeral(message: Message, *, replace_original: bool = False) -> dict[str, Any]:
    """respond() arguments for an answer only the asker sees."""
    return {
        **message.to_dict(),
        "response_type": "ephemeral",
        "replace_original": replace_original,
    }
