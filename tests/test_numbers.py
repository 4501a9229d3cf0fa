"""The figure extractor: what counts as a figure, its value, unit and kind, and its clause."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.model import Figure, FigureKind
from digests.numbers import extract_figures

MISSILES = (
    "Its two guided missiles have a range of up to 500 km (300 miles) and can carry "
    "conventional or nuclear warheads."
)
TENSIONS = (
    "Tensions between Russia and the West have soared since Moscow sent troops into Ukraine "
    "four months ago, alleging among other things that NATO planned to admit Ukraine and use "
    "it as a platform to threaten Russia."
)
BLOCKADE = (
    "Russia has termed it a “blockade,” but Lithuania says it affects only 1% of the normal "
    "goods transit on the route, and that passenger traffic is unaffected."
)
SU_25 = (
    "Putin said he saw no need at present for a symmetrical response, but that Belarus\u2019s "
    "Russian-built Su-25 jets could if necessary be upgraded in Russian factories."
)
QUARTERLY = (
    "Northwind Studios, the games maker, said quarterly profit jumped 58% to $2.41bn (£1.9bn) "
    "in the three months to March, up from $1,525m a year before."
)


HANG = 60.0  # seconds: far beyond linear time on any machine, far below a quadratic blow-up


def figures(sentence: str) -> list[tuple[str, float | None, str | None, FigureKind]]:
    """The (text, value, unit, kind) of each figure in one sentence."""
    return [(f.text, f.value, f.unit, f.kind) for f in extract_figures([sentence])]


def only(sentence: str) -> Figure:
    """The one figure of a sentence."""
    found = extract_figures([sentence])
    assert len(found) == 1, found
    return found[0]


# --- the seed article's figures -------------------------------------------------------------


def test_count_and_quantity_share_the_missiles_clause() -> None:
    clause = "Its two guided missiles have a range of up to 500 km (300 miles)"
    assert extract_figures([MISSILES]) == [
        Figure("two guided missiles", 2, None, FigureKind.COUNT, clause),
        Figure("500 km (300 miles)", 500, "km", FigureKind.QUANTITY, clause),
    ]


def test_months_ago_is_a_duration_with_its_clause() -> None:
    assert extract_figures([TENSIONS]) == [
        Figure(
            "four months ago",
            4,
            "month",
            FigureKind.DURATION,
            "Tensions between Russia and the West have soared since Moscow sent troops into "
            "Ukraine four months ago",
        )
    ]


def test_percent_context_is_cut_at_but_and_comma_and() -> None:
    figure = only(BLOCKADE)
    assert (figure.text, figure.value, figure.unit, figure.kind) == (
        "1%",
        1,
        None,
        FigureKind.PERCENT,
    )
    assert "it affects only 1% of the normal goods transit on the route" in figure.context
    assert "blockade" not in figure.context
    assert "passenger" not in figure.context


def test_model_names_are_not_figures() -> None:
    assert extract_figures([SU_25]) == []


def test_quarterly_profits_sentence() -> None:
    assert figures(QUARTERLY) == [
        ("58%", 58, None, FigureKind.PERCENT),
        ("$2.41bn (£1.9bn)", 2_410_000_000, "USD", FigureKind.MONEY),
        ("three months", 3, "month", FigureKind.DURATION),
        ("$1,525m", 1_525_000_000, "USD", FigureKind.MONEY),
    ]


def test_stake_and_smelter_price() -> None:
    sentence = "The Defense Department is getting a 40% stake in a $7.4 billion mineral smelter"
    assert figures(sentence) == [
        ("40%", 40, None, FigureKind.PERCENT),
        ("$7.4 billion", 7_400_000_000, "USD", FigureKind.MONEY),
    ]


def test_tons_are_a_quantity() -> None:
    sentence = (
        "The critical minerals smelting and processing facility could produce 540,000 tons of "
        "materials in the U.S. per year"
    )
    assert figures(sentence) == [("540,000 tons", 540_000, "tons", FigureKind.QUANTITY)]


def test_full_date_has_no_value() -> None:
    sentence = "Russian President Vladimir Putin chairs a meeting in Moscow on June 22, 2022."
    assert figures(sentence) == [("June 22, 2022", None, None, FigureKind.DATE)]


# --- money ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("He sued for $5 billion in damages.", "$5 billion", 5_000_000_000, "USD"),
        ("The club paid £1.2m for him.", "£1.2m", 1_200_000, "GBP"),
        ("A €3bn bail-out was agreed.", "€3bn", 3_000_000_000, "EUR"),
        ("Stamps now cost 50p each.", "50p", 0.5, "GBP"),
        ("The fund raised US$2 million.", "US$2 million", 2_000_000, "USD"),
        ("He was offered 5 million dollars.", "5 million dollars", 5_000_000, "USD"),
        ("The house sold for £600,000 last week.", "£600,000", 600_000, "GBP"),
        ("Tickets cost $300 or more.", "$300", 300, "USD"),
        ("The deal is worth Rs 500 crore.", "Rs 500 crore", 5_000_000_000, "INR"),
        ("The miner raised A$5m.", "A$5m", 5_000_000, "AUD"),
        ("It cost C$10 a head.", "C$10", 10, "CAD"),
        ("The tower was sold for HK$3bn.", "HK$3bn", 3_000_000_000, "HKD"),
        ("A bowl of ramen costs ¥900.", "¥900", 900, "JPY"),
        ("Britain would provide 5 million pounds to help.", "5 million pounds", 5_000_000, "GBP"),
        ("A stamp costs 50 cents.", "50 cents", 0.5, "USD"),
        ("They paid 10 euros each.", "10 euros", 10, "EUR"),
    ],
)
def test_money_is_valued_in_full_with_its_currency_code(
    sentence: str, text: str, value: float, unit: str
) -> None:
    assert figures(sentence) == [(text, value, unit, FigureKind.MONEY)]


def test_money_conversion_in_brackets_is_one_figure() -> None:
    sentence = "The city set aside 5.5 million euros ($5.8 million) for the bridge."
    assert figures(sentence) == [
        ("5.5 million euros ($5.8 million)", 5_500_000, "EUR", FigureKind.MONEY)
    ]


# --- percentages, quantities ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Shares sank 13% on Tuesday.", "13%", 13),
        ("Inflation rose to 5.4% in May.", "5.4%", 5.4),
        ("Turnout was 26 per cent.", "26 per cent", 26),
        ("Arizona shot 40 percent from the field.", "40 percent", 40),
        ("Only five percent agreed.", "five percent", 5),
        ("Rates rose 2 percentage points.", "2 percentage points", 2),
    ],
)
def test_percentages(sentence: str, text: str, value: float) -> None:
    assert figures(sentence) == [(text, value, None, FigureKind.PERCENT)]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("He was driving at 50 mph when it happened.", "50 mph", 50, "mph"),
        ("The wall is 1.5 metres high.", "1.5 metres", 1.5, "m"),
        ("She carried a 10kg bag.", "10kg", 10, "kg"),
        ("The boat sank in 20 feet of water.", "20 feet", 20, "feet"),
        ("The phone has 3 GB of memory.", "3 GB", 3, "GB"),
        ("It was 80 degrees in the shade.", "80 degrees", 80, "degrees"),
        ("It was 30°C by noon.", "30°C", 30, "°C"),
        ("They walked 300 miles (480 km) north.", "300 miles (480 km)", 300, "miles"),
        ("He built a 20-foot wall.", "20-foot", 20, "feet"),
        ("She ran 100m in 11 seconds flat.", "100m", 100, "m"),
        ("The ship carried 6 pounds of snow.", "6 pounds", 6, "lb"),
        ("The farm covers 35,000 hectares.", "35,000 hectares", 35_000, "hectares"),
        ("Winds reached 155 mph (250 kph).", "155 mph (250 kph)", 155, "mph"),
    ],
)
def test_quantities_carry_a_short_unit(sentence: str, text: str, value: float, unit: str) -> None:
    assert figures(sentence)[0] == (text, value, unit, FigureKind.QUANTITY)


# --- counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The channel has 464,000 subscribers.", "464,000 subscribers", 464_000),
        ("Now 107 local schools bear the name.", "107 local schools", 107),
        ("More than 200,000 people signed.", "200,000 people", 200_000),
        ("She has 3 children.", "3 children", 3),
        ("He bought a dozen eggs.", "a dozen eggs", 12),
        ("Police arrested twenty-five men.", "twenty-five men", 25),
        ("Twenty three passengers were hurt.", "Twenty three passengers", 23),
        ("They sent two hundred soldiers.", "two hundred soldiers", 200),
        ("The show reached 2.5 million viewers.", "2.5 million viewers", 2_500_000),
        ("Four men on two motorbikes threw bombs.", "Four men", 4),
        ("Officials said 14 victims' remains lie there.", "14 victims", 14),
        ("About 2000 people came.", "2000 people", 2000),
    ],
)
def test_counts_take_the_counted_noun(sentence: str, text: str, value: int) -> None:
    assert figures(sentence)[0] == (text, value, None, FigureKind.COUNT)


def test_a_bare_number_is_no_figure_unless_it_counts_a_noun_said_before() -> None:
    assert figures("The posted speed limit was 55.") == []
    assert figures("Ten people died and 40 were hurt.")[-1] == ("40", 40, None, FigureKind.COUNT)
    assert figures("The toll rose to a total of 40.") == [("40", 40, None, FigureKind.COUNT)]


@pytest.mark.parametrize(
    "sentence",
    [
        "He was one of the men who left.",
        "No one was hurt.",
        "She is the one who called.",
        "The two met in Paris.",
        "It was a one-off.",
        "Two-thirds of voters agreed.",
        "He hopes to return one day.",
    ],
)
def test_one_and_number_words_without_a_noun_are_not_figures(sentence: str) -> None:
    assert extract_figures([sentence]) == []


# --- dates and durations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The vote is on 22 June 2022.", "22 June 2022"),
        ("Slated for March 14, tickets sell fast.", "March 14"),
        ("Tickets go on sale Monday, March 9.", "Monday, March 9"),
        ("The war began in 2003.", "2003"),
        ("SAE was founded March 9, 1856, in Alabama.", "March 9, 1856"),
        ("Prices peaked in the 1990s.", "1990s"),
        ("The plant opens in mid-2015.", "mid-2015"),
        ("In 2012 officers found the car.", "2012"),
        ("She won the 2012 elections.", "2012"),
    ],
)
def test_dates_have_no_value(sentence: str, text: str) -> None:
    assert figures(sentence)[0] == (text, None, None, FigureKind.DATE)


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("He left two years ago.", "two years ago", 2, "year"),
        ("The trial lasted 10 days.", "10 days", 10, "day"),
        ("They watched a six-minute video.", "six-minute", 6, "minute"),
        ("The 23-year-old was arrested.", "23-year-old", 23, "year"),
        ("It lasted 24hrs in all.", "24hrs", 24, "hour"),
        ("It took three decades.", "three decades", 3, "decade"),
    ],
)
def test_durations_carry_a_singular_unit(sentence: str, text: str, value: float, unit: str) -> None:
    assert figures(sentence) == [(text, value, unit, FigureKind.DURATION)]


def test_a_week_with_an_article_is_not_a_figure() -> None:
    assert extract_figures(["He left a week ago."]) == []


# --- what is not a figure -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The G650 and the A380 landed.",
        "NATO calls it the SS-26 Stone.",
        "Two F-16 jets and a Covid-19 ward.",
        "A tribute by 3rdEyeGirl was played.",
        "She finished 3rd in the race.",
        "Profits fell in the fourth quarter.",
        "It was his first win.",
        "Flight 370 vanished.",
        "He lives at No. 10 now.",
        "The doors open at 10 a.m. sharp.",
        "The embargo lifts at 12:01 tonight.",
        "United won 2-1 at home.",
        "The attacks of 9/11 changed everything.",
    ],
)
def test_names_ordinals_times_and_scores_are_not_figures(sentence: str) -> None:
    assert extract_figures([sentence]) == []


# --- values, order, clauses -----------------------------------------------------------------


def test_whole_values_are_ints_and_fractions_floats() -> None:
    whole, fraction = extract_figures(["It cost $1.13bn and rose 5.4% on the day."])
    assert type(whole.value) is int
    assert type(fraction.value) is float


def test_figures_come_in_article_order_and_repeats_stay() -> None:
    found = extract_figures(["Sales rose 5% in May.", "Costs fell 3%.", "Sales rose 5% again."])
    assert [(f.text, f.context) for f in found] == [
        ("5%", "Sales rose 5% in May"),
        ("3%", "Costs fell 3%"),
        ("5%", "Sales rose 5% again"),
    ]


@pytest.mark.parametrize(
    ("sentence", "context"),
    [
        ("Ten people died; 40 were hurt.", "40 were hurt"),
        ("He paid $5m -- far too much.", "He paid $5m"),
        ("He sold the bridge, which cost $5m.", "which cost $5m"),
        ("She spoke for 20 minutes, saying little.", "She spoke for 20 minutes"),
        ("Sales rose 9%, according to the firm.", "Sales rose 9%"),
        ("Trade grew 3% in the U.S.", "Trade grew 3% in the U.S."),
    ],
)
def test_context_is_the_clause_of_the_figure(sentence: str, context: str) -> None:
    assert extract_figures([sentence])[-1].context == context


def test_no_sentences_no_figures() -> None:
    assert extract_figures([]) == []
    assert extract_figures(["", "No figures here."]) == []


# --- properties -----------------------------------------------------------------------------


def _pieces(text: str) -> list[str]:
    """The blank-separated pieces of a text, "_" standing for a blank inside a piece."""
    return [piece.replace("_", " ") for piece in text.split()]


_SOUP = (
    "$ £ € ¥ US$ A$ Rs ( ) [ % ° per_cent - \u2013 — , . ; : / “ ” \u2019 ' a.m. bn m k km mph"
    " kg million billion dozen years year-old ago months days people men the and but ,_which"
    " ,_and _--_ June Monday, one two twenty Twenty a mid 1990s 3rd Su-25 in about Flight No."
    " pounds cents p C degrees U.S. miles tons percent of"
)
_PIECES = st.one_of(
    st.sampled_from(
        [
            "\x00",
            "\n",
            *_pieces(_SOUP),
        ]
    ),
    st.from_regex(r"\d{1,7}(?:[.,]\d{1,3}){0,2}", fullmatch=True),
    st.text(alphabet="aAzZ019$£%()-.,\u2019 ", max_size=6),
)
_NEWSLIKE = st.lists(
    st.tuples(_PIECES, st.sampled_from([" ", "", "", "-", ", "])), max_size=30
).map(lambda pairs: "".join(piece + joint for piece, joint in pairs))


def _assert_faithful(sentences: list[str]) -> None:
    for figure in extract_figures(sentences):
        assert figure.text
        assert figure.text in figure.context
        assert any(figure.context in sentence for sentence in sentences)
        assert (figure.value is None) == (figure.kind is FigureKind.DATE)
        assert figure.value is None or math.isfinite(figure.value)


@given(st.lists(st.text(), max_size=5))
def test_any_text_gives_faithful_figures(sentences: list[str]) -> None:
    _assert_faithful(sentences)


@given(st.lists(_NEWSLIKE, min_size=1, max_size=4))
def test_number_soup_gives_faithful_figures(sentences: list[str]) -> None:
    _assert_faithful(sentences)


@pytest.mark.parametrize(
    "piece",
    [
        "1",
        "1,000",
        "1.1",
        "5 cats; ",
        "$5 (",
        "(",
        " ",
        "two ",
        "2000 ",
        "a, which ",
        "5 aaaa ",
        "-1",
        "June 1 ",
        "1990s ",
        "one million ",
    ],
)
def test_a_200_kb_sentence_does_not_hang_the_summarizer(piece: str) -> None:
    # a hang guard, not a speed figure: read in linear time this takes a fraction of a second,
    # and a pattern that backtracks quadratically would take hours; bench/ measures speed
    sentence = piece * (200_000 // len(piece))
    began = time.perf_counter()
    _assert_faithful([sentence])
    assert time.perf_counter() - began < HANG


@pytest.mark.parametrize(
    "sentence",
    [
        "McIlroy, the world No 1, took the lead.",  # a rank
        "He hit his approach at hole 8 into a bunker.",  # a hole number
        "Protesters gathered outside 10 Downing Street on Monday.",  # an address
        "He threw his 3-iron into the lake.",  # a club
        "1. Open the box. 2. Take out the phone.",  # list markers
        "He ranked 5 in the world, she said.",  # a rank
    ],
)
def test_ranks_holes_addresses_clubs_and_list_markers_are_no_figures(sentence: str) -> None:
    assert figures(sentence) == []


def test_golf_scores_against_par_are_figures_of_their_own() -> None:
    assert figures("Holmes was six-under after a level round, one-under for the day.") == [
        ("six-under", -6, "par", FigureKind.QUANTITY),
        ("one-under", -1, "par", FigureKind.QUANTITY),
    ]
    assert figures("Henke fired a nine-under-par 62.") == [
        ("nine-under-par", -9, "par", FigureKind.QUANTITY)
    ]
    assert figures("He finished two over par.") == [("two over par", 2, "par", FigureKind.QUANTITY)]


def test_a_figure_keeps_its_unit_or_counted_noun() -> None:
    assert figures("The ball stopped 70 yards short of the green.") == [
        ("70 yards", 70, "yards", FigureKind.QUANTITY)
    ]
    assert figures("The petition has 655 signatures from 255 Britons.") == [
        ("655 signatures", 655, None, FigureKind.COUNT),
        ("255 Britons", 255, None, FigureKind.COUNT),
    ]
