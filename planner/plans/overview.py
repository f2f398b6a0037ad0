"""The plan overview: progress and a traffic light per area, and the lists that need action.

The traffic-light rule lives in ``planner.plans.lights``; the overview page explains it from
its constants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans.lights import Tally, area_tallies, combined, due_soon
from planner.plans.models import ACTIVITY_STATUSES, Activity, Plan, PlanArea, activity_organisation


@dataclass
class AreaState:
    """An area's row in the overview, from sums the database makes (no activity loaded)."""

    area: PlanArea
    tally: Tally


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
    # The page's header shows it; loaded here so the query count does not depend on whether
    # a listed activity's organisations happened to bring it along.
    _ = plan.organisation
    tallies = area_tallies(Activity.plan_id == plan.id, today)
    areas = [AreaState(area, tallies.get(area.id, Tally())) for area in plan.areas]
    whole = combined(tallies.values())
    overdue = _first(plan, Activity.is_overdue(today))
    soon = _first(plan, due_soon(today))
    unowned = _first(plan, Activity.is_unowned)
    _with_organisations(overdue + soon + unowned)
    return Overview(
        plan=plan,
        today=today,
        areas=areas,
        overdue=overdue,
        due_soon=soon,
        unowned=unowned,
        overdue_total=whole.overdue,
        due_soon_total=whole.due_soon,
        unowned_total=whole.unowned,
        progress=whole.progress,
    )
