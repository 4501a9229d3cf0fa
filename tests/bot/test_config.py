"""Settings from .env and the environment, as an admin writes them."""

from __future__ import annotations

import tempfile
from datetime import time
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.config import ConfigError, EnvSchedule, Settings, load_settings, require_slack
from tests.support.newsbot_process import VARIABLES, newsbot_in

NEAR_MISSES = st.sampled_from(
    [
        "³", "²", "①", "٣", "-1", "0", "65536", "1e3", "9" * 5000, "America", "Europe/Berlin",
        "../etc", "https://", "http://[::1", "http://h:99999/", "not a url", "sqlite://",
        "postgresql://h:abc/db", "C0123ABCD@25:00", "C0123ABCD@٠٨:٠٠", "C0123ABCD@08:00@America",
        "xoxb-1", "xapp-1", "yes", "maybe", "json", "https://a.example/rss, ,ftp://b",
        "https://caf\udce9.example/rss", "\udcff\udcb2",
    ]
)  # fmt: skip
VALUES = st.one_of(st.text(max_size=40), NEAR_MISSES)


def test_defaults_when_nothing_is_set(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.env", environ={}, data=tmp_path / "data")
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'newsbot.db'}"
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
        EnvSchedule("C0123ABCD", time(8, 0), "Europe/Berlin"),
        EnvSchedule("C0999ZZZZ", time(7, 30), "UTC"),
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


@pytest.mark.parametrize(
    ("name", "value"),
    [("PORT", "³"), ("DIGEST_MAX_STORIES", "²"), ("FEED_POLL_MINUTES", "٣"), ("PORT", "9" * 5000)],
)
def test_a_number_in_other_digits_is_refused_in_one_line(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={name: value})
    message = str(caught.value)
    assert message.count("\n") == 0
    assert f"{name}=" in message and "whole number" in message


@pytest.mark.parametrize(
    "value", ["not a url", "slack.com/api/", "https://", "ftp://slack.com/api/", "http://h:0/x"]
)
def test_a_slack_api_url_that_is_no_web_address_is_refused(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={"SLACK_API_URL": value})
    assert str(caught.value).startswith("newsbot cannot start: SLACK_API_URL=")


def test_metrics_port_is_unset_unless_given_and_a_port_number_when_it_is(tmp_path: Path) -> None:
    assert load_settings(None, environ={}).metrics_port is None
    assert load_settings(None, environ={"METRICS_PORT": " "}).metrics_port is None
    assert load_settings(None, environ={"METRICS_PORT": "9464"}).metrics_port == 9464
    env = tmp_path / ".env"
    env.write_text("METRICS_PORT=9100\n")
    assert load_settings(env, environ={}).metrics_port == 9100


@pytest.mark.parametrize("value", ["0", "65536", "-1", "9.1e3", "٩١٠٠", "metrics", "9" * 5000])
def test_a_metrics_port_that_is_no_port_is_refused_in_one_line(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={"METRICS_PORT": value})
    assert str(caught.value) == (
        f"newsbot cannot start: METRICS_PORT={value!r}: give a whole number from 1 to 65535"
    )


def test_log_format_is_text_unless_json_is_asked_for() -> None:
    assert load_settings(None, environ={}).log_format == "text"
    assert load_settings(None, environ={"LOG_FORMAT": " JSON "}).log_format == "json"


@pytest.mark.parametrize("value", ["yaml", "logfmt", "json,text"])
def test_a_log_format_that_is_neither_text_nor_json_is_refused_in_one_line(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={"LOG_FORMAT": value})
    assert str(caught.value) == f"newsbot cannot start: LOG_FORMAT={value!r}: give text or json"


def test_an_environment_value_that_is_not_utf8_is_named() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={"NEWS_FEEDS": "https://caf\udce9.example/rss"})
    assert caught.value.problems == ["NEWS_FEEDS is not UTF-8 text: set it again as UTF-8"]


