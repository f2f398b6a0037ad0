"""Reading one spreadsheet row: cells as text, dates and percent, with each problem worded
in Swedish for the preview."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from planner.clock import EARLIEST, LATEST
from planner.transfer import columns as c
from planner.transfer.reading import Cell


def show(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]00:00(?::00)?)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
    re.compile(r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})$"),
)


def parse_date(text: str) -> date | None:
    """2026-03-01 (also 20260301, 1/3/2026 and 1.3.2026, day first as in Sweden); None when
    it is no date between 1990 and 2100."""
    for pattern in _DATE_FORMATS:
        match = pattern.match(text.strip())
        if match:
            try:
                day = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
            return day if EARLIEST <= day <= LATEST else None
    return None


def parse_percent(value: Cell) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = str(value).strip().rstrip("%").strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
    if number != number or not number.is_integer() or not 0 <= number <= 100:
        return None
    return int(number)


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_decimal(value: Cell) -> Decimal | None:
    """A number as a spreadsheet gives it (85.5) or as Swedes type it ("85,5", "85,5 %",
    "1 234"); None when it is no finite number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = Decimal(str(value))
        return number if number.is_finite() else None
    if not isinstance(value, str):
        return None
    text = value.strip().rstrip("%").strip()
    text = re.sub(r"[\s\u00a0\u202f]", "", text).replace("\u2212", "-")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


class RowReader:
    """One row's cells by field, with the problems found while reading them."""

    def __init__(self, row: list[Cell], headers, mapping, number: int, columns=None) -> None:
        self.cells = {key: (row[i + 1], headers[i]) for i, key in enumerate(mapping) if key}
        self.number = number
        self.columns = columns or c.BY_KEY  # which spreadsheet's columns (their lengths)
        self.problems: list[str] = []

    def mapped(self, key: str) -> bool:
        return key in self.cells

    def problem(self, message: str) -> None:
        self.problems.append(_("Rad %(row)d: %(problem)s", row=self.number, problem=message))

    def raw(self, key: str) -> Cell:
        """The cell, or None when empty, a formula or too long (those are problems)."""
        if key not in self.cells:
            return None
        value, header = self.cells[key]
        if isinstance(value, list):
            kind, detail = value
            if kind == "formula":
                self.problem(
                    _(
                        "formel i %(column)s tas inte emot (%(formula)s). Skriv in värdet i "
                        "stället.",
                        column=header,
                        formula=show(detail),
                    )
                )
                return None
            if kind == "long":
                self.problem(too_long(header, detail, self.columns[key].max_length))
                return None
            return value
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, key: str) -> str:
        value = self.raw(key)
        if value is None:
            return ""
        if isinstance(value, list):  # a date in a text column: take it as written
            value = value[1]
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        limit = self.columns[key].max_length
        if len(text) > limit:
            self.problem(too_long(self.cells[key][1], len(text), limit))
            return ""
        return text

    def decimal(self, key: str) -> Decimal | None:
        """The cell as an exact number; a problem when it holds something else."""
        value = self.raw(key)
        if value is None:
            return None
        number = parse_decimal(value)
        if number is None:
            self.problem(
                _(
                    "ogiltigt tal '%(value)s' i %(column)s (skriv till exempel 85,5)",
                    value=show(value[1] if isinstance(value, list) else value),
                    column=self.cells[key][1],
                )
            )
        return number

    def date(self, key: str) -> date | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, list) and value[0] == "date":
            day = date.fromisoformat(value[1])
            if EARLIEST <= day <= LATEST:
                return day
            value = value[1]
        elif isinstance(value, str):
            day = parse_date(value)
            if day is not None:
                return day
        self.problem(
            _(
                "ogiltigt datum '%(value)s' i %(column)s (skriv datumet som 2026-03-01)",
                value=show(value),
                column=self.cells[key][1],
            )
        )
        return None


def too_long(header: str, length: int, limit: int) -> str:
    return _(
        "texten i %(column)s är för lång (%(length)d tecken, högst %(max)d)",
        column=header,
        length=length,
        max=limit,
    )
