"""A live dashboard for browser tests and benchmarks: `streamlit run app.py` on a store, and Debian's Chromium.

Never a downloaded browser: Playwright drives /usr/bin/chromium with the flags this machine needs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class AppDidNotStart(RuntimeError):
    """`streamlit run` exited or did not answer in time; the message ends with its output."""


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(store_url: str, env: dict | None = None, timeout: float = 60,
          args: list[str] | None = None, port: int | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run the dashboard on `store_url` (with extra `streamlit run` options `args`); yields (base URL, process)
    once /_stcore/health answers."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": store_url, "BOUNDARY_FILE": "", **(env or {})}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
               *(args or [])]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                    raise AppDidNotStart(f"streamlit did not start:\n{output[-3000:]}") from None
                time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


SCRIPT_IDLE = ("!document.querySelector('[data-testid=\"stStatusWidget\"]')"
               " && document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state') !== 'running'")
"""JavaScript: true when no script run is going on (no status widget, the app not marked as running)."""


def wait_until_ready(page, timeout_ms: int = 60_000) -> None:
    """Wait until a Streamlit page has rendered and its script has stopped running.

    Checked on every animation frame (`wait_for_function`): Playwright's `wait_for_selector` polls ever more
    slowly (up to every 500 ms), which would add up to half a second to a page that is already there.
    """
    page.wait_for_function(f"() => !!document.querySelector('[data-testid=\"stApp\"]')"
                           f" && !!document.querySelector('[data-testid=\"stMain\"] h1') && {SCRIPT_IDLE}",
                           timeout=timeout_ms)
