"""What a person answers for: the activities they are responsible for (their deadlines and
follow-ups), the values due of the measures they are responsible for, the wheel events they
own and the PSB parts they write, only in organisations they may still see.

The matching rule is a SQL expression (``responsible_for``), so a page and a command that
walks every person (the reminders) ask the same question and the database does the work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import selectinload

from planner.access import visible_organisation_ids
from planner.extensions import db
from planner.models import Owned, Scope
from planner.orgs.models import Organisation
from planner.plans.models import ACTIVITY_STATUSES, Activity, Plan, ProgressUpdate
from planner.psb.contribution_models import Contribution, PartRequest
from planner.psb.contributions import section_headings
from planner.psb.models import DECIDED, SafetyReport
from planner.results.due import coming_period, missing_for
from planner.results.models import Measure
from planner.results.periods import Period, latest_ended
from planner.wheel.models import WheelEvent

DUE, FOLLOW_UP, MEASURE, WHEEL, PSB = "due", "follow_up", "measure", "wheel", "psb"
ARCHIVED = "arkiverad"  # planner.plans.models.PLAN_STATUSES
# What each kind of item is called on the page and in mail.
KINDS = {
    DUE: _l("Slutdatum"),
    FOLLOW_UP: _l("Uppföljning"),
    MEASURE: _l("Mätvärde"),
    WHEEL: _l("Årshjulet"),
    PSB: _l("PSB-underlag"),
}
ACTIVITY_KINDS = frozenset({DUE, FOLLOW_UP})
# A wheel occurrence nobody marked as carried out stays on the list this long after its day;
# older ones are history (a monthly event would otherwise pile up for ever).
WHEEL_LOOKBACK_DAYS = 28


@dataclass(frozen=True)
class Item(Owned):
    """One thing due: plain values, so a page, a mail and a test read it the same way. It is
    owned where its row is, so ``planner.access.can`` answers for it without a query."""

    kind: str  # one of KINDS
    day: date
    title: str
    organisation_id: int
    organisation_name: str
    plan_id: int | None
    plan_title: str | None
    # the row it is about: an activity (DUE, FOLLOW_UP), a measure (MEASURE), a wheel event
    # (WHEEL) or a PSB part (PSB, where plan_title names the report)
    object_id: int
    status: str | None = None  # an activity's current status
    percent: int | None = None  # and how much of it is done
    version: int | None = None  # an activity's version, for a conflict-safe progress entry
    period: str | None = None  # a measure's period whose value is due

    def is_overdue(self, today: date) -> bool:
        return self.day < today

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id, self.plan_id)

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def is_activity(self) -> bool:
        return self.kind in ACTIVITY_KINDS

    @property
    def status_label(self) -> str:
        return str(ACTIVITY_STATUSES.get(self.status or "", self.status or ""))

    @property
    def path(self) -> str:
        """The page of the item itself (a path, so a mail can put its own host before it),
        built without a request."""
        endpoint, values, anchor = {
            DUE: ("activities.show", {"activity_id": self.object_id}, ""),
            FOLLOW_UP: ("activities.show", {"activity_id": self.object_id}, "#registrera"),
            WHEEL: (
                "wheel.show",
                {"org_id": self.organisation_id, "ar": self.day.year},
                f"#event-{self.object_id}-{self.day.isoformat()}",
            ),
            MEASURE: ("results.record", {"measure_id": self.object_id, "period": self.period}, ""),
            PSB: ("contributions.write", {"part_id": self.object_id}, ""),
        }[self.kind]
        return current_app.url_map.bind("").build(endpoint, values) + anchor


def responsible_for(user) -> ColumnElement[bool]:
    """Activities ``user`` answers for: linked to their account, or linked to no account and
    naming their e-mail address (any case). Accounts store their address in lower case.
    ``user`` may also be the User class: then it is a join condition (everyone at once, as
    the reminders walk them, each branch on its own so each can use its index)."""
    return or_(linked_to(user), named_by_email(user))


def linked_to(user) -> ColumnElement[bool]:
    """The first branch of ``responsible_for``: the activity is linked to the account."""
    return Activity.responsible_user_id == user.id


def named_by_email(user) -> ColumnElement[bool]:
    """The second branch: linked to no account, and naming the account's e-mail address."""
    email = user.email if isinstance(user, type) else user.email.lower()
    return and_(
        Activity.responsible_user_id.is_(None),
        func.lower(Activity.responsible_email) == email,
    )


