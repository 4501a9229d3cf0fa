"""Messages as a reader sees them, and always within Slack's limits, however big the story."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.slack.render import (
    FULL_ACTION,
    MORE_ACTION,
    PAGE_NEXT_ACTION,
    PAGE_PREVIOUS_ACTION,
    PAGE_SIZE,
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
from bot.slack.render.message import MAX_MESSAGE_JSON, clip
from digests.model import Entity, EntityKind, Feed, Figure, FigureKind, Story, Summary
from tests.support.stories import SEEN, digest_of, story

HOSTILE = "<!channel> <@U0BOSS> <https://evil.example|click> & more"
# our own markup in story and digest messages: the parts of <link|label>, date and mention
# tokens that are not their label, the bold labels, and the * that bolds a headline or a
# source's name (at its line's ends); what is left came from outside
OUR_MARKUP = re.compile(r"<[^<>|]*\|?|>|\*(?:Who|Numbers|Key points):\*|^\*|\*$", re.M)
# what Slack would read as formatting: * _ ~ at a word's edge, any backtick or full-width
# mark, an emoji code, a quote where a line may start
SLACK_FORMATTING = re.compile(
    r"[`＊＿｀]|(?<![A-Za-z0-9])[*_~]|[*_~](?![A-Za-z0-9])"
    r"|:[a-z0-9_+'-]*[a-z_+'-][a-z0-9_+'-]*:|(?<!\S)(?:&gt;|＞)",
    re.I,
)


def shown(message: Message) -> str:
    return json.dumps(message.to_dict(), ensure_ascii=False)


def text_objects(message: Message, kind: str) -> list[dict[str, Any]]:
    """Every text object of one kind (mrkdwn, plain_text) in the message's blocks."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if node.get("type") == kind and isinstance(node.get("text"), str):
                found.append(node)
            for value in node.values():
                walk(value)

    walk(message.to_dict()["blocks"])
    return found


def texts(message: Message, kind: str) -> list[str]:
    """The text of every text object of one kind in the message's blocks."""
    return [found["text"] for found in text_objects(message, kind)]


def shows_outside_text_as_written(message: Message) -> None:
    """No text from outside formats: what Slack reads as mrkdwn holds no formatting but ours."""
    for text in [message.text, *texts(message, "mrkdwn")]:
        assert not SLACK_FORMATTING.search(OUR_MARKUP.sub("", text)), text


def actions(message: Message) -> dict[str, str]:
    return {
        e["action_id"]: e.get("value", "")
        for b in message.to_dict()["blocks"]
        for e in b.get("elements", [])
        if e.get("type") == "button"
    }


def test_story_shows_headline_link_gist_who_numbers_and_context() -> None:
    text = shown(story_message(story(sources=3)))
    assert "*<https://n.example/7|Putin promises Belarus Iskander-M missiles>*" in text
    assert "Russia will supply Belarus" in text
    assert "Person Number1 (minister)" in text
    assert "0 km: a range of up to 0 km" in text
    assert "3 sources" in text and "#7" in text and "Reuters" in text
    assert "<!date^" in text  # shown in each reader's own time zone


def test_story_has_a_share_button_with_its_id() -> None:
    assert actions(story_message(story()))[SHARE_ACTION] == "7"


def test_lone_story_does_not_claim_sources() -> None:
    assert "sources" not in shown(story_message(story(sources=1)))


def test_hostile_feed_text_is_inert_everywhere() -> None:
    hostile = story(headline=HOSTILE, gist=HOSTILE, source=HOSTILE)
    for message in (
        story_message(hostile),
        shared_message(hostile, user_id="U0USER"),
        results_message("*Results*", [hostile]),
    ):
        for text in [message.text, *texts(message, "mrkdwn")]:
            assert "<!channel>" not in text and "<@U0BOSS>" not in text
            assert "<https://evil.example" not in text
        assert "&lt;!channel&gt;" in shown(message)
        # the source as plain text: shown exactly as written, Slack parses nothing in it
        assert HOSTILE in texts(message, "plain_text")


def test_a_feed_headline_in_stars_shows_as_written_in_digest_thread_and_share() -> None:
    marked = story(headline="*vote* now :fire:", gist="A _big_ ~win~ for `code`", source="*Wire*")
    digest = digest_of((marked, 1, "*Wire*"))
    thread = thread_messages(digest)
    shared = shared_message(marked, user_id="U0USER")
    for message in (digest_message(digest, zone="UTC"), *thread, shared):
        assert "∗vote∗ now ∶fire:" in shown(message)
        shows_outside_text_as_written(message)
    for message in (*thread, shared):
        assert "A ˍbigˍ ∼win∼ for ˋcodeˋ" in shown(message)
        assert "*Wire*" in texts(message, "plain_text")  # the source, as written
    assert "*∗Wire∗*" in shown(digest_message(digest, zone="UTC"))  # its name, in our bold


