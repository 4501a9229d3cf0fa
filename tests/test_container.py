"""The container: a slim image that runs `newsbot run` as a user that is not root, checked by
/healthz, and a compose file that runs it with PostgreSQL. Built where a Docker engine is."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
IMAGE = "newsbot:test"


def final_stage() -> dict[str, str]:
    """The Dockerfile's last stage, instruction by instruction (the last of each kind)."""
    lines = (ROOT / "Dockerfile").read_text().replace("\\\n", " ").splitlines()
    stage: dict[str, str] = {}
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        word, _, rest = line.strip().partition(" ")
        if word == "FROM":
            stage = {}
        stage[word] = " ".join(rest.split())
    return stage


def test_the_image_is_slim_runs_newsbot_run_as_a_user_that_is_not_root() -> None:
    stage = final_stage()
    assert stage["FROM"].endswith("-slim")
    assert stage["USER"] not in ("root", "0")
    assert json.loads(stage["ENTRYPOINT"]) == ["newsbot"] and json.loads(stage["CMD"]) == ["run"]
    assert stage["HEALTHCHECK"].endswith('CMD ["python", "-m", "bot.cli.healthcheck"]')


def test_no_env_file_or_database_is_copied_into_the_image() -> None:
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    allowed = [line[1:] for line in ignored if line.startswith("!")]
    assert "*" in ignored and allowed == [
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "digests/",
        "bot/",
    ]


def test_compose_runs_newsbot_with_postgresql() -> None:
    compose: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    db, newsbot = compose["services"]["db"], compose["services"]["newsbot"]
    assert db["image"].startswith("postgres:")
    assert newsbot["build"] == "."
    url = newsbot["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql://") and "@db:5432/" in url
    assert newsbot["depends_on"]["db"]["condition"] == "service_healthy"


def docker_engine() -> None:
    """Skip, saying why, where no Docker engine answers (a client alone cannot build)."""
    if shutil.which("docker") is None:
        pytest.skip("no docker command here: the image is built where Docker is installed")
    info = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=60)
    if info.returncode != 0:
        said = (info.stderr.strip().splitlines() or ["docker info failed"])[-1]
        pytest.skip(f"no Docker engine here ({said}): the image is built where one runs")


@pytest.mark.slow
def test_the_image_builds_with_its_user_entry_point_and_health_check() -> None:
    docker_engine()
    built = subprocess.run(
        ["docker", "build", "-q", "-t", IMAGE, str(ROOT)], capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    (image,) = json.loads(
        subprocess.run(
            ["docker", "image", "inspect", IMAGE], capture_output=True, text=True, check=True
        ).stdout
    )
    config = image["Config"]
    assert config["User"] == "newsbot"
    assert config["Entrypoint"] == ["newsbot"] and config["Cmd"] == ["run"]
    assert config["Healthcheck"]["Test"] == ["CMD", "python", "-m", "bot.cli.healthcheck"]
    version = subprocess.run(
        ["docker", "run", "--rm", IMAGE, "--version"], capture_output=True, text=True
    )
    assert version.stdout.startswith("newsbot, version")