def owned_by(user) -> ColumnElement[bool]:
    """Wheel events ``user`` owns."""
    return WheelEvent.owner_user_id == user.id


def visible_to(user, organisation_id) -> ColumnElement[bool]:
    """Rows owned by ``organisation_id`` (a column) that ``user`` may see: only organisations
    where they still have a role (through the tree), all for a system administrator."""
    ids = visible_organisation_ids(user)
    if ids is None:
        return true()
    return organisation_id.in_(sorted(ids)) if ids else false()


def followed_up(activity=Activity) -> ColumnElement[bool]:
    """The follow-up is done once progress is recorded on or after its date."""
    return exists(
        select(ProgressUpdate.id).where(
            ProgressUpdate.activity_id == activity.id,
            ProgressUpdate.date >= activity.follow_up_date,
        )
    )


def in_open_plans(statement, plan_id, user):
    """``statement`` with the plan (``plan_id``) and organisation of its rows, only where
    ``user`` can still see the plan and it is not archived (an archived plan is history:
    nothing in it is due)."""
    return (
        statement.add_columns(
            Plan.id.label("plan_id"),
            Plan.title.label("plan_title"),
            Organisation.id.label("organisation_id"),
            Organisation.name.label("organisation_name"),
        )
        .join(Plan, Plan.id == plan_id)
        .join(Organisation, Organisation.id == Plan.organisation_id)
        .where(visible_to(user, Plan.organisation_id), Plan.status != ARCHIVED)
    )


def activity_rows(user, until: date):
    """The open activities ``user`` answers for with a deadline or an open follow-up on or
    before ``until``, with their plan and organisation (one query, streamed)."""
    due_in_range = and_(Activity.due_date.is_not(None), Activity.due_date <= until)
    follow_up_open = and_(
        Activity.follow_up_date.is_not(None),
        Activity.follow_up_date <= until,
        ~followed_up(),
    )
    statement = in_open_plans(
        select(
            Activity.id,
            Activity.title,
            Activity.status,
            Activity.percent,
            Activity.version,
            Activity.due_date,
            Activity.follow_up_date,
            followed_up().label("followed_up"),
        ),
        Activity.plan_id,
        user,
    ).where(responsible_for(user), ~Activity.is_closed, or_(due_in_range, follow_up_open))
    return db.session.execute(statement)


def _activity_items(user, today: date, until: date) -> Iterator[Item]:
    for row in activity_rows(user, until):
        common = {
            "title": row.title,
            "organisation_id": row.organisation_id,
            "organisation_name": row.organisation_name,
            "plan_id": row.plan_id,
            "plan_title": row.plan_title,
            "object_id": row.id,
            "status": row.status,
            "percent": row.percent,
            "version": row.version,
        }
        if row.due_date is not None and row.due_date <= until:
            yield Item(DUE, row.due_date, **common)
        if row.follow_up_date is not None and row.follow_up_date <= until and not row.followed_up:
            yield Item(FOLLOW_UP, row.follow_up_date, **common)


def measure_rows(user, today: date):
    """The measures ``user`` is responsible for in plans they can still see (not archived),
    with whether the latest ended and the current period still wait for a value (one query)."""
    statement = in_open_plans(
        select(
            Measure.id,
            Measure.name,
            Measure.rhythm,
            missing_for(latest_ended, today).label("due_missing"),
            missing_for(coming_period, today).label("coming_missing"),
        ),
        Measure.plan_id,
        user,
    ).where(Measure.responsible_user_id == user.id)
    return db.session.execute(statement)


