"""Documents: every source document with the events it produced; ?doc=ID opens one."""

import streamlit as st

from core.places.mentions import mention_spans, unresolved_names
from core.store.queries import events_per_document, of_document
from core.views.cards import highlight_excerpts, markdown_text
from core.views.summaries import display_table, document_caption, document_table, table_height
from pages.widgets.data import page_view
from pages.widgets.render import CARD_CSS, show_event_table, synthetic_banner

view = page_view()
st.title("Documents")
synthetic_banner(view)
documents = view.documents
if documents.empty:
    st.info("No documents are stored yet. Build the store with `make build`, or add documents.")
    st.stop()

counts = events_per_document(view.filter, view.url)
if not view.filter.is_empty():
    # The filter applies here too: the documents behind the events it keeps.
    documents = documents[documents["doc_id"].isin(set(counts.index))]
    if documents.empty:
        st.info("No document gave an event that the current filter keeps.")
        st.stop()
table = document_table(documents, counts)
scope = "all stored events" if view.filter.is_empty() else "the events the filter keeps"
st.caption(f"{len(table):,} document{'s' * (len(table) != 1)}; event counts are of {scope}.")
st.dataframe(table, hide_index=True, width="stretch", height=table_height(len(table), 420))

ids = list(table["Document ID"])
requested = st.query_params.get("doc")
if requested in ids and st.session_state.get("doc_choice_from_url") != requested:
    st.session_state["doc_choice"] = requested
    st.session_state["doc_choice_from_url"] = requested
titles = dict(zip(table["Document ID"], table["Published"] + " — " + table["Title"]))
doc_id = st.selectbox("Open document", ids, format_func=titles.get, key="doc_choice")
st.query_params["doc"] = doc_id
st.session_state["doc_choice_from_url"] = doc_id  # our own write to the URL is no request from a link

doc = documents[documents["doc_id"] == doc_id].iloc[0]
produced = of_document(doc_id, view.url)
st.subheader(markdown_text(doc["title"]))
st.caption(markdown_text(document_caption(doc.to_dict(), len(produced))))
mentions = view.mentions
mentions = mentions[mentions["document_id"] == doc_id] if len(mentions) else mentions
shown = st.segmented_control("Highlight", ["Event sentences", "Place mentions"], default="Event sentences",
                             key="doc_highlight") or "Event sentences"
if shown == "Place mentions":
    spans = mention_spans(mentions)
    st.html(CARD_CSS + '<div class="place-key"><mark class="place-event">event location</mark>'
            '<mark class="place-context">context</mark><mark class="place-dateline">dateline</mark>'
            '<mark class="place-context place-unresolved">not in the gazetteer</mark></div>')
else:
    spans = [s for excerpts in produced["source_excerpt"] for s in excerpts]
st.html(CARD_CSS + f'<div class="doc-text">{highlight_excerpts(doc["text"], spans)}</div>')
st.markdown("**Events from this document**")
if produced.empty:
    st.info("The extractor found no events in this document.")
else:
    show_event_table(display_table(produced))

missing = unresolved_names(view.mentions)
st.subheader("Place names not in the gazetteer")
if missing.empty:
    st.caption("Every place name in the stored reports was found in the gazetteer.")
else:
    st.caption(f"{len(missing):,} names in the reports are not in the gazetteer. They are kept in the place-mentions "
               "table without coordinates. Add them to `data/gazetteer/places.csv` (with a source) and rebuild.")
    st.dataframe(missing.rename(columns={"name": "Name", "documents": "Documents",
                                         "suggestions": "Gazetteer names spelt alike", "example": "Example sentence"}),
                 hide_index=True, width="stretch")
