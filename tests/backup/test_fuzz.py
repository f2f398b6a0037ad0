"""Any change to a good backup file is either restored or refused with a BackupError, never
another exception (which the web page would answer with a 500), and a refusal writes nothing."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from planner.audit.models import AuditEvent
from planner.auth.models import EDITOR
from planner.backup.dump import dump
from planner.backup.format import BackupError, parse, to_bytes
from planner.backup.restore import restore
from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.orgs.models import Organisation
from planner.plans import services
from planner.wheel import services as wheel
from tests.factories import commit, make_activity, make_org, make_plan, make_user

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["2026-01-01", "2026-01-01T10:00:00Z", "10:00:00", "G1", "pagar", "x" * 400]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.fixture
def document(app):
    region = make_org("Region Fuzz")
    unit = make_org("Enheten", "enhet", region)
    plan = make_plan(region)
    goal = services.create_goal(plan, plan.areas[0].id, "Målet")
    activity = make_activity(plan, goal_id=goal.id, organisation_ids=[region.id, unit.id])
    services.record_progress(activity, date(2026, 1, 5), "pagar", 20, "Igång", "Anna")
    event = wheel.create_event(region, wheel.EventData("APT", "apt", date(2026, 2, 2)))
    wheel.set_done(event, date(2026, 2, 2), True, "Anna")
    subscriptions.create_subscription(region, "Intranätet", None)
    make_user("fuzz@test.se", EDITOR, unit)
    commit()
    data = dump(region, datetime(2026, 1, 1, tzinfo=UTC))
    # Restored into a fresh place each time: drop the original's subscription clash.
    db.session.execute(db.text("DELETE FROM subscription"))
    commit()
    return data


@settings(max_examples=6 * settings.default.max_examples)  # no request, no render: cheap
@given(data=st.data())
def test_a_changed_file_is_restored_or_refused_never_crashes(app, document, data):
    changed = copy.deepcopy(document)
    section = data.draw(
        st.sampled_from(sorted(k for k, v in changed.items() if isinstance(v, list) and v))
    )
    rows = changed[section]
    how = data.draw(st.sampled_from(["field", "row", "section"]))
    if how == "field":
        row = rows[data.draw(st.integers(0, len(rows) - 1))]
        key = data.draw(st.sampled_from(sorted(row)))
        row[key] = data.draw(JSON_VALUES)
    elif how == "row":
        rows[data.draw(st.integers(0, len(rows) - 1))] = data.draw(JSON_VALUES)
    else:
        changed[section] = data.draw(JSON_VALUES)
    parent = make_org(f"Plats {data.draw(st.integers(0, 10**9))}", "forum")
    db.session.flush()
    before = (
        db.session.scalar(select(func.count()).select_from(Organisation)),
        db.session.scalar(select(func.count()).select_from(AuditEvent)),
    )
    try:
        restore(parse(to_bytes(changed)), parent)
    except BackupError:
        after = (
            db.session.scalar(select(func.count()).select_from(Organisation)),
            db.session.scalar(select(func.count()).select_from(AuditEvent)),
        )
        assert after == before
    finally:
        db.session.rollback()
