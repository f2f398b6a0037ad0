"""Signed unsubscribe links: they work without logging in, for one person and one kind of
mail (all their own reminders, or one plan's weekly digest)."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from planner.extensions import db
from planner.reminders import settings

SALT = "planner.reminders.unsubscribe"
ALL = "all"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def token(user_id: int, plan_id: int | None = None) -> str:
    return _serializer().dumps([user_id, ALL if plan_id is None else plan_id])


def read(value: str) -> tuple[int, int | None] | None:
    """(user id, plan id or None for all) from a token; None when forged or malformed."""
    try:
        user_id, what = _serializer().loads(value)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not (what == ALL or isinstance(what, int)):
        return None
    return user_id, None if what == ALL else what


def apply(user_id: int, plan_id: int | None) -> None:
    """Turn the mail off (idempotent): all own reminders, or the one plan's digest."""
    from planner.auth.models import User

    user = db.session.get(User, user_id)
    if user is None:
        return
    if plan_id is None:
        settings.set_mode(user, settings.NONE)
    else:
        settings.set_plan_digests(user, remove={plan_id})
