"""Load the front-end code of the other pages' charts and tables while the browser has nothing to do.

Streamlit's front end fetches, compiles and runs the code of a table (the data grid) or a chart (Vega) the first
time a session shows one: 0.2-0.4 s on the first Events or Timeline page of a 2-core machine. A page that has
finished drawing imports that code once per browser tab, when the browser is idle, so that the first table or
chart of the session finds it loaded.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import streamlit as st

CHUNKS = ("DataFrame", "ArrowVegaLiteChart")
"""Streamlit's lazily loaded modules of st.dataframe and st.altair_chart (with what they import)."""
QUIET_MS = 500
"""The page counts as drawn after this long without a script run or a fetched file."""


@cache
def chunk_names() -> tuple[str, ...]:
    """The file names of CHUNKS in the installed Streamlit's front end (their names carry a content hash)."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    return tuple(path.name for stem in CHUNKS for path in sorted(folder.glob(f"{stem}.*.js")))


def preload_front_end() -> None:
    """Import the chunks in the browser, one by one, once the page is quiet (nothing drawn; once per tab)."""
    names = chunk_names()
    if not names:
        return
    script = f"""<script>
(() => {{
  if (window.__chunksPreloaded) return;
  window.__chunksPreloaded = true;
  const index = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!index) return;
  const base = new URL(".", index.src);
  const idle = () => new Promise(done => (window.requestIdleCallback || setTimeout)(done));
  // Quiet: no script run going on and nothing fetched for QUIET_MS, so the page's own drawing comes first.
  let last = performance.now();
  new PerformanceObserver(() => {{ last = performance.now(); }}).observe({{type: "resource"}});
  const quiet = () => new Promise(done => {{
    const check = () => {{
      if (document.querySelector('[data-testid="stStatusWidget"]')) last = performance.now();
      if (performance.now() - last > {QUIET_MS}) done(); else setTimeout(check, 100);
    }};
    check();
  }});
  (async () => {{
    for (const name of {json.dumps(names)}) {{
      await quiet();
      await idle();
      await import(new URL(name, base).href).catch(() => {{}});
    }}
  }})();
}})();
</script>"""
    st.sidebar.html(script, unsafe_allow_javascript=True)
