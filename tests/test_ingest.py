"""Adding documents: uploads (txt, html, pdf), size limit, names, escaping, preview, saving with an audit trail."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from core.reading.documents import Given
from core.store import database, ingest, reading
from core.views.cards import highlight_excerpts

CORPUS = Path(__file__).parent / "corpus"
HOSTILE = (b"<html><head><title>Report</title><script>alert('x')</script></head><body>"
           b"<p>date 2025-08-03 Peshawar: A suicide bomber struck a jirga in Bajaur on Saturday, killing nine people."
           b"<img src=x onerror=alert(1)></p></body></html>")


def _minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer, written by hand (no PDF library writes text)."""
    stream = f"BT /F1 10 Tf 40 800 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>"),
               b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture(scope="module")
def batch():
    docs = [d for n in ("02_bajaur_jirga_blast", "14_bajaur_jirga_blast_followup")
            for d in ingest.read_upload((CORPUS / f"{n}.txt").read_bytes(), f"{n}.txt")]
    return ingest.preview(docs)


def test_file_names_are_labels_not_paths():
    assert ingest.safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert ingest.safe_name("C:\\Users\\x\\..\\report.html") == "report.html"
    assert ingest.safe_name("\x00\n.hidden.txt") == "hidden.txt"
    [doc] = ingest.read_upload((CORPUS / "01_bannu_checkpost.txt").read_bytes(), "/tmp/../x/evil.txt")
    assert doc.name == "evil.txt"


def test_oversize_upload_gets_clear_message_with_the_one_limit():
    from core.reading.documents import max_bytes

    limit_mb = max_bytes() // 2**20
    with pytest.raises(ingest.IngestError, match=rf"is over the {limit_mb} MB limit"):
        ingest.read_upload(b"a" * (max_bytes() + 2**20), "big.txt")


@pytest.mark.parametrize("data, name, message", [(b"", "e.txt", "empty"), (b"\x00\x01", "b.txt", "binary"),
                                                 (b"text", "x.exe", "only"), (b"%PDF-1.4 junk", "x.pdf", "PDF")])
def test_bad_uploads_get_one_line(data, name, message):
    with pytest.raises(ingest.IngestError, match=message):
        ingest.read_upload(data, name)


def test_pdf_text_is_extracted():
    [doc] = ingest.read_upload(_minimal_pdf("date 2025-08-03 Peshawar: Nine people were killed in a bomb blast in "
                                            "Bajaur on Saturday, police said."), "r.pdf")
    assert doc.date == date(2025, 8, 3) and "Nine people were killed" in doc.text


def test_scripts_are_stripped_and_text_is_escaped_when_shown():
    [doc] = ingest.read_upload(HOSTILE, "hostile.html")
    assert "alert" not in doc.text and "<script" not in doc.text and "onerror" not in doc.text
    [pasted] = ingest.pasted_documents("Gunmen <img src=x onerror=alert(1)> attacked a police post in Bannu on "
                                       "Sunday, killing two constables. <script>x()</script>",
                                       Given(date=date(2025, 8, 3), outlet="Dawn"))
    shown = highlight_excerpts(pasted.text, [])  # how the Documents page shows a document's text
    assert "<img" not in shown and "&lt;img" in shown and "<script" not in shown


def test_page_shows_hostile_text_escaped(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 's.sqlite'}")
    app = AppTest.from_file(str(Path(__file__).parent.parent / "dashboard.py"), default_timeout=60).run()
    app.switch_page("pages/add_documents.py").run()
    app.text_area(key="pasted_text").set_value(
        "Gunmen <img src=x onerror=alert(1)> attacked a checkpost in Bannu, killing two policemen. <script>x()</script>")
    app.date_input(key="given_date").set_value(date(2025, 5, 4))
    next(b for b in app.button if b.label == "Extract events").click().run()
    assert not app.exception
    rendered = [m.value for m in app.markdown] + [e.value for e in app.error] + [s.value for s in app.subheader]
    assert not any("<img" in v or "<script" in v for v in rendered)
    assert any("onerror" in t.value for t in app.get("text"))  # the source text is shown, as plain text
    assert reading.count_events() == 0  # nothing saved before the analyst confirms


def test_save_needs_a_name_and_records_who_what_and_the_original(tmp_path, batch):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    table = ingest.editor_table(batch.events)
    with pytest.raises(ingest.IngestError, match="name"):
        ingest.save(batch, table, "  ", url)
    assert reading.count_events(url) == 0
    first = table.loc[0, "event_id"]
    before = batch.events.set_index("event_id").loc[first, "fatalities"]
    table.loc[0, "fatalities"] = 99
    table.loc[1, ingest.KEEP] = False
    outcome = ingest.save(batch, table, "alice", url)
    assert outcome.events == len(table) - 1
    stored = reading.load_reports(url).set_index("event_id")
    assert stored.loc[first, "fatalities"] == 99
    assert reading.load_original(first, url)["fatalities"] == (None if before is None else int(before))
    audit = reading.load_audit(url)
    add = audit[(audit["action"] == "add") & (audit["event_id"] == first)].iloc[0]
    assert add["who"] == "alice" and add["at"]
    assert add["detail"]["changes"] == [{"field": "fatalities", "before": before, "after": 99}]
    assert "discard" in set(audit["action"])


