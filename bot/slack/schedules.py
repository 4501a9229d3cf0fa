"""A channel's daily digest schedule, shown, set or stopped by `/news schedule` or the Home tab."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.slack.escape import mrkdwn, user_mention
from bot.slack.parse import UsageError
from bot.slack.place import HERE, Place
from bot.slack.render import Message, notice
from bot.slack.render.message import date_token
from digests.schedule import (
    Schedule,
    digest_key,
    next_digest,
    parse_time,
    parse_weekdays,
    weekdays_text,
)
from digests.store import Store

USAGE = (
    "`/news schedule <HH:MM> [time zone] [days]` sets this channel's daily digest, e.g. "
    "`/news schedule 08:00 Europe/Berlin mon-fri`; add `quiet:skip` to post nothing on a day "
    "with no news, `include:word,word` to keep only stories with one of the words, "
    "`exclude:word,word` to leave out stories with any of them. `/news schedule` shows it; "
    "`/news schedule off` stops it."
)


def describe(schedule: Schedule) -> str:
    """ "08:00 Europe/Berlin, Mon–Fri", and where it was set."""
    said = f"{schedule.at:%H:%M} {schedule.zone}, {weekdays_text(schedule.weekdays)}"
    if schedule.quiet == "skip":
        said += ", nothing on a quiet day"
    if schedule.include:
        said += f", only stories with {mrkdwn(' or '.join(schedule.include))}"
    if schedule.exclude:
        said += f", none with {mrkdwn(' or '.join(schedule.exclude))}"
    return said + (" (from DIGEST_CHANNELS in .env)" if schedule.origin == "env" else "")


def coming(store: Store, schedule: Schedule, now: datetime) -> str:
    """When the schedule's next digest comes, in its zone: "tomorrow, Wed 2 Dec, 09:00 UTC"."""
    zone = ZoneInfo(schedule.zone)
    today = now.astimezone(zone).date()
    keys = [
        digest_key(schedule.channel, today + timedelta(days=n), schedule.team) for n in range(8)
    ]
    found = next_digest(schedule, now, store.posted_digests(keys))
    if found.moment <= now:
        return "now (its time today has passed and it was not posted yet)"
    local = found.moment.astimezone(zone)
    ahead = {today: "today, ", today + timedelta(days=1): "tomorrow, "}.get(found.day, "")
    return f"{ahead}{local:%a} {local.day} {local:%b}, {local:%H:%M} {schedule.zone}"


def show(store: Store, channel: str, now: datetime, team: str = "") -> Message:
    """The schedule of workspace `team`'s `channel`, when its next digest comes and, if the
    last one failed, why."""
    found = store.schedules(channel, team)
    if not found:
        return notice("This channel gets no daily digest. " + USAGE)
    schedule = found[0]
    said = f"This channel's digest comes at {describe(schedule)}; next digest: "
    said += coming(store, schedule, now) + "."
    if schedule.last_error:
        when = date_token(schedule.last_error_at) if schedule.last_error_at else "lately"
        said += f"\n:warning: The digest of {when} was not posted: {mrkdwn(schedule.last_error)}"
    return notice(said)


def change(
    store: Store,
    args: str,
    *,
    channel: str,
    team: str,
    user: str,
    default_zone: str,
    bot_in_channel: Callable[[str, str], bool],
    now: datetime,
) -> Message:
    """Set or stop the schedule of workspace `team`'s `channel` (the caller checked the user
    is an admin). A new or changed time starts at its next occurrence, and the answer says when
    that is."""
    words = args.split()
    if words[0].lower() == "off":
        return stop(store, channel, team, user)
    _refuse_env(store, channel, team)
    schedule = _parse(words, channel, team, default_zone, now)
    return _saved(store, schedule, user, bot_in_channel, now)


