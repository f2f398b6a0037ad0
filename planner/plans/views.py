"""Plan pages: create from the national template, overview, plan details, areas and goals."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select

from planner.access import EDIT, VIEW, load
from planner.audit.browse import actors, changed_kinds, described, history_statement
from planner.audit.forms import HistoryFilterForm
from planner.clock import local_today
from planner.editing import rule_checked, save_edit
from planner.extensions import db
from planner.forms import options
from planner.orgs.models import Organisation
from planner.plans import services
from planner.plans.forms import AreaForm, GoalForm, NewPlanForm, PlanForm
from planner.plans.lights import DUE_SOON_DAYS, RED_OVERDUE_SHARE
from planner.plans.models import Activity, Goal, Plan, PlanArea
from planner.plans.overview import build_overview
from planner.plans.template import NATIONAL_VISION
from planner.races import return_to
from planner.results import services as result_services
from planner.results.display import page_labels
from planner.results.measure_views import catalogue_context
from planner.results.queries import plan_summaries, state_counts
from planner.web import deletion_confirmed, page_args, paged
from planner.wheel import services as wheel_services

bp = Blueprint("plans", __name__)

PLAN_FIELDS = (
    "title",
    "period_start",
    "period_end",
    "vision",
    "decided_by",
    "decision_level",
    "decision_date",
    "revised_date",
    "status",
)


def _plan_values(form: PlanForm) -> dict:
    values = {name: form[name].data for name in PLAN_FIELDS}
    values["decision_level"] = values["decision_level"] or None
    return values


@bp.route("/organisationer/<int:org_id>/planer/ny", methods=["GET", "POST"])
def create(org_id: int):
    org = load(Organisation, org_id, EDIT)
    form = NewPlanForm()
    if request.method == "GET":
        form.period_start.data, form.period_end.data = 2025, 2030
        form.title.data = _("Handlingsplan för ökad patientsäkerhet 2025–2030")
        form.vision.data = NATIONAL_VISION
    if form.validate_on_submit():
        plan = services.create_plan_from_template(org, **_plan_values(form))
        result_services.add_from_catalogue(plan, request.form.getlist("keys")[:100])
        if form.national_wheel.data and not wheel_services.has_events(org):
            year = max(plan.period_start, local_today().year)
            wheel_services.add_national_template(org, year, plan.id)
        db.session.commit()
        flash(_("Planen skapades med de nio områdena från den nationella planen."), "success")
        return redirect(url_for(".show", plan_id=plan.id))
    checked = tuple(request.form.getlist("keys"))
    return render_template(
        "plans/form.html", form=form, org=org, plan=None, **catalogue_context(set(), checked)
    )


@bp.get("/planer/<int:plan_id>")
def show(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    today = local_today()
    overview = build_overview(plan, today)
    results = plan_summaries(plan, today)
    return render_template(
        "plans/show.html",
        plan=plan,
        overview=overview,
        results=results,
        result_counts=state_counts(results),
        **page_labels(),
        red_share=round(RED_OVERDUE_SHARE * 100),
        due_soon_days=DUE_SOON_DAYS,
    )


@bp.get("/planer/<int:plan_id>/historik")
def history(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    form = HistoryFilterForm(request.args)
    form.offer(changed_kinds(plan.id), actors(plan.id))
    wanted = form.wanted()
    page = paged(history_statement(plan.id, wanted))
    activity = db.session.get(Activity, wanted.activity_id) if wanted.activity_id else None
    return render_template(
        "plans/history.html",
        plan=plan,
        form=form,
        page=page,
        lines=described(page.items),
        args=page_args(),
        # Named only when it is this plan's (the id comes from the address).
        activity=activity if activity is not None and activity.plan_id == plan.id else None,
    )


@bp.route("/planer/<int:plan_id>/redigera", methods=["GET", "POST"])
def edit(plan_id: int):
    plan = load(Plan, plan_id, EDIT)
    form = PlanForm(obj=plan)
    change = lambda: services.update_plan(plan, **_plan_values(form))  # noqa: E731
    if form.validate_on_submit() and save_edit(form, plan, change):
        flash(_("Ändringarna sparades."), "success")
        return redirect(url_for(".show", plan_id=plan.id))
    status = 409 if form.form_errors else 200
    return render_template("plans/form.html", form=form, org=plan.organisation, plan=plan), status


def _area(plan: Plan, code: str) -> PlanArea:
    area = next((a for a in plan.areas if a.code == code), None)
    if area is None:
        abort(404)
    return area


@bp.get("/planer/<int:plan_id>/omraden/<code>")
def area(plan_id: int, code: str):
    plan = load(Plan, plan_id, VIEW)
    area = _area(plan, code)
    activities = list(
        db.session.scalars(
            select(Activity)
            .where(Activity.area_id == area.id)
            .order_by(Activity.due_date.is_(None), Activity.due_date, Activity.id)
        )
    )
    today = local_today()
    return render_template(
        "plans/area.html",
        plan=plan,
        area=area,
        activities=activities,
        today=today,
        summaries=plan_summaries(plan, today, area.code),
        **page_labels(),
    )


@bp.route("/planer/<int:plan_id>/omraden/<code>/redigera", methods=["GET", "POST"])
def edit_area(plan_id: int, code: str):
    plan = load(Plan, plan_id, EDIT)
    area = _area(plan, code)
    form = AreaForm(obj=area)
    change = lambda: services.update_area(area, form.local_description.data or "")  # noqa: E731
    if form.validate_on_submit() and save_edit(form, area, change):
        flash(_("Områdets beskrivning sparades."), "success")
        return redirect(url_for(".area", plan_id=plan.id, code=area.code))
    status = 409 if form.form_errors else 200
    return render_template("plans/area_form.html", form=form, plan=plan, area=area), status


def _goal_form(plan: Plan, goal: Goal | None = None) -> GoalForm:
    form = GoalForm(obj=goal)
    form.area_id.choices = options([(a.id, a.label) for a in plan.areas])
    if goal is None and request.method == "GET":
        wanted = request.args.get("omrade")
        form.area_id.data = next((a.id for a in plan.areas if a.code == wanted), None)
    return form


def _goal_page(form: GoalForm, plan: Plan, goal: Goal | None, status: int = 200):
    return render_template("plans/goal_form.html", form=form, plan=plan, goal=goal), status


@bp.route("/planer/<int:plan_id>/mal/ny", methods=["GET", "POST"])
def create_goal(plan_id: int):
    plan = load(Plan, plan_id, EDIT)
    form = _goal_form(plan)
    if form.validate_on_submit():
        goal = services.create_goal(
            plan, form.area_id.data, form.title.data, form.description.data or ""
        )
        db.session.commit()
        flash(_("Målet lades till."), "success")
        return redirect(url_for(".area", plan_id=plan.id, code=goal.area.code))
    return _goal_page(form, plan, None)


@bp.route("/mal/<int:goal_id>/redigera", methods=["GET", "POST"])
def edit_goal(goal_id: int):
    goal = load(Goal, goal_id, EDIT)
    plan = goal.plan
    form = _goal_form(plan, goal)

    def change():
        data = (form.area_id.data, form.title.data, form.description.data or "")
        return rule_checked(form, lambda: services.update_goal(goal, *data), "title")

    if form.validate_on_submit() and save_edit(form, goal, change):
        flash(_("Målet sparades."), "success")
        return redirect(url_for(".area", plan_id=plan.id, code=goal.area.code))
    return _goal_page(form, plan, goal, 409 if form.form_errors else 200)


@bp.post("/mal/<int:goal_id>/ta-bort")
def delete_goal(goal_id: int):
    goal = load(Goal, goal_id, EDIT)
    if not deletion_confirmed():
        return redirect(url_for(".edit_goal", goal_id=goal.id))
    done = url_for(".area", plan_id=goal.plan_id, code=goal.area.code)
    return_to(done)

    def delete() -> bool:
        services.delete_goal(goal)
        return True

    if not rule_checked(None, delete):
        return redirect(url_for(".edit_goal", goal_id=goal.id))
    db.session.commit()
    flash(_("Målet togs bort."), "success")
    return redirect(done)
