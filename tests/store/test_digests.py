"""Schedules kept per channel, and digest claims that let exactly one process post each digest."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from digests.schedule import Schedule
from digests.store import Store

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
DAY = date(2026, 11, 24)
LEASE = timedelta(minutes=10)
DAYS = timedelta(days=2)


def claim(store: Store, owner: str, now: datetime = NOW, key: str = "C1@2026-11-24"):  # type: ignore[no-untyped-def]
    return store.claim_digest(
        key=key,
        channel="C1",
        day=DAY,
        kind="scheduled",
        owner=owner,
        now=now,
        lease_until=now + LEASE,
        since=now - timedelta(days=1),
    )


def test_a_schedule_is_kept_and_replaced(store: Store) -> None:
    store.save_schedule(Schedule("C1", time(8, 0), "Europe/Berlin", frozenset({1, 2, 3, 4, 5})))
    store.save_schedule(Schedule("C1", time(9, 30), "America/New_York"), set_by="U1")
    (kept,) = store.schedules("C1")
    assert (kept.at, kept.zone, kept.weekdays) == (time(9, 30), "America/New_York", frozenset())
    assert store.remove_schedule("C1") and store.schedules() == []
    assert not store.remove_schedule("C1")


def test_a_schedule_starts_when_set_and_again_when_its_time_changes(store: Store) -> None:
    set_at = NOW - timedelta(days=7)
    saved = store.save_schedule(Schedule("C1", time(8, 0), "UTC", starts=set_at))
    assert saved.starts == set_at
    again = store.save_schedule(Schedule("C1", time(8, 0), "UTC", quiet="skip", starts=NOW))
    assert (again.starts, again.quiet) == (set_at, "skip")  # the same time: no new start
    moved = store.save_schedule(Schedule("C1", time(8, 0), "Europe/Berlin", starts=NOW))
    assert moved.starts == NOW
    days = store.save_schedule(
        Schedule("C1", time(8, 0), "Europe/Berlin", frozenset({1}), starts=NOW + DAYS)
    )
    assert days.starts == NOW + DAYS


def test_a_failed_post_is_recorded_on_the_schedule(store: Store) -> None:
    store.save_schedule(Schedule("C1", time(8, 0), "UTC"))
    store.schedule_failed("C1", "not_in_channel", NOW)
    assert store.schedules("C1")[0].last_error == "not_in_channel"


def test_only_one_owner_gets_a_digest(store: Store) -> None:
    first = claim(store, "a")
    assert first is not None and first.attempt == 1
    assert claim(store, "b") is None
    assert store.still_held(first, NOW)


def test_a_posted_digest_is_never_claimed_again(store: Store) -> None:
    first = claim(store, "a")
    assert first is not None
    assert store.mark_posted(first, "1700000000.000100", NOW)
    assert claim(store, "b", now=NOW + timedelta(days=1)) is None
    assert store.posted_digests(["C1@2026-11-24", "C1@2026-11-25"]) == {"C1@2026-11-24"}
    assert store.last_digest_until("C1") == NOW


def test_a_dead_owners_claim_is_taken_over_when_its_lease_runs_out(store: Store) -> None:
    first = claim(store, "a")
    assert claim(store, "b", now=NOW + LEASE - timedelta(seconds=1)) is None
    second = claim(store, "b", now=NOW + LEASE)
    assert first is not None and second is not None and second.attempt == 2
    assert second.until == first.until  # the same window as the first try
    assert not store.mark_posted(first, "1.1", NOW + LEASE)
    assert store.mark_posted(second, "1.2", NOW + LEASE)


def test_a_released_claim_waits_for_its_retry_time(store: Store) -> None:
    first = claim(store, "a")
    assert first is not None
    store.release_digest(first, "ratelimited", NOW, retry_at=NOW + timedelta(minutes=2))
    assert claim(store, "a", now=NOW + timedelta(minutes=1)) is None
    again = claim(store, "a", now=NOW + timedelta(minutes=2))
    assert again is not None and again.attempt == 2


def test_a_claim_says_whether_its_last_holder_died_or_gave_it_back(store: Store) -> None:
    minute = timedelta(minutes=1)
    first = claim(store, "a")
    assert first is not None and not first.taken_over
    taken = claim(store, "b", now=NOW + LEASE)  # a's lease ran out
    assert taken is not None and taken.taken_over
    store.release_digest(taken, "ratelimited", NOW + LEASE, retry_at=NOW + LEASE + minute)
    retried = claim(store, "b", now=NOW + LEASE + minute)
    assert retried is not None and not retried.taken_over
    again = claim(store, "c", now=NOW + 2 * LEASE + minute)  # b's retry died in its turn
    assert again is not None and again.taken_over


def test_an_unfinished_thread_says_whether_its_last_holder_died_or_gave_it_back(
    store: Store,
) -> None:
    first = claim(store, "a")
    assert first is not None and store.mark_posted(first, "1.1", NOW, thread=2)
    assert store.claim_unfinished_thread("b", NOW + LEASE - timedelta(seconds=1), NOW) is None
    found = store.claim_unfinished_thread("b", NOW + LEASE, NOW + 2 * LEASE)
    assert found is not None and found.claim.taken_over  # a died before its thread was done
    store.release_digest(found.claim, "internal_error", NOW + LEASE, retry_at=NOW + LEASE)
    again = store.claim_unfinished_thread("b", NOW + LEASE, NOW + 2 * LEASE)
    assert again is not None and not again.claim.taken_over
