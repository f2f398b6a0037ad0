"""Changes to plans, areas, goals, activities and progress. Services flush, never commit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from planner.auth.people import responsible_account
from planner.clock import local_today, to_local
from planner.extensions import db
from planner.models import utcnow
from planner.orgs.models import Organisation
from planner.plans.models import (
    ACTIVITY_STATUSES,
    DONE,
    Activity,
    Goal,
    Plan,
    PlanArea,
    ProgressUpdate,
)
from planner.plans.template import AREAS, NATIONAL_VISION
from planner.rules import RuleError


class PlanRuleError(RuleError):
    """A change that breaks a rule of the plan."""


def create_plan_from_template(
    organisation: Organisation,
    title: str,
    period_start: int,
    period_end: int,
    **details: object,
) -> Plan:
    """A new plan with the national template's four foundations and five focus areas."""
    plan = Plan(
        organisation=organisation,
        title=title,
        period_start=period_start,
        period_end=period_end,
        vision=details.pop("vision", None) or NATIONAL_VISION,
        **details,
    )
    for position, template in enumerate(AREAS):
        plan.areas.append(
            PlanArea(
                code=template.code,
                kind=template.kind,
                position=position,
                title=template.title,
                aim=template.aim,
                local_description="",
            )
        )
    db.session.add(plan)
    db.session.flush()
    return plan


def update_plan(plan: Plan, **fields: object) -> Plan:
    for name, value in fields.items():
        setattr(plan, name, value)
    db.session.flush()
    return plan


def update_area(area: PlanArea, local_description: str) -> PlanArea:
    area.local_description = local_description
    db.session.flush()
    return area


def _area_of(plan: Plan, area_id: int) -> PlanArea:
    area = db.session.get(PlanArea, area_id)
    if area is None or area.plan_id != plan.id:
        raise PlanRuleError(_l("Välj ett område i planen."), "area_id")
    return area


def create_goal(plan: Plan, area_id: int, title: str, description: str = "") -> Goal:
    area = _area_of(plan, area_id)
    position = db.session.scalar(
        select(func.coalesce(func.max(Goal.position), 0)).where(Goal.area_id == area.id)
    )
    goal = Goal(plan=plan, area=area, title=title, description=description, position=position + 1)
    db.session.add(goal)
    db.session.flush()
    return goal


def update_goal(goal: Goal, area_id: int, title: str, description: str) -> Goal:
    area = _area_of(goal.plan, area_id)
    if area.id != goal.area_id and _goal_activity_count(goal):
        raise PlanRuleError(
            _l("Målet har aktiviteter i sitt område och kan inte flyttas till ett annat."),
            "area_id",
        )
    goal.area, goal.title, goal.description = area, title, description
    db.session.flush()
    return goal


def _goal_activity_count(goal: Goal) -> int:
    return db.session.scalar(select(func.count()).where(Activity.goal_id == goal.id)) or 0


def delete_goal(goal: Goal) -> None:
    """Delete a goal; refused while activities still belong to it, so nothing is lost."""
    if _goal_activity_count(goal):
        raise PlanRuleError(
            _l("Målet har aktiviteter. Flytta eller ta bort aktiviteterna innan du tar bort målet.")
        )
    db.session.delete(goal)
    db.session.flush()


@dataclass
class ActivityData:
    """What a user states about an activity (plain values, from a form or an import)."""

    title: str
    area_id: int
    goal_id: int | None = None
    description: str = ""
    responsible_name: str = ""
    responsible_role: str = ""
    responsible_email: str = ""
    # A member picked as the responsible person (their name and e-mail replace the typed
    # ones); None: the typed person, linked to a member's account when the e-mail is theirs.
    responsible_user_id: int | None = None
    organisation_ids: Iterable[int] = ()
    start_date: date | None = None
    due_date: date | None = None
    follow_up_date: date | None = None


def _apply(plan: Plan, activity: Activity, data: ActivityData) -> None:
    # Every query comes before any column changes, so nothing is flushed half-way and one
    # edit is one flush (one history entry).
    person = responsible_account(
        plan.organisation_id,
        data.responsible_user_id,
        data.responsible_email,
        activity.responsible_email or "",
    )
    if activity.id is not None:
        activity.responsible_user  # noqa: B018 - loaded now, so the history has the old account
    area = _area_of(plan, data.area_id)
    goal = None
    if data.goal_id:
        goal = db.session.get(Goal, data.goal_id)
        if goal is None or goal.plan_id != plan.id:
            raise PlanRuleError(_l("Välj ett mål i planen."), "goal_id")
        if goal.area_id != area.id:
            raise PlanRuleError(_l("Målet hör till ett annat område än aktiviteten."), "goal_id")
    if data.due_date is None and data.follow_up_date is None:
        raise PlanRuleError(
            _l("Ange slutdatum eller uppföljningsdatum (minst ett av dem)."), "due_date"
        )
    if data.start_date and data.due_date and data.due_date < data.start_date:
        raise PlanRuleError(_l("Slutdatum kan inte vara före startdatum."), "due_date")
    if data.start_date and data.follow_up_date and data.follow_up_date < data.start_date:
        raise PlanRuleError(
            _l("Uppföljningsdatum kan inte vara före startdatum."), "follow_up_date"
        )
    ids = sorted(set(data.organisation_ids))
    orgs = list(db.session.scalars(select(Organisation).where(Organisation.id.in_(ids))))
    if not ids or len(orgs) != len(ids):
        raise PlanRuleError(_l("Välj minst en ansvarig organisation."), "organisation_ids")
    # Compared before any column changes, so loading the current list flushes nothing and
    # one edit is one flush (one history entry).
    if activity.id is None or sorted(o.id for o in activity.organisations) != ids:
        activity.organisations = sorted(orgs, key=lambda o: o.name)
        # A change of the link table alone issues no UPDATE of the row; touch the row so
        # the versioned UPDATE runs and a concurrent edit is detected.
        activity.updated_at = utcnow()
    activity.area, activity.goal = area, goal
    activity.title = data.title
    activity.description = data.description
    _apply_responsible(activity, data, person)
    activity.start_date = data.start_date
    activity.due_date = data.due_date
    activity.follow_up_date = data.follow_up_date


