"""Reading results: each measure's series over time, its latest value against target, its trend,
which period is due, and the latest value of every unit — in a fixed number of queries however
many values there are (the database groups; Python only reads one row per period).

A plan's value for a period is its own organisation's value when one is entered (the official
figure); otherwise it is compiled from the units' values: a percent or a rate from the summed
numerators and denominators when every unit gave them, a count as the sum, anything else as the
mean of the units' values.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.orm import aliased

from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans.models import Plan
from planner.results.due import due_period
from planner.results.models import COUNT, LOWER, Measure, MeasureValue
from planner.results.periods import Period
from planner.results.state import MET, MISSED, NEAR, UNJUDGED, Judgement, judge, target_state
from planner.results.values import SCALES, stored


@dataclass(frozen=True)
class Point:
    """A measure's value for one period, as the plan sees it."""

    period: Period
    value: Decimal
    units: int  # how many organisations' values it is made of
    own: bool  # the plan's own organisation's value, not compiled from units


def _point(measure: Measure, row, own_org_id: int | None) -> Point:
    period = Period(row.start, row.end, row.period, measure.rhythm)
    if row.own is not None:
        return Point(period, row.own, 1, True)
    whole = row.n_numerator == row.n == row.n_denominator
    if measure.unit in SCALES and whole and row.denominator:
        value = stored(row.numerator / row.denominator * SCALES[measure.unit])
    elif measure.unit == COUNT:
        value = row.total
    else:
        value = stored(row.total / row.n)
    return Point(period, value, row.n, False)


def _grouped(condition, own_org_id: int | None):
    """One row per measure and period among the values ``condition`` selects: sums and counts
    to compile the plan's value from, read along the (measure, period start) index.
    ``own_org_id``: the organisation whose own value is the plan's; None: each measure's
    plan's organisation (measures of several plans, as the regional roll-up compares them)."""
    v = MeasureValue
    own_org = Plan.organisation_id if own_org_id is None else own_org_id
    statement = (
        select(
            v.measure_id,
            v.period_start.label("start"),
            func.max(v.period).label("period"),
            func.max(v.period_end).label("end"),
            func.count().label("n"),
            func.sum(v.value).label("total"),
            func.sum(v.numerator).label("numerator"),
            func.sum(v.denominator).label("denominator"),
            func.count(v.numerator).label("n_numerator"),
            func.count(v.denominator).label("n_denominator"),
            func.max(case((v.organisation_id == own_org, v.value))).label("own"),
        )
        .where(condition)
        .group_by(v.measure_id, v.period_start)
        .order_by(v.measure_id, v.period_start)
    )
    if own_org_id is None:
        statement = statement.join(Measure, Measure.id == v.measure_id).join(
            Plan, Plan.id == Measure.plan_id
        )
    return db.session.execute(statement).all()


def _points(measures: list[Measure], rows, own_org_id: int | None) -> dict[int, list[Point]]:
    by_id = {m.id: m for m in measures}
    found: dict[int, list[Point]] = {m.id: [] for m in measures}
    for row in rows:
        found[row.measure_id].append(_point(by_id[row.measure_id], row, own_org_id))
    return found


def series(measures: list[Measure], own_org_id: int | None) -> dict[int, list[Point]]:
    """Each measure's points, oldest first, from one grouped query (a chart's line)."""
    condition = MeasureValue.measure_id.in_([m.id for m in measures])
    return _points(measures, _grouped(condition, own_org_id), own_org_id)


def recent_series(measures: list[Measure], own_org_id: int) -> dict[int, list[Point]]:
    """Each measure's latest two points (the latest value and the one before it), in two
    queries that read only those periods, however long each measure's history is."""
    newest, before, inner = aliased(MeasureValue), aliased(MeasureValue), aliased(MeasureValue)
    latest = (
        select(func.max(newest.period_start)).where(newest.measure_id == Measure.id)
    ).scalar_subquery()
    # Nested one level deeper, so it names the measure it correlates to explicitly.
    latest_again = (
        select(func.max(inner.period_start))
        .where(inner.measure_id == Measure.id)
        .correlate(Measure)
        .scalar_subquery()
    )
    previous = (
        select(func.max(before.period_start))
        .where(before.measure_id == Measure.id, before.period_start < latest_again)
        .correlate(Measure)
        .scalar_subquery()
    )
    starts = db.session.execute(
        select(Measure.id, latest, previous).where(Measure.id.in_([m.id for m in measures]))
    ).all()
    v = MeasureValue
    wanted = [
        and_(v.measure_id == ident, v.period_start.in_([d for d in (last, prior) if d]))
        for ident, last, prior in starts
        if last is not None
    ]
    condition = or_(*wanted) if wanted else false()
    return _points(measures, _grouped(condition, own_org_id), own_org_id)


