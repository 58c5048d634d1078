"""The folium map inside Streamlit: a stable base map plus event layers that change with the filter."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from core.views.maps import (
    MapPlan,
    build_base_map,
    build_event_layers,
    clicked_event_id,
    events_at_click,
    initial_view,
    placed_events,
)
from pages.widgets.data import View, asset_base
from pages.widgets.render import show_event_cards
from pages.widgets.sidebar import request_filter_change

RETURNED = ["last_object_clicked", "last_object_clicked_popup", "last_active_drawing"]
"""Only clicks and drawings come back to Python, so panning and zooming never rerun the page."""


def cdn_note() -> None:
    """Say so when Leaflet comes from the internet because the local copies are missing."""
    if asset_base() is None:
        st.warning("Map scripts load from the internet (CDN) because the local copies are missing: "
                   "run `make assets` (needs npm). Without internet the map stays blank.")


def show_event_map(view: View, *, key: str, mode: str = "auto", color_by: str = "tactic",
                   choropleth: pd.DataFrame | None = None, height: int = 560, clickable: bool = True,
                   extra_layers: list[folium.FeatureGroup] | None = None) -> MapPlan:
    """Draw the map of the view's events (and any extra layers, such as places mentioned);
    show cards for a clicked marker and apply a drawn area."""
    base = build_base_map(view.data.events, asset_base=asset_base())
    layers, plan = build_event_layers(view.events, mode=mode, color_by=color_by, choropleth=choropleth,
                                      area=view.filter.area, asset_base=asset_base())
    layers = [*(extra_layers or []), *layers]
    unplaced = len(view.events) - len(placed_events(view.events))
    notes = [plan.note] if plan.note else []
    if unplaced:
        notes.append(f"{unplaced:,} of {len(view.events):,} events have no coordinates and are not on the map.")
    if notes:
        st.caption(" ".join(notes))
    center, zoom = initial_view(view.events, pixels=int(height * 0.75))  # fit the filtered events
    state = st_folium(base, feature_group_to_add=layers, layer_control=folium.LayerControl(collapsed=True),
                      key=key, height=height, use_container_width=True, center=center, zoom=zoom,
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
        # The card describes the marker clicked (its popup names the event), not the nearest event centre.
        event_id = clicked_event_id((state or {}).get("last_object_clicked_popup"))
        hits = (view.events[view.events["event_id"] == event_id] if event_id else
                events_at_click(view.events, clicked["lat"], clicked["lng"], aggregate=plan.aggregate))
        if not hits.empty:
            st.subheader(f"{len(hits):,} event{'s' if len(hits) > 1 else ''} at the clicked marker")
            show_event_cards(hits, view.filter)
    else:
        st.caption("Click a marker to open its event card. Draw a rectangle or polygon to filter to that area.")
    return plan
