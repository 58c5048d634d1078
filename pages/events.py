"""Events: the filtered table with search and sort; a chosen row shows every field and its document."""

import streamlit as st

from core.views.cards import event_fields, highlight_excerpts
from core.views.summaries import display_table, search_table
from pages.widgets.render import (
    CARD_CSS,
    document_url,
    event_page,
)

view = event_page("Events")

table = display_table(view.events)
c1, c2, c3 = st.columns([3, 2, 1])
search = c1.text_input("Search in this table", key="ev_search", placeholder="any word in any column")
sort_by = c2.selectbox("Sort by", list(table.columns), index=0, key="ev_sort")
descending = c3.toggle("Descending", value=True, key="ev_desc")
table = search_table(table, search).sort_values(sort_by, ascending=not descending, kind="stable")
if table.empty:
    st.warning(f"No event in the current view contains “{search}”.")
    st.stop()

st.caption(f"{len(table):,} events. Choose a row to see every field and its source document.")
selection = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun",
                         selection_mode="single-row", key="ev_table", height=380)
rows = selection.selection.rows if selection else []
if not rows:
    st.info("Choose a row (the box at its left) to see the event in full.")
    st.stop()

event_id = table.iloc[rows[0]]["Event ID"]
event = view.events[view.events["event_id"] == event_id].iloc[0].to_dict()
st.subheader(f"Event {event_id}")
left, right = st.columns([1, 1])
with left:
    st.markdown("**Every field**")
    st.dataframe(event_fields(event), hide_index=True, width="stretch", height=520,
                 column_config={"Value": st.column_config.TextColumn(width="large")})
with right:
    source = event.get("source") or {}
    doc_id = source.get("document_id", "")
    st.markdown(f"**Source document** — [{source.get('title') or doc_id}]({document_url(doc_id, view.filter)})")
    docs = view.data.documents
    match = docs[docs["doc_id"] == doc_id]
    if match.empty:
        st.info("The source document is not in the store (the event was imported without its text).")
    else:
        st.caption("The sentences this event came from are highlighted.")
        st.html(CARD_CSS + f'<div class="doc-text">{highlight_excerpts(match.iloc[0]["text"], event.get("source_excerpt") or [])}</div>')
