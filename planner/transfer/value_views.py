"""Measures and values as spreadsheets: export, and import of values through a preview.

The same steps as the activity import (views.py): upload → preview with the columns mapped →
save all or nothing, the parsed table signed between the steps (signing.py)."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from planner.access import EDIT, VIEW, load
from planner.clock import local_today
from planner.language import in_swedish
from planner.plans.models import Plan
from planner.results.services import PeriodRefused
from planner.transfer import steps, value_columns, value_export, value_import
from planner.transfer.export import XLSX_MIMETYPE
from planner.transfer.importing import INVALID, NEW, UNCHANGED, UPDATE
from planner.transfer.signing import fingerprint
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


@bp.get("/planer/<int:plan_id>/matvarden-att-fylla-i.xlsx")
def fill_in_xlsx(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    with in_swedish():
        measures = value_export.plan_measures(plan)
        values = value_export.plan_values(measures)
        rows = value_export.fill_in_rows(measures, values, local_today())
        body = value_export.fill_in_xlsx(plan, rows)
    name = safe_filename(f"matvarden att fylla i {plan.title}", ".xlsx")
    return download(body, XLSX_MIMETYPE, name)


@bp.get("/planer/<int:plan_id>/matt.csv")
def measures_csv(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    with in_swedish():
        body = value_export.measures_csv(value_export.plan_measures(plan))
    return download(body, "text/csv", safe_filename(f"matt {plan.title}", ".csv"))


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


def _value_import(plan: Plan) -> steps.Import:
    def save(preview: value_import.ValuePreview) -> str:
        new, updated = preview.count(NEW), preview.count(UPDATE)
        value_import.apply(plan, preview, current_user)
        return _(
            "Importen är klar: %(new)d nya och %(updated)d rättade värden.",
            new=new,
            updated=updated,
        )

    return steps.Import(
        kind=KIND,
        plan=plan,
        upload_template="transfer/value_upload.html",
        upload_endpoint=".import_upload",
        fields=value_columns.FIELD_LABELS,
        guess=value_import.guess_mapping,
        preview=partial(value_import.build_preview, plan),
        page=partial(_preview_page, plan),
        save=save,
        refused=(StaleDataError, IntegrityError, PeriodRefused),
        reason=lambda _error: _(
            "Någon annan registrerade eller ändrade ett värde under tiden. Granska raderna igen."
        ),
        done_url=url_for("results.index", plan_id=plan.id),
    )


@bp.route("/planer/<int:plan_id>/matvarden/importera", methods=["GET", "POST"])
def import_upload(plan_id: int):
    return steps.upload(_value_import(load(Plan, plan_id, EDIT)))


@bp.post("/planer/<int:plan_id>/matvarden/importera/granska")
def import_review(plan_id: int):
    return steps.review(_value_import(load(Plan, plan_id, EDIT)))
