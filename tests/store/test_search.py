"""Search: every word must match, phrases, filters, relevance with recency, hostile input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digests.store import Store, _fulltext, _stories
from tests.support.stories import NOW, new_story

CORPUS = [
    new_story(
        "Putin promises Belarus missiles",
        "Russia will supply Belarus with missile systems within months.",
        points=("Lukashenko asked for a symmetrical response.",),
        who=("Vladimir Putin", "Alexander Lukashenko"),
        source="Reuters",
        age=timedelta(days=2),
    ),
    new_story(
        "Belarus border tension grows",
        "Lithuania restricts transit to Kaliningrad; Putin threatens response.",
        who=("Vladimir Putin", "Gitanas Nausėda"),
        source="BBC",
        age=timedelta(days=1),
    ),
    new_story(
        "Korea Zinc shares jump",
        "Shares of Korea Zinc rose 13% after the buyback was announced.",
        who=("Korea Zinc",),
        source="Reuters",
        age=timedelta(hours=3),
    ),
    new_story(
        "Pentagon budget request",
        "The Pentagon asked for more money for missile defence and shipbuilding.",
        who=("Pentagon",),
        source="AP",
        age=timedelta(days=10),
    ),
    new_story(
        "Trump sues BBC",
        "Donald Trump filed a lawsuit against the BBC over an edited speech.",
        who=("Donald Trump", "BBC"),
        source="ap",
        age=timedelta(hours=1),
    ),
]


@pytest.fixture
def corpus(store: Store) -> list[int]:
    return [store.save(story).id for story in CORPUS]


def found(store: Store, query: str, **filters: object) -> set[int]:
    return {story.id for story in store.search(query, **filters)}  # type: ignore[arg-type]


def test_every_word_must_match(store: Store, corpus: list[int]) -> None:
    assert found(store, "Belarus") == {corpus[0], corpus[1]}
    assert found(store, "Belarus Lithuania") == {corpus[1]}
    assert found(store, "Belarus Pentagon") == set()


def test_words_match_in_any_case(store: Store, corpus: list[int]) -> None:
    assert found(store, "KOREA zinc") == {corpus[2]}


def test_key_points_are_searched(store: Store, corpus: list[int]) -> None:
    assert found(store, "symmetrical") == {corpus[0]}


def test_quoted_phrase_must_match_in_order(store: Store, corpus: list[int]) -> None:
    assert found(store, '"Korea Zinc"') == {corpus[2]}
    assert found(store, '"Zinc Korea"') == set()
    assert found(store, '"missile systems" Russia') == {corpus[0]}


def test_lone_stop_words_are_ignored(store: Store, corpus: list[int]) -> None:
    assert found(store, "the Pentagon and missile") == {corpus[3]}
    assert store.search("the and of") == []


@pytest.mark.parametrize(
    "query",
    [
        "Belarus AND",
        "OR Belarus",
        "NOT Belarus",
        "Belarus*",
        "(Belarus",
        "Belarus)",
        '"Belarus',
        'Belarus"',
        "-Belarus",
        "Belarus:",
        "^Belarus",
        "Belarus & | ! <-> :*",
        "Belarus '",
        "Belarus \\",
        "Belarus\x00",
    ],
)
def test_operators_in_user_text_are_plain_words(
    store: Store, corpus: list[int], query: str
) -> None:
    assert found(store, query) == {corpus[0], corpus[1]}


@pytest.mark.parametrize(
    "query", ["title:Belarus", "Belarus NEAR/2", "NEAR(Belarus Russia)", "{title}: x", "a'b"]
)
def test_column_filters_and_functions_in_user_text_never_raise(
    store: Store, corpus: list[int], query: str
) -> None:
    assert isinstance(store.search(query), list)


@pytest.mark.parametrize("query", ['"', "***", "()", " - ", "AND OR NOT", ":", "'", '""'])
def test_query_of_only_punctuation_finds_nothing(
    store: Store, corpus: list[int], query: str
) -> None:
    assert store.search(query) == []


def test_source_filter_ignores_case(store: Store, corpus: list[int]) -> None:
    assert found(store, "Belarus", source="reuters") == {corpus[0]}
    assert found(store, "BBC", source="AP") == {corpus[4]}


def test_date_filters_use_first_seen(store: Store, corpus: list[int]) -> None:
    assert found(store, "Belarus", since=NOW - timedelta(days=1, hours=1)) == {corpus[1]}
    assert found(store, "Belarus", until=NOW - timedelta(days=1, hours=1)) == {corpus[0]}
    day = NOW - timedelta(days=11), NOW - timedelta(days=9)
    assert found(store, "missile", since=day[0], until=day[1]) == {corpus[3]}


def test_who_filter_matches_part_of_a_name_in_any_case(store: Store, corpus: list[int]) -> None:
    assert found(store, "Belarus", who="putin") == {corpus[0], corpus[1]}
    assert found(store, "Belarus", who="Lukashenko") == {corpus[0]}
    assert found(store, "Belarus", who="Trump") == set()
    assert found(store, "Belarus", who="NAUSĖDA") == {corpus[1]}


def test_blank_query_lists_what_the_filters_let_through(store: Store, corpus: list[int]) -> None:
    assert [s.id for s in store.search("", who="Putin")] == [corpus[1], corpus[0]]
    assert [s.id for s in store.search("  ", source="ap")] == [corpus[4], corpus[3]]


def test_mentioning_finds_stories_naming_someone(store: Store, corpus: list[int]) -> None:
    assert [s.id for s in store.mentioning("Putin")] == [corpus[1], corpus[0]]
    assert [s.id for s in store.mentioning("vladimir putin")] == [corpus[1], corpus[0]]
    assert [s.id for s in store.mentioning("bbc")] == [corpus[4]]
    assert store.mentioning("Biden") == []
    assert store.mentioning("%") == [] and store.mentioning("_") == []
    assert [s.id for s in store.mentioning("Putin", limit=1, offset=1)] == [corpus[0]]


def test_results_carry_a_positive_score(store: Store, corpus: list[int]) -> None:
    results = store.search("Belarus")
    assert all(story.score > 0 for story in results)
    assert [s.score for s in results] == sorted((s.score for s in results), reverse=True)


def test_equally_relevant_stories_come_newest_first(store: Store) -> None:
    ids = [
        store.save(new_story(f"Quokka sighting {n}", f"Quokka seen {n}.", age=timedelta(days=n)))
        for n in (30, 0, 5)
    ]
    assert [s.id for s in store.search("quokka")] == [ids[1].id, ids[2].id, ids[0].id]


def test_a_title_match_outranks_a_passing_mention(store: Store) -> None:
    passing = store.save(
        new_story("Markets today", "Shares rose and fell; one trader mentioned a wombat.")
    )
    headline = store.save(new_story("Wombat escapes zoo", "An animal left its enclosure."))
    assert [s.id for s in store.search("wombat")] == [headline.id, passing.id]


def test_search_pages_with_limit_and_offset(store: Store) -> None:
    for n in range(5):
        store.save(new_story(f"Numbat report {n}", age=timedelta(hours=n)))
    first, rest = store.search("numbat", limit=2), store.search("numbat", limit=10, offset=2)
    assert len(first) == 2 and len(rest) == 3
    assert not {s.id for s in first} & {s.id for s in rest}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.text(max_size=60) | st.lists(st.sampled_from(list('"*()-:^ ANDORNOT'))).map("".join)
)
def test_any_text_as_a_query_returns_a_list(store: Store, corpus: list[int], query: str) -> None:
    results = store.search(query, who=query[:5] or None)
    assert isinstance(results, list)
    assert {s.id for s in results} <= set(corpus)


def test_nul_characters_in_filters_are_harmless(store: Store, corpus: list[int]) -> None:
    assert found(store, "Belarus\x00", who="\x00Putin", source="Reu\x00ters") == {corpus[0]}
    assert [s.id for s in store.mentioning("\x00Lukashenko")] == [corpus[0]]


def test_a_common_word_weighs_only_its_newest_matches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [
        store.save(new_story(f"Okapi news {n}", source=f"s{n}", age=timedelta(hours=n))).id
        for n in range(6)
    ]
    monkeypatch.setattr(_stories, "CANDIDATES", 3)
    assert {s.id for s in store.search("okapi", limit=3)} == set(ids[3:])  # newest ids
    # A filter that passes none of those looks at every match.
    assert [s.id for s in store.search("okapi", source="S0")] == [ids[0]]
    assert [s.id for s in store.search("okapi", since=NOW - timedelta(hours=1, minutes=30))] == [
        ids[0],
        ids[1],
    ]


# Which of 60 stories (numbered oldest first) name each word; PostgreSQL finds the newest
# matches of each in its own way (see PostgresFullText).
NAMED_BY: dict[str, Callable[[int], bool]] = {
    "okapi": lambda n: n % 10 != 0,  # most of them
    "quokka": lambda n: n % 5 == 0,  # a fifth
    "numbat": lambda n: n in {3, 17, 31},  # a few, none of them recent
    "wallaby": lambda n: n in {2, 40, 57, 58, 59},  # the newest few, one older, one old
    "wombat": lambda n: n in {2, 5, 57, 58, 59},  # the newest few, and two old ones
}


@pytest.mark.parametrize("word", NAMED_BY)
def test_a_search_weighs_the_newest_matches_however_many_stories_match(
    store: Store, monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    ids = []
    for n in range(60):
        named = " ".join(w for w, names in NAMED_BY.items() if names(n)) or "nothing"
        ids.append(store.save(new_story(f"Report {n}: {named}", age=timedelta(hours=60 - n))).id)
    monkeypatch.setattr(_stories, "CANDIDATES", 4)
    monkeypatch.setattr(_fulltext, "SAMPLE", 8)
    newest = [ids[n] for n in reversed(range(60)) if NAMED_BY[word](n)][:4]
    assert {s.id for s in store.search(word, limit=4)} == set(newest)
