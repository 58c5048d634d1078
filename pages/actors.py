"""Actors: for each actor its events, tactics, regions, first and last seen, and sub-units."""

import streamlit as st

from core.views.cards import markdown_text
from core.views.summaries import actor_profiles, display_table, table_height, unlisted_actors
from pages.widgets.render import event_page

view = event_page("Actors")

profiles = actor_profiles(view.events)
st.dataframe(profiles, hide_index=True, width="stretch", height=table_height(len(profiles), 420),
             column_config={"Tactics used": st.column_config.TextColumn(width="large"),
                            "Districts": st.column_config.TextColumn(width="medium")})
st.caption("Counts in brackets are events. Tactics are those an actor used as the main actor; "
           "events count an actor on either side.")

actor = st.selectbox("Show the events of", list(profiles["Actor"]), key="actor_detail")
row = profiles[profiles["Actor"] == actor].iloc[0]
c1, c2, c3 = st.columns(3)
c1.metric("Events", f"{row['Events']:,}")
c2.metric("First seen", row["First seen"])
c3.metric("Last seen", row["Last seen"])
units = row["Sub-units"] if row["Sub-units"] != "—" else "none named in these events"
st.markdown(f"**Sub-units:** {markdown_text(units)}  \n**Tactics used:** {markdown_text(row['Tactics used'])}  \n"
            f"**Provinces:** {markdown_text(row['Provinces'])}")
own = view.events[(view.events["actor1"] == actor) | (view.events["actor2"] == actor)]
st.dataframe(display_table(own), hide_index=True, width="stretch", height=table_height(len(own)))

unlisted = unlisted_actors(view.events)
st.subheader("Groups not in the actor list")
if unlisted.empty:
    st.caption("Every actor in these events is in `data/actors.csv` or `data/actor_aliases.csv`.")
else:
    st.caption(f"{len(unlisted):,} names are kept as the reports write them because the actor list does not have "
               "them. Add each to `data/actors.csv` (a new group) or `data/actor_aliases.csv` (another spelling of a "
               "listed one), with a source, and rebuild. Suggestions are never applied by themselves.")
    st.dataframe(unlisted.rename(columns={"name": "Name", "events": "Events", "suggestions": "Listed names spelt alike"}),
                 hide_index=True, width="stretch")
