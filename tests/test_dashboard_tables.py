"""Headline figures, display tables, profiles, charts, synthetic labelling and the assets command."""

from datetime import date

import pandas as pd

from bench.synthetic import LABEL, synthetic_events
from core.schema import validate_events
from core.views.charts import (
    BRUSH,
    brush_dates,
    events_per_period,
    fatalities_per_period,
    timeline_chart,
)
from core.views.summaries import (
    count_figure,
    display_table,
    document_caption,
    is_synthetic,
)
from core.views.vendor import install_assets, local_assets_available
from tests.dashboard_data import corpus_events


def test_headline_keeps_unknown_apart_from_zero():
    events = corpus_events()
    figure = count_figure(events, "fatalities")
    unknown = int(events["fatalities"].isna().sum())
    assert figure.unknown == unknown
    assert figure.known == int(events["fatalities"].sum())
    if unknown:
        assert f"unknown in {unknown} event" in figure.text()
    all_unknown = events.assign(fatalities=pd.array([None] * len(events), dtype="Int64"))
    assert count_figure(all_unknown, "fatalities").headline() == "unknown"


def test_display_tables_hold_text_only():
    events = corpus_events()
    events.loc[events.index[0], ["notes", "sub_event_type", "claimed_by"]] = None
    table = display_table(events)
    for column in table.columns:
        assert not table[column].map(lambda v: isinstance(v, (list, dict))).any(), column
    # the Events page shows an empty cell as "unknown": only a count the reports do not give may be empty
    assert set(table.columns[table.isna().any()]) == {"Fatalities", "Injuries", "Hostages"}


def test_timeline_counts_each_event_once_and_keeps_unknown_toll_apart():
    events = synthetic_events(500, seed=2)
    for period in ("day", "week", "month"):
        assert events_per_period(events, period, "tactic")["events"].sum() == len(events)
    fat = fatalities_per_period(events, "month")
    assert fat["fatalities"].sum() == events["fatalities"].sum()
    assert fat["unknown"].sum() == events["fatalities"].isna().sum()
    spec = timeline_chart(events, "week", "actor").to_dict()
    assert spec["params"][0]["name"] == BRUSH


def test_brush_gives_whole_periods():
    start = pd.Timestamp("2025-03-05").value // 10**6
    end = pd.Timestamp("2025-03-12").value // 10**6
    assert brush_dates({BRUSH: {"start": [start, end]}}, "day") == (date(2025, 3, 5), date(2025, 3, 12))
    assert brush_dates({BRUSH: {"start": [start, end]}}, "month") == (date(2025, 3, 5), date(2025, 3, 31))
    assert brush_dates({}, "day") is None


def test_synthetic_rows_are_labelled_and_valid():
    events = validate_events(synthetic_events(300, seed=4))
    assert events["notes"].str.startswith(LABEL).all()
    assert events["source"].map(lambda s: LABEL in s["title"]).all()
    assert is_synthetic(events) and not is_synthetic(corpus_events())


def test_assets_without_npm_report_failure_and_write_nothing(tmp_path):
    report = install_assets(root=tmp_path, npm="")
    assert not report.ok and "npm" in report.message
    assert not local_assets_available(tmp_path / "static" / "vendor")


def test_the_bundle_holds_every_local_script_leaflet_first(tmp_path):
    from core.views.vendor import BUNDLE, LOCAL_FILES, MANIFEST, _write_bundle

    for name, rel in LOCAL_FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"/* {name} */")
    (tmp_path / MANIFEST).write_text("{}")
    assert not local_assets_available(tmp_path)  # copies without the bundle: an install from before it
    _write_bundle(tmp_path)
    bundle = (tmp_path / BUNDLE).read_text()
    scripts = [name for name, rel in LOCAL_FILES.items() if rel.endswith(".js")]
    assert bundle.startswith("/* leaflet */") and all(f"/* {name} */" in bundle for name in scripts)
    assert "leaflet_css" not in bundle and local_assets_available(tmp_path)


def test_counts_sort_as_numbers_with_unknown_last_either_way():
    from core.views.summaries import display_table, sort_table

    events = corpus_events().head(6).copy()
    events["fatalities"] = pd.array([3, None, 27, 9, 32, None], dtype="Int64")
    events["fatalities_qualifier"] = [None, None, "over", None, "at least", None]
    table = display_table(events)
    assert list(table.columns[:5]) == ["Date", "Type", "Fatalities", "Injuries", "Hostages"]
    down = sort_table(table, "Fatalities", descending=True)["Fatalities"].tolist()
    up = sort_table(table, "Fatalities", descending=False)["Fatalities"].tolist()
    assert down[:4] == [32, 27, 9, 3] and up[:4] == [3, 9, 27, 32]
    assert pd.isna(down[-1]) and pd.isna(up[-1])
    assert "fatalities over" in set(table["Hedges"])


def test_tables_are_as_tall_as_their_rows():
    from core.views.summaries import table_height

    assert table_height(1) < table_height(5) < table_height(500) == 600


def test_hostages_are_unknown_only_where_people_were_taken():
    from core.views.summaries import count_figure

    events = corpus_events().head(4).copy()
    events["tactics"] = [["kidnapping"], ["IED/remote explosive"], ["hijacking"], ["suicide bombing"]]
    events["hostages"] = pd.array([6, None, None, None], dtype="Int64")
    figure = count_figure(events, "hostages")
    assert (figure.known, figure.unknown, figure.events) == (6, 1, 2)


def test_the_timeline_period_fits_the_span():
    from core.views.charts import fitting_period

    assert fitting_period(date(2025, 1, 1), date(2025, 3, 31)) == "day"
    assert fitting_period(date(2023, 1, 1), date(2025, 12, 31)) == "week"
    assert fitting_period(date(2016, 1, 1), date(2025, 12, 31)) == "month"
    assert fitting_period(None, date(2025, 1, 1)) == "week"


def test_a_document_caption_never_prints_nan_or_na():
    base = {"outlet": "Dawn", "date": "2025-11-03", "date_source": "dateline", "name": "a.html", "url": None}
    for missing in (None, float("nan"), pd.NA, pd.NaT, ""):
        caption = document_caption({**base, "dateline_place": missing, "author": missing, "updated": missing}, 1)
        assert "no dateline" in caption and caption.endswith("1 event")
        assert not any(word in caption for word in ("nan", "<NA>", "NaT", "None", "by ", "updated"))
    caption = document_caption({**base, "dateline_place": "Quetta", "author": "Staff", "date": pd.NA}, 3)
    assert "dateline Quetta" in caption and "by Staff" in caption and "no publication date" in caption
    assert caption.endswith("3 events")
