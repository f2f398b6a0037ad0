"""A plan's measures read with their latest two values only: the same points the full series
ends with, for every measure on its own."""

from __future__ import annotations

from decimal import Decimal

from planner.results.queries import recent_series, series
from tests.factories import commit, make_measure, make_org, make_plan, record


def test_each_measure_gets_its_own_latest_and_previous_value(app):
    region = make_org("Region Serie")
    unit = make_org("Avd 1", "enhet", region)
    plan = make_plan(region)
    quarterly = make_measure(plan, name="BHK")
    monthly = make_measure(plan, name="Fall", rhythm="monthly", direction="lower", warning=None)
    yearly = make_measure(plan, name="MJG", rhythm="yearly", direction="lower", warning=None)
    single = make_measure(plan, name="Ett värde")
    empty = make_measure(plan, name="Inga värden")
    for period, value in (("2025-Q3", 70), ("2025-Q4", 80), ("2026-Q1", 85)):
        record(quarterly, unit, period, value)
    for month in range(1, 13):
        record(monthly, region, f"2024-{month:02d}", month)
    record(yearly, region, "2023", 9)
    record(yearly, region, "2025", 7)
    record(single, unit, "2026-Q2", 50)
    commit()
    measures = [quarterly, monthly, yearly, single, empty]
    recent = recent_series(measures, region.id)
    full = series(measures, region.id)
    for measure in measures:
        assert recent[measure.id] == full[measure.id][-2:], measure.name
    assert [p.value for p in recent[monthly.id]] == [Decimal(11), Decimal(12)]
    assert [p.period.key for p in recent[yearly.id]] == ["2023", "2025"]
    assert recent[empty.id] == []


def test_deleting_a_goal_keeps_its_measures(app):
    from planner.extensions import db
    from planner.plans import services
    from planner.results.models import Measure

    plan = make_plan(make_org("Region Mål"))
    goal = services.create_goal(plan, plan.areas[6].id, "Inga vårdskador")
    measure = make_measure(plan, goal_id=goal.id)
    commit()
    services.delete_goal(goal)
    commit()
    db.session.expire_all()
    assert db.session.get(Measure, measure.id).goal_id is None
