"""Store and import benchmark: `python -m bench.bench_store [--rows 100000] [--stored 1000000]`.

1. Import an ACLED-format CSV of --rows synthetic rows into a fresh SQLite store (goal < 30 s).
2. Fill a store with --stored events and time filtered queries (goal < 300 ms).
Each step runs in its own process so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from core.store.importers.acled import COLUMNS

DISTRICTS = (("Khyber Pakhtunkhwa", "Bannu", 32.99, 70.60), ("Khyber Pakhtunkhwa", "Bajaur", 34.74, 71.53),
             ("Khyber Pakhtunkhwa", "Kurram", 33.90, 70.10), ("Khyber Pakhtunkhwa", "Lakki Marwat", 32.61, 70.91),
             ("Khyber Pakhtunkhwa", "Dera Ismail Khan", 31.83, 70.90), ("Balochistan", "Quetta", 30.18, 67.00),
             ("Balochistan", "Kech", 26.00, 63.05), ("Balochistan", "Nushki", 29.55, 66.02),
             ("Balochistan", "Khuzdar", 27.81, 66.61), ("Balochistan", "Zhob", 31.34, 69.45),
             ("Punjab", "Lahore", 31.55, 74.34), ("Sindh", "Karachi", 24.86, 67.01))
KINDS = (("Political violence", "Battles", "Armed clash", "Tehreek-e-Taliban Pakistan", 2, "Military Forces of Pakistan", 1),
         ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED",
          "Unidentified Armed Group (Pakistan)", 3, "Civilians (Pakistan)", 7),
         ("Political violence", "Explosions/Remote violence", "Suicide bomb", "Islamic State Khorasan Province", 2,
          "Civilians (Pakistan)", 7),
         ("Political violence", "Violence against civilians", "Abduction/forced disappearance",
          "Baloch Liberation Army", 2, "Civilians (Pakistan)", 7),
         ("Political violence", "Battles", "Armed clash", "Baloch Liberation Army", 2, "Military Forces of Pakistan", 1))


def write_acled_csv(path: Path, rows: int, seed: int = 1, start: date = date(2016, 1, 1), days: int = 3650) -> Path:
    """A synthetic ACLED-layout CSV with `rows` valid rows (ids ACL1, ACL2, ...)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for i in range(1, rows + 1):
            admin1, admin2, lat, lon = rng.choice(DISTRICTS)
            disorder, etype, sub, a1, i1, a2, i2 = rng.choice(KINDS)
            when = start + timedelta(days=rng.randrange(days))
            civ = "Civilian targeting" if i2 == 7 else ""
            out.writerow([f"ACL{i}", when.isoformat(), when.year, 1, disorder, etype, sub, a1, "", i1, a2, "", i2,
                          10 * min(i1, i2) + max(i1, i2), civ, 586, "Southern Asia", "Pakistan", admin1, admin2, "",
                          admin2, f"{lat + rng.uniform(-.2, .2):.4f}", f"{lon + rng.uniform(-.2, .2):.4f}", 1,
                          "Synthetic", "National", f"Synthetic event {i} in {admin2}.", rng.randrange(0, 20), "",
                          1700000000 + i])
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_import(rows: int, folder: Path) -> None:
    """Import `rows` synthetic ACLED rows into a new SQLite store and print the time and peak memory."""
    import pandas as pd
    import sqlalchemy as sa

    from core.store.importers import import_file

    for name in ("import.sqlite", "floor.sqlite"):  # both must start empty, also in a kept --dir
        for suffix in ("", "-wal", "-shm"):
            (folder / f"{name}{suffix}").unlink(missing_ok=True)
    csv_path = write_acled_csv(folder / "acled.csv", rows)
    began = time.perf_counter()
    outcome = import_file(csv_path, "acled", url=f"sqlite:///{folder / 'import.sqlite'}")
    took = time.perf_counter() - began
    import_peak = _peak_mb()  # before the floor, which reads the whole file at once
    began = time.perf_counter()  # the floor of issue 14: read the file and write it to a table, nothing more
    floor_engine = sa.create_engine(f"sqlite:///{folder / 'floor.sqlite'}")
    pd.read_csv(csv_path, dtype=str, keep_default_na=False).to_sql("rows", floor_engine, index=False, chunksize=10_000)
    floor = time.perf_counter() - began
    print(f"import: {outcome.imported:,} ACLED rows in {took:.1f} s; floor (read_csv + to_sql) {floor:.1f} s: "
          f"{took / floor:.1f} x the floor (target 3 x); peak RSS of the import {import_peak:.0f} MB, "
          f"with the floor {_peak_mb():.0f} MB")


