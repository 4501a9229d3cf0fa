"""The demo's sample corpus: two feeds and three pages on one event, shipped in the package."""

from __future__ import annotations

from dataclasses import replace
from importlib.resources import files

from digests.ingest import Ingestor, Outcome, parse_feed
from digests.read import article_from_bytes
from digests.sample import sample_article

FEEDS = ("business-desk.rss", "tech-wire.atom")
# other outlets' reports of the sample page's event, so that the demo shows a cluster
PAGES = {
    "baltic-times-belarus-iskander.html": "Baltic Ledger",
    "capital-post-belarus-missiles.html": "Capital Post",
}
SAMPLE_SOURCE = "Sample page (scraped)"


def ingest_sample_corpus(ingestor: Ingestor) -> list[Outcome]:
    """Store the corpus as the feeds and pages it stands for; nothing is fetched."""
    folder = files("digests.sample").joinpath("demo")
    outcomes = []
    for name in FEEDS:
        url = f"https://newsbot.invalid/sample/{name}"
        parsed = parse_feed(folder.joinpath(name).read_bytes(), url)
        feed = ingestor.store.add_feed(url, parsed.title)
        for item in parsed.items:
            article = article_from_bytes(item.text.encode("utf-8"), item.url or url)
            article = replace(article, title=item.title, url=item.url, source=parsed.title or name)
            outcomes.append(ingestor.save(article, feed_id=feed.id))
    outcomes.append(ingestor.save(replace(sample_article(), source=SAMPLE_SOURCE)))
    for name, source in PAGES.items():
        article = article_from_bytes(folder.joinpath(name).read_bytes(), name)
        outcomes.append(ingestor.save(replace(article, source=source)))
    return outcomes
