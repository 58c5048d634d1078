"""The event map: a folium base map (outlines, tools) and event layers built from compact data.

Rules that keep the map honest and fast:
- Events placed at a district or province centroid (geo_precision 2 or 3) are hollow and live in
  their own layer, so they are never clustered or aggregated together with exact events.
- No folium object is made per event: each layer is one script over a compact JSON array.
- Above POINT_LIMIT placed events "auto" (and "points") switch to clusters; above CLUSTER_LIMIT to
  a grid of counts. Heat and time views aggregate the same way when large.
- Each tactic has its data/tactics.csv colour; an event takes its highest-ranked tactic's colour.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium import plugins
from folium.elements import JSCSSMixin
from jinja2 import Template

from core.knowledge.datafiles import region, setting
from core.knowledge.gazetteer import default_gazetteer
from core.knowledge.lexicon import hostage_tactics
from core.places.outlines import OutlinesUnavailable, country_outlines, province_outlines
from core.reading.fetch import online_allowed
from core.views.cards import count_text, place_text, precision_text
from core.views.palette import NO_TACTIC, UNKNOWN_COLOR, actor_colors, group_colors, ordered_tactics, tactic_colors
from core.views.plural import counted
from core.views.vendor import localise_map

MODES: tuple[str, ...] = ("auto", "points", "clusters", "grid", "heatmap", "time")
POINT_LIMIT = 3_000
"""At most this many individual markers; above it points become clusters."""
CLUSTER_LIMIT = 20_000
"""At most this many clustered markers; above it clusters become a grid of counts."""
GRID_CELLS = 60
"""The aggregation grid has about this many cells across the events' extent."""
OSM_TILES = "OpenStreetMap"
MAP_TOLERANCE = 0.02
"""Outline simplification for the interactive map in degrees (its outlines travel with every rerun)."""
VIEW_PIXELS = 450
"""The events' extent should span about this many pixels at the initial zoom."""


@dataclass(frozen=True)
class MapPlan:
    """How the events will be drawn: the mode actually used and a note when it differs."""

    mode: str  # points | clusters | grid | heatmap | time
    note: str = ""
    aggregate: bool = False  # True when markers stand for grid cells or centroids, not single events


def plan_map(placed: int, mode: str = "auto") -> MapPlan:
    """Choose how to draw `placed` events for the requested mode."""
    if mode not in MODES:
        raise ValueError(f"unknown map mode {mode!r}; choose one of {', '.join(MODES)}")
    if mode == "heatmap":
        return MapPlan("heatmap", aggregate=placed > POINT_LIMIT)
    if mode == "time":
        big = placed > POINT_LIMIT
        note = f"{counted(placed, 'event')}: the time view shows counts per area and month." if big else ""
        return MapPlan("time", note, aggregate=big)
    if mode == "grid" or placed > CLUSTER_LIMIT:
        note = "" if mode in ("auto", "grid") else (f"{counted(placed, 'event')} are too many for single markers: "
                                                     "showing counts per grid cell.")
        return MapPlan("grid", note, aggregate=True)
    if mode == "clusters" or placed > POINT_LIMIT:
        note = f"{counted(placed, 'event')}: markers are clustered." if mode == "points" else ""
        return MapPlan("clusters", note)
    return MapPlan("points")


