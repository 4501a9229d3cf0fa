"""Memory under a flood of unsigned requests with huge bodies, and /news help meanwhile.

Usage: python bench/flood.py [--attackers 16] [--seconds 10] [--baseline-mb 16]

`newsbot run` serves in HTTP mode as a process of its own. --attackers connections at once each
POST /slack/events with `Content-Length: 1000000000`, a forged signature, and then send as fast
as they can for --seconds (opening a new connection when the server closes one). Meanwhile a
signed `/news help` goes out every 0.2 s and its answer is awaited at the loopback fake of Slack.
Reported: the server's resident memory when idle and at its peak during the flood, and help's
latency to the answer. The baseline is the same app under waitress's defaults, Bolt's WSGI
handler with nothing in front (the first version): it reads whole bodies, so it gets bodies of
--baseline-mb each, actually sent (a gigabyte each would take the machine's memory).
"""

from __future__ import annotations

import argparse
import signal
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
from contextlib import AbstractContextManager, ExitStack, suppress
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.slack import newsbot_run
from tests.support.live_app import SIGNING_SECRET, LiveApp
from tests.support.slack_fake import SlackFake

ROOT = Path(__file__).resolve().parents[1]
CHUNK = b"x" * 65536


def rss_mib(pid: int) -> float:
    """The process's resident memory now, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def server(
    database_url: str, slack: SlackFake, baseline: bool
) -> AbstractContextManager[tuple[LiveApp, int]]:
    """`newsbot run` (or the baseline server) on a free port; its address and pid."""
    command = [sys.executable, __file__, "--serve-baseline"] if baseline else None
    return newsbot_run(database_url, slack, command=command)


def serve_baseline() -> None:
    """The first version's HTTP face: Bolt's WSGI handler under waitress's defaults."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from waitress.server import create_server

    from bot.config import load_settings
    from bot.slack.app import build_app
    from bot.slack.server import HealthyEvents
    from digests.ingest.http import PoliteClient
    from digests.store import Store

    settings = load_settings(None)
    store = Store(settings.database_url)
    store.migrate()
    with PoliteClient() as fetcher:
        app = build_app(settings, store, fetcher)
        ready = threading.Event()
        ready.set()
        health = HealthyEvents(app, SIGNING_SECRET, ready, None)
        health.slack = SlackRequestHandler(app)  # type: ignore[assignment]
        httpd = create_server(health, host="127.0.0.1", port=settings.port, threads=16)
        signal.signal(signal.SIGTERM, lambda *_: httpd.close())
        with suppress(OSError):
            httpd.run()


def flood(app: LiveApp, announced: int, sent: int, stop: threading.Event) -> int:
    """POST unsigned bodies announcing `announced` bytes, sending up to `sent` of each, again
    and again until `stop`; how many bytes went out."""
    host, port = app.url.split("/")[2].split(":")
    total = 0
    while not stop.is_set():
        head = (
            f"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Length: {announced}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nX-Slack-Signature: v0=00\r\n"
            f"X-Slack-Request-Timestamp: {int(time.time())}\r\n\r\n"
        )
        try:
            with socket.create_connection((host, int(port)), timeout=5) as conn:
                conn.sendall(head.encode())
                done = 0
                while done < sent and not stop.is_set():
                    conn.sendall(CHUNK)
                    done += len(CHUNK)
                    total += len(CHUNK)
                conn.recv(100)
        except OSError:
            pass
    return total


def measure(
    app: LiveApp, pid: int, slack: SlackFake, args: argparse.Namespace, baseline: bool
) -> dict[str, float]:
    idle = rss_mib(pid)
    peak = idle
    stop = threading.Event()
    announced = args.baseline_mb * 2**20 if baseline else 1_000_000_000
    sent = announced
    sent_bytes: list[int] = []
    attackers = [
        threading.Thread(target=lambda: sent_bytes.append(flood(app, announced, sent, stop)))
        for _ in range(args.attackers)
    ]
    for thread in attackers:
        thread.start()
    latencies: list[float] = []
    unanswered = 0
    end = time.monotonic() + args.seconds
    with httpx.Client(timeout=30) as http:
        while time.monotonic() < end:
            key = str(uuid.uuid4())
            start = time.monotonic()
            try:
                app.command(http, "help", slack.response_url(key))
                latencies.append((slack.wait_for_response(key, timeout=10).at - start) * 1000)
            except (httpx.HTTPError, AssertionError):
                unanswered += 1
            while time.monotonic() - start < 0.2:
                peak = max(peak, rss_mib(pid))
                time.sleep(0.01)
    stop.set()
    for thread in attackers:
        thread.join(60)
    return {
        "idle MiB": idle,
        "peak MiB": peak,
        "growth MiB": peak - idle,
        "help p50 ms": statistics.median(latencies) if latencies else float("nan"),
        "help max ms": max(latencies) if latencies else float("nan"),
        "unanswered": unanswered,
        "sent MiB": sum(sent_bytes) / 2**20,
    }


def main() -> int:
    if "--serve-baseline" in sys.argv:
        serve_baseline()
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attackers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--baseline-mb", type=int, default=16)
    args = parser.parse_args()
    rows = {}
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        slack = stack.enter_context(SlackFake(token="xoxb-bench"))
        for name, baseline in (("newsbot run", False), ("baseline: Bolt + waitress", True)):
            url = f"sqlite:///{folder / (name.split()[0] + '.db')}"
            with server(url, slack, baseline) as (app, pid):
                rows[name] = measure(app, pid, slack, args, baseline)
    print(
        f"\n{args.attackers} unsigned requests at once for {args.seconds:g} s "
        f"(newsbot: 1,000,000,000 announced; baseline: {args.baseline_mb} MiB each, sent), "
        "signed /news help every 0.2 s\n"
    )
    columns = list(next(iter(rows.values())))
    print(f"{'server':<28}" + "".join(f"{c:>13}" for c in columns))
    for name, got in rows.items():
        print(f"{name:<28}" + "".join(f"{got[c]:>13.1f}" for c in columns))
    print("\ntarget: peak within 100 MiB of idle; help answered throughout")
    return 0


if __name__ == "__main__":
    sys.exit(main())
