"""Duplicate detection rules and figure ranges (pure functions; the store tests cover merging end to end)."""

from __future__ import annotations

import pandas as pd
import pytest

from core.store.duplicates import figure_ranges, find_duplicates

BASE = {"event_id": "a", "event_date": "2025-08-02", "admin2": "Bajaur", "latitude": 34.74, "longitude": 71.53,
        "geo_precision": 1, "actor1": "Islamic State Khorasan Province", "actor2": None,
        "tactics": ["suicide bombing"], "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb",
        "source_key": "doc-a"}


def _pair(**changes) -> list:
    other = {**BASE, "event_id": "b", "source_key": "doc-b", **changes}
    return find_duplicates(pd.DataFrame([other]), pd.DataFrame([BASE]))


def test_same_incident_from_two_sources_is_merged_with_reasons():
    merges = _pair(event_date="2025-08-03", admin2=None, latitude=34.80, tactics=["IED/remote explosive"],
                   actor1="Unidentified Armed Group (Pakistan)")
    assert len(merges) == 1 and (merges[0].kept_id, merges[0].merged_id) == ("a", "b")
    when, place, actor, tactic = merges[0].reasons
    assert "1 day apart" in when and "km apart" in place
    assert "no perpetrator" in actor and "Bombing/Explosion" in tactic


@pytest.mark.parametrize("changes", [
    {"event_date": "2025-08-04"},                                    # two days apart
    {"admin2": "Khyber", "latitude": 34.0, "longitude": 71.53},      # other district, ~80 km away
    {"actor1": "Tehreek-e-Taliban Pakistan"},                        # different perpetrator
    {"tactics": ["kidnapping"], "event_type": "Violence against civilians",
     "sub_event_type": "Abduction/forced disappearance"},            # different kind of attack
    {"source_key": "doc-a"},                                         # same document: the extractor kept them apart
    {"admin2": None, "geo_precision": 3},                            # province centroids are near nothing
])
def test_different_incidents_are_not_merged(changes):
    assert _pair(**changes) == []


def test_undone_pair_is_never_proposed_again():
    other = pd.DataFrame([{**BASE, "event_id": "b", "source_key": "doc-b"}])
    assert find_duplicates(other, pd.DataFrame([BASE]), {frozenset(("a", "b"))}) == []


def test_figure_ranges_ignore_unknown_tolls_and_keep_each_source():
    reports = pd.DataFrame([
        {"kept_id": "a", "event_id": "a", "source": "Dawn", "report_date": "2025-08-02", "fatalities": 9,
         "fatalities_qualifier": None, "injuries": None, "injuries_qualifier": None, "hostages": None,
         "hostages_qualifier": None},
        {"kept_id": "a", "event_id": "b", "source": "Reuters", "report_date": "2025-08-03", "fatalities": 14,
         "fatalities_qualifier": "at least", "injuries": None, "injuries_qualifier": None, "hostages": None,
         "hostages_qualifier": None},
        {"kept_id": "a", "event_id": "c", "source": "AP", "report_date": "2025-08-04", "fatalities": None,
         "fatalities_qualifier": None, "injuries": None, "injuries_qualifier": None, "hostages": None,
         "hostages_qualifier": None},
    ])
    ranges = figure_ranges(reports, pd.DataFrame(columns=["event_id", "figure", "low", "high"]))
    assert ranges["figure"].tolist() == ["fatalities"]  # no report gives injuries: no range, not 0
    row = ranges.iloc[0]
    assert (row["low"], row["best"], row["high"]) == (9, 14, 14)  # best: the latest report giving a figure
    assert [s["source"] for s in row["sources"]] == ["Reuters", "Dawn"]
