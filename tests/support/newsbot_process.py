"""`newsbot` as its own process: `newsbot run` started, a command run with a clean environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

# root ignores file modes; without these capabilities it is held to them like anyone
NO_OVERRIDE = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--")
# every variable DESIGN.md names, read or not
VARIABLES = (
    "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL", "PORT",
    "DATABASE_URL", "NEWS_FEEDS", "DIGEST_CHANNELS", "DIGEST_TIMEZONE", "DIGEST_MAX_STORIES",
    "FEED_POLL_MINUTES", "STORY_RETENTION_DAYS", "ADMIN_USER_IDS", "ALLOW_PRIVATE_URLS",
    "LOG_LEVEL", "LOG_FORMAT", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_SCOPES",
    "METRICS_PORT",
)  # fmt: skip


def start_newsbot(folder: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """`newsbot run` started in `folder` with only these settings (and a SQLite file there)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=folder,
        env={**clean, "DATABASE_URL": f"sqlite:///{folder / 'newsbot.db'}", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def newsbot_in(
    folder: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    prefix: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """A newsbot command run in `folder` (after `prefix`, e.g. setpriv), with no setting from
    the outer environment but `env`."""
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "bot", *args],
        cwd=folder,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_only_prefix(path: Path) -> tuple[str, ...]:
    """How to run a process for which `path` (mode 0444) is read-only; skip where none works."""
    prefix = NO_OVERRIDE if os.geteuid() == 0 else ()
    if prefix and shutil.which(prefix[0]) is None:
        pytest.skip("running as root without setpriv: no way to make a file read-only for us")
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", f"open({str(path)!r}, 'r+b')"], capture_output=True
    )
    if probe.returncode == 0:
        pytest.skip("this machine lets the test process write a file of mode 0444")
    return prefix
