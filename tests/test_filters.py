"""EventFilter and apply_filter: each field restricts as documented, on real corpus rows and on synthetic scale."""

from datetime import date

import numpy as np
import pytest

from bench.synthetic import synthetic_events
from core.knowledge.actors import actor_book
from core.store.filters import (
    EventFilter,
    apply_filter,
    build_index,
    filter_mask,
)
from tests.dashboard_data import corpus_events


@pytest.fixture(scope="module")
def events():
    return synthetic_events(3000, seed=3)


def _brute(events, predicate):
    return [i for i, row in zip(events["event_id"], events.to_dict(orient="records")) if predicate(row)]


def test_no_filter_keeps_everything(events):
    assert apply_filter(events, EventFilter()).equals(events)


def test_dates_are_inclusive(events):
    f = EventFilter(since=date(2024, 2, 1), until=date(2024, 2, 29))
    got = list(apply_filter(events, f)["event_id"])
    assert got and got == _brute(events, lambda r: "2024-02-01" <= r["event_date"] <= "2024-02-29")


@pytest.mark.parametrize("role,columns", [("by", ("actor1", "assoc_actor_1")), ("against", ("actor2", "assoc_actor_2")),
                                          ("either", ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"))])
def test_actor_role_and_subunits(events, role, columns):
    units = actor_book().subunits("Baloch Liberation Army")
    assert "Majeed Brigade" in units
    names = {"Baloch Liberation Army", *units}
    got = set(apply_filter(events, EventFilter(actors=("Baloch Liberation Army",), actor_role=role))["event_id"])
    expected = set(_brute(events, lambda r: any(
        name in names for c in columns for name in (r[c] or "").split("; "))))
    assert got and got == expected


def test_carried_out_by_is_the_default_and_leaves_out_operations_against_the_actor(events):
    by = apply_filter(events, EventFilter(actors=("Baloch Liberation Army",)))
    either = apply_filter(events, EventFilter(actors=("Baloch Liberation Army",), actor_role="either"))
    assert (by["actor2"] != "Baloch Liberation Army").all() or (by["actor1"] == "Baloch Liberation Army").all()
    assert len(either) > len(by)
    with pytest.raises(ValueError, match="actor_role"):
        EventFilter(actor_role="near")


def test_subunit_events_count_for_the_parent_even_under_another_actor1(events):
    tweaked = events.copy()
    tweaked.loc[tweaked.index[0], ["actor1", "assoc_actor_1"]] = ["Unidentified Armed Group (Pakistan)", "Majeed Brigade"]
    tweaked.loc[tweaked.index[0], "actor2"] = "Civilians (Pakistan)"
    got = apply_filter(tweaked, EventFilter(actors=("Baloch Liberation Army",)))
    assert tweaked["event_id"].iloc[0] in set(got["event_id"])


@pytest.mark.parametrize("field,column", [("admin1", "admin1"), ("admin2", "admin2"), ("event_types", "event_type")])
def test_value_fields(events, field, column):
    value = events[column].dropna().iloc[0]
    got = apply_filter(events, EventFilter(**{field: (value,)}))
    assert len(got) and (got[column] == value).all()
    assert len(got) == (events[column] == value).sum()


def test_tactic_matches_any_of_an_events_tactics(events):
    got = apply_filter(events, EventFilter(tactics=("hijacking", "ambush")))
    assert set(got["event_id"]) == set(_brute(events, lambda r: bool({"hijacking", "ambush"} & set(r["tactics"]))))


def test_civilian_targeting_both_ways(events):
    only = apply_filter(events, EventFilter(civilian_targeting=True))
    without = apply_filter(events, EventFilter(civilian_targeting=False))
    assert only["civilian_targeting"].all() and not without["civilian_targeting"].any()
    assert len(only) + len(without) == len(events)


def test_text_search_is_case_insensitive_and_looks_in_places_and_actors():
    events = corpus_events()
    place = events["location"].dropna().iloc[0]
    got = apply_filter(events, EventFilter(text=place.upper()))
    assert place in set(got["location"])
    assert apply_filter(events, EventFilter(text="zzqqxx-no-such-text")).empty


def test_area_keeps_points_inside_the_polygon(events):
    box = {"type": "Polygon", "coordinates": [[[66, 28], [69, 28], [69, 31], [66, 31], [66, 28]]]}
    got = apply_filter(events, EventFilter(area=box))
    inside = events["longitude"].between(66, 69) & events["latitude"].between(28, 31)
    assert len(got) == inside.sum() > 0


def test_filters_combine_with_and(events):
    a = EventFilter(admin1=("Balochistan",))
    b = EventFilter(civilian_targeting=True)
    both = EventFilter(admin1=("Balochistan",), civilian_targeting=True)
    expected = set(apply_filter(events, a)["event_id"]) & set(apply_filter(events, b)["event_id"])
    assert set(apply_filter(events, both)["event_id"]) == expected


def test_a_stale_index_is_not_used(events):
    index = build_index(events.head(10))
    mask = filter_mask(events, EventFilter(admin1=("Balochistan",)), index)
    assert len(mask) == len(events)
    assert mask.sum() == (events["admin1"] == "Balochistan").sum()


def test_empty_table_and_unknown_values_give_empty_results(events):
    assert apply_filter(events.iloc[0:0], EventFilter(actors=("x",), text="y")).empty
    assert apply_filter(events, EventFilter(actors=("No Such Group",))).empty
    assert isinstance(filter_mask(events, EventFilter()), np.ndarray)


def test_describe_names_every_active_field():
    text = EventFilter(since=date(2025, 1, 1), actors=("BLA",), tactics=("hijacking",), civilian_targeting=True,
                       text="train", area={"type": "Polygon", "coordinates": []}).describe()
    for part in ("2025-01-01", "BLA", "hijacking", "civilian", "train", "drawn area"):
        assert part in text
    assert EventFilter().describe() == "all events"
