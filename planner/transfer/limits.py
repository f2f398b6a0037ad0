"""What reading one uploaded spreadsheet may cost, and the Swedish refusals when a file asks
for more. Every limit here is stated in the README ("Gränser för import")."""

from __future__ import annotations

import time

from flask_babel import lazy_gettext as _l

from planner.rules import RuleError

MAX_BYTES = 5 * 1024 * 1024  # the upload itself
MAX_UNPACKED = 25 * 1024 * 1024  # an xlsx's contents once unzipped (a zip bomb stops here)
MAX_MEMBERS = 500  # files inside an xlsx
MAX_ROWS = 5000  # data rows, not counting the header
MAX_SCANNED_ROWS = 4 * MAX_ROWS  # rows looked at, empty ones included
MAX_COLUMNS = 40  # columns read; cells further right are ignored
MAX_CELLS_PER_ROW = 16_384  # cells in one row, empty ones included (Excel's own width)
MAX_CELLS = 500_000  # cells in the whole file, empty ones included
MAX_SHARED_TEXTS = MAX_CELLS  # an xlsx's table of texts (each belongs to at least one cell)
MAX_PART_ELEMENTS = 50_000  # XML elements in any other part of an xlsx (styles, workbook …)
MAX_SECONDS = 10.0  # reading, checking included


class FileProblem(RuleError):
    """The file as a whole cannot be imported; the message says why, in Swedish."""


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")  # 16 384, as Swedes write it


def too_many_rows() -> FileProblem:
    return FileProblem(
        _l(
            "Filen har fler än %(max)s rader. Dela upp den i flera filer med högst %(max)s "
            "rader i varje.",
            max=_number(MAX_ROWS),
        )
    )


def too_many_cells_in_row(row: int | str) -> FileProblem:
    return FileProblem(
        _l(
            "Filen har för många celler på rad %(row)s (högst %(max)s, tomma celler "
            "inräknade). Spara bara de kolumner som ska importeras.",
            row=row,
            max=_number(MAX_CELLS_PER_ROW),
        )
    )


def too_many_cells() -> FileProblem:
    return FileProblem(
        _l(
            "Filen har för många celler (högst %(max)s, tomma celler inräknade). Spara bara "
            "de rader och kolumner som ska importeras.",
            max=_number(MAX_CELLS),
        )
    )


def too_many_parts(part: str) -> FileProblem:
    return FileProblem(
        _l(
            "Filen innehåller för mycket utöver själva tabellen (%(part)s). Kopiera tabellen "
            "till en ny arbetsbok och försök igen.",
            part=part,
        )
    )


def too_slow() -> FileProblem:
    return FileProblem(
        _l(
            "Filen tog för lång tid att läsa (högst %(seconds)s sekunder). Dela upp den i "
            "flera mindre filer.",
            seconds=int(MAX_SECONDS),
        )
    )


class Budget:
    """Counts what a file has cost so far and refuses as soon as it asks for more: rows,
    cells per row, cells in all, seconds. Fed cell by cell, so a row of millions of cells is
    refused after the first few thousand."""

    def __init__(self, deadline: float | None = None) -> None:
        self.deadline = deadline if deadline is not None else time.monotonic() + MAX_SECONDS
        self.rows = 0
        self.cells = 0
        self.row_label: int | str = 0
        self.row_cells = 0

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise too_slow()

    def start_row(self, label: int | str | None = None) -> None:
        self.rows += 1
        if self.rows > MAX_SCANNED_ROWS:
            raise too_many_rows()
        self.row_label = label if label is not None else self.rows
        self.row_cells = 0
        self.check_time()

    def add_cells(self, count: int = 1) -> None:
        self.row_cells += count
        self.cells += count
        if self.row_cells > MAX_CELLS_PER_ROW:
            raise too_many_cells_in_row(self.row_label)
        if self.cells > MAX_CELLS:
            raise too_many_cells()
        if self.cells % 4096 < count:
            self.check_time()

    def row(self, label: int, cells: int) -> None:
        """A whole row at once (CSV, or a row already read)."""
        self.start_row(label)
        self.add_cells(cells)
