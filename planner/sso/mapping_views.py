"""System administrators map the provider's groups to roles on organisations."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from planner.access import ADMINISTER, load, require
from planner.editing import rule_checked
from planner.extensions import db
from planner.forms import options
from planner.orgs.models import Organisation
from planner.orgs.services import tree_rows
from planner.sso import client, groups
from planner.sso.forms import GroupMappingForm
from planner.sso.models import GroupMapping

bp = Blueprint("sso_groups", __name__)


def _form() -> GroupMappingForm:
    form = GroupMappingForm()
    form.organisation_id.choices = options(
        (o.id, "\u2003" * depth + o.name) for depth, o in tree_rows()
    )
    return form


def _page(form: GroupMappingForm):
    config = current_app.config
    return render_template(
        "sso/groups.html",
        form=form,
        mappings=groups.mappings(),
        enabled=client.enabled(),
        groups_claim=config["OIDC_GROUPS_CLAIM"],
    )


@bp.route("/inloggningsgrupper", methods=["GET", "POST"])
def index():
    require(ADMINISTER, GroupMapping)
    form = _form()
    if form.validate_on_submit():
        target = db.session.get(Organisation, form.organisation_id.data)
        if target is None:
            abort(404)
        data = (form.group_name.data, target, form.role.data)
        mapping = rule_checked(form, lambda: groups.add_mapping(*data))
        if mapping is not None:
            message = _(
                "Gruppen %(group)s ger nu rollen %(role)s i %(org)s från medlemmarnas nästa "
                "inloggning.",
                group=mapping.group_name,
                role=mapping.role_label,
                org=target.name,
            )
            db.session.commit()
            flash(message, "success")
            return redirect(url_for(".index"))
    return _page(form)


@bp.post("/inloggningsgrupper/<int:mapping_id>/ta-bort")
def remove(mapping_id: int):
    mapping = load(GroupMapping, mapping_id, ADMINISTER)
    groups.remove_mapping(mapping)
    db.session.commit()
    flash(
        _(
            "Kopplingen togs bort. Rollerna den gav försvinner vid respektive persons nästa "
            "inloggning."
        ),
        "success",
    )
    return redirect(url_for(".index"))
