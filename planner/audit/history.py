"""Reading the history back, in plain Swedish, newest first, in the words each model declares
for itself (planner.audit.labels)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from planner.audit.labels import Labels
from planner.audit.models import AuditEvent
from planner.extensions import db


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


def describe(event: AuditEvent, labels: Labels | None = None) -> HistoryLine:
    """One event as a line in Swedish; pass one ``Labels`` for all lines of a read, so each
    label is translated once per read rather than once per line."""
    labels = labels or Labels()
    kind = event.entity_type
    changes = [
        Change(
            labels.field(kind, field),
            labels.value(kind, field, old),
            labels.value(kind, field, new),
        )
        for field, (old, new) in sorted((event.changes or {}).items())
        if labels.shown(kind, field)
    ]
    what = f"{labels.entity(kind)} {event.entity_label}"
    return HistoryLine(event, labels.verb(event.action), what, changes)


def history(limit: int = 200, **where: int) -> list[HistoryLine]:
    """The newest events matching ``where`` (plan_id=…, activity_id=…, organisation_id=…)."""
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    for column, value in where.items():
        stmt = stmt.where(getattr(AuditEvent, column) == value)
    labels = Labels()
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
    labels = Labels()
    return [describe(e, labels) for e in db.session.scalars(stmt)]
