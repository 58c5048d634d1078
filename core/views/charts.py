"""Timeline charts (Altair): events per period split by tactic or actor, and fatalities over time.

Data is aggregated in pandas first, so a chart of a million events carries only a few hundred rows.
Tactic colours come from data/tactics.csv via core.views.palette, the same as on the map.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

import altair as alt
import pandas as pd

from core.knowledge.datafiles import setting
from core.store.filters import EventFilter
from core.views.palette import NO_TACTIC, UNKNOWN_COLOR, actor_colors, group_colors, ordered_tactics, tactic_colors
from core.views.titles import period

PERIODS: dict[str, str] = {"day": "D", "week": "W-MON", "month": "MS"}
"""Period name -> pandas frequency (weeks start on Monday)."""
PERIOD_DAYS: dict[str, int] = {"day": 1, "week": 7, "month": 30}
"""Bar widths: a bar spans its period (less a tenth), so weekly bars are not hairlines."""
BRUSH = "period_brush"
"""Name of the brush selection on the events chart."""


def period_start(dates: pd.Series, period: str) -> pd.Series:
    """The first day of the period each ISO date falls in."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose one of {', '.join(PERIODS)}")
    d = pd.to_datetime(dates, format="%Y-%m-%d")
    if period == "day":
        return d
    if period == "week":
        return d - pd.to_timedelta(d.dt.day_of_week, unit="D")
    return d.dt.to_period("M").dt.start_time


def events_per_period(events: pd.DataFrame, period: str, split_by: str) -> pd.DataFrame:
    """Columns: start, group, events. Each event counts once, under its main tactic or its actor1."""
    groups, _palette = group_colors(events, split_by)
    frame = pd.DataFrame({"start": period_start(events["event_date"], period), "group": groups.to_numpy()})
    return frame.groupby(["start", "group"]).size().reset_index(name="events")


def fatalities_per_period(events: pd.DataFrame, period: str) -> pd.DataFrame:
    """Columns: start, fatalities (known sum), unknown (events whose fatalities are unknown)."""
    frame = pd.DataFrame({
        "start": period_start(events["event_date"], period),
        "fatalities": events["fatalities"].astype("Float64").fillna(0).to_numpy(float),
        "unknown": events["fatalities"].isna().to_numpy(),
    })
    return frame.groupby("start").agg(fatalities=("fatalities", "sum"), unknown=("unknown", "sum")).reset_index()


def _scale(split_by: str, groups: list[str]) -> alt.Scale:
    palette = tactic_colors() if split_by == "tactic" else actor_colors(groups)
    domain = [g for g in ordered_tactics() + [NO_TACTIC] if g in groups] if split_by == "tactic" else sorted(groups)
    return alt.Scale(domain=domain, range=[palette.get(g, UNKNOWN_COLOR) for g in domain])


def fitting_period(first: date | None, last: date | None) -> str:
    """The finest period that draws the span in at most `timeline_bars` bars per group (data/settings.csv):
    days for a season, weeks for a few years, months beyond.

    >>> fitting_period(date(2025, 1, 1), date(2025, 3, 31)), fitting_period(date(2016, 1, 1), date(2025, 12, 31))
    ('day', 'month')
    """
    if first is None or last is None:
        return "week"
    days, bars = (last - first).days + 1, int(setting("timeline_bars"))
    return next((p for p in ("day", "week") if days / PERIOD_DAYS[p] <= bars), "month")


def view_period(facts: pd.DataFrame, event_filter: EventFilter) -> str:
    """The fitting period of a view: its filter's dates, each missing end taken from the events' dates
    (`facts`: event_date per row, such as core.store.queries.title_facts)."""
    return fitting_period(*period(facts, event_filter))


def _with_end(data: pd.DataFrame, period: str) -> pd.DataFrame:
    return data.assign(end=data["start"] + pd.Timedelta(days=PERIOD_DAYS[period] * 0.9))


def timeline_chart(events: pd.DataFrame, period: str = "week", split_by: str = "tactic") -> alt.Chart:
    """Stacked bars of events per period with a horizontal brush named BRUSH."""
    return timeline_chart_of(events_per_period(events, period, split_by), period, split_by)


def timeline_chart_of(counts: pd.DataFrame, period: str = "week", split_by: str = "tactic") -> alt.Chart:
    """The same chart from counts already made (columns start, group, events), e.g. by the store in SQL."""
    data = _with_end(counts[["start", "group", "events"]], period)
    label = "Main tactic" if split_by == "tactic" else "Actor"
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    return (
        alt.Chart(data, title=f"Events per {period}")
        .mark_bar()
        .encode(
            x=alt.X("start:T", title=None),
            x2="end:T",
            y=alt.Y("sum(events):Q", title="Events", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("group:N", title=label, scale=_scale(split_by, list(data["group"].unique())),
                            legend=alt.Legend(orient="right", labelLimit=220)),
            tooltip=[alt.Tooltip("start:T", title=f"{period.title()} starting"), alt.Tooltip("group:N", title=label),
                     alt.Tooltip("events:Q", title="Events")],
        )
        .add_params(brush)
        .properties(height=280)
    )


def fatalities_chart(events: pd.DataFrame, period: str = "week") -> alt.Chart:
    """Known fatalities per period as bars, with the events of unknown toll in the tooltip."""
    return fatalities_chart_of(fatalities_per_period(events, period), period)


def fatalities_chart_of(counts: pd.DataFrame, period: str = "week") -> alt.Chart:
    """The same chart from sums already made (columns start, fatalities, unknown, per period or per group)."""
    data = _with_end(counts.groupby("start", as_index=False)[["fatalities", "unknown"]].sum(), period)
    return (
        alt.Chart(data, title=f"Fatalities per {period} (known counts only)")
        .mark_bar(color="#7a1f1f")
        .encode(
            x=alt.X("start:T", title=None),
            x2="end:T",
            y=alt.Y("fatalities:Q", title="Fatalities (known)", axis=alt.Axis(tickMinStep=1, format="d")),
            y2=alt.datum(0),  # with x and x2 both set, a bar without y2 is drawn as a dash at its value
            tooltip=[alt.Tooltip("start:T", title=f"{period.title()} starting"),
                     alt.Tooltip("fatalities:Q", title="Known fatalities", format=",.0f"),
                     alt.Tooltip("unknown:Q", title="Events with unknown toll")],
        )
        .properties(height=200)
    )


def brush_dates(selection: Mapping | None, period: str = "day") -> tuple[date, date] | None:
    """The dates a brush covers, from Streamlit's selection state; None when nothing is brushed.

    The end is extended to the end of the last period touched, so a brushed bar counts whole.
    """
    brushed = (selection or {}).get(BRUSH) or {}
    bounds = brushed.get("start")
    if not bounds or len(bounds) != 2:
        return None
    lo, hi = sorted(_to_date(v) for v in bounds)
    if period == "week":
        hi = hi + timedelta(days=6 - hi.weekday())
    elif period == "month":
        hi = (pd.Timestamp(hi) + pd.offsets.MonthEnd(0)).date()
    return lo, hi


def _to_date(value: object) -> date:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value / 1000, tz=UTC).date()
    return pd.Timestamp(str(value)).date()
