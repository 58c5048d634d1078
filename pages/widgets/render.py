"""Small renderers shared by pages: messages for empty views, event cards, links to documents."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements.arrow import DataframeState

from core.store.filters import EventFilter
from core.store.queries import has_source
from core.views.cards import card_css, event_card_html, markdown_text
from core.views.plural import counted
from core.views.query_state import filter_to_params
from core.views.summaries import COUNT_DISPLAY, SYNTHETIC_DOCUMENT, table_height
from pages.widgets.data import View, page_view

CARD_CSS = f"<style>{card_css()}</style>"


def document_url(doc_id: str, f: EventFilter) -> str:
    """Link to the Documents page showing one document, keeping the current filter."""
    params = {**filter_to_params(f), "doc": doc_id}
    return f"/documents?{urlencode(params, doseq=True)}"


def show_event_cards(events: pd.DataFrame, f: EventFilter, limit: int = 10) -> None:
    """One card per event (escaped HTML), at most `limit`."""
    cards = [
        event_card_html(ev, document_url((ev.get("source") or {}).get("document_id", ""), f))
        for ev in events.head(limit).to_dict(orient="records")
    ]
    st.html(CARD_CSS + "".join(cards))
    if len(events) > limit:
        st.caption(f"Showing {limit} of {counted(len(events), 'event')} at this place; see the Events page for all.")


def show_event_table(table: pd.DataFrame, **options) -> DeltaGenerator | DataframeState:
    """An event table (core.views.summaries.display_table) as a data grid sized to its rows. A count the reports do
    not give reads "unknown": the grid's "None" reads as zero. Counts stay numbers, so the grid sorts them as
    numbers; `options` go to st.dataframe (row selection, a key)."""
    columns = {label: st.column_config.NumberColumn(label, format="%d", width=82) for label in COUNT_DISPLAY.values()}
    columns["Hedges"] = st.column_config.TextColumn("Hedges", width=150, help="How the reports qualify a count (over, at least)")
    return st.dataframe(table, hide_index=True, width="stretch", height=table_height(len(table)), placeholder="unknown",
                        column_config=columns, **options)


def stop_if_empty(view: View) -> None:
    """Explain an empty store or an empty filter result, and stop the page there."""
    if view.total == 0:
        st.info("The event store is empty. Build it with `make build` (or `python -m core build`), "
                "or add documents, then reload this page.")
        st.stop()
    if view.count == 0:
        st.warning(f"No events match the current filter ({markdown_text(view.filter.describe())}). "
                   "Widen the date range or remove a filter in the sidebar.")
        st.stop()


@st.cache_data(show_spinner=False, max_entries=4)
def _synthetic(url: str, version: int) -> bool:
    return has_source(SYNTHETIC_DOCUMENT, url)


def synthetic_banner(view: View) -> None:
    """A loud warning when the store holds SYNTHETIC test data."""
    if _synthetic(view.url, view.version):
        st.error("SYNTHETIC DATA — this store holds generated test events (bench/synthetic.py), not real reports.")


def filter_caption(view: View) -> None:
    """One line: how many events pass which filter."""
    st.caption(f"{view.count:,} of {counted(view.total, 'event')} · {markdown_text(view.filter.describe())}")


def event_page(title: str) -> View:
    """The common head of a page of events: the view, its title, the synthetic-data banner, a clear
    message (and stop) when nothing matches, and the filter in words."""

    view = page_view()
    st.title(title)
    synthetic_banner(view)
    stop_if_empty(view)
    filter_caption(view)
    return view
