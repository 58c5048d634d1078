"""The folium map inside Streamlit: a stable base map plus event layers that change with the filter.

Up to MAP_ROWS placed events the layers are made from their rows; above, from counts per grid cell and per
centroid that the store makes in SQL, so that a map of a million events fetches a few thousand cells.
"""

from __future__ import annotations

from dataclasses import replace

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from core.store.queries import by_ids
from core.views.maps import (
    MapPlan,
    build_base_map,
    build_cell_layers,
    build_event_layers,
    cell_size_for,
    clicked_event_id,
    events_at_click,
    view_from_extent,
)
from core.views.plural import counted
from core.views.vendor import bundle_scripts
from pages.widgets.data import MAP_ROWS, View, asset_base
from pages.widgets.render import show_event_cards
from pages.widgets.sidebar import request_filter_change

RETURNED = ["last_object_clicked", "last_object_clicked_popup", "last_active_drawing"]
"""Only clicks and drawings come back to Python, so panning and zooming never rerun the page."""
EMPTY = pd.DataFrame({"latitude": [], "longitude": []})


def cdn_note() -> None:
    """Say so when Leaflet comes from the internet because the local copies are missing."""
    if asset_base() is None:
        st.warning("Map scripts load from the internet (CDN) because the local copies are missing: "
                   "run `make assets` (needs npm). Without internet the map stays blank.")


def map_layers(view: View, mode: str, color_by: str, choropleth: pd.DataFrame | None = None
               ) -> tuple[list[folium.FeatureGroup], MapPlan, pd.DataFrame | None]:
    """The view's event layers, its plan, and the placed rows when the map was made from rows (else None)."""
    extent = view.extent()
    placed = extent[0] if extent else 0
    if placed <= MAP_ROWS:
        rows = view.placed()
        layers, plan = build_event_layers(rows, mode=mode, color_by=color_by, choropleth=choropleth,
                                          area=view.filter.area, asset_base=asset_base())
        return layers, plan, rows
    cells = view.cells(cell_size_for(extent[1:]), color_by)
    layers, plan = build_cell_layers(cells, mode=mode, color_by=color_by, asset_base=asset_base())
    return layers, plan, None


def show_event_map(view: View, *, key: str, mode: str = "auto", color_by: str = "tactic",
                   choropleth: pd.DataFrame | None = None, height: int = 560, clickable: bool = True,
                   extra_layers: list[folium.FeatureGroup] | None = None) -> MapPlan:
    """Draw the map of the view's events (and any extra layers, such as places mentioned);
    show cards for a clicked marker and apply a drawn area."""
    layers, plan, rows = map_layers(view, mode, color_by, choropleth)
    layers = [*(extra_layers or []), *layers]
    extent = view.extent()
    unplaced = view.count - (extent[0] if extent else 0)
    notes = [plan.note] if plan.note else []
    if unplaced:
        notes.append(f"{unplaced:,} of {counted(view.count, 'event')} {'has' if unplaced == 1 else 'have'} no coordinates "
                     f"and {'is' if unplaced == 1 else 'are'} not on the map.")
    if notes:
        st.caption(" ".join(notes))
    center, zoom = view_from_extent(extent[1:] if extent else None, pixels=int(height * 0.75))
    base = build_base_map(EMPTY, asset_base=asset_base(), view=_mounted_view(key, (center, zoom)))
    if asset_base():
        bundle_scripts([base, *layers], asset_base())
    state = st_folium(base, feature_group_to_add=layers,
                      layer_control=folium.LayerControl(collapsed=True), key=key, height=height,
                      use_container_width=True, center=center, zoom=zoom,
                      returned_objects=RETURNED if clickable else [])
    if not clickable:
        return plan
    drawing = (state or {}).get("last_active_drawing")
    geometry = (drawing or {}).get("geometry")
    if geometry and geometry.get("type") == "Polygon" and geometry != st.session_state.get("drawn_seen"):
        st.session_state["drawn_seen"] = geometry
        request_filter_change(area=geometry)
    clicked = (state or {}).get("last_object_clicked")
    if clicked:
        hits = _clicked(view, rows, clicked, (state or {}).get("last_object_clicked_popup"), plan)
        if not hits.empty:
            st.subheader(f"{len(hits):,} event{'s' if len(hits) > 1 else ''} at the clicked marker")
            show_event_cards(hits, view.filter)
    else:
        st.caption("Click a marker to open its event card. Draw a rectangle or polygon to filter to that area.")
    return plan


def _mounted_view(key: str, view: tuple[list[float], int]) -> tuple[list[float], int]:
    """The view to build the base map with: the fitted view when the map is mounted anew, the view it was mounted
    with while it stays on the page.

    A new map opens at the view written into it: streamlit-folium drops the first center/zoom when its render
    arrives while Leaflet is still loading. A mounted map follows center/zoom, and a base map that changes makes
    Streamlit mount a new frame, which loads Leaflet again (about 0.4 s on every filter change).
    """
    run = st.session_state.get("run", 0)
    kept = st.session_state.get(f"{key}_mounted")
    if kept is None or kept[0] != run - 1:  # not drawn in the run before this one: a new frame
        kept = (run, view)
    st.session_state[f"{key}_mounted"] = (run, kept[1])
    return kept[1]


def _clicked(view: View, rows: pd.DataFrame | None, clicked: dict, popup: str | None, plan: MapPlan) -> pd.DataFrame:
    """The card describes the marker clicked (its popup names the event), not the nearest event centre; a cell's
    click shows the events of that cell."""
    event_id = clicked_event_id(popup)
    if event_id:
        return by_ids([event_id], view.url)
    if rows is not None:  # the map's rows carry what it draws; the cards show the events whole
        ids = events_at_click(rows, clicked["lat"], clicked["lng"], aggregate=plan.aggregate)["event_id"].tolist()
        whole = by_ids(ids, view.url)
        return whole.set_index("event_id", drop=False).loc[ids].reset_index(drop=True) if ids else whole
    size = cell_size_for(view.extent()[1:])
    lat, lng = clicked["lat"], clicked["lng"]
    ring = [[lng - size, lat - size], [lng + size, lat - size], [lng + size, lat + size], [lng - size, lat + size],
            [lng - size, lat - size]]
    around = replace(view.filter, area={"type": "Polygon", "coordinates": [ring]})
    return View(around, view.url, view.version).page(limit=10)
