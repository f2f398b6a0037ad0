"""The yearly report of a plan and the roll-up of an organisation tree, as web pages and PDFs."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, render_template, url_for
from markupsafe import Markup

from planner.access import VIEW, load
from planner.clock import local_today
from planner.documents.store import Document, kept_pdf
from planner.language import in_swedish
from planner.orgs.models import Organisation
from planner.pdf import is_heavy, render_pdf
from planner.plans.models import Plan
from planner.reports.data import gather
from planner.reports.keys import data_key, rollup_key
from planner.reports.rollup import gather_rollup
from planner.web import attachment, requested_year

bp = Blueprint("reports", __name__)


@bp.get("/planer/<int:plan_id>/rapport")
@in_swedish()
def show(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    year = requested_year()
    report = gather(plan, year, local_today())
    back = url_for("plans.show", plan_id=plan.id)
    return _web_page("reports/report.html", report, back, url_for(".pdf", plan_id=plan.id, ar=year))


def _web_page(template: str, report, back: str, pdf: str) -> str:
    """A report as a web page: its stylesheet linked, a way back and the PDF offered."""
    return render_template(template, r=report, web=True, back=back, pdf=pdf)


def render_document(template: str, items: int, **context) -> bytes:
    """The PDF of a report template, its stylesheet inlined (nothing is fetched); ``items``
    says how heavy it is."""
    css = Path(current_app.static_folder, "css", "report.css").read_text(encoding="utf-8")
    html = render_template(
        template,
        web=False,
        inline_css=Markup(css),  # noqa: S704 - our own stylesheet file, never user text
        **context,
    )
    return render_pdf(html, heavy=is_heavy(items))


@bp.get("/planer/<int:plan_id>/rapport.pdf")
@in_swedish()
def pdf(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    year, today = requested_year(), local_today()

    def render() -> bytes:
        report = gather(plan, year, today)
        return render_document("reports/report.html", report.items, r=report)

    document = Document("report", plan.id, f"ar={year}", plan.organisation_id, plan.id)
    content = kept_pdf(document, data_key(plan, year, today), render)
    return attachment(content, "application/pdf", f"uppfoljning-{year}.pdf")


@bp.get("/organisationer/<int:org_id>/sammanstallning")
@in_swedish()
def rollup(org_id: int):
    org = load(Organisation, org_id, VIEW)
    year = requested_year()
    report = gather_rollup(org, year, local_today())
    back = url_for("orgs.show", org_id=org.id)
    pdf = url_for(".rollup_pdf", org_id=org.id, ar=year)
    return _web_page("reports/rollup.html", report, back, pdf)


@bp.get("/organisationer/<int:org_id>/sammanstallning.pdf")
@in_swedish()
def rollup_pdf(org_id: int):
    org = load(Organisation, org_id, VIEW)
    year, today = requested_year(), local_today()

    def render() -> bytes:
        rollup = gather_rollup(org, year, today)
        return render_document("reports/rollup.html", len(rollup.rows), r=rollup)

    document = Document("rollup", org.id, f"ar={year}", org.id)
    content = kept_pdf(document, rollup_key(org, year, today), render)
    return attachment(content, "application/pdf", f"sammanstallning-{year}.pdf")
