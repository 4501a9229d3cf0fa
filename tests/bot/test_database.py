"""Where the database is without DATABASE_URL, and what reading commands say when it is empty
or missing: never a new database wherever a command happens to be typed."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pytest
from alembic import command
from alembic.config import Config
from click.testing import CliRunner, Result

from bot.cli import main
from digests.store._store import MIGRATIONS

ARTICLE = (
    "Harbour bridge repairs approved\n\n"
    "The city council approved £12m of repairs to the harbour bridge on Monday, ending a "
    "two-year dispute over who should pay. Engineers will replace 40 steel cables and resurface "
    "the 600-metre deck, council leader Gerald Vernon-Jackson said.\n"
)


class Newsbot(Protocol):
    def __call__(self, folder: Path, *args: str) -> Result: ...


@pytest.fixture()
def newsbot(monkeypatch: pytest.MonkeyPatch) -> Newsbot:
    """A newsbot command typed in `folder`, with no DATABASE_URL."""
    monkeypatch.delenv("DATABASE_URL", raising=False)

    def run(folder: Path, *args: str) -> Result:
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.chdir(folder)
        return CliRunner().invoke(main, list(args))

    return run


def databases(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*.db")]


def test_the_database_is_in_the_data_directory_wherever_a_command_is_typed(
    newsbot: Newsbot, tmp_path: Path, data_home: Path
) -> None:
    (tmp_path / "clips").mkdir()
    (tmp_path / "clips" / "bridge.txt").write_text(ARTICLE)
    stored = newsbot(tmp_path / "clips", "ingest", "bridge.txt")
    assert stored.exit_code == 0
    where = data_home / "newsbot" / "newsbot.db"
    assert f"new database at {where}" in stored.stderr
    found = newsbot(tmp_path / "elsewhere", "search", "bridge")
    assert "Harbour bridge repairs approved" in found.stdout
    assert databases(tmp_path) == [] and where.is_file()


def test_with_a_env_file_the_database_is_beside_it(newsbot: Newsbot, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / ".env").write_text("FEED_POLL_MINUTES=30\n")
    assert newsbot(project, "feeds", "add", "https://town.example/rss").exit_code == 0
    assert databases(tmp_path) == [project / "newsbot.db"]


def test_an_older_newsbots_database_in_the_folder_is_used_with_a_note(
    newsbot: Newsbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "newsbot.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{old}")  # where an older newsbot put it
    newsbot(tmp_path, "feeds", "add", "https://town.example/rss")
    monkeypatch.delenv("DATABASE_URL")
    listed = newsbot(tmp_path, "feeds", "list")
    assert listed.exit_code == 0 and "https://town.example/rss" in listed.stdout
    (note,) = listed.stderr.splitlines()
    assert note.startswith(f"newsbot: using {old}, an older newsbot's database in this folder")


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (("search", "bridge"), 0),
        (("search", "bridge", "--json"), 0),
        (("story", "1"), 1),
        (("feeds", "list"), 0),
        (("feeds", "export"), 0),
        (("digest", "--channel", "C0NEWS", "--dry-run"), 0),
    ],
)
def test_reading_commands_never_create_a_database_and_say_which_they_looked_at(
    newsbot: Newsbot, tmp_path: Path, data_home: Path, command: tuple[str, ...], code: int
) -> None:
    done = newsbot(tmp_path / "here", *command)
    where = data_home / "newsbot" / "newsbot.db"
    assert (done.exit_code, done.stdout) == (code, "")
    assert done.stderr == f"newsbot: no database at {where}: nothing is stored yet\n"
    assert databases(tmp_path, data_home) == [] and not where.parent.exists()


def test_a_search_with_no_hits_says_no_stories_found_and_where(
    newsbot: Newsbot, tmp_path: Path, data_home: Path
) -> None:
    where = data_home / "newsbot" / "newsbot.db"
    newsbot(tmp_path, "feeds", "add", "https://town.example/rss")
    empty = newsbot(tmp_path, "search", "bridge")
    assert (empty.exit_code, empty.stdout) == (0, "")
    assert empty.stderr == f"No stories found in {where} (it is empty).\n"
    (tmp_path / "bridge.txt").write_text(ARTICLE)
    newsbot(tmp_path, "ingest", "bridge.txt")
    assert newsbot(tmp_path, "search", "volcano").stderr == f"No stories found in {where}.\n"


def test_listing_feeds_when_there_are_none_says_so(
    newsbot: Newsbot, tmp_path: Path, data_home: Path
) -> None:
    (tmp_path / "bridge.txt").write_text(ARTICLE)
    newsbot(tmp_path, "ingest", "bridge.txt")
    listed = newsbot(tmp_path, "feeds", "list")
    where = data_home / "newsbot" / "newsbot.db"
    assert (listed.exit_code, listed.stdout) == (0, "")
    assert listed.stderr == f"No feeds in {where}: add one with newsbot feeds add URL.\n"


def test_migrate_says_whether_it_made_upgraded_or_found_the_database_up_to_date(
    newsbot: Newsbot, tmp_path: Path, data_home: Path
) -> None:
    where = data_home / "newsbot" / "newsbot.db"
    made = newsbot(tmp_path, "migrate")
    assert made.stdout.startswith(f"newsbot: new database at {where} (schema ")
    again = newsbot(tmp_path, "migrate")
    assert again.stdout.startswith(f"newsbot: the database {where} is up to date (schema ")
    assert "up to date" not in made.stdout
    config = Config()  # as an older newsbot left it
    config.set_main_option("script_location", MIGRATIONS)
    config.set_main_option("sqlalchemy.url", f"sqlite:///{where}")
    command.downgrade(config, "0005")
    upgraded = newsbot(tmp_path, "migrate")
    assert upgraded.stdout == f"newsbot: migrated {where} from schema 0005 to 0007\n"
