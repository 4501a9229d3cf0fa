"""The /news slash command: ack within Slack's 3 seconds, answer through respond()."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.commands.answers import Answers, Asker
from bot.listeners.reply import ephemeral


def register(app: App, answers: Answers) -> None:
    """Listen for /news."""

    @app.command("/news")
    def news(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        ack()
        asker = Asker(command.get("user_id", ""), command.get("channel_id", ""))
        reply = answers.answer(command.get("text", ""), asker)
        respond(**ephemeral(reply.message))
        if reply.then is not None:
            respond(**ephemeral(reply.then()))
