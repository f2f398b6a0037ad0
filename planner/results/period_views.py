"""One period's values for many organisations on one form (all saved or none)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from planner.access import EDIT, load
from planner.clock import local_today
from planner.editing import rule_checked
from planner.extensions import db
from planner.results import services
from planner.results.display import with_unit
from planner.results.forms import PeriodValuesForm
from planner.results.models import Measure, MeasureValue
from planner.results.periods import DATED, Period, PeriodError, parse_period, period_choices
from planner.results.services import PeriodRefused, ValueEntry
from planner.results.values import takes_fraction
from planner.results.views import reporting_rows

bp = Blueprint("result_periods", __name__)
NUMBERS = ("value", "numerator", "denominator")


def _period(measure: Measure) -> tuple[Period | None, str | None]:
    """The period asked for (``?period=``, or the form's), else the latest one offered."""
    wanted = request.values.get("period", "").strip()
    if not wanted:
        choices = period_choices(measure.rhythm, local_today())
        return (choices[1] if len(choices) > 1 else None), None
    try:
        return parse_period(measure.rhythm, wanted), None
    except PeriodError as error:
        return None, str(error)


def _existing(measure: Measure, period: Period) -> dict[int, MeasureValue]:
    return {
        v.organisation_id: v
        for v in db.session.scalars(
            select(MeasureValue).where(
                MeasureValue.measure_id == measure.id, MeasureValue.period == period.key
            )
        )
    }


def _rows_form(orgs, existing: dict[int, MeasureValue]) -> PeriodValuesForm:
    form = PeriodValuesForm()
    if request.method == "GET":
        for _depth, org in orgs:
            value = existing.get(org.id)
            form.rows.append_entry(
                {
                    "organisation_id": str(org.id),
                    "version": str(value.version if value else 0),
                    # Computed from the fraction: left empty, so a changed fraction is not
                    # refused for disagreeing with the old value.
                    "value": value.value if value and value.denominator is None else None,
                    "numerator": value.numerator if value else None,
                    "denominator": value.denominator if value else None,
                    "comment": value.comment if value else "",
                }
            )
    return form


def _entries(form: PeriodValuesForm) -> list[ValueEntry]:
    """The rows with a number in them (an empty row leaves its organisation's value alone)."""
    found = []
    for row in form.rows:
        if all(row[name].data is None for name in NUMBERS):
            continue
        try:
            org_id, version = int(row.organisation_id.data), int(row.version.data or 0)
        except (TypeError, ValueError):  # a crafted row without its organisation
            continue
        found.append(
            ValueEntry(
                organisation_id=org_id,
                period="",
                value=row.value.data,
                numerator=row.numerator.data,
                denominator=row.denominator.data,
                comment=row.comment.data or "",
                version=version,
            )
        )
    return found


def _mark(form: PeriodValuesForm, refused: PeriodRefused, measure: Measure) -> None:
    for row in form.rows:
        org_id = int(row.organisation_id.data or 0)
        for name, message in refused.problems.get(org_id, {}).items():
            row.form._fields.get(name, row.value).errors.append(message)
        conflict = refused.conflicts.get(org_id)
        if conflict is not None:
            other = conflict.value
            row.version.data = str(other.version if other else 0)
            row.value.errors.append(
                _(
                    "Någon annan registrerade %(value)s (%(who)s) medan du skrev. Spara igen "
                    "för att ersätta det med ditt värde.",
                    value=with_unit(measure, other.value),
                    who=other.recorded_by or "–",
                )
                if other is not None
                else _(
                    "Någon annan tog bort värdet medan du skrev. Spara igen för att lägga in det."
                )
            )


@bp.route("/matt/<int:measure_id>/period", methods=["GET", "POST"])
def record_period(measure_id: int):
    measure = load(Measure, measure_id, EDIT)
    plan = measure.plan
    orgs = reporting_rows(plan)
    period, period_error = _period(measure)
    existing = _existing(measure, period) if period is not None else {}
    form = _rows_form(orgs, existing)
    status = 200
    if request.method == "POST" and period is not None and form.validate_on_submit():
        entries = _entries(form)
        try:
            saved = rule_checked(
                None, lambda: services.record_period(measure, period.key, entries, current_user)
            )
        except PeriodRefused as refused:
            db.session.rollback()
            _mark(form, refused, measure)
            form.form_errors.append(_("Inget sparades. Rätta de markerade raderna och spara igen."))
            saved, status = None, 409 if refused.conflicts else 200
        if saved is not None:
            db.session.commit()
            flash(
                _(
                    "%(count)s värden för %(period)s sparades.",
                    count=len(saved),
                    period=period.label,
                ),
                "success",
            )
            return redirect(url_for("results.show", measure_id=measure.id))
    names = {org.id: (depth, org.name) for depth, org in orgs}
    return render_template(
        "results/period_form.html",
        form=form,
        plan=plan,
        measure=measure,
        period=period,
        period_error=period_error,
        choices=period_choices(measure.rhythm, local_today()),
        dated=measure.rhythm == DATED,
        names=names,
        takes_fraction=takes_fraction(measure.unit),
    ), status