def test_two_analysts_saving_at_once_both_keep_their_documents(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    database.get_engine(url)
    batches = [ingest.preview(ingest.read_upload((CORPUS / f"{n}.txt").read_bytes(), f"{n}.txt"))
               for n in ("05_turbat_blf_ambush", "09_khuzdar_bazaar_bomb")]
    barrier, failures = threading.Barrier(2), []

    def save(b, who):
        barrier.wait()
        try:
            ingest.save(b, ingest.editor_table(b.events), who, url)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=save, args=(b, w)) for b, w in zip(batches, ("alice", "bob"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert reading.count_events(url) == sum(len(b.events) for b in batches)
    assert len(reading.load_documents(url)) == 2


def test_page_asks_for_a_date_only_when_the_text_gives_none(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 's.sqlite'}")
    app = AppTest.from_file(str(Path(__file__).parent.parent / "dashboard.py"), default_timeout=60).run()
    app.switch_page("pages/add_documents.py").run()
    undated = (Path(__file__).parent / "documents" / "11_pasted_no_date_landikotal.txt").read_text()
    app.text_area(key="pasted_text").set_value(undated)
    next(b for b in app.button if b.label == "Extract events").click().run()
    assert [e.value for e in app.error] == ["pasted text: no publication date found: pick the publication date"]
    dated = (Path(__file__).parent / "documents" / "09_pasted_quetta_updated.txt").read_text()
    app.text_area(key="pasted_text").set_value(dated)  # its own Published line is used, no date field needed
    next(b for b in app.button if b.label == "Extract events").click().run()
    assert not app.error and any(s.value.endswith("from 1 document") for s in app.subheader)


def test_a_paste_and_an_upload_of_the_same_text_give_the_same_events():
    text = (Path(__file__).parent / "documents" / "13_pasted_nushki_bio.txt").read_text()
    pasted = ingest.preview(ingest.pasted_documents(text))
    uploaded = ingest.preview(ingest.read_upload(text.encode(), "nushki.txt"))
    columns = ["event_date", "actor1", "admin2", "location", "latitude", "longitude", "fatalities"]
    assert pasted.events[columns].equals(uploaded.events[columns]) and len(pasted.events) >= 1


def test_correcting_the_place_moves_the_point_or_asks(batch):
    table = ingest.editor_table(batch.events)
    first = batch.events.iloc[0]
    table.loc[0, "location"] = "Turbat"
    events, changes, _ = ingest.apply_edits(batch.events, table)
    moved = events.set_index("event_id").loc[first["event_id"]]
    assert (moved["admin2"], moved["admin1"]) == ("Kech", "Balochistan")
    assert abs(moved["latitude"] - 26.0) < 0.2 and abs(moved["longitude"] - 63.05) < 0.2
    assert {"latitude", "longitude", "admin2"} <= {c["field"] for c in changes[first["event_id"]]}
    table = ingest.editor_table(batch.events)
    table.loc[0, "admin2"] = "Kalat"
    moved = ingest.apply_edits(batch.events, table)[0].set_index("event_id").loc[first["event_id"]]
    assert moved["location"] == "Kalat" and moved["geo_precision"] == 2
    table.loc[0, ["location", "admin2"]] = ["Nowhereabad", "Nowhere District"]
    vague = ingest.apply_edits(batch.events, table)[0].set_index("event_id").loc[first["event_id"]]
    assert vague["location"] == "Nowhereabad" and vague["geo_precision"] == 3  # the province is all that is known
    table.loc[0, "admin1"] = "Nowhere Province"
    with pytest.raises(ingest.IngestError, match="not in the gazetteer"):
        ingest.apply_edits(batch.events, table)
    table.loc[0, ["latitude", "longitude"]] = [30.1, 66.9]
    kept = ingest.apply_edits(batch.events, table)[0].set_index("event_id").loc[first["event_id"]]
    assert (kept["latitude"], kept["longitude"]) == (30.1, 66.9)


def test_a_typed_outlet_is_kept_whole():
    """The outlet the analyst types is a name, not a file name: slashes and dots stay."""
    [doc] = ingest.pasted_documents("Gunmen attacked a police post in Bannu on Sunday, killing two constables.",
                                    Given(date=date(2025, 8, 3), outlet="Dawn / Peshawar ed."))
    assert doc.outlet == "Dawn / Peshawar ed."
