"""Downloads of the current view: CSV (ACLED column names and order), GeoJSON, GeoPackage, a
standalone HTML map, and one entry point, `export_bytes`, shared by the dashboard and the CLI.

Every function takes the already-filtered event table, so that a download holds exactly the view.
"""

from __future__ import annotations

import base64
import html
import json
import mimetypes
import re
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import folium
import pandas as pd

from core.schema import COLUMN_NAMES
from core.store.filters import EventFilter
from core.store.importers.acled import COLUMNS as ACLED_COLUMNS
from core.store.importers.acled import FIELD_COLUMNS as ACLED_NAMES
from core.store.importers.cells import protect
from core.views import vendor
from core.views.brief_options import BriefOptions
from core.views.cards import citation
from core.views.export_formats import FORMATS, SIZES, default_title
from core.views.maps import build_event_map
from core.views.offline_map import keep_offline_controls
from core.views.plural import counted

if TYPE_CHECKING:
    import geopandas as gpd



def export_table(events: pd.DataFrame) -> pd.DataFrame:
    """A flat table: ACLED's columns (those we have, in ACLED's order) first, then our other columns.

    civilian_targeting uses ACLED's value ("Civilian targeting" or empty); `source` is the citation (outlet,
    date, URL), with the document's id, title, outlet, publication date, URL and file in source_* columns;
    lists are '; '-joined and
    claims and excerpts are JSON text. Unknown counts stay empty, never 0.
    """
    out = events.rename(columns=ACLED_NAMES).copy()
    out["civilian_targeting"] = events["civilian_targeting"].map(lambda v: "Civilian targeting" if v is True else "")
    sources = events["source"].map(lambda s: s if isinstance(s, dict) else {})
    out["source"] = sources.map(citation)
    out["source_document_id"] = sources.map(lambda s: s.get("document_id"))
    out["source_title"] = sources.map(lambda s: s.get("title"))
    out["source_outlet"] = sources.map(lambda s: s.get("outlet"))
    out["source_published"] = sources.map(lambda s: s.get("published"))
    out["source_url"] = sources.map(lambda s: s.get("url"))
    out["source_file"] = sources.map(lambda s: s.get("file"))
    out["tactics"] = events["tactics"].map(lambda ts: "; ".join(ts) if isinstance(ts, list) else None)
    for name in ("claims", "source_excerpt"):
        out[name] = events[name].map(lambda v: json.dumps(v, ensure_ascii=False))
    out["evidence"] = events["evidence"].map(lambda v: json.dumps(v, ensure_ascii=False) if v is not None else None)
    acled = [c for c in ACLED_COLUMNS if c in out.columns]
    extra = [ACLED_NAMES.get(c, c) for c in COLUMN_NAMES if ACLED_NAMES.get(c, c) not in acled]
    provenance = ["source_document_id", "source_title", "source_outlet", "source_published", "source_url", "source_file"]
    return out[[*acled, *extra, *provenance]].reset_index(drop=True)


def neutralise_cells(table: pd.DataFrame) -> pd.DataFrame:
    """Copy of `table` where text cells that a spreadsheet would run get a leading apostrophe (cells.protect).

    Only text cells change: numbers in numeric columns (a negative longitude) are left as they are.
    """
    out = table.copy()
    for name in out.columns:
        if pd.api.types.is_numeric_dtype(out[name]) or pd.api.types.is_bool_dtype(out[name]):
            continue
        out[name] = out[name].map(lambda v: protect(v) if isinstance(v, str) else v)
    return out


def to_csv(events: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so spreadsheets read the encoding) in ACLED's column names, injection-safe."""
    return neutralise_cells(export_table(events)).to_csv(index=False).encode("utf-8-sig")


def to_geodataframe(events: pd.DataFrame) -> gpd.GeoDataFrame:
    """The export table as WGS84 points; events without coordinates keep a null geometry."""
    import geopandas as gpd

    table = neutralise_cells(export_table(events))  # GIS tables end up in spreadsheets too
    geometry = gpd.points_from_xy(table["longitude"], table["latitude"])
    missing = table["latitude"].isna() | table["longitude"].isna()
    geometry = gpd.GeoSeries(geometry, crs="EPSG:4326").where(~missing, None)
    return gpd.GeoDataFrame(table, geometry=geometry, crs="EPSG:4326")


