"""Existing accounts a restore gives roles to, named before anything is written.

A backup's accounts are matched to this server's by e-mail: whoever already has that address
here (a system administrator included) gets the file's memberships. The restore page lists
them and writes only when a system administrator confirmed exactly that list (its
fingerprint travels in the form)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from planner.auth.models import ROLES, User
from planner.auth.services import normalise_email
from planner.extensions import db


@dataclass(frozen=True)
class Grant:
    """An account that exists here and gets roles from the file."""

    name: str
    email: str
    is_system_admin: bool
    roles: tuple[tuple[str, str], ...]  # (organisation in the file, role label)


class UnconfirmedGrants(Exception):
    """The restore would give roles to existing accounts nobody confirmed."""

    def __init__(self, grants: list[Grant]) -> None:
        super().__init__(f"{len(grants)} existing accounts would get roles")
        self.grants = grants
        self.fingerprint = fingerprint(grants)


def existing_accounts_given_roles(checked: dict[str, list[dict]]) -> list[Grant]:
    """From a checked document (file-local ids): the existing accounts with memberships in
    it, by e-mail, each with the roles it would get."""
    organisations = {row["id"]: row["name"] for row in checked["organisations"]}
    roles: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for row in checked["memberships"]:
        label = str(ROLES.get(row["role"], row["role"]))
        roles[row["user_id"]].append((organisations[row["organisation_id"]], label))
    emails = {normalise_email(row["email"]): row["id"] for row in checked["users"]}
    if not emails:
        return []
    existing = db.session.scalars(select(User).where(User.email.in_(list(emails))))
    grants = [
        Grant(user.name, user.email, user.is_system_admin, tuple(sorted(roles[emails[user.email]])))
        for user in existing
        if roles[emails[user.email]]
    ]
    return sorted(grants, key=lambda g: g.email)


def fingerprint(grants: list[Grant]) -> str:
    """Short and stable for the same accounts and roles; changes when either changes."""
    lines = sorted(f"{g.email}|{g.is_system_admin}|{g.roles}" for g in grants)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:32]
