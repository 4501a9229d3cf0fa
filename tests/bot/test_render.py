"""Messages as a reader sees them, and always within Slack's limits, however big the story."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.render import (
    FULL_ACTION,
    MORE_ACTION,
    PAGE_NEXT_ACTION,
    PAGE_PREVIOUS_ACTION,
    SHARE_ACTION,
    Message,
    digest_message,
    feeds_message,
    help_message,
    notice,
    results_message,
    shared_message,
    split_text,
    story_message,
    thread_messages,
)
from digests.compose import Digest, DigestEntry
from digests.model import Entity, EntityKind, Feed, Figure, FigureKind, Story, Summary

SEEN = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
HOSTILE = "<!channel> <@U123> <http://evil|click> & more"
LIVE = re.compile(r"<(?:!channel|@U123|http://evil)")  # HOSTILE's tokens, were they live


def story(
    story_id: int = 7,
    *,
    headline: str = "Putin promises Belarus Iskander-M missiles",
    gist: str = "Russia will supply Belarus with Iskander-M missile systems.",
    who: int = 2,
    numbers: int = 1,
    sources: int = 1,
    source: str = "Reuters",
    text: str = "",
    url: str | None = "https://n.example/7",
) -> Story:
    """A stored story; `text` stands in for every name, role, figure and clause when given."""
    summary = Summary(
        source="https://n.example/7",
        headline=headline,
        gist=gist,
        who=tuple(
            Entity(text or f"Person Number{i}", EntityKind.PERSON, text or "minister")
            if i % 2
            else Entity(text or f"Person Number{i}", EntityKind.ORGANIZATION)
            for i in range(who)
        ),
        numbers=tuple(
            Figure(text or f"{i} km", float(i), "km", FigureKind.QUANTITY, text or f"up to {i} km")
            for i in range(numbers)
        ),
        when=date(2026, 11, 22),
        when_text="on Saturday",
        where=("St Petersburg",),
        key_points=(gist, text or "Lukashenko asked for the missiles.", text or "Range: 500 km."),
    )
    return Story(story_id, url, source, headline, None, SEEN, SEEN, summary, story_id, sources)


def huge(story_id: int = 7, char: str = "a") -> Story:
    """A story far bigger than any message: a 10,000-character gist, 100 names, 100 figures."""
    words = " ".join([char * 9] * 1000)
    return story(
        story_id, headline=words, gist=words, who=100, numbers=100, text=words, source=words
    )


def digest_of(*entries: tuple[Story, int, str]) -> Digest:
    return Digest(
        since=SEEN - timedelta(days=1),
        until=SEEN,
        entries=tuple(DigestEntry(s, n, 1.0, group) for s, n, group in entries),
        considered=len(entries),
    )


def shown(message: Message) -> str:
    """The message as Slack receives it, checked against Slack's limits independently."""
    data = message.to_dict()
    sent = json.dumps(data, ensure_ascii=False)
    assert json.loads(sent) == data
    assert 0 < len(data["text"]) < 3000 and len(sent) < 12_000
    assert 0 < len(data["blocks"]) <= 50
    for block in data["blocks"]:
        text = (block.get("text") or {}).get("text", "")
        assert len(text) <= {"section": 3000, "header": 150}.get(block["type"], 3000)
        ids = [e["action_id"] for e in block.get("elements", []) if "action_id" in e]
        assert len(ids) == len(set(ids))
    return sent


def buttons(message: Message) -> list[tuple[str, str]]:
    return [
        (e["action_id"], e.get("value", ""))
        for b in message.to_dict()["blocks"]
        for e in b.get("elements", [])
        if e.get("type") == "button"
    ]


def test_story_shows_headline_link_gist_who_numbers_and_context() -> None:
    text = shown(story_message(story(sources=3)))
    assert "*<https://n.example/7|Putin promises Belarus Iskander-M missiles>*" in text
    assert "Russia will supply Belarus" in text
    assert "*Who:* Person Number0, Person Number1 (minister)" in text
    assert "• 0 km: up to 0 km" in text
    assert "• Lukashenko asked for the missiles." in text
    assert "Reuters · <!date^1795500000^{date_short_pretty} at {time}|2026-11-24 06:00 UTC>" in text
    assert "· 3 sources · #7" in text


