"""Composing a digest: the day's events ranked, each once with its sources counted."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from digests import Digest, Rules, compose
from digests.model import Entity, EntityKind, Figure, FigureKind, Story, Summary

UNTIL = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
SINCE = UNTIL - timedelta(days=1)


def story(
    story_id: int,
    headline: str,
    *,
    cluster: int | None = None,
    source: str = "Wire",
    hours_ago: float = 1.0,
    who: tuple[str, ...] = (),
    numbers: int = 0,
    published: datetime | None = None,
    feed_id: int | None = None,
    points: tuple[str, ...] | None = None,
) -> Story:
    summary = Summary(
        source=f"https://{source.lower()}.example/{story_id}",
        headline=headline,
        gist=f"{headline}, officials said.",
        who=tuple(Entity(name, EntityKind.PERSON) for name in who),
        numbers=tuple(
            Figure(f"{i} tons", float(i), "tons", FigureKind.QUANTITY, "shipped")
            for i in range(numbers)
        ),
        when=date(2026, 11, 24),
        when_text=None,
        where=(),
        key_points=(f"{headline}.",) if points is None else points,
    )
    seen = UNTIL - timedelta(hours=hours_ago)
    return Story(
        id=story_id,
        url=summary.source,
        source=source,
        title=headline,
        published=published,
        fetched=seen,
        first_seen=seen,
        summary=summary,
        cluster=cluster or story_id,
        feed_id=feed_id,
    )


def headlines(digest: Digest) -> list[str]:
    return [entry.story.summary.headline for entry in digest.entries]


def test_an_event_three_sources_carry_comes_first_and_once() -> None:
    stories = [
        story(1, "Library opens late", source="Local", hours_ago=2),
        story(2, "Dam bursts upstream", source="Wire", hours_ago=2),
        story(3, "Dam bursts, towns flooded", cluster=2, source="Daily", hours_ago=2),
        story(4, "Upstream dam gives way", cluster=2, source="Herald", hours_ago=2),
    ]
    digest = compose(stories, since=SINCE, until=UNTIL)
    assert headlines(digest) == ["Dam bursts upstream", "Library opens late"]
    assert [entry.sources for entry in digest.entries] == [3, 1]
    assert digest.considered == 4


def test_sources_are_distinct_outlets_or_the_stored_cluster_size() -> None:
    same_outlet = [
        story(1, "Dam bursts upstream", source="Wire"),
        story(2, "Dam bursts: update", cluster=1, source="Wire"),
    ]
    assert compose(same_outlet, since=SINCE, until=UNTIL).entries[0].sources == 1
    earlier_reports = dataclasses.replace(story(3, "Dam bursts upstream"), sources=4)
    assert compose([earlier_reports], since=SINCE, until=UNTIL).entries[0].sources == 4


def test_the_original_report_represents_its_cluster() -> None:
    stories = [
        story(1, "Dam bursts, towns flooded", cluster=2, source="Daily", hours_ago=1),
        story(2, "Dam bursts upstream", source="Wire", hours_ago=3),
    ]
    (entry,) = compose(stories, since=SINCE, until=UNTIL).entries
    assert entry.story.summary.headline == "Dam bursts upstream"
    assert entry.sources == 2


def test_a_later_report_with_more_facts_represents_its_cluster() -> None:
    stories = [
        story(1, "Dam bursts upstream", source="Wire", hours_ago=3),
        story(2, "Dam bursts: 40 homes flooded", cluster=1, source="Daily", numbers=2),
    ]
    assert headlines(compose(stories, since=SINCE, until=UNTIL)) == ["Dam bursts: 40 homes flooded"]


def test_who_and_numbers_weigh_in() -> None:
    stories = [
        story(1, "Talks end", hours_ago=2),
        story(2, "Minister ships grain", who=("Ann Minister",), numbers=3, hours_ago=2),
    ]
    assert headlines(compose(stories, since=SINCE, until=UNTIL))[0] == "Minister ships grain"


def test_freshness_is_by_first_sight_not_the_claimed_date() -> None:
    backdated = story(1, "Backdated but new", hours_ago=1, published=UNTIL - timedelta(days=30))
    older = story(2, "Seen this morning early", hours_ago=20)
    assert (
        headlines(compose([older, backdated], since=SINCE, until=UNTIL))[0] == "Backdated but new"
    )


def test_exclude_and_include_keywords() -> None:
    stories = [story(1, "Football final tonight"), story(2, "Budget passes parliament")]
    kept = compose(stories, since=SINCE, until=UNTIL, rules=Rules(exclude=("football",)))
    assert headlines(kept) == ["Budget passes parliament"]
    only = compose(stories, since=SINCE, until=UNTIL, rules=Rules(include=("Football",)))
    assert headlines(only) == ["Football final tonight"]


def test_keywords_match_whole_words_and_phrases_only() -> None:
    stories = [
        story(1, "Startup raises funds"),
        story(2, "Art fair opens"),
        story(3, "U.S. troops arrive"),
        story(4, "Central bank holds interest rates"),
    ]

    def kept(rules: Rules) -> list[str]:
        return sorted(headlines(compose(stories, since=SINCE, until=UNTIL, rules=rules)))

    assert kept(Rules(exclude=("art",))) == [
        "Central bank holds interest rates",
        "Startup raises funds",
        "U.S. troops arrive",
    ]
    assert kept(Rules(include=("u.s.",))) == ["U.S. troops arrive"]
    assert kept(Rules(include=("Interest  Rates",))) == ["Central bank holds interest rates"]
    assert kept(Rules(include=("bank interest",))) == []


def test_keywords_look_at_gist_key_points_and_names() -> None:
    stories = [
        story(1, "Talks end", who=("Ann Minister",)),
        story(2, "Grain deal", points=("Ships leave Odesa.",)),
        story(3, "Library opens late"),
    ]
    rules = Rules(include=("minister", "odesa"))
    assert sorted(headlines(compose(stories, since=SINCE, until=UNTIL, rules=rules))) == [
        "Grain deal",
        "Talks end",
    ]
    rules = Rules(exclude=("officials",))  # every gist here says "officials said"
    assert compose(stories, since=SINCE, until=UNTIL, rules=rules).quiet


def test_at_most_max_stories() -> None:
    stories = [story(i, f"Item {i}") for i in range(1, 30)]
    assert len(compose(stories, since=SINCE, until=UNTIL, rules=Rules(max_stories=5)).entries) == 5


def test_entries_are_grouped_by_source_best_group_first() -> None:
    stories = [
        story(1, "Wire big", source="Wire", who=("A B",), numbers=5, hours_ago=1),
        story(2, "Local small", source="Local", hours_ago=5),
        story(3, "Wire small", source="Wire", hours_ago=6),
    ]
    digest = compose(stories, since=SINCE, until=UNTIL)
    assert [e.group for e in digest.entries] == ["Wire", "Wire", "Local"]


def test_a_feeds_priority_lifts_its_stories() -> None:
    stories = [story(1, "Ordinary", feed_id=1), story(2, "Favoured", feed_id=2)]
    rules = Rules(feed_priority={2: 3.0})
    assert headlines(compose(stories, since=SINCE, until=UNTIL, rules=rules))[0] == "Favoured"


def test_an_empty_window_is_quiet() -> None:
    digest = compose([], since=SINCE, until=UNTIL)
    assert digest.quiet and digest.considered == 0
