"""Plans, their nine areas, goals, activities and progress updates."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    func,
    or_,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models import Audited, Scope, Timestamped, utcnow
from planner.orgs.models import Organisation

if TYPE_CHECKING:
    from planner.auth.models import User

PLAN_STATUSES = {
    "utkast": _l("Utkast"),
    "faststalld": _l("Fastställd"),
    "arkiverad": _l("Arkiverad"),
}
DECISION_LEVELS = {
    "politisk": _l("Politisk nivå"),
    "hogsta_tjansteman": _l("Högsta tjänstemannanivå"),
    "annan_tjansteman": _l("Annan tjänstemannanivå"),
}
NOT_STARTED, ONGOING, DONE, CANCELLED = "ej_paborjad", "pagar", "klar", "avbruten"
ACTIVITY_STATUSES = {
    NOT_STARTED: _l("Ej påbörjad"),
    ONGOING: _l("Pågår"),
    DONE: _l("Klar"),
    CANCELLED: _l("Avbruten"),
}
CLOSED_STATUSES = frozenset({DONE, CANCELLED})


def percent_label(value: int) -> str:
    return f"{value} %"


class Plan(Audited, Timestamped, db.Model):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    period_start: Mapped[int] = mapped_column(Integer)
    period_end: Mapped[int] = mapped_column(Integer)
    vision: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decision_level: Mapped[str | None] = mapped_column(String(30))
    decision_date: Mapped[date | None] = mapped_column(Date)
    revised_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="utkast")
    version: Mapped[int] = mapped_column(Integer, default=1)

    organisation: Mapped[Organisation] = relationship(back_populates="plans")
    areas: Mapped[list[PlanArea]] = relationship(
        back_populates="plan", order_by="PlanArea.position", cascade="all, delete-orphan"
    )
    goals: Mapped[list[Goal]] = relationship(
        back_populates="plan", order_by="Goal.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    audit_entity = _l("planen")
    audit_fields = {
        "title": _l("Titel"),
        "period_start": _l("Period från"),
        "period_end": _l("Period till"),
        "vision": _l("Vision"),
        "decided_by": _l("Beslutad av"),
        "decision_level": _l("Beslutsnivå"),
        "decision_date": _l("Beslutsdatum"),
        "revised_date": _l("Senast reviderad"),
        "status": _l("Status"),
    }
    audit_values = {"status": PLAN_STATUSES, "decision_level": DECISION_LEVELS}

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id, self.id)

    @property
    def audit_label(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        return f"{self.period_start}–{self.period_end}"

    @property
    def status_label(self) -> str:
        return str(PLAN_STATUSES.get(self.status, self.status))

    @property
    def decision_level_label(self) -> str:
        return str(DECISION_LEVELS.get(self.decision_level or "", ""))


class PlanArea(Audited, db.Model):
    """One of the nine national areas (G1–G4, F1–F5) as this plan describes it locally."""

    __tablename__ = "plan_area"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(12))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    aim: Mapped[str] = mapped_column(Text, default="")
    local_description: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[Plan] = relationship(back_populates="areas")
    goals: Mapped[list[Goal]] = relationship(back_populates="area", order_by="Goal.position")

    __mapper_args__ = {"version_id_col": version}

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"

    audit_label = label
    audit_creates = False  # created with its plan; the plan's creation is the event
    audit_entity = _l("området")
    audit_fields = {"title": _l("Titel"), "local_description": _l("Lokal beskrivning")}
    audit_hidden = frozenset({"code", "kind", "position", "aim"})  # the national template's

    @property
    def scope(self) -> Scope:
        return self.plan.scope


class Goal(Audited, Timestamped, db.Model):
    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("plan_area.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[Plan] = relationship(back_populates="goals")
    area: Mapped[PlanArea] = relationship(back_populates="goals", active_history=True)

    __mapper_args__ = {"version_id_col": version}
    audited_relations = ("area",)
    audit_entity = _l("målet")
    audit_fields = {"title": _l("Titel"), "description": _l("Beskrivning"), "area": _l("Område")}
    audit_hidden = frozenset({"position"})

    @property
    def audit_label(self) -> str:
        return self.title

    @property
    def scope(self) -> Scope:
        return self.plan.scope


activity_organisation = Table(
    "activity_organisation",
    db.Model.metadata,
    Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "organisation_id",
        ForeignKey("organisation.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class Activity(Audited, Timestamped, db.Model):
    __tablename__ = "activity"
    # My work and the reminders find a person's activities that no account is linked to by
    # the typed address, in any case: an index on the lower-cased address answers that
    # without reading every activity (see planner/mywork/items.py, responsible_for).
    __table_args__ = (
        Index("ix_activity_responsible_email_lower", func.lower(text("responsible_email"))),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(
        ForeignKey("plan_area.id", ondelete="RESTRICT"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goal.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    responsible_name: Mapped[str] = mapped_column(String(200), default="")
    responsible_role: Mapped[str] = mapped_column(String(200), default="")
    responsible_email: Mapped[str] = mapped_column(String(254), default="")
    # The responsible person's account, when they have one (picked from the organisation's
    # members, or matched by the typed e-mail): what My work and the reminders go by. The name
    # and e-mail above stay the person's as shown; an account deleted leaves them.
    responsible_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    follow_up_date: Mapped[date | None] = mapped_column(Date)
    # The current state: always the latest progress update's (see services.record_progress).
    status: Mapped[str] = mapped_column(String(20), default=NOT_STARTED)
    percent: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[Plan] = relationship()
    area: Mapped[PlanArea] = relationship(active_history=True)
    goal: Mapped[Goal | None] = relationship(active_history=True)
    responsible_user: Mapped[User | None] = relationship(active_history=True)
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=activity_organisation, order_by=Organisation.name
    )
    updates: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="activity",
        order_by="(ProgressUpdate.date.desc(), ProgressUpdate.id.desc())",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}
    audited_relations = ("area", "goal", "organisations", "responsible_user")
    audit_entity = _l("aktiviteten")
    audit_fields = {
        "title": _l("Titel"),
        "description": _l("Beskrivning"),
        "responsible_name": _l("Ansvarig person"),
        "responsible_role": _l("Roll"),
        "responsible_email": _l("E-post"),
        "responsible_user": _l("Ansvarig persons konto"),
        "start_date": _l("Startdatum"),
        "due_date": _l("Slutdatum"),
        "follow_up_date": _l("Uppföljningsdatum"),
        "status": _l("Status"),
        "percent": _l("Andel klart"),
        "area": _l("Område"),
        "goal": _l("Mål"),
        "organisations": _l("Ansvariga organisationer"),
    }
    audit_values = {"status": ACTIVITY_STATUSES, "percent": percent_label}

    @property
    def audit_label(self) -> str:
        return self.title

    @property
    def scope(self) -> Scope:
        return Scope(self.plan.organisation_id, self.plan_id, self.id)

    @property
    def status_label(self) -> str:
        return str(ACTIVITY_STATUSES.get(self.status, self.status))

    # The rules below are written once and read both in Python (a page, the report) and in
    # SQL (the overview's and the roll-up's sums, the list filters): they cannot disagree.
    @hybrid_property
    def is_closed(self) -> bool:
        """Done or cancelled: no longer late, no longer in need of an owner."""
        return self.status in CLOSED_STATUSES

    @is_closed.inplace.expression
    @classmethod
    def _is_closed_expression(cls):
        return cls.status.in_(CLOSED_STATUSES)

    def calendar_days(self) -> list[tuple[str, str, date]]:
        """The deadline and the follow-up that are set, as (kind, label, day): what the wheel,
        the feed and the report show of an activity. The labels are the Swedish documents'."""
        pairs = (
            ("due", "Slutdatum", self.due_date),
            ("follow_up", "Uppföljning", self.follow_up_date),
        )
        return [(kind, label, day) for kind, label, day in pairs if day is not None]

    @hybrid_method
    def is_overdue(self, today: date) -> bool:
        """Past its due date and neither done nor cancelled."""
        return self.due_date is not None and self.due_date < today and not self.is_closed

    @is_overdue.inplace.expression
    @classmethod
    def _is_overdue_expression(cls, today: date):
        return and_(cls.due_date.is_not(None), cls.due_date < today, ~cls.is_closed)

    @hybrid_property
    def is_unowned(self) -> bool:
        """Still to be done (neither done nor cancelled) and no responsible person named."""
        return not self.responsible_name and not self.is_closed

    @is_unowned.inplace.expression
    @classmethod
    def _is_unowned_expression(cls):
        return and_(or_(cls.responsible_name == "", cls.responsible_name.is_(None)), ~cls.is_closed)

    @property
    def is_joint(self) -> bool:
        return len(self.organisations) > 1


class ProgressUpdate(Audited, db.Model):
    """A dated entry in an activity's history: what state it was in and why."""

    __tablename__ = "progress_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    percent: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    author_name: Mapped[str] = mapped_column(String(200), default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    activity: Mapped[Activity] = relationship(back_populates="updates")

    audit_entity = _l("framstegsposten")
    audit_fields = {
        "date": _l("Datum"),
        "status": _l("Status"),
        "percent": _l("Andel klart"),
        "comment": _l("Kommentar"),
        "author_name": _l("Skriven av"),
    }
    audit_values = {"status": ACTIVITY_STATUSES, "percent": percent_label}

    @property
    def audit_label(self) -> str:
        return f"{self.date.isoformat()} {self.status_label} {self.percent} %"

    @property
    def scope(self) -> Scope:
        return self.activity.scope

    @property
    def status_label(self) -> str:
        return str(ACTIVITY_STATUSES.get(self.status, self.status))
