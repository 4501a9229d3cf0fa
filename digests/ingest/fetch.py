"""Download one article page politely (robots.txt honoured) and read it as an Article."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from digests.errors import ArticleError
from digests.ingest.errors import FetchError
from digests.model import Article
from digests.read import MAX_ARTICLE_BYTES, article_from_text

if TYPE_CHECKING:
    from digests.ingest.http import PoliteClient


def fetch_article(url: str, client: PoliteClient | None = None) -> Article:
    """The article at `url`; any network, HTTP or content problem becomes an ArticleError.

    Without a `client`, a new one is used that fetches any address: a URL handed over directly
    is the admin's own; Slack users' URLs go through a client that refuses private
    addresses.
    """
    from digests.ingest.http import PoliteClient  # httpx only for those who fetch

    own = client is None
    polite = client or PoliteClient(allow_private=True)
    try:
        fetched = polite.get(url, check_robots=True, max_bytes=MAX_ARTICLE_BYTES)
    except FetchError as exc:
        raise ArticleError(url, exc.problem) from exc
    finally:
        if own:
            polite.close()
    return replace(article_from_text(fetched.text(), url), url=fetched.url)
