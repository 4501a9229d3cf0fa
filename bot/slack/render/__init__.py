"""Block Kit messages for Slack, every outside text escaped and Slack's limits kept."""

from bot.slack.render.digest import MORE_ACTION, digest_message, thread_messages
from bot.slack.render.feeds import feeds_message
from bot.slack.render.help import help_message
from bot.slack.render.message import Message, notice, split_text
from bot.slack.render.story import (
    FULL_ACTION,
    PAGE_NEXT_ACTION,
    PAGE_PREVIOUS_ACTION,
    PAGE_SIZE,
    SHARE_ACTION,
    results_message,
    shared_message,
    story_blocks,
    story_message,
)

__all__ = [
    "FULL_ACTION",
    "MORE_ACTION",
    "PAGE_NEXT_ACTION",
    "PAGE_PREVIOUS_ACTION",
    "PAGE_SIZE",
    "SHARE_ACTION",
    "Message",
    "digest_message",
    "feeds_message",
    "help_message",
    "notice",
    "results_message",
    "shared_message",
    "split_text",
    "story_blocks",
    "story_message",
    "thread_messages",
]
