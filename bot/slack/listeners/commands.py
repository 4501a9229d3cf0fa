"""The /news slash command: acked at once, answered through respond() when the work is done."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, Respond

from bot.slack.answers import Answers, Asker
from bot.slack.listeners.ack import ack_now
from bot.slack.listeners.reply import ephemeral


def register(app: App, answers: Answers) -> None:
    """Listen for /news."""

    def news(command: dict[str, Any], respond: Respond) -> None:
        asker = Asker(
            command.get("user_id", ""), command.get("channel_id", ""), command.get("team_id", "")
        )
        reply = answers.answer(command.get("text", ""), asker)
        respond(**ephemeral(reply.message))
        if reply.then is not None:
            respond(**ephemeral(reply.then()))

    app.command("/news")(ack=ack_now, lazy=[news])
