"""The standalone HTML map keeps only the controls that work in a file opened offline: zoom, layers, fullscreen and
measure. Drawing an area filters the dashboard's view; in a file there is no dashboard to filter, so the drawing
tools (and their scripts) go.
"""

from __future__ import annotations

import folium
from folium import plugins

KEPT_CONTROLS: tuple[str, ...] = ("zoom", "layers", "fullscreen", "measure")
"""What the standalone map offers (zoom is Leaflet's own; the scale and the minimap are not controls)."""
DROPPED: tuple[type, ...] = (plugins.Draw,)
"""Plugins that need the dashboard behind the map."""


def keep_offline_controls(m: folium.Map) -> folium.Map:
    """Remove the drawing tools from a map built by core.views.maps, so the exported file shows no dead buttons."""
    for name, child in list(m._children.items()):
        if isinstance(child, DROPPED):
            del m._children[name]
    return m
