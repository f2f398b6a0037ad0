"""The plan overview: progress and a traffic light per area, and the lists that need action.

The traffic-light rule is stated here once; the overview page explains it from these constants.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm.attributes import set_committed_value

from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans.models import (
    ACTIVITY_STATUSES,
    CANCELLED,
    CLOSED_STATUSES,
    Activity,
    Plan,
    PlanArea,
    activity_organisation,
)

RED_OVERDUE_SHARE = 0.25  # a quarter or more of an area's activities overdue → red
DUE_SOON_DAYS = 30

GREEN, YELLOW, RED = "gron", "gul", "rod"


def traffic_light(active: int, overdue: int, unowned: int) -> str | None:
    """Red when ≥ 25 % of the area's activities are overdue; yellow when any is overdue or
    lacks a responsible person; green otherwise. No light for an area without activities.
    Cancelled activities are left out of ``active``."""
    if active == 0:
        return None
    if overdue / active >= RED_OVERDUE_SHARE:
        return RED
    if overdue or unowned:
        return YELLOW
    return GREEN


def mean_progress(activities: list[Activity]) -> int | None:
    """Mean percent done of the activities, cancelled ones left out; None if none count."""
    counted = [a.percent for a in activities if a.status != CANCELLED]
    if not counted:
        return None
    return round(sum(counted) / len(counted))


@dataclass
class AreaSummary:
    area: PlanArea
    activities: list[Activity]
    today: date
    counts: Counter = field(init=False)
    progress: int | None = field(init=False)
    overdue: int = field(init=False)
    unowned: int = field(init=False)
    light: str | None = field(init=False)

    def __post_init__(self) -> None:
        self.counts = Counter(a.status for a in self.activities)
        active = [a for a in self.activities if a.status != CANCELLED]
        self.progress = mean_progress(self.activities)
        self.overdue = sum(1 for a in active if a.is_overdue(self.today))
        self.unowned = sum(1 for a in active if not a.responsible_name)
        self.light = traffic_light(len(active), self.overdue, self.unowned)

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)


@dataclass
class AreaState:
    """An area's row in the overview, from counts the database sums (no activity loaded)."""

    area: PlanArea
    counts: Counter
    progress: int | None
    overdue: int
    unowned: int
    light: str | None

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)


@dataclass
class Overview:
    """The lists hold the first ``LIST_LIMIT`` by due date; the totals say how many there are
    (a plan of hundreds of activities links to the full list instead of printing them all)."""

    plan: Plan
    today: date
    areas: list[AreaState]
    overdue: list[Activity]
    due_soon: list[Activity]
    unowned: list[Activity]
    overdue_total: int
    due_soon_total: int
    unowned_total: int
    progress: int | None
    statuses: dict = field(default_factory=lambda: ACTIVITY_STATUSES)


LIST_LIMIT = 10


def _conditions(today: date) -> dict:
    open_ = Activity.status.not_in(CLOSED_STATUSES)
    return {
        "overdue": and_(open_, Activity.due_date < today),
        "due_soon": and_(
            open_,
            Activity.due_date >= today,
            Activity.due_date <= today + timedelta(days=DUE_SOON_DAYS),
        ),
        "unowned": or_(Activity.responsible_name == "", Activity.responsible_name.is_(None)),
    }


def _first(plan: Plan, condition) -> list[Activity]:
    return list(
        db.session.scalars(
            select(Activity)
            .where(Activity.plan_id == plan.id, condition)
            .order_by(Activity.due_date.is_(None), Activity.due_date, Activity.id)
            .limit(LIST_LIMIT)
        )
    )


def _with_organisations(activities: list[Activity]) -> None:
    """The listed activities' organisations in one query, also when a list is empty (so the
    page's query count does not depend on the data)."""
    ids = {a.id for a in activities}
    rows = db.session.execute(
        select(activity_organisation.c.activity_id, Organisation)
        .join(Organisation, Organisation.id == activity_organisation.c.organisation_id)
        .where(activity_organisation.c.activity_id.in_(ids))
        .order_by(Organisation.name)
    ).all()
    by_activity: dict[int, list[Organisation]] = {}
    for activity_id, organisation in rows:
        by_activity.setdefault(activity_id, []).append(organisation)
    for activity in activities:
        set_committed_value(activity, "organisations", by_activity.get(activity.id, []))


def build_overview(plan: Plan, today: date) -> Overview:
    """The overview in a fixed number of queries whatever the plan's size: one grouped count
    for the table, one per list for its first rows."""
    when = _conditions(today)
    # The page's header shows it; loaded here so the query count does not depend on whether
    # a listed activity's organisations happened to bring it along.
    _ = plan.organisation

    def total(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    rows = db.session.execute(
        select(
            Activity.area_id,
            Activity.status,
            func.count(),
            func.coalesce(func.sum(Activity.percent), 0),
            total(when["overdue"]),
            total(when["due_soon"]),
            total(when["unowned"]),
        )
        .where(Activity.plan_id == plan.id)
        .group_by(Activity.area_id, Activity.status)
    ).all()
    by_area: dict[int, list] = {}
    for row in rows:
        by_area.setdefault(row[0], []).append(row)

    def state(area: PlanArea) -> AreaState:
        counts: Counter = Counter()
        counted = percent_sum = overdue = unowned = 0
        for _area, status, number, percent, late, _soon, nobody in by_area.get(area.id, []):
            counts[status] += number
            if status != CANCELLED:
                counted += number
                percent_sum += percent
                overdue += late
                unowned += nobody
        return AreaState(
            area=area,
            counts=counts,
            progress=round(percent_sum / counted) if counted else None,
            overdue=overdue,
            unowned=unowned,
            light=traffic_light(counted, overdue, unowned),
        )

    areas = [state(area) for area in plan.areas]
    counted = sum(r[2] for r in rows if r[1] != CANCELLED)
    percent_sum = sum(r[3] for r in rows if r[1] != CANCELLED)
    open_rows = [r for r in rows if r[1] not in CLOSED_STATUSES]
    overdue = _first(plan, when["overdue"])
    due_soon = _first(plan, when["due_soon"])
    unowned = _first(plan, and_(Activity.status.not_in(CLOSED_STATUSES), when["unowned"]))
    _with_organisations(overdue + due_soon + unowned)
    return Overview(
        plan=plan,
        today=today,
        areas=areas,
        overdue=overdue,
        due_soon=due_soon,
        unowned=unowned,
        overdue_total=sum(r[4] for r in open_rows),
        due_soon_total=sum(r[5] for r in open_rows),
        unowned_total=sum(r[6] for r in open_rows),
        progress=round(percent_sum / counted) if counted else None,
    )
