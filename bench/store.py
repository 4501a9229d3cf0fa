"""Ingest 1,000 feed items end to end; search latency over 100,000 stories; SQLite and PostgreSQL.

Usage: python bench/store.py DEV_DIR [--stories 100000] [--items 1000] [--no-postgres]
(DEV_DIR: a folder of articles/*.txt like ../shared/data/dev, the text the stories are made of).

Ingest: a loopback server serves one RSS feed of teaser items and the article page behind
each; newsbot fetches the feed and every page (politeness gap 0 for our own server), extracts,
summarizes and stores each item. Reported: items/s and the share of the time in each stage
(store: the time in Store calls; clustering is done before them, with dedupe).
Search: the store is filled to --stories stories (the dev articles' summaries reused under new
URLs), then 300 searches of one to three words (a fifth with a who filter) are timed one by
one: p50, p99 and max; then 300 other searches of the same kind, on the server they warmed.
"""

from __future__ import annotations

import argparse
import html
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import digests.ingest.fetch as fetch
import digests.ingest.pipeline as pipeline
from bench.pg import running_postgres
from digests import Article, Summary, article_from_text, summarize
from digests.ingest.dedupe import fingerprint, signature
from digests.ingest.http import PoliteClient
from digests.store import NewStory, Store

SEARCHES = 300


def corpus(root: Path) -> list[Article]:
    files = sorted(root.rglob("articles/*.txt"))
    return [article_from_text(f.read_text(encoding="utf-8"), f.stem) for f in files]


class _Site(BaseHTTPRequestHandler):
    feed: ClassVar[bytes] = b""
    pages: ClassVar[list[bytes]] = []

    def do_GET(self) -> None:
        if self.path == "/feed.xml":
            body, kind = self.feed, "application/rss+xml"
        elif self.path.startswith("/a/"):
            body, kind = self.pages[int(self.path[3:]) % len(self.pages)], "text/html"
        else:
            body, kind = b"", "text/plain"
            self.send_response(404)
        if body:
            self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up (over the feed size cap, say) is no failure here


@contextmanager
def serving(feed_at: Callable[[str], bytes], pages: list[bytes]) -> Iterator[str]:
    """A loopback site: the feed `feed_at(base URL)` at /feed.xml, page N at /a/N."""
    server = _Server(("127.0.0.1", 0), _Site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _Site.feed, _Site.pages = feed_at(base), pages
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def site(articles: list[Article], items: int) -> AbstractContextManager[str]:
    """A feed of `items` teasers, each with its page (a dev article, numbered)."""
    pages = [_page(articles[i % len(articles)], i) for i in range(items)]
    return serving(lambda base: _feed(articles, items, base), pages)


def _page(article: Article, number: int) -> bytes:
    """The article as a web page, its last line numbered so that every item is a new story."""
    lines = [*article.text.split("\n"), f"This is report {number} on the wire."]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in lines)
    title = html.escape(article.title or "")
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>Copyright Example News</footer></body></html>"
    ).encode()


