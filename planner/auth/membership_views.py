"""An organisation's administrators add, change and remove members in their subtree."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.access import MANAGE, can, load
from planner.auth import services
from planner.auth.forms import MemberForm, RoleForm
from planner.auth.models import Invitation, Membership
from planner.editing import rule_checked
from planner.extensions import db
from planner.forms import options
from planner.orgs.models import Organisation
from planner.orgs.services import subtree_ids, tree_rows

bp = Blueprint("members", __name__)


def _page(org: Organisation, form: MemberForm, status: int = 200):
    ids = subtree_ids(org.id)
    invitations = db.session.scalars(
        select(Invitation)
        .where(Invitation.organisation_id.in_(ids))
        .options(selectinload(Invitation.organisation))
        .order_by(
            Invitation.organisation_id != org.id, Invitation.organisation_id, Invitation.email
        )
    ).all()
    memberships = db.session.scalars(
        select(Membership)
        .where(Membership.organisation_id.in_(ids))
        .options(selectinload(Membership.user), selectinload(Membership.organisation))
        .join(Membership.user)
        .order_by(Membership.organisation_id != org.id, Membership.organisation_id)
    ).all()
    return render_template(
        "auth/members.html",
        org=org,
        form=form,
        memberships=memberships,
        invitations=invitations,
        role_form=RoleForm(),
    ), status


def _member_form(org: Organisation) -> MemberForm:
    form = MemberForm()
    ids = set(subtree_ids(org.id))
    form.organisation_id.choices = options(
        (o.id, "\u2003" * depth + o.name) for depth, o in tree_rows() if o.id in ids
    )
    if form.organisation_id.data is None:
        form.organisation_id.data = org.id
    return form


@bp.get("/organisationer/<int:org_id>/medlemmar")
def index(org_id: int):
    org = load(Organisation, org_id, MANAGE)
    return _page(org, _member_form(org))


@bp.post("/organisationer/<int:org_id>/medlemmar")
def add(org_id: int):
    org = load(Organisation, org_id, MANAGE)
    form = _member_form(org)
    if not form.validate_on_submit():
        return _page(org, form)
    target = db.session.get(Organisation, form.organisation_id.data)
    if target is None or not can(MANAGE, target):
        abort(404)
    # Whether an account has this address is not told: every address gets an invitation,
    # which becomes a membership when that account is next used.
    invitation = rule_checked(
        form, lambda: services.invite(form.email.data, target, form.role.data), "email"
    )
    if invitation is None:
        return _page(org, form)
    email = invitation.email
    db.session.commit()
    flash(
        _(
            "%(email)s är inbjuden. Rollen börjar gälla nästa gång personen använder "
            "planner med den adressen; saknas konto skapar systemadministratören det.",
            email=email,
        ),
        "success",
    )
    return redirect(url_for(".index", org_id=org.id))


@bp.post("/inbjudningar/<int:invitation_id>/ta-bort")
def withdraw(invitation_id: int):
    invitation = load(Invitation, invitation_id, MANAGE)
    org_id = invitation.organisation_id
    services.withdraw_invitation(invitation)
    db.session.commit()
    flash(_("Inbjudan togs tillbaka."), "success")
    return redirect(url_for(".index", org_id=org_id))


@bp.post("/medlemskap/<int:membership_id>/roll")
def change_role(membership_id: int):
    membership = load(Membership, membership_id, MANAGE)
    form = RoleForm()
    if form.validate_on_submit():
        services.change_role(membership, form.role.data)
        db.session.commit()
        flash(_("Rollen ändrades."), "success")
    else:
        flash(_("Välj en roll."), "error")
    return redirect(url_for(".index", org_id=membership.organisation_id))


@bp.post("/medlemskap/<int:membership_id>/ta-bort")
def remove(membership_id: int):
    membership = load(Membership, membership_id, MANAGE)
    org_id = membership.organisation_id
    services.remove_membership(membership)
    db.session.commit()
    flash(_("Medlemskapet togs bort."), "success")
    return redirect(url_for(".index", org_id=org_id))
