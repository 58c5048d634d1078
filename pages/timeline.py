"""Timeline: events per day, week or month by tactic or actor, and fatalities; brushing sets the dates."""

import streamlit as st

from core.views.charts import PERIODS, brush_dates, fatalities_chart_of, timeline_chart_of, view_period
from core.views.summaries import CountFigure
from pages.widgets.render import event_page
from pages.widgets.sidebar import request_filter_change

view = event_page("Timeline")

c1, c2 = st.columns(2)
fitting = view_period(view.title_facts(), view.filter)
period = c1.segmented_control("Period", list(PERIODS), default=fitting, format_func=str.title, key="tl_period") or fitting
split_by = c2.segmented_control("Split by", ["tactic", "actor"], default="tactic", format_func=str.title, key="tl_split") or "tactic"
st.caption("Drag across the bars to select a period: the date filter in the sidebar follows.")

counts = view.timeline(period, split_by)  # counted by the store, a few hundred rows whatever the store's size
generation = st.session_state.setdefault("tl_generation", 0)
event = st.altair_chart(timeline_chart_of(counts, period, split_by), width="stretch",
                        on_select="rerun", selection_mode="period_brush", key=f"tl_chart_{generation}")
brushed = brush_dates(getattr(event, "selection", None), period)
if brushed:
    st.session_state["tl_generation"] = generation + 1  # a fresh chart, so the brush does not apply twice
    request_filter_change(dates=brushed)

st.altair_chart(fatalities_chart_of(counts, period), width="stretch")
fat = CountFigure.of_counts(counts)  # the timeline's own sums: no second pass over the events
st.caption(f"Fatalities: {fat.text()}. Bars add known counts only; unknown is never counted as 0.")
