"""Add documents: upload files or feeds, paste an article, or give a web address; check the events, then save."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from core.reading.documents import Given, max_bytes, read_url
from core.reading.fetch import ONLINE_SETTING, online_allowed
from core.store.database import StoreError
from core.store.ingest import (
    IngestError,
    editor_table,
    pasted_documents,
    preview,
    read_upload,
    save,
    split_known,
)
from core.views.cards import markdown_text
from core.views.maps import build_event_map
from core.views.plural import counted
from pages.widgets.data import asset_base, ensure_app_navigation

ensure_app_navigation()
st.title("Add documents")
st.caption("Nothing is saved until you press **Save**. Every save records your name, the time and what you changed; "
           "the machine-extracted version is kept beside your corrections.")

uploads = st.file_uploader("Reports or feeds (.txt, .html, .pdf, RSS or Atom)",
                           type=["txt", "html", "htm", "pdf", "xml", "rss", "atom"], accept_multiple_files=True,
                           max_upload_size=max_bytes() // 2**20)  # the one limit: data/settings.csv max_file_mb
with st.expander("…or paste an article"):
    pasted = st.text_area("Article text, as copied from the page", key="pasted_text", height=200)
online = online_allowed()
address = st.text_input("…or a web address (an article or a feed)", key="url", disabled=not online,
                        placeholder="https://…" if online else f"fetching is off: set {ONLINE_SETTING}=1 to allow it",
                        help="Without fetching, save the page or the feed from your browser and upload the file.")
st.markdown("**When a document does not say** (most pages and feeds do; these are used only where they are missing)")
c1, c2, c3 = st.columns(3)
given_date = c1.date_input("Publication date", value=None, key="given_date", format="YYYY-MM-DD")
given_place = c2.text_input("Dateline place", key="given_place")
given_outlet = c3.text_input("Outlet", key="given_outlet")

if st.button("Extract events", type="primary"):
    given = Given(date=given_date, place=given_place.strip() or None, outlet=given_outlet.strip() or None,
                  online=online)
    documents, problems = [], []
    for upload in uploads or []:
        try:
            documents.extend(read_upload(upload.getvalue(), upload.name, given))
        except IngestError as exc:
            problems.append(str(exc))
    if pasted.strip():
        try:
            documents.extend(pasted_documents(pasted, given))
        except IngestError as exc:
            problems.append(str(exc))
    if address.strip():
        try:
            documents.extend(read_url(address.strip(), given))
        except ValueError as exc:
            problems.append(str(exc))
    documents, known = split_known(documents)
    bar = st.progress(0.0, text="Extracting…") if len(documents) > 1 else None
    batch = preview(documents, progress=lambda i, n: bar.progress(i / n, text=f"Extracted {i} of {n}") if bar else None)
    batch.errors[:0] = problems
    st.session_state["add_batch"] = batch
    st.session_state["add_known"] = [d.name for d in known]

batch = st.session_state.get("add_batch")
if batch is not None:
    for line in batch.errors:
        st.error(line)  # plain text: Streamlit escapes it
    if st.session_state.get("add_known"):
        st.info(f"Already stored, skipped: {', '.join(st.session_state['add_known'])}")
    if batch.events.empty:
        st.info("No events were found in these documents.")
    else:
        count = len(batch.events)
        st.subheader(f"{count} event{'s' * (count != 1)} from {len(batch.documents)} "
                     f"document{'s' * (len(batch.documents) != 1)}")
        if batch.events["latitude"].notna().any():
            # The same offline Leaflet map as the Map page (st.map would need internet tiles).
            st_folium(build_event_map(batch.events, asset_base=asset_base()), key="add_preview_map", height=380,
                      use_container_width=True, returned_objects=[])
        edited = st.data_editor(editor_table(batch.events), key="add_editor", hide_index=True, num_rows="fixed",
                                disabled=["event_id"], width="stretch")
        for document in batch.documents:
            source = ", ".join(x for x in (document.outlet, document.date.isoformat(), document.url) if x)
            with st.expander(markdown_text(f"Source: {document.title} ({source})")):
                st.caption(markdown_text(f"Date read from: {document.date_source}. {document.note}"))
                st.text(document.text)  # shown as plain text, never as HTML
        user = st.session_state.get("visitor")
        if user is not None and user.identity:
            who = user.identity  # the login, not a name anyone could type
            st.caption(markdown_text(f"The save is recorded as {who}."))
        else:
            who = st.text_input("Your name (recorded with the save)", key="add_who")
        if st.button("Save", type="primary"):
            try:
                outcome = save(batch, edited, who)
            except (IngestError, StoreError) as exc:
                st.error(str(exc))
            else:
                st.success(f"Saved {counted(outcome.events, 'event')} and {counted(outcome.documents, 'document')}; "
                           f"{outcome.merged} merged with reports already stored.")
                if outcome.already_stored:
                    st.info(f"Left unchanged: {counted(len(outcome.already_stored), 'event')} already in the store.")
                del st.session_state["add_batch"]
