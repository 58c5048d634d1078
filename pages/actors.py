"""Actors: for each actor its events, first and last seen; for a chosen one its tactics, regions and sub-units."""

from dataclasses import replace

import streamlit as st

from core.store.queries import actor_details
from core.views.cards import markdown_text
from core.views.plural import counted
from core.views.summaries import display_table, table_height, unlisted_names
from pages.widgets.data import View
from pages.widgets.render import event_page, show_event_table

view = event_page("Actors")

profiles = view.actor_profiles()  # counted by the store
st.dataframe(profiles, hide_index=True, width="stretch", height=table_height(len(profiles), 420))
st.caption("Events count an actor on either side; 'as main actor' counts the events it carried out (actor 1).")


def _joined(counts) -> str:
    return ", ".join(f"{k} ({v:,})" for k, v in counts.items()) or "—"


actor = st.selectbox("Show the events of", list(profiles["Actor"]), key="actor_detail")
row = profiles[profiles["Actor"] == actor].iloc[0]
c1, c2, c3 = st.columns(3)
c1.metric("Events", f"{row['Events']:,}")
c2.metric("First seen", row["First seen"])
c3.metric("Last seen", row["Last seen"])
details = actor_details(view.filter, actor, view.url)
units = _joined(details["units"]) if len(details["units"]) else "none named in these events"
st.markdown(f"**Sub-units:** {markdown_text(units)}  \n**Tactics used:** {markdown_text(_joined(details['tactics']))}  \n"
            f"**Provinces:** {markdown_text(_joined(details['provinces']))}")
own = View(replace(view.filter, actors=(actor,), actor_role="either"), view.url, view.version)
latest = display_table(own.page(limit=200))
st.caption(f"The latest {len(latest):,} of the {counted(own.count, 'event')} involving {markdown_text(actor)}.")
show_event_table(latest)

unlisted = unlisted_names(profiles.set_index("Actor")["Events"])
st.subheader("Groups not in the actor list")
if unlisted.empty:
    st.caption("Every actor in these events is in `data/actors.csv` or `data/actor_aliases.csv`.")
else:
    st.caption(f"{len(unlisted):,} names are kept as the reports write them because the actor list does not have "
               "them. Add each to `data/actors.csv` (a new group) or `data/actor_aliases.csv` (another spelling of a "
               "listed one), with a source, and rebuild. Suggestions are never applied by themselves.")
    st.dataframe(unlisted.rename(columns={"name": "Name", "events": "Events", "suggestions": "Listed names spelt alike"}),
                 hide_index=True, width="stretch")
