"""What a Slack user sees for each /news subcommand, answered from the store without Slack."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.slack.answers import AnswerPolicy, Answers, Asker
from bot.slack.render import FULL_ACTION, PAGE_NEXT_ACTION, PAGE_PREVIOUS_ACTION, PAGE_SIZE, Message
from digests.clock import utcnow
from digests.ingest.http import PoliteClient
from digests.store import Store
from tests.support.loopback import Loopback
from tests.support.settings import settings_for
from tests.support.stories import new_story

ASKER = Asker("U0USER", "C0NEWS")
ADMIN = Asker("U0ADMIN", "C0NEWS")
PAGE = """<!doctype html><html><head><title>Reactor restarts after repairs</title></head><body>
<article><h1>Reactor restarts after repairs</h1>
<p>The Zaporizhzhia reactor restarted on Monday after four months of repairs, its operator said.</p>
<p>Engineers replaced 120 valves and two pumps at a cost of $40 million, the operator added.</p>
<p>The plant supplies 15% of the country's power and employs 11,000 people.</p>
</article></body></html>"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Loop News</title>
<item><title>Reactor restarts after repairs</title><link>{base}/a/1</link>
<description>{text}</description></item></channel></rss>"""


def text_of(message: Message) -> str:
    """Everything a reader sees in a message, as one string."""
    return json.dumps(message.to_dict(), ensure_ascii=False)


def listed(message: Message) -> int:
    """How many stories a page of results shows (each has a Full summary button)."""
    return sum(
        element.get("action_id") == FULL_ACTION
        for block in message.to_dict()["blocks"]
        for element in block.get("elements", [])
    )


def buttons(message: Message) -> dict[str, str]:
    found = {}
    for block in message.to_dict()["blocks"]:
        for element in block.get("elements", []):
            if element.get("type") == "button":
                found[element["action_id"]] = element.get("value", "")
    return found


@pytest.fixture()
def fetcher() -> Iterator[PoliteClient]:
    with PoliteClient(allow_private=True, min_interval=0.0) as client:
        yield client


def answers_for(
    store: Store,
    fetcher: PoliteClient,
    now: Callable[[], datetime] = utcnow,
    **settings: Any,
) -> Answers:
    return Answers(
        store,
        AnswerPolicy.of(settings_for(admin_user_ids=("U0ADMIN",), **settings)),
        fetcher,
        is_admin=lambda user, team: user == "U0ADMIN",
        now=now,
    )


def test_unknown_subcommand_gets_help_naming_the_word(store: Store, fetcher: PoliteClient) -> None:
    reply = answers_for(store, fetcher).answer("weather", ASKER)
    assert "I don't know `weather`" in text_of(reply.message)
    assert "/news search" in text_of(reply.message)


def test_empty_command_gets_help(store: Store, fetcher: PoliteClient) -> None:
    assert "/news search" in text_of(answers_for(store, fetcher).answer("", ASKER).message)


def test_search_finds_a_story_by_its_words(store: Store, fetcher: PoliteClient) -> None:
    store.save(new_story("Putin promises Belarus missiles", url="https://n.example/1"))
    store.save(new_story("Football results", url="https://n.example/2"))
    shown = text_of(answers_for(store, fetcher).answer("search Belarus missiles", ASKER).message)
    assert "Putin promises Belarus missiles" in shown
    assert "Football" not in shown


def test_search_pages_through_results_with_buttons(store: Store, fetcher: PoliteClient) -> None:
    for i in range(PAGE_SIZE + 2):
        store.save(new_story(f"Harbour report number {i}", url=f"https://n.example/{i}"))
    answers = answers_for(store, fetcher)
    first = answers.answer("search harbour", ASKER).message
    assert set(buttons(first)) >= {PAGE_NEXT_ACTION}
    assert PAGE_PREVIOUS_ACTION not in buttons(first)
    second = answers.page(buttons(first)[PAGE_NEXT_ACTION], ASKER)
    assert listed(second) == 2
    assert PAGE_NEXT_ACTION not in buttons(second)
    assert PAGE_PREVIOUS_ACTION in buttons(second)


def test_a_forged_page_button_says_it_expired(store: Store, fetcher: PoliteClient) -> None:
    assert "expired" in text_of(answers_for(store, fetcher).page("{not json", ASKER))


def test_search_filters_by_who(store: Store, fetcher: PoliteClient) -> None:
    store.save(
        new_story("Talks in Minsk", who=("Alexander Lukashenko",), url="https://n.example/1")
    )
    store.save(new_story("Talks in Kyiv", url="https://n.example/2"))
    shown = text_of(
        answers_for(store, fetcher).answer("search talks who:Lukashenko", ASKER).message
    )
    assert "Talks in Minsk" in shown
    assert "Talks in Kyiv" not in shown


def test_latest_counts_what_was_asked(store: Store, fetcher: PoliteClient) -> None:
    for i in range(9):
        store.save(new_story(f"Bulletin {i}", url=f"https://n.example/{i}"))
    answers = answers_for(store, fetcher)
    first = answers.answer("latest 7", ASKER).message
    assert listed(first) == PAGE_SIZE
    second = answers.page(buttons(first)[PAGE_NEXT_ACTION], ASKER)
    assert listed(second) == 2
    assert PAGE_NEXT_ACTION not in buttons(second)


def test_latest_with_a_bad_number_says_how(store: Store, fetcher: PoliteClient) -> None:
    assert "from 1 to 50" in text_of(answers_for(store, fetcher).answer("latest 0", ASKER).message)


def test_who_finds_stories_naming_someone(store: Store, fetcher: PoliteClient) -> None:
    store.save(new_story("Summit opens", who=("Vladimir Putin",), url="https://n.example/1"))
    shown = text_of(answers_for(store, fetcher).answer("who putin", ASKER).message)
    assert "Summit opens" in shown


def test_story_by_id_shows_it_in_full(store: Store, fetcher: PoliteClient) -> None:
    saved = store.save(
        new_story("Dam bursts", gist="A dam burst upstream.", url="https://n.example/d")
    )
    shown = text_of(answers_for(store, fetcher).answer(f"story {saved.id}", ASKER).message)
    assert "Dam bursts" in shown and "A dam burst upstream." in shown


def test_story_missing_says_so(store: Store, fetcher: PoliteClient) -> None:
    assert "No story #404" in text_of(
        answers_for(store, fetcher).answer("story 404", ASKER).message
    )


@pytest.mark.parametrize(
    "text", ["story 99999999999999999999999", "story #99999999999999999999999"]
)
def test_story_with_an_id_no_database_can_hold_says_none_is_stored(
    store: Store, fetcher: PoliteClient, text: str
) -> None:
    shown = text_of(answers_for(store, fetcher).answer(text, ASKER).message)
    assert "No story #99999999999999999999999 is stored." in shown


@pytest.mark.parametrize("text", ["story ①", "story ²", "story ٤٢", "story 1" + "0" * 200])
def test_story_in_other_digits_says_how_to_ask(
    store: Store, fetcher: PoliteClient, text: str
) -> None:
    shown = text_of(answers_for(store, fetcher).answer(text, ASKER).message)
    assert "`/news story <id>` shows a stored story" in shown


@pytest.mark.parametrize("count", ["²", "①", "٣", "99999999999999999999999"])
def test_latest_in_other_digits_says_how(store: Store, fetcher: PoliteClient, count: str) -> None:
    shown = text_of(answers_for(store, fetcher).answer(f"latest {count}", ASKER).message)
    assert "takes a number from 1 to 50" in shown


@pytest.mark.parametrize(
    "value",
    [
        '{"c": "latest", "a": "7", "o": 1e400}',
        '{"c": "latest", "a": "7", "o": 99999999999999999999999}',
        '{"c": "latest", "a": "7", "o": -5}',
        '{"c": "latest", "a": "7", "o": "5"}',
        '{"c": "latest", "a": "7", "o": true}',
        '{"c": ["latest"], "a": "7", "o": 5}',
        '{"c": "search", "a": ["bulletin"], "o": 5}',
        '{"c": "delete", "a": "7", "o": 5}',
        '["c", "a", "o"]',
        '"latest"',
        "9" * 5000,
    ],
)
def test_a_forged_page_button_says_it_expired_whatever_it_holds(
    store: Store, fetcher: PoliteClient, value: str
) -> None:
    store.save(new_story("Bulletin", url="https://n.example/1"))
    assert "That button has expired" in text_of(answers_for(store, fetcher).page(value, ASKER))


def test_a_page_button_with_a_count_in_other_digits_says_how(
    store: Store, fetcher: PoliteClient
) -> None:
    shown = answers_for(store, fetcher).page('{"c": "latest", "a": "²", "o": 5}', ASKER)
    assert "takes a number from 1 to 50" in text_of(shown)


@pytest.mark.parametrize(
    "value", ["²", "①", "99999999999999999999999", "9" * 5000, "", "-1", "1.0", "#"]
)
def test_forged_full_and_more_like_buttons_say_the_story_is_gone(
    store: Store, fetcher: PoliteClient, value: str
) -> None:
    store.save(new_story("Bulletin", url="https://n.example/1"))
    answers = answers_for(store, fetcher)
    for pressed in (answers.full, answers.more_like):
        assert "That story is no longer stored." in text_of(pressed(value, ASKER))


NUMBERISH = st.from_regex(r"#?[0-9²①٣]{1,40}", fullmatch=True)
PAGE_VALUES = st.fixed_dictionaries(
    {"c": st.sampled_from(["latest", "search", "who"]), "a": st.text(max_size=20)},
    optional={"o": st.one_of(st.integers(), st.floats(), st.text(max_size=5), st.booleans())},
).map(json.dumps)


# the store is only read here (no URL is given, so nothing is fetched): one store serves all
@pytest.mark.slow  # each example asks the store
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=60), NUMBERISH, PAGE_VALUES).filter(lambda v: "//" not in v))
def test_any_id_count_or_button_value_gets_an_answer(
    store: Store, fetcher: PoliteClient, value: str
) -> None:
    answers = answers_for(store, fetcher)
    for command in ("story", "latest"):
        assert text_of(answers.answer(f"{command} {value}", ASKER).message)
    for pressed in (answers.full, answers.more_like, answers.page):
        assert text_of(pressed(value, ASKER))


def test_story_url_is_read_summarized_and_kept_out_of_digests(
    store: Store, fetcher: PoliteClient, loopback: Loopback
) -> None:
    loopback.serve("/a/1", PAGE.encode(), content_type="text/html; charset=utf-8")
    answers = answers_for(store, fetcher, allow_private_urls=True)
    shown = text_of(answers.answer(f"story {loopback.url('/a/1')}", ASKER).message)
    assert "Reactor restarts after repairs" in shown
    assert "$40 million" in shown
    now = datetime.now(UTC)
    assert store.count() == 1
    assert store.window(now.replace(year=2000), now.replace(year=2100)) == []


def test_story_url_on_a_private_address_is_refused(store: Store, loopback: Loopback) -> None:
    loopback.serve("/a/1", PAGE.encode(), content_type="text/html")
    with PoliteClient(allow_private=False, min_interval=0.0) as guarded:
        shown = text_of(
            answers_for(store, guarded).answer(f"story {loopback.url('/a/1')}", ASKER).message
        )
    assert "I could not read" in shown
    assert loopback.paths() == []
    assert store.count() == 0


def test_subscribe_is_for_admins(store: Store, fetcher: PoliteClient) -> None:
    shown = text_of(
        answers_for(store, fetcher).answer("subscribe https://f.example/rss", ASKER).message
    )
    assert "only newsbot's admins" in shown and "<@U0ADMIN>" in shown
    assert store.feeds() == []


def test_admin_subscribes_the_channel_and_its_items_are_read(
    store: Store, fetcher: PoliteClient, loopback: Loopback
) -> None:
    text = "The Zaporizhzhia reactor restarted on Monday after four months of repairs. " * 12
    loopback.serve("/rss", FEED.format(base=loopback.url("")[:-1], text=text).encode())
    reply = answers_for(store, fetcher).answer(f"subscribe {loopback.url('/rss')}", ADMIN)
    assert "Subscribed this channel to" in text_of(reply.message)
    assert "Loop News" in text_of(reply.message)
    assert [f.channels for f in store.feeds("C0NEWS")] == [("C0NEWS",)]
    assert store.feeds("C0OTHER") == []
    assert reply.then is not None
    assert "1 new stories stored" in text_of(reply.then())
    assert store.count() == 1


def test_a_feed_address_with_a_password_is_never_shown_in_slack(
    store: Store, fetcher: PoliteClient, loopback: Loopback
) -> None:
    loopback.serve("/rss", FEED.format(base=loopback.url("")[:-1], text="Short.").encode())
    url = loopback.url("/rss").replace("http://", "http://reader:hunter2@")
    answers = answers_for(store, fetcher)
    for said in (f"subscribe {url}", "feeds", f"unsubscribe {url}", f"unsubscribe {url}"):
        shown = text_of(answers.answer(said, ADMIN).message)
        assert "hunter2" not in shown and "reader" not in shown
        assert loopback.url("/rss") in shown


def test_subscribe_to_a_page_that_is_no_feed_says_why(
    store: Store, fetcher: PoliteClient, loopback: Loopback
) -> None:
    loopback.serve("/page", PAGE.encode(), content_type="text/html")
    reply = answers_for(store, fetcher).answer(f"subscribe {loopback.url('/page')}", ADMIN)
    assert "I could not subscribe" in text_of(reply.message)
    assert store.feeds() == []


def test_news_feeds_cannot_be_unsubscribed_from_slack(store: Store, fetcher: PoliteClient) -> None:
    feed = store.add_feed("https://wire.example/rss", "Wire")
    answers = answers_for(store, fetcher, news_feeds=("https://wire.example/rss",))
    shown = text_of(answers.answer(f"unsubscribe {feed.id}", ADMIN).message)
    assert "NEWS_FEEDS" in shown
    assert store.feeds() != []


def test_admin_unsubscribes_the_channel(store: Store, fetcher: PoliteClient) -> None:
    store.add_feed("https://local.example/rss", "Local", channel="C0NEWS")
    answers = answers_for(store, fetcher)
    shown = text_of(answers.answer("unsubscribe https://local.example/rss", ADMIN).message)
    assert "Unsubscribed this channel from" in shown
    assert store.feeds("C0NEWS") == []


def test_feeds_lists_the_channels_feeds_with_health(store: Store, fetcher: PoliteClient) -> None:
    store.add_feed("https://wire.example/rss", "Wire")
    mine = store.add_feed("https://local.example/rss", "Local <!channel>", channel="C0NEWS")
    store.record_failure(mine.id, datetime.now(UTC), "HTTP 503")
    store.add_feed("https://elsewhere.example/rss", "Elsewhere", channel="C0OTHER")
    shown = text_of(answers_for(store, fetcher).answer("feeds", ASKER).message)
    assert "Wire" in shown and "Local &lt;!channel&gt;" in shown and "HTTP 503" in shown
    assert "Elsewhere" not in shown
    assert "<!channel>" not in shown


def test_digest_preview_shows_the_days_best_stories(store: Store, fetcher: PoliteClient) -> None:
    store.save(new_story("Parliament passes the budget", url="https://n.example/b"))
    shown = text_of(answers_for(store, fetcher).answer("digest preview", ASKER).message)
    assert "Parliament passes the budget" in shown


def test_admin_sets_shows_and_stops_the_channels_schedule(
    store: Store, fetcher: PoliteClient
) -> None:
    answers = answers_for(store, fetcher)
    set_ = text_of(answers.answer("schedule 08:00 Europe/Berlin mon-fri", ADMIN).message)
    assert "08:00 Europe/Berlin, Mon–Fri" in set_
    (schedule,) = store.schedules("C0NEWS")
    assert schedule.weekdays == frozenset({1, 2, 3, 4, 5})
    assert "08:00 Europe/Berlin" in text_of(answers.answer("schedule", ASKER).message)
    assert "stopped" in text_of(answers.answer("schedule off", ADMIN).message)
    assert store.schedules("C0NEWS") == []


def test_setting_a_time_that_has_passed_today_says_the_first_digest_comes_tomorrow(
    store: Store, fetcher: PoliteClient
) -> None:
    answers = answers_for(store, fetcher, now=lambda: datetime(2026, 12, 1, 9, 33, tzinfo=UTC))
    said = text_of(answers.answer("schedule 09:00 UTC", ADMIN).message)
    assert "first digest: tomorrow, Wed 2 Dec, 09:00 UTC" in said
    said = text_of(answers.answer("schedule 08:00 Europe/Berlin sat,sun", ADMIN).message)
    assert "first digest: Sat 5 Dec, 08:00 Europe/Berlin" in said
    said = text_of(answers.answer("schedule 18:00 Europe/Berlin", ADMIN).message)
    assert "first digest: today, Tue 1 Dec, 18:00 Europe/Berlin" in said
    assert "next digest: today, Tue 1 Dec, 18:00" in text_of(
        answers.answer("schedule", ASKER).message
    )


def test_schedule_warns_when_the_bot_is_not_in_the_channel(
    store: Store, fetcher: PoliteClient
) -> None:
    answers = answers_for(store, fetcher)
    answers.bot_in_channel = lambda channel, team: False
    said = text_of(answers.answer("schedule 7:30", ADMIN).message)
    assert "/invite @newsbot" in said


def test_schedule_shows_why_the_last_digest_failed(store: Store, fetcher: PoliteClient) -> None:
    answers = answers_for(store, fetcher)
    answers.answer("schedule 08:00 UTC", ADMIN)
    store.schedule_failed("C0NEWS", "not_in_channel: invite it", datetime.now(UTC))
    assert "was not posted: not_in_channel" in text_of(answers.answer("schedule", ASKER).message)


def test_schedule_changes_are_for_admins(store: Store, fetcher: PoliteClient) -> None:
    said = text_of(answers_for(store, fetcher).answer("schedule 08:00", ASKER).message)
    assert "only newsbot's admins" in said
    assert store.schedules() == []


def test_a_bad_time_or_zone_says_how(store: Store, fetcher: PoliteClient) -> None:
    answers = answers_for(store, fetcher)
    assert "no time of day" in text_of(answers.answer("schedule 25:00", ADMIN).message)
    assert "no time zone" in text_of(answers.answer("schedule 08:00 Mars/Olympus", ADMIN).message)


def test_a_schedule_from_env_is_changed_in_env(store: Store, fetcher: PoliteClient) -> None:
    from datetime import time

    from digests.schedule import Schedule

    store.save_schedule(Schedule("C0NEWS", time(8, 0), "UTC", origin="env"))
    said = text_of(answers_for(store, fetcher).answer("schedule off", ADMIN).message)
    assert "DIGEST_CHANNELS" in said
    assert store.schedules("C0NEWS") != []


def test_a_channels_keywords_shape_its_digest(store: Store, fetcher: PoliteClient) -> None:
    answers = answers_for(store, fetcher)
    said = text_of(answers.answer("schedule 08:00 UTC exclude:football,cricket", ADMIN).message)
    assert "none with football or cricket" in said
    store.save(new_story("Football final tonight", url="https://n.example/f"))
    store.save(new_story("Budget passes parliament", url="https://n.example/b"))
    shown = text_of(answers.answer("digest preview", ASKER).message)
    assert "Budget passes parliament" in shown and "Football" not in shown
