"""Slash-command latency: a signed /news request to its ack, and to its answer at the Slack fake.

Usage: python bench/slack.py DEV_DIR [--stories 100000] [--users 20] [--requests 300]
       [--postgres] [--db PATH]

The store is filled to --stories stories (bench/store.py's fill; --db keeps the SQLite file
between runs), `newsbot run` serves in HTTP mode (waitress) as a process of its own, as in
production, and --users threads here send --requests signed `/news search` commands in all, each
user one at a time, as Slack does; the loopback fake of Slack runs in this process.
Each user waits for the answer before sending the next command. Reported: p50 and p99 from
sending to the ack (the HTTP answer), and from sending to the answer arriving at the loopback
fake of Slack's response_url. The baseline row is `/news help`, which
reads no store: Bolt's own floor on the same path.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pg import running_postgres
from bench.store import corpus, fill
from digests import summarize
from tests.support.live_app import SIGNING_SECRET, LiveApp
from tests.support.ports import free_port, wait_healthy
from tests.support.slack_fake import SlackFake

ROOT = Path(__file__).resolve().parents[1]


def queries(dev_dir: Path, count: int) -> list[str]:
    """One to three headline words a query, as people search."""
    rng = random.Random(11)
    articles = corpus(dev_dir)
    words = [w for a in articles for w in (a.title or "").split() if len(w) > 4 and w.isalpha()]
    names = [e.name for a in articles[:30] for e in summarize(a).who[:1]]
    found = []
    for i in range(count):
        query = " ".join(rng.sample(words, rng.randint(1, 3)))
        found.append(f'{query} who:"{rng.choice(names)}"' if i % 5 == 0 else query)
    return found


@contextmanager
def newsbot_run(
    database_url: str,
    slack: SlackFake,
    env: dict[str, str] | None = None,
    command: list[str] | None = None,
) -> Iterator[tuple[LiveApp, int]]:
    """`newsbot run` (or `command`) in HTTP mode on a free port, with `env` on top of the
    settings it needs, until the block ends: its address and pid."""
    port = free_port()
    settings = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "PORT": str(port),
        "LOG_LEVEL": "ERROR",
        **(env or {}),
    }
    settings.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        command or [sys.executable, "-m", "bot", "run"], cwd=ROOT, env=settings
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}/healthz", process)
        yield LiveApp(f"http://127.0.0.1:{port}/slack/events"), process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()


def run(
    app: LiveApp, slack: SlackFake, texts: list[str], clients: list[httpx.Client]
) -> dict[str, float]:
    """Send every text as a /news command, a user a client, each user waiting for the answer
    before sending the next, as people do; latencies in ms."""
    acks: list[float] = []
    answers: list[float] = []
    lock = threading.Lock()
    users = len(clients)

    def user(number: int) -> None:
        for i in range(number, len(texts), users):
            key = f"{uuid.uuid4()}"
            start = time.monotonic()
            answer = app.command(
                clients[number], texts[i], slack.response_url(key), user=f"U{number:04d}"
            )
            acked = time.monotonic()
            answer.raise_for_status()
            answered = slack.wait_for_response(key, timeout=60).at
            with lock:
                acks.append((acked - start) * 1000)
                answers.append((answered - start) * 1000)

    with ThreadPoolExecutor(users) as pool:
        list(pool.map(user, range(users)))
    return {**_stats("ack", acks), **_stats("answer", answers)}


def _stats(name: str, values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        f"{name} p50": statistics.median(values),
        f"{name} p99": values[max(int(len(values) * 0.99) - 1, 0)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_dir", type=Path)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--db", type=Path, help="a SQLite file to fill once and reuse")
    args = parser.parse_args()
    with ExitStack() as stack:
        if args.postgres:
            url = stack.enter_context(running_postgres(True))
            assert url, "PostgreSQL binaries not found"
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            url = f"sqlite:///{args.db or folder / 'bench.db'}"
        articles = corpus(args.dev_dir)
        print(f"filling the store to {args.stories:,} stories…", flush=True)
        fill(url, articles, args.stories)
        slack = stack.enter_context(SlackFake(token="xoxb-bench"))
        app, _ = stack.enter_context(newsbot_run(url, slack))
        searches = [f"search {q}" for q in queries(args.dev_dir, args.requests)]
        # Each user's client is made before the clock starts (making one takes the client
        # process 10-30 ms of CPU) and kept open, as Slack keeps its connections.
        clients = [stack.enter_context(httpx.Client(timeout=30)) for _ in range(args.users)]
        run(app, slack, searches[:40], clients)  # warm up: connections, caches, JIT-free paths
        # The articles read above stay for the run: a collection of this process's oldest
        # objects would stall every user thread at once and be counted as the app's time.
        gc.freeze()
        rows = {
            "help (baseline)": run(app, slack, ["help"] * args.requests, clients),
            "search": run(app, slack, searches, clients),
        }
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"\n/news over HTTP, {args.users} concurrent users, {args.requests} requests each row, "
        f"{args.stories:,} stories ({backend}); ms\n"
    )
    columns = ("ack p50", "ack p99", "answer p50", "answer p99")
    print(f"{'command':<18}" + "".join(f"{c:>12}" for c in columns))
    for name, got in rows.items():
        print(f"{name:<18}" + "".join(f"{got[c]:>12.1f}" for c in columns))
    print("\ntargets: ack p99 < 50 ms, answer p99 < 300 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
