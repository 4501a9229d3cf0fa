"""Settings from .env and the environment, as an admin writes them."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.config import ConfigError, DigestSchedule, load_settings


def test_defaults_when_nothing_is_set(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.env", environ={})
    assert settings.database_url == "sqlite:///newsbot.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert (settings.feed_poll_minutes, settings.story_retention_days) == (15, 90)
    assert settings.allow_private_urls is False


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(
        "NEWS_FEEDS= https://a.example/rss , https://b.example/atom\n"
        "FEED_POLL_MINUTES=5\nALLOW_PRIVATE_URLS=Yes\nSLACK_API_URL=http://127.0.0.1:9/api\n"
        "DIGEST_CHANNELS=C0123ABCD@08:00@Europe/Berlin,C0999ZZZZ@7:30\nDIGEST_TIMEZONE=\n"
    )
    settings = load_settings(env, environ={"FEED_POLL_MINUTES": "30"})
    assert settings.news_feeds == ("https://a.example/rss", "https://b.example/atom")
    assert settings.feed_poll_minutes == 30
    assert settings.allow_private_urls is True
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert settings.digest_channels == (
        DigestSchedule("C0123ABCD", time(8, 0), "Europe/Berlin"),
        DigestSchedule("C0999ZZZZ", time(7, 30), "UTC"),
    )


def test_every_bad_setting_is_named_in_one_message(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(
            None,
            environ={
                "DATABASE_URL": "mysql://x",
                "FEED_POLL_MINUTES": "soon",
                "ALLOW_PRIVATE_URLS": "maybe",
                "DIGEST_CHANNELS": "general@8am",
                "DIGEST_TIMEZONE": "Mars/Olympus",
            },
        )
    message = str(caught.value)
    for name in (
        "DATABASE_URL",
        "FEED_POLL_MINUTES",
        "ALLOW_PRIVATE_URLS",
        "DIGEST_CHANNELS",
        "DIGEST_TIMEZONE",
    ):
        assert name in message
    assert len(caught.value.problems) == 5