@dataclass
class MeasureSummary:
    """A measure's line on the results page, the overview, an area page and the report."""

    measure: Measure
    points: list[Point]
    judgement: Judgement
    due: Period | None  # the period that has ended without a value yet

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def previous(self) -> Point | None:
        return self.points[-2] if len(self.points) > 1 else None


def summarise(measure: Measure, points: list[Point], today: date) -> MeasureSummary:
    latest = points[-1].value if points else None
    previous = points[-2].value if len(points) > 1 else None
    judgement = judge(
        measure.direction, measure.target, measure.warning, latest, previous,
        measure.baseline_value,
    )  # fmt: skip
    due = due_period(measure.rhythm, today, {p.period.key for p in points})
    return MeasureSummary(measure, points, judgement, due)


def plan_measures(plan_id: int) -> list[Measure]:
    return list(
        db.session.scalars(
            select(Measure)
            .where(Measure.plan_id == plan_id)
            .order_by(Measure.area_code, Measure.position, Measure.id)
        )
    )


def plan_summaries(plan: Plan, today: date, area_code: str | None = None) -> list[MeasureSummary]:
    """Every measure of the plan (or of one area) with its latest value and the one before,
    in three queries (``points`` holds those two only)."""
    measures = plan_measures(plan.id)
    if area_code is not None:
        measures = [m for m in measures if m.area_code == area_code]
    points = recent_series(measures, plan.organisation_id)
    return [summarise(m, points[m.id], today) for m in measures]


def state_counts(summaries: list[MeasureSummary]) -> dict[str, Counter]:
    """Per area code, how many of its measures are met, near, missed or not judged (and
    "none": no value yet)."""
    counts: dict[str, Counter] = {}
    for s in summaries:
        counts.setdefault(s.measure.area_code, Counter())[s.judgement.state or "none"] += 1
    return counts


STATE_ORDER = (MET, NEAR, MISSED, UNJUDGED, "none")


@dataclass(frozen=True)
class UnitLatest:
    """One organisation's latest value of a measure (the comparison across units)."""

    organisation: Organisation
    value: MeasureValue
    state: str | None


def latest_per_organisation(measure: Measure) -> list[UnitLatest]:
    """Each organisation's latest value, best first in the measure's direction (highest
    first when it has none), in one query."""
    v = MeasureValue
    # A rhythm's keys sort in time order ("2026-03" < "2026-11", "2026-Q1" < "2026-Q2"), so the
    # unique index (measure, organisation, period) finds each organisation's latest directly.
    latest = (
        select(v.organisation_id, func.max(v.period).label("period"))
        .where(v.measure_id == measure.id)
        .group_by(v.organisation_id)
        .subquery()
    )
    rows = db.session.execute(
        select(v, Organisation)
        .join(
            latest,
            and_(v.organisation_id == latest.c.organisation_id, v.period == latest.c.period),
        )
        .join(Organisation, Organisation.id == v.organisation_id)
        .where(v.measure_id == measure.id)
    ).all()
    found = [
        UnitLatest(
            org,
            value,
            target_state(measure.direction, measure.target, measure.warning, value.value),
        )
        for value, org in rows
    ]
    found.sort(key=lambda u: (u.value.value, u.organisation.name))
    if measure.direction != LOWER:
        found.sort(key=lambda u: u.value.value, reverse=True)
    return found


def organisation_series(measure: Measure, organisation_id: int) -> list[MeasureValue]:
    """One organisation's values of a measure, oldest first."""
    return list(
        db.session.scalars(
            select(MeasureValue)
            .where(
                MeasureValue.measure_id == measure.id,
                MeasureValue.organisation_id == organisation_id,
            )
            .order_by(MeasureValue.period_start)
        )
    )


def as_points(measure: Measure, values: list[MeasureValue]) -> list[Point]:
    return [
        Point(Period(v.period_start, v.period_end, v.period, measure.rhythm), v.value, 1, True)
        for v in values
    ]
