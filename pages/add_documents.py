"""Add documents: upload or paste reports, check the extracted events, correct them, then save."""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit_folium import st_folium

from core.store.database import StoreError
from core.store.ingest import (
    MAX_UPLOAD_BYTES,
    IngestError,
    editor_table,
    pasted_document,
    preview,
    read_upload,
    save,
)
from core.views.maps import build_event_map
from pages.widgets.data import asset_base, ensure_app_navigation

ensure_app_navigation()
st.title("Add documents")
st.caption("Nothing is saved until you press **Save**. Every save records your name, the time and what you changed; "
           "the machine-extracted version is kept beside your corrections.")

uploads = st.file_uploader("Reports (.txt, .html, .pdf)", type=["txt", "html", "htm", "pdf"],
                           accept_multiple_files=True,
                           help=f"Up to {MAX_UPLOAD_BYTES // 2**20} MB per file.")
with st.expander("…or paste a report"):
    pasted = st.text_area("Report text", key="pasted_text", height=200)
    pasted_date = st.date_input("Date of the report", value=date.today(), key="pasted_date")
    pasted_source = st.text_input("Source (outlet, author or link)", key="pasted_source")

if st.button("Extract events", type="primary"):
    documents, problems = [], []
    for upload in uploads or []:
        try:
            documents.append(read_upload(upload.getvalue(), upload.name))
        except IngestError as exc:
            problems.append(str(exc))
    if pasted.strip():
        try:
            documents.append(pasted_document(pasted, pasted_date, pasted_source))
        except IngestError as exc:
            problems.append(str(exc))
    bar = st.progress(0.0, text="Extracting…") if len(documents) > 1 else None
    batch = preview(documents, progress=lambda i, n: bar.progress(i / n, text=f"Extracted {i} of {n}") if bar else None)
    batch.errors[:0] = problems
    st.session_state["add_batch"] = batch

batch = st.session_state.get("add_batch")
if batch is not None:
    for line in batch.errors:
        st.error(line)  # plain text: Streamlit escapes it
    if batch.events.empty:
        st.info("No events were found in these documents.")
    else:
        st.subheader(f"{len(batch.events)} events from {len(batch.documents)} documents")
        if batch.events["latitude"].notna().any():
            # The same offline Leaflet map as the Map page (st.map would need internet tiles).
            st_folium(build_event_map(batch.events, asset_base=asset_base()), key="add_preview_map", height=380,
                      use_container_width=True, returned_objects=[])
        edited = st.data_editor(editor_table(batch.events), key="add_editor", hide_index=True, num_rows="fixed",
                                disabled=["event_id"], use_container_width=True)
        for document in batch.documents:
            with st.expander(f"Source text: {document.name}"):
                st.text(document.text)  # shown as plain text, never as HTML
        who = st.text_input("Your name (recorded with the save)", key="add_who")
        if st.button("Save", type="primary"):
            try:
                outcome = save(batch, edited, who)
            except (IngestError, StoreError) as exc:
                st.error(str(exc))
            else:
                st.success(f"Saved {outcome.events} events and {outcome.documents} documents; "
                           f"{outcome.merged} merged with reports already stored.")
                if outcome.already_stored:
                    st.info(f"{len(outcome.already_stored)} events were already in the store and were left as they were.")
                del st.session_state["add_batch"]
