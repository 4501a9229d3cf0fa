"""The ack every listener sends at once; its work runs after, as a Bolt lazy listener."""

from __future__ import annotations

from slack_bolt import Ack


def ack_now(ack: Ack) -> None:
    """Acknowledge within Slack's three seconds, before any work is done."""
    ack()
