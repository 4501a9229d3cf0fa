"""When the event happened: its date words in the text, resolved against the published date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"  # noqa: E501
_WHEN = re.compile(
    r"\b(?:on |last |this )?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:,? " + _MONTH.replace("month", "wmonth") + r" (?P<wday>\d{1,2}))?\b"
    r"|\b(?:on )?" + _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<year>(?:19|20)\d\d))?\b"
    r"|\b(?:on )?(?P<day2>\d{1,2}) "
    + _MONTH.replace("month", "month2")
    + r"(?: (?P<year2>(?:19|20)\d\d))?\b"
    r"|\b(?P<relative>yesterday|today|tonight|last night|this morning|earlier today)\b"
)
_RELATIVE_DAYS = {"yesterday": -1, "last night": -1}
# A clause that looks ahead: its weekdays and dates lie on or after the published date.
_AHEAD = re.compile(
    r"\b(?:will|shall|is to|are to|is due|are due|set to|plans? to|expected to|next|upcoming)\b"
    r"|[’']ll\b"
)
# Words before a date that make it a deadline, not the event's day: "until December 31".
_DEADLINE = re.compile(r"\b(?:until|till|by|before)\s*$")


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _resolve(m: re.Match[str], published: date | None, ahead: bool) -> date | None:
    year = m.group("year") or m.group("year2")
    month = m.group("month") or m.group("month2") or m.group("wmonth")
    day = m.group("day") or m.group("day2") or m.group("wday")
    try:
        if month and day and year:
            return date(int(year), _month(month), int(day))
        if published is None:
            return None
        if month and day:
            found = date(published.year, _month(month), int(day))
            if ahead and found < published - timedelta(7):
                return found.replace(year=published.year + 1)
            if not ahead and found > published + timedelta(7):
                return found.replace(year=published.year - 1)
            return found
        if m.group("weekday"):
            days = (_WEEKDAYS.index(m.group("weekday").lower()) - published.weekday()) % 7
            return published + timedelta(days=days) if ahead else published - timedelta((-days) % 7)
        return published + timedelta(days=_RELATIVE_DAYS.get(m.group("relative").lower(), 0))
    except ValueError:  # 31 February and the like
        return None


def find_when(sentences: Sequence[str], published: date | None) -> tuple[date | None, str | None]:
    """The first date words of the lead sentences and the date they mean, if it can be known;
    in a clause that looks ahead ("will", "is to") a weekday is the next one, and a date
    after "until" or "by" is a deadline, not the event's day."""
    for sentence in sentences[:3]:
        for m in _WHEN.finditer(sentence):
            if not _DEADLINE.search(sentence, 0, m.start()):
                clause = sentence.rfind(",", 0, m.start()) + 1  # "will" must be in its clause
                ahead = _AHEAD.search(sentence, clause, m.start()) is not None
                return _resolve(m, published, ahead), m.group(0)
    return None, None
