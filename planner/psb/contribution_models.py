"""Units' parts of a PSB: the lead asks a unit (a sub-organisation) for its parts of some
sections, with a due date and a named writer; the writer fills in each part and marks it
ready; the PSB compiles the ready parts under their sections."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.auth.models import User
from planner.extensions import db
from planner.models import Audited, Scope, Timestamped
from planner.orgs.models import Organisation
from planner.psb.models import SafetyReport
from planner.wheel.models import WheelEvent

# A part's state, computed from its row (never stored): asked for, begun, ready.
REQUESTED, BEGUN, READY = "requested", "begun", "ready"
STATES = {
    REQUESTED: _l("Inte påbörjad"),
    BEGUN: _l("Påbörjad"),
    READY: _l("Klar"),
}


class PartRequest(Audited, Timestamped, db.Model):
    """One unit asked for its parts of one year's PSB: who writes them and by when. The due
    date is also an event in the unit's annual wheel (and so in its calendar feeds)."""

    __tablename__ = "psb_part_request"
    # A unit is asked once per PSB; asking again changes that request.
    __table_args__ = (UniqueConstraint("report_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("safety_report.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    writer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    due_date: Mapped[date] = mapped_column(Date)
    wheel_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("wheel_event.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    report: Mapped[SafetyReport] = relationship()
    organisation: Mapped[Organisation] = relationship(active_history=True)
    writer: Mapped[User | None] = relationship(active_history=True)
    wheel_event: Mapped[WheelEvent | None] = relationship()
    parts: Mapped[list[Contribution]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="Contribution.id"
    )

    __mapper_args__ = {"version_id_col": version}
    audited_relations = ("writer",)
    audit_entity = _l("begäran om PSB-underlag")
    audit_fields = {"due_date": _l("Senast klart"), "writer": _l("Skribent")}

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id)  # the unit's people see and write it

    @property
    def audit_label(self) -> str:
        return f"PSB {self.report.year}: {self.organisation.name}"

    @property
    def has_text(self) -> bool:
        """Has the unit written anything yet (then the request cannot be withdrawn)?"""
        return any(p.text.strip() for p in self.parts)

    def part(self, section_key: str) -> Contribution | None:
        return next((p for p in self.parts if p.section_key == section_key), None)


class Contribution(Audited, Timestamped, db.Model):
    """A unit's part of one section: its text (the same safe formatting as a section's own
    text) and whether the writer has marked it ready."""

    __tablename__ = "psb_contribution"
    __table_args__ = (UniqueConstraint("request_id", "section_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("psb_part_request.id", ondelete="CASCADE"), index=True
    )
    section_key: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")
    ready: Mapped[bool] = mapped_column(Boolean, default=False)
    ready_by: Mapped[str] = mapped_column(String(200), default="")
    ready_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    request: Mapped[PartRequest] = relationship(back_populates="parts")

    __mapper_args__ = {"version_id_col": version}
    audit_creates = False  # asked for together with its request
    audit_entity = _l("PSB-underlaget")
    audit_fields = {
        "text": _l("Text"),
        "ready": _l("Klar"),
        "ready_by": _l("Markerad klar av"),
        "ready_at": _l("Markerad klar"),
    }
    audit_hidden = frozenset({"section_key"})  # never changes; the label names the section

    @property
    def scope(self) -> Scope:
        return self.request.scope

    @property
    def audit_label(self) -> str:
        from planner.psb.template import load_template

        found = load_template(self.request.report.template_key).section(self.section_key)
        return f"{self.request.audit_label}, {found.heading if found else self.section_key}"

    @property
    def state(self) -> str:
        if self.ready:
            return READY
        return BEGUN if self.text.strip() else REQUESTED

    @property
    def state_label(self) -> str:
        return str(STATES[self.state])
