"""Roles from the provider's groups: an administrator maps a group to a role on an
organisation; at every single sign-on the person's memberships from groups are made to match
the groups the provider names. Only memberships the mapping gave (``Membership.from_group``)
are changed or taken away; a membership an administrator made is never touched.
Services flush, never commit."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from planner.audit.recorder import acting_as
from planner.auth import services as accounts
from planner.auth.models import ROLE_RANK, ROLES, Membership, User
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.rules import RuleError
from planner.sso.models import GroupMapping

log = logging.getLogger(__name__)
# The history names this actor for what the mapping did at a login.
ACTOR = "sso"


def mappings() -> list[GroupMapping]:
    return list(
        db.session.scalars(
            select(GroupMapping).order_by(GroupMapping.group_name, GroupMapping.organisation_id)
        )
    )


def add_mapping(group_name: str, organisation: Organisation, role: str) -> GroupMapping:
    group_name = group_name.strip()
    if not group_name:
        raise RuleError(_l("Ange gruppens namn eller id."), "group_name")
    if role not in ROLES:
        raise RuleError(_l("Välj en roll."), "role")
    taken = RuleError(
        _l("Gruppen ger redan en roll i den organisationen; ta bort den raden först."),
        "group_name",
    )
    exists = select(GroupMapping.id).where(
        GroupMapping.group_name == group_name, GroupMapping.organisation_id == organisation.id
    )
    if db.session.scalars(exists).first() is not None:
        raise taken
    mapping = GroupMapping(group_name=group_name, organisation=organisation, role=role)
    db.session.add(mapping)
    try:
        db.session.flush()
    except IntegrityError as error:  # the same row added at the same moment: it stands
        raise taken from error
    return mapping


def remove_mapping(mapping: GroupMapping) -> None:
    """The roles it gave go at each person's next login (only then are their groups known)."""
    db.session.delete(mapping)
    db.session.flush()


def wanted_roles(group_names: Iterable[str]) -> dict[int, str]:
    """For each organisation the groups give a role on, the highest such role."""
    names = set(group_names)
    if not names:
        return {}
    wanted: dict[int, str] = {}
    for mapping in db.session.scalars(
        select(GroupMapping).where(GroupMapping.group_name.in_(names))
    ):
        held = wanted.get(mapping.organisation_id)
        if held is None or ROLE_RANK[mapping.role] > ROLE_RANK[held]:
            wanted[mapping.organisation_id] = mapping.role
    return wanted


def apply(user: User, group_names: Iterable[str]) -> None:
    """Give, change and take away ``user``'s memberships from groups to match ``group_names``."""
    wanted = wanted_roles(group_names)
    held = {m.organisation_id: m for m in user.memberships}
    changed = 0
    with acting_as(ACTOR):
        for organisation_id, membership in held.items():
            if not membership.from_group:
                continue
            if organisation_id not in wanted:
                accounts.remove_membership(membership)
                changed += 1
            elif membership.role != wanted[organisation_id]:
                membership.role = wanted[organisation_id]
                changed += 1
        for organisation_id, role in wanted.items():
            if organisation_id not in held:
                organisation = db.session.get(Organisation, organisation_id)
                db.session.add(
                    Membership(user=user, organisation=organisation, role=role, from_group=True)
                )
                changed += 1
        db.session.flush()
    if changed:
        log.info("group mapping changed %s memberships of user %s", changed, user.id)
