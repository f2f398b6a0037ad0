"""Whom a person with no role should ask: the administrators of the organisations where
colleagues with the same e-mail domain already work in planner, else the system
administrators."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from planner.auth.models import ADMIN, Membership, User
from planner.extensions import db
from planner.orgs.models import Organisation

MOST = 8


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    organisation: str | None  # None: a system administrator


def whom_to_ask(user: User) -> list[Contact]:
    domain = user.email.rsplit("@", 1)[-1]
    colleagues_orgs = (
        select(Membership.organisation_id)
        .join(Membership.user)
        .where(User.email.endswith("@" + domain, autoescape=True), User.id != user.id)
    )
    admins = db.session.execute(
        select(User.name, User.email, Organisation.name)
        .join(Membership, Membership.user_id == User.id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(
            Membership.role == ADMIN,
            Membership.organisation_id.in_(colleagues_orgs),
            User.active.is_(True),
            User.id != user.id,
        )
        .order_by(Organisation.name, User.name)
        .limit(MOST)
    ).all()
    if admins:
        return [Contact(*row) for row in admins]
    system_admins = db.session.execute(
        select(User.name, User.email)
        .where(User.is_system_admin.is_(True), User.active.is_(True), User.id != user.id)
        .order_by(User.name)
        .limit(MOST)
    ).all()
    return [Contact(name, email, None) for name, email in system_admins]
