"""The folium map: modes, thresholds, honest precision, colours, escaping, offline assets."""

import json
import re

import folium
import numpy as np
import pytest

from bench.synthetic import synthetic_events
from core.knowledge.lexicon import tactic_colors
from core.views.maps import (
    CLUSTER_LIMIT,
    POINT_LIMIT,
    Legend,
    build_event_map,
    events_at_click,
    plan_map,
)
from core.views.palette import group_colors
from core.views.vendor import BUNDLE, LOCAL_FILES, STATIC_URL, bundle_scripts
from tests.dashboard_data import HOSTILE, hostile_events
from tests.map_script import payloads


def render(m: folium.Map) -> str:
    return m.get_root().render()


@pytest.fixture(scope="module")
def events():
    return synthetic_events(400, seed=11)


def test_plan_switches_to_clusters_then_grid_on_its_own():
    assert plan_map(10).mode == "points"
    assert plan_map(POINT_LIMIT + 1).mode == "clusters"
    assert plan_map(CLUSTER_LIMIT + 1).mode == "grid"
    assert plan_map(CLUSTER_LIMIT + 1, "points").note
    with pytest.raises(ValueError):
        plan_map(5, "sparkles")


def test_points_mode_draws_each_placed_event_once_split_by_precision(events):
    html = render(build_event_map(events, mode="points"))
    exact, approx = payloads(html)
    assert len(exact["rows"]) == (events["geo_precision"] == 1).sum()
    assert len(approx["rows"]) == (events["geo_precision"] >= 2).sum()
    assert "folium.Marker" not in html and html.count("L.marker(") == 1  # the place labels' loop, not one per event


def test_centroid_events_are_never_clustered_with_exact_ones(events):
    html = render(build_event_map(events, mode="clusters"))
    assert html.count("L.markerClusterGroup(") == 2  # one group per precision class, in separate layers
    assert "ev-cluster-approx" in html


def test_large_tables_are_aggregated_not_one_marker_each():
    big = synthetic_events(CLUSTER_LIMIT + 500, seed=5)
    html = render(build_event_map(big))
    rows = sum(len(p["rows"]) for p in payloads(html))
    assert rows < len(big) / 5
    counts = [re.match(r"([\d,]+) (events?) ", t).groups() for p in payloads(html) for t in p["text"]]
    assert sum(int(n.replace(",", "")) for n, _ in counts) == len(big)
    assert all((noun == "event") == (n == "1") for n, noun in counts)  # '1 event in this grid cell'
    assert any(n == "1" for n, _ in counts)


def test_heatmap_and_time_views(events):
    heat = render(build_event_map(events, mode="heatmap"))
    assert "L.heatLayer(" in heat
    timed = render(build_event_map(events, mode="time"))
    months = sorted(events["event_date"].str.slice(0, 7).unique())
    assert json.dumps(months[-1]) in timed and "type=\"range\"" in timed
    # a mode switch keeps the mounted map: every other mode takes down the slider Time mode left
    assert "__evTimeControl.remove()" in heat and "__evTimeControl.remove()" in render(build_event_map(events, mode="grid"))
    assert timed.count("__evTimeControl.remove()") == 1  # only the slider's own replacement


def test_tactic_colours_come_from_the_data_file(events):
    groups, palette = group_colors(events, "tactic")
    colours = tactic_colors()
    assert palette == colours
    for p in payloads(render(build_event_map(events, mode="points"))):
        assert set(p["colors"]) <= set(colours.values())
    assert set(groups) <= set(colours)


def test_colour_by_actor_uses_one_colour_per_actor(events):
    groups, palette = group_colors(events, "actor")
    assert set(groups) <= set(palette)
    assert len({palette[g] for g in set(groups)}) == len(set(groups))


def test_hostile_text_is_escaped_in_popups_and_legend():
    html = render(build_event_map(hostile_events(), mode="points", color_by="actor"))
    assert HOSTILE not in html
    assert "<script>alert" not in html and "onerror=\"alert" not in html
    assert "&lt;script&gt;" in html


