"""The yearly report of a plan, as a web page and as a PDF."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request, url_for
from markupsafe import Markup

from planner.access import VIEW, load
from planner.clock import local_today
from planner.extensions import db
from planner.pdf import render_pdf
from planner.plans.models import Plan
from planner.reports.cache import cached_pdf
from planner.reports.data import gather

bp = Blueprint("reports", __name__)


def _year() -> int:
    today = local_today()
    year = request.args.get("ar", type=int) or today.year
    return year if 1990 <= year <= 2100 else today.year


@bp.get("/planer/<int:plan_id>/rapport")
def show(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    year = _year()
    return render_template(
        "reports/report.html",
        r=gather(plan, year, local_today()),
        web=True,
        back=url_for("plans.show", plan_id=plan.id),
        pdf=url_for(".pdf", plan_id=plan.id, ar=year),
    )


@bp.get("/planer/<int:plan_id>/rapport.pdf")
def pdf(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    year, today = _year(), local_today()

    def render() -> bytes:
        css = Path(current_app.static_folder, "css", "report.css").read_text(encoding="utf-8")
        html = render_template(
            "reports/report.html",
            r=gather(plan, year, today),
            web=False,
            inline_css=Markup(css),  # noqa: S704 - our own stylesheet file, never user text
        )
        return render_pdf(html)

    document = cached_pdf(plan, year, today, render)
    db.session.commit()  # the kept PDF
    return Response(
        document,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="uppfoljning-{year}.pdf"'},
    )
