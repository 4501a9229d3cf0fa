"""OPML import and export of the feed list (safe against entity-expansion bombs)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NoReturn
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from digests.ingest.errors import OpmlError
from digests.model import Feed
from digests.printable import one_line

MAX_OPML_BYTES = 5_000_000
# Characters XML 1.0 cannot carry at all, even as references; and DEL and C1, which it may
# carry but which would drive the terminal an export is printed on.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _Refused(Exception):
    """Raised inside the expat callbacks to stop at a dangerous declaration."""


def _refuse_entity(*_: object) -> NoReturn:
    raise _Refused("it declares XML entities, which OPML does not need; refused for safety")


def _refuse_subset(name: str, system_id: str | None, public_id: str | None, subset: int) -> None:
    if subset or system_id:
        raise _Refused("it carries a DTD, which OPML does not need; refused for safety")


def read_opml(data: bytes, source: str = "OPML file") -> list[tuple[str, str | None]]:
    """Every feed (xmlUrl, title) in an OPML file, nested folders included, first one wins."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(source, f"too large ({len(data) / 1e6:.1f} MB; at most 5 MB)")
    feeds: dict[str, str | None] = {}
    root: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if not root:
            root.append(tag)
        if tag.lower() != "outline":
            return
        fields = {key.lower(): value.strip() for key, value in attrs.items()}
        url = fields.get("xmlurl", "")
        if url.lower().startswith("feed://"):
            url = "http://" + url[len("feed://") :]
        if not url.lower().startswith(("http://", "https://")) or url in feeds:
            return
        title = one_line(fields.get("title") or fields.get("text") or "").strip() or None
        feeds[url] = title if title != url else None

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = _refuse_subset
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise OpmlError(source, f"not read: {exc}") from None
    except expat.ExpatError as exc:
        message = expat.errors.messages.get(exc.code, str(exc)) if exc.code else str(exc)
        where = f"line {exc.lineno}, column {exc.offset}"
        raise OpmlError(source, f"not well-formed XML ({message} at {where})") from None
    except (ValueError, LookupError, RecursionError) as exc:  # e.g. an unknown encoding
        raise OpmlError(source, f"could not be read as XML ({exc})") from None
    if root and root[0].lower() != "opml":
        raise OpmlError(source, f"not an OPML file (its root element is <{root[0]}>)")
    return list(feeds.items())


def _attr(text: str) -> str:
    return quoteattr(_NOT_XML.sub("", text))


def write_opml(feeds: Sequence[Feed], title: str = "newsbot feeds") -> str:
    """The feeds as an OPML 2.0 document, every title and URL escaped."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{escape(_NOT_XML.sub('', title))}</title></head>",
        "  <body>",
    ]
    for feed in feeds:
        text = feed.title or feed.url
        named = f" title={_attr(feed.title)}" if feed.title else ""
        lines.append(
            f'    <outline type="rss" text={_attr(text)}{named} xmlUrl={_attr(feed.url)}/>'
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
