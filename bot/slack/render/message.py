"""A Slack message: Block Kit blocks and a plain-text fallback, checked against Slack's limits."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, TypeVar

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from bot.slack.escape import mrkdwn, without_credentials

Form = TypeVar("Form")
MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_HEADER = 150
MAX_FALLBACK = 3000
# characters of the blocks as JSON: Slack refuses more than about 13,000 (msg_blocks_too_long),
# an undocumented limit that depends on the blocks; we stay under it
MAX_MESSAGE_JSON = 12_000
_TOKEN = re.compile(r"<[^<>]*>")  # a Slack link, mention or date: never cut inside one


@dataclass(frozen=True)
class Message:
    """Blocks and the fallback text notifications and old clients show."""

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


def _limit_broken(message: Message) -> str | None:
    if len(message.blocks) > MAX_BLOCKS:
        return f"{len(message.blocks)} blocks (at most {MAX_BLOCKS})"
    if not message.text or len(message.text) > MAX_FALLBACK:
        return f"fallback text of {len(message.text)} characters (1 to {MAX_FALLBACK})"
    blocks = message.to_dict()["blocks"]
    for block in blocks:
        text = (block.get("text") or {}).get("text", "")
        if block["type"] == "section" and len(text) > MAX_SECTION:
            return f"a section of {len(text)} characters (at most {MAX_SECTION})"
        if block["type"] == "header" and len(text) > MAX_HEADER:
            return f"a header of {len(text)} characters (at most {MAX_HEADER})"
        for field in block.get("fields") or []:
            if len(field["text"]) > MAX_FIELD:
                return f"a field of {len(field['text'])} characters (at most {MAX_FIELD})"
    size = len(json.dumps(blocks, ensure_ascii=False))
    if size > MAX_MESSAGE_JSON:
        return f"blocks of {size} characters as JSON (at most {MAX_MESSAGE_JSON})"
    return None


def first_fitting(build: Callable[[Form], Message], forms: Iterable[Form]) -> Message:
    """The message built with the first of `forms` (roomiest first) within Slack's limits."""
    refused: ValueError | None = None
    for form in forms:
        try:
            return build(form)
        except ValueError as exc:
            refused = exc
    raise refused or ValueError("no form was given")


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line breaks, else at spaces; never inside a
    word or a Slack <token> unless that word or token alone is longer than `limit`."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = ""
        for word in _words(line):
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= limit:
                current = candidate
                continue
            if current:
                pieces.append(current)
            while len(word) > limit:
                pieces.append(word[:limit])
                word = word[limit:]
            current = word
    if current or not pieces:
        pieces.append(current)
    return [piece for piece in pieces if piece.strip()] or [""]


def _words(line: str) -> list[str]:
    """The line's space-separated words, a Slack token with spaces kept as one word."""
    words: list[str] = []
    position = 0
    for token in _TOKEN.finditer(line):
        before = line[position : token.start()]
        words.extend(before.split(" "))
        if words and before and not before.endswith(" "):
            words[-1] += token.group()  # glued to the word before it
        else:
            words.append(token.group())
        position = token.end()
    rest = line[position:]
    if rest and not rest.startswith(" ") and words:
        first, *others = rest.split(" ")
        words[-1] += first
        words.extend(others)
    else:
        words.extend(rest.split(" "))
    return [word for word in words if word]


def marked(text: str) -> MarkdownTextObject:
    """A mrkdwn text object taken verbatim: Slack links no bare address, #channel or @here in
    it (outside text is escaped; our own links, mentions and dates are written out)."""
    return MarkdownTextObject(text=text, verbatim=True)


def sections(text: str) -> list[SectionBlock]:
    """Mrkdwn text as as many sections as it needs, each within Slack's limit."""
    return [
        SectionBlock(text=marked(piece)) for piece in split_text(text, MAX_SECTION) if piece.strip()
    ]


def notice(text: str) -> Message:
    """One section of trusted mrkdwn (callers escape what came from outside)."""
    blocks = tuple(sections(text))
    return Message(text=fallback(text), blocks=blocks)


def fallback(text: str) -> str:
    """Plain text for notifications: at most MAX_FALLBACK characters, cut at a space."""
    text = text.strip() or "newsbot"
    if len(text) <= MAX_FALLBACK:
        return text
    return text[: MAX_FALLBACK - 1].rsplit(" ", 1)[0] + "…"


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with … when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return (cut or text[: limit - 1]) + "…"


def fit(text: str, limit: int) -> str:
    """`text` without credentials in its URLs, cut at a word boundary so that it has at most
    `limit` characters once escaped (a URL is never cut before its credentials are gone)."""
    if limit <= 0:
        return ""
    cut = shorten(without_credentials(text), limit)
    while len(escaped := mrkdwn(cut)) > limit:
        room = min(len(cut) - 1, len(cut) * limit // len(escaped))
        cut = shorten(cut, room) if room > 0 else ""
    return cut


def clip(text: str, limit: int) -> str:
    """Outside `text` escaped for mrkdwn and cut to at most `limit` characters."""
    return mrkdwn(fit(text, limit))


def date_token(moment: datetime) -> str:
    """A time Slack shows in each reader's own zone, with a UTC fallback."""
    utc = moment.astimezone(UTC)
    shown = utc.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(utc.timestamp())}^{{date_short_pretty}} at {{time}}|{shown}>"
