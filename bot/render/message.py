"""A Slack message: Block Kit blocks and a plain-text fallback, checked against Slack's limits."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from bot.render.text import clip, split_text

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_HEADER = 150
MAX_TEXT = 3000  # any other text object, e.g. in a context block
MAX_FALLBACK = 3000
MAX_MESSAGE_JSON = 12_000  # Slack refuses far larger messages; we stay well under
FALLBACK_ROOM = 1000  # characters of fallback our builders write: notifications show far fewer
MAX_VALUE = 2000  # a button's value


@dataclass(frozen=True)
class Message:
    """Blocks and the fallback text notifications and old clients show.

    Construction checks Slack's limits and raises ValueError naming the one broken.
    """

    text: str
    blocks: tuple[Block, ...]

    def __post_init__(self) -> None:
        problem = _limit_broken(self)
        if problem:
            raise ValueError(f"message over Slack's limits: {problem}")

    def to_dict(self) -> dict[str, Any]:
        """The message as Slack's JSON: text and blocks."""
        return {"text": self.text, "blocks": self._blocks}

    @cached_property
    def _blocks(self) -> list[dict[str, Any]]:
        return [block.to_dict() for block in self.blocks]  # the models check their own limits


def json_size(value: object) -> int:
    """Characters of `value` as JSON, as Slack counts them (non-ASCII as itself)."""
    return len(json.dumps(value, ensure_ascii=False))


def message_size(text: str, blocks: Iterable[dict[str, Any]]) -> int:
    """Characters of a message's JSON with this fallback and these block dicts."""
    return json_size({"text": text, "blocks": list(blocks)})


def _limit_broken(message: Message) -> str | None:
    if len(message.blocks) > MAX_BLOCKS:
        return f"{len(message.blocks)} blocks (at most {MAX_BLOCKS})"
    if not message.text.strip() or len(message.text) > MAX_FALLBACK:
        return f"fallback text of {len(message.text)} characters (1 to {MAX_FALLBACK})"
    try:
        blocks = message.to_dict()["blocks"]
    except SlackObjectFormationError as exc:
        return str(exc)
    for block in blocks:
        problem = _block_broken(block)
        if problem:
            return problem
    size = message_size(message.text, blocks)
    if size > MAX_MESSAGE_JSON:
        return f"{size} characters of JSON (at most {MAX_MESSAGE_JSON})"
    return None


def _block_broken(block: dict[str, Any]) -> str | None:
    text = (block.get("text") or {}).get("text", "")
    if block["type"] == "section" and len(text) > MAX_SECTION:
        return f"a section of {len(text)} characters (at most {MAX_SECTION})"
    if block["type"] == "header" and len(text) > MAX_HEADER:
        return f"a header of {len(text)} characters (at most {MAX_HEADER})"
    for field in block.get("fields") or []:
        if len(field["text"]) > MAX_FIELD:
            return f"a field of {len(field['text'])} characters (at most {MAX_FIELD})"
    actions: set[str] = set()
    for element in block.get("elements") or []:
        if isinstance(element.get("text"), str) and len(element["text"]) > MAX_TEXT:
            return f"a text of {len(element['text'])} characters (at most {MAX_TEXT})"
        action = element.get("action_id")
        if action in actions:
            return f"action_id {action} twice in one block (each must be unique)"
        if action:
            actions.add(action)
    return None


def sections(text: str) -> list[SectionBlock]:
    """Mrkdwn text as as many sections as it needs, each within Slack's limit."""
    return [
        SectionBlock(text=MarkdownTextObject(text=piece))
        for piece in split_text(text, MAX_SECTION)
        if piece.strip()
    ]


def notice(text: str) -> Message:
    """Trusted mrkdwn (callers escape what came from outside) as sections, and as fallback;
    text too long for one message is cut at a line or word, with …."""
    said = fallback(text)
    blocks: list[SectionBlock] = []
    dicts: list[dict[str, Any]] = []
    pieces = sections(text) or [SectionBlock(text=MarkdownTextObject(text=said))]
    for block in pieces[: MAX_BLOCKS - 1]:
        dicts.append(block.to_dict())
        if blocks and message_size(said, dicts) > MAX_MESSAGE_JSON - 100:
            break
        blocks.append(block)
    if len(blocks) < len(pieces):
        blocks.append(SectionBlock(text=MarkdownTextObject(text="…")))
    return Message(text=said, blocks=tuple(blocks))


def fallback(text: str) -> str:
    """The fallback text of a message: `text` cut at a word to at most FALLBACK_ROOM
    characters; "newsbot" when there is none."""
    return clip(text, FALLBACK_ROOM) or "newsbot"


def date_token(moment: datetime) -> str:
    """A time Slack shows in each reader's own zone, with a UTC fallback."""
    utc = moment.astimezone(UTC)
    shown = utc.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(utc.timestamp())}^{{date_short_pretty}} at {{time}}|{shown}>"
