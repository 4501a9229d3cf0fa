"""Who may change newsbot from Slack: ADMIN_USER_IDS, else the workspace's admins and owners."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from bot.slack.workspaces import Workspaces
from digests.errors import DigestError

log = logging.getLogger(__name__)
CACHE_SECONDS = 600.0  # a user's admin status is asked of Slack at most every ten minutes


class AdminCheck:
    """Answers "is this user an admin?", asking their workspace's users.info when no list is
    set (the answer kept per workspace and user for ten minutes)."""

    def __init__(
        self,
        admin_user_ids: tuple[str, ...],
        workspaces: Workspaces,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.admin_user_ids = frozenset(admin_user_ids)
        self.workspaces = workspaces
        self.clock = clock
        self._known: dict[tuple[str, str], tuple[bool, float]] = {}
        self._lock = threading.Lock()

    def __call__(self, user_id: str, team: str) -> bool:
        if self.admin_user_ids:
            return user_id in self.admin_user_ids
        with self._lock:
            known = self._known.get((team, user_id))
        if known is not None and self.clock() - known[1] < CACHE_SECONDS:
            return known[0]
        try:
            user = self.workspaces.client_for(team).users_info(user=user_id)["user"]
        except (SlackApiError, DigestError) as exc:
            log.warning(
                "users.info for %s failed (%s): treated as no admin",
                user_id,
                exc,
                extra={"team": team},
            )
            return False
        admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
        with self._lock:
            self._known[(team, user_id)] = (admin, self.clock())
        return admin
