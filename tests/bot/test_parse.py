"""Reading what a user typed after /news: subcommands, filters, dates and shared links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.slack.parse import (
    Command,
    UsageError,
    clean,
    links,
    parse_command,
    parse_search,
    parse_since,
    story_id,
)

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def test_empty_text_asks_for_help() -> None:
    assert parse_command("   ") == Command("help")


def test_unknown_word_asks_for_help_and_remembers_the_word() -> None:
    assert parse_command("weather Berlin") == Command("help", unknown="weather")


def test_subcommand_is_case_blind_and_keeps_its_arguments() -> None:
    assert parse_command("SEARCH Putin  Belarus") == Command("search", "Putin  Belarus")


def test_slack_link_markup_and_entities_are_unwrapped() -> None:
    typed = "story <https://news.example/a?x=1&amp;y=2|news.example/a> &lt;3"
    assert parse_command(typed) == Command("story", "https://news.example/a?x=1&y=2 <3")


def test_search_filters_come_out_of_the_words() -> None:
    request = parse_search(
        'missiles from:Reuters who:"Vladimir Putin" since:2026-11-20', NOW, "UTC"
    )
    assert request.words == "missiles"
    assert request.source == "Reuters"
    assert request.who == "Vladimir Putin"
    assert request.since == datetime(2026, 11, 20, tzinfo=ZoneInfo("UTC"))


def test_search_with_only_a_filter_is_allowed() -> None:
    assert parse_search("who:Lukashenko", NOW, "UTC").who == "Lukashenko"


def test_search_with_nothing_says_how() -> None:
    with pytest.raises(UsageError, match="/news search <words>"):
        parse_search("  ", NOW, "UTC")


def test_since_words_and_ages() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert parse_since("today", NOW, "Europe/Berlin") == datetime(2026, 11, 24, tzinfo=berlin)
    assert parse_since("yesterday", NOW, "UTC") == datetime(2026, 11, 23, tzinfo=ZoneInfo("UTC"))
    assert parse_since("3d", NOW, "UTC") == NOW - timedelta(days=3)
    assert parse_since("12h", NOW, "UTC") == NOW - timedelta(hours=12)


def test_a_bad_date_is_named_escaped() -> None:
    with pytest.raises(UsageError, match="&lt;!channel&gt;"):
        parse_since("<!channel>", NOW, "UTC")


def test_links_of_a_shared_message_in_order_once() -> None:
    message = {
        "text": "look <https://a.example/1|a> and <https://b.example/2> <mailto:x@y.z|mail>",
        "attachments": [{"original_url": "https://a.example/1"}, {"from_url": "https://c.example"}],
    }
    assert links(message) == ["https://a.example/1", "https://b.example/2", "https://c.example"]


@given(st.text(max_size=300))
def test_any_text_parses_to_a_known_subcommand(text: str) -> None:
    command = parse_command(text)
    assert command.name in {
        "help",
        "search",
        "latest",
        "story",
        "who",
        "feeds",
        "subscribe",
        "unsubscribe",
        "digest",
        "schedule",
    }
    assert len(command.args) <= 500


@given(st.text(max_size=200))
def test_any_search_text_parses_or_says_how(text: str) -> None:
    try:
        request = parse_search(clean(text), NOW, "UTC")
    except UsageError as exc:
        assert "`" in str(exc)
    else:
        assert request.words or request.source or request.who or request.since


@given(st.one_of(st.text(max_size=60), st.from_regex(r"#?[0-9²①٣]{1,40}", fullmatch=True)))
def test_a_story_id_is_ascii_digits_or_none(text: str) -> None:
    found = story_id(text)
    digits = text.strip().removeprefix("#")
    if digits.isascii() and digits.isdigit() and len(digits) <= 100:
        assert found == int(digits)
    else:
        assert found is None
