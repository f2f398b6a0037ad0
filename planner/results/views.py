"""Results pages: a plan's measures, a measure's chart and values, entering values."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from planner.access import EDIT, VIEW, can, load
from planner.audit.history import changes_since
from planner.clock import local_today
from planner.editing import mark_conflict, rule_checked
from planner.extensions import db
from planner.forms import options
from planner.orgs.services import subtree
from planner.plans.models import Plan
from planner.races import return_to
from planner.results import services
from planner.results.display import measure_chart, page_labels, with_unit
from planner.results.forms import DatedValueForm, ValueForm
from planner.results.models import Measure, MeasureValue
from planner.results.page_cache import cached_content, measure_page_key, results_page_key
from planner.results.periods import DATED, PeriodError, parse_period, period_choices
from planner.results.queries import (
    as_points,
    latest_per_organisation,
    organisation_series,
    plan_summaries,
    series,
    summarise,
)
from planner.results.services import ValueConflict, ValueEntry
from planner.results.values import takes_fraction
from planner.web import deletion_confirmed

bp = Blueprint("results", __name__)


def reporting_rows(plan: Plan):
    """The plan's organisation and its subtree, depth-first by name (for choices and rows)."""
    return subtree(plan.organisation, key=lambda o: o.name.casefold())


@bp.get("/planer/<int:plan_id>/resultat")
def index(plan_id: int):
    plan = load(Plan, plan_id, VIEW, options=[joinedload(Plan.organisation)])

    def context() -> dict:
        today = local_today()
        summaries = plan_summaries(plan, today)
        return {"plan": plan, "summaries": summaries, "today": today, **page_labels()}

    content = cached_content(
        "results/_index_content.html",
        plan,
        (plan.id, can(EDIT, plan)),
        (results_page_key(), {}),
        context,
    )
    return render_template("results/index.html", plan=plan, content=content)


@bp.get("/matt/<int:measure_id>")
def show(measure_id: int):
    measure = load(
        Measure, measure_id, VIEW, options=[joinedload(Measure.plan).joinedload(Plan.organisation)]
    )
    plan = measure.plan
    chosen = request.args.get("enhet", type=int)

    def context() -> dict:
        rows = reporting_rows(plan)
        organisation = next((org for _depth, org in rows if org.id == chosen), None)
        if organisation is not None:
            values = organisation_series(measure, organisation.id)
            points = as_points(measure, values)
        else:
            values = None
            points = series([measure], plan.organisation_id)[measure.id]
        summary = summarise(measure, points, local_today())
        whose = organisation.name if organisation is not None else ""
        return {
            "plan": plan,
            "measure": measure,
            "summary": summary,
            "chart": measure_chart(measure, points, f"chart-{measure.id}", whose),
            "organisation": organisation,
            "values": values,
            "rows": rows,
            "units": latest_per_organisation(measure),
            **page_labels(),
        }

    content = cached_content(
        "results/_show_content.html",
        plan,
        (measure.id, chosen, can(EDIT, measure)),
        (measure_page_key(), {"measure_id": measure.id}),
        context,
    )
    return render_template("results/show.html", plan=plan, measure=measure, content=content)


def _value_form(measure: Measure, rows) -> ValueForm:
    form = DatedValueForm() if measure.rhythm == DATED else ValueForm()
    form.organisation_id.choices = options(
        [(org.id, "\u2003" * depth + org.name) for depth, org in rows]
    )
    if measure.rhythm != DATED:
        choices = period_choices(measure.rhythm, local_today())
        wanted = request.values.get("period", "")
        try:
            extra = parse_period(measure.rhythm, wanted) if wanted else None
        except PeriodError:
            extra = None
        if extra is not None and extra not in choices:
            choices.append(extra)
        form.period.choices = options([(p.key, p.label) for p in choices])
    return form


def _entry(measure: Measure, form: ValueForm, version: int) -> ValueEntry:
    period = form.period.data
    return ValueEntry(
        organisation_id=form.organisation_id.data,
        period=period.isoformat() if measure.rhythm == DATED else period,
        value=form.value.data,
        numerator=form.numerator.data,
        denominator=form.denominator.data,
        comment=form.comment.data or "",
        version=version,
    )


def _started_version(form: ValueForm, entry: ValueEntry) -> int:
    """The version the user started from, if the form was opened for this very organisation and
    period (changing either on the form starts from "no value")."""
    if request.form.get("started_for") != f"{entry.organisation_id}:{entry.period}":
        return 0
    return form.version_number() or 0


