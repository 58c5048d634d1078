"""Every page under AppTest: filters change rows and map data, URLs restore filters, empty views explain."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic import synthetic_events
from core.store.filters import EventFilter, apply_filter
from core.store.reading import load_events
from core.store.writing import save_build
from core.views.maps import placed_events
from pages.widgets.preload import CHUNKS, chunk_names
from tests.dashboard_data import corpus_store
from tests.map_script import marker_count

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
PAGES = ["pages/overview.py", "pages/map.py", "pages/timeline.py", "pages/events.py", "pages/actors.py",
         "pages/documents.py"]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    return corpus_store(tmp_path_factory.mktemp("app_store"))


@pytest.fixture
def app(store, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", store)
    monkeypatch.delenv("BOUNDARY_FILE", raising=False)
    return AppTest.from_file(APP, default_timeout=60)


def map_markers(at: AppTest) -> int:
    """Markers drawn by the st_folium component (base script plus the event layers)."""
    components = [c for c in at.get("component_instance") if c.proto.component_name == "streamlit_folium.st_folium"]
    assert components, "no map on the page"
    args = json.loads(components[0].proto.json_args)
    return marker_count(args["script"] + (args.get("feature_group") or ""))


def table_rows(at: AppTest) -> int:
    return len(at.dataframe[0].value)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_errors(app, page):
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error
    assert app.title[0].value


def test_a_filter_changes_the_rows_and_the_map(app, store):
    events = load_events(store)
    province = events["admin1"].dropna().value_counts().index[0]
    app.run()
    app.switch_page("pages/map.py").run()
    assert map_markers(app) == len(placed_events(events))
    app.sidebar.multiselect(key="admin1").set_value([province]).run()
    expected = apply_filter(events, EventFilter(admin1=(province,)))
    assert map_markers(app) == len(placed_events(expected)) < len(placed_events(events))
    app.switch_page("pages/events.py").run()
    assert table_rows(app) == len(expected)


def test_the_filter_is_kept_across_pages_and_written_to_the_url(app, store):
    events = load_events(store)
    actor = events["actor1"].value_counts().index[0]
    app.run()
    app.sidebar.multiselect(key="actor").set_value([actor]).run()
    app.switch_page("pages/events.py").run()
    assert app.sidebar.multiselect(key="actor").value == [actor]
    assert table_rows(app) == len(apply_filter(events, EventFilter(actors=(actor,))))
    assert app.query_params["actor"] in (actor, [actor])  # AppTest shows a single value unwrapped


def test_a_link_opens_the_same_view(app, store):
    events = load_events(store)
    tactic = events["tactics"].explode().value_counts().index[0]
    app.query_params["tactic"] = tactic
    app.query_params["civilians"] = "exclude"
    app.run()
    app.switch_page("pages/events.py").run()
    expected = apply_filter(events, EventFilter(tactics=(tactic,), civilian_targeting=False))
    assert app.sidebar.multiselect(key="tactic").value == [tactic]
    assert table_rows(app) == len(expected)


def test_districts_cascade_from_provinces(app, store):
    events = load_events(store)
    province = events["admin1"].dropna().value_counts().index[0]
    app.run()
    everywhere = set(app.sidebar.multiselect(key="admin2").options)
    app.sidebar.multiselect(key="admin1").set_value([province]).run()
    offered = set(app.sidebar.multiselect(key="admin2").options)
    assert offered == set(events.loc[events["admin1"] == province, "admin2"].dropna())
    assert offered < everywhere


@pytest.mark.parametrize("page", PAGES[:-1])
def test_a_filter_matching_nothing_says_so(app, page):
    app.run()
    app.sidebar.text_input(key="q").set_value("no-such-words-anywhere").run()
    app.switch_page(page).run()
    assert not app.exception
    assert any("No events match" in w.value for w in app.warning)


def test_an_empty_store_explains_itself(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    at = AppTest.from_file(APP, default_timeout=60).run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception
        assert at.info, page


def test_synthetic_data_is_flagged(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'synthetic.sqlite'}"
    save_build(synthetic_events(50, seed=9), [], url)
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("SYNTHETIC" in e.value for e in at.error)
    at.switch_page("pages/map.py").run()
    assert map_markers(at) == 50


def test_a_drawn_area_and_a_brushed_period_filter_the_events(app, store):
    """The map's drawing and the timeline's brush hand their change to the sidebar for the next run."""
    events = load_events(store)
    placed = placed_events(events)
    lat, lon = placed["latitude"].median(), placed["longitude"].median()
    area = {"type": "Polygon", "coordinates": [[[lon - 3, lat - 3], [lon + 3, lat - 3], [lon + 3, lat], [lon - 3, lat],
                                                [lon - 3, lat - 3]]]}
    app.run()
    app.switch_page("pages/map.py").run()
    app.session_state["pending_filter"] = {"area": area}
    app.run()
    expected = apply_filter(events, EventFilter(area=area))
    assert 0 < map_markers(app) == len(expected) < len(placed)
    assert app.query_params.get("area")
    lo, hi = sorted(events["event_date"])[len(events) // 3], sorted(events["event_date"])[2 * len(events) // 3]
    app.session_state["pending_filter"] = {"dates": (date.fromisoformat(lo), date.fromisoformat(hi)), "area": None}
    app.run()
    app.switch_page("pages/events.py").run()
    assert table_rows(app) == len(apply_filter(events, EventFilter(since=date.fromisoformat(lo), until=date.fromisoformat(hi))))


def test_overview_reports_unknown_counts(app, store):
    events = load_events(store)
    app.run()
    unknown = int(events["fatalities"].isna().sum())
    captions = " ".join(c.value for c in app.caption)
    word = "event" if unknown == 1 else "events"
    assert (f"unknown in {unknown} {word}" in captions) if unknown else ("known in every event" in captions)
    assert app.metric[0].value == f"{len(events):,}"


@pytest.mark.parametrize("mode", ["points", "clusters", "heatmap", "time"])
def test_every_map_mode_and_colour_scheme_renders(app, mode):
    app.run()
    app.switch_page("pages/map.py").run()
    app.button_group(key="map_mode").set_value(mode).run()
    app.button_group(key="map_color").set_value("actor").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.get("component_instance")


def test_missing_local_assets_fall_back_to_the_cdn_with_a_note(app, monkeypatch):
    from pages.widgets import data

    monkeypatch.setattr(data, "local_assets_available", lambda: False)
    app.run()
    app.switch_page("pages/map.py").run()
    assert any("CDN" in w.value for w in app.warning)
    args = json.loads(app.get("component_instance")[0].proto.json_args)
    assert any("leaflet" in link and link.startswith("https://") for link in args["js_links"])


def _map_script(at: AppTest) -> str:
    components = [c for c in at.get("component_instance") if c.proto.component_name == "streamlit_folium.st_folium"]
    args = json.loads(components[0].proto.json_args)
    return args["script"] + (args.get("feature_group") or "")


def test_places_mentioned_layer_is_off_by_default_and_follows_the_region_filter(app, store):
    import re

    from core.store.reading import load_mentions
    from core.views.summaries import mention_places

    def circles(at: AppTest) -> int:
        return len(re.findall(r"mentioned \d+ times? in \d+ documents?", _map_script(at)))

    mentions = load_mentions(store)
    app.run()
    app.switch_page("pages/map.py").run()
    assert circles(app) == 0
    app.toggle(key="map_mentions").set_value(True).run()
    everywhere = mention_places(mentions)
    assert circles(app) == len(everywhere) > 0
    app.sidebar.multiselect(key="admin1").set_value(["Khyber Pakhtunkhwa"]).run()
    in_kp = mention_places(mentions, EventFilter(admin1=("Khyber Pakhtunkhwa",)))
    assert 0 < len(in_kp) < len(everywhere)
    assert circles(app) == len(in_kp)


def test_documents_page_highlights_mentions_and_lists_unknown_names(app, store):
    app.run()
    app.switch_page("pages/documents.py").run()
    app.segmented_control(key="doc_highlight").set_value("Place mentions").run()
    assert not app.exception
    html_blocks = " ".join(str(h.proto.body) for h in app.get("html"))
    assert 'class="place-' in html_blocks
    unknown = app.dataframe[-1].value
    assert "Gharib Kalay" in set(unknown["Name"])


def test_a_click_on_the_map_rows_shows_the_events_whole(store):
    """The map's rows carry only what it draws (queries.placed); the cards of a click get the events whole."""
    from core.store import queries
    from core.store.reading import store_version
    from core.views.maps import MapPlan, events_at_click
    from pages.widgets.data import View
    from pages.widgets.event_map import _clicked

    rows = queries.placed(EventFilter(), store)
    spot = rows.iloc[0]
    expected = events_at_click(rows, spot["latitude"], spot["longitude"])["event_id"].tolist()
    view = View(EventFilter(), store, store_version(store))
    hits = _clicked(view, rows, {"lat": spot["latitude"], "lng": spot["longitude"]}, None, MapPlan("points"))
    assert hits["event_id"].tolist() == expected and "source" not in rows.columns
    assert hits["source"].map(lambda s: bool(s and s.get("document_id"))).all()


def test_every_page_preloads_the_installed_table_and_chart_code(app):
    names = chunk_names()
    assert [name.split(".")[0] for name in names] == list(CHUNKS)  # each chunk found once in this Streamlit
    app.run()
    bodies = [element.proto.body for element in app.get("html")]
    assert any(all(f'"{name}"' in body for name in names) for body in bodies)


@pytest.mark.parametrize("page", ["pages/events.py", "pages/overview.py", "pages/actors.py"])
def test_event_tables_say_unknown_for_a_count_not_reported(app, page):
    app.run()
    app.switch_page(page).run()
    tables = [t for t in app.dataframe if "Fatalities" in t.value.columns]
    assert tables and all(t.proto.placeholder == "unknown" for t in tables)
    assert any(t.value["Injuries"].isna().any() for t in tables)
