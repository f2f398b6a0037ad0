"""A plan's activities and an organisation's wheel as spreadsheets (xlsx and CSV).

Pure functions from rows to bytes. Text is always written as text: in xlsx a string that
starts with "=" stays a string (never a formula), and in CSV every cell that a spreadsheet
program would take for a formula is neutralised with a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.extensions import db
from planner.plans.models import Activity, Plan, PlanArea
from planner.transfer.columns import (
    AREA,
    COLUMNS,
    COMMENT,
    DESCRIPTION,
    DUE,
    EMAIL,
    FOLLOW_UP,
    GOAL,
    ID,
    ORGANISATIONS,
    PERCENT,
    RESPONSIBLE,
    ROLE,
    START,
    STATUS,
    TITLE,
    VERSION,
    latest_comment,
)

ISO_DATE = "yyyy-mm-dd"
# What Excel, LibreOffice and Google Sheets start a formula (or a DDE call) with.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ORGANISATION_SEPARATOR = "; "
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def plan_activities(plan: Plan) -> list[Activity]:
    """The plan's activities in the plan's order: area, due date, then entry order."""
    return list(
        db.session.scalars(
            select(Activity)
            .join(PlanArea, Activity.area_id == PlanArea.id)
            .where(Activity.plan_id == plan.id)
            .options(
                selectinload(Activity.organisations),
                selectinload(Activity.updates),
                selectinload(Activity.area),
                selectinload(Activity.goal),
            )
            .order_by(
                PlanArea.position, Activity.due_date.is_(None), Activity.due_date, Activity.id
            )
        )
    )


def activity_values(activity: Activity) -> dict[str, object]:
    """One activity as the spreadsheet's cells (dates as dates, percent as a number)."""
    return {
        ID: activity.id,
        AREA: activity.area.label,
        GOAL: activity.goal.title if activity.goal else "",
        TITLE: activity.title,
        DESCRIPTION: activity.description,
        RESPONSIBLE: activity.responsible_name,
        ROLE: activity.responsible_role,
        EMAIL: activity.responsible_email,
        ORGANISATIONS: ORGANISATION_SEPARATOR.join(o.name for o in activity.organisations),
        START: activity.start_date,
        DUE: activity.due_date,
        FOLLOW_UP: activity.follow_up_date,
        STATUS: activity.status_label,
        PERCENT: activity.percent,
        COMMENT: latest_comment(activity),
        VERSION: activity.version,
    }


def neutralise(value: object) -> str:
    """A CSV cell as text that no spreadsheet program will run as a formula."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=None if value == "" else value)
    if isinstance(value, str) and value:
        cell.data_type = "s"  # openpyxl would take "=…" for a formula
    elif isinstance(value, date):
        cell.number_format = ISO_DATE
    return cell


def write_sheet(
    sheet: WriteOnlyWorksheet,
    headers: Sequence[str],
    widths: Sequence[int],
    rows: Iterable[Sequence[object]],
) -> None:
    """A header row, frozen and auto-filtered; dates with the ISO format; strings as strings.
    Write-only: rows stream to the file, so time grows with the rows, not their square."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 1
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count}"


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def plan_xlsx(plan: Plan, activities: Sequence[Activity]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Aktiviteter")
    values = [activity_values(a) for a in activities]
    write_sheet(
        sheet,
        [c.header for c in COLUMNS],
        [c.width for c in COLUMNS],
        ([v[c.key] for c in COLUMNS] for v in values),
    )
    workbook.properties.title = plan.title[:250]
    return workbook_bytes(workbook)


def plan_csv(activities: Sequence[Activity]) -> bytes:
    """UTF-8 with BOM, semicolons and CRLF: what Swedish Excel opens without asking."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    for activity in activities:
        values = activity_values(activity)
        writer.writerow([neutralise(values[c.key]) for c in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def wheel_xlsx(events: Sequence, months: Sequence, year: int, labels: dict) -> bytes:
    """The wheel's events (one row each, with their rule) and the year's occurrences."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Händelser")
    write_sheet(
        sheet,
        ["ID", "Händelse", "Kategori", "Område", "Startdatum", "Tid", "Längd (min)"]
        + ["Upprepning", "Till och med", "Beskrivning", "Antal dagar"],
        [8, 40, 22, 8, 12, 8, 12, 36, 14, 50, 12],
        (
            [
                e.id,
                e.title,
                e.category_label,
                e.area_code or "",
                e.start_date,
                e.start_time.strftime("%H:%M") if e.start_time else "",
                e.duration_minutes,
                str(labels.get(e.recurrence, e.recurrence)),
                e.until,
                e.description,
                e.span_days,
            ]
            for e in events
        ),
    )
    year_sheet = workbook.create_sheet(f"År {year}")
    write_sheet(
        year_sheet,
        ["Datum", "Månad", "Händelse", "Ring", "Genomförd", "Sista dag"],
        [12, 12, 45, 28, 12, 12],
        (
            [o.day, month, o.title, o.ring_label, "Ja" if o.done else "", o.end]
            for month, items in months
            for o in items
        ),
    )
    return workbook_bytes(workbook)
