"""Adding documents from the browser: reading uploads, pasted text, feeds and URLs the way the CLI reads files,
previewing the extracted events, and saving with an audit trail.

Uploaded files are read from memory; their names are only labels (cleaned, never used as paths).
A pasted article goes through the same reader as an uploaded .txt file, so the two give the same events.
Nothing is stored until `save` is called with the analyst's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from core.knowledge.gazetteer import default_gazetteer
from core.reading.documents import SUFFIXES, Document, DocumentError, Given, NoDate, max_bytes, read_bytes
from core.schema import COLUMN_NAMES, SchemaError, events_from_records, to_records
from core.store.pipeline import BuildResult, extract_documents
from core.store.writing import SaveOutcome, save_documents

"""Per file uploaded from the browser."""
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


def read_upload(data: bytes, name: str, given: Given = Given()) -> list[Document]:
    """The documents in an uploaded file (.txt, .html, .pdf, or an RSS/Atom feed: one per item)."""
    label = safe_name(name)
    if len(data) > max_bytes():
        raise IngestError(f"{label}: {len(data) / 1e6:.1f} MB is over the {max_bytes() // 2**20} MB limit")
    if not label.lower().endswith(SUFFIXES):
        raise IngestError(f"{label}: only {', '.join(SUFFIXES)} files can be added")
    try:
        return read_bytes(data, label, given)
    except NoDate:
        raise IngestError(f"{label}: no publication date found: pick the publication date") from None
    except DocumentError as exc:
        raise IngestError(str(exc)) from None


def pasted_documents(text: str, given: Given = Given()) -> list[Document]:
    """Pasted article text, read exactly as an uploaded .txt file of the same text would be."""
    label = "pasted text"
    if len(text.encode("utf-8")) > max_bytes():
        raise IngestError(f"{label}: pasted text is over the {max_bytes() // 2**20} MB limit")
    if not text.strip():
        raise IngestError(f"{label}: the pasted text is empty")
    name = "pasted.html" if re.match(r"\s*<", text) else "pasted.txt"
    try:
        return read_bytes(text.encode("utf-8"), name, given)
    except NoDate:
        raise IngestError(f"{label}: no publication date found: pick the publication date") from None
    except DocumentError as exc:
        raise IngestError(str(exc).replace(name, label)) from None


@dataclass(frozen=True)
class AddOutcome:
    """What `add_documents` did: documents and events stored, merges, documents already known, and errors."""

    documents: int
    events: int
    merged: int
    known: tuple[str, ...]
    errors: tuple[str, ...]


def split_known(documents: list[Document], url: str | None = None) -> tuple[list[Document], list[Document]]:
    """(new, already stored): a document is known by its text (content hash) or its canonical URL."""
    from core.store.reading import known_documents

    ids, urls = known_documents([d.doc_id for d in documents], [d.url for d in documents if d.url], url)
    new, known, seen_ids, seen_urls = [], [], set(), set()
    for d in documents:
        if d.doc_id in ids or d.doc_id in seen_ids or (d.url and (d.url in urls or d.url in seen_urls)):
            known.append(d)
        else:
            new.append(d)
            seen_ids.add(d.doc_id)
            seen_urls.add(d.url)
    return new, known


def add_documents(documents: list[Document], who: str, url: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> AddOutcome:
    """Extract and store documents not stored yet (the command line's `add`: no review step, the machine's
    events are stored as they are and the audit says who added them)."""
    new, known = split_known(documents, url)
    batch = extract_documents(new, progress)
    records = {r["event_id"]: r for r in to_records(batch.events)}
    saved = save_documents(batch.documents, batch.events, who=who, originals=records, changes={},
                           mentions=batch.mentions, url=url) if batch.documents else None
    return AddOutcome(saved.documents if saved else 0, saved.events if saved else 0, saved.merged if saved else 0,
                      tuple(d.name for d in known), tuple(batch.errors))


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
        fields = {d["field"] for d in diffs}
        if fields & PLACE_FIELDS and not fields & {"latitude", "longitude"}:
            district_only = "location" not in fields
            if district_only:
                # A new district without a new place: the old place name belongs to the old district.
                base["location"] = base["admin2"] or base["admin1"]
            diffs += _regeocode(base, district_only)
        rows.append(base)
        if diffs:
            changes[event_id] = diffs
    try:
        events = events_from_records(rows)[list(COLUMN_NAMES)]
    except SchemaError as exc:
        raise IngestError(f"cannot save: {exc}") from None
    return events, changes, dropped


PLACE_FIELDS = frozenset({"location", "admin2", "admin1"})


def _regeocode(event: dict, district_only: bool = False) -> list[dict]:
    """A corrected place moves the point: the gazetteer's reading of location, district and province together
    (of the district and province alone when only they changed). A name it does not know is refused with what
    to do, rather than left at the old coordinates."""
    fields = ("admin2", "admin1") if district_only else ("location", "admin2", "admin1")
    kinds = {"location": "", "admin2": "district", "admin1": "province"}
    names = [event[f] for f in fields if event.get(f)]
    place = default_gazetteer().resolve_chain(names, [kinds[f] for f in fields if event.get(f)]) if names else None
    if place is None or place.kind == "country":
        raise IngestError(f"event {event['event_id']}: {', '.join(names) or 'the place'} is not in the gazetteer; "
                          "give its latitude and longitude too, or choose a place the gazetteer knows")
    known = place.name in names
    new = {"latitude": place.latitude, "longitude": place.longitude, "country": place.country,
           "admin1": place.admin1 or None, "admin2": place.admin2 or None,
           "admin3": (place.admin3 or None) if known else event.get("admin3"),
           # an unknown village inside a known district is placed at the district, ACLED precision 2
           "geo_precision": place.geo_precision if known else max(place.geo_precision, 2)}
    diffs = [{"field": k, "before": event.get(k), "after": v} for k, v in new.items() if event.get(k) != v]
    event.update(new)
    return diffs


def save(batch: BuildResult, edited: pd.DataFrame, who: str, url: str | None = None) -> SaveOutcome:
    """Save the checked batch: documents, corrected events, machine originals and who changed what."""
    if not (who or "").strip():
        raise IngestError("enter your name before saving: every save records who made it")
    events, changes, dropped = apply_edits(batch.events, edited)
    originals = {r["event_id"]: r for r in to_records(batch.events)}
    return save_documents(batch.documents, events, who=who, originals=originals, changes=changes,
                          discarded=dropped, mentions=batch.mentions, url=url)

