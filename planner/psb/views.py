"""The PSB's pages: the list and a new report, reading, writing a section, the year's figures,
deciding, reopening and publishing, and the public page of a published report."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from planner.access import EDIT, MANAGE, VIEW, load, require
from planner.audit.history import history
from planner.auth.session import public
from planner.clock import local_today
from planner.editing import rule_checked, save_edit
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.psb import services
from planner.psb.document import Section
from planner.psb.forms import CreateReportForm, DecideForm, FiguresForm, SectionForm
from planner.psb.frozen import NotADocument, check_svg
from planner.psb.models import SafetyReport
from planner.psb.template import load_template
from planner.races import return_to
from planner.web import deletion_confirmed

bp = Blueprint("psb", __name__)


@bp.app_template_filter("chart_svg")
def chart_svg(svg: str) -> Markup:
    """A chart's SVG for inline use: our renderer's drawing, checked again (a stored document
    may come from a restored file); anything else is left out and the caption and alt text
    remain."""
    try:
        check_svg(svg)
    except NotADocument:
        return Markup("")
    return Markup(svg)  # noqa: S704 - checked above: drawing elements only, no script or links


def _report(org_id: int, year: int, action: str = VIEW) -> SafetyReport:
    org = load(Organisation, org_id, VIEW)
    report = services.report_for(org.id, year) if 1990 <= year <= 2100 else None
    if report is None:
        abort(404)
    require(action, report)
    return report


def _to(report: SafetyReport, anchor: str = "") -> str:
    return url_for(".show", org_id=report.organisation_id, year=report.year) + anchor


def _index_page(org: Organisation, form: CreateReportForm, status: int = 200):
    reports = services.reports_of(org)
    return render_template("psb/index.html", org=org, reports=reports, form=form), status


@bp.get("/organisationer/<int:org_id>/psb")
def index(org_id: int):
    org = load(Organisation, org_id, VIEW)
    today = local_today()
    # Early in the year (it is due by 1 March) the report being written is last year's.
    form = CreateReportForm(year=today.year - 1 if today.month <= 3 else today.year)
    return _index_page(org, form)


@bp.post("/organisationer/<int:org_id>/psb/ny")
def create(org_id: int):
    org = load(Organisation, org_id, EDIT)
    form = CreateReportForm()
    if form.validate_on_submit():
        year = form.year.data
        report = rule_checked(form, lambda: services.create_report(org, year), "year")
        if report is not None:
            db.session.commit()
            flash(
                _("Ett utkast skapades från planens data. Skriv er egen text under varje rubrik."),
                "success",
            )
            return redirect(_to(report))
    return _index_page(org, form)


@bp.get("/organisationer/<int:org_id>/psb/<int:year>")
def show(org_id: int, year: int):
    report = _report(org_id, year)
    return render_template(
        "psb/show.html",
        report=report,
        org=report.organisation,
        document=services.build_document(report),
        template=load_template(report.template_key),
        lines=history(20, entity_type=type(report).__name__, entity_id=report.id),
        stale_since=None if report.is_decided else services.data_changed_since_generated(report),
    )


@bp.route("/organisationer/<int:org_id>/psb/<int:year>/avsnitt/<key>", methods=["GET", "POST"])
def section(org_id: int, year: int, key: str):
    report = _report(org_id, year, EDIT)
    heading = load_template(report.template_key).section(key)
    written = report.section(key)
    if heading is None or written is None:
        abort(404)
    if report.is_decided:
        flash(_("Berättelsen är beslutad och kan inte ändras."), "error")
        return redirect(_to(report, f"#{key}"))
    form = SectionForm(obj=written)

    def change():
        return rule_checked(
            form,
            lambda: services.write_section(
                written, form.text.data or "", current_user.name, bool(form.show_generated.data)
            ),
            "text",
        )

    if form.validate_on_submit() and save_edit(form, written, change):
        flash(_("Texten under ”%(heading)s” sparades.", heading=heading.heading), "success")
        return redirect(_to(report, f"#{key}"))
    blocks, subsections = services.generated_part(written)
    page = render_template(
        "psb/section_form.html",
        report=report,
        org=report.organisation,
        heading=heading,
        written=written,
        form=form,
        generated=Section(key, heading.heading, heading.level, blocks, subsections),
    )
    return page, (409 if form.form_errors else 200)


@bp.post("/organisationer/<int:org_id>/psb/<int:year>/uppdatera")
def regenerate(org_id: int, year: int):
    report = _report(org_id, year, EDIT)
    key = request.form.get("avsnitt") or None
    keys = {key} if key and report.section(key) is not None else None
    if rule_checked(None, lambda: services.regenerate(report, keys)) is not None:
        db.session.commit()
        flash(
            _("De genererade delarna hämtades på nytt från planen. Er egen text är orörd."),
            "success",
        )
    return redirect(_to(report, f"#{key}" if keys else ""))


@bp.route("/organisationer/<int:org_id>/psb/<int:year>/siffror", methods=["GET", "POST"])
def figures(org_id: int, year: int):
    report = _report(org_id, year, EDIT)
    existing = report.figures
    form = FiguresForm(obj=existing)
    if request.method == "GET" and existing is None:
        form.version.data = "0"

    def change():
        return rule_checked(form, lambda: services.save_figures(report, form.values()))

    if form.validate_on_submit():
        if existing is None:
            saved = change()
            if saved is not None:
                db.session.commit()
        else:
            saved = save_edit(form, existing, change) or None
        if saved is not None:
            flash(_("Årets siffror sparades och visas under sina rubriker."), "success")
            return redirect(_to(report))
    page = render_template(
        "psb/figures_form.html", report=report, org=report.organisation, form=form
    )
    return page, (409 if form.form_errors else 200)


@bp.route("/organisationer/<int:org_id>/psb/<int:year>/beslut", methods=["GET", "POST"])
def decide(org_id: int, year: int):
    """Deciding is its own step: the page says what it means and whether the tables are up
    to date, and asks who decided."""
    report = _report(org_id, year, EDIT)
    if report.is_decided:
        flash(_("Berättelsen är redan beslutad."), "error")
        return redirect(_to(report))
    form = DecideForm()
    if request.method == "GET":
        form.decided_by.data = current_user.name
    if form.validate_on_submit():
        decided = rule_checked(form, lambda: services.decide(report, form.decided_by.data))
        if decided is not None:
            db.session.commit()
            flash(
                _("Berättelsen är beslutad. Den är nu låst: ändringar i planen ändrar den inte."),
                "success",
            )
            return redirect(_to(report))
    return render_template(
        "psb/decide.html",
        report=report,
        org=report.organisation,
        form=form,
        stale_since=services.data_changed_since_generated(report),
    )


@bp.post("/organisationer/<int:org_id>/psb/<int:year>/ta-bort")
def delete(org_id: int, year: int):
    report = _report(org_id, year, EDIT)
    if not deletion_confirmed():
        return redirect(_to(report, "#ta-bort"))
    done = url_for(".index", org_id=report.organisation_id)
    return_to(done)
    if rule_checked(None, lambda: services.delete_report(report)) is not None:
        db.session.commit()
        flash(_("Utkastet togs bort."), "success")
        return redirect(done)
    return redirect(_to(report))


@bp.post("/organisationer/<int:org_id>/psb/<int:year>/oppna-igen")
def reopen(org_id: int, year: int):
    report = _report(org_id, year, MANAGE)
    if rule_checked(None, lambda: services.reopen(report)) is not None:
        db.session.commit()
        flash(_("Berättelsen är öppnad igen som utkast och är inte längre publicerad."), "success")
    return redirect(_to(report))


@bp.post("/organisationer/<int:org_id>/psb/<int:year>/publicering")
def publish(org_id: int, year: int):
    report = _report(org_id, year, EDIT)
    wanted = request.form.get("publicera") == "ja"
    if rule_checked(None, lambda: services.set_published(report, wanted)) is not None:
        db.session.commit()
        if wanted:
            flash(_("Berättelsen är publicerad och kan läsas av alla utan inloggning."), "success")
        else:
            flash(_("Berättelsen är inte längre publicerad."), "success")
    return redirect(_to(report, "#publicering"))


@bp.get("/psb/<int:org_id>/<int:year>")
@public
def published(org_id: int, year: int):
    """A published PSB, for anyone: the law wants it available to whoever asks. Nothing else
    of the organisation is shown; an unpublished or missing one is simply not found."""
    if not 0 < org_id < 2**31 or not 1990 <= year <= 2100:
        abort(404)
    report = services.report_for(org_id, year)
    if report is None or not (report.is_decided and report.published):
        abort(404)
    return render_template(
        "psb/public.html", report=report, document=services.build_document(report)
    )
