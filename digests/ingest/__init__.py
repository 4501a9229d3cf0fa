"""Ingest: fetch feeds, pages and files politely and turn them into stored stories.

Each name is imported from its module when first asked for, so that fetching one page does not
load the store, and reading a feed does not load the summarizer before it is needed.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digests.ingest.dedupe import canonical_url
    from digests.ingest.errors import FeedError, FetchError, OpmlError
    from digests.ingest.feeds import FeedItem, ParsedFeed, parse_feed
    from digests.ingest.fetch import fetch_article
    from digests.ingest.http import Fetched, PoliteClient
    from digests.ingest.opml import read_opml, write_opml
    from digests.ingest.pipeline import Ingestor, Outcome

_MODULES = {
    "canonical_url": "dedupe",
    "FeedError": "errors",
    "FetchError": "errors",
    "OpmlError": "errors",
    "FeedItem": "feeds",
    "ParsedFeed": "feeds",
    "parse_feed": "feeds",
    "fetch_article": "fetch",
    "Fetched": "http",
    "PoliteClient": "http",
    "read_opml": "opml",
    "write_opml": "opml",
    "Ingestor": "pipeline",
    "Outcome": "pipeline",
}

__all__ = [
    "FeedError",
    "FeedItem",
    "FetchError",
    "Fetched",
    "Ingestor",
    "OpmlError",
    "Outcome",
    "ParsedFeed",
    "PoliteClient",
    "canonical_url",
    "fetch_article",
    "parse_feed",
    "read_opml",
    "write_opml",
]


def __getattr__(name: str) -> Any:
    """The names of __all__, each imported from its module on first use."""
    if name in _MODULES:
        return getattr(import_module(f"digests.ingest.{_MODULES[name]}"), name)
    raise AttributeError(f"module 'digests.ingest' has no attribute {name!r}")
