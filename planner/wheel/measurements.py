"""A measure's measurement periods on the annual wheel and in the calendar feed (opt-in per
measure: ``Measure.on_wheel``).

Each period of the measure's rhythm is one entry on the period's last day, the day its value
is to be measured by: "Mätning: BHK, kvartal 1 2026". Dated measurements have no schedule, so
they have no entries. Measures of archived plans are left out, as their activities are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from planner.extensions import db
from planner.plans.models import Plan
from planner.results.models import Measure, MeasureValue
from planner.results.periods import Period, periods_between
from planner.wheel.models import CATEGORIES

CATEGORY = "matning"  # the wheel's own category for measurements: they share its ring


@dataclass(frozen=True)
class Measurement:
    measure_id: int
    name: str
    area_code: str
    definition: str
    period: Period
    sequence: int  # the measure's version: a changed rhythm or name is a changed entry
    modified: datetime
    recorded: bool  # a value has been entered for the period (for any organisation)

    @property
    def day(self) -> date:
        return self.period.end

    @property
    def category_label(self) -> str:
        return str(CATEGORIES[CATEGORY])

    @property
    def title(self) -> str:
        return f"Mätning: {self.name}, {self.period.label}"

    @property
    def key(self) -> str:
        """Stable identity of the entry (the feed's UID): the measure and the period's key."""
        return f"measurement:{self.measure_id}:{self.period.key}"


def wheel_measures_statement(org_ids: Iterable[int], areas: Iterable[str] = ()):
    """The opted-in measures of the organisations' plans that are not archived."""
    stmt = (
        select(Measure)
        .join(Plan, Measure.plan_id == Plan.id)
        .where(
            Plan.organisation_id.in_(list(org_ids)),
            Plan.status != "arkiverad",
            Measure.on_wheel.is_(True),
        )
        .order_by(Measure.id)
    )
    areas = list(areas)
    if areas:
        stmt = stmt.where(Measure.area_code.in_(areas))
    return stmt


def measurements(
    measures: Iterable[Measure], first: date, last: date, recorded: set | None = None
) -> list[Measurement]:
    """The measures' periods that end between ``first`` and ``last``. ``recorded``: the
    (measure id, period key) pairs that have a value (see ``recorded_periods``)."""
    found = []
    for measure in measures:
        for period in periods_between(measure.rhythm, first, last):
            if first <= period.end <= last:
                found.append(
                    Measurement(
                        measure.id,
                        measure.name,
                        measure.area_code,
                        measure.definition,
                        period,
                        measure.version,
                        measure.updated_at,
                        (measure.id, period.key) in (recorded or ()),
                    )
                )
    return found


def recorded_periods(measures: Iterable[Measure]) -> set[tuple[int, str]]:
    """Which of the measures' periods have a value, in one query."""
    ids = [m.id for m in measures]
    if not ids:
        return set()
    rows = db.session.execute(
        select(MeasureValue.measure_id, MeasureValue.period)
        .where(MeasureValue.measure_id.in_(ids))
        .distinct()
    )
    return {(measure_id, period) for measure_id, period in rows}


def organisation_measurements(org_id: int, first: date, last: date) -> list[Measurement]:
    """What an organisation's wheel shows of its plans' measures between two days."""
    measures = list(db.session.scalars(wheel_measures_statement([org_id])))
    return measurements(measures, first, last, recorded_periods(measures))
