"""Read RSS 0.9x/1.0/2.0 and Atom feeds from bytes (feedparser) into plain-text items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

import feedparser

from digests.ingest.errors import FeedError
from digests.printable import one_line

TEASER_WORDS = 60
_BLOCK_TAGS = """p div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article
    header footer figure hr dd dt dl aside main nav address"""
_SKIP_TAGS = """script style noscript template iframe svg math figcaption object button
    select textarea video audio"""
_BLOCK = frozenset(_BLOCK_TAGS.split())
_SKIP = frozenset(_SKIP_TAGS.split())
_PARAGRAPHS = re.compile(r"\n\s*\n")
_READ_MORE = re.compile(
    r"[\s(\[]*(?:\b(?:read more|keep reading|full story|read the rest"
    r"|read (?:the )?(?:full|whole|entire) (?:story|article|post)"
    r"|continue reading(?: [^.!?\n]{0,200})?)[\s.:…»›→)\]]*|\bmore\s*[»›→]+[\s)\]]*)$",
    re.I,
)
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)[\s\])»›]*$")
_WORDPRESS_FOOTER = re.compile(r"^The post .{1,300} appeared first on .{1,200}$", re.S)


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: its link, title, plain text and publication time."""

    url: str | None
    title: str | None
    text: str
    published: datetime | None
    is_teaser: bool  # the text is short or cut off: fetch the article page for the story
    guid: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and its usable items, in feed order."""

    title: str | None
    items: list[FeedItem]


class _TextParser(HTMLParser):
    """HTML to text: block elements become paragraph breaks, scripts and captions vanish."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_paragraphs(html: str) -> str:
    """Plain text of an HTML fragment, one blank line between paragraphs."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return paragraphs("".join(parser.parts))


def paragraphs(text: str) -> str:
    """Text with whitespace tidied: paragraphs split at blank lines, lines joined within."""
    paras = (" ".join(p.split()) for p in _PARAGRAPHS.split(text.replace("\r", "\n")))
    return "\n\n".join(p for p in paras if p)


def _plain(detail: Any, fallback: Any = "") -> str:
    """The plain text of a feedparser text construct (a dict with `type` and `value`)."""
    if isinstance(detail, dict):
        value, kind = detail.get("value", ""), str(detail.get("type") or "")
    else:
        value, kind = fallback, "text/html"
    if not isinstance(value, str) or not value:
        return ""
    if "html" in kind or (kind != "text/plain" and "<" in value):
        return html_to_paragraphs(value)
    return paragraphs(value)


def _body(entry: Any) -> str:
    """content:encoded / Atom content if there is any, else the summary or description."""
    contents = entry.get("content") or []
    texts = [_plain(c) for c in contents if isinstance(c, dict)]
    best = max(texts, key=len, default="")
    return best or _plain(entry.get("summary_detail"), entry.get("summary", ""))


def _trim(text: str) -> tuple[str, bool]:
    """The text without "Read more" and WordPress footers, and whether it was cut off."""
    paras = text.split("\n\n") if text else []
    if paras and _WORDPRESS_FOOTER.match(paras[-1]):
        paras.pop()
    cut = False
    if paras:
        last = _READ_MORE.sub("", paras[-1]).rstrip()
        if last != paras[-1]:
            cut = True
            if last:
                paras[-1] = last
            else:
                paras.pop()
    text = "\n\n".join(paras)
    cut = cut or bool(_ELLIPSIS.search(text))
    return text, cut


def _published(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)  # FeedParserDict.get maps updated to published, warning
        if parsed:
            try:
                year, month, day, hour, minute, second = (int(v) for v in parsed[:6])
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _link(entry: Any, base: str) -> str | None:
    link = entry.get("link")
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        absolute = urljoin(base, link.strip())
        scheme = urlsplit(absolute).scheme
    except ValueError:
        return None
    return absolute if scheme in ("http", "https") else None


def _title(detail: Any, fallback: Any) -> str | None:
    """A feed's or an item's title on one line, without control characters (a title with
    ESC ] 0; … BEL would retitle the admin's terminal in `newsbot feeds list`)."""
    text = _plain(detail, fallback) if isinstance(detail, dict) else _plain(None, fallback)
    text = " ".join(one_line(text).split())
    return text or None


def _item(entry: Any, base: str) -> FeedItem | None:
    url = _link(entry, base)
    text, cut = _trim(_body(entry))
    if url is None and not text:
        return None
    guid = entry.get("id")
    return FeedItem(
        url=url,
        title=_title(entry.get("title_detail"), entry.get("title", "")),
        text=text,
        published=_published(entry),
        is_teaser=cut or len(text.split()) < TEASER_WORDS,
        guid=guid if isinstance(guid, str) and guid else None,
    )


def _reason(parsed: Any, body: bytes) -> str:
    """Why feedparser found no feed, in plain words."""
    problem = parsed.get("bozo_exception")
    if body.lstrip()[:100].lower().startswith((b"<!doctype html", b"<html")):
        return "this is an HTML page, not an RSS or Atom feed"
    if isinstance(problem, SAXParseException):
        where = f"line {problem.getLineNumber()}, column {problem.getColumnNumber()}"
        return f"not a feed: the XML is malformed ({problem.getMessage()} at {where})"
    if problem is not None:
        return f"not a feed: {problem}"
    return "not an RSS or Atom feed (no feed elements and no items)"


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """The items of a feed document; a body that is no feed raises FeedError."""
    if not body.strip():
        raise FeedError(url, "the feed is empty")
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    except Exception as exc:  # feedparser's own failure on hostile input: report, never crash
        raise FeedError(url, f"could not be read as a feed ({type(exc).__name__}: {exc})") from exc
    entries = parsed.get("entries") or []
    items = [item for entry in entries if (item := _item(entry, url)) is not None]
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    harmless = isinstance(problem, feedparser.ThingsNobodyCaresAboutButMe)  # charset mix-ups
    if not items and (not parsed.get("version") or (problem is not None and not harmless)):
        raise FeedError(url, _reason(parsed, body))
    feed = parsed.get("feed") or {}
    return ParsedFeed(title=_title(feed.get("title_detail"), feed.get("title", "")), items=items)
