"""Key points a reader can follow: no pronoun without its person, no half of a quotation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from digests import Article, ArticleError, summarize
from digests.sentences import has_open_quote, split_sentences

# "He" stands for the mayor, named only in the sentence before.
PRONOUN_STORY = """Mayor seeks ferry subsidy for island route

Mayor Ana Ruiz met the transport minister in the capital on Tuesday.
He asked the minister for a ferry subsidy to keep the island route running through winter.
The island has 4,000 residents and no bridge to the mainland.
Ferry tickets have doubled in price since the operator lost its contract last spring.
Local shops say deliveries now arrive twice a week instead of daily.
The ministry said it would reply within a month.
"""

QUOTE_STORY = """Presenter loathes the word 'supercar'

The television presenter said on Monday he would never again call a car a supercar.
"The word means nothing any more. It is a word I loathe," he told the audience at the show.
Carmakers use the word for any fast car, the presenter said.
Sales of fast cars rose by a fifth last year, an industry group said.
The show runs until Sunday at the city's exhibition centre.
"""

FEATURE_LEDE = """Golfer snaps club after missed putt

It was an act of frustration more often seen on a driving range than in a final round.
The golfer snapped his putter over his knee after missing a short putt on Sunday and finished \
the final round of the open with a wedge.
He still won the open by two shots, his first title in three years.
The tour said it would not fine him.
"""


def _points(text: str, points: int | None = None) -> tuple[str, ...]:
    return summarize(Article("story.txt", text.split("\n\n", 1)[1], title="t"), points).key_points


def test_point_opening_with_he_comes_with_the_sentence_that_names_him() -> None:
    article = Article(
        "story.txt",
        PRONOUN_STORY.split("\n\n", 1)[1],
        title="Mayor seeks ferry subsidy for island route",
    )
    for n in (1, 2, 3, None):
        points = summarize(article, n).key_points
        for at, point in enumerate(points):
            if point.startswith("He "):
                assert at > 0 and points[at - 1].startswith("Mayor Ana Ruiz met"), points


def test_pronoun_point_comes_with_its_person_when_there_is_room() -> None:
    article = Article(
        "story.txt",
        PRONOUN_STORY.split("\n\n", 1)[1],
        title="Mayor asks minister for ferry subsidy for island route through winter",
    )
    points = summarize(article, 3).key_points
    assert points[:2] == (
        "Mayor Ana Ruiz met the transport minister in the capital on Tuesday.",
        "He asked the minister for a ferry subsidy to keep the island route running through "
        "winter.",
    )


def test_a_quotation_of_two_sentences_is_one_point_never_half() -> None:
    for n in (1, 2, 3, 4, 5):
        for point in _points(QUOTE_STORY, n):
            assert not has_open_quote(point), point
    assert (
        '"The word means nothing any more. It is a word I loathe," he told the audience at the '
        "show." in split_sentences(QUOTE_STORY)
    )


def test_quotation_open_at_the_end_of_a_paragraph_is_no_point() -> None:
    text = (
        'The coach said the team had let the fans down. "We were not good enough.\n'
        '"We will be better next week," he said. The club is fourth in the league.'
    )
    assert split_sentences(text) == [
        "The coach said the team had let the fans down.",
        '"We were not good enough.',
        '"We will be better next week," he said.',
        "The club is fourth in the league.",
    ]
    article = Article("story.txt", text)
    assert '"We were not good enough.' not in summarize(article, 3).key_points


def test_gist_says_what_happened_not_the_scene_setting_lede() -> None:
    summary = summarize(
        Article("golf.txt", FEATURE_LEDE.split("\n\n", 1)[1], title="Golfer snaps club")
    )
    assert summary.gist.startswith("The golfer snapped his putter")


_SENTENCES = [
    "The council approved the new budget on Monday.",
    "He said the vote was close.",
    "It was the third vote this year.",
    "But the opposition walked out of the chamber.",
    '"We will fight this.',
    'It is a disgrace," the opposition leader said.',
    "“We have no choice,” the mayor said.",
    "“Taxes must rise.",
    "Nobody wants that,” she added.",
    "However, rents in the city fell by a tenth.",
    "The budget runs to 40 pages and 12 appendices.",
    "They will meet again in March to discuss the schools.",
]


@given(
    st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=12, unique=True),
    st.lists(st.booleans(), min_size=12, max_size=12),
    st.one_of(st.none(), st.integers(1, 6)),
)
def test_no_point_halves_a_quote_or_leans_on_a_sentence_left_out(
    sentences: list[str], breaks: list[bool], points: int | None
) -> None:
    text = "".join(s + ("\n" if cut else " ") for s, cut in zip(sentences, breaks, strict=False))
    article = Article("any.txt", text.strip())
    try:
        summary = summarize(article, points)
    except ArticleError:  # no sentence reads like an article: a clear error
        return
    units = split_sentences(article.text)
    for point in summary.key_points:
        assert not has_open_quote(point)
        at = units.index(point)
        first = point.split(" ", 1)[0].strip('"“').rstrip(",").lower()
        if at > 0 and first in {"he", "it", "but", "however", "they"}:
            assert units[at - 1] in summary.key_points


def test_a_table_of_results_is_summarized_by_its_lines_not_refused() -> None:
    text = (
        "Results of the league games played on Thursday\n"
        "Riverside Rovers 3 Hilltop United 1 (halftime 1-1)\n"
        "Harbour City 0 Valley Athletic 0\n"
        "Northfield Town 2 Eastgate Wanderers 2"
    )
    summary = summarize(Article("results.txt", text, title="League results"))
    assert summary.key_points
    assert all(point in text.splitlines() for point in summary.key_points)


# Three sentences on a side story (the festival) against three on the headline's (the repair).
SIDE_STORY = """Port board approves harbour wall repair

The port board approved the harbour wall repair on Monday at a cost of two million pounds.
The summer festival parade drew large crowds along the seafront promenade on Sunday.
Festival organisers said the parade and the seafront promenade stalls had sold out by noon.
The festival parade and its promenade stalls will return to the seafront next summer.
Fishing crews have asked for the harbour wall repair since the winter storms.
Engineers will start the harbour wall repair next month, the port board said.
"""


def test_key_points_stay_on_the_headlines_story_not_a_side_story_told_at_length() -> None:
    title, body = SIDE_STORY.split("\n\n", 1)
    points = summarize(Article("harbour.txt", body, title=title), 3).key_points
    assert all("repair" in point for point in points), points
