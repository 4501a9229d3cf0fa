"""Download one article page over HTTP(S), within a time limit and a size cap."""

from __future__ import annotations

import httpx

from digests.errors import ArticleError
from digests.model import Article
from digests.read import MAX_ARTICLE_BYTES, article_from_text, decode
from digests.version import USER_AGENT

TIMEOUT_SECONDS = 15.0


def fetch_article(url: str, timeout: float = TIMEOUT_SECONDS) -> Article:
    """The article at `url`; any network, HTTP or content problem becomes an ArticleError."""
    try:
        with (
            httpx.Client(
                timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise ArticleError(url, f"the server answered HTTP {response.status_code}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > MAX_ARTICLE_BYTES:
                    raise ArticleError(
                        url, f"the page is over {MAX_ARTICLE_BYTES / 1e6:.0f} MB, too large"
                    )
            encoding = response.charset_encoding
    except httpx.HTTPError as exc:
        raise ArticleError(url, f"could not download it ({exc})") from exc
    text = _decode(bytes(body), encoding, url)
    article = article_from_text(text, url)
    return Article(
        source=url, text=article.text, title=article.title, url=url, dateline=article.dateline
    )


def _decode(body: bytes, encoding: str | None, url: str) -> str:
    """The body as text in the charset the server named, else as a file would be read."""
    if encoding:
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(body, url)