def test_story_fallback_is_headline_and_gist() -> None:
    message = story_message(story())
    assert message.text == (
        "Putin promises Belarus Iskander-M missiles — "
        "Russia will supply Belarus with Iskander-M missile systems."
    )


def test_story_has_a_share_button_with_its_id() -> None:
    assert buttons(story_message(story())) == [(SHARE_ACTION, "7")]
    assert buttons(story_message(story(), buttons=False)) == []


def test_lone_story_does_not_claim_sources() -> None:
    assert "sources" not in shown(story_message(story(sources=1)))


def test_story_without_a_web_address_shows_its_headline_unlinked() -> None:
    text = shown(story_message(story(url="javascript:alert(1)")))
    assert "*Putin promises Belarus Iskander-M missiles*" in text
    assert "javascript" not in text


def test_story_text_cannot_ping_channel_or_forge_links() -> None:
    hostile = story(headline=HOSTILE, gist=HOSTILE, source=HOSTILE, text=HOSTILE)
    messages = [
        story_message(hostile),
        shared_message(hostile, user_id="U0USER"),
        results_message("*Results*", [hostile]),
        digest_message(digest_of((hostile, 2, HOSTILE)), zone="UTC"),
        *thread_messages(digest_of((hostile, 2, HOSTILE))),
    ]
    for message in messages:
        text = shown(message)
        assert not LIVE.search(text), text
        assert not LIVE.search(message.text)
        assert "&lt;!channel&gt;" in text


def test_feed_title_cannot_ping_channel() -> None:
    feed = Feed(1, "https://wire.example/rss", HOSTILE, SEEN, 2, HOSTILE)
    text = shown(feeds_message([feed], global_ids=set()))
    assert not LIVE.search(text)
    assert "&lt;!channel&gt; &lt;@U123&gt; &lt;http://evil\u2502click&gt;" in text


def test_shared_story_names_who_shared_it_and_has_no_buttons() -> None:
    message = shared_message(story(), user_id="U0USER")
    assert "Shared by <@U0USER>" in shown(message)
    assert buttons(message) == []


def test_shared_by_a_strange_user_id_says_someone() -> None:
    assert "Shared by someone" in shown(shared_message(story(), user_id="<!channel>"))


Builder = Callable[[Story], Message | list[Message]]
BUILDERS: dict[str, Builder] = {
    "story": story_message,
    "shared": lambda s: shared_message(s, user_id="U0USER"),
    "results": lambda s: results_message(
        "*Found*", [s] * 10, next_page="n" * 2000, previous_page="p" * 2000
    ),
    "digest": lambda s: digest_message(digest_of(*[(s, 3, s.source)] * 50), zone="UTC"),
    "thread": lambda s: thread_messages(digest_of(*[(s, 3, s.source)] * 50)),
}


@pytest.mark.parametrize("char", ["a", "&", "<", '"', "ж", "\x01"])
@pytest.mark.parametrize("name", BUILDERS)
def test_a_huge_story_stays_within_limits(name: str, char: str) -> None:
    made = BUILDERS[name](huge(char=char))
    for message in made if isinstance(made, list) else [made]:
        shown(message)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=3000),
    st.text(max_size=300),
    st.integers(0, 100),
    st.one_of(st.none(), st.text(max_size=2500).map(lambda rest: "https://x.example/" + rest)),
)
def test_any_story_makes_valid_messages(text: str, name: str, count: int, url: str | None) -> None:
    made = story(headline=text, gist=text, who=count, numbers=count, text=name, url=url)
    for build in BUILDERS.values():
        result = build(made)
        for message in result if isinstance(result, list) else [result]:
            shown(message)


def test_a_long_story_is_shown_shorter_in_one_message() -> None:
    text = shown(story_message(huge()))
    assert "*Who:*" in text and "…" in text


def test_results_page_lists_stories_with_buttons_and_pages() -> None:
    stories = [story(i, headline=f"Story {i}") for i in range(10)]
    message = results_message("*Found*", stories, next_page="n", previous_page="p")
    shown(message)
    found = buttons(message)
    assert (PAGE_NEXT_ACTION, "n") in found and (PAGE_PREVIOUS_ACTION, "p") in found
    assert [value for action, value in found if action == FULL_ACTION] == [
        str(i) for i in range(10)
    ]
    assert [value for action, value in found if action == SHARE_ACTION] == [
        str(i) for i in range(10)
    ]


