"""Shared pytest set-up: the throwaway PostgreSQL server fixture (tests/pg_server.py) and the CLI runners.

Commands are tested in-process through `core.cli.main.main(argv)`; tests/test_cli_smoke.py runs each
command once as a real subprocess, as analysts and scripts run it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ["tests.pg_server"]

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class CliResult:
    """What a command printed and returned."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture()
def cli(capsys, monkeypatch):
    """Run `python -m core ARGS` in this process: cli(*args, url=None) -> CliResult (url sets DATABASE_URL)."""
    from core.cli.main import main

    def run(*args: str, url: str | None = None) -> CliResult:
        if url:
            monkeypatch.setenv("DATABASE_URL", url)
        capsys.readouterr()
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return CliResult(code, out.out, out.err)

    return run


def run_subprocess(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """`python -m core ARGS` in a real subprocess, from the project's root."""
    return subprocess.run([sys.executable, "-m", "core", *map(str, args)], check=False, cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=timeout)
