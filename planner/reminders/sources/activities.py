"""Activities: before the due date and the follow-up date, and when overdue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from sqlalchemy import and_, or_, select

from planner.auth.models import User
from planner.extensions import db
from planner.mywork.items import ARCHIVED, followed_up, responsible_for
from planner.plans.models import Activity, Plan
from planner.reminders.sources import (
    DUE_SOON,
    FOLLOW_UP_SOON,
    OVERDUE,
    LeadDays,
    Notice,
    before,
    overdue,
)

ITEM_KIND = "activity"
PAGE = 2000


def _page(today: date, until: date, after: int):
    """The next page of open activities with a date in range and an active account that
    answers for them (the same rule as My work), in id order from ``after``."""
    statement = (
        select(
            Activity.id,
            User.id.label("recipient_id"),
            Activity.title,
            Activity.due_date,
            Activity.follow_up_date,
            followed_up().label("followed_up"),
            Plan.title.label("plan_title"),
            Plan.organisation_id,
        )
        .join(Plan, Plan.id == Activity.plan_id)
        .join(User, responsible_for(User))
        .where(
            Activity.id > after,
            User.active.is_(True),
            ~Activity.is_closed,
            Plan.status != ARCHIVED,  # as on My work: nothing in an archived plan is due
            or_(
                and_(Activity.due_date.is_not(None), Activity.due_date <= until),
                and_(Activity.follow_up_date >= today, Activity.follow_up_date <= until),
            ),
        )
        .order_by(Activity.id)
        .limit(PAGE)
    )
    return db.session.execute(statement).all()


def notices(today: date, leads: LeadDays) -> Iterator[Notice]:
    until = today + timedelta(days=leads.longest)
    after = 0
    while True:
        rows = _page(today, until, after)
        if not rows:
            return
        # At most one account answers for an activity (its linked account, else the one
        # with its e-mail address), so a page never splits an activity's rows.
        for row in rows:
            yield from _notices(row, today, leads.of(row.organisation_id))
        if len(rows) < PAGE:
            return
        after = rows[-1].id


def _notices(row, today: date, lead_days: tuple[int, ...]) -> Iterator[Notice]:
    common = {
        "recipient_id": row.recipient_id,
        "item_kind": ITEM_KIND,
        "item_id": row.id,
        "title": row.title,
        "context": row.plan_title,
        "organisation_id": row.organisation_id,
        "path": f"/aktiviteter/{row.id}",
    }
    due = row.due_date
    if due is not None and due < today:
        yield Notice(reminder_kind=OVERDUE, occasion=overdue(due, today), day=due, **common)
    elif due is not None and (occasion := before(due, today, lead_days)):
        yield Notice(reminder_kind=DUE_SOON, occasion=occasion, day=due, **common)
    follow = row.follow_up_date
    if (
        follow is not None
        and not row.followed_up
        and (occasion := before(follow, today, lead_days))
    ):
        yield Notice(reminder_kind=FOLLOW_UP_SOON, occasion=occasion, day=follow, **common)
