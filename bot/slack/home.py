"""What a member's Home tab shows: the channels newsbot knows that they are in, and their feeds."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.slack.place import is_channel_id
from bot.slack.schedules import coming
from digests.model import Feed
from digests.schedule import Schedule
from digests.store import Store

MAX_CHANNELS = 40  # channels a Home tab lists at most (each with when its next digest comes)
_PAIR = re.compile(r"([0-9]{1,18}) ([CG][A-Z0-9]{2,20})")  # a feed's id and a channel's


@dataclass(frozen=True)
class HomeChannel:
    """A channel the member is in: its name as Slack gives it, its schedule and next digest."""

    id: str
    name: str
    schedule: Schedule | None
    next_digest: str | None  # "tomorrow, Wed 2 Dec, 08:00 Europe/Berlin"; None unscheduled


@dataclass(frozen=True)
class HomeFeed:
    """A feed, and which of the listed channels get it (none listed: every channel does)."""

    feed: Feed
    channels: tuple[str, ...]


@dataclass(frozen=True)
class HomeFacts:
    """Everything one member's Home tab shows."""

    channels: tuple[HomeChannel, ...]
    feeds: tuple[HomeFeed, ...]
    admin: bool
    more_channels: int = 0  # channels the member is in beyond MAX_CHANNELS
    unlisted: str | None = None  # why Slack would not say which channels the member is in
    status: str | None = None  # what the member's last change came to (mrkdwn)


def known_channels(store: Store, team: str) -> set[str]:
    """The channels of workspace `team` newsbot knows: scheduled, or subscribed to a feed."""
    return _known(store.schedules(team=team), store.feeds(team=team))


def home_facts(
    store: Store,
    team: str,
    member_of: Mapping[str, str] | None,
    now: datetime,
    *,
    admin: bool,
    status: str | None = None,
    unlisted: str | None = None,
) -> HomeFacts:
    """The Home of a member of workspace `team` who is in the channels `member_of` (id to
    name; None when Slack would not say, and then no channel is shown)."""
    member_of = member_of or {}
    schedules = {s.channel: s for s in store.schedules(team=team)}
    feeds = store.feeds(team=team)
    ids = sorted(
        _known(schedules.values(), feeds) & set(member_of), key=lambda c: (member_of[c].lower(), c)
    )
    channels = tuple(
        HomeChannel(
            c,
            member_of[c],
            schedules.get(c),
            coming(store, schedules[c], now) if c in schedules else None,
        )
        for c in ids[:MAX_CHANNELS]
    )
    listed = set(ids)
    shown = []
    for feed in feeds:
        theirs = tuple(c for c in feed.channels if c in listed)
        if feed.is_global or theirs:
            shown.append(HomeFeed(feed, () if feed.is_global else theirs))
    return HomeFacts(
        channels,
        tuple(shown),
        admin,
        more_channels=max(len(ids) - MAX_CHANNELS, 0),
        unlisted=unlisted,
        status=status,
    )


def listed(store: Store, team: str, channel: str, member_of: Mapping[str, str]) -> bool:
    """Whether `channel` is on the member's Home: known in workspace `team`, and they are in it."""
    return (
        is_channel_id(channel) and channel in member_of and channel in known_channels(store, team)
    )


def pair_value(feed_id: int, channel: str) -> str:
    """A feed and a channel as an Unsubscribe button's value."""
    return f"{feed_id} {channel}"


def _known(schedules: Iterable[Schedule], feeds: Iterable[Feed]) -> set[str]:
    scheduled = {schedule.channel for schedule in schedules}
    return scheduled | {c for feed in feeds if not feed.is_global for c in feed.channels}


def read_pair(value: str) -> tuple[str, str] | None:
    """The feed id and channel an Unsubscribe value names, or None when it is no such value."""
    found = _PAIR.fullmatch(value)
    return (found[1], found[2]) if found else None
