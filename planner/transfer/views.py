"""Spreadsheet export of a plan and a wheel; import of activities through a preview.

The parsed table travels between the preview and the save signed (planner/transfer/signing.py)."""

from __future__ import annotations

from datetime import date
from functools import partial

from flask import (
    Blueprint,
    Response,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from planner.access import EDIT, VIEW, load
from planner.clock import local_today
from planner.language import in_swedish
from planner.orgs.models import Organisation
from planner.plans.models import Plan
from planner.plans.services import PlanRuleError
from planner.transfer import export, importing, steps
from planner.transfer.signing import fingerprint
from planner.web import attachment, requested_year, safe_filename
from planner.wheel.measurements import organisation_measurements
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
        measurements = organisation_measurements(org.id, date(year, 1, 1), date(year, 12, 31))
        wheel = build_year(events, [], year, local_today(), "kategori", measurements)
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


def _activity_import(plan: Plan) -> steps.Import:
    def save(preview: importing.Preview) -> str:
        new, updated = preview.count(importing.NEW), preview.count(importing.UPDATE)
        importing.apply(plan, preview, current_user)
        return _(
            "Importen är klar: %(new)d nya och %(updated)d uppdaterade aktiviteter.",
            new=new,
            updated=updated,
        )

    def reason(error: Exception) -> str:
        if isinstance(error, PlanRuleError):
            return str(error)
        return _("Någon annan ändrade en aktivitet under tiden. Granska raderna igen.")

    return steps.Import(
        kind=IMPORT,
        plan=plan,
        upload_template="transfer/upload.html",
        upload_endpoint=".import_upload",
        fields=dict(importing.field_choices()),
        guess=importing.guess_mapping,
        preview=lambda table, mapping: importing.build_preview(plan, table, mapping, current_user),
        page=partial(_preview_page, plan),
        save=save,
        refused=(PlanRuleError, StaleDataError),
        reason=reason,
        done_url=url_for("activities.index", plan_id=plan.id),
    )


@bp.route("/planer/<int:plan_id>/importera", methods=["GET", "POST"])
def import_upload(plan_id: int):
    return steps.upload(_activity_import(load(Plan, plan_id, EDIT)))


@bp.post("/planer/<int:plan_id>/importera/granska")
def import_review(plan_id: int):
    return steps.review(_activity_import(load(Plan, plan_id, EDIT)))
