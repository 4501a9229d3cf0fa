"""Replicas: three `newsbot run` processes on one PostgreSQL share 500 workspaces' digests.

Usage: python bench/replicas.py DEV_DIR [--workspaces 500] [--feeds 200] [--replicas 3]
       [--kill-at 0.4] [--lease 60]

A fresh PostgreSQL holds --workspaces installed workspaces (SLACK_CLIENT_ID mode, each with its
own bot token at the loopback fake of Slack), two channels each, every channel subscribed to one
of --feeds feeds (served on loopback, each from its own address, with three dev articles in
full) and scheduled within the same 5 minutes. --replicas `newsbot run` processes serve it with
FEED_POLL_MINUTES=1. When --kill-at of the digests are posted, the first replica is killed with
SIGKILL; the others take over its claims when their leases run out. The lease is shortened to
--lease seconds (and a feed poll's hold to two minutes) for the bench, by setting those constants
in the replicas before they start: in service they are 10 and 30 minutes.
Reported: digests posted, duplicates and missed; each replica's share; the latest digest's delay
after its minute; claims taken over after the kill; feed polls and feeds polled twice within one
interval.
"""

from __future__ import annotations

import argparse
import html
import http.server
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pg import running_postgres
from bench.store import corpus
from digests.schedule import Schedule
from digests.store import Store
from tests.support.live_app import SIGNING_SECRET
from tests.support.ports import free_port, wait_healthy
from tests.support.slack_fake import SlackFake
from tests.support.slack_workspaces import CLIENT_ID, CLIENT_SECRET

ROOT = Path(__file__).resolve().parents[1]
BOOT = """
import sys
from datetime import timedelta
import bot.slack.background as background
import bot.slack.poster as poster
poster.LEASE = timedelta(seconds={lease})
background.POLL_HOLD = timedelta(minutes=2)
from bot.cli import main
main(["run"])
"""


class Feeds:
    """Feed documents on one loopback port, each feed at its own address (127.0.0.N), so that
    one host's one-request-a-second limit is not what the bench measures; every poll logged."""

    def __init__(self, documents: dict[str, bytes]) -> None:
        self.documents = documents
        self.polls: dict[str, list[float]] = defaultdict(list)
        lock = threading.Lock()
        feeds = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                host = self.headers.get("Host", "").split(":")[0]
                body = feeds.documents.get(host, b"")
                with lock:
                    feeds.polls[host].append(time.time())
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        # every 127.0.0.N reaches a server on the wildcard address; nothing but loopback asks
        self.server = http.server.ThreadingHTTPServer(("0.0.0.0", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, number: int) -> str:
        return f"http://127.0.0.{number + 2}:{self.port}/feed.xml"


def rss(number: int, articles: list[Any]) -> bytes:
    """Feed `number`: three dev articles in full, each under its own link."""
    items = []
    for k in range(3):
        article = articles[(number * 3 + k) % len(articles)]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in article.text.split("\n") if p.strip())
        items.append(
            f"<item><title>{html.escape(article.title or 'Untitled')}</title>"
            f"<link>https://bench.example/{number}/{k}</link>"
            f"<guid>bench-{number}-{k}</guid>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Bench feed {number}</title><link>https://bench.example/</link>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def set_up(url: str, slack: SlackFake, feeds: Feeds, workspaces: int, first: datetime) -> None:
    """Installations, subscriptions and schedules: channel j at first + (j % 5) minutes."""
    from slack_sdk.oauth.installation_store import Installation
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    with Store(url) as store:
        store.migrate()
        installations = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=store.engine)
        count = len(feeds.documents)
        for w in range(workspaces):
            team = f"T{w:07d}"
            token = slack.installed(team)
            installations.save(
                Installation(
                    app_id="A0APP",
                    enterprise_id=None,
                    team_id=team,
                    bot_token=token,
                    bot_id="B0BOT",
                    bot_user_id="U0BOT",
                    bot_scopes="commands,chat:write",
                    user_id="U0INSTALLER",
                )
            )
            for c in range(2):
                j = w * 2 + c
                channel = f"C{j:08d}"
                slack.own(channel, team)
                store.add_feed(feeds.url(j % count), f"Bench feed {j % count}", channel, team)
                at = (first + timedelta(minutes=j % 5)).time()
                starts = first - timedelta(days=1)
                store.save_schedule(Schedule(channel, at, "UTC", starts=starts, team=team))


def replica(url: str, slack: SlackFake, lease: int) -> tuple[subprocess.Popen[bytes], int]:
    """One `newsbot run` serving every installed workspace in HTTP mode."""
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": url,
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "PORT": str(port),
        "FEED_POLL_MINUTES": "1",
        "ALLOW_PRIVATE_URLS": "true",
        "LOG_LEVEL": "ERROR",
    }
    command = [sys.executable, "-c", BOOT.format(lease=lease)]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    wait_healthy(f"http://127.0.0.1:{port}/healthz", process, timeout=60)
    return process, port


