"""Where the database is when DATABASE_URL is unset: beside the .env, else the data directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

FILE_NAME = "newsbot.db"


@dataclass(frozen=True)
class DefaultDatabase:
    """The default database's URL, and a one-line note when an old ./newsbot.db is used."""

    url: str
    note: str | None = None


def data_dir() -> Path:
    """The user's data directory for newsbot (~/.local/share/newsbot on Linux, or under
    $XDG_DATA_HOME)."""
    return Path(user_data_dir("newsbot", appauthor=False))


def default_database(env_file: Path | None, cwd: Path, data: Path) -> DefaultDatabase:
    """A SQLite file beside the .env that was loaded, else in `data`; never where the command
    is typed, but for a newsbot.db an older newsbot left in the working directory `cwd` when
    `data` has none yet: that one is used, with a note, so no stored story is lost."""
    if env_file is not None:
        return DefaultDatabase(_url(env_file.resolve().parent / FILE_NAME))
    wanted, old = data / FILE_NAME, cwd.resolve() / FILE_NAME
    if old.is_file() and not wanted.exists():
        note = (
            f"newsbot: using {old}, an older newsbot's database in this folder; newsbot now keeps "
            f"it in {wanted} (move it there) or beside a .env, or set DATABASE_URL"
        )
        return DefaultDatabase(_url(old), note)
    return DefaultDatabase(_url(wanted))


def _url(path: Path) -> str:
    return f"sqlite:///{path}"
