"""The store answers the dashboard's questions in SQL, and the answers equal the in-memory ones on the same
events and the same filters (the one filter specification)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from bench.synthetic import synthetic_events
from core.store import queries
from core.store.filters import EventFilter, apply_filter
from core.store.writing import save_build
from core.views.charts import events_per_period, fatalities_per_period
from core.views.maps import aggregate_events, placed_events
from core.views.palette import group_colors
from core.views.summaries import CountFigure, count_figure

FILTERS = [
    EventFilter(),
    EventFilter(admin1=("Balochistan",)),
    EventFilter(actors=("Baloch Liberation Army",), since=date(2024, 6, 1)),
    EventFilter(actors=("Baloch Liberation Army",), actor_role="either"),
    EventFilter(tactics=("kidnapping", "hijacking")),
    EventFilter(civilian_targeting=True, until=date(2025, 3, 1)),
    EventFilter(area={"type": "Polygon", "coordinates": [[[64, 25], [70, 25], [70, 31], [64, 25]]]}),
]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    events = synthetic_events(3000, seed=21)
    events["injuries"] = pd.array([None if i % 3 else i % 11 for i in range(len(events))], dtype="Int64")
    url = f"sqlite:///{tmp_path_factory.mktemp('q') / 'events.sqlite'}"
    save_build(events, [], url)
    from core.store.reading import load_events

    return url, load_events(url)


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.describe()[:40])
def test_counts_and_figures_equal_the_in_memory_ones(stored, f):
    url, events = stored
    expected = apply_filter(events, f)
    assert queries.count(f, url) == len(expected)
    got = queries.figures(f, url)
    fat, hostages = count_figure(expected, "fatalities"), count_figure(expected, "hostages")
    assert (got.fatalities, got.fatalities_unknown) == (fat.known, fat.unknown)
    assert (got.hostages, got.hostages_unknown, got.hostage_events) == (hostages.known, hostages.unknown, hostages.events)
    assert got.districts == expected["admin2"].dropna().nunique()
    assert got.actors == pd.concat([expected["actor1"], expected["actor2"]]).dropna().nunique()


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.describe()[:40])
def test_the_timeline_sums_to_the_headline_fatalities(stored, f):
    """The Timeline page reads its fatalities line from the timeline's own sums."""
    url, events = stored
    fat = count_figure(apply_filter(events, f), "fatalities")
    got = CountFigure.of_counts(queries.timeline(f, "month", "actor", url))
    assert (got.known, got.unknown, got.events) == (fat.known, fat.unknown, fat.events)


@pytest.mark.parametrize("f", FILTERS[:4], ids=lambda f: f.describe()[:40])
def test_a_page_is_the_top_of_the_sorted_view(stored, f):
    url, events = stored
    expected = apply_filter(events, f).sort_values(["fatalities", "event_id"], ascending=[False, True],
                                                   na_position="last")
    got = queries.page(f, url, sort="fatalities", descending=True, limit=25)
    assert list(got["event_id"]) == list(expected["event_id"].head(25))
    with pytest.raises(ValueError):
        queries.page(f, url, sort="notes; drop table events")


@pytest.mark.parametrize("period", ["day", "week", "month"])
@pytest.mark.parametrize("split_by", ["tactic", "actor"])
def test_the_timeline_equals_the_in_memory_one(stored, period, split_by):
    url, events = stored
    f = FILTERS[1]
    expected = events_per_period(apply_filter(events, f), period, split_by).sort_values(["start", "group"])
    got = queries.timeline(f, period, split_by, url).sort_values(["start", "group"])
    assert list(zip(got["start"], got["group"], got["events"])) == list(
        zip(expected["start"], expected["group"], expected["events"]))
    fat = fatalities_per_period(apply_filter(events, f), period)
    assert got["fatalities"].sum() == fat["fatalities"].sum() and got["unknown"].sum() == fat["unknown"].sum()


def test_map_cells_equal_the_in_memory_aggregation(stored):
    url, events = stored
    f = FILTERS[0]
    placed = placed_events(apply_filter(events, f))
    groups, _ = group_colors(placed, "tactic")
    approx = (placed["geo_precision"] >= 2).to_numpy()
    size = 0.5
    cells = queries.map_cells(f, size, "tactic", url)
    for flag in (False, True):
        mine = aggregate_events(placed[approx == flag], groups[approx == flag], flag, size)
        theirs = cells[cells["approx"] == flag]
        assert len(mine) == len(theirs) and mine["events"].sum() == theirs["events"].sum()
        assert mine["fatalities"].sum() == pytest.approx(theirs["fatalities"].sum())


def test_options_and_profiles_come_from_the_store(stored):
    url, events = stored
    got = queries.options(url)
    assert got["admin1"] == sorted(events["admin1"].dropna().unique())
    assert got["first"] == events["event_date"].min() and got["last"] == events["event_date"].max()
    profiles = queries.actor_profiles(EventFilter(), url).set_index("Actor")
    actor = events["actor1"].value_counts().index[0]
    assert profiles.loc[actor, "As main actor"] == (events["actor1"] == actor).sum()


def test_actor_profiles_of_a_drawn_area_count_only_its_events(stored):
    """A drawn area takes no part in EventFilter's ==: it must not pass for the whole store."""
    url, events = stored
    f = next(f for f in FILTERS if f.area)
    expected = apply_filter(events, f)
    led = queries.actor_profiles(f, url).set_index("Actor")["As main actor"]
    assert led[led > 0].to_dict() == expected["actor1"].value_counts().to_dict()
    assert queries.figures(f, url).actors == pd.concat([expected["actor1"], expected["actor2"]]).dropna().nunique()


@pytest.mark.parametrize("mode", ["points", "clusters", "grid", "heatmap", "time"])
def test_the_map_rows_draw_the_same_map_as_whole_rows(stored, mode):
    """placed() fetches only MAP_COLUMNS: every mode draws from them exactly what it draws from whole events
    (injuries among them: the popups say how many were injured)."""
    from core.views.maps import build_event_map
    from tests.map_script import payloads

    url, events = stored
    f = FILTERS[1]
    rows = queries.placed(f, url)
    whole = placed_events(apply_filter(events, f)).reset_index(drop=True)
    assert list(rows.columns) == list(queries.MAP_COLUMNS) and whole["injuries"].notna().any()

    def drawn(table) -> list:
        return payloads(build_event_map(table, mode=mode, color_by="actor").get_root().render())

    assert drawn(rows) == drawn(whole) != []
