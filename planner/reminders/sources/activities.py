"""Activities: before the due date and the follow-up date, and when overdue."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import date, timedelta

from sqlalchemy import and_, or_, select, tuple_

from planner.auth.models import User
from planner.mywork.items import ARCHIVED, followed_up, linked_to, named_by_email
from planner.plans.models import Activity, Plan
from planner.reminders.sources import (
    DUE_SOON,
    FOLLOW_UP_SOON,
    OVERDUE,
    LeadDays,
    Notice,
    before,
    keyset_pages,
    overdue,
)

ITEM_KIND = "activity"


def _rows(branch, today: date, until: date) -> Iterator:
    """Open activities with a date in range that an active account answers for by one
    branch of My work's rule (planner.mywork.items.responsible_for), ordered by the account
    and read in keyset pages: the linked branch walks the index on responsible_user_id."""

    def page(after: tuple):
        return (
            select(
                User.id.label("recipient_id"),
                Activity.id,
                Activity.title,
                Activity.due_date,
                Activity.follow_up_date,
                followed_up().label("followed_up"),
                Plan.title.label("plan_title"),
                Plan.organisation_id,
            )
            .join(Plan, Plan.id == Activity.plan_id)
            .join(User, branch(User))
            .where(
                tuple_(User.id, Activity.id) > after,
                User.active.is_(True),
                ~Activity.is_closed,
                Plan.status != ARCHIVED,  # as on My work: nothing in an archived plan is due
                or_(
                    and_(Activity.due_date.is_not(None), Activity.due_date <= until),
                    and_(Activity.follow_up_date >= today, Activity.follow_up_date <= until),
                ),
            )
            .order_by(User.id, Activity.id)
        )

    return keyset_pages(page, lambda row: (row.recipient_id, row.id))


def notices(today: date, leads: LeadDays) -> Iterator[Notice]:
    until = today + timedelta(days=leads.longest)
    rows = heapq.merge(
        _rows(linked_to, today, until),
        _rows(named_by_email, today, until),
        key=lambda row: (row.recipient_id, row.id),
    )
    for row in rows:
        yield from _notices(row, today, leads.of(row.organisation_id))


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
