"""Reading documents: bad input gets a one-line error that names the file and the reason, and loses nothing else."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.reading.documents import DocumentError, Given, NoDate, max_bytes, parse_document, read_document, read_path
from core.reading.layout import written_dateline

REPORT = "date 2025-06-01 Quetta: Gunmen shot dead a shopkeeper in Quetta on Saturday, police said.\n"


def _error(path, given: Given = Given()) -> str:
    with pytest.raises(DocumentError) as info:
        read_path(path, given)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.txt")


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    assert "empty" in _error(tmp_path / "empty.txt")


def test_binary_file(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary" in _error(tmp_path / "image.txt")


def test_windows_1252_and_utf16_text_are_read(tmp_path):
    (tmp_path / "latin.txt").write_bytes("date 2025-06-01 Quetta: Gunmen shot dead a caf\xe9 owner in Quetta, "
                                         "police said on Sunday evening.".encode("cp1252"))
    assert "café" in read_document(tmp_path / "latin.txt").text
    (tmp_path / "wide.txt").write_bytes(REPORT.encode("utf-16"))
    assert read_document(tmp_path / "wide.txt").dateline_place == "Quetta"


def test_file_without_a_date_says_what_to_do(tmp_path):
    (tmp_path / "nodate.txt").write_text("Gunmen attacked a checkpoint in Bannu on Monday night, killing two "
                                         "policemen, officials said.")
    with pytest.raises(NoDate, match=r"no publication date found in .*nodate.txt: pass --date YYYY-MM-DD"):
        read_document(tmp_path / "nodate.txt")
    given = read_document(tmp_path / "nodate.txt", Given(date=date(2025, 3, 4), place="Bannu"))
    assert given.date == date(2025, 3, 4) and given.date_source == "user" and given.dateline_place == "Bannu"


def test_oversized_file(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body>" + b"x" * (max_bytes() + 10) + b"</body></html>")
    message = _error(big)
    assert "limit" in message and "big.html" in message


def test_too_many_characters(tmp_path):
    long = tmp_path / "long.txt"
    long.write_text(REPORT + "word " * 80_000)
    assert "character limit" in _error(long)


def test_a_date_in_the_future_is_refused(tmp_path):
    soon = date.today() + timedelta(days=30)
    (tmp_path / "future.txt").write_text(f"date {soon.isoformat()} Quetta: Gunmen shot dead a shopkeeper in "
                                          "Quetta on Saturday night, police said.")
    assert "in the future" in _error(tmp_path / "future.txt")


def test_machine_dateline_is_parsed(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT)
    doc = read_document(tmp_path / "r.txt")
    assert doc.date.isoformat() == "2025-06-01" and doc.dateline_place == "Quetta"
    assert doc.date_source == "machine dateline"
    assert doc.text[doc.dateline_end :].lstrip().startswith("Gunmen")


def test_impossible_dateline_date():
    with pytest.raises(DocumentError, match="not a real date"):
        parse_document(b"date 2025-02-30 Quetta: text", "bad.txt")


def test_same_text_same_id(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    (tmp_path / "b.txt").write_text(REPORT)
    assert read_document(tmp_path / "a.txt").doc_id == read_document(tmp_path / "b.txt").doc_id


def test_html_scripts_are_removed():
    html = (
        "<html><head><title>Blast in Khuzdar</title><script>alert('x')</script></head>"
        "<body><p>date 2025-06-01 Khuzdar: A bomb <b>exploded</b> in the main bazaar of Khuzdar on Sunday, "
        "wounding four shopkeepers, police said.</p>"
        "<img src=x onerror=\"alert(1)\"><style>p{}</style></body></html>"
    )
    doc = parse_document(html.encode(), "page.html")
    assert doc.title == "Blast in Khuzdar" and doc.date.isoformat() == "2025-06-01"
    assert "alert" not in doc.text and "onerror" not in doc.text and "p{}" not in doc.text
    assert "A bomb exploded in the main bazaar" in doc.text


def test_pdf_without_a_text_layer_and_broken_pdf(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    assert "PDF" in _error(tmp_path / "broken.pdf")


def test_not_a_feed_is_refused(tmp_path):
    (tmp_path / "feed.rss").write_text('{"error": "rate limited"}')
    assert "not a feed" in _error(tmp_path / "feed.rss")


@pytest.mark.parametrize("line, place, when", [
    ("QUETTA: Gunmen shot dead two labourers.", "Quetta", None),
    ("DERA ISMAIL KHAN: A bomb went off.", "Dera Ismail Khan", None),
    ("PESHAWAR, Pakistan (AP) — Militants attacked a checkpoint.", "Peshawar", None),
    ("ISLAMABAD, March 11, 2025 (Reuters) - Security forces said.", "Islamabad", date(2025, 3, 11)),
    ("LAKKI MARWAT:", "Lakki Marwat", None),
    ("Peshawar (Pakistan) (AFP) - Pakistani troops killed two dozen militants.", "Peshawar", None),
    ("Islamabad, Feb 19, 2025 (PTI) Unidentified gunmen killed seven passengers.", "Islamabad", date(2025, 2, 19)),
    ("PESHAWAR - A magnetic bomb exploded in Asadabad.", "Peshawar", None),
])
def test_written_datelines_in_the_forms_outlets_use(line, place, when):
    found = written_dateline(line)
    assert found is not None and found.place == place and found.date == when


@pytest.mark.parametrize("line", ["Police said: the attackers fled.", "Ambush in Kech: three killed",
                                  "The officer - who asked not to be named - said so.",
                                  "ISPR: Six khwarij killed, three soldiers martyred in North Waziristan",
                                  "UPDATE: Toll reaches three as injured vaccinator dies",
                                  "BREAKING: Blast in Quetta", "NEW YORK - The council met."])
def test_sentences_with_colons_are_not_datelines(line):
    assert written_dateline(line) is None


def test_pdf_without_a_text_layer_says_it_needs_ocr(tmp_path):
    import io

    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 4))
    axes = fig.add_axes((0, 0, 1, 1))
    axes.imshow([[0, 1], [1, 0]])  # a "scan": pixels, no text
    axes.axis("off")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf")
    (tmp_path / "scan.pdf").write_bytes(buffer.getvalue())
    assert "no text layer" in _error(tmp_path / "scan.pdf")
