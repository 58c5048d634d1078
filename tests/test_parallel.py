"""Big command-line batches run in forked workers and give what one process gives, in the same order."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from core.store import parallel
from core.store.parallel import in_chunks

ROOT = Path(__file__).resolve().parents[1]


def _pids(part: list[int]) -> list[tuple[int, int]]:
    return [(x, os.getpid()) for x in part]


def test_the_parts_run_in_workers_and_come_back_in_order():
    done = []
    results = list(in_chunks(_pids, list(range(30)), workers=2, chunk=4, progress=lambda n, total: done.append(n)))
    assert [x for x, _ in results] == list(range(30))
    assert len({pid for _, pid in results}) >= 2 and results[0][1] == os.getpid()
    assert done == [4, 8, 12, 16, 20, 24, 28, 30]
    assert {pid for _, pid in in_chunks(_pids, list(range(30)), workers=1, chunk=4)} == {os.getpid()}
    assert {pid for _, pid in in_chunks(_pids, list(range(8)), workers=2, chunk=4)} == {os.getpid()}  # too few


def test_extract_with_workers_prints_what_one_process_prints(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK", 3)
    reports = sorted((ROOT / "tests" / "corpus").glob("*.txt"))[:9]
    files = []
    for i, report in enumerate(reports):
        files.append(str(shutil.copy(report, tmp_path / report.name)))
        if i == 4:  # a bad file inside a worker's part: its one-line error, the others still count
            (tmp_path / "empty.txt").write_text("")
            files.append(str(tmp_path / "empty.txt"))
    one = cli("extract", "--json", "--jobs", "1", *files)
    two = cli("extract", "--json", "--jobs", "2", *files)
    assert one.returncode == two.returncode == 1
    assert json.loads(two.stdout) == json.loads(one.stdout) and len(json.loads(one.stdout)) >= 9
    assert [line for line in two.stderr.splitlines() if line.strip()] == \
        [line for line in one.stderr.splitlines() if line.strip()] and "empty.txt" in two.stderr
