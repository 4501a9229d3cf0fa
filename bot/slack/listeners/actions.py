"""Buttons on newsbot's answers: share a story, show it in full, turn a page."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.answers import Answers, Asker
from bot.slack.listeners.ack import ack_now
from bot.slack.listeners.reply import ephemeral
from bot.slack.render import (
    FULL_ACTION,
    MORE_ACTION,
    PAGE_NEXT_ACTION,
    PAGE_PREVIOUS_ACTION,
    SHARE_ACTION,
    notice,
    shared_message,
)

log = logging.getLogger(__name__)
NOT_THERE = {"not_in_channel", "channel_not_found", "is_archived"}


def register(app: App, answers: Answers) -> None:
    """Listen for the buttons newsbot's messages carry."""

    def share(
        body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        asker = _asker(body)
        story = answers.stored(action.get("value") or "", asker)
        if story is None:
            respond(**ephemeral(notice("That story is no longer stored.")))
            return
        message = shared_message(story, user_id=asker.user)
        try:
            client.chat_postMessage(channel=asker.channel, unfurl_links=False, **message.to_dict())
        except SlackApiError as exc:
            error = exc.response.get("error")
            log.warning(
                "sharing story %s in %s failed: %s",
                story.id,
                asker.channel,
                error,
                extra=asker.where | {"error": str(error)},
            )
            said = (
                "I am not in this channel: invite me with `/invite @newsbot`, then share again."
                if error in NOT_THERE
                else "Slack did not take the message; try again in a minute."
            )
            respond(**ephemeral(notice(said)))

    def full(body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        respond(**ephemeral(answers.full(action["value"], _asker(body))))

    def more(body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        respond(**ephemeral(answers.more_like(action["value"], _asker(body))))

    def page(body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        respond(**ephemeral(answers.page(action["value"], _asker(body)), replace_original=True))

    app.action(SHARE_ACTION)(ack=ack_now, lazy=[share])
    app.action(FULL_ACTION)(ack=ack_now, lazy=[full])
    app.action(MORE_ACTION)(ack=ack_now, lazy=[more])
    for turn in (PAGE_NEXT_ACTION, PAGE_PREVIOUS_ACTION):
        app.action(turn)(ack=ack_now, lazy=[page])


def _asker(body: dict[str, Any]) -> Asker:
    return Asker(
        body.get("user", {}).get("id", ""),
        body.get("channel", {}).get("id", ""),
        body.get("team", {}).get("id", ""),
    )
