"""What a subscription's feed holds: the wheel events and activity dates it asked for, within
a window of the past two months and the coming fourteen."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from planner.clock import STOCKHOLM
from planner.extensions import db
from planner.feeds.ical import FeedItem
from planner.orgs.services import subtree_ids
from planner.plans.models import CLOSED_STATUSES, Activity, Plan, PlanArea
from planner.wheel.measurements import CATEGORY, measurements, wheel_measures_statement
from planner.wheel.models import WheelEvent
from planner.wheel.recurrence import ONCE

PAST = timedelta(days=61)
FUTURE = timedelta(days=427)


def window(today: date) -> tuple[date, date]:
    return today - PAST, today + FUTURE


def organisation_ids(subscription) -> list[int]:
    """The organisations whose wheel and plans the subscription covers (one query)."""
    if subscription.include_sub:
        return subtree_ids(subscription.organisation_id)
    return [subscription.organisation_id]


def _event_statement(subscription, org_ids: list[int]):
    stmt = select(WheelEvent).where(WheelEvent.organisation_id.in_(org_ids))
    if subscription.categories:
        stmt = stmt.where(WheelEvent.category.in_(subscription.categories))
    if subscription.areas:
        stmt = stmt.where(WheelEvent.area_code.in_(subscription.areas))
    return stmt


def _activity_statement(subscription, org_ids: list[int], start: date, end: date, email: str):
    stmt = (
        select(Activity)
        .join(Plan, Activity.plan_id == Plan.id)
        .join(PlanArea, Activity.area_id == PlanArea.id)
        .where(
            Plan.organisation_id.in_(org_ids),
            Plan.status != "arkiverad",
            or_(
                Activity.due_date.between(start, end),
                Activity.follow_up_date.between(start, end),
            ),
        )
    )
    if subscription.areas:
        stmt = stmt.where(PlanArea.code.in_(subscription.areas))
    if subscription.only_mine:
        stmt = stmt.where(func.lower(Activity.responsible_email) == email.lower())
    return stmt


def _shows_measurements(subscription) -> bool:
    """Measurements are the wheel's category "Mätning": a feed narrowed to other categories,
    or to a person's own activities, leaves them out."""
    categories = subscription.categories
    return (not categories or CATEGORY in categories) and not subscription.only_mine


def _measure_statement(subscription, org_ids: list[int]):
    return wheel_measures_statement(org_ids, subscription.areas or ())


def validator(
    subscription, org_ids: list[int], today: date, email: str = ""
) -> tuple[str, datetime | None]:
    """An ETag and Last-Modified for the feed, from one statement of aggregates, so an
    unchanged feed answers 304 without being built."""
    values = feed_state(subscription, org_ids, today, email)
    state = [
        subscription.token_hash,
        subscription.name,
        subscription.organisation.name,  # part of the calendar's name
        today.isoformat(),
        *values,
    ]
    newest = values[1::3]
    tag = hashlib.sha256(repr(state).encode()).hexdigest()[:32]
    known = [n for n in newest if n is not None]
    return tag, max(known) if known else None


def feed_state(subscription, org_ids: list[int], today: date, email: str = "") -> tuple:
    """Count, newest change and sum of ids of the feed's events (and activities, when it
    shows them), in one statement."""
    start, end = window(today)
    sources = [_event_statement(subscription, org_ids).subquery()]
    if subscription.include_activities and not subscription.categories:
        sources.append(_activity_statement(subscription, org_ids, start, end, email).subquery())
    if _shows_measurements(subscription):
        sources.append(_measure_statement(subscription, org_ids).subquery())
    # One statement: count, newest change and sum of ids of each source, as scalar subqueries.
    aggregates = [
        select(aggregate).select_from(source).scalar_subquery()
        for source in sources
        for aggregate in (func.count(), func.max(source.c.updated_at), func.sum(source.c.id))
    ]
    return tuple(db.session.execute(select(*aggregates)).one())


def _rrule(rule, event: WheelEvent) -> dict | None:
    """The RRULE; for a timed event UNTIL must be a UTC date-time (RFC 5545 3.3.10)."""
    if event.recurrence == ONCE:
        return None
    parts = rule.rrule_parts()
    if "UNTIL" in parts and not event.all_day:
        last = datetime.combine(parts["UNTIL"], event.start_time or time(), STOCKHOLM)
        parts["UNTIL"] = last.astimezone(UTC)
    return parts


def feed_items(
    subscription,
    org_ids: list[int],
    today: date,
    url_for: Callable[[str, int], str],
    email: str = "",
) -> list[FeedItem]:
    start, end = window(today)
    items: list[FeedItem] = []
    for event in db.session.scalars(_event_statement(subscription, org_ids)):
        rule = event.rule
        if not rule.occurrences(start, end):
            continue
        first = rule.first() or event.start_date
        begins = first if event.all_day else datetime.combine(first, event.start_time or time())
        items.append(
            FeedItem(
                key=f"wheel_event:{event.id}",
                title=event.title,
                description=event.description,
                url=url_for("wheel_event", event.id),
                start=begins,
                duration=(
                    timedelta(days=event.span_days or 1)
                    if event.all_day
                    else timedelta(minutes=event.duration_minutes or 60)
                ),
                sequence=event.sequence,
                modified=event.updated_at,
                categories=(event.category_label,),
                rrule=_rrule(rule, event),
                exdates=tuple(rule.skipped),
            )
        )
    # A subscription narrowed to wheel categories is about the wheel only.
    if subscription.include_activities and not subscription.categories:
        stmt = _activity_statement(subscription, org_ids, start, end, email)
        for activity in db.session.scalars(stmt):
            done = " (klar)" if activity.status in CLOSED_STATUSES else ""
            for kind, label, day in activity.calendar_days():
                if not start <= day <= end:
                    continue
                items.append(
                    FeedItem(
                        key=f"activity_{kind}:{activity.id}",
                        title=f"{label}: {activity.title}{done}",
                        description=activity.description,
                        url=url_for("activity", activity.id),
                        start=day,
                        duration=None,
                        sequence=activity.version,
                        modified=activity.updated_at,
                        categories=("Aktivitet",),
                    )
                )
    if _shows_measurements(subscription):
        measures = db.session.scalars(_measure_statement(subscription, org_ids))
        for m in measurements(measures, start, end):
            items.append(
                FeedItem(
                    key=m.key,
                    title=m.title,
                    description=(
                        f"Sista dagen i mätperioden {m.period.label}. Registrera värdet på "
                        f"måttets sida.\n\n{m.definition}"
                    ),
                    url=url_for("measure", m.measure_id),
                    start=m.day,
                    duration=None,
                    sequence=m.sequence,
                    modified=m.modified,
                    categories=(m.category_label,),
                )
            )
    return items
