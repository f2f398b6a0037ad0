"""The activity list: filters, sorting and the statement the list page paginates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans.models import Activity, PlanArea, activity_organisation

SORTS = {
    "due_date": (Activity.due_date,),
    "title": (Activity.title,),
    "area": (PlanArea.position,),
    "status": (Activity.status,),
    "percent": (Activity.percent,),
    "responsible": (Activity.responsible_name,),
    "updated": (Activity.updated_at,),
}


@dataclass
class ActivityFilter:
    area: str | None = None
    status: str | None = None
    organisation_id: int | None = None
    overdue: bool = False
    unowned: bool = False  # open and without a responsible person
    due_within: int | None = None
    text: str = ""
    sort: str = "due_date"
    descending: bool = False


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def activity_statement(plan_id: int, wanted: ActivityFilter, today: date) -> Select:
    """Activities of one plan matching ``wanted``, sorted, with what the list shows loaded."""
    stmt = (
        select(Activity)
        # The plan's own areas only (they are the activity's anyway): lets the database find
        # an area code through the (plan_id, code) key instead of reading every plan's areas.
        .join(PlanArea, (Activity.area_id == PlanArea.id) & (PlanArea.plan_id == plan_id))
        .where(Activity.plan_id == plan_id)
        .options(selectinload(Activity.organisations), selectinload(Activity.area))
    )
    if wanted.area:
        stmt = stmt.where(PlanArea.code == wanted.area)
    if wanted.status:
        stmt = stmt.where(Activity.status == wanted.status)
    if wanted.organisation_id:
        stmt = stmt.where(
            Activity.id.in_(
                select(activity_organisation.c.activity_id).where(
                    activity_organisation.c.organisation_id == wanted.organisation_id
                )
            )
        )
    if wanted.unowned:
        stmt = stmt.where(Activity.is_unowned)
    if wanted.overdue:
        stmt = stmt.where(Activity.is_overdue(today))
    if wanted.due_within is not None:
        stmt = stmt.where(
            ~Activity.is_closed,
            Activity.due_date >= today,
            Activity.due_date <= today + timedelta(days=wanted.due_within),
        )
    text = wanted.text.strip()
    if text:
        pattern = _like_pattern(text)
        stmt = stmt.where(
            or_(
                Activity.title.ilike(pattern, escape="\\"),
                Activity.description.ilike(pattern, escape="\\"),
                Activity.responsible_name.ilike(pattern, escape="\\"),
            )
        )
    column = SORTS.get(wanted.sort, SORTS["due_date"])[0]
    order = column.desc() if wanted.descending else column.asc()
    # Rows without a value (no due date) always come last; id keeps pages stable.
    return stmt.order_by(column.is_(None), order, Activity.id)


def responsible_organisations(plan_id: int) -> list[Organisation]:
    """The organisations responsible for at least one of the plan's activities (the list
    filter offers these, and reveals no other organisation)."""
    used = (
        select(activity_organisation.c.organisation_id)
        .join(Activity, Activity.id == activity_organisation.c.activity_id)
        .where(Activity.plan_id == plan_id)
    )
    return list(
        db.session.scalars(
            select(Organisation).where(Organisation.id.in_(used)).order_by(Organisation.name)
        )
    )
