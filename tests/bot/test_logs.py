"""What `newsbot run` logs reaches the admin's terminal as text, or with LOG_FORMAT=json as one
JSON object a line, never as terminal commands and never with a token."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.logs import setup_logging
from bot.slack.answers import AnswerPolicy, Answers, Asker
from bot.slack.background import FeedPoller
from bot.slack.poster import DigestPoster
from bot.slack.workspaces import Workspaces, web_client
from digests.ingest.http import PoliteClient
from digests.store import Store
from tests.support.loopback import Loopback
from tests.support.settings import settings_for
from tests.support.slack_fake import SlackFake
from tests.support.stories import new_story

TOKEN = "xoxb-123-abc"


@pytest.fixture()
def root_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


def json_lines(err: str) -> list[dict[str, Any]]:
    """Every line of stderr, each parsed as one JSON object."""
    lines = [json.loads(line) for line in err.splitlines()]
    assert all(isinstance(line, dict) for line in lines)
    return lines


@pytest.mark.usefixtures("root_logging")
def test_a_feed_title_with_escapes_is_logged_as_one_plain_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging("INFO")
    title = "\x1b]0;owned\x07Evil\x1b[31m News\nFORGED ERROR line\x9b2J"
    logging.getLogger("bot.slack.background").warning("feed %s failed: token %s", title, TOKEN)
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert not any(char in err for char in "\x1b\x07\x9b")
    assert "]0;ownedEvil[31m News FORGED ERROR line2J failed: token xoxb-[redacted]" in err


@pytest.mark.usefixtures("root_logging")
def test_a_posted_digest_is_logged_as_json_with_its_channel(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging("INFO", "json")
    store.save(new_story("Parliament passes the budget", url="https://n.example/1"))
    with SlackFake(token="xoxb-test") as slack:
        settings = settings_for(slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
        poster = DigestPoster(store, Workspaces(web_client(settings)), settings.digest_policy)
        poster.post_now("C0NEWS")
    posted = [line for line in json_lines(capsys.readouterr().err) if "posted" in line["message"]]
    assert len(posted) == 1
    line = posted[0]
    assert (line["level"], line["logger"], line["channel"]) == (
        "INFO",
        "bot.slack.poster",
        "C0NEWS",
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"])
    assert abs(datetime.fromisoformat(line["time"]) - datetime.now(UTC)) < timedelta(minutes=5)
    assert line["message"].endswith("posted: 1 stories")


@pytest.mark.usefixtures("root_logging")
def test_a_news_command_is_logged_with_its_team_and_channel(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging("INFO", "json")
    with PoliteClient() as fetcher:
        answers = Answers(
            store, AnswerPolicy.of(settings_for()), fetcher, is_admin=lambda u, t: False
        )
        answers.answer("latest", Asker("U0USER", "C0NEWS", "T0TEAM"))
    (line,) = json_lines(capsys.readouterr().err)
    assert line["message"] == "/news latest from U0USER in C0NEWS"
    assert (line["team"], line["channel"], line["logger"]) == (
        "T0TEAM",
        "C0NEWS",
        "bot.slack.answers",
    )


@pytest.mark.usefixtures("root_logging")
def test_a_feed_that_fails_is_logged_with_its_id_and_error(
    store: Store, loopback: Loopback, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging("INFO", "json")
    loopback.serve("/rss", b"<html>not a feed</html>", content_type="text/html")
    feed = store.add_feed(loopback.url("/rss"))
    poller = FeedPoller(store, settings_for())
    try:
        poller.tick()
    finally:
        poller.close()
    (line,) = [line for line in json_lines(capsys.readouterr().err) if "feed" in line]
    assert (line["level"], line["feed"]) == ("WARNING", feed.id)
    assert line["error"] and line["error"] in line["message"]


def raise_with_token() -> None:
    raise ValueError(f"Slack said no to {TOKEN}\nFORGED line\x1b[2J")


@pytest.mark.usefixtures("root_logging")
@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_no_json_field_holds_a_token_or_a_control_character(
    level: str, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging(level, "json")
    try:
        raise_with_token()
    except ValueError:
        logging.getLogger("bot.slack.poster").exception(
            "posting with %s failed", TOKEN, extra={"channel": f"C0NEWS {TOKEN}\x07"}
        )
    (line,) = json_lines(capsys.readouterr().err)
    assert line["message"] == "posting with xoxb-[redacted] failed"
    assert line["channel"] == "C0NEWS xoxb-[redacted]"
    assert line["error"] == "Slack said no to xoxb-[redacted] FORGED line[2J"
    for value in line.values():
        assert TOKEN not in str(value) and not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", value)
    if level == "DEBUG":  # the traceback, as one string, only at DEBUG
        assert line["traceback"].startswith("Traceback (most recent call last):\n")
        assert "in raise_with_token" in line["traceback"]
    else:
        assert "traceback" not in line