def test_results_page_without_more_has_no_page_buttons() -> None:
    found = buttons(results_message("*Found*", [story()]))
    assert {action for action, _ in found} == {FULL_ACTION, SHARE_ACTION}


def test_results_gist_is_cut_at_a_word() -> None:
    text = shown(results_message("*Found*", [story(gist="missiles " * 100)]))
    assert "missiles missiles…" in text and "missi…" not in text


def test_results_that_cannot_fit_say_more_is_on_the_next_page() -> None:
    stories = [huge(i, '"') for i in range(10)]
    message = results_message("*Found*", stories, next_page='"' * 2000, previous_page="p")
    text = shown(message)
    assert "(more on the next page)" in text
    assert (PAGE_NEXT_ACTION, '"' * 2000) in buttons(message)


def test_results_refuse_more_than_ten_stories_or_a_long_page_value() -> None:
    with pytest.raises(ValueError, match="at most 10"):
        results_message("*Found*", [story()] * 11)
    with pytest.raises(ValueError, match="2000"):
        results_message("*Found*", [story()], next_page="n" * 2001)


def test_empty_results_say_so() -> None:
    message = results_message("*Found*", [], empty="Nothing like it.")
    assert "Nothing like it." in shown(message)
    assert message.text == "Found: Nothing like it."


def test_feeds_show_title_id_scope_and_health() -> None:
    feeds = [
        Feed(1, "https://wire.example/rss", "Wire", SEEN, 0, None),
        Feed(2, "https://down.example/rss", None, None, 3, "HTTP 503 <b>"),
        Feed(3, "https://new.example/rss", "New", None, 0, None),
    ]
    text = shown(feeds_message(feeds, global_ids={1}))
    assert "<https://wire.example/rss|Wire> `#1` · for every channel (NEWS_FEEDS)" in text
    assert "ok, last fetched <!date^1795500000^" in text
    assert "<https://down.example/rss|https://down.example/rss> `#2`" in text
    assert "failing: 3 times, last error: HTTP 503 &lt;b&gt;" in text
    assert "`#3`\\n      not fetched yet" in text


def test_a_thousand_feeds_end_with_how_many_more() -> None:
    feeds = [Feed(i, f"https://f{i}.example/rss", f"Feed {i}", SEEN, 0, None) for i in range(1000)]
    text = shown(feeds_message(feeds, global_ids=set()))
    assert re.search(r"…and \d+ more \(`newsbot feeds list` shows them all\)", text)
    assert "Feed 0>" in text


def test_no_feeds_says_how_to_add_one() -> None:
    message = feeds_message([], global_ids=set())
    assert message.text == "No feeds yet. An admin can add one with `/news subscribe <feed url>`."


def test_help_names_every_subcommand() -> None:
    text = shown(help_message())
    for command in [
        "help",
        "search <words>",
        "latest [n]",
        "story <id>",
        "story <url>",
        "who <name>",
        "feeds",
        "subscribe <feed url>",
        "unsubscribe <feed url or id>",
        "digest preview",
        "digest now",
        "schedule",
    ]:
        assert f"`/news {command}" in text
    assert "from:<source>" in text and "since:<date>" in text and "`7d`" in text


def test_notice_is_its_own_fallback() -> None:
    message = notice("Subscribed to *Wire*.")
    assert message.text == "Subscribed to *Wire*."
    assert shown(message).count("Subscribed to *Wire*.") == 2


def test_a_very_long_notice_is_cut_to_fit() -> None:
    text = shown(notice("word " * 10_000))
    assert "…" in text


def test_a_message_over_a_limit_is_refused_naming_it() -> None:
    section = notice("x").blocks[0]
    with pytest.raises(ValueError, match="51 blocks"):
        Message(text="x", blocks=(section,) * 51)
    with pytest.raises(ValueError, match="fallback"):
        Message(text="", blocks=(section,))
    with pytest.raises(ValueError, match="3000"):
        Message(text="x", blocks=(SectionBlock(text=MarkdownTextObject(text="x" * 3001)),))
    with pytest.raises(ValueError, match="characters of JSON"):
        Message(text="x", blocks=notice("y " * 1490).blocks * 5)


