"""A plan's measures and their values as spreadsheets: xlsx (the values first, so the file can
be imported again as it is, and the measures on a second sheet) and CSV (the values).

Pure functions from rows to bytes, with export.py's rules: text stays text, CSV cells that a
spreadsheet would run as formulas are neutralised. Numbers are numbers in xlsx and written with
a decimal comma in CSV, as Swedish Excel reads them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from planner.clock import to_local
from planner.extensions import db
from planner.plans.models import Plan
from planner.plans.template import AREA_CODES
from planner.results.models import DIRECTIONS, Measure, MeasureValue
from planner.results.numbers import format_number
from planner.results.periods import latest_ended, parse_period
from planner.results.state import STATES, target_state
from planner.transfer import value_columns as v
from planner.transfer.export import neutralise, workbook_bytes, write_sheet


def plan_measures(plan: Plan) -> list[Measure]:
    """The plan's measures in the plan's order (area G1–F5, position, name), goals loaded."""
    found = db.session.scalars(
        select(Measure).where(Measure.plan_id == plan.id).options(selectinload(Measure.goal))
    )
    return sorted(found, key=lambda m: (area_order(m.area_code), m.position, m.name, m.id))


def area_order(code: str) -> int:
    return AREA_CODES.index(code) if code in AREA_CODES else len(AREA_CODES)


def plan_values(measures: Sequence[Measure]) -> list[MeasureValue]:
    """Every value of ``measures``: by measure (in their order), period, then organisation."""
    order = {m.id: n for n, m in enumerate(measures)}
    rows = db.session.scalars(
        select(MeasureValue)
        .where(MeasureValue.measure_id.in_(order))
        .options(joinedload(MeasureValue.organisation))
    ).all()
    # Each row's measure is already in the session: reaching it costs no query.
    return sorted(
        rows,
        key=lambda r: (order[r.measure_id], r.period_start, r.organisation.name, r.id),
    )


def _number(value: Decimal | None) -> int | float | None:
    """A stored number as a spreadsheet cell: a whole number stays whole."""
    if value is None:
        return None
    value = Decimal(value).normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def value_cells(row: MeasureValue) -> dict[str, object]:
    measure = row.measure
    state = target_state(measure.direction, measure.target, measure.warning, row.value)
    return {
        v.MEASURE_ID: measure.id,
        v.MEASURE: measure.name,
        v.AREA: measure.area_code,
        v.ORGANISATION: row.organisation.name,
        v.PERIOD: row.period,
        v.PERIOD_LABEL: parse_period(measure.rhythm, row.period).label,
        v.VALUE: _number(row.value),
        v.NUMERATOR: _number(row.numerator),
        v.DENOMINATOR: _number(row.denominator),
        v.UNIT: measure.unit_label,
        v.TARGET: _number(measure.target),
        v.STATE: str(STATES[state]) if state else "",
        v.COMMENT: row.comment,
        v.RECORDED_BY: row.recorded_by,
        v.RECORDED_AT: to_local(row.recorded_at).date() if row.recorded_at else None,
        v.VERSION: row.version,
    }


def measure_cells(measure: Measure) -> list[object]:
    return [
        measure.id,
        measure.name,
        measure.area_code,
        measure.goal.title if measure.goal else "",
        measure.definition,
        measure.numerator_text,
        measure.denominator_text,
        measure.unit_label,
        str(DIRECTIONS.get(measure.direction, measure.direction)),
        _number(measure.target),
        _number(measure.warning),
        _number(measure.baseline_value),
        measure.baseline_date,
        measure.rhythm_label,
        measure.source,
        "Ja" if measure.on_wheel else "Nej",
    ]


def values_xlsx(plan: Plan, measures: Sequence[Measure], values: Sequence[MeasureValue]) -> bytes:
    workbook = Workbook(write_only=True)
    write_sheet(
        workbook.create_sheet("Värden"),
        [c.header for c in v.COLUMNS],
        [c.width for c in v.COLUMNS],
        ([cells[c.key] for c in v.COLUMNS] for cells in map(value_cells, values)),
    )
    write_sheet(
        workbook.create_sheet("Mått"),
        [header for header, _width in v.MEASURE_HEADERS],
        [width for _header, width in v.MEASURE_HEADERS],
        (measure_cells(m) for m in measures),
    )
    workbook.properties.title = plan.title[:250]
    return workbook_bytes(workbook)


def fill_in_rows(measures: Sequence[Measure], values: Sequence[MeasureValue], today) -> list:
    """A row to fill in for each measure's latest ended period and each organisation that has
    reported the measure before (the plan's own organisation when none has), unless its value
    is already there: the file to send round to the units, and to import back."""
    reported: dict[int, dict[int, str]] = {}
    have = set()
    for row in values:
        reported.setdefault(row.measure_id, {})[row.organisation_id] = row.organisation.name
        have.add((row.measure_id, row.organisation_id, row.period))
    rows = []
    for measure in measures:
        period = latest_ended(measure.rhythm, today)
        if period is None:
            continue
        organisations = reported.get(measure.id) or {
            measure.plan.organisation_id: measure.plan.organisation.name
        }
        for org_id, name in sorted(organisations.items(), key=lambda item: item[1]):
            if (measure.id, org_id, period.key) in have:
                continue
            cells = dict.fromkeys((c.key for c in v.COLUMNS), None)
            cells.update(
                {
                    v.MEASURE_ID: measure.id,
                    v.MEASURE: measure.name,
                    v.AREA: measure.area_code,
                    v.ORGANISATION: name,
                    v.PERIOD: period.key,
                    v.PERIOD_LABEL: period.label,
                    v.UNIT: measure.unit_label,
                    v.TARGET: _number(measure.target),
                }
            )
            rows.append([cells[c.key] for c in v.COLUMNS])
    return rows


def fill_in_xlsx(plan: Plan, rows: list) -> bytes:
    workbook = Workbook(write_only=True)
    write_sheet(
        workbook.create_sheet("Att fylla i"),
        [c.header for c in v.COLUMNS],
        [c.width for c in v.COLUMNS],
        rows,
    )
    workbook.properties.title = plan.title[:250]
    return workbook_bytes(workbook)


def _csv_text(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value).replace("\u2212", "-")
    return neutralise(value)


def rows_csv(headers: Sequence[str], rows) -> bytes:
    """UTF-8 with BOM, semicolons, decimal commas and CRLF: what Swedish Excel opens."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def values_csv(values: Sequence[MeasureValue]) -> bytes:
    return rows_csv(
        [c.header for c in v.COLUMNS],
        ([cells[c.key] for c in v.COLUMNS] for cells in map(value_cells, values)),
    )


def measures_csv(measures: Sequence[Measure]) -> bytes:
    return rows_csv([header for header, _width in v.MEASURE_HEADERS], map(measure_cells, measures))
