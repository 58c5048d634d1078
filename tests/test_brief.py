"""The one-page PDF brief: one page, the filter summary, every listed event, claims and sources."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from core.store.filters import EventFilter, apply_filter
from core.views.brief import render_pdf, top_events
from tests.test_snapshot import PLACES, event_record, make_events


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture(scope="module")
def events():
    claim = {"claimant": "Baloch Liberation Army", "claim": "The group said it killed 14 soldiers.", "kind": "claim",
             "disputed_by": ["Government of Pakistan"], "start": 0, "end": 10}
    denial = {"claimant": "Government of Pakistan", "claim": "Officials rejected the figure.", "kind": "denial",
              "disputed_by": [], "start": 11, "end": 20}
    records = [
        event_record(0, place=PLACES[0], fatalities=100, fatalities_qualifier="over", claims=[claim, denial]),
        event_record(1, place=PLACES[1], fatalities=None, tactic="kidnapping"),
        event_record(2, place=PLACES[2], fatalities=0),
        event_record(3, place=PLACES[3], fatalities=7, fatalities_qualifier="at least", admin1="Khyber Pakhtunkhwa"),
    ]
    records += [event_record(10 + i, place=PLACES[4], fatalities=i) for i in range(12)]
    return make_events(records)


def test_the_brief_is_one_page_with_the_filter_and_every_listed_event(events):
    f = EventFilter(since=date(2025, 1, 1), admin1=("Balochistan",))
    view = apply_filter(events, f)
    data = render_pdf(view, f, title="Weekly brief")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = pdf_text(data)
    assert "Weekly brief" in text
    assert " ".join(f.describe().split()) in text
    listed = top_events(view)
    assert 0 < len(listed) <= 10
    for _, row in listed.iterrows():
        assert row["event_date"] in text
        assert row["location"] in text
    assert "over 100" in text  # qualifier kept
    assert "unknown" in text  # unknown fatalities never shown as 0
    assert re.search(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC", text)


def test_unknown_fatalities_are_unknown_and_zero_is_zero(events):
    text = pdf_text(render_pdf(events.iloc[:3], EventFilter()))
    rows = {m.group(1): m.group(2) for m in re.finditer(r"(Quetta|Turbat|Khuzdar), Balochistan .*? (over 100|unknown|0) ",
                                                       text)}
    assert rows == {"Quetta": "over 100", "Turbat": "unknown", "Khuzdar": "0"}


def test_claims_counter_claims_and_sources_are_listed(events):
    text = pdf_text(render_pdf(events, EventFilter()))
    assert "Baloch Liberation Army — claim" in text
    assert "Disputed by: Government of Pakistan" in text
    assert "Government of Pakistan — counter-claim" in text
    for i in range(3):
        assert f"report_{i}.txt" in text


def test_top_events_rank_known_fatalities_first(events):
    top = top_events(events, 5)
    values = list(top["fatalities"])
    assert values[0] == 100 and values == sorted(values, reverse=True)
    assert top_events(events, len(events))["fatalities"].isna().to_numpy()[-1]


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(events, paper, size):
    page = PdfReader(io.BytesIO(render_pdf(events, EventFilter(), paper=paper))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (Debian package) is not installed")
def test_pdftotext_reads_the_same_events(events, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(render_pdf(events, EventFilter()))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
                    .stdout.split())
    for _, row in top_events(events).iterrows():
        assert row["event_date"] in text
