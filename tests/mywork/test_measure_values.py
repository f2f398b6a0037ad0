"""My work lists the values due of the measures a person is responsible for: the latest ended
period without a value (results' own rule) and the current period when it ends within the
horizon, linking to the value form for that period; only in plans they can still see."""

from __future__ import annotations

from datetime import date

from flask import g

from planner.auth.models import Membership
from planner.clock import local_today
from planner.extensions import db
from planner.mywork.items import MEASURE, items_for
from planner.results.periods import latest_ended, period_containing
from tests.factories import commit, make_measure, make_org, make_plan, make_user, record
from tests.html import page

# A fixed day, so the periods are known: the second quarter ended on 30 June.
TODAY = date(2026, 7, 10)


def _world():
    region = make_org("Region Mått")
    unit = make_org("Avdelning 5", "enhet", region)
    plan = make_plan(region, title="Planen")
    anna = make_user("anna@test.se", "redaktor", region, name="Anna Ansvarig")
    bhk = make_measure(plan, name="BHK", rhythm="quarterly")
    bhk.responsible_user_id = anna.id
    falls = make_measure(plan, name="Fall", rhythm="monthly")
    falls.responsible_user_id = anna.id
    make_measure(plan, name="Någon annans", rhythm="monthly")
    dated = make_measure(plan, name="Punktprevalens", rhythm="dated")
    dated.responsible_user_id = anna.id
    commit()
    return region, unit, plan, anna, bhk, falls


def _measure_items(user, today=TODAY, horizon=28):
    return [
        (i.title, i.day.isoformat(), i.is_overdue(today))
        for i in items_for(user, today, horizon)
        if i.kind == MEASURE
    ]


def test_the_latest_ended_period_without_a_value_is_listed_overdue(app):
    region, unit, plan, anna, bhk, falls = _world()
    assert _measure_items(anna) == [
        ("BHK, kvartal 2 2026", "2026-06-30", True),  # same day: by title
        ("Fall, juni 2026", "2026-06-30", True),
        ("Fall, juli 2026", "2026-07-31", False),  # the current month ends within 28 days
    ]
    # a unit's value counts, as on the results page (the plan's figure is compiled from it)
    record(bhk, unit, "2026-Q2", 88)
    record(falls, region, "2026-07", 2)  # the current month recorded early
    commit()
    assert _measure_items(anna) == [("Fall, juni 2026", "2026-06-30", True)]
    record(falls, region, "2026-06", 3)
    commit()
    assert _measure_items(anna) == []
    # the next quarter: the third one is due once it has ended
    assert _measure_items(anna, date(2026, 10, 1), horizon=31) == [
        ("BHK, kvartal 3 2026", "2026-09-30", True),
        ("Fall, september 2026", "2026-09-30", True),
        ("Fall, oktober 2026", "2026-10-31", False),
    ]


def test_the_same_rule_as_the_results_page(app):
    from planner.results.queries import plan_summaries

    region, unit, plan, anna, bhk, falls = _world()
    record(bhk, unit, "2026-Q2", 88)
    commit()
    due = {s.measure.name: s.due for s in plan_summaries(plan, TODAY)}
    assert due["BHK"] is None and due["Fall"].key == "2026-06"
    assert [t for t, _d, late in _measure_items(anna) if late] == ["Fall, juni 2026"]


def test_not_in_archived_plans_nor_where_access_is_lost(app):
    region, unit, plan, anna, bhk, falls = _world()
    assert _measure_items(anna)
    plan.status = "arkiverad"
    commit()
    assert _measure_items(anna) == []
    plan.status = "faststalld"
    db.session.delete(db.session.scalars(db.select(Membership)).one())
    commit()
    g.pop("_planner_ranks", None)
    assert _measure_items(anna) == []


def test_the_row_links_to_the_value_form_for_the_period(app, anonymous):
    region, unit, plan, anna, bhk, falls = _world()
    today = local_today()
    due = latest_ended("quarterly", today)
    anonymous.login("anna@test.se")
    rows = page(anonymous.get("/mitt-arbete")).select("li.work-item")
    bhk_row = next(r for r in rows if "BHK" in r.get_text())
    assert "Mätvärde" in bhk_row.select_one(".tag").get_text()
    link = bhk_row.select_one(".work-title a")
    assert link.get_text(strip=True) == f"BHK, {due.label}"
    assert link["href"] == f"/matt/{bhk.id}/varde?period={due.key}"
    form = page(anonymous.get(link["href"]))
    assert form.select_one("select#period option[selected]")["value"] == due.key
    # recorded through the form: the row is gone
    anonymous.post(
        link["href"],
        data={
            "csrf_token": anonymous.csrf_token(link["href"]),
            "organisation_id": region.id,
            "period": due.key,
            "value": "91",
            "version": "0",
            "started_for": f"{region.id}:{due.key}",
        },
    )
    titles = [
        a.get_text(strip=True) for a in page(anonymous.get("/mitt-arbete")).select(".work-title a")
    ]
    assert f"BHK, {due.label}" not in titles
    assert period_containing("quarterly", today) is not None


def test_a_reader_is_linked_to_the_measure_page_not_the_form(app, anonymous):
    region, unit, plan, anna, bhk, falls = _world()
    anna.memberships[0].role = "lasare"
    commit()
    anonymous.login("anna@test.se")
    links = page(anonymous.get("/mitt-arbete")).select(".work-title a")
    bhk_link = next(a for a in links if a.get_text(strip=True).startswith("BHK"))
    assert bhk_link["href"] == f"/matt/{bhk.id}"
    assert anonymous.get(bhk_link["href"]).status_code == 200
