"""A channel's window of stories: by first sight, no backlog, its own feeds and the global ones."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from digests.store import Store
from tests.support.stories import NOW, new_story

HOUR = timedelta(hours=1)


def titles(stories: list) -> list[str]:  # type: ignore[type-arg]
    return [s.title for s in stories]


def test_window_holds_stories_first_seen_in_it_newest_first(store: Store) -> None:
    store.save(new_story("Too old", age=30 * HOUR))
    store.save(new_story("Morning", age=5 * HOUR))
    store.save(new_story("Noon", age=2 * HOUR))
    assert titles(store.window(NOW - 24 * HOUR, NOW + HOUR)) == ["Noon", "Morning"]
    assert titles(store.window(NOW - 24 * HOUR, NOW - 3 * HOUR)) == ["Morning"]


def test_a_story_seen_as_one_window_ends_is_in_the_next_one_only(store: Store) -> None:
    store.save(new_story("On the boundary", age=2 * HOUR))
    assert titles(store.window(NOW - 3 * HOUR, NOW - 2 * HOUR)) == []
    assert titles(store.window(NOW - 2 * HOUR, NOW - HOUR)) == ["On the boundary"]


def test_window_goes_by_first_sight_not_claimed_publication(store: Store) -> None:
    store.save(new_story("Backdated", published=NOW - 400 * HOUR))
    assert titles(store.window(NOW - HOUR, NOW + HOUR)) == ["Backdated"]


def test_backlog_stays_out_of_the_window(store: Store) -> None:
    store.save(dataclasses.replace(new_story("Old feed item"), backlog=True))
    store.save(new_story("News"))
    assert titles(store.window(NOW - HOUR, NOW + HOUR)) == ["News"]


def test_a_channel_gets_its_feeds_global_feeds_and_feedless_stories(store: Store) -> None:
    everyone = store.add_feed("https://global.example/rss")
    mine = store.add_feed("https://mine.example/rss", channel="C1")
    theirs = store.add_feed("https://theirs.example/rss", channel="C2")
    store.save(new_story("Global item", feed_id=everyone.id))
    store.save(new_story("My item", feed_id=mine.id))
    store.save(new_story("Their item", feed_id=theirs.id))
    store.save(new_story("Admin's file"))
    window = titles(store.window(NOW - HOUR, NOW + HOUR, channel="C1"))
    assert sorted(window) == ["Admin's file", "Global item", "My item"]
    assert len(store.window(NOW - HOUR, NOW + HOUR)) == 4


def test_window_stories_know_their_cluster_size_and_feed(store: Store) -> None:
    feed = store.add_feed("https://global.example/rss")
    first = store.save(new_story("Quake hits", feed_id=feed.id, source="A"))
    store.save(new_story("Quake strikes", cluster=first.id, source="B", age=30 * HOUR))
    (story,) = store.window(NOW - HOUR, NOW + HOUR)
    assert story.sources == 2
    assert story.feed_id == feed.id
