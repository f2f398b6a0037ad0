"""Accounts, memberships and logins. Services flush, never commit."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from planner.auth import passwords
from planner.auth.models import ROLES, LoginFailure, Membership, User
from planner.clock import as_utc
from planner.extensions import db
from planner.models import utcnow
from planner.orgs.models import Organisation
from planner.rules import RuleError

FREE_FAILURES = 5  # failures before the account or address has to wait
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(minutes=15)


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
        session_token=secrets.token_hex(16),
    )
    db.session.add(user)
    db.session.flush()
    return user


def end_sessions(user: User) -> None:
    """Every session of ``user`` stops being valid (password or role changed)."""
    user.session_token = secrets.token_hex(16)


def set_password(user: User, password: str) -> None:
    _check_password(password)
    user.password_hash = passwords.hash_password(password)
    end_sessions(user)
    db.session.flush()


# --- logging in -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked: bool = False


def _keys(email: str, address: str) -> list[str]:
    return [f"konto:{normalise_email(email)[:250]}", f"adress:{address[:250]}"]


def _locked(keys: list[str], now: datetime) -> bool:
    rows = db.session.scalars(select(LoginFailure).where(LoginFailure.key.in_(keys)))
    return any(row.locked_until and as_utc(row.locked_until) > now for row in rows)


def _record_failure(keys: list[str], now: datetime) -> None:
    """Count a failure with one atomic upsert per key, so parallel attempts in several
    processes neither lose increments nor collide on the first insert."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    for key in keys:
        statement = insert(LoginFailure).values(key=key, count=1, last_failed_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=[LoginFailure.key],
            set_={"count": LoginFailure.count + 1, "last_failed_at": now},
        ).returning(LoginFailure.count)
        count = db.session.execute(statement).scalar_one()
        over = count - FREE_FAILURES
        if over >= 0:
            db.session.execute(
                update(LoginFailure)
                .where(LoginFailure.key == key)
                .values(locked_until=now + min(FIRST_WAIT * (2**over), LONGEST_WAIT))
            )
    db.session.expire_all()


def authenticate(email: str, password: str, address: str, now: datetime | None = None):
    """Check a login. Failures count per account and per address in the database, so the
    limit holds across worker processes; past the free attempts each wait doubles."""
    now = now or utcnow()
    keys = _keys(email, address)
    if _locked(keys, now):
        return LoginResult(None, locked=True)
    user = user_by_email(email)
    ok = passwords.verify(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        _record_failure(keys, now)
        return LoginResult(None)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    for row in db.session.scalars(select(LoginFailure).where(LoginFailure.key == keys[0])):
        db.session.delete(row)
    db.session.flush()
    return LoginResult(user)


# --- memberships ----------------------------------------------------------------------------


def add_membership(user: User, organisation: Organisation, role: str) -> Membership:
    if role not in ROLES:
        raise AccountError(_l("Välj en roll."), "role")
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
    end_sessions(user)
    db.session.flush()
    return membership


def change_role(membership: Membership, role: str) -> None:
    if role not in ROLES:
        raise AccountError(_l("Välj en roll."), "role")
    membership.role = role
    end_sessions(membership.user)
    db.session.flush()


def remove_membership(membership: Membership) -> None:
    end_sessions(membership.user)
    db.session.delete(membership)
    db.session.flush()
