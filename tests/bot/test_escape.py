"""Text from feeds and users reaches Slack inert and as written: no pings, mentions, forged
links, formatting or credentials."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.slack.escape import (
    LOOKALIKES,
    RATIO,
    SOFT_HYPHEN,
    link,
    mrkdwn,
    user_mention,
    without_credentials,
)

LIVE_TOKEN = re.compile(r"<[!@#]|<https?:")
# What Slack would read as formatting in mrkdwn text: * _ ~ at a word's edge (Slack leaves
# not_in_channel alone), any backtick or full-width mark; a quote (> at a line's start, or
# after a space, where a long line may be split into sections); an emoji code (also one left
# open at the end, which the ": " after it would close)
SLACK_MARK = re.compile(r"[`＊＿｀]|(?<![A-Za-z0-9])[*_~]|[*_~](?![A-Za-z0-9])")
SLACK_QUOTE = re.compile(r"(?<!\S)(?:&gt;|\uff1e)")
SLACK_EMOJI = re.compile(r":[a-z0-9_+'-]*[a-z_+'-][a-z0-9_+'-]*(?::|\Z)", re.I)
NEUTRALISERS = "".join(LOOKALIKES.values()) + RATIO + SOFT_HYPHEN


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


def test_an_address_keeps_its_marks_and_colons_where_slack_reads_none() -> None:
    made = link("https://a.example/_x_/*y*/~z:fire:", "a")
    assert made == "<https://a.example/_x_/*y*/~z:fire:|a>"


def test_no_web_address_means_no_link() -> None:
    assert link("javascript:alert(1)", "Click <here>") == "Click &lt;here&gt;"
    assert link(None, "Plain") == "Plain"


def test_a_title_in_stars_shows_its_stars_not_bold() -> None:
    assert mrkdwn("*vote* _it_ ~s~ `code`") == "∗vote∗ ˍitˍ ∼s∼ ˋcodeˋ"
    assert not SLACK_MARK.search(mrkdwn("```rm -rf *``` ＊全角＊ ＿x＿ ｀y｀"))


def test_marks_inside_a_word_are_left_as_written() -> None:
    assert mrkdwn("not_in_channel, 2*3*4 and a~b") == "not_in_channel, 2*3*4 and a~b"
    assert mrkdwn("_x_y_") == "ˍx_yˍ"


def test_a_line_opening_with_a_bracket_is_no_quote() -> None:
    shown = mrkdwn("> not a quote\n＞ nor this; a > b, a>b")
    hyphen = SOFT_HYPHEN
    assert shown == f"{hyphen}&gt; not a quote\n{hyphen}＞ nor this; a {hyphen}&gt; b, a&gt;b"


def test_emoji_codes_show_as_typed_and_times_are_untouched() -> None:
    assert mrkdwn(":fire: at 10:30:45") == f"{RATIO}fire: at 10:30:45"
    assert not SLACK_EMOJI.search(mrkdwn(":white_check_mark: :a:b: ends :fire"))


def test_credentials_in_a_feed_address_are_hidden_in_link_and_label() -> None:
    url = "https://reader:hunter2@feeds.example/rss?a=1&b=2"
    assert link(url, url) == (
        "<https://feeds.example/rss?a=1&amp;b=2|https://feeds.example/rss?a=1&amp;b=2>"
    )
    assert mrkdwn(f"HTTP 401 at {url}") == "HTTP 401 at https://feeds.example/rss?a=1&amp;b=2"
    assert without_credentials("ftp://anon@ftp.example/ and HTTP://a:b@c@d.example") == (
        "ftp://ftp.example/ and HTTP://d.example"
    )


def test_user_mention_only_for_a_user_id() -> None:
    assert user_mention("U0123ABC") == "<@U0123ABC>"
    assert user_mention("!channel") == "someone"


@given(st.text())
def test_escaped_text_holds_no_live_token(text: str) -> None:
    escaped = mrkdwn(text)
    assert "<" not in escaped and ">" not in escaped


@given(st.text(), st.text())
def test_a_link_has_exactly_one_live_token(url: str, label: str) -> None:
    made = link("https://a.example/" + url, label)
    assert len(LIVE_TOKEN.findall(made)) <= 1
    assert made.count("<") == made.count(">") <= 1


# any text, with Slack's marks, brackets, colons and line breaks often in it
OUTSIDE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("*_~`＊＿｀＞>:&<|@/ \nab1"),
        st.characters(exclude_characters=NEUTRALISERS),
    )
)


def restored(shown: str) -> str:
    """Neutralised mrkdwn with the lookalikes and soft hyphens taken out again."""
    back = {ord(v): k for k, v in LOOKALIKES.items() if k != "\uff40"} | {ord(RATIO): ":"}
    return shown.replace(SOFT_HYPHEN, "").translate(back)


@given(OUTSIDE_TEXT)
def test_outside_text_never_formats_and_reads_back_as_written(text: str) -> None:
    shown = mrkdwn(text)
    assert not SLACK_MARK.search(shown)
    assert not SLACK_QUOTE.search(shown)
    assert not SLACK_EMOJI.search(shown)
    escaped = without_credentials(text).replace("&", "&amp;").replace("<", "&lt;")
    assert restored(shown) == escaped.replace(">", "&gt;").replace("\uff40", "`")


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=6),
    st.sampled_from(["", "reader:", "reader@corp:"]),
)
def test_a_password_never_reaches_slack(password: str, user: str) -> None:
    url = f"https://{user}{password}@feeds.example/rss"
    assert password not in link(url, url)
    assert password not in mrkdwn(f"could not read {url}: HTTP 401")