def to_geojson(events: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection of the events."""
    return to_geodataframe(events).to_json(na="null", drop_id=True, ensure_ascii=False).encode("utf-8")


def to_geopackage(events: pd.DataFrame, layer: str = "events") -> bytes:
    """A GeoPackage with one point layer of the events."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.gpkg"
        to_geodataframe(events).to_file(path, layer=layer, driver="GPKG")
        return path.read_bytes()


# ---- the standalone HTML map ---------------------------------------------------------------------

INLINE_PREFIX = "inline-asset:"
"""Placeholder base URL marking script and style links to replace with the files' contents."""


def inline_assets(page: str, vendor_dir: Path = vendor.VENDOR_DIR) -> str:
    """Replace links that point at INLINE_PREFIX with the files' contents (CSS images as data URIs)."""

    def script(match: re.Match) -> str:
        code = (vendor_dir / match.group(1)).read_text(encoding="utf-8").replace("</script", r"<\/script")
        return f"<script>{code}</script>"

    def style(match: re.Match) -> str:
        path = vendor_dir / match.group(1)
        return f"<style>{_inline_css_urls(path.read_text(encoding='utf-8'), path.parent)}</style>"

    prefix = re.escape(INLINE_PREFIX)
    page = re.sub(rf'<script src="{prefix}/([^"]+)"></script>', script, page)
    return re.sub(rf'<link rel="stylesheet" href="{prefix}/([^"]+)"\s*/>', style, page)


def _inline_css_urls(css: str, folder: Path) -> str:
    def data_uri(match: re.Match) -> str:
        ref = match.group(2)
        path = folder / ref
        if ref.startswith(("data:", "http", "//", "#")) or not path.is_file():
            return match.group(0)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"url({match.group(1)}data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}{match.group(1)})"

    return re.sub(r"""url\((['"]?)([^'")]+)\1\)""", data_uri, css)


def render_html(events: pd.DataFrame, event_filter: EventFilter, *, title: str | None = None,
                vendor_dir: Path = vendor.VENDOR_DIR) -> str:
    """A standalone HTML page with the dashboard's interactive map (core.views.maps) of the view.

    When static/vendor holds the Leaflet files they are inlined, so the page works offline.
    """
    local = vendor.local_assets_available(vendor_dir)
    m = keep_offline_controls(build_event_map(events, asset_base=INLINE_PREFIX if local else None))
    heading = html.escape(title or default_title(events, event_filter))
    summary = html.escape(f"Filters: {event_filter.describe()} · {counted(len(events), 'event')}")
    m.get_root().html.add_child(folium.Element(
        f'<div style="position:fixed;top:10px;left:50%;transform:translateX(-50%);z-index:9999;background:white;padding:6px 10px;'
        f'font:14px sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3)"><b>{heading}</b>'
        f'<br><span style="color:#555">{summary}</span></div>'))
    m.get_root().title = heading
    unmapped = events[events["latitude"].isna() | events["longitude"].isna()]
    if len(unmapped):
        m.get_root().html.add_child(folium.Element(_unmapped_box(unmapped)))
    page = m.get_root().render()
    return inline_assets(page, vendor_dir) if local else page


def _unmapped_box(unmapped: pd.DataFrame) -> str:
    """A collapsible list of the events that have no coordinates, so the page holds the whole view."""
    items = "".join(
        f"<li>{html.escape(str(r['event_date']))} · {html.escape(str(r['actor1']))} · "
        f"{html.escape(', '.join(r['tactics']))} · event {html.escape(str(r['event_id']))}</li>"
        for _, r in unmapped.iterrows())
    return (f'<details style="position:fixed;bottom:28px;left:10px;z-index:9999;max-width:420px;max-height:40%;'
            f'overflow:auto;background:white;padding:6px 10px;font:13px sans-serif;border-radius:4px;'
            f'box-shadow:0 1px 4px rgba(0,0,0,.3)"><summary>{counted(len(unmapped), "event")} without a known location '
            f'(not on the map)</summary><ul style="padding-left:18px;margin:4px 0">{items}</ul></details>')


# ---- one entry point for the dashboard and the CLI -----------------------------------------------

def export_bytes(
    fmt: str,
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    size: tuple[int, int] = SIZES["slide"],
    paper: str = "a4",
    generated_at: datetime | None = None,
    options: BriefOptions | None = None,
) -> bytes:
    """The filtered `events` in format `fmt` (a key of FORMATS) as bytes; `options` shape the PNG and the PDF."""
    from core.views.brief import render_pdf
    from core.views.snapshot import render_png

    makers: dict[str, Callable[[], bytes]] = {
        "png": lambda: render_png(events, event_filter, title=title, size=size, generated_at=generated_at,
                                  options=options),
        "pdf": lambda: render_pdf(events, event_filter, title=title, paper=paper, generated_at=generated_at,
                                  options=options),
        "html": lambda: render_html(events, event_filter, title=title).encode("utf-8"),
        "csv": lambda: to_csv(events),
        "geojson": lambda: to_geojson(events),
        "gpkg": lambda: to_geopackage(events),
    }
    if fmt not in makers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return makers[fmt]()


