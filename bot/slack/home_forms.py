"""A Home tab modal's submitted values, read and checked field by field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any
from urllib.parse import urlsplit

from bot.slack.place import is_channel_id
from bot.slack.render.home_modals import (
    CHANNEL,
    DAYS,
    EXCLUDE,
    INCLUDE,
    MAX_URL_INPUT,
    MAX_WORDS_INPUT,
    QUIET,
    SKIP,
    TIME,
    URL,
    ZONE,
)
from bot.slack.schedules import known_zone
from digests.schedule import parse_time

Errors = dict[str, str]  # block id -> what is wrong with its value
CHOOSE_CHANNEL = "Choose a channel."


@dataclass(frozen=True)
class FeedForm:
    """Add the feed at `url` to `channel`."""

    channel: str
    url: str


@dataclass(frozen=True)
class ScheduleForm:
    """A channel's digest at a time of day in a zone, on some weekdays, with its options."""

    channel: str
    at: time
    zone: str
    weekdays: frozenset[int]
    skip_quiet: bool
    include: str
    exclude: str


def read_feed_form(values: dict[str, Any]) -> FeedForm | Errors:
    """The add-a-feed modal's values, or what is wrong with them."""
    channel, url = _chosen(values, CHANNEL), _typed(values, URL).strip()
    errors: Errors = {}
    if not is_channel_id(channel):
        errors[CHANNEL] = CHOOSE_CHANNEL
    if not is_feed_address(url):
        errors[URL] = "Give the feed's address, starting with https:// or http://."
    return errors or FeedForm(channel, url)


def read_schedule_form(values: dict[str, Any]) -> ScheduleForm | Errors:
    """The schedule modal's values, or what is wrong with them (by `/news schedule`'s rules)."""
    channel = _chosen(values, CHANNEL)
    at = parse_time(str(_field(values, TIME).get("selected_time") or ""))
    zone = known_zone(_typed(values, ZONE).strip())
    days = _ticked(values, DAYS)
    include, exclude = _typed(values, INCLUDE), _typed(values, EXCLUDE)
    errors: Errors = {}
    if not is_channel_id(channel):
        errors[CHANNEL] = CHOOSE_CHANNEL
    if at is None:
        errors[TIME] = "Choose a time of day."
    if zone is None:
        errors[ZONE] = "No time zone I know: use an IANA name such as Europe/Berlin, or UTC."
    if not days <= {str(n) for n in range(1, 8)}:
        errors[DAYS] = "Choose days of the week."
    for block, words in ((INCLUDE, include), (EXCLUDE, exclude)):
        if len(words) > MAX_WORDS_INPUT:
            errors[block] = f"At most {MAX_WORDS_INPUT} characters."
    if errors or at is None or zone is None:
        return errors
    weekdays = frozenset(int(day) for day in days)
    return ScheduleForm(
        channel, at, zone, weekdays, SKIP in _ticked(values, QUIET), include, exclude
    )


def read_channel(values: dict[str, Any]) -> str | Errors:
    """The channel a modal chose, or what is wrong with it."""
    channel = _chosen(values, CHANNEL)
    return channel if is_channel_id(channel) else {CHANNEL: CHOOSE_CHANNEL}


def is_feed_address(url: str) -> bool:
    """Whether `url` is an http(s) address with a host, no spaces, of a length Slack takes."""
    if not url.lower().startswith(("http://", "https://")) or len(url) > MAX_URL_INPUT:
        return False
    if any(char.isspace() or not char.isprintable() for char in url):
        return False
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:  # e.g. an unclosed [IPv6 bracket
        return False


def _field(values: dict[str, Any], block: str) -> dict[str, Any]:
    """One input's state (Slack keys it by block id, then action id: here both the same)."""
    inputs = values.get(block) if isinstance(values, dict) else None
    found = inputs.get(block) if isinstance(inputs, dict) else None
    return found if isinstance(found, dict) else {}


def _chosen(values: dict[str, Any], block: str) -> str:
    field = _field(values, block)
    return str(field.get("selected_conversation") or field.get("selected_channel") or "")


def _typed(values: dict[str, Any], block: str) -> str:
    return str(_field(values, block).get("value") or "")


def _ticked(values: dict[str, Any], block: str) -> set[str]:
    options = _field(values, block).get("selected_options")
    listed = options if isinstance(options, list) else []
    return {str(o.get("value")) for o in listed if isinstance(o, dict)}