@bp.route("/matt/<int:measure_id>/varde", methods=["GET", "POST"])
def record(measure_id: int):
    measure = load(Measure, measure_id, EDIT)
    plan = measure.plan
    rows = reporting_rows(plan)
    form = _value_form(measure, rows)
    existing = None
    if request.method == "GET":
        wanted = request.args.get("enhet", type=int)
        offered = {org.id for _depth, org in rows}
        org_id = wanted if wanted in offered else plan.organisation_id
        form.organisation_id.data = org_id
        period = request.args.get("period")
        if period:
            form.period.data = parse_period_or_none(measure, period)
        if period and form.period.data is not None:
            key = form.period.data.isoformat() if measure.rhythm == DATED else form.period.data
            existing = services.find_value(measure, org_id, key)
        if existing is not None:
            for name in ("numerator", "denominator", "comment"):
                form[name].data = getattr(existing, name)
            if existing.denominator is None:  # a computed value is left to its fraction
                form.value.data = existing.value
            form.version.data = str(existing.version)
        else:
            form.version.data = "0"
    elif form.validate_on_submit():
        entry = _entry(measure, form, 0)
        entry.version = _started_version(form, entry)
        try:
            saved = rule_checked(
                form, lambda: services.record_value(measure, entry, current_user), "value"
            )
        except ValueConflict as conflict:
            db.session.rollback()
            _mark_value_conflict(form, conflict)
            saved = None
        if saved is not None:
            db.session.commit()
            flash(
                _(
                    "Värdet %(value)s för %(period)s sparades.",
                    value=with_unit(measure, saved.value),
                    period=parse_period(measure.rhythm, saved.period).label,
                ),
                "success",
            )
            unit = saved.organisation_id if saved.organisation_id != plan.organisation_id else None
            return redirect(url_for(".show", measure_id=measure.id, enhet=unit) + "#over-tid")
    started_elsewhere = request.form.get("started_for") != _started_key(measure, form)
    if request.method == "POST" and not form.form_errors and started_elsewhere:
        form.version.data = "0"  # another organisation or period than the form opened for
    if existing is None and request.method == "POST":
        existing = _posted_value(measure, form)
    status = 409 if form.form_errors else 200
    return render_template(
        "results/value_form.html",
        form=form,
        plan=plan,
        measure=measure,
        existing=existing,
        history=changes_since(existing, 0) if existing is not None else [],
        started_for=_started_key(measure, form),
        takes_fraction=takes_fraction(measure.unit),
        with_unit=with_unit,
    ), status


def parse_period_or_none(measure: Measure, key: str):
    try:
        period = parse_period(measure.rhythm, key)
    except PeriodError:
        return None
    return period.start if measure.rhythm == DATED else period.key


def _posted_value(measure: Measure, form: ValueForm) -> MeasureValue | None:
    key = _started_key(measure, form)
    if not key:
        return None
    org_id, period = key.split(":", 1)
    return services.find_value(measure, int(org_id), period)


def _started_key(measure: Measure, form: ValueForm) -> str:
    period = form.period.data
    offered = {choice.value for choice in form.organisation_id.choices}
    if period is None or form.organisation_id.data not in offered:
        return ""
    if measure.rhythm == DATED:
        period = period.isoformat()
    return f"{form.organisation_id.data}:{period}"


def _mark_value_conflict(form: ValueForm, conflict: ValueConflict) -> None:
    if conflict.value is not None:
        mark_conflict(form, conflict.value, conflict.started)
    else:
        form.version.data = "0"
        form.form_errors.append(
            _(
                "Någon annan tog bort värdet medan du skrev. Ditt värde är inte sparat men finns "
                "kvar i formuläret: spara igen för att lägga in det."
            )
        )


@bp.post("/matt/varden/<int:value_id>/ta-bort")
def delete_value(value_id: int):
    value = load(MeasureValue, value_id, EDIT)
    measure_id = value.measure_id
    if not deletion_confirmed():
        return redirect(url_for(".show", measure_id=measure_id))
    done = url_for(".show", measure_id=measure_id)
    return_to(done)
    services.delete_value(value)
    db.session.commit()
    flash(_("Värdet togs bort. Det finns kvar i historiken."), "success")
    return redirect(done)
