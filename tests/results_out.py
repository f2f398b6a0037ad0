"""Measures and values for the tests of results' outputs (import/export, backup, report,
wheel and feed), made as plain rows with the period rules of planner.results.periods."""

from __future__ import annotations

from decimal import Decimal

from planner.extensions import db
from planner.results.models import Measure, MeasureValue
from planner.results.periods import parse_period


def make_measure(plan, name: str = "Följsamhet till BHK", **overrides) -> Measure:
    values = {
        "name": name,
        "unit": "percent",
        "direction": "higher",
        "rhythm": "quarterly",
        "area_code": "F3",
        "target": Decimal("90"),
    }
    values.update(overrides)
    for key in ("target", "warning", "baseline_value"):
        if isinstance(values.get(key), str):
            values[key] = Decimal(values[key])
    measure = Measure(plan=plan, **values)
    db.session.add(measure)
    db.session.flush()
    return measure


def record(measure: Measure, organisation, period: str, value: str, **extra) -> MeasureValue:
    found = parse_period(measure.rhythm, period)
    for key in ("numerator", "denominator"):
        if isinstance(extra.get(key), str):
            extra[key] = Decimal(extra[key])
    row = MeasureValue(
        measure=measure,
        organisation=organisation,
        period=found.key,
        period_start=found.start,
        period_end=found.end,
        value=Decimal(value),
        recorded_by=extra.pop("recorded_by", "Anna Test"),
        **extra,
    )
    db.session.add(row)
    db.session.flush()
    return row