def test_local_assets_replace_cdn_links(events):
    html = render(build_event_map(events, mode="clusters", asset_base=STATIC_URL))
    assert f"{STATIC_URL}/{LOCAL_FILES['leaflet']}" in html
    assert f"{STATIC_URL}/{LOCAL_FILES['markerclusterjs']}" in html
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "code.jquery" not in html


def test_the_live_map_loads_one_bundle_of_local_scripts(events):
    from core.views.maps import build_base_map, build_event_layers

    base = build_base_map(events, asset_base=STATIC_URL)
    layers, _plan = build_event_layers(events, mode="clusters", asset_base=STATIC_URL)
    bundle_scripts([base, *layers], STATIC_URL)
    base.add_child(layers[0])
    scripts = [line for line in render(base).splitlines() if "<script src=" in line]
    assert scripts == [f'    <script src="{STATIC_URL}/{BUNDLE}"></script>']


def test_without_local_assets_the_cdn_is_used(events):
    assert "cdn.jsdelivr.net/npm/leaflet" in render(build_event_map(events))


def test_outlines_are_drawn_under_the_markers(events):
    html = render(build_event_map(events, mode="points"))
    assert "Pakistan" in html and html.index("Pakistan") < html.index("var data = ")


def test_click_returns_every_event_at_the_nearest_place(events):
    approx = events[events["geo_precision"] >= 2]
    lat, lon = approx["latitude"].iloc[0], approx["longitude"].iloc[0]
    hits = events_at_click(events, lat + 0.01, lon - 0.01)
    same = (events["latitude"] == lat) & (events["longitude"] == lon)
    assert len(hits) == same.sum() >= 1
    assert events_at_click(events, -40.0, 10.0).empty


def test_unknown_fatalities_get_a_fixed_size_not_zero(events):
    from core.views.maps import marker_radius

    radius = marker_radius(events["fatalities"])
    unknown = events["fatalities"].isna().to_numpy()
    assert unknown.any() and np.all(radius[unknown] == radius[unknown][0])
    zero = (events["fatalities"] == 0).fillna(False).to_numpy()
    if zero.any():
        assert radius[zero][0] != radius[unknown][0]


def test_preparing_the_base_map_reads_the_gazetteer_and_outlines_once():
    from core.knowledge.gazetteer import default_gazetteer
    from core.places.outlines import country_outlines
    from core.views.maps import _outlines_json, prepare_base_map

    default_gazetteer.cache_clear()
    country_outlines.cache_clear()
    _outlines_json.cache_clear()
    prepare_base_map()
    assert default_gazetteer.cache_info().currsize == 1 and country_outlines.cache_info().currsize >= 1


def test_the_heatmap_legend_explains_heat_not_circles(events):
    heat = render(build_event_map(events, mode="heatmap"))
    points = render(build_event_map(events, mode="points"))
    assert "hotter where there are more events" in heat and "Colour of dashed circles: main tactic" in heat
    assert "exact site or town" not in heat and "Circle size: fatalities" not in heat
    assert "hotter where" not in points and "Colour: main tactic" in points and "Circle size: fatalities" in points


def test_the_legend_folds_on_a_small_map(events):
    html = render(build_event_map(events, mode="points"))
    assert f"map.getSize().x < {Legend.fold_below}" in html and "details.open = false" in html


def test_popups_ask_for_hostages_only_where_people_were_taken(events):
    texts = [t for p in payloads(render(build_event_map(events, mode="points"))) for t in p["text"]]
    lines = [t for t in texts if " · fatalities " in t]
    assert lines and all(" · injuries " in t for t in lines)
    bombing = events[events["tactics"].map(lambda ts: "IED/remote explosive" in (ts or []) and len(ts) == 1)
                     & events["hostages"].isna()]
    taking = events[events["tactics"].map(lambda ts: "kidnapping" in (ts or []))]
    assert len(bombing) and len(taking)
    one = render(build_event_map(bombing.head(1), mode="points"))
    assert " · hostages " not in one and "hostages unknown" not in one
    assert " · hostages " in render(build_event_map(taking.head(1), mode="points"))
