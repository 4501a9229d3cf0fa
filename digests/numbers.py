"""Find the figures in an article's sentences: money, percentages, quantities, counts, dates."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import accumulate, groupby
from operator import itemgetter
from typing import NamedTuple

from digests.model import Figure, FigureKind

# --- vocabularies ---------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """The blank-separated words of a text, as a set."""
    return frozenset(text.split())


def _forms(spec: dict[str, str]) -> dict[str, str]:
    """Each written form ("|"-separated in the spec) mapped to its normal name."""
    return {form: name for name, forms in spec.items() for form in forms.split("|")}


_CURRENCY_SIGNS = _forms(
    {
        "USD": "$|US$",
        "AUD": "A$|AU$",
        "CAD": "C$|CA$",
        "HKD": "HK$",
        "NZD": "NZ$",
        "SGD": "S$",
        "BRL": "R$",
        "GBP": "£",
        "EUR": "€",
        "JPY": "¥",
        "INR": "₹|Rs|Rs.",
    }
)
_CURRENCY_WORDS = _forms(
    {
        "USD": "dollar|cent",
        "GBP": "pound|penny|pence",
        "EUR": "euro",
        "JPY": "yen",
        "CNY": "yuan",
        "INR": "rupee",
    }
)
_DOLLAR_COUNTRIES = _forms(
    {
        "USD": "US|U.S.",
        "AUD": "Australian",
        "CAD": "Canadian",
        "HKD": "Hong Kong",
        "NZD": "New Zealand",
        "SGD": "Singapore",
    }
)
_HUNDREDTHS = _words("cent penny pence")
_MULTIPLIERS = {
    "k": 1_000,
    "thousand": 1_000,
    "lakh": 100_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "crore": 10_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Unit symbols written straight after the digits ("10kg"); case matters ("30C", "5GB").
_ATTACHED_UNITS = _forms(
    {
        "km": "km",
        "m": "m",
        "cm": "cm",
        "mm": "mm",
        "miles": "mi",
        "feet": "ft",
        "inches": "in",
        "kg": "kg",
        "g": "g",
        "mg": "mg",
        "lb": "lb|lbs",
        "oz": "oz",
        "ml": "ml",
        "mph": "mph",
        "km/h": "kph|kmh",
        "°C": "C",
        "°F": "F",
        "KB": "KB",
        "MB": "MB",
        "GB": "GB",
        "TB": "TB",
        "kW": "kW",
        "MW": "MW",
        "GW": "GW",
        "kWh": "kWh",
        "MWh": "MWh",
        "GWh": "GWh",
    }
)
# Unit words written after a blank or hyphen ("500 km", "20-foot"); matched in any case.
_UNIT_WORDS = _forms(
    {
        "km": "km|kms|kilometre|kilometres|kilometer|kilometers",
        "m": "metre|metres|meter|meters",
        "cm": "cm|centimetre|centimetres|centimeter|centimeters",
        "mm": "mm|millimetre|millimetres|millimeter|millimeters",
        "miles": "mile|miles",
        "feet": "ft|foot|feet",
        "inches": "inch|inches",
        "yards": "yard|yards",
        "kg": "kg|kilo|kilos|kilogram|kilograms|kilogramme|kilogrammes",
        "g": "gram|grams|gramme|grammes",
        "mg": "mg|milligram|milligrams",
        "lb": "lb|lbs",
        "oz": "oz|ounce|ounces",
        "tons": "ton|tons",
        "tonnes": "tonne|tonnes",
        "mph": "mph|miles per hour",
        "km/h": "km/h|kph|kilometres per hour|kilometers per hour",
        "knots": "knot|knots",
        "acres": "acre|acres",
        "hectares": "hectare|hectares",
        "sq ft": "sq ft|square feet|square foot",
        "sq miles": "square mile|square miles",
        "sq km": "sq km|square kilometres|square kilometers",
        "sq m": "square metres|square meters",
        "litres": "litre|litres|liter|liters",
        "ml": "ml",
        "gallons": "gallon|gallons",
        "barrels": "barrel|barrels",
        "KB": "kb|kilobytes",
        "MB": "mb|megabytes",
        "GB": "gb|gigabytes",
        "TB": "tb|terabytes",
        "calories": "calorie|calories",
        "kW": "kw|kilowatts",
        "MW": "mw|megawatts",
        "GW": "gw|gigawatts",
        "kWh": "kwh",
        "degrees": "degrees",
        "°C": "degrees celsius|degrees c",
        "°F": "degrees fahrenheit|degrees f",
    }
)
_DURATION_WORDS = _forms(
    {
        "second": "second|seconds|sec|secs",
        "minute": "minute|minutes|min|mins",
        "hour": "hour|hours|hr|hrs",
        "day": "day|days",
        "week": "week|weeks",
        "month": "month|months",
        "year": "year|years|yr|yrs",
        "decade": "decade|decades",
        "century": "century|centuries",
    }
)
_UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen"
)
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_SMALL_NUMBERS = {word: value for value, word in enumerate(_UNITS_WORDS.split())} | {
    word: 10 * value for value, word in enumerate(_TENS_WORDS.split(), start=2)
}
_SCALE_WORDS = {"hundred": 100, "dozen": 12} | {
    word: _MULTIPLIERS[word] for word in ("thousand", "million", "billion", "trillion")
}
# Words that end the counted noun phrase after a number ("five of the", "two were").
_BREAK_WORDS = _words(
    """a an the of in on at to for from with by and or but nor as than that which who whom
    whose this these those was were is are be been being has have had do does did will would
    can could should may might must said says say it its he she they we i you his her their
    our my your him them us me if so then when where while after before since until per each
    every into out up down off not no also ago later earlier during between among within
    through"""
)
# Words that, capitalised before a number, do not make it part of a name ("About 200").
_NOT_NAMES = _BREAK_WORDS | _words(
    """about around some nearly almost over under more less fewer roughly approximately
    exactly another last next top least most still even only just all both now today
    yesterday tonight here there already perhaps"""
)
# Words after which a year-like number is a year even before a plural ("in 2012 officers").
_YEAR_WORDS = _words("in since by until till from during before after between the early late mid")
_IRREGULAR_PLURALS = _words(
    """people children men women police staff cattle sheep fish deer teeth mice geese
    personnel crew aircraft offspring livestock alumni"""
)
_MONEY = FigureKind.MONEY
_QUANTITY = FigureKind.QUANTITY
_DURATION = FigureKind.DURATION
_COUNT = FigureKind.COUNT
_INITIAL_ENDS = frozenset(f".{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_PAIRS = (("(", ")"), ("[", "]"), ("\u201c", "\u201d"))
_PAIR_REACH = 300
_CLAUSE_REACH = 400
_TRIM = frozenset(" \t\n,;:.!?-\u2013—\"“”\u2018\u2019'()[]")

# --- patterns -------------------------------------------------------------------------------


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
_JOIN = "\x00"
_NUMBER = r"\d{1,3}+(?:,\d{3})++(?:\.\d++)?+|\d++(?:\.\d++)?+"
_SIGN = _trie(_CURRENCY_SIGNS)
_SCALE = _trie(_MULTIPLIERS)
_MONTHS = _words(
    "January February March April May June July August September October November December"
    " Jan. Feb. Mar. Apr. Aug. Sep. Sept. Oct. Nov. Dec."
)
_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_MONTH = _trie(_MONTHS)
_WEEKDAY = _trie(_WEEKDAYS)
_DAY_SUFFIXES = (None, "st", "nd", "rd", "th")
_DAY = r"\d\d?(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?:1[6-9]|20)\d\d(?!\w)"
_MONTH_DAY = rf"{_MONTH}(?:\s{_DAY}(?:,?\s{_YEAR})?|,?\s{_YEAR})"  # "June 22, 2022", "May 2019"
_DATE = rf"{_WEEKDAY},?\s{_MONTH_DAY}|{_MONTH_DAY}"
_MONTH_AFTER = re.compile(rf"\s{_MONTH}(?:,?\s{_YEAR})?(?!\w)")  # after the day: "22 June 2022"
_DIGITS = (  # after a first digit: a time of day, score, ratio or range (skip), or a number
    r"\d(?:(?P<skip>\d?(?:[:.]\d\d)?\s?(?:[ap]\.m\.|[ap]m\b)|[\d,.]*+[-\u2013/:]\d[\d,.]*+)"
    r"|\d{0,2}+(?:,\d{3})++(?:\.\d++)?+|\d*+(?:\.\d++)?+)"
)
_TENS = _trie(_TENS_WORDS.split(), capitalised=True)
_SPELLED = (
    rf"(?:dozen|{_TENS}[-\s]{_trie(_UNITS_WORDS.split()[1:10])}(?!\w)"
    rf"|{_trie(_SMALL_NUMBERS, capitalised=True)})(?:\s{_trie(_SCALE_WORDS)}(?!\w)){{0,3}}+"
)
# A figure starts after a blank, an opening bracket or quote, a hyphen ("mid-2015") or the
# start of its sentence, with a digit, a currency sign, or the first word of a date or of a
# number in words. The scanner finds those places fast (a look at the first character, then a
# tree of literal prefixes), and the figure pattern reads what stands there.
_CANDIDATE = re.compile(
    '[\\x00\\s(\\[\u201c"\u2018-](?=[\\d$£€¥₹ACDEFHJMNORSTUWZdefnostz])'
    rf"(?:{_trie([*_MONTHS, *_WEEKDAYS, *_SMALL_NUMBERS, 'dozen'], capitalised=True)}(?!\w)"
    rf"|{_SIGN}|\d)"
)
_FIGURE = re.compile(
    rf"(?P<date>{_DATE})|(?P<spelled>{_SPELLED})(?!\w)"
    rf"|(?:(?P<sign>{_SIGN})\s?)?(?P<digits>{_DIGITS})"
    rf"(?P<suffix>[A-Za-z]{{1,4}}+)?(?!\w)(?:\s(?P<scale>{_SCALE})(?!\w))?"
)
_TAIL = re.compile(
    r"(?P<percent>\s?%|\s(?:percentage\spoints?|per\s?cent|percent)\b)"
    rf"|\s(?:(?P<country>{_trie(_DOLLAR_COUNTRIES)})\s)?"
    r"(?P<money>dollars?|pounds?|pence|penny|euros?|yen|yuan|rupees?|cents?)\b"
    rf"|[\s-](?P<duration>{_trie(_DURATION_WORDS)})\b(?:-olds?\b|\sold\b)?(?:\sago\b)?"
    r"|\s?°\s?(?P<degrees>[CF]?)(?!\w)"
    rf"|[\s-](?P<unit>(?i:{_trie(_UNIT_WORDS)}))(?!\w)"
)
_AGO = re.compile(r"\sago\b")
_CONVERSION = re.compile(  # "(300 miles)", "(£600m)", "(about 1.2 million euros)"
    r"\s?\((?:(?:about|around|roughly|approximately|approx\.|nearly|almost|some|over|under"
    r"|up\sto|more\sthan|less\sthan|c\.|~)\s?)?"
    rf"(?:(?:{_SIGN})\s?(?:{_NUMBER})(?:[A-Za-z]{{1,4}}+|\s(?:{_SCALE}))?"
    rf"|(?:{_NUMBER})\s?°?[A-Za-z][A-Za-z/]*+(?:\s[a-z]+)?)\)"
)
_NEXT_WORDS = re.compile(r"(?: [A-Za-z][A-Za-z\u2019'-]*+){1,3}")
_CLAUSE_BREAK = re.compile(  # every branch opens with a literal, for a fast scan
    r";|:(?=\s)|—"
    r"|,[”\"\u2019]?\s(?:(?:but|and|or|so|yet|while|whereas)\b|(?=(?:which|who|whom|whose|where"
    r"|when|although|though|because|as|after|before|since|unless|until|if|including"
    r"|according\sto|said|says)\b|[a-z]{1,20}ing\b))"
    r"| (?:--?(?=\s)|\u2013(?=\s)|but\b|and(?=\s(?:can|could|will|would|should|may|might|must"
    r"|is|are|was|were|has|have|had|did|does|do|said|says)\b))"
)
_MAX_DIGITS = 15


class _Found(NamedTuple):
    """A figure read from the scan: where it starts and ends, its value, unit and kind."""

    start: int
    end: int
    value: int | float | None
    unit: str | None
    kind: FigureKind


# --- the public function --------------------------------------------------------------------


def extract_figures(sentences: Sequence[str]) -> list[Figure]:
    """Every figure in the article's sentences, in article order.

    A figure's `text` is the article's own characters: the number with its currency sign and
    scale ("$1.13bn"), its unit ("540,000 tons"), a conversion in brackets ("500 km (300
    miles)" is one figure), "ago" for a duration ("four months ago"), and for a count the
    counted noun ("two guided missiles"). Money is valued in full with an ISO currency code
    ("$5 billion" is 5000000000 USD, "50p" 0.5 GBP; "pounds" is money from a million up, else
    weight in lb); quantities and durations carry a short unit ("km", "tons", "month"); dates
    have no value. A lone year from 1600 to 2099 is a date, unless a plural noun follows and
    the word before is not a preposition ("about 2000 people" is a count).

    Not figures: ordinals, times of day, scores and ranges ("2-1", "10-15"), digits glued to
    letters or hyphened to a word ("Su-25", "A380", "3rd"), a number after a capitalised
    word ("Flight 370", "No. 10"), "one" and "one day", number words without a counted noun.

    A figure's `context` is its clause, verbatim: the sentence cut at ";", ": ", dashes, a
    comma before a conjunction or a relative or participle clause (", but", ", which",
    ", alleging", ", according to"), at " but", and at " and" before an auxiliary or reporting
    verb (" and can", " and said"); trimmed of punctuation and blanks outside the figure.
    """
    text = _JOIN + _JOIN.join(sentences)
    found = _scan(text)
    if not found:
        return []
    starts = list(accumulate((len(sentence) + 1 for sentence in sentences), initial=1))
    clauses: dict[int, _Clauses] = {}
    figures = []
    for figure in found:
        index = bisect_right(starts, figure.start) - 1
        if index not in clauses:
            clauses[index] = _Clauses(text, starts[index], starts[index + 1] - 1)
        context = clauses[index].around(figure.start, figure.end)
        figures.append(
            Figure(text[figure.start : figure.end], figure.value, figure.unit, figure.kind, context)
        )
    return figures


def _scan(text: str) -> list[_Found]:
    """The figures of the joined sentences, in order, none overlapping the one before."""
    found: list[_Found] = []
    covered = 0
    for candidate in _CANDIDATE.finditer(text):
        start = candidate.start() + 1
        if start < covered:
            continue
        match = _FIGURE.match(text, start)
        figure = _read(text, start, match) if match else None
        if figure is not None and figure.start >= covered:
            found.append(figure)
            covered = figure.end
    return found


# --- reading one figure ---------------------------------------------------------------------


def _read(text: str, start: int, match: re.Match[str]) -> _Found | None:
    """The figure the match at `start` reads, or None when it is not one."""
    if text[start - 1] == "-":
        return _hyphenated_year(text, start, match)
    if match["date"]:
        return _Found(start, match.end(), None, None, FigureKind.DATE)
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


def _hyphenated_year(text: str, start: int, match: re.Match[str]) -> _Found | None:
    """A year after "mid-", "early-" or "late-"; any other number after a hyphen is a name."""
    digits = match["digits"]
    if not digits or match.end() - start != 4 or not _is_year(digits):
        return None
    word = _previous_word(text, start, "-").lstrip("“\u2018\"'(")
    if word not in ("mid", "early", "late", "Mid", "Early", "Late"):
        return None
    return _Found(start - 1 - len(word), match.end(), None, None, FigureKind.DATE)


def _read_digits(text: str, start: int, match: re.Match[str]) -> _Found | None:
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
            return _Found(start, date_end, None, None, FigureKind.DATE)
    if match["sign"]:
        multiplier = suffix or scale
        factor = _MULTIPLIERS.get(multiplier, 0) if multiplier else 1
        if not factor:  # "$5xy"
            return None
        value = _number(amount * factor)
        return _Found(
            start, _with_conversion(text, end), value, _CURRENCY_SIGNS[match["sign"]], _MONEY
        )
    if scale or (suffix in _MULTIPLIERS and (suffix != "m" or _noun_end(text, end))):
        amount *= _MULTIPLIERS[scale or suffix]
    elif suffix:
        return _read_suffix(text, start, end, amount, suffix)
    year = not (suffix or scale) and _is_year(digits)
    return _read_tail(text, start, end, amount, spelled=False, year=year)


def _date_end(text: str, end: int, digits: str, suffix: str | None) -> int | None:
    """Where a date that starts with these digits ends: "22 June 2022", "the 1990s"."""
    if len(digits) <= 2 and suffix in _DAY_SUFFIXES:
        month = _MONTH_AFTER.match(text, end)
        return month.end() if month else None
    if suffix == "s" and digits[-1:] == "0" and _is_year(digits):
        return end
    return None


def _read_suffix(text: str, start: int, end: int, amount: Decimal, suffix: str) -> _Found | None:
    """A number with a unit glued to it: "10kg", "50mph", "24hrs", "50p"; else not a figure."""
    if suffix in _ATTACHED_UNITS:
        unit = _ATTACHED_UNITS[suffix]
        return _Found(start, _with_conversion(text, end), _number(amount), unit, _QUANTITY)
    if suffix in _DURATION_WORDS:
        ago = _AGO.match(text, end)
        unit = _DURATION_WORDS[suffix]
        return _Found(start, ago.end() if ago else end, _number(amount), unit, _DURATION)
    if suffix == "p":
        return _Found(start, _with_conversion(text, end), _number(amount / 100), "GBP", _MONEY)
    return None  # "3rd", "747s", "4G"


def _read_tail(
    text: str, start: int, end: int, amount: Decimal, *, spelled: bool, year: bool = False
) -> _Found | None:
    """A figure by the words after its number: %, currency, unit, duration, counted noun."""
    tail = _TAIL.match(text, end)
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
        return _Found(start, noun_end, _number(amount), None, _COUNT)
    if year and (noun_end is None or _is_year_context(_previous_word(text, start))):
        return _Found(start, end, None, None, FigureKind.DATE)
    if _follows_name(text, start):
        return None
    return _Found(start, noun_end or end, _number(amount), None, _COUNT)


def _tail_figure(start: int, tail: re.Match[str], amount: Decimal) -> _Found:
    """The figure whose kind the words after the number give."""
    end = tail.end()
    value = _number(amount)
    if tail["percent"]:
        return _Found(start, end, value, None, FigureKind.PERCENT)
    if tail["duration"]:
        return _Found(start, end, value, _DURATION_WORDS[tail["duration"]], _DURATION)
    after = _with_conversion(tail.string, end)
    money = tail["money"]
    if money:
        word = money.rstrip("s")
        if word == "pound" and amount < 1_000_000:  # "59 pounds" weighs; "5 million pounds" pays
            return _Found(start, after, value, "lb", _QUANTITY)
        if word in _HUNDREDTHS:
            value = _number(amount / 100)
        country = tail["country"]
        currency = _DOLLAR_COUNTRIES[" ".join(country.split())] if country else None
        return _Found(start, after, value, currency or _CURRENCY_WORDS[word], _MONEY)
    if tail["unit"]:
        unit = _UNIT_WORDS[" ".join(tail["unit"].lower().split())]
        return _Found(start, after, value, unit, _QUANTITY)
    degrees = tail["degrees"]
    return _Found(start, after, value, f"°{degrees}" if degrees else "degrees", _QUANTITY)


def _with_conversion(text: str, end: int) -> int:
    """Where a figure ends once its conversion in brackets, if any, is taken in."""
    conversion = _CONVERSION.match(text, end)
    return conversion.end() if conversion else end


def _noun_end(text: str, end: int) -> int | None:
    """Where the counted noun after a number ends ("two guided missiles"), if one follows."""
    words = _NEXT_WORDS.match(text, end)
    if words is None:
        return None
    cursor = end
    for word in words[0][1:].split(" "):
        lowered = word.lower().rstrip("'\u2019")  # "victims' remains": the noun is "victims"
        if lowered in _BREAK_WORDS:
            return None
        if _is_plural(lowered):
            return cursor + 1 + len(lowered)
        cursor += 1 + len(word)
    return None


def _is_plural(word: str) -> bool:
    """Whether a lower-case word reads as a plural noun."""
    if word in _IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 3 and word[-1] == "s" and not word.endswith(("ss", "us", "is", "'s", "\u2019s"))
    )


def _previous_word(text: str, start: int, joint: str = " ") -> str:
    """The word just before `start` when `joint` separates them, else ""."""
    head = text[max(0, start - 40) : start]
    if not head.endswith(joint):
        return ""
    return head[:-1].rpartition(" ")[2].rpartition(_JOIN)[2]


def _is_year(digits: str) -> bool:
    """Whether plain digits read as a year: four of them, from 1600 to 2099."""
    return len(digits) == 4 and "1600" <= digits <= "2099"


def _is_year_context(word: str) -> bool:
    """Whether a year-like number after this word is a year ("in 2012 officers", "Obama's")."""
    return word.lower() in _YEAR_WORDS or word.endswith(("'s", "\u2019s"))


def _follows_name(text: str, start: int) -> bool:
    """Whether the number is part of a name: "Flight 370", "Boeing 737", "No. 10", "iPhone 6"."""
    word = _previous_word(text, start).lstrip("“\u2018\"'(")
    if not word or word[-1] in ",;:)”\u2019\"'" or word.lower() in _NOT_NAMES:
        return False
    return any(char.isupper() for char in word)


def _spelled_value(words: str) -> int:
    """The value of a number in words: "twenty-five" 25, "two hundred" 200, "a dozen" 12."""
    total = current = 0
    for word in words.lower().replace("-", " ").split():
        if word in _SMALL_NUMBERS:
            current += _SMALL_NUMBERS[word]
        elif word in ("hundred", "dozen"):
            current = max(current, 1) * _SCALE_WORDS[word]
        elif word in _SCALE_WORDS:
            total += max(current, 1) * _SCALE_WORDS[word]
            current = 0
    return total + current


def _number(amount: Decimal) -> int | float:
    """An int when the amount is whole, else a float."""
    if amount == int(amount):
        return int(amount)
    return float(amount)


# --- the clause -----------------------------------------------------------------------------


class _Clauses:
    """One sentence's clause breaks, to cut the clause around a figure out of it."""

    def __init__(self, text: str, low: int, high: int) -> None:
        self.text, self.low, self.high = text, low, high
        breaks = [(b.start(), b.end()) for b in _CLAUSE_BREAK.finditer(text, low, high)]
        self.starts = [b[0] for b in breaks]
        self.ends = [b[1] for b in breaks]
        self.trimmed_starts: dict[int, int] = {}
        self.trimmed_ends: dict[int, int] = {}

    def around(self, start: int, end: int) -> str:
        """The clause holding text[start:end], trimmed of punctuation outside the figure."""
        text = self.text
        before = bisect_right(self.ends, start)
        low = self.ends[before - 1] if before else self.low
        after = bisect_left(self.starts, end)
        high = self.starts[after] if after < len(self.starts) else self.high
        if start - low > _CLAUSE_REACH:  # no clause is that long: keep the words nearby
            space = text.find(" ", start - _CLAUSE_REACH, start)
            low = space + 1 if space >= 0 else start
        if high - end > _CLAUSE_REACH:
            space = text.rfind(" ", end, end + _CLAUSE_REACH)
            high = max(space, end)
        low = min(self._trim_start(low), start)
        high = max(self._trim_end(high), end)
        reach = max(low, high - _PAIR_REACH)
        for opener, closer in _PAIRS:  # "up to 500 km (300 miles)" keeps its ")"
            if text[high : high + 1] == closer and text.rfind(opener, reach, high) > text.rfind(
                closer, reach, high
            ):
                high += 1
        if text[high : high + 1] == "." and text[high - 2 : high] in _INITIAL_ENDS:
            high += 1  # keep the full stop of "the U.S."
        return text[low:high]

    def _trim_start(self, low: int) -> int:
        """Where the clause from `low` starts once leading punctuation and blanks are dropped."""
        if low not in self.trimmed_starts:
            kept = low
            while kept < self.high and self.text[kept] in _TRIM:
                kept += 1
            self.trimmed_starts[low] = kept
        return self.trimmed_starts[low]

    def _trim_end(self, high: int) -> int:
        """Where the clause up to `high` ends once trailing punctuation and blanks are dropped."""
        if high not in self.trimmed_ends:
            kept = high
            while kept > self.low and self.text[kept - 1] in _TRIM:
                kept -= 1
            self.trimmed_ends[high] = kept
        return self.trimmed_ends[high]
