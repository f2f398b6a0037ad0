"""Reading the history back, in plain Swedish, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from planner.audit.models import CREATE, DELETE, AuditEvent
from planner.extensions import db
from planner.plans.models import ACTIVITY_STATUSES, DECISION_LEVELS, PLAN_STATUSES

FIELD_LABELS = {
    "title": _l("Titel"),
    "description": _l("Beskrivning"),
    "period_start": _l("Period från"),
    "period_end": _l("Period till"),
    "vision": _l("Vision"),
    "decided_by": _l("Beslutad av"),
    "decision_level": _l("Beslutsnivå"),
    "decision_date": _l("Beslutsdatum"),
    "revised_date": _l("Senast reviderad"),
    "status": _l("Status"),
    "local_description": _l("Lokal beskrivning"),
    "responsible_name": _l("Ansvarig person"),
    "responsible_role": _l("Roll"),
    "responsible_email": _l("E-post"),
    "start_date": _l("Startdatum"),
    "due_date": _l("Slutdatum"),
    "follow_up_date": _l("Uppföljningsdatum"),
    "percent": _l("Andel klart"),
    "comment": _l("Kommentar"),
    "author_name": _l("Skriven av"),
    "date": _l("Datum"),
    "area": _l("Område"),
    "goal": _l("Mål"),
    "organisations": _l("Ansvariga organisationer"),
    "role": _l("Roll"),
    "position": _l("Ordning"),
    "code": _l("Kod"),
    "kind": _l("Typ"),
    "aim": _l("Syfte"),
}
ENTITY_LABELS = {
    "Plan": _l("planen"),
    "PlanArea": _l("området"),
    "Goal": _l("målet"),
    "Activity": _l("aktiviteten"),
    "ProgressUpdate": _l("framstegsposten"),
    "Membership": _l("medlemskapet"),
    "Invitation": _l("inbjudan"),
}
VALUE_LABELS = {
    "status": {**ACTIVITY_STATUSES, **PLAN_STATUSES},
    "decision_level": DECISION_LEVELS,
}
HIDDEN_FIELDS = {"kind", "position", "code", "aim"}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryLine:
    event: AuditEvent
    verb: str
    what: str
    changes: list[Change]


def _translated() -> dict:
    """The labels in the request's language, translated once per history read rather than
    once per line and field (a plan's 50 lines would otherwise make hundreds of lookups)."""
    return {
        "fields": {k: str(v) for k, v in FIELD_LABELS.items()},
        "entities": {k: str(v) for k, v in ENTITY_LABELS.items()},
        "values": {f: {k: str(v) for k, v in m.items()} for f, m in VALUE_LABELS.items()},
        "verbs": {
            CREATE: str(_l("skapade")),
            DELETE: str(_l("tog bort")),
            None: str(_l("ändrade")),
        },
    }


def _value(field: str, value, labels: dict) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, list):
        return " + ".join(str(v) for v in value)
    names = labels["values"].get(field)
    if names and value in names:
        return names[value]
    if field == "percent":
        return f"{value} %"
    return str(value)


def describe(event: AuditEvent, labels: dict | None = None) -> HistoryLine:
    labels = labels or _translated()
    verbs = labels["verbs"]
    verb = verbs.get(event.action, verbs[None])
    what = f"{labels['entities'].get(event.entity_type, event.entity_type)} {event.entity_label}"
    changes = [
        Change(
            labels["fields"].get(field, field),
            _value(field, old, labels),
            _value(field, new, labels),
        )
        for field, (old, new) in sorted((event.changes or {}).items())
        if field not in HIDDEN_FIELDS
    ]
    return HistoryLine(event, verb, what, changes)


def history(limit: int = 200, **where: int) -> list[HistoryLine]:
    """The newest events matching ``where`` (plan_id=…, activity_id=…, organisation_id=…)."""
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    for column, value in where.items():
        stmt = stmt.where(getattr(AuditEvent, column) == value)
    labels = _translated()
    return [describe(e, labels) for e in db.session.scalars(stmt)]


def changes_since(entity: object, version: int | None) -> list[HistoryLine]:
    """What others changed in ``entity`` after the version a user's form started from."""
    stmt = (
        select(AuditEvent)
        .where(
            AuditEvent.entity_type == type(entity).__name__,
            AuditEvent.entity_id == entity.id,  # type: ignore[attr-defined]
            AuditEvent.entity_version > (version or 0),
        )
        .order_by(AuditEvent.id)
    )
    labels = _translated()
    return [describe(e, labels) for e in db.session.scalars(stmt)]