def test_a_feed_address_with_a_password_shows_neither_user_nor_password() -> None:
    url = "https://reader:hunter2@private.example/rss"
    feeds = [Feed(1, url, None, None, 2, f"HTTP 401 Unauthorized at {url}", channels=("C1",))]
    text = shown(feeds_message(feeds, global_ids=set()))
    assert "hunter2" not in text and "reader" not in text
    assert "<https://private.example/rss|https://private.example/rss>" in text
    assert "HTTP 401 Unauthorized at https://private.example/rss" in text
    linked = shown(story_message(replace(story(), url="https://reader:hunter2@n.example/7")))
    assert "hunter2" not in linked and "<https://n.example/7|" in linked


def test_slack_links_nothing_a_feed_wrote_bare() -> None:
    bare = story(headline="@here see #general at www.news.example", gist="@channel #general")
    digest = digest_of((bare, 1, "@here"))
    for message in (
        story_message(bare),
        digest_message(digest, zone="UTC"),
        *thread_messages(digest),
    ):
        marked = text_objects(message, "mrkdwn")
        assert marked and all(found.get("verbatim") is True for found in marked)


def test_shared_story_names_who_shared_it_and_has_no_buttons() -> None:
    message = shared_message(story(), user_id="U0USER")
    assert "Shared by <@U0USER>" in shown(message)
    assert actions(message) == {}


@pytest.mark.parametrize("size", [1, 10_000])
def test_a_huge_story_stays_within_limits(size: int) -> None:
    big = story(gist="word " * (size // 5), who=100, numbers=100)
    message = story_message(big)
    assert len(message.blocks) <= 50
    assert len(shown(message)) < MAX_MESSAGE_JSON
    for block in message.to_dict()["blocks"]:
        assert len(block.get("text", {}).get("text", "")) <= 3000


def test_results_page_lists_stories_with_buttons_and_pages() -> None:
    stories = [story(i, headline=f"Story {i}", gist="g " * 400) for i in range(PAGE_SIZE)]
    message = results_message("*Found*", stories, next_page="n", previous_page="p")
    assert len(message.blocks) <= 50
    assert actions(message)[PAGE_NEXT_ACTION] == "n"
    assert actions(message)[PAGE_PREVIOUS_ACTION] == "p"
    assert (
        sum(
            1
            for b in message.to_dict()["blocks"]
            for e in b.get("elements", [])
            if e.get("action_id") == FULL_ACTION
        )
        == PAGE_SIZE
    )


def test_empty_results_say_so() -> None:
    assert "No stories found." in shown(results_message("*Found*", []))


def test_feeds_show_health_and_global_ones() -> None:
    feeds = [
        Feed(1, "https://wire.example/rss", "Wire", SEEN, 0, None, channels=("*",)),
        Feed(2, "https://down.example/rss", None, None, 3, "HTTP 503 <b>", channels=("C1",)),
        Feed(3, "https://new.example/rss", "New", None, 0, None, channels=("C1",)),
    ]
    text = shown(feeds_message(feeds, global_ids={1}))
    assert "every channel (NEWS_FEEDS)" in text
    assert "failing, 3 times in a row: HTTP 503 &lt;b&gt;" in text
    assert "not read yet" in text


def test_a_thousand_feeds_fit_in_one_message() -> None:
    feeds = [Feed(i, f"https://f{i}.example/rss", f"Feed {i}", SEEN, 0, None) for i in range(1000)]
    message = feeds_message(feeds, global_ids=set())
    assert "more (`newsbot feeds list` shows them all)" in shown(message)


def test_no_feeds_says_how_to_add_one() -> None:
    assert "/news subscribe" in shown(feeds_message([], global_ids=set()))


def test_help_and_notices_have_fallback_text() -> None:
    assert help_message().text and notice("Done.").text == "Done."


def test_a_message_over_the_block_limit_is_refused() -> None:
    blocks = notice("x").blocks * 51
    with pytest.raises(ValueError, match="51 blocks"):
        Message(text="x", blocks=blocks)


@given(st.text(alphabet=st.sampled_from("ab <>|@!\n"), max_size=400), st.integers(5, 60))
def test_split_text_keeps_every_word_within_the_limit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert all(len(piece) <= limit for piece in pieces)
    assert "".join(" ".join(pieces).split()) == "".join(text.split())


def test_split_text_never_cuts_a_link() -> None:
    line = "see " + " ".join(f"<https://n.example/{i}|story {i}>" for i in range(40))
    for piece in split_text(line, 100):
        assert piece.count("<") == piece.count(">")


def test_digest_lists_stories_under_their_source_with_the_date() -> None:
    digest = digest_of((story(1, headline="Dam bursts"), 3, "Wire"), (story(2), 1, "Local <b>"))
    message = digest_message(digest, zone="Europe/Berlin", preview=True)
    text = shown(message)
    assert "News digest · Tuesday 24 November" in text
    assert "*Wire*" in text and "Dam bursts>" in text and "3 sources" in text
    assert "*Local &lt;b&gt;*" in text
    assert "only you see it" in text


def test_a_quiet_digest_says_since_when() -> None:
    assert "Nothing new since" in shown(digest_message(digest_of(), zone="UTC"))


# Whatever a feed sends, in any script and at any length, every message stays within Slack's
# limits (including the ~13,000 characters of blocks Slack accepts at most) and is never refused.
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("ab &<>|*_~`\n"), st.sampled_from("бжяØ中文ع😀"), st.characters()
    ),
    max_size=4000,
)
ANY_URL = st.builds(
    lambda user, path: f"https://{user}n.example/{path}",
    st.sampled_from(["", "reader:hunter2@", "reader@"]),  # a feed's own address may carry them
    st.text(alphabet=st.sampled_from("a&<>|%/?=ж"), max_size=3000),
)


