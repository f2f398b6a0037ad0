"""Who wants which reminders, each organisation's lead days, and the ledger of every mail."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models import Audited, Scope, Timestamped, utcnow
from planner.orgs.models import Organisation

# How a person gets reminders (ReminderSetting.mode).
EACH, WEEKLY, NONE = "each", "weekly", "none"
MODES = {
    EACH: _l("Varje påminnelse när den kommer"),
    WEEKLY: _l("Ett veckobrev på måndag morgon"),
    NONE: _l("Inga påminnelser"),
}
DEFAULT_MODE = EACH
DEFAULT_LEAD_DAYS = (14, 1)
MAX_LEAD_DAYS = 90

# What a ledger row is about (ReminderDelivery.item_kind, .reminder_kind), for the log.
ITEM_KINDS = {
    "activity": _l("Aktivitet"),
    "psb_part": _l("PSB-del"),
    "measure_value": _l("Mätvärde för mått"),
    "person": _l("Eget veckobrev"),
    "plan": _l("Veckobrev om plan"),
}
REMINDER_KINDS = {
    "due_soon": _l("före slutdatum"),
    "follow_up_soon": _l("före uppföljning"),
    "overdue": _l("försenad"),
    "digest": _l("veckobrev"),
    "plan_digest": _l("veckobrev"),
}

# Ledger states (ReminderDelivery.state).
CLAIMED, SENT, FAILED = "claimed", "sent", "failed"
STATES = {CLAIMED: _l("Påbörjad"), SENT: _l("Skickad"), FAILED: _l("Misslyckad")}


class ReminderSetting(Timestamped, db.Model):
    """A person's choice; no row means the default (each reminder as it comes)."""

    __tablename__ = "reminder_setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    mode: Mapped[str] = mapped_column(String(10), default=DEFAULT_MODE)


class PlanDigest(Audited, Timestamped, db.Model):
    """A plan editor's weekly digest of one plan: overdue, unowned, due soon."""

    __tablename__ = "plan_digest"
    __table_args__ = (UniqueConstraint("user_id", "plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)

    plan = relationship("Plan")
    user = relationship("User")

    audit_entity = _l("veckobrevet om planen")

    @property
    def audit_label(self) -> str:
        from planner.auth.models import User
        from planner.plans.models import Plan

        user, plan = db.session.get(User, self.user_id), db.session.get(Plan, self.plan_id)
        return f"{user.email if user else self.user_id}: {plan.title if plan else self.plan_id}"

    @property
    def scope(self) -> Scope:
        from planner.plans.models import Plan

        return Scope(db.session.get(Plan, self.plan_id).organisation_id, self.plan_id)

    @property
    def personal_to(self) -> int | None:
        return self.user_id


class ReminderPolicy(Audited, Timestamped, db.Model):
    """An organisation's lead days (e.g. "14,1": 14 and 1 days before a date); its
    sub-organisations follow it unless they have their own."""

    __tablename__ = "reminder_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), unique=True
    )
    lead_days: Mapped[str] = mapped_column(String(100))

    organisation: Mapped[Organisation] = relationship()

    audit_entity = _l("påminnelseinställningen")
    audit_fields = {"lead_days": _l("Dagar före datum")}

    @property
    def audit_label(self) -> str:
        return self.organisation.name

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id)

    @property
    def days(self) -> tuple[int, ...]:
        return parse_lead_days(self.lead_days)


def parse_lead_days(text: str) -> tuple[int, ...]:
    """ "14, 1" → (14, 1): distinct whole days 0–MAX_LEAD_DAYS, largest first; ValueError
    otherwise."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts or len(parts) > 5:
        raise ValueError(text)
    days = {int(p) for p in parts}
    if any(d < 0 or d > MAX_LEAD_DAYS for d in days):
        raise ValueError(text)
    return tuple(sorted(days, reverse=True))


class ReminderDelivery(db.Model):
    """The ledger: one row per (recipient, item, reminder, occasion), claimed before sending
    (the unique constraint decides between concurrent runs) and marked sent or failed after.
    Only system administrators read it (the log page); it belongs to no organisation's data."""

    __tablename__ = "reminder_delivery"
    __table_args__ = (
        UniqueConstraint(
            "recipient_id",
            "item_kind",
            "item_id",
            "reminder_kind",
            "occasion",
            name="uq_reminder_delivery_once",
        ),
        Index("ix_reminder_delivery_claimed_at", "claimed_at"),
        Index("ix_reminder_delivery_state", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    recipient_email: Mapped[str] = mapped_column(String(254))
    item_kind: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int] = mapped_column(Integer)
    reminder_kind: Mapped[str] = mapped_column(String(20))
    occasion: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300), default="")
    state: Mapped[str] = mapped_column(String(10), default=CLAIMED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def state_label(self) -> str:
        return str(STATES.get(self.state, self.state))

    @property
    def what_label(self) -> str:
        """ "Aktivitet 42, försenad (2026-11-30/v1)": the item and which of its reminders."""
        item = ITEM_KINDS.get(self.item_kind, self.item_kind)
        kind = REMINDER_KINDS.get(self.reminder_kind, self.reminder_kind)
        return f"{item} {self.item_id}, {kind} ({self.occasion})"
