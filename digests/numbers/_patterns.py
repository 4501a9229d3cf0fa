"""The regular expressions that find figures: where one may start, its number, its tail."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter

from digests.numbers._vocabulary import (
    CURRENCY_SIGNS,
    DOLLAR_COUNTRIES,
    DURATION_WORDS,
    MONTHS,
    MULTIPLIERS,
    SCALE_WORDS,
    SMALL_NUMBERS,
    TENS_WORDS,
    UNIT_WORDS,
    UNITS_WORDS,
    WEEKDAYS,
)


def _trie(words: Iterable[str], capitalised: bool = False) -> str:
    """A regex for any of the words, as a tree of shared prefixes so that it fails fast."""
    forms = set(words)
    if capitalised:
        forms |= {form[:1].upper() + form[1:] for form in forms}
    branches = [
        re.escape(first).replace(r"\ ", r"\s") + _trie(form[1:] for form in group)
        for first, group in groupby(sorted(form for form in forms if form), key=itemgetter(0))
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in forms else body


# Sentences are scanned joined by this character, which no pattern below can match, so that
# no figure runs from one sentence into the next.
JOIN = "\x00"
_NUMBER = r"\d{1,3}+(?:,\d{3})++(?:\.\d++)?+|\d++(?:\.\d++)?+"
_SIGN = _trie(CURRENCY_SIGNS)
_SCALE = _trie(MULTIPLIERS)
_MONTH = _trie(MONTHS)
_WEEKDAY = _trie(WEEKDAYS)
_DAY = r"\d\d?(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?:1[6-9]|20)\d\d(?!\w)"
_MONTH_DAY = rf"{_MONTH}(?:\s{_DAY}(?:,?\s{_YEAR})?|,?\s{_YEAR})"  # "June 22, 2022", "May 2019"
_DATE = rf"{_WEEKDAY},?\s{_MONTH_DAY}|{_MONTH_DAY}"
MONTH_AFTER = re.compile(rf"\s{_MONTH}(?:,?\s{_YEAR})?(?!\w)")  # after the day: "22 June 2022"
_DIGITS = (  # after a first digit: a time of day, score, ratio or range (skip), or a number
    r"\d(?:(?P<skip>\d?(?:[:.]\d\d)?\s?(?:[ap]\.m\.|[ap]m\b)|[\d,.]*+[-\u2013/:]\d[\d,.]*+)"
    r"|\d{0,2}+(?:,\d{3})++(?:\.\d++)?+|\d*+(?:\.\d++)?+)"
)
_TENS = _trie(TENS_WORDS.split(), capitalised=True)
_SPELLED = (
    rf"(?:dozen|{_TENS}[-\s]{_trie(UNITS_WORDS.split()[1:10])}(?!\w)"
    rf"|{_trie(SMALL_NUMBERS, capitalised=True)})(?:\s{_trie(SCALE_WORDS)}(?!\w)){{0,3}}+"
)
# A figure starts after a blank, an opening bracket or quote, a hyphen ("mid-2015") or the
# start of its sentence, with a digit, a currency sign, or the first word of a date or of a
# number in words. The scanner finds those places fast (a look at the first character, then a
# tree of literal prefixes), and the figure pattern reads what stands there.
CANDIDATE = re.compile(
    '[\\x00\\s(\\[\u201c"\u2018-](?=[\\d$£€¥₹ACDEFHJMNORSTUWZdefnostz])'
    rf"(?:{_trie([*MONTHS, *WEEKDAYS, *SMALL_NUMBERS, 'dozen'], capitalised=True)}(?!\w)"
    rf"|{_SIGN}|\d)"
)
FIGURE = re.compile(
    rf"(?P<date>{_DATE})|(?P<spelled>{_SPELLED})(?!\w)"
    rf"|(?:(?P<sign>{_SIGN})\s?)?(?P<digits>{_DIGITS})"
    rf"(?P<suffix>[A-Za-z]{{1,4}}+)?(?!\w)(?:\s(?P<scale>{_SCALE})(?!\w))?"
)
TAIL = re.compile(
    r"(?P<percent>\s?%|\s(?:percentage\spoints?|per\s?cent|percent)\b)"
    r"|(?:-(?P<par>under|over)(?:-par)?|\s(?P<par2>under|over)[\s-]par)\b"
    rf"|\s(?:(?P<country>{_trie(DOLLAR_COUNTRIES)})\s)?"
    r"(?P<money>dollars?|pounds?|pence|penny|euros?|yen|yuan|rupees?|cents?)\b"
    rf"|[\s-](?P<duration>{_trie(DURATION_WORDS)})\b(?:-olds?\b|\sold\b)?(?:\sago\b)?"
    r"|\s?°\s?(?P<degrees>[CF]?)(?!\w)"
    rf"|[\s-](?P<unit>(?i:{_trie(UNIT_WORDS)}))(?!\w)"
)
AGO = re.compile(r"\sago\b")
CONVERSION = re.compile(  # "(300 miles)", "(£600m)", "(about 1.2 million euros)"
    r"\s?\((?:(?:about|around|roughly|approximately|approx\.|nearly|almost|some|over|under"
    r"|up\sto|more\sthan|less\sthan|c\.|~)\s?)?"
    rf"(?:(?:{_SIGN})\s?(?:{_NUMBER})(?:[A-Za-z]{{1,4}}+|\s(?:{_SCALE}))?"
    rf"|(?:{_NUMBER})\s?°?[A-Za-z][A-Za-z/]*+(?:\s[a-z]+)?)\)"
)
NEXT_WORDS = re.compile(r"(?: [A-Za-z][A-Za-z\u2019'-]*+){1,3}")