def placed_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events with coordinates."""
    return events[events["latitude"].notna() & events["longitude"].notna()]


def marker_radius(fatalities: pd.Series) -> np.ndarray:
    """Radius in pixels by fatalities; events with unknown fatalities get a fixed middle size."""
    known = fatalities.astype("Float64")
    radius = (4 + 2.2 * np.sqrt(known.fillna(0).to_numpy(dtype=float))).clip(4, 20)
    return np.where(known.isna().to_numpy(), 6.0, radius).round(1)


def _is_approx(events: pd.DataFrame) -> np.ndarray:
    return (events["geo_precision"].fillna(1).astype(int) >= 2).to_numpy()


ASSETS = Path(__file__).resolve().parent / "assets"
"""The JavaScript and CSS of the map controls."""


def _load_template(name: str) -> Template:
    return Template((ASSETS / name).read_text(encoding="utf-8"))


class _Lookup:
    """Strings stored once in the payload and referenced by index from each row."""

    def __init__(self) -> None:
        self.items: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.items.setdefault(html.escape(text, quote=True), len(self.items))

    def table(self) -> list[str]:
        return list(self.items)


def _per_distinct(events: pd.DataFrame, columns: list[str], render) -> pd.Series:
    """`render(record)` for each event, computed once per distinct combination of `columns`."""
    combined = np.zeros(len(events), dtype=np.int64)
    for column in columns:  # one code per distinct combination, kept below rows × distinct values of a column
        codes, uniques = pd.factorize(events[column], use_na_sentinel=False)
        combined = pd.factorize(combined * len(uniques) + codes)[0]
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    firsts = events[columns].iloc[first].astype(object)
    records = firsts.where(firsts.notna(), None).to_dict("records")
    texts = np.asarray([render(r) for r in records], dtype=object)
    return pd.Series(texts[inverse], index=events.index, dtype=object)


def _payload_points(events: pd.DataFrame, groups: pd.Series, palette: dict[str, str]) -> dict:
    """One row per event: lat, lon, colour, radius, the indexes of its popup lines (tactics, place, actors,
    counts, precision: strings stored once in the payload's table), then its date and id (escaped). Built column
    by column: a per-event loop cost most of a large map's build."""
    if events.empty:
        return {"colors": [], "text": [], "rows": []}
    color_codes, colors = pd.factorize(groups.map(palette).fillna(UNKNOWN_COLOR).astype(object))
    tactics = events["tactics"].map(lambda ts: ", ".join(ts or []) or "no tactic")
    lines = pd.concat([
        tactics,
        _per_distinct(events, ["location", "admin3", "admin2", "admin1", "country"], place_text),
        _per_distinct(events, ["actor1", "actor2"], _actors_short),
        _per_distinct(events.assign(takes_people=_takes_people(events)),
                      ["fatalities", "fatalities_qualifier", "injuries", "injuries_qualifier", "hostages",
                       "hostages_qualifier", "takes_people"], _counts_line),
        _per_distinct(events, ["geo_precision"], lambda r: precision_text(r["geo_precision"])),
    ], axis=1, ignore_index=True)
    codes, texts = pd.factorize(lines.to_numpy().ravel())
    texts = [html.escape(t, quote=True) for t in texts]
    columns = [events["latitude"].astype(float).round(5).tolist(), events["longitude"].astype(float).round(5).tolist(),
               color_codes.tolist(), marker_radius(events["fatalities"]).astype(float).tolist(),
               *codes.reshape(len(events), lines.shape[1]).T.tolist(),
               _per_distinct(events, ["event_date"], lambda r: html.escape(str(r["event_date"]))).tolist(),
               [html.escape(str(i), quote=True) for i in events["event_id"]]]
    return {"colors": list(colors), "text": list(texts), "rows": [list(row) for row in zip(*columns)]}


def _takes_people(events: pd.DataFrame) -> pd.Series:
    """Events in which people were taken (a hostage tactic) or whose hostages are counted."""
    taking = hostage_tactics()
    return events["tactics"].map(lambda ts: bool(taking.intersection(ts or ()))) | events["hostages"].notna()


def _counts_line(r: dict) -> str:
    """' · fatalities 3 · injuries unknown', with hostages only where people were taken (a bombing has none to
    be unknown)."""
    line = (f" · fatalities {count_text(r['fatalities'], r['fatalities_qualifier'])}"
            f" · injuries {count_text(r['injuries'], r['injuries_qualifier'])}")
    return line + (f" · hostages {count_text(r['hostages'], r['hostages_qualifier'])}" if r["takes_people"] else "")


def _actors_short(event: dict) -> str:
    second = event.get("actor2")
    return f"{event['actor1']} against {second}" if isinstance(second, str) and second else str(event["actor1"])


def cell_keys(lat: np.ndarray, lon: np.ndarray, size: float) -> np.ndarray:
    """Grid cell of each point, as one integer per point."""
    return np.floor(lat / size).astype(np.int64) * 100_000 + np.floor(lon / size).astype(np.int64)


def grid_size(events: pd.DataFrame) -> float:
    """Cell size in degrees: about GRID_CELLS cells across the events' extent, at least 0.05."""
    if events.empty:
        return 0.1
    extent = max(np.ptp(events["latitude"].to_numpy(float)), np.ptp(events["longitude"].to_numpy(float)))
    return max(0.05, round(extent / GRID_CELLS, 3))


def aggregate_events(events: pd.DataFrame, groups: pd.Series, approx: bool, size: float) -> pd.DataFrame:
    """Counts per grid cell (exact events) or per centroid (approximate events).

    Columns: lat, lon, events, fatalities (known sum), unknown (events with unknown fatalities),
    group (most frequent colour group), key.
    """
    lat, lon = events["latitude"].to_numpy(float), events["longitude"].to_numpy(float)
    key = (np.round(lat, 4) * 1e6 + np.round(lon, 4)) if approx else cell_keys(lat, lon, size)
    frame = pd.DataFrame({
        "key": key, "lat": lat, "lon": lon, "group": groups.to_numpy(),
        "fat": events["fatalities"].astype("Float64").fillna(0).to_numpy(float),
        "unknown": events["fatalities"].isna().to_numpy(),
    })
    grouped = frame.groupby("key", sort=False)
    out = grouped.agg(lat=("lat", "mean"), lon=("lon", "mean"), events=("lat", "size"),
                      fatalities=("fat", "sum"), unknown=("unknown", "sum"))
    top = frame.groupby(["key", "group"], sort=False).size().reset_index(name="n")
    top = top.sort_values("n", ascending=False).drop_duplicates("key").set_index("key")["group"]
    out["group"] = top.reindex(out.index).to_numpy()
    return out.reset_index()


def _payload_cells(cells: pd.DataFrame, palette: dict[str, str], label: str) -> dict:
    """One row per cell: lat, lon, colour, radius, popup text index."""
    colors, text, rows = _Lookup(), [], []
    largest = max(int(cells["events"].max()), 1) if len(cells) else 1
    for c in cells.itertuples(index=False):
        unknown = f" (unknown in {counted(int(c.unknown), 'event')})" if c.unknown else ""
        text.append(f"{counted(int(c.events), 'event')} {label}<br>fatalities {int(c.fatalities):,}{unknown}"
                    f"<br>most frequent: {html.escape(str(c.group))}")
        rows.append([round(float(c.lat), 4), round(float(c.lon), 4), colors(palette.get(c.group, UNKNOWN_COLOR)),
                     round(4 + 14 * math.sqrt(c.events / largest), 1), len(text) - 1])
    return {"colors": colors.table(), "text": text, "rows": rows, "cells": True}


def months_of(events: pd.DataFrame) -> list[str]:
    """The months (YYYY-MM) that have events, in order: the time slider's steps."""
    return sorted(events["event_date"].astype(str).str.slice(0, 7).unique())


class _Text(Element):
    """Rendered script or markup, kept as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class RenderedOnce(MacroElement):
    """A MacroElement whose rendered macros join the page as text. branca wraps each one in `Element(text)`,
    which compiles the text as a Jinja template: for an event layer, about 0.8 MB of payload lexed on every
    filter change (0.1 s of the script run)."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if part in macros:
                getattr(figure, part).add_child(_Text(macros[part](self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class EventLayer(JSCSSMixin, RenderedOnce):
    """Events drawn from one compact payload by a small script (markers, clusters or time slider)."""

    _template = _load_template("event_layer.js.jinja")

    def __init__(self, payload: dict, *, kind: str, hollow: bool, periods: Sequence[str] = ()) -> None:
        super().__init__()
        self._name = "EventLayer"
        self.payload_json = _js_json(payload)  # once: streamlit-folium renders each layer's script twice
        self.kind = kind
        self.hollow = hollow
        self.periods = list(periods)
        clusters = kind == "clusters"
        self.default_js = list(plugins.MarkerCluster.default_js) if clusters else []
        self.default_css = list(plugins.MarkerCluster.default_css) if clusters else []

    @property
    def periods_json(self) -> str:
        """The time slider's period labels as JSON."""
        return _js_json(self.periods)

    @property
    def map_name(self) -> str:
        """The JavaScript name of the map this layer is drawn on."""
        parent = self._parent
        while parent is not None and not isinstance(parent, folium.Map):
            parent = getattr(parent, "_parent", None)
        return parent.get_name() if parent is not None else "null"


def _js_json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


class Legend(RenderedOnce):
    """A legend control: colour per group, exact vs approximate, size, and choropleth steps. It starts folded
    on a map narrower than `fold_below` pixels."""

    fold_below = 700

    _template = _load_template("legend.js.jinja")

    def __init__(self, legend_html: str, time_mode: bool = False) -> None:
        super().__init__()
        self._name = "Legend"
        self.html_json = _js_json(legend_html)
        self.time_mode = time_mode

    map_name = EventLayer.map_name


def _legend(groups: pd.Series, palette: dict[str, str], color_by: str, plan: MapPlan,
            choropleth: Sequence[tuple[str, str]] = ()) -> Legend:
    """The legend of the groups present, in legend order (tactics by rank, actors by name)."""
    present = set(pd.unique(groups)) if len(groups) else set()
    order = [*ordered_tactics(), NO_TACTIC] if color_by == "tactic" else sorted(present)
    colour_of = "main tactic" if color_by == "tactic" else "main actor"
    return Legend(legend_html([g for g in order if g in present], palette, colour_of, plan, choropleth),
                  time_mode=plan.mode == "time")


def legend_html(groups: Sequence[str], palette: dict[str, str], colour_of: str, plan: MapPlan,
                choropleth: Sequence[tuple[str, str]] = ()) -> str:
    """The legend's HTML (escaped): one swatch per group, the precision key, and notes. In heatmap mode the
    exact events are heat, not circles, and the colours are those of the approximate (dashed) circles only."""
    swatches = "".join(
        f'<div><i style="background:{html.escape(palette.get(g, UNKNOWN_COLOR))}"></i>{html.escape(g)}</div>'
        for g in groups
    )
    steps = "".join(f'<div><i style="background:{c}"></i>{html.escape(label)}</div>' for label, c in choropleth)
    steps = f"<b>Events per area</b>{steps}" if steps else ""
    if plan.mode == "heatmap":
        keys = ('<div><i class="ev-heat"></i>events at exact sites or towns: hotter where there are more events '
                'and more deaths</div>'
                '<div><i class="ev-hollow"></i>approximate: events counted at a district or province centroid, '
                'never merged with exact</div>')
        size, title = "Dashed circle size: number of events at the centroid", f"Colour of dashed circles: {colour_of}"
    else:
        keys = ('<div><i class="ev-solid"></i>exact site or town</div>'
                '<div><i class="ev-hollow"></i>approximate: district or province centroid, never merged with exact</div>')
        size = ("Circle size: number of events in the cell or at the centroid" if plan.aggregate
                else "Circle size: fatalities (fixed size when unknown)")
        title = f"Colour: {colour_of}"
    return (f'<details open><summary>Legend</summary>{keys}<div class="ev-note">{html.escape(size)}</div>'
            f'<div class="ev-sep"><b>{html.escape(title)}</b></div>{swatches}{steps}</details>')


LEGEND_CSS = f"<style>{(ASSETS / 'map.css').read_text(encoding='utf-8')}</style>"


def initial_view(events: pd.DataFrame, pixels: int = VIEW_PIXELS) -> tuple[list[float], int]:
    """Centre and zoom at which every placed event fits in about `pixels` pixels."""
    placed = placed_events(events)
    if placed.empty:
        west, south, east, north = region("home")  # nothing to place: show the country of interest
        return [(south + north) / 2, (west + east) / 2], 5
    lat, lon = placed["latitude"].to_numpy(float), placed["longitude"].to_numpy(float)
    extent = max(np.ptp(lat), np.ptp(lon), 1.0)  # at least a district's width, so the reader sees around it
    zoom = int(max(MIN_ZOOM, min(11, math.floor(math.log2(pixels * 360 / 256 / extent)))))
    return [float((lat.min() + lat.max()) / 2), float((lon.min() + lon.max()) / 2)], zoom


class Outlines(folium.map.Layer, RenderedOnce):
    """Outlines drawn under the events, one style for all, not clickable. Their GeoJSON is encoded once per
    server (`_outlines_json`): folium's GeoJson re-encoded it, measured its bounds and compiled it as a template
    on every rerun of the map."""

    _template = Template("{% macro script(this, kwargs) %}var {{ this.get_name() }} = L.geoJson({{ this.data_json }}, "
                         "{interactive: false, style: function() { return {{ this.style_json }}; }});{% endmacro %}")

    def __init__(self, name: str, data_json: str, style: dict) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "Outlines"
        self.data_json = data_json
        self.style_json = _js_json(style)


@lru_cache(maxsize=2)
def _outlines_json(which: str) -> str:
    """The interactive map's country or province outlines as a script-safe JSON literal."""
    read = country_outlines if which == "countries" else province_outlines
    return _js_json(read(region("map"), MAP_TOLERANCE))


class PluginScripts(JSCSSMixin, MacroElement):
    """The cluster and heat plugins' scripts, loaded with the base map: the event layers that use them are
    swapped in later (a mode switch), and by then a page no longer loads scripts."""

    _template = Template("{% macro script(this, kwargs) %}{% endmacro %}")
    default_js = [*plugins.MarkerCluster.default_js, *plugins.HeatMap.default_js]
    default_css = list(plugins.MarkerCluster.default_css)

    def __init__(self) -> None:
        super().__init__()
        self._name = "PluginScripts"


class ReferenceMap(JSCSSMixin, RenderedOnce):
    """What orients a reader without tiles: place labels that appear with zoom, the attribution of what is
    drawn, a minimap of the same outlines, and limits at the outlines' extent."""

    _template = _load_template("reference.js.jinja")
    default_js = list(plugins.MiniMap.default_js)
    default_css = list(plugins.MiniMap.default_css)

    def __init__(self, payload: dict) -> None:
        super().__init__()
        self._name = "ReferenceMap"
        self.payload_json = _js_json(payload)


LABEL_ZOOM: tuple[int, ...] = (5, 5, 7, 9)
"""The zoom from which each rank of label shows: provinces and countries, large cities, district towns, towns."""
LARGE_CITY = 500_000
SMALL_TOWN = 20_000
MIN_ZOOM = 5
"""Below this zoom the outlines' edge would come into view."""


def reference_labels(box: tuple[float, float, float, float]) -> list[list]:
    """[lat, lon, escaped name, rank] for the countries and provinces, large cities, the gazetteer's curated
    towns, and GeoNames towns of SMALL_TOWN people or more inside `box` (west, south, east, north)."""
    west, south, east, north = box
    home = setting("default_country")
    out, seen = [], set()
    for p in default_gazetteer().places.values():
        if not (west <= p.longitude <= east and south <= p.latitude <= north) or p.name in seen:
            continue
        curated = not p.place_id.startswith("geonames-")
        if p.kind == "country" or (p.kind == "province" and p.country == home):
            rank = 0
        elif p.kind == "province":
            rank = 2  # a neighbour's provinces: named once the reader zooms in
        elif p.kind == "town" and p.population >= LARGE_CITY:
            rank = 1
        elif p.kind == "town" and curated:
            rank = 2
        elif p.kind == "town" and p.population >= SMALL_TOWN:
            rank = 3
        else:
            continue
        seen.add(p.name)
        out.append([round(p.latitude, 3), round(p.longitude, 3), html.escape(p.name), rank])
    return sorted(out, key=lambda label: label[3])


def reference_payload(tiles: bool) -> dict:
    """Labels, minimap outlines, limits and attribution of the offline reference map."""
    empty = {"type": "FeatureCollection", "features": []}
    try:
        minimap = country_outlines(region("outlines"), 0.1)
        minimap_provinces = province_outlines(region("outlines"), 0.1)
    except OutlinesUnavailable:
        minimap, minimap_provinces = empty, empty
    drawn = "Natural Earth outlines, GeoNames places"
    return {
        "labels": reference_labels(region("map")),
        "rank_zoom": list(LABEL_ZOOM),
        "minimap": minimap,
        "minimap_provinces": minimap_provinces,
        "bounds": list(region("map")),
        "min_zoom": MIN_ZOOM,
        "attribution": drawn + ("; tiles © OpenStreetMap contributors" if tiles else "; no tiles offline"),
    }


def build_base_map(events: pd.DataFrame, *, asset_base: str | None = None, outlines: bool = True,
                   tiles: bool | None = None, view: tuple[list[float], int] | None = None) -> folium.Map:
    """The map without events: country and province outlines, place labels, tools; OpenStreetMap tiles only
    when fetching is allowed (`tiles` None: CONFLICT_ONLINE). Stable for a given table.

    `asset_base` is the URL prefix of the local Leaflet copies (None keeps folium's CDN links); `view`, a
    (centre, zoom) to open at instead of the events' own fit.
    """
    tiles = online_allowed() if tiles is None else tiles
    center, zoom = view or initial_view(events)
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True, max_zoom=18, min_zoom=MIN_ZOOM)
    m.options["maxZoom"] = 18
    m.get_root().header.add_child(folium.Element(LEGEND_CSS))
    if tiles:
        folium.TileLayer(OSM_TILES, name="OpenStreetMap (needs internet)", max_zoom=18).add_to(m)
    if outlines:
        try:
            m.add_child(Outlines("Country outlines (Natural Earth)", _outlines_json("countries"),
                                 {"color": "#555", "weight": 1.2, "fillColor": "#f3efe6", "fillOpacity": 0.55}))
            m.add_child(Outlines("Province outlines (Natural Earth)", _outlines_json("provinces"),
                                 {"color": "#8a7f6e", "weight": 0.8, "dashArray": "4 3", "fill": False}))
        except OutlinesUnavailable:
            pass
    m.add_child(PluginScripts())
    m.add_child(ReferenceMap(reference_payload(tiles)))
    plugins.Fullscreen(position="topleft").add_to(m)
    plugins.MeasureControl(position="topleft", primary_length_unit="kilometers",
                           secondary_length_unit=None, primary_area_unit="sqkilometers").add_to(m)
    plugins.Draw(
        export=False, position="topleft",
        draw_options={"polyline": False, "circle": False, "marker": False, "circlemarker": False,
                      "rectangle": {"shapeOptions": {"color": "#d33"}}, "polygon": {"shapeOptions": {"color": "#d33"}}},
        edit_options={"edit": False},
    ).add_to(m)
    if asset_base:
        localise_map(m, asset_base)
    return m


def prepare_base_map() -> None:
    """Read once what every base map draws (the gazetteer's place labels, the outlines at the map's tolerance),
    so that the first map a server draws does not wait for it."""
    build_base_map(pd.DataFrame({"latitude": [], "longitude": []}))


def build_event_layers(events: pd.DataFrame, *, mode: str = "auto", color_by: str = "tactic",
                       choropleth: pd.DataFrame | None = None, area: dict | None = None,
                       asset_base: str | None = None) -> tuple[list[folium.FeatureGroup], MapPlan]:
    """The layers that change with the filter: exact events, approximate events, choropleth, area.

    `choropleth` is a GeoDataFrame with `name` and `events` columns (see core.places.boundaries).
    """
    placed = placed_events(events)
    plan = plan_map(len(placed), mode)
    groups, palette = group_colors(placed, color_by)
    approx = _is_approx(placed)
    layers: list[folium.FeatureGroup] = []
    choro_steps: list[tuple[str, str]] = []
    if choropleth is not None and len(choropleth):
        layer, choro_steps = _choropleth_layer(choropleth)
        layers.append(layer)
    size, periods = grid_size(placed), months_of(placed)
    for is_approx, name in ((False, "Events at exact places"), (True, "Events at district/province centroids (approximate)")):
        part, part_groups = placed[approx == is_approx], groups[approx == is_approx]
        fg = folium.FeatureGroup(name=f"{name} ({len(part):,})")
        _fill_layer(fg, part, part_groups, palette, plan, is_approx, size, periods)
        layers.append(fg)
    if area:
        fg = folium.FeatureGroup(name="Drawn area filter")
        folium.GeoJson(area, interactive=False,
                       style_function=lambda _f: {"color": "#d33", "weight": 2, "dashArray": "6 4", "fillOpacity": 0.03}).add_to(fg)
        layers.append(fg)
    layers[-1].add_child(_legend(groups, palette, color_by, plan, choro_steps))
    if asset_base:
        for layer in layers:
            localise_map(layer, asset_base)
    return layers, plan


def build_cell_layers(cells: pd.DataFrame, *, mode: str = "auto", color_by: str = "tactic",
                      asset_base: str | None = None) -> tuple[list[folium.FeatureGroup], MapPlan]:
    """The layers for a view too large for single markers, from counts per grid cell and per centroid that the
    store made (core.store.queries.map_cells): the same cells, colours and legend as `build_event_layers`."""
    placed = int(cells["events"].sum()) if len(cells) else 0
    heat = mode == "heatmap"
    plan = MapPlan("heatmap" if heat else "grid",
                   "" if mode in ("auto", "grid", "heatmap") else
                   f"{counted(placed, 'event')} are too many for single markers or a time view: showing counts per grid cell.",
                   aggregate=True)
    groups = cells["group"].astype(object)
    palette = tactic_colors() if color_by == "tactic" else actor_colors(groups.unique())
    layers = []
    for is_approx, name in ((False, "Events at exact places"), (True, "Events at district/province centroids (approximate)")):
        part = cells[cells["approx"] == is_approx]
        fg = folium.FeatureGroup(name=f"{name} ({int(part['events'].sum()):,})")
        if len(part) and heat and not is_approx:
            weights = np.sqrt(part["events"] + part["fatalities"]).round(2)
            plugins.HeatMap(np.column_stack([part["lat"].round(3), part["lon"].round(3), weights]).tolist(),
                            radius=18, blur=14, min_opacity=0.35, max_zoom=10).add_to(fg)
        elif len(part):
            label = "at this centroid" if is_approx else "in this grid cell"
            fg.add_child(EventLayer(_payload_cells(part, palette, label), kind="points", hollow=is_approx))
        layers.append(fg)
    layers[-1].add_child(_legend(groups, palette, color_by, plan))
    if asset_base:
        for layer in layers:
            localise_map(layer, asset_base)
    return layers, plan


def view_from_extent(extent: tuple[float, float, float, float] | None, pixels: int = VIEW_PIXELS) -> tuple[list[float], int]:
    """Centre and zoom for events spanning (south, west, north, east), as `initial_view` does for rows."""
    if extent is None:
        west, south, east, north = region("home")
        return [(south + north) / 2, (west + east) / 2], 5
    south, west, north, east = extent
    span = max(north - south, east - west, 1.0)
    zoom = int(max(MIN_ZOOM, min(11, math.floor(math.log2(pixels * 360 / 256 / span)))))
    return [(south + north) / 2, (west + east) / 2], zoom


def cell_size_for(extent: tuple[float, float, float, float] | None) -> float:
    """Grid cell size in degrees for events spanning (south, west, north, east), as `grid_size` does for rows."""
    if extent is None:
        return 0.1
    south, west, north, east = extent
    return max(0.05, round(max(north - south, east - west) / GRID_CELLS, 3))


def _fill_layer(fg: folium.FeatureGroup, events: pd.DataFrame, groups: pd.Series, palette: dict[str, str],
                plan: MapPlan, hollow: bool, size: float, periods: Sequence[str]) -> None:
    """Put the events of one precision class into a feature group, drawn as the plan says."""
    if events.empty:
        return
    if plan.mode == "heatmap":
        if hollow:
            cells = aggregate_events(events, groups, True, size)
            fg.add_child(EventLayer(_payload_cells(cells, palette, "at this centroid"), kind="points", hollow=True))
        else:
            fine = aggregate_events(events, groups, False, 0.01)
            weights = np.sqrt(fine["events"] + fine["fatalities"]).round(2)
            plugins.HeatMap(np.column_stack([fine["lat"].round(3), fine["lon"].round(3), weights]).tolist(),
                            radius=18, blur=14, min_opacity=0.35, max_zoom=10).add_to(fg)
        return
    if plan.mode == "time":
        labels = list(periods)
        months = pd.Index(labels).get_indexer(events["event_date"].astype(str).str.slice(0, 7))
        payload = _time_payload(events, groups, palette, plan, hollow, size, months)
        fg.add_child(EventLayer(payload, kind="time", hollow=hollow, periods=labels))
        return
    if plan.mode == "grid" or (plan.aggregate and hollow):
        label = "at this centroid" if hollow else "in this grid cell"
        fg.add_child(EventLayer(_payload_cells(aggregate_events(events, groups, hollow, size), palette, label),
                                kind="points", hollow=hollow))
        return
    fg.add_child(EventLayer(_payload_points(events, groups, palette), kind=plan.mode, hollow=hollow))


def _time_payload(events: pd.DataFrame, groups: pd.Series, palette: dict[str, str], plan: MapPlan,
                  hollow: bool, size: float, months: np.ndarray) -> dict:
    """Rows for the time slider: each row ends with its period index."""
    if not plan.aggregate:
        payload = _payload_points(events, groups, palette)
        for row, month in zip(payload["rows"], months):
            row.append(int(month))
        return payload
    merged: dict = {"colors": [], "text": [], "rows": [], "cells": True}
    for month in np.unique(months):
        part = aggregate_events(events[months == month], groups[months == month], hollow, size)
        sub = _payload_cells(part, palette, "this month")
        offset_c, offset_t = len(merged["colors"]), len(merged["text"])
        merged["colors"] += sub["colors"]
        merged["text"] += sub["text"]
        merged["rows"] += [[r[0], r[1], r[2] + offset_c, r[3], r[4] + offset_t, int(month)] for r in sub["rows"]]
    return merged


CHOROPLETH_COLORS: tuple[str, ...] = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")


def _choropleth_layer(areas: pd.DataFrame) -> tuple[folium.FeatureGroup, list[tuple[str, str]]]:
    """Boundary outlines filled by their event count, with the legend's steps."""
    top = int(areas["events"].max())
    edges = sorted({0, *np.ceil(np.linspace(0, top, len(CHOROPLETH_COLORS))[1:]).astype(int).tolist()})

    def color(n: int) -> str:
        if n == 0:
            return CHOROPLETH_COLORS[0]
        step = next(i for i, e in enumerate(edges) if n <= e)
        return CHOROPLETH_COLORS[min(step, len(CHOROPLETH_COLORS) - 1)]

    data = json.loads(areas[["name", "events", "geometry"]].to_json(drop_id=True))
    for feature in data["features"]:
        props = feature["properties"]
        props["name"] = html.escape(str(props["name"]))
        props["fill"] = color(int(props["events"]))
    fg = folium.FeatureGroup(name="Events per area (boundary file)")
    folium.GeoJson(
        data, style_function=lambda f: {"color": "#333", "weight": 1, "fillColor": f["properties"]["fill"], "fillOpacity": 0.55},
        tooltip=folium.GeoJsonTooltip(fields=["name", "events"], aliases=["Area", "Events"]),
    ).add_to(fg)
    steps = [("0", CHOROPLETH_COLORS[0])]
    steps += [(f"{lo + 1}–{hi}" if hi > lo + 1 else f"{hi}", color(hi)) for lo, hi in pairwise(edges)]
    return fg, steps


def build_event_map(events: pd.DataFrame, *, mode: str = "auto", color_by: str = "tactic",
                    asset_base: str | None = None, choropleth: pd.DataFrame | None = None,
                    area: dict | None = None, outlines: bool = True, tiles: bool | None = None) -> folium.Map:
    """A complete, standalone map of `events` (for exports and benchmarks).

    `asset_base`: URL prefix of local Leaflet copies, e.g. core.views.vendor.STATIC_URL inside the app or
    a relative folder next to an exported HTML file; None uses folium's CDN links.
    """
    m = build_base_map(events, asset_base=asset_base, outlines=outlines, tiles=tiles)
    layers, _plan = build_event_layers(events, mode=mode, color_by=color_by, choropleth=choropleth,
                                       area=area, asset_base=asset_base)
    for layer in layers:
        layer.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    if asset_base:
        localise_map(m, asset_base)
    return m


def clicked_event_id(popup_text: str | None) -> str | None:
    """The event id a clicked marker's popup ends with ("… · event d41d8cd9-01"), None for a cell or centroid.

    >>> clicked_event_id("suicide bombing\\nBajaur\\n… · event 8785948f10cd9333-01")
    '8785948f10cd9333-01'
    """
    m = re.search(r"\bevent (\S+)\s*$", popup_text or "")
    return m.group(1) if m else None


def events_at_click(events: pd.DataFrame, lat: float, lng: float, *, aggregate: bool = False,
                    size: float | None = None, tolerance: float = 0.6) -> pd.DataFrame:
    """The events behind a clicked marker: those at the nearest placed location (or in its grid cell).

    Several events can share a location (for example a district centroid); all are returned.
    Nothing is returned when no event lies within `tolerance` degrees of the click.
    """
    placed = placed_events(events)
    if placed.empty:
        return placed
    plat, plon = placed["latitude"].to_numpy(float), placed["longitude"].to_numpy(float)
    dist = np.hypot(plat - lat, (plon - lng) * math.cos(math.radians(lat)))
    nearest = int(np.argmin(dist))
    if dist[nearest] > tolerance:
        return placed.iloc[0:0]
    if aggregate and not _is_approx(placed)[nearest]:
        size = size or grid_size(placed)
        keys = cell_keys(plat, plon, size)
        return placed[(keys == keys[nearest]) & ~_is_approx(placed)]
    return placed[(plat == plat[nearest]) & (plon == plon[nearest])]


def mention_layer(places: pd.DataFrame) -> folium.FeatureGroup:
    """The 'places mentioned' layer (the Map page adds it on request): one lilac square per place (never a circle,
    which would read as an event), sized by the number of
    documents that name it, with the mention count in its tooltip. `places` comes from
    core.views.summaries.mention_places, so there is one row per place, never one per mention."""
    fg = folium.FeatureGroup(name=f"Places mentioned in reports ({len(places):,})")
    top = max(int(places["documents"].max()), 1) if len(places) else 1
    for row in places.itertuples():
        label = (f"{html.escape(str(row.name))}: mentioned {row.mentions} time{'s' if row.mentions != 1 else ''} "
                 f"in {row.documents} document{'s' if row.documents != 1 else ''} ({html.escape(row.roles)})")
        side = round(8 + 18 * math.sqrt(row.documents / top))
        folium.Marker(location=[row.latitude, row.longitude], tooltip=label,
                      icon=folium.DivIcon(html=f'<div class="ev-mention" style="width:{side}px;height:{side}px"></div>',
                                          icon_size=(side, side), icon_anchor=(side // 2, side // 2)),
                      ).add_to(fg)
    return fg
