"""A 10,000-item feed ingested beside a running `newsbot run`: how long other writers wait for
SQLite's write lock meanwhile, and how long /news commands take to answer.

Usage: python bench/big_feed.py DEV_DIR [--items 10000]

A loopback server serves one RSS feed of --items short full-text items (the opening words of the
dev articles, each item numbered so that every one is a new story; undated, under the 5 MB feed
cap), and
article pages for `/news story <url>`. `newsbot ingest` reads the feed into a SQLite file as a
process of its own. Meanwhile:
- a probe here takes the write lock (BEGIN IMMEDIATE) every 50 ms and records how long it
  waited: the longest wait is the longest any write held the database;
- `newsbot run` (HTTP mode, its own process, on the same file) gets signed
  `/news story <page url>` (fetch, summarize, store), `/news schedule 09:00 UTC` and
  `/news digest now` in turn, one every 0.5 s, each answer awaited at the loopback fake of Slack.
The baseline is the first version's save, run the same way: clustering and every insert of the
feed in one write transaction.
"""

from __future__ import annotations

import argparse
import html
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.slack import newsbot_run
from bench.store import _page, corpus, serving
from digests import Article
from tests.support.slack_fake import SlackFake

ROOT = Path(__file__).resolve().parents[1]
ITEM_WORDS = 60  # with "Report N." over the 60 words under which an item counts as a teaser


def site(articles: list[Article], items: int) -> AbstractContextManager[str]:
    """The big feed, and a page of each dev article for `/news story <url>`."""
    pages = [_page(article, 1_000_000 + i) for i, article in enumerate(articles)]
    return serving(lambda base: _feed(articles, items, base), pages)


def _feed(articles: Sequence[Article], items: int, base: str) -> bytes:
    entries = []
    for i in range(items):
        article = articles[i % len(articles)]
        words = " ".join(article.text.split()[:ITEM_WORDS])
        title = " ".join((article.title or "").split()[:6])
        entries.append(
            f"<item><title>{html.escape(title)} #{i}</title>"
            f"<description>{html.escape(words)} Report {i}.</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Big Feed</title><link>{base}/</link>{''.join(entries)}</channel></rss>"
    ).encode()


def first_version_ingest(feed_url: str, database_url: str) -> None:
    """The feed ingested as the first version saved it: clustering and every insert in one
    write transaction."""
    from digests.ingest.http import PoliteClient
    from digests.ingest.pipeline import Ingestor
    from digests.store import NewStory, Saved, Store

    with Store(database_url) as store, PoliteClient(allow_private=True) as client:
        ingestor = Ingestor(store, client)
        cluster = ingestor._clustered

        def one_write(news: Sequence[NewStory]) -> list[Saved]:
            with store.batch():
                return Store.save_many(store, cluster(list(news), ingestor.now()))

        ingestor._clustered = lambda news, now: news  # type: ignore[method-assign]
        store.save_many = one_write  # type: ignore[method-assign]
        list(ingestor.feed(store.add_feed(feed_url)))


class LockProbe:
    """Takes SQLite's write lock every 50 ms from a thread of its own; records each wait."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.waits: list[float] = []
        self.stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> LockProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self._thread.join(600)

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, timeout=600, isolation_level=None)
        while not self.stopped.is_set():
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            self.waits.append(time.perf_counter() - start)
            conn.execute("ROLLBACK")
            time.sleep(0.05)
        conn.close()


def measure(
    base: str, folder: Path, slack: SlackFake, baseline: bool
) -> dict[str, float | list[str]]:
    """Ingest the feed in a process of its own while probing the lock and asking /news."""
    path = folder / ("baseline.db" if baseline else "newsbot.db")
    url = f"sqlite:///{path}"
    subprocess.run(
        [sys.executable, "-m", "bot", "migrate"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
    )
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "ERROR"}
    if baseline:
        command = [sys.executable, __file__, "--first-version-ingest", f"{base}/feed.xml", url]
    else:
        subprocess.run(
            [sys.executable, "-m", "bot", "feeds", "add", f"{base}/feed.xml"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        command = [sys.executable, "-m", "bot", "ingest"]
    latencies: list[float] = []
    failures: list[str] = []
    served = newsbot_run(
        url, slack, env={"ADMIN_USER_IDS": "U0ADMIN", "ALLOW_PRIVATE_URLS": "true"}
    )
    with served as (app, _), LockProbe(path) as probe, httpx.Client(timeout=60) as http:
        start = time.perf_counter()
        ingest = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        texts = [
            lambda n: f"story {base}/a/{n}",
            lambda n: "schedule 09:00 UTC",
            lambda n: "digest now",
        ]
        n = 0
        while ingest.poll() is None:
            key = str(uuid.uuid4())
            sent = time.monotonic()
            text = texts[n % len(texts)](n)
            app.command(http, text, slack.response_url(key), user="U0ADMIN")
            answer = slack.wait_for_response(key, timeout=120)
            latencies.append(answer.at - sent)
            said = str(answer.body)
            if "Sorry, that did not work" in said or "was not posted" in said:
                failures.append(f"{text}: {said[:200]}")
            n += 1
            time.sleep(max(0.0, 0.5 - (time.monotonic() - sent)))
        took = time.perf_counter() - start
    stored = sqlite3.connect(path).execute("SELECT count(*) FROM stories").fetchone()[0]
    waits = sorted(probe.waits)
    return {
        "ingest s": took,
        "stories": stored,
        "lock wait max s": waits[-1],
        "lock wait p99 s": waits[max(int(len(waits) * 0.99) - 1, 0)],
        "answer p50 s": statistics.median(latencies),
        "answer max s": max(latencies),
        "commands": len(latencies),
        "failed": failures,
    }


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--first-version-ingest":
        first_version_ingest(sys.argv[2], sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_dir", type=Path)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    articles = corpus(args.dev_dir)
    rows = {}
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        base = stack.enter_context(site(articles, args.items))
        size = len(_feed(articles, args.items, base)) / 2**20
        print(f"feed: {args.items:,} items, {size:.1f} MiB", flush=True)
        slack = stack.enter_context(SlackFake(token="xoxb-bench"))
        for name, baseline in (("newsbot", False), ("baseline: one write", True)):
            rows[name] = measure(base, folder, slack, baseline)
            print(f"{name}: done", flush=True)
    columns = [c for c in next(iter(rows.values())) if c != "failed"]
    print(f"\n{args.items:,}-item feed ingested beside newsbot run (SQLite)\n")
    print(f"{'':<22}" + "".join(f"{c:>16}" for c in columns))
    for name, got in rows.items():
        print(f"{name:<22}" + "".join(f"{got[c]:>16.2f}" for c in columns))  # type: ignore[str-format]
        for failure in got["failed"]:  # type: ignore[union-attr]
            print(f"  failed: {failure}")
    print("\ntargets: no write lock held over 1 s; every command answered within 3 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
