"""A throwaway PostgreSQL server on loopback for the benchmarks, from the machine's binaries."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.ports import free_port
from tests.support.postgres import postgres_bindir


@contextmanager
def running_postgres(wanted: bool = True) -> Iterator[str | None]:
    """The URL of a fresh server's `postgres` database, or None when unwanted or unavailable."""
    bindir = postgres_bindir() if wanted else None
    if bindir is None:
        if wanted:
            print("PostgreSQL binaries not found: measuring SQLite only\n")
        yield None
        return
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="newsbot-bench-pg-"))
    if as_owner:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    data, port = folder / "data", free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    run = [*as_owner, str(bindir / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run(
            [*as_owner, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
            check=True,
            capture_output=True,
        )
        subprocess.run([*run, "-o", options, "-l", str(folder / "log"), "-w", "start"], check=True)
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
