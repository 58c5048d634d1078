"""The filter survives a trip through URL query parameters; bad parameters never raise."""

from datetime import date

from core.store.filters import EventFilter
from core.views.query_state import (
    area_from_param,
    area_to_param,
    filter_from_params,
    filter_to_params,
)

AREA = {"type": "Polygon", "coordinates": [[[66.0, 29.0], [68.5, 29.0], [68.5, 31.0], [66.0, 29.0]]]}


def test_every_field_round_trips():
    f = EventFilter(since=date(2025, 1, 2), until=date(2025, 3, 4), actors=("Baloch Liberation Army", "TTP"),
                    admin1=("Balochistan",), admin2=("Kachhi", "Quetta"), tactics=("hijacking",),
                    event_types=("Battles",), civilian_targeting=False, text="train", area=AREA)
    back = filter_from_params(filter_to_params(f))
    assert back == f
    assert back.area == AREA


def test_empty_filter_writes_no_parameters():
    assert filter_to_params(EventFilter()) == {}
    assert filter_from_params({}) == EventFilter()


def test_single_strings_and_lists_are_both_read():
    assert filter_from_params({"actor": "BLA"}).actors == ("BLA",)
    assert filter_from_params({"actor": ["BLA", "TTP", "BLA"]}).actors == ("BLA", "TTP")


def test_malformed_values_are_ignored():
    f = filter_from_params({"since": "yesterday", "until": "2025-13-40", "civilians": "maybe", "area": "1 2,x y"})
    assert f == EventFilter()
    assert f.area is None


def test_area_needs_three_points_and_is_closed():
    assert area_from_param("66 29,67 30") is None
    ring = area_from_param("66 29,67 30,66 30")["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 4
    assert area_to_param({"type": "Point", "coordinates": [1, 2]}) == ""
