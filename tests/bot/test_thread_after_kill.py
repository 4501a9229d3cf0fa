"""`newsbot run` killed with -9 while a digest's thread reply is in flight: the process that takes
over finishes the thread, and every reply is in it once."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.slack.poster import LEASE
from digests.schedule import Schedule
from digests.store import Store
from digests.store._schema import digest_posts
from tests.support.clocks import noon_zone
from tests.support.live_app import SIGNING_SECRET
from tests.support.newsbot_process import start_newsbot
from tests.support.ports import free_port, wait_healthy, wait_until
from tests.support.slack_fake import SlackFake
from tests.support.stories import long_story_seen

pytestmark = pytest.mark.slow  # each test starts `newsbot run` as a process


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test") as fake:
        yield fake


def thread_of(slack: SlackFake, channel: str) -> list[dict[str, Any]]:
    return [m for m in slack.messages.get(channel, []) if "thread_ts" in m]


def test_a_reply_in_flight_at_kill_9_is_in_the_thread_once(
    tmp_path: Path, slack: SlackFake
) -> None:
    database = f"sqlite:///{tmp_path / 'newsbot.db'}"
    zone, local = noon_zone()
    passed = (local - timedelta(minutes=1)).time().replace(second=0, microsecond=0)
    with Store(database) as store:
        store.migrate()
        for number in range(6):
            long_story_seen(store, number, datetime.now(UTC) - timedelta(hours=1))
        yesterday = datetime.now(UTC) - timedelta(days=1)  # set then: today's time is due
        store.save_schedule(Schedule("C0NEWS", passed, zone, origin="env", starts=yesterday))
    env = {
        "DATABASE_URL": database,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DIGEST_CHANNELS": f"C0NEWS@{passed:%H:%M}@{zone}",
    }
    # the parent and the first reply are answered at once; the second reply takes effect but
    # its answer is held back until long after the process is gone
    slack.slow("chat.postMessage", seconds=60, skip=2)
    port = free_port()
    first = start_newsbot(tmp_path, {**env, "PORT": str(port)})
    try:
        wait_healthy(f"http://127.0.0.1:{port}/healthz", first, timeout=60)
        slack.wait_for_call("chat.postMessage", count=3, timeout=60)
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=10)
    assert len(thread_of(slack, "C0NEWS")) == 2
    engine = sa.create_engine(database)
    with engine.begin() as conn:  # ten minutes pass: the dead process's lease runs out
        conn.execute(sa.update(digest_posts).values(lease_until=datetime.now(UTC) - LEASE))

    def thread_complete() -> bool:
        with engine.connect() as conn:
            row = conn.execute(sa.select(digest_posts)).one()
        return bool(row.thread_done == row.thread_total)

    port = free_port()
    second = start_newsbot(tmp_path, {**env, "PORT": str(port)})
    try:
        wait_healthy(f"http://127.0.0.1:{port}/healthz", second, timeout=60)
        wait_until(thread_complete, 60, "the rest of the thread")
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=30)
        engine.dispose()
    numbers = [m["metadata"]["event_payload"]["reply"] for m in thread_of(slack, "C0NEWS")]
    assert numbers == list(range(len(numbers)))
    assert slack.calls_to("conversations.replies")
    parents = [m for m in slack.messages["C0NEWS"] if "thread_ts" not in m]
    assert len(parents) == 1
