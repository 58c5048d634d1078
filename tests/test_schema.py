"""The one schema: wrong data fails loudly, naming the row and the field."""

from __future__ import annotations

import pandas as pd
import pytest

from core.schema import (
    COLUMN_NAMES,
    SchemaError,
    events_from_records,
    parse_json_columns,
    serialise_json_columns,
)


def _event(**changes) -> dict:
    base = {
        "event_id": "doc-01",
        "event_date": "2025-03-11",
        "year": 2025,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "tactics": ["armed clash"],
        "actor1": "Military Forces of Pakistan",
        "inter1": 1,
        "interaction": 10,
        "civilian_targeting": False,
        "country": "Pakistan",
        "latitude": 30.0,
        "longitude": 67.0,
        "geo_precision": 2,
        "claims": [],
        "source": {"document_id": "doc", "title": "t"},
        "source_excerpt": [{"start": 0, "end": 3, "text": "abc"}],
        "notes": "n",
        "confidence": 0.5,
    }
    base.update(changes)
    return base


def test_valid_event_round_trips_through_json_text():
    df = events_from_records([_event(), _event(event_id="doc-02", fatalities=3, fatalities_qualifier="at least")])
    assert list(df.columns) == list(COLUMN_NAMES)
    back = parse_json_columns(serialise_json_columns(df))
    assert back["tactics"].tolist() == df["tactics"].tolist()
    assert pd.isna(df.loc[0, "fatalities"]) and df.loc[1, "fatalities"] == 3


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"event_type": "Hijacking"}, "event_type"),
        ({"sub_event_type": "Air/drone strike"}, "sub_event_type"),
        ({"latitude": 95.0}, "latitude"),
        ({"longitude": -190.0}, "longitude"),
        ({"fatalities": "many"}, "fatalities"),
        ({"tactics": ["levitation"]}, "tactics"),
        ({"geo_precision": 7}, "geo_precision"),
        ({"event_date": "11/03/2025"}, "event_date"),
        ({"fatalities_qualifier": "roughly", "fatalities": 3}, "fatalities_qualifier"),
        ({"target_type": "Spaceships"}, "target_type"),
        ({"claims": "BLA claims"}, "claims"),
    ],
)
def test_bad_values_name_the_row_and_field(change, field):
    with pytest.raises(SchemaError) as info:
        events_from_records([_event(), _event(event_id="doc-02", **change)])
    message = str(info.value)
    assert f"field '{field}'" in message
    assert "row 1" in message


def test_missing_column_is_named():
    df = pd.DataFrame([_event()]).drop(columns=["actor1"])
    with pytest.raises(SchemaError, match="actor1"):
        events_from_records(df.to_dict(orient="records"))


def test_duplicate_ids_fail():
    with pytest.raises(SchemaError, match="event_id"):
        events_from_records([_event(), _event()])