def step_query(stored: int, folder: Path) -> None:
    """Store `stored` events (via the importer, in 100k-row files) and time filtered queries."""
    from core.store.filters import EventFilter
    from core.store.importers import import_file
    from core.store.reading import count_events, query_events

    url = f"sqlite:///{folder / 'big.sqlite'}"
    began = time.perf_counter()
    already = count_events(url)  # a store left by an earlier run in the same --dir is reused
    for part in range(already, stored, 100_000):
        path = write_acled_csv(folder / f"part{part}.csv", min(100_000, stored - part), seed=part)
        with path.open() as fh, (folder / "renumbered.csv").open("w") as out:
            for line in fh:  # unique ids across parts
                out.write(line.replace("ACL", f"P{part}-", 1) if line.startswith("ACL") else line)
        import_file(folder / "renumbered.csv", "acled", url=url)
    print(f"fill: {count_events(url):,} events in {time.perf_counter() - began:.0f} s")
    filters = {
        "one district, one year": EventFilter(since=date(2020, 1, 1), until=date(2020, 12, 31), admin2=("Bannu",)),
        "one province, one month, one event type": EventFilter(since=date(2022, 3, 1), until=date(2022, 3, 31),
                                                               admin1=("Balochistan",), event_types=("Battles",)),
        "one actor, one quarter": EventFilter(since=date(2021, 1, 1), until=date(2021, 3, 31),
                                              actors=("Baloch Liberation Army",)),
    }
    from core.store import queries

    answers = {  # what the dashboard asks the store (core.store.queries), and the whole rows for an export
        "count": lambda f: queries.count(f, url),
        "figures": lambda f: queries.figures(f, url),
        "page of 500 by fatalities": lambda f: queries.page(f, url, sort="fatalities"),
        "timeline by month and tactic": lambda f: queries.timeline(f, "month", "tactic", url),
        "map cells (0.25 degrees)": lambda f: queries.map_cells(f, 0.25, "tactic", url),
        "actor profiles": lambda f: queries.actor_profiles(f, url),
        "every row (export)": lambda f: query_events(f, url),
    }
    for label, f in {"whole store": EventFilter(), **filters}.items():
        for name, ask in answers.items():
            if name == "every row (export)" and label == "whole store":
                continue
            times = []
            for _ in range(5):
                began = time.perf_counter()
                found = ask(f)
                times.append((time.perf_counter() - began) * 1000)
            size = f"{len(found):,} rows" if hasattr(found, "__len__") else str(found)[:40]
            print(f"| {label} | {name} | {size} | {statistics.median(times):.0f} ms |", flush=True)
    print(f"peak RSS of fill + queries {_peak_mb():.0f} MB")


def main(argv: list[str] | None = None) -> int:
    """Run both steps, each in its own process."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--step", choices=("import", "query"))
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args(argv)
    if args.step == "import":
        step_import(args.rows, args.dir)
        return 0
    if args.step == "query":
        step_query(args.stored, args.dir)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-store-") as scratch:
        folder = str(args.dir or scratch)  # --dir keeps the filled store for the next run
        Path(folder).mkdir(parents=True, exist_ok=True)
        for step in ("import", "query"):
            subprocess.run([sys.executable, "-m", "bench.bench_store", "--step", step, "--dir", folder,
                            "--rows", str(args.rows), "--stored", str(args.stored)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
