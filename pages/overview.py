"""Overview: headline figures for the current filter, the map, a timeline and the latest events."""

import streamlit as st

from core.views.charts import timeline_chart_of, view_period
from core.views.summaries import CountFigure, display_table
from pages.widgets.event_map import cdn_note, show_event_map
from pages.widgets.export_panel import render_export_panel
from pages.widgets.render import event_page, show_event_table

view = event_page("Overview")

figures = view.figures()  # counted by the store
fatalities = CountFigure(figures.fatalities, figures.fatalities_unknown, figures.events)
hostages = CountFigure(figures.hostages, figures.hostages_unknown, figures.hostage_events)
cols = st.columns(5)
cols[0].metric("Events", f"{figures.events:,}")
cols[1].metric("Fatalities", fatalities.headline(), help="Sum of known counts; unknown is never counted as 0.")
cols[1].caption(fatalities.caveat() or "known in every event")
cols[2].metric("Hostages", hostages.headline() if hostages.events else "none taken",
               help="People held or abducted, in the events where people were taken; sum of known counts.")
cols[2].caption(hostages.caveat() or ("known in every event" if hostages.events else "no abduction or hijacking"))
cols[3].metric("Actors", f"{figures.actors:,}", help="Distinct actors on either side, civilians included.")
cols[4].metric("Districts", f"{figures.districts:,}", help="Distinct districts (admin2) with at least one event.")

left, right = st.columns([3, 2])
with left:
    st.subheader("Map")
    cdn_note()
    show_event_map(view, key="overview_map", height=500, clickable=False)
    render_export_panel(view)
with right:
    st.subheader("Events over time")
    period = view_period(view.title_facts(), view.filter)
    counts = view.timeline(period, "tactic")
    st.altair_chart(timeline_chart_of(counts, period, "tactic").properties(height=400), width="stretch")

st.subheader("Latest events")
latest = display_table(view.page(limit=10))
show_event_table(latest)
