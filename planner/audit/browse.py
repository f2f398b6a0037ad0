"""A plan's history page: newest first, a page at a time, narrowed by kind of change, by what
was changed, by one activity and by who made the change."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from planner.audit.history import HistoryLine, describe
from planner.audit.labels import Labels
from planner.audit.models import CREATE, DELETE, UPDATE, AuditEvent
from planner.extensions import db

CHANGE_KINDS = {CREATE: _l("Skapad"), UPDATE: _l("Ändrad"), DELETE: _l("Borttagen")}


@dataclass(frozen=True)
class HistoryFilter:
    action: str | None = None
    entity_type: str | None = None
    activity_id: int | None = None
    actor_name: str | None = None


def history_statement(plan_id: int, wanted: HistoryFilter) -> Select:
    """The plan's events matching ``wanted``, newest first (the (plan_id, at, id) index)."""
    stmt = select(AuditEvent).where(AuditEvent.plan_id == plan_id)
    if wanted.action:
        stmt = stmt.where(AuditEvent.action == wanted.action)
    if wanted.entity_type:
        stmt = stmt.where(AuditEvent.entity_type == wanted.entity_type)
    if wanted.activity_id is not None:
        stmt = stmt.where(AuditEvent.activity_id == wanted.activity_id)
    if wanted.actor_name:
        stmt = stmt.where(AuditEvent.actor_name == wanted.actor_name)
    return stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def changed_kinds(plan_id: int) -> list[tuple[str, str]]:
    """The kinds of thing the plan's history mentions, each with the history's own word for it
    (so a new audited model appears here without this module knowing about it)."""
    types = db.session.scalars(
        select(AuditEvent.entity_type).where(AuditEvent.plan_id == plan_id).distinct()
    )
    labels = Labels()
    named = [(t, labels.entity(t).capitalize()) for t in types]
    return sorted(named, key=lambda x: x[1])


def actors(plan_id: int) -> list[str]:
    """The names of everyone who changed something in the plan."""
    return list(
        db.session.scalars(
            select(AuditEvent.actor_name)
            .where(AuditEvent.plan_id == plan_id)
            .group_by(AuditEvent.actor_name)
            .order_by(func.lower(AuditEvent.actor_name))
        )
    )


def described(events) -> list[HistoryLine]:
    labels = Labels()  # translated once for the page, not once per line
    return [describe(event, labels) for event in events]
