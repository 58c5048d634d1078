"""Conflict-event dashboard: the Streamlit script that `streamlit run app.py` serves. Pages live in pages/, rules in core/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pages.widgets.login import visitor
from pages.widgets.preload import preload_front_end
from pages.widgets.sidebar import keep_filter_state, sidebar_filter, unfiltered_view

HERE = Path(__file__).resolve().parent
ADD_DOCUMENTS = HERE / "pages" / "add_documents.py"

st.set_page_config(page_title="Conflict events", page_icon=str(HERE / "static" / "favicon.png"), layout="wide")

user = visitor()
st.session_state["visitor"] = user
pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/events.py", title="Events", icon=":material/table_rows:", url_path="events"),
    st.Page("pages/actors.py", title="Actors", icon=":material/groups:", url_path="actors"),
    st.Page("pages/documents.py", title="Documents", icon=":material/description:", url_path="documents"),
]
if ADD_DOCUMENTS.exists() and user.may("add"):  # a viewer reads and exports only
    pages.append(st.Page("pages/add_documents.py", title="Add documents", icon=":material/note_add:", url_path="add_documents"))

navigation = st.navigation(pages)
keep_filter_state()
st.session_state["run"] = st.session_state.get("run", 0) + 1  # a map asks whether it was drawn in the run before
# Add documents reads no events: it shows no filter, and the filter waits, unchanged, for the other pages.
st.session_state["view"] = unfiltered_view() if navigation.url_path == "add_documents" else sidebar_filter(navigation.url_path)
preload_front_end()
navigation.run()
