"""The yearly report's results chapter and the roll-up's comparison of shared measures, as
plain data (no live ORM rows reach the template).

Both read the plan's values as the results pages do (planner.results.queries.series: the
plan's own organisation's value, else one compiled from its units), up to the end of the
report's year: a report of 2026 written in March 2027 does not judge 2026 by 2027's values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select

from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans.models import Plan
from planner.plans.template import AREA_CODES
from planner.results.display import measure_chart, with_unit
from planner.results.models import LOWER, Measure, MeasureValue
from planner.results.queries import Point, series
from planner.results.state import MET, MISSED, NEAR, STATES, UNJUDGED, target_state
from planner.transfer.columns import normalise


@dataclass(frozen=True)
class YearValue:
    period: str
    value: str
    state: str | None
    state_label: str
    units: int  # how many organisations' values it is compiled from (1: the plan's own)


@dataclass(frozen=True)
class MeasureReport:
    name: str
    goal: str
    unit: str
    target: str
    direction: str
    rhythm: str
    source: str
    chart: Markup
    values: tuple[YearValue, ...]  # the report year's, oldest first
    latest_period: str
    latest_value: str
    state: str | None  # of the latest value up to the year's end; None: no value
    state_label: str
    comments: tuple[tuple[str, str], ...]  # (organisation, comment) on the latest value


@dataclass(frozen=True)
class AreaResults:
    code: str
    title: str
    measures: tuple[MeasureReport, ...]


@dataclass(frozen=True)
class ResultsSummary:
    """How the plan's measures stood at the end of the year."""

    counts: dict[str, int]  # met, near, missed, unjudged, none
    total: int

    @property
    def met(self) -> int:
        return self.counts.get(MET, 0)

    @property
    def judged(self) -> int:
        return sum(self.counts.get(s, 0) for s in (MET, NEAR, MISSED))

    def rows(self) -> list[tuple[str, int]]:
        labels = [(s, str(STATES[s])) for s in (MET, NEAR, MISSED, UNJUDGED)]
        return [(label, self.counts.get(s, 0)) for s, label in labels] + [
            ("Inget värde", self.counts.get("none", 0))
        ]


def until(points: list[Point], year: int) -> list[Point]:
    return [p for p in points if p.period.start.year <= year]


def _state(measure: Measure, point: Point | None) -> str | None:
    if point is None:
        return None
    return target_state(measure.direction, measure.target, measure.warning, point.value)


def _state_label(state: str | None) -> str:
    return str(STATES[state]) if state else "Inget värde"


def _comments(measures: list[Measure], latest: dict[int, Point]) -> dict[int, list]:
    """The comments on each measure's latest period, per organisation, in one query."""
    if not latest:
        return {}
    rows = db.session.execute(
        select(
            MeasureValue.measure_id, MeasureValue.period, Organisation.name, MeasureValue.comment
        )
        .join(Organisation, Organisation.id == MeasureValue.organisation_id)
        .where(
            MeasureValue.measure_id.in_(list(latest)),
            MeasureValue.period.in_({p.period.key for p in latest.values()}),
            MeasureValue.comment != "",
        )
        .order_by(Organisation.name)
    )
    found: dict[int, list] = {}
    for measure_id, period, name, comment in rows:
        if latest[measure_id].period.key == period:
            found.setdefault(measure_id, []).append((name, comment))
    return found


def _measure_report(measure: Measure, points: list[Point], year: int, comments) -> MeasureReport:
    latest = points[-1] if points else None
    state = _state(measure, latest)
    return MeasureReport(
        name=measure.name,
        goal=measure.goal.title if measure.goal else "",
        unit=measure.unit_label,
        target=with_unit(measure, measure.target),
        direction=measure.direction_label,
        rhythm=measure.rhythm_label,
        source=measure.source,
        chart=measure_chart(measure, points, f"matt-{measure.id}"),
        values=tuple(
            YearValue(
                p.period.label,
                with_unit(measure, p.value),
                _state(measure, p),
                _state_label(_state(measure, p)),
                p.units,
            )
            for p in points
            if p.period.start.year == year
        ),
        latest_period=latest.period.label if latest else "",
        latest_value=with_unit(measure, latest.value) if latest else "–",
        state=state,
        state_label=_state_label(state),
        comments=tuple(comments),
    )


