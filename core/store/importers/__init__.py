"""Importing files analysts already hold: ACLED export CSV, GTD (CSV or XLSX) and UCDP GED CSV.

A file imports whole or not at all: every row is converted and checked; any bad row stops the import with a
report naming the row, the column and the reason, and nothing is stored. Each stored event keeps its dataset,
its original id and the raw row.

A file is read, checked and stored CHUNK_ROWS rows at a time inside the import's one transaction, so that peak
memory does not grow with the file: after a bad row the remaining rows are still read and checked (the report
names every bad row), and the transaction is rolled back at the end.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from types import ModuleType

import pandas as pd

from core.schema import COLUMN_NAMES, SchemaError, events_from_records, to_records
from core.store.database import Progress
from core.store.importers import acled, gtd, ucdp
from core.store.importers.cells import BadCell, ImportFailed, RowError, read_table, table_frame
from core.store.writing import ImportOutcome, importing

FORMATS: dict[str, ModuleType] = {"acled": acled, "gtd": gtd, "ucdp": ucdp}
MAX_REPORTED = 50
"""The report lists at most this many bad rows (and says how many more there were)."""
CHUNK_ROWS = 20_000
"""Rows converted, checked and stored at a time (peak memory follows this, not the file's length)."""


@dataclass
class ParsedFile:
    """Converted rows, not yet stored: events, their raw rows (original_id, row_number, raw: the cells as a JSON
    list in the file's column order), figure ranges and any bad rows."""

    fmt: str
    records: pd.DataFrame = field(default_factory=pd.DataFrame)  # in the schema's columns
    raw_rows: list[dict] = field(default_factory=list)
    ranges: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class FirstRows:
    """Where each original id first appeared in the file, for the "repeats row N" check across chunks.

    Rows the store holds are looked up there (`stored`: event ids -> {event id: row number}, this import's rows
    only), so that memory does not grow with the file; the ids of rows not stored are remembered here.
    """

    def __init__(self, stored: Callable[[list[str]], dict[str, int]] | None = None) -> None:
        self.kept: dict[str, int] = {}
        self.stored = stored

    def remember(self, keys: list[str], numbers: list[int]) -> None:
        """Rows that are not (or not yet) in the store."""
        for key, number in zip(keys, numbers):
            self.kept.setdefault(key, number)

    def earlier(self, keys: list[str], event_ids: list[str]) -> list[int | None]:
        """For each row, the number of the row in an earlier chunk with the same id (None if there was none)."""
        stored = self.stored(event_ids) if self.stored else {}
        return [self.kept.get(k) or stored.get(e) for k, e in zip(keys, event_ids)]


def detect_format(header: list[str]) -> str | None:
    """The format whose required columns the header has, or None."""
    columns = set(header)
    for name, module in FORMATS.items():
        if set(module.REQUIRED) <= columns:
            return name
    return None


@dataclass(frozen=True)
class Source:
    """An opened file: its format, header and data rows (an iterator of read_table(..., as_lists=True))."""

    path: Path
    fmt: str
    header: list[str]
    rows: Iterator

    @property
    def module(self) -> ModuleType:
        """The format's converter."""
        return FORMATS[self.fmt]

    def chunks(self, first_rows: FirstRows) -> Iterator[ParsedFile]:
        """The file CHUNK_ROWS rows at a time, converted and checked; bad rows' ids are remembered in `first_rows`."""
        convert = _convert_frame if hasattr(self.module, "convert_frame") else _convert_rows
        while rows := list(islice(self.rows, CHUNK_ROWS)):
            parsed = ParsedFile(self.fmt)
            convert(self.module, self.header, rows, parsed, first_rows)
            yield parsed


def open_source(path: Path, fmt: str | None = None) -> Source:
    """Open a file for reading. Raises ImportFailed for an unreadable file or a missing column."""
    if not path.is_file():
        raise ImportFailed([f"{path}: no such file"])
    header, rows = read_table(path, as_lists=True)
    fmt = fmt or detect_format(header)
    if fmt is None:
        raise ImportFailed([f"{path.name}: cannot tell the format from the header; give --format acled|gtd|ucdp"])
    missing = [c for c in FORMATS[fmt].REQUIRED if c not in header]
    if missing:
        raise ImportFailed([f"{path.name}: missing {fmt.upper()} column(s): {', '.join(missing)}"])
    return Source(path, fmt, header, rows)


def parse_file(path: Path, fmt: str | None = None) -> ParsedFile:
    """Read and convert every row, without storing anything (the whole file in memory).
    Raises ImportFailed for an unreadable file or a missing column."""
    source = open_source(path, fmt)
    first_rows, parts = FirstRows(), []
    for part in source.chunks(first_rows):
        first_rows.remember([r["original_id"] for r in part.raw_rows], [r["row_number"] for r in part.raw_rows])
        parts.append(part)
    parsed = ParsedFile(source.fmt, errors=[e for p in parts for e in p.errors],
                        raw_rows=[r for p in parts for r in p.raw_rows], ranges=[r for p in parts for r in p.ranges])
    frames = [p.records for p in parts if len(p.records)]
    parsed.records = (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()).reindex(
        columns=list(COLUMN_NAMES))
    if not len(parsed.records) and not parsed.errors:
        raise ImportFailed([f"{path.name}: no data rows"])
    return parsed


def _convert_rows(module: ModuleType, header: list[str], rows: list, parsed: ParsedFile,
                  first_rows: FirstRows) -> None:
    """Convert row by row (GTD, UCDP)."""
    converted = []
    for number, cells in rows:
        if isinstance(cells, dict):
            parsed.errors.append(RowError(number, "(all)", cells["__width__"]))
            continue
        row = dict(zip(header, cells))
        try:
            record, ranges = module.convert(row)
        except BadCell as exc:
            parsed.errors.append(RowError(number, exc.column, exc.reason))
            continue
        converted.append((number, module.original_id(row), record, ranges, cells))
    earlier = first_rows.earlier([c[1] for c in converted], [c[2]["event_id"] for c in converted])
    seen: dict[str, int] = {}
    records = []
    for (number, key, record, ranges, cells), before in zip(converted, earlier):
        first = before or seen.get(key)
        if first:
            parsed.errors.append(RowError(number, _column(module, "event_id"), f"{key!r} repeats row {first}"))
            continue
        seen[key] = number
        records.append(record)
        parsed.ranges.extend(ranges)
        parsed.raw_rows.append({"original_id": key, "row_number": number,
                                "raw": json.dumps(cells, ensure_ascii=False)})
    parsed.errors.sort(key=lambda e: e.row)
    parsed.records = pd.DataFrame(records).reindex(columns=list(COLUMN_NAMES))


def _convert_frame(module: ModuleType, header: list[str], rows: list, parsed: ParsedFile,
                   first_rows: FirstRows) -> None:
    """Convert column by column (ACLED: 100,000 rows in about a second)."""
    numbers, frame, parsed.errors = table_frame(header, rows)
    if frame.empty:
        parsed.records = pd.DataFrame(columns=list(COLUMN_NAMES))
        return
    records, bad = module.convert_frame(frame)
    keys = frame[module.ID_COLUMN].str.strip()
    number_of = pd.Series(numbers, index=frame.index)
    unchecked = ~frame.index.isin(list(bad))
    earlier = pd.Series(first_rows.earlier(keys[unchecked].tolist(), records["event_id"][unchecked].tolist()),
                        index=frame.index[unchecked], dtype=object).reindex(frame.index)
    first_row = earlier.fillna(number_of.groupby(keys).transform("first"))
    for i in frame.index[unchecked & (keys.duplicated() | earlier.notna())]:
        bad[i] = (_column(module, "event_id"), f"{keys[i]!r} repeats row {first_row[i]}")
    first_rows.remember(keys[~unchecked].tolist(), number_of[~unchecked].tolist())
    parsed.errors += [RowError(numbers[i], column, reason) for i, (column, reason) in sorted(bad.items())]
    parsed.errors.sort(key=lambda e: e.row)
    good = ~frame.index.isin(list(bad))
    parsed.records = records[good].reindex(columns=list(COLUMN_NAMES)).reset_index(drop=True)
    kept = frame.index[good]
    raw = _json_lists(frame.loc[kept].to_numpy().tolist())
    parsed.raw_rows = [{"original_id": k, "row_number": numbers[i], "raw": r}
                       for i, k, r in zip(kept, keys[good], raw)]


def _json_lists(rows: list[list[str]]) -> list[str]:
    """Each row's cells as the JSON text of a list, from one encoder call for the whole chunk.

    The text is split where one list ends and the next begins: every cell is a string, and inside a JSON string
    every quote is escaped, so '"], ["' can only be a boundary between two rows.
    """
    text = json.dumps(rows, ensure_ascii=False)
    parts = text[1:-1].split('"], ["')
    if len(parts) != len(rows):
        return [json.dumps(r, ensure_ascii=False) for r in rows]
    last = len(parts) - 1
    return [("" if i == 0 else '["') + p + ("" if i == last else '"]') for i, p in enumerate(parts)]


def _column(module: ModuleType, field_name: str) -> str:
    return module.FIELD_COLUMNS.get(field_name, field_name)


def _schema_errors(parsed: ParsedFile) -> list[RowError]:
    """Row-by-row schema check, run only when the whole-chunk check failed, to name each bad row."""
    module = FORMATS[parsed.fmt]
    errors = []
    for record, raw in zip(to_records(parsed.records), parsed.raw_rows):
        try:
            events_from_records([record])
        except SchemaError as exc:
            found = re.search(r"field '(\w+)': (.*)", str(exc))
            name, reason = found.groups() if found else ("(row)", str(exc))
            errors.append(RowError(raw["row_number"], _column(module, name), reason))
    return errors


def _line_count(path: Path) -> int:
    """Lines in the file, counted in blocks: about the rows to store, for progress reports."""
    with path.open("rb") as fh:
        return sum(block.count(b"\n") for block in iter(lambda: fh.read(2**20), b""))


def import_file(path: Path, fmt: str | None = None, *, url: str | None = None, who: str = "import",
                progress: Progress | None = None) -> ImportOutcome:
    """Import one file into the store in one transaction; raises ImportFailed with the report on any bad row.

    The file is read and stored CHUNK_ROWS rows at a time; a bad row rolls the whole import back at the end.
    """
    path = Path(path)
    source = open_source(path, fmt)
    with path.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    errors: list[RowError] = []
    schema_errors: list[RowError] = []
    with importing(dataset=source.module.DATASET, file_name=path.name, file_sha256=digest, columns=source.header,
                   who=who, url=url, total=max(_line_count(path) - 1, 1), progress=progress) as writer:
        first_rows = FirstRows(writer.first_rows)
        for part in source.chunks(first_rows):
            errors += part.errors
            try:
                writer.store(part.records, part.raw_rows, part.ranges)
            except SchemaError:  # store() validates before writing anything of the chunk
                schema_errors += _schema_errors(part)
                first_rows.remember([r["original_id"] for r in part.raw_rows], [r["row_number"] for r in part.raw_rows])
        errors = errors or schema_errors  # a file's conversion errors are reported first, as they always were
        if not errors and not writer.stored:
            raise ImportFailed([f"{path.name}: no data rows"])
        if errors:
            lines = [f"{path.name}: {len(errors)} bad row(s); nothing was imported"]
            lines += [str(e) for e in errors[:MAX_REPORTED]]
            if len(errors) > MAX_REPORTED:
                lines.append(f"... and {len(errors) - MAX_REPORTED} more")
            raise ImportFailed(lines)  # leaving the transaction rolls back every chunk stored
    return writer.outcome
