"""Pages for the organisation tree: load → check permission → act → commit once."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.access import ADMINISTER, VIEW, load, require, visible_organisation_ids
from planner.editing import rule_checked
from planner.extensions import db
from planner.orgs import services
from planner.orgs.forms import OrganisationForm
from planner.orgs.models import Organisation
from planner.plans.models import Plan

bp = Blueprint("orgs", __name__)


@bp.get("/")
def index():
    visible = visible_organisation_ids(current_user)
    rows = [(d, o) for d, o in services.tree_rows() if visible is None or o.id in visible]
    return render_template("orgs/index.html", rows=rows)


@bp.get("/organisationer/<int:org_id>")
def show(org_id: int):
    org = load(Organisation, org_id, VIEW)
    ids = services.subtree_ids(org.id)
    plans = list(
        db.session.scalars(
            select(Plan)
            .where(Plan.organisation_id.in_(ids))
            .options(selectinload(Plan.organisation))
            .order_by(Plan.period_start.desc(), Plan.title)
        )
    )
    own = [p for p in plans if p.organisation_id == org.id]
    below = [p for p in plans if p.organisation_id != org.id]
    return render_template("orgs/show.html", org=org, own_plans=own, sub_plans=below)


def _form_page(form: OrganisationForm, org: Organisation | None):
    return render_template("orgs/form.html", form=form, org=org)


def _parent(parent_id: int | None) -> Organisation | None:
    return load(Organisation, parent_id, ADMINISTER) if parent_id else None


@bp.route("/organisationer/ny", methods=["GET", "POST"])
def create():
    require(ADMINISTER, Organisation)
    form = OrganisationForm()
    form.set_parent_choices(services.tree_rows())
    if form.validate_on_submit():
        data = (form.name.data, form.kind.data, _parent(form.parent_id.data))
        org = rule_checked(form, lambda: services.create_organisation(*data), "name")
        if org is not None:
            db.session.commit()
            flash(_("Organisationen %(name)s skapades.", name=org.name), "success")
            return redirect(url_for(".show", org_id=org.id))
    return _form_page(form, None)


@bp.route("/organisationer/<int:org_id>/redigera", methods=["GET", "POST"])
def edit(org_id: int):
    org = load(Organisation, org_id, ADMINISTER)
    form = OrganisationForm(obj=org)
    own_subtree = set(services.subtree_ids(org.id))
    form.set_parent_choices([(d, o) for d, o in services.tree_rows() if o.id not in own_subtree])
    if form.validate_on_submit():
        data = (form.name.data, form.kind.data, _parent(form.parent_id.data))
        if rule_checked(form, lambda: services.update_organisation(org, *data), "name"):
            db.session.commit()
            flash(_("Ändringarna sparades."), "success")
            return redirect(url_for(".show", org_id=org.id))
    return _form_page(form, org)
