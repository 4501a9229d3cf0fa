"""The sample page bundled with newsbot: a scraped news page, noise and all."""

from pathlib import Path

from digests.model import Article
from digests.read import article_from_text

SAMPLE_PAGE = "putin-belarus-iskander.txt"

__all__ = ["SAMPLE_PAGE", "sample_article"]


def sample_article() -> Article:
    """The bundled sample page as an Article."""
    text = (Path(__file__).parent / SAMPLE_PAGE).read_text(encoding="utf-8")
    return article_from_text(text, source=f"sample:{SAMPLE_PAGE}")
