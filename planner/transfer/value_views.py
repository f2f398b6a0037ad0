"""Measures and values as spreadsheets: export, and import of values through a preview.

The same steps as the activity import (views.py): upload → preview with the columns mapped →
save all or nothing, the parsed table signed between the steps (signing.py)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from planner.access import EDIT, VIEW, load
from planner.extensions import db
from planner.language import in_swedish
from planner.plans.models import Plan
from planner.results.services import PeriodRefused
from planner.transfer import value_columns, value_export, value_import
from planner.transfer.export import XLSX_MIMETYPE
from planner.transfer.forms import UploadForm, mapping_form
from planner.transfer.importing import INVALID, NEW, UNCHANGED, UPDATE
from planner.transfer.reading import MAX_BYTES, FileProblem, read_table
from planner.transfer.signing import fingerprint, sign, unsign
from planner.transfer.views import download
from planner.web import safe_filename

bp = Blueprint("value_transfer", __name__)
KIND = "values"


@bp.get("/planer/<int:plan_id>/matt.xlsx")
def export_xlsx(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    with in_swedish():
        measures = value_export.plan_measures(plan)
        body = value_export.values_xlsx(plan, measures, value_export.plan_values(measures))
    return download(body, XLSX_MIMETYPE, safe_filename(f"matt {plan.title}", ".xlsx"))


@bp.get("/planer/<int:plan_id>/matvarden.csv")
def export_csv(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    with in_swedish():
        body = value_export.values_csv(value_export.plan_values(value_export.plan_measures(plan)))
    return download(body, "text/csv", safe_filename(f"matvarden {plan.title}", ".csv"))


def _preview_page(plan, form, preview, filename, status=200):
    return render_template(
        "transfer/value_preview.html",
        plan=plan,
        form=form,
        preview=preview,
        filename=filename,
        fingerprint=fingerprint(preview.rows) if preview else "",
        actions={
            NEW: _("Nytt värde"),
            UPDATE: _("Rättas"),
            UNCHANGED: _("Oförändrat"),
            value_import.SKIPPED: _("Inget värde"),
            INVALID: _("Fel"),
        },
    ), status


def _mapping_form(headers, formdata=None):
    guessed = value_import.guess_mapping(headers)
    return mapping_form(headers, guessed, formdata, value_columns.FIELD_LABELS)


@bp.route("/planer/<int:plan_id>/matvarden/importera", methods=["GET", "POST"])
def import_upload(plan_id: int):
    plan = load(Plan, plan_id, EDIT)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        filename = upload.filename or ""
        try:
            table = read_table(filename, upload.read(MAX_BYTES + 1))
            token = sign(KIND, plan, table, filename)
        except FileProblem as problem:
            form.file.errors = [str(problem)]
        else:
            mapping = _mapping_form(table.headers)
            mapping.table.data = token
            preview = value_import.build_preview(plan, table, mapping.mapping())
            return _preview_page(plan, mapping, preview, filename)
    return render_template("transfer/value_upload.html", plan=plan, form=form)


@bp.post("/planer/<int:plan_id>/matvarden/importera/granska")
def import_review(plan_id: int):
    plan = load(Plan, plan_id, EDIT)
    loaded = unsign(KIND, plan, request.form.get("table", ""))
    if loaded is None:
        flash(
            _("Förhandsgranskningen har gått ut eller är ogiltig. Ladda upp filen igen."), "error"
        )
        return redirect(url_for(".import_upload", plan_id=plan.id))
    table, filename = loaded
    form = _mapping_form(table.headers, request.form)
    valid = form.validate()
    form.form_errors.extend(form.duplicates(dict(value_import.field_choices())))
    if not valid or form.form_errors:
        return _preview_page(plan, form, None, filename, 400)
    preview = value_import.build_preview(plan, table, form.mapping())
    if request.form.get("atgard") != "spara":
        return _preview_page(plan, form, preview, filename)
    if request.form.get("granskning") != fingerprint(preview.rows):
        form.form_errors.append(
            _(
                "Förhandsgranskningen stämmer inte längre med planen eller kolumnerna. "
                "Granska raderna nedan och spara igen."
            )
        )
        return _preview_page(plan, form, preview, filename, 409)
    if not preview.can_save:
        return _preview_page(plan, form, preview, filename, 400)
    counts = preview.count(NEW), preview.count(UPDATE)
    try:
        value_import.apply(plan, preview, current_user)
        db.session.commit()
    except (StaleDataError, IntegrityError, PeriodRefused):
        db.session.rollback()
        form.form_errors.append(
            _(
                "Inget sparades. Någon annan registrerade eller ändrade ett värde under tiden. "
                "Granska raderna igen."
            )
        )
        preview = value_import.build_preview(plan, table, form.mapping())
        return _preview_page(plan, form, preview, filename, 409)
    flash(
        _(
            "Importen är klar: %(new)d nya och %(updated)d rättade värden.",
            new=counts[0],
            updated=counts[1],
        ),
        "success",
    )
    return redirect(url_for("results.index", plan_id=plan.id))
