"""Measure values: the member responsible for a measure is reminded before the current
period ends (its value is due then) and, while the latest ended period has no value, once
when it is overdue and then weekly; recording the value stops it. The same periods My work
lists for them (planner.mywork.items, with results' rule in planner.results.due)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, tuple_

from planner.auth.models import User
from planner.mywork.items import ARCHIVED, measure_periods, measure_title
from planner.plans.models import Plan
from planner.reminders.sources import (
    DUE_SOON,
    OVERDUE,
    LeadDays,
    Notice,
    before,
    keyset_pages,
    overdue,
)
from planner.results.due import coming_period, missing_for
from planner.results.models import Measure
from planner.results.periods import latest_ended

ITEM_KIND = "measure_value"


def _rows(today: date) -> Iterator:
    """Measures with a responsible active account and a period waiting for a value, in
    keyset pages ordered by the account (the index on responsible_user_id)."""
    due_missing = missing_for(latest_ended, today)
    coming_missing = missing_for(coming_period, today)

    def page(after: tuple):
        return (
            select(
                Measure.responsible_user_id.label("recipient_id"),
                Measure.id,
                Measure.name,
                Measure.rhythm,
                due_missing.label("due_missing"),
                coming_missing.label("coming_missing"),
                Plan.title.label("plan_title"),
                Plan.organisation_id,
            )
            .join(Plan, Plan.id == Measure.plan_id)
            .join(User, User.id == Measure.responsible_user_id)
            .where(
                tuple_(Measure.responsible_user_id, Measure.id) > after,
                User.active.is_(True),
                Plan.status != ARCHIVED,
                due_missing | coming_missing,
            )
            .order_by(Measure.responsible_user_id, Measure.id)
        )

    return keyset_pages(page, lambda row: (row.recipient_id, row.id))


def notices(today: date, leads: LeadDays) -> Iterator[Notice]:
    until = today + timedelta(days=leads.longest)
    for row in _rows(today):
        for period in measure_periods(row, today, until):
            if period.end < today:
                kind, occasion = OVERDUE, overdue(period.end, today)
            else:
                kind, occasion = DUE_SOON, before(period.end, today, leads.of(row.organisation_id))
            if occasion is None:
                continue
            with force_locale("sv"):
                title = _("Mätvärde: %(what)s", what=measure_title(row.name, period))
            yield Notice(
                recipient_id=row.recipient_id,
                item_kind=ITEM_KIND,
                item_id=row.id,
                reminder_kind=kind,
                occasion=occasion,  # names the period's end: each period's value its own
                day=period.end,
                title=title,
                context=row.plan_title,
                organisation_id=row.organisation_id,
                path=f"/matt/{row.id}/varde?period={period.key}",
            )
