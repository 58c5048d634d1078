"""Importing files analysts already hold: ACLED export CSV, GTD (CSV or XLSX) and UCDP GED CSV.

A file imports whole or not at all: every row is converted and checked first; any bad row
stops the import with a report naming the row, the column and the reason, and nothing is
stored. Each stored event keeps its dataset, its original id and the raw row.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pandas as pd

from core.schema import COLUMN_NAMES, SchemaError, events_from_records, to_records
from core.store.database import Progress
from core.store.importers import acled, gtd, ucdp
from core.store.importers.cells import BadCell, ImportFailed, RowError, read_table, table_frame
from core.store.writing import ImportOutcome, save_import

FORMATS: dict[str, ModuleType] = {"acled": acled, "gtd": gtd, "ucdp": ucdp}
MAX_REPORTED = 50
"""The report lists at most this many bad rows (and says how many more there were)."""


@dataclass
class ParsedFile:
    """A converted file, not yet stored: events, their raw rows, figure ranges and any bad rows."""

    fmt: str
    records: pd.DataFrame = field(default_factory=pd.DataFrame)  # in the schema's columns
    raw_rows: list[dict] = field(default_factory=list)
    ranges: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def detect_format(header: list[str]) -> str | None:
    """The format whose required columns the header has, or None."""
    columns = set(header)
    for name, module in FORMATS.items():
        if set(module.REQUIRED) <= columns:
            return name
    return None


def parse_file(path: Path, fmt: str | None = None) -> ParsedFile:
    """Read and convert every row. Raises ImportFailed for an unreadable file or a missing column."""
    if not path.is_file():
        raise ImportFailed([f"{path}: no such file"])
    header, rows = read_table(path, as_lists=True)
    fmt = fmt or detect_format(header)
    if fmt is None:
        raise ImportFailed([f"{path.name}: cannot tell the format from the header; give --format acled|gtd|ucdp"])
    module = FORMATS[fmt]
    missing = [c for c in module.REQUIRED if c not in header]
    if missing:
        raise ImportFailed([f"{path.name}: missing {fmt.upper()} column(s): {', '.join(missing)}"])
    parsed = ParsedFile(fmt)
    if hasattr(module, "convert_frame"):
        _convert_frame(module, header, rows, parsed)
    else:
        _convert_rows(module, ((n, r if "__width__" in r else dict(zip(header, r))) for n, r in rows), parsed)
    if not len(parsed.records) and not parsed.errors:
        raise ImportFailed([f"{path.name}: no data rows"])
    return parsed


def _convert_rows(module: ModuleType, rows, parsed: ParsedFile) -> None:
    """Convert row by row (GTD, UCDP)."""
    seen: dict[str, int] = {}
    records = []
    for number, row in rows:
        if "__width__" in row:
            parsed.errors.append(RowError(number, "(all)", row["__width__"]))
            continue
        try:
            record, ranges = module.convert(row)
        except BadCell as exc:
            parsed.errors.append(RowError(number, exc.column, exc.reason))
            continue
        key = module.original_id(row)
        if key in seen:
            parsed.errors.append(RowError(number, _column(module, "event_id"), f"{key!r} repeats row {seen[key]}"))
            continue
        seen[key] = number
        records.append(record)
        parsed.ranges.extend(ranges)
        parsed.raw_rows.append({"original_id": key, "row_number": number,
                                "raw": json.dumps(row, ensure_ascii=False)})
    parsed.records = pd.DataFrame(records).reindex(columns=list(COLUMN_NAMES))


def _convert_frame(module: ModuleType, header: list[str], rows, parsed: ParsedFile) -> None:
    """Convert the whole file column by column (ACLED: a file of 100,000 rows in about a second)."""
    numbers, frame, parsed.errors = table_frame(header, rows)
    if frame.empty:
        parsed.records = pd.DataFrame(columns=list(COLUMN_NAMES))
        return
    records, bad = module.convert_frame(frame)
    keys = frame[module.ID_COLUMN].str.strip()
    first_row = pd.Series(numbers, index=frame.index).groupby(keys).transform("first")
    for i in frame.index[keys.duplicated() & ~frame.index.isin(list(bad))]:
        bad[i] = (_column(module, "event_id"), f"{keys[i]!r} repeats row {first_row[i]}")
    parsed.errors += [RowError(numbers[i], column, reason) for i, (column, reason) in sorted(bad.items())]
    parsed.errors.sort(key=lambda e: e.row)
    good = ~frame.index.isin(list(bad))
    parsed.records = records[good].reindex(columns=list(COLUMN_NAMES)).reset_index(drop=True)
    kept = frame.index[good]
    raw = _json_objects(header, frame.loc[kept].to_numpy().tolist())
    parsed.raw_rows = [{"original_id": k, "row_number": numbers[i], "raw": r}
                       for i, k, r in zip(kept, keys[good], raw)]


def _json_objects(header: list[str], rows: list[list[str]]) -> list[str]:
    """Each row as the JSON text of {column: cell}, from one encoder call for the whole file.

    The text is split where one object ends and the next begins with the first column's key: inside a JSON
    string every quote is escaped, so that sequence can only be a boundary between two rows.
    """
    text = json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False)
    opening = "{" + json.dumps(header[0], ensure_ascii=False) + ": "
    parts = text[1:-1].split("}, " + opening)
    if len(parts) != len(rows):
        return [json.dumps(dict(zip(header, r)), ensure_ascii=False) for r in rows]
    return [("" if i == 0 else opening) + p + ("" if i == len(parts) - 1 else "}") for i, p in enumerate(parts)]


def _column(module: ModuleType, field_name: str) -> str:
    return module.FIELD_COLUMNS.get(field_name, field_name)


def _schema_errors(parsed: ParsedFile) -> list[RowError]:
    """Row-by-row schema check, run only when the whole-table check failed, to name each bad row."""
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


def import_file(path: Path, fmt: str | None = None, *, url: str | None = None, who: str = "import",
                progress: Progress | None = None) -> ImportOutcome:
    """Import one file into the store in one transaction; raises ImportFailed with the report on any bad row."""
    path = Path(path)
    parsed = parse_file(path, fmt)
    if not parsed.errors:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        table = parsed.records
        try:
            return save_import(table, parsed.raw_rows, parsed.ranges, dataset=FORMATS[parsed.fmt].DATASET,
                               file_name=path.name, file_sha256=digest, who=who, url=url, progress=progress)
        except SchemaError:  # save_import validates before writing anything
            parsed.errors = _schema_errors(parsed)
    lines = [f"{path.name}: {len(parsed.errors)} bad row(s); nothing was imported"]
    lines += [str(e) for e in parsed.errors[:MAX_REPORTED]]
    if len(parsed.errors) > MAX_REPORTED:
        lines.append(f"... and {len(parsed.errors) - MAX_REPORTED} more")
    raise ImportFailed(lines)
