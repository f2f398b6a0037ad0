"""Server-side sessions: one UserSession row per login. The session cookie carries a random
secret; only its hash is stored. Ending a session deletes the row, so a copied cookie stops
working at once. Services flush, never commit."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import datetime, timedelta
from functools import cache

from flask import g
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import joinedload

from planner.auth.models import Membership, User, UserSession
from planner.clock import as_utc
from planner.extensions import db
from planner.models import utcnow
from planner.orgs.services import parse_subtrees, subtrees_text

# g's key for {user id: {role's organisation id: its subtree's ids}} (planner.access.ranks).
ROLE_SUBTREES = "_planner_role_subtrees"

log = logging.getLogger(__name__)
# last_seen_at is written at most this often, so a busy user does not cost a write per request.
TOUCH_EVERY = timedelta(minutes=1)

_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"))
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def describe_device(user_agent: str) -> str:
    """A short, recognisable name for a browser ("Firefox, Windows"); empty when unknown."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    if browser is None and "Safari/" in user_agent and "Version/" in user_agent:
        browser = "Safari"
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser is None and system is None:
        return re.sub(r"[^\w ./-]", "", user_agent)[:40]
    return ", ".join(part for part in (browser, system) if part)


def start(
    user: User,
    user_agent: str,
    address: str,
    now: datetime | None = None,
    id_token: str | None = None,
) -> str:
    """A new session for ``user``; returns the secret for the cookie (kept nowhere else).
    ``id_token``: a single sign-on's, for the logout at the provider."""
    now = now or utcnow()
    secret = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(
            secret_hash=_hash(secret),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            device=describe_device(user_agent or "")[:100],
            address=(address or "")[:64],
            id_token=id_token,
        )
    )
    purge(now)
    db.session.flush()
    user.session_secret = secret
    log.info("session started for user %s", user.id)
    return secret


def find(secret: str, lifetime: timedelta, now: datetime | None = None) -> UserSession | None:
    """The live session named by ``secret``: it exists, was used within ``lifetime`` and
    belongs to an active account."""
    if not secret or len(secret) > 100:
        return None
    now = now or utcnow()
    row = db.session.execute(_who_is_asking(), {"secret_hash": _hash(secret)}).unique().first()
    if row is None:
        return None
    found, role_subtrees = row
    if as_utc(found.last_seen_at) <= now - lifetime or not found.user.active:
        return None
    found.user.session_secret = secret
    # Each role's subtree, read with the session, for planner.access in this request only.
    g.setdefault(ROLE_SUBTREES, {})[found.user_id] = parse_subtrees(role_subtrees)
    return found


@cache
def _who_is_asking():
    """One statement for who is asking, built once: the session, its account, the account's
    roles and each role's subtree (planner.access needs nothing more to decide)."""
    named = UserSession.secret_hash == bindparam("secret_hash")
    roles = (
        select(Membership.organisation_id.label("root"), Membership.organisation_id.label("id"))
        .join(UserSession, UserSession.user_id == Membership.user_id)
        .where(named)
    )
    return (
        select(UserSession, subtrees_text(roles))
        .where(named)
        .options(joinedload(UserSession.user).joinedload(User.memberships))
    )


def touch(user_session: UserSession, now: datetime | None = None) -> bool | None:
    """Note that the session is in use, at most once per TOUCH_EVERY: True when written,
    False when not yet due, None when another request ended the session meanwhile."""
    now = now or utcnow()
    if as_utc(user_session.last_seen_at) > now - TOUCH_EVERY:
        return False
    # One statement that may find nothing: "Avsluta andra", a new password or a purge in
    # another request can delete the row between reading it and this write.
    statement = update(UserSession).where(UserSession.id == user_session.id)
    written = db.session.execute(statement.values(last_seen_at=now)).rowcount
    return True if written else None


def is_current(user_session: UserSession, user: User) -> bool:
    return user.session_secret is not None and user_session.secret_hash == _hash(
        user.session_secret
    )


def of_user(user: User) -> list[UserSession]:
    """``user``'s sessions, the most recently used first."""
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id)
            .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
        )
    )


def end(user_session: UserSession) -> None:
    # One statement, so two clicks on "Avsluta" (or two tabs) both succeed: the second ends
    # nothing instead of tripping the ORM's "expected to delete 1 row".
    db.session.execute(delete(UserSession).where(UserSession.id == user_session.id))
    db.session.expunge(user_session)
    log.info("session %s of user %s ended", user_session.id, user_session.user_id)


def current(user: User) -> UserSession | None:
    """The session this request runs in."""
    if not user.session_secret:
        return None
    statement = select(UserSession).where(UserSession.secret_hash == _hash(user.session_secret))
    return db.session.scalars(statement).first()


def end_current(user: User) -> None:
    """Log out: the session this request runs in is deleted."""
    if user.session_secret:
        db.session.execute(
            delete(UserSession).where(UserSession.secret_hash == _hash(user.session_secret))
        )


def end_all(user: User, keep_current: bool = False) -> int:
    """End every session of ``user`` (password changed, account deactivated), or every other
    one with ``keep_current``. Returns how many ended."""
    statement = delete(UserSession).where(UserSession.user_id == user.id)
    if keep_current and user.session_secret:
        statement = statement.where(UserSession.secret_hash != _hash(user.session_secret))
    ended = db.session.execute(statement).rowcount or 0
    log.info("%s sessions of user %s ended", ended, user.id)
    return ended


def purge(now: datetime, lifetime: timedelta | None = None) -> int:
    """Delete sessions unused for longer than the session lifetime."""
    from flask import current_app

    lifetime = lifetime or current_app.permanent_session_lifetime
    statement = delete(UserSession).where(UserSession.last_seen_at <= now - lifetime)
    result = db.session.execute(statement, execution_options={"synchronize_session": False})
    return result.rowcount or 0
