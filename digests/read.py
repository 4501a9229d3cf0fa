"""Turn raw input (bytes, text, HTML, files, folders, standard input) into Articles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import NamedTuple

from digests.clean import clean_page
from digests.datelines import read_date
from digests.errors import ArticleError
from digests.model import Article
from digests.printable import one_line, without_controls

MAX_ARTICLE_BYTES = 2_000_000
_HTML_START = re.compile(
    r"\A\s*(?:<!doctype html|<html|<\?xml|<head|<body|<article|<div|<p[ >])", re.I
)
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")
_TAG = re.compile(r"<(?:p|div|span|a|br|li|td|script|style|meta|h[1-6])\b[^>]*>", re.I)


def too_large(source: str, size: int) -> ArticleError:
    """The error for an input over the size cap, naming its size."""
    return ArticleError(
        source,
        f"too large ({size / 1e6:.1f} MB); an article is at most {MAX_ARTICLE_BYTES / 1e6:.0f} MB",
    )


def decode(data: bytes, source: str) -> str:
    """Bytes as text: UTF-8 (with or without BOM), else Windows-1252; binary is refused."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise too_large(source, len(data))
    if b"\x00" in data[:8192]:
        raise ArticleError(source, "binary data, not text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    head = text[:8192]
    if len(_CONTROL.findall(head)) > 0.01 * len(head):
        raise ArticleError(source, "binary data, not text or HTML")
    return text


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page or fragment rather than plain prose."""
    return bool(_HTML_START.match(text)) or len(_TAG.findall(text[:20000])) >= 5


class HtmlArticle(NamedTuple):
    """What trafilatura finds in a page."""

    title: str | None
    text: str
    site: str | None
    published: date | None


def html_to_text(html: str, source: str) -> HtmlArticle:
    """The main article of an HTML page via trafilatura: its title, text, site name and the
    published date from the page's markup (`article:published_time`, JSON-LD, `<time>`)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        # dates from the page's markup only: the extensive search costs 20 ms a page
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ArticleError(source, "no article text found in the HTML page")
    title, site = getattr(doc, "title", None), getattr(doc, "sitename", None)
    published = getattr(doc, "date", None)
    return HtmlArticle(
        title.strip() if title else None,
        text,
        one_line(site) if site else None,
        read_date(published) if published else None,
    )


def article_from_text(text: str, source: str, title: str | None = None) -> Article:
    """An Article from a scraped page, plain text or HTML, with the page's noise removed."""
    # control characters no reader wants, PostgreSQL cannot store (NUL) or that drive a
    # terminal (ESC, CSI): dropped; a title is one line
    text = without_controls(text)
    site, published = None, None
    if looks_like_html(text):
        html_title, text, site, published = html_to_text(text, source)
        title = title or html_title
    page = clean_page(text, title and one_line(title))
    if not page.body.strip():
        raise ArticleError(source, "no article text: the input is empty or only page furniture")
    published = published or page.published
    return Article(
        source=source,
        text=page.body,
        title=page.title,
        dateline=page.dateline,
        published=datetime.combine(published, time(), UTC) if published else None,
        site=site,
    )


def article_from_bytes(data: bytes, source: str) -> Article:
    """An Article from the raw bytes of a file, a download or standard input."""
    return article_from_text(decode(data, source), source)


def read_file(path: Path) -> Article:
    """An Article from a text or HTML file."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise too_large(source, size)
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(source, exc.strerror or str(exc)) from exc
    return article_from_bytes(data, source)


def expand_paths(path: Path) -> Iterator[Path]:
    """A file itself, or every visible file in a folder (recursively), in name order."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            hidden = any(p.startswith(".") for p in child.relative_to(path).parts)
            if child.is_file() and not hidden:
                yield child
    else:
        yield path
