"""Saving stories: dedupe by URL and fingerprint, summaries and times intact, clusters, prune."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import event

from digests.model import Entity, EntityKind, Figure, FigureKind, Summary
from digests.store import Saved, Store, StoreError
from digests.store._base import SAVE_CHUNK
from tests.support.stories import NOW, new_story

FULL_SUMMARY = Summary(
    source="https://example.com/a",
    headline="Putin promises Belarus Iskander-M missiles to counter ‘aggressive’ West",
    gist="Russia will supply Belarus with Iskander-M missile systems, Putin said.",
    who=(
        Entity("Vladimir Putin", EntityKind.PERSON, "Russian President"),
        Entity("NATO", EntityKind.ORGANIZATION),
        Entity("Minsk", EntityKind.PLACE),
    ),
    numbers=(
        Figure("500 km (300 miles)", 500.0, "km", FigureKind.QUANTITY, "a range of 500 km"),
        Figure("$7.4 billion", 7.4e9, "USD", FigureKind.MONEY, "it paid $7.4 billion"),
        Figure("June 25", None, None, FigureKind.DATE, "on June 25"),
    ),
    when=date(2022, 6, 25),
    when_text="on Saturday",
    where=("St Petersburg", "Minsk"),
    key_points=("Point one “quoted”.", "Point two — dashed."),
)


def test_new_story_is_stored_with_its_summary_intact(store: Store) -> None:
    new = dataclasses.replace(new_story("Putin promises missiles"), summary=FULL_SUMMARY)
    saved = store.save(new)
    story = store.story(saved.id)
    assert saved.status == "new"
    assert story is not None
    assert story.summary == FULL_SUMMARY
    assert isinstance(story.summary.who, tuple)
    assert story.summary.who[0].kind is EntityKind.PERSON
    assert story.summary.numbers[1].kind is FigureKind.MONEY
    assert story.title == "Putin promises missiles"
    assert store.count() == 1


def test_times_come_back_aware_in_utc(store: Store) -> None:
    plus_five = timezone(timedelta(hours=5))
    published = datetime(2026, 11, 24, 11, 30, tzinfo=plus_five)
    saved = store.save(new_story("Timed", published=published))
    story = store.story(saved.id)
    assert story is not None
    assert story.published == published
    assert story.published is not None and story.published.utcoffset() == timedelta(0)
    assert story.first_seen == NOW and story.first_seen.tzinfo is not None
    assert story.fetched.utcoffset() == timedelta(0)


def test_same_text_again_is_unchanged(store: Store) -> None:
    first = store.save(new_story("Once", "The same text.", url="https://a.example/1"))
    again = store.save(new_story("Once", "The same text.", url="https://b.example/other"))
    assert again.id == first.id
    assert again.status == "unchanged"
    assert store.count() == 1


def test_changed_text_at_same_url_updates_the_story(store: Store) -> None:
    old = new_story(
        "Draft headline", "Old text about zebras.", url="https://a.example/1", who=("Ann Old",)
    )
    first = store.save(old)
    newer = new_story(
        "Final headline",
        "New text about giraffes.",
        url="https://a.example/1",
        who=("Bob New",),
        age=-timedelta(1),
    )
    second = store.save(newer)
    story = store.story(first.id)
    assert second == Saved(first.id, "updated", first.cluster)
    assert story is not None
    assert story.title == "Final headline"
    assert story.first_seen == NOW  # kept
    assert story.cluster == first.id  # kept
    assert story.fetched == newer.fetched  # replaced
    assert store.find(fingerprint=newer.fingerprint) == first.id
    assert store.find(fingerprint=old.fingerprint) is None
    assert [s.id for s in store.search("giraffes")] == [first.id]
    assert store.search("zebras") == []
    assert [s.id for s in store.mentioning("Bob New")] == [first.id]
    assert store.mentioning("Ann Old") == []


def test_find_by_url_or_fingerprint(store: Store) -> None:
    new = new_story("Findable", url="https://a.example/find")
    saved = store.save(new)
    assert store.find(url="https://a.example/find") == saved.id
    assert store.find(fingerprint=new.fingerprint) == saved.id
    assert store.find(url="https://a.example/missing") is None
    assert store.find() is None


def test_known_urls_answers_for_a_whole_feed_at_once(store: Store) -> None:
    saved = [store.save(new_story(f"Known {i}", url=f"https://a.example/{i}")) for i in range(3)]
    asked = [f"https://a.example/{i}" for i in range(1200)]  # more than one query's worth
    assert store.known_urls(asked) == {f"https://a.example/{i}": s.id for i, s in enumerate(saved)}
    assert store.known_urls([]) == {}


def test_stories_without_url_are_kept_apart(store: Store) -> None:
    store.save(new_story("From a file", "One text."))
    store.save(new_story("From stdin", "Another text."))
    assert store.count() == 2


def test_new_story_starts_its_own_cluster_and_others_can_join(store: Store) -> None:
    first = store.save(new_story("Missiles for Belarus", url="https://a.example/1"))
    second = store.save(
        new_story("Belarus to get missiles", url="https://b.example/2", cluster=first.id)
    )
    lone = store.save(new_story("Something else", url="https://c.example/3"))
    by_id = {story.id: story for story in store.latest()}
    assert by_id[first.id].cluster == first.id
    assert by_id[second.id].cluster == first.id
    assert by_id[first.id].sources == by_id[second.id].sources == 2
    assert by_id[lone.id].cluster == lone.id and by_id[lone.id].sources == 1
    assert store.recent_signatures(NOW - timedelta(hours=1)) == [
        (first.id, first.id, new_story("Missiles for Belarus").signature),
        (second.id, first.id, new_story("Belarus to get missiles").signature),
        (lone.id, lone.id, new_story("Something else").signature),
    ]


def test_recent_signatures_only_since(store: Store) -> None:
    store.save(new_story("Old one", age=timedelta(days=3)))
    fresh = store.save(new_story("Fresh one", age=timedelta(hours=1)))
    assert [row[0] for row in store.recent_signatures(NOW - timedelta(days=1))] == [fresh.id]


def test_latest_is_newest_first_with_offset(store: Store) -> None:
    ids = [store.save(new_story(f"Story {n}", age=timedelta(hours=10 - n))).id for n in range(5)]
    assert [s.id for s in store.latest(limit=3)] == ids[::-1][:3]
    assert [s.id for s in store.latest(limit=3, offset=3)] == ids[::-1][3:]


def test_prune_removes_old_stories_and_their_index_entries(store: Store) -> None:
    store.save(new_story("Ancient aardvark", who=("Old Name",), age=timedelta(days=100)))
    kept = store.save(new_story("Recent aardvark", age=timedelta(days=1)))
    assert store.prune(NOW - timedelta(days=90)) == 1
    assert store.count() == 1
    assert [s.id for s in store.search("aardvark")] == [kept.id]
    assert store.mentioning("Old Name") == []
    assert store.prune(NOW - timedelta(days=90)) == 0


def test_pruning_many_stories_takes_several_short_writes(store: Store) -> None:
    old = [new_story(f"Old {i}", age=timedelta(days=100)) for i in range(SAVE_CHUNK * 2 + 3)]
    store.save_many([*old, new_story("Recent", age=timedelta(days=1))])
    begun: list[object] = []
    event.listen(store._engine, "begin", begun.append)
    assert store.prune(NOW - timedelta(days=90)) == len(old)
    assert len(begun) == 3
    assert store.count() == 1


def test_missing_story_is_none(store: Store) -> None:
    assert store.story(12345) is None


@pytest.mark.parametrize("story_id", [0, -1, 2**63, 10**30])
def test_an_id_no_database_can_hold_finds_no_story(store: Store, story_id: int) -> None:
    store.save(new_story("Something stored"))
    assert store.story(story_id) is None


def test_a_batch_commits_together_and_one_bad_save_loses_only_itself(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'batch.db'}") as store:
        store.migrate()
        with store.batch():
            first = store.save(new_story("one"))
            with pytest.raises(StoreError, match="FOREIGN KEY"):
                store.save(new_story("two", feed_id=999))  # no such feed
            second = store.save(new_story("three"))
        assert (first.status, second.status) == ("new", "new")
        assert store.count() == 2


def test_a_feed_saved_at_once_gives_what_saving_one_by_one_gives(store: Store) -> None:
    stored = store.save(new_story("Already here", url="https://n.example/old"))
    changed = new_story("Already here", "Corrected text.", url="https://n.example/old")
    news = [
        new_story("Dam bursts", url="https://n.example/1"),
        new_story("Dam bursts", url="https://n.example/1-copy"),  # same text, other URL
        changed,
        new_story("Dam bursts", "Towns flooded.", url="https://n.example/1"),  # changed at once
        new_story("Library opens", url="https://n.example/2"),
    ]
    saved = store.save_many(news)
    assert [s.status for s in saved] == ["new", "unchanged", "updated", "updated", "new"]
    assert saved[1].id == saved[0].id == saved[3].id and saved[2].id == stored.id
    assert store.count() == 3
    dam = store.story(saved[0].id)
    assert dam is not None and dam.url == "https://n.example/1"
    assert store.find(fingerprint=news[3].fingerprint) == saved[0].id
    assert store.save(new_story("Later")).id > max(s.id for s in saved)


def test_a_new_story_can_join_the_cluster_of_one_saved_before_it_at_once(store: Store) -> None:
    copy = dataclasses.replace(
        new_story("Copy"), cluster=-1
    )  # the cluster of the batch's first story
    first, second = store.save_many([new_story("Report"), copy])
    assert first.cluster == first.id and second.cluster == first.id
    story = store.story(second.id)
    assert story is not None and story.cluster == first.id and story.sources == 2


def test_a_big_batch_is_saved_in_chunks_its_clusters_joined_across_them(store: Store) -> None:
    news = [new_story(f"Report {i}", url=f"https://n.example/{i}") for i in range(SAVE_CHUNK + 5)]
    news[-1] = dataclasses.replace(
        news[-1], cluster=-2
    )  # joins the second story, saved in an earlier chunk
    news[-2] = dataclasses.replace(
        news[-2], cluster=-(SAVE_CHUNK + 2)
    )  # and the one just before it
    begun: list[object] = []
    event.listen(store._engine, "begin", begun.append)
    saved = store.save_many(news)
    assert len(begun) >= 2  # more than one write transaction
    assert [s.status for s in saved] == ["new"] * len(news)
    assert saved[-1].cluster == saved[1].id
    assert saved[-2].cluster == saved[SAVE_CHUNK + 1].id
    assert store.count() == len(news)


def test_nothing_to_save_is_nothing_saved(store: Store) -> None:
    assert store.save_many([]) == []
    assert store.count() == 0
