"""The sample page bundled with newsbot: a scraped news page, noise and all."""

from importlib.resources import files

from digests.model import Article
from digests.read import article_from_text

SAMPLE_PAGE = "putin-belarus-iskander.txt"


def sample_article() -> Article:
    """The bundled sample page as an Article."""
    text = files(__name__).joinpath(SAMPLE_PAGE).read_text(encoding="utf-8")
    return article_from_text(text, source=f"sample:{SAMPLE_PAGE}")
