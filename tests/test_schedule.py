"""When a channel's digest is due: its local time, across daylight-saving changes, once a day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st

from digests.schedule import (
    Schedule,
    due,
    local_moment,
    next_digest,
    parse_time,
    parse_weekdays,
    weekdays_text,
)

BERLIN = Schedule("C0BERLIN", time(8, 0), "Europe/Berlin")
NEW_YORK = Schedule("C0NEWYORK", time(8, 0), "America/New_York")
LAST_WEEK = datetime(2026, 11, 17, tzinfo=UTC)


def now() -> datetime:
    return datetime.now(UTC)


def channels(schedules: list[Schedule], done: set[str] | None = None) -> list[str]:
    return [d.schedule.channel for d in due(schedules, now(), done or set())]


@freeze_time("2026-11-24 06:59:59")  # 07:59:59 in Berlin (UTC+1)
def test_not_due_before_its_local_time() -> None:
    assert channels([BERLIN, NEW_YORK]) == []


@freeze_time("2026-11-24 07:00:00")  # 08:00 in Berlin, 02:00 in New York
def test_berlin_is_due_at_eight_local_and_new_york_is_not() -> None:
    (found,) = due([BERLIN, NEW_YORK], now(), set())
    assert found.schedule is BERLIN
    assert found.day == date(2026, 11, 24)
    assert found.key == "C0BERLIN@2026-11-24"


@freeze_time("2026-11-24 13:00:00")  # 08:00 in New York (UTC-5)
def test_new_york_is_due_at_eight_local() -> None:
    assert channels([NEW_YORK]) == ["C0NEWYORK"]


@freeze_time("2026-11-24 13:00:00")
def test_a_done_digest_is_not_due_again() -> None:
    assert channels([BERLIN, NEW_YORK], {"C0BERLIN@2026-11-24"}) == ["C0NEWYORK"]


@freeze_time("2026-11-24 20:00:00")  # down since before 08:00; back at 21:00 Berlin
def test_a_time_missed_while_down_is_caught_up_the_same_local_day() -> None:
    assert channels([BERLIN]) == ["C0BERLIN"]


@freeze_time("2026-11-24 08:33:00")  # 09:33 in Berlin
def test_a_schedule_set_after_its_time_today_is_not_due_until_tomorrow() -> None:
    set_now = Schedule("C0BERLIN", time(8, 0), "Europe/Berlin", starts=now())
    assert channels([set_now]) == []
    coming = next_digest(set_now, now(), set())
    assert coming.day == date(2026, 11, 25)
    assert coming.moment == datetime(2026, 11, 25, 7, 0, tzinfo=UTC)


@freeze_time("2026-11-24 20:00:00")  # set last week, down at 08:00, back at 21:00 Berlin
def test_a_schedule_set_before_a_time_missed_while_down_catches_it_up() -> None:
    last_week = Schedule("C0BERLIN", time(8, 0), "Europe/Berlin", starts=LAST_WEEK)
    assert channels([last_week]) == ["C0BERLIN"]
    assert next_digest(last_week, now(), set()).moment < now()  # due now, not tomorrow


@freeze_time("2026-11-27 10:00:00")  # a Friday, after 08:00 in Berlin
def test_the_next_digest_skips_days_off_and_a_day_already_posted() -> None:
    weekdays = Schedule("C0BERLIN", time(8, 0), "Europe/Berlin", frozenset(range(1, 6)))
    assert next_digest(weekdays, now(), {"C0BERLIN@2026-11-27"}).day == date(2026, 11, 30)
    evening = Schedule("C0BERLIN", time(20, 0), "Europe/Berlin")
    assert next_digest(evening, now(), set()).day == date(2026, 11, 27)
    assert next_digest(evening, now(), {"C0BERLIN@2026-11-27"}).day == date(2026, 11, 28)


@freeze_time("2026-11-24 23:30:00")  # 00:30 on the 25th in Berlin: the 24th has passed
def test_a_missed_day_is_not_posted_the_next_day() -> None:
    assert channels([BERLIN], {"C0BERLIN@2026-11-23"}) == []


@freeze_time("2026-11-24 07:00:00")  # a Tuesday
def test_weekdays_limit_the_days() -> None:
    weekend = Schedule("C0WEEKEND", time(8, 0), "Europe/Berlin", frozenset({6, 7}))
    assert channels([weekend]) == []


def test_spring_forward_gap_posts_at_the_first_minute_after() -> None:
    # 2026-03-29 in Berlin: clocks jump from 02:00 to 03:00
    moment = local_moment(time(2, 30), "Europe/Berlin", date(2026, 3, 29))
    assert moment.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M") == "03:00"
    assert moment == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"])
def test_spring_forward_day_due_once(zone: str) -> None:
    day = date(2026, 3, 29) if zone == "Europe/Berlin" else date(2026, 3, 8)
    schedule = Schedule("C0DST", time(2, 30), zone)
    posted: set[str] = set()
    times = 0
    for minute in range(0, 24 * 60, 5):
        moment = datetime.combine(day, time(), tzinfo=UTC).replace(
            hour=minute // 60, minute=minute % 60
        )
        for found in due([schedule], moment, posted):
            if found.day == day:
                posted.add(found.key)
                times += 1
    assert times == 1


def test_fall_back_day_due_once_at_the_first_occurrence() -> None:
    # 2026-10-25 in Berlin: 02:00-03:00 happens twice
    moment = local_moment(time(2, 30), "Europe/Berlin", date(2026, 10, 25))
    assert moment == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the first 02:30 (CEST)
    schedule = Schedule("C0DST", time(2, 30), "Europe/Berlin")
    posted: set[str] = set()
    with freeze_time("2026-10-25 00:30:00"):
        for found in due([schedule], now(), posted):
            posted.add(found.key)
    with freeze_time("2026-10-25 01:30:00"):  # the second 02:30 (CET)
        assert due([schedule], now(), posted) == []
    assert posted == {"C0DST@2026-10-25"}


def test_weekday_words() -> None:
    assert parse_weekdays("mon-fri") == frozenset({1, 2, 3, 4, 5})
    assert parse_weekdays("Mon,Wed,Fri") == frozenset({1, 3, 5})
    assert parse_weekdays("fri-mon") == frozenset({5, 6, 7, 1})
    assert parse_weekdays("daily") == frozenset()
    assert parse_weekdays("someday") is None
    assert weekdays_text(frozenset({1, 2, 3, 4, 5})) == "Mon–Fri"


def test_times() -> None:
    assert parse_time("8:05") == time(8, 5)
    assert parse_time("24:00") is None


@given(
    st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.times(),
)
def test_every_local_time_has_one_moment_on_its_own_day(zone: str, day: date, at: time) -> None:
    at = at.replace(second=0, microsecond=0)
    moment = local_moment(at, zone, day)
    local = moment.astimezone(ZoneInfo(zone))
    assert local.date() == day
    assert local.time() >= at or local.time() < time(1)  # shifted only forward, past a gap