def save(
    store: Store,
    schedule: Schedule,
    *,
    user: str,
    bot_in_channel: Callable[[str, str], bool],
    now: datetime,
    place: Place = HERE,
) -> Message:
    """Keep `schedule` (made by `schedule_of`) as `/news schedule` keeps the one it parses."""
    _refuse_env(store, schedule.channel, schedule.team, place)
    return _saved(store, schedule, user, bot_in_channel, now, place)


def stop(store: Store, channel: str, team: str, user: str, place: Place = HERE) -> Message:
    """Stop the daily digest of workspace `team`'s `channel` (the caller checked the user is
    an admin)."""
    _refuse_env(store, channel, team, place)
    if not store.remove_schedule(channel, team):
        return notice(f"{place.opening} had no daily digest.")
    return notice(f"Daily digest{place.of} stopped by {user_mention(user)}.")


def schedule_of(
    channel: str,
    team: str,
    at: time,
    zone: str,
    weekdays: Iterable[int] = (),
    *,
    skip_quiet: bool = False,
    include: str = "",
    exclude: str = "",
    now: datetime,
) -> Schedule:
    """The schedule these values set, starting `now`: every weekday is every day, and keywords
    are comma-separated, as `/news schedule` reads its words."""
    days = frozenset(weekdays)
    return Schedule(
        channel,
        at,
        zone,
        days if len(days) < 7 else frozenset(),
        "skip" if skip_quiet else "line",
        "slack",
        include=_keywords(include),
        exclude=_keywords(exclude),
        starts=now,
        team=team,
    )


def known_zone(word: str) -> str | None:
    """The IANA time zone `word` names (any case of "UTC" is UTC), or None."""
    if "/" not in word and word.upper() != "UTC":
        return None
    name = "UTC" if word.upper() == "UTC" else word
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def _refuse_env(store: Store, channel: str, team: str, place: Place = HERE) -> None:
    current = store.schedules(channel, team)
    if current and current[0].origin == "env":
        raise UsageError(
            f"{place.opening}'s digest is set by DIGEST_CHANNELS in newsbot's .env, which wins "
            "at every start: an admin changes it there."
        )


def _saved(
    store: Store,
    schedule: Schedule,
    user: str,
    bot_in_channel: Callable[[str, str], bool],
    now: datetime,
    place: Place = HERE,
) -> Message:
    saved = store.save_schedule(schedule, set_by=user)
    said = f"The daily digest comes {place.at} at {describe(saved)}; first digest: "
    said += coming(store, saved, now) + "."
    if not bot_in_channel(schedule.channel, schedule.team):
        said += (
            f"\n:warning: newsbot is not in {place.name}, so the digest cannot be posted: "
            "invite it with `/invite @newsbot`."
        )
    return notice(said)


def _parse(words: list[str], channel: str, team: str, default_zone: str, now: datetime) -> Schedule:
    at = parse_time(words[0])
    if at is None:
        raise UsageError(f"`{mrkdwn(words[0])}` is no time of day. " + USAGE)
    zone, days, skip = default_zone, frozenset[int](), False
    keywords = {"include": "", "exclude": ""}
    for word in words[1:]:
        kind, _, listed = word.partition(":")
        if word.lower() == "quiet:skip":
            skip = True
        elif kind.lower() in keywords and listed:
            keywords[kind.lower()] = listed
        elif "/" in word or word.upper() == "UTC":
            zone = _zone(word)
        elif (parsed := parse_weekdays(word)) is not None:
            days = parsed
        else:
            raise UsageError(f"`{mrkdwn(word)}` is no time zone or days I know. " + USAGE)
    return schedule_of(
        channel,
        team,
        at,
        zone,
        days,
        skip_quiet=skip,
        include=keywords["include"],
        exclude=keywords["exclude"],
        now=now,
    )


def _keywords(listed: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in listed.split(",") if word.strip())


def _zone(word: str) -> str:
    name = known_zone(word)
    if name is None:
        raise UsageError(
            f"`{mrkdwn(word)}` is no time zone I know: use an IANA name such as Europe/Berlin"
        )
    return name
