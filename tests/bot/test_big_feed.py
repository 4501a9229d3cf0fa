"""A 10,000-item feed read beside a running `newsbot run`: /news keeps answering, the database is
never locked for long, and a second `newsbot ingest` waits its turn and finishes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.live_app import SIGNING_SECRET, LiveApp
from tests.support.loopback import Loopback
from tests.support.ports import free_port, wait_healthy
from tests.support.slack_fake import SlackFake

ITEMS = 10_000
_LETTERS = random.Random(2)
WORDS = ["".join(_LETTERS.choices("abcdefghiklmnoprstu", k=4)) for _ in range(2000)]


def big_feed() -> bytes:
    """ITEMS full-text items (over the teaser length), each a story of its own (under the 5 MB
    a feed may take)."""
    rng = random.Random(3)
    items = []
    for i in range(ITEMS):
        body = " ".join(rng.choice(WORDS) for _ in range(60))
        items.append(
            f"<item><title>Report {i}: {rng.choice(WORDS)}</title>"
            f"<description>{body.capitalize()}. Report {i}.</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        f"{''.join(items)}</channel></rss>"
    ).encode()


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test") as fake:
        yield fake


def cli(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_a_big_feed_leaves_slack_answered_and_a_second_ingest_finishes(
    tmp_path: Path, slack: SlackFake, loopback: Loopback
) -> None:
    loopback.serve("/wire.xml", big_feed(), content_type="application/rss+xml")
    loopback.serve("/page", ARTICLE.encode(), content_type="text/html; charset=utf-8")
    database = tmp_path / "newsbot.db"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env = {
        **clean,
        "DATABASE_URL": f"sqlite:///{database}",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "ADMIN_USER_IDS": "U0ADMIN",
        "ALLOW_PRIVATE_URLS": "true",
    }
    added = cli(tmp_path, env, "feeds", "add", loopback.url("/wire.xml")).communicate(timeout=60)
    assert "feed 1:" in added[0], added
    port = free_port()
    log = (tmp_path / "run.log").open("w")  # read by no one while it runs: never a full pipe
    service = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env={**env, "PORT": str(port)},
        stderr=log,
    )
    answers: list[str] = []
    try:
        wait_healthy(f"http://127.0.0.1:{port}/healthz", service, timeout=60)
        app = LiveApp(f"http://127.0.0.1:{port}/slack/events")
        first = cli(tmp_path, env, "ingest")
        second = cli(tmp_path, env, "ingest")
        commands = ["schedule 09:00 UTC", f"story {loopback.url('/page')}", "digest now"]
        with httpx.Client(timeout=30) as http:
            while first.poll() is None or not answers:
                key = str(uuid.uuid4())
                text = commands[len(answers) % len(commands)]
                assert app.command(http, text, slack.response_url(key), user="U0ADMIN")
                answers.append(str(slack.wait_for_response(key, timeout=60).body))
                time.sleep(0.2)
        first_err = first.communicate(timeout=600)[1]
        second_err = second.communicate(timeout=600)[1]
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=60)
        log.close()
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert "Traceback" not in first_err + second_err
    assert all("did not work" not in said and "locked" not in said for said in answers)
    assert any("The daily digest comes here at 09:00" in said for said in answers)
    assert any("Reactor restarts after repairs" in said for said in answers)
    assert any("Posted this channel's digest" in said for said in answers)
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] == ITEMS + 1


ARTICLE = """<!doctype html><html><head><title>Reactor restarts after repairs</title></head>
<body><article><h1>Reactor restarts after repairs</h1>
<p>The reactor restarted on Monday after four months of repairs, its operator said.</p>
<p>Engineers replaced 120 valves and two pumps at a cost of $40 million, the operator added.</p>
</article></body></html>"""
