"""The annual wheel (årshjul): recurring events per organisation, occurrences marked done."""

from __future__ import annotations

from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.auth.models import User
from planner.extensions import db
from planner.language import MONTH_NAMES, WEEKDAY_NAMES
from planner.models import Audited, Scope, Timestamped, utcnow
from planner.orgs.models import Organisation
from planner.plans.models import Plan
from planner.plans.template import AREA_LABELS
from planner.wheel.recurrence import (
    MONTHLY_DAY,
    MONTHLY_WEEKDAY,
    ONCE,
    YEARLY_DATE,
    YEARLY_WEEKDAY,
    Recurrence,
)

RECURRENCES = {
    ONCE: _l("En gång"),
    YEARLY_DATE: _l("Varje år på samma datum"),
    YEARLY_WEEKDAY: _l("Varje år på en viss veckodag i en månad"),
    MONTHLY_DAY: _l("Varje månad på samma dag"),
    MONTHLY_WEEKDAY: _l("Varje månad på en viss veckodag"),
}
CATEGORIES = {
    "apt": _l("APT-tema"),
    "dialog": _l("Patientsäkerhetsdialog"),
    "rapportering": _l("Rapportering"),
    "utbildning": _l("Utbildning"),
    "temadag": _l("Temadag"),
    "matning": _l("Mätning"),
    "mote": _l("Möte"),
}
NTHS = [
    (1, _l("första")),
    (2, _l("andra")),
    (3, _l("tredje")),
    (4, _l("fjärde")),
    (-1, _l("sista")),
]


class WheelEvent(Audited, Timestamped, db.Model):
    __tablename__ = "wheel_event"
    # The national template is added once per organisation: each of its events carries its
    # key, so a second, concurrent adding of the template is refused by the database.
    __table_args__ = (
        UniqueConstraint("organisation_id", "template_key", name="uq_wheel_event_template_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20))
    area_code: Mapped[str | None] = mapped_column(String(2))
    all_day: Mapped[bool] = mapped_column(Boolean, default=True)
    start_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    # A period of whole days (a measurement week, "dialogues in spring"): each occurrence
    # covers this many days from its start; 1 for a single day or a timed event.
    span_days: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    recurrence: Mapped[str] = mapped_column(String(20), default="once")
    interval: Mapped[int] = mapped_column(Integer, default=1)
    month: Mapped[int | None] = mapped_column(Integer)
    weekday: Mapped[int | None] = mapped_column(Integer)
    nth: Mapped[int | None] = mapped_column(Integer)
    until: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    skipped: Mapped[list] = mapped_column(JSON, default=list)
    # The member who answers for the event (My work, reminders); None when nobody is named.
    owner_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # Which event of the national template this is (None for the organisation's own).
    template_key: Mapped[str | None] = mapped_column(String(40))
    # Rises whenever date, time or recurrence change, so calendar clients take the change.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    organisation: Mapped[Organisation] = relationship()
    plan: Mapped[Plan | None] = relationship(active_history=True)
    owner: Mapped[User | None] = relationship(active_history=True)
    done: Mapped[list[OccurrenceDone]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="OccurrenceDone.day"
    )

    __mapper_args__ = {"version_id_col": version}
    audited_relations = ("plan", "owner")
    audit_entity = _l("årshjulshändelsen")
    audit_fields = {
        "title": _l("Titel"),
        "description": _l("Beskrivning"),
        "category": _l("Kategori"),
        "area_code": _l("Område"),
        "all_day": _l("Heldag"),
        "start_date": _l("Första datum"),
        "start_time": _l("Klockslag"),
        "duration_minutes": _l("Längd (minuter)"),
        "span_days": _l("Antal dagar"),
        "recurrence": _l("Upprepas"),
        "interval": _l("Intervall (år eller månader)"),
        "month": _l("Månad"),
        "weekday": _l("Veckodag"),
        "nth": _l("Vilken i månaden"),
        "until": _l("Upprepas till och med"),
        "count": _l("Antal gånger"),
        "skipped": _l("Överhoppade datum"),
        "plan": _l("Hör till planen"),
        "owner": _l("Ansvarig"),
    }
    audit_values = {
        "category": CATEGORIES,
        "area_code": AREA_LABELS,
        "recurrence": RECURRENCES,
        "month": dict(enumerate(MONTH_NAMES, start=1)),
        "weekday": dict(enumerate(WEEKDAY_NAMES)),
        "nth": dict(NTHS),
    }
    # For calendar clients and the template's once-only rule; the other fields say it.
    audit_hidden = frozenset({"sequence", "template_key"})

    @property
    def rule(self) -> Recurrence:
        return Recurrence(
            kind=self.recurrence,
            start=self.start_date,
            interval=self.interval or 1,
            month=self.month,
            weekday=self.weekday,
            nth=self.nth,
            until=self.until,
            count=self.count,
            skipped=tuple(date.fromisoformat(d) for d in self.skipped or ()),
        )

    @property
    def category_label(self) -> str:
        return str(CATEGORIES.get(self.category, self.category))

    @property
    def audit_label(self) -> str:
        return self.title

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id, self.plan_id)

    def done_days(self) -> set[date]:
        return {d.day for d in self.done}


class OccurrenceDone(Audited, db.Model):
    """One occurrence marked as carried out ("genomförd 2026"); the others are untouched."""

    __tablename__ = "wheel_occurrence_done"
    __table_args__ = (UniqueConstraint("event_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("wheel_event.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    done_by: Mapped[str] = mapped_column(String(200), default="")
    done_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    event: Mapped[WheelEvent] = relationship(back_populates="done")

    audit_entity = _l("genomförandet")
    audit_fields = {"day": _l("Datum"), "done_by": _l("Markerad av"), "done_at": _l("Markerad")}

    @property
    def audit_label(self) -> str:
        return f"{self.event.title} {self.day.isoformat()}"

    @property
    def scope(self) -> Scope:
        return self.event.scope
