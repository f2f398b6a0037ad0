"""How fast crafted spreadsheets that ask for unbounded work are refused (the workbooks of
tests/transfer/test_import_limits.py), read directly with read_table.

    .venv/bin/python bench/hostile_import.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' workbook helpers

from planner import create_app  # noqa: E402
from planner.transfer.limits import MAX_CELLS, MAX_CELLS_PER_ROW  # noqa: E402
from planner.transfer.reading import FileProblem, read_table  # noqa: E402
from tests.transfer.helpers import crafted, header_row, sheet  # noqa: E402


def files() -> dict[str, tuple[str, bytes]]:
    shared = b"<sst>" + b"<si><t>x</t></si>" * (MAX_CELLS + 1) + b"</sst>"
    wide_csv = "Område;Aktivitet\r\nG1;" + ";" * MAX_CELLS_PER_ROW
    return {
        "one row of 6,000,000 empty cells": (
            "plan.xlsx",
            crafted(sheet(b'<row r="1">' + b"<c/>" * 6_000_000 + b"</row>")),
        ),
        "100,000 rows written '<row\\t'": (
            "plan.xlsx",
            crafted(sheet(header_row(b'<row\tr="1">') + b"<row\t><c/></row>" * 100_000)),
        ),
        "51 rows of 10,000 cells": (
            "plan.xlsx",
            crafted(sheet(header_row() + (b"<row>" + b"<c/>" * 10_000 + b"</row>") * 51)),
        ),
        "500,001 shared texts": ("plan.xlsx", crafted({"xl/sharedStrings.xml": shared})),
        "CSV row of 16,385 cells": ("plan.csv", wide_csv.encode()),
    }


def main() -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "bench"})
    with app.test_request_context():
        for label, (name, data) in files().items():
            start = time.perf_counter()
            try:
                read_table(name, data)
                message = "NOT REFUSED"
            except FileProblem as problem:
                message = str(problem)[:60]
            ms = (time.perf_counter() - start) * 1000
            print(f"{label:34} {len(data) / 1024:7.0f} KiB  {ms:7.0f} ms  {message}")


if __name__ == "__main__":
    main()
