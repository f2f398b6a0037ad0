"""Rules of plans, goals, activities and progress, through the services."""

from __future__ import annotations

import pytest

from planner.extensions import db
from planner.plans import services
from planner.plans.models import Activity, ProgressUpdate
from planner.plans.template import AREAS
from tests.factories import area_id, days, make_activity, make_org, make_plan


def test_plan_from_template_has_the_nine_national_areas_in_order(app):
    plan = make_plan()
    assert [a.code for a in plan.areas] == ["G1", "G2", "G3", "G4", "F1", "F2", "F3", "F4", "F5"]
    assert plan.areas[0].title == "Engagerad ledning och tydlig styrning"
    assert plan.areas[4].title == "Öka kunskap om inträffade vårdskador"
    assert all(a.aim for a in plan.areas)
    assert [a.kind for a in plan.areas] == [t.kind for t in AREAS]
    assert plan.vision == "God och säker vård – överallt och alltid"
    assert plan.status == "utkast"


def test_activity_needs_a_due_or_follow_up_date(app):
    plan = make_plan()
    with pytest.raises(services.PlanRuleError) as error:
        make_activity(plan, due_date=None, follow_up_date=None)
    assert error.value.field == "due_date"
    assert make_activity(plan, due_date=None, follow_up_date=days(10)).follow_up_date == days(10)


def test_due_date_not_before_start(app):
    plan = make_plan()
    with pytest.raises(services.PlanRuleError, match="före startdatum"):
        make_activity(plan, start_date=days(10), due_date=days(5))


def test_goal_must_belong_to_the_activity_area_and_plan(app):
    plan, other = make_plan(), make_plan()
    goal = services.create_goal(plan, area_id(plan, "F1"), "Mål i F1")
    foreign = services.create_goal(other, area_id(other, "G1"), "Annan plans mål")
    with pytest.raises(services.PlanRuleError, match="annat område"):
        make_activity(plan, area="G1", goal_id=goal.id)
    with pytest.raises(services.PlanRuleError, match="mål i planen"):
        make_activity(plan, area="G1", goal_id=foreign.id)
    assert make_activity(plan, area="F1", goal_id=goal.id).goal is goal


def test_joint_activity_has_several_organisations(app):
    region = make_org("Region Test")
    kommun = make_org("Testby kommun", "kommun")
    plan = make_plan(region)
    activity = make_activity(plan, organisation_ids=[region.id, kommun.id])
    assert {o.name for o in activity.organisations} == {"Region Test", "Testby kommun"}
    assert activity.is_joint


def test_unknown_organisation_is_refused(app):
    plan = make_plan()
    with pytest.raises(services.PlanRuleError) as error:
        make_activity(plan, organisation_ids=[plan.organisation_id, 99999])
    assert error.value.field == "organisation_ids"


def test_latest_progress_update_is_the_current_state(app):
    activity = make_activity()
    services.record_progress(activity, days(-30), "pagar", 40, "Halvvägs", "Anna")
    services.record_progress(activity, days(-60), "pagar", 10, "Början", "Anna")  # older entry
    assert (activity.status, activity.percent) == ("pagar", 40)
    latest = services.record_progress(activity, days(-1), "pagar", 70, "Nästan", "Bo")
    assert (activity.status, activity.percent) == ("pagar", 70)
    assert [u.percent for u in activity.updates] == [70, 40, 10]  # newest first
    services.delete_progress(latest)
    assert (activity.status, activity.percent) == ("pagar", 40)


def test_marking_done_sets_100_percent(app):
    activity = make_activity()
    update = services.record_progress(activity, days(0), "klar", 30, "Klart!", "Anna")
    assert update.percent == 100
    assert (activity.status, activity.percent) == ("klar", 100)


def test_progress_rules(app):
    activity = make_activity()
    with pytest.raises(services.PlanRuleError):
        services.record_progress(activity, days(0), "pagar", 101)
    with pytest.raises(services.PlanRuleError):
        services.record_progress(activity, days(0), "okänd", 10)
    with pytest.raises(services.PlanRuleError, match="framtiden"):
        services.record_progress(activity, days(1), "pagar", 10)


def test_goal_with_activities_cannot_be_deleted(app):
    plan = make_plan()
    goal = services.create_goal(plan, area_id(plan, "G2"), "Öppen rapportering")
    activity = make_activity(plan, area="G2", goal_id=goal.id)
    with pytest.raises(services.PlanRuleError):
        services.delete_goal(goal)
    services.delete_activity(activity)
    services.delete_goal(goal)
    db.session.flush()
    assert plan.goals == [] or all(g.id != goal.id for g in plan.goals)


def test_deleting_an_activity_deletes_its_history(app):
    activity = make_activity()
    services.record_progress(activity, days(0), "pagar", 10)
    services.delete_activity(activity)
    db.session.commit()
    assert db.session.query(Activity).count() == 0
    assert db.session.query(ProgressUpdate).count() == 0
