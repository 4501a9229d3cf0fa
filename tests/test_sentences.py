"""Sentence splitting: paragraph-aware, safe around abbreviations and figures."""

from __future__ import annotations

from digests.sentences import split_sentences


def test_abbreviations_and_figures_do_not_end_a_sentence() -> None:
    text = (
        "Mr. Smith flew to St Petersburg on Jan. 5 with the U.S. delegation. "
        "Shares rose 5.4% to $7.4 billion, the No. 1 result since the Su-25 deal. "
        "Dr. Jones of St. Mary's said prices would rise."
    )
    assert split_sentences(text) == [
        "Mr. Smith flew to St Petersburg on Jan. 5 with the U.S. delegation.",
        "Shares rose 5.4% to $7.4 billion, the No. 1 result since the Su-25 deal.",
        "Dr. Jones of St. Mary's said prices would rise.",
    ]


def test_a_sentence_never_crosses_a_paragraph_break() -> None:
    body = "Storm warning issued\nWinds of 90mph are expected tonight. Schools will close."
    assert split_sentences(body) == [
        "Storm warning issued",
        "Winds of 90mph are expected tonight.",
        "Schools will close.",
    ]


def test_quotations_end_where_the_quote_ends() -> None:
    text = "“We will not back down,” she said. “Never.” The vote is on Monday."
    assert split_sentences(text) == [
        "“We will not back down,” she said.",
        "“Never.”",
        "The vote is on Monday.",
    ]
