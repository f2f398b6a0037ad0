"""Spreadsheet export of a plan and a wheel; import of activities through a preview.

The parsed table travels between the preview and the save signed (planner/transfer/signing.py)."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from planner.access import EDIT, VIEW, load
from planner.clock import local_today
from planner.extensions import db
from planner.language import in_swedish
from planner.orgs.models import Organisation
from planner.plans.models import Plan
from planner.plans.services import PlanRuleError
from planner.transfer import export, importing
from planner.transfer.forms import UploadForm, mapping_form
from planner.transfer.reading import MAX_BYTES, FileProblem, read_table
from planner.transfer.signing import fingerprint, sign, unsign
from planner.web import attachment, requested_year, safe_filename
from planner.wheel.models import RECURRENCES
from planner.wheel.services import organisation_events
from planner.wheel.year import build_year

bp = Blueprint("transfer", __name__)


def download(body: bytes, mimetype: str, filename: str) -> Response:
    # A plan's people and comments: not for shared caches.
    return attachment(body, mimetype, filename, **{"Cache-Control": "private, no-store"})


@bp.get("/planer/<int:plan_id>/aktiviteter.xlsx")
def export_xlsx(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    with in_swedish():  # the file's words are Swedish whatever the page language
        body = export.plan_xlsx(plan, export.plan_activities(plan))
    name = safe_filename(f"aktiviteter {plan.title}", ".xlsx")
    return download(body, export.XLSX_MIMETYPE, name)


@bp.get("/planer/<int:plan_id>/aktiviteter.csv")
def export_csv(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    with in_swedish():
        body = export.plan_csv(export.plan_activities(plan))
    name = safe_filename(f"aktiviteter {plan.title}", ".csv")
    return download(body, "text/csv", name)  # Flask adds "; charset=utf-8"


@bp.get("/organisationer/<int:org_id>/arshjul.xlsx")
def wheel_xlsx(org_id: int):
    org = load(Organisation, org_id, VIEW)
    year = requested_year()
    events = organisation_events(org.id)
    with in_swedish():
        wheel = build_year(events, [], year, local_today(), "kategori")
        body = export.wheel_xlsx(events, wheel.months, year, RECURRENCES)
    name = safe_filename(f"arshjul {org.name} {year}", ".xlsx")
    return download(body, export.XLSX_MIMETYPE, name)


# --- import ---------------------------------------------------------------------------------


IMPORT = "import"  # the activity import's signing salt (as it was before values existed)


def _fingerprint(preview: importing.Preview) -> str:
    return fingerprint(preview.rows)


def _preview_page(plan, form, preview, filename, status=200):
    return render_template(
        "transfer/preview.html",
        plan=plan,
        form=form,
        preview=preview,
        filename=filename,
        fingerprint=_fingerprint(preview) if preview else "",
        actions={
            importing.NEW: _("Ny"),
            importing.UPDATE: _("Uppdateras"),
            importing.UNCHANGED: _("Oförändrad"),
            importing.INVALID: _("Fel"),
        },
    ), status


@bp.route("/planer/<int:plan_id>/importera", methods=["GET", "POST"])
def import_upload(plan_id: int):
    plan = load(Plan, plan_id, EDIT)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        filename = upload.filename or ""
        try:
            table = read_table(filename, upload.read(MAX_BYTES + 1))
            token = sign(IMPORT, plan, table, filename)
        except FileProblem as problem:
            form.file.errors = [str(problem)]
        else:
            mapping = importing.guess_mapping(table.headers)
            mapping_form_ = mapping_form(table.headers, mapping, formdata=None)
            mapping_form_.table.data = token
            preview = importing.build_preview(plan, table, mapping, current_user)
            return _preview_page(plan, mapping_form_, preview, filename)
    return render_template("transfer/upload.html", plan=plan, form=form)


@bp.post("/planer/<int:plan_id>/importera/granska")
def import_review(plan_id: int):
    plan = load(Plan, plan_id, EDIT)
    loaded = unsign(IMPORT, plan, request.form.get("table", ""))
    if loaded is None:
        flash(
            _("Förhandsgranskningen har gått ut eller är ogiltig. Ladda upp filen igen."), "error"
        )
        return redirect(url_for(".import_upload", plan_id=plan.id))
    table, filename = loaded
    form = mapping_form(table.headers, importing.guess_mapping(table.headers), request.form)
    valid = form.validate()
    form.form_errors.extend(form.duplicates(dict(importing.field_choices())))
    if not valid or form.form_errors:
        return _preview_page(plan, form, None, filename, 400)
    preview = importing.build_preview(plan, table, form.mapping(), current_user)
    if request.form.get("atgard") != "spara":
        return _preview_page(plan, form, preview, filename)
    if request.form.get("granskning") != _fingerprint(preview):
        form.form_errors.append(
            _(
                "Förhandsgranskningen stämmer inte längre med planen eller kolumnerna. "
                "Granska raderna nedan och spara igen."
            )
        )
        return _preview_page(plan, form, preview, filename, 409)
    if not preview.can_save:
        return _preview_page(plan, form, preview, filename, 400)
    counts = preview.count(importing.NEW), preview.count(importing.UPDATE)
    try:
        importing.apply(plan, preview, current_user)
        db.session.commit()
    except (PlanRuleError, StaleDataError) as error:
        db.session.rollback()
        message = (
            str(error)
            if isinstance(error, PlanRuleError)
            else _("Någon annan ändrade en aktivitet under tiden. Granska raderna igen.")
        )
        form.form_errors.append(_("Inget sparades. %(reason)s", reason=message))
        return _preview_page(
            plan,
            form,
            importing.build_preview(plan, table, form.mapping(), current_user),
            filename,
            409,
        )
    flash(
        _(
            "Importen är klar: %(new)d nya och %(updated)d uppdaterade aktiviteter.",
            new=counts[0],
            updated=counts[1],
        ),
        "success",
    )
    return redirect(url_for("activities.index", plan_id=plan.id))
