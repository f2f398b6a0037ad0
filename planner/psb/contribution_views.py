"""Units' parts of a PSB: the lead asks units and follows their completion; each unit's
writer fills in and marks their parts ready; everyone sees the parts they are to write."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from planner.access import (
    EDIT,
    NEEDED_RANK,
    VIEW,
    can,
    load,
    ranks,
    require,
    visible_organisation_ids,
)
from planner.editing import rule_checked, save_edit
from planner.extensions import db
from planner.forms import options
from planner.orgs.models import Organisation
from planner.psb import contributions as services
from planner.psb.contribution_forms import PartForm, RequestForm
from planner.psb.contribution_models import STATES, Contribution, PartRequest
from planner.psb.models import SafetyReport
from planner.psb.template import load_template
from planner.races import return_to
from planner.web import deletion_confirmed

bp = Blueprint("contributions", __name__)


@bp.get("/psb/<int:report_id>/underlag")
def overview(report_id: int):
    """The lead's view: who was asked for what, how far each section and unit has come."""
    report = load(SafetyReport, report_id, VIEW)
    requests = services.report_requests(report)
    sections, units = services.completion(report, requests)
    asked = {r.organisation_id for r in requests}
    return render_template(
        "psb/contributions.html",
        report=report,
        requests=requests,
        sections=sections,
        units=units,
        headings=services.section_headings(report),
        unasked=[u for u in services.askable_units(report) if u.id not in asked],
        may_ask=can(EDIT, report) and not report.is_decided,
    )


def _request_form(report: SafetyReport, unit: Organisation, existing: PartRequest | None):
    form = RequestForm(obj=existing)
    writers = services.unit_writers(unit.id)
    form.writer_id.choices = options(
        [("", _("– Välj skribent –"))] + [(w.id, f"{w.name} ({w.email})") for w in writers]
    )
    form.section_keys.choices = list(services.section_headings(report).items())
    if request.method == "GET" and existing is not None:
        form.section_keys.data = [p.section_key for p in existing.parts]
    return form


@bp.route("/psb/<int:report_id>/underlag/enhet/<int:unit_id>", methods=["GET", "POST"])
def ask(report_id: int, unit_id: int):
    """Ask a unit for its parts (or change what it was asked)."""
    report = load(SafetyReport, report_id, EDIT)
    unit = load(Organisation, unit_id, VIEW)
    if unit not in services.askable_units(report):
        abort(404)
    existing = db.session.scalars(
        select(PartRequest).where(
            PartRequest.report_id == report.id, PartRequest.organisation_id == unit.id
        )
    ).first()
    form = _request_form(report, unit, existing)
    if form.validate_on_submit():
        data = services.RequestData(
            unit.id, form.writer_id.data, form.due_date.data, form.section_keys.data
        )

        def change():
            return rule_checked(form, lambda: services.request_parts(report, data), "writer_id")

        if existing is None:
            saved = change() is not None
            if saved:
                db.session.commit()
        else:
            saved = save_edit(form, existing, change)
        if saved:
            flash(_("Begäran till %(unit)s sparades.", unit=unit.name), "success")
            return redirect(url_for(".overview", report_id=report.id))
    status = 409 if form.form_errors else 200
    page = render_template("psb/ask.html", form=form, report=report, unit=unit, existing=existing)
    return page, status


@bp.post("/psb/underlag/<int:request_id>/ta-bort")
def withdraw(request_id: int):
    part_request = load(PartRequest, request_id, VIEW)
    report = part_request.report
    require(EDIT, report)
    back = url_for(".overview", report_id=report.id)
    if not deletion_confirmed():
        return redirect(back)
    return_to(back)
    if rule_checked(None, lambda: services.withdraw_request(part_request) or True):
        db.session.commit()
        flash(_("Begäran togs bort."), "success")
    return redirect(back)


@bp.route("/psb/underlag/del/<int:part_id>", methods=["GET", "POST"])
def write(part_id: int):
    """The unit's writer fills in a part and marks it ready."""
    part = load(Contribution, part_id, VIEW)
    if not services.may_write(current_user, part):
        abort(403)
    part_request = part.request
    report = part_request.report
    form = PartForm(obj=part)

    def change():
        text, ready = form.text.data or "", bool(form.ready.data)
        return rule_checked(
            form, lambda: services.save_part(part, text, ready, current_user.name), "text"
        )

    if not report.is_decided and form.validate_on_submit() and save_edit(form, part, change):
        flash(
            _("Underlaget sparades och är markerat som klart.")
            if part.ready
            else _("Underlaget sparades."),
            "success",
        )
        return redirect(url_for(".mine"))
    section = load_template(report.template_key).section(part.section_key)
    page = render_template("psb/write.html", form=form, part=part, report=report, section=section)
    return page, 409 if form.form_errors else 200


@bp.get("/psb-underlag")
def mine():
    """The parts the user is to write: as named writer, or as an editor of the unit."""
    visible = visible_organisation_ids(current_user)
    editable = (
        None
        if visible is None
        else {o for o, r in ranks(current_user).items() if r >= NEEDED_RANK[EDIT]}
    )
    parts = services.parts_to_write(current_user.id, editable)
    return render_template("psb/mine.html", parts=parts, state_labels=STATES)
