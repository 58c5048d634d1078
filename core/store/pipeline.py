"""Building the event table from a folder of documents, one file at a time, keeping going on bad files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from core.extraction.extract import analyse_document
from core.extraction.sentences import parse
from core.places.mentions import MENTION_COLUMNS, mention_rows
from core.reading.documents import SUFFIXES, Document, DocumentError, Given, read_path
from core.schema import SchemaError, events_from_records
from core.store.parallel import in_chunks


@dataclass
class BuildResult:
    """What a build produced: the event table, the place mentions, the documents read, and one
    error line per bad file."""

    events: pd.DataFrame
    mentions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(MENTION_COLUMNS)))
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def document_paths(folder: Path) -> list[Path]:
    """Report files in a folder, in a stable order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def build_events(paths: Iterable[Path], progress: Callable[[int, int], None] | None = None,
                 given: Given = Given(), workers: int = 1) -> BuildResult:
    """Read and extract every file. A bad file adds an error line and no rows; the others still count.

    Event ids are content-based, so a rebuild gives the same ids; a report present twice counts once.
    """
    documents, errors = [], []
    for path in paths:
        try:
            documents.extend(read_path(path, given))
        except DocumentError as exc:
            errors.append(str(exc))
    result = extract_documents(documents, progress, workers)
    result.errors[:0] = errors
    return result


def extract_documents(documents: Iterable[Document], progress: Callable[[int, int], None] | None = None,
                      workers: int = 1) -> BuildResult:
    """Extract events and place mentions from documents already read; one document's failure
    adds an error line and loses nothing else. A document read twice (same text) counts once.

    `workers` > 1 extracts a large batch in that many forked processes (the command line's batches: the
    extraction is pure CPU work); the result is the same, in the same order.
    The event table is built and validated once for the whole batch; only when that fails is each
    document's part checked alone, to name the bad documents and keep the rest.
    """
    firsts: dict[str, Document] = {}
    for document in documents:
        firsts.setdefault(document.doc_id, document)
    unique = list(firsts.values())
    result = BuildResult(events=pd.DataFrame())
    extracted: list[tuple[Document, list[dict], list[dict]]] = []
    for document, outcome in zip(unique, in_chunks(_analyse_documents, unique, workers, progress=progress),
                                 strict=True):
        if isinstance(outcome, str):
            result.errors.append(f"{document.name}: {outcome}")
        else:
            extracted.append((document, *outcome))
    try:
        result.events = events_from_records([r for _, records, _ in extracted for r in records])
    except SchemaError:
        good = []
        for part in extracted:
            try:
                events_from_records(part[1])
                good.append(part)
            except SchemaError as exc:
                result.errors.append(f"{part[0].name}: {exc}")
        extracted = good
        result.events = events_from_records([r for _, records, _ in extracted for r in records])
    result.documents = [document for document, _, _ in extracted]
    if extracted:
        result.mentions = pd.DataFrame([m for _, _, rows in extracted for m in rows], columns=list(MENTION_COLUMNS))
    return result


def _analyse_documents(documents: Sequence[Document]) -> list[tuple[list[dict], list[dict]] | str]:
    out: list[tuple[list[dict], list[dict]] | str] = []
    for document, doc in zip(documents, parse(documents), strict=True):
        try:
            analysis = analyse_document(document, doc)
            out.append((analysis.records, mention_rows(document, analysis)))
        except ValueError as exc:
            out.append(str(exc))
    return out
