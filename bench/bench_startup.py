"""Start-up costs beside the import floor, measured in the same run.

- the floor: `python -c "import pandas, spacy"`;
- `python -m core geocode --json Quetta` (target: at most 1.5x the floor, under 300 MB RSS);
- `python -m core extract --json <seed>` (target: at most 2x the floor);
- the dashboard's cold first page in Chromium (target: under 3 s): from `streamlit run` answering its
  health check to the Overview page rendered, on a store built from the seeds.

Run: .venv/bin/python -m bench.bench_startup [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.live_app import CHROMIUM, CHROMIUM_ARGS, ROOT, serve, wait_until_ready

SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
COMMANDS = {
    "floor: import pandas, spacy": [sys.executable, "-c", "import pandas, spacy"],
    "core geocode --json Quetta": [sys.executable, "-m", "core", "geocode", "--json", "Quetta"],
    "core extract --json <seed>": [sys.executable, "-m", "core", "extract", "--json", str(SEED)],
}


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed")
    return elapsed, usage.ru_maxrss / 1024


def cold_first_page(runs: int) -> list[float]:
    """Seconds from navigation to the rendered Overview, on a fresh server each time."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'events.sqlite'}"
        subprocess.run([sys.executable, "-m", "core", "build", "--csv", str(Path(tmp) / "events.csv")], cwd=ROOT,
                       env={**os.environ, "DATABASE_URL": url}, check=True, capture_output=True)
        times = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for _ in range(runs):
                with serve(url) as (base, _process):
                    page = browser.new_page(viewport={"width": 1500, "height": 1200})
                    start = time.perf_counter()
                    page.goto(base, wait_until="domcontentloaded")
                    wait_until_ready(page)
                    times.append(time.perf_counter() - start)
                    page.close()
            browser.close()
    return times


def main(argv: list[str]) -> int:
    """Print a Markdown table of the medians."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_startup")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    results = {}
    for name, command in COMMANDS.items():
        timed(command)  # warm the file cache
        runs = [timed(command) for _ in range(args.runs)]
        results[name] = (statistics.median(t for t, _ in runs), max(m for _, m in runs))
    floor = results["floor: import pandas, spacy"][0]
    print("| command | median wall time | × floor | peak RSS |")
    print("|---|---:|---:|---:|")
    for name, (seconds, rss) in results.items():
        print(f"| `{name}` | {seconds:.2f} s | {seconds / floor:.2f} | {rss:.0f} MB |")
    if not args.no_browser:
        pages = cold_first_page(max(1, args.runs // 2))
        print(f"| dashboard cold first page (Chromium, {len(pages)} fresh servers) | {statistics.median(pages):.2f} s "
              f"| | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
