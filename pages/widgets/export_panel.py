"""Export panel: download the current view as PNG, PDF brief, timeline PNG, HTML, CSV, GeoJSON or GeoPackage.

A thin widget: every file is made by core.views.exports, the same code the `snapshot` CLI uses. Files are
built only when their button is clicked (callable data), so the panel costs nothing on a rerun.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import partial

import streamlit as st

from core.views.brief_options import EXTENT_MODES, BriefOptions, OptionError, logo_max_mb, logo_pixels, parse_extent
from core.views.cards import markdown_text
from core.views.export_formats import FORMATS, SIZES, default_title, file_name
from core.views.plural import counted
from pages.widgets.data import View

LABELS = {"png": "PNG map", "pdf": "PDF brief", "html": "HTML map", "csv": "CSV (ACLED columns)",
          "geojson": "GeoJSON", "gpkg": "GeoPackage"}
EXTENT_LABELS = {"events": "Fit the events", "province": "Whole provinces", "box": "Box (W,S,E,N)"}


def _export(fmt: str, view: View, options: BriefOptions, **kwargs) -> bytes:
    """Make the file only when its button is clicked: the view's rows are fetched then, and matplotlib,
    geopandas and the store's merges load then."""
    from core.store.database import database_url
    from core.views.exports import export_bytes
    from core.views.provenance import load_provenance

    events, event_filter = view.events, view.filter
    if fmt in ("png", "pdf") and len(events):
        options = replace(options, provenance=load_provenance(events["event_id"], database_url()))
    return export_bytes(fmt, events, event_filter, options=options, **kwargs)


def _options() -> BriefOptions | None:
    """The map extent, handling line, logo and timeline choices; None (with a message) when one is malformed."""
    left, middle, right = st.columns(3)
    mode = left.radio("Map extent", [*EXTENT_MODES, "box"], format_func=EXTENT_LABELS.get, key="export_extent")
    box = left.text_input("W,S,E,N in degrees", value="66,27,70,31", key="export_box",
                          disabled=mode != "box", help="West, south, east and north edges of the map")
    marking = middle.text_input("Handling line (top and bottom)", value="", key="export_marking",
                                placeholder="none, e.g. OFFICIAL")
    timeline = middle.checkbox("Weekly timeline on the PDF", value=False, key="export_timeline")
    upload = right.file_uploader("Logo (PNG or JPEG)", type=["png", "jpg", "jpeg"], key="export_logo",
                                 max_upload_size=max(1, math.ceil(logo_max_mb())))
    try:
        extent = parse_extent(box if mode == "box" else mode)
        logo = upload.getvalue() if upload is not None else None
        if logo:
            logo_pixels(logo)
    except OptionError as exc:
        st.error(markdown_text(exc))  # the message quotes what the user typed
        return None
    return BriefOptions(extent=extent, marking=" ".join(marking.split()), logo=logo, timeline=timeline)


def render_export_panel(view: View) -> None:
    """Download buttons for the events of `view`; its rows are fetched only when a file is asked for."""
    event_filter = view.filter
    with st.expander(f"Export this view ({counted(view.count, 'event')})"):
        if not view.count:
            st.warning("No event matches the filter: every export would be empty.")
        title = st.text_input("Title", value=default_title(view.title_facts(), event_filter), key="export_title",
                              help="Written from the filter; edit it freely.")
        left, right = st.columns(2)
        size_name = left.radio("PNG size", list(SIZES), key="export_png_size", horizontal=True,
                               format_func=lambda k: f"{k} ({SIZES[k][0]}×{SIZES[k][1]})")
        paper = right.radio("PDF paper", ["a4", "letter"], key="export_paper", horizontal=True,
                            format_func=str.upper)
        options = _options()
        if options is None:
            return
        common = {"title": title or None, "size": SIZES[size_name], "paper": paper}
        columns = st.columns(4)
        # The PNG map never turns into the timeline: that is the timeline button's file.
        buttons = [(f"export_{fmt}", fmt, LABELS[fmt], replace(options, timeline=False) if fmt == "png" else options,
                    file_name(fmt, event_filter)) for fmt in FORMATS]
        buttons.insert(2, ("export_timeline_png", "png", "Timeline PNG", replace(options, timeline=True),
                           file_name("png", event_filter).replace(".png", "_timeline.png")))
        for i, (key, fmt, label, chosen, name) in enumerate(buttons):
            make = partial(_export, fmt, view, chosen, **common)
            columns[i % 4].download_button(label, data=make, file_name=name, mime=FORMATS[fmt], key=key,
                                           on_click="ignore", width="stretch")
        st.caption("PNG and PDF work without internet. The HTML map keeps only what works offline: zoom, layers, "
                   "fullscreen and measure. Text cells in CSV, GeoJSON and GeoPackage that start with =, +, - or @ "
                   "are prefixed with ' so spreadsheets do not run them.")