def _apply_responsible(activity: Activity, data: ActivityData, person) -> None:
    picked = person is not None and data.responsible_user_id is not None
    activity.responsible_user = person
    activity.responsible_name = person.name if picked else data.responsible_name
    if person is not None and not activity.responsible_name:
        activity.responsible_name = person.name
    activity.responsible_role = data.responsible_role
    activity.responsible_email = person.email if picked else data.responsible_email


def create_activity(plan: Plan, data: ActivityData) -> Activity:
    """A new activity in ``plan``; it starts as not started, 0 %, until progress is recorded."""
    activity = Activity(plan=plan, status="ej_paborjad", percent=0)
    _apply(plan, activity, data)
    db.session.add(activity)
    db.session.flush()
    return activity


def update_activity(activity: Activity, data: ActivityData) -> Activity:
    _apply(activity.plan, activity, data)
    db.session.flush()
    return activity


def delete_activity(activity: Activity) -> None:
    db.session.delete(activity)
    db.session.flush()


def _refresh_state(activity: Activity) -> None:
    """The activity's current state is its latest update's (by date, then entry order)."""
    latest = db.session.scalars(
        select(ProgressUpdate)
        .where(ProgressUpdate.activity_id == activity.id)
        .order_by(ProgressUpdate.date.desc(), ProgressUpdate.id.desc())
        .limit(1)
    ).first()
    status, percent = (latest.status, latest.percent) if latest else ("ej_paborjad", 0)
    if (activity.status, activity.percent) != (status, percent):
        activity.status, activity.percent = status, percent


def record_progress(
    activity: Activity,
    on: date,
    status: str,
    percent: int,
    comment: str = "",
    author_name: str = "",
    author=None,
) -> ProgressUpdate:
    """Add a dated progress entry by ``author`` (a user) or ``author_name`` (imported text);
    marking an activity done sets 100 %."""
    if status not in ACTIVITY_STATUSES:
        raise PlanRuleError(_l("Välj en status."), "status")
    if on > local_today():
        raise PlanRuleError(_l("Datumet kan inte ligga i framtiden."), "date")
    if status == DONE:
        percent = 100
    if not 0 <= percent <= 100:
        raise PlanRuleError(_l("Andelen klart ska vara mellan 0 och 100 %."), "percent")
    entry = {
        "date": on,
        "status": status,
        "percent": percent,
        "comment": comment,
        "author_name": author.name if author is not None else author_name,
        "author_id": author.id if author is not None else None,
    }
    _lock_progress(activity)
    repeated = _same_entry_just_made(activity, entry)
    if repeated is not None:
        return repeated
    update = ProgressUpdate(activity=activity, **entry)
    db.session.add(update)
    db.session.flush()
    _refresh_state(activity)
    db.session.flush()
    return update


def _lock_progress(activity: Activity) -> None:
    """Entries for one activity are recorded one at a time, so a double click sees the
    first entry and repeats nothing: an UPDATE that changes nothing takes the row's lock in
    PostgreSQL and the database's write lock in SQLite until the commit (no history, no
    version change)."""
    table = Activity.__table__
    db.session.execute(
        table.update().where(table.c.id == activity.id).values(updated_at=table.c.updated_at)
    )


# A second identical entry by the same person within this time is the same submit again.
REPEAT_WINDOW = timedelta(minutes=1)


def _same_entry_just_made(activity: Activity, entry: dict) -> ProgressUpdate | None:
    """The activity's newest entry when ``entry`` (its column values) repeats it: same
    person, date, state and comment, made within REPEAT_WINDOW. Else None."""
    newest = db.session.scalars(
        select(ProgressUpdate)
        .where(ProgressUpdate.activity_id == activity.id)
        .order_by(ProgressUpdate.id.desc())
        .limit(1)
    ).first()
    if newest is None or to_local(newest.created_at) < to_local(utcnow()) - REPEAT_WINDOW:
        return None
    same = all(getattr(newest, name) == value for name, value in entry.items())
    return newest if same else None


def delete_progress(update: ProgressUpdate) -> None:
    activity = update.activity
    db.session.delete(update)
    db.session.flush()
    db.session.expire(activity, ["updates"])
    _refresh_state(activity)
    db.session.flush()
