"""Reading and changing who gets which reminders (services: plain values, flush, no commit)."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select

from planner.extensions import db
from planner.reminders.models import (
    DEFAULT_LEAD_DAYS,
    DEFAULT_MODE,
    MODES,
    NONE,
    PlanDigest,
    ReminderPolicy,
    ReminderSetting,
    parse_lead_days,
)

__all__ = ["NONE", "mode_of", "set_mode", "plan_digest_ids", "set_plan_digests"]


def mode_of(user) -> str:
    found = db.session.scalar(
        select(ReminderSetting.mode).where(ReminderSetting.user_id == user.id)
    )
    return found or DEFAULT_MODE


def set_mode(user, mode: str) -> None:
    if mode not in MODES:
        raise ValueError(mode)
    setting = db.session.scalar(select(ReminderSetting).where(ReminderSetting.user_id == user.id))
    if setting is None:
        setting = ReminderSetting(user_id=user.id, mode=mode)
        db.session.add(setting)
    setting.mode = mode
    db.session.flush()
    current_app.logger.info("reminders: %s chose %s", user.email, mode)


def plan_digest_ids(user) -> set[int]:
    return set(db.session.scalars(select(PlanDigest.plan_id).where(PlanDigest.user_id == user.id)))


def set_plan_digests(user, add: Iterable[int] = (), remove: Iterable[int] = ()) -> None:
    """Start the weekly digest of the plans in ``add``, stop those in ``remove``. The caller
    checks that the user may edit the plans added."""
    have = plan_digest_ids(user)
    for plan_id in set(add) - have:
        db.session.add(PlanDigest(user_id=user.id, plan_id=plan_id))
    gone = set(remove) & have
    for digest in db.session.scalars(
        select(PlanDigest).where(PlanDigest.user_id == user.id, PlanDigest.plan_id.in_(gone))
    ):
        db.session.delete(digest)
    db.session.flush()
    if set(add) - have or gone:
        current_app.logger.info(
            "reminders: %s plan digests +%s -%s", user.email, sorted(set(add) - have), sorted(gone)
        )


def lead_days_of(org) -> tuple[tuple[int, ...], bool]:
    """The organisation's lead days, and whether they are its own (else inherited/default)."""
    node = org
    while node is not None:
        policy = db.session.scalar(
            select(ReminderPolicy).where(ReminderPolicy.organisation_id == node.id)
        )
        if policy is not None:
            return policy.days, node.id == org.id
        node = node.parent
    return DEFAULT_LEAD_DAYS, False


def set_lead_days(org, text: str | None) -> None:
    """Set the organisation's own lead days ("14, 1"), or with None follow its parent's."""
    policy = db.session.scalar(
        select(ReminderPolicy).where(ReminderPolicy.organisation_id == org.id)
    )
    if text is None:
        if policy is not None:
            db.session.delete(policy)
    else:
        value = ", ".join(str(d) for d in parse_lead_days(text))
        if policy is None:
            policy = ReminderPolicy(organisation=org, lead_days=value)
            db.session.add(policy)
        policy.lead_days = value
    db.session.flush()
    current_app.logger.info("reminders: lead days of organisation %s set to %s", org.id, text)