def test_an_env_file_that_is_not_utf8_is_named_in_one_line(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_bytes(b"PORT=3000\nNEWS_FEEDS=https://caf\xe9.example/rss\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(env, environ={})
    message = str(caught.value)
    assert message.count("\n") == 0
    assert str(env) in message and "not UTF-8" in message


def test_a_line_that_is_not_name_value_is_named_by_its_number(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("PORT=3000\nNEWS FEEDS https://a.example/rss\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(env, environ={})
    assert "not NAME=value on line 2" in str(caught.value)


def test_a_utf8_env_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_bytes("PORT=8123\n".encode("utf-8-sig"))
    assert load_settings(env, environ={}).port == 8123


@pytest.mark.parametrize("zone", ["America", "Europe/" + "x" * 300, "../etc"])
def test_a_time_zone_that_is_a_folder_or_nonsense_is_refused(zone: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={"DIGEST_TIMEZONE": zone})
    assert caught.value.problems[0].startswith("DIGEST_TIMEZONE=")


def check_outcome(load: object) -> None:
    """A running configuration, or one ConfigError whose every problem is one line."""
    assert callable(load)
    try:
        settings = load()
        assert isinstance(settings, Settings)
        require_slack(settings)  # what `newsbot run` checks besides
    except ConfigError as exc:
        assert exc.problems and all("\n" not in p for p in exc.problems)
        assert str(exc).count("\n") == (0 if len(exc.problems) == 1 else len(exc.problems))
        return
    assert 1 <= settings.port <= 65535 and 1 <= settings.digest_max_stories <= 50
    assert settings.metrics_port is None or 1 <= settings.metrics_port <= 65535
    assert urlsplit(settings.slack_api_url).hostname and settings.slack_api_url.endswith("/")
    for zone in {settings.digest_timezone} | {s.zone for s in settings.digest_channels}:
        ZoneInfo(zone)


@given(st.dictionaries(st.sampled_from(VARIABLES), VALUES))
def test_any_values_give_settings_or_one_message(values: dict[str, str]) -> None:
    check_outcome(lambda: load_settings(None, environ=values))


ENV_LINES = st.lists(st.tuples(st.sampled_from(VARIABLES), VALUES), max_size=8).map(
    lambda pairs: "".join(f"{k}={v}\n" for k, v in pairs).encode("utf-8", "surrogateescape")
)


@given(st.one_of(st.binary(max_size=300), ENV_LINES))
def test_any_env_file_gives_settings_or_one_message(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = Path(folder) / ".env"
        env.write_bytes(data)
        check_outcome(lambda: load_settings(env, environ={}))


@pytest.mark.slow  # runs newsbot as a process
def test_a_garbage_env_file_stops_a_command_with_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"\xff\xfe\x00PORT=\x9c3000\n\x00\x01garbage \xc3\x28\n")
    done = newsbot_in(tmp_path, "feeds", "list")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and ".env is not UTF-8" in done.stderr
    assert not (tmp_path / "newsbot.db").exists()


@pytest.mark.slow  # runs newsbot as a process
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "³"),
        ("DIGEST_MAX_STORIES", "²"),
        ("SLACK_API_URL", "not a url"),
        ("NEWS_FEEDS", "https://caf\udce9.example/rss"),  # the byte \xe9: Latin-1, not UTF-8
    ],
)
def test_a_bad_setting_stops_a_command_with_one_line(tmp_path: Path, name: str, value: str) -> None:
    done = newsbot_in(tmp_path, "feeds", "list", env={name: value})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and f"newsbot cannot start: {name}" in done.stderr


def test_a_client_id_and_secret_turn_on_many_workspaces_with_the_manifests_scopes() -> None:
    settings = load_settings(
        None,
        environ={
            "SLACK_CLIENT_ID": "1234.5678",
            "SLACK_CLIENT_SECRET": "s3cret",
            "SLACK_SIGNING_SECRET": "x",
        },
    )
    assert settings.many_workspaces
    manifest = yaml.safe_load(Path("slack-manifest.yml").read_text(encoding="utf-8"))
    assert settings.slack_scopes == tuple(manifest["oauth_config"]["scopes"]["bot"])
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_uninstalled", "tokens_revoked"} <= set(events)
    require_slack(settings)  # no SLACK_BOT_TOKEN needed: each workspace's is in its install
    chosen = load_settings(
        None,
        environ={"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2", "SLACK_SCOPES": "commands"},
    )
    assert chosen.slack_scopes == ("commands",)


@pytest.mark.parametrize(
    ("environ", "said"),
    [
        ({"SLACK_CLIENT_ID": "1"}, "SLACK_CLIENT_ID is set but SLACK_CLIENT_SECRET is not"),
        ({"SLACK_CLIENT_SECRET": "2"}, "SLACK_CLIENT_SECRET is set but SLACK_CLIENT_ID is not"),
        (
            {"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2", "SLACK_BOT_TOKEN": "xoxb-1"},
            "unset SLACK_BOT_TOKEN",
        ),
        (
            {"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2", "SLACK_APP_TOKEN": "xapp-1"},
            "needs HTTP mode",
        ),
        (
            {"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2", "DIGEST_CHANNELS": "C1@08:00"},
            "unset DIGEST_CHANNELS",
        ),
    ],
)
def test_many_workspaces_set_half_or_beside_one_workspaces_tokens_is_refused(
    environ: dict[str, str], said: str
) -> None:
    with pytest.raises(ConfigError, match=said):
        load_settings(None, environ=environ)


def test_many_workspaces_need_a_signing_secret_to_serve() -> None:
    settings = load_settings(None, environ={"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2"})
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET is missing"):
        require_slack(settings)
