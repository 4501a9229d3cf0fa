"""Pages in other shapes than the seed: HTML with furniture, a wire story, a live blog."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from digests import Article, ArticleError, EntityKind, FigureKind, article_from_text, summarize
from tests.support.html_pages import HTML_PAGE

WIRE_STORY = """Fed holds rates steady, signals two cuts next year

WASHINGTON (Reuters) - The U.S. Federal Reserve held interest rates steady on Wednesday and \
signaled it expects to cut them twice next year, as inflation eased to 2.4% in October.

Fed Chair Jerome Powell told reporters the central bank was "well positioned" to wait for more \
data before moving, adding that the labor market remained solid.

The decision left the benchmark overnight rate in the 3.75%-4.00% range. Policymakers projected \
the rate would fall to 3.4% by the end of 2027.

Stocks rose after the announcement, with the S&P 500 gaining 0.8% to close at a record.

(Reporting by Ann Saphir; Editing by Paul Simao)
"""

LIVE_BLOG = """Storm Darragh live: power cut to 200,000 homes as winds hit 90mph

09:12 GMT
Storm Darragh has cut power to about 200,000 homes across Wales and south-west England, the \
Energy Networks Association said on Saturday.

08:47 GMT
Gusts of 93mph were recorded at Capel Curig in Snowdonia overnight, the Met Office said.

08:15 GMT
National Rail said trains between Cardiff and Swansea were suspended until at least 12:00.

Share this page
"""


def test_html_page_summary_has_the_figures_and_people() -> None:
    summary = summarize(article_from_text(HTML_PAGE, "page.html"))
    assert summary.headline.startswith("Harbour bridge reopens after repairs")
    money = next(f for f in summary.numbers if f.kind is FigureKind.MONEY)
    assert (money.text, money.value, money.unit) == ("£12m", 12_000_000, "GBP")
    assert any(f.text.startswith("eight months") for f in summary.numbers)
    people = [e for e in summary.who if e.kind is EntityKind.PERSON]
    assert people[0].name == "Gerald Vernon-Jackson"
    assert "Portsmouth" in summary.where
    assert not any("roadfan99" in p for p in summary.key_points)


def test_wire_story_dateline_is_where_and_credits_are_out() -> None:
    summary = summarize(article_from_text(WIRE_STORY, "wire.txt"))
    assert summary.where[0] == "Washington"
    assert summary.gist.startswith("The U.S. Federal Reserve held interest rates steady")
    assert summary.when_text == "on Wednesday"
    powell = next(e for e in summary.who if e.name == "Jerome Powell")
    assert powell.role == "Fed Chair"
    percents = {f.text for f in summary.numbers if f.kind is FigureKind.PERCENT}
    assert {"2.4%", "3.4%", "0.8%"} <= percents
    assert not any("Ann Saphir" in e.name for e in summary.who)


def test_live_blog_time_stamps_are_not_points_or_figures() -> None:
    summary = summarize(article_from_text(LIVE_BLOG, "live.txt"))
    assert all("GMT" not in p for p in summary.key_points)
    texts = [f.text for f in summary.numbers]
    assert not any(":" in t for t in texts)
    homes = next(f for f in summary.numbers if f.value == 200_000)
    assert homes.kind is FigureKind.COUNT
    speed = next(f for f in summary.numbers if f.text == "93mph")
    assert (speed.value, speed.unit, speed.kind) == (93, "mph", FigureKind.QUANTITY)
    assert "Share this page" not in " ".join(summary.key_points)


def test_boilerplate_only_page_is_a_clear_error() -> None:
    page = "Sign up for our newsletter\nShare this article\n© 2026 Example News\nRead More"
    try:
        summarize(article_from_text(page, "furniture.html"))
    except ArticleError as exc:
        assert "no article text" in exc.problem or "no sentence" in exc.problem
    else:
        raise AssertionError("a page of furniture gave a summary")


def test_non_english_article_gets_an_honest_summary() -> None:
    text = (
        "Die Regierung hat am Montag neue Hilfen beschlossen. Sie kosten 5 Milliarden Euro "
        "und sollen Familien entlasten. Die Opposition kritisierte den Plan als zu spät."
    )
    summary = summarize(article_from_text(text, "de.txt"))
    assert summary.key_points
    assert all(p in text for p in summary.key_points)


@given(st.text(max_size=3000))
def test_any_text_gives_a_faithful_summary_or_a_clear_error(text: str) -> None:
    try:
        summary = summarize(article_from_text(text, "fuzz"))
    except ArticleError as exc:
        assert exc.source == "fuzz" and exc.problem
        return
    cleaned = article_from_text(text, "fuzz").text
    for sentence in (summary.gist, *summary.key_points):
        assert sentence in cleaned
    for figure in summary.numbers:
        assert figure.text in figure.context and figure.context in cleaned


def test_title_body_and_published_date_resolve_when() -> None:
    article = Article(
        source="feed-item",
        title="Putin promises Belarus missiles",
        text=(
            "Russia will supply Belarus with missile systems, President Vladimir Putin told "
            "Belarusian President Alexander Lukashenko on Saturday.\n"
            "The meeting was held in St Petersburg."
        ),
        published=datetime(2022, 6, 27, 6, 0, tzinfo=UTC),
    )
    summary = summarize(article)
    assert summary.headline == "Putin promises Belarus missiles"
    assert (summary.when, summary.when_text) == (date(2022, 6, 25), "on Saturday")
    assert summary.where == ("St Petersburg",)


REVIEW = """Rivals of the £300 tablet...

The Slate 7 is the cheapest tablet the company has ever sold. But how does it compare with \
rivals that cost about the same?

It comes with a 7in screen, 16GB of storage and a camera on each side.

There is no slot for a memory card, and no keyboard in the box.

"The Slate puts a tablet within everyone's reach," a company spokesman said.
"""


def test_review_with_a_headline_cut_short_is_summarized_not_refused() -> None:
    summary = summarize(article_from_text(REVIEW, "review.txt"))
    assert summary.headline == "Rivals of the £300 tablet..."
    assert summary.gist.startswith("The Slate 7 is the cheapest tablet")
    assert summary.headline not in summary.key_points


def test_question_headline_stays_the_headline_and_no_key_point() -> None:
    text = REVIEW.replace("Rivals of the £300 tablet...", "Is a £300 tablet worth it?")
    summary = summarize(article_from_text(text, "review.txt"))
    assert summary.headline == "Is a £300 tablet worth it?"
    assert summary.headline not in summary.key_points
