"""The history (Historik): an append-only record of every change users make."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from planner.extensions import db
from planner.models import utcnow

CREATE, UPDATE, DELETE = "create", "update", "delete"


class AuditEvent(db.Model):
    """Who did what to which row, when, with each changed field's old and new value.

    Rows are only ever inserted; ids of users and rows are kept as plain numbers (no foreign
    keys) so the history outlives what it describes."""

    __tablename__ = "audit_event"
    # The history pages read "the newest N of this plan/activity/organisation": an index in
    # that order answers them without sorting a large plan's thousands of rows; the conflict
    # message reads one row's own events.
    __table_args__ = (
        Index("ix_audit_event_plan_id_at", "plan_id", "at", "id"),
        Index("ix_audit_event_activity_id_at", "activity_id", "at", "id"),
        Index("ix_audit_event_organisation_id_at", "organisation_id", "at", "id"),
        Index("ix_audit_event_entity", "entity_type", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(10))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    entity_label: Mapped[str] = mapped_column(String(300), default="")
    entity_version: Mapped[int | None] = mapped_column(Integer)
    organisation_id: Mapped[int | None] = mapped_column(Integer)
    plan_id: Mapped[int | None] = mapped_column(Integer)
    activity_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
