"""Which account a single sign-on is: the one linked to the provider's (issuer, subject), else
the one with the same e-mail address when the provider vouches for it (``email_verified``),
else a new account with no roles. Services flush, never commit."""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import select

from planner.auth import passwords
from planner.auth.models import User
from planner.auth.services import normalise_email, user_by_email
from planner.extensions import db
from planner.models import utcnow
from planner.sso import groups
from planner.sso.client import (
    EMAIL_TAKEN,
    INACTIVE,
    LINKED_ELSEWHERE,
    NO_EMAIL,
    Answer,
    LoginFailed,
    claim,
)
from planner.sso.models import OidcIdentity

log = logging.getLogger(__name__)


def email_verified(claims: dict) -> bool:
    # Some providers send the boolean as a string; anything else is not a promise.
    return claims.get("email_verified") in (True, "true")


def provided_name(claims: dict) -> str:
    """The person's name as the provider gives it ('' when it gives none)."""
    name = claim(claims, current_app.config["OIDC_NAME_CLAIM"])
    if not isinstance(name, str) or not name.strip():
        parts = (claims.get("given_name"), claims.get("family_name"))
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return " ".join(name.split())[:200]


def sign_in(answer: Answer) -> User:
    """The account ``answer`` logs in to, its identity link recorded and its roles from the
    group mapping brought up to date. Raises ``LoginFailed`` when no account may be used."""
    identity = _identity(
        OidcIdentity.issuer == answer.issuer, OidcIdentity.subject == answer.subject
    )
    email = normalise_email(str(claim(answer.claims, current_app.config["OIDC_EMAIL_CLAIM"]) or ""))
    if identity is None:
        user = _match_or_create(answer, email)
        identity = OidcIdentity(user=user, issuer=answer.issuer, subject=answer.subject)
        db.session.add(identity)
    user = identity.user
    if not user.active:
        raise LoginFailed(INACTIVE, f"account {user.id} is deactivated")
    name = provided_name(answer.claims)
    if name and name != user.name:
        user.name = name  # the organisation's directory knows the name best
    identity.last_login_at = utcnow()
    _apply_groups(user, answer.claims)
    db.session.flush()
    return user


def link(user: User, answer: Answer) -> None:
    """Link ``user`` (logged in with a password: that proves the account is theirs) to the
    provider's person, for providers that do not vouch for e-mail addresses."""
    identity = _identity(
        OidcIdentity.issuer == answer.issuer, OidcIdentity.subject == answer.subject
    )
    if identity is None:
        if _identity(OidcIdentity.user_id == user.id, OidcIdentity.issuer == answer.issuer):
            raise LoginFailed(LINKED_ELSEWHERE, f"user {user.id} is linked to another subject")
        identity = OidcIdentity(user=user, issuer=answer.issuer, subject=answer.subject)
        db.session.add(identity)
    elif identity.user_id != user.id:
        raise LoginFailed(LINKED_ELSEWHERE, f"subject belongs to user {identity.user_id}")
    identity.last_login_at = utcnow()
    _apply_groups(user, answer.claims)
    db.session.flush()
    log.info("user %s linked to single sign-on", user.id)


def is_linked(user: User, issuer: str) -> bool:
    """Whether ``user`` has an identity at ``issuer`` (with or without a trailing slash, as the
    configured and the published issuer may differ only so)."""
    issuers = [issuer.rstrip("/"), issuer.rstrip("/") + "/"]
    return _identity(OidcIdentity.user_id == user.id, OidcIdentity.issuer.in_(issuers)) is not None


def _identity(*conditions) -> OidcIdentity | None:
    return db.session.scalars(select(OidcIdentity).where(*conditions)).first()


def _apply_groups(user: User, claims: dict) -> None:
    name = current_app.config["OIDC_GROUPS_CLAIM"]
    if not name:
        return
    if name in (claims.get("_claim_names") or {}):
        # Entra ID's "overage": too many groups for the token, only a link to fetch them. The
        # groups are unknown, not empty: leave the roles as they are rather than remove them.
        log.warning("groups of user %s not in the token (overage); roles left as they are", user.id)
        return
    groups.apply(user, group_names(claims))


def group_names(claims: dict) -> set[str]:
    value = claim(claims, current_app.config["OIDC_GROUPS_CLAIM"])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return set()
    return {str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip()}


def _match_or_create(answer: Answer, email: str) -> User:
    if "@" not in email or len(email) > 254:
        raise LoginFailed(NO_EMAIL, f"no usable e-mail claim for subject {answer.subject!r}")
    existing = user_by_email(email)
    if existing is None:
        user = User(
            email=email,
            name=provided_name(answer.claims) or email,
            password_hash=passwords.NO_PASSWORD,
        )
        db.session.add(user)
        db.session.flush()
        log.info("single sign-on created user %s", user.id)
        return user
    if not email_verified(answer.claims):
        # Anyone could claim an address the provider has not checked: never take over an
        # account that way (the account may be a system administrator's).
        raise LoginFailed(EMAIL_TAKEN, f"unverified e-mail of user {existing.id} claimed")
    if _identity(OidcIdentity.user_id == existing.id, OidcIdentity.issuer == answer.issuer):
        raise LoginFailed(LINKED_ELSEWHERE, f"user {existing.id} is linked to another subject")
    log.info("single sign-on linked user %s by verified e-mail", existing.id)
    return existing
