"""The results pages send as many SQL statements for ten years of monthly values from 50 units
as for a handful of values: the database groups, no row is loaded one by one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, insert, select

from planner.extensions import db
from planner.models import utcnow
from planner.results.models import MeasureValue
from planner.results.periods import periods_between
from tests.factories import commit, make_measure, make_org, make_plan
from tests.test_query_counts import statements


def _fill(measure, units, years: int) -> None:
    """Every unit's value for every month of ``years`` years, inserted in one statement."""
    months = periods_between("monthly", date(2026 - years, 1, 1), date(2025, 12, 31))
    rows = [
        {
            "measure_id": measure.id,
            "organisation_id": unit.id,
            "period": period.key,
            "period_start": period.start,
            "period_end": period.end,
            "value": Decimal(70 + (u * 7 + m) % 30),
            "numerator": Decimal((70 + (u * 7 + m) % 30) // 5),
            "denominator": Decimal(20),
            "comment": "",
            "recorded_by": "Import",
            "recorded_at": utcnow(),
            "version": 1,
        }
        for u, unit in enumerate(units)
        for m, period in enumerate(months)
    ]
    db.session.execute(insert(MeasureValue), rows)


def _world(name: str, units: int, years: int, measures: int) -> dict:
    region = make_org(name)
    orgs = [make_org(f"{name} enhet {n:02d}", "enhet", region) for n in range(units)]
    plan = make_plan(region)
    main = make_measure(plan, name="BHK", rhythm="monthly", area_code="F3")
    for n in range(measures - 1):
        other = make_measure(plan, name=f"Mått {n}", rhythm="monthly", area_code="F1")
        _fill(other, orgs[:2], 1)
    _fill(main, orgs, years)
    commit()
    return {"plan": plan.id, "measure": main.id, "unit": orgs[0].id}


def test_results_pages_send_the_same_statements_for_few_and_6000_values(app, client, count_queries):
    small = _world("Liten", units=3, years=1, measures=2)
    large = _world("Stor", units=50, years=10, measures=12)
    assert (
        db.session.scalar(select(func.count()).where(MeasureValue.measure_id == large["measure"]))
        == 6000
    )
    urls = (
        lambda w: f"/planer/{w['plan']}/resultat",
        lambda w: f"/planer/{w['plan']}",
        lambda w: f"/planer/{w['plan']}/omraden/F3",
        lambda w: f"/matt/{w['measure']}",
        lambda w: f"/matt/{w['measure']}?enhet={w['unit']}",
        lambda w: f"/matt/{w['measure']}/period?period=2025-12",
        lambda w: f"/matt/{w['measure']}/varde?enhet={w['unit']}&period=2025-12",
    )
    app.config["RESULTS_CACHE_BYTES"] = 0  # count the building, not the kept content
    few = [statements(client, count_queries, url(small)) for url in urls]
    many = [statements(client, count_queries, url(large)) for url in urls]
    assert many == few
    app.config["RESULTS_CACHE_BYTES"] = 1024 * 1024  # and the kept results pages
    kept_few = [statements(client, count_queries, url(small)) for url in urls[:1] + urls[3:5]]
    kept_many = [statements(client, count_queries, url(large)) for url in urls[:1] + urls[3:5]]
    assert kept_many == kept_few
    assert all(k < b for k, b in zip(kept_many, many[:1] + many[3:5], strict=True))
