"""OPML import and export: nested folders, escaping, round trips, hostile files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.errors import DigestError
from digests.ingest.errors import OpmlError
from digests.ingest.opml import read_opml, write_opml
from digests.model import Feed

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="City Desk" title="City Desk &amp; Co"
               xmlUrl="https://news.example/feed.xml" htmlUrl="https://news.example/"/>
      <outline text="Deeper">
        <outline type="rss" text="Wire" xmlUrl="https://wire.example/atom"/>
      </outline>
    </outline>
    <outline type="rss" xmlurl="http://lower.example/rss"/>
    <outline type="rss" text="Again" xmlUrl="https://news.example/feed.xml"/>
    <outline type="link" text="Just a page" url="https://page.example/"/>
    <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
    <outline type="rss" text="Old scheme" xmlUrl="feed://old.example/rss"/>
  </body>
</opml>"""


def _feed(n: int, url: str, title: str | None) -> Feed:
    return Feed(id=n, url=url, title=title, last_success=None, failures=0, last_error=None)


def test_every_feed_in_nested_folders_is_read_once() -> None:
    assert read_opml(NESTED) == [
        ("https://news.example/feed.xml", "City Desk & Co"),
        ("https://wire.example/atom", "Wire"),
        ("http://lower.example/rss", None),
        ("http://old.example/rss", "Old scheme"),
    ]


def test_export_is_opml_2_with_escaped_titles() -> None:
    feeds = [
        _feed(1, "https://a.example/feed?x=1&y=2", 'Tom & Jerry\'s "<News>"'),
        _feed(2, "https://b.example/rss", None),
    ]
    text = write_opml(feeds)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "&amp;" in text and "&lt;News&gt;" in text and "<News>" not in text
    assert read_opml(text.encode()) == [
        ("https://a.example/feed?x=1&y=2", 'Tom & Jerry\'s "<News>"'),
        ("https://b.example/rss", None),
    ]


def test_an_entity_bomb_is_refused_before_expanding() -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE opml [{entities}]><opml version="2.0"><body>'
        '<outline text="&i;" xmlUrl="https://x.example/"/></body></opml>'
    ).encode()
    with pytest.raises(OpmlError, match="refused for safety"):
        read_opml(bomb, "bomb.opml")


def test_an_external_dtd_is_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "http://evil.example/x.dtd"><opml/>'
    with pytest.raises(OpmlError, match="DTD"):
        read_opml(data)


def test_a_plain_doctype_is_fine() -> None:
    data = b'<!DOCTYPE opml><opml version="2.0"><body><outline xmlUrl="https://x.example/"/></body></opml>'
    assert read_opml(data) == [("https://x.example/", None)]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "not well-formed XML"),
        (b"<opml><body><outline xmlUrl='x'>", "not well-formed XML .* line 1"),
        (b"<rss version='2.0'><channel/></rss>", "not an OPML file .*<rss>"),
        (b"\x00\x01binary", "not well-formed XML"),
    ],
)
def test_broken_files_are_opml_errors_naming_the_source(data: bytes, problem: str) -> None:
    with pytest.raises(OpmlError, match=problem) as caught:
        read_opml(data, "feeds.opml")
    assert caught.value.source == "feeds.opml" and isinstance(caught.value, DigestError)


def test_a_huge_file_is_refused_by_size() -> None:
    with pytest.raises(OpmlError, match="too large"):
        read_opml(b"<opml>" + b" " * 6_000_000 + b"</opml>")


def test_latin1_and_utf16_files_are_read() -> None:
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?><opml><body><outline title="Café" xmlUrl="https://c.example/"/></body></opml>'
    assert read_opml(latin.encode("latin-1")) == [("https://c.example/", "Café")]
    utf16 = latin.replace("ISO-8859-1", "UTF-16").encode("utf-16")
    assert read_opml(utf16) == [("https://c.example/", "Café")]


# --- properties ------------------------------------------------------------------------------

_titles = st.text(st.characters(blacklist_categories=["Cs", "Cc", "Cn"]), max_size=40)


@given(st.lists(st.tuples(st.integers(0, 10**6), _titles), max_size=8, unique_by=lambda t: t[0]))
def test_export_then_import_gives_the_same_feeds(rows: list[tuple[int, str]]) -> None:
    feeds = [_feed(n, f"https://f{n}.example/rss?a=1&b=2", title or None) for n, title in rows]
    back = read_opml(write_opml(feeds).encode("utf-8"))
    assert back == [(f.url, (f.title or "").strip() or None) for f in feeds]


def test_characters_xml_cannot_carry_are_dropped_from_the_export() -> None:
    feed = _feed(1, "https://x.example/", "Bad\x00\x1b\x9b title\ud800 \n two\tlines\uffff")
    assert "\x9b" not in write_opml([feed])  # no CSI for the terminal an export is printed on
    assert read_opml(write_opml([feed]).encode()) == [
        ("https://x.example/", "Bad title   two lines")  # and read back on one line
    ]


def test_an_imported_title_carries_no_terminal_control() -> None:
    opml = '<opml><body><outline title="Red&#x9b;31m&#x85;News" xmlUrl="https://r.example/"/>'
    assert read_opml(f"{opml}</body></opml>".encode()) == [("https://r.example/", "Red31m News")]


_xmlish = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<opml>",
                "</opml>",
                "<body>",
                "</body>",
                "<outline ",
                "/>",
                ">",
                "</outline>",
                'xmlUrl="https://x.example/"',
                'text="t"',
                "<!DOCTYPE ",
                "[",
                "]",
                "<!ENTITY e 'x'>",
                "&e;",
                "&amp;",
                "<?xml version='1.0'?>",
                "encoding='utf-16'",
                '"',
                "'",
            ]
        ),
        st.text(max_size=10),
    ),
    max_size=30,
).map("".join)


@given(st.one_of(st.binary(max_size=500), _xmlish.map(str.encode)))
def test_read_opml_on_anything_raises_only_opml_error(data: bytes) -> None:
    try:
        feeds = read_opml(data)
    except OpmlError:
        return
    assert all(url.startswith(("http://", "https://")) for url, _ in feeds)


def test_export_of_a_feed_without_title_uses_its_url_as_text() -> None:
    feed = Feed(
        id=1, url="https://x.example/", title=None, last_success=datetime(2026, 1, 1, tzinfo=UTC),
        failures=0, last_error=None,
    )  # fmt: skip
    assert 'text="https://x.example/"' in write_opml([feed])
