"""Which channel an answer speaks of: "this channel" for /news typed in it, <#C…> elsewhere."""

from __future__ import annotations

import re
from dataclasses import dataclass

CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{2,20}")  # a public or private channel's Slack id


def is_channel_id(text: str) -> bool:
    """Whether `text` looks like a channel's Slack id (safe to write into <#…>)."""
    return CHANNEL_ID.fullmatch(text) is not None


@dataclass(frozen=True)
class Place:
    """The channel an answer names: None for the one /news was typed in."""

    channel: str | None = None

    def __post_init__(self) -> None:
        if self.channel is not None and not is_channel_id(self.channel):
            raise ValueError(f"no channel id: {self.channel!r}")

    @property
    def name(self) -> str:
        """ "this channel", or the channel's mention."""
        return "this channel" if self.channel is None else f"<#{self.channel}>"

    @property
    def opening(self) -> str:
        """The name opening a sentence: "This channel", or the mention."""
        return "This channel" if self.channel is None else self.name

    @property
    def at(self) -> str:
        """ "here", or "in <#C…>"."""
        return "here" if self.channel is None else f"in {self.name}"

    @property
    def of(self) -> str:
        """ "" for this channel, or " of <#C…>" after what belongs to another."""
        return "" if self.channel is None else f" of {self.name}"


HERE = Place()
