"""Two workspaces in one database: each sees and changes only its own channels' rows."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import sqlalchemy as sa

from digests.schedule import Schedule
from digests.store import Store
from tests.support.stories import NOW, new_story

A, B = "T0AAAA", "T0BBBB"
FEED = "https://shared.example/rss"


def test_a_feed_two_workspaces_subscribe_is_stored_once_and_each_sees_its_own_channel(
    store: Store,
) -> None:
    mine = store.add_feed(FEED, "Shared", channel="C1", team=A)
    theirs = store.add_feed(FEED, channel="C9", team=B)
    assert mine.id == theirs.id
    assert mine.channels == ("C1",) and theirs.channels == ("C9",)
    assert [f.channels for f in store.feeds(team=A)] == [("C1",)]
    assert [f.channels for f in store.feeds("C9", team=B)] == [("C9",)]
    assert store.feeds("C9", team=A) == []
    assert [f.channels for f in store.feeds()] == [("C1", "C9")]  # the operator sees all


def test_one_workspace_cannot_find_or_unsubscribe_another_workspaces_feed(store: Store) -> None:
    private = store.add_feed("https://b.example/secret-token-feed", channel="C9", team=B)
    assert store.feed(str(private.id), team=A) is None
    assert store.feed(private.url, team=A) is None
    assert not store.remove_feed(str(private.id), "C9", team=A)
    assert store.feed(private.url, team=B) is not None


def test_global_feeds_reach_every_workspaces_channels(store: Store) -> None:
    store.add_feed("https://everyone.example/rss")
    assert [f.is_global for f in store.feeds("C1", team=A)] == [True]
    assert [f.is_global for f in store.feeds("C9", team=B)] == [True]


def test_schedules_are_kept_per_workspace(store: Store) -> None:
    store.save_schedule(Schedule("C1", time(8), "UTC", team=A))
    store.save_schedule(Schedule("C1", time(9), "UTC", team=B))  # the same id in another team
    assert [s.at for s in store.schedules("C1", A)] == [time(8)]
    assert [s.at for s in store.schedules("C1", B)] == [time(9)]
    assert not store.remove_schedule("C1", "")
    assert store.remove_schedule("C1", A)
    assert [s.team for s in store.schedules()] == [B]


def test_a_workspace_sees_stories_of_the_feeds_it_gets_and_the_links_it_asked_for(
    store: Store,
) -> None:
    theirs = store.add_feed("https://b.example/rss", channel="C9", team=B)
    everyone = store.add_feed("https://everyone.example/rss")
    their_story = store.save(new_story("Harbour report from B", feed_id=theirs.id))
    global_story = store.save(new_story("Harbour report for all", feed_id=everyone.id))
    their_link = store.save(new_story("Harbour link asked in B", team=B))
    operator_story = store.save(new_story("Harbour story from the command line"))
    seen_by_a = {s.id for s in store.search("harbour", visible_to=A)}
    assert seen_by_a == {global_story.id, operator_story.id}
    seen_by_b = {s.id for s in store.search("harbour", visible_to=B)}
    assert seen_by_b == {their_story.id, global_story.id, their_link.id, operator_story.id}
    assert store.story(their_story.id, visible_to=A) is None
    assert store.story(their_link.id, visible_to=B) is not None
    assert their_story.id not in {s.id for s in store.latest(visible_to=A)}
    assert len(store.search("harbour")) == 4  # the operator, and the .env workspace, see all


def test_a_digest_window_holds_only_the_channels_workspaces_stories(store: Store) -> None:
    theirs = store.add_feed("https://b.example/rss", channel="C1", team=B)
    store.add_feed("https://a.example/rss", channel="C1", team=A)
    store.save(new_story("Only for B", feed_id=theirs.id))
    since, until = NOW - timedelta(hours=1), NOW + timedelta(hours=1)
    assert store.window(since, until, "C1", team=A) == []
    assert [s.title for s in store.window(since, until, "C1", team=B)] == ["Only for B"]


def test_a_feed_its_last_workspace_leaves_keeps_its_stories_for_that_workspace_only(
    store: Store,
) -> None:
    feed = store.add_feed("https://b.example/rss", channel="C9", team=B)
    saved = store.save(new_story("Kept for B", feed_id=feed.id))
    assert store.remove_feed(str(feed.id), "C9", team=B)
    assert store.feed(feed.url) is None
    assert store.story(saved.id, visible_to=B) is not None
    assert store.story(saved.id, visible_to=A) is None


def test_forgetting_a_workspace_removes_its_rows_and_nothing_of_anothers(store: Store) -> None:
    shared = store.add_feed(FEED, channel="C1", team=A)
    store.add_feed(FEED, channel="C9", team=B)
    own = store.add_feed("https://b.example/rss", channel="C9", team=B)
    store.save_schedule(Schedule("C9", time(8), "UTC", team=B))
    store.save_schedule(Schedule("C1", time(8), "UTC", team=A))
    story = store.save(new_story("Kept", feed_id=own.id))
    claim = store.claim_digest(
        key="x",
        channel="C9",
        day=NOW.date(),
        kind="scheduled",
        owner="me",
        now=NOW,
        lease_until=NOW + timedelta(minutes=10),
        since=NOW - timedelta(days=1),
        team=B,
    )
    assert claim is not None and claim.team == B
    with store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO slack_bots (client_id, app_id, team_id, bot_token, "
                "is_enterprise_install, installed_at) VALUES ('c', 'a', :t, 'xoxb-b', false, :now)"
            ),
            {"t": B, "now": NOW.replace(tzinfo=None)},
        )
    assert store.forget_workspace(B) == 1
    assert store.schedules(team=B) == [] and store.feeds(team=B) == []
    assert store.feed(FEED) == shared
    assert [f.channels for f in store.feeds()] == [("C1",)]  # B's own feed went, A's stays
    assert [s.team for s in store.schedules()] == [A]
    assert store.story(story.id) is not None
    with store.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM slack_bots")) == 0
        assert conn.scalar(sa.text("SELECT count(*) FROM digest_posts")) == 0


def test_a_process_that_dies_while_forgetting_a_workspace_leaves_all_of_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_feed("https://b.example/rss", channel="C9", team=B)
    store.save_schedule(Schedule("C9", time(8), "UTC", team=B))

    def dies(*args: object) -> None:  # after the subscriptions' delete, before the rest
        raise SystemExit("kill -9")

    monkeypatch.setattr("digests.store._workspaces.drop_if_unsubscribed", dies)
    with pytest.raises(SystemExit):
        store.forget_workspace(B)
    assert [f.channels for f in store.feeds(team=B)] == [("C9",)]
    assert [s.channel for s in store.schedules(team=B)] == ["C9"]
