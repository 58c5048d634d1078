"""Reading documents: bad input gets a one-line error that names the file and the reason."""

from __future__ import annotations

import pytest

from core.reading.documents import (
    MAX_BYTES,
    DocumentError,
    html_to_text,
    parse_document,
    read_document,
)

REPORT = "date 2025-06-01 Quetta: Gunmen shot dead a shopkeeper in Quetta on Saturday, police said.\n"


def _error(path) -> str:
    with pytest.raises(DocumentError) as info:
        read_document(path)
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


def test_non_utf8_file(tmp_path):
    (tmp_path / "latin.txt").write_bytes("date 2025-06-01 Quetta: caf\xe9".encode("latin-1"))
    assert "UTF-8" in _error(tmp_path / "latin.txt")


def test_file_without_a_date(tmp_path):
    (tmp_path / "nodate.txt").write_text("Gunmen attacked a checkpoint in Bannu, police said.")
    assert "no date" in _error(tmp_path / "nodate.txt")


def test_twenty_megabyte_file(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(REPORT.encode() + b"x" * (20 * 1024 * 1024))
    message = _error(big)
    assert "limit" in message and "big.txt" in message
    assert big.stat().st_size > MAX_BYTES


def test_dateline_is_parsed(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT)
    doc = read_document(tmp_path / "r.txt")
    assert doc.date.isoformat() == "2025-06-01" and doc.dateline_place == "Quetta"
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
        "<body><p>date 2025-06-01 Khuzdar: A bomb <b>exploded</b>.</p>"
        "<img src=x onerror=\"alert(1)\"><style>p{}</style></body></html>"
    )
    text, title = html_to_text(html)
    assert title == "Blast in Khuzdar"
    assert "alert" not in text and "onerror" not in text and "p{}" not in text
    assert "A bomb exploded." in text
    doc = parse_document(html.encode(), "page.html")
    assert doc.title == "Blast in Khuzdar" and doc.date.isoformat() == "2025-06-01"
