"""Two `newsbot run` processes on one database, real clock: one digest per channel and day,
with a kill -9 in between, none at once for a time that had passed when it was set, and a
catch-up after downtime."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from digests.schedule import Schedule
from digests.store import Store
from tests.support.clocks import noon_zone
from tests.support.live_app import SIGNING_SECRET
from tests.support.newsbot_process import start_newsbot
from tests.support.ports import free_port, wait_healthy, wait_until
from tests.support.postgres import PostgresServer
from tests.support.slack_fake import SlackFake

pytestmark = pytest.mark.slow  # each test starts `newsbot run` as a process


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.database(server.migrated)
    yield server.url(name)
    server.drop(name)


def digests_posted(slack: SlackFake, channel: str) -> list[dict[str, Any]]:
    return [
        m
        for m in slack.messages.get(channel, [])
        if (m.get("metadata") or {}).get("event_type") == "newsbot_digest"
    ]


def test_two_processes_post_each_digest_once(
    database: str, tmp_path: Path, slack_fake: SlackFake
) -> None:
    zone, local = noon_zone()
    passed = (local - timedelta(minutes=1)).strftime("%H:%M")
    coming = (local + timedelta(minutes=1)).strftime("%H:%M")
    channels = f"C0FIRST@{passed}@{zone},C0SECOND@{coming}@{zone}"

    def start() -> tuple[subprocess.Popen[str], int]:
        port = free_port()
        process = start_newsbot(
            tmp_path,
            {
                "DATABASE_URL": database,
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": slack_fake.api_url,
                "PORT": str(port),
                "DIGEST_CHANNELS": channels,
            },
        )
        return process, port

    (first, first_port), (second, second_port) = start(), start()
    try:
        wait_healthy(f"http://127.0.0.1:{first_port}/healthz", first, timeout=60)
        wait_healthy(f"http://127.0.0.1:{second_port}/healthz", second, timeout=60)
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=10)
        wait_until(lambda: digests_posted(slack_fake, "C0SECOND"), 150, "C0SECOND's digest")
        time.sleep(12)  # another tick of the survivor: nothing more
    finally:
        for process in (first, second):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.communicate(timeout=30)
    # C0FIRST's time had passed when it was first set: its first digest is tomorrow's
    assert digests_posted(slack_fake, "C0FIRST") == []
    assert len(digests_posted(slack_fake, "C0SECOND")) == 1

    # C0THIRD was set yesterday; newsbot was down at its time today and catches it up when back
    with Store(database) as store:
        at = datetime.strptime(passed, "%H:%M").time()
        yesterday = datetime.now(UTC) - timedelta(days=1)
        store.save_schedule(Schedule("C0THIRD", at, zone, origin="env", starts=yesterday))
    channels += f",C0THIRD@{passed}@{zone}"
    third, third_port = start()
    try:
        wait_healthy(f"http://127.0.0.1:{third_port}/healthz", third, timeout=60)
        wait_until(lambda: digests_posted(slack_fake, "C0THIRD"), 90, "C0THIRD's catch-up")
        time.sleep(12)
    finally:
        third.send_signal(signal.SIGTERM)
        third.communicate(timeout=30)
    assert digests_posted(slack_fake, "C0FIRST") == []
    for channel in ("C0SECOND", "C0THIRD"):
        assert len(digests_posted(slack_fake, channel)) == 1, channel


@pytest.fixture()
def slack_fake() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test") as fake:
        yield fake
