"""The one-page PDF brief: one page, the filter summary, the top events by a stated rule, claims that are claims,
numbered citable sources, merged reports with each source's figure, and the optional timeline, handling line and
logo (issue 13)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from core.store.filters import EventFilter, apply_filter
from core.views.brief import render_pdf
from core.views.brief_options import LOGO_MAX_PIXELS, BriefOptions, OptionError, logo_max_mb, logo_pixels
from core.views.brief_table import claim_lines, rank_rule, ranked, top_events
from core.views.provenance import load_provenance, provenance_from
from tests.test_snapshot import PLACES, event_record, make_events

DAWN = {"document_id": "dawn1", "title": "Blast in Quetta", "outlet": "Dawn", "published": "2025-03-12",
        "url": "https://www.dawn.com/news/1896543"}
TRIBUNE = {"document_id": "et1", "title": "Quetta toll rises", "outlet": "The Express Tribune",
           "published": "2025-03-13", "url": "https://tribune.com.pk/story/2533"}


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


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
    assert pages(data) == 1
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


def test_the_default_title_comes_from_the_filter(events):
    f = EventFilter(actors=("Baloch Liberation Army",), admin1=("Balochistan",), since=date(2025, 3, 1),
                    until=date(2025, 6, 30))
    text = pdf_text(render_pdf(apply_filter(events, f), f))
    assert "Attacks by the Baloch Liberation Army in Balochistan, 1 Mar – 30 Jun 2025" in text


def test_unknown_fatalities_are_unknown_and_zero_is_zero(events):
    text = pdf_text(render_pdf(events.iloc[:3], EventFilter()))
    rows = {m.group(1): m.group(2) for m in re.finditer(r"(Quetta|Turbat|Khuzdar), Balochistan .*? (over 100|unknown|0) ",
                                                       text)}
    assert rows == {"Quetta": "over 100", "Turbat": "unknown", "Khuzdar": "0"}


# ---- the rule -------------------------------------------------------------------------------------------------


def test_the_rule_ranks_fatalities_then_hostages_then_injuries_with_unknown_below_known():
    crafted = make_events([
        event_record(0, fatalities=5, injuries=0),                                  # hostages not asked: as 0
        event_record(1, fatalities=5, hostages=3, tactic="kidnapping"),              # injuries unknown
        event_record(2, fatalities=0, injuries=50),
        event_record(3, fatalities=None, injuries=100),                             # unknown ranks below 0
        event_record(4, fatalities=5, hostages=3, injuries=2, tactic="kidnapping"),
        event_record(5, fatalities=5, hostages=None, injuries=9, tactic="kidnapping"),  # hostages asked, unknown
    ])
    order = list(ranked(crafted)["event_id"].str.slice(4, 8).astype(int))
    assert order == [4, 1, 0, 5, 2, 3]
    assert rank_rule().counts == ("fatalities", "hostages", "injuries")


def test_a_hostage_crisis_with_unknown_deaths_is_never_left_out():
    records = [event_record(i, place=PLACES[i % 6], fatalities=i + 1) for i in range(12)]
    records.append(event_record(40, place=("Mashkaf railway tunnel", "Balochistan", "Kachhi", 29.9, 67.4),
                                tactic="hijacking", fatalities=None, hostages=100, hostages_qualifier="over"))
    crafted = make_events(records)
    top = top_events(crafted)
    assert len(top) == rank_rule().n == 10
    assert "test0040-01" in set(top["event_id"])
    assert top["fatalities"].notna().sum() == 9  # it took the place of the lowest-ranked event, not an extra row
    assert set(top["fatalities"].dropna()) == set(range(4, 13))
    text = pdf_text(render_pdf(crafted, EventFilter()))
    assert "Mashkaf railway tunnel" in text and "over 100" in text


def test_the_rule_is_printed_under_the_table(events):
    text = pdf_text(render_pdf(events, EventFilter()))
    assert "Ranked by fatalities, then hostages, then injuries" in text
    assert "100 or more hostages are always listed" in text
    assert text.index("Ranked by fatalities") > text.index("TOP EVENTS")


# ---- sources ----------------------------------------------------------------------------------------------


def test_sources_are_numbered_with_outlet_date_and_url_and_cited_from_the_table():
    crafted = make_events([event_record(0, fatalities=9, source=DAWN),
                           event_record(1, place=PLACES[1], fatalities=3, source=TRIBUNE)])
    text = pdf_text(render_pdf(crafted, EventFilter()))
    assert "[1] Dawn, 12 Mar 2025, https://www.dawn.com/news/1896543 — 1 event" in text
    assert "[2] The Express Tribune, 13 Mar 2025, https://tribune.com.pk/story/2533 — 1 event" in text
    assert re.search(r"Quetta, Balochistan .*? 9 — unknown \[1\]", text)
    assert re.search(r"Turbat, Balochistan .*? 3 — unknown \[2\]", text)


def merged_provenance(kept: str, merged: str) -> object:
    """Provenance as the store gives it for one event told by two reports (14 killed, then 'at least 15')."""
    merges = pd.DataFrame([{"merge_id": 1, "kept_id": kept, "merged_id": merged, "reasons": [], "merged_at": "",
                            "merged_by": "test", "undone_at": None, "undone_by": None}])
    figures = pd.DataFrame([{"event_id": kept, "figure": "fatalities", "low": 14, "best": 15, "high": 15,
                             "sources": [{"event_id": merged, "value": 15, "qualifier": "at least"},
                                         {"event_id": kept, "value": 14, "qualifier": None}]}])
    return provenance_from(merges, figures, {merged: TRIBUNE}, [kept])


def test_a_merged_event_cites_every_report_with_its_own_figure():
    kept = event_record(0, fatalities=15, fatalities_qualifier="at least", source=DAWN)
    crafted = make_events([kept])
    options = BriefOptions(provenance=merged_provenance("test0000-01", "report-b"))
    text = pdf_text(render_pdf(crafted, EventFilter(), options=options))
    assert "[1, 2]" in text
    assert "2 reports merged" in text
    assert "Killed low 14, best 15, high 15: at least 15 [2], 14 [1]" in text
    assert "[1] Dawn, 12 Mar 2025" in text and "[2] The Express Tribune, 13 Mar 2025" in text


def test_the_store_gives_the_corpus_merge_with_both_reports(tmp_path):
    from core.store.reading import load_events
    from tests.dashboard_data import corpus_store

    url = corpus_store(tmp_path)
    events = load_events(url)
    provenance = load_provenance(events["event_id"], url)
    assert provenance.merged, "the corpus holds follow-up reports of the same incidents"
    kept, reports = next(iter(provenance.merged.items()))
    assert kept in set(events["event_id"]) and not set(reports) & set(events["event_id"])
    assert all(provenance.sources[r].get("file") for r in reports)
    text = pdf_text(render_pdf(events[events["event_id"] == kept], EventFilter(),
                               options=BriefOptions(provenance=provenance)))
    assert f"{len(reports) + 1} reports merged" in text
    for report in reports:
        assert provenance.sources[report]["file"] in text


# ---- claims -------------------------------------------------------------------------------------------------


def test_claims_are_responsibility_claims_denials_and_threats_with_who_disputes_them(events):
    statement = {"claimant": "Police Forces of Pakistan", "kind": "statement", "disputed_by": ["Someone"],
                 "claim": "A district police officer said security arrangements would be reviewed."}
    threat = {"claimant": "Tehreek-e-Taliban Pakistan", "kind": "threat", "disputed_by": [],
              "claim": "The group warned of more attacks."}
    crafted = pd.concat([events, make_events([event_record(50, fatalities=60, claims=[statement, threat])])])
    kinds = {line.kind for line in claim_lines(crafted)}
    assert kinds == {"claim", "denial", "threat"}
    text = pdf_text(render_pdf(crafted, EventFilter()))
    assert "security arrangements would be reviewed" not in text
    assert "Baloch Liberation Army — claim" in text
    assert "Disputed by Government of Pakistan" in text
    assert "Government of Pakistan — denial" in text
    assert "Tehreek-e-Taliban Pakistan — threat" in text


def test_report_and_user_text_with_dollars_prints_literally():
    place = ("Cash $5 Market", "Balochistan", "Quetta", 30.18, 67.0)
    claim = {"claimant": "A$AP Brigade", "kind": "responsibility", "disputed_by": [], "claim": "We took $10 and $20."}
    crafted = make_events([event_record(0, place=place, actor1="A$AP Brigade", fatalities=2, claims=[claim])])
    text = pdf_text(render_pdf(crafted, EventFilter(text="$5"), title="Costs of $5 and $10"))
    for literal in ("Costs of $5 and $10", "Cash $5 Market", "A$AP Brigade", "We took $10 and $20.", "“$5”"):
        assert literal in text


# ---- options ------------------------------------------------------------------------------------------------


def test_handling_line_top_and_bottom_only_when_asked(events):
    marked = render_pdf(events, EventFilter(), options=BriefOptions(marking="OFFICIAL-SENSITIVE"))
    assert pages(marked) == 1
    page = PdfReader(io.BytesIO(marked)).pages[0]
    heights = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: heights.append(tm[5] * cm[3] + cm[5])
                      if "OFFICIAL-SENSITIVE" in text else None)
    top = float(page.mediabox.height)
    assert len(heights) == 2
    assert min(heights) < 0.05 * top and max(heights) > 0.95 * top  # in the bottom and the top margin
    assert "OFFICIAL" not in pdf_text(render_pdf(events, EventFilter()))


def test_a_logo_is_embedded_only_when_given(events):
    logo = io.BytesIO()
    Image.new("RGB", (80, 40), (0, 90, 160)).save(logo, format="PNG")
    with_logo = render_pdf(events, EventFilter(), options=BriefOptions(logo=logo.getvalue()))
    without = render_pdf(events, EventFilter())
    images = lambda data: len(PdfReader(io.BytesIO(data)).pages[0].images)  # noqa: E731
    assert images(with_logo) == images(without) + 1


def test_the_timeline_panel_is_an_option(events):
    title = "Events per week by main tactic"
    assert title in pdf_text(render_pdf(events, EventFilter(), options=BriefOptions(timeline=True)))
    assert title not in pdf_text(render_pdf(events, EventFilter()))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_full_page_stays_one_page_and_lists_every_source_the_table_cites(paper):
    long_title = "A report with a long headline about an attack on a convoy near a town in a district of the province"
    records = [event_record(i, place=PLACES[i % 6], fatalities=20 - i, tactic="ambush",
                            source={"document_id": f"d{i}", "title": f"{long_title} {i}", "file": f"report_{i}.txt",
                                    "published": f"2025-04-{1 + i:02d}"},
                            claims=[{"claimant": "Baloch Liberation Army", "kind": "responsibility", "disputed_by": [],
                                     "claim": "The group said its fighters carried out the attack. " * 4}])
               for i in range(14)]
    data = render_pdf(make_events(records), EventFilter(), paper=paper,
                      options=BriefOptions(timeline=True, marking="OFFICIAL"))
    assert pages(data) == 1
    text = pdf_text(data)
    cited = {int(n) for cell in re.findall(r"\[(\d+(?:, \d+)*)\]", text) for n in cell.split(", ")}
    for number in cited:
        assert re.search(rf"\[{number}\] 0?\d+ Apr 2025", text), f"source [{number}] is cited but not listed"
    assert "claimed responsibility" in text


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


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (0, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def test_an_oversized_logo_is_refused_with_a_message_not_unpacked():
    assert logo_pixels(_png(80, 40)).shape == (40, 80, 4)
    with pytest.raises(OptionError, match=r"the logo is 2\.\d MB; the largest is 2 MB"):
        logo_pixels(_png(80, 40) + b"\0" * int(logo_max_mb() * 2**20))
    side = int(LOGO_MAX_PIXELS ** 0.5) + 10
    small_file = _png(side, side)  # one colour: a few kilobytes that unpack to 64 MB of pixels
    assert len(small_file) < 2**20
    with pytest.raises(OptionError, match=rf"the logo is {side} x {side} pixels"):
        logo_pixels(small_file)
