"""The message shortcut "Summarize with newsbot": the article a message links to, summarized."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, Respond

from bot.slack.answers import Answers, Asker
from bot.slack.listeners.ack import ack_now
from bot.slack.listeners.reply import ephemeral
from bot.slack.parse import links
from bot.slack.render import notice

SUMMARIZE_SHORTCUT = "news_summarize"  # the callback id in slack-manifest.yml
MAX_LINKS = 3  # a message with many links gets its first three summarized


def register(app: App, answers: Answers) -> None:
    """Listen for the message shortcut."""

    def summarize(shortcut: dict[str, Any], respond: Respond) -> None:
        found = links(shortcut.get("message", {}))
        if not found:
            respond(**ephemeral(notice("That message links to no article I could read.")))
        asker = Asker(
            shortcut.get("user", {}).get("id", ""),
            shortcut.get("channel", {}).get("id", ""),
            shortcut.get("team", {}).get("id", ""),
        )
        for url in found[:MAX_LINKS]:
            respond(**ephemeral(answers.summarize_link(url, asker)))

    app.shortcut(SUMMARIZE_SHORTCUT)(ack=ack_now, lazy=[summarize])
