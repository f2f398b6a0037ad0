"""Double (and octuple) submits: 8 identical POSTs at the same instant against the live
server, as an impatient click does. Never a 5xx, and what may happen only once happens
once. Runs on the SQLite file and, with PLANNER_TEST_DATABASE_URL, on PostgreSQL. Adding a
member is an invitation; its parallel requests (one invitation, one membership) are tested in
tests/auth/test_members.py."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from bench.visitor import Answer, Visitor
from planner.clock import local_today
from planner.extensions import db
from tests import factories
from tests.factories import PASSWORD

TIMES = 8


@pytest.fixture
def count(live_app):
    """``count(statement)``: a scalar read in a fresh session, after the burst."""

    def read(statement):
        with live_app.app_context():
            try:
                return db.session.scalar(statement)
            finally:
                db.session.remove()

    return read


def visitor(live_server: str, email: str) -> Visitor:
    person = Visitor(live_server)
    person.login(email, PASSWORD)
    return person


def assert_kind(answers: list[Answer]) -> None:
    """Every submit was answered, and none with a server error."""
    statuses = sorted(answer.status for answer in answers)
    assert len(statuses) == TIMES
    assert max(statuses) < 500, f"statuses: {statuses}"


def test_creating_an_account_twice_at_once_makes_one_account(live_server, seed, count):
    from planner.auth.models import User

    seed(lambda: factories.make_user("system@test.se", system_admin=True).id)
    admin = visitor(live_server, "system@test.se")
    data = {
        "csrf_token": admin.csrf_token("/anvandare/ny"),
        "email": "Anna.Ny@Test.se",
        "name": "Anna Ny",
        "password": "ett nytt långt lösenord",
    }
    assert_kind(admin.burst("/anvandare/ny", data, TIMES))
    accounts = select(func.count()).select_from(User).where(User.email == "anna.ny@test.se")
    assert count(accounts) == 1


def _event(region_id: int, day: date) -> int:
    from planner.orgs.models import Organisation
    from planner.wheel import services

    region = db.session.get(Organisation, region_id)
    data = services.EventData("Patientsäkerhetsdialog", "dialog", day)
    return services.create_event(region, data).id


def test_marking_an_occurrence_done_twice_at_once_marks_it_once(live_server, world, seed, count):
    from planner.wheel.models import OccurrenceDone

    day = local_today()
    event_id = seed(lambda: _event(world.region_id, day))
    editor = visitor(live_server, world.editor)
    path = f"/arshjul/{event_id}/genomford"
    data = {
        "csrf_token": editor.csrf_token(f"/organisationer/{world.region_id}/arshjul"),
        "day": day.isoformat(),
        "done": "y",
    }
    assert_kind(editor.burst(path, data, TIMES))
    marks = (
        select(func.count()).select_from(OccurrenceDone).where(OccurrenceDone.event_id == event_id)
    )
    assert count(marks) == 1


@pytest.mark.parametrize("status", ["pagar", "ej_paborjad"], ids=["new-status", "same-status"])
def test_recording_the_same_progress_at_once_records_it_once(
    live_server, plan_world, count, status
):
    from planner.plans.models import ProgressUpdate

    editor = visitor(live_server, plan_world.world.editor)
    activity_id = plan_world.activity_id
    data = {
        "csrf_token": editor.csrf_token(f"/aktiviteter/{activity_id}"),
        "date": local_today().isoformat(),
        "status": status,
        "percent": "40",
        "comment": "Utbildningen har börjat",
    }
    assert_kind(editor.burst(f"/aktiviteter/{activity_id}/framsteg", data, TIMES))
    entries = (
        select(func.count())
        .select_from(ProgressUpdate)
        .where(ProgressUpdate.activity_id == activity_id)
    )
    assert count(entries) == 1


def test_deleting_an_activity_twice_at_once_answers_kindly(live_server, plan_world, count):
    from planner.plans.models import Activity

    editor = visitor(live_server, plan_world.world.editor)
    activity_id = plan_world.activity_id
    data = {
        "csrf_token": editor.csrf_token(f"/aktiviteter/{activity_id}/redigera"),
        "bekrafta": "ja",
    }
    answers = editor.burst(f"/aktiviteter/{activity_id}/ta-bort", data, TIMES)
    assert_kind(answers)
    assert count(select(func.count()).select_from(Activity)) == 0
    # The one that deleted it and those that lost the race all land on the plan's list
    # (the activity's own pages are gone).
    redirected = {a.location for a in answers if a.status == 302}
    assert redirected == {f"/planer/{plan_world.plan_id}/aktiviteter"}
    # Once it is gone, deleting it again says why nothing happened (a 404 like any row
    # one may not see, so that existence is never revealed).
    again = editor.post(f"/aktiviteter/{activity_id}/ta-bort", data)
    assert again.status == 404
    assert "redan har tagits bort" in again.body


def test_national_wheel_added_twice_at_once_is_added_once(live_server, world, count):
    from planner.wheel.models import WheelEvent
    from planner.wheel.services import national_template

    editor = visitor(live_server, world.editor)
    wheel = f"/organisationer/{world.region_id}/arshjul"
    data = {"csrf_token": editor.csrf_token(wheel)}
    assert_kind(editor.burst(wheel + "/nationell-mall", data, TIMES))
    events = (
        select(func.count())
        .select_from(WheelEvent)
        .where(WheelEvent.organisation_id == world.region_id)
    )
    assert count(events) == len(national_template(2026))
