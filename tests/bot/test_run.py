"""`newsbot run` as an admin starts it: settings checked, Slack answered, SIGTERM obeyed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from digests.store import Store
from tests.support.live_app import SIGNING_SECRET, LiveApp
from tests.support.newsbot_process import newsbot_in, read_only_prefix, start_newsbot
from tests.support.ports import free_port, wait_healthy
from tests.support.slack_fake import SlackFake
from tests.support.socket_mode_fake import SocketModeFake

pytestmark = pytest.mark.slow  # each test starts `newsbot run` as a process


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test", app_token="xapp-test") as fake:
        yield fake


def test_missing_settings_are_all_named_at_once(tmp_path: Path) -> None:
    process = start_newsbot(tmp_path, {"SLACK_APP_TOKEN": "xoxb-wrong-kind"})
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "SLACK_BOT_TOKEN is missing" in err
    assert "SLACK_APP_TOKEN should start with xapp-" in err


def test_a_refused_token_stops_start_up_with_a_clear_line(tmp_path: Path, slack: SlackFake) -> None:
    process = start_newsbot(
        tmp_path,
        {
            "SLACK_BOT_TOKEN": "xoxb-not-this-one",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
        },
    )
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "check SLACK_BOT_TOKEN" in err
    assert "xoxb-not-this-one" not in err


def test_slack_out_of_reach_stops_start_up_saying_so_not_blaming_the_token(
    tmp_path: Path,
) -> None:
    nobody = f"http://127.0.0.1:{free_port()}/api/"  # nothing listens there
    process = start_newsbot(
        tmp_path,
        {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": nobody,
        },
    )
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.splitlines()[-1] == (
        f"newsbot: Slack could not be reached at {nobody} (the connection was refused): "
        "check the network, a proxy or firewall, and SLACK_API_URL"
    )
    assert "did not accept the bot token" not in err


def test_http_mode_serves_slack_and_stops_on_sigterm(tmp_path: Path, slack: SlackFake) -> None:
    port = free_port()
    process = start_newsbot(
        tmp_path,
        {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "PORT": str(port),
            "LOG_LEVEL": "DEBUG",
        },
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}/healthz", process)
        with httpx.Client(timeout=10) as http:
            answer = LiveApp(f"http://127.0.0.1:{port}/slack/events").command(
                http, "help", slack.response_url()
            )
        assert answer.status_code == 200
        (response,) = slack.wait_for_responses(1)
        assert "/news search" in str(response.body)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "xoxb-test" not in err and SIGNING_SECRET not in err
    assert " WARNING " not in err  # a clean start warns of nothing (Bolt's unused token)


def health_check(folder: Path, port: int) -> subprocess.CompletedProcess[str]:
    """The container's health check, run as Docker runs it beside `newsbot run`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.healthcheck"],
        cwd=folder,
        env={**clean, "PORT": str(port)},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_the_containers_health_check_passes_while_newsbot_run_serves(
    tmp_path: Path, slack: SlackFake
) -> None:
    port = free_port()
    process = start_newsbot(
        tmp_path,
        {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "PORT": str(port),
        },
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}/healthz", process)
        assert health_check(tmp_path, port).returncode == 0
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=20)
    stopped = health_check(tmp_path, port)
    assert stopped.returncode == 1
    assert stopped.stderr.startswith(f"newsbot is not healthy: http://127.0.0.1:{port}/healthz")


def test_socket_mode_answers_a_command_without_a_public_url(
    tmp_path: Path, slack: SlackFake
) -> None:
    with SocketModeFake(slack) as socket_mode:
        process = start_newsbot(
            tmp_path,
            {
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_APP_TOKEN": "xapp-test",
                "SLACK_API_URL": slack.api_url,
            },
        )
        try:
            socket_mode.wait_connected(timeout=30)
            envelope = socket_mode.send(
                "slash_commands",
                {
                    "command": "/news",
                    "text": "help",
                    "user_id": "U0USER",
                    "channel_id": "C0NEWS",
                    "team_id": "T0TEAM",
                    "response_url": slack.response_url("socket"),
                    "trigger_id": "1.2.3",
                },
            )
            socket_mode.wait_for_ack(envelope, timeout=10)
            (response,) = slack.wait_for_responses(1, timeout=10)
            assert response.key == "socket"
            assert "/news search" in str(response.body)
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "xapp-test" not in err


def test_a_port_already_in_use_stops_start_up_with_one_line(
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
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": slack.api_url,
                "PORT": str(port),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}",
            },
        )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"newsbot: cannot listen on port {port} (Address already in use)" in done.stderr


def test_a_refused_app_token_stops_start_up_with_one_line(tmp_path: Path, slack: SlackFake) -> None:
    with SocketModeFake(slack):
        done = newsbot_in(
            tmp_path,
            "run",
            env={
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_APP_TOKEN": "xapp-not-this-one",
                "SLACK_API_URL": slack.api_url,
                "DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}",
            },
        )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "newsbot: Slack refused SLACK_APP_TOKEN (invalid_auth)" in done.stderr
    assert "xapp-not-this-one" not in done.stderr


def test_a_read_only_database_stops_start_up_before_serving(
    tmp_path: Path, slack: SlackFake
) -> None:
    database = tmp_path / "news.db"
    with Store(f"sqlite:///{database}") as store:
        store.migrate()
    database.chmod(0o444)
    done = newsbot_in(
        tmp_path,
        "run",
        prefix=read_only_prefix(database),
        env={
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "PORT": str(free_port()),
            "DATABASE_URL": f"sqlite:///{database}",
        },
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "HTTP mode" not in done.stderr
    (said,) = [line for line in done.stderr.splitlines() if line.startswith("newsbot:")]
    assert "is read-only" in said