def gather_results(plan: Plan, year: int) -> tuple[tuple[AreaResults, ...], ResultsSummary]:
    """The plan's measures per area (in the plan's order) as the report shows them, and how
    many met their target; a fixed number of queries however many values there are."""
    measures = sorted(
        db.session.scalars(select(Measure).where(Measure.plan_id == plan.id)),
        key=lambda m: (m.position, m.name, m.id),
    )
    points = {m.id: until(found, year) for m, found in _series(measures, plan)}
    latest = {m_id: found[-1] for m_id, found in points.items() if found}
    comments = _comments(measures, latest)
    counts: Counter = Counter()
    areas = []
    titles = {a.code: a.title for a in plan.areas}
    for code in AREA_CODES:
        reports = tuple(
            _measure_report(m, points[m.id], year, comments.get(m.id, ()))
            for m in measures
            if m.area_code == code
        )
        counts.update(r.state or "none" for r in reports)
        if reports:
            areas.append(AreaResults(code, titles.get(code, code), reports))
    return tuple(areas), ResultsSummary(dict(counts), len(measures))


def _series(measures: list[Measure], plan: Plan) -> Iterable[tuple[Measure, list[Point]]]:
    found = series(measures, plan.organisation_id)
    return ((m, found.get(m.id, [])) for m in measures)


# --- the roll-up: each shared measure across the organisations --------------------------


@dataclass(frozen=True)
class SharedRow:
    organisation: str
    value: str
    period: str
    target: str
    state: str | None
    state_label: str


@dataclass(frozen=True)
class SharedMeasure:
    name: str
    met: int
    rows: tuple[SharedRow, ...]  # best first in the measure's direction, then without value


def shared_key(measure: Measure) -> str:
    """Which measures are "the same" across plans: the catalogue entry they came from, else
    the name as people mean it."""
    return f"katalog:{measure.catalogue_key}" if measure.catalogue_key else normalise(measure.name)


def compare_measures(chosen: dict[int, Plan | None], names: dict[int, str], year: int):
    """Each measure that two or more of the chosen plans follow, with every organisation's
    latest value up to the end of ``year``; a fixed number of queries."""
    plans = {p.id: (org_id, p) for org_id, p in chosen.items() if p is not None}
    measures = list(
        db.session.scalars(
            select(Measure).where(Measure.plan_id.in_(list(plans))).order_by(Measure.id)
        )
    )
    points = series(measures, None)
    groups: dict[str, list[Measure]] = {}
    for measure in measures:
        groups.setdefault(shared_key(measure), []).append(measure)
    shared = []
    for group in groups.values():
        if len({m.plan_id for m in group}) < 2:
            continue
        rows = []
        for measure in group:
            found = until(points.get(measure.id, []), year)
            latest = found[-1] if found else None
            state = _state(measure, latest)
            org_id = plans[measure.plan_id][0]
            rows.append(
                (
                    measure,
                    latest,
                    SharedRow(
                        names[org_id],
                        with_unit(measure, latest.value) if latest else "–",
                        latest.period.label if latest else "",
                        with_unit(measure, measure.target),
                        state,
                        _state_label(state),
                    ),
                )
            )
        lower = group[0].direction == LOWER
        rows.sort(key=lambda r: (r[1] is None, r[2].organisation))
        rows.sort(
            key=lambda r: (r[1] is None, (r[1].value if lower else -r[1].value) if r[1] else 0)
        )
        shared.append(
            SharedMeasure(
                " ".join(group[0].name.split()),
                sum(1 for r in rows if r[2].state == MET),
                tuple(r[2] for r in rows),
            )
        )
    return tuple(sorted(shared, key=lambda s: normalise(s.name)))
