"""Digest figures: compose and render from 10,000 stories in a window; post to 200 channels.

Usage: python bench/digest.py DEV_DIR [--stories 10000] [--channels 200] [--rate 10]

Compose: a SQLite store holds --stories stories first seen in the last 22 hours (the dev
articles' summaries under new URLs, a quarter of them joining the story before's cluster);
timed are reading the window's ranking facts, ranking (one entry per cluster) with the ten shown
stories read whole, and rendering the parent message and its thread, best of 5, with the peak
memory traced. The baseline rows read every story of the window whole and rank those, as a
first version of newsbot did.
Post: --channels channels are all due at once; one newsbot process posts every digest through
the loopback fake of Slack, which allows --rate chat.postMessage calls a second and answers the
rest 429 with Retry-After, as Slack does. Reported: time, messages, 429s answered, digests missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.store import corpus, numbered
from bot.config import Settings
from bot.slack.poster import DigestPoster
from bot.slack.render import digest_message, thread_messages
from bot.slack.workspaces import Workspaces, web_client
from digests import Rules, compose, summarize
from digests.channel_digest import compose_window
from digests.compose import compose_candidates
from digests.schedule import Schedule
from digests.store import Store
from tests.support.slack_fake import SlackFake


def fill(store: Store, dev_dir: Path, stories: int, now: datetime) -> None:
    articles = corpus(dev_dir)
    summaries = [(a, summarize(a)) for a in articles]
    previous = None
    with store.batch():
        for i in range(stories):
            seen = now - timedelta(seconds=8 * (stories - i))
            cluster = previous if i % 4 == 3 else None
            previous = store.save(numbered(summaries, i, seen, cluster)).id


def best_of(runs: int, work: Callable[[], Any]) -> tuple[float, float]:
    """The fastest of `runs` runs in ms, and the peak traced memory of one run in MiB."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return min(times), peak


def bench_compose(store: Store, now: datetime) -> dict[str, tuple[float, float]]:
    since = now - timedelta(days=1)
    candidates = store.window_candidates(since, now)
    digest = compose_window(store, since=since, until=now, channel=None)
    stories = store.window(since, now)
    return {
        f"read the window ({len(candidates):,} stories)": best_of(
            5, lambda: store.window_candidates(since, now)
        ),
        "rank and cluster, read the 10 shown": best_of(
            5, lambda: compose_candidates(candidates, store.stories, since=since, until=now)
        ),
        "render parent + thread": best_of(
            5, lambda: (digest_message(digest, zone="UTC"), thread_messages(digest))
        ),
        "all: compose and render": best_of(
            5,
            lambda: (
                (d := compose_window(store, since=since, until=now, channel=None)),
                digest_message(d, zone="UTC"),
                thread_messages(d),
            ),
        ),
        "baseline: read every story whole": best_of(2, lambda: store.window(since, now)),
        "baseline: rank stories read whole": best_of(
            2, lambda: compose(stories, since=since, until=now, rules=Rules())
        ),
    }


def bench_post(store: Store, channels: int, rate: float) -> dict[str, float]:
    with SlackFake(token="xoxb-bench") as slack:
        slack.limit_rate("chat.postMessage", rate)
        settings = Settings(slack_bot_token="xoxb-bench", slack_api_url=slack.api_url)
        now = datetime.now(UTC)
        yesterday = now - timedelta(days=1)
        for n in range(channels):  # set yesterday, each due now
            store.save_schedule(Schedule(f"C{n:08d}", now.time(), "UTC", starts=yesterday))
        poster = DigestPoster(store, Workspaces(web_client(settings)), settings.digest_policy)
        start = time.perf_counter()
        posted = poster.tick()
        seconds = time.perf_counter() - start
        calls = slack.calls_to("chat.postMessage")
        return {
            "seconds": seconds,
            "posted": len(posted),
            "missed": channels - len(posted),
            "messages": sum(1 for c in calls) - slack.throttled,
            "429s": slack.throttled,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_dir", type=Path)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--channels", type=int, default=200)
    parser.add_argument("--rate", type=float, default=10.0)
    args = parser.parse_args()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder, Store(f"sqlite:///{folder}/d.db") as store:
        store.migrate()
        fill(store, args.dev_dir, args.stories, now)
        rows = bench_compose(store, now)
        print(f"compose and render one digest, {args.stories:,} stories in its window (SQLite)\n")
        print(f"{'step':<40}{'ms':>10}{'peak MiB':>10}")
        for name, (ms, mib) in rows.items():
            print(f"{name:<40}{ms:>10.1f}{mib:>10.1f}")
        got = bench_post(store, args.channels, args.rate)
    print(
        f"\npost {args.channels} digests at once, Slack fake allowing {args.rate:g} "
        "chat.postMessage a second\n"
    )
    for name, value in got.items():
        print(f"{name:<12}{value:>10.1f}")
    print("\ntargets: compose and render under 200 ms; every 429 answered, no digest missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
