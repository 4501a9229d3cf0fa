"""The text of a /news command: its subcommand, its arguments and the search filters."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.slack.escape import mrkdwn
from digests.errors import DigestError

SUBCOMMANDS = frozenset(
    {
        "help",
        "search",
        "latest",
        "story",
        "who",
        "feeds",
        "subscribe",
        "unsubscribe",
        "digest",
        "schedule",
    }
)
MAX_ARGS = 500  # longer arguments are cut: no search needs more, and button values stay small
_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^<>|]*)(?:\|[^<>]*)?>")
_FILTER = re.compile(r'(?<!\S)(from|who|since):(?:"([^"]*)"?|(\S+))', re.IGNORECASE)
_AGO = re.compile(r"(\d{1,4})([hdw])")
_ID = re.compile(r"#?([0-9]{1,100})")  # ASCII digits: str.isdigit() also takes "²" and "①"


class UsageError(DigestError):
    """A command the user typed wrong; the message says how to type it."""


@dataclass(frozen=True)
class Command:
    """A subcommand and the rest of the text; `unknown` holds a word that was no subcommand."""

    name: str
    args: str = ""
    unknown: str | None = None


@dataclass(frozen=True)
class SearchRequest:
    """Words to search for and the filters given with them."""

    words: str
    source: str | None = None
    who: str | None = None
    since: datetime | None = None


def clean(text: str) -> str:
    """The text as the user typed it: Slack's link markup unwrapped, its entities decoded."""
    text = _SLACK_LINK.sub(r"\1", text)
    return html.unescape(text.replace("\xa0", " ")).strip()


def parse_command(text: str) -> Command:
    """The subcommand; empty text or an unknown word asks for help."""
    words = clean(text).split(maxsplit=1)
    if not words:
        return Command("help")
    name = words[0].lower()
    args = words[1][:MAX_ARGS].strip() if len(words) > 1 else ""
    if name not in SUBCOMMANDS:
        return Command("help", unknown=words[0][:50])
    return Command(name, args)


def story_id(text: str) -> int | None:
    """The story id in `text` (ASCII digits, a leading # allowed), else None. A number larger
    than any stored id is still an id: the store finds no story by it."""
    found = _ID.fullmatch(text.strip())
    return int(found[1]) if found else None


def parse_search(args: str, now: datetime, zone: str) -> SearchRequest:
    """Words with optional from:<source>, who:<name> and since:<date> filters.

    A filter's value may be "quoted" to hold spaces. Dates: YYYY-MM-DD (midnight in `zone`),
    today, yesterday, or an age such as 12h, 3d or 2w.
    """
    found: dict[str, str] = {}
    for match in _FILTER.finditer(args):
        found[match[1].lower()] = (match[2] if match[2] is not None else match[3]).strip()
    words = " ".join(_FILTER.sub(" ", args).split())
    since = parse_since(found["since"], now, zone) if "since" in found else None
    request = SearchRequest(words, found.get("from") or None, found.get("who") or None, since)
    if not (request.words or request.source or request.who or request.since):
        raise UsageError(
            "Say what to look for: `/news search <words>`, e.g. `/news search Belarus`"
        )
    return request


def parse_since(text: str, now: datetime, zone: str) -> datetime:
    """The start of a since: filter, an aware datetime."""
    tz = ZoneInfo(zone)
    today = now.astimezone(tz).date()
    word = text.lower()
    day: date | None = None
    if word == "today":
        day = today
    elif word == "yesterday":
        day = today - timedelta(days=1)
    elif ago := _AGO.fullmatch(word):
        unit = {"h": "hours", "d": "days", "w": "weeks"}[ago[2]]
        return now - timedelta(**{unit: int(ago[1])})
    else:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise UsageError(
                f"`since:{mrkdwn(text)}` is no date I know: use YYYY-MM-DD, today, yesterday, "
                "or an age such as 12h, 3d or 2w"
            ) from None
    return datetime.combine(day, time(), tzinfo=tz)


def links(message: dict[str, Any]) -> list[str]:
    """The web links in a Slack message, in order, once each: from its text and unfurls."""
    found = [m[1] for m in _SLACK_LINK.finditer(message.get("text") or "")]
    for attachment in message.get("attachments") or []:
        found.extend(attachment.get(k) or "" for k in ("original_url", "from_url", "title_link"))
    web = (html.unescape(url) for url in found if url.startswith(("http://", "https://")))
    return list(dict.fromkeys(web))
