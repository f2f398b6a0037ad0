"""Activity pages: the filtered list, an activity with its progress history, edits."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner.access import EDIT, VIEW, load
from planner.audit.history import history
from planner.auth.people import person_choices
from planner.clock import local_today
from planner.editing import rule_checked, save_edit
from planner.extensions import db
from planner.forms import options
from planner.plans import services
from planner.plans.forms import ActivityFilterForm, ActivityForm, ProgressForm
from planner.plans.models import Activity, Plan, ProgressUpdate
from planner.plans.queries import ActivityFilter, activity_statement, responsible_organisations
from planner.plans.responsible import responsible_options
from planner.races import return_to
from planner.web import deletion_confirmed, page_args, paged

bp = Blueprint("activities", __name__)

# The activity page shows its newest changes; the plan's history page has them all.
ACTIVITY_HISTORY = 10


def _filter_form(plan: Plan) -> tuple[ActivityFilterForm, ActivityFilter]:
    form = ActivityFilterForm(request.args)
    form.omrade.choices = options([("", _("Alla"))] + [(a.code, a.label) for a in plan.areas])
    form.organisation.choices = options(
        [("", _("Alla"))] + [(org.id, org.name) for org in responsible_organisations(plan.id)]
    )
    form.validate()
    # A filter the user got wrong is shown with its message and otherwise ignored.
    ok = {name: not field.errors for name, field in form._fields.items()}
    wanted = ActivityFilter(
        area=form.omrade.data if ok["omrade"] and form.omrade.data else None,
        status=form.status.data if ok["status"] and form.status.data else None,
        organisation_id=form.organisation.data if ok["organisation"] else None,
        overdue=bool(form.forsenade.data),
        unowned=bool(form.utan_ansvarig.data),
        due_within=form.inom.data if ok["inom"] else None,
        text=form.q.data or "" if ok["q"] else "",
        sort=form.sortera.data if ok["sortera"] else "due_date",
        descending=ok["ordning"] and form.ordning.data == "desc",
    )
    return form, wanted


@bp.get("/planer/<int:plan_id>/aktiviteter")
def index(plan_id: int):
    plan = load(Plan, plan_id, VIEW)
    form, wanted = _filter_form(plan)
    page = paged(activity_statement(plan.id, wanted, local_today()))
    return render_template(
        "activities/index.html",
        plan=plan,
        form=form,
        wanted=wanted,
        page=page,
        args=page_args(),
    )


def _activity_form(plan: Plan, activity: Activity | None = None) -> ActivityForm:
    form = ActivityForm(obj=activity)
    form.area_id.choices = options([(a.id, a.label) for a in plan.areas])
    form.goal_id.choices = options(
        [("", _("– Inget mål –"))] + [(g.id, f"{g.area.code} – {g.title}") for g in plan.goals]
    )
    responsible = responsible_options(plan, current_user)
    form.organisation_ids.choices = options(
        [(org.id, "\u2003" * depth + org.name) for depth, org in responsible.own]
        + [(org.id, org.name) for org in responsible.partners]
    )
    form.partner_ids = {org.id for org in responsible.partners}  # shown as their own group
    person_choices(form.responsible_user_id, plan.organisation_id)
    if request.method == "GET":
        if activity is not None:
            form.organisation_ids.data = [o.id for o in activity.organisations]
        else:
            form.organisation_ids.data = [plan.organisation_id]
            wanted = request.args.get("omrade")
            form.area_id.data = next((a.id for a in plan.areas if a.code == wanted), None)
            goal = request.args.get("mal", type=int)
            form.goal_id.data = goal if any(g.id == goal for g in plan.goals) else None
    return form


def _activity_data(form: ActivityForm) -> services.ActivityData:
    return services.ActivityData(
        title=form.title.data,
        area_id=form.area_id.data,
        goal_id=form.goal_id.data,
        description=form.description.data or "",
        responsible_name=form.responsible_name.data or "",
        responsible_role=form.responsible_role.data or "",
        responsible_email=form.responsible_email.data or "",
        responsible_user_id=form.responsible_user_id.data,
        organisation_ids=form.organisation_ids.data or [],
        start_date=form.start_date.data,
        due_date=form.due_date.data,
        follow_up_date=form.follow_up_date.data,
    )


def _record_state_change(activity: Activity, form: ActivityForm) -> None:
    """A status or percent set in the activity form becomes a dated progress entry."""
    status, percent = form.status.data, form.percent.data or 0
    if (status, percent) != (activity.status, activity.percent):
        services.record_progress(activity, local_today(), status, percent, author=current_user)


def _save_activity(form: ActivityForm, plan: Plan, activity: Activity | None) -> Activity | None:
    """Apply the form through the services; on a rule broken, mark the field and return None."""

    def change() -> Activity:
        saved = activity
        if saved is None:
            saved = services.create_activity(plan, _activity_data(form))
        else:
            services.update_activity(saved, _activity_data(form))
        _record_state_change(saved, form)
        return saved

    return rule_checked(form, change, "title")


def _form_page(form: ActivityForm, plan: Plan, activity: Activity | None, status: int = 200):
    return render_template("activities/form.html", form=form, plan=plan, activity=activity), status


@bp.route("/planer/<int:plan_id>/aktiviteter/ny", methods=["GET", "POST"])
def create(plan_id: int):
    plan = load(Plan, plan_id, EDIT)
    form = _activity_form(plan)
    if form.validate_on_submit():
        activity = _save_activity(form, plan, None)
        if activity is not None:
            db.session.commit()
            flash(_("Aktiviteten lades till."), "success")
            return redirect(url_for(".show", activity_id=activity.id))
    return _form_page(form, plan, None)


@bp.get("/aktiviteter/<int:activity_id>")
def show(activity_id: int):
    activity = load(Activity, activity_id, VIEW)
    form = ProgressForm()
    form.date.data = local_today()
    form.status.data, form.percent.data = activity.status, activity.percent
    return _show_page(activity, form)


def _show_page(activity: Activity, form: ProgressForm, status: int = 200):
    return render_template(
        "activities/show.html",
        activity=activity,
        plan=activity.plan,
        form=form,
        history=history(limit=ACTIVITY_HISTORY, activity_id=activity.id),
        history_limit=ACTIVITY_HISTORY,
    ), status


@bp.route("/aktiviteter/<int:activity_id>/redigera", methods=["GET", "POST"])
def edit(activity_id: int):
    activity = load(Activity, activity_id, EDIT)
    plan = activity.plan
    form = _activity_form(plan, activity)
    change = lambda: _save_activity(form, plan, activity)  # noqa: E731
    if form.validate_on_submit() and save_edit(form, activity, change):
        flash(_("Aktiviteten sparades."), "success")
        return redirect(url_for(".show", activity_id=activity.id))
    return _form_page(form, plan, activity, 409 if form.form_errors else 200)


@bp.post("/aktiviteter/<int:activity_id>/ta-bort")
def delete(activity_id: int):
    activity = load(Activity, activity_id, EDIT)
    if not deletion_confirmed():
        return redirect(url_for(".edit", activity_id=activity.id))
    done = url_for(".index", plan_id=activity.plan_id)
    return_to(done)
    services.delete_activity(activity)
    db.session.commit()
    flash(_("Aktiviteten togs bort."), "success")
    return redirect(done)


@bp.post("/aktiviteter/<int:activity_id>/framsteg")
def record_progress(activity_id: int):
    activity = load(Activity, activity_id, EDIT)
    form = ProgressForm()
    if form.validate_on_submit():
        entry = (form.date.data, form.status.data, form.percent.data or 0, form.comment.data or "")
        recorded = rule_checked(
            form, lambda: services.record_progress(activity, *entry, author=current_user), "date"
        )
        if recorded is None:
            return _show_page(activity, form)
        db.session.commit()
        flash(_("Framsteget registrerades."), "success")
        return redirect(url_for(".show", activity_id=activity.id) + "#historik")
    return _show_page(activity, form)


@bp.post("/framsteg/<int:update_id>/ta-bort")
def delete_progress(update_id: int):
    update = load(ProgressUpdate, update_id, EDIT)
    activity_id = update.activity_id
    services.delete_progress(update)
    db.session.commit()
    flash(_("Posten togs bort ur historiken."), "success")
    return redirect(url_for(".show", activity_id=activity_id) + "#historik")
