"""Changes and queries of PSBs: create, generate, write, figures, decide, reopen, publish."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from planner.audit.models import AuditEvent
from planner.clock import as_utc, to_local
from planner.extensions import db
from planner.models import utcnow
from planner.orgs.models import Organisation
from planner.plans.models import Plan
from planner.psb.compiling import with_unit_parts
from planner.psb.contributions import ready_parts
from planner.psb.document import (
    Document,
    Section,
    blocks_from_json,
    blocks_to_json,
    section_from_json,
    section_to_json,
)
from planner.psb.generators import Context, Generated, load_all
from planner.psb.models import (
    DECIDED,
    DRAFT,
    FIGURE_CODES,
    ReportFigures,
    ReportSection,
    SafetyReport,
)
from planner.psb.template import DEFAULT_TEMPLATE, SectionTemplate, load_template
from planner.psb.writing import parse_text
from planner.rules import RuleError


def reports_of(organisation: Organisation) -> list[SafetyReport]:
    return list(
        db.session.scalars(
            select(SafetyReport)
            .where(SafetyReport.organisation_id == organisation.id)
            .order_by(SafetyReport.year.desc())
        )
    )


def report_for(organisation_id: int, year: int) -> SafetyReport | None:
    return db.session.scalar(
        select(SafetyReport).where(
            SafetyReport.organisation_id == organisation_id, SafetyReport.year == year
        )
    )


def plans_for(organisation: Organisation, year: int) -> list[Plan]:
    """The organisation's plans whose period covers ``year`` (archived ones left out)."""
    return list(
        db.session.scalars(
            select(Plan)
            .where(
                Plan.organisation_id == organisation.id,
                Plan.period_start <= year,
                Plan.period_end >= year,
                Plan.status != "arkiverad",
            )
            .order_by(Plan.period_start.desc(), Plan.id)
        )
    )


def create_report(
    organisation: Organisation, year: int, template_key: str = DEFAULT_TEMPLATE
) -> SafetyReport:
    """A new draft PSB with one section per heading of the template, generated from the plan."""
    if report_for(organisation.id, year) is not None:
        raise RuleError(
            _("Det finns redan en patientsäkerhetsberättelse för %(year)s.", year=year), "year"
        )
    template = load_template(template_key)
    report = SafetyReport(
        organisation=organisation, year=year, template_key=template.key, status=DRAFT
    )
    report.sections = [ReportSection(section_key=s.key) for s in template.walk()]
    db.session.add(report)
    db.session.flush()
    regenerate(report)
    return report


def _check_draft(report: SafetyReport) -> None:
    if report.is_decided:
        raise RuleError(
            _("Berättelsen är beslutad och kan inte ändras. En administratör kan öppna den igen.")
        )


def _generate(template: SectionTemplate, context: Context) -> Generated:
    registry = load_all()
    result = Generated()
    for call in template.generators:
        function = registry.get(call.name)
        if function is None:  # a template naming a generator we do not have: say so, visibly
            raise RuleError(_("Mallen anger en okänd generator: %(name)s", name=call.name))
        result.extend(function(context, **call.options))
    return result


def regenerate(report: SafetyReport, keys: set[str] | None = None) -> SafetyReport:
    """Refresh the generated part of the sections (all, or those in ``keys``) from the plan's
    data. The writers' own text is never touched."""
    _check_draft(report)
    template = load_template(report.template_key)
    shared: dict = {}
    plans = plans_for(report.organisation, report.year)
    now = utcnow()
    for section_template in template.walk():
        if keys is not None and section_template.key not in keys:
            continue
        section = report.section(section_template.key)
        if section is None:  # a heading added to the template after the report was created
            section = ReportSection(section_key=section_template.key)
            report.sections.append(section)
        context = Context(
            organisation=report.organisation,
            year=report.year,
            plans=plans,
            figures=report.figures,
            section_key=section_template.key,
            section_level=section_template.level,
            cache=shared,
        )
        generated = _generate(section_template, context)
        section.generated = {
            "blocks": blocks_to_json(generated.blocks),
            "subsections": [section_to_json(s) for s in generated.subsections],
        }
        section.generated_at = now
    db.session.flush()
    return report


# Rows whose changes are no change of what the report is drafted from: its own, and calendar
# subscriptions.
NOT_DRAFTED_FROM = ("SafetyReport", "ReportSection", "ReportFigures", "Subscription")


def data_changed_since_generated(report: SafetyReport) -> datetime | None:
    """When the organisation's data (plans, activities, wheel, roles …) last changed, if that
    was after the oldest generated part of the report; None when the parts are up to date."""
    generated = [as_utc(s.generated_at) for s in report.sections if s.generated_at]
    if not generated:
        return None
    latest = db.session.scalar(
        select(func.max(AuditEvent.at)).where(
            AuditEvent.organisation_id == report.organisation_id,
            AuditEvent.entity_type.not_in(NOT_DRAFTED_FROM),
        )
    )
    if latest is None or as_utc(latest) <= min(generated):
        return None
    return as_utc(latest)


