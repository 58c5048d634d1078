"""Events: the filtered table, sorted as asked; a chosen row shows every field and its document."""

import math

import streamlit as st

from core.store.queries import PAGE_ROWS, by_ids
from core.views.cards import event_fields, highlight_excerpts, markdown_text
from core.views.summaries import SORT_COLUMNS, display_table, sort_table
from pages.widgets.render import (
    CARD_CSS,
    document_url,
    event_page,
    show_event_table,
)

view = event_page("Events")

c1, c2, c3 = st.columns([2, 1, 1])
sort_by = c1.selectbox("Sort by", list(SORT_COLUMNS), index=0, key="ev_sort",
                       help="Numbers sort as numbers; events whose figure is not reported come last.")
descending = c2.toggle("Descending", value=True, key="ev_desc")
pages = max(1, math.ceil(view.count / PAGE_ROWS))
number = c3.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1, key="ev_page")
# The store sorts and returns this page only: a million events cost one page of rows.
table = display_table(view.page(SORT_COLUMNS[sort_by], descending, PAGE_ROWS, (number - 1) * PAGE_ROWS))
table = sort_table(table, sort_by, descending)

first = (number - 1) * PAGE_ROWS + 1
st.caption(f"Events {first:,}–{first + len(table) - 1:,} of {view.count:,} (the sidebar's search and filters apply). "
           "A count that reads unknown is not reported, never zero; choose a row to see every field "
           "and its source document.")
selection = show_event_table(table, on_select="rerun", selection_mode="single-row", key="ev_table")
rows = selection.selection.rows if selection else []
if not rows:
    st.info("Choose a row (the box at its left) to see the event in full.")
    st.stop()

event_id = table.iloc[rows[0]]["Event ID"]
event = by_ids([event_id], view.url).iloc[0].to_dict()
st.subheader(f"Event {markdown_text(event_id)}")
left, right = st.columns([1, 1])
with left:
    st.markdown("**Every field**")
    st.dataframe(event_fields(event), hide_index=True, width="stretch", height=520,
                 column_config={"Value": st.column_config.TextColumn(width="large")})
with right:
    source = event.get("source") or {}
    doc_id = source.get("document_id", "")
    st.markdown(f"**Source document** — [{markdown_text(source.get('title') or doc_id)}]({document_url(doc_id, view.filter)})")
    docs = view.documents
    match = docs[docs["doc_id"] == doc_id]
    if match.empty:
        st.info("The source document is not in the store (the event was imported without its text).")
    else:
        st.caption("The sentences this event came from are highlighted.")
        st.html(CARD_CSS + f'<div class="doc-text">{highlight_excerpts(match.iloc[0]["text"], event.get("source_excerpt") or [])}</div>')