@st.composite
def any_story(draw: st.DrawFn) -> Story:
    text = draw(ANY_TEXT)
    long_text = st.just(text) | ANY_TEXT
    summary = Summary(
        source="https://n.example/7",
        headline=draw(long_text),
        gist=draw(long_text),
        who=tuple(
            Entity(draw(long_text), EntityKind.PERSON, draw(st.none() | long_text))
            for _ in range(draw(st.integers(0, 12)))
        ),
        numbers=tuple(
            Figure(draw(long_text), 1.0, None, FigureKind.QUANTITY, draw(long_text))
            for _ in range(draw(st.integers(0, 8)))
        ),
        when=None,
        when_text=None,
        where=(),
        key_points=tuple(draw(st.lists(long_text, max_size=8))),
    )
    return Story(
        id=draw(st.integers(1, 10**12)),
        url=draw(ANY_URL),
        source=draw(long_text),
        title=draw(long_text),
        published=None,
        fetched=SEEN,
        first_seen=SEEN,
        summary=summary,
        cluster=1,
        sources=draw(st.integers(1, 1000)),
    )


def within_limits(message: Message) -> None:
    blocks = message.to_dict()["blocks"]
    assert 1 <= len(blocks) <= 50 and 1 <= len(message.text) <= 3000
    assert len(json.dumps(blocks, ensure_ascii=False)) <= MAX_MESSAGE_JSON


@given(any_story())
def test_any_story_fits_one_message_and_shows_as_written(one: Story) -> None:
    for message in (story_message(one), shared_message(one, user_id="U0USER")):
        within_limits(message)
        shows_outside_text_as_written(message)
        assert "hunter2" not in shown(message) and "reader" not in shown(message)


@pytest.mark.slow  # many big stories
@given(st.lists(any_story(), min_size=1, max_size=5), ANY_TEXT)
def test_any_page_of_results_fits_one_message(stories: list[Story], query: str) -> None:
    heading = f"*Stories for* `{clip(query, 200)}`"
    within_limits(results_message(heading, stories, next_page="n" * 2000, previous_page="p"))


@pytest.mark.slow  # up to 50 big stories a digest
@given(st.lists(st.tuples(any_story(), st.integers(1, 99), ANY_TEXT), min_size=1, max_size=50))
def test_any_digest_fits_its_message_and_thread(entries: list[tuple[Story, int, str]]) -> None:
    digest = digest_of(*entries)
    within_limits(digest_message(digest, zone="UTC", preview=True))
    shows_outside_text_as_written(digest_message(digest, zone="UTC", preview=True))
    thread = thread_messages(digest)
    for message in thread:
        within_limits(message)
        shows_outside_text_as_written(message)
    more_buttons = [
        e
        for m in thread
        for b in m.to_dict()["blocks"]
        for e in b.get("elements", [])
        if e.get("action_id") == MORE_ACTION
    ]
    assert len(more_buttons) == len(entries)  # every story's details, none lost


@given(st.lists(st.tuples(ANY_URL, st.none() | ANY_TEXT, ANY_TEXT), min_size=1, max_size=40))
def test_any_feeds_fit_one_message(feeds: list[tuple[str, str | None, str]]) -> None:
    listed = [
        Feed(id=i, url=url, title=title, failures=i % 2, last_error=error, last_success=SEEN)
        for i, (url, title, error) in enumerate(feeds, 1)
    ]
    message = feeds_message(listed, global_ids={1})
    within_limits(message)
    assert "hunter2" not in shown(message) and "reader" not in shown(message)
