"""The yearly report's content as plain data (no live ORM rows reach the template)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.assessment.results import AssessmentResult, result_for
from planner.extensions import db
from planner.plans.lights import Tally, area_tallies
from planner.plans.models import CANCELLED, DONE, NOT_STARTED, ONGOING, Activity, Plan
from planner.reports.results import AreaResults, ResultsSummary, gather_results
from planner.wheel.measurements import organisation_measurements
from planner.wheel.services import organisation_events
from planner.wheel.year import WheelYear, build_year


@dataclass(frozen=True)
class UpdateRow:
    day: date
    status_label: str
    percent: int
    comment: str


@dataclass(frozen=True)
class ActivityRow:
    title: str
    responsible: str
    organisations: str
    due_date: date | None
    follow_up_date: date | None
    status: str
    status_label: str
    percent: int
    latest_comment: str
    late: bool
    updates: tuple[UpdateRow, ...]  # the report year's, oldest first

    @property
    def latest_in_updates(self) -> bool:
        """The latest comment is already the last of the year's updates (not repeated)."""
        return bool(self.updates) and self.updates[-1].comment == self.latest_comment


@dataclass(frozen=True)
class AreaReport:
    code: str
    title: str
    aim: str
    local_description: str
    goals: tuple[str, ...]
    progress: int | None
    light: str | None
    done: int
    ongoing: int
    late: int
    not_started: int
    cancelled: int
    activities: tuple[ActivityRow, ...]

    @property
    def update_count(self) -> int:
        return sum(len(x.updates) for x in self.activities)


@dataclass(frozen=True)
class DateRow:
    day: date
    kind: str
    activity: str
    area: str


@dataclass(frozen=True)
class Report:
    organisation: str
    plan_title: str
    period: str
    year: int
    decided_by: str
    decision_level: str
    decision_date: date | None
    data_date: date
    areas: tuple[AreaReport, ...]
    late: tuple[tuple[str, ActivityRow], ...]
    coming: tuple[DateRow, ...]
    wheel: WheelYear | None = None  # the organisation's wheel for the report's year
    results: tuple[AreaResults, ...] = ()  # the results chapter, per area with measures
    results_summary: ResultsSummary | None = None
    # The organisation's self-assessment against the survey of the report's year, if any.
    assessment: AssessmentResult | None = None

    @property
    def items(self) -> int:
        """What the PDF draws (activities, their updates, dates, the wheel's occurrences, the
        measures' charts and values): how heavy its render is."""
        activities = sum(len(a.activities) + a.update_count for a in self.areas)
        wheel = self.wheel.count if self.wheel else 0
        measures = sum(10 + len(m.values) for a in self.results for m in a.measures)
        assessment = len(self.assessment.indicators) if self.assessment else 0
        return activities + len(self.late) + len(self.coming) + wheel + measures + assessment


def _row(activity: Activity, year: int, today: date) -> ActivityRow:
    latest = activity.updates[0] if activity.updates else None  # newest first
    return ActivityRow(
        title=activity.title,
        responsible=", ".join(
            p for p in (activity.responsible_name, activity.responsible_role) if p
        ),
        organisations=" + ".join(o.name for o in activity.organisations),
        due_date=activity.due_date,
        follow_up_date=activity.follow_up_date,
        status=activity.status,
        status_label=activity.status_label,
        percent=activity.percent,
        latest_comment=latest.comment if latest else "",
        late=activity.is_overdue(today),
        updates=tuple(
            UpdateRow(u.date, u.status_label, u.percent, u.comment)
            for u in reversed(activity.updates)
            if u.date.year == year
        ),
    )


def gather(plan: Plan, year: int, today: date) -> Report:
    """Everything the report shows for ``plan`` and ``year``, as of ``today``."""
    activities = list(
        db.session.scalars(
            select(Activity)
            .where(Activity.plan_id == plan.id)
            .options(selectinload(Activity.organisations), selectinload(Activity.updates))
            .order_by(Activity.due_date.is_(None), Activity.due_date, Activity.id)
        )
    )
    by_area: dict[int, list[Activity]] = {}
    for activity in activities:
        by_area.setdefault(activity.area_id, []).append(activity)
    tallies = area_tallies(Activity.plan_id == plan.id, today)
    areas, late = [], []
    for area in plan.areas:
        items = by_area.get(area.id, [])
        tally = tallies.get(area.id, Tally())
        rows = tuple(_row(a, year, today) for a in items)
        late.extend((area.code, r) for r in rows if r.late)
        on_time = [a for a in items if not a.is_overdue(today)]
        areas.append(
            AreaReport(
                code=area.code,
                title=area.title,
                aim=area.aim,
                local_description=area.local_description,
                goals=tuple(g.title for g in area.goals),
                progress=tally.progress,
                light=tally.light,
                done=tally.count(DONE),
                ongoing=sum(1 for a in on_time if a.status == ONGOING),
                late=tally.overdue,
                not_started=sum(1 for a in on_time if a.status == NOT_STARTED),
                cancelled=tally.count(CANCELLED),
                activities=rows,
            )
        )
    coming = sorted(
        (
            DateRow(day, label, a.title, a.area.code)
            for a in activities
            if not a.is_closed
            for _kind, label, day in a.calendar_days()
            if day.year == year + 1
        ),
        key=lambda r: (r.day, r.activity),
    )
    results, summary = gather_results(plan, year)
    return Report(
        organisation=plan.organisation.name,
        plan_title=plan.title,
        period=plan.period,
        year=year,
        decided_by=plan.decided_by,
        decision_level=plan.decision_level_label,
        decision_date=plan.decision_date,
        data_date=today,
        areas=tuple(areas),
        late=tuple(late),
        coming=tuple(coming),
        wheel=_wheel(plan, year, today),
        results=results,
        results_summary=summary,
        assessment=result_for(plan.organisation, year),
    )


def _wheel(plan: Plan, year: int, today: date) -> WheelYear:
    events = organisation_events(plan.organisation_id)
    first, last = date(year, 1, 1), date(year, 12, 31)
    measurements = organisation_measurements(plan.organisation_id, first, last)
    return build_year(events, [], year, today, measurements=measurements)
