"""A database or file that fails stops a `newsbot` command with one line, and loses nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.support.newsbot_process import newsbot_in, read_only_prefix

pytestmark = pytest.mark.slow  # each test runs a newsbot command as a process

ARTICLE = (
    "Harbour bridge repairs approved\n\n"
    "The city council approved £12m of repairs to the harbour bridge on Monday, ending a "
    "two-year dispute over who should pay. Engineers will replace 40 steel cables and resurface "
    "the 600-metre deck, council leader Gerald Vernon-Jackson said. About 30,000 vehicles a day "
    "cross the bridge, which will close for eight months from March. Shops near the crossing "
    "said they feared losing trade while it is shut.\n"
)


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The single line the command wrote on stderr (and no traceback)."""
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    return done.stderr


def quickly(env: dict[str, str], *args: str) -> str:
    """A newsbot command that is not under test, run in this process; its output."""
    done = CliRunner().invoke(main, list(args), env=env)
    assert done.exit_code == 0, done.output
    return done.stdout


@pytest.fixture()
def filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A SQLite database with one feed and one story; the settings that point at it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "db").mkdir()
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db' / 'news.db'}"}
    (tmp_path / "bridge.txt").write_text(ARTICLE)
    quickly(env, "feeds", "add", "https://town.example/rss")
    quickly(env, "ingest", "bridge.txt")
    return env


def contents(env: dict[str, str]) -> tuple[str, str]:
    """What a reader finds: the feed list and a search, as the CLI prints them."""
    return quickly(env, "feeds", "list", "--json"), quickly(env, "search", "bridge", "--json")


@pytest.mark.parametrize(
    "command", [("ingest", "bridge.txt"), ("feeds", "add", "https://other.example/rss")]
)
def test_writing_to_a_read_only_database_says_so_in_one_line(
    tmp_path: Path, filled: dict[str, str], command: tuple[str, ...]
) -> None:
    (tmp_path / "bridge.txt").write_text(ARTICLE.replace("£12m", "£13m"))  # an update to store
    before = contents(filled)
    database = tmp_path / "db" / "news.db"
    database.chmod(0o444)
    done = newsbot_in(tmp_path, *command, prefix=read_only_prefix(database), env=filled)
    assert done.returncode == 2
    assert "is read-only" in one_line(done)
    database.chmod(0o644)
    assert contents(filled) == before


def test_a_full_disk_stops_ingest_in_one_line_and_loses_nothing(
    tmp_path: Path, filled: dict[str, str]
) -> None:
    before = contents(filled)
    (tmp_path / "strike.txt").write_text(
        "Rail strike called\n\nRail workers will strike for 48 hours from Friday after talks over "
        "pay collapsed, the RMT union said. General secretary Mick Lynch said members had "
        "rejected a 3% offer. Network Rail said it would run about half of its usual services.\n"
    )
    # the write-ahead log, where SQLite writes first, as a twin of /dev/full: every write to it
    # fails with ENOSPC, the error of a full disk
    wal = tmp_path / "db" / "news.db-wal"
    try:
        os.mknod(wal, 0o600 | 0o020000, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("making a character device (a twin of /dev/full) needs CAP_MKNOD")
    done = newsbot_in(tmp_path, "ingest", "strike.txt", env=filled)
    assert done.returncode == 2
    assert "the disk is full: free some space" in one_line(done)
    if wal.exists():  # SQLite removes its log when the last connection closes
        wal.unlink()
    assert contents(filled) == before
    assert quickly(filled, "ingest", "strike.txt") == "ingest: 1 new\n"


def test_searching_a_damaged_database_says_so_in_one_line(
    tmp_path: Path, filled: dict[str, str]
) -> None:
    database = tmp_path / "db" / "news.db"
    with sqlite3.connect(database) as db:
        (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'stories'").fetchone()
        (size,) = db.execute("PRAGMA page_size").fetchone()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with database.open("r+b") as file:  # the stories table's first page overwritten
        file.seek((root - 1) * size)
        file.write(b"\x5a" * size)
    done = newsbot_in(tmp_path, "search", "bridge", env=filled)
    assert done.returncode == 2
    assert "is damaged or is not newsbot's: restore it from a backup" in one_line(done)


@pytest.mark.parametrize(
    "command", [("ingest", "bridge.txt"), ("feeds", "add", "https://a.example/rss"), ("migrate",)]
)
def test_commands_that_store_refuse_an_in_memory_database(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    (tmp_path / "bridge.txt").write_text(ARTICLE)
    done = newsbot_in(tmp_path, *command, env={"DATABASE_URL": "sqlite://"})
    assert done.returncode == 2
    assert "keeps stories in memory only" in one_line(done)


def test_listing_feeds_of_an_in_memory_database_says_nothing_is_stored_there(
    tmp_path: Path,
) -> None:
    done = newsbot_in(tmp_path, "feeds", "list", env={"DATABASE_URL": "sqlite://"})
    assert (done.returncode, done.stdout) == (0, "")
    assert (
        one_line(done) == "newsbot: database sqlite:// is in memory only: nothing is stored there\n"
    )


def test_importing_an_opml_with_a_dtd_is_refused_in_one_line(
    tmp_path: Path, filled: dict[str, str]
) -> None:
    before = contents(filled)
    (tmp_path / "feeds.opml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE opml SYSTEM "http://evil.example/opml.dtd">\n'
        '<opml version="2.0"><body><outline xmlUrl="https://a.example/rss"/></body></opml>\n'
    )
    done = newsbot_in(tmp_path, "feeds", "import", "feeds.opml", env=filled)
    assert done.returncode == 1
    assert "feeds.opml: not read: it carries a DTD" in one_line(done)
    assert contents(filled) == before


def test_a_story_id_no_database_can_hold_is_not_found(
    tmp_path: Path, filled: dict[str, str]
) -> None:
    done = newsbot_in(tmp_path, "story", "99999999999999999999999", env=filled)
    assert done.returncode == 1
    assert one_line(done) == "newsbot: no story 99999999999999999999999\n"
