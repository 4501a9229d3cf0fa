"""When Slack cannot be reached, the one line says so and why, and never blames the token."""

from __future__ import annotations

import socket
from urllib.error import URLError

from bot.slack.unreachable import unreachable

API = "https://slack.com/api/"


def test_no_network_says_the_name_could_not_be_looked_up() -> None:
    offline = URLError(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    said = unreachable(API, offline)
    assert said.startswith(f"Slack could not be reached at {API} (its name could not be looked")
    assert "Name or service not known; is there a network?" in said
    assert "token" not in said


def test_a_timeout_and_a_refusal_are_named_as_such() -> None:
    assert "(it did not answer in time)" in unreachable(API, TimeoutError("timed out"))
    refused = URLError(ConnectionRefusedError(111, "Connection refused"))
    assert "(the connection was refused)" in unreachable(API, refused)
