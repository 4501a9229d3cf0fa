"""Datelines and published dates as pages write them: "LONDON 1996-08-30", "3 June 2013"."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"[A-Za-z]{3,9}"
_YEAR = r"(?:19|20)\d\d"
_TIME = r"[T ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?"
DATE = (
    rf"(?:(?P<iso>{_YEAR}-[01]\d-[0-3]\d)(?:{_TIME})?"
    rf"|(?P<day>\d{{1,2}}) (?P<month>{_MONTH})\.?,? (?P<year>{_YEAR})"
    rf"|(?P<month2>{_MONTH})\.? (?P<day2>\d{{1,2}}),? (?P<year2>{_YEAR}))"
)
_DATE = re.compile(DATE)
# A place in capitals ("ST. LOUIS", "N'DJAMENA"), perhaps with its region ("MILWAUKEE,
# Wisconsin", "FARMINGTON HILLS, Mich."), then its date, alone on a line: a wire dateline.
_CAPS_PLACE = r"[A-Z][A-Z.’'-]*(?: [A-Z][A-Z.’'-]*){0,3}(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?"
_DATELINE_LINE = re.compile(rf"(?P<place>{_CAPS_PLACE})?,? ?(?:{DATE})")
_PLACE_LINE = re.compile(_CAPS_PLACE)


def read_date(text: str) -> date | None:
    """The first date written out in full in `text` ("2013-06-03", "3 June 2013"), if any."""
    match = _DATE.search(text)
    return _date(match) if match else None


def _date(match: re.Match[str]) -> date | None:
    try:
        if match["iso"]:
            return date.fromisoformat(match["iso"])
        month = _MONTHS.get((match["month"] or match["month2"]).lower())
        if month is None:
            return None
        day = int(match["day"] or match["day2"])
        return date(int(match["year"] or match["year2"]), month, day)
    except ValueError:  # 31 February and the like
        return None


def dateline(lines: list[str]) -> tuple[int, int, str | None, date | None] | None:
    """A wire dateline among the first lines: (its first line, the line after it, the place,
    the date); "LONDON 1996-08-30", or a place line with the date on the next."""
    for at, line in enumerate(lines[:4]):
        match = _DATELINE_LINE.fullmatch(line)
        if match is not None and (published := _date(match)) is not None:
            return at, at + 1, _place(match["place"]), published
        if at + 1 < len(lines) and _PLACE_LINE.fullmatch(line) and line.split(",")[0].isupper():
            match = _DATE.fullmatch(lines[at + 1])
            if match is not None and (published := _date(match)) is not None:
                return at, at + 2, _place(line), published
    return None


def _place(place: str | None) -> str | None:
    """A dateline's place as a reader writes it: "ST. LOUIS" -> "St. Louis"."""
    if not place:
        return None
    head, comma, region = place.partition(", ")
    return (head.title() if head.isupper() else head) + comma + region
