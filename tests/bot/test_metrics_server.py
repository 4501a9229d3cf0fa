"""METRICS_PORT: /metrics served on a port of its own, for Socket Mode, which serves no HTTP."""

from __future__ import annotations

import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.slack.app import build_app
from bot.slack.metrics import Metrics
from bot.slack.metrics_server import MetricsServer, own_metrics_port
from bot.slack.server import SocketServer
from digests.ingest.http import PoliteClient
from digests.store import Store
from tests.support.live_app import SIGNING_SECRET
from tests.support.metrics import scrape
from tests.support.newsbot_process import newsbot_in, start_newsbot
from tests.support.ports import free_port, wait_healthy
from tests.support.settings import settings_for
from tests.support.slack_fake import SlackFake
from tests.support.socket_mode_fake import SocketModeFake

HELP = {
    "command": "/news",
    "text": "help",
    "user_id": "U0USER",
    "channel_id": "C0NEWS",
    "team_id": "T0TEAM",
    "trigger_id": "1.2.3",
}


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test", app_token="xapp-test") as fake:
        yield fake


@pytest.fixture()
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.mark.parametrize(
    ("app_token", "port", "metrics_port", "own"),
    [
        ("xapp-test", 3000, None, None),  # Socket Mode without METRICS_PORT: no metrics served
        ("xapp-test", 3000, 9464, 9464),
        ("xapp-test", 3000, 3000, 3000),  # Socket Mode does not listen on PORT
        (None, 3000, None, None),  # HTTP mode: /metrics on PORT
        (None, 3000, 3000, None),
        (None, 3000, 9464, 9464),  # HTTP mode: on PORT, and on METRICS_PORT too
    ],
)
def test_metrics_get_a_server_of_their_own_only_where_port_does_not_serve_them(
    app_token: str | None, port: int, metrics_port: int | None, own: int | None
) -> None:
    settings = settings_for(slack_app_token=app_token, port=port, metrics_port=metrics_port)
    assert own_metrics_port(settings) == own


def test_socket_mode_times_a_command_and_serves_it_on_metrics_port(
    slack: SlackFake, store: Store, http: httpx.Client
) -> None:
    settings = settings_for(
        slack_bot_token="xoxb-test", slack_app_token="xapp-test", slack_api_url=slack.api_url
    )
    metrics = Metrics()
    with SocketModeFake(slack) as socket_mode, PoliteClient() as fetcher:
        server = SocketServer(build_app(settings, store, fetcher, metrics=metrics), "xapp-test")
        scraped = MetricsServer(metrics, 0, host="127.0.0.1")
        try:
            socket_mode.wait_connected()
            envelope = socket_mode.send(
                "slash_commands", {**HELP, "response_url": slack.response_url("help")}
            )
            socket_mode.wait_for_ack(envelope)
            slack.wait_for_response("help")
            seen = scrape(http, f"http://127.0.0.1:{scraped.port}/metrics")
            elsewhere = http.get(f"http://127.0.0.1:{scraped.port}/slack/events")
        finally:
            scraped.stop()
            server.stop()
    assert seen["newsbot_command_seconds_count"] == 1
    assert seen['newsbot_command_seconds_bucket{le="+Inf"}'] == 1
    assert elsewhere.status_code == 404


@pytest.mark.slow  # starts `newsbot run` as a process
def test_a_metrics_port_in_use_stops_start_up_with_one_line(
    tmp_path: Path, slack: SlackFake
) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = newsbot_in(
            tmp_path,
            "run",
            env={
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_APP_TOKEN": "xapp-test",
                "SLACK_API_URL": slack.api_url,
                "METRICS_PORT": str(port),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}",
            },
        )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == (
        f"newsbot: cannot listen on METRICS_PORT {port} (Address already in use): stop what "
        "listens there, or set METRICS_PORT to a free port"
    )


@pytest.mark.slow  # starts `newsbot run` as a process
def test_newsbot_run_in_socket_mode_serves_metrics_on_metrics_port(
    tmp_path: Path, slack: SlackFake, http: httpx.Client
) -> None:
    port = free_port()
    with SocketModeFake(slack) as socket_mode:
        process = start_newsbot(
            tmp_path,
            {
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_APP_TOKEN": "xapp-test",
                "SLACK_API_URL": slack.api_url,
                "METRICS_PORT": str(port),
            },
        )
        try:
            wait_healthy(f"http://127.0.0.1:{port}/metrics", process)
            socket_mode.wait_connected(timeout=30)
            envelope = socket_mode.send(
                "slash_commands", {**HELP, "response_url": slack.response_url("help")}
            )
            socket_mode.wait_for_ack(envelope, timeout=10)
            seen = scrape(http, f"http://127.0.0.1:{port}/metrics")
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert seen["newsbot_command_seconds_count"] == 1
    assert "newsbot_feeds_polled_total" in seen


@pytest.mark.slow  # starts `newsbot run` as a process
def test_newsbot_run_in_http_mode_serves_metrics_on_port_and_on_metrics_port(
    tmp_path: Path, slack: SlackFake, http: httpx.Client
) -> None:
    port, metrics_port = free_port(), free_port()
    process = start_newsbot(
        tmp_path,
        {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "PORT": str(port),
            "METRICS_PORT": str(metrics_port),
        },
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}/healthz", process)
        on_port = scrape(http, f"http://127.0.0.1:{port}/metrics")
        on_metrics_port = scrape(http, f"http://127.0.0.1:{metrics_port}/metrics")
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert on_port["newsbot_digests_posted_total"] == 0
    assert on_metrics_port["newsbot_digests_posted_total"] == 0
