"""Overview: headline figures for the current filter, the map, a timeline and the latest events."""

import streamlit as st

from core.views.charts import timeline_chart
from core.views.summaries import headline_figures, latest_events
from pages.widgets.event_map import cdn_note, show_event_map
from pages.widgets.export_panel import render_export_panel
from pages.widgets.render import event_page

view = event_page("Overview")

figures = headline_figures(view.events)
cols = st.columns(5)
cols[0].metric("Events", f"{figures['events']:,}")
cols[1].metric("Fatalities", figures["fatalities"].headline(), help="Sum of known counts; unknown is never counted as 0.")
cols[1].caption(figures["fatalities"].caveat() or "known in every event")
cols[2].metric("Hostages", figures["hostages"].headline(), help="People held or abducted; sum of known counts.")
cols[2].caption(figures["hostages"].caveat() or "known in every event")
cols[3].metric("Actors", f"{figures['actors']:,}", help="Distinct actors on either side, civilians included.")
cols[4].metric("Districts", f"{figures['districts']:,}", help="Distinct districts (admin2) with at least one event.")

left, right = st.columns([3, 2])
with left:
    st.subheader("Map")
    cdn_note()
    show_event_map(view, key="overview_map", height=500, clickable=False)
    render_export_panel(view.events, view.filter)
with right:
    st.subheader("Events over time")
    period = "month" if view.events["event_date"].nunique() > 120 else "week"
    st.altair_chart(timeline_chart(view.events, period, "tactic").properties(height=400), width="stretch")

st.subheader("Latest events")
st.dataframe(latest_events(view.events, 10), hide_index=True, width="stretch")