def test_messages_are_json_for_slack() -> None:
    message = story_message(story())
    data = json.loads(json.dumps(message.to_dict()))
    assert data["text"] == message.text
    assert [block["type"] for block in data["blocks"]] == ["section", "context", "actions"]


def test_digest_lists_stories_under_their_source_with_the_date() -> None:
    digest = digest_of((story(1, headline="Dam bursts"), 3, "Wire"), (story(2), 1, "Local <b>"))
    message = digest_message(digest, zone="Europe/Berlin", preview=True)
    text = shown(message)
    assert "News digest · Tuesday 24 November" in text
    assert "*Wire*\\n• <https://n.example/7|Dam bursts> · 3 sources" in text
    assert "*Local &lt;b&gt;*" in text
    assert "only you see it" in text


def test_a_digest_too_long_for_one_message_counts_the_rest() -> None:
    digest = digest_of(*[(huge(i, "&"), 2, f"Source {i}") for i in range(50)])
    text = shown(digest_message(digest, zone="UTC"))
    assert re.search(r"…and \d+ more: every story is in the thread", text)


def test_thread_holds_every_story_once() -> None:
    digest = digest_of(*[(huge(i), 2, "Wire") for i in range(50)])
    messages = thread_messages(digest)
    assert len(messages) > 1
    found = [value for m in messages for action, value in buttons(m) if action == MORE_ACTION]
    assert found == [str(i) for i in range(50)]


def test_a_quiet_digest_says_since_when() -> None:
    assert "Nothing new since <!date^" in shown(digest_message(digest_of(), zone="UTC"))


# split_text: a word is letters, or a Slack token that may hold spaces
WORD = st.one_of(
    st.text(alphabet="abc&;!|@", min_size=1, max_size=12),
    st.builds(
        "<https://n.example/{}|{}>".format, st.text("xyz", max_size=8), st.text("p q", max_size=8)
    ),
    st.builds("<@U{}>".format, st.text("ABC123", min_size=2, max_size=6)),
)
SPACE = st.sampled_from([" ", "  ", "\n", "\n\n", " \n"])


@st.composite
def words_and_text(draw: st.DrawFn) -> tuple[list[str], str]:
    words = draw(st.lists(WORD, max_size=60))
    text = draw(SPACE.map(lambda s: s.strip(" "))) if words else ""
    for word in words:
        text += word + draw(SPACE)
    return words, text


@given(words_and_text(), st.integers(40, 200))
def test_split_text_keeps_words_whole_and_in_order(
    drawn: tuple[list[str], str], limit: int
) -> None:
    words, text = drawn
    pieces = split_text(text, limit)
    assert all(len(piece) <= limit for piece in pieces)
    assert [w for piece in pieces for w in piece.split()] == text.split()
    kept = "\x00".join(pieces)
    assert all(word in kept for word in words)  # every token and word is whole in one piece


@given(st.text(alphabet=st.sampled_from("ab <>|@!&;\n"), max_size=400), st.integers(1, 60))
def test_split_text_cuts_a_too_long_word_but_loses_nothing(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert all(len(piece) <= limit for piece in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


def test_split_text_prefers_line_breaks() -> None:
    assert split_text("one two\nthree four\nfive", 18) == ["one two\nthree four", "five"]


def test_split_text_never_cuts_a_link() -> None:
    line = "see " + " ".join(f"<https://n.example/{i}|story {i}>" for i in range(40))
    pieces = split_text(line, 100)
    assert all(re.fullmatch(r"(see )?(<[^<>]+>( |$))+", piece + " ") for piece in pieces)
    assert "<https://n.example/|a b>" in split_text("x" * 50 + "<https://n.example/|a b>", 40)[-1]


def test_split_text_cuts_a_token_longer_than_the_limit() -> None:
    token = "<https://n.example/" + "x" * 100 + ">"
    assert "".join(split_text(token, 40)) == token


def test_split_text_does_not_cut_an_escaped_character() -> None:
    assert split_text("&amp;" * 10, 8) == ["&amp;", "&amp;"] * 5
