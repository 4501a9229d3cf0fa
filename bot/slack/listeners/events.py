"""Slack's events that end a workspace's installation: app_uninstalled and tokens_revoked."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext

log = logging.getLogger(__name__)


def register(app: App, forget: Callable[[str], None]) -> None:
    """Forget a workspace when newsbot is uninstalled there or its bot token is revoked (in
    either order: the second finds nothing left to forget)."""

    def uninstalled(context: BoltContext) -> None:
        forget(context.team_id or "")

    def revoked(event: dict[str, Any], context: BoltContext) -> None:
        if event.get("tokens", {}).get("bot"):  # newsbot holds no user tokens
            forget(context.team_id or "")

    app.event("app_uninstalled")(uninstalled)
    app.event("tokens_revoked")(revoked)
