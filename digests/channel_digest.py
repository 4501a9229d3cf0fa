"""A channel's digest, decided in one place: its rules, zone and window, then its stories.

The poster, `/news digest preview`, `/news digest now` and `newsbot digest --channel` all call
`plan_digest` and `compose_for_channel`, so that what a channel is shown and what it is sent
cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from digests.compose import Digest, Rules, compose_candidates
from digests.model import Feed
from digests.schedule import Schedule

if TYPE_CHECKING:
    from digests.store import Store

FIRST_WINDOW = timedelta(days=1)  # a channel's first digest looks back this far


@dataclass(frozen=True)
class DigestPolicy:
    """What the admin's settings say of every channel's digest (no tokens in here)."""

    max_stories: int = 10
    default_zone: str = "UTC"


@dataclass(frozen=True)
class DigestPlan:
    """How one channel's digest is made: by these rules, in this zone, of this window."""

    channel: str
    rules: Rules
    zone: str
    since: datetime
    until: datetime
    team: str = ""  # the channel's workspace


def plan_digest(
    policy: DigestPolicy,
    channel: str,
    schedule: Schedule | None,
    feeds: Iterable[Feed],
    *,
    since: datetime,
    until: datetime,
    team: str = "",
) -> DigestPlan:
    """The channel's plan from its schedule (keywords, zone) and its feeds' priorities."""
    include, exclude = (schedule.include, schedule.exclude) if schedule else ((), ())
    priority = {feed.id: feed.priority for feed in feeds if feed.priority != 1.0}
    rules = Rules(policy.max_stories, include, exclude, priority)
    zone = schedule.zone if schedule else policy.default_zone
    return DigestPlan(channel, rules, zone, since, until, team)


def window_start(store: Store, channel: str, now: datetime, team: str = "") -> datetime:
    """Since the channel's last scheduled digest; the first time, FIRST_WINDOW back."""
    return store.last_digest_until(channel, team) or now - FIRST_WINDOW


def channel_plan(
    store: Store,
    policy: DigestPolicy,
    channel: str,
    *,
    until: datetime,
    since: datetime | None = None,
    team: str = "",
) -> DigestPlan:
    """The plan of workspace `team`'s `channel` as the store has it; the window from its last
    digest unless given."""
    found = store.schedules(channel, team)
    start = since if since is not None else window_start(store, channel, until, team)
    return plan_digest(
        policy,
        channel,
        found[0] if found else None,
        store.feeds(channel, team),
        since=start,
        until=until,
        team=team,
    )


def compose_for_channel(store: Store, plan: DigestPlan) -> Digest:
    """The planned digest: every window story's ranking facts, then only the stories shown."""
    return compose_window(
        store,
        since=plan.since,
        until=plan.until,
        channel=plan.channel,
        rules=plan.rules,
        team=plan.team,
    )


def compose_window(
    store: Store,
    *,
    since: datetime,
    until: datetime,
    channel: str | None,
    rules: Rules | None = None,
    team: str = "",
) -> Digest:
    """The digest of the stories first seen in [since, until), for a channel (of workspace
    `team`) or for all."""
    candidates = store.window_candidates(since, until, channel, team)
    return compose_candidates(candidates, store.stories, since=since, until=until, rules=rules)
