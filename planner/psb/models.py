"""The yearly patient-safety report (patientsäkerhetsberättelse, PSB) of an organisation."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models import Audited, Scope, Timestamped
from planner.orgs.models import Organisation

DRAFT, DECIDED = "draft", "decided"
REPORT_STATUSES = {DRAFT: _l("Utkast"), DECIDED: _l("Beslutad")}

# The figures planner does not hold, entered once a year: (code, label). Each is a count and
# a comment; the template's "figures" generator shows them by these codes.
FIGURES = (
    ("deviations", _l("Rapporterade avvikelser")),
    ("lex_maria", _l("Anmälningar enligt lex Maria")),
    ("complaints", _l("Klagomål och synpunkter")),
    ("risk_analyses", _l("Riskanalyser")),
    ("event_analyses", _l("Händelseanalyser")),
)
FIGURE_CODES = tuple(code for code, _ in FIGURES)
FIGURE_LABELS = dict(FIGURES)


def yes_no(value: bool) -> str:
    return str(_l("Ja") if value else _l("Nej"))


class SafetyReport(Audited, Timestamped, db.Model):
    """One organisation's PSB for one calendar year: a draft until decided, then frozen."""

    __tablename__ = "safety_report"
    __table_args__ = (UniqueConstraint("organisation_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    template_key: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The whole document (planner.psb.document) as it was decided; None while a draft.
    document: Mapped[dict | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)

    organisation: Mapped[Organisation] = relationship()
    sections: Mapped[list[ReportSection]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportSection.id"
    )
    figures: Mapped[ReportFigures | None] = relationship(
        back_populates="report", cascade="all, delete-orphan", uselist=False
    )

    __mapper_args__ = {"version_id_col": version}
    audit_entity = _l("patientsäkerhetsberättelsen")
    audit_fields = {
        "year": _l("År"),
        "status": _l("Status"),
        "decided_by": _l("Beslutad av"),
        "decided_at": _l("Beslutad"),
        "published": _l("Publicerad"),
        "published_at": _l("Publicerad den"),
    }
    audit_values = {"status": REPORT_STATUSES, "published": yes_no}
    # The frozen copy itself (the status says it) and the template, chosen once at creation.
    audit_hidden = frozenset({"document", "template_key"})

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id)

    @property
    def audit_label(self) -> str:
        return f"{_l('Patientsäkerhetsberättelse')} {self.year}"

    @property
    def is_decided(self) -> bool:
        return self.status == DECIDED

    @property
    def status_label(self) -> str:
        return str(REPORT_STATUSES.get(self.status, self.status))

    def section(self, key: str) -> ReportSection | None:
        return next((s for s in self.sections if s.section_key == key), None)


class ReportSection(Audited, db.Model):
    """One heading of a report: the writer's own text and the latest generated part."""

    __tablename__ = "report_section"
    __table_args__ = (UniqueConstraint("report_id", "section_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("safety_report.id", ondelete="CASCADE"), index=True
    )
    section_key: Mapped[str] = mapped_column(String(60))
    # The person's own text, in the safe Markdown subset (planner.psb.writing).
    text: Mapped[str] = mapped_column(Text, default="")
    # What the generators made from the plan, as document JSON: {"blocks": […], "subsections": […]}.
    generated: Mapped[dict | None] = mapped_column(JSON)
    generated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The writer may leave the generated part out of this section (their text alone is shown).
    show_generated: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    edited_by: Mapped[str] = mapped_column(String(200), default="")
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    report: Mapped[SafetyReport] = relationship(back_populates="sections")

    __mapper_args__ = {"version_id_col": version}
    audit_creates = False  # created with its report
    audit_entity = _l("avsnittet")
    audit_fields = {
        "text": _l("Egen text"),
        "show_generated": _l("Visa det hämtade från planen"),
        "edited_by": _l("Skrivet av"),
    }
    audit_values = {"show_generated": yes_no}
    # Refreshing the generated part is a consequence of the plan's own recorded changes.
    audit_unrecorded = frozenset({"generated", "generated_at", "edited_at"})
    audit_hidden = frozenset({"section_key"})

    @property
    def scope(self) -> Scope:
        return self.report.scope

    @property
    def audit_label(self) -> str:
        from planner.psb.template import load_template

        found = load_template(self.report.template_key).section(self.section_key)
        return found.heading if found else self.section_key


class ReportFigures(Audited, db.Model):
    """The year's figures from other systems (deviations, complaints …), each with a comment.
    A count left empty has not been entered; zero is a figure."""

    __tablename__ = "report_figures"
    __table_args__ = (UniqueConstraint("report_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("safety_report.id", ondelete="CASCADE"))
    deviations: Mapped[int | None] = mapped_column(Integer)
    deviations_comment: Mapped[str] = mapped_column(Text, default="")
    lex_maria: Mapped[int | None] = mapped_column(Integer)
    lex_maria_comment: Mapped[str] = mapped_column(Text, default="")
    complaints: Mapped[int | None] = mapped_column(Integer)
    complaints_comment: Mapped[str] = mapped_column(Text, default="")
    risk_analyses: Mapped[int | None] = mapped_column(Integer)
    risk_analyses_comment: Mapped[str] = mapped_column(Text, default="")
    event_analyses: Mapped[int | None] = mapped_column(Integer)
    event_analyses_comment: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    report: Mapped[SafetyReport] = relationship(back_populates="figures")

    __mapper_args__ = {"version_id_col": version}
    audit_entity = _l("årets siffror")
    audit_fields = {
        **FIGURE_LABELS,
        **{f"{code}_comment": _l("Kommentar: %(figure)s", figure=label) for code, label in FIGURES},
    }

    @property
    def scope(self) -> Scope:
        return self.report.scope

    @property
    def audit_label(self) -> str:
        return f"{_l('Siffror')} {self.report.year}"

    def count(self, code: str) -> int | None:
        return getattr(self, code)

    def comment(self, code: str) -> str:
        return getattr(self, f"{code}_comment") or ""
