"""Who is responsible: the organisation's roles in planner and the activities' named owners."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from planner.auth.models import ADMIN, EDITOR, Membership
from planner.extensions import db
from planner.psb.document import Table
from planner.psb.generators import Context, Generated, generator, say
from planner.psb.generators.activities import _activities


@generator("roles")
def roles(context: Context) -> Generated:
    members = db.session.scalars(
        select(Membership)
        .where(
            Membership.organisation_id == context.organisation.id,
            Membership.role.in_((ADMIN, EDITOR)),
        )
        .options(joinedload(Membership.user))
    ).all()
    result = Generated()
    if members:
        result.blocks.append(
            Table(
                caption=_("Ansvar för planen i %(org)s", org=context.organisation.name),
                headers=[_("Namn"), _("Roll i planeringen")],
                rows=sorted([m.user.name, m.role_label] for m in members if m.user.active),
            )
        )
    owners: dict[tuple[str, str], int] = {}
    for activity in _activities(context):
        if activity.responsible_name:
            key = (activity.responsible_name, activity.responsible_role)
            owners[key] = owners.get(key, 0) + 1
    if owners:
        result.blocks.append(
            Table(
                caption=_("Ansvariga för aktiviteterna"),
                headers=[_("Namn"), _("Funktion"), _("Aktiviteter")],
                rows=[
                    [name, role or "–", str(count)]
                    for (name, role), count in sorted(owners.items())
                ],
                numeric_columns=[2],
            )
        )
    if not result.blocks:
        result.blocks.append(say(_("Inga ansvariga är registrerade i planeringen.")))
    return result
