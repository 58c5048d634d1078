"""A throwaway PostgreSQL server for the store tests, and the `store_url` fixture (SQLite file and PostgreSQL).

The fixtures are registered for every test module by tests/conftest.py.
The server is started once per session with Debian's binaries (initdb into a temporary
folder, pg_ctl on a free port of 127.0.0.1; as the `postgres` user when running as root,
since initdb refuses root) and stopped at the end. Without PostgreSQL the PostgreSQL runs
skip loudly; with CI=true they fail instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
import warnings
from pathlib import Path

import pytest

_SERVER: dict[str, object] = {}


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_owner(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unavailable(reason: str) -> None:
    message = f"PostgreSQL store tests NOT RUN: {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true requires them)")
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def _start() -> str:
    bin_dir = _bin_dir()
    if bin_dir is None:
        _unavailable("no PostgreSQL server binaries (apt-get install postgresql, or run `make test` as root)")
    root = Path(tempfile.mkdtemp(prefix="pgtest-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", _free_port()
    steps = [
        [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "-o",
         f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"],
    ]
    for cmd in steps:
        done = subprocess.run(_as_owner(cmd), check=False, capture_output=True, text=True)
        if done.returncode:
            log = (root / "log").read_text() if (root / "log").exists() else ""
            _unavailable(f"{Path(cmd[0]).name} failed: {done.stderr.strip() or done.stdout.strip()} {log[-500:]}")
    _SERVER.update(root=root, bin=bin_dir, port=port)
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}"


def _stop() -> None:
    if "root" in _SERVER:
        root = _SERVER.pop("root")
        subprocess.run(_as_owner([str(_SERVER["bin"] / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate",
                                  "stop"]), check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    """Base URL of the session's PostgreSQL server (started on first use, stopped at session end)."""
    if "url" not in _SERVER:
        _SERVER["url"] = _start()
    yield _SERVER["url"]
    _stop()
    _SERVER.pop("url", None)


def new_database(base_url: str) -> str:
    """A fresh, empty database on the server; returns its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base_url.replace("+psycopg", "") + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # name is generated above, never user input
    return f"{base_url}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """An empty store: a real SQLite file in tmp_path, then a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.sqlite'}"
    return new_database(request.getfixturevalue("postgres_server"))
