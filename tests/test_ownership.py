"""Each model says which organisation owns it, in one place (``Owned.scope``): the permission
rule and the history both ask it, so a new model needs nothing else to be checked and shown."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from planner.access import EDIT, VIEW, can
from planner.audit.models import AuditEvent
from planner.auth.models import User
from planner.documents.models import KeptDocument
from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.models import Audited, Owned
from planner.plans import services
from planner.wheel import services as wheel_services
from planner.wheel.services import EventData
from tests.factories import (
    commit,
    make_activity,
    make_measure,
    make_org,
    make_plan,
    make_user,
    record,
)

# Rows that point at an owned row but are never loaded, checked or recorded on their own.
NOT_OWNED = {KeptDocument}  # a kept PDF, served through its plan or organisation


def _mapped_classes() -> list[type]:
    return [m.class_ for m in db.Model.registry.mappers]


def test_every_row_that_belongs_to_an_owned_row_says_where_it_belongs(app):
    owned_tables = {c.__table__.name for c in _mapped_classes() if issubclass(c, Owned)}
    for cls in _mapped_classes():
        refers_to_owned = any(
            fk.column.table.name in owned_tables for fk in cls.__table__.foreign_keys
        )
        if refers_to_owned and cls not in NOT_OWNED:
            assert issubclass(cls, Owned), f"{cls.__name__} does not say which organisation owns it"
    for cls in _mapped_classes():
        if issubclass(cls, Owned):
            assert cls.scope is not Owned.scope, f"{cls.__name__} inherits Owned.scope unchanged"


def _world():
    """One row of every audited model, in a region, plus a neighbour region's reader."""
    region = make_org("Region Ägare")
    plan = make_plan(region)
    activity = make_activity(plan, status="pagar", percent=10)
    goal = services.create_goal(plan, plan.areas[0].id, "Mål")
    services.update_area(plan.areas[0], "Vår egen beskrivning")  # areas are created silently
    event = wheel_services.create_event(
        region, EventData("APT", "apt", date(2026, 1, 15), plan_id=plan.id)
    )
    done = wheel_services.set_done(event, date(2026, 1, 15), True, "Test")
    owner = make_user("agare@test.se", "lasare", region)
    subscription, _ = subscriptions.create_subscription(region, "Min", owner.id)
    measure = make_measure(plan, goal_id=goal.id)
    value = record(measure, make_org("Enhet Ägare", "enhet", region), "2026-Q1", 85)
    return (
        region,
        plan,
        [
            plan,
            plan.areas[0],
            goal,
            activity,
            activity.updates[0],
            event,
            done.done[0],
            subscription,
            owner.memberships[0],
            measure,
            value,
        ],
    )


def test_history_lands_where_the_row_says_it_belongs(app):
    region, plan, rows = _world()
    commit()
    for row in rows:
        assert isinstance(row, Audited)
        scope = row.scope
        assert scope.organisation_id == region.id
        events = db.session.scalars(
            db.select(AuditEvent).where(
                AuditEvent.entity_type == type(row).__name__, AuditEvent.entity_id == row.id
            )
        ).all()
        assert events, f"{type(row).__name__} left no history to check"
        for event in events:
            where = {k: getattr(event, k) for k in ("organisation_id", "plan_id", "activity_id")}
            assert where == asdict(scope), type(row).__name__
    assert rows[5].scope.plan_id == plan.id  # the wheel event shows on its plan's history
    assert rows[4].scope.activity_id == rows[3].id  # progress shows on its activity's


def test_roles_on_the_owning_organisation_decide_over_every_row(app):
    region, _, rows = _world()
    neighbour = make_org("Region Grannen")
    editor = make_user("redaktor@test.se", "redaktor", region)
    stranger = make_user("granne@test.se", "administrator", neighbour)
    admin = make_user("admin@test.se", system_admin=True)
    commit()
    subscription = rows[7]
    for row in rows:
        assert not can(VIEW, row, user=stranger), type(row).__name__
        assert can(EDIT, row, user=admin), type(row).__name__
        if row is not subscription:
            assert can(EDIT, row, user=editor), type(row).__name__
    # a personal subscription is its owner's alone, whatever others' roles are
    assert can(VIEW, subscription, user=db.session.get(User, subscription.user_id))
    assert not can(VIEW, subscription, user=editor)
