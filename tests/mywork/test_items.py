"""What My work lists for a person: matched by account or by e-mail, only where they still
have access, overdue first."""

from __future__ import annotations

from flask import g

from planner.auth.models import Membership
from planner.auth.services import add_membership
from planner.clock import local_today
from planner.extensions import db
from planner.mywork.items import DUE, FOLLOW_UP, PSB, WHEEL, items_for
from planner.plans import services
from planner.wheel.services import EventData, create_event
from tests.factories import commit, days, make_activity, make_org, make_plan, make_user


def _titles(user, horizon: int = 28) -> list[str]:
    return [item.title for item in items_for(user, local_today(), horizon)]


def test_matched_by_account_and_by_email_in_any_case(app):
    org = make_org()
    plan = make_plan(org)
    anna = make_user("anna@test.se", "redaktor", org)
    other = make_user("other@test.se", "redaktor", org)
    linked = make_activity(plan, title="Länkad", due_date=days(3))
    linked.responsible_user_id = anna.id
    make_activity(plan, title="Med e-post", due_date=days(5), responsible_email="Anna@Test.SE")
    # linked to another account: the typed address no longer decides
    moved = make_activity(plan, title="Annans", due_date=days(6), responsible_email="anna@test.se")
    moved.responsible_user_id = other.id
    make_activity(plan, title="Ingens", due_date=days(4))
    make_activity(plan, title="Långt bort", due_date=days(60), responsible_email="anna@test.se")
    commit()
    assert _titles(anna) == ["Länkad", "Med e-post"]
    assert _titles(other) == ["Annans"]


def test_lost_access_hides_the_items(app):
    org = make_org()
    plan = make_plan(org)
    anna = make_user("anna@test.se", "lasare", org)
    activity = make_activity(plan, title="Mitt", due_date=days(3))
    activity.responsible_user_id = anna.id
    commit()
    assert _titles(anna) == ["Mitt"]
    db.session.delete(db.session.scalars(db.select(Membership)).one())
    commit()
    db.session.expire_all()
    g.pop("_planner_ranks", None)
    assert _titles(anna) == []
    # a role on a parent organisation holds for the subtree
    region = make_org("Region")
    org.parent_id = region.id
    add_membership(anna, region, "lasare")
    commit()
    g.pop("_planner_ranks", None)
    assert _titles(anna) == ["Mitt"]


def test_overdue_first_then_by_day_with_follow_ups_and_wheel_events(app):
    org = make_org()
    plan = make_plan(org)
    anna = make_user("anna@test.se", "redaktor", org)
    soon = make_activity(plan, title="Snart", due_date=days(10), follow_up_date=days(-2))
    late = make_activity(plan, title="Sen", due_date=days(-5))
    done = make_activity(plan, title="Klar", due_date=days(-9), status="klar", percent=100)
    for activity in (soon, late, done):
        activity.responsible_user_id = anna.id
    event = create_event(
        org,
        EventData(title="Dialog", category="dialog", start_date=days(7), recurrence="once"),
    )
    event.owner_user_id = anna.id
    commit()
    items = items_for(anna, local_today(), 28)
    assert [(i.kind, i.title) for i in items] == [
        (DUE, "Sen"),
        (FOLLOW_UP, "Snart"),
        (WHEEL, "Dialog"),
        (DUE, "Snart"),
    ]
    assert [i.is_overdue(local_today()) for i in items] == [True, True, False, False]
    # progress recorded on or after the follow-up date closes the follow-up
    services.record_progress(soon, days(0), "pagar", 20, "", "Anna")
    commit()
    assert [i.kind for i in items_for(anna, local_today(), 28)] == [DUE, WHEEL, DUE]


def test_psb_parts_the_person_writes_until_marked_ready(app, anonymous):
    from planner.auth.services import user_by_email
    from planner.psb import contributions
    from tests.html import page
    from tests.psb.units_world import ask, region_with_units

    world = region_with_units()
    request = ask(world, keys=("summary", "goals_strategies"), due=days(10))
    other = ask(
        world, world.other_unit, user_by_email("barnskribent@test.se"), ("summary",), days(-2)
    )
    other.writer_id = world.writer.id  # named, but without a role in that unit
    commit()
    items = items_for(world.writer, local_today(), 28)
    assert [(i.kind, i.day, i.organisation_name) for i in items] == [
        (PSB, days(10), "Akutkliniken"),
        (PSB, days(10), "Akutkliniken"),
    ]
    assert all(i.plan_title == "PSB 2026 för Region Underlag" for i in items)
    add_membership(world.writer, world.other_unit, "lasare")
    commit()
    g.pop("_planner_ranks", None)
    items = items_for(world.writer, local_today(), 28)
    assert [(i.day, i.object_id) for i in items][0] == (days(-2), other.parts[0].id)
    # marked ready, a part leaves the list
    contributions.save_part(request.parts[0], "Klart.", True, "Sara")
    commit()
    left = [i.object_id for i in items_for(world.writer, local_today(), 28)]
    assert left == [other.parts[0].id, request.parts[1].id]
    anonymous.login("skribent@test.se")
    link = page(anonymous.get("/mitt-arbete")).select(".work-title a")[-1]
    assert link["href"] == f"/psb/underlag/del/{request.parts[1].id}"
    assert anonymous.get(link["href"]).status_code == 200
