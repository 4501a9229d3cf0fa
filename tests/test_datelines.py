"""When and where a page says it was filed: HTML metadata, wire datelines, bylines."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from digests import article_from_text, summarize
from digests.datelines import dateline, read_date
from tests.support.html_pages import HTML_PAGE

DATED_PAGE = HTML_PAGE.replace(
    "<title>",
    '<meta property="article:published_time" content="2026-11-24T06:00:00Z"><title>',
)

WIRE = """Port workers end strike after pay deal.
ROTTERDAM 2026-03-06
Dock workers at Europe's largest port returned to work on Friday after unions accepted a \
pay rise of 4 percent, ending a week-long strike.
The strike had left 40 ships waiting to unload, the port authority said.
"""


def test_html_published_time_is_the_published_date_and_resolves_on_monday() -> None:
    article = article_from_text(DATED_PAGE, "page.html")
    assert article.published == datetime(2026, 11, 24, tzinfo=UTC)
    summary = summarize(article)
    assert (summary.when, summary.when_text) == (date(2026, 11, 23), "on Monday")


def test_wire_dateline_gives_headline_place_and_date() -> None:
    article = article_from_text(WIRE, "wire.txt")
    assert article.title == "Port workers end strike after pay deal."
    assert article.dateline == "Rotterdam"
    assert article.published == datetime(2026, 3, 6, tzinfo=UTC)
    assert article.text.startswith("Dock workers at Europe's largest port")
    summary = summarize(article)
    assert summary.where[0] == "Rotterdam"
    assert (summary.when, summary.when_text) == (date(2026, 3, 6), "on Friday")
    assert "Rotterdam" in [e.name for e in summary.who]


def test_byline_between_headline_and_dateline_is_dropped() -> None:
    text = WIRE.replace("ROTTERDAM", "Anna de Vries\nROTTERDAM, Netherlands")
    article = article_from_text(text, "wire.txt")
    assert article.title == "Port workers end strike after pay deal."
    assert article.dateline == "Rotterdam, Netherlands"
    assert "Anna de Vries" not in article.text


def test_place_and_date_on_two_lines() -> None:
    text = WIRE.replace("ROTTERDAM 2026-03-06", "FARMINGTON HILLS, Mich.\n2026-03-06")
    article = article_from_text(text, "wire.txt")
    assert (article.dateline, article.published) == (
        "Farmington Hills, Mich.",
        datetime(2026, 3, 6, tzinfo=UTC),
    )


def test_daily_mail_byline_and_published_line_give_the_date() -> None:
    byline = (
        "By . Jo Reporter . PUBLISHED: 12:01 EST, 3 June 2013 . | . "
        "UPDATED: 14:10 EST, 4 June 2013 . A council has banned dogs from its beaches on Sunday."
    )
    assert article_from_text(byline, "dm.txt").published == datetime(2013, 6, 3, tzinfo=UTC)
    line = "Council bans dogs\nPublished: 4 May 2021\nA council has banned dogs from beaches."
    assert article_from_text(line, "page.txt").published == datetime(2021, 5, 4, tzinfo=UTC)


def test_hard_wrapped_lines_are_one_paragraph() -> None:
    text = WIRE.replace(
        "after unions accepted a pay rise", "after unions\naccepted a pay rise"
    ).replace("Dock workers at", "Dock workers\nat")
    assert article_from_text(text, "wire.txt").text.splitlines()[0].endswith("strike.")


def test_dates_in_every_form_and_none_that_cannot_be() -> None:
    assert read_date("2026-11-24T06:00:00+01:00") == date(2026, 11, 24)
    assert read_date("Sept. 3, 2013") == date(2013, 9, 3)
    assert read_date("31 February 2013") is None
    assert read_date("3 Smarch 2013") is None
    assert dateline(["Body text without a dateline.", "Another line."]) is None


@given(st.lists(st.text(max_size=60), max_size=6))
def test_any_lines_give_a_dateline_or_none(lines: list[str]) -> None:
    found = dateline(lines)
    if found is not None:
        at, after, _place, published = found
        assert 0 <= at < after <= len(lines) and isinstance(published, date)
    for line in lines:
        assert read_date(line) is None or isinstance(read_date(line), date)
