"""parse_feed on RSS 0.91/1.0/2.0 and Atom, teasers, broken and hostile documents."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.ingest.errors import FeedError
from digests.ingest.feeds import ParsedFeed, html_to_paragraphs, parse_feed
from digests.ingest.http import PoliteClient
from tests.support.feed_samples import (
    ATOM,
    LONG_1,
    LONG_2,
    MALFORMED,
    RSS091,
    RSS1,
    RSS2,
    TEASERS,
    WRONG_CHARSET,
)
from tests.support.loopback import Loopback

FEED_URL = "https://news.example/feed.xml"


@pytest.fixture()
def client() -> Iterator[PoliteClient]:
    with PoliteClient(allow_private=True, min_interval=0) as polite:
        yield polite


def _fetch_and_parse(
    loopback: Loopback, client: PoliteClient, body: bytes, ctype: str
) -> ParsedFeed:
    loopback.serve("/feed.xml", body, content_type=ctype)
    fetched = client.get(loopback.url("/feed.xml"))
    return parse_feed(fetched.body, fetched.url, content_type=fetched.content_type)


def test_rss2_items_carry_link_title_plain_text_and_utc_time(
    loopback: Loopback, client: PoliteClient
) -> None:
    feed = _fetch_and_parse(loopback, client, RSS2, "application/rss+xml")
    assert feed.title == "City Desk & Friends"
    budget, bridge, note = feed.items
    assert budget.url == "https://news.example/budget?utm_source=rss"
    assert budget.title == "Council approves budget"
    assert budget.text == f"{LONG_1}\n\n{LONG_2}"  # content:encoded wins over description
    assert "track()" not in budget.text and "Photo: Jane Doe" not in budget.text
    assert budget.published == datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
    assert budget.guid == "budget-2026" and not budget.is_teaser
    assert bridge.url == loopback.url("/bridge")  # relative links resolve against the feed
    assert bridge.text == "The old bridge closes on Monday for six weeks."
    assert bridge.is_teaser and bridge.published is None
    assert note.url is None and note.text == f"{LONG_1} {LONG_2}" and not note.is_teaser


def test_an_item_with_neither_link_nor_text_is_dropped() -> None:
    titles = [item.title for item in parse_feed(RSS2, FEED_URL).items]
    assert "Nothing to read here" not in titles


def test_rss1_rdf_items_are_read(loopback: Loopback, client: PoliteClient) -> None:
    feed = _fetch_and_parse(loopback, client, RSS1, "application/rdf+xml")
    assert feed.title == "RDF News"
    (item,) = feed.items
    assert (item.url, item.title, item.text) == (
        "https://rdf.example/one",
        "First RDF story",
        LONG_1,
    )
    assert item.published == datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def test_rss_091_items_are_read() -> None:
    feed = parse_feed(RSS091, FEED_URL)
    assert feed.title == "Old School"
    assert [(i.url, i.text, i.is_teaser) for i in feed.items] == [
        ("https://old.example/a", "Short one.", True)
    ]


def test_atom_content_and_dates(loopback: Loopback, client: PoliteClient) -> None:
    feed = _fetch_and_parse(loopback, client, ATOM, "application/atom+xml")
    assert feed.title == "Atom Wire"
    story, updated = feed.items
    assert story.url == "https://atom.example/story"
    assert story.text == f"{LONG_1}\n\n{LONG_2}"  # content, not the short summary
    assert story.published == datetime(2026, 11, 24, 5, 15, tzinfo=UTC)
    assert story.guid == "tag:atom.example,2026:1"
    assert updated.text == LONG_2
    assert updated.published == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # updated, no published


def test_teasers_are_marked_and_their_read_more_trimmed() -> None:
    cut, short, more = parse_feed(TEASERS, FEED_URL).items
    assert cut.is_teaser and cut.text == "The minister said the plan would cost far more than […]"
    assert short.is_teaser and short.text == "Three words only."
    assert more.is_teaser and more.text == "Prices rose again."


def test_a_long_item_ending_in_an_ellipsis_is_a_teaser() -> None:
    body = (
        '<rss version="2.0"><channel><title>t</title><item><link>https://x.example/1</link>'
        f"<description>{LONG_1} {LONG_2} And then …</description></item></channel></rss>"
    ).encode()
    (item,) = parse_feed(body, FEED_URL).items
    assert item.is_teaser and len(item.text.split()) > 60


def test_a_wrongly_declared_charset_still_reads(loopback: Loopback, client: PoliteClient) -> None:
    feed = _fetch_and_parse(loopback, client, WRONG_CHARSET, "application/xml; charset=utf-8")
    assert feed.title == "Café"
    (item,) = feed.items
    assert (item.title, item.text) == ("“Quoted” café", "Naïve text.")


def test_latin1_declared_feed_reads(loopback: Loopback, client: PoliteClient) -> None:
    body = WRONG_CHARSET.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"')
    feed = _fetch_and_parse(loopback, client, body, "application/xml; charset=iso-8859-1")
    assert feed.title == "Café" and feed.items[0].text == "Naïve text."


def test_malformed_xml_is_a_feed_error_in_plain_words(
    loopback: Loopback, client: PoliteClient
) -> None:
    with pytest.raises(FeedError, match="the XML is malformed") as caught:
        _fetch_and_parse(loopback, client, MALFORMED, "application/xml")
    assert caught.value.url == loopback.url("/feed.xml")
    assert "line 1" in caught.value.problem


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"", "the feed is empty"),
        (b"   \n", "the feed is empty"),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "HTML page, not an RSS or Atom"),
        (b"just some words", "not a feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a feed"),
        (b"<?xml version='1.0'?><note><to>x</to></note>", "not an RSS or Atom feed"),
    ],
)
def test_things_that_are_not_feeds_are_feed_errors(body: bytes, problem: str) -> None:
    with pytest.raises(FeedError, match=problem):
        parse_feed(body, FEED_URL)


def test_a_feed_with_no_items_is_an_empty_feed_not_an_error() -> None:
    body = b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_feed(body, FEED_URL) == ParsedFeed(title="Quiet", items=[])


def test_titles_with_terminal_escapes_are_read_without_them() -> None:
    body = (
        b'<rss version="2.0"><channel><title>\x1b]0;owned\x07Evil\x1b[31m\tNews</title>'
        b"<item><title>Vote &#27;[2J\nnow</title><link>https://x.example/1</link></item>"
        b"</channel></rss>"
    )
    feed = parse_feed(body, FEED_URL)
    assert feed.title == "]0;ownedEvil[31m News"
    assert feed.items[0].title == "Vote [2J now"


def test_a_slightly_broken_feed_with_items_still_gives_them() -> None:
    body = b'<rss version="2.0"><channel><title>T</title><item><title>x</title><link>https://x.example/1</link></item>'
    (item,) = parse_feed(body, FEED_URL).items
    assert item.url == "https://x.example/1" and item.text == "" and item.is_teaser


def test_an_entity_expansion_bomb_is_not_expanded() -> None:
    lol = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]><rss version="2.0"><channel>'
        "<title>&i;</title><item><title>x</title><link>https://x.example/</link></item>"
        "</channel></rss>"
    ).encode()
    try:
        feed = parse_feed(body, FEED_URL)
    except FeedError:
        return
    assert len(feed.title or "") < 1_000_000


def test_javascript_links_are_not_kept() -> None:
    body = (
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        b"<link>javascript:alert(1)</link><description>Some text.</description></item>"
        b"</channel></rss>"
    )
    (item,) = parse_feed(body, FEED_URL).items
    assert item.url is None and item.text == "Some text."


def test_html_to_paragraphs_keeps_breaks_and_drops_scripts() -> None:
    html = (
        "<div><h2>Head</h2><p>One &amp; <b>two</b>\n words.</p><script>x=1</script>"
        "<style>p{}</style>line<br>break<br/><br/>new para<ul><li>a</li><li>b</li></ul></div>"
    )
    assert (
        html_to_paragraphs(html) == "Head\n\nOne & two words.\n\nline break\n\nnew para\n\na\n\nb"
    )


# --- properties ------------------------------------------------------------------------------

_TAGS = ["rss", "channel", "item", "title", "link", "description", "feed", "entry", "content",
         "summary", "rdf:RDF", "pubDate", "updated", "content:encoded", "p", "br"]  # fmt: skip
_xmlish = st.lists(
    st.one_of(
        st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(
            [
                '<rss version="2.0">',
                "<?xml version='1.0'?>",
                "<![CDATA[",
                "]]>",
                "&amp;",
                "&#8230;",
                "&lt;p&gt;",
                "<!DOCTYPE x>",
                "&nope;",
                "Tue, 24 Nov 2026 06:00:00 GMT",
                "http://x.example/a",
                "…",
            ]
        ),
        st.text(max_size=20),
    ),
    max_size=40,
).map("".join)


@given(st.binary(max_size=2000))
def test_parse_feed_on_any_bytes_raises_only_feed_error(body: bytes) -> None:
    try:
        feed = parse_feed(body, FEED_URL)
    except FeedError:
        return
    assert all(isinstance(item.text, str) for item in feed.items)


@given(_xmlish, st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_parse_feed_on_xmlish_text_raises_only_feed_error(text: str, encoding: str) -> None:
    try:
        feed = parse_feed(text.encode(encoding, errors="replace"), FEED_URL)
    except FeedError:
        return
    for item in feed.items:
        assert item.url is None or item.url.startswith(("http://", "https://"))
        assert item.published is None or item.published.tzinfo is UTC
        assert item.url is not None or item.text
