"""Requests that are too large or not signed by Slack are refused before anything parses them."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from bot.slack.gate import MAX_BODY, SignedOnly
from digests.store import Store
from tests.support.live_app import SIGNING_SECRET, LiveApp, live_app, slash_command
from tests.support.settings import settings_for
from tests.support.slack_fake import SlackFake


@pytest.fixture()
def slack() -> Iterator[SlackFake]:
    with SlackFake(token="xoxb-test") as fake:
        yield fake


@pytest.fixture()
def app(slack: SlackFake, store: Store) -> Iterator[LiveApp]:
    settings = settings_for(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
    )
    with live_app(settings, store) as live:
        yield live


def _raw(app: LiveApp, head: str, body: bytes = b"") -> socket.socket:
    """A connection to the app that has sent `head` (request line and headers) and `body`."""
    address = urlsplit(app.url)
    conn = socket.create_connection((address.hostname, address.port), timeout=10)
    conn.sendall(head.encode() + b"\r\n" + body)
    return conn


def _status(conn: socket.socket) -> int:
    """The status code of the answer on `conn`."""
    answer = b""
    while b"\r\n" not in answer:
        chunk = conn.recv(4096)
        if not chunk:
            break
        answer += chunk
    return int(answer.split(b" ", 2)[1])


def _lying(app: LiveApp) -> socket.socket:
    """An unsigned POST that announces a gigabyte and sends a little of it."""
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Length: 1000000000\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nX-Slack-Signature: v0=00\r\n"
        f"X-Slack-Request-Timestamp: {int(time.time())}\r\n"
    )
    return _raw(app, head, b"x" * 65536)


def test_a_lying_content_length_is_refused_at_once(app: LiveApp) -> None:
    with _lying(app) as conn:
        assert _status(conn) == 413


def test_a_chunked_body_over_the_cap_is_refused(app: LiveApp) -> None:
    head = "POST /slack/events HTTP/1.1\r\nHost: bot\r\nTransfer-Encoding: chunked\r\n"
    chunk = b"%x\r\n%s\r\n" % (256 * 1024, b"a" * 256 * 1024)
    with _raw(app, head) as conn:
        with contextlib.suppress(OSError):  # the server may answer and close while we send
            for _ in range(2 * MAX_BODY // len(chunk) + 4):
                conn.sendall(chunk)
        assert _status(conn) == 413


def test_sixteen_floods_at_once_leave_help_answering(
    app: LiveApp, slack: SlackFake, store: Store
) -> None:
    floods = [_lying(app) for _ in range(16)]
    try:
        with httpx.Client(timeout=10) as http:
            assert app.command(http, "help", slack.response_url("help")).status_code == 200
        assert "search" in str(slack.wait_for_response("help").body)
        assert [_status(conn) for conn in floods] == [413] * 16
    finally:
        for conn in floods:
            conn.close()


def test_a_signed_command_just_under_the_cap_is_answered(app: LiveApp, slack: SlackFake) -> None:
    fields = slash_command("help", slack.response_url("big"), "U0USER", "C0NEWS")
    body = urllib.parse.urlencode(fields)
    body += "&padding=" + "p" * (MAX_BODY - len(body) - len("&padding="))
    assert len(body) == MAX_BODY
    with httpx.Client(timeout=10) as http:
        assert http.post(app.url, content=body, headers=app.signed(body)).status_code == 200
    assert slack.wait_for_response("big")


@pytest.mark.parametrize("stamp", ["soon", "1e9", "²", "", "99999999999999999999"])
def test_a_timestamp_that_is_no_number_gets_401(app: LiveApp, slack: SlackFake, stamp: str) -> None:
    body = urllib.parse.urlencode(slash_command("help", slack.response_url(), "U0U", "C0N"))
    headers = {**app.signed(body), "X-Slack-Request-Timestamp": stamp}
    with httpx.Client(timeout=10) as http:
        answer = http.post(app.url, content=body.encode(), headers=_latin1(headers))
    assert answer.status_code == 401
    time.sleep(0.3)
    assert slack.responses == []


def test_slacks_certificate_check_is_answered(app: LiveApp) -> None:
    with httpx.Client(timeout=10) as http:
        answer = http.post(app.url, content="ssl_check=1&token=legacy")
    assert answer.status_code == 200


def _latin1(headers: dict[str, str]) -> dict[bytes, bytes]:
    return {name.encode("ascii"): value.encode("utf-8") for name, value in headers.items()}


def test_an_unsigned_body_never_reaches_the_app() -> None:
    reached = threading.Event()

    def inner(environ: object, start_response: object) -> list[bytes]:
        reached.set()
        return []

    gate = SignedOnly(inner, "secret", "/slack/events", clock=lambda: 1_700_000_000.0)
    statuses: list[str] = []
    body = b"payload=%7B%7D"
    environ = {
        "PATH_INFO": "/slack/events",
        "REQUEST_METHOD": "POST",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_X_SLACK_REQUEST_TIMESTAMP": "1700000000",
        "HTTP_X_SLACK_SIGNATURE": "v0=" + "0" * 64,
        "wsgi.input": __import__("io").BytesIO(body),
    }
    gate(environ, lambda status, headers: statuses.append(status))  # type: ignore[arg-type]
    assert statuses == ["401 Unauthorized"]
    assert not reached.is_set()


def test_a_forged_request_is_logged_in_one_line_without_its_body(
    app: LiveApp, caplog: pytest.LogCaptureFixture
) -> None:
    body = "command=%2Fnews&text=search+MARKER-OF-THE-BODY&user_id=U0FORGER"
    forged = {
        "X-Slack-Signature": "v0=" + "0" * 64,
        "X-Slack-Request-Timestamp": str(int(time.time())),
    }
    with caplog.at_level(logging.DEBUG), httpx.Client(timeout=10) as http:
        assert http.post(app.url, content=body, headers=forged).status_code == 401
    said = [record.getMessage() for record in caplog.records]
    assert [m for m in said if "no valid Slack signature" in m] == [
        "refused a request to /slack/events from 127.0.0.1: no valid Slack signature"
    ]
    assert not any("MARKER-OF-THE-BODY" in m or "U0FORGER" in m for m in said)
