"""A throwaway PostgreSQL server from the machine's binaries, with a fresh database per test."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

from digests.store import Store
from tests.support.ci import missing
from tests.support.ports import free_port


def postgres_bindir() -> Path | None:
    """Where the machine's PostgreSQL server programs are, if anywhere."""
    candidates: list[str] = []
    if pg_config := shutil.which("pg_config"):
        done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(done.stdout.strip())
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True
    )
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


@dataclass
class PostgresServer:
    """A throwaway server on loopback; `database()` makes a fresh database on it."""

    port: int
    migrated: str = "template1"
    counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        )

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def database(self, template: str = "template1") -> str:
        name = f"test_{next(self.counter)}"
        with self.admin() as conn:
            # PostgreSQL 15's default WAL_LOG copy takes ~0.2 s; FILE_COPY ~0.02 s.
            fast = " STRATEGY FILE_COPY" if conn.info.server_version >= 150000 else ""
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{fast}')
        return name

    def drop(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server from the machine's binaries (run as `postgres` when we are root), with
    one migrated database to copy; stopped and removed at the end. Without the binaries the test
    skips, or fails under CI."""
    bindir = postgres_bindir()
    if bindir is None:
        missing(
            "PostgreSQL server binaries not found (pg_config --bindir, /usr/lib/postgresql/*/bin)",
            ".ci/run installs them",
        )
    root = os.geteuid() == 0
    as_owner = ["runuser", "-u", "postgres", "--"] if root else []
    if root:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root, and there is no `postgres` user to run PostgreSQL as")
    folder = Path(tempfile.mkdtemp(prefix="newsbot-pg-"))
    if root:
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    data, port = folder / "data", free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"

    def run(*command: str) -> None:
        done = subprocess.run([*as_owner, *command], capture_output=True, text=True, timeout=120)
        if done.returncode:
            log = (folder / "log").read_text() if (folder / "log").is_file() else ""
            pytest.fail(f"{Path(command[0]).name} failed: {done.stderr.strip()} {log.strip()}")

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-N",
            "-E", "UTF8", "--locale=C")  # fmt: skip
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"),
            "-w", "start")  # fmt: skip
        server = PostgresServer(port)
        # One migrated database to copy for each test: faster than migrating every time.
        template = server.database()
        with Store(server.url(template)) as migrated:
            migrated.migrate()
        server.migrated = template
        yield server
    finally:
        subprocess.run(
            [*as_owner, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)
