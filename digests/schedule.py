"""When digests are due: each channel's local time, correct across daylight-saving changes.

The core is a plain function of the clock, `due(schedules, now, done)`, so that tests drive it
with freezegun and the service asks it at every tick. A digest is due on a local day once the
channel's local time has come, until it is done; a time missed while newsbot was down is still
due later the same local day (catch-up), never on the next. A new or changed schedule starts at
its next occurrence: a time that had passed when it was set is not due. A time that does not
exist on a spring-forward day is due at the first minute after the gap; a time that occurs
twice on a fall-back day is due at its first occurrence, and once only, as the day is the key.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

Quiet = str  # "line": a quiet day posts "nothing new since …"; "skip": it posts nothing
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_GAP_LIMIT = 3 * 60  # minutes searched past a nonexistent local time (no zone skips more)


@dataclass(frozen=True)
class Schedule:
    """A channel's daily digest time, local to its zone, on some weekdays (all when empty)."""

    channel: str
    at: time
    zone: str
    weekdays: frozenset[int] = frozenset()  # ISO weekdays, 1 = Monday
    quiet: Quiet = "line"
    origin: str = "slack"  # "env": from DIGEST_CHANNELS, applied at every start
    include: tuple[str, ...] = ()  # keywords: when given, a story must match one
    exclude: tuple[str, ...] = ()  # keywords: a story matching one is left out
    last_error: str | None = None
    last_error_at: datetime | None = None
    starts: datetime | None = None  # set (or its time changed) then: earlier times are not due
    team: str = ""  # the channel's workspace ("": the one of SLACK_BOT_TOKEN)


@dataclass(frozen=True)
class Due:
    """A digest that should be posted: its channel, its local day, and the moment it fell due."""

    schedule: Schedule
    day: date
    moment: datetime

    @property
    def key(self) -> str:
        """The digest's identity: one per channel and local day."""
        return digest_key(self.schedule.channel, self.day, self.schedule.team)


def digest_key(channel: str, day: date, team: str = "") -> str:
    """One per channel, workspace and local day."""
    where = f"{team}:{channel}" if team else channel
    return f"{where}@{day.isoformat()}"


def local_moment(at: time, zone: str, day: date) -> datetime:
    """`at` on `day` in `zone` as an aware datetime in UTC: after a gap if `at` falls in one,
    the first of the two if `at` occurs twice. (UTC, because Python never finds a local time
    that occurs twice equal to any time in another zone.)"""
    tz = ZoneInfo(zone)
    wall = datetime.combine(day, at)
    for minute in range(_GAP_LIMIT + 1):
        candidate = (wall + timedelta(minutes=minute)).replace(tzinfo=tz, fold=0)
        if candidate.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == candidate.replace(
            tzinfo=None
        ):
            return candidate.astimezone(UTC)
    raise ValueError(f"{at} on {day} does not exist in {zone}")  # pragma: no cover


def due(schedules: Iterable[Schedule], now: datetime, done: Collection[str]) -> list[Due]:
    """The digests due at `now`: today's (local to each channel) whose time has come, whose
    weekday is scheduled, that came after the schedule starts, and whose key is not in `done`."""
    found = []
    for schedule in schedules:
        day = now.astimezone(ZoneInfo(schedule.zone)).date()
        occurrence = _occurrence(schedule, day, done)
        if occurrence is not None and occurrence.moment <= now:
            found.append(occurrence)
    return found


def next_digest(schedule: Schedule, now: datetime, done: Collection[str]) -> Due:
    """The schedule's next digest: today's if it is still to come or due now (its moment has
    passed), else the first scheduled day's after (`done`: the keys already posted)."""
    today = now.astimezone(ZoneInfo(schedule.zone)).date()
    for ahead in range(8):  # a scheduled weekday comes within a week
        occurrence = _occurrence(schedule, today + timedelta(days=ahead), done)
        if occurrence is not None:
            return occurrence
    raise ValueError(f"{schedule} has no day to post on")  # pragma: no cover


def _occurrence(schedule: Schedule, day: date, done: Collection[str]) -> Due | None:
    """The schedule's digest on `day`, or None: not a scheduled weekday, before the schedule
    starts, or done already."""
    if schedule.weekdays and day.isoweekday() not in schedule.weekdays:
        return None
    moment = local_moment(schedule.at, schedule.zone, day)
    if schedule.starts is not None and moment < schedule.starts:
        return None
    if digest_key(schedule.channel, day, schedule.team) in done:
        return None
    return Due(schedule, day, moment)


def parse_time(text: str) -> time | None:
    """HH:MM (24-hour) as a time, or None."""
    match = _HHMM.fullmatch(text.strip())
    return time(int(match[1]), int(match[2])) if match else None


def parse_weekdays(text: str) -> frozenset[int] | None:
    """ "mon-fri", "mon,wed,fri", "weekdays", "weekends", "daily" as ISO weekdays (empty: every
    day), or None when it is none of these."""
    word = text.strip().lower()
    named = {"daily": frozenset(), "everyday": frozenset(), "weekdays": frozenset(range(1, 6))}
    named["weekends"] = frozenset({6, 7})
    if word in named:
        return named[word]
    days: set[int] = set()
    for part in word.split(","):
        ends = part.split("-")
        if len(ends) > 2 or any(end[:3] not in DAY_NAMES for end in ends):
            return None
        first, last = (DAY_NAMES.index(end[:3]) + 1 for end in (ends[0], ends[-1]))
        span = range(first, last + 1) if first <= last else [*range(first, 8), *range(1, last + 1)]
        days.update(span)
    return frozenset(days) if len(days) < 7 else frozenset()


def weekdays_text(days: frozenset[int]) -> str:
    """ISO weekdays as words: "every day", "Mon–Fri" or "Mon, Wed, Fri"."""
    if not days or len(days) == 7:
        return "every day"
    if days == frozenset(range(1, 6)):
        return "Mon–Fri"
    return ", ".join(DAY_NAMES[d - 1].title() for d in sorted(days))
