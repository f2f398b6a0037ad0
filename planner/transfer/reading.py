"""Reading an uploaded spreadsheet (.xlsx or CSV) into a bounded table of plain cells.

Nothing here trusts the file: its size, its unpacked size, the number of rows and columns and
the length of each cell are capped before anything is kept, formulas are never evaluated
(a formula cell is kept as a marker and refused row by row), and every way a file can be
unreadable ends in a FileProblem with a Swedish message, never in an exception page.

Cells are JSON values, so the table can travel signed between the preview and the save:
text, int, float, None, ["date", "2026-03-01"], ["formula", "=…"] or ["long", length].
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l

from planner.forms import clean_text
from planner.transfer.columns import CELL_LIMIT
from planner.transfer.export import FORMULA_START
from planner.transfer.limits import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    Budget,
    FileProblem,
    too_many_rows,
)
from planner.transfer.workbook import NotAWorkbook, check_workbook

__all__ = ["MAX_BYTES", "Cell", "FileProblem", "Table", "read_table"]

Cell = object  # str | int | float | None | list (see the module's docstring)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Cell]]  # each row starts with its row number as the spreadsheet shows it

    def to_json(self) -> dict:
        return {"headers": self.headers, "rows": self.rows}

    @classmethod
    def from_json(cls, data: dict) -> Table:
        return cls(list(data["headers"]), [list(row) for row in data["rows"]])


NOT_XLSX = _l(
    "Filen är inte en giltig Excel-fil (.xlsx). Spara den som Excel-arbetsbok (.xlsx) eller "
    "som CSV och försök igen."
)


def text_cell(value: str) -> Cell:
    """A text cell cleaned of control characters; too long a text is kept as its length."""
    value = clean_text(value.replace("\r\n", "\n"))
    if len(value) > CELL_LIMIT:
        return ["long", len(value)]
    return value


def _xlsx_cell(cell) -> Cell:
    value = cell.value
    if value is None:
        return None
    if getattr(cell, "data_type", None) == "f":
        return ["formula", str(value)[:100]]
    if isinstance(value, datetime):
        return ["date", value.date().isoformat()]
    if isinstance(value, date):
        return ["date", value.isoformat()]
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int | float):
        return value
    return text_cell(str(value))


def _rows_with_header(raw_rows, convert, budget: Budget) -> Table:
    """The first non-empty row is the header; empty rows are skipped; the caps apply (before
    a row's cells are converted with ``convert``)."""
    headers: list[str] | None = None
    rows: list[list[Cell]] = []
    for number, raw in raw_rows:
        budget.row(number, len(raw))
        cells = [convert(value) for value in raw[:MAX_COLUMNS]]
        if all(c is None or c == "" for c in cells):
            continue
        if headers is None:
            headers = [_header_text(c) for c in cells]
            continue
        if len(rows) >= MAX_ROWS:
            raise too_many_rows()
        rows.append([number, *cells])
    if headers is None:
        raise FileProblem(_l("Filen är tom: den har varken rubrikrad eller rader under den."))
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    for row in rows:
        del row[width + 1 :]
        row.extend([None] * (width + 1 - len(row)))
    if not rows:
        raise FileProblem(_l("Filen har en rubrikrad men inga rader under den."))
    return Table(headers, rows)


def _header_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, list):
        return str(cell[1])[:100] if cell[0] != "long" else ""
    return str(cell)[:100]


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    budget = Budget()
    try:
        check_workbook(data, budget)
    except NotAWorkbook as error:
        raise FileProblem(NOT_XLSX) from error
    try:
        # read_only streams the sheet; data_only=False so a formula is seen as a formula
        # (and refused), never its cached result taken as if someone had typed it.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # any of a dozen parser errors: the file is not a workbook
        raise FileProblem(NOT_XLSX) from error
    try:
        if not workbook.worksheets:
            raise FileProblem(NOT_XLSX)
        sheet = workbook.worksheets[0]
        raw = enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1)
        try:
            # What openpyxl hands over is counted anew, against the same clock.
            return _rows_with_header(raw, _xlsx_cell, Budget(budget.deadline))
        except FileProblem:
            raise
        except Exception as error:  # broken XML inside a valid zip
            raise FileProblem(NOT_XLSX) from error
    finally:
        workbook.close()


def decode(data: bytes) -> str:
    """UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 (Swedish Excel's CSV)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The separator of the first line: semicolon, comma or tab, whichever occurs most
    outside quotes (semicolon when none does)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _csv_cell(value: str) -> Cell:
    if value == "":
        return None
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return text_cell(value[1:])  # our export's neutralised cell, taken back as text
    if value.startswith("="):
        return ["formula", value[:100]]
    return text_cell(value)


def read_csv(data: bytes) -> Table:
    text = decode(data).replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return _rows_with_header(enumerate(reader, start=1), _csv_cell, Budget())
    except csv.Error as error:
        raise FileProblem(
            _l(
                "Filen kunde inte läsas som CSV (en cell är för lång eller ett citattecken "
                "saknar sin motsvarighet). Kontrollera filen och försök igen."
            )
        ) from error


def read_table(filename: str, data: bytes) -> Table:
    """The uploaded file as a table, or FileProblem."""
    if not data:
        raise FileProblem(_l("Filen är tom."))
    if len(data) > MAX_BYTES:
        raise FileProblem(_l("Filen är större än 5 MB. Dela upp den i flera filer."))
    name = filename.lower()
    if name.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(
            _l("Det gamla Excel-formatet (.xls) kan inte läsas. Spara filen som .xlsx eller CSV.")
        )
    if name.endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
        return read_xlsx(data)
    if name.endswith((".csv", ".txt", ".tsv")):
        return read_csv(data)
    raise FileProblem(_l("Välj en fil av typen .xlsx eller .csv."))
