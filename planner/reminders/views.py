"""Reminder pages: one's own settings, an organisation's lead days, the one-click
unsubscribe (no login), and the system administrators' log of every mail."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from planner.access import ADMINISTER, EDIT, MANAGE, can, load, ranks, require
from planner.auth.models import User
from planner.auth.session import public
from planner.extensions import csrf, db
from planner.forms import options
from planner.orgs.models import Organisation
from planner.plans.models import Plan
from planner.reminders import settings, unsubscribe
from planner.reminders.forms import LogFilterForm, PolicyForm, SettingsForm
from planner.reminders.models import ReminderDelivery
from planner.web import page_args, paged

bp = Blueprint("reminders", __name__)


def _editable_plans(user) -> list[Plan]:
    """Plans the user may edit (by a role; a system administrator's own roles too), and any
    whose digest they already get."""
    org_ids = [org_id for org_id, rank in ranks(user).items() if rank >= 2]
    chosen = settings.plan_digest_ids(user)
    plans = db.session.scalars(
        select(Plan)
        .where(Plan.organisation_id.in_(org_ids) | Plan.id.in_(chosen))
        .order_by(Plan.title, Plan.id)
    ).all()
    return [p for p in plans if can(EDIT, p, user)]


@bp.route("/konto/paminnelser", methods=["GET", "POST"])
def edit_settings():
    user = current_user._get_current_object()
    plans = _editable_plans(user)
    form = SettingsForm()
    form.plans.choices = options((p.id, f"{p.title} ({p.organisation.name})") for p in plans)
    if request.method == "GET":
        form.mode.data = settings.mode_of(user)
        form.plans.data = sorted(settings.plan_digest_ids(user))
    if form.validate_on_submit():
        settings.set_mode(user, form.mode.data)
        wanted = set(form.plans.data or [])
        offered = {p.id for p in plans}
        settings.set_plan_digests(user, add=wanted & offered, remove=offered - wanted)
        db.session.commit()
        flash(_("Dina påminnelser är sparade."), "success")
        return redirect(url_for(".edit_settings"))
    return render_template("reminders/settings.html", form=form)


@bp.route("/organisationer/<int:org_id>/paminnelser", methods=["GET", "POST"])
def edit_policy(org_id: int):
    org = load(Organisation, org_id, MANAGE)
    days, own = settings.lead_days_of(org)
    form = PolicyForm()
    if request.method == "GET":
        form.inherit.data = not own and org.parent_id is not None
        form.lead_days.data = ", ".join(str(d) for d in days)
    if form.validate_on_submit():
        inherit = form.inherit.data and org.parent_id is not None
        settings.set_lead_days(org, None if inherit else form.lead_days.data)
        db.session.commit()
        flash(_("Påminnelseinställningen är sparad."), "success")
        return redirect(url_for(".edit_policy", org_id=org.id))
    return render_template("reminders/policy.html", org=org, form=form, days=days, own=own)


@bp.route("/paminnelser/avsluta/<token>", methods=["GET", "POST"])
@public
# RFC 8058: the mail program posts "List-Unsubscribe=One-Click"; the signed token is the proof.
@csrf.exempt
def unsubscribe_page(token: str):
    found = unsubscribe.read(token)
    user = db.session.get(User, found[0]) if found else None
    if user is None:
        abort(404)
    plan = db.session.get(Plan, found[1]) if found[1] is not None else None
    if found[1] is not None and plan is None:
        abort(404)
    if request.method == "POST":
        unsubscribe.apply(user.id, found[1])
        db.session.commit()
        return redirect(url_for(".unsubscribe_page", token=token, klart=1))
    done = request.args.get("klart") == "1"
    return render_template("reminders/unsubscribe.html", done=done, plan=plan, email=user.email)


@bp.get("/admin/paminnelser")
def log():
    require(ADMINISTER, ReminderDelivery)
    form = LogFilterForm(request.args)
    statement = select(ReminderDelivery).order_by(
        ReminderDelivery.claimed_at.desc(), ReminderDelivery.id.desc()
    )
    if form.state.data:
        statement = statement.where(ReminderDelivery.state == form.state.data)
    if form.recipient.data:
        needle = form.recipient.data.strip().lower()
        statement = statement.where(
            ReminderDelivery.recipient_email.contains(needle, autoescape=True)
        )
    page = paged(statement)
    return render_template("reminders/log.html", form=form, page=page, url_args=page_args())
