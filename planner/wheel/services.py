"""Changes to the annual wheel. Services flush, never commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.auth.people import responsible_account
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans.models import Plan
from planner.rules import RuleError
from planner.wheel.models import CATEGORIES, OccurrenceDone, WheelEvent
from planner.wheel.recurrence import (
    KINDS,
    MONTHLY_DAY,
    MONTHLY_WEEKDAY,
    ONCE,
    YEARLY_DATE,
    YEARLY_WEEKDAY,
)

# Changing any of these makes calendar clients re-read the event (SEQUENCE rises).
SCHEDULE_FIELDS = (
    "all_day",
    "start_date",
    "start_time",
    "duration_minutes",
    "span_days",
    "recurrence",
    "interval",
    "month",
    "weekday",
    "nth",
    "until",
    "count",
    "skipped",
)


@dataclass
class EventData:
    title: str
    category: str
    start_date: date
    description: str = ""
    area_code: str | None = None
    plan_id: int | None = None
    all_day: bool = True
    start_time: time | None = None
    duration_minutes: int | None = None
    span_days: int = 1
    recurrence: str = ONCE
    interval: int = 1
    month: int | None = None
    weekday: int | None = None
    nth: int | None = None
    until: date | None = None
    count: int | None = None
    skipped: list[date] = field(default_factory=list)
    owner_user_id: int | None = None  # the member who answers for it (My work, reminders)


def _check(data: EventData, organisation_id: int) -> Plan | None:
    plan = None
    if data.plan_id is not None:
        plan = db.session.get(Plan, data.plan_id)
        if plan is None or plan.organisation_id != organisation_id:
            raise RuleError(_l("Välj en av organisationens planer."), "plan_id")
    if data.category not in CATEGORIES:
        raise RuleError(_l("Välj en kategori."), "category")
    if data.recurrence not in KINDS:
        raise RuleError(_l("Välj hur händelsen upprepas."), "recurrence")
    if not data.all_day and data.start_time is None:
        raise RuleError(_l("Ange en tid, eller markera händelsen som heldag."), "start_time")
    if data.span_days > 1 and not data.all_day:
        raise RuleError(_l("En händelse över flera dagar är en heldagshändelse."), "span_days")
    if data.span_days > 28 and data.recurrence in (MONTHLY_DAY, MONTHLY_WEEKDAY):
        raise RuleError(
            _l("En händelse som upprepas varje månad kan vara högst 28 dagar."), "span_days"
        )
    if data.recurrence in (YEARLY_WEEKDAY, MONTHLY_WEEKDAY) and (
        data.weekday is None or data.nth is None
    ):
        raise RuleError(_l("Välj veckodag och vilken i månaden."), "weekday")
    if data.recurrence == YEARLY_WEEKDAY and data.month is None:
        raise RuleError(_l("Välj månad."), "month")
    if data.until and data.count:
        raise RuleError(
            _l("Ange antingen ett slutdatum eller ett antal gånger, inte båda."), "count"
        )
    if data.until and data.until < data.start_date:
        raise RuleError(
            _l("Slutdatum för upprepningen kan inte vara före första datumet."), "until"
        )
    if data.recurrence == ONCE:
        data.until, data.count, data.interval = None, None, 1
    return plan


def _apply(event: WheelEvent, data: EventData) -> None:
    organisation_id = event.organisation_id or event.organisation.id
    plan = _check(data, organisation_id)
    # queried before anything changes, so the edit is flushed once (one history entry)
    owner = None
    if data.owner_user_id is not None:
        owner = responsible_account(organisation_id, data.owner_user_id, field="owner_user_id")
    if event.id is not None:
        event.owner  # noqa: B018 - loaded now, so the history has the old owner
    before = {name: getattr(event, name) for name in SCHEDULE_FIELDS}
    for name, value in vars(data).items():
        if name == "owner_user_id":
            continue
        if name == "skipped":
            value = sorted({d.isoformat() for d in value})
        setattr(event, name, value)
    event.plan = plan  # through the relationship, so the history names the plan
    event.owner = owner
    if not event.all_day:
        event.duration_minutes = event.duration_minutes or 60
    else:
        event.start_time, event.duration_minutes = None, None
    if not event.all_day:
        event.span_days = 1
    after = {name: getattr(event, name) for name in SCHEDULE_FIELDS}
    if event.id is not None and before != after:
        event.sequence = (event.sequence or 0) + 1


def create_event(
    organisation: Organisation, data: EventData, template_key: str | None = None
) -> WheelEvent:
    event = WheelEvent(organisation=organisation, sequence=0, template_key=template_key)
    _apply(event, data)
    db.session.add(event)
    db.session.flush()
    return event


def update_event(event: WheelEvent, data: EventData) -> WheelEvent:
    _apply(event, data)
    db.session.flush()
    return event


def delete_event(event: WheelEvent) -> None:
    db.session.delete(event)
    db.session.flush()


def set_done(event: WheelEvent, day: date, done: bool, by: str = "") -> WheelEvent:
    """Mark one occurrence carried out (or not); no other occurrence changes."""
    if day not in event.rule.occurrences(day, day):
        raise RuleError(_l("Händelsen inträffar inte det datumet."), "day")
    existing = next((d for d in event.done if d.day == day), None)
    if done and existing is None:
        event.done.append(OccurrenceDone(day=day, done_by=by))
    elif not done and existing is not None:
        event.done.remove(existing)
    db.session.flush()
    return event


# --- the national template --------------------------------------------------------------


# Each template event's stable key, in the order national_template() lists them.
TEMPLATE_KEYS = ("psb", "suicidprevention", "patientsakerhetsdagen", "trycksar", "hse", "apt")


def national_template(year: int) -> list[EventData]:
    """The yearly rhythm every organisation starts from (see the national plan)."""
    first = date(year, 1, 1)
    return [
        EventData(
            "Patientsäkerhetsberättelsen klar",
            "rapportering",
            date(year, 3, 1),
            "Patientsäkerhetsberättelsen (PSB) för föregående år ska vara klar senast 1 mars.",
            recurrence=YEARLY_DATE,
        ),
        EventData(
            "Suicidpreventiva dagen",
            "temadag",
            date(year, 9, 10),
            "Världsdagen för suicidprevention.",
            area_code="F3",
            recurrence=YEARLY_DATE,
        ),
        EventData(
            "Världspatientsäkerhetsdagen",
            "temadag",
            date(year, 9, 17),
            "World Patient Safety Day.",
            recurrence=YEARLY_DATE,
        ),
        EventData(
            "Stoppa trycksår-dagen",
            "temadag",
            first,
            "Internationella dagen för att förebygga trycksår, tredje torsdagen i november.",
            area_code="F3",
            recurrence=YEARLY_WEEKDAY,
            month=11,
            weekday=3,
            nth=3,
        ),
        EventData(
            "Resultat från medarbetarenkäten (HSE/HME)",
            "matning",
            date(year + (year % 2), 10, 1),
            "Resultaten om säkerhetsengagemang redovisas vartannat år (jämna år).",
            area_code="G2",
            recurrence=YEARLY_DATE,
            interval=2,
        ),
        EventData(
            "APT-tema patientsäkerhet",
            "apt",
            date(year, 1, 15),
            "Månadens patientsäkerhetstema på arbetsplatsträffen.",
            recurrence=MONTHLY_DAY,
        ),
    ]


def has_events(organisation: Organisation) -> bool:
    return (
        db.session.scalars(
            select(WheelEvent.id).where(WheelEvent.organisation_id == organisation.id).limit(1)
        ).first()
        is not None
    )


def add_national_template(organisation: Organisation, year: int, plan_id: int | None = None):
    """The national template's events for ``organisation``, starting in ``year``. Never
    twice: a concurrent second adding fails on the template keys' unique constraint."""
    events = []
    for key, data in zip(TEMPLATE_KEYS, national_template(year), strict=True):
        data.plan_id = plan_id
        events.append(create_event(organisation, data, key))
    return events


def organisation_events(org_id: int) -> list[WheelEvent]:
    """The organisation's own wheel events with their done occurrences, by start date."""
    return list(
        db.session.scalars(
            select(WheelEvent)
            .where(WheelEvent.organisation_id == org_id)
            .options(selectinload(WheelEvent.done))
            .order_by(WheelEvent.start_date, WheelEvent.id)
        )
    )