def write_section(
    section: ReportSection, text: str, by: str, show_generated: bool = True
) -> ReportSection:
    """Save the writer's own text of a section, and whether the generated part is shown."""
    _check_draft(section.report)
    section.text = text
    section.show_generated = show_generated
    section.edited_by = by
    section.edited_at = utcnow()
    db.session.flush()
    return section


def save_figures(report: SafetyReport, values: dict[str, object]) -> ReportFigures:
    """Store the year's figures (counts ≥ 0 or None, comments) and show them in the sections
    that use them."""
    _check_draft(report)
    figures = report.figures
    if figures is None:
        figures = ReportFigures(report=report)
        db.session.add(figures)
    for code in FIGURE_CODES:
        count = values.get(code)
        if count is not None and int(count) < 0:  # the form says it first; services hold too
            raise RuleError(_("Antalet kan inte vara negativt."), code)
        setattr(figures, code, count)
        setattr(figures, f"{code}_comment", values.get(f"{code}_comment") or "")
    db.session.flush()
    template = load_template(report.template_key)
    regenerate(
        report,
        {
            s.key
            for s in template.walk()
            if any(g.name in ("figures", "summary") for g in s.generators)
        },
    )
    return figures


def decide(report: SafetyReport, decided_by: str) -> SafetyReport:
    """Decide the PSB: the document as it stands now is frozen; later changes to the plan do
    not change it."""
    _check_draft(report)
    now = utcnow()
    # Built before anything changes, so the decision is one change in the history.
    document = replace(
        build_document(report, live=True),
        decided_by=decided_by,
        decided_on=to_local(now).date().isoformat(),
    )
    report.status = DECIDED
    report.decided_by = decided_by
    report.decided_at = now
    report.document = document.to_json()
    db.session.flush()
    return report


def delete_report(report: SafetyReport) -> SafetyReport:
    """Delete a draft (made for the wrong year, say) with its text and figures; a decided
    report is kept. Returns the deleted report."""
    _check_draft(report)
    db.session.delete(report)
    db.session.flush()
    return report


def reopen(report: SafetyReport) -> SafetyReport:
    """Make a decided PSB a draft again (an administrator's explicit step, in the history).
    It is no longer public; the frozen copy stays until the next decision replaces it."""
    if not report.is_decided:
        raise RuleError(_("Berättelsen är redan ett utkast."))
    report.status = DRAFT
    report.published = False
    report.published_at = None
    db.session.flush()
    return report


def set_published(report: SafetyReport, published: bool) -> SafetyReport:
    """Make a decided PSB public (anyone may read it without logging in) or private again."""
    if published and not report.is_decided:
        raise RuleError(_("Bara en beslutad berättelse kan publiceras."))
    report.published = published
    report.published_at = utcnow() if published else None
    db.session.flush()
    return report


def generated_part(section: ReportSection) -> tuple[list, list[Section]]:
    """The section's latest generated blocks and subsections."""
    generated = section.generated or {}
    return (
        blocks_from_json(generated.get("blocks", [])),
        [section_from_json(s) for s in generated.get("subsections", [])],
    )


def section_blocks(section: ReportSection) -> tuple[list, list[Section]]:
    """The writer's blocks followed by the generated ones, and the generated subsections
    (none when the writer chose to leave the generated part out)."""
    if not section.show_generated:
        return parse_text(section.text), []
    blocks, subsections = generated_part(section)
    return parse_text(section.text) + blocks, subsections


def build_document(report: SafetyReport, live: bool = False) -> Document:
    """The report as a document: the frozen copy once decided (unless ``live``), else built
    from the sections' own text and their latest generated parts."""
    if report.is_decided and report.document and not live:
        return Document.from_json(report.document)
    template = load_template(report.template_key)

    def build(section_template: SectionTemplate) -> Section:
        section = report.section(section_template.key)
        blocks, generated = section_blocks(section) if section else ([], [])
        return Section(
            key=section_template.key,
            heading=section_template.heading,
            level=section_template.level,
            blocks=blocks,
            subsections=generated + [build(child) for child in section_template.children],
        )

    decided_on = ""
    if report.is_decided and report.decided_at:
        decided_on = to_local(report.decided_at).date().isoformat()
    document = Document(
        title=f"{template.title} {report.year}",
        organisation=report.organisation.name,
        year=report.year,
        sections=[build(s) for s in template.sections],
        decided_by=report.decided_by if report.is_decided else "",
        decided_on=decided_on,
    )
    # The units' ready parts under their sections (so also in the frozen copy).
    return with_unit_parts(document, ready_parts(report))
