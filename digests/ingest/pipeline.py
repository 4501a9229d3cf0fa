"""Turn feeds, article URLs and files into stored stories, one source's failure at a time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import chain
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from digests.clock import utcnow
from digests.errors import DigestError
from digests.ingest.dedupe import best_cluster, canonical_url, fingerprint, signature
from digests.ingest.errors import FetchError
from digests.ingest.feeds import FeedItem, parse_feed
from digests.ingest.fetch import fetch_article
from digests.ingest.http import Fetched, PoliteClient
from digests.model import FILE_SOURCE, Article, Feed
from digests.read import article_from_bytes, article_from_text, expand_paths, read_file
from digests.store import NewStory, Store
from digests.summarize import summarize

Status = Literal["new", "updated", "unchanged", "not modified", "failed"]
BACKLOG_AGE = timedelta(days=1)  # on a feed's first fetch, older items are not news
CLUSTER_WINDOW = timedelta(days=3)  # how far back a report may join an event's cluster
RETRY_WAIT, MAX_RETRY_WAIT = 2.0, 30.0  # seconds before a failed feed is tried once more
# A feed's items are read and stored this many at a time: a big feed's stories appear as it
# goes, its summaries are not all held at once, and a stop is heeded between groups.
FEED_GROUP = 500
STDIN_SOURCE = "standard input"


@dataclass(frozen=True)
class Outcome:
    """What became of one source: a story saved (new, updated, unchanged) or why it failed."""

    source: str
    status: Status
    story_id: int | None = None
    error: str | None = None


class Ingestor:
    """Summarizes articles and stores them as stories, de-duplicated and clustered."""

    def __init__(
        self,
        store: Store,
        client: PoliteClient,
        now: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], None] = time.sleep,
        stop: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.now = now
        self.sleep = sleep
        self.stop = stop or threading.Event()  # once set, a feed being read stops at its next group
        self._signatures: list[tuple[int, int, bytes]] | None = None
        # seconds the last polled feed's server asked us to leave it alone: Cache-Control
        # max-age on an answer, Retry-After on a 429 or 503
        self.asked_wait: float | None = None

    def save(
        self,
        article: Article,
        *,
        feed_id: int | None = None,
        backlog: bool = False,
        team: str | None = None,
    ) -> Outcome:
        """Summarize one article and store it (for workspace `team` only, when given); a known
        article is updated or left alone."""
        (outcome,) = self.save_all([(article, backlog)], feed_id=feed_id, team=team)
        return outcome

    def save_all(
        self,
        articles: Sequence[tuple[Article, bool]],
        *,
        feed_id: int | None = None,
        team: str | None = None,
    ) -> list[Outcome]:
        """Summarize the articles (each with whether it is backlog), cluster the new ones with
        the recent stories and those before them, then store them all: the slow work is done
        before any write begins."""
        now = self.now()
        prepared = [self._prepared(a, now, feed_id, backlog, team) for a, backlog in articles]
        news = self._clustered([p for p in prepared if isinstance(p, NewStory)], now)
        saved = iter(self.store.save_many(news))
        outcomes = []
        for item in prepared:
            if isinstance(item, Outcome):
                outcomes.append(item)
                continue
            story = next(saved)
            if story.status == "new":
                self._recent_signatures(now).append((story.id, story.cluster, item.signature))
            outcomes.append(
                Outcome(item.article.url or item.article.source, story.status, story.id)
            )
        return outcomes

    def _clustered(self, news: list[NewStory], now: datetime) -> list[NewStory]:
        """The stories, each one not stored yet in the cluster it joins: a recent story's, that
        of story j before it in `news` (-(j + 1)), or None for one of its own."""
        fingerprints, urls = self.store.known_keys(news)
        signatures = self._recent_signatures(now)
        before: list[tuple[int, int, bytes]] = []  # (-(j + 1), its cluster, its signature)
        clustered = []
        for j, new in enumerate(news):
            if new.fingerprint in fingerprints or new.url in urls:
                clustered.append(new)
                continue
            joined = best_cluster(new.signature, chain(signatures, before))
            before.append((-(j + 1), -(j + 1) if joined is None else joined, new.signature))
            clustered.append(replace(new, cluster=joined))
        return clustered

    def _prepared(
        self,
        article: Article,
        now: datetime,
        feed_id: int | None,
        backlog: bool,
        team: str | None,
    ) -> NewStory | Outcome:
        """The article summarized, with its dedupe keys; or why it could not be."""
        try:
            summary = summarize(article)
        except DigestError as exc:
            return Outcome(article.source, "failed", error=str(exc))
        return NewStory(
            article=article,
            summary=summary,
            url=canonical_url(article.url) if article.url else None,
            fingerprint=fingerprint(article.text),
            signature=signature(summary.headline, summary.key_points),
            cluster=None,
            fetched=now,
            seen=now,
            feed_id=feed_id,
            backlog=backlog,
            team=team,
        )

    def _recent_signatures(self, now: datetime) -> list[tuple[int, int, bytes]]:
        if self._signatures is None:
            self._signatures = self.store.recent_signatures(now - CLUSTER_WINDOW)
        return self._signatures

    def paths(self, paths: Iterable[Path]) -> Iterator[Outcome]:
        """Files and folders (every visible file in them). A story's source is a saved page's
        site name, else "file" and the file's name: never a path of this machine."""
        for path in paths:
            if not path.exists():
                yield Outcome(str(path), "failed", error=f"{path}: no such file or folder")
                continue
            for file in expand_paths(path):
                try:
                    article = read_file(file)
                except DigestError as exc:
                    yield Outcome(str(file), "failed", error=str(exc))
                else:
                    yield self.save(
                        replace(article, source=article.site or FILE_SOURCE + file.name)
                    )

    def data(self, data: bytes, source: str) -> Outcome:
        """An article handed over as bytes (standard input); its source is a saved page's site
        name, else "standard input"."""
        try:
            article = article_from_bytes(data, source)
        except DigestError as exc:
            return Outcome(source, "failed", error=str(exc))
        return self.save(replace(article, source=article.site or STDIN_SOURCE))

    def urls(self, urls: Iterable[str]) -> Iterator[Outcome]:
        """Article pages, fetched politely (robots.txt honoured)."""
        for url in urls:
            try:
                article = self._page(url, source=_host(url))
            except DigestError as exc:
                yield Outcome(url, "failed", error=str(exc))
            else:
                yield self.save(article)

    def _page(self, url: str, source: str) -> Article:
        return replace(fetch_article(url, self.client), source=source)

    def feeds(self, feeds: Iterable[Feed]) -> Iterator[Outcome]:
        """Poll each feed once; a broken feed is recorded in its health and the rest go on."""
        for feed in feeds:
            yield from self.feed(feed)

    def feed(self, feed: Feed) -> Iterator[Outcome]:
        """Poll one feed: new items become stories; the feed's health is recorded."""
        self.asked_wait = None
        try:
            fetched = self._get_feed(feed)
            self.asked_wait = fetched.max_age
            if fetched.not_modified:
                self.store.record_success(
                    feed.id,
                    self.now(),
                    title=feed.title,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                )
                yield Outcome(feed.url, "not modified")
                return
            parsed = parse_feed(fetched.body, feed.url)
        except DigestError as exc:
            if isinstance(exc, FetchError):
                self.asked_wait = exc.retry_after
            self.store.record_failure(feed.id, self.now(), exc.problem)
            yield Outcome(feed.url, "failed", error=str(exc))
            return
        source = parsed.title or feed.title or _host(feed.url)
        first_fetch = feed.last_success is None
        for start in range(0, len(parsed.items), FEED_GROUP):
            if self.stop.is_set():  # not recorded as read: the next poll reads the rest
                return
            group = parsed.items[start : start + FEED_GROUP]
            yield from self._group(group, feed, source, first_fetch)
        self.store.record_success(
            feed.id,
            self.now(),
            title=parsed.title or feed.title,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
        )

    def _group(
        self, items: Sequence[FeedItem], feed: Feed, source: str, first_fetch: bool
    ) -> list[Outcome]:
        """Some of a feed's items: their pages fetched first, then summarized, clustered and
        stored together (the database is never held while the network is slow)."""
        teasers = [canonical_url(item.url) for item in items if item.is_teaser and item.url]
        known = self.store.known_urls(teasers)
        ready = [self._item(item, feed, source, first_fetch, known) for item in items]
        saved = iter(
            self.save_all([r for r in ready if not isinstance(r, Outcome)], feed_id=feed.id)
        )
        return [r if isinstance(r, Outcome) else next(saved) for r in ready]

    def _get_feed(self, feed: Feed) -> Fetched:
        """The feed's body, tried once more after a short wait when the failure looks
        passing (a network error, 429 or 5xx) and the server asks for no longer a wait than
        MAX_RETRY_WAIT; the poll interval is the longer backoff."""
        try:
            return self.client.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        except FetchError as exc:
            if exc.status is not None and exc.status != 429 and exc.status < 500:
                raise
            if exc.retry_after is not None and exc.retry_after > MAX_RETRY_WAIT:
                raise  # the next poll waits as long as asked
            self.sleep(exc.retry_after or RETRY_WAIT)
            return self.client.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)

    def _item(
        self, item: FeedItem, feed: Feed, source: str, first_fetch: bool, known: dict[str, int]
    ) -> Outcome | tuple[Article, bool]:
        """The item's article and whether it is backlog, or the outcome that ends it here.

        `known` holds the stored teaser pages: a known page is not fetched again at every poll.
        """
        label = item.url or f"{feed.url} ({item.title or 'untitled item'})"
        if item.is_teaser and item.url:
            story_id = known.get(canonical_url(item.url))
            if story_id is not None:
                return Outcome(label, "unchanged", story_id)
        try:
            article = self._item_article(item, label, source)
        except DigestError as exc:
            return Outcome(label, "failed", error=str(exc))
        article = replace(article, published=item.published or article.published)
        now = self.now()
        backlog = first_fetch and (item.published is None or item.published < now - BACKLOG_AGE)
        return article, backlog

    def _item_article(self, item: FeedItem, label: str, source: str) -> Article:
        """The item's article: its page when the feed carries only a teaser (the teaser
        itself if the page cannot be had), else the feed's own text."""
        if item.is_teaser and item.url:
            try:
                page = self._page(item.url, source=source)
            except DigestError:
                if not item.text.strip():
                    raise
            else:
                return replace(page, title=item.title or page.title)
        article = article_from_text(item.text, label, title=item.title)
        return replace(article, source=source, url=item.url)


def _host(url: str) -> str:
    return urlsplit(url).hostname or url
