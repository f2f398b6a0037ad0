"""Accounts, memberships and logins. Services flush, never commit."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from planner.audit.recorder import acting_as
from planner.auth import passwords, throttling, user_sessions
from planner.auth.devices import Device
from planner.auth.models import ROLES, Invitation, Membership, User
from planner.extensions import db
from planner.feeds.models import Subscription
from planner.models import utcnow
from planner.orgs.models import Organisation
from planner.orgs.services import subtrees_ids
from planner.rules import RuleError

log = logging.getLogger(__name__)


class AccountError(RuleError):
    """A change to accounts that breaks a rule."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalars(select(User).where(User.email == normalise_email(email))).first()


def _check_password(password: str) -> None:
    if len(password) < passwords.MIN_LENGTH:
        raise AccountError(
            _l("Lösenordet ska ha minst %(n)d tecken.", n=passwords.MIN_LENGTH), "password"
        )


def create_user(email: str, name: str, password: str, system_admin: bool = False) -> User:
    email = normalise_email(email)
    if "@" not in email:
        raise AccountError(_l("Ange en giltig e-postadress."), "email")
    if user_by_email(email):
        raise AccountError(_l("Det finns redan ett konto med den e-postadressen."), "email")
    _check_password(password)
    user = User(
        email=email,
        name=name.strip() or email,
        password_hash=passwords.hash_password(password),
        is_system_admin=system_admin,
    )
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user: User, password: str, keep_current_session: bool = False) -> None:
    """A new password ends the account's sessions (all but this one, when asked)."""
    _check_password(password)
    user.password_hash = passwords.hash_password(password)
    user_sessions.end_all(user, keep_current=keep_current_session)
    db.session.flush()


def set_active(user: User, active: bool) -> None:
    """Deactivating an account ends all its sessions; it can no longer log in."""
    user.active = active
    if not active:
        user_sessions.end_all(user)
        revoke_unreadable_subscriptions(user)
    db.session.flush()


# --- logging in -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked: bool = False


def authenticate(
    email: str,
    password: str,
    address: str,
    device: Device | None = None,
    now: datetime | None = None,
) -> LoginResult:
    """Check a login (or the current password on the password page), throttled as in
    planner/auth/throttling.py. ``device`` is the request's valid device cookie, if any."""
    now = now or utcnow()
    email = normalise_email(email)
    user = user_by_email(email)
    known = device is not None and user is not None and device.user_id == user.id
    keys = [throttling.device_key(device.device_id)] if known else []
    if not keys or throttling.locked(keys, now):  # an unknown device, or one past its limit
        keys = [
            throttling.pair_key(email, address),
            throttling.account_key(email),
            throttling.address_key(address),
        ]
        if throttling.locked(keys, now):
            return LoginResult(None, locked=True)
    ok = passwords.verify(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        throttling.record_failure(keys, now)
        return LoginResult(None)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    # What this success proves: this person, from this address and this device.
    proved = [throttling.pair_key(email, address)]
    if device is not None and device.user_id == user.id:
        proved.append(throttling.device_key(device.device_id))
    throttling.clear(proved)
    throttling.purge(now)
    db.session.flush()
    return LoginResult(user)


# --- memberships ----------------------------------------------------------------------------
# Roles are read from the memberships at every request (planner/access.py), so changing them
# changes what a person may do at their next request; it never logs anyone out.


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(_l("Välj en roll."), "role")


def invite(email: str, organisation: Organisation, role: str) -> Invitation:
    """Offer ``role`` on ``organisation`` to whoever has (or will have) the account ``email``.
    The answer is the same whether or not such an account exists; the invitation becomes a
    membership when that account is next used (``accept_invitations``)."""
    _check_role(role)
    email = normalise_email(email)
    member = db.session.scalars(
        select(Membership)
        .join(Membership.user)
        .where(User.email == email, Membership.organisation_id == organisation.id)
    ).first()
    if member is not None:  # shown in the member list already: telling reveals nothing
        raise AccountError(
            _l("Personen är redan medlem här; ändra rollen i listan i stället."), "email"
        )
    pending = db.session.scalars(
        select(Invitation).where(
            Invitation.email == email, Invitation.organisation_id == organisation.id
        )
    ).first()
    already = AccountError(_l("Adressen är redan inbjuden hit."), "email")
    if pending is not None:
        raise already
    invitation = Invitation(email=email, organisation=organisation, role=role)
    db.session.add(invitation)
    try:
        db.session.flush()
    except IntegrityError as error:  # the same invitation sent at the same moment: it stands
        raise already from error
    return invitation


def accept_invitations(user: User) -> list[Membership]:
    """Turn the invitations to ``user``'s address into memberships (an existing membership on
    the same organisation is kept as it is)."""
    invitations = db.session.scalars(select(Invitation).where(Invitation.email == user.email)).all()
    held = {m.organisation_id for m in user.memberships}
    added = []
    for invitation in invitations:
        if invitation.organisation_id not in held:
            membership = Membership(
                user=user, organisation=invitation.organisation, role=invitation.role
            )
            db.session.add(membership)
            added.append(membership)
            held.add(invitation.organisation_id)
        db.session.delete(invitation)
    if invitations:
        with acting_as(user.name, user.id):  # the person accepted; also while logging in
            db.session.flush()
        log.info("user %s accepted %s invitations", user.id, len(invitations))
    return added


def withdraw_invitation(invitation: Invitation) -> None:
    db.session.delete(invitation)
    db.session.flush()


def add_membership(user: User, organisation: Organisation, role: str) -> Membership:
    """A membership for a known account (the command line, the demo, restores)."""
    _check_role(role)
    existing = db.session.scalars(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation.id
        )
    ).first()
    if existing is not None:
        raise AccountError(
            _l("Personen är redan medlem här; ändra rollen i listan i stället."), "email"
        )
    membership = Membership(user=user, organisation=organisation, role=role)
    db.session.add(membership)
    db.session.flush()
    return membership


def change_role(membership: Membership, role: str) -> None:
    """An administrator's role change makes the membership theirs: single sign-on's group
    mapping (planner/sso/groups.py) no longer changes or removes it."""
    _check_role(role)
    membership.role = role
    membership.from_group = False
    db.session.flush()


def remove_membership(membership: Membership) -> None:
    """The membership goes, and with it the person's personal calendar links to organisations
    they can no longer read: revoked, so that adding them back does not revive an old link."""
    user = membership.user
    db.session.delete(membership)
    db.session.flush()
    db.session.expire(user, ["memberships"])
    revoke_unreadable_subscriptions(user)


def revoke_unreadable_subscriptions(user: User) -> int:
    """Revoke ``user``'s live personal subscriptions on organisations ``user`` may no longer
    read (none, once the account is deactivated); returns how many."""
    if user.active and user.is_system_admin:
        return 0
    roots = [membership.organisation_id for membership in user.memberships] if user.active else []
    readable = {org_id for ids in subtrees_ids(roots).values() for org_id in ids}
    live = db.session.scalars(
        select(Subscription).where(
            Subscription.user_id == user.id, Subscription.revoked_at.is_(None)
        )
    ).all()
    revoked = [s for s in live if s.organisation_id not in readable]
    for subscription in revoked:
        subscription.revoked_at = utcnow()
    db.session.flush()
    return len(revoked)
