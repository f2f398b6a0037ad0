"""The plan overview: progress and a traffic light per area, and the lists that need action.

The traffic-light rule is stated here once; the overview page explains it from these constants.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.extensions import db
from planner.plans.models import ACTIVITY_STATUSES, CANCELLED, Activity, Plan, PlanArea

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
class Overview:
    plan: Plan
    today: date
    areas: list[AreaSummary]
    overdue: list[Activity]
    due_soon: list[Activity]
    unowned: list[Activity]
    progress: int | None
    statuses: dict = field(default_factory=lambda: ACTIVITY_STATUSES)


def plan_activities(plan: Plan) -> list[Activity]:
    """All of a plan's activities with what the overview shows, in a fixed number of queries."""
    return list(
        db.session.scalars(
            select(Activity)
            .where(Activity.plan_id == plan.id)
            .options(selectinload(Activity.organisations))
            .order_by(Activity.due_date.is_(None), Activity.due_date, Activity.id)
        )
    )


def build_overview(plan: Plan, today: date) -> Overview:
    activities = plan_activities(plan)
    by_area: dict[int, list[Activity]] = {}
    for activity in activities:
        by_area.setdefault(activity.area_id, []).append(activity)
    soon = today + timedelta(days=DUE_SOON_DAYS)
    open_ = [a for a in activities if not a.is_closed]
    return Overview(
        plan=plan,
        today=today,
        areas=[AreaSummary(area, by_area.get(area.id, []), today) for area in plan.areas],
        overdue=[a for a in open_ if a.is_overdue(today)],
        due_soon=[a for a in open_ if a.due_date is not None and today <= a.due_date <= soon],
        unowned=[a for a in open_ if not a.responsible_name],
        progress=mean_progress(activities),
    )
