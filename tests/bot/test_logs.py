"""What `newsbot run` logs reaches the admin's terminal as text, never as terminal commands."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.logs import setup_logging


@pytest.fixture()
def root_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


@pytest.mark.usefixtures("root_logging")
def test_a_feed_title_with_escapes_is_logged_as_one_plain_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging("INFO")
    title = "\x1b]0;owned\x07Evil\x1b[31m News\nFORGED ERROR line\x9b2J"
    logging.getLogger("bot.slack.background").warning("feed %s failed: token xoxb-123-abc", title)
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert not any(char in err for char in "\x1b\x07\x9b")
    assert "]0;ownedEvil[31m News FORGED ERROR line2J failed: token xoxb-[redacted]" in err
