"""Export → import → export gives the same bytes: the demo across databases (SQLite file →
the test database, which is PostgreSQL under .ci/with-postgres.sh), and random subtrees."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from planner import create_app
from planner.audit.models import AuditEvent
from planner.audit.recorder import acting_as
from planner.auth.models import ADMIN, EDITOR, READER, User
from planner.auth.services import authenticate, set_password
from planner.backup.dump import dump, dump_bytes
from planner.backup.format import parse
from planner.backup.restore import restore
from planner.clock import local_today
from planner.demo.loader import load_demo
from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.orgs.models import Organisation
from planner.plans import services
from planner.plans.models import Activity, ProgressUpdate
from planner.wheel import services as wheel
from planner.wheel.recurrence import YEARLY_DATE
from tests.conftest import app_config, app_on_empty_database
from tests.factories import PASSWORD, area_id, commit, make_org, make_plan, make_user
from tests.isolation import empty_database

AT = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)


@contextmanager
def other_database(tmp_path, url: str):
    """A second application on its own database, with its own app context, inside a test."""
    with app_on_empty_database(app_config(tmp_path, SQLALCHEMY_DATABASE_URI=url)) as other:
        yield other


@pytest.fixture
def laptop(tmp_path) -> Iterator[Flask]:
    """A second application on an in-memory SQLite, made once for all of a test's examples:
    ``with laptop.app_context(): empty_database() ...``."""
    other = create_app(app_config(tmp_path, SQLALCHEMY_DATABASE_URI="sqlite://"))
    yield other
    with other.app_context():
        db.engine.dispose()


def root_named(name: str) -> Organisation:
    return db.session.scalars(select(Organisation).where(Organisation.name == name)).one()


def test_the_demo_moves_from_sqlite_to_the_test_database_unchanged(app, tmp_path):
    with other_database(tmp_path, f"sqlite:///{tmp_path / 'laptop.db'}"):
        with acting_as("demo"):
            load_demo(local_today(), PASSWORD)
        db.session.commit()
        # A deleted activity leaves history that names a row that is gone.
        gone = db.session.scalars(select(Activity).order_by(Activity.id)).first()
        services.delete_activity(gone)
        db.session.commit()
        exported = dump_bytes(root_named("Region Vättersund"), AT)

    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0
    summary = restore(parse(exported))
    commit()
    again = dump_bytes(summary.root, AT)

    assert again == exported
    document = json.loads(exported)
    assert len(document["activities"]) == 41 + 6 - 1  # region's, administration's, one gone
    assert len(document["progress_updates"]) > 100
    assert len(document["wheel_events"]) == 18 + 2  # the region's, the PSB requests' due dates
    assert [u["email"] for u in document["users"]] == [
        "anna.lindqvist@vattersund.example",
        "enhet@exempel.se",
        "johan.ek@vattersund.example",
        "karin.holmberg@vattersund.example",
        "lasare@exempel.se",
        "lena.bjork@asby.example",
        "maria.sandberg@vattersund.example",
        "redaktor@exempel.se",
        "skribent@exempel.se",
    ]
    # The responsible accounts and the wheel events' owners come along, linked to the same
    # people (matched by e-mail: ids differ between the databases).
    linked = {
        (a.title, a.responsible_user.email)
        for a in db.session.scalars(select(Activity))
        if a.responsible_user is not None
    }
    assert (
        len(linked) > 20
        and (
            "Kostnadsberäkna vårdskador som underlag för verksamhetsplan och budget",
            "redaktor@exempel.se",
        )
        in linked
    )
    users = {u["email"]: u["id"] for u in document["users"]}
    assert {
        (a["title"], a["responsible_user_id"])
        for a in document["activities"]
        if a["responsible_user_id"] is not None
    } == {(title, users[email]) for title, email in linked}
    owners = [e["owner_user_id"] for e in document["wheel_events"]]
    assert owners.count(users["redaktor@exempel.se"]) == 3 and owners.count(None) > 0
    # The demo's measures' responsible people come along too (BHK: the editor).
    assert {
        (m["catalogue_key"], m["responsible_user_id"])
        for m in document["measures"]
        if m["responsible_user_id"] is not None
    } == {
        ("bhk", users["redaktor@exempel.se"]),
        ("riskbedomning", users["johan.ek@vattersund.example"]),
    }
    # The units' parts of the region's PSB travel with it: two requests, five parts.
    assert len(document["psb_part_requests"]) == 2
    assert len(document["psb_contributions"]) == 5
    assert any(e["entity_id"] < 0 for e in document["history"])  # the deleted activity
    # The joint activities name Åsby kommun, outside the region: it is created here too.
    assert summary.created_external == ["Åsby kommun"]
    # Exactly the exported history, no invented "created" events for the restore itself.
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == len(
        document["history"]
    )


def test_restored_accounts_cannot_log_in_until_given_a_password(app, tmp_path):
    with other_database(tmp_path, f"sqlite:///{tmp_path / 'laptop.db'}"):
        with acting_as("demo"):
            load_demo(local_today(), PASSWORD)
        db.session.commit()
        exported = dump_bytes(root_named("Region Vättersund"), AT)
    restore(parse(exported))
    commit()
    assert b"argon2" not in exported and b"password" not in exported
    assert not authenticate("redaktor@exempel.se", PASSWORD, "127.0.0.1").user
    user = db.session.scalars(select(User).where(User.email == "redaktor@exempel.se")).one()
    assert not user.is_system_admin
    set_password(user, "ett nytt långt lösenord")
    commit()
    assert authenticate("redaktor@exempel.se", "ett nytt långt lösenord", "127.0.0.1").user


def test_a_restore_next_to_other_organisations_keeps_both_apart(app, tmp_path):
    make_org("Region Norr")
    plan = make_plan(make_org("Region Syd"))
    commit()
    before = dump_bytes(plan.organisation, AT)
    with other_database(tmp_path, f"sqlite:///{tmp_path / 'laptop.db'}"):
        with acting_as("demo"):
            load_demo(local_today(), PASSWORD)
        db.session.commit()
        exported = dump_bytes(root_named("Region Vättersund"), AT)
    forum = make_org("Samverkansforum", "forum")
    summary = restore(parse(exported), forum)
    commit()
    assert summary.root.parent_id == forum.id
    assert dump_bytes(summary.root, AT) == exported
    assert dump_bytes(plan.organisation, AT) == before  # nothing of the other region moved


# --- random subtrees ---------------------------------------------------------------------

# Anything a person might paste, except what no database stores: lone surrogates and NUL.
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
NAME = TEXT.filter(lambda s: s.strip() != "").map(lambda s: s.strip()[:150])
DATES = st.none() | st.dates(date(1990, 1, 1), date(2100, 12, 31))
DAY = st.dates(date(2000, 1, 1), date(2040, 12, 31))


@st.composite
def subtrees(draw):
    return {
        "children": draw(
            st.lists(st.tuples(NAME, st.sampled_from(["enhet", "forvaltning"])), max_size=3)
        ),
        "users": draw(
            st.lists(st.tuples(NAME, st.sampled_from([READER, EDITOR, ADMIN])), max_size=3)
        ),
        "plans": draw(st.lists(st.tuples(NAME, DATES), min_size=0, max_size=2)),
        "goals": draw(st.lists(st.tuples(st.sampled_from(["G1", "F3"]), NAME, TEXT), max_size=3)),
        "activities": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "title": NAME,
                        "description": TEXT,
                        "responsible": TEXT,
                        "dates": st.tuples(DATES, DATES, DATES),
                        "orgs": st.lists(st.integers(0, 4), max_size=3),
                        "goal": st.none() | st.integers(0, 5),
                        "updates": st.lists(
                            st.tuples(
                                st.dates(date(2000, 1, 1), date(2025, 12, 31)),  # not future
                                st.sampled_from(["ej_paborjad", "pagar", "klar", "avbruten"]),
                                st.integers(0, 100),
                                TEXT,
                            ),
                            max_size=3,
                        ),
                        "deleted": st.booleans(),
                    }
                ),
                max_size=4,
            )
        ),
        "events": draw(
            st.lists(st.tuples(NAME, TEXT, DAY, st.none() | st.times(), st.booleans()), max_size=3)
        ),
        "subscribe": draw(st.booleans()),
    }


_roots = iter(range(1, 10**9))


def build(spec: dict) -> Organisation:
    """A subtree with plans, goals, activities, progress, wheel events, members and history,
    made through the services (so the history log is the real one), plus an organisation
    outside it that shares activities."""
    number = next(_roots)
    root = make_org(f"Rot {number}")
    outside = make_org(f"Granne {number}", "kommun")
    orgs = [root, outside]
    for name, kind in spec["children"]:
        orgs.append(make_org(name, kind, root))
    users = [
        make_user(f"p{number}-{i}@test.se", role, orgs[i % len(orgs)] if i else root, name=name)
        for i, (name, role) in enumerate(spec["users"])
    ]
    for title, decided in spec["plans"]:
        plan = make_plan(root, title=title, decision_date=decided)
        goals = [
            services.create_goal(plan, area_id(plan, code), title, text)
            for code, title, text in spec["goals"]
        ]
        for item in spec["activities"]:
            start, due, follow = item["dates"]
            if due is None and follow is None:  # the plan rules want one of them
                due = start or date(2026, 6, 30)
            if start is not None:  # and neither before the start
                due = due and max(due, start)
                follow = follow and max(follow, start)
            goal = goals[item["goal"] % len(goals)] if goals and item["goal"] is not None else None
            activity = services.create_activity(
                plan,
                services.ActivityData(
                    title=item["title"],
                    area_id=goal.area_id if goal else area_id(plan, "G2"),
                    goal_id=goal.id if goal else None,
                    description=item["description"],
                    responsible_name=item["responsible"],
                    organisation_ids=sorted(
                        {root.id} | {orgs[i % len(orgs)].id for i in item["orgs"]}
                    ),
                    start_date=start,
                    due_date=due,
                    follow_up_date=follow,
                ),
            )
            for index, (day, status, percent, comment) in enumerate(item["updates"]):
                author = users[index % len(users)] if users and index % 2 else None
                services.record_progress(activity, day, status, percent, comment, "Någon", author)
            if item["deleted"]:
                services.delete_activity(activity)
    for index, (title, text, day, at, done) in enumerate(spec["events"]):
        data = wheel.EventData(title, "mote", day, description=text, recurrence=YEARLY_DATE)
        data.skipped = [day.replace(year=day.year + 1, day=min(day.day, 28))]
        if index == 0 and root.plans:
            data.plan_id = root.plans[0].id
        if at is not None:
            data.all_day, data.start_time, data.duration_minutes = (
                False,
                at.replace(tzinfo=None),
                60,
            )
        event = wheel.create_event(orgs[index % len(orgs)] if index % 2 else root, data)
        if done:
            wheel.set_done(event, day, True, "Någon")
    if spec["subscribe"]:
        subscriptions.create_subscription(
            root, "Intranätet", None, areas=["G1"], categories=["mote"]
        )
        if users:  # a personal one, for the first person (a member of the root)
            subscriptions.create_subscription(root, "Min kalender", users[0].id, only_mine=True)
    db.session.flush()
    return root


@given(spec=subtrees())
def test_random_subtrees_round_trip_exactly_into_an_empty_database(app, laptop, spec):
    with acting_as("egenskapstest"):
        root = build(spec)
    commit()
    exported = dump_bytes(root, AT)
    # Into an empty in-memory SQLite (from PostgreSQL when the suite runs there).
    with laptop.app_context():
        empty_database()
        summary = restore(parse(exported))
        db.session.commit()
        assert dump_bytes(summary.root, AT) == exported
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == len(
            json.loads(exported)["history"]
        )


def test_hostile_text_survives_verbatim(app, tmp_path):
    hostile = 'Ärende "<script>alert(1)</script>" \u202e\u2028 🏥 \\ \t\r\n ' + "å" * 150
    root = make_org(hostile[:200])
    plan = make_plan(root, title=hostile, vision=hostile * 3)
    activity = services.create_activity(
        plan,
        services.ActivityData(
            title=hostile,
            area_id=area_id(plan),
            description=hostile,
            organisation_ids=[root.id],
            due_date=date(2026, 12, 31),
        ),
    )
    services.record_progress(activity, date(2026, 1, 2), "pagar", 5, hostile, hostile[:200])
    wheel.create_event(
        root,
        wheel.EventData(hostile, "apt", date(2026, 3, 3), all_day=False, start_time=time(8, 30)),
    )
    commit()
    exported = dump_bytes(root, AT)
    assert exported.decode("utf-8").endswith("}\n")
    with other_database(tmp_path, "sqlite://"):
        summary = restore(parse(exported))
        db.session.commit()
        update = db.session.scalars(select(ProgressUpdate)).one()
        assert update.comment == hostile
        assert dump_bytes(summary.root, AT) == exported


def test_the_file_is_deterministic_and_readable(app):
    root = make_org("Region Öst")
    make_plan(root)
    commit()
    first, second = dump_bytes(root, AT), dump_bytes(root, AT)
    assert first == second
    document = json.loads(first)
    assert document["format"] == "planner-backup" and document["version"] == 7
    assert document["exported_at"] == "2026-05-04T03:02:01.000000Z"
    assert (
        first.decode("utf-8")
        == json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    )
    assert [a["code"] for a in document["plan_areas"]] == [
        "G1",
        "G2",
        "G3",
        "G4",
        "F1",
        "F2",
        "F3",
        "F4",
        "F5",
    ]
    assert dump(root, AT)["organisations"][0]["parent_id"] is None
