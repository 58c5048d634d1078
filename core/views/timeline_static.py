"""The static timeline: events per week, stacked by main tactic in the map's colours (matplotlib).

Counting is core.views.charts.events_per_period, the dashboard's own, so the PDF panel and the timeline PNG agree
with the Timeline page.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.ticker import MaxNLocator

from core.views.charts import events_per_period
from core.views.furniture import BORDER, MUTED
from core.views.palette import NO_TACTIC, UNKNOWN_COLOR, ordered_tactics, tactic_colors

TITLE = "Events per week by main tactic"
BAR_DAYS = 6.0
"""A weekly bar is six days wide, so neighbouring weeks stay apart."""


def weekly_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events per week (rows: every Monday from the first week to the last) by main tactic (columns, legend
    order), zero where a week has none."""
    if events.empty:
        return pd.DataFrame()
    data = events_per_period(events, "week", "tactic")
    table = data.pivot_table(index="start", columns="group", values="events", aggfunc="sum", fill_value=0)
    weeks = pd.date_range(table.index.min(), table.index.max(), freq="7D")
    order = [t for t in [*ordered_tactics(), NO_TACTIC] if t in table.columns]
    return table.reindex(index=weeks, columns=order, fill_value=0)


def draw_timeline(ax: Axes, events: pd.DataFrame, *, scale: float = 1.0, title: bool = True) -> list[str]:
    """Stacked weekly bars on `ax`; returns the tactics drawn, in stacking order (bottom first)."""
    counts = weekly_counts(events)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    for spine in ("left", "bottom"):
        ax.spines[spine].set_color(BORDER)
        ax.spines[spine].set_linewidth(0.8 * scale)
    ax.tick_params(labelsize=8 * scale, colors=MUTED, length=3 * scale, width=0.6 * scale)
    if title:
        ax.set_title(TITLE, loc="left", fontsize=9.5 * scale, fontweight="bold", color=MUTED, pad=4 * scale)
    if counts.empty:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.text(0.5, 0.5, "No events in this view", transform=ax.transAxes, ha="center", va="center",
                fontsize=9 * scale, color=MUTED)
        return []
    colors = tactic_colors()
    x = mdates.date2num(counts.index.to_pydatetime())
    bottom = np.zeros(len(counts))
    for tactic in counts.columns:
        values = counts[tactic].to_numpy(dtype=float)
        some = values > 0
        left, low, high = x[some], bottom[some], bottom[some] + values[some]
        bars = np.stack([np.column_stack([left, low]), np.column_stack([left, high]),
                         np.column_stack([left + BAR_DAYS, high]), np.column_stack([left + BAR_DAYS, low])], axis=1)
        ax.add_collection(PolyCollection(bars, facecolors=colors.get(tactic, UNKNOWN_COLOR), linewidths=0),
                          autolim=False)  # one collection per tactic: thousands of bars draw at once
        bottom += values
    ax.set_xlim(x[0] - 3, x[-1] + 7 + 3)
    ax.set_ylim(0, max(1.0, float(bottom.max())) * 1.08)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y" if x[-1] - x[0] > 62 else "%-d %b %Y"))
    ax.grid(axis="y", color="#e8eaed", linewidth=0.6 * scale)
    ax.set_axisbelow(True)
    ax.set_ylabel("events", fontsize=8 * scale, color=MUTED)
    return list(counts.columns)
