"""newsbot's news engine: read articles and condense each into a Summary."""

from digests.compose import Digest, DigestEntry, Rules, compose
from digests.errors import ArticleError, DigestError
from digests.export import summary_to_dict
from digests.fetch import fetch_article
from digests.model import Article, Entity, EntityKind, Feed, Figure, FigureKind, Story, Summary
from digests.read import article_from_bytes, article_from_text, expand_paths, read_file
from digests.sample import SAMPLE_PAGE, sample_article
from digests.summarize import summarize
from digests.version import VERSION

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