def parents(slack: SlackFake) -> dict[str, list[dict[str, Any]]]:
    """Each channel's digest messages (not thread replies)."""
    with slack._changed:
        return {
            channel: [m for m in found if "thread_ts" not in m]
            for channel, found in slack.messages.items()
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("--workspaces", type=int, default=500)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--kill-at", type=float, default=0.4)
    parser.add_argument("--lease", type=int, default=60)
    args = parser.parse_args()
    articles = corpus(args.dev)
    channels = args.workspaces * 2
    with ExitStack() as stack:
        url = stack.enter_context(running_postgres())
        if url is None:
            sys.exit("bench/replicas.py needs PostgreSQL's binaries")
        slack = stack.enter_context(SlackFake(token="xoxb-unused"))
        feeds = Feeds({f"127.0.0.{n + 2}": rss(n, articles) for n in range(args.feeds)})
        now = datetime.now(UTC)
        first = (now + timedelta(minutes=3)).replace(second=0, microsecond=0)
        started = time.monotonic()
        set_up(url, slack, feeds, args.workspaces, first)
        print(f"set up {args.workspaces} workspaces, {channels} channels, {args.feeds} feeds "
              f"in {time.monotonic() - started:.0f} s; digests due {first:%H:%M}–"
              f"{first + timedelta(minutes=4):%H:%M} UTC")  # fmt: skip
        processes = [replica(url, slack, args.lease) for _ in range(args.replicas)]
        pids = {p.pid: n for n, (p, _) in enumerate(processes)}
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
        stack.callback(engine.dispose)
        killed_at: float | None = None
        deadline = first + timedelta(minutes=5) + timedelta(seconds=args.lease * 3 + 120)
        while datetime.now(UTC) < deadline:
            posted = sum(1 for found in parents(slack).values() if found)
            if killed_at is None and posted >= args.kill_at * channels:
                held = _kill_holding(engine, processes[0][0])
                killed_at = time.time()
                print(f"killed replica 0 (pid {processes[0][0].pid}) with SIGKILL after "
                      f"{posted} digests, holding {held}")  # fmt: skip
            if posted >= channels and _unfinished(engine) == 0:
                break
            time.sleep(1)
        for process, _ in processes[1:]:
            process.send_signal(signal.SIGTERM)
        for process, _ in processes:
            process.wait(60)
        report(url, slack, feeds, pids, first, channels, killed_at)


UNFINISHED = "(posted_ts IS NULL OR thread_done < thread_total)"


def _unfinished(engine: sa.Engine, owner: str = "%") -> int:
    """Digest claims not finished (not posted, or the thread incomplete), of `owner`'s."""
    with engine.connect() as conn:
        left = conn.scalar(
            sa.text(f"SELECT count(*) FROM digest_posts WHERE {UNFINISHED} AND owner LIKE :o"),
            {"o": owner},
        )
    return int(left or 0)


def _kill_holding(engine: sa.Engine, process: subprocess.Popen[bytes]) -> str:
    """SIGKILL `process` the moment it holds an unfinished claim (looking until the next
    minute's digests have come and gone)."""
    owner = f"%:{process.pid}:%"
    end = time.monotonic() + 75
    while time.monotonic() < end and _unfinished(engine, owner) == 0:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    held = _unfinished(engine, owner)
    return f"{held} unfinished claim{'s' if held != 1 else ''}"


def report(
    url: str,
    slack: SlackFake,
    feeds: Feeds,
    pids: dict[int, int],
    first: datetime,
    channels: int,
    killed_at: float | None,
) -> None:
    """Digests posted, duplicates, missed, shares, delays, takeovers and feed polls."""
    found = parents(slack)
    posted = sum(1 for messages in found.values() if messages)
    duplicates = sum(len(messages) - 1 for messages in found.values() if messages)
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT channel, owner, attempts, posted_at FROM digest_posts "
                "WHERE posted_ts IS NOT NULL"
            )
        ).all()
    engine.dispose()
    share = Counter(pids.get(int(row.owner.split(":")[1]), -1) for row in rows)
    taken_over = [row for row in rows if row.attempts > 1]
    delays = []
    for row in rows:
        if row.attempts == 1:
            j = int(row.channel[1:])
            delays.append((row.posted_at - (first + timedelta(minutes=j % 5))).total_seconds())
    interval = 60.0
    polls = sum(len(times) for times in feeds.polls.values())
    twice = sum(
        1
        for times in feeds.polls.values()
        for a, b in zip(sorted(times), sorted(times)[1:], strict=False)
        if b - a < interval / 2
    )
    print()
    print(f"{'digests due':<44}{channels:>8}")
    print(f"{'digests posted':<44}{posted:>8}")
    print(f"{'duplicates':<44}{duplicates:>8}")
    print(f"{'missed':<44}{channels - posted:>8}")
    for number in sorted(n for n in share if n >= 0):
        said = " (killed)" if number == 0 and killed_at else ""
        print(f"{f'posted by replica {number}{said}':<44}{share[number]:>8}")
    if delays:
        delays.sort()
        print(f"{'delay after its minute: median, latest (s)':<44}"
              f"{delays[len(delays) // 2]:>8.1f}{delays[-1]:>8.1f}")  # fmt: skip
    print(f"{'claims taken over after a lease ran out':<44}{len(taken_over):>8}")
    if taken_over and killed_at is not None:
        theirs = {row.channel for row in taken_over}
        wall = time.time() - time.monotonic()  # the fake stamps calls with the monotonic clock
        last = max(
            call.at + wall
            for call in slack.calls_to("chat.postMessage")
            if call.params.get("channel") in theirs
        )
        print(f"{'  their last message, seconds after the kill':<44}{last - killed_at:>8.1f}")
    print(f"{'feed polls (FEED_POLL_MINUTES=1)':<44}{polls:>8}")
    print(f"{'feeds polled twice within half an interval':<44}{twice:>8}")


if __name__ == "__main__":
    main()
