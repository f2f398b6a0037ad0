"""Measure forms: create, edit, delete, and add from the catalogue."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from planner.access import EDIT, load
from planner.auth.people import person_choices
from planner.editing import rule_checked, save_edit
from planner.extensions import db
from planner.forms import options
from planner.plans.models import Plan
from planner.plans.template import AREA_LABELS
from planner.races import return_to
from planner.results import services
from planner.results.catalogue import catalogue
from planner.results.forms import CatalogueForm, MeasureForm
from planner.results.models import DIRECTIONS, Measure
from planner.results.numbers import format_number
from planner.results.periods import RHYTHMS
from planner.results.queries import plan_measures
from planner.results.services import MeasureData
from planner.web import deletion_confirmed

bp = Blueprint("measures", __name__)

MEASURE_FIELDS = tuple(MeasureData.__dataclass_fields__)


def _form(plan: Plan, measure: Measure | None = None) -> MeasureForm:
    form = MeasureForm(obj=measure)
    form.goal_id.choices = options(
        [("", _("– Inget mål –"))] + [(g.id, f"{g.area.code} – {g.title}") for g in plan.goals]
    )
    person_choices(form.responsible_user_id, plan.organisation_id, _("– Ingen vald –"))
    if measure is None and request.method == "GET":
        wanted = request.args.get("omrade")
        form.area_code.data = wanted if wanted in AREA_LABELS else "F3"
        goal = request.args.get("mal", type=int)
        form.goal_id.data = goal if any(g.id == goal for g in plan.goals) else None
    return form


def _data(form: MeasureForm) -> MeasureData:
    values = {name: form[name].data for name in MEASURE_FIELDS}
    for name in ("definition", "numerator_text", "denominator_text", "source"):
        values[name] = values[name] or ""
    values["on_wheel"] = bool(values["on_wheel"])
    return MeasureData(**values)


def _page(form: MeasureForm, plan: Plan, measure: Measure | None, status: int = 200):
    return render_template(
        "results/measure_form.html", form=form, plan=plan, measure=measure
    ), status


@bp.route("/planer/<int:plan_id>/matt/nytt", methods=["GET", "POST"])
def create(plan_id: int):
    plan = load(Plan, plan_id, EDIT)
    form = _form(plan)
    if form.validate_on_submit():
        measure = rule_checked(form, lambda: services.create_measure(plan, _data(form)), "name")
        if measure is not None:
            db.session.commit()
            flash(_("Måttet lades till."), "success")
            return redirect(url_for("results.show", measure_id=measure.id))
    return _page(form, plan, None)


@bp.route("/matt/<int:measure_id>/redigera", methods=["GET", "POST"])
def edit(measure_id: int):
    measure = load(Measure, measure_id, EDIT)
    plan = measure.plan
    form = _form(plan, measure)

    def change():
        return rule_checked(form, lambda: services.update_measure(measure, _data(form)), "name")

    if form.validate_on_submit() and save_edit(form, measure, change):
        flash(_("Måttet sparades."), "success")
        return redirect(url_for("results.show", measure_id=measure.id))
    return _page(form, plan, measure, 409 if form.form_errors else 200)


@bp.post("/matt/<int:measure_id>/ta-bort")
def delete(measure_id: int):
    measure = load(Measure, measure_id, EDIT)
    if not deletion_confirmed():
        return redirect(url_for(".edit", measure_id=measure.id))
    done = url_for("results.index", plan_id=measure.plan_id)
    return_to(done)
    services.delete_measure(measure)
    db.session.commit()
    flash(_("Måttet och dess värden togs bort."), "success")
    return redirect(done)


def catalogue_form(taken: set[str]) -> CatalogueForm:
    """The catalogue as checkboxes, leaving out what the plan already took from it."""
    form = CatalogueForm()
    form.keys.choices = options([(m.key, m.name) for m in catalogue() if m.key not in taken])
    return form


@bp.route("/planer/<int:plan_id>/matt/katalog", methods=["GET", "POST"])
def add_from_catalogue(plan_id: int):
    plan = load(Plan, plan_id, EDIT)
    taken = {m.catalogue_key for m in plan_measures(plan.id) if m.catalogue_key}
    form = catalogue_form(taken)
    if form.validate_on_submit():
        added = services.add_from_catalogue(plan, form.keys.data or [])
        db.session.commit()
        flash(
            _("%(count)s mått lades till. Ändra målvärdena så att de passar er.", count=len(added)),
            "success",
        )
        return redirect(url_for("results.index", plan_id=plan.id))
    return render_template(
        "results/catalogue.html", form=form, plan=plan, **catalogue_context(taken)
    )


def catalogue_context(taken: set[str], checked: tuple[str, ...] = ()) -> dict:
    """What templates/results/_catalogue_choices.html needs."""
    return {
        "entries": [m for m in catalogue() if m.key not in taken],
        "checked": checked,
        "rhythm_labels": RHYTHMS,
        "direction_labels": DIRECTIONS,
        "number": format_number,
    }
