"""Building the event table from a folder of documents, one file at a time, keeping going on bad files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from core.documents import Document, DocumentError, read_document
from core.extract import analyse_document
from core.mentions import MENTION_COLUMNS, document_mentions
from core.schema import events_from_records

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm")


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
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)


def build_events(paths: Iterable[Path], progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Extract every document. A bad file adds an error line and no rows; the others still count.

    Event ids are content-based, so a rebuild gives the same ids; a report present twice counts once.
    """
    paths = list(paths)
    records: list[dict] = []
    mentions: list[pd.DataFrame] = []
    result = BuildResult(events=pd.DataFrame())
    seen: set[str] = set()
    for i, path in enumerate(paths, start=1):
        try:
            document = read_document(path)
            if document.doc_id not in seen:
                analysis = analyse_document(document)
                events_from_records(analysis.records)  # validate this file's rows before keeping any of them
                records.extend(analysis.records)
                mentions.append(document_mentions(document, analysis))
                result.documents.append(document)
                seen.add(document.doc_id)
        except DocumentError as exc:
            result.errors.append(str(exc))
        except ValueError as exc:
            result.errors.append(f"{path}: {exc}")
        if progress:
            progress(i, len(paths))
    result.events = events_from_records(records)
    if mentions:
        result.mentions = pd.concat(mentions, ignore_index=True)
    return result
