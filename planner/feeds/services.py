"""Subscriptions to the calendar feed: created with a secret token shown once, replaced,
revoked, and found again by the token. Services flush, never commit."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from planner.extensions import db
from planner.feeds.models import Subscription
from planner.models import utcnow
from planner.orgs.models import Organisation


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)  # 256 random bits
    return token, hash_token(token)


def create_subscription(
    organisation: Organisation,
    name: str,
    user_id: int | None,
    areas: list[str] | None = None,
    categories: list[str] | None = None,
    only_mine: bool = False,
    include_sub: bool = True,
    include_activities: bool = True,
) -> tuple[Subscription, str]:
    """A new subscription and its secret token, which is returned only this once."""
    token, digest = _new_token()
    subscription = Subscription(
        organisation=organisation,
        name=name,
        user_id=user_id,
        token_hash=digest,
        areas=sorted(areas or []),
        categories=sorted(categories or []),
        only_mine=only_mine and user_id is not None,
        include_sub=include_sub,
        include_activities=include_activities,
    )
    db.session.add(subscription)
    db.session.flush()
    return subscription, token


def replace_token(subscription: Subscription) -> str:
    """A new secret link; the old one stops working at once."""
    token, subscription.token_hash = _new_token()
    subscription.revoked_at = None
    db.session.flush()
    return token


def revoke(subscription: Subscription) -> None:
    subscription.revoked_at = utcnow()
    db.session.flush()


def subscription_for_token(token: str) -> Subscription | None:
    """The live subscription with this token; None for unknown and revoked alike."""
    if not token or len(token) > 100:
        return None
    found = db.session.scalars(
        select(Subscription)
        .where(Subscription.token_hash == hash_token(token))
        # Its name is part of every answer's validator: one query instead of two per poll.
        .options(joinedload(Subscription.organisation))
    ).first()
    if found is None or found.revoked_at is not None:
        return None
    return found
