"""Feeds: subscriptions per channel and global, removal, and the health record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from digests.store import Store
from tests.support.stories import new_story

AT = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)


def test_adding_a_feed_twice_keeps_one_feed(store: Store) -> None:
    first = store.add_feed("https://a.example/rss", "A news")
    again = store.add_feed("https://a.example/rss")
    assert again == first
    assert first.title == "A news" and first.failures == 0 and first.last_success is None
    assert first.channels == ("*",)
    assert len(store.feeds()) == 1


def test_a_title_fills_in_a_missing_one_only(store: Store) -> None:
    store.add_feed("https://a.example/rss")
    assert store.add_feed("https://a.example/rss", "Named").title == "Named"
    assert store.add_feed("https://a.example/rss", "Renamed").title == "Named"


def test_a_channel_gets_its_own_feeds_and_the_global_ones(store: Store) -> None:
    everyone = store.add_feed("https://global.example/rss")
    mine = store.add_feed("https://mine.example/rss", channel="C1")
    theirs = store.add_feed("https://theirs.example/rss", channel="C2")
    both = store.add_feed("https://theirs.example/rss", channel="C1")
    assert both.id == theirs.id and both.channels == ("C1", "C2")
    assert [f.id for f in store.feeds("C1")] == [everyone.id, mine.id, theirs.id]
    assert [f.id for f in store.feeds("C2")] == [everyone.id, theirs.id]
    assert [f.id for f in store.feeds("C3")] == [everyone.id]
    assert [f.id for f in store.feeds()] == [everyone.id, mine.id, theirs.id]


def test_a_feed_is_found_by_url_or_id(store: Store) -> None:
    feed = store.add_feed("https://a.example/rss")
    assert store.feed("https://a.example/rss") == feed
    assert store.feed(str(feed.id)) == feed
    assert store.feed("https://missing.example/rss") is None
    assert store.feed("999") is None


def test_an_id_in_other_digits_or_beyond_any_database_finds_no_feed(store: Store) -> None:
    store.add_feed("https://a.example/rss")
    for ref in ("¹", "①", "99999999999999999999999", "9" * 5000):
        assert store.feed(ref) is None
        assert store.remove_feed(ref) is False
    assert len(store.feeds()) == 1


def test_removing_a_subscription_keeps_the_feed_for_other_channels(store: Store) -> None:
    feed = store.add_feed("https://a.example/rss", channel="C1")
    store.add_feed("https://a.example/rss", channel="C2")
    assert store.remove_feed("https://a.example/rss", channel="C1") is True
    assert [f.channels for f in store.feeds()] == [("C2",)]
    assert store.remove_feed(str(feed.id), channel="C2") is True
    assert store.feeds() == []
    assert store.feed("https://a.example/rss") is None


def test_removing_what_is_not_there_says_so(store: Store) -> None:
    store.add_feed("https://a.example/rss", channel="C1")
    assert store.remove_feed("https://missing.example/rss") is False
    assert store.remove_feed("https://a.example/rss", channel="C2") is False
    assert store.remove_feed("https://a.example/rss") is False  # not a global feed
    assert len(store.feeds()) == 1


def test_removing_the_global_feed(store: Store) -> None:
    store.add_feed("https://a.example/rss")
    assert store.remove_feed("https://a.example/rss") is True
    assert store.feeds() == []


def test_failures_count_up_and_a_success_resets_them(store: Store) -> None:
    feed = store.add_feed("https://a.example/rss")
    store.record_failure(feed.id, AT, "HTTP 500")
    store.record_failure(feed.id, AT + timedelta(minutes=15), "timed out after 10 s")
    failing = store.feed(str(feed.id))
    assert failing is not None
    assert (failing.failures, failing.last_error) == (2, "timed out after 10 s")
    store.record_success(feed.id, AT, title="A news", etag='"abc"', last_modified="Mon, 24 Nov")
    healthy = store.feed(str(feed.id))
    assert healthy is not None
    assert (healthy.failures, healthy.last_error, healthy.title) == (0, None, "A news")
    assert (healthy.etag, healthy.last_modified) == ('"abc"', "Mon, 24 Nov")
    assert healthy.last_success == AT and healthy.last_success.tzinfo is not None


def test_a_success_without_a_title_keeps_the_old_one(store: Store) -> None:
    feed = store.add_feed("https://a.example/rss", "A news")
    store.record_success(feed.id, AT, title=None, etag=None, last_modified=None)
    assert store.feeds()[0].title == "A news"


def test_removing_a_feed_keeps_its_stories(store: Store) -> None:
    feed = store.add_feed("https://a.example/rss")
    saved = store.save(new_story("From the feed", feed_id=feed.id))
    store.remove_feed(feed.url)
    assert store.story(saved.id) is not None