def measure_periods(row, today: date, until: date) -> Iterator[Period]:
    """The periods of a ``measure_rows`` row waiting for a value: the latest ended one, and
    the current one when it ends by ``until``."""
    if row.due_missing and (due := latest_ended(row.rhythm, today)):
        yield due
    coming = coming_period(row.rhythm, today)
    if row.coming_missing and coming is not None and coming.end <= until:
        yield coming


def measure_title(name: str, period: Period) -> str:
    """ "BHK, kvartal 3 2026": which value is due."""
    return f"{name}, {period.label}"


def _measure_items(user, today: date, until: date) -> Iterator[Item]:
    for row in measure_rows(user, today):
        for period in measure_periods(row, today, until):
            yield Item(
                MEASURE,
                period.end,
                measure_title(row.name, period),
                row.organisation_id,
                row.organisation_name,
                row.plan_id,
                row.plan_title,
                row.id,
                period=period.key,
            )


def _wheel_items(user, today: date, until: date) -> Iterator[Item]:
    statement = (
        select(WheelEvent, Organisation.name, Plan.title)
        .options(selectinload(WheelEvent.done))
        .join(Organisation, Organisation.id == WheelEvent.organisation_id)
        .outerjoin(Plan, Plan.id == WheelEvent.plan_id)
        .where(owned_by(user), visible_to(user, WheelEvent.organisation_id))
    )
    events = db.session.execute(statement).all()
    if not events:
        return
    start = today - timedelta(days=WHEEL_LOOKBACK_DAYS)
    for event, organisation_name, plan_title in events:
        done = event.done_days()
        for day in event.rule.occurrences(start, until):
            if day not in done:
                yield Item(
                    WHEEL,
                    day,
                    event.title,
                    event.organisation_id,
                    organisation_name,
                    event.plan_id,
                    plan_title,
                    event.id,
                )


def _psb_items(user, today: date, until: date) -> Iterator[Item]:
    """The parts of an undecided PSB that ``user`` is the named writer of and has not marked
    ready, due by ``until``; the unit (whose roles decide over the part) must be visible."""
    statement = (
        select(Contribution.id, Contribution.section_key, PartRequest, SafetyReport, Organisation)
        .join(PartRequest, PartRequest.id == Contribution.request_id)
        .join(SafetyReport, SafetyReport.id == PartRequest.report_id)
        .join(Organisation, Organisation.id == PartRequest.organisation_id)
        .options(selectinload(SafetyReport.organisation))
        .where(
            PartRequest.writer_id == user.id,
            Contribution.ready.is_(False),
            SafetyReport.status != DECIDED,
            PartRequest.due_date <= until,
            visible_to(user, PartRequest.organisation_id),
        )
    )
    for part_id, key, request, report, unit in db.session.execute(statement):
        report_name = _(
            "PSB %(year)d för %(organisation)s",
            year=report.year,
            organisation=report.organisation.name,
        )
        heading = section_headings(report).get(key, key)
        yield Item(PSB, request.due_date, heading, unit.id, unit.name, None, report_name, part_id)


# Where items come from: each source yields a user's items from ``today`` to ``until``.
SOURCES: tuple[Callable[..., Iterable[Item]], ...] = (
    _activity_items,
    _measure_items,
    _wheel_items,
    _psb_items,
)


def items_for(user, today: date, horizon_days: int) -> list[Item]:
    """Everything ``user`` answers for that is overdue or due within ``horizon_days`` of
    ``today``: overdue first (oldest first), then by day; same day by title."""
    until = today + timedelta(days=horizon_days)
    items = [item for source in SOURCES for item in source(user, today, until)]
    items.sort(key=lambda item: (item.day, item.title.casefold(), item.kind, item.object_id))
    return items
