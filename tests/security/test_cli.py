"""The command line as a careless user meets it: no password printed, no empty store made by a typo, no store
emptied by an empty folder, one line for a locked store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from core.store.database import masked, shown_url

CORPUS = Path(__file__).resolve().parents[2] / "seeds"


def test_a_database_password_is_never_shown():
    url = "postgresql://analyst:s3cret-pw@db.example:5432/events"
    assert "s3cret-pw" not in shown_url(url) and "***" in shown_url(url)
    assert masked("could not connect: password s3cret-pw rejected", url) == "could not connect: password *** rejected"


def test_cli_output_and_errors_mask_the_password(cli, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://analyst:s3cret-pw@127.0.0.1:9/events")
    result = cli("export", "--format", "csv", "--out", "/tmp/never-written.csv")
    assert result.returncode == 2
    assert "s3cret-pw" not in result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "***" in result.stderr


def test_a_typo_in_db_makes_no_empty_store(cli, tmp_path):
    missing = tmp_path / "evnets.sqlite"
    result = cli("export", "--db", str(missing), "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert result.returncode == 2 and "does not exist" in result.stderr and "--create" in result.stderr
    assert not missing.exists()
    result = cli("export", "--db", str(tmp_path / "nofolder" / "e.sqlite"), "--create", "--format", "csv",
                 "--out", str(tmp_path / "x.csv"))
    assert result.returncode == 2 and "is not a folder" in result.stderr


def test_db_create_makes_the_store_where_asked(cli, tmp_path):
    store = tmp_path / "new.sqlite"
    result = cli("build", "--seeds", str(CORPUS), "--db", str(store), "--create", "--csv", str(tmp_path / "e.csv"))
    assert result.returncode == 0 and store.exists()


def test_an_empty_or_missing_seeds_folder_leaves_the_store_as_it_was(cli, tmp_path):
    store = tmp_path / "s.sqlite"
    assert cli("build", "--seeds", str(CORPUS), "--db", str(store), "--create", "--csv", str(tmp_path / "a.csv")).returncode == 0
    before = sqlite3.connect(store).execute("select count(*) from events").fetchone()[0]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("build", "--seeds", str(empty), "--db", str(store), "--csv", str(tmp_path / "b.csv"))
    assert result.returncode == 2 and "--allow-empty" in result.stderr
    result = cli("build", "--seeds", str(tmp_path / "missing"), "--db", str(store), "--csv", str(tmp_path / "b.csv"))
    assert result.returncode == 2 and "is not a folder" in result.stderr and "Traceback" not in result.stderr
    assert sqlite3.connect(store).execute("select count(*) from events").fetchone()[0] == before > 0
    result = cli("build", "--seeds", str(empty), "--db", str(store), "--allow-empty", "--csv", str(tmp_path / "b.csv"))
    assert result.returncode == 0


def test_a_locked_store_gives_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICT_LOCK_TIMEOUT", "1")
    store = tmp_path / "s.sqlite"
    assert cli("build", "--seeds", str(CORPUS), "--db", str(store), "--create", "--csv", str(tmp_path / "a.csv")).returncode == 0
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = cli("build", "--seeds", str(CORPUS), "--db", str(store), "--csv", str(tmp_path / "b.csv"))
    finally:
        holder.execute("ROLLBACK")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "lock" in result.stderr
