"""Text from feeds and users reaches Slack inert: no pings, mentions or forged links."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.escape import MAX_URL, link, mrkdwn, user_mention

LIVE_TOKEN = re.compile(r"<[!@#]|<https?:")


def test_channel_ping_from_a_feed_is_shown_not_sent() -> None:
    assert (
        mrkdwn("Breaking <!channel> & <@U123>") == "Breaking &lt;!channel&gt; &amp; &lt;@U123&gt;"
    )


def test_escaped_entity_in_a_feed_shows_as_written() -> None:
    assert mrkdwn("&lt;b&gt; & co") == "&amp;lt;b&amp;gt; &amp; co"


def test_forged_link_label_cannot_break_out() -> None:
    made = link("https://news.example/a", "click|<https://evil.example>")
    assert made.startswith("<https://news.example/a|")
    assert made.count("|") == 1
    assert "<https://evil" not in made
    assert "click\u2502" in made  # the bar stays visible, as a look-alike


def test_url_with_markup_characters_is_percent_encoded() -> None:
    assert link("https://a.example/?q=<x>|y", "a") == "<https://a.example/?q=%3Cx%3E%7Cy|a>"


def test_ampersand_in_a_url_is_escaped_for_slack() -> None:
    assert link("https://a.example/?a=1&b=2", "a") == "<https://a.example/?a=1&amp;b=2|a>"


def test_scheme_in_capitals_still_links() -> None:
    assert link("HTTPS://a.example/x", "a") == "<HTTPS://a.example/x|a>"


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "javascript:alert(1)",
        "ftp://a.example/file",
        "https://a.example/x y",
        "https://a.example/x\ny",
        "https://a.example/\x00",
        "https://",
        "https://[::1",
        "https://a.example/" + "x" * MAX_URL,
    ],
)
def test_no_usable_web_address_means_label_only(url: str | None) -> None:
    assert link(url, "Click <here>") == "Click &lt;here&gt;"


def test_empty_label_shows_the_address() -> None:
    assert link("https://a.example/", "") == "<https://a.example/>"


@pytest.mark.parametrize("user_id", ["U0123ABC", "W0123ABC"])
def test_user_mention_for_a_user_id(user_id: str) -> None:
    assert user_mention(user_id) == f"<@{user_id}>"


@pytest.mark.parametrize("user_id", ["!channel", "U0123ABC\n", "u0123abc", "U1", "U12|x", ""])
def test_anything_else_is_someone(user_id: str) -> None:
    assert user_mention(user_id) == "someone"


@given(st.text())
def test_escaped_text_holds_no_live_token(text: str) -> None:
    escaped = mrkdwn(text)
    assert "<" not in escaped and ">" not in escaped
    assert escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


@given(st.text(), st.text())
def test_a_link_has_exactly_one_live_token(url: str, label: str) -> None:
    made = link("https://a.example/" + url, label)
    assert len(LIVE_TOKEN.findall(made)) <= 1
    assert made.count("<") == made.count(">") <= 1
    if made.startswith("<"):
        assert made.endswith(">") and made.count("|") <= 1
