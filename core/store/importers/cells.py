"""Reading analysts' CSV and XLSX files row by row, and turning cells into typed values with clear errors."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

import pandas as pd

from core.reading.documents import DocumentError, decode

FORMULA_START = "="
PROTECT = ("=", "+", "-", "@", "\t", "\r")
"""Text cells starting with these (OWASP's CSV-injection list) are written with a leading apostrophe so
spreadsheets do not run them; a plain number such as -69.12 stays a number."""
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


class ImportFailed(ValueError):
    """A file could not be imported; `lines` is the report (one line per problem). Nothing was stored."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines[0] if len(lines) == 1 else f"{lines[0]} (and {len(lines) - 1} more problems)")
        self.lines = lines


class BadCell(ValueError):
    """One cell is unusable: raised by converters, turned into a RowError with the row number."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"column {column}: {reason}")
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class RowError:
    """A bad row: its number as a spreadsheet shows it (the header is row 1), the column and why."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"


def read_table(path: Path, as_lists: bool = False) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and the data rows (row number, {column: text}) of a CSV or XLSX file; with `as_lists`, each
    row's cells as a list in the header's order. A row of the wrong width is {"__width__": reason}."""
    with path.open("rb") as fh:
        start = fh.read(UTF16_SNIFF)
    if start[:4] == b"PK\x03\x04":
        return _xlsx_rows(path.read_bytes(), path.name, as_lists)
    if _plain_utf8(path, start):
        stream: TextIO = path.open(encoding="utf-8-sig", newline="")
    else:
        data = path.read_bytes()
        if not data.strip():
            raise ImportFailed([f"{path.name}: file is empty"])
        try:
            content = decode(data, path.name)  # the documents' one reading of encodings: UTF-8, UTF-16, Windows-1252
        except DocumentError as exc:
            raise ImportFailed([str(exc).replace("not a text report", "not CSV or XLSX")]) from None
        stream = io.StringIO(content, newline="")
    reader = csv.reader(stream)
    header = [h.strip() for h in next(reader, [])]

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            for number, cells in enumerate(reader, start=2):
                if not (cells and cells[0].strip()) and not "".join(cells).strip():  # join only rows that may be blank
                    continue
                if len(cells) != len(header):
                    yield number, {"__width__": f"has {len(cells)} cells, the header has {len(header)}"}
                    continue
                yield number, cells if as_lists else dict(zip(header, cells))
        finally:
            stream.close()

    return header, rows()


UTF16_SNIFF = 8192
"""Bytes decode() looks at for UTF-16 without a byte-order mark."""


def _plain_utf8(path: Path, start: bytes) -> bool:
    """Whether decode() would read the file as UTF-8 and nothing else: not blank, no UTF-16 byte-order mark or
    zero bytes at the start, and valid UTF-8 throughout. Such a file is then read as a stream, so that a large
    file is never held in memory whole; any other file goes through decode().

    The check reads the file in blocks through an incremental decoder, keeping nothing.
    """
    if start[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in start:
        return False
    check, text_seen = codecs.getincrementaldecoder("utf-8")(), False
    with path.open("rb") as fh:
        try:
            for block in iter(lambda: fh.read(2**20), b""):
                check.decode(block)
                text_seen = text_seen or bool(block.strip())
            check.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return text_seen


def table_frame(header: list[str], rows: Iterator[tuple[int, list[str] | dict[str, str]]]
                ) -> tuple[list[int], pd.DataFrame, list[RowError]]:
    """The rows of read_table(..., as_lists=True) as their numbers, a frame of their cells (columns: the
    header) and the rows of the wrong width.

    (pandas' C reader was no faster here once each row's width is checked, and it cannot name a short row.)
    """
    numbers, cells, errors = [], [], []
    for number, row in rows:
        if isinstance(row, dict):
            errors.append(RowError(number, "(all)", row["__width__"]))
        else:
            numbers.append(number)
            cells.append(row)
    return numbers, pd.DataFrame(cells, columns=header, dtype=object), errors


XLSX_MAX_UNPACKED = 200 * 2**20
"""Bytes an XLSX may unpack to (a zip bomb of 2 MB can unpack to gigabytes)."""
XLSX_MAX_ROWS = 1_100_000
XLSX_MAX_COLUMNS = 300
"""A sheet larger than this is refused before reading (one far cell makes openpyxl walk the empty grid)."""


def _check_xlsx_size(data: bytes, name: str) -> None:
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile as exc:
        raise ImportFailed([f"{name}: not a readable XLSX workbook ({exc})"]) from None
    if unpacked > XLSX_MAX_UNPACKED:
        raise ImportFailed([f"{name}: unpacks to {unpacked / 1e6:,.0f} MB, over the "
                            f"{XLSX_MAX_UNPACKED // 2**20} MB limit for a workbook"])


def _xlsx_rows(data: bytes, name: str, as_lists: bool) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    from openpyxl import load_workbook

    _check_xlsx_size(data, name)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFailed([f"{name}: not a readable XLSX workbook ({exc})"]) from None
    sheet = book.worksheets[0]
    rows_, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows_ > XLSX_MAX_ROWS or columns > XLSX_MAX_COLUMNS:
        book.close()
        raise ImportFailed([f"{name}: the sheet spans {rows_:,} rows and {columns:,} columns, over the limit of "
                            f"{XLSX_MAX_ROWS:,} rows and {XLSX_MAX_COLUMNS} columns (a stray far cell?)"])
    sheet_rows = sheet.iter_rows(values_only=True, max_col=columns or None)
    header = [_cell_text(h).strip() for h in next(sheet_rows, ())]

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, values in enumerate(sheet_rows, start=2):
            cells = [_cell_text(v) for v in values][: len(header)]
            if any(c.strip() for c in cells):
                cells += [""] * (len(header) - len(cells))
                yield number, cells if as_lists else dict(zip(header, cells))
        book.close()

    return header, rows()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def protect(value: str) -> str:
    """A text cell made safe for spreadsheets: a leading apostrophe before = + - @, tab or carriage return,
    unless the cell is a plain number.

    >>> protect("=HYPERLINK(1)"), protect("-1+1"), protect("-69.12"), protect("Quetta")
    ("'=HYPERLINK(1)", "'-1+1", '-69.12', 'Quetta')
    """
    return "'" + value if value.startswith(PROTECT) and not _NUMBER.fullmatch(value) else value


def text(row: dict[str, str], column: str, required: bool = False) -> str | None:
    """A text cell: stripped, None when blank; a formula is refused; protect()'s apostrophe is removed."""
    value = (row.get(column) or "").strip()
    if value.startswith(FORMULA_START):
        raise BadCell(column, f"{value[:30]!r} is a spreadsheet formula, not a value")
    if value.startswith("'") and value[1:].startswith(PROTECT):
        value = value[1:]
    if required and not value:
        raise BadCell(column, "is empty (the field is required)")
    return value or None


def integer(row: dict[str, str], column: str, unknown: tuple[str, ...] = (), required: bool = False) -> int | None:
    """A whole number; blank and the `unknown` codes (e.g. GTD's -9 and -99) are None, never 0."""
    value = text(row, column, required)
    if value is None or value in unknown:
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadCell(column, f"{value!r} is not a whole number") from None
    if not number.is_integer():
        raise BadCell(column, f"{value!r} is not a whole number")
    return int(number)


def count(row: dict[str, str], column: str, unknown: tuple[str, ...] = ()) -> int | None:
    """A count of people: a whole number, not negative; unknown codes and blanks are None."""
    value = integer(row, column, unknown)
    if value is not None and value < 0:
        raise BadCell(column, f"{value} is negative")
    return value


def coordinate(row: dict[str, str], column: str, limit: float) -> float | None:
    """A latitude (limit 90) or longitude (limit 180) in decimal degrees."""
    value = text(row, column)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadCell(column, f"{value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise BadCell(column, f"{number} is out of range [-{limit:g}, {limit:g}]")
    return number


def choice(row: dict[str, str], column: str, mapping: dict[str, object], required: bool = True) -> object:
    """A coded cell looked up in `mapping` (keys are the file's codes)."""
    value = text(row, column, required)
    if value is None:
        return None
    if value not in mapping:
        raise BadCell(column, f"{value!r} is not one of {', '.join(map(str, mapping))}")
    return mapping[value]


class Cells:
    """Many rows' cells, turned into typed columns at once; each row keeps its first bad cell as its error.

    The column-wise twin of text(), integer(), count(), coordinate() and choice(): the same cleaning and the
    same reasons, for a whole file in a few array operations (row-by-row parsing cost seconds per 100,000 rows).
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.errors: dict[int, tuple[str, str]] = {}

    @property
    def ok(self) -> pd.Series:
        """Rows with no bad cell so far."""
        return ~self.frame.index.isin(list(self.errors))

    def fail(self, mask: pd.Series, column: str, reason: Callable[[str], str], values: pd.Series | None = None) -> None:
        """Mark the rows of `mask` bad (unless they already are), with `reason(value)`."""
        values = self.frame[column] if values is None else values
        for i in mask[mask & self.ok].index:
            self.errors[i] = (column, reason(values[i]))

    def text(self, column: str, required: bool = False) -> pd.Series:
        """A text column: stripped, None when blank; formulas refused; protect()'s apostrophe removed."""
        if column not in self.frame:
            values = pd.Series("", index=self.frame.index, dtype=str)
        else:
            values = self.frame[column].fillna("").astype(str).str.strip()
        self.fail(values.str.startswith(FORMULA_START), column,
                  lambda v: f"{v[:30]!r} is a spreadsheet formula, not a value", values)
        protected = values.str.startswith("'") & values.str[1:].str.startswith(PROTECT)
        values = values.where(~protected, values.str[1:])
        if required:
            self.fail(values == "", column, lambda v: "is empty (the field is required)", values)
        return values.where(values != "", None)

    def integer(self, column: str, unknown: tuple[str, ...] = (), required: bool = False) -> pd.Series:
        """Whole numbers (nullable Int64); blanks and `unknown` codes are null, never 0."""
        values = self.text(column, required)
        values = values.where(~values.isin(unknown), None)
        numbers = pd.to_numeric(values, errors="coerce")
        whole = numbers.notna() & (numbers % 1 == 0)
        self.fail(values.notna() & ~whole, column, lambda v: f"{v!r} is not a whole number", values)
        return numbers.where(whole).astype("Int64")

    def count(self, column: str, unknown: tuple[str, ...] = ()) -> pd.Series:
        """Counts of people: whole and not negative; unknown codes and blanks null."""
        numbers = self.integer(column, unknown)
        self.fail(numbers.fillna(0) < 0, column, lambda v: f"{v} is negative", numbers)
        return numbers

    def coordinate(self, column: str, limit: float) -> pd.Series:
        """Latitudes (limit 90) or longitudes (limit 180) in decimal degrees, NaN when blank."""
        values = self.text(column)
        numbers = pd.to_numeric(values, errors="coerce")
        self.fail(values.notna() & numbers.isna(), column, lambda v: f"{v!r} is not a number", values)
        self.fail(numbers.abs() > limit, column, lambda v: f"{v} is out of range [-{limit:g}, {limit:g}]", numbers)
        return numbers

    def choice(self, column: str, mapping: dict[str, object], required: bool = True) -> pd.Series:
        """Coded cells looked up in `mapping` (keys are the file's codes)."""
        values = self.text(column, required)
        self.fail(values.notna() & ~values.isin(list(mapping)), column,
                  lambda v: f"{v!r} is not one of {', '.join(map(str, mapping))}", values)
        return values.map(mapping)
