"""newsbot's settings: defaults, then the .env file, then the environment; validated at once."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import time
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from dotenv.parser import parse_stream

from bot.database import FILE_NAME, data_dir, default_database
from digests.channel_digest import DigestPolicy
from digests.errors import DigestError

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
# the bot scopes of slack-manifest.yml: what an install asks for unless SLACK_SCOPES says
DEFAULT_SCOPES = (
    "commands",
    "chat:write",
    "users:read",
    "channels:read",
    "groups:read",
    "channels:history",
    "groups:history",
)
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}
_CHANNEL = re.compile(r"^[CGD][A-Z0-9]{2,}$")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_LOG_FORMATS = ("text", "json")
_NUMBER = re.compile(r"[0-9]{1,10}")  # ASCII digits only: str.isdigit() takes "²" and "①"
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
_UNDECODED = re.compile("[\ud800-\udfff]")  # how Python keeps environment bytes that were not UTF-8


class ConfigError(DigestError):
    """Every bad setting at once, each with how to fix it."""

    def __init__(self, problems: list[str]) -> None:
        if len(problems) == 1:  # one line for one problem
            said = f"newsbot cannot start: {problems[0]}"
        else:
            said = "newsbot cannot start; fix these settings in .env or the environment:\n"
            said += "\n".join(f"  - {p}" for p in problems)
        super().__init__(said)
        self.problems = problems


@dataclass(frozen=True)
class EnvSchedule:
    """One entry of DIGEST_CHANNELS: a channel, its local time and its zone."""

    channel: str
    at: time
    zone: str


@dataclass(frozen=True)
class Settings:
    """Everything newsbot reads from .env and the environment."""

    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_client_id: str | None = None  # set: many workspaces install newsbot by OAuth
    slack_client_secret: str | None = None
    slack_scopes: tuple[str, ...] = DEFAULT_SCOPES
    slack_api_url: str = DEFAULT_SLACK_API_URL
    port: int = 3000
    metrics_port: int | None = None  # Prometheus /metrics on a port of its own
    database_url: str = f"sqlite:///{FILE_NAME}"
    database_note: str | None = None  # said once by commands that open the default database
    news_feeds: tuple[str, ...] = ()
    digest_channels: tuple[EnvSchedule, ...] = ()
    digest_timezone: str = "UTC"
    digest_max_stories: int = 10
    feed_poll_minutes: int = 15
    story_retention_days: int = 90
    admin_user_ids: tuple[str, ...] = ()
    allow_private_urls: bool = False
    log_level: str = "INFO"
    log_format: str = "text"

    @property
    def many_workspaces(self) -> bool:
        """Whether workspaces install newsbot with "Add to Slack" (else SLACK_BOT_TOKEN's)."""
        return self.slack_client_id is not None

    @property
    def digest_policy(self) -> DigestPolicy:
        """What every channel's digest follows: these settings without the tokens."""
        return DigestPolicy(self.digest_max_stories, self.digest_timezone)


_NAMES = frozenset(f.name.upper() for f in fields(Settings)) - {"DATABASE_NOTE"}  # those read


def load_settings(
    env_file: Path | None = Path(".env"),
    environ: Mapping[str, str] | None = None,
    data: Path | None = None,
) -> Settings:
    """Settings from the .env file (if present) overlaid by the environment; ConfigError if bad.
    Without DATABASE_URL, the database is beside that .env, else in `data` (the user's data
    directory)."""
    values: dict[str, str] = {}
    loaded = env_file if env_file is not None and env_file.is_file() else None
    if loaded is not None:
        values.update(_read_env_file(loaded))
    values.update(os.environ if environ is None else environ)
    default = default_database(loaded, Path.cwd(), data or data_dir())
    raw = {k: v.strip() for k, v in values.items() if v and v.strip()}
    settings = _parse(raw, default.url)
    return settings if "DATABASE_URL" in raw else replace(settings, database_note=default.note)


def _read_env_file(path: Path) -> dict[str, str]:
    """The NAME=value lines of a .env file; ConfigError if it is not UTF-8 text or a line is
    not NAME=value (nothing is guessed, so no setting is silently lost)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            [f"{path} is not UTF-8 text (byte {exc.start + 1} is not): save it as UTF-8"]
        ) from None
    except OSError as exc:
        raise ConfigError([f"{path} cannot be read ({exc.strerror or exc})"]) from None
    bad = [b.original.line for b in parse_stream(io.StringIO(text)) if b.error]
    if bad:
        lines = ", ".join(map(str, bad[:5])) + (" …" if len(bad) > 5 else "")
        raise ConfigError([f"{path}: not NAME=value on line {lines}"])
    found = dotenv_values(stream=io.StringIO(text))
    return {k: v for k, v in found.items() if v is not None}


def _parse(raw: dict[str, str], default_database_url: str) -> Settings:
    problems: list[str] = []
    for name in sorted(_NAMES & raw.keys()):
        if _UNDECODED.search(raw[name]):  # bytes the environment held that were not UTF-8
            problems.append(f"{name} is not UTF-8 text: set it again as UTF-8")
            del raw[name]

    def number(name: str, default: int, low: int, high: int) -> int:
        text = raw.get(name)
        if text is None:
            return default
        if not _NUMBER.fullmatch(text) or not low <= int(text) <= high:
            problems.append(f"{name}={text!r}: give a whole number from {low} to {high}")
            return default
        return int(text)

    def flag(name: str) -> bool:
        text = raw.get(name, "false").lower()
        if text not in _TRUE | _FALSE:
            problems.append(f"{name}={raw[name]!r}: give true or false (yes/no, 1/0)")
        return text in _TRUE

    def items(name: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in raw.get(name, "").split(",") if p.strip())

    zone = raw.get("DIGEST_TIMEZONE", "UTC")
    if not _is_zone(zone):
        problems.append(f"DIGEST_TIMEZONE={zone!r}: give an IANA zone such as Europe/Berlin")
        zone = "UTC"
    database_url = raw.get("DATABASE_URL", default_database_url)
    if not database_url.startswith(("sqlite://", "postgresql://", "postgres://")):
        problems.append(
            f"DATABASE_URL={database_url!r}: give sqlite:///path.db or postgresql://user@host/db"
        )
    feeds = items("NEWS_FEEDS")
    for url in feeds:
        if not _is_web_url(url):
            problems.append(f"NEWS_FEEDS: {url!r} is not an http(s) URL")
    level = raw.get("LOG_LEVEL", "INFO").upper()
    if level not in _LEVELS:
        problems.append(f"LOG_LEVEL={raw['LOG_LEVEL']!r}: give one of {', '.join(_LEVELS)}")
    log_format = raw.get("LOG_FORMAT", "text").lower()
    if log_format not in _LOG_FORMATS:
        problems.append(f"LOG_FORMAT={raw['LOG_FORMAT']!r}: give text or json")
    api_url = raw.get("SLACK_API_URL", DEFAULT_SLACK_API_URL)
    if not (api_url.isascii() and _is_web_url(api_url)):
        problems.append(
            f"SLACK_API_URL={api_url!r}: give an http(s) URL such as {DEFAULT_SLACK_API_URL}, "
            "or leave it empty for Slack's own"
        )
        api_url = DEFAULT_SLACK_API_URL
    settings = Settings(
        slack_bot_token=raw.get("SLACK_BOT_TOKEN"),
        slack_app_token=raw.get("SLACK_APP_TOKEN"),
        slack_signing_secret=raw.get("SLACK_SIGNING_SECRET"),
        slack_client_id=raw.get("SLACK_CLIENT_ID"),
        slack_client_secret=raw.get("SLACK_CLIENT_SECRET"),
        slack_scopes=items("SLACK_SCOPES") or DEFAULT_SCOPES,
        slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
        port=number("PORT", 3000, 1, 65535),
        metrics_port=number("METRICS_PORT", 0, 1, 65535) if "METRICS_PORT" in raw else None,
        database_url=database_url,
        news_feeds=feeds,
        digest_channels=_schedules(items("DIGEST_CHANNELS"), zone, problems),
        digest_timezone=zone,
        digest_max_stories=number("DIGEST_MAX_STORIES", 10, 1, 50),
        feed_poll_minutes=number("FEED_POLL_MINUTES", 15, 1, 1440),
        story_retention_days=number("STORY_RETENTION_DAYS", 90, 1, 36500),
        admin_user_ids=items("ADMIN_USER_IDS"),
        allow_private_urls=flag("ALLOW_PRIVATE_URLS"),
        log_level=level if level in _LEVELS else "INFO",
        log_format=log_format if log_format in _LOG_FORMATS else "text",
    )
    _check_oauth(raw, problems)
    if problems:
        raise ConfigError(problems)
    return settings


def _check_oauth(raw: dict[str, str], problems: list[str]) -> None:
    """SLACK_CLIENT_ID and SLACK_CLIENT_SECRET together, and then no single workspace's token."""
    client_id, secret = raw.get("SLACK_CLIENT_ID"), raw.get("SLACK_CLIENT_SECRET")
    if bool(client_id) != bool(secret):
        have, lack = (
            ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")
            if client_id
            else ("SLACK_CLIENT_SECRET", "SLACK_CLIENT_ID")
        )
        problems.append(
            f"{have} is set but {lack} is not: give both, from Basic Information > App "
            "Credentials, to let workspaces install newsbot"
        )
    if not client_id:
        return
    if raw.get("SLACK_BOT_TOKEN"):
        problems.append(
            "SLACK_BOT_TOKEN is set with SLACK_CLIENT_ID: each workspace's token comes from its "
            "installation, so unset SLACK_BOT_TOKEN (or unset SLACK_CLIENT_ID and "
            "SLACK_CLIENT_SECRET to serve that one workspace)"
        )
    if raw.get("DIGEST_CHANNELS"):
        problems.append(
            "DIGEST_CHANNELS is set with SLACK_CLIENT_ID: it names channels of the one workspace "
            "of SLACK_BOT_TOKEN; each installed workspace schedules its channels with "
            "/news schedule, so unset DIGEST_CHANNELS"
        )
    if raw.get("SLACK_APP_TOKEN"):
        problems.append(
            "SLACK_APP_TOKEN is set with SLACK_CLIENT_ID: installing by OAuth needs HTTP mode "
            "(Slack sends people to /slack/oauth_redirect), so unset SLACK_APP_TOKEN and set "
            "SLACK_SIGNING_SECRET"
        )


def require_slack(settings: Settings, *, serving: bool = True) -> None:
    """ConfigError naming every setting missing to talk to Slack: a bot token (none with
    SLACK_CLIENT_ID: installations have them), and to serve (`newsbot run`) an app-level token or
    a signing secret (only a signing secret with SLACK_CLIENT_ID)."""
    problems = []
    token = settings.slack_bot_token
    if settings.many_workspaces:
        if serving and not settings.slack_signing_secret:
            problems.append(
                "SLACK_SIGNING_SECRET is missing: copy it from Basic Information > Signing "
                "Secret (workspaces install newsbot over HTTP)"
            )
    elif not token:
        problems.append(
            "SLACK_BOT_TOKEN is missing: copy the Bot User OAuth Token (xoxb-…) from your app's "
            "OAuth & Permissions page"
        )
    elif not token.startswith("xoxb-"):
        problems.append("SLACK_BOT_TOKEN should start with xoxb- (the Bot User OAuth Token)")
    app_token = settings.slack_app_token
    if app_token and not app_token.startswith("xapp-"):
        problems.append(
            "SLACK_APP_TOKEN should start with xapp- (an app-level token with the "
            "connections:write scope, from Basic Information)"
        )
    if (
        serving
        and not app_token
        and not settings.slack_signing_secret
        and not settings.many_workspaces
    ):
        problems.append(
            "set SLACK_APP_TOKEN for Socket Mode (no public URL needed), or "
            "SLACK_SIGNING_SECRET (Basic Information > Signing Secret) for HTTP mode"
        )
    if problems:
        raise ConfigError(problems)


def _is_web_url(url: str) -> bool:
    """Whether `url` is an http(s) URL with a host, a valid port and no spaces in it."""
    if _SPACE_OR_CONTROL.search(url):
        return False
    try:
        parts = urlsplit(url)
        return (
            parts.scheme.lower() in ("http", "https")
            and bool(parts.hostname)
            and (parts.port is None or parts.port > 0)
        )
    except ValueError:  # a bad port or IPv6 address
        return False


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America" is a folder
        return False
    return True


def _schedules(entries: tuple[str, ...], zone: str, problems: list[str]) -> tuple[EnvSchedule, ...]:
    """DIGEST_CHANNELS entries: CHANNEL@HH:MM or CHANNEL@HH:MM@Area/City."""
    found = []
    for entry in entries:
        parts = entry.split("@")
        hhmm = (
            re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", parts[1]) if len(parts) > 1 else None
        )
        if len(parts) not in (2, 3) or not _CHANNEL.match(parts[0]) or not hhmm:
            problems.append(
                f"DIGEST_CHANNELS: {entry!r} should be CHANNEL_ID@HH:MM or "
                "CHANNEL_ID@HH:MM@Area/City, e.g. C0123ABCD@08:00@Europe/Berlin"
            )
            continue
        entry_zone = parts[2] if len(parts) == 3 else zone
        if not _is_zone(entry_zone):
            problems.append(f"DIGEST_CHANNELS: {entry!r} names an unknown time zone")
            continue
        found.append(EnvSchedule(parts[0], time(int(hhmm[1]), int(hhmm[2])), entry_zone))
    return tuple(found)
