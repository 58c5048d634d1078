"""Hostile files, made here by the tests: each fails fast, with one line, and the good files in the same batch
still count."""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from core.extraction.sentences import TooSlow
from core.reading.documents import DocumentError, max_characters, read_bytes
from core.store.importers.cells import ImportFailed, read_table
from core.store.pipeline import build_events

GOOD = (b"date 2025-03-02 Quetta: Two policemen were martyred when gunmen opened fire on a checkpost in Quetta "
        b"on Saturday, police said.")


def _pdf(objects: list[bytes]) -> bytes:
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def compression_bomb_pdf() -> bytes:
    """A page whose content stream inflates from about 200 KB to 200 MB."""
    bomb = zlib.compress(b"0" * (200 * 2**20), 9)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Length " + str(len(bomb)).encode() + b" /Filter /FlateDecode >>\nstream\n" + bomb + b"\nendstream"])


def deep_page_tree_pdf(depth: int = 120) -> bytes:
    """Pages nodes nested `depth` levels deep before the one page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        objects.append(f"<< /Type /Pages /Kids [{level + 3} 0 R] /Count 1 >>".encode())
    objects.append(f"<< /Type /Page /Parent {depth + 1} 0 R /MediaBox [0 0 595 842] >>".encode())
    return _pdf(objects)


def far_cell_xlsx() -> bytes:
    """A tiny workbook whose only data cell sits at the sheet's last row and column."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"] = "event_id_cnty"
    sheet["XFD1048576"] = "far away"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb_xlsx() -> bytes:
    """An XLSX-looking zip whose sheet unpacks to about 300 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (50 * 2**20))
    return out.getvalue()


@pytest.mark.parametrize("make, message", [(compression_bomb_pdf, "PDF"), (deep_page_tree_pdf, "PDF")])
def test_hostile_pdfs_fail_fast_with_one_line(make, message):
    start = time.perf_counter()
    with pytest.raises(DocumentError) as err:
        read_bytes(make(), "hostile.pdf")
    assert time.perf_counter() - start < 20
    assert message in str(err.value) and "\n" not in str(err.value) and "hostile.pdf" in str(err.value)


@pytest.mark.parametrize("make, message", [(far_cell_xlsx, "over the limit"), (zip_bomb_xlsx, "unpacks to")])
def test_hostile_workbooks_fail_fast_with_one_line(tmp_path, make, message):
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(make())
    start = time.perf_counter()
    with pytest.raises(ImportFailed) as err:
        header, rows = read_table(path)
        list(rows)
    assert time.perf_counter() - start < 20
    assert message in err.value.lines[0] and len(err.value.lines) == 1


def test_a_document_over_the_length_limit_is_refused_in_characters():
    text = "Published: 2025-01-01\n\n" + "é" * max_characters()
    with pytest.raises(DocumentError, match="characters, over the"):
        read_bytes(text.encode("utf-8"), "long.txt")


def test_a_slow_document_stops_and_the_others_go_on(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICT_DOCUMENT_SECONDS", "0")
    (tmp_path / "a.txt").write_bytes(GOOD)
    with pytest.raises(TooSlow):
        from core.extraction.extract import analyse_document
        from core.reading.documents import parse_document

        analyse_document(parse_document(GOOD, "a.txt"))
    monkeypatch.setenv("CONFLICT_DOCUMENT_SECONDS", "30")
    (tmp_path / "b.pdf").write_bytes(compression_bomb_pdf())
    (tmp_path / "c.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    result = build_events(sorted(tmp_path.iterdir()))
    assert len(result.events) == 1 and len(result.errors) == 2 and "b.pdf" in result.errors[0]
    assert all(len(line.splitlines()) == 1 for line in result.errors)


@pytest.mark.parametrize("data, message", [
    ("date 2025-01-01 Quetta: Two policemen were killed.".encode("utf-16-le"), None),
    ("date 2025-01-01 Quetta: café attack, two killed.".encode("latin-1"), None),
    (b"\x00\x01\x02\x03" * 100, "binary"),
])
def test_encodings_are_read_or_named(data, message):
    if message is None:
        assert "Quetta" in read_bytes(data, "x.txt")[0].text
    else:
        with pytest.raises(DocumentError, match=message):
            read_bytes(data, "x.txt")


def test_an_area_that_is_no_place_is_ignored():
    from core.views.query_state import filter_from_params

    for bad in ("nan 0,1 1,2 2", "inf 0,1 1,2 2", "500 0,1 1,2 2"):
        assert filter_from_params({"area": bad}).area is None


def test_no_hostile_fixture_is_stored_in_the_repository():
    folder = Path(__file__).parent
    assert not [p for p in folder.iterdir() if p.suffix in (".pdf", ".xlsx", ".zip")]
