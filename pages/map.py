"""Map: points, clusters, heatmap or time view of the filtered events; click for cards, draw to filter."""

import streamlit as st

from core.places.boundaries import (
    BoundaryError,
    boundaries_from_upload,
    boundary_choices,
    check_admin2,
    count_events_per_area,
    default_boundary_path,
    load_boundaries,
)
from core.reading.documents import max_bytes
from core.views.maps import MODES, mention_layer
from core.views.palette import COLOR_BY
from core.views.plural import counted
from core.views.summaries import mention_places
from pages.widgets.data import MAP_ROWS
from pages.widgets.event_map import cdn_note, show_event_map
from pages.widgets.export_panel import render_export_panel
from pages.widgets.render import event_page

MODE_LABELS = {"auto": "Auto", "points": "Points", "clusters": "Clusters", "grid": "Grid (counts)", "heatmap": "Heatmap",
               "time": "Time (animated)"}

view = event_page("Map")
cdn_note()

# The mode survives navigation (a copy outside the widget's state) and travels in the URL (?mode=heatmap).
if "map_mode" not in st.session_state:
    asked = st.query_params.get("mode")
    st.session_state["map_mode"] = asked if asked in MODES else st.session_state.get("map_mode_kept", "auto")
c1, c2, c3 = st.columns([3, 2, 2])
mode = c1.segmented_control("View", MODES, format_func=MODE_LABELS.get, key="map_mode") or "auto"
st.session_state["map_mode_kept"] = mode
if mode == "auto":
    st.query_params.pop("mode", None)
else:
    st.query_params["mode"] = mode
color_by = c2.segmented_control("Colour by", COLOR_BY, format_func=str.title, default="tactic", key="map_color") or "tactic"
show_mentions = c3.toggle("Places mentioned", value=False, key="map_mentions",
                          help="Every place the reports name (context, datelines and event locations), "
                               "sized by the number of documents; the region and date filters apply.")


@st.cache_resource(show_spinner="Reading boundary file…", max_entries=4)
def _server_boundaries(path: str):
    return load_boundaries(path)


@st.cache_data(show_spinner="Reading boundary file…", max_entries=4)
def _uploaded_boundaries(data: bytes, name: str):
    return boundaries_from_upload(data, name, max_bytes())


with st.expander("Boundary file (provinces or districts)"):
    # Nothing typed here is opened as a path: a file is uploaded, or picked from the server's boundary folder.
    uploaded = st.file_uploader("Upload a GeoJSON, GeoPackage or zipped shapefile", type=["geojson", "json", "gpkg", "zip"],
                                key="boundary_upload", max_upload_size=max_bytes() // 2**20,
                                help="Draws the outlines with events per area and checks each event's district.")
    choices = boundary_choices()
    default = default_boundary_path()
    picked = st.selectbox("…or one of the server's boundary files", [None, *choices],
                          index=choices.index(default) + 1 if default in choices else 0,
                          format_func=lambda p: "none" if p is None else p.name, key="boundary_pick",
                          disabled=not choices, help="The files in the folder named by BOUNDARY_DIR.")
areas = None
try:
    if uploaded is not None:
        areas = _uploaded_boundaries(uploaded.getvalue(), uploaded.name)
    elif picked is not None:
        areas = _server_boundaries(str(picked))
except BoundaryError as exc:
    st.error(str(exc))

# The boundary checks need each event's point: they run on views small enough to fetch row by row.
rows = view.placed() if areas is not None and (view.extent() or (0,))[0] <= MAP_ROWS else None
if areas is not None and rows is None:
    st.info(f"The boundary file's counts and checks need {MAP_ROWS:,} placed events or fewer: narrow the filter.")
choropleth = count_events_per_area(rows, areas) if rows is not None else None
extra = []
if show_mentions:
    places = mention_places(view.mentions, view.filter, view.documents)
    extra.append(mention_layer(places))
    st.caption(f"Places mentioned: {len(places):,} places named in the reports (lilac squares; "
               "hover for how many documents name each).")
show_event_map(view, key="event_map", mode=mode, color_by=color_by, choropleth=choropleth, extra_layers=extra)
render_export_panel(view)

if rows is not None:
    st.subheader("District check against the boundary file")
    problems = check_admin2(rows, areas)
    if problems.empty:
        st.success("Every placed event lies in the polygon named by its district.")
    else:
        st.write(f"{counted(len(problems), 'event')} {'lies' if len(problems) == 1 else 'lie'} outside the polygon of their stated district (or outside every polygon).")
        st.dataframe(problems.rename(columns={"event_id": "Event ID", "admin2": "Stated district",
                                              "area": "Polygon it falls in", "problem": "Problem"}).fillna("—"),
                     hide_index=True, width="stretch")
