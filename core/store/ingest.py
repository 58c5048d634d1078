"""Adding documents from the browser: checking uploads, previewing extracted events, saving with an audit trail.

Uploaded files are read from memory; their names are only labels (cleaned, never used as
paths). Nothing is stored until `save` is called with the analyst's name.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from datetime import date

import pandas as pd

from core.reading.documents import (
    Document,
    DocumentError,
    document_id,
    html_to_text,
    parse_document,
)
from core.schema import COLUMN_NAMES, SchemaError, events_from_records, to_records
from core.store.pipeline import BuildResult, extract_documents
from core.store.writing import SaveOutcome, save_documents

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
"""Per file. PDFs carry images and fonts, so the limit is above the 5 MB a text report may have."""
SUFFIXES = (".txt", ".html", ".htm", ".pdf")
EDITABLE = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2", "location",
            "latitude", "longitude", "fatalities", "injuries", "hostages", "notes")
"""The fields the analyst corrects in the preview table."""
KEEP = "keep"


class IngestError(ValueError):
    """An upload or a save was refused; the message is one line for the analyst."""


def safe_name(name: str) -> str:
    """A file name reduced to a harmless label: no folders, control characters or leading dots."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C")
    base = base.strip().lstrip(".") or "upload"
    return base[:120]


def read_upload(data: bytes, name: str) -> Document:
    """An uploaded .txt, .html or .pdf as a Document; IngestError with a one-line reason otherwise."""
    label = safe_name(name)
    if len(data) > MAX_UPLOAD_BYTES:
        raise IngestError(f"{label}: {len(data) / 1e6:.1f} MB is over the {MAX_UPLOAD_BYTES // 2**20} MB upload limit")
    if not label.lower().endswith(SUFFIXES):
        raise IngestError(f"{label}: only {', '.join(SUFFIXES)} files can be added")
    if label.lower().endswith(".pdf"):
        data = pdf_text(data, label).encode("utf-8")
    try:
        return parse_document(data, label)
    except DocumentError as exc:
        raise IngestError(str(exc)) from None


def pdf_text(data: bytes, label: str) -> str:
    """The text layer of a PDF, page by page (scanned pages without text give an error)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError(f"{label}: the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(f"{label}: not a readable PDF ({exc})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise IngestError(f"{label}: the PDF has no text layer (scanned pages need OCR first)")
    return text


def pasted_document(text: str, report_date: date, source: str) -> Document:
    """Pasted report text with the date and source the analyst gives (HTML in it is reduced to text)."""
    label = safe_name(source) if source.strip() else "pasted text"
    if len(text.encode("utf-8")) > MAX_UPLOAD_BYTES:
        raise IngestError(f"{label}: pasted text is over the {MAX_UPLOAD_BYTES // 2**20} MB limit")
    title = None
    if re.match(r"\s*<", text):
        text, title = html_to_text(text)
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise IngestError(f"{label}: the pasted text is empty")
    first = text.split("\n", 1)[0]
    return Document(doc_id=document_id(text), name=label, title=title or first[:90], text=text, date=report_date,
                    dateline_place=None, dateline_end=0)


def preview(documents: list[Document], progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Extract every document (events and place mentions) before anything is saved; a document the
    extractor cannot handle adds an error line, the rest still count."""
    return extract_documents(documents, progress)


def editor_table(events: pd.DataFrame) -> pd.DataFrame:
    """The table the analyst edits: a keep box, the event id and the editable fields."""
    table = events.loc[:, ["event_id", *EDITABLE]].copy()
    table.insert(0, KEEP, True)
    return table.reset_index(drop=True)


def apply_edits(original: pd.DataFrame, edited: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, list[dict]], list[str]]:
    """The events with the analyst's corrections, what changed per event, and the event ids not kept."""
    by_id = {r["event_id"]: r for r in to_records(original)}
    rows, changes, dropped = [], {}, []
    for row in to_records(edited):
        event_id = row["event_id"]
        if event_id not in by_id:
            raise IngestError(f"event {event_id!r} was not in the preview")
        if not row.pop(KEEP, True):
            dropped.append(event_id)
            continue
        base = dict(by_id[event_id])
        diffs = [{"field": f, "before": base[f], "after": row[f]} for f in EDITABLE if row[f] != base[f]]
        for d in diffs:
            base[d["field"]] = d["after"]
        if any(d["field"] == "event_date" for d in diffs):
            base["year"] = int(str(base["event_date"])[:4])
        rows.append(base)
        if diffs:
            changes[event_id] = diffs
    try:
        events = events_from_records(rows)[list(COLUMN_NAMES)]
    except SchemaError as exc:
        raise IngestError(f"cannot save: {exc}") from None
    return events, changes, dropped


def save(batch: BuildResult, edited: pd.DataFrame, who: str, url: str | None = None) -> SaveOutcome:
    """Save the checked batch: documents, corrected events, machine originals and who changed what."""
    if not (who or "").strip():
        raise IngestError("enter your name before saving: every save records who made it")
    events, changes, dropped = apply_edits(batch.events, edited)
    originals = {r["event_id"]: r for r in to_records(batch.events)}
    return save_documents(batch.documents, events, who=who, originals=originals, changes=changes,
                          discarded=dropped, mentions=batch.mentions, url=url)