def _feed(articles: list[Article], items: int, base: str) -> bytes:
    now = datetime.now(UTC)
    entries = []
    for i in range(items):
        article = articles[i % len(articles)]
        teaser = html.escape(article.text.split("\n")[0][:140])
        stamp = (now - timedelta(minutes=i)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        entries.append(
            f"<item><title>{html.escape(article.title or '')} #{i}</title>"
            f"<link>{base}/a/{i}</link><guid>{base}/a/{i}</guid>"
            f"<pubDate>{stamp}</pubDate><description>{teaser}…</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Bench News</title><link>{base}/</link>{''.join(entries)}</channel></rss>"
    ).encode()


class _Timed:
    """A stand-in that times every call of the wrapped object's methods."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.seconds = 0.0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not callable(attr):
            return attr

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return attr(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        return timed


@contextmanager
def timing(name: str, *modules: Any) -> Iterator[list[float]]:
    """Replace each module's `name` by a wrapper adding its seconds to the yielded list."""
    spent = [0.0]
    with ExitStack() as stack:
        for module in modules:
            stack.enter_context(_timed(module, name, spent))
        yield spent


@contextmanager
def _timed(module: Any, name: str, spent: list[float]) -> Iterator[None]:
    original: Callable[..., Any] = getattr(module, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        begin = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - begin

    setattr(module, name, timed)
    try:
        yield
    finally:
        setattr(module, name, original)


def bench_ingest(url: str, articles: list[Article], items: int) -> dict[str, float]:
    """Items per second, and the shares of the time in each stage."""
    store = Store(url)
    store.migrate()
    timed_store = _Timed(store)
    with (
        site(articles, items) as base,
        PoliteClient(allow_private=True, min_interval=0.0) as client,
        timing("summarize", pipeline) as summarizing,
        timing("article_from_text", pipeline, fetch) as extracting,
    ):
        timed_client = _Timed(client)
        feed = store.add_feed(f"{base}/feed.xml")
        ingestor = pipeline.Ingestor(timed_store, timed_client)  # type: ignore[arg-type]
        start = time.perf_counter()
        outcomes = list(ingestor.feed(feed))
        total = time.perf_counter() - start
    store.close()
    saved = sum(1 for o in outcomes if o.status == "new")
    return {
        "per_second": saved / total,
        "fetch": timed_client.seconds / total,
        "extract": extracting[0] / total,
        "summarize": summarizing[0] / total,
        "store": timed_store.seconds / total,
    }


def numbered(
    summaries: list[tuple[Article, Summary]], i: int, seen: datetime, cluster: int | None = None
) -> NewStory:
    """Story number i: a dev article and its Summary again, under a URL and fingerprint of its
    own, first seen at `seen`."""
    article, summary = summaries[i % len(summaries)]
    return NewStory(
        article=article,
        summary=summary,
        url=f"https://news.example/{i}",
        fingerprint=fingerprint(f"{i} {article.text}"),
        signature=signature(summary.headline, summary.key_points),
        cluster=cluster,
        fetched=seen,
        seen=seen,
    )


def fill(url: str, articles: list[Article], stories: int) -> float:
    """Fill a store to `stories` stories, a thousand a transaction; returns seconds taken."""
    summaries = [(a, summarize(a)) for a in articles]
    store = Store(url)
    store.migrate()
    now = datetime.now(UTC)
    start = time.perf_counter()
    have = store.count()
    for chunk in range(have, stories, 1000):
        # later ids are newer, as in life
        numbers = range(chunk, min(chunk + 1000, stories))
        store.save_many(
            [numbered(summaries, i, now - timedelta(minutes=stories - i)) for i in numbers]
        )
    store.close()
    return time.perf_counter() - start


def bench_search(url: str, articles: list[Article], seed: int = 7) -> dict[str, float]:
    rng = random.Random(seed)
    words = [w for a in articles for w in (a.title or "").split() if len(w) > 4 and w.isalpha()]
    names = [e.name for a in articles[:50] for e in summarize(a).who[:2]]
    store = Store(url)
    timings = []
    for i in range(SEARCHES):
        query = " ".join(rng.sample(words, rng.randint(1, 3)))
        who = rng.choice(names) if i % 5 == 0 else None
        start = time.perf_counter()
        store.search(query, who=who, limit=20)
        timings.append((time.perf_counter() - start) * 1000)
    store.close()
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p99": timings[int(len(timings) * 0.99) - 1],
        "max": timings[-1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_dir", type=Path)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=1_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    articles = corpus(args.dev_dir)
    with tempfile.TemporaryDirectory() as tmp, running_postgres(not args.no_postgres) as pg:
        backends = {"SQLite": f"sqlite:///{tmp}/bench.db"}
        if pg:
            backends["PostgreSQL"] = pg
        print(f"ingest: {args.items} feed items from a loopback server, fetch → store\n")
        stages = ("fetch", "extract", "summarize", "store")
        print(f"{'backend':<12}{'items/s':>9}" + "".join(f"{s:>11}" for s in stages))
        for name, url in backends.items():
            got = bench_ingest(url, articles, args.items)
            shares = "".join(f"{got[s]:>11.0%}" for s in stages)
            print(f"{name:<12}{got['per_second']:>9.0f}{shares}")
        print("(shares of the ingest time; the rest is feed parsing, dedupe and bookkeeping)")
        print(f"\nsearch: {SEARCHES} queries over {args.stories:,} stories (ms)\n")
        print(f"{'backend':<12}{'fill s':>8}{'':>6}{'p50':>8}{'p99':>8}{'max':>8}")
        for name, url in backends.items():
            filled = fill(url, articles, args.stories)
            for when, seed in (("cold", 7), ("warm", 8)):
                got = bench_search(url, articles, seed)
                print(
                    f"{name if when == 'cold' else '':<12}"
                    f"{f'{filled:.0f}' if when == 'cold' else '':>8}{when:>6}"
                    f"{got['p50']:>8.1f}{got['p99']:>8.1f}{got['max']:>8.1f}"
                )
        print("(cold: the first 300 queries after the fill; warm: 300 other queries right after)")
    print("\ntargets: search p99 < 50 ms on SQLite at 100,000 stories; store share < 20%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
