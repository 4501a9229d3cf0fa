"""Text from feeds and users reaches Slack inert: no pings, mentions or forged links."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.escape import link, mrkdwn, user_mention

LIVE_TOKEN = re.compile(r"<[!@#]|<https?:")


def test_channel_ping_from_a_feed_is_shown_not_sent() -> None:
    assert (
        mrkdwn("Breaking <!channel> & <@U123>") == "Breaking &lt;!channel&gt; &amp; &lt;@U123&gt;"
    )


def test_forged_link_label_cannot_break_out() -> None:
    made = link("https://news.example/a", "click|<https://evil.example>")
    assert made.startswith("<https://news.example/a|")
    assert made.count("|") == 1
    assert "<https://evil" not in made


def test_url_with_markup_characters_is_percent_encoded() -> None:
    assert link("https://a.example/?q=<x>|y", "a") == "<https://a.example/?q=%3Cx%3E%7Cy|a>"


def test_no_web_address_means_no_link() -> None:
    assert link("javascript:alert(1)", "Click <here>") == "Click &lt;here&gt;"
    assert link(None, "Plain") == "Plain"


def test_user_mention_only_for_a_user_id() -> None:
    assert user_mention("U0123ABC") == "<@U0123ABC>"
    assert user_mention("!channel") == "someone"


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
