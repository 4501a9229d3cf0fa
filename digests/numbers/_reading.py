"""Read one figure where the scan found a number: its extent, value, unit and kind."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from digests.model import FigureKind
from digests.numbers._patterns import (
    AGO,
    CANDIDATE,
    CONVERSION,
    FIGURE,
    JOIN,
    MONTH_AFTER,
    NEXT_WORDS,
    TAIL,
)
from digests.numbers._vocabulary import (
    ATTACHED_UNITS,
    BREAK_WORDS,
    COUNT_VERBS,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DOLLAR_COUNTRIES,
    DURATION_WORDS,
    HUNDREDTHS,
    IRREGULAR_PLURALS,
    MULTIPLIERS,
    NOT_NAMES,
    SCALE_WORDS,
    SMALL_NUMBERS,
    UNIT_WORDS,
    YEAR_WORDS,
)

_MONEY = FigureKind.MONEY
_QUANTITY = FigureKind.QUANTITY
_DURATION = FigureKind.DURATION
_COUNT = FigureKind.COUNT
_DAY_SUFFIXES = (None, "st", "nd", "rd", "th")
_MAX_DIGITS = 15


class Found(NamedTuple):
    """A figure read from the scan: where it starts and ends, its value, unit and kind."""

    start: int
    end: int
    value: int | float | None
    unit: str | None
    kind: FigureKind


def scan(text: str) -> list[Found]:
    """The figures of the joined sentences, in order, none overlapping the one before."""
    found: list[Found] = []
    covered = 0
    for candidate in CANDIDATE.finditer(text):
        start = candidate.start() + 1
        if start < covered:
            continue
        match = FIGURE.match(text, start)
        figure = _read(text, start, match) if match else None
        if figure is not None and figure.start >= covered:
            found.append(figure)
            covered = figure.end
    return found


def _read(text: str, start: int, match: re.Match[str]) -> Found | None:
    """The figure the match at `start` reads, or None when it is not one."""
    if text[start - 1] == "-":
        return _hyphenated_year(text, start, match)
    if match["date"]:
        return Found(start, match.end(), None, None, FigureKind.DATE)
    if match["skip"]:
        return None
    if match["digits"]:
        return _read_digits(text, start, match)
    spelled = match["spelled"]
    if spelled.startswith("dozen"):  # only "a dozen"
        if text[start - 2 : start] not in ("a ", "A "):
            return None
        start -= 2
    return _read_tail(text, start, match.end(), Decimal(_spelled_value(spelled)), spelled=True)


def _hyphenated_year(text: str, start: int, match: re.Match[str]) -> Found | None:
    """A year after "mid-", "early-" or "late-"; any other number after a hyphen is a name."""
    digits = match["digits"]
    if not digits or match.end() - start != 4 or not _is_year(digits):
        return None
    word = _previous_word(text, start, "-").lstrip("“\u2018\"'(")
    if word not in ("mid", "early", "late", "Mid", "Early", "Late"):
        return None
    return Found(start - 1 - len(word), match.end(), None, None, FigureKind.DATE)


def _read_digits(text: str, start: int, match: re.Match[str]) -> Found | None:
    """A figure written with digits: money by its sign, else by what follows the number."""
    digits = match["digits"].replace(",", "")
    if len(digits) > _MAX_DIGITS or (digits[0] == "0" and digits[1:2].isdigit()):
        return None
    amount = Decimal(digits)
    end = match.end()
    suffix, scale = match["suffix"], match["scale"]
    if suffix and scale:
        return None
    if not (match["sign"] or scale):
        date_end = _date_end(text, end, digits, suffix)
        if date_end:
            return Found(start, date_end, None, None, FigureKind.DATE)
    if match["sign"]:
        multiplier = suffix or scale
        factor = MULTIPLIERS.get(multiplier, 0) if multiplier else 1
        if not factor:  # "$5xy"
            return None
        value = _number(amount * factor)
        return Found(
            start, _with_conversion(text, end), value, CURRENCY_SIGNS[match["sign"]], _MONEY
        )
    if scale or (suffix in MULTIPLIERS and (suffix != "m" or _noun_end(text, end))):
        amount *= MULTIPLIERS[scale or suffix]
    elif suffix:
        return _read_suffix(text, start, end, amount, suffix)
    year = not (suffix or scale) and _is_year(digits)
    return _read_tail(text, start, end, amount, spelled=False, year=year)


def _date_end(text: str, end: int, digits: str, suffix: str | None) -> int | None:
    """Where a date that starts with these digits ends: "22 June 2022", "the 1990s"."""
    if len(digits) <= 2 and suffix in _DAY_SUFFIXES:
        month = MONTH_AFTER.match(text, end)
        return month.end() if month else None
    if suffix == "s" and digits[-1:] == "0" and _is_year(digits):
        return end
    return None


def _read_suffix(text: str, start: int, end: int, amount: Decimal, suffix: str) -> Found | None:
    """A number with a unit glued to it: "10kg", "50mph", "24hrs", "50p"; else not a figure."""
    if suffix in ATTACHED_UNITS:
        unit = ATTACHED_UNITS[suffix]
        return Found(start, _with_conversion(text, end), _number(amount), unit, _QUANTITY)
    if suffix in DURATION_WORDS:
        ago = AGO.match(text, end)
        unit = DURATION_WORDS[suffix]
        return Found(start, ago.end() if ago else end, _number(amount), unit, _DURATION)
    if suffix == "p":
        return Found(start, _with_conversion(text, end), _number(amount / 100), "GBP", _MONEY)
    return None  # "3rd", "747s", "4G"


def _read_tail(
    text: str, start: int, end: int, amount: Decimal, *, spelled: bool, year: bool = False
) -> Found | None:
    """A figure by the words after its number: %, currency, unit, duration, counted noun."""
    tail = TAIL.match(text, end)
    if tail is not None:
        if spelled and amount == 1 and tail[0] == " day":  # "one day" is an idiom, not a span
            return None
        return _tail_figure(start, tail, amount)
    if text[end : end + 1] == "-":  # "one-off", "19-man", "two-thirds"
        return None
    noun_end = _noun_end(text, end)
    if spelled:
        if noun_end is None or amount == 1:  # bare "one", "two of", "no one"
            return None
        return Found(start, noun_end, _number(amount), None, _COUNT)
    if year and (noun_end is None or _is_year_context(_previous_word(text, start))):
        return Found(start, end, None, None, FigureKind.DATE)
    if noun_end is None and not _counts_elided(text, start, end):
        return None  # a bare number: a rank, a hole, an address, a list marker ("No 1", "hole 8")
    if _follows_name(text, start):
        return None
    return Found(start, noun_end or end, _number(amount), None, _COUNT)


def _tail_figure(start: int, tail: re.Match[str], amount: Decimal) -> Found:
    """The figure whose kind the words after the number give."""
    end = tail.end()
    value = _number(amount)
    if tail["percent"]:
        return Found(start, end, value, None, FigureKind.PERCENT)
    par = tail["par"] or tail["par2"]
    if par:  # a golfer's score against par: "six-under" is -6 par
        return Found(start, end, -value if par == "under" else value, "par", _QUANTITY)
    if tail["duration"]:
        return Found(start, end, value, DURATION_WORDS[tail["duration"]], _DURATION)
    after = _with_conversion(tail.string, end)
    money = tail["money"]
    if money:
        word = money.rstrip("s")
        if word == "pound" and amount < 1_000_000:  # "59 pounds" weighs; "5 million pounds" pays
            return Found(start, after, value, "lb", _QUANTITY)
        if word in HUNDREDTHS:
            value = _number(amount / 100)
        country = tail["country"]
        currency = DOLLAR_COUNTRIES[" ".join(country.split())] if country else None
        return Found(start, after, value, currency or CURRENCY_WORDS[word], _MONEY)
    if tail["unit"]:
        unit = UNIT_WORDS[" ".join(tail["unit"].lower().split())]
        return Found(start, after, value, unit, _QUANTITY)
    degrees = tail["degrees"]
    return Found(start, after, value, f"°{degrees}" if degrees else "degrees", _QUANTITY)


def _with_conversion(text: str, end: int) -> int:
    """Where a figure ends once its conversion in brackets, if any, is taken in."""
    conversion = CONVERSION.match(text, end)
    return conversion.end() if conversion else end


def _noun_end(text: str, end: int) -> int | None:
    """Where the counted noun after a number ends ("two guided missiles"), if one follows."""
    words = NEXT_WORDS.match(text, end)
    if words is None:
        return None
    cursor = end
    for word in words[0][1:].split(" "):
        lowered = word.lower().rstrip("'\u2019")  # "victims' remains": the noun is "victims"
        if lowered in BREAK_WORDS:
            return None
        if _is_plural(lowered):
            return cursor + 1 + len(lowered)
        cursor += 1 + len(word)
    return None


def _is_plural(word: str) -> bool:
    """Whether a lower-case word reads as a plural noun."""
    if word in IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 3 and word[-1] == "s" and not word.endswith(("ss", "us", "is", "'s", "\u2019s"))
    )


def _counts_elided(text: str, start: int, end: int) -> bool:
    """Whether a bare number counts a noun said elsewhere: "a total of 40", "40 were hurt"."""
    after = NEXT_WORDS.match(text, end)
    verb = after is not None and after[0].split(" ", 2)[1].lower() in COUNT_VERBS
    return verb or _previous_word(text, start) == "of"


def _previous_word(text: str, start: int, joint: str = " ") -> str:
    """The word just before `start` when `joint` separates them, else ""."""
    head = text[max(0, start - 40) : start]
    if not head.endswith(joint):
        return ""
    return head[:-1].rpartition(" ")[2].rpartition(JOIN)[2]


def _is_year(digits: str) -> bool:
    """Whether plain digits read as a year: four of them, from 1600 to 2099."""
    return len(digits) == 4 and "1600" <= digits <= "2099"


def _is_year_context(word: str) -> bool:
    """Whether a year-like number after this word is a year ("in 2012 officers", "Obama's")."""
    return word.lower() in YEAR_WORDS or word.endswith(("'s", "\u2019s"))


def _follows_name(text: str, start: int) -> bool:
    """Whether the number is part of a name: "Flight 370", "Boeing 737", "No. 10", "iPhone 6"."""
    word = _previous_word(text, start).lstrip("“\u2018\"'(")
    if not word or word[-1] in ",;:)”\u2019\"'" or word.lower() in NOT_NAMES:
        return False
    return any(char.isupper() for char in word)


def _spelled_value(words: str) -> int:
    """The value of a number in words: "twenty-five" 25, "two hundred" 200, "a dozen" 12."""
    total = current = 0
    for word in words.lower().replace("-", " ").split():
        if word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word in ("hundred", "dozen"):
            current = max(current, 1) * SCALE_WORDS[word]
        elif word in SCALE_WORDS:
            total += max(current, 1) * SCALE_WORDS[word]
            current = 0
    return total + current


def _number(amount: Decimal) -> int | float:
    """An int when the amount is whole, else a float."""
    if amount == int(amount):
        return int(amount)
    return float(amount)
