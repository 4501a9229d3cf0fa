"""The words figures are written with: currencies, units, scales, durations, number words."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The blank-separated words of a text, as a set."""
    return frozenset(text.split())


def _forms(spec: dict[str, str]) -> dict[str, str]:
    """Each written form ("|"-separated in the spec) mapped to its normal name."""
    return {form: name for name, forms in spec.items() for form in forms.split("|")}


CURRENCY_SIGNS = _forms(
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
CURRENCY_WORDS = _forms(
    {
        "USD": "dollar|cent",
        "GBP": "pound|penny|pence",
        "EUR": "euro",
        "JPY": "yen",
        "CNY": "yuan",
        "INR": "rupee",
    }
)
DOLLAR_COUNTRIES = _forms(
    {
        "USD": "US|U.S.",
        "AUD": "Australian",
        "CAD": "Canadian",
        "HKD": "Hong Kong",
        "NZD": "New Zealand",
        "SGD": "Singapore",
    }
)
HUNDREDTHS = _words("cent penny pence")
MULTIPLIERS = {
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
ATTACHED_UNITS = _forms(
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
UNIT_WORDS = _forms(
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
DURATION_WORDS = _forms(
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
MONTHS = _words(
    "January February March April May June July August September October November December"
    " Jan. Feb. Mar. Apr. Aug. Sep. Sept. Oct. Nov. Dec."
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen"
)
TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
SMALL_NUMBERS = {word: value for value, word in enumerate(UNITS_WORDS.split())} | {
    word: 10 * value for value, word in enumerate(TENS_WORDS.split(), start=2)
}
SCALE_WORDS = {"hundred": 100, "dozen": 12} | {
    word: MULTIPLIERS[word] for word in ("thousand", "million", "billion", "trillion")
}
# Words that end the counted noun phrase after a number ("five of the", "two were").
BREAK_WORDS = _words(
    """a an the of in on at to for from with by and or but nor as than that which who whom
    whose this these those was were is are be been being has have had do does did will would
    can could should may might must said says say it its he she they we i you his her their
    our my your him them us me if so then when where while after before since until per each
    every into out up down off not no also ago later earlier during between among within
    through"""
)
# Words that, capitalised before a number, do not make it part of a name ("About 200").
NOT_NAMES = BREAK_WORDS | _words(
    """about around some nearly almost over under more less fewer roughly approximately
    exactly another last next top least most still even only just all both now today
    yesterday tonight here there already perhaps"""
)
# Verbs after a bare number that make it count someone or something said before: "40 were hurt".
COUNT_VERBS = _words(
    """were was are is have had died remain remained survived did do could would will
    said say voted"""
)
# Words after which a year-like number is a year even before a plural ("in 2012 officers").
YEAR_WORDS = _words("in since by until till from during before after between the early late mid")
IRREGULAR_PLURALS = _words(
    """people children men women police staff cattle sheep fish deer teeth mice geese
    personnel crew aircraft offspring livestock alumni"""
)
