"""The Home tab decided and drawn without Slack; modal values read field by field."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time

import pytest

from bot.slack.home import HomeChannel, HomeFacts, HomeFeed, home_facts, read_pair
from bot.slack.home_forms import FeedForm, ScheduleForm, read_feed_form, read_schedule_form
from bot.slack.render.home import home_view
from digests.model import Feed
from digests.schedule import Schedule, parse_weekdays
from digests.store import Store
from tests.support.block_kit import view_problem
from tests.support.slack_payloads import chosen_channel, form, picked_time, ticked, typed

NOW = datetime.now(UTC)


def feed(n: int, *, title: str = "", failures: int = 0, last_error: str | None = None) -> Feed:
    url = f"https://feeds.example/{n}"
    return Feed(n, url, title or f"Feed {n}", None, failures, last_error, channels=("C0NEWS",))


def drawn(facts: HomeFacts) -> dict[str, object]:
    view = home_view(facts).to_dict()  # slack_sdk checks its own limits here
    assert view_problem(view) is None
    return view


@pytest.mark.parametrize("admin", [False, True])
def test_many_channels_and_feeds_fit_100_blocks_and_say_how_many_more(admin: bool) -> None:
    channels = tuple(
        HomeChannel(f"C0{n:04d}", f"news-{n}", Schedule(f"C0{n:04d}", time(8), "UTC"), "today")
        for n in range(40)
    )
    feeds = tuple(HomeFeed(feed(n), ("C0NEWS", "C0MORE")) for n in range(150))
    view = drawn(HomeFacts(channels, feeds, admin, more_channels=20))
    blocks = json.dumps(view["blocks"], ensure_ascii=False)
    shown_channels = blocks.count("*<#C0")
    shown_feeds = blocks.count("`#")
    assert len(view["blocks"]) <= 100  # type: ignore[arg-type]
    assert f"…and {60 - shown_channels} more channels" in blocks
    assert f"…and {150 - shown_feeds} more feeds" in blocks
    assert shown_channels >= 10 and shown_feeds >= 10


def test_outside_text_is_escaped_and_long_text_kept_within_a_section() -> None:
    schedule = Schedule(
        "C0NEWS",
        time(8),
        "UTC",
        include=tuple(f"<!here>{n}" for n in range(400)),
        last_error="<!channel> " + "x" * 5000,
        last_error_at=NOW,
    )
    title = "<!channel> *Breaking* <https://evil.example|click>"
    facts = HomeFacts(
        (HomeChannel("C0NEWS", "news", schedule, "today"),),
        (HomeFeed(feed(1, failures=3, last_error="<@U0BOSS> " * 500, title=title), ("C0NEWS",)),),
        admin=True,
    )
    text = json.dumps(drawn(facts))
    for forged in ("<!channel>", "<!here>", "<@U0BOSS>", "<https://evil.example|click>"):
        assert forged not in text
    assert "&lt;!channel&gt;" in text and "3 failures in a row" in text


def test_a_member_sees_the_channels_they_are_in_and_their_feeds_and_the_global_ones(
    store: Store,
) -> None:
    store.add_feed("https://everyone.example/rss", "For everyone")
    store.add_feed("https://news.example/rss", "News", "C0NEWS")
    store.add_feed("https://secret.example/rss", "Secret", "G0SECRET")
    store.add_feed("https://theirs.example/rss", "Theirs", "C0THEIRS", team="T0OTHER")
    store.save_schedule(Schedule("C0QUIET", time(7), "UTC"))
    member_of = {"C0NEWS": "news", "C0QUIET": "quiet", "C0THEIRS": "theirs", "C0ELSE": "else"}
    facts = home_facts(store, "", member_of, NOW, admin=False)
    assert [c.id for c in facts.channels] == ["C0NEWS", "C0QUIET"]
    assert [(f.feed.title, f.channels) for f in facts.feeds] == [
        ("For everyone", ()),
        ("News", ("C0NEWS",)),
    ]
    assert facts.channels[1].next_digest is not None and facts.channels[0].schedule is None
    assert [c.id for c in home_facts(store, "T0OTHER", member_of, NOW, admin=False).channels] == [
        "C0THEIRS"
    ]
    nobody = home_facts(store, "", None, NOW, admin=False, unlisted="missing_scope")
    assert nobody.channels == () and [f.feed.title for f in nobody.feeds] == ["For everyone"]


def test_the_schedule_form_reads_as_news_schedule_reads_its_words() -> None:
    every = form(
        channel=chosen_channel("C0NEWS"),
        time=picked_time("07:30"),
        zone=typed("utc"),
        days=ticked(*"1234567"),
        quiet=ticked("skip"),
        include=typed("budget, harbour ,"),
    )
    read = read_schedule_form(every)
    assert isinstance(read, ScheduleForm)
    assert (read.at, read.zone, read.skip_quiet) == (time(7, 30), "UTC", True)
    assert len(read.weekdays) == 7 and parse_weekdays("daily") == frozenset()
    forged = form(
        channel=chosen_channel("C1>|<!channel>"),
        time=picked_time("25:00"),
        zone=typed("EST"),  # a zone /news schedule does not take either: no Area/City
        days=ticked("8"),
    )
    errors = read_schedule_form(forged)
    assert isinstance(errors, dict) and set(errors) == {"channel", "time", "zone", "days"}
    assert read_schedule_form({"channel": "junk"}) == {
        "channel": "Choose a channel.",
        "time": "Choose a time of day.",
        "zone": "No time zone I know: use an IANA name such as Europe/Berlin, or UTC.",
    }


@pytest.mark.parametrize(
    ("url", "fine"),
    [
        ("https://news.example/rss", True),
        ("HTTP://news.example/rss", True),
        ("news.example/rss", False),
        ("https://", False),
        ("https://news.example/a b", False),
        ("javascript:alert(1)", False),
        ("https://[::1", False),
    ],
)
def test_the_feed_form_takes_a_web_address(url: str, fine: bool) -> None:
    read = read_feed_form(form(channel=chosen_channel("C0NEWS"), url=typed(url)))
    assert isinstance(read, FeedForm) is fine


@pytest.mark.parametrize(
    ("value", "pair"),
    [("12 C0NEWS", ("12", "C0NEWS")), ("12 C0NEWS>", None), ("x C0NEWS", None), ("", None)],
)
def test_an_unsubscribe_value_names_a_feed_and_a_channel_or_nothing(
    value: str, pair: tuple[str, str] | None
) -> None:
    assert read_pair(value) == pair
