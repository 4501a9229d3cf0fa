"""newsbot's news engine: read articles and condense each into a Summary."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from digests.compose import Digest, DigestEntry, Rules, compose
from digests.errors import ArticleError, DigestError
from digests.export import summary_to_dict
from digests.model import Article, Entity, EntityKind, Feed, Figure, FigureKind, Story, Summary
from digests.read import article_from_bytes, article_from_text, expand_paths, read_file
from digests.sample import SAMPLE_PAGE, sample_article
from digests.summarize import summarize
from digests.version import VERSION

if TYPE_CHECKING:
    from digests.ingest.fetch import fetch_article

# Loaded when first asked for: fetching pages needs the HTTP stack, and `newsbot summarize`
# of files should not wait for it.
_LATER = {"fetch_article": "digests.ingest.fetch"}

__all__ = [
    "SAMPLE_PAGE",
    "VERSION",
    "Article",
    "ArticleError",
    "Digest",
    "DigestEntry",
    "DigestError",
    "Entity",
    "EntityKind",
    "Feed",
    "Figure",
    "FigureKind",
    "Rules",
    "Story",
    "Summary",
    "article_from_bytes",
    "article_from_text",
    "compose",
    "expand_paths",
    "fetch_article",
    "read_file",
    "sample_article",
    "summarize",
    "summary_to_dict",
]


def __getattr__(name: str) -> Any:
    """The names in _LATER, imported on first use."""
    if name in _LATER:
        return getattr(import_module(_LATER[name]), name)
    raise AttributeError(f"module 'digests' has no attribute {name!r}")
