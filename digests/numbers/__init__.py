"""Find the figures in an article's sentences: money, percentages, quantities, counts, dates."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from digests.model import Figure
from digests.numbers._clauses import Clauses
from digests.numbers._patterns import JOIN
from digests.numbers._reading import scan

__all__ = ["extract_figures"]


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
    text = JOIN + JOIN.join(sentences)
    found = scan(text)
    if not found:
        return []
    starts = list(accumulate((len(sentence) + 1 for sentence in sentences), initial=1))
    clauses: dict[int, Clauses] = {}
    figures = []
    for figure in found:
        index = bisect_right(starts, figure.start) - 1
        if index not in clauses:
            clauses[index] = Clauses(text, starts[index], starts[index + 1] - 1)
        context = clauses[index].around(figure.start, figure.end)
        figures.append(
            Figure(text[figure.start : figure.end], figure.value, figure.unit, figure.kind, context)
        )
    return figures
