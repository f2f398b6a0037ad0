"""An organisation's answers to one year's survey, and the activities its gaps became."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.assessment.rules import DONT_KNOW, NO, PARTLY, YES
from planner.extensions import db
from planner.models import Audited, Scope, Timestamped
from planner.orgs.models import Organisation
from planner.plans.models import Activity

DRAFT, DECIDED = "draft", "decided"
ASSESSMENT_STATUSES = {DRAFT: _l("Pågår"), DECIDED: _l("Beslutad")}
ANSWER_LABELS = {YES: _l("Ja"), PARTLY: _l("Delvis"), NO: _l("Nej"), DONT_KNOW: _l("Vet inte")}
QUESTION, INDICATOR = "question", "indicator"
GAP_KINDS = {QUESTION: _l("Fråga"), INDICATOR: _l("Indikator")}


class Assessment(Audited, Timestamped, db.Model):
    """One organisation's self-assessment for one survey year (at most one per year)."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("organisation_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_name: Mapped[str] = mapped_column(String(200), default="")
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    organisation: Mapped[Organisation] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="Answer.id"
    )
    gap_activities: Mapped[list[GapActivity]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="GapActivity.id"
    )

    __mapper_args__ = {"version_id_col": version}
    audit_entity = _l("självskattningen")
    audit_fields = {
        "year": _l("Enkätår"),
        "status": _l("Status"),
        "decided_at": _l("Beslutad"),
        "decided_by_name": _l("Beslutad av"),
    }
    audit_values = {"status": ASSESSMENT_STATUSES}

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id)

    @property
    def audit_label(self) -> str:
        return f"{self.year}"

    @property
    def is_decided(self) -> bool:
        return self.status == DECIDED

    @property
    def status_label(self) -> str:
        return str(ASSESSMENT_STATUSES.get(self.status, self.status))

    def answer_values(self) -> dict[str, str | None]:
        return {a.question_code: a.value for a in self.answers}


class Answer(Audited, Timestamped, db.Model):
    """The answer to one question of the survey (its code in the year's catalogue)."""

    __tablename__ = "assessment_answer"
    __table_args__ = (UniqueConstraint("assessment_id", "question_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    question_code: Mapped[str] = mapped_column(String(40))
    value: Mapped[str | None] = mapped_column(String(12))
    comment: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    answered_by_name: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    assessment: Mapped[Assessment] = relationship(back_populates="answers")

    __mapper_args__ = {"version_id_col": version}
    audit_entity = _l("svaret på frågan")
    audit_fields = {
        "value": _l("Svar"),
        "comment": _l("Kommentar"),
        "link": _l("Länk till rutinen"),
        "answered_by_name": _l("Besvarad av"),
    }
    audit_values = {"value": ANSWER_LABELS}
    audit_hidden = frozenset({"question_code"})

    @property
    def scope(self) -> Scope:
        return self.assessment.scope

    @property
    def audit_label(self) -> str:
        from planner.assessment.catalogue import catalogue_for

        catalogue = catalogue_for(self.assessment.year)
        question = catalogue.question(self.question_code) if catalogue else None
        text = question.text if question else self.question_code
        return f"{self.assessment.year}: {text}"

    @property
    def value_label(self) -> str:
        return str(ANSWER_LABELS.get(self.value or "", "–"))


class GapActivity(Audited, db.Model):
    """An activity created from a gap of the assessment: an unmet indicator or a question."""

    __tablename__ = "assessment_gap_activity"
    __table_args__ = (UniqueConstraint("activity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    code: Mapped[str] = mapped_column(String(40))

    assessment: Mapped[Assessment] = relationship(back_populates="gap_activities")
    activity: Mapped[Activity] = relationship()

    audit_entity = _l("kopplingen från självskattningen")
    audit_fields = {"kind": _l("Utgår från")}
    audit_values = {"kind": GAP_KINDS}
    audit_hidden = frozenset({"code"})  # named in the label, in words

    @property
    def scope(self) -> Scope:
        return self.assessment.scope

    @property
    def audit_label(self) -> str:
        return f"{self.assessment.year} → {self.activity.title}"
